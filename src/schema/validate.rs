//! Checking a page's fields against its type, and turning them into the typed values
//! templates read. Every problem is reported at the field's line, in words an editor
//! understands, all at once.

use std::path::Path;

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
    /// The whole file text.
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
        let value = given.get(name).filter(|v| !v.is_null());
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
            None => field.default.clone().unwrap_or(Value::Null),
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
    let hint = match &field.description {
        Some(d) => text!(
            "schema-missing.hint-described",
            field = name,
            description = d.as_str()
        ),
        None => text!("schema-missing.hint", field = name),
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
        fail(
            problems,
            path,
            text!(
                "schema-wrong",
                field = name,
                expected = expected,
                found = shown(value)
            ),
            text!("schema-wrong.hint"),
        )
    };
    let typed = match &field.kind {
        Kind::String | Kind::Text => match scalar(value) {
            Some(s) if matches!(field.kind, Kind::String) && s.contains('\n') => {
                return wrong(problems, text!("schema-expected-string"));
            }
            Some(s) => Value::String(s),
            None => return wrong(problems, text!("schema-expected-text")),
        },
        Kind::Integer => match value.as_i64() {
            Some(_) => value.clone(),
            None => return wrong(problems, text!("schema-expected-integer")),
        },
        Kind::Number => match value.as_f64() {
            Some(_) => value.clone(),
            None => return wrong(problems, text!("schema-expected-number")),
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
        Kind::Phone => match scalar(value) {
            Some(s) if is_phone(&s) => Value::String(s),
            _ => return wrong(problems, text!("schema-expected-phone")),
        },
        Kind::Enum(values) => match scalar(value) {
            Some(s) if values.contains(&s) => Value::String(s),
            _ => {
                let closest = yaml::closest(&shown(value), values).map(str::to_owned);
                problems.push(Problem {
                    path: path.to_vec(),
                    message: text!(
                        "schema-not-allowed",
                        field = name,
                        found = shown(value),
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
    let measured = match value {
        Value::String(s) => Some((s.chars().count() as f64, true)),
        Value::Sequence(s) => Some((s.len() as f64, true)),
        Value::Number(n) => n.as_f64().map(|n| (n, false)),
        _ => None,
    };
    if let Some((size, is_length)) = measured {
        let number = |n: f64| format_number(n);
        let mut push = |message: Text| {
            problems.push(Problem {
                path: path.to_vec(),
                message,
                hint: text!("schema-bound.hint"),
            });
        };
        match (field.min, field.max) {
            (Some(min), _) if size < min && is_length => push(text!(
                "schema-too-short",
                field = name,
                min = number(min),
                size = number(size)
            )),
            (_, Some(max)) if size > max && is_length => push(text!(
                "schema-too-long",
                field = name,
                max = number(max),
                size = number(size)
            )),
            (Some(min), _) if size < min => push(text!(
                "schema-too-small",
                field = name,
                min = number(min),
                found = number(size)
            )),
            (_, Some(max)) if size > max => push(text!(
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
            message: text!("schema-pattern", field = name, found = s.as_str()),
            hint: text!(
                "schema-pattern.hint",
                pattern = re
                    .as_str()
                    .trim_start_matches("^(?:")
                    .trim_end_matches(")$")
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

/// A scalar as text: numbers and `true`/`false` are text too where text is asked for.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A value as the editor wrote it, for "found: …".
pub(super) fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "~".into(),
        Value::Sequence(_) => "[…]".into(),
        Value::Mapping(_) => "{…}".into(),
        Value::Tagged(t) => t.tag.to_string(),
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// `YYYY-MM` with a month from 01 to 12.
fn is_month(s: &str) -> bool {
    s.len() == 7 && format!("{s}-01").parse::<jiff::civil::Date>().is_ok()
}

/// `name@domain.tld`: one `@`, no spaces, a dot in the domain.
fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// Digits with the usual separators, at least three digits, optionally a leading `+`.
fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let body = s.strip_prefix('+').unwrap_or(s);
    digits >= 3
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '/' | '(' | ')' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_addresses_and_phone_numbers() {
        assert!(is_email("kbm@example.org"));
        assert!(!is_email("kbm(at)example.org"));
        assert!(!is_email("kbm@localhost"));
        assert!(is_phone("+49 651 123-456"));
        assert!(is_phone("(0123) 45 67 89"));
        assert!(!is_phone("(Telefonnummer folgt)"));
        assert!(!is_phone("12"));
    }
}
