//! Watching a site for changes: which folders to watch, and a pure classification of
//! each changed path (the part `serve` decides on). The rebuild itself is the normal
//! pipeline; nothing here renders.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::config::CONFIG_FILE;
use crate::error::{Error, Result};
use crate::text;

/// What kind of input a changed path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A Markdown page under `content/` (relative path).
    Page(String),
    /// A section's `_index.md` under `content/` (relative path).
    Section(String),
    /// Any other file under `content/` (an image, a PDF).
    ContentFile(String),
    /// A template, the site's or a theme's.
    Template(String),
    /// A static file; `css` when it is a stylesheet.
    Asset { path: String, css: bool },
    /// `site.yaml`.
    Config,
    /// A data file under `data/`.
    Data(String),
    /// A path in a source folder whose name is not UTF-8.
    Unnamed,
    /// Any of the above, deleted (a rename is a deletion and a creation in one batch).
    Removed(Box<Change>),
    /// Not an input: editor swap files, backups, other folders.
    Ignored,
}

/// Classifies a changed `path` of the site in `root`; `exists` tells whether the file
/// is still there after the change.
pub fn classify(root: &Path, path: &Path, exists: bool) -> Change {
    match classify_kind(root, path) {
        Change::Ignored => Change::Ignored,
        kind if !exists => Change::Removed(Box::new(kind)),
        kind => kind,
    }
}

/// The path under `content/` a change touches, if any.
pub fn content_path(change: &Change) -> Option<&str> {
    match change {
        Change::Page(rel) | Change::Section(rel) | Change::ContentFile(rel) => Some(rel),
        Change::Removed(inner) => content_path(inner),
        _ => None,
    }
}

/// The paths under `content/` a batch of changes touches, or `None` when the whole
/// folder must be looked at again: the configuration changed (it decides how files
/// are read), or the watcher may have missed events.
pub fn content_changes(changes: &[Change], rescan: bool) -> Option<Vec<&str>> {
    let whole = |c: &Change| match c {
        Change::Removed(inner) => matches!(**inner, Change::Config | Change::Unnamed),
        other => matches!(other, Change::Config | Change::Unnamed),
    };
    if rescan || changes.iter().any(whole) {
        return None;
    }
    Some(changes.iter().filter_map(content_path).collect())
}

fn classify_kind(root: &Path, path: &Path) -> Change {
    let Ok(rel) = path.strip_prefix(root) else {
        return Change::Ignored;
    };
    let top = rel.iter().next().and_then(|t| t.to_str());
    if rel.to_str().is_none() {
        // A name from, say, a Latin-1 zip file: `build` reports it, so the preview must
        // look at the folder as a whole to report it too.
        return match top {
            Some(t) if SOURCE_DIRS.contains(&t) => Change::Unnamed,
            _ => Change::Ignored,
        };
    }
    let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
        return Change::Ignored;
    };
    if crate::ignored::is_ignored(name) {
        return Change::Ignored;
    }
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let rest = |n: usize| parts[n..].join("/");
    match parts.as_slice() {
        [only] if *only == CONFIG_FILE => Change::Config,
        ["content", ..] if parts.len() > 1 => {
            if name == "_index.md" {
                Change::Section(rest(1))
            } else if name.ends_with(".md") {
                Change::Page(rest(1))
            } else {
                Change::ContentFile(rest(1))
            }
        }
        ["templates", ..] if parts.len() > 1 => Change::Template(rest(1)),
        ["themes", _theme, "templates", ..] if parts.len() > 3 => Change::Template(rest(3)),
        ["assets", ..] if parts.len() > 1 => asset(rest(1)),
        ["themes", _theme, "assets", ..] if parts.len() > 3 => asset(rest(3)),
        ["data", ..] if parts.len() > 1 => Change::Data(rest(1)),
        _ => Change::Ignored,
    }
}

fn asset(path: String) -> Change {
    let css = path.ends_with(".css");
    Change::Asset { path, css }
}

/// True when every change is a stylesheet: the browser can swap styles without a reload.
pub fn only_css(changes: &[Change]) -> bool {
    !changes.is_empty()
        && changes
            .iter()
            .all(|c| matches!(c, Change::Asset { css: true, .. }))
}

/// The folders and files whose changes matter, where they exist.
pub fn watched(root: &Path) -> Vec<PathBuf> {
    SOURCE_DIRS
        .iter()
        .map(|d| root.join(d))
        .filter(|d| d.is_dir())
        .collect()
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    inner: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    debounce: Duration,
    root: PathBuf,
}

impl Watcher {
    /// Waits for the next change and returns every path changed until things stay
    /// quiet for the debounce time (an editor's save is often several writes); or, when
    /// nothing changed by `due`, an empty batch with `due` set. `None` when the watcher
    /// has stopped.
    pub fn next_batch(&mut self, due: Option<std::time::Instant>) -> Option<Batch> {
        let mut paths = Vec::new();
        let mut rescan = false;
        let mut quiet = self.debounce;
        loop {
            let event = if paths.is_empty() && !rescan {
                match due {
                    None => self.events.recv().ok()?,
                    Some(due) => {
                        let left = due.saturating_duration_since(std::time::Instant::now());
                        match self.events.recv_timeout(left) {
                            Ok(event) => event,
                            Err(RecvTimeoutError::Timeout) => {
                                return Some(Batch {
                                    paths,
                                    rescan,
                                    due: true,
                                });
                            }
                            Err(RecvTimeoutError::Disconnected) => return None,
                        }
                    }
                }
            } else {
                match self.events.recv_timeout(quiet) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            };
            // A file closed after writing or renamed into place is a finished save:
            // what belongs to it (a rename after the close, metadata) follows within
            // microseconds, so a short wait takes it along, and the page is shown
            // without the full quiet period.
            let finished = matches!(&event, Ok(e) if finishes_save(&e.kind));
            quiet = if finished { SETTLE } else { self.debounce };
            match event {
                Ok(event) if event.need_rescan() => rescan = true,
                Ok(event) if changes_content(&event.kind) => paths.extend(event.paths),
                Ok(_) => {}
                // The watcher lost track (say, its queue overflowed): look at everything.
                Err(_) => rescan = true,
            }
        }
        paths.sort();
        paths.dedup();
        // A source folder created after the start (say, `templates/`) is watched from
        // now on; files written into it before the watch began count as changed.
        let mut found = Vec::new();
        for p in &paths {
            let top_level = p.parent() == Some(self.root.as_path());
            let source = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| SOURCE_DIRS.contains(&n));
            // A source folder itself came or went: what is inside is not reported.
            rescan |= top_level && source;
            if top_level && source && p.is_dir() {
                let _ = self.inner.watch(p, RecursiveMode::Recursive);
                found.extend(
                    walkdir::WalkDir::new(p)
                        .into_iter()
                        .filter_map(|e| e.ok())
                        .filter(|e| e.file_type().is_file())
                        .map(|e| e.into_path()),
                );
            }
        }
        paths.extend(found);
        paths.sort();
        paths.dedup();
        Some(Batch {
            paths,
            rescan,
            due: false,
        })
    }
}

/// The changes of one quiet period.
#[derive(Debug)]
pub struct Batch {
    /// Every path reported changed, sorted.
    pub paths: Vec<PathBuf>,
    /// Events may have been missed: the sources must be looked at as a whole.
    pub rescan: bool,
    /// Nothing changed, but the moment asked for has come (a scheduled change).
    pub due: bool,
}

/// The folders of a site whose files are inputs.
const SOURCE_DIRS: [&str; 5] = ["content", "templates", "themes", "assets", "data"];

/// How long to wait for more after a finished save ([`finishes_save`]).
const SETTLE: Duration = Duration::from_millis(3);

/// A file closed after writing, or renamed into place: the end of an editor's save.
fn finishes_save(kind: &EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    )
}

/// Writes, creations, removals and renames; not reads or permission changes, which
/// a rebuild causes itself.
fn changes_content(kind: &EventKind) -> bool {
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        _ => false,
    }
}

/// Starts watching the site in `root`, coalescing bursts within `debounce`.
pub fn watch(root: &Path, debounce: Duration) -> Result<Watcher> {
    let (tx, rx) = std::sync::mpsc::channel();
    let cannot = |path: &Path, e: notify::Error| {
        Error::usage(text!(
            "serve-cannot-watch-path",
            path = path.display().to_string(),
            reason = e.to_string()
        ))
    };
    let mut inner = notify::recommended_watcher(tx)
        .map_err(|e| Error::usage(text!("serve-cannot-watch", reason = e.to_string())))?;
    for dir in watched(root) {
        inner
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(|e| cannot(&dir, e))?;
    }
    // The root itself, not recursively: editors replace `site.yaml` by renaming.
    inner
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| cannot(root, e))?;
    Ok(Watcher {
        inner,
        events: rx,
        debounce,
        root: root.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_close_after_writing_or_a_rename_into_place_finishes_a_save() {
        use notify::event::{AccessKind, AccessMode, DataChange, ModifyKind, RenameMode};
        let close = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(finishes_save(&close) && finishes_save(&renamed));
        assert!(!finishes_save(&written) && !finishes_save(&read));
    }

    fn c(path: &str) -> Change {
        classify(Path::new("/site"), &Path::new("/site").join(path), true)
    }

    #[test]
    fn content_pages_sections_and_files() {
        assert_eq!(
            c("content/projekte/lvo.md"),
            Change::Page("projekte/lvo.md".into())
        );
        assert_eq!(c("content/_index.md"), Change::Section("_index.md".into()));
        assert_eq!(
            c("content/team/_index.md"),
            Change::Section("team/_index.md".into())
        );
        assert_eq!(
            c("content/projekte/lvo/plan.pdf"),
            Change::ContentFile("projekte/lvo/plan.pdf".into())
        );
    }

    #[test]
    fn templates_of_the_site_and_of_themes() {
        assert_eq!(
            c("templates/page.html"),
            Change::Template("page.html".into())
        );
        assert_eq!(
            c("themes/kommune/templates/partials/nav.html"),
            Change::Template("partials/nav.html".into())
        );
    }

    #[test]
    fn assets_know_stylesheets() {
        assert_eq!(
            c("assets/css/site.css"),
            Change::Asset {
                path: "css/site.css".into(),
                css: true
            }
        );
        assert_eq!(
            c("themes/kommune/assets/img/logo.svg"),
            Change::Asset {
                path: "img/logo.svg".into(),
                css: false
            }
        );
        assert!(only_css(&[c("assets/a.css"), c("themes/t/assets/b.css")]));
        assert!(!only_css(&[c("assets/a.css"), c("content/a.md")]));
        assert!(!only_css(&[]));
    }

    #[test]
    fn config_data_and_everything_else() {
        assert_eq!(c("site.yaml"), Change::Config);
        assert_eq!(c("data/schulen.csv"), Change::Data("schulen.csv".into()));
        assert_eq!(c("public/index.html"), Change::Ignored);
        assert_eq!(c("README.md"), Change::Ignored);
        assert_eq!(
            classify(Path::new("/site"), Path::new("/elsewhere/x.md"), true),
            Change::Ignored
        );
    }

    #[test]
    fn deletions_keep_their_kind_and_name_their_content_path() {
        let gone = classify(Path::new("/site"), Path::new("/site/content/a.md"), false);
        assert_eq!(gone, Change::Removed(Box::new(Change::Page("a.md".into()))));
        assert_eq!(content_path(&gone), Some("a.md"));
        assert_eq!(content_path(&c("content/_index.md")), Some("_index.md"));
        assert_eq!(content_path(&c("content/a/plan.pdf")), Some("a/plan.pdf"));
        assert_eq!(content_path(&c("templates/page.html")), None);
        let swap = classify(
            Path::new("/site"),
            Path::new("/site/content/.a.md.swp"),
            false,
        );
        assert_eq!(
            swap,
            Change::Ignored,
            "a deleted swap file is still ignored"
        );
    }

    #[test]
    fn content_changes_are_exact_unless_the_config_changed_or_events_were_lost() {
        let edits = [
            c("content/a.md"),
            classify(Path::new("/site"), Path::new("/site/content/b"), false),
            c("templates/page.html"),
            c("assets/site.css"),
        ];
        assert_eq!(content_changes(&edits, false), Some(vec!["a.md", "b"]));
        assert_eq!(content_changes(&edits[2..], false), Some(vec![]));
        assert_eq!(content_changes(&edits, true), None, "lost events");
        assert_eq!(
            content_changes(&[c("content/a.md"), c("site.yaml")], false),
            None
        );
        let config_gone = classify(Path::new("/site"), Path::new("/site/site.yaml"), false);
        assert_eq!(content_changes(&[config_gone], false), None);
    }

    #[test]
    #[cfg(unix)]
    fn a_name_that_is_not_utf8_makes_the_folder_be_looked_at_whole() {
        use std::os::unix::ffi::OsStrExt;
        let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9");
        let inside = Path::new("/site/content").join(latin1).join("x.md");
        assert_eq!(classify(Path::new("/site"), &inside, true), Change::Unnamed);
        let outside = Path::new("/site").join(latin1).join("x.md");
        assert_eq!(
            classify(Path::new("/site"), &outside, true),
            Change::Ignored
        );
        assert_eq!(content_changes(&[Change::Unnamed], false), None);
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [
            "content/.lvo.md.swp",
            "content/lvo.md~",
            "content/#lvo.md#",
            "content/4913",
            "templates/.page.html.kate-swp",
        ] {
            assert_eq!(c(name), Change::Ignored, "{name}");
        }
    }
}
