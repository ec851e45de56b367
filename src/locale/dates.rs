//! Dates in the site language: the named formats of the `date` filter and the name
//! directives of strftime patterns. English follows British order (day before month),
//! the usual order in Europe, so that a date reads the same way in both languages.

use jiff::civil;

use super::Locale;
use crate::messages::Text;

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

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
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

const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The names of `day`'s month and weekday in `locale`.
fn names(locale: Locale, day: civil::Date) -> (&'static str, &'static str) {
    let (months, weekdays) = match locale {
        Locale::German => (&MONTHS_DE, &WEEKDAYS_DE),
        Locale::English => (&MONTHS_EN, &WEEKDAYS_EN),
    };
    // jiff guarantees month 1–12; the `%` keeps the index in range regardless.
    let month = months[usize::from(day.month().unsigned_abs()).saturating_sub(1) % 12];
    let weekday = weekdays[usize::from(day.weekday().to_monday_zero_offset().unsigned_abs()) % 7];
    (month, weekday)
}

/// See [`Locale::date`].
pub(super) fn format(locale: Locale, day: civil::Date, format: &str) -> Result<String, Text> {
    let (month, _) = names(locale, day);
    let (d, m, y) = (day.day(), day.month(), day.year());
    Ok(match (format, locale) {
        ("long", Locale::German) => format!("{d}. {month} {y}"),
        ("long", Locale::English) => format!("{d} {month} {y}"),
        ("short", Locale::German) => format!("{d:02}.{m:02}.{y}"),
        ("short", Locale::English) => format!("{d:02}/{m:02}/{y}"),
        ("month", _) => format!("{month} {y}"),
        ("iso", _) => day.to_string(),
        (pattern, _) => {
            jiff::fmt::strtime::format(with_names(locale, pattern, day), day).map_err(|e| {
                crate::text!(
                    "templates-date-format",
                    pattern = pattern,
                    reason = e.to_string()
                )
            })?
        }
    })
}

/// Replaces the name directives of a strftime pattern with the locale's names,
/// leaving `%%` and all other directives to jiff.
fn with_names(locale: Locale, pattern: &str, day: civil::Date) -> String {
    let (month, weekday) = names(locale, day);
    // German abbreviates weekdays to two letters (`Di`), English to three (`Tue`).
    let weekday_len = match locale {
        Locale::German => 2,
        Locale::English => 3,
    };
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('B') => out.push_str(month),
            Some('b') => out.extend(month.chars().take(3)),
            Some('A') => out.push_str(weekday),
            Some('a') => out.extend(weekday.chars().take(weekday_len)),
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
    fn german_formats() {
        let d = civil::date(2024, 3, 5);
        let de = |f| format(Locale::German, d, f);
        assert_eq!(de("long").unwrap(), "5. März 2024");
        assert_eq!(de("short").unwrap(), "05.03.2024");
        assert_eq!(de("month").unwrap(), "März 2024");
        assert_eq!(de("iso").unwrap(), "2024-03-05");
        assert_eq!(de("%d. %B").unwrap(), "05. März");
        assert!(de("%H:%M").is_err());
        assert_eq!(de("%A, %d. %b").unwrap(), "Dienstag, 05. Mär");
        assert_eq!(de("%a %%B").unwrap(), "Di %B");
    }

    #[test]
    fn english_formats() {
        let d = civil::date(2024, 3, 5);
        let en = |f| format(Locale::English, d, f);
        assert_eq!(en("long").unwrap(), "5 March 2024");
        assert_eq!(en("short").unwrap(), "05/03/2024");
        assert_eq!(en("month").unwrap(), "March 2024");
        assert_eq!(en("iso").unwrap(), "2024-03-05");
        assert_eq!(en("%A, %d %b").unwrap(), "Tuesday, 05 Mar");
        assert_eq!(en("%a %%A").unwrap(), "Tue %A");
    }
}
