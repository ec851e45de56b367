//! `lernort check --external`: links to other sites, asked from a test server on
//! 127.0.0.1 (never the internet), with limits per host, retries and a cache.

mod common;
#[path = "check_external/server.rs"]
mod server;

use std::time::Duration;

use common::{Run, Site};
use server::Server;

/// The `check:` block most tests use: short timeouts, so that the tests stay quick.
const QUICK: &str =
    "check:\n  external:\n    timeout_seconds: 1\n    retries: 1\n    per_host: 4\n";

/// The clean check fixture with `check` appended to its site.yaml and a page whose
/// body is `body`.
fn site_with(check: &str, body: &str) -> Site {
    let site = Site::fixture("check-clean");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}{check}"));
    site.write(
        "content/projekte/links.md",
        &format!("---\ntitle: Links\ndescription: Links zu anderen Websites\n---\n{body}"),
    );
    site
}

/// A Markdown list of links to `paths` on `server`.
fn links(server: &Server, paths: &[&str]) -> String {
    paths
        .iter()
        .map(|p| format!("- [Seite {p}]({})\n", server.url(p)))
        .collect()
}

/// `text` with the ports of `server` and of `closed` replaced by as many `N` or `C`,
/// so that snapshots stay the same (and so do the widths of their underlines).
fn hide_ports(text: &str, server: &Server, closed: Option<u16>) -> String {
    let mask = |port: u16, c: &str| c.repeat(port.to_string().len());
    let mut text = text.replace(
        &format!("127.0.0.1:{}", server.port()),
        &format!("127.0.0.1:{}", mask(server.port(), "N")),
    );
    if let Some(port) = closed {
        text = text.replace(
            &format!("127.0.0.1:{port}"),
            &format!("127.0.0.1:{}", mask(port, "C")),
        );
    }
    text
}

/// Runs lernort in English with `LERNORT_NOW` at `now` (seconds), if given.
fn run_at(site: &Site, now: Option<u64>, args: &[&str]) -> Run {
    let mut cmd = assert_cmd::Command::cargo_bin("lernort").expect("binary built");
    cmd.env("LERNORT_MESSAGES", "en");
    if let Some(now) = now {
        cmd.env("LERNORT_NOW", now.to_string());
    }
    let out = cmd
        .arg("--root")
        .arg(site.path())
        .args(args)
        .output()
        .expect("binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The cache file as JSON.
fn cache(site: &Site) -> serde_json::Value {
    let text = std::fs::read_to_string(site.path().join(".lernort-links.json")).expect("cache");
    serde_json::from_str(&text).expect("cache is JSON")
}

#[test]
fn every_kind_of_answer_is_judged_and_reported_where_the_link_is() {
    let server = Server::start();
    let closed = server::closed_port();
    let mut body = links(
        &server,
        &[
            "/ok",
            "/weiter",
            "/fehlt",
            "/wackelig",
            "/bitte-warten",
            "/nur-get",
            "/verboten",
            "/gestoert",
            "/langsam",
            "/kreis",
        ],
    );
    body.push_str(&format!(
        "- [Niemand da](http://127.0.0.1:{closed}/)\n- [Noch einmal fehlt](<{}#abschnitt>)\n",
        server.url("/fehlt")
    ));
    let site = site_with(QUICK, &body);
    let before = site.with_previous_output();
    // German first, then English: the English run takes the links that were fine from
    // the cache the German run wrote, and asks only for the others again.
    let run = site.run_both(&["check", "--external"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(site.tree("public"), before, "check never writes public/");
    insta::assert_snapshot!(hide_ports(&run.stdout, &server, Some(closed)));
    assert_eq!(run.stderr, "[en]\n");
    // Each retried once (retries: 1), in both runs; the fine ones once in all. A 429
    // or 5xx to HEAD is retried as GET.
    assert_eq!(server.count("HEAD", "/wackelig"), 1);
    assert_eq!(server.count("GET", "/wackelig"), 1);
    assert_eq!(server.count("HEAD", "/gestoert"), 2);
    assert_eq!(server.count("GET", "/gestoert"), 2);
    assert_eq!(server.count("HEAD", "/langsam"), 4);
    assert_eq!(server.count("HEAD", "/bitte-warten"), 1);
    assert_eq!(server.count("GET", "/bitte-warten"), 1);
    // HEAD refused, GET asked once; 403 to HEAD gets a GET too, before it counts.
    assert_eq!(server.count("HEAD", "/nur-get"), 1);
    assert_eq!(server.count("GET", "/nur-get"), 1);
    assert_eq!(server.count("GET", "/verboten"), 2);
    // Once per run, although it appears twice (once with an anchor); the 404 to HEAD
    // is confirmed by a GET.
    assert_eq!(server.count("HEAD", "/fehlt"), 2);
    assert_eq!(server.count("GET", "/fehlt"), 2);
    // The redirect loop ends after the fifth redirect, in each run.
    assert_eq!(server.count("HEAD", "/kreis"), 12);
    let waits = [
        server.times("HEAD", "/bitte-warten")[0],
        server.times("GET", "/bitte-warten")[0],
    ];
    assert!(
        waits[1] - waits[0] >= Duration::from_millis(950),
        "Retry-After: 1 is honoured"
    );
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        server.agents(),
        [format!(
            "lernort-check/{version} (+https://kbm.example.org)"
        )]
    );
}

#[test]
fn a_normal_check_asks_no_other_site() {
    let server = Server::start();
    let site = site_with(QUICK, &links(&server, &["/fehlt", "/ok"]));
    let run = site.run_both(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(server.total(), 0);
    assert!(!site.path().join(".lernort-links.json").exists());
    assert!(!run.stdout.contains("other sites"), "{}", run.stdout);
}

#[test]
fn the_cache_spares_fine_links_and_broken_ones_are_asked_again() {
    let server = Server::start();
    let site = site_with(QUICK, &links(&server, &["/ok", "/fehlt"]));
    let day = 24 * 60 * 60;
    let start = 1_750_000_000;
    let first = run_at(&site, Some(start), &["check", "--external"]);
    assert_eq!(first.code, 1, "{}", first.stdout);
    assert!(
        first
            .stdout
            .contains("2 links to other sites: 2 asked, 0 from the cache, 0 skipped"),
        "{}",
        first.stdout
    );
    let cached = cache(&site);
    let ok = &cached["links"][server.url("/ok")];
    assert_eq!(ok["result"], "fine");
    assert_eq!(ok["checked"], start);
    assert_eq!(cached["links"][server.url("/fehlt")]["result"], "broken");
    let again = run_at(&site, Some(start + 6 * day), &["check", "--external"]);
    assert!(
        again.stdout.contains("1 asked, 1 from the cache"),
        "{}",
        again.stdout
    );
    assert_eq!(server.count("HEAD", "/ok"), 1, "fine within 7 days");
    assert_eq!(server.count("HEAD", "/fehlt"), 2, "broken: asked again");
    // The entry keeps the time it was asked, so that it grows old.
    assert_eq!(cache(&site)["links"][server.url("/ok")]["checked"], start);
    let late = run_at(&site, Some(start + 8 * day), &["check", "--external"]);
    assert!(
        late.stdout.contains("2 asked, 0 from the cache"),
        "{}",
        late.stdout
    );
    assert_eq!(
        server.count("HEAD", "/ok"),
        2,
        "older than 7 days: asked again"
    );
}

#[test]
fn a_corrupt_cache_is_a_warning_and_replaced() {
    let server = Server::start();
    let site = site_with(QUICK, &links(&server, &["/ok"]));
    site.write(
        ".lernort-links.json",
        "{ \"version\": 1, \"links\": [kaputt",
    );
    let run = site.run_both(&["check", "--external", "--strict"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let de = run.stderr.lines().next().expect("a German warning");
    assert!(
        de.starts_with(
            "Warnung: Der Zwischenspeicher der Link-Prüfung `.lernort-links.json` ist nicht lesbar und wird ersetzt ("
        ),
        "{}",
        run.stderr
    );
    assert_eq!(cache(&site)["links"][server.url("/ok")]["result"], "fine");
    // The English run found the cache the German one wrote.
    assert!(run.stderr.ends_with("[en]\n"), "{}", run.stderr);
    assert_eq!(server.count("HEAD", "/ok"), 1);
}

#[test]
fn skipped_addresses_are_never_asked() {
    let server = Server::start();
    let prefix = server.url("/fehlt");
    let check = format!("{QUICK}    skip:\n      - {prefix}\n      - example.org\n");
    let mut body = links(&server, &["/fehlt", "/fehlt?seite=2", "/ok"]);
    body.push_str("- [Beispiel](https://www.example.org/gibt-es-nicht)\n");
    let site = site_with(&check, &body);
    let run = run_at(&site, None, &["check", "--external", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("4 links to other sites: 1 asked, 0 from the cache, 3 skipped"),
        "{}",
        run.stdout
    );
    assert_eq!(server.total(), 1);
    assert_eq!(server.count("HEAD", "/ok"), 1);
}

#[test]
fn unreachable_links_fail_only_when_strict() {
    let server = Server::start();
    let site = site_with(
        "check:\n  external:\n    retries: 0\n",
        &links(&server, &["/gestoert"]),
    );
    let run = run_at(&site, None, &["check", "--external"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("no errors, 1 warning"),
        "{}",
        run.stdout
    );
    let strict = run_at(&site, None, &["check", "--external", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stdout);
    assert_eq!(server.count("HEAD", "/gestoert"), 2, "retries: 0");
    assert_eq!(
        server.count("GET", "/gestoert"),
        2,
        "one GET confirms a 503 to HEAD"
    );
}

#[test]
fn no_more_than_two_requests_to_one_host_at_a_time() {
    let server = Server::start();
    let paths: Vec<String> = (1..=6).map(|i| format!("/gemaechlich?n={i}")).collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    // The defaults: 2 per host, 8 in all.
    let site = site_with("", &links(&server, &paths));
    let run = run_at(&site, None, &["check", "--external", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(server.total(), 6);
    assert_eq!(server.most_at_once(), 2);
}

#[test]
fn the_json_report_counts_the_external_links() {
    let server = Server::start();
    let site = site_with(QUICK, &links(&server, &["/ok", "/fehlt"]));
    let run = run_at(&site, None, &["check", "--external", "--format", "json"]);
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        report["external"],
        serde_json::json!({"links": 2, "checked": 2, "cached": 0, "skipped": 0})
    );
    let finding = &report["findings"][0];
    assert_eq!(finding["rule"], "external-broken");
    assert_eq!(finding["file"], "content/projekte/links.md");
    assert_eq!(finding["line"], 6);
    let plain = run_at(&site, None, &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&plain.stdout).expect("JSON");
    assert!(report.get("external").is_none(), "{report}");
}

#[test]
fn a_bad_check_setting_is_an_error_at_its_line() {
    let check = "check:\n  external:\n    per_host: 0\n    skip:\n      - https://ok.example.org/\n      - ftp://example.org\n    cache: ../links.json\n";
    let site = site_with(check, "Text.\n");
    let run = site.run_both(&["check", "--external"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // A mistake in site.yaml is a finding of the check, on standard output.
    insta::assert_snapshot!(run.stdout);
    // The key belongs to site.yaml: a build refuses it too.
    assert_eq!(site.run(&["build"]).code, 1);
    let typo = site_with("check:\n  external:\n    per_hots: 2\n", "Text.\n");
    let run = typo.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("unknown key `per_hots`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("site.yaml:9:"), "{}", run.stdout);
    assert!(
        run.stdout.contains("did you mean `per_host`?"),
        "{}",
        run.stdout
    );
}
