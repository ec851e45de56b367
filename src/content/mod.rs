//! Loading content: walking `content/`, reading each file once, splitting and parsing
//! front matter. Produces plain documents; the site tree is built in [`crate::model`].

pub mod cache;
pub mod date;
pub mod front_matter;
mod read;
pub mod slug;
pub(crate) mod walk;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::text;
use front_matter::{PageFrontMatter, SectionFrontMatter};
pub use read::read_text;
use xxhash_rust::xxh3::xxh3_64;

use cache::{ContentCache, Entry};
use walk::Found;
pub use walk::{FileKind, SourceFile};

/// A Markdown file read from disk, cut into front matter and body.
#[derive(Debug)]
pub struct Document<F> {
    /// Path relative to `content/`, with `/` separators, e.g. `projekte/knotenpunkte.md`.
    pub rel: String,
    /// Path relative to the site root, for messages, e.g. `content/projekte/knotenpunkte.md`.
    pub display: PathBuf,
    /// The file's front matter (up to `body_start`): the body is read again when it is
    /// rendered ([`Document::with_full_text`]), so that neither a build nor the preview
    /// holds every text at once.
    pub text: String,
    /// Byte offset of the Markdown body in `text`.
    pub body_start: usize,
    /// 1-based line on which the body starts.
    pub body_line: usize,
    /// The length of the body in bytes (also where `text` no longer holds it).
    pub body_len: usize,
    /// A hash of `text`, to notice changes without comparing texts.
    pub hash: u64,
    /// The parsed front matter.
    pub front_matter: F,
}

impl<F> Document<F> {
    /// Runs `f` on the whole file text: `text` when the body is empty (it is then all of
    /// it), else the file read again from `content_dir` (into a reused buffer), checked
    /// against the hash of the first reading.
    pub fn with_full_text<R>(
        &self,
        content_dir: &Path,
        f: impl FnOnce(&str) -> R,
    ) -> Result<R, Diagnostic> {
        if self.body_len == 0 {
            return Ok(f(&self.text));
        }
        // The size at the first reading: the front matter kept and the body.
        let size = (self.body_start + self.body_len) as u64;
        read::with_text(&content_dir.join(&self.rel), &self.display, size, |text| {
            if xxh3_64(text.as_bytes()) != self.hash {
                // The front matter already read may not belong to this body any more.
                let problem =
                    Diagnostic::new(&self.display, text!("content-changed-while-building"))
                        .hint(text!("content-changed-while-building.hint"));
                return Err(problem);
            }
            Ok(f(text))
        })
    }

    /// The folder of this document relative to `content/` (`""` for the top).
    pub fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(d, _)| d)
    }
}

/// The message of a file whose text changed between its two readings (made in
/// [`Document::with_full_text`]).
const CHANGED_WHILE_READ: &str = "content-changed-while-building";

/// The content paths (relative to `content/`) of the files a failure says were saved
/// while the site was read: trying again reads them anew (and reports whatever else is
/// wrong without the passing problem). `None` when it names none.
pub fn changed_while_read(e: &Error) -> Option<Vec<String>> {
    let Error::Content(problems) = e else {
        return None;
    };
    let rel = |d: &Diagnostic| {
        let rel = d.path.strip_prefix("content").ok()?;
        let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
        Some(parts?.join("/"))
    };
    let changed = problems
        .iter()
        .filter(|d| d.message.id() == CHANGED_WHILE_READ);
    let paths: Option<Vec<String>> = changed.map(rel).collect();
    paths.filter(|p| !p.is_empty())
}

/// Everything found under `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// `_index.md` files.
    pub sections: Vec<Arc<Document<SectionFrontMatter>>>,
    /// Pages, including bundle `index.md` files.
    pub pages: Vec<Arc<Document<PageFrontMatter>>>,
    /// Every other file (images, PDFs), relative to `content/`, with its size in bytes.
    pub files: Vec<(String, u64)>,
    /// Markdown files that could not be read or parsed (reported in `problems`).
    pub failed: Vec<String>,
    /// Everything wrong so far; the model adds its own before the build stops.
    pub problems: Vec<Diagnostic>,
}

impl Content {
    /// Whether nothing went wrong: no problem, no file that failed.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && self.failed.is_empty()
    }
}

/// What a load into a [`ContentCache`] found since the load before.
#[derive(Debug)]
pub enum Changes {
    /// Only the texts of these pages changed, in place: no file came or went, no other
    /// file changed in size, and every file (these too) was read and parsed without a
    /// problem. In path order; [`ContentCache::content`] has all documents.
    Edited(Vec<Arc<Document<PageFrontMatter>>>),
    /// Anything else (the first load too): everything found.
    Full(Content),
}

/// Walks `content/` and parses every Markdown file. Files that fail are listed in
/// [`Content::failed`] with their problems, so later stages can go on and report theirs.
pub fn load(config: &Config) -> Result<Content> {
    load_cached(config, None)
}

/// Like [`load`], reusing what `cache` holds (see [`load_changes`]).
pub fn load_cached(config: &Config, cache: Option<&mut ContentCache>) -> Result<Content> {
    let Some(cache) = cache else {
        let dir = content_dir(config)?;
        let p = crate::profile::stage("content: walk+parse");
        let (mut entries, walked) = walk_and_parse(&dir, &config.root, &config.taxonomies);
        drop(p);
        let _p = crate::profile::stage("content: assemble");
        let taken = entries.iter_mut().map(|e| (&e.file, e.parsed.take()));
        return Ok(assemble(taken, walked.problems));
    };
    Ok(match load_changes(config, cache)? {
        Changes::Edited(_) => cache.content(),
        Changes::Full(content) => content,
    })
}

/// Loads `content/` into `cache`: only files the watcher reported (or, after a walk,
/// files whose size or modification time changed) are read again. When only page texts
/// changed, says which, without gathering every document: the common edit then costs
/// the work for that page, not a pass over the whole site.
pub fn load_changes(config: &Config, cache: &mut ContentCache) -> Result<Changes> {
    let dir = content_dir(config)?;
    let taxonomies = &config.taxonomies;
    let (changed, complete) = cache.begin(taxonomies);
    let mut edited = None;
    if complete && patch(&mut cache.entries, &dir, &changed, &mut edited) {
        parse_reported(&dir, &mut cache.entries, &changed, taxonomies);
        cache.finish();
        if let Some(docs) = edited.and_then(|rels| cache.edited_pages(&rels)) {
            return Ok(Changes::Edited(docs));
        }
        let content = cache.content();
        cache.clean = content.is_clean();
        return Ok(Changes::Full(content));
    }
    let p = crate::profile::stage("content: walk");
    let walked = walk::walk(&dir, &config.root);
    drop(p);
    // The watcher does not see through links: a walk that followed one is repeated.
    let exact = !walked.through_links && walked.problems.is_empty();
    let reported: HashSet<&str> = changed.iter().map(String::as_str).collect();
    let entries: Vec<Entry> = walked
        .files
        .into_iter()
        .map(|file| {
            // Failures are read again: the file may have become readable.
            let parsed = (!reported.contains(file.rel.as_str()))
                .then(|| cache.parsed(&file.rel, (file.size, file.modified)))
                .flatten()
                .filter(|p| p.is_ok());
            Entry { file, parsed }
        })
        .collect();
    cache.entries = entries;
    parse_missing(&dir, &mut cache.entries, taxonomies);
    let shared = cache.entries.iter().map(|e| (&e.file, e.parsed.clone()));
    // A walk that found problems is repeated, so that they are reported again.
    let content = assemble(shared, walked.problems);
    cache.clean = content.is_clean();
    if exact {
        cache.finish();
    }
    Ok(Changes::Full(content))
}

/// The folder `content/` of `config`; a usage error when there is none.
fn content_dir(config: &Config) -> Result<PathBuf> {
    let dir = config.content_dir();
    if !dir.is_dir() {
        let path = dir.display().to_string();
        return Err(Error::usage(text!("content-no-folder", path = path)));
    }
    Ok(dir)
}

/// Applies the paths the watcher reported to the file list of the last load. Returns
/// false when only a walk can tell what happened (a folder appeared, a link changed,
/// a path cannot be read). `edited` is set to the Markdown files changed in place, if
/// that is all that happened.
fn patch(
    entries: &mut Vec<Entry>,
    dir: &Path,
    changed: &[String],
    edited: &mut Option<Vec<String>>,
) -> bool {
    let mut edits = Some(Vec::new());
    for rel in changed {
        let at = cache::find(entries, rel);
        match (walk::look_at(dir, rel), at) {
            (Found::Ignored, _) => {}
            (Found::NeedsWalk, _) => return false,
            (Found::File(file), Ok(i)) => {
                let old = &entries[i].file;
                if file.kind != FileKind::Other {
                    if let Some(e) = edits.as_mut() {
                        e.push(rel.clone());
                    }
                } else if file.size != old.size {
                    // Download links show sizes.
                    edits = None;
                }
                entries[i] = Entry { file, parsed: None };
            }
            (Found::File(file), Err(i)) => {
                // A file where a folder was: its files are gone too, which only a walk
                // sorts out.
                let folder = format!("{rel}/");
                if entries
                    .get(i)
                    .is_some_and(|e| e.file.rel.starts_with(&folder))
                {
                    return false;
                }
                entries.insert(i, Entry { file, parsed: None });
                edits = None;
            }
            (Found::Gone, _) => {
                // It may have been a folder: everything under it is gone too.
                let prefix = format!("{rel}/");
                let before = entries.len();
                entries.retain(|e| e.file.rel != *rel && !e.file.rel.starts_with(&prefix));
                if entries.len() != before {
                    edits = None;
                }
            }
        }
    }
    *edited = edits;
    true
}

/// How many files the walk hands over at a time to be read while it goes on: enough
/// that a batch costs far more than handing it over, few enough that the walk's last
/// files are read soon after they are found.
const WALK_BATCH: usize = 64;

/// Walks `dir` and parses its Markdown files (as [`parse_missing`] does) while the walk
/// goes on: the walk, mostly waiting for the file system, runs on this thread and hands
/// batches to the thread pool. The entries come in walk order.
fn walk_and_parse(dir: &Path, root: &Path, taxonomies: &[String]) -> (Vec<Entry>, walk::Walk) {
    let batches = std::sync::Mutex::new(Vec::new());
    let walked = rayon::in_place_scope(|scope| {
        let mut index = 0;
        walk::walk_in_batches(dir, root, WALK_BATCH, |files| {
            let (batches, at) = (&batches, index);
            index += 1;
            scope.spawn(move |_| {
                let mut entries: Vec<Entry> = files
                    .into_iter()
                    .map(|file| Entry { file, parsed: None })
                    .collect();
                parse_missing(dir, &mut entries, taxonomies);
                // Only a push happens under the lock; were it poisoned all the same, the
                // batches in it are whole.
                batches
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push((at, entries));
            });
        })
    });
    let mut batches = batches
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    batches.sort_unstable_by_key(|(at, _)| *at);
    let entries = batches
        .into_iter()
        .flat_map(|(_, entries)| entries)
        .collect();
    (entries, walked)
}

/// Reads and parses the Markdown files among the `reported` paths that [`patch`] left
/// unread (every other entry was read by an earlier load).
fn parse_reported(dir: &Path, entries: &mut [Entry], reported: &[String], taxonomies: &[String]) {
    if reported.len() > WALK_BATCH {
        // Many files (a checkout, a search and replace): one parallel pass reads them.
        return parse_missing(dir, entries, taxonomies);
    }
    for rel in reported {
        if let Ok(i) = cache::find(entries, rel) {
            let e = &mut entries[i];
            if e.file.kind != FileKind::Other && e.parsed.is_none() {
                e.parsed = Some(parse_file(dir, &e.file, taxonomies));
            }
        }
    }
}

/// Reads and parses, in parallel, every Markdown file not parsed yet, keeping only each
/// front matter: the body is read again when it is rendered (see [`Document::text`]).
fn parse_missing(dir: &Path, entries: &mut [Entry], taxonomies: &[String]) {
    entries
        .par_iter_mut()
        .with_max_len(crate::parallel::ITEMS_PER_TASK)
        .filter(|e| e.file.kind != FileKind::Other && e.parsed.is_none())
        .for_each(|e| e.parsed = Some(parse_file(dir, &e.file, taxonomies)));
}

/// Sorts the loaded files into documents, other files and failures, in walk order.
fn assemble<'a>(
    entries: impl Iterator<Item = (&'a SourceFile, Option<Result<cache::Parsed, Diagnostic>>)>,
    problems: Vec<Diagnostic>,
) -> Content {
    let mut content = Content {
        problems,
        ..Content::default()
    };
    for (file, parsed) in entries {
        match parsed {
            None => content.files.push((file.rel.clone(), file.size)),
            Some(Ok(cache::Parsed::Section(d))) => content.sections.push(d),
            Some(Ok(cache::Parsed::Page(d))) => content.pages.push(d),
            Some(Err(d)) => {
                content.failed.push(file.rel.clone());
                content.problems.push(d);
            }
        }
    }
    content
}

fn parse_file(
    dir: &Path,
    file: &SourceFile,
    taxonomies: &[String],
) -> Result<cache::Parsed, Diagnostic> {
    let display = display_path(&file.rel);
    let path = dir.join(&file.rel);
    read::with_text(&path, &display, file.size, |text| {
        let (fm, at) = parse_text(text, &display, file.kind, taxonomies)?;
        Ok(document(file, display.clone(), text, at, fm))
    })
}

/// The front matter of `text` and where the body starts (offset, line).
fn parse_text(
    text: &str,
    display: &Path,
    kind: FileKind,
    taxonomies: &[String],
) -> Result<(FrontMatter, (usize, usize)), Diagnostic> {
    let split = match front_matter::split(text) {
        Ok(s) => s,
        Err(line) => {
            return Err(
                Diagnostic::new(display, text!("content-front-matter-not-closed"))
                    .at(line, Some(1))
                    .with_source(text)
                    .hint(text!("content-front-matter-not-closed.hint")),
            );
        }
    };
    let yaml = split.front_matter.unwrap_or("");
    let fm_line = split.front_matter_line;
    let body_start = text.len() - split.body.len();
    let located = |e: crate::yaml::YamlError| {
        let mut d = Diagnostic::new(display, e.message);
        d.line = e.line;
        d.column = e.column;
        let mut d = d.with_source(text);
        if split.front_matter.is_none() {
            d = d.hint(text!("content-no-front-matter-hint"));
        } else if let Some(h) = e.hint {
            d = d.hint(h);
        }
        d
    };
    let front_matter = match kind {
        FileKind::SectionIndex => {
            front_matter::parse_section(yaml, fm_line).map(FrontMatter::Section)
        }
        _ => front_matter::parse_page(yaml, fm_line, taxonomies).map(FrontMatter::Page),
    };
    front_matter
        .map(|fm| (fm, (body_start, split.body_line)))
        .map_err(located)
}

// Lives only until it is moved into its document: the size difference costs nothing.
#[allow(clippy::large_enum_variant)]
enum FrontMatter {
    Section(SectionFrontMatter),
    Page(PageFrontMatter),
}

fn document(
    file: &SourceFile,
    display: PathBuf,
    text: &str,
    (body_start, body_line): (usize, usize),
    fm: FrontMatter,
) -> cache::Parsed {
    let parts = Parts {
        rel: file.rel.clone(),
        display,
        hash: xxh3_64(text.as_bytes()),
        body_len: text.len() - body_start,
        text: text[..body_start].to_string(),
        at: (body_start, body_line),
    };
    match fm {
        FrontMatter::Section(fm) => cache::Parsed::Section(parts.with(fm)),
        FrontMatter::Page(fm) => cache::Parsed::Page(parts.with(fm)),
    }
}

/// A document but for its front matter.
struct Parts {
    rel: String,
    display: PathBuf,
    hash: u64,
    body_len: usize,
    text: String,
    at: (usize, usize),
}

impl Parts {
    fn with<F>(self, front_matter: F) -> Arc<Document<F>> {
        Arc::new(Document {
            rel: self.rel,
            display: self.display,
            hash: self.hash,
            body_len: self.body_len,
            text: self.text,
            body_start: self.at.0,
            body_line: self.at.1,
            front_matter,
        })
    }
}

/// The path relative to `content/` of a folder's section index.
pub fn section_index(dir: &str) -> String {
    if dir.is_empty() {
        "_index.md".into()
    } else {
        format!("{dir}/_index.md")
    }
}

/// Joins content-relative paths with `/`.
pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// The parent folder of a content-relative path (`""` at the top).
pub fn parent(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// A content-relative path of a Markdown file as a `PathBuf` under `content/`.
pub fn display_path(rel: &str) -> PathBuf {
    Path::new("content").join(rel)
}

#[cfg(test)]
mod tests;
