//! `lernort serve` serves the pages open in a browser first: their live-reload stream
//! names the page, and a rebuild after a saved Markdown file or template renders those
//! pages before all others, serves them at once and tells their streams, once per
//! rebuild. If the rebuild then fails, the early pages are put back to the last good
//! build, under the error overlay.

mod common;

use common::http::{Event, Events};
use common::preview::{KNOTENPUNKTE, OVERLAY, Preview, strip_live};

const OPEN: &str = "/projekte/knotenpunkte/";
const TEMPLATE: &str = "themes/test/templates/page.html";

/// The next event on a stream, skipping its start (`retry`).
fn next(events: &Events, what: &str) -> Event {
    loop {
        let event = events.next(what);
        if event.retry.is_none() {
            return event;
        }
    }
}

/// The next event that changed something (a save the watcher split in two rebuilds
/// also sends `changed: 0`).
fn next_change(events: &Events, what: &str) -> Event {
    loop {
        let event = next(events, what);
        if event.changed() != Some(0) {
            return event;
        }
    }
}

/// An early reload: the open page's stream told of its own page, one file.
fn assert_reloads_one_file(event: &Event) {
    assert_eq!(
        (event.name.as_str(), event.changed()),
        ("reload", Some(1)),
        "{event:?}"
    );
}

#[test]
fn an_open_page_is_served_first_and_its_stream_told_once_per_rebuild() {
    let p = Preview::start("basic");
    let open = p.server.events_for(OPEN);

    // A template every page uses: the open page's stream hears of its own page only,
    // the other streams of the whole rebuild, when it is done.
    let text = p.sandbox.read(TEMPLATE);
    let marked = text.replace("</article>", "</article>\n<p>Erste Änderung</p>");
    p.sandbox.write(TEMPLATE, &marked);
    assert_reloads_one_file(&next_change(
        &open,
        "the open page's reload after the template edit",
    ));
    assert!(p.page(OPEN).contains("<p>Erste Änderung</p>"));
    let all = p.reload("the template edit");
    assert!(all.changed().is_some_and(|n| n > 1), "{all:?}");
    assert!(
        p.page("/projekte/lernen-vor-ort/")
            .contains("<p>Erste Änderung</p>")
    );

    // The next event on the open page's stream is the next rebuild's, not a second one
    // of the first: the page's own text changes.
    let page = p.sandbox.read(KNOTENPUNKTE);
    p.sandbox
        .write(KNOTENPUNKTE, &format!("{page}\nZweite Änderung.\n"));
    assert_reloads_one_file(&next_change(
        &open,
        "the open page's reload after the page edit",
    ));
    assert!(p.page(OPEN).contains("<p>Zweite Änderung.</p>"));
    p.reload("the page edit");
    p.assert_matches_clean_build("after both edits");
}

/// The page without the error overlay (a `div` without `div`s inside).
fn without_overlay(html: &str) -> String {
    let start = html
        .find("<div id=\"lernort-error-overlay\"")
        .unwrap_or_else(|| panic!("no overlay in\n{html}"));
    let end = start + html[start..].find("</div>").expect("overlay closed") + "</div>".len();
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn a_failed_rebuild_puts_back_the_page_it_served_early() {
    let p = Preview::start("basic");
    let before = p.page(OPEN);
    let open = p.server.events_for(OPEN);

    // The open page renders; every other page fails on a field it does not have.
    let text = p.sandbox.read(TEMPLATE);
    let breaking = text.replace(
        "</article>",
        "{% if current_url is ending_with(pat=\"/knotenpunkte/\") %}<p>Früh</p>{% else %}{{ page.gibt_es_nicht }}{% endif %}</article>",
    );
    p.sandbox.write(TEMPLATE, &breaking);
    let early = next_change(&open, "the open page's early reload");
    assert_eq!(early.changed(), Some(1), "{early:?}");
    let failed = next_change(&open, "the failed rebuild's reload");
    assert!(failed.is_error(), "{failed:?}\n{}", p.server.log());
    let after = p.change("the failing template");
    assert!(after.is_error(), "{after:?}");

    // The last good page, under the overlay.
    let shown = p.page(OPEN);
    assert!(!shown.contains("<p>Früh</p>"), "{shown}");
    assert!(shown.contains(OVERLAY), "{shown}");
    assert_eq!(
        without_overlay(&strip_live(&shown, OPEN)),
        strip_live(&before, OPEN)
    );

    // Repaired: the template is the last good one again, so no file changes; the
    // overlay goes, and the preview equals a clean build.
    p.sandbox.write(TEMPLATE, &text);
    let repaired = next(&open, "the repaired template's reload");
    assert_eq!(repaired.changed(), Some(0), "{repaired:?}");
    assert!(!p.page(OPEN).contains(OVERLAY));
    p.assert_matches_clean_build("after the repair");
}

#[test]
fn while_an_error_is_shown_the_open_page_waits_for_the_whole_rebuild() {
    let p = Preview::start("basic");
    let open = p.server.events_for(OPEN);
    let page = p.sandbox.read(KNOTENPUNKTE);
    p.sandbox.write(KNOTENPUNKTE, "---\ntitle: [kaputt\n---\n");
    assert!(next_change(&open, "the broken page").is_error());

    // The repair changes every page: an early page would still show the overlay, so
    // the open page's stream hears of the whole rebuild, which clears it.
    let text = p.sandbox.read(TEMPLATE);
    p.sandbox.write(
        TEMPLATE,
        &text.replace("</article>", "</article><p>Neu</p>"),
    );
    p.sandbox.write(KNOTENPUNKTE, &page);
    let event = loop {
        let event = next_change(&open, "the repair");
        if !event.is_error() && p.page(OPEN).contains("<p>Neu</p>") {
            break event;
        }
    };
    assert!(
        event.changed().is_some_and(|n| n > 1),
        "{event:?}\n{}",
        p.server.log()
    );
    let shown = p.page(OPEN);
    assert!(!shown.contains(OVERLAY), "{shown}");
    p.assert_matches_clean_build("after the repair");
}
