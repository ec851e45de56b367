//! The bundled site (the repository root: `site.yaml`, `content/`, `themes/`) in a
//! real browser: every built HTML page in headless Chromium (Debian's
//! `/usr/bin/chromium`, driven by `tests/browser/run.mjs` through playwright-core).
//!
//! Asserts: no axe-core violation (WCAG 2.0/2.1 A and AA, at 1280 and 390 px) on
//! any page; no request leaves 127.0.0.1; no local request fails; the print
//! version of the home page and of a team member page (navigation hidden, link
//! URLs printed, fits A4, a real PDF with an `https://` URL and without the
//! menu); and the screenshots under `target/screenshots/`.
//!
//! Needs Chromium, Node.js, `tests/browser/node_modules` (`npm ci` there) and
//! poppler-utils; `.ci/run` installs them. Without them the test says so on
//! stderr and passes, unless `LERNORT_REQUIRE_BROWSER=1`, which makes it fail.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The whole browser run (node, Chromium, all pages) must end within this.
const RUN_TIMEOUT: Duration = Duration::from_secs(300);

/// Screenshots the run must leave in `target/screenshots/`, with their widths.
const SCREENSHOTS: [(&str, Option<u32>); 5] = [
    ("home-390.png", Some(390)),
    ("home-1280.png", Some(1280)),
    ("projekt-390.png", Some(390)),
    ("projekt-1280.png", Some(1280)),
    ("home-print-page1.png", None),
];

/// A line on the real stderr, also when the test harness captures output (so a
/// skip or the summary shows in a plain `cargo test`).
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn require_browser() -> bool {
    std::env::var("LERNORT_REQUIRE_BROWSER").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Whether `program --version`-like invocation runs.
fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// The first missing prerequisite, as a message for the skip or the failure.
fn missing_prerequisite(chromium: &Path) -> Option<String> {
    if !chromium.is_file() {
        return Some(format!(
            "{} not found (install Debian's chromium, or run .ci/run; LERNORT_CHROMIUM picks another)",
            chromium.display()
        ));
    }
    if !runs("node", "--version") {
        return Some("node not found (install Node.js, or run .ci/run)".into());
    }
    let modules = repo().join("tests/browser/node_modules");
    for package in ["playwright-core", "axe-core"] {
        if !modules.join(package).join("package.json").is_file() {
            return Some(format!(
                "{} not installed (run `npm ci` in tests/browser, or .ci/run)",
                modules.join(package).display()
            ));
        }
    }
    for tool in ["pdftotext", "pdftoppm"] {
        if !runs(tool, "-v") {
            return Some(format!(
                "{tool} not found (install Debian's poppler-utils, or run .ci/run)"
            ));
        }
    }
    None
}

/// `base_url` of the bundled site: requests to it are answered from the local copy.
fn site_url() -> String {
    let yaml = std::fs::read_to_string(repo().join("site.yaml")).expect("site.yaml readable");
    let config: serde_yaml::Value = serde_yaml::from_str(&yaml).expect("site.yaml is YAML");
    config["base_url"]
        .as_str()
        .expect("site.yaml has base_url")
        .to_string()
}

/// Builds the bundled site with the real binary into `out`.
fn build_site(out: &Path) {
    let run = assert_cmd::Command::cargo_bin("lernort")
        .expect("binary built")
        .env("LERNORT_MESSAGES", "en")
        .arg("--root")
        .arg(repo())
        .arg("build")
        .arg("-o")
        .arg(out)
        .output()
        .expect("lernort runs");
    assert!(
        run.status.success(),
        "building the bundled site failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Runs `node tests/browser/run.mjs`, killing it after [`RUN_TIMEOUT`].
fn run_browser(public: &Path, shots: &Path, chromium: &Path) -> (Option<i32>, String, String) {
    let mut child = Command::new("node")
        .arg(repo().join("tests/browser/run.mjs"))
        .arg(public)
        .arg(shots)
        .arg("--site-url")
        .arg(site_url())
        .env("LERNORT_CHROMIUM", chromium)
        .env(
            "LERNORT_BROWSER_TIMEOUT_MS",
            (RUN_TIMEOUT.as_millis() - 10_000).to_string(),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node starts");
    let reader = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = reader(Box::new(child.stdout.take().expect("stdout piped")));
    let stderr = reader(Box::new(child.stderr.take().expect("stderr piped")));
    let started = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            break status.code();
        }
        if started.elapsed() > RUN_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "the browser run did not end within {} s (killed)",
                RUN_TIMEOUT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    (
        code,
        stdout.join().expect("stdout reader"),
        stderr.join().expect("stderr reader"),
    )
}

fn items(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

fn strs(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or("?")
}

/// Width and height of a PNG file, or why it is not one.
fn png_size(path: &Path) -> Result<(u32, u32), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return Err(format!(
            "{} is not a PNG ({} bytes)",
            path.display(),
            bytes.len()
        ));
    }
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    Ok((be(16), be(20)))
}

/// All findings of one run, as lines for the failure message.
fn findings(result: &Value, shots: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    let pages = items(&result["pages"]);
    if pages.is_empty() {
        failures.push("no page was checked".into());
    }
    for page in pages {
        let path = text(page, "path");
        let url = text(page, "url");
        if page["status"].as_u64() != Some(200) {
            failures.push(format!("{path}: HTTP status {} ({url})", page["status"]));
        }
        if let Some(error) = page["error"].as_str() {
            failures.push(format!("{path}: could not be checked: {error}"));
        }
        for v in items(&page["violations"]) {
            let widths: Vec<String> = v["viewports"]
                .as_array()
                .map(|a| a.iter().map(|w| format!("{w} px")).collect())
                .unwrap_or_default();
            let mut line = format!(
                "{url}: axe `{}` ({}) at {}: {}",
                text(v, "id"),
                text(v, "impact"),
                widths.join(", "),
                text(v, "help"),
            );
            for node in items(&v["nodes"]) {
                let summary = text(node, "summary").replace('\n', " ").replace("  ", " ");
                line.push_str(&format!("\n      at `{}`: {summary}", text(node, "target")));
            }
            line.push_str(&format!("\n      see {}", text(v, "helpUrl")));
            failures.push(line);
        }
        for offsite in strs(&page["offsite"]) {
            failures.push(format!("{url}: request leaves 127.0.0.1: {offsite}"));
        }
        for broken in strs(&page["broken"]) {
            failures.push(format!("{url}: local request failed: {broken}"));
        }
    }
    // The print pages load the same files again: report only what is new there.
    let seen: Vec<&str> = pages
        .iter()
        .flat_map(|p| strs(&p["offsite"]).into_iter().chain(strs(&p["broken"])))
        .collect();
    for offsite in strs(&result["printOffsite"]) {
        if !seen.contains(&offsite) {
            failures.push(format!("print: request leaves 127.0.0.1: {offsite}"));
        }
    }
    for broken in strs(&result["printBroken"]) {
        if !seen.contains(&broken) {
            failures.push(format!("print: local request failed: {broken}"));
        }
    }
    let prints = items(&result["print"]);
    for name in ["home", "team"] {
        if !prints.iter().any(|p| p["name"] == name) {
            failures.push(format!("print: the {name} page was not checked"));
        }
    }
    for print in prints {
        for check in items(&print["checks"]) {
            if check["ok"] != Value::Bool(true) {
                failures.push(format!(
                    "print of {} ({}): {}: {}",
                    text(print, "name"),
                    print["path"].as_str().unwrap_or("no page"),
                    text(check, "id"),
                    text(check, "detail"),
                ));
            }
        }
    }
    for shot in items(&result["screenshots"]) {
        if let Some(error) = shot["error"].as_str() {
            failures.push(format!("screenshot {}: {error}", text(shot, "name")));
        }
    }
    for (file, width) in SCREENSHOTS {
        match png_size(&shots.join(file)) {
            Err(e) => failures.push(format!("screenshot {file}: {e}")),
            Ok((w, h)) if w == 0 || h == 0 => {
                failures.push(format!("screenshot {file}: empty image {w}×{h}"))
            }
            Ok((w, _)) => {
                if let Some(expected) = width.filter(|&e| e != w) {
                    failures.push(format!(
                        "screenshot {file}: {w} px wide instead of {expected} px: the page scrolls sideways at {expected} px"
                    ));
                }
            }
        }
    }
    failures
}

#[test]
fn bundled_site_in_chromium() {
    let chromium = std::env::var_os("LERNORT_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if let Some(missing) = missing_prerequisite(&chromium) {
        let message = format!("SKIPPED browser tests: {missing}");
        if require_browser() {
            panic!("{message} (LERNORT_REQUIRE_BROWSER is set)");
        }
        say(&message);
        return;
    }

    let tmp = tempfile::tempdir().expect("temp dir");
    let public = tmp.path().join("public");
    build_site(&public);

    let shots = repo().join("target/screenshots");
    std::fs::create_dir_all(&shots).expect("create target/screenshots");
    for (file, _) in SCREENSHOTS {
        let _ = std::fs::remove_file(shots.join(file)); // no stale image may pass
    }

    let started = Instant::now();
    let (code, stdout, stderr) = run_browser(&public, &shots, &chromium);
    assert_eq!(
        code,
        Some(0),
        "tests/browser/run.mjs could not run the checks (exit {code:?}):\n{stderr}"
    );
    let result: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!("tests/browser/run.mjs printed no JSON ({e}):\n{stdout}\n{stderr}")
    });

    let pages = result["pages"].as_array().map_or(0, Vec::len);
    say(&format!(
        "browser: {pages} pages in Chromium {} with axe-core {} in {:.1} s; screenshots in {}",
        text(&result, "chromium"),
        text(&result, "axe"),
        started.elapsed().as_secs_f64(),
        shots.display()
    ));
    for page in items(&result["pages"]) {
        for error in strs(&page["errors"]) {
            eprintln!("browser: note: {}: {error}", text(page, "path"));
        }
        for own in strs(&page["ownHost"]) {
            eprintln!(
                "browser: note: {}: request to the site's own address {own} (answered locally)",
                text(page, "path")
            );
        }
    }

    let failures = findings(&result, &shots);
    assert!(
        failures.is_empty(),
        "{} finding(s) in the browser:\n  - {}",
        failures.len(),
        failures.join("\n  - ")
    );
}
