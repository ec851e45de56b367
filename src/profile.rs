//! Stage timings for developers: with `LERNORT_PROFILE=1` in the environment, each
//! pipeline stage prints how long it took, and the resident memory at its end, to
//! stderr. Off by default; costs one relaxed load per stage when off.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("LERNORT_PROFILE").is_some_and(|v| v != "0"))
}

/// Times one stage; reports when dropped.
pub struct Stage {
    name: &'static str,
    start: Option<Instant>,
}

/// Starts timing the stage `name` (a no-op unless profiling is on).
pub fn stage(name: &'static str) -> Stage {
    Stage {
        name,
        start: enabled().then(Instant::now),
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if let Some(start) = self.start {
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            let rss = resident_mib().map_or(String::new(), |m| format!("  rss {m:6.1} MiB"));
            eprintln!("[profile] {:<28} {ms:8.2} ms{rss}", self.name);
        }
    }
}

/// The resident set size now, from `VmRSS` in `/proc/self/status` (given in kB, so
/// whatever the kernel's page size; Linux only, `None` elsewhere).
fn resident_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Reports a count found while the stages ran (with profiling on).
pub fn count(name: &'static str, n: usize) {
    if enabled() {
        eprintln!("[profile] {name:<28} {n:8}");
    }
}
