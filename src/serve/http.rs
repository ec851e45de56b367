//! The preview's HTTP side: serves the last good build from memory, injects the live
//! reload script (and the error overlay while a rebuild fails) into HTML responses,
//! and sends event stream requests to `events.rs`. Connections, parsing and limits are
//! `net.rs`'s; this file only turns a method and a target into an answer. Serving only from the in-memory map means no request
//! path ever reaches the file system, so `..` and its encodings cannot escape.

use super::{Served, State};
use crate::markdown::escape;

/// The path the live reload script listens to.
pub const EVENTS_PATH: &str = "/__lernort/events";

/// A complete response, before the status line, `Content-Length` and `Date`.
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Further header fields.
    pub headers: Vec<(&'static str, String)>,
    /// The body (also the length a HEAD answer announces).
    pub body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body,
        }
    }

    /// A plain-text reply.
    pub fn text(status: u16, text: &str) -> Reply {
        Reply::new(status, text.as_bytes().to_vec())
            .with("Content-Type", "text/plain; charset=utf-8")
    }

    fn with(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_string()));
        self
    }

    /// The reply as bytes on the wire; without the body for HEAD (with the GET length).
    pub fn wire(&self, keep_alive: bool, head: bool) -> Vec<u8> {
        let date = jiff::Timestamp::now().strftime("%a, %d %b %Y %H:%M:%S GMT");
        let mut text = format!(
            "HTTP/1.1 {} {}\r\nDate: {date}\r\nContent-Length: {}\r\n",
            self.status,
            reason(self.status),
            self.body.len()
        );
        for (name, value) in &self.headers {
            text.push_str(&format!("{name}: {value}\r\n"));
        }
        if !keep_alive {
            text.push_str("Connection: close\r\n");
        }
        text.push_str("\r\n");
        let mut bytes = text.into_bytes();
        if !head {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }
}

/// The reason phrase of the statuses the preview sends.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// What to do with a request.
pub enum Answer {
    /// Send this.
    Reply(Reply),
    /// Hand the connection to the event streams.
    Events,
}

/// Answers one request from the current files.
pub fn answer(method: &str, target: &str, state: &State) -> Answer {
    let head = match method {
        "GET" => false,
        "HEAD" => true,
        _ => {
            let reply = Reply::text(405, "only GET and HEAD are supported\n");
            return Answer::Reply(reply.with("Allow", "GET, HEAD"));
        }
    };
    let raw_path = target.split(['?', '#']).next().unwrap_or("/");
    if raw_path == EVENTS_PATH && !head {
        return Answer::Events;
    }
    let Some(path) = clean_path(raw_path) else {
        return Answer::Reply(Reply::text(400, "bad request path\n"));
    };
    Answer::Reply(lookup(state, &path))
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
    built: bool,
    not_found: Option<Served>,
    error: Option<String>,
}

fn lookup(state: &State, path: &str) -> Reply {
    let key = path.trim_start_matches('/');
    let key = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    };
    let l = state.read(|s| Lookup {
        hit: s.files.get(&key).cloned(),
        folder: s.files.contains_key(&format!("{key}/index.html")),
        built: s.built,
        not_found: s.files.get("404.html").cloned(),
        error: s.error.clone(),
    });
    let error = l.error.as_deref();
    if !l.built {
        return not_built(error);
    }
    if let Some(served) = &l.hit {
        return found(&key, served, &state.root, error, 200);
    }
    if l.folder {
        return Reply::new(301, Vec::new()).with("Location", &format!("{path}/"));
    }
    match &l.not_found {
        Some(served) => found("404.html", served, &state.root, error, 404),
        None => Reply::text(404, "not found\n"),
    }
}

/// The answer to every path while the site has never built: the error, on a page
/// that reloads when a rebuild succeeds. 503, because the preview has nothing to
/// serve yet and will have once the sources are fixed: not a fault of the server,
/// and no page at that path is known to be missing.
fn not_built(error: Option<&str>) -> Reply {
    let overlay = overlay(
        "lernort: the site has not built yet",
        "There is no good version of the site to show yet. Fix the problem and save; this page then shows the site.",
        error.unwrap_or("The first build has not finished."),
    );
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>lernort: the site has not built yet</title></head><body>{overlay}{LIVE_SCRIPT}</body></html>"
    );
    Reply::new(503, page.into_bytes())
        .with("Content-Type", "text/html; charset=utf-8")
        .with("Cache-Control", "no-store")
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
) -> Reply {
    let bytes = match served {
        Served::Bytes(b) => b.to_vec(),
        Served::File(path) => match read_inside(path, root) {
            Some(b) => b,
            None => return Reply::text(404, "not found\n"),
        },
    };
    let kind = content_type(key);
    let bytes = if kind.starts_with("text/html") {
        inject(bytes, error)
    } else {
        bytes
    };
    Reply::new(status, bytes)
        .with("Content-Type", kind)
        .with("Cache-Control", "no-store")
}

/// Adds the live reload script, and the error overlay while the last rebuild failed.
/// Only responses are changed; the build output itself never contains either.
fn inject(html: Vec<u8>, error: Option<&str>) -> Vec<u8> {
    let Ok(mut text) = String::from_utf8(html.clone()) else {
        return html;
    };
    let mut extra = String::from(LIVE_SCRIPT);
    if let Some(message) = error {
        extra.push_str(&overlay(
            "lernort: the last rebuild failed",
            "The page below is the last good version. Fix the problem and save; this message disappears.",
            message,
        ));
    }
    match text.rfind("</body>") {
        Some(i) => text.insert_str(i, &extra),
        None => text.push_str(&extra),
    }
    text.into_bytes()
}

/// The error overlay: a heading, what it means, and the error text (escaped).
fn overlay(heading: &str, meaning: &str, message: &str) -> String {
    format!(
        "<div id=\"lernort-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#fff;color:#000;border:0.5rem solid #b00020;padding:1.5rem;font:1rem/1.4 system-ui,sans-serif\"><h2 style=\"margin-top:0\">{heading}</h2><p>{meaning}</p><pre style=\"white-space:pre-wrap;font:0.9rem/1.4 monospace\">{}</pre></div>",
        escape(message)
    )
}

const LIVE_SCRIPT: &str = "<script data-lernort-live>(function(){var es=new EventSource('/__lernort/events');es.addEventListener('reload',function(){location.reload();});es.addEventListener('css',function(){document.querySelectorAll('link[rel=stylesheet]').forEach(function(l){var u=new URL(l.href);u.searchParams.set('lernort-live',Date.now());l.href=u.toString();});});})();</script>";

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
