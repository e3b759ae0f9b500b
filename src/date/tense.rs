//! Tense of a statement around a date expression: does it report the past or
//! announce the future? A bare "on Thursday" or "in June" points back in a report
//! ("convened on Thursday") and forward in an announcement ("will meet on
//! Thursday"). The nearest cue word to the expression in its sentence decides;
//! verbs in -ed are a weak past cue used only when nothing else is found.

use super::resolve::Tense;
use super::vocab::{self, FUTURE_CUES, PAST_CUES};

/// The tense of `text[sentence]` as seen from the expression at `at..end` (byte offsets).
pub fn tense_at(text: &str, sentence: (usize, usize), at: usize, end: usize) -> Tense {
    let (s0, s1) = sentence;
    let (s0, s1) = (s0.min(at), s1.max(end).min(text.len()));
    let mut best: Option<(usize, Tense)> = None;
    let mut weak: Option<(usize, Tense)> = None;
    let mut buf = [0u8; 24];
    let bytes = text.as_bytes();
    let mut i = s0;
    while i < s1 {
        if !bytes[i].is_ascii_alphabetic() && bytes[i] != b'\'' {
            i += 1;
            continue;
        }
        let st = i;
        while i < s1 && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'\'') {
            i += 1;
        }
        // Words inside the expression itself ("next Monday") are the parser's business.
        if st >= at && i <= end {
            continue;
        }
        let w = &bytes[st..i];
        if w.len() > buf.len() {
            continue;
        }
        for (b, c) in buf.iter_mut().zip(w) {
            *b = c.to_ascii_lowercase();
        }
        let Ok(lw) = std::str::from_utf8(&buf[..w.len()]) else {
            continue;
        };
        let lw = lw.strip_prefix('\'').unwrap_or(lw);
        // The verb that governs a time adverbial usually comes before it; cues
        // after it (often the reporting "Castro said") count as twice as far.
        let dist = if st >= end {
            2 * (st - end)
        } else {
            at.saturating_sub(i)
        };
        let cue = if vocab::contains(FUTURE_CUES, lw) || lw.ends_with("'ll") {
            Some(Tense::Future)
        } else if vocab::contains(PAST_CUES, lw) {
            Some(Tense::Past)
        } else {
            None
        };
        // "said" tells when it was reported, not when the reported event is: weak.
        let reporting = matches!(lw, "said" | "says" | "told" | "added");
        if let (Some(t), false) = (cue, reporting) {
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, t));
            }
        } else if (reporting || (lw.len() > 4 && lw.ends_with("ed")))
            && weak.is_none_or(|(d, _)| dist < d)
        {
            weak = Some((dist, Tense::Past));
        }
    }
    best.or(weak).map(|(_, t)| t).unwrap_or(Tense::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str, expr: &str) -> Tense {
        let at = s.find(expr).unwrap();
        tense_at(s, (0, s.len()), at, at + expr.len())
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
}
