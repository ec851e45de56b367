//! What the output path names: a folder (or nothing yet) is written as it is; a
//! symbolic link to a folder is followed, so the folder it points to is replaced and
//! the link stays; a file, a link to a file and a link to nothing are refused before
//! anything is touched.

use std::path::{Path, PathBuf};

use super::leftovers::Beside;
use crate::error::{Error, Result};
use crate::text;

/// Resolves the output path `named` to the folder a build replaces, with every
/// symbolic link on the way followed.
pub fn resolve(named: &Path) -> Result<PathBuf> {
    let meta = match std::fs::symlink_metadata(named) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return real_path(named),
        Err(e) => return Err(Error::io(text!("output-io-look-at-output"), named, e)),
    };
    if meta.is_dir() {
        return real_path(named);
    }
    if !meta.is_symlink() {
        return Err(Error::usage(text!(
            "output-is-file",
            dir = named.display().to_string()
        )));
    }
    match std::fs::metadata(named) {
        Ok(to) if to.is_dir() => named
            .canonicalize()
            .map_err(|e| Error::io(text!("output-io-follow-link"), named, e)),
        Ok(_) => Err(Error::usage(text!(
            "output-link-to-file",
            dir = named.display().to_string(),
            to = link_text(named)
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => dangling(named),
        Err(e) => Err(Error::io(text!("output-io-follow-link"), named, e)),
    }
}

/// A link to nothing is refused, unless it points at a folder that an interrupted
/// build moved aside and the next build will restore.
fn dangling(named: &Path) -> Result<PathBuf> {
    let to =
        std::fs::read_link(named).map_err(|e| Error::io(text!("output-io-read-link"), named, e))?;
    let to = named.parent().map_or(to.clone(), |dir| dir.join(&to));
    let real = real_path(&to)?;
    if Beside::of(&real).is_ok_and(|b| b.has_old_copy()) {
        return Ok(real);
    }
    Err(Error::usage(text!(
        "output-link-dangling",
        dir = named.display().to_string(),
        to = link_text(named)
    )))
}

fn link_text(link: &Path) -> String {
    std::fs::read_link(link).map_or_else(|_| "?".into(), |to| to.display().to_string())
}

/// `path` with its longest existing beginning resolved (links followed), so that a
/// folder not created yet is still compared by where it will really be.
fn real_path(path: &Path) -> Result<PathBuf> {
    let mut rest = Vec::new();
    let mut existing = path;
    loop {
        match existing.canonicalize() {
            Ok(mut real) => {
                real.extend(rest.iter().rev());
                return Ok(real);
            }
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => return Ok(path.to_path_buf()),
            },
        }
    }
}
