//! Front matter dates in the form Atom requires (RFC 3339 `date-time`, RFC 4287 §3.3:
//! a time, an offset, upper-case `T` and `Z`). Front matter may say less (a bare day)
//! or more loosely (`2024-05-01 10:00+02:00`, a lower-case `t`, `[Europe/Berlin]`),
//! which jiff reads; what is written here is always strict.

use jiff::fmt::temporal::{Pieces, PiecesOffset};

use crate::content::date::Date;

/// `date` in RFC 3339: a bare day is midnight in the site's `zone`, the moment a bare
/// `publish_date` begins too (`2024-05-01T00:00:00+02:00` in Berlin); a timestamp keeps
/// the offset it was written with, so a reader sees the editor's local time.
pub fn rfc3339(date: &Date, zone: &jiff::tz::TimeZone) -> String {
    if date.is_bare() {
        let Ok(midnight) = date.day.to_zoned_datetime(zone.clone()) else {
            // The last days of jiff's calendar have no instant at midnight: the day
            // as written, at midnight UTC.
            return format!("{}T00:00:00Z", date.day);
        };
        if midnight.offset() == jiff::tz::Offset::UTC {
            return midnight.timestamp().to_string();
        }
        return midnight
            .timestamp()
            .display_with_offset(midnight.offset())
            .to_string();
    }
    match written_offset(&date.text) {
        Some(offset) => date.instant.display_with_offset(offset).to_string(),
        // `Z`: the instant's own display.
        None => date.instant.to_string(),
    }
}

/// The numeric offset `text` was written with; `None` for a bare day, for `Z` and
/// `-00:00` (both mean UTC with no local time known), and for an offset with seconds,
/// which RFC 3339 cannot write (the instant is then given in UTC).
fn written_offset(text: &str) -> Option<jiff::tz::Offset> {
    let pieces = Pieces::parse(text).ok()?;
    pieces.time()?;
    let PiecesOffset::Numeric(numeric) = pieces.offset()? else {
        return None;
    };
    let offset = numeric.offset();
    let unknown = numeric.is_negative() && offset == jiff::tz::Offset::UTC;
    (!unknown && offset.seconds() % 60 == 0).then_some(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str) -> String {
        rfc3339(
            &Date::parse(text).expect("a front matter date"),
            &jiff::tz::TimeZone::UTC,
        )
    }

    #[test]
    fn a_bare_day_is_midnight_in_the_sites_zone() {
        assert_eq!(written("2024-05-01"), "2024-05-01T00:00:00Z");
        let berlin = jiff::tz::TimeZone::get("Europe/Berlin").expect("bundled zone");
        let day = |text: &str| rfc3339(&Date::parse(text).expect("a date"), &berlin);
        assert_eq!(day("2024-05-01"), "2024-05-01T00:00:00+02:00");
        assert_eq!(day("2024-12-24"), "2024-12-24T00:00:00+01:00");
        // A written offset stays, whatever the zone.
        assert_eq!(day("2024-05-01T10:00:00Z"), "2024-05-01T10:00:00Z");
    }

    #[test]
    fn the_written_offset_is_kept() {
        assert_eq!(
            written("2024-05-01T10:00:00+02:00"),
            "2024-05-01T10:00:00+02:00"
        );
        assert_eq!(
            written("2024-12-24T18:30:00-05:30"),
            "2024-12-24T18:30:00-05:30"
        );
        assert_eq!(
            written("2024-05-01T10:00:00+00:00"),
            "2024-05-01T10:00:00+00:00"
        );
        assert_eq!(written("2024-05-01T10:00:00Z"), "2024-05-01T10:00:00Z");
    }

    #[test]
    fn loose_spellings_become_strict() {
        assert_eq!(written("2024-05-01t10:00:00z"), "2024-05-01T10:00:00Z");
        assert_eq!(
            written("2024-05-01 10:00+02:00"),
            "2024-05-01T10:00:00+02:00"
        );
        assert_eq!(
            written("2024-05-01T10:00:00.250+02:00"),
            "2024-05-01T10:00:00.25+02:00"
        );
        assert_eq!(
            written("2024-05-01T10:00:00+02:00[Europe/Berlin]"),
            "2024-05-01T10:00:00+02:00"
        );
        assert_eq!(written("2024-05-01T10:00:00-00:00"), "2024-05-01T10:00:00Z");
    }
}
