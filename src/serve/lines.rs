//! The preview's lines in the terminal, in the language it was started with.

use std::io::Write;

use crate::error::Error;
use crate::messages::{Lang, Text};
use crate::text;

/// The changed files for the rebuild line: all of them when few, else the first few
/// and how many more (switching a git branch can touch hundreds).
pub(super) fn summary(names: &[String], lang: Lang) -> String {
    const SHOWN: usize = 5;
    // A list of file names is written the same way in every language.
    if names.len() <= SHOWN + 1 {
        return names.join(", ");
    }
    let more = text!(
        "serve-and-more",
        names = names[..SHOWN].join(", "),
        count = names.len() - SHOWN
    );
    more.render(lang)
}

/// The error as `build` prints it, but ending with what the preview does about it:
/// serving the last good version if there is one (`built`), else only the error.
pub(super) fn failure_text(e: &Error, built: bool, lang: Lang) -> String {
    let style = crate::error::Style::plain(lang);
    match e {
        Error::Content(diagnostics) => {
            let mut text: String = diagnostics
                .iter()
                .map(|d| format!("{}\n\n", d.render(style)))
                .collect();
            let count = diagnostics.len();
            let end = if built {
                text!("serve-still-serving", count = count)
            } else {
                text!("serve-not-built-yet", count = count)
            };
            text.push_str(&end.render(lang));
            text
        }
        other => other.render(style),
    }
}

/// A line on standard output in `lang`.
pub(super) fn say(line: &Text, lang: Lang) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", line.render(lang));
    let _ = out.flush();
}

/// A line on standard error in `lang`.
pub(super) fn warn(line: &Text, lang: Lang) {
    let _ = writeln!(std::io::stderr().lock(), "{}", line.render(lang));
}

/// A line on standard error in `lang` and a report below it, written at once so that
/// no other line comes between them.
pub(super) fn warn_with(line: &Text, report: &str, lang: Lang) {
    let _ = writeln!(std::io::stderr().lock(), "{}\n{report}", line.render(lang));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rebuild_line_names_a_few_files_and_counts_the_rest() {
        let names = |n: usize| {
            (1..=n)
                .map(|i| format!("content/{i}.md"))
                .collect::<Vec<_>>()
        };
        assert_eq!(summary(&names(1), Lang::En), "content/1.md");
        assert_eq!(
            summary(&names(6), Lang::En).matches(".md").count(),
            6,
            "six are all shown"
        );
        assert_eq!(
            summary(&names(300), Lang::En),
            "content/1.md, content/2.md, content/3.md, content/4.md, content/5.md and 295 more files"
        );
        assert_eq!(
            summary(&names(7), Lang::De),
            "content/1.md, content/2.md, content/3.md, content/4.md, content/5.md und 2 weitere Dateien"
        );
    }
}
