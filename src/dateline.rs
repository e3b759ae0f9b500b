//! Wire-service datelines: the `QINGDAO, Jun 26 (Alliance News):` or
//! `WASHINGTON (AP) —` that opens a news story.
//!
//! This module owns recognising a dateline at the start of an article (on its first
//! non-empty line, or on a later one below lead matter: a headline, a caption, a
//! byline, an editor's note, bullet points) and splitting it into
//! byte ranges for the place and the date, the month/day/year as written, the agency,
//! and the offset where the body begins. It exists as its own stage because the
//! dateline is the best anchor a story has for its relative dates ("Thursday", "last
//! week") and its place, yet it must never be confused with an ordinary first
//! sentence: a wrong dateline would misdate every event in the article. The parser is
//! therefore conservative: it is a hand-written, linear-time scanner over a few
//! lead lines, it accepts only the shape place, date, agency, separator (or an
//! agency first), and the less evidence a candidate carries (no date, no agency),
//! the stricter it is about capitalisation; the weakest shapes ("NEW DELHI:")
//! must name a well-known place, which the caller's gazetteer says. No dateline
//! is a normal result.

use crate::date::vocab::{self, MONTHS};
use std::ops::Range;

/// A dateline found at the start of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// Byte range of the whole dateline, from its first char through the separator (":" "-" "--" "—" "_" etc.).
    pub span: Range<usize>,
    /// Byte range of the place text, e.g. "QINGDAO" or "FORT LAUDERDALE, Fla." or "BUFFALO, N.Y." (None if the dateline has no place).
    pub place: Option<Range<usize>>,
    /// Byte range of the date text, e.g. "Jun 26", "26 June 2025", "March 13".
    pub date_span: Option<Range<usize>>,
    /// Month, 1..=12.
    pub month: Option<u32>,
    /// Day of the month as written, 1..=31 (not validated against the month; the caller does).
    pub day: Option<u32>,
    /// Year, when the dateline writes one.
    pub year: Option<i32>,
    /// Agency as written inside the parentheses, e.g. "Alliance News", "AP", "Reuters", "AFP", "Xinhua".
    pub agency: Option<String>,
    /// Byte offset where the body starts (after the separator and following whitespace).
    pub body_start: usize,
}

/// A line longer than this (in chars) is not a headline, a byline or a caption,
/// so no line after it is tried (unless it is a bullet or a bracketed note).
const MAX_HEADLINE_CHARS: usize = 120;
/// Most lines tried: the dateline may follow a headline, a standfirst, a
/// caption, a byline, an editor's note and bullet points.
const MAX_LEAD_LINES: usize = 8;
/// A dateline has at most this many tokens before its separator.
const MAX_TOKENS: usize = 40;
/// Longest parenthesised agency, in chars, parentheses excluded.
const MAX_AGENCY_CHARS: usize = 40;
/// Most words an agency may have.
const MAX_AGENCY_WORDS: usize = 5;
/// Most comma-separated parts in a place ("GEORGETOWN, Grand Cayman, British West Indies").
const MAX_PLACE_PARTS: usize = 4;
/// Most words in one part of a place ("CITY OF INDUSTRY", "DALLAS/FORT WORTH AIRPORT").
const MAX_PART_WORDS: usize = 5;
/// Most words, connectors aside, in a place that has neither date nor agency.
const MAX_BARE_PLACE_WORDS: usize = 3;
/// Most words in a place whose words need not be capitalised ("Mexico city", "des moines").
const MAX_LENIENT_WORDS: usize = 3;
/// How many chars of the body's first line are looked at to judge whether it reads like prose.
const BODY_PROBE_CHARS: usize = 200;

/// Lowercase words that may sit inside a capitalised place name
/// ("KING OF PRUSSIA", "GRONINGEN, the Netherlands", "Frankfurt am Main").
const CONNECTORS: [&str; 26] = [
    "al", "am", "an", "and", "au", "aux", "da", "das", "de", "del", "della", "den", "der", "des",
    "di", "do", "dos", "du", "el", "en", "la", "le", "les", "of", "sur", "the",
];

/// Words (lowercase) that start sentences, not places: a candidate place beginning
/// with one of them is rejected ("On Monday, Oct. 26:", "As of April 7 -").
const NOT_PLACE_START: [&str; 33] = [
    "after",
    "and",
    "as",
    "at",
    "before",
    "but",
    "by",
    "during",
    "for",
    "from",
    "he",
    "here",
    "i",
    "if",
    "in",
    "it",
    "last",
    "next",
    "of",
    "on",
    "she",
    "since",
    "that",
    "then",
    "there",
    "they",
    "this",
    "to",
    "today",
    "tomorrow",
    "until",
    "we",
    "yesterday",
];

/// Weekday names (lowercase): never part of a place.
const WEEKDAYS: [&str; 7] = [
    "friday",
    "monday",
    "saturday",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
];

/// All-caps words (uppercase) that open wire headings, not places
/// ("UPDATE - ...", "CORRECTION - ...").
const HEADING_WORDS: [&str; 19] = [
    "ADVISORY",
    "ANALYSIS",
    "BREAKING",
    "BULLETIN",
    "COLUMN",
    "COMMENT",
    "CORRECTED",
    "CORRECTION",
    "EDITORS",
    "EXCLUSIVE",
    "FACTBOX",
    "FLASH",
    "NOTE",
    "PHOTO",
    "REFILE",
    "REPEAT",
    "RPT",
    "UPDATE",
    "URGENT",
];

/// News agencies, compared case-insensitively. An agency after a comma
/// ("WASHINGTON, March 12, Reuter -") must be one of these, and so must the agency of
/// a dateline with neither date nor all-caps place ("Tokyo (Kyodo) -"), so that a
/// headline such as "Tesla (TSLA) - ..." is not taken for a dateline.
const KNOWN_AGENCIES: [&str; 31] = [
    "AAP",
    "AFP",
    "Alliance News",
    "ANSA",
    "Antara",
    "AP",
    "APA",
    "Bernama",
    "Bloomberg",
    "CNA",
    "CNN",
    "dpa",
    "EFE",
    "IANS",
    "Interfax",
    "ITAR-TASS",
    "KUNA",
    "Kyodo",
    "MENA",
    "NNA",
    "PA",
    "PTI",
    "Reuter",
    "Reuters",
    "RIA",
    "TASS",
    "UNI",
    "UPI",
    "WAM",
    "Xinhua",
    "Yonhap",
];

/// Finds the dateline at the start of `text`, if there is one, from the text
/// alone: the shapes that need a gazetteer to tell a place from a heading
/// ("NEW DELHI:", "Washington, DC, United States:") are not tried.
pub fn parse(text: &str) -> Option<Dateline> {
    parse_with(text, &|_| false)
}

/// Finds the dateline at the start of `text`, if there is one; `known` says
/// whether a name is a known place, and is asked only of the weaker shapes.
///
/// The dateline must start a line: the first non-empty line, or a later one
/// when every line before it is lead matter (a headline, a caption, a byline,
/// a bracketed editor's note, a bullet point). Returns `None` when there is no
/// dateline, which is common and not an error.
pub fn parse_with(text: &str, known: &dyn Fn(&str) -> bool) -> Option<Dateline> {
    let mut lines = Lines { text, pos: 0 };
    for k in 0..MAX_LEAD_LINES {
        let line = lines.next()?;
        // Below the headline, a date alone opens an entry of a chronology
        // ("April 20, 2010 - Explosion ..."), not the story.
        if let Some(dateline) =
            parse_line(text, line.start, known).filter(|d| k < 2 || d.place.is_some())
        {
            return Some(dateline);
        }
        if !lead_matter(&text[line], k) {
            return None;
        }
    }
    None
}

/// Whether line `k` (from 0) may stand above a dateline: a bullet point ("*
/// Stocks fall"), a note in brackets ("(Adds details)"), or a short line (a
/// headline, a caption, a byline) that, below the first, does not end a
/// sentence: a text of one sentence a line has no dateline further down.
fn lead_matter(line: &str, k: usize) -> bool {
    let line = line.trim_end();
    let short = line.chars().nth(MAX_HEADLINE_CHARS).is_none();
    is_bullet(line)
        || (line.starts_with('(') && line.ends_with(')'))
        || (short && (k == 0 || !line.ends_with(['.', '!', '?'])))
}

/// A bullet point: a bullet or a dash, then a space.
fn is_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(chars.next(), Some('*' | '•' | '·' | '-' | '–' | '—'))
        && chars.next().is_some_and(char::is_whitespace)
}

/// The non-empty lines of a text, each from its first non-whitespace char to
/// before its newline.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let rest = &self.text[self.pos..];
        let start = self.pos + (rest.len() - rest.trim_start().len());
        if start >= self.text.len() {
            self.pos = self.text.len();
            return None;
        }
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |k| start + k);
        self.pos = end;
        Some(start..end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    Comma,
    /// A parenthesised group; the token spans the parentheses.
    Paren,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SepKind {
    /// `-`, `--`, `—`, `–` and the like.
    Dash,
    /// `_`, the old AP stand-in for a dash.
    Underscore,
    /// `:`.
    Colon,
    /// No separator: the body starts right after a bracketed agency
    /// ("Hong Kong (CNN Business) A muddled view").
    Bracket,
}

#[derive(Debug, Clone, Copy)]
struct Sep {
    kind: SepKind,
    end: usize,
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '―' | '‒')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-' | '/' | '&')
}

/// The first char of `text[i..]` (`i` is always on a char boundary here).
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|rest| rest.chars().next())
}

/// The end of the separator starting at `start`.
fn sep_at(text: &str, start: usize) -> Sep {
    let rest = &text[start..];
    let (kind, len) = match rest.chars().next() {
        Some(':') => (SepKind::Colon, 1),
        Some('_') => (
            SepKind::Underscore,
            rest.len() - rest.trim_start_matches('_').len(),
        ),
        _ => (
            SepKind::Dash,
            rest.len() - rest.trim_start_matches(is_dash).len(),
        ),
    };
    Sep {
        kind,
        end: start + len,
    }
}

/// Splits the line starting at `start` into tokens up to the first separator.
/// `None` when the line ends, or something other than words, numbers, commas and
/// short parenthesised groups comes, before a separator.
fn tokenize(text: &str, start: usize) -> Option<(Vec<Tok>, Sep)> {
    let mut toks = Vec::new();
    // Stray asterisks before a dateline ("****LONDON, March 5 -") are noise.
    let mut i = start + (text[start..].len() - text[start..].trim_start_matches('*').len());
    loop {
        if toks.len() >= MAX_TOKENS {
            return None;
        }
        let c = char_at(text, i)?;
        match c {
            '\n' | '\r' => return None,
            ',' => {
                toks.push(Tok {
                    kind: Kind::Comma,
                    start: i,
                    end: i + 1,
                });
                i += 1;
            }
            '(' => {
                let (k, close) = text[i + 1..]
                    .char_indices()
                    .take(MAX_AGENCY_CHARS + 1)
                    .find(|&(_, d)| matches!(d, ')' | '(' | '\n' | '\r'))?;
                if close != ')' {
                    return None;
                }
                let end = i + 1 + k + 1;
                toks.push(Tok {
                    kind: Kind::Paren,
                    start: i,
                    end,
                });
                i = end;
                let next = skip_blanks(text, i);
                if next > i && char_at(text, next).is_some_and(char::is_uppercase) {
                    let sep = Sep {
                        kind: SepKind::Bracket,
                        end: i,
                    };
                    return Some((toks, sep));
                }
            }
            ':' | '_' => return Some((toks, sep_at(text, i))),
            c if is_dash(c) => return Some((toks, sep_at(text, i))),
            c if c.is_whitespace() => i += c.len_utf8(),
            c if c.is_ascii_digit() => {
                let rest = &text[i..];
                let len = rest
                    .find(|d: char| !d.is_alphanumeric())
                    .unwrap_or(rest.len());
                if !rest[..len].bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                toks.push(Tok {
                    kind: Kind::Number,
                    start: i,
                    end: i + len,
                });
                i += len;
            }
            c if c.is_alphabetic() => {
                let rest = &text[i..];
                let len = rest.find(|d: char| !is_word_char(d)).unwrap_or(rest.len());
                // "MONTREAL, Feb 26-" is handled by the number branch; a word that ends
                // in hyphens ("WASHINGTON- The") ends at them and they separate.
                let word = rest[..len].trim_end_matches('-');
                toks.push(Tok {
                    kind: Kind::Word,
                    start: i,
                    end: i + word.len(),
                });
                if word.len() < len {
                    return Some((toks, sep_at(text, i + word.len())));
                }
                i += len;
            }
            _ => return None,
        }
    }
}

/// The month a word names ("Jun", "june", "Sept.", "MARCH"), if any.
fn month_of(word: &str) -> Option<u32> {
    let word = word.strip_suffix('.').unwrap_or(word);
    if word.len() > 9 || word.contains('.') {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    vocab::lookup(MONTHS, &lower)
}

fn number(text: &str, tok: &Tok) -> Option<u32> {
    if tok.kind != Kind::Number || tok.end - tok.start > 4 {
        return None;
    }
    text[tok.start..tok.end].parse().ok()
}

/// A date at the end of a token list.
#[derive(Debug, Clone, Copy)]
struct DateMatch {
    /// Index of its first token.
    first: usize,
    month: u32,
    day: Option<u32>,
    year: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Month,
    Day,
    Year,
    Comma,
}

/// Date shapes, longest first so that the longest one at the end wins.
const DATE_SHAPES: [&[Slot]; 7] = [
    &[Slot::Month, Slot::Day, Slot::Comma, Slot::Year],
    &[Slot::Month, Slot::Day, Slot::Year],
    &[Slot::Day, Slot::Month, Slot::Year],
    &[Slot::Month, Slot::Day],
    &[Slot::Day, Slot::Month],
    &[Slot::Month, Slot::Year],
    &[Slot::Month],
];

/// The date that ends `toks`, if any: "Jun 26", "26 June 2025", "June 26, 2025",
/// "April". A day number outside 1..=31 ("March 119") leaves the day unknown.
fn date_at_end(text: &str, toks: &[Tok]) -> Option<DateMatch> {
    'shapes: for shape in DATE_SHAPES {
        let Some(first) = toks.len().checked_sub(shape.len()) else {
            continue;
        };
        let mut found = DateMatch {
            first,
            month: 0,
            day: None,
            year: None,
        };
        for (slot, tok) in shape.iter().zip(&toks[first..]) {
            let ok = match slot {
                Slot::Month => match month_of(&text[tok.start..tok.end]) {
                    Some(m) if tok.kind == Kind::Word => {
                        found.month = m;
                        true
                    }
                    _ => false,
                },
                Slot::Day => match number(text, tok) {
                    Some(d) if tok.end - tok.start <= 3 => {
                        found.day = (1..=31).contains(&d).then_some(d);
                        true
                    }
                    _ => false,
                },
                Slot::Year => match number(text, tok) {
                    Some(y) if tok.end - tok.start == 4 && y >= 1000 => {
                        found.year = i32::try_from(y).ok();
                        true
                    }
                    _ => false,
                },
                Slot::Comma => tok.kind == Kind::Comma,
            };
            if !ok {
                continue 'shapes;
            }
        }
        return Some(found);
    }
    None
}

/// The agency inside a parenthesised token, trimmed, if it looks like one.
fn paren_agency(text: &str, tok: &Tok) -> Option<String> {
    let inner = text[tok.start + 1..tok.end - 1].trim();
    let plausible = inner.starts_with(char::is_alphabetic)
        && inner.split_whitespace().count() <= MAX_AGENCY_WORDS
        && inner
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || matches!(c, '.' | '-' | '&' | '/' | '\''));
    plausible.then(|| inner.to_string())
}

fn first_alpha(word: &str) -> Option<char> {
    word.chars().find(|c| c.is_alphabetic())
}

fn is_capitalised(word: &str) -> bool {
    first_alpha(word).is_some_and(char::is_uppercase)
}

fn is_all_caps(word: &str) -> bool {
    is_capitalised(word) && !word.chars().any(char::is_lowercase)
}

fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The words of a place, grouped by comma-separated part; `None` unless the tokens
/// are words and single commas between them, within the size limits.
fn place_parts<'t>(text: &'t str, toks: &[Tok]) -> Option<Vec<Vec<&'t str>>> {
    let mut parts: Vec<Vec<&str>> = vec![Vec::new()];
    for tok in toks {
        let current = parts.last_mut()?;
        match tok.kind {
            Kind::Word => {
                let word = &text[tok.start..tok.end];
                if word.chars().any(|c| c.is_ascii_digit())
                    || in_list(&WEEKDAYS, word.trim_end_matches('.'))
                {
                    return None;
                }
                current.push(word);
                if current.len() > MAX_PART_WORDS {
                    return None;
                }
            }
            Kind::Comma if !current.is_empty() && parts.len() < MAX_PLACE_PARTS => {
                parts.push(Vec::new())
            }
            _ => return None,
        }
    }
    let first = parts.first()?.first()?;
    if parts.iter().any(Vec::is_empty) || in_list(&NOT_PLACE_START, first) {
        return None;
    }
    Some(parts)
}

/// Every word capitalised (or a lowercase connector like "of", not first).
fn strict_place(parts: &[Vec<&str>]) -> bool {
    parts.iter().all(|part| {
        part.iter()
            .enumerate()
            .all(|(k, w)| is_capitalised(w) || (k > 0 && in_list(&CONNECTORS, w)))
    })
}

/// A short place in any case ("Mexico city", "des moines"); only trusted when a
/// date follows it after a comma.
fn lenient_place(parts: &[Vec<&str>]) -> bool {
    parts.iter().map(Vec::len).sum::<usize>() <= MAX_LENIENT_WORDS
}

/// An all-caps first part ("WASHINGTON", "KANSAS CITY") and capitalised others
/// ("BAGUIO, Philippines"), not a heading word.
fn all_caps_place(parts: &[Vec<&str>]) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return false;
    };
    first.iter().all(|w| is_all_caps(w))
        && first
            .iter()
            .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
            .sum::<usize>()
            >= 2
        && first.iter().filter(|w| !in_list(&CONNECTORS, w)).count() <= MAX_BARE_PLACE_WORDS
        && !in_list(&HEADING_WORDS, first[0])
        && strict_place(rest)
}

/// Spaces and tabs (not newlines) skipped from `i`.
fn skip_blanks(text: &str, i: usize) -> usize {
    let rest = &text[i..];
    i + (rest.len() - rest.trim_start_matches([' ', '\t']).len())
}

/// Whitespace (newlines included) skipped from `i`.
fn skip_space(text: &str, i: usize) -> usize {
    let rest = &text[i..];
    i + (rest.len() - rest.trim_start().len())
}

/// The body's first line, at most [`BODY_PROBE_CHARS`] chars of it.
fn body_line(text: &str, body_start: usize) -> &str {
    let rest = &text[body_start..];
    let end = rest
        .char_indices()
        .take(BODY_PROBE_CHARS)
        .find(|&(_, c)| c == '\n')
        .map_or_else(
            || {
                rest.char_indices()
                    .nth(BODY_PROBE_CHARS)
                    .map_or(rest.len(), |(k, _)| k)
            },
            |(k, _)| k,
        );
    &rest[..end]
}

/// Whether the body opens with a date ("APRIL 7 ...", "7 April ..."), as the
/// figures under a heading such as "ZURICH GOLD OPENING - APRIL 7" do.
fn body_starts_with_date(text: &str, body_start: usize) -> bool {
    let mut words = body_line(text, body_start).split_whitespace();
    let (Some(a), Some(b)) = (words.next(), words.next()) else {
        return false;
    };
    let numeric = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    (month_of(a).is_some() && numeric(b)) || (numeric(a) && month_of(b).is_some())
}

/// Whether the body's first line reads like prose: it has an all-lowercase word,
/// unlike the figures or the date after a heading ("LONDON COCOA CLOSING - APR 7").
fn body_looks_like_prose(text: &str, body_start: usize) -> bool {
    !body_starts_with_date(text, body_start)
        && body_line(text, body_start).split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic());
            w.chars().count() >= 2 && w.chars().all(char::is_lowercase)
        })
}

/// Parses a dateline starting at byte `start`, the first non-blank char of a line.
fn parse_line(text: &str, start: usize, known: &dyn Fn(&str) -> bool) -> Option<Dateline> {
    agency_first(text, start, known).or_else(|| parse_shape(text, start, known))
}

/// "(ANSA) - Rome, October 11 - ...", "(Reuters) — The company ...": a known
/// agency first, then a dateline or the body.
fn agency_first(text: &str, start: usize, known: &dyn Fn(&str) -> bool) -> Option<Dateline> {
    if char_at(text, start) != Some('(') {
        return None;
    }
    let (toks, sep) = tokenize(text, start)?;
    let [tok] = toks[..] else {
        return None;
    };
    if tok.kind != Kind::Paren || sep.kind != SepKind::Dash {
        return None;
    }
    let agency = paren_agency(text, &tok).filter(|a| known_agency(a))?;
    let rest = skip_blanks(text, sep.end);
    if let Some(d) = parse_shape(text, rest, known).filter(|d| d.agency.is_none()) {
        return Some(Dateline {
            span: start..d.span.end,
            agency: Some(agency),
            ..d
        });
    }
    let body_start = skip_space(text, sep.end);
    body_looks_like_prose(text, body_start).then_some(Dateline {
        span: start..sep.end,
        place: None,
        date_span: None,
        month: None,
        day: None,
        year: None,
        agency: Some(agency),
        body_start,
    })
}

/// An agency on the list, or one whose first word is ("CNN Business").
fn known_agency(agency: &str) -> bool {
    in_list(&KNOWN_AGENCIES, agency)
        || agency
            .split_whitespace()
            .next()
            .is_some_and(|w| in_list(&KNOWN_AGENCIES, w))
}

/// "NEW DELHI: Their ...", "Washington, DC, United States: Getting ...": a
/// colon after a bare place also ends headings and labels ("WARNING: do not
/// enter"), so the place must be known (its first and last parts) and the body
/// must open a sentence.
fn colon_place(
    text: &str,
    parts: &[Vec<&str>],
    body_start: usize,
    known: &dyn Fn(&str) -> bool,
) -> bool {
    let shape = all_caps_place(parts) || (parts.len() >= 2 && strict_place(parts));
    let part_known = |part: Option<&Vec<&str>>| part.is_some_and(|p| known(&p.join(" ")));
    shape
        && char_at(text, body_start).is_some_and(char::is_uppercase)
        && body_looks_like_prose(text, body_start)
        && part_known(parts.first())
        && part_known(parts.last())
}

/// Parses the place, date, agency and separator shape starting at `start`.
fn parse_shape(text: &str, start: usize, known: &dyn Fn(&str) -> bool) -> Option<Dateline> {
    let (toks, mut sep) = tokenize(text, start)?;
    let span_start = toks.first()?.start;
    let mut n = toks.len();
    if toks[..n].last()?.kind == Kind::Comma {
        // "CHICAGO, March 4, - "
        n -= 1;
    }
    let mut agency = None;
    let mut word_agency = false;
    let last = *toks[..n].last()?;
    if last.kind == Kind::Paren {
        agency = Some(paren_agency(text, &last)?);
        n -= 1;
    } else if n >= 2
        && last.kind == Kind::Word
        && matches!(toks[n - 2].kind, Kind::Comma | Kind::Number)
        && in_list(&KNOWN_AGENCIES, &text[last.start..last.end])
    {
        // "WASHINGTON, March 12, Reuter - ", "SEOUL, Nov 26 AFP - ": always
        // after a date ("BECKY ANDERSON, CONNECT THE WORLD, CNN:" is a
        // transcript's speaker).
        agency = Some(text[last.start..last.end].to_string());
        n -= if toks[n - 2].kind == Kind::Comma {
            2
        } else {
            1
        };
        word_agency = true;
    }
    if sep.kind == SepKind::Bracket && agency.is_none() {
        return None;
    }
    let mut toks = &toks[..n];
    if toks.iter().any(|t| t.kind == Kind::Paren) {
        return None;
    }

    let mut date = date_at_end(text, toks);
    if word_agency && date.is_none() {
        return None;
    }
    let mut date_span = date.map(|d| toks[d.first].start..toks[n - 1].end);
    let mut comma_before_date = false;
    if let Some(d) = date {
        toks = &toks[..d.first];
        if toks.last().is_some_and(|t| t.kind == Kind::Comma) {
            comma_before_date = true;
            toks = &toks[..toks.len() - 1];
        }
    }

    let mut body_start = skip_space(text, sep.end);
    if toks.is_empty() {
        // A date-only dateline ("APRIL 7 - ") needs a full month and day.
        let d = date?;
        d.day?;
        if comma_before_date {
            return None;
        }
    } else {
        let parts = place_parts(text, toks)?;
        match date {
            Some(d) => {
                // A month alone ("NEW YORK, April -") or a date after a space
                // ("JOHANNESBURG March 13 -") is weaker evidence than "Place, Month Day".
                let full = d.day.is_some() || d.year.is_some();
                let ok = if comma_before_date {
                    strict_place(&parts) || (full && lenient_place(&parts))
                } else {
                    full && strict_place(&parts)
                };
                if !ok {
                    return None;
                }
            }
            None => {
                // "KANSAS CITY, Mo. - March 13 - ": the date after a first separator.
                if let Some((dtoks, dsep)) = tokenize(text, body_start) {
                    if let Some(d) = date_at_end(text, &dtoks) {
                        let dbody = skip_space(text, dsep.end);
                        if d.first == 0
                            && d.day.is_some()
                            && all_caps_place(&parts)
                            && body_line(text, dbody).contains(char::is_lowercase)
                        {
                            date_span = Some(dtoks[0].start..dtoks[dtoks.len() - 1].end);
                            date = Some(d);
                            sep = dsep;
                            body_start = dbody;
                        }
                    }
                }
                let ok = date.is_some()
                    || if let Some(agency) = &agency {
                        strict_place(&parts)
                            && (all_caps_place(&parts) || known_agency(agency))
                            && !body_starts_with_date(text, body_start)
                    } else if sep.kind == SepKind::Colon {
                        colon_place(text, &parts, body_start, known)
                    } else {
                        all_caps_place(&parts) && body_looks_like_prose(text, body_start)
                    };
                if !ok {
                    return None;
                }
            }
        }
    }

    let place = toks
        .first()
        .map(|first| first.start..toks[toks.len() - 1].end);
    Some(Dateline {
        span: span_start..sep.end,
        place,
        date_span,
        month: date.map(|d| d.month),
        day: date.and_then(|d| d.day),
        year: date.and_then(|d| d.year),
        agency,
        body_start,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A dateline as one line of text, for table-driven tests:
    /// `«span» place=… date=… (month/day/year) agency=… body=first-word`, with `?`
    /// for an unknown month, day or year.
    fn render(text: &str, d: &Dateline) -> String {
        let mut out = format!("«{}»", &text[d.span.clone()]);
        if let Some(place) = &d.place {
            out += &format!(" place={}", &text[place.clone()]);
        }
        if let Some(date) = &d.date_span {
            let num = |n: Option<String>| n.unwrap_or_else(|| "?".into());
            out += &format!(
                " date={} ({}/{}/{})",
                &text[date.clone()],
                num(d.month.map(|m| m.to_string())),
                num(d.day.map(|m| m.to_string())),
                num(d.year.map(|m| m.to_string())),
            );
        }
        if let Some(agency) = &d.agency {
            out += &format!(" agency={agency}");
        }
        if let Some(word) = text[d.body_start..].split_whitespace().next() {
            out += &format!(" body={word}");
        }
        out
    }

    #[test]
    fn parses_datelines() {
        let cases = [
            (
                "QINGDAO, Jun 26 (Alliance News): China convened officials.",
                "«QINGDAO, Jun 26 (Alliance News):» place=QINGDAO date=Jun 26 (6/26/?) agency=Alliance News body=China",
            ),
            (
                "WASHINGTON (AP) \u{2014} The Senate met.",
                "«WASHINGTON (AP) \u{2014}» place=WASHINGTON agency=AP body=The",
            ),
            (
                "WASHINGTON (AP) _ The Senate met.",
                "«WASHINGTON (AP) _» place=WASHINGTON agency=AP body=The",
            ),
            (
                "BUFFALO, N.Y. (AP) --\n\nA protester was held.",
                "«BUFFALO, N.Y. (AP) --» place=BUFFALO, N.Y. agency=AP body=A",
            ),
            (
                "ROME, Italy (AP)_ Talks resumed.",
                "«ROME, Italy (AP)_» place=ROME, Italy agency=AP body=Talks",
            ),
            ("LIMA (AP ) -- Rain fell.", "«LIMA (AP ) --» place=LIMA agency=AP body=Rain"),
            ("Bonn (dpa) - Rain fell.", "«Bonn (dpa) -» place=Bonn agency=dpa body=Rain"),
            (
                "LONDON, June 26 (Reuters) - Shares rose.",
                "«LONDON, June 26 (Reuters) -» place=LONDON date=June 26 (6/26/?) agency=Reuters body=Shares",
            ),
            (
                "PARIS, 26 June 2025 (AFP) - Strikes spread.",
                "«PARIS, 26 June 2025 (AFP) -» place=PARIS date=26 June 2025 (6/26/2025) agency=AFP body=Strikes",
            ),
            (
                "PARIS, June 26, 2025 (AFP) - Strikes spread.",
                "«PARIS, June 26, 2025 (AFP) -» place=PARIS date=June 26, 2025 (6/26/2025) agency=AFP body=Strikes",
            ),
            (
                "BEIJING, June 26 (Xinhua) -- Trade grew.",
                "«BEIJING, June 26 (Xinhua) --» place=BEIJING date=June 26 (6/26/?) agency=Xinhua body=Trade",
            ),
            (
                "BRUSSELS, December 2 (Xinhua) --\n\nThe treaty passed.",
                "«BRUSSELS, December 2 (Xinhua) --» place=BRUSSELS date=December 2 (12/2/?) agency=Xinhua body=The",
            ),
            (
                "FORT LAUDERDALE, Fla., Feb 26 - Sales fell.",
                "«FORT LAUDERDALE, Fla., Feb 26 -» place=FORT LAUDERDALE, Fla. date=Feb 26 (2/26/?) body=Sales",
            ),
            (
                "SAN FRANCISCO, Calif., March 3 - Sales fell.",
                "«SAN FRANCISCO, Calif., March 3 -» place=SAN FRANCISCO, Calif. date=March 3 (3/3/?) body=Sales",
            ),
            (
                "NEW YORK, N.Y., March 3 - Sales fell.",
                "«NEW YORK, N.Y., March 3 -» place=NEW YORK, N.Y. date=March 3 (3/3/?) body=Sales",
            ),
            (
                "AMSTERDAM, 2 March - Output rose.",
                "«AMSTERDAM, 2 March -» place=AMSTERDAM date=2 March (3/2/?) body=Output",
            ),
            (
                "JOHANNESBURG March 13 -\n    Gold rose.",
                "«JOHANNESBURG March 13 -» place=JOHANNESBURG date=March 13 (3/13/?) body=Gold",
            ),
            (
                "Tokyo, Jan. 5 (Kyodo) - Exports rose.",
                "«Tokyo, Jan. 5 (Kyodo) -» place=Tokyo date=Jan. 5 (1/5/?) agency=Kyodo body=Exports",
            ),
            (
                "ST. LOUIS, Mo., April 1 - Sales fell.",
                "«ST. LOUIS, Mo., April 1 -» place=ST. LOUIS, Mo. date=April 1 (4/1/?) body=Sales",
            ),
            ("OSLO, Sept. 9 - Rates held.", "«OSLO, Sept. 9 -» place=OSLO date=Sept. 9 (9/9/?) body=Rates"),
            ("OSLO, SEP 9 - Rates held.", "«OSLO, SEP 9 -» place=OSLO date=SEP 9 (9/9/?) body=Rates"),
            (
                "Lima, Peru, oct 9 - Rates held.",
                "«Lima, Peru, oct 9 -» place=Lima, Peru date=oct 9 (10/9/?) body=Rates",
            ),
            (
                "san juan, march 9 - Rates held.",
                "«san juan, march 9 -» place=san juan date=march 9 (3/9/?) body=Rates",
            ),
            (
                "Quito city, May 9 - Rates held.",
                "«Quito city, May 9 -» place=Quito city date=May 9 (5/9/?) body=Rates",
            ),
            (
                "PORT OF SPAIN, Trinidad, March 9 - Oil.",
                "«PORT OF SPAIN, Trinidad, March 9 -» place=PORT OF SPAIN, Trinidad date=March 9 (3/9/?) body=Oil.",
            ),
            (
                "DELFT, the Netherlands, March 9 - Oil.",
                "«DELFT, the Netherlands, March 9 -» place=DELFT, the Netherlands date=March 9 (3/9/?) body=Oil.",
            ),
            (
                "MAR DEL PLATA, May 2 - Oil.",
                "«MAR DEL PLATA, May 2 -» place=MAR DEL PLATA date=May 2 (5/2/?) body=Oil.",
            ),
            ("TROY, Mich. March 9 - Oil.", "«TROY, Mich. March 9 -» place=TROY, Mich. date=March 9 (3/9/?) body=Oil."),
            (
                "TROY, Mich., March 9, Reuter - Oil.",
                "«TROY, Mich., March 9, Reuter -» place=TROY, Mich. date=March 9 (3/9/?) agency=Reuter body=Oil.",
            ),
            ("TROY, March 9, - Oil.", "«TROY, March 9, -» place=TROY date=March 9 (3/9/?) body=Oil."),
            ("TROY, March 9- Oil.", "«TROY, March 9-» place=TROY date=March 9 (3/9/?) body=Oil."),
            ("TROY, March 9 \u{2013} Oil.", "«TROY, March 9 \u{2013}» place=TROY date=March 9 (3/9/?) body=Oil."),
            ("TROY, March - Oil.", "«TROY, March -» place=TROY date=March (3/?/?) body=Oil."),
            ("TROY, March 119 - Oil.", "«TROY, March 119 -» place=TROY date=March 119 (3/?/?) body=Oil."),
            ("TROY, March 9 -", "«TROY, March 9 -» place=TROY date=March 9 (3/9/?)"),
            ("****TROY, March 9 - Oil.", "«TROY, March 9 -» place=TROY date=March 9 (3/9/?) body=Oil."),
            (
                "TROY, Ala. - March 9 - Oil fell.",
                "«TROY, Ala. - March 9 -» place=TROY, Ala. date=March 9 (3/9/?) body=Oil",
            ),
            ("APRIL 7 - Oil fell.", "«APRIL 7 -» date=APRIL 7 (4/7/?) body=Oil"),
            (
                "WASHINGTON \u{2014} The Senate voted.",
                "«WASHINGTON \u{2014}» place=WASHINGTON body=The",
            ),
            ("WASHINGTON\u{2014}The Senate voted.", "«WASHINGTON\u{2014}» place=WASHINGTON body=The"),
            ("WASHINGTON- The Senate voted.", "«WASHINGTON-» place=WASHINGTON body=The"),
            ("NEW YORK _\nA woman was hurt.", "«NEW YORK _» place=NEW YORK body=A"),
            ("NEWARK, N.J. _ A panel met.", "«NEWARK, N.J. _» place=NEWARK, N.J. body=A"),
            ("\n\n   \n  LAGOS, May 2 - Oil.", "«LAGOS, May 2 -» place=LAGOS date=May 2 (5/2/?) body=Oil."),
            (
                "Senate Passes Budget\n\nLAGOS, May 2 - Oil.",
                "«LAGOS, May 2 -» place=LAGOS date=May 2 (5/2/?) body=Oil.",
            ),
            (
                "Course of the war\r\nLAGOS, May 2 - Oil.",
                "«LAGOS, May 2 -» place=LAGOS date=May 2 (5/2/?) body=Oil.",
            ),
            (
                "\u{c9}VORA, Portugal, May 2 - \u{d3}leo.",
                "«\u{c9}VORA, Portugal, May 2 -» place=\u{c9}VORA, Portugal date=May 2 (5/2/?) body=\u{d3}leo.",
            ),
        ];
        for (text, want) in cases {
            let got = parse(text).map(|d| render(text, &d));
            assert_eq!(got.as_deref(), Some(want), "{text:?}");
        }
    }

    #[test]
    fn body_start_skips_whitespace() {
        let text = "LIMA (AP) --\n\n  \tRain fell.";
        let d = parse(text).unwrap();
        assert_eq!(&text[d.body_start..], "Rain fell.");
        assert_eq!(d.span, 0..12);
        assert!(parse("LIMA (AP) --  \n").is_some());
        assert_eq!(parse("LIMA --  \n"), None, "a bare place needs a body");
    }

    #[test]
    fn rejects_ordinary_text() {
        let cases = [
            "",
            "   \n\n  ",
            "On the other hand, it's turning out to be a bad week.",
            "Meridian National Corp. said it sold 750,000 shares of its stock.",
            "HEALTHDYNE Inc., Atlanta, said its subsidiary registered shares.",
            "Course of the war",
            "Course of the war\nThe armies met in the spring - and then winter came.",
            "China convened top officials on June 26 - a date chosen with care.",
            "The meeting was held in Beijing, June 26 - a date chosen with care.",
            "On Monday, Oct. 26: the board met.",
            "The New York Times said in an editorial on Monday, Oct. 26:",
            "As of April 7 - stocks were flat.",
            "Monday, March 3 - The day began.",
            "In Lagos, March 3 - The day began.",
            "Sales in the year, May - a slump.",
            "UPDATE - Stocks fell sharply.",
            "WARNING: do not enter.",
            "LONDON: the city woke up.",
            "ZURICH GOLD OPENING - APRIL 7 pool 420.50-423.50",
            "LONDON COCOA CLOSING - APR 7\n May 1290 1291",
            "NEW ZEALAND EXCHS CLOSE - United States 0.7092",
            "BELGIAN FRANC RATE - APRIL 7 - 42 PCT",
            "TOKYO RUBBER (YEN PER KILO) - APRIL 07\n PREV OPEN",
            "Tesla (TSLA) - shares rose in early trade.",
            "NY COMEX SILVER 12:30\n\n APR7 6670 UP 122",
            "MAR8  --     --",
            "(Undated)\nThe boy will stay.",
            "A - b",
            "- dash first",
            "LAGOS, March 3 (500 mln dlrs in cash) - x",
            "LAGOS, March 3 (a) (b) - x",
            "LAGOS, March 3O - x",
            "LAGOS, Narch 3 - x",
            "LAGOS, March\n3 - x",
            "M\u{dc}NCHEN, 3. M\u{e4}rz - x",
        ];
        for text in cases {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn only_lead_matter_is_skipped() {
        let long = format!("{}\nLAGOS, May 2 - Oil.", "word ".repeat(40));
        assert_eq!(parse(&long), None);
        let short = format!("{}\nLAGOS, May 2 - Oil.", "word ".repeat(5));
        assert!(parse(&short).is_some());
        assert!(parse("Headline\nSub-head\nLAGOS, May 2 - Oil.").is_some());
        // A text of one sentence a line: no dateline below its second line.
        assert_eq!(
            parse("Rain fell.\nThe day ended.\nLAGOS, May 2 - Oil."),
            None
        );
        // A date alone below the headline is a chronology's entry.
        assert_eq!(
            parse("Timeline\nKey dates\nApril 20, 2010 - A rig exploded."),
            None
        );
        let many = format!("{}LAGOS, May 2 - Oil.", "Head\n".repeat(MAX_LEAD_LINES));
        assert_eq!(parse(&many), None);
    }

    #[test]
    fn a_dateline_after_notes_bylines_captions_and_bullets_is_found() {
        let cases = [
            (
                "(Adds the minister's comments)\n\nBy Ann Smith\n\nLAGOS, May 2 (Reuters) - Oil rose.",
                "«LAGOS, May 2 (Reuters) -» place=LAGOS date=May 2 (5/2/?) agency=Reuters body=Oil",
            ),
            (
                "* Stocks fall 2 pct\n\n* Oil steady after a long week of selling in every market of the region\n\nLAGOS, May 2 (Reuters) - Shares fell.",
                "«LAGOS, May 2 (Reuters) -» place=LAGOS date=May 2 (5/2/?) agency=Reuters body=Shares",
            ),
            (
                "Photo of the port. (Reuters)\nKey points\n- The port reopened on Monday after a strike that lasted for most of the spring and the summer.\nLAGOS (AP) - The port reopened.",
                "«LAGOS (AP) -» place=LAGOS agency=AP body=The",
            ),
        ];
        for (text, want) in cases {
            let d = parse(text).unwrap_or_else(|| panic!("no dateline in {text:?}"));
            assert_eq!(render(text, &d), want);
        }
    }

    #[test]
    fn agency_first_and_agency_without_brackets() {
        let cases = [
            (
                "(ANSA) - Rome, October 11 - The minister spoke.",
                "«(ANSA) - Rome, October 11 -» place=Rome date=October 11 (10/11/?) agency=ANSA body=The",
            ),
            (
                "(Reuters) \u{2014} The company is under investigation.",
                "«(Reuters) \u{2014}» agency=Reuters body=The",
            ),
            (
                "SEOUL, Nov 26 AFP - Samsung sold stakes.",
                "«SEOUL, Nov 26 AFP -» place=SEOUL date=Nov 26 (11/26/?) agency=AFP body=Samsung",
            ),
            (
                "Hong Kong (CNN Business) A muddled view weighed on shares.",
                "«Hong Kong (CNN Business)» place=Hong Kong agency=CNN Business body=A",
            ),
        ];
        for (text, want) in cases {
            let d = parse(text).unwrap_or_else(|| panic!("no dateline in {text:?}"));
            assert_eq!(render(text, &d), want);
        }
        for text in [
            "(Tesla) - shares rose.",
            "(Undated) - The boy will stay.",
            "BECKY ANDERSON, CONNECT THE WORLD, CNN: United in prayer.",
            "Tesla (TSLA) Shares rose in early trade.",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_colon_dateline_needs_a_known_place_and_a_sentence() {
        let known = |name: &str| ["NEW DELHI", "Washington", "United States"].contains(&name);
        let cases = [
            (
                "NEW DELHI: Nearly 150 Indians returned home.",
                "«NEW DELHI:» place=NEW DELHI body=Nearly",
            ),
            (
                "Washington, DC, United States: Getting to the Moon is hard.",
                "«Washington, DC, United States:» place=Washington, DC, United States body=Getting",
            ),
        ];
        for (text, want) in cases {
            let d = parse_with(text, &known).unwrap_or_else(|| panic!("no dateline in {text:?}"));
            assert_eq!(render(text, &d), want);
            assert_eq!(parse(text), None, "the text alone does not prove {text:?}");
        }
        for text in [
            "NEW DELHI: the city woke up.",
            "OBAMA: Thank you all for coming.",
            "Washington, Lincoln: These are the presidents we remember.",
        ] {
            assert_eq!(parse_with(text, &known), None, "{text:?}");
        }
    }

    #[test]
    fn tables_are_sorted_and_unique() {
        for &(name, number) in MONTHS {
            assert_eq!(month_of(name), Some(number));
            assert_eq!(month_of(&format!("{}.", name.to_uppercase())), Some(number));
        }
        assert_eq!(month_of("Mayo"), None);
        assert_eq!(month_of("M.a.y."), None);
        let lower = |list: &[&str]| list.iter().all(|w| *w == w.to_lowercase());
        assert!(lower(&CONNECTORS) && lower(&NOT_PLACE_START) && lower(&WEEKDAYS));
        assert!(HEADING_WORDS.iter().all(|w| *w == w.to_uppercase()));
        for list in [&CONNECTORS[..], &NOT_PLACE_START, &WEEKDAYS, &HEADING_WORDS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        let agencies: Vec<String> = KNOWN_AGENCIES.iter().map(|a| a.to_lowercase()).collect();
        assert!(agencies.windows(2).all(|w| w[0] < w[1]), "{agencies:?}");
    }

    #[test]
    fn long_inputs_are_fine() {
        assert_eq!(parse(&" ".repeat(100_000)), None);
        assert_eq!(parse(&format!("LAGOS{}", "A".repeat(100_000))), None);
        assert_eq!(parse(&format!("{}- x", "A, ".repeat(50_000))), None);
        assert_eq!(parse(&format!("A\n{}", "\n ".repeat(50_000))), None);
    }

    proptest! {
        #[test]
        fn never_panics_and_ranges_are_sound(
            text in "\\PC{0,60}",
            noise in "[A-Za-z ,.()_:0-9\\-\n\u{2014}\u{e9}]{0,40}",
        ) {
            for t in [text.clone(), format!("{noise}{text}"), format!("LAGOS, May 2 {noise}{text}")] {
                if let Some(d) = parse(&t) {
                    prop_assert!(d.span.start < d.span.end && d.span.end <= d.body_start);
                    prop_assert!(d.body_start <= t.len() && t.is_char_boundary(d.body_start));
                    let mut ranges = vec![d.span.clone()];
                    ranges.extend(d.place.clone());
                    ranges.extend(d.date_span.clone());
                    for r in ranges {
                        prop_assert!(t.get(r.clone()).is_some());
                        prop_assert!(d.span.start <= r.start && r.end <= d.span.end);
                    }
                    prop_assert!(matches!(d.month, None | Some(1..=12)));
                    prop_assert!(matches!(d.day, None | Some(1..=31)));
                }
            }
        }
    }
}
