//! The typed fields of each page: its front matter checked against its content type
//! (see [`crate::schema`]) once every page and file of the site is known, so that
//! references to pages and images can be checked too.

use crate::config::Config;
use crate::content::Document;
use crate::content::front_matter::{self, PageFrontMatter};
use crate::error::Diagnostic;
use crate::markdown::Resolve;
use crate::schema::{Check, validate};
use crate::yaml;

/// The typed fields of the page read from `doc`, whose type is `type_name`; problems
/// are added to `problems` and the fields are then `null`.
pub(super) fn of(
    doc: &Document<PageFrontMatter>,
    type_name: Option<&str>,
    resolver: &dyn Resolve,
    config: &Config,
    builtin: &[String],
    problems: &mut Vec<Diagnostic>,
) -> yaml::Value {
    let given = &doc.front_matter.fields;
    // A page without a type has no fields: an empty map, so that a template that
    // reads `page.fields.x` on it gets nothing rather than an error.
    if type_name.is_none() && given.is_empty() {
        return yaml::empty_map();
    }
    // A type the page inherits from its section, but which does not exist, is
    // reported once, at the section's `page_type`; only a page's own `type:` is
    // reported on the page.
    if doc.front_matter.type_name.is_none()
        && type_name.is_some_and(|name| config.schema.get(name).is_none())
    {
        return yaml::Value::Null;
    }
    // The text was split when it was read; splitting again is cheap and only happens
    // for pages that have fields or a type.
    let (front, first_line) = match front_matter::split(&doc.text) {
        Ok(split) => (split.front_matter.unwrap_or(""), split.front_matter_line),
        Err(_) => ("", 1),
    };
    let check = Check {
        schema: &config.schema,
        resolver: Some(resolver),
        dir: doc.dir(),
        display: &doc.display,
        text: &doc.text,
        front_matter: (front, first_line),
        builtin,
    };
    match validate(&check, type_name, given) {
        Ok(fields) => fields,
        Err(found) => {
            problems.extend(found);
            yaml::Value::Null
        }
    }
}
