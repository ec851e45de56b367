//! Parsed documents kept between rebuilds (`serve`): a file whose size and modification
//! time did not change, and that the watcher did not report, is not read again.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

use super::Document;
use super::front_matter::{PageFrontMatter, SectionFrontMatter};

/// A parsed Markdown file.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// An `_index.md`.
    Section(Arc<Document<SectionFrontMatter>>),
    /// Any other page.
    Page(Arc<Document<PageFrontMatter>>),
}

/// What identifies a file's version without reading it.
pub type Stamp = (u64, Option<SystemTime>);

/// Parsed documents by content path.
#[derive(Debug, Default)]
pub struct ContentCache {
    docs: HashMap<String, (Stamp, Parsed)>,
    /// The taxonomies the documents were parsed with (they are front matter keys).
    taxonomies: Vec<String>,
}

impl ContentCache {
    /// Forgets everything if the documents were parsed with other taxonomies.
    pub fn prepare(&mut self, taxonomies: &[String]) {
        if self.taxonomies != taxonomies {
            self.docs.clear();
            self.taxonomies = taxonomies.to_vec();
        }
    }

    /// The parsed file at `rel`, if it is known with this stamp.
    pub fn get(&self, rel: &str, stamp: Stamp) -> Option<Parsed> {
        self.docs
            .get(rel)
            .filter(|(s, _)| *s == stamp)
            .map(|(_, p)| p.clone())
    }

    /// Replaces the cache with this load's documents (deleted files drop out).
    pub fn replace(&mut self, docs: HashMap<String, (Stamp, Parsed)>) {
        self.docs = docs;
    }

    /// Forgets files reported changed, whatever their stamp says (two saves within the
    /// clock's resolution keep the same time).
    pub fn invalidate<'a>(&mut self, rels: impl IntoIterator<Item = &'a str>) {
        for rel in rels {
            self.docs.remove(rel);
        }
    }
}
