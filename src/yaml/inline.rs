//! Writing a value back as YAML on one line, as it goes after `key: ` in a front matter
//! that `lernort new` writes: defaults of fields, and the page title.

use super::Value;

/// `value` as YAML on one line: scalars plain where that reads back as the same value,
/// quoted otherwise; lists as `[a, b]`, groups as `{a: 1}`.
pub fn inline(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Sequence(items) => {
            let items: Vec<String> = items.iter().map(flow_item).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Mapping(map) => {
            let pairs: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", flow_item(k), flow_item(v)))
                .collect();
            format!("{{{}}}", pairs.join(", "))
        }
        Value::Tagged(tagged) => inline(&tagged.value),
        scalar => block_scalar(scalar),
    }
}

/// A scalar as serde_yaml writes it (it quotes `'2027'`, `'true'`, `'a: b'`), unless
/// that takes more than one line (`|-` blocks): then double-quoted, with escapes.
fn block_scalar(value: &Value) -> String {
    let written = serde_yaml::to_string(value).unwrap_or_default();
    let written = written.strip_suffix('\n').unwrap_or(&written);
    if written.is_empty() || written.contains('\n') {
        // JSON's strings are YAML's double-quoted strings.
        let text = value.as_str().map(str::to_string).unwrap_or_default();
        return serde_json::to_string(&text).unwrap_or_default();
    }
    written.to_string()
}

/// An item inside `[…]` or `{…}`, where `,`, brackets and braces end a plain scalar.
fn flow_item(value: &Value) -> String {
    let written = inline(value);
    let plain = !matches!(value, Value::Sequence(_) | Value::Mapping(_));
    if plain && written.contains([',', '[', ']', '{', '}']) && !written.starts_with(['\'', '"']) {
        let text = value.as_str().map(str::to_string).unwrap_or(written);
        return serde_json::to_string(&text).unwrap_or_default();
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) {
        let value = Value::String(text.to_string());
        let written = format!("key: {}\n", inline(&value));
        let read: Value = serde_yaml::from_str(&written).expect("valid YAML");
        assert_eq!(read.get("key"), Some(&value), "{written}");
    }

    #[test]
    fn texts_read_back_as_written() {
        for text in [
            "Anna Beispiel",
            "Sommerfest: 2027",
            "2027",
            "true",
            "- Liste",
            "# kein Kommentar",
            "„Zitat“ & mehr",
            "zwei\nZeilen",
            "",
            "'einfach'",
            "\"doppelt\"",
        ] {
            round_trip(text);
        }
    }

    #[test]
    fn lists_and_groups_stay_on_one_line() {
        let value: Value = serde_yaml::from_str("[a, 'b, c', 3, {x: [1, 2]}]").expect("YAML");
        let written = inline(&value);
        assert!(!written.contains('\n'), "{written}");
        let read: Value = serde_yaml::from_str(&written).expect("valid YAML");
        assert_eq!(read, value, "{written}");
    }
}
