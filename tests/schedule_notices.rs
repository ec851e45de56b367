//! Warnings before a scheduled change breaks the build, and the edges of the calendar,
//! of generated addresses and of `lernort new` that the schedule and lists meet.

mod common;

const EXPIRING: &str = "---\ntitle: Anmeldung\nexpiry_date: 2026-03-31\n---\nBis 31.3.\n";

/// The build the day before must warn of every link the expiry breaks the day after.
fn assert_announced_then_breaks(site: &common::Site, linker: &str) {
    let before = site.build_ok(&["--now", "2026-03-31"]);
    let after = site.run(&["build", "--now", "2026-04-01"]);
    assert_eq!(
        after.code, 1,
        "the next day's build fails:\n{}",
        after.stderr
    );
    assert!(
        after.stderr.contains(linker),
        "the failure is at {linker}:\n{}",
        after.stderr
    );
    assert!(
        before.stderr.contains(&format!("the link in `{linker}`"))
            || before.stderr.contains(&format!("in `{linker}` to")),
        "the build the day before should warn that {linker} will break; it said:\n{}",
        before.stderr
    );
}

/// A link to a page with an `expiry_date` is fine today and fails the build from the
/// day after, in the unattended nightly build: the builds before warn of it, in words.
#[test]
fn a_link_to_a_page_that_will_expire_is_announced_the_day_before() {
    let site = common::basic_with(&[
        ("content/projekte/anmeldung.md", EXPIRING),
        (
            "content/projekte/kurs.md",
            "---\ntitle: Kurs\n---\nZur [Anmeldung](anmeldung.md).\n",
        ),
    ]);
    assert_announced_then_breaks(&site, "content/projekte/kurs.md");
    let run = site.run_both(&["build", "--now", "2026-03-31"]);
    let warnings: Vec<&str> = run.stderr.lines().filter(|l| !l.is_empty()).collect();
    insta::assert_snapshot!(warnings.join("\n"));
}

/// A section's own text links too: its link to an expiring page is announced.
#[test]
fn a_link_from_a_section_index_to_an_expiring_page_is_announced() {
    let site = common::basic_with(&[
        ("content/projekte/anmeldung.md", EXPIRING),
        (
            "content/projekte/_index.md",
            "---\ntitle: Projekte\n---\nZur [Anmeldung](anmeldung.md).\n",
        ),
    ]);
    assert_announced_then_breaks(&site, "content/projekte/_index.md");
}

/// A link to a file of an expiring page bundle breaks with the bundle: announced too.
#[test]
fn a_link_to_a_file_of_an_expiring_bundle_is_announced() {
    let site = common::basic_with(&[
        ("content/projekte/kurs/index.md", EXPIRING),
        ("content/projekte/kurs/formular.pdf", "pdf"),
        (
            "content/projekte/hinweis.md",
            "---\ntitle: Hinweis\n---\nDas [Formular](kurs/formular.pdf).\n",
        ),
    ]);
    assert_announced_then_breaks(&site, "content/projekte/hinweis.md");
}

/// A clash of two generated pages (a term page and a section's archive) is reported at
/// `site.yaml`, with a hint that fits both.
#[test]
fn a_clash_of_a_term_page_and_an_archive_names_a_file_and_a_fitting_hint() {
    let site = common::basic_with(&[
        (
            "content/projekte/_index.md",
            "---\ntitle: Projekte\nexpired: archive\n---\n",
        ),
        (
            "content/projekte/alt.md",
            "---\ntitle: Alt\nexpiry_date: 2020-01-01\n---\n",
        ),
        (
            "content/projekte/k.md",
            "---\ntitle: K\nthema: [archiv]\n---\n",
        ),
    ]);
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &config
            .replace("taxonomies: [tags]", "taxonomies: [tags, projekte]")
            .replace("thema", "projekte"),
    );
    site.write(
        "content/projekte/k.md",
        "---\ntitle: K\nprojekte: [archiv]\n---\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("/projekte/archiv/"), "{stderr}");
    assert!(
        !stderr.contains("--> site.yaml (taxonomies"),
        "a location must be a file:\n{stderr}"
    );
}

/// `date: 9999-12-31` keeps its day in the feed, without nanoseconds.
#[test]
fn the_last_day_of_the_calendar_keeps_its_day_in_a_feed() {
    let site = common::basic_with(&[
        (
            "content/projekte/_index.md",
            "---\ntitle: Projekte\nfeed: true\n---\n",
        ),
        (
            "content/projekte/immer.md",
            "---\ntitle: Immer\ndate: 9999-12-31\n---\nText.\n",
        ),
    ]);
    site.build_ok(&[]);
    let feed = site.output("projekte/atom.xml");
    assert!(
        feed.contains("<published>9999-12-31"),
        "the entry's day is the one written:\n{feed}"
    );
}

/// `lernort new` copies a taxonomy's title and terms into comments line by line, at every
/// line break YAML knows (a lone carriage return too): the new page builds.
#[test]
fn a_page_made_by_new_builds_whatever_the_terms_hold() {
    let site = common::basic_with(&[]);
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &config.replace(
            "taxonomies: [tags]",
            "taxonomies:\n  - name: tags\n    terms: [\"a\\rb: c\", Grundbildung]\n",
        ),
    );
    let made = site.run(&["new", "projekte/neu"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "the page as made builds:\n{}", run.stderr);
}

/// A page in an archive stays built after its own expiry: its link to an expiring page
/// must go, and the warning says so instead of offering the same `expiry_date`.
#[test]
fn a_link_from_an_archived_section_is_announced_with_the_fitting_advice() {
    let site = common::basic_with(&[
        ("content/projekte/anmeldung.md", EXPIRING),
        (
            "content/alt/_index.md",
            "---\ntitle: Alt\nexpired: archive\n---\n",
        ),
        (
            "content/alt/bericht.md",
            "---\ntitle: Bericht\nexpiry_date: 2026-03-31\n---\nZur [Anmeldung](@/projekte/anmeldung.md).\n",
        ),
    ]);
    let before = site.build_ok(&["--now", "2026-03-31"]);
    assert!(
        before.stderr.contains(
            "the link in `content/alt/bericht.md` to `content/projekte/anmeldung.md` leads nowhere from 2026-04-01"
        ) && before.stderr.contains("stays in its archive"),
        "{}",
        before.stderr
    );
    let after = site.run(&["build", "--now", "2026-04-01"]);
    assert_eq!(after.code, 1, "{}", after.stderr);
}

/// A typed reference (`{type: page}`) to an expiring page breaks like a link does, and
/// is announced like one.
#[test]
fn a_typed_reference_to_an_expiring_page_is_announced() {
    let site = common::basic_with(&[("content/projekte/anmeldung.md", EXPIRING)]);
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}types:\n  hinweis:\n    fields:\n      siehe: {{type: page}}\n      mehr: {{type: list, items: page}}\n"),
    );
    site.write(
        "content/hinweis.md",
        "---\ntitle: Hinweis\ntype: hinweis\nsiehe: projekte/anmeldung.md\n---\nText.\n",
    );
    site.write(
        "content/liste.md",
        "---\ntitle: Liste\ntype: hinweis\nmehr: [projekte/anmeldung.md]\n---\nText.\n",
    );
    let before = site.build_ok(&["--now", "2026-03-31"]);
    for linker in ["content/hinweis.md", "content/liste.md"] {
        assert!(
            before.stderr.contains(&format!(
                "the link in `{linker}` to `content/projekte/anmeldung.md`"
            )),
            "{linker}:\n{}",
            before.stderr
        );
    }
    let after = site.run(&["build", "--now", "2026-04-01"]);
    assert_eq!(after.code, 1, "{}", after.stderr);
}
