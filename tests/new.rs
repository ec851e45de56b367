//! `lernort new SECTION/NAME`: a new page with the fields of its section's content type,
//! which fails the build until its required fields are filled in and builds once they
//! are; refusals (a file that exists, a section that does not, a name that gives no
//! address) leave the site untouched.

mod common;

use std::path::Path;

use common::{Site, copy_tree};

/// The fixed day for pages that get a date.
const DAY: &str = "2027-06-01";

fn read(site: &Site, rel: &str) -> String {
    let path = site.path().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs `new <args>` in German in one copy of `fixture` and in English in another;
/// returns what each printed and the file each wrote (`file`), for one snapshot.
fn create_both(fixture: &str, args: &[&str], file: &str) -> String {
    let mut shown = String::new();
    for lang in ["de", "en"] {
        let site = Site::fixture(fixture);
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        let run = site.run_lang(lang, &all);
        assert_eq!(run.code, 0, "lernort {all:?} ({lang}):\n{}", run.stderr);
        assert_eq!(run.stderr, "", "nothing on stderr");
        shown.push_str(&format!("[{lang}] {}{}\n", run.stdout, read(&site, file)));
    }
    shown
}

/// Runs `new <args>` in both languages, expects exit code 2 both times and nothing
/// changed in `content/`; returns both error messages.
fn refused(site: &Site, args: &[&str]) -> String {
    let before = site.tree("content");
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    let run = site.run_both(&all);
    assert_eq!(run.code, 2, "lernort {all:?}:\n{}", run.stderr);
    assert_eq!(run.stdout, "[en]\n", "nothing on stdout");
    assert_eq!(
        site.tree("content"),
        before,
        "lernort {all:?} changed content/"
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let typed: Vec<String> = all
        .iter()
        .map(|a| {
            if a.is_empty() || a.contains(' ') {
                format!("'{a}'")
            } else {
                a.to_string()
            }
        })
        .collect();
    format!("$ lernort {}\n{}\n", typed.join(" "), run.stderr)
}

/// Creates a page with `new <args>` (in English) and checks it succeeded.
fn new_ok(site: &Site, args: &[&str]) -> String {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    let run = site.run(&all);
    assert_eq!(run.code, 0, "lernort {all:?}:\n{}", run.stderr);
    run.stdout
}

/// Replaces each `from` in the file `rel` by its `to`, as an editor filling it in.
fn fill(site: &Site, rel: &str, replacements: &[(&str, &str)]) {
    let mut text = read(site, rel);
    for (from, to) in replacements {
        assert!(text.contains(from), "no `{from}` in {rel}:\n{text}");
        text = text.replacen(from, to, 1);
    }
    site.write(rel, &text);
}

#[test]
fn a_team_page_gets_the_fields_of_its_sections_type() {
    let shown = create_both(
        "new-site",
        &["team/anna-beispiel"],
        "content/team/anna-beispiel.md",
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn a_page_in_a_section_sorted_by_date_gets_its_date() {
    let shown = create_both(
        "new-site",
        &[
            "aktuelles/sommerfest",
            "--title",
            "Sommerfest: 2027",
            "--date",
            DAY,
        ],
        "content/aktuelles/sommerfest.md",
    );
    assert!(shown.contains("\ntitle: 'Sommerfest: 2027'\n"), "{shown}");
    assert!(shown.contains("\ndate: 2027-06-01\n"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn every_kind_of_field_gets_a_placeholder_and_a_comment() {
    let shown = create_both(
        "new-site",
        &["seiten/alles", "--type", "alles", "--bundle"],
        "content/seiten/alles/index.md",
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn a_page_without_a_type_has_a_title_a_description_and_its_taxonomies() {
    let site = Site::fixture("new-site");
    let stdout = new_ok(&site, &["seiten/ueber-uns"]);
    assert_eq!(
        stdout,
        "New page: [SITE]/content/seiten/ueber-uns.md – write its description and text, then: lernort --root [SITE] serve\n"
    );
    assert_eq!(
        read(&site, "content/seiten/ueber-uns.md"),
        concat!(
            "---\ntitle: Ueber Uns\n# One sentence that sums up the page; it is shown in overviews and search results\ndescription: \n",
            "\n# More fields: remove the # before a field's name to use it\n",
            "# Optional: Tags as a list, e.g. [Schule, Beruf]\n# tags: []\n---\n"
        )
    );
}

#[test]
fn a_page_in_a_sorted_by_date_section_offers_its_dates_and_allowed_terms() {
    let site = Site::fixture("new-site");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    let config = config.replace(
        "taxonomies: [tags]",
        "taxonomies:\n  - name: themen\n    title: Themen\n    terms: [MINT, Schule]",
    );
    site.write("site.yaml", &config);
    new_ok(&site, &["seiten/fest", "--date", "2027-03-01"]);
    let text = read(&site, "content/seiten/fest.md");
    assert!(
        text.contains("# Optional: Themen as a list; allowed are: MINT, Schule\n# themen: []\n"),
        "{text}"
    );
    assert!(text.contains("\n# publish_date: \n"), "{text}");
    assert!(text.contains("\n# expiry_date: \n"), "{text}");
    // Uncommented and filled in, the page builds.
    let filled = text
        .replace("description: \n", "description: Ein Fest.\n")
        .replace("# themen: []", "themen: [MINT]")
        .replace("# expiry_date: ", "expiry_date: 2027-03-31");
    site.write("content/seiten/fest.md", &filled);
    site.build_ok(&["--now", "2027-03-02"]);
    assert!(
        site.output("themen/mint/index.html")
            .contains("/seiten/fest/")
    );
}

/// Typed as the editor types it, in the site folder: paths without the site folder,
/// and `lernort serve` as the next step.
#[test]
fn in_the_site_folder_the_message_names_the_file_as_typed() {
    let site = Site::fixture("new-site");
    let run = site.run_in(site.path(), &["new", "content/team/bernd-muster.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "New page: content/team/bernd-muster.md – fill in the required field `role`, then: lernort serve\n"
    );
    assert!(read(&site, "content/team/bernd-muster.md").starts_with("---\ntitle: Bernd Muster\n"));
}

#[test]
fn the_date_is_today_where_the_section_sorts_by_date_and_given_anywhere() {
    let site = Site::fixture("new-site");
    new_ok(&site, &["aktuelles/heute"]);
    let text = read(&site, "content/aktuelles/heute.md");
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .unwrap_or_else(|| panic!("a date in:\n{text}"));
    let date: jiff::civil::Date = date.parse().expect("a date");
    let today = jiff::ZonedDateTime::now().date();
    // The test may run across midnight.
    let days = (today - date).get_days().abs();
    assert!(days <= 1, "{date} is not today ({today})");

    new_ok(&site, &["team/ohne-datum"]);
    assert!(!read(&site, "content/team/ohne-datum.md").contains("\ndate:"));
    new_ok(&site, &["team/mit-datum", "--date", DAY]);
    assert!(read(&site, "content/team/mit-datum.md").contains("\ndate: 2027-06-01\n"));
}

/// The promise to editors: a new page builds once its required fields are filled.
#[test]
fn filled_in_new_pages_build() {
    let site = Site::fixture("new-site");
    new_ok(&site, &["team/anna-beispiel"]);
    new_ok(&site, &["team/extern/gast"]);
    new_ok(&site, &["aktuelles/sommerfest", "--date", DAY]);
    new_ok(&site, &["seiten/alles", "--type", "alles", "--bundle"]);
    new_ok(&site, &["seiten/frei"]);
    new_ok(&site, &["kontakt"]);
    fill(
        &site,
        "content/team/anna-beispiel.md",
        &[("role: \n", "role: Beratung\n")],
    );
    fill(
        &site,
        "content/team/extern/gast.md",
        &[("role: \n", "role: Gast\n")],
    );
    fill(
        &site,
        "content/aktuelles/sommerfest.md",
        &[
            ("place: \n", "place: Rathaus\n"),
            ("kind: \n", "kind: Fest\n"),
        ],
    );
    site.write(
        "content/seiten/alles/bild.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    site.write("content/seiten/alles/flyer.pdf", "%PDF-1.4\n");
    fill(
        &site,
        "content/seiten/alles/index.md",
        &[
            ("name: \n", "name: Alles\n"),
            ("text: \n", "text: |\n  Zwei\n  Zeilen\n"),
            ("count: \n", "count: 3\n"),
            ("share: \n", "share: 0.5\n"),
            ("open: \n", "open: true\n"),
            ("day: \n", "day: 2027-06-01\n"),
            ("month: \n", "month: 2027-06\n"),
            ("start: \n", "start: 2027-06-01T14:00:00+02:00\n"),
            ("mail: \n", "mail: info@example.org\n"),
            ("site: \n", "site: https://www.example.org/\n"),
            ("phone: \n", "phone: 0651 123456\n"),
            ("picture: \n", "picture: bild.svg\n"),
            ("picture_alt: \n", "picture_alt: Ein leeres Bild\n"),
            ("flyer: \n", "flyer: flyer.pdf\n"),
            ("contact: \n", "contact: team/leitung.md\n"),
            ("level: \n", "level: B1\n"),
            ("tags_list: \n#   - \n", "tags_list: \n  - Eins\n"),
            (
                "address: \n#   street: \n#   city: \n",
                "address: \n  city: Trier\n",
            ),
            (
                "# links: \n#   - title: \n#     url: \n",
                "links: \n  - title: Mehr\n",
            ),
        ],
    );
    site.build_ok(&[]);
    for page in [
        "team/anna-beispiel",
        "team/extern/gast",
        "aktuelles/sommerfest",
        "seiten/alles",
        "seiten/frei",
        "kontakt",
    ] {
        assert!(site.has_output(&format!("{page}/index.html")), "{page}");
    }
}

#[test]
fn unfilled_required_fields_fail_the_build_at_their_lines() {
    let site = Site::fixture("new-site");
    new_ok(&site, &["team/anna-beispiel"]);
    new_ok(&site, &["aktuelles/sommerfest", "--date", DAY]);
    // Half filled in: one of two fields, and an image without its alt text.
    fill(
        &site,
        "content/aktuelles/sommerfest.md",
        &[("kind: \n", "kind: Fest\n")],
    );
    site.write(
        "content/team/anna.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    fill(
        &site,
        "content/team/anna-beispiel.md",
        &[
            ("# photo: \n", "photo: anna.svg\n"),
            ("# photo_alt: \n", "photo_alt: \n"),
        ],
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("the field `role` is empty"), "{stderr}");
    assert!(stderr.contains("the field `place` is empty"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn refusals_name_the_problem_and_change_nothing() {
    let site = Site::fixture("new-site");
    std::fs::create_dir(site.path().join("content/leer")).expect("an empty folder");
    let leitung = read(&site, "content/team/leitung.md");
    let mut shown = String::new();
    for args in [
        &["team/leitung"][..],
        &["team/leitung!"],
        &["team/extern"],
        &["projekte/lernort-tag"],
        &["projekte/lernort-tag", "--bundle"],
        &["tem/anna"],
        &["team/neu/anna"],
        &["leer/anna"],
        &["projekte/lernort-tag/bericht"],
        &["../anna"],
        &["team/../../anna"],
        &[""],
        &["team/!!!"],
        &["team/_index"],
        &["team/.entwurf"],
        &["team/anna", "--type", "persn"],
        &["team/anna", "--type", "mitarbeiter"],
        &["aktuelles/fest", "--date", "01.06.2027"],
        &["team/anna", "--title", "  "],
    ] {
        shown.push_str(&refused(&site, args));
    }
    assert_eq!(read(&site, "content/team/leitung.md"), leitung);
    insta::assert_snapshot!(shown);
}

#[test]
fn a_site_without_sections_or_types_says_so() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: Klein\nbase_url: https://www.example.org\n",
    );
    site.write("content/_index.md", "---\ntitle: Start\n---\n");
    let mut shown = refused(&site, &["team/anna"]);
    shown.push_str(&refused(&site, &["anna", "--type", "person"]));
    insta::assert_snapshot!(shown);
    new_ok(&site, &["anna"]);
    assert!(site.path().join("content/anna.md").is_file());
}

/// The type of the new page depends on the section's `_index.md`: when that cannot be
/// read, its problem is reported rather than a page of the wrong type written.
#[test]
fn a_broken_section_index_is_reported_not_guessed_around() {
    let site = Site::fixture("new-site");
    site.write(
        "content/team/_index.md",
        "---\ntitle: Team\npage_type: [person\n---\n",
    );
    let run = site.run(&["new", "team/extern/anna"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("--> content/team/_index.md"),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("content/team/extern/anna.md").exists());
}

/// The bundled KBM site (the repository root): a new team member builds once its role
/// is filled in, a new news item at once.
#[test]
fn new_pages_in_the_bundled_site_build() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = Site::empty();
    std::fs::copy(root.join("site.yaml"), site.path().join("site.yaml")).expect("site.yaml");
    copy_tree(&root.join("content"), &site.path().join("content"));
    copy_tree(&root.join("themes"), &site.path().join("themes"));

    let stdout = new_ok(&site, &["team/test-person"]);
    assert!(stdout.contains("`role`"), "{stdout}");
    let text = read(&site, "content/team/test-person.md");
    assert!(
        text.contains("# Required: die Funktion, z. B. Bildungsmonitoring\nrole: \n"),
        "{text}"
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "the empty role fails the build");
    assert!(
        run.stderr.contains("the field `role` is empty"),
        "{}",
        run.stderr
    );

    fill(
        &site,
        "content/team/test-person.md",
        &[("role: \n", "role: Bildungsberatung\n")],
    );
    new_ok(&site, &["aktuelles/test-meldung", "--date", DAY]);
    new_ok(&site, &["projekte/test-projekt"]);
    fill(
        &site,
        "content/projekte/test-projekt.md",
        &[("status: \n", "status: laufend\n")],
    );
    site.build_ok(&[]);
    let html = site.output("team/test-person/index.html");
    assert!(html.contains("Bildungsberatung"), "{html}");
    assert!(site.has_output("aktuelles/test-meldung/index.html"));
}
