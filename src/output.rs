//! Writing the finished site: rendered outputs and copied files go into a fresh folder
//! beside the target, which replaces the target only when everything was written.
//! A failed build never touches the previous output.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::Output;

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
pub struct Staging {
    target: PathBuf,
    fresh: PathBuf,
    old: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates the empty staging folder for `target`.
    pub fn new(target: &Path) -> Result<Staging> {
        let parent = target.parent().ok_or_else(|| {
            Error::Usage(format!("cannot write the site to {}", target.display()))
        })?;
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create the folder", parent, e))?;
        let name = target
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let pid = std::process::id();
        let fresh = parent.join(format!(".{name}.lernort-new-{pid}"));
        let old = parent.join(format!(".{name}.lernort-old-{pid}"));
        remove_if_present(&fresh)?;
        std::fs::create_dir_all(&fresh).map_err(|e| Error::io("create the folder", &fresh, e))?;
        Ok(Staging {
            target: target.to_path_buf(),
            fresh,
            old,
            committed: false,
        })
    }

    /// Writes one file (`rel` is `/`-separated), creating its folders.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.fresh.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", dir, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))
    }

    /// Copies files unchanged, in parallel.
    pub fn copy(&self, copies: &[Copy]) -> Result<()> {
        copies.par_iter().try_for_each(|c| {
            let path = self.fresh.join(&c.to);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", dir, e))?;
            }
            std::fs::copy(&c.from, &path)
                .map(|_| ())
                .map_err(|e| Error::io("copy", &c.from, e))
        })
    }

    /// Replaces the target with the staged site.
    pub fn commit(mut self) -> Result<()> {
        self.committed = true;
        swap(&self.target, &self.fresh, &self.old)
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, output: Output) -> Result<()> {
        self.write(&output.path, &output.bytes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: a failed build must not leave its half-written site behind.
            let _ = std::fs::remove_dir_all(&self.fresh);
        }
    }
}

fn remove_if_present(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("remove the leftover folder", dir, e)),
    }
}

/// Moves `fresh` to `target`, keeping the previous target until the move succeeded.
fn swap(target: &Path, fresh: &Path, old: &Path) -> Result<()> {
    let had_previous = target.exists();
    if had_previous {
        remove_if_present(old)?;
        if let Err(e) = std::fs::rename(target, old) {
            let _ = std::fs::remove_dir_all(fresh);
            return Err(Error::io("move aside the previous output", target, e));
        }
    }
    if let Err(e) = std::fs::rename(fresh, target) {
        if had_previous {
            let _ = std::fs::rename(old, target);
        }
        let _ = std::fs::remove_dir_all(fresh);
        return Err(Error::io("move the new output into place at", target, e));
    }
    if had_previous {
        // The new site is in place; failing to delete the old copy loses nothing.
        let _ = std::fs::remove_dir_all(old);
    }
    Ok(())
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
        let staging = Staging::new(&target).unwrap();
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
    fn dropping_uncommitted_staging_leaves_previous_output_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("index.html"), "old").unwrap();
        let staging = Staging::new(&target).unwrap();
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
