//! A field declaration's options (`required`, `default`, `required_with`, `min`/`max`,
//! `pattern`, `description`), each only where it means something for the field's kind,
//! and each of the wrong type reported at its own line.

use super::{Reader, sub};
use crate::schema::{Field, Kind};
use crate::text;
use crate::yaml::{Mapping, Step, Value};

impl Reader<'_> {
    /// Reads the options in `map` of the field `name` (at `path`) into `field`.
    pub(super) fn options(&mut self, map: &Mapping, path: &[Step], name: &str, field: &mut Field) {
        self.misplaced(map, path, name, &field.kind);
        self.flags(map, path, name, field);
        self.bounds(map, path, name, field);
        self.pattern(map, path, name, field);
        self.default(map, path, name, field);
    }

    /// Options the field's kind has no use for.
    fn misplaced(&mut self, map: &Mapping, path: &[Step], name: &str, kind: &Kind) {
        let sized = matches!(
            kind,
            Kind::String | Kind::Text | Kind::List(_) | Kind::Integer | Kind::Number
        );
        let textual = matches!(
            kind,
            Kind::String | Kind::Text | Kind::Email | Kind::Url | Kind::Phone
        );
        for (option, allowed) in [
            ("min", sized),
            ("max", sized),
            ("pattern", textual),
            ("values", matches!(kind, Kind::Enum(_))),
            ("items", matches!(kind, Kind::List(_))),
            ("fields", matches!(kind, Kind::Map(_))),
            ("alt", matches!(kind, Kind::Image { .. })),
        ] {
            if !allowed && map.contains_key(option) {
                self.problem(
                    &sub(path, option),
                    text!("schema-def-option-kind", option = option, name = name),
                    text!("schema-def-option-kind.hint"),
                );
            }
        }
    }

    /// `required`, `description` and `required_with`, and the texts that must be texts.
    fn flags(&mut self, map: &Mapping, path: &[Step], name: &str, field: &mut Field) {
        match map.get("required") {
            None => {}
            Some(Value::Bool(b)) => field.required = *b,
            Some(_) => self.problem(
                &sub(path, "required"),
                text!("schema-def-required", name = name),
                text!("schema-def-required.hint"),
            ),
        }
        for option in ["description", "pattern", "alt"] {
            if map.get(option).is_some_and(|v| !v.is_string()) {
                self.problem(
                    &sub(path, option),
                    text!("schema-def-option-text", option = option, name = name),
                    text!("schema-def-option-text.hint", option = option),
                );
            }
        }
        field.description = map
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string);
        let names = match map.get("required_with") {
            None => Some(Vec::new()),
            Some(Value::String(s)) => Some(vec![s.clone()]),
            Some(Value::Sequence(s)) => s.iter().map(|v| v.as_str().map(str::to_string)).collect(),
            Some(_) => None,
        };
        match names {
            Some(names) => field.required_with = names,
            None => self.problem(
                &sub(path, "required_with"),
                text!("schema-def-required-with-type", name = name),
                text!("schema-def-required-with-type.hint"),
            ),
        }
    }

    /// `min` and `max`: finite numbers, the smaller first.
    fn bounds(&mut self, map: &Mapping, path: &[Step], name: &str, field: &mut Field) {
        for (option, slot) in [("min", &mut field.min), ("max", &mut field.max)] {
            let Some(v) = map.get(option) else { continue };
            match v.as_f64().filter(|n| n.is_finite()) {
                Some(n) => *slot = Some(n),
                None => self.problem(
                    &sub(path, option),
                    text!("schema-def-bound", option = option, name = name),
                    text!("schema-def-bound.hint"),
                ),
            }
        }
        if let (Some(min), Some(max)) = (field.min, field.max)
            && min > max
        {
            self.problem(
                &sub(path, "min"),
                text!(
                    "schema-def-min-max",
                    name = name,
                    min = crate::schema::written::format_number(min),
                    max = crate::schema::written::format_number(max)
                ),
                text!("schema-def-min-max.hint"),
            );
        }
    }

    /// `pattern`: checked on its own (so that `A)|(B` cannot close the anchoring
    /// group), then anchored: the whole value must match, as editors read a pattern.
    fn pattern(&mut self, map: &Mapping, path: &[Step], name: &str, field: &mut Field) {
        let Some(pattern) = map.get("pattern").and_then(Value::as_str) else {
            return;
        };
        let anchored =
            regex::Regex::new(pattern).and_then(|_| regex::Regex::new(&format!("^(?:{pattern})$")));
        match anchored {
            Ok(re) => field.pattern = Some(re),
            Err(e) => {
                // The regex crate's message spans lines; the report shows one.
                let reason = e
                    .to_string()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                self.problem(
                    &sub(path, "pattern"),
                    text!("schema-def-pattern", name = name, reason = reason),
                    text!("schema-def-pattern.hint"),
                );
            }
        }
    }

    /// `default`: a value the field accepts (an image with its alt text).
    fn default(&mut self, map: &Mapping, path: &[Step], name: &str, field: &mut Field) {
        field.default = map.get("default").cloned();
        let Some(default) = &field.default else {
            return;
        };
        let at = sub(path, "default");
        if matches!(field.kind, Kind::Image { .. }) && default.get("alt").is_none_or(Value::is_null)
        {
            self.problem(
                &at,
                text!(
                    "schema-def-default",
                    name = name,
                    problem = text!("schema-image-alt-default")
                ),
                text!("schema-image-alt-default.hint"),
            );
        } else if let Err(problem) = crate::schema::validate::shape_only(field, default) {
            self.problem(
                &at,
                text!("schema-def-default", name = name, problem = problem),
                text!("schema-def-default.hint"),
            );
        }
    }
}
