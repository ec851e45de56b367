//! Fingerprints of what templates can see: one hash per page, per section and for
//! `site`, computed from the model (not by hashing the template values). Two builds
//! with equal fingerprints give a template the same context.

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use crate::model::Site;
use crate::render::template_reads::Reads;

/// Hashes of every page's and section's template value, and of `site`.
#[derive(Debug, Default)]
pub struct Fingerprints {
    /// By page id.
    pub pages: Vec<u64>,
    /// By section id (covering the section's pages and subsections).
    pub sections: Vec<u64>,
    /// Of the `site` value.
    pub site: u64,
    /// By taxonomy: its name, title, address and terms with their counts.
    pub taxonomies: Vec<u64>,
    /// By taxonomy and term: the term and its pages.
    pub terms: Vec<Vec<u64>>,
}

fn text(h: &mut Xxh3, s: &str) {
    h.update(s.as_bytes());
    h.update(&[0xff]);
}

/// Computes all fingerprints of `site` rendered with templates that read `reads`
/// (which decides what the values hold).
pub fn compute(site: &Site, reads: Reads) -> Fingerprints {
    // Everything global: the configuration (title, base URL, taxonomies, extra…). Not
    // the route table: a page's links are in its body's hash, its own URL follows from
    // its path, slug and breadcrumbs, and what `url()` and `get_page` look up is
    // recorded while it renders. So adding a page does not touch unrelated pages.
    let mut g = Xxh3::new();
    text(&mut g, &format!("{:?}", site.config));
    std::hash::Hash::hash(&reads, &mut g);
    let global = g.digest();

    // Each section's breadcrumbs (its ancestors and itself), hashed once for all its
    // pages.
    let crumbs: Vec<u64> = (0..site.sections.len())
        .map(|section| {
            let mut h = Xxh3::new();
            for id in site.ancestors(section).into_iter().chain([section]) {
                let s = &site.sections[id];
                text(&mut h, &s.title);
                text(&mut h, &s.url);
            }
            h.digest()
        })
        .collect();
    // What a page's record holds (its text, body, type and fields) was hashed when it
    // was built; its place adds the breadcrumbs and the global hash.
    let pages: Vec<u64> = site
        .pages
        .par_iter()
        .map(|p| {
            let mut bytes = [0u8; 24];
            bytes[..8].copy_from_slice(&global.to_le_bytes());
            bytes[8..16].copy_from_slice(&p.record_hash.to_le_bytes());
            bytes[16..].copy_from_slice(&crumbs[p.section].to_le_bytes());
            xxhash_rust::xxh3::xxh3_64(&bytes)
        })
        .collect();
    let mut sections = vec![0u64; site.sections.len()];
    // Children have larger ids than their parents: walk backwards, children first.
    for id in (0..site.sections.len()).rev() {
        let s = &site.sections[id];
        let mut h = Xxh3::new();
        h.update(&global.to_le_bytes());
        text(&mut h, &s.rel);
        h.update(&s.source_hash.to_le_bytes());
        h.update(&s.body.hash.to_le_bytes());
        h.update(&crumbs[id].to_le_bytes());
        for &p in &s.pages {
            h.update(&pages[p].to_le_bytes());
        }
        // The archive page shows the section with its archived pages.
        h.update(&[0xfe]);
        for &p in &s.archived {
            h.update(&pages[p].to_le_bytes());
        }
        h.update(&[0xfd]);
        for &c in &s.subsections {
            h.update(&sections[c].to_le_bytes());
        }
        sections[id] = h.digest();
    }
    let mut h = Xxh3::new();
    h.update(&global.to_le_bytes());
    for &id in site.navigation() {
        let s = &site.sections[id];
        text(&mut h, &s.title);
        text(&mut h, &s.url);
        text(&mut h, &s.rel);
    }
    let home = &site.sections[crate::model::HOME];
    text(&mut h, &home.title);
    text(&mut h, home.description.as_deref().unwrap_or(""));
    // `site.feed_url`: the home feed is also switched on in the home page's `_index.md`.
    let home_feed = site
        .feeds
        .iter()
        .find(|f| f.kind == crate::model::FeedKind::Home);
    text(&mut h, home_feed.map_or("", |f| f.url.as_str()));
    let (taxonomies, terms) = taxonomies(site, global, &pages);
    Fingerprints {
        pages,
        sections,
        site: h.digest(),
        taxonomies,
        terms,
    }
}

/// The fingerprints of every taxonomy value and every term value.
fn taxonomies(site: &Site, global: u64, pages: &[u64]) -> (Vec<u64>, Vec<Vec<u64>>) {
    let mut taxonomies = Vec::with_capacity(site.taxonomies.len());
    let mut terms = Vec::with_capacity(site.taxonomies.len());
    for t in &site.taxonomies {
        let mut h = Xxh3::new();
        h.update(&global.to_le_bytes());
        text(&mut h, &t.name);
        text(&mut h, &t.title);
        text(&mut h, &t.url);
        for term in &t.terms {
            text(&mut h, &term.name);
            text(&mut h, &term.url);
            h.update(&term.pages.len().to_le_bytes());
        }
        let tax = h.digest();
        taxonomies.push(tax);
        let of_terms = t.terms.iter().map(|term| {
            let mut h = Xxh3::new();
            h.update(&tax.to_le_bytes());
            text(&mut h, &term.name);
            for &p in &term.pages {
                h.update(&pages[p].to_le_bytes());
            }
            h.digest()
        });
        terms.push(of_terms.collect());
    }
    (taxonomies, terms)
}
