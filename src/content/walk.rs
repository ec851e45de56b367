//! Walking `content/`: which files exist and what kind each is. No parsing here.

use std::cmp::Ordering;
use std::path::Path;

use walkdir::WalkDir;

use crate::error::Diagnostic;
use crate::text;

/// What a file under `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `_index.md`: a section's own page.
    SectionIndex,
    /// Any other `.md` file (including a bundle's `index.md`).
    Page,
    /// Anything else: copied to the output next to its page or section.
    Other,
}

/// A file found under `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to `content/`, `/`-separated.
    pub rel: String,
    /// What kind of file it is.
    pub kind: FileKind,
    /// Size in bytes (shown next to download links).
    pub size: u64,
    /// Last modification time, where the file system has one.
    pub modified: Option<std::time::SystemTime>,
}

/// Lists the files under `dir` in a stable order, skipping hidden and editor temp files
/// and folders ([`crate::ignored`]).
/// Problems (unreadable folders, symlink loops, non-UTF-8 names) are returned, not fatal.
/// A symbolic link whose target lies outside `root` is reported and not followed.
pub fn walk(dir: &Path, root: &Path) -> Walk {
    let mut files = Vec::new();
    // One batch of everything: moved, not copied.
    let mut walk = walk_in_batches(dir, root, usize::MAX, |batch| files = batch);
    walk.files = files;
    walk
}

/// Like [`walk`], but hands the files to `hand_over` as they are found, `batch` at a
/// time (the last batch may be shorter), in walk order: reading them can start while
/// the walk goes on. The returned [`Walk`] holds no files.
pub fn walk_in_batches(
    dir: &Path,
    root: &Path,
    batch: usize,
    mut hand_over: impl FnMut(Vec<SourceFile>),
) -> Walk {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut through_links = false;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_str()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(walk_problem(dir, &e));
                continue;
            }
        };
        through_links |= entry.path_is_symlink();
        if entry.path_is_symlink() && !points_inside(entry.path(), &root) {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            problems.push(
                Diagnostic::new(
                    Path::new("content").join(rel),
                    text!("content-link-outside"),
                )
                .hint(text!("content-link-outside.hint")),
            );
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let Some(rel) = rel.to_str() else {
            problems.push(
                Diagnostic::new(
                    Path::new("content").join(rel),
                    text!("content-name-not-utf8"),
                )
                .hint(text!("content-name-not-utf8.hint")),
            );
            continue;
        };
        let rel = rel.replace('\\', "/");
        let kind = kind_of(entry.file_name().to_str().unwrap_or_default());
        let metadata = entry.metadata().ok();
        let size = metadata.as_ref().map_or(0, |m| m.len());
        let modified = metadata.and_then(|m| m.modified().ok());
        files.push(SourceFile {
            rel,
            kind,
            size,
            modified,
        });
        if files.len() >= batch {
            hand_over(std::mem::take(&mut files));
        }
    }
    if !files.is_empty() {
        hand_over(files);
    }
    Walk {
        files: Vec::new(),
        problems,
        through_links,
    }
}

/// What a walk found.
#[derive(Debug)]
pub struct Walk {
    /// The files, in walk order.
    pub files: Vec<SourceFile>,
    /// Unreadable folders, symbolic link loops, non-UTF-8 names.
    pub problems: Vec<Diagnostic>,
    /// Whether it followed a symbolic link (whose target the watcher does not see).
    pub through_links: bool,
}

fn kind_of(name: &str) -> FileKind {
    match name {
        "_index.md" => FileKind::SectionIndex,
        n if n.ends_with(".md") => FileKind::Page,
        _ => FileKind::Other,
    }
}

/// The order [`walk`] lists files in: folder by folder, names compared byte by byte
/// (so `a/b.md` comes before `a-b/c.md`, as the folder `a` sorts before `a-b`).
pub fn walk_order(a: &str, b: &str) -> Ordering {
    a.split('/').cmp(b.split('/'))
}

/// What a path the watcher reported is now, found without walking.
#[derive(Debug)]
pub enum Found {
    /// A regular file.
    File(SourceFile),
    /// Nothing is there any more (it may have been a folder).
    Gone,
    /// A path `walk` skips (hidden, an editor's temporary file).
    Ignored,
    /// A folder, a symbolic link or something unreadable: only a walk finds out what
    /// it means.
    NeedsWalk,
}

/// Looks at the content path `rel` under `dir` the way [`walk`] would.
pub fn look_at(dir: &Path, rel: &str) -> Found {
    if rel.split('/').any(|part| is_ignored(Some(part))) {
        return Found::Ignored;
    }
    match std::fs::symlink_metadata(dir.join(rel)) {
        Ok(m) if m.is_file() => Found::File(SourceFile {
            rel: rel.to_string(),
            kind: kind_of(rel.rsplit('/').next().unwrap_or(rel)),
            size: m.len(),
            modified: m.modified().ok(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Found::Gone,
        _ => Found::NeedsWalk,
    }
}

fn points_inside(path: &Path, root: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|target| target.starts_with(root))
}

/// Hidden files and folders and editors' leftovers are never content.
fn is_ignored(name: Option<&str>) -> bool {
    name.is_some_and(crate::ignored::is_ignored)
}

fn walk_problem(dir: &Path, e: &walkdir::Error) -> Diagnostic {
    let content = |p: &Path| Path::new("content").join(p.strip_prefix(dir).unwrap_or(p));
    unlistable(e, &content)
}

/// The problem with an entry a folder walk could not list (a dangling link, a link
/// loop, no permission), with paths shown through `shown`. Shared by the content walk
/// and the template and asset listings, so that all three say it alike.
pub fn unlistable(e: &walkdir::Error, shown: &dyn Fn(&Path) -> std::path::PathBuf) -> Diagnostic {
    let path = e.path().map_or_else(|| shown(Path::new("")), shown);
    if let Some(ancestor) = e.loop_ancestor() {
        let folder = shown(ancestor).display().to_string();
        return Diagnostic::new(path, text!("content-link-loop", folder = folder))
            .hint(text!("content-link-loop.hint"));
    }
    let reason = e
        .io_error()
        .map_or_else(|| e.to_string(), |io| io.to_string());
    Diagnostic::new(path, text!("content-unlistable", reason = reason))
        .hint(text!("content-unlistable.hint"))
}
