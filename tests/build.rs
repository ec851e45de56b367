//! `lernort build` on small fixture sites: what a successful build writes.

mod common;

use common::Site;

#[test]
fn builds_pages_sections_and_clean_urls() {
    let site = Site::fixture("basic");
    let run = site.build_ok(&[]);
    assert!(
        run.stdout.contains("Built 2 pages and 2 sections"),
        "{}",
        run.stdout
    );
    for path in [
        "index.html",
        "projekte/index.html",
        "projekte/knotenpunkte/index.html",
        "projekte/lernen-vor-ort/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "css/test.css",
    ] {
        assert!(site.has_output(path), "missing {path}");
    }
    insta::assert_snapshot!(site.output("projekte/knotenpunkte/index.html"));
}
