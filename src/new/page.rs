//! The text of a new page: its front matter, with a comment above every field saying
//! what belongs there, in the editor's language.

use crate::messages::{Arg, Lang, Text};
use crate::schema::{Field, Kind};
use crate::text;
use crate::yaml::{self, Value};

/// What goes into the new page.
pub struct Plan<'a> {
    /// The title, as the editor will read it.
    pub title: &'a str,
    /// The `date`, when the page gets one.
    pub date: Option<jiff::civil::Date>,
    /// A `type:` line, when the page's type is not its section's.
    pub type_name: Option<&'a str>,
    /// The fields of the page's type (none for a plain page).
    pub fields: &'a [(String, Field)],
    /// The site's taxonomies: name, title and, when declared, the allowed terms.
    pub taxonomies: &'a [(String, String, Option<Vec<String>>)],
    /// The language of the comments.
    pub lang: Lang,
}

/// The page's text and the fields left for the editor to fill in.
pub struct Written {
    /// The whole file.
    pub text: String,
    /// The required fields written empty.
    pub to_fill: Vec<String>,
}

/// How much a field is needed on a new page.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Need {
    /// Always: written out, empty unless it has a default.
    Required,
    /// Once another field is given: commented out, like an optional one.
    With(String),
    /// Never: commented out.
    Optional,
}

/// The file for `plan`.
pub fn render(plan: &Plan) -> Written {
    let mut out = String::from("---\n");
    let title = yaml::inline(&Value::String(plan.title.to_string()));
    out.push_str(&format!("title: {title}\n"));
    comment(
        &mut out,
        &text!("new-comment-description").render(plan.lang),
    );
    out.push_str("description: \n");
    if let Some(date) = plan.date {
        out.push_str(&format!("date: {date}\n"));
    }
    if let Some(name) = plan.type_name {
        out.push_str(&format!("type: {name}\n"));
    }
    let needs: Vec<Need> = plan
        .fields
        .iter()
        .map(|(name, field)| need(name, field, plan.fields))
        .collect();
    let mut to_fill = Vec::new();
    for ((name, field), need) in plan.fields.iter().zip(&needs) {
        if *need == Need::Required {
            if field.default.is_none() {
                to_fill.push(name.clone());
            }
            one(&mut out, name, field, need, plan, "");
        }
    }
    // A dated page (news) may appear and go on its own dates.
    let scheduled = plan.date.is_some();
    let more = needs.iter().any(|n| *n != Need::Required) || !plan.taxonomies.is_empty();
    if more || scheduled {
        out.push('\n');
        comment(&mut out, &text!("new-comment-more").render(plan.lang));
        for ((name, field), need) in plan.fields.iter().zip(&needs) {
            if *need != Need::Required {
                one(&mut out, name, field, need, plan, "# ");
            }
        }
        for (name, title, allowed) in plan.taxonomies {
            let said = match allowed {
                Some(terms) => text!(
                    "new-comment-terms-allowed",
                    title = title.as_str(),
                    terms = terms.join(", ")
                ),
                None => text!("new-comment-terms", title = title.as_str()),
            };
            comment(&mut out, &said.render(plan.lang));
            out.push_str(&format!("# {name}: []\n"));
        }
        if scheduled {
            comment(
                &mut out,
                &text!("new-comment-publish-date").render(plan.lang),
            );
            out.push_str("# publish_date: \n");
            comment(
                &mut out,
                &text!("new-comment-expiry-date").render(plan.lang),
            );
            out.push_str("# expiry_date: \n");
        }
    }
    out.push_str("---\n");
    Written { text: out, to_fill }
}

/// A field: its comment, its line (behind `lead`, `# ` when commented out), and for
/// lists and groups an example of their lines, commented out.
fn one(out: &mut String, name: &str, field: &Field, need: &Need, plan: &Plan, lead: &str) {
    let what = what(name, field, plan.fields);
    let said = match need {
        Need::Required => text!("new-comment-required", what = what),
        Need::With(other) => text!("new-comment-required-with", other = other, what = what),
        Need::Optional => text!("new-comment-optional", what = what),
    };
    comment(out, &said.render(plan.lang));
    out.push_str(&format!("{lead}{name}: {}\n", value(field)));
    if field.default.is_none() {
        example(out, &field.kind, "  ");
    }
}

/// Whether `name` must be given on every page of its type: required, required with a
/// required field, or the alt text of a required image.
fn need(name: &str, field: &Field, fields: &[(String, Field)]) -> Need {
    let required = |other: &str| fields.iter().any(|(n, f)| n == other && f.required);
    if field.required {
        return Need::Required;
    }
    if let Some(image) = image_of(name, fields) {
        return if required(image) {
            Need::Required
        } else {
            Need::With(image.to_string())
        };
    }
    if field.required_with.iter().any(|o| required(o)) {
        return Need::Required;
    }
    match field.required_with.first() {
        Some(other) => Need::With(other.clone()),
        None => Need::Optional,
    }
}

/// The image whose alt text the field `name` holds.
fn image_of<'a>(name: &str, fields: &'a [(String, Field)]) -> Option<&'a str> {
    fields.iter().find_map(|(n, f)| match &f.kind {
        Kind::Image { alt } if alt == name => Some(n.as_str()),
        _ => None,
    })
}

/// What belongs in the field: its `description` from `site.yaml`, else what its kind
/// takes (the words the build uses when a value does not fit).
fn what(name: &str, field: &Field, fields: &[(String, Field)]) -> Arg {
    if let Some(description) = &field.description {
        return Arg::Str(description.trim().to_string());
    }
    if let Some(image) = image_of(name, fields) {
        return text!("new-what-alt", image = image).into();
    }
    kind_words(&field.kind).into()
}

fn kind_words(kind: &Kind) -> Text {
    match kind {
        Kind::String => text!("schema-expected-string"),
        Kind::Text => text!("schema-expected-text"),
        Kind::Integer => text!("schema-expected-integer"),
        Kind::Number => text!("schema-expected-number"),
        Kind::Boolean => text!("schema-expected-boolean"),
        Kind::Date => text!("schema-expected-date"),
        Kind::Month => text!("schema-expected-month"),
        Kind::Datetime => text!("schema-expected-datetime"),
        Kind::Email => text!("schema-expected-email"),
        Kind::Url => text!("schema-expected-url"),
        Kind::Phone => text!("schema-expected-phone"),
        Kind::Image { .. } => text!("schema-expected-image"),
        Kind::File => text!("schema-expected-file"),
        Kind::Page => text!("schema-expected-page"),
        Kind::Enum(values) => text!("new-what-enum", values = values.join(", ")),
        Kind::List(_) => text!("schema-expected-list"),
        Kind::Map(_) => text!("schema-expected-map"),
    }
}

/// What follows `name: `: the default, or nothing (an empty field, which the build
/// reports while the field is required).
fn value(field: &Field) -> String {
    field.default.as_ref().map(yaml::inline).unwrap_or_default()
}

/// The lines of a list or group, commented out, `indent` deeper than its key: the
/// group's fields, or one item of the list.
fn example(out: &mut String, kind: &Kind, indent: &str) {
    match kind {
        Kind::Map(fields) => {
            for (name, field) in fields {
                example_line(out, indent, &format!("{name}: {}", value(field)));
                if field.default.is_none() {
                    example(out, &field.kind, &format!("{indent}  "));
                }
            }
        }
        Kind::List(item) => match &item.kind {
            Kind::Map(fields) => {
                for (i, (name, field)) in fields.iter().enumerate() {
                    let mark = if i == 0 { "- " } else { "  " };
                    example_line(out, indent, &format!("{mark}{name}: {}", value(field)));
                    if field.default.is_none() {
                        example(out, &field.kind, &format!("{indent}    "));
                    }
                }
            }
            _ => example_line(out, indent, &format!("- {}", value(item))),
        },
        _ => {}
    }
}

fn example_line(out: &mut String, indent: &str, line: &str) {
    out.push_str(&format!("# {indent}{line}\n"));
}

/// `text` as comment lines.
fn comment(out: &mut String, text: &str) {
    // Every line break YAML knows ends a comment line, a lone `\r` too.
    for line in text
        .split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
        .filter(|l| !l.is_empty())
    {
        out.push_str(format!("# {line}").trim_end());
        out.push('\n');
    }
}
