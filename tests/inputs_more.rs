//! More inputs lernort used to accept or mishandle (issue 8, second review): base URLs
//! not in normal form, knots of templates that include each other, and output folders
//! that cannot be replaced (a mount point, another user's leftovers). Each is checked
//! through the CLI: exit code, the message as a user sees it, and that the previous
//! output is unchanged.

mod common;

use std::time::{Duration, Instant};

use common::Site;

/// The basic fixture's `site.yaml` with `base_url` set to `url`.
fn site_yaml_at(url: &str) -> String {
    format!(
        "title: KBM Test\ndescription: Eine Test-Website\nbase_url: {url}\nlanguage: de\ntheme: test\ntaxonomies: [tags]\n"
    )
}

/// Addresses `url::Url::parse` accepts but reads differently from how they are written.
const NOT_NORMAL: &[(&str, &str)] = &[
    ("no_slashes", "https:example.org/kbm"),
    ("backslashes", "https:\\\\example.org\\kbm"),
    ("dot_dot", "https://example.org/kbm/../x"),
];

// ---------------------------------------------------------------------------------
// Base URL in normal form
// ---------------------------------------------------------------------------------

#[test]
fn a_base_url_flag_not_in_normal_form_is_a_usage_error_with_the_normal_form() {
    for (name, url) in NOT_NORMAL {
        let site = Site::fixture("basic");
        let before = site.with_previous_output();
        let run = site.run(&["build", "--base-url", url]);
        assert_eq!(run.code, 2, "{url}: {}", run.stderr);
        assert_eq!(site.tree("public"), before, "{url}");
        insta::assert_snapshot!(format!("base_url_flag_{name}"), run.stderr);
    }
}

#[test]
fn a_base_url_in_site_yaml_not_in_normal_form_is_an_error_at_its_line() {
    for (name, url) in NOT_NORMAL {
        let site = Site::fixture("basic");
        site.write("site.yaml", &site_yaml_at(url));
        let stderr = site.build_fails(&[]);
        insta::assert_snapshot!(format!("base_url_yaml_{name}"), stderr);
    }
}

#[test]
fn a_base_url_with_an_empty_path_segment_is_an_error() {
    let site = Site::fixture("basic");
    site.write("site.yaml", &site_yaml_at("https://example.org/kbm//"));
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn a_base_url_with_one_trailing_slash_is_accepted_and_its_path_prefixes_links() {
    let site = Site::fixture("basic");
    site.build_ok(&["--base-url", "https://example.org/kbm/"]);
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/kbm/projekte/</loc>"),
        "{sitemap}"
    );
    let home = site.output_hrefs("index.html");
    assert!(home.contains("href=\"/kbm/projekte/\""), "{home}");
}

// ---------------------------------------------------------------------------------
// Knots of templates that include each other
// ---------------------------------------------------------------------------------

/// `n` partials `templates/<dir>/tI.html`, each including all the others, one per line.
fn write_include_knot(site: &Site, dir: &str, n: usize) {
    for i in 0..n {
        let body: String = (0..n)
            .filter(|&j| j != i)
            .map(|j| format!("{{% include \"{dir}/t{j}.html\" %}}\n"))
            .collect();
        site.write(
            &format!("templates/{dir}/t{i}.html"),
            &format!("<div>\n{body}</div>\n"),
        );
    }
}

#[test]
fn a_knot_of_twelve_partials_is_one_error_found_promptly() {
    let site = Site::fixture("basic");
    write_include_knot(&site, "p", 12);
    // A second, separate knot: one error for each.
    site.write("templates/q/a.html", "{% include \"q/b.html\" %}\n");
    site.write("templates/q/b.html", "\n{% include \"q/a.html\" %}\n");
    let before = site.with_previous_output();
    let start = Instant::now();
    let out = assert_cmd::Command::cargo_bin("lernort")
        .expect("binary built")
        .arg("--root")
        .arg(site.path())
        .arg("build")
        .timeout(Duration::from_secs(60))
        .output()
        .expect("binary runs");
    let elapsed = start.elapsed();
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(site.tree("public"), before);
    let stderr = String::from_utf8_lossy(&out.stderr);
    insta::assert_snapshot!(stderr);
}
