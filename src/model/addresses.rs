//! Which site path belongs to whom: every path a root-relative link may name
//! (sections, pages, aliases, list pages, feeds and the fixed files), and the clashes
//! of two sources for one path, reported at the file an editor can change.

use std::path::PathBuf;

use rustc_hash::FxHashMap;

use super::{FeedFile, FeedKind, List, ListKind, Page, Routes, Section};
use crate::error::Diagnostic;
use crate::text;

/// Records every site path a root-relative link may name, besides copied files:
/// sections, pages, their aliases (leading to the page) and the fixed files.
pub(super) fn publish(
    routes: &mut Routes,
    sections: &[Section],
    pages: &[Page],
    (lists, feeds): (&[List], &[FeedFile]),
) {
    for s in sections {
        let document = s.has_index.then(|| s.rel.clone());
        routes.insert_published(s.url.clone(), s.url.clone(), document);
    }
    for p in pages {
        routes.insert_published(p.url.clone(), p.url.clone(), Some(p.rel.clone()));
        for alias in &p.aliases {
            routes.insert_published(alias.clone(), p.url.clone(), Some(p.rel.clone()));
        }
    }
    for list in lists {
        for url in list.own_urls() {
            routes.insert_published(url.clone(), url.clone(), None);
        }
        if let Some(alias) = &list.first_alias {
            routes.insert_published(alias.clone(), list.urls[0].clone(), None);
        }
    }
    for feed in feeds {
        routes.insert_published(feed.url.clone(), feed.url.clone(), None);
    }
    for fixed in super::FIXED_OUTPUTS {
        routes.insert_published(fixed.to_string(), fixed.to_string(), None);
    }
}

/// The site paths lernort makes itself besides sections and pages: later list pages,
/// archives, taxonomy and term pages, feeds; each with the file that asks for it (a
/// taxonomy's is `site.yaml`, named with the taxonomy) and its kind for messages.
fn generated<'a>(
    sections: &'a [Section],
    (lists, feeds): (&'a [List], &'a [FeedFile]),
    taxonomies: &'a [PathBuf],
    site_yaml: &'a PathBuf,
) -> impl Iterator<Item = (&'a str, &'a PathBuf, &'static str)> {
    let list_pages = lists.iter().flat_map(move |l| {
        let (display, kind) = match l.kind {
            ListKind::Section(id) => (&sections[id].display, "list"),
            ListKind::Archive(id) => (&sections[id].display, "archive"),
            ListKind::Taxonomy(t) => (taxonomies.get(t).unwrap_or(site_yaml), "taxonomy"),
            ListKind::Term(t, _) => (taxonomies.get(t).unwrap_or(site_yaml), "term"),
        };
        let urls = l.own_urls().iter().chain(&l.first_alias);
        urls.map(move |u| (u.as_str(), display, kind))
    });
    let feed_files = feeds.iter().map(move |f| {
        let display = match f.kind {
            FeedKind::Section(id) => &sections[id].display,
            FeedKind::Term(t, _) => taxonomies.get(t).unwrap_or(site_yaml),
            FeedKind::Home => site_yaml,
        };
        (f.url.as_str(), display, "feed")
    });
    list_pages.chain(feed_files)
}

/// Two sources for one URL is an error naming both. What lernort makes itself comes
/// first, so that the problem is reported at the content file an editor can change.
pub(super) fn check_collisions(
    sections: &[Section],
    pages: &[Page],
    made: (&[List], &[FeedFile]),
    taxonomy_names: &[String],
    problems: &mut Vec<Diagnostic>,
) {
    let mut seen: FxHashMap<&str, (&PathBuf, &str)> = FxHashMap::default();
    let site_yaml = PathBuf::from(crate::config::CONFIG_FILE);
    let taxonomies: Vec<PathBuf> = taxonomy_names
        .iter()
        .map(|name| {
            PathBuf::from(format!(
                "{} (taxonomies: {name})",
                crate::config::CONFIG_FILE
            ))
        })
        .collect();
    let sources = generated(sections, made, &taxonomies, &site_yaml)
        .chain(
            sections
                .iter()
                .map(|s| (s.url.as_str(), &s.display, "section")),
        )
        .chain(pages.iter().map(|p| (p.url.as_str(), &p.display, "page")))
        .chain(pages.iter().flat_map(|p| {
            p.aliases
                .iter()
                .map(move |a| (a.as_str(), &p.display, "alias"))
        }));
    // Compare the files written, not the URLs: the alias `/index.html` and the home
    // page `/` are different URLs for the same file.
    let mut seen_files: FxHashMap<String, (&PathBuf, &str)> = FxHashMap::default();
    for (url, display, kind) in sources {
        // An empty segment (`//`) is already reported as a name without a URL segment.
        if kind != "alias" && url.contains("//") {
            continue;
        }
        let earlier = seen
            .get(url)
            .copied()
            .or_else(|| seen_files.get(&super::output_path(url)).copied());
        if let Some((first, first_kind)) = earlier {
            let message = text!(
                "model-url-collision",
                kind = kind,
                first_kind = first_kind,
                first = first.display().to_string(),
                url = url
            );
            let hint = match (kind, first_kind) {
                ("alias", _) | (_, "alias") => text!("model-url-collision.alias-hint"),
                (_, "section" | "page") => text!("model-url-collision.hint"),
                ("section", _) => text!("model-url-collision.generated-folder-hint", url = url),
                ("page", _) => text!("model-url-collision.generated-hint", url = url),
                // Both made by lernort: a term, a taxonomy or a folder must change.
                _ => text!("model-url-collision.generated-both-hint", url = url),
            };
            // A taxonomy is named with its entry in messages; the file is `site.yaml`.
            let site_yaml = std::path::Path::new(crate::config::CONFIG_FILE);
            let file = if taxonomies.contains(display) {
                site_yaml
            } else {
                display.as_path()
            };
            problems.push(Diagnostic::new(file, message).hint(hint));
        } else {
            seen.insert(url, (display, kind));
            seen_files.insert(super::output_path(url), (display, kind));
        }
    }
}
