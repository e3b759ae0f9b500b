//! One chronology from many articles: filters users ask for, and merging the
//! same event reported by several articles into one row.
//!
//! Two events are the same when they cover the same interval, happen at the
//! same primary place (or both have none) and say something of the same: their
//! statements share at least [`SHARED`] content words (crude stems, without
//! [`STOPWORDS`], the date expression and the place names, which agree by
//! construction) and, when both name someone or something (capitalised words
//! past the first), a name: several companies' "net income rose" on one day
//! are several events. Same day, same place and two shared content words is rarely
//! a coincidence in one news cycle. Merging keeps the earliest report's wording (the article
//! anchored earliest, then the article id) and counts and lists the articles.
//! Input order does not matter: events are compared in timeline order, so the
//! result is the same on any thread count.

use crate::event::{cmp_days, Event};

/// Content words two statements must share to report one event.
pub const SHARED: usize = 2;

/// Words that say nothing about what happened. Sorted; lower case.
pub const STOPWORDS: &[&str] = &[
    "about", "added", "after", "also", "been", "before", "being", "could", "does", "during",
    "from", "have", "into", "more", "most", "much", "only", "other", "over", "said", "says",
    "should", "some", "such", "than", "that", "their", "them", "then", "there", "these", "they",
    "this", "those", "told", "under", "until", "very", "were", "what", "when", "where", "which",
    "while", "will", "with", "would",
];

/// Precisions from finest to coarsest, for `--min-precision`.
pub const PRECISIONS: &[&str] = &[
    "day", "week", "month", "quarter", "season", "half", "year", "decade", "century",
];

/// What to keep.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Keep events that end on or after this day (YYYY-MM-DD).
    pub since: Option<String>,
    /// Keep events that start on or before this day.
    pub until: Option<String>,
    /// Drop events vaguer than this precision.
    pub min_precision: Option<&'static str>,
    /// Keep events whose primary place is in this country (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// Keep events whose primary place lies in (min lon, min lat, max lon, max lat).
    pub bbox: Option<[f64; 4]>,
}

impl Filter {
    /// Whether an event passes.
    pub fn keep(&self, e: &Event) -> bool {
        if self
            .since
            .as_ref()
            .is_some_and(|s| cmp_days(&e.end, s).is_lt())
            || self
                .until
                .as_ref()
                .is_some_and(|u| cmp_days(&e.start, u).is_gt())
        {
            return false;
        }
        if let Some(m) = self.min_precision {
            let rank = |p: &str| {
                PRECISIONS
                    .iter()
                    .position(|x| *x == p)
                    .unwrap_or(usize::MAX)
            };
            if rank(e.precision) > rank(m) {
                return false;
            }
        }
        if let Some(c) = &self.country {
            if !e
                .country
                .as_deref()
                .is_some_and(|x| x.eq_ignore_ascii_case(c))
            {
                return false;
            }
        }
        if let Some([x0, y0, x1, y1]) = self.bbox {
            match (e.lon, e.lat) {
                (Some(x), Some(y)) if x >= x0 && x <= x1 && y >= y0 && y <= y1 => {}
                _ => return false,
            }
        }
        true
    }
}

/// A content word, as the hash of its stem: sets of them are small sorted
/// vectors, compared without allocating a string per word.
pub(crate) type Word = u64;

/// A crude stem of a lower-case word (UTF-8 bytes): "reopened", "reopens",
/// "reopening" all give "reopen".
pub(crate) fn stem(w: &[u8]) -> &[u8] {
    // Characters are the bytes that do not continue one.
    let chars = |b: &[u8]| b.iter().filter(|&&c| c & 0xC0 != 0x80).count();
    for suf in [&b"ing"[..], b"ed", b"es", b"s"] {
        if let Some(b) = w.strip_suffix(suf) {
            if chars(b) >= 4 {
                return b;
            }
        }
    }
    w
}

/// Lower-case `w` into `buf` (ASCII in place, other text by Unicode rules).
fn lower<'a>(w: &str, buf: &'a mut String) -> &'a str {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&w.to_lowercase());
    }
    buf
}

pub(crate) fn hash(stem: &[u8]) -> Word {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(stem)
}

/// Each word of more than three letters or digits in `s`, lower-cased, as
/// UTF-8 bytes (an ASCII statement, the usual case, is read byte by byte and
/// its words lower-cased on the stack).
pub(crate) fn each_long_word(s: &str, buf: &mut String, mut f: impl FnMut(&[u8])) {
    if !s.is_ascii() {
        for w in s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 3 && w.chars().count() > 3)
        {
            f(lower(w, buf).as_bytes());
        }
        return;
    }
    let b = s.as_bytes();
    let mut small = [0u8; 32];
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let st = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let w = &b[st..i];
        if w.len() <= 3 {
            continue;
        }
        match small.get_mut(..w.len()) {
            Some(to) => {
                for (d, &c) in to.iter_mut().zip(w) {
                    *d = c.to_ascii_lowercase();
                }
                f(to);
            }
            None => f(lower(&s[st..i], buf).as_bytes()),
        }
    }
}

/// The longest of [`STOPWORDS`], in bytes.
const STOPWORD_MAX: usize = 6;

/// A word of at most 8 bytes as a number; numbers sort as their words do.
fn packed(w: &[u8]) -> Option<u64> {
    (w.len() <= 8).then(|| {
        let mut n = [0u8; 8];
        n[..w.len()].copy_from_slice(w);
        u64::from_be_bytes(n)
    })
}

/// Whether a lower-case word is one of [`STOPWORDS`] (compared as numbers).
pub(crate) fn is_stopword(w: &[u8]) -> bool {
    static PACKED: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
        STOPWORDS
            .iter()
            .filter_map(|w| packed(w.as_bytes()))
            .collect()
    });
    w.len() <= STOPWORD_MAX && packed(w).is_some_and(|n| PACKED.binary_search(&n).is_ok())
}

/// The content words of an event's statement, without its date expression
/// and place names: sorted, without repeats.
fn words(e: &Event) -> Vec<Word> {
    let mut buf = String::new();
    let mut skip: Vec<Word> = e
        .expression
        .split(|c: char| !c.is_alphanumeric())
        .chain(e.places.iter().flat_map(|p| p.split(' ')))
        .map(|w| hash(stem(lower(w, &mut buf).as_bytes())) & !NAME)
        .collect();
    skip.sort_unstable();
    let mut out: Vec<Word> = Vec::with_capacity(32);
    each_long_word(&e.sentence, &mut buf, |w| {
        if is_stopword(w) {
            return;
        }
        let h = hash(stem(w)) & !NAME;
        if skip.binary_search(&h).is_err() {
            out.push(h);
        }
    });
    // The names it gives (capitalised words past its first, places and the
    // date aside), tagged: they sort after the other words.
    for (k, w) in e.sentence.split(|c: char| !c.is_alphanumeric()).enumerate() {
        if k == 0 || w.len() <= 3 || !w.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let h = hash(stem(lower(w, &mut buf).as_bytes())) & !NAME;
        if skip.binary_search(&h).is_err() && !is_stopword(buf.as_bytes()) {
            out.push(h | NAME);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The tag of a name among an event's words ([`words`]).
const NAME: Word = 1 << 63;

/// Whether two sorted sets share at least [`SHARED`] words, and, when both
/// statements name someone or something, a name: "Acme said net income rose"
/// and "Widget said net income rose" share a pattern, not an event.
fn similar(a: &[Word], b: &[Word]) -> bool {
    let named = |s: &[Word]| s.last().is_some_and(|w| w & NAME != 0);
    let need_name = named(a) && named(b);
    let (mut i, mut j, mut n, mut names) = (0, 0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if a[i] & NAME != 0 {
                    names += 1;
                } else {
                    n += 1;
                }
                if n >= SHARED && (names > 0 || !need_name) {
                    return true;
                }
                i += 1;
                j += 1;
            }
        }
    }
    false
}

/// The union of two sorted sets, into the first.
fn union(a: &mut Vec<Word>, b: &[Word]) {
    a.extend_from_slice(b);
    a.sort_unstable();
    a.dedup();
}

/// Rows of one interval and place a new report is compared with: the latest
/// ones. It bounds the work when thousands of reports share a day and a place
/// but not a statement ("in 1987", in the United States).
pub const MAX_CANDIDATES: usize = 64;

/// Merge the reports of one event. `events` must be in timeline order; the
/// result is too. Only events that start on the same day can merge: the days
/// are merged side by side on the cores of the current rayon pool, in place
/// (a merged report is left empty and dropped at the end), so merging needs no
/// second copy of the events.
pub fn merge(mut events: Vec<Event>) -> Vec<Event> {
    use rayon::prelude::*;
    events
        .par_chunk_by_mut(|a, b| a.start == b.start)
        .for_each(merge_day);
    // Every report counts one mention; the emptied ones count none.
    events.retain(|e| e.mentions > 0);
    events
}

/// The rank of each key among the distinct keys (equal keys get equal ranks,
/// and ranks follow the keys' order), and how many distinct keys there are.
fn ranks<K: Ord>(keys: &[K]) -> (Vec<u32>, usize) {
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    order.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
    let mut rank = vec![0; keys.len()];
    let mut distinct = 0;
    for (j, &k) in order.iter().enumerate() {
        if j > 0 && keys[order[j - 1] as usize] != keys[k as usize] {
            distinct += 1;
        }
        rank[k as usize] = distinct as u32;
    }
    (rank, if keys.is_empty() { 0 } else { distinct + 1 })
}

/// [`merge`] for the events of one start day: each report is either a new row
/// (it stays where it is) or merged into an earlier row (it is emptied).
/// Article ids and the end-and-place keys are compared as ranks, and each
/// merged row's list of articles is written once, at the end.
fn merge_day(day: &mut [Event]) {
    let n = day.len();
    // Every article id the day's events name (their own, then their lists),
    // ranked: sorted ranks read as sorted ids.
    let mut texts: Vec<&str> = day.iter().map(|e| e.article.as_str()).collect();
    let mut listed: Vec<(usize, usize)> = Vec::with_capacity(n);
    for e in day.iter() {
        listed.push((texts.len(), texts.len() + e.articles.len()));
        texts.extend(e.articles.iter().map(String::as_str));
    }
    let (rank, distinct) = ranks(&texts);
    // The text of each rank a merged row lists, kept when its report merges.
    let mut names: Vec<Option<String>> = vec![None; distinct];
    // Each row's articles as sorted ranks: its own list until it takes a report.
    let own = |k: usize| -> Vec<u32> {
        let mut v = rank[listed[k].0..listed[k].1].to_vec();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut article: Vec<u32> = rank[..n].to_vec();
    let mut members: Vec<Option<Vec<u32>>> = vec![None; n];
    // Rows by end day and place.
    let (key, keys) = ranks(
        &day.iter()
            .map(|e| (e.end.as_str(), e.place_id.as_deref()))
            .collect::<Vec<_>>(),
    );
    drop(texts);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); keys];
    // Each row's content words, computed when first compared.
    let mut words_of: Vec<Option<Vec<Word>>> = vec![None; n];
    for i in 0..n {
        let same_key = &mut rows[key[i] as usize];
        let mut w: Option<Vec<Word>> = None;
        let mut same = None;
        for &k in &same_key[same_key.len().saturating_sub(MAX_CANDIDATES)..] {
            let listed = match &members[k] {
                Some(m) => m.binary_search(&article[i]).is_ok(),
                None => rank[listed[k].0..listed[k].1].contains(&article[i]),
            };
            if article[k] == article[i] || listed {
                continue;
            }
            let w = w.get_or_insert_with(|| words(&day[i]));
            if similar(words_of[k].get_or_insert_with(|| words(&day[k])), w) {
                same = Some(k);
                break;
            }
        }
        match same {
            Some(k) => {
                let (before, rest) = day.split_at_mut(i);
                let (m, e) = (&mut before[k], std::mem::take(&mut rest[0]));
                let list = members[k].get_or_insert_with(|| {
                    for (a, &r) in m.articles.iter().zip(&rank[listed[k].0..listed[k].1]) {
                        names[r as usize].get_or_insert_with(|| a.clone());
                    }
                    own(k)
                });
                if let Err(at) = list.binary_search(&article[i]) {
                    list.insert(at, article[i]);
                }
                names[article[i] as usize].get_or_insert_with(|| e.article.clone());
                let earlier =
                    (e.reported.as_deref(), &e.article) < (m.reported.as_deref(), &m.article);
                let mentions = m.mentions + 1;
                if let (Some(mw), Some(w)) = (words_of[k].as_mut(), w) {
                    union(mw, &w);
                }
                if earlier {
                    *m = e;
                    article[k] = article[i];
                }
                m.mentions = mentions;
            }
            None => {
                same_key.push(i);
                words_of[i] = w;
            }
        }
    }
    // The merged rows' lists of articles, in id order.
    for (e, m) in day.iter_mut().zip(members) {
        if let Some(m) = m {
            e.articles = m
                .iter()
                .map(|&r| names[r as usize].clone().unwrap_or_default())
                .collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(article: &str, start: &str, sentence: &str, reported: &str) -> Event {
        Event {
            article: article.into(),
            start: start.into(),
            end: start.into(),
            precision: "day",
            value: start.into(),
            certainty: "exact",
            expression: "Thursday".into(),
            anchor: "dateline",
            sentence: sentence.into(),
            places: vec!["Qingdao".into()],
            place: Some("Qingdao".into()),
            lat: Some(36.06),
            lon: Some(120.38),
            offset: 0,
            place_ids: vec!["gn:1".into()],
            place_id: Some("gn:1".into()),
            country: Some("CN".into()),
            reported: Some(reported.into()),
            articles: vec![article.into()],
            mentions: 1,
            title: None,
            url: None,
        }
    }

    #[test]
    fn the_same_event_from_two_articles_is_one_row() {
        let a = ev(
            "b-later",
            "2025-06-26",
            "Defence ministers met in Qingdao on Thursday for SCO talks",
            "2025-06-27",
        );
        let b = ev(
            "a-first",
            "2025-06-26",
            "SCO defence ministers met on Thursday in Qingdao",
            "2025-06-26",
        );
        let c = ev(
            "c",
            "2025-06-26",
            "A typhoon closed the port of Qingdao on Thursday",
            "2025-06-26",
        );
        let m = merge(vec![b.clone(), a.clone(), c.clone()]);
        assert_eq!(m.len(), 2, "{m:#?}");
        assert_eq!(m[0].mentions, 2);
        assert_eq!(
            m[0].articles,
            vec!["a-first".to_string(), "b-later".to_string()]
        );
        assert_eq!(m[0].sentence, b.sentence, "the earliest report's wording");
        // Order of input does not change the result.
        assert_eq!(merge(vec![a, b, c]).len(), 2);
    }

    #[test]
    fn merged_rows_keep_the_place_of_the_first_report_across_days() {
        let met = "Defence ministers met in Qingdao on Thursday for SCO talks";
        let storm = "A typhoon closed the port of Qingdao on Thursday";
        let day1 = [
            ev("d", "2025-06-26", met, "2025-06-28"),
            ev("e", "2025-06-26", storm, "2025-06-26"),
            // Reported earliest: its wording wins, in the first row's place.
            ev(
                "f",
                "2025-06-26",
                "SCO defence ministers met on Thursday",
                "2025-06-26",
            ),
            ev(
                "g",
                "2025-06-26",
                "The typhoon closed the port on Thursday",
                "2025-06-27",
            ),
            ev(
                "h",
                "2025-06-26",
                "Ministers met for SCO talks",
                "2025-06-29",
            ),
        ];
        let day2 = [
            ev("d", "2025-06-27", met, "2025-06-28"),
            ev("i", "2025-06-27", met, "2025-06-28"),
        ];
        let m = merge(day1.iter().chain(&day2).cloned().collect());
        let rows: Vec<(&str, &str, usize, Vec<String>)> = m
            .iter()
            .map(|e| (&*e.start, &*e.article, e.mentions, e.articles.clone()))
            .collect();
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            rows,
            vec![
                ("2025-06-26", "f", 3, ids(&["d", "f", "h"])),
                ("2025-06-26", "e", 2, ids(&["e", "g"])),
                ("2025-06-27", "d", 2, ids(&["d", "i"])),
            ]
        );
        assert_eq!(m[0].sentence, day1[2].sentence);
        // No report is counted twice, none is lost.
        assert_eq!(m.iter().map(|e| e.mentions).sum::<usize>(), 7);
    }

    #[test]
    fn statements_sharing_a_pattern_but_not_a_name_are_two_events() {
        let rows = |a: &str, b: &str| {
            merge(vec![
                ev("a", "2025-06-26", a, "2025-06-26"),
                ev("b", "2025-06-26", b, "2025-06-26"),
            ])
            .len()
        };
        // Two companies, one pattern: two rows.
        assert_eq!(
            rows(
                "Shares of Acme Corp said net income rose sharply on Thursday.",
                "Shares of Widget Inc said net income rose sharply on Thursday."
            ),
            2
        );
        // One company in both reports: one row.
        assert_eq!(
            rows(
                "Shares of Acme Corp said net income rose sharply on Thursday.",
                "The board of Acme said on Thursday its net income rose."
            ),
            1
        );
        // A report that names nobody still merges on its words.
        assert_eq!(
            rows(
                "Shares of Acme Corp said net income rose sharply on Thursday.",
                "net income rose sharply on Thursday, the firm said."
            ),
            1
        );
    }

    #[test]
    fn stopwords_are_sorted() {
        for w in STOPWORDS.windows(2) {
            assert!(w[0] < w[1], "{:?} before {:?}", w[0], w[1]);
        }
        assert_eq!(STOPWORDS.iter().map(|w| w.len()).max(), Some(STOPWORD_MAX));
        for w in STOPWORDS {
            assert!(is_stopword(w.as_bytes()), "{w}");
            for other in [format!("{w}s"), w[1..].to_string(), format!("x{w}")] {
                assert_eq!(
                    is_stopword(other.as_bytes()),
                    STOPWORDS.contains(&other.as_str()),
                    "{other}"
                );
            }
        }
        assert!(!is_stopword(b"") && !is_stopword(b"abouts") && !is_stopword(b"wouldnt"));
    }

    #[test]
    fn long_words_read_alike_in_ascii_and_in_other_text() {
        let read = |s: &str| {
            let mut v = Vec::new();
            each_long_word(s, &mut String::new(), |w| {
                v.push(String::from_utf8(w.to_vec()).unwrap())
            });
            v
        };
        let text = "Ministers MET in Qingdao, 2025: talks (SCO) re-opened; x1234 abc it's";
        assert_eq!(
            read(text),
            ["ministers", "qingdao", "2025", "talks", "opened", "x1234"]
        );
        // The same words with one non-ASCII letter elsewhere take the other path.
        assert_eq!(read(&format!("{text} é")), read(text));
        assert_eq!(read("Zürich Genève Äbc"), ["zürich", "genève"]);
        // Words longer than the stack buffer are lower-cased too.
        let long = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        assert_eq!(read(&format!("x {long} y")), [long.to_lowercase()]);
        assert_eq!(stem(b"reopening"), b"reopen");
        assert_eq!(stem("zürichs".as_bytes()), "zürich".as_bytes());
        // Four characters must remain, not four bytes.
        assert_eq!(stem("äbcds".as_bytes()), "äbcd".as_bytes());
        assert_eq!(stem("äbcs".as_bytes()), "äbcs".as_bytes());
    }

    #[test]
    fn filters() {
        let e = ev("a", "2025-06-26", "x", "2025-06-26");
        let f = |f: Filter| f.keep(&e);
        assert!(f(Filter {
            since: Some("2025-06-01".into()),
            ..Filter::default()
        }));
        assert!(!f(Filter {
            until: Some("2025-06-01".into()),
            ..Filter::default()
        }));
        assert!(f(Filter {
            country: Some("cn".into()),
            ..Filter::default()
        }));
        assert!(!f(Filter {
            country: Some("US".into()),
            ..Filter::default()
        }));
        assert!(f(Filter {
            bbox: Some([100.0, 30.0, 130.0, 40.0]),
            ..Filter::default()
        }));
        assert!(!f(Filter {
            bbox: Some([0.0, 0.0, 10.0, 10.0]),
            ..Filter::default()
        }));
        let mut y = e.clone();
        y.precision = "year";
        assert!(!Filter {
            min_precision: Some("month"),
            ..Filter::default()
        }
        .keep(&y));
        assert!(Filter {
            min_precision: Some("year"),
            ..Filter::default()
        }
        .keep(&y));
    }
}
