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
