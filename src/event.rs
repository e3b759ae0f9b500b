//! Events: a dated statement. One event per resolved date mention that pins down
//! an interval, with the sentence it belongs to and (once places arrive) the places
//! of that sentence and one primary place. Events are what the timeline CSV lists.

use serde::Serialize;
use std::cmp::Ordering;
use std::sync::Arc;

/// One row of the timeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Event {
    /// Article id.
    pub article: String,
    /// First day covered, YYYY-MM-DD.
    pub start: String,
    /// Last day covered, YYYY-MM-DD.
    pub end: String,
    /// day, week, month, quarter, season, half, year, decade, century.
    pub precision: &'static str,
    /// TIMEX3 value.
    pub value: String,
    /// exact, inferred, approximate.
    pub certainty: &'static str,
    /// The expression as written.
    pub expression: String,
    /// What the value was resolved against.
    pub anchor: &'static str,
    /// The statement the date belongs to, whitespace collapsed (shared by the
    /// events of one statement).
    pub sentence: Arc<str>,
    /// Places named in the statement (canonical names).
    pub places: Vec<String>,
    /// The event's primary place.
    pub place: Option<String>,
    /// Latitude of the primary place (WGS 84).
    pub lat: Option<f64>,
    /// Longitude of the primary place (WGS 84).
    pub lon: Option<f64>,
    /// Character (code point) offset of the expression in the article.
    pub offset: usize,
    /// Gazetteer ids of `places`, in the same order.
    pub place_ids: Vec<String>,
    /// Gazetteer id of the primary place.
    pub place_id: Option<String>,
    /// Country (ISO 3166-1 alpha-2) of the primary place.
    pub country: Option<String>,
    /// The article's anchor date (when it was reported), if it has one.
    pub reported: Option<String>,
    /// Articles that report this event (more than one after merging).
    pub articles: Vec<String>,
    /// How many reports were merged into this row.
    pub mentions: usize,
}

impl Event {
    /// The timeline order: start (as a day, see [`cmp_days`]), then article,
    /// then offset.
    pub fn cmp_timeline(&self, other: &Event) -> Ordering {
        cmp_days(&self.start, &other.start)
            .then_with(|| self.article.cmp(&other.article))
            .then(self.offset.cmp(&other.offset))
    }
}

/// Sort events into timeline order (stable, so equal keys keep input order),
/// on the cores of the current rayon pool.
pub fn sort(events: &mut [Event]) {
    use rayon::slice::ParallelSliceMut;
    events.par_sort_by(Event::cmp_timeline);
}

/// An ISO day ("2025-06-26", "-0500-01-01", "+12345-01-01") as year, month,
/// day.
pub fn ymd(date: &str) -> Option<(i64, u32, u32)> {
    let mut parts = date.rsplitn(3, '-');
    let d = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let y = parts.next()?.parse().ok()?;
    Some((y, m, d))
}

/// Compare two ISO days in time. Text compares as text for four-digit years
/// (the usual case, and cheap); years before 0 or after 9999 ("-0500-03-01",
/// "+12345-01-01") by their value.
pub fn cmp_days(a: &str, b: &str) -> Ordering {
    let plain = |s: &str| s.len() == 10 && s.as_bytes()[0].is_ascii_digit();
    if plain(a) && plain(b) {
        return a.cmp(b);
    }
    // Text that is not a day sorts after every day.
    match (ymd(a), ymd(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_sort_in_time_whatever_the_year() {
        let mut days = vec![
            "2025-06-26",
            "+12345-01-01",
            "-0500-03-01",
            "0001-01-01",
            "-0100-12-31",
            "1987-03-01",
            "+10000-01-01",
            "-0500-01-01",
            "9999-12-31",
            "0000-06-01",
        ];
        days.sort_by(|a, b| cmp_days(a, b));
        assert_eq!(
            days,
            [
                "-0500-01-01",
                "-0500-03-01",
                "-0100-12-31",
                "0000-06-01",
                "0001-01-01",
                "1987-03-01",
                "2025-06-26",
                "9999-12-31",
                "+10000-01-01",
                "+12345-01-01",
            ]
        );
        // Agrees with text order on four-digit years, and with itself either way.
        assert_eq!(cmp_days("1987-03-01", "1987-03-02"), Ordering::Less);
        assert_eq!(cmp_days("-0500-01-01", "1987-03-02"), Ordering::Less);
        assert_eq!(cmp_days("1987-03-02", "-0500-01-01"), Ordering::Greater);
        assert_eq!(cmp_days("not a day", "+12345-01-01"), Ordering::Greater);
    }
}
