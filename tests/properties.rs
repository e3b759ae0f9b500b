//! Property tests over the whole pipeline: whatever the text, analysis never
//! panics, every offset points at its expression's text, every interval runs
//! forward, and the timeline CSV reads back to the same rows.

use chrono::NaiveDate;
use chronomap::article::Article;
use chronomap::pipeline::{analyze, Options};
use proptest::prelude::*;

fn opts() -> Options {
    Options {
        date: None,
        not_after: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
    }
}

/// Text built from date-like pieces, so the properties exercise the parsers
/// rather than only the "no date here" path.
fn datey_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("June 26, 2025".to_string()),
        Just("Jun. 26".to_string()),
        Just("on Thursday".to_string()),
        Just("last Friday".to_string()),
        Just("12 days".to_string()),
        Just("the following day".to_string()),
        Just("between 2001 and 2005".to_string()),
        Just("24-25 June".to_string()),
        Just("Feb. 30".to_string()),
        Just("March 119".to_string()),
        Just("13/13/2013".to_string()),
        Just("99999".to_string()),
        Just("490 BC".to_string()),
        Just("the 1990s".to_string()),
        Just("early next year".to_string()),
        Just("at 3 p.m. GMT".to_string()),
        Just("—“é”".to_string()),
        Just("QINGDAO, Jun 26 (Alliance News):".to_string()),
        Just("\n\n".to_string()),
        "[0-9]{1,6}",
        "[A-Za-z]{1,10}",
        "[ -~]{0,12}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.join(" "))
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let a = analyze(
        &Article::new("p", text),
        &opts(),
        chronomap::geo::embedded(),
    );
    let chars: Vec<char> = text.chars().collect();
    for t in &a.timexes {
        prop_assert!(t.start < t.end && t.end <= chars.len(), "bad span {:?}", t);
        let slice: String = chars[t.start..t.end].iter().collect();
        prop_assert_eq!(&slice, &t.text);
        if let (Some(s), Some(e)) = (&t.start_date, &t.end_date) {
            prop_assert!(s <= e, "interval runs backwards: {:?}", t);
        }
    }
    for e in &a.events {
        prop_assert!(e.start <= e.end, "event runs backwards: {:?}", e);
        for d in [&e.start, &e.end] {
            prop_assert!(
                NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok() || d.starts_with('-'),
                "not ISO: {}",
                d
            );
        }
        let slice: String = chars[e.offset..e.offset + e.expression.chars().count()]
            .iter()
            .collect();
        prop_assert_eq!(&slice, &e.expression);
    }
    // The CSV reads back to the same rows.
    let mut buf = Vec::new();
    chronomap::emit::csv::write(&mut buf, &a.events).unwrap();
    let mut rd = csv::Reader::from_reader(buf.as_slice());
    let rows: Vec<csv::StringRecord> = rd.records().collect::<Result<_, _>>().unwrap();
    prop_assert_eq!(rows.len(), a.events.len());
    for (r, e) in rows.iter().zip(&a.events) {
        prop_assert_eq!(&r[1], e.start.as_str());
        prop_assert_eq!(&r[2], e.end.as_str());
        prop_assert_eq!(r[13].parse::<usize>().unwrap(), e.offset);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_gives_consistent_output(text in "\\PC{0,200}") {
        check(&text)?;
    }

    #[test]
    fn date_like_text_gives_consistent_output(text in datey_text()) {
        check(&text)?;
    }
}
