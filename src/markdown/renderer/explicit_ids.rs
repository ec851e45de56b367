//! Heading ids written by the author (`## Adresse {#kontakt}`): all of a document's are
//! taken before any automatic id is made, so the author's id wins wherever it stands and
//! an automatic one steps aside (`kontakt-1`); the same written id twice is an error.

use super::Renderer;
use crate::text;

impl Renderer<'_, '_> {
    /// Takes the explicit heading ids `(id, offset)` of the whole document, before any
    /// heading is rendered. A repeated one stays free for its first heading; the
    /// repetition is reported when its heading closes ([`Self::explicit_id`]).
    pub(in crate::markdown) fn reserve_explicit_ids<'s>(
        &mut self,
        ids: impl Iterator<Item = (pulldown_cmark::CowStr<'s>, usize)>,
    ) {
        for (id, offset) in ids {
            // A second heading with the id finds the first as its owner later.
            let _ = self.ids.exact(&id, offset);
        }
    }

    /// An id written as `{#id}`: used as written (it was reserved for this heading
    /// beforehand). A second heading with the same id is an error, since links to it
    /// would silently reach the first.
    pub(super) fn explicit_id(&mut self, id: &str, offset: usize) -> String {
        let owner = match self.ids.owner(id) {
            Some(owner) => owner,
            // Not reserved (the pre-pass sees every heading, so this is only a guard).
            None => {
                let _ = self.ids.exact(id, offset);
                offset
            }
        };
        match owner {
            o if o == offset => id.to_string(),
            first => {
                let line = self.input.text[..first].matches('\n').count() + 1;
                let d = self
                    .diagnostic(
                        offset,
                        text!("markdown-heading-id-twice", id = id, line = line),
                    )
                    .hint(text!("markdown-heading-id-twice.hint"));
                self.out.problems.push(d);
                self.ids.unique(id, offset)
            }
        }
    }
}
