//! Building the [`Site`] from loaded content in one pass: sections from folders, URLs,
//! drafts, Markdown bodies (see `bodies`); addresses and their clashes are `addresses`,
//! file placement `folders`, sorting `sort`.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use super::aliases;
use super::bodies::Unrendered;
use super::cache::{BodyCache, ModelCache};
use super::folders::{
    bundle_dirs, bundle_of, draft_roots, is_bundle_index, page_section_dir, section_dirs,
};
use super::{Body, Page, Routes, Section, SectionId, Site};
use crate::config::Config;
use crate::content::date::Date;
use crate::content::front_matter::PageFrontMatter;
use crate::content::{self, Content, Document, slug::slugify};
use crate::error::{Diagnostic, Result};
use crate::messages::Text;
use crate::schedule::{self, Unpublished, Visibility};
use crate::text;
use crate::yaml;

type PageDoc = std::sync::Arc<Document<PageFrontMatter>>;

impl Site {
    /// Builds the site tree from `content`, every word counted; reports every problem
    /// found. `static_files` are the asset files (output path, size), for download links.
    pub fn build(config: Config, content: Content, static_files: &[(String, u64)]) -> Result<Site> {
        let cache = &mut BodyCache::default();
        Site::build_cached(config, content, static_files, (cache, true))
    }

    /// Like [`Site::build`], for a site rebuilt again and again (`serve`): updates the
    /// last good site in place when only page texts changed (see [`Site::update`]),
    /// else builds afresh from `all` (every document), reusing the Markdown results of
    /// unchanged documents. Counts the words if `count_words`.
    pub fn build_incremental(
        config: Config,
        (changes, count_words): (content::Changes, bool),
        static_files: &[(String, u64)],
        cache: &mut ModelCache,
        all: impl FnOnce() -> Content,
    ) -> Result<Site> {
        // Taken whatever the changes are: a full rebuild that then fails must not leave
        // an older site here for the next edit to be applied to.
        let last = cache.last.take();
        let content = match changes {
            content::Changes::Edited(docs) => {
                if let Some(mut last) = last
                    && last.config == config
                    && cache.static_files == static_files
                    && cache.count_words == count_words
                    && last.update(&docs, &mut cache.bodies, count_words)
                {
                    return Ok(last);
                }
                all()
            }
            content::Changes::Full(content) => content,
        };
        cache.static_files = static_files.to_vec();
        cache.count_words = count_words;
        Site::build_cached(
            config,
            content,
            static_files,
            (&mut cache.bodies, count_words),
        )
    }

    /// Like [`Site::build`], reusing and then refreshing the Markdown results in `cache`,
    /// counting words if asked to.
    pub fn build_cached(
        config: Config,
        content: Content,
        static_files: &[(String, u64)],
        (cache, count_words): (&mut BodyCache, bool),
    ) -> Result<Site> {
        Site::records(config, content, static_files).render(cache, None, count_words)
    }

    /// Every record of the site from `content` — sections, pages, routes, lists,
    /// sorted — with the Markdown bodies still to render ([`Unrendered::render`]).
    pub fn records(config: Config, content: Content, static_files: &[(String, u64)]) -> Unrendered {
        let Content {
            sections: section_docs,
            pages: page_docs,
            files,
            failed,
            mut problems,
        } = content;
        let p = crate::profile::stage("model: records");
        let bundles = bundle_dirs(&page_docs, &section_docs, &mut problems);
        let dirs = section_dirs(&page_docs, &section_docs, &bundles);
        let drafts = draft_roots(&section_docs, &config);
        let mut routes = first_routes(&config, static_files, failed);
        let (mut sections, section_ids) = super::sections::sections_of(
            (&dirs, &drafts),
            &section_docs,
            &config,
            &mut routes,
            &mut problems,
        );
        let folders = Folders {
            bundles: &bundles,
            section_ids: &section_ids,
        };
        let (mut pages, built, upcoming) = pages_of(
            &page_docs,
            (&sections, &folders),
            &config,
            &mut routes,
            &mut problems,
        );
        let built_docs: Vec<&PageDoc> = page_docs
            .iter()
            .zip(&built)
            .filter_map(|(d, b)| b.then_some(d))
            .collect();
        let keys = super::sort::title_keys(&pages);
        let (taxonomies, lists, feeds) = lists_of(
            &config,
            (&sections, &pages, &keys),
            &built_docs,
            &mut problems,
        );
        drop(built_docs);
        publish_records(&mut routes, (&sections, &pages), (&lists, &feeds));
        let placed =
            super::folders::place_files(files, &sections, &section_ids, &pages, &bundles, &drafts);
        let files = publish_files(placed, &bundles, &mut routes);
        let built_docs = page_docs.iter().zip(&built).filter(|(_, b)| **b);
        let docs = built_docs.map(|(d, _)| d);
        typed_fields(&mut pages, docs, (&routes, &config), &mut problems);
        drop(p);
        let p = crate::profile::stage("model: routes fp");
        let routes_fingerprint = routes.fingerprint();
        drop(p);
        let p = crate::profile::stage("model: sort");
        super::sort::sort_tree(&mut sections, (&pages, &keys), config.locale);
        drop(keys);
        drop(p);
        let page_docs = page_docs
            .into_iter()
            .zip(built)
            .filter_map(|(d, b)| b.then_some(d))
            .collect();
        let site = Site {
            config,
            sections,
            pages,
            files,
            fingerprint: routes_fingerprint,
            routes: std::sync::Arc::new(routes),
            taxonomies,
            lists,
            feeds,
            next_change: upcoming.finish(),
            notices: Vec::new(),
            layout: super::Layout::fresh(),
        };
        Unrendered {
            site,
            section_docs,
            page_docs,
            problems,
        }
    }
}

/// The routes known before any section or page: the static files with their sizes,
/// and the content files that could not be read (links to them are not reported as
/// missing as well).
fn first_routes(config: &Config, static_files: &[(String, u64)], failed: Vec<String>) -> Routes {
    let mut routes = Routes::new(&config.base_url, config.base_path());
    for (path, size) in static_files {
        routes.insert_file_size(format!("/{path}"), *size);
    }
    for rel in failed {
        routes.insert_broken(rel);
    }
    routes
}

/// Notes where every section and page is, and the addresses of the lists and feeds.
fn publish_records(
    routes: &mut Routes,
    (sections, pages): (&[Section], &[Page]),
    made: (&[super::List], &[super::FeedFile]),
) {
    for s in sections {
        routes.insert(s.rel.clone(), s.url.clone(), s.has_index);
    }
    for p in pages {
        routes.insert(p.rel.clone(), p.url.clone(), true);
    }
    super::addresses::publish(routes, sections, pages, made);
}

/// Gives each built page (with its document, in the same order) its typed fields,
/// which may name routes.
fn typed_fields<'d>(
    pages: &mut [Page],
    docs: impl Iterator<Item = &'d PageDoc>,
    (routes, config): (&Routes, &Config),
    problems: &mut Vec<Diagnostic>,
) {
    let builtin = content::front_matter::builtin_keys(&config.taxonomies);
    for (page, doc) in pages.iter_mut().zip(docs) {
        let kind = page.type_name.as_deref();
        page.fields = super::fields::of(doc, kind, routes, config, &builtin, problems);
    }
}

/// Where pages go: the bundle folders, and each section's id by folder.
struct Folders<'a> {
    bundles: &'a HashSet<String>,
    section_ids: &'a FxHashMap<String, SectionId>,
}

/// The taxonomies, list pages and feeds of the built `pages` (whose documents are
/// `docs`), with their addresses checked against each other and the pages'.
fn lists_of(
    config: &Config,
    (sections, pages, keys): (&[Section], &[Page], &[String]),
    docs: &[&PageDoc],
    problems: &mut Vec<Diagnostic>,
) -> (Vec<super::Taxonomy>, Vec<super::List>, Vec<super::FeedFile>) {
    let taxonomies = super::terms::build(
        &config.taxonomy_settings,
        (pages, keys),
        docs,
        config.locale,
        problems,
    );
    let mut counts = vec![(0, 0); sections.len()];
    for p in pages {
        let (listed, archived) = &mut counts[p.section];
        *if p.archived { archived } else { listed } += 1;
    }
    let lists = super::lists::all(sections, &counts, &taxonomies, config.locale);
    let feeds = super::lists::feeds(&config.feeds, sections, &taxonomies);
    let made = (lists.as_slice(), feeds.as_slice());
    super::addresses::check_collisions(sections, pages, made, &config.taxonomies, problems);
    (taxonomies, lists, feeds)
}

/// Notes the placed files and those left out with their pages in `routes`; returns the
/// files to copy.
fn publish_files(
    (files, draft_files): (Vec<super::ContentFile>, Vec<String>),
    bundles: &HashSet<String>,
    routes: &mut Routes,
) -> Vec<super::ContentFile> {
    for rel in draft_files {
        // A file of a bundle left out by its dates goes with its page.
        let page = bundle_of(&rel, bundles).map(|b| content::join(b, "index.md"));
        if !page.is_some_and(|page| routes.insert_unpublished_file(rel.clone(), &page)) {
            routes.insert_draft(rel);
        }
    }
    for f in &files {
        routes.insert(f.rel.clone(), format!("/{}", f.output), false);
        routes.insert_file_size(format!("/{}", f.output), f.size);
    }
    files
}

/// What becomes of one page document (decided for all documents in parallel).
enum Fate {
    /// Inside a bundle, which `bundle_dirs` reports: not a page of its own.
    InBundle,
    /// In no section, or a draft.
    Draft,
    /// Left out by its dates, with its section and the address it would have.
    Hidden(SectionId, String, Unpublished),
    /// Built, with the problems found making its record (boxed: a page record is
    /// large, and most documents are built anyway).
    Built(Box<Page>, Vec<Diagnostic>),
}

/// The pages of `page_docs` that are built, which documents those are (in
/// `page_docs` order), and when the next one appears or expires; what is left out (a
/// draft, a page its dates hide) is noted in `routes`.
fn pages_of(
    page_docs: &[PageDoc],
    (sections, folders): (&[Section], &Folders),
    config: &Config,
    routes: &mut Routes,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Page>, Vec<bool>, schedule::Upcoming) {
    use rayon::prelude::*;
    let fates: Vec<Fate> = page_docs
        .par_iter()
        .map(|doc| fate_of(doc, (sections, folders), config))
        .collect();
    let mut pages = Vec::with_capacity(page_docs.len());
    let mut upcoming = schedule::Upcoming::new(config);
    let mut built = Vec::with_capacity(page_docs.len());
    for (doc, fate) in page_docs.iter().zip(fates) {
        built.push(matches!(fate, Fate::Built(..)));
        match fate {
            Fate::InBundle => {}
            Fate::Draft => routes.insert_draft(doc.rel.clone()),
            Fate::Hidden(section, url, why) => {
                upcoming.note(&doc.front_matter, sections[section].expired);
                record_unpublished(routes, doc, url, why);
            }
            Fate::Built(page, found) => {
                upcoming.note(&doc.front_matter, sections[page.section].expired);
                problems.extend(found);
                pages.push(*page);
            }
        }
    }
    (pages, built, upcoming)
}

/// Whether and how `doc` is built.
fn fate_of(doc: &PageDoc, (sections, folders): (&[Section], &Folders), config: &Config) -> Fate {
    let bundles = folders.bundles;
    // A page inside a bundle is reported by `bundle_dirs`; built, it would take
    // the bundle's own address and add a second, misleading error.
    if !is_bundle_index(&doc.rel) && bundle_of(&doc.rel, bundles).is_some() {
        return Fate::InBundle;
    }
    let home_dir = page_section_dir(doc, bundles);
    let Some(&section) = folders.section_ids.get(home_dir) else {
        return Fate::Draft;
    };
    if doc.front_matter.draft && !config.drafts {
        return Fate::Draft;
    }
    let expired = sections[section].expired;
    let is_bundle = bundles.contains(doc.dir());
    if let Visibility::Hidden(why) = schedule::visibility_of(&doc.front_matter, expired, config) {
        let slug = page_slug(doc, is_bundle);
        return Fate::Hidden(section, format!("{}{slug}/", sections[section].url), why);
    }
    let mut found = Vec::new();
    let home = (section, &sections[section]);
    let page = new_page(doc, home, is_bundle, config, &mut found);
    Fate::Built(Box::new(page), found)
}

/// The file line of a top-level front matter key.
pub(super) fn key_line<F>(doc: &Document<F>, key: &str) -> Option<usize> {
    let front = &doc.text[..doc.body_start];
    yaml::line_of_key(front, key)
}

/// The page record of `doc` (without its body); `is_bundle` when it is the `index.md`
/// of a page bundle, whose folder name is then its slug.
pub(super) fn new_page(
    doc: &PageDoc,
    (section, home): (SectionId, &Section),
    is_bundle: bool,
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> Page {
    let section_url = home.url.as_str();
    let fm = &doc.front_matter;
    let stem = page_stem(doc, is_bundle);
    let slug = page_slug(doc, is_bundle);
    let at = |key: &str, message: Text, hint: Text| key_problem(doc, key, message, hint);
    if slug.is_empty() {
        problems.push(empty_slug(doc, is_bundle, stem));
    }
    let mut date_of = |key: &str, value: &Option<String>| {
        let text = value.as_deref()?;
        let parsed = Date::parse(text);
        if parsed.is_none() {
            problems.push(at(
                key,
                text!("model-bad-date", key = key, value = text),
                text!("model-bad-date.hint"),
            ));
        }
        parsed
    };
    let date = date_of("date", &fm.date);
    let updated = date_of("updated", &fm.updated);
    let publish_date = date_of("publish_date", &fm.publish_date);
    let expiry_date = date_of("expiry_date", &fm.expiry_date);
    let (publish, expiry) = (publish_date.as_ref(), expiry_date.as_ref());
    if let Some((message, hint)) = schedule::order_problem(publish, expiry, &config.time_zone) {
        problems.push(at("expiry_date", message, hint));
    }
    let archived =
        schedule::visibility(publish, expiry, home.expired, config) == Visibility::Archived;
    let aliases = alias_paths(doc, problems);
    Page {
        rel: doc.rel.clone(),
        display: doc.display.clone(),
        title: fm.title.clone(),
        description: fm.description.clone(),
        date,
        updated,
        publish_date,
        expiry_date,
        archived,
        weight: fm.weight,
        url: format!("{section_url}{slug}/"),
        slug,
        aliases,
        template: fm.template.clone(),
        extra: fm.extra.clone(),
        terms: fm.terms.clone(),
        type_name: fm.type_name.clone().or_else(|| home.page_type.clone()),
        fields: yaml::Value::Null,
        section,
        body: Body::default(),
        template_line: key_line(doc, "template"),
        lang: config.language.clone(),
        source_hash: doc.hash,
        record_hash: 0,
    }
}

/// A problem with a top-level front matter key, at its line.
fn key_problem(doc: &PageDoc, key: &str, message: Text, hint: Text) -> Diagnostic {
    let line = key_line(doc, key).unwrap_or(1);
    Diagnostic::new(&doc.display, message)
        .at(line, Some(1))
        .with_source(&doc.text)
        .hint(hint)
}

/// Why a page's slug came out empty: its `slug`, or else its bundle folder or file name.
fn empty_slug(doc: &PageDoc, is_bundle: bool, stem: &str) -> Diagnostic {
    match &doc.front_matter.slug {
        Some(given) => key_problem(
            doc,
            "slug",
            text!("model-slug-empty", given = given),
            text!("model-slug-empty.hint"),
        ),
        // The name is the problem, not a line of the file.
        None if is_bundle => {
            Diagnostic::new(&doc.display, text!("model-bundle-no-slug", name = stem))
                .hint(text!("model-bundle-no-slug.hint"))
        }
        None => Diagnostic::new(&doc.display, text!("model-file-no-slug", name = stem))
            .hint(text!("model-file-no-slug.hint")),
    }
}

/// The site paths of a page's `aliases`; each one that is none is a problem at its line.
fn alias_paths(doc: &PageDoc, problems: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut paths = Vec::new();
    for alias in &doc.front_matter.aliases {
        match aliases::site_path(alias) {
            Ok(path) => paths.push(path),
            Err(bad) => {
                let front = &doc.text[..doc.body_start];
                // Column 1, like every front matter problem found after parsing.
                let (line, _) = aliases::item_position(front, "aliases", alias).unwrap_or((1, 1));
                let (message, hint) = bad.message(alias);
                problems.push(
                    Diagnostic::new(&doc.display, message)
                        .at(line, Some(1))
                        .with_source(&doc.text)
                        .hint(hint),
                );
            }
        }
    }
    paths
}

/// The name a page's URL ends in before slugifying: its bundle folder or file name.
fn page_stem(doc: &PageDoc, is_bundle: bool) -> &str {
    if is_bundle {
        doc.dir().rsplit('/').next().unwrap_or_default()
    } else {
        doc.rel
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".md")
    }
}

/// The last segment of a page's URL: its `slug`, else its stem, slugified.
fn page_slug(doc: &PageDoc, is_bundle: bool) -> String {
    slugify(
        doc.front_matter
            .slug
            .as_deref()
            .unwrap_or(page_stem(doc, is_bundle)),
    )
}

/// Records a page its dates leave out (its URL would be `url`), so that links to its
/// file, its URL or its aliases say why and since or until when.
fn record_unpublished(routes: &mut Routes, doc: &PageDoc, url: String, why: Unpublished) {
    routes.insert_unpublished(doc.rel.clone(), why);
    routes.insert_unpublished_url(url, doc.rel.clone());
    for alias in &doc.front_matter.aliases {
        if let Ok(path) = aliases::site_path(alias) {
            routes.insert_unpublished_url(path, doc.rel.clone());
        }
    }
}
