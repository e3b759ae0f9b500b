//! End-to-end tests of honest anchoring: what chronomap resolves, and what it
//! leaves unresolved, when an article gives no date to resolve against.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

/// `chronomap extract - --not-after 2026-11-28 ARGS` with `input` on stdin.
fn extract_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .args(["extract", "-", "--not-after", "2026-11-28"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chronomap");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().expect("wait")
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
