//! A quick look over the lines of a YAML text, deciding whether the event pass
//! ([`super::shape`]) is needed before serde_yaml reads it.
//!
//! Running saphyr-parser's events over every text doubled the cost of YAML, though
//! nearly every front matter is a flat list of distinct `key: value` lines. This look
//! is conservative: it may ask for the event pass without need (a key repeated in
//! sibling groups, an `&` in a title), but says "not needed" only for a text that
//! cannot have a key twice in one mapping and cannot nest more than [`super::MAX_DEPTH`]
//! levels. Syntax errors need no look here: when serde_yaml fails, the event pass runs
//! anyway (see `super::read`).

use rustc_hash::FxHashSet;

/// Whether `text` needs the event pass: it may repeat a key in one mapping, or its
/// collections may nest deeper than `max_depth`.
pub fn needs_events(text: &str, max_depth: usize) -> bool {
    // Anchors, aliases and tags (`&a`, `*a`, `!t`) can stand before a key and change
    // what it is; flow mappings (`{a: 1, a: 2}`) hold keys anywhere on a line. Both are
    // rare in front matter, so any of these bytes sends the text to the event pass.
    if text.bytes().any(|b| matches!(b, b'&' | b'*' | b'!' | b'{')) {
        return true;
    }
    // The parsers also break lines at NEL, LS and PS, which `str::lines` does not, and
    // a byte order mark would become part of the first key here.
    if text.contains(['\u{85}', '\u{2028}', '\u{2029}', '\u{feff}']) {
        return true;
    }
    let mut keys: FxHashSet<(usize, &str)> = FxHashSet::default();
    let mut widest_prefix = 0;
    let mut flow_openers = 0;
    for line in text.lines() {
        flow_openers += line.bytes().filter(|&b| b == b'[').count();
        widest_prefix = widest_prefix.max(indicator_prefix(line));
        match key_of(line) {
            Key::None => {}
            Key::Unsure => return true,
            // Keys are compared by their column alone, not by the mapping they are
            // in: lines inside a multi-line quoted or flow value can sit left of the
            // mapping they belong to, so "a line further left ends the mapping" would
            // be unsafe. Equal keys in sibling groups only cost an event pass.
            Key::At(column, key) => {
                if !keys.insert((column, key)) {
                    return true;
                }
            }
        }
    }
    // A block collection nested in another starts further right, or at the same column
    // only as a list that is a mapping's value: at most two levels per column of
    // indentation and indicators (`- `, `? `, `: `). Flow collections (only `[` here)
    // add at most one level each, and no block collection can be inside them.
    2 * (widest_prefix + 1) + flow_openers > max_depth
}

/// The length of a line's leading spaces, tabs and block indicators (`-`, `?`, `:`).
fn indicator_prefix(line: &str) -> usize {
    line.bytes()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'-' | b'?' | b':'))
        .count()
}

/// What a line says about the key it may start.
#[derive(Debug, PartialEq, Eq)]
enum Key<'a> {
    /// No key starts on this line.
    None,
    /// A key (or its value) is written in a form this look does not compare.
    Unsure,
    /// A key, by the column it starts at (0-based, in bytes) and its text.
    At(usize, &'a str),
}

/// The implicit key a line starts with, after its indentation and `- ` indicators:
/// `key:` or `"key":` followed by a space, a tab or the end of the line.
fn key_of(line: &str) -> Key<'_> {
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        match (bytes.get(i), bytes.get(i + 1)) {
            (Some(b'-'), None | Some(b' ')) => i += 1,
            // A tab between indicators, or an explicit key or value (`? k`, `: v`).
            (Some(b'-' | b'?' | b':'), Some(b'\t')) | (Some(b'?' | b':'), None | Some(b' ')) => {
                return Key::Unsure;
            }
            (Some(b'\t'), _) => return Key::Unsure,
            _ => break,
        }
    }
    let rest = &line[i..];
    // A document marker may carry a node on its line (`--- a: 1`).
    if rest.starts_with("---") || rest.starts_with("...") {
        return Key::Unsure;
    }
    match rest.as_bytes().first() {
        None | Some(b'#') => Key::None,
        Some(&quote @ (b'"' | b'\'')) => quoted_key(rest, quote).map_or(Key::Unsure, |k| match k {
            Some(k) => Key::At(i, k),
            None => Key::None,
        }),
        Some(_) => match plain_key_end(rest) {
            Some(end) => Key::At(i, rest[..end].trim_end_matches([' ', '\t'])),
            None => Key::None,
        },
    }
}

/// The text of a quoted key at the start of `rest`: `Some(None)` when the quoted text
/// is no key, `None` when it has escapes (`\x`, `''`) or does not end on this line.
fn quoted_key(rest: &str, quote: u8) -> Option<Option<&str>> {
    let inner = &rest[1..];
    let close = inner.find(quote as char)?;
    let text = &inner[..close];
    let after = &inner[close + 1..];
    if text.contains('\\') || after.starts_with(quote as char) {
        return None;
    }
    let after = after.trim_start_matches([' ', '\t']);
    let is_key = after
        .strip_prefix(':')
        .is_some_and(|a| a.is_empty() || a.starts_with([' ', '\t']));
    Some(is_key.then_some(text))
}

/// Where a plain key ends: the first `:` followed by a space, a tab or the line's end.
fn plain_key_end(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    bytes.iter().enumerate().find_map(|(i, &b)| {
        (b == b':' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t'))).then_some(i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flat_front_matter_needs_no_event_pass() {
        let text = "title: \"Seite: eins\"\ndate: 2024-03-01\ntags: [a, b]\nextra:\n  autor: E\n  farbe: blau\n";
        assert!(!needs_events(text, 64));
    }

    #[test]
    fn a_possibly_repeated_key_needs_the_event_pass() {
        for text in [
            "title: A\nweight: 1\ntitle: B\n",
            "title: A\n\"title\": B\n",
            "title: A\n'title' : B\n",
            "- a: 1\n  a: 2\n",
            "x:\n  a: 1\ny:\n  a: 2\n",
            "e: {a: 1, a: 2}\n",
            "&x a: 1\n",
            "? a\n: 1\n",
            "\"a\\x\": 1\n",
            "'it''s': 1\n",
            "-\ta: 1\n",
            "--- a: 1\na: 2\n",
            "a: 1\u{2028}a: 2\n",
        ] {
            assert!(needs_events(text, 64), "{text:?}");
        }
    }

    #[test]
    fn deep_nesting_needs_the_event_pass() {
        assert!(needs_events(&format!("a: {}\n", "[".repeat(65)), 64));
        assert!(needs_events(&format!("a:\n{}x\n", "- ".repeat(40)), 64));
        assert!(!needs_events(&format!("a: {}\n", "[".repeat(20)), 64));
    }

    #[test]
    fn keys_are_read_after_indentation_and_dashes() {
        assert_eq!(key_of("  - - name: x"), Key::At(6, "name"));
        assert_eq!(key_of("url:http://x: y"), Key::At(0, "url:http://x"));
        assert_eq!(key_of("- just text"), Key::None);
        assert_eq!(key_of("\"quoted\" text"), Key::None);
        assert_eq!(key_of("  # a: comment"), Key::None);
        assert_eq!(key_of("a b  : c"), Key::At(0, "a b"));
    }

    proptest::proptest! {
        // The look may only ever err towards the event pass: whenever it says "not
        // needed", the event pass must find nothing. Random texts of YAML-like lines
        // (keys in several spellings, lists, quotes, flow lists, block scalars, comments)
        // check that.
        #![proptest_config(proptest::test_runner::Config {
            cases: 2048,
            failure_persistence: None,
            ..Default::default()
        })]

        #[test]
        fn not_needed_means_the_event_pass_finds_nothing(
            lines in proptest::collection::vec(
                (0usize..4, 0usize..3, 0usize..KEYS.len(), 0usize..VALUES.len()),
                0..12,
            )
        ) {
            let text: String = lines
                .iter()
                .map(|&(indent, dashes, key, value)| {
                    format!(
                        "{}{}{}{}\n",
                        "  ".repeat(indent),
                        "- ".repeat(dashes),
                        KEYS[key],
                        VALUES[value]
                    )
                })
                .collect();
            if !needs_events(&text, 8) {
                let scanned = super::super::shape::scan(&text, 8);
                proptest::prop_assert!(
                    !matches!(
                        scanned,
                        Err(super::super::shape::Problem::Duplicate(_)
                            | super::super::shape::Problem::TooDeep(_))
                    ),
                    "{text:?}: {scanned:?}"
                );
            }
        }
    }

    const KEYS: &[&str] = &[
        "a:", "a :", "\"a\":", "'a':", "b:", "a b:", "title:", "", "# a:", "x", "'a' :",
    ];

    const VALUES: &[&str] = &[
        "",
        " 1",
        " x",
        " \"q: r\"",
        " [a, b]",
        " [[c]]",
        " |",
        " >",
        " 'multi",
        " a: b",
        " # c",
        " \"a\": 2",
    ];
}
