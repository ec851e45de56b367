//! Splitting a Markdown file into YAML front matter and body, and the typed front matter
//! of pages and sections as written (raw, not yet validated).

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};

use crate::text;
use crate::yaml::{self, Value, YamlError};

/// A file cut into its front matter and its Markdown body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines, if the file has front matter.
    pub front_matter: Option<&'a str>,
    /// The 1-based file line on which the YAML starts.
    pub front_matter_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// The 1-based file line on which the body starts.
    pub body_line: usize,
}

/// Cuts `text` at the `---` fences. An opening fence without a closing one is an error
/// whose value is the line of the opening fence.
pub fn split(text: &str) -> Result<Split<'_>, usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(after_open) = strip_fence(text) else {
        return Ok(Split {
            front_matter: None,
            front_matter_line: 1,
            body: text,
            body_line: 1,
        });
    };
    let start = text.len() - after_open.len();
    let mut offset = start;
    for (line, l) in (2..).zip(after_open.split_inclusive('\n')) {
        let bare = l.trim_end_matches(['\n', '\r']);
        if bare.trim_end() == "---" || bare.trim_end() == "..." {
            return Ok(Split {
                front_matter: Some(&text[start..offset]),
                front_matter_line: 2,
                body: &text[offset + l.len()..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(1)
}

fn strip_fence(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---")?;
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// By `weight` ascending, then title.
    #[default]
    Weight,
    /// Newest first by `date`; undated pages last.
    Date,
    /// Alphabetically by title.
    Title,
}

/// What a section does with its pages whose `expiry_date` has passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Expired {
    /// Leave them out of the build, like drafts.
    #[default]
    Hide,
    /// Keep them at their URL, marked as archived, out of the section's list.
    Archive,
}

/// The front matter of a section's `_index.md`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    /// The section title; the folder name when left out.
    pub title: Option<String>,
    /// A sentence for teasers and the meta description.
    pub description: Option<String>,
    /// Position among sibling sections (lower first).
    pub weight: Option<i64>,
    /// How the section's pages are ordered.
    #[serde(default)]
    pub sort_by: SortBy,
    /// Template for the section page itself instead of `section.html`.
    pub template: Option<String>,
    /// Template for the pages of this section instead of `page.html`.
    pub page_template: Option<String>,
    /// The content type of the pages in this section and its subsections.
    pub page_type: Option<String>,
    /// Leave the section and everything under it out unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Pages per list page; all on one when not given.
    pub paginate_by: Option<u64>,
    /// Whether the section has an Atom feed of its pages.
    #[serde(default)]
    pub feed: bool,
    /// What happens to this section's own pages after their `expiry_date` (not inherited).
    #[serde(default)]
    pub expired: Expired,
    /// Free values for templates.
    #[serde(default = "yaml::empty_map")]
    pub extra: Value,
}

/// The front matter of a page.
#[derive(Debug, Default)]
pub struct PageFrontMatter {
    /// The page title (required).
    pub title: String,
    /// A sentence for teasers and the meta description.
    pub description: Option<String>,
    /// Publication date, `YYYY-MM-DD` or RFC 3339.
    pub date: Option<String>,
    /// Date of the last change, `YYYY-MM-DD` or RFC 3339.
    pub updated: Option<String>,
    /// From when the page is built, `YYYY-MM-DD` (that day's midnight in the site's
    /// `timezone`) or RFC 3339 (that instant).
    pub publish_date: Option<String>,
    /// The last day the page is built, `YYYY-MM-DD` (shown through that whole day) or
    /// RFC 3339 (gone from that instant).
    pub expiry_date: Option<String>,
    /// Position among sibling pages when sorted by weight.
    pub weight: Option<i64>,
    /// Leave the page out unless `--drafts`.
    pub draft: bool,
    /// The last URL segment instead of the file name.
    pub slug: Option<String>,
    /// Old URLs that redirect to this page.
    pub aliases: Vec<String>,
    /// Template instead of the section's `page_template` or `page.html`.
    pub template: Option<String>,
    /// Free values for templates.
    pub extra: Value,
    /// Terms per configured taxonomy, e.g. `tags: [MINT]`.
    pub terms: BTreeMap<String, Vec<String>>,
    /// The page's content type, when it names its own (`type: team`).
    pub type_name: Option<String>,
    /// Every other key, as written: the fields of the page's type, checked against
    /// the type once it is known (in the model, where sections pass theirs on).
    pub fields: yaml::Mapping,
}

const PAGE_KEYS: &[&str] = &[
    "title",
    "description",
    "date",
    "updated",
    "publish_date",
    "expiry_date",
    "weight",
    "draft",
    "slug",
    "aliases",
    "template",
    "extra",
    "type",
];

/// The keys of a page's front matter lernort reads itself, with the taxonomies: no
/// field of a type may take one.
pub fn builtin_keys(taxonomies: &[String]) -> Vec<String> {
    PAGE_KEYS
        .iter()
        .map(|k| k.to_string())
        .chain(taxonomies.iter().cloned())
        .collect()
}

/// Parses page front matter, accepting the configured taxonomy names as extra keys.
pub fn parse_page(
    text: &str,
    first_line: usize,
    taxonomies: &[String],
) -> Result<PageFrontMatter, YamlError> {
    let what = text!("yaml-what-front-matter");
    let fm: PageFrontMatter = yaml::parse_seed(PageSeed { taxonomies }, text, first_line, &what)?;
    if yaml::is_blank(&fm.title) {
        let hint = text!("content-title-hint");
        return Err(yaml::empty_text(text, first_line, "title", &what, hint));
    }
    // A term is shown as link text, so an empty one is an empty link.
    if let Some(key) = fm
        .terms
        .iter()
        .find_map(|(key, terms)| terms.iter().any(|t| yaml::is_blank(t)).then_some(key))
    {
        let hint = text!("content-empty-term.hint", key = key);
        let mut e = yaml::empty_text(text, first_line, key, &what, hint);
        e.message = text!("content-empty-term", key = key, what = what);
        return Err(e);
    }
    Ok(fm)
}

/// Parses the front matter of an `_index.md`.
pub fn parse_section(text: &str, first_line: usize) -> Result<SectionFrontMatter, YamlError> {
    let what = text!("yaml-what-section-front-matter");
    let fm: SectionFrontMatter = yaml::parse(text, first_line, &what)?;
    // Left out, the title is the folder name; given but empty (`title:` reads as no
    // value), it would be an empty heading.
    let given = fm.title.is_some() || yaml::line_of_key(text, "title").is_some();
    if given && fm.title.as_deref().is_none_or(yaml::is_blank) {
        let hint = text!("content-section-title-hint");
        return Err(yaml::empty_text(text, first_line, "title", &what, hint));
    }
    Ok(fm)
}

#[derive(Clone, Copy)]
struct PageSeed<'a> {
    taxonomies: &'a [String],
}

impl<'de> DeserializeSeed<'de> for PageSeed<'_> {
    type Value = PageFrontMatter;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PageSeed<'_> {
    type Value = PageFrontMatter;

    // Never shown: a front matter that is not keys is named by `yaml-not-keys`.
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of front matter keys such as `title: …`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fm = PageFrontMatter {
            extra: yaml::empty_map(),
            ..Default::default()
        };
        let mut title = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "title" => title = Some(map.next_value()?),
                "description" => fm.description = map.next_value()?,
                "date" => fm.date = map.next_value()?,
                "updated" => fm.updated = map.next_value()?,
                "publish_date" => fm.publish_date = map.next_value()?,
                "expiry_date" => fm.expiry_date = map.next_value()?,
                "weight" => fm.weight = map.next_value()?,
                "draft" => fm.draft = map.next_value()?,
                "slug" => fm.slug = map.next_value()?,
                "aliases" => fm.aliases = map.next_value()?,
                "template" => fm.template = map.next_value()?,
                "extra" => fm.extra = map.next_value()?,
                "type" => fm.type_name = map.next_value()?,
                other if self.taxonomies.iter().any(|t| t == other) => {
                    let terms: Terms = map.next_value()?;
                    fm.terms.insert(key, terms.0);
                }
                // Checked against the page's type in the model, once it is known.
                _ => {
                    let value: Value = map.next_value()?;
                    fm.fields.insert(Value::String(key), value);
                }
            }
        }
        if title.is_none() {
            // `titel:` instead of `title:` is better told as the misspelt key it is
            // than as a missing title.
            let written: Vec<String> = fm
                .fields
                .keys()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect();
            let title_key = ["title".to_string()];
            if let Some(near) = written
                .iter()
                .find(|k| yaml::closest(k, &title_key).is_some())
            {
                let expected: Vec<String> = PAGE_KEYS
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .chain(self.taxonomies.iter().map(|t| format!("`{t}`")))
                    .collect();
                // serde's own words for an unknown field, so that `yaml` names it as
                // it names the unknown keys of derived types.
                return Err(de::Error::custom(format!(
                    "unknown field `{near}`, expected one of {}",
                    expected.join(", ")
                )));
            }
        }
        fm.title = title.ok_or_else(|| de::Error::missing_field("title"))?;
        Ok(fm)
    }
}

/// Taxonomy terms: a list, or a single term for convenience.
struct Terms(Vec<String>);

impl<'de> Deserialize<'de> for Terms {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor rather than an untagged enum: errors keep the value's position.
        struct TermsVisitor;
        impl<'de> Visitor<'de> for TermsVisitor {
            type Value = Terms;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                // Named in the reader's language by `yaml::expecting`.
                f.write_str(yaml::expecting::TERMS)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Terms, E> {
                Ok(Terms(vec![v.to_string()]))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Terms, A::Error> {
                let mut terms = Vec::new();
                while let Some(term) = seq.next_element::<String>()? {
                    terms.push(term);
                }
                Ok(Terms(terms))
            }
        }
        d.deserialize_any(TermsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_front_matter_and_body_lines() {
        let s = split("---\ntitle: A\n---\nHallo\n").unwrap();
        assert_eq!(s.front_matter, Some("title: A\n"));
        assert_eq!(s.body, "Hallo\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn split_without_front_matter_keeps_whole_text() {
        let s = split("# Hallo\n").unwrap();
        assert_eq!(s.front_matter, None);
        assert_eq!(s.body, "# Hallo\n");
    }

    #[test]
    fn split_handles_crlf_and_bom() {
        let s = split("\u{feff}---\r\ntitle: A\r\n---\r\nText").unwrap();
        assert_eq!(s.front_matter, Some("title: A\r\n"));
        assert_eq!(s.body, "Text");
    }

    #[test]
    fn unclosed_front_matter_is_an_error_at_line_one() {
        assert_eq!(split("---\ntitle: A\n"), Err(1));
    }

    #[test]
    fn page_takes_taxonomy_keys_and_keeps_other_keys_for_its_type() {
        let tax = vec!["tags".to_string()];
        let fm = parse_page(
            "title: A\ntags: [MINT]\ntype: team\nrolle: Leitung\n",
            2,
            &tax,
        )
        .unwrap();
        assert_eq!(fm.terms["tags"], vec!["MINT".to_string()]);
        assert_eq!(fm.type_name.as_deref(), Some("team"));
        assert_eq!(
            fm.fields.get("rolle").and_then(Value::as_str),
            Some("Leitung")
        );
    }

    #[test]
    fn wrong_term_type_points_at_its_line() {
        let tax = vec!["tags".to_string()];
        let err = parse_page("title: A\ntags: {Bildung: ja}\n", 2, &tax).unwrap_err();
        assert_eq!(err.line, Some(3), "{err:?}");
        assert!(
            err.message
                .to_string()
                .starts_with("`tags` must be a term or a list"),
            "{}",
            err.message
        );
    }

    #[test]
    fn page_requires_title() {
        let err = parse_page("draft: true\n", 2, &[]).unwrap_err();
        assert_eq!(
            err.message.to_string(),
            "missing required key `title` in the front matter"
        );
    }
}
