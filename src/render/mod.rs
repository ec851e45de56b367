//! Rendering: the model and templates in, a list of outputs (path + bytes) out.
//! No file is written here; [`crate::output`] does that, so `check` and `serve` can
//! reuse rendering unchanged.

pub mod context;
mod extras;
pub mod functions;
mod templates;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::error::{Diagnostic, Error, Result, dedup_diagnostics};
use crate::model::{HOME, Site, output_path};
pub use functions::AssetIndex;
pub use templates::Templates;

/// One file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// What to render, with the template to use.
struct Job<'a> {
    template: String,
    kind: &'static str,
    value: Value,
    url: &'a str,
    current_url: String,
    display: &'a Path,
    template_line: Option<usize>,
}

/// Renders every page, section, the 404 page, sitemap, robots.txt and alias redirects.
pub fn render(site: &Site, mut templates: Templates, assets: AssetIndex) -> Result<Vec<Output>> {
    let mut views = context::build(site);
    templates.bind(functions::Shared {
        by_rel: std::mem::take(&mut views.by_rel),
        routes: Arc::clone(&site.routes),
        assets,
        base_path: site.config.base_path().to_string(),
    });
    templates
        .tera
        .global_context()
        .insert_value("site", views.site.clone());
    templates
        .tera
        .global_context()
        .insert("lang", &site.config.language);

    let jobs = jobs(site, &views);
    let results: Vec<std::result::Result<Output, Diagnostic>> = jobs
        .par_iter()
        .map(|job| render_job(&templates, job, &site.config.root))
        .collect();
    let mut outputs = Vec::with_capacity(results.len() + 8);
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(o) => outputs.push(o),
            Err(d) => problems.push(d),
        }
    }
    match render_not_found(&templates) {
        Ok(o) => outputs.push(o),
        Err(d) => problems.push(d),
    }
    if !problems.is_empty() {
        dedup_diagnostics(&mut problems);
        return Err(Error::Content(problems));
    }
    outputs.extend(extras::aliases(site));
    outputs.push(extras::sitemap(site));
    outputs.push(extras::robots(site));
    Ok(outputs)
}

fn jobs<'a>(site: &'a Site, views: &context::Views) -> Vec<Job<'a>> {
    let mut jobs = Vec::with_capacity(site.pages.len() + site.sections.len());
    for (id, s) in site.sections.iter().enumerate() {
        let default = if id == HOME {
            "index.html"
        } else {
            "section.html"
        };
        jobs.push(Job {
            template: s.template.clone().unwrap_or_else(|| default.to_string()),
            kind: "section",
            value: views.sections[id].clone(),
            url: &s.url,
            current_url: context::href(site, &s.url),
            display: &s.display,
            template_line: s.template_line,
        });
    }
    for (id, p) in site.pages.iter().enumerate() {
        let section_default = site.sections[p.section].page_template.clone();
        jobs.push(Job {
            template: p
                .template
                .clone()
                .or(section_default)
                .unwrap_or_else(|| "page.html".to_string()),
            kind: "page",
            value: views.pages[id].clone(),
            url: &p.url,
            current_url: context::href(site, &p.url),
            display: &p.display,
            template_line: p.template_line,
        });
    }
    jobs
}

fn render_job(
    templates: &Templates,
    job: &Job,
    root: &Path,
) -> std::result::Result<Output, Diagnostic> {
    if !templates.has(&job.template) {
        return Err(missing_template(templates, job, root));
    }
    let mut ctx = Context::new();
    ctx.insert_value(job.kind, job.value.clone());
    ctx.insert("current_url", &job.current_url);
    let html = templates
        .tera
        .render(&job.template, &ctx)
        .map_err(|e| templates.diagnose(&e, Some(job.display)))?;
    Ok(Output {
        path: output_path(job.url),
        bytes: html.into_bytes(),
    })
}

fn missing_template(templates: &Templates, job: &Job, root: &Path) -> Diagnostic {
    let names = templates.names();
    let mut d = Diagnostic::new(
        job.display,
        format!("the template `{}` does not exist", job.template),
    );
    if let Some(line) = job.template_line {
        d = d.at(line, Some(1));
        if let Ok(text) = std::fs::read_to_string(root.join(job.display)) {
            d = d.with_source(&text);
        }
    }
    let hint = match crate::yaml::closest(&job.template, &names) {
        Some(best) => format!("did you mean `{best}`? Templates: {}", names.join(", ")),
        None if names.is_empty() => {
            "the site has no templates: set `theme:` in site.yaml or add a `templates/` folder"
                .into()
        }
        None => format!("templates: {}", names.join(", ")),
    };
    d.hint(hint)
}

fn render_not_found(templates: &Templates) -> std::result::Result<Output, Diagnostic> {
    let bytes = if templates.has("404.html") {
        let mut ctx = Context::new();
        ctx.insert("current_url", "/404.html");
        templates
            .tera
            .render("404.html", &ctx)
            .map_err(|e| templates.diagnose(&e, None))?
            .into_bytes()
    } else {
        extras::default_not_found().into_bytes()
    };
    Ok(Output {
        path: "404.html".into(),
        bytes,
    })
}
