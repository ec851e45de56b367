//! The problems the renderer reports, placed at the Markdown they are about.

use std::path::Path;

use super::Renderer;
use crate::error::Diagnostic;
use crate::markdown::AnchorRef;
use crate::messages::Text;
use crate::text;

impl Renderer<'_, '_> {
    /// Notes a link at `offset` into heading `anchor` of the document `doc`, checked once
    /// every document's headings are known.
    pub(super) fn anchor_in(
        &mut self,
        offset: usize,
        (what, text, dest): (&'static str, &str, &str),
        doc: String,
        anchor: &str,
    ) {
        let at = self.position(offset);
        self.out.anchor_refs.push(AnchorRef {
            document: doc,
            anchor: anchor.to_string(),
            at,
            what,
            text: text.into(),
            dest: dest.into(),
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
        let (line, column) = self.position(offset);
        let mut d = Diagnostic::new(self.input.display, message).at(line, Some(column));
        d.source_line = self
            .line_index()
            .line(self.input.text, line)
            .map(str::to_owned);
        d
    }

    /// The line and column of byte `offset`.
    fn position(&self, offset: usize) -> (usize, usize) {
        self.line_index().position(self.input.text, offset)
    }

    fn line_index(&self) -> &crate::lines::LineIndex {
        // Built on the first problem or anchor link: most documents have none.
        self.lines
            .get_or_init(|| crate::lines::LineIndex::new(self.input.text))
    }
}

impl AnchorRef {
    /// The error for this link of the file `display` when its heading does not exist,
    /// without its source line (which the caller reads from the file).
    pub fn missing(&self, display: &Path) -> Diagnostic {
        let (what, text, dest) = (self.what, &*self.text, &*self.dest);
        let message = anchor_missing_in(what, text, dest, &self.document, &self.anchor);
        Diagnostic::new(display, message)
            .at(self.at.0, Some(self.at.1))
            .hint(text!("markdown-anchor-missing-in.hint"))
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
