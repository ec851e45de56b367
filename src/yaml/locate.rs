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
/// value (so that the line shown is `key: value`), the item for a list item. `None`
/// when the path is not in the text.
pub fn locate(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    if path.is_empty() {
        return Some((1, 1));
    }
    let mut open: Vec<Open> = Vec::new();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { return None };
        let position = (span.start.line(), span.start.col() + 1);
        let collection = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        let node = collection || matches!(event, Event::Scalar(..) | Event::Alias(_));
        if !node {
            if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
                open.pop();
            }
            continue;
        }
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
                    if let Some(k) = key.as_deref()
                        && parent.len() + 1 == path.len()
                        && path[..parent.len()] == parent[..]
                        && path[parent.len()] == Step::Key(k.to_string())
                    {
                        return Some(position);
                    }
                    None
                } else {
                    *expect_key = true;
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
        if own.as_deref() == Some(path) {
            return Some(position);
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
    None
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
    }
}
