//! The error type: every problem a user can cause, with the file, line and a hint.
//!
//! Content problems are collected as [`Diagnostic`]s so one build reports all of them;
//! only `main` turns an [`Error`] into an exit code.

mod report;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::messages::Text;
pub use report::Style;

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
    pub message: Text,
    /// The source line the problem is on, shown under the message.
    pub source_line: Option<String>,
    /// How to fix it.
    pub hint: Option<Text>,
    /// Extra context, such as the content file being rendered.
    pub note: Option<Text>,
}

impl Diagnostic {
    /// A problem in `path` with no position yet.
    pub fn new(path: impl Into<PathBuf>, message: impl Into<Text>) -> Self {
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
    pub fn hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a note with context.
    pub fn note(mut self, note: impl Into<Text>) -> Self {
        self.note = Some(note.into());
        self
    }
}

/// Everything that can stop a command.
#[derive(Debug)]
pub enum Error {
    /// Problems in the site's own files (content, config, templates). Exit code 1.
    Content(Vec<Diagnostic>),
    /// A wrong invocation: a missing site, a bad flag value. Exit code 2.
    Usage(Text),
    /// The command failed and has already said why (`check` printed its findings).
    /// Exit code 1.
    Reported,
    /// Reading or writing failed for a reason outside the site's content. Exit code 2.
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What we were doing, e.g. `common-io-read` ("read").
        action: Text,
        /// The operating system's error.
        source: std::io::Error,
    },
}

impl Error {
    /// A usage error (exit code 2).
    pub fn usage(message: impl Into<Text>) -> Self {
        Error::Usage(message.into())
    }

    /// An I/O error while doing `action` on `path`.
    pub fn io(action: impl Into<Text>, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            action: action.into(),
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
            Error::Content(_) | Error::Reported => 1,
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

/// English, for logs and `Debug`; people get [`Error::render`].
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(report::Style::plain(crate::messages::Lang::En)))
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
