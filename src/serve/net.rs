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
//! Limits: the head's size and form are `head.rs`'s (414, 431, 400); a head not complete
//! within [`HEAD_TIMEOUT`] gets 408. After such an answer the rest of the request is read
//! and dropped for a moment before closing, so the client sees the answer, not a reset.
//! A request with a body is answered and the connection closed: the preview reads no
//! bodies, and skipping one is where requests get smuggled. Two `Content-Length` fields,
//! or one with `Transfer-Encoding`, get 400.
//!
//! Nothing but the I/O thread touches a socket while a request is answered: a worker
//! only makes the answer (a rendered page's bytes are shared, not copied) and hands it
//! back, and the I/O thread writes it whenever the socket takes more. So a client that
//! stops reading holds its answer's memory, never a worker; one that takes nothing for
//! [`SEND_TIMEOUT`] is dropped. At most [`MAX_CONNS`] connections are open at once
//! (event streams aside): past that, the one that has waited longest for a head goes.

use std::io::{ErrorKind, Read, Write};
use std::net::Shutdown;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mio::event::Event;
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token, Waker};
use rustc_hash::FxHashMap;

use super::State;
use super::head::{Head, MAX_HEAD, Request, parse};
use super::http::{self, Answer, Body, Reply};

/// The most connections open at once, other than event streams. Each holds up to
/// [`MAX_HEAD`] of buffer (or an answer that is being sent), so this bounds memory;
/// browsers open six per site.
pub const MAX_CONNS: usize = 4096;
/// File descriptors needed beyond [`MAX_CONNS`]: event streams, files being read, the
/// watcher.
const MORE_FILES: u64 = 2048;
/// How long a client may take to send a complete head, and how long an idle kept-alive
/// connection stays open.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take nothing of its answer before it is dropped.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a worker may take to make an answer (from memory or a file) before the
/// connection is given up.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(60);
/// After an error answer: how long, and how much, of the rest of the request is dropped.
const LINGER: Duration = Duration::from_secs(2);
const LINGER_BYTES: usize = 4 * 1024 * 1024;
/// Workers answering requests. Answers come from memory, so a few are plenty.
const WORKERS: usize = 4;
/// When the process is out of file descriptors, accepting waits this long.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);

/// A complete request of connection `.0`, for a worker.
type Job = (usize, Request);

/// What a worker made of connection `.0`'s request.
enum Made {
    /// Send this.
    Answer(Outgoing),
    /// Hand the connection to the event streams (for the page at this output path).
    Events(Option<String>),
}

/// An answer on its way out: the head, then the body (none for HEAD).
struct Outgoing {
    head: Vec<u8>,
    body: Option<Body>,
    /// How much of head and body is sent.
    sent: usize,
    /// Whether the connection reads the next request afterwards, or closes.
    keep_alive: bool,
}

impl Outgoing {
    /// `reply`, without its body for HEAD (whose head still announces the length).
    fn new(reply: Reply, keep_alive: bool, head_only: bool) -> Outgoing {
        Outgoing {
            head: reply.head(keep_alive),
            body: (!head_only).then_some(reply.body),
            sent: 0,
            keep_alive,
        }
    }

    /// What is still to be sent of the head, or else of the body.
    fn unsent(&self) -> &[u8] {
        match self.head.get(self.sent..) {
            Some(rest) if !rest.is_empty() => rest,
            _ => {
                let body = self.body.as_ref().map_or(&[][..], |b| b.as_ref());
                body.get(self.sent - self.head.len()..).unwrap_or(&[])
            }
        }
    }
}

/// Starts the I/O thread and the workers on `listener`.
pub fn start(listener: std::net::TcpListener, state: Arc<State>) -> std::io::Result<()> {
    start_with(listener, state, MAX_CONNS)
}

/// [`start`] with a cap of `max_conns` connections.
fn start_with(
    listener: std::net::TcpListener,
    state: Arc<State>,
    max_conns: usize,
) -> std::io::Result<()> {
    // Every open page and every waiting client holds a file descriptor, and the usual
    // soft limit of 1,024 would stop accepting near a thousand of them. Any process may
    // raise its soft limit up to the hard one; only as far as the connection cap needs,
    // since the hard limit can be a million. If that fails, the old one stays and
    // accepting pauses whenever it is reached (see `accept`).
    let _ = rlimit::increase_nofile_limit(MAX_CONNS as u64 + MORE_FILES);
    listener.set_nonblocking(true)?;
    let mut listener = TcpListener::from_std(listener);
    let poll = Poll::new()?;
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)?;
    let waker = Arc::new(Waker::new(poll.registry(), WAKER)?);
    let (jobs_tx, jobs_rx) = channel::<Job>();
    let (back_tx, back_rx) = channel::<(usize, Made)>();
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
        max_conns,
        state,
    };
    std::thread::spawn(move || io.run());
    Ok(())
}

// --- The I/O thread ------------------------------------------------------------------------

enum Phase {
    /// Reading a request head into the buffer.
    Head,
    /// A worker is making the answer; what arrives meanwhile is kept for later.
    Busy,
    /// Sending an answer.
    Send(Outgoing),
    /// Answered and closing: reading and dropping what else comes, then closing.
    Linger(usize),
}

struct Conn {
    stream: TcpStream,
    /// The received bytes not yet used: a head, or pipelined requests after one.
    buf: Vec<u8>,
    phase: Phase,
    deadline: Instant,
    /// The client has sent all it will send.
    eof: bool,
}

struct Io {
    poll: Poll,
    listener: TcpListener,
    conns: FxHashMap<usize, Conn>,
    next: usize,
    jobs: Sender<Job>,
    back: Receiver<(usize, Made)>,
    /// Set while accepting is paused for lack of file descriptors.
    accept_again: Option<Instant>,
    /// [`MAX_CONNS`], smaller in tests.
    max_conns: usize,
    state: Arc<State>,
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
                let line = crate::text!("serve-stopped", reason = e.to_string());
                super::warn(&line, self.state.lang);
                return;
            }
            for event in &events {
                match event.token() {
                    LISTENER => self.accept(),
                    WAKER => self.take_back(),
                    Token(id) => self.ready(id, event),
                }
            }
            if self.accept_again.is_some_and(|t| t <= Instant::now()) {
                self.accept_again = None;
                self.accept();
            }
            self.expire();
        }
    }

    fn ready(&mut self, id: usize, event: &Event) {
        if event.is_writable() {
            self.send(id);
        }
        if event.is_readable() || event.is_read_closed() || event.is_error() {
            self.read(id);
        }
    }

    fn next_deadline(&self) -> Option<Instant> {
        let conns = self.conns.values().map(|c| c.deadline);
        conns.chain(self.accept_again).min()
    }

    fn accept(&mut self) {
        loop {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    // An answer goes out in two writes (head, then body): with Nagle's
                    // rule the body waits for the client's delayed ACK of the head,
                    // about 40 ms on every request of a kept-alive connection.
                    let _ = stream.set_nodelay(true);
                    self.add(stream)
                }
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

    /// Takes the workers' answers and starts sending them.
    fn take_back(&mut self) {
        while let Ok((id, made)) = self.back.try_recv() {
            match made {
                Made::Events(page) => {
                    if let Some(mut conn) = self.conns.remove(&id) {
                        let _ = self.poll.registry().deregister(&mut conn.stream);
                        self.state
                            .subscribe(std::net::TcpStream::from(conn.stream), page);
                    }
                }
                Made::Answer(out) => {
                    let Some(conn) = self.conns.get_mut(&id) else {
                        continue; // Closed meanwhile.
                    };
                    conn.phase = Phase::Send(out);
                    conn.deadline = Instant::now() + SEND_TIMEOUT;
                    self.send(id);
                }
            }
        }
    }

    /// Starts reading a head on a new connection; at the cap, the connection that has
    /// waited longest for a head makes room, or else the new one is closed.
    fn add(&mut self, mut stream: TcpStream) {
        if self.conns.len() >= self.max_conns {
            let waiting = self
                .conns
                .iter()
                .filter(|(_, c)| matches!(c.phase, Phase::Head));
            match waiting.min_by_key(|(_, c)| c.deadline).map(|(id, _)| *id) {
                Some(oldest) => self.close(oldest),
                None => return,
            }
        }
        let id = self.next;
        self.next += 1;
        // Writable too from the start: with edge-triggered readiness, that costs an
        // event only when a full send buffer drains.
        let interest = Interest::READABLE | Interest::WRITABLE;
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
            buf: Vec::new(),
            phase: Phase::Head,
            deadline: Instant::now() + HEAD_TIMEOUT,
            eof: false,
        };
        self.conns.insert(id, conn);
        // Registering a socket with data already waiting reports it as readable.
    }

    /// Reads what has arrived on connection `id` until the socket is empty, or the
    /// buffer holds a head's worth while an answer is under way.
    fn read(&mut self, id: usize) {
        let mut chunk = [0u8; 8192];
        loop {
            let Some(conn) = self.conns.get_mut(&id) else {
                return;
            };
            let answering = matches!(conn.phase, Phase::Busy | Phase::Send(_));
            if conn.eof || (answering && conn.buf.len() >= MAX_HEAD) {
                // The rest waits in the socket; `next_request` reads on.
                return;
            }
            let n = match conn.stream.read(&mut chunk) {
                Ok(0) if answering => {
                    // The client may still read the answer after it stopped sending.
                    conn.eof = true;
                    return;
                }
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
                Phase::Busy | Phase::Send(_) => conn.buf.extend_from_slice(&chunk[..n]),
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
                conn.buf.drain(..len);
                conn.phase = Phase::Busy;
                conn.deadline = Instant::now() + ANSWER_TIMEOUT;
                // The workers live as long as the process; a send cannot fail.
                let _ = self.jobs.send((id, request));
            }
        }
    }

    /// Answers with an error status, then lingers.
    fn reject(&mut self, id: usize, status: u16) {
        let Some(conn) = self.conns.get_mut(&id) else {
            return;
        };
        let reply = Reply::text(status, &format!("{}\n", http::reason(status)));
        conn.buf = Vec::new();
        conn.phase = Phase::Send(Outgoing::new(reply, false, false));
        conn.deadline = Instant::now() + SEND_TIMEOUT;
        self.send(id);
    }

    /// Sends as much of connection `id`'s answer as the socket takes.
    fn send(&mut self, id: usize) {
        let Some(conn) = self.conns.get_mut(&id) else {
            return;
        };
        let Phase::Send(out) = &mut conn.phase else {
            return;
        };
        loop {
            let unsent = out.unsent();
            if unsent.is_empty() {
                break;
            }
            match conn.stream.write(unsent) {
                Ok(0) => return self.close(id),
                Ok(n) => {
                    out.sent += n;
                    conn.deadline = Instant::now() + SEND_TIMEOUT;
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => return self.close(id),
            }
        }
        if out.keep_alive && !conn.buf.is_empty() {
            // Pipelined requests that arrived before the client stopped sending are
            // still answered, in order.
            self.next_request(id);
        } else if conn.eof {
            // All sent, and the client sends nothing more: nothing to linger for.
            self.close(id);
        } else if out.keep_alive {
            self.next_request(id);
        } else {
            let _ = conn.stream.shutdown(Shutdown::Write);
            conn.buf = Vec::new();
            conn.phase = Phase::Linger(0);
            conn.deadline = Instant::now() + LINGER;
            self.read(id);
        }
    }

    /// After an answer on a kept-alive connection: the next request, which may have
    /// arrived already.
    fn next_request(&mut self, id: usize) {
        let Some(conn) = self.conns.get_mut(&id) else {
            return;
        };
        conn.phase = Phase::Head;
        conn.deadline = Instant::now() + HEAD_TIMEOUT;
        if !conn.buf.is_empty() {
            self.examine(id);
        }
        let ended = self
            .conns
            .get(&id)
            .is_some_and(|c| c.eof && matches!(c.phase, Phase::Head));
        if ended {
            // The client stopped sending in the middle of a head: it cannot complete.
            return self.close(id);
        }
        // What waits in the socket comes with no new readiness event.
        self.read(id);
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

// --- Workers ---------------------------------------------------------------------------

/// Makes answers until the process ends. A worker never touches a socket, so no client
/// can hold one up.
fn work(jobs: &Mutex<Receiver<Job>>, back: &Sender<(usize, Made)>, waker: &Waker, state: &State) {
    loop {
        // Only the waiting worker holds the lock; the others wait for it, not for work.
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok((id, request)) = job else {
            return;
        };
        let made = match http::answer(&request.method, &request.target, state) {
            Answer::Events(page) => Made::Events(page),
            Answer::Reply(reply) => {
                let head_only = request.method == "HEAD";
                Made::Answer(Outgoing::new(reply, request.keep_alive, head_only))
            }
        };
        if back.send((id, made)).is_err() {
            return;
        }
        let _ = waker.wake();
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use super::*;

    /// Over the cap, the connection that has waited longest for a head makes room:
    /// idle connections cannot lock out a client that sends a request.
    #[test]
    fn over_the_cap_the_longest_waiting_connection_makes_room() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = Arc::new(State::new(dir.path(), crate::messages::Lang::En));
        let page = b"<p>da</p>".to_vec().into();
        let mut update = super::super::Update::default();
        update
            .written
            .insert("a.txt".into(), super::super::Served::Bytes(page));
        state.apply(update);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("address");
        start_with(listener, state, 2).expect("start");
        let connect = || {
            let s = std::net::TcpStream::connect(addr).expect("connect");
            s.set_read_timeout(Some(Duration::from_secs(5)))
                .expect("timeout");
            s
        };
        let mut oldest = connect();
        // Accepted one after the other, so that the first is the longest waiting.
        std::thread::sleep(Duration::from_millis(50));
        let mut busy = connect();
        busy.write_all(b"GET /a.txt HTTP/1.1\r\n").expect("send");
        std::thread::sleep(Duration::from_millis(50));
        let mut third = connect();
        third
            .write_all(b"GET /a.txt HTTP/1.1\r\nConnection: close\r\n\r\n")
            .expect("send");
        let mut answer = String::new();
        third
            .read_to_string(&mut answer)
            .expect("an answer over the cap");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with("<p>da</p>"), "{answer}");
        let mut rest = Vec::new();
        assert_eq!(
            oldest.read_to_end(&mut rest).ok(),
            Some(0),
            "the oldest went"
        );
        // The second one still finishes its request.
        busy.write_all(b"Connection: close\r\n\r\n").expect("send");
        let mut answer = String::new();
        busy.read_to_string(&mut answer).expect("an answer");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
}
