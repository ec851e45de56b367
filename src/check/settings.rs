//! The `check:` key of `site.yaml`: how `lernort check` behaves. Only `external:` (the
//! check of links to other sites, `--external`) has settings so far. The raw structs
//! reject unknown keys like the rest of `site.yaml`; [`resolve`] checks the values and
//! reports a bad one at its line.

use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::config::CONFIG_FILE;
use crate::error::Diagnostic;
use crate::messages::Text;
use crate::text;

/// `check:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    /// `external:`; empty (`external:` alone) is the same as not given.
    #[serde(default)]
    external: Option<RawExternal>,
}

/// `check: external:` as written; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExternal {
    user_agent: Option<String>,
    #[serde(default)]
    skip: Vec<String>,
    timeout_seconds: Option<u64>,
    retries: Option<u64>,
    per_host: Option<u64>,
    concurrency: Option<u64>,
    cache: Option<String>,
    max_age_days: Option<u64>,
}

/// The resolved `check:` settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Check {
    /// How links to other sites are checked.
    pub external: External,
}

/// How `lernort check --external` requests links to other sites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct External {
    /// The `User-Agent` header; `None`: `lernort-check/<version> (+<base_url>)`.
    pub user_agent: Option<String>,
    /// Addresses that are never requested.
    pub skip: Vec<Skip>,
    /// How long one request (with its redirects) may take.
    pub timeout: Duration,
    /// How often a request that failed for a passing reason is tried again.
    pub retries: u32,
    /// Requests to one host at the same time.
    pub per_host: usize,
    /// Requests at the same time, over all hosts.
    pub concurrency: usize,
    /// The cache file, relative to the site root.
    pub cache: PathBuf,
    /// How long a link that was fine is trusted without a new request, in seconds.
    pub max_age: u64,
}

/// One entry of `skip:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Every address that starts with this one (in normal form).
    Prefix(String),
    /// Every address on this host or one of its subdomains (lower case, IDNA).
    Host(String),
}

/// The numeric keys: name, default, smallest and largest value allowed.
const TIMEOUT: (&str, u64, u64, u64) = ("timeout_seconds", 10, 1, 120);
const RETRIES: (&str, u64, u64, u64) = ("retries", 2, 0, 5);
const PER_HOST: (&str, u64, u64, u64) = ("per_host", 2, 1, 16);
const CONCURRENCY: (&str, u64, u64, u64) = ("concurrency", 8, 1, 64);
const MAX_AGE: (&str, u64, u64, u64) = ("max_age_days", 7, 0, 365);
const DEFAULT_CACHE: &str = ".lernort-links.json";
const DAY: u64 = 24 * 60 * 60;

impl Default for External {
    fn default() -> External {
        External {
            user_agent: None,
            skip: Vec::new(),
            timeout: Duration::from_secs(TIMEOUT.1),
            retries: RETRIES.1 as u32,
            per_host: PER_HOST.1 as usize,
            concurrency: CONCURRENCY.1 as usize,
            cache: PathBuf::from(DEFAULT_CACHE),
            max_age: MAX_AGE.1 * DAY,
        }
    }
}

impl External {
    /// Whether `url` (in normal form) is one of the addresses `skip:` names.
    pub fn skips(&self, url: &url::Url) -> bool {
        let host = url.host_str().unwrap_or_default();
        self.skip.iter().any(|s| match s {
            Skip::Prefix(prefix) => url.as_str().starts_with(prefix.as_str()),
            Skip::Host(h) => {
                host == h
                    || host
                        .strip_suffix(h.as_str())
                        .is_some_and(|r| r.ends_with('.'))
            }
        })
    }
}

/// The settings of `raw`; a bad value is pushed to `problems` as a diagnostic at its
/// line of `text` (the whole `site.yaml`), and its default is used instead.
pub fn resolve(raw: Option<&RawCheck>, text: &str, problems: &mut Vec<Diagnostic>) -> Check {
    let Some(raw) = raw.and_then(|r| r.external.as_ref()) else {
        return Check::default();
    };
    let mut number = |(key, default, min, max): (&'static str, u64, u64, u64), value| match value {
        Some(v) if v < min || v > max => {
            problems.push(problem(
                text,
                &[key],
                None,
                text!(
                    "check-settings-range",
                    key = format!("check.external.{key}"),
                    min = min,
                    max = max,
                    value = v
                ),
                text!("check-settings-range.hint", default = default),
            ));
            default
        }
        Some(v) => v,
        None => default,
    };
    let timeout = number(TIMEOUT, raw.timeout_seconds);
    let retries = number(RETRIES, raw.retries);
    let per_host = number(PER_HOST, raw.per_host);
    let concurrency = number(CONCURRENCY, raw.concurrency);
    let max_age = number(MAX_AGE, raw.max_age_days);
    let user_agent = raw.user_agent.as_ref().and_then(|agent| {
        // A header value: visible ASCII and spaces, or the request cannot be sent.
        let fine = !agent.trim().is_empty() && agent.chars().all(|c| matches!(c, ' '..='~'));
        if !fine {
            problems.push(problem(
                text,
                &["user_agent"],
                None,
                text!("check-settings-user-agent"),
                text!("check-settings-user-agent.hint"),
            ));
        }
        fine.then(|| agent.clone())
    });
    let mut skip = Vec::new();
    for entry in &raw.skip {
        match skip_entry(entry) {
            Some(s) => skip.push(s),
            None => problems.push(problem(
                text,
                &["skip"],
                Some(entry),
                text!("check-settings-skip", entry = entry.as_str()),
                text!("check-settings-skip.hint"),
            )),
        }
    }
    let cache = cache_setting(raw.cache.as_deref(), text, problems);
    // The ranges above keep these conversions far from any limit.
    let external = External {
        user_agent,
        skip,
        timeout: Duration::from_secs(timeout),
        retries: u32::try_from(retries).unwrap_or(u32::MAX),
        per_host: usize::try_from(per_host).unwrap_or(1),
        concurrency: usize::try_from(concurrency).unwrap_or(1),
        cache,
        max_age: max_age * DAY,
    };
    Check { external }
}

/// The `cache:` file, or the default with a problem when it is not fine.
fn cache_setting(cache: Option<&str>, text: &str, problems: &mut Vec<Diagnostic>) -> PathBuf {
    match cache {
        None => PathBuf::from(DEFAULT_CACHE),
        Some(c) if cache_path_fine(c) => PathBuf::from(c),
        Some(c) => {
            problems.push(problem(
                text,
                &["cache"],
                None,
                text!("check-settings-cache", value = c),
                text!("check-settings-cache.hint"),
            ));
            PathBuf::from(DEFAULT_CACHE)
        }
    }
}

/// A `skip:` entry: an `http(s)` address (a prefix) or a host name.
fn skip_entry(entry: &str) -> Option<Skip> {
    let entry = entry.trim();
    if entry.is_empty() || entry.chars().any(char::is_whitespace) {
        return None;
    }
    if entry.contains("://") {
        let mut url = url::Url::parse(entry).ok()?;
        url.set_fragment(None);
        let web = matches!(url.scheme(), "http" | "https") && url.host_str().is_some();
        // In normal form, as the links are compared: `https://Example.org` becomes
        // `https://example.org/`, which every address on that host starts with.
        return web.then(|| Skip::Prefix(url.to_string()));
    }
    if entry.contains(['/', ':', '?', '#', '@']) {
        return None;
    }
    match url::Host::parse(entry).ok()? {
        url::Host::Domain(d) => Some(Skip::Host(d)),
        ip => Some(Skip::Host(ip.to_string())),
    }
}

/// Whether `cache` names a file inside the site (relative, without `..`) and outside
/// the folders that are published, where every visitor could read it.
fn cache_path_fine(cache: &str) -> bool {
    let path = Path::new(cache);
    let published = ["content", "assets", "public", "themes"];
    !cache.trim().is_empty()
        && !path.is_absolute()
        && !cache.starts_with(['/', '\\'])
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        && path.file_name().is_some()
        && path
            .components()
            .find(|c| matches!(c, Component::Normal(_)))
            .is_none_or(|first| !published.iter().any(|p| first.as_os_str() == *p))
}

/// A problem with `check: external: <keys>` in `site.yaml`, at that key's line (or the
/// line of `entry` below it), else at the nearest enclosing key that is found.
fn problem(
    text: &str,
    keys: &[&str],
    entry: Option<&str>,
    message: Text,
    hint: Text,
) -> Diagnostic {
    let path: Vec<&str> = ["check", "external"]
        .into_iter()
        .chain(keys.iter().copied())
        .collect();
    let (mut line, mut column) = key_line(text, &path);
    if let Some(entry) = entry
        && let Some((i, l)) = text
            .lines()
            .enumerate()
            .skip(line)
            .find(|(_, l)| l.contains(entry))
    {
        line = i + 1;
        column = l.len() - l.trim_start().len() + 1;
    }
    Diagnostic::new(CONFIG_FILE, message)
        .at(line, Some(column))
        .with_source(text)
        .hint(hint)
}

/// The 1-based line and column of the nested key `path` (block style), or of the
/// deepest part of it that is found; line 1 when not even the first is.
fn key_line(text: &str, path: &[&str]) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = (1, 1);
    let mut from = 0;
    let mut parent: Option<usize> = None;
    for key in path {
        let mut hit = None;
        for (i, line) in lines.iter().enumerate().skip(from) {
            let body = line.trim_start();
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            let indent = line.len() - body.len();
            // A line at or left of the parent key ends the parent's block.
            if parent.is_some_and(|p| indent <= p) {
                break;
            }
            let is_key = body
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'));
            if is_key && (parent.is_some() || indent == 0) {
                hit = Some((i, indent));
                break;
            }
        }
        let Some((i, indent)) = hit else { break };
        found = (i + 1, indent + 1);
        from = i + 1;
        parent = Some(indent);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(yaml: &str) -> (Check, Vec<Diagnostic>) {
        #[derive(Deserialize)]
        struct Root {
            check: Option<RawCheck>,
        }
        let root: Root = serde_yaml::from_str(yaml).expect("YAML");
        let mut problems = Vec::new();
        let check = resolve(root.check.as_ref(), yaml, &mut problems);
        (check, problems)
    }

    #[test]
    fn defaults_without_the_key() {
        let (check, problems) = settings("check:\n  external:\n");
        assert!(problems.is_empty());
        assert_eq!(check, Check::default());
        assert_eq!(check.external.per_host, 2);
        assert_eq!(check.external.concurrency, 8);
    }

    #[test]
    fn a_bad_value_is_reported_at_its_line() {
        let yaml = "title: x\ncheck:\n  external:\n    retries: 1\n    per_host: 0\n";
        let (check, problems) = settings(yaml);
        assert_eq!(check.external.retries, 1);
        assert_eq!(check.external.per_host, 2, "the default stands in");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(5));
        assert_eq!(problems[0].column, Some(5));
        let flow = "title: x\ncheck: {external: {per_host: 0}}\n";
        let (_, problems) = settings(flow);
        assert_eq!(problems[0].line, Some(2), "at the nearest key found");
    }

    #[test]
    fn skip_entries_are_prefixes_or_hosts() {
        let yaml = "check:\n  external:\n    skip:\n      - https://Example.org/intern/\n      - bund.de\n      - 'ftp://x.org'\n";
        let (check, problems) = settings(yaml);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(6));
        let skips = |u: &str| check.external.skips(&url::Url::parse(u).expect("URL"));
        assert!(skips("https://example.org/intern/a"));
        assert!(!skips("https://example.org/oeffentlich"));
        assert!(skips("https://www.bund.de/x"));
        assert!(skips("https://bund.de/"));
        assert!(!skips("https://notbund.de/"));
    }

    #[test]
    fn the_cache_stays_inside_the_site() {
        assert!(cache_path_fine(".cache/links.json"));
        assert!(!cache_path_fine("../links.json"));
        assert!(!cache_path_fine("/tmp/links.json"));
        assert!(!cache_path_fine(""));
        assert!(!cache_path_fine("./public/links.json"), "published");
        assert!(!cache_path_fine("content/links.json"), "published");
    }
}
