//! The jobs of pages: which template each page is rendered with (its own, its section's
//! choice for its pages, or `page.html`), with which value.

use std::path::Path;

use tera::Value;

use super::{Job, context, fingerprint};
use crate::model::{PageId, Site};

/// The jobs of the pages not written early whose address `wanted` accepts.
pub(super) fn page_jobs<'a>(
    site: &'a Site,
    views: &context::Views,
    fps: &fingerprint::Fingerprints,
    early: &[Option<Value>],
    wanted: impl Fn(&str) -> bool,
) -> impl Iterator<Item = Job<'a>> {
    let ids = (0..site.pages.len()).filter(move |&id| {
        early.get(id).is_none_or(Option::is_none) && wanted(&site.pages[id].url)
    });
    ids.map(|id| page_job(site, id, views.pages[id].clone(), fps.pages[id]))
}

/// The template of a page that names none and whose section names none for its pages.
pub(super) const PAGE_DEFAULT: &str = "page.html";

/// The default template of every list job and, unless `page.html` is `there`, of every
/// page not written early that uses one: pages have no other default, so with it they
/// need not be looked at (a pass over every page in each rebuild of the preview).
pub(super) fn default_templates<'a>(
    site: &'a Site,
    list_jobs: &'a [Job<'a>],
    early: &'a [Option<Value>],
    there: bool,
) -> impl Iterator<Item = &'a str> {
    let lists = list_jobs.iter().filter(|j| j.default).map(|j| j.template);
    let pages_to_look_at = if there { 0 } else { site.pages.len() };
    let pages = (0..pages_to_look_at)
        .filter(|&id| early.get(id).is_none_or(Option::is_none))
        .map(|id| page_template(site, id))
        .filter_map(|(template, _, default)| default.then_some(template));
    lists.chain(pages)
}

/// The job of page `id` with its value and fingerprint.
pub(super) fn page_job(site: &Site, id: PageId, value: Value, fingerprint: u64) -> Job<'_> {
    let p = &site.pages[id];
    let (template, chosen_by, default) = page_template(site, id);
    Job {
        template,
        vars: vec![("page", value)],
        url: &p.url,
        display: &p.display,
        chosen_by,
        fingerprint,
        default,
    }
}

/// A template, the file and line that chose it, and whether it is the default one.
pub(super) type Chosen<'a> = (&'a str, (&'a Path, Option<usize>), bool);

/// The template of page `id`: its own, its section's choice for its pages, or
/// `page.html`.
pub(super) fn page_template(site: &Site, id: PageId) -> Chosen<'_> {
    let p = &site.pages[id];
    let section = &site.sections[p.section];
    match (&p.template, &section.page_template) {
        (Some(t), _) => (t.as_str(), (p.display.as_path(), p.template_line), false),
        (None, Some(t)) => (
            t.as_str(),
            (section.display.as_path(), section.page_template_line),
            false,
        ),
        (None, None) => (PAGE_DEFAULT, (p.display.as_path(), None), true),
    }
}
