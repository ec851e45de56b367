//! `lernort serve` keeps list pages current: term pages, paginated lists and feeds
//! follow an edited date, title or term, and the preview equals a clean build.

mod common;

use common::preview::Preview;

#[test]
fn term_pages_lists_and_feeds_follow_edits() {
    let p = Preview::start("lists-site");
    let s = &p.sandbox;
    p.assert_matches_clean_build("the start");

    // A new date moves the page in its section's list, its term pages and the feeds
    // (the in-place path: only the page's text changed).
    let eins = "content/aktuelles/eins.md";
    s.write(eins, &s.read(eins).replace("2026-01-01", "2026-12-01"));
    p.reload("redating eins.md");
    p.wait_for_page("eins first on MINT", "/themen/mint/", |r| {
        r.text()
            .contains("<ol class=\"pages\"><li><a href=\"/aktuelles/eins/\">")
    });
    p.assert_matches_clean_build("after redating eins.md");

    // A new title moves it by name nowhere, but every list shows the new title.
    s.write(
        eins,
        &s.read(eins).replace("Meldung eins", "Meldung Eins neu"),
    );
    p.reload("retitling eins.md");
    p.assert_matches_clean_build("after retitling eins.md");

    // A new term: a term page appears; one page less: a list page goes.
    s.write(
        eins,
        &s.read(eins)
            .replace("themen: [MINT]", "themen: [MINT, Alphabetisierung]"),
    );
    p.reload("a term for eins.md");
    p.assert_matches_clean_build("after a term for eins.md");
    s.remove("content/aktuelles/zwei.md");
    p.reload("deleting zwei.md");
    p.assert_matches_clean_build("after deleting zwei.md");
    p.assert_gone("after deleting zwei.md", "/aktuelles/seite/3/");

    // Pagination and feeds switched in `_index.md` and `site.yaml`.
    let index = "content/aktuelles/_index.md";
    s.write(
        index,
        &s.read(index).replace("paginate_by: 3", "paginate_by: 2"),
    );
    p.reload("paginating by 2");
    p.assert_matches_clean_build("after paginating by 2");
    s.write(index, &s.read(index).replace("feed: true\n", ""));
    p.reload("no section feed");
    p.assert_matches_clean_build("after dropping the feed");
    p.assert_gone("after dropping the feed", "/aktuelles/atom.xml");
    // An archive: an expired page leaves the list for it, and follows its edits there.
    s.write(
        index,
        &s.read(index)
            .replace("sort_by: date\n", "sort_by: date\nexpired: archive\n"),
    );
    p.reload("an archive");
    let drei = "content/aktuelles/drei.md";
    s.write(
        drei,
        &s.read(drei).replace(
            "date: 2026-03-01\n",
            "date: 2026-03-01\nexpiry_date: 2000-01-01\n",
        ),
    );
    p.reload("drei.md expired");
    p.wait_for_page("drei in the archive", "/aktuelles/archiv/", |r| {
        r.text().contains("/aktuelles/drei/")
    });
    p.assert_matches_clean_build("after drei.md expired");
    s.write(
        drei,
        &s.read(drei).replace("Meldung drei", "Meldung drei, alt"),
    );
    p.reload("retitling the archived drei.md");
    p.assert_matches_clean_build("after retitling the archived drei.md");

    let config = s.read("site.yaml");
    s.write("site.yaml", &format!("{config}feeds:\n  limit: 1\n"));
    p.reload("a feed limit");
    p.assert_matches_clean_build("after a feed limit");
}

/// The home feed switched on in `content/_index.md` (while `feeds: home: false`)
/// changes `site.feed_url` on every page of the preview, as in a clean build.
#[test]
fn switching_the_home_feed_on_in_index_md_reaches_every_page() {
    let sandbox = common::preview::Sandbox::new("lists-site");
    let config = sandbox.read("site.yaml");
    sandbox.write("site.yaml", &format!("{config}feeds:\n  home: false\n"));
    let page = sandbox.read("templates/page.html");
    sandbox.write(
        "templates/page.html",
        &page.replace(
            "<h1>{{ page.title }}</h1>",
            "<h1>{{ page.title }}</h1><p class=\"feed\">{{ site.feed_url }}</p>",
        ),
    );
    let p = Preview::start_in(sandbox);
    p.assert_matches_clean_build("the start");
    let index = "content/_index.md";
    let s = &p.sandbox;
    s.write(
        index,
        &s.read(index)
            .replace("title: Start\n", "title: Start\nfeed: true\n"),
    );
    p.reload("feed: true on the home page");
    p.assert_matches_clean_build("after feed: true on the home page");
}
