//! The Atom feeds of the site ([`crate::model::FeedFile`]): which pages each holds,
//! newest first and cut to `feeds: limit`, written by [`crate::feed`]. A feed is
//! written straight to its file, not through a template, so that nothing escapes its
//! XML twice.

use super::Output;
use crate::feed::settings::Content;
use crate::feed::{self, Entry, Feed};
use crate::model::{FeedFile, FeedKind, PageId, Site, output_path};

/// The file of every feed of `site`.
pub fn all(site: &Site) -> Vec<Output> {
    site.feeds.iter().map(|f| one(site, f)).collect()
}

/// The pages `feed` holds, newest first, at most `limit`: only dated ones, since an
/// entry needs a date.
pub fn entries(site: &Site, feed: &FeedFile) -> Vec<PageId> {
    let all: Vec<PageId>;
    let ids: &[PageId] = match feed.kind {
        FeedKind::Home => {
            all = (0..site.pages.len()).collect();
            &all
        }
        FeedKind::Section(id) => &site.sections[id].pages,
        FeedKind::Term(t, i) => &site.taxonomies[t].terms[i].pages,
    };
    // Archived pages have expired: they left every list but their section's archive.
    // Each page's sort key is read once; ties by address: the same order in every build.
    let mut keyed: Vec<_> = ids
        .iter()
        .filter_map(|&p| {
            let page = &site.pages[p];
            let instant = page.date.as_ref().filter(|_| !page.archived)?.instant;
            Some((std::cmp::Reverse(instant), page.url.as_str(), p))
        })
        .collect();
    // Addresses are unique, so this order is total: the newest `limit` are found
    // without sorting the rest (the home feed of a large site has every page).
    let limit = site.config.feeds.limit;
    if let Some(last) = limit.checked_sub(1)
        && keyed.len() > limit
    {
        keyed.select_nth_unstable(last);
    }
    keyed.truncate(limit);
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, p)| p).collect()
}

/// The title of `feed`: the site's, or the section's or term's with the site's.
fn title(site: &Site, feed: &FeedFile) -> String {
    let site_title = &site.config.title;
    match feed.kind {
        FeedKind::Home => site_title.clone(),
        FeedKind::Section(id) => format!("{} – {site_title}", site.sections[id].title),
        FeedKind::Term(t, i) => {
            let tax = &site.taxonomies[t];
            format!("{} – {} – {site_title}", tax.terms[i].name, tax.title)
        }
    }
}

fn one(site: &Site, file: &FeedFile) -> Output {
    let config = &site.config;
    let ids = entries(site, file);
    let permalinks: Vec<String> = ids
        .iter()
        .map(|&p| config.permalink(&site.pages[p].url))
        .collect();
    let entries = ids
        .iter()
        .zip(&permalinks)
        .filter_map(|(&p, url)| {
            let page = &site.pages[p];
            let html = match config.feeds.content {
                Content::Summary => &page.body.summary,
                Content::Full => &page.body.html,
            };
            Some(Entry {
                title: &page.title,
                url,
                // Every page `entries` chose has a date.
                published: page.date.as_ref()?,
                updated: page.updated.as_ref(),
                summary: page.description.as_deref(),
                html: html.as_str().unwrap_or(""),
            })
        })
        .collect();
    let title = title(site, file);
    let self_url = config.permalink(&file.url);
    let alternate = config.permalink(&file.page);
    let subtitle = match file.kind {
        FeedKind::Home => Some(config.description.as_str()),
        FeedKind::Section(id) => site.sections[id].description.as_deref(),
        FeedKind::Term(..) => None,
    };
    let doc = feed::write(&Feed {
        title: &title,
        subtitle,
        lang: &config.language,
        self_url: &self_url,
        alternate: &alternate,
        id: &alternate,
        author: &config.title,
        generator_version: env!("CARGO_PKG_VERSION"),
        updated_when_empty: None,
        zone: &config.time_zone,
        entries,
    });
    Output {
        path: output_path(&file.url),
        bytes: doc.into_bytes().into(),
    }
}
