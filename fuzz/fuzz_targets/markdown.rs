//! Markdown rendering with link resolution (a fixed table of content paths): rendering
//! twice gives the same result, every problem points into the file, and heading ids
//! are unique.
#![no_main]

use std::collections::HashSet;
use std::path::Path;

use lernort::content::front_matter::split;
use lernort::markdown::{Input, Rendered, TocEntry, render};
use lernort_fuzz::invariants::diagnostic_in_text;
use lernort_fuzz::resolver::Table;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (bool, bool, &str)| {
    let (english, base_path, text) = data;
    let body_start = match split(text) {
        Ok(s) => text.len() - s.body.len(),
        Err(_) => 0,
    };
    let display = Path::new("content/projekte/seite.md");
    let input = Input {
        text,
        body_start,
        rel: "projekte/seite.md",
        display,
        locale: if english {
            lernort::locale::Locale::English
        } else {
            lernort::locale::Locale::German
        },
    };
    let table = Table {
        base_path: if base_path { "/kbm" } else { "" },
    };
    let first = render(&input, &table);
    let second = render(&input, &table);
    assert_eq!(
        summary(&first),
        summary(&second),
        "rendering is deterministic"
    );
    let missing: Vec<_> = first.anchor_refs.iter().map(|a| a.missing(display)).collect();
    for d in first.problems.iter().chain(&missing) {
        if let Err(problem) = diagnostic_in_text(d, display, text) {
            panic!("{problem}");
        }
    }
    let mut ids = Vec::new();
    flatten(&first.toc, &mut ids);
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(
        unique.len(),
        ids.len(),
        "table of contents ids repeat: {ids:?}"
    );
    for id in &ids {
        assert!(
            first.heading_ids.contains(*id),
            "toc id {id} is no heading id"
        );
    }
    // Without raw HTML from the author, every id in the output was given by lernort,
    // and no two elements may share one (headings, footnotes and their markers).
    if !text[body_start..].contains('<') {
        let mut seen = HashSet::new();
        for id in first
            .html
            .split(" id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
        {
            assert!(
                seen.insert(id),
                "the id {id:?} is used twice in:\n{}",
                first.html
            );
        }
    }
});

/// Everything a render produced, in a comparable form.
fn summary(r: &Rendered) -> String {
    let mut heading_ids: Vec<&str> = r.heading_ids.iter().collect();
    heading_ids.sort();
    format!(
        "{}\n{}\n{:?}\n{}\n{heading_ids:?}\n{:?}\n{:?}",
        r.html, r.summary, r.toc, r.word_count, r.anchor_refs, r.problems
    )
}

fn flatten<'a>(toc: &'a [TocEntry], out: &mut Vec<&'a str>) {
    for e in toc {
        out.push(&e.id);
        flatten(&e.children, out);
    }
}
