//! The event-by-event renderer behind [`super::render`]: rewrites links and checks
//! their targets, gives headings ids and anchor links, labels task markers and table
//! header cells, applies typographic quotes, and collects the outline, summary and
//! word count. Every id it writes comes from one [`Ids`] allocator per document.

mod explicit_ids;
mod problems;
mod root_links;
pub(super) mod stream;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd, html};

use problems::unresolved;

use super::ids::Ids;
use super::links::{self, Destination, EscapesContent};
use super::quotes::QuoteState;
use super::table::TableHead;
use super::{Input, Rendered, Resolve, Unresolved, download, escape, footnotes, outline};
use crate::content::slug::slugify;
use crate::locale::Locale;
use crate::messages::Text;
use crate::text;

/// Where the summary ends, if the author says so.
const MORE_MARKER: &str = "<!-- more -->";

struct OpenLink<'a> {
    index: usize,
    offset: usize,
    tag: Tag<'a>,
    text: String,
}

/// Where a link goes once resolved.
#[derive(Default)]
struct Target {
    /// The new `href`, if it differs from what was written.
    href: Option<String>,
    /// The absolute URL, for `data-href`.
    absolute: Option<String>,
    /// The size of a linked file, for the download note.
    size: Option<u64>,
}

/// A link to a heading of the page itself (`[x](#ziel)`), checked once all its
/// headings have ids.
struct SamePageAnchor {
    anchor: String,
    offset: usize,
    /// `link` or `image`, the selector of the message.
    what: &'static str,
    text: String,
}

struct OpenHeading {
    index: usize,
    offset: usize,
    text: String,
}

pub(super) struct Renderer<'a, 'r> {
    input: &'r Input<'r>,
    resolver: &'r dyn Resolve,
    locale: Locale,
    dir: &'r str,
    events: Vec<Event<'a>>,
    quotes: QuoteState,
    /// Open links and images; an image can sit inside a link.
    links: Vec<OpenLink<'a>>,
    heading: Option<OpenHeading>,
    headings: Vec<(u8, String, String)>,
    /// Every id of the page: headings take theirs first, then the marker and footnotes.
    ids: Ids,
    table: TableHead,
    /// The index and source offset of the first `<!-- more -->`.
    more_at: Option<(usize, usize)>,
    footnotes: footnotes::Defined,
    in_word: bool,
    same_page: Vec<SamePageAnchor>,
    /// Where the lines of the text start, for placing problems.
    lines: std::cell::OnceCell<crate::lines::LineIndex>,
    out: Rendered,
}

impl<'a, 'r> Renderer<'a, 'r> {
    pub(super) fn new(input: &'r Input<'r>, resolver: &'r dyn Resolve) -> Self {
        Renderer {
            input,
            resolver,
            locale: input.locale,
            dir: crate::content::parent(input.rel),
            events: Vec::new(),
            quotes: QuoteState::default(),
            links: Vec::new(),
            heading: None,
            headings: Vec::new(),
            ids: Ids::default(),
            table: TableHead::default(),
            more_at: None,
            footnotes: footnotes::Defined::default(),
            in_word: false,
            same_page: Vec::new(),
            lines: std::cell::OnceCell::new(),
            out: Rendered::default(),
        }
    }

    /// Makes room for `n` collected events at once.
    pub(super) fn reserve_events(&mut self, n: usize) {
        self.events.reserve(n);
    }

    /// Handles one event; `source` is the Markdown it was parsed from.
    pub(super) fn event(&mut self, event: Event<'a>, offset: usize, source: &str) {
        if ends_words(&event) {
            self.in_word = false;
        }
        match event {
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                self.links.push(OpenLink {
                    index: self.events.len(),
                    offset,
                    tag,
                    text: String::new(),
                });
                // A placeholder; the start event is put back, with the resolved
                // destination, when the link closes and its text is known.
                self.events.push(Event::Text(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.close_link();
                self.events.push(event);
            }
            Event::Start(Tag::Heading { .. }) => {
                self.heading = Some(OpenHeading {
                    index: self.events.len(),
                    offset,
                    text: String::new(),
                });
                self.events.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                self.close_heading(level);
                self.quotes.reset();
            }
            Event::Text(text) => self.text(text, offset, source),
            Event::Code(code) => {
                self.note_text(&code);
                self.events.push(Event::Code(code));
            }
            Event::Html(ref h) | Event::InlineHtml(ref h)
                if h.trim() == MORE_MARKER && self.more_at.is_none() =>
            {
                // The target of „weiterlesen“ links; its id is given out in `finish`,
                // after the headings'. Later markers stay the comments they are.
                self.more_at = Some((self.events.len(), offset));
                self.events.push(Event::Html(CowStr::Borrowed("")));
            }
            Event::TaskListMarker(done) => {
                let html = task_marker(self.locale, done);
                self.events.push(Event::InlineHtml(CowStr::from(html)));
            }
            Event::SoftBreak | Event::HardBreak => {
                // A line break inside a heading or link text is a space between words.
                self.note_text(" ");
                self.events.push(event);
            }
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableCell)
            | Event::End(TagEnd::TableHead | TagEnd::TableCell) => self.table_event(event),
            Event::Start(Tag::FootnoteDefinition(ref label)) => {
                if let Err(first) = self.footnotes.note(label, offset) {
                    self.footnote_twice(label, offset, first);
                }
                self.events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                self.quotes.reset();
                self.events.push(event);
            }
            other => self.events.push(other),
        }
    }

    /// A text fragment, with ASCII quotes made typographic for the language.
    fn text(&mut self, text: CowStr<'a>, offset: usize, source: &str) {
        // Quotes typed as „…“ arrive unchanged; only those smart punctuation made from
        // ASCII `"` and `'` are rewritten for the language.
        let typed = memchr::memchr2(b'"', b'\'', source.as_bytes()).is_some();
        let rewritten = typed.then(|| {
            let before = self.input.text[..offset].chars().next_back();
            let after = self.input.text[offset + source.len()..].chars().next();
            self.quotes.apply(self.locale, &text, before, after)
        });
        let text = match rewritten.flatten() {
            Some(t) => CowStr::from(t),
            None => text,
        };
        self.note_text(&text);
        self.events.push(Event::Text(text));
    }

    /// A table's start, head or cell: header cells become `<th scope="col">`.
    fn table_event(&mut self, event: Event<'a>) {
        let th = match &event {
            Event::Start(Tag::Table(alignments)) => {
                self.table.table(alignments);
                None
            }
            Event::Start(Tag::TableHead) | Event::End(TagEnd::TableHead) => {
                self.table.head(matches!(event, Event::Start(_)));
                None
            }
            Event::Start(Tag::TableCell) => self.table.cell_start().map(CowStr::from),
            Event::End(TagEnd::TableCell) => self.table.cell_end().map(CowStr::Borrowed),
            _ => None,
        };
        match th {
            Some(th) => self.events.push(Event::InlineHtml(th)),
            None => self.events.push(event),
        }
    }

    fn note_text(&mut self, text: &str) {
        // Words are counted across fragments: `**Bildungs**management` is one word,
        // and punctuation alone (a `.` after a link) is none.
        if self.input.count_words {
            let (words, in_word) = super::words::count(text, self.in_word);
            self.out.word_count += words;
            self.in_word = in_word;
        }
        if let Some(h) = &mut self.heading {
            h.text.push_str(text);
        }
        for l in &mut self.links {
            l.text.push_str(text);
        }
    }

    /// Puts the link's start back with its resolved destination. Links are written as
    /// HTML so they can carry `data-href` (the absolute URL, which print shows) and,
    /// for files, the type and size after the text.
    fn close_link(&mut self) {
        let Some(mut link) = self.links.pop() else {
            return;
        };
        // In an image description only the text counts (it becomes the `alt`
        // text), so a link or image there stays the plain event it was.
        if self
            .links
            .iter()
            .any(|l| matches!(l.tag, Tag::Image { .. }))
        {
            self.events[link.index] = Event::Start(link.tag);
            return;
        }
        let is_image = matches!(link.tag, Tag::Image { .. });
        let target = self.resolve_link(&link, is_image);
        match &mut link.tag {
            Tag::Image { dest_url, .. } => {
                if let Some(href) = target.href {
                    *dest_url = CowStr::from(href);
                }
                self.events[link.index] = Event::Start(link.tag);
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let href = match (target.href, *link_type) {
                    (Some(h), _) => h,
                    (None, LinkType::Email) => format!("mailto:{dest_url}"),
                    (None, _) => dest_url.to_string(),
                };
                let mut html = String::from("<a href=\"");
                // Writing into a String cannot fail.
                let _ = pulldown_cmark_escape::escape_href(&mut html, &href);
                html.push('"');
                if !title.is_empty() {
                    html.push_str(&format!(" title=\"{}\"", escape(title)));
                }
                if let Some(abs) = &target.absolute {
                    html.push_str(" data-href=\"");
                    let _ = pulldown_cmark_escape::escape_href(&mut html, abs);
                    html.push('"');
                }
                html.push('>');
                self.events[link.index] = Event::InlineHtml(CowStr::from(html));
                if let Some(size) = target.size {
                    // The file's type is in its path: `bericht.pdf?v=2#page=3` is a PDF.
                    let path = href.split(['?', '#']).next().unwrap_or(&href);
                    let info = download::describe(path, size, self.locale);
                    self.events.push(Event::InlineHtml(CowStr::from(format!(
                        " <span class=\"download-info\">({info})</span>"
                    ))));
                }
            }
            _ => {}
        }
    }

    fn resolve_link(&mut self, link: &OpenLink<'a>, is_image: bool) -> Target {
        let dest = match &link.tag {
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => dest_url.as_ref(),
            _ => "",
        };
        if let Tag::Link {
            link_type: LinkType::Email,
            ..
        } = link.tag
        {
            // `<kbm@example.org>`: written as `mailto:` when the link is put back.
            return Target::default();
        }
        // The selector of every link message's `$what`.
        let what = if is_image { "image" } else { "link" };
        let text = link.text.as_str();
        let problem =
            |me: &Self, message: Text, hint: Text| me.diagnostic(link.offset, message).hint(hint);
        match links::classify(self.dir, dest) {
            Ok(Destination::ThisPage) => Target::default(),
            Ok(Destination::External) => Target {
                absolute: dest.starts_with("http").then(|| dest.to_string()),
                ..Target::default()
            },
            Ok(Destination::SiteAbsolute) => self.resolve_root_relative(link, dest, what),
            Ok(Destination::Anchor(anchor)) => {
                // Checked in `finish`, when this page's headings are known: only a
                // missing one costs a message (a page may link its headings 100,000
                // times).
                self.same_page.push(SamePageAnchor {
                    anchor,
                    offset: link.offset,
                    what,
                    text: link.text.clone(),
                });
                Target::default()
            }
            Ok(Destination::Content { rel, anchor }) => match self.resolver.resolve(&rel) {
                Ok(resolved) => {
                    let mut url = resolved.url;
                    if let Some(query) = links::query_of(dest) {
                        url = format!("{url}?{query}");
                    }
                    if let Some(anchor) = anchor {
                        if let Some(doc) = resolved.document {
                            self.anchor_in(link.offset, (what, text, dest), doc, &anchor);
                        }
                        url = format!("{url}#{anchor}");
                    }
                    Target {
                        absolute: Some(self.resolver.absolute(&url)),
                        href: Some(url),
                        // A file keeps its note with an anchor too (`plan.pdf#page=3`).
                        size: resolved.size,
                    }
                }
                Err(Unresolved { reason, hint }) => {
                    let hint = if dest.contains('\\') {
                        text!("markdown-link-backslash")
                    } else {
                        hint
                    };
                    let d = problem(self, unresolved(what, text, dest, reason), hint);
                    self.out.problems.push(d);
                    Target::default()
                }
            },
            Err(EscapesContent) => {
                let d = problem(
                    self,
                    text!(
                        "markdown-link-outside-content",
                        what = what,
                        text = text,
                        dest = dest
                    ),
                    text!("markdown-link-outside-content.hint"),
                );
                self.out.problems.push(d);
                Target::default()
            }
        }
    }

    /// Gives the heading its id and puts its anchor link before its end.
    fn close_heading(&mut self, level: HeadingLevel) {
        let Some(open) = self.heading.take() else {
            return;
        };
        let title = open.text.trim().to_string();
        let explicit = match &mut self.events[open.index] {
            Event::Start(Tag::Heading { id, .. }) => id.take(),
            _ => None,
        };
        let id = match explicit {
            Some(id) => self.explicit_id(&id, open.offset),
            None => {
                let slug = slugify(&title);
                let base = if slug.is_empty() { "abschnitt" } else { &slug };
                self.ids.unique(base, open.offset)
            }
        };
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut self.events[open.index] {
            *slot = Some(CowStr::from(id.clone()));
        }
        let (before, after) = self.locale.section_link();
        let mut html = String::with_capacity(80 + id.len() + title.len());
        html.push_str(" <a class=\"heading-anchor\" href=\"#");
        // Writing into a String cannot fail. The label's own words need no escaping.
        let _ = pulldown_cmark_escape::escape_html(&mut html, &id);
        html.push_str("\" aria-label=\"");
        html.push_str(before);
        let _ = pulldown_cmark_escape::escape_html(&mut html, &title);
        html.push_str(after);
        html.push_str("\">#</a>");
        self.events.push(Event::InlineHtml(CowStr::from(html)));
        self.events.push(Event::End(TagEnd::Heading(level)));
        self.headings.push((level as u8, id, title));
    }

    /// Keeps the ids of all headings, once every heading has its id, and reports the
    /// links to headings of this page that do not exist.
    fn check_same_page_anchors(&mut self) {
        let ids = self.headings.iter().map(|(_, id, _)| id.as_str());
        self.out.heading_ids = crate::markdown::HeadingIds::new(ids);
        for a in std::mem::take(&mut self.same_page) {
            if !self.out.heading_ids.contains(&a.anchor) {
                let message = text!(
                    "markdown-anchor-missing",
                    what = a.what,
                    text = a.text.as_str(),
                    anchor = a.anchor.as_str()
                );
                let d = self
                    .diagnostic(a.offset, message)
                    .hint(text!("markdown-anchor-missing.hint"));
                self.out.problems.push(d);
            }
        }
    }

    /// Renders the collected events: for texts that cannot be written while they are
    /// parsed (see [`stream`]).
    pub(super) fn finish(mut self) -> Rendered {
        self.check_same_page_anchors();
        if let Some((index, offset)) = self.more_at {
            let id = self.ids.unique("weiterlesen", offset);
            let html = format!("<span id=\"{}\"></span>\n", escape(&id));
            self.events[index] = Event::Html(CowStr::from(html));
        }
        let more_at = self.more_at.map(|(index, _)| index);
        let summary = outline::summary_events(&self.events, more_at);
        self.out.summary = to_html(summary, self.input.text.len() / 4);
        let end = self.input.text.len();
        let events = footnotes::render(self.events, self.locale, &mut self.ids, end);
        // Markdown grows by about a fifth as HTML; a close guess saves reallocations
        // without reserving memory that stays unused for the whole build.
        let body_len = self.input.text.len() - self.input.body_start;
        self.out.html = to_html(events, body_len + body_len / 4);
        self.out.toc = outline::toc_tree(&self.headings);
        self.out
    }
}

/// Whether `event` ends the word being counted: a block ends, or a line breaks.
fn ends_words(event: &Event) -> bool {
    matches!(
        event,
        Event::End(
            TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
        ) | Event::SoftBreak
            | Event::HardBreak
    )
}

fn to_html(events: Vec<Event>, capacity: usize) -> String {
    let mut html_out = String::with_capacity(capacity);
    html::push_html(&mut html_out, events.into_iter());
    html_out
}

/// A task list checkbox as a labelled symbol: a disabled `<input>` has no label.
fn task_marker(locale: Locale, done: bool) -> String {
    let symbol = if done { "☑" } else { "☐" };
    let label = locale.task(done);
    format!("<span class=\"task-marker\" role=\"img\" aria-label=\"{label}\">{symbol}</span> ")
}
