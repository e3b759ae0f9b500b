//! End-to-end tests of feeds as they come: many bad lines of one kind,
//! publication dates under the keys and in the forms feeds use, text on stdin
//! that looks like JSON at first sight, and invisible characters in names.

mod common;

use common::chronomap_stdin as chronomap;
use common::TempDir;
use std::fs;
use std::process::Output;

/// The JSON Lines of a run, one value a line.
fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A feed of one good article, 1,181 lines with an empty text and one line
/// that is not JSON.
fn feed_with_empty_lines(dir: &TempDir) -> String {
    let mut feed = String::from("{\"text\": \"PARIS, June 26, 2025 - Talks began on Monday.\"}\n");
    for _ in 0..1181 {
        feed.push_str("{\"text\": \"\"}\n");
    }
    feed.push_str("nope\n");
    let path = dir.path().join("feed.jsonl");
    fs::write(&path, feed).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn repeated_warnings_are_summarised_by_class() {
    let dir = TempDir::new("feeds-summary");
    let feed = feed_with_empty_lines(&dir);
    let out = chronomap(&["extract", &feed, "--format", "jsonl"], "");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(lines(&out).len(), 1, "the good article is still analysed");
    // The first five one by one, then one line for all 1,181.
    let one_by_one: Vec<&str> = err
        .lines()
        .filter(|l| l.ends_with("\"text\" field is empty"))
        .collect();
    let lines_2_to_6: Vec<String> = (2..=6)
        .map(|n| format!("chronomap: {feed}:{n}: \"text\" field is empty"))
        .collect();
    assert_eq!(one_by_one, lines_2_to_6, "{err}");
    let summary = format!(
        "chronomap: 1181 x \"text\" field is empty: {feed}:2, {feed}:3, {feed}:4, {feed}:5, \
         {feed}:6 and 1176 more; only the first 5 were shown"
    );
    assert!(err.lines().any(|l| l == summary), "{err}");
    // The one line of another class is shown and not summed up again.
    assert!(err.contains(&format!("{feed}:1183: not JSON")), "{err}");
    assert!(!err.contains("1 x not JSON"), "{err}");
    assert!(
        err.lines().count() <= 12,
        "{} lines:\n{err}",
        err.lines().count()
    );
}

#[test]
fn with_quiet_only_the_summary_lines_of_repeated_warnings_are_printed() {
    let dir = TempDir::new("feeds-quiet");
    let feed = feed_with_empty_lines(&dir);
    let out = chronomap(&["extract", &feed, "--format", "jsonl", "-q"], "");
    let err = stderr(&out);
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            format!(
                "chronomap: 1181 x \"text\" field is empty: {feed}:2, {feed}:3, {feed}:4, \
                 {feed}:5, {feed}:6 and 1176 more"
            ),
            format!("chronomap: 1 x not JSON: {feed}:1183"),
        ]
    );
    // A clean run stays silent with -q.
    let out = chronomap(&["extract", "-", "-q"], "PARIS - Talks began.");
    assert_eq!(stderr(&out), "");
}

#[test]
fn plain_text_on_stdin_that_starts_with_a_brace_is_text() {
    let text = "{Editor's note: this story was updated.}\n\nPARIS, June 26, 2025 - \
                Talks began in Berlin on Monday.";
    let out = chronomap(&["extract", "-", "--format", "jsonl"], text);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let a = lines(&out);
    assert_eq!(a.len(), 1, "{err}");
    assert_eq!(a[0]["id"], "stdin");
    assert_eq!(a[0]["dateline"]["date"], "2025-06-26");
    // A JSON Lines feed on stdin is still read as one.
    let feed = "{\"id\": \"a\", \"text\": \"Talks in Berlin.\"}\n{\"text\": \"More.\"}\n";
    let out = chronomap(&["extract", "-", "--format", "jsonl"], feed);
    let ids: Vec<_> = lines(&out).iter().map(|a| a["id"].clone()).collect();
    assert_eq!(ids, ["a", "stdin-2"]);
}

#[test]
fn publication_dates_are_read_under_the_keys_and_in_the_forms_feeds_use() {
    let feed = [
        r#"{"id": "rss", "text": "Talks began yesterday.", "pubDate": "Tue, 30 Dec 2014 10:00:00 GMT"}"#,
        r#"{"id": "iso", "text": "Talks began yesterday.", "published_at": "2014-12-30T23:30:00-05:00"}"#,
        r#"{"id": "schema", "text": "Talks began yesterday.", "datePublished": "December 30, 2014"}"#,
        r#"{"id": "unix", "text": "Talks began yesterday.", "timestamp": 1419933600000}"#,
        r#"{"id": "first", "text": "Talks began yesterday.", "date": "2014-12-30", "published": "2001-01-01"}"#,
    ]
    .join("\n");
    let out = chronomap(&["extract", "-", "--format", "jsonl"], &feed);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    for a in lines(&out) {
        assert_eq!(a["anchor"]["date"], "2014-12-30", "{a}");
        assert_eq!(a["anchor"]["source"], "metadata", "{a}");
        assert_eq!(a["timexes"][0]["start_date"], "2014-12-29", "{a}");
    }
}

#[test]
fn an_unreadable_publication_date_is_a_warning_and_the_article_keeps_its_dateline() {
    let feed = concat!(
        "{\"id\": \"a\", \"text\": \"PARIS, June 26, 2025 - Talks began yesterday.\", ",
        "\"published\": \"the other day\"}\n"
    );
    let out = chronomap(&["extract", "-", "--format", "jsonl"], feed);
    let err = stderr(&out);
    // A warning: the exit code stays 0 and the article is analysed.
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("-:1: cannot read the date in \"published\": \"the other day\""),
        "{err}"
    );
    let a = lines(&out);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0]["anchor"]["source"], "dateline");
    assert_eq!(a[0]["timexes"][1]["start_date"], "2025-06-25", "{}", a[0]);
}

#[test]
fn zero_width_characters_inside_a_name_are_invisible_to_matching() {
    for c in [
        '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{00ad}', '\u{feff}',
    ] {
        let text = format!("Talks were held in Ber{c}lin on Monday, officials said.");
        let line = serde_json::json!({"id": "j", "text": text}).to_string();
        for (input, via) in [(text.clone(), "text"), (line, "JSON Lines")] {
            let out = chronomap(&["extract", "-", "--format", "jsonl"], &input);
            let a = &lines(&out)[0];
            let t = &a["toponyms"][0];
            let what = format!("U+{:04X} in {via}: {a}", c as u32);
            assert_eq!(t["name"], "Berlin", "{what}");
            assert_eq!(t["country"], "DE", "{what}");
            // The offsets count the text without the invisible character.
            assert_eq!(
                (t["start"].as_u64(), t["end"].as_u64()),
                (Some(19), Some(25)),
                "{what}"
            );
            assert_eq!(t["text"], "Berlin", "{what}");
        }
    }
}
