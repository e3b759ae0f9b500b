//! End-to-end tests of honest anchoring: what chronomap resolves, and what it
//! leaves unresolved, when an article gives no date to resolve against.

mod common;

use std::process::Output;

/// `chronomap extract - ARGS --not-after 2026-11-28` with `input` on stdin.
fn extract_stdin(args: &[&str], input: &str) -> Output {
    common::chronomap_stdin(&[&["extract", "-"], args].concat(), input)
}

/// The JSON Lines analysis of one text read from stdin, with extra flags.
fn analysis(text: &str, extra: &[&str]) -> serde_json::Value {
    let out = extract_stdin(&[&["--format", "jsonl", "-q"], extra].concat(), text);
    serde_json::from_slice(&out.stdout).expect("one JSON line")
}

/// The (text, value, has an interval) of each date the analysis found.
fn dates(a: &serde_json::Value) -> Vec<(String, String, bool)> {
    a["timexes"]
        .as_array()
        .expect("timexes")
        .iter()
        .map(|t| {
            let s = |k: &str| t[k].as_str().unwrap_or_default().to_string();
            (s("text"), s("value"), !t["start_date"].is_null())
        })
        .collect()
}

#[test]
fn news_without_an_anchor_leaves_its_relative_dates_unresolved() {
    // No --date, no date field, a dateline without a date; the stray years
    // ("the 1980s", 2016) must not become the anchor of "yesterday" or "Monday".
    let text = "WASHINGTON (AP) \u{2014} The senator said yesterday that the plan, first \
                drafted in the 1980s and revised in 2016, would be voted on Monday. \
                Aides met last week and will meet again next month.";
    let a = analysis(text, &[]);
    let ds = dates(&a);
    for rel in ["yesterday", "Monday", "last week", "next month"] {
        let d = ds.iter().find(|(t, _, _)| t == rel);
        let (_, value, interval) = d.unwrap_or_else(|| panic!("{rel} not found: {ds:?}"));
        assert!(!interval, "{rel} resolved to {value} with no anchor");
        assert!(
            value.contains('X') || value.ends_with("_REF"),
            "{rel}: {value}"
        );
    }
    // What the text states stays.
    assert!(
        ds.iter().any(|(t, v, i)| t == "2016" && v == "2016" && *i),
        "{ds:?}"
    );
    // And no timeline row comes from the unresolved ones.
    assert!(
        a["events"].as_array().is_none_or(|e| e
            .iter()
            .all(|e| e["expression"] != "yesterday" && e["expression"] != "Monday")),
        "{a}"
    );
}

#[test]
fn a_history_still_reads_each_date_after_the_last() {
    // A narrative of stated dates: "the next day" and "in December" follow them.
    let text = "On June 6, 1944, the landings began. The next day the beachheads joined. \
                In August 1944 Paris was freed, and in December the offensive came.";
    let ds = dates(&analysis(text, &[]));
    let value = |t: &str| ds.iter().find(|d| d.0 == t).map(|d| d.1.clone());
    assert_eq!(
        value("The next day").as_deref(),
        Some("1944-06-07"),
        "{ds:?}"
    );
    assert_eq!(value("December").as_deref(), Some("1944-12"), "{ds:?}");
}

#[test]
fn the_same_news_with_its_date_resolves_everything() {
    let text = "The senator said yesterday that the vote would be on Monday.";
    let ds = dates(&analysis(text, &["--date", "2019-11-20"]));
    let value = |t: &str| ds.iter().find(|d| d.0 == t).map(|d| d.1.clone());
    assert_eq!(value("yesterday").as_deref(), Some("2019-11-19"), "{ds:?}");
    assert!(
        value("Monday").is_some_and(|v| v.starts_with("2019-11-")),
        "{ds:?}"
    );
}

#[test]
fn house_numbers_and_blocks_are_not_years() {
    let text = "Police arrested a man, 32, of 1119 Eighth St., and a woman of 2134 N. \
                Caldwell Place, after a stop in the 3400 block of Main Street in 2019.";
    let ds = dates(&analysis(text, &["--date", "2019-11-20"]));
    let texts: Vec<&str> = ds.iter().map(|d| d.0.as_str()).collect();
    assert_eq!(texts, ["2019"], "{ds:?}");
}

#[test]
fn articles_without_an_anchor_are_counted_in_one_warning() {
    let feed = concat!(
        r#"{"id":"a","text":"The senator said yesterday that the vote is on Monday."}"#,
        "\n",
        r#"{"id":"b","text":"Aides met last week.","date":"2019-11-20"}"#,
        "\n",
        r#"{"id":"c","text":"Crowds gathered on Tuesday."}"#,
        "\n",
    );
    let out = extract_stdin(&[], feed);
    let err = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("no date to resolve"))
        .collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(warnings[0].contains("2 of 3 articles"), "{err}");
    assert!(warnings[0].contains("--date"), "{err}");
}

/// The JSON Lines analyses of a feed of text articles (one JSON line each).
fn feed(texts: &[&str]) -> Vec<serde_json::Value> {
    let input: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": format!("a{i}"), "text": t}).to_string() + "\n")
        .collect();
    let out = extract_stdin(&["--format", "jsonl", "-q"], &input);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn a_dateline_year_the_text_does_not_tell_stays_unknown() {
    // "Dec. 23" and nothing that tells the year: no anchor is invented, the
    // dateline keeps its month and day, and relative dates stay unresolved.
    let text = "HONOLULU, Dec. 23 (UPI) \u{2014} Researchers said on Tuesday that \
                the whales returned to the bay last week, earlier than in 2014.";
    let a = analysis(text, &[]);
    assert!(a["anchor"].is_null(), "{}", a["anchor"]);
    assert_eq!(a["dateline"]["date"], "XXXX-12-23");
    assert!(a["dateline"]["certainty"].is_null());
    for (t, v, interval) in dates(&a) {
        assert!(t == "2014" || !interval, "{t} resolved to {v}");
    }
}

#[test]
fn a_feed_tells_the_year_of_its_undated_datelines() {
    // Each article alone says 1986 or 1987; the feed agrees on 1987, and the
    // article with no evidence at all (and the one with a weekday only) takes
    // the feed's year. A weekday does not outweigh it: Feb 27, 1987 was a Friday.
    let mut texts = vec![
        "NEW YORK, Feb 26 - Profits rose to 12 mln dlrs in 1986, the company said.",
        "CHICAGO, March 2 - Sales in 1986 fell 3 pct, the company said.",
        "LONDON, March 3 - Output was flat in 1986, the ministry said.",
        "TOKYO, March 4 - Exports grew in 1986, officials said.",
        "PARIS, March 5 - The 1986 deficit was the smallest since 1980.",
        "BONN, March 6 - Prices fell in 1986, the office said.",
        "SYDNEY, March 9 - Wheat sales rose in 1986.",
    ];
    texts.push("ROME, March 10 - The government met to discuss the budget.");
    texts.push("MADRID, Feb 27 - The bank cut its rates on Thursday.");
    let out = feed(&texts);
    assert_eq!(out.len(), texts.len());
    for a in &out {
        let d = a["dateline"]["date"].as_str().unwrap_or_default();
        assert!(d.starts_with("1987-"), "{}: {d}", a["id"]);
    }
}

#[test]
fn years_ahead_and_years_of_history_are_not_the_story_year() {
    // "fiscal 1990", "notes due 2017" and "founded in 1950" say nothing of
    // the year after them; "on Thursday" with Feb 26 and "in 1986" tell 1987.
    let text = "NEW YORK, Feb 26 - The company, founded in 1950, said on Thursday \
                its 1986 profit rose and that it sold notes due 2017. It expects \
                growth in fiscal 1990.";
    let a = analysis(text, &[]);
    assert_eq!(a["dateline"]["date"], "1987-02-26");
    assert_eq!(a["dateline"]["certainty"], "inferred");
}

#[test]
fn news_that_tells_of_the_future_is_not_a_narrative() {
    // Stated years, but also "last month" and a scheduled hearing: news whose
    // date is missing, so a bare "April" is not the April after "2012".
    let text = "Assange sought refuge at the embassy in 2012 and was evicted in 2019 \
                after years inside. He was arrested in April.\n\nLast month, a judge \
                rejected his appeal. The hearing is scheduled to take place in February.";
    let a = analysis(text, &[]);
    for (t, v, interval) in dates(&a) {
        if t == "April" || t == "February" || t == "Last month" {
            assert!(!interval, "{t} resolved to {v}");
        }
    }
}
