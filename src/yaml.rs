//! The only module that touches `serde_yaml`.
//!
//! serde_yaml is deprecated upstream; keeping every call here means a maintained fork
//! replaces it by editing this one file. Errors come out as [`YamlError`] with lines
//! counted from the top of the *file* (not of the front matter block) and a
//! "did you mean" hint for unknown keys.
//!
//! An event pass with saphyr-parser ([`shape`]) finds what serde_yaml accepts silently
//! or reports without a position: a key given twice, where aliases are, and nesting
//! deeper than [`MAX_DEPTH`] (which unsafe_libyaml handles in quadratic time: 40,000
//! `[` took 15 s). Running it over every text doubled the cost of YAML, so each text is
//! parsed once by serde_yaml, and the event pass runs only
//! - before serde_yaml, when a quick look over the lines ([`prescan`]) cannot rule out a
//!   repeated key or deep nesting (rare: a `{`, `&`, `*` or `!`, a key repeated at one
//!   column, many `[`), and
//! - after serde_yaml failed, so that a repeated key is still named first and an alias
//!   bomb is placed at its first alias; errors are not the hot path.
//!
//! Building `serde_yaml::Value`s from saphyr's events instead (one parse, by saphyr)
//! would have meant re-creating serde_yaml's resolution of plain scalars (`yes`, dates,
//! numbers) and its error positions and words, which the snapshots in tests/ fix; and
//! saphyr's events alone cost about as much as serde_yaml's whole parse.

mod keys;
mod prescan;
mod shape;

use serde::de::DeserializeOwned;

/// How deeply lists and groups may nest in one text; serde_yaml itself stops at 128.
pub const MAX_DEPTH: usize = 64;

/// A free-form YAML value, used for `extra` maps.
pub type Value = serde_yaml::Value;
pub use keys::for_templates;

/// A YAML problem, located in the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    /// The problem in plain words.
    pub message: String,
    /// A suggested fix.
    pub hint: Option<String>,
}

/// Parses `text` into `T`; `first_line` is the file line on which `text` starts (1-based).
///
/// `allowed` lists the keys of `T`, for "did you mean" hints; `what` names the
/// document in messages ("front matter", "site.yaml").
pub fn parse<T: DeserializeOwned>(
    text: &str,
    first_line: usize,
    what: &str,
) -> Result<T, YamlError> {
    read(text, first_line, what, |t| serde_yaml::from_str(t))
}

/// Like [`parse`], for types that need outside knowledge to deserialize (a seed).
pub fn parse_seed<T, S>(seed: S, text: &str, first_line: usize, what: &str) -> Result<T, YamlError>
where
    S: for<'de> serde::de::DeserializeSeed<'de, Value = T>,
{
    read(text, first_line, what, |text| {
        seed.deserialize(serde_yaml::Deserializer::from_str(text))
    })
}

/// Checks the structure of `text`, then deserializes it with `de`.
fn read<T>(
    text: &str,
    first_line: usize,
    what: &str,
    de: impl FnOnce(&str) -> Result<T, serde_yaml::Error>,
) -> Result<T, YamlError> {
    // An empty document is an empty mapping, so that `---\n---` means "no keys".
    let text = if text.trim().is_empty() { "{}" } else { text };
    // The parsers below count a lone `\r`, NEL, LS and PS as line breaks (files are
    // checked for a lone `\r` when read, in `content::read_text`).
    if let Some(b) = crate::lines::yaml_break(text) {
        return Err(YamlError {
            line: Some(b.line + first_line - 1),
            column: Some(b.column),
            message: format!("{what} has {}", b.what),
            hint: Some(b.hint.into()),
        });
    }
    if prescan::needs_events(text, MAX_DEPTH) {
        let shape = shape::scan(text, MAX_DEPTH).map_err(|p| problem(&p, first_line, what))?;
        return de(text).map_err(|e| describe(&e, text, first_line, &shape, what));
    }
    de(text).map_err(|e| match shape::scan(text, MAX_DEPTH) {
        Ok(shape) => describe(&e, text, first_line, &shape, what),
        Err(p) => problem(&p, first_line, what),
    })
}

/// The error for what the event pass stopped at.
fn problem(problem: &shape::Problem, first_line: usize, what: &str) -> YamlError {
    match problem {
        shape::Problem::Duplicate(dup) => duplicate(dup, first_line, what),
        shape::Problem::TooDeep((line, column)) => YamlError {
            line: Some(line + first_line - 1),
            column: Some(*column),
            message: format!("the values in {what} are nested more than {MAX_DEPTH} levels deep"),
            hint: Some(DEEP_HINT.into()),
        },
    }
}

/// How to fix values nested too deeply.
const DEEP_HINT: &str = "use at most a few levels of lists and groups; if anchors and aliases (`&name`, `*name`) build the nesting, write the values out instead";

/// The error for a key given twice: at the second one, naming the first one's line.
fn duplicate(dup: &shape::Duplicate, first_line: usize, what: &str) -> YamlError {
    let place = if dup.within.is_empty() {
        String::new()
    } else {
        format!(" of `{}`", dup.within)
    };
    YamlError {
        line: Some(dup.at.0 + first_line - 1),
        column: Some(dup.at.1),
        message: format!("the key `{}`{place} appears twice in {what}", dup.key),
        hint: Some(format!(
            "it is first given on line {}; keep one of the two (YAML allows each key once per group)",
            dup.first_line + first_line - 1
        )),
    }
}

/// An empty mapping, the default for `extra`.
pub fn empty_map() -> Value {
    Value::Mapping(serde_yaml::Mapping::new())
}

fn describe(
    e: &serde_yaml::Error,
    text: &str,
    first_line: usize,
    shape: &shape::Shape,
    what: &str,
) -> YamlError {
    let raw = e.to_string();
    // serde_yaml appends " at line L column C" to its messages; we print the
    // position ourselves, relative to the file.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let mut at = e.location().map(|loc| (loc.line(), loc.column()));
    let (message, hint) = if let Some((key, expected)) = unknown_field(&message) {
        at = line_of_key(text, &key).map(|n| (n, 1)).or(at);
        let hint = match closest(&key, &expected) {
            Some(best) => format!("did you mean `{best}`? Valid keys: {}", expected.join(", ")),
            None => format!("valid keys: {}", expected.join(", ")),
        };
        (format!("unknown key `{key}` in {what}"), Some(hint))
    } else if let Some(key) = between_backticks(&message, "missing field `") {
        (
            format!("missing required key `{key}` in {what}"),
            Some(format!("add a line such as `{key}: …`")),
        )
    } else if let Some((key, found, expected)) = wrong_type(&message) {
        let (expected, hint) = plain_type(&expected);
        (
            format!(
                "`{key}` must be {expected}, not {}, in {what}",
                plain_found(&found)
            ),
            Some(hint),
        )
    } else if let Some((key, value, allowed)) = unknown_variant(&message) {
        (
            format!("`{key}: {value}` is not a valid value in {what}"),
            Some(format!("use one of: {}", allowed.join(", "))),
        )
    } else if let Some(tab) = tab_indent(text, at) {
        at = Some(tab);
        (
            format!(
                "a tab indents this line in {what}, but YAML does not allow tabs for indentation"
            ),
            Some("indent with spaces instead".into()),
        )
    } else if message.contains("unknown anchor") || raw.contains("while scanning an alias") {
        at = scanning_at(&raw, "an alias").or(at);
        (
            format!(
                "a value in {what} starts with `*`, which YAML reads as an alias of an anchor (`&name`) that is not there"
            ),
            Some(
                "to write a `*` as text, put the value in quotes, e.g. `title: \"*Neu* im Team\"`"
                    .into(),
            ),
        )
    } else if message.contains("more than one document") {
        // A `---` on the first line only starts the one document.
        at = text
            .lines()
            .enumerate()
            .skip(1)
            .find(|(_, l)| l.trim_end() == "---" || l.trim_end() == "...")
            .map(|(i, _)| (i + 1, 1));
        (
            format!("{what} holds more than one YAML document"),
            Some("remove the line `---` or `...`: lernort reads one document".into()),
        )
    } else if message.contains("repetition limit exceeded") {
        at = shape.first_alias.or(at);
        (
            format!("the aliases in {what} expand to too much data"),
            Some("an alias (`*name`) repeats what its anchor (`&name`) marks, and nested aliases multiply; write the values out instead".into()),
        )
    } else if message.contains("recursion limit exceeded") {
        (
            format!("the values in {what} are nested too deeply"),
            Some(DEEP_HINT.into()),
        )
    } else if let Some(opened) = unclosed_quote(&raw) {
        at = Some(opened);
        (
            format!("the quote opened here is never closed in {what}"),
            Some("end the value with the same quote character on the same line".into()),
        )
    } else {
        (
            format!("invalid YAML in {what}: {message}"),
            Some("check the indentation (keys start at the beginning of the line), and put values containing `: ` in quotes".into()),
        )
    };
    // Keep the position inside the text: serde_yaml may point one line past the end.
    let lines = text.lines().count().max(1);
    let at = at.map(|(l, c)| if l > lines { (lines, 1) } else { (l, c) });
    YamlError {
        line: at.map(|(l, _)| l + first_line - 1),
        column: at.map(|(_, c)| c),
        message,
        hint,
    }
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

/// Words an editor knows for serde's type names, and how to fix the value.
fn plain_type(expected: &str) -> (String, String) {
    match expected {
        "i64" | "u64" | "i32" | "u32" | "usize" => (
            "a whole number such as `3`".into(),
            "write digits only, e.g. `weight: 3`; lower numbers come first".into(),
        ),
        "a boolean" => ("`true` or `false`".into(), "write `true` or `false` without quotes".into()),
        "a string" => (
            "text".into(),
            "put text in quotes if it contains `: ` or starts with `[`, `{` or `-`, e.g. `title: \"Rückblick: Lernen vor Ort\"`".into(),
        ),
        "a sequence" => ("a list".into(), "write a list as `[eins, zwei]` or as lines starting with `- `".into()),
        other => (other.to_string(), "check the value's format".into()),
    }
}

fn plain_found(found: &str) -> String {
    if found.starts_with("sequence") {
        "a list".into()
    } else if found.starts_with("map") {
        "a group of keys".into()
    } else {
        found.replace("string ", "the text ")
    }
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

/// The error for a top-level `key` whose text is empty or only spaces (`title:`,
/// `title: ""`), at its line in the file.
pub fn empty_text(text: &str, first_line: usize, key: &str, what: &str, hint: &str) -> YamlError {
    YamlError {
        line: Some(line_of_key(text, key).unwrap_or(1) + first_line - 1),
        column: Some(1),
        message: format!("`{key}` is empty in {what}"),
        hint: Some(hint.to_string()),
    }
}

/// Whether a text is empty or only white space.
pub fn is_blank(value: &str) -> bool {
    value.trim().is_empty()
}

/// The 1-based line of a top-level `key:` in `text`.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// The valid key nearest to `key`, if it is near enough to be a plausible typo.
pub fn closest<'a>(key: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(key, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        weight: Option<i64>,
    }

    #[test]
    fn unknown_key_names_key_line_and_suggestion() {
        let err = parse::<Doc>("title: A\ntitel: B\n", 2, "front matter").unwrap_err();
        assert_eq!(err.message, "unknown key `titel` in front matter");
        assert_eq!(err.line, Some(3));
        assert!(err.hint.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn missing_key_is_named() {
        let err = parse::<Doc>("weight: 1\n", 2, "front matter").unwrap_err();
        assert_eq!(err.message, "missing required key `title` in front matter");
    }

    #[test]
    fn syntax_error_line_is_counted_from_file_top() {
        let err = parse::<Doc>("title: \"A\nweight: 1\n", 5, "front matter").unwrap_err();
        assert_eq!(
            err.message,
            "the quote opened here is never closed in front matter"
        );
        assert_eq!((err.line, err.column), (Some(5), Some(8)));
        let err = parse::<Doc>("title: A\n  weight: 1\n", 2, "front matter").unwrap_err();
        assert!(err.message.starts_with("invalid YAML"), "{}", err.message);
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn wrong_types_are_explained_in_plain_words() {
        let err = parse::<Doc>("title: A\nweight: eins\n", 2, "front matter").unwrap_err();
        assert_eq!(
            err.message,
            "`weight` must be a whole number such as `3`, not the text \"eins\", in front matter"
        );
    }

    #[test]
    fn a_key_twice_is_reported_at_the_second_with_the_first_line() {
        let err = parse::<Doc>("title: A\nweight: 1\ntitle: B\n", 2, "front matter").unwrap_err();
        assert_eq!(err.message, "the key `title` appears twice in front matter");
        assert_eq!((err.line, err.column), (Some(4), Some(1)));
        assert!(
            err.hint
                .unwrap()
                .starts_with("it is first given on line 2;")
        );
    }

    #[test]
    fn tabs_in_indentation_are_named_at_their_line() {
        for (text, line) in [
            ("title: A\n\tweight: 1\n", 3),
            ("title: A\nextra:\n\ta: 1\n", 4),
            ("title: A\nextra:\n  a: 1\n  \tb: 2\n", 5),
            ("title: A\nextra:\n  l:\n\t- 1\n", 5),
        ] {
            let err = parse::<Value>(text, 2, "front matter").unwrap_err();
            assert!(err.message.contains("tab"), "{text:?}: {}", err.message);
            assert_eq!(err.line, Some(line), "{text:?}");
        }
        // A tab after `:` or inside a block of text is allowed.
        assert!(parse::<Value>("title:\tA\nt: |\n  a\tb\n", 2, "front matter").is_ok());
    }

    #[test]
    fn an_alias_bomb_points_at_the_first_alias() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in ('b'..='j').zip('a'..='i') {
            let items = vec![format!("*{prev}"); 9].join(", ");
            text.push_str(&format!("{name}: &{name} [{items}]\n"));
        }
        let err = parse::<Value>(&text, 2, "front matter").unwrap_err();
        assert_eq!(
            err.message,
            "the aliases in front matter expand to too much data"
        );
        assert_eq!((err.line, err.column), (Some(3), Some(8)));
    }

    #[test]
    fn an_alias_without_anchor_is_named() {
        let err = parse::<Value>("title: *Neu* im Team\n", 2, "front matter").unwrap_err();
        assert!(err.message.contains("reads as an alias"), "{}", err.message);
        assert_eq!((err.line, err.column), (Some(2), Some(8)));
        let err = parse::<Value>("a: 1\nb: *x\n", 2, "front matter").unwrap_err();
        assert!(err.message.contains("reads as an alias"), "{}", err.message);
        assert_eq!((err.line, err.column), (Some(3), Some(4)));
    }

    #[test]
    fn a_second_document_is_named_at_its_line() {
        let err = parse::<Value>("a: 1\n---\nb: 2\n", 1, "site.yaml").unwrap_err();
        assert_eq!(err.message, "site.yaml holds more than one YAML document");
        assert_eq!(err.line, Some(2));
        let err = parse::<Value>("---\na: 1\n---\nb: 2\n", 1, "site.yaml").unwrap_err();
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn no_suggestion_for_far_keys() {
        let keys = vec!["title".to_string()];
        assert_eq!(closest("zzzzzzzz", &keys), None);
        assert_eq!(closest("titl", &keys), Some("title"));
    }
}
