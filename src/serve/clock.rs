//! The preview's clock. Without `--now` (and without `SOURCE_DATE_EPOCH`), a build shows
//! the site at the moment it runs; but a moment that differs from the last rebuild's
//! changes the configuration, and with it every page's fingerprint. So the preview
//! keeps the moment of its last good build until a scheduled change of that build
//! has come (its `next_change`): until then both moments give the same site, and an
//! edit re-renders only what it touches.

use jiff::Timestamp;

use crate::config::Overrides;
use crate::model::NextChange;

/// The moment of the last good build and that build's next scheduled change.
#[derive(Debug, Default)]
pub struct Clock {
    shown: Option<Timestamp>,
    next: Option<Timestamp>,
}

impl Clock {
    /// The moment to build at when the clock reads `real`: the last build's, unless
    /// none was made yet or its next change has come.
    pub fn moment(&self, real: Timestamp) -> Timestamp {
        match (self.shown, self.next) {
            (Some(shown), next) if next.is_none_or(|at| at > real) && shown <= real => shown,
            _ => real,
        }
    }

    /// The last build's next change, and when it comes on this machine's monotonic
    /// clock: the preview then rebuilds by itself. `None` without one.
    pub fn due(&self) -> Option<(Timestamp, std::time::Instant)> {
        let next = self.next?;
        let wait = next.duration_since(Timestamp::now());
        // Already past (a negative wait): at once.
        let wait = std::time::Duration::try_from(wait).unwrap_or_default();
        // A change decades away waits forever, as without one.
        Some((next, std::time::Instant::now().checked_add(wait)?))
    }

    /// Remembers a good build at `at` and its next change.
    pub fn built(&mut self, at: Timestamp, next: Option<NextChange>) {
        self.shown = Some(at);
        self.next = next.map(|n| n.at);
    }
}

/// Whether a build at `moment` may differ from one at `real`: it failed (maybe over
/// a page whose date has come since), or one of its pages changes in between.
pub fn outdated(moment: Timestamp, real: Timestamp, next: Option<Option<NextChange>>) -> bool {
    moment < real
        && match next {
            None => true,
            Some(next) => next.is_some_and(|n| n.at <= real),
        }
}

/// `given` with the clock set to `moment` (a timestamp's text is RFC 3339).
pub fn at(given: &Overrides, moment: Timestamp) -> Overrides {
    Overrides {
        now: Some(moment.to_string()),
        ..given.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn the_moment_stays_until_the_next_change() {
        let mut clock = Clock::default();
        let (ten, eleven, noon) = (
            t("2027-03-01T10:00:00Z"),
            t("2027-03-01T11:00:00Z"),
            t("2027-03-01T12:00:00Z"),
        );
        assert_eq!(clock.moment(ten), ten, "the first build reads the clock");
        clock.built(ten, None);
        assert_eq!(
            clock.moment(noon),
            ten,
            "nothing scheduled: nothing to move for"
        );
        clock.built(
            ten,
            Some(NextChange {
                at: eleven,
                pages: 1,
            }),
        );
        assert_eq!(clock.moment(t("2027-03-01T10:59:59Z")), ten);
        assert_eq!(clock.moment(eleven), eleven, "the change has come");
        assert_eq!(
            clock.moment(t("2027-03-01T09:00:00Z")),
            t("2027-03-01T09:00:00Z"),
            "the clock went back"
        );
    }

    #[test]
    fn a_build_is_outdated_when_it_failed_or_changes_before_now() {
        let (ten, eleven, noon) = (
            t("2027-03-01T10:00:00Z"),
            t("2027-03-01T11:00:00Z"),
            t("2027-03-01T12:00:00Z"),
        );
        let change = |at| Some(Some(NextChange { at, pages: 2 }));
        assert!(outdated(ten, noon, None));
        assert!(outdated(ten, noon, change(eleven)));
        assert!(!outdated(ten, eleven, change(noon)));
        assert!(!outdated(ten, noon, Some(None)));
        assert!(
            !outdated(noon, noon, None),
            "built at the real moment already"
        );
    }

    #[test]
    fn the_moment_reads_back_as_written() {
        let moment = t("2027-03-01T10:00:00.5Z");
        let written = at(&Overrides::default(), moment).now.unwrap();
        assert_eq!(written.parse::<Timestamp>().unwrap(), moment);
    }
}
