//! Checking a page's fields against its type, and turning them into the typed values
//! templates read. Every problem is reported at the field's line, in words an editor
//! understands, all at once.

use std::path::Path;

use super::written::{
    expected_hint, format_number, is_email, is_month, is_phone, scalar, short, shown,
};
use super::{Field, Kind, Schema, refs};
use crate::error::Diagnostic;
use crate::markdown::Resolve;
use crate::messages::Text;
use crate::text;
use crate::yaml::{self, Mapping, Step, Value};

/// What checking one page needs besides its fields.
pub struct Check<'a> {
    /// The declared types.
    pub schema: &'a Schema,
    /// Looks up pages and files (`None` while the site's files are not known yet:
    /// then references are not checked).
    pub resolver: Option<&'a dyn Resolve>,
    /// The page's folder, content-relative, for relative file names.
    pub dir: &'a str,
    /// The page's file, for messages.
    pub display: &'a Path,
    /// The file text (in a build only its front matter: see [`crate::content::Document::text`]).
    pub text: &'a str,
    /// The front matter's text and its first line in the file.
    pub front_matter: (&'a str, usize),
    /// The keys lernort itself reads, for "did you mean".
    pub builtin: &'a [String],
}

/// A problem at a path of keys and list positions.
pub(super) struct Problem {
    pub(super) path: Vec<Step>,
    pub(super) message: Text,
    pub(super) hint: Text,
}

/// The typed fields of a page of type `name` (`None`: no type) whose other front
/// matter keys are `given`: every declared field, `null` or its default when left out.
pub fn validate(
    check: &Check,
    name: Option<&str>,
    given: &Mapping,
) -> Result<Value, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let fields = match name.map(|n| (n, check.schema.get(n))) {
        None => &[][..],
        Some((_, Some(t))) => &t.fields[..],
        Some((n, None)) => {
            let (message, hint) = check.schema.unknown(n);
            problems.push(Problem {
                path: vec![Step::Key("type".into())],
                message,
                hint,
            });
            return Err(check.diagnostics(problems));
        }
    };
    let typed = group(check, fields, given, &[], &mut problems, true);
    if problems.is_empty() {
        Ok(Value::Mapping(typed))
    } else {
        Err(check.diagnostics(problems))
    }
}

/// Checks a default value's kind and bounds (no references: the site is not known when
/// `site.yaml` is read); the problem's words if it does not fit.
pub fn shape_only(field: &Field, value: &Value) -> Result<(), Text> {
    let schema = Schema::default();
    let check = Check {
        schema: &schema,
        resolver: None,
        dir: "",
        display: Path::new(""),
        text: "",
        front_matter: ("", 1),
        builtin: &[],
    };
    let mut problems = Vec::new();
    one(&check, field, "default", value, &[], &mut problems);
    match problems.into_iter().next() {
        Some(p) => Err(p.message),
        None => Ok(()),
    }
}

impl Check<'_> {
    fn diagnostics(&self, problems: Vec<Problem>) -> Vec<Diagnostic> {
        let (front, first) = self.front_matter;
        problems
            .into_iter()
            .map(|p| {
                let (line, column) = yaml::locate(front, &p.path).unwrap_or((1, 1));
                // A missing field has no line of its own: the front matter's first.
                let line = if p.path.is_empty() {
                    first.saturating_sub(1).max(1)
                } else {
                    line + first - 1
                };
                Diagnostic::new(self.display, p.message)
                    .at(line, Some(column))
                    .with_source(self.text)
                    .hint(p.hint)
            })
            .collect()
    }
}

/// The fields of a type (`top`) or group at `path`: typed, in declaration order.
fn group(
    check: &Check,
    fields: &[(String, Field)],
    given: &Mapping,
    path: &[Step],
    problems: &mut Vec<Problem>,
    top: bool,
) -> Mapping {
    let mut typed = Mapping::new();
    for (name, field) in fields {
        // A required text of only spaces (`role: ""`) is as empty as `role:`: the page
        // would show nothing where the type promises something. Alt texts may be `""`
        // (a decorative image), but they are never `required: true`.
        let blank = field.required
            && matches!(field.kind, Kind::String | Kind::Text)
            && given
                .get(name)
                .and_then(Value::as_str)
                .is_some_and(|s| s.trim().is_empty());
        let value = given.get(name).filter(|v| !v.is_null() && !blank);
        let needed = field.required
            || field
                .required_with
                .iter()
                .any(|other| given.get(other).is_some_and(|v| !v.is_null()));
        let out = match value {
            Some(v) => one(check, field, name, v, &at(path, name), problems),
            None if needed => {
                problems.push(missing(field, name, given, path));
                Value::Null
            }
            None => left_out(check, field, name, path, problems),
        };
        if let (Kind::Image { alt }, Some(_)) = (&field.kind, value)
            // `photo_alt: ` with nothing after it is no alt text; `""` says "decorative".
            && given.get(alt).is_none_or(Value::is_null)
            && out.get("alt").is_none_or(|a| a.is_null())
        {
            problems.push(Problem {
                path: at(path, name),
                message: text!(
                    "schema-image-alt",
                    field = name.as_str(),
                    alt = alt.as_str()
                ),
                hint: text!("schema-image-alt.hint", alt = alt.as_str()),
            });
        }
        typed.insert(Value::String(name.clone()), out);
    }
    // An image's alt text goes into the image's value, so templates find it there.
    for (name, field) in fields {
        if let Kind::Image { alt } = &field.kind
            && let Some(Value::Mapping(image)) = typed.get_mut(name.as_str())
            && image.get("alt").is_none_or(Value::is_null)
            && let Some(text) = given.get(alt)
        {
            image.insert("alt".into(), text.clone());
        }
    }
    for key in given.keys() {
        let Some(key) = key.as_str() else { continue };
        if fields.iter().any(|(n, _)| n == key) {
            continue;
        }
        let mut known: Vec<String> = fields.iter().map(|(n, _)| n.clone()).collect();
        if top {
            known.extend(check.builtin.iter().cloned());
        }
        let list = known.join(", ");
        let hint = match yaml::closest(key, &known) {
            Some(best) => text!("yaml-unknown-key.hint-closest", best = best, keys = list),
            None => text!("yaml-unknown-key.hint", keys = list),
        };
        problems.push(Problem {
            path: at(path, key),
            message: text!(
                "yaml-unknown-key",
                key = key,
                what = text!("yaml-what-front-matter")
            ),
            hint,
        });
    }
    typed
}

/// The value of a field a page leaves out: its default, typed and checked as a given
/// value is (a file resolved from the page), or an empty list or group, so that
/// templates can loop over it; otherwise `null`.
fn left_out(
    check: &Check,
    field: &Field,
    name: &str,
    path: &[Step],
    problems: &mut Vec<Problem>,
) -> Value {
    match (&field.default, &field.kind) {
        (Some(default), _) => {
            let mut found = Vec::new();
            let typed = one(check, field, name, default, &at(path, name), &mut found);
            if let Some(problem) = found.into_iter().next() {
                problems.push(Problem {
                    path: path.to_vec(),
                    message: text!("schema-def-default", name = name, problem = problem.message),
                    hint: text!("schema-default-page.hint", field = name),
                });
            }
            typed
        }
        (None, Kind::List(_)) => Value::Sequence(Vec::new()),
        (None, Kind::Map(_)) => yaml::empty_map(),
        (None, _) => Value::Null,
    }
}

/// The problem of a needed field left out, or written with nothing after the colon
/// (`role: `, as `lernort new` leaves it for the editor): then at its own line.
fn missing(field: &Field, name: &str, given: &Mapping, path: &[Step]) -> Problem {
    let because = field
        .required_with
        .iter()
        .find(|o| given.get(*o).is_some_and(|v| !v.is_null()))
        .filter(|_| !field.required);
    if given.contains_key(name) {
        let message = match because {
            Some(other) => text!("schema-empty-with", field = name, other = other.as_str()),
            None => text!("schema-empty", field = name),
        };
        let hint = match &field.description {
            Some(d) => text!(
                "schema-empty.hint-described",
                field = name,
                description = d.as_str()
            ),
            None => text!("schema-empty.hint", field = name),
        };
        return Problem {
            path: at(path, name),
            message,
            hint,
        };
    }
    let message = match because {
        Some(other) => text!("schema-missing-with", field = name, other = other.as_str()),
        None => text!("schema-missing", field = name),
    };
    // Inside a list item or group, the hint says where the line goes.
    let hint = match (path, &field.description) {
        ([.., Step::Key(list), Step::Index(i)], _) => text!(
            "schema-missing.hint-item",
            field = name,
            list = list.as_str(),
            index = i + 1
        ),
        ([.., Step::Key(group)], _) => text!(
            "schema-missing.hint-group",
            field = name,
            group = group.as_str()
        ),
        (_, Some(d)) => text!(
            "schema-missing.hint-described",
            field = name,
            description = d.as_str()
        ),
        (_, None) => text!("schema-missing.hint", field = name),
    };
    // A missing field is reported at its group, or at the front matter.
    Problem {
        path: path.to_vec(),
        message,
        hint,
    }
}

fn at(path: &[Step], key: &str) -> Vec<Step> {
    let mut p = path.to_vec();
    p.push(Step::Key(key.to_string()));
    p
}

/// One value of `field` (called `name`) at `path`, typed.
fn one(
    check: &Check,
    field: &Field,
    name: &str,
    value: &Value,
    path: &[Step],
    problems: &mut Vec<Problem>,
) -> Value {
    let wrong = |problems: &mut Vec<Problem>, expected: Text| {
        let (expected, hint) = (expected, expected_hint(&field.kind));
        let found = short(&shown(value));
        // An item of a list is named as the item, not as the whole list.
        let message = match path.last() {
            Some(Step::Index(i)) => text!(
                "schema-wrong-item",
                field = name,
                item = *i + 1,
                expected = expected,
                found = found
            ),
            _ => text!(
                "schema-wrong",
                field = name,
                expected = expected,
                found = found
            ),
        };
        fail(problems, path, message, hint)
    };
    // A number or `true` where text is asked for: YAML has already made `2.20` the
    // number 2.2, so the editor puts it in quotes rather than lernort guessing.
    let unquoted = |problems: &mut Vec<Problem>, expected: Text| {
        let written = yaml::scalar(check.front_matter.0, path).unwrap_or_else(|| shown(value));
        fail(
            problems,
            path,
            text!(
                "schema-wrong",
                field = name,
                expected = expected,
                found = short(&written)
            ),
            text!("schema-quote.hint", field = name, found = short(&written)),
        )
    };
    let typed = match &field.kind {
        Kind::String | Kind::Text => match value {
            Value::String(s) if matches!(field.kind, Kind::String) && s.contains('\n') => {
                return wrong(problems, text!("schema-expected-string"));
            }
            Value::String(s) => Value::String(s.clone()),
            Value::Number(_) | Value::Bool(_) if matches!(field.kind, Kind::String) => {
                return unquoted(problems, text!("schema-expected-string"));
            }
            Value::Number(_) | Value::Bool(_) => {
                return unquoted(problems, text!("schema-expected-text"));
            }
            _ => return wrong(problems, text!("schema-expected-text")),
        },
        Kind::Integer => match value.as_i64() {
            Some(_) => value.clone(),
            None => return wrong(problems, text!("schema-expected-integer")),
        },
        Kind::Number => match value.as_f64() {
            Some(n) if n.is_finite() => value.clone(),
            _ => return wrong(problems, text!("schema-expected-number")),
        },
        Kind::Boolean => match value.as_bool() {
            Some(_) => value.clone(),
            None => return wrong(problems, text!("schema-expected-boolean")),
        },
        Kind::Date => match value.as_str().map(str::trim) {
            Some(s) if s.len() == 10 && s.parse::<jiff::civil::Date>().is_ok() => {
                Value::String(s.to_string())
            }
            _ => return wrong(problems, text!("schema-expected-date")),
        },
        Kind::Month => match value.as_str().map(str::trim) {
            Some(s) if is_month(s) => Value::String(s.to_string()),
            _ => return wrong(problems, text!("schema-expected-month")),
        },
        Kind::Datetime => match value.as_str().map(str::trim) {
            Some(s) if s.parse::<jiff::Timestamp>().is_ok() => Value::String(s.to_string()),
            _ => return wrong(problems, text!("schema-expected-datetime")),
        },
        Kind::Email => match value.as_str().map(str::trim) {
            Some(s) if is_email(s) => Value::String(s.to_string()),
            _ => return wrong(problems, text!("schema-expected-email")),
        },
        Kind::Url => match value.as_str().map(str::trim) {
            Some(s) if url::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) => {
                Value::String(s.to_string())
            }
            _ => return wrong(problems, text!("schema-expected-url")),
        },
        Kind::Phone => match value {
            Value::String(s) if is_phone(s) => Value::String(s.clone()),
            Value::Number(_) => return unquoted(problems, text!("schema-expected-phone")),
            _ => return wrong(problems, text!("schema-expected-phone")),
        },
        Kind::Enum(values) => match scalar(value).map(|s| match value {
            // As written: `2.20` is not the value `2.2`.
            Value::Number(_) => yaml::scalar(check.front_matter.0, path).unwrap_or(s),
            _ => s,
        }) {
            Some(s) if values.contains(&s) => Value::String(s),
            _ => {
                let closest = yaml::closest(&shown(value), values).map(str::to_owned);
                problems.push(Problem {
                    path: path.to_vec(),
                    message: text!(
                        "schema-not-allowed",
                        field = name,
                        found = short(&shown(value)),
                        values = values.join(", ")
                    ),
                    hint: match closest {
                        Some(best) => text!("schema-not-allowed.hint-closest", best = best),
                        None => text!("schema-not-allowed.hint"),
                    },
                });
                return Value::Null;
            }
        },
        Kind::Image { .. } | Kind::File => {
            return refs::file(check, field, name, value, path, problems);
        }
        Kind::Page => return refs::page(check, name, value, path, problems),
        Kind::List(item) => match value.as_sequence() {
            Some(items) => Value::Sequence(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let mut p = path.to_vec();
                        p.push(Step::Index(i));
                        if matches!(item.kind, Kind::Image { .. })
                            && v.get("alt").is_none_or(Value::is_null)
                        {
                            return fail(
                                problems,
                                &p,
                                text!("schema-image-alt-item", field = name, index = i + 1),
                                text!("schema-image-alt-item.hint"),
                            );
                        }
                        one(check, item, name, v, &p, problems)
                    })
                    .collect(),
            ),
            None => return wrong(problems, text!("schema-expected-list")),
        },
        Kind::Map(fields) => match value.as_mapping() {
            Some(given) => Value::Mapping(group(check, fields, given, path, problems, false)),
            None => return wrong(problems, text!("schema-expected-map")),
        },
    };
    bounds(field, name, &typed, path, problems);
    typed
}

/// `min`, `max` and `pattern`.
fn bounds(field: &Field, name: &str, value: &Value, path: &[Step], problems: &mut Vec<Problem>) {
    // What is measured: 0 a number, 1 the characters of a text, 2 a list's items.
    let measured = match value {
        Value::String(s) => Some((s.chars().count() as f64, 1)),
        Value::Sequence(s) => Some((s.len() as f64, 2)),
        Value::Number(n) => n.as_f64().map(|n| (n, 0)),
        _ => None,
    };
    if let Some((size, unit)) = measured {
        let number = |n: f64| format_number(n);
        let mut push = |message: Text| {
            problems.push(Problem {
                path: path.to_vec(),
                message,
                hint: text!("schema-bound.hint"),
            });
        };
        match (field.min, field.max, unit) {
            (Some(min), _, 1) if size < min => push(text!(
                "schema-too-short-text",
                field = name,
                min = number(min),
                size = number(size)
            )),
            (Some(min), _, 2) if size < min => push(text!(
                "schema-too-short-list",
                field = name,
                min = number(min),
                size = number(size)
            )),
            (_, Some(max), 1) if size > max => push(text!(
                "schema-too-long-text",
                field = name,
                max = number(max),
                size = number(size)
            )),
            (_, Some(max), 2) if size > max => push(text!(
                "schema-too-long-list",
                field = name,
                max = number(max),
                size = number(size)
            )),
            (Some(min), _, 0) if size < min => push(text!(
                "schema-too-small",
                field = name,
                min = number(min),
                found = number(size)
            )),
            (_, Some(max), 0) if size > max => push(text!(
                "schema-too-large",
                field = name,
                max = number(max),
                found = number(size)
            )),
            _ => {}
        }
    }
    if let (Some(re), Value::String(s)) = (&field.pattern, value)
        && !re.is_match(s)
    {
        problems.push(Problem {
            path: path.to_vec(),
            message: text!("schema-pattern", field = name, found = short(s)),
            hint: text!(
                "schema-pattern.hint",
                // The pattern as written in `site.yaml`, without lernort's anchors.
                pattern = short(
                    re.as_str()
                        .strip_prefix("^(?:")
                        .and_then(|p| p.strip_suffix(")$"))
                        .unwrap_or(re.as_str())
                )
            ),
        });
    }
}

/// Records a problem at `path`; the value is then `null`.
pub(super) fn fail(problems: &mut Vec<Problem>, path: &[Step], message: Text, hint: Text) -> Value {
    problems.push(Problem {
        path: path.to_vec(),
        message,
        hint,
    });
    Value::Null
}
