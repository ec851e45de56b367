//! Atom feeds (RFC 4287): one document from a [`Feed`], as text that depends on nothing
//! but the input (no clock, no map order), so two builds write the same bytes. Which
//! pages go in, in which order and how many is the caller's choice; this module writes
//! them, makes every address in their HTML absolute ([`urls`]) and keeps the XML valid
//! whatever the pages hold ([`xml`]). The `feeds:` key of `site.yaml` is [`settings`].

mod dates;
pub mod settings;
mod urls;
mod xml;

#[cfg(test)]
mod tests;

use crate::content::date::Date;
use xml::Writer;

/// One feed: the site's or a section's or a term's newest pages.
#[derive(Debug, Clone)]
pub struct Feed<'a> {
    /// The feed's title, e.g. „Aktuelles – Kommunales Bildungsmanagement Trier“.
    pub title: &'a str,
    /// One line about the feed; left out when `None` or blank.
    pub subtitle: Option<&'a str>,
    /// The site language (BCP 47), written as `xml:lang`.
    pub lang: &'a str,
    /// The absolute address of the feed file itself (`rel="self"`).
    pub self_url: &'a str,
    /// The absolute address of the HTML page the feed belongs to (`rel="alternate"`).
    pub alternate: &'a str,
    /// The feed's id, stable across builds (the alternate address will do).
    pub id: &'a str,
    /// The feed's author, the site title: Atom needs one when entries name none.
    pub author: &'a str,
    /// lernort's version, for `<generator>`.
    pub generator_version: &'a str,
    /// The feed's `updated` when it has no entries (a section's own date, say); without
    /// it an empty feed says 1970-01-01, since a clock would make builds differ.
    pub updated_when_empty: Option<&'a Date>,
    /// The site's time zone, in which a bare day begins.
    pub zone: &'a jiff::tz::TimeZone,
    /// The entries, already sorted newest first and cut to the limit by the caller.
    pub entries: Vec<Entry<'a>>,
}

/// One page in a feed.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// The page title, plain text.
    pub title: &'a str,
    /// The page's absolute permalink: the entry's link and id, and the address its
    /// HTML's relative addresses are read against.
    pub url: &'a str,
    /// The page's `date`.
    pub published: &'a Date,
    /// The page's `updated`; an `updated` before `published` counts as `published`.
    pub updated: Option<&'a Date>,
    /// A plain text summary (the page description); left out when `None` or blank.
    pub summary: Option<&'a str>,
    /// The page's HTML as rendered (its summary or its whole body, as the caller
    /// chose); its root-relative and page-relative addresses may stay as they are.
    pub html: &'a str,
}

/// The Atom namespace.
const ATOM: &str = "http://www.w3.org/2005/Atom";
/// `updated` of an empty feed that was given no date of its own.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// The Atom document of `feed`, in UTF-8, ending with a line break.
pub fn write(feed: &Feed) -> String {
    let mut w = Writer::new();
    w.declaration();
    w.open(0, "feed", &[("xmlns", ATOM), ("xml:lang", feed.lang)]);
    w.leaf(1, "title", &[], feed.title);
    if let Some(subtitle) = feed.subtitle.filter(|s| !s.trim().is_empty()) {
        w.leaf(1, "subtitle", &[], subtitle);
    }
    let self_link = [
        ("rel", "self"),
        ("type", "application/atom+xml"),
        ("href", feed.self_url),
    ];
    w.empty(1, "link", &self_link);
    let alternate = [
        ("rel", "alternate"),
        ("type", "text/html"),
        ("href", feed.alternate),
    ];
    w.empty(1, "link", &alternate);
    w.leaf(1, "id", &[], feed.id);
    w.leaf(1, "updated", &[], &feed_updated(feed));
    w.open(1, "author", &[]);
    w.leaf(2, "name", &[], feed.author);
    w.close(1, "author");
    w.leaf(
        1,
        "generator",
        &[("version", feed.generator_version)],
        "lernort",
    );
    for entry in &feed.entries {
        write_entry(&mut w, entry, feed.zone);
    }
    w.close(0, "feed");
    w.finish()
}

fn write_entry(w: &mut Writer, entry: &Entry, zone: &jiff::tz::TimeZone) {
    w.open(1, "entry", &[]);
    w.leaf(2, "title", &[], entry.title);
    let link = [
        ("rel", "alternate"),
        ("type", "text/html"),
        ("href", entry.url),
    ];
    w.empty(2, "link", &link);
    w.leaf(2, "id", &[], entry.url);
    w.leaf(2, "published", &[], &dates::rfc3339(entry.published, zone));
    w.leaf(
        2,
        "updated",
        &[],
        &dates::rfc3339(entry_updated(entry), zone),
    );
    if let Some(summary) = entry.summary.filter(|s| !s.trim().is_empty()) {
        w.leaf(2, "summary", &[], summary);
    }
    // An empty `content` would show as an empty body; without it, readers show the
    // summary or follow the link, which an entry always has.
    if !entry.html.trim().is_empty() {
        let html = urls::absolute(entry.html, entry.url);
        w.leaf(2, "content", &[("type", "html")], &html);
    }
    w.close(1, "entry");
}

/// When the entry last changed: `updated`, unless that is before `published`.
fn entry_updated<'a>(entry: &Entry<'a>) -> &'a Date {
    match entry.updated {
        Some(u) if u.instant >= entry.published.instant => u,
        _ => entry.published,
    }
}

/// The feed's `updated`: the latest entry's, whatever order the entries are in (they
/// are sorted by `published`, and an old page may have been updated last). Of two
/// entries updated at the same instant, the first one's value is written.
fn feed_updated(feed: &Feed) -> String {
    let mut latest: Option<&Date> = None;
    for entry in &feed.entries {
        let updated = entry_updated(entry);
        if latest.is_none_or(|l| updated.instant > l.instant) {
            latest = Some(updated);
        }
    }
    match latest.or(feed.updated_when_empty) {
        Some(date) => dates::rfc3339(date, feed.zone),
        None => EPOCH.to_string(),
    }
}
