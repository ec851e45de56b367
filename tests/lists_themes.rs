//! The list pages of both themes as a reader sees them: the topic pages, the news list
//! with its feed link and page numbers, and the archive of the bundled KBM site
//! (`kommune`), and the tag pages of the site `lernort init` writes (`einfach`).
//! Each snapshot holds the page's `<title>`, its feed and canonical links, its
//! breadcrumbs and its `<main>`: what the templates decide, without the header, footer
//! and hashed asset URLs every page shares.

mod common;

use std::path::Path;

use common::{Site, copy_tree};

/// A copy of the bundled site (the repository root): `site.yaml`, `content/`, `themes/`.
fn bundled() -> Site {
    let site = Site::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("site.yaml"), site.path().join("site.yaml")).expect("copy site.yaml");
    for dir in ["content", "themes"] {
        copy_tree(&root.join(dir), &site.path().join(dir));
    }
    site
}

/// The site `lernort init` writes.
fn init_site() -> Site {
    let site = Site::empty();
    let run = site.run_in(site.path(), &["init", "."]);
    assert_eq!(run.code, 0, "init: {}", run.stderr);
    site
}

/// `count` more news in the bundled site's `aktuelles/`, one a day in October 2026, so
/// that its list needs more than one page.
fn with_news(site: &Site, count: usize) {
    for i in 1..=count {
        site.write(
            &format!("content/aktuelles/testmeldung-{i:02}.md"),
            &format!(
                "---\ntitle: Testmeldung {i}\ndescription: Meldung {i} für den Test der Seitennummerierung.\ndate: 2026-10-{i:02}\nthemen: [MINT]\n---\nText der Meldung {i}.\n"
            ),
        );
    }
}

/// The text from the first `open` up to and including the next `close` (empty if absent).
fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let Some(start) = html.find(open) else {
        return "";
    };
    let end = html[start..]
        .find(close)
        .map_or(html.len(), |e| start + e + close.len());
    &html[start..end]
}

/// What the templates decide on a page: title, canonical and feed links, breadcrumbs, main.
fn parts(html: &str) -> String {
    let head: Vec<&str> = between(html, "<head>", "</head>")
        .lines()
        .filter(|l| {
            l.starts_with("<title>")
                || l.starts_with("<link rel=\"canonical\"")
                || l.starts_with("<link rel=\"alternate\"")
        })
        .collect();
    let crumbs = between(html, "<nav class=\"brotkrumen\"", "</nav>");
    let crumbs = if crumbs.is_empty() {
        between(html, "<nav aria-label=\"Brotkrumen\"", "</nav>")
    } else {
        crumbs
    };
    let main = between(html, "<main", "</main>");
    // Blank lines come from template tags; they are no part of what is tested.
    let body: Vec<&str> = crumbs
        .lines()
        .chain(main.lines())
        .filter(|l| !l.trim().is_empty())
        .collect();
    format!("{}\n{}\n", head.join("\n"), body.join("\n"))
}

/// The number of times `needle` occurs in `haystack`.
fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn the_topic_list_names_every_topic_of_site_yaml_with_its_count() {
    let site = bundled();
    site.build_ok(&[]);
    let html = site.output("themen/index.html");
    for term in [
        "Alphabetisierung und Grundbildung",
        "Bildungsberatung",
        "Bildungsübergänge",
        "MINT",
        "Neuzugewanderte",
        "Lernen vor Ort",
    ] {
        assert!(html.contains(&format!(">{term}</a>")), "{term}:\n{html}");
    }
    assert_eq!(count(&html, "<h1"), 1);
    insta::assert_snapshot!("kommune_themen", parts(&html));
}

#[test]
fn a_topic_page_lists_its_pages_with_their_sections() {
    let site = bundled();
    site.build_ok(&[]);
    let html = site.output("themen/bildungsuebergaenge/index.html");
    assert_eq!(count(&html, "<li class=\"eintrag\">"), 4, "{html}");
    insta::assert_snapshot!("kommune_thema_bildungsuebergaenge", parts(&html));
}

#[test]
fn a_page_links_its_topics_and_the_topic_pages_link_back() {
    let site = bundled();
    site.build_ok(&[]);
    let html = site.output("bildungsberatung/fuer-eltern/index.html");
    let line = between(&html, "<p class=\"begriffe\">", "</p>");
    insta::assert_snapshot!("kommune_begriffe_einer_seite", line);
    let term = site.output("themen/bildungsberatung/index.html");
    assert!(
        term.contains("href=\"/bildungsberatung/fuer-eltern/\""),
        "{term}"
    );
    // A page without topics shows no topic line.
    let impressum = site.output("impressum/index.html");
    assert!(!impressum.contains("class=\"begriffe\""), "{impressum}");
}

#[test]
fn the_news_list_links_its_feed_and_shows_no_page_numbers_for_one_page() {
    let site = bundled();
    site.build_ok(&[]);
    let html = site.output("aktuelles/index.html");
    assert!(html.contains("Meldungen als Feed abonnieren"), "{html}");
    assert!(
        !html.contains("Seitennummerierung"),
        "one page needs no page numbers:\n{html}"
    );
    insta::assert_snapshot!("kommune_aktuelles", parts(&html));
}

#[test]
fn a_news_list_of_several_pages_numbers_them() {
    let site = bundled();
    with_news(&site, 12);
    site.build_ok(&[]);
    let first = site.output("aktuelles/index.html");
    let second = site.output("aktuelles/seite/2/index.html");
    for html in [&first, &second] {
        let nav = between(
            html,
            "<nav class=\"seiten\" aria-label=\"Seitennummerierung\">",
            "</nav>",
        );
        assert_eq!(count(nav, "aria-current=\"page\""), 1, "{nav}");
        assert_eq!(
            count(
                nav,
                "<span class=\"seiten__aktuell\" aria-current=\"page\">"
            ),
            1,
            "the current page is no link:\n{nav}"
        );
    }
    assert!(first.contains("rel=\"next\""), "{first}");
    assert!(!first.contains("rel=\"prev\""), "{first}");
    assert!(second.contains("rel=\"prev\""), "{second}");
    assert!(!second.contains("rel=\"next\""), "{second}");
    assert_ne!(
        between(&first, "<title>", "</title>"),
        between(&second, "<title>", "</title>"),
        "every page of the list has a title of its own"
    );
    insta::assert_snapshot!(
        "kommune_aktuelles_seite_1_nav",
        between(&first, "<nav class=\"seiten\"", "</nav>")
    );
    insta::assert_snapshot!("kommune_aktuelles_seite_2", parts(&second));
}

#[test]
fn the_init_site_lists_its_tags_and_links_them_from_its_page() {
    let site = init_site();
    site.build_ok(&[]);
    let list = site.output("tags/index.html");
    let term = site.output("tags/start/index.html");
    let page = site.output("aktuelles/erste-meldung/index.html");
    assert!(
        page.contains("<p class=\"terms\">Tags: <a href=\"/tags/start/\">Start</a></p>"),
        "{page}"
    );
    insta::assert_snapshot!("einfach_tags", parts(&list));
    insta::assert_snapshot!("einfach_tags_start", parts(&term));
}

#[test]
fn every_page_links_the_site_feed_in_its_head() {
    let site = bundled();
    site.build_ok(&[]);
    let link = "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Kommunales Bildungsmanagement Trier\" href=\"/atom.xml\">";
    let mut checked = 0;
    for (rel, _) in site.tree("public") {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = site.output(&rel);
        if html.contains("http-equiv=\"refresh\"") {
            continue; // a redirect, not a page of the theme
        }
        assert_eq!(count(&html, link), 1, "{rel}");
        checked += 1;
    }
    assert!(checked > 40, "the bundled site has its pages: {checked}");
    // The home page's own feed is the site's: it is linked once.
    let home = site.output("index.html");
    assert_eq!(count(&home, "application/atom+xml"), 1, "{home}");
}

#[test]
fn a_topic_with_a_feed_links_it_in_the_head_and_on_the_page() {
    let site = bundled();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    let with_feed = yaml.replace("    title: Themen\n", "    title: Themen\n    feed: true\n");
    assert_ne!(yaml, with_feed, "site.yaml declares `title: Themen`");
    site.write("site.yaml", &with_feed);
    site.build_ok(&[]);
    let html = site.output("themen/mint/index.html");
    assert!(
        html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Themen: MINT – Kommunales Bildungsmanagement Trier\" href=\"/themen/mint/atom.xml\">"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"/themen/mint/atom.xml\" type=\"application/atom+xml\">"),
        "{html}"
    );
    assert!(html.contains("„MINT“ als Feed abonnieren"), "{html}");
}

#[test]
fn the_init_site_links_a_section_feed_when_the_section_asks_for_one() {
    let site = init_site();
    let index = std::fs::read_to_string(site.path().join("content/aktuelles/_index.md"))
        .expect("aktuelles/_index.md");
    site.write(
        "content/aktuelles/_index.md",
        &index.replace("sort_by: date\n", "sort_by: date\nfeed: true\n"),
    );
    site.build_ok(&[]);
    let html = site.output("aktuelles/index.html");
    assert!(
        html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Aktuelles – Meine Website\" href=\"/aktuelles/atom.xml\">"),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"feed\"><a href=\"/aktuelles/atom.xml\" type=\"application/atom+xml\">„Aktuelles“ als Feed abonnieren</a> (Atom-Feed)</p>"),
        "{html}"
    );
}

/// An expired news item in `aktuelles/` (its last day was 31 January 2026).
const EXPIRED_NEWS: &str = "---\ntitle: Abgelaufene Testmeldung\ndescription: Eine Meldung, deren Gültigkeit abgelaufen ist.\ndate: 2026-01-10\nexpiry_date: 2026-01-31\n---\nText der abgelaufenen Meldung.\n";

#[test]
fn an_expired_news_item_moves_to_the_archive_and_says_so() {
    let site = bundled();
    site.write("content/aktuelles/abgelaufen.md", EXPIRED_NEWS);
    site.build_ok(&["--now", "2026-12-01T12:00:00+01:00"]);
    let list = site.output("aktuelles/index.html");
    assert!(!list.contains("/aktuelles/abgelaufen/"), "{list}");
    assert!(
        list.contains("<a href=\"/aktuelles/archiv/\">Ältere Meldungen im Archiv</a>"),
        "{list}"
    );
    let archive = site.output("aktuelles/archiv/index.html");
    assert_eq!(
        count(&archive, "<span class=\"marke\">Archiv</span>"),
        1,
        "{archive}"
    );
    insta::assert_snapshot!("kommune_archiv", parts(&archive));
    let page = site.output("aktuelles/abgelaufen/index.html");
    assert!(
        page.contains("<strong>Hinweis:</strong> Diese Meldung ist archiviert."),
        "{page}"
    );
    // A page that has not expired has no notice.
    let current = site.output("aktuelles/neue-website/index.html");
    assert!(!current.contains("ist archiviert"), "{current}");
}

#[test]
fn the_init_site_archives_expired_pages_when_its_section_asks() {
    let site = init_site();
    let index = std::fs::read_to_string(site.path().join("content/aktuelles/_index.md"))
        .expect("aktuelles/_index.md");
    site.write(
        "content/aktuelles/_index.md",
        &index.replace("sort_by: date\n", "sort_by: date\nexpired: archive\n"),
    );
    site.write("content/aktuelles/abgelaufen.md", EXPIRED_NEWS);
    site.build_ok(&["--now", "2026-12-01T12:00:00+01:00"]);
    let list = site.output("aktuelles/index.html");
    assert!(
        list.contains("<a href=\"/aktuelles/archiv/\">Ältere Einträge im Archiv</a>"),
        "{list}"
    );
    let archive = site.output("aktuelles/archiv/index.html");
    insta::assert_snapshot!("einfach_archiv", parts(&archive));
    let page = site.output("aktuelles/abgelaufen/index.html");
    assert!(
        page.contains("<strong>Hinweis:</strong> Diese Seite ist archiviert."),
        "{page}"
    );
}
