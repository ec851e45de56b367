//! Template functions and filters: `get_page`, `get_section`, `get_taxonomy`,
//! `get_term`, `url`, and `date`.
//! They read the prebuilt views and the asset index; none of them touches the model.

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock, RwLock};

use rustc_hash::FxHashMap;
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::content::date::Date;
use crate::locale::Locale;
use crate::markdown::Resolve;
use crate::model::Routes;
use crate::render::memo;
use crate::render::raised::raise;
use crate::text;

/// Files under the asset folders, by output path, with a lazily computed content hash.
#[derive(Debug, Default)]
pub struct AssetIndex {
    entries: FxHashMap<String, (PathBuf, OnceLock<Option<Hash>>)>,
}

impl AssetIndex {
    /// Adds (or overrides) the asset at output path `rel` read from `source`.
    pub fn insert(&mut self, rel: String, source: PathBuf) {
        self.entries.insert(rel, (source, OnceLock::new()));
    }

    /// Every asset's output path and size in bytes.
    pub fn sizes(&self) -> Vec<(String, u64)> {
        self.entries
            .iter()
            .map(|(k, (p, _))| (k.clone(), std::fs::metadata(p).map_or(0, |m| m.len())))
            .collect()
    }

    /// Every asset: output path and source file, in path order.
    pub fn files(&self) -> Vec<(&str, &PathBuf)> {
        let mut v: Vec<_> = self
            .entries
            .iter()
            .map(|(k, (p, _))| (k.as_str(), p))
            .collect();
        v.sort();
        v
    }

    /// The asset's content hash as `url()` writes it, if it exists and can be read.
    pub fn content_hash(&self, rel: &str) -> Option<&str> {
        self.hash(rel).flatten().map(|h| h.text.as_str())
    }

    /// The asset's content hash as a number, for change detection.
    pub fn hash_value(&self, rel: &str) -> Option<u64> {
        self.hash(rel).flatten().map(|h| h.value)
    }

    /// The hash of the asset's bytes, read once per build: `None` if there is no such
    /// asset, `Some(None)` if it cannot be read.
    fn hash(&self, rel: &str) -> Option<Option<&Hash>> {
        let (path, cell) = self.entries.get(rel)?;
        let hash = cell.get_or_init(|| {
            let bytes = std::fs::read(path).ok()?;
            let value = xxhash_rust::xxh3::xxh3_64(&bytes);
            let text = format!("{value:016x}")[..10].to_string();
            Some(Hash { text, value })
        });
        Some(hash.as_ref())
    }
}

/// An asset's content hash.
#[derive(Debug)]
struct Hash {
    /// The short form in URLs.
    text: String,
    /// The whole hash.
    value: u64,
}

/// What the functions need, shared by all render threads.
pub struct Shared {
    /// Every page and section value by content path.
    pub documents: super::documents::Documents,
    /// The route table, for `url("@/…")`.
    pub routes: Arc<Routes>,
    /// Assets, for `url("css/x.css")` (shared by the early and the full binding, so
    /// each content hash is computed once).
    pub assets: Arc<AssetIndex>,
    /// The base URL's path prefix.
    pub base_path: String,
    /// The site's locale, for the `date` filter.
    pub locale: Locale,
    /// The taxonomies' values with their terms', for `get_taxonomy` and `get_term`.
    pub taxonomies: Vec<TaxonomyEntry>,
    /// Bound while pages are rendered as their Markdown finishes (see `early`): other
    /// pages' values do not exist yet, so a template that asks for one is put off.
    pub early: bool,
    /// The `navigation` of each page.
    pub navigation: Arc<super::context::navigation::Navigation>,
}

/// One taxonomy's value and its terms' values, by name.
pub struct TaxonomyEntry {
    name: String,
    value: Value,
    /// (name, slug, value) of each term.
    terms: Vec<(String, String, Value)>,
}

/// The entries of every taxonomy of `site`, from the prebuilt `views`.
pub fn taxonomy_entries(
    site: &crate::model::Site,
    views: &super::context::Views,
) -> Vec<TaxonomyEntry> {
    site.taxonomies
        .iter()
        .enumerate()
        .map(|(t, tax)| TaxonomyEntry {
            name: tax.name.clone(),
            value: views.taxonomies[t].clone(),
            terms: tax
                .terms
                .iter()
                .zip(&views.terms[t])
                .map(|(term, v)| (term.name.clone(), term.slug.clone(), v.clone()))
                .collect(),
        })
        .collect()
}

/// The build's data, bound once the model exists (first early, then whole). Tera
/// checks function names when templates are added, before the model is built.
pub type Slot = Arc<RwLock<Option<Arc<Shared>>>>;

fn bound(slot: &Slot) -> TeraResult<Arc<Shared>> {
    let shared = slot.read().ok().and_then(|s| s.clone());
    shared.ok_or_else(|| raise(text!("templates-site-data-missing")))
}

thread_local! {
    // One render job runs on one thread from start to end (as in `memo`).
    static PUT_OFF: Cell<bool> = const { Cell::new(false) };
}

/// Whether the job that just rendered on this thread asked for another page's value
/// while bound early; clears the mark.
pub fn put_off() -> bool {
    PUT_OFF.with(|p| p.replace(false))
}

/// The data for a function that reads other pages: an error while bound early, after
/// marking the job as put off (the error only stops the early rendering).
fn whole(slot: &Slot) -> TeraResult<Arc<Shared>> {
    let shared = bound(slot)?;
    if shared.early {
        PUT_OFF.with(|p| p.set(true));
        return Err(raise(text!("templates-site-data-missing")));
    }
    Ok(shared)
}

/// Registers lernort's functions and filters on `tera`.
pub fn register(tera: &mut Tera, slot: &Slot) {
    let s = Arc::clone(slot);
    tera.register_function("get_page", move |kw: Kwargs, _: &State| {
        lookup(&*whole(&s)?, &kw, false)
    });
    let s = Arc::clone(slot);
    tera.register_function("get_section", move |kw: Kwargs, _: &State| {
        lookup(&*whole(&s)?, &kw, true)
    });
    let s = Arc::clone(slot);
    tera.register_function("get_taxonomy", move |kw: Kwargs, _: &State| {
        get_taxonomy(&*whole(&s)?, &kw)
    });
    let s = Arc::clone(slot);
    tera.register_function("get_term", move |kw: Kwargs, _: &State| {
        get_term(&*whole(&s)?, &kw)
    });
    let s = Arc::clone(slot);
    tera.register_function("url", move |kw: Kwargs, _: &State| url(&*bound(&s)?, &kw));
    // Tera's own `safe` copies the string it marks; a page's `content | safe` would copy
    // every page's HTML once more. This one marks the shared string itself and does
    // what Tera's does with anything else (its text, marked safe).
    tera.register_filter("safe", |value: Value, _: Kwargs, _: &State| {
        if value.is_string() {
            value.mark_safe()
        } else {
            Value::safe_string(&value.to_string())
        }
    });
    let s = Arc::clone(slot);
    tera.register_filter("date", move |value: &str, kw: Kwargs, _: &State| {
        date_filter(bound(&s)?.locale, value, &kw)
    });
}

fn lookup(s: &Shared, kw: &Kwargs, section: bool) -> TeraResult<Value> {
    let path: String = kw.must_get("path")?;
    let rel = path.trim_start_matches("@/").trim_start_matches('/');
    let bare = rel.trim_end_matches('/');
    let key = if section && !rel.ends_with(".md") {
        crate::content::section_index(bare)
    } else {
        rel.to_string()
    };
    // A page may also be named without `.md`, or by its bundle folder.
    let candidates = [
        key.clone(),
        format!("{bare}.md"),
        crate::content::join(bare, "index.md"),
    ];
    let count = if section { 1 } else { candidates.len() };
    let found = candidates[..count]
        .iter()
        .find_map(|k| Some((k, s.documents.get(k)?)));
    // The value a template reads is part of what its output depends on.
    if let Some((found_key, _)) = found {
        memo::record(memo::Dep::Content(found_key.clone()));
    }
    let found = found.map(|(_, v)| v);
    found.cloned().ok_or_else(|| {
        // A page its dates leave out exists: say why it is not there.
        let unpublished = (!section)
            .then(|| {
                candidates
                    .iter()
                    .find_map(|c| s.routes.unpublished_reason(c))
            })
            .flatten();
        if let Some(why) = unpublished {
            return raise(text!(
                "templates-get-page-unpublished",
                path = path.as_str(),
                reason = why.reason
            ));
        }
        raise(if section {
            text!("templates-get-section-missing", path = path, key = key)
        } else {
            text!("templates-get-page-missing", path = path, key = key)
        })
    })
}

/// The taxonomy `name`, or the error for the function call `call` as written.
fn taxonomy<'s>(s: &'s Shared, call: String, name: &str) -> TeraResult<&'s TaxonomyEntry> {
    s.taxonomies.iter().find(|t| t.name == name).ok_or_else(|| {
        let names: Vec<&str> = s.taxonomies.iter().map(|t| t.name.as_str()).collect();
        if names.is_empty() {
            return raise(text!(
                "templates-taxonomy-missing.none",
                call = call,
                name = name
            ));
        }
        raise(text!(
            "templates-taxonomy-missing",
            call = call,
            name = name,
            names = names.join(", ")
        ))
    })
}

fn get_taxonomy(s: &Shared, kw: &Kwargs) -> TeraResult<Value> {
    let name: String = kw.must_get("name")?;
    memo::record(memo::Dep::Taxonomy(name.clone()));
    let call = format!("get_taxonomy(name=\"{name}\")");
    Ok(taxonomy(s, call, &name)?.value.clone())
}

fn get_term(s: &Shared, kw: &Kwargs) -> TeraResult<Value> {
    let name: String = kw.must_get("taxonomy")?;
    let term: String = kw.must_get("term")?;
    memo::record(memo::Dep::Term(name.clone(), term.clone()));
    let call = format!("get_term(taxonomy=\"{name}\", term=\"{term}\")");
    let t = taxonomy(s, call, &name)?;
    let found = t.terms.iter().find(|(n, _, _)| *n == term);
    let found = found.or_else(|| t.terms.iter().find(|(_, slug, _)| *slug == term));
    found.map(|(_, _, v)| v.clone()).ok_or_else(|| {
        raise(text!(
            "templates-term-missing",
            taxonomy = name.as_str(),
            term = term.as_str()
        ))
    })
}

fn url(s: &Shared, kw: &Kwargs) -> TeraResult<Value> {
    let path: String = kw.must_get("path")?;
    if let Some(content) = path.strip_prefix("@/") {
        memo::record(memo::Dep::Route(content.to_string()));
        return s
            .routes
            .resolve(content)
            .map(|r| Value::from(r.url))
            .map_err(|u| {
                raise(text!(
                    "templates-url-unresolved",
                    path = &path,
                    target = content,
                    reason = u.reason
                ))
            });
    }
    let rel = path.trim_start_matches('/');
    memo::record(memo::Dep::Asset(rel.to_string()));
    match s.assets.hash(rel) {
        Some(Some(hash)) => Ok(Value::from(format!(
            "{}/{rel}?h={}",
            s.base_path, hash.text
        ))),
        Some(None) => Err(raise(text!("templates-url-unreadable", path = &path))),
        None => Err(raise(text!(
            "templates-url-no-asset",
            path = &path,
            asset = rel
        ))),
    }
}

fn date_filter(locale: Locale, value: &str, kw: &Kwargs) -> TeraResult<String> {
    let format: String = kw.get("format")?.unwrap_or_else(|| "long".to_string());
    let date = Date::parse(value)
        .ok_or_else(|| raise(text!("templates-date-not-a-date", value = value)))?;
    locale.date(date.day, &format).map_err(raise)
}
