//! What `serve` keeps of `content/` between rebuilds: the file list of the last walk
//! and each Markdown file's parsed document. When the watcher can say which files
//! changed, only those are looked at again; otherwise the folder is walked and a
//! file whose size and modification time did not change is not read again.

use std::sync::Arc;
use std::time::SystemTime;

use super::Document;
use super::front_matter::{PageFrontMatter, SectionFrontMatter};
use super::walk::SourceFile;
use crate::error::Diagnostic;

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

/// One file of the last load: where it is, and for Markdown what reading it gave.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file as the walk (or the watcher) found it.
    pub file: SourceFile,
    /// The parsed document or why it failed; `None` until it is read (and always for
    /// files that are not Markdown).
    pub parsed: Option<Result<Parsed, Diagnostic>>,
}

/// Where the file at `rel` is among `entries` (which are in walk order), or where it
/// would go.
pub(super) fn find(entries: &[Entry], rel: &str) -> Result<usize, usize> {
    entries.binary_search_by(|e| super::walk::walk_order(&e.file.rel, rel))
}

/// The last load's files in walk order, and what changed since.
#[derive(Debug, Default)]
pub struct ContentCache {
    pub(super) entries: Vec<Entry>,
    /// The taxonomies the documents were parsed with (they are front matter keys).
    taxonomies: Vec<String>,
    /// Paths reported changed since the last load: read again whatever their stamp.
    pending: Vec<String>,
    /// Whether `pending` is all that changed, so the next load need not walk.
    complete: bool,
    /// Whether the last load found no problem and every Markdown file parsed.
    pub(super) clean: bool,
}

impl ContentCache {
    /// Records content paths the watcher reported changed, added or removed. They are
    /// read again at the next load whatever their stamp says (two saves within the
    /// clock's resolution, or a copy that keeps the time, leave the stamp unchanged).
    pub fn note_changed<'a>(&mut self, rels: impl IntoIterator<Item = &'a str>) {
        self.pending.extend(rels.into_iter().map(str::to_string));
    }

    /// Records that more may have changed than was reported (the watcher lost events,
    /// the configuration changed): the next load walks `content/`, and still reads the
    /// reported paths again.
    pub fn note_unknown(&mut self) {
        self.complete = false;
    }

    /// Starts a load: the paths reported since the last one, and whether they are all
    /// that changed (else `content/` must be walked). Until [`ContentCache::finish`],
    /// the cache counts as incomplete, so a load that fails halfway leaves a walk for
    /// the next one.
    pub(super) fn begin(&mut self, taxonomies: &[String]) -> (Vec<String>, bool) {
        if self.taxonomies != taxonomies {
            self.entries.clear();
            self.taxonomies = taxonomies.to_vec();
            self.complete = false;
        }
        let mut paths = std::mem::take(&mut self.pending);
        paths.sort();
        paths.dedup();
        (paths, std::mem::replace(&mut self.complete, false))
    }

    /// Ends a load whose file list is exact: from now on the watcher's reports are
    /// enough.
    pub(super) fn finish(&mut self) {
        self.complete = true;
    }

    /// Whether a path that is gone now mattered to the last load: it was one of its
    /// files or a folder holding some. `true` when the last load cannot tell, so that
    /// the caller keeps the report.
    pub fn knew(&self, rel: &str) -> bool {
        if !self.complete {
            return true;
        }
        let folder = format!("{rel}/");
        let at = self
            .entries
            .partition_point(|e| super::walk::walk_order(&e.file.rel, rel).is_lt());
        self.entries[at..]
            .first()
            .is_some_and(|e| e.file.rel == rel || e.file.rel.starts_with(&folder))
    }

    /// Every document and file of the last load, in walk order. After a load that found
    /// only edits ([`super::Changes::Edited`]): that load found no problem to report.
    pub fn content(&self) -> super::Content {
        let shared = self.entries.iter().map(|e| (&e.file, e.parsed.clone()));
        super::assemble(shared, Vec::new())
    }

    /// The documents of the pages at `rels` (in path order), if the last load was clean
    /// and each of them is a page that parsed; `None` otherwise.
    pub(super) fn edited_pages(
        &self,
        rels: &[String],
    ) -> Option<Vec<Arc<Document<PageFrontMatter>>>> {
        if !self.clean {
            return None;
        }
        rels.iter()
            .map(|rel| {
                let i = find(&self.entries, rel).ok()?;
                match &self.entries[i].parsed {
                    Some(Ok(Parsed::Page(doc))) => Some(Arc::clone(doc)),
                    _ => None,
                }
            })
            .collect()
    }

    /// The parsed file at `rel`, if it was read with this stamp.
    pub(super) fn parsed(&self, rel: &str, stamp: Stamp) -> Option<Result<Parsed, Diagnostic>> {
        let i = find(&self.entries, rel).ok()?;
        let e = &self.entries[i];
        ((e.file.size, e.file.modified) == stamp)
            .then(|| e.parsed.clone())
            .flatten()
    }
}
