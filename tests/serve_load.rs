//! `lernort serve` under load and faults: a thousand open event streams and half-sent
//! requests neither add threads nor block a normal request, live reload still reaches
//! the pages afterwards, oversized request lines and heads get 414 and 431, and a site
//! that has never built answers every path with its error. Every wait is bounded.

// The open-file limit (rlimit) and /proc are read as on Unix.
#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::http::{WAIT, http, overlay_text};
use common::preview::{KNOTENPUNKTE, LIVE, OVERLAY, Preview, Sandbox, Server};

/// Event streams and half-sent requests held open at once.
const STREAMS: usize = 500;
const HALF_SENT: usize = 500;

/// The open files the server asks for: its 4,096 connections and 2,048 more for event
/// streams and files (`src/serve/net.rs`), not the hard limit, which can be a million.
const FILE_BUDGET: u64 = 4096 + 2048;

/// The server's threads may not grow by more than this with the connections: it starts
/// all of its threads before serving, so any growth means threads per connection.
const THREAD_GROWTH: usize = 4;

fn addr(server: &Server) -> String {
    server.url.trim_start_matches("http://").to_string()
}

fn connect(addr: &str) -> TcpStream {
    let stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    stream.set_read_timeout(Some(WAIT)).expect("read timeout");
    stream.set_write_timeout(Some(WAIT)).expect("write timeout");
    stream
}

/// Reads from `stream` until `text` has arrived; returns all that was read.
fn read_until(stream: &mut TcpStream, text: &str) -> String {
    let mut got = Vec::new();
    let mut chunk = [0u8; 4096];
    while !String::from_utf8_lossy(&got).contains(text) {
        match stream.read(&mut chunk) {
            Ok(0) => panic!(
                "closed before {text:?}; got {:?}",
                String::from_utf8_lossy(&got)
            ),
            Ok(n) => got.extend_from_slice(&chunk[..n]),
            Err(e) => panic!(
                "waiting for {text:?}: {e}; got {:?}",
                String::from_utf8_lossy(&got)
            ),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

/// An event stream, read up to its first message.
fn open_stream(addr: &str) -> TcpStream {
    let mut stream = connect(addr);
    write!(
        stream,
        "GET /__lernort/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("send");
    let head = read_until(&mut stream, "retry: 500\n\n");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    stream
}

/// A request that stops in the middle of its request line.
fn half_sent(addr: &str) -> TcpStream {
    let mut stream = connect(addr);
    stream.write_all(b"GET /projekte/knotenp").expect("send");
    stream
}

fn threads(server: &Server) -> usize {
    let tasks = format!("/proc/{}/task", server.pid());
    std::fs::read_dir(&tasks)
        .unwrap_or_else(|e| panic!("{tasks}: {e}"))
        .count()
}

/// Times `count` GETs of a page; returns the sorted durations.
fn timed_gets(p: &Preview, count: usize) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..count)
        .map(|_| {
            let start = Instant::now();
            let r = p.get("/projekte/knotenpunkte/");
            let took = start.elapsed();
            assert_eq!(r.status, 200, "{}", r.text());
            assert!(took < WAIT, "a GET took {took:?}");
            took
        })
        .collect();
    times.sort();
    times
}

fn describe(times: &[Duration]) -> String {
    format!(
        "median {:?}, max {:?} over {}",
        times[times.len() / 2],
        times[times.len() - 1],
        times.len()
    )
}

/// Two sockets per connection (ours and the server's) live in this process and its
/// child, which inherits the limit. The soft limit is set to just what this test needs,
/// so that the server has to raise its own to take more.
fn enough_file_descriptors() {
    let needed = (STREAMS + HALF_SENT) as u64 * 2 + 200;
    let (_, hard) = rlimit::Resource::NOFILE.get().expect("the open file limit");
    assert!(
        hard >= needed,
        "this test needs {needed} open files, the hard limit allows {hard}"
    );
    rlimit::Resource::NOFILE
        .set(needed, hard)
        .expect("set the open file limit");
}

/// The soft and hard limit of open files of process `pid`.
fn file_limits(pid: u32) -> (String, String) {
    let path = format!("/proc/{pid}/limits");
    let limits = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .unwrap_or_else(|| panic!("no open file limit in {limits}"));
    let mut words = line["Max open files".len()..].split_whitespace();
    let soft = words.next().unwrap_or_default().to_string();
    let hard = words.next().unwrap_or_default().to_string();
    (soft, hard)
}

#[cfg(target_os = "linux")]
#[test]
fn a_thousand_idle_connections_neither_add_threads_nor_block_a_request() {
    enough_file_descriptors();
    let p = Preview::start("basic");
    let addr = addr(&p.server);
    let before = threads(&p.server);
    let (soft, hard) = file_limits(p.server.pid());
    let wanted = hard
        .parse::<u64>()
        .map_or(FILE_BUDGET, |h| h.min(FILE_BUDGET));
    assert_eq!(
        soft,
        wanted.to_string(),
        "the server raises its open file limit to what its connection cap needs, within the hard one ({hard})"
    );
    let quiet = timed_gets(&p, 20);

    let streams: Vec<TcpStream> = (0..STREAMS).map(|_| open_stream(&addr)).collect();
    let mut stalled: Vec<TcpStream> = (0..HALF_SENT).map(|_| half_sent(&addr)).collect();

    let loaded = timed_gets(&p, 20);
    let during = threads(&p.server);
    println!(
        "serve_load: {STREAMS} event streams + {HALF_SENT} half-sent requests: threads {before} -> {during}; GET quiet {}; GET loaded {}",
        describe(&quiet),
        describe(&loaded)
    );
    assert!(
        during <= before + THREAD_GROWTH,
        "threads grew from {before} to {during} with {} connections\n{}",
        STREAMS + HALF_SENT,
        p.server.log()
    );

    // Live reload still reaches the page that was open before, one of the streams
    // opened during the flood, and a new one.
    let late = p.server.events();
    p.sandbox.write(
        KNOTENPUNKTE,
        &p.sandbox
            .read(KNOTENPUNKTE)
            .replace("Das Projektteam", "Das neue Projektteam"),
    );
    p.reload("editing a page after the flood");
    let mut first = streams.into_iter().next().expect("a stream");
    read_until(&mut first, "event: reload\n");
    let event = late.next("a reload on a stream opened after the flood");
    assert_eq!(event.name, "reload", "{event:?}");
    assert!(
        p.page("/projekte/knotenpunkte/")
            .contains("Das neue Projektteam")
    );

    // A half-sent request is not kept forever: it gets 408 within the head timeout.
    let mut one = stalled.pop().expect("a stalled request");
    one.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("read timeout");
    let answer = read_until(&mut one, "\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

/// Sends `request` as it is and reads the answer until the server closes.
fn raw(addr: &str, request: &[u8]) -> String {
    let mut stream = connect(addr);
    stream.write_all(request).expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read the answer");
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn oversized_request_lines_get_414_and_oversized_heads_431() {
    let p = Preview::start("basic");
    let addr = addr(&p.server);

    let long = format!("/{}", "a".repeat(1024 * 1024));
    let r = http(&addr, "GET", &long).expect("an answer to a 1 MB request line");
    assert_eq!(r.status, 414, "{}", r.text());
    // Long, but within the limit: an ordinary 404.
    let r = p.get(&format!("/{}", "a".repeat(8 * 1024)));
    assert_eq!(r.status, 404, "{}", r.text());

    let mut big = format!("GET / HTTP/1.1\r\nHost: {addr}\r\n");
    while big.len() < 80 * 1024 {
        big.push_str("X-Fill: 0123456789012345678901234567890123456789\r\n");
    }
    big.push_str("\r\n");
    let answer = raw(&addr, big.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");

    let mut many = format!("GET / HTTP/1.1\r\nHost: {addr}\r\n");
    for i in 0..200 {
        many.push_str(&format!("X-{i}: 1\r\n"));
    }
    many.push_str("\r\n");
    let answer = raw(&addr, many.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");

    let answer = raw(&addr, b"\x16\x03\x01 not http at all\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(p.page("/").contains("<h1>Startseite</h1>"));
}

/// Reads one response with a `Content-Length` from a kept-alive connection.
fn next_response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> (String, Vec<u8>) {
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).into_owned();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or_else(|| panic!("no Content-Length in {head}"));
            if buf.len() >= end + 4 + len {
                let body = buf[end + 4..end + 4 + len].to_vec();
                buf.drain(..end + 4 + len);
                return (head, body);
            }
        }
        let n = stream.read(&mut chunk).expect("read");
        assert!(n > 0, "closed early: {:?}", String::from_utf8_lossy(buf));
        buf.extend_from_slice(&chunk[..n]);
    }
}

#[test]
fn a_kept_alive_connection_answers_pipelined_requests_in_order() {
    let p = Preview::start("basic");
    let addr = addr(&p.server);
    let mut stream = connect(&addr);
    let get = |path: &str| format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    let both = format!("{}{}", get("/"), get("/projekte/"));
    stream.write_all(both.as_bytes()).expect("send");
    let mut buf = Vec::new();
    let (head, body) = next_response(&mut stream, &mut buf);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(String::from_utf8_lossy(&body).contains("<h1>Startseite</h1>"));
    let (head, body) = next_response(&mut stream, &mut buf);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(String::from_utf8_lossy(&body).contains("<h1>Projekte</h1>"));
    // The same connection, later: still open.
    stream
        .write_all(get("/css/test.css").as_bytes())
        .expect("send");
    let (head, _) = next_response(&mut stream, &mut buf);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
}

/// A client that sends two requests at once and then shuts its sending side (as
/// `curl --http1.1` with a pipe, or a load balancer's health check, may) still gets both
/// answers, in order, and then the connection closes.
#[test]
fn pipelined_requests_are_answered_after_the_client_stops_sending() {
    let p = Preview::start("basic");
    let addr = addr(&p.server);
    let mut stream = connect(&addr);
    let get = |path: &str| format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    let both = format!("{}{}", get("/"), get("/projekte/"));
    stream.write_all(both.as_bytes()).expect("send");
    stream
        .shutdown(std::net::Shutdown::Write)
        .expect("half-close");
    let mut all = Vec::new();
    stream
        .read_to_end(&mut all)
        .expect("read until the server closes");
    let text = String::from_utf8_lossy(&all);
    assert_eq!(text.matches("HTTP/1.1 200").count(), 2, "{text}");
    let home = text.find("<h1>Startseite</h1>").expect("home page");
    let projects = text.find("<h1>Projekte</h1>").expect("projects page");
    assert!(home < projects, "in order: {text}");
}

#[test]
fn a_site_that_has_not_built_yet_shows_its_error_on_every_path() {
    let sandbox = Sandbox::new("basic");
    sandbox.write(
        KNOTENPUNKTE,
        "---\ntitle: [<kaputt>]\nweight: 1\n---\nNoch nicht gültig.\n",
    );
    let server = Server::start(&sandbox.site(), &["--port", "0"]);
    let events = server.events();

    let first = server.get("/");
    for target in [
        "/",
        "/projekte/knotenpunkte/",
        "/css/test.css",
        "/gibt-es-nicht",
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 503, "{target}: {}", r.text());
        assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.text(), first.text(), "{target}: the same page everywhere");
        let head = server.request("HEAD", target);
        assert_eq!(head.status, 503, "{target}");
        assert!(head.body.is_empty(), "{target}: HEAD has no body");
    }
    let html = first.text();
    assert!(html.contains(LIVE), "the page reloads when fixed:\n{html}");
    assert!(!html.contains("last good version"), "{html}");
    let site = sandbox.site().display().to_string();
    insta::assert_snapshot!(overlay_text(&html).replace(&site, "[SITE]"));

    // Fixed: the site, without the overlay. The watcher may start only after the
    // `Serving` line, so the fix is saved again until a rebuild reports.
    let deadline = Instant::now() + WAIT;
    let event = loop {
        sandbox.write(KNOTENPUNKTE, "---\ntitle: Knotenpunkte\n---\nGültig.\n");
        if let Ok(event) = events.rx.recv_timeout(Duration::from_millis(500)) {
            break event;
        }
        assert!(
            Instant::now() < deadline,
            "no rebuild after the fix\n{}",
            server.log()
        );
    };
    assert_eq!(event.name, "reload", "{event:?}");
    assert!(!event.is_error(), "{event:?}");
    let r = server.get("/projekte/knotenpunkte/");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(!r.text().contains(OVERLAY), "{}", r.text());

    // Broken again: now there is a last good version to show under the overlay.
    sandbox.write(KNOTENPUNKTE, "---\ntitle: [kaputt\n---\n");
    let event = events.next("a failed rebuild");
    assert!(event.is_error(), "{event:?}");
    let r = server.get("/projekte/knotenpunkte/");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        overlay_text(&r.text()).contains("The page below is the last good version"),
        "{}",
        r.text()
    );
}

/// Writes `len` bytes that differ from offset to offset, so that a misplaced chunk shows.
fn big_file(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i % 251) as u8 ^ (i >> 16) as u8)
        .collect()
}

#[test]
fn clients_that_stop_reading_a_big_download_do_not_stall_the_preview() {
    const STALLED: usize = 8;
    let sandbox = Sandbox::new("basic");
    let big = big_file(20 * 1024 * 1024);
    std::fs::create_dir_all(sandbox.path("assets")).expect("assets dir");
    std::fs::write(sandbox.path("assets/big.bin"), &big).expect("write big.bin");
    let p = Preview::start_in(sandbox);
    let addr = addr(&p.server);
    let quiet = timed_gets(&p, 5);

    // More clients than workers ask for the big file and read none of it.
    let mut stalled: Vec<TcpStream> = (0..STALLED)
        .map(|_| {
            let mut s = connect(&addr);
            write!(s, "GET /big.bin HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("send");
            s
        })
        .collect();
    // Let every one of them be answered as far as its socket takes.
    std::thread::sleep(Duration::from_millis(500));
    let start = Instant::now();
    let r = http(&addr, "GET", "/").expect("an answer while downloads stall");
    let took = start.elapsed();
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        took < Duration::from_secs(5),
        "GET / took {took:?} with {STALLED} stalled downloads\n{}",
        p.server.log()
    );
    let stalled_gets = timed_gets(&p, 20);
    println!(
        "serve_load: GET quiet {}; first GET with {STALLED} stalled 20 MB downloads {took:?}, then {}",
        describe(&quiet),
        describe(&stalled_gets)
    );

    // A stalled client that reads after all gets the whole file, intact, and its
    // connection still answers a next request.
    let mut one = stalled.pop().expect("a stalled client");
    let mut buf = Vec::new();
    let (head, body) = next_response(&mut one, &mut buf);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        body == big,
        "big.bin arrived changed ({} bytes)",
        body.len()
    );
    write!(one, "GET /css/test.css HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("send");
    let (head, _) = next_response(&mut one, &mut buf);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
}

#[test]
fn a_second_content_length_smuggles_no_request() {
    let p = Preview::start("basic");
    let addr = addr(&p.server);
    let hidden = format!("GET /gibtsnicht-geschmuggelt HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    let answers = |answer: &str| answer.matches("HTTP/1.1 ").count();

    for lengths in [
        format!("Content-Length: 0\r\nContent-Length: {}", hidden.len()),
        format!("Content-Length: {}\r\nContent-Length: 0", hidden.len()),
        format!(
            "Content-Length: {}\r\nTransfer-Encoding: chunked",
            hidden.len()
        ),
    ] {
        let request = format!("POST / HTTP/1.1\r\nHost: {addr}\r\n{lengths}\r\n\r\n{hidden}");
        let answer = raw(&addr, request.as_bytes());
        assert!(answer.starts_with("HTTP/1.1 400"), "{lengths}: {answer}");
        assert_eq!(answers(&answer), 1, "{lengths}: {answer}");
    }

    // A body is never skipped: the request is answered and the connection closed,
    // whatever the body holds.
    for (method, status) in [("POST", "405"), ("GET", "200")] {
        let request = format!(
            "{method} / HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\n\r\n{hidden}",
            hidden.len()
        );
        let answer = raw(&addr, request.as_bytes());
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{answer}"
        );
        assert_eq!(answers(&answer), 1, "{method}: {answer}");
        assert!(answer.contains("Connection: close"), "{answer}");
        let chunked = format!(
            "{method} / HTTP/1.1\r\nHost: {addr}\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{hidden}\r\n0\r\n\r\n",
            hidden.len()
        );
        let answer = raw(&addr, chunked.as_bytes());
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{answer}"
        );
        assert_eq!(answers(&answer), 1, "{method} chunked: {answer}");
    }
    assert!(p.page("/").contains("<h1>Startseite</h1>"));
}
