//! The words and formats lernort writes follow the site language: German for `de` and
//! its variants (`de-AT`), English for `en` and, as the fallback, for every other
//! language (`fr`). Built by the real binary from `tests/fixtures/loc-site`, whose page
//! template shows a date in every format of the `date` filter and whose templates have
//! no `404.html`, so the built-in 404 page is written.

mod common;

use common::Site;

/// The fixture with `language` set to `lang`, built.
fn built(lang: &str) -> Site {
    let site = Site::fixture("loc-site");
    site.write(
        "site.yaml",
        &format!("title: Locale Test\nbase_url: https://loc.example.org\nlanguage: {lang}\n"),
    );
    site.build_ok(&[]);
    site
}

/// The part of a built page between `<main>` and `</main>`.
fn main_of(site: &Site, rel: &str) -> String {
    let html = site.output(rel);
    let start = html.find("<main>").expect("page has <main>") + "<main>".len();
    let end = html.rfind("</main>").expect("page has </main>");
    html[start..end].trim().to_string()
}

/// The page with dates in every format, the download notes, task and footnote labels.
const PAGE: &str = "news/apple/index.html";
/// The section sorted by title.
const LIST: &str = "news/index.html";
/// The redirect page of the page's alias `/old/apple/`.
const ALIAS: &str = "old/apple/index.html";

#[test]
fn an_english_site_gets_english_dates_and_labels() {
    let site = built("en");
    insta::assert_snapshot!(main_of(&site, PAGE));
}

#[test]
fn an_english_site_gets_english_404_and_redirect_pages() {
    let site = built("en");
    insta::assert_snapshot!("en_404", site.output("404.html"));
    insta::assert_snapshot!("en_alias", site.output(ALIAS));
}

#[test]
fn an_english_site_sorts_titles_ignoring_case_and_accents() {
    let site = built("en");
    assert_eq!(
        main_of(&site, LIST),
        "<h1>News</h1>\n<ol class=\"pages\"><li>Apple</li><li>Ärger</li><li>banana</li><li>Éclair</li><li>Ostrich</li><li>Zebra</li></ol>"
    );
}

#[test]
fn a_german_variant_gets_german_dates_and_labels() {
    let site = built("de-AT");
    insta::assert_snapshot!(main_of(&site, PAGE));
}

#[test]
fn a_german_variant_gets_german_404_and_redirect_pages() {
    let site = built("de-AT");
    insta::assert_snapshot!("de_at_404", site.output("404.html"));
    insta::assert_snapshot!("de_at_alias", site.output(ALIAS));
}

#[test]
fn a_german_site_sorts_titles_in_din_5007_order() {
    // `Ä` sorts as `a`, case is ignored, and other accents keep their code point, so
    // `Éclair` comes after `Zebra` (German order as it always was).
    let site = built("de-AT");
    assert_eq!(
        main_of(&site, LIST),
        "<h1>News</h1>\n<ol class=\"pages\"><li>Apple</li><li>Ärger</li><li>banana</li><li>Ostrich</li><li>Zebra</li><li>Éclair</li></ol>"
    );
}

#[test]
fn other_languages_fall_back_to_english() {
    let en = built("en");
    let fr = built("fr");
    let en_tree = en.tree("public");
    let fr_tree = fr.tree("public");
    assert_eq!(
        en_tree.keys().collect::<Vec<_>>(),
        fr_tree.keys().collect::<Vec<_>>()
    );
    for (path, en_bytes) in &en_tree {
        // Only the `lang` attribute names the language; every word is the English one.
        let expected = String::from_utf8_lossy(en_bytes).replace("lang=\"en\"", "lang=\"fr\"");
        assert_eq!(
            String::from_utf8_lossy(&fr_tree[path]),
            expected,
            "{path} differs between `en` and `fr` beyond `lang`"
        );
    }
    assert!(fr.output(PAGE).contains("<li>long: 5 March 2024</li>"));
}

#[test]
fn a_bad_date_pattern_is_reported_in_the_language_of_the_messages() {
    // The date's words follow the site's language, the message about the pattern the
    // language of the messages (the site's too, unless `--messages` or
    // `LERNORT_MESSAGES` chooses another).
    let site = Site::fixture("loc-site");
    site.write(
        "site.yaml",
        "title: Locale Test\nbase_url: https://loc.example.org\nlanguage: de\n",
    );
    site.write(
        "templates/page.html",
        "{% if page.date %}{{ page.date | date(format=\"%H:%M\") }}{% endif %}\n",
    );
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
    let run = site.run_lang(None, &["build"]);
    assert!(
        run.stderr
            .starts_with("Fehler: Fehler in der Vorlage: Das Datumsformat `%H:%M`"),
        "{}",
        run.stderr
    );
}

#[test]
fn switching_the_language_in_the_preview_equals_a_clean_build() {
    let p = common::preview::Preview::start("loc-site");
    p.assert_matches_clean_build("the start (en)");
    let config = p.sandbox.read("site.yaml");
    for (lang, long) in [("de", "5. März 2024"), ("en", "5 March 2024")] {
        let switched: String = config.replace("language: en", &format!("language: {lang}"));
        p.sandbox.write("site.yaml", &switched);
        p.reload(&format!("switching to `{lang}`"));
        p.wait_for_page("the date in the new language", "/news/apple/", |r| {
            r.text().contains(&format!("<li>long: {long}</li>"))
        });
        // Every page, the redirect and the built-in 404 page follow the switch.
        p.assert_matches_clean_build(&format!("after switching to `{lang}`"));
    }
}
