//! `lernort serve`: builds the site into memory, serves it on localhost, watches the
//! sources and rebuilds with the same pipeline as `build`, pushing a reload to open
//! pages. A failed rebuild keeps the last good pages and shows the error on top.

mod clock;
mod events;
mod head;
mod http;
mod lines;
mod memory;
mod net;
mod rebuild;
mod watching;
mod without;

use std::net::{IpAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::build::Caches;
use crate::config::Overrides;
use crate::error::{Error, Result};
use crate::messages::Lang;
use crate::text;
use crate::watch;
use lines::{say, warn};

pub use http::{EVENTS_PATH, clean_path, content_type};
pub use rebuild::render;

/// How long the watcher waits for quiet before rebuilding: long enough to take an
/// editor's save (write, rename, metadata) as one change, short enough not to be
/// noticed. A burst it splits only costs an extra rebuild, never a wrong one.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// The port `serve` tries first.
pub const DEFAULT_PORT: u16 = 1111;

/// Options of `lernort serve`.
#[derive(Debug, Clone)]
pub struct Options {
    /// The port; `None` means the default, moving on when it is taken.
    pub port: Option<u16>,
    /// The address to listen on.
    pub bind: IpAddr,
    /// Open the site in the default browser.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
    /// Include pages whose `publish_date` is still to come.
    pub future: bool,
    /// Include pages whose `expiry_date` has passed.
    pub expired: bool,
    /// The moment to show the site at (`--now`), as written; the clock without it.
    pub now: Option<String>,
    /// The language of the terminal lines and the error page.
    pub lang: Lang,
}

/// One file of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Served {
    /// Rendered in memory.
    Bytes(crate::render::FileBytes),
    /// A content file copied unchanged: served from its source file while that still
    /// lies inside the site (the content walk refuses links that leave it).
    File(PathBuf),
    /// An asset copied unchanged: served from its source file, through symbolic links
    /// wherever they point, as the asset walk follows them.
    Asset(PathBuf),
}

/// What the server shows: the last good build and the last error, if any.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Output path → file.
    pub files: FxHashMap<String, Served>,
    /// The message of the last failed rebuild, until a rebuild succeeds.
    pub error: Option<String>,
    /// Whether a build has succeeded yet; until then every path shows the error.
    pub built: bool,
    /// What the files served early by the rebuild under way replaced (`None`: nothing),
    /// to put back if it fails.
    early: FxHashMap<String, Option<Served>>,
}

/// Shared between the HTTP threads and the rebuild loop.
pub struct State {
    /// Changed in place by each rebuild, under the write lock; requests take what they
    /// need under the read lock and let go before answering.
    snapshot: RwLock<Snapshot>,
    events: events::Broadcaster,
    /// The canonical site folder; copied content files are served only from inside it.
    root: PathBuf,
    /// The language of the error page and the server's own answers.
    lang: Lang,
}

impl State {
    fn new(root: &Path, lang: Lang) -> State {
        State {
            snapshot: RwLock::default(),
            events: events::Broadcaster::start(),
            root: root.to_path_buf(),
            lang,
        }
    }

    /// Runs `f` on the current files and error.
    fn read<T>(&self, f: impl FnOnce(&Snapshot) -> T) -> T {
        match self.snapshot.read() {
            Ok(s) => f(&s),
            Err(poisoned) => f(&poisoned.into_inner()),
        }
    }

    fn write<T>(&self, f: impl FnOnce(&mut Snapshot) -> T) -> T {
        match self.snapshot.write() {
            Ok(mut s) => f(&mut s),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// Applies a successful rebuild and clears the error; returns how many files were
    /// added, changed or removed (the files served early count as changed by it).
    fn apply(&self, update: Update) -> usize {
        self.write(|s| {
            s.error = None;
            s.built = true;
            let early = std::mem::take(&mut s.early);
            // Served early by a try this rebuild threw away (the clock's second run), and
            // not produced by the one it kept: back to what it replaced.
            for (path, old) in &early {
                if !update.written.contains_key(path) && !update.removed.contains(path) {
                    put_back(&mut s.files, path, old.clone());
                }
            }
            let mut changed = 0;
            for path in &update.removed {
                changed += usize::from(s.files.remove(path).is_some());
            }
            for (path, served) in update.written {
                let before = match early.get(&path) {
                    Some(old) => old.as_ref(),
                    None => s.files.get(&path),
                };
                let unchanged = before.is_some_and(|old| *old == served);
                changed += usize::from(!unchanged);
                // Stored even when equal: the memo holds the new bytes, and keeping the
                // old ones too would hold every page twice after a template edit.
                s.files.insert(path, served);
            }
            changed
        })
    }

    /// Serves these files of the rebuild under way at once, remembering what they
    /// replace, and tells the pages showing them to reload. Pages open in a browser come
    /// first this way: the one being edited shows its change before the rest of a large
    /// site is rendered again.
    fn serve_early(&self, files: Vec<(String, Served)>) {
        let changed: Vec<String> = self.write(|s| {
            let mut changed = Vec::new();
            for (path, served) in files {
                if s.files.get(&path) == Some(&served) {
                    continue;
                }
                let old = s.files.insert(path.clone(), served);
                s.early.entry(path.clone()).or_insert(old);
                changed.push(path);
            }
            changed
        });
        if !changed.is_empty() {
            let data = format!("{{\"changed\":{}}}", changed.len());
            let to = events::Audience::Showing(changed);
            self.events.send("reload", &data, to);
        }
    }

    /// Puts back what the files served early by a failed rebuild replaced.
    fn roll_back_early(&self) {
        self.write(|s| {
            for (path, old) in std::mem::take(&mut s.early) {
                put_back(&mut s.files, &path, old);
            }
        });
    }

    /// Answers an event stream request on `stream` (for the page at output path `page`)
    /// and keeps it for later events.
    fn subscribe(&self, stream: std::net::TcpStream, page: Option<String>) {
        self.events.subscribe(stream, page);
    }

    /// Sends a server-sent event to the open pages of `to`; closed ones are forgotten.
    fn broadcast(&self, event: &str, data: &str, to: events::Audience) {
        self.events.send(event, data, to);
    }
}

/// Serves `old` at `path` again, or nothing if there was nothing.
fn put_back(files: &mut FxHashMap<String, Served>, path: &str, old: Option<Served>) {
    match old {
        Some(old) => files.insert(path.to_string(), old),
        None => files.remove(path),
    };
}

/// What a rebuild changed in the preview's files.
#[derive(Debug, Default)]
pub struct Update {
    /// Files rendered or copied by this rebuild (some may equal what is served).
    pub written: FxHashMap<String, Served>,
    /// Files the previous build had and this one does not.
    pub removed: Vec<String>,
    /// Pages and sections whose template ran.
    pub rendered: usize,
}

/// What the preview keeps between rebuilds.
#[derive(Debug, Default)]
pub struct Session {
    /// The pipeline's caches.
    pub caches: Caches,
    /// The files copied by the last good build: output path → source file.
    copied: FxHashMap<String, PathBuf>,
    /// The language of messages.
    pub lang: Lang,
    /// The moment the last good build showed the site at (without `--now`).
    clock: clock::Clock,
    /// The incremental mechanisms switched off (`LERNORT_SERVE_WITHOUT`).
    without: without::Without,
    /// Without the memo: the paths the last good build rendered.
    rendered: FxHashSet<String>,
}

/// Runs the preview until the process is stopped.
pub fn run(root: &Path, options: &Options) -> Result<()> {
    let lang = options.lang;
    let root = root.canonicalize().map_err(|_| {
        Error::usage(text!(
            "serve-no-site-folder",
            path = root.display().to_string()
        ))
    })?;
    crate::config::require_site(&root)?;
    without_huge_pages();
    // A wrong `--now` or `SOURCE_DATE_EPOCH` is the caller's mistake: said before the
    // preview starts, not on its error page (the zone only places a bare date).
    crate::schedule::now(options.now.as_deref(), &jiff::tz::TimeZone::UTC)?;
    // Developer switches, read once (see `without.rs`).
    let without = without::Without::from_env()?;
    if without != without::Without::default() {
        let names = without.names();
        warn(
            &text!("serve-without", env = without::ENV, list = names),
            lang,
        );
    }
    let (server, port) = listen(options)?;
    let host = match options.bind {
        IpAddr::V4(a) if a.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(a) if a.is_unspecified() => "[::1]".to_string(),
        IpAddr::V6(a) => format!("[{a}]"),
        IpAddr::V4(a) => a.to_string(),
    };
    let url = format!("http://{host}:{port}");
    let overrides = Overrides {
        base_url: Some(url.clone()),
        drafts: options.drafts,
        output_dir: None,
        future: options.future,
        expired: options.expired,
        now: options.now.clone(),
    };
    if options.bind.is_unspecified() {
        let bind = options.bind.to_string();
        let what = text!("serve-listening-everywhere", address = bind);
        warn(&text!("cli-warning", text = what), lang);
    }
    let state = Arc::new(State::new(&root, lang));
    // Watch before the first build, so a save during it is not missed.
    let watcher = watch::watch(&root, DEBOUNCE)?;
    let start = Instant::now();
    let mut session = Session {
        lang,
        without,
        ..Session::default()
    };
    let first = text!("serve-initial-build").render(lang);
    watching::rebuild(&root, &overrides, &state, &mut session, &first, &[], start);
    let root_shown = root.display().to_string();
    say(
        &text!("serve-serving", root = root_shown, url = url.as_str()),
        lang,
    );

    net::start(server, Arc::clone(&state)).map_err(|e| {
        Error::usage(text!(
            "serve-cannot-serve",
            url = url.as_str(),
            reason = e.to_string()
        ))
    })?;
    if options.open
        && let Err(e) = open_browser(&format!("{url}/"))
    {
        warn(&text!("serve-no-browser", reason = e.to_string()), lang);
    }
    watching::watch_loop(watcher, &root, &overrides, &state, &mut session);
    Ok(())
}

/// The preview holds many small values for as long as it runs: in 2 MiB pages, every
/// page a few of them keep is resident whole. Small pages only: at 10,000 pages the peak
/// is 301 MiB with huge pages and 277 MiB without, at the same speed (BENCHMARKS.md).
/// `build` keeps them: they make the large corpus faster. Where the system does not
/// allow the switch, the preview works the same, in more memory.
fn without_huge_pages() {
    huge_pages(false);
}

/// Opens `url` in the default browser, which must not inherit the preview's switch
/// (see [`without_huge_pages`]): a child keeps it for its whole life.
fn open_browser(url: &str) -> std::io::Result<()> {
    huge_pages(true);
    let opened = open::that(url);
    without_huge_pages();
    opened
}

/// Switches transparent huge pages for this process (and what it starts) on or off.
fn huge_pages(on: bool) {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(!on);
    #[cfg(not(target_os = "linux"))]
    let _ = on;
}

/// Binds the server: the requested port, or the default one and the next free ones.
fn listen(options: &Options) -> Result<(TcpListener, u16)> {
    let try_port = |port: u16| TcpListener::bind((options.bind, port));
    if let Some(port) = options.port {
        let server = try_port(port).map_err(|e| {
            Error::usage(text!(
                "serve-cannot-listen",
                address = options.bind.to_string(),
                port = port.to_string(),
                reason = e.to_string()
            ))
        })?;
        let actual = server.local_addr().map_or(port, |a| a.port());
        return Ok((server, actual));
    }
    for port in DEFAULT_PORT..DEFAULT_PORT.saturating_add(100) {
        if let Ok(server) = try_port(port) {
            if port != DEFAULT_PORT {
                // Ports as strings: a number would be shown as a count, not as written.
                let line = text!(
                    "serve-port-taken",
                    taken = DEFAULT_PORT.to_string(),
                    port = port.to_string()
                );
                say(&line, options.lang);
            }
            return Ok((server, port));
        }
    }
    Err(Error::usage(text!(
        "serve-no-free-port",
        port = DEFAULT_PORT.to_string()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::FileBytes;

    fn bytes(text: &str) -> Served {
        Served::Bytes(text.as_bytes().into())
    }

    fn update(written: &[(&str, &Served)], removed: &[&str]) -> Update {
        Update {
            written: written
                .iter()
                .map(|(p, s)| (p.to_string(), (*s).clone()))
                .collect(),
            removed: removed.iter().map(|p| p.to_string()).collect(),
            rendered: written.len(),
        }
    }

    #[test]
    fn apply_counts_real_changes_and_keeps_only_the_newest_bytes() {
        let state = State::new(Path::new("/site"), Lang::En);
        let (a, b) = (bytes("<p>a</p>"), bytes("<p>b</p>"));
        assert_eq!(
            state.apply(update(&[("a.html", &a), ("b.html", &b)], &[])),
            2
        );

        // Equal bytes from a new render: nothing changed, but the new copy is kept, so
        // the old one can be freed.
        let a_again = bytes("<p>a</p>");
        assert_eq!(state.apply(update(&[("a.html", &a_again)], &[])), 0);
        let kept = state.read(|s| s.files.get("a.html").cloned());
        match (kept, a_again) {
            (Some(Served::Bytes(FileBytes::Whole(k))), Served::Bytes(FileBytes::Whole(n))) => {
                assert!(Arc::ptr_eq(&k, &n))
            }
            other => panic!("unexpected {other:?}"),
        }

        // A removal and a change; removing what is not there changes nothing.
        let b2 = bytes("<p>b2</p>");
        assert_eq!(
            state.apply(update(&[("b.html", &b2)], &["a.html", "x.html"])),
            2
        );
        assert_eq!(state.read(|s| s.files.len()), 1);
    }

    #[test]
    fn a_failed_rebuild_keeps_the_files_and_a_good_one_clears_the_error() {
        let state = State::new(Path::new("/site"), Lang::En);
        state.apply(update(&[("a.html", &bytes("a"))], &[]));
        state.write(|s| s.error = Some("kaputt".into()));
        assert_eq!(
            state.read(|s| (s.files.len(), s.error.clone())),
            (1, Some("kaputt".into()))
        );
        state.apply(update(&[], &[]));
        assert_eq!(state.read(|s| (s.files.len(), s.error.clone())), (1, None));
    }

    #[test]
    fn files_served_early_count_as_changed_and_a_failed_rebuild_puts_them_back() {
        let state = State::new(Path::new("/site"), Lang::En);
        let (a, b) = (bytes("<p>a</p>"), bytes("<p>b</p>"));
        state.apply(update(&[("a.html", &a), ("b.html", &b)], &[]));

        // Served early, then the rebuild ends well: both changes are counted once.
        let a2 = bytes("<p>a2</p>");
        state.serve_early(vec![
            ("a.html".into(), a2.clone()),
            ("b.html".into(), b.clone()),
        ]);
        assert_eq!(
            state.read(|s| s.files.get("a.html").cloned()),
            Some(a2.clone())
        );
        let b2 = bytes("<p>b2</p>");
        assert_eq!(
            state.apply(update(&[("a.html", &a2), ("b.html", &b2)], &[])),
            2
        );

        // Served early, then the rebuild fails: the last good files are back, also
        // where the early file was new.
        let (a3, c) = (bytes("<p>a3</p>"), bytes("<p>c</p>"));
        state.serve_early(vec![("a.html".into(), a3), ("c.html".into(), c)]);
        state.roll_back_early();
        let files = state.read(|s| s.files.clone());
        assert_eq!(files.get("a.html"), Some(&a2));
        assert_eq!(files.get("b.html"), Some(&b2));
        assert_eq!(files.get("c.html"), None);
        // Nothing is left to put back.
        assert_eq!(state.apply(update(&[], &[])), 0);
        assert!(state.read(|s| s.early.is_empty()));
    }
}
