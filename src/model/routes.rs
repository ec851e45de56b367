//! The route table: every content path (pages, sections, other files) and its URL.
//! Markdown link resolution and the `get_page`/`url` template functions use it.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use super::cache::Lookup;
use super::published::Published;
use crate::markdown::{Resolve, Resolved, Unresolved};
use crate::schedule::Unpublished;
use crate::text;

/// What a content path leads to.
#[derive(Debug, Clone)]
pub struct Route {
    /// The site path.
    pub url: String,
    /// Whether it is a Markdown document (page or section), whose headings are anchors.
    pub is_document: bool,
}

/// Content paths → URLs.
#[derive(Debug, Default)]
pub struct Routes {
    by_rel: FxHashMap<String, Route>,
    drafts: HashSet<String>,
    /// Pages left out by their dates, and the files of such page bundles: content path
    /// → (the page, why it is left out).
    unpublished: FxHashMap<String, (String, Unpublished)>,
    /// The site path each page left out by its dates would have → the page.
    unpublished_urls: FxHashMap<String, String>,
    /// Site path (without the base path) → size, for every copied file.
    file_sizes: FxHashMap<String, u64>,
    /// Pages, sections, aliases and fixed files by site path, for root-relative links.
    published: Published,
    base_path: String,
    origin: String,
}

impl Routes {
    /// An empty table for a site at `base_url` (e.g. `https://example.org/kbm`): resolved
    /// URLs start with its path.
    pub fn new(base_url: &str, base_path: &str) -> Self {
        Routes {
            base_path: base_path.to_string(),
            origin: base_url[..base_url.len() - base_path.len()].to_string(),
            ..Routes::default()
        }
    }

    /// A hash of everything links can resolve to (every URL, published path, file size
    /// and draft, and the base URL): the sitemap is written again only when it changes.
    pub fn fingerprint(&self) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        let mut routes: Vec<_> = self.by_rel.iter().collect();
        routes.sort_by(|a, b| a.0.cmp(b.0));
        for (rel, route) in routes {
            h.update(rel.as_bytes());
            h.update(&[0, u8::from(route.is_document)]);
            h.update(route.url.as_bytes());
            h.update(&[0]);
        }
        let mut sizes: Vec<_> = self.file_sizes.iter().collect();
        sizes.sort();
        for (path, size) in sizes {
            h.update(path.as_bytes());
            h.update(&size.to_le_bytes());
        }
        self.published.hash_into(&mut h);
        let mut drafts: Vec<_> = self.drafts.iter().collect();
        drafts.sort();
        for d in drafts {
            h.update(d.as_bytes());
            h.update(&[0]);
        }
        let mut unpublished: Vec<_> = self.unpublished.iter().collect();
        unpublished.sort_by(|a, b| a.0.cmp(b.0));
        for (rel, (page, why)) in unpublished {
            for part in [rel.as_str(), page, &why.key()] {
                h.update(part.as_bytes());
                h.update(&[0]);
            }
        }
        let mut urls: Vec<_> = self.unpublished_urls.iter().collect();
        urls.sort();
        for (url, page) in urls {
            for part in [url, page] {
                h.update(part.as_bytes());
                h.update(&[0]);
            }
        }
        h.update(self.base_path.as_bytes());
        h.update(&[0]);
        h.update(self.origin.as_bytes());
        h.digest()
    }

    /// A hash of what the lookups give now: a rendering that made them gives the same
    /// HTML as long as this hash is unchanged.
    pub fn replay(&self, lookups: &[Lookup]) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for lookup in lookups {
            let value = match lookup {
                Lookup::Content(rel) => self.resolution(rel),
                Lookup::SitePath(path) => hash_answer(&self.resolve_url(path)),
            };
            h.update(&value.to_le_bytes());
        }
        h.digest()
    }

    /// A hash of what the content path `rel` resolves to (or why it does not).
    pub fn resolution(&self, rel: &str) -> u64 {
        hash_answer(&self.resolve(rel))
    }

    /// A hash of what every rendering shares: the base URL's path and origin.
    pub fn base_fingerprint(&self) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(self.base_path.as_bytes());
        h.update(&[0]);
        h.update(self.origin.as_bytes());
        h.digest()
    }

    /// Records a file copied to site path `path` (e.g. `/projekte/lvo/plan.pdf`).
    pub fn insert_file_size(&mut self, path: String, size: u64) {
        self.file_sizes.insert(path, size);
    }

    /// Records that `rel` is served at `url`.
    pub fn insert(&mut self, rel: String, url: String, is_document: bool) {
        self.by_rel.insert(rel, Route { url, is_document });
    }

    /// Records that a root-relative link to the site path `path` leads to `url` (the
    /// same path, or an alias's page), whose anchors are the headings of `document`.
    pub fn insert_published(&mut self, path: String, url: String, document: Option<String>) {
        self.published.insert(path, url, document);
    }

    /// Records a file that failed to load: links to it are not reported again.
    pub fn insert_broken(&mut self, rel: String) {
        self.insert(rel, "/".into(), false);
    }

    /// Records a draft left out of this build, so links to it get a precise message.
    pub fn insert_draft(&mut self, rel: String) {
        self.drafts.insert(rel);
    }

    /// Records a page left out of this build by its `publish_date` or `expiry_date`, so
    /// that links to it say why and when.
    pub fn insert_unpublished(&mut self, rel: String, why: Unpublished) {
        self.unpublished.insert(rel.clone(), (rel, why));
    }

    /// Records the site path `url` that the page `rel`, left out by its dates, would
    /// have: a root-relative link to it is told the same as a link to its file.
    pub fn insert_unpublished_url(&mut self, url: String, rel: String) {
        self.unpublished_urls.insert(url, rel);
    }

    /// Records a file of the page bundle `page`, if that page is left out by its dates
    /// (see [`Routes::insert_unpublished`]); whether it is.
    pub fn insert_unpublished_file(&mut self, rel: String, page: &str) -> bool {
        match self.unpublished.get(page).cloned() {
            Some(entry) => {
                self.unpublished.insert(rel, entry);
                true
            }
            None => false,
        }
    }

    /// Why `rel` (or the folder page it names) is left out by its dates, as a link's
    /// reason and hint.
    pub fn unpublished_reason(&self, rel: &str) -> Option<Unresolved> {
        let bare = rel.trim_end_matches('/');
        let (page, why) = [
            bare.to_string(),
            crate::content::join(bare, "_index.md"),
            crate::content::join(bare, "index.md"),
        ]
        .iter()
        .find_map(|candidate| self.unpublished.get(candidate))?;
        let (reason, hint) = why.reason(page);
        Some(Unresolved { reason, hint })
    }

    /// Why nothing is published at the site path `path` when it is the URL of a page
    /// left out by its dates (also without its `/` or with `index.html`).
    fn unpublished_at(&self, path: &str) -> Option<Unresolved> {
        let dir = path.strip_suffix("index.html").filter(|d| d.ends_with('/'));
        let page = self
            .unpublished_urls
            .get(path)
            .or_else(|| self.unpublished_urls.get(&format!("{path}/")))
            .or_else(|| dir.and_then(|d| self.unpublished_urls.get(d)))?;
        self.unpublished_reason(page)
    }

    /// Finds `rel`, also as a folder (its `_index.md` or bundle `index.md`).
    pub fn find(&self, rel: &str) -> Option<(&str, &Route)> {
        let rel = rel.trim_end_matches('/');
        if let Some((k, r)) = self.by_rel.get_key_value(rel) {
            return Some((k.as_str(), r));
        }
        for index in ["_index.md", "index.md"] {
            let candidate = crate::content::join(rel, index);
            if let Some((k, r)) = self.by_rel.get_key_value(&candidate) {
                return Some((k.as_str(), r));
            }
        }
        None
    }
}

impl Resolve for Routes {
    fn base_path(&self) -> &str {
        &self.base_path
    }

    fn resolve_url(&self, path: &str) -> Result<Resolved, Unresolved> {
        match self.published.find(path, &self.file_sizes) {
            Some(found) => Ok(Resolved {
                url: format!("{}{}", self.base_path, found.url),
                document: found.document,
                size: found.size,
            }),
            None => Err(self.unpublished_at(path).unwrap_or_else(|| {
                self.published
                    .missing(path, &self.file_sizes, &self.base_path)
            })),
        }
    }

    fn absolute(&self, url: &str) -> String {
        format!("{}{url}", self.origin)
    }

    fn resolve(&self, rel: &str) -> Result<Resolved, Unresolved> {
        if let Some((key, route)) = self.find(rel) {
            return Ok(Resolved {
                url: format!("{}{}", self.base_path, route.url),
                document: route.is_document.then(|| key.to_string()),
                size: self.file_sizes.get(&route.url).copied(),
            });
        }
        let bare = rel.trim_end_matches('/');
        let draft = [
            bare.to_string(),
            crate::content::join(bare, "_index.md"),
            crate::content::join(bare, "index.md"),
        ]
        .into_iter()
        .find(|candidate| self.drafts.contains(candidate));
        if draft.is_none()
            && let Some(why) = self.unpublished_reason(rel)
        {
            return Err(why);
        }
        let (reason, hint) = if let Some(draft) = draft {
            let hint = if draft.ends_with(".md") {
                text!("model-link-draft.hint", draft = draft)
            } else {
                text!("model-link-draft.folder-hint")
            };
            (text!("model-link-draft"), hint)
        } else if rel.ends_with(".md") {
            (
                text!("model-link-missing-page", rel = rel),
                text!("model-link-check-path"),
            )
        } else {
            (
                text!("model-link-missing-file", rel = rel),
                text!("model-link-check-path"),
            )
        };
        Err(Unresolved { reason, hint })
    }
}

/// A hash of a lookup's answer (or of why there is none), for [`Routes::replay`].
fn hash_answer(answer: &Result<Resolved, Unresolved>) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    match answer {
        Ok(r) => {
            h.update(r.url.as_bytes());
            h.update(&[0]);
            h.update(r.document.as_deref().unwrap_or("\0").as_bytes());
            h.update(&r.size.map_or(u64::MAX, |s| s).to_le_bytes());
        }
        Err(u) => {
            h.update(&[1]);
            // Ids and arguments, not words: the same in every language and every run.
            std::hash::Hash::hash(&u.reason, &mut h);
            std::hash::Hash::hash(&u.hint, &mut h);
        }
    }
    h.digest()
}
