//! The taxonomies declared in `site.yaml`: `taxonomies: [themen]`, or per taxonomy a
//! mapping with a title, the allowed terms and how its term pages list their pages.
//! The model groups the pages by term (`model::terms`); this module only reads and
//! checks the declaration.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Visitor};

use crate::content::front_matter::SortBy;
use crate::content::slug::slugify;
use crate::error::Diagnostic;
use crate::text;
use crate::yaml::Step;

/// One entry of `taxonomies:` as written: a name, or a mapping.
#[derive(Debug)]
pub struct RawTaxonomy(Long);

/// The long form of a taxonomy.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Long {
    name: String,
    title: Option<String>,
    terms: Option<Vec<String>>,
    paginate_by: Option<u64>,
    #[serde(default)]
    feed: bool,
    sort_by: Option<SortBy>,
}

impl RawTaxonomy {
    /// The name as written.
    pub fn name(&self) -> &str {
        &self.0.name
    }
}

impl<'de> Deserialize<'de> for RawTaxonomy {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor rather than an untagged enum: errors in the long form keep their
        // position and serde's own words for an unknown key.
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = RawTaxonomy;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                // Named in the reader's language by `yaml::expecting`.
                f.write_str(crate::yaml::expecting::TAXONOMY)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawTaxonomy, E> {
                Ok(RawTaxonomy(Long {
                    name: v.to_string(),
                    ..Long::default()
                }))
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawTaxonomy, A::Error> {
                Long::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawTaxonomy)
            }
        }
        d.deserialize_any(Either)
    }
}

/// A resolved taxonomy declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The front matter key, e.g. `themen`.
    pub name: String,
    /// The title of its list page; the name with a capital by default.
    pub title: String,
    /// The only terms pages may use, when given.
    pub terms: Option<Vec<String>>,
    /// Pages per term page; all on one when `None`.
    pub paginate_by: Option<usize>,
    /// Whether every term gets an Atom feed.
    pub feed: bool,
    /// How a term page orders its pages; newest first by default.
    pub sort_by: SortBy,
}

/// Keys a page's front matter already uses; a taxonomy may not take one of them.
const RESERVED_KEYS: &[&str] = &[
    "title",
    "description",
    "date",
    "updated",
    "weight",
    "draft",
    "slug",
    "aliases",
    "template",
    "extra",
    "sort_by",
    "page_template",
    "type",
    "publish_date",
    "expiry_date",
    "expired",
];

/// Checks every declared taxonomy; problems are reported at their line of `text`.
pub fn resolve(raw: &[RawTaxonomy], text: &str, problems: &mut Vec<Diagnostic>) -> Vec<Settings> {
    let mut out: Vec<Settings> = Vec::new();
    for (i, RawTaxonomy(t)) in raw.iter().enumerate() {
        let at = |key: Option<&str>| {
            let mut path = vec![Step::Key("taxonomies".into()), Step::Index(i)];
            if let Some(key) = key {
                path.push(Step::Key(key.into()));
            }
            let (line, column) = crate::yaml::locate(text, &path).unwrap_or((1, 1));
            move |message, hint| {
                Diagnostic::new(crate::config::CONFIG_FILE, message)
                    .at(line, Some(column))
                    .with_source(text)
                    .hint(hint)
            }
        };
        let name = t.name.as_str();
        let bad_chars = name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if bad_chars || RESERVED_KEYS.contains(&name) {
            problems.push(at(None)(
                text!("config-taxonomy-name", name = name),
                text!("config-taxonomy-name.hint"),
            ));
        } else if out.iter().any(|o| o.name == name) {
            problems.push(at(None)(
                text!("config-taxonomy-twice", name = name),
                text!("config-taxonomy-twice.hint"),
            ));
        }
        if t.paginate_by == Some(0) {
            problems.push(at(Some("paginate_by"))(
                text!("config-paginate-by-zero"),
                text!("config-paginate-by-zero.hint"),
            ));
        }
        if t.title.as_deref().is_some_and(crate::yaml::is_blank) {
            problems.push(at(Some("title"))(
                text!("config-taxonomy-title-empty", name = name),
                text!("config-taxonomy-title-empty.hint"),
            ));
        }
        if let Some(terms) = &t.terms {
            check_allowed(
                terms,
                |message, hint| at(Some("terms"))(message, hint),
                problems,
            );
        }
        out.push(Settings {
            name: name.to_string(),
            title: t.title.clone().unwrap_or_else(|| capitalised(name)),
            terms: t.terms.clone(),
            paginate_by: t.paginate_by.and_then(|n| usize::try_from(n).ok()),
            feed: t.feed,
            sort_by: t.sort_by.unwrap_or(SortBy::Date),
        });
    }
    out
}

/// The allowed terms: none empty, and no two with one address.
fn check_allowed(
    terms: &[String],
    at: impl Fn(crate::messages::Text, crate::messages::Text) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) {
    let mut seen: Vec<(String, &str)> = Vec::new();
    for term in terms {
        let slug = slugify(term);
        if slug.is_empty() {
            problems.push(at(
                text!("config-term-no-slug", term = term.as_str()),
                text!("config-term-no-slug.hint"),
            ));
        } else if let Some((_, first)) = seen.iter().find(|(s, _)| *s == slug) {
            problems.push(at(
                text!(
                    "config-terms-one-slug",
                    first = *first,
                    term = term.as_str(),
                    slug = slug.as_str()
                ),
                text!("config-terms-one-slug.hint"),
            ));
        } else {
            seen.push((slug, term));
        }
    }
}

/// `themen` → `Themen`, `lern_orte` → `Lern orte`.
fn capitalised(name: &str) -> String {
    let name = name.replace('_', " ");
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(yaml: &str) -> (Vec<Settings>, Vec<String>) {
        #[derive(Deserialize)]
        struct Doc {
            taxonomies: Vec<RawTaxonomy>,
        }
        let doc: Doc = serde_yaml::from_str(yaml).unwrap();
        let mut problems = Vec::new();
        let out = resolve(&doc.taxonomies, yaml, &mut problems);
        (
            out,
            problems.iter().map(|d| d.message.to_string()).collect(),
        )
    }

    #[test]
    fn short_and_long_forms() {
        let (out, problems) = resolved(
            "taxonomies:\n  - tags\n  - name: themen\n    title: Themen\n    terms: [MINT]\n    paginate_by: 5\n    feed: true\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(out[0].title, "Tags");
        assert_eq!(out[0].sort_by, SortBy::Date);
        assert_eq!(out[1].terms.as_deref(), Some(&["MINT".to_string()][..]));
        assert_eq!((out[1].paginate_by, out[1].feed), (Some(5), true));
    }

    #[test]
    fn bad_declarations_are_reported() {
        let (_, problems) = resolved(
            "taxonomies:\n  - name: themen\n    paginate_by: 0\n    terms: [Übergänge, Uebergaenge, \"🙂\"]\n  - themen\n  - title\n",
        );
        assert_eq!(problems.len(), 5, "{problems:?}");
    }
}
