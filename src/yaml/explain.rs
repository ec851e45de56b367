//! serde_yaml's errors in words an editor knows, in the reader's language.
//!
//! serde_yaml reports in English sentences ("title: invalid type: map, expected a
//! string at line 2 column 8"). The parts lernort knows (an unknown key, a wrong type,
//! a missing key, a tab, an alias) are taken apart and said anew from the catalogue;
//! only what serde_yaml says about YAML syntax lernort has no words for is passed on
//! as it is, inside lernort's own sentence.

use super::{YamlError, closest, line_of_key, shape};
use crate::messages::Text;
use crate::text;

/// What visitors outside this module tell serde they expect, in serde's `expecting`
/// words: lernort's own, so that a wrong type is named in the reader's language.
pub mod expecting {
    /// Taxonomy terms: one, or a list.
    pub const TERMS: &str = "a term or a list of terms such as `[MINT, Schule]`";
    /// One entry of `taxonomies:` in `site.yaml`.
    pub const TAXONOMY: &str = "a taxonomy name such as `themen`, or a mapping with `name:`";
}

/// A problem in words, and where it is when serde_yaml's position is not the best one.
struct Explained {
    at: Option<(usize, usize)>,
    message: Text,
    hint: Text,
}

impl Explained {
    fn new(message: Text, hint: Text) -> Explained {
        Explained {
            at: None,
            message,
            hint,
        }
    }

    fn at(mut self, at: Option<(usize, usize)>) -> Explained {
        self.at = at;
        self
    }
}

/// The error for what serde_yaml stopped at, at the best position known.
pub(super) fn describe(
    e: &serde_yaml::Error,
    text: &str,
    first_line: usize,
    shape: &shape::Shape,
    what: &Text,
) -> YamlError {
    let raw = e.to_string();
    // serde_yaml appends " at line L column C" to its messages; we print the
    // position ourselves, relative to the file.
    let message = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw.as_str(),
    };
    let serde_at = e.location().map(|loc| (loc.line(), loc.column()));
    let explained = match keys_and_values(message, text, what) {
        Some(x) => x,
        None => syntax(&raw, message, text, serde_at, shape, what),
    };
    let at = explained.at.or(serde_at);
    // Keep the position inside the text: serde_yaml may point one line past the end.
    let lines = text.lines().count().max(1);
    let at = at.map(|(l, c)| if l > lines { (lines, 1) } else { (l, c) });
    YamlError {
        line: at.map(|(l, _)| l + first_line - 1),
        column: at.map(|(_, c)| c),
        message: explained.message,
        hint: Some(explained.hint),
    }
}

/// Problems with keys and values in a text that is valid YAML.
fn keys_and_values(message: &str, text: &str, what: &Text) -> Option<Explained> {
    let what = what.clone();
    if let Some((key, expected)) = unknown_field(message) {
        let keys = expected.join(", ");
        let hint = match closest(&key, &expected) {
            Some(best) => text!("yaml-unknown-key.hint-closest", best = best, keys = keys),
            None => text!("yaml-unknown-key.hint", keys = keys),
        };
        let at = line_of_key(text, &key).map(|n| (n, 1));
        let message = text!("yaml-unknown-key", key = key, what = what);
        return Some(Explained::new(message, hint).at(at));
    }
    if let Some(key) = between_backticks(message, "missing field `") {
        return Some(Explained::new(
            text!("yaml-missing-key", key = &key, what = what),
            text!("yaml-missing-key.hint", key = key),
        ));
    }
    if let Some((key, found, expected)) = wrong_type(message) {
        let (expected, hint) = plain_type(&expected);
        let message = text!(
            "yaml-wrong-type",
            key = key,
            expected = expected,
            found = plain_found(&found),
            what = what
        );
        return Some(Explained::new(message, hint));
    }
    if let Some(found) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
        .map(|(found, _)| found)
    {
        // The whole text is a list or a single value, not keys: what serde expected is
        // a type name (`struct RawConfig`) that means nothing to an editor.
        let message = text!("yaml-not-keys", found = plain_found(found), what = what);
        return Some(Explained::new(message, text!("yaml-not-keys.hint")));
    }
    if let Some((key, value, allowed)) = unknown_variant(message) {
        return Some(Explained::new(
            text!("yaml-unknown-value", key = key, value = value, what = what),
            text!("yaml-unknown-value.hint", values = allowed.join(", ")),
        ));
    }
    None
}

/// Problems with the YAML itself, at the position `at` serde_yaml gave unless a better
/// one is known.
fn syntax(
    raw: &str,
    message: &str,
    text: &str,
    at: Option<(usize, usize)>,
    shape: &shape::Shape,
    what: &Text,
) -> Explained {
    let what = what.clone();
    if let Some(tab) = tab_indent(text, at) {
        let message = text!("yaml-tab-indent", what = what);
        return Explained::new(message, text!("yaml-tab-indent.hint")).at(Some(tab));
    }
    if message.contains("unknown anchor") || raw.contains("while scanning an alias") {
        let message = text!("yaml-unknown-alias", what = what);
        let at = scanning_at(raw, "an alias");
        return Explained::new(message, text!("yaml-unknown-alias.hint")).at(at);
    }
    if message.contains("more than one document") {
        // A `---` on the first line only starts the one document.
        let at = text
            .lines()
            .enumerate()
            .skip(1)
            .find(|(_, l)| l.trim_end() == "---" || l.trim_end() == "...")
            .map(|(i, _)| (i + 1, 1));
        let message = text!("yaml-second-document", what = what);
        return Explained::new(message, text!("yaml-second-document.hint")).at(at);
    }
    if message.contains("repetition limit exceeded") {
        let message = text!("yaml-alias-too-much", what = what);
        return Explained::new(message, text!("yaml-alias-too-much.hint")).at(shape.first_alias);
    }
    if message.contains("recursion limit exceeded") {
        let message = text!("yaml-nested-too-deeply", what = what);
        return Explained::new(message, text!("yaml-nested-too-deeply.hint"));
    }
    if let Some(opened) = unclosed_quote(raw) {
        let message = text!("yaml-unclosed-quote", what = what);
        return Explained::new(message, text!("yaml-unclosed-quote.hint")).at(Some(opened));
    }
    Explained::new(
        text!("yaml-invalid", what = what, reason = message),
        text!("yaml-invalid.hint"),
    )
}

/// Where a tab indents the line serde_yaml stopped at (or the one before it, when it
/// stopped at the start of the next line): YAML indents with spaces only. Tabs
/// elsewhere (after a `:`, inside text) are valid and not reported.
fn tab_indent(text: &str, at: Option<(usize, usize)>) -> Option<(usize, usize)> {
    let (line, _) = at?;
    let lines: Vec<&str> = text.lines().collect();
    [line, line.saturating_sub(1)]
        .into_iter()
        .filter(|&n| n >= 1)
        .find_map(|n| {
            let l = lines.get(n - 1)?;
            let indent = &l[..l.len() - l.trim_start_matches([' ', '\t']).len()];
            indent.find('\t').map(|i| (n, i + 1))
        })
}

/// The position of the opening quote in "…, while scanning a quoted scalar at line L column C".
fn unclosed_quote(raw: &str) -> Option<(usize, usize)> {
    scanning_at(raw, "a quoted scalar")
}

/// The position in "…, while scanning {what} at line L column C".
fn scanning_at(raw: &str, what: &str) -> Option<(usize, usize)> {
    let rest = raw
        .split_once(&format!("while scanning {what} at line "))?
        .1;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// Splits "key: unknown variant `v`, expected one of `a`, `b`".
fn unknown_variant(message: &str) -> Option<(String, String, Vec<String>)> {
    let (key, rest) = message.split_once(": unknown variant `")?;
    let (value, rest) = rest.split_once('`')?;
    let allowed = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    Some((key.to_string(), value.to_string(), allowed))
}

/// Words an editor knows for serde's name of the expected type, and how to fix the
/// value. A name lernort does not know is serde's, shown as it is.
fn plain_type(expected: &str) -> (Text, Text) {
    match expected {
        "i64" | "u64" | "i32" | "u32" | "usize" => {
            (text!("yaml-type-number"), text!("yaml-type-number.hint"))
        }
        "a boolean" => (text!("yaml-type-boolean"), text!("yaml-type-boolean.hint")),
        "a string" => (text!("yaml-type-text"), text!("yaml-type-text.hint")),
        "a sequence" => (text!("yaml-type-list"), text!("yaml-type-list.hint")),
        expecting::TERMS => (text!("yaml-type-terms"), text!("yaml-type-other-hint")),
        expecting::TAXONOMY => (
            text!("yaml-type-taxonomy"),
            text!("yaml-type-taxonomy.hint"),
        ),
        other => (Text::verbatim(other), text!("yaml-type-other-hint")),
    }
}

/// Words an editor knows for serde's description of the value found ("string \"x\"",
/// "integer `3`", "sequence", "unit value"); one lernort does not know is serde's.
fn plain_found(found: &str) -> Text {
    if found.starts_with("sequence") {
        return text!("yaml-found-list");
    }
    if found.starts_with("map") {
        return text!("yaml-found-map");
    }
    if found == "unit value" {
        return text!("yaml-found-empty");
    }
    if let Some(value) = found.strip_prefix("string ") {
        return text!("yaml-found-text", value = value);
    }
    // serde writes these values in backticks: "integer `3`".
    let in_backticks = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('`')?.strip_suffix('`'))
    };
    if let Some(value) = in_backticks("integer ") {
        return text!("yaml-found-integer", value = value);
    }
    if let Some(value) = in_backticks("floating point ") {
        return text!("yaml-found-decimal", value = value);
    }
    if let Some(value) = in_backticks("boolean ") {
        return text!("yaml-found-boolean", value = value);
    }
    Text::verbatim(found)
}

/// Splits serde's "key: invalid type: found, expected wanted" message.
fn wrong_type(message: &str) -> Option<(String, String, String)> {
    let (key, rest) = message.split_once(": invalid type: ")?;
    let (found, expected) = rest.split_once(", expected ")?;
    if key.contains(' ') {
        return None;
    }
    Some((key.to_string(), found.to_string(), expected.to_string()))
}

/// Extracts the key and the expected keys from serde's "unknown field" message.
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let key = between_backticks(message, "unknown field `")?;
    let expected = message
        .split_once("expected ")
        .map(|(_, rest)| {
            rest.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Some((key, expected))
}

fn between_backticks(message: &str, prefix: &str) -> Option<String> {
    let start = message.find(prefix)? + prefix.len();
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_values_are_named_in_plain_words() {
        let words = |found: &str| plain_found(found).to_string();
        assert_eq!(words("string \"eins\""), "the text \"eins\"");
        assert_eq!(words("integer `3`"), "integer `3`");
        assert_eq!(words("floating point `1.5`"), "floating point `1.5`");
        assert_eq!(words("boolean `true`"), "boolean `true`");
        assert_eq!(words("sequence"), "a list");
        assert_eq!(words("map"), "a group of keys");
        assert_eq!(words("unit value"), "an empty value");
        assert_eq!(words("byte array"), "byte array");
    }

    #[test]
    fn lernorts_own_expectations_have_catalogue_words() {
        assert_eq!(text!("yaml-type-terms").to_string(), expecting::TERMS);
        assert_eq!(text!("yaml-type-taxonomy").to_string(), expecting::TAXONOMY);
    }
}
