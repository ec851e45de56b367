//! The hidden names a build uses beside its target, and what the next build does with
//! the ones an interrupted build left: `.{name}.lernort-new-{pid}` (a staged site),
//! `.{name}.lernort-old-{pid}` (a previous output moved aside) and
//! `.{name}.lernort-lock`. Holding the lock, a build restores an old copy when the
//! output itself is missing and removes every other leftover.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::text;

/// The folder that holds the target, and the target's name.
#[derive(Debug, Clone)]
pub struct Beside {
    dir: PathBuf,
    name: OsString,
}

const NEW: &str = "lernort-new-";
const OLD: &str = "lernort-old-";

impl Beside {
    /// The names beside `target`, which must have a parent folder and a name.
    pub fn of(target: &Path) -> Result<Beside> {
        match (target.parent(), target.file_name()) {
            (Some(dir), Some(name)) => Ok(Beside {
                dir: dir.to_path_buf(),
                name: name.to_os_string(),
            }),
            _ => Err(Error::usage(text!(
                "output-no-parent",
                dir = target.display().to_string()
            ))),
        }
    }

    /// The folder beside which everything happens.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `.{name}.{suffix}`.
    fn hidden_name(&self, suffix: &str) -> OsString {
        let mut name = OsString::from(".");
        name.push(&self.name);
        name.push(".");
        name.push(suffix);
        name
    }

    fn hidden(&self, suffix: &str) -> PathBuf {
        self.dir.join(self.hidden_name(suffix))
    }

    /// The lock file.
    pub fn lock(&self) -> PathBuf {
        self.hidden("lernort-lock")
    }

    /// The staging folder of this process.
    pub fn fresh(&self) -> PathBuf {
        self.hidden(&format!("{NEW}{}", std::process::id()))
    }

    /// Where this process moves the previous output aside when it cannot exchange.
    pub fn old(&self) -> PathBuf {
        self.hidden(&format!("{OLD}{}", std::process::id()))
    }

    /// Staged sites and old copies of any process, old copies newest first.
    fn leftovers(&self) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Default::default()),
            Err(e) => return Err(Error::io(text!("output-io-read-folder"), &self.dir, e)),
        };
        let (new, old) = (self.hidden_name(NEW), self.hidden_name(OLD));
        let mut staged = Vec::new();
        let mut olds = Vec::new();
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name();
            let bytes = name.as_encoded_bytes();
            if bytes.starts_with(new.as_encoded_bytes()) {
                staged.push(entry.path());
            } else if bytes.starts_with(old.as_encoded_bytes()) {
                let modified = entry.metadata().and_then(|m| m.modified()).ok();
                olds.push((modified, entry.path()));
            }
        }
        staged.sort();
        olds.sort_by(|a, b| b.cmp(a));
        Ok((staged, olds.into_iter().map(|(_, p)| p).collect()))
    }

    /// With the lock held: puts the newest old copy back when `target` is missing (a
    /// build stopped between its two renames), then removes all other leftovers.
    /// Returns the leftovers it could not remove, with the reason: typically another
    /// user's, which this user may not delete. They are hidden folders beside the
    /// output, not in it, so the build goes on; the caller reports them.
    pub fn clean(&self, target: &Path) -> Result<Vec<(PathBuf, std::io::Error)>> {
        let (staged, mut olds) = self.leftovers()?;
        if !olds.is_empty() && !exists(target)? {
            let newest = olds.remove(0);
            std::fs::rename(&newest, target)
                .map_err(|e| Error::io(text!("output-io-restore"), &newest, e))?;
        }
        let mut stuck = Vec::new();
        for path in staged.into_iter().chain(olds) {
            let removed = super::fault::error("clean").map_or_else(|| remove_io(&path), Err);
            if let Err(e) = removed {
                stuck.push((path, e));
            }
        }
        Ok(stuck)
    }

    /// Whether an old copy waits beside the target (see [`Beside::clean`]).
    pub fn has_old_copy(&self) -> bool {
        self.leftovers().is_ok_and(|(_, olds)| !olds.is_empty())
    }
}

/// Whether anything, even a dangling link, is at `path`.
pub fn exists(path: &Path) -> Result<bool> {
    match std::fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(text!("output-io-look-at"), path, e)),
    }
}

/// Removes a leftover folder (or file) if it is there.
pub fn remove(path: &Path) -> Result<()> {
    remove_io(path).map_err(|e| Error::io(text!("output-io-remove-leftover"), path, e))
}

/// [`remove`] with the system's error.
fn remove_io(path: &Path) -> std::io::Result<()> {
    let result = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) => Err(e),
    };
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_touches_only_the_leftovers_of_its_own_target() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir(&target).unwrap();
        for name in [
            ".public.lernort-new-1",
            ".public.lernort-old-2",
            ".public2.lernort-new-3",
            ".publi.lernort-old-4",
            "public.lernort-new-5",
        ] {
            std::fs::create_dir(tmp.path().join(name)).unwrap();
        }
        let stuck = Beside::of(&target).unwrap().clean(&target).unwrap();
        assert!(stuck.is_empty());
        let mut left: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let kept = [
            ".publi.lernort-old-4",
            ".public2.lernort-new-3",
            "public",
            "public.lernort-new-5",
        ];
        assert_eq!(left, kept);
    }

    #[test]
    fn clean_restores_the_old_copy_when_the_target_is_missing() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let old = tmp.path().join(".public.lernort-old-7");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join("index.html"), "previous").unwrap();
        std::fs::create_dir(tmp.path().join(".public.lernort-new-7")).unwrap();
        Beside::of(&target).unwrap().clean(&target).unwrap();
        let page = std::fs::read_to_string(target.join("index.html")).unwrap();
        assert_eq!(page, "previous");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
