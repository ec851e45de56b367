//! The preview's connections: one I/O thread accepts and reads request heads for every
//! connection at once, a small fixed pool of workers answers complete requests, and the
//! event streams go to the broadcaster in `events.rs`. The number of threads does not
//! grow with the number of connections, and a stalled client costs a buffer, not a thread.
//!
//! Why not tiny_http (0.12, used before): its accept thread hands every connection to a
//! task pool that starts a new thread whenever all are busy (`util/task_pool.rs`), and
//! each of those threads blocks reading that connection's head with no read timeout and
//! no size limit (`client.rs`, `read_next_line` grows its buffer until CRLF). It offers no
//! hook to change either: 500 event streams made 915 threads, 500 streams and 500
//! half-sent requests 1,509 (`tests/serve_load.rs` against it), a half-sent request held
//! its thread forever, and a 1 MB request line was read whole and answered 404. Waiting on
//! many sockets without a thread each needs readiness polling, which std does not offer;
//! `mio` does, is well kept and was already built for `notify`; `httparse` (hyper's
//! parser) parses the heads. hyper on tokio would do all this too, but brings an async
//! runtime to a program that has no other use for one. What is left here is small:
//! limits, deadlines and handing connections over.
//!
//! Limits: a request line longer than [`MAX_REQUEST_LINE`] gets 414, a head longer than
//! [`MAX_HEAD`] (or with more than [`MAX_HEADERS`] fields) 431, and a head not complete
//! within [`HEAD_TIMEOUT`] 408. After such an answer the rest of the request is read and
//! dropped for a moment before closing, so the client sees the answer and not a reset.

use std::io::{ErrorKind, Read, Write};
use std::net::Shutdown;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token, Waker};
use rustc_hash::FxHashMap;

use super::State;
use super::http::{self, Answer, Reply};

/// The longest request line answered: browsers' and tools' URLs stay far below it.
pub const MAX_REQUEST_LINE: usize = 16 * 1024;
/// The longest head (request line and header fields) answered.
pub const MAX_HEAD: usize = 64 * 1024;
/// The most header fields in one request.
pub const MAX_HEADERS: usize = 100;
/// How long a client may take to send a complete head, and how long an idle kept-alive
/// connection stays open.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a worker waits for a client to take a response.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// After an error answer: how long, and how much, of the rest of the request is dropped.
const LINGER: Duration = Duration::from_secs(2);
const LINGER_BYTES: usize = 4 * 1024 * 1024;
/// Workers answering requests. Answers come from memory, so a few are plenty.
const WORKERS: usize = 4;
/// When the process is out of file descriptors, accepting waits this long.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);

/// A complete request head, as far as the preview needs it.
pub struct Request {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The request target as sent.
    pub target: String,
    /// Whether the connection may carry another request after this one.
    keep_alive: bool,
}

/// A connection whose head is complete, for a worker.
struct Job {
    stream: std::net::TcpStream,
    request: Request,
    /// Bytes after the head (a pipelined next request).
    rest: Vec<u8>,
}

/// A connection a worker has answered and gives back for its next request.
type Returned = (std::net::TcpStream, Vec<u8>);

/// Starts the I/O thread and the workers on `listener`.
pub fn start(listener: std::net::TcpListener, state: Arc<State>) -> std::io::Result<()> {
    // Every open page and every waiting client holds a file descriptor, and the usual
    // soft limit of 1,024 would stop accepting near a thousand of them. The soft limit
    // may be raised to the hard one by any process; if that fails, the old one stays
    // and accepting pauses whenever it is reached (see `accept`).
    let _ = rlimit::increase_nofile_limit(u64::MAX);
    listener.set_nonblocking(true)?;
    let mut listener = TcpListener::from_std(listener);
    let poll = Poll::new()?;
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)?;
    let waker = Arc::new(Waker::new(poll.registry(), WAKER)?);
    let (jobs_tx, jobs_rx) = channel::<Job>();
    let (back_tx, back_rx) = channel::<Returned>();
    let jobs_rx = Arc::new(Mutex::new(jobs_rx));
    for _ in 0..WORKERS {
        let jobs = Arc::clone(&jobs_rx);
        let back = back_tx.clone();
        let waker = Arc::clone(&waker);
        let state = Arc::clone(&state);
        std::thread::spawn(move || work(&jobs, &back, &waker, &state));
    }
    let mut io = Io {
        poll,
        listener,
        conns: FxHashMap::default(),
        next: 2,
        jobs: jobs_tx,
        back: back_rx,
        accept_again: None,
    };
    std::thread::spawn(move || io.run());
    Ok(())
}

// --- The I/O thread ------------------------------------------------------------------------

enum Phase {
    /// Reading a request head into the buffer.
    Head,
    /// Answered with an error; reading and dropping what else comes, then closing.
    Linger(usize),
}

struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    phase: Phase,
    deadline: Instant,
}

struct Io {
    poll: Poll,
    listener: TcpListener,
    conns: FxHashMap<usize, Conn>,
    next: usize,
    jobs: Sender<Job>,
    back: Receiver<Returned>,
    /// Set while accepting is paused for lack of file descriptors.
    accept_again: Option<Instant>,
}

/// What a buffer holds so far.
enum Head {
    Partial,
    Complete(Request, usize),
    Reject(u16),
}

impl Io {
    fn run(&mut self) {
        let mut events = Events::with_capacity(256);
        loop {
            let wait = self
                .next_deadline()
                .map(|d| d.saturating_duration_since(Instant::now()) + Duration::from_millis(1));
            if let Err(e) = self.poll.poll(&mut events, wait) {
                if e.kind() == ErrorKind::Interrupted {
                    continue;
                }
                super::warn(&format!("the preview stopped serving: {e}"));
                return;
            }
            for event in &events {
                match event.token() {
                    LISTENER => self.accept(),
                    WAKER => self.take_back(),
                    Token(id) => self.read(id),
                }
            }
            if self.accept_again.is_some_and(|t| t <= Instant::now()) {
                self.accept_again = None;
                self.accept();
            }
            self.expire();
        }
    }

    fn next_deadline(&self) -> Option<Instant> {
        let conns = self.conns.values().map(|c| c.deadline);
        conns.chain(self.accept_again).min()
    }

    fn accept(&mut self) {
        loop {
            match self.listener.accept() {
                Ok((stream, _)) => self.add(stream, Vec::new()),
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => {
                    // Most likely out of file descriptors: the waiting connections stay
                    // in the backlog until some close.
                    self.accept_again = Some(Instant::now() + ACCEPT_PAUSE);
                    return;
                }
            }
        }
    }

    fn take_back(&mut self) {
        while let Ok((stream, rest)) = self.back.try_recv() {
            if stream.set_nonblocking(true).is_ok() {
                self.add(TcpStream::from_std(stream), rest);
            }
        }
    }

    /// Starts reading a head on `stream`, which may already hold some of it in `buf`.
    fn add(&mut self, mut stream: TcpStream, buf: Vec<u8>) {
        let id = self.next;
        self.next += 1;
        let interest = Interest::READABLE;
        if self
            .poll
            .registry()
            .register(&mut stream, Token(id), interest)
            .is_err()
        {
            return;
        }
        let conn = Conn {
            stream,
            buf,
            phase: Phase::Head,
            deadline: Instant::now() + HEAD_TIMEOUT,
        };
        self.conns.insert(id, conn);
        if !self.conns[&id].buf.is_empty() {
            self.examine(id);
        }
        // Registering a socket with data already waiting reports it as readable.
    }

    /// Reads what has arrived on connection `id` until the socket is empty or the head
    /// is decided.
    fn read(&mut self, id: usize) {
        let mut chunk = [0u8; 8192];
        loop {
            let Some(conn) = self.conns.get_mut(&id) else {
                return;
            };
            let n = match conn.stream.read(&mut chunk) {
                Ok(0) => return self.close(id),
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => return self.close(id),
            };
            match &mut conn.phase {
                Phase::Linger(dropped) => {
                    *dropped += n;
                    if *dropped > LINGER_BYTES {
                        return self.close(id);
                    }
                }
                Phase::Head => {
                    conn.buf.extend_from_slice(&chunk[..n]);
                    self.examine(id);
                }
            }
        }
    }

    /// Acts on the head in connection `id`'s buffer, if it is decided.
    fn examine(&mut self, id: usize) {
        let Some(conn) = self.conns.get_mut(&id) else {
            return;
        };
        match parse(&conn.buf) {
            Head::Partial => {}
            Head::Reject(status) => self.reject(id, status),
            Head::Complete(request, len) => {
                let Some(mut conn) = self.conns.remove(&id) else {
                    return;
                };
                let _ = self.poll.registry().deregister(&mut conn.stream);
                let rest = conn.buf.split_off(len);
                let stream = std::net::TcpStream::from(conn.stream);
                let ready = stream
                    .set_nonblocking(false)
                    .and_then(|()| stream.set_write_timeout(Some(WRITE_TIMEOUT)));
                if ready.is_ok() {
                    // The workers live as long as the process; a send cannot fail.
                    let _ = self.jobs.send(Job {
                        stream,
                        request,
                        rest,
                    });
                }
            }
        }
    }

    /// Answers with an error status and lingers.
    fn reject(&mut self, id: usize, status: u16) {
        let Some(conn) = self.conns.get_mut(&id) else {
            return;
        };
        let reply = Reply::text(status, &format!("{}\n", http::reason(status)));
        // A fresh socket's send buffer takes a few hundred bytes; if not, the client
        // is gone or not reading, and closing is all that is left.
        let _ = conn.stream.write(&reply.wire(false, false));
        let _ = conn.stream.shutdown(Shutdown::Write);
        conn.buf = Vec::new();
        conn.phase = Phase::Linger(0);
        conn.deadline = Instant::now() + LINGER;
    }

    fn close(&mut self, id: usize) {
        if let Some(mut conn) = self.conns.remove(&id) {
            let _ = self.poll.registry().deregister(&mut conn.stream);
        }
    }

    /// Ends the connections past their deadline: a half-sent head gets 408.
    fn expire(&mut self) {
        let now = Instant::now();
        let late: Vec<usize> = self
            .conns
            .iter()
            .filter(|(_, c)| c.deadline <= now)
            .map(|(id, _)| *id)
            .collect();
        for id in late {
            let half_sent = self
                .conns
                .get(&id)
                .is_some_and(|c| matches!(c.phase, Phase::Head) && !c.buf.is_empty());
            if half_sent {
                self.reject(id, 408);
            } else {
                self.close(id);
            }
        }
    }
}

/// Decides what the bytes received so far are.
fn parse(buf: &[u8]) -> Head {
    let line = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
    if line > MAX_REQUEST_LINE {
        return Head::Reject(414);
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let len = match request.parse(buf) {
        Ok(httparse::Status::Complete(len)) if len <= MAX_HEAD => len,
        Ok(httparse::Status::Complete(_)) | Err(httparse::Error::TooManyHeaders) => {
            return Head::Reject(431);
        }
        Ok(httparse::Status::Partial) if buf.len() > MAX_HEAD => return Head::Reject(431),
        Ok(httparse::Status::Partial) => return Head::Partial,
        Err(_) => return Head::Reject(400),
    };
    let (Some(method), Some(target), Some(version)) =
        (request.method, request.path, request.version)
    else {
        return Head::Partial;
    };
    let field = |name: &str| {
        request
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let body = match (field("content-length"), field("transfer-encoding")) {
        (None, None) => false,
        (Some(n), None) => match n.parse::<u64>() {
            Ok(n) => n > 0,
            Err(_) => return Head::Reject(400),
        },
        _ => true,
    };
    // A body is never read, so the connection cannot carry a next request.
    let close = field("connection").is_some_and(|c| c.split(',').any(|t| t.trim() == "close"));
    let keep_alive = version == 1 && !close && !body;
    Head::Complete(
        Request {
            method: method.to_string(),
            target: target.to_string(),
            keep_alive,
        },
        len,
    )
}

// --- Workers ---------------------------------------------------------------------------

fn work(jobs: &Mutex<Receiver<Job>>, back: &Sender<Returned>, waker: &Waker, state: &State) {
    loop {
        // Only the waiting worker holds the lock; the others wait for it, not for work.
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(Job {
            mut stream,
            request,
            rest,
        }) = job
        else {
            return;
        };
        match http::answer(&request.method, &request.target, state) {
            Answer::Events => state.subscribe(stream),
            Answer::Reply(reply) => {
                let head = request.method == "HEAD";
                let bytes = reply.wire(request.keep_alive, head);
                let sent = stream.write_all(&bytes).and_then(|()| stream.flush());
                if sent.is_ok() && request.keep_alive {
                    let _ = back.send((stream, rest));
                    let _ = waker.wake();
                } else {
                    let _ = stream.shutdown(Shutdown::Both);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(buf: &[u8]) -> Option<u16> {
        match parse(buf) {
            Head::Reject(s) => Some(s),
            _ => None,
        }
    }

    #[test]
    fn heads_are_complete_partial_or_refused() {
        let get = b"GET /a?b HTTP/1.1\r\nHost: x\r\n\r\nGET";
        match parse(get) {
            Head::Complete(r, len) => {
                assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/a?b"));
                assert!(r.keep_alive);
                assert_eq!(&get[len..], b"GET");
            }
            _ => panic!("complete"),
        }
        assert!(matches!(parse(b"GET /a HTTP/1.1\r\nHo"), Head::Partial));
        let close = b"GET / HTTP/1.1\r\nConnection: Close\r\n\r\n";
        assert!(matches!(parse(close), Head::Complete(r, _) if !r.keep_alive));
        let body = b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nx=1";
        assert!(matches!(parse(body), Head::Complete(r, _) if !r.keep_alive));
        assert_eq!(
            status(b"GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
            Some(400)
        );
        assert_eq!(status(b"\x01\x02 nonsense\r\n\r\n"), Some(400));
    }

    #[test]
    fn long_request_lines_get_414_and_long_heads_431() {
        let mut line = b"GET /".to_vec();
        line.resize(MAX_REQUEST_LINE + 1, b'a');
        assert_eq!(status(&line), Some(414), "even before the line ends");
        let mut head = b"GET / HTTP/1.1\r\n".to_vec();
        while head.len() <= MAX_HEAD {
            head.extend_from_slice(b"X-Fill: 0123456789012345678901234567890123456789\r\n");
        }
        assert_eq!(status(&head), Some(431));
        let mut many = b"GET / HTTP/1.1\r\n".to_vec();
        for i in 0..=MAX_HEADERS {
            many.extend_from_slice(format!("X-{i}: 1\r\n").as_bytes());
        }
        many.extend_from_slice(b"\r\n");
        assert_eq!(status(&many), Some(431));
    }
}
