//! The output folder under stress: interrupted builds (signals, kills, crashes at each
//! step of the swap), two builds at once, and output paths that are symbolic links or
//! files. Each case checks the exit code, the exact message, and that the output is
//! exactly the previous tree or exactly the new one, with no hidden `.lernort-` entries
//! left once the next build has run.
//!
//! Crashes are provoked with the test-only fault hook `LERNORT_FAULT` (see
//! `src/output/fault.rs`): `abort-<step>` aborts at a step of the swap, `pause-<step>`
//! sleeps there so that the test can signal the build, `no-exchange` forces the
//! two-rename swap of systems without `renameat2(RENAME_EXCHANGE)`.
//!
//! Unix only: the cases send signals with `kill`, read how a process died
//! (`ExitStatusExt::signal`) and make symbolic links, none of which Windows has in this
//! form; Windows builds have no signal cleanup to test (see `src/output/signals.rs`).
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::{Site, temp_leftovers};

type Tree = BTreeMap<String, Vec<u8>>;

/// What a run of the binary produced, with the site folder shown as `[SITE]`.
struct Outcome {
    code: Option<i32>,
    signal: Option<i32>,
    stderr: String,
}

fn lernort(site: &Site, args: &[&str], fault: Option<&str>) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lernort"));
    cmd.arg("--root").arg(site.path()).args(args);
    cmd.current_dir(site.path());
    match fault {
        Some(f) => cmd.env("LERNORT_FAULT", f),
        None => cmd.env_remove("LERNORT_FAULT"),
    };
    cmd
}

fn redact(site: &Site, text: &str) -> String {
    let plain = site.path().display().to_string();
    let real = site
        .path()
        .canonicalize()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    text.replace(&real, "[SITE]").replace(&plain, "[SITE]")
}

/// Runs `lernort build <args>` with the fault hook set to `fault`.
fn build(site: &Site, args: &[&str], fault: Option<&str>) -> Outcome {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let out = lernort(site, &all, fault).output().expect("binary runs");
    let stderr = redact(site, &String::from_utf8_lossy(&out.stderr));
    assert!(!stderr.contains("panicked"), "lernort panicked:\n{stderr}");
    Outcome {
        code: out.status.code(),
        signal: out.status.signal(),
        stderr,
    }
}

/// Runs `lernort build <args>` (no fault) in German, then in English; the exit code
/// (the same both times) and both stderr texts, as `Site::run_both` returns them.
fn build_both(site: &Site, args: &[&str]) -> Outcome {
    let de = build(site, &[&["--messages", "de"], args].concat(), None);
    let en = build(site, &[&["--messages", "en"], args].concat(), None);
    assert_eq!(
        (de.code, de.signal),
        (en.code, en.signal),
        "German:\n{}\nEnglish:\n{}",
        de.stderr,
        en.stderr
    );
    Outcome {
        stderr: format!("{}[en]\n{}", de.stderr, en.stderr),
        ..en
    }
}

/// A build paused before its swap (holding the lock, its site fully staged); killed
/// on drop if the test did not end it.
struct Paused {
    child: Child,
    // Kept open: a build whose stderr is closed would fail writing to it.
    _stderr: std::io::Lines<BufReader<std::process::ChildStderr>>,
}

impl Paused {
    fn start(site: &Site, args: &[&str], fault: &str) -> Paused {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let mut child = lernort(site, &all, Some(fault))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("binary starts");
        let stderr = child.stderr.take().expect("piped");
        let mut lines = BufReader::new(stderr).lines();
        loop {
            match lines.next() {
                Some(Ok(line)) if line.contains("fault hook: paused at") => break,
                Some(Ok(_)) => {}
                _ => panic!("the build ended before its pause"),
            }
        }
        Paused {
            child,
            _stderr: lines,
        }
    }

    fn signal(&mut self, name: &str) -> Outcome {
        let status = Command::new("kill")
            .args(["-s", name, &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -s {name} failed");
        self.wait()
    }

    fn wait(&mut self) -> Outcome {
        let status = self.child.wait().expect("build ends");
        Outcome {
            code: status.code(),
            signal: status.signal(),
            stderr: String::new(),
        }
    }
}

impl Drop for Paused {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The site-atomic fixture with a previous output in `public/`, and that tree.
fn with_previous() -> (Site, Tree) {
    let site = Site::fixture("site-atomic");
    let before = site.with_previous_output();
    (site, before)
}

/// The tree a successful build of `site` writes, built into a folder elsewhere.
fn new_tree(site: &Site) -> Tree {
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = elsewhere.path().join("ref");
    let run = build(site, &["-o", out.to_str().expect("UTF-8")], None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let tree = tree_of(&out);
    assert!(tree.contains_key("projekte/knotenpunkte/index.html"));
    tree
}

fn tree_of(dir: &Path) -> Tree {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("readable");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("inside");
            files.insert(
                rel.display().to_string(),
                std::fs::read(entry.path()).expect("read"),
            );
        }
    }
    files
}

/// Asserts the next plain build succeeds, writes `expected` and leaves nothing hidden.
#[track_caller]
fn next_build_cleans_up(site: &Site, expected: &Tree) {
    let run = build(site, &[], None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(&site.tree("public"), expected, "the new site is in place");
    assert_eq!(temp_leftovers(site.path()), Vec::<String>::new());
}

#[track_caller]
fn assert_leftovers(site: &Site) {
    assert!(
        !temp_leftovers(site.path()).is_empty(),
        "the interruption left hidden entries (else this test shows nothing)"
    );
}

// ---------------------------------------------------------------------------------
// Interrupted builds

#[test]
fn leftovers_of_earlier_builds_are_removed_by_the_next_build() {
    let (site, _) = with_previous();
    let expected = new_tree(&site);
    site.write(".public.lernort-new-4242/index.html", "half a site");
    site.write(".public.lernort-old-4243/index.html", "an old copy");
    site.write(".public.lernort-lock", "");
    // Another folder's staging is not this build's business.
    site.write(".vorschau.lernort-new-17/index.html", "someone else's");
    next_build_cleans_up_except(&site, &expected, &[".vorschau.lernort-new-17"]);
}

#[track_caller]
fn next_build_cleans_up_except(site: &Site, expected: &Tree, kept: &[&str]) {
    let run = build(site, &[], None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(&site.tree("public"), expected);
    assert_eq!(temp_leftovers(site.path()), kept);
}

#[test]
fn a_killed_build_leaves_a_staging_folder_that_the_next_build_removes() {
    let (site, before) = with_previous();
    let expected = new_tree(&site);
    let mut paused = Paused::start(&site, &[], "pause-before-swap");
    paused.child.kill().expect("SIGKILL");
    let run = paused.wait();
    assert_eq!(run.signal, Some(9));
    assert_eq!(site.tree("public"), before, "the previous output is intact");
    assert_leftovers(&site);
    next_build_cleans_up(&site, &expected);
}

#[test]
fn sigterm_removes_the_staging_folder_and_exits_143() {
    let (site, before) = with_previous();
    let run = Paused::start(&site, &[], "pause-before-swap").signal("TERM");
    assert_eq!(run.code, Some(143));
    assert_eq!(site.tree("public"), before);
    assert_eq!(temp_leftovers(site.path()), Vec::<String>::new());
}

#[test]
fn ctrl_c_removes_the_staging_folder_and_exits_130() {
    let (site, before) = with_previous();
    let run = Paused::start(&site, &[], "pause-before-swap").signal("INT");
    assert_eq!(run.code, Some(130));
    assert_eq!(site.tree("public"), before);
    assert_eq!(temp_leftovers(site.path()), Vec::<String>::new());
}

#[test]
fn a_second_build_into_the_same_folder_is_refused_while_the_first_runs() {
    let (site, before) = with_previous();
    let mut first = Paused::start(&site, &[], "pause-before-swap");
    let second = build_both(&site, &[]);
    assert_eq!(second.code, Some(2), "{}", second.stderr);
    assert_eq!(
        site.tree("public"),
        before,
        "the second build touched nothing"
    );
    insta::assert_snapshot!(second.stderr);
    assert_eq!(first.signal("TERM").code, Some(143));
    assert_eq!(site.tree("public"), before);
    assert_eq!(temp_leftovers(site.path()), Vec::<String>::new());
}

#[test]
fn a_lock_held_by_another_process_is_respected() {
    let (site, before) = with_previous();
    let lock = std::fs::File::create(site.path().join(".public.lernort-lock")).expect("create");
    lock.lock().expect("lock");
    let run = build(&site, &["--messages", "en"], None);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("another lernort build"),
        "{}",
        run.stderr
    );
    assert_eq!(site.tree("public"), before);
    drop(lock);
    let expected = new_tree(&site);
    next_build_cleans_up(&site, &expected);
}

// ---------------------------------------------------------------------------------
// Crash windows of the swap

/// Aborts a build at `fault`; returns whether the output was then the old or new tree.
fn crash(site: &Site, fault: &str) -> Tree {
    let run = build(site, &[], Some(fault));
    assert_eq!(run.signal, Some(6), "aborted at {fault}: {}", run.stderr);
    site.tree("public")
}

#[test]
fn a_crash_before_the_swap_leaves_the_previous_output() {
    let (site, before) = with_previous();
    let expected = new_tree(&site);
    assert_eq!(crash(&site, "abort-before-swap"), before);
    assert_leftovers(&site);
    next_build_cleans_up(&site, &expected);
}

#[test]
fn a_crash_right_after_the_exchange_leaves_the_new_output() {
    let (site, _) = with_previous();
    let expected = new_tree(&site);
    assert_eq!(crash(&site, "abort-after-exchange"), expected);
    assert_leftovers(&site);
    next_build_cleans_up(&site, &expected);
}

#[test]
fn without_exchange_the_two_renames_replace_the_output() {
    let (site, _) = with_previous();
    let expected = new_tree(&site);
    let run = build(&site, &[], Some("no-exchange"));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(site.tree("public"), expected);
    assert_eq!(temp_leftovers(site.path()), Vec::<String>::new());
}

#[test]
fn without_exchange_a_crash_after_both_renames_leaves_the_new_output() {
    let (site, _) = with_previous();
    let expected = new_tree(&site);
    assert_eq!(crash(&site, "no-exchange,abort-after-swap"), expected);
    assert_leftovers(&site);
    next_build_cleans_up(&site, &expected);
}

/// The one window without an atomic exchange: the output is gone, its old copy waits
/// beside it, and the next build puts it back before anything else, even a build that
/// then fails.
#[test]
fn without_exchange_a_crash_between_the_renames_is_repaired_by_the_next_build() {
    let (site, before) = with_previous();
    let expected = new_tree(&site);
    assert_eq!(
        crash(&site, "no-exchange,abort-between-renames"),
        Tree::new()
    );
    assert_leftovers(&site);
    site.write("content/kaputt.md", "---\ntitle: [\n---\n");
    let failed = build(&site, &[], None);
    assert_eq!(failed.code, Some(1), "{}", failed.stderr);
    assert_eq!(site.tree("public"), before, "the old copy is back");
    assert_eq!(temp_leftovers(site.path()), Vec::<String>::new());
    std::fs::remove_file(site.path().join("content/kaputt.md")).expect("remove");
    next_build_cleans_up(&site, &expected);
}

// ---------------------------------------------------------------------------------
// Symbolic links and files

/// The site with `public` a link to `www/`, which holds a previous output.
fn linked() -> (Site, Tree) {
    let site = Site::fixture("site-atomic");
    site.write("www/index.html", "<p>previous build</p>\n");
    site.write("www/alt/index.html", "<p>older page</p>\n");
    std::os::unix::fs::symlink("www", site.path().join("public")).expect("symlink");
    let before = site.tree("www");
    (site, before)
}

#[track_caller]
fn assert_link_kept(site: &Site, to: &str) {
    let public = site.path().join("public");
    let meta = std::fs::symlink_metadata(&public).expect("public exists");
    assert!(meta.file_type().is_symlink(), "public is still a link");
    assert_eq!(
        std::fs::read_link(&public).expect("link"),
        PathBuf::from(to)
    );
}

#[test]
fn a_linked_output_folder_is_replaced_behind_the_link() {
    let (site, _) = linked();
    let expected = new_tree(&site);
    let run = build(&site, &[], None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_link_kept(&site, "www");
    assert_eq!(site.tree("www"), expected);
    assert_eq!(temp_leftovers(site.path()), Vec::<String>::new());
}

#[test]
fn a_link_given_with_o_is_followed_and_kept() {
    let site = Site::fixture("site-atomic");
    site.write("www/index.html", "<p>previous build</p>\n");
    std::os::unix::fs::symlink("www", site.path().join("ausgabe")).expect("symlink");
    let expected = new_tree(&site);
    let run = build(&site, &["-o", "ausgabe"], None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let link = site.path().join("ausgabe");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("exists")
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_link(&link).expect("link"),
        PathBuf::from("www")
    );
    assert_eq!(site.tree("www"), expected);
    assert_eq!(temp_leftovers(site.path()), Vec::<String>::new());
}

#[test]
fn a_crash_after_the_exchange_behind_a_link_keeps_the_link() {
    let (site, _) = linked();
    let expected = new_tree(&site);
    let run = build(&site, &[], Some("abort-after-exchange"));
    assert_eq!(run.signal, Some(6));
    assert_link_kept(&site, "www");
    assert_eq!(site.tree("www"), expected);
    assert_leftovers(&site);
    next_build_cleans_up_behind_link(&site, &expected);
}

#[track_caller]
fn next_build_cleans_up_behind_link(site: &Site, expected: &Tree) {
    let run = build(site, &[], None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_link_kept(site, "www");
    assert_eq!(&site.tree("www"), expected);
    assert_eq!(temp_leftovers(site.path()), Vec::<String>::new());
}

/// Without an exchange, a crash between the renames leaves the link dangling; the next
/// build restores the folder behind it and keeps the link.
#[test]
fn a_crash_between_the_renames_behind_a_link_is_repaired() {
    let (site, before) = linked();
    let expected = new_tree(&site);
    let run = build(&site, &[], Some("no-exchange,abort-between-renames"));
    assert_eq!(run.signal, Some(6));
    assert!(
        !site.path().join("www").exists(),
        "the window this test is about"
    );
    site.write("content/kaputt.md", "---\ntitle: [\n---\n");
    let failed = build(&site, &[], None);
    assert_eq!(failed.code, Some(1), "{}", failed.stderr);
    assert_link_kept(&site, "www");
    assert_eq!(site.tree("www"), before, "the old copy is back");
    std::fs::remove_file(site.path().join("content/kaputt.md")).expect("remove");
    next_build_cleans_up_behind_link(&site, &expected);
}

/// Asserts a refused build: exit 2, the whole site (links included) unchanged.
#[track_caller]
fn assert_refused(site: &Site, args: &[&str]) -> String {
    let before = whole_site(site);
    let run = build_both(site, args);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(whole_site(site), before, "nothing was touched");
    assert_eq!(temp_leftovers(site.path()), Vec::<String>::new());
    run.stderr
}

/// Every file and link of the site, a link as `-> target`.
fn whole_site(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let mut all = BTreeMap::new();
    for entry in walkdir::WalkDir::new(site.path()) {
        let entry = entry.expect("readable");
        let rel = entry.path().strip_prefix(site.path()).expect("inside");
        let rel = rel.display().to_string();
        if entry.file_type().is_symlink() {
            let to = std::fs::read_link(entry.path()).expect("link");
            all.insert(rel, format!("-> {}", to.display()).into_bytes());
        } else if entry.file_type().is_file() {
            all.insert(rel, std::fs::read(entry.path()).expect("read"));
        }
    }
    all
}

#[test]
fn an_output_path_that_is_a_file_is_refused() {
    let (site, _) = with_previous();
    site.write("bericht.html", "<p>keep me</p>\n");
    let stderr = assert_refused(&site, &["-o", "bericht.html"]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_output_link_to_a_file_is_refused() {
    let site = Site::fixture("site-atomic");
    site.write("bericht.html", "<p>keep me</p>\n");
    std::os::unix::fs::symlink("bericht.html", site.path().join("public")).expect("symlink");
    let stderr = assert_refused(&site, &[]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_output_link_to_a_file_given_with_o_is_refused() {
    let site = Site::fixture("site-atomic");
    site.write("bericht.html", "<p>keep me</p>\n");
    std::os::unix::fs::symlink("bericht.html", site.path().join("ziel")).expect("symlink");
    let stderr = assert_refused(&site, &["-o", "ziel"]);
    // The message names the link as given with `-o`, and what it points to.
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_output_link_to_nothing_is_refused() {
    let site = Site::fixture("site-atomic");
    std::os::unix::fs::symlink("fehlt", site.path().join("public")).expect("symlink");
    let stderr = assert_refused(&site, &[]);
    assert!(!site.path().join("fehlt").exists(), "nothing is created");
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_output_link_to_the_content_folder_is_refused() {
    let site = Site::fixture("site-atomic");
    std::os::unix::fs::symlink("content", site.path().join("public")).expect("symlink");
    let stderr = assert_refused(&site, &[]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_output_link_to_a_folder_of_other_files_is_refused() {
    let site = Site::fixture("site-atomic");
    site.write("fotos/urlaub.jpg", "not a picture");
    std::os::unix::fs::symlink("fotos", site.path().join("public")).expect("symlink");
    let stderr = assert_refused(&site, &[]);
    insta::assert_snapshot!(stderr);
}
