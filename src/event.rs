//! Events: a dated statement. One event per resolved date mention that pins down
//! an interval, with the sentence it belongs to and (once places arrive) the places
//! of that sentence and one primary place. Events are what the timeline CSV lists.

use serde::Serialize;

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
    /// The statement the date belongs to, whitespace collapsed.
    pub sentence: String,
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
    /// The timeline order: start, then article, then offset.
    pub fn sort_key(&self) -> (&str, &str, usize) {
        (&self.start, &self.article, self.offset)
    }
}

/// Sort events into timeline order (stable, so equal keys keep input order),
/// on the cores of the current rayon pool.
pub fn sort(events: &mut [Event]) {
    use rayon::slice::ParallelSliceMut;
    events.par_sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
