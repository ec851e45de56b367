//! Reproducible pseudo-random sequences of edits against a running `lernort serve`:
//! texts, headings and links between pages (`@/` and root-relative), titles, weights, dates, slugs, drafts
//! (also pages left out by `publish_date` or `expiry_date`),
//! aliases, downloads, pages added, deleted and moved, folders created and renamed,
//! `site.yaml`, broken front matter, templates that read other pages (`edits.rs`);
//! typed content: fields, references, images, the types in `site.yaml` (`typed.rs`).
//! After every step the preview must end up equal to a clean build of the same
//! sources, byte for byte, with every file of earlier builds that is no longer built
//! gone; or, when the clean build fails, show the same error over the last good pages. This is the check that the incremental paths (in-place updates, reused
//! Markdown, the render memo) never go stale: switching off any one of the dependency
//! records or in-place steps in `src/` makes some of these seeds fail.
//!
//! Each step waits until the preview has reported a rebuild for every file it wrote,
//! then compares. The edits keep the site valid, as an editor would (a moved page's
//! links follow it), except for deliberate mistakes that the next step repairs.

#[path = "../common/mod.rs"]
mod common;
mod edits;
mod lists;
mod site_links;
mod typed;

use std::collections::BTreeSet;
use std::time::Instant;

use common::http::WAIT;
use common::preview::{OVERLAY, POLL, Preview, Sandbox, encode_path};
use edits::{PAGE_TEMPLATES, Page, Rng, STABLE};
use typed::{FIELDS_TEMPLATE, PEOPLE_INDEX, Person, SECTION_TEMPLATE, Types};

/// The running preview, the pages, and every output file any clean build had.
struct Session {
    p: Preview,
    rng: Rng,
    pages: Vec<Page>,
    next: usize,
    template: String,
    seen: BTreeSet<String>,
    log: Vec<String>,
    /// Site paths written by the current step (the preview must report each).
    written: Vec<String>,
    /// Other files under `content/` (downloads), by content path.
    files: Vec<String>,
    /// The last step broke the site on purpose: the next one repairs it (or first edits
    /// another page's text while it stays broken, see `edits.rs`).
    broken: bool,
    /// A page's text was edited while the site stayed broken: the next step repairs.
    edited_while_broken: bool,
    /// The types in `site.yaml` and the typed section, as the test keeps them.
    types: Types,
    /// Where the build must fail after this step: the first problem's place starts
    /// with one of these (`content/personen/a.md:7:`); empty when not known.
    expect: Vec<String>,
    /// Files (content path, text) that the repairing step adds.
    pending: Vec<(String, String)>,
    /// How many times more often than usual the typed edits are picked.
    typed_boost: u64,
    /// The settings of the lists (see `lists.rs`).
    lists: lists::Lists,
    /// How many times more often than usual the list edits are picked.
    list_boost: u64,
    /// Event streams as open browser tabs have them, so that every rebuild serves
    /// these pages early (and puts them back when it fails).
    _open_pages: Vec<common::http::Events>,
}

/// The marks `navigation` gives each item on the page shown.
const NAVIGATION_MARKS: &str = "<p class=\"wege\">{% for item in navigation %}{{ item.title }}:\
{% if item.current %}c{% elif item.ancestor %}a{% else %}-{% endif %} {% endfor %}</p>";

impl Session {
    fn start(seed: u64, (typed_boost, list_boost): (u64, u64), env: &[(&str, &str)]) -> Session {
        let sandbox = Sandbox::new("basic");
        sandbox.remove("content/projekte/knotenpunkte.md");
        sandbox.remove("content/projekte/lernen-vor-ort.md");
        // Typed pages print their fields (and the page their reference names).
        let template = sandbox.read("themes/test/templates/page.html");
        let template = template.replace("</article>", &format!("{FIELDS_TEMPLATE}</article>"));
        let types = Types::default();
        let config = sandbox.read("site.yaml");
        sandbox.write("site.yaml", &format!("{config}{}", types.yaml()));
        sandbox.write(PEOPLE_INDEX, &types.section_index());
        sandbox.write("themes/test/templates/personen.html", SECTION_TEMPLATE);
        // Every page starts by asking for the stable page's URL.
        let asking = template.replace("</article>", &format!("{}</article>", PAGE_TEMPLATES[2]));
        sandbox.write("themes/test/templates/page.html", &asking);
        // Every page shows how the navigation marks it, which sections coming, going and
        // being retitled change.
        let base = sandbox.read("themes/test/templates/base.html");
        assert!(
            base.contains("</nav>"),
            "the test theme's base.html has its <nav>"
        );
        sandbox.write(
            "themes/test/templates/base.html",
            &base.replacen("</nav>", &format!("</nav>{NAVIGATION_MARKS}"), 1),
        );
        let mut pages: Vec<Page> = [
            STABLE,
            "projekte/b.md",
            "aktuelles/c.md",
            "personen/anna.md",
            "personen/ben.md",
        ]
        .iter()
        .enumerate()
        .map(|(n, rel)| Page::new(rel, n))
        .collect();
        // Pages that link to each other's headings from the start.
        pages[0].headings.push("Teil A".into());
        pages[1].headings.push("Teil B".into());
        pages[1].links.push(format!("{STABLE}#teil-a"));
        pages[2].links.push("projekte/b.md#teil-b".into());
        pages[2].links.push(STABLE.into());
        // Two people, one naming the other, one naming a page of another section.
        for (i, contact) in [(3, "personen/ben.md"), (4, "aktuelles/c.md")] {
            let mut person = Person::new(i);
            person.contact = Some(contact.into());
            pages[i].person = Some(person);
        }
        for page in &pages {
            sandbox.write(&format!("content/{}", page.rel), &page.text());
        }
        let p = Preview::start_in_env(sandbox, env);
        let open_pages = ["/", "/projekte/a/", "/projekte/b/", "/personen/anna/"];
        let open_pages = open_pages.map(|page| p.server.events_for(page)).into();
        let mut s = Session {
            p,
            rng: Rng(seed),
            next: pages.len(),
            pages,
            template,
            seen: BTreeSet::new(),
            log: vec![format!("seed {seed}")],
            written: Vec::new(),
            files: Vec::new(),
            broken: false,
            edited_while_broken: false,
            types,
            expect: Vec::new(),
            pending: Vec::new(),
            typed_boost,
            lists: lists::Lists::default(),
            list_boost,
            _open_pages: open_pages,
        };
        s.check("the start", (0, 0));
        s
    }

    fn write(&mut self, i: usize) {
        self.pages[i].broken = false;
        let path = format!("content/{}", self.pages[i].rel);
        self.p.sandbox.write(&path, &self.pages[i].text());
        self.written.push(path);
    }

    /// The lines reporting rebuilds: the successful ones (stdout) and the failed ones
    /// (stderr), each in order.
    fn rebuild_lines(&self) -> (Vec<String>, Vec<String>) {
        let done = self.p.server.stdout();
        let done = done.into_iter().filter(|l| l.contains(" re-rendered, "));
        let stderr = self.p.server.stderr();
        let failed = stderr.lines().filter(|l| l.ends_with(": rebuild failed"));
        (done.collect(), failed.map(String::from).collect())
    }

    /// Waits until the preview has rebuilt after every file the step wrote, then until
    /// it shows what a clean build of the current sources gives.
    fn check(&mut self, what: &str, (done_before, failed_before): (usize, usize)) {
        self.log.push(what.to_string());
        let deadline = Instant::now() + WAIT;
        loop {
            let (done, failed) = self.rebuild_lines();
            let later: Vec<&String> = done
                .iter()
                .skip(done_before)
                .chain(failed.iter().skip(failed_before))
                .collect();
            // A file written into a folder that was just created is reported as the
            // folder (the watcher cannot see into it yet; lernort then walks it).
            let reported = |path: &str| {
                let mut names = vec![path];
                let mut p = path;
                while let Some((dir, _)) = p.rsplit_once('/') {
                    names.push(dir);
                    p = dir;
                }
                if names.len() > 1 {
                    names.pop(); // `content` itself says nothing
                }
                later.iter().any(|l| {
                    names.iter().any(|n| {
                        l.contains(&format!("{n}:"))
                            || l.contains(&format!("{n},"))
                            || l.contains(&format!("{n} (deleted)"))
                    })
                })
            };
            let missing: Vec<&String> =
                self.written.iter().filter(|path| !reported(path)).collect();
            if missing.is_empty() {
                break;
            }
            let missing = format!("{missing:?}");
            self.fail_after(deadline, "a rebuild for every written file", &missing);
        }
        match self.p.clean_build() {
            Ok(files) => {
                assert!(
                    self.expect.is_empty(),
                    "the build should have failed at one of {:?}\nsteps:\n{}",
                    self.expect,
                    self.log.join("\n")
                );
                let built: BTreeSet<String> = files.iter().map(|(r, _)| r.clone()).collect();
                let gone: Vec<String> = self.seen.difference(&built).cloned().collect();
                self.seen.extend(built);
                loop {
                    let mut problems = self.p.differences(&files);
                    for rel in &gone {
                        let r = self.p.get(&format!("/{}", encode_path(rel)));
                        if r.status != 404 {
                            problems.push(format!("/{rel}: status {}, not gone", r.status));
                        }
                    }
                    if problems.is_empty() {
                        return;
                    }
                    self.fail_after(deadline, "the clean build's files", &problems.join("\n"));
                }
            }
            Err(stderr) => {
                assert!(
                    self.broken,
                    "only a deliberate mistake may fail the build:\n{stderr}\nsteps:\n{}",
                    self.log.join("\n")
                );
                // The first problem's place, e.g. `content/projekte/a.md:5:3`.
                let place = stderr
                    .lines()
                    .find_map(|l| l.trim_start().strip_prefix("--> ").map(str::to_string))
                    .unwrap_or_else(|| panic!("no error line in:\n{stderr}"));
                // A mistake in a typed page is named by its file and line.
                assert!(
                    self.expect.is_empty() || self.expect.iter().any(|e| place.starts_with(e)),
                    "the first problem is at {place}, not at one of {:?}:\n{stderr}\nsteps:\n{}",
                    self.expect,
                    self.log.join("\n")
                );
                loop {
                    let home = self.p.page("/");
                    if home.contains(OVERLAY) && home.contains(&place) {
                        return;
                    }
                    self.fail_after(deadline, &format!("the overlay naming {place}"), &stderr);
                }
            }
        }
    }

    fn fail_after(&self, deadline: Instant, awaited: &str, detail: &str) {
        assert!(
            Instant::now() < deadline,
            "after {WAIT:?} the preview still does not show {awaited}:\n{detail}\n\nsteps:\n{}\n\n{}",
            self.log.join("\n"),
            self.p.server.log()
        );
        std::thread::sleep(POLL);
    }
}

/// Runs `steps` random edits; `typed_boost` makes the typed ones that much more likely.
fn run(seed: u64, steps: usize, typed_boost: u64) {
    run_with(seed, steps, (typed_boost, 1));
}

/// Runs `steps` random edits with the typed and the list edits boosted.
fn run_with(seed: u64, steps: usize, boosts: (u64, u64)) {
    run_env(seed, steps, boosts, &[]);
}

/// [`run_with`] with these environment variables set for the preview.
fn run_env(seed: u64, steps: usize, boosts: (u64, u64), env: &[(&str, &str)]) {
    let mut s = Session::start(seed, boosts, env);
    for _ in 0..steps {
        let (done, failed) = s.rebuild_lines();
        let before = (done.len(), failed.len());
        let what = s.step();
        s.check(&what, before);
    }
}

// Several short sequences rather than one long one: they run in parallel, and a failure
// names its seed and every step before it.

#[test]
fn random_edits_seed_1() {
    run(1, 50, 1);
}

#[test]
fn random_edits_seed_2() {
    run(2, 50, 1);
}

#[test]
fn random_edits_seed_3() {
    run(3, 50, 1);
}

#[test]
fn random_edits_seed_4() {
    run(4, 50, 1);
}

#[test]
fn random_edits_seed_5() {
    run(5, 50, 1);
}

#[test]
fn random_edits_seed_6() {
    run(6, 50, 1);
}

// Mostly typed content: fields, references, images, types and `page_type`.

#[test]
fn random_typed_edits_seed_7() {
    run(7, 40, 4);
}

#[test]
fn random_typed_edits_seed_8() {
    run(8, 40, 4);
}

#[test]
fn random_typed_edits_seed_9() {
    run(9, 40, 4);
}

// Mostly lists: terms, pagination, feeds.

#[test]
fn random_list_edits_seed_10() {
    run_with(10, 40, (1, 4));
}

#[test]
fn random_list_edits_seed_11() {
    run_with(11, 40, (1, 4));
}

// A pinned clock (`SOURCE_DATE_EPOCH`, as in CI): the preview does not build a failed
// site a second time at a new moment, so each edit after a failure comes right after it.

#[test]
fn random_edits_pinned_clock_seed_13() {
    // 2026-12-01T00:00:00Z: fixed, so that the sequence is the same in every run.
    run_env(13, 50, (1, 1), &[("SOURCE_DATE_EPOCH", "1796083200")]);
}

// Every incremental mechanism switched off (`LERNORT_SERVE_WITHOUT`, for measuring what
// each saves): each rebuild walks and reads `content/`, builds the model afresh and
// renders every page, and must still remove what a clean build no longer has.

#[test]
fn random_edits_without_patch_update_memo_seed_12() {
    let without = [("LERNORT_SERVE_WITHOUT", "patch,update,memo")];
    run_env(12, 50, (1, 1), &without);
}

/// Starts `serve` with `LERNORT_SERVE_WITHOUT=value`; returns its exit code and stderr.
fn serve_without(value: &std::ffi::OsStr) -> (Option<i32>, String) {
    let sandbox = common::preview::Sandbox::new("basic");
    let out = common::preview::lernort()
        .env("LERNORT_SERVE_WITHOUT", value)
        .arg("--root")
        .arg(sandbox.site())
        .args(["serve", "--port", "0"])
        .output()
        .expect("lernort runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_unknown_mechanism_to_do_without_is_a_usage_error() {
    let (code, stderr) = serve_without("memo,cache".as_ref());
    assert_eq!(code, Some(2), "{stderr}");
    let words = "LERNORT_SERVE_WITHOUT=memo,cache: cache is not a mechanism; known are patch, update and memo";
    assert!(stderr.contains(words), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_mechanism_list_that_is_not_utf8_is_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let (code, stderr) = serve_without(std::ffi::OsStr::from_bytes(b"memo,\xff"));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("is not a mechanism"), "{stderr}");
}
