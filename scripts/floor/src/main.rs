//! The floor: what every static site generator has to do with a content folder, and
//! nothing more. For each file under SITE_CONTENT_DIR, in parallel (rayon):
//!
//! * a `.md` file is read, its `---` front matter split off (not parsed), its body
//!   rendered by pulldown-cmark with lernort's options, and written as one `index.html`
//!   at the page's address: `sec/_index.md` and `sec/page/index.md` (a bundle) to
//!   `sec/index.html` and `sec/page/index.html`, `sec/page.md` to `sec/page/index.html`;
//! * any other file (a bundle's images) is copied to the same relative path, next to
//!   its page: copying is part of every generator's job, so it is part of the floor.
//!
//! No templates, no links resolved, no lists, no taxonomies, no feeds. Usage:
//! `floor SITE_CONTENT_DIR OUT_DIR` (OUT_DIR is created; it should be new and empty).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;
use walkdir::WalkDir;

/// lernort's `markdown::options()` (src/markdown/mod.rs).
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_DEFINITION_LIST);

/// What was done with one file.
enum Done {
    Page,
    Copied,
}

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: floor SITE_CONTENT_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    let files = match list(content) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("floor: {}: {e}", content.display());
            return ExitCode::FAILURE;
        }
    };
    let results: Vec<Result<Done, String>> =
        files.par_iter().map(|rel| one(content, out, rel)).collect();
    let (mut pages, mut copied, mut failed) = (0, 0, 0);
    for r in results {
        match r {
            Ok(Done::Page) => pages += 1,
            Ok(Done::Copied) => copied += 1,
            Err(e) => {
                eprintln!("floor: {e}");
                failed += 1;
            }
        }
    }
    println!(
        "floor: {pages} pages rendered, {copied} files copied into {} in {} ms",
        out.display(),
        start.elapsed().as_millis()
    );
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Every file under `content`, relative to it.
fn list(content: &Path) -> Result<Vec<PathBuf>, walkdir::Error> {
    let mut files = Vec::new();
    for entry in WalkDir::new(content) {
        let entry = entry?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(content).expect("walkdir stays below its root");
            files.push(rel.to_path_buf());
        }
    }
    Ok(files)
}

/// Renders or copies one file.
fn one(content: &Path, out: &Path, rel: &Path) -> Result<Done, String> {
    let src = content.join(rel);
    let fail = |what: &str, path: &Path, e: std::io::Error| format!("{what} {}: {e}", path.display());
    if rel.extension().is_some_and(|e| e == "md") {
        let text = fs::read_to_string(&src).map_err(|e| fail("reading", &src, e))?;
        let body = body(&text);
        let mut html_out = String::with_capacity(body.len() * 3 / 2);
        html::push_html(&mut html_out, Parser::new_ext(body, OPTIONS));
        let dest = out.join(page_dir(rel)).join("index.html");
        write(&dest, html_out.as_bytes()).map_err(|e| fail("writing", &dest, e))?;
        Ok(Done::Page)
    } else {
        let dest = out.join(rel);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent).map_err(|e| fail("creating", parent, e))?;
        }
        fs::copy(&src, &dest).map_err(|e| fail("copying to", &dest, e))?;
        Ok(Done::Copied)
    }
}

/// The folder of a page's `index.html`, relative to the output.
fn page_dir(rel: &Path) -> PathBuf {
    let parent = rel.parent().unwrap_or(Path::new(""));
    match rel.file_stem().and_then(|s| s.to_str()) {
        Some("_index" | "index") => parent.to_path_buf(),
        Some(stem) => parent.join(stem),
        None => parent.to_path_buf(),
    }
}

/// The text after a leading `---` … `---` block (front matter), else all of it.
fn body(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        at += line.len();
        if line.trim_end() == "---" {
            return &rest[at..];
        }
    }
    text
}

fn write(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = dest.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(dest, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_like_lernort() {
        assert_eq!(page_dir(Path::new("_index.md")), Path::new(""));
        assert_eq!(page_dir(Path::new("a/_index.md")), Path::new("a"));
        assert_eq!(page_dir(Path::new("a/seite-1.md")), Path::new("a/seite-1"));
        assert_eq!(page_dir(Path::new("a/seite-1/index.md")), Path::new("a/seite-1"));
    }

    #[test]
    fn front_matter_is_split_off() {
        assert_eq!(body("---\ntitle: x\n---\n\nText\n"), "\nText\n");
        assert_eq!(body("Text\n"), "Text\n");
        assert_eq!(body("---\nnie zu\n"), "---\nnie zu\n");
    }
}
