//! The preview's HTTP side: serves the last good build from memory, injects the live
//! reload script (and the error overlay while a rebuild fails) into HTML responses,
//! and sends event stream requests to `events.rs`. Connections, parsing and limits are
//! `net.rs`'s; this file only turns a method and a target into an answer. A request path
//! only selects an entry of the in-memory map of what the build published, so no request
//! path ever reaches the file system, and `..` and its encodings cannot escape.

use std::sync::Arc;

use super::{Served, State};
use crate::markdown::escape;
use crate::messages::{Lang, Text};
use crate::render::FileBytes;
use crate::text;

/// The path the live reload script listens to.
pub const EVENTS_PATH: &str = "/__lernort/events";

/// A response body: the served file's own bytes where they can be shared (a rendered
/// page, a large asset), so that answering does not copy them.
pub enum Body {
    /// Shared with the preview's files.
    Shared(Arc<[u8]>),
    /// Made or read for this answer.
    Owned(Vec<u8>),
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        match self {
            Body::Shared(b) => b,
            Body::Owned(b) => b,
        }
    }
}

/// A complete response, before the status line, `Content-Length` and `Date`.
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Further header fields.
    pub headers: Vec<(&'static str, String)>,
    /// The body (also the length a HEAD answer announces).
    pub body: Body,
}

impl Reply {
    fn new(status: u16, body: Body) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body,
        }
    }

    /// A plain-text reply.
    pub fn text(status: u16, text: &str) -> Reply {
        Reply::new(status, Body::Owned(text.as_bytes().to_vec()))
            .with("Content-Type", "text/plain; charset=utf-8")
    }

    fn with(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_string()));
        self
    }

    /// The status line and header fields as bytes on the wire, announcing the body's
    /// length (also for HEAD, which then sends no body). The body is sent after it as it
    /// is, without being copied into one buffer with the head.
    pub fn head(&self, keep_alive: bool) -> Vec<u8> {
        let date = jiff::Timestamp::now().strftime("%a, %d %b %Y %H:%M:%S GMT");
        let mut text = format!(
            "HTTP/1.1 {} {}\r\nDate: {date}\r\nContent-Length: {}\r\n",
            self.status,
            reason(self.status),
            self.body.as_ref().len()
        );
        for (name, value) in &self.headers {
            text.push_str(&format!("{name}: {value}\r\n"));
        }
        if !keep_alive {
            text.push_str("Connection: close\r\n");
        }
        text.push_str("\r\n");
        text.into_bytes()
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
    /// Hand the connection to the event streams, for the page at this output path if
    /// the stream named one.
    Events(Option<String>),
}

/// A plain-text reply with a message in the preview's language, on a line of its own.
fn message(status: u16, words: Text, lang: Lang) -> Reply {
    Reply::text(status, &format!("{}\n", words.render(lang)))
}

/// Answers one request from the current files.
pub fn answer(method: &str, target: &str, state: &State) -> Answer {
    let head = match method {
        "GET" => false,
        "HEAD" => true,
        _ => {
            let reply = message(405, text!("serve-http-method"), state.lang);
            return Answer::Reply(reply.with("Allow", "GET, HEAD"));
        }
    };
    let target = target.split('#').next().unwrap_or("/");
    let (raw_path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    if raw_path == EVENTS_PATH && !head {
        return Answer::Events(query.and_then(page_of_stream));
    }
    let Some(path) = clean_path(raw_path) else {
        return Answer::Reply(message(400, text!("serve-http-bad-path"), state.lang));
    };
    Answer::Reply(lookup(state, &path, raw_path, query))
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

/// The output path of the page an event stream belongs to: its query's `page`, the
/// page's `location.pathname` (the live-reload script encodes it once more).
fn page_of_stream(query: &str) -> Option<String> {
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("page="))?;
    let pathname = percent_encoding::percent_decode_str(value)
        .decode_utf8()
        .ok()?;
    clean_path(&pathname).map(|path| file_key(&path))
}

/// The file a decoded request path asks for: a folder's `index.html`.
fn file_key(path: &str) -> String {
    let key = path.trim_start_matches('/');
    if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    }
}

/// What a request needs from the current files, taken under the read lock.
struct Lookup {
    hit: Option<Served>,
    folder: bool,
    built: bool,
    not_found: Option<Served>,
    error: Option<String>,
}

/// The answer for the decoded `path`; `raw_path` (as sent) and `query` make the
/// redirect of a folder to its trailing-slash URL.
fn lookup(state: &State, path: &str, raw_path: &str, query: Option<&str>) -> Reply {
    let key = file_key(path);
    let l = state.read(|s| Lookup {
        hit: s.files.get(&key).cloned(),
        folder: s.files.contains_key(&format!("{key}/index.html")),
        built: s.built,
        not_found: s.files.get("404.html").cloned(),
        error: s.error.clone(),
    });
    let error = l.error.as_deref();
    if !l.built {
        return not_built(error, state.lang);
    }
    if let Some(served) = &l.hit {
        return found(&key, served, state, error, 200);
    }
    if l.folder {
        // The target as sent, so that its encoding and its query stay as they were.
        let location = match query {
            Some(query) => format!("{raw_path}/?{query}"),
            None => format!("{raw_path}/"),
        };
        return Reply::new(301, Body::Owned(Vec::new())).with("Location", &location);
    }
    match &l.not_found {
        Some(served) => found("404.html", served, state, error, 404),
        None => message(404, text!("serve-http-not-found"), state.lang),
    }
}

/// The answer to every path while the site has never built: the error, on a page
/// that reloads when a rebuild succeeds. 503, because the preview has nothing to
/// serve yet and will have once the sources are fixed: not a fault of the server,
/// and no page at that path is known to be missing.
fn not_built(error: Option<&str>, lang: Lang) -> Reply {
    let heading = text!("serve-not-built").render(lang);
    let pending = text!("serve-not-built.pending").render(lang);
    let overlay = overlay(
        &heading,
        &text!("serve-not-built.explanation").render(lang),
        error.unwrap_or(&pending),
        lang,
    );
    let page = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>{overlay}{LIVE_SCRIPT}</body></html>",
        lang.tag(),
        escape(&heading)
    );
    Reply::new(503, Body::Owned(page.into_bytes()))
        .with("Content-Type", "text/html; charset=utf-8")
        .with("Cache-Control", "no-store")
}

/// Reads a copied file the way `build` copies it. The path comes from the build's own
/// list, never from a request. An asset is read through symbolic links wherever they
/// point, as the asset walk follows them; a content file only while it still lies inside
/// the site, as the content walk refuses links that leave it: between two rebuilds it
/// may have been replaced by such a link, and the rebuild then fails.
fn read_copy(path: &std::path::Path, inside: Option<&std::path::Path>) -> Option<Vec<u8>> {
    let real = path.canonicalize().ok()?;
    if inside.is_some_and(|root| !real.starts_with(root)) || !real.is_file() {
        return None;
    }
    std::fs::read(real).ok()
}

fn found(key: &str, served: &Served, state: &State, error: Option<&str>, status: u16) -> Reply {
    let body = match served {
        Served::Bytes(FileBytes::Whole(b)) => Some(Body::Shared(Arc::clone(b))),
        // A page in pieces is put together for its answer; `inject` copies it once more to
        // add the script, as it copies every page (a copy costs far less than the request).
        Served::Bytes(b) => Some(Body::Owned(b.contiguous().into_owned())),
        Served::Asset(path) => read_copy(path, None).map(Body::Owned),
        Served::File(path) => read_copy(path, Some(&state.root)).map(Body::Owned),
    };
    let Some(body) = body else {
        return message(404, text!("serve-http-not-found"), state.lang);
    };
    let kind = content_type(key);
    let bytes = if kind.starts_with("text/html") {
        inject(body, error, state.lang)
    } else {
        body
    };
    Reply::new(status, bytes)
        .with("Content-Type", kind)
        .with("Cache-Control", "no-store")
}

/// Adds the live reload script, and the error overlay while the last rebuild failed.
/// Only responses are changed; the build output itself never contains either. Copies
/// the page once, into the answer; a page that is not UTF-8 is sent as it is.
fn inject(html: Body, error: Option<&str>, lang: Lang) -> Body {
    let Ok(text) = std::str::from_utf8(html.as_ref()) else {
        return html;
    };
    let mut extra = String::from(LIVE_SCRIPT);
    if let Some(message) = error {
        extra.push_str(&overlay(
            &text!("serve-rebuild-failed-overlay").render(lang),
            &text!("serve-rebuild-failed-overlay.explanation").render(lang),
            message,
            lang,
        ));
    }
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = Vec::with_capacity(text.len() + extra.len());
    out.extend_from_slice(&text.as_bytes()[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&text.as_bytes()[at..]);
    Body::Owned(out)
}

/// The error overlay: a heading, what it means, and the error text (all escaped). The
/// overlay sits in a page of the site, which may be in another language than the
/// message: it says which one it is in.
fn overlay(heading: &str, meaning: &str, message: &str, lang: Lang) -> String {
    format!(
        "<div id=\"lernort-error-overlay\" lang=\"{}\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#fff;color:#000;border:0.5rem solid #b00020;padding:1.5rem;font:1rem/1.4 system-ui,sans-serif\"><h2 style=\"margin-top:0\">{}</h2><p>{}</p><pre style=\"white-space:pre-wrap;font:0.9rem/1.4 monospace\">{}</pre></div>",
        lang.tag(),
        escape(heading),
        escape(meaning),
        escape(message)
    )
}

const LIVE_SCRIPT: &str = "<script data-lernort-live>(function(){var es=new EventSource('/__lernort/events?page='+encodeURIComponent(location.pathname));es.addEventListener('reload',function(){location.reload();});es.addEventListener('css',function(){document.querySelectorAll('link[rel=stylesheet]').forEach(function(l){var u=new URL(l.href);u.searchParams.set('lernort-live',Date.now());l.href=u.toString();});});})();</script>";

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
            Body::Owned(b"<html><body><p>x</p></body></html>".to_vec()),
            Some("a < b"),
            Lang::De,
        );
        let text = String::from_utf8(html.as_ref().to_vec()).unwrap();
        assert!(text.contains("data-lernort-live"));
        assert!(text.contains("a &lt; b"));
        assert!(
            text.contains("lang=\"de\"") && text.contains("Das letzte Erstellen"),
            "{text}"
        );
        assert!(text.ends_with("</body></html>"));
    }

    #[test]
    fn an_event_stream_names_its_page_as_the_live_script_encodes_it() {
        // `encodeURIComponent(location.pathname)` of /über-uns/ (the browser gives the
        // path percent-encoded, the script encodes it once more).
        let query = "page=%2F%25C3%25BCber-uns%2F";
        assert_eq!(
            page_of_stream(query).as_deref(),
            Some("über-uns/index.html")
        );
        assert_eq!(page_of_stream("page=%2F").as_deref(), Some("index.html"));
        assert_eq!(
            page_of_stream("x=1&page=%2Fa%2Fb.html").as_deref(),
            Some("a/b.html")
        );
        // No page, or one that tries to leave the site: a stream for no page.
        assert_eq!(page_of_stream("x=1"), None);
        assert_eq!(page_of_stream("page=%2F..%2Fetc%2F"), None);
        assert_eq!(page_of_stream("page=relativ"), None);
    }
}
