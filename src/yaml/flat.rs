//! Flat front matter read without libyaml: a text of one-line `key: value` entries
//! whose values are simple scalars or one-line lists (`tags: [a, "b"]`), which is what
//! nearly every page's front matter is.
//!
//! serde_yaml spent about 75,000 instructions on a six-line front matter, 8 % of a
//! build. This reader takes only texts it can read exactly as serde_yaml does and
//! declines everything else (a nested group, a comment after a value, an escape, a
//! number that is not a plain decimal, a repeated key, …), which then goes the
//! usual way. It never reports an error itself: a value the target type does not
//! take declines too, so every message still comes from the one full path. A test
//! compares both on generated texts.

use std::borrow::Cow;
use std::fmt;

use serde::de;

mod deserialize;

pub use deserialize::Doc;

/// Reads `text` through `de` when it is flat; `None` when it is not or `de` fails.
pub fn read<T>(text: &str, de: impl FnOnce(Doc<'_>) -> Result<T, Decline>) -> Option<T> {
    let entries = entries(text)?;
    de(Doc::new(entries)).ok()
}

/// Why the flat reader gave up: the text goes the full way, which says what is wrong.
#[derive(Debug)]
pub struct Decline;

impl fmt::Display for Decline {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not a flat front matter")
    }
}

impl std::error::Error for Decline {}

impl de::Error for Decline {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Decline
    }
}

/// One scalar: its text, and whether it was written plain (unquoted), which decides
/// whether `123` or `true` is a number or a flag.
#[derive(Debug, PartialEq)]
struct Scalar<'a> {
    text: Cow<'a, str>,
    plain: bool,
}

/// A value: a scalar or a one-line list of scalars.
#[derive(Debug, PartialEq)]
enum Node<'a> {
    Scalar(Scalar<'a>),
    List(Vec<Scalar<'a>>),
}

/// The longest key taken, in bytes; libyaml refuses keys of more than 1,024.
const MAX_KEY: usize = 128;

/// The entries of a flat text, or `None` when it is not flat or has no entry.
fn entries(text: &str) -> Option<Vec<(&str, Node<'_>)>> {
    if !printable_text(text) {
        return None;
    }
    let mut entries: Vec<(&str, Node<'_>)> = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.bytes().all(|b| b == b' ') || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once(": ")?;
        if !is_key(key) {
            return None;
        }
        entries.push((key, node(value.trim_matches(' '))?));
    }
    (!entries.is_empty() && !repeats_a_key(&entries)).then_some(entries)
}

/// Whether a key is given twice (the full path names it): pairwise for the few keys
/// of a usual front matter, sorted for many, so that no text makes this quadratic.
fn repeats_a_key(entries: &[(&str, Node<'_>)]) -> bool {
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .any(|(i, (key, _))| entries[..i].iter().any(|(k, _)| k == key));
    }
    let mut keys: Vec<&str> = entries.iter().map(|(k, _)| *k).collect();
    keys.sort_unstable();
    keys.windows(2).any(|w| w[0] == w[1])
}

/// Whether libyaml takes every character of `text` as it is ([`printable`]), looking
/// only at the bytes unless one may start a character it refuses (C1 controls from
/// 0xC2, the line and paragraph separators from 0xE2, U+FEFF to U+FFFF from 0xEF).
fn printable_text(text: &str) -> bool {
    let mut doubtful = false;
    for &b in text.as_bytes() {
        match b {
            b'\n' | b'\r' | b' '..=b'~' => {}
            0xc2 | 0xe2 | 0xef => doubtful = true,
            0x80.. => {}
            _ => return false,
        }
    }
    !doubtful || text.chars().all(printable)
}

/// Whether libyaml takes `c` as it is, in any kind of scalar: no control characters
/// (not even a tab, which some positions refuse), no line break but `\n` and `\r`, no
/// byte order mark, not U+FFFE or U+FFFF.
fn printable(c: char) -> bool {
    matches!(c, '\n' | '\r' | ' '..='~')
        || (c >= '\u{a0}'
            && !matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ))
}

/// Whether `key` is a plain key that every reader takes as the same text: letters,
/// digits, `_` and `-`, starting with a letter or `_`, and no word YAML reads as null
/// or a flag.
fn is_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && key.len() <= MAX_KEY
        && !matches!(meaning(key), Some(Meaning::Null | Meaning::Flag(_)))
}

/// The value after `key: `, with the spaces around it removed.
fn node(value: &str) -> Option<Node<'_>> {
    if let Some(inner) = value.strip_prefix('[') {
        return list(inner.strip_suffix(']')?).map(Node::List);
    }
    let (scalar, rest) = scalar(value, Context::Block)?;
    rest.is_empty().then_some(Node::Scalar(scalar))
}

/// Where a plain scalar stands: a flow list ends it at `,` and cannot hold brackets.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    Block,
    Flow,
}

/// The items of a one-line list, from the text between its brackets.
fn list(inner: &str) -> Option<Vec<Scalar<'_>>> {
    let mut items = Vec::new();
    let mut rest = inner.trim_start_matches(' ');
    while !rest.is_empty() {
        let (item, after) = scalar(rest, Context::Flow)?;
        items.push(item);
        rest = match after.strip_prefix(',') {
            // A trailing comma (`[a, ]`) is left to the full path.
            Some(after) if !after.trim_start_matches(' ').is_empty() => {
                after.trim_start_matches(' ')
            }
            Some(_) => return None,
            None if after.is_empty() => after,
            None => return None,
        };
    }
    Some(items)
}

/// The scalar at the start of `text` and what follows it (after spaces).
fn scalar(text: &str, context: Context) -> Option<(Scalar<'_>, &str)> {
    let (scalar, rest) = match text.as_bytes().first()? {
        b'"' => {
            let (inner, rest) = text[1..].split_once('"')?;
            // Escapes and line joins are left to the full path.
            if inner.contains('\\') {
                return None;
            }
            let text = Cow::Borrowed(inner);
            (Scalar { text, plain: false }, rest)
        }
        b'\'' => single_quoted(&text[1..])?,
        _ => plain(text, context)?,
    };
    Some((scalar, rest.trim_start_matches(' ')))
}

/// A single-quoted scalar (`''` is one quote) from the text after its opening quote.
fn single_quoted(text: &str) -> Option<(Scalar<'_>, &str)> {
    let mut owned: Option<String> = None;
    let mut start = 0;
    loop {
        let close = start + text[start..].find('\'')?;
        if text[close + 1..].starts_with('\'') {
            owned
                .get_or_insert_with(String::new)
                .push_str(&text[start..=close]);
            start = close + 2;
            continue;
        }
        let text_of = match owned {
            Some(mut s) => {
                s.push_str(&text[start..close]);
                Cow::Owned(s)
            }
            None => Cow::Borrowed(&text[..close]),
        };
        let scalar = Scalar {
            text: text_of,
            plain: false,
        };
        return Some((scalar, &text[close + 1..]));
    }
}

/// A plain scalar: it may not start with an indicator (a `-` only before a digit, for
/// negative numbers), and may hold neither `: ` nor ` #` nor end with `:`; in a list
/// it ends at the next `,` and may hold no bracket, brace, `:` or `#` at all.
fn plain(text: &str, context: Context) -> Option<(Scalar<'_>, &str)> {
    let bytes = text.as_bytes();
    let starts_well = match bytes[0] {
        b'-' => bytes.get(1).is_some_and(u8::is_ascii_digit),
        b' ' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!'
        | b'|' | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' => false,
        _ => true,
    };
    if !starts_well {
        return None;
    }
    let (value, rest) = match context {
        Context::Block => (text, ""),
        Context::Flow => {
            let end = text.find([',', ']']).unwrap_or(text.len());
            let value = &text[..end];
            if value.contains(['[', '{', '}', ':', '#']) || text[end..].starts_with(']') {
                return None;
            }
            (value, &text[end..])
        }
    };
    let value = value.trim_end_matches(' ');
    if value.contains(": ") || value.contains(" #") || value.ends_with(':') {
        return None;
    }
    let scalar = Scalar {
        text: Cow::Borrowed(value),
        plain: true,
    };
    Some((scalar, rest))
}

/// What a plain scalar means to `deserialize_any`.
enum Meaning {
    /// `~`, `null`, `Null`, `NULL`.
    Null,
    /// `true`, `True`, `TRUE` and the three ways of writing false.
    Flag(bool),
    /// A decimal number from 0 up.
    Unsigned(u64),
    /// A negative decimal number.
    Signed(i64),
    /// Anything else that cannot be a number: the text as written.
    Text,
}

/// What a plain scalar means by serde_yaml's rules: a decimal number without leading
/// zeros, null, a flag, or text. `None` for what else might be a number (another base,
/// a float, `+1`, `-0`, `1_000`): those are left to the full path.
fn meaning(text: &str) -> Option<Meaning> {
    match text {
        "~" | "null" | "Null" | "NULL" => return Some(Meaning::Null),
        "true" | "True" | "TRUE" => return Some(Meaning::Flag(true)),
        "false" | "False" | "FALSE" => return Some(Meaning::Flag(false)),
        _ => {}
    }
    if let Some(n) = unsigned(text) {
        return Some(Meaning::Unsigned(n));
    }
    if let Some(n) = negative(text) {
        return Some(Meaning::Signed(n));
    }
    let first = *text.as_bytes().first()?;
    let number_like = first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.');
    (!number_like || never_number(text)).then_some(Meaning::Text)
}

/// Whether serde_yaml can read `text` as no number in any base nor as a float: it holds
/// a byte that none of them has (`10:30`, `3 Tage`), or it is a date (`2018-09-27`).
fn never_number(text: &str) -> bool {
    let foreign = |b: &u8| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.' | b'_'));
    let date = |t: &[u8]| {
        t.len() == 10
            && t.iter().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    };
    text.as_bytes().iter().any(foreign) || date(text.as_bytes())
}

/// A decimal number of up to 19 digits without a leading zero (or `0` itself).
fn unsigned(text: &str) -> Option<u64> {
    let digits = text.as_bytes();
    let plain = !digits.is_empty()
        && digits.len() <= 19
        && digits.iter().all(u8::is_ascii_digit)
        && (digits[0] != b'0' || digits.len() == 1);
    plain.then(|| text.parse().ok()).flatten()
}

/// `-` and a decimal number of up to 18 digits without a leading zero (not `-0`).
fn negative(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-')?;
    let plain = digits.len() <= 18 && digits.starts_with(|c: char| ('1'..='9').contains(&c));
    let n = unsigned(digits).filter(|_| plain)?;
    i64::try_from(n).ok().map(|n| -n)
}

#[cfg(test)]
mod tests;
