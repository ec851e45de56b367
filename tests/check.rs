//! `lernort check`: every problem of the rendered site at once, at the file and line it
//! came from, without writing anything.

mod common;

use common::{Run, Site};

/// The clean fixture with `files` written over it.
fn site_with(files: &[(&str, &str)]) -> Site {
    let site = Site::fixture("check-clean");
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

/// A page of the clean site with `body` as its Markdown.
fn page(body: &str) -> (&'static str, String) {
    (
        "content/projekte/pruefung.md",
        format!("---\ntitle: Prüfung\ndescription: Eine Seite zum Prüfen\n---\n{body}"),
    )
}

/// Runs `check` in both languages; asserts the exit code and that nothing was written.
fn check(site: &Site, args: &[&str], code: i32) -> Run {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let run = site.run_both(&all);
    assert_eq!(run.code, code, "{}\n{}", run.stdout, run.stderr);
    assert!(!site.has_output(""), "check wrote public/");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

#[test]
fn a_clean_site_passes_even_when_strict() {
    let site = Site::fixture("check-clean");
    let run = check(&site, &["--strict"], 0);
    insta::assert_snapshot!(run.stdout, @r"
    7 Seiten geprüft: keine Fehler, keine Warnungen
    [en]
    7 pages checked: no errors, no warnings
    ");
}

#[test]
fn the_bundled_site_passes_check_strict() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = assert_cmd::Command::cargo_bin("lernort")
        .expect("binary built")
        .env("LERNORT_MESSAGES", "en")
        .args([
            "--root",
            root.to_str().expect("UTF-8 path"),
            "check",
            "--strict",
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.ends_with("checked: no errors, no warnings\n"),
        "{stdout}"
    );
}

#[test]
fn a_broken_link_in_a_template_is_reported_at_the_template_line() {
    let site = site_with(&[(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block title %}{{ page.title }} – {{ site.title }}{% endblock title %}\n{% block content %}<article>\n<h1>{{ page.title }}</h1>\n<p><a href=\"{{ site.base_url }}/impresum/\">Impressum</a></p>\n{{ page.content | safe }}\n</article>\n{% endblock content %}\n",
    )]);
    let run = check(&site, &[], 1);
    assert!(
        run.stdout.contains("--> templates/page.html:5:"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_broken_link_in_raw_html_is_reported_at_its_markdown_line() {
    let (path, text) = page("Text.\n\n<p><a href=\"/fehlt/\">Fehlende Seite</a></p>\n");
    let site = site_with(&[(path, &text)]);
    let run = check(&site, &[], 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_missing_anchor_is_an_error() {
    let (path, text) = page(
        "<a href=\"#nirgends\">Zum Abschnitt</a>\n\n<a href=\"../lernen-vor-ort/#ergebnisse\">Ergebnisse</a>\n",
    );
    let site = site_with(&[(path, &text)]);
    let run = check(&site, &[], 1);
    assert!(run.stdout.contains("`#nirgends`"), "{}", run.stdout);
    assert!(!run.stdout.contains("`#ergebnisse`"), "{}", run.stdout);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn accessibility_rules_of_single_elements() {
    let (path, text) = page(concat!(
        "<img src=\"/css/test.css\">\n\n",
        "<a href=\"/projekte/\"></a>\n\n",
        "<button></button>\n\n",
        "<table><tr><td>1</td></tr></table>\n\n",
        "<span id=\"doppelt\">A</span> <span id=\"doppelt\">B</span>\n",
    ));
    let site = site_with(&[(path, &text)]);
    let run = check(&site, &["--format", "json"], 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn warnings_fail_only_when_strict() {
    let (path, text) = page("Mehr dazu [hier](@/projekte/_index.md).\n\n## Zwei\n\n#### Vier\n");
    let site = site_with(&[(path, &text)]);
    let run = check(&site, &[], 0);
    insta::assert_snapshot!(run.stdout);
    check(&site, &["--strict"], 1);
}

#[test]
fn page_structure_and_titles() {
    let second =
        "---\ntitle: Prüfung\ndescription: Noch eine\n---\n# Noch eine Überschrift erster Ebene\n";
    let (path, text) = page("Text.\n");
    let site = site_with(&[(path, &text), ("content/zweite.md", second)]);
    let run = check(&site, &[], 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn content_hygiene_warnings() {
    let site = site_with(&[
        (
            "content/ohne.md",
            "---\ntitle: Ohne Beschreibung\n---\nText.\n",
        ),
        ("content/projekte/plan.pdf", "%PDF-1.4 nicht verlinkt"),
    ]);
    let run = check(&site, &[], 0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_site_that_does_not_build_reports_its_build_errors() {
    let site = site_with(&[("content/kaputt.md", "---\ntitle: A\ntitel: B\n---\n")]);
    let run = check(&site, &[], 1);
    assert!(run.stdout.contains("unknown key `titel`"), "{}", run.stdout);
}

#[test]
fn github_annotations_and_a_gitlab_report() {
    let (path, text) = page(
        "<p><a href=\"/fehlt/\">Fehlende Seite</a></p>\n\nMehr dazu [hier](@/projekte/_index.md).\n",
    );
    let site = site_with(&[(path, &text)]);
    let github = site.run_lang("en", &["check", "--format", "github"]);
    assert_eq!(github.code, 1);
    insta::assert_snapshot!("github", github.stdout);
    let gitlab = site.run_lang("en", &["check", "--format", "gitlab"]);
    assert_eq!(gitlab.code, 1);
    let report: serde_json::Value = serde_json::from_str(&gitlab.stdout).expect("JSON");
    let entries = report.as_array().expect("an array");
    assert_eq!(entries.len(), 2);
    for e in entries {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(e[key].is_string(), "{key} in {e}");
        }
        assert!(e["location"]["path"].is_string() && e["location"]["lines"]["begin"].is_u64());
    }
    let again = site.run_lang("en", &["check", "--format", "gitlab"]);
    assert_eq!(gitlab.stdout, again.stdout, "fingerprints are stable");
}

#[test]
fn a_mistake_in_site_yaml_is_a_finding_of_the_check() {
    let site = Site::fixture("check-clean");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}tema: x\n"));
    let run = check(&site, &[], 1);
    assert!(
        run.stdout.contains("unknown key `tema` in site.yaml"),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("output folder"), "{}", run.stderr);
    assert!(
        run.stdout
            .ends_with("0 pages checked: 1 error, no warnings in 1 file\n"),
        "{}",
        run.stdout
    );
}

/// Runs `check --format json` in English (exit code not asserted) and parses it.
fn json(site: &Site) -> serde_json::Value {
    let run = site.run_lang("en", &["check", "--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

/// The findings of `rule` in a JSON report, as `(file, line)`.
fn places(report: &serde_json::Value, rule: &str) -> Vec<(String, Option<u64>)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["file"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64(),
            )
        })
        .collect()
}

const PAGE: &str = "content/projekte/pruefung.md";

#[test]
fn a_name_anchors_ids_and_the_top_of_the_page_are_link_targets() {
    let (path, text) = page(
        "<a name=\"alt\"></a>\n\n<a id=\"neu\"></a>\n\n<a href=\"#alt\">Alt</a> <a href=\"#neu\">Neu</a> <a href=\"#top\">Nach oben</a> <a href=\"#\">Anfang</a> <a href=\"../lernen-vor-ort/#top\">Andere Seite oben</a>\n",
    );
    let site = site_with(&[(path, &text)]);
    check(&site, &["--strict"], 0);
}

#[test]
fn srcset_addresses_may_hold_commas_and_data_is_no_link() {
    let (path, text) = page(
        "<img src=\"/css/test.css\" srcset=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4= 1x, /css/test.css?a=1,2 2x,/css/test.css 3x\" alt=\"Bild\">\n",
    );
    let site = site_with(&[(path, &text)]);
    check(&site, &["--strict"], 0);
    let (path, text) =
        page("<img src=\"/css/test.css\" srcset=\"/fehlt,1.png 1x\" alt=\"Bild\">\n");
    let site = site_with(&[(path, &text)]);
    let report = json(&site);
    assert_eq!(places(&report, "link-broken").len(), 1, "{report}");
    assert!(report.to_string().contains("/fehlt,1.png"), "{report}");
}

#[test]
fn the_accessible_name_of_a_child_names_the_link_or_button() {
    let (path, text) = page(concat!(
        "<a href=\"/projekte/\"><svg role=\"img\" aria-label=\"Zu den Projekten\"><circle r=\"2\"/></svg></a>\n\n",
        "<a href=\"/projekte/\"><svg role=\"img\"><title>Projekte</title><circle r=\"2\"/></svg></a>\n\n",
        "<button><span class=\"icon\" aria-label=\"Menü\"></span></button>\n\n",
        "<a href=\"/projekte/\"><img src=\"/css/test.css\" alt=\"Projekte\"></a>\n",
    ));
    let site = site_with(&[(path, &text)]);
    check(&site, &["--strict"], 0);
    let (path, text) =
        page("<a href=\"/projekte/\"><svg aria-hidden=\"true\" aria-label=\"x\"></svg></a>\n");
    let site = site_with(&[(path, &text)]);
    assert_eq!(places(&json(&site), "link-empty").len(), 1);
}

#[test]
fn an_svg_title_is_not_the_page_title() {
    let site = Site::fixture("check-clean");
    let base = std::fs::read_to_string(site.path().join("themes/test/templates/base.html"))
        .expect("base.html");
    site.write(
        "themes/test/templates/base.html",
        &base.replace(
            "<body>",
            "<body><svg role=\"img\" aria-labelledby=\"logo\"><title id=\"logo\">Logo</title></svg>",
        ),
    );
    check(&site, &["--strict"], 0);
}

#[test]
fn findings_in_markdown_are_at_their_own_line_never_in_the_front_matter() {
    let (path, text) = page(concat!(
        "## Überblick\n\n#### Prüfung\n\n",
        "[hier](@/projekte/_index.md) und\n\n",
        "[hier](@/projekte/lernen-vor-ort.md) und\n\n",
        "[hier](@/projekte/knotenpunkte.md)\n",
    ));
    let site = site_with(&[(path, &text)]);
    let report = json(&site);
    let at = |lines: &[u64]| {
        lines
            .iter()
            .map(|l| (PAGE.to_string(), Some(*l)))
            .collect::<Vec<_>>()
    };
    // Lines: 1 ---, 2 title: Prüfung, 3 description, 4 ---, 5 ##, 6, 7 ####.
    assert_eq!(places(&report, "heading-skip"), at(&[7]), "{report}");
    assert_eq!(places(&report, "link-text"), at(&[9, 11, 13]), "{report}");
}

#[test]
fn a_template_element_is_not_blamed_on_an_equal_markdown_tag() {
    let site = Site::fixture("check-clean");
    let base = std::fs::read_to_string(site.path().join("themes/test/templates/base.html"))
        .expect("base.html");
    site.write(
        "themes/test/templates/base.html",
        &base.replace("</main>", "</main>\n<table><tr><td>x</td></tr></table>"),
    );
    let (path, text) = page("<table><tr><td>Kopf</td></tr></table>\n\nText.\n");
    site.write(path, &text);
    let report = json(&site);
    let found = places(&report, "table-headers");
    assert!(found.contains(&(PAGE.into(), Some(5))), "{report}");
    assert!(
        found.contains(&("themes/test/templates/base.html".into(), Some(10))),
        "{report}"
    );
}

#[test]
fn gitlab_fingerprints_are_unique() {
    let (path, text) = page(
        "<img src=\"/css/test.css\" class=\"a\">\n\nText.\n\n<img src=\"/css/test.css\" class=\"b\">\n",
    );
    let site = site_with(&[(path, &text)]);
    let run = site.run_lang("en", &["check", "--format", "gitlab"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let mut fingerprints: Vec<&str> = report
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["fingerprint"].as_str().expect("fingerprint"))
        .collect();
    let n = fingerprints.len();
    assert_eq!(n, 2, "{report}");
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), n, "{report}");
}

#[test]
fn the_h1_count_is_reported_at_a_line_of_the_content_file() {
    let two = "---\ntitle: Zwei\ndescription: Zwei h1\n---\nText.\n\n# Noch eine\n";
    let site = site_with(&[("content/zwei.md", two)]);
    let base = std::fs::read_to_string(site.path().join("templates/page.html"));
    assert!(base.is_err(), "the fixture has no page template of its own");
    let report = json(&site);
    assert_eq!(
        places(&report, "h1-count"),
        [("content/zwei.md".to_string(), Some(7))],
        "{report}"
    );
    assert!(
        report
            .to_string()
            .contains("the page `content/zwei.md` has 2"),
        "{report}"
    );
    let site = site_with(&[(
        "themes/test/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.content | safe }}{% endblock content %}\n",
    )]);
    let (path, text) = page("Text.\n");
    site.write(path, &text);
    let report = json(&site);
    assert!(
        places(&report, "h1-count").contains(&(PAGE.to_string(), Some(2))),
        "{report}"
    );
}

#[test]
fn content_from_other_hosts_is_an_error_links_to_them_are_fine() {
    let (path, text) = page(concat!(
        "[Andere Website](https://www.example.com/) und <https://kbm.example.org/projekte/>\n\n",
        "<iframe src=\"https://www.youtube.com/embed/x\" title=\"Video\"></iframe>\n\n",
        "<img src=\"https://cdn.example.net/bild.png\" alt=\"Bild\">\n\n",
        "<script src=\"//cdn.example.net/a.js\"></script>\n\n",
        "<video src=\"https://media.example.net/v.mp4\"></video>\n\n",
        "<img src=\"https://static.kbm.example.org/logo.png\" alt=\"Logo\">\n",
    ));
    let site = site_with(&[(path, &text)]);
    let report = json(&site);
    let at = |l: u64| (PAGE.to_string(), Some(l));
    assert_eq!(
        places(&report, "third-party"),
        [at(7), at(9), at(11), at(13)],
        "{report}"
    );
    let base = std::fs::read_to_string(site.path().join("themes/test/templates/base.html"))
        .expect("base.html");
    site.write(
        "themes/test/templates/base.html",
        &base.replace(
            "</head>",
            "<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css?family=Roboto\"><link rel=\"canonical\" href=\"https://www.example.com/\"></head>",
        ),
    );
    site.write(
        path,
        "---\ntitle: Prüfung\ndescription: Eine Seite zum Prüfen\n---\nText.\n",
    );
    let run = check(&site, &[], 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn an_empty_alt_from_markdown_is_a_warning_a_template_one_is_not() {
    let site = Site::fixture("check-clean");
    let base = std::fs::read_to_string(site.path().join("themes/test/templates/base.html"))
        .expect("base.html");
    site.write(
        "themes/test/templates/base.html",
        &base.replace(
            "<main>",
            "<main><img src=\"{{ url(path='css/test.css') }}\" alt=\"\">",
        ),
    );
    let (path, text) = page("Text.\n\n![](/css/test.css)\n\n![Beschreibung](/css/test.css)\n");
    site.write(path, &text);
    let run = check(&site, &[], 0);
    insta::assert_snapshot!(run.stdout);
    check(&site, &["--strict"], 1);
}

/// In CI the annotations name files from the top of the checkout, also when the site
/// is a subfolder of it.
#[test]
fn annotations_name_files_from_the_top_of_the_ci_checkout() {
    let (path, text) = page("<p><a href=\"/fehlt/\">Fehlende Seite</a></p>\n");
    let site = site_with(&[(path, &text)]);
    let root = site.path().canonicalize().expect("site exists");
    let workspace = root.parent().expect("the temp dir has a parent");
    let folder = root
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .into_owned();
    for (var, format) in [("GITHUB_WORKSPACE", "github"), ("CI_PROJECT_DIR", "gitlab")] {
        let out = assert_cmd::Command::cargo_bin("lernort")
            .expect("binary built")
            .env("LERNORT_MESSAGES", "en")
            .env_remove("GITHUB_WORKSPACE")
            .env_remove("CI_PROJECT_DIR")
            .env(var, workspace)
            .args([
                "--root",
                root.to_str().expect("UTF-8"),
                "check",
                "--format",
                format,
            ])
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let expected = format!("{folder}/content/projekte/pruefung.md");
        assert!(stdout.contains(&expected), "{var}: {stdout}");
    }
}

/// Drafts are checked only with `--drafts`, as they are built only with it.
#[test]
fn drafts_are_checked_only_when_asked() {
    let site = site_with(&[(
        "content/projekte/entwurf.md",
        "---\ntitle: Entwurf\ndescription: Noch nicht fertig\ndraft: true\n---\n<a href=\"/fehlt/\">Fehlende Seite</a>\n",
    )]);
    check(&site, &[], 0);
    let run = check(&site, &["--drafts"], 1);
    assert!(
        run.stdout.contains("--> content/projekte/entwurf.md:6:"),
        "{}",
        run.stdout
    );
}
