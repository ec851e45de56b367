//! Reading `types:` from `site.yaml` into a [`Schema`]; every mistake in a declaration
//! is reported at its line, all at once.

mod options;

use super::{Field, Kind, Schema, Type};
use crate::error::Diagnostic;
use crate::messages::Text;
use crate::text;
use crate::yaml::{self, Mapping, Step, Value};

/// The options a field declaration may have.
const OPTIONS: &[&str] = &[
    "type",
    "required",
    "default",
    "required_with",
    "min",
    "max",
    "pattern",
    "values",
    "items",
    "fields",
    "description",
    "alt",
];

/// Reads the `types` value of `site.yaml` (whose text is `text`); `reserved` are the
/// front matter keys lernort itself reads, which no field may take.
pub fn define(types: &Value, text: &str, reserved: &[String]) -> Result<Schema, Vec<Diagnostic>> {
    let mut reader = Reader {
        text,
        problems: Vec::new(),
    };
    let mut schema = Schema::default();
    let Some(types) = mapping(types) else {
        if !types.is_null() {
            reader.problem(
                &[key("types")],
                text!("schema-def-types-not-map"),
                text!("schema-def-types-not-map.hint"),
            );
        }
        return reader.finish(schema);
    };
    for (name, value) in types {
        let Some(name) = name.as_str() else {
            let shown = super::written::shown(name);
            reader.problem(
                &[key("types"), key(&shown)],
                text!("schema-def-type-name", name = shown.as_str()),
                text!("schema-def-type-name.hint"),
            );
            continue;
        };
        let path = [key("types"), key(name)];
        if !is_name(name, true) {
            reader.problem(
                &path,
                text!("schema-def-type-name", name = name),
                text!("schema-def-type-name.hint"),
            );
            continue;
        }
        let fields = mapping(value).and_then(|m| m.get("fields"));
        let other =
            mapping(value).and_then(|m| m.keys().find(|k| k.as_str() != Some("fields")).cloned());
        if let Some(other) = other {
            let shown = other.as_str().unwrap_or("?").to_string();
            let p = sub(&path, &shown);
            reader.problem(
                &p,
                text!("schema-def-type-key", key = shown, name = name),
                text!("schema-def-type-key.hint"),
            );
        }
        let Some(fields) = fields else {
            reader.problem(
                &path,
                text!("schema-def-no-fields", name = name),
                text!("schema-def-no-fields.hint"),
            );
            continue;
        };
        let p = sub(&path, "fields");
        let fields = reader.fields(fields, &p, Some(reserved));
        schema.types.insert(name.to_string(), Type { fields });
    }
    reader.finish(schema)
}

/// `path` and one key more.
fn sub(path: &[Step], k: &str) -> Vec<Step> {
    let mut p = path.to_vec();
    p.push(key(k));
    p
}

fn key(k: &str) -> Step {
    Step::Key(k.to_string())
}

fn mapping(value: &Value) -> Option<&Mapping> {
    match value {
        Value::Mapping(m) => Some(m),
        _ => None,
    }
}

/// Field and type names: lowercase ASCII letters, digits and `_` (and `-` for types),
/// starting with a letter, so that templates can write `page.fields.name`.
fn is_name(name: &str, dash: bool) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || (dash && c == '-'))
}

struct Reader<'a> {
    text: &'a str,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn problem(&mut self, path: &[Step], message: Text, hint: Text) {
        let (line, column) = yaml::locate(self.text, path).unwrap_or((1, 1));
        self.problems.push(
            Diagnostic::new(crate::config::CONFIG_FILE, message)
                .at(line, Some(column))
                .with_source(self.text)
                .hint(hint),
        );
    }

    fn finish(mut self, schema: Schema) -> Result<Schema, Vec<Diagnostic>> {
        if self.problems.is_empty() {
            Ok(schema)
        } else {
            crate::error::sort_diagnostics(&mut self.problems);
            Err(self.problems)
        }
    }

    /// The fields of a type or group at `path`; `reserved` only at a type's top level.
    fn fields(
        &mut self,
        value: &Value,
        path: &[Step],
        reserved: Option<&[String]>,
    ) -> Vec<(String, Field)> {
        let Some(map) = mapping(value) else {
            self.problem(
                path,
                text!("schema-def-fields-not-map"),
                text!("schema-def-fields-not-map.hint"),
            );
            return Vec::new();
        };
        let mut fields: Vec<(String, Field)> = Vec::new();
        for (name, spec) in map {
            let Some(name) = name.as_str() else {
                let shown = super::written::shown(name);
                self.problem(
                    &[path, &[key(&shown)]].concat(),
                    text!("schema-def-field-name", name = shown.as_str()),
                    text!("schema-def-field-name.hint"),
                );
                continue;
            };
            let p = sub(path, name);
            if !is_name(name, false) {
                self.problem(
                    &p,
                    text!("schema-def-field-name", name = name),
                    text!("schema-def-field-name.hint"),
                );
                continue;
            }
            if reserved.is_some_and(|r| r.iter().any(|k| k == name)) {
                self.problem(
                    &p,
                    text!("schema-def-field-reserved", name = name),
                    text!("schema-def-field-reserved.hint"),
                );
                continue;
            }
            if let Some(field) = self.field(spec, &p, name) {
                fields.push((name.to_string(), field));
            }
        }
        // An image's alt text is a field of its own, declared or not.
        for (name, field) in &fields {
            let Kind::Image { alt } = &field.kind else {
                continue;
            };
            let p = sub(&sub(path, name), "alt");
            let taken = reserved.is_some_and(|r| r.iter().any(|k| k == alt));
            if !is_name(alt, false) || taken || alt == name {
                self.problem(
                    &p,
                    text!(
                        "schema-def-alt-name",
                        name = name.as_str(),
                        alt = alt.as_str()
                    ),
                    text!("schema-def-alt-name.hint", name = name.as_str()),
                );
            } else if let Some((_, other)) = fields.iter().find(|(n, _)| n == alt)
                && !matches!(other.kind, Kind::String | Kind::Text)
            {
                self.problem(
                    &p,
                    text!(
                        "schema-def-alt-kind",
                        name = name.as_str(),
                        alt = alt.as_str()
                    ),
                    text!("schema-def-alt-kind.hint", alt = alt.as_str()),
                );
            }
        }
        let alts: Vec<String> = fields
            .iter()
            .filter_map(|(_, f)| match &f.kind {
                Kind::Image { alt } => Some(alt.clone()),
                _ => None,
            })
            .filter(|alt| is_name(alt, false) && !fields.iter().any(|(n, _)| n == alt))
            .collect();
        for alt in alts {
            let at = fields
                .iter()
                .position(|(_, f)| matches!(&f.kind, Kind::Image { alt: a } if *a == alt))
                .map_or(fields.len(), |i| i + 1);
            fields.insert(at, (alt, Field::plain(Kind::String)));
        }
        let names: Vec<String> = fields.iter().map(|(n, _)| n.clone()).collect();
        for (name, field) in &fields {
            for other in &field.required_with {
                if !names.contains(other) {
                    let p = sub(&sub(path, name), "required_with");
                    self.problem(
                        &p,
                        text!(
                            "schema-def-required-with",
                            name = name.as_str(),
                            other = other.as_str()
                        ),
                        text!("schema-def-required-with.hint", fields = names.join(", ")),
                    );
                }
            }
        }
        fields
    }

    /// One field declaration: a kind name alone (`role: string`) or its options.
    fn field(&mut self, spec: &Value, path: &[Step], name: &str) -> Option<Field> {
        if let Some(kind) = spec.as_str() {
            return self.kind(kind, None, path, name).map(Field::plain);
        }
        let Some(map) = mapping(spec) else {
            self.problem(
                path,
                text!("schema-def-field-spec", name = name),
                text!("schema-def-field-spec.hint"),
            );
            return None;
        };
        for option in map.keys().filter_map(Value::as_str) {
            if !OPTIONS.contains(&option) {
                let p = sub(path, option);
                let options: Vec<String> = OPTIONS.iter().map(|o| o.to_string()).collect();
                let hint = match yaml::closest(option, &options) {
                    Some(best) => text!(
                        "schema-def-option-unknown.hint-closest",
                        best = best,
                        options = OPTIONS.join(", ")
                    ),
                    None => text!(
                        "schema-def-option-unknown.hint",
                        options = OPTIONS.join(", ")
                    ),
                };
                self.problem(
                    &p,
                    text!("schema-def-option-unknown", option = option, name = name),
                    hint,
                );
            }
        }
        let Some(kind_name) = map.get("type").and_then(Value::as_str) else {
            self.problem(
                path,
                text!("schema-def-type-missing", name = name),
                text!(
                    "schema-def-type-missing.hint",
                    kinds = Kind::NAMES.join(", ")
                ),
            );
            return None;
        };
        let kind = self.kind(kind_name, Some(map), path, name)?;
        let mut field = Field::plain(kind);
        self.options(map, path, name, &mut field);
        Some(field)
    }

    fn kind(
        &mut self,
        name: &str,
        map: Option<&Mapping>,
        path: &[Step],
        field: &str,
    ) -> Option<Kind> {
        let option = |k: &str| map.and_then(|m| m.get(k));
        let here = |k: &str| sub(path, k);
        let kind = match name {
            "string" => Kind::String,
            "text" => Kind::Text,
            "integer" => Kind::Integer,
            "number" => Kind::Number,
            "boolean" => Kind::Boolean,
            "date" => Kind::Date,
            "month" => Kind::Month,
            "datetime" => Kind::Datetime,
            "email" => Kind::Email,
            "url" => Kind::Url,
            "phone" => Kind::Phone,
            "file" => Kind::File,
            "page" => Kind::Page,
            "image" => Kind::Image {
                alt: option("alt")
                    .and_then(Value::as_str)
                    .map_or_else(|| format!("{field}_alt"), str::to_string),
            },
            "enum" => {
                let given = option("values").and_then(Value::as_sequence);
                let mut values = Vec::new();
                for (i, v) in given.into_iter().flatten().enumerate() {
                    let mut p = here("values");
                    p.push(Step::Index(i));
                    match scalar_text(v) {
                        // As written: `2.20` stays `2.20`.
                        Some(s) if !v.is_string() => {
                            values.push(yaml::scalar(self.text, &p).unwrap_or(s));
                        }
                        Some(s) => values.push(s),
                        None => {
                            self.problem(
                                &p,
                                text!(
                                    "schema-def-enum-value",
                                    name = field,
                                    found = super::written::shown(v)
                                ),
                                text!("schema-def-enum-value.hint"),
                            );
                            return None;
                        }
                    }
                }
                if values.is_empty() {
                    self.problem(
                        path,
                        text!("schema-def-enum-values", name = field),
                        text!("schema-def-enum-values.hint"),
                    );
                    return None;
                }
                Kind::Enum(values)
            }
            "list" => {
                let Some(items) = option("items") else {
                    self.problem(
                        path,
                        text!("schema-def-list-items", name = field),
                        text!("schema-def-list-items.hint"),
                    );
                    return None;
                };
                let item = self.field(items, &here("items"), field)?;
                Kind::List(Box::new(item))
            }
            "map" => {
                let Some(fields) = option("fields") else {
                    self.problem(
                        path,
                        text!("schema-def-map-fields", name = field),
                        text!("schema-def-map-fields.hint"),
                    );
                    return None;
                };
                Kind::Map(self.fields(fields, &here("fields"), None))
            }
            other => {
                let kinds: Vec<String> = Kind::NAMES.iter().map(|k| k.to_string()).collect();
                let hint = match yaml::closest(other, &kinds) {
                    Some(best) => text!(
                        "schema-def-kind-unknown.hint-closest",
                        best = best,
                        kinds = Kind::NAMES.join(", ")
                    ),
                    None => text!(
                        "schema-def-kind-unknown.hint",
                        kinds = Kind::NAMES.join(", ")
                    ),
                };
                let at = if map.is_some() {
                    here("type")
                } else {
                    path.to_vec()
                };
                self.problem(
                    &at,
                    text!("schema-def-kind-unknown", kind = other, name = field),
                    hint,
                );
                return None;
            }
        };
        Some(kind)
    }
}

/// A scalar as text (enum values may be written as numbers).
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Field {
    /// A field of `kind` with no options.
    pub fn plain(kind: Kind) -> Field {
        Field {
            kind,
            required: false,
            default: None,
            required_with: Vec::new(),
            min: None,
            max: None,
            pattern: None,
            description: None,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_pattern_cannot_escape_its_anchors() {
        let types: crate::yaml::Value = serde_yaml::from_str(
            "t:\n  fields:\n    a: {type: string, pattern: 'A)|(B'}\n    b: {type: string, pattern: 'A|B'}\n",
        )
        .unwrap();
        assert!(
            super::define(&types, "", &[]).is_err(),
            "`A)|(B` is refused"
        );
        let types: crate::yaml::Value =
            serde_yaml::from_str("t:\n  fields:\n    b: {type: string, pattern: 'A|B'}\n").unwrap();
        let schema = super::define(&types, "", &[]).unwrap();
        let re = schema.types["t"].fields[0].1.pattern.clone().unwrap();
        assert!(re.is_match("A") && re.is_match("B"));
        assert!(!re.is_match("AB") && !re.is_match("xA") && !re.is_match("Bx"));
    }
}
