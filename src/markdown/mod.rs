//! Markdown → HTML with pulldown-cmark: heading ids and anchor links, the table of
//! contents, the summary, word count, typographic quotes, and internal links rewritten
//! to URLs. Runs before and without templates; knows nothing of Tera.

mod download;
mod footnotes;
mod heading_ids;
mod ids;
pub mod links;
mod outline;
mod quotes;
mod renderer;
mod table;
mod words;

pub use heading_ids::HeadingIds;

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};
use serde::Serialize;

use crate::error::Diagnostic;
use crate::messages::Text;

/// Looks up content paths; implemented by the model's route table.
pub trait Resolve: Sync {
    /// The URL of the content file `rel` (a page, section or other file), and the
    /// Markdown document whose headings its anchors refer to.
    fn resolve(&self, rel: &str) -> Result<Resolved, Unresolved>;

    /// What the site publishes at the site path `path` (without the base path), for
    /// root-relative links such as `/impressum/`: its URL with the base path, the
    /// document whose headings its anchors refer to, and its size if it is a file.
    fn resolve_url(&self, path: &str) -> Result<Resolved, Unresolved>;

    /// The base URL's path (`/kbm`), put before site-absolute links such as `/impressum/`.
    fn base_path(&self) -> &str;

    /// The absolute URL of a site URL (one that already includes the base path).
    fn absolute(&self, url: &str) -> String;
}

/// Why a content path did not resolve, and what to do about it.
#[derive(Debug, Clone)]
pub struct Unresolved {
    /// The end of the sentence "the link … points to `x`, …" (`$reason` of
    /// `markdown-link-unresolved`).
    pub reason: Text,
    /// How to fix it.
    pub hint: Text,
}

/// A resolved content path.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The site path, e.g. `/projekte/knotenpunkte/`.
    pub url: String,
    /// The Markdown document (content-relative) that owns the anchors, if it is one.
    pub document: Option<String>,
    /// The size in bytes, if it is a copied file (a download).
    pub size: Option<u64>,
}

/// One Markdown document to render.
pub struct Input<'a> {
    /// The whole file, for error snippets.
    pub text: &'a str,
    /// Byte offset of the body in `text`.
    pub body_start: usize,
    /// The file's path relative to `content/`.
    pub rel: &'a str,
    /// The path shown in messages.
    pub display: &'a Path,
    /// The page's locale, for quotes and labels.
    pub locale: crate::locale::Locale,
    /// Whether to count the words ([`Rendered::word_count`] stays 0 if not): every text
    /// fragment passes through the count, and most templates never show it.
    pub count_words: bool,
}

/// An entry of the table of contents.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    /// Heading level, 1–6.
    pub level: u8,
    /// The heading's `id`.
    pub id: String,
    /// The heading text.
    pub title: String,
    /// Headings nested below this one.
    pub children: Vec<TocEntry>,
}

/// A link to a heading in another document, checked once all documents are rendered.
/// Every page's links wait for that, so each keeps only what its message needs
/// ([`AnchorRef::missing`] makes the message for the few whose heading is missing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorRef {
    /// The linked document, relative to `content/`.
    pub document: String,
    /// The heading id.
    pub anchor: String,
    /// The link's line and column in its file.
    pub at: (usize, usize),
    /// `link` or `image`.
    pub what: &'static str,
    /// The link's text.
    pub text: Box<str>,
    /// The link's destination as written.
    pub dest: Box<str>,
}

/// The result of rendering one document.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// The text before `<!-- more -->`, else the first paragraph, as HTML.
    pub summary: String,
    /// The headings as a tree.
    pub toc: Vec<TocEntry>,
    /// Words in the body text, if [`Input::count_words`].
    pub word_count: usize,
    /// Every heading id, for anchor checks.
    pub heading_ids: HeadingIds,
    /// Links into other documents' headings.
    pub anchor_refs: Vec<AnchorRef>,
    /// Dead links and other problems.
    pub problems: Vec<Diagnostic>,
}

/// The pulldown-cmark extensions lernort's Markdown uses (tests compare against
/// pulldown-cmark's own HTML with these).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

/// Renders one document, resolving its links through `resolver`.
pub fn render(input: &Input, resolver: &dyn Resolve) -> Rendered {
    render_as(input, resolver, true)
}

/// [`render`], written while parsed when `may_stream` and the text allows it, else
/// from the collected events (tests compare the two).
fn render_as(input: &Input, resolver: &dyn Resolve, may_stream: bool) -> Rendered {
    let mut r = renderer::Renderer::new(input, resolver);
    let body = &input.text[input.body_start..];
    // The author's `{#id}`s are taken before any id is made up, wherever they stand,
    // so a heading's automatic id steps aside for an explicit one further down. Only a
    // text with a `{` can have one, and only such a text is parsed twice: the events
    // of the others stream through once, never collected (a 3 MB page has millions).
    if memchr::memchr(b'{', body.as_bytes()).is_some() {
        let parser = Parser::new_ext(body, options()).into_offset_iter();
        r.reserve_explicit_ids(parser.filter_map(|(event, range)| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => {
                Some((id, range.start + input.body_start))
            }
            _ => None,
        }));
    }
    let events = Parser::new_ext(body, options()).into_offset_iter();
    if may_stream && renderer::stream::streams(body) {
        return r.stream(events, body);
    }
    // About one event per 24 bytes of Markdown on the benchmark sites: a close first
    // guess saves most of the copies a growing list makes.
    r.reserve_events(body.len() / 24 + 16);
    for (event, range) in events {
        let source = &body[range.clone()];
        r.event(event, range.start + input.body_start, source);
    }
    r.finish()
}

/// Escapes text for HTML text or a quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Reading time in whole minutes at 200 words per minute, at least 1.
pub fn reading_time(words: usize) -> usize {
    words.div_ceil(200).max(1)
}
