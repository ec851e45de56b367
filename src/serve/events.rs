//! Live reload's event streams: one thread owns every open stream and writes each event
//! to all of them, so an open page costs a socket, not a thread. It never reads from the
//! streams and never waits for one: a stream that cannot take an event at once (closed,
//! or so far behind that its socket buffer is full) is dropped, and the page's
//! `EventSource` reconnects by itself.

use std::io::Write;
use std::net::TcpStream;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

/// How often an idle stream gets a comment, so that closed ones are noticed and
/// dropped, and proxies keep the connection open.
const PING: Duration = Duration::from_secs(15);

/// The start of every stream: the response head, and how soon to reconnect.
const START: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";

enum Message {
    Subscribe(TcpStream),
    Event(String),
}

/// The handle to the broadcasting thread; the thread ends when this is dropped.
pub struct Broadcaster(Sender<Message>);

impl Broadcaster {
    /// Starts the broadcasting thread.
    pub fn start() -> Broadcaster {
        let (tx, rx) = channel();
        std::thread::spawn(move || run(&rx));
        Broadcaster(tx)
    }

    /// Answers an event stream request on `stream` and adds it to the streams. Events
    /// sent after this call reach it.
    pub fn subscribe(&self, stream: TcpStream) {
        let _ = self.0.send(Message::Subscribe(stream));
    }

    /// Sends a server-sent event to every open stream.
    pub fn send(&self, event: &str, data: &str) {
        let _ = self
            .0
            .send(Message::Event(format!("event: {event}\ndata: {data}\n\n")));
    }
}

fn run(rx: &Receiver<Message>) {
    let mut streams: Vec<TcpStream> = Vec::new();
    loop {
        match rx.recv_timeout(PING) {
            Ok(Message::Subscribe(stream)) => {
                let mut one = vec![stream];
                if one[0].set_nonblocking(true).is_ok() && write_all(&mut one, START) {
                    streams.append(&mut one);
                }
            }
            Ok(Message::Event(text)) => {
                write_all(&mut streams, text.as_bytes());
            }
            Err(RecvTimeoutError::Timeout) => {
                write_all(&mut streams, b": ping\n\n");
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Writes `bytes` to every stream, dropping (and so closing) those that do not take all
/// of it at once: a partly written event would garble the rest of that stream. Returns
/// whether any stream is left.
fn write_all(streams: &mut Vec<TcpStream>, bytes: &[u8]) -> bool {
    streams.retain_mut(|s| matches!(s.write(bytes), Ok(n) if n == bytes.len()));
    !streams.is_empty()
}
