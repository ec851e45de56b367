//! A template that ends too early: Tera says "Unexpected end of input" at the end of
//! the text (one line past the last when the file ends with a line break). Which block
//! tag is still open is read from the text here, as `template_deps` reads tags, so that
//! the message names that tag at its own line.

use std::path::PathBuf;

use crate::error::Diagnostic;
use crate::render::template_deps::{first_word, scan};
use crate::render::template_errors::list;
use crate::text;

/// A block tag left open at the end of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unclosed {
    /// The opening tag's first word, e.g. `block`.
    pub word: String,
    /// The opening tag as written, without delimiters, e.g. `block content`.
    pub tag: String,
    /// 1-based line of the opening tag.
    pub line: usize,
}

/// The tags that open a body and the tag that closes each.
const PAIRS: &[(&str, &str)] = &[
    ("block", "endblock"),
    ("if", "endif"),
    ("for", "endfor"),
    ("filter", "endfilter"),
    ("component", "endcomponent"),
    ("macro", "endmacro"),
];

/// The tag that closes a body opened by `word`, if `word` opens one.
fn closer(word: &str) -> Option<&'static str> {
    PAIRS
        .iter()
        .find(|(open, _)| *open == word)
        .map(|(_, c)| *c)
}

/// The block tags still open at the end of `text`, outermost first: what Tera's
/// "Unexpected end of input" is about when the text ends inside a body. Empty when the
/// text ends inside a tag, which is then the problem.
pub(super) fn unclosed(text: &str) -> Vec<Unclosed> {
    let (tags, complete) = scan(text);
    if !complete {
        return Vec::new();
    }
    let mut open: Vec<Unclosed> = Vec::new();
    for tag in tags.into_iter().filter(|t| t.block) {
        let word = first_word(tag.body);
        if closer(word).is_some() {
            open.push(Unclosed {
                word: word.to_string(),
                tag: tag.body.to_string(),
                line: tag.line,
            });
        } else if let Some(i) = open.iter().rposition(|o| closer(&o.word) == Some(word)) {
            open.truncate(i);
        }
    }
    open
}

/// Tera's "Unexpected end of input" is placed at the end of the text, which is one line
/// past the last when the file ends with a line break. Name the block tag left open
/// instead, at its own line; without one (say, an unclosed `{{` or `{%` tag), keep
/// Tera's words at its position, or at the end of the last line when it lies past it.
pub(super) fn end_of_input(path: PathBuf, text: &str, at: (usize, usize)) -> Diagnostic {
    let lines = text.lines().count().max(1);
    let last_width = text.lines().last().map_or(0, |l| l.chars().count());
    let at_end = at.0 > lines || (at.0 == lines && at.1 > last_width);
    let open = if at_end { unclosed(text) } else { Vec::new() };
    let Some(inner) = open.last() else {
        let at = if at_end { (lines, last_width + 1) } else { at };
        return Diagnostic::new(path, text!("templates-unexpected-end"))
            .at(at.0, Some(at.1))
            .with_source(text)
            .hint(text!("templates-unexpected-end.hint"));
    };
    // Every open block needs its end tag, innermost first: code, the same in every
    // language.
    let ends: Vec<String> = open
        .iter()
        .rev()
        .filter_map(|o| closer(&o.word).map(|c| format!("`{{% {c} %}}`")))
        .collect();
    let message = match &open[..open.len() - 1] {
        [] => text!(
            "templates-block-unclosed",
            tag = &inner.tag,
            line = inner.line
        ),
        outer => text!(
            "templates-blocks-unclosed",
            tag = &inner.tag,
            line = inner.line,
            others = list(outer.iter().map(|o| text!(
                "templates-block-open-item",
                tag = &o.tag,
                line = o.line
            ))),
            count = outer.len()
        ),
    };
    let hint = match ends.as_slice() {
        [end] => text!("templates-block-close-one", end = end),
        _ => text!("templates-block-close-many", ends = list(ends)),
    };
    Diagnostic::new(path, message)
        // The tag's column is not known here (the scan counts lines only).
        .at(inner.line, None)
        .with_source(text)
        .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_blocks_left_open() {
        let open = unclosed("{% block content %}\n{% if a %}x{% endif %}\n{% for p in ps %}\n");
        let found: Vec<(&str, usize)> = open.iter().map(|u| (u.tag.as_str(), u.line)).collect();
        assert_eq!(found, [("block content", 1), ("for p in ps", 3)]);
        assert!(unclosed("{% block a %}{% raw %}{% if %}{% endraw %}{% endblock %}").is_empty());
        // Ending inside a tag is the problem then, not the block around it.
        assert!(unclosed("{% block a %}\n{% if b").is_empty());
    }
}
