//! The output of a generated site, file by file: a sample of the benchmark corpus
//! (`scripts/gen-bench-site.py --pages 24`, plus one page with footnotes and
//! `<!-- more -->`, which is rendered from collected events) built with the repo's
//! `einfach` theme. A change that makes lernort faster must leave every byte of it as it
//! was; the snapshot names each file with its size and a hash, so a difference points at
//! the file to look at.

mod common;

use common::Site;

#[test]
fn a_generated_site_builds_to_the_same_bytes() {
    let site = Site::fixture("bench-sample");
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/einfach");
    common::copy_tree(&theme, &site.path().join("themes/einfach"));
    site.build_ok(&[]);
    let listing: String = site
        .tree("public")
        .iter()
        .map(|(path, bytes)| {
            let hash = xxhash_rust::xxh3::xxh3_64(bytes);
            format!("{path} {} {hash:016x}\n", bytes.len())
        })
        .collect();
    assert!(
        listing.contains("abschnitt-01/fussnoten/index.html "),
        "{listing}"
    );
    assert!(listing.lines().count() > 60, "{listing}");
    insta::assert_snapshot!(listing);
}
