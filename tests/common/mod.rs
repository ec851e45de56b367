//! Test harness: copy a fixture site into a temp folder, run the real `lernort`
//! binary on it, and read what it wrote.

#![allow(dead_code)] // Each test binary uses a different part of the harness.

pub mod http;
pub mod preview;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A copy of a fixture site in a temporary folder.
pub struct Site {
    dir: tempfile::TempDir,
}

/// What a run of the binary produced.
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error, with the temp folder replaced by `[SITE]`.
    pub stderr: String,
}

impl Run {
    /// A German and an English run of one command as one: the same exit code, and
    /// `<de>[en]\n<en>` for each stream, so that one snapshot holds both languages.
    pub fn both(de: Run, en: Run) -> Run {
        assert_eq!(
            de.code, en.code,
            "German:\n{}\nEnglish:\n{}",
            de.stderr, en.stderr
        );
        Run {
            code: en.code,
            stdout: format!("{}[en]\n{}", de.stdout, en.stdout),
            stderr: format!("{}[en]\n{}", de.stderr, en.stderr),
        }
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies the folder `from` into `to`, creating folders as needed.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("fixture readable");
        let rel = entry.path().strip_prefix(from).expect("inside fixture");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create dir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

impl Site {
    /// Copies `tests/fixtures/<name>` into a fresh temp folder.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let src = fixtures().join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        copy_tree(&src, dir.path());
        // Every fixture gets the small test theme; `theme: test` in site.yaml selects it.
        copy_tree(&fixtures().join("_theme"), &dir.path().join("themes/test"));
        Site { dir }
    }

    /// An empty temp folder (for `init`).
    pub fn empty() -> Site {
        Site {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The site folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or overwrites) a file in the site.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("create dir");
        std::fs::write(path, text).expect("write file");
        self
    }

    /// Runs `lernort --root SITE <args>`.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::cargo_bin("lernort").expect("binary built");
        // English unless a test asks for German: most tests read the words.
        cmd.env("LERNORT_MESSAGES", "en");
        cmd.arg("--root").arg(self.path()).args(args);
        self.finish(cmd)
    }

    /// Runs `lernort --root SITE <args>` with the environment variables `vars` set (after
    /// `LERNORT_MESSAGES=en`, which they may replace).
    pub fn run_with_env(&self, vars: &[(&str, &str)], args: &[&str]) -> Run {
        let mut cmd = Command::cargo_bin("lernort").expect("binary built");
        cmd.env("LERNORT_MESSAGES", "en");
        cmd.envs(vars.iter().copied());
        cmd.arg("--root").arg(self.path()).args(args);
        self.finish(cmd)
    }

    /// Runs `lernort <args>` in `cwd` without `--root`, as a user typing in a terminal.
    pub fn run_in(&self, cwd: &Path, args: &[&str]) -> Run {
        let mut cmd = Command::cargo_bin("lernort").expect("binary built");
        // English unless a test asks for German: most tests read the words.
        cmd.env("LERNORT_MESSAGES", "en");
        cmd.current_dir(cwd).args(args);
        self.finish(cmd)
    }

    fn finish(&self, mut cmd: Command) -> Run {
        let out = cmd.output().expect("binary runs");
        let redact = |s: &[u8]| {
            let text = String::from_utf8_lossy(s).into_owned();
            let site = self.path().display().to_string();
            let real = self
                .path()
                .canonicalize()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            text.replace(&real, "[SITE]").replace(&site, "[SITE]")
        };
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: redact(&out.stdout),
            stderr: redact(&out.stderr),
        }
    }

    /// Runs `build` and asserts it succeeded.
    pub fn build_ok(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    /// Reads a file of the output folder `public/`.
    pub fn output(&self, rel: &str) -> String {
        let path = self.path().join("public").join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Reads `public/<rel>` without the `data-href` attributes links carry for print,
    /// for tests about where links point.
    pub fn output_hrefs(&self, rel: &str) -> String {
        let html = self.output(rel);
        let mut out = String::with_capacity(html.len());
        let mut rest = html.as_str();
        while let Some(i) = rest.find(" data-href=\"") {
            out.push_str(&rest[..i]);
            let after = &rest[i + " data-href=\"".len()..];
            rest = after.find('"').map_or("", |end| &after[end + 1..]);
        }
        out.push_str(rest);
        out
    }

    /// Whether `public/<rel>` exists.
    pub fn has_output(&self, rel: &str) -> bool {
        self.path().join("public").join(rel).exists()
    }

    /// Every file under `dir` (relative to the site) with its bytes.
    pub fn tree(&self, dir: &str) -> BTreeMap<String, Vec<u8>> {
        let root = self.path().join(dir);
        let mut files = BTreeMap::new();
        if !root.exists() {
            return files;
        }
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.expect("readable");
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(&root)
                    .expect("inside")
                    .display()
                    .to_string();
                files.insert(rel, std::fs::read(entry.path()).expect("read"));
            }
        }
        files
    }

    /// Puts a previous build's output in place, as if an earlier build had run.
    pub fn with_previous_output(&self) -> BTreeMap<String, Vec<u8>> {
        self.write("public/index.html", "<p>previous build</p>\n");
        self.write("public/alt/index.html", "<p>older page</p>\n");
        self.tree("public")
    }

    /// Runs `lernort --root SITE <args>` with `LERNORT_MESSAGES` set to `lang` (`de`,
    /// `en`, or anything else a test tries), or not set at all for `None`.
    pub fn run_lang(&self, lang: impl Into<Option<&'static str>>, args: &[&str]) -> Run {
        let mut cmd = Command::cargo_bin("lernort").expect("binary built");
        match lang.into() {
            Some(lang) => cmd.env("LERNORT_MESSAGES", lang),
            None => cmd.env_remove("LERNORT_MESSAGES"),
        };
        cmd.arg("--root").arg(self.path()).args(args);
        self.finish(cmd)
    }

    /// Runs `lernort --root SITE <args>` in German and in English and expects the same
    /// exit code; returns the German stderr, a line `[en]`, and the English stderr,
    /// so that one snapshot holds both languages.
    pub fn run_both(&self, args: &[&str]) -> Run {
        Run::both(self.run_lang("de", args), self.run_lang("en", args))
    }

    /// Builds in German and in English, expects exit code 1 both times, checks
    /// `public/` is untouched; returns both stderr texts as [`Site::run_both`] does.
    pub fn build_fails(&self, args: &[&str]) -> String {
        let before = self.with_previous_output();
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.run_both(&all);
        assert_eq!(
            run.code, 1,
            "expected content errors (exit 1); stderr:\n{}",
            run.stderr
        );
        assert_eq!(
            self.tree("public"),
            before,
            "the previous output must stay untouched"
        );
        let leftovers = temp_leftovers(self.path());
        assert!(
            leftovers.is_empty(),
            "temporary folders left behind: {leftovers:?}"
        );
        assert!(
            !run.stderr.contains("panicked"),
            "lernort panicked:\n{}",
            run.stderr
        );
        run.stderr
    }
}

/// Files or folders directly in `dir` whose name marks them as lernort's staging output.
pub fn temp_leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("lernort-"))
        .collect()
}

/// The basic fixture with `files` (path, text) written over it.
pub fn basic_with(files: &[(&str, &str)]) -> Site {
    let site = Site::fixture("basic");
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

/// The part of a built page between `<main>` and `</main>`, without the theme's head
/// and navigation.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main>").expect("page has <main>") + "<main>".len();
    let end = html.rfind("</main>").expect("page has </main>");
    html[start..end].trim()
}

/// Asserts `html` contains every one of `parts`, showing the HTML when one is missing.
#[track_caller]
pub fn assert_contains_all(html: &str, parts: &[&str]) {
    for part in parts {
        assert!(html.contains(part), "expected `{part}` in:\n{html}");
    }
}

/// Asserts that a failed build's report ends with the count line for `n` errors.
#[track_caller]
pub fn assert_error_count(stderr: &str, n: usize) {
    let expected = if n == 1 {
        "build failed: 1 error; the output folder was left untouched\n".to_string()
    } else {
        format!("build failed: {n} errors; the output folder was left untouched\n")
    };
    assert!(
        stderr.ends_with(&expected),
        "expected the report to end with `{}`:\n{stderr}",
        expected.trim_end()
    );
}
