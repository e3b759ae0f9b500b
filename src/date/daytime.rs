//! The day of a bare clock time.
//!
//! A time written without a day ("at 6:40 a.m.") is read by the extractor as
//! a time of the anchor's day. News puts the day beside it, before or after
//! ("2 a.m. local time (0100 GMT) on Wednesday", "Tuesday at 4 p.m."), or
//! names it once and then tells the hours of that day. This module finds the
//! date that gives a bare time its day: a day-precise date of the same
//! sentence. Resolution stays in `resolve`; this only picks the partner.

use crate::date::expr::{Base, Expr, Point, TimeOfDay};
use crate::date::extract::Mention;
use crate::date::resolve::{Anchor, AnchorKind, Context};
use crate::date::vocab::Unit;

/// Bytes between a time and a day written after it that still read as one
/// statement of time: "6:29 a.m. local time (1029 GMT) on Thursday".
const AFTER_GAP: usize = 32;

/// Whether `e` is a clock time with no day of its own: "at 6:40 a.m.".
pub fn is_bare_time(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Point {
            point: Point::Shift {
                unit: Unit::Day,
                n: 0,
                base: Base::Anchor,
                ..
            },
            modifier: None,
            time: Some(TimeOfDay::Clock { .. }),
        }
    )
}

/// Whether `e` names one day other than "today": a weekday, "yesterday",
/// "Nov. 19".
fn names_a_day(e: &Expr) -> bool {
    let Expr::Point { point, .. } = e else {
        return false;
    };
    match *point {
        Point::Weekday { .. } => true,
        Point::Shift {
            unit: Unit::Day, n, ..
        } => n != 0,
        Point::Cal { day, month, .. } => day.is_some() && month.is_some(),
        _ => false,
    }
}

/// The index of the date that gives the bare time `mentions[i]` its day: the
/// next date when it follows closely in the same sentence, else the last
/// earlier date of the sentence, else a later one of it. `sentence` is the
/// byte span of the time's sentence.
pub fn day_partner<T>(
    mentions: &[(Mention, T)],
    i: usize,
    sentence: (usize, usize),
) -> Option<usize> {
    let m = &mentions.get(i)?.0;
    if !is_bare_time(&m.expr) {
        return None;
    }
    let inside = |j: usize| {
        mentions.get(j).is_some_and(|(n, _)| {
            n.start >= sentence.0 && n.end <= sentence.1 && names_a_day(&n.expr)
        })
    };
    if let Some(next) = close_after(mentions, i, sentence) {
        return Some(next);
    }
    if i > 0 && inside(i - 1) {
        return Some(i - 1);
    }
    (i + 1..mentions.len())
        .take_while(|&j| mentions[j].0.end <= sentence.1)
        .find(|&j| inside(j))
}

/// The day written closely after the time at `i`, across other times of the
/// same statement: "2 a.m. local time (0100 GMT) on Wednesday".
fn close_after<T>(mentions: &[(Mention, T)], i: usize, sentence: (usize, usize)) -> Option<usize> {
    let mut end = mentions[i].0.end;
    for (j, (n, _)) in mentions.iter().enumerate().skip(i + 1) {
        if n.end > sentence.1 || n.start > end + AFTER_GAP {
            return None;
        }
        if names_a_day(&n.expr) {
            return Some(j);
        }
        if !is_bare_time(&n.expr) {
            return None;
        }
        end = n.end;
    }
    None
}

/// How many days before the anchor the day a story last named may be, for
/// the story's later bare times to be of that day.
const TOLD_DAYS: i64 = 7;

/// The context of a bare time with no day beside it: a story that named a
/// day of the past week ("6:29 a.m. Thursday", "on Tuesday") and goes on
/// telling hours ("Around 6:40 a.m., ...") tells the hours of that day.
/// `told` is the last single day the story named before the time.
pub fn told_day(e: &Expr, ctx: Context, told: Option<Anchor>) -> Context {
    let (Some(a), Some(p)) = (ctx.anchor, told) else {
        return ctx;
    };
    let back = (a.date - p.date).num_days();
    if !is_bare_time(e) || !(1..=TOLD_DAYS).contains(&back) {
        return ctx;
    }
    Context {
        anchor: Some(Anchor {
            kind: AnchorKind::Previous,
            ..p
        }),
        ..ctx
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::extract::extract;

    fn partners(text: &str) -> Vec<(String, Option<String>)> {
        let ms: Vec<(Mention, ())> = extract(text, 0, text.len())
            .into_iter()
            .map(|m| (m, ()))
            .collect();
        let whole = (0, text.len());
        (0..ms.len())
            .filter(|&i| is_bare_time(&ms[i].0.expr))
            .map(|i| {
                let p = day_partner(&ms, i, whole)
                    .map(|j| text[ms[j].0.start..ms[j].0.end].to_string());
                (text[ms[i].0.start..ms[i].0.end].to_string(), p)
            })
            .collect()
    }

    #[test]
    fn a_bare_time_takes_the_day_written_beside_it() {
        assert_eq!(
            partners("The game ended close to 2 a.m. local time (0100 GMT) on Wednesday."),
            [
                (
                    "2 a.m. local time".to_string(),
                    Some("Wednesday".to_string())
                ),
                ("0100 GMT".to_string(), Some("Wednesday".to_string()))
            ]
        );
        assert_eq!(
            partners("On Tuesday, police arrested him at 4 p.m. near the station."),
            [("4 p.m.".to_string(), Some("Tuesday".to_string()))]
        );
        assert_eq!(
            partners("The shop opens at 9 a.m. sharp."),
            [("9 a.m.".to_string(), None)]
        );
    }
}
