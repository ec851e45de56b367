//! The template values of taxonomies and terms: a taxonomy lists its terms with their
//! counts (not their pages, so that a list of all terms stays small), a term holds its
//! pages.

use tera::{Map, Value};

use super::{href, put};
use crate::model::{Site, Taxonomy, Term};

/// A term's name, address and count: what a taxonomy's list shows of it.
fn term_fields(site: &Site, term: &Term) -> Map {
    let mut m = Map::new();
    put(&mut m, "name", term.name.as_str());
    put(&mut m, "slug", term.slug.as_str());
    put(&mut m, "url", href(site, &term.url));
    put(&mut m, "permalink", site.config.permalink(&term.url));
    put(&mut m, "count", term.pages.len());
    m
}

/// `taxonomy` in templates: name, title, address and its terms (without pages).
pub fn taxonomy_value(site: &Site, t: &Taxonomy) -> Value {
    let mut m = Map::new();
    put(&mut m, "name", t.name.as_str());
    put(&mut m, "title", t.title.as_str());
    put(&mut m, "url", href(site, &t.url));
    put(&mut m, "permalink", site.config.permalink(&t.url));
    let terms: Vec<Value> = t
        .terms
        .iter()
        .map(|term| Value::from(term_fields(site, term)))
        .collect();
    put(&mut m, "terms", terms);
    Value::from(m)
}

/// `term` in templates: its fields and its pages' values in list order.
pub fn term_value(site: &Site, term: &Term, pages: Vec<Value>, feed_url: Value) -> Value {
    let mut m = term_fields(site, term);
    put(&mut m, "feed_url", feed_url);
    put(&mut m, "pages", pages);
    Value::from(m)
}
