//! Pages and sections by content path, for `get_page`, `get_section` and the render
//! memo's checks. The table holds only ids; a path is read from the model or from the
//! values when compared, so no path is copied per build.

use std::sync::Arc;

use hashbrown::HashTable;
use tera::Value;

use crate::model::Site;

/// A page (by page id) or a section (by section id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    /// A page id.
    Page(usize),
    /// A section id.
    Section(usize),
}

/// Content path → page or section. Clones share the table.
#[derive(Debug, Clone, Default)]
pub struct DocIndex {
    /// Pages are `0..pages`, sections follow.
    table: Arc<HashTable<usize>>,
    pages: usize,
}

fn hash(rel: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(rel.as_bytes())
}

/// The document at `position` among `pages` pages followed by the sections.
fn doc_at(pages: usize, position: usize) -> Doc {
    match position.checked_sub(pages) {
        None => Doc::Page(position),
        Some(s) => Doc::Section(s),
    }
}

impl DocIndex {
    /// The index of every page and section of `site`.
    pub fn of(site: &Site) -> DocIndex {
        let pages = site.pages.len();
        let count = pages + site.sections.len();
        DocIndex::build(pages, count, |i| rel_in(site, doc_at(pages, i)))
    }

    /// The index of `count` documents whose first `pages` are pages; `rel` gives each
    /// one's path by position.
    fn build<'a>(pages: usize, count: usize, rel: impl Fn(usize) -> &'a str) -> DocIndex {
        let mut table = HashTable::with_capacity(count);
        for i in 0..count {
            // Content paths are unique: the folder walk meets each file once, a file
            // named `_index.md` is always a section's and a section's path is always
            // its folder's `_index.md`.
            let h = hash(rel(i));
            debug_assert!(table.find(h, |&j| rel(j) == rel(i)).is_none(), "{}", rel(i));
            table.insert_unique(h, i, |&j| hash(rel(j)));
        }
        DocIndex {
            table: Arc::new(table),
            pages,
        }
    }

    /// The document at content path `rel`; `rel_of` gives a document's path.
    pub fn find<'a>(&self, rel: &str, rel_of: impl Fn(Doc) -> Option<&'a str>) -> Option<Doc> {
        let doc = |i: usize| doc_at(self.pages, i);
        let found = self
            .table
            .find(hash(rel), |&i| rel_of(doc(i)) == Some(rel))?;
        Some(doc(*found))
    }
}

/// The content path of `doc` in `site`.
pub fn rel_in(site: &Site, doc: Doc) -> &str {
    match doc {
        Doc::Page(id) => &site.pages[id].rel,
        Doc::Section(id) => &site.sections[id].rel,
    }
}

/// Every page and section value by content path, for `get_page` and `get_section`.
#[derive(Default)]
pub struct Documents {
    /// Where each path's value is.
    pub index: DocIndex,
    /// The page values by page id (the render's own, shared).
    pub pages: Arc<Vec<Value>>,
    /// The section values by section id.
    pub sections: Vec<Value>,
}

impl Documents {
    /// The value of the page or section at content path `rel`.
    pub fn get(&self, rel: &str) -> Option<&Value> {
        // Each value holds its own content path (`path`): the table keeps no copy.
        let path_of = |doc| self.value(doc)?.get_from_path("path")?.as_str();
        let doc = self.index.find(rel, path_of)?;
        self.value(doc)
    }

    /// The value of `doc`, if the index and the values are of the same render.
    fn value(&self, doc: Doc) -> Option<&Value> {
        match doc {
            Doc::Page(id) => self.pages.get(id),
            Doc::Section(id) => self.sections.get(id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index<'a>(rels: &'a [&'a str], pages: usize) -> DocIndex {
        DocIndex::build(pages, rels.len(), |i| rels[i])
    }

    #[test]
    fn finds_pages_and_sections_by_path_and_nothing_else() {
        let rels = ["a.md", "b/c.md", "_index.md", "b/_index.md"];
        let idx = index(&rels, 2);
        let rel_of = |d: Doc| {
            Some(match d {
                Doc::Page(i) => rels[i],
                Doc::Section(s) => rels[2 + s],
            })
        };
        assert_eq!(idx.find("a.md", rel_of), Some(Doc::Page(0)));
        assert_eq!(idx.find("b/c.md", rel_of), Some(Doc::Page(1)));
        assert_eq!(idx.find("_index.md", rel_of), Some(Doc::Section(0)));
        assert_eq!(idx.find("b/_index.md", rel_of), Some(Doc::Section(1)));
        assert_eq!(idx.find("b.md", rel_of), None);
    }

    #[test]
    fn a_path_that_does_not_compare_equal_is_not_found() {
        let rels = ["a.md", "_index.md"];
        let idx = index(&rels, 1);
        // The values' paths decide: a document whose value has no path is not found.
        assert_eq!(idx.find("a.md", |_| None), None);
    }
}
