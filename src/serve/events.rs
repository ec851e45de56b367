//! Live reload's event streams: one thread owns every open stream and writes each event
//! to all of them, so an open page costs a socket, not a thread. It never reads from the
//! streams and never waits for one: a stream that cannot take an event at once (closed,
//! or so far behind that its socket buffer is full) is dropped, and the page's
//! `EventSource` reconnects by itself.
//!
//! A stream may name the page it belongs to (`?page=`, as the live-reload script does):
//! a rebuild then serves that page first and tells its stream at once ([`Audience`]).

use std::io::Write;
use std::net::TcpStream;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustc_hash::FxHashSet;

/// How often an idle stream gets a comment, so that closed ones are noticed and
/// dropped, and proxies keep the connection open.
const PING: Duration = Duration::from_secs(15);

/// The start of every stream: the response head, and how soon to reconnect.
const START: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";

/// Which streams an event goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// The streams of pages at these output paths, served early by the rebuild still
    /// under way; each is told once per rebuild.
    Showing(Vec<String>),
    /// The end of a good rebuild: every stream not told already. Ends the rebuild.
    Rest,
    /// Every stream (a failed rebuild's error, which the early pages need too). Ends the
    /// rebuild.
    All,
}

enum Message {
    Subscribe(TcpStream, Option<String>),
    Event(String, Audience),
}

/// An open stream, the output path of its page (if it named one), and whether the
/// rebuild under way has told it already.
struct Stream {
    tcp: TcpStream,
    page: Option<String>,
    told: bool,
}

/// The handle to the broadcasting thread; the thread ends when this is dropped.
pub struct Broadcaster {
    tx: Sender<Message>,
    /// The output paths of the pages that open streams named.
    open: Arc<Mutex<FxHashSet<String>>>,
}

impl Broadcaster {
    /// Starts the broadcasting thread.
    pub fn start() -> Broadcaster {
        let (tx, rx) = channel();
        let open = Arc::new(Mutex::default());
        let shown = Arc::clone(&open);
        std::thread::spawn(move || run(&rx, &shown));
        Broadcaster { tx, open }
    }

    /// Answers an event stream request on `stream` (for the page at output path
    /// `page`, if named) and adds it to the streams. Events sent after this call reach it.
    pub fn subscribe(&self, stream: TcpStream, page: Option<String>) {
        let _ = self.tx.send(Message::Subscribe(stream, page));
    }

    /// Sends a server-sent event to `to`.
    pub fn send(&self, event: &str, data: &str, to: Audience) {
        let text = format!("event: {event}\ndata: {data}\n\n");
        let _ = self.tx.send(Message::Event(text, to));
    }

    /// The output paths of the pages open streams belong to.
    pub fn open_pages(&self) -> FxHashSet<String> {
        match self.open.lock() {
            Ok(open) => open.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
}

fn run(rx: &Receiver<Message>, open: &Mutex<FxHashSet<String>>) {
    let mut streams = Streams::default();
    loop {
        match rx.recv_timeout(PING) {
            Ok(Message::Subscribe(tcp, page)) => {
                if tcp.set_nonblocking(true).is_ok() {
                    // Its page counts as open before the stream's first bytes go out: a
                    // rebuild the client starts once it has them serves that page first.
                    if let (Some(page), Ok(mut open)) = (&page, open.lock()) {
                        open.insert(page.clone());
                    }
                    streams.add(tcp, page);
                }
            }
            Ok(Message::Event(text, to)) => streams.tell(text.as_bytes(), &to),
            Err(RecvTimeoutError::Timeout) => {
                let ping: &[u8] = b": ping\n\n";
                write_all(&mut streams.list, ping);
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
        let pages = streams.list.iter().filter_map(|s| s.page.clone()).collect();
        if let Ok(mut open) = open.lock() {
            *open = pages;
        }
    }
}

/// The open streams, and the pages the rebuild under way has told already.
#[derive(Default)]
struct Streams {
    list: Vec<Stream>,
    /// A page told early reloads, and its new stream connects before the rebuild ends:
    /// that stream counts as told too, or the page would reload twice.
    told_pages: FxHashSet<String>,
}

impl Streams {
    /// Adds a stream (for the page at `page`) once its start is written.
    fn add(&mut self, tcp: TcpStream, page: Option<String>) {
        let told = page.as_ref().is_some_and(|p| self.told_pages.contains(p));
        let mut one = vec![Stream { tcp, page, told }];
        if write_all(&mut one, START) {
            self.list.append(&mut one);
        }
    }

    /// Writes an event to the streams of `to`, dropping those that cannot take it.
    /// Streams of pages served early hear of each new version of their page (a second
    /// run of one rebuild may change it again), but not of the rebuild's end.
    fn tell(&mut self, text: &[u8], to: &Audience) {
        let all = std::mem::take(&mut self.list);
        let (mut these, mut others): (Vec<Stream>, Vec<Stream>) =
            all.into_iter().partition(|s| match to {
                Audience::Showing(pages) => s.page.as_ref().is_some_and(|p| pages.contains(p)),
                Audience::Rest => !s.told,
                Audience::All => true,
            });
        write_all(&mut these, text);
        match to {
            Audience::Showing(pages) => {
                these.iter_mut().for_each(|s| s.told = true);
                self.told_pages.extend(pages.iter().cloned());
            }
            Audience::Rest | Audience::All => {
                these
                    .iter_mut()
                    .chain(&mut others)
                    .for_each(|s| s.told = false);
                self.told_pages.clear();
            }
        }
        self.list.append(&mut these);
        self.list.append(&mut others);
    }
}

/// Writes `bytes` to every stream, dropping (and so closing) those that do not take all
/// of it at once: a partly written event would garble the rest of that stream. Returns
/// whether any stream is left.
fn write_all(streams: &mut Vec<Stream>, bytes: &[u8]) -> bool {
    streams.retain_mut(|s| matches!(s.tcp.write(bytes), Ok(n) if n == bytes.len()));
    !streams.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::net::TcpListener;

    /// A stream as the broadcaster holds it, for the page at `page`, and its client end.
    fn stream(listener: &TcpListener, page: Option<&str>) -> (Stream, TcpStream) {
        let client = TcpStream::connect(listener.local_addr().expect("address")).expect("connect");
        let (tcp, _) = listener.accept().expect("accept");
        let page = page.map(str::to_string);
        (
            Stream {
                tcp,
                page,
                told: false,
            },
            client,
        )
    }

    /// Everything `client` received up to and including the final `end`.
    fn received(mut client: TcpStream) -> String {
        client
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let mut text = String::new();
        while !text.ends_with("end") {
            let mut buf = [0; 64];
            let n = client.read(&mut buf).expect("read");
            assert!(n > 0, "closed after {text:?}");
            text.push_str(std::str::from_utf8(&buf[..n]).expect("UTF-8"));
        }
        text
    }

    #[test]
    fn an_open_page_hears_of_its_new_versions_and_not_of_the_rebuilds_end() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let (a, a_client) = stream(&listener, Some("a/index.html"));
        let (b, b_client) = stream(&listener, Some("b/index.html"));
        let (c, c_client) = stream(&listener, None);
        let mut streams = Streams {
            list: vec![a, b, c],
            told_pages: FxHashSet::default(),
        };
        let showing =
            |pages: &[&str]| Audience::Showing(pages.iter().map(|p| p.to_string()).collect());

        // A rebuild serves a early, then a again (changed by a second run) and b; a's
        // page reloads and connects again before the rebuild ends.
        streams.tell(b"1 ", &showing(&["a/index.html"]));
        streams.tell(b"2 ", &showing(&["a/index.html", "b/index.html"]));
        let (a_again, a_again_client) = stream(&listener, None);
        streams.add(a_again.tcp, Some("a/index.html".into()));
        streams.tell(b"3 ", &Audience::Rest);
        // The next rebuild tells a again; a failed one tells everyone.
        streams.tell(b"4 ", &showing(&["a/index.html"]));
        streams.tell(b"5 ", &Audience::All);
        streams.tell(b"end", &Audience::All);

        assert_eq!(received(a_client), "1 2 4 5 end");
        assert_eq!(received(b_client), "2 5 end");
        assert_eq!(received(c_client), "3 5 end");
        let start = std::str::from_utf8(START).expect("ASCII");
        assert_eq!(received(a_again_client), format!("{start}4 5 end"));
    }
}
