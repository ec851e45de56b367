//! A small HTTP server on 127.0.0.1 that stands in for other sites: it answers by
//! path, counts the requests to every path and method, and keeps the most requests it
//! handled at the same time. Every answer closes its connection, so that a request
//! is a connection and nothing waits in a client's pool.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The running server; it lives until the test process ends.
pub struct Server {
    port: u16,
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    /// `METHOD /path?query` → when each request came.
    requests: Mutex<BTreeMap<String, Vec<Instant>>>,
    /// The `User-Agent` of every request.
    agents: Mutex<Vec<String>>,
    active: AtomicUsize,
    most: AtomicUsize,
}

impl Server {
    /// Listens on a free port of 127.0.0.1 and answers on a thread per connection.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("address").port();
        let shared = Arc::new(Shared::default());
        let serving = Arc::clone(&shared);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = Arc::clone(&serving);
                std::thread::spawn(move || answer(stream, &shared));
            }
        });
        Server { port, shared }
    }

    /// The port, for hiding it in snapshots.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// How often `method` asked for `target` (path and query).
    pub fn count(&self, method: &str, target: &str) -> usize {
        self.times(method, target).len()
    }

    /// When `method` asked for `target`.
    pub fn times(&self, method: &str, target: &str) -> Vec<Instant> {
        let requests = self.shared.requests.lock().expect("not poisoned");
        requests
            .get(&format!("{method} {target}"))
            .cloned()
            .unwrap_or_default()
    }

    /// Every request so far.
    pub fn total(&self) -> usize {
        let requests = self.shared.requests.lock().expect("not poisoned");
        requests.values().map(Vec::len).sum()
    }

    /// The `User-Agent` headers sent so far, without repeats.
    pub fn agents(&self) -> Vec<String> {
        let mut agents = self.shared.agents.lock().expect("not poisoned").clone();
        agents.sort();
        agents.dedup();
        agents
    }

    /// The most requests handled at the same time.
    pub fn most_at_once(&self) -> usize {
        self.shared.most.load(Ordering::SeqCst)
    }
}

/// A port on 127.0.0.1 where nothing listens (it did a moment ago).
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.local_addr().expect("address").port()
}

fn answer(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Some((method, target, agent)) = read_head(&mut stream) else {
        return;
    };
    shared.agents.lock().expect("not poisoned").push(agent);
    let earlier = {
        let mut requests = shared.requests.lock().expect("not poisoned");
        let times = requests.entry(format!("{method} {target}")).or_default();
        times.push(Instant::now());
        // Requests to this target with either method before this one.
        let other = if method == "HEAD" { "GET" } else { "HEAD" };
        let others = requests
            .get(&format!("{other} {target}"))
            .map_or(0, Vec::len);
        requests[&format!("{method} {target}")].len() - 1 + others
    };
    let now = shared.active.fetch_add(1, Ordering::SeqCst) + 1;
    shared.most.fetch_max(now, Ordering::SeqCst);
    let path = target.split('?').next().unwrap_or_default();
    let (status, extra) = route(&method, path, earlier);
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Service Unavailable",
    };
    let body = format!("{status} {reason}\n");
    let mut response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
        body.len()
    );
    if method != "HEAD" {
        response.push_str(&body);
    }
    // Counted as done before the answer leaves: once the client has it, it may start its
    // next request before this thread would get to count this one done, and a loaded
    // machine then saw one more request at once than the client ever had open.
    shared.active.fetch_sub(1, Ordering::SeqCst);
    let _ = stream.write_all(response.as_bytes());
}

/// The status and extra header lines for `path`; `earlier` requests came before.
fn route(method: &str, path: &str, earlier: usize) -> (u16, String) {
    let plain = |status| (status, String::new());
    match path {
        "/ok" => plain(200),
        "/weiter" => (301, "Location: /ok\r\n".into()),
        "/kreis" => (302, "Location: /kreis\r\n".into()),
        "/wackelig" if earlier == 0 => plain(500),
        "/wackelig" => plain(200),
        "/bitte-warten" if earlier == 0 => (429, "Retry-After: 1\r\n".into()),
        "/bitte-warten" => plain(200),
        "/nur-get" if method == "HEAD" => plain(405),
        "/nur-get" => plain(200),
        "/verboten" => plain(403),
        "/gestoert" => plain(503),
        "/langsam" => {
            std::thread::sleep(Duration::from_secs(3));
            plain(200)
        }
        "/gemaechlich" => {
            std::thread::sleep(Duration::from_millis(300));
            plain(200)
        }
        _ => plain(404),
    }
}

/// The method and target of the request line and the `User-Agent`, once the whole
/// head is read.
fn read_head(stream: &mut TcpStream) -> Option<(String, String, String)> {
    let mut head = Vec::new();
    let mut buf = [0; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 || head.len() > 64 * 1024 {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    let agent = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("user-agent")
                .then(|| value.trim().to_string())
        })
        .unwrap_or_default();
    let mut parts = head.lines().next()?.split(' ');
    Some((parts.next()?.to_string(), parts.next()?.to_string(), agent))
}
