//! End-to-end tests of date expression classes modern news writes: each test
//! is one class of error fixed, run through the binary on a sentence of our
//! own with its publication date.

mod common;

/// Pairs of strings: (text, value) of a date, (start, end) of an event.
type Pairs = Vec<(String, String)>;

/// The (text, value) of every date found in `text` dated `date`, and the
/// (start, end) of every event.
fn read(text: &str, date: &str) -> (Pairs, Pairs) {
    let out = common::chronomap_stdin(
        &["extract", "-", "--format", "jsonl", "-q", "--date", date],
        text,
    );
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    let s = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    let timexes = a["timexes"].as_array().map_or(vec![], |ts| {
        ts.iter().map(|t| (s(t, "text"), s(t, "value"))).collect()
    });
    let events = a["events"].as_array().map_or(vec![], |es| {
        es.iter().map(|e| (s(e, "start"), s(e, "end"))).collect()
    });
    (timexes, events)
}

fn pairs(items: &[(&str, &str)]) -> Pairs {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn a_range_after_between_or_from_ends_on_a_bare_day() {
    for text in [
        "The talks, which take place between October 11 and 13, are a first.",
        "The talks run from October 11 to 13 in Geneva.",
    ] {
        let (timexes, events) = read(text, "2019-09-20");
        assert_eq!(
            timexes,
            pairs(&[("October 11", "2019-10-11"), ("13", "2019-10-13")]),
            "{text}"
        );
        assert_eq!(events, pairs(&[("2019-10-11", "2019-10-13")]), "{text}");
    }
    // Without the lead word, one expression as before.
    let (timexes, _) = read("The talks run October 11-13 in Geneva.", "2019-09-20");
    assert_eq!(timexes, pairs(&[("October 11-13", "2019-10-11")]));
}

#[test]
fn a_local_time_glossed_by_a_zoned_time_is_a_time() {
    let (timexes, _) = read(
        "He left the prison shortly after 17:00 (09:00 GMT) on Wednesday.",
        "2018-11-22",
    );
    assert_eq!(
        timexes,
        pairs(&[
            ("17:00", "2018-11-21T17:00"),
            ("09:00 GMT", "2018-11-21T09:00"),
            ("Wednesday", "2018-11-21")
        ])
    );
    // A bare "17:00" with neither "at" nor a zone is still no time (a score,
    // a game clock).
    let (timexes, _) = read("He left shortly after 17:00 and drove off.", "2018-11-22");
    assert!(timexes.is_empty(), "{timexes:?}");
}

#[test]
fn news_that_comes_a_day_after_something_is_the_day_of_the_news() {
    let (timexes, events) = read(
        "The crash comes a day after the rebels swapped two hostages.",
        "2019-11-20",
    );
    assert_eq!(timexes, pairs(&[("a day after", "2019-11-20")]));
    assert_eq!(events, pairs(&[("2019-11-20", "2019-11-20")]));
    // A day after a date is a shift of that date, not the news day.
    let (timexes, _) = read("The vote came a day after Monday's storm.", "2019-11-20");
    assert!(
        !timexes.iter().any(|(t, _)| t == "a day after"),
        "{timexes:?}"
    );
    // Without a verb of coming, "two days after the crash" has no day.
    let (timexes, _) = read("He died two days after the crash.", "2019-11-20");
    assert_eq!(timexes, pairs(&[("two days", "P2D")]));
}

#[test]
fn summertime_is_the_summer() {
    let (timexes, events) = read(
        "Aides discussed a newly revealed summertime phone call.",
        "2019-11-20",
    );
    assert_eq!(timexes, pairs(&[("summertime", "2019-SU")]));
    assert_eq!(events, pairs(&[("2019-06-01", "2019-08-31")]));
}

#[test]
fn a_time_with_a_weekday_and_its_date_is_that_date() {
    let (timexes, events) = read(
        "Tickets go on sale at 10 a.m. Friday, Dec. 6.",
        "2019-11-20",
    );
    assert_eq!(
        timexes,
        pairs(&[("10 a.m. Friday, Dec. 6", "2019-12-06T10:00")])
    );
    assert_eq!(events, pairs(&[("2019-12-06", "2019-12-06")]));
}

#[test]
fn plans_after_a_determiner_are_a_noun_not_a_future() {
    // Told in the past: last Monday.
    let (timexes, _) = read(
        "The band unveiled its plans on Monday night in Nashville.",
        "2019-11-20",
    );
    assert_eq!(timexes, pairs(&[("Monday night", "2019-11-18TNI")]));
    // "plans to" is still a plan, and "the coming storm" still ahead.
    let (timexes, _) = read("The band plans to play on Monday night.", "2019-11-20");
    assert_eq!(timexes, pairs(&[("Monday night", "2019-11-25TNI")]));
    let (timexes, _) = read("The coming storm hits Monday.", "2019-11-20");
    assert_eq!(timexes, pairs(&[("Monday", "2019-11-25")]));
}

#[test]
fn a_game_clock_is_no_time_of_day() {
    let (timexes, _) = read(
        "Zucker had two goals: he scored at 7:14 and on the power play at 19:56.",
        "2019-11-19",
    );
    assert!(timexes.is_empty(), "{timexes:?}");
    // Without a word of play, "at 7:14" is a time.
    let (timexes, _) = read("The train left at 7:14 on Tuesday.", "2019-11-19");
    assert_eq!(
        timexes,
        pairs(&[("7:14", "2019-11-19T07:14"), ("Tuesday", "2019-11-19")])
    );
}
