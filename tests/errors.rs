//! What a user sees when a site is broken: one test per mistake, each snapshotting the
//! exact message. The snapshots are the specification of lernort's error messages: the
//! right file, the line counted from the top of the file, the column where known, the
//! problem in plain words and a hint.
//!
//! Content, config and template mistakes exit with code 1 and leave the previous
//! `public/` untouched (`Site::build_fails` checks both). Wrong invocations exit with 2.
//!
//! Tests named `bug_…` describe the correct behaviour of a case lernort gets wrong today;
//! they fail until `src/` is fixed, and get their snapshot once they pass.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Run, Site, assert_error_count, basic_with};

/// Asserts that `stderr` contains `needle`, showing the whole report if not.
#[track_caller]
fn assert_mentions(stderr: &str, needle: &str) {
    assert!(
        stderr.contains(needle),
        "expected `{needle}` in the report:\n{stderr}"
    );
}

// ---------------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------------

#[test]
fn front_matter_with_bad_indentation_names_file_and_line() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\n  description: Wer wir sind\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:3:");
    assert_mentions(&stderr, "invalid YAML in the front matter");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

/// The quote opened on line 2 is never closed. lernort reports line 4 (the closing
/// `---`) with "found unexpected end of stream"; serde_yaml also says "while scanning a
/// quoted scalar at line 1 column 8", which lernort cuts off. The report should point
/// at line 2, where the quote starts.
#[test]
fn front_matter_unterminated_quote_points_at_the_opening_quote() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: \"Unser Team\nweight: 3\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:2:");
    assert!(
        !stderr.contains("content/team.md:4:"),
        "line 4 is the closing `---`, not the mistake:\n{stderr}"
    );
    assert_mentions(&stderr, "quote");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn page_without_title() {
    let site = basic_with(&[(
        "content/team.md",
        "---\nweight: 3\n---\nWir sind für Sie da.\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:2:");
    assert_mentions(&stderr, "missing required key `title`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn page_without_front_matter() {
    let site = basic_with(&[("content/team.md", "# Unser Team\n\nWir sind für Sie da.\n")]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:1:");
    assert_mentions(&stderr, "start the file with front matter");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn unknown_key_in_page_front_matter_suggests_the_right_one() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitel: Unser Team\n---\nWir sind für Sie da.\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:2:1");
    assert_mentions(&stderr, "unknown key `titel`");
    assert_mentions(&stderr, "did you mean `title`?");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn unknown_key_in_section_front_matter_suggests_the_right_one() {
    let site = basic_with(&[(
        "content/projekte/_index.md",
        "---\ntitle: Projekte\nsortby: date\n---\nAlle Projekte.\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/projekte/_index.md:3:1");
    assert_mentions(&stderr, "unknown key `sortby`");
    assert_mentions(&stderr, "did you mean `sort_by`?");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn invalid_sort_by_value_in_section() {
    let site = basic_with(&[(
        "content/projekte/_index.md",
        "---\ntitle: Projekte\nsort_by: datum\n---\nAlle Projekte.\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/projekte/_index.md:3:10");
    assert_mentions(&stderr, "`sort_by: datum` is not a valid value");
    assert_mentions(&stderr, "use one of: weight, date, title");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn invalid_date_that_does_not_exist() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\ndate: 2024-13-45\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:3:1");
    assert_mentions(&stderr, "`date: 2024-13-45` is not a valid date");
    assert_mentions(&stderr, "`2024-05-31`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn invalid_date_in_german_notation() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\nweight: 3\nupdated: 31.05.2024\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:4:1");
    assert_mentions(&stderr, "`updated: 31.05.2024` is not a valid date");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn weight_that_is_not_a_number() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\nweight: eins\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:3:9");
    assert_mentions(&stderr, "`weight`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

/// `tags: {…}` is wrong on line 3, but lernort reports line 2 (the first key) and does
/// not name `tags`: the untagged `Terms` deserializer loses the position.
#[test]
fn taxonomy_terms_of_the_wrong_type_point_at_their_line() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\ntags: {Bildung: ja}\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:3:");
    assert_mentions(&stderr, "`tags`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn front_matter_never_closed() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\nweight: 3\n\nWir sind für Sie da.\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:1:1");
    assert_mentions(&stderr, "the front matter is not closed");
    assert_mentions(&stderr, "`---`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

// ---------------------------------------------------------------------------------
// site.yaml
// ---------------------------------------------------------------------------------

#[test]
fn unknown_key_in_site_yaml_suggests_the_right_one() {
    let site = basic_with(&[(
        "site.yaml",
        "title: KBM Test\nbase_url: https://kbm.example.org\nlangauge: de\ntheme: test\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "site.yaml:3:1");
    assert_mentions(&stderr, "unknown key `langauge`");
    assert_mentions(&stderr, "did you mean `language`?");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn base_url_without_scheme() {
    let site = basic_with(&[(
        "site.yaml",
        "title: KBM Test\nbase_url: kbm.example.org\ntheme: test\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "site.yaml:2:1");
    assert_mentions(&stderr, "`base_url`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

/// Same as the front matter case: lernort reports line 4 of a 3-line file (with no
/// source line to show); the quote opens on line 1.
#[test]
fn site_yaml_unterminated_quote_points_at_the_opening_quote() {
    let site = basic_with(&[(
        "site.yaml",
        "title: \"KBM Test\nbase_url: https://kbm.example.org\ntheme: test\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "site.yaml:1:");
    assert!(
        !stderr.contains("site.yaml:4:"),
        "site.yaml has only 3 lines:\n{stderr}"
    );
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

/// Content files that are not UTF-8 get a line and column; site.yaml gets none.
#[test]
fn site_yaml_not_utf8_names_the_line() {
    let site = Site::fixture("basic");
    std::fs::write(
        site.path().join("site.yaml"),
        b"title: KBM Test\ndescription: Gr\xfc\xdfe aus Trier\nbase_url: https://kbm.example.org\ntheme: test\n",
    )
    .expect("write site.yaml");
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "site.yaml:2:");
    assert_mentions(&stderr, "not valid UTF-8");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn theme_that_does_not_exist() {
    let site = basic_with(&[(
        "site.yaml",
        "title: KBM Test\nbase_url: https://kbm.example.org\ntheme: kbm-trier\ntaxonomies: [tags]\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "site.yaml:3:1");
    assert_mentions(&stderr, "the theme `kbm-trier` does not exist");
    assert_mentions(&stderr, "`themes/kbm-trier/`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

// ---------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------

#[test]
fn unknown_template_in_front_matter_suggests_the_right_one() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\ntemplate: pagee.html\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:3:1");
    assert_mentions(&stderr, "the template `pagee.html` does not exist");
    assert_mentions(&stderr, "did you mean `page.html`?");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

/// The mistake is `page_template:` on line 3 of the section's `_index.md`, but lernort
/// reports it once per page of the section, naming the pages and no line.
#[test]
fn unknown_page_template_in_section_names_the_section_file() {
    let site = basic_with(&[(
        "content/projekte/_index.md",
        "---\ntitle: Projekte\npage_template: projekt.html\n---\nAlle Projekte.\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/projekte/_index.md:3:1");
    assert_mentions(&stderr, "the template `projekt.html` does not exist");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn template_syntax_error() {
    let site = basic_with(&[(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}<p>Neu</p>{% endif %}\n{% endblock content %}\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "templates/page.html:3:7");
    assert_mentions(&stderr, "syntax error in template");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

/// Tera knows where `{% extends %}` is; lernort reports the template without a line.
#[test]
fn template_extending_a_missing_parent_names_the_line() {
    let site = basic_with(&[(
        "templates/page.html",
        "{% extends \"basis.html\" %}\n{% block content %}{{ page.title }}{% endblock content %}\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "templates/page.html:1:");
    assert_mentions(&stderr, "`basis.html`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn template_unknown_variable_names_template_line_and_content_file() {
    let site = basic_with(&[(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n{{ page.nope.deeper }}\n{% endblock content %}\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "templates/page.html:4:9");
    assert_mentions(&stderr, "`nope` is not defined");
    // The basic site has two pages; the one template error is reported once,
    // naming the first page and counting the other.
    assert_mentions(
        &stderr,
        "= note: while rendering content/projekte/knotenpunkte.md and 1 other page",
    );
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn template_unknown_filter() {
    let site = basic_with(&[(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title | shout }}</h1>\n{% endblock content %}\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "templates/page.html:3:21");
    assert_mentions(&stderr, "Unknown filter `shout`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn template_get_page_of_a_missing_file() {
    let site = basic_with(&[(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% set other = get_page(path=\"nope.md\") %}\n<a href=\"{{ other.url }}\">{{ other.title }}</a>\n{% endblock content %}\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "templates/page.html:3:16");
    assert_mentions(&stderr, "there is no page `content/nope.md`");
    // The template fails the same way for both pages: reported once, naming both.
    assert_mentions(
        &stderr,
        "= note: while rendering content/projekte/knotenpunkte.md and 1 other page",
    );
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

// ---------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------

#[test]
fn dead_link_to_a_missing_markdown_file() {
    let site = basic_with(&[(
        "content/projekte/kontakt.md",
        "---\ntitle: Kontakt\n---\nFragen? Schreiben Sie unserem [Team](../team/_index.md).\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/projekte/kontakt.md:4:31");
    assert_mentions(&stderr, "the link `Team` points to `../team/_index.md`");
    assert_mentions(&stderr, "`content/team/_index.md` does not exist");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn link_to_a_missing_heading_in_another_page() {
    let site = basic_with(&[(
        "content/projekte/kontakt.md",
        "---\ntitle: Kontakt\n---\n## Adresse\n\nSiehe die [Ergebnisse](lernen-vor-ort.md#ergebnis).\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/projekte/kontakt.md:6:11");
    assert_mentions(
        &stderr,
        "`content/projekte/lernen-vor-ort.md` has no heading with the id `ergebnis`",
    );
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn link_to_a_missing_heading_on_the_same_page() {
    let site = basic_with(&[(
        "content/projekte/kontakt.md",
        "---\ntitle: Kontakt\n---\n## Adresse\n\nZurück zur [Anschrift](#anschrift).\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/projekte/kontakt.md:6:12");
    assert_mentions(&stderr, "the link `Anschrift` points to `#anschrift`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn link_escaping_the_content_folder() {
    let site = basic_with(&[(
        "content/projekte/kontakt.md",
        "---\ntitle: Kontakt\n---\nSiehe [Passwörter](../../../etc/passwd).\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/projekte/kontakt.md:4:7");
    assert_mentions(&stderr, "which is outside the content folder");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn link_to_a_draft() {
    let site = basic_with(&[
        (
            "content/projekte/entwurf.md",
            "---\ntitle: Entwurf\ndraft: true\n---\nNoch nicht fertig.\n",
        ),
        (
            "content/projekte/kontakt.md",
            "---\ntitle: Kontakt\n---\nBald: [Neues Projekt](entwurf.md).\n",
        ),
    ]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/projekte/kontakt.md:4:7");
    assert_mentions(&stderr, "which is a draft");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

// ---------------------------------------------------------------------------------
// URLs
// ---------------------------------------------------------------------------------

#[test]
fn two_pages_with_one_url_by_slug() {
    let site = basic_with(&[
        ("content/a.md", "---\ntitle: A\nslug: b\n---\nText\n"),
        ("content/b.md", "---\ntitle: B\n---\nText\n"),
    ]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/a.md");
    assert_mentions(&stderr, "content/b.md");
    assert_mentions(&stderr, "the URL `/b/`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn page_and_page_bundle_with_one_url() {
    let site = basic_with(&[
        ("content/x.md", "---\ntitle: X\n---\nText\n"),
        (
            "content/x/index.md",
            "---\ntitle: X als Bündel\n---\nText\n",
        ),
    ]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/x.md");
    assert_mentions(&stderr, "content/x/index.md");
    assert_mentions(&stderr, "the URL `/x/`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn page_and_section_with_one_url() {
    let site = basic_with(&[("content/projekte.md", "---\ntitle: Projekte\n---\nText\n")]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/projekte.md");
    assert_mentions(&stderr, "content/projekte/_index.md");
    assert_mentions(&stderr, "the URL `/projekte/`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn alias_that_would_overwrite_the_home_page() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\naliases: [/index.html]\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md");
    assert_mentions(&stderr, "both map to the URL `/index.html`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

/// A copied file may not take the place of a generated one: not of a section page…
#[test]
fn asset_that_would_overwrite_a_generated_page() {
    let site = basic_with(&[("assets/projekte/index.html", "<p>alt</p>\n")]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "assets/projekte/index.html");
    assert_mentions(
        &stderr,
        "this file would overwrite the generated `projekte/index.html`",
    );
    assert_mentions(&stderr, "rename or move the file");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

/// …nor of an alias redirect…
#[test]
fn content_file_that_would_overwrite_an_alias_redirect() {
    let site = basic_with(&[
        (
            "content/team.md",
            "---\ntitle: Unser Team\naliases: [/projekte/alt.html]\n---\nText\n",
        ),
        ("content/projekte/alt.html", "<p>alt</p>\n"),
    ]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/projekte/alt.html");
    assert_mentions(&stderr, "would overwrite the generated `projekte/alt.html`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

/// …nor of the sitemap; and two copied files may not share one place.
#[test]
fn copied_files_that_collide_with_the_sitemap_or_each_other() {
    let site = basic_with(&[
        ("assets/sitemap.xml", "<urlset/>\n"),
        ("assets/projekte/plan.pdf", "%PDF-1.4\n"),
        ("content/projekte/plan.pdf", "%PDF-1.4\n"),
    ]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "would overwrite the generated `sitemap.xml`");
    assert_mentions(
        &stderr,
        "another file is already copied to `projekte/plan.pdf`",
    );
    assert_error_count(&stderr, 2);
    insta::assert_snapshot!(stderr);
}

#[test]
fn alias_escaping_the_site() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\naliases: [\"../../x\"]\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:3:1");
    assert_mentions(&stderr, "the alias `../../x` is not a path inside the site");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

// ---------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------

#[test]
fn content_file_that_is_not_utf8() {
    let site = Site::fixture("basic");
    std::fs::write(
        site.path().join("content/team.md"),
        b"---\ntitle: A\n---\n\xff\xfe",
    )
    .expect("write file");
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:4:1");
    assert_mentions(&stderr, "not valid UTF-8");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn content_file_in_latin1_names_line_and_column() {
    let site = Site::fixture("basic");
    std::fs::write(
        site.path().join("content/team.md"),
        b"---\ntitle: Team\n---\nHerzlich willkommen!\nViele Gr\xfc\xdfe\n",
    )
    .expect("write file");
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/team.md:5:9");
    assert_mentions(&stderr, "Latin-1");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[cfg(unix)]
#[test]
fn symbolic_link_loop_in_content() {
    let site = Site::fixture("basic");
    std::os::unix::fs::symlink("..", site.path().join("content/projekte/schleife"))
        .expect("create symlink");
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "--> content/projekte/schleife\n");
    assert_mentions(&stderr, "points back to its own ancestor folder `content/`");
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[cfg(unix)]
#[test]
fn symbolic_link_pointing_outside_the_site() {
    let site = Site::fixture("basic");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let secret = elsewhere.path().join("geheim.txt");
    std::fs::write(&secret, "nicht veröffentlichen\n").expect("write file");
    std::os::unix::fs::symlink(&secret, site.path().join("content/projekte/daten.txt"))
        .expect("create symlink");
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "--> content/projekte/daten.txt\n");
    assert_mentions(&stderr, "points outside the site folder");
    assert!(
        !stderr.contains(&elsewhere.path().display().to_string()),
        "the target's path is not needed in the report:\n{stderr}"
    );
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

// ---------------------------------------------------------------------------------
// Several problems at once
// ---------------------------------------------------------------------------------

/// The positions of `needles` in `stderr`, asserting each is present.
#[track_caller]
fn positions(stderr: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| {
            stderr
                .find(n)
                .unwrap_or_else(|| panic!("expected `{n}` in the report:\n{stderr}"))
        })
        .collect()
}

#[test]
fn several_errors_in_different_files_are_reported_together_and_sorted() {
    let site = Site::fixture("err-several");
    let stderr = site.build_fails(&[]);
    let found = positions(
        &stderr,
        &[
            "content/_index.md:4:19",
            "content/projekte/_index.md:3:1",
            "content/projekte/ferienschule.md:3:1",
            "content/projekte/ferienschule.md:5:20",
            "content/team.md:2:1",
        ],
    );
    assert!(
        found.windows(2).all(|w| w[0] < w[1]),
        "errors are sorted by file and line:\n{stderr}"
    );
    assert_error_count(&stderr, 5);
    insta::assert_snapshot!(stderr);
}

/// Content and templates load independently (`render_site` says so), but a template
/// syntax error hides every content error: only the template is reported.
#[test]
fn template_syntax_error_and_content_errors_are_reported_together() {
    let site = Site::fixture("err-several");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{% if %}{% endif %}{% endblock content %}\n",
    );
    let stderr = site.build_fails(&[]);
    positions(
        &stderr,
        &[
            "content/_index.md:4:19",
            "content/projekte/_index.md:3:1",
            "content/projekte/ferienschule.md:3:1",
            "content/projekte/ferienschule.md:5:20",
            "content/team.md:2:1",
            "templates/page.html:2:",
        ],
    );
    assert_error_count(&stderr, 6);
    insta::assert_snapshot!(stderr);
}

// ---------------------------------------------------------------------------------
// Wrong invocations: exit code 2
// ---------------------------------------------------------------------------------

/// Every file of the site, `public/` included.
fn whole_site(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.tree("")
}

/// Temporary folders lernort left next to the site (it builds beside the target).
fn leftovers_beside(site: &Site) -> Vec<String> {
    let name = site
        .path()
        .file_name()
        .expect("named")
        .to_string_lossy()
        .into_owned();
    let parent = site.path().parent().expect("has parent");
    std::fs::read_dir(parent)
        .expect("readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.lernort-")))
        .collect()
}

/// `Site::run_in` in German and in English, returned as `Site::run_both` does
/// (`--messages` wins over the harness's `LERNORT_MESSAGES=en`).
fn run_in_both(site: &Site, cwd: &Path, args: &[&str]) -> Run {
    let de = site.run_in(cwd, &[&["--messages", "de"], args].concat());
    Run::both(de, site.run_in(cwd, args))
}

/// Asserts a refused run: exit code 2, nothing changed anywhere, no panic.
#[track_caller]
fn assert_refused(site: &Site, run: &Run, before: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(
        run.code, 2,
        "expected exit code 2; stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(
        site.path().join("site.yaml").is_file(),
        "the site itself was replaced; stdout:\n{}",
        run.stdout
    );
    assert_eq!(&whole_site(site), before, "the site must stay untouched");
    assert!(
        leftovers_beside(site).is_empty(),
        "temporary folders left beside the site"
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn no_site_yaml_in_the_root() {
    let site = Site::empty();
    site.write("content/_index.md", "---\ntitle: Start\n---\n");
    let before = site.with_previous_output();
    let run = site.run_both(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(site.tree("public"), before, "public/ must stay untouched");
    assert_mentions(&run.stderr, "no site.yaml in [SITE]");
    assert_mentions(&run.stderr, "lernort init");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn root_that_does_not_exist() {
    let site = Site::empty();
    let run = run_in_both(&site, site.path(), &["--root", "kein-ordner", "build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_mentions(&run.stderr, "kein-ordner");
    assert!(
        !site.path().join("kein-ordner").exists(),
        "nothing is created for a missing root"
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn output_dir_at_the_site_root_is_refused() {
    let site = Site::fixture("basic");
    site.with_previous_output();
    let before = whole_site(&site);
    let root = site.path().display().to_string();
    let run = site.run_both(&["build", "-o", &root]);
    assert_refused(&site, &run, &before);
    assert_mentions(&run.stderr, "would replace the site's own files");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn output_dir_at_the_content_folder_is_refused() {
    let site = Site::fixture("basic");
    site.with_previous_output();
    let before = whole_site(&site);
    let content = site.path().join("content").display().to_string();
    let run = site.run_both(&["build", "-o", &content]);
    assert_refused(&site, &run, &before);
    assert_mentions(&run.stderr, "would replace the site's own files");
    insta::assert_snapshot!(run.stderr);
}

/// `cd site && lernort build -o .`: the root is the relative `.`, which the output check
/// compares against an absolute output path, so the check passes. Only the kernel
/// refusing to rename `.` stops the build, with "could not move aside the previous
/// output [SITE]/.: Device or resource busy".
#[test]
fn output_dir_dot_inside_the_site_is_refused() {
    let site = Site::fixture("basic");
    site.with_previous_output();
    let before = whole_site(&site);
    let run = run_in_both(&site, site.path(), &["build", "-o", "."]);
    assert_refused(&site, &run, &before);
    assert_mentions(&run.stderr, "would replace the site's own files");
    insta::assert_snapshot!(run.stderr);
}

/// `cd site && lernort build -o /abs/path/to/site`: lernort builds, replaces the whole
/// site (content, site.yaml, themes) with the output and exits 0.
#[test]
fn output_dir_absolute_site_root_from_inside_the_site_is_refused() {
    let site = Site::fixture("basic");
    site.with_previous_output();
    let before = whole_site(&site);
    let root = site.path().display().to_string();
    let run = run_in_both(&site, site.path(), &["build", "-o", &root]);
    assert_refused(&site, &run, &before);
    assert_mentions(&run.stderr, "would replace the site's own files");
    insta::assert_snapshot!(run.stderr);
}

/// `cd site && lernort build -o content`: lernort replaces `content/` with the output
/// and exits 0.
#[test]
fn output_dir_content_from_inside_the_site_is_refused() {
    let site = Site::fixture("basic");
    site.with_previous_output();
    let before = whole_site(&site);
    let run = run_in_both(&site, site.path(), &["build", "-o", "content"]);
    assert_refused(&site, &run, &before);
    assert_mentions(&run.stderr, "would replace the site's own files");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_page_inside_a_page_bundle_names_the_nearest_bundle() {
    let site = basic_with(&[
        ("content/a/index.md", "---\ntitle: A\n---\nText\n"),
        ("content/a/b/index.md", "---\ntitle: B\n---\nText\n"),
        ("content/a/b/c.md", "---\ntitle: C\n---\nText\n"),
        ("content/a/d.md", "---\ntitle: D\n---\nText\n"),
    ]);
    let before = site.with_previous_output();
    let stderr = site.build_fails(&[]);
    assert_mentions(&stderr, "content/a/b/c.md");
    assert_mentions(&stderr, "the page bundle `content/a/b/`");
    assert_mentions(&stderr, "content/a/d.md");
    assert_mentions(&stderr, "the page bundle `content/a/`");
    assert_eq!(site.tree("public"), before);
    insta::assert_snapshot!(stderr);
}
