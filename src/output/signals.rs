//! Ctrl+C (SIGINT) and SIGTERM during a build: a small thread waits for either, removes
//! the build's temporary folders and lock file, and ends the process with 130 or 143.
//! It never runs in the middle of a swap or of writing a file (see
//! [`Cleanup::uninterrupted`]), so nothing recreates a folder it has removed.

use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};
use std::thread::JoinHandle;

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

use crate::error::{Error, Result};

/// Removes `paths` if the build is stopped by a signal while this value lives.
pub struct Cleanup {
    // Writers and the swap hold it for reading; the cleanup takes it for writing, so it
    // waits for them, and no new write starts once it runs.
    paths: Arc<RwLock<Vec<PathBuf>>>,
    handle: Handle,
    thread: Option<JoinHandle<()>>,
}

impl Cleanup {
    /// Starts listening for SIGINT and SIGTERM.
    pub fn install(paths: Vec<PathBuf>) -> Result<Cleanup> {
        let mut signals = Signals::new([SIGINT, SIGTERM])
            .map_err(|e| Error::Usage(format!("could not listen for Ctrl+C: {e}")))?;
        let handle = signals.handle();
        let paths = Arc::new(RwLock::new(paths));
        let shared = Arc::clone(&paths);
        let thread = std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Waits for a swap or write in progress, and keeps new ones from starting.
                let paths = shared.write().unwrap_or_else(PoisonError::into_inner);
                for path in paths.iter() {
                    remove(path);
                }
                // The one exit outside `main`: a signal must end the build right here,
                // and there is no caller to return to. 128 + n is the shell convention.
                std::process::exit(128 + signal);
            }
        });
        Ok(Cleanup {
            paths,
            handle,
            thread: Some(thread),
        })
    }

    /// Runs `f` (a swap, or writing a file) to its end even if a signal arrives
    /// meanwhile; the signal is handled afterwards. Any number may run at once.
    pub fn uninterrupted<T>(&self, f: impl FnOnce() -> T) -> T {
        let _held = self.paths.read().unwrap_or_else(PoisonError::into_inner);
        f()
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.handle.close();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn remove(path: &std::path::Path) {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            let _ = std::fs::remove_dir_all(path);
        }
        Ok(_) => {
            let _ = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
}
