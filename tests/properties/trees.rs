//! Small random site trees built by the real binary: a build either succeeds and a
//! second build gives the same files, or it fails with exit code 1, diagnostics that
//! name files that exist and lines inside them, the same message twice, and the
//! previous output untouched.
//!
//! The templates are the fixed test theme; random templates are the fuzz targets' job
//! (`templates`, `site`), where findings F2 and F4 of fuzz/README.md showed up.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use lernort::error::Diagnostic;
use proptest::prelude::*;

use crate::invariants::{diagnostic_in_site, test_theme, write_files};

const SITE_YAML: &str =
    "title: KBM Test\nbase_url: https://kbm.example.org\ntheme: test\ntaxonomies: [tags]\n";

/// Folders pages and sections can live in; `Über uns` gives an awkward slug.
const DIRS: &[&str] = &["", "projekte", "projekte/lvo", "Über uns", "team"];

/// Page file names (without `.md`); `€` gives an empty slug, two spellings collide.
const NAMES: &[&str] = &["seite", "Seite", "andere", "Übersicht", "a b", "€", "2024"];

/// Page front matter: mostly valid keys, sometimes a mistake from the shared lines.
fn page_front_matter() -> impl Strategy<Value = String> {
    let title = prop_oneof![
        6 => "[A-Za-zÄÖÜäöüß ]{1,12}".prop_map(|t| format!("title: \"{t}\"\n")),
        1 => Just(String::new()),
        // (no title: an error)
    ];
    // Each key: mostly left out, sometimes good, rarely wrong, so that about half of
    // the trees build.
    let key = |good: &'static str, bad: Vec<&'static str>| {
        prop_oneof![
            6 => Just(""),
            3 => Just(good),
            1 => prop::sample::select(bad),
        ]
    };
    (
        title,
        key(
            "slug: neu\n",
            vec!["slug: seite\n", "slug: \"€\"\n", "slug: \"\"\n"],
        ),
        key(
            "date: 2024-05-31\n",
            vec!["date: 2024-02-30\n", "date: gestern\n"],
        ),
        key("weight: -3\n", vec!["weight: zwei\n"]),
        key("draft: true\n", vec!["draft: ja\n"]),
        key(
            "aliases: [/alt/]\n",
            vec!["aliases: [/projekte/]\n", "aliases: [\"/../x/\"]\n"],
        ),
        key("template: page.html\n", vec!["template: fehlt.html\n"]),
        key(
            "tags: [MINT, Schule]\n",
            vec!["tags: {a: 1}\n", "tags: MINT\n"],
        ),
        prop::option::weighted(0.05, super::yaml_line()),
    )
        .prop_map(|(t, s, d, w, dr, a, tp, tg, junk)| {
            let junk = junk.map(|j| format!("{j}\n")).unwrap_or_default();
            format!("{t}{s}{d}{w}{dr}{a}{tp}{tg}{junk}")
        })
}

/// A section's `_index.md` front matter.
fn section_front_matter() -> impl Strategy<Value = String> {
    let good = prop::sample::select(vec![
        "title: Bereich\n",
        "title: Bereich\nsort_by: date\n",
        "title: Bereich\nsort_by: title\nweight: 2\n",
        "title: Bereich\ndraft: true\n",
        "",
    ]);
    let bad = prop::sample::select(vec![
        "title: B\npage_template: fehlt.html\n",
        "sort_by: gewicht\n",
    ]);
    prop_oneof![8 => good, 1 => bad].prop_map(str::to_owned)
}

/// One file of the tree: a page, a page bundle with a picture, or a section index.
fn tree_file() -> impl Strategy<Value = Vec<(String, String)>> {
    // `€` gives an empty URL segment, an error: rarely, so that most trees can build.
    let dir = prop_oneof![12 => prop::sample::select(DIRS), 1 => Just("€")];
    let name = prop::sample::select(NAMES);
    prop_oneof![
        4 => (dir.clone(), name.clone(), page_front_matter(), tree_body()).prop_map(|(d, n, fm, b)| {
            vec![(join(d, &format!("{n}.md")), format!("---\n{fm}---\n{b}"))]
        }),
        1 => (dir.clone(), name, page_front_matter(), tree_body()).prop_map(|(d, n, fm, b)| {
            let folder = join(d, n);
            vec![
                (format!("{folder}/index.md"), format!("---\n{fm}---\n{b}\n![Bild](bild.png)\n")),
                (format!("{folder}/bild.png"), "PNG".to_string()),
            ]
        }),
        1 => (dir, section_front_matter(), tree_body()).prop_map(|(d, fm, b)| {
            vec![(join(d, "_index.md"), format!("---\n{fm}---\n{b}"))]
        }),
    ]
}

/// Page text: mostly prose and headings; links that may be dead are rare, so that
/// about half of the trees build.
fn tree_body() -> impl Strategy<Value = String> {
    let block = prop_oneof![
        12 => "[a-zA-ZäöüÄÖÜß0-9 ,.!?*_-]{0,40}".prop_map(|w| format!("{w}\n\n")),
        4 => (1..4usize, "[a-zA-ZäöüÄÖÜß0-9 ]{0,12}").prop_map(|(n, w)| format!("{} {w}\n\n", "#".repeat(n))),
        2 => Just("## Ergebnisse\n\n[zu den Ergebnissen](#ergebnisse)\n\n".to_string()),
        2 => Just("[Start](@/_index.md) und [Impressum](/impressum/)\n\n".to_string()),
        1 => Just("Text[^1].\n\n[^1]: Fußnote.\n\n".to_string()),
        1 => Just("<!-- more -->\n\n".to_string()),
        1 => super::markdown_block(),
    ];
    prop::collection::vec(block, 0..6).prop_map(|b| b.concat())
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// A site tree: a home page most of the time, and up to six more files.
fn tree() -> impl Strategy<Value = BTreeMap<String, String>> {
    let home = prop::option::weighted(
        0.9,
        tree_body().prop_map(|b| format!("---\ntitle: Start\n---\n{b}")),
    );
    (home, prop::collection::vec(tree_file(), 0..7)).prop_map(|(home, files)| {
        let mut tree: BTreeMap<String, String> = files.into_iter().flatten().collect();
        if let Some(home) = home {
            tree.insert("_index.md".into(), home);
        }
        tree
    })
}

/// Runs `lernort --root <root> build`: the exit code and stderr.
fn build(root: &Path) -> (i32, String) {
    let out = Command::cargo_bin("lernort")
        .expect("binary built")
        .env("LERNORT_MESSAGES", "en")
        .arg("--root")
        .arg(root)
        .arg("build")
        .output()
        .expect("binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), stderr)
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?.display().to_string();
            Some((rel, std::fs::read(e.path()).ok()?))
        })
        .collect()
}

/// The diagnostics in a failed build's stderr: each is an `error: message` line followed
/// by its `--> path:line:column` line.
fn diagnostics(stderr: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut lines = stderr.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(location) = lines
            .peek()
            .and_then(|l| l.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = location.rsplitn(3, ':');
        let last = parts.next().and_then(|p| p.parse::<usize>().ok());
        let before = parts.next().and_then(|p| p.parse::<usize>().ok());
        let (path, line, column) = match (before, last) {
            (Some(l), Some(c)) => (parts.next().unwrap_or_default(), Some(l), Some(c)),
            (None, Some(l)) => (
                location.rsplit_once(':').map_or("", |(p, _)| p),
                Some(l),
                None,
            ),
            _ => (location, None, None),
        };
        let mut d = Diagnostic::new(path, lernort::messages::Text::verbatim(message));
        d.line = line;
        d.column = column;
        found.push(d);
    }
    found
}

proptest! {
    // Two or three runs of the debug binary per case, some tens of milliseconds each:
    // 64 cases take a few seconds.
    #![proptest_config(super::config(64))]

    #[test]
    fn a_build_is_repeatable_or_fails_cleanly(tree in tree()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("exists");
        let theme = test_theme();
        let theme: Vec<(String, &[u8])> = theme
            .iter()
            .map(|(p, b)| (format!("themes/test/{}", p.display()), b.as_slice()))
            .collect();
        let content: Vec<(String, &[u8])> = tree
            .iter()
            .map(|(p, t)| (format!("content/{p}"), t.as_bytes()))
            .collect();
        let previous = [
            ("public/index.html", &b"<p>previous build</p>\n"[..]),
            ("public/alt/index.html", &b"<p>older page</p>\n"[..]),
            ("site.yaml", SITE_YAML.as_bytes()),
        ];
        let files = theme.iter().chain(&content).map(|(p, b)| (p.as_str(), *b));
        write_files(&root, files.chain(previous)).expect("write site");
        std::fs::create_dir_all(root.join("content")).expect("content folder");
        let before = snapshot(&root.join("public"));

        let (code, stderr) = build(&root);
        prop_assert!(!stderr.contains("panicked"), "lernort panicked:\n{}", stderr);
        match code {
            0 => {
                let first = snapshot(&root.join("public"));
                let (again, stderr) = build(&root);
                prop_assert_eq!(again, 0, "the second build failed:\n{}", stderr);
                prop_assert!(first == snapshot(&root.join("public")), "two builds differ");
            }
            1 => {
                prop_assert!(before == snapshot(&root.join("public")), "a failed build changed public/");
                let leftovers: Vec<_> = std::fs::read_dir(&root)
                    .expect("readable")
                    .filter_map(Result::ok)
                    .filter(|e| e.file_name().to_string_lossy().contains("lernort-"))
                    .collect();
                prop_assert!(leftovers.is_empty(), "temporary folders left: {:?}", leftovers);
                let found = diagnostics(&stderr);
                prop_assert!(!found.is_empty(), "no diagnostic in:\n{}", stderr);
                for d in &found {
                    if let Err(problem) = diagnostic_in_site(d, &root) {
                        prop_assert!(false, "{}\nin:\n{}", problem, stderr);
                    }
                }
                let (again, second) = build(&root);
                prop_assert_eq!(again, 1);
                prop_assert_eq!(stderr, second, "two failed builds report differently");
            }
            other => prop_assert!(false, "exit code {}:\n{}", other, stderr),
        }
    }
}
