//! A fixed table of content paths, so that Markdown links resolve (or fail) without a
//! site. Shared by `tests/properties.rs` and the fuzz targets (included by path).

use lernort::markdown::{Resolve, Resolved, Unresolved};

/// Resolves the few paths of a small imagined site: the home page, the section
/// `projekte/` with the pages `seite.md` (the document being rendered) and
/// `andere.md`, and the download `projekte/bericht.pdf`, by content path or by their
/// site paths (root-relative links).
pub struct Table {
    /// The base path, `""` or e.g. `/kbm`.
    pub base_path: &'static str,
}

const SIZE: u64 = 123_456;

impl Resolve for Table {
    fn resolve(&self, rel: &str) -> Result<Resolved, Unresolved> {
        let (url, document, size) = match rel {
            "" | "_index.md" => ("/", Some("_index.md"), None),
            "projekte" | "projekte/_index.md" => ("/projekte/", Some("projekte/_index.md"), None),
            "projekte/seite.md" => ("/projekte/seite/", Some("projekte/seite.md"), None),
            "projekte/andere.md" => ("/projekte/andere/", Some("projekte/andere.md"), None),
            "projekte/bericht.pdf" => ("/projekte/bericht.pdf", None, Some(SIZE)),
            _ => {
                return Err(Unresolved {
                    reason: lernort::text!("model-link-missing-file", rel = rel),
                    hint: lernort::text!("model-link-check-path"),
                });
            }
        };
        Ok(Resolved {
            url: format!("{}{url}", self.base_path),
            document: document.map(str::to_owned),
            size,
        })
    }

    fn base_path(&self) -> &str {
        self.base_path
    }

    fn absolute(&self, url: &str) -> String {
        format!("https://example.org{url}")
    }

    fn resolve_url(&self, path: &str) -> Result<Resolved, Unresolved> {
        let rel = match path {
            "/" => "_index.md",
            "/projekte/" => "projekte/_index.md",
            "/projekte/seite/" => "projekte/seite.md",
            "/projekte/andere/" => "projekte/andere.md",
            "/projekte/bericht.pdf" => "projekte/bericht.pdf",
            _ => {
                return Err(Unresolved {
                    reason: lernort::text!("model-link-unpublished"),
                    hint: lernort::text!("model-link-no-address"),
                });
            }
        };
        self.resolve(rel)
    }
}
