//! Dates that are not events of the story.
//!
//! Some dates are dates all right (a TIMEX3 annotator marks them, and so does
//! chronomap) but say nothing happened on them: the year of a copyright
//! notice ("© 2019 Associated Press"), the maturity of a security ("8.5
//! pct debentures due 2017", "its 2017 notes"), and the page furniture that
//! scraped news carries around the story: reader-comment stamps ("February
//! 10, 2011 at 7:53 am | Report abuse", "At 19:46 1st Jun 2010, Chris
//! wrote:"), "Updated 2:25 p.m." and "Published: Monday" lines, bylines with
//! a date ("By Jo Bloggs | June 2, 2010; 9:10 AM"), publication stamps (a
//! dated year followed by a clock time: "Tue Jun 1, 2010 1:33 pm EDT"),
//! "related stories" teasers and tickers ("... - 3 hrs ago", "RETWEET"), and
//! the show furniture of transcripts ("THIS IS A RUSH TRANSCRIPT", "Broadcast
//! on BBC Radio 4 ... Available until"). They stay in `timexes` and never
//! become events, so the timeline, map and key days leave them out. Each
//! class is read from the date's own line, the way pages lay them out.

use super::boilerplate::{floor, words};

/// Words for a security that matures: "notes due 2017", "bonds maturing in
/// 2030". Lower case, sorted.
const SECURITIES: &[&str] = &[
    "bills",
    "bonds",
    "debentures",
    "debt",
    "loans",
    "notes",
    "paper",
    "securities",
    "treasuries",
];

/// Bytes before a maturity that may hold the security's word: "8 1/4 pct
/// convertible subordinated debentures due".
const SECURITY_REACH: usize = 60;

/// Whether the date written at `text[start..end]` is page furniture or a
/// maturity rather than a date something happened on.
pub fn not_an_event(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..start].trim_end().to_ascii_lowercase();
    copyright(&before)
        || maturity(&before)
        || securities_named(&text[end..])
        || super::boilerplate::furniture(text, line_start, start, end)
}

/// "Copyright 2019", "© 2019", "(c) 2019", "Copyright © 2019".
fn copyright(before: &str) -> bool {
    ["copyright", "©", "(c)"]
        .iter()
        .any(|mark| before.ends_with(mark))
}

/// "notes due 2017", "bonds maturing in 2030", "debt due in 2024".
fn maturity(before: &str) -> bool {
    let b = before.strip_suffix(" in").unwrap_or(before);
    let Some(head) = b.strip_suffix("due").or_else(|| b.strip_suffix("maturing")) else {
        return false;
    };
    let from = floor(head, head.len().saturating_sub(SECURITY_REACH));
    words(&head[from..]).any(is_security)
}

/// "its 2017 notes", "the 2030 bonds": the year names the security.
fn securities_named(after: &str) -> bool {
    words(after).next().is_some_and(is_security)
}

fn is_security(w: &str) -> bool {
    SECURITIES
        .binary_search(&w.to_ascii_lowercase().as_str())
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str, date: &str) -> bool {
        let s = text.find(date).unwrap();
        not_an_event(text, s, s + date.len())
    }

    #[test]
    fn copyright_years_and_maturities_are_not_events() {
        assert!(of(
            "Rain fell.\n© 2019 The Wire. All rights reserved.",
            "2019"
        ));
        assert!(of("Copyright 2011 The Ledger.", "2011"));
        assert!(of("Copyright (C) 2011 The Ledger.", "2011"));
        assert!(of(
            "It sold 8.5 pct convertible debentures due 2017.",
            "2017"
        ));
        assert!(of("The bonds, maturing in 2030, rose.", "2030"));
        assert!(of("It will redeem its 2017 notes.", "2017"));
        assert!(!of("The report is due 2017, officials said.", "2017"));
        assert!(!of("The plant opened in 2017 after delays.", "2017"));
        assert!(!of("The copyright case was filed in 2019.", "2019"));
    }

    #[test]
    fn the_securities_table_is_sorted() {
        assert!(SECURITIES.windows(2).all(|w| w[0] < w[1]));
    }
}
