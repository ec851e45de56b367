//! Updating the last good [`Site`] in place when only page texts changed (`serve`):
//! the common edit costs the work for that page, not for the whole site.
//!
//! It applies only where the result is certain to equal a fresh build: no file was
//! added or removed, the configuration and the assets are unchanged, and every edited
//! page keeps its URL, aliases and section, so no link anywhere resolves differently.
//! In every other case, and whenever the edit has a problem to report, it declines and
//! the full build runs (and reports exactly as `build` would).

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::bodies::{Links, render_body};
use super::build::new_page;
use super::cache::{BodyCache, RenderedBody};
use super::folders::is_bundle_index;
use super::sort::{compare_pages, title_key};
use super::{PageId, SectionId, Site};
use crate::content::Content;

impl Site {
    /// Applies the edited page texts in `content` to this site, which was built from
    /// the previous load. `edited` names the changed files. Returns false, leaving the
    /// site as it was, when only a full build gives the right result.
    pub fn update(&mut self, content: &Content, edited: &[String], bodies: &mut BodyCache) -> bool {
        if !content.problems.is_empty() || !content.failed.is_empty() {
            return false;
        }
        let docs: FxHashMap<&str, _> = content
            .pages
            .iter()
            .filter(|d| edited.contains(&d.rel))
            .map(|d| (d.rel.as_str(), d))
            .collect();
        // Section indexes and anything not built as a page (drafts) take the full path.
        if docs.len() != edited.len() {
            return false;
        }
        let ids: FxHashMap<&str, PageId> = self
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| docs.contains_key(p.rel.as_str()))
            .map(|(id, p)| (p.rel.as_str(), id))
            .collect();
        if ids.len() != docs.len() {
            return false;
        }
        let links = Links {
            routes: &self.routes,
            lang: &self.config.language,
        };
        let mut fresh = Vec::with_capacity(docs.len());
        for (rel, doc) in &docs {
            let id = ids[rel];
            let old = &self.pages[id];
            if doc.front_matter.draft && !self.config.drafts {
                return false;
            }
            let mut problems = Vec::new();
            let section = &self.sections[old.section];
            let mut page = new_page(
                doc,
                old.section,
                &section.url,
                is_bundle_index(rel),
                &self.config,
                &mut problems,
            );
            if !problems.is_empty() || page.url != old.url || page.aliases != old.aliases {
                return false;
            }
            let key = links.key(doc.hash);
            let body = match bodies.get(rel, key, &self.routes) {
                Some(hit) => hit,
                None => render_body(rel, &doc.display, (&doc.text, doc.body_start), &links),
            };
            if !body.problems.is_empty() {
                return false;
            }
            page.body = body.body.clone();
            fresh.push((id, page, key, body));
        }
        let by_rel: FxHashMap<&str, &Arc<RenderedBody>> = fresh
            .iter()
            .map(|(_, page, _, body)| (page.rel.as_str(), body))
            .collect();
        if !anchors_hold(bodies, &by_rel) {
            return false;
        }
        drop(by_rel);
        let mut touched: Vec<SectionId> = Vec::new();
        for (id, page, key, body) in fresh {
            bodies.insert(page.rel.clone(), key, body);
            touched.push(page.section);
            self.pages[id] = page;
        }
        touched.sort_unstable();
        touched.dedup();
        for s in touched {
            self.sort_section(s);
        }
        true
    }

    /// Orders one section's pages again, exactly as a full build orders them.
    fn sort_section(&mut self, id: SectionId) {
        let pages = &self.pages;
        let section = &mut self.sections[id];
        let keys: FxHashMap<PageId, String> = section
            .pages
            .iter()
            .map(|&p| (p, title_key(&pages[p].title)))
            .collect();
        let sort_by = section.sort_by;
        section.pages.sort_by(|&a, &b| {
            compare_pages(sort_by, (&pages[a], &keys[&a]), (&pages[b], &keys[&b]))
        });
    }
}

/// Whether every link into a heading still finds it, with the `edited` documents'
/// new headings: links from them, and links from unchanged documents into them.
fn anchors_hold(bodies: &BodyCache, edited: &FxHashMap<&str, &Arc<RenderedBody>>) -> bool {
    let headings = |rel: &str| match edited.get(rel) {
        Some(b) => Some(&b.heading_ids),
        None => bodies.get_any(rel).map(|b| &b.heading_ids),
    };
    let refs_hold = |body: &RenderedBody| {
        body.anchor_refs
            .iter()
            .all(|a| headings(&a.document).is_some_and(|ids| ids.contains(&a.anchor)))
    };
    if !edited.values().all(|b| refs_hold(b)) {
        return false;
    }
    // Links from unchanged documents held before; only a heading that went away can
    // break one. Most edits keep every heading, and then nothing else is looked at.
    let lost: Vec<&str> = edited
        .iter()
        .filter(|(rel, new)| {
            bodies
                .get_any(rel)
                .is_some_and(|old| !old.heading_ids.is_subset(&new.heading_ids))
        })
        .map(|(rel, _)| *rel)
        .collect();
    lost.is_empty()
        || bodies.iter().all(|(rel, body)| {
            edited.contains_key(rel)
                || body
                    .anchor_refs
                    .iter()
                    .filter(|a| lost.contains(&a.document.as_str()))
                    .all(|a| headings(&a.document).is_some_and(|ids| ids.contains(&a.anchor)))
        })
}
