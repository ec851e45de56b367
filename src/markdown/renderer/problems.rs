//! The problems the renderer reports, placed at the Markdown they are about.

use super::Renderer;
use crate::error::Diagnostic;
use crate::messages::Text;
use crate::text;

impl Renderer<'_, '_> {
    /// Notes a link at `offset` into heading `anchor` of the document `doc`, checked once
    /// every document's headings are known. Its message is made now, without the source
    /// line: every build keeps it until then, and it is needed only if the heading is
    /// missing (the line is read again then: see `AnchorRef::missing`).
    pub(super) fn anchor_in(
        &mut self,
        offset: usize,
        (what, text, dest): (&str, &str, &str),
        doc: String,
        anchor: &str,
    ) {
        let mut missing = self
            .diagnostic(offset, anchor_missing_in(what, text, dest, &doc, anchor))
            .hint(text!("markdown-anchor-missing-in.hint"));
        missing.source_line = None;
        self.out.anchor_refs.push(crate::markdown::AnchorRef {
            document: doc,
            anchor: anchor.to_string(),
            missing,
        });
    }

    /// A footnote defined twice is most likely a copy left behind: the second text would
    /// silently never be shown (the first definition wins).
    pub(super) fn footnote_twice(&mut self, label: &str, offset: usize, first: usize) {
        let line = self.input.text[..first].matches('\n').count() + 1;
        let d = self
            .diagnostic(offset, text!("markdown-footnote-twice", label = label))
            .hint(text!("markdown-footnote-twice.hint", line = line));
        self.out.problems.push(d);
    }

    pub(super) fn diagnostic(&self, offset: usize, message: Text) -> Diagnostic {
        let text = self.input.text;
        // Built on the first problem: most documents have none.
        let index = self
            .lines
            .get_or_init(|| crate::lines::LineIndex::new(text));
        let (line, column) = index.position(text, offset);
        let mut d = Diagnostic::new(self.input.display, message).at(line, Some(column));
        d.source_line = index.line(text, line).map(str::to_owned);
        d
    }
}

/// "The link `text` points to `dest`, " and why it leads nowhere; `what` is `link` or
/// `image`.
pub(super) fn unresolved(what: &str, text: &str, dest: &str, reason: Text) -> Text {
    text!(
        "markdown-link-unresolved",
        what = what,
        text = text,
        dest = dest,
        reason = reason
    )
}

/// The link to `dest#anchor` finds the document `doc` but no such heading in it.
pub(super) fn anchor_missing_in(
    what: &str,
    text: &str,
    dest: &str,
    doc: &str,
    anchor: &str,
) -> Text {
    text!(
        "markdown-anchor-missing-in",
        what = what,
        text = text,
        dest = dest,
        doc = doc,
        anchor = anchor
    )
}
