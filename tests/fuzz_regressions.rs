//! The inputs of the fuzzing findings (`fuzz/README.md`, `fuzz/artifacts-found/`), each
//! run through the entry point of the fuzz target that found it and checked for the
//! correct behaviour, then through the CLI for the message a user sees (snapshots).
//! Also the small fixes of the same round: a theme that is a path, a file name without
//! a URL segment.

mod common;
// Only `parse` is used here.
#[allow(dead_code)]
#[path = "../fuzz/src/archive.rs"]
mod archive;
#[path = "properties/invariants.rs"]
mod invariants;
#[path = "properties/resolver.rs"]
mod resolver;

use std::collections::HashSet;
use std::path::Path;

use common::Site;
use lernort::build::render_into;
use lernort::config::{Config, Overrides};
use lernort::content::front_matter::{parse_page, parse_section, split};
use lernort::error::{Diagnostic, Error};
use lernort::markdown::{Input, render};

use invariants::{MemorySink, diagnostic_in_text, error_in_site, position_inside};

const F1_FRONT_MATTER: &str =
    include_str!("../fuzz/artifacts-found/front_matter-lone-cr-shifts-error-line");
const F1_SITE_YAML: &str =
    include_str!("../fuzz/artifacts-found/site_yaml-lone-cr-shifts-error-line");
const F2_TEMPLATE: &str =
    include_str!("../fuzz/artifacts-found/templates-eof-error-past-last-line");
const F3_MARKDOWN: &str =
    include_str!("../fuzz/artifacts-found/markdown-footnote-defined-twice-repeats-id");
const F4_SITE: &str = include_str!("../fuzz/artifacts-found/site-template-errors-in-random-order");
const F6_SITE_YAML: &str =
    include_str!("../fuzz/artifacts-found/site_yaml-base-url-with-one-slash-is-kept");
const F8_SITE_YAML: &str =
    include_str!("../fuzz/artifacts-found/site_yaml-empty-key-at-the-end-is-past-the-last-line");
const F7_FRONT_MATTER: &str =
    include_str!("../fuzz/artifacts-found/front_matter-unicode-separator-shifts-error-line");

/// The diagnostics of a content error; any other result fails the test.
#[track_caller]
fn diagnostics(result: Result<impl std::fmt::Debug, Error>) -> Vec<Diagnostic> {
    match result {
        Err(Error::Content(ds)) => ds,
        other => panic!("expected content errors, got {other:?}"),
    }
}

/// Loads and builds the site in `root` into memory, as the `site`, `site_yaml` and
/// `templates` fuzz targets do.
fn build_in_memory(root: &Path) -> Result<(), Error> {
    let config = Config::load(root, &Overrides::default())?;
    render_into(config, &MemorySink::default(), None).map(|_| ())
}

// ---------------------------------------------------------------------------------
// F1: a lone carriage return
// ---------------------------------------------------------------------------------

/// The `front_matter` target's input: the error is on the line of the `\r` (2), in
/// the file's own line numbering, not on serde_yaml's line 5.
#[test]
fn f1_a_lone_carriage_return_in_front_matter_is_named_at_its_line() {
    let parts = split(F1_FRONT_MATTER).expect("the front matter is closed");
    assert_eq!((parts.front_matter_line, parts.body_line), (2, 7));
    let yaml = parts.front_matter.expect("has front matter");
    for e in [
        parse_page(yaml, parts.front_matter_line, &["tags".to_string()]).unwrap_err(),
        parse_section(yaml, parts.front_matter_line).unwrap_err(),
    ] {
        assert_eq!((e.line, e.column), (Some(2), Some(9)), "{e:?}");
        assert!(e.message.to_string().contains("carriage return"), "{e:?}");
        position_inside(F1_FRONT_MATTER, 2, e.column).expect("inside the file");
    }
}

/// The long run's input: a paragraph separator (U+2029) on line 5, which libyaml reads
/// as a line break, so its error landed on a later line at a column past its end.
#[test]
fn f7_a_unicode_line_separator_in_front_matter_is_named_at_its_line() {
    let parts = split(F7_FRONT_MATTER).expect("the front matter is closed");
    let yaml = parts.front_matter.expect("has front matter");
    for e in [
        parse_page(yaml, parts.front_matter_line, &["tags".to_string()]).unwrap_err(),
        parse_section(yaml, parts.front_matter_line).unwrap_err(),
    ] {
        assert_eq!((e.line, e.column), (Some(5), Some(10)), "{e:?}");
        assert!(
            e.message
                .to_string()
                .contains("line or paragraph separator"),
            "{e:?}"
        );
        position_inside(F7_FRONT_MATTER, 5, e.column).expect("inside the file");
    }
    let site = Site::fixture("basic");
    site.write(
        "content/projekte/absatz.md",
        "---\ntitle: Aus dem PDF\u{2028}kopiert\n---\nText\n",
    );
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn f1_a_lone_carriage_return_in_a_content_file_is_reported() {
    let site = Site::fixture("basic");
    site.write("content/projekte/cr.md", F1_FRONT_MATTER);
    let stderr = site.build_fails(&[]);
    assert!(
        !stderr.contains('\r'),
        "no carriage return is printed: {stderr:?}"
    );
    insta::assert_snapshot!(stderr);
}

/// The `site_yaml` target's input: reported at `site.yaml:1:9`, the first `\r`.
#[test]
fn f1_a_lone_carriage_return_in_site_yaml_is_named_at_its_line() {
    let site = Site::fixture("basic");
    site.write("site.yaml", F1_SITE_YAML);
    let root = site.path().canonicalize().expect("site exists");
    let ds = diagnostics(Config::load(&root, &Overrides::default()));
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!(
        (ds[0].path.as_path(), ds[0].line, ds[0].column),
        (Path::new("site.yaml"), Some(1), Some(9))
    );
    error_in_site(&Error::Content(ds), &root).expect("inside site.yaml");
    insta::assert_snapshot!(site.build_fails(&[]));
}

/// The `site_yaml` long run's input: two empty keys (`?`), the second at the end of the
/// file, which saphyr places on the line after the last one.
#[test]
fn f8_a_key_twice_at_the_end_of_site_yaml_is_placed_inside_the_file() {
    let site = Site::fixture("basic");
    site.write("site.yaml", F8_SITE_YAML);
    let root = site.path().canonicalize().expect("site exists");
    let ds = diagnostics(Config::load(&root, &Overrides::default()));
    assert!(
        ds[0].message.to_string().contains("appears twice"),
        "{ds:?}"
    );
    error_in_site(&Error::Content(ds), &root).expect("inside site.yaml");
    insta::assert_snapshot!(site.build_fails(&[]));
}

/// The `site` long run's find (`fuzz/artifacts-found/site-extra-key-tera-cannot-take-panics`,
/// not UTF-8 as a whole, so reproduced here by its class): a map key in `extra` that Tera
/// cannot take (a float, an empty `~`, a list) made Tera panic (exit 101) while building
/// the template values.
#[test]
fn f9_extra_keys_of_any_kind_render_instead_of_panicking() {
    let site = Site::fixture("basic");
    site.write(
        "content/projekte/schluessel.md",
        "---\ntitle: Schlüssel\nextra:\n  1.5: Komma\n  ~: leer\n  liste:\n    - {? [a]: b}\n---\nText\n",
    );
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// Templates are text files too: the same rule, the same message.
#[test]
fn f1_a_lone_carriage_return_in_a_template_is_reported() {
    let site = Site::fixture("basic");
    site.write("templates/page.html", "<p>\r{{ page.title }}</p>\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: the file has a carriage return")
            && first_place(&stderr) == "templates/page.html:1:4",
        "{stderr}"
    );
}

/// Windows line endings stay valid everywhere, and errors after them keep their lines.
#[test]
fn f1_windows_line_endings_are_still_read() {
    let site = Site::fixture("basic");
    site.write(
        "content/projekte/crlf.md",
        "---\r\ntitle: T\r\nweight: x: y\r\n---\r\nText.\r\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        first_place(&stderr).starts_with("content/projekte/crlf.md:3:"),
        "the error is on line 3: {stderr}"
    );
}

// ---------------------------------------------------------------------------------
// F2: the end of a template
// ---------------------------------------------------------------------------------

/// The `templates` target's input: the open block is named at its own line 1, with
/// the source line and a hint, instead of line 2 of a one-line file.
#[test]
fn f2_a_block_left_open_is_named_at_its_line() {
    let site = Site::fixture("basic");
    site.write("templates/page.html", F2_TEMPLATE);
    let root = site.path().canonicalize().expect("site exists");
    let ds = diagnostics(build_in_memory(&root));
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!(ds[0].line, Some(1));
    assert!(ds[0].source_line.is_some(), "the line is shown: {}", ds[0]);
    assert!(
        ds[0].message.to_string().contains("`{% block content %}`"),
        "{}",
        ds[0]
    );
    assert!(
        ds[0]
            .hint
            .as_ref()
            .is_some_and(|h| h.to_string().contains("{% endblock %}")),
        "{}",
        ds[0]
    );
    error_in_site(&Error::Content(ds), &root).expect("inside the template");
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn f2_nested_open_blocks_are_named_innermost_first() {
    let site = Site::fixture("basic");
    site.write(
        "templates/page.html",
        "{% block content %}\n<ul>\n{% for p in section.pages %}\n<li>{% if p.title %}{{ p.title }}{% endif %}</li>\n",
    );
    insta::assert_snapshot!(site.build_fails(&[]));
}

/// A file that ends inside a tag keeps Tera's message, on the last line.
#[test]
fn f2_a_file_ending_inside_a_tag_is_reported_on_its_last_line() {
    let site = Site::fixture("basic");
    site.write("templates/page.html", "{% block content %}\n{{ page.title");
    let stderr = site.build_fails(&[]);
    assert!(
        first_place(&stderr).starts_with("templates/page.html:2:"),
        "{stderr}"
    );
    site.write("templates/page.html", "<p>\n{{ page.title\n");
    let root = site.path().canonicalize().expect("site exists");
    error_in_site(&build_in_memory(&root).unwrap_err(), &root).expect("inside the file");
}

// ---------------------------------------------------------------------------------
// F3: a footnote defined twice
// ---------------------------------------------------------------------------------

/// The `markdown` target's input (after its two flag bytes): one problem at the second
/// definition (line 5) naming the first (line 3), and no id twice in the HTML.
#[test]
fn f3_a_footnote_defined_twice_is_an_error_and_keeps_ids_unique() {
    let text = &F3_MARKDOWN[2..];
    let display = Path::new("content/projekte/seite.md");
    let input = Input {
        text,
        body_start: 0,
        rel: "projekte/seite.md",
        display,
        locale: lernort::locale::Locale::German,
        count_words: true,
    };
    let out = render(&input, &resolver::Table { base_path: "" });
    assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
    let d = &out.problems[0];
    assert_eq!((d.line, d.column), (Some(5), Some(1)));
    assert_eq!(
        d.message.to_string(),
        "the footnote `[^a]` is defined twice"
    );
    assert!(
        d.hint
            .as_ref()
            .is_some_and(|h| h.to_string().contains("line 3")),
        "{d}"
    );
    diagnostic_in_text(d, display, text).expect("inside the file");
    let mut seen = HashSet::new();
    for id in out
        .html
        .split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
    {
        assert!(seen.insert(id), "the id {id:?} repeats in:\n{}", out.html);
    }
}

#[test]
fn f3_a_footnote_defined_twice_fails_the_build() {
    let site = Site::fixture("basic");
    site.write(
        "content/projekte/fussnoten.md",
        &format!("---\ntitle: Fußnoten\n---\n{}", &F3_MARKDOWN[2..]),
    );
    insta::assert_snapshot!(site.build_fails(&[]));
}

// ---------------------------------------------------------------------------------
// F4: the order of a report
// ---------------------------------------------------------------------------------

/// The `site` target's input: three broken templates, reported in path order, the
/// same in every build (the order used to change with the hash map's seed).
#[test]
fn f4_template_errors_come_in_path_order_every_time() {
    let site = Site::empty();
    let mut files = archive::parse(F4_SITE);
    files.push((
        "site.yaml".into(),
        "title: T\nbase_url: https://example.org\n".into(),
    ));
    for (path, text) in &files {
        site.write(path, text);
    }
    let root = site.path().canonicalize().expect("site exists");
    let first = diagnostics(build_in_memory(&root));
    let paths: Vec<&Path> = first.iter().map(|d| d.path.as_path()).collect();
    assert_eq!(
        paths,
        ["templates/a.html", "templates/b.html", "templates/c.html"].map(Path::new)
    );
    for _ in 0..5 {
        assert_eq!(diagnostics(build_in_memory(&root)), first);
    }
    let stderr = site.build_fails(&[]);
    for _ in 0..3 {
        assert_eq!(site.build_fails(&[]), stderr, "the CLI report is stable");
    }
    insta::assert_snapshot!(stderr);
}

// ---------------------------------------------------------------------------------
// F6: a base URL the URL parser repairs
// ---------------------------------------------------------------------------------

/// The `site_yaml` target's input (minimised): `https:/host` parses, but was kept as
/// written and every absolute link started with it. Now an error at its line.
#[test]
fn f6_a_base_url_in_an_unusual_form_is_refused() {
    let site = Site::fixture("basic");
    let mut reports = Vec::new();
    for text in [
        F6_SITE_YAML.to_string(),
        "title: T\nbase_url: https:kbm.example.org\n".into(),
        "title: T\nbase_url: https:\\\\kbm.example.org\n".into(),
    ] {
        site.write("site.yaml", &text);
        let root = site.path().canonicalize().expect("site exists");
        let ds = diagnostics(Config::load(&root, &Overrides::default()));
        assert_eq!((ds.len(), ds[0].line), (1, Some(2)), "{ds:?}");
        assert!(
            ds[0]
                .message
                .to_string()
                .contains("is not written in normal form"),
            "{ds:?}"
        );
        reports.push(site.build_fails(&[]));
    }
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://kbm.example.org/\n",
    );
    let root = site.path().canonicalize().expect("site exists");
    let config = Config::load(&root, &Overrides::default()).expect("the usual form loads");
    assert_eq!(config.base_url, "https://kbm.example.org");
    // Only spelled differently: accepted, and stored in normal form for every link.
    site.write("site.yaml", "title: T\nbase_url: HTTPS://KBM.example.org\n");
    let config = Config::load(&root, &Overrides::default()).expect("upper case loads");
    assert_eq!(config.base_url, "https://kbm.example.org");
    insta::assert_snapshot!(reports.join("\n"));
}

// ---------------------------------------------------------------------------------
// Small fixes of the same round
// ---------------------------------------------------------------------------------

/// `theme:` names a folder under `themes/`; a path is refused at its line, before any
/// template or asset is read from where it points.
#[test]
fn a_theme_that_is_a_path_is_refused() {
    let site = Site::fixture("basic");
    let outside = tempfile::tempdir().expect("temp dir");
    let elsewhere = outside.path().join("anderswo");
    common::copy_tree(&site.path().join("themes/test"), &elsewhere);
    let base = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    let mut reports = Vec::new();
    for theme in [
        elsewhere.display().to_string(),
        "../test".into(),
        "..".into(),
        "test/".into(),
        "test\\\\x".into(),
        "\"\"".into(),
    ] {
        site.write(
            "site.yaml",
            &base.replace("theme: test", &format!("theme: {theme}")),
        );
        let stderr = site.build_fails(&[]);
        assert_eq!(first_place(&stderr), "site.yaml:5:1", "{stderr}");
        assert!(
            stderr.contains("here: test"),
            "the hint lists the themes: {stderr}"
        );
        reports.push(stderr.replace(&elsewhere.display().to_string(), "[OUTSIDE]"));
    }
    insta::assert_snapshot!(reports.join("\n"));
}

/// A page whose file name has no letters or digits is named by its file, without a
/// line: the name is the problem, and `title:` has nothing to do with it.
#[test]
fn a_name_without_a_url_segment_names_the_file() {
    let site = Site::fixture("basic");
    site.write("content/🎉.md", "---\ntitle: Fest\n---\n");
    site.write("content/🎈/index.md", "---\ntitle: Ballon\n---\n");
    site.write("content/€/_index.md", "---\ntitle: Euro\n---\n");
    site.write("content/€/seite.md", "---\ntitle: Seite\n---\n");
    site.write(
        "content/projekte/leer.md",
        "---\ntitle: Leer\nslug: \"…\"\n---\n",
    );
    insta::assert_snapshot!(site.build_fails(&[]));
}

/// Where the first problem of a report is: the `file:line:column` after the first `-->`.
fn first_place(stderr: &str) -> &str {
    stderr
        .split_once("--> ")
        .and_then(|(_, rest)| rest.lines().next())
        .unwrap_or("")
}
