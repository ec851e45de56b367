//! Ctrl+C (SIGINT) and SIGTERM during a build: on Unix a small thread waits for either,
//! removes the build's temporary folders and lock file, and ends the process with 130
//! or 143. It never runs in the middle of a swap or of writing a file (see
//! [`Cleanup::uninterrupted`]), so nothing recreates a folder it has removed.
//!
//! Once the swap has put the new site in place ([`Cleanup::publish`]), the build has
//! succeeded: a signal then only removes the previous output and the lock, and the
//! process exits with 0, because the exit status tells scripts what the output folder
//! holds — the complete new site. 130 or 143 there would make a `build && deploy`
//! script believe the output was the old one or broken.
//!
//! When the last [`Cleanup`] is dropped, both signals have their default effect again
//! (ending the process): signal-hook leaves its handler installed, so a process that
//! goes on after a build would otherwise ignore Ctrl+C. (`serve` never stages, so it
//! never installs this listener; its own Ctrl+C handling is unaffected.)
//!
//! Other systems (Windows) have no listener: Ctrl+C ends the process at once, which
//! leaves the staging folder and the lock file behind. That loses nothing: the system
//! releases the lock of a dead process, and the next build removes the staging folder
//! (see `leftovers`).

use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};

use crate::error::Result;
use crate::messages::Lang;

/// What a signal has to clean up.
#[derive(Debug)]
#[cfg_attr(not(unix), allow(dead_code))]
struct State {
    /// The staging folder, removed when the build is stopped before its swap.
    staged: PathBuf,
    /// The lock file, removed in either case.
    lock: PathBuf,
    /// Set by a successful swap: the build is done, and a signal must not say otherwise.
    published: bool,
    /// After the swap: where the previous output is, still to be deleted.
    previous: Option<PathBuf>,
    /// The language of what a signal after the swap prints.
    lang: Lang,
}

impl State {
    /// The paths a signal removes now.
    #[cfg_attr(not(unix), allow(dead_code))]
    fn to_remove(&self) -> Vec<&PathBuf> {
        let first = if self.published {
            self.previous.as_ref()
        } else {
            Some(&self.staged)
        };
        first.into_iter().chain([&self.lock]).collect()
    }
}

/// Removes the build's temporary paths if the build is stopped by a signal while this
/// value lives.
pub struct Cleanup {
    // Writers hold it for reading and the swap for writing; the signal thread takes it
    // for writing, so it waits for them, and no new write starts once it runs.
    state: Arc<RwLock<State>>,
    // Stops the thread when dropped.
    #[cfg(unix)]
    _listener: listen::Listener,
}

impl Cleanup {
    /// Starts listening for SIGINT and SIGTERM (on Unix) for a build staging into
    /// `staged` and holding the lock file `lock`; what it prints is in `lang`.
    pub fn install(staged: PathBuf, lock: PathBuf, lang: Lang) -> Result<Cleanup> {
        let state = Arc::new(RwLock::new(State {
            staged,
            lock,
            published: false,
            previous: None,
            lang,
        }));
        Ok(Cleanup {
            #[cfg(unix)]
            _listener: listen::Listener::start(Arc::clone(&state))?,
            state,
        })
    }

    /// Runs `f` (writing a file) to its end even if a signal arrives meanwhile; the
    /// signal is handled afterwards. Any number may run at once.
    pub fn uninterrupted<T>(&self, f: impl FnOnce() -> T) -> T {
        let _held = self.state.read().unwrap_or_else(PoisonError::into_inner);
        f()
    }

    /// Runs the swap `f` uninterrupted; when it succeeds (returning where the previous
    /// output now is), the build counts as published for a signal from then on.
    pub fn publish(&self, f: impl FnOnce() -> Result<Option<PathBuf>>) -> Result<Option<PathBuf>> {
        let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
        let previous = f()?;
        state.published = true;
        state.previous.clone_from(&previous);
        Ok(previous)
    }
}

/// The Unix listener: signal-hook's iterator on a thread.
#[cfg(unix)]
mod listen {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Once, PoisonError, RwLock};
    use std::thread::JoinHandle;

    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::iterator::{Handle, Signals};

    use super::State;
    use crate::error::{Error, Result};
    use crate::text;

    /// How many listeners are running; with none, the signals act as by default.
    static LISTENING: AtomicUsize = AtomicUsize::new(0);

    /// Once per process: an action that gives SIGINT and SIGTERM their default effect
    /// whenever no listener runs. Dropping a `Signals` removes its own action but not
    /// signal-hook's handler, which would otherwise swallow the signal.
    fn default_when_idle() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            for signal in [SIGINT, SIGTERM] {
                // SAFETY: the action only loads an atomic and calls
                // `emulate_default_handler`, which signal-hook documents as safe to
                // call from a signal handler; both are async-signal-safe.
                let registered = unsafe {
                    signal_hook::low_level::register(signal, move || {
                        if LISTENING.load(Ordering::SeqCst) == 0 {
                            let _ = signal_hook::low_level::emulate_default_handler(signal);
                        }
                    })
                };
                // Without it a signal after the build is ignored, as before: no reason
                // to fail a build over it.
                let _ = registered;
            }
        });
    }

    /// A running listener thread.
    pub struct Listener {
        handle: Handle,
        thread: Option<JoinHandle<()>>,
    }

    impl Listener {
        /// Starts the thread that cleans up after a signal.
        pub fn start(shared: Arc<RwLock<State>>) -> Result<Listener> {
            default_when_idle();
            let mut signals = Signals::new([SIGINT, SIGTERM])
                .map_err(|e| Error::usage(text!("output-signals", reason = e.to_string())))?;
            let handle = signals.handle();
            LISTENING.fetch_add(1, Ordering::SeqCst);
            let thread = std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Waits for a swap or write in progress, and keeps new ones from starting.
                    let state = shared.write().unwrap_or_else(PoisonError::into_inner);
                    for path in state.to_remove() {
                        remove(path);
                    }
                    // The one exit outside `main`: a signal must end the build right
                    // here, and there is no caller to return to. 128 + n is the shell
                    // convention for "stopped by signal n"; after the swap the build
                    // is complete (see the module comment).
                    if state.published {
                        let done = text!("output-signal-after-publish");
                        eprintln!("{}", done.render(state.lang));
                        std::process::exit(0);
                    }
                    std::process::exit(128 + signal);
                }
            });
            Ok(Listener {
                handle,
                thread: Some(thread),
            })
        }
    }

    impl Drop for Listener {
        fn drop(&mut self) {
            // First the default effect back, so that no signal is lost in between: one
            // arriving now either ends the process or reaches the thread, both fine
            // (the staging folder is gone by now, see `Staging`'s `Drop`).
            LISTENING.fetch_sub(1, Ordering::SeqCst);
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

    #[cfg(test)]
    mod tests {
        use std::os::unix::process::ExitStatusExt;
        use std::path::PathBuf;

        use crate::output::signals::Cleanup;

        const CHILD: &str = "LERNORT_SIGNALS_TEST_CHILD";

        /// Runs itself again as a child that installs and drops a `Cleanup` and then
        /// signals itself: the child must die of the signal, not ignore it.
        #[test]
        fn after_the_cleanup_is_dropped_sigterm_ends_the_process_again() {
            if std::env::var_os(CHILD).is_some() {
                let dir = std::env::temp_dir();
                let cleanup = Cleanup::install(
                    dir.join("lernort-signals-test-none"),
                    PathBuf::from("/nonexistent/lernort-lock"),
                    crate::messages::Lang::En,
                )
                .expect("listener starts");
                drop(cleanup);
                let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTERM);
                std::thread::sleep(std::time::Duration::from_secs(5));
                std::process::exit(3);
            }
            let exe = std::env::current_exe().expect("test binary");
            let status = std::process::Command::new(exe)
                .args([
                    "--exact",
                    "output::signals::listen::tests::after_the_cleanup_is_dropped_sigterm_ends_the_process_again",
                    "--nocapture",
                ])
                .env(CHILD, "1")
                .stdout(std::process::Stdio::null())
                .status()
                .expect("child runs");
            assert_eq!(status.signal(), Some(15), "{status:?}");
        }
    }
}
