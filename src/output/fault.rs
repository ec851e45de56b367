//! Test-only fault injection: lets the CLI tests stop a build at a named step of the
//! swap, to show what an interruption there leaves behind. Nothing happens unless the
//! environment variable `LERNORT_FAULT` is set, which no user has reason to do.

use std::time::Duration;

/// The one place that reads the variable: a comma-separated list of faults such as
/// `abort-after-exchange`, `pause-before-swap` or `no-exchange`.
fn faults() -> Vec<String> {
    std::env::var("LERNORT_FAULT")
        .map(|v| v.split(',').map(|s| s.trim().to_string()).collect())
        .unwrap_or_default()
}

/// For tests only: at `step`, `abort-<step>` ends the process at once as a crash
/// would (no destructors, no cleanup), and `pause-<step>` announces the pause on
/// stderr and sleeps for a minute so that a test can signal or kill the build there.
pub fn at(step: &str) {
    for fault in faults() {
        if fault.strip_prefix("abort-") == Some(step) {
            std::process::abort();
        }
        if fault.strip_prefix("pause-") == Some(step) {
            eprintln!("lernort: fault hook: paused at {step}");
            std::thread::sleep(Duration::from_secs(60));
        }
    }
}

/// For tests only: whether the flag `name` (such as `no-exchange`, which makes the
/// swap take the two-rename path of systems without an atomic exchange) is set.
pub fn forced(name: &str) -> bool {
    faults().iter().any(|f| f == name)
}

/// For tests only: `ebusy-<step>` and `exdev-<step>` make the system call at `step`
/// fail as it does for an output folder that is a mount point (`EBUSY`) or on another
/// file system than its parent (`EXDEV`); `eacces-<step>` as for a file of another
/// user. `None` without such a fault (and always on systems without these numbers).
pub fn error(step: &str) -> Option<std::io::Error> {
    faults().iter().find_map(|f| {
        let (errno, at) = f.split_once('-')?;
        (at == step).then_some(())?;
        raw_error(errno)
    })
}

#[cfg(unix)]
fn raw_error(name: &str) -> Option<std::io::Error> {
    // The numbers Linux and the BSDs share for these three.
    let code = match name {
        "ebusy" => 16,
        "exdev" => 18,
        "eacces" => 13,
        _ => return None,
    };
    Some(std::io::Error::from_raw_os_error(code))
}

#[cfg(not(unix))]
fn raw_error(_name: &str) -> Option<std::io::Error> {
    None
}
