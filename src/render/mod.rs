//! Rendering: the model and templates in, outputs (path + bytes) out, handed one by
//! one to a [`Sink`]. No file is written here: `build` passes a sink that stages
//! files on disk, and `check` or `serve` can pass their own, with rendering unchanged.

mod chunks;
pub mod context;
mod documents;
pub mod early;
mod extras;
mod feeds;
mod fields;
pub mod file_bytes;
mod fingerprint;
pub mod functions;
pub mod listing;
mod lists;
pub mod memo;
mod page_jobs;
mod raised;
mod runner;
mod template_cycles;
mod template_deps;
mod template_end;
mod template_errors;
pub mod template_reads;
mod templates;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::error::{Diagnostic, Error, Result};
use crate::model::{Site, output_path};
use crate::text;
pub use file_bytes::FileBytes;
pub use functions::AssetIndex;
use page_jobs::{default_templates, page_jobs};
use runner::{Failure, Ran, Runner};
pub use templates::{TemplateCache, Templates};

/// One file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// The file's bytes (shared, so the preview and its memo keep one copy).
    pub bytes: FileBytes,
}

/// What [`render`] did.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Files produced.
    pub files: usize,
    /// Pages and sections whose template actually ran (the rest came from the memo).
    pub rendered: usize,
    /// With a memo: outputs of the memo's build that this build no longer produces.
    pub removed: Vec<String>,
}

/// Receives every rendered file as soon as it is ready, from any render thread.
pub trait Sink: Sync {
    /// Takes one finished file.
    fn put(&self, output: Output) -> Result<()>;

    /// Takes one finished file as owned bytes; a sink that only writes them out can do
    /// so without making the shared copy an [`Output`] holds (a 20 MB page's HTML).
    fn put_owned(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        self.put(Output {
            path,
            bytes: bytes.into(),
        })
    }

    /// Whether the caller reads every page's HTML from the built site afterwards, so
    /// that none may be dropped once its page is written ([`early`]).
    fn reads_bodies(&self) -> bool {
        false
    }

    /// Whether the file of site path `url` is wanted before the others: a page open in
    /// the preview's browser. [`render`] renders those first.
    fn urgent(&self, _url: &str) -> bool {
        false
    }

    /// Called once every urgent file is handed over, before the others are rendered.
    fn urgent_done(&self) {}
}

/// The site path of every file [`render`] produces, known before rendering: sections,
/// pages, aliases, list pages, feeds and the fixed files.
pub fn output_urls(site: &Site) -> impl Iterator<Item = &str> {
    let urls = site
        .sections
        .iter()
        .map(|s| s.url.as_str())
        .chain(site.pages.iter().map(|p| p.url.as_str()));
    let aliases = site
        .pages
        .iter()
        .flat_map(|p| p.aliases.iter().map(String::as_str));
    let lists = site.lists.iter().flat_map(|l| {
        l.own_urls()
            .iter()
            .chain(&l.first_alias)
            .map(String::as_str)
    });
    let feeds = site.feeds.iter().map(|f| f.url.as_str());
    urls.chain(aliases)
        .chain(lists)
        .chain(feeds)
        .chain(crate::model::FIXED_OUTPUTS)
}

/// What to render, with the template to use.
struct Job<'a> {
    template: &'a str,
    /// The template's variables besides `site` and `current_url`: `page`, or
    /// `section` and `paginator`, or `taxonomy` and `term`…
    vars: Vec<(&'static str, Value)>,
    url: &'a str,
    display: &'a Path,
    /// The file and line that chose the template, for "unknown template" errors.
    chosen_by: (&'a Path, Option<usize>),
    /// The fingerprint of `value`.
    fingerprint: u64,
    /// Whether the template is the default one (no `template:` chose it).
    default: bool,
}

/// Renders every page, section, the 404 page, sitemap, robots.txt and alias redirects
/// into `sink`, except the pages `early` wrote already. With a `memo` (the preview), a
/// page whose inputs did not change since the memo was filled is taken from it instead
/// of rendered, and is not handed to the sink again: the caller still has it from before.
pub fn render(
    site: &Site,
    mut templates: Templates,
    (assets, early): (Arc<AssetIndex>, early::Written),
    sink: &dyn Sink,
    mut memo: Option<&mut memo::RenderMemo>,
) -> Result<Rendered> {
    let (fingerprints, docs, mut views) = views_of(site, templates.reads(), &early, &mut memo);
    let p = crate::profile::stage("render: bind+jobs");
    bind(site, &mut templates, &views, (assets, &docs));
    let list_jobs = lists::jobs(site, &views, &fingerprints);
    // A missing default template is one problem of the site, not one of every page.
    let page_default = templates.has(page_jobs::PAGE_DEFAULT);
    let defaults = default_templates(site, &list_jobs, &early.values, page_default);
    let mut problems = templates.missing_defaults(defaults, &site.config);
    let runnable = |j: &Job| !j.default || templates.has(j.template);
    let (mut first, rest_lists): (Vec<Job>, Vec<Job>) = list_jobs
        .into_iter()
        .filter(runnable)
        .partition(|j| sink.urgent(j.url));
    let urgent_pages = page_jobs(site, &views, &fingerprints, &early.values, |url| {
        sink.urgent(url)
    });
    first.extend(urgent_pages.filter(runnable));
    // The list jobs are made: the preview keeps the views of sections and terms (moved
    // out of `views`) for the next render.
    let keep = memo
        .is_some()
        .then(|| context::kept::KeptViews::keep(site, &fingerprints, &mut views));
    drop(p);
    let p = crate::profile::stage("render: run");
    let run = Runner {
        templates: &templates,
        fingerprints: &fingerprints,
        docs: &docs,
        earlier: memo.as_deref(),
        site,
        sink,
    };
    // The pages open in a browser first; the jobs of all others are made only then.
    let mut results: Vec<std::result::Result<Option<Ran>, Failure>> = first
        .into_par_iter()
        .with_max_len(crate::parallel::ITEMS_PER_TASK)
        .map(|job| run.job(&job))
        .collect();
    if !results.is_empty() {
        sink.urgent_done();
    }
    let mut rest = rest_lists;
    let other_pages = page_jobs(site, &views, &fingerprints, &early.values, |url| {
        !sink.urgent(url)
    });
    rest.extend(other_pages.filter(runnable));
    let page_values = std::mem::take(&mut views.pages);
    drop(views);
    results.par_extend(
        rest.into_par_iter()
            .with_max_len(crate::parallel::ITEMS_PER_TASK)
            .map(|job| run.job(&job)),
    );
    drop(p);
    let p = crate::profile::stage("render: collect");
    let jobs_done = results.len();
    let mut fresh = Vec::new();
    for r in results {
        match r {
            Ok(Some(done)) => fresh.push(done),
            Ok(None) => {}
            Err(Failure::Content(d)) => problems.push(d),
            Err(Failure::Io(e)) => return Err(e),
        }
    }
    drop(p);
    let _p = crate::profile::stage("render: extras+memo");
    let done = Done {
        fresh,
        jobs: jobs_done,
        early: early.count,
        page_values,
        views: keep,
        problems,
    };
    let one_shot = memo.is_none();
    let rendered = finish(site, &templates, (&fingerprints, done), sink, memo);
    if one_shot {
        // Nothing reuses them: freeing every page's value need not hold up the build.
        crate::discard::later((templates, docs));
    }
    rendered
}

/// The fingerprints, the documents by path and the template views of `site`. With a
/// memo, the views the last good render kept are taken out of it and reused where
/// their fingerprints hold.
fn views_of(
    site: &Site,
    reads: template_reads::Reads,
    early: &early::Written,
    memo: &mut Option<&mut memo::RenderMemo>,
) -> (
    fingerprint::Fingerprints,
    documents::DocIndex,
    context::Views,
) {
    let p = crate::profile::stage("render: fingerprints");
    let mut kept = context::kept::KeptViews::default();
    let mut reuse = Vec::new();
    if let Some(memo) = memo.as_deref_mut() {
        // Before anything renders, the runs of failed builds and of replaced files have
        // no holder left but the table.
        memo.chunks().forget_unused();
        kept = memo.take_views();
        reuse = memo.take_page_values();
    }
    let fingerprints = fingerprint::compute(site, reads);
    let docs = match memo.as_deref_mut() {
        Some(memo) => memo.docs(site),
        None => documents::DocIndex::of(site),
    };
    drop(p);
    let _p = crate::profile::stage("render: views");
    let earlier = (memo.as_deref(), early);
    let views = context::build(site, &fingerprints, earlier, reads, (&mut kept, reuse));
    (fingerprints, docs, views)
}

/// Gives `templates` the values of this build: `site`, `lang`, and what the template
/// functions look up.
fn bind(
    site: &Site,
    templates: &mut Templates,
    views: &context::Views,
    (assets, docs): (Arc<AssetIndex>, &documents::DocIndex),
) {
    templates.bind(functions::Shared {
        documents: documents::Documents {
            index: docs.clone(),
            pages: Arc::clone(&views.pages),
            sections: views.sections.clone(),
        },
        routes: Arc::clone(&site.routes),
        assets,
        base_path: site.config.base_path().to_string(),
        locale: site.config.locale,
        taxonomies: functions::taxonomy_entries(site, views),
        early: false,
        navigation: Arc::new(context::navigation::Navigation::of(site)),
    });
    let globals = templates.tera.global_context();
    globals.insert_value("site", views.site.clone());
    globals.insert("lang", &site.config.language);
}

/// What the render jobs did.
struct Done<'a> {
    /// The jobs whose template ran (see [`Ran`]).
    fresh: Vec<Ran<'a>>,
    /// How many jobs there were.
    jobs: usize,
    /// How many pages were written early.
    early: usize,
    /// Every page's value, by page id.
    page_values: Arc<Vec<Value>>,
    /// The views of sections and terms, for the preview's next render.
    views: Option<context::kept::KeptViews>,
    problems: Vec<Diagnostic>,
}

/// The files besides pages and lists (redirects, sitemap, robots.txt, feeds, 404 page),
/// and, with a `memo`, what it keeps of this build. Fails with every problem found.
fn finish(
    site: &Site,
    templates: &Templates,
    (fingerprints, done): (&fingerprint::Fingerprints, Done),
    sink: &dyn Sink,
    memo: Option<&mut memo::RenderMemo>,
) -> Result<Rendered> {
    let Done {
        fresh,
        jobs,
        early,
        page_values,
        views,
        mut problems,
    } = done;
    let mut extras = extras::aliases(site);
    // The sitemap lists every page: with a memo, it is written again only when a URL
    // or a date changed.
    let sitemap_key = extras::sitemap_key(site);
    let sitemap = memo
        .as_deref()
        .and_then(|m| m.sitemap(sitemap_key))
        .unwrap_or_else(|| extras::sitemap(site));
    extras.push(sitemap);
    extras.push(extras::robots(site));
    extras.extend(feeds::all(site));
    match render_not_found(site, templates) {
        Ok(o) => extras.push(o),
        Err(d) => problems.push(d),
    }
    if !problems.is_empty() {
        return Err(Error::Content(template_errors::collapse(problems)));
    }
    let rendered = fresh.len() + early;
    let extra_paths: Vec<String> = extras.iter().map(|o| o.path.clone()).collect();
    let removed = match memo {
        Some(memo) => {
            let removed = memo.update(fresh, jobs, || output_urls(site), extra_paths);
            if let Some(o) = extras.iter().find(|o| o.path == extras::SITEMAP) {
                memo.keep_sitemap(sitemap_key, o.bytes.clone());
            }
            memo.update_pages(site, &fingerprints.pages, page_values);
            memo.keep_views(views.unwrap_or_default());
            removed
        }
        None => {
            crate::discard::later(page_values);
            Vec::new()
        }
    };
    let files = jobs + early + extras.len();
    for o in extras {
        sink.put(o)?;
    }
    Ok(Rendered {
        files,
        rendered,
        removed,
    })
}

/// Renders `job`. With `chunks` (the preview, which keeps every page's value and every
/// file), a page's HTML is shared with its value instead of copied into the file, and
/// the rest with other files (see [`file_bytes`]).
fn render_job(
    templates: &Templates,
    job: &Job,
    (current_url, root): (&str, &Path),
    chunks: Option<&chunks::Chunks>,
) -> std::result::Result<FileBytes, Diagnostic> {
    let Some(chunks) = chunks else {
        return render_owned(templates, job, current_url, root).map(FileBytes::from);
    };
    let shareable = shareable(job);
    let mut out = file_bytes::Composer::new(&shareable, OUTPUT_CAPACITY, chunks);
    write_job(templates, job, (current_url, root), &mut out)?;
    Ok(out.finish())
}

/// The long `content` texts of a job's variables (`page.content`, `section.content`).
fn shareable(job: &Job) -> Vec<Value> {
    let content = job
        .vars
        .iter()
        .filter_map(|(_, v)| v.get_from_path("content"));
    content
        .filter(|c| {
            c.as_str()
                .is_some_and(|s| s.len() >= file_bytes::SHARE_FROM)
        })
        .cloned()
        .collect()
}

/// Where a page's bytes start: most pages fit, and a buffer that grows does so by copying.
const OUTPUT_CAPACITY: usize = 16 * 1024;

/// [`render_job`] into bytes of its own.
fn render_owned(
    templates: &Templates,
    job: &Job,
    current_url: &str,
    root: &Path,
) -> std::result::Result<Vec<u8>, Diagnostic> {
    let mut html = Vec::with_capacity(OUTPUT_CAPACITY);
    write_job(templates, job, (current_url, root), &mut html)?;
    Ok(html)
}

/// Renders `job` into `out`.
fn write_job(
    templates: &Templates,
    job: &Job,
    (current_url, root): (&str, &Path),
    out: &mut impl std::io::Write,
) -> std::result::Result<(), Diagnostic> {
    if !templates.has(job.template) {
        return Err(missing_template(templates, job, root));
    }
    let mut ctx = Context::new();
    for (name, value) in &job.vars {
        ctx.insert_value(*name, value.clone());
    }
    ctx.insert("current_url", current_url);
    ctx.insert_value("navigation", templates.navigation_at(current_url));
    // Straight into bytes: `render` would check the whole page for UTF-8 again
    // (Tera writes only `str`s).
    templates
        .tera
        .render_to(job.template, &ctx, out)
        .map_err(|e| templates.diagnose(&e, Some(job.display)))
}

fn missing_template(templates: &Templates, job: &Job, root: &Path) -> Diagnostic {
    let names = templates.names();
    let (file, line) = job.chosen_by;
    let mut d = Diagnostic::new(file, text!("templates-not-found", name = job.template));
    if let Some(line) = line {
        d = d.at(line, Some(1));
        if let Ok(text) = std::fs::read_to_string(root.join(file)) {
            d = d.with_source(&text);
        }
    }
    let hint = match crate::yaml::closest(job.template, &names) {
        Some(best) => text!(
            "templates-not-found.hint-closest",
            closest = best,
            names = names.join(", ")
        ),
        None if names.is_empty() => text!("templates-not-found.hint-none"),
        None => text!("templates-not-found.hint-list", names = names.join(", ")),
    };
    d.hint(hint)
}

fn render_not_found(site: &Site, templates: &Templates) -> std::result::Result<Output, Diagnostic> {
    let bytes = if templates.has("404.html") {
        let mut ctx = Context::new();
        let current_url = context::href(site, "/404.html");
        ctx.insert_value("navigation", templates.navigation_at(&current_url));
        ctx.insert("current_url", &current_url);
        templates
            .tera
            .render("404.html", &ctx)
            .map_err(|e| templates.diagnose(&e, None))?
            .into_bytes()
    } else {
        extras::default_not_found(site).into_bytes()
    };
    Ok(Output {
        path: "404.html".into(),
        bytes: bytes.into(),
    })
}
