//! The views of sections and terms from the last good render, reused by the next one
//! while their fingerprints hold. A fingerprint covers everything such a view is made
//! of (its own fields, its pages' values, its subsections), so a one-page edit builds
//! again only the lists that show that page: at 50,000 pages the others hold about
//! 200,000 page values, each touched for nothing when every list is made anew.

use rustc_hash::FxHashMap;
use tera::Value;

use crate::model::Site;
use crate::render::fingerprint::Fingerprints;

/// A section's value and its two lists of page values.
#[derive(Debug)]
pub struct SectionView {
    fingerprint: u64,
    /// The `section` value (with its pages and subsections).
    pub value: Value,
    /// Its pages' values, in list order.
    pub pages: Vec<Value>,
    /// Its archived pages' values, in list order.
    pub archived: Vec<Value>,
}

/// A term's value and its list of page values.
#[derive(Debug)]
pub struct TermView {
    fingerprint: u64,
    /// The `term` value (with its pages).
    pub value: Value,
    /// Its pages' values, in list order.
    pub pages: Vec<Value>,
}

/// The section and term views of one render, by what they belong to: a section by
/// its content path, a term by its taxonomy's name and its slug (ids change when a
/// section or term comes or goes).
#[derive(Debug, Default)]
pub struct KeptViews {
    sections: FxHashMap<String, SectionView>,
    /// By taxonomy, then by term slug.
    terms: FxHashMap<String, FxHashMap<String, TermView>>,
}

impl KeptViews {
    /// Takes out the view of section `rel` if it was made with `fingerprint`.
    pub fn take_section(&mut self, rel: &str, fingerprint: u64) -> Option<SectionView> {
        let view = self.sections.remove(rel)?;
        (view.fingerprint == fingerprint).then_some(view)
    }

    /// Takes out the view of a term (`taxonomy`, `slug`) if it was made with
    /// `fingerprint`.
    pub fn take_term(&mut self, taxonomy: &str, slug: &str, fingerprint: u64) -> Option<TermView> {
        let view = self.terms.get_mut(taxonomy)?.remove(slug)?;
        (view.fingerprint == fingerprint).then_some(view)
    }

    /// Keeps the section and term views of `views` (moved out of it: the render needs
    /// them no more once its list jobs are made), as `site` and `fps` name them.
    pub fn keep(site: &Site, fps: &Fingerprints, views: &mut super::Views) -> KeptViews {
        let mut kept = KeptViews::default();
        let lists = std::mem::take(&mut views.section_pages);
        let archives = std::mem::take(&mut views.archive_pages);
        let values = views.sections.iter().cloned();
        let all = site
            .sections
            .iter()
            .zip(values.zip(lists.into_iter().zip(archives)));
        for (id, (s, (value, (pages, archived)))) in all.enumerate() {
            let view = SectionView {
                fingerprint: fps.sections[id],
                value,
                pages,
                archived,
            };
            kept.sections.insert(s.rel.clone(), view);
        }
        let term_lists = std::mem::take(&mut views.term_pages);
        for (t, (taxonomy, lists)) in site.taxonomies.iter().zip(term_lists).enumerate() {
            let terms = kept.terms.entry(taxonomy.name.clone()).or_default();
            for (i, (term, pages)) in taxonomy.terms.iter().zip(lists).enumerate() {
                let view = TermView {
                    fingerprint: fps.terms[t][i],
                    value: views.terms[t][i].clone(),
                    pages,
                };
                terms.insert(term.slug.clone(), view);
            }
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(fingerprint: u64, title: &str) -> SectionView {
        SectionView {
            fingerprint,
            value: Value::from(title),
            pages: vec![Value::from(1)],
            archived: Vec::new(),
        }
    }

    #[test]
    fn a_view_is_taken_once_and_only_with_its_fingerprint() {
        let mut kept = KeptViews::default();
        kept.sections.insert("a/_index.md".into(), section(7, "A"));
        kept.sections.insert("b/_index.md".into(), section(8, "B"));
        let view = TermView {
            fingerprint: 9,
            value: Value::from("t"),
            pages: Vec::new(),
        };
        kept.terms
            .entry("tags".into())
            .or_default()
            .insert("start".into(), view);
        let a = kept
            .take_section("a/_index.md", 7)
            .expect("same fingerprint");
        assert_eq!(a.value, Value::from("A"));
        assert!(
            kept.take_section("a/_index.md", 7).is_none(),
            "taken already"
        );
        assert!(
            kept.take_section("b/_index.md", 9).is_none(),
            "another fingerprint"
        );
        assert!(
            kept.take_section("b/_index.md", 8).is_none(),
            "gone with the mismatch"
        );
        assert!(kept.take_term("tags", "start", 1).is_none());
        assert!(kept.take_term("tags", "start", 9).is_none());
    }
}
