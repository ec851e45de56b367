//! `lernort check`: the build pipeline into a sink that reads instead of writing, then
//! every problem of the rendered site at once: broken links and anchors, accessibility
//! rules, content hygiene. Each is reported at the file and line it came from (see
//! [`origin`]). With `--external`, links to other sites are asked too ([`external`]).
//! Nothing is written but that check's cache; the output folder is not touched.

mod external;
mod facts;
mod links;
mod origin;
pub mod report;
mod rules;
pub mod settings;

use std::path::PathBuf;
use std::sync::Mutex;

use crate::config::{Config, Overrides};
use crate::error::{Diagnostic, Error, Result};
use crate::render::{Output, Sink};
use facts::Facts;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the check.
    Error,
    /// Fails the check only with `--strict`.
    Warning,
}

/// One problem `check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// A short stable name of the rule, e.g. `link-broken`, for tools and filters.
    pub rule: &'static str,
    /// Where and what, with a hint.
    pub diagnostic: Diagnostic,
}

/// What `check` looked at and found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every finding, sorted by file and line.
    pub findings: Vec<Finding>,
    /// HTML files read.
    pub pages: usize,
    /// The counts of the check of links to other sites, if it ran.
    pub external: Option<external::Stats>,
    /// What to tell besides the findings (warnings that never fail the check).
    pub notices: Vec<crate::messages::Text>,
    /// The site folder inside the CI's checkout (`site/` when the site is not at the
    /// repository's top), put before paths in annotations; `""` elsewhere.
    pub ci_prefix: String,
    /// When a page appears or expires next („Nächste zeitgesteuerte Änderung: …“).
    pub next_change: Option<crate::messages::Text>,
}

impl Outcome {
    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Options of a check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Check drafts too.
    pub drafts: bool,
    /// Check links to other sites too (requests to them).
    pub external: bool,
    /// Check pages whose `publish_date` is still to come too.
    pub future: bool,
    /// Check pages whose `expiry_date` has passed too.
    pub expired: bool,
    /// The moment to check the site at (`--now`), as written.
    pub now: Option<String>,
}

/// Renders the site in `root` into memory and checks it. Content errors that stop the
/// build are findings too; only a wrong invocation or an I/O failure is an `Err`.
pub fn check(root: &std::path::Path, options: &Options) -> Result<Outcome> {
    let overrides = Overrides {
        drafts: options.drafts,
        future: options.future,
        expired: options.expired,
        now: options.now.clone(),
        ..Overrides::default()
    };
    let reader = Reader::default();
    let rendered = match Config::load(root, &overrides)
        .and_then(|config| crate::build::render_into(config, &reader, None))
    {
        Ok(r) => r,
        // Problems of `site.yaml` and of the content are findings like any other.
        Err(Error::Content(diagnostics)) => {
            let findings = diagnostics
                .into_iter()
                .map(|diagnostic| Finding {
                    severity: Severity::Error,
                    rule: "build",
                    diagnostic,
                })
                .collect();
            return Ok(Outcome {
                findings,
                ci_prefix: ci_prefix(root),
                ..Outcome::default()
            });
        }
        Err(e) => return Err(e),
    };
    let mut pages = reader.pages.into_inner().unwrap_or_else(|p| p.into_inner());
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    let mut others = reader
        .others
        .into_inner()
        .unwrap_or_else(|p| p.into_inner());
    others.extend(rendered.copies.iter().map(|c| c.to.clone()));
    let site = &rendered.site;
    let mut findings = rules::apply(site, &pages, others);
    let mut outcome = Outcome {
        notices: site.notices.clone(),
        ..Outcome::default()
    };
    if options.external {
        let report = external::check(site, &pages);
        findings.extend(report.findings);
        outcome.external = Some(report.stats);
        outcome.notices.extend(report.notices);
    }
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            (
                f.diagnostic.path.clone(),
                f.diagnostic.line,
                f.diagnostic.message.clone(),
                f.rule,
            )
        };
        key(a).cmp(&key(b))
    });
    findings.dedup();
    outcome.findings = findings;
    outcome.pages = pages.len();
    outcome.ci_prefix = ci_prefix(root);
    outcome.next_change = site.next_change.map(|n| n.line(&site.config.time_zone));
    Ok(outcome)
}

/// Where the site lies in the checkout of GitHub Actions (`GITHUB_WORKSPACE`) or
/// GitLab CI (`CI_PROJECT_DIR`): annotations name files from the repository's top,
/// and a site in a subfolder would otherwise be annotated on files that do not exist.
fn ci_prefix(root: &std::path::Path) -> String {
    let Ok(root) = root.canonicalize() else {
        return String::new();
    };
    for var in ["GITHUB_WORKSPACE", "CI_PROJECT_DIR"] {
        let Some(workspace) = std::env::var_os(var) else {
            continue;
        };
        let Ok(workspace) = PathBuf::from(workspace).canonicalize() else {
            continue;
        };
        if let Ok(inside) = root.strip_prefix(&workspace) {
            let inside = inside.display().to_string().replace('\\', "/");
            return if inside.is_empty() {
                inside
            } else {
                format!("{inside}/")
            };
        }
    }
    String::new()
}

/// The sink of a check: reads every HTML file as it is rendered, keeps the names of
/// the others.
#[derive(Default)]
struct Reader {
    pages: Mutex<Vec<(String, Facts)>>,
    others: Mutex<Vec<String>>,
}

impl Sink for Reader {
    fn put(&self, output: Output) -> Result<()> {
        if output.path.ends_with(".html") {
            let facts = facts::read(&output.bytes.contiguous());
            let mut pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
            pages.push((output.path, facts));
        } else {
            let mut others = self.others.lock().unwrap_or_else(|p| p.into_inner());
            others.push(output.path);
        }
        Ok(())
    }

    /// Messages point into page bodies, found in the site's HTML of each.
    fn reads_bodies(&self) -> bool {
        true
    }
}

/// A finding at `place`.
fn finding(
    severity: Severity,
    rule: &'static str,
    place: origin::Place,
    message: crate::messages::Text,
    hint: crate::messages::Text,
) -> Finding {
    let mut diagnostic = Diagnostic::new(place.path, message).hint(hint);
    diagnostic.line = place.line;
    diagnostic.source_line = place.source;
    Finding {
        severity,
        rule,
        diagnostic,
    }
}

/// A place with only a file.
fn file_only(path: impl Into<PathBuf>) -> origin::Place {
    origin::Place {
        path: path.into(),
        line: None,
        source: None,
    }
}
