//! Sentences: splitting an article body into sentence spans.
//!
//! This module owns deciding where one sentence ends and the next begins, as byte
//! ranges into the original text, so that every date mention found later can be
//! reported with the sentence that carries it (the "event" of the chronology) and
//! quoted exactly. Newswire text makes this harder than splitting at every full
//! stop: lines are wrapped mid-sentence, abbreviations ("Mr.", "Corp.", "Calif.",
//! "U.S.") and decimals ("5.93", "$1.35") are full of dots, and quotes close after
//! the stop. The rules are deliberately simple and predictable: a `.`, `!` or `?`
//! (with any closing quotes or brackets) ends a sentence when whitespace and then an
//! uppercase letter, a digit, an opening quote or the end of the text follow, unless
//! the word before a single `.` is a known abbreviation or an initialism; a blank
//! line always ends a sentence; a single newline never does. One pass, linear time.
//! Scraped text can hold "sentences" of megabytes (tables, lists, junk without a
//! stop): a sentence is closed at the next whitespace after [`MAX_SENTENCE`] bytes,
//! and at any character after four times that, so that everything done per
//! sentence later stays linear in the article's length.

use std::ops::Range;

/// Words that, followed by a dot, do not end a sentence; dotted ones without their
/// final dot ("e.g."). Sorted (byte order) and unique, so it can be binary-searched;
/// matched as written, or in all capitals ("CORP."). Any other run of single
/// letters between dots ("U.S.", "N.Y.") is an initialism and does not end one either.
const ABBREVIATIONS: [&str; 79] = [
    "Adm", "Ala", "Apr", "Ariz", "Ark", "Atty", "Aug", "Bros", "Calif", "Capt", "Co", "Col",
    "Colo", "Conn", "Corp", "Dec", "Del", "Dr", "Feb", "Fla", "Ft", "Ga", "Gen", "Gov", "Ill",
    "Inc", "Ind", "Jan", "Jr", "Jul", "Jun", "Kan", "Ky", "La", "Lt", "Ltd", "Mar", "Mass", "Md",
    "Messrs", "Mich", "Minn", "Miss", "Mo", "Mont", "Mr", "Mrs", "Ms", "Mt", "Neb", "Nev", "No",
    "Nov", "Oct", "Okla", "Ore", "Pa", "Prof", "Rep", "Reps", "Rev", "Sen", "Sens", "Sep", "Sept",
    "Sgt", "Sr", "St", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "e.g", "etc", "i.e", "vs",
];

/// Bytes that only open or extend a sentence: ASCII but for whitespace and
/// sentence-final punctuation. A table, so that a run of them costs one load
/// a byte.
const PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !matches!(b as u8, b' ' | b'\t'..=b'\r' | b'.' | b'!' | b'?');
        b += 1;
    }
    t
};

/// Longest sentence, in bytes, before it is closed at the next whitespace.
pub const MAX_SENTENCE: usize = 1000;

/// Longest word an abbreviation check looks back over.
const MAX_ABBREVIATION: usize = 32;

/// Byte ranges of the sentences in text[from..], in order, each trimmed of surrounding whitespace, covering all non-whitespace text.
///
/// `from` past the end gives no sentences; a `from` inside a multi-byte char is
/// moved forward to the next char boundary.
pub fn split(text: &str, from: usize) -> Vec<Range<usize>> {
    let mut i = from.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    let mut sentences = Vec::new();
    // Start of the open sentence, and the end of its last non-whitespace char.
    let mut open: Option<usize> = None;
    let mut last_end = i;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        // Most bytes are ASCII word characters: they only open or extend a
        // sentence. A run of them is taken at once.
        let plain = |b: u8| PLAIN[b as usize];
        if plain(bytes[i]) {
            let run_end = bytes[i..]
                .iter()
                .position(|&b| !plain(b))
                .map_or(bytes.len(), |n| i + n);
            let mut start = *open.get_or_insert(i);
            // A sentence of 4 × MAX_SENTENCE bytes without a break is cut here.
            while run_end - start > 4 * MAX_SENTENCE {
                let cut = (start + 4 * MAX_SENTENCE).max(i);
                sentences.push(start..cut);
                start = cut;
                open = Some(cut);
            }
            i = run_end;
            last_end = i;
            continue;
        }
        // Spaces and tabs only close a sentence that has grown too long.
        if matches!(bytes[i], b' ' | b'\t' | b'\r' | 0x0B | 0x0C) {
            if open.is_some_and(|start| i - start >= MAX_SENTENCE) {
                sentences.extend(open.take().map(|start| start..last_end));
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if let Some(start) = open {
            let long = i - start;
            if (long >= MAX_SENTENCE && c.is_whitespace()) || long >= 4 * MAX_SENTENCE {
                let end = if c.is_whitespace() { last_end } else { i };
                sentences.push(start..end);
                open = None;
            }
        }
        if c.is_whitespace() {
            if c == '\n' && blank_line_follows(text, i + 1) {
                if let Some(start) = open.take() {
                    sentences.push(start..last_end);
                }
            }
            i += c.len_utf8();
            continue;
        }
        if open.is_none() {
            open = Some(i);
        }
        if matches!(c, '.' | '!' | '?') {
            let stops = text[i..].len() - text[i..].trim_start_matches(['.', '!', '?']).len();
            let after_stops = i + stops;
            let closers =
                text[after_stops..].len() - text[after_stops..].trim_start_matches(is_closer).len();
            let end = after_stops + closers;
            last_end = end;
            let single_dot = stops == 1 && c == '.';
            if ends_sentence(text, end) && !(single_dot && abbreviation_before(text, i)) {
                if let Some(start) = open.take() {
                    sentences.push(start..end);
                }
            }
            i = end;
            continue;
        }
        i += c.len_utf8();
        last_end = i;
    }
    if let Some(start) = open {
        sentences.push(start..last_end);
    }
    sentences
}

/// Closing quotes and brackets that may follow a sentence's final stop.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | ')' | ']' | '»')
}

/// Opening quotes and brackets that may start a sentence.
fn is_opener(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '`' | '(' | '[' | '«')
}

/// Whether, after the newline just before `i`, the line is blank: only
/// non-newline whitespace up to another newline.
fn blank_line_follows(text: &str, i: usize) -> bool {
    for c in text[i..].chars() {
        if c == '\n' {
            return true;
        }
        if !c.is_whitespace() {
            return false;
        }
    }
    false
}

/// Whether a sentence stop ending at byte `end` (closers included) ends the
/// sentence, judging by what follows: whitespace, then the end of the text, an
/// uppercase letter, a digit or an opening quote or bracket.
fn ends_sentence(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    if rest.is_empty() {
        return true;
    }
    if !rest.starts_with(char::is_whitespace) {
        return false;
    }
    match rest.trim_start().chars().next() {
        None => true,
        Some(c) => c.is_uppercase() || c.is_ascii_digit() || is_opener(c),
    }
}

/// Whether the word before the dot at byte `dot` is an abbreviation or an
/// initialism ("U.S", "N.Y", "J"), so that the dot does not end the sentence.
fn abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let mut word_start = dot;
    for (k, c) in before.char_indices().rev() {
        if !(c.is_alphabetic() || c == '.') {
            break;
        }
        if dot - k > MAX_ABBREVIATION {
            return false;
        }
        word_start = k;
    }
    let word = before[word_start..].trim_start_matches('.');
    if word.is_empty() {
        return false;
    }
    // A digit or other word char glued before it ("3A.") makes it no plain word.
    if before[..word_start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    is_initialism(word)
        || ABBREVIATIONS.binary_search(&word).is_ok()
        || (word.chars().count() > 1
            && !word.chars().any(char::is_lowercase)
            && ABBREVIATIONS
                .iter()
                .any(|a| a.len() > 1 && a.eq_ignore_ascii_case(word)))
}

/// Single letters separated by dots: "U.S", "N.Y", "e.g", or one capital ("J" of
/// "John F. Kennedy").
fn is_initialism(word: &str) -> bool {
    let mut letters = 0;
    for piece in word.split('.') {
        let mut chars = piece.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_alphabetic() => letters += 1,
            _ => return false,
        }
    }
    letters > 1 || word.chars().all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, 0).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_as_expected() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("  \n\n ", &[]),
            ("One. Two.", &["One.", "Two."]),
            ("One!  Two? Three", &["One!", "Two?", "Three"]),
            ("  One.\n  Two.  ", &["One.", "Two."]),
            ("It rose. 5 fell.", &["It rose.", "5 fell."]),
            ("It rose. then fell.", &["It rose. then fell."]),
            ("It rose.Then fell.", &["It rose.Then fell."]),
            ("Wait... What?", &["Wait...", "What?"]),
            ("Really?! Yes.", &["Really?!", "Yes."]),
            // Quotes and brackets close after the stop.
            (
                "\u{201c}Go,\u{201d} he said.\u{201d} Next one.",
                &["\u{201c}Go,\u{201d} he said.\u{201d}", "Next one."],
            ),
            (
                "He said \"stop.\" Then left.",
                &["He said \"stop.\"", "Then left."],
            ),
            ("(It rose.) It fell.", &["(It rose.)", "It fell."]),
            (
                "It rose. \u{201c}Why?\u{201d} she asked.",
                &["It rose.", "\u{201c}Why?\u{201d} she asked."],
            ),
            ("It rose. (See above.)", &["It rose.", "(See above.)"]),
            ("``Go.'' ``Now.''", &["``Go.''", "``Now.''"]),
            // Abbreviations and initialisms.
            (
                "Mr. Smith met Dr. Jones. They talked.",
                &["Mr. Smith met Dr. Jones.", "They talked."],
            ),
            (
                "Acme Corp. Said nothing. Then it did.",
                &["Acme Corp. Said nothing.", "Then it did."],
            ),
            ("ACME CORP. Said it.", &["ACME CORP. Said it."]),
            (
                "It sold shares in Feb. 26 more were sold.",
                &["It sold shares in Feb. 26 more were sold."],
            ),
            (
                "He lives in St. Louis, Mo. He works.",
                &["He lives in St. Louis, Mo. He works."],
            ),
            (
                "The U.S. Senate voted. It passed.",
                &["The U.S. Senate voted.", "It passed."],
            ),
            (
                "Trade with the U.S. The next day it fell.",
                &["Trade with the U.S. The next day it fell."],
            ),
            ("In N.Y. Prices rose.", &["In N.Y. Prices rose."]),
            (
                "John F. Kennedy spoke. Crowds came.",
                &["John F. Kennedy spoke.", "Crowds came."],
            ),
            (
                "Fruit, e.g. Apples, etc. Were sold.",
                &["Fruit, e.g. Apples, etc. Were sold."],
            ),
            ("It is No. 1 in sales.", &["It is No. 1 in sales."]),
            (
                "He said no. Then he left.",
                &["He said no.", "Then he left."],
            ),
            (
                "He was ill. The doctor came.",
                &["He was ill.", "The doctor came."],
            ),
            (
                "Sales rose 3A. Then fell.",
                &["Sales rose 3A.", "Then fell."],
            ),
            ("It was the U.S.", &["It was the U.S."]),
            (
                "It was the U.S.\n\nNext paragraph.",
                &["It was the U.S.", "Next paragraph."],
            ),
            (
                "SAN JOSE, Calif. The firm said.",
                &["SAN JOSE, Calif. The firm said."],
            ),
            // Numbers.
            (
                "The total was 5.93\nmln bags. It fell.",
                &["The total was 5.93\nmln bags.", "It fell."],
            ),
            ("It cost $1.35. Then $2.", &["It cost $1.35.", "Then $2."]),
            (
                "Rates rose 0.5. 3.2 pct next.",
                &["Rates rose 0.5.", "3.2 pct next."],
            ),
            // Lines and blank lines.
            (
                "Showers continued in\nthe zone. It rained.",
                &["Showers continued in\nthe zone.", "It rained."],
            ),
            (
                "Course of the war\n\nThe armies met.",
                &["Course of the war", "The armies met."],
            ),
            (
                "Course of the war\nThe armies met.",
                &["Course of the war\nThe armies met."],
            ),
            ("A title\n   \t \r\n   The text.", &["A title", "The text."]),
            ("One\n\n\n\nTwo", &["One", "Two"]),
            // Dashes do not split.
            (
                "It rose \u{2014} Sharply \u{2014} today. Done.",
                &["It rose \u{2014} Sharply \u{2014} today.", "Done."],
            ),
            // Unicode.
            (
                "\u{c9}t\u{e9} chaud. \u{c9}t\u{e9} froid.",
                &["\u{c9}t\u{e9} chaud.", "\u{c9}t\u{e9} froid."],
            ),
            (
                "\u{4e2d}\u{6587}. \u{65e5}\u{672c}.",
                &["\u{4e2d}\u{6587}. \u{65e5}\u{672c}."],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(sentences(text), *want, "{text:?}");
        }
    }

    #[test]
    fn starts_at_from() {
        let text = "LONDON, March 3 - It rose. It fell.";
        let got: Vec<&str> = split(text, 18).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["It rose.", "It fell."]);
        assert!(split(text, text.len()).is_empty());
        assert!(split(text, text.len() + 10).is_empty());
        // Inside a multi-byte char: moves on to the next boundary.
        let text = "\u{e9}t\u{e9}. Oui.";
        assert_eq!(split(text, 1), [2..6, 7..11]);
    }

    #[test]
    fn abbreviation_table_is_sorted_and_unique() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        for word in ABBREVIATIONS {
            let text = format!("See {word}. Next");
            assert_eq!(split(&text, 0).len(), 1, "{text:?}");
        }
    }

    #[test]
    fn long_inputs_are_linear() {
        let text = "a.".repeat(100_000) + " Next";
        assert_eq!(split(&text, 0).len(), 51);
        let text = "\n ".repeat(100_000);
        assert!(split(&text, 0).is_empty());
        let text = "It rose. ".repeat(50_000);
        assert_eq!(split(&text, 0).len(), 50_000);
        let text = "x".repeat(200_000) + ". Y";
        assert_eq!(split(&text, 0).len(), 52);
        // A dotted run long enough to be no abbreviation.
        let text = "A.".repeat(100) + " Next";
        assert_eq!(split(&text, 0).len(), 2);
    }

    #[test]
    fn long_sentences_are_closed_at_whitespace() {
        let text = "word ".repeat(1_000) + "end. Next.";
        let ranges = split(&text, 0);
        assert!(ranges.len() > 2, "{}", ranges.len());
        for r in &ranges {
            assert!(r.len() <= MAX_SENTENCE + 4, "{r:?}");
            assert!(!text[r.clone()].starts_with(' ') && !text[r.clone()].ends_with(' '));
        }
        assert_eq!(&text[ranges.last().unwrap().clone()], "Next.");
    }

    proptest! {
        #[test]
        fn covers_all_text_in_order(
            text in "\\PC{0,80}|[aA. !?\"”)\n\u{e9}0-9$]{0,80}",
            from in 0usize..100,
        ) {
            let ranges = split(&text, from);
            let mut start = from.min(text.len());
            while !text.is_char_boundary(start) {
                start += 1;
            }
            let mut pos = start;
            for r in &ranges {
                prop_assert!(pos <= r.start && r.start < r.end && r.end <= text.len());
                let s = &text[r.clone()];
                prop_assert_eq!(s.trim(), s);
                prop_assert!(text[pos..r.start].trim().is_empty());
                pos = r.end;
            }
            prop_assert!(text[pos..].trim().is_empty());
        }
    }
}
