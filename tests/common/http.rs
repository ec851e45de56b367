//! Raw HTTP/1.1 and server-sent events client for the `lernort serve` tests.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// The longest any single wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(10);

// --- HTTP/1.1 client ------------------------------------------------------------------

/// One HTTP response.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
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
pub fn http(addr: &str, method: &str, target: &str) -> std::io::Result<Response> {
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
pub struct Event {
    /// `event:`, `message` when absent.
    pub name: String,
    /// `data:` lines joined with `\n`.
    pub data: String,
    /// `retry:`.
    pub retry: Option<u64>,
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
    pub fn changed(&self) -> Option<u64> {
        let rest = self.data.split("\"changed\":").nth(1)?;
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }

    pub fn is_error(&self) -> bool {
        self.data.replace(' ', "").contains("\"error\":true")
    }
}

/// The open event stream; events arrive through a channel from a reader thread.
pub struct Events {
    pub rx: Receiver<Event>,
    stream: TcpStream,
}

impl Drop for Events {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}

impl Events {
    pub fn open(addr: &str) -> std::io::Result<Events> {
        Events::open_target(addr, "/__lernort/events")
    }

    /// The stream as the live-reload script of the page at `path` opens it, naming the
    /// page (`encodeURIComponent(location.pathname)`, for an ASCII path).
    pub fn open_for(addr: &str, path: &str) -> std::io::Result<Events> {
        let encoded = path.replace('/', "%2F");
        Events::open_target(addr, &format!("/__lernort/events?page={encoded}"))
    }

    fn open_target(addr: &str, target: &str) -> std::io::Result<Events> {
        let mut stream = connect(addr)?;
        stream.set_read_timeout(None)?;
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
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
    pub fn next(&self, what: &str) -> Event {
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

// --- The error overlay ------------------------------------------------------------------

/// The overlay's text: its heading, its explanation and the error, one per line.
pub fn overlay_text(html: &str) -> String {
    let id = html.find(super::preview::OVERLAY).expect("overlay");
    let start = html[..id].rfind('<').expect("overlay tag");
    let end = start + html[start..].find("</div>").expect("overlay end");
    let mut text = String::new();
    let mut tag = None::<String>;
    for c in html[start..end].chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(name), '>') => {
                if ["/h2", "/p"].contains(&name.as_str()) {
                    text.push('\n');
                }
                tag = None;
            }
            (Some(name), c) => name.push(c),
            (None, c) => text.push(c),
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
