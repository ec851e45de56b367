//! What earlier checks found, in a JSON file in the site (`.lernort-links.json` by
//! default), so that CI asks again only for links that were broken or not checked for
//! a while. The file is a help, never a source of errors: one that cannot be read is
//! reported and replaced.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::fetch::Verdict;
use crate::messages::Text;
use crate::text;

/// The version of the file's layout; a file of another version is started afresh.
const VERSION: u32 = 1;

/// The cache file's content.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    version: u32,
    /// By address (without `#…`), sorted, so that the file changes little.
    links: BTreeMap<String, Entry>,
}

/// One link's last result.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// When it was checked, in seconds since 1970 (UTC).
    pub checked: u64,
    /// What the server said.
    #[serde(flatten)]
    pub verdict: Verdict,
}

impl Cache {
    /// An empty cache.
    pub fn new() -> Cache {
        Cache {
            version: VERSION,
            links: BTreeMap::new(),
        }
    }

    /// The result for `url` if it was fine at most `max_age` seconds before `now`:
    /// broken and unreachable links are always asked again.
    pub fn fresh(&self, url: &str, now: u64, max_age: u64) -> Option<&Entry> {
        let entry = self.links.get(url)?;
        let fine = matches!(entry.verdict, Verdict::Fine { .. });
        // A time after `now` comes from a clock that was wrong: not to be trusted.
        let young = entry.checked <= now && now - entry.checked < max_age;
        (fine && young).then_some(entry)
    }

    /// Records `entry` for `url`.
    pub fn put(&mut self, url: String, entry: Entry) {
        self.links.insert(url, entry);
    }
}

/// The cache in `path`: empty when there is none; empty with a warning when it cannot
/// be read.
pub fn load(path: &Path, shown: &Path) -> (Cache, Option<Text>) {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Cache::new(), None),
        Err(e) => return (Cache::new(), Some(unreadable(shown, e.to_string()))),
    };
    match serde_json::from_slice::<Cache>(&bytes) {
        Ok(cache) if cache.version == VERSION => (cache, None),
        // Written by another version of lernort: start afresh, nothing is wrong.
        Ok(_) => (Cache::new(), None),
        Err(e) => (Cache::new(), Some(unreadable(shown, e.to_string()))),
    }
}

fn unreadable(shown: &Path, reason: String) -> Text {
    text!(
        "check-external-cache-unreadable",
        file = shown.display().to_string(),
        reason = Text::verbatim(reason)
    )
}

/// Writes `cache` to `path` at once: into a temporary file next to it, then renamed
/// over it, so that a check stopped halfway leaves the old file or the new one, never
/// half of one. A failure is a warning: the links are checked anew next time.
pub fn save(cache: &Cache, path: &Path, shown: &Path) -> Option<Text> {
    let failed = |e: std::io::Error| {
        Some(text!(
            "check-external-cache-not-written",
            file = shown.display().to_string(),
            reason = Text::verbatim(e.to_string())
        ))
    };
    // Serialising strings, numbers and maps with string keys cannot fail.
    let json = serde_json::to_string_pretty(cache).unwrap_or_default() + "\n";
    if let Some(dir) = path.parent()
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        return failed(e);
    }
    let temp = temp_path(path);
    let written = std::fs::File::create(&temp).and_then(|mut f| {
        f.write_all(json.as_bytes())?;
        f.sync_all()
    });
    let result = written.and_then(|()| std::fs::rename(&temp, path));
    match result {
        Ok(()) => None,
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            failed(e)
        }
    }
}

/// `<file>.tmp-<process id>` in the same folder: a rename stays on one file system, and
/// two checks at once do not write into each other's file.
fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp-{}", std::process::id()));
    path.with_file_name(name)
}

/// Now, in seconds since 1970: from the system clock, or from `LERNORT_NOW` (for tests
/// that need a fixed clock). The only place lernort asks for the time of a check.
pub fn now() -> u64 {
    if let Some(now) = std::env::var("LERNORT_NOW")
        .ok()
        .and_then(|v| v.trim().parse().ok())
    {
        return now;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(checked: u64, verdict: Verdict) -> Entry {
        Entry { checked, verdict }
    }

    #[test]
    fn only_fine_and_young_links_are_trusted() {
        let mut cache = Cache::new();
        cache.put("a".into(), entry(100, Verdict::Fine { status: 200 }));
        cache.put("b".into(), entry(100, Verdict::Broken { status: 404 }));
        assert!(cache.fresh("a", 150, 60).is_some());
        assert!(cache.fresh("a", 160, 60).is_none(), "too old");
        assert!(cache.fresh("a", 50, 60).is_none(), "from the future");
        assert!(cache.fresh("b", 150, 60).is_none(), "broken");
        assert!(cache.fresh("c", 150, 60).is_none());
    }

    #[test]
    fn saves_and_loads_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sub/links.json");
        let mut cache = Cache::new();
        cache.put(
            "https://x.org/".into(),
            entry(7, Verdict::Fine { status: 200 }),
        );
        assert!(save(&cache, &path, Path::new("sub/links.json")).is_none());
        let (loaded, warning) = load(&path, Path::new("links.json"));
        assert!(warning.is_none());
        assert!(loaded.fresh("https://x.org/", 8, 10).is_some());
        let names: Vec<_> = std::fs::read_dir(path.parent().expect("folder"))
            .expect("listing")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["links.json"], "no temporary file left");
        std::fs::write(&path, "{ kaputt").expect("write");
        let (loaded, warning) = load(&path, Path::new("links.json"));
        assert!(warning.is_some());
        assert!(loaded.links.is_empty());
    }
}
