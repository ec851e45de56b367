//! The preview's HTTP side: serves the last good build from memory, injects the live
//! reload script (and the error overlay while a rebuild fails) into HTML responses,
//! and streams reload events. Serving only from the in-memory map means no request
//! path ever reaches the file system, so `..` and its encodings cannot escape.

use std::io::Write;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::{Served, State};
use crate::markdown::escape;

/// The path the live reload script listens to.
pub const EVENTS_PATH: &str = "/__lernort/events";

/// Answers one request.
pub fn handle(request: Request, state: &State) {
    let head = match request.method() {
        Method::Get => false,
        Method::Head => true,
        _ => {
            let response = Response::from_string("only GET and HEAD are supported\n")
                .with_status_code(405)
                .with_header(header("Allow", "GET, HEAD"));
            let _ = request.respond(response);
            return;
        }
    };
    let raw_path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    if raw_path == EVENTS_PATH && !head {
        let rx = state.subscribe();
        events(request, rx);
        return;
    }
    let Some(path) = clean_path(&raw_path) else {
        let _ = request.respond(Response::from_string("bad request path\n").with_status_code(400));
        return;
    };
    // For HEAD, tiny_http sends the headers of the full response and leaves out the body.
    let _ = request.respond(lookup(state, &path));
}

fn header(name: &str, value: &str) -> Header {
    // Both strings are ASCII literals or generated ASCII; a failure would be a bug here,
    // and an absent header is harmless, so fall back to a neutral one.
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Lernort"[..], &b"1"[..]).expect("ASCII header"))
}

/// Decodes `%xx` once and refuses paths that try to leave the site: `..` segments,
/// backslashes and NUL bytes. Double-encoded input stays encoded (and is not found).
pub fn clean_path(raw: &str) -> Option<String> {
    let path = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if !path.starts_with('/') || path.contains('\\') || path.contains('\0') {
        return None;
    }
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return None;
    }
    Some(path.into_owned())
}

/// What a request needs from the current files, taken under the read lock.
struct Lookup {
    hit: Option<Served>,
    folder: bool,
    empty: bool,
    not_found: Option<Served>,
    error: Option<String>,
}

fn lookup(state: &State, path: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let key = path.trim_start_matches('/');
    let key = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    };
    let l = state.read(|s| Lookup {
        hit: s.files.get(&key).cloned(),
        folder: s.files.contains_key(&format!("{key}/index.html")),
        empty: s.files.is_empty(),
        not_found: s.files.get("404.html").cloned(),
        error: s.error.clone(),
    });
    let error = l.error.as_deref();
    if let Some(served) = &l.hit {
        return found(&key, served, &state.root, error, 200);
    }
    if l.folder {
        return Response::from_data(Vec::new())
            .with_status_code(301)
            .with_header(header("Location", &format!("{path}/")));
    }
    if l.empty {
        // The first build failed: there is no page yet to show the error on.
        let page = b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>lernort: build failed</title></head><body></body></html>".to_vec();
        return Response::from_data(inject(page, error))
            .with_status_code(500)
            .with_header(header("Content-Type", "text/html; charset=utf-8"));
    }
    match &l.not_found {
        Some(served) => found("404.html", served, &state.root, error, 404),
        None => Response::from_data(b"not found\n".to_vec()).with_status_code(404),
    }
}

/// Reads a copied file, but only while it still lies inside the site: between two
/// rebuilds it may have been replaced by a link to somewhere else.
fn read_inside(path: &std::path::Path, root: &std::path::Path) -> Option<Vec<u8>> {
    let real = path.canonicalize().ok()?;
    if !real.starts_with(root) || !real.is_file() {
        return None;
    }
    std::fs::read(real).ok()
}

fn found(
    key: &str,
    served: &Served,
    root: &std::path::Path,
    error: Option<&str>,
    status: u16,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let bytes = match served {
        Served::Bytes(b) => b.to_vec(),
        Served::File(path) => match read_inside(path, root) {
            Some(b) => b,
            None => return Response::from_data(b"not found\n".to_vec()).with_status_code(404),
        },
    };
    let kind = content_type(key);
    let bytes = if kind.starts_with("text/html") {
        inject(bytes, error)
    } else {
        bytes
    };
    Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
}

/// Adds the live reload script, and the error overlay while the last rebuild failed.
/// Only responses are changed; the build output itself never contains either.
fn inject(html: Vec<u8>, error: Option<&str>) -> Vec<u8> {
    let Ok(mut text) = String::from_utf8(html.clone()) else {
        return html;
    };
    let mut extra = String::from(LIVE_SCRIPT);
    if let Some(message) = error {
        extra.push_str(&format!(
            "<div id=\"lernort-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#fff;color:#000;border:0.5rem solid #b00020;padding:1.5rem;font:1rem/1.4 system-ui,sans-serif\"><h2 style=\"margin-top:0\">lernort: the last rebuild failed</h2><p>The page below is the last good version. Fix the problem and save; this message disappears.</p><pre style=\"white-space:pre-wrap;font:0.9rem/1.4 monospace\">{}</pre></div>",
            escape(message)
        ));
    }
    match text.rfind("</body>") {
        Some(i) => text.insert_str(i, &extra),
        None => text.push_str(&extra),
    }
    text.into_bytes()
}

const LIVE_SCRIPT: &str = "<script data-lernort-live>(function(){var es=new EventSource('/__lernort/events');es.addEventListener('reload',function(){location.reload();});es.addEventListener('css',function(){document.querySelectorAll('link[rel=stylesheet]').forEach(function(l){var u=new URL(l.href);u.searchParams.set('lernort-live',Date.now());l.href=u.toString();});});})();</script>";

/// Streams server-sent events until the client goes away.
fn events(request: Request, rx: Receiver<String>) {
    // tiny_http buffers response bodies; taking over the connection lets every event
    // be flushed as it happens.
    let response = Response::empty(200)
        .with_header(header("Content-Type", "text/event-stream"))
        .with_header(header("Cache-Control", "no-store"));
    let mut stream = request.upgrade("text/event-stream", response);
    if stream
        .write_all(b"retry: 500\n\n")
        .and_then(|_| stream.flush())
        .is_err()
    {
        return;
    }
    loop {
        let chunk = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if stream
            .write_all(chunk.as_bytes())
            .and_then(|_| stream.flush())
            .is_err()
        {
            return;
        }
    }
}

/// The `Content-Type` for a file name.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "/%00",
            "relative",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn double_encoding_is_decoded_once_only() {
        assert_eq!(clean_path("/%252e%252e/etc"), Some("/%2e%2e/etc".into()));
    }

    #[test]
    fn ordinary_paths_are_decoded() {
        assert_eq!(
            clean_path("/projekte/Mein%20Plan.pdf"),
            Some("/projekte/Mein Plan.pdf".into())
        );
        assert_eq!(clean_path("/"), Some("/".into()));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("css/x.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("x.SVG"), "image/svg+xml");
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(content_type("LIESMICH"), "application/octet-stream");
    }

    #[test]
    fn injection_goes_before_the_body_end_and_shows_errors_escaped() {
        let html = inject(
            b"<html><body><p>x</p></body></html>".to_vec(),
            Some("a < b"),
        );
        let text = String::from_utf8(html).unwrap();
        assert!(text.contains("data-lernort-live"));
        assert!(text.contains("a &lt; b"));
        assert!(text.ends_with("</body></html>"));
    }
}
