//! The lock that keeps two builds from writing the same output folder at once: a
//! file beside the target, locked for as long as the build may touch the output.
//! Only the holder may remove leftovers, stage or swap.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::text;

/// A held lock; dropping it removes the lock file and releases the lock.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    // Held only for its lock, which the operating system releases when the file is
    // closed or the process dies (so a killed build never leaves a lock that counts).
    _file: File,
}

impl Lock {
    /// Takes the lock at `path` for the output folder `target`, or refuses with a
    /// usage error naming the folder when another build holds it.
    pub fn take(path: &Path, target: &Path) -> Result<Lock> {
        let busy = || {
            Error::usage(text!(
                "output-locked",
                dir = target.display().to_string(),
                lock = path.display().to_string()
            ))
        };
        // A build that finishes between our open and our lock removes the file, and
        // our lock would then be on a file nobody else sees: open again in that case.
        for _ in 0..5 {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)
                .map_err(|e| Error::io(text!("output-io-create-lock"), path, e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(busy()),
                Err(TryLockError::Error(e)) => {
                    return Err(Error::io(text!("output-io-lock"), path, e));
                }
            }
            if still_at(&file, path) {
                return Ok(Lock {
                    path: path.to_path_buf(),
                    _file: file,
                });
            }
        }
        Err(busy())
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so no other build can lock the old file after us.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether `path` still names the open `file`.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_file: &File, path: &Path) -> bool {
    path.is_file()
}
