//! A small random site (files in the `@@@ path` text format of `archive.rs`; a line
//! `@@@ --drafts` builds with drafts) written
//! to a temp folder with the test theme and built into memory twice: see
//! `pipeline::build_twice` for what must hold.
#![no_main]

use lernort_fuzz::archive;
use lernort_fuzz::invariants::{test_theme, write_files};
use lernort_fuzz::pipeline::build_twice;
use libfuzzer_sys::fuzz_target;

const DEFAULT_CONFIG: &str =
    "title: T\nbase_url: https://example.org\ntheme: test\ntaxonomies: [tags]\n";

fuzz_target!(|text: &str| {
    let files = archive::parse(text);
    let Ok(dir) = lernort_fuzz::temp_dir() else {
        return;
    };
    let root = dir.path();
    let theme: Vec<(String, Vec<u8>)> = test_theme()
        .into_iter()
        .filter_map(|(p, b)| Some((format!("themes/test/{}", p.to_str()?), b)))
        .collect();
    let mut base: Vec<(&str, &[u8])> = theme
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    if !files.iter().any(|(p, _)| p == "site.yaml") {
        base.push(("site.yaml", DEFAULT_CONFIG.as_bytes()));
    }
    if write_files(root, base).is_err() || std::fs::create_dir_all(root.join("content")).is_err() {
        return;
    }
    // A path that clashes with an earlier one (a file where a folder is) is left out.
    for (path, text) in &files {
        let _ = write_files(root, [(path.as_str(), text.as_bytes())]);
    }
    let Ok(root) = root.canonicalize() else {
        return;
    };
    let overrides = lernort::config::Overrides {
        drafts: archive::drafts(text),
        ..Default::default()
    };
    build_twice(&root, &overrides);
});
