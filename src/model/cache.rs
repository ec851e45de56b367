//! Markdown results kept between rebuilds: `serve` renders a document again only when
//! its text changed or one of the link targets it looked up resolves differently now.
//! `build` starts with an empty cache, so both produce the same site.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{Body, Routes};
use crate::error::Diagnostic;
use crate::markdown::AnchorRef;

/// What rendering one document produced, shared between the model and the cache.
#[derive(Debug)]
pub struct RenderedBody {
    /// The HTML and what templates need from it.
    pub body: Body,
    /// Dead links and other problems.
    pub problems: Vec<Diagnostic>,
    /// Links into headings, checked against every document's headings.
    pub anchor_refs: Vec<AnchorRef>,
    /// The document's heading ids.
    pub heading_ids: crate::markdown::HeadingIds,
    /// Every link target the rendering looked up, in order.
    pub lookups: Vec<Lookup>,
    /// What those lookups gave (see [`Routes::replay`]).
    pub lookups_hash: u64,
    /// The text could not be read again: no headings are known, and links into them
    /// are not reported as missing (the reading's own error is).
    pub unread: bool,
}

impl RenderedBody {
    /// A body that could not be rendered because its text could not be read again;
    /// never a cache hit (its lookups hash is not what replaying no lookups gives).
    pub fn failed(problem: Diagnostic) -> RenderedBody {
        RenderedBody {
            body: Body::default(),
            problems: vec![problem],
            anchor_refs: Vec::new(),
            heading_ids: crate::markdown::HeadingIds::default(),
            lookups: Vec::new(),
            lookups_hash: !xxhash_rust::xxh3::Xxh3::new().digest(),
            unread: true,
        }
    }
}

/// A link target a rendering looked up in the route table.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// A content path (a page, a section or another file).
    Content(String),
    /// What is published at a site path (a root-relative link).
    SitePath(String),
}

/// The identity of a rendering besides its lookups: the document text, and the
/// language and base URL it was rendered for.
pub type Key = (u64, u64);

/// Rendered documents by content path, with the key they were rendered under.
#[derive(Debug, Default)]
pub struct BodyCache {
    entries: FxHashMap<String, (Key, Arc<RenderedBody>)>,
}

impl BodyCache {
    /// The earlier result for `rel` if it was rendered under the same key and its
    /// lookups give the same results in `routes`.
    pub fn get(&self, rel: &str, key: Key, routes: &Routes) -> Option<Arc<RenderedBody>> {
        self.entries
            .get(rel)
            .filter(|(k, r)| *k == key && routes.replay(&r.lookups) == r.lookups_hash)
            .map(|(_, r)| Arc::clone(r))
    }

    /// The cached result for `rel`, whatever it was rendered under.
    pub fn get_any(&self, rel: &str) -> Option<&RenderedBody> {
        self.entries.get(rel).map(|(_, r)| &**r)
    }

    /// Every cached result by content path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RenderedBody)> {
        self.entries
            .iter()
            .map(|(rel, (_, r))| (rel.as_str(), &**r))
    }

    /// Stores one document's result.
    pub fn insert(&mut self, rel: String, key: Key, body: Arc<RenderedBody>) {
        self.entries.insert(rel, (key, body));
    }

    /// Replaces the whole cache with this build's results (deleted documents drop out).
    pub fn replace(&mut self, entries: FxHashMap<String, (Key, Arc<RenderedBody>)>) {
        self.entries = entries;
    }
}

/// What the model keeps between rebuilds (`serve`): Markdown results, and the last good
/// site with the asset sizes it was built with, to update in place.
#[derive(Debug, Default)]
pub struct ModelCache {
    /// Markdown results by document.
    pub bodies: BodyCache,
    /// The last site that rendered without errors.
    pub last: Option<super::Site>,
    /// The asset files (path, size) `last` was built with.
    pub static_files: Vec<(String, u64)>,
    /// Whether `last`'s bodies have their words counted.
    pub count_words: bool,
}
