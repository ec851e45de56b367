//! Taxonomies: the pages grouped by the terms they name (`themen: [MINT]`), one list
//! page per taxonomy (`/themen/`) and one per term (`/themen/mint/`). A term's address
//! follows the site's slug rule; two terms with one address, and a term outside the
//! declared ones, are errors at the page's line.

use rustc_hash::FxHashMap;

use super::sort::sort_pages_keyed;
use super::{Page, PageId};
use crate::content::Document;
use crate::content::front_matter::{PageFrontMatter, SortBy};
use crate::content::slug::slugify;
use crate::error::Diagnostic;
use crate::locale::Locale;
use crate::messages::Text;
use crate::taxonomy::Settings;
use crate::text;

/// A taxonomy with its terms.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// The front matter key, e.g. `themen`.
    pub name: String,
    /// The title of its list page.
    pub title: String,
    /// The site path of its list page, e.g. `/themen/`.
    pub url: String,
    /// Pages per term page; all on one when `None`.
    pub paginate_by: Option<usize>,
    /// Whether each term has an Atom feed.
    pub feed: bool,
    /// How term pages order their pages.
    pub sort_by: SortBy,
    /// The terms in use, sorted by name in the site's language.
    pub terms: Vec<Term>,
}

/// One term and the pages that name it.
#[derive(Debug, Clone)]
pub struct Term {
    /// The term as written on its first page.
    pub name: String,
    /// The last segment of its address.
    pub slug: String,
    /// The site path of its page, e.g. `/themen/mint/`.
    pub url: String,
    /// Its pages, sorted by the taxonomy's `sort_by`.
    pub pages: Vec<PageId>,
}

/// The taxonomy called `name`, by index.
pub fn find_taxonomy(taxonomies: &[Taxonomy], name: &str) -> Option<usize> {
    taxonomies.iter().position(|t| t.name == name)
}

/// The term `term` (its name as written, or its slug) of taxonomy `t`, by index.
pub fn find_term(taxonomy: &Taxonomy, term: &str) -> Option<usize> {
    let by_name = taxonomy.terms.iter().position(|x| x.name == term);
    by_name.or_else(|| taxonomy.terms.iter().position(|x| x.slug == term))
}

/// The site path of a taxonomy's list page.
pub fn taxonomy_url(name: &str) -> String {
    format!("/{}/", slugify(name))
}

/// Groups `pages` by term for every taxonomy in `settings`; `docs` are the pages'
/// documents (same order), for the lines of problems, `page_keys` their title keys
/// ([`super::sort::title_keys`]).
pub fn build(
    settings: &[Settings],
    (pages, page_keys): (&[Page], &[String]),
    docs: &[&std::sync::Arc<Document<PageFrontMatter>>],
    locale: Locale,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Taxonomy> {
    settings
        .iter()
        .map(|s| {
            let url = taxonomy_url(&s.name);
            let mut terms = group(s, &url, pages, docs, problems);
            for term in &mut terms {
                sort_pages_keyed(&mut term.pages, s.sort_by, pages, page_keys);
            }
            let keys: Vec<String> = terms.iter().map(|t| locale.title_key(&t.name)).collect();
            let mut order: Vec<usize> = (0..terms.len()).collect();
            order.sort_by(|&a, &b| {
                keys[a]
                    .cmp(&keys[b])
                    .then_with(|| terms[a].slug.cmp(&terms[b].slug))
            });
            let terms = order.into_iter().map(|i| terms[i].clone()).collect();
            Taxonomy {
                name: s.name.clone(),
                title: s.title.clone(),
                url,
                paginate_by: s.paginate_by,
                feed: s.feed,
                sort_by: s.sort_by,
                terms,
            }
        })
        .collect()
}

/// The terms of one taxonomy with their pages (unsorted), reporting bad terms.
fn group(
    s: &Settings,
    url: &str,
    pages: &[Page],
    docs: &[&std::sync::Arc<Document<PageFrontMatter>>],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    // Slug → (index into `terms`, the first page that wrote it).
    let mut by_slug: FxHashMap<String, (usize, PageId)> = FxHashMap::default();
    for (id, page) in pages.iter().enumerate() {
        // Archived pages stay on their term pages (marked `archived` there), so that the
        // term links they show never lead nowhere.
        let Some(written) = page.terms.get(&s.name) else {
            continue;
        };
        let mut on_page: Vec<usize> = Vec::new();
        for name in written {
            let at = |message: Text, hint: Text| {
                located(docs.get(id), page, &s.name, name, message, hint)
            };
            if let Some(allowed) = &s.terms
                && !allowed.contains(name)
            {
                problems.push(not_allowed(name, &s.name, allowed, at));
                continue;
            }
            let slug = slugify(name);
            if slug.is_empty() {
                problems.push(at(
                    text!("model-term-no-slug", term = name.as_str()),
                    text!("model-term-no-slug.hint"),
                ));
                continue;
            }
            let index = match by_slug.get(&slug) {
                Some(&(i, first)) if terms[i].name != *name => {
                    let message = text!(
                        "model-terms-one-slug",
                        term = name.as_str(),
                        first = terms[i].name.as_str(),
                        first_page = pages[first].display.display().to_string(),
                        url = terms[i].url.as_str()
                    );
                    let hint = text!("model-terms-one-slug.hint", first = terms[i].name.as_str());
                    problems.push(at(message, hint));
                    continue;
                }
                Some(&(i, _)) => i,
                None => {
                    terms.push(Term {
                        name: name.clone(),
                        url: format!("{url}{slug}/"),
                        slug: slug.clone(),
                        pages: Vec::new(),
                    });
                    by_slug.insert(slug, (terms.len() - 1, id));
                    terms.len() - 1
                }
            };
            // A term written twice on one page lists the page once.
            if !on_page.contains(&index) {
                on_page.push(index);
                terms[index].pages.push(id);
            }
        }
    }
    terms
}

/// A term outside the declared ones, with the nearest declared term as a hint.
fn not_allowed(
    name: &str,
    taxonomy: &str,
    allowed: &[String],
    at: impl Fn(Text, Text) -> Diagnostic,
) -> Diagnostic {
    let near = crate::yaml::closest(name, allowed).or_else(|| {
        // Case alone (`mint` for `MINT`) is too far for the edit distance of long terms.
        allowed
            .iter()
            .find(|a| a.to_lowercase() == name.to_lowercase())
            .map(String::as_str)
    });
    let list = allowed.join(", ");
    let hint = match near {
        Some(near) => text!("model-term-unknown.hint-near", near = near, terms = list),
        None => text!("model-term-unknown.hint", terms = list),
    };
    at(
        text!("model-term-unknown", term = name, taxonomy = taxonomy),
        hint,
    )
}

/// A problem with the term `name` under `key`, at its line of the page's file.
fn located(
    doc: Option<&&std::sync::Arc<Document<PageFrontMatter>>>,
    page: &Page,
    key: &str,
    name: &str,
    message: Text,
    hint: Text,
) -> Diagnostic {
    let d = Diagnostic::new(&page.display, message).hint(hint);
    match doc {
        Some(doc) => {
            let front = &doc.text[..doc.body_start];
            let (line, column) = super::aliases::item_position(front, key, name).unwrap_or((1, 1));
            d.at(line, Some(column)).with_source(&doc.text)
        }
        None => d,
    }
}
