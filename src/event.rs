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
    /// The title of the reporting article (of the kept report, after
    /// merging), when its input gave one. Not in an event's JSON: the
    /// article's line carries it.
    #[serde(skip)]
    pub title: Option<Arc<str>>,
    /// The URL of that article, when its input gave one.
    #[serde(skip)]
    pub url: Option<Arc<str>>,
}

impl Event {
    /// The event's id: its article and the code point offset of its date
    /// expression (`a7#112`), stable for the same input, unique in a run
    /// (article ids are), and the same whatever the batch or thread count.
    pub fn id(&self) -> String {
        let mut s = String::new();
        self.write_id(&mut s);
        s
    }

    /// [`Event::id`], appended to `out`.
    pub fn write_id(&self, out: &mut String) {
        out.push_str(&self.article);
        out.push('#');
        out.push_str(itoa::Buffer::new().format(self.offset));
    }

    /// The timeline order: start (as a day, see [`cmp_days`]), then article,
    /// then offset.
    pub fn cmp_timeline(&self, other: &Event) -> Ordering {
        cmp_days(&self.start, &other.start)
            .then_with(|| self.article.cmp(&other.article))
            .then(self.offset.cmp(&other.offset))
    }
}

/// Sort events into timeline order (stable, so equal keys keep input order),
/// on the cores of the current rayon pool. Events are large: their keys (start
/// day, article as a rank among the ids, offset, position) are sorted, and the
/// events then moved into place cycle by cycle, so the sort needs no second
/// list of events.
pub fn sort(events: &mut [Event]) {
    use rayon::prelude::*;
    // A start that is not a day (not made by chronomap) sorts by the rules of
    // [`cmp_days`], which the keys below do not follow.
    let mut ids: Vec<&str> = events.iter().map(|e| e.article.as_str()).collect();
    ids.par_sort_unstable();
    ids.dedup();
    let keys: Option<Vec<SortKey>> = events
        .par_iter()
        .enumerate()
        .map(|(i, e)| {
            let article = ids.binary_search(&e.article.as_str()).unwrap_or(0);
            Some((ymd(&e.start)?, article, e.offset, i))
        })
        .collect();
    drop(ids);
    let Some(mut keys) = keys else {
        events.par_sort_by(Event::cmp_timeline);
        return;
    };
    keys.par_sort_unstable();
    permute(events, keys.into_iter().map(|k| k.3).collect());
}

/// The events gathered in parts (a batch each, in input order) as one list in
/// timeline order: [`sort`] of their concatenation. The parts are moved into a
/// list of the exact size one after the other (each freed as it goes), so no
/// growing list of events is ever copied.
pub fn sorted(parts: Vec<Vec<Event>>) -> Vec<Event> {
    let mut all = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for p in parts {
        all.extend(p);
    }
    sort(&mut all);
    all
}

/// An event's place in the timeline: its start day, its article's rank among
/// the article ids, its offset, and its position before the sort.
type SortKey = ((i64, u32, u32), usize, usize, usize);

/// Put `v[order[i]]` at position `i`, for every `i`, in place: each cycle of
/// the permutation is walked once, swapping along it.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        if order[start] == DONE {
            continue;
        }
        let mut at = start;
        loop {
            let from = std::mem::replace(&mut order[at], DONE);
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
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
    fn the_sort_is_a_stable_sort_by_the_timeline_order() {
        // A small generator, so the test is the same every time.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let starts = [
            "2025-06-26",
            "2025-06-25",
            "1987-03-01",
            "-0500-01-01",
            "+12345-01-01",
            "0000-06-01",
            "9999-12-31",
        ];
        for round in 0..40 {
            let n = next(300) as usize;
            let mut events: Vec<Event> = (0..n)
                .map(|i| Event {
                    article: format!("a{}", next(12)),
                    start: starts[next(starts.len() as u64) as usize].into(),
                    offset: next(4) as usize,
                    value: i.to_string(),
                    ..Event::default()
                })
                .collect();
            if round % 10 == 9 {
                // Not a day: the comparator's own rules.
                events.push(Event {
                    start: "not a day".into(),
                    ..Event::default()
                });
            }
            let mut want = events.clone();
            want.sort_by(Event::cmp_timeline);
            // The same events in parts, cut anywhere (empty parts too).
            let mut parts: Vec<Vec<Event>> = vec![Vec::new()];
            for e in &events {
                if next(5) == 0 {
                    parts.push(Vec::new());
                }
                parts.last_mut().expect("one part").push(e.clone());
            }
            assert_eq!(sorted(parts), want, "round {round}, in parts");
            sort(&mut events);
            assert_eq!(events, want, "round {round}");
        }
    }

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
