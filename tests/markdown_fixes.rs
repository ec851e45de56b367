//! Markdown that the CommonMark spec allows and lernort used to get wrong, and one id
//! allocator per page: each case is built by the real binary from the fixture
//! `tests/fixtures/md-fixes` (its page template shows the table of contents above
//! the content).

mod common;

use common::{Site, assert_contains_all, main_of};

/// Builds the fixture and returns the `<main>` part of `public/<page>/index.html`.
fn built_main(site: &Site, page: &str) -> String {
    site.build_ok(&[]);
    main_of(&site.output(&format!("{page}/index.html"))).to_string()
}

/// The values of every `id="…"` in `html`.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id))
        .collect()
}

// --- Links ---------------------------------------------------------------------------

#[test]
fn email_autolinks_become_mailto_links() {
    let site = Site::fixture("md-fixes");
    let html = built_main(&site, "kontakt");
    assert_contains_all(
        &html,
        &[
            "<a href=\"mailto:kbm@example.org\">kbm@example.org</a>",
            "<a href=\"mailto:info@example.org\">mailto:info@example.org</a>",
        ],
    );
    insta::assert_snapshot!(html);
}

#[test]
fn empty_destinations_and_query_only_links_stay_as_written() {
    let site = Site::fixture("md-fixes");
    let html = built_main(&site, "kontakt");
    assert_contains_all(
        &html,
        &[
            "<a href=\"\">link</a>",
            "<a href=\"\">spitz</a>",
            "<a href=\"\">ref</a>",
            "<a href=\"?q=1\">z</a>",
            "<a href=\"#\">oben</a>",
        ],
    );
    assert!(
        !html.contains("href=\"/\""),
        "no link to the home page:\n{html}"
    );
}

#[test]
fn a_query_on_a_content_link_is_kept() {
    let site = Site::fixture("md-fixes");
    let html = built_main(&site, "kontakt");
    assert_contains_all(&html, &["<a href=\"/bilder/?druck=1#bilder\""]);
}

#[test]
fn a_backslash_in_a_link_is_not_a_folder_separator() {
    let site = Site::fixture("md-fixes");
    site.write(
        "content/pfade.md",
        "---\ntitle: Pfade\n---\n[Datei](dateien\\liesmich)\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: the link `Datei` points to `dateien\\liesmich`")
            && stderr.contains("--> content/pfade.md:4:1\n"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

// --- Images --------------------------------------------------------------------------

#[test]
fn image_alt_text_is_the_plain_text_of_the_whole_description() {
    let site = Site::fixture("md-fixes");
    let html = built_main(&site, "bilder");
    assert_contains_all(
        &html,
        &[
            "<img src=\"/e\" alt=\"a b d\" />",
            "<img src=\"/logo.png\" alt=\"Logo groß mit code\" title=\"Titel\" />",
            // An image inside a link is still an image, and the link still resolves.
            "<a href=\"/kontakt/\" data-href=\"https://md.example.org/kontakt/\"><img src=\"/bild.png\" alt=\"Verlinktes Bild\" /></a>",
        ],
    );
    insta::assert_snapshot!(html);
}

// --- Headings ------------------------------------------------------------------------

#[test]
fn a_line_break_in_a_heading_is_a_space_in_its_id_label_and_toc() {
    let site = Site::fixture("md-fixes");
    let html = built_main(&site, "ueberschriften");
    assert_contains_all(
        &html,
        &[
            "- h2 #foo-bar „Foo Bar“",
            "<h2 id=\"foo-bar\">Foo\nBar <a class=\"heading-anchor\" href=\"#foo-bar\" aria-label=\"Link zum Abschnitt „Foo Bar“\">#</a></h2>",
            "- h1 #erste-zeile-zweite-zeile „Erste Zeile zweite Zeile“",
            "aria-label=\"Link zum Abschnitt „Erste Zeile zweite Zeile“\"",
        ],
    );
    insta::assert_snapshot!(html);
}

#[test]
fn a_line_break_in_link_text_is_a_space_in_messages() {
    let site = Site::fixture("md-fixes");
    site.write(
        "content/ueberschriften.md",
        "---\ntitle: Überschriften\n---\nEin [Link\nüber zwei Zeilen](fehlt.md).\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("the link `Link über zwei Zeilen` points to `fehlt.md`"),
        "{stderr}"
    );
}

// --- Tables --------------------------------------------------------------------------

#[test]
fn scope_is_added_only_to_header_cells_lernort_writes() {
    let site = Site::fixture("md-fixes");
    let html = built_main(&site, "tabellen");
    assert_contains_all(
        &html,
        &[
            "<thead><tr><th scope=\"col\" style=\"text-align: left\">Jahr</th><th scope=\"col\" style=\"text-align: right\">Projekt</th></tr></thead>",
            "<table><tr><th>Roh</th></tr></table>",
            "<pre>\n<th>im pre</th>\n</pre>",
        ],
    );
    assert_eq!(html.matches("scope=\"col\"").count(), 2, "{html}");
    insta::assert_snapshot!(html);
}

// --- Downloads -----------------------------------------------------------------------

#[test]
fn the_download_note_is_german_on_a_german_site() {
    let site = Site::fixture("md-fixes");
    site.write("assets/bericht.pdf", &"x".repeat(1_300_000));
    site.write(
        "content/pfade.md",
        "---\ntitle: Pfade\n---\n[Datei](dateien/liesmich) und [Bericht](/bericht.pdf)\n",
    );
    let html = built_main(&site, "pfade");
    assert_contains_all(
        &html,
        &[
            "Datei <span class=\"download-info\">(Datei, 0 Byte)</span></a>",
            "Bericht <span class=\"download-info\">(PDF, 1,2 MB)</span></a>",
        ],
    );
}

#[test]
fn the_download_note_is_english_on_an_english_site() {
    let site = Site::fixture("md-fixes");
    site.write(
        "site.yaml",
        "title: Markdown test\nbase_url: https://md.example.org\nlanguage: en\ntheme: test\n",
    );
    site.write("assets/bericht.pdf", &"x".repeat(1_300_000));
    site.write(
        "content/pfade.md",
        "---\ntitle: Paths\n---\n[File](dateien/liesmich) and [Report](/bericht.pdf)\n",
    );
    let html = built_main(&site, "pfade");
    assert_contains_all(
        &html,
        &[
            "File <span class=\"download-info\">(File, 0 bytes)</span></a>",
            "Report <span class=\"download-info\">(PDF, 1.2 MB)</span></a>",
        ],
    );
    insta::assert_snapshot!(html);
}

// --- One id allocator per page -------------------------------------------------------

#[test]
fn headings_footnotes_and_the_more_marker_share_one_id_allocator() {
    let site = Site::fixture("md-fixes");
    let html = built_main(&site, "ids");
    // Headings keep the ids of their text; the marker and the footnotes give way.
    assert_contains_all(
        &html,
        &[
            "<h2 id=\"weiterlesen\">Weiterlesen",
            "<h2 id=\"fn-a-b\">Fn A B",
            "<span id=\"weiterlesen-1\"></span>",
            // `[^a b]` and `[^a-b]` both slugify to `a-b`, and the heading has `fn-a-b`.
            "<a href=\"#fn-a-b-1\" id=\"fnref-a-b\" aria-label=\"Fußnote 1\">1</a>",
            "<a href=\"#fn-a-b-2\" id=\"fnref-a-b-1\" aria-label=\"Fußnote 2\">2</a>",
            "<a href=\"#fn-a-b-1\" id=\"fnref-a-b-2\" aria-label=\"Fußnote 1\">1</a>",
            "<li id=\"fn-a-b-1\" value=\"1\">\n<p>Erste Fußnote.</p>\n<a href=\"#fnref-a-b\" class=\"footnote-backref\"",
            "<li id=\"fn-a-b-2\" value=\"2\">\n<p>Zweite Fußnote.</p>\n<a href=\"#fnref-a-b-1\" class=\"footnote-backref\"",
            // A second marker stays the comment it is, without a second id.
            "<!-- more -->",
        ],
    );
    let all = ids(&html);
    let mut unique = all.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(all.len(), unique.len(), "duplicate ids {all:?}:\n{html}");
    insta::assert_snapshot!(html);
}

#[test]
fn an_explicit_id_and_an_automatic_one_never_collide() {
    let site = Site::fixture("md-fixes");
    site.write(
        "content/ids.md",
        "---\ntitle: Ids\n---\n## Ziele {#ergebnisse}\n\n## Ergebnisse\n\n## Ergebnisse\n",
    );
    let html = built_main(&site, "ids");
    assert_contains_all(
        &html,
        &[
            "<h2 id=\"ergebnisse\">Ziele",
            "<h2 id=\"ergebnisse-1\">Ergebnisse",
            "<h2 id=\"ergebnisse-2\">Ergebnisse",
        ],
    );
}

#[test]
fn two_identical_explicit_heading_ids_are_an_error() {
    let site = Site::fixture("md-fixes");
    site.write(
        "content/ids.md",
        "---\ntitle: Ids\n---\n## Ziele {#ziele}\n\nText.\n\n## Weitere Ziele {#ziele}\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: the heading id `ziele` is already the id of the heading on line 4")
            && stderr.contains("--> content/ids.md:8:1\n"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_explicit_id_wins_over_an_earlier_automatic_id() {
    // Explicit ids are reserved before automatic ones are made (tests/markdown_more.rs).
    let site = Site::fixture("md-fixes");
    site.write(
        "content/ids.md",
        "---\ntitle: Ids\n---\n## Ziele\n\n## Andere Ziele {#ziele}\n",
    );
    let html = built_main(&site, "ids");
    assert_eq!(ids(&html), ["ziele-1", "ziele"], "{html}");
}
