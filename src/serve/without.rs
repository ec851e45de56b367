//! Developer switches that measure what each incremental mechanism of the preview
//! saves: `LERNORT_SERVE_WITHOUT=patch,update,memo` (any subset), read once when
//! `serve` starts, makes every rebuild do that part of the work in full. Each switch
//! only empties its part of the caches before and after each run of the pipeline, so
//! the pipeline itself is the same as with every mechanism on. Not for users.

use rustc_hash::{FxHashMap, FxHashSet};

use super::Served;
use crate::build::Caches;
use crate::error::{Error, Result};
use crate::text;

/// The environment variable.
pub const ENV: &str = "LERNORT_SERVE_WITHOUT";

/// The incremental mechanisms that are switched off.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Without {
    /// `patch`: walk `content/` and read every file again, instead of patching the last
    /// walk's file list with the paths the watcher reported. (The in-place model update
    /// needs the patched list's edited pages, so it stops too.)
    pub patch: bool,
    /// `update`: build the model afresh instead of updating the last good site in place.
    pub update: bool,
    /// `memo`: render every page and list again (no render memo, no kept page values).
    pub memo: bool,
}

impl Without {
    /// The switches in the environment; an unknown word is a usage error.
    pub fn from_env() -> Result<Without> {
        // A value that is not UTF-8 names no switch: refused like an unknown word, not
        // read as empty (which would silently switch nothing off).
        let raw = std::env::var_os(ENV).unwrap_or_default();
        let value = raw.to_string_lossy().into_owned();
        let parsed = match raw.to_str() {
            Some(text) => Without::parse(text),
            None => Err(value.clone()),
        };
        parsed.map_err(|word| {
            Error::usage(text!(
                "serve-without-unknown",
                env = ENV,
                value = value.as_str(),
                word = word
            ))
        })
    }

    /// Parses a comma-separated list; `Err` names the first word that is none of
    /// `patch`, `update` and `memo`.
    fn parse(value: &str) -> std::result::Result<Without, String> {
        let mut without = Without::default();
        for word in value.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match word {
                "patch" => without.patch = true,
                "update" => without.update = true,
                "memo" => without.memo = true,
                other => return Err(other.to_string()),
            }
        }
        Ok(without)
    }

    /// The names of the switched-off mechanisms, comma-separated; empty when none is.
    pub fn names(self) -> String {
        let all = [
            (self.patch, "patch"),
            (self.update, "update"),
            (self.memo, "memo"),
        ];
        let on: Vec<&str> = all
            .iter()
            .filter(|(off, _)| *off)
            .map(|(_, n)| *n)
            .collect();
        on.join(", ")
    }

    /// Empties the parts of `caches` that are switched off.
    pub fn forget(self, caches: &mut Caches) {
        if self.patch {
            caches.content = Default::default();
        }
        if self.update {
            caches.model.last = None;
        }
        if self.memo {
            caches.outputs = Default::default();
        }
    }
}

/// Without the memo, a render cannot say which of the last build's outputs are gone
/// (it has nothing to compare with), but it wrote every output it has: the ones of
/// `last` (the last good build's rendered paths, updated here) that `written` lacks.
pub fn gone(last: &mut FxHashSet<String>, written: &FxHashMap<String, Served>) -> Vec<String> {
    let gone = last.iter().filter(|p| !written.contains_key(*p)).cloned();
    let gone = gone.collect();
    *last = written.keys().cloned().collect();
    gone
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_any_subset_and_names_the_unknown_word() {
        assert_eq!(Without::parse(""), Ok(Without::default()));
        let all = Without {
            patch: true,
            update: true,
            memo: true,
        };
        assert_eq!(Without::parse("patch,update,memo"), Ok(all));
        assert_eq!(
            Without::parse(" memo , patch "),
            Ok(Without {
                update: false,
                ..all
            })
        );
        assert_eq!(Without::parse("memo,cache"), Err("cache".to_string()));
        assert_eq!(all.names(), "patch, update, memo");
        assert_eq!(Without::default().names(), "");
    }

    #[test]
    fn gone_is_what_the_last_build_wrote_and_this_one_did_not() {
        let page = Served::Bytes(b"x".as_slice().into());
        let written = |paths: &[&str]| -> FxHashMap<String, Served> {
            paths
                .iter()
                .map(|p| (p.to_string(), page.clone()))
                .collect()
        };
        let mut last = FxHashSet::default();
        assert!(gone(&mut last, &written(&["a.html", "b.html"])).is_empty());
        assert_eq!(gone(&mut last, &written(&["b.html", "c.html"])), ["a.html"]);
        assert_eq!(last.len(), 2);
    }
}
