//! Footnotes rendered our way: numbered in order of first reference, collected at the
//! end of the document, with `fn-`/`fnref-` ids that cannot clash with heading ids,
//! and a labelled link back to the text.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::escape;
use crate::content::slug::slugify;

/// Rewrites footnote references and definitions in `events`; `lang` picks the labels.
pub fn render<'a>(events: Vec<Event<'a>>, lang: &str) -> Vec<Event<'a>> {
    if !events.iter().any(|e| {
        matches!(
            e,
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
        )
    }) {
        return events;
    }
    let german = lang == "de" || lang.starts_with("de-");
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut uses: HashMap<String, usize> = HashMap::new();
    let mut body = Vec::with_capacity(events.len());
    let mut definitions: Vec<(String, Vec<Event<'a>>)> = Vec::new();
    let mut current: Option<(String, Vec<Event<'a>>)> = None;
    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                current = Some((label.to_string(), Vec::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                definitions.extend(current.take());
            }
            Event::FootnoteReference(label) => {
                let next = numbers.len() + 1;
                let n = *numbers.entry(label.to_string()).or_insert(next);
                let count = uses.entry(label.to_string()).or_insert(0);
                *count += 1;
                let id = ref_id(&label, *count);
                let name = if german { "Fußnote" } else { "Footnote" };
                let html = format!(
                    "<sup class=\"footnote-ref\"><a href=\"#{}\" id=\"{}\" aria-label=\"{name} {n}\">{n}</a></sup>",
                    escape(&note_id(&label)),
                    escape(&id)
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
    for (label, _) in &definitions {
        let next = numbers.len() + 1;
        numbers.entry(label.clone()).or_insert(next);
    }
    definitions.sort_by_key(|(label, _)| numbers[label]);
    let (section_label, back_label) = if german {
        ("Fußnoten", "Zurück zum Text")
    } else {
        ("Footnotes", "Back to the text")
    };
    body.push(Event::Html(CowStr::from(format!(
        "<section class=\"footnotes\" aria-label=\"{section_label}\">\n<ol>\n"
    ))));
    for (label, content) in definitions {
        body.push(Event::Html(CowStr::from(format!(
            "<li id=\"{}\" value=\"{}\">\n",
            escape(&note_id(&label)),
            numbers[&label]
        ))));
        body.extend(content);
        if uses.contains_key(&label) {
            body.push(Event::Html(CowStr::from(format!(
                "<a href=\"#{}\" class=\"footnote-backref\" aria-label=\"{back_label}\">↩</a>\n",
                escape(&ref_id(&label, 1))
            ))));
        }
        body.push(Event::Html(CowStr::Borrowed("</li>\n")));
    }
    body.push(Event::Html(CowStr::Borrowed("</ol>\n</section>\n")));
    body
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

fn note_id(label: &str) -> String {
    format!("fn-{}", key(label))
}

fn ref_id(label: &str, n: usize) -> String {
    if n == 1 {
        format!("fnref-{}", key(label))
    } else {
        format!("fnref-{}-{n}", key(label))
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser, html};

    fn render(md: &str) -> String {
        let events: Vec<_> = Parser::new_ext(md, Options::ENABLE_FOOTNOTES).collect();
        let mut out = String::new();
        html::push_html(&mut out, super::render(events, "de").into_iter());
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
    fn documents_without_footnotes_are_unchanged() {
        assert_eq!(render("Nur Text.\n"), "<p>Nur Text.</p>\n");
    }
}
