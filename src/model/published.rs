//! What the site publishes at each site path, for root-relative Markdown links
//! (`/impressum/`): pages, sections, aliases (which lead to their page), the fixed files
//! every build writes, and copied files (assets and files from `content/`, whose sizes
//! the route table keeps). Part of the route table; pure lookups.

use rustc_hash::FxHashMap;

use crate::markdown::Unresolved;
use crate::text;

/// Files every build writes besides pages and aliases (see `render::output_urls`).
pub const FIXED_OUTPUTS: [&str; 3] = ["/404.html", "/sitemap.xml", "/robots.txt"];

/// The target of one published site path.
#[derive(Debug, Clone)]
struct Entry {
    /// Where a link to it should point: the page itself for an alias.
    url: String,
    /// The Markdown document (content-relative) whose headings are its anchors.
    document: Option<String>,
}

/// A published target found for a site path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The canonical site path (without the base path).
    pub url: String,
    /// The document whose headings are its anchors, if any.
    pub document: Option<String>,
    /// The size, if it is a copied file.
    pub size: Option<u64>,
}

/// Site paths of pages, sections, aliases and fixed files.
#[derive(Debug, Default)]
pub struct Published {
    by_url: FxHashMap<String, Entry>,
}

impl Published {
    /// Records that a link to `path` leads to `url` (equal but for an alias), a page or
    /// section whose anchors are the headings of `document`, if it has one.
    pub fn insert(&mut self, path: String, url: String, document: Option<String>) {
        self.by_url.insert(path, Entry { url, document });
    }

    /// Feeds every published path and its target into `h`, in a stable order.
    pub fn hash_into(&self, h: &mut xxhash_rust::xxh3::Xxh3) {
        let mut entries: Vec<_> = self.by_url.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (path, e) in entries {
            for part in [path.as_str(), &e.url, e.document.as_deref().unwrap_or("")] {
                h.update(part.as_bytes());
                h.update(&[0]);
            }
        }
    }

    /// What a link to `path` reaches: exactly that path, a copied file, or the page or
    /// section that `path` names without its trailing slash or with `index.html`.
    pub fn find(&self, path: &str, files: &FxHashMap<String, u64>) -> Option<Found> {
        let entry = |p: &str| {
            self.by_url.get(p).map(|e| Found {
                url: e.url.clone(),
                document: e.document.clone(),
                size: None,
            })
        };
        if let Some(found) = entry(path) {
            return Some(found);
        }
        if let Some(&size) = files.get(path) {
            return Some(Found {
                url: path.to_string(),
                document: None,
                size: Some(size),
            });
        }
        if let Some(dir) = path.strip_suffix("index.html").filter(|d| d.ends_with('/')) {
            return entry(dir);
        }
        entry(&format!("{path}/"))
    }

    /// Why nothing is published at `path`, with the nearest published path as a hint
    /// when one is close (and the fix when the link repeats the base path).
    pub fn missing(
        &self,
        path: &str,
        files: &FxHashMap<String, u64>,
        base_path: &str,
    ) -> Unresolved {
        let reason = text!("model-link-unpublished");
        if let Some(rest) = path
            .strip_prefix(base_path)
            .filter(|r| !base_path.is_empty() && r.starts_with('/'))
            && self.find(rest, files).is_some()
        {
            return Unresolved {
                reason,
                hint: text!("model-link-base-path", path = rest, base_path = base_path),
            };
        }
        let hint = match self.nearest(path, files) {
            Some(near) => text!("model-link-did-you-mean", near = near),
            None => text!("model-link-no-address"),
        };
        Unresolved { reason, hint }
    }

    /// The published path nearest to `path`, if it is near enough to be a typo.
    fn nearest(&self, path: &str, files: &FxHashMap<String, u64>) -> Option<String> {
        let limit = 2.max(path.chars().count() / 3);
        self.by_url
            .keys()
            .chain(files.keys())
            .map(|c| (strsim::levenshtein(path, c), c))
            .filter(|(d, _)| *d <= limit)
            // Ties broken by the path itself, so the hint is the same in every build.
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
            .map(|(_, c)| c.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (Published, FxHashMap<String, u64>) {
        let mut p = Published::default();
        p.insert("/".into(), "/".into(), Some("_index.md".into()));
        p.insert(
            "/impressum/".into(),
            "/impressum/".into(),
            Some("impressum.md".into()),
        );
        p.insert(
            "/alt/".into(),
            "/impressum/".into(),
            Some("impressum.md".into()),
        );
        let mut files = FxHashMap::default();
        files.insert("/downloads/plan.pdf".to_string(), 1200);
        (p, files)
    }

    #[test]
    fn pages_files_and_aliases_are_found() {
        let (p, files) = site();
        for path in [
            "/impressum/",
            "/impressum",
            "/impressum/index.html",
            "/alt/",
        ] {
            let found = p.find(path, &files).unwrap();
            assert_eq!(found.url, "/impressum/", "{path}");
            assert_eq!(found.document.as_deref(), Some("impressum.md"));
        }
        let pdf = p.find("/downloads/plan.pdf", &files).unwrap();
        assert_eq!((pdf.size, pdf.document), (Some(1200), None));
        assert_eq!(p.find("/fehlt/", &files), None);
    }

    #[test]
    fn the_hint_names_the_nearest_address() {
        let (p, files) = site();
        let hint =
            |path: &str, base_path: &str| p.missing(path, &files, base_path).hint.to_string();
        let h = hint("/impresum/", "");
        assert!(h.starts_with("did you mean `/impressum/`?"), "{h}");
        let h = hint("/downloads/plan.pfd", "");
        assert!(h.starts_with("did you mean `/downloads/plan.pdf`?"), "{h}");
        let h = hint("/ganz/anders/", "");
        assert!(!h.contains("did you mean"), "{h}");
        let h = hint("/kbm/impressum/", "/kbm");
        assert!(h.starts_with("write `/impressum/`"), "{h}");
    }
}
