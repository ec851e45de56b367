//! `lernort serve` speaks the chosen language: with `LERNORT_MESSAGES=de` its terminal
//! lines, the page shown while the site has never built (with `<html lang="de">`) and
//! the error overlay over the last good version are German. The English of the same
//! steps is checked in `serve_load.rs` and `serve_reload.rs`.

mod common;

use std::time::{Duration, Instant};

use common::http::{WAIT, overlay_text};
use common::preview::{KNOTENPUNKTE, OVERLAY, Sandbox, Server};

#[test]
fn with_lernort_messages_de_the_preview_speaks_german() {
    let sandbox = Sandbox::new("basic");
    sandbox.write(
        KNOTENPUNKTE,
        "---\ntitle: Knotenpunkte\ndate: 31.05.2024\n---\nNoch nicht gültig.\n",
    );
    let server = Server::start_lang(&sandbox.site(), &["--port", "0"], "de");
    let events = server.events();
    let serving = server.stdout().join("\n");
    assert!(
        serving.contains(&format!(
            "Vorschau von {}",
            sandbox.site().canonicalize().expect("site").display()
        )) && serving.contains("(beenden mit Strg+C)"),
        "{serving}"
    );
    server.wait_for("the failed first build on stderr", || {
        server
            .stderr()
            .contains("Erstes Erstellen: Erstellen fehlgeschlagen")
    });

    // Never built: every path shows the German error page.
    let r = server.get("/");
    assert_eq!(r.status, 503, "{}", r.text());
    let html = r.text();
    assert!(
        html.starts_with("<!doctype html><html lang=\"de\">"),
        "{html}"
    );
    let site = sandbox.site().display().to_string();
    insta::assert_snapshot!(overlay_text(&html).replace(&site, "[SITE]"));

    // Fixed: a German rebuild line. The watcher may start only after the `Serving`
    // line, so the fix is saved again until a rebuild reports.
    let deadline = Instant::now() + WAIT;
    let event = loop {
        sandbox.write(KNOTENPUNKTE, "---\ntitle: Knotenpunkte\n---\nGültig.\n");
        if let Ok(event) = events.rx.recv_timeout(Duration::from_millis(500)) {
            break event;
        }
        assert!(
            Instant::now() < deadline,
            "no rebuild after the fix\n{}",
            server.log()
        );
    };
    assert!(!event.is_error(), "{event:?}\n{}", server.log());
    server.wait_for("the German rebuild line", || {
        server.stdout().iter().any(|l| {
            l.starts_with("content/projekte/knotenpunkte.md: ") && l.contains(" neu erstellt, ")
        })
    });

    // Broken again: the German overlay over the last good version.
    sandbox.write(
        KNOTENPUNKTE,
        "---\ntitle: Knotenpunkte\ndate: gestern\n---\n",
    );
    let event = events.next("a failed rebuild");
    assert!(event.is_error(), "{event:?}");
    let html = server.page("/projekte/knotenpunkte/");
    assert!(
        html.contains(&format!("id=\"{OVERLAY}\" lang=\"de\"")),
        "{html}"
    );
    let text = overlay_text(&html);
    for words in [
        "lernort: Das letzte Erstellen ist fehlgeschlagen",
        "Die Seite darunter ist die letzte fehlerfreie Fassung.",
        "Fehler: `date: gestern` ist kein gültiges Datum",
        "Erneutes Erstellen fehlgeschlagen: 1 Fehler; die Vorschau zeigt weiter die letzte fehlerfreie Fassung",
    ] {
        assert!(text.contains(words), "{words:?} missing in:\n{text}");
    }
    server.wait_for("the German failure line on stderr", || {
        server
            .stderr()
            .contains("content/projekte/knotenpunkte.md: Erstellen fehlgeschlagen")
    });
}
