//! Loading Tera templates from the site's `templates/` and the theme's, and turning
//! Tera's errors into diagnostics that name the template file, line and column.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::render::functions::{Shared, Slot, register};
use crate::render::{listing, template_cycles, template_deps, template_end};
use tera::{ErrorKind, Tera};

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
    /// Per template: what its tags name, for locating circles in error messages.
    refs: Refs,
}

/// Template name → what its tags refer to.
type Refs = HashMap<String, template_deps::Refs>;

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
        if let Some(theme) = &config.theme {
            let dir = config.root.join("themes").join(theme);
            if !dir.is_dir() {
                return Err(theme_missing(config, theme));
            }
        }
        let mut problems = Vec::new();
        // Later folders have lower priority: insert the theme first, then let the site win.
        for dir in dirs.iter().rev() {
            let listing = listing::list(dir, &config.root);
            problems.extend(listing.problems);
            chosen.extend(listing.files);
        }
        let mut sources = HashMap::new();
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
            return Err(Error::content(problems));
        }
        let slot = Slot::default();
        // Add one by one to report every syntax error, then all together for inheritance.
        for (name, (_, text)) in &sources {
            let mut probe = new_tera(&slot);
            // Only syntax errors count here: alone, a template misses its parents.
            if let Err(e) = probe.add_raw_template(name, text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                problems.push(diagnose(&e, &sources, &Refs::new(), None));
            }
        }
        if !problems.is_empty() {
            return Err(Error::content(problems));
        }
        let refs: Refs = sources
            .iter()
            .map(|(n, (_, t))| (n.clone(), template_deps::refs(t)))
            .collect();
        let mut tera = new_tera(&slot);
        let pairs = sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str()));
        if let Err(e) = tera.add_raw_templates(pairs) {
            return Err(Error::content(diagnose_all(&e, &sources, &refs)));
        }
        let chains = template_deps::closures(&refs)
            .into_iter()
            .map(|(name, used)| {
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                // `closures` lists only names of `refs`, which has the keys of `sources`.
                for (n, (_, text)) in used.iter().filter_map(|n| sources.get_key_value(n)) {
                    h.update(n.as_bytes());
                    h.update(&[0]);
                    h.update(text.as_bytes());
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
            refs,
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

    /// One diagnostic for all default templates (`index.html`, `section.html`,
    /// `page.html`) that pages and sections need but no folder has, saying where
    /// lernort looked; `needed` has the default template of every page and section.
    pub fn missing_defaults<'a>(
        &self,
        needed: impl Iterator<Item = &'a str>,
        config: &Config,
    ) -> Vec<Diagnostic> {
        let mut missing: BTreeMap<&str, usize> = BTreeMap::new();
        for name in needed.filter(|n| !self.has(n)) {
            *missing.entry(name).or_default() += 1;
        }
        if missing.is_empty() {
            return Vec::new();
        }
        vec![missing_defaults(&missing, config)]
    }

    /// Converts a Tera error, noting the content file being rendered.
    pub fn diagnose(&self, e: &tera::Error, rendering: Option<&Path>) -> Diagnostic {
        diagnose(e, &self.sources, &self.refs, rendering)
    }
}

fn missing_defaults(missing: &BTreeMap<&str, usize>, config: &Config) -> Diagnostic {
    // Name order puts `index.html` first; the order pages are built in reads better.
    let mut names: Vec<&str> = missing.keys().copied().collect();
    names.sort_by_key(|n| {
        ["index.html", "section.html", "page.html"]
            .iter()
            .position(|d| d == n)
    });
    let users = |name: &str| {
        let n = missing.get(name).copied().unwrap_or(0);
        match (name, n) {
            ("index.html", _) => "the home page".to_string(),
            ("section.html", 1) => "1 section".to_string(),
            ("section.html", n) => format!("{n} sections"),
            (_, 1) => "1 page".to_string(),
            (_, n) => format!("{n} pages"),
        }
    };
    let message = match names.as_slice() {
        [one] => format!(
            "the template `{one}` does not exist, but {} {} it",
            users(one),
            if missing.get(one) == Some(&1) {
                "needs"
            } else {
                "need"
            }
        ),
        many => {
            let parts: Vec<String> = many
                .iter()
                .map(|n| format!("`{n}` ({})", users(n)))
                .collect();
            format!("the templates {} do not exist", join_and(&parts))
        }
    };
    let looked: Vec<String> = config
        .template_dirs()
        .iter()
        .map(|d| format!("{}/", d.strip_prefix(&config.root).unwrap_or(d).display()))
        .collect();
    let site_files: Vec<String> = names.iter().map(|n| format!("templates/{n}")).collect();
    let (path, hint) = match &config.theme {
        Some(theme) => (
            PathBuf::from(format!("themes/{theme}/templates")),
            format!(
                "add {} (or put {} into themes/{theme}/templates/)",
                join_and(&site_files),
                if site_files.len() == 1 { "it" } else { "them" }
            ),
        ),
        None => (
            PathBuf::from(crate::config::CONFIG_FILE),
            format!(
                "set `theme:` in site.yaml to a folder of themes/{}, or add {}",
                available_themes(&config.root),
                join_and(&site_files)
            ),
        ),
    };
    Diagnostic::new(path, message)
        .note(format!("lernort looked in {}", join_and(&looked)))
        .hint(hint)
}

/// `a`, `a and b`, `a, b and c`.
pub(super) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// ` (here: a, b)` listing the folders of `themes/`, or nothing when there are none.
fn available_themes(root: &Path) -> String {
    let themes = crate::config::theme_folders(root);
    if themes.is_empty() {
        String::new()
    } else {
        format!(" (here: {})", themes.join(", "))
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
    .hint(match crate::config::theme_folders(&config.root).as_slice() {
        [] => "themes/ has no folders: add the theme there, or remove `theme:` to use only the site's own `templates/`".to_string(),
        folders => format!(
            "check the spelling of `theme:` (the folders in themes/: {}), or remove the key to use only the site's own `templates/`",
            folders.join(", ")
        ),
    })
    .into()
}

/// Tera reports unknown filters, functions and includes of all templates as one
/// message of `error: …\n --> name:line:col` blocks; split it into diagnostics.
fn diagnose_all(e: &tera::Error, sources: &Sources, refs: &Refs) -> Vec<Diagnostic> {
    let circle = match e.kind() {
        ErrorKind::CircularExtend { .. } => Some(template_cycles::Kind::Extends),
        ErrorKind::CircularInclude { .. } => Some(template_cycles::Kind::Include),
        _ => None,
    };
    if let Some(kind) = circle {
        let found = circles(kind, sources, refs);
        if !found.is_empty() {
            return found;
        }
    }
    let ErrorKind::Msg(text) = e.kind() else {
        return vec![diagnose(e, sources, refs, None)];
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
        let hint = if message.starts_with("Unknown template") {
            "check the name in `{% include \"…\" %}`; names are relative to the templates folder"
        } else {
            "check the name; lernort adds the functions `get_page`, `get_section`, `url` and the filter `date`"
        };
        out.push(d.hint(hint));
    }
    if out.is_empty() {
        out.push(Diagnostic::new(
            "templates",
            format!("template error: {text}"),
        ));
    }
    out
}

/// Template name → (file shown in messages, source text).
type Sources = HashMap<String, (PathBuf, String)>;

/// Every circle of `kind`, found in the templates' tags.
fn circles(kind: template_cycles::Kind, sources: &Sources, refs: &Refs) -> Vec<Diagnostic> {
    let ordered: BTreeMap<&str, &template_deps::Refs> =
        refs.iter().map(|(n, r)| (n.as_str(), r)).collect();
    let file = |name: &str| {
        sources.get(name).map_or_else(
            || PathBuf::from(format!("templates/{name}")),
            |(p, _)| p.clone(),
        )
    };
    let source = |name: &str| sources.get(name).map(|(_, t)| t.clone());
    template_cycles::diagnose(kind, &ordered, &file, &source)
}

/// Tera says only that components recursed too deep, without a place: find the
/// circle of calls in the templates.
fn component_recursion(
    e: &tera::Error,
    sources: &Sources,
    refs: &Refs,
    rendering: Option<&Path>,
) -> Option<Diagnostic> {
    let recursion = match e.kind() {
        ErrorKind::Msg(m) => m.contains("recursion depth for components"),
        ErrorKind::RenderingError(r) => r.message().contains("recursion depth for components"),
        _ => false,
    };
    if !recursion {
        return None;
    }
    let d = circles(template_cycles::Kind::Component, sources, refs)
        .into_iter()
        .next()?;
    Some(match (rendering, &d.note) {
        (Some(content), Some(note)) => {
            let note = format!("{note}; while rendering {}", content.display());
            d.note(note)
        }
        (Some(content), None) => d.note(format!("while rendering {}", content.display())),
        (None, _) => d,
    })
}

fn diagnose(
    e: &tera::Error,
    sources: &Sources,
    refs: &Refs,
    rendering: Option<&Path>,
) -> Diagnostic {
    if let Some(d) = component_recursion(e, sources, refs, rendering) {
        return d;
    }
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
            let text = sources.get(r.filename()).map(|(_, t)| t.as_str());
            let at = (span.start_line, span.start_col + 1);
            if let (true, Some(text)) = (message == "Unexpected end of input", text) {
                template_end::end_of_input(file(r.filename()), text, at)
            } else {
                let d = Diagnostic::new(file(r.filename()), format!("{kind}: {message}"))
                    .at(at.0, Some(at.1));
                match text {
                    Some(text) => d.with_source(text),
                    None => d,
                }
            }
        }
        ErrorKind::MissingParent { current, parent } => {
            let d = Diagnostic::new(
                file(current),
                format!("this template extends `{parent}`, which does not exist"),
            )
            .hint("check the name in `{% extends \"…\" %}`; names are relative to the templates folder");
            let source = sources.get(current.as_str()).map(|(_, text)| text);
            let line = refs
                .get(current.as_str())
                .and_then(|r| r.extends.as_ref())
                .map(|(_, line)| *line);
            match (source, line) {
                (Some(text), Some(line)) => d.at(line, Some(1)).with_source(text),
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
