//! `lernort build` on one small fixture site per behaviour: the site tree, URLs,
//! bundles, sorting, drafts, aliases, dates, taxonomies, `extra`, sitemap, base URLs,
//! output folders, assets, atomic output and determinism.

mod common;

use common::{Site, temp_leftovers};

/// The text from the first `open` to the next `close` after it (both included).
fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("no `{open}` in:\n{html}"));
    let len = html[start..]
        .find(close)
        .unwrap_or_else(|| panic!("no `{close}` after `{open}` in:\n{html}"));
    &html[start..start + len + close.len()]
}

/// Every `href` value in `html`, in document order.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').expect("closing quote")])
        .collect()
}

/// The page links of a section page rendered with the test theme, in order.
fn listed_pages(html: &str) -> Vec<&str> {
    hrefs(between(html, "<ol class=\"pages\">", "</ol>"))
}

/// The `<url>` entry of `sitemap.xml` whose `<loc>` is `loc`.
fn sitemap_entry<'a>(xml: &'a str, loc: &str) -> &'a str {
    let marker = format!("<loc>{loc}</loc>");
    let at = xml
        .find(&marker)
        .unwrap_or_else(|| panic!("{loc} is not in the sitemap:\n{xml}"));
    let start = xml[..at].rfind("<url>").expect("entry start");
    let end = at + xml[at..].find("</url>").expect("entry end");
    &xml[start..end]
}

// ---------------------------------------------------------------------------------
// Sections

#[test]
fn nested_sections_get_nested_urls_and_breadcrumbs_list_the_ancestors() {
    let site = Site::fixture("site-sections");
    site.build_ok(&[]);

    let schule = site.output("themen/schule/index.html");
    assert!(schule.contains("<h1>Schule</h1>"), "{schule}");
    assert_eq!(
        hrefs(between(&schule, "<p class=\"crumbs\">", "</p>")),
        ["/", "/themen/"],
        "a section's breadcrumbs are its ancestors, home first"
    );
    assert_eq!(listed_pages(&schule), ["/themen/schule/grundschule/"]);

    let themen = site.output("themen/index.html");
    assert_eq!(
        hrefs(between(&themen, "<ul class=\"subsections\">", "</ul>")),
        ["/themen/schule/"]
    );

    let page = site.output("themen/schule/grundschule/index.html");
    let crumbs = between(&page, "<p class=\"crumbs\">", "</p>");
    assert_eq!(hrefs(crumbs), ["/", "/themen/", "/themen/schule/"]);
    assert!(
        crumbs.contains(">Startseite<")
            && crumbs.contains(">Themen<")
            && crumbs.contains(">Schule<"),
        "{crumbs}"
    );
}

#[test]
fn a_folder_without_index_is_a_section_titled_after_the_folder() {
    let site = Site::fixture("site-sections");
    site.build_ok(&[]);

    let section = site.output("lernen-vor-ort/index.html");
    assert!(section.contains("<h1>Lernen vor ort</h1>"), "{section}");
    assert_eq!(
        listed_pages(&section),
        ["/lernen-vor-ort/abschlussbericht/"]
    );

    let page = site.output("lernen-vor-ort/abschlussbericht/index.html");
    assert!(
        page.contains("<a href=\"/lernen-vor-ort/\">Lernen vor ort</a>"),
        "the page's breadcrumbs name the folder section:\n{page}"
    );

    let home = site.output("index.html");
    assert!(
        home.contains("<a href=\"/lernen-vor-ort/\">Lernen vor ort</a>"),
        "the folder section is a subsection of home:\n{home}"
    );

    // Folders without `_index.md` above other such folders are sections too.
    let archiv = site.output("archiv/index.html");
    assert!(archiv.contains("<h1>Archiv</h1>"), "{archiv}");
    assert_eq!(
        hrefs(between(&archiv, "<ul class=\"subsections\">", "</ul>")),
        ["/archiv/rueckblick-2015/"]
    );
    assert!(site.has_output("archiv/rueckblick-2015/jahresbericht/index.html"));
}

// ---------------------------------------------------------------------------------
// Clean URLs and slugs

#[test]
fn pages_get_clean_urls() {
    let site = Site::fixture("site-slugs");
    site.build_ok(&[]);
    assert!(site.has_output("projekte/knotenpunkte/index.html"));
    assert!(!site.has_output("projekte/knotenpunkte.html"));
    assert!(
        !site.tree("public").keys().any(|path| path.ends_with(".md")),
        "no Markdown file is copied into the output"
    );
}

#[test]
fn slugs_are_lowercase_ascii_with_german_letters_transliterated() {
    let site = Site::fixture("site-slugs");
    site.build_ok(&[]);
    // `content/Über uns.md`
    assert!(site.has_output("ueber-uns/index.html"));
    // `content/projekte/Straße & Plätze (2024).md`
    assert!(site.has_output("projekte/strasse-plaetze-2024/index.html"));
    // `slug: Große Öffnung!` in `content/projekte/altername.md`
    assert!(site.has_output("projekte/grosse-oeffnung/index.html"));
    assert!(!site.has_output("projekte/altername/index.html"));
    // The folder `content/Öffentlichkeit/`
    assert!(site.has_output("oeffentlichkeit/presse/index.html"));

    let urls: Vec<String> = site
        .tree("public")
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect();
    for url in &urls {
        assert!(
            url.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_./".contains(c)),
            "output path {url} is not a lowercase ASCII slug"
        );
    }

    // A link to the file is rewritten to the slugged URL.
    let projekte = site.output_hrefs("projekte/index.html");
    assert!(
        projekte.contains("<a href=\"/ueber-uns/\">Über uns</a>"),
        "{projekte}"
    );
}

#[test]
fn slugs_transliterate_decomposed_umlauts_too() {
    // macOS and some sync tools store `Ü` as `U` + U+0308 (NFD) in file names.
    let site = Site::fixture("site-slugs");
    site.write(
        "content/U\u{308}ber das Team.md",
        "---\ntitle: Über das Team\n---\nText.\n",
    );
    site.build_ok(&[]);
    assert!(
        site.has_output("ueber-das-team/index.html"),
        "expected /ueber-das-team/; built: {:?}",
        site.tree("public")
            .into_keys()
            .filter(|p| p.ends_with("index.html"))
            .collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------------------------
// Page bundles and section files

#[test]
fn bundle_files_are_copied_next_to_the_bundle_page() {
    let site = Site::fixture("site-bundles");
    site.build_ok(&[]);
    assert!(site.has_output("projekte/lvo/index.html"));
    let content = site.path().join("content/projekte/lvo");
    let out = site.path().join("public/projekte/lvo");
    for file in ["bericht.pdf", "bild.png", "anhang/tabelle.csv"] {
        assert_eq!(
            std::fs::read(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}")),
            std::fs::read(content.join(file)).expect("fixture file"),
            "{file} is copied unchanged"
        );
    }
    assert!(!site.has_output("projekte/lvo/index.md"));
}

#[test]
fn relative_links_in_a_bundle_point_to_the_copied_files() {
    let site = Site::fixture("site-bundles");
    site.build_ok(&[]);
    let page = site.output_hrefs("projekte/lvo/index.html");
    assert!(
        page.contains("<a href=\"/projekte/lvo/bericht.pdf\">Bericht <span class=\"download-info\">(PDF, 17 Byte)</span></a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"/projekte/lvo/anhang/tabelle.csv\">Tabelle <span class=\"download-info\">(CSV, 27 Byte)</span></a>"),
        "{page}"
    );
    assert!(
        page.contains("<img src=\"/projekte/lvo/bild.png\" alt=\"Ein Bild\""),
        "{page}"
    );
}

#[test]
fn files_beside_a_section_index_are_copied_next_to_the_section_page() {
    let site = Site::fixture("site-bundles");
    site.build_ok(&[]);
    assert_eq!(
        std::fs::read(site.path().join("public/projekte/flyer.pdf")).expect("flyer copied"),
        std::fs::read(site.path().join("content/projekte/flyer.pdf")).expect("fixture")
    );
    let section = site.output_hrefs("projekte/index.html");
    assert!(
        section.contains("<a href=\"/projekte/flyer.pdf\">Flyer <span class=\"download-info\">(PDF, 15 Byte)</span></a>"),
        "{section}"
    );
    // The home page is a section too: `content/wappen.svg` sits beside `content/_index.md`.
    assert_eq!(
        std::fs::read(site.path().join("public/wappen.svg")).expect("wappen copied"),
        std::fs::read(site.path().join("content/wappen.svg")).expect("fixture")
    );
}

// ---------------------------------------------------------------------------------
// Sorting

#[test]
fn pages_sort_by_weight_then_title_then_path_by_default() {
    let site = Site::fixture("site-sorting");
    site.build_ok(&[]);
    assert_eq!(
        listed_pages(&site.output("gewicht/index.html")),
        [
            "/gewicht/a/",        // weight 1
            "/gewicht/c/",        // weight 2, "Bravo"
            "/gewicht/b/",        // weight 2, "Charlie"
            "/gewicht/x-gleich/", // weight 3, "Gleich", path x…
            "/gewicht/y-gleich/", // weight 3, "Gleich", path y…
            "/gewicht/d/",        // no weight
        ]
    );
}

#[test]
fn sort_by_date_puts_the_newest_first_and_undated_pages_last() {
    let site = Site::fixture("site-sorting");
    site.build_ok(&[]);
    assert_eq!(
        listed_pages(&site.output("datum/index.html")),
        [
            "/datum/neu/",    // 2024-05-31
            "/datum/mittel/", // 2023-03-01T10:00:00+01:00
            "/datum/alt/",    // 2020-01-01
            "/datum/ohne/",   // no date, although its title comes first
        ]
    );
}

#[test]
fn sort_by_title_uses_german_order() {
    let site = Site::fixture("site-sorting");
    site.build_ok(&[]);
    assert_eq!(
        listed_pages(&site.output("titel/index.html")),
        [
            "/titel/ameisen/",     // Ameisen
            "/titel/aepfel/",      // Äpfel sorts as "Apfel"
            "/titel/bienen/",      // bienen (case does not matter)
            "/titel/birnen/",      // Birnen
            "/titel/uebergaenge/", // Übergänge sorts as "Ubergange", before Z
            "/titel/zukunft/",     // Zukunft (its weight 1 is ignored)
        ]
    );
}

#[test]
fn subsections_sort_by_weight() {
    let site = Site::fixture("site-sorting");
    site.build_ok(&[]);
    let home = site.output("index.html");
    assert_eq!(
        hrefs(between(&home, "<ul>", "</ul>")),
        ["/datum/", "/titel/", "/gewicht/"],
        "weights 1, 2, 3:\n{home}"
    );
    let nav = between(&home, "<nav", "</nav>");
    assert_eq!(hrefs(nav), ["/datum/", "/titel/", "/gewicht/"], "{nav}");
}

// ---------------------------------------------------------------------------------
// Drafts

#[test]
fn drafts_are_not_built() {
    let site = Site::fixture("site-drafts");
    site.build_ok(&[]);
    assert!(site.has_output("news/veroeffentlicht/index.html"));
    assert!(!site.has_output("news/entwurf"), "a draft page");
    assert!(
        !site.has_output("news/vorschau"),
        "a draft bundle and its file"
    );

    let news = site.output("news/index.html");
    assert_eq!(listed_pages(&news), ["/news/veroeffentlicht/"]);

    let sitemap = site.output("sitemap.xml");
    assert!(!sitemap.contains("entwurf"), "{sitemap}");
    assert!(!sitemap.contains("vorschau"), "{sitemap}");
}

#[test]
fn a_draft_section_hides_its_whole_subtree() {
    let site = Site::fixture("site-drafts");
    site.build_ok(&[]);
    let leaked: Vec<String> = site
        .tree("public")
        .into_keys()
        .filter(|p| p.starts_with("intern"))
        .collect();
    assert!(
        leaked.is_empty(),
        "nothing under the draft section `content/intern/` (pages, subsections, \
         folders without _index.md, files) is published; found {leaked:?}"
    );
    let home = site.output("index.html");
    assert!(!home.contains("/intern/"), "{home}");
    let sitemap = site.output("sitemap.xml");
    assert!(!sitemap.contains("/intern/"), "{sitemap}");
}

#[test]
fn drafts_flag_builds_drafts() {
    let site = Site::fixture("site-drafts");
    site.build_ok(&["--drafts"]);
    for path in [
        "news/entwurf/index.html",
        "news/vorschau/index.html",
        "news/vorschau/anhang.pdf",
        "intern/index.html",
        "intern/plan/index.html",
        "intern/protokoll.pdf",
        "intern/team/index.html",
        "intern/team/liste/index.html",
        "intern/team/liste.pdf",
        "intern/archiv/alt/index.html",
    ] {
        assert!(site.has_output(path), "missing {path}");
    }
    let news = site.output("news/index.html");
    assert!(listed_pages(&news).contains(&"/news/entwurf/"), "{news}");
    assert!(site.output("sitemap.xml").contains("/intern/plan/"));
}

#[test]
fn a_link_to_a_draft_is_an_error_that_says_so() {
    let site = Site::fixture("site-drafts");
    site.write(
        "content/news/verweis.md",
        "---\ntitle: Verweis\n---\nSiehe den [Entwurf](entwurf.md).\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("content/news/verweis.md:4:"),
        "names the linking file and line:\n{stderr}"
    );
    let line = stderr
        .lines()
        .find(|l| l.contains("entwurf.md") && l.contains("error"))
        .unwrap_or_else(|| panic!("no error about entwurf.md:\n{stderr}"));
    assert!(line.contains("draft"), "says it is a draft: {line}");

    // With `--drafts` the same link is fine.
    site.build_ok(&["--drafts"]);
    assert!(
        site.output_hrefs("news/verweis/index.html")
            .contains("<a href=\"/news/entwurf/\">Entwurf</a>")
    );
}

#[test]
fn a_link_into_a_draft_section_is_an_error_that_says_so() {
    let site = Site::fixture("site-drafts");
    site.write(
        "content/news/verweis.md",
        "---\ntitle: Verweis\n---\nSiehe den [Plan](@/intern/plan.md).\n",
    );
    let stderr = site.build_fails(&[]);
    let line = stderr
        .lines()
        .find(|l| l.contains("@/intern/plan.md") && l.contains("error"))
        .unwrap_or_else(|| panic!("no error about the plan:\n{stderr}"));
    assert!(line.contains("draft"), "says it is a draft: {line}");
}

#[test]
fn a_folder_link_to_a_draft_says_it_is_a_draft() {
    // `vorschau/` is a draft bundle, `../intern/` a draft section; both are pages
    // linked by their folder, which works for pages that are built.
    for (dest, target) in [("vorschau/", "news/vorschau"), ("../intern/", "intern")] {
        let site = Site::fixture("site-drafts");
        site.write(
            "content/news/verweis.md",
            &format!("---\ntitle: Verweis\n---\nSiehe [dort]({dest}).\n"),
        );
        let stderr = site.build_fails(&[]);
        let line = stderr
            .lines()
            .find(|l| l.contains(&format!("`{dest}`")) && l.contains("error"))
            .unwrap_or_else(|| panic!("no error about {dest}:\n{stderr}"));
        assert!(
            line.contains("draft"),
            "a link to the draft `content/{target}/` should say it is a draft: {line}"
        );

        site.build_ok(&["--drafts"]);
        assert!(
            site.output_hrefs("news/verweis/index.html")
                .contains(&format!("<a href=\"/{target}/\">dort</a>")),
            "with --drafts the folder link resolves"
        );
    }
}

// ---------------------------------------------------------------------------------
// Aliases

#[test]
fn an_alias_is_a_redirect_page_to_the_permalink() {
    let site = Site::fixture("site-aliases");
    site.build_ok(&[]);
    assert!(site.has_output("projekte/neue-seite/index.html"));
    let redirect = site.output("alt/seite/index.html");
    assert!(
        redirect.contains("content=\"0; url=https://kbm.example.org/projekte/neue-seite/\""),
        "{redirect}"
    );
    insta::assert_snapshot!("alias_redirect_page", redirect);
}

// ---------------------------------------------------------------------------------
// Dates

#[test]
fn plain_and_rfc3339_dates_are_accepted() {
    let site = Site::fixture("site-dates");
    site.build_ok(&[]);
    let plain = site.output("termine/tag/index.html");
    assert!(
        plain.contains("<time datetime=\"2024-05-31\">31. Mai 2024</time>"),
        "{plain}"
    );
    let rfc = site.output("termine/zeitpunkt/index.html");
    assert!(
        rfc.contains("<time datetime=\"2024-05-31T10:00:00+02:00\">31. Mai 2024</time>"),
        "{rfc}"
    );
    let zulu = site.output("termine/zulu/index.html");
    assert!(
        zulu.contains("<time datetime=\"2024-05-31T08:00:00Z\">31. Mai 2024</time>"),
        "{zulu}"
    );
}

#[test]
fn sitemap_lastmod_is_updated_else_date() {
    let site = Site::fixture("site-dates");
    site.build_ok(&[]);
    let xml = site.output("sitemap.xml");
    let lastmod = |loc: &str| {
        let entry = sitemap_entry(&xml, loc);
        entry
            .split_once("<lastmod>")
            .map(|(_, rest)| rest.split_once("</lastmod>").expect("closed").0.to_string())
    };
    assert_eq!(
        lastmod("https://kbm.example.org/termine/geaendert/").as_deref(),
        Some("2024-06-01T09:30:00+02:00"),
        "`updated` wins over `date`"
    );
    assert_eq!(
        lastmod("https://kbm.example.org/termine/tag/").as_deref(),
        Some("2024-05-31")
    );
    assert_eq!(
        lastmod("https://kbm.example.org/termine/zeitpunkt/").as_deref(),
        Some("2024-05-31T10:00:00+02:00")
    );
    assert_eq!(lastmod("https://kbm.example.org/termine/ohne/"), None);
}

// ---------------------------------------------------------------------------------
// Taxonomies and extra

#[test]
fn page_terms_reach_templates_with_names_and_slugs() {
    let site = Site::fixture("site-taxonomies");
    site.build_ok(&[]);
    let mint = site.output("projekte/mint/index.html");
    assert!(
        mint.contains("<h1 class=\"site-template\">"),
        "the site's templates/page.html overrides the theme's:\n{mint}"
    );
    assert!(
        mint.contains(
            "<ul class=\"tags\"><li data-slug=\"mint\">MINT</li><li data-slug=\"grundbildung\">Grundbildung</li></ul>"
        ),
        "{mint}"
    );
    let uebergaenge = site.output("projekte/uebergaenge/index.html");
    assert!(
        uebergaenge.contains(
            "<li data-slug=\"lebenslanges-lernen\">Lebenslanges Lernen</li><li data-slug=\"uebergaenge\">Übergänge</li>"
        ),
        "{uebergaenge}"
    );
    let ohne = site.output("projekte/ohne/index.html");
    assert!(ohne.contains("<ul class=\"tags\"></ul>"), "{ohne}");
}

#[test]
fn site_page_and_section_extra_reach_templates() {
    let site = Site::fixture("site-extra");
    site.build_ok(&[]);
    let page = site.output("projekte/lvo/index.html");
    assert!(
        page.contains("<p class=\"traeger\">Stadt Trier – kbm@example.org</p>"),
        "site.extra, nested maps included:\n{page}"
    );
    assert!(
        page.contains("<p class=\"foerderer\">BMBF, 2010–2015</p>"),
        "page.extra, nested maps included:\n{page}"
    );
    let section = site.output("projekte/index.html");
    assert!(
        section.contains("<p class=\"hinweis\">Alle Angaben ohne Gewähr</p>"),
        "section.extra:\n{section}"
    );
    assert!(
        section.contains("<p class=\"traeger\">Stadt Trier</p>"),
        "{section}"
    );
}

// ---------------------------------------------------------------------------------
// Sitemap, robots.txt, 404

#[test]
fn sitemap_lists_every_page_and_section_with_absolute_urls() {
    let site = Site::fixture("site-sitemap");
    site.build_ok(&[]);
    let xml = site.output("sitemap.xml");
    for loc in [
        "https://kbm.example.org/",
        "https://kbm.example.org/projekte/",
        "https://kbm.example.org/projekte/knotenpunkte/",
        "https://kbm.example.org/projekte/lvo/",
        "https://kbm.example.org/kontakt/",
        "https://kbm.example.org/downloads/",
        "https://kbm.example.org/downloads/formulare/",
    ] {
        sitemap_entry(&xml, loc);
    }
    insta::assert_snapshot!("sitemap_xml", xml);
}

#[test]
fn robots_txt_points_to_the_sitemap() {
    let site = Site::fixture("site-sitemap");
    site.build_ok(&[]);
    let robots = site.output("robots.txt");
    assert!(
        robots.contains("Sitemap: https://kbm.example.org/sitemap.xml"),
        "{robots}"
    );
    insta::assert_snapshot!("robots_txt", robots);
}

#[test]
fn the_404_page_comes_from_the_theme() {
    let site = Site::fixture("site-sitemap");
    site.build_ok(&[]);
    let page = site.output("404.html");
    assert!(page.contains("<h1>Seite nicht gefunden</h1>"), "{page}");
    assert!(
        page.contains("<nav aria-label=\"Hauptnavigation\">"),
        "rendered with the theme's 404.html (which extends base.html):\n{page}"
    );
}

// ---------------------------------------------------------------------------------
// Base URL with a path

#[test]
fn a_base_url_with_a_path_prefixes_hrefs_and_permalinks() {
    let site = Site::fixture("site-base-path");
    site.build_ok(&["--base-url", "https://preview.example.org/kbm"]);

    // The output layout does not change; only URLs do.
    assert!(site.has_output("projekte/knotenpunkte/index.html"));
    assert!(!site.has_output("kbm"));

    let page = site.output("projekte/knotenpunkte/index.html");
    assert!(
        page.contains(
            "<link rel=\"canonical\" href=\"https://preview.example.org/kbm/projekte/knotenpunkte/\">"
        ),
        "page.permalink:\n{page}"
    );
    let page = site.output_hrefs("projekte/knotenpunkte/index.html");
    for fragment in [
        "<a href=\"/kbm/projekte/lvo/#ergebnisse\">Lernen vor Ort</a>",
        "<a href=\"/kbm/projekte/\">Übersicht</a>",
        "<img src=\"/kbm/projekte/logo.png\"",
        "<a href=\"/kbm/\">Startseite</a>",
        "href=\"/kbm/css/test.css?h=",
        "<a href=\"/kbm/projekte/\">Projekte</a>",
    ] {
        assert!(page.contains(fragment), "missing {fragment}:\n{page}");
    }
    // A site-absolute link written in Markdown gets the prefix too.
    assert!(
        site.output("projekte/lvo/index.html")
            .contains("<a href=\"/kbm/impressum/\" data-href=\"https://preview.example.org/kbm/impressum/\">Impressum</a>"),
        "site-absolute Markdown links are prefixed"
    );

    // No site-absolute href or src anywhere escapes the prefix.
    for (path, bytes) in site.tree("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).expect("UTF-8");
        for attr in ["href=\"/", "src=\"/"] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len()..];
                assert!(
                    rest.starts_with("kbm/"),
                    "{path}: `{}` lacks the /kbm prefix",
                    &html[i..i + attr.len() + rest.find('"').unwrap_or(0)]
                );
            }
        }
    }

    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://preview.example.org/kbm/projekte/knotenpunkte/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("kbm.example.org"), "{sitemap}");
    assert!(
        site.output("robots.txt")
            .contains("Sitemap: https://preview.example.org/kbm/sitemap.xml")
    );
    let redirect = site.output("alt/lvo/index.html");
    assert!(
        redirect.contains("url=https://preview.example.org/kbm/projekte/lvo/"),
        "{redirect}"
    );
}

// ---------------------------------------------------------------------------------
// Output folder and site root

#[test]
fn output_dir_writes_the_site_elsewhere() {
    for flag in ["-o", "--output-dir"] {
        let site = Site::fixture("site-output-dir");
        let out = site.path().join("vorschau");
        site.build_ok(&[flag, out.to_str().expect("UTF-8 path")]);
        assert!(
            !site.has_output(""),
            "{flag}: nothing is written to public/"
        );
        let tree = site.tree("vorschau");
        for path in [
            "index.html",
            "projekte/index.html",
            "projekte/knotenpunkte/index.html",
            "sitemap.xml",
        ] {
            assert!(tree.contains_key(path), "{flag}: missing {path}");
        }
    }
}

#[test]
fn root_builds_a_site_in_another_folder() {
    let site = Site::fixture("site-output-dir");
    let elsewhere = tempfile::tempdir().expect("temp dir");

    // An absolute --root, run from an unrelated folder.
    let out = assert_cmd::Command::cargo_bin("lernort")
        .expect("binary built")
        .env("LERNORT_MESSAGES", "en")
        .current_dir(elsewhere.path())
        .arg("--root")
        .arg(site.path())
        .arg("build")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.has_output("projekte/knotenpunkte/index.html"));
    assert_eq!(
        std::fs::read_dir(elsewhere.path())
            .expect("readable")
            .count(),
        0,
        "nothing is written to the current folder"
    );

    // A relative --root, resolved from the current folder.
    let parent = site.path().parent().expect("temp dir has a parent");
    let name = site.path().file_name().expect("temp dir has a name");
    std::fs::remove_dir_all(site.path().join("public")).expect("remove output");
    let out = assert_cmd::Command::cargo_bin("lernort")
        .expect("binary built")
        .env("LERNORT_MESSAGES", "en")
        .current_dir(parent)
        .arg("--root")
        .arg(name)
        .arg("build")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.has_output("projekte/knotenpunkte/index.html"));
}

// ---------------------------------------------------------------------------------
// Assets

#[test]
fn theme_and_site_assets_are_copied_and_the_site_wins() {
    let site = Site::fixture("site-assets");
    site.build_ok(&[]);
    let read = |rel: &str| std::fs::read(site.path().join(rel)).expect(rel);
    assert_eq!(
        read("public/css/test.css"),
        read("assets/css/test.css"),
        "a file in both asset folders comes from the site"
    );
    assert_ne!(
        read("public/css/test.css"),
        read("themes/test/assets/css/test.css")
    );
    assert_eq!(
        read("public/js/menu.js"),
        read("themes/test/assets/js/menu.js")
    );
    assert_eq!(read("public/img/logo.svg"), read("assets/img/logo.svg"));
}

#[test]
fn asset_urls_carry_a_hash_that_follows_the_content() {
    let site = Site::fixture("site-assets");
    site.build_ok(&[]);
    let stylesheet = |site: &Site| {
        let html = site.output("index.html");
        let link = between(&html, "<link rel=\"stylesheet\"", ">");
        hrefs(link)[0].to_string()
    };
    let first = stylesheet(&site);
    let hash = first
        .strip_prefix("/css/test.css?h=")
        .unwrap_or_else(|| panic!("unexpected asset URL {first}"));
    assert!(
        !hash.is_empty() && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{first}"
    );

    site.build_ok(&[]);
    assert_eq!(stylesheet(&site), first, "same content, same URL");

    site.write("assets/css/test.css", "body { color: darkred; }\n");
    site.build_ok(&[]);
    let second = stylesheet(&site);
    assert!(second.starts_with("/css/test.css?h="), "{second}");
    assert_ne!(second, first, "the hash changes with the file's content");
}

// ---------------------------------------------------------------------------------
// Atomic output

#[test]
fn a_build_replaces_the_previous_output_completely() {
    let site = Site::fixture("site-atomic");
    site.with_previous_output();
    site.build_ok(&[]);
    assert!(
        !site.has_output("alt/index.html"),
        "a stale file disappears"
    );
    assert!(!site.has_output("alt"), "and so does its folder");
    assert!(site.output("index.html").contains("<h1>Startseite</h1>"));
    assert!(site.has_output("projekte/knotenpunkte/index.html"));
    assert_eq!(temp_leftovers(site.path()), Vec::<String>::new());
}

#[test]
fn a_build_into_another_folder_leaves_no_temporary_folders() {
    let site = Site::fixture("site-atomic");
    // A previous build's output (it has an index.html), with a page since removed.
    site.write("ausgabe/index.html", "<p>previous build</p>\n");
    site.write("ausgabe/veraltet.html", "<p>stale</p>\n");
    let out = site.path().join("ausgabe");
    site.build_ok(&["-o", out.to_str().expect("UTF-8 path")]);
    let tree = site.tree("ausgabe");
    assert!(
        !tree.contains_key("veraltet.html"),
        "a stale file disappears"
    );
    assert!(tree.contains_key("projekte/knotenpunkte/index.html"));
    assert_eq!(temp_leftovers(site.path()), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------
// Determinism

#[test]
fn the_same_input_builds_identical_output() {
    let site = Site::fixture("site-determinism");
    let a = site.path().join("out-a");
    let b = site.path().join("out-b");
    site.build_ok(&["-o", a.to_str().expect("UTF-8 path")]);
    site.build_ok(&["-o", b.to_str().expect("UTF-8 path")]);
    let first = site.tree("out-a");
    assert!(first.contains_key("nord/index.html"), "built");
    let second = site.tree("out-b");
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>(),
        "same files"
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between builds");
    }
}

/// Hidden files and what editors leave next to a file (backups, swap files, Vim's
/// `4913`, JetBrains' `___jb_` files) are never published: not from `content/`, not from
/// `assets/`, and they are not templates. `serve` ignores the same names.
#[test]
fn hidden_and_editor_leftover_files_are_not_published() {
    let site = Site::fixture("basic");
    let leftovers = [
        "content/projekte/plan.pdf.bak",
        "content/projekte/knotenpunkte.md~",
        "content/projekte/.knotenpunkte.md.swp",
        "content/4913",
        "content/projekte/bericht.pdf___jb_tmp___",
        "assets/css/alt.css.bak",
        "assets/.htaccess",
    ];
    for path in leftovers {
        site.write(path, "übrig\n");
    }
    site.write("content/projekte/plan.pdf", "%PDF-1.4\n");
    site.write(
        "assets/.well-known/security.txt",
        "Contact: mailto:kbm@example.org\n",
    );
    site.write("themes/test/templates/page.html.bak", "{{ kaputt ");
    site.build_ok(&[]);
    for path in leftovers {
        let published = path
            .trim_start_matches("content/")
            .trim_start_matches("assets/");
        assert!(!site.has_output(published), "{path} must not be published");
    }
    assert!(site.has_output("projekte/plan.pdf"));
    // Only hidden files are left out of `assets/`, not hidden folders.
    assert!(site.has_output(".well-known/security.txt"));
}
