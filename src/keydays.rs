//! Key days: the days of a story ranked by how much they matter, best first
//! (`dates.csv`).
//!
//! A day's score is a vote of the articles that report something on it. Each
//! article votes once per day (a paper that names a day five times is one
//! voice), with the weight of its best statement of that day:
//!
//! - **closeness to the story**: the statement's content words shared with
//!   the story's vocabulary (the [`TOP_WORDS`] words found in most articles of
//!   the run, each in at least a fifth of them), a third per shared word up
//!   to three. A sidebar or a ticker about another story, on some pages only,
//!   shares none and does not vote;
//! - **the day as the day something happened**: a statement in an article
//!   published on the day or after it (the day told in the past, "on
//!   Tuesday", or as today's news) counts whole; one published before the day
//!   (a schedule, a forecast) counts [`FORWARD`].
//!
//! The votes of a day are then weighed against its neighbours: a day that
//! reports fewer than the day before or after it (the follow-up of an event,
//! the second day of its coverage) keeps the square root of its share of the
//! local peak. Page furniture (comment and publication stamps, bylines,
//! tickers) never reaches here: it is no event (`date::boilerplate`).
//! Only days of day precision are ranked.

use crate::event::Event;
use crate::merge::{each_long_word, hash, is_stopword, stem, Word};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// How many of the words found in most articles make the story's vocabulary.
pub const TOP_WORDS: usize = 100;

/// The least share of the articles a vocabulary word occurs in.
pub const MIN_SHARE: f64 = 0.2;

/// Shared vocabulary words that make a statement fully close to the story.
pub const CLOSE: usize = 3;

/// The weight of a statement about a day after its article's publication.
pub const FORWARD: f64 = 0.5;

/// Days on either side a day is weighed against.
pub const NEIGHBOURS: i64 = 1;

/// The content words of `s` (stems of words over three letters, without
/// stopwords), sorted, without repeats.
pub fn content_words(s: &str) -> Vec<Word> {
    let mut out = Vec::new();
    each_long_word(s, &mut String::new(), |w| {
        if !is_stopword(w) {
            out.push(hash(stem(w)));
        }
    });
    out.sort_unstable();
    out.dedup();
    out
}

/// The story's vocabulary: in how many articles each content word occurs.
#[derive(Debug, Default)]
pub struct Corpus {
    df: FxHashMap<Word, u32>,
    articles: usize,
}

impl Corpus {
    /// Count one article's words (from [`content_words`] of its text).
    pub fn add(&mut self, words: &[Word]) {
        if self.df.is_empty() {
            // A story's vocabulary runs to tens of thousands of words.
            self.df.reserve(1 << 15);
        }
        self.articles += 1;
        for &w in words {
            *self.df.entry(w).or_default() += 1;
        }
    }

    /// The [`TOP_WORDS`] words found in most articles, each in at least
    /// [`MIN_SHARE`] of them (ties by the word's hash, so the set is the same
    /// on every run), sorted.
    pub fn top(&self) -> Vec<Word> {
        let least = (MIN_SHARE * self.articles as f64).ceil() as u32;
        let mut all: Vec<(u32, Word)> = self
            .df
            .iter()
            .filter(|(_, &n)| n >= least)
            .map(|(&w, &n)| (n, w))
            .collect();
        all.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut top: Vec<Word> = all.into_iter().take(TOP_WORDS).map(|x| x.1).collect();
        top.sort_unstable();
        top
    }
}

/// One ranked day.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyDay {
    /// 1 for the best day.
    pub rank: usize,
    /// The day.
    pub day: NaiveDate,
    /// The ranking score (see the module text).
    pub score: f64,
    /// Distinct articles that report the day.
    pub articles: usize,
    /// Reports of the day (date mentions).
    pub mentions: usize,
    /// The best statement of the day: of its most reported merged events,
    /// the one with the most articles times closeness to the story.
    pub headline: String,
    /// That event's primary place and coordinates.
    pub place: Option<String>,
    /// Latitude of `place`.
    pub lat: Option<f64>,
    /// Longitude of `place`.
    pub lon: Option<f64>,
    /// The day's events (their [`Event::id`]), most reported first.
    pub events: Vec<String>,
}

/// The single day an event covers, if it is a day.
fn day_of(e: &Event) -> Option<NaiveDate> {
    if e.precision != "day" || e.start != e.end {
        return None;
    }
    parse_day(&e.start)
}

/// How close a statement is to the story: a third per vocabulary word it
/// shares, up to three (see the module text).
fn closeness(sentence: &str, top: &[Word]) -> f64 {
    let mut shared: Vec<Word> = Vec::new();
    each_long_word(sentence, &mut String::new(), |w| {
        if shared.len() < CLOSE * 4 && !is_stopword(w) {
            let h = hash(stem(w));
            if top.binary_search(&h).is_ok() && !shared.contains(&h) {
                shared.push(h);
            }
        }
    });
    shared.len().min(CLOSE) as f64 / CLOSE as f64
}

/// A day as chronomap writes it (YYYY-MM-DD), read without a format parser.
fn parse_day(s: &str) -> Option<NaiveDate> {
    let (y, m, d) = crate::event::ymd(s)?;
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// The weight of one report: its closeness, halved when its article was
/// published before the day.
fn weight(close: f64, e: &Event, day: NaiveDate) -> f64 {
    let published = e.reported.as_deref().and_then(parse_day);
    if published.is_some_and(|p| p < day) {
        close * FORWARD
    } else {
        close
    }
}

/// A day's votes while they are counted.
#[derive(Default)]
struct Tally {
    /// Each article's best weight.
    best: FxHashMap<String, f64>,
    mentions: usize,
}

/// The votes of every day, counted from the reports before they merge.
#[derive(Default)]
pub struct Votes(FxHashMap<NaiveDate, Tally>);

/// Count the votes of `reports` (every report, before merging) with the
/// story's vocabulary `top` ([`Corpus::top`]).
pub fn votes(reports: &[Event], top: &[Word]) -> Votes {
    let mut tally: FxHashMap<NaiveDate, Tally> = FxHashMap::default();
    // The events of one statement share it: its closeness is read once.
    let mut last: Option<(&std::sync::Arc<str>, f64)> = None;
    for e in reports {
        let Some(day) = day_of(e) else { continue };
        let close = match last {
            Some((s, c)) if std::sync::Arc::ptr_eq(s, &e.sentence) => c,
            _ => closeness(&e.sentence, top),
        };
        last = Some((&e.sentence, close));
        let w = weight(close, e, day);
        let t = tally.entry(day).or_default();
        t.mentions += 1;
        match t.best.get_mut(e.article.as_str()) {
            Some(best) => *best = best.max(w),
            None => {
                t.best.insert(e.article.clone(), w);
            }
        }
    }
    Votes(tally)
}

/// Rank the days; `merged` (the timeline's rows) gives each day its
/// headline, place and events, `top` is the vocabulary the votes were
/// counted with.
pub fn rank(votes: Votes, merged: &[Event], top: &[Word]) -> Vec<KeyDay> {
    let tally = votes.0;
    let sums: FxHashMap<NaiveDate, f64> = tally
        .iter()
        .map(|(&d, t)| (d, t.best.values().sum()))
        .collect();
    let mut days: Vec<KeyDay> = tally
        .into_iter()
        .map(|(day, t)| KeyDay {
            rank: 0,
            day,
            score: local_peak(&sums, day),
            articles: t.best.len(),
            mentions: t.mentions,
            headline: String::new(),
            place: None,
            lat: None,
            lon: None,
            events: Vec::new(),
        })
        .collect();
    days.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.articles.cmp(&a.articles))
            .then(a.day.cmp(&b.day))
    });
    for (i, d) in days.iter_mut().enumerate() {
        d.rank = i + 1;
    }
    attach(&mut days, merged, top);
    days
}

/// A day's votes weighed against its neighbours': its votes times the square
/// root of their share of the most votes within [`NEIGHBOURS`] days.
fn local_peak(votes: &FxHashMap<NaiveDate, f64>, day: NaiveDate) -> f64 {
    let own = votes.get(&day).copied().unwrap_or(0.0);
    let peak = (-NEIGHBOURS..=NEIGHBOURS)
        .filter_map(|k| day.checked_add_signed(chrono::Duration::days(k)))
        .filter_map(|d| votes.get(&d).copied())
        .fold(own, f64::max);
    if peak <= 0.0 {
        return 0.0;
    }
    own * (own / peak).sqrt()
}

/// Give each day its events, most reported first, and its headline: the
/// statement of the most reporting articles times its closeness to the story
/// (halved, as its vote is, when it was published before the day: a report
/// of the day beats its announcement),
/// over [`HEADLINE_BYTES`] shrunk by its length (a reader's comment that a few
/// articles carry does not head a day).
fn attach(days: &mut [KeyDay], merged: &[Event], top: &[Word]) {
    let at: FxHashMap<NaiveDate, usize> =
        days.iter().enumerate().map(|(i, d)| (d.day, i)).collect();
    let mut rows: Vec<Vec<&Event>> = vec![Vec::new(); days.len()];
    for e in merged {
        if let Some(&i) = day_of(e).and_then(|d| at.get(&d)) {
            rows[i].push(e);
        }
    }
    for (d, mut rows) in days.iter_mut().zip(rows) {
        // Stable: equally reported rows stay in timeline order.
        rows.sort_by_key(|e| std::cmp::Reverse(e.articles.len()));
        let day = d.day;
        let worth = |e: &Event| {
            let long = (e.sentence.len() as f64 / HEADLINE_BYTES).max(1.0);
            let close = weight(0.1 + closeness(&e.sentence, top), e, day);
            e.articles.len() as f64 * close / long
        };
        let best = match rows.len() {
            // (One row needs no weighing.)
            0 | 1 => rows.first().copied(),
            _ => rows
                .iter()
                .take(HEADLINE_CANDIDATES)
                .map(|&e| (e, worth(e)))
                .reduce(|a, b| if b.1 > a.1 { b } else { a })
                .map(|x| x.0),
        };
        if let Some(first) = best {
            d.headline = first.sentence.to_string();
            d.place = first.place.clone();
            d.lat = first.lat;
            d.lon = first.lon;
        }
        d.events = rows.iter().map(|e| e.id()).collect();
    }
}

/// A headline's length beyond which its worth falls (a run-on comment or a
/// page's merged lines share story words by their length alone).
const HEADLINE_BYTES: f64 = 300.0;

/// The most reported rows of a day a headline is chosen from.
const HEADLINE_CANDIDATES: usize = 32;

/// `--top N` and `--min-articles N`: keep the events of the `top` best days
/// (and those days), then the events and days reported by at least
/// `min_articles` articles.
pub fn cut(
    events: &mut Vec<Event>,
    days: &mut Vec<KeyDay>,
    top: Option<usize>,
    min_articles: Option<usize>,
) {
    if let Some(n) = top {
        days.truncate(n);
        let keep: rustc_hash::FxHashSet<&str> = days
            .iter()
            .flat_map(|d| d.events.iter().map(String::as_str))
            .collect();
        events.retain(listed_in(&keep));
    }
    if let Some(n) = min_articles {
        events.retain(|e| e.articles.len() >= n);
        days.retain(|d| d.articles >= n);
    }
}

/// Whether an event's [`Event::id`] is in `keep` (the ids written into one
/// buffer, not a string per event).
fn listed_in<'a>(keep: &'a rustc_hash::FxHashSet<&str>) -> impl FnMut(&Event) -> bool + 'a {
    let mut id = String::new();
    move |e| {
        id.clear();
        e.write_id(&mut id);
        keep.contains(id.as_str())
    }
}

/// The views (map page, TimelineJS sheet) show at most this many events: a
/// bigger run shows those of its best key days.
pub const VIEW_MAX: usize = 500;

/// The events a view shows when there are more than `max`: those of the best
/// days, best day first, each day's most reported ones and at most a
/// twentieth of `max` a day (so a view spans at least twenty days), in
/// timeline order, with the number of days they come from. None when all fit.
pub fn view(events: &[Event], days: &[KeyDay], max: usize) -> Option<(Vec<Event>, usize)> {
    if events.len() <= max {
        return None;
    }
    let per_day = (max / 20).max(1);
    let mut keep = rustc_hash::FxHashSet::default();
    let mut used = 0;
    for d in days {
        if keep.len() >= max {
            break;
        }
        let room = per_day.min(max - keep.len());
        keep.extend(d.events.iter().take(room).map(String::as_str));
        used += 1;
    }
    let mut listed = listed_in(&keep);
    let shown = events.iter().filter(|e| listed(e)).cloned().collect();
    Some((shown, used))
}

#[cfg(test)]
mod tests {

    /// A key day of `events` (ids).
    fn day(rank: usize, articles: usize, events: &[&str]) -> KeyDay {
        KeyDay {
            rank,
            day: NaiveDate::from_ymd_opt(2025, 6, rank as u32).unwrap(),
            score: 1.0 / rank as f64,
            articles,
            mentions: events.len(),
            headline: String::new(),
            place: None,
            lat: None,
            lon: None,
            events: events.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn reported(article: &str, offset: usize, by: usize) -> Event {
        Event {
            article: article.into(),
            offset,
            articles: (0..by).map(|i| format!("r{i}")).collect(),
            ..Event::default()
        }
    }

    #[test]
    fn top_and_min_articles_cut_events_and_days() {
        let mut events = vec![
            reported("a", 1, 3),
            reported("b", 2, 1),
            reported("c", 3, 2),
        ];
        let mut days = vec![
            day(1, 3, &["a#1"]),
            day(2, 2, &["c#3"]),
            day(3, 1, &["b#2"]),
        ];
        cut(&mut events, &mut days, Some(2), None);
        let ids = |es: &[Event]| es.iter().map(Event::id).collect::<Vec<_>>();
        assert_eq!(ids(&events), ["a#1", "c#3"]);
        assert_eq!(days.len(), 2);
        cut(&mut events, &mut days, None, Some(3));
        assert_eq!(ids(&events), ["a#1"]);
        assert_eq!(days.iter().map(|d| d.rank).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn a_view_of_a_big_run_spans_the_best_days() {
        // 40 events on each of 30 days: a view of 100 takes 5 from each of
        // the 20 best days.
        let mut events = Vec::new();
        let mut days = Vec::new();
        for d in 0..30 {
            let ids: Vec<String> = (0..40).map(|k| format!("a{d}#{k}")).collect();
            events.extend((0..40).map(|k| reported(&format!("a{d}"), k, 1)));
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            days.push(day(d + 1, 1, &refs));
        }
        let (shown, used) = view(&events, &days, 100).expect("cut");
        assert_eq!((shown.len(), used), (100, 20));
        assert!(
            shown.iter().all(|e| e.offset < 5),
            "the most reported first"
        );
        assert!(view(&events, &days, 2000).is_none(), "all fit");
    }
    use super::*;

    fn report(article: &str, day: &str, reported: &str, sentence: &str) -> Event {
        Event {
            article: article.into(),
            start: day.into(),
            end: day.into(),
            precision: "day",
            sentence: sentence.into(),
            reported: Some(reported.into()),
            articles: vec![article.into()],
            mentions: 1,
            ..Event::default()
        }
    }

    fn top_of(texts: &[&str]) -> Vec<Word> {
        let mut c = Corpus::default();
        for t in texts {
            c.add(&content_words(t));
        }
        c.top()
    }

    #[test]
    fn articles_vote_once_and_off_story_statements_do_not_vote() {
        let top = top_of(&["ferry sank harbour storm", "ferry sank harbour rescue"]);
        let on = "The ferry sank in the harbour during the storm on Monday";
        let off = "A celebrity wedding drew crowds on Tuesday";
        let reports = [
            report("a", "2025-03-03", "2025-03-04", on),
            report("a", "2025-03-03", "2025-03-04", on),
            report("b", "2025-03-03", "2025-03-03", on),
            report("c", "2025-03-04", "2025-03-05", off),
            report("d", "2025-03-04", "2025-03-05", off),
            report("e", "2025-03-04", "2025-03-05", off),
        ];
        let days = rank(votes(&reports, &top), &reports, &top);
        assert_eq!(days[0].day.to_string(), "2025-03-03");
        assert_eq!((days[0].articles, days[0].mentions), (2, 3));
        assert!((days[0].score - 2.0).abs() < 1e-9, "{}", days[0].score);
        assert_eq!(days[1].score, 0.0, "the sidebar's day has no votes");
        assert_eq!(days[1].articles, 3);
        assert_eq!(days.iter().map(|d| d.rank).collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn forecasts_count_less_and_neighbours_of_a_peak_are_weighed_down() {
        let top = top_of(&["ferry sank harbour storm"]);
        let s = "The ferry sank in the harbour during the storm";
        let mut reports = Vec::new();
        // Four articles tell Monday after it; one announces Friday before it.
        for a in ["a", "b", "c", "d"] {
            reports.push(report(a, "2025-03-03", "2025-03-04", s));
        }
        reports.push(report("e", "2025-03-04", "2025-03-05", s));
        reports.push(report("f", "2025-03-07", "2025-03-05", s));
        let days = rank(votes(&reports, &top), &reports, &top);
        let score = |d: &str| days.iter().find(|k| k.day.to_string() == d).unwrap().score;
        assert!((score("2025-03-03") - 4.0).abs() < 1e-9);
        // Tuesday has one vote beside Monday's four: 1 * sqrt(1/4).
        assert!((score("2025-03-04") - 0.5).abs() < 1e-9);
        // Friday has half a vote and no neighbour.
        assert!((score("2025-03-07") - 0.5).abs() < 1e-9);
    }

    #[test]
    fn the_headline_is_the_most_reported_row_close_to_the_story() {
        let top = top_of(&["ferry sank harbour"]);
        let mut a = report("a", "2025-03-03", "2025-03-03", "The ferry sank");
        a.offset = 7;
        let mut b = report(
            "b",
            "2025-03-03",
            "2025-03-03",
            "The ferry sank in the harbour",
        );
        b.articles = vec!["b".into(), "c".into()];
        b.place = Some("Dover".into());
        // A reader's comment carried by three articles does not head the day.
        let mut c = report("x", "2025-03-03", "2025-03-03", "lol grandma called me");
        c.articles = vec!["x".into(), "y".into(), "z".into()];
        c.offset = 3;
        // Nor does its announcement, reported by more the day before.
        let mut f = report(
            "f",
            "2025-03-03",
            "2025-03-02",
            "The ferry sails to the harbour",
        );
        f.articles = vec!["f".into(), "g".into(), "h".into()];
        f.offset = 9;
        let merged = [a.clone(), b.clone(), c, f];
        let days = rank(votes(&[a, b], &top), &merged, &top);
        assert_eq!(days[0].headline, "The ferry sank in the harbour");
        assert_eq!(days[0].place.as_deref(), Some("Dover"));
        assert_eq!(days[0].events, ["x#3", "f#9", "b#0", "a#7"]);
    }

    #[test]
    fn the_vocabulary_is_the_words_of_many_articles() {
        let mut texts = vec!["ferry harbour"; 9];
        texts.push("ferry harbour wedding");
        let top = top_of(&texts);
        assert!(top.binary_search(&hash(b"ferry")).is_ok());
        assert!(top.binary_search(&hash(b"wedding")).is_err(), "one in ten");
    }

    #[test]
    fn only_days_are_ranked() {
        let mut month = report("a", "2025-03-01", "2025-03-04", "The ferry sank");
        month.end = "2025-03-31".into();
        month.precision = "month";
        assert!(rank(votes(&[month.clone()], &[]), &[month], &[]).is_empty());
    }
}
