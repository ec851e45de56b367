//! Property tests over random front matter, Markdown, `site.yaml` and small site trees.
//!
//! What must hold for every input (see `properties/invariants.rs`, shared with the fuzz
//! targets in `fuzz/`): nothing panics; every error names a file that exists and a line
//! inside it; two builds of the same input are identical; a failed build leaves the
//! previous output untouched. The fast properties call the library; the site trees
//! are built by the real binary, as a user would.
//!
//! Case counts are set per test (the sum stays well under a minute in a debug build on
//! a shared 2-core machine). A failing case is saved in
//! `tests/properties/proptest-regressions.txt` and tried first on the next run; commit
//! that file when it appears, as proptest intends.

#[path = "properties/invariants.rs"]
mod invariants;
#[path = "properties/resolver.rs"]
mod resolver;
#[path = "properties/trees.rs"]
mod trees;
use std::path::Path;

use lernort::config::{Config, Overrides};
use lernort::content::front_matter::{parse_page, parse_section, split};
use lernort::content::slug::slugify;
use lernort::markdown::{Input, render};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use invariants::{diagnostic_in_text, error_in_site, position_inside, slug_well_formed};

/// A runner configuration with `cases` cases and the regressions file above.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/properties/proptest-regressions.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// A front matter value: valid ones for each key's type, and the usual mistakes.
fn yaml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Rückblick".to_string()),
        Just("\"Titel: mit Doppelpunkt\"".to_string()),
        Just("\"nicht geschlossen".to_string()),
        Just("'auch nicht".to_string()),
        Just("2024-05-31".to_string()),
        Just("2024-13-45".to_string()),
        Just("3".to_string()),
        Just("-1".to_string()),
        Just("eins".to_string()),
        Just("true".to_string()),
        Just("[MINT, Schule]".to_string()),
        Just("[offen".to_string()),
        Just("{a: 1}".to_string()),
        Just("".to_string()),
        Just("~".to_string()),
        Just("Text: mit Doppelpunkt".to_string()),
        "[a-zA-Z0-9äöü :\\-\\[\\]{}\"'#]{0,20}",
    ]
}

/// A front matter line: a known key, a near miss, a nested line or junk.
fn yaml_line() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("title"),
        Just("titel"),
        Just("description"),
        Just("date"),
        Just("updated"),
        Just("weight"),
        Just("draft"),
        Just("slug"),
        Just("aliases"),
        Just("template"),
        Just("extra"),
        Just("tags"),
        Just("sort_by"),
        Just("page_template"),
    ];
    prop_oneof![
        4 => (key, yaml_value()).prop_map(|(k, v)| format!("{k}: {v}")),
        1 => yaml_value().prop_map(|v| format!("  nested: {v}")),
        1 => yaml_value().prop_map(|v| format!("- {v}")),
        1 => "[ -~äöü\t]{0,30}",
        // A lone `\r` (finding F1): reported at its own line, as the file counts lines.
        1 => Just("title: T\r\r\rweight: x: y".to_string()),
    ]
}

/// A whole Markdown file: front matter in one of its forms (or none), then `body`.
fn file_with(body: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    let lines = prop::collection::vec(yaml_line(), 0..6);
    // A lone `\r` (finding F1) is rejected at its line; `\n` and `\r\n` end lines.
    let newline = prop_oneof![4 => Just("\n"), 4 => Just("\r\n"), 1 => Just("\r")];
    let fence = prop_oneof![
        4 => Just("---"),
        1 => Just("--- "),
        1 => Just("..."),
        1 => Just(""),
    ];
    (any::<bool>(), lines, newline, fence, any::<bool>(), body).prop_map(
        |(bom, lines, nl, close, has_front, body)| {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            if has_front {
                text.push_str("---");
                text.push_str(nl);
                for l in &lines {
                    text.push_str(l);
                    text.push_str(nl);
                }
                if !close.is_empty() {
                    text.push_str(close);
                    text.push_str(nl);
                }
            }
            text.push_str(&body);
            text
        },
    )
}

/// Markdown blocks that exercise headings, ids, links, footnotes and the summary.
fn markdown_block() -> impl Strategy<Value = String> {
    let target = prop_oneof![
        Just("andere.md"),
        Just("andere.md#ziele"),
        Just("fehlt.md"),
        Just("../_index.md"),
        Just("../../raus.md"),
        Just("@/projekte/andere.md"),
        Just("@/projekte/_index.md#x"),
        Just("bericht.pdf"),
        Just("#ergebnisse"),
        Just("#fehlt"),
        Just("https://example.org/a"),
        Just("/impressum/"),
        Just("%C3%BCber.md"),
        Just(""),
    ];
    let words = "[a-zA-ZäöüÄÖÜß0-9 ,.!?\"'*_`-]{0,30}";
    prop_oneof![
        words.prop_map(|w| format!("{w}\n")),
        (1..7usize, words).prop_map(|(n, w)| format!("{} {w}\n", "#".repeat(n))),
        Just("## Ergebnisse\n".to_string()),
        Just("## Ergebnisse {#ergebnisse}\n".to_string()),
        Just("## fn-1\n".to_string()),
        (words, target.clone()).prop_map(|(w, t)| format!("[{w}]({t})\n")),
        (words, target).prop_map(|(w, t)| format!("![{w}]({t})\n")),
        Just("Text[^1] und[^a b].\n\n[^1]: Fußnote.\n[^a b]: Zwei.\n".to_string()),
        // Defined twice (finding F3): an error, and still one id.
        Just("Noch[^1].\n\n[^1]: Wieder.\n".to_string()),
        // Labels match ignoring case and spaces, as in CommonMark.
        Just("Text[^Note] und[^A  B].\n\n[^note]: Die Notiz.\n".to_string()),
        Just("<!-- more -->\n".to_string()),
        Just("<div id=\"x\">roh</div>\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("- [ ] offen\n- [x] fertig\n".to_string()),
        Just("```rust\nfn main() {}\n```\n".to_string()),
        Just("Begriff\n: Erklärung\n".to_string()),
        Just("\n".to_string()),
    ]
}

fn markdown_body() -> impl Strategy<Value = String> {
    prop::collection::vec(markdown_block(), 0..10).prop_map(|b| b.concat())
}

proptest! {
    // Pure string work: many cases are cheap.
    #![proptest_config(config(512))]

    #[test]
    fn slugs_are_well_formed_and_idempotent(text in "\\PC{0,20}|[a-zA-ZäöüÄÖÜßẞ \\-_/.\u{308}]{0,20}") {
        let slug = slugify(&text);
        let again = slugify(&slug);
        if let Err(e) = slug_well_formed(&text, &slug, &again) {
            prop_assert!(false, "{}", e);
        }
    }
}

proptest! {
    // One YAML parse per case, in microseconds.
    #![proptest_config(config(256))]

    #[test]
    fn front_matter_errors_point_into_the_front_matter(text in file_with(markdown_body())) {
        let Ok(parts) = split(&text) else {
            // An unclosed block is reported at its opening fence, line 1.
            prop_assert_eq!(split(&text), Err(1));
            return Ok(());
        };
        let yaml = parts.front_matter.unwrap_or("");
        let taxonomies = ["tags".to_string()];
        let page = parse_page(yaml, parts.front_matter_line, &taxonomies);
        let again = parse_page(yaml, parts.front_matter_line, &taxonomies);
        prop_assert_eq!(format!("{page:?}"), format!("{again:?}"));
        let section = parse_section(yaml, parts.front_matter_line);
        let file = text.strip_prefix('\u{feff}').unwrap_or(&text);
        for e in [page.err(), section.err()].into_iter().flatten() {
            let Some(line) = e.line else { continue };
            if let Err(problem) = position_inside(file, line, e.column) {
                prop_assert!(false, "{}: {:?}", problem, e);
            }
            if parts.front_matter.is_some() {
                prop_assert!(line < parts.body_line, "line {} is below the front matter: {:?}", line, e);
            }
        }
    }

    #[test]
    fn markdown_renders_the_same_twice_and_points_into_the_file(
        text in file_with(markdown_body()),
        english in any::<bool>(),
        base in any::<bool>(),
    ) {
        let body_start = split(&text).map_or(0, |s| text.len() - s.body.len());
        let display = Path::new("content/projekte/seite.md");
        let input = Input {
            text: &text,
            body_start,
            rel: "projekte/seite.md",
            display,
            locale: if english {
                lernort::locale::Locale::English
            } else {
                lernort::locale::Locale::German
            },
            count_words: true,
        };
        let table = resolver::Table { base_path: if base { "/kbm" } else { "" } };
        let first = render(&input, &table);
        let second = render(&input, &table);
        prop_assert_eq!(&first.html, &second.html);
        prop_assert_eq!(&first.summary, &second.summary);
        prop_assert_eq!(&first.toc, &second.toc);
        prop_assert_eq!(&first.problems, &second.problems);
        let missing: Vec<_> = first.anchor_refs.iter().map(|a| a.missing(display)).collect();
        for d in first.problems.iter().chain(&missing) {
            if let Err(problem) = diagnostic_in_text(d, display, &text) {
                prop_assert!(false, "{}", problem);
            }
        }
        // Without raw HTML from the author, every id in the output was given by lernort,
        // and no two elements may share one (as the fuzz target `markdown` checks).
        if !text[body_start..].contains('<') {
            let mut seen = std::collections::HashSet::new();
            for id in first.html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()) {
                prop_assert!(seen.insert(id.to_string()), "the id {:?} repeats in:\n{}", id, first.html);
            }
            // Every footnote link and back link reaches its note or reference.
            let targets = first.html.split(" href=\"#").skip(1).filter_map(|s| s.split('"').next());
            for target in targets.filter(|t| t.starts_with("fn-") || t.starts_with("fnref-")) {
                prop_assert!(seen.contains(target), "nothing has the id {:?} in:\n{}", target, first.html);
            }
        }
    }
}

/// `site.yaml` texts: each known key with a good or a bad value, typos and junk.
fn site_yaml() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("title: KBM Test".to_string()),
        Just("title: [kein, text]".to_string()),
        Just("base_url: https://kbm.example.org".to_string()),
        Just("base_url: https://example.org/kbm/".to_string()),
        Just("base_url: kbm.example.org".to_string()),
        Just("language: en".to_string()),
        Just("theme: test".to_string()),
        Just("theme: fehlt".to_string()),
        Just("taxonomies: [tags]".to_string()),
        Just("taxonomies: [Tags, title]".to_string()),
        Just("taxonomies: tags".to_string()),
        Just("extra: {a: 1}".to_string()),
        Just("titel: Tippfehler".to_string()),
        Just("  eingerueckt: ja".to_string()),
        Just("description: \"offen".to_string()),
        "[ -~äöü]{0,24}",
    ];
    prop::collection::vec(line, 0..8).prop_map(|l| l.join("\n"))
}

/// A temp folder holding the test theme under `themes/test/`.
fn site_with_theme() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let theme = invariants::test_theme();
    let files: Vec<(String, &[u8])> = theme
        .iter()
        .map(|(p, b)| (format!("themes/test/{}", p.display()), b.as_slice()))
        .collect();
    invariants::write_files(dir.path(), files.iter().map(|(p, b)| (p.as_str(), *b)))
        .expect("write theme");
    dir
}

proptest! {
    // Each case writes a small folder and parses YAML and templates: milliseconds.
    #![proptest_config(config(64))]

    #[test]
    fn site_yaml_errors_point_into_the_file(text in site_yaml()) {
        let dir = site_with_theme();
        std::fs::write(dir.path().join("site.yaml"), &text).expect("write site.yaml");
        let root = dir.path().canonicalize().expect("exists");
        // The clock pinned: two loads at different moments are different configurations.
        let pinned = Overrides { now: Some("2027-01-01T00:00:00+01:00".into()), ..Overrides::default() };
        match Config::load(&root, &pinned) {
            Ok(config) => {
                prop_assert_eq!(Config::load(&root, &pinned).ok(), Some(config.clone()));
                prop_assert!(config.base_url.starts_with("http"));
                prop_assert!(!config.base_url.ends_with('/'));
                if let Err(e) = lernort::render::Templates::load(&config)
                    && let Err(problem) = error_in_site(&e, &root)
                {
                    prop_assert!(false, "{}", problem);
                }
            }
            Err(e) => {
                if let Err(problem) = error_in_site(&e, &root) {
                    prop_assert!(false, "{}", problem);
                }
            }
        }
    }
}
