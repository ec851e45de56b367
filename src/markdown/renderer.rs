//! The event-by-event renderer behind [`super::render`]: rewrites links and checks
//! their targets, gives headings ids and anchor links, labels task markers, applies
//! typographic quotes, and collects the outline, summary and word count.

mod root_links;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd, html};

use super::links::{self, Destination, EscapesContent};
use super::quotes::QuoteState;
use super::{
    AnchorRef, Input, Rendered, Resolve, Unresolved, download, escape, footnotes, outline,
};
use crate::content::slug::slugify;
use crate::error::Diagnostic;

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

struct OpenHeading {
    index: usize,
    text: String,
}

pub(super) struct Renderer<'a, 'r> {
    input: &'r Input<'r>,
    resolver: &'r dyn Resolve,
    dir: &'r str,
    events: Vec<Event<'a>>,
    quotes: QuoteState,
    /// Open links and images; an image can sit inside a link.
    links: Vec<OpenLink<'a>>,
    heading: Option<OpenHeading>,
    headings: Vec<(u8, String, String)>,
    more_at: Option<usize>,
    in_word: bool,
    out: Rendered,
}

impl<'a, 'r> Renderer<'a, 'r> {
    pub(super) fn new(input: &'r Input<'r>, resolver: &'r dyn Resolve) -> Self {
        Renderer {
            input,
            resolver,
            dir: crate::content::parent(input.rel),
            events: Vec::new(),
            quotes: QuoteState::default(),
            links: Vec::new(),
            heading: None,
            headings: Vec::new(),
            more_at: None,
            in_word: false,
            out: Rendered::default(),
        }
    }

    /// Handles one event; `source` is the Markdown it was parsed from.
    pub(super) fn event(&mut self, event: Event<'a>, offset: usize, source: &str) {
        let block_end = matches!(
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
        );
        if block_end {
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
                    text: String::new(),
                });
                self.events.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                self.close_heading(level);
                self.quotes.reset();
            }
            Event::Text(text) => {
                // Quotes typed as „…“ arrive unchanged; only those smart punctuation
                // made from ASCII `"` and `'` are rewritten for the language.
                let typed = source.contains(['"', '\'']);
                let before = self.input.text[..offset].chars().next_back();
                let after = self.input.text[offset + source.len()..].chars().next();
                let rewritten =
                    typed.then(|| self.quotes.apply(self.input.lang, &text, before, after));
                let text = match rewritten.flatten() {
                    Some(t) => CowStr::from(t),
                    None => text,
                };
                self.note_text(&text);
                self.events.push(Event::Text(text));
            }
            Event::Code(code) => {
                self.note_text(&code);
                self.events.push(Event::Code(code));
            }
            Event::Html(ref h) | Event::InlineHtml(ref h) if h.trim() == MORE_MARKER => {
                self.more_at.get_or_insert(self.events.len());
                self.events.push(Event::Html(CowStr::Borrowed(
                    "<span id=\"weiterlesen\"></span>\n",
                )));
            }
            Event::TaskListMarker(done) => {
                let html = task_marker(self.input.lang, done);
                self.events.push(Event::InlineHtml(CowStr::from(html)));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                self.quotes.reset();
                self.events.push(event);
            }
            other => self.events.push(other),
        }
    }

    fn note_text(&mut self, text: &str) {
        // Words are counted across fragments: `**Bildungs**management` is one word,
        // and punctuation alone (a `.` after a link) is none.
        for c in text.chars() {
            // ASCII first: most characters are, and its tests are a single compare.
            let (space, letter) = if c.is_ascii() {
                (c.is_ascii_whitespace(), c.is_ascii_alphanumeric())
            } else {
                (c.is_whitespace(), c.is_alphanumeric())
            };
            if space {
                self.in_word = false;
            } else if letter && !self.in_word {
                self.in_word = true;
                self.out.word_count += 1;
            }
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
                    let info = download::describe(&href, size);
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
        let what = if is_image { "image" } else { "link" };
        let problem = |me: &Self, message: String, hint: &str| {
            me.diagnostic(link.offset, message).hint(hint.to_string())
        };
        match links::classify(self.dir, dest) {
            Ok(Destination::External) => Target {
                absolute: dest.starts_with("http").then(|| dest.to_string()),
                ..Target::default()
            },
            Ok(Destination::SiteAbsolute) => self.resolve_root_relative(link, dest, what),
            Ok(Destination::Anchor(anchor)) => {
                self.out.anchor_refs.push(AnchorRef {
                    document: self.input.rel.to_string(),
                    anchor: anchor.clone(),
                    missing: problem(
                        self,
                        format!("the {what} `{}` points to `#{anchor}`, but this page has no heading with that id", link.text),
                        "use the id of a heading on this page; ids are the heading text in lowercase with `-` for spaces",
                    ),
                });
                Target::default()
            }
            Ok(Destination::Content { rel, anchor }) => match self.resolver.resolve(&rel) {
                Ok(resolved) => {
                    let mut url = resolved.url;
                    let size = if anchor.is_none() {
                        resolved.size
                    } else {
                        None
                    };
                    if let Some(anchor) = anchor {
                        if let Some(doc) = resolved.document {
                            self.out.anchor_refs.push(AnchorRef {
                                document: doc.clone(),
                                anchor: anchor.clone(),
                                missing: problem(
                                    self,
                                    format!("the {what} `{}` points to `{dest}`, but `content/{doc}` has no heading with the id `{anchor}`", link.text),
                                    "link to an existing heading; ids are the heading text in lowercase with `-` for spaces",
                                ),
                            });
                        }
                        url = format!("{url}#{anchor}");
                    }
                    Target {
                        absolute: Some(self.resolver.absolute(&url)),
                        href: Some(url),
                        size,
                    }
                }
                Err(Unresolved { reason, hint }) => {
                    let d = problem(
                        self,
                        format!("the {what} `{}` points to `{dest}`, {reason}", link.text),
                        &hint,
                    );
                    self.out.problems.push(d);
                    Target::default()
                }
            },
            Err(EscapesContent) => {
                let d = problem(
                    self,
                    format!(
                        "the {what} `{}` points to `{dest}`, which is outside the content folder",
                        link.text
                    ),
                    "link only to files inside `content/`; put shared files in `assets/` and link them as `/file.pdf`",
                );
                self.out.problems.push(d);
                Target::default()
            }
        }
    }

    fn close_heading(&mut self, level: HeadingLevel) {
        let Some(open) = self.heading.take() else {
            return;
        };
        let (explicit_id, classes, attrs) = match &self.events[open.index] {
            Event::Start(Tag::Heading {
                id, classes, attrs, ..
            }) => (
                id.as_ref().map(|s| s.to_string()),
                classes.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                attrs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.as_ref().map(|v| v.to_string())))
                    .collect::<Vec<_>>(),
            ),
            _ => (None, Vec::new(), Vec::new()),
        };
        let title = open.text.trim().to_string();
        let id = self.unique_id(explicit_id.unwrap_or_else(|| slugify(&title)));
        let n = level as u8;
        let mut open_tag = format!("<h{n} id=\"{}\"", escape(&id));
        if !classes.is_empty() {
            open_tag.push_str(&format!(" class=\"{}\"", escape(&classes.join(" "))));
        }
        for (k, v) in attrs {
            match v {
                Some(v) => open_tag.push_str(&format!(" {}=\"{}\"", escape(&k), escape(&v))),
                None => open_tag.push_str(&format!(" {}", escape(&k))),
            }
        }
        open_tag.push('>');
        self.events[open.index] = Event::Html(CowStr::from(open_tag));
        let label = anchor_label(self.input.lang, &title);
        self.events.push(Event::Html(CowStr::from(format!(
            " <a class=\"heading-anchor\" href=\"#{}\" aria-label=\"{}\">#</a></h{n}>\n",
            escape(&id),
            escape(&label)
        ))));
        self.headings.push((n, id, title));
    }

    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "abschnitt".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.out.heading_ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.out.heading_ids.insert(id.clone());
        id
    }

    fn diagnostic(&self, offset: usize, message: String) -> Diagnostic {
        let before = &self.input.text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |p| p + 1) + 1;
        Diagnostic::new(self.input.display, message)
            .at(
                line,
                Some(before[before.len() - (column - 1)..].chars().count() + 1),
            )
            .with_source(self.input.text)
    }

    pub(super) fn finish(mut self) -> Rendered {
        let summary = outline::summary_events(&self.events, self.more_at);
        self.out.summary = to_html(summary, self.input.text.len() / 4);
        let events = footnotes::render(self.events, self.input.lang);
        // Markdown grows by about a fifth as HTML; a close guess saves reallocations
        // without reserving memory that stays unused for the whole build.
        let body_len = self.input.text.len() - self.input.body_start;
        self.out.html = to_html(events, body_len + body_len / 4);
        self.out.toc = outline::toc_tree(&self.headings);
        self.out
    }
}

fn to_html(events: Vec<Event>, capacity: usize) -> String {
    let mut html_out = String::with_capacity(capacity);
    html::push_html(&mut html_out, events.into_iter());
    // pulldown-cmark writes header cells only in a table's first row: they are
    // column headers, which screen readers announce best with an explicit scope.
    if html_out.contains("<th") {
        html_out = html_out
            .replace("<th>", "<th scope=\"col\">")
            .replace("<th style=", "<th scope=\"col\" style=");
    }
    html_out
}

/// A task list checkbox as a labelled symbol: a disabled `<input>` has no label.
fn task_marker(lang: &str, done: bool) -> String {
    let german = lang == "de" || lang.starts_with("de-");
    let (symbol, label) = match (done, german) {
        (true, true) => ("☑", "erledigt"),
        (false, true) => ("☐", "offen"),
        (true, false) => ("☑", "done"),
        (false, false) => ("☐", "open"),
    };
    format!("<span class=\"task-marker\" role=\"img\" aria-label=\"{label}\">{symbol}</span> ")
}

fn anchor_label(lang: &str, title: &str) -> String {
    if lang == "de" || lang.starts_with("de-") {
        format!("Link zum Abschnitt „{title}“")
    } else {
        format!("Link to section “{title}”")
    }
}
