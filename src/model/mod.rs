//! The site tree: sections and pages in vectors, children as ids. Built by
//! [`Site::build`]; only the preview changes a built site, in place, between renders
//! ([`Site::update`]). Templates get borrowed views of it.

mod addresses;
mod aliases;
mod bodies;
mod breaks;
mod build;
pub mod cache;
mod fields;
mod folders;
mod lists;
mod published;
mod record_hash;
mod routes;
mod sections;
mod sort;
mod terms;
mod update;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::config::Config;
use crate::content::date::Date;
use crate::content::front_matter::{Expired, SortBy};
use crate::markdown::TocEntry;
use crate::yaml;

pub use crate::schedule::{NextChange, Unpublished};
pub use bodies::{EachBody, Unrendered, UsedUp};
pub use folders::{page_section_dir, sections_and_bundles};
pub use lists::{FeedFile, FeedKind, List, ListKind, archive_url};
pub use published::FIXED_OUTPUTS;
pub use routes::Routes;
pub use terms::{Taxonomy, Term, find_taxonomy, find_term, taxonomy_url};

/// Index of a section in [`Site::sections`].
pub type SectionId = usize;
/// Index of a page in [`Site::pages`].
pub type PageId = usize;

/// Markdown rendered to HTML, with what templates need from it.
///
/// The HTML is kept as a template value (a shared, immutable string marked safe): the
/// largest thing in the model then exists once, and templates get it without a copy.
#[derive(Debug, Clone)]
pub struct Body {
    /// The full HTML.
    pub html: tera::Value,
    /// The summary HTML.
    pub summary: tera::Value,
    /// Table of contents (shared: the model copies bodies from the cache).
    pub toc: std::sync::Arc<[TocEntry]>,
    /// Word count of the text.
    pub word_count: usize,
    /// A hash of the HTML, the summary and the word count: equal hashes, equal bodies
    /// (the table of contents is made from the headings in the HTML).
    pub hash: u64,
}

impl Default for Body {
    fn default() -> Self {
        Body {
            html: tera::Value::safe_string(""),
            summary: tera::Value::safe_string(""),
            toc: std::sync::Arc::from([]),
            word_count: 0,
            hash: 0,
        }
    }
}

/// A section: a folder of pages, with or without its own `_index.md`.
#[derive(Debug, Clone)]
pub struct Section {
    /// Content-relative folder, `""` for the home page.
    pub dir: String,
    /// Content-relative `_index.md` path (which may not exist on disk).
    pub rel: String,
    /// Path for messages.
    pub display: PathBuf,
    /// Whether the folder has an `_index.md`.
    pub has_index: bool,
    /// The title.
    pub title: String,
    /// The description, if any.
    pub description: Option<String>,
    /// Position among siblings.
    pub weight: Option<i64>,
    /// Page order.
    pub sort_by: SortBy,
    /// Template override for the section page.
    pub template: Option<String>,
    /// Template override for its pages.
    pub page_template: Option<String>,
    /// The content type of its pages (its own `page_type` or its parent's).
    pub page_type: Option<String>,
    /// Pages per list page (`paginate_by`); all on one when `None`.
    pub paginate_by: Option<usize>,
    /// Whether the section has an Atom feed.
    pub feed: bool,
    /// Free values.
    pub extra: yaml::Value,
    /// The site path, e.g. `/projekte/`.
    pub url: String,
    /// The parent section; `None` for the home page.
    pub parent: Option<SectionId>,
    /// What happens to its pages after their `expiry_date` (its own `expired:`).
    pub expired: Expired,
    /// Pages in sorted order, without the archived ones.
    pub pages: Vec<PageId>,
    /// Its archived pages (expired, with `expired: archive`), sorted like `pages`.
    pub archived: Vec<PageId>,
    /// Child sections in sorted order.
    pub subsections: Vec<SectionId>,
    /// The rendered `_index.md` body.
    pub body: Body,
    /// 1-based line of the `template` key, for messages.
    pub template_line: Option<usize>,
    /// 1-based line of the `page_template` key, for messages.
    pub page_template_line: Option<usize>,
    /// A hash of the `_index.md` text (0 without one), for change detection.
    pub source_hash: u64,
}

/// A page: one Markdown file (or a bundle's `index.md`).
#[derive(Debug, Clone)]
pub struct Page {
    /// Content-relative path, e.g. `projekte/knotenpunkte.md`.
    pub rel: String,
    /// Path for messages.
    pub display: PathBuf,
    /// The title.
    pub title: String,
    /// The description, if any.
    pub description: Option<String>,
    /// Publication date.
    pub date: Option<Date>,
    /// Date of the last change.
    pub updated: Option<Date>,
    /// From when the page is built (`publish_date`).
    pub publish_date: Option<Date>,
    /// The last day or moment the page is built (`expiry_date`).
    pub expiry_date: Option<Date>,
    /// Whether it has expired in a section that keeps expired pages in its archive.
    pub archived: bool,
    /// Position among siblings.
    pub weight: Option<i64>,
    /// The last URL segment.
    pub slug: String,
    /// Old site paths that redirect here, e.g. `/alt/seite/`.
    pub aliases: Vec<String>,
    /// Template override.
    pub template: Option<String>,
    /// Free values.
    pub extra: yaml::Value,
    /// Terms per taxonomy.
    pub terms: BTreeMap<String, Vec<String>>,
    /// The content type: the page's own `type`, else its section's `page_type`.
    pub type_name: Option<String>,
    /// The fields of its type, typed, every declared field present (`null` without a
    /// type).
    pub fields: yaml::Value,
    /// The site path, e.g. `/projekte/knotenpunkte/`.
    pub url: String,
    /// The section the page is in.
    pub section: SectionId,
    /// The rendered body.
    pub body: Body,
    /// 1-based line of the `template` key, for messages.
    pub template_line: Option<usize>,
    /// The page language.
    pub lang: String,
    /// A hash of the file's text, for change detection.
    pub source_hash: u64,
    /// A hash of this record as built (`record_hash::of`), set right after the body, the
    /// last change to a page: from then on it is never changed, an edit builds a new one.
    pub record_hash: u64,
}

/// A non-Markdown file from `content/`, copied next to its page or section.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Content-relative source path.
    pub rel: String,
    /// Output path relative to the output folder.
    pub output: String,
    /// Size in bytes.
    pub size: u64,
}

/// The whole site (not changed while it is rendered).
#[derive(Debug)]
pub struct Site {
    /// The configuration it was built with.
    pub config: Config,
    /// All sections; index 0 is the home page.
    pub sections: Vec<Section>,
    /// All pages.
    pub pages: Vec<Page>,
    /// Files to copy from `content/`.
    pub files: Vec<ContentFile>,
    /// Lookup of content paths, shared with template functions.
    pub routes: std::sync::Arc<Routes>,
    /// A hash of every URL, file size and draft the build knows (see [`Routes::fingerprint`]).
    pub fingerprint: u64,
    /// The taxonomies with their terms, in `site.yaml` order.
    pub taxonomies: Vec<Taxonomy>,
    /// Every list page: sections, taxonomies, terms (see [`List`]).
    pub lists: Vec<List>,
    /// Every Atom feed.
    pub feeds: Vec<FeedFile>,
    /// The next moment a page appears or expires, after the build's `now`.
    pub next_change: Option<NextChange>,
    /// What the build should tell besides errors: links that an expiry will break,
    /// feeds that stay empty (see `breaks`).
    pub notices: Vec<crate::messages::Text>,
    /// Which build made its documents, files and addresses (see [`Layout`]).
    pub layout: Layout,
}

/// Which full build made a site's documents, copied files and addresses. A site updated
/// in place ([`Site::update`]) keeps its layout: the same pages and sections at the same
/// ids and content paths, the same addresses and output paths, the same copy
/// destinations (an asset's source may change). Every other build gets a new one, so
/// what depends only on the layout (the document index, the overlap check) is kept
/// while it is the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout(u64);

impl Layout {
    /// A layout no site of this process had before.
    pub fn fresh() -> Layout {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Layout(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// The home section's id.
pub const HOME: SectionId = 0;

impl Site {
    /// The top-level sections in navigation order.
    pub fn navigation(&self) -> &[SectionId] {
        &self.sections[HOME].subsections
    }

    /// The ancestors of a section, home first, excluding the section itself.
    pub fn ancestors(&self, mut id: SectionId) -> Vec<SectionId> {
        let mut chain = Vec::new();
        while let Some(parent) = self.sections[id].parent {
            chain.push(parent);
            id = parent;
        }
        chain.reverse();
        chain
    }
}

/// The output file for a site path in two parts, without making the string: `/a/b/`
/// → (`a/b/`, `index.html`), `/alt.html` → (`alt.html`, ``). Equal files give equal
/// parts (`/a/index.html` too gives (`a/`, `index.html`)).
pub fn output_parts(url: &str) -> (&str, &'static str) {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        (trimmed, "index.html")
    } else {
        split_output(trimmed)
    }
}

/// An output path in the two parts of [`output_parts`].
pub fn split_output(path: &str) -> (&str, &'static str) {
    match path.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => (dir, "index.html"),
        _ => (path, ""),
    }
}

/// The output file for a site path: `/a/b/` → `a/b/index.html`.
pub fn output_path(url: &str) -> String {
    let (path, file) = output_parts(url);
    format!("{path}{file}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_of_folders_and_files() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(output_path("/a/b/"), "a/b/index.html");
        assert_eq!(output_path("/alt.html"), "alt.html");
        assert_eq!(output_parts("/a/"), ("a/", "index.html"));
        assert_eq!(output_parts("/404.html"), ("404.html", ""));
        assert_eq!(output_parts("/a/index.html"), output_parts("/a/"));
        assert_eq!(split_output("a/index.html"), output_parts("/a/"));
        assert_eq!(split_output("a/xindex.html"), ("a/xindex.html", ""));
    }
}
