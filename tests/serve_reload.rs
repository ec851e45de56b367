//! `lernort serve` while the site is edited: pages, theme and site templates, added and
//! deleted pages, stylesheets (a `css` event instead of a reload), and a failing rebuild
//! showing the error overlay over the last good site until it is fixed. Every wait is
//! bounded; a failure says what was awaited and shows the server's output.

mod common;

use common::preview::{KNOTENPUNKTE, LIVE, OVERLAY, Preview, Sandbox};

// --- Editing a page ------------------------------------------------------------------------

#[test]
fn editing_a_page_reloads_with_the_new_text() {
    let p = Preview::start("basic");
    assert!(!p.page("/projekte/knotenpunkte/").contains("Neuer Absatz"));

    let text = p.sandbox.read(KNOTENPUNKTE);
    p.sandbox.write(
        KNOTENPUNKTE,
        &format!("{text}\nNeuer Absatz über Lernorte.\n"),
    );
    p.reload("editing knotenpunkte.md");
    p.wait_for_page("the new paragraph", "/projekte/knotenpunkte/", |r| {
        r.status == 200 && r.text().contains("<p>Neuer Absatz über Lernorte.</p>")
    });
    let html = p.page("/projekte/knotenpunkte/");
    assert_eq!(html.matches("data-lernort-live").count(), 1, "{html}");

    // One line per rebuild on stdout, naming the changed file.
    p.server.wait_for("the rebuild line on stdout", || {
        p.server.stdout().iter().any(|l| {
            l.starts_with("content/projekte/knotenpunkte.md: ")
                && l.contains(" updated in ")
                && l.ends_with(" ms")
        })
    });

    // A second edit of the same page works too.
    let text = p.sandbox.read(KNOTENPUNKTE);
    p.sandbox
        .write(KNOTENPUNKTE, &text.replace("Neuer Absatz", "Zweiter Stand"));
    p.reload("editing knotenpunkte.md again");
    p.wait_for_page("the second edit", "/projekte/knotenpunkte/", |r| {
        r.text().contains("Zweiter Stand über Lernorte.") && !r.text().contains("Neuer Absatz")
    });
}

/// Tools such as `sed -i` write a temporary file next to the page and rename it over
/// the page: the temporary name comes and goes within one save. It was never an input,
/// so the rebuild line names only the page.
#[test]
fn a_temporary_file_that_comes_and_goes_is_not_reported() {
    let p = Preview::start("basic");
    let before = p.server.stdout().len();
    let text = p.sandbox.read(KNOTENPUNKTE);
    let tmp = p.sandbox.path("content/projekte/sedXy12Ab");
    std::fs::write(&tmp, format!("{text}\nNachtrag.\n")).expect("write temp file");
    std::fs::rename(&tmp, p.sandbox.path(KNOTENPUNKTE)).expect("rename over the page");
    p.wait_for_page("the edit", "/projekte/knotenpunkte/", |r| {
        r.text().contains("Nachtrag.")
    });
    let line = || {
        p.server
            .stdout()
            .into_iter()
            .skip(before)
            .find(|l| l.contains("knotenpunkte.md"))
    };
    p.server.wait_for("the rebuild line", || line().is_some());
    let line = line().expect("a rebuild line");
    assert!(
        line.starts_with("content/projekte/knotenpunkte.md: "),
        "only the page is named: {line}"
    );
    assert!(
        !p.server.stdout().iter().any(|l| l.contains("sedXy12Ab")),
        "{}",
        p.server.log()
    );
}

/// Switching a git branch touches many files at once: the rebuild line names a few and
/// counts the rest, instead of growing without bound.
#[test]
fn a_rebuild_after_many_files_changed_names_a_few_and_counts_the_rest() {
    let p = Preview::start("basic");
    let before = p.server.stdout().len();
    for i in 0..12 {
        p.sandbox.write(
            &format!("content/projekte/viele-{i:02}.md"),
            &format!("---\ntitle: Seite {i}\n---\nText.\n"),
        );
    }
    p.wait_for_page("the last new page", "/projekte/viele-11/", |r| {
        r.status == 200
    });
    let lines: Vec<String> = p
        .server
        .stdout()
        .into_iter()
        .skip(before)
        .filter(|l| l.contains("viele-"))
        .collect();
    for line in &lines {
        assert!(line.matches("content/").count() <= 6, "{line}");
    }
    // Usually all twelve arrive in one batch; then the line counts the other seven.
    if let [line] = lines.as_slice() {
        assert!(line.contains(" and 7 more files: "), "{line}");
    }
}

// --- Editing a template -------------------------------------------------------------------

#[test]
fn editing_the_theme_page_template_updates_every_page() {
    let p = Preview::start("basic");
    let template = "themes/test/templates/page.html";
    let text = p.sandbox.read(template);
    p.sandbox.write(
        template,
        &text.replace(
            "</article>",
            "</article>\n<p class=\"stand\">Vorlage geändert</p>",
        ),
    );
    p.reload("editing the theme's page.html");
    for target in ["/projekte/knotenpunkte/", "/projekte/lernen-vor-ort/"] {
        p.wait_for_page("the changed template", target, |r| {
            r.status == 200 && r.text().contains("<p class=\"stand\">Vorlage geändert</p>")
        });
    }
    // Sections use their own template.
    assert!(!p.page("/projekte/").contains("Vorlage geändert"));
}

#[test]
fn editing_a_site_template_that_overrides_the_theme_updates_every_page() {
    let sandbox = Sandbox::new("basic");
    let theme = sandbox.read("themes/test/templates/page.html");
    sandbox.write(
        "templates/page.html",
        &theme.replace(
            "</article>",
            "</article>\n<p class=\"stand\">Eigene Vorlage 1</p>",
        ),
    );
    let p = Preview::start_in(sandbox);
    assert!(
        p.page("/projekte/knotenpunkte/")
            .contains("Eigene Vorlage 1")
    );

    let text = p.sandbox.read("templates/page.html");
    p.sandbox.write(
        "templates/page.html",
        &text.replace("Eigene Vorlage 1", "Eigene Vorlage 2"),
    );
    p.reload("editing the site's templates/page.html");
    for target in ["/projekte/knotenpunkte/", "/projekte/lernen-vor-ort/"] {
        p.wait_for_page("the site's changed template", target, |r| {
            r.text().contains("Eigene Vorlage 2") && !r.text().contains("Eigene Vorlage 1")
        });
    }
}

/// The site has no `templates/` folder when the preview starts; creating
/// `templates/page.html` then must override the theme like it does in `build`.
#[test]
fn a_site_template_created_while_serving_overrides_the_theme() {
    let p = Preview::start("basic");
    assert!(!p.sandbox.path("templates").exists());
    let theme = p.sandbox.read("themes/test/templates/page.html");
    p.sandbox.write(
        "templates/page.html",
        &theme.replace(
            "</article>",
            "</article>\n<p class=\"stand\">Neue eigene Vorlage</p>",
        ),
    );
    p.reload("creating templates/page.html");
    for target in ["/projekte/knotenpunkte/", "/projekte/lernen-vor-ort/"] {
        p.wait_for_page("the new site template", target, |r| {
            r.text().contains("Neue eigene Vorlage")
        });
    }
}

// --- Adding and deleting a page -----------------------------------------------------------

#[test]
fn adding_and_deleting_a_page_updates_the_section_list() {
    let p = Preview::start("basic");
    let new = "content/projekte/neues-projekt.md";
    assert!(!p.page("/projekte/").contains("/projekte/neues-projekt/"));
    assert_eq!(p.get("/projekte/neues-projekt/").status, 404);

    p.sandbox.write(
        new,
        "---\ntitle: Neues Projekt\nweight: 3\n---\nEin ganz neues Projekt.\n",
    );
    p.reload("adding a page");
    p.wait_for_page("the new link on the section", "/projekte/", |r| {
        r.text()
            .contains("<a href=\"/projekte/neues-projekt/\">Neues Projekt</a>")
    });
    let html = p.page("/projekte/neues-projekt/");
    assert!(html.contains("<h1>Neues Projekt</h1>"), "{html}");
    assert!(html.contains("Ein ganz neues Projekt."), "{html}");

    p.sandbox.remove(new);
    p.reload("deleting the page");
    p.wait_for_page("the link gone from the section", "/projekte/", |r| {
        r.status == 200 && !r.text().contains("/projekte/neues-projekt/")
    });
    let r = p.get("/projekte/neues-projekt/");
    assert_eq!(r.status, 404, "{}", r.text());
    assert!(r.text().contains("Seite nicht gefunden"), "{}", r.text());
    assert!(!r.text().contains("Ein ganz neues Projekt."));
    // The other pages are still there.
    assert!(
        p.page("/projekte/")
            .contains("Knotenpunkte für Grundbildung")
    );
}

// --- A failing rebuild ---------------------------------------------------------------------

#[test]
fn a_broken_front_matter_shows_the_overlay_over_the_last_good_page_until_fixed() {
    let mut p = Preview::start("basic");
    let good = p.sandbox.read(KNOTENPUNKTE);

    // `<kaputt>` checks that the overlay escapes the message.
    p.sandbox.write(
        KNOTENPUNKTE,
        "---\ntitle: [<kaputt>]\nweight: 1\n---\nDieser Text ist noch nicht gültig.\n",
    );
    let event = p.change("breaking the front matter");
    assert_eq!(event.name, "reload", "{event:?}");
    assert!(
        event.is_error(),
        "a failed rebuild reports an error: {event:?}"
    );

    for target in ["/projekte/knotenpunkte/", "/projekte/lernen-vor-ort/", "/"] {
        let r = p.get(target);
        assert_eq!(r.status, 200, "{target} keeps its last good version");
        let html = r.text();
        assert!(html.contains(OVERLAY), "{target}: overlay missing:\n{html}");
        assert!(
            html.contains("content/projekte/knotenpunkte.md:2"),
            "{target}: the overlay names the file and line:\n{html}"
        );
        assert!(
            html.contains("&lt;kaputt&gt;") && !html.contains("<kaputt>"),
            "{target}: the error text is HTML-escaped:\n{html}"
        );
        assert!(html.contains(LIVE), "{target}: still live:\n{html}");
    }
    let html = p.page("/projekte/knotenpunkte/");
    assert!(
        html.contains("<h1>Knotenpunkte für Grundbildung</h1>")
            && html.contains("Das Projektteam entwickelt"),
        "the last good content stays:\n{html}"
    );
    assert!(!html.contains("noch nicht gültig"), "{html}");
    let overlay = html.find(OVERLAY).expect("overlay");
    assert!(overlay < html.rfind("</body>").expect("</body>"));
    // The 404 page shows it too; non-HTML files do not.
    let r = p.get("/gibt-es-nicht/");
    assert_eq!(r.status, 404);
    assert!(r.text().contains(OVERLAY), "{}", r.text());
    assert!(!p.get("/css/test.css").text().contains(OVERLAY));
    p.server.wait_for("`rebuild failed` on stderr", || {
        p.server
            .stderr()
            .contains("content/projekte/knotenpunkte.md: rebuild failed")
    });

    // An unknown key is an error too; the overlay follows the latest error.
    p.sandbox.write(
        KNOTENPUNKTE,
        "---\ntitle: Knotenpunkte\nfarbe: blau\n---\nImmer noch kaputt.\n",
    );
    let event = p.change("an unknown front matter key");
    assert!(event.is_error(), "{event:?}");
    p.wait_for_page(
        "the overlay naming the unknown key",
        "/projekte/knotenpunkte/",
        |r| {
            r.text().contains(OVERLAY)
                && r.text().contains("farbe")
                && r.text().contains("content/projekte/knotenpunkte.md:3")
        },
    );

    // Fixed: a normal reload, the new text, no overlay anywhere.
    p.sandbox.write(
        KNOTENPUNKTE,
        &good.replace(
            "Das Projektteam entwickelt",
            "Repariert: das Projektteam entwickelt",
        ),
    );
    let event = p.reload("fixing the front matter");
    assert!(!event.is_error(), "{event:?}");
    p.wait_for_page("the fixed page", "/projekte/knotenpunkte/", |r| {
        r.text().contains("Repariert: das Projektteam entwickelt")
    });
    for target in [
        "/projekte/knotenpunkte/",
        "/projekte/lernen-vor-ort/",
        "/",
        "/nix/",
    ] {
        let html = p.get(target).text();
        assert!(
            !html.contains(OVERLAY),
            "{target}: overlay still there:\n{html}"
        );
        assert!(html.contains(LIVE), "{target}");
    }
    p.server.assert_running();
}

// --- Stylesheets ---------------------------------------------------------------------------

#[test]
fn editing_only_a_stylesheet_sends_a_css_event() {
    let p = Preview::start("basic");
    let css = "themes/test/assets/css/test.css";
    let text = p.sandbox.read(css);
    let new = format!("{text}main {{ max-width: 40rem; }}\n");
    p.sandbox.write(css, &new);
    let event = p.change("editing test.css");
    assert_eq!(
        event.name, "css",
        "a stylesheet edit swaps styles: {event:?}"
    );
    assert!(!event.is_error(), "{event:?}");
    p.wait_for_page("the new stylesheet", "/css/test.css", |r| {
        r.status == 200 && r.text() == new
    });

    // A page edit after it is a reload again.
    let page = p.sandbox.read(KNOTENPUNKTE);
    p.sandbox
        .write(KNOTENPUNKTE, &format!("{page}\nNach dem Stil.\n"));
    p.reload("editing a page after the stylesheet");
}
