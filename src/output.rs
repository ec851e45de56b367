//! Writing the finished site: rendered outputs and copied files go into a fresh folder
//! beside the target, which replaces the target only when everything was written.
//! A failed build never touches the previous output.

use std::collections::BTreeSet;
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

/// Writes `outputs` and `copies` into `target`, atomically replacing what was there.
pub fn write_atomically(target: &Path, outputs: &[Output], copies: &[Copy]) -> Result<()> {
    let parent = target
        .parent()
        .ok_or_else(|| Error::Usage(format!("cannot write the site to {}", target.display())))?;
    std::fs::create_dir_all(parent).map_err(|e| Error::io("create the folder", parent, e))?;
    let name = target
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    let fresh = parent.join(format!(".{name}.lernort-new-{pid}"));
    let old = parent.join(format!(".{name}.lernort-old-{pid}"));
    remove_if_present(&fresh)?;
    let written = write_tree(&fresh, outputs, copies);
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(e);
    }
    swap(target, &fresh, &old)
}

fn remove_if_present(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("remove the leftover folder", dir, e)),
    }
}

fn write_tree(root: &Path, outputs: &[Output], copies: &[Copy]) -> Result<()> {
    std::fs::create_dir_all(root).map_err(|e| Error::io("create the folder", root, e))?;
    let dirs: BTreeSet<&str> = outputs
        .iter()
        .map(|o| o.path.as_str())
        .chain(copies.iter().map(|c| c.to.as_str()))
        .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d))
        .collect();
    for d in dirs {
        let dir = root.join(d);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("create the folder", &dir, e))?;
    }
    outputs.par_iter().try_for_each(|o| {
        let path = root.join(&o.path);
        std::fs::write(&path, &o.bytes).map_err(|e| Error::io("write", &path, e))
    })?;
    copies.par_iter().try_for_each(|c| {
        let path = root.join(&c.to);
        std::fs::copy(&c.from, &path)
            .map(|_| ())
            .map_err(|e| Error::io("copy", &c.from, e))
    })
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
    fn replaces_previous_output_completely() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir_all(target.join("stale")).unwrap();
        std::fs::write(target.join("stale/index.html"), "old").unwrap();
        let outputs = vec![Output {
            path: "a/index.html".into(),
            bytes: b"new".to_vec(),
        }];
        write_atomically(&target, &outputs, &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!target.join("stale").exists());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folders are left behind");
    }

    #[test]
    fn failed_copy_leaves_previous_output_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("index.html"), "old").unwrap();
        let copies = vec![Copy {
            to: "x.pdf".into(),
            from: tmp.path().join("missing.pdf"),
        }];
        assert!(write_atomically(&target, &[], &copies).is_err());
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }
}
