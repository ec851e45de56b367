//! The template context: read-only views of the model as Tera values, built once per
//! build. Tera values share their maps and arrays, so handing a page or section to a
//! template clones a pointer, never the site.

pub mod kept;
pub mod navigation;
mod terms;

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tera::{Map, Value};

use super::fields::Fields;

use crate::content::slug::slugify;
use crate::markdown::{TocEntry, reading_time};
use crate::model::{Body, FeedKind, Page, Section, SectionId, Site, taxonomy_url};
use crate::render::fingerprint::Fingerprints;
use crate::render::memo::RenderMemo;
use crate::render::template_reads::Reads;

/// Every page and section as a template value, plus the `site` value.
pub struct Views {
    /// Page values by page id (shared with the template functions).
    pub pages: Arc<Vec<Value>>,
    /// Section values by section id (with their pages and subsections).
    pub sections: Vec<Value>,
    /// The `site` value.
    pub site: Value,
    /// Each section's page values in list order.
    pub section_pages: Vec<Vec<Value>>,
    /// Each section's archived page values in list order.
    pub archive_pages: Vec<Vec<Value>>,
    /// Each taxonomy's value (its terms without their pages).
    pub taxonomies: Vec<Value>,
    /// Each term's value (with its pages), by taxonomy.
    pub terms: Vec<Vec<Value>>,
    /// Each term's page values in list order, by taxonomy.
    pub term_pages: Vec<Vec<Vec<Value>>>,
}

/// A site path with the base URL's path prefix, for `href`s.
pub fn href(site: &Site, path: &str) -> String {
    format!("{}{path}", site.config.base_path())
}

/// The site path of each feed, by whose pages it holds.
type Feeds<'a> = FxHashMap<FeedKind, &'a str>;

/// The `href` of the feed of `kind`, or `null`.
fn feed_url(site: &Site, feeds: &Feeds, kind: FeedKind) -> Value {
    feeds
        .get(&kind)
        .map_or_else(Value::none, |url| Value::from(href(site, url)))
}

/// A body's fields; the table of contents only if a template names `toc` (a page's
/// tree of maps is a third of all template values, and no bundled theme reads it), the
/// word count and reading time only if one names either (counting is a tenth of the
/// Markdown's cost, and no bundled theme shows them).
fn body_fields(map: &mut Fields, body: &Body, reads: Reads) {
    map.put("content", body.html.clone());
    map.put("summary", body.summary.clone());
    if reads.toc {
        map.put("toc", toc(&body.toc));
    }
    if reads.words {
        map.put("word_count", body.word_count);
        map.put("reading_time", reading_time(body.word_count));
    }
}

fn toc(entries: &[TocEntry]) -> Value {
    Value::from_serializable(entries)
}

fn yaml_value(v: &crate::yaml::Value) -> Value {
    // Tera panics on a map key it cannot take (`1.5:`, `~:`): those become text first.
    match crate::yaml::for_templates(v) {
        Some(fixed) => Value::from_serializable(&fixed),
        None => Value::from_serializable(v),
    }
}

/// A page's typed fields; the many pages without any share one empty map instead of
/// allocating one each.
fn fields_value(fields: &crate::yaml::Value) -> Value {
    static EMPTY: std::sync::LazyLock<Value> = std::sync::LazyLock::new(|| Value::from(Map::new()));
    match fields {
        crate::yaml::Value::Mapping(m) if m.is_empty() => EMPTY.clone(),
        other => yaml_value(other),
    }
}

/// The breadcrumbs of `section`: its ancestors' titles and links, with its own if
/// `include_self`.
pub(super) fn crumbs(site: &Site, section: SectionId, include_self: bool) -> Value {
    let mut ids = site.ancestors(section);
    if include_self {
        ids.push(section);
    }
    let list: Vec<Value> = ids
        .into_iter()
        .map(|id| {
            let s = &site.sections[id];
            let mut m = Fields::default();
            m.put("title", s.title.as_str());
            m.put("url", href(site, &s.url));
            Value::from(m)
        })
        .collect();
    Value::from(list)
}

/// What the values of many pages share, made once per build: each section's
/// breadcrumbs (its own included) and each term as pages name it.
pub struct PageParts {
    crumbs: Vec<Value>,
    /// By taxonomy: the value of each term, by the name a page gives it.
    terms: FxHashMap<String, FxHashMap<String, Value>>,
}

impl PageParts {
    /// The parts of `site`'s page values.
    pub fn of(site: &Site) -> PageParts {
        let crumbs = (0..site.sections.len())
            .map(|id| crumbs(site, id, true))
            .collect();
        let mut terms: FxHashMap<String, FxHashMap<String, Value>> = FxHashMap::default();
        for page in &site.pages {
            for (name, named) in &page.terms {
                let of_taxonomy = terms.entry(name.clone()).or_default();
                for term in named {
                    if !of_taxonomy.contains_key(term.as_str()) {
                        of_taxonomy.insert(term.clone(), term_of_page(site, name, term));
                    }
                }
            }
        }
        PageParts { crumbs, terms }
    }

    /// No parts made: each page value makes its own (for a few pages only).
    fn none() -> PageParts {
        PageParts {
            crumbs: Vec::new(),
            terms: FxHashMap::default(),
        }
    }

    /// The breadcrumbs of a page in `section`.
    fn crumbs(&self, site: &Site, section: SectionId) -> Value {
        let made = self.crumbs.get(section).cloned();
        made.unwrap_or_else(|| crumbs(site, section, true))
    }

    /// The value of `term` of taxonomy `name` as a page names it.
    fn term(&self, site: &Site, name: &str, term: &str) -> Value {
        let made = self.terms.get(name).and_then(|t| t.get(term));
        made.cloned()
            .unwrap_or_else(|| term_of_page(site, name, term))
    }
}

/// A term as a page names it: `{name, slug, url, permalink}`.
fn term_of_page(site: &Site, name: &str, term: &str) -> Value {
    let slug = slugify(term);
    let url = format!("{}{slug}/", taxonomy_url(name));
    let mut t = Fields::default();
    t.put("name", term);
    t.put("slug", slug);
    t.put("url", href(site, &url));
    t.put("permalink", site.config.permalink(&url));
    Value::from(t)
}

/// A page's value with `body`, built from the `parts` its site's pages share.
pub(super) fn page_value(
    site: &Site,
    page_body: (&Page, &Body),
    parts: &PageParts,
    reads: Reads,
) -> Value {
    page_fields(site, page_body, parts, reads).value()
}

/// The fields of [`page_value`], to make the value from more than once.
pub(super) fn page_fields(
    site: &Site,
    (page, body): (&Page, &Body),
    parts: &PageParts,
    reads: Reads,
) -> Fields {
    let crumbs = parts.crumbs(site, page.section);
    let mut m = Fields::with_capacity(PAGE_FIELDS);
    m.put("kind", "page");
    m.put("title", page.title.as_str());
    m.put("description", page.description.clone());
    body_fields(&mut m, body, reads);
    m.put("date", page.date.as_ref().map(|d| d.text.clone()));
    m.put("updated", page.updated.as_ref().map(|d| d.text.clone()));
    m.put(
        "publish_date",
        page.publish_date.as_ref().map(|d| d.text.clone()),
    );
    m.put(
        "expiry_date",
        page.expiry_date.as_ref().map(|d| d.text.clone()),
    );
    m.put("archived", page.archived);
    m.put("weight", page.weight);
    m.put("slug", page.slug.as_str());
    m.put("url", href(site, &page.url));
    m.put("permalink", site.config.permalink(&page.url));
    m.put("path", page.rel.as_str());
    m.put("lang", page.lang.as_str());
    m.put("breadcrumbs", crumbs);
    m.put("extra", yaml_value(&page.extra));
    m.put("type", page.type_name.clone());
    m.put("fields", fields_value(&page.fields));
    let mut taxonomies = Map::new();
    for name in &site.config.taxonomies {
        let terms: Vec<Value> = page
            .terms
            .get(name)
            .into_iter()
            .flatten()
            .map(|term| parts.term(site, name, term))
            .collect();
        taxonomies.insert(name.clone().into(), Value::from(terms));
    }
    m.put("taxonomies", taxonomies);
    m
}

/// How many fields a page value has (with a table of contents).
const PAGE_FIELDS: usize = 24;

fn section_value(
    site: &Site,
    (section, id): (&Section, SectionId),
    list: Vec<Value>,
    subsections: Vec<Value>,
    feeds: &Feeds,
    reads: Reads,
) -> Value {
    let mut m = Fields::default();
    m.put("kind", "section");
    // Sections have no dates of their own; the keys exist so templates shared with
    // pages can test them.
    m.put("date", Value::none());
    m.put("updated", Value::none());
    m.put("title", section.title.as_str());
    m.put("description", section.description.clone());
    body_fields(&mut m, &section.body, reads);
    m.put("weight", section.weight);
    m.put("url", href(site, &section.url));
    m.put("permalink", site.config.permalink(&section.url));
    m.put("path", section.rel.as_str());
    m.put("lang", site.config.language.as_str());
    m.put("breadcrumbs", crumbs(site, id, false));
    m.put("extra", yaml_value(&section.extra));
    m.put("paginate_by", section.paginate_by);
    let kind = if id == crate::model::HOME {
        FeedKind::Home
    } else {
        FeedKind::Section(id)
    };
    m.put("feed_url", feed_url(site, feeds, kind));
    let archive = section.expired == crate::content::front_matter::Expired::Archive;
    let archive_url = archive.then(|| {
        href(
            site,
            &crate::model::archive_url(section, site.config.locale),
        )
    });
    m.put(
        "archive_url",
        archive_url.map_or_else(Value::none, Value::from),
    );
    m.put("pages", list);
    m.put("subsections", subsections);
    Value::from(m)
}

/// Every page's value: the last good render's at the same id while its fingerprint holds
/// (moved out of `reuse`, not copied: most pages are unchanged in the preview), else the
/// one written early, else the earlier one found by path, else a new one.
fn page_values(
    site: &Site,
    fingerprints: &[u64],
    (earlier, written): (Option<&RenderMemo>, &crate::render::early::Written),
    reads: Reads,
    reuse: Vec<Value>,
) -> Vec<Value> {
    let n = site.pages.len();
    let before = earlier.map_or(&[][..], RenderMemo::page_fingerprints);
    // Values by id: those the last good render made with the same fingerprint at the
    // same id stay where they are; the others are `stale` until found or made.
    let mut values = reuse;
    values.truncate(n);
    let kept = values.len();
    values.resize_with(n, Value::none);
    let mut stale: Vec<usize> = (0..n)
        .filter(|&id| id >= kept || before.get(id) != Some(&fingerprints[id]))
        .collect();
    let early = written.values.as_slice();
    if !early.is_empty() {
        fill(&mut stale, &mut values, |id| {
            early.get(id).cloned().flatten()
        });
    }
    // A page that moved to another id (one came or went before it) is found by path.
    if let Some(memo) = earlier {
        let by_path = |id: usize| memo.page_value(&site.pages[id].rel, fingerprints[id]);
        fill(&mut stale, &mut values, by_path);
    }
    // The shared parts cost a pass over every page: for a few new values (an edit in
    // the preview), each makes its own.
    let made_parts;
    let parts = match &written.parts {
        Some(parts) => parts,
        None => {
            made_parts = if stale.len() > n / FEW {
                PageParts::of(site)
            } else {
                PageParts::none()
            };
            &made_parts
        }
    };
    let made: Vec<Value> = stale
        .par_iter()
        .map(|&id| {
            let p = &site.pages[id];
            page_value(site, (p, &p.body), parts, reads)
        })
        .collect();
    for (id, value) in stale.into_iter().zip(made) {
        values[id] = value;
    }
    values
}

/// Puts the value `of` finds for each `stale` page id in `values`; `stale` keeps the ids
/// it found none for.
fn fill(stale: &mut Vec<usize>, values: &mut [Value], of: impl Fn(usize) -> Option<Value> + Sync) {
    let got: Vec<Option<Value>> = stale.par_iter().map(|&id| of(id)).collect();
    let mut got = got.into_iter();
    stale.retain(|&id| match got.next().flatten() {
        Some(v) => {
            values[id] = v;
            false
        }
        None => true,
    });
}

/// Below one in this many pages made again, their values share no parts.
const FEW: usize = 16;

/// Builds every view once; sections bottom-up so each holds its children's values.
/// With `earlier`, a page whose fingerprint is unchanged keeps its earlier value (the
/// fingerprints cover `reads`), moved out of `reuse` where its id is the same; a page
/// rendered early keeps the value made then, and the others are made from the same
/// shared parts. A section or term whose view is in `kept` with its fingerprint of now
/// takes that view out and uses it.
pub fn build(
    site: &Site,
    fps: &Fingerprints,
    (earlier, written): (Option<&RenderMemo>, &crate::render::early::Written),
    reads: Reads,
    (kept, reuse): (&mut kept::KeptViews, Vec<Value>),
) -> Views {
    let pages = Arc::new(page_values(
        site,
        &fps.pages,
        (earlier, written),
        reads,
        reuse,
    ));
    let feeds: Feeds = site
        .feeds
        .iter()
        .map(|f| (f.kind, f.url.as_str()))
        .collect();
    let values = |ids: &[usize]| ids.iter().map(|&p| pages[p].clone()).collect::<Vec<_>>();
    let n = site.sections.len();
    let mut section_pages: Vec<Vec<Value>> = vec![Vec::new(); n];
    let mut archive_pages: Vec<Vec<Value>> = vec![Vec::new(); n];
    let mut sections: Vec<Option<Value>> = vec![None; n];
    // Children always have larger ids than their parents (folders are created in
    // sorted order), so walking ids backwards visits children first.
    for id in (0..n).rev() {
        let s = &site.sections[id];
        if let Some(view) = kept.take_section(&s.rel, fps.sections[id]) {
            (section_pages[id], archive_pages[id]) = (view.pages, view.archived);
            sections[id] = Some(view.value);
            continue;
        }
        let subs: Vec<Value> = s
            .subsections
            .iter()
            .map(|&c| sections[c].clone().unwrap_or_else(Value::none))
            .collect();
        (section_pages[id], archive_pages[id]) = (values(&s.pages), values(&s.archived));
        let list = section_pages[id].clone();
        sections[id] = Some(section_value(site, (s, id), list, subs, &feeds, reads));
    }
    let sections: Vec<Value> = sections
        .into_iter()
        .map(|v| v.unwrap_or_else(Value::none))
        .collect();
    let site_value = site_value_with(site, &feeds);
    let taxonomies: Vec<Value> = site
        .taxonomies
        .iter()
        .map(|t| terms::taxonomy_value(site, t))
        .collect();
    let mut term_pages: Vec<Vec<Vec<Value>>> = Vec::with_capacity(site.taxonomies.len());
    let mut terms: Vec<Vec<Value>> = Vec::with_capacity(site.taxonomies.len());
    for (ti, t) in site.taxonomies.iter().enumerate() {
        let (mut lists, mut values_of_terms) = (Vec::new(), Vec::new());
        for (i, term) in t.terms.iter().enumerate() {
            let fingerprint = fps.terms[ti][i];
            let (value, list) = match kept.take_term(&t.name, &term.slug, fingerprint) {
                Some(view) => (view.value, view.pages),
                None => {
                    let list = values(&term.pages);
                    let feed = feed_url(site, &feeds, FeedKind::Term(ti, i));
                    (terms::term_value(site, term, list.clone(), feed), list)
                }
            };
            lists.push(list);
            values_of_terms.push(value);
        }
        term_pages.push(lists);
        terms.push(values_of_terms);
    }
    Views {
        pages,
        sections,
        site: site_value,
        section_pages,
        archive_pages,
        taxonomies,
        terms,
        term_pages,
    }
}

/// The `site` value.
pub(super) fn site_value(site: &Site) -> Value {
    let feeds: Feeds = site
        .feeds
        .iter()
        .map(|f| (f.kind, f.url.as_str()))
        .collect();
    site_value_with(site, &feeds)
}

/// An item of `site.navigation` (and of each page's `navigation`, which adds its marks):
/// the top-level section `id`'s title, address and path.
fn navigation_item(site: &Site, id: SectionId) -> Fields {
    let s = &site.sections[id];
    let mut n = Fields::with_capacity(5);
    n.put("title", s.title.as_str());
    n.put("url", href(site, &s.url));
    n.put("path", s.rel.as_str());
    n
}

fn site_value_with(site: &Site, feeds: &Feeds) -> Value {
    let c = &site.config;
    let mut m = Fields::default();
    m.put("feed_url", feed_url(site, feeds, FeedKind::Home));
    m.put("title", c.title.as_str());
    m.put("description", c.description.as_str());
    m.put("base_url", c.base_url.as_str());
    m.put("language", c.language.as_str());
    m.put("extra", yaml_value(&c.extra));
    let nav: Vec<Value> = site
        .navigation()
        .iter()
        .map(|&id| Value::from(navigation_item(site, id)))
        .collect();
    m.put("navigation", nav);
    let taxonomies: Vec<Value> = site
        .taxonomies
        .iter()
        .map(|t| {
            let mut v = Fields::default();
            v.put("name", t.name.as_str());
            v.put("title", t.title.as_str());
            v.put("url", href(site, &t.url));
            Value::from(v)
        })
        .collect();
    m.put("taxonomies", taxonomies);
    // The home page's own fields only: with its pages and subsections, every page's
    // context would contain the whole site, and every edit would touch every page.
    // Templates that need the tree call `get_section(path="")`.
    let home = &site.sections[crate::model::HOME];
    let mut h = Fields::default();
    h.put("title", home.title.as_str());
    h.put("description", home.description.clone());
    h.put("url", href(site, &home.url));
    h.put("permalink", site.config.permalink(&home.url));
    h.put("path", home.rel.as_str());
    m.put("home", h);
    Value::from(m)
}
