//! The missing year: a dateline that says "Jun 26" and nothing else.
//!
//! Each candidate year gets a score from the article's own evidence and from the
//! feed. Years written in past (or tenseless) statements say the story is from
//! that year or the next ("up from 6.5 pct in 1985": usually last year), and never
//! from before them; a year of history ("founded in 2001", "since 1985") is only
//! such a lower bound; a year ahead ("expects 1987 sales", "fiscal 1988", "the 1988
//! budget", "notes due 2017") says the story is from that year or before it. A bare
//! weekday tied to the dateline ("on Thursday" with Jun 26) is weak evidence: it
//! usually names some day of the past week, whatever the year, so it only breaks
//! ties between the years the text and the feed allow. The feed's prior (a feed is
//! written in one period) outweighs one article's written years, and recency breaks
//! the last ties. Candidates never pass `not_after`. The answer is always
//! `inferred`.

use chrono::{Datelike, NaiveDate};

use super::vocab;

/// What one article says about its own year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// Bare weekdays in past statements or none (ISO numbers, Monday = 1).
    pub weekdays: Vec<u32>,
    /// Years written in past (or tenseless) statements.
    pub years: Vec<i32>,
    /// Years ahead of the story: in future statements ("expects 1987 sales to
    /// rise") or forward-looking phrases ("fiscal 1988", "due 2017").
    pub future_years: Vec<i32>,
    /// Years of history ("founded in 2001", "since 1985"): lower bounds only.
    pub history: Vec<i32>,
}

impl Evidence {
    /// Whether the article says anything about its year.
    pub fn is_empty(&self) -> bool {
        self.weekdays.is_empty() && !self.has_years()
    }

    /// Whether the article writes a year (a weekday alone does not tell one).
    pub fn has_years(&self) -> bool {
        !(self.years.is_empty() && self.future_years.is_empty() && self.history.is_empty())
    }
}

/// What a written year says about the story's own year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Read by the tense of its statement.
    ByTense,
    /// A year ahead of the story, whatever the tense.
    Ahead,
    /// A year of history: the story is from later.
    History,
}

/// The role of the year written at `start..end` of `text`, from the words
/// around it: "fiscal 1988", "the 1988 budget", "founded in 2001", "since 1985".
pub fn role(text: &str, start: usize, end: usize) -> Role {
    let from = (start.saturating_sub(40)..=start)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(start);
    let to = (end..=(end + 24).min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(end);
    let before = lower_words(&text[from..start], true);
    let after = lower_words(&text[end..to], false);
    let prev = before.first().map(String::as_str);
    if prev.is_some_and(|w| vocab::contains(vocab::FORWARD_BEFORE, w))
        || after
            .first()
            .is_some_and(|w| vocab::contains(vocab::FORWARD_AFTER, w))
    {
        return Role::Ahead;
    }
    let history = match (prev, before.get(1)) {
        (Some("since"), _) => true,
        (Some("in"), Some(v)) => vocab::contains(vocab::HISTORY_VERBS, v),
        _ => false,
    };
    if history {
        Role::History
    } else {
        Role::ByTense
    }
}

/// The lower-cased words of a snippet: nearest first when `backwards`. Only
/// whole words are kept (the cut ends of the snippet are dropped).
fn lower_words(snippet: &str, backwards: bool) -> Vec<String> {
    let mut words: Vec<String> = snippet
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if backwards {
        words.reverse();
    }
    words.truncate(3);
    words
}

/// The weights of the evidence: a written year outweighs a weekday, and the
/// feed's prior outweighs a written year.
const WEEKDAY: f64 = 8.0;
const WRITTEN: f64 = 10.0;
const PRIOR: f64 = 60.0;
/// A year before a year the article writes in the past (or as history).
const BEFORE_WRITTEN: f64 = -20.0;

/// The first weekday the article writes is the dateline's own, in the last
/// two years before `not_after`:
/// news is mostly read soon after it is written ("QINGDAO, Jun 26" with "on
/// Thursday", read in 2026, is 2025).
const RECENT: f64 = 4.0;
const RECENT_DAYS: i64 = 730;
/// How far the best year's score must lead the next year's for the year to be
/// told (see [`infer_told`]).
const MARGIN: f64 = 3.0;

/// Whether `month`/`day` of `y` falls in the [`RECENT_DAYS`] up to `not_after`.
fn recent(y: i32, month: u32, day: u32, not_after: NaiveDate) -> bool {
    NaiveDate::from_ymd_opt(y, month, day)
        .is_some_and(|d| d <= not_after && (not_after - d).num_days() < RECENT_DAYS)
}

/// How far back candidates go from `not_after`.
const SPAN: i32 = 120;

/// Score every candidate year for `month`/`day`: the feed's prior outweighs the
/// written years, written years outweigh a weekday, and recency only breaks ties. `prior` is sorted by year, as [`prior`] makes it.
pub fn scores(
    month: u32,
    day: u32,
    ev: &Evidence,
    prior: &[(i32, f64)],
    not_after: NaiveDate,
) -> Vec<(i32, f64)> {
    let mut out = Vec::with_capacity(SPAN as usize + 1);
    let hi = not_after.year();
    each_score(
        month,
        day,
        ev,
        prior,
        not_after,
        (hi - SPAN..=hi).rev(),
        |y, s| out.push((y, s)),
    );
    out
}

/// [`scores`] of `years` (candidates, latest first), handed over one at a time.
fn each_score(
    month: u32,
    day: u32,
    ev: &Evidence,
    prior: &[(i32, f64)],
    not_after: NaiveDate,
    years: impl Iterator<Item = i32>,
    mut f: impl FnMut(i32, f64),
) {
    let hi = not_after.year();
    let (past, future) = (ev.years.iter().max(), ev.future_years.iter().min());
    let floor = ev.years.iter().chain(&ev.history).max();
    if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
        return;
    }
    // The prior's years are read from the latest down, beside the candidates.
    let mut p_at = prior.len();
    for y in years.filter(|y| (hi - SPAN..=hi).contains(y)) {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (month == 2 && day == 29 && !leap)
            || (y == hi && (month, day) > (not_after.month(), not_after.day()))
        {
            continue;
        }
        let dw = if ev.weekdays.is_empty() {
            0
        } else {
            weekday(y, month, day)
        };
        let mut wd: f64 = 0.0;
        for (k, &w) in ev.weekdays.iter().enumerate() {
            let lead = if k == 0 { 1.0 } else { 0.7 };
            if dw == w {
                wd = wd.max(lead);
            } else if dw == w % 7 + 1 {
                wd = wd.max(0.85 * lead); // reported the day after
            } else {
                wd = wd.max(0.5 * lead);
            }
        }
        let mut ym: f64 = 0.0;
        if let Some(&m) = past {
            ym += match y - m {
                1 => 1.0,
                0 => 0.9,
                _ => 0.0,
            };
        }
        if let Some(&m) = future {
            ym += match m - y {
                0 => 0.8,
                1 => 0.6,
                _ => 0.0,
            };
        }
        while p_at > 0 && prior[p_at - 1].0 > y {
            p_at -= 1;
        }
        let p = match p_at.checked_sub(1).map(|k| prior[k]) {
            Some((py, p)) if py == y => p,
            _ => 0.0,
        };
        let early = if floor.is_some_and(|&m| y < m) {
            BEFORE_WRITTEN
        } else {
            0.0
        };
        let fresh = if wd >= 1.0 && recent(y, month, day, not_after) {
            RECENT
        } else {
            0.0
        };
        f(
            y,
            WEEKDAY * wd + WRITTEN * ym + PRIOR * p + early + fresh - 0.001 * f64::from(hi - y),
        );
    }
}

/// The day of the week (Monday 1 to Sunday 7) of a date in the proleptic
/// Gregorian calendar, as chrono counts it, by arithmetic alone.
fn weekday(y: i32, month: u32, day: u32) -> u32 {
    const SHIFT: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = i64::from(y) - i64::from(month < 3);
    let sunday0 = (y + y.div_euclid(4) - y.div_euclid(100)
        + y.div_euclid(400)
        + SHIFT[(month as usize - 1) % 12]
        + i64::from(day))
    .rem_euclid(7);
    if sunday0 == 0 {
        7
    } else {
        sunday0 as u32
    }
}

/// Pick the year: own evidence, then the batch prior, then recency (of equal
/// scores, the earliest year, as the last of the list [`scores`] makes).
pub fn infer(
    month: u32,
    day: u32,
    ev: &Evidence,
    prior: &[(i32, f64)],
    not_after: NaiveDate,
) -> Option<i32> {
    best_two(month, day, ev, prior, not_after).map(|(y, _)| y)
}

/// The year, only when the evidence tells it: its score leads every other
/// year's by `MARGIN` (3 points) at least. Without that ("Dec. 23" and nothing else,
/// "in 2013" and "on Sunday" that fit 2018 and 2024 alike), the year stays
/// unknown: a guessed year would date every relative expression of the story.
pub fn infer_told(
    month: u32,
    day: u32,
    ev: &Evidence,
    prior: &[(i32, f64)],
    not_after: NaiveDate,
) -> Option<i32> {
    best_two(month, day, ev, prior, not_after)
        .filter(|&(_, lead)| lead >= MARGIN)
        .map(|(y, _)| y)
}

/// The best year and how far its score leads the next best (infinite when it
/// is the only candidate).
fn best_two(
    month: u32,
    day: u32,
    ev: &Evidence,
    prior: &[(i32, f64)],
    not_after: NaiveDate,
) -> Option<(i32, f64)> {
    let mut best: Option<(i32, f64)> = None;
    let mut second = f64::NEG_INFINITY;
    let pick = |y, s: f64| match best {
        Some((_, b)) if s.total_cmp(&b).is_lt() => second = second.max(s),
        Some((_, b)) => {
            second = b;
            best = Some((y, s));
        }
        None => best = Some((y, s)),
    };
    let hi = not_after.year();
    // The weekdays (of the dateline's day) that some written weekday fits,
    // exactly or as the day after.
    let fits: Vec<u32> = ev.weekdays.iter().flat_map(|&w| [w, w % 7 + 1]).collect();
    let leap_day = month == 2 && day == 29;
    let years: Vec<i32> =
        if !ev.weekdays.is_empty() && !leap_day && !(1..=7).all(|w| fits.contains(&w)) {
            // With weekdays, a year no weekday fits scores only by the years
            // written, the prior and recency, like the latest year of the last 28
            // that no weekday fits (every weekday falls on the day in 28 years):
            // so those years, and the years weekdays fit, are all that can come
            // first or second.
            let mut years: Vec<i32> = (hi - 28..=hi).collect();
            years.extend((hi - SPAN..hi - 28).filter(|&y| fits.contains(&weekday(y, month, day))));
            written_and_prior(&mut years, ev, prior);
            years
        } else if ev.weekdays.is_empty() && !leap_day {
            // Without weekdays a year scores only by the years written, the prior
            // and recency: any other year scores below the latest real date, so
            // these few, with the two latest real dates among the last nine
            // years, are all that can come first or second (in the same order,
            // for the same ties). February 29 reads every year.
            let mut years: Vec<i32> = (hi - 8..=hi).collect();
            written_and_prior(&mut years, ev, prior);
            years
        } else {
            (hi - SPAN..=hi).rev().collect()
        };
    each_score(month, day, ev, prior, not_after, years.into_iter(), pick);
    best.map(|(y, s)| (y, s - second))
}

/// The years within `MARGIN` (3 points) of the best for the article's own evidence
/// (no prior), each with its share of the article's vote, `exp(score - best)`
/// normalised: "in 1986" tells 1987 a little better than 1986 (1.0 against
/// 0.37 before normalising), so a feed of such articles leans to 1987.
pub fn contenders(month: u32, day: u32, ev: &Evidence, not_after: NaiveDate) -> Vec<(i32, f64)> {
    let all = scores(month, day, ev, &[], not_after);
    let best = all.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
    let near: Vec<(i32, f64)> = all
        .into_iter()
        .filter(|s| s.1 > best - MARGIN)
        .map(|(y, s)| (y, (s - best).exp()))
        .collect();
    let sum: f64 = near.iter().map(|c| c.1).sum();
    near.into_iter().map(|(y, w)| (y, w / sum)).collect()
}

/// Adds the years the written years and the prior favour to `years`, then
/// sorts them latest first, once each.
fn written_and_prior(years: &mut Vec<i32>, ev: &Evidence, prior: &[(i32, f64)]) {
    if let Some(&m) = ev.years.iter().max() {
        years.extend([m, m + 1]);
    }
    if let Some(&m) = ev.future_years.iter().min() {
        years.extend([m, m - 1]);
    }
    years.extend(prior.iter().map(|p| p.0));
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
}

/// The smallest share of the votes a year keeps in the prior.
const MIN_SHARE: f64 = 0.01;

/// The batch prior from the votes of the articles, each `(year, weight)`: each
/// year's share of the weight (shares under `MIN_SHARE` (1%) dropped).
pub fn prior(votes: &[(i32, f64)]) -> Vec<(i32, f64)> {
    let mut counts: Vec<(i32, f64)> = Vec::new();
    for &(y, w) in votes {
        match counts.iter_mut().find(|(cy, _)| *cy == y) {
            Some(c) => c.1 += w,
            None => counts.push((y, w)),
        }
    }
    let n: f64 = votes
        .iter()
        .map(|v| v.1)
        .sum::<f64>()
        .max(f64::MIN_POSITIVE);
    counts.sort_unstable_by_key(|c| c.0);
    // Shares under 1% weigh less than a weekday and are dropped: a feed's
    // votes spread thinly over many years, and each kept year is scored.
    counts
        .into_iter()
        .map(|(y, c)| (y, c / n))
        .filter(|c| c.1 >= MIN_SHARE)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_chronos() {
        for y in (-1000..=3000).step_by(7).chain(1890..=2030) {
            for (m, d) in [(1, 1), (2, 28), (2, 29), (3, 1), (6, 26), (12, 31)] {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    assert_eq!(
                        weekday(y, m, d),
                        date.weekday().number_from_monday(),
                        "{date}"
                    );
                }
            }
        }
    }

    /// The scores year by year, written the plain way (a weekday computed for
    /// every year): what [`scores`] must give.
    fn plain_scores(
        month: u32,
        day: u32,
        ev: &Evidence,
        prior: &[(i32, f64)],
        na: NaiveDate,
    ) -> Vec<(i32, f64)> {
        let hi = na.year();
        let mut out = Vec::new();
        for y in (hi - SPAN..=hi).rev() {
            let Some(date) = NaiveDate::from_ymd_opt(y, month, day) else {
                continue;
            };
            if date > na {
                continue;
            }
            let dw = date.weekday().number_from_monday();
            let mut wd: f64 = 0.0;
            for (k, &w) in ev.weekdays.iter().enumerate() {
                let lead = if k == 0 { 1.0 } else { 0.7 };
                wd = wd.max(if dw == w {
                    lead
                } else if dw == w % 7 + 1 {
                    0.85 * lead
                } else {
                    0.5 * lead
                });
            }
            let mut ym: f64 = 0.0;
            if let Some(&m) = ev.years.iter().max() {
                ym += [(1, 1.0), (0, 0.9)]
                    .iter()
                    .find(|p| p.0 == y - m)
                    .map_or(0.0, |p| p.1);
            }
            if let Some(&m) = ev.future_years.iter().min() {
                ym += [(0, 0.8), (1, 0.6)]
                    .iter()
                    .find(|p| p.0 == m - y)
                    .map_or(0.0, |p| p.1);
            }
            let p = prior.iter().find(|p| p.0 == y).map_or(0.0, |p| p.1);
            let floor = ev.years.iter().chain(&ev.history).max();
            let early = if floor.is_some_and(|&m| y < m) {
                -20.0
            } else {
                0.0
            };
            let fresh = if wd >= 1.0 && (na - date).num_days() < 730 {
                4.0
            } else {
                0.0
            };
            out.push((
                y,
                8.0 * wd + 10.0 * ym + 60.0 * p + early + fresh - 0.001 * f64::from(hi - y),
            ));
        }
        out
    }

    #[test]
    fn scores_are_the_plain_ones() {
        let evs = [
            Evidence::default(),
            Evidence {
                weekdays: vec![4, 5, 1],
                years: vec![1987, 1985],
                future_years: vec![1990],
                history: vec![1950, 1988],
            },
            Evidence {
                weekdays: vec![7],
                ..Default::default()
            },
        ];
        let prior = [(1986, 0.25), (1987, 0.5), (2001, 0.25)];
        for na in ["2026-11-28", "2024-02-29", "2025-01-01", "1990-03-01"] {
            for ev in &evs {
                for (m, day) in [(1, 1), (1, 31), (2, 28), (2, 29), (3, 1), (6, 26), (12, 31)] {
                    assert_eq!(
                        scores(m, day, ev, &prior, d(na)),
                        plain_scores(m, day, ev, &prior, d(na)),
                        "{m}-{day} {ev:?} not after {na}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_pick_is_the_best_score_and_the_earliest_of_equals() {
        for na in ["2026-11-28", "1903-12-31", "1904-02-28", "2001-01-15"] {
            pick_is_best_score(d(na));
        }
    }

    /// [`infer`] against the best of [`scores`], for `na` (without weekdays
    /// [`infer`] scores only the years that can win, so this checks that too;
    /// the dates of 1903 and 1904 put the last February 29 eight years back).
    fn pick_is_best_score(na: NaiveDate) {
        let evs = [
            Evidence::default(),
            Evidence {
                years: vec![1987, 1899],
                future_years: vec![1990, 1902],
                ..Default::default()
            },
            Evidence {
                future_years: vec![2027],
                ..Default::default()
            },
            Evidence {
                weekdays: vec![4, 5],
                years: vec![1987],
                future_years: vec![1990],
                history: vec![1901],
            },
            Evidence {
                weekdays: vec![1],
                ..Default::default()
            },
            Evidence {
                weekdays: vec![2, 6, 4],
                history: vec![1990],
                ..Default::default()
            },
            Evidence {
                weekdays: vec![7, 3],
                years: vec![2024],
                ..Default::default()
            },
        ];
        let priors: [&[(i32, f64)]; 4] = [
            &[],
            &[(1986, 0.2), (1987, 0.7), (2001, 0.1)],
            &[(1950, 1.0)],
            &[(1896, 0.5), (1900, 0.5)],
        ];
        for ev in &evs {
            for prior in priors {
                for (m, day) in [(6, 26), (2, 29), (11, 28), (12, 1)] {
                    let want = scores(m, day, ev, prior, na)
                        .into_iter()
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                        .map(|(y, _)| y);
                    assert_eq!(
                        infer(m, day, ev, prior, na),
                        want,
                        "{m}-{day} {ev:?} {prior:?} not after {na}"
                    );
                    let mut all: Vec<f64> =
                        scores(m, day, ev, prior, na).iter().map(|s| s.1).collect();
                    all.sort_by(|a, b| b.total_cmp(a));
                    let lead = match all.as_slice() {
                        [a, b, ..] => a - b,
                        [_] => f64::INFINITY,
                        [] => 0.0,
                    };
                    assert_eq!(
                        infer_told(m, day, ev, prior, na).is_some(),
                        lead >= MARGIN,
                        "told? {m}-{day} {ev:?} {prior:?} not after {na}"
                    );
                }
            }
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn candidates_are_the_real_dates_up_to_not_after() {
        let ev = Evidence::default();
        for not_after in ["2026-11-28", "2024-02-29", "2025-02-28", "2000-03-01"] {
            let na = d(not_after);
            for (m, day) in [
                (2, 29),
                (2, 28),
                (11, 28),
                (11, 29),
                (12, 31),
                (2, 30),
                (13, 1),
            ] {
                let got: Vec<i32> = scores(m, day, &ev, &[], na).iter().map(|s| s.0).collect();
                let want: Vec<i32> = (na.year() - SPAN..=na.year())
                    .rev()
                    .filter(|&y| NaiveDate::from_ymd_opt(y, m, day).is_some_and(|x| x <= na))
                    .collect();
                assert_eq!(got, want, "{m}-{day} before {not_after}");
            }
        }
    }

    #[test]
    fn thursday_june_26_is_2025() {
        let ev = Evidence {
            weekdays: vec![4],
            history: vec![2001],
            ..Default::default()
        };
        assert_eq!(infer(6, 26, &ev, &[], d("2026-11-28")), Some(2025));
    }

    #[test]
    fn no_evidence_takes_the_latest_year_not_after() {
        let ev = Evidence::default();
        assert_eq!(infer(12, 30, &ev, &[], d("2026-11-28")), Some(2025));
        assert_eq!(infer(3, 1, &ev, &[], d("2026-11-28")), Some(2026));
    }

    #[test]
    fn written_years_and_the_batch_prior() {
        let ev = Evidence {
            weekdays: vec![],
            years: vec![1986],
            ..Default::default()
        };
        // On its own: the year after the latest past year; a batch that agrees on
        // the year itself outweighs that.
        assert_eq!(infer(2, 26, &ev, &[], d("2026-11-28")), Some(1987));
        let p = prior(&[(1986, 1.0), (1986, 1.0), (1987, 1.0)]);
        assert_eq!(infer(2, 26, &ev, &p, d("2026-11-28")), Some(1986));
        // The prior outweighs a weekday: Feb 26 was a Friday in 1988.
        let p = prior(&[(1987, 1.0), (1987, 0.5), (1987, 0.5)]);
        let fri = Evidence {
            weekdays: vec![5],
            ..Default::default()
        };
        assert_eq!(infer(2, 26, &fri, &p, d("2026-11-28")), Some(1987));
    }

    #[test]
    fn a_bare_weekday_is_weaker_than_a_written_year() {
        // "on Friday" with Feb 26 fits 1988 (or 2021), but the text says "in
        // 1985", so the story is from 1986.
        let ev = Evidence {
            weekdays: vec![5],
            years: vec![1985],
            ..Default::default()
        };
        assert_eq!(infer(2, 26, &ev, &[], d("2026-11-28")), Some(1986));
        // Alone, a weekday still breaks the tie of recency.
        let ev = Evidence {
            weekdays: vec![4],
            ..Default::default()
        };
        assert_eq!(infer(6, 26, &ev, &[], d("2026-11-28")), Some(2025));
    }

    #[test]
    fn history_is_a_lower_bound_and_a_year_ahead_is_an_upper_one() {
        // "founded in 2001": from 2001 on; Thursday June 26 is 2025.
        let ev = Evidence {
            weekdays: vec![4],
            history: vec![2001],
            ..Default::default()
        };
        assert_eq!(infer(6, 26, &ev, &[], d("2026-11-28")), Some(2025));
        // "fiscal 1988", "the 1988 budget": from 1988 or the year before.
        let ev = Evidence {
            future_years: vec![1988],
            ..Default::default()
        };
        assert_eq!(infer(4, 9, &ev, &[], d("2026-11-28")), Some(1988));
    }

    #[test]
    fn the_words_around_a_year_give_its_role() {
        let at = |t: &str| {
            let s = t.find("19").or_else(|| t.find("20")).unwrap();
            role(t, s, s + 4)
        };
        assert_eq!(at("the 1988 budget deficit"), Role::Ahead);
        assert_eq!(at("profits in fiscal 1988 will"), Role::Ahead);
        assert_eq!(at("debentures due 2017 were"), Role::Ahead);
        assert_eq!(at("through 1988, it said"), Role::Ahead);
        assert_eq!(at("the SCO, founded in 2001 by China"), Role::History);
        assert_eq!(at("the highest since 1985, it said"), Role::History);
        assert_eq!(at("sales rose in 1986 to"), Role::ByTense);
        assert_eq!(at("1986 was a good year"), Role::ByTense);
        // Cut inside a character: "’" is three bytes.
        let t = "Africa’s largest economy has recovered—slowly; growth in 2016 was ’’’’’’’’’";
        for s in 0..t.len() {
            if t.is_char_boundary(s) {
                let e = (s + 4..=t.len())
                    .find(|&e| t.is_char_boundary(e))
                    .unwrap_or(s);
                role(t, s, e);
            }
        }
    }

    #[test]
    fn a_year_the_evidence_does_not_tell_stays_unknown() {
        let na = d("2026-11-28");
        // Nothing at all, or a weekday that fits many years.
        assert_eq!(infer_told(12, 23, &Evidence::default(), &[], na), None);
        let tue = Evidence {
            weekdays: vec![2],
            ..Default::default()
        };
        assert_eq!(infer_told(10, 11, &tue, &[], na), None);
        // "in 2014" alone: 2014 or 2015.
        let y = Evidence {
            years: vec![2012, 2014],
            ..Default::default()
        };
        assert_eq!(infer_told(1, 12, &y, &[], na), None);
        // "since 2013" and "on Sunday": Jan 21 was a Sunday in 2018 and 2024.
        let sun = Evidence {
            weekdays: vec![7],
            history: vec![2013],
            ..Default::default()
        };
        assert_eq!(infer_told(1, 21, &sun, &[], na), None);
        // The feed's consensus tells it; so does a weekday of the last two years.
        let p = prior(&[(1987, 1.0); 9]);
        assert_eq!(infer_told(12, 23, &Evidence::default(), &p, na), Some(1987));
        let thu = Evidence {
            weekdays: vec![4],
            history: vec![2001],
            ..Default::default()
        };
        assert_eq!(infer_told(6, 26, &thu, &[], na), Some(2025));
        // Written years and a weekday that agree: Feb 26, 1987 was a Thursday.
        let ev = Evidence {
            weekdays: vec![4],
            years: vec![1986],
            ..Default::default()
        };
        assert_eq!(infer_told(2, 26, &ev, &[], na), Some(1987));
    }

    #[test]
    fn contenders_share_one_vote_and_lean_to_the_year_after() {
        let ev = Evidence {
            years: vec![1986],
            ..Default::default()
        };
        let c = contenders(2, 26, &ev, d("2026-11-28"));
        let ys: Vec<i32> = c.iter().map(|c| c.0).collect();
        assert_eq!(ys, [1987, 1986]);
        assert!((c.iter().map(|c| c.1).sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(c[0].1 > c[1].1);
    }

    #[test]
    fn leap_day_only_in_leap_years() {
        let ev = Evidence::default();
        assert_eq!(infer(2, 29, &ev, &[], d("2026-11-28")), Some(2024));
    }
}
