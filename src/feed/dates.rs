//! Front matter dates in the form Atom requires (RFC 3339 `date-time`, RFC 4287 §3.3:
//! a time, an offset, upper-case `T` and `Z`). Front matter may say less (a bare day)
//! or more loosely (`2024-05-01 10:00+02:00`, a lower-case `t`, `[Europe/Berlin]`),
//! which jiff reads; what is written here is always strict.

use jiff::fmt::temporal::{Pieces, PiecesOffset};

use crate::content::date::Date;

/// `date` in RFC 3339: a bare day is midnight UTC (`2024-05-01T00:00:00Z`, the instant
/// lernort sorts it by); a timestamp keeps the offset it was written with, so a reader
/// sees the editor's local time.
pub fn rfc3339(date: &Date) -> String {
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
        rfc3339(&Date::parse(text).expect("a front matter date"))
    }

    #[test]
    fn a_bare_day_is_midnight_utc() {
        assert_eq!(written("2024-05-01"), "2024-05-01T00:00:00Z");
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
