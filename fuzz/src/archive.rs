//! The text format the `site` target reads: files one after another, each starting
//! with a line `@@@ <path>`. Text is easy to seed from the fixture sites (see
//! `seed.sh`) and lets libFuzzer mutate front matter, Markdown and templates directly.
//!
//! ```text
//! @@@ site.yaml
//! title: T
//! @@@ content/_index.md
//! ---
//! title: Start
//! ---
//! ```

/// The marker that starts a file.
pub const MARKER: &str = "@@@ ";

/// A marker line `@@@ --drafts` (anywhere) builds with `--drafts`.
pub const DRAFTS: &str = "--drafts";

/// Whether `input` asks for a build with drafts.
pub fn drafts(input: &str) -> bool {
    input.starts_with(&format!("{MARKER}{DRAFTS}\n"))
        || input.contains(&format!("\n{MARKER}{DRAFTS}\n"))
}

/// At most this many files are taken, to keep each run small.
pub const MAX_FILES: usize = 24;

/// The files of `input` as (site-relative path, text), with paths that could leave the
/// site or are not site input dropped. Text before the first marker is ignored; each
/// text ends before the line break in front of the next marker.
pub fn parse(input: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Vec::new();
    for (i, chunk) in input.split(&format!("\n{MARKER}")).enumerate() {
        let chunk = match (i, chunk.strip_prefix(MARKER)) {
            (0, None) => continue,
            (_, stripped) => stripped.unwrap_or(chunk),
        };
        let (path, text) = chunk.split_once('\n').unwrap_or((chunk, ""));
        if let Some(path) = clean(path) {
            files.push((path, text.to_string()));
        }
        if files.len() == MAX_FILES {
            break;
        }
    }
    files
}

/// `path` if it is `site.yaml` or lies under `content/`, `templates/` or `assets/`,
/// with only ordinary name components (no `..`, no empty ones, at most 5 deep).
fn clean(path: &str) -> Option<String> {
    let path = path.trim_end_matches('\r');
    if path == "site.yaml" {
        return Some(path.into());
    }
    let parts: Vec<&str> = path.split('/').collect();
    let top_ok = matches!(parts.first(), Some(&("content" | "templates" | "assets")));
    let parts_ok = parts.len() >= 2
        && parts.len() <= 5
        && parts.iter().all(|p| {
            !p.is_empty() && *p != "." && *p != ".." && p.len() <= 60 && !p.contains(['\0', '\\'])
        });
    (top_ok && parts_ok).then(|| path.to_string())
}
