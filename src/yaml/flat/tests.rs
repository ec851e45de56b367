//! The flat reader against serde_yaml: whatever it reads must be what serde_yaml reads,
//! and what serde_yaml refuses it must decline.

use proptest::prelude::*;
use serde::Deserialize;

use super::{Doc, printable, printable_text, read};
use crate::yaml::Value;

/// A front matter with the kinds of fields lernort's types have.
#[derive(Debug, Deserialize, PartialEq)]
struct Typed {
    title: Option<String>,
    weight: Option<i64>,
    draft: Option<bool>,
    count: Option<u32>,
    tags: Option<Vec<String>>,
    date: Option<String>,
}

fn flat<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    read(text, |d: Doc<'_>| T::deserialize(d))
}

/// Checks the rule for one text, read as free values and as [`Typed`], and says whether
/// the flat reader took it either way.
fn agrees(text: &str) -> Result<bool, TestCaseError> {
    let by_flat: Option<Value> = flat(text);
    let by_yaml: Result<Value, _> = serde_yaml::from_str(text);
    if let Some(value) = &by_flat {
        prop_assert!(
            by_yaml.is_ok(),
            "{text:?}: flat read {value:?}, serde_yaml {by_yaml:?}"
        );
        prop_assert_eq!(Some(value), by_yaml.as_ref().ok(), "{:?}", text);
    }
    let typed_flat: Option<Typed> = flat(text);
    if let Some(typed) = &typed_flat {
        let typed_yaml: Result<Typed, _> = serde_yaml::from_str(text);
        prop_assert!(typed_yaml.is_ok(), "{text:?}: {typed:?}, {typed_yaml:?}");
        prop_assert_eq!(Some(typed), typed_yaml.as_ref().ok(), "{:?}", text);
    }
    Ok(by_flat.is_some() || typed_flat.is_some())
}

#[test]
fn a_usual_front_matter_is_read_flat_as_serde_yaml_reads_it() {
    let text = "title: \"Zeugnis oder Änderung\"\ndescription: Studium verbessert Schülerinnen.\n\
                date: 2018-09-27\nweight: -3\ndraft: false\ntags: [\"Quartier\", 'Förderung', MINT]\n";
    assert!(agrees(text).expect("agrees"), "{text:?}");
    let typed: Typed = flat(text).expect("flat");
    assert_eq!(typed.weight, Some(-3));
    assert_eq!(typed.draft, Some(false));
    assert_eq!(
        typed.tags.as_deref(),
        Some(&["Quartier".to_string(), "Förderung".into(), "MINT".into()][..])
    );
    // Windows line ends, comment lines, blank lines and `''` in single quotes.
    let text = "# Kopf\r\ntitle: 'It''s'\r\n\r\nweight: 0\r\n";
    assert!(agrees(text).expect("agrees"), "{text:?}");
    assert_eq!(
        flat::<Typed>(text).and_then(|t| t.title).as_deref(),
        Some("It's")
    );
}

#[test]
fn every_front_matter_of_the_bundled_site_and_the_fixtures_is_read_alike_most_flat() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut texts, mut flat_ones) = (0, 0);
    let files = walkdir::WalkDir::new(root.join("content")).into_iter();
    for entry in files.chain(walkdir::WalkDir::new(root.join("tests"))) {
        let entry = entry.expect("walk");
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let text = text.replace("\r\n", "\n");
        let Some(front) = text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---"))
        else {
            continue;
        };
        texts += 1;
        let text = format!("{}\n", front.0);
        if agrees(&text).unwrap_or_else(|e| panic!("{}: {e}", entry.path().display())) {
            flat_ones += 1;
        }
    }
    assert!(texts > 100, "{texts} front matters");
    assert!(2 * flat_ones > texts, "{flat_ones} of {texts} read flat");
    eprintln!("{flat_ones} of {texts} front matters read flat");
}

#[test]
fn what_is_not_flat_or_not_plain_is_declined() {
    for text in [
        "",
        "# nur ein Kommentar\n",
        "title: A\nextra:\n  a: 1\n",
        "title: A # Kommentar\n",
        "title: \"A\\nB\"\n",
        "title: A\ntitle: B\n",
        "weight: 0x1F\n",
        "weight: 01\n",
        "weight: +1\n",
        "weight: -0\n",
        "weight: 1.5\n",
        "title: a: b\n",
        "title: \"A\" B\n",
        "tags: [a, ]\n",
        "tags: [a, [b]]\n",
        "tags: {a: 1}\n",
        "title:\tA\n",
        "title: &a A\n",
        "  title: A\n",
        "title:\n",
        "---\n",
        "null: A\n",
        "\u{feff}title: A\n",
    ] {
        let value: Option<Value> = flat(text);
        assert_eq!(value, None, "{text:?}");
    }
    // A key repeated among many (the sorted check) or among few (the pairwise one),
    // read into a map that would take the last value without a word.
    type Last = std::collections::BTreeMap<String, Value>;
    let many: String = (0..40).map(|n| format!("k{n}: {n}\n")).collect();
    assert!(flat::<Last>(&many).is_some());
    assert_eq!(flat::<Last>(&format!("{many}k7: 7\n")), None);
    assert_eq!(flat::<Last>("a: 1\nb: 2\na: 3\n"), None);
    // A value the type does not take declines too: the message comes from serde_yaml.
    assert_eq!(flat::<Typed>("weight: eins\n"), None);
    assert_eq!(flat::<Typed>("draft: \"true\"\n"), None);
    assert_eq!(flat::<Typed>("count: -1\n"), None);
}

#[test]
fn the_look_at_bytes_agrees_with_the_rule_for_characters() {
    for c in (0..0x11_0000).filter_map(char::from_u32) {
        let text = format!("a{c}b");
        assert_eq!(printable_text(&text), printable(c), "{c:?}");
    }
}

/// A type that reads only the first item of a list or the first entry of a mapping,
/// which serde_yaml refuses ("invalid length").
#[derive(Debug)]
struct First;

impl<'de> Deserialize<'de> for First {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = First;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list or a mapping")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<First, A::Error> {
                a.next_element::<String>()?;
                Ok(First)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<First, A::Error> {
                a.next_entry::<String, Value>()?;
                Ok(First)
            }
        }
        d.deserialize_any(Visit)
    }
}

#[test]
fn a_visitor_that_stops_early_is_declined_as_serde_yaml_refuses_it() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Tags {
        tags: First,
    }
    for text in ["tags: [a, b]\n", "a: 1\nb: 2\n"] {
        if text.starts_with("tags") {
            assert!(serde_yaml::from_str::<Tags>(text).is_err(), "{text:?}");
            assert!(flat::<Tags>(text).is_none(), "{text:?}");
        } else {
            assert!(serde_yaml::from_str::<First>(text).is_err(), "{text:?}");
            assert!(flat::<First>(text).is_none(), "{text:?}");
        }
    }
    // Reading to the end is taken.
    assert!(flat::<Tags>("tags: [a]\n").is_some());
    assert!(serde_yaml::from_str::<Tags>("tags: [a]\n").is_ok());
}

/// Values that sit on the borders of what YAML reads as numbers, flags, null, text,
/// quoting and lists.
const VALUES: &[&str] = &[
    "1",
    "0",
    "01",
    "-1",
    "-0",
    "+1",
    "0x1F",
    "0o7",
    "1.5",
    "1e3",
    ".inf",
    "-.inf",
    ".nan",
    "null",
    "Null",
    "NULL",
    "~",
    "true",
    "True",
    "TRUE",
    "false",
    "FALSE",
    "yes",
    "no",
    "on",
    "2018-09-27",
    "2018-9-27",
    "1e-5",
    "12-34-5678",
    "3 Tage",
    "1_000",
    "2027-03-01T10:00:00+01:00",
    "10:30",
    "a: b",
    "a #b",
    "C#",
    "a:",
    "\"q\"",
    "\"a\\nb\"",
    "'it''s'",
    "''",
    "\"\"",
    "'a'b'",
    "[a, b]",
    "[\"x\", 'y']",
    "[]",
    "[ ]",
    "[a, ]",
    "[a, [b]]",
    "[1, -2, 03, true, ~]",
    "[a b, c]",
    "[a]b",
    "{a: 1}",
    "&x a",
    "*x",
    "!t a",
    "|",
    ">",
    "%x",
    "@x",
    "`x`",
    "Förderung",
    "Lernen vor Ort",
    "ä ö",
    "-",
    "- a",
    "-5",
    "?x",
    "?",
    "99999999999999999999",
    "18446744073709551615",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "4294967296",
    "a,b",
    "a]b",
    "x'y",
    "a\"b",
    "\"x\" y",
    "'x' y",
    "a\u{85}b",
    "a\u{7f}",
    "\u{a0}a",
    "a\u{2028}b",
    "\u{fffe}",
    "§ 3",
    "x\u{1}",
    "\"a]\"",
    "[\"a]\", b]",
    "[a:b]",
    "[#]",
    "Infinity",
    "nan",
];

/// Keys it takes, and keys it must decline or read as serde_yaml does.
const KEYS: &[&str] = &[
    "title", "weight", "draft", "count", "tags", "date", "extra", "a-b", "_x", "Title",
];
const ODD_KEYS: &[&str] = &[
    "null",
    "true",
    "1",
    "\"title\"",
    "title ",
    " title",
    "größe",
    "-",
    "a b",
    "?",
];

fn line() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        3 => proptest::sample::select(VALUES).prop_map(str::to_string),
        1 => "[a-z0-9 :#'\",\\[\\]{}.+~&*!|>-]{0,10}",
    ];
    let key = prop_oneof![
        8 => proptest::sample::select(KEYS),
        1 => proptest::sample::select(ODD_KEYS),
    ];
    let sep = prop_oneof![
        8 => Just(": "),
        1 => proptest::sample::select(&[":  ", ":", " : ", ":\t"][..]),
    ];
    let entry = (key, sep, value, " {0,2}").prop_map(|(k, s, v, end)| format!("{k}{s}{v}{end}"));
    let other =
        proptest::sample::select(&["", "# c", "  ", "  a: 1", "- a", "---", "...", "\r"][..])
            .prop_map(str::to_string);
    prop_oneof![12 => entry, 1 => other]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8000))]

    #[test]
    fn the_flat_reader_reads_as_serde_yaml_or_declines(
        lines in proptest::collection::vec(line(), 1..5),
        crlf in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let text: String = lines.iter().map(|l| format!("{l}{end}")).collect();
        agrees(&text)?;
    }
}
