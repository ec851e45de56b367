//! `lernort check --external`: links to other sites, asked whether they still lead
//! somewhere. Every `http(s)` address of the rendered pages is asked once (without its
//! `#…`), however often it appears, and a problem is reported at every place it
//! appears. A link that was fine in an earlier check within `max_age_days` is taken
//! from the cache ([`cache`]); the others are asked on a few threads, politely: a
//! limit per host ([`pool`]), `HEAD` first, pauses before retries ([`fetch`]).
//!
//! A 404 or another 4xx is an error (the page is gone); no answer, or 429 and 5xx
//! after the retries, is a warning: a foreign server's bad day must not fail CI unless
//! `--strict` asks for that.

mod cache;
mod fetch;
mod pool;

use std::collections::BTreeMap;

use super::facts::{Facts, Ref};
use super::links::{Target, resolve};
use super::origin::Origins;
use super::{Finding, Severity, finding};
use crate::check::settings::External;
use crate::messages::Text;
use crate::model::Site;
use crate::text;
use fetch::Verdict;

/// How many external links a check saw, and how it judged them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Different addresses (without `#…`).
    pub links: usize,
    /// Asked now (or judged without asking: addresses that are not valid).
    pub checked: usize,
    /// Fine in an earlier check within `max_age_days`, not asked again.
    pub cached: usize,
    /// Not asked: `skip:` in `site.yaml` names them.
    pub skipped: usize,
}

/// What the external check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Broken and unreachable links, at every place they appear.
    pub findings: Vec<Finding>,
    /// The counts for the summary.
    pub stats: Stats,
    /// Things to say that are not findings (the cache could not be read or written).
    pub notices: Vec<Text>,
}

/// One different address and where it appears.
struct Link<'a> {
    /// The address in normal form, `None` when it cannot be parsed.
    url: Option<url::Url>,
    /// Output path and reference of every appearance.
    places: Vec<(&'a str, &'a Ref)>,
}

/// Checks the links to other sites in `pages` (output path, facts) of `site`.
pub fn check(site: &Site, pages: &[(String, Facts)]) -> Report {
    let settings = &site.config.check.external;
    let links = collect(site, pages);
    let shown = settings.cache.as_path();
    let path = site.config.root.join(shown);
    let (old, warning) = cache::load(&path, shown);
    let corrupt = warning.is_some();
    let mut report = Report {
        notices: warning.into_iter().collect(),
        ..Report::default()
    };
    report.stats.links = links.len();
    let now = cache::now();
    let mut new = cache::Cache::new();
    // Judged without a request (from the cache, or not valid), and to be asked.
    let mut judged: Vec<(&Link, Option<Verdict>)> = Vec::new();
    let mut jobs: Vec<(String, (&url::Url, &Link))> = Vec::new();
    for (key, link) in &links {
        let Some(url) = &link.url else {
            report.stats.checked += 1;
            judged.push((link, None));
            continue;
        };
        if settings.skips(url) {
            report.stats.skipped += 1;
        } else if let Some(entry) = old.fresh(key, now, settings.max_age) {
            report.stats.cached += 1;
            judged.push((link, Some(entry.verdict.clone())));
            new.put(key.clone(), entry.clone());
        } else {
            report.stats.checked += 1;
            let host = url.host_str().unwrap_or_default().to_string();
            jobs.push((host, (url, link)));
        }
    }
    let client = fetch::Client::new(settings, &user_agent(site));
    let verdicts = pool::run(
        &jobs,
        settings.concurrency,
        settings.per_host,
        |(url, _)| client.verdict(url.as_str()),
    );
    for ((_, (url, link)), verdict) in jobs.iter().zip(verdicts) {
        let entry = cache::Entry {
            checked: now,
            verdict: verdict.clone(),
        };
        new.put(url.to_string(), entry);
        judged.push((link, Some(verdict)));
    }
    // Nothing new to keep when every link came from the cache.
    if !jobs.is_empty() || corrupt {
        report.notices.extend(cache::save(&new, &path, shown));
    }
    let fine = |v: &Option<Verdict>| matches!(v, Some(Verdict::Fine { .. }));
    if judged.iter().any(|(_, v)| !fine(v)) {
        let origins = Origins::new(site, pages);
        for (link, verdict) in judged {
            report
                .findings
                .extend(findings(&origins, settings, link, verdict.as_ref()));
        }
    }
    report
}

/// The `User-Agent` of the requests: the configured one, else one that names lernort
/// and the site, so that a server's operator knows who asks.
fn user_agent(site: &Site) -> String {
    let configured = site.config.check.external.user_agent.clone();
    configured.unwrap_or_else(|| {
        let version = env!("CARGO_PKG_VERSION");
        format!("lernort-check/{version} (+{})", site.config.base_url)
    })
}

/// Every `http(s)` address of `pages` that leads to another site, by normal form
/// without `#…` (an address that cannot be parsed stays as written).
fn collect<'a>(site: &Site, pages: &'a [(String, Facts)]) -> BTreeMap<String, Link<'a>> {
    let config = &site.config;
    let scheme = config.base_url.split(':').next().unwrap_or("https");
    let mut links: BTreeMap<String, Link<'a>> = BTreeMap::new();
    for (path, facts) in pages {
        for r in &facts.refs {
            if resolve(&r.url, path, &config.base_url, config.base_path()) != Target::Elsewhere
                || is_hint(&r.tag.text)
            {
                continue;
            }
            let url = r.url.trim();
            // `//host/…` is on the scheme of the page that holds it: the site's.
            let written = match url.strip_prefix("//") {
                Some(rest) => format!("{scheme}://{rest}"),
                None => url.to_string(),
            };
            let lower = written.to_ascii_lowercase();
            if !lower.starts_with("http://") && !lower.starts_with("https://") {
                continue;
            }
            let parsed = url::Url::parse(&written).ok().map(|mut u| {
                u.set_fragment(None);
                u
            });
            let key = parsed
                .as_ref()
                .map_or_else(|| written.clone(), |u| u.to_string());
            let link = links.entry(key).or_insert_with(|| Link {
                url: parsed,
                places: Vec::new(),
            });
            link.places.push((path.as_str(), r));
        }
    }
    links
}

/// Whether `tag` is a `<link>` that only tells the browser to prepare a connection
/// (`preconnect`, `dns-prefetch`): its address is a host, not a page, and often
/// answers 404.
fn is_hint(tag: &str) -> bool {
    let tag = tag.to_ascii_lowercase();
    tag.starts_with("<link") && (tag.contains("preconnect") || tag.contains("dns-prefetch"))
}

/// The findings for `link` with `verdict` (`None`: the address is not valid), at
/// every place it appears, naming the address as written there.
fn findings(
    origins: &Origins,
    settings: &External,
    link: &Link,
    verdict: Option<&Verdict>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    for (path, r) in &link.places {
        let written = r.url.as_str();
        let (severity, rule, message, hint) = match (verdict, &link.url) {
            (Some(Verdict::Fine { .. }), _) => return found,
            (Some(Verdict::Broken { status }), _) => (
                Severity::Error,
                "external-broken",
                text!("check-external-broken", url = written, status = *status),
                text!("check-external-broken.hint"),
            ),
            (Some(Verdict::Unreachable { reason }), Some(url)) => (
                Severity::Warning,
                "external-unreachable",
                text!(
                    "check-external-unreachable",
                    url = written,
                    reason = reason.text(url, settings.timeout)
                ),
                text!("check-external-unreachable.hint"),
            ),
            (Some(Verdict::Unreachable { .. }), None) | (None, _) => (
                Severity::Error,
                "external-broken",
                text!("check-external-invalid", url = written),
                text!("check-external-invalid.hint"),
            ),
        };
        let place = origins.locate(path, &r.tag, Some((r.attr, written)), None);
        found.push(finding(severity, rule, place, message, hint));
    }
    found
}
