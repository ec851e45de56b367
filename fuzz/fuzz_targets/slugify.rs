//! `slugify`: the slug is a well-formed URL segment (`[a-z0-9_-]`, no stray dashes),
//! empty only for text without a letter or digit it keeps, and idempotent.
#![no_main]

use lernort::content::slug::slugify;
use lernort_fuzz::invariants::slug_well_formed;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let slug = slugify(text);
    let again = slugify(&slug);
    if let Err(e) = slug_well_formed(text, &slug, &again) {
        panic!("{e}");
    }
});
