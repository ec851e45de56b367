//! The only module that touches `serde_yaml`.
//!
//! serde_yaml is deprecated upstream; keeping every call here means a maintained fork
//! replaces it by editing this one file. Errors come out as [`YamlError`] with lines
//! counted from the top of the *file* (not of the front matter block) and a
//! "did you mean" hint for unknown keys; [`explain`] says serde_yaml's English errors
//! anew from the message catalogue.
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
//! Before all this, a flat text of one-line `key: value` entries (nearly every page's
//! front matter) is read without libyaml ([`flat`]), exactly as serde_yaml would read it;
//! whatever it does not take, or its target type refuses, goes the way above.
//!
//! Building `serde_yaml::Value`s from saphyr's events instead (one parse, by saphyr)
//! would have meant re-creating serde_yaml's resolution of plain scalars (`yes`, dates,
//! numbers) and its error positions and words, which the snapshots in tests/ fix; and
//! saphyr's events alone cost about as much as serde_yaml's whole parse.

mod explain;
mod flat;
mod inline;
mod keys;
mod locate;
mod prescan;
mod shape;

use serde::de::DeserializeOwned;

use crate::lines::BreakKind;
use crate::messages::Text;
use crate::text;

/// How deeply lists and groups may nest in one text; serde_yaml itself stops at 128.
pub const MAX_DEPTH: usize = 64;

/// A free-form YAML value, used for `extra` maps.
pub type Value = serde_yaml::Value;
/// A YAML mapping, keys in the order written.
pub type Mapping = serde_yaml::Mapping;
pub use explain::expecting;
pub use inline::inline;
pub use keys::for_templates;
pub use locate::{Step, locate, scalar};

/// A YAML problem, located in the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    /// The problem in plain words.
    pub message: Text,
    /// A suggested fix.
    pub hint: Option<Text>,
}

/// Parses `text` into `T`; `first_line` is the file line on which `text` starts (1-based).
///
/// `what` names the text in messages, in the reader's language: `yaml-what-front-matter`,
/// `yaml-what-section-front-matter` or `yaml-what-site-yaml`.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    first_line: usize,
    what: &Text,
) -> Result<T, YamlError> {
    read(
        text,
        first_line,
        what,
        |d| T::deserialize(d),
        |t| serde_yaml::from_str(t),
    )
}

/// Like [`parse`], for types that need outside knowledge to deserialize (a seed).
pub fn parse_seed<T, S>(seed: S, text: &str, first_line: usize, what: &Text) -> Result<T, YamlError>
where
    S: for<'de> serde::de::DeserializeSeed<'de, Value = T> + Clone,
{
    let again = seed.clone();
    read(
        text,
        first_line,
        what,
        |d| seed.deserialize(d),
        |text| again.deserialize(serde_yaml::Deserializer::from_str(text)),
    )
}

/// Checks the structure of `text`, then deserializes it: with `flat` when it is a flat
/// list of keys ([`flat`]), else with `de`.
fn read<T>(
    text: &str,
    first_line: usize,
    what: &Text,
    flat: impl FnOnce(flat::Doc<'_>) -> Result<T, flat::Decline>,
    de: impl FnOnce(&str) -> Result<T, serde_yaml::Error>,
) -> Result<T, YamlError> {
    // An empty document is an empty mapping, so that `---\n---` means "no keys".
    let text = if text.trim().is_empty() { "{}" } else { text };
    // The parsers below count a lone `\r`, NEL, LS and PS as line breaks (files are
    // checked for a lone `\r` when read, in `content::read_text`).
    if let Some(b) = crate::lines::yaml_break(text) {
        let what = what.clone();
        let (message, hint) = match b.kind {
            BreakKind::LoneCarriageReturn => (
                text!("yaml-lone-carriage-return", what = what),
                text!("yaml-lone-carriage-return.hint"),
            ),
            BreakKind::Separator => (
                text!("yaml-unicode-line-break", what = what),
                text!("yaml-unicode-line-break.hint"),
            ),
        };
        return Err(YamlError {
            line: Some(b.line + first_line - 1),
            column: Some(b.column),
            message,
            hint: Some(hint),
        });
    }
    if let Some(value) = flat::read(text, flat) {
        return Ok(value);
    }
    if prescan::needs_events(text, MAX_DEPTH) {
        let shape = shape::scan(text, MAX_DEPTH).map_err(|p| problem(&p, first_line, what))?;
        return de(text).map_err(|e| explain::describe(&e, text, first_line, &shape, what));
    }
    de(text).map_err(|e| match shape::scan(text, MAX_DEPTH) {
        Ok(shape) => explain::describe(&e, text, first_line, &shape, what),
        Err(p) => problem(&p, first_line, what),
    })
}

/// The error for what the event pass stopped at.
fn problem(problem: &shape::Problem, first_line: usize, what: &Text) -> YamlError {
    match problem {
        shape::Problem::Duplicate(dup) => duplicate(dup, first_line, what),
        shape::Problem::TooDeep((line, column)) => YamlError {
            line: Some(line + first_line - 1),
            column: Some(*column),
            message: text!(
                "yaml-nested-deeper-than",
                what = what.clone(),
                depth = MAX_DEPTH
            ),
            hint: Some(text!("yaml-nested-too-deeply.hint")),
        },
    }
}

/// The error for a key given twice: at the second one, naming the first one's line.
fn duplicate(dup: &shape::Duplicate, first_line: usize, what: &Text) -> YamlError {
    let what = what.clone();
    let key = dup.key.as_str();
    let message = if dup.within.is_empty() {
        text!("yaml-duplicate-key", key = key, what = what)
    } else {
        let within = dup.within.as_str();
        text!(
            "yaml-duplicate-key-within",
            key = key,
            within = within,
            what = what
        )
    };
    YamlError {
        line: Some(dup.at.0 + first_line - 1),
        column: Some(dup.at.1),
        message,
        hint: Some(text!(
            "yaml-duplicate-key.hint",
            line = dup.first_line + first_line - 1
        )),
    }
}

/// An empty mapping, the default for `extra`.
pub fn empty_map() -> Value {
    Value::Mapping(serde_yaml::Mapping::new())
}

/// The error for a top-level `key` whose text is empty or only spaces (`title:`,
/// `title: ""`), at its line in the file.
pub fn empty_text(text: &str, first_line: usize, key: &str, what: &Text, hint: Text) -> YamlError {
    YamlError {
        line: Some(line_of_key(text, key).unwrap_or(1) + first_line - 1),
        column: Some(1),
        message: text!("yaml-empty-value", key = key, what = what.clone()),
        hint: Some(hint),
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

    fn fm() -> Text {
        text!("yaml-what-front-matter")
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        weight: Option<i64>,
    }

    #[test]
    fn unknown_key_names_key_line_and_suggestion() {
        let err = parse::<Doc>("title: A\ntitel: B\n", 2, &fm()).unwrap_err();
        assert_eq!(
            err.message.to_string(),
            "unknown key `titel` in the front matter"
        );
        assert_eq!(err.line, Some(3));
        assert!(
            err.hint
                .unwrap()
                .to_string()
                .starts_with("did you mean `title`?")
        );
    }

    #[test]
    fn missing_key_is_named() {
        let err = parse::<Doc>("weight: 1\n", 2, &fm()).unwrap_err();
        assert_eq!(
            err.message.to_string(),
            "missing required key `title` in the front matter"
        );
    }

    #[test]
    fn syntax_error_line_is_counted_from_file_top() {
        let err = parse::<Doc>("title: \"A\nweight: 1\n", 5, &fm()).unwrap_err();
        assert_eq!(
            err.message.to_string(),
            "the quote opened here is never closed in the front matter"
        );
        assert_eq!((err.line, err.column), (Some(5), Some(8)));
        let err = parse::<Doc>("title: A\n  weight: 1\n", 2, &fm()).unwrap_err();
        assert!(
            err.message.to_string().starts_with("invalid YAML"),
            "{}",
            err.message
        );
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn wrong_types_are_explained_in_plain_words() {
        let err = parse::<Doc>("title: A\nweight: eins\n", 2, &fm()).unwrap_err();
        assert_eq!(
            err.message.to_string(),
            "`weight` must be a whole number such as `3`, not the text \"eins\", in the front matter"
        );
    }

    #[test]
    fn a_key_twice_is_reported_at_the_second_with_the_first_line() {
        let err = parse::<Doc>("title: A\nweight: 1\ntitle: B\n", 2, &fm()).unwrap_err();
        assert_eq!(
            err.message.to_string(),
            "the key `title` appears twice in the front matter"
        );
        assert_eq!((err.line, err.column), (Some(4), Some(1)));
        assert!(
            err.hint
                .unwrap()
                .to_string()
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
            let err = parse::<Value>(text, 2, &fm()).unwrap_err();
            assert!(
                err.message.to_string().contains("tab"),
                "{text:?}: {}",
                err.message
            );
            assert_eq!(err.line, Some(line), "{text:?}");
        }
        // A tab after `:` or inside a block of text is allowed.
        assert!(parse::<Value>("title:\tA\nt: |\n  a\tb\n", 2, &fm()).is_ok());
    }

    #[test]
    fn an_alias_bomb_points_at_the_first_alias() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in ('b'..='j').zip('a'..='i') {
            let items = vec![format!("*{prev}"); 9].join(", ");
            text.push_str(&format!("{name}: &{name} [{items}]\n"));
        }
        let err = parse::<Value>(&text, 2, &fm()).unwrap_err();
        assert_eq!(
            err.message.to_string(),
            "the aliases in the front matter expand to too much data"
        );
        assert_eq!((err.line, err.column), (Some(3), Some(8)));
    }

    #[test]
    fn an_alias_without_anchor_is_named() {
        let err = parse::<Value>("title: *Neu* im Team\n", 2, &fm()).unwrap_err();
        assert!(
            err.message.to_string().contains("reads as an alias"),
            "{}",
            err.message
        );
        assert_eq!((err.line, err.column), (Some(2), Some(8)));
        let err = parse::<Value>("a: 1\nb: *x\n", 2, &fm()).unwrap_err();
        assert!(
            err.message.to_string().contains("reads as an alias"),
            "{}",
            err.message
        );
        assert_eq!((err.line, err.column), (Some(3), Some(4)));
    }

    #[test]
    fn a_second_document_is_named_at_its_line() {
        let err =
            parse::<Value>("a: 1\n---\nb: 2\n", 1, &text!("yaml-what-site-yaml")).unwrap_err();
        assert_eq!(
            err.message.to_string(),
            "site.yaml holds more than one YAML document"
        );
        assert_eq!(err.line, Some(2));
        let err =
            parse::<Value>("---\na: 1\n---\nb: 2\n", 1, &text!("yaml-what-site-yaml")).unwrap_err();
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn a_text_that_is_not_keys_is_named_without_serdes_type_names() {
        let err = parse::<Doc>("- a\n", 2, &fm()).unwrap_err();
        assert_eq!(
            err.message.to_string(),
            "the front matter must hold keys with values such as `title: …`, not a list"
        );
    }

    #[test]
    fn the_german_words_nest_the_name_of_the_text() {
        use crate::messages::Lang;
        let err = parse::<Doc>("titel: A\n", 2, &fm()).unwrap_err();
        assert_eq!(
            err.message.render(Lang::De),
            "Unbekannter Schlüssel `titel` im Kopfbereich"
        );
        // The hint of a lone `\r` in YAML is the one for files, by reference.
        let err = parse::<Value>("a: 1\rb: 2\n", 2, &fm()).unwrap_err();
        let hint = err.hint.expect("has a hint");
        let file_hint = text!("content-lone-carriage-return.hint");
        for lang in [Lang::De, Lang::En] {
            assert_eq!(hint.render(lang), file_hint.render(lang));
        }
        assert!(err.message.render(Lang::De).contains("im Kopfbereich"));
    }

    #[test]
    fn no_suggestion_for_far_keys() {
        let keys = vec!["title".to_string()];
        assert_eq!(closest("zzzzzzzz", &keys), None);
        assert_eq!(closest("titl", &keys), Some("title"));
    }
}
