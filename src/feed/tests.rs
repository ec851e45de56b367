//! The feed writer, checked by reading its output back with an Atom parser
//! (`atom_syndication`) rather than by comparing strings alone.

use std::cell::RefCell;
use std::rc::Rc;

use atom_syndication::Feed as Parsed;

use super::*;

fn date(text: &str) -> Date {
    Date::parse(text).expect("a front matter date")
}

/// Feeds in these tests are written in UTC.
static UTC: jiff::tz::TimeZone = jiff::tz::TimeZone::UTC;

fn feed<'a>(entries: Vec<Entry<'a>>) -> Feed<'a> {
    Feed {
        title: "Aktuelles – Kommunales Bildungsmanagement Trier",
        subtitle: Some("Neues aus dem Bildungsbüro"),
        lang: "de",
        self_url: "https://kbm.example.org/kbm/aktuelles/atom.xml",
        alternate: "https://kbm.example.org/kbm/aktuelles/",
        id: "https://kbm.example.org/kbm/aktuelles/",
        author: "Kommunales Bildungsmanagement Trier",
        generator_version: "0.1.0",
        updated_when_empty: None,
        zone: &UTC,
        entries,
    }
}

fn entry<'a>(title: &'a str, url: &'a str, published: &'a Date, html: &'a str) -> Entry<'a> {
    Entry {
        title,
        url,
        published,
        updated: None,
        summary: None,
        html,
    }
}

fn parse(xml: &str) -> Parsed {
    xml.parse::<Parsed>()
        .unwrap_or_else(|e| panic!("not an Atom feed ({e}):\n{xml}"))
}

/// The `updated` element's text of the feed itself, as written.
fn written_updated(xml: &str) -> &str {
    let start = xml.find("<updated>").expect("updated") + "<updated>".len();
    let end = start + xml[start..].find("</updated>").expect("end of updated");
    &xml[start..end]
}

/// Every address in `html`'s `href`, `src`, `srcset` and `poster` attributes.
fn addresses(html: &str) -> Vec<String> {
    let found = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&found);
    let settings = lol_html::Settings::new().append_element_content_handler(lol_html::element!(
        "*",
        move |el| {
            for name in ["href", "src", "poster", "srcset"] {
                if let Some(v) = el.get_attribute(name) {
                    let v = html_escape::decode_html_entities(&v).into_owned();
                    let mut sink = sink.borrow_mut();
                    if name == "srcset" {
                        let ranges = crate::srcset::addresses(&v);
                        sink.extend(ranges.into_iter().map(|r| v[r].to_string()));
                    } else {
                        sink.push(v);
                    }
                }
            }
            Ok(())
        }
    ));
    let mut rewriter = lol_html::HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(html.as_bytes()).expect("HTML");
    rewriter.end().expect("HTML");
    found.take()
}

#[test]
fn every_required_element_is_there() {
    let (may, june) = (date("2024-05-01"), date("2024-06-10T09:30:00+02:00"));
    let mut first = entry(
        "Bildungsfest",
        "https://kbm.example.org/kbm/aktuelles/fest/",
        &june,
        "<p>Am Samstag.</p>",
    );
    first.summary = Some("Das Fest im Juni.");
    let second = entry(
        "Neue Broschüre",
        "https://kbm.example.org/kbm/aktuelles/broschuere/",
        &may,
        "<p>Jetzt erschienen.</p>",
    );
    let xml = write(&feed(vec![first, second]));
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "));
    assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\">"));
    let parsed = parse(&xml);
    assert_eq!(parsed.lang(), Some("de"));
    assert_eq!(
        parsed.title().as_str(),
        "Aktuelles – Kommunales Bildungsmanagement Trier"
    );
    assert_eq!(
        parsed.subtitle().map(|s| s.as_str()),
        Some("Neues aus dem Bildungsbüro")
    );
    assert_eq!(parsed.id(), "https://kbm.example.org/kbm/aktuelles/");
    let links: Vec<_> = parsed
        .links()
        .iter()
        .map(|l| (l.rel(), l.mime_type(), l.href()))
        .collect();
    assert_eq!(
        links,
        [
            (
                "self",
                Some("application/atom+xml"),
                "https://kbm.example.org/kbm/aktuelles/atom.xml"
            ),
            (
                "alternate",
                Some("text/html"),
                "https://kbm.example.org/kbm/aktuelles/"
            ),
        ]
    );
    assert_eq!(parsed.updated().to_rfc3339(), "2024-06-10T09:30:00+02:00");
    assert_eq!(
        parsed.authors()[0].name(),
        "Kommunales Bildungsmanagement Trier"
    );
    let generator = parsed.generator().expect("generator");
    assert_eq!(
        (generator.value(), generator.version()),
        ("lernort", Some("0.1.0"))
    );

    let entries = parsed.entries();
    assert_eq!(entries.len(), 2);
    let e = &entries[0];
    assert_eq!(e.title().as_str(), "Bildungsfest");
    assert_eq!(e.id(), "https://kbm.example.org/kbm/aktuelles/fest/");
    assert_eq!(e.links()[0].rel(), "alternate");
    assert_eq!(e.links()[0].href(), e.id());
    assert_eq!(
        e.published().map(|p| p.to_rfc3339()).as_deref(),
        Some("2024-06-10T09:30:00+02:00")
    );
    assert_eq!(e.updated().to_rfc3339(), "2024-06-10T09:30:00+02:00");
    assert_eq!(e.summary().map(|s| s.as_str()), Some("Das Fest im Juni."));
    let content = e.content().expect("content");
    assert_eq!(content.content_type(), Some("html"));
    assert_eq!(content.value(), Some("<p>Am Samstag.</p>"));
    assert_eq!(entries[1].summary(), None, "no summary given, none written");
    assert_eq!(
        entries[1].id(),
        "https://kbm.example.org/kbm/aktuelles/broschuere/"
    );
}

#[test]
fn updated_is_the_latest_change_of_any_entry() {
    let (new, old, later) = (
        date("2024-06-01"),
        date("2023-01-01"),
        date("2024-07-01T08:00:00+02:00"),
    );
    let (url_a, url_b) = ("https://x.org/a/", "https://x.org/b/");
    // Sorted by publication, the old page comes last, but it changed last.
    let mut revised = entry("Alt", url_b, &old, "");
    revised.updated = Some(&later);
    let xml = write(&feed(vec![entry("Neu", url_a, &new, ""), revised]));
    assert_eq!(written_updated(&xml), "2024-07-01T08:00:00+02:00");
    let parsed = parse(&xml);
    assert_eq!(
        parsed.entries()[1].updated().to_rfc3339(),
        "2024-07-01T08:00:00+02:00"
    );
    assert_eq!(
        parsed.entries()[1].published().map(|p| p.to_rfc3339()),
        Some("2023-01-01T00:00:00+00:00".into())
    );

    // An `updated` before `date` is a slip; the entry counts as changed when published.
    let earlier = date("2020-01-01");
    let mut slip = entry("Neu", url_a, &new, "");
    slip.updated = Some(&earlier);
    let xml = write(&feed(vec![slip]));
    assert_eq!(written_updated(&xml), "2024-06-01T00:00:00Z");
    assert!(xml.contains("    <updated>2024-06-01T00:00:00Z</updated>"));
    assert!(!xml.contains("2020-01-01"));
}

#[test]
fn dates_are_strict_rfc3339_with_the_offset_as_written() {
    let (day, local, loose) = (
        date("2024-05-01"),
        date("2024-05-02T10:00:00-05:00"),
        date("2024-05-03 07:15+01:00"),
    );
    let xml = write(&feed(vec![
        entry("Zeit", "https://x.org/c/", &loose, ""),
        entry("Ort", "https://x.org/b/", &local, ""),
        entry("Tag", "https://x.org/a/", &day, ""),
    ]));
    assert!(xml.contains("<published>2024-05-01T00:00:00Z</published>"));
    assert!(xml.contains("<published>2024-05-02T10:00:00-05:00</published>"));
    assert!(xml.contains("<published>2024-05-03T07:15:00+01:00</published>"));
    // The latest instant, not the latest day: 05-03 07:15+01 is after 05-02 10:00-05.
    assert_eq!(written_updated(&xml), "2024-05-03T07:15:00+01:00");
    parse(&xml);
}

#[test]
fn addresses_in_the_content_are_absolute() {
    let published = date("2024-05-01");
    let html = concat!(
        "<h2 id=\"programm\"><a href=\"#programm\">Programm</a></h2>\n",
        "<p><a href=\"/kbm/kontakt/\">Kontakt</a>, <a href=\"plan.pdf\">Plan</a>, ",
        "<a href=\"../archiv/\">Archiv</a>, <a href=\"mailto:kbm@trier.de\">E-Mail</a>, ",
        "<a href=\"tel:+49651\">Telefon</a>, <a href=\"https://www.trier.de/\">Trier</a></p>\n",
        "<img src=\"bild.jpg\" srcset=\"bild-480.jpg 480w, /kbm/bild-960.jpg 960w\" alt=\"Fest\">\n",
        "<video src=\"/kbm/film.mp4\" poster=\"film.jpg\"></video>",
    );
    let xml = write(&feed(vec![entry(
        "Fest",
        "https://kbm.example.org/kbm/aktuelles/fest/",
        &published,
        html,
    )]));
    let parsed = parse(&xml);
    let content = parsed.entries()[0]
        .content()
        .and_then(|c| c.value())
        .expect("content");
    let found = addresses(content);
    assert_eq!(
        found,
        [
            "https://kbm.example.org/kbm/aktuelles/fest/#programm",
            "https://kbm.example.org/kbm/kontakt/",
            "https://kbm.example.org/kbm/aktuelles/fest/plan.pdf",
            "https://kbm.example.org/kbm/aktuelles/archiv/",
            "mailto:kbm@trier.de",
            "tel:+49651",
            "https://www.trier.de/",
            "https://kbm.example.org/kbm/aktuelles/fest/bild.jpg",
            "https://kbm.example.org/kbm/aktuelles/fest/bild-480.jpg",
            "https://kbm.example.org/kbm/bild-960.jpg",
            "https://kbm.example.org/kbm/film.mp4",
            "https://kbm.example.org/kbm/aktuelles/fest/film.jpg",
        ]
    );
    assert!(found.iter().all(|a| url::Url::parse(a).is_ok()));
}

#[test]
fn markup_and_forbidden_characters_never_break_the_feed() {
    let published = date("2024-05-01");
    let title = "Tom & Jerry <b>\"laut\"</b> 'leise'\u{1}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF} ]]>";
    let html = "<p title=\"a &amp; b\">1 &lt; 2 &amp; \"x\"\u{0} ]]></p>";
    let mut e = entry(title, "https://x.org/a/?b=1&c=2", &published, html);
    e.summary = Some("Summe < Teile & \u{7}mehr");
    let mut f = feed(vec![e]);
    f.title = "Feed & <Titel>\u{2}";
    f.subtitle = Some("\"Zitat\" 'einfach'");
    let xml = write(&f);
    let forbidden = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    assert!(!xml.contains(forbidden), "{xml:?}");
    assert!(!xml.contains("]]>"), "`>` is escaped everywhere");
    let parsed = parse(&xml);
    assert_eq!(parsed.title().as_str(), "Feed & <Titel>");
    assert_eq!(
        parsed.subtitle().map(|s| s.as_str()),
        Some("\"Zitat\" 'einfach'")
    );
    let e = &parsed.entries()[0];
    assert_eq!(
        e.title().as_str(),
        "Tom & Jerry <b>\"laut\"</b> 'leise' ]]>"
    );
    assert_eq!(e.id(), "https://x.org/a/?b=1&c=2");
    assert_eq!(e.links()[0].href(), "https://x.org/a/?b=1&c=2");
    assert_eq!(
        e.summary().map(|s| s.as_str()),
        Some("Summe < Teile & mehr")
    );
    assert_eq!(
        e.content().and_then(|c| c.value()),
        Some("<p title=\"a &amp; b\">1 &lt; 2 &amp; \"x\" ]]></p>")
    );
}

#[test]
fn an_empty_feed_is_valid_and_dated_without_a_clock() {
    let xml = write(&feed(Vec::new()));
    assert_eq!(written_updated(&xml), "1970-01-01T00:00:00Z");
    let parsed = parse(&xml);
    assert!(parsed.entries().is_empty());
    assert_eq!(parsed.id(), "https://kbm.example.org/kbm/aktuelles/");

    let own = date("2024-03-01T12:00:00+01:00");
    let mut f = feed(Vec::new());
    f.updated_when_empty = Some(&own);
    f.subtitle = Some("  ");
    let xml = write(&f);
    assert_eq!(written_updated(&xml), "2024-03-01T12:00:00+01:00");
    assert!(!xml.contains("<subtitle>"), "a blank subtitle is left out");
    assert_eq!(parse(&xml).subtitle(), None);
}

#[test]
fn ids_depend_on_the_address_alone_and_output_is_deterministic() {
    let (a, b) = (date("2024-05-01"), date("2024-05-02T08:00:00+02:00"));
    let build = |html: &'static str| {
        write(&feed(vec![
            entry("B", "https://x.org/b/", &b, html),
            entry("A", "https://x.org/a/", &a, "<p>a</p>"),
        ]))
    };
    let first = build("<p>b</p>");
    assert_eq!(first, build("<p>b</p>"), "same input, same bytes");
    let edited = build("<p>b, überarbeitet</p>");
    assert_ne!(first, edited);
    let ids = |xml: &str| -> Vec<String> {
        parse(xml)
            .entries()
            .iter()
            .map(|e| e.id().to_string())
            .collect()
    };
    assert_eq!(ids(&first), ["https://x.org/b/", "https://x.org/a/"]);
    assert_eq!(ids(&first), ids(&edited), "an edit keeps the ids");
}

#[test]
fn a_small_feed_as_written() {
    let (published, updated) = (date("2024-05-01"), date("2024-05-03T14:00:00+02:00"));
    let mut e = entry(
        "Bildungsfest & Markt",
        "https://kbm.example.org/kbm/aktuelles/fest/",
        &published,
        "<p>Programm: <a href=\"plan.pdf\">Plan</a></p>",
    );
    e.updated = Some(&updated);
    e.summary = Some("Das Fest im Mai.");
    insta::assert_snapshot!(write(&feed(vec![e])));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever a page holds, the feed is well-formed Atom and says the same text.
    #[test]
    fn any_text_gives_a_valid_feed(title in ".*", html in ".*", summary in ".*") {
        let published = date("2024-05-01");
        let mut e = entry(&title, "https://x.org/a/", &published, &html);
        e.summary = Some(&summary);
        let xml = write(&feed(vec![e]));
        let parsed = parse(&xml);
        let kept: String = title.chars().filter(|&c| xml::allowed(c)).collect();
        proptest::prop_assert_eq!(parsed.entries()[0].title().as_str(), kept);
        proptest::prop_assert!(parsed.entries()[0].content().is_some() || html.trim().is_empty());
    }
}
