//! The bundled KBM Trier site (the repository root is the site): it builds, has every
//! area of the KBM start page and every page a German public body must have, and its
//! HTML keeps the structural rules of BITV 2.0 / WCAG 2.1 that can be read off the markup.
//! (What needs a browser — contrast, focus, axe-core — is in `tests/browser.rs`.)

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;

/// The built site: output folder and path → HTML. Built once per test run into
/// cargo's temp folder for integration tests.
struct Built {
    public: PathBuf,
    pages: BTreeMap<String, String>,
}

fn built_site() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let public = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bundled-site/public");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let run = Command::cargo_bin("lernort")
            .expect("binary built")
            .env("LERNORT_MESSAGES", "en")
            .arg("--root")
            .arg(root)
            .arg("build")
            .arg("-o")
            .arg(&public)
            .output()
            .expect("binary runs");
        assert!(
            run.status.success(),
            "the bundled site must build:\n{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let mut pages = BTreeMap::new();
        for entry in walkdir::WalkDir::new(&public) {
            let entry = entry.expect("readable");
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "html") {
                let rel = path
                    .strip_prefix(&public)
                    .expect("inside")
                    .display()
                    .to_string();
                pages.insert(rel, std::fs::read_to_string(path).expect("UTF-8 HTML"));
            }
        }
        Built { public, pages }
    })
}

/// Pages that are real pages (not alias redirects).
fn content_pages(pages: &BTreeMap<String, String>) -> impl Iterator<Item = (&String, &String)> {
    pages
        .iter()
        .filter(|(_, html)| !html.contains("http-equiv=\"refresh\""))
}

/// The values of `attr="…"` on every tag named `tag`.
fn attr_values<'a>(html: &'a str, tag: &str, attr: &str) -> Vec<&'a str> {
    let mut values = Vec::new();
    let open = format!("<{tag} ");
    let needle = format!(" {attr}=\"");
    for (i, _) in html.match_indices(&open) {
        let end = html[i..].find('>').map_or(html.len(), |e| i + e);
        let tag_text = &html[i..end];
        if let Some(a) = tag_text.find(&needle) {
            let v = &tag_text[a + needle.len()..];
            values.push(&v[..v.find('"').unwrap_or(v.len())]);
        }
    }
    values
}

/// Heading levels in document order.
fn heading_levels(html: &str) -> Vec<u8> {
    let bytes = html.as_bytes();
    (0..bytes.len().saturating_sub(3))
        .filter(|&i| {
            bytes[i] == b'<' && bytes[i + 1] == b'h' && (b'1'..=b'6').contains(&bytes[i + 2])
        })
        .filter(|&i| matches!(bytes[i + 3], b' ' | b'>'))
        .map(|i| bytes[i + 2] - b'0')
        .collect()
}

#[test]
fn every_area_of_the_kbm_start_page_has_its_place() {
    let pages = &built_site().pages;
    for path in [
        "index.html",
        "aktuelles/index.html",
        "auftrag/index.html",
        "bildungsberatung/index.html",
        "bildungskonzepte/index.html",
        "bildungsnetzwerke/index.html",
        "bildungsnetzwerke/alphabetisierung-und-grundbildung/index.html",
        "bildungsnetzwerke/mint-initiativkreis/index.html",
        "bildungsmonitoring/index.html",
        "neuzugewanderte/index.html",
        "projekte/index.html",
        "projekte/knotenpunkte/index.html",
        "projekte/lernen-vor-ort/index.html",
        "team/index.html",
    ] {
        assert!(pages.contains_key(path), "missing {path}");
    }
    let lvo = &pages["projekte/lernen-vor-ort/index.html"];
    for fact in ["2010", "August 2015", "einstimmig", "Oberbürgermeister"] {
        assert!(lvo.contains(fact), "the LvO page states `{fact}`");
    }
}

#[test]
fn the_pages_a_public_body_must_have_exist_and_every_page_links_them() {
    let pages = &built_site().pages;
    let required = [
        "impressum",
        "datenschutz",
        "barrierefreiheit",
        "leichte-sprache",
        "gebaerdensprache",
        "kontakt",
    ];
    for slug in required {
        assert!(
            pages.contains_key(&format!("{slug}/index.html")),
            "missing /{slug}/"
        );
    }
    for (path, html) in content_pages(pages) {
        let hrefs: HashSet<&str> = attr_values(html, "a", "href").into_iter().collect();
        for slug in ["impressum", "datenschutz", "barrierefreiheit"] {
            assert!(
                hrefs.contains(format!("/{slug}/").as_str()),
                "{path} must link /{slug}/ (footer duty links)"
            );
        }
    }
    let home: HashSet<&str> = attr_values(&pages["index.html"], "a", "href")
        .into_iter()
        .collect();
    assert!(
        home.contains("/leichte-sprache/"),
        "the start page links Leichte Sprache"
    );
    assert!(
        home.contains("/gebaerdensprache/"),
        "the start page links Gebärdensprache"
    );
}

#[test]
fn the_accessibility_statement_has_every_part() {
    let pages = &built_site().pages;
    let statement = &pages["barrierefreiheit/index.html"];
    for part in [
        "kbm.example.org",
        "teilweise vereinbar",
        "(WCAG) 2.1",
        "EN 301 549",
        "durchsetzungsstelle@mastd.rlp.de",
    ] {
        assert!(statement.contains(part), "the statement mentions `{part}`");
    }
}

#[test]
fn nothing_is_loaded_from_another_host() {
    let built = built_site();
    let pages = &built.pages;
    for (path, html) in pages {
        let mut resources = attr_values(html, "img", "src");
        resources.extend(attr_values(html, "script", "src"));
        resources.extend(attr_values(html, "link", "href"));
        resources.extend(attr_values(html, "iframe", "src"));
        resources.extend(attr_values(html, "source", "src"));
        resources.extend(attr_values(html, "video", "src"));
        for r in resources {
            let third_party = r.starts_with("//")
                || (r.contains("://") && !r.starts_with("https://kbm.example.org"));
            assert!(!third_party, "{path} loads `{r}` from another host");
        }
    }
    for entry in walkdir::WalkDir::new(&built.public) {
        let entry = entry.expect("readable");
        if entry.path().extension().is_some_and(|e| e == "css") {
            let css = std::fs::read_to_string(entry.path()).expect("UTF-8 CSS");
            for (i, _) in css.match_indices("url(") {
                let arg = css[i + 4..].trim_start_matches(['"', '\'']);
                assert!(
                    !(arg.starts_with("http") || arg.starts_with("//")),
                    "{} loads `{}` from another host",
                    entry.path().display(),
                    &arg[..arg.find(')').unwrap_or(arg.len())]
                );
            }
            assert!(!css.contains("@import url(http"), "no remote @import");
        }
    }
}

#[test]
fn every_page_has_german_language_one_h1_no_skipped_heading_level_and_a_unique_title() {
    let pages = &built_site().pages;
    let mut titles = HashSet::new();
    for (path, html) in content_pages(pages) {
        assert!(html.contains("<html lang=\"de\""), "{path}: lang=\"de\"");
        let levels = heading_levels(html);
        assert_eq!(
            levels.iter().filter(|&&l| l == 1).count(),
            1,
            "{path}: exactly one h1, got {levels:?}"
        );
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{path}: heading levels skip from h{} to h{}: {levels:?}",
                pair[0],
                pair[1]
            );
        }
        let title = html
            .split_once("<title>")
            .and_then(|(_, rest)| rest.split_once("</title>"))
            .map(|(t, _)| t.to_string())
            .unwrap_or_else(|| panic!("{path}: no <title>"));
        assert!(
            titles.insert(title.clone()),
            "{path}: the title `{title}` is used twice"
        );
        assert!(
            html.contains("href=\"#inhalt\""),
            "{path}: skip link to #inhalt"
        );
        assert!(
            html.contains("id=\"inhalt\""),
            "{path}: main target #inhalt"
        );
    }
}

/// The text of `<main>`, where content types render their fields.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>");
    &html[start..end]
}

#[test]
fn team_members_render_their_fields_on_the_team_page_and_their_own_page() {
    let pages = &built_site().pages;
    let team = main_of(&pages["team/index.html"]);
    let members: Vec<&String> = pages
        .keys()
        .filter(|k| k.starts_with("team/") && *k != "team/index.html")
        .collect();
    assert!(!members.is_empty(), "the team has member pages");
    for member in members {
        let url = format!("/{}", member.trim_end_matches("index.html"));
        assert!(
            team.contains(&format!("href=\"{url}\"")),
            "the team page links {url}"
        );
        let page = main_of(&pages[member.as_str()]);
        for field in [
            "Funktion",
            "Arbeitsbereich",
            "E-Mail",
            "Telefon",
            "Raum",
            "mailto:",
        ] {
            assert!(page.contains(field), "{member} shows `{field}`");
        }
        assert!(page.contains("<address>"), "{member} has a contact block");
    }
    for field in ["Funktion", "E-Mail", "Telefon", "mailto:"] {
        assert!(team.contains(field), "the team cards show `{field}`");
    }
}

#[test]
fn projects_render_status_duration_funding_partners_and_a_contact_block() {
    let pages = &built_site().pages;
    for project in [
        "projekte/knotenpunkte/index.html",
        "projekte/lernen-vor-ort/index.html",
    ] {
        let page = main_of(&pages[project]);
        for field in [
            "Status",
            "Laufzeit",
            "Förderung",
            "Partner",
            "Ansprechperson",
        ] {
            assert!(page.contains(field), "{project} shows `{field}`");
        }
        assert!(
            page.contains("href=\"/team/"),
            "{project}: the contact links its team page"
        );
    }
    let lvo = main_of(&pages["projekte/lernen-vor-ort/index.html"]);
    assert!(lvo.contains("abgeschlossen"), "LvO is finished");
    assert!(
        lvo.contains("<time datetime=\"2010-01\">Januar 2010</time> bis <time datetime=\"2015-08\">August 2015</time>"),
        "LvO ran from January 2010 to August 2015, as the seed says (months, no invented days)"
    );
    let knotenpunkte = main_of(&pages["projekte/knotenpunkte/index.html"]);
    assert!(knotenpunkte.contains("laufend"), "Knotenpunkte is running");
}

#[test]
fn news_are_listed_with_dates_on_aktuelles_and_on_the_home_page() {
    let pages = &built_site().pages;
    // The news pages: not the list itself, its further pages (`aktuelles/seite/2/`), the
    // redirect from `aktuelles/seite/1/` to the list, or the archive.
    let news: Vec<&String> = content_pages(pages)
        .map(|(k, _)| k)
        .filter(|k| {
            k.starts_with("aktuelles/")
                && *k != "aktuelles/index.html"
                && !k.starts_with("aktuelles/seite/")
                && !k.starts_with("aktuelles/archiv/")
        })
        .collect();
    assert!(!news.is_empty(), "there is news");
    let list = main_of(&pages["aktuelles/index.html"]);
    let home = main_of(&pages["index.html"]);
    for item in news {
        let url = format!("/{}", item.trim_end_matches("index.html"));
        assert!(
            list.contains(&format!("href=\"{url}\"")),
            "Aktuelles lists {url}"
        );
        assert!(
            home.contains(&format!("href=\"{url}\"")),
            "the home page shows {url}"
        );
        assert!(
            main_of(&pages[item.as_str()]).contains("<time datetime="),
            "{item} shows its date"
        );
    }
    assert!(list.contains("<time datetime="), "the list shows dates");
}

#[test]
fn download_links_show_type_and_size() {
    let pages = &built_site().pages;
    let lvo = main_of(&pages["projekte/lernen-vor-ort/index.html"]);
    let link = lvo
        .split("<a ")
        .find(|a| a.starts_with("href=\"/projekte/lernen-vor-ort/zeitleiste.svg\""))
        .expect("a download link to the timeline");
    let info = link
        .split_once("<span class=\"download-info\">")
        .map(|(_, rest)| &rest[..rest.find("</span>").unwrap_or(0)])
        .expect("type and size after the link text");
    assert!(
        info.starts_with("(SVG, ") && info.ends_with(" KB)"),
        "got {info}"
    );
}

/// A download page links its file and says whether the file is checked for
/// accessibility, as the accessibility statement promises.
#[test]
fn a_download_page_links_its_file_and_its_accessibility() {
    let pages = &built_site().pages;
    let page = main_of(&pages["downloads/zeitleiste-lernen-vor-ort/index.html"]);
    assert!(
        page.contains("<a href=\"/projekte/lernen-vor-ort/zeitleiste.svg\">"),
        "{page}"
    );
    assert!(page.contains("noch nicht geprüft"), "{page}");
    assert!(page.contains("href=\"/barrierefreiheit/\""), "{page}");
}
