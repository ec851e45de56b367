//! Putting the staged site in place of the target. On Linux one `renameat2` call with
//! `RENAME_EXCHANGE` swaps the two folders, so at every instant the target is the old
//! tree or the new one. Where that is unavailable the target is moved aside and the new
//! site moved in; a stop between the two renames leaves an old copy that the next build
//! restores (see `leftovers`).

use std::path::{Path, PathBuf};

use super::fault;
use super::leftovers::exists;
use crate::error::{Error, Result};
use crate::text;

/// Puts `fresh` in place of `target`, using `old` for the two-rename path. Returns
/// where the previous output now is, for the caller to delete. On an error the target
/// is unchanged, or (if even putting it back failed) the previous output stays at `old`
/// for the next build to restore.
pub fn swap(target: &Path, fresh: &Path, old: &Path) -> Result<Option<PathBuf>> {
    if !exists(target)? {
        std::fs::rename(fresh, target)
            .map_err(|e| Error::io(text!("output-io-move-into-place"), target, e))?;
        fault::at("after-swap");
        return Ok(None);
    }
    if !fault::forced("no-exchange") {
        match fault::error("swap").map_or_else(|| exchange(fresh, target), Err) {
            Ok(()) => {
                fault::at("after-exchange");
                return Ok(Some(fresh.to_path_buf()));
            }
            Err(e) if unsupported(&e) => {}
            Err(e) if immovable(&e) => return Err(mount_point(target, e)),
            Err(e) => return Err(Error::io(text!("output-io-exchange"), target, e)),
        }
    }
    fault::error("swap")
        .map_or_else(|| std::fs::rename(target, old), Err)
        .map_err(|e| {
            if immovable(&e) {
                mount_point(target, e)
            } else {
                Error::io(text!("output-io-move-aside"), target, e)
            }
        })?;
    fault::at("between-renames");
    if let Err(e) = std::fs::rename(fresh, target) {
        // Best effort: if this fails too, the next build restores `old`.
        let _ = std::fs::rename(old, target);
        return Err(Error::io(text!("output-io-move-into-place"), target, e));
    }
    fault::at("after-swap");
    Ok(Some(old.to_path_buf()))
}

/// Whether `e` says the folder itself cannot be renamed: it is a mount point (`EBUSY`)
/// or on another file system than the folder beside it (`EXDEV`).
fn immovable(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        e.kind(),
        ErrorKind::ResourceBusy | ErrorKind::CrossesDevices
    )
}

/// The usage error for an output folder lernort cannot replace (see [`immovable`]).
fn mount_point(target: &Path, e: std::io::Error) -> Error {
    Error::usage(text!(
        "output-mount-point",
        dir = target.display().to_string(),
        reason = e.to_string()
    ))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Whether `e` says the system or file system cannot exchange (an old kernel, or a
/// file system without `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn unsupported(e: &std::io::Error) -> bool {
    use rustix::io::Errno;
    matches!(
        Errno::from_io_error(e),
        Some(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP)
    )
}

#[cfg(not(target_os = "linux"))]
fn unsupported(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Unsupported
}
