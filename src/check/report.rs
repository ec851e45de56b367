//! The findings of a check for people (grouped by file, a summary line), as JSON, as
//! GitHub workflow annotations, or as a GitLab code-quality report.

use std::fmt::Write as _;

use super::{Finding, Outcome, Severity};
use crate::error::Style;
use crate::messages::Lang;
use crate::text;

/// How to print findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people: grouped by file, with the source line and a hint.
    #[default]
    Human,
    /// One JSON object with every finding.
    Json,
    /// GitHub workflow commands (`::error file=…,line=…::…`), shown on pull requests.
    Github,
    /// A GitLab code-quality report (JSON), for merge requests.
    Gitlab,
}

/// The findings in `format`; `style` gives the language (and colour for people).
pub fn render(outcome: &Outcome, format: Format, style: Style) -> String {
    match format {
        Format::Human => human(outcome, style),
        Format::Json => json(outcome, style.lang),
        Format::Github => github(outcome, style.lang),
        Format::Gitlab => gitlab(outcome, style.lang),
    }
}

fn human(outcome: &Outcome, style: Style) -> String {
    let mut out = String::new();
    let mut file = None;
    for f in &outcome.findings {
        if file != Some(&f.diagnostic.path) {
            file = Some(&f.diagnostic.path);
            let _ = writeln!(out, "{}", f.diagnostic.path.display());
        }
        let shown = match f.severity {
            Severity::Error => f.diagnostic.render(style),
            Severity::Warning => f.diagnostic.render_warning(style),
        };
        let _ = writeln!(out, "{shown}\n");
    }
    let files = {
        let mut paths: Vec<_> = outcome
            .findings
            .iter()
            .map(|f| &f.diagnostic.path)
            .collect();
        paths.dedup();
        paths.len()
    };
    if let Some(stats) = &outcome.external {
        let external = text!(
            "check-external-summary",
            links = stats.links,
            checked = stats.checked,
            cached = stats.cached,
            skipped = stats.skipped
        );
        out.push_str(&external.render(style.lang));
        out.push('\n');
    }
    let summary = text!(
        "check-summary",
        pages = outcome.pages,
        errors = outcome.count(Severity::Error),
        warnings = outcome.count(Severity::Warning),
        files = files
    );
    out.push_str(&summary.render(style.lang));
    out.push('\n');
    if let Some(next) = &outcome.next_change {
        out.push_str(&next.render(style.lang));
        out.push('\n');
    }
    out
}

#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    severity: Severity,
    rule: &'a str,
    message: String,
    hint: Option<String>,
}

fn json_findings(outcome: &Outcome, lang: Lang) -> Vec<JsonFinding<'_>> {
    outcome
        .findings
        .iter()
        .map(|f| JsonFinding {
            file: path_text(f),
            line: f.diagnostic.line,
            column: f.diagnostic.column,
            severity: f.severity,
            rule: f.rule,
            message: f.diagnostic.message.render(lang),
            hint: f.diagnostic.hint.as_ref().map(|h| h.render(lang)),
        })
        .collect()
}

fn json(outcome: &Outcome, lang: Lang) -> String {
    let mut value = serde_json::json!({
        "pages": outcome.pages,
        "errors": outcome.count(Severity::Error),
        "warnings": outcome.count(Severity::Warning),
        "findings": json_findings(outcome, lang),
    });
    // Only with `--external`, so that the output of a normal check stays as it was.
    // Serialising four numbers cannot fail.
    if let (Some(stats), Some(object)) = (&outcome.external, value.as_object_mut()) {
        let stats = serde_json::to_value(stats).unwrap_or_default();
        object.insert("external".into(), stats);
    }
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// `::error file=F,line=L,col=C,title=T::message` lines; GitHub shows each on the line
/// of the pull request's diff.
fn github(outcome: &Outcome, lang: Lang) -> String {
    let mut out = String::new();
    for f in &outcome.findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = format!("{}{}", outcome.ci_prefix, path_text(f));
        let mut properties = format!("file={}", property(&path));
        if let Some(line) = f.diagnostic.line {
            let _ = write!(properties, ",line={line}");
        }
        if let Some(column) = f.diagnostic.column {
            let _ = write!(properties, ",col={column}");
        }
        let _ = write!(
            properties,
            ",title={}",
            property(&format!("lernort {}", f.rule))
        );
        let mut message = f.diagnostic.message.render(lang);
        if let Some(hint) = &f.diagnostic.hint {
            message.push('\n');
            message.push_str(&hint.render(lang));
        }
        let _ = writeln!(out, "::{command} {properties}::{}", data(&message));
    }
    out
}

/// Escapes a workflow command's message (GitHub's rules: `%`, CR and LF).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[derive(serde::Serialize)]
struct Quality {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: QualityLocation,
}

#[derive(serde::Serialize)]
struct QualityLocation {
    path: String,
    lines: QualityLines,
}

#[derive(serde::Serialize)]
struct QualityLines {
    begin: usize,
}

/// GitLab's code-quality format: a JSON array; the fingerprint identifies a finding
/// across pipelines, so it hashes what does not move when lines are added above it:
/// the rule, the file, the message and, for findings that are otherwise equal, which
/// of them it is (GitLab keeps only one finding per fingerprint).
fn gitlab(outcome: &Outcome, lang: Lang) -> String {
    let mut seen: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    let entries: Vec<Quality> = outcome
        .findings
        .iter()
        .map(|f| {
            let message = f.diagnostic.message.render(Lang::En);
            let path = format!("{}{}", outcome.ci_prefix, path_text(f));
            let mut key = format!("{}\0{}\0{}", f.rule, path, message);
            let n = seen.entry(key.clone()).or_default();
            if *n > 0 {
                let _ = write!(key, "\0{n}");
            }
            *n += 1;
            Quality {
                description: f.diagnostic.message.render(lang),
                check_name: format!("lernort-{}", f.rule),
                fingerprint: format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes())),
                severity: match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: QualityLocation {
                    path,
                    lines: QualityLines {
                        begin: f.diagnostic.line.unwrap_or(1),
                    },
                },
            }
        })
        .collect();
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&entries).unwrap_or_default() + "\n"
}

/// The file of a finding with `/` separators, as CI tools expect.
fn path_text(f: &Finding) -> String {
    f.diagnostic.path.display().to_string().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_their_separators() {
        assert_eq!(data("50% fertig\nZeile"), "50%25 fertig%0AZeile");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
