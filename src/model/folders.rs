//! Which folders of `content/` are sections, page bundles and drafts. Pure functions
//! over the loaded documents; `build` uses them before any page is made.

use std::collections::{BTreeSet, HashSet};

use crate::config::Config;
use crate::content::front_matter::{PageFrontMatter, SectionFrontMatter};
use crate::content::{Content, Document, parent};
use crate::error::Diagnostic;
use crate::text;

type PageDoc = std::sync::Arc<Document<PageFrontMatter>>;
type SectionDoc = std::sync::Arc<Document<SectionFrontMatter>>;

/// Folders holding an `index.md`: page bundles.
pub fn bundle_dirs(
    pages: &[PageDoc],
    sections: &[SectionDoc],
    problems: &mut Vec<Diagnostic>,
) -> HashSet<String> {
    let mut bundles = HashSet::new();
    for p in pages.iter().filter(|p| is_bundle_index(&p.rel)) {
        if p.dir().is_empty() {
            problems.push(
                Diagnostic::new(&p.display, text!("model-home-index"))
                    .hint(text!("model-home-index.hint")),
            );
        } else {
            bundles.insert(p.dir().to_string());
        }
    }
    for s in sections.iter().filter(|s| bundles.contains(s.dir())) {
        problems.push(
            Diagnostic::new(&s.display, text!("model-section-and-bundle"))
                .hint(text!("model-section-and-bundle.hint")),
        );
    }
    for p in pages.iter().filter(|p| !is_bundle_index(&p.rel)) {
        if let Some(b) = bundles.iter().find(|b| p.rel.starts_with(&format!("{b}/"))) {
            problems.push(
                Diagnostic::new(
                    &p.display,
                    text!("model-page-in-bundle", bundle = b.as_str()),
                )
                .hint(text!("model-page-in-bundle.hint")),
            );
        }
    }
    bundles
}

/// The page bundle folder a content file lies in, if any.
pub fn bundle_of<'a>(rel: &'a str, bundles: &HashSet<String>) -> Option<&'a str> {
    let mut dir = parent(rel);
    while !dir.is_empty() {
        if bundles.contains(dir) {
            return Some(dir);
        }
        dir = parent(dir);
    }
    None
}

pub fn is_bundle_index(rel: &str) -> bool {
    rel == "index.md" || rel.ends_with("/index.md")
}

/// The folder of the section a page belongs to.
pub fn page_section_dir<'a>(doc: &'a PageDoc, bundles: &HashSet<String>) -> &'a str {
    if bundles.contains(doc.dir()) {
        parent(doc.dir())
    } else {
        doc.dir()
    }
}

/// Every folder that is a section: those with `_index.md` or pages, and their ancestors.
pub fn section_dirs(
    pages: &[PageDoc],
    sections: &[SectionDoc],
    bundles: &HashSet<String>,
) -> BTreeSet<String> {
    let mut dirs = BTreeSet::from([String::new()]);
    let leaves = sections
        .iter()
        .map(|s| s.dir())
        .chain(pages.iter().map(|p| page_section_dir(p, bundles)))
        .filter(|d| {
            !bundles.contains(*d) && !bundles.iter().any(|b| d.starts_with(&format!("{b}/")))
        });
    for leaf in leaves {
        let mut dir = leaf;
        while !dir.is_empty() && dirs.insert(dir.to_string()) {
            dir = parent(dir);
        }
    }
    dirs
}

/// The folders of `content` that are sections, and those that are page bundles, as the
/// build sees them (for `lernort new`, which must put a page where the build finds it).
pub fn sections_and_bundles(content: &Content) -> (BTreeSet<String>, HashSet<String>) {
    // The build reports these problems; `new` only needs the folders.
    let mut ignored = Vec::new();
    let bundles = bundle_dirs(&content.pages, &content.sections, &mut ignored);
    let sections = section_dirs(&content.pages, &content.sections, &bundles);
    (sections, bundles)
}

/// Folders of draft sections (not the home page); empty with `--drafts`.
pub fn draft_roots(sections: &[SectionDoc], config: &Config) -> Vec<String> {
    if config.drafts {
        return Vec::new();
    }
    sections
        .iter()
        .filter(|s| s.front_matter.draft && !s.dir().is_empty())
        .map(|s| s.dir().to_string())
        .collect()
}

/// Whether `dir` is a draft root or lies below one.
pub fn is_drafted(dir: &str, roots: &[String]) -> bool {
    roots.iter().any(|r| {
        dir == r
            || dir
                .strip_prefix(r.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    })
}
