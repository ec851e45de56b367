//! The `build` pipeline: config → content → model → render → output. `serve` and
//! `check` will call the same stages; nothing here prints or exits.

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

use walkdir::WalkDir;

use crate::config::{Config, Overrides};
use crate::error::{Diagnostic, Error, Result};
use crate::model::Site;
use crate::output::{self, Copy};
use crate::render::{self, AssetIndex, Output, Templates};

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
}

/// Everything a build renders, before it is written.
pub struct Rendered {
    /// The site model.
    pub site: Site,
    /// Rendered files.
    pub outputs: Vec<Output>,
    /// Files copied unchanged.
    pub copies: Vec<Copy>,
}

/// Loads, renders and returns the site without writing it.
pub fn render_site(root: &Path, overrides: &Overrides) -> Result<Rendered> {
    let config = Config::load(root, overrides)?;
    check_output_location(&config)?;
    // Content and templates are independent: report the problems of both at once.
    let templates = Templates::load(&config);
    let content = crate::content::load(&config)?;
    let (site, templates) = match (Site::build(config, content), templates) {
        (Ok(s), Ok(t)) => (s, t),
        (s, t) => return Err(merge(s.err(), t.err())),
    };
    let assets = asset_index(&site.config);
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
    let outputs = render::render(&site, templates, assets)?;
    check_overlaps(&outputs, &copies)?;
    Ok(Rendered {
        site,
        outputs,
        copies,
    })
}

/// Builds the site in `root` and writes it to the output folder.
pub fn build(root: &Path, overrides: &Overrides) -> Result<Report> {
    let start = Instant::now();
    let rendered = render_site(root, overrides)?;
    let config = &rendered.site.config;
    output::write_atomically(&config.output_dir, &rendered.outputs, &rendered.copies)?;
    Ok(Report {
        pages: rendered.site.pages.len(),
        sections: rendered.site.sections.len(),
        files: rendered.copies.len(),
        elapsed: start.elapsed(),
        output_dir: config.output_dir.clone(),
    })
}

fn merge(a: Option<Error>, b: Option<Error>) -> Error {
    match (a, b) {
        (Some(Error::Content(mut x)), Some(Error::Content(y))) => {
            x.extend(y);
            crate::error::dedup_diagnostics(&mut x);
            Error::Content(x)
        }
        (Some(e), _) | (None, Some(e)) => e,
        (None, None) => Error::Usage("internal: merge called without errors".into()),
    }
}

/// Refuses output folders that would overwrite the site's own sources, or a folder
/// of other files that a build would delete.
fn check_output_location(config: &Config) -> Result<()> {
    let out = &config.output_dir;
    let root = &config.root;
    let sources = [
        "content",
        "templates",
        "themes",
        "assets",
        crate::config::CONFIG_FILE,
    ];
    let inside_source = sources.iter().any(|s| out.starts_with(root.join(s)));
    if root.starts_with(out) || inside_source {
        return Err(Error::Usage(format!(
            "the output folder {} would replace the site's own files; choose a folder such as `public`",
            out.display()
        )));
    }
    let foreign = std::fs::read_dir(out)
        .is_ok_and(|mut entries| entries.next().is_some() && !out.join("index.html").is_file());
    if foreign {
        return Err(Error::Usage(format!(
            "the output folder {} holds other files and no index.html; lernort replaces its output folder completely, so it refuses to delete them. Empty or remove the folder, or choose another one",
            out.display()
        )));
    }
    Ok(())
}

/// The theme's assets, then the site's (which win on equal paths).
fn asset_index(config: &Config) -> AssetIndex {
    let mut index = AssetIndex::default();
    for dir in config.asset_dirs() {
        for entry in WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
        {
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if !entry.file_type().is_file() || hidden {
                continue;
            }
            if let Some(rel) = entry
                .path()
                .strip_prefix(&dir)
                .ok()
                .and_then(|r| r.to_str())
            {
                index.insert(rel.replace('\\', "/"), entry.path().to_path_buf());
            }
        }
    }
    index
}

/// A copied file may not replace a rendered page (e.g. `assets/index.html`).
fn check_overlaps(outputs: &[Output], copies: &[Copy]) -> Result<()> {
    let rendered: HashSet<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for c in copies {
        if rendered.contains(c.to.as_str()) {
            problems.push(
                Diagnostic::new(
                    &c.from,
                    format!("this file would overwrite the generated `{}`", c.to),
                )
                .hint("rename or move the file"),
            );
        } else if !seen.insert(c.to.as_str()) {
            // Theme assets overridden by the site never reach this list twice;
            // two content files can, e.g. a section file and a bundle file.
            problems.push(Diagnostic::new(
                &c.from,
                format!("two files are copied to `{}`", c.to),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(problems))
    }
}
