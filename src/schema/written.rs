//! Written values: how a field's kind is recognised in what an editor wrote, and how
//! a value is shown back in a message.

use super::Kind;
use crate::messages::Text;
use crate::text;
use crate::yaml::Value;

/// A scalar as text: numbers and `true`/`false` are text too where text is asked for.
pub(super) fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A long value shortened for a message: its first 60 characters and „…“.
pub(super) fn short(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// The hint for a value of the wrong kind: what to write instead.
pub(super) fn expected_hint(kind: &Kind) -> Text {
    match kind {
        Kind::Boolean => text!("schema-expected-boolean.hint"),
        Kind::Date => text!("schema-expected-date.hint"),
        Kind::Month => text!("schema-expected-month.hint"),
        Kind::Datetime => text!("schema-expected-datetime.hint"),
        Kind::List(_) => text!("schema-expected-list.hint"),
        Kind::Map(_) => text!("schema-expected-map.hint"),
        Kind::Integer => text!("schema-expected-integer.hint"),
        Kind::Number => text!("schema-expected-number.hint"),
        Kind::Email => text!("schema-expected-email.hint"),
        Kind::Url => text!("schema-expected-url.hint"),
        Kind::Phone => text!("schema-expected-phone.hint"),
        Kind::Image { .. } => text!("schema-expected-image.hint"),
        Kind::File => text!("schema-expected-file.hint"),
        Kind::Page => text!("schema-expected-page.hint"),
        Kind::String => text!("schema-expected-string.hint"),
        Kind::Text | Kind::Enum(_) => text!("schema-expected-text.hint"),
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

/// A number as editors write it: `3`, not `3.0`.
pub(super) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// `YYYY-MM` with a month from 01 to 12.
pub(super) fn is_month(s: &str) -> bool {
    s.len() == 7 && format!("{s}-01").parse::<jiff::civil::Date>().is_ok()
}

/// `name@domain.tld`: one `@`, no spaces, a dot in the domain.
pub(super) fn is_email(s: &str) -> bool {
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
pub(super) fn is_phone(s: &str) -> bool {
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
