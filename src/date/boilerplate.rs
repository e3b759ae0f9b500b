//! Page furniture around a story: the dates that a scraped page carries
//! beside the story's own (see [`super::furniture`], which asks here).
//!
//! Each class is told by the date's own line, read in a window around the
//! date, never by the story's words: reader comments ("| Report abuse",
//! "Chris wrote :"), update and publication stamps ("Updated 2:25 p.m.",
//! "-LRB- Update 10:50 p.m. in Cairo", "Posted by X on June 1, 2010 10:20
//! AM", "Published: Monday"), a dated year followed by a clock time ("Tue Jun
//! 1, 2010 1:33 pm EDT", "Tuesday 1 June 2010 22.58 BST"), bylines ("By Jo
//! Bloggs | June 2, 2010"), teasers and tickers ("related stories", "- 3 hrs
//! ago", "RETWEET", "A version appeared on p12"), and transcripts' show
//! furniture ("THIS IS A RUSH TRANSCRIPT", "Available until"). The window
//! keeps the cost per date small on a long single-line article.

/// Bytes of the date's line read on either side of it.
const REACH: usize = 80;

/// Bytes before a date that may hold an update or publication word.
const STAMP_REACH: usize = 60;

/// Phrases that make a date on their line furniture, wherever they stand in
/// the window. Lower case, sorted.
const LINE_MARKS: &[&str] = &[
    "all rights reserved",
    "appeared on p",
    "download pdf",
    "hrs ago",
    "is broadcast live",
    "mins ago",
    "more on this story",
    "related stories",
    "report abuse",
    "retweet",
    "rush transcript",
    "this comment was removed",
    "today 's show",
    "today's show",
    "we 're on air",
    "we're on air",
];

/// Phrases that make a date furniture when they follow it: "At 19:46 1st Jun
/// 2010, Chris wrote :". Lower case, sorted.
const AFTER_MARKS: &[&str] = &["wrote :", "wrote:"];

/// Show furniture that prose writes in lower case ("not available until
/// March"): matched as written. Sorted.
const CASED_MARKS: &[&str] = &["Available until", "Broadcast on"];

/// Words that open an update or publication stamp. Lower case, sorted.
const STAMP_WORDS: &[&str] = &[
    "added",
    "modified",
    "posted",
    "published",
    "update",
    "updated",
];

/// Words a stamp word may follow on its line ("Page last updated at").
const STAMP_LEADS: &[&str] = &["first", "last", "page", "story"];

/// Words that make a dated year before a clock time a statement, not a
/// stamp: "on June 1, 2010 at 9:45 pm the rig exploded". Lower case, sorted.
const PREPOSITIONS: &[&str] = &[
    "after", "and", "at", "before", "between", "by", "from", "in", "of", "on", "since", "through",
    "to", "until",
];

/// Whether the date at `text[start..end]`, on the line that starts at
/// `line_start`, is page furniture.
pub fn furniture(text: &str, line_start: usize, start: usize, end: usize) -> bool {
    // (Only the window is searched: a long one-line article is not read to
    // its end once per date.)
    let reach = (end + REACH).min(text.len());
    let line_end = text.as_bytes()[end..reach]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(reach, |i| end + i);
    let from = ceil(text, start.saturating_sub(REACH).max(line_start));
    let to = floor(text, (end + REACH).min(line_end));
    let (before, after) = (&text[from..start], &text[end..to]);
    marked(&text.as_bytes()[from..to], end - from)
        || stamp_word(before, from == line_start)
        || dated_stamp(before, &text[start..end], after)
        || byline(&text[line_start..start])
}

/// Whether the window `w` holds a mark at a word start: [`LINE_MARKS`]
/// anywhere, [`AFTER_MARKS`] from `after` on (ASCII case folded), and
/// [`CASED_MARKS`] as written. One pass; a word is compared only when its
/// first letter opens some mark.
fn marked(w: &[u8], after: usize) -> bool {
    let mut in_word = false;
    for (i, &c) in w.iter().enumerate() {
        let starts = !in_word && MARK_INITIALS[c as usize];
        in_word = c.is_ascii_alphanumeric();
        if !starts {
            continue;
        }
        let rest = &w[i..];
        if has_mark(rest, LINE_MARKS, true)
            || i >= after && has_mark(rest, AFTER_MARKS, true)
            || has_mark(rest, CASED_MARKS, false)
        {
            return true;
        }
    }
    false
}

/// Whether `rest` starts with one of `marks` (ASCII case ignored when
/// `fold`).
fn has_mark(rest: &[u8], marks: &[&str], fold: bool) -> bool {
    marks.iter().any(|m| {
        let m = m.as_bytes();
        rest.len() >= m.len()
            && if fold {
                rest[..m.len()].eq_ignore_ascii_case(m)
            } else {
                &rest[..m.len()] == m
            }
    })
}

/// The first letters of every mark, in either case.
static MARK_INITIALS: [bool; 256] = initials();

const fn initials() -> [bool; 256] {
    let mut t = [false; 256];
    let lists: [&[&str]; 3] = [LINE_MARKS, AFTER_MARKS, CASED_MARKS];
    let mut l = 0;
    while l < lists.len() {
        let mut k = 0;
        while k < lists[l].len() {
            let c = lists[l][k].as_bytes()[0];
            t[c.to_ascii_lowercase() as usize] = true;
            t[c.to_ascii_uppercase() as usize] = true;
            k += 1;
        }
        l += 1;
    }
    t
}

/// "Updated 2:25 p.m.", "-LRB- Update 10:50 p.m.", "Page last updated at
/// 10:01 GMT, Friday", "Posted by Jo on June 1": a stamp word shortly before
/// the date (no word of four lower-case letters between), capitalised as a
/// label or led by "Page last", at the start of its line (`at_line`: the
/// window `before` starts there) or of a parenthesis or a `|` field. Prose
/// ("remarks published today", "the surplus posted in November") has none.
fn stamp_word(before: &str, at_line: bool) -> bool {
    let from = ceil(before, before.len().saturating_sub(STAMP_REACH));
    let near = &before[from..];
    let whole = at_line && from == 0;
    for w in words(near) {
        // (A word is a slice of `near`: its place is the pointers' distance.)
        let pos = w.as_ptr() as usize - near.as_ptr() as usize;
        let at = pos + w.len();
        let stamp = STAMP_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w));
        if !stamp || !label_only(&near[at..]) {
            continue;
        }
        let lead = near[..pos].trim_end();
        let lead_l = lead.to_ascii_lowercase();
        let capital = w.starts_with(|c: char| c.is_ascii_uppercase());
        let opens = lead.is_empty() && whole
            || lead.ends_with('(')
            || lead_l.ends_with("-lrb-")
            || lead.ends_with('|');
        let led = whole && !lead.is_empty() && words(&lead_l).all(|w| STAMP_LEADS.contains(&w));
        if capital && opens || led {
            return true;
        }
    }
    false
}

/// Whether the text between a stamp word and its date is a label's: no word
/// of four or more lower-case letters ("by Ann Lee and Bo Chan on", "at
/// 10:01 GMT ,", but not "in remarks that").
fn label_only(between: &str) -> bool {
    !words(between).any(|w| w.len() >= 4 && w.chars().all(|c| c.is_lowercase()))
}

/// A dated year followed by a clock time ("Jun 1, 2010 1:33 pm EDT",
/// "January 27, 2011 at 7:59 pm", "1 June 2010 22.58 BST"), or that clock
/// time itself: a publication or comment stamp, unless a preposition makes
/// the date part of a statement.
fn dated_stamp(before: &str, date: &str, after: &str) -> bool {
    if ends_with_year(date) && starts_with_clock(after) {
        let last = before
            .split(|c: char| !c.is_alphanumeric())
            .rfind(|w| !w.is_empty());
        return !last.is_some_and(|w| is_preposition(&w.to_ascii_lowercase()));
    }
    if !starts_with_clock(date) {
        return false;
    }
    let b = before.trim_end();
    let b = b.strip_suffix("at").unwrap_or(b).trim_end();
    let b = b.trim_end_matches([',', ';']).trim_end();
    ends_with_year(b)
}

/// "By Jo Bloggs | June 2, 2010", "By Ann Lee, Health Editor - May 4": a
/// line that opens with "By", names in capitals, and a separator before the
/// date ("By Tuesday, oil had reached ..." names no one).
fn byline(line: &str) -> bool {
    let l = line.trim_start();
    let Some(rest) = l.strip_prefix("By ").or_else(|| l.strip_prefix("BY ")) else {
        return false;
    };
    let rest = rest.trim_end();
    let separated = rest.ends_with(['|', ',', ';', '-']);
    separated
        && rest.len() <= REACH
        && words(rest).all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

fn is_preposition(w: &str) -> bool {
    PREPOSITIONS.binary_search(&w).is_ok()
}

/// Whether `s` ends with a year of four digits (19xx or 20xx) standing alone.
fn ends_with_year(s: &str) -> bool {
    let b = s.trim_end().as_bytes();
    let n = b.len();
    n >= 4
        && b[n - 4..].iter().all(u8::is_ascii_digit)
        && matches!(&b[n - 4..n - 2], b"19" | b"20")
        && (n == 4 || !b[n - 5].is_ascii_alphanumeric())
}

/// Whether `s` starts (after spaces, a comma or semicolon, and "at") with a
/// clock time: "10:20", "1:33 pm", or with a dot only before a zone or
/// "am"/"pm" ("22.58 BST"; "3.17 mln" is a number).
fn starts_with_clock(s: &str) -> bool {
    let s = s.trim_start().trim_start_matches([',', ';']).trim_start();
    let s = s.strip_prefix("at ").unwrap_or(s).trim_start();
    let b = s.as_bytes();
    let h = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let two = |i: usize| {
        b.get(i..i + 2)
            .filter(|m| m.iter().all(u8::is_ascii_digit))
            .map(|m| (m[0] - b'0') * 10 + (m[1] - b'0'))
    };
    let hour = match h {
        2 => two(0),
        1 => Some(b[0] - b'0'),
        _ => None,
    };
    let clock = (1..=2).contains(&h)
        && hour.is_some_and(|x| x <= 24)
        && two(h + 1).is_some_and(|m| m < 60)
        && b.get(h + 3).is_none_or(|c| !c.is_ascii_digit());
    match b.get(h) {
        Some(b':') => clock,
        Some(b'.') => clock && zone_follows(&s[h + 3..]),
        _ => false,
    }
}

/// Whether a time zone or "am"/"pm" comes first in `s`: "BST", "GMT", " pm".
fn zone_follows(s: &str) -> bool {
    words(s).next().is_some_and(|w| {
        let upper = (2..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
        upper || matches!(w, "am" | "pm" | "a" | "p")
    })
}

/// The words (runs of letters and digits) of `s`.
pub(super) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The largest char boundary of `s` at or below `i`.
pub(super) fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` at or above `i`.
fn ceil(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_needs_a_digit_first() {
        // Text that starts with a letter, a sign or nothing is no clock (and
        // no underflow reading its "hour").
        for s in ["Monday", "", " ", "-5:30", ":30", "at noon"] {
            assert!(!starts_with_clock(s), "{s:?}");
        }
        assert!(starts_with_clock(" at 10:20") && starts_with_clock("1:33 pm"));
    }

    /// Whether `date` (its first occurrence in `text`) is furniture.
    fn of(text: &str, date: &str) -> bool {
        let s = text.find(date).unwrap();
        let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
        furniture(text, line_start, s, s + date.len())
    }

    #[test]
    fn each_class_of_furniture_is_found() {
        let rows: &[(&str, &str)] = &[
            // Reader comments.
            (
                "February 10, 2011 at 7:53 am | Report abuse | Nice.",
                "February 10, 2011",
            ),
            (
                "February 10, 2011 at 7:53 am | Report abuse | Nice.",
                "7:53 am",
            ),
            (
                "At 19:46 1st Jun 2010 , Chris wrote : Who pays?",
                "1st Jun 2010",
            ),
            (
                "Posted by : kim | June 14 , 2010 9:28 PM | Report abuse",
                "June 14 , 2010",
            ),
            ("Nice. -- June 02 , 2010 2:37 PM I agree.", "June 02 , 2010"),
            // Update and publication stamps.
            ("Updated 2:25 p.m. The talks went on.", "2:25 p.m."),
            (
                "He left. -LRB- Update 10:50 p.m. in Cairo -RRB- Crowds grew.",
                "10:50 p.m.",
            ),
            (
                "Page last updated at 10:01 GMT , Friday , 15 January 2010",
                "15 January 2010",
            ),
            (
                "Published : Monday , 18 January , 2010 , 10:22 GMT",
                "Monday",
            ),
            (
                "Posted by Ann Lee and Bo Chan on June 1 , 2010 10:20 AM",
                "June 1 , 2010",
            ),
            (
                "Tue Jun 1 , 2010 1:33 pm EDT -LRB- Wire -RRB- - Ships sailed.",
                "Jun 1 , 2010",
            ),
            (
                "Tue Jun 1 , 2010 1:33 pm EDT -LRB- Wire -RRB- - Ships sailed.",
                "1:33 pm",
            ),
            (
                "Storm hits ports Tuesday 1 June 2010 22.58 BST The storm ...",
                "1 June 2010",
            ),
            // Bylines, copyright lines.
            ("By Jo Bloggs | June 2 , 2010 ; 9:10 AM ET", "June 2 , 2010"),
            ("By Ann Lee , Health Editor - May 4 , 2009", "May 4 , 2009"),
            ("Photos 2010 Wire Inc. All rights reserved.", "2010"),
            // Teasers, tickers, print furniture.
            ("Related stories : Ferry sinks on Monday", "Monday"),
            ("Port reopens after storm on Friday - 3 hrs ago", "Friday"),
            (
                "6:30 pm ET February 11 , 2013 RETWEET Could it rain ?",
                "February 11 , 2013",
            ),
            (
                "A version appeared on p12 of the Main section on Tuesday 1 June",
                "Tuesday 1 June",
            ),
            // Transcripts' show furniture.
            (
                "Kids News - 1/26/11 Download PDF maps related to today 's show",
                "1/26/11",
            ),
            (
                "Broadcast on Radio 4 , 9:00 PM Thu , 11 Jun 2009 Available until 9 Jan",
                "11 Jun 2009",
            ),
        ];
        for (text, date) in rows {
            assert!(of(text, date), "{date:?} in {text:?} is furniture");
        }
    }

    #[test]
    fn statements_are_not_furniture() {
        let rows: &[(&str, &str)] = &[
            (
                "On June 1 , 2010 at 9:45 pm the rig exploded.",
                "June 1 , 2010",
            ),
            ("By Tuesday , oil had reached the coast.", "Tuesday"),
            ("The death toll was updated on Tuesday to 40.", "Tuesday"),
            ("She wrote on Monday that talks had failed.", "Monday"),
            ("Police posted guards on Friday , officials said.", "Friday"),
            ("The quake struck at 4:53 pm on Tuesday.", "4:53 pm"),
            (
                "Crowds gathered on February 11 , 2011 in the square.",
                "February 11 , 2011",
            ),
            ("The tanker sank in 2010 , 30 miles offshore.", "2010"),
            (
                "Remarks published today said no talks were planned.",
                "today",
            ),
            ("The surplus posted in November was lower.", "November"),
            ("Figures will not be available until March 26.", "March 26"),
            (
                "Output was just below the 1983 3.17 mln bag record.",
                "1983",
            ),
            ("Price index 1979 98.29 , average 99.17.", "1979"),
            (
                "Stocks July 31 , 1986 , at 9.35 , vs 9.35 last month.",
                "July 31 , 1986",
            ),
        ];
        for (text, date) in rows {
            assert!(!of(text, date), "{date:?} in {text:?} is a statement");
        }
    }

    #[test]
    fn only_the_date_line_counts() {
        let text = "Nice point. | Report abuse\nThe ferry sank on Monday.";
        assert!(!of(text, "Monday"));
        // A long one-line article: marks beyond the window do not count.
        let far = format!(
            "Report abuse {} The ferry sank on Monday.",
            "x ".repeat(200)
        );
        assert!(!of(&far, "Monday"));
    }

    #[test]
    fn marks_match_at_word_starts_in_either_case_when_folded() {
        assert!(marked(b"x | REPORT ABUSE |", 0));
        assert!(!marked(b"unreport abuse", 0));
        assert!(marked(b"3 hrs ago", 0));
        assert!(!marked(b"3 hrs ag", 0));
        assert!(!marked(b"", 0));
        // "wrote :" only after the date; cased marks only as written.
        assert!(marked(b"Chris wrote : hi", 0));
        assert!(!marked(b"Chris wrote : hi", 10));
        assert!(marked(b"x Available until", 0));
        assert!(!marked(b"x available until", 0));
    }

    #[test]
    fn tables_are_sorted() {
        for t in [
            LINE_MARKS,
            AFTER_MARKS,
            CASED_MARKS,
            STAMP_WORDS,
            STAMP_LEADS,
            PREPOSITIONS,
        ] {
            assert!(t.windows(2).all(|w| w[0] < w[1]), "{t:?}");
        }
    }
}
