//! Writing the finished site: rendered outputs and copied files go into a fresh folder
//! beside the target, which replaces the target only when everything was written.
//! A failed, interrupted or concurrent build never damages the previous output: the
//! lock keeps builds apart, the swap is atomic where the system allows it, and the
//! next build removes (or restores) what an interrupted one left behind.

mod fault;
mod leftovers;
mod lock;
mod signals;
mod swap;
mod target;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::messages::{Lang, Text};
use crate::render::Output;
use crate::text;

pub use target::resolve;

/// A file copied unchanged into the output.
#[derive(Debug, Clone)]
pub struct Copy {
    /// Path relative to the output folder.
    pub to: String,
    /// The source file.
    pub from: PathBuf,
}

/// A fresh folder beside the target that receives the new site. [`Staging::commit`]
/// swaps it in; dropping it uncommitted deletes it, leaving the target untouched.
/// While it lives it holds the output's lock.
pub struct Staging {
    target: PathBuf,
    fresh: PathBuf,
    old: PathBuf,
    warnings: Vec<Text>,
    // Dropped in this order after `Drop::drop` removed `fresh`: the signal listener
    // first, then the lock, so the lock is released last.
    cleanup: signals::Cleanup,
    _lock: lock::Lock,
}

impl Staging {
    /// Takes the lock for `target` (a real folder path, see [`resolve`]), clears up
    /// after interrupted builds and creates the empty staging folder. `lang` is for
    /// the words a signal may have to print (see `signals`).
    pub fn new(target: &Path, lang: Lang) -> Result<Staging> {
        let beside = leftovers::Beside::of(target)?;
        let parent = beside.dir();
        std::fs::create_dir_all(parent).map_err(|e| create_folder(parent, e))?;
        let lock = lock::Lock::take(&beside.lock(), target)?;
        let stuck = beside.clean(target)?;
        let fresh = beside.fresh();
        let warnings = stuck_leftovers(stuck, &[&fresh, &beside.old()])?;
        let cleanup = signals::Cleanup::install(fresh.clone(), lock.path().to_path_buf(), lang)?;
        std::fs::create_dir_all(&fresh).map_err(|e| create_folder(&fresh, e))?;
        Ok(Staging {
            target: target.to_path_buf(),
            fresh,
            old: beside.old(),
            warnings,
            cleanup,
            _lock: lock,
        })
    }

    /// What the user should know although the build goes on: leftovers of earlier
    /// builds that could not be removed.
    pub fn warnings(&self) -> &[Text] {
        &self.warnings
    }

    /// Writes one file (`rel` is `/`-separated), creating its folders.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.fresh.join(rel);
        self.cleanup.uninterrupted(|| {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| create_folder(dir, e))?;
            }
            std::fs::write(&path, bytes).map_err(|e| Error::io(text!("output-io-write"), &path, e))
        })
    }

    /// Copies files unchanged, in parallel.
    pub fn copy(&self, copies: &[Copy]) -> Result<()> {
        copies.par_iter().try_for_each(|c| {
            let path = self.fresh.join(&c.to);
            self.cleanup.uninterrupted(|| {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| create_folder(dir, e))?;
                }
                std::fs::copy(&c.from, &path)
                    .map(|_| ())
                    .map_err(|e| Error::io(text!("output-io-copy"), &c.from, e))
            })
        })
    }

    /// Replaces the target with the staged site, then deletes the previous output.
    pub fn commit(self) -> Result<()> {
        fault::at("before-swap");
        let previous = self
            .cleanup
            .publish(|| swap::swap(&self.target, &self.fresh, &self.old))?;
        fault::at("after-publish");
        if let Some(previous) = previous {
            // The new site is in place; failing to delete the old copy loses nothing,
            // and the next build removes whatever is left of it.
            let _ = leftovers::remove(&previous);
        }
        Ok(())
    }
}

/// A folder of the output that could not be created: one wording for every place.
fn create_folder(dir: &Path, e: std::io::Error) -> Error {
    Error::io(text!("output-io-create-folder"), dir, e)
}

/// Leftovers `clean` could not remove, as warnings. A build goes on beside them: they
/// are hidden folders next to the output, not in it, and stopping every build (in CI,
/// say) over a folder only its owner or an administrator can delete would help nobody.
/// Silence would let them pile up unseen, hence a warning naming the fix. Only a
/// leftover under one of this build's own names (`own`, a reused process id) is an
/// error, since the build would have to write into it.
fn stuck_leftovers(stuck: Vec<(PathBuf, std::io::Error)>, own: &[&Path]) -> Result<Vec<Text>> {
    let mut warnings = Vec::new();
    for (path, e) in stuck {
        let (shown, reason) = (path.display().to_string(), e.to_string());
        if own.contains(&path.as_path()) {
            return Err(Error::usage(text!(
                "output-stuck-leftover-own",
                path = shown,
                reason = reason
            )));
        }
        warnings.push(text!(
            "output-stuck-leftover",
            path = shown,
            reason = reason
        ));
    }
    Ok(warnings)
}

impl crate::render::Sink for Staging {
    fn put(&self, output: Output) -> Result<()> {
        // A build's pages are one buffer each; only the preview's come in pieces.
        self.write(&output.path, &output.bytes.contiguous())
    }

    fn put_owned(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        self.write(&path, &bytes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Best effort: a failed build must not leave its half-written site behind, and
        // after an exchange this name holds the previous output, already deleted.
        let _ = leftovers::remove(&self.fresh);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_previous_output_completely() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir_all(target.join("stale")).unwrap();
        std::fs::write(target.join("stale/index.html"), "old").unwrap();
        let staging = Staging::new(&target, Lang::En).unwrap();
        staging.write("a/index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!target.join("stale").exists());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folders are left behind");
    }

    #[test]
    fn a_stuck_leftover_is_a_warning_unless_it_has_this_builds_name() {
        let own = PathBuf::from("/site/.public.lernort-new-7");
        let other = PathBuf::from("/site/.public.lernort-new-8");
        let denied = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let warnings = stuck_leftovers(vec![(other.clone(), denied())], &[&own]).unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .to_string()
                .contains("sudo rm -rf /site/.public.lernort-new-8")
        );
        let err = stuck_leftovers(vec![(own.clone(), denied())], &[&own]).unwrap_err();
        assert!(
            matches!(err, Error::Usage(m) if m.to_string().contains("this build needs its name"))
        );
    }

    #[test]
    fn dropping_uncommitted_staging_leaves_previous_output_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("index.html"), "old").unwrap();
        let staging = Staging::new(&target, Lang::En).unwrap();
        staging.write("index.html", b"new").unwrap();
        let copies = vec![Copy {
            to: "x.pdf".into(),
            from: tmp.path().join("missing.pdf"),
        }];
        assert!(staging.copy(&copies).is_err());
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }
}
