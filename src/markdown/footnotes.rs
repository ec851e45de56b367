//! Footnotes rendered our way: numbered in order of first reference, collected at the
//! end of the document, with `fn-`/`fnref-` ids taken from the page's id allocator
//! (after the headings, so a heading never loses its id to a footnote), and a labelled
//! link back to the text. Labels are matched as CommonMark matches them
//! (`[^Note]` refers to `[^note]:`), so one note has one number and one id.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use unicase::UniCase;

use super::escape;
use super::ids::Ids;
use crate::content::slug::slugify;
use crate::locale::Locale;

/// A footnote label as CommonMark matches it: runs of spaces, tabs and line endings
/// collapsed to one space (other Unicode spaces, such as U+00A0, are part of the label),
/// compared after Unicode case folding — the same matching pulldown-cmark uses to pair
/// references with definitions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Label(UniCase<String>);

impl Label {
    fn new(label: &str) -> Label {
        let collapsed: Vec<&str> = label
            .split([' ', '\t', '\n', '\r'])
            .filter(|part| !part.is_empty())
            .collect();
        Label(UniCase::new(collapsed.join(" ")))
    }
}

/// One footnote label's number and ids.
struct Note {
    number: usize,
    /// The label as first written, which its ids are made of (so that every reference,
    /// however it is capitalised, gets ids from the same text).
    written: String,
    /// The id of the note itself (`fn-…`).
    id: String,
    /// The id of its first reference, the target of the back link.
    first_ref: Option<String>,
    /// How many references it has had so far.
    uses: usize,
}

/// The notes of a document by label, numbered in order of first appearance.
struct Notes<'i> {
    ids: &'i mut Ids,
    /// Where the footnotes end up (the end of the document), for the allocator.
    at: usize,
    by_label: HashMap<Label, Note>,
}

impl Notes<'_> {
    fn get(&mut self, label: &str) -> &mut Note {
        let number = self.by_label.len() + 1;
        let (ids, at) = (&mut *self.ids, self.at);
        self.by_label
            .entry(Label::new(label))
            .or_insert_with(|| Note {
                number,
                written: label.to_string(),
                id: ids.unique(&format!("fn-{}", key(label)), at),
                first_ref: None,
                uses: 0,
            })
    }

    /// Counts a reference to `label` and returns its note's number, id and the
    /// reference's own id.
    fn reference(&mut self, label: &str) -> (usize, String, String) {
        let (uses, written) = {
            let note = self.get(label);
            note.uses += 1;
            (note.uses, key(&note.written))
        };
        let base = if uses == 1 {
            format!("fnref-{written}")
        } else {
            format!("fnref-{written}-{uses}")
        };
        let ref_id = self.ids.unique(&base, self.at);
        let note = self.get(label);
        note.first_ref.get_or_insert_with(|| ref_id.clone());
        (note.number, note.id.clone(), ref_id)
    }
}

/// The footnote labels defined so far in a document, with the offset of each
/// definition, so that the renderer can report a label defined twice.
#[derive(Debug, Default)]
pub(super) struct Defined(HashMap<Label, usize>);

impl Defined {
    /// Notes a definition of `label` at byte `offset`; if `label` (as matched, see
    /// [`Label`]) was defined before, returns the offset of that first definition.
    pub(super) fn note(&mut self, label: &str, offset: usize) -> Result<(), usize> {
        match self.0.entry(Label::new(label)) {
            Entry::Occupied(first) => Err(*first.get()),
            Entry::Vacant(slot) => {
                slot.insert(offset);
                Ok(())
            }
        }
    }
}

/// Rewrites footnote references and definitions in `events`, taking ids from `ids`;
/// `at` is the end of the document, where the notes go.
pub fn render<'a>(
    events: Vec<Event<'a>>,
    locale: Locale,
    ids: &mut Ids,
    at: usize,
) -> Vec<Event<'a>> {
    if !events.iter().any(|e| {
        matches!(
            e,
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
        )
    }) {
        return events;
    }
    let (name, section_label, back_label) = locale.footnotes();
    let mut notes = Notes {
        ids,
        at,
        by_label: HashMap::new(),
    };
    let mut body = Vec::with_capacity(events.len());
    let mut definitions: Vec<(String, Vec<Event<'a>>)> = Vec::new();
    let mut current: Option<(String, Vec<Event<'a>>)> = None;
    // A label defined twice is reported by the renderer; the first definition wins, as
    // in GFM, so that no two notes share an id. A later one is left out with everything
    // in it, before its references are counted: they would link to nothing.
    let mut defined = HashSet::new();
    let mut skipping = false;
    for event in events {
        if skipping && !matches!(event, Event::End(TagEnd::FootnoteDefinition)) {
            continue;
        }
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                if defined.insert(Label::new(&label)) {
                    current = Some((label.to_string(), Vec::new()));
                } else {
                    skipping = true;
                }
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if !std::mem::take(&mut skipping) {
                    definitions.extend(current.take());
                }
            }
            Event::FootnoteReference(label) => {
                let (n, note_id, ref_id) = notes.reference(&label);
                let html = format!(
                    "<sup class=\"footnote-ref\"><a href=\"#{}\" id=\"{}\" aria-label=\"{name} {n}\">{n}</a></sup>",
                    escape(&note_id),
                    escape(&ref_id)
                );
                push(
                    &mut current,
                    &mut body,
                    Event::InlineHtml(CowStr::from(html)),
                );
            }
            other => push(&mut current, &mut body, other),
        }
    }
    definitions.extend(current.take());
    push_notes(
        &mut body,
        definitions,
        &mut notes,
        (section_label, back_label),
    );
    body
}

/// Appends the notes' list to `body`: every definition in order of its note's number,
/// with a link back to its first reference. `labels` are the list's and the back links'
/// `aria-label`s.
fn push_notes<'a>(
    body: &mut Vec<Event<'a>>,
    mut definitions: Vec<(String, Vec<Event<'a>>)>,
    notes: &mut Notes<'_>,
    (section_label, back_label): (&str, &str),
) {
    for (label, _) in &definitions {
        notes.get(label);
    }
    definitions.sort_by_key(|(label, _)| {
        notes
            .by_label
            .get(&Label::new(label))
            .map_or(0, |n| n.number)
    });
    body.push(Event::Html(CowStr::from(format!(
        "<section class=\"footnotes\" aria-label=\"{section_label}\">\n<ol>\n"
    ))));
    for (label, content) in definitions {
        let note = notes.get(&label);
        body.push(Event::Html(CowStr::from(format!(
            "<li id=\"{}\" value=\"{}\">\n",
            escape(&note.id),
            note.number
        ))));
        let back = note.first_ref.as_ref().map(|r| {
            format!(
                "<a href=\"#{}\" class=\"footnote-backref\" aria-label=\"{back_label}\">↩</a>\n",
                escape(r)
            )
        });
        body.extend(content);
        if let Some(back) = back {
            body.push(Event::Html(CowStr::from(back)));
        }
        body.push(Event::Html(CowStr::Borrowed("</li>\n")));
    }
    body.push(Event::Html(CowStr::Borrowed("</ol>\n</section>\n")));
}

fn push<'a>(
    current: &mut Option<(String, Vec<Event<'a>>)>,
    body: &mut Vec<Event<'a>>,
    e: Event<'a>,
) {
    match current {
        Some((_, content)) => content.push(e),
        None => body.push(e),
    }
}

fn key(label: &str) -> String {
    let slug = slugify(label);
    if slug.is_empty() { "x".into() } else { slug }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser, html};

    use super::Ids;
    use crate::locale::Locale;

    fn render(md: &str) -> String {
        let events: Vec<_> = Parser::new_ext(md, Options::ENABLE_FOOTNOTES).collect();
        let mut out = String::new();
        let mut ids = Ids::default();
        let events = super::render(events, Locale::German, &mut ids, md.len());
        html::push_html(&mut out, events.into_iter());
        out
    }

    #[test]
    fn numbers_by_first_reference_and_prefixes_ids() {
        let html = render("A[^b] B[^a]\n\n[^a]: Erste.\n[^b]: Zweite.\n");
        assert!(
            html.contains("href=\"#fn-b\" id=\"fnref-b\" aria-label=\"Fußnote 1\">1</a>"),
            "{html}"
        );
        assert!(html.contains("aria-label=\"Fußnote 2\">2</a>"), "{html}");
        let b = html.find("id=\"fn-b\"").unwrap();
        let a = html.find("id=\"fn-a\"").unwrap();
        assert!(b < a, "definitions follow reference order: {html}");
        assert!(
            html.contains("href=\"#fnref-b\" class=\"footnote-backref\""),
            "{html}"
        );
    }

    #[test]
    fn repeated_references_get_distinct_ids() {
        let html = render("A[^x] B[^x]\n\n[^x]: Text.\n");
        assert!(html.contains("id=\"fnref-x\""));
        assert!(html.contains("id=\"fnref-x-2\""));
    }

    #[test]
    fn labels_with_the_same_slug_get_distinct_ids() {
        let html = render("A[^a b] B[^a-b]\n\n[^a b]: Eins.\n[^a-b]: Zwei.\n");
        assert!(html.contains("href=\"#fn-a-b\" id=\"fnref-a-b\""), "{html}");
        assert!(
            html.contains("href=\"#fn-a-b-1\" id=\"fnref-a-b-1\""),
            "{html}"
        );
        assert!(html.contains("<li id=\"fn-a-b\" value=\"1\">"), "{html}");
        assert!(html.contains("<li id=\"fn-a-b-1\" value=\"2\">"), "{html}");
        assert!(
            html.contains("href=\"#fnref-a-b-1\" class=\"footnote-backref\""),
            "{html}"
        );
    }

    #[test]
    fn a_label_defined_twice_keeps_the_first_definition() {
        let html = render("Text[^a].\n\n[^a]: Eins.\n\n[^a]: Zwei.\n");
        assert_eq!(html.matches("id=\"fn-a\"").count(), 1, "{html}");
        assert!(html.contains("Eins.") && !html.contains("Zwei."), "{html}");
    }

    #[test]
    fn labels_match_ignoring_case_and_spaces() {
        let html = render("A[^Note] B[^NOTE]  C[^a  b]\n\n[^note]: Eins.\n[^A B]: Zwei.\n");
        assert!(
            html.contains("href=\"#fn-note\" id=\"fnref-note\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"#fn-note\" id=\"fnref-note-2\""),
            "{html}"
        );
        assert!(html.contains("<li id=\"fn-note\" value=\"1\">"), "{html}");
        assert!(html.contains("<li id=\"fn-a-b\" value=\"2\">"), "{html}");
        assert!(
            html.contains("href=\"#fnref-note\" class=\"footnote-backref\""),
            "{html}"
        );
    }

    #[test]
    fn references_in_a_second_definition_are_left_out_with_it() {
        // The second `[^a]:` is dropped; `[^b]` is referenced only there.
        let html = render("Text[^a].\n\n[^a]: Eins.\n\n[^a]: Zwei[^b].\n\n[^b]: Drei.\n");
        assert!(!html.contains("fnref-b"), "{html}");
        assert!(html.contains("<li id=\"fn-b\" value=\"2\">"), "{html}");
    }

    #[test]
    fn documents_without_footnotes_are_unchanged() {
        assert_eq!(render("Nur Text.\n"), "<p>Nur Text.</p>\n");
    }
}
