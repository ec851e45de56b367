//! Loading Tera templates from the site's `templates/` and the theme's. Their errors
//! become diagnostics in [`template_errors`].

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::render::functions::{Shared, Slot, register};
use crate::render::template_errors::{self, Refs, Sources, diagnose, diagnose_all, theme_missing};
use crate::render::template_reads::{Reads, asks_for_others};
use crate::render::{listing, template_deps};
use tera::{ErrorKind, Tera};

/// The parsed templates and where each came from.
pub struct Templates {
    /// The Tera instance, each template parsed once.
    pub tera: Tera,
    /// Template name → (file shown in messages, source text).
    sources: Sources,
    /// Where the functions find the site data once it exists.
    slot: Slot,
    /// Per template: a hash of the names and texts of every template it uses.
    chains: HashMap<String, u64>,
    /// Per template: what its tags name, for locating circles in error messages.
    refs: Refs,
    /// What the templates read of pages besides their own fields.
    reads: Reads,
    /// The templates that use (themselves or through another) a function giving other
    /// pages' values.
    fetching: std::collections::HashSet<String>,
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
        let closures = template_deps::closures(&refs);
        let fetching = closures
            .iter()
            .filter(|(_, used)| {
                let texts = used.iter().filter_map(|n| sources.get(n));
                texts.into_iter().any(|(_, text)| asks_for_others(text))
            })
            .map(|(name, _)| name.clone())
            .collect();
        let chains = closures
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
        let reads = Reads::of(sources.values().map(|(_, text)| text.as_str()));
        Ok(Templates {
            tera,
            sources,
            slot,
            chains,
            refs,
            reads,
            fetching,
        })
    }

    /// Makes the site data available to `get_page`, `url` and friends (replacing an
    /// early binding).
    pub fn bind(&self, shared: Shared) {
        // A poisoned lock means an earlier bind panicked, which aborts the build
        // anyway; the data stays as it was and functions report a missing binding.
        if let Ok(mut slot) = self.slot.write() {
            *slot = Some(Arc::new(shared));
        }
    }

    /// A hash of the templates `name` uses (itself, what it extends, includes or
    /// imports, and component definitions); 0 for an unknown name.
    pub fn chain_hash(&self, name: &str) -> u64 {
        self.chains.get(name).copied().unwrap_or(0)
    }

    /// The content hash of an asset, as `url()` puts it in URLs.
    pub fn asset_hash(&self, path: &str) -> Option<u64> {
        let shared = self.slot.read().ok()?.clone()?;
        shared.assets.hash_value(path)
    }

    /// What the templates read of pages besides their own fields.
    pub fn reads(&self) -> Reads {
        self.reads
    }

    /// Whether template `name` (or one it uses) may ask for other pages' values.
    pub fn fetches(&self, name: &str) -> bool {
        self.fetching.contains(name)
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
        vec![template_errors::missing_defaults(&missing, config)]
    }

    /// Converts a Tera error, noting the content file being rendered.
    pub fn diagnose(&self, e: &tera::Error, rendering: Option<&Path>) -> Diagnostic {
        diagnose(e, &self.sources, &self.refs, rendering)
    }
}
