//! `lernort serve` from the outside: the real binary on a copy of a fixture site, spoken
//! to over raw HTTP/1.1 and server-sent events. Every wait is bounded; a failure says
//! what was awaited and shows the server's output.
//!
//! Layout of each test's temp folder: `site/` (the fixture plus the test theme in
//! `themes/test`), and next to it whatever must stay outside the site (a secret file,
//! a clean build's output).

mod common;

use common::copy_tree;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest any single wait may take before the test fails.
const WAIT: Duration = Duration::from_secs(10);
/// How often a condition is polled.
const POLL: Duration = Duration::from_millis(20);
/// The start of the live reload script the server injects into HTML responses.
const LIVE: &str = "<script data-lernort-live>";
/// The id of the error overlay.
const OVERLAY: &str = "lernort-error-overlay";
/// Lives in a file outside the site; no response may ever contain it.
const SECRET: &str = "GEHEIM-4f1c9a-nicht-ausliefern";

fn lernort() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lernort"))
}

// --- Site copies ----------------------------------------------------------------------

/// A temp folder holding a copy of a fixture in `site/`.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// `tests/fixtures/<name>` in `site/`, with the test theme in `site/themes/test`.
    fn new(name: &str) -> Sandbox {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("site");
        copy_tree(&fixtures.join(name), &site);
        copy_tree(&fixtures.join("_theme"), &site.join("themes/test"));
        Sandbox { dir }
    }

    /// The temp folder around the site.
    fn outer(&self) -> &Path {
        self.dir.path()
    }

    fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.site().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        let path = self.path(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Writes a file the way careful editors save: into a hidden temporary file next
    /// to it, then renamed over it, so the watcher never sees a half-written file.
    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        let dir = path.parent().expect("has parent");
        std::fs::create_dir_all(dir).expect("create dir");
        let name = path.file_name().expect("file name").to_string_lossy();
        let tmp = dir.join(format!(".{name}.lernort-test"));
        std::fs::write(&tmp, text).expect("write temp file");
        std::fs::rename(&tmp, &path).expect("rename temp file");
    }

    fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).expect("remove file");
    }

    fn rename(&self, from: &str, to: &str) {
        std::fs::rename(self.path(from), self.path(to)).expect("rename file");
    }

    /// Runs `lernort --root site <args>` to completion (for `build`).
    fn run(&self, args: &[&str]) -> std::process::Output {
        lernort()
            .arg("--root")
            .arg(self.site())
            .args(args)
            .output()
            .expect("binary runs")
    }
}

// --- The server process ---------------------------------------------------------------

/// A running `lernort serve`; killed when dropped.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`, without the trailing slash.
    url: String,
    /// `127.0.0.1:PORT`.
    addr: String,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `lernort --root SITE serve <args>` and waits for its `Serving` line.
    fn start(site: &Path, args: &[&str]) -> Server {
        let mut child = lernort()
            .arg("--root")
            .arg(site)
            .arg("serve")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("lernort starts");
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        {
            let out = child.stdout.take().expect("stdout piped");
            let lines = Arc::clone(&stdout);
            std::thread::spawn(move || {
                for line in BufReader::new(out).lines() {
                    let Ok(line) = line else { break };
                    lines.lock().expect("lock").push(line.clone());
                    let _ = tx.send(line);
                }
            });
        }
        {
            let mut err = child.stderr.take().expect("stderr piped");
            let text = Arc::clone(&stderr);
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = err.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    text.lock()
                        .expect("lock")
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        let mut server = Server {
            child,
            url: String::new(),
            addr: String::new(),
            stdout,
            stderr,
        };
        let deadline = Instant::now() + WAIT;
        let serving = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) if line.starts_with("Serving ") => break line,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no `Serving` line within {WAIT:?}\n{}", server.log())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = server.child.wait().ok();
                    // Give the stderr reader a moment to collect the last message.
                    let until = Instant::now() + Duration::from_secs(2);
                    while server.stderr().is_empty() && Instant::now() < until {
                        std::thread::sleep(POLL);
                    }
                    panic!(
                        "lernort serve exited ({status:?}) before serving\n{}",
                        server.log()
                    )
                }
            }
        };
        let start = serving
            .find("http://")
            .unwrap_or_else(|| panic!("no URL in {serving:?}"));
        let end = serving[start..]
            .find("/ ")
            .map(|i| start + i)
            .unwrap_or_else(|| panic!("URL in {serving:?} does not end in `/ `"));
        server.url = serving[start..end].to_string();
        server.addr = server.url.trim_start_matches("http://").to_string();
        server
    }

    fn stdout(&self) -> Vec<String> {
        self.stdout.lock().expect("lock").clone()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().expect("lock").clone()
    }

    /// The server's output so far, for failure messages.
    fn log(&self) -> String {
        format!(
            "--- lernort stdout:\n{}\n--- lernort stderr:\n{}",
            self.stdout().join("\n"),
            self.stderr()
        )
    }

    /// Polls `ok` until it holds; fails after [`WAIT`] naming `what`.
    fn wait_for(&self, what: &str, mut ok: impl FnMut() -> bool) {
        let deadline = Instant::now() + WAIT;
        while !ok() {
            assert!(
                Instant::now() < deadline,
                "waited {WAIT:?} for {what}\n{}",
                self.log()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Fails unless the process is still running.
    fn assert_running(&mut self) {
        let status = self.child.try_wait().expect("try_wait");
        assert!(
            status.is_none(),
            "lernort serve stopped ({status:?})\n{}",
            self.log()
        );
    }

    fn request(&self, method: &str, target: &str) -> Response {
        http(&self.addr, method, target)
            .unwrap_or_else(|e| panic!("{method} {target}: {e}\n{}", self.log()))
    }

    fn get(&self, target: &str) -> Response {
        self.request("GET", target)
    }

    /// A page that must exist: its body as text.
    fn page(&self, target: &str) -> String {
        let r = self.get(target);
        assert_eq!(r.status, 200, "GET {target}:\n{}", r.text());
        r.text()
    }

    /// Opens the event stream and waits for its first message (`retry: 500`).
    fn events(&self) -> Events {
        Events::open(&self.addr).unwrap_or_else(|e| panic!("event stream: {e}\n{}", self.log()))
    }
}

// --- HTTP/1.1 client ------------------------------------------------------------------

/// One HTTP response.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn connect(addr: &str) -> std::io::Result<TcpStream> {
    let sock = addr
        .parse()
        .map_err(|e| std::io::Error::other(format!("{addr}: {e}")))?;
    let stream = TcpStream::connect_timeout(&sock, WAIT)?;
    stream.set_read_timeout(Some(WAIT))?;
    stream.set_write_timeout(Some(WAIT))?;
    Ok(stream)
}

/// Sends one request with `Connection: close` and reads the response to the end. The
/// request target is sent exactly as given (no normalisation, no encoding).
fn http(addr: &str, method: &str, target: &str) -> std::io::Result<Response> {
    let mut stream = connect(addr)?;
    let body = if method == "POST" { "x=1" } else { "" };
    let mut request =
        format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if !body.is_empty() {
        request.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes())?;
    stream.flush()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let bad =
        |why: &str| std::io::Error::other(format!("{why}: {:?}", String::from_utf8_lossy(&raw)));
    let head_end = find(&raw, b"\r\n\r\n").ok_or_else(|| bad("no end of headers"))?;
    let head = std::str::from_utf8(&raw[..head_end]).map_err(|_| bad("headers not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status code"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let rest = raw[head_end + 4..].to_vec();
    let mut response = Response {
        status,
        headers,
        body: Vec::new(),
    };
    response.body = if method == "HEAD" {
        // Whatever followed the headers: must be nothing.
        rest
    } else if response
        .header("Transfer-Encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
    {
        dechunk(&rest).ok_or_else(|| bad("broken chunked body"))?
    } else if let Some(len) = response.header("Content-Length") {
        let len: usize = len.parse().map_err(|_| bad("bad Content-Length"))?;
        if rest.len() < len {
            return Err(bad("body shorter than Content-Length"));
        }
        rest[..len].to_vec()
    } else {
        rest
    };
    Ok(response)
}

/// Decodes a `Transfer-Encoding: chunked` body.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

// --- Server-sent events -----------------------------------------------------------------

/// One server-sent event.
#[derive(Debug, Clone)]
struct Event {
    /// `event:`, `message` when absent.
    name: String,
    /// `data:` lines joined with `\n`.
    data: String,
    /// `retry:`.
    retry: Option<u64>,
}

impl Event {
    fn parse(block: &str) -> Option<Event> {
        let mut event = Event {
            name: "message".into(),
            data: String::new(),
            retry: None,
        };
        let mut any = false;
        for line in block.lines() {
            if line.starts_with(':') {
                continue; // A comment (`: ping`).
            }
            let (field, value) = line.split_once(':').unwrap_or((line, ""));
            let value = value.strip_prefix(' ').unwrap_or(value);
            any = true;
            match field {
                "event" => event.name = value.to_string(),
                "data" => {
                    if !event.data.is_empty() {
                        event.data.push('\n');
                    }
                    event.data.push_str(value);
                }
                "retry" => event.retry = value.parse().ok(),
                _ => {}
            }
        }
        any.then_some(event)
    }

    /// `N` of `{"changed":N}`.
    fn changed(&self) -> Option<u64> {
        let rest = self.data.split("\"changed\":").nth(1)?;
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }

    fn is_error(&self) -> bool {
        self.data.replace(' ', "").contains("\"error\":true")
    }
}

/// The open event stream; events arrive through a channel from a reader thread.
struct Events {
    rx: Receiver<Event>,
    stream: TcpStream,
}

impl Drop for Events {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}

impl Events {
    fn open(addr: &str) -> std::io::Result<Events> {
        let mut stream = connect(addr)?;
        stream.set_read_timeout(None)?;
        write!(
            stream,
            "GET /__lernort/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )?;
        stream.flush()?;
        let reader = stream.try_clone()?;
        let (head_tx, head_rx) = mpsc::channel();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || read_events(reader, &head_tx, &tx));
        let head: String = head_rx
            .recv_timeout(WAIT)
            .map_err(|_| std::io::Error::other("no response headers"))?;
        let status_ok = head.lines().next().is_some_and(|l| l.contains(" 200"));
        let sse = head.lines().any(|l| {
            l.split_once(':').is_some_and(|(n, v)| {
                n.eq_ignore_ascii_case("content-type") && v.trim().starts_with("text/event-stream")
            })
        });
        if !status_ok || !sse {
            return Err(std::io::Error::other(format!(
                "not an event stream:\n{head}"
            )));
        }
        let events = Events { rx, stream };
        let first = events.next("the first message of the event stream");
        if first.retry != Some(500) {
            return Err(std::io::Error::other(format!(
                "the stream must start with `retry: 500`, not {first:?}"
            )));
        }
        Ok(events)
    }

    /// The next event, whatever it is.
    fn next(&self, what: &str) -> Event {
        match self.rx.recv_timeout(WAIT) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => panic!("no event within {WAIT:?}: {what}"),
            Err(RecvTimeoutError::Disconnected) => panic!("the event stream closed: {what}"),
        }
    }
}

/// Reads the stream: headers to `head`, then each complete event to `events`.
fn read_events(mut stream: TcpStream, head: &mpsc::Sender<String>, events: &mpsc::Sender<Event>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let mut in_body = false;
    loop {
        let n = match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
        if !in_body {
            let Some(end) = find(&buf, b"\r\n\r\n") else {
                continue;
            };
            let _ = head.send(String::from_utf8_lossy(&buf[..end]).into_owned());
            buf.drain(..end + 4);
            in_body = true;
        }
        while let Some(end) = find(&buf, b"\n\n") {
            let block = String::from_utf8_lossy(&buf[..end]).replace('\r', "");
            buf.drain(..end + 2);
            if let Some(event) = Event::parse(&block)
                && events.send(event).is_err()
            {
                return;
            }
        }
    }
}

// --- A preview session ------------------------------------------------------------------

/// A fixture copy, its server and an open event stream, with the watcher known to be
/// running. Fields drop in order: stream, server (killed), folder.
struct Preview {
    events: Events,
    server: Server,
    sandbox: Sandbox,
}

impl Preview {
    fn start(fixture: &str) -> Preview {
        Preview::start_in(Sandbox::new(fixture))
    }

    fn start_in(sandbox: Sandbox) -> Preview {
        let server = Server::start(&sandbox.site(), &["--port", "0"]);
        let events = server.events();
        let preview = Preview {
            events,
            server,
            sandbox,
        };
        preview.wait_until_watching();
        preview
    }

    /// The watcher starts after the `Serving` line. Rewrites `site.yaml` unchanged until
    /// a rebuild reports (with `{"changed":0}`, which `change` skips).
    fn wait_until_watching(&self) {
        let config = self.sandbox.read("site.yaml");
        let deadline = Instant::now() + WAIT;
        let mut patience = Duration::from_millis(500);
        loop {
            self.sandbox.write("site.yaml", &config);
            match self.events.rx.recv_timeout(patience) {
                Ok(event) => {
                    assert_eq!(
                        event.changed(),
                        Some(0),
                        "rewriting site.yaml unchanged must change no file: {event:?}\n{}",
                        self.server.log()
                    );
                    return;
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the event stream closed\n{}", self.server.log())
                }
            }
            assert!(
                Instant::now() < deadline,
                "the watcher did not report a change to site.yaml within {WAIT:?}\n{}",
                self.server.log()
            );
            patience = (patience * 2).min(Duration::from_secs(3));
        }
    }

    /// The next event that reports a change, failing with the server's output.
    fn change(&self, what: &str) -> Event {
        let rx = &self.events.rx;
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(event) if event.changed() != Some(0) && event.retry.is_none() => return event,
                Ok(_) => {}
                Err(e) => panic!(
                    "no change event ({e:?}) within {WAIT:?} after {what}\n{}",
                    self.server.log()
                ),
            }
        }
    }

    /// Waits for the next change event, which must be a successful `reload`.
    fn reload(&self, what: &str) -> Event {
        let event = self.change(what);
        assert_eq!(
            event.name,
            "reload",
            "after {what}: {event:?}\n{}",
            self.server.log()
        );
        assert!(
            !event.is_error() && event.changed().is_some_and(|n| n > 0),
            "after {what}, a reload with `changed` > 0: {event:?}\n{}",
            self.server.log()
        );
        event
    }

    /// Polls `target` until its body satisfies `ok`.
    fn wait_for_page(&self, what: &str, target: &str, mut ok: impl FnMut(&Response) -> bool) {
        self.server.wait_for(&format!("{what} (GET {target})"), || {
            ok(&self.server.get(target))
        });
    }

    fn get(&self, target: &str) -> Response {
        self.server.get(target)
    }

    fn page(&self, target: &str) -> String {
        self.server.page(target)
    }
}

/// The HTML without the injected live script; fails unless it was there exactly once.
fn strip_live(html: &str, target: &str) -> String {
    let start = html
        .find(LIVE)
        .unwrap_or_else(|| panic!("{target}: no live reload script in\n{html}"));
    let end = html[start..]
        .find("</script>")
        .map(|i| start + i + "</script>".len())
        .unwrap_or_else(|| panic!("{target}: live script not closed"));
    let stripped = format!("{}{}", &html[..start], &html[end..]);
    assert!(
        !stripped.contains("data-lernort-live"),
        "{target}: the live script is injected more than once"
    );
    stripped
}

/// Percent-encodes a path for a request target (keeps `/` and unreserved characters).
fn encode_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Every file under `dir`, relative and `/`-separated, with its bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("readable");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("inside");
            let rel = rel.to_str().expect("UTF-8 name").replace('\\', "/");
            files.push((rel, std::fs::read(entry.path()).expect("read")));
        }
    }
    files
}

const KNOTENPUNKTE: &str = "content/projekte/knotenpunkte.md";

// --- 1. Serving -----------------------------------------------------------------------------

#[test]
fn serves_pages_redirects_folders_and_answers_errors() {
    let p = Preview::start("basic");

    let r = p.get("/projekte/knotenpunkte/");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("Cache-Control"), Some("no-store"));
    let html = r.text();
    assert!(
        html.contains("<title>Knotenpunkte für Grundbildung – KBM Test</title>"),
        "{html}"
    );
    assert!(html.contains("Das Projektteam entwickelt"), "{html}");
    let script = html.find(LIVE).expect("live script injected");
    let body_end = html.rfind("</body>").expect("</body>");
    assert!(
        script < body_end,
        "the live script goes before </body>:\n{html}"
    );
    assert!(html.contains("/__lernort/events"), "{html}");
    assert!(
        !html.contains(OVERLAY),
        "no overlay without an error:\n{html}"
    );

    // The home page and a folder's index.html.
    assert!(p.page("/").contains("<h1>Startseite</h1>"));
    assert!(p.page("/projekte/index.html").contains("<h1>Projekte</h1>"));
    assert!(
        p.page("/projekte/?ansicht=liste")
            .contains("<h1>Projekte</h1>")
    );

    let r = p.get("/projekte");
    assert_eq!(r.status, 301, "{}", r.text());
    assert_eq!(r.header("Location"), Some("/projekte/"));

    let r = p.get("/gibt-es-nicht/");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert!(
        r.text().contains("Seite nicht gefunden"),
        "the site's 404 page:\n{}",
        r.text()
    );
    assert!(r.text().contains(LIVE), "{}", r.text());
    assert_eq!(p.get("/projekte/gibt-es-nicht.pdf").status, 404);

    let r = p.server.request("POST", "/projekte/knotenpunkte/");
    assert_eq!(r.status, 405, "{}", r.text());
    assert!(
        r.header("Allow")
            .is_some_and(|a| a.contains("GET") && a.contains("HEAD")),
        "405 names the allowed methods: {:?}",
        r.headers
    );
    let r = p.server.request("DELETE", "/");
    assert_eq!(r.status, 405);

    let r = p.server.request("HEAD", "/projekte/knotenpunkte/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert!(r.body.is_empty(), "HEAD has no body: {:?}", r.text());

    let css = p.sandbox.read("themes/test/assets/css/test.css");
    for target in ["/css/test.css", "/css/test.css?h=123"] {
        let r = p.get(target);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(
            r.header("Content-Type"),
            Some("text/css; charset=utf-8"),
            "{target}"
        );
        assert_eq!(r.text(), css, "{target}");
        assert!(!r.text().contains(LIVE));
    }
}

/// HEAD answers with GET's status and headers but no body; a `Content-Length`, if
/// sent, must be the GET body's length (RFC 9110, section 8.6).
#[test]
fn head_answers_like_get_without_a_body() {
    let p = Preview::start("basic");
    for target in [
        "/",
        "/projekte/knotenpunkte/",
        "/css/test.css",
        "/gibt-es-nicht/",
    ] {
        let get = p.get(target);
        let head = p.server.request("HEAD", target);
        assert_eq!(head.status, get.status, "{target}");
        assert_eq!(
            head.header("Content-Type"),
            get.header("Content-Type"),
            "{target}"
        );
        assert!(head.body.is_empty(), "{target}: HEAD has no body");
        if let Some(len) = head.header("Content-Length") {
            assert_eq!(
                len,
                get.body.len().to_string(),
                "{target}: HEAD's Content-Length must equal the GET body's length"
            );
        }
    }
}

// --- 2. Editing a page ------------------------------------------------------------------------

#[test]
fn editing_a_page_reloads_with_the_new_text() {
    let p = Preview::start("basic");
    assert!(!p.page("/projekte/knotenpunkte/").contains("Neuer Absatz"));

    let text = p.sandbox.read(KNOTENPUNKTE);
    p.sandbox.write(
        KNOTENPUNKTE,
        &format!("{text}\nNeuer Absatz über Lernorte.\n"),
    );
    p.reload("editing knotenpunkte.md");
    p.wait_for_page("the new paragraph", "/projekte/knotenpunkte/", |r| {
        r.status == 200 && r.text().contains("<p>Neuer Absatz über Lernorte.</p>")
    });
    let html = p.page("/projekte/knotenpunkte/");
    assert_eq!(html.matches("data-lernort-live").count(), 1, "{html}");

    // One line per rebuild on stdout, naming the changed file.
    p.server.wait_for("the rebuild line on stdout", || {
        p.server.stdout().iter().any(|l| {
            l.starts_with("content/projekte/knotenpunkte.md: ")
                && l.contains(" updated in ")
                && l.ends_with(" ms")
        })
    });

    // A second edit of the same page works too.
    let text = p.sandbox.read(KNOTENPUNKTE);
    p.sandbox
        .write(KNOTENPUNKTE, &text.replace("Neuer Absatz", "Zweiter Stand"));
    p.reload("editing knotenpunkte.md again");
    p.wait_for_page("the second edit", "/projekte/knotenpunkte/", |r| {
        r.text().contains("Zweiter Stand über Lernorte.") && !r.text().contains("Neuer Absatz")
    });
}

// --- 3. Editing a template -------------------------------------------------------------------

#[test]
fn editing_the_theme_page_template_updates_every_page() {
    let p = Preview::start("basic");
    let template = "themes/test/templates/page.html";
    let text = p.sandbox.read(template);
    p.sandbox.write(
        template,
        &text.replace(
            "</article>",
            "</article>\n<p class=\"stand\">Vorlage geändert</p>",
        ),
    );
    p.reload("editing the theme's page.html");
    for target in ["/projekte/knotenpunkte/", "/projekte/lernen-vor-ort/"] {
        p.wait_for_page("the changed template", target, |r| {
            r.status == 200 && r.text().contains("<p class=\"stand\">Vorlage geändert</p>")
        });
    }
    // Sections use their own template.
    assert!(!p.page("/projekte/").contains("Vorlage geändert"));
}

#[test]
fn editing_a_site_template_that_overrides_the_theme_updates_every_page() {
    let sandbox = Sandbox::new("basic");
    let theme = sandbox.read("themes/test/templates/page.html");
    sandbox.write(
        "templates/page.html",
        &theme.replace(
            "</article>",
            "</article>\n<p class=\"stand\">Eigene Vorlage 1</p>",
        ),
    );
    let p = Preview::start_in(sandbox);
    assert!(
        p.page("/projekte/knotenpunkte/")
            .contains("Eigene Vorlage 1")
    );

    let text = p.sandbox.read("templates/page.html");
    p.sandbox.write(
        "templates/page.html",
        &text.replace("Eigene Vorlage 1", "Eigene Vorlage 2"),
    );
    p.reload("editing the site's templates/page.html");
    for target in ["/projekte/knotenpunkte/", "/projekte/lernen-vor-ort/"] {
        p.wait_for_page("the site's changed template", target, |r| {
            r.text().contains("Eigene Vorlage 2") && !r.text().contains("Eigene Vorlage 1")
        });
    }
}

/// The site has no `templates/` folder when the preview starts; creating
/// `templates/page.html` then must override the theme like it does in `build`.
#[test]
fn a_site_template_created_while_serving_overrides_the_theme() {
    let p = Preview::start("basic");
    assert!(!p.sandbox.path("templates").exists());
    let theme = p.sandbox.read("themes/test/templates/page.html");
    p.sandbox.write(
        "templates/page.html",
        &theme.replace(
            "</article>",
            "</article>\n<p class=\"stand\">Neue eigene Vorlage</p>",
        ),
    );
    p.reload("creating templates/page.html");
    for target in ["/projekte/knotenpunkte/", "/projekte/lernen-vor-ort/"] {
        p.wait_for_page("the new site template", target, |r| {
            r.text().contains("Neue eigene Vorlage")
        });
    }
}

// --- 4. Adding and deleting a page -----------------------------------------------------------

#[test]
fn adding_and_deleting_a_page_updates_the_section_list() {
    let p = Preview::start("basic");
    let new = "content/projekte/neues-projekt.md";
    assert!(!p.page("/projekte/").contains("/projekte/neues-projekt/"));
    assert_eq!(p.get("/projekte/neues-projekt/").status, 404);

    p.sandbox.write(
        new,
        "---\ntitle: Neues Projekt\nweight: 3\n---\nEin ganz neues Projekt.\n",
    );
    p.reload("adding a page");
    p.wait_for_page("the new link on the section", "/projekte/", |r| {
        r.text()
            .contains("<a href=\"/projekte/neues-projekt/\">Neues Projekt</a>")
    });
    let html = p.page("/projekte/neues-projekt/");
    assert!(html.contains("<h1>Neues Projekt</h1>"), "{html}");
    assert!(html.contains("Ein ganz neues Projekt."), "{html}");

    p.sandbox.remove(new);
    p.reload("deleting the page");
    p.wait_for_page("the link gone from the section", "/projekte/", |r| {
        r.status == 200 && !r.text().contains("/projekte/neues-projekt/")
    });
    let r = p.get("/projekte/neues-projekt/");
    assert_eq!(r.status, 404, "{}", r.text());
    assert!(r.text().contains("Seite nicht gefunden"), "{}", r.text());
    assert!(!r.text().contains("Ein ganz neues Projekt."));
    // The other pages are still there.
    assert!(
        p.page("/projekte/")
            .contains("Knotenpunkte für Grundbildung")
    );
}

// --- 5. A failing rebuild ---------------------------------------------------------------------

#[test]
fn a_broken_front_matter_shows_the_overlay_over_the_last_good_page_until_fixed() {
    let mut p = Preview::start("basic");
    let good = p.sandbox.read(KNOTENPUNKTE);

    // `<kaputt>` checks that the overlay escapes the message.
    p.sandbox.write(
        KNOTENPUNKTE,
        "---\ntitle: [<kaputt>]\nweight: 1\n---\nDieser Text ist noch nicht gültig.\n",
    );
    let event = p.change("breaking the front matter");
    assert_eq!(event.name, "reload", "{event:?}");
    assert!(
        event.is_error(),
        "a failed rebuild reports an error: {event:?}"
    );

    for target in ["/projekte/knotenpunkte/", "/projekte/lernen-vor-ort/", "/"] {
        let r = p.get(target);
        assert_eq!(r.status, 200, "{target} keeps its last good version");
        let html = r.text();
        assert!(html.contains(OVERLAY), "{target}: overlay missing:\n{html}");
        assert!(
            html.contains("content/projekte/knotenpunkte.md:2"),
            "{target}: the overlay names the file and line:\n{html}"
        );
        assert!(
            html.contains("&lt;kaputt&gt;") && !html.contains("<kaputt>"),
            "{target}: the error text is HTML-escaped:\n{html}"
        );
        assert!(html.contains(LIVE), "{target}: still live:\n{html}");
    }
    let html = p.page("/projekte/knotenpunkte/");
    assert!(
        html.contains("<h1>Knotenpunkte für Grundbildung</h1>")
            && html.contains("Das Projektteam entwickelt"),
        "the last good content stays:\n{html}"
    );
    assert!(!html.contains("noch nicht gültig"), "{html}");
    let overlay = html.find(OVERLAY).expect("overlay");
    assert!(overlay < html.rfind("</body>").expect("</body>"));
    // The 404 page shows it too; non-HTML files do not.
    let r = p.get("/gibt-es-nicht/");
    assert_eq!(r.status, 404);
    assert!(r.text().contains(OVERLAY), "{}", r.text());
    assert!(!p.get("/css/test.css").text().contains(OVERLAY));
    p.server.wait_for("`rebuild failed` on stderr", || {
        p.server
            .stderr()
            .contains("content/projekte/knotenpunkte.md: rebuild failed")
    });

    // An unknown key is an error too; the overlay follows the latest error.
    p.sandbox.write(
        KNOTENPUNKTE,
        "---\ntitle: Knotenpunkte\nfarbe: blau\n---\nImmer noch kaputt.\n",
    );
    let event = p.change("an unknown front matter key");
    assert!(event.is_error(), "{event:?}");
    p.wait_for_page(
        "the overlay naming the unknown key",
        "/projekte/knotenpunkte/",
        |r| {
            r.text().contains(OVERLAY)
                && r.text().contains("farbe")
                && r.text().contains("content/projekte/knotenpunkte.md:3")
        },
    );

    // Fixed: a normal reload, the new text, no overlay anywhere.
    p.sandbox.write(
        KNOTENPUNKTE,
        &good.replace(
            "Das Projektteam entwickelt",
            "Repariert: das Projektteam entwickelt",
        ),
    );
    let event = p.reload("fixing the front matter");
    assert!(!event.is_error(), "{event:?}");
    p.wait_for_page("the fixed page", "/projekte/knotenpunkte/", |r| {
        r.text().contains("Repariert: das Projektteam entwickelt")
    });
    for target in [
        "/projekte/knotenpunkte/",
        "/projekte/lernen-vor-ort/",
        "/",
        "/nix/",
    ] {
        let html = p.get(target).text();
        assert!(
            !html.contains(OVERLAY),
            "{target}: overlay still there:\n{html}"
        );
        assert!(html.contains(LIVE), "{target}");
    }
    p.server.assert_running();
}

// --- 6. Stylesheets ---------------------------------------------------------------------------

#[test]
fn editing_only_a_stylesheet_sends_a_css_event() {
    let p = Preview::start("basic");
    let css = "themes/test/assets/css/test.css";
    let text = p.sandbox.read(css);
    let new = format!("{text}main {{ max-width: 40rem; }}\n");
    p.sandbox.write(css, &new);
    let event = p.change("editing test.css");
    assert_eq!(
        event.name, "css",
        "a stylesheet edit swaps styles: {event:?}"
    );
    assert!(!event.is_error(), "{event:?}");
    p.wait_for_page("the new stylesheet", "/css/test.css", |r| {
        r.status == 200 && r.text() == new
    });

    // A page edit after it is a reload again.
    let page = p.sandbox.read(KNOTENPUNKTE);
    p.sandbox
        .write(KNOTENPUNKTE, &format!("{page}\nNach dem Stil.\n"));
    p.reload("editing a page after the stylesheet");
}

// --- 7. Paths that try to leave the site ------------------------------------------------------

#[test]
fn paths_outside_the_output_are_never_served() {
    let sandbox = Sandbox::new("basic");
    let outside_txt = sandbox.outer().join("secret.txt");
    let outside_md = sandbox.outer().join("secret.md");
    std::fs::write(&outside_txt, format!("{SECRET}\n")).expect("write secret");
    std::fs::write(&outside_md, format!("---\ntitle: Geheim\n---\n{SECRET}\n"))
        .expect("write secret page");
    std::fs::create_dir_all(sandbox.path("assets")).expect("assets dir");
    let mut p = Preview::start_in(sandbox);

    let refused = |p: &Preview, target: &str| {
        let r = p.get(target);
        let body = r.text();
        assert!(
            r.status == 400 || r.status == 404,
            "{target}: expected 400 or 404, got {}:\n{body}",
            r.status
        );
        assert!(
            !body.contains(SECRET),
            "{target} leaked the secret:\n{body}"
        );
        assert!(
            !body.contains("base_url:"),
            "{target} leaked site.yaml:\n{body}"
        );
    };
    for target in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/..%2fsite.yaml",
        "/%252e%252e/site.yaml",
        "/%252e%252e%252fsite.yaml",
        "/..\\site.yaml",
        "/static/..%5c..%5csite.yaml",
        "/%5c..%5csite.yaml",
        "/projekte/../../site.yaml",
        "/css/../../site.yaml",
        "/./site.yaml",
        "/site.yaml",
        "/site.yaml%00.html",
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/%2e%2e/secret.txt",
        "/..%2f..%2fsecret.txt",
        "/content/projekte/knotenpunkte.md",
        "/themes/test/templates/page.html",
    ] {
        refused(&p, target);
    }

    // Symbolic links inside the site pointing at files outside it.
    let link = |target: &Path, rel: &str| {
        std::os::unix::fs::symlink(target, p.sandbox.path(rel)).expect("symlink");
    };
    link(&outside_txt, "content/projekte/geheim.txt");
    link(&outside_md, "content/projekte/geheim.md");
    link(&outside_txt, "assets/geheim.txt");
    link(&outside_txt, "content/geheim.txt");
    // Some rebuild has to report the links before the answers mean anything.
    let event = p.events.next("a rebuild after adding symbolic links");
    assert!(event.retry.is_none(), "{event:?}");
    // Make sure the rebuild saw all four: one more unchanged write, one more event.
    let config = p.sandbox.read("site.yaml");
    p.sandbox.write("site.yaml", &config);
    p.events.next("a rebuild after rewriting site.yaml");
    for target in [
        "/projekte/geheim.txt",
        "/projekte/geheim/",
        "/projekte/geheim",
        "/geheim.txt",
        "/geheim.txt?download=1",
        "/projekte/../geheim.txt",
    ] {
        refused(&p, target);
    }
    for target in ["/", "/projekte/"] {
        let html = p.get(target).text();
        assert!(
            !html.contains(SECRET),
            "{target} leaked the secret:\n{html}"
        );
    }
    p.server.assert_running();
}

/// A file that was copied by the last good build and is then replaced by a link to a
/// file outside the site: the rebuild refuses the link, and the preview must not follow
/// it while it keeps showing the last good version.
#[test]
fn a_copied_file_replaced_by_a_link_outside_the_site_is_not_served() {
    let sandbox = Sandbox::new("basic");
    let outside = sandbox.outer().join("secret.txt");
    std::fs::write(&outside, format!("{SECRET}\n")).expect("write secret");
    sandbox.write("content/projekte/plan.txt", "Projektplan 2026\n");
    let p = Preview::start_in(sandbox);
    let r = p.get("/projekte/plan.txt");
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "Projektplan 2026\n");

    let plan = p.sandbox.path("content/projekte/plan.txt");
    let link = p.sandbox.path("content/projekte/.plan.txt.link");
    std::os::unix::fs::symlink(&outside, &link).expect("symlink");
    std::fs::rename(&link, &plan).expect("replace the file by the link");
    let event = p.change("replacing plan.txt by a link outside the site");
    assert!(
        event.is_error(),
        "a link outside the site is refused: {event:?}"
    );

    let r = p.get("/projekte/plan.txt");
    let body = r.text();
    assert!(
        !body.contains(SECRET),
        "GET /projekte/plan.txt ({}) served the file outside the site:\n{body}",
        r.status
    );
}

// --- 8. `build` never carries the live script ---------------------------------------------------

#[test]
fn build_output_never_contains_the_live_script() {
    let sandbox = Sandbox::new("basic");
    {
        // The preview builds in memory only: no public/ appears.
        let p = Preview::start_in(sandbox);
        assert!(p.page("/").contains(LIVE));
        let text = p.sandbox.read(KNOTENPUNKTE);
        p.sandbox
            .write(KNOTENPUNKTE, &format!("{text}\nNoch ein Satz.\n"));
        p.reload("editing a page");
        assert!(
            !p.sandbox.path("public").exists(),
            "serve must not write public/"
        );
        let Preview {
            events,
            server,
            sandbox,
        } = p;
        drop(events);
        drop(server);
        // The server is gone now; build the same (edited) sources.
        let out = sandbox.run(&["build"]);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let files = tree(&sandbox.path("public"));
        let html: Vec<_> = files
            .iter()
            .filter(|(rel, _)| rel.ends_with(".html"))
            .collect();
        assert!(html.len() >= 5, "expected the site's pages, got {files:?}");
        for (rel, bytes) in files {
            let text = String::from_utf8_lossy(&bytes);
            for needle in ["data-lernort-live", "__lernort", OVERLAY, "EventSource"] {
                assert!(
                    !text.contains(needle),
                    "public/{rel} contains {needle}:\n{text}"
                );
            }
        }
    }
}

// --- 9. Ports and addresses ---------------------------------------------------------------------

#[test]
fn an_explicit_port_that_is_taken_is_an_error() {
    let sandbox = Sandbox::new("basic");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = taken.local_addr().expect("addr").port().to_string();
    let mut child = lernort()
        .arg("--root")
        .arg(sandbox.site())
        .args(["serve", "--port", &port])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("lernort starts");
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("lernort serve --port {port} kept running although the port is taken");
        }
        std::thread::sleep(POLL);
    };
    let out = child.wait_with_output().expect("output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        status.code(),
        Some(2),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(
        stderr.contains(&port) && stderr.to_lowercase().contains("listen"),
        "the message names the port and the problem:\n{stderr}"
    );
    assert!(!stdout.contains("Serving"), "{stdout}");
    drop(taken);
}

#[test]
fn binding_to_all_addresses_warns() {
    let sandbox = Sandbox::new("basic");
    let server = Server::start(&sandbox.site(), &["--port", "0", "--bind", "0.0.0.0"]);
    server.wait_for("a warning on stderr", || {
        server.stderr().to_lowercase().contains("warning")
    });
    let stderr = server.stderr();
    assert!(
        stderr.contains("0.0.0.0"),
        "the warning names the address:\n{stderr}"
    );
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    assert!(server.page("/").contains("<h1>Startseite</h1>"));
}

#[test]
fn localhost_does_not_warn() {
    let sandbox = Sandbox::new("basic");
    let server = Server::start(&sandbox.site(), &["--port", "0"]);
    assert!(server.page("/").contains("<h1>Startseite</h1>"));
    // The warning would come before the `Serving` line; stdout is flushed by then.
    let stderr = server.stderr();
    assert!(!stderr.to_lowercase().contains("warning"), "{stderr}");
}

// --- 10. After a sequence of edits the preview equals a clean build --------------------------------

#[test]
fn after_a_sequence_of_edits_the_preview_equals_a_clean_build() {
    let p = Preview::start("basic");
    let s = &p.sandbox;

    // 1. Edit a page's text.
    let lvo = "content/projekte/lernen-vor-ort.md";
    let text = s.read(lvo);
    s.write(
        lvo,
        &text.replace(
            "August 2015.",
            "August 2015. Der Abschlussbericht ist online.",
        ),
    );
    p.reload("editing lernen-vor-ort.md");
    p.wait_for_page("the edited text", "/projekte/lernen-vor-ort/", |r| {
        r.text().contains("Der Abschlussbericht ist online.")
    });

    // 2. Add a page.
    s.write(
        "content/projekte/neu.md",
        "---\ntitle: Neues Projekt\nweight: 3\ntags: [Grundbildung, Neu]\n---\nBald mehr.\n",
    );
    p.reload("adding neu.md");
    p.wait_for_page("the new page in the list", "/projekte/", |r| {
        r.text().contains("/projekte/neu/")
    });

    // 3. Rename a page file: its URL moves.
    s.rename(KNOTENPUNKTE, "content/projekte/grundbildung.md");
    p.reload("renaming knotenpunkte.md");
    p.wait_for_page("the renamed page", "/projekte/grundbildung/", |r| {
        r.status == 200
    });
    p.wait_for_page("the old URL gone", "/projekte/knotenpunkte/", |r| {
        r.status == 404
    });

    // 4. Change a section's title.
    let section = "content/projekte/_index.md";
    let text = s.read(section);
    s.write(
        section,
        &text.replace("title: Projekte", "title: Unsere Projekte"),
    );
    p.reload("retitling the section");
    p.wait_for_page("the new section title", "/projekte/", |r| {
        r.text().contains("<h1>Unsere Projekte</h1>")
    });

    // 5. Edit a template.
    let template = "themes/test/templates/page.html";
    let text = s.read(template);
    s.write(
        template,
        &text.replace(
            "</article>",
            "</article>\n<footer>Stand: Vorlage 2</footer>",
        ),
    );
    p.reload("editing page.html");
    p.wait_for_page("the edited template", "/projekte/neu/", |r| {
        r.text().contains("Stand: Vorlage 2")
    });

    // 6. Edit the stylesheet (the asset hash in every page changes).
    let css = "themes/test/assets/css/test.css";
    let text = s.read(css);
    let new_css = format!("{text}h1 {{ color: #123456; }}\n");
    s.write(css, &new_css);
    let event = p.change("editing test.css");
    assert_eq!(event.name, "css", "{event:?}");
    p.wait_for_page("the edited stylesheet", "/css/test.css", |r| {
        r.text() == new_css
    });

    // 7. Delete a page.
    s.remove("content/projekte/neu.md");
    p.reload("deleting neu.md");
    p.wait_for_page("the deleted page gone", "/projekte/neu/", |r| {
        r.status == 404
    });

    // A clean build of the final sources, with the preview's base URL.
    let clean = s.outer().join("clean");
    let out = s.run(&[
        "build",
        "--output-dir",
        clean.to_str().expect("UTF-8 path"),
        "--base-url",
        &p.server.url,
    ]);
    assert!(
        out.status.success(),
        "clean build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = tree(&clean);
    assert!(
        files
            .iter()
            .any(|(rel, _)| rel == "projekte/grundbildung/index.html")
    );
    assert!(
        files.iter().any(|(rel, _)| rel.ends_with(".css")),
        "{files:?}"
    );

    let mut differences = Vec::new();
    for (rel, expected) in &files {
        let target = format!("/{}", encode_path(rel));
        let r = p.get(&target);
        if r.status != 200 {
            differences.push(format!("{target}: status {}", r.status));
            continue;
        }
        let got = if rel.ends_with(".html") {
            let html = r.text();
            if html.contains(OVERLAY) {
                differences.push(format!("{target}: error overlay"));
            }
            strip_live(&html, &target).into_bytes()
        } else {
            r.body
        };
        if &got != expected {
            let got = String::from_utf8_lossy(&got);
            let expected = String::from_utf8_lossy(expected);
            let line = got
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(got.lines().count().min(expected.lines().count()));
            differences.push(format!(
                "{target}: differs at line {}:\n  served: {:?}\n  built:  {:?}",
                line + 1,
                got.lines().nth(line).unwrap_or("<end>"),
                expected.lines().nth(line).unwrap_or("<end>")
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "the preview differs from a clean build:\n{}",
        differences.join("\n")
    );

    for gone in ["/projekte/knotenpunkte/", "/projekte/neu/"] {
        assert!(
            !files
                .iter()
                .any(|(rel, _)| format!("/{rel}") == format!("{gone}index.html")),
            "{gone} is not in the clean build"
        );
        let r = p.get(gone);
        assert_eq!(r.status, 404, "{gone} must be gone:\n{}", r.text());
    }
}

// --- Cached Markdown stays correct ------------------------------------------------------------

#[test]
fn deleting_a_linked_page_reports_the_dead_link_in_the_unchanged_page_that_links_it() {
    let p = Preview::start("basic");
    let lvo = "content/projekte/lernen-vor-ort.md";
    let text = p.sandbox.read(lvo);

    // knotenpunkte.md links `lernen-vor-ort.md#ergebnisse` and is not touched: its
    // Markdown must still be rendered again, because its link target went away.
    p.sandbox.remove(lvo);
    let event = p.change("deleting the linked page");
    assert!(
        event.is_error(),
        "the dead link fails the rebuild: {event:?}"
    );
    let html = p.page("/projekte/knotenpunkte/");
    assert!(
        html.contains("content/projekte/knotenpunkte.md:6:67"),
        "the overlay names the linking page:\n{html}"
    );

    // Restoring it gives back exactly the last good site (so no file changes); the
    // error and its overlay go away.
    p.sandbox.write(lvo, &text);
    p.wait_for_page("the overlay gone", "/projekte/knotenpunkte/", |r| {
        r.status == 200 && !r.text().contains(OVERLAY)
    });
}

#[test]
fn a_page_that_reads_another_page_is_rendered_again_when_that_page_changes() {
    let p = Preview::start("basic");
    // A site template that shows, on every page, the title of another page.
    p.sandbox.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% set other = get_page(path=\"projekte/lernen-vor-ort.md\") %}<p class=\"other\">{{ other.title }}</p>{{ page.content | safe }}{% endblock content %}",
    );
    p.wait_for_page("the site template in use", "/projekte/knotenpunkte/", |r| {
        r.text()
            .contains("<p class=\"other\">Rückblick: Lernen vor Ort</p>")
    });

    // Only lernen-vor-ort.md changes; knotenpunkte.md's own context does not, but it
    // read the changed page through `get_page`, so it must be rendered again.
    let lvo = "content/projekte/lernen-vor-ort.md";
    let text = p
        .sandbox
        .read(lvo)
        .replace("Rückblick: Lernen vor Ort", "Lernen vor Ort 2010–2015");
    p.sandbox.write(lvo, &text);
    p.wait_for_page(
        "the new title on the other page",
        "/projekte/knotenpunkte/",
        |r| {
            r.text()
                .contains("<p class=\"other\">Lernen vor Ort 2010–2015</p>")
        },
    );
}

#[test]
fn a_template_change_re_renders_only_the_pages_that_use_it() {
    let p = Preview::start("basic");
    let lines_before = p.server.stdout().len();
    // Only the section page `/projekte/` uses `section.html` (the home page uses
    // `index.html`, the pages `page.html`; all of them extend `base.html`).
    let template = "themes/test/templates/section.html";
    let text = p.sandbox.read(template);
    p.sandbox
        .write(template, &text.replace("<h1>", "<h1 class=\"neu\">"));
    p.wait_for_page("the changed section template", "/projekte/", |r| {
        r.text().contains("<h1 class=\"neu\">")
    });
    // The line is printed right after the new pages are served: wait for it too.
    let rebuild_line = || {
        p.server
            .stdout()
            .into_iter()
            .skip(lines_before)
            .find(|l| l.contains("section.html"))
    };
    p.server
        .wait_for("the rebuild line", || rebuild_line().is_some());
    let line = rebuild_line().expect("a rebuild line for the template");
    assert!(
        line.contains(": 1 page re-rendered"),
        "only the page using section.html is rendered again: {line}"
    );
    assert!(!p.page("/projekte/knotenpunkte/").contains("class=\"neu\""));
}
