//! A build writes each page as soon as its Markdown is rendered and then drops its
//! HTML, unless something read later needs it: a list that shows its pages' content,
//! a page that asks for another page, a full-content feed, `check`. These are the
//! cases where that must not show in the output.

mod common;

use common::Site;

/// The body of `aktuelles/eins.md` in the `lists-site` fixture, as rendered.
const EINS: &str = "Meldung eins, der Text.";

fn lists_site() -> Site {
    let site = Site::fixture("lists-site");
    site.write(
        "content/aktuelles/eins.md",
        &format!("---\ntitle: Meldung eins\ndate: 2026-01-01\n---\n{EINS}\n"),
    );
    site
}

#[test]
fn a_list_that_shows_its_pages_content_gets_each_page_in_full() {
    for lp in ["p", "page"] {
        let site = lists_site();
        site.write(
            "templates/section.html",
            &format!(
                "{{% for {lp} in section.pages %}}<div>{{{{ {lp}.content | safe }}}}</div>{{% endfor %}}"
            ),
        );
        site.build_ok(&[]);
        let html = site.output("aktuelles/index.html");
        assert!(
            html.contains(&format!("<div><p>{EINS}</p>\n</div>")),
            "{lp}: {html}"
        );
        // The page itself is written as before.
        assert!(site.output("aktuelles/eins/index.html").contains(EINS));
    }
}

#[test]
fn a_page_that_asks_for_another_page_gets_its_content() {
    let site = lists_site();
    site.write(
        "templates/page.html",
        "{{ page.title }}|{% set other = get_page(path=\"aktuelles/eins.md\") %}{{ other.content | safe }}",
    );
    site.build_ok(&[]);
    let html = site.output("aktuelles/zwei/index.html");
    assert!(html.starts_with("Meldung zwei|"), "{html}");
    assert!(html.contains(&format!("<p>{EINS}</p>")), "{html}");
}

#[test]
fn a_page_that_only_reads_itself_is_the_same_whether_others_ask_or_not() {
    // One build where every page can be written early, one where the page template
    // asks for a section (so every page waits for all bodies): the pages agree.
    let early = lists_site();
    early.build_ok(&[]);
    let late = lists_site();
    let page = std::fs::read_to_string(late.path().join("templates/page.html")).expect("page.html");
    late.write(
        "templates/page.html",
        &page.replace(
            "{% block content %}",
            "{% block content %}{% set s = get_section(path=\"aktuelles\") %}",
        ),
    );
    late.build_ok(&[]);
    assert_eq!(early.tree("public"), late.tree("public"));
}

#[test]
fn a_template_error_on_a_page_is_reported_once_and_nothing_is_written() {
    let site = lists_site();
    site.write(
        "templates/page.html",
        "{{ page.title }}{{ page.nope.deeper }}",
    );
    // `build_fails` also checks that the previous output stayed as it was.
    let stderr = site.build_fails(&[]);
    common::assert_error_count(&stderr, 1);
    assert!(stderr.contains("`nope`"), "{stderr}");
}

#[test]
fn a_full_content_feed_gets_the_html_of_its_pages() {
    let site = lists_site();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}feeds:\n  content: full\n"));
    site.build_ok(&[]);
    let feed = site.output("atom.xml");
    assert!(
        feed.contains(&format!("&lt;p&gt;{EINS}&lt;/p&gt;")),
        "{feed}"
    );
    assert!(site.output("aktuelles/eins/index.html").contains(EINS));
}

#[test]
fn check_places_a_problem_at_its_markdown_line_though_the_page_was_written_early() {
    let site = lists_site();
    site.write(
        "content/aktuelles/eins.md",
        "---\ntitle: Meldung eins\ndate: 2026-01-01\n---\nText.\n\n<p><a href=\"/fehlt/\">Fehlt</a></p>\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The body is found in the page's HTML, so the message names the Markdown line.
    assert!(
        run.stdout.contains("content/aktuelles/eins.md:7"),
        "{}",
        run.stdout
    );
}
