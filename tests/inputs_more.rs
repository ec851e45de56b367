//! More inputs lernort used to accept or mishandle (issue 8, second review): base URLs
//! not in normal form (and those only spelled differently, which are accepted), knots of templates that include each other, and output folders
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
    ("encoded_dot_dot", "https://example.org/a/%2e%2e/kbm"),
    ("encoded_dot", "https://example.org/a/%2E/kbm"),
    ("three_slashes", "https:///example.org/kbm"),
];

// ---------------------------------------------------------------------------------
// Base URL in normal form
// ---------------------------------------------------------------------------------

#[test]
fn a_base_url_flag_not_in_normal_form_is_a_usage_error_with_the_normal_form() {
    for (name, url) in NOT_NORMAL {
        let site = Site::fixture("basic");
        let before = site.with_previous_output();
        let run = site.run_both(&["build", "--base-url", url]);
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

/// Addresses whose spelling alone differs from the normal form (an international domain
/// name, upper case, a default port, an umlaut in the path) are clear: they build, and
/// every link and the sitemap use the normal form.
#[test]
fn a_base_url_spelled_differently_is_stored_in_normal_form() {
    for (url, normal, prefix) in [
        (
            "https://bürgerbüro-trier.de",
            "https://xn--brgerbro-trier-gsbf.de",
            "",
        ),
        ("HTTPS://KBM.Example.org", "https://kbm.example.org", ""),
        (
            "https://example.org:443/kbm",
            "https://example.org/kbm",
            "/kbm",
        ),
        (
            "https://example.org/bildung/ä",
            "https://example.org/bildung/%C3%A4",
            "/bildung/%C3%A4",
        ),
    ] {
        let site = Site::fixture("basic");
        site.write("site.yaml", &site_yaml_at(url));
        site.build_ok(&[]);
        let sitemap = site.output("sitemap.xml");
        let loc = format!("<loc>{normal}/projekte/</loc>");
        assert!(sitemap.contains(&loc), "{url}: {sitemap}");
        let home = site.output_hrefs("index.html");
        let href = format!("href=\"{prefix}/projekte/\"");
        assert!(home.contains(&href), "{url}: {home}");
    }
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
    // In German and in English, as `Site::build_fails` reports.
    let mut reports = Vec::new();
    for lang in ["de", "en"] {
        let start = Instant::now();
        let out = assert_cmd::Command::cargo_bin("lernort")
            .expect("binary built")
            .env("LERNORT_MESSAGES", lang)
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
        reports.push(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    insta::assert_snapshot!(reports.join("[en]\n"));
}

// ---------------------------------------------------------------------------------
// Output folders lernort cannot replace, leftovers it cannot remove, late signals
// ---------------------------------------------------------------------------------

/// `lernort --root SITE <args>` with the test-only fault hook `LERNORT_FAULT` set to
/// `fault` (see `src/output/fault.rs`). The cases using it are Unix (signals) or Linux
/// only (the error numbers the hook fakes, and their messages in the snapshots).
#[cfg(unix)]
fn with_fault(site: &Site, args: &[&str], fault: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lernort"));
    cmd.arg("--root")
        .arg(site.path())
        .args(args)
        .env("LERNORT_FAULT", fault);
    cmd
}

/// `text` with the site folder shown as `[SITE]`.
#[cfg(target_os = "linux")]
fn redact(site: &Site, text: &str) -> String {
    let real = site.path().canonicalize().expect("site folder");
    text.replace(&real.display().to_string(), "[SITE]")
        .replace(&site.path().display().to_string(), "[SITE]")
}

/// Runs `build` with `fault` in German, then in English; returns the exit code
/// (the same both times) and both stderr texts, as `Site::run_both` does.
#[cfg(target_os = "linux")]
fn build_with_fault(site: &Site, fault: &str) -> (Option<i32>, String) {
    let [(de_code, de), (en_code, en)] = ["de", "en"].map(|lang| {
        let out = with_fault(site, &["--messages", lang, "build"], fault)
            .output()
            .expect("binary runs");
        let stderr = redact(site, &String::from_utf8_lossy(&out.stderr));
        assert!(!stderr.contains("panicked"), "{stderr}");
        (out.status.code(), stderr)
    });
    assert_eq!(de_code, en_code, "German:\n{de}\nEnglish:\n{en}");
    (en_code, format!("{de}[en]\n{en}"))
}

/// The rename of a mount point fails with EBUSY (the exchange, or moving it aside),
/// and EXDEV when it is on another file system; the fault hook makes the swap fail so.
#[cfg(target_os = "linux")]
#[test]
fn an_output_folder_that_is_a_mount_point_is_a_usage_error_with_a_way_out() {
    for (name, fault) in [
        ("mount_point_busy", "ebusy-swap"),
        ("mount_point_other_fs", "no-exchange,exdev-swap"),
    ] {
        let site = Site::fixture("basic");
        let before = site.with_previous_output();
        let (code, stderr) = build_with_fault(&site, fault);
        assert_eq!(code, Some(2), "{fault}: {stderr}");
        assert_eq!(site.tree("public"), before, "{fault}");
        assert!(common::temp_leftovers(site.path()).is_empty(), "{fault}");
        insta::assert_snapshot!(name, stderr);
    }
}

/// Another user's leftovers (simulated: the fault hook makes every removal of a
/// leftover fail with EACCES, as root can delete anything) do not stop the build; each
/// is named in a warning with how to remove it.
#[cfg(target_os = "linux")]
#[test]
fn leftovers_that_cannot_be_removed_are_warnings_and_the_build_goes_on() {
    let site = Site::fixture("basic");
    site.with_previous_output();
    // Process ids above Linux's maximum (2^22), so never this build's own names.
    site.write(".public.lernort-new-4999999/index.html", "fremd");
    site.write(".public.lernort-old-4999998/index.html", "fremd");
    let (code, stderr) = build_with_fault(&site, "eacces-clean");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        site.output("index.html").contains("projekte"),
        "the new site is in place"
    );
    let mut left = common::temp_leftovers(site.path());
    left.sort();
    assert_eq!(
        left,
        [".public.lernort-new-4999999", ".public.lernort-old-4999998"]
    );
    insta::assert_snapshot!(stderr);
}

/// A SIGTERM once the new site is in place (the fault hook pauses the build there)
/// ends the build with 0: the output folder holds the complete new site. What it
/// prints is shown in German, then in English.
#[cfg(unix)]
#[test]
fn a_signal_after_the_new_site_is_in_place_exits_with_success() {
    let site = Site::fixture("basic");
    site.with_previous_output();
    let said = ["de", "en"].map(|lang| signal_after_publish(&site, lang));
    insta::assert_snapshot!(said.join("\n[en]\n"));
}

/// Builds in `lang`, sends SIGTERM at the pause after the swap, checks the build
/// succeeded; returns what it printed after the pause.
#[cfg(unix)]
fn signal_after_publish(site: &Site, lang: &str) -> String {
    use std::io::{BufRead, BufReader};
    let mut child = with_fault(site, &["--messages", lang, "build"], "pause-after-publish")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("binary starts");
    let mut lines = BufReader::new(child.stderr.take().expect("piped")).lines();
    loop {
        match lines.next() {
            Some(Ok(line)) if line.contains("fault hook: paused at after-publish") => break,
            Some(Ok(_)) => {}
            _ => panic!("the build ended before its pause"),
        }
    }
    let killed = std::process::Command::new("kill")
        .args(["-s", "TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let status = child.wait().expect("build ends");
    assert_eq!(status.code(), Some(0), "{status:?} {rest:?}");
    assert!(
        site.output("index.html").contains("projekte"),
        "the new site is in place"
    );
    assert!(common::temp_leftovers(site.path()).is_empty());
    rest.join("\n")
}
