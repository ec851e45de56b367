//! `scripts/site-ci.sh`, which the GitHub and GitLab workflows call: it checks strictly,
//! then builds, on the bundled site and on a site made by `lernort init`.

mod common;

use std::path::Path;
use std::process::Command;

use common::Site;

const BIN: &str = env!("CARGO_BIN_EXE_lernort");

/// Runs `script` (a path) with `args` in `env`; returns (exit code, stdout, stderr).
fn run_script(script: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new("bash");
    cmd.arg(script)
        .args(args)
        .env("LERNORT", BIN)
        .env("LERNORT_MESSAGES", "en");
    cmd.env_remove("CI_FORMAT").env_remove("OUTPUT_DIR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("bash runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_script_checks_and_builds_the_bundled_site() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    let public = public.to_str().expect("UTF-8");
    let (code, stdout, stderr) = run_script(
        &root.join("scripts/site-ci.sh"),
        &[],
        &[("OUTPUT_DIR", public), ("CI_FORMAT", "github")],
    );
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(!stdout.contains("::error"), "{stdout}");
    assert!(Path::new(public).join("index.html").is_file());
    assert!(Path::new(public).join("impressum/index.html").is_file());
}

/// A new site gets the script and both workflows, and passes them as it is.
#[test]
fn a_new_site_gets_ci_that_passes() {
    let site = Site::empty();
    let run = site.run(&["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in [".github/workflows/site.yml", ".gitlab-ci.yml"] {
        let text = std::fs::read_to_string(site.path().join(file)).expect("written");
        let yaml: lernort::yaml::Value =
            lernort::yaml::parse(&text, 1, &lernort::text!("yaml-what-site-yaml"))
                .expect("valid YAML");
        assert!(yaml.is_mapping(), "{file}");
        assert!(
            text.contains("scripts/site-ci.sh"),
            "{file} calls the script"
        );
    }
    let script = site.path().join("scripts/site-ci.sh");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&script)
            .expect("written")
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111, "the script is executable");
    }
    let (code, stdout, stderr) = run_script(&script, &[], &[("CI_FORMAT", "gitlab")]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(site.path().join("public/index.html").is_file());
    let report = std::fs::read_to_string(site.path().join("gl-code-quality-report.json"))
        .expect("the code-quality report");
    assert_eq!(report.trim(), "[]");
}

/// A problem stops the script before the build, and GitHub gets an annotation at the
/// template line.
#[test]
fn a_problem_fails_the_script_and_is_annotated() {
    let site = Site::empty();
    assert_eq!(site.run(&["init"]).code, 0);
    let page = site.path().join("themes/einfach/templates/page.html");
    let text = std::fs::read_to_string(&page).expect("theme page");
    let broken = text.replacen(
        "{% block content %}",
        "{% block content %}<a href=\"/gibt-es-nicht/\">Verloren</a>",
        1,
    );
    assert_ne!(
        broken, text,
        "the theme's page template has a content block"
    );
    std::fs::write(&page, broken).expect("write");
    let script = site.path().join("scripts/site-ci.sh");
    let (code, stdout, stderr) = run_script(&script, &[], &[("CI_FORMAT", "github")]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert!(
        stdout.starts_with("::error file=themes/einfach/templates/page.html,line="),
        "{stdout}"
    );
    assert!(
        stderr.contains("error: the link `/gibt-es-nicht/`"),
        "{stderr}"
    );
    assert!(
        !site.path().join("public").exists(),
        "nothing was published"
    );
}

/// A failed build of lernort itself stops the script: it never goes on with an old
/// binary (inside `$(…)` bash ignores `set -e`).
#[test]
fn a_failed_lernort_build_stops_the_script() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("scripts")).expect("mkdir");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/site-ci.sh");
    std::fs::copy(&script, root.join("scripts/site-ci.sh")).expect("copy");
    std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"lernort\"\n").expect("write");
    // An old binary that would pass, and a `cargo` that fails.
    std::fs::create_dir_all(root.join("target/release")).expect("mkdir");
    std::fs::create_dir_all(root.join("bin")).expect("mkdir");
    for (name, body) in [
        ("target/release/lernort", "exit 0"),
        ("bin/cargo", "exit 101"),
    ] {
        let path = root.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
    }
    let path = format!("{}:/usr/bin:/bin", root.join("bin").display());
    let out = Command::new("bash")
        .arg(root.join("scripts/site-ci.sh"))
        .env_remove("LERNORT")
        .env("PATH", path)
        .output()
        .expect("bash runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
