//! What must hold for any input, shared by the property tests (`tests/properties.rs`)
//! and the fuzz targets (`fuzz/`, which include this file by path): diagnostics point
//! into files that exist, slugs are well-formed, and a site written as a list of files.
//!
//! Every check returns `Err(explanation)` instead of panicking, so that each caller
//! decides how to fail (proptest shrinks, libFuzzer saves the input).

#![allow(dead_code)] // Each user needs a different part.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use lernort::error::{Diagnostic, Error};
use lernort::render::{Output, Sink};

/// The position `line`/`column` (1-based, as in a diagnostic) lies inside `text`: the
/// line is one of the text's lines (line 1 of an empty text counts), and the column
/// is at most one past the end of that line (counted in bytes, the larger unit).
pub fn position_inside(text: &str, line: usize, column: Option<usize>) -> Result<(), String> {
    let lines: Vec<&str> = text.lines().collect();
    let count = lines.len().max(1);
    if line == 0 || line > count {
        return Err(format!("line {line} is outside the text's {count} line(s)"));
    }
    let width = lines.get(line - 1).map_or(0, |l| l.len());
    match column {
        Some(0) => Err(format!("column 0 on line {line}: columns are 1-based")),
        Some(c) if c > width + 1 => Err(format!(
            "column {c} is past the end of line {line} ({width} bytes)"
        )),
        _ => Ok(()),
    }
}

/// A diagnostic about the in-memory text `text` of the file `expected`: it names that
/// file, and its line and column lie inside the text.
pub fn diagnostic_in_text(d: &Diagnostic, expected: &Path, text: &str) -> Result<(), String> {
    // Formatting must not panic either (it slices the source line by columns).
    let shown = d.to_string();
    if d.path != expected {
        return Err(format!(
            "names {} instead of {}: {shown}",
            d.path.display(),
            expected.display()
        ));
    }
    match d.line {
        Some(line) => position_inside(text, line, d.column).map_err(|e| format!("{e}: {shown}")),
        None => Ok(()),
    }
}

/// A diagnostic of a site in `root`: its path (relative to `root`) exists, and when it
/// has a line, the path is a text file and the line and column lie inside it.
pub fn diagnostic_in_site(d: &Diagnostic, root: &Path) -> Result<(), String> {
    let shown = d.to_string();
    let path = root.join(&d.path);
    if !path.exists() {
        return Err(format!(
            "names {}, which does not exist: {shown}",
            d.path.display()
        ));
    }
    let Some(line) = d.line else {
        return Ok(());
    };
    let text = std::fs::read(&path).map_err(|e| {
        format!(
            "has line {line} but {} cannot be read ({e}): {shown}",
            d.path.display()
        )
    })?;
    let text = String::from_utf8_lossy(&text);
    position_inside(&text, line, d.column)
        .map_err(|e| format!("{e} of {}: {shown}", d.path.display()))
}

/// Every diagnostic of `error` (a content error) passes [`diagnostic_in_site`]; other
/// errors are reported as they are, for the caller to judge.
pub fn error_in_site(error: &Error, root: &Path) -> Result<(), String> {
    let _ = error.to_string();
    match error {
        Error::Content(ds) if ds.is_empty() => Err("a content error without diagnostics".into()),
        Error::Content(ds) => ds.iter().try_for_each(|d| diagnostic_in_site(d, root)),
        other => Err(format!("not a content error: {other}")),
    }
}

/// What `slugify(input)` returned is a well-formed URL segment: only `[a-z0-9_-]`, no
/// dash at either end or twice in a row, never empty when `input` has an ASCII letter or
/// digit, `_` or a German letter, and unchanged by a second `slugify`.
pub fn slug_well_formed(input: &str, slug: &str, again: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-';
    if let Some(c) = slug.chars().find(|&c| !allowed(c)) {
        return Err(format!("{slug:?} contains {c:?}"));
    }
    if slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
        return Err(format!("{slug:?} has a stray dash"));
    }
    // Other letters are transliterated where `deunicode` knows them (some scripts it
    // does not, and then they fold away), so only these must always survive.
    let keeps = |c: char| c.is_ascii_alphanumeric() || c == '_' || "äöüÄÖÜßẞ".contains(c);
    if slug.is_empty() && input.chars().any(keeps) {
        return Err(format!("{input:?} gave {slug:?}"));
    }
    if again != slug {
        return Err(format!("not idempotent: {slug:?} then {again:?}"));
    }
    Ok(())
}

/// Collects rendered files in memory and notices a path rendered twice.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Arc<[u8]>>>,
    twice: Mutex<Vec<String>>,
}

impl Sink for MemorySink {
    fn put(&self, output: Output) -> lernort::error::Result<()> {
        // A poisoned lock means another render thread panicked, which the caller sees.
        if let (Ok(mut files), Ok(mut twice)) = (self.files.lock(), self.twice.lock())
            && files
                .insert(output.path.clone(), output.bytes.contiguous().into())
                .is_some()
        {
            twice.push(output.path);
        }
        Ok(())
    }
}

impl MemorySink {
    /// The files by path, or the paths that were rendered more than once.
    pub fn into_files(self) -> Result<BTreeMap<String, Arc<[u8]>>, String> {
        let twice = self.twice.into_inner().unwrap_or_default();
        if !twice.is_empty() {
            return Err(format!("rendered more than once: {twice:?}"));
        }
        Ok(self.files.into_inner().unwrap_or_default())
    }
}

/// Output paths are relative, `/`-separated and stay inside the output folder.
pub fn outputs_well_formed<'a>(paths: impl Iterator<Item = &'a String>) -> Result<(), String> {
    for p in paths {
        let bad = p.is_empty()
            || p.starts_with('/')
            || p.contains('\\')
            || p.split('/').any(|s| s.is_empty() || s == "." || s == "..");
        if bad {
            return Err(format!("output path {p:?} is not a clean relative path"));
        }
    }
    Ok(())
}

/// The small test theme every fixture uses, as `(path under themes/test/, text)`.
pub fn test_theme() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/_theme");
    let dir = if dir.is_dir() {
        dir
    } else {
        // Included from the fuzz crate, whose manifest is one folder down.
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/_theme")
    };
    let mut files = Vec::new();
    let mut todo = vec![dir.clone()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if let (Ok(rel), Ok(bytes)) = (path.strip_prefix(&dir), std::fs::read(&path)) {
                files.push((rel.to_path_buf(), bytes));
            }
        }
    }
    files.sort();
    files
}

/// Writes `files` (site-relative path, text) into `root`, creating folders.
pub fn write_files<'a>(
    root: &Path,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> std::io::Result<()> {
    for (rel, bytes) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
    }
    Ok(())
}
