//! The preview's sink: rendered files collected in memory, and the pages open in a
//! browser served as soon as they are ready.

use std::sync::Mutex;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Served, State};
use crate::error::Result;
use crate::render::{Output, Sink};

/// Collects rendered files in memory. With `early`, the pages open in a browser are
/// rendered first and served at once, before the rest of the rebuild.
pub(super) struct Memory<'s> {
    files: Mutex<FxHashMap<String, Served>>,
    /// The preview to serve the open pages in early, and their output paths.
    early: Option<(&'s State, FxHashSet<String>)>,
}

impl Sink for Memory<'_> {
    fn put(&self, output: Output) -> Result<()> {
        if let Ok(mut files) = self.files.lock() {
            files.insert(output.path, Served::Bytes(output.bytes));
        }
        Ok(())
    }

    fn urgent(&self, url: &str) -> bool {
        let Some((_, open)) = &self.early else {
            return false;
        };
        // Asked for every job: compares without making its output path, and few pages
        // are open at once.
        let (path, file) = crate::model::output_parts(url);
        open.iter().any(|o| o.strip_prefix(path) == Some(file))
    }

    fn urgent_done(&self) {
        let Some((state, open)) = &self.early else {
            return;
        };
        let files = match self.files.lock() {
            Ok(files) => files,
            Err(poisoned) => poisoned.into_inner(),
        };
        let ready = open
            .iter()
            .filter_map(|path| Some((path.clone(), files.get(path)?.clone())));
        let ready: Vec<(String, Served)> = ready.collect();
        drop(files);
        state.serve_early(ready);
    }
}

impl<'s> Memory<'s> {
    /// An empty sink; with `early`, the preview and the output paths of its open pages.
    pub(super) fn new(early: Option<(&'s State, FxHashSet<String>)>) -> Memory<'s> {
        Memory {
            files: Mutex::default(),
            early,
        }
    }

    /// The files collected.
    pub(super) fn into_files(self) -> FxHashMap<String, Served> {
        self.files.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}
