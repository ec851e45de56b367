//! Scheduled publishing: `publish_date` and `expiry_date` in the site's `timezone`,
//! `--future`, `--expired`, `--now` and `SOURCE_DATE_EPOCH`, sections that archive
//! their expired pages, links to pages their dates leave out, and the line that
//! announces the next scheduled change. Every build pins its clock.
//!
//! The fixture `schedule-site` is built at 2027-01-01, 00:00 in Berlin unless a test
//! says otherwise: `aktuelles/fest.md` and `termine/messe.md` appear on 2027-03-01,
//! `termine/vortrag/` at 10:00 that day; `aktuelles/markt.md` (archived) and
//! `termine/kurs.md` (hidden) have expired; `aktuelles/sprechstunde.md` is shown until
//! 2027-06-30.

mod common;

use common::preview::{Sandbox, Server};
use common::{Run, Site, assert_contains_all};

/// The moment most tests build at: midnight on New Year's Day in the site's zone.
const NEW_YEAR: &str = "2027-01-01T00:00:00+01:00";

fn site() -> Site {
    Site::fixture("schedule-site")
}

/// Builds at `now` with `flags` and asserts it succeeded.
fn build_at(site: &Site, now: &str, flags: &[&str]) -> Run {
    let mut args = vec!["--now", now];
    args.extend_from_slice(flags);
    site.build_ok(&args)
}

/// The page links of a section page rendered with the test theme.
fn listed(html: &str) -> String {
    let start = html.find("<ol class=\"pages\">").expect("a page list");
    let end = start + html[start..].find("</ol>").expect("list end");
    html[start..end].to_string()
}

/// The lines after the summary line of a build's stdout (the summary has timings).
fn after_summary(stdout: &str) -> String {
    stdout
        .lines()
        .filter(|l| !l.contains(" ms ") && !l.ends_with(" ms"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_future_page_is_left_out_until_its_publish_date() {
    let site = site();
    build_at(&site, NEW_YEAR, &[]);
    assert!(!site.has_output("aktuelles/fest/index.html"));
    assert!(!site.output("aktuelles/index.html").contains("Sommerfest"));
    let sitemap = site.output("sitemap.xml");
    assert!(!sitemap.contains("/aktuelles/fest/"), "{sitemap}");
    assert!(sitemap.contains("/aktuelles/sprechstunde/"), "{sitemap}");
    // A future bundle takes its files with it.
    assert!(!site.has_output("termine/vortrag/index.html"));
    assert!(!site.has_output("termine/vortrag/plakat.pdf"));

    build_at(&site, NEW_YEAR, &["--future"]);
    let page = site.output("aktuelles/fest/index.html");
    assert_contains_all(
        &page,
        &["<h1>Sommerfest</h1>", "<p class=\"ab\">ab 2027-03-01</p>"],
    );
    assert!(listed(&site.output("aktuelles/index.html")).contains("/aktuelles/fest/"));
    assert!(site.output("sitemap.xml").contains("/aktuelles/fest/"));
    assert!(site.has_output("termine/vortrag/plakat.pdf"));
}

#[test]
fn a_page_appears_on_its_day_without_a_flag() {
    let site = site();
    build_at(&site, "2027-03-01", &[]);
    assert!(site.has_output("aktuelles/fest/index.html"));
    assert!(site.has_output("termine/messe/index.html"));
    assert!(
        !site.has_output("termine/vortrag/index.html"),
        "an exact time counts to the minute"
    );
    build_at(&site, "2027-03-01T10:00:00+01:00", &[]);
    assert!(site.has_output("termine/vortrag/plakat.pdf"));
}

#[test]
fn an_expired_page_is_left_out_and_shown_with_expired() {
    let site = site();
    build_at(&site, NEW_YEAR, &[]);
    assert!(!site.has_output("termine/kurs/index.html"));
    assert!(!site.output("termine/index.html").contains("Herbstkurs"));
    assert!(!site.output("sitemap.xml").contains("/termine/kurs/"));

    build_at(&site, NEW_YEAR, &["--expired"]);
    let page = site.output("termine/kurs/index.html");
    assert!(
        !page.contains("archiviert"),
        "a section that hides does not archive"
    );
    assert!(listed(&site.output("termine/index.html")).contains("/termine/kurs/"));
}

#[test]
fn bare_dates_begin_at_midnight_in_the_sites_time_zone() {
    let site = site();
    site.write(
        "content/termine/neujahr.md",
        "---\ntitle: Neujahr\npublish_date: 2027-01-01\nexpiry_date: 2027-01-01\n---\nText.\n",
    );
    let shown = |now: &str| {
        build_at(&site, now, &[]);
        site.has_output("termine/neujahr/index.html")
    };
    // Published at exactly midnight in Berlin, not a second before.
    assert!(shown("2027-01-01T00:00:00+01:00"));
    assert!(!shown("2026-12-31T23:59:59+01:00"));
    assert!(!shown("2026-12-31T22:59:59Z"), "23:59:59 in Berlin");
    // Shown through its expiry day, gone at the next midnight there.
    assert!(shown("2027-01-01T23:59:59+01:00"));
    assert!(!shown("2027-01-02T00:00:00+01:00"));
    assert!(!shown("2027-01-01T23:00:00Z"), "midnight in Berlin");

    // Without `timezone:` the day is UTC's.
    let config = site.path().join("site.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, yaml.replace("timezone: Europe/Berlin\n", "")).unwrap();
    assert!(
        !shown("2027-01-01T00:30:00+01:00"),
        "23:30 UTC on New Year's Eve"
    );
    assert!(shown("2027-01-01T00:00:00Z"));
}

#[test]
fn an_archive_keeps_expired_pages_at_their_url_out_of_the_list() {
    let site = site();
    for flags in [&[][..], &["--expired"]] {
        build_at(&site, NEW_YEAR, flags);
        let page = site.output("aktuelles/markt/index.html");
        assert_contains_all(
            &page,
            &[
                "<article class=\"archiviert\">",
                "<p class=\"archiv\">Archiv</p>",
                "Gültig bis 31. Dezember 2026",
            ],
        );
        let list = listed(&site.output("aktuelles/index.html"));
        assert!(!list.contains("markt"), "{flags:?}: {list}");
        assert!(list.contains("/aktuelles/sprechstunde/"), "{list}");
    }
    // Before it expires it is an ordinary page of the list.
    build_at(&site, "2026-12-31T23:59:00+01:00", &[]);
    let page = site.output("aktuelles/markt/index.html");
    assert!(!page.contains("archiviert"), "{page}");
    assert!(listed(&site.output("aktuelles/index.html")).contains("/aktuelles/markt/"));
}

#[test]
fn the_archive_page_lists_the_archived_pages_and_feeds_leave_them_out() {
    let site = site();
    site.write(
        "content/aktuelles/markt.md",
        "---\ntitle: Weihnachtsmarkt\ndate: 2026-11-20\nexpiry_date: 2026-12-31\ntags: [Markt]\n---\nDer Markt.\n",
    );
    site.write(
        "site.yaml",
        "title: Zeitplan\nbase_url: https://example.org\nlanguage: de\ntheme: test\ntimezone: Europe/Berlin\ntaxonomies: [tags]\n",
    );
    build_at(&site, NEW_YEAR, &[]);
    let archive = site.output("aktuelles/archiv/index.html");
    assert_eq!(
        listed(&archive),
        "<ol class=\"pages\"><li><a href=\"/aktuelles/markt/\">Weihnachtsmarkt</a> (archiviert)</li>"
    );
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/aktuelles/archiv/</loc>"),
        "{sitemap}"
    );
    // Expired, it has left the feed; its term page keeps it, marked archived, so that the
    // page's own term link still leads somewhere.
    let term = site.output("tags/markt/index.html");
    assert!(term.contains("/aktuelles/markt/"), "{term}");
    let feed = site.output("atom.xml");
    assert!(!feed.contains("/aktuelles/markt/"), "{feed}");
    assert!(feed.contains("/aktuelles/sprechstunde/"), "{feed}");
    // Before it expires, the archive is empty and the page is in the lists.
    build_at(&site, "2026-12-31T23:59:00+01:00", &[]);
    let archive = site.output("aktuelles/archiv/index.html");
    assert_eq!(listed(&archive), "<ol class=\"pages\">");
    assert!(
        site.output("tags/markt/index.html")
            .contains("/aktuelles/markt/")
    );
}

#[test]
fn a_page_where_the_archive_goes_is_an_error() {
    let site = site();
    site.write(
        "content/aktuelles/archiv.md",
        "---\ntitle: Archiv\n---\nAlt.\n",
    );
    insta::assert_snapshot!(site.build_fails(&["--now", NEW_YEAR]));
}

#[test]
fn a_link_to_a_future_page_is_an_error_naming_both_and_the_date() {
    let site = site();
    site.write(
        "content/aktuelles/vorschau.md",
        "---\ntitle: Vorschau\n---\nBald: das [Fest](fest.md), die [Messe](/termine/messe/) \
         und das [Plakat](@/termine/vortrag/plakat.pdf).\n",
    );
    let stderr = site.build_fails(&["--now", NEW_YEAR]);
    insta::assert_snapshot!(stderr);
    // Previewed with every scheduled page, the links work.
    build_at(&site, NEW_YEAR, &["--future"]);
    let html = site.output_hrefs("aktuelles/vorschau/index.html");
    assert_contains_all(
        &html,
        &[
            "href=\"/aktuelles/fest/\"",
            "href=\"/termine/messe/\"",
            "href=\"/termine/vortrag/plakat.pdf\"",
        ],
    );
}

#[test]
fn a_page_published_with_its_target_may_link_it() {
    let site = site();
    site.write(
        "content/aktuelles/nachbericht.md",
        "---\ntitle: Nachbericht\npublish_date: 2027-03-01\n---\nZum [Fest](fest.md).\n",
    );
    build_at(&site, NEW_YEAR, &[]);
    build_at(&site, "2027-03-01", &[]);
    assert!(site.has_output("aktuelles/nachbericht/index.html"));
}

#[test]
fn a_link_to_an_expired_page_or_a_typed_reference_is_an_error() {
    let site = site();
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{config}types:\n  hinweis:\n    fields:\n      siehe: {{type: page}}\n"),
    );
    site.write(
        "content/hinweis.md",
        "---\ntitle: Hinweis\ntype: hinweis\nsiehe: termine/messe.md\n---\n\
         Siehe den [Kurs](termine/kurs.md).\n",
    );
    let stderr = site.build_fails(&["--now", NEW_YEAR]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_expiry_date_before_the_publish_date_is_an_error_at_its_line() {
    let site = site();
    site.write(
        "content/termine/falsch.md",
        "---\ntitle: Falsch\npublish_date: 2027-03-02\nexpiry_date: 2027-03-01\n---\n",
    );
    let stderr = site.build_fails(&["--now", NEW_YEAR]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_wrong_date_is_reported_even_when_the_other_would_hide_the_page() {
    let site = site();
    site.write(
        "content/termine/vertippt.md",
        "---\ntitle: Vertippt\npublish_date: 2027-13-01\nexpiry_date: 2026-01-01\n---\n",
    );
    let stderr = site.build_fails(&["--now", NEW_YEAR]);
    assert!(
        stderr.contains(
            "error: `publish_date: 2027-13-01` is not a valid date\n --> content/termine/vertippt.md:3:1"
        ),
        "{stderr}"
    );
}

#[test]
fn a_wrong_now_is_a_usage_error_naming_the_flag() {
    let site = site();
    let before = site.with_previous_output();
    let run = site.run_both(&["build", "--now", "morgen"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
    for command in ["check", "serve"] {
        let run = site.run(&[command, "--now", "2027-02-30"]);
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains("`--now 2027-02-30` is not a moment"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(site.tree("public"), before);
}

/// Runs `lernort build` in German and in English with `SOURCE_DATE_EPOCH` set.
fn build_with_epoch(site: &Site, epoch: &str, args: &[&str]) -> Run {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = |lang| {
        site.run_with_env(
            &[("LERNORT_MESSAGES", lang), ("SOURCE_DATE_EPOCH", epoch)],
            &all,
        )
    };
    Run::both(run("de"), run("en"))
}

#[test]
fn source_date_epoch_pins_the_clock_and_now_wins_over_it() {
    let site = site();
    // 2027-03-01T00:00:00+01:00
    let run = build_with_epoch(&site, "1803855600", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.has_output("aktuelles/fest/index.html"));
    // The build says that its clock is not the current time.
    assert!(
        run.stderr.contains(
            "warning: the site was built at 2027-03-01 from `SOURCE_DATE_EPOCH`, not at the current time"
        ),
        "{}",
        run.stderr
    );
    let run = build_with_epoch(&site, "1803855600", &["--now", NEW_YEAR]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.has_output("aktuelles/fest/index.html"));
    assert!(!run.stderr.contains("SOURCE_DATE_EPOCH"), "{}", run.stderr);
}

#[test]
fn a_wrong_source_date_epoch_is_a_usage_error_naming_the_variable() {
    let site = site();
    let before = site.with_previous_output();
    let run = build_with_epoch(&site, "2027-01-01", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
    assert_eq!(site.tree("public"), before);
}

#[test]
fn an_unknown_time_zone_is_an_error_at_its_line_with_a_hint() {
    let site = site();
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write("site.yaml", &config.replace("Europe/Berlin", "Berlin"));
    let stderr = site.build_fails(&["--now", NEW_YEAR]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn the_build_says_when_the_next_scheduled_change_comes() {
    let site = site();
    let run = site.run_both(&["build", "--now", NEW_YEAR]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let at_midnight = after_summary(&run.stdout);
    let run = site.run_both(&["build", "--now", "2027-03-01T05:00:00+01:00"]);
    let at_ten = after_summary(&run.stdout);
    insta::assert_snapshot!(format!("{at_midnight}\n---\n{at_ten}"));
}

#[test]
fn no_line_when_nothing_is_scheduled() {
    let site = site();
    // After the last change (sprechstunde, gone from 2027-07-01), nothing is to come.
    let run = build_at(&site, "2027-07-01", &[]);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    let run = Site::fixture("basic").build_ok(&[]);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
}

#[test]
fn check_reports_the_next_change_and_checks_at_the_same_moment() {
    let site = site();
    let run = site.run(&["check", "--now", NEW_YEAR]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .ends_with("Next scheduled change: 2027-03-01, 2 pages\n"),
        "{}",
        run.stdout
    );
    site.write(
        "content/verweis.md",
        "---\ntitle: Verweis\n---\n[Fest](aktuelles/fest.md)\n",
    );
    let run = site.run(&["check", "--now", NEW_YEAR]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("is not published until 2027-03-01"),
        "{}",
        run.stdout
    );
    let run = site.run(&["check", "--now", NEW_YEAR, "--future"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn the_preview_shows_the_site_at_now_and_follows_date_edits() {
    let sandbox = Sandbox::new("schedule-site");
    let server = Server::start(&sandbox.site(), &["--port", "0", "--now", NEW_YEAR]);
    assert_eq!(server.get("/aktuelles/fest/").status, 404);
    assert!(server.page("/aktuelles/markt/").contains("archiviert"));

    // Dates that change what is shown go through the full build.
    let fest = sandbox.read("content/aktuelles/fest.md");
    sandbox.write(
        "content/aktuelles/fest.md",
        &fest.replace("publish_date: 2027-03-01", "publish_date: 2026-12-24"),
    );
    server.wait_for("the page whose date has come", || {
        server.get("/aktuelles/fest/").status == 200
    });
    let rel = "content/aktuelles/sprechstunde.md";
    let sprechstunde = sandbox.read(rel);
    sandbox.write(rel, &sprechstunde.replace("2027-06-30", "2026-12-31"));
    server.wait_for("the page that moved to the archive", || {
        server
            .page("/aktuelles/sprechstunde/")
            .contains("archiviert")
    });
    let list = listed(&server.page("/aktuelles/"));
    assert!(!list.contains("sprechstunde"), "{list}");
    assert!(list.contains("/aktuelles/fest/"), "{list}");
}

#[test]
fn without_now_the_preview_catches_up_with_a_date_that_has_come() {
    let sandbox = Sandbox::new("basic");
    let server = Server::start(&sandbox.site(), &["--port", "0"]);
    // The preview keeps the moment of its first build while nothing is scheduled. A
    // page due after that moment but before this edit is shown all the same.
    let due = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() + 1).unwrap();
    while jiff::Timestamp::now() <= due {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    sandbox.write(
        "content/projekte/bald.md",
        &format!("---\ntitle: Bald\npublish_date: {due}\n---\nDa.\n"),
    );
    server.wait_for("the page due since the first build", || {
        server.get("/projekte/bald/").status == 200
    });
    // A page far in the future stays out.
    sandbox.write(
        "content/projekte/spaeter.md",
        "---\ntitle: Später\npublish_date: 9000-01-01\n---\nNoch nicht.\n",
    );
    server.wait_for("the rebuild after the second page", || {
        server.stdout().iter().any(|l| l.contains("spaeter.md"))
    });
    assert_eq!(server.get("/projekte/spaeter/").status, 404);
}

#[test]
fn without_now_the_preview_shows_a_page_when_its_moment_comes_without_an_edit() {
    let sandbox = Sandbox::new("basic");
    let due = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() + 3).unwrap();
    sandbox.write(
        "content/projekte/gleich.md",
        &format!("---\ntitle: Gleich\npublish_date: {due}\n---\nJetzt da.\n"),
    );
    let server = Server::start(&sandbox.site(), &["--port", "0"]);
    assert_eq!(server.get("/projekte/gleich/").status, 404);
    server.wait_for("the page at its publish_date", || {
        server.get("/projekte/gleich/").status == 200
    });
    assert!(jiff::Timestamp::now() >= due);
    assert!(
        server
            .stdout()
            .iter()
            .any(|l| l.contains("a scheduled change")),
        "{}",
        server.log()
    );
}

/// `get_page` on a page left out by its `publish_date` says why and until when, as
/// `url(path="@/…")` does.
#[test]
fn get_page_of_a_page_held_back_by_its_date_says_until_when() {
    let site = common::basic_with(&[
        (
            "content/projekte/zukunft.md",
            "---\ntitle: Zukunft\npublish_date: 2099-01-01\n---\nText.\n",
        ),
        (
            "templates/index.html",
            "{% set z = get_page(path=\"projekte/zukunft.md\") %}{{ z.title }}\n",
        ),
    ]);
    let stderr = site.build_fails(&["--now", "2027-01-01"]);
    assert!(
        stderr.contains("2099-01-01"),
        "the message should say the page appears on 2099-01-01:\n{stderr}"
    );
}

/// With `--future` nothing changes at a page's `publish_date`: no change is announced.
#[test]
fn no_change_is_announced_that_a_flag_already_shows() {
    let site = common::basic_with(&[(
        "content/projekte/zukunft.md",
        "---\ntitle: Zukunft\npublish_date: 2099-01-01\n---\nText.\n",
    )]);
    let run = site.build_ok(&["--now", "2027-01-01", "--future"]);
    assert!(
        !run.stdout.contains("Next scheduled change"),
        "with --future the page is shown already:\n{}",
        run.stdout
    );
}

/// `expiry_date: 9999-12-31`, editors' „never“, is a valid date.
#[test]
fn the_last_day_of_the_calendar_is_a_date() {
    let site = common::basic_with(&[(
        "content/projekte/immer.md",
        "---\ntitle: Immer\nexpiry_date: 9999-12-31\n---\nText.\n",
    )]);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
