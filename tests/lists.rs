//! Lists that keep themselves current: taxonomy pages (`/themen/`, `/themen/mint/`),
//! pagination (`/aktuelles/seite/2/`), and the functions `get_taxonomy`/`get_term`.

mod common;

use common::{Site, main_of};

fn site() -> Site {
    Site::fixture("lists-site")
}

/// The `href`s of the list items in `html`'s `<ol class="pages">`.
fn listed(html: &str) -> Vec<String> {
    let start = html.find("<ol class=\"pages\">").expect("a page list");
    let end = start + html[start..].find("</ol>").expect("closed");
    html[start..end]
        .split("href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap_or(0)].to_string())
        .collect()
}

#[test]
fn a_taxonomy_lists_its_terms_with_counts_in_german_order() {
    let site = site();
    site.build_ok(&[]);
    insta::assert_snapshot!("taxonomy_list", main_of(&site.output("themen/index.html")));
    // The short form gets the name as its title.
    let tags = site.output("tags/index.html");
    assert!(tags.contains("<h1>Tags</h1>"), "{tags}");
    assert!(
        tags.contains("<a href=\"/tags/meldung/\">Meldung</a> (7)"),
        "{tags}"
    );
}

#[test]
fn a_term_page_lists_its_pages_newest_first_and_pages_link_their_terms() {
    let site = site();
    site.build_ok(&[]);
    let uebergaenge = site.output("themen/uebergaenge/index.html");
    // Dated pages newest first, the undated project last (`sort_by: date`).
    assert_eq!(
        listed(&uebergaenge),
        ["/aktuelles/fuenf/", "/aktuelles/zwei/"],
        "{uebergaenge}"
    );
    let second = site.output("themen/uebergaenge/seite/2/index.html");
    assert_eq!(listed(&second), ["/projekte/lernen/"], "{second}");
    let zwei = site.output("aktuelles/zwei/index.html");
    assert!(
        zwei.contains(concat!(
            "<li><a href=\"/themen/uebergaenge/\" data-permalink=\"https://kbm.example.org/themen/uebergaenge/\">Übergänge</a></li>",
            "<li><a href=\"/themen/mint/\" data-permalink=\"https://kbm.example.org/themen/mint/\">MINT</a></li>"
        )),
        "{zwei}"
    );
}

#[test]
fn a_paginated_section_has_one_page_per_slice_and_page_one_has_one_address() {
    let site = site();
    site.build_ok(&[]);
    let first = site.output("aktuelles/index.html");
    assert_eq!(
        listed(&first),
        [
            "/aktuelles/sieben/",
            "/aktuelles/sechs/",
            "/aktuelles/fuenf/"
        ]
    );
    insta::assert_snapshot!(
        "section_page_2",
        main_of(&site.output("aktuelles/seite/2/index.html"))
    );
    let last = site.output("aktuelles/seite/3/index.html");
    assert_eq!(listed(&last), ["/aktuelles/eins/"]);
    assert!(
        last.contains("<a rel=\"prev\" href=\"/aktuelles/seite/2/\">"),
        "{last}"
    );
    assert!(!last.contains("rel=\"next\""), "{last}");
    assert!(!site.has_output("aktuelles/seite/4/index.html"));
    // `/seite/1/` only leads to the section.
    let one = site.output("aktuelles/seite/1/index.html");
    assert!(
        one.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=https://kbm.example.org/aktuelles/\">"
        ),
        "{one}"
    );
}

/// The list pages of a section with `count` pages and `paginate_by: 3`.
fn pages_for(count: usize) -> Vec<String> {
    let site = Site::fixture("lists-site");
    // Without the news, the term MINT and its page are gone.
    site.write("content/_index.md", "---\ntitle: Start\n---\n");
    for name in ["eins", "zwei", "drei", "vier", "fuenf", "sechs", "sieben"] {
        std::fs::remove_file(site.path().join(format!("content/aktuelles/{name}.md")))
            .expect("fixture page");
    }
    for n in 0..count {
        site.write(
            &format!("content/aktuelles/m{n}.md"),
            &format!("---\ntitle: M{n}\ndate: 2026-01-{:02}\n---\nText.\n", n + 1),
        );
    }
    site.build_ok(&[]);
    let mut pages: Vec<String> = site
        .tree("public/aktuelles")
        .into_keys()
        .filter(|k| k.starts_with("seite/") || k == "index.html")
        .collect();
    pages.sort();
    let shown: usize = pages
        .iter()
        .filter(|p| !p.starts_with("seite/1/"))
        .map(|p| listed(&site.output(&format!("aktuelles/{p}"))).len())
        .sum();
    assert_eq!(shown, count, "every page listed once: {pages:?}");
    pages
}

#[test]
fn pagination_boundaries_none_one_exactly_full_and_one_more() {
    assert_eq!(pages_for(0), ["index.html", "seite/1/index.html"]);
    assert_eq!(pages_for(1), ["index.html", "seite/1/index.html"]);
    assert_eq!(pages_for(3), ["index.html", "seite/1/index.html"]);
    assert_eq!(
        pages_for(4),
        ["index.html", "seite/1/index.html", "seite/2/index.html"]
    );
}

#[test]
fn the_sitemap_lists_list_pages_and_two_builds_are_identical() {
    let site = site();
    site.build_ok(&[]);
    let first = site.tree("public");
    let sitemap = site.output("sitemap.xml");
    for loc in [
        "https://kbm.example.org/themen/",
        "https://kbm.example.org/themen/mint/",
        "https://kbm.example.org/themen/mint/seite/2/",
        "https://kbm.example.org/aktuelles/seite/3/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{loc}</loc>")),
            "{loc}\n{sitemap}"
        );
    }
    // The redirect is no page of its own.
    assert!(!sitemap.contains("seite/1/"), "{sitemap}");
    site.build_ok(&[]);
    assert_eq!(site.tree("public"), first);
}

#[test]
fn markdown_links_reach_term_pages() {
    let site = site();
    site.build_ok(&[]);
    let home = site.output("index.html");
    assert!(
        home.contains(
            "<a href=\"/themen/mint/\" data-href=\"https://kbm.example.org/themen/mint/\">MINT</a>"
        ),
        "{home}"
    );
    site.write(
        "content/_index.md",
        "---\ntitle: Start\n---\n[Mathe](/themen/mathe/)\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("/themen/mathe/"), "{stderr}");
}

#[test]
fn a_term_outside_the_declared_ones_is_an_error_with_the_nearest() {
    let site = site();
    site.write(
        "content/aktuelles/vier.md",
        "---\ntitle: Meldung vier\ndate: 2026-04-01\nthemen:\n  - Mint\n  - Übergänge\n---\nText.\n",
    );
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn two_terms_with_one_address_are_an_error_naming_both_pages() {
    let site = site();
    site.write(
        "content/aktuelles/eins.md",
        "---\ntitle: Meldung eins\ndate: 2026-01-01\ntags: [Schule]\n---\nText.\n",
    );
    site.write(
        "content/aktuelles/zwei.md",
        "---\ntitle: Meldung zwei\ndate: 2026-02-01\ntags: [schule]\n---\nText.\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("content/aktuelles/eins.md"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_taxonomy_and_a_section_with_one_address_are_an_error() {
    let site = site();
    site.write("content/themen/_index.md", "---\ntitle: Themen\n---\n");
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn bad_declarations_are_errors_at_their_line() {
    let site = site();
    site.write(
        "content/aktuelles/_index.md",
        "---\ntitle: Aktuelles\npaginate_by: 0\n---\n",
    );
    let section = site.build_fails(&[]);
    let site = Site::fixture("lists-site");
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://kbm.example.org\ntheme: test\ntaxonomies:\n  - name: themen\n    paginate_by: 0\n    terms: [Übergänge, Uebergaenge]\n  - tags\n  - tags\n",
    );
    let config = site.build_fails(&[]);
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://kbm.example.org\ntheme: test\ntaxonomies:\n  - name: themen\n    sortby: date\n",
    );
    let unknown = site.build_fails(&[]);
    insta::assert_snapshot!(format!("{section}\n---\n{config}\n---\n{unknown}"));
}

#[test]
fn templates_fetch_taxonomies_and_terms() {
    let site = site();
    site.write(
        "templates/index.html",
        concat!(
            "{% set themen = get_taxonomy(name=\"themen\") %}",
            "<p>{{ themen.title }}: {% for t in themen.terms %}{{ t.name }} {{ t.count }}; {% endfor %}</p>\n",
            "{% set mint = get_term(taxonomy=\"themen\", term=\"mint\") %}",
            "<p>{{ mint.name }}: {% for p in mint.pages %}{{ p.title }}; {% endfor %}</p>\n",
        ),
    );
    site.build_ok(&[]);
    insta::assert_snapshot!(site.output("index.html"));
    site.write(
        "templates/index.html",
        "{% set t = get_taxonomy(name=\"thema\") %}{{ t.title }}",
    );
    let taxonomy = site.build_fails(&[]);
    site.write(
        "templates/index.html",
        "{% set t = get_term(taxonomy=\"themen\", term=\"Chemie\") %}{{ t.name }}",
    );
    let term = site.build_fails(&[]);
    insta::assert_snapshot!("fetch_errors", format!("{taxonomy}\n---\n{term}"));
}

/// `taxonomies: [5]` is named in the reader's language, not in serde's English
/// `expecting` words.
#[test]
fn a_wrong_taxonomy_entry_is_named_in_the_readers_language() {
    let site = common::basic_with(&[]);
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let config = config.replace("taxonomies: [tags]\n", "");
    site.write("site.yaml", &format!("{config}taxonomies:\n  - 5\n"));
    let stderr = site.build_fails(&[]);
    let german = stderr.split("[en]").next().unwrap();
    assert!(
        !german.contains("a taxonomy name or a mapping"),
        "English words in the German message:\n{german}"
    );
}

/// A clash of a taxonomy's pages with a section, a page or an alias is reported at
/// the content file, which an editor can change, and names the taxonomy.
#[test]
fn clashes_with_taxonomy_pages_are_reported_at_the_content_file_naming_the_taxonomy() {
    let site = common::basic_with(&[
        (
            "content/themen/mint.md",
            "---\ntitle: MINT-Info\nthemen: [MINT]\n---\nText.\n",
        ),
        (
            "content/projekte/alt.md",
            "---\ntitle: Alt\nthemen: [MINT]\naliases: [/themen/schule/]\n---\nText.\n",
        ),
        (
            "content/projekte/schule.md",
            "---\ntitle: Schule\nthemen: [Schule]\n---\nText.\n",
        ),
    ]);
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &config.replace("taxonomies: [tags]", "taxonomies: [tags, themen]"),
    );
    let stderr = site.build_fails(&[]);
    let german = stderr.split("[en]").next().unwrap();
    assert!(
        german.contains("taxonomies: themen"),
        "the message should name the taxonomy `themen`:\n{german}"
    );
    assert!(
        !german.contains("--> site.yaml\n"),
        "a clash reported at site.yaml without a line:\n{german}"
    );
}

/// `paginate_by: -1` (or `2.5`, `"3"`) gets a number's hint, not one written for
/// `weight`.
#[test]
fn a_wrong_paginate_by_gets_a_hint_of_its_own() {
    let site = common::basic_with(&[(
        "content/projekte/_index.md",
        "---\ntitle: Projekte\npaginate_by: -1\n---\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert!(
        !stderr.contains("weight: 3"),
        "the hint speaks of `weight`:\n{stderr}"
    );
}

#[test]
fn get_taxonomy_on_a_site_without_taxonomies_says_there_are_none() {
    let site = Site::empty();
    site.write("site.yaml", "title: T\nbase_url: https://example.org\n");
    site.write("content/_index.md", "---\ntitle: Start\n---\n");
    site.write(
        "templates/index.html",
        "{% set t = get_taxonomy(name=\"themen\") %}{{ t.title }}",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("there is no taxonomy `themen`; site.yaml names none under `taxonomies:`"),
        "{stderr}"
    );
}

#[test]
fn a_taxonomy_may_sort_its_term_pages_by_title() {
    let site = site();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &yaml.replace("    paginate_by: 2\n", "    sort_by: title\n"),
    );
    site.build_ok(&[]);
    assert_eq!(
        listed(&site.output("themen/mint/index.html")),
        [
            "/aktuelles/eins/",
            "/aktuelles/sechs/",
            "/aktuelles/vier/",
            "/aktuelles/zwei/"
        ]
    );
}

#[test]
fn an_english_site_pages_its_lists_under_page_and_archives_under_archive() {
    let site = site();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &yaml.replace("language: de", "language: en"));
    site.write(
        "content/aktuelles/_index.md",
        "---\ntitle: News\nsort_by: date\npaginate_by: 3\nexpired: archive\n---\n",
    );
    site.build_ok(&["--now", "2027-01-01"]);
    for page in [
        "aktuelles/page/2/index.html",
        "aktuelles/page/3/index.html",
        "aktuelles/archive/index.html",
        "themen/mint/page/2/index.html",
    ] {
        assert!(site.has_output(page), "{page}");
    }
    assert!(!site.has_output("aktuelles/seite/2/index.html"));
    let one = site.output("aktuelles/page/1/index.html");
    assert!(
        one.contains("url=https://kbm.example.org/aktuelles/"),
        "{one}"
    );
}
