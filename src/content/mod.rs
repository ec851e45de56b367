//! Loading content: walking `content/`, reading each file once, splitting and parsing
//! front matter. Produces plain documents; the site tree is built in [`crate::model`].

pub mod cache;
pub mod date;
pub mod front_matter;
pub mod slug;
mod walk;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use front_matter::{PageFrontMatter, SectionFrontMatter};

use cache::{ContentCache, Stamp};
pub use walk::{FileKind, SourceFile};

/// A Markdown file read from disk, cut into front matter and body.
#[derive(Debug)]
pub struct Document<F> {
    /// Path relative to `content/`, with `/` separators, e.g. `projekte/knotenpunkte.md`.
    pub rel: String,
    /// Path relative to the site root, for messages, e.g. `content/projekte/knotenpunkte.md`.
    pub display: PathBuf,
    /// The whole file text.
    pub text: String,
    /// Byte offset of the Markdown body in `text`.
    pub body_start: usize,
    /// 1-based line on which the body starts.
    pub body_line: usize,
    /// A hash of `text`, to notice changes without comparing texts.
    pub hash: u64,
    /// The parsed front matter.
    pub front_matter: F,
}

impl<F> Document<F> {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The folder of this document relative to `content/` (`""` for the top).
    pub fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(d, _)| d)
    }
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

/// Walks `content/` and parses every Markdown file. Files that fail are listed in
/// [`Content::failed`] with their problems, so later stages can go on and report theirs.
pub fn load(config: &Config) -> Result<Content> {
    load_cached(config, None)
}

/// Like [`load`], reusing documents from `cache` that did not change, and refreshing it.
pub fn load_cached(config: &Config, mut cache: Option<&mut ContentCache>) -> Result<Content> {
    let dir = config.content_dir();
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "no content folder at {}: create it with at least `content/_index.md`",
            dir.display()
        )));
    }
    let (files, problems) = walk::walk(&dir, &config.root);
    if let Some(c) = cache.as_deref_mut() {
        c.prepare(&config.taxonomies);
    }
    let earlier = cache.as_deref();
    let parsed: Vec<(String, Stamp, Result<cache::Parsed, Diagnostic>)> = files
        .par_iter()
        .filter(|f| f.kind != FileKind::Other)
        .map(|f| {
            let stamp = (f.size, f.modified);
            let result = match earlier.and_then(|c| c.get(&f.rel, stamp)) {
                Some(hit) => Ok(hit),
                None => parse_file(&dir, f, &config.taxonomies),
            };
            (f.rel.clone(), stamp, result)
        })
        .collect();
    let mut content = Content {
        files: files
            .iter()
            .filter(|f| f.kind == FileKind::Other)
            .map(|f| (f.rel.clone(), f.size))
            .collect(),
        problems,
        ..Content::default()
    };
    let mut next = HashMap::new();
    for (rel, stamp, p) in parsed {
        match p {
            Ok(parsed) => {
                match &parsed {
                    cache::Parsed::Section(d) => content.sections.push(Arc::clone(d)),
                    cache::Parsed::Page(d) => content.pages.push(Arc::clone(d)),
                }
                if cache.is_some() {
                    next.insert(rel, (stamp, parsed));
                }
            }
            Err(d) => {
                content.failed.push(rel);
                content.problems.push(d);
            }
        }
    }
    if let Some(c) = cache {
        c.replace(next);
    }
    Ok(content)
}

fn parse_file(
    dir: &Path,
    file: &SourceFile,
    taxonomies: &[String],
) -> Result<cache::Parsed, Diagnostic> {
    let display = Path::new("content").join(&file.rel);
    let text = read_text(&dir.join(&file.rel), &display)?;
    let split = match front_matter::split(&text) {
        Ok(s) => s,
        Err(line) => {
            return Err(Diagnostic::new(&display, "the front matter is not closed")
                .at(line, Some(1))
                .with_source(&text)
                .hint("end the front matter with a line containing only `---`"));
        }
    };
    let yaml = split.front_matter.unwrap_or("");
    let fm_line = split.front_matter_line;
    let body_line = split.body_line;
    let body_start = text.len() - split.body.len();
    let located = |e: crate::yaml::YamlError| {
        let mut d = Diagnostic::new(&display, e.message);
        d.line = e.line;
        d.column = e.column;
        let mut d = d.with_source(&text);
        if split.front_matter.is_none() {
            d = d.hint(
                "start the file with front matter: a line `---`, then `title: …`, then `---`",
            );
        } else if let Some(h) = e.hint {
            d = d.hint(h);
        }
        d
    };
    let front_matter = match file.kind {
        FileKind::SectionIndex => {
            front_matter::parse_section(yaml, fm_line).map(FrontMatter::Section)
        }
        _ => front_matter::parse_page(yaml, fm_line, taxonomies).map(FrontMatter::Page),
    };
    let front_matter = match front_matter {
        Ok(fm) => fm,
        Err(e) => return Err(located(e)),
    };
    let at = (body_start, body_line);
    match front_matter {
        FrontMatter::Section(fm) => Ok(cache::Parsed::Section(Arc::new(document(
            file, display, text, at, fm,
        )))),
        FrontMatter::Page(fm) => Ok(cache::Parsed::Page(Arc::new(document(
            file, display, text, at, fm,
        )))),
    }
}

enum FrontMatter {
    Section(SectionFrontMatter),
    Page(PageFrontMatter),
}

fn document<F>(
    file: &SourceFile,
    display: PathBuf,
    text: String,
    at: (usize, usize),
    fm: F,
) -> Document<F> {
    Document {
        rel: file.rel.clone(),
        display,
        hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        text,
        body_start: at.0,
        body_line: at.1,
        front_matter: fm,
    }
}

/// Reads a UTF-8 text file, naming the line of the first invalid byte if it is not UTF-8.
pub fn read_text(path: &Path, display: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::new(display, format!("the file cannot be read: {e}"))
            .hint("check that the file exists and is readable")
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid
            - bytes[..valid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        Diagnostic::new(display, "the file is not valid UTF-8 text")
            .at(line, Some(column))
            .hint("save the file as UTF-8 in your editor (it may be Latin-1 or Windows-1252)")
    })
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
