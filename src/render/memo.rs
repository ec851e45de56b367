//! Rendered pages kept between rebuilds (`serve`), with what each one read. A page is
//! rendered again only when its template inputs changed: its own value, `site`, the
//! templates, or anything it fetched with `get_page`, `get_section`, `get_taxonomy`,
//! `get_term` or `url` — which
//! is recorded while it renders, not guessed.

use std::cell::RefCell;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::Xxh3;

use super::chunks::Chunks;
use super::context::kept::KeptViews;
use super::documents::DocIndex;
use crate::model::{Layout, Site};

/// Something a template read besides its own context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dep {
    /// A page or section value, by content path.
    Content(String),
    /// An asset whose URL (with its content hash) was asked for.
    Asset(String),
    /// A content path whose URL was asked for with `url(path="@/…")`.
    Route(String),
    /// A taxonomy fetched with `get_taxonomy`, by name.
    Taxonomy(String),
    /// A term fetched with `get_term`: the taxonomy's name and the term as asked for.
    Term(String, String),
}

thread_local! {
    // One render job runs on one thread from start to end, so a thread-local list
    // collects exactly the reads of the job being rendered.
    static READS: RefCell<Option<Vec<Dep>>> = const { RefCell::new(None) };
}

/// Notes a read by the template being rendered on this thread (if one is recorded).
pub fn record(dep: Dep) {
    READS.with(|r| {
        if let Some(list) = r.borrow_mut().as_mut() {
            list.push(dep);
        }
    });
}

/// Runs `f`, returning its result and every dependency it recorded.
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, Vec<Dep>) {
    READS.with(|r| *r.borrow_mut() = Some(Vec::new()));
    let out = f();
    let deps = READS.with(|r| r.borrow_mut().take()).unwrap_or_default();
    (out, deps)
}

/// One remembered output.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Hash of the job's own inputs (template set, value, `site`, URL).
    pub inputs: u64,
    /// What it fetched, and the hash of those values when it was rendered.
    pub deps: Vec<Dep>,
    /// Hash of the fetched values at render time.
    pub deps_hash: u64,
    /// The rendered file.
    pub bytes: crate::render::FileBytes,
}

/// Outputs by path, and page values by content path with their fingerprints.
#[derive(Debug, Default)]
pub struct RenderMemo {
    entries: FxHashMap<String, Arc<Entry>>,
    /// The paths of the other files the build wrote (404 page, sitemap, redirects).
    extras: Vec<String>,
    pages: FxHashMap<String, (u64, tera::Value)>,
    /// The fingerprints by page id, as the last good render numbered the pages: while
    /// no page comes or goes, a value is found without hashing its path.
    fingerprints: Vec<u64>,
    /// That render's page values by id (shared with its template functions); the next
    /// render moves them out ([`RenderMemo::take_page_values`]) instead of copying.
    by_id: Arc<Vec<tera::Value>>,
    /// The last sitemap and the hash of what it lists.
    sitemap: Option<(u64, crate::render::FileBytes)>,
    /// The runs of lines the remembered files share.
    chunks: Chunks,
    /// The section and term views of the last good render.
    views: KeptViews,
    /// The document index of the last render, and the layout it was made for.
    docs: Option<(Layout, DocIndex)>,
}

impl RenderMemo {
    /// The runs of lines that rendered files share.
    pub fn chunks(&self) -> &Chunks {
        &self.chunks
    }

    /// Takes out the section and term views of the last good render (a render that
    /// fails leaves none behind: the next one makes every view).
    pub fn take_views(&mut self) -> KeptViews {
        std::mem::take(&mut self.views)
    }

    /// The document index of `site`, made again only when its layout is a new one (the
    /// index depends on nothing else).
    pub fn docs(&mut self, site: &Site) -> DocIndex {
        match &self.docs {
            Some((layout, docs)) if *layout == site.layout => docs.clone(),
            _ => {
                let docs = DocIndex::of(site);
                self.docs = Some((site.layout, docs.clone()));
                docs
            }
        }
    }

    /// Keeps the section and term views of a good render for the next one.
    pub fn keep_views(&mut self, views: KeptViews) {
        self.views = views;
    }

    /// The last good render's page values by page id, moved out for the next render
    /// (copied only if something still shares them); empty once taken.
    pub fn take_page_values(&mut self) -> Vec<tera::Value> {
        // The last render's functions, which shared them, are gone by now: another holder
        // would cost a copy of every value on each rebuild, unnoticed but for the time.
        debug_assert_eq!(Arc::strong_count(&self.by_id), 1);
        Arc::unwrap_or_clone(std::mem::take(&mut self.by_id))
    }

    /// The fingerprints of the last good render's page values, by page id.
    pub fn page_fingerprints(&self) -> &[u64] {
        &self.fingerprints
    }

    /// The template value of page `rel`, if it was built with this fingerprint.
    pub fn page_value(&self, rel: &str, fingerprint: u64) -> Option<tera::Value> {
        self.pages
            .get(rel)
            .filter(|(fp, _)| *fp == fingerprint)
            .map(|(_, v)| v.clone())
    }

    /// Remembers this build's page values: the fingerprint and value of every page of
    /// `site`, by page id. A fingerprint covers everything a page value is made of
    /// (its path too), so only values with a new fingerprint are stored again.
    pub fn update_pages(
        &mut self,
        site: &Site,
        fingerprints: &[u64],
        values: Arc<Vec<tera::Value>>,
    ) {
        for (id, (&fp, page)) in fingerprints.iter().zip(&site.pages).enumerate() {
            // The same fingerprint at the same id: the same page, stored already.
            if self.fingerprints.get(id) == Some(&fp) {
                continue;
            }
            match self.pages.get_mut(&page.rel) {
                Some(known) if known.0 == fp => {}
                Some(known) => *known = (fp, values[id].clone()),
                None => {
                    self.pages
                        .insert(page.rel.clone(), (fp, values[id].clone()));
                }
            }
        }
        if self.pages.len() > site.pages.len() {
            // Pages went away: forget them (rare, so the set is built only then).
            let keep: rustc_hash::FxHashSet<&str> =
                site.pages.iter().map(|p| p.rel.as_str()).collect();
            self.pages.retain(|rel, _| keep.contains(rel.as_str()));
        }
        self.fingerprints.clear();
        self.fingerprints.extend_from_slice(fingerprints);
        self.by_id = values;
    }

    /// The sitemap, if it was written for this key.
    pub fn sitemap(&self, key: u64) -> Option<crate::render::Output> {
        let (known, bytes) = self.sitemap.as_ref()?;
        (*known == key).then(|| crate::render::Output {
            path: super::extras::SITEMAP.into(),
            bytes: bytes.clone(),
        })
    }

    /// Remembers the sitemap written for `key`.
    pub fn keep_sitemap(&mut self, key: u64, bytes: crate::render::FileBytes) {
        self.sitemap = Some((key, bytes));
    }

    /// The remembered output at `path`, if any.
    pub fn get(&self, path: &str) -> Option<&Arc<Entry>> {
        self.entries.get(path)
    }

    /// Takes in a successful build: the entries rendered afresh (by site path), how
    /// many pages and sections it had, all their site paths (asked for only when some
    /// went away) and the paths of its other files. Returns the output paths of the
    /// remembered build that this one no longer has.
    pub fn update<'a, U: Iterator<Item = &'a str>>(
        &mut self,
        fresh: Vec<(&str, Option<Arc<Entry>>)>,
        jobs: usize,
        urls: impl FnOnce() -> U,
        extras: Vec<String>,
    ) -> Vec<String> {
        for (url, entry) in fresh {
            if let Some(entry) = entry {
                self.entries.insert(url.to_string(), entry);
            }
        }
        let mut removed: Vec<String> = if self.extras == extras {
            Vec::new()
        } else {
            let now: rustc_hash::FxHashSet<&String> = extras.iter().collect();
            let gone = self.extras.iter().filter(|p| !now.contains(p));
            gone.cloned().collect()
        };
        self.extras = extras;
        // Every page of this build is in the memo now, so more entries mean some of
        // the remembered ones went away (rare: the set is built only then).
        if self.entries.len() > jobs {
            let current: rustc_hash::FxHashSet<&str> = urls().collect();
            self.entries.retain(|url, _| {
                let keep = current.contains(url.as_str());
                if !keep {
                    removed.push(crate::model::output_path(url));
                }
                keep
            });
        }
        removed
    }
}

/// Hashes the current state of `deps` with `lookup` (content path or asset → hash).
pub fn deps_hash(deps: &[Dep], lookup: impl Fn(&Dep) -> Option<u64>) -> u64 {
    let mut h = Xxh3::new();
    for d in deps {
        match lookup(d) {
            Some(v) => h.update(&v.to_le_bytes()),
            // A vanished dependency never matches its earlier hash.
            None => h.update(b"missing"),
        }
        h.update(&[0]);
    }
    h.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recording_collects_only_the_reads_inside() {
        record(Dep::Asset("before".into()));
        let ((), deps) = recording(|| {
            record(Dep::Content("a.md".into()));
            record(Dep::Asset("css/x.css".into()));
        });
        record(Dep::Asset("after".into()));
        assert_eq!(
            deps,
            vec![Dep::Content("a.md".into()), Dep::Asset("css/x.css".into())]
        );
    }

    #[test]
    fn deps_hash_changes_with_a_value_or_a_missing_dependency() {
        let deps = vec![Dep::Content("a.md".into())];
        let a = deps_hash(&deps, |_| Some(1));
        assert_eq!(a, deps_hash(&deps, |_| Some(1)));
        assert_ne!(a, deps_hash(&deps, |_| Some(2)));
        assert_ne!(a, deps_hash(&deps, |_| None));
    }
}
