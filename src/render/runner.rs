//! One render job: taken from the memo when nothing it read changed, else rendered
//! while recording what it reads, and handed to the sink.

use std::sync::Arc;

use super::documents::{self, Doc};
use super::{Job, Output, Sink, Templates, fingerprint, memo, output_path, render_job};
use crate::error::{Diagnostic, Error};
use crate::model::Site;

/// Why one render job did not produce its file.
pub(super) enum Failure {
    Content(Diagnostic),
    Io(Error),
}

/// A job whose template ran: its site path and, with a memo, its entry to remember.
pub(super) type Ran<'a> = (&'a str, Option<Arc<memo::Entry>>);

/// What every render job needs.
pub(super) struct Runner<'a> {
    pub(super) templates: &'a Templates,
    pub(super) fingerprints: &'a fingerprint::Fingerprints,
    pub(super) docs: &'a documents::DocIndex,
    /// The preview's memo; without one (`build`), each output is dropped as soon as the
    /// sink has it.
    pub(super) earlier: Option<&'a memo::RenderMemo>,
    pub(super) site: &'a Site,
    pub(super) sink: &'a dyn Sink,
}

impl Runner<'_> {
    /// The current fingerprint of something a template read.
    fn lookup(&self, dep: &memo::Dep) -> Option<u64> {
        match dep {
            memo::Dep::Content(rel) => {
                let fps = self.fingerprints;
                match self
                    .docs
                    .find(rel, |doc| Some(documents::rel_in(self.site, doc)))?
                {
                    Doc::Page(id) => Some(fps.pages[id]),
                    Doc::Section(id) => Some(fps.sections[id]),
                }
            }
            memo::Dep::Asset(path) => self.templates.asset_hash(path),
            memo::Dep::Route(rel) => Some(self.site.routes.resolution(rel)),
            memo::Dep::Taxonomy(name) => crate::model::find_taxonomy(&self.site.taxonomies, name)
                .map(|t| self.fingerprints.taxonomies[t]),
            memo::Dep::Term(name, term) => {
                let t = crate::model::find_taxonomy(&self.site.taxonomies, name)?;
                let i = crate::model::find_term(&self.site.taxonomies[t], term)?;
                Some(self.fingerprints.terms[t][i])
            }
        }
    }

    /// Takes the output from the memo when nothing it depends on changed, else
    /// renders it while recording what it reads and hands it to the sink.
    /// `None` when the memo's output still holds.
    pub(super) fn job<'j>(&self, job: &Job<'j>) -> std::result::Result<Option<Ran<'j>>, Failure> {
        let inputs = job_inputs(self.templates, job, self.fingerprints.site);
        let holds = self.earlier.and_then(|m| m.get(job.url)).is_some_and(|e| {
            e.inputs == inputs && memo::deps_hash(&e.deps, |d| self.lookup(d)) == e.deps_hash
        });
        if holds {
            return Ok(None);
        }
        let current_url = format!("{}{}", self.site.config.base_path(), job.url);
        let (result, deps) = memo::recording(|| {
            render_job(
                self.templates,
                job,
                (&current_url, &self.site.config.root),
                self.earlier.map(memo::RenderMemo::chunks),
            )
        });
        let bytes = result.map_err(Failure::Content)?;
        let deps_hash = memo::deps_hash(&deps, |d| self.lookup(d));
        let entry = Arc::new(memo::Entry {
            inputs,
            deps,
            deps_hash,
            bytes,
        });
        let output = Output {
            path: output_path(job.url),
            bytes: entry.bytes.clone(),
        };
        self.sink.put(output).map_err(Failure::Io)?;
        Ok(Some((job.url, self.earlier.is_some().then_some(entry))))
    }
}

/// A hash of everything a job's output depends on besides what it fetches. (The base
/// path in `current_url` is part of the configuration, which `site` covers.)
fn job_inputs(templates: &Templates, job: &Job, site: u64) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&templates.chain_hash(job.template).to_le_bytes());
    h.update(&site.to_le_bytes());
    h.update(&job.fingerprint.to_le_bytes());
    let names = job.vars.iter().map(|(name, _)| *name);
    for part in [job.template, job.url].into_iter().chain(names) {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    h.digest()
}
