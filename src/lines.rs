//! What a line is, wherever lernort counts lines or shows one: a line ends at `\n`, and
//! a `\r` right before it belongs to the line break (Windows files). Every position in
//! a message, and every source line shown under one (`str::lines`), follows this rule.
//!
//! A lone `\r` (one not followed by `\n`) is rejected instead of counted. YAML and
//! CommonMark read it as a line break, so serde_yaml and saphyr number lines after it
//! differently from git, grep and most editors, which show such a file on fewer lines:
//! whichever rule lernort picked, a reported line number would be wrong in some tool.
//! A lone `\r` comes only from classic Mac OS files or a broken conversion, so naming
//! its place and asking for normal line endings is clearer than a shifted number.

/// The 1-based line and column (in characters) of the first lone `\r` in `text`.
pub fn lone_carriage_return(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    // Every source file passes here, and almost none holds a `\r`: memchr skips
    // ahead in wide steps instead of testing each byte.
    let at = memchr::memchr_iter(b'\r', bytes).find(|&i| bytes.get(i + 1) != Some(&b'\n'))?;
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let line = before.matches('\n').count() + 1;
    Some((line, before[line_start..].chars().count() + 1))
}

/// A character that YAML (libyaml follows YAML 1.1 here) reads as a line break and lernort
/// does not: a lone `\r`, NEL (U+0085), LS (U+2028) or PS (U+2029). CommonMark breaks
/// lines only at `\r` and `\n`, so in Markdown the last three are ordinary text; in YAML
/// they would shift every line number after them, as a lone `\r` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlBreak {
    /// 1-based line, counted by lernort's rule.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Which character it is; the message naming it is written by [`crate::yaml`].
    pub kind: BreakKind,
}

/// The characters of a [`YamlBreak`], as the messages tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    /// A `\r` not followed by `\n`.
    LoneCarriageReturn,
    /// NEL, LS or PS: Unicode's line and paragraph separators.
    Separator,
}

/// The first [`YamlBreak`] in `text`.
pub fn yaml_break(text: &str) -> Option<YamlBreak> {
    let (at, c) = text.char_indices().find(|&(i, c)| match c {
        '\r' => text.as_bytes().get(i + 1) != Some(&b'\n'),
        '\u{85}' | '\u{2028}' | '\u{2029}' => true,
        _ => false,
    })?;
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let kind = match c {
        '\r' => BreakKind::LoneCarriageReturn,
        _ => BreakKind::Separator,
    };
    Some(YamlBreak {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        kind,
    })
}

/// Where each line of a text starts, for finding the line of many offsets in one
/// document in logarithmic time each (a page of 100,000 links, each a possible message,
/// would otherwise count its lines 100,000 times).
#[derive(Debug)]
pub struct LineIndex {
    /// The byte offset of each line's first character; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `text`.
    pub fn new(text: &str) -> LineIndex {
        let breaks = memchr::memchr_iter(b'\n', text.as_bytes());
        let starts = std::iter::once(0).chain(breaks.map(|i| i + 1));
        LineIndex {
            starts: starts.collect(),
        }
    }

    /// The 1-based line and column (in characters) of byte `offset` of `text`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line.saturating_sub(1)];
        let column = text.get(start..offset).map_or(0, |t| t.chars().count()) + 1;
        (line, column)
    }

    /// Line `line` (1-based) of `text` as `str::lines` gives it, without its line
    /// break; `None` past the last line.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> Option<&'t str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        if start == text.len() {
            // After a final line break (or in an empty text): `str::lines` has none.
            return None;
        }
        match self.starts.get(line) {
            Some(&next) => {
                let l = &text[start..next - 1];
                Some(l.strip_suffix('\r').unwrap_or(l))
            }
            None => Some(&text[start..]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_agrees_with_counting_and_str_lines() {
        for text in ["", "a", "a\n", "a\r\nbä\ncd", "\n\n", "x\ny\r\n", "äö\nü"] {
            let index = LineIndex::new(text);
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let before = &text[..offset];
                let line = before.matches('\n').count() + 1;
                let start = before.rfind('\n').map_or(0, |p| p + 1);
                let column = before[start..].chars().count() + 1;
                assert_eq!(
                    index.position(text, offset),
                    (line, column),
                    "{text:?} {offset}"
                );
                assert_eq!(
                    index.line(text, line),
                    text.lines().nth(line - 1),
                    "{text:?} {line}"
                );
            }
        }
    }

    #[test]
    fn finds_only_a_carriage_return_that_ends_no_line() {
        assert_eq!(lone_carriage_return("a\r\nb\n"), None);
        assert_eq!(lone_carriage_return("a\r\nbä\rc"), Some((2, 3)));
        assert_eq!(lone_carriage_return("\r"), Some((1, 1)));
        assert_eq!(lone_carriage_return("a\n\r\r\n"), Some((2, 1)));
    }

    #[test]
    fn yaml_breaks_are_a_lone_carriage_return_and_the_unicode_separators() {
        assert_eq!(yaml_break("a: 1\r\nb: 2\n"), None);
        let at = |t: &str| yaml_break(t).map(|b| (b.line, b.column));
        assert_eq!(at("a: 1\nb: x\u{2029}y\n"), Some((2, 5)));
        assert_eq!(at("a: ä\u{2028}\n"), Some((1, 5)));
        assert_eq!(at("\u{85}"), Some((1, 1)));
        assert_eq!(at("a\rb"), Some((1, 2)));
        let kind = |t: &str| yaml_break(t).map(|b| b.kind);
        assert_eq!(kind("a\rb"), Some(BreakKind::LoneCarriageReturn));
        assert_eq!(kind("a\u{2028}b"), Some(BreakKind::Separator));
    }
}
