//! Markdown rendering as seen in the built pages: extensions, heading ids and anchors,
//! typographic quotes, raw HTML, internal links, summaries, table of contents and
//! reading time. Each behaviour has its own small fixture `tests/fixtures/md-*`.

mod common;

use common::{Site, assert_contains_all, main_of};

/// Builds the fixture and returns the `<main>` part of `public/<page>`.
fn built_main(site: &Site, page: &str) -> String {
    site.build_ok(&[]);
    main_of(&site.output(page)).to_string()
}

// --- Markdown extensions -------------------------------------------------------------

#[test]
fn tables_footnotes_strikethrough_task_lists_and_definition_lists_render_as_html() {
    let site = Site::fixture("md-extensions");
    let html = built_main(&site, "erweiterungen/index.html");
    // Tables, with the column alignment of the delimiter row.
    assert_contains_all(
        &html,
        &[
            "<table><thead><tr><th",
            "text-align: left\">Jahr</th>",
            "text-align: right\">Projekt</th>",
            "<td style=\"text-align: right\">Lernen vor Ort</td>",
        ],
    );
    // Strikethrough and definition lists.
    assert_contains_all(
        &html,
        &[
            "<del>veraltet</del>",
            "<dl>\n<dt>Bildungsmonitoring</dt>\n<dd>Datenbasierte Beobachtung der Bildungslandschaft.</dd>\n</dl>",
        ],
    );
    // Task lists: the markers become HTML, the items stay list items.
    assert!(!html.contains("[x]") && !html.contains("[ ]"), "{html}");
    assert_contains_all(&html, &["Antrag gestellt</li>", "Bericht geschrieben</li>"]);
    // Footnotes: a superscript link to an element holding the note.
    assert!(!html.contains("[^foerderung]"), "{html}");
    let sup = &html[html.find("gefördert.<sup").expect("footnote reference")..];
    let target = sup
        .split_once("href=\"#")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(id, _)| id)
        .expect("the reference links to an anchor");
    let note = &html[html
        .find(&format!("id=\"{target}\""))
        .unwrap_or_else(|| panic!("no element with id `{target}`:\n{html}"))..];
    assert!(
        note.contains("Vom Bundesministerium für Bildung und Forschung."),
        "{html}"
    );
    insta::assert_snapshot!(html);
}

// --- Headings ------------------------------------------------------------------------

#[test]
fn headings_get_ids_from_their_text_with_german_transliteration() {
    let site = Site::fixture("md-headings");
    let html = built_main(&site, "ueberschriften/index.html");
    assert_contains_all(
        &html,
        &[
            "<h2 id=\"uebergaenge-ziele\">",
            "<h2 id=\"mit-code-und-betonung\">",
        ],
    );
}

#[test]
fn heading_ids_are_the_same_for_decomposed_umlauts() {
    // Some editors (macOS) save "ü" as "u" followed by a combining diaeresis.
    let site = Site::fixture("md-headings");
    site.write(
        "content/zerlegt.md",
        "---\ntitle: Zerlegt\n---\n## U\u{308}berga\u{308}nge & Ziele\n",
    );
    let html = built_main(&site, "zerlegt/index.html");
    assert_contains_all(&html, &["<h2 id=\"uebergaenge-ziele\">"]);
}

#[test]
fn duplicate_headings_get_numbered_ids() {
    let site = Site::fixture("md-headings");
    let html = built_main(&site, "ueberschriften/index.html");
    assert_contains_all(
        &html,
        &[
            "<h2 id=\"ergebnisse\">",
            "<h2 id=\"ergebnisse-1\">",
            "<h3 id=\"ergebnisse-2\">",
        ],
    );
}

#[test]
fn heading_attributes_set_id_and_class() {
    let site = Site::fixture("md-headings");
    let html = built_main(&site, "ueberschriften/index.html");
    assert_contains_all(
        &html,
        &[
            "<h2 id=\"eigene-id\" class=\"klasse\">Straße der Bildung <a class=\"heading-anchor\" href=\"#eigene-id\"",
        ],
    );
    assert!(
        !html.contains("{#"),
        "attribute block left in the text:\n{html}"
    );
    assert!(!html.contains("strasse-der-bildung"), "{html}");
}

#[test]
fn every_heading_has_an_anchor_link_with_a_german_label() {
    let site = Site::fixture("md-headings");
    let html = built_main(&site, "ueberschriften/index.html");
    assert_contains_all(
        &html,
        &[
            "<a class=\"heading-anchor\" href=\"#uebergaenge-ziele\" aria-label=\"Link zum Abschnitt „Übergänge &amp; Ziele“\">#</a></h2>",
            "<a class=\"heading-anchor\" href=\"#ergebnisse-2\" aria-label=\"Link zum Abschnitt „Ergebnisse“\">#</a></h3>",
            "<a class=\"heading-anchor\" href=\"#mit-code-und-betonung\" aria-label=\"Link zum Abschnitt „Mit Code und Betonung“\">#</a></h2>",
        ],
    );
    assert_eq!(
        html.matches("class=\"heading-anchor\"").count(),
        6,
        "one anchor per heading:\n{html}"
    );
    insta::assert_snapshot!(html);
}

// --- Typography ----------------------------------------------------------------------

#[test]
fn german_pages_get_german_quotes() {
    let site = Site::fixture("md-quotes");
    let html = built_main(&site, "zitate/index.html");
    assert_contains_all(
        &html,
        &[
            "Sie sagte: „Hallo“ und meinte ‚kurz‘ gesagt.",
            "„Lernen <em>vor</em> Ort“ war",
        ],
    );
}

#[test]
fn apostrophe_inside_german_single_quotes_stays_an_apostrophe() {
    let site = Site::fixture("md-quotes");
    let html = built_main(&site, "zitate/index.html");
    assert_contains_all(&html, &["war ‚Peter’s Idee‘."]);
}

#[test]
fn apostrophes_stay_apostrophes_in_german() {
    let site = Site::fixture("md-quotes");
    let html = built_main(&site, "zitate/index.html");
    assert_contains_all(&html, &["Das geht’s nicht, sagte Hans’ Kollegin."]);
}

#[test]
fn quotes_typed_as_german_quotes_are_unchanged() {
    let site = Site::fixture("md-quotes");
    let html = built_main(&site, "zitate/index.html");
    assert_contains_all(&html, &["Schon „richtig“ gesetzt und ‚einfach‘ auch."]);
}

#[test]
fn english_pages_get_english_quotes() {
    let site = Site::fixture("md-quotes");
    site.write(
        "site.yaml",
        "title: Quote test\nbase_url: https://md.example.org\nlanguage: en\ntheme: test\n",
    );
    let html = built_main(&site, "zitate/index.html");
    assert_contains_all(
        &html,
        &[
            "Sie sagte: “Hallo” und meinte ‘kurz’ gesagt.",
            "Das geht’s nicht, sagte Hans’ Kollegin.",
            "“Lernen <em>vor</em> Ort” war ‘Peter’s Idee’.",
            // Typed quotes are left as they are in every language.
            "Schon „richtig“ gesetzt und ‚einfach‘ auch.",
        ],
    );
}

#[test]
fn english_sites_without_pages_get_english_quotes_in_sections() {
    let site = Site::fixture("md-quotes");
    site.write(
        "site.yaml",
        "title: Quote test\nbase_url: https://md.example.org\nlanguage: en\ntheme: test\n",
    );
    site.write(
        "content/_index.md",
        "---\ntitle: Home\n---\nShe said \"hello\" and 'bye'.\n",
    );
    std::fs::remove_file(site.path().join("content/zitate.md")).expect("remove page");
    let html = built_main(&site, "index.html");
    assert_contains_all(&html, &["She said “hello” and ‘bye’."]);
}

#[test]
fn dashes_and_ellipses_become_typographic() {
    let site = Site::fixture("md-quotes");
    let html = built_main(&site, "zitate/index.html");
    assert_contains_all(&html, &["Von 2010–2015 und so weiter… Ende."]);
}

// --- Raw HTML ------------------------------------------------------------------------

#[test]
fn raw_html_passes_through() {
    let site = Site::fixture("md-raw-html");
    let html = built_main(&site, "hinweis/index.html");
    assert_contains_all(
        &html,
        &[
            "<div class=\"hinweis\">\nBitte beachten Sie die <strong>Anmeldefrist</strong>.\n</div>",
            "<abbr title=\"Kommunales Bildungsmanagement\">KBM</abbr>",
        ],
    );
    assert!(!html.contains("&lt;div"), "raw HTML was escaped:\n{html}");
    insta::assert_snapshot!(html);
}

// --- Internal links ------------------------------------------------------------------

#[test]
fn internal_links_become_urls_and_other_links_stay() {
    let site = Site::fixture("md-links");
    let html = built_main(&site, "projekte/links/index.html");
    assert_contains_all(
        &html,
        &[
            // Links carry their absolute URL in `data-href`, which print shows.
            "<a href=\"/team/\" data-href=\"https://md.example.org/team/\">Team</a>",
            "<a href=\"/projekte/lernen-vor-ort/#ergebnisse\" data-href=\"https://md.example.org/projekte/lernen-vor-ort/#ergebnisse\">LvO</a>",
            "<a href=\"/projekte/knotenpunkte/\" data-href=\"https://md.example.org/projekte/knotenpunkte/\">Knotenpunkte</a>",
            "<a href=\"/team/\" data-href=\"https://md.example.org/team/\">Team-Ordner</a>",
            "<a href=\"https://www.trier.de/bildung\" data-href=\"https://www.trier.de/bildung\">Trier</a>",
            // Mail and same-page links print no URL.
            "<a href=\"mailto:kbm@example.org\">Schreiben</a>",
            "<a href=\"/impressum/\" data-href=\"https://md.example.org/impressum/\">Impressum</a>",
            "<a href=\"#abschnitt\">nach oben</a>",
            "<img src=\"/projekte/bild.png\" alt=\"Logo\" />",
            "<img src=\"/projekte/bild.png\" alt=\"Logo groß\" />",
        ],
    );
    assert!(
        !html.contains(".md"),
        "a link still points to Markdown:\n{html}"
    );
    assert!(site.has_output("projekte/bild.png"));
    insta::assert_snapshot!(html);
}

#[test]
fn links_in_a_section_index_resolve_from_the_section_folder() {
    let site = Site::fixture("md-links");
    let html = built_main(&site, "projekte/index.html");
    assert_contains_all(
        &html,
        &[
            "<a href=\"/projekte/knotenpunkte/\" data-href=\"https://md.example.org/projekte/knotenpunkte/\">Knotenpunkte</a>",
            "<a href=\"/projekte/bericht/\" data-href=\"https://md.example.org/projekte/bericht/\">Bericht</a>",
        ],
    );
}

#[test]
fn links_and_images_in_a_page_bundle_resolve_from_the_bundle_folder() {
    let site = Site::fixture("md-links");
    let html = built_main(&site, "projekte/bericht/index.html");
    assert_contains_all(
        &html,
        &[
            "<img src=\"/projekte/bericht/foto.png\" alt=\"Foto vom Treffen\" />",
            // A link to a file says its type and size.
            "<a href=\"/projekte/bericht/Mein%20Plan.pdf\" data-href=\"https://md.example.org/projekte/bericht/Mein%20Plan.pdf\">Plan <span class=\"download-info\">(PDF, 3 Byte)</span></a>",
            "<a href=\"/team/\" data-href=\"https://md.example.org/team/\">Team</a>",
        ],
    );
    assert!(site.has_output("projekte/bericht/foto.png"));
    assert!(site.has_output("projekte/bericht/Mein Plan.pdf"));
}

// --- Summary -------------------------------------------------------------------------

#[test]
fn summary_is_the_text_before_the_more_marker() {
    let site = Site::fixture("md-summary");
    let html = built_main(&site, "mit-more/index.html");
    assert_contains_all(
        &html,
        &[
            "<p>Erster Absatz mit <strong>Betonung</strong>.</p>",
            "<p>Zweiter Absatz, noch im Anriss.</p>",
        ],
    );
    assert!(!html.contains("Dritter"), "{html}");
    insta::assert_snapshot!(html);
}

#[test]
fn summary_without_more_marker_is_the_first_paragraph() {
    let site = Site::fixture("md-summary");
    let html = built_main(&site, "ohne-more/index.html");
    assert_eq!(
        html,
        "<article>\n<div class=\"summary\"><p>Der erste Absatz ist der Anriss.</p>\n</div>\n</article>"
    );
}

#[test]
fn summary_cut_inside_a_paragraph_is_still_well_formed_html() {
    let site = Site::fixture("md-summary");
    let html = built_main(&site, "more-im-absatz/index.html");
    let summary = html
        .strip_prefix("<article>\n<div class=\"summary\">")
        .and_then(|rest| rest.strip_suffix("</div>\n</article>"))
        .unwrap_or_else(|| panic!("unexpected page:\n{html}"));
    assert!(summary.starts_with("<p>Erster Satz."), "{summary}");
    assert!(!summary.contains("Zweiter"), "{summary}");
    assert_eq!(
        summary.matches("<p>").count(),
        summary.matches("</p>").count(),
        "every paragraph of the summary is closed:\n{summary}"
    );
}

// --- Table of contents, word count, reading time -------------------------------------

#[test]
fn toc_is_a_tree_of_headings() {
    let site = Site::fixture("md-toc");
    let html = built_main(&site, "inhalt/index.html");
    insta::assert_snapshot!(html);
}

#[test]
fn toc_keeps_headings_that_skip_levels() {
    let site = Site::fixture("md-toc");
    let html = built_main(&site, "sprung/index.html");
    insta::assert_snapshot!(html);
}

#[test]
fn word_count_counts_the_body_text() {
    let site = Site::fixture("md-toc");
    site.write(
        "content/woerter.md",
        "---\ntitle: Ein sehr langer Titel zählt nicht\n---\n## Zwei Wörter\n\nDas sind `sieben` Wörter mit [Link](https://example.org) hier.\n",
    );
    let html = built_main(&site, "woerter/index.html");
    assert_contains_all(&html, &["<p class=\"stats\">9 Wörter, 1 min</p>"]);
}

#[test]
fn word_count_counts_words_split_by_markup_or_apostrophes_once() {
    let site = Site::fixture("md-toc");
    // Das / Bildungsmanagement / geht’s / „wirklich“ / an / ehrlich: six words.
    site.write(
        "content/woerter.md",
        "---\ntitle: Wörter\n---\nDas **Bildungs**management geht's \"wirklich\" an, [ehrlich](https://example.org).\n",
    );
    let html = built_main(&site, "woerter/index.html");
    assert_contains_all(&html, &["<p class=\"stats\">6 Wörter, 1 min</p>"]);
}

#[test]
fn reading_time_is_words_per_200_rounded_up_and_at_least_one() {
    const CASES: [(usize, usize); 6] = [(0, 1), (1, 1), (200, 1), (201, 2), (400, 2), (401, 3)];
    let site = Site::fixture("md-toc");
    for (words, _) in CASES {
        site.write(
            &format!("content/lesen-{words}.md"),
            &format!("---\ntitle: Lesen\n---\n{}\n", "Wort ".repeat(words)),
        );
    }
    site.build_ok(&[]);
    for (words, minutes) in CASES {
        let html = site.output(&format!("lesen-{words}/index.html"));
        let expected = format!("<p class=\"stats\">{words} Wörter, {minutes} min</p>");
        assert!(
            html.contains(&expected),
            "expected `{expected}` in:\n{html}"
        );
    }
}

// --- Downloads -----------------------------------------------------------------------

#[test]
fn links_to_files_say_their_type_and_size() {
    let site = Site::fixture("md-links");
    site.write(
        "assets/downloads/Bildungsbericht.pdf",
        &"x".repeat(1_300_000),
    );
    site.write(
        "content/projekte/downloads.md",
        "---\ntitle: Downloads\n---\n[Bildungsbericht](/downloads/Bildungsbericht.pdf) und [Plan](bericht/Mein%20Plan.pdf)\n",
    );
    let html = built_main(&site, "projekte/downloads/index.html");
    assert_contains_all(
        &html,
        &[
            // An asset linked by its site path, sized in German notation.
            "<a href=\"/downloads/Bildungsbericht.pdf\" data-href=\"https://md.example.org/downloads/Bildungsbericht.pdf\">Bildungsbericht <span class=\"download-info\">(PDF, 1,2 MB)</span></a>",
            // A file next to a page, linked relatively.
            "Plan <span class=\"download-info\">(PDF, 3 Byte)</span></a>",
        ],
    );
}
