//! The parts of a document templates show apart from its body: the summary (a teaser
//! that must be well-formed HTML on its own) and the table of contents as a tree.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::TocEntry;

/// The summary's events, with every tag opened before the cut closed again and
/// without footnotes (their targets are not part of a teaser).
pub fn summary_events<'a>(events: &[Event<'a>], more_at: Option<usize>) -> Vec<Event<'a>> {
    let range = summary_range(events, more_at);
    let mut out = Vec::with_capacity(range.len() + 4);
    let mut open: Vec<TagEnd> = Vec::new();
    let mut in_footnote = 0usize;
    for e in &events[range] {
        match e {
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote += 1,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote = in_footnote.saturating_sub(1),
            _ if in_footnote > 0 => {}
            Event::FootnoteReference(_) => {}
            Event::Start(tag) => {
                open.push(tag.to_end());
                out.push(e.clone());
            }
            Event::End(end) => {
                // Links arrive as HTML starts (for `data-href`); their ends close nothing here.
                if open.last() == Some(end) {
                    open.pop();
                }
                out.push(e.clone());
            }
            other => out.push(other.clone()),
        }
    }
    out.extend(open.into_iter().rev().map(Event::End));
    out
}

/// The events of the summary: up to `<!-- more -->`, else the first paragraph.
fn summary_range(events: &[Event], more_at: Option<usize>) -> std::ops::Range<usize> {
    if let Some(end) = more_at {
        return 0..end;
    }
    let Some(start) = events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))
    else {
        return 0..0;
    };
    let end = events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
        .map_or(events.len(), |p| start + p + 1);
    start..end
}

pub fn toc_tree(headings: &[(u8, String, String)]) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for (level, id, title) in headings {
        let entry = TocEntry {
            level: *level,
            id: id.clone(),
            title: title.clone(),
            children: Vec::new(),
        };
        insert_toc(&mut roots, entry);
    }
    roots
}

fn insert_toc(siblings: &mut Vec<TocEntry>, entry: TocEntry) {
    match siblings.last_mut() {
        Some(last) if last.level < entry.level => insert_toc(&mut last.children, entry),
        _ => siblings.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Parser, html};

    fn summary(md: &str) -> String {
        let events: Vec<Event> = Parser::new(md).collect();
        let more = events
            .iter()
            .position(|e| matches!(e, Event::InlineHtml(h) if h.trim() == "<!-- more -->"));
        let mut out = String::new();
        html::push_html(&mut out, summary_events(&events, more).into_iter());
        out
    }

    #[test]
    fn summary_is_the_first_paragraph_without_a_marker() {
        assert_eq!(summary("# T\n\nEins.\n\nZwei.\n"), "<p>Eins.</p>\n");
    }

    #[test]
    fn a_cut_inside_a_paragraph_closes_it() {
        assert_eq!(
            summary("Erster *Satz <!-- more --> weiter*.\n"),
            "<p>Erster <em>Satz </em></p>\n"
        );
    }

    #[test]
    fn toc_nests_by_level_and_keeps_skipped_levels() {
        let h = |l: u8, id: &str| (l, id.to_string(), id.to_string());
        let toc = toc_tree(&[h(2, "a"), h(3, "b"), h(4, "c"), h(2, "d"), h(4, "e")]);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children[0].children[0].id, "c");
        assert_eq!(toc[1].children[0].id, "e");
    }
}
