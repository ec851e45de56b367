//! Diagnostics and errors as people read them: in the chosen language, laid out by
//! annotate-snippets (the source line, a caret that stays under the right character
//! with tabs and wide characters), in colour only on a terminal.

use std::fmt;
use std::io::IsTerminal;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Error};
use crate::messages::{Lang, Text};
use crate::text;

/// How to show messages: the language, and whether with colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// The language of the words.
    pub lang: Lang,
    /// ANSI colours (only for a terminal).
    pub color: bool,
}

impl Style {
    /// No colour: for files, logs, tests and the browser overlay.
    pub fn plain(lang: Lang) -> Style {
        Style { lang, color: false }
    }

    /// Colour when standard error is a terminal and `NO_COLOR` is not set.
    pub fn for_stderr(lang: Lang) -> Style {
        Style {
            lang,
            color: colour_wanted() && std::io::stderr().is_terminal(),
        }
    }

    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    pub fn for_stdout(lang: Lang) -> Style {
        Style {
            lang,
            color: colour_wanted() && std::io::stdout().is_terminal(),
        }
    }

    fn renderer(self) -> Renderer {
        if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        }
    }

    fn words(self, text: &Text) -> String {
        text.render(self.lang)
    }
}

/// `NO_COLOR` (https://no-color.org) turns colour off everywhere.
fn colour_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

impl Diagnostic {
    /// The diagnostic as a report: the message, where it is, the source line with a
    /// caret, the note and the hint.
    pub fn render(&self, style: Style) -> String {
        let error = Level::ERROR.with_name(Some(style.words(&text!("common-label-error"))));
        self.render_at(style, error)
    }

    /// Like [`Diagnostic::render`], as a warning.
    pub fn render_warning(&self, style: Style) -> String {
        let label = style.words(&text!("common-label-warning"));
        self.render_at(style, Level::WARNING.with_name(Some(label)))
    }

    fn render_at(&self, style: Style, level: Level<'_>) -> String {
        let title = style.words(&self.message);
        let path = self.path.display().to_string();
        let title = level.primary_title(title);
        let mut group: Group = match (self.line, &self.source_line) {
            (Some(line), Some(source)) => title.element(
                Snippet::source(source.as_str())
                    .line_start(line)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span(source, self.column))),
            ),
            (Some(line), None) => {
                let mut origin = Origin::path(path).line(line);
                if let Some(column) = self.column {
                    origin = origin.char_column(column);
                }
                title.element(origin)
            }
            _ => title.element(Origin::path(path)),
        };
        if let Some(note) = &self.note {
            let level = Level::NOTE.with_name(Some(style.words(&text!("common-label-note"))));
            group = group.element(level.message(style.words(note)));
        }
        if let Some(hint) = &self.hint {
            let level = Level::HELP.with_name(Some(style.words(&text!("common-label-hint"))));
            group = group.element(level.message(style.words(hint)));
        }
        style.renderer().render(&[group])
    }
}

/// The bytes the caret marks: the character at the 1-based `column`, the end of the
/// line when the column is past it, the whole line (without its indentation) when
/// there is no column.
fn span(source: &str, column: Option<usize>) -> std::ops::Range<usize> {
    match column {
        Some(column) => match source.char_indices().nth(column.saturating_sub(1)) {
            Some((at, c)) => at..at + c.len_utf8(),
            None => source.len()..source.len(),
        },
        None => {
            let start = source.len() - source.trim_start().len();
            let end = source.trim_end().len().max(start);
            start..end
        }
    }
}

impl Error {
    /// The error as people read it: every diagnostic, then a summary line; or the one
    /// usage or I/O problem.
    pub fn render(&self, style: Style) -> String {
        match self {
            Error::Content(diagnostics) => {
                let mut out = String::new();
                for d in diagnostics {
                    out.push_str(&d.render(style));
                    out.push_str("\n\n");
                }
                let summary = text!("common-build-failed", count = diagnostics.len());
                out.push_str(&style.words(&summary));
                out
            }
            Error::Usage(message) => plain_error(style, message),
            Error::Reported => String::new(),
            Error::Io {
                path,
                action,
                source,
            } => {
                let message = text!(
                    "common-io",
                    action = action.clone(),
                    path = path.display().to_string(),
                    reason = source.to_string()
                );
                plain_error(style, &message)
            }
        }
    }
}

/// An error with no file to show: `error: …` alone.
fn plain_error(style: Style, message: &Text) -> String {
    let error = Level::ERROR.with_name(Some(style.words(&text!("common-label-error"))));
    let group = Group::with_title(error.primary_title(style.words(message)));
    style.renderer().render(&[group])
}

/// English, for logs and `Debug`; people get [`Diagnostic::render`].
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Style::plain(Lang::En)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_marks_the_character_at_the_column() {
        assert_eq!(span("ab", Some(2)), 1..2);
        assert_eq!(span("äb", Some(2)), 2..3);
        assert_eq!(span("ab", Some(9)), 2..2);
        assert_eq!(span("  ab ", None), 2..4);
        assert_eq!(span("", None), 0..0);
    }
}
