//! References from a page's fields to other files of the site: images, files and
//! pages, found the way links in the text are found.

use super::Field;
use super::Kind;
use super::validate::{Check, Problem};
use super::written::{expected_hint, short, shown};
use crate::text;
use crate::yaml::{Mapping, Step, Value};

/// An image or file: a path relative to the page, `@/…` from `content/`, or `/…` a
/// site path; images also as `{src, alt}`.
pub(super) fn file(
    check: &Check,
    field: &Field,
    name: &str,
    value: &Value,
    path: &[Step],
    problems: &mut Vec<Problem>,
) -> Value {
    let image = matches!(field.kind, Kind::Image { .. });
    let (written, alt) = match value {
        Value::Mapping(m) if image => (m.get("src").and_then(Value::as_str), m.get("alt").cloned()),
        _ => (value.as_str(), None),
    };
    let Some(written) = written.map(str::trim).filter(|w| !w.is_empty()) else {
        problems.push(Problem {
            path: path.to_vec(),
            message: text!(
                "schema-wrong",
                field = name,
                expected = if image {
                    text!("schema-expected-image")
                } else {
                    text!("schema-expected-file")
                },
                found = short(&shown(value))
            ),
            hint: expected_hint(&field.kind),
        });
        return Value::Null;
    };
    let mut typed = Mapping::new();
    let Some(resolver) = check.resolver else {
        typed.insert("src".into(), Value::String(written.to_string()));
        return Value::Mapping(typed);
    };
    let found = if let Some(site_path) = written.strip_prefix('/') {
        resolver.resolve_url(&format!("/{site_path}"))
    } else {
        let rel = match written.strip_prefix("@/") {
            Some(rel) => Some(rel.to_string()),
            None => crate::markdown::links::normalize(check.dir, written),
        };
        match rel {
            Some(rel) => resolver.resolve(&rel),
            None => Err(crate::markdown::Unresolved {
                reason: text!("schema-file-outside"),
                hint: text!("schema-file-missing.hint"),
            }),
        }
    };
    match found {
        Ok(found) => {
            let key = if image { "src" } else { "url" };
            typed.insert(key.into(), Value::String(found.url));
            if image {
                typed.insert("alt".into(), alt.unwrap_or(Value::Null));
            } else {
                typed.insert(
                    "size".into(),
                    found.size.map_or(Value::Null, |s| Value::Number(s.into())),
                );
            }
            Value::Mapping(typed)
        }
        Err(why) => {
            problems.push(Problem {
                path: path.to_vec(),
                message: text!(
                    "schema-file-missing",
                    field = name,
                    file = written,
                    reason = why.reason
                ),
                hint: text!("schema-file-missing.hint"),
            });
            Value::Null
        }
    }
}

/// A page of the site, by its file (`team/leitung.md` or `@/team/leitung.md`).
pub(super) fn page(
    check: &Check,
    name: &str,
    value: &Value,
    path: &[Step],
    problems: &mut Vec<Problem>,
) -> Value {
    let Some(written) = value.as_str().map(str::trim).filter(|w| !w.is_empty()) else {
        problems.push(Problem {
            path: path.to_vec(),
            message: text!(
                "schema-wrong",
                field = name,
                expected = text!("schema-expected-page"),
                found = short(&shown(value))
            ),
            hint: text!("schema-expected-page.hint"),
        });
        return Value::Null;
    };
    let rel = written
        .strip_prefix("@/")
        .unwrap_or(written)
        .trim_start_matches('/');
    let Some(resolver) = check.resolver else {
        return Value::String(rel.to_string());
    };
    match resolver.resolve(rel) {
        Ok(found) if found.document.is_some() => Value::String(found.document.unwrap_or_default()),
        Ok(_) => {
            problems.push(Problem {
                path: path.to_vec(),
                message: text!("schema-not-a-page", field = name, file = written),
                hint: text!("schema-not-a-page.hint"),
            });
            Value::Null
        }
        Err(why) => {
            problems.push(Problem {
                path: path.to_vec(),
                message: text!(
                    "schema-page-missing",
                    field = name,
                    file = written,
                    reason = why.reason
                ),
                hint: text!("schema-page-missing.hint"),
            });
            Value::Null
        }
    }
}
