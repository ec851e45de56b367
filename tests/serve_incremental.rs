//! `lernort serve` rebuilds incrementally and still gets everything right: after a
//! sequence of edits the preview equals a clean build byte for byte, and cached Markdown
//! and renders are redone when what they depend on changes (a deleted link target, a page
//! read through `get_page`, a template). Every wait is bounded; a failure says what was
//! awaited and shows the server's output.

mod common;

use common::preview::{KNOTENPUNKTE, OVERLAY, Preview, Sandbox};

// --- After a sequence of edits the preview equals a clean build --------------------------------

#[test]
fn after_a_sequence_of_edits_the_preview_equals_a_clean_build() {
    let p = Preview::start("basic");
    let s = &p.sandbox;

    // 1. Edit a page's text.
    let lvo = "content/projekte/lernen-vor-ort.md";
    let text = s.read(lvo);
    s.write(
        lvo,
        &text.replace(
            "August 2015.",
            "August 2015. Der Abschlussbericht ist online.",
        ),
    );
    p.reload("editing lernen-vor-ort.md");
    p.wait_for_page("the edited text", "/projekte/lernen-vor-ort/", |r| {
        r.text().contains("Der Abschlussbericht ist online.")
    });

    // 2. Add a page.
    s.write(
        "content/projekte/neu.md",
        "---\ntitle: Neues Projekt\nweight: 3\ntags: [Grundbildung, Neu]\n---\nBald mehr.\n",
    );
    p.reload("adding neu.md");
    p.wait_for_page("the new page in the list", "/projekte/", |r| {
        r.text().contains("/projekte/neu/")
    });

    // 3. Rename a page file: its URL moves.
    s.rename(KNOTENPUNKTE, "content/projekte/grundbildung.md");
    p.reload("renaming knotenpunkte.md");
    p.wait_for_page("the renamed page", "/projekte/grundbildung/", |r| {
        r.status == 200
    });
    p.wait_for_page("the old URL gone", "/projekte/knotenpunkte/", |r| {
        r.status == 404
    });

    // 4. Change a section's title.
    let section = "content/projekte/_index.md";
    let text = s.read(section);
    s.write(
        section,
        &text.replace("title: Projekte", "title: Unsere Projekte"),
    );
    p.reload("retitling the section");
    p.wait_for_page("the new section title", "/projekte/", |r| {
        r.text().contains("<h1>Unsere Projekte</h1>")
    });

    // 5. Edit a template.
    let template = "themes/test/templates/page.html";
    let text = s.read(template);
    s.write(
        template,
        &text.replace(
            "</article>",
            "</article>\n<footer>Stand: Vorlage 2</footer>",
        ),
    );
    p.reload("editing page.html");
    p.wait_for_page("the edited template", "/projekte/neu/", |r| {
        r.text().contains("Stand: Vorlage 2")
    });

    // 6. Edit the stylesheet (the asset hash in every page changes).
    let css = "themes/test/assets/css/test.css";
    let text = s.read(css);
    let new_css = format!("{text}h1 {{ color: #123456; }}\n");
    s.write(css, &new_css);
    let event = p.change("editing test.css");
    assert_eq!(event.name, "css", "{event:?}");
    p.wait_for_page("the edited stylesheet", "/css/test.css", |r| {
        r.text() == new_css
    });

    // 7. Delete a page.
    s.remove("content/projekte/neu.md");
    p.reload("deleting neu.md");
    p.wait_for_page("the deleted page gone", "/projekte/neu/", |r| {
        r.status == 404
    });

    let files = p.assert_matches_clean_build("after the sequence");
    assert!(
        files
            .iter()
            .any(|(rel, _)| rel == "projekte/grundbildung/index.html")
    );
    assert!(
        files.iter().any(|(rel, _)| rel.ends_with(".css")),
        "{files:?}"
    );

    for gone in ["/projekte/knotenpunkte/", "/projekte/neu/"] {
        assert!(
            !files
                .iter()
                .any(|(rel, _)| format!("/{rel}") == format!("{gone}index.html")),
            "{gone} is not in the clean build"
        );
        let r = p.get(gone);
        assert_eq!(r.status, 404, "{gone} must be gone:\n{}", r.text());
    }
}

// --- Cached Markdown stays correct ------------------------------------------------------------

#[test]
fn deleting_a_linked_page_reports_the_dead_link_in_the_unchanged_page_that_links_it() {
    let p = Preview::start("basic");
    let lvo = "content/projekte/lernen-vor-ort.md";
    let text = p.sandbox.read(lvo);

    // knotenpunkte.md links `lernen-vor-ort.md#ergebnisse` and is not touched: its
    // Markdown must still be rendered again, because its link target went away.
    p.sandbox.remove(lvo);
    let event = p.change("deleting the linked page");
    assert!(
        event.is_error(),
        "the dead link fails the rebuild: {event:?}"
    );
    let html = p.page("/projekte/knotenpunkte/");
    assert!(
        html.contains("content/projekte/knotenpunkte.md:6:67"),
        "the overlay names the linking page:\n{html}"
    );

    // Restoring it gives back exactly the last good site (so no file changes); the
    // error and its overlay go away.
    p.sandbox.write(lvo, &text);
    p.wait_for_page("the overlay gone", "/projekte/knotenpunkte/", |r| {
        r.status == 200 && !r.text().contains(OVERLAY)
    });
}

#[test]
fn an_edit_after_a_failed_rebuild_is_not_applied_to_the_site_before_it() {
    an_edit_after_a_failed_rebuild_fails_again(&[]);
}

/// With a pinned clock the preview does not build a failed site a second time at the
/// moment it finished (which, with a new moment, always takes the full path): the edit
/// comes right after the failure.
#[test]
fn an_edit_after_a_failed_rebuild_with_a_pinned_clock_is_not_applied_to_the_site_before_it() {
    an_edit_after_a_failed_rebuild_fails_again(&[("SOURCE_DATE_EPOCH", "1796083200")]);
}

fn an_edit_after_a_failed_rebuild_fails_again(env: &[(&str, &str)]) {
    let p = Preview::start_in_env(Sandbox::new("basic"), env);
    // A new page whose link has no target: the content loads cleanly, the model fails.
    p.sandbox.write(
        "content/projekte/neu.md",
        "---\ntitle: Neu\n---\n[weg](fehlt.md)\n",
    );
    let event = p.change("adding a page with a dead link");
    assert!(
        event.is_error(),
        "the dead link fails the rebuild: {event:?}"
    );

    // Only another page's text changes now. The last good site lacks the new page, so
    // updating it in place would hide the dead link: the rebuild must fail again.
    let lvo = "content/projekte/lernen-vor-ort.md";
    let text = p.sandbox.read(lvo);
    p.sandbox.write(lvo, &format!("{text}\nNoch ein Satz.\n"));
    let event = p.change("editing another page's text");
    assert!(event.is_error(), "the dead link is still there: {event:?}");
    let html = p.page("/projekte/lernen-vor-ort/");
    assert!(
        html.contains("content/projekte/neu.md:4"),
        "the overlay names the new page:\n{html}"
    );
}

#[test]
fn a_page_that_reads_another_page_is_rendered_again_when_that_page_changes() {
    let p = Preview::start("basic");
    // A site template that shows, on every page, the title of another page.
    p.sandbox.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% set other = get_page(path=\"projekte/lernen-vor-ort.md\") %}<p class=\"other\">{{ other.title }}</p>{{ page.content | safe }}{% endblock content %}",
    );
    p.wait_for_page("the site template in use", "/projekte/knotenpunkte/", |r| {
        r.text()
            .contains("<p class=\"other\">Rückblick: Lernen vor Ort</p>")
    });

    // Only lernen-vor-ort.md changes; knotenpunkte.md's own context does not, but it
    // read the changed page through `get_page`, so it must be rendered again.
    let lvo = "content/projekte/lernen-vor-ort.md";
    let text = p
        .sandbox
        .read(lvo)
        .replace("Rückblick: Lernen vor Ort", "Lernen vor Ort 2010–2015");
    p.sandbox.write(lvo, &text);
    p.wait_for_page(
        "the new title on the other page",
        "/projekte/knotenpunkte/",
        |r| {
            r.text()
                .contains("<p class=\"other\">Lernen vor Ort 2010–2015</p>")
        },
    );
}

#[test]
fn a_template_change_re_renders_only_the_pages_that_use_it() {
    let p = Preview::start("basic");
    let lines_before = p.server.stdout().len();
    // Only the section page `/projekte/` uses `section.html` (the home page uses
    // `index.html`, the pages `page.html`; all of them extend `base.html`).
    let template = "themes/test/templates/section.html";
    let text = p.sandbox.read(template);
    p.sandbox
        .write(template, &text.replace("<h1>", "<h1 class=\"neu\">"));
    p.wait_for_page("the changed section template", "/projekte/", |r| {
        r.text().contains("<h1 class=\"neu\">")
    });
    // The line is printed right after the new pages are served: wait for it too.
    let line = rebuild_line(&p, lines_before, "section.html");
    assert!(
        line.contains(": 1 page re-rendered"),
        "only the page using section.html is rendered again: {line}"
    );
    assert!(!p.page("/projekte/knotenpunkte/").contains("class=\"neu\""));
}

/// The preview's line for the first rebuild whose changed files include `name`.
fn rebuild_line(p: &Preview, after: usize, name: &str) -> String {
    let find = || {
        p.server
            .stdout()
            .into_iter()
            .skip(after)
            .find(|l| l.contains(name) && l.contains("re-rendered"))
    };
    p.server.wait_for("the rebuild line", || find().is_some());
    find().expect("a rebuild line")
}

/// A new page changes what its section and the home page list, and nothing else: the
/// other pages' links and values are the same, so they are not rendered again.
#[test]
fn adding_a_page_re_renders_only_the_pages_that_show_it() {
    let p = Preview::start("basic");
    let before = p.server.stdout().len();
    p.sandbox.write(
        "content/projekte/neu.md",
        "---\ntitle: Neues Projekt\n---\nBald mehr.\n",
    );
    p.wait_for_page("the new page in the list", "/projekte/", |r| {
        r.text().contains("/projekte/neu/")
    });
    let line = rebuild_line(&p, before, "neu.md");
    assert!(
        line.contains(": 3 pages re-rendered"),
        "the new page, its section and the home page: {line}"
    );
    p.assert_matches_clean_build("after adding a page");
}

/// `url(path="@/…")` in a template is recorded like `get_page`: when the page it names
/// moves, every page that asked for its URL is rendered again.
#[test]
fn a_page_that_asked_for_another_page_s_url_follows_it_when_it_moves() {
    let p = Preview::start("basic");
    p.sandbox.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<a class=\"lvo\" href=\"{{ url(path='@/projekte/lernen-vor-ort.md') }}\">LVO</a>{{ page.content | safe }}{% endblock content %}",
    );
    // A page in another section that neither links to nor lists the moved page: only
    // the recorded `url()` call ties it to it.
    p.sandbox.write(
        "content/andere.md",
        "---\ntitle: Andere Seite\n---\nNur Text.\n",
    );
    p.wait_for_page("the site template in use", "/andere/", |r| {
        r.text()
            .contains("class=\"lvo\" href=\"/projekte/lernen-vor-ort/\"")
    });
    let lvo = "content/projekte/lernen-vor-ort.md";
    let text = p
        .sandbox
        .read(lvo)
        .replace("weight: 2", "weight: 2\nslug: lvo");
    p.sandbox.write(lvo, &text);
    p.wait_for_page("the new URL on the other page", "/andere/", |r| {
        r.text().contains("class=\"lvo\" href=\"/projekte/lvo/\"")
    });
    p.assert_matches_clean_build("after moving the page");
}

// --- Edits the preview applies in place stay equal to a clean build ---------------------------

/// A page edit that keeps the page's URL is applied to the last good site in place; any
/// edit that could change another page's links (a slug, a removed heading, a draft, a
/// new folder) takes the full build. After each step the preview must equal a clean
/// build, whichever way it took.
#[test]
fn edits_applied_in_place_or_in_full_equal_a_clean_build_after_every_step() {
    let p = Preview::start("basic");
    let s = &p.sandbox;
    let lvo = "content/projekte/lernen-vor-ort.md";
    let original = s.read(lvo);
    let edit = |path: &str, from: &str, to: &str| {
        let text = s.read(path);
        assert!(text.contains(from), "{path} contains {from:?}");
        s.write(path, &text.replacen(from, to, 1));
    };

    // Body text only.
    edit(KNOTENPUNKTE, "alltagspraktische", "ganz alltagspraktische");
    p.reload("editing the body of knotenpunkte.md");
    p.wait_for_page("the new text", "/projekte/knotenpunkte/", |r| {
        r.text().contains("ganz alltagspraktische")
    });
    p.assert_matches_clean_build("after a body edit");

    // A weight that moves the page to the top of its section's list.
    edit(lvo, "weight: 2", "weight: 0");
    p.reload("changing the weight of lernen-vor-ort.md");
    p.wait_for_page("the new order", "/projekte/", |r| {
        let html = r.text();
        matches!(
            (html.find("/projekte/lernen-vor-ort/"), html.find("/projekte/knotenpunkte/")),
            (Some(a), Some(b)) if a < b
        )
    });
    p.assert_matches_clean_build("after a weight change");

    // A new title and description: lists and breadcrumbs show page values.
    edit(
        lvo,
        "title: \"Rückblick: Lernen vor Ort\"",
        "title: \"Lernen vor Ort (2010–2015)\"\ndescription: Ein Rückblick",
    );
    p.reload("retitling lernen-vor-ort.md");
    p.wait_for_page("the new title in the list", "/projekte/", |r| {
        r.text().contains("Lernen vor Ort (2010–2015)")
    });
    p.assert_matches_clean_build("after a title change");

    // A date: shown on the page and listed in the sitemap.
    edit(lvo, "weight: 0", "weight: 0\ndate: 2015-08-31");
    p.reload("dating lernen-vor-ort.md");
    p.wait_for_page("the date in the sitemap", "/sitemap.xml", |r| {
        r.text().contains("<lastmod>2015-08-31</lastmod>")
    });
    p.assert_matches_clean_build("after a date change");

    // Renaming a heading another page links to: the build fails and names the link.
    edit(lvo, "## Ergebnisse", "## Resultate");
    let event = p.change("renaming the linked heading");
    assert!(
        event.is_error(),
        "a dead anchor fails the rebuild: {event:?}"
    );
    let html = p.page("/projekte/knotenpunkte/");
    assert!(
        html.contains("content/projekte/knotenpunkte.md:6") && html.contains("ergebnisse"),
        "the overlay names the link to the removed heading:\n{html}"
    );
    edit(lvo, "## Resultate", "## Ergebnisse");
    p.wait_for_page("the overlay gone", "/projekte/knotenpunkte/", |r| {
        r.status == 200 && !r.text().contains(OVERLAY)
    });
    p.assert_matches_clean_build("after restoring the heading");

    // An alias: a new redirect page.
    edit(lvo, "weight: 0", "weight: 0\naliases: [/lvo/]");
    p.reload("adding an alias");
    p.wait_for_page("the redirect", "/lvo/", |r| r.status == 200);
    p.assert_matches_clean_build("after adding an alias");

    // A slug: the URL moves, and the link in knotenpunkte.md follows it.
    edit(lvo, "weight: 0", "weight: 0\nslug: lvo-rueckblick");
    p.reload("changing the slug");
    p.wait_for_page("the new URL", "/projekte/lvo-rueckblick/", |r| {
        r.status == 200
    });
    p.assert_gone("after changing the slug", "/projekte/lernen-vor-ort/");
    let knoten = p.page("/projekte/knotenpunkte/");
    assert!(
        knoten.contains("/projekte/lvo-rueckblick/#ergebnisse"),
        "{knoten}"
    );
    p.assert_matches_clean_build("after changing the slug");

    // A draft: the page leaves the site.
    edit(KNOTENPUNKTE, "weight: 1", "weight: 1\ndraft: true");
    p.reload("making knotenpunkte.md a draft");
    p.assert_gone("after drafting knotenpunkte.md", "/projekte/knotenpunkte/");
    p.assert_matches_clean_build("after drafting a page");

    // A new folder with a page in it, then the folder removed as a whole.
    std::fs::create_dir_all(s.path("content/team")).expect("mkdir content/team");
    s.write(
        "content/team/leitung.md",
        "---\ntitle: Leitung\n---\nN. N.\n",
    );
    p.wait_for_page("the new section's page", "/team/leitung/", |r| {
        r.status == 200
    });
    p.assert_matches_clean_build("after adding a folder");
    std::fs::remove_dir_all(s.path("content/team")).expect("rm -r content/team");
    p.assert_gone("after removing the folder", "/team/leitung/");
    p.assert_gone("after removing the folder", "/team/");
    p.assert_matches_clean_build("after removing a folder");

    // Back to the original text: only the draft is left over from the edits.
    s.write(lvo, &original);
    p.wait_for_page("the original URL", "/projekte/lernen-vor-ort/", |r| {
        r.status == 200
    });
    p.assert_gone("after restoring lernen-vor-ort.md", "/lvo/");
    p.assert_matches_clean_build("after restoring the original text");
}

/// Download links show a file's size, so a file that grows renders the pages linking
/// it again, although no Markdown changed.
#[test]
fn a_linked_file_that_changes_size_updates_the_download_note() {
    let p = Preview::start("basic");
    let s = &p.sandbox;
    s.write("content/projekte/plan.pdf", &"x".repeat(100));
    let text = s.read(KNOTENPUNKTE);
    s.write(KNOTENPUNKTE, &format!("{text}\n[Der Plan](plan.pdf)\n"));
    p.wait_for_page("the download note", "/projekte/knotenpunkte/", |r| {
        r.text().contains("100 Byte")
    });
    s.write("content/projekte/plan.pdf", &"x".repeat(3000));
    p.wait_for_page("the new size", "/projekte/knotenpunkte/", |r| {
        r.text().contains("3 KB")
    });
    p.assert_matches_clean_build("after the file grew");
}

/// A page's typed fields can change while its own file does not: its section's
/// `page_type` names another type, or an image it shows moves with the bundle it
/// belongs to. The page is rendered again (its fields were once left out of what
/// decides whether a page's output still holds, and the preview kept the old ones).
#[test]
fn typed_fields_that_change_without_the_page_s_file_render_the_page_again() {
    let s = Sandbox::new("basic");
    let config = s.read("site.yaml");
    let types = "types:\n  person:\n    fields:\n      role: {type: string, default: Mitglied}\n      photo: {type: image}\n  gast:\n    fields:\n      role: {type: string, default: Gast}\n      photo: {type: image}\n";
    s.write("site.yaml", &format!("{config}{types}"));
    s.write(
        "content/team/_index.md",
        "---\ntitle: Team\npage_type: person\n---\n",
    );
    s.write(
        "content/team/anna.md",
        "---\ntitle: Anna\nphoto: \"@/projekte/bericht/bild.svg\"\nphoto_alt: Anna\n---\nText.\n",
    );
    s.write(
        "content/projekte/bericht/index.md",
        "---\ntitle: Bericht\n---\n",
    );
    s.write(
        "content/projekte/bericht/bild.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    s.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% if page.fields %}<p class=\"fields\">{{ page.type }}: {{ page.fields.role }}, {{ page.fields.photo.src }}</p>{% endif %}{{ page.content | safe }}{% endblock content %}",
    );
    let p = Preview::start_in(s);
    let anna = "/team/anna/";
    p.wait_for_page("the fields", anna, |r| {
        r.text()
            .contains("person: Mitglied, /projekte/bericht/bild.svg")
    });

    // Another type for the section: anna.md is unchanged, its fields are not.
    p.sandbox.write(
        "content/team/_index.md",
        "---\ntitle: Team\npage_type: gast\n---\n",
    );
    p.wait_for_page("the other type's default", anna, |r| {
        r.text().contains("gast: Gast,")
    });
    p.assert_matches_clean_build("after the section named another type");

    // The bundle gets a slug: its image, and so the image field, has a new address.
    p.sandbox.write(
        "content/projekte/bericht/index.md",
        "---\ntitle: Bericht\nslug: rueckblick\n---\n",
    );
    p.wait_for_page("the image's new address", anna, |r| {
        r.text().contains("/projekte/rueckblick/bild.svg")
    });
    p.assert_matches_clean_build("after the bundle moved");
}

/// A navigation item's `path` is part of what every page shows of the site: renaming a
/// top-level folder to a name with the same address changes it on pages that share
/// nothing else with that section.
#[test]
fn renaming_a_top_level_folder_to_the_same_address_updates_the_navigation_everywhere() {
    let p = Preview::start("basic");
    let s = &p.sandbox;
    s.write(
        "content/team/_index.md",
        "---\ntitle: Team\n---\nWer wir sind.\n",
    );
    let base = s.read("themes/test/templates/base.html");
    assert!(
        base.contains("</nav>"),
        "the test theme's base.html has its <nav>"
    );
    let paths =
        "<p class=\"pfade\">{% for item in site.navigation %}{{ item.path }} {% endfor %}</p>";
    s.write(
        "themes/test/templates/base.html",
        &base.replacen("</nav>", &format!("</nav>{paths}"), 1),
    );
    p.wait_for_page("the paths in the navigation", "/team/", |r| {
        r.text().contains("projekte/_index.md team/_index.md")
    });
    s.rename("content/projekte", "content/Projekte");
    p.wait_for_page("the renamed folder's path", "/team/", |r| {
        r.text().contains("Projekte/_index.md team/_index.md")
    });
    let html = p.page("/team/");
    assert!(
        html.contains("href=\"/projekte/\""),
        "the address is the same:\n{html}"
    );
    p.assert_matches_clean_build("after renaming a top-level folder");
}
