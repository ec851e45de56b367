//! Writing a document while it is parsed. The renderer holds back only what it must
//! patch when it closes — a heading (its id), a link (its resolved address) — and hands
//! every other event straight to the HTML writer, so a page's events never pile up:
//! a 3 MB page has over a million of them, more than ten times its size in memory.
//!
//! A document with `<!-- more -->` or a footnote (`[^`) is rendered from the collected
//! events instead ([`Renderer::finish`]): the marker's id and the footnotes' ids are
//! given out after the headings', and the summary runs up to the marker.

use std::collections::VecDeque;
use std::ops::Range;

use memchr::memmem;
use pulldown_cmark::{Event, Tag, TagEnd, html};

use super::{MORE_MARKER, Renderer};
use crate::markdown::{Rendered, outline};

/// Whether `body` can be written while it is parsed (see the module comment). Both
/// searches are exact necessary conditions: without the marker's text there is no
/// marker, and every footnote reference and definition starts with `[^`.
pub(in crate::markdown) fn streams(body: &str) -> bool {
    let bytes = body.as_bytes();
    memmem::find(bytes, MORE_MARKER.as_bytes()).is_none() && memmem::find(bytes, b"[^").is_none()
}

/// The first paragraph's events as they were written, for the summary.
enum Summary<'a> {
    Before,
    In(Vec<Event<'a>>),
    Done(Vec<Event<'a>>),
}

impl<'a> Summary<'a> {
    fn see(&mut self, event: &Event<'a>) {
        match self {
            Summary::Before if matches!(event, Event::Start(Tag::Paragraph)) => {
                *self = Summary::In(vec![event.clone()]);
            }
            Summary::In(events) => {
                events.push(event.clone());
                if matches!(event, Event::End(TagEnd::Paragraph)) {
                    *self = Summary::Done(std::mem::take(events));
                }
            }
            _ => {}
        }
    }

    fn into_events(self) -> Vec<Event<'a>> {
        match self {
            Summary::Before => Vec::new(),
            Summary::In(events) | Summary::Done(events) => events,
        }
    }
}

/// The parser's events through the renderer, as the HTML writer pulls them.
struct Feed<'x, 'a, 'r, I> {
    renderer: &'x mut Renderer<'a, 'r>,
    events: I,
    body: &'a str,
    /// Where `body` starts in the document's text.
    base: usize,
    ready: VecDeque<Event<'a>>,
    summary: Summary<'a>,
}

impl<'a, I> Iterator for Feed<'_, 'a, '_, I>
where
    I: Iterator<Item = (Event<'a>, Range<usize>)>,
{
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                self.summary.see(&event);
                return Some(event);
            }
            let r = &mut *self.renderer;
            match self.events.next() {
                Some((event, range)) => {
                    let source = &self.body[range.clone()];
                    r.event(event, range.start + self.base, source);
                    if r.heading.is_none() && r.links.is_empty() {
                        // Most events pass through alone: straight to the writer, not
                        // through the queue.
                        if r.events.len() == 1
                            && let Some(event) = r.events.pop()
                        {
                            self.summary.see(&event);
                            return Some(event);
                        }
                        self.ready.extend(r.events.drain(..));
                    }
                }
                // Every heading and link closes before the text ends; anything still
                // held back is written all the same.
                None if !r.events.is_empty() => self.ready.extend(r.events.drain(..)),
                None => return None,
            }
        }
    }
}

impl<'a> Renderer<'a, '_> {
    /// Renders `events` (the parser's, over `body`) while they are parsed; for texts
    /// that [`streams`] accepts.
    pub(in crate::markdown) fn stream(
        mut self,
        events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
        body: &'a str,
    ) -> Rendered {
        let body_len = body.len();
        // HTML is about 1.35× its Markdown on the benchmark corpora (tags, escapes,
        // resolved links): 1.5× grows it at most once, and the string is short-lived
        // (copied into its template value at once).
        let mut html_out = String::with_capacity(body_len + body_len / 2);
        let mut feed = Feed {
            base: self.input.body_start,
            renderer: &mut self,
            events,
            body,
            ready: VecDeque::new(),
            summary: Summary::Before,
        };
        html::push_html(&mut html_out, &mut feed);
        let summary = std::mem::replace(&mut feed.summary, Summary::Before).into_events();
        self.check_same_page_anchors();
        let summary = outline::summary_events(&summary, None);
        self.out.summary = super::to_html(summary, self.input.text.len() / 4);
        self.out.html = html_out;
        self.out.toc = outline::toc_tree(&self.headings);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::markdown::{Input, Resolve, Resolved, Unresolved, render_as};
    use crate::text;

    /// `a.md` is a page with headings, `bericht.pdf` a download; nothing else exists.
    struct Site;

    impl Resolve for Site {
        fn resolve(&self, rel: &str) -> Result<Resolved, Unresolved> {
            match rel {
                "a.md" => Ok(Resolved {
                    url: "/a/".into(),
                    document: Some("a.md".into()),
                    size: None,
                }),
                "bericht.pdf" => Ok(Resolved {
                    url: "/bericht.pdf".into(),
                    document: None,
                    size: Some(123_456),
                }),
                _ => Err(Unresolved {
                    reason: text!("markdown-link-unresolved"),
                    hint: text!("markdown-anchor-missing.hint"),
                }),
            }
        }

        fn resolve_url(&self, path: &str) -> Result<Resolved, Unresolved> {
            self.resolve(path.trim_start_matches('/'))
        }

        fn base_path(&self) -> &str {
            ""
        }

        fn absolute(&self, url: &str) -> String {
            format!("https://example.org{url}")
        }
    }

    const DOCUMENTS: &[&str] = &[
        "",
        "Nur ein Satz.",
        "# Titel\n\nErster *Absatz* mit \"Anführung\" und 'einfach'.\n\nZweiter.\n",
        "## Über [uns](a.md#team) und `Code`\n\nText [hier](#ueber-uns-und-code).\n",
        "[![Bild *alt*](x.png)](a.md) und ![Logo](bericht.pdf \"T\")\n",
        "[Plan](bericht.pdf?v=2#page=3), [weg](fehlt.md), [Mail](<kbm@example.org>)\n",
        "- [ ] offen\n- [x] erledigt\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n",
        "## A {#eigen}\n\n## Eigen\n\n## A\n\n[x](#eigen) [y](#nichts)\n",
        "> Zitat\n>\n> - Liste\n>   weiter\n\nBegriff\n: Erklärung\n\n<div>roh</div>\n",
        "Zeile\numbruch  \nhart\n\n```rust\nlet x = 1;\n```\n\n***\n\n~~weg~~\n",
        "Vor dem Absatz\n# Kopf [a](a.md) ![b](c.png)\n\n1. eins\n2. zwei\n",
    ];

    /// More documents from the review of the streaming change: each must render alike
    /// both ways.
    const MORE_DOCUMENTS: &[&str] = &[
        "# [Link](a.md#team) in Überschrift\n[direkt](#link-in-ueberschrift) danach\n",
        "[![a *b*](x.png) und *mehr*](a.md) [![c](y.png)](#fehlt)\n",
        "| [a](a.md) | ![b](c.png) |\n|---|---|\n| [x](#nope) | \"y\" |\n| `c` | [d](bericht.pdf) |\n",
        "*kursiv [link **fett** weiter](a.md) ende* **[a](a.md)**\n",
        "<div>\n[nicht](a.md)\n</div>\n\n<span>inline</span> [x](a.md) <!-- kommentar -->\n",
        "Teaser\n\n<!--more-->\n\n<!-- more-->\n\n<!--  more  -->\n\nRest\n",
        "Text ^1 und [ ^1] und ^[inline]\n",
        "- ## In Liste\n  Text\n\n> ## Im Zitat\n> [z](#in-liste) [w](#im-zitat)\n",
        "[a](a.md)\n## Direkt danach\n[b](#direkt-danach)\n",
        "\"[Zitat](a.md)\" und '*x*' \"a\"b 'c'[d](a.md)'e'\n",
        "## A {#x}\n\n## B {.klasse #y}\n\n## C {#x}\n\n## D {.nur}\n\n[l](#y) [m](#x) [n](#d)\n",
        "# Titel\r\n\r\nText [a](#titel) [b](#weg)\r\nZeile\r\n\r\n## Zwei\r\n",
        "## Termin\n\n## Termin\n\n## Termin\n\n[t](#termin-2) [u](#termin-3)\n",
        "Titel\n=====\n\nUnter\n-----\n\n<https://example.org> und <kbm@example.org>\n",
        "[a][r] und [b][]\n\n[r]: a.md#team\n[b]: #b\n",
        "![alt [l](a.md) und ![inner](z.png)](x.png)\n",
        "## <em>x</em> Kopf ##\n\n##\n\n## \n\n[k](#x-kopf) [l](#abschnitt)\n",
        "> Erst im Zitat\n\nDann [a](a.md).\n",
        "Begriff [b](a.md)\n: [x](a.md) *y*\n: zwei\n",
        "    eingerückter Code [a](a.md)\n\n~~~\n[b](a.md)\n~~~\n",
        "[weg](../../aussen.md) [Bild](/nicht/da.png) [w](fehlt.md#x)\n",
        "Text\\\nmit Umbruch [a\nb](a.md)\n",
        "***fett kursiv [a](a.md)***, ~~[b](a.md)~~\n",
        "\n\n\n",
        "# \"Zitat\" im 'Kopf'\n\n[x](#zitat-im-kopf)\n",
    ];

    #[test]
    fn a_streamed_document_renders_as_a_collected_one() {
        for (i, text) in DOCUMENTS.iter().chain(MORE_DOCUMENTS).enumerate() {
            let input = Input {
                text,
                body_start: 0,
                rel: "seite.md",
                display: Path::new("content/seite.md"),
                locale: crate::locale::Locale::from_tag("de"),
                count_words: true,
            };
            assert!(super::streams(text), "document {i} would not stream");
            let streamed = render_as(&input, &Site, true);
            let collected = render_as(&input, &Site, false);
            assert_eq!(streamed.html, collected.html, "document {i}");
            assert_eq!(streamed.summary, collected.summary, "document {i}");
            assert_eq!(streamed.toc, collected.toc, "document {i}");
            assert_eq!(streamed.word_count, collected.word_count, "document {i}");
            assert_eq!(streamed.heading_ids, collected.heading_ids, "document {i}");
            assert_eq!(streamed.problems, collected.problems, "document {i}");
            assert_eq!(streamed.anchor_refs, collected.anchor_refs, "document {i}");
        }
    }

    #[test]
    fn markers_and_footnotes_are_rendered_from_collected_events() {
        assert!(!super::streams("Teaser\n\n<!-- more -->\n\nRest\n"));
        assert!(!super::streams("Text[^1]\n\n[^1]: Fußnote\n"));
        // The test is on the characters only: `[^` without a footnote is collected too.
        assert!(!super::streams("Text [^ kein Fußnotenzeichen\n"));
        assert!(super::streams("Text ohne beides\n"));
    }

    /// Pieces random documents are made of: every construct the renderer holds back or
    /// patches (headings, links, images, ids), and the blocks around them.
    const PIECES: &[&str] = &[
        "## Kopf",
        "# Titel {#eigen}",
        "### B {.klasse #y}",
        "Setext\n---",
        "\n",
        "\n\n",
        "\r\n",
        "Text ",
        "\"zitiert\" ",
        "'einfach' ",
        "*betont ",
        "**fett** ",
        "_",
        "`Code` ",
        "[a](a.md)",
        "[b](#kopf)",
        "[c](#eigen)",
        "[d](#nichts)",
        "[e](a.md#team)",
        "![f](bericht.pdf)",
        "[![g](x.png)](a.md)",
        "[h\nzwei](bericht.pdf?v=1)",
        "](",
        "[",
        "<kbm@example.org>",
        "<div>\n",
        "</div>\n",
        "<span>",
        "> ",
        "- ",
        "1. ",
        "    ",
        "| a | b |\n|---|---|\n| [x](#kopf) | y |\n",
        "Begriff\n: ",
        "- [ ] ",
        "```\n",
        "~~weg~~ ",
        "{",
        "}",
        "Über Straße ",
        "  \n",
        "\\\n",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 1024,
            failure_persistence: None,
            ..Default::default()
        })]

        /// Random documents of those pieces render alike streamed and collected.
        #[test]
        fn random_documents_stream_as_they_collect(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let input = Input {
                text: &text,
                body_start: 0,
                rel: "seite.md",
                display: Path::new("content/seite.md"),
                locale: crate::locale::Locale::from_tag("de"),
                count_words: true,
            };
            proptest::prop_assert!(super::streams(&text));
            let streamed = render_as(&input, &Site, true);
            let collected = render_as(&input, &Site, false);
            proptest::prop_assert_eq!(&streamed.html, &collected.html, "{:?}", text);
            proptest::prop_assert_eq!(&streamed.summary, &collected.summary, "{:?}", text);
            proptest::prop_assert_eq!(&streamed.toc, &collected.toc);
            proptest::prop_assert_eq!(streamed.word_count, collected.word_count);
            proptest::prop_assert_eq!(&streamed.heading_ids, &collected.heading_ids);
            proptest::prop_assert_eq!(&streamed.problems, &collected.problems);
        }
    }
}
