//! Listing the files of a template or asset folder (the site's or the theme's), and
//! reporting what cannot be listed — unreadable entries, broken symbolic links, link
//! loops, names that are not UTF-8 — the way the content walk does, instead of leaving
//! the files out silently. Reads no file contents.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::Diagnostic;
use crate::text;

/// The files found under one folder, and what could not be listed.
#[derive(Debug, Default)]
pub struct Listing {
    /// Name relative to the folder (`/`-separated, `partials/nav.html`) and full path.
    pub files: Vec<(String, PathBuf)>,
    /// One diagnostic per entry that could not be listed.
    pub problems: Vec<Diagnostic>,
}

/// Lists the files under `dir` in name order, following symbolic links and skipping
/// files [`crate::ignored`] names. A missing `dir` is an empty listing: the site's
/// `templates/` and `assets/` are optional. Paths in messages are shown relative to `root`.
pub fn list(dir: &Path, root: &Path) -> Listing {
    let mut out = Listing::default();
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            // Nothing at all there (not even a broken link): the folder is optional.
            Err(e) if e.depth() == 0 && dir.symlink_metadata().is_err() => continue,
            Err(e) => {
                out.problems
                    .push(crate::content::walk::unlistable(&e, &shown));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        if crate::ignored::is_ignored(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        match rel.to_str() {
            Some(rel) => out
                .files
                .push((rel.replace('\\', "/"), entry.path().to_path_buf())),
            None => out.problems.push(
                Diagnostic::new(shown(entry.path()), text!("templates-file-name-not-utf8"))
                    .hint(text!("templates-file-name-not-utf8.hint")),
            ),
        }
    }
    out
}
