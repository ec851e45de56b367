//! The template values of taxonomies and terms: a taxonomy lists its terms with their
//! counts (not their pages, so that a list of all terms stays small), a term holds its
//! pages.

use tera::Value;

use super::href;
use crate::model::{Site, Taxonomy, Term};
use crate::render::fields::Fields;

/// A term's name, address and count: what a taxonomy's list shows of it.
fn term_fields(site: &Site, term: &Term) -> Fields {
    let mut m = Fields::default();
    m.put("name", term.name.as_str());
    m.put("slug", term.slug.as_str());
    m.put("url", href(site, &term.url));
    m.put("permalink", site.config.permalink(&term.url));
    m.put("count", term.pages.len());
    m
}

/// `taxonomy` in templates: name, title, address and its terms (without pages).
pub fn taxonomy_value(site: &Site, t: &Taxonomy) -> Value {
    let mut m = Fields::default();
    m.put("name", t.name.as_str());
    m.put("title", t.title.as_str());
    m.put("url", href(site, &t.url));
    m.put("permalink", site.config.permalink(&t.url));
    let terms: Vec<Value> = t
        .terms
        .iter()
        .map(|term| Value::from(term_fields(site, term)))
        .collect();
    m.put("terms", terms);
    Value::from(m)
}

/// `term` in templates: its fields and its pages' values in list order.
pub fn term_value(site: &Site, term: &Term, pages: Vec<Value>, feed_url: Value) -> Value {
    let mut m = term_fields(site, term);
    m.put("feed_url", feed_url);
    m.put("pages", pages);
    Value::from(m)
}
