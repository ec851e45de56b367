//! Inputs that used to crash lernort or give wrong output (issue 8, "Panics and wrong
//! output"): template comments that mention an include, circles of templates and
//! components, sites without templates, slugs of non-German letters, unreadable or
//! non-UTF-8 entries in the template and asset folders, and `init --root`.
//!
//! Each failing case checks the exact message (an insta snapshot), exit code 1 and
//! that the previous `public/` is untouched (`Site::build_fails`, which also fails on
//! a panic); no case may exit with 101.

mod common;

use std::path::Path;

use common::Site;
use common::preview::Preview;

/// Runs `lernort <args>` in `cwd` and returns (exit code, stdout, stderr).
fn lernort_in(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("lernort")
        .expect("binary built")
        .env("LERNORT_MESSAGES", "en")
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// ---------------------------------------------------------------------------------
// Template dependencies and circles
// ---------------------------------------------------------------------------------

/// `{# {% include "partials/gibtsnicht.html" %} #}` atop `page.html` is a comment: the
/// build succeeds (it used to panic with exit 101) and the real include still works.
#[test]
fn an_include_inside_a_template_comment_is_not_a_dependency() {
    let site = Site::fixture("rb-comment-include");
    let run = site.build_ok(&[]);
    assert_eq!(run.stderr, "");
    let page = site.output("aktuelles/erste-meldung/index.html");
    assert!(page.contains("<p class=\"hinweis\">Hinweis</p>"), "{page}");
}

/// The same comment atop `page.html` of a site made by `lernort init`.
#[test]
fn an_init_site_with_an_include_in_a_comment_builds() {
    let site = Site::empty();
    let dir = site.path().join("neu");
    let (code, _, stderr) = lernort_in(site.path(), &["init", "neu"]);
    assert_eq!(code, 0, "{stderr}");
    let page = dir.join("themes/einfach/templates/page.html");
    let text = std::fs::read_to_string(&page).expect("init wrote page.html");
    std::fs::write(
        &page,
        format!("{{# {{% include \"partials/gibtsnicht.html\" %}} #}}\n{text}"),
    )
    .expect("write page.html");
    let (code, _, stderr) = lernort_in(&dir, &["build"]);
    assert_eq!(code, 0, "{stderr}");
}

/// A real include of a missing template is an error with file and line, not a panic.
#[test]
fn an_include_of_a_missing_template_outside_a_comment_is_an_error() {
    let site = Site::fixture("rb-comment-include");
    let page = std::fs::read_to_string(site.path().join("templates/page.html")).expect("read");
    site.write(
        "templates/page.html",
        &page.replace("partials/hinweis.html", "partials/gibtsnicht.html"),
    );
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_extends_circle_names_both_templates_and_the_extends_lines() {
    let stderr = Site::fixture("rb-extends-cycle").build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_include_circle_names_both_templates_and_the_include_lines() {
    let stderr = Site::fixture("rb-include-cycle").build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_component_recursion_names_the_file_and_line_of_the_calls() {
    let stderr = Site::fixture("rb-component-cycle").build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

/// The preview still knows which pages use a template: after an edit of the partial
/// that `page.html` includes (next to the comment), only that page is rendered again.
#[test]
fn the_preview_re_renders_only_the_page_whose_included_partial_changed() {
    let p = Preview::start("rb-comment-include");
    let lines_before = p.server.stdout().len();
    p.sandbox.write(
        "templates/partials/hinweis.html",
        "<p class=\"hinweis\">Neu</p>\n",
    );
    p.wait_for_page("the changed partial", "/aktuelles/erste-meldung/", |r| {
        r.text().contains("<p class=\"hinweis\">Neu</p>")
    });
    let find = || {
        p.server
            .stdout()
            .into_iter()
            .skip(lines_before)
            .find(|l| l.contains("hinweis.html") && l.contains("re-rendered"))
    };
    p.server.wait_for("the rebuild line", || find().is_some());
    let line = find().unwrap_or_default();
    assert!(line.contains(": 1 page re-rendered"), "{line}");
}

// ---------------------------------------------------------------------------------
// Missing templates: one error for the site, not one per page
// ---------------------------------------------------------------------------------

/// Writes `n` more pages into `aktuelles/`.
fn add_pages(site: &Site, n: usize) {
    for i in 0..n {
        site.write(
            &format!("content/aktuelles/meldung-{i}.md"),
            &format!("---\ntitle: Meldung {i}\n---\nText.\n"),
        );
    }
}

#[test]
fn a_site_without_theme_and_templates_gets_one_error() {
    let site = Site::fixture("rb-no-theme");
    add_pages(&site, 40);
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_theme_without_page_html_gets_one_error_for_all_pages() {
    let site = Site::fixture("rb-slugs");
    add_pages(&site, 40);
    std::fs::remove_file(site.path().join("themes/test/templates/page.html")).expect("remove");
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

/// A page that names a missing template itself still gets its own error, at its line.
#[test]
fn a_missing_template_chosen_in_front_matter_is_reported_at_that_page() {
    let site = Site::fixture("rb-slugs");
    site.write(
        "content/aktuelles/besonders.md",
        "---\ntitle: Besonders\ntemplate: besonders.html\n---\n",
    );
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

// ---------------------------------------------------------------------------------
// Slugs
// ---------------------------------------------------------------------------------

#[test]
fn accented_file_names_give_the_same_url_composed_or_decomposed() {
    for name in ["Café Zeit.md", "Cafe\u{301} Zeit.md"] {
        let site = Site::fixture("rb-slugs");
        site.write(
            &format!("content/aktuelles/{name}"),
            "---\ntitle: Café\n---\n",
        );
        site.build_ok(&[]);
        assert!(
            site.has_output("aktuelles/cafe-zeit/index.html"),
            "{name:?}: {:?}",
            site.tree("public").keys().collect::<Vec<_>>()
        );
    }
}

#[test]
fn german_letters_keep_their_german_transliteration_and_cjk_is_romanised() {
    let site = Site::fixture("rb-slugs");
    site.write(
        "content/aktuelles/Gro\u{1e9e}e Ü\u{308}bung.md",
        "---\ntitle: Ü\n---\n",
    );
    site.write(
        "content/aktuelles/U\u{308}ber uns.md",
        "---\ntitle: Ü\n---\n",
    );
    site.write("content/aktuelles/中文.md", "---\ntitle: Chinesisch\n---\n");
    site.build_ok(&[]);
    for url in ["grosse-uebung", "ueber-uns", "zhong-wen"] {
        assert!(
            site.has_output(&format!("aktuelles/{url}/index.html")),
            "{url}: {:?}",
            site.tree("public").keys().collect::<Vec<_>>()
        );
    }
}

/// A name of emoji only has no letters for a URL: an error, not an empty segment.
#[test]
fn a_file_name_of_emoji_only_is_an_error() {
    let site = Site::fixture("rb-slugs");
    site.write("content/aktuelles/🎉.md", "---\ntitle: Fest\n---\n");
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

/// `Café.md` and `Cafe.md` now share a URL: that is reported, not silently resolved.
#[test]
fn two_names_that_transliterate_alike_collide_visibly() {
    let site = Site::fixture("rb-slugs");
    site.write("content/aktuelles/Café.md", "---\ntitle: Café\n---\n");
    site.write("content/aktuelles/Cafe.md", "---\ntitle: Cafe\n---\n");
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

// ---------------------------------------------------------------------------------
// Template and asset walks
// ---------------------------------------------------------------------------------

/// Creates a file whose name is not UTF-8 (`<dir>/kaputt\xff<ext>`).
#[cfg(unix)]
fn non_utf8_file(dir: &Path, ext: &str) {
    use std::os::unix::ffi::OsStrExt;
    let mut name = b"kaputt\xff".to_vec();
    name.extend_from_slice(ext.as_bytes());
    std::fs::create_dir_all(dir).expect("create dir");
    std::fs::write(dir.join(std::ffi::OsStr::from_bytes(&name)), "x").expect("write");
}

/// Non-UTF-8 names, a dangling symbolic link and a link loop in the site's and the
/// theme's templates and assets are reported like the content walk reports them.
#[cfg(unix)]
#[test]
fn unlistable_template_and_asset_entries_are_reported() {
    use std::os::unix::fs::symlink;
    let site = Site::fixture("rb-walks");
    let root = site.path();
    non_utf8_file(&root.join("assets/css"), ".css");
    non_utf8_file(&root.join("themes/test/assets"), ".js");
    non_utf8_file(&root.join("templates"), ".html");
    non_utf8_file(&root.join("themes/test/templates/partials"), ".html");
    symlink("gibtsnicht.css", root.join("assets/css/weg.css")).expect("symlink");
    symlink("../templates", root.join("templates/schleife")).expect("symlink");
    // A link to itself: the operating system reports a loop.
    symlink(
        "selbst.html",
        root.join("themes/test/templates/selbst.html"),
    )
    .expect("symlink");
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

/// The content walk reports a dangling link the same way.
#[cfg(unix)]
#[test]
fn a_dangling_link_in_content_is_reported_the_same_way() {
    let site = Site::fixture("rb-walks");
    std::os::unix::fs::symlink("weg.md", site.path().join("content/aktuelles/link.md"))
        .expect("symlink");
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

/// Symbolic links to real files and folders in assets and templates are followed.
#[cfg(unix)]
#[test]
fn linked_assets_and_templates_are_used() {
    use std::os::unix::fs::symlink;
    let site = Site::fixture("rb-walks");
    let root = site.path();
    symlink("site.css", root.join("assets/css/verlinkt.css")).expect("symlink");
    std::fs::create_dir_all(root.join("geteilt")).expect("dir");
    std::fs::write(root.join("geteilt/extra.txt"), "geteilt\n").expect("write");
    symlink("../geteilt", root.join("assets/geteilt")).expect("symlink");
    site.build_ok(&[]);
    assert_eq!(site.output("css/verlinkt.css"), "body{}\n");
    assert_eq!(site.output("geteilt/extra.txt"), "geteilt\n");
}

// ---------------------------------------------------------------------------------
// `lernort init` and `--root`
// ---------------------------------------------------------------------------------

#[test]
fn init_without_dir_creates_the_site_in_the_root_folder() {
    let site = Site::empty();
    let (code, stdout, stderr) = lernort_in(site.path(), &["--root", "sites", "init"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "Created a new site in sites.\nNext: cd sites && lernort build\n"
    );
    let (code, _, stderr) = lernort_in(&site.path().join("sites"), &["build"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn init_with_root_and_dir_creates_dir_inside_root() {
    let site = Site::empty();
    let (code, stdout, stderr) = lernort_in(site.path(), &["--root", "sites", "init", "blog"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "Created a new site in sites/blog.\nNext: cd sites/blog && lernort build\n"
    );
    assert!(site.path().join("sites/blog/site.yaml").is_file());
    let (code, _, stderr) = lernort_in(site.path(), &["--root", "sites/blog", "build"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn init_says_what_it_did_in_german_when_asked() {
    let site = Site::empty();
    let (code, stdout, stderr) = lernort_in(site.path(), &["--messages", "de", "init", "neu"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "Neue Website in neu angelegt.\nAls Nächstes: cd neu && lernort build\n"
    );
    let (code, stdout, _) = lernort_in(&site.path().join("neu"), &["--messages", "de", "init"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
}

#[test]
fn init_without_anything_uses_the_current_folder() {
    let site = Site::empty();
    let (code, stdout, stderr) = lernort_in(site.path(), &["init"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "Created a new site in the current folder.\nNext: lernort build\n"
    );
    assert!(site.path().join("site.yaml").is_file());
    // A second `init` finds the folder full: a usage error, nothing overwritten.
    let before = std::fs::read(site.path().join("site.yaml")).expect("read");
    let (code, _, stderr) = lernort_in(site.path(), &["init"]);
    assert_eq!(code, 2, "{stderr}");
    let (de_code, _, de) = lernort_in(site.path(), &["--messages", "de", "init"]);
    assert_eq!(de_code, 2, "{de}");
    insta::assert_snapshot!(format!("{de}[en]\n{stderr}"));
    assert_eq!(
        std::fs::read(site.path().join("site.yaml")).expect("read"),
        before
    );
}

#[test]
fn init_help_explains_root() {
    let (code, stdout, _) = lernort_in(Path::new("."), &["init", "--help"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(stdout);
}

/// `lernort serve` in a folder that is no site stops at once, as `build` does, instead
/// of serving a page that can only ever show this error.
#[test]
fn serve_outside_a_site_stops_with_a_usage_error() {
    let site = Site::empty();
    let out = assert_cmd::Command::cargo_bin("lernort")
        .expect("binary built")
        .env("LERNORT_MESSAGES", "en")
        .args([
            "--root",
            site.path().to_str().expect("UTF-8"),
            "serve",
            "--port",
            "0",
        ])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no site.yaml in"), "{stderr}");
}
