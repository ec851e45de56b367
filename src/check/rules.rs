//! The rules `check` applies to the facts of every rendered page.

use rustc_hash::{FxHashMap, FxHashSet};

use super::facts::{Facts, Rule, Tag};
use super::links::{Emitted, Target, resolve};
use super::origin::Origins;
use super::{Finding, Severity, file_only, finding};
use crate::model::Site;
use crate::text;

/// Every finding for the pages (`(output path, facts)`, sorted) of `site`; `others`
/// are the other files the build emits.
pub fn apply(site: &Site, pages: &[(String, Facts)], others: Vec<String>) -> Vec<Finding> {
    let origins = Origins::new(site, pages);
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
    let own_host = host(&config.base_url);
    for r in &facts.refs {
        let target = resolve(&r.url, path, &config.base_url, config.base_path());
        let place = || origins.locate(path, &r.tag, Some((r.attr, &r.url)), None);
        match target {
            Target::Elsewhere => {
                let Some(other) = host(&r.url).filter(|_| r.loads) else {
                    continue;
                };
                if own_host
                    .as_deref()
                    .is_some_and(|own| same_party(own, &other))
                {
                    continue;
                }
                findings.push(finding(
                    Severity::Error,
                    "third-party",
                    place(),
                    text!(
                        "check-third-party",
                        url = r.url.as_str(),
                        host = other.as_str()
                    ),
                    text!("check-third-party.hint"),
                ));
            }
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
                    // `#` and `#top` lead to the top of every page, as browsers scroll.
                    let missing = anchor.as_deref().filter(|a| {
                        !a.is_empty()
                            && !a.eq_ignore_ascii_case("top")
                            && emitted.ids.get(&file).is_some_and(|ids| !ids.contains(*a))
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

/// The words a lint's Markdown line is found by.
fn lint_words(rule: Rule, text: &str) -> Option<String> {
    match rule {
        Rule::VagueLinkText => Some(format!("[{text}]")),
        Rule::ImageWithoutAlt | Rule::ImageAltEmpty => Some(text.to_string()),
        _ => None,
    }
}

fn elements(origins: &Origins, path: &str, facts: &Facts, findings: &mut Vec<Finding>) {
    let in_body = |tag: &Tag| origins.in_body(path, tag.offset);
    for (i, lint) in facts.lints.iter().enumerate() {
        let shown = lint.text.as_str();
        // A template's `alt=""` is deliberate; only the editor's images are asked about.
        if lint.rule == Rule::ImageAltEmpty && !in_body(&lint.tag) {
            continue;
        }
        let words = lint_words(lint.rule, shown);
        // The n-th element found by the same words is at the n-th line holding them.
        let nth = facts.lints[..i]
            .iter()
            .filter(|l| in_body(&l.tag) && lint_words(l.rule, &l.text) == words)
            .count();
        let place = origins.locate(path, &lint.tag, None, words.as_deref().map(|w| (w, nth)));
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
            Rule::ImageAltEmpty => (
                Severity::Warning,
                "image-alt-empty",
                text!("check-image-alt-empty", src = shown),
                text!("check-image-alt-empty.hint"),
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
    if facts.lang.as_deref().is_none_or(|l| l.trim().is_empty()) {
        findings.push(finding(
            Severity::Error,
            "lang-missing",
            origins.locate(path, &template_tag("<html"), None, None),
            text!("check-lang-missing", page = path),
            text!("check-lang-missing.hint"),
        ));
    }
    let in_body = |tag: &Tag| origins.in_body(path, tag.offset);
    // The n-th heading of the body with the same text is at the n-th line holding it.
    let heading_place = |i: usize| {
        let (_, tag, text) = &facts.headings[i];
        let nth = facts.headings[..i]
            .iter()
            .filter(|(_, t, h)| h == text && in_body(t))
            .count();
        origins.locate(path, tag, None, Some((text.as_str(), nth)))
    };
    let h1: Vec<usize> = (0..facts.headings.len())
        .filter(|&i| facts.headings[i].0 == 1)
        .collect();
    if h1.len() != 1 {
        let display = origins.page(path);
        let place = match (h1.len(), display) {
            // No main heading: the page title (`title:`) is what the theme shows as one.
            (0, Some(display)) => origins.front_matter_key(display, "title"),
            (0, None) => origins.locate(path, &template_tag("<body"), None, None),
            // More than one: the editor's `#` heading, else the second one.
            _ => {
                let own = h1.iter().copied().find(|&i| in_body(&facts.headings[i].1));
                heading_place(own.unwrap_or(h1[1]))
            }
        };
        let shown = display.map_or_else(|| path.to_string(), |d| d.display().to_string());
        findings.push(finding(
            Severity::Error,
            "h1-count",
            place,
            text!("check-h1-count", count = h1.len(), page = shown),
            text!("check-h1-count.hint"),
        ));
    }
    let mut previous = 0u8;
    for (i, (level, _, heading)) in facts.headings.iter().enumerate() {
        if previous > 0 && *level > previous + 1 {
            findings.push(finding(
                Severity::Warning,
                "heading-skip",
                heading_place(i),
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
            origins.page(path).map_or_else(
                || origins.locate(path, &template_tag("<title"), None, None),
                file_only,
            )
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
            let place = origins.page(path).map_or_else(
                || origins.locate(path, &template_tag("<title"), None, None),
                file_only,
            );
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

/// A tag to look for in templates only (it is not at a place of the output).
fn template_tag(text: &str) -> Tag {
    Tag {
        text: text.to_string(),
        offset: usize::MAX,
    }
}

/// The host of an address to another site (`https://host/…`, `//host/…`), in lower
/// case; `None` for other schemes (`mailto:`, `tel:`) and what cannot be read.
fn host(url: &str) -> Option<String> {
    let url = url.trim();
    let full = match url.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => url.to_string(),
    };
    let parsed = url::Url::parse(&full).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    parsed
        .host_str()
        .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
}

/// Whether `other` is the site's host `own` or one of its own names: `www.x.de` and
/// `x.de`, or a host below either (`static.x.de`).
fn same_party(own: &str, other: &str) -> bool {
    let bare = |h: &str| h.strip_prefix("www.").unwrap_or(h).to_string();
    let (own, other) = (bare(own), bare(other));
    other == own || other.ends_with(&format!(".{own}"))
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
