//! Root-relative links (`[Impressum](/impressum/)`, `/downloads/plan.pdf`): checked
//! against what the site publishes, rewritten to the target's URL with the base path
//! (an alias leads to its page, `/impressum` to `/impressum/`), the query kept, and an
//! anchor checked against the target's headings like those of `@/` links.

use super::problems::{anchor_missing_in, unresolved};
use super::{OpenLink, Renderer, Target};
use crate::markdown::links;
use crate::markdown::{AnchorRef, Unresolved};
use crate::text;

impl Renderer<'_, '_> {
    /// Resolves the root-relative destination `dest` of `link` (`what`: link or image).
    pub(super) fn resolve_root_relative(
        &mut self,
        link: &OpenLink<'_>,
        dest: &str,
        what: &str,
    ) -> Target {
        let parts = links::root_relative(dest);
        let resolved = match self.resolver.resolve_url(&parts.path) {
            Ok(r) => r,
            Err(Unresolved { reason, hint }) => {
                let message = unresolved(what, &link.text, dest, reason);
                let d = self.diagnostic(link.offset, message).hint(hint);
                self.out.problems.push(d);
                return Target::default();
            }
        };
        let mut url = resolved.url;
        if let Some(query) = parts.query {
            url = format!("{url}?{query}");
        }
        if let Some(anchor) = parts.anchor {
            if let Some(doc) = resolved.document {
                let missing = self
                    .diagnostic(
                        link.offset,
                        anchor_missing_in(what, &link.text, dest, &doc, anchor),
                    )
                    .hint(text!("markdown-anchor-missing-in.hint"));
                self.out.anchor_refs.push(AnchorRef {
                    document: doc,
                    anchor: anchor.to_string(),
                    missing,
                });
            }
            url = format!("{url}#{anchor}");
        }
        Target {
            absolute: Some(self.resolver.absolute(&url)),
            href: Some(url),
            size: resolved.size,
        }
    }
}
