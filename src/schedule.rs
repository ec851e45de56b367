//! Scheduled publishing: the moment a build shows the site at (`--now`, else
//! `SOURCE_DATE_EPOCH`, else the system clock), the site's time zone, and what a
//! page's `publish_date` and `expiry_date` make of it at that moment. The clock and
//! the environment are read once, in [`now`], when the configuration is resolved;
//! everything else here is a pure function of the configuration and the dates.
//!
//! A bare date is a day in the site's `timezone`: `publish_date: 2027-03-01` shows the
//! page from that day's midnight; `expiry_date: 2027-03-31` shows it through that whole
//! day (editors write „gilt bis 31.03.“) and leaves it out from 2027-04-01, 00:00. An
//! RFC 3339 value is an exact instant in both keys.

use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::{Timestamp, civil};

use crate::config::Config;
use crate::content::date::Date;
use crate::content::front_matter::{Expired, PageFrontMatter};
use crate::error::{Error, Result};
use crate::messages::Text;
use crate::text;

/// The environment variable that pins the clock for reproducible builds (seconds since
/// 1970-01-01 UTC), as <https://reproducible-builds.org/specs/source-date-epoch/> defines.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// When a build shows the site, and which pages outside their dates it includes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// The moment the site is built at.
    pub now: Timestamp,
    /// Build pages whose `publish_date` is still to come (`--future`).
    pub future: bool,
    /// Build pages whose `expiry_date` has passed (`--expired`).
    pub expired: bool,
}

/// Why a page is left out of this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unpublished {
    /// Its `publish_date` is still to come.
    Future(Date),
    /// Its `expiry_date` has passed.
    Expired(Date),
}

/// What the schedule makes of a page at the build's moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    /// Built and listed.
    Shown,
    /// Expired in a section with `expired: archive`: built, marked, left out of the list.
    Archived,
    /// Left out of the build, like a draft.
    Hidden(Unpublished),
}

/// The next moment after the build's at which a page appears, expires or moves to an
/// archive, and how many pages change then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextChange {
    /// The moment.
    pub at: Timestamp,
    /// How many pages change at that moment.
    pub pages: usize,
}

/// The bundled zone database: the same answers on every machine, whatever it has
/// installed (or not, as in a slim container).
fn zones() -> &'static TimeZoneDatabase {
    static DB: std::sync::LazyLock<TimeZoneDatabase> =
        std::sync::LazyLock::new(TimeZoneDatabase::bundled);
    &DB
}

/// The time zone `timezone:` names (`UTC` without one), or the message and hint for a
/// name the zone database does not know.
pub fn time_zone(name: Option<&str>) -> std::result::Result<TimeZone, (Text, Text)> {
    let Some(name) = name else {
        return Ok(TimeZone::UTC);
    };
    let trimmed = name.trim();
    // A fixed offset such as `+01:00` parses too, but is no zone: it knows no summer time.
    if let Some(zone) = (!trimmed.is_empty() && !trimmed.starts_with(['+', '-']))
        .then(|| zones().get(trimmed).ok())
        .flatten()
    {
        return Ok(zone);
    }
    let message = text!("config-timezone-unknown", value = name);
    let hint = match nearest_zone(trimmed) {
        Some(near) => text!("config-timezone-unknown.near", near = near),
        None => text!("config-timezone-unknown.hint"),
    };
    Err((message, hint))
}

/// The zone name closest to `name`: one whose last part it is (`Berlin`), or one a
/// typo away (`Europe/Berlni`).
fn nearest_zone(name: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    let names: Vec<String> = zones().available().map(|n| n.to_string()).collect();
    let lower = name.to_lowercase().replace(' ', "_");
    if let Some(full) = names.iter().find(|n| {
        n.rsplit('/')
            .next()
            .is_some_and(|last| last.eq_ignore_ascii_case(&lower))
    }) {
        return Some(full.clone());
    }
    let limit = 2.max(lower.chars().count() / 4);
    names
        .iter()
        .map(|n| (strsim::levenshtein(&lower, &n.to_lowercase()), n))
        .filter(|(d, _)| *d <= limit)
        // Ties broken by the name, so the hint is the same in every run.
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, n)| n.clone())
}

/// The moment to build at: `--now` (`flag`, RFC 3339 or a bare date, which is midnight
/// in `zone`), else `SOURCE_DATE_EPOCH`, else the system clock. A value that is no
/// moment is a usage error naming the flag or the variable.
pub fn now(flag: Option<&str>, zone: &TimeZone) -> Result<Timestamp> {
    if let Some(written) = flag {
        return moment(written, zone)
            .ok_or_else(|| Error::usage(text!("config-now-invalid", value = written)));
    }
    match std::env::var_os(SOURCE_DATE_EPOCH) {
        Some(value) => {
            let text = value.to_string_lossy();
            epoch(&text).ok_or_else(|| {
                Error::usage(text!(
                    "config-source-date-epoch-invalid",
                    variable = SOURCE_DATE_EPOCH,
                    value = text.as_ref()
                ))
            })
        }
        None => Ok(Timestamp::now()),
    }
}

/// Whether the clock is pinned by the environment (`SOURCE_DATE_EPOCH`), so that a
/// long-running preview must not move it either.
pub fn pinned_by_environment() -> bool {
    std::env::var_os(SOURCE_DATE_EPOCH).is_some()
}

/// `written` as a moment: an RFC 3339 timestamp, or a bare date at midnight in `zone`.
fn moment(written: &str, zone: &TimeZone) -> Option<Timestamp> {
    let written = written.trim();
    if let (10, Ok(day)) = (written.len(), written.parse::<civil::Date>()) {
        return Some(start_of_day(day, zone));
    }
    written.parse::<Timestamp>().ok()
}

/// Whole seconds since 1970-01-01 UTC, as `SOURCE_DATE_EPOCH` holds them.
fn epoch(text: &str) -> Option<Timestamp> {
    let digits = text.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Timestamp::from_second(digits.parse().ok()?).ok()
}

/// Midnight of `day` in `zone` (the first moment of the day where a change to summer
/// time skips midnight). Days at the edges of the calendar saturate.
fn start_of_day(day: civil::Date, zone: &TimeZone) -> Timestamp {
    match day.to_zoned_datetime(zone.clone()) {
        Ok(zoned) => zoned.timestamp(),
        Err(_) if day.year() > 0 => Timestamp::MAX,
        Err(_) => Timestamp::MIN,
    }
}

/// From when a page with this `publish_date` is shown.
pub fn publish_at(date: &Date, zone: &TimeZone) -> Timestamp {
    if date.is_bare() {
        start_of_day(date.day, zone)
    } else {
        date.instant
    }
}

/// From when a page with this `expiry_date` is gone: a bare day is shown to its end.
pub fn expiry_at(date: &Date, zone: &TimeZone) -> Timestamp {
    if date.is_bare() {
        date.day
            .tomorrow()
            .map_or(Timestamp::MAX, |next| start_of_day(next, zone))
    } else {
        date.instant
    }
}

/// The message and hint when a page would expire before it appears (or at that same
/// moment), so that it would never be shown.
pub fn order_problem(
    publish: Option<&Date>,
    expiry: Option<&Date>,
    zone: &TimeZone,
) -> Option<(Text, Text)> {
    let (publish, expiry) = (publish?, expiry?);
    (expiry_at(expiry, zone) <= publish_at(publish, zone)).then(|| {
        (
            text!(
                "model-expiry-before-publish",
                expiry = &expiry.text,
                publish = &publish.text
            ),
            text!("model-expiry-before-publish.hint"),
        )
    })
}

/// What the build's schedule makes of a page with these dates in a section that does
/// `section` with expired pages.
pub fn visibility(
    publish: Option<&Date>,
    expiry: Option<&Date>,
    section: Expired,
    config: &Config,
) -> Visibility {
    let (schedule, zone) = (&config.schedule, &config.time_zone);
    if let Some(p) = publish
        && schedule.now < publish_at(p, zone)
        && !schedule.future
    {
        return Visibility::Hidden(Unpublished::Future(p.clone()));
    }
    match expiry {
        Some(e) if schedule.now >= expiry_at(e, zone) => match section {
            // Archived whatever `--expired` says: the archive is where it belongs.
            Expired::Archive => Visibility::Archived,
            Expired::Hide if schedule.expired => Visibility::Shown,
            Expired::Hide => Visibility::Hidden(Unpublished::Expired(e.clone())),
        },
        _ => Visibility::Shown,
    }
}

/// The dates of a page's front matter, where they are valid and in order; a page with
/// a wrong date is built (and its error reported) rather than left out unseen.
fn valid_dates(fm: &PageFrontMatter, zone: &TimeZone) -> Option<(Option<Date>, Option<Date>)> {
    let parse = |written: &Option<String>| match written {
        Some(text) => Date::parse(text).map(Some),
        None => Some(None),
    };
    let (publish, expiry) = (parse(&fm.publish_date)?, parse(&fm.expiry_date)?);
    match order_problem(publish.as_ref(), expiry.as_ref(), zone) {
        Some(_) => None,
        None => Some((publish, expiry)),
    }
}

/// [`visibility`] of a page as written, before it is made a page.
pub fn visibility_of(fm: &PageFrontMatter, section: Expired, config: &Config) -> Visibility {
    match valid_dates(fm, &config.time_zone) {
        Some((publish, expiry)) => visibility(publish.as_ref(), expiry.as_ref(), section, config),
        None => Visibility::Shown,
    }
}

/// Finds the [`NextChange`] over the pages it is shown.
#[derive(Debug)]
pub struct Upcoming {
    now: Timestamp,
    zone: TimeZone,
    /// `--future` and `--expired`: a date they already override changes nothing.
    future: bool,
    expired: bool,
    next: Option<NextChange>,
}

impl Upcoming {
    /// Nothing seen yet, for a build at `config`'s moment.
    pub fn new(config: &Config) -> Upcoming {
        Upcoming {
            now: config.schedule.now,
            zone: config.time_zone.clone(),
            future: config.schedule.future,
            expired: config.schedule.expired,
            next: None,
        }
    }

    /// Takes a page (built or left out, but no draft) of a section that treats expired
    /// pages as `section` says into account.
    pub fn note(&mut self, fm: &PageFrontMatter, section: Expired) {
        let Some((publish, expiry)) = valid_dates(fm, &self.zone) else {
            return;
        };
        // With `--expired` an expiry still moves a page into its section's archive.
        let expiry_counts = !self.expired || section == Expired::Archive;
        let moments = [
            publish
                .filter(|_| !self.future)
                .map(|d| publish_at(&d, &self.zone)),
            expiry
                .filter(|_| expiry_counts)
                .map(|d| expiry_at(&d, &self.zone)),
        ];
        let Some(first) = moments
            .into_iter()
            .flatten()
            // `Timestamp::MAX` is the end of jiff's calendar: never.
            .filter(|t| *t > self.now && *t < Timestamp::MAX)
            .min()
        else {
            return;
        };
        // A page counts once; an earlier moment than any seen before is this page's
        // alone, since every page seen before changes only later.
        match &mut self.next {
            Some(next) if next.at < first => {}
            Some(next) if next.at == first => next.pages += 1,
            _ => {
                self.next = Some(NextChange {
                    at: first,
                    pages: 1,
                })
            }
        }
    }

    /// The earliest change, if any page has one to come.
    pub fn finish(self) -> Option<NextChange> {
        self.next
    }
}

impl NextChange {
    /// The summary line for people: „Nächste zeitgesteuerte Änderung: 2027-03-01,
    /// 2 Seiten“, with the time of day when it is not midnight in `zone`.
    pub fn line(&self, zone: &TimeZone) -> Text {
        text!(
            "cli-next-change",
            at = shown(self.at, zone),
            pages = self.pages
        )
    }
}

/// A moment as people read it in `zone`: `2027-03-01`, or `2027-03-01 10:00` when it is
/// not midnight there.
pub fn shown(at: Timestamp, zone: &TimeZone) -> String {
    let zoned = at.to_zoned_datetime(zone.clone());
    let time = zoned.time();
    let pattern = if time == civil::Time::midnight() {
        "%Y-%m-%d"
    } else if time.second() == 0 && time.subsec_nanosecond() == 0 {
        "%Y-%m-%d %H:%M"
    } else {
        "%Y-%m-%d %H:%M:%S"
    };
    zoned.strftime(pattern).to_string()
}

impl Unpublished {
    /// Why a link to `page` (content-relative) finds nothing, and what to do: the end
    /// of the sentence „Der Link … verweist auf …, “.
    pub fn reason(&self, page: &str) -> (Text, Text) {
        match self {
            Unpublished::Future(date) => (
                text!("model-link-future", page = page, date = &date.text),
                text!("model-link-future.hint", page = page),
            ),
            Unpublished::Expired(date) => (
                text!("model-link-expired", page = page, date = &date.text),
                text!("model-link-expired.hint", page = page),
            ),
        }
    }

    /// A stable hash input: which reason and the date.
    pub fn key(&self) -> String {
        match self {
            Unpublished::Future(d) => format!("future {}", d.text),
            Unpublished::Expired(d) => format!("expired {}", d.text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> TimeZone {
        time_zone(Some("Europe/Berlin")).unwrap()
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_bare_publish_date_begins_at_midnight_in_the_zone() {
        let zone = berlin();
        assert_eq!(
            publish_at(&day("2027-03-01"), &zone),
            at("2027-03-01T00:00:00+01:00")
        );
        assert_eq!(
            publish_at(&day("2027-07-01"), &zone),
            at("2027-07-01T00:00:00+02:00")
        );
        let exact = day("2027-03-01T10:00:00+01:00");
        assert_eq!(publish_at(&exact, &zone), exact.instant);
    }

    #[test]
    fn a_bare_expiry_date_lasts_through_its_day() {
        let zone = berlin();
        assert_eq!(
            expiry_at(&day("2027-03-31"), &zone),
            at("2027-04-01T00:00:00+02:00")
        );
        // The last day a date can name: its end lies past the last moment jiff knows.
        assert_eq!(expiry_at(&day("9999-12-30"), &zone), Timestamp::MAX);
    }

    #[test]
    fn unknown_zones_get_a_near_name() {
        let hint = |name: &str| time_zone(Some(name)).unwrap_err().1.to_string();
        let near = "did you mean `timezone: Europe/Berlin`?";
        assert!(hint("Berlin").starts_with(near), "{}", hint("Berlin"));
        assert!(hint("europe/berlni").starts_with(near));
        assert!(!hint("Mittelerde").contains("did you mean"));
        assert!(time_zone(Some("+01:00")).is_err());
        assert_eq!(time_zone(None), Ok(TimeZone::UTC));
    }

    #[test]
    fn now_takes_rfc3339_and_bare_dates() {
        let zone = berlin();
        assert_eq!(
            moment("2027-01-01", &zone),
            Some(at("2027-01-01T00:00:00+01:00"))
        );
        assert_eq!(
            moment("2027-01-01T12:00:00Z", &zone),
            Some(at("2027-01-01T12:00:00Z"))
        );
        assert_eq!(moment("morgen", &zone), None);
        assert_eq!(moment("2027-13-01", &zone), None);
    }

    #[test]
    fn epochs_are_whole_seconds() {
        assert_eq!(epoch("0"), Some(Timestamp::UNIX_EPOCH));
        assert_eq!(epoch("1798761600"), Some(at("2027-01-01T00:00:00Z")));
        for bad in ["", "-1", "1.5", "gestern", "99999999999999999999"] {
            assert_eq!(epoch(bad), None, "{bad}");
        }
    }

    #[test]
    fn moments_are_shown_with_a_time_only_when_not_midnight() {
        let zone = berlin();
        assert_eq!(shown(at("2027-03-01T00:00:00+01:00"), &zone), "2027-03-01");
        assert_eq!(
            shown(at("2027-03-01T10:00:00+01:00"), &zone),
            "2027-03-01 10:00"
        );
        assert_eq!(shown(at("2027-02-28T23:00:00Z"), &zone), "2027-03-01");
    }

    #[test]
    fn an_expiry_before_the_publish_date_is_a_problem() {
        let zone = berlin();
        let check = |p: &str, e: &str| order_problem(Some(&day(p)), Some(&day(e)), &zone);
        assert!(check("2027-03-02", "2027-03-01").is_some());
        assert!(
            check("2027-03-01", "2027-03-01").is_none(),
            "shown that day"
        );
        assert!(check("2027-03-01T10:00:00+01:00", "2027-03-01T10:00:00+01:00").is_some());
    }
}
