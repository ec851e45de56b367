//! Where a value is in a YAML text, by its path of keys and list positions: for
//! problems found after parsing (a field of the wrong type three levels deep), whose
//! place serde_yaml's values no longer know. Errors are rare, so this reads the text's
//! events again only when one is reported.

use saphyr_parser::{Event, Parser};

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The value of a key in a mapping.
    Key(String),
    /// An item of a list, 0-based.
    Index(usize),
}

/// An open collection while reading events, with its own path.
struct Open {
    path: Vec<Step>,
    kind: Kind,
}

enum Kind {
    /// A mapping: whether the next node is a key, and the key whose value comes next.
    Mapping {
        expect_key: bool,
        key: Option<String>,
    },
    /// A list: the index of the next item.
    Sequence { next: usize },
}

/// 1-based line and column of the node at `path` in `text`: the key for a mapping
/// value (so that the line shown is `key: value`), the item for a list item. When the
/// path is not in the text itself (it runs through an alias, `fields: *p`), the place
/// of its deepest ancestor that is, such as the alias. `None` when no part of the path
/// is in the text.
pub fn locate(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    if path.is_empty() {
        return Some((1, 1));
    }
    match walk(text, path) {
        Found::Exact(position, _) => Some(position),
        Found::Ancestor(position) => Some(position),
        Found::Nothing => None,
    }
}

/// The scalar at `path` as written in `text` (`2.20`, not the number 2.2): for values
/// whose text matters more than what YAML makes of them.
pub fn scalar(text: &str, path: &[Step]) -> Option<String> {
    match walk(text, path) {
        Found::Exact(_, written) => written,
        _ => None,
    }
}

enum Found {
    /// The node's position, and its scalar text as written if it is a scalar.
    Exact((usize, usize), Option<String>),
    /// The deepest ancestor's (or alias's) position.
    Ancestor((usize, usize)),
    Nothing,
}

/// Tabs after the indentation (`role:\tLeitung`, which serde_yaml reads) are spaces
/// for the event pass, so that it sees what serde_yaml saw; lines and columns stay.
fn without_tabs(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\t') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        out.push_str(&line[..indent]);
        out.push_str(&line[indent..].replace('\t', " "));
    }
    out.into()
}

fn walk(text: &str, path: &[Step]) -> Found {
    let text = without_tabs(text);
    let mut open: Vec<Open> = Vec::new();
    // The deepest proper ancestor of `path` seen so far, by its length.
    let mut best: Option<(usize, (usize, usize))> = None;
    let mut key_position: Option<(usize, usize)> = None;
    let ancestor = |best: Option<(usize, (usize, usize))>| match best {
        Some((_, position)) => Found::Ancestor(position),
        None => Found::Nothing,
    };
    for item in Parser::new_from_str(&text) {
        let Ok((event, span)) = item else {
            return ancestor(best);
        };
        let position = (span.start.line(), span.start.col() + 1);
        let collection = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        let node = collection || matches!(event, Event::Scalar(..) | Event::Alias(_));
        if !node {
            if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
                open.pop();
            }
            continue;
        }
        let mut shown_at = position;
        // The path of this node; `None` for a key (or the document itself).
        let own: Option<Vec<Step>> = match open.last_mut() {
            None => Some(Vec::new()),
            Some(Open {
                path: parent,
                kind: Kind::Mapping { expect_key, key },
            }) => {
                if *expect_key {
                    *expect_key = false;
                    *key = match &event {
                        Event::Scalar(value, ..) => Some(value.to_string()),
                        _ => None,
                    };
                    // A value is shown at its key, so that the line is `key: value`.
                    key_position = Some(position);
                    None
                } else {
                    *expect_key = true;
                    shown_at = key_position.unwrap_or(position);
                    key.take().map(|k| {
                        let mut p = parent.clone();
                        p.push(Step::Key(k));
                        p
                    })
                }
            }
            Some(Open {
                path: parent,
                kind: Kind::Sequence { next },
            }) => {
                let mut p = parent.clone();
                p.push(Step::Index(*next));
                *next += 1;
                Some(p)
            }
        };
        if let Some(own) = own.as_deref() {
            if own == path {
                let written = match &event {
                    Event::Scalar(value, ..) => Some(value.to_string()),
                    _ => None,
                };
                return Found::Exact(shown_at, written);
            }
            if !own.is_empty()
                && own.len() < path.len()
                && path[..own.len()] == own[..]
                && best.is_none_or(|(depth, _)| own.len() > depth)
            {
                // An alias stands for its anchor's node: its own place is the best.
                let at = if matches!(event, Event::Alias(_)) {
                    position
                } else {
                    shown_at
                };
                best = Some((own.len(), at));
            }
        }
        if collection {
            // Keys that are collections get a path no value can have.
            let path = own.unwrap_or_else(|| vec![Step::Index(usize::MAX)]);
            let kind = if matches!(event, Event::MappingStart(..)) {
                Kind::Mapping {
                    expect_key: true,
                    key: None,
                }
            } else {
                Kind::Sequence { next: 0 }
            };
            open.push(Open { path, kind });
        }
    }
    ancestor(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.to_string())
    }

    #[test]
    fn finds_keys_and_items_at_any_depth() {
        let text = "title: A\nextra:\n  b: 1\npartner:\n  - name: X\n  - name: Y\n    ort: Trier\nz: {a: [1, 2]}\n";
        assert_eq!(locate(text, &[key("title")]), Some((1, 1)));
        assert_eq!(locate(text, &[key("extra"), key("b")]), Some((3, 3)));
        assert_eq!(
            locate(text, &[key("partner"), Step::Index(1)]),
            Some((6, 5))
        );
        assert_eq!(
            locate(text, &[key("partner"), Step::Index(1), key("ort")]),
            Some((7, 5))
        );
        assert_eq!(
            locate(text, &[key("z"), key("a"), Step::Index(1)]),
            Some((8, 12))
        );
        assert_eq!(locate(text, &[key("fehlt")]), None);
        assert_eq!(locate(text, &[key("b")]), None, "only at its own depth");
        assert_eq!(
            locate(text, &[key("extra"), key("fehlt")]),
            Some((2, 1)),
            "the deepest ancestor"
        );
    }

    #[test]
    fn tabs_after_a_colon_and_aliases() {
        let text = "role:\tLeitung\nemail: x\n";
        assert_eq!(locate(text, &[key("email")]), Some((2, 1)));
        assert_eq!(scalar(text, &[key("role")]).as_deref(), Some("Leitung"));
        let text = "a: &p\n  b: 1\nc: *p\n";
        assert_eq!(locate(text, &[key("c"), key("b")]), Some((3, 4)));
        assert_eq!(locate(text, &[key("a"), key("b")]), Some((2, 3)));
    }

    #[test]
    fn scalars_as_written() {
        let text = "room: 2.20\nlist: [1.50, x]\n";
        assert_eq!(scalar(text, &[key("room")]).as_deref(), Some("2.20"));
        assert_eq!(
            scalar(text, &[key("list"), Step::Index(0)]).as_deref(),
            Some("1.50")
        );
        assert_eq!(scalar(text, &[key("list")]), None);
    }
}
