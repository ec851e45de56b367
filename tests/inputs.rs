//! Inputs lernort used to accept silently (issue 8, "Hardening"): empty titles, keys given
//! twice, aliases that are full URLs, invalid language tags, a bad `--base-url`, YAML
//! alias bombs and tabs, and root-relative Markdown links. Each is an error with file,
//! line and a hint, snapshotted exactly as a user sees it; build failures exit 1 and
//! leave the previous output untouched (`Site::build_fails`).

mod common;

use common::{Site, assert_error_count, basic_with};

/// The basic fixture's `site.yaml` with `lines` added at the end.
fn site_yaml_with(lines: &str) -> String {
    format!(
        "title: KBM Test\ndescription: Eine Test-Website\nbase_url: https://kbm.example.org\nlanguage: de\ntheme: test\ntaxonomies: [tags]\n{lines}"
    )
}

// ---------------------------------------------------------------------------------
// Empty titles
// ---------------------------------------------------------------------------------

#[test]
fn empty_page_titles_are_errors_at_their_line() {
    for (name, line) in [
        ("page_title_without_value", "title:"),
        ("page_title_empty_quotes", "title: \"\""),
        ("page_title_only_spaces", "title: \"   \""),
    ] {
        let site = basic_with(&[(
            "content/team.md",
            &format!("---\nweight: 1\n{line}\n---\nText\n"),
        )]);
        let stderr = site.build_fails(&[]);
        assert_error_count(&stderr, 1);
        insta::assert_snapshot!(name, stderr);
    }
}

#[test]
fn an_explicitly_empty_section_title_is_an_error() {
    for (name, line) in [
        ("section_title_without_value", "title:"),
        ("section_title_only_spaces", "title: '  '"),
    ] {
        let site = basic_with(&[(
            "content/projekte/_index.md",
            &format!("---\n{line}\ndescription: Unsere Projekte\n---\nText\n"),
        )]);
        let stderr = site.build_fails(&[]);
        assert_error_count(&stderr, 1);
        insta::assert_snapshot!(name, stderr);
    }
}

#[test]
fn a_section_without_title_is_named_after_its_folder() {
    let site = basic_with(&[(
        "content/lernen-vor-ort/_index.md",
        "---\ndescription: Ein Bereich\n---\nText\n",
    )]);
    site.build_ok(&[]);
    assert!(
        site.output("lernen-vor-ort/index.html")
            .contains("<h1>Lernen vor ort</h1>")
    );
}

#[test]
fn an_empty_taxonomy_term_is_an_error() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\ntags: [MINT, \"\"]\n---\nText\n",
    )]);
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn an_empty_site_title_is_an_error() {
    let site = basic_with(&[(
        "site.yaml",
        "title: \"\"\nbase_url: https://kbm.example.org\ntheme: test\n",
    )]);
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

// ---------------------------------------------------------------------------------
// Keys given twice
// ---------------------------------------------------------------------------------

#[test]
fn a_front_matter_key_twice_names_both_lines() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\nweight: 1\ntitle: Das Team\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_error_count(&stderr, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_key_twice_in_extra_is_found_at_any_depth() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\nextra:\n  kontakt:\n    email: a@example.org\n    raum: 1\n    email: b@example.org\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_section_front_matter_key_twice_is_an_error() {
    let site = basic_with(&[(
        "content/projekte/_index.md",
        "---\ntitle: Projekte\nsort_by: date\nsort_by: title\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_site_yaml_key_twice_is_an_error_also_in_extra() {
    let site = basic_with(&[("site.yaml", &site_yaml_with("theme: kommune\n"))]);
    insta::assert_snapshot!("site_yaml_key_twice", site.build_fails(&[]));
    let site = basic_with(&[(
        "site.yaml",
        &site_yaml_with("extra:\n  telefon: 1\n  telefon: 2\n"),
    )]);
    insta::assert_snapshot!("site_yaml_extra_key_twice", site.build_fails(&[]));
}

// ---------------------------------------------------------------------------------
// Aliases
// ---------------------------------------------------------------------------------

#[test]
fn aliases_that_are_not_plain_paths_are_errors_at_their_line() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\naliases:\n  - /altes-team/\n  - https://evil.example/\n  - //evil.example/team/\n  - /team/?alt=1\n  - /team/#alt\n  - '\\team\\alt'\n  - /a/../../etc/\n---\nText\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_error_count(&stderr, 6);
    insta::assert_snapshot!(stderr);
}

#[test]
fn plain_aliases_still_redirect() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\naliases: [/altes-team/, alt/team, /%C3%BCber-uns/]\n---\nText\n",
    )]);
    site.build_ok(&[]);
    for alias in [
        "altes-team/index.html",
        "alt/team/index.html",
        "über-uns/index.html",
    ] {
        assert!(
            site.output(alias).contains("https://kbm.example.org/team/"),
            "{alias}"
        );
    }
}

// ---------------------------------------------------------------------------------
// Language
// ---------------------------------------------------------------------------------

#[test]
fn a_language_that_is_no_bcp47_tag_is_an_error() {
    for (name, value) in [
        ("language_klingon", "klingonisch!!"),
        ("language_underscore", "de_DE"),
    ] {
        let text = site_yaml_with("").replace("language: de", &format!("language: {value}"));
        let site = basic_with(&[("site.yaml", &text)]);
        let stderr = site.build_fails(&[]);
        assert_error_count(&stderr, 1);
        insta::assert_snapshot!(name, stderr);
    }
}

#[test]
fn a_valid_language_tag_is_written_in_canonical_case() {
    let text = site_yaml_with("").replace("language: de", "language: DE-at");
    let site = basic_with(&[("site.yaml", &text)]);
    site.build_ok(&[]);
    assert!(site.output("index.html").contains("<html lang=\"de-AT\">"));
    // German typography follows the canonical tag.
    site.write("content/team.md", "---\ntitle: Team\n---\n\"Hallo\"\n");
    site.build_ok(&[]);
    assert!(site.output("team/index.html").contains("„Hallo“"));
}

// ---------------------------------------------------------------------------------
// Base URL
// ---------------------------------------------------------------------------------

#[test]
fn a_bad_base_url_flag_is_a_usage_error_naming_the_flag() {
    let site = Site::fixture("basic");
    let before = site.with_previous_output();
    let run = site.run_both(&["build", "--base-url", "ftp://x"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(site.tree("public"), before);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_base_url_with_a_query_is_an_error() {
    let text = site_yaml_with("").replace(
        "base_url: https://kbm.example.org",
        "base_url: https://kbm.example.org/?x=1",
    );
    let site = basic_with(&[("site.yaml", &text)]);
    insta::assert_snapshot!(site.build_fails(&[]));
}

// ---------------------------------------------------------------------------------
// YAML: alias bombs and tabs
// ---------------------------------------------------------------------------------

/// A "billion laughs" mapping under `extra:`: nine levels of nine aliases each.
fn alias_bomb(indent: &str) -> String {
    let mut text = format!("{indent}a: &a [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10u8 {
        let (name, prev) = ((b'a' + level) as char, (b'a' + level - 1) as char);
        let items = vec![format!("*{prev}"); 9].join(", ");
        text.push_str(&format!("{indent}{name}: &{name} [{items}]\n"));
    }
    text
}

#[test]
fn an_alias_bomb_in_front_matter_names_its_line() {
    let page = format!(
        "---\ntitle: Unser Team\nextra:\n{}---\nText\n",
        alias_bomb("  ")
    );
    let site = basic_with(&[("content/team.md", &page)]);
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_alias_bomb_in_site_yaml_names_its_line() {
    let text = site_yaml_with(&format!("extra:\n{}", alias_bomb("  ")));
    let site = basic_with(&[("site.yaml", &text)]);
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn too_deep_nesting_is_explained() {
    let page = format!(
        "---\ntitle: Unser Team\nextra: {}{}\n---\nText\n",
        "[".repeat(200),
        "]".repeat(200)
    );
    let site = basic_with(&[("content/team.md", &page)]);
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn tabs_as_indentation_are_named() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\nextra:\n\trolle: Leitung\n---\nText\n",
    )]);
    insta::assert_snapshot!("tab_in_front_matter", site.build_fails(&[]));
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle: Unser Team\n\tweight: 1\n---\nText\n",
    )]);
    insta::assert_snapshot!("tab_after_a_value_in_front_matter", site.build_fails(&[]));
    let site = basic_with(&[("site.yaml", &site_yaml_with("extra:\n  a: 1\n\tb: 2\n"))]);
    insta::assert_snapshot!("tab_in_site_yaml", site.build_fails(&[]));
}

#[test]
fn tabs_inside_values_are_fine() {
    let site = basic_with(&[(
        "content/team.md",
        "---\ntitle:\tUnser Team\ndescription: |\n  Zeile\tmit Tab\n---\nText\n",
    )]);
    site.build_ok(&[]);
}

// ---------------------------------------------------------------------------------
// Root-relative links
// ---------------------------------------------------------------------------------

/// The basic site with an Impressum (with a heading), a page with an alias, a download
/// and an image in `assets/`, and `links` as the text of `content/links.md`.
fn site_with_root_links(links: &str) -> Site {
    basic_with(&[
        (
            "content/impressum.md",
            "---\ntitle: Impressum\n---\nAngaben.\n\n## Ansprechpartner\n\nN. N.\n",
        ),
        (
            "content/team.md",
            "---\ntitle: Unser Team\naliases: [/altes-team/]\n---\nText\n",
        ),
        ("assets/downloads/bericht.pdf", &"x".repeat(2048)),
        ("assets/bilder/logo.png", "png"),
        (
            "content/links.md",
            &format!("---\ntitle: Verweise\n---\n{links}"),
        ),
    ])
}

const GOOD_ROOT_LINKS: &str = "\
- [Impressum](/impressum/)
- [Ohne Schrägstrich](/impressum)
- [Als Datei](/impressum/index.html)
- [Mit Anker](/impressum/#ansprechpartner)
- [Mit Anfrage](/impressum/?druck=1#ansprechpartner)
- [Bericht](/downloads/bericht.pdf)
- [Projekte](/projekte/)
- [Start](/)
- [Altes Team](/altes-team/)
- [Sitemap](/sitemap.xml)
- [Stil des Themes](/css/test.css)
- ![Logo](/bilder/logo.png)
";

#[test]
fn root_relative_links_lead_to_what_the_site_publishes() {
    let site = site_with_root_links(GOOD_ROOT_LINKS);
    site.build_ok(&[]);
    let html = site.output_hrefs("links/index.html");
    for expected in [
        "<a href=\"/impressum/\">Impressum</a>",
        // A page's URL without its trailing slash leads to the page itself.
        "<a href=\"/impressum/\">Ohne Schrägstrich</a>",
        "<a href=\"/impressum/\">Als Datei</a>",
        "<a href=\"/impressum/#ansprechpartner\">Mit Anker</a>",
        "<a href=\"/impressum/?druck=1#ansprechpartner\">Mit Anfrage</a>",
        "<a href=\"/downloads/bericht.pdf\">Bericht <span class=\"download-info\">(PDF, 2 KB)</span></a>",
        "<a href=\"/projekte/\">Projekte</a>",
        "<a href=\"/\">Start</a>",
        // An alias leads to its page directly, without the redirect.
        "<a href=\"/team/\">Altes Team</a>",
        "<a href=\"/sitemap.xml\">Sitemap</a>",
        "<a href=\"/css/test.css\">Stil des Themes <span",
        "<img src=\"/bilder/logo.png\" alt=\"Logo\" />",
    ] {
        assert!(html.contains(expected), "missing {expected}:\n{html}");
    }
    let html = site.output("links/index.html");
    assert!(html.contains("data-href=\"https://kbm.example.org/impressum/#ansprechpartner\""));
}

#[test]
fn root_relative_links_get_the_base_path() {
    let site = site_with_root_links(GOOD_ROOT_LINKS);
    site.build_ok(&["--base-url", "https://example.org/kbm"]);
    let html = site.output_hrefs("links/index.html");
    for expected in [
        "<a href=\"/kbm/impressum/\">Ohne Schrägstrich</a>",
        "<a href=\"/kbm/impressum/?druck=1#ansprechpartner\">Mit Anfrage</a>",
        "<a href=\"/kbm/downloads/bericht.pdf\">Bericht <span",
        "<a href=\"/kbm/\">Start</a>",
        "<a href=\"/kbm/team/\">Altes Team</a>",
        "<img src=\"/kbm/bilder/logo.png\"",
    ] {
        assert!(html.contains(expected), "missing {expected}:\n{html}");
    }
    assert!(
        site.output("links/index.html")
            .contains("data-href=\"https://example.org/kbm/impressum/\"")
    );
}

#[test]
fn dead_root_relative_links_are_errors_with_the_nearest_address() {
    let site = site_with_root_links(
        "\
Siehe [Impressum](/impresum/) und [Bericht](/downloads/berich.pdf).

Auch [Heading](/impressum/#fehlt), [Irgendwo](/ganz/woanders/) und ![Logo](/bilder/logo.svg).
",
    );
    let stderr = site.build_fails(&[]);
    assert_error_count(&stderr, 5);
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_root_relative_link_repeating_the_base_path_is_explained() {
    let site = site_with_root_links("[Impressum](/kbm/impressum/)\n");
    let stderr = site.build_fails(&["--base-url", "https://example.org/kbm"]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_root_relative_link_to_a_draft_is_an_error() {
    let site = site_with_root_links("[Impressum](/impressum/)\n");
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\ndraft: true\n---\nAngaben.\n",
    );
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
    // With `--drafts` the page is built and the link holds.
    site.build_ok(&["--drafts"]);
}

/// `serve` re-renders a page when what its root-relative links name changes, though
/// the page itself is not edited: an alias's page moves, a download changes size, a
/// target disappears (the same error as `build`) and comes back.
#[test]
fn serve_follows_what_root_relative_links_name() {
    use common::preview::{OVERLAY, Preview, Sandbox};

    let sandbox = Sandbox::new("basic");
    sandbox.write(
        "content/team.md",
        "---\ntitle: Unser Team\naliases: [/altes-team/]\n---\nText\n",
    );
    sandbox.write("assets/downloads/plan.pdf", &"x".repeat(3000));
    sandbox.write(
        "content/links.md",
        "---\ntitle: Verweise\n---\n[Team](/altes-team/), [Plan](/downloads/plan.pdf), [Projekte](/projekte)\n",
    );
    let p = Preview::start_in(sandbox);
    let s = &p.sandbox;
    p.assert_matches_clean_build("at the start");

    s.write(
        "content/team.md",
        "---\ntitle: Unser Team\nslug: wir\naliases: [/altes-team/]\n---\nText\n",
    );
    p.reload("giving the alias's page a new slug");
    p.wait_for_page("the link following the page", "/links/", |r| {
        r.text().contains("href=\"/wir/\"")
    });
    p.assert_matches_clean_build("after the slug");

    s.write("assets/downloads/plan.pdf", &"x".repeat(30_000));
    p.change("a larger download");
    p.wait_for_page("the new size", "/links/", |r| {
        r.text().contains("(PDF, 29 KB)")
    });
    p.assert_matches_clean_build("after the download grew");

    s.write(
        "content/team.md",
        "---\ntitle: Unser Team\nslug: wir\n---\nText\n",
    );
    p.change("removing the alias");
    let stderr = p.clean_build().expect_err("the link names a removed alias");
    assert!(
        stderr.contains("error: the link `Team` points to `/altes-team/`")
            && stderr.contains("--> content/links.md:4:1\n"),
        "{stderr}"
    );
    p.wait_for_page("the overlay", "/", |r| {
        let html = r.text();
        html.contains(OVERLAY) && html.contains("content/links.md:4:1")
    });

    s.write(
        "content/team.md",
        "---\ntitle: Unser Team\naliases: [/altes-team/]\n---\nText\n",
    );
    p.reload("restoring the alias");
    p.assert_matches_clean_build("after the alias is back");
}

#[test]
fn a_value_starting_with_a_star_is_explained() {
    let site = basic_with(&[("content/team.md", "---\ntitle: *Neu* im Team\n---\nText\n")]);
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn a_second_yaml_document_in_site_yaml_is_named() {
    let site = basic_with(&[("site.yaml", &site_yaml_with("---\nextra: {}\n"))]);
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn site_yaml_problems_are_reported_together() {
    let site = basic_with(&[(
        "site.yaml",
        "title: \"\"\nbase_url: https://kbm.example.org\nlanguage: klingonisch!!\ntheme: test\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert_error_count(&stderr, 2);
}
