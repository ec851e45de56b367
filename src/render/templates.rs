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
    /// Where the functions find the site data once it exists.
    slot: Slot,
    /// What the parse found out about the templates.
    parsed: Arc<Parsed>,
}

/// What parsing the templates gave besides the Tera instance: the same for the same
/// sources, so the preview keeps it while no template text changes.
struct Parsed {
    /// Template name → (file shown in messages, source text).
    sources: Sources,
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

/// The templates of the last load that parsed them, for the preview's next rebuild:
/// with the same texts, they are copied instead of parsed again.
#[derive(Default)]
pub struct TemplateCache {
    /// The parsed Tera (its functions bound to a slot nothing fills) and the rest.
    last: Option<(Tera, Arc<Parsed>)>,
}

impl std::fmt::Debug for TemplateCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names = self.last.as_ref().map(|(_, p)| p.sources.len());
        f.debug_struct("TemplateCache")
            .field("templates", &names)
            .finish()
    }
}

/// The text of every template, by name; a site template overrides the theme's of the
/// same name. Fails with every file that cannot be listed or read.
fn read_sources(config: &Config) -> Result<Sources> {
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
    Ok(sources)
}

fn new_tera(slot: &Slot) -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    register(&mut tera, slot);
    tera
}

/// A copy of `tera` whose functions read `slot`.
fn rebound(tera: &Tera, slot: &Slot) -> Tera {
    let mut tera = tera.clone();
    // Registering again replaces each function, and with it the slot it read.
    register(&mut tera, slot);
    tera
}

impl Templates {
    /// Reads every template; a site template overrides the theme's of the same name.
    pub fn load(config: &Config) -> Result<Templates> {
        Templates::load_cached(config, None)
    }

    /// Like [`Templates::load`]; with a `cache` (the preview), parses only when a
    /// template's text, name or file differs from the last parse, and keeps this one.
    pub fn load_cached(config: &Config, cache: Option<&mut TemplateCache>) -> Result<Templates> {
        let sources = read_sources(config)?;
        if let Some(TemplateCache {
            last: Some((tera, parsed)),
        }) = cache.as_deref()
            && parsed.sources == sources
        {
            let slot = Slot::default();
            let tera = rebound(tera, &slot);
            let parsed = Arc::clone(parsed);
            return Ok(Templates { tera, slot, parsed });
        }
        let templates = Templates::parse(sources)?;
        if let Some(cache) = cache {
            // Not bound to this build's slot: the cache must not keep its site data.
            let tera = rebound(&templates.tera, &Slot::default());
            cache.last = Some((tera, Arc::clone(&templates.parsed)));
        }
        Ok(templates)
    }

    /// Parses `sources`, reporting every syntax error, then the errors of the whole.
    fn parse(sources: Sources) -> Result<Templates> {
        let mut problems = Vec::new();
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
        let parsed = Arc::new(Parsed {
            sources,
            chains,
            refs,
            reads,
            fetching,
        });
        Ok(Templates { tera, slot, parsed })
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
        self.parsed.chains.get(name).copied().unwrap_or(0)
    }

    /// The content hash of an asset, as `url()` puts it in URLs.
    pub fn asset_hash(&self, path: &str) -> Option<u64> {
        let shared = self.slot.read().ok()?.clone()?;
        shared.assets.hash_value(path)
    }

    /// `navigation` on the page at `current_url` (empty while no site is bound).
    pub fn navigation_at(&self, current_url: &str) -> tera::Value {
        match self.slot.read().ok().and_then(|s| s.clone()) {
            Some(shared) => shared.navigation.at(current_url),
            None => tera::Value::from(Vec::<tera::Value>::new()),
        }
    }

    /// What the templates read of pages besides their own fields.
    pub fn reads(&self) -> Reads {
        self.parsed.reads
    }

    /// Whether template `name` (or one it uses) may ask for other pages' values.
    pub fn fetches(&self, name: &str) -> bool {
        self.parsed.fetching.contains(name)
    }

    /// Whether a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.parsed.sources.contains_key(name)
    }

    /// The known template names, for "did you mean" hints.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.parsed.sources.keys().cloned().collect();
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
        diagnose(e, &self.parsed.sources, &self.parsed.refs, rendering)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;

    /// A site whose only template is `page.html` with `text`.
    fn site(dir: &Path, text: &str) -> Config {
        std::fs::write(
            dir.join("site.yaml"),
            "title: T\nbase_url: https://x.example\n",
        )
        .unwrap();
        std::fs::create_dir_all(dir.join("templates")).unwrap();
        std::fs::write(dir.join("templates/page.html"), text).unwrap();
        Config::load(dir, &Overrides::default()).unwrap()
    }

    fn render(t: &Templates) -> String {
        t.tera.render("page.html", &tera::Context::new()).unwrap()
    }

    #[test]
    fn the_same_texts_are_not_parsed_again_and_a_changed_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = TemplateCache::default();
        let config = site(dir.path(), "eins");
        let first = Templates::load_cached(&config, Some(&mut cache)).unwrap();
        let again = Templates::load_cached(&config, Some(&mut cache)).unwrap();
        assert!(Arc::ptr_eq(&first.parsed, &again.parsed));
        assert_eq!(render(&again), "eins");
        // Each copy reads its own slot: binding one build's data binds no other's.
        assert!(!Arc::ptr_eq(&first.slot, &again.slot));

        let config = site(dir.path(), "zwei");
        let changed = Templates::load_cached(&config, Some(&mut cache)).unwrap();
        assert!(!Arc::ptr_eq(&first.parsed, &changed.parsed));
        assert_eq!(render(&changed), "zwei");
    }

    #[test]
    fn the_cache_keeps_no_reference_to_a_build_s_site_data() {
        let dir = tempfile::tempdir().unwrap();
        let config = site(dir.path(), "{{ 1 }}");
        let mut cache = TemplateCache::default();
        let templates = Templates::load_cached(&config, Some(&mut cache)).unwrap();
        let held = Arc::strong_count(&templates.slot);
        drop(cache);
        // The build's slot (where its site data goes) is held by it alone.
        assert_eq!(Arc::strong_count(&templates.slot), held);
    }

    #[test]
    fn a_syntax_error_after_a_good_parse_is_reported_and_the_good_texts_still_hit() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = TemplateCache::default();
        let good = site(dir.path(), "gut");
        let first = Templates::load_cached(&good, Some(&mut cache)).unwrap();
        let bad = site(dir.path(), "{% if %}");
        assert!(Templates::load_cached(&bad, Some(&mut cache)).is_err());
        let good = site(dir.path(), "gut");
        let back = Templates::load_cached(&good, Some(&mut cache)).unwrap();
        assert!(Arc::ptr_eq(&first.parsed, &back.parsed));
    }
}
