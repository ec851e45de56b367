//! The `build` pipeline: config → content → model → render → output. `serve` and
//! `check` will call the same stages; nothing here prints or exits.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{Config, Overrides};
use crate::content::cache::ContentCache;
use crate::error::{Diagnostic, Error, Result};
use crate::messages::{Arg, Lang};
use crate::model::cache::BodyCache;
use crate::model::cache::ModelCache;
use crate::model::{Layout, Site, Unrendered, output_parts, split_output};
use crate::output::{Copy, Staging};
use crate::render::early::{Early, Written};
use crate::render::memo::RenderMemo;
use crate::render::{self, AssetIndex, TemplateCache, Templates};
use crate::text;

/// What a successful build produced.
#[derive(Debug)]
pub struct Report {
    /// Pages rendered.
    pub pages: usize,
    /// Sections rendered (the home page included).
    pub sections: usize,
    /// Files copied (assets and content files).
    pub files: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Where the site was written.
    pub output_dir: std::path::PathBuf,
    /// Problems that did not stop the build, for stderr.
    pub warnings: Vec<crate::messages::Text>,
    /// When a page appears or expires next, after the moment the site was built at.
    pub next_change: Option<crate::model::NextChange>,
    /// The site's time zone, in which to show `next_change`.
    pub time_zone: jiff::tz::TimeZone,
}

/// Builds the site in `root` and writes it to the output folder. Files are staged in
/// a fresh folder and swapped in only when everything succeeded. `lang` is for what
/// has to be said while the build runs (a signal after the swap), not for the report.
pub fn build(root: &Path, overrides: &Overrides, lang: Lang) -> Result<Report> {
    let start = Instant::now();
    let config = Config::load(root, overrides)?;
    let target = check_output_location(&config)?;
    let staging = Staging::new(&target, lang)?;
    let rendered = render_into(config, &staging, None)?;
    staging.copy(&rendered.copies)?;
    let mut warnings = Vec::new();
    // A clock pinned by the environment (a reproducible-build setup, a CI runner) holds
    // back every date after it: say so, or scheduled pages never appear unexplained.
    if overrides.now.is_none() && crate::schedule::pinned_by_environment() {
        let config = &rendered.site.config;
        let at = crate::schedule::shown(config.schedule.now, &config.time_zone);
        warnings.push(crate::text!("cli-clock-from-environment", at = at));
    }
    warnings.extend(rendered.site.notices.iter().cloned());
    warnings.extend(staging.warnings().iter().cloned());
    staging.commit()?;
    let site = &rendered.site;
    let report = Report {
        warnings,
        pages: site.pages.len(),
        sections: site.sections.len(),
        files: rendered.copies.len(),
        elapsed: start.elapsed(),
        output_dir: site.config.output_dir.clone(),
        next_change: site.next_change,
        time_zone: site.config.time_zone.clone(),
    };
    crate::discard::later(rendered);
    Ok(report)
}

/// A site rendered into a sink: the model, and the files to copy unchanged.
pub struct Rendered {
    /// The site model.
    pub site: Site,
    /// Files copied as they are (assets and files from `content/`).
    pub copies: Vec<Copy>,
    /// What rendering did (how many templates ran).
    pub render: render::Rendered,
}

/// What a long-running preview keeps between rebuilds so that unchanged work is not
/// repeated. `build` keeps none of it (and so frees each source text early).
#[derive(Debug, Default)]
pub struct Caches {
    /// The files of `content/` and their parsed documents.
    pub content: ContentCache,
    /// Markdown results, and the last good site to update in place.
    pub model: ModelCache,
    /// Rendered pages, by their inputs and what they read.
    pub outputs: RenderMemo,
    /// The layout whose copied files were last found to overlap no rendered file and
    /// each other: a site with the same layout has the same copy destinations and
    /// outputs.
    pub no_overlaps: Option<Layout>,
    /// The last parsed templates, reused while their texts are the same.
    pub templates: TemplateCache,
}

/// Runs the whole pipeline for `config` and hands the rendered files to `sink`. Shared
/// by `build` (a staging folder, no caches: every file) and `serve` (memory, with the
/// caches of the last rebuild: only the files rendered again; see [`render::render`]).
pub fn render_into(
    config: Config,
    sink: &dyn render::Sink,
    caches: Option<&mut Caches>,
) -> Result<Rendered> {
    let (cached, memo, no_overlaps, parsed) = match caches {
        Some(c) => (
            Some((&mut c.content, &mut c.model)),
            Some(&mut c.outputs),
            Some(&mut c.no_overlaps),
            Some(&mut c.templates),
        ),
        None => (None, None, None, None),
    };
    // Content and templates are independent: report the problems of both at once.
    let p = crate::profile::stage("templates");
    let templates = Templates::load_cached(&config, parsed);
    drop(p);
    let p = crate::profile::stage("content");
    let loaded = match cached {
        Some((files, models)) => {
            let changes = crate::content::load_changes(&config, files)?;
            Loaded::Cached(changes, files, models)
        }
        None => Loaded::Fresh(crate::content::load(&config)?),
    };
    drop(p);
    let p = crate::profile::stage("assets");
    let assets = asset_index(&config);
    let sizes = assets.as_ref().map(AssetIndex::sizes).unwrap_or_default();
    drop(p);
    let p = crate::profile::stage("model");
    // Templates that fail to load count as showing everything; their errors end the build.
    let count_words = templates.as_ref().map_or(true, |t| t.reads().words);
    let (site, templates, assets, early) = match loaded {
        Loaded::Cached(changes, files, models) => {
            let all = || files.content();
            let changes = (changes, count_words);
            let site = Site::build_incremental(config, changes, &sizes, models, all);
            (site, templates, assets.map(Arc::new), Written::default())
        }
        Loaded::Fresh(content) => build_streaming(
            Site::records(config, content, &sizes),
            templates,
            assets,
            sink,
        ),
    };
    let (site, templates, assets) = match (site, templates, assets) {
        (Ok(s), Ok(t), Ok(a)) => (s, t, a),
        (s, t, a) => {
            let errors = [s.err(), t.err(), a.err()].into_iter().flatten();
            let all = errors.reduce(|x, y| merge(Some(x), Some(y)));
            return Err(merge(all, None));
        }
    };
    drop(p);
    let p = crate::profile::stage("copies+overlaps");
    let mut copies: Vec<Copy> = assets
        .files()
        .into_iter()
        .map(|(to, from)| Copy {
            to: to.to_string(),
            from: from.clone(),
        })
        .collect();
    let content_dir = site.config.content_dir();
    copies.extend(site.files.iter().map(|f| Copy {
        to: f.output.clone(),
        from: content_dir.join(&f.rel),
    }));
    check_overlaps_once(&site, &copies, no_overlaps)?;
    drop(p);
    let _p = crate::profile::stage("render");
    let render = render::render(&site, templates, (assets, early), sink, memo)?;
    Ok(Rendered {
        site,
        copies,
        render,
    })
}

/// What the content stage gave: everything (a build), or what changed since the last
/// load into the preview's caches, with them.
enum Loaded<'c> {
    Fresh(crate::content::Content),
    Cached(
        crate::content::Changes,
        &'c ContentCache,
        &'c mut ModelCache,
    ),
}

/// Renders the bodies of `records`, and each page as soon as its body exists
/// ([`render::early`]) when the templates and assets are good.
fn build_streaming(
    records: Unrendered,
    templates: Result<Templates>,
    assets: Result<AssetIndex>,
    sink: &dyn render::Sink,
) -> (
    Result<Site>,
    Result<Templates>,
    Result<Arc<AssetIndex>>,
    Written,
) {
    let mut bodies = BodyCache::default();
    let (mut templates, assets) = match (templates, assets) {
        (Ok(t), Ok(a)) if !records.failed() => (t, a),
        (t, a) => {
            // Without the templates there is nothing to render early; the records'
            // problems come with the bodies'.
            let site = records.render(&mut bodies, None, true);
            return (site, t, a.map(Arc::new), Written::default());
        }
    };
    let assets = Arc::new(assets);
    render::early::bind(records.site(), &mut templates, Arc::clone(&assets));
    let early = Early::new(records.site(), &templates, sink, sink.reads_bodies());
    let each = |site: &Site, id, body: &crate::model::Body| early.page(site, id, body);
    let site = records.render(&mut bodies, Some(&each), templates.reads().words);
    let written = early.finish();
    crate::discard::later(bodies);
    crate::profile::count("pages written early", written.count);
    (site, Ok(templates), Ok(assets), written)
}

fn merge(a: Option<Error>, b: Option<Error>) -> Error {
    match (a, b) {
        (Some(Error::Content(mut x)), Some(Error::Content(y))) => {
            x.extend(y);
            crate::error::dedup_diagnostics(&mut x);
            Error::Content(x)
        }
        (Some(e), _) | (None, Some(e)) => e,
        // Not reached: the caller merges only when a stage failed. An empty report
        // still fails the build, which is the safe side.
        (None, None) => Error::Content(Vec::new()),
    }
}

/// Refuses output folders that would overwrite the site's own sources, or a folder
/// of other files that a build would delete, or that are not folders at all. Returns
/// the folder to replace: the output folder with symbolic links followed, which passes
/// the same checks (a link to `content/` is refused like `content/` itself).
fn check_output_location(config: &Config) -> Result<std::path::PathBuf> {
    let named = &config.output_dir;
    let named_shown = Arg::from(named.display().to_string());
    refuse_sources(named, &config.root, &named_shown)?;
    let target = crate::output::resolve(named)?;
    let shown = if target == *named {
        named_shown
    } else {
        Arg::from(text!(
            "output-leads-to",
            dir = named.display().to_string(),
            target = target.display().to_string()
        ))
    };
    let root = config
        .root
        .canonicalize()
        .unwrap_or_else(|_| config.root.clone());
    refuse_sources(&target, &root, &shown)?;
    let foreign = std::fs::read_dir(&target)
        .is_ok_and(|mut entries| entries.next().is_some() && !target.join("index.html").is_file());
    if foreign {
        return Err(Error::usage(text!("output-foreign-files", dir = shown)));
    }
    Ok(target)
}

/// Refuses `out` (called `shown` in the message) if it is or holds the site root, or
/// lies in one of the site's sources.
fn refuse_sources(out: &Path, root: &Path, shown: &Arg) -> Result<()> {
    let sources = [
        "content",
        "templates",
        "themes",
        "assets",
        crate::config::CONFIG_FILE,
    ];
    let inside_source = sources.iter().any(|s| out.starts_with(root.join(s)));
    if root.starts_with(out) || inside_source {
        return Err(Error::usage(text!(
            "output-replaces-sources",
            dir = shown.clone()
        )));
    }
    Ok(())
}

/// The theme's assets, then the site's (which win on equal paths).
/// The files of the theme's and the site's `assets/`; entries that cannot be listed
/// are reported, not left out.
fn asset_index(config: &Config) -> Result<AssetIndex> {
    let mut index = AssetIndex::default();
    let mut problems = Vec::new();
    for dir in config.asset_dirs() {
        let listing = crate::render::listing::list(&dir, &config.root);
        problems.extend(listing.problems);
        for (rel, path) in listing.files {
            index.insert(rel, path);
        }
    }
    if problems.is_empty() {
        Ok(index)
    } else {
        Err(Error::content(problems))
    }
}

/// [`check_overlaps`], unless `checked` (the preview's) says this layout passed it.
fn check_overlaps_once(
    site: &Site,
    copies: &[Copy],
    checked: Option<&mut Option<Layout>>,
) -> Result<()> {
    match checked {
        Some(checked) if *checked == Some(site.layout) => Ok(()),
        Some(checked) => {
            check_overlaps(site, copies)?;
            *checked = Some(site.layout);
            Ok(())
        }
        None => check_overlaps(site, copies),
    }
}

/// A copied file may not replace a rendered page (e.g. `assets/index.html`).
fn check_overlaps(site: &Site, copies: &[Copy]) -> Result<()> {
    if copies.is_empty() {
        return Ok(());
    }
    // Copies are few and pages many: look each page's output up among the copies,
    // without making ten thousand path strings for every rebuild of the preview.
    let copied: HashMap<(&str, &str), &str> = copies
        .iter()
        .map(|c| (split_output(&c.to), c.to.as_str()))
        .collect();
    let rendered: HashSet<&str> = render::output_urls(site)
        .filter_map(|url| copied.get(&output_parts(url)).copied())
        .collect();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let shown = |c: &Copy| {
        c.from
            .strip_prefix(&site.config.root)
            .unwrap_or(&c.from)
            .to_path_buf()
    };
    for c in copies {
        if rendered.contains(c.to.as_str()) {
            problems.push(
                Diagnostic::new(shown(c), text!("output-overwrites-page", to = &c.to))
                    .hint(text!("output-overwrites-page.hint")),
            );
        } else if !seen.insert(c.to.as_str()) {
            // Theme assets overridden by the site never reach this list twice;
            // a content file and an asset can.
            problems.push(
                Diagnostic::new(shown(c), text!("output-copied-twice", to = &c.to))
                    .hint(text!("output-copied-twice.hint")),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::content(problems))
    }
}
