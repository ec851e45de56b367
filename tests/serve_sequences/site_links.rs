//! Root-relative links in the random sequences (`/projekte/a/#teil-1`, `/alt-5/`,
//! `/datei-3.pdf`): where lernort publishes a page, which such links hold, and a random
//! one that holds now. An alias's page may later move while the link stays unedited.

use super::Session;
use super::edits::{Page, anchor};

impl Page {
    /// The site path lernort gives the page: its folder, then its slug or file name
    /// (a bundle's folder name).
    pub fn url(&self) -> String {
        let (dir, stem) = match self.rel.strip_suffix("/index.md") {
            Some(bundle) => bundle.rsplit_once('/').unwrap_or(("", bundle)),
            None => {
                let (dir, file) = self.rel.rsplit_once('/').unwrap_or(("", &self.rel));
                (dir, file.trim_end_matches(".md"))
            }
        };
        let slug = self.slug.as_deref().unwrap_or(stem);
        if dir.is_empty() {
            format!("/{slug}/")
        } else {
            format!("/{dir}/{slug}/")
        }
    }
}

impl Session {
    /// Whether the root-relative `dest` names what the site publishes: a built page
    /// (with or without its trailing slash; its heading, if an anchor is given), an
    /// alias of one, or a download outside page bundles.
    pub fn holds_site(&self, dest: &str) -> bool {
        let (path, anchor_id) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (dest, None),
        };
        let file = anchor_id.is_none()
            && self
                .files
                .iter()
                .any(|f| !f.contains("/buendel-") && format!("/{f}") == path);
        file || self.pages.iter().any(|p| {
            let url = p.url();
            let named = url == path
                || url.strip_suffix('/') == Some(path)
                || p.aliases.iter().any(|a| a == path);
            !p.draft && named && anchor_id.is_none_or(|a| p.headings.iter().any(|h| anchor(h) == a))
        })
    }

    /// A root-relative link that holds now: another built page's URL (sometimes without
    /// the trailing slash or with a heading), one of its aliases, or a download.
    pub fn site_target(&mut self, from: usize) -> Option<String> {
        let downloads: Vec<String> = self
            .files
            .iter()
            .filter(|f| !f.contains("/buendel-"))
            .map(|f| format!("/{f}"))
            .collect();
        if !downloads.is_empty() && self.rng.chance(20) {
            return Some(downloads[self.rng.below(downloads.len())].clone());
        }
        let candidates: Vec<usize> = (0..self.pages.len())
            .filter(|&j| j != from && !self.pages[j].draft)
            .collect();
        let page = &self.pages[*candidates.get(self.rng.below(candidates.len().max(1)))?];
        let (url, aliases, headings) = (page.url(), page.aliases.clone(), page.headings.clone());
        // Aliases often: their page may move or change its slug while the alias (and so
        // the link) stays, and the link must then follow the page without being edited.
        Some(match self.rng.below(5) {
            0 | 1 if !aliases.is_empty() => aliases[0].clone(),
            2 => url.trim_end_matches('/').to_string(),
            3 if !headings.is_empty() => {
                format!(
                    "{url}#{}",
                    anchor(&headings[self.rng.below(headings.len())])
                )
            }
            _ => url,
        })
    }
}
