//! Preview test sessions: a fixture copy, a running `lernort serve`, and its event stream.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::copy_tree;
use super::http::{Event, Events, Response, WAIT, http};
/// How often a condition is polled.
pub const POLL: Duration = Duration::from_millis(20);
/// The start of the live reload script the server injects into HTML responses.
pub const LIVE: &str = "<script data-lernort-live>";
/// The id of the error overlay.
pub const OVERLAY: &str = "lernort-error-overlay";
/// Lives in a file outside the site; no response may ever contain it.
pub const SECRET: &str = "GEHEIM-4f1c9a-nicht-ausliefern";

/// The binary, speaking English unless a test asks for German.
pub fn lernort() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lernort"));
    cmd.env("LERNORT_MESSAGES", "en");
    cmd
}

pub const KNOTENPUNKTE: &str = "content/projekte/knotenpunkte.md";

// --- Site copies ----------------------------------------------------------------------

/// A temp folder holding a copy of a fixture in `site/` (the fixture plus the test theme in
/// `themes/test`), and next to it whatever must stay outside the site (a secret file, a
/// clean build's output).
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// `tests/fixtures/<name>` in `site/`, with the test theme in `site/themes/test`.
    pub fn new(name: &str) -> Sandbox {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("site");
        copy_tree(&fixtures.join(name), &site);
        copy_tree(&fixtures.join("_theme"), &site.join("themes/test"));
        Sandbox { dir }
    }

    /// The temp folder around the site.
    pub fn outer(&self) -> &Path {
        self.dir.path()
    }

    pub fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.site().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.path(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Writes a file the way careful editors save: into a hidden temporary file next
    /// to it, then renamed over it, so the watcher never sees a half-written file.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        let dir = path.parent().expect("has parent");
        std::fs::create_dir_all(dir).expect("create dir");
        let name = path.file_name().expect("file name").to_string_lossy();
        let tmp = dir.join(format!(".{name}.lernort-test"));
        std::fs::write(&tmp, text).expect("write temp file");
        std::fs::rename(&tmp, &path).expect("rename temp file");
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).expect("remove file");
    }

    pub fn rename(&self, from: &str, to: &str) {
        std::fs::rename(self.path(from), self.path(to)).expect("rename file");
    }

    /// Runs `lernort --root site <args>` to completion (for `build`).
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        lernort()
            .arg("--root")
            .arg(self.site())
            .args(args)
            .output()
            .expect("binary runs")
    }
}

// --- The server process ---------------------------------------------------------------

/// A running `lernort serve`; killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`, without the trailing slash.
    pub url: String,
    /// `127.0.0.1:PORT`.
    addr: String,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `lernort --root SITE serve <args>` and waits for its `Serving` line.
    pub fn start(site: &Path, args: &[&str]) -> Server {
        Server::start_lang(site, args, "en")
    }

    /// [`Server::start`] with `LERNORT_MESSAGES=lang` (`en` or `de`).
    pub fn start_lang(site: &Path, args: &[&str], lang: &str) -> Server {
        Server::start_env(site, args, &[("LERNORT_MESSAGES", lang)])
    }

    /// [`Server::start`] with these environment variables set.
    pub fn start_env(site: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = lernort()
            .envs(env.iter().copied())
            .arg("--root")
            .arg(site)
            .arg("serve")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("lernort starts");
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        {
            let out = child.stdout.take().expect("stdout piped");
            let lines = Arc::clone(&stdout);
            std::thread::spawn(move || {
                for line in BufReader::new(out).lines() {
                    let Ok(line) = line else { break };
                    lines.lock().expect("lock").push(line.clone());
                    let _ = tx.send(line);
                }
            });
        }
        {
            let mut err = child.stderr.take().expect("stderr piped");
            let text = Arc::clone(&stderr);
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = err.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    text.lock()
                        .expect("lock")
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        let mut server = Server {
            child,
            url: String::new(),
            addr: String::new(),
            stdout,
            stderr,
        };
        let deadline = Instant::now() + WAIT;
        let serving = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                // The line in English and in German.
                Ok(line) if line.starts_with("Serving ") || line.starts_with("Vorschau ") => {
                    break line;
                }
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no `Serving` line within {WAIT:?}\n{}", server.log())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = server.child.wait().ok();
                    // Give the stderr reader a moment to collect the last message.
                    let until = Instant::now() + Duration::from_secs(2);
                    while server.stderr().is_empty() && Instant::now() < until {
                        std::thread::sleep(POLL);
                    }
                    panic!(
                        "lernort serve exited ({status:?}) before serving\n{}",
                        server.log()
                    )
                }
            }
        };
        let start = serving
            .find("http://")
            .unwrap_or_else(|| panic!("no URL in {serving:?}"));
        let end = serving[start..]
            .find("/ ")
            .map(|i| start + i)
            .unwrap_or_else(|| panic!("URL in {serving:?} does not end in `/ `"));
        server.url = serving[start..end].to_string();
        server.addr = server.url.trim_start_matches("http://").to_string();
        server
    }

    pub fn stdout(&self) -> Vec<String> {
        self.stdout.lock().expect("lock").clone()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().expect("lock").clone()
    }

    /// The server's output so far, for failure messages.
    pub fn log(&self) -> String {
        format!(
            "--- lernort stdout:\n{}\n--- lernort stderr:\n{}",
            self.stdout().join("\n"),
            self.stderr()
        )
    }

    /// Polls `ok` until it holds; fails after [`WAIT`] naming `what`.
    pub fn wait_for(&self, what: &str, mut ok: impl FnMut() -> bool) {
        let deadline = Instant::now() + WAIT;
        while !ok() {
            assert!(
                Instant::now() < deadline,
                "waited {WAIT:?} for {what}\n{}",
                self.log()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Fails unless the process is still running.
    pub fn assert_running(&mut self) {
        let status = self.child.try_wait().expect("try_wait");
        assert!(
            status.is_none(),
            "lernort serve stopped ({status:?})\n{}",
            self.log()
        );
    }

    pub fn request(&self, method: &str, target: &str) -> Response {
        http(&self.addr, method, target)
            .unwrap_or_else(|e| panic!("{method} {target}: {e}\n{}", self.log()))
    }

    pub fn get(&self, target: &str) -> Response {
        self.request("GET", target)
    }

    /// A page that must exist: its body as text.
    pub fn page(&self, target: &str) -> String {
        let r = self.get(target);
        assert_eq!(r.status, 200, "GET {target}:\n{}", r.text());
        r.text()
    }

    /// Opens the event stream and waits for its first message (`retry: 500`).
    pub fn events(&self) -> Events {
        Events::open(&self.addr).unwrap_or_else(|e| panic!("event stream: {e}\n{}", self.log()))
    }

    /// [`Server::events`] as the live-reload script of the page at `path` opens it.
    pub fn events_for(&self, path: &str) -> Events {
        Events::open_for(&self.addr, path)
            .unwrap_or_else(|e| panic!("event stream for {path}: {e}\n{}", self.log()))
    }
}

// --- A preview session ------------------------------------------------------------------

/// A fixture copy, its server and an open event stream, with the watcher known to be
/// running. Fields drop in order: stream, server (killed), folder.
pub struct Preview {
    pub events: Events,
    pub server: Server,
    pub sandbox: Sandbox,
    /// The server's environment, given to the clean builds too (a pinned clock).
    env: Vec<(String, String)>,
}

impl Preview {
    pub fn start(fixture: &str) -> Preview {
        Preview::start_in(Sandbox::new(fixture))
    }

    pub fn start_in(sandbox: Sandbox) -> Preview {
        Preview::start_in_env(sandbox, &[])
    }

    /// [`Preview::start_in`] with these environment variables set for the server.
    pub fn start_in_env(sandbox: Sandbox, env: &[(&str, &str)]) -> Preview {
        let server = Server::start_env(&sandbox.site(), &["--port", "0"], env);
        let events = server.events();
        let env = env.iter().map(|(k, v)| (k.to_string(), v.to_string()));
        let preview = Preview {
            events,
            server,
            sandbox,
            env: env.collect(),
        };
        preview.wait_until_watching();
        preview
    }

    /// The watcher starts after the `Serving` line. Rewrites `site.yaml` unchanged until
    /// a rebuild reports (with `{"changed":0}`, which `change` skips).
    fn wait_until_watching(&self) {
        let config = self.sandbox.read("site.yaml");
        let deadline = Instant::now() + WAIT;
        let mut patience = Duration::from_millis(500);
        loop {
            self.sandbox.write("site.yaml", &config);
            match self.events.rx.recv_timeout(patience) {
                Ok(event) => {
                    assert_eq!(
                        event.changed(),
                        Some(0),
                        "rewriting site.yaml unchanged must change no file: {event:?}\n{}",
                        self.server.log()
                    );
                    return;
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the event stream closed\n{}", self.server.log())
                }
            }
            assert!(
                Instant::now() < deadline,
                "the watcher did not report a change to site.yaml within {WAIT:?}\n{}",
                self.server.log()
            );
            patience = (patience * 2).min(Duration::from_secs(3));
        }
    }

    /// The next event that reports a change, failing with the server's output.
    pub fn change(&self, what: &str) -> Event {
        let rx = &self.events.rx;
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(event) if event.changed() != Some(0) && event.retry.is_none() => return event,
                Ok(_) => {}
                Err(e) => panic!(
                    "no change event ({e:?}) within {WAIT:?} after {what}\n{}",
                    self.server.log()
                ),
            }
        }
    }

    /// Waits for the next change event, which must be a successful `reload`.
    pub fn reload(&self, what: &str) -> Event {
        let event = self.change(what);
        assert_eq!(
            event.name,
            "reload",
            "after {what}: {event:?}\n{}",
            self.server.log()
        );
        assert!(
            !event.is_error() && event.changed().is_some_and(|n| n > 0),
            "after {what}, a reload with `changed` > 0: {event:?}\n{}",
            self.server.log()
        );
        event
    }

    /// Polls `target` until its body satisfies `ok`.
    pub fn wait_for_page(&self, what: &str, target: &str, mut ok: impl FnMut(&Response) -> bool) {
        self.server.wait_for(&format!("{what} (GET {target})"), || {
            ok(&self.server.get(target))
        });
    }

    pub fn get(&self, target: &str) -> Response {
        self.server.get(target)
    }

    pub fn page(&self, target: &str) -> String {
        self.server.page(target)
    }

    /// Builds the current sources cleanly into `clean/` next to the site, with the
    /// preview's base URL: its files, or its error report.
    pub fn clean_build(&self) -> Result<Vec<(String, Vec<u8>)>, String> {
        let clean = self.sandbox.outer().join("clean");
        let out = lernort()
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .arg("--root")
            .arg(self.sandbox.site())
            .args(["build", "--output-dir"])
            .arg(&clean)
            .args(["--base-url", &self.server.url])
            .output()
            .expect("binary runs");
        if out.status.success() {
            Ok(tree(&clean))
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }

    /// How the preview differs from `files` (a clean build): every file must be served
    /// byte for byte (HTML without the live script), with no error overlay.
    pub fn differences(&self, files: &[(String, Vec<u8>)]) -> Vec<String> {
        let mut differences = Vec::new();
        for (rel, expected) in files {
            let target = format!("/{}", encode_path(rel));
            let r = self.get(&target);
            if r.status != 200 {
                differences.push(format!("{target}: status {}", r.status));
                continue;
            }
            let got = if rel.ends_with(".html") {
                let html = r.text();
                if html.contains(OVERLAY) {
                    differences.push(format!("{target}: error overlay"));
                }
                strip_live(&html, &target).into_bytes()
            } else {
                r.body
            };
            if &got != expected {
                let got = String::from_utf8_lossy(&got);
                let expected = String::from_utf8_lossy(expected);
                let line = got
                    .lines()
                    .zip(expected.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(got.lines().count().min(expected.lines().count()));
                differences.push(format!(
                    "{target}: differs at line {}:\n  served: {:?}\n  built:  {:?}",
                    line + 1,
                    got.lines().nth(line).unwrap_or("<end>"),
                    expected.lines().nth(line).unwrap_or("<end>")
                ));
            }
        }
        differences
    }

    /// Builds the current sources cleanly (with the preview's base URL) and fails unless
    /// the preview serves every file of that build byte for byte (HTML without the live
    /// script) and without an error overlay. Returns the clean build's files.
    pub fn assert_matches_clean_build(&self, when: &str) -> Vec<(String, Vec<u8>)> {
        let files = self
            .clean_build()
            .unwrap_or_else(|stderr| panic!("{when}: clean build failed:\n{stderr}"));
        let differences = self.differences(&files);
        assert!(
            differences.is_empty(),
            "{when}: the preview differs from a clean build:\n{}\n{}",
            differences.join("\n"),
            self.server.log()
        );
        files
    }

    /// Fails unless `target` is gone from the preview (404).
    pub fn assert_gone(&self, when: &str, target: &str) {
        self.wait_for_page(&format!("{when}: {target} gone"), target, |r| {
            r.status == 404
        });
    }
}

/// The HTML without the injected live script; fails unless it was there exactly once.
pub fn strip_live(html: &str, target: &str) -> String {
    let start = html
        .find(LIVE)
        .unwrap_or_else(|| panic!("{target}: no live reload script in\n{html}"));
    let end = html[start..]
        .find("</script>")
        .map(|i| start + i + "</script>".len())
        .unwrap_or_else(|| panic!("{target}: live script not closed"));
    let stripped = format!("{}{}", &html[..start], &html[end..]);
    assert!(
        !stripped.contains("data-lernort-live"),
        "{target}: the live script is injected more than once"
    );
    stripped
}

/// Percent-encodes a path for a request target (keeps `/` and unreserved characters).
pub fn encode_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Every file under `dir`, relative and `/`-separated, with its bytes.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("readable");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("inside");
            let rel = rel.to_str().expect("UTF-8 name").replace('\\', "/");
            files.push((rel, std::fs::read(entry.path()).expect("read")));
        }
    }
    files
}

impl Server {
    /// The process id of `lernort serve`, to look at its threads in `/proc`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}
