//! Updating the last good [`Site`] in place when only page texts changed (`serve`):
//! the common edit costs the work for that page, not for the whole site.
//!
//! It applies only where the result is certain to equal a fresh build: no file was
//! added or removed, the configuration and the assets are unchanged, and every edited
//! page keeps its URL, aliases and section, so no link anywhere resolves differently,
//! and its dates, so that it stays shown (or archived) and the next change stays.
//! In every other case, and whenever the edit has a problem to report, it declines and
//! the full build runs (and reports exactly as `build` would).

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::bodies::{Links, body_of};
use super::build::new_page;
use super::cache::{BodyCache, RenderedBody};
use super::folders::is_bundle_index;
use super::sort::{sort_pages, sorts_alike};
use super::{PageId, SectionId, Site};
use crate::content::Document;
use crate::content::front_matter::PageFrontMatter;
use crate::schedule::{self, Visibility};

/// An edited page's new record.
struct Fresh {
    id: PageId,
    page: super::Page,
    body: Arc<RenderedBody>,
    /// Whether it sorts differently now (see [`sorts_alike`]).
    moves: bool,
}

impl Site {
    /// Applies the edited pages `docs` to this site, which was built from the load
    /// before (which found no problem, as the one of `docs` did not), with words
    /// counted as `count_words` says. Returns false, leaving the site as it was, when
    /// only a full build gives the right result.
    pub fn update(
        &mut self,
        docs: &[Arc<Document<PageFrontMatter>>],
        bodies: &mut BodyCache,
        count_words: bool,
    ) -> bool {
        let mut ids = Vec::with_capacity(docs.len());
        for doc in docs {
            // Section indexes and anything not built as a page (drafts) take the full path.
            match self.page_id(&doc.rel) {
                Some(id) => ids.push(id),
                None => return false,
            }
        }
        let content_dir = self.config.content_dir();
        let links = Links::new(&self.routes, &self.config, &content_dir, count_words);
        let mut fresh = Vec::with_capacity(docs.len());
        let mut lost = Vec::new();
        for (&id, doc) in ids.iter().zip(docs) {
            match self.updated_page((id, &doc.rel, doc), &links, bodies, &mut lost) {
                Some(page) => fresh.push(page),
                None => return false,
            }
        }
        let by_rel: FxHashMap<&str, &Arc<RenderedBody>> = fresh
            .iter()
            .map(|f| (f.page.rel.as_str(), &f.body))
            .collect();
        if !anchors_hold(bodies, &by_rel, &lost) {
            return false;
        }
        drop(by_rel);
        // Only a page that sorts differently now can move in its lists.
        let mut touched: Vec<SectionId> = Vec::new();
        let moved: Vec<PageId> = fresh.iter().filter(|f| f.moves).map(|f| f.id).collect();
        for f in fresh {
            if f.moves {
                touched.push(f.page.section);
            }
            self.pages[f.id] = f.page;
        }
        touched.sort_unstable();
        touched.dedup();
        for s in touched {
            self.sort_section(s);
        }
        // A new title or date may move the pages in their terms' lists too.
        if moved.is_empty() {
            return true;
        }
        for t in 0..self.taxonomies.len() {
            let sort_by = self.taxonomies[t].sort_by;
            for i in 0..self.taxonomies[t].terms.len() {
                let term = &self.taxonomies[t].terms[i];
                if term.pages.iter().any(|p| moved.contains(p)) {
                    let mut ids = std::mem::take(&mut self.taxonomies[t].terms[i].pages);
                    sort_pages(&mut ids, sort_by, &self.pages);
                    self.taxonomies[t].terms[i].pages = ids;
                }
            }
        }
        true
    }

    /// Page `id`'s new record from its edited `doc`, with its body; `None` when only a
    /// full build gives the right result. A page that lost a heading goes to `lost`.
    fn updated_page(
        &self,
        (id, rel, doc): (PageId, &str, &Arc<Document<PageFrontMatter>>),
        links: &Links,
        bodies: &mut BodyCache,
        lost: &mut Vec<String>,
    ) -> Option<Fresh> {
        let old = &self.pages[id];
        if doc.front_matter.draft && !self.config.drafts {
            return None;
        }
        let mut problems = Vec::new();
        let section = &self.sections[old.section];
        let mut page = new_page(
            doc,
            (old.section, section),
            is_bundle_index(rel),
            &self.config,
            &mut problems,
        );
        let builtin = crate::content::front_matter::builtin_keys(&self.config.taxonomies);
        let kind = page.type_name.clone();
        page.fields = super::fields::of(
            doc,
            kind.as_deref(),
            self.routes.as_ref(),
            &self.config,
            &builtin,
            &mut problems,
        );
        // Terms decide which term pages exist and what links to them resolve to.
        let same_place = page.url == old.url && page.aliases == old.aliases;
        if !problems.is_empty() || !same_place || page.terms != old.terms {
            return None;
        }
        // A page that is hidden now, or whose dates moved, changes what the build
        // leaves out, lists, archives and announces: the full build decides.
        let visibility = schedule::visibility_of(&doc.front_matter, section.expired, &self.config);
        if matches!(visibility, Visibility::Hidden(_))
            || page.publish_date != old.publish_date
            || page.expiry_date != old.expiry_date
            || page.archived != old.archived
        {
            return None;
        }
        let (key, body) = body_of(bodies, doc, links);
        // Links from unchanged documents held before; only a heading that went away
        // can break one (the cache still holds the last good site's body here).
        if bodies
            .get_any(rel)
            .is_some_and(|old| !old.heading_ids.is_subset(&body.heading_ids))
        {
            lost.push(page.rel.clone());
        }
        // Kept even if the update declines below: the full build then finds it.
        bodies.insert(page.rel.clone(), key, Arc::clone(&body));
        if !body.problems.is_empty() {
            return None;
        }
        page.body = body.body.clone();
        page.record_hash = super::record_hash::of(&page);
        let moves = !sorts_alike(&page, old);
        Some(Fresh {
            id,
            page,
            body,
            moves,
        })
    }

    /// The page built from the file at `rel`. Pages are in walk order (the order of the
    /// documents they are built from), so a binary search finds it; a linear one makes
    /// sure should that order ever change.
    fn page_id(&self, rel: &str) -> Option<PageId> {
        let order = |p: &super::Page| crate::content::walk::walk_order(&p.rel, rel);
        match self.pages.binary_search_by(order) {
            Ok(id) => Some(id),
            Err(_) => self.pages.iter().position(|p| p.rel == rel),
        }
    }

    /// Orders one section's pages again, exactly as a full build orders them.
    fn sort_section(&mut self, id: SectionId) {
        let section = &mut self.sections[id];
        sort_pages(&mut section.pages, section.sort_by, &self.pages);
        sort_pages(&mut section.archived, section.sort_by, &self.pages);
    }
}

/// Whether every link into a heading still finds it, with the `edited` documents'
/// new headings: links from them, and links from unchanged documents into the `lost`
/// ones (edited documents that no longer have a heading they had).
fn anchors_hold(
    bodies: &BodyCache,
    edited: &FxHashMap<&str, &Arc<RenderedBody>>,
    lost: &[String],
) -> bool {
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
    // Most edits keep every heading, and then nothing else is looked at.
    lost.is_empty()
        || bodies.iter().all(|(rel, body)| {
            edited.contains_key(rel)
                || body
                    .anchor_refs
                    .iter()
                    .filter(|a| lost.contains(&a.document))
                    .all(|a| headings(&a.document).is_some_and(|ids| ids.contains(&a.anchor)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Overrides};
    use crate::content::{self, cache::ContentCache};

    const A: &str = "---\ntitle: Anfang\n---\nText.\n\n## Ziele\n\nMehr.\n";
    const B: &str = "---\ntitle: Bericht\n---\nSiehe [Ziele](a.md#ziele).\n";
    const C: &str = "---\ntitle: Chronik\n---\nOhne Verweise.\n\n## Jahre\n";

    /// A site with three pages in one section, built as `serve` builds it.
    struct Fixture {
        dir: tempfile::TempDir,
        config: Config,
        files: ContentCache,
        bodies: BodyCache,
        site: Site,
    }

    impl Fixture {
        fn new() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path();
            std::fs::write(
                root.join("site.yaml"),
                "title: T\nbase_url: https://x.example\n",
            )
            .unwrap();
            std::fs::create_dir_all(root.join("content/p")).unwrap();
            for (rel, text) in [
                ("_index.md", "---\ntitle: S\n---\n"),
                ("p/a.md", A),
                ("p/b.md", B),
                ("p/c.md", C),
            ] {
                std::fs::write(root.join("content").join(rel), text).unwrap();
            }
            let config = Config::load(root, &Overrides::default()).unwrap();
            let mut files = ContentCache::default();
            let mut bodies = BodyCache::default();
            let loaded = content::load_cached(&config, Some(&mut files)).unwrap();
            let site =
                Site::build_cached(config.clone(), loaded, &[], (&mut bodies, true)).unwrap();
            Fixture {
                dir,
                config,
                files,
                bodies,
                site,
            }
        }

        /// Writes `text` to `rel` and applies it in place; whether that was possible.
        fn edit(&mut self, rel: &str, text: &str) -> bool {
            std::fs::write(self.dir.path().join("content").join(rel), text).unwrap();
            self.files.note_changed([rel]);
            match content::load_changes(&self.config, &mut self.files).unwrap() {
                content::Changes::Edited(docs) => self.site.update(&docs, &mut self.bodies, true),
                // A problem in the front matter, or a section's index: declined before
                // the model sees it.
                content::Changes::Full(_) => false,
            }
        }

        /// What a fresh build of the current files gives, in the terms compared here.
        fn summary(site: &Site) -> Vec<String> {
            let mut out: Vec<String> = site
                .pages
                .iter()
                .map(|p| format!("{} {} {} {:x}", p.rel, p.url, p.title, p.body.hash))
                .collect();
            for s in &site.sections {
                let order: Vec<&str> = s
                    .pages
                    .iter()
                    .map(|&p| site.pages[p].rel.as_str())
                    .collect();
                out.push(format!("{}: {}", s.rel, order.join(", ")));
            }
            out
        }

        fn fresh(&self) -> Vec<String> {
            let loaded = content::load(&self.config).unwrap();
            Self::summary(&Site::build(self.config.clone(), loaded, &[]).unwrap())
        }
    }

    #[test]
    fn a_text_edit_is_applied_in_place_like_a_fresh_build() {
        let mut f = Fixture::new();
        assert!(f.edit("p/c.md", &C.replace("Ohne Verweise.", "Neu.")));
        assert_eq!(Fixture::summary(&f.site), f.fresh());
    }

    #[test]
    fn a_new_title_reorders_the_section_like_a_fresh_build() {
        let mut f = Fixture::new();
        let before = Fixture::summary(&f.site);
        assert!(f.edit("p/a.md", &A.replace("Anfang", "Zuletzt")));
        let after = Fixture::summary(&f.site);
        assert_ne!(before.last(), after.last(), "the order changed");
        assert_eq!(after, f.fresh());
    }

    #[test]
    fn a_heading_no_link_needs_may_go() {
        let mut f = Fixture::new();
        assert!(f.edit("p/c.md", &C.replace("## Jahre\n", "")));
        assert_eq!(Fixture::summary(&f.site), f.fresh());
    }

    #[test]
    fn edits_that_could_change_other_pages_or_report_problems_are_declined() {
        for (rel, text, why) in [
            (
                "p/a.md",
                A.replace("## Ziele", "## Pläne"),
                "b.md links to #ziele",
            ),
            (
                "p/c.md",
                C.replace("title: Chronik", "title: Chronik\nslug: jahre"),
                "a new URL",
            ),
            (
                "p/c.md",
                C.replace("title: Chronik", "title: Chronik\ndraft: true"),
                "a draft",
            ),
            (
                "p/c.md",
                C.replace("Ohne Verweise.", "[weg](fehlt.md)"),
                "a dead link",
            ),
            (
                "p/c.md",
                C.replace("title: Chronik", "title: Chronik\ndate: gestern"),
                "a bad date",
            ),
            (
                "_index.md",
                "---\ntitle: Neu\n---\n".to_string(),
                "a section index",
            ),
            // Dates far from any clock a test runs at: the page stays shown, or goes.
            (
                "p/c.md",
                C.replace("title: Chronik", "title: Chronik\npublish_date: 2000-01-01"),
                "a new publish date",
            ),
            (
                "p/c.md",
                C.replace("title: Chronik", "title: Chronik\nexpiry_date: 2000-01-01"),
                "a page that has expired",
            ),
            (
                "p/c.md",
                C.replace("title: Chronik", "title: Chronik\npublish_date: 9000-01-01"),
                "a page that is not published yet",
            ),
        ] {
            let mut f = Fixture::new();
            let before = Fixture::summary(&f.site);
            assert!(!f.edit(rel, &text), "{why}");
            assert_eq!(
                Fixture::summary(&f.site),
                before,
                "{why}: the site is unchanged"
            );
        }
    }
}
