//! The missing year: a dateline that says "Jun 26" and nothing else.
//!
//! Each candidate year gets a score from the article's own evidence: weekdays tied
//! to the dateline ("on Thursday" with Jun 26 favours years in which Jun 26 is a
//! Thursday, or the Friday after it, when wires report the day before), and years
//! written in the text ("founded in 2001", "fiscal 1986": the story is usually from
//! that year or the next). A prior from the other articles of the same batch (a
//! feed is written in one period) and a slight preference for recent years break
//! ties. Candidates never pass `not_after`. The answer is always `inferred`.

use chrono::{Datelike, NaiveDate};

/// What one article says about its own year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// Bare weekdays in past statements or none (ISO numbers, Monday = 1).
    pub weekdays: Vec<u32>,
    /// Years written in past (or tenseless) statements.
    pub years: Vec<i32>,
    /// Years written in future statements ("expects 1987 sales to rise").
    pub future_years: Vec<i32>,
}

impl Evidence {
    /// Whether the article says anything about its year.
    pub fn is_empty(&self) -> bool {
        self.weekdays.is_empty() && self.years.is_empty() && self.future_years.is_empty()
    }
}

/// How far back candidates go from `not_after`.
const SPAN: i32 = 120;

/// Score every candidate year for `month`/`day`, best evidence first: a weekday
/// match outweighs any written year, a written year outweighs the batch prior, and
/// recency only breaks ties. `prior` is sorted by year, as [`prior`] makes it.
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
        f(
            y,
            100.0 * wd + 10.0 * ym + 60.0 * p - 0.001 * f64::from(hi - y),
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
    let mut best: Option<(i32, f64)> = None;
    let pick = |y, s: f64| {
        if best.is_none_or(|(_, b)| s.total_cmp(&b).is_ge()) {
            best = Some((y, s));
        }
    };
    let hi = not_after.year();
    let years: Vec<i32> = if ev.weekdays.is_empty() {
        // Without weekdays a year scores only by the years written, the prior
        // and recency: any other year scores below the latest real date, so
        // these few are all that can win (in the same order, for the same
        // ties). The latest real date is among the last nine years (February
        // 29 skips at most eight, around 1900 or 2100).
        let mut years: Vec<i32> = (hi - 8..=hi).collect();
        if let Some(&m) = ev.years.iter().max() {
            years.extend([m, m + 1]);
        }
        if let Some(&m) = ev.future_years.iter().min() {
            years.extend([m, m - 1]);
        }
        years.extend(prior.iter().map(|p| p.0));
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        years
    } else {
        (hi - SPAN..=hi).rev().collect()
    };
    each_score(month, day, ev, prior, not_after, years.into_iter(), pick);
    best.map(|(y, _)| y)
}

/// The batch prior from the best years of the articles that had evidence: each
/// year's share of the votes.
pub fn prior(votes: &[i32]) -> Vec<(i32, f64)> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for &y in votes {
        match counts.iter_mut().find(|(cy, _)| *cy == y) {
            Some(c) => c.1 += 1,
            None => counts.push((y, 1)),
        }
    }
    let n = votes.len().max(1) as f64;
    counts.sort_unstable();
    counts.into_iter().map(|(y, c)| (y, c as f64 / n)).collect()
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
            out.push((
                y,
                100.0 * wd + 10.0 * ym + 60.0 * p - 0.001 * f64::from(hi - y),
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
            },
            Evidence {
                weekdays: vec![1],
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
            years: vec![2001],
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
        let p = prior(&[1986, 1986, 1987]);
        assert_eq!(infer(2, 26, &ev, &p, d("2026-11-28")), Some(1986));
        // Weekday evidence outweighs the prior: Feb 26 was a Thursday in 1987.
        let ev = Evidence {
            weekdays: vec![4],
            years: vec![1986, 1987],
            ..Default::default()
        };
        assert_eq!(infer(2, 26, &ev, &p, d("2026-11-28")), Some(1987));
    }

    #[test]
    fn leap_day_only_in_leap_years() {
        let ev = Evidence::default();
        assert_eq!(infer(2, 29, &ev, &[], d("2026-11-28")), Some(2024));
    }
}
