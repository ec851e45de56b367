//! Templates as seen in the built pages: site templates overriding the theme's,
//! choosing templates in front matter, the template context, lernort's functions
//! (`get_page`, `get_section`, `url`), the `date` filter and the navigation.
//! Each behaviour has its own small fixture `tests/fixtures/tpl-*`.

mod common;

use common::{Site, assert_contains_all};

/// The text after `label` up to the end of its line.
#[track_caller]
fn line_value<'a>(text: &'a str, label: &str) -> &'a str {
    let start = text
        .find(label)
        .unwrap_or_else(|| panic!("no `{label}` in:\n{text}"))
        + label.len();
    text[start..].lines().next().unwrap_or_default()
}

/// Whether `s` looks like `/css/test.css?h=` followed by exactly ten hex digits.
fn is_hashed_asset_url(s: &str, path: &str) -> bool {
    s.strip_prefix(path)
        .and_then(|rest| rest.strip_prefix("?h="))
        .is_some_and(|h| h.len() == 10 && h.chars().all(|c| c.is_ascii_hexdigit()))
}

// --- Overriding the theme ------------------------------------------------------------

#[test]
fn site_page_template_overrides_the_themes() {
    let site = Site::fixture("tpl-override");
    site.build_ok(&[]);
    let html = site.output("projekte/knotenpunkte/index.html");
    assert_contains_all(
        &html,
        &[
            "<div class=\"eigene-seite\">Knotenpunkte: <p>Knotenpunkte für Grundbildung.</p>",
            "<title>Eigene Seite: Knotenpunkte</title>",
        ],
    );
    // The theme's page.html would have written an <article> with breadcrumbs.
    assert!(!html.contains("<article>"), "theme page.html used:\n{html}");
    assert!(!html.contains("class=\"crumbs\""), "{html}");
}

#[test]
fn site_template_extends_the_themes_base() {
    let site = Site::fixture("tpl-override");
    site.build_ok(&[]);
    let html = site.output("projekte/knotenpunkte/index.html");
    // Everything outside the blocks comes from the theme's base.html.
    assert!(
        html.starts_with("<!doctype html>\n<html lang=\"de\">"),
        "{html}"
    );
    assert_contains_all(
        &html,
        &[
            "<nav aria-label=\"Hauptnavigation\"><a href=\"/projekte/\">Projekte</a> </nav>",
            "<main>\n<div class=\"eigene-seite\">",
            "</div>\n</main>\n</body>\n</html>",
        ],
    );
}

#[test]
fn theme_templates_without_site_override_still_apply() {
    let site = Site::fixture("tpl-override");
    site.build_ok(&[]);
    let section = site.output("projekte/index.html");
    assert_contains_all(
        &section,
        &[
            "<title>Projekte – Vorlagen-Test</title>",
            "<ol class=\"pages\"><li><a href=\"/projekte/knotenpunkte/\">Knotenpunkte</a></li></ol>",
        ],
    );
    let home = site.output("index.html");
    assert_contains_all(
        &home,
        &["<li><a href=\"/projekte/\">Projekte</a> (1 pages)</li>"],
    );
    assert_contains_all(&site.output("404.html"), &["<h1>Seite nicht gefunden</h1>"]);
}

#[test]
fn site_base_template_is_used_by_the_themes_templates() {
    let site = Site::fixture("tpl-override");
    site.write(
        "templates/base.html",
        "<!doctype html>\n<title>{% block title %}{% endblock title %}</title>\n<body class=\"eigene-basis\">{% block content %}{% endblock content %}</body>\n",
    );
    site.build_ok(&[]);
    // The theme's section.html extends base.html, which is now the site's.
    let section = site.output("projekte/index.html");
    assert_contains_all(
        &section,
        &["<body class=\"eigene-basis\"><h1>Projekte</h1>"],
    );
    assert!(!section.contains("Hauptnavigation"), "{section}");
}

// --- Choosing a template -------------------------------------------------------------

#[test]
fn template_in_page_front_matter_chooses_the_page_template() {
    let site = Site::fixture("tpl-choice");
    site.build_ok(&[]);
    assert_contains_all(
        &site.output("projekte/eigen/index.html"),
        &["<article class=\"sonder\">Vorlage sonder.html: Eigenes Projekt</article>"],
    );
    // Its sibling without `template:` keeps the theme's page.html.
    let other = site.output("projekte/knotenpunkte/index.html");
    assert_contains_all(&other, &["<article>\n<h1>Knotenpunkte</h1>"]);
}

#[test]
fn page_template_in_section_index_chooses_the_template_of_its_pages() {
    let site = Site::fixture("tpl-choice");
    site.build_ok(&[]);
    assert_contains_all(
        &site.output("aktuelles/fest/index.html"),
        &["<article class=\"meldung\">Vorlage meldung.html: Sommerfest</article>"],
    );
}

#[test]
fn template_in_page_front_matter_wins_over_the_sections_page_template() {
    let site = Site::fixture("tpl-choice");
    site.build_ok(&[]);
    let html = site.output("aktuelles/sonder/index.html");
    assert_contains_all(
        &html,
        &["<article class=\"sonder\">Vorlage sonder.html: Sonderausgabe</article>"],
    );
    assert!(!html.contains("meldung"), "{html}");
}

#[test]
fn template_in_section_index_chooses_the_section_template() {
    let site = Site::fixture("tpl-choice");
    site.build_ok(&[]);
    assert_contains_all(
        &site.output("aktuelles/index.html"),
        &["<section class=\"aktuelles\">Vorlage aktuelles.html: Aktuelles (2 Meldungen)</section>"],
    );
    // Other sections keep the theme's section.html.
    assert_contains_all(
        &site.output("projekte/index.html"),
        &["<ol class=\"pages\">"],
    );
}

// --- The context ---------------------------------------------------------------------

#[test]
fn page_context() {
    let site = Site::fixture("tpl-context");
    site.build_ok(&[]);
    insta::assert_snapshot!(site.output("projekte/knotenpunkte-grundbildung/index.html"));
}

#[test]
fn section_context() {
    let site = Site::fixture("tpl-context");
    site.build_ok(&[]);
    insta::assert_snapshot!(site.output("projekte/index.html"));
}

#[test]
fn page_without_optional_values_has_empty_ones() {
    let site = Site::fixture("tpl-context");
    site.build_ok(&[]);
    let html = site.output("projekte/lernen-vor-ort/index.html");
    for label in [
        "page.description:",
        "page.date:",
        "page.updated:",
        "page.extra.foerderer:",
        "page.taxonomies.tags:",
        "page.toc:",
    ] {
        assert_eq!(line_value(&html, label).trim(), "", "{label} in:\n{html}");
    }
    assert_eq!(line_value(&html, "page.slug: "), "lernen-vor-ort");
    assert_eq!(line_value(&html, "page.reading_time: "), "1");
}

/// A page template showing the reading time and whether the page value has each of
/// the two counts (asked for by keys the templates' text does not name).
const READING_TIME: &str = "{% set wc = \"word\" ~ \"_count\" %}{% set rt = \"reading\" ~ \"_time\" %}\
minutes: {{ page.reading_time }} has: {{ wc in page }} {{ rt in page }}";

#[test]
fn naming_reading_time_alone_counts_the_words_and_gives_both_values() {
    let site = Site::fixture("tpl-context");
    let text = format!("---\ntitle: Lang\n---\n{}\n", "Wort ".repeat(401));
    site.write("content/projekte/lang.md", &text);
    site.write("templates/page.html", READING_TIME);
    site.build_ok(&[]);
    let html = site.output("projekte/lang/index.html");
    assert_eq!(html.trim(), "minutes: 3 has: true true");
}

#[test]
fn templates_naming_neither_count_get_neither_value() {
    let site = Site::fixture("tpl-context");
    site.write(
        "templates/page.html",
        "{% set wc = \"word\" ~ \"_count\" %}{% set rt = \"reading\" ~ \"_time\" %}\
         has: {{ wc in page }} {{ rt in page }}",
    );
    site.write("templates/section.html", "{{ section.title }}");
    site.build_ok(&[]);
    let html = site.output("projekte/lernen-vor-ort/index.html");
    assert_eq!(html.trim(), "has: false false");
}

// --- Functions -----------------------------------------------------------------------

#[test]
fn get_page_returns_the_page() {
    let site = Site::fixture("tpl-functions");
    site.build_ok(&[]);
    let html = site.output("funktionen/index.html");
    assert_eq!(
        line_value(&html, "get_page: "),
        "Knotenpunkte für Grundbildung /projekte/knotenpunkte/"
    );
    assert_eq!(
        line_value(&html, "get_page @/: "),
        "Knotenpunkte für Grundbildung /projekte/knotenpunkte/"
    );
}

#[test]
fn get_page_finds_a_page_without_md_and_a_bundle_by_its_folder() {
    let site = Site::fixture("tpl-functions");
    site.write(
        "content/projekte/bericht/index.md",
        "---\ntitle: Bericht\n---\nText\n",
    );
    site.write(
        "templates/funktionen.html",
        "{% set a = get_page(path=\"projekte/knotenpunkte\") %}{% set b = get_page(path=\"projekte/bericht\") %}ohne md: {{ a.url }}\nbundle: {{ b.url }}\n",
    );
    site.build_ok(&[]);
    let html = site.output("funktionen/index.html");
    assert_eq!(line_value(&html, "ohne md: "), "/projekte/knotenpunkte/");
    assert_eq!(line_value(&html, "bundle: "), "/projekte/bericht/");
}

#[test]
fn get_section_returns_the_section_with_its_pages() {
    let site = Site::fixture("tpl-functions");
    site.build_ok(&[]);
    let html = site.output("funktionen/index.html");
    let expected = "Projekte /projekte/: Knotenpunkte für Grundbildung=/projekte/knotenpunkte/ Lernen vor Ort=/projekte/lernen-vor-ort/";
    assert_eq!(line_value(&html, "get_section _index.md: "), expected);
    assert_eq!(line_value(&html, "get_section folder: "), expected);
}

#[test]
fn url_of_an_asset_has_a_content_hash() {
    let site = Site::fixture("tpl-functions");
    site.build_ok(&[]);
    let html = site.output("funktionen/index.html");
    let url = line_value(&html, "url asset: ");
    assert!(is_hashed_asset_url(url, "/css/test.css"), "{url}");
    assert!(site.has_output("css/test.css"));

    // Other bytes, another hash.
    let first = url.to_string();
    site.write("assets/css/test.css", "body { color: black; }\n");
    site.build_ok(&[]);
    let html = site.output("funktionen/index.html");
    let second = line_value(&html, "url asset: ");
    assert!(is_hashed_asset_url(second, "/css/test.css"), "{second}");
    assert_ne!(first, second, "the hash must follow the file's content");
}

#[test]
fn url_of_a_content_path_is_its_url() {
    let site = Site::fixture("tpl-functions");
    site.build_ok(&[]);
    let html = site.output("funktionen/index.html");
    assert_eq!(line_value(&html, "url page: "), "/projekte/knotenpunkte/");
    assert_eq!(line_value(&html, "url section: "), "/projekte/");
}

#[test]
fn get_page_of_a_missing_page_fails_the_build() {
    let site = Site::fixture("tpl-functions");
    site.write(
        "templates/funktionen.html",
        "{{ get_page(path=\"projekte/gibt-es-nicht.md\").title }}\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("projekte/gibt-es-nicht.md"),
        "the message names the path:\n{stderr}"
    );
}

#[test]
fn url_of_a_missing_asset_fails_the_build() {
    let site = Site::fixture("tpl-functions");
    site.write(
        "templates/funktionen.html",
        "{{ url(path=\"css/fehlt.css\") }}\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("css/fehlt.css"),
        "the message names the asset:\n{stderr}"
    );
}

/// The errors of lernort's functions and filters pass through Tera, which keeps only
/// their English words; the report still shows them in the language of the messages.
#[test]
fn function_and_filter_errors_are_in_the_language_of_the_messages() {
    let site = Site::fixture("tpl-functions");
    let mut reports = Vec::new();
    for template in [
        "{% set p = get_page(path=\"projekte/gibt-es-nicht.md\") %}{{ p.title }}",
        "{% set s = get_section(path=\"gibt-es-nicht\") %}{{ s.title }}",
        "{{ url(path=\"@/projekte/gibt-es-nicht.md\") }}",
        "{{ url(path=\"css/fehlt.css\") }}",
        "{{ \"morgen\" | date }}",
        "{{ \"2024-03-05\" | date(format=\"%H:%M\") }}",
    ] {
        site.write("templates/funktionen.html", template);
        let stderr = site.build_fails(&[]);
        let messages: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("Fehler: ") || l.starts_with("error: "))
            .collect();
        reports.push(messages.join("\n"));
    }
    insta::assert_snapshot!(reports.join("\n\n"));
}

#[test]
fn urls_carry_the_path_of_the_base_url() {
    let site = Site::fixture("tpl-functions");
    site.write(
        "site.yaml",
        "title: Funktionen-Test\nbase_url: https://tpl.example.org/kbm/\nlanguage: de\ntheme: test\n",
    );
    site.build_ok(&[]);
    let html = site.output("funktionen/index.html");
    assert_eq!(
        line_value(&html, "get_page: "),
        "Knotenpunkte für Grundbildung /kbm/projekte/knotenpunkte/"
    );
    assert_eq!(
        line_value(&html, "url page: "),
        "/kbm/projekte/knotenpunkte/"
    );
    let asset = line_value(&html, "url asset: ");
    assert!(is_hashed_asset_url(asset, "/kbm/css/test.css"), "{asset}");
    // The navigation still recognises the current section.
    let section = site.output("projekte/index.html");
    assert_contains_all(
        &section,
        &["<a href=\"/kbm/projekte/\" aria-current=\"page\">Projekte</a>"],
    );
}

// --- The date filter -----------------------------------------------------------------

#[test]
fn date_filter_formats_in_german() {
    let site = Site::fixture("tpl-date");
    site.build_ok(&[]);
    let html = site.output("termin/index.html");
    assert_eq!(
        html,
        "long: 5. März 2024\n\
         short: 05.03.2024\n\
         month: März 2024\n\
         iso: 2024-03-05\n\
         strftime: 05. März 2024\n\
         strftime unpadded: 9. Dezember\n\
         page.date: 5. März 2024\n\
         page.updated: 01.05.2024\n"
    );
}

#[test]
fn date_filter_rejects_text_that_is_not_a_date() {
    let site = Site::fixture("tpl-date");
    site.write("templates/datum.html", "{{ \"morgen\" | date }}\n");
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("morgen"), "{stderr}");
}

// --- Navigation ----------------------------------------------------------------------

/// The `<nav>` element of a built page.
fn nav_of(html: &str) -> &str {
    let start = html.find("<nav").expect("page has <nav>");
    let end = html[start..].find("</nav>").expect("nav closed") + start;
    &html[start..end]
}

#[test]
fn navigation_lists_top_level_sections_in_order() {
    let site = Site::fixture("tpl-navigation");
    site.build_ok(&[]);
    assert_eq!(
        nav_of(&site.output("index.html")),
        "<nav aria-label=\"Hauptnavigation\"><a href=\"/projekte/\">Projekte</a> <a href=\"/team/\">Team</a> <a href=\"/aktuelles/\">Aktuelles</a> "
    );
}

#[test]
fn navigation_marks_the_current_section() {
    let site = Site::fixture("tpl-navigation");
    site.build_ok(&[]);
    assert_eq!(
        nav_of(&site.output("team/index.html")),
        "<nav aria-label=\"Hauptnavigation\"><a href=\"/projekte/\">Projekte</a> <a href=\"/team/\" aria-current=\"page\">Team</a> <a href=\"/aktuelles/\">Aktuelles</a> "
    );
    assert_eq!(
        nav_of(&site.output("projekte/index.html"))
            .matches("aria-current")
            .count(),
        1
    );
    assert!(
        nav_of(&site.output("projekte/index.html"))
            .contains("<a href=\"/projekte/\" aria-current=\"page\">Projekte</a>")
    );
}

#[test]
fn navigation_marks_nothing_on_pages_the_links_do_not_point_to() {
    let site = Site::fixture("tpl-navigation");
    site.build_ok(&[]);
    for page in ["index.html", "projekte/knotenpunkte/index.html", "404.html"] {
        let html = site.output(page);
        assert!(!nav_of(&html).contains("aria-current"), "{page}:\n{html}");
    }
}

/// The marks of each item of `navigation` in a built page, as the template below prints
/// them: `path=current`, `path=ancestor` or `path=-`.
const NAVIGATION_MARKS: &str = "<!doctype html>\n<title>{% block title %}{% endblock title %}</title>\n\
<nav>{% for item in navigation %}\
{{ item.path }}={% if item.current %}current{% elif item.ancestor %}ancestor{% else %}-{% endif %} \
{% endfor %}</nav>\n{% block content %}{% endblock content %}\n";

#[test]
fn navigation_tells_each_item_whether_it_is_the_page_shown_or_above_it() {
    let site = Site::fixture("tpl-navigation");
    site.write("templates/base.html", NAVIGATION_MARKS);
    site.build_ok(&[]);
    let marks = |page: &str| {
        let html = site.output(page);
        let start = html.find("<nav>").expect("page has <nav>") + "<nav>".len();
        let end = html.find("</nav>").expect("nav closed");
        html[start..end].to_string()
    };
    let cases = [
        (
            "index.html",
            "projekte/_index.md=- team/_index.md=- aktuelles/_index.md=- ",
        ),
        (
            "projekte/index.html",
            "projekte/_index.md=current team/_index.md=- aktuelles/_index.md=- ",
        ),
        (
            "projekte/knotenpunkte/index.html",
            "projekte/_index.md=ancestor team/_index.md=- aktuelles/_index.md=- ",
        ),
        (
            "404.html",
            "projekte/_index.md=- team/_index.md=- aktuelles/_index.md=- ",
        ),
    ];
    for (page, expected) in cases {
        assert_eq!(marks(page), expected, "{page}");
    }
}

#[test]
fn navigation_marks_hold_under_a_base_path() {
    let site = Site::fixture("tpl-navigation");
    site.write("templates/base.html", NAVIGATION_MARKS);
    site.write(
        "site.yaml",
        "title: Navigations-Test\nbase_url: https://tpl.example.org/kbm/\nlanguage: de\ntheme: test\n",
    );
    site.build_ok(&[]);
    let page = site.output("projekte/knotenpunkte/index.html");
    assert!(
        page.contains("<nav>projekte/_index.md=ancestor team/_index.md=- "),
        "{page}"
    );
    let section = site.output("team/index.html");
    assert!(
        section.contains("team/_index.md=current aktuelles/_index.md=- </nav>"),
        "{section}"
    );
}

#[test]
fn safe_marks_text_unescaped_and_turns_other_values_into_text() {
    let site = Site::fixture("tpl-functions");
    site.write(
        "templates/funktionen.html",
        "text: {{ \"<b>fett</b>\" | safe }}\nnumber: {{ 5 | safe }}\nlist: {{ [1, 2] | safe }}\n\
         map: {{ {\"a\": 1} | safe }}\nnone: {{ none | safe }}|\nyes: {{ true | safe }}\n\
         float: {{ 1.5 | safe }}\nplain: {{ \"<b>\" }}\ntitle: {{ page.title | safe }}\n",
    );
    site.build_ok(&[]);
    let html = site.output("funktionen/index.html");
    assert_eq!(line_value(&html, "text: "), "<b>fett</b>");
    assert_eq!(line_value(&html, "number: "), "5");
    assert_eq!(line_value(&html, "list: "), "[1, 2]");
    // As Tera's own filter shows them (compared with a build before lernort had its own).
    assert_eq!(line_value(&html, "map: "), "{\"a\": 1}");
    assert_eq!(line_value(&html, "none: "), "|");
    assert_eq!(line_value(&html, "yes: "), "true");
    assert_eq!(line_value(&html, "float: "), "1.5");
    assert_eq!(line_value(&html, "plain: "), "&lt;b&gt;");
    assert!(!line_value(&html, "title: ").is_empty(), "{html}");
}
