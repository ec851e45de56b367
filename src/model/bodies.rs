//! Markdown bodies of the model: each document rendered with the site's link targets,
//! reused from the cache while its text and those targets are unchanged, and every
//! link into a heading checked against the headings that exist.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::cache::{BodyCache, Key, Lookup, RenderedBody};
use super::{Body, PageId, Routes, SectionId, Site};
use crate::content::Document;
use crate::content::front_matter::{PageFrontMatter, SectionFrontMatter};
use crate::error::{Diagnostic, Error, Result, dedup_diagnostics};
use crate::locale::Locale;
use crate::markdown::{self, AnchorRef, Input, Resolved, Unresolved};

type PageDoc = Arc<Document<PageFrontMatter>>;
type SectionDoc = Arc<Document<SectionFrontMatter>>;

/// What Markdown rendering resolves links with.
pub(super) struct Links<'a> {
    pub routes: &'a Routes,
    /// The documents' language tag (the site's); part of the cache key.
    pub lang: &'a str,
    /// The documents' locale: the site's [`crate::config::Config::locale`], made from
    /// `lang` (so the cache key covers it).
    pub locale: Locale,
    /// Where a document whose body was not kept is read again.
    pub content_dir: &'a std::path::Path,
    /// Whether the words are counted (some template shows them); part of the cache key.
    pub count_words: bool,
}

impl<'a> Links<'a> {
    /// The links of a site with these routes and configuration, whose documents are
    /// read again from `content_dir`, rendered with or without counting their words.
    pub fn new(
        routes: &'a Routes,
        config: &'a crate::config::Config,
        content_dir: &'a std::path::Path,
        count_words: bool,
    ) -> Self {
        Links {
            routes,
            lang: &config.language,
            locale: config.locale,
            content_dir,
            count_words,
        }
    }

    /// The cache key of a document with text hash `hash` rendered with these links
    /// (the cache also checks that its link targets still resolve the same way).
    pub fn key(&self, hash: u64) -> Key {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&self.routes.base_fingerprint().to_le_bytes());
        h.update(self.lang.as_bytes());
        h.update(&[u8::from(self.count_words)]);
        (hash, h.digest())
    }
}

/// The route table, noting every lookup a rendering makes: the rendering's HTML depends
/// on exactly those answers (and on its own text).
struct Recorder<'a> {
    routes: &'a Routes,
    lookups: Mutex<Vec<Lookup>>,
}

impl Recorder<'_> {
    fn note(&self, lookup: Lookup) {
        if let Ok(mut l) = self.lookups.lock() {
            l.push(lookup);
        }
    }
}

impl markdown::Resolve for Recorder<'_> {
    fn resolve(&self, rel: &str) -> Result<Resolved, Unresolved> {
        self.note(Lookup::Content(rel.to_string()));
        self.routes.resolve(rel)
    }

    fn resolve_url(&self, path: &str) -> Result<Resolved, Unresolved> {
        self.note(Lookup::SitePath(path.to_string()));
        self.routes.resolve_url(path)
    }

    fn base_path(&self) -> &str {
        self.routes.base_path()
    }

    fn absolute(&self, url: &str) -> String {
        self.routes.absolute(url)
    }
}

/// Renders one document's Markdown. The HTML becomes a template value right away, so
/// in the parallel loop the rendered `String`s never pile up next to their copies.
pub(super) fn render_body(
    rel: &str,
    display: &std::path::Path,
    (text, body_start): (&str, usize),
    links: &Links,
) -> Arc<RenderedBody> {
    let input = Input {
        text,
        body_start,
        rel,
        display,
        locale: links.locale,
        count_words: links.count_words,
    };
    let recorder = Recorder {
        routes: links.routes,
        lookups: Mutex::default(),
    };
    let r = markdown::render(&input, &recorder);
    let lookups = recorder
        .lookups
        .into_inner()
        .unwrap_or_else(|p| p.into_inner());
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(r.html.as_bytes());
    h.update(&[0]);
    h.update(r.summary.as_bytes());
    h.update(&r.word_count.to_le_bytes());
    let body = Body {
        html: tera::Value::safe_string(&r.html),
        summary: tera::Value::safe_string(&r.summary),
        toc: r.toc.into(),
        word_count: r.word_count,
        hash: h.digest(),
    };
    Arc::new(RenderedBody {
        body,
        problems: r.problems,
        anchor_refs: r.anchor_refs,
        heading_ids: r.heading_ids,
        lookups_hash: links.routes.replay(&lookups),
        lookups,
        unread: false,
    })
}

/// A document's body: the cached one while it still holds (same text, same answers
/// to its lookups), else rendered now.
pub(super) fn body_of<F>(
    cache: &BodyCache,
    doc: &Document<F>,
    links: &Links,
) -> (Key, Arc<RenderedBody>) {
    let key = links.key(doc.hash);
    match cache.get(&doc.rel, key, links.routes) {
        Some(hit) => (key, hit),
        None => {
            let render = |text: &str| {
                let text = (text, doc.body_start);
                render_body(&doc.rel, &doc.display, text, links)
            };
            let body = doc.with_full_text(links.content_dir, render);
            (
                key,
                body.unwrap_or_else(|problem| Arc::new(RenderedBody::failed(problem))),
            )
        }
    }
}

/// A site whose Markdown is still to render: every record, route and list of the
/// finished site, with empty bodies, and the documents to render them from.
pub struct Unrendered {
    pub(super) site: Site,
    pub(super) section_docs: Vec<SectionDoc>,
    /// The documents of `site.pages`, in the same order.
    pub(super) page_docs: Vec<PageDoc>,
    pub(super) problems: Vec<Diagnostic>,
}

/// Called with each page's body as soon as it is rendered, from any thread, with the
/// site as it is before bodies (its own pages have empty ones). Returns the parts of
/// the body that nothing reads any more, which the site then keeps empty.
pub type EachBody<'a> = dyn Fn(&Site, PageId, &Body) -> UsedUp + Sync + 'a;

/// Parts of a page's body that are no longer needed once the hook has seen it.
#[derive(Debug, Clone, Copy, Default)]
pub struct UsedUp {
    /// The HTML (the page is written and nothing else reads it).
    pub html: bool,
    /// The table of contents (no template reads one).
    pub toc: bool,
}

impl Unrendered {
    /// The site as it will be, with empty bodies.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Whether the records alone already fail the build.
    pub fn failed(&self) -> bool {
        !self.problems.is_empty()
    }

    /// Renders every body (reusing and then refreshing `cache`), counting its words if
    /// `count_words`, checks the links into headings, and finishes the site; `each` sees
    /// every page's body as it is made. What `each` uses up is emptied in the results
    /// `cache` keeps too: pass a hook only with a cache that is thrown away afterwards
    /// (`build`'s).
    pub fn render(
        self,
        cache: &mut BodyCache,
        each: Option<&EachBody>,
        count_words: bool,
    ) -> Result<Site> {
        let Unrendered {
            mut site,
            section_docs,
            page_docs,
            mut problems,
        } = self;
        let p = crate::profile::stage("model: bodies");
        render_bodies(
            &mut site,
            (section_docs, page_docs),
            (cache, count_words),
            each,
            &mut problems,
        );
        drop(p);
        let mut notices = super::breaks::links_that_expire(
            &site.pages,
            &site.sections,
            cache,
            &site.routes,
            &site.config,
        );
        notices.extend(super::breaks::empty_feeds(
            &site.sections,
            &site.pages,
            &site.feeds,
        ));
        site.notices = notices;
        if problems.is_empty() {
            Ok(site)
        } else {
            dedup_diagnostics(&mut problems);
            Err(Error::Content(problems))
        }
    }
}

/// Renders the Markdown of every built page and section. Takes the documents by value
/// so each source text is freed as soon as its HTML exists.
fn render_bodies(
    site: &mut Site,
    (section_docs, page_docs): (Vec<SectionDoc>, Vec<PageDoc>),
    (cache, count_words): (&mut BodyCache, bool),
    each: Option<&EachBody>,
    problems: &mut Vec<Diagnostic>,
) {
    let earlier = &*cache;
    let shown: &Site = site;
    let content_dir = shown.config.content_dir();
    let links = Links::new(&shown.routes, &shown.config, &content_dir, count_words);
    let page_out: Vec<_> = page_docs
        .into_par_iter()
        .with_max_len(crate::parallel::ITEMS_PER_TASK)
        .enumerate()
        .map(|(id, d)| {
            let (key, mut r) = body_of(earlier, &d, &links);
            drop(d);
            let used = each.map_or_else(UsedUp::default, |each| each(shown, id, &r.body));
            if let Some(fresh) = Arc::get_mut(&mut r) {
                if used.html {
                    fresh.body.html = tera::Value::safe_string("");
                }
                if used.toc {
                    fresh.body.toc = Arc::from([]);
                }
            }
            (key, r)
        })
        .collect();
    let built: HashSet<&str> = shown.sections.iter().map(|s| s.rel.as_str()).collect();
    let section_out: Vec<(String, _)> = section_docs
        .into_par_iter()
        .filter(|d| built.contains(d.rel.as_str()))
        .map(|d| (d.rel.clone(), body_of(earlier, &d, &links)))
        .collect();
    drop(built);

    let mut next =
        FxHashMap::with_capacity_and_hasher(page_out.len() + section_out.len(), Default::default());
    for (page, (key, r)) in site.pages.iter_mut().zip(page_out) {
        page.body = r.body.clone();
        next.insert(page.rel.clone(), (key, r));
    }
    site.pages
        .par_iter_mut()
        .for_each(|p| p.record_hash = super::record_hash::of(p));
    let sections = &mut site.sections;
    let by_rel: FxHashMap<&str, SectionId> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.rel.as_str(), i))
        .collect();
    let mut section_bodies = Vec::with_capacity(section_out.len());
    for (rel, (key, r)) in section_out {
        section_bodies.push((by_rel[rel.as_str()], r.body.clone()));
        next.insert(rel, (key, r));
    }
    for (id, body) in section_bodies {
        sections[id].body = body;
    }
    // Problems and anchors are read from the shared results, not copied per build:
    // only a missing anchor's message is cloned.
    for (rel, ((text_hash, _), r)) in &next {
        problems.extend(r.problems.iter().cloned());
        let missing: Vec<&AnchorRef> = r
            .anchor_refs
            .iter()
            .filter(|a| match next.get(&a.document) {
                Some((_, target)) => !target.unread && !target.heading_ids.contains(&a.anchor),
                None => true,
            })
            .collect();
        if !missing.is_empty() {
            let display = crate::content::display_path(rel);
            let missing = missing.iter().map(|a| a.missing(&display)).collect();
            problems.extend(with_source_lines(
                missing,
                &content_dir.join(rel),
                *text_hash,
            ));
        }
    }
    cache.replace(next);
}

/// `found` (problems of one file) with the lines they point at, read from `file` once;
/// without them if it cannot be read or is no longer the text rendered (hash
/// `text_hash`): each message still names file and line.
fn with_source_lines(
    found: Vec<Diagnostic>,
    file: &std::path::Path,
    text_hash: u64,
) -> Vec<Diagnostic> {
    let Some(display) = found.first().map(|d| d.path.clone()) else {
        return found;
    };
    let text = crate::content::read_text(file, &display)
        .ok()
        .filter(|t| xxhash_rust::xxh3::xxh3_64(t.as_bytes()) == text_hash);
    match text {
        Some(text) => found.into_iter().map(|d| d.with_source(&text)).collect(),
        None => found,
    }
}
