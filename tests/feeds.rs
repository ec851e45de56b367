//! Atom feeds: the home page's and those of sections and terms that ask (`feed: true`),
//! read back with an Atom parser, not compared as strings alone.

mod common;

use atom_syndication::Feed;
use common::Site;

fn parse(site: &Site, rel: &str) -> Feed {
    let xml = site.output(rel);
    xml.parse::<Feed>()
        .unwrap_or_else(|e| panic!("{rel} is no Atom feed ({e}):\n{xml}"))
}

fn entry_ids(feed: &Feed) -> Vec<&str> {
    feed.entries().iter().map(|e| e.id()).collect()
}

#[test]
fn the_home_feed_holds_every_dated_page_newest_first() {
    let site = Site::fixture("lists-site");
    site.build_ok(&[]);
    let feed = parse(&site, "atom.xml");
    assert_eq!(feed.title().as_str(), "Listen-Test");
    assert_eq!(feed.lang(), Some("de"));
    assert_eq!(feed.id(), "https://kbm.example.org/");
    let links: Vec<(&str, &str)> = feed.links().iter().map(|l| (l.rel(), l.href())).collect();
    assert_eq!(
        links,
        [
            ("self", "https://kbm.example.org/atom.xml"),
            ("alternate", "https://kbm.example.org/")
        ]
    );
    // The undated project is no entry.
    assert_eq!(
        entry_ids(&feed),
        [
            "https://kbm.example.org/aktuelles/sieben/",
            "https://kbm.example.org/aktuelles/sechs/",
            "https://kbm.example.org/aktuelles/fuenf/",
            "https://kbm.example.org/aktuelles/vier/",
            "https://kbm.example.org/aktuelles/drei/",
            "https://kbm.example.org/aktuelles/zwei/",
            "https://kbm.example.org/aktuelles/eins/",
        ]
    );
    assert_eq!(feed.updated().to_rfc3339(), "2026-07-01T00:00:00+00:00");
    let first = &feed.entries()[0];
    assert_eq!(first.title().as_str(), "Meldung sieben");
    assert!(
        first
            .content()
            .and_then(|c| c.value())
            .is_some_and(|v| v.contains("Text der Meldung sieben.")),
        "{first:?}"
    );
}

#[test]
fn a_section_feed_sits_at_the_section_and_pages_link_it() {
    let site = Site::fixture("lists-site");
    site.write(
        "templates/section.html",
        "{% if section.feed_url %}<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{{ section.feed_url }}\">{% endif %}<p>{{ site.feed_url }}</p>",
    );
    site.build_ok(&[]);
    let feed = parse(&site, "aktuelles/atom.xml");
    assert_eq!(feed.title().as_str(), "Aktuelles – Listen-Test", "{feed:?}");
    assert_eq!(
        feed.subtitle().map(|s| s.as_str()),
        Some("Meldungen des Testamts.")
    );
    assert_eq!(feed.entries().len(), 7);
    // Later list pages link the section's feed; there is no feed of their own.
    for page in ["aktuelles/index.html", "aktuelles/seite/2/index.html"] {
        assert_eq!(
            site.output(page),
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/aktuelles/atom.xml\"><p>/atom.xml</p>"
        );
    }
    assert!(!site.has_output("aktuelles/seite/2/atom.xml"));
    // Projekte did not ask.
    assert!(!site.has_output("projekte/atom.xml"));
    assert!(site.output("projekte/index.html").starts_with("<p>"));
}

#[test]
fn settings_choose_the_limit_full_content_and_the_file_name() {
    let site = Site::fixture("lists-site");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}feeds:\n  limit: 2\n  content: full\n  filename: feed.xml\n"),
    );
    site.write(
        "content/aktuelles/sieben.md",
        "---\ntitle: Meldung sieben\ndate: 2026-07-01\n---\nErster Absatz.\n\nZweiter Absatz.\n",
    );
    site.build_ok(&[]);
    assert!(!site.has_output("atom.xml"));
    let feed = parse(&site, "feed.xml");
    assert_eq!(feed.entries().len(), 2);
    let content = feed.entries()[0]
        .content()
        .and_then(|c| c.value())
        .unwrap_or("");
    assert!(content.contains("Zweiter Absatz."), "{content}");
    // With the default, the summary: the first paragraph.
    let site = Site::fixture("lists-site");
    site.write(
        "content/aktuelles/sieben.md",
        "---\ntitle: Meldung sieben\ndate: 2026-07-01\n---\nErster Absatz.\n\nZweiter Absatz.\n",
    );
    site.build_ok(&[]);
    let feed = parse(&site, "atom.xml");
    let content = feed.entries()[0]
        .content()
        .and_then(|c| c.value())
        .unwrap_or("");
    assert!(content.contains("Erster Absatz."), "{content}");
    assert!(!content.contains("Zweiter Absatz."), "{content}");
}

#[test]
fn a_limited_feed_holds_the_newest_pages_and_pages_of_the_same_moment_go_by_address() {
    let site = Site::fixture("lists-site");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}feeds:\n  limit: 3\n"));
    // Two more pages of the newest day (`sieben` is of 2026-07-01 too), whose slugs
    // put their addresses in the reverse order of their files (and page ids).
    for (file, slug) in [("aa", "zz-spaet"), ("zz", "aa-frueh")] {
        site.write(
            &format!("content/aktuelles/{file}.md"),
            &format!("---\ntitle: {slug}\nslug: {slug}\ndate: 2026-07-01\n---\nText.\n"),
        );
    }
    site.build_ok(&[]);
    let feed = parse(&site, "atom.xml");
    assert_eq!(
        entry_ids(&feed),
        [
            "https://kbm.example.org/aktuelles/aa-frueh/",
            "https://kbm.example.org/aktuelles/sieben/",
            "https://kbm.example.org/aktuelles/zz-spaet/",
        ]
    );
    // One newer page pushes the last of them out.
    site.write(
        "content/aktuelles/neu.md",
        "---\ntitle: Neu\ndate: 2026-07-02\n---\nText.\n",
    );
    site.build_ok(&[]);
    let feed = parse(&site, "atom.xml");
    assert_eq!(
        entry_ids(&feed),
        [
            "https://kbm.example.org/aktuelles/neu/",
            "https://kbm.example.org/aktuelles/aa-frueh/",
            "https://kbm.example.org/aktuelles/sieben/",
        ]
    );
}

#[test]
fn addresses_are_absolute_under_a_base_path_and_text_is_escaped() {
    let site = Site::fixture("lists-site");
    // The summary would stop before the links: the whole body.
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}feeds:\n  content: full\n"));
    site.write(
        "content/aktuelles/sieben.md",
        "---\ntitle: \"Tom & <Jerry> \\u0007\"\ndate: 2026-07-01T10:00:00+02:00\ndraft: false\n---\n## Ziel\n\n[Zwei](zwei.md), [MINT](/themen/mint/) und [oben](#ziel).\n",
    );
    site.write(
        "content/aktuelles/entwurf.md",
        "---\ntitle: Entwurf\ndate: 2027-01-01\ndraft: true\n---\nNoch nicht.\n",
    );
    site.build_ok(&["--base-url", "https://example.org/kbm"]);
    let feed = parse(&site, "aktuelles/atom.xml");
    let first = &feed.entries()[0];
    // Drafts are not in it, and the offset of a written time is kept.
    assert_eq!(first.id(), "https://example.org/kbm/aktuelles/sieben/");
    assert_eq!(first.title().as_str(), "Tom & <Jerry> ");
    assert_eq!(
        first.published().map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-07-01T10:00:00+02:00")
    );
    let content = first.content().and_then(|c| c.value()).unwrap_or("");
    for href in [
        "https://example.org/kbm/aktuelles/zwei/",
        "https://example.org/kbm/themen/mint/",
        "https://example.org/kbm/aktuelles/sieben/#ziel",
    ] {
        assert!(
            content.contains(&format!("href=\"{href}\"")),
            "{href}\n{content}"
        );
    }
    assert!(!content.contains("/kbm/kbm/"), "{content}");
}

#[test]
fn terms_have_feeds_when_their_taxonomy_asks() {
    let site = Site::fixture("lists-site");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &yaml.replace(
            "    paginate_by: 2\n",
            "    paginate_by: 2\n    feed: true\n",
        ),
    );
    site.build_ok(&[]);
    let feed = parse(&site, "themen/mint/atom.xml");
    assert_eq!(feed.title().as_str(), "MINT – Themen – Listen-Test");
    assert_eq!(feed.entries().len(), 4);
    assert!(!site.has_output("tags/meldung/atom.xml"));
    let sitemap = site.output("sitemap.xml");
    assert!(!sitemap.contains("atom.xml"), "{sitemap}");
}

#[test]
fn two_builds_write_the_same_feeds() {
    let site = Site::fixture("lists-site");
    site.build_ok(&[]);
    let first = (site.output("atom.xml"), site.output("aktuelles/atom.xml"));
    site.build_ok(&[]);
    assert_eq!(
        first,
        (site.output("atom.xml"), site.output("aktuelles/atom.xml"))
    );
}

#[test]
fn a_file_where_a_feed_goes_is_an_error() {
    let site = Site::fixture("lists-site");
    site.write("content/aktuelles/atom.xml", "<feed/>");
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
    let site = Site::fixture("lists-site");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}feeds:\n  filename: sitemap.xml\n  limit: 0\n"),
    );
    insta::assert_snapshot!("bad_settings", site.build_fails(&[]));
}

/// A section with `feed: true` whose pages have no `date:` gets a feed without
/// entries, dated 1970-01-01, and a warning that says why.
#[test]
fn a_section_feed_without_dated_pages_is_a_warning() {
    let site = common::basic_with(&[
        (
            "content/team/_index.md",
            "---\ntitle: Team\nfeed: true\n---\n",
        ),
        (
            "content/team/anna.md",
            "---\ntitle: Anna\ndescription: Anna.\n---\nText.\n",
        ),
    ]);
    let run = site.build_ok(&[]);
    let feed = site.output("team/atom.xml");
    assert!(feed.contains("<updated>1970-01-01T00:00:00Z</updated>"));
    assert!(!feed.contains("<entry>"));
    assert!(
        run.stderr.contains("feed") || run.stderr.contains("date"),
        "an empty feed deserves a warning (its pages have no `date:`); stderr:\n{}",
        run.stderr
    );
}

#[test]
fn a_bare_date_is_midnight_in_the_sites_time_zone() {
    let site = Site::fixture("lists-site");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}timezone: Europe/Berlin\n"));
    site.build_ok(&[]);
    let xml = site.output("atom.xml");
    // Summer and winter: the offset of that day in Berlin.
    assert!(
        xml.contains("<published>2026-07-01T00:00:00+02:00</published>"),
        "{xml}"
    );
    assert!(
        xml.contains("<published>2026-01-01T00:00:00+01:00</published>"),
        "{xml}"
    );
    assert_eq!(
        parse(&site, "atom.xml").updated().to_rfc3339(),
        "2026-07-01T00:00:00+02:00"
    );
}
