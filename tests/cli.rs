//! The command line itself: help texts, `lernort init`, exit codes of wrong
//! invocations, and the `LERNORT_PROFILE` switch.

mod common;

use std::path::Path;

use common::Site;

/// What a run of the binary without `--root` produced: exit code, stdout, stderr.
fn lernort(args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("lernort")
        .expect("binary built")
        .env("LERNORT_MESSAGES", "en")
        .args(args)
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The subcommand names listed under `Commands:` in a help text.
fn commands(help: &str) -> Vec<&str> {
    help.split_once("Commands:")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("no command list in:\n{help}"))
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .collect()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

#[test]
fn help_lists_build_check_init_new_serve_and_nothing_unbuilt() {
    let (code, stdout, _) = lernort(&["--help"]);
    assert_eq!(code, 0);
    assert_eq!(
        commands(&stdout),
        ["build", "check", "init", "new", "serve", "help"],
        "only working subcommands (clap adds `help`)"
    );
    insta::assert_snapshot!("help", stdout);
}

#[test]
fn build_help_shows_its_options() {
    let (code, stdout, _) = lernort(&["build", "--help"]);
    assert_eq!(code, 0);
    for flag in ["--output-dir", "--base-url", "--drafts"] {
        assert!(stdout.contains(flag), "missing {flag}:\n{stdout}");
    }
}

#[test]
fn init_creates_a_site_that_builds() {
    let tmp = Site::empty();
    for dir in [tmp.path().join("neu/website"), tmp.path().join("leer")] {
        if dir.ends_with("leer") {
            std::fs::create_dir(&dir).expect("create empty folder");
        }
        let (code, _, stderr) = lernort(&["init", path_str(&dir)]);
        assert_eq!(code, 0, "init {}: {stderr}", dir.display());

        let (code, _, stderr) = lernort(&["--root", path_str(&dir), "build"]);
        assert_eq!(code, 0, "the new site builds:\n{stderr}");

        // Every Markdown file of the new site became a page in public/.
        let content = dir.join("content");
        let mut sections = 0;
        let mut pages = 0;
        for entry in walkdir::WalkDir::new(&content) {
            let entry = entry.expect("readable");
            let rel = entry
                .path()
                .strip_prefix(&content)
                .expect("inside")
                .to_str()
                .expect("UTF-8")
                .replace('\\', "/");
            let Some(stem) = rel.strip_suffix(".md") else {
                continue;
            };
            let output = if let Some(folder) = stem.strip_suffix("_index") {
                sections += 1;
                format!("{folder}index.html")
            } else {
                pages += 1;
                format!("{stem}/index.html")
            };
            assert!(
                dir.join("public").join(&output).is_file(),
                "{rel} was not built to public/{output}"
            );
        }
        assert!(dir.join("public/index.html").is_file(), "a home page");
        assert!(sections >= 2, "a home page and a section");
        assert!(pages >= 1, "a page");
    }
}

#[test]
fn init_into_a_non_empty_folder_fails_and_writes_nothing() {
    let site = Site::empty();
    site.write("notizen.txt", "Meine Notizen\n");
    let before = site.tree(".");

    let (code, stdout, stderr) = lernort(&["init", path_str(site.path())]);
    assert_eq!(code, 2, "stdout: {stdout}\nstderr: {stderr}");
    assert!(stderr.contains("not empty"), "a clear message: {stderr}");
    assert!(
        stderr.contains(path_str(site.path())),
        "names the folder: {stderr}"
    );
    assert_eq!(site.tree("."), before, "nothing was written");
    assert!(
        std::fs::read_dir(site.path()).expect("readable").count() == 1,
        "no folders were created"
    );
}

#[test]
fn unknown_subcommands_and_flags_exit_with_2() {
    for args in [
        &["serve", "--port", "kein-port"][..],
        &["check", "--format", "xml"],
        &["frobnicate"],
        &["--frobnicate", "build"],
        &["build", "--fast"],
        &[],
    ] {
        let (code, _, stderr) = lernort(args);
        assert_eq!(code, 2, "lernort {args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "lernort {args:?}: {stderr}");
    }
}

/// `LERNORT_PROFILE=1` times every pipeline stage on stderr, for developers; without it
/// a build prints no timings.
#[test]
fn lernort_profile_prints_stage_timings_only_when_asked() {
    let site = Site::fixture("basic");
    let run = |profile: Option<&str>| {
        let mut cmd = assert_cmd::Command::cargo_bin("lernort").expect("binary built");
        // English unless a test asks for German: most tests read the words.
        cmd.env("LERNORT_MESSAGES", "en");
        cmd.args(["--root", path_str(site.path()), "build"]);
        match profile {
            Some(v) => cmd.env("LERNORT_PROFILE", v),
            None => cmd.env_remove("LERNORT_PROFILE"),
        };
        let out = cmd.output().expect("binary runs");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let timed = run(Some("1"));
    for stage in ["templates", "content", "model", "render"] {
        let line = timed
            .lines()
            .find(|l| l.starts_with(&format!("[profile] {stage} ")))
            .unwrap_or_else(|| panic!("no `{stage}` timing in:\n{timed}"));
        // The time, then (on Linux) the resident memory at the stage's end.
        let (time, rss) = line.split_once(" ms").unwrap_or_else(|| panic!("{line}"));
        assert!(
            time.trim_end().ends_with(|c: char| c.is_ascii_digit()),
            "{line}"
        );
        if cfg!(target_os = "linux") {
            assert!(rss.starts_with("  rss ") && rss.ends_with(" MiB"), "{line}");
        }
    }
    for quiet in [run(None), run(Some("0"))] {
        assert!(!quiet.contains("[profile]"), "{quiet}");
    }
}
