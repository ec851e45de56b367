//! Front matter dates: `YYYY-MM-DD` or RFC 3339. They are written for readers by
//! [`crate::locale::Locale::date`].

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
    /// Whether the date was written as a bare day, without a time (`parse` keeps a bare
    /// day as `YYYY-MM-DD`; an RFC 3339 value is longer).
    pub fn is_bare(&self) -> bool {
        self.text.len() == 10
    }

    /// Parses `YYYY-MM-DD` or an RFC 3339 timestamp such as `2024-05-01T10:00:00+02:00`.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        if let (10, Ok(day)) = (text.len(), text.parse::<civil::Date>()) {
            // The last day jiff knows (9999-12-31) has no instant at its midnight
            // everywhere: it sorts after every other, as editors mean by it ("never").
            let instant = day
                .to_datetime(civil::Time::midnight())
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .map_or(jiff::Timestamp::MAX, |z| z.timestamp());
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
    fn the_last_day_is_a_date() {
        let last = Date::parse("9999-12-31").unwrap();
        assert_eq!(last.instant, jiff::Timestamp::MAX);
        assert!(Date::parse("9999-12-30").unwrap().instant < last.instant);
    }

    #[test]
    fn rejects_invalid_dates() {
        assert_eq!(Date::parse("2024-13-01"), None);
        assert_eq!(Date::parse("1. Mai 2024"), None);
        assert_eq!(Date::parse("2024-05-01T10:00:00"), None);
    }
}
