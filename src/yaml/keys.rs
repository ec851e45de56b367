//! Map keys that templates can use: Tera takes only text, whole numbers and `true`/`false`
//! as keys, and panics on any other (a float such as `1.5:`, an empty `~:` or `? [a]`).
//! Such keys are written as their YAML text, so that `extra` of any shape renders.

use serde_yaml::Value;

/// `value` with every map key that Tera cannot take turned into its YAML text, or `None`
/// when every key is fine already (nearly always: then nothing is copied).
pub fn for_templates(value: &Value) -> Option<Value> {
    needs_change(value).then(|| convert(value))
}

fn fine_key(key: &Value) -> bool {
    match key {
        Value::String(_) | Value::Bool(_) => true,
        Value::Number(n) => n.is_i64() || n.is_u64(),
        _ => false,
    }
}

fn needs_change(value: &Value) -> bool {
    match value {
        Value::Mapping(m) => m.iter().any(|(k, v)| !fine_key(k) || needs_change(v)),
        Value::Sequence(s) => s.iter().any(needs_change),
        Value::Tagged(t) => needs_change(&t.value),
        _ => false,
    }
}

fn convert(value: &Value) -> Value {
    match value {
        Value::Mapping(m) => Value::Mapping(
            m.iter()
                .map(|(k, v)| {
                    let key = if fine_key(k) {
                        k.clone()
                    } else {
                        Value::String(key_text(k))
                    };
                    (key, convert(v))
                })
                .collect(),
        ),
        Value::Sequence(s) => Value::Sequence(s.iter().map(convert).collect()),
        Value::Tagged(t) => convert(&t.value),
        other => other.clone(),
    }
}

fn key_text(key: &Value) -> String {
    match key {
        Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        other => serde_yaml::to_string(other)
            .map(|t| t.trim_end().to_string())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tera_cannot_take_become_text() {
        let v: Value = serde_yaml::from_str("a: 1\n1.5: x\n~: y\nl:\n  - {? [p]: q}\n").unwrap();
        let fixed = for_templates(&v).expect("needs a change");
        let text = serde_yaml::to_string(&fixed).unwrap();
        assert!(text.contains("'1.5': x"), "{text}");
        assert!(text.contains("'': y"), "{text}");
        assert!(text.contains("- p"), "{text}");
        let plain: Value = serde_yaml::from_str("a: 1\n2: b\ntrue: c\n").unwrap();
        assert_eq!(for_templates(&plain), None);
    }
}
