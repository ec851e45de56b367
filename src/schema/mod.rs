//! Content types: what `site.yaml` declares under `types:` (the fields a team member,
//! a project or a news item has), checked in every page of that type, and handed to
//! templates as typed values (`page.fields`), every declared field present.
//!
//! A section's `_index.md` names the type of its pages (`page_type: team`), which its
//! subsections inherit; a page may name its own (`type: team`). Fields are written at
//! the top level of the front matter, beside `title`, as an editor expects.

mod define;
mod refs;
mod validate;
mod written;

use std::collections::BTreeMap;

pub use define::define;
pub use validate::{Check, validate};

use crate::yaml::Value;

/// The declared types, by name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schema {
    /// Type name → type.
    pub types: BTreeMap<String, Type>,
}

/// One content type.
#[derive(Debug, Clone, PartialEq)]
pub struct Type {
    /// Its fields, in the order `site.yaml` lists them.
    pub fields: Vec<(String, Field)>,
}

/// One field of a type, or the items of a list, or a field of a group.
#[derive(Debug, Clone)]
pub struct Field {
    /// What kind of value it holds.
    pub kind: Kind,
    /// Whether a page must give it.
    pub required: bool,
    /// Its value when a page leaves it out.
    pub default: Option<Value>,
    /// Fields whose presence makes this one required.
    pub required_with: Vec<String>,
    /// Smallest length (texts, lists) or value (numbers).
    pub min: Option<f64>,
    /// Largest length (texts, lists) or value (numbers).
    pub max: Option<f64>,
    /// A regular expression the whole text must match.
    pub pattern: Option<regex::Regex>,
    /// What belongs in the field, in the editors' words (for `lernort new`).
    pub description: Option<String>,
}

/// Fields compare by what they accept; a pattern by its text.
impl PartialEq for Field {
    fn eq(&self, other: &Field) -> bool {
        self.kind == other.kind
            && self.required == other.required
            && self.default == other.default
            && self.required_with == other.required_with
            && self.min == other.min
            && self.max == other.max
            && self.pattern.as_ref().map(regex::Regex::as_str)
                == other.pattern.as_ref().map(regex::Regex::as_str)
            && self.description == other.description
    }
}

/// The kinds of values a field can hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// One line of text.
    String,
    /// Text of any length, line breaks allowed.
    Text,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A day, `YYYY-MM-DD`.
    Date,
    /// A month, `YYYY-MM` (a project that ran "until August 2015").
    Month,
    /// A day and time, RFC 3339.
    Datetime,
    /// A mail address.
    Email,
    /// An absolute `http(s)` address.
    Url,
    /// A phone number.
    Phone,
    /// An image file that exists, with its alt text in the field `alt` names.
    Image {
        /// The field holding the alt text (`<name>_alt` unless given).
        alt: String,
    },
    /// A file that exists.
    File,
    /// A page of the site, by its file.
    Page,
    /// One of the listed values.
    Enum(Vec<String>),
    /// A list of values of one kind.
    List(Box<Field>),
    /// A group of named fields.
    Map(Vec<(String, Field)>),
}

impl Kind {
    /// The names `site.yaml` uses for the kinds, as written after `type:`.
    pub const NAMES: &'static [&'static str] = &[
        "string", "text", "integer", "number", "boolean", "date", "month", "datetime", "email",
        "url", "phone", "image", "file", "page", "enum", "list", "map",
    ];
}

impl Schema {
    /// The type called `name`.
    pub fn get(&self, name: &str) -> Option<&Type> {
        self.types.get(name)
    }

    /// The type names, for "did you mean" hints.
    pub fn names(&self) -> Vec<String> {
        self.types.keys().cloned().collect()
    }

    /// The message and hint for `name`, which is not a declared type.
    pub fn unknown(&self, name: &str) -> (crate::messages::Text, crate::messages::Text) {
        let names = self.names();
        let types = names.join(", ");
        let hint = match crate::yaml::closest(name, &names) {
            Some(best) => crate::text!(
                "schema-type-unknown.hint-closest",
                best = best,
                types = types
            ),
            None if names.is_empty() => crate::text!("schema-type-unknown.hint-none"),
            None => crate::text!("schema-type-unknown.hint", types = types),
        };
        (crate::text!("schema-type-unknown", name = name), hint)
    }
}
