//! Front matter dates: `YYYY-MM-DD` or RFC 3339, and their German formatting.

use jiff::civil;

/// A validated date from front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date {
    /// The calendar day.
    pub day: civil::Date,
    /// The exact instant, for RFC 3339 values; bare dates sort as midnight UTC.
    pub instant: jiff::Timestamp,
    /// The value as written, normalised (used for `<time datetime>` and the sitemap).
    pub text: String,
}

impl Date {
    /// Parses `YYYY-MM-DD` or an RFC 3339 timestamp such as `2024-05-01T10:00:00+02:00`.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        if let (10, Ok(day)) = (text.len(), text.parse::<civil::Date>()) {
            let instant = day
                .to_datetime(civil::Time::midnight())
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .ok()?
                .timestamp();
            return Some(Date {
                day,
                instant,
                text: day.to_string(),
            });
        }
        // RFC 3339 needs a time and an offset; the day is the one written, not UTC's.
        let instant: jiff::Timestamp = text.parse().ok()?;
        let day: civil::Date = text.get(..10)?.parse().ok()?;
        if text
            .as_bytes()
            .get(10)
            .is_none_or(|b| !matches!(b, b'T' | b't' | b' '))
        {
            return None;
        }
        Some(Date {
            day,
            instant,
            text: text.to_string(),
        })
    }
}

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

const WEEKDAYS_DE: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];

/// Formats a day in German: `long` = "5. Mai 2024", `short` = "05.05.2024",
/// `month` = "Mai 2024", `iso` = "2024-05-05", anything else as a strftime pattern
/// whose month and weekday names (`%B`, `%b`, `%A`, `%a`) are German.
/// A pattern jiff cannot apply is an error.
pub fn format_de(day: civil::Date, format: &str) -> Result<String, String> {
    let month = MONTHS_DE[usize::from(day.month().unsigned_abs()).saturating_sub(1) % 12];
    Ok(match format {
        "long" => format!("{}. {month} {}", day.day(), day.year()),
        "short" => format!("{:02}.{:02}.{}", day.day(), day.month(), day.year()),
        "month" => format!("{month} {}", day.year()),
        "iso" => day.to_string(),
        pattern => jiff::fmt::strtime::format(german_names(pattern, day), day)
            .map_err(|e| format!("the date format `{pattern}` cannot be applied: {e}"))?,
    })
}

/// Replaces the name directives of a strftime pattern with German names, leaving
/// `%%` and all other directives to jiff.
fn german_names(pattern: &str, day: civil::Date) -> String {
    let month = MONTHS_DE[usize::from(day.month().unsigned_abs()).saturating_sub(1) % 12];
    let weekday =
        WEEKDAYS_DE[usize::from(day.weekday().to_monday_zero_offset().unsigned_abs()) % 7];
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('B') => out.push_str(month),
            Some('b') => out.push_str(&month.chars().take(3).collect::<String>()),
            Some('A') => out.push_str(weekday),
            Some('a') => out.push_str(&weekday.chars().take(2).collect::<String>()),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_dates_and_rfc3339() {
        assert_eq!(Date::parse("2024-05-01").unwrap().text, "2024-05-01");
        let d = Date::parse("2024-05-01T10:00:00+02:00").unwrap();
        assert_eq!(d.day, civil::date(2024, 5, 1));
        assert!(d.instant > Date::parse("2024-05-01").unwrap().instant);
    }

    #[test]
    fn rejects_invalid_dates() {
        assert_eq!(Date::parse("2024-13-01"), None);
        assert_eq!(Date::parse("1. Mai 2024"), None);
        assert_eq!(Date::parse("2024-05-01T10:00:00"), None);
    }

    #[test]
    fn formats_german_month_names() {
        let d = civil::date(2024, 3, 5);
        assert_eq!(format_de(d, "long").unwrap(), "5. März 2024");
        assert_eq!(format_de(d, "short").unwrap(), "05.03.2024");
        assert_eq!(format_de(d, "month").unwrap(), "März 2024");
        assert_eq!(format_de(d, "%d. %B").unwrap(), "05. März");
        assert!(format_de(d, "%H:%M").is_err());
        assert_eq!(format_de(d, "%A, %d. %b").unwrap(), "Dienstag, 05. Mär");
        assert_eq!(format_de(d, "%a %%B").unwrap(), "Di %B");
    }
}
