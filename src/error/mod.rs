//! The error type: every problem a user can cause, with the file, line and a hint.
//!
//! Content problems are collected as [`Diagnostic`]s so one build reports all of them;
//! only `main` turns an [`Error`] into an exit code.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one input file, located as precisely as we know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line, counted from the top of the file.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    /// What is wrong, in plain words.
    pub message: String,
    /// The source line the problem is on, shown under the message.
    pub source_line: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
    /// Extra context, such as the content file being rendered.
    pub note: Option<String>,
}

impl Diagnostic {
    /// A problem in `path` with no position yet.
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            source_line: None,
            hint: None,
            note: None,
        }
    }

    /// Sets the 1-based line and column.
    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// Shows `line` of `source` (1-based) under the message. `str::lines` splits as
    /// [`crate::lines`] defines a line (at `\n`, a `\r` before it dropped); texts with
    /// a lone `\r` are rejected before any position is computed.
    pub fn with_source(mut self, source: &str) -> Self {
        if let Some(n) = self.line {
            self.source_line = source.lines().nth(n.saturating_sub(1)).map(str::to_owned);
        }
        self
    }

    /// Adds a fix hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a note with context.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    fn location(&self) -> String {
        let path = self.path.display();
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{path}:{l}:{c}"),
            (Some(l), None) => format!("{path}:{l}"),
            _ => path.to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: error: {}", self.location(), self.message)?;
        if let (Some(line), Some(text)) = (self.line, &self.source_line) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            write!(f, "\n{pad} |\n{number} | {text}")?;
            if let Some(col) = self.column {
                let indent: String = text
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n{pad} | {indent}^")?;
            }
        }
        if let Some(note) = &self.note {
            write!(f, "\n  = note: {note}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Everything that can stop a command.
#[derive(Debug)]
pub enum Error {
    /// Problems in the site's own files (content, config, templates). Exit code 1.
    Content(Vec<Diagnostic>),
    /// A wrong invocation: a missing site, a bad flag value. Exit code 2.
    Usage(String),
    /// Reading or writing failed for a reason outside the site's content. Exit code 2.
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What we were doing.
        action: &'static str,
        /// The operating system's error.
        source: std::io::Error,
    },
}

impl Error {
    /// An I/O error while doing `action` on `path`.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }

    /// Content problems as one error, sorted by file and position and without repeats:
    /// diagnostics are often collected while iterating a hash map or several threads,
    /// and a report must not change order from one build to the next.
    pub fn content(mut diagnostics: Vec<Diagnostic>) -> Self {
        dedup_diagnostics(&mut diagnostics);
        Error::Content(diagnostics)
    }

    /// The process exit code for this error: 1 for content problems, 2 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content(_) => 1,
            Error::Usage(_) | Error::Io { .. } => 2,
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Content(vec![d])
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(d: Vec<Diagnostic>) -> Self {
        Error::content(d)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Content(diagnostics) => {
                for (i, d) in diagnostics.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    writeln!(f, "{d}")?;
                }
                let n = diagnostics.len();
                write!(
                    f,
                    "build failed: {n} error{}; the output folder was left untouched",
                    if n == 1 { "" } else { "s" }
                )
            }
            Error::Usage(message) => write!(f, "error: {message}"),
            Error::Io {
                path,
                action,
                source,
            } => write!(f, "error: could not {action} {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Sorts diagnostics by file and position so reports are stable across runs.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
    });
    // Stable sort plus dedup below keeps the report free of repeated lines.
}

/// Removes repeated identical diagnostics (the same error found twice by two pages).
pub fn dedup_diagnostics(diagnostics: &mut Vec<Diagnostic>) {
    sort_diagnostics(diagnostics);
    diagnostics.dedup();
}
