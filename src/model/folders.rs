//! Which folders of `content/` are sections, page bundles and drafts, and where the
//! other files of a folder go. Pure functions over the loaded documents and records.

use std::collections::{BTreeSet, HashSet};

use rustc_hash::FxHashMap;

use super::{ContentFile, Page, Section, SectionId};

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
        // The nearest bundle around it: one lookup per folder level, not one string per
        // bundle (3,000 bundles made this quadratic).
        if let Some(b) = bundle_of(&p.rel, &bundles) {
            problems.push(
                Diagnostic::new(&p.display, text!("model-page-in-bundle", bundle = b))
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
        .filter(|d| !bundles.contains(*d) && bundle_of(d, bundles).is_none());
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

/// Where each non-Markdown content file goes: next to its bundle page or section.
/// Files of draft bundles and draft sections are left out; their paths are returned.
pub(super) fn place_files(
    files: Vec<(String, u64)>,
    sections: &[Section],
    section_ids: &FxHashMap<String, SectionId>,
    pages: &[Page],
    bundles: &HashSet<String>,
    drafts: &[String],
) -> (Vec<ContentFile>, Vec<String>) {
    let bundle_urls: FxHashMap<&str, &str> = pages
        .iter()
        .filter(|p| is_bundle_index(&p.rel))
        .map(|p| (parent(&p.rel), p.url.as_str()))
        .collect();
    let mut placed = Vec::new();
    let mut left_out = Vec::new();
    for (rel, size) in files {
        let mut dir = parent(&rel);
        let owner = loop {
            if is_drafted(dir, drafts) {
                break None;
            }
            if bundles.contains(dir) {
                // A bundle that is not built (a draft) takes its files with it.
                break bundle_urls.get(dir).map(|url| (dir, *url));
            }
            if let Some(&id) = section_ids.get(dir) {
                break Some((dir, sections[id].url.as_str()));
            }
            if dir.is_empty() {
                break None;
            }
            dir = parent(dir);
        };
        match owner {
            Some((dir, url)) => {
                let rest = rel[dir.len()..].trim_start_matches('/');
                placed.push(ContentFile {
                    output: format!("{}{rest}", url.trim_start_matches('/')),
                    rel,
                    size,
                });
            }
            None => left_out.push(rel),
        }
    }
    (placed, left_out)
}
