//! The rules `check` applies to the facts of every rendered page.

use rustc_hash::{FxHashMap, FxHashSet};

use super::facts::{Facts, Rule};
use super::links::{Emitted, Target, resolve};
use super::origin::Origins;
use super::{Finding, Severity, file_only, finding};
use crate::model::Site;
use crate::text;

/// Every finding for the pages (`(output path, facts)`, sorted) of `site`; `others`
/// are the other files the build emits.
pub fn apply(site: &Site, pages: &[(String, Facts)], others: Vec<String>) -> Vec<Finding> {
    let origins = Origins::new(site);
    let mut emitted = Emitted::default();
    emitted.files.extend(others);
    for (path, facts) in pages {
        emitted.add_page(path, facts);
    }
    let mut findings = Vec::new();
    let mut used = FxHashSet::default();
    for (path, facts) in pages {
        links(
            site,
            &origins,
            &emitted,
            path,
            facts,
            &mut used,
            &mut findings,
        );
        elements(&origins, path, facts, &mut findings);
        structure(&origins, path, facts, &mut findings);
    }
    titles(&origins, pages, &mut findings);
    hygiene(site, &used, &mut findings);
    findings
}

fn links(
    site: &Site,
    origins: &Origins,
    emitted: &Emitted,
    path: &str,
    facts: &Facts,
    used: &mut FxHashSet<String>,
    findings: &mut Vec<Finding>,
) {
    let config = &site.config;
    for r in &facts.refs {
        let target = resolve(&r.url, path, &config.base_url, config.base_path());
        let place = || origins.locate(path, &r.tag, Some((r.attr, &r.url)), None);
        match target {
            Target::Elsewhere => {}
            Target::OutsideBase => findings.push(finding(
                Severity::Error,
                "link-outside-base",
                place(),
                text!(
                    "check-link-outside-base",
                    url = r.url.as_str(),
                    base = config.base_path()
                ),
                text!("check-link-outside-base.hint"),
            )),
            Target::File { path: to, anchor } => match emitted.file_for(&to) {
                None => findings.push(finding(
                    Severity::Error,
                    "link-broken",
                    place(),
                    text!("check-link-broken", url = r.url.as_str(), attr = r.attr),
                    text!("check-link-broken.hint"),
                )),
                Some(file) => {
                    let missing = anchor.as_deref().filter(|a| {
                        !a.is_empty() && emitted.ids.get(&file).is_some_and(|ids| !ids.contains(*a))
                    });
                    if let Some(anchor) = missing {
                        findings.push(finding(
                            Severity::Error,
                            "anchor-missing",
                            place(),
                            text!(
                                "check-anchor-missing",
                                url = r.url.as_str(),
                                anchor = anchor
                            ),
                            text!("check-anchor-missing.hint"),
                        ));
                    }
                    used.insert(file);
                }
            },
        }
    }
}

fn elements(origins: &Origins, path: &str, facts: &Facts, findings: &mut Vec<Finding>) {
    for lint in &facts.lints {
        let shown = lint.text.as_str();
        let words = match lint.rule {
            Rule::VagueLinkText => Some(format!("[{shown}]")),
            Rule::ImageWithoutAlt => Some(shown.to_string()),
            _ => None,
        };
        let place = origins.locate(path, &lint.tag, None, words.as_deref());
        let (severity, rule, message, hint) = match lint.rule {
            Rule::ImageWithoutAlt => (
                Severity::Error,
                "image-alt",
                text!("check-image-alt", src = shown),
                text!("check-image-alt.hint"),
            ),
            Rule::EmptyLink => (
                Severity::Error,
                "link-empty",
                text!("check-link-empty"),
                text!("check-link-empty.hint"),
            ),
            Rule::EmptyButton => (
                Severity::Error,
                "button-empty",
                text!("check-button-empty"),
                text!("check-button-empty.hint"),
            ),
            Rule::VagueLinkText => (
                Severity::Warning,
                "link-text",
                text!("check-link-text", text = shown),
                text!("check-link-text.hint"),
            ),
            Rule::TableWithoutHeaders => (
                Severity::Error,
                "table-headers",
                text!("check-table-headers"),
                text!("check-table-headers.hint"),
            ),
        };
        findings.push(finding(severity, rule, place, message, hint));
    }
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for (id, tag) in &facts.ids {
        *seen.entry(id.as_str()).or_default() += 1;
        if seen[id.as_str()] == 2 {
            findings.push(finding(
                Severity::Error,
                "id-duplicate",
                origins.locate(path, tag, Some(("id", id)), None),
                text!("check-id-duplicate", id = id.as_str(), page = path),
                text!("check-id-duplicate.hint"),
            ));
        }
    }
}

/// Language, one `h1`, no skipped heading levels.
fn structure(origins: &Origins, path: &str, facts: &Facts, findings: &mut Vec<Finding>) {
    if !facts.has_html || facts.redirect {
        return;
    }
    let page = || {
        origins
            .page(path)
            .map_or_else(|| origins.locate(path, "<html", None, None), file_only)
    };
    if facts.lang.as_deref().is_none_or(|l| l.trim().is_empty()) {
        findings.push(finding(
            Severity::Error,
            "lang-missing",
            origins.locate(path, "<html", None, None),
            text!("check-lang-missing", page = path),
            text!("check-lang-missing.hint"),
        ));
    }
    let h1 = facts.headings.iter().filter(|(l, _, _)| *l == 1).count();
    if h1 != 1 {
        findings.push(finding(
            Severity::Error,
            "h1-count",
            page(),
            text!("check-h1-count", count = h1, page = path),
            text!("check-h1-count.hint"),
        ));
    }
    let mut previous = 0u8;
    for (level, tag, heading) in &facts.headings {
        if previous > 0 && *level > previous + 1 {
            findings.push(finding(
                Severity::Warning,
                "heading-skip",
                origins.locate(path, tag, None, Some(heading.as_str())),
                text!(
                    "check-heading-skip",
                    text = heading.as_str(),
                    level = *level as usize,
                    previous = previous as usize
                ),
                text!("check-heading-skip.hint"),
            ));
        }
        previous = *level;
    }
}

/// Every page has a title, and no two pages share one.
fn titles(origins: &Origins, pages: &[(String, Facts)], findings: &mut Vec<Finding>) {
    let mut by_title: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for (path, facts) in pages {
        if !facts.has_html || facts.redirect {
            continue;
        }
        let place = || {
            origins
                .page(path)
                .map_or_else(|| origins.locate(path, "<title", None, None), file_only)
        };
        match facts.title.as_deref().map(str::trim) {
            None | Some("") => findings.push(finding(
                Severity::Error,
                "title-missing",
                place(),
                text!("check-title-missing", page = path.as_str()),
                text!("check-title-missing.hint"),
            )),
            Some(title) => by_title.entry(title).or_default().push(path),
        }
    }
    for (title, paths) in by_title {
        if paths.len() < 2 {
            continue;
        }
        let mut shown: Vec<String> = paths
            .iter()
            .map(|p| {
                origins
                    .page(p)
                    .map_or_else(|| p.to_string(), |d| d.display().to_string())
            })
            .collect();
        shown.sort();
        for path in &paths {
            let own = origins
                .page(path)
                .map_or_else(|| path.to_string(), |d| d.display().to_string());
            // A template that gives every page one title would otherwise list every
            // page at every page: name a few, count the rest.
            const NAMED: usize = 3;
            let others: Vec<&String> = shown.iter().filter(|s| **s != own).collect();
            let named: Vec<&str> = others.iter().take(NAMED).map(|s| s.as_str()).collect();
            let more = others.len().saturating_sub(NAMED);
            let place = origins
                .page(path)
                .map_or_else(|| origins.locate(path, "<title", None, None), file_only);
            findings.push(finding(
                Severity::Error,
                "title-duplicate",
                place,
                text!(
                    "check-title-duplicate",
                    title = title,
                    others = named.join(", "),
                    more = more
                ),
                text!("check-title-duplicate.hint"),
            ));
        }
    }
}

/// Pages without a description, and files in `content/` that no page links to.
fn hygiene(site: &Site, used: &FxHashSet<String>, findings: &mut Vec<Finding>) {
    let pages = site.pages.iter().map(|p| (&p.display, &p.description));
    let sections = site
        .sections
        .iter()
        .filter(|s| s.has_index)
        .map(|s| (&s.display, &s.description));
    for (display, description) in pages.chain(sections) {
        if description.as_deref().is_none_or(|d| d.trim().is_empty()) {
            findings.push(finding(
                Severity::Warning,
                "description-missing",
                file_only(display.clone()),
                text!("check-description-missing"),
                text!("check-description-missing.hint"),
            ));
        }
    }
    for file in &site.files {
        if !used.contains(&file.output) {
            findings.push(finding(
                Severity::Warning,
                "file-unused",
                file_only(crate::content::display_path(&file.rel)),
                text!("check-file-unused", url = file.output.as_str()),
                text!("check-file-unused.hint"),
            ));
        }
    }
}
