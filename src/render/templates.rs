//! Loading Tera templates from the site's `templates/` and the theme's, and turning
//! Tera's errors into diagnostics that name the template file, line and column.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};
use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::render::functions::{Shared, Slot, register};
use crate::render::template_deps;

/// The parsed templates and where each came from.
pub struct Templates {
    /// The Tera instance, each template parsed once.
    pub tera: Tera,
    /// Template name → (file shown in messages, source text).
    sources: HashMap<String, (PathBuf, String)>,
    /// Where the functions find the site data once it exists.
    slot: Slot,
    /// Per template: a hash of the names and texts of every template it uses.
    chains: HashMap<String, u64>,
}

fn new_tera(slot: &Slot) -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    register(&mut tera, slot);
    tera
}

impl Templates {
    /// Reads every template; a site template overrides the theme's of the same name.
    pub fn load(config: &Config) -> Result<Templates> {
        let mut chosen: BTreeMap<String, PathBuf> = BTreeMap::new();
        let dirs = config.template_dirs();
        // Later folders have lower priority: insert the theme first, then let the site win.
        for dir in dirs.iter().rev() {
            for (name, path) in list(dir) {
                chosen.insert(name, path);
            }
        }
        if let Some(theme) = &config.theme {
            let dir = config.root.join("themes").join(theme);
            if !dir.is_dir() {
                return Err(theme_missing(config, theme));
            }
        }
        let mut sources = HashMap::new();
        let mut problems = Vec::new();
        for (name, path) in &chosen {
            let display = path
                .strip_prefix(&config.root)
                .unwrap_or(path)
                .to_path_buf();
            match crate::content::read_text(path, &display) {
                Ok(text) => {
                    sources.insert(name.clone(), (display, text));
                }
                Err(d) => problems.push(d),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Content(problems));
        }
        let slot = Slot::default();
        // Add one by one to report every syntax error, then all together for inheritance.
        for (name, (_, text)) in &sources {
            let mut probe = new_tera(&slot);
            // Only syntax errors count here: alone, a template misses its parents.
            if let Err(e) = probe.add_raw_template(name, text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                problems.push(diagnose(&e, &sources, None));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Content(problems));
        }
        let mut tera = new_tera(&slot);
        let pairs = sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str()));
        if let Err(e) = tera.add_raw_templates(pairs) {
            return Err(Error::Content(diagnose_all(&e, &sources)));
        }
        let texts: HashMap<String, String> = sources
            .iter()
            .map(|(n, (_, t))| (n.clone(), t.clone()))
            .collect();
        let chains = template_deps::closures(&texts)
            .into_iter()
            .map(|(name, used)| {
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                for n in &used {
                    h.update(n.as_bytes());
                    h.update(&[0]);
                    h.update(texts[n].as_bytes());
                    h.update(&[0]);
                }
                (name, h.digest())
            })
            .collect();
        Ok(Templates {
            tera,
            sources,
            slot,
            chains,
        })
    }

    /// Makes the site data available to `get_page`, `url` and friends.
    pub fn bind(&self, shared: Shared) {
        // A second bind in one build cannot happen: render binds once per Templates.
        let _ = self.slot.set(shared);
    }

    /// A hash of the templates `name` uses (itself, what it extends, includes or
    /// imports, and component definitions); 0 for an unknown name.
    pub fn chain_hash(&self, name: &str) -> u64 {
        self.chains.get(name).copied().unwrap_or(0)
    }

    /// The content hash of an asset, as `url()` puts it in URLs.
    pub fn asset_hash(&self, path: &str) -> Option<u64> {
        self.slot.get()?.assets.hash_value(path)
    }

    /// Whether a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// The known template names, for "did you mean" hints.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.sources.keys().cloned().collect();
        names.sort();
        names
    }

    /// Converts a Tera error, noting the content file being rendered.
    pub fn diagnose(&self, e: &tera::Error, rendering: Option<&Path>) -> Diagnostic {
        diagnose(e, &self.sources, rendering)
    }
}

fn theme_missing(config: &Config, theme: &str) -> Error {
    let text =
        std::fs::read_to_string(config.root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    let line = crate::yaml::line_of_key(&text, "theme").unwrap_or(1);
    Diagnostic::new(
        crate::config::CONFIG_FILE,
        format!("the theme `{theme}` does not exist: there is no folder `themes/{theme}/`"),
    )
    .at(line, Some(1))
    .with_source(&text)
    .hint(
        "check the spelling of `theme:`, or remove the key to use only the site's own `templates/`",
    )
    .into()
}

/// Template files under `dir`, by their name relative to it (`partials/nav.html`).
fn list(dir: &Path) -> Vec<(String, PathBuf)> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter(|e| !crate::ignored::is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_str()?
                .replace('\\', "/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect()
}

/// Tera reports unknown filters, functions and includes of all templates as one
/// message of `error: …\n --> name:line:col` blocks; split it into diagnostics.
fn diagnose_all(e: &tera::Error, sources: &HashMap<String, (PathBuf, String)>) -> Vec<Diagnostic> {
    let ErrorKind::Msg(text) = e.kind() else {
        return vec![diagnose(e, sources, None)];
    };
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let Some(message) = block.lines().next().and_then(|l| l.strip_prefix("error: ")) else {
            continue;
        };
        let located = block
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("--> "))
            .and_then(|loc| {
                let mut parts = loc.rsplitn(3, ':');
                let col: usize = parts.next()?.parse().ok()?;
                let line: usize = parts.next()?.parse().ok()?;
                Some((parts.next()?.to_string(), line, col))
            });
        let d = match located {
            Some((name, line, col)) => match sources.get(&name) {
                Some((path, src)) => Diagnostic::new(path, format!("template error: {message}"))
                    .at(line, Some(col))
                    .with_source(src),
                None => Diagnostic::new(
                    format!("templates/{name}"),
                    format!("template error: {message}"),
                ),
            },
            None => Diagnostic::new("templates", format!("template error: {message}")),
        };
        out.push(d.hint("check the name; lernort adds the functions `get_page`, `get_section`, `url` and the filter `date`"));
    }
    if out.is_empty() {
        out.push(Diagnostic::new(
            "templates",
            format!("template error: {text}"),
        ));
    }
    out
}

fn diagnose(
    e: &tera::Error,
    sources: &HashMap<String, (PathBuf, String)>,
    rendering: Option<&Path>,
) -> Diagnostic {
    let file = |name: &str| {
        sources.get(name).map_or_else(
            || PathBuf::from(format!("templates/{name}")),
            |(p, _)| p.clone(),
        )
    };
    let d = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            let mut message = r.message().to_string();
            if let Some(cause) = std::error::Error::source(e) {
                message = format!("{message}: {cause}");
            }
            let kind = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                "syntax error in template"
            } else {
                "template error"
            };
            let d = Diagnostic::new(file(r.filename()), format!("{kind}: {message}"))
                .at(span.start_line, Some(span.start_col + 1));
            match sources.get(r.filename()) {
                Some((_, text)) => d.with_source(text),
                None => d,
            }
        }
        ErrorKind::MissingParent { current, parent } => {
            let d = Diagnostic::new(
                file(current),
                format!("this template extends `{parent}`, which does not exist"),
            )
            .hint("check the name in `{% extends \"…\" %}`; names are relative to the templates folder");
            let source = sources.get(current.as_str()).map(|(_, text)| text);
            let line = source.and_then(|text| {
                text.lines()
                    .position(|l| l.contains("extends") && l.contains(parent.as_str()))
            });
            match (source, line) {
                (Some(text), Some(i)) => d.at(i + 1, Some(1)).with_source(text),
                _ => d,
            }
        }
        ErrorKind::TemplateNotFound(name) => {
            Diagnostic::new(file(name), format!("the template `{name}` does not exist"))
        }
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => Diagnostic::new(
            file(tpl),
            format!(
                "templates extend each other in a circle: {}",
                inheritance_chain.join(" → ")
            ),
        ),
        ErrorKind::CircularInclude { tpl, include_chain } => Diagnostic::new(
            file(tpl),
            format!(
                "templates include each other in a circle: {}",
                include_chain.join(" → ")
            ),
        ),
        other => Diagnostic::new("templates", format!("template error: {other}")),
    };
    match rendering {
        Some(content) => d.note(format!("while rendering {}", content.display())),
        None => d,
    }
}
