//! Tense of a statement around a date expression: does it report the past or
//! announce the future? A bare "on Thursday" or "in June" points back in a report
//! ("convened on Thursday") and forward in an announcement ("will meet on
//! Thursday"). The nearest cue word to the expression in its sentence, on its
//! side of every quotation mark, decides; verbs in -ed are a weak past cue
//! used only when nothing else is found.

use super::resolve::Tense;
use super::vocab::{
    DETERMINERS, FORWARD_CUES, FUTURE_CUES, INTENT_CUES, IRREGULAR_PAST, PAST_CUES,
};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Prepositions and determiners between a governing verb and its time adverbial.
const LINKS: &[&str] = &[
    "at", "before", "by", "early", "late", "on", "since", "until",
];

/// Words longer than this many bytes are not read (no cue is that long).
const WORD: usize = 24;

/// A word of the sentence, by what it can tell of the tense: read once.
#[derive(Debug, Clone, Copy)]
struct Word {
    st: usize,
    en: usize,
    /// Its cue ([`cue`]).
    cue: Option<Tense>,
    /// "said", "says", "told", "added".
    reporting: bool,
    /// A verb in -ed that is not a future cue.
    participle: bool,
    /// One of [`LINKS`].
    link: bool,
    /// One of [`FORWARD_CUES`]: "payable Jan. 2" lies ahead.
    forward: bool,
    /// "had": what was due or intended before a past perfect may be over.
    had: bool,
    /// "as".
    is_as: bool,
    /// The word itself when it is "since", which [`by_preposition`] reads.
    word: &'static [u8],
    /// How many quotation marks come before it in the sentence: words with
    /// the same count stand on the same side of every quotation mark.
    quote: u32,
}

impl Word {
    fn read(st: usize, en: usize, raw: &[u8], quote: u32) -> Word {
        let mut buf = [0u8; WORD];
        for (d, s) in buf.iter_mut().zip(raw) {
            *d = s.to_ascii_lowercase();
        }
        // Only ASCII letters and apostrophes are copied in: the word is read
        // as bytes, with no UTF-8 check per word.
        let w = &buf[..raw.len()];
        Word {
            st,
            en,
            cue: cue(w),
            reporting: is_reporting(w),
            participle: is_past_participle(w),
            link: LINKS.iter().any(|l| l.as_bytes() == w),
            forward: FORWARD_CUES.iter().any(|l| l.as_bytes() == w),
            had: w == b"had",
            is_as: w == b"as",
            word: if w == b"since" { b"since" } else { b"" },
            quote,
        }
    }
}

/// The tense of `text[sentence]` as seen from the expression at `at..end` (byte offsets).
pub fn tense_at(text: &str, sentence: (usize, usize), at: usize, end: usize) -> Tense {
    Reader::default().tense_at(text, sentence, at, end)
}

/// [`tense_at`] for the expressions of a text in turn: the words of a
/// sentence are read and classified once, however many expressions it holds.
#[derive(Debug, Default)]
pub struct Reader {
    /// Where the words were read from (the text's address and length, and
    /// the span), and the words: all of them, each call leaves out those of
    /// its own expression.
    from: Option<(usize, usize, usize, usize)>,
    words: Vec<Word>,
}

impl Reader {
    /// The tense of `text[sentence]` as seen from the expression at `at..end`.
    pub fn tense_at(
        &mut self,
        text: &str,
        sentence: (usize, usize),
        at: usize,
        end: usize,
    ) -> Tense {
        let (s0, s1) = sentence;
        let (s0, s1) = (s0.min(at), s1.max(end).min(text.len()));
        let from = Some((text.as_ptr() as usize, text.len(), s0, s1));
        if self.from != from {
            self.from = from;
            read_words(text, s0, s1, &mut self.words);
        }
        decide(&self.words, at, end)
    }
}

/// The words of `text[s0..s1]`, with offsets.
fn read_words(text: &str, s0: usize, s1: usize, words: &mut Vec<Word>) {
    words.clear();
    let bytes = text.as_bytes();
    let mut quote = 0;
    let mut i = s0;
    while i < s1 {
        if let Some(n) = quotation_mark(&bytes[i..s1]) {
            quote += 1;
            i += n;
            continue;
        }
        if !bytes[i].is_ascii_alphabetic() && bytes[i] != b'\'' {
            i += 1;
            continue;
        }
        let st = i;
        while i < s1 && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'\'') {
            i += 1;
        }
        if i - st > WORD {
            continue;
        }
        let raw = &bytes[st..i];
        let raw = raw.strip_prefix(b"'").unwrap_or(raw);
        if raw.eq_ignore_ascii_case(b"to") {
            if let Some((prev, head)) = words.split_last_mut() {
                before_to(prev, &bytes[prev.st..prev.en], perfect(head));
            }
        }
        let mut w = Word::read(st, i, raw, quote);
        w.forward &= !perfect(words);
        // "unveiled its plans on Monday": a noun, not "plans to" ("the
        // coming storm" stays ahead).
        let plan = w.cue == Some(Tense::Future)
            && (raw.eq_ignore_ascii_case(b"plan") || raw.eq_ignore_ascii_case(b"plans"));
        if plan && words.last().is_some_and(|p| determiner(&bytes[p.st..p.en])) {
            w.cue = None;
        }
        words.push(w);
    }
}

fn determiner(w: &[u8]) -> bool {
    DETERMINERS
        .iter()
        .any(|d| w.eq_ignore_ascii_case(d.as_bytes()))
}

/// Whether a past perfect comes right before the words that follow `head`
/// ("it had been due to expire Friday", "had been scheduled to end Friday",
/// "had agreed to sell in May"): what was due, planned or intended then may
/// well be over by now.
fn perfect(head: &[Word]) -> bool {
    head.iter().rev().take(4).any(|w| w.had)
}

/// What "to" after `w` makes of it: "next to the embassy" is a place, not a
/// time ahead; "agreed to buy" states an intention, a time ahead (unless it
/// is told in the past perfect, `perfect`).
fn before_to(w: &mut Word, raw: &[u8], perfect: bool) {
    let lower = |l: &&str| raw.eq_ignore_ascii_case(l.as_bytes());
    if raw.eq_ignore_ascii_case(b"next") || (perfect && w.cue == Some(Tense::Future)) {
        w.cue = None;
    } else if !perfect && INTENT_CUES.iter().any(lower) {
        w.cue = Some(Tense::Future);
        w.participle = false;
    }
}

/// The length of the quotation mark `b` starts with, if any: `"`, the
/// curly double quotes, and the typewriter pairs ``` `` ``` and `''`.
fn quotation_mark(b: &[u8]) -> Option<usize> {
    match b {
        [b'"', ..] => Some(1),
        [b'`', b'`', ..] | [b'\'', b'\'', ..] => Some(2),
        [0xE2, 0x80, 0x9C | 0x9D, ..] => Some(3),
        _ => None,
    }
}

/// The tense from the words of the sentence, for the expression at `at..end`.
fn decide(words: &[Word], at: usize, end: usize) -> Tense {
    // Words inside the expression itself ("next Monday") are the parser's
    // business. They all end after `at`, so none is among those before it.
    let inside = |w: &Word| w.st >= at && w.en <= end;
    // A cue on the other side of a quotation mark is another speaker's
    // ("``They might send agents,'' said a man who spent Sunday night
    // there"): only words between the same quotation marks count.
    let quote = words
        .get(words.partition_point(|w| w.en <= at))
        .map_or(0, |w| w.quote);
    let words = &words[words.partition_point(|w| w.quote < quote)..];
    let words = &words[..words.partition_point(|w| w.quote <= quote)];
    let before = &words[..words.partition_point(|w| w.en <= at)];
    if let Some(t) = by_preposition(before) {
        return t;
    }
    // "as soon as Tuesday", "as early as Monday": a forecast.
    if let [.., a, _, b] = before {
        if a.is_as && b.is_as {
            return Tense::Future;
        }
    }
    // The word that governs the expression ("said Thursday", "will meet on
    // Thursday", "the market closed Wednesday") decides when it is a verb cue.
    if let Some(gov) = before.iter().rev().find(|w| !w.link) {
        if gov.forward {
            return Tense::Future;
        }
        if let Some(t) = gov.cue {
            return t;
        }
        if gov.reporting || gov.participle {
            return Tense::Past;
        }
    }
    let mut best: Option<(usize, Tense)> = None;
    let mut weak: Option<(usize, Tense)> = None;
    for w in words.iter().filter(|w| !inside(w)) {
        // The verb that governs a time adverbial usually comes before it; cues
        // after it (often the reporting "Castro said") count as twice as far.
        let dist = if w.st >= end {
            2 * (w.st - end)
        } else {
            at.saturating_sub(w.en)
        };
        // "said" tells when it was reported, not when the reported event is: weak.
        // A future cue after the expression is usually another clause's ("said
        // Thursday that troops will stay"); only those before it count.
        match w.cue {
            Some(Tense::Future) if w.st >= end => {}
            Some(t) if !w.reporting => {
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, t));
                }
            }
            _ => {
                if (w.reporting || w.participle) && weak.is_none_or(|(d, _)| dist < d) {
                    weak = Some((dist, Tense::Past));
                }
            }
        }
    }
    best.or(weak).map(|(_, t)| t).unwrap_or(Tense::Unknown)
}

/// The tense the preposition right before the expression gives: "since
/// March" looks back.
fn by_preposition(before: &[Word]) -> Option<Tense> {
    let prev = before.last()?;
    (prev.word == b"since").then_some(Tense::Past)
}

/// Whether the word right before `at` makes a weekday a deadline or the end of
/// a delay, which lies ahead whatever the tense of the verb: "must resign by
/// Tuesday", "was delayed until Sunday", "should ease by Thursday morning".
/// Months and years are left to the tense: in a history "by March" is as
/// often behind as ahead. A deadline told in the past perfect was over when
/// the story was written ("reports had been filed by Wednesday", "Until
/// Thursday, they had not named him").
pub fn deadline_before(text: &str, sentence_start: usize, at: usize) -> bool {
    let head = &text[sentence_start.min(at)..at];
    let mut words = head
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty());
    let deadline = words
        .next()
        .is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "by" | "until" | "till"));
    let had = |w: &str| w.eq_ignore_ascii_case("had");
    // The clause after the weekday, to the end of the sentence.
    let tail = text[at..].split(['.', ';', '!', '?']).next().unwrap_or("");
    let mut after = tail
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .skip(1);
    deadline && !words.take(8).any(had) && !after.by_ref().take(6).any(had)
}

/// The cue lists as one table: whether a word is a future cue, a past cue.
static CUES: LazyLock<FxHashMap<&'static [u8], (bool, bool)>> = LazyLock::new(|| {
    let mut m = FxHashMap::default();
    for w in FUTURE_CUES {
        m.entry(w.as_bytes()).or_insert((false, false)).0 = true;
    }
    for w in PAST_CUES {
        m.entry(w.as_bytes()).or_insert((false, false)).1 = true;
    }
    m
});

fn cue(w: &[u8]) -> Option<Tense> {
    let (future, past) = CUES.get(w).copied().unwrap_or_default();
    if future || w.ends_with(b"'ll") {
        Some(Tense::Future)
    } else if past {
        Some(Tense::Past)
    } else {
        None
    }
}

fn is_reporting(w: &[u8]) -> bool {
    matches!(w, b"said" | b"says" | b"told" | b"added")
}

fn is_past_participle(w: &[u8]) -> bool {
    let regular = w.len() > 4 && w.ends_with(b"ed");
    (regular || IRREGULAR_PAST.iter().any(|p| p.as_bytes() == w))
        && !CUES.get(w).is_some_and(|c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_looks_back_and_a_deadline_weekday_looks_ahead() {
        let t = "Planes have been grounded since March.";
        let at = t.find("March").unwrap();
        assert_eq!(tense_at(t, (0, t.len()), at, at + 5), Tense::Past);
        for (t, w, ahead) in [
            (
                "He must resign by Tuesday, the party said.",
                "Tuesday",
                true,
            ),
            ("The vote was delayed until Sunday.", "Sunday", true),
            ("The road was closed until Monday.", "Monday", true),
            ("He resigned on Tuesday.", "Tuesday", false),
        ] {
            let at = t.find(w).unwrap();
            assert_eq!(deadline_before(t, 0, at), ahead, "{t}");
        }
    }

    #[test]
    fn a_reader_answers_as_a_fresh_read_for_each_expression() {
        let text = "He said on Monday that talks will resume next week. \
                    Ministers will review the figures from last month on Tuesday.";
        let second = text.find("Ministers").unwrap();
        let sentences = [(0, second - 1), (second, text.len())];
        let mut reader = Reader::default();
        // "last month" is future only when its own "last" is left out.
        for (expr, want) in [
            ("Monday", Tense::Past),
            ("next week", Tense::Future),
            ("last month", Tense::Future),
            ("Tuesday", Tense::Past),
        ] {
            let at = text.find(expr).unwrap();
            let s = *sentences.iter().find(|s| s.0 <= at && at < s.1).unwrap();
            assert_eq!(tense_at(text, s, at, at + expr.len()), want, "{expr}");
            assert_eq!(
                reader.tense_at(text, s, at, at + expr.len()),
                want,
                "{expr}"
            );
        }
    }

    fn t(s: &str, expr: &str) -> Tense {
        let at = s.find(expr).unwrap();
        tense_at(s, (0, s.len()), at, at + expr.len())
    }

    #[test]
    fn the_cue_table_holds_the_lists() {
        for w in FUTURE_CUES {
            assert_eq!(cue(w.as_bytes()), Some(Tense::Future), "{w}");
            assert!(!is_past_participle(w.as_bytes()), "{w}");
        }
        for w in PAST_CUES.iter().filter(|w| !FUTURE_CUES.contains(w)) {
            assert_eq!(cue(w.as_bytes()), Some(Tense::Past), "{w}");
        }
        assert_eq!(cue(b"we'll"), Some(Tense::Future));
        assert_eq!(cue(b"market"), None);
        assert!(is_past_participle(b"closed") && !is_past_participle(b"bed"));
    }

    #[test]
    fn nearest_cue_decides() {
        assert_eq!(
            t(
                "China convened officials on Thursday in Qingdao",
                "Thursday"
            ),
            Tense::Past
        );
        assert_eq!(
            t("The ministers will meet on Thursday", "Thursday"),
            Tense::Future
        );
        assert_eq!(
            t("He said the talks will resume on Monday", "Monday"),
            Tense::Future
        );
        assert_eq!(t("Talks resume on Monday", "Monday"), Tense::Unknown);
        assert_eq!(t("Prices were higher in June", "June"), Tense::Past);
        assert_eq!(
            t("The company said it'll report in June", "June"),
            Tense::Future
        );
    }

    #[test]
    fn next_to_is_a_place_not_a_time_ahead() {
        let s = "Two people were hurt in the fire next to the old mill on Saturday.";
        assert_eq!(t(s, "Saturday"), Tense::Past);
        assert_eq!(
            t("The fair opens next to the river on Saturday", "Saturday"),
            Tense::Unknown
        );
    }

    #[test]
    fn a_cue_across_a_quotation_mark_is_another_speakers() {
        for q in [("``", "''"), ("\"", "\""), ("\u{201c}", "\u{201d}")] {
            let s = format!(
                "{}The council might close the bridge,{} said a driver who crossed it on Monday.",
                q.0, q.1
            );
            assert_eq!(t(&s, "Monday"), Tense::Past, "{s}");
            let s = format!("He said: {}We will sign it on Monday.{}", q.0, q.1);
            assert_eq!(t(&s, "Monday"), Tense::Future, "{s}");
        }
    }

    #[test]
    fn scheduled_payments_and_intentions_lie_ahead_unless_told_in_the_past_perfect() {
        for (s, expr, want) in [
            (
                "The board declared a special dividend payable Jan. 5",
                "Jan. 5",
                Tense::Future,
            ),
            (
                "The mayor was named to the panel, effective March 1",
                "March 1",
                Tense::Future,
            ),
            (
                "The firm said it agreed to sell the plant in March",
                "March",
                Tense::Future,
            ),
            (
                "Lawmakers were supposed to finish the bill by May",
                "May",
                Tense::Future,
            ),
            (
                "The lease had been due to expire on Friday",
                "Friday",
                Tense::Past,
            ),
            (
                "The vote had been scheduled to take place on Friday",
                "Friday",
                Tense::Past,
            ),
            (
                "The sale, which had been expected, is part of a plan due in June",
                "June",
                Tense::Future,
            ),
        ] {
            assert_eq!(t(s, expr), want, "{s}");
        }
    }

    #[test]
    fn a_deadline_told_in_the_past_perfect_is_over() {
        let s = "Most members had handed in their reports by Wednesday.";
        assert!(!deadline_before(s, 0, s.find("Wednesday").unwrap()));
        // The past perfect may follow the weekday.
        let s = "Until Thursday, they had not called him a suspect.";
        assert!(!deadline_before(s, 0, s.find("Thursday").unwrap()));
        let s = "Until Thursday, they will not call him a suspect. He had fled.";
        assert!(deadline_before(s, 0, s.find("Thursday").unwrap()));
        let s = "Most members must hand in their reports by Wednesday.";
        assert!(deadline_before(s, 0, s.find("Wednesday").unwrap()));
    }

    #[test]
    fn irregular_past_tenses_are_past() {
        for s in [
            "The club bought the stadium in March",
            "The rebels fled the town on Sunday",
            "She spent part of Sunday night at the station",
        ] {
            let expr = ["March", "Sunday"]
                .into_iter()
                .find(|e| s.contains(e))
                .unwrap();
            assert_eq!(t(s, expr), Tense::Past, "{s}");
        }
        assert_eq!(
            t("The club can hit its target in March", "March"),
            Tense::Unknown
        );
    }
}
