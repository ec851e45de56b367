//! Pages rendered while the Markdown of the others is still being rendered: a page's
//! template runs as soon as its body exists, and the page's HTML is dropped once the
//! page is written, unless a feed or another template may still read it. A build then
//! never holds every page's HTML at once.
//!
//! Only what a page's own render can see exists this early: its value, `site`, URLs
//! and assets. A template that asks for another page, section, taxonomy or term
//! (`get_page`, …) is put off to the render after all bodies ([`super::render`]), as
//! is a page whose template fails there (it fails again then, with the same message).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use tera::Value;

use super::functions::{self, AssetIndex, Shared};
use super::page_jobs::{page_job, page_template};
use super::template_reads::Reads;
use super::{Sink, Templates, context, render_owned};
use crate::feed::settings::Content;
use crate::model::{Body, PageId, Site, UsedUp, output_path};

/// Renders pages as their bodies arrive (see the module comment).
pub struct Early<'a> {
    templates: &'a Templates,
    sink: &'a dyn Sink,
    reads: Reads,
    /// Per page: whether its HTML is still read after its own page is written.
    keep: Vec<bool>,
    /// What the page values share.
    parts: context::PageParts,
    base_path: String,
    root: std::path::PathBuf,
    /// Per page: its value, once the page is written.
    values: Vec<OnceLock<Value>>,
    written: AtomicUsize,
    /// The sink refused a page: render nothing more early.
    sink_failed: AtomicBool,
}

/// What the early render leaves to the rest of the render.
#[derive(Default)]
pub struct Written {
    /// Per page: its value if it was written early (without its `content` when that
    /// was dropped), else `None`.
    pub values: Vec<Option<Value>>,
    /// How many pages were written.
    pub count: usize,
    /// What the page values share, for the values of the pages not written early.
    pub parts: Option<context::PageParts>,
}

/// Gives `templates` what exists of `site` before its bodies: `site`, `lang`, URLs and
/// assets; the functions that read other pages put their job off.
pub fn bind(site: &Site, templates: &mut Templates, assets: Arc<AssetIndex>) {
    templates.bind(Shared {
        documents: Default::default(),
        routes: Arc::clone(&site.routes),
        assets,
        base_path: site.config.base_path().to_string(),
        locale: site.config.locale,
        taxonomies: Vec::new(),
        early: true,
        navigation: Arc::new(context::navigation::Navigation::of(site)),
    });
    let globals = templates.tera.global_context();
    globals.insert_value("site", context::site_value(site));
    globals.insert("lang", &site.config.language);
}

impl<'a> Early<'a> {
    /// Prepares the early render of `site` (as it is before bodies) into `sink`, with
    /// `templates` bound by [`bind`]. `keep_html`: every page keeps its HTML (`check`
    /// reads them all afterwards).
    pub fn new(
        site: &Site,
        templates: &'a Templates,
        sink: &'a dyn Sink,
        keep_html: bool,
    ) -> Early<'a> {
        let reads = templates.reads();
        let keep_all = keep_html || reads.others_content;
        let mut keep = vec![keep_all; site.pages.len()];
        if site.config.feeds.content == Content::Full {
            for file in &site.feeds {
                for id in super::feeds::entries(site, file) {
                    keep[id] = true;
                }
            }
        }
        Early {
            templates,
            sink,
            reads,
            keep,
            parts: context::PageParts::of(site),
            base_path: site.config.base_path().to_string(),
            root: site.config.root.clone(),
            values: (0..site.pages.len()).map(|_| OnceLock::new()).collect(),
            written: AtomicUsize::new(0),
            sink_failed: AtomicBool::new(false),
        }
    }

    /// Renders page `id` of `site` with `body` and hands it to the sink, if its
    /// template needs nothing that does not exist yet. Returns what of the body can go:
    /// the HTML once written, unless read later; the table of contents if no template
    /// reads one (written early or not).
    pub fn page(&self, site: &Site, id: PageId, body: &Body) -> UsedUp {
        UsedUp {
            html: self.write(site, id, body),
            toc: !self.reads.toc,
        }
    }

    /// Writes the page if it can; whether its HTML is used up.
    fn write(&self, site: &Site, id: PageId, body: &Body) -> bool {
        if self.sink_failed.load(Ordering::Relaxed) {
            return false;
        }
        let page = &site.pages[id];
        // No memo exists here (`build` has none), so no fingerprint is compared.
        let (template, _, _) = page_template(site, id);
        if !self.templates.has(template) || self.templates.fetches(template) {
            return false;
        }
        let mut fields = context::page_fields(site, (page, body), &self.parts, self.reads);
        let value = fields.value();
        let job = page_job(site, id, value.clone(), 0);
        let current_url = format!("{}{}", self.base_path, job.url);
        let result = render_owned(self.templates, &job, &current_url, &self.root);
        drop(job);
        let (false, Ok(bytes)) = (functions::put_off(), result) else {
            return false;
        };
        if self.sink.put_owned(output_path(&page.url), bytes).is_err() {
            // Rendered again after all bodies, where the error is reported; until then
            // no other page tries (a full disk would fail every one).
            self.sink_failed.store(true, Ordering::Relaxed);
            return false;
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        let drop_html = !self.keep[id];
        let kept = if drop_html {
            // The value again without `content`: its HTML can go once this is the only
            // value that held it.
            drop(value);
            fields.remove("content");
            fields.value()
        } else {
            value
        };
        // Each page's body arrives once, so the slot is empty.
        let _ = self.values[id].set(kept);
        drop_html
    }

    /// The pages written, for the rest of the render.
    pub fn finish(self) -> Written {
        Written {
            values: self.values.into_iter().map(OnceLock::into_inner).collect(),
            count: self.written.into_inner(),
            parts: Some(self.parts),
        }
    }
}
