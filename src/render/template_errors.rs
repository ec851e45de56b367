//! Template problems as diagnostics: Tera's errors turned into reports that name the
//! template file, line and column, with lernort's words around Tera's, and the problems
//! lernort finds itself (a missing theme, missing default templates).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use tera::ErrorKind;

use crate::config::Config;
use crate::error::{Diagnostic, Error, dedup_diagnostics};
use crate::messages::{Arg, Text};
use crate::render::{raised, template_cycles, template_deps, template_end};
use crate::text;

/// Template name → (file shown in messages, source text).
pub(super) type Sources = HashMap<String, (PathBuf, String)>;

/// Template name → what its tags refer to.
pub(super) type Refs = HashMap<String, template_deps::Refs>;

/// `a`, `a and b`, `a, b and c`, in the reader's language.
pub(super) fn list<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Arg {
    let mut items: Vec<Arg> = items.into_iter().map(Into::into).collect();
    let Some(last) = items.pop() else {
        return Arg::Str(String::new());
    };
    let mut items = items.into_iter();
    let Some(first) = items.next() else {
        return last;
    };
    let head = items.fold(first, |head, next| {
        text!("templates-list-comma", first = head, next = next).into()
    });
    text!("templates-list-and", first = head, last = last).into()
}

/// The note naming the content file being rendered.
fn while_rendering(content: &Path) -> Text {
    text!(
        "templates-while-rendering",
        path = content.display().to_string()
    )
}

/// One diagnostic for the default templates that pages and sections need but no
/// folder has (`missing`: name → how many pages or sections need it), saying where
/// lernort looked.
pub(super) fn missing_defaults(missing: &BTreeMap<&str, usize>, config: &Config) -> Diagnostic {
    // Name order puts `index.html` first; the order pages are built in reads better.
    let mut names: Vec<&str> = missing.keys().copied().collect();
    names.sort_by_key(|n| {
        ["index.html", "section.html", "page.html"]
            .iter()
            .position(|d| d == n)
    });
    let count = |name: &str| missing.get(name).copied().unwrap_or(0);
    let users = |name: &str| match name {
        "index.html" => text!("templates-users-home"),
        "section.html" => text!("templates-users-sections", count = count(name)),
        _ => text!("templates-users-pages", count = count(name)),
    };
    let message = match names.as_slice() {
        [one] => text!(
            "templates-default-missing",
            name = *one,
            users = users(one),
            count = count(one)
        ),
        many => text!(
            "templates-defaults-missing",
            names = list(many.iter().map(|n| text!(
                "templates-defaults-missing-item",
                name = *n,
                users = users(n)
            )))
        ),
    };
    let looked = config
        .template_dirs()
        .iter()
        .map(|d| format!("{}/", d.strip_prefix(&config.root).unwrap_or(d).display()))
        .collect::<Vec<String>>();
    let files = list(names.iter().map(|n| format!("templates/{n}")));
    let (path, hint) = match &config.theme {
        Some(theme) => (
            PathBuf::from(format!("themes/{theme}/templates")),
            text!(
                "templates-defaults-add",
                files = files,
                count = names.len(),
                theme = theme
            ),
        ),
        None => {
            let themes = crate::config::theme_folders(&config.root);
            let hint = if themes.is_empty() {
                text!("templates-defaults-set-theme-none", files = files)
            } else {
                text!(
                    "templates-defaults-set-theme",
                    themes = themes.join(", "),
                    files = files
                )
            };
            (PathBuf::from(crate::config::CONFIG_FILE), hint)
        }
    };
    Diagnostic::new(path, message)
        .note(text!("templates-defaults-looked", folders = list(looked)))
        .hint(hint)
}

/// `theme:` names a folder that `themes/` does not have.
pub(super) fn theme_missing(config: &Config, theme: &str) -> Error {
    let text =
        std::fs::read_to_string(config.root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    let line = crate::yaml::line_of_key(&text, "theme").unwrap_or(1);
    let hint = match crate::config::theme_folders(&config.root).as_slice() {
        [] => text!("templates-theme-missing.hint-empty"),
        folders => text!(
            "templates-theme-missing.hint-folders",
            folders = folders.join(", ")
        ),
    };
    Diagnostic::new(
        crate::config::CONFIG_FILE,
        text!("templates-theme-missing", theme = theme),
    )
    .at(line, Some(1))
    .with_source(&text)
    .hint(hint)
    .into()
}

/// Tera reports unknown filters, functions and includes of all templates as one
/// message of `error: …\n --> name:line:col` blocks; split it into diagnostics.
pub(super) fn diagnose_all(e: &tera::Error, sources: &Sources, refs: &Refs) -> Vec<Diagnostic> {
    let circle = match e.kind() {
        ErrorKind::CircularExtend { .. } => Some(template_cycles::Kind::Extends),
        ErrorKind::CircularInclude { .. } => Some(template_cycles::Kind::Include),
        _ => None,
    };
    if let Some(kind) = circle {
        let found = circles(kind, sources, refs);
        if !found.is_empty() {
            return found;
        }
    }
    let ErrorKind::Msg(text) = e.kind() else {
        return vec![diagnose(e, sources, refs, None)];
    };
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let Some(message) = block.lines().next().and_then(|l| l.strip_prefix("error: ")) else {
            continue;
        };
        let located = block
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("--> "))
            .and_then(|loc| {
                let mut parts = loc.rsplitn(3, ':');
                let col: usize = parts.next()?.parse().ok()?;
                let line: usize = parts.next()?.parse().ok()?;
                Some((parts.next()?.to_string(), line, col))
            });
        let error = text!("templates-error", reason = message);
        let d = match located {
            Some((name, line, col)) => match sources.get(&name) {
                Some((path, src)) => Diagnostic::new(path, error)
                    .at(line, Some(col))
                    .with_source(src),
                None => Diagnostic::new(format!("templates/{name}"), error),
            },
            None => Diagnostic::new("templates", error),
        };
        let hint = if message.starts_with("Unknown template") {
            text!("templates-unknown-include-hint")
        } else {
            text!("templates-unknown-name-hint")
        };
        out.push(d.hint(hint));
    }
    if out.is_empty() {
        out.push(Diagnostic::new(
            "templates",
            text!("templates-error", reason = text.as_str()),
        ));
    }
    out
}

/// The file of template `name` as messages show it.
fn file_of(sources: &Sources, name: &str) -> PathBuf {
    sources.get(name).map_or_else(
        || PathBuf::from(format!("templates/{name}")),
        |(p, _)| p.clone(),
    )
}

/// Every circle of `kind`, found in the templates' tags.
fn circles(kind: template_cycles::Kind, sources: &Sources, refs: &Refs) -> Vec<Diagnostic> {
    let ordered: BTreeMap<&str, &template_deps::Refs> =
        refs.iter().map(|(n, r)| (n.as_str(), r)).collect();
    let file = |name: &str| file_of(sources, name);
    let source = |name: &str| sources.get(name).map(|(_, t)| t.clone());
    template_cycles::diagnose(kind, &ordered, &file, &source)
}

/// Tera says only that components recursed too deep, without a place: find the
/// circle of calls in the templates.
fn component_recursion(
    e: &tera::Error,
    sources: &Sources,
    refs: &Refs,
    rendering: Option<&Path>,
) -> Option<Diagnostic> {
    let recursion = match e.kind() {
        ErrorKind::Msg(m) => m.contains("recursion depth for components"),
        ErrorKind::RenderingError(r) => r.message().contains("recursion depth for components"),
        _ => false,
    };
    if !recursion {
        return None;
    }
    let d = circles(template_cycles::Kind::Component, sources, refs)
        .into_iter()
        .next()?;
    Some(match rendering {
        Some(content) => {
            let note = match d.note.clone() {
                Some(note) => text!(
                    "templates-notes-joined",
                    first = note,
                    second = while_rendering(content)
                ),
                None => while_rendering(content),
            };
            d.note(note)
        }
        None => d,
    })
}

/// What went wrong, for a Tera error whose words are `words`: the message of ours a
/// template function or filter raised, else Tera's words (with their cause).
fn reason(e: &tera::Error, words: &str) -> Arg {
    if let Some(ours) = raised::find(e, words) {
        return ours.into();
    }
    match std::error::Error::source(e) {
        Some(cause) => format!("{words}: {cause}").into(),
        None => words.into(),
    }
}

/// Converts one Tera error, noting the content file being rendered.
pub(super) fn diagnose(
    e: &tera::Error,
    sources: &Sources,
    refs: &Refs,
    rendering: Option<&Path>,
) -> Diagnostic {
    if let Some(d) = component_recursion(e, sources, refs, rendering) {
        return d;
    }
    let file = |name: &str| file_of(sources, name);
    let d = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            let text = sources.get(r.filename()).map(|(_, t)| t.as_str());
            let at = (span.start_line, span.start_col + 1);
            let end = r.message() == "Unexpected end of input";
            if let (true, Some(text)) = (end, text) {
                template_end::end_of_input(file(r.filename()), text, at)
            } else {
                let reason = reason(e, r.message());
                let message = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                    text!("templates-syntax-error", reason = reason)
                } else {
                    text!("templates-error", reason = reason)
                };
                let d = Diagnostic::new(file(r.filename()), message).at(at.0, Some(at.1));
                match text {
                    Some(text) => d.with_source(text),
                    None => d,
                }
            }
        }
        ErrorKind::MissingParent { current, parent } => {
            let d = Diagnostic::new(
                file(current),
                text!("templates-missing-parent", parent = parent),
            )
            .hint(text!("templates-missing-parent.hint"));
            let source = sources.get(current.as_str()).map(|(_, text)| text);
            let line = refs
                .get(current.as_str())
                .and_then(|r| r.extends.as_ref())
                .map(|(_, line)| *line);
            match (source, line) {
                (Some(text), Some(line)) => d.at(line, Some(1)).with_source(text),
                _ => d,
            }
        }
        ErrorKind::TemplateNotFound(name) => {
            Diagnostic::new(file(name), text!("templates-not-found", name = name))
        }
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => Diagnostic::new(
            file(tpl),
            text!(
                "templates-extends-circle",
                chain = inheritance_chain.join(" → ")
            ),
        ),
        ErrorKind::CircularInclude { tpl, include_chain } => Diagnostic::new(
            file(tpl),
            text!(
                "templates-includes-circle",
                chain = include_chain.join(" → ")
            ),
        ),
        other => Diagnostic::new(
            "templates",
            text!("templates-error", reason = reason(e, &other.to_string())),
        ),
    };
    match rendering {
        Some(content) => d.note(while_rendering(content)),
        None => d,
    }
}

/// One template error shows up once per page that uses the template; report it once,
/// naming the first page and how many others hit it.
pub(super) fn collapse(mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    problems.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.message, &a.note)
            .cmp(&(&b.path, b.line, b.column, &b.message, &b.note))
    });
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    for d in problems {
        match out.last_mut() {
            Some((first, n))
                if (&first.path, first.line, first.column, &first.message)
                    == (&d.path, d.line, d.column, &d.message) =>
            {
                if first.note != d.note {
                    *n += 1;
                }
            }
            _ => out.push((d, 0)),
        }
    }
    let mut out: Vec<Diagnostic> = out
        .into_iter()
        .map(|(mut d, others)| {
            if let (true, Some(note)) = (others > 0, &d.note) {
                d.note = Some(text!(
                    "templates-note-and-others",
                    note = note.clone(),
                    count = others
                ));
            }
            d
        })
        .collect();
    dedup_diagnostics(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    fn words(arg: Arg, lang: Lang) -> String {
        text!("templates-error", reason = arg)
            .render(lang)
            .trim_start_matches("template error: ")
            .trim_start_matches("Fehler in der Vorlage: ")
            .to_string()
    }

    #[test]
    fn lists_join_with_commas_and_the_last_with_and() {
        let l = |items: &[&str]| list(items.iter().copied());
        assert_eq!(words(l(&[]), Lang::En), "");
        assert_eq!(words(l(&["a"]), Lang::En), "a");
        assert_eq!(words(l(&["a", "b"]), Lang::En), "a and b");
        assert_eq!(words(l(&["a", "b", "c"]), Lang::En), "a, b and c");
        assert_eq!(words(l(&["a", "b", "c"]), Lang::De), "a, b und c");
    }
}
