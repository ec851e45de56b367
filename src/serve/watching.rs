//! The preview's loop: a rebuild after every batch of changes the watcher reports,
//! and one when a scheduled change's moment comes; each reported in one line.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::events::Audience;
use super::lines::{failure_text, say, summary, warn_with};
use super::{Session, State, render};
use crate::config::Overrides;
use crate::text;
use crate::watch::{self, Change};

/// Rebuilds after every batch of relevant changes, for as long as the watcher runs.
pub(super) fn watch_loop(
    mut watcher: watch::Watcher,
    root: &Path,
    overrides: &Overrides,
    state: &State,
    session: &mut Session,
) {
    // The scheduled change the preview last rebuilt for by itself: if that rebuild
    // failed, the change stays the next one, and the preview waits for an edit.
    let mut fired = None;
    loop {
        // Without `--now`, a scheduled change comes by itself: rebuild when it does.
        let due = session.clock.due().filter(|(at, _)| Some(*at) != fired);
        let Some(batch) = watcher.next_batch(due.map(|(_, when)| when)) else {
            break;
        };
        let start = Instant::now();
        if batch.due {
            fired = due.map(|(at, _)| at);
            let what = text!("serve-scheduled-change").render(session.lang);
            rebuild(root, overrides, state, session, &what, &[], start);
            continue;
        }
        let changes: Vec<(PathBuf, Change)> = batch
            .paths
            .into_iter()
            .map(|p| {
                let c = watch::classify(root, &p, p.exists());
                (p, c)
            })
            .filter(|(_, c)| *c != Change::Ignored)
            // A file that came and went within the batch (a tool's temporary file) was
            // never an input: no rebuild, no mention.
            .filter(|(_, c)| match (c, watch::content_path(c)) {
                (Change::Removed(_), Some(rel)) => session.caches.content.knew(rel),
                _ => true,
            })
            .collect();
        if changes.is_empty() && !batch.rescan {
            continue;
        }
        let lang = session.lang;
        let mut names: Vec<String> = changes
            .iter()
            .map(|(p, c)| {
                let name = p.strip_prefix(root).unwrap_or(p).display().to_string();
                match c {
                    Change::Removed(_) => text!("serve-deleted", name = name).render(lang),
                    _ => name,
                }
            })
            .collect();
        if batch.rescan {
            names.push(text!("serve-unnamed-changes").render(lang));
        }
        let kinds: Vec<Change> = changes.into_iter().map(|(_, c)| c).collect();
        // What the watcher reports is read again even if its size and time look the same;
        // nothing else under `content/` is looked at unless the watcher lost track.
        match watch::content_changes(&kinds, batch.rescan) {
            Some(paths) => session.caches.content.note_changed(paths),
            None => session.caches.content.note_unknown(),
        }
        let what = summary(&names, lang);
        rebuild(root, overrides, state, session, &what, &kinds, start);
    }
}

/// Rebuilds, swaps in the result or keeps the last good one with the error, tells
/// the pages, and reports in one line.
pub(super) fn rebuild(
    root: &Path,
    overrides: &Overrides,
    state: &State,
    session: &mut Session,
    what: &str,
    changes: &[Change],
    start: Instant,
) {
    let p = crate::profile::stage("serve: render");
    // While an error is shown, a page served early would still carry its overlay.
    let clean = state.read(|s| s.built && s.error.is_none());
    let early = (clean && early_allowed(changes)).then_some(state);
    let result = render(root, overrides, session, early);
    drop(p);
    match result {
        Ok(update) => {
            let p = crate::profile::stage("serve: apply");
            let rendered = update.rendered;
            let had_error = state.read(|s| s.error.is_some());
            let changed = state.apply(update);
            drop(p);
            let ms = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
            let line = text!(
                "serve-rebuilt",
                what = what,
                pages = rendered,
                files = changed,
                ms = ms
            );
            say(&line, session.lang);
            let event = if watch::only_css(changes) && !had_error {
                "css"
            } else {
                "reload"
            };
            let data = format!("{{\"changed\":{changed}}}");
            state.broadcast(event, &data, Audience::Rest);
        }
        Err(e) => {
            state.roll_back_early();
            let message = failure_text(&e, state.read(|s| s.built), session.lang);
            let line = text!("serve-rebuild-failed", what = what);
            warn_with(&line, &message, session.lang);
            state.write(|s| s.error = Some(message));
            state.broadcast("reload", "{\"error\":true}", Audience::All);
        }
    }
}

/// Whether a rebuild for `changes` may serve the open pages before the others: when
/// only Markdown files and templates were saved. A removed file, an asset, a file of a
/// page bundle or the configuration may change what an early page loads (a new image
/// is served only once the whole rebuild is in).
fn early_allowed(changes: &[Change]) -> bool {
    !changes.is_empty()
        && changes.iter().all(|c| {
            matches!(
                c,
                Change::Page(_) | Change::Section(_) | Change::Template(_)
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_saved_markdown_and_templates_serve_open_pages_early() {
        let page = Change::Page("a.md".into());
        let template = Change::Template("templates/page.html".into());
        assert!(early_allowed(&[page.clone(), template.clone()]));
        assert!(early_allowed(&[Change::Section("b/_index.md".into())]));
        let asset = Change::Asset {
            path: "css/x.css".into(),
            css: true,
        };
        for other in [
            asset,
            Change::ContentFile("a/bild.png".into()),
            Change::Config,
            Change::Data("zahlen.csv".into()),
            Change::Unnamed,
            Change::Removed(Box::new(page.clone())),
        ] {
            assert!(!early_allowed(&[page.clone(), other.clone()]), "{other:?}");
        }
        // A rebuild without a named change (the first build, a scheduled change).
        assert!(!early_allowed(&[]));
    }
}
