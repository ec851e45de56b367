//! What the calendar will break: a link to a page that expires (in a section that hides
//! its expired pages) works today and fails the build from that day, in the nightly
//! build nobody watches. The build says so beforehand, as a notice naming both pages
//! and the day; and a section feed without one dated page is told too.

use rustc_hash::FxHashMap;

use super::cache::{BodyCache, Lookup};
use super::{Page, PageId, Routes, Section};
use crate::config::Config;
use crate::content::front_matter::Expired;
use crate::markdown::Resolve;
use crate::messages::Text;
use crate::schedule::{expiry_at, shown};
use crate::text;

/// From when `page` is no longer built, if its expiry hides it.
fn gone_at(page: &Page, sections: &[Section], config: &Config) -> Option<jiff::Timestamp> {
    let hides = sections[page.section].expired == Expired::Hide && !config.schedule.expired;
    let at = expiry_at(page.expiry_date.as_ref()?, &config.time_zone);
    // The end of jiff's calendar is never.
    (hides && at < jiff::Timestamp::MAX).then_some(at)
}

/// A notice for every link from a built page to a page that expires before it.
pub fn links_that_expire(
    pages: &[Page],
    sections: &[Section],
    bodies: &BodyCache,
    routes: &Routes,
    config: &Config,
) -> Vec<Text> {
    let expiring: FxHashMap<&str, (PageId, jiff::Timestamp)> = pages
        .iter()
        .enumerate()
        .filter_map(|(id, p)| Some((p.rel.as_str(), (id, gone_at(p, sections, config)?))))
        .collect();
    if expiring.is_empty() {
        return Vec::new();
    }
    // Pages, and sections with an `_index.md` (which never expire, but whose text
    // links too): the document, how it is shown, when it goes, and whether it stays
    // built (archived) after its own expiry.
    let documents = pages
        .iter()
        .map(|p| {
            let archived = sections[p.section].expired == Expired::Archive;
            (
                &p.rel,
                &p.display,
                gone_at(p, sections, config),
                archived,
                Some(p),
            )
        })
        .chain(
            sections
                .iter()
                .filter(|s| s.has_index)
                .map(|s| (&s.rel, &s.display, None, false, None)),
        );
    let mut notices = Vec::new();
    for (rel, display, own, archived, page) in documents {
        let Some(body) = bodies.get_any(rel) else {
            continue;
        };
        let mut told: Vec<PageId> = Vec::new();
        // A typed `page` field breaks like a link (its value is the page's path).
        let referenced = page.map(|p| page_references(p, config)).unwrap_or_default();
        let references = referenced.into_iter().map(Lookup::Content);
        for lookup in body.lookups.iter().cloned().chain(references) {
            let Some((id, at)) = expiring_target(&lookup, routes, &expiring) else {
                continue;
            };
            if own.is_some_and(|own| own <= at) || told.contains(&id) {
                continue;
            }
            told.push(id);
            let page = display.display().to_string();
            let (target, date) = (pages[id].rel.as_str(), shown(at, &config.time_zone));
            notices.push(if archived {
                // Archived, the linking page stays built: the link must go.
                text!(
                    "model-link-will-expire.archived",
                    page = page,
                    target = target,
                    date = date
                )
            } else {
                text!(
                    "model-link-will-expire",
                    page = page,
                    target = target,
                    date = date
                )
            });
        }
    }
    notices
}

/// The pages a page's typed fields name: its `page` fields and lists of them (their
/// values are the pages' content paths once checked).
fn page_references(page: &Page, config: &Config) -> Vec<String> {
    use crate::schema::Kind;
    let Some(kind) = page.type_name.as_deref().and_then(|t| config.schema.get(t)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, field) in &kind.fields {
        let value = page.fields.get(name.as_str());
        match (&field.kind, value) {
            (Kind::Page, Some(crate::yaml::Value::String(rel))) => out.push(rel.clone()),
            (Kind::List(item), Some(crate::yaml::Value::Sequence(items)))
                if matches!(item.kind, Kind::Page) =>
            {
                out.extend(items.iter().filter_map(|v| v.as_str().map(str::to_string)));
            }
            _ => {}
        }
    }
    out
}

/// The expiring page a link target leads to: the page itself, or the bundle page a
/// file of its folder belongs to.
fn expiring_target(
    lookup: &Lookup,
    routes: &Routes,
    expiring: &FxHashMap<&str, (PageId, jiff::Timestamp)>,
) -> Option<(PageId, jiff::Timestamp)> {
    let target = match lookup {
        Lookup::Content(rel) => routes.find(rel).map(|(key, _)| key.to_string()),
        Lookup::SitePath(path) => routes.resolve_url(path).ok().and_then(|r| r.document),
    }?;
    if let Some(&found) = expiring.get(target.as_str()) {
        return Some(found);
    }
    let bundle = crate::content::join(crate::content::parent(&target), "index.md");
    (!target.ends_with(".md"))
        .then(|| expiring.get(bundle.as_str()).copied())
        .flatten()
}

/// A notice for every section feed that has no entry, since none of its pages has a
/// `date:` (an entry needs one).
pub fn empty_feeds(sections: &[Section], pages: &[Page], feeds: &[super::FeedFile]) -> Vec<Text> {
    feeds
        .iter()
        .filter_map(|f| match f.kind {
            super::FeedKind::Section(id) => Some((id, f)),
            _ => None,
        })
        .filter(|(id, _)| sections[*id].pages.iter().all(|&p| pages[p].date.is_none()))
        .map(|(id, f)| {
            text!(
                "model-feed-empty",
                section = sections[id].display.display().to_string(),
                feed = f.url.as_str()
            )
        })
        .collect()
}
