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
    5 Seiten geprüft: keine Fehler, keine Warnungen
    [en]
    5 pages checked: no errors, no warnings
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
