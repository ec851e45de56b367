//! One hash per page of what its record gives templates besides its place in the site
//! (its breadcrumbs and the configuration, which the render stage's fingerprints add):
//! computed once when the page is built, so that a preview rebuild that changed one
//! page hashes one page, not every page again.

use std::hash::{Hash, Hasher};

use super::Page;

/// Collects what is hashed and hashes it in one go when finished: far cheaper than a
/// streaming hash fed a few bytes at a time, which is how `Hash` feeds it.
#[derive(Default)]
struct OneShot(Vec<u8>);

impl Hasher for OneShot {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        xxhash_rust::xxh3::xxh3_64(&self.0)
    }
}

/// The hash of page `p` as built: its path, text, rendered body and what its type and
/// the routes made of its fields (which the text alone does not decide).
pub fn of(p: &Page) -> u64 {
    let mut h = OneShot(Vec::with_capacity(256));
    p.rel.hash(&mut h);
    h.write_u64(p.source_hash);
    h.write_u64(p.body.hash);
    p.type_name.hash(&mut h);
    p.fields.hash(&mut h);
    h.write_u8(u8::from(p.archived));
    h.finish()
}
