//! A structural pass over a YAML text with an event parser (saphyr-parser), before
//! serde_yaml reads it: it finds what serde_yaml accepts silently or reports without a
//! position — a key given twice in one mapping (at any depth) and where aliases are used.
//! It only reads events and never expands an alias, so a "billion laughs" text is cheap,
//! and it stops at the first collection nested deeper than a limit, before serde_yaml's
//! parser (unsafe_libyaml) would spend quadratic time on a text like `[[[[…`.
//! Texts it cannot parse are left to serde_yaml, which then reports the syntax error.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, Span};

/// A key that appears twice in the same mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The key as written (its scalar value).
    pub key: String,
    /// The keys leading to the mapping, e.g. `extra.kontakt`; empty at the top level.
    pub within: String,
    /// 1-based line and column of the second occurrence.
    pub at: (usize, usize),
    /// 1-based line of the first occurrence.
    pub first_line: usize,
}

/// What makes the pass stop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A key given twice in one mapping.
    Duplicate(Duplicate),
    /// 1-based line and column of a collection nested deeper than the limit.
    TooDeep((usize, usize)),
}

/// What the pass learned about a text that has no duplicate key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shape {
    /// 1-based line and column of the first alias (`*name`), if any.
    pub first_alias: Option<(usize, usize)>,
}

/// An open mapping or sequence.
enum Frame {
    Mapping {
        /// Keys seen so far, with their line.
        keys: HashMap<String, usize>,
        /// Whether the next node is a key (else a value).
        expect_key: bool,
        /// The key whose value is being read.
        current: Option<String>,
        path: String,
    },
    Sequence {
        path: String,
    },
}

impl Frame {
    fn path(&self) -> &str {
        match self {
            Frame::Mapping { path, .. } | Frame::Sequence { path } => path,
        }
    }
}

/// Scans `text`: the first duplicate key or collection nested more than `max_depth`
/// levels deep, or else the shape of the text.
pub fn scan(text: &str, max_depth: usize) -> Result<Shape, Problem> {
    let mut shape = Shape::default();
    let mut stack: Vec<Frame> = Vec::new();
    let end = End::of(text);
    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(item) => item,
            // saphyr looks ahead over up to 255 opening brackets before it hands out the
            // first one's event, and stops at the 256th.
            Err(e) if e.info() == "recursion limit exceeded" => {
                let at = (e.marker().line(), e.marker().col() + 1);
                return Err(Problem::TooDeep(end.clamp(at)));
            }
            // A syntax error: serde_yaml reports it, with its own words and position.
            Err(_) => break,
        };
        let at = end.clamp(position(span));
        match event {
            Event::DocumentStart(_) => stack.clear(),
            Event::Scalar(value, ..) => {
                if let Some(dup) = node(&mut stack, Some(&value), at) {
                    return Err(Problem::Duplicate(dup));
                }
            }
            Event::Alias(_) => {
                shape.first_alias.get_or_insert(at);
                if let Some(dup) = node(&mut stack, None, at) {
                    return Err(Problem::Duplicate(dup));
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // A collection used as a key is not compared; its own keys still are.
                if stack.len() >= max_depth {
                    return Err(Problem::TooDeep(at));
                }
                let parent_key = value_key(&stack);
                if let Some(dup) = node(&mut stack, None, at) {
                    return Err(Problem::Duplicate(dup));
                }
                let path = child_path(&stack, parent_key);
                stack.push(if matches!(event, Event::MappingStart(..)) {
                    Frame::Mapping {
                        keys: HashMap::new(),
                        expect_key: true,
                        current: None,
                        path,
                    }
                } else {
                    Frame::Sequence { path }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    Ok(shape)
}

/// The last line of a text and its width, so that no position lies past the end: an
/// empty node at the end of a text (`? ` with nothing after it) is placed by saphyr at
/// the next token, which is the end of input, one line below the last line.
struct End {
    line: usize,
    width: usize,
}

impl End {
    fn of(text: &str) -> End {
        End {
            line: text.lines().count().max(1),
            width: text.lines().last().map_or(0, |l| l.chars().count()),
        }
    }

    fn clamp(&self, (line, column): (usize, usize)) -> (usize, usize) {
        if line > self.line {
            (self.line, self.width + 1)
        } else {
            (line, column)
        }
    }
}

/// 1-based line and column of the start of `span`.
fn position(span: Span) -> (usize, usize) {
    (span.start.line(), span.start.col() + 1)
}

/// The key whose value the next node is, if the innermost frame is a mapping expecting
/// a value.
fn value_key(stack: &[Frame]) -> Option<String> {
    match stack.last() {
        Some(Frame::Mapping {
            expect_key: false,
            current,
            ..
        }) => current.clone(),
        _ => None,
    }
}

fn child_path(stack: &[Frame], key: Option<String>) -> String {
    let parent = stack.last().map_or("", Frame::path);
    match (parent, key) {
        ("", Some(k)) => k,
        (p, Some(k)) => format!("{p}.{k}"),
        (p, None) => p.to_string(),
    }
}

/// Notes one node (a scalar when `scalar` is given) in the innermost mapping: a key is
/// checked against the keys before it.
fn node(stack: &mut [Frame], scalar: Option<&str>, at: (usize, usize)) -> Option<Duplicate> {
    let Some(Frame::Mapping {
        keys,
        expect_key,
        current,
        path,
    }) = stack.last_mut()
    else {
        return None;
    };
    let is_key = *expect_key;
    *expect_key = !is_key;
    if !is_key {
        return None;
    }
    *current = scalar.map(str::to_owned);
    // `<<` merges other mappings and may legitimately repeat.
    let key = scalar.filter(|k| *k != "<<")?;
    if let Some(&first_line) = keys.get(key) {
        return Some(Duplicate {
            key: key.to_string(),
            within: path.clone(),
            at,
            first_line,
        });
    }
    keys.insert(key.to_string(), at.0);
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_key_at_the_end_is_placed_on_the_last_line() {
        let Err(Problem::Duplicate(dup)) = scan("?     \n\n\n?\n\n\n", 64) else {
            panic!("two empty keys");
        };
        // saphyr places an empty key at the token after it: the first at the second `?`
        // (line 4), the second at the end, which is kept on the last line.
        assert_eq!((dup.at, dup.first_line), ((6, 1), 4));
    }

    #[test]
    fn a_top_level_key_twice_names_both_lines() {
        let dup = scan("title: A\nweight: 1\ntitle: B\n", 64).unwrap_err();
        assert_eq!(
            dup,
            Problem::Duplicate(Duplicate {
                key: "title".into(),
                within: String::new(),
                at: (3, 1),
                first_line: 1
            })
        );
    }

    #[test]
    fn nested_keys_are_checked_per_mapping() {
        let text = "extra:\n  a: 1\n  b:\n    a: 2\n  list:\n    - a: 1\n    - a: 2\n  a: 3\n";
        let Err(Problem::Duplicate(dup)) = scan(text, 64) else {
            panic!("no duplicate found in {text:?}");
        };
        assert_eq!((dup.key.as_str(), dup.within.as_str()), ("a", "extra"));
        assert_eq!((dup.at, dup.first_line), ((8, 3), 2));
        let Err(Problem::Duplicate(flow)) = scan("extra: {x: 1, x: 2}\n", 64) else {
            panic!("no duplicate found in a flow mapping");
        };
        assert_eq!((flow.within.as_str(), flow.first_line), ("extra", 1));
    }

    #[test]
    fn values_equal_to_keys_and_repeated_list_items_are_fine() {
        assert_eq!(
            scan("title: title\ntags: [a, a]\nextra:\n  title: x\n", 64),
            Ok(Shape::default())
        );
    }

    #[test]
    fn aliases_are_found_without_expanding_them() {
        let shape = scan("a: &x [1, 2]\nb: [*x, *x]\n", 64).unwrap();
        assert_eq!(shape.first_alias, Some((2, 5)));
    }

    #[test]
    fn syntax_errors_are_left_to_serde_yaml() {
        assert_eq!(scan("title: \"A\n", 64), Ok(Shape::default()));
    }

    #[test]
    fn nesting_deeper_than_the_limit_stops_at_the_first_level_too_many() {
        let text = format!("a: 1\nb: {}\n", "[".repeat(40_000));
        assert_eq!(scan(&text, 64), Err(Problem::TooDeep((2, 259))));
        // The top-level mapping is the first level, the 64th `[` the 65th.
        let text = format!("a: 1\nb: {}\n", "[".repeat(200));
        assert_eq!(scan(&text, 64), Err(Problem::TooDeep((2, 67))));
        let block = format!("a:\n{}x\n", "- ".repeat(10));
        assert_eq!(scan(&block, 4), Err(Problem::TooDeep((2, 7))));
        assert!(scan(&block, 11).is_ok());
    }
}
