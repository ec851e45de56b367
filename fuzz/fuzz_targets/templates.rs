//! Template loading and rendering with a fixed context: the fuzz input is the site's
//! `templates/page.html` (and, after a line `@@@`, its `templates/base.html`), over
//! the fixed content of the `basic` fixture and the test theme, so templates see the
//! real `page`, `site` and functions. Checked by `pipeline::build_twice`.
#![no_main]

use lernort_fuzz::invariants::{test_theme, write_files};
use lernort_fuzz::pipeline::build_twice;
use libfuzzer_sys::fuzz_target;

/// The content of `tests/fixtures/basic`, fixed.
const CONTENT: &[(&str, &str)] = &[
    (
        "site.yaml",
        "title: KBM Test\nbase_url: https://kbm.example.org\ntheme: test\ntaxonomies: [tags]\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: Startseite\n---\nWillkommen.\n",
    ),
    (
        "content/projekte/_index.md",
        "---\ntitle: Projekte\ndescription: Unsere Projekte\n---\nAlle Projekte.\n",
    ),
    (
        "content/projekte/knotenpunkte.md",
        "---\ntitle: Knotenpunkte\nweight: 1\ndate: 2024-05-31\ntags: [Grundbildung]\n---\nSiehe [Lernen](lernen.md#ergebnisse).\n",
    ),
    (
        "content/projekte/lernen.md",
        "---\ntitle: \"Rückblick: Lernen\"\nweight: 2\n---\n## Ergebnisse\n\nText.\n",
    ),
];

fuzz_target!(|text: &str| {
    let (page, base) = match text.split_once("\n@@@\n") {
        Some((p, b)) => (p, Some(b)),
        None => (text, None),
    };
    let Ok(dir) = lernort_fuzz::temp_dir() else {
        return;
    };
    let theme: Vec<(String, Vec<u8>)> = test_theme()
        .into_iter()
        .filter_map(|(p, b)| Some((format!("themes/test/{}", p.to_str()?), b)))
        .collect();
    let mut files: Vec<(&str, &[u8])> = theme
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    files.extend(CONTENT.iter().map(|(p, t)| (*p, t.as_bytes())));
    files.push(("templates/page.html", page.as_bytes()));
    if let Some(base) = base {
        files.push(("templates/base.html", base.as_bytes()));
    }
    if write_files(dir.path(), files).is_err() {
        return;
    }
    let Ok(root) = dir.path().canonicalize() else {
        return;
    };
    build_twice(&root, &Default::default());
});
