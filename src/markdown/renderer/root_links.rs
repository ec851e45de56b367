//! Root-relative links (`[Impressum](/impressum/)`, `/downloads/plan.pdf`): checked
//! against what the site publishes, rewritten to the target's URL with the base path
//! (an alias leads to its page, `/impressum` to `/impressum/`), the query kept, and an
//! anchor checked against the target's headings like those of `@/` links.

use super::problems::unresolved;
use super::{OpenLink, Renderer, Target};
use crate::markdown::Unresolved;
use crate::markdown::links;

impl Renderer<'_, '_> {
    /// Resolves the root-relative destination `dest` of `link` (`what`: link or image).
    pub(super) fn resolve_root_relative(
        &mut self,
        link: &OpenLink<'_>,
        dest: &str,
        what: &'static str,
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
                self.anchor_in(link.offset, (what, &link.text, dest), doc, anchor);
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
