//! The resolver: one pure function from an underspecified value and its context to
//! a calendar interval, a TIMEX3 value, a precision and a certainty.
//!
//! It never reads the clock. Everything it needs is in [`Context`]: the article's
//! anchor (with where it came from and how sure it is), the latest date mentioned
//! before the expression (for "the following day" and for histories with no
//! anchor), and the tense of the statement (for "on Thursday" and "in June").

use super::expr::{Base, Expr, Mod, Point, RefKind, Tie, TimeOfDay, Which, YearSpec};
use super::vocab::{DayPart, Season, Unit};
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

/// How fine a resolved period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// One day.
    Day,
    /// An ISO week (or weekend).
    Week,
    /// A calendar month.
    Month,
    /// A quarter.
    Quarter,
    /// A season.
    Season,
    /// A half year (extension of the contract's list).
    Half,
    /// A year.
    Year,
    /// A decade.
    Decade,
    /// A century.
    Century,
}

impl Precision {
    /// The name used in the CSV and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Season => "season",
            Precision::Half => "half",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }
}

/// How sure a resolved value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// Fully stated, or anchored on a stated date.
    Exact,
    /// A missing part (usually the year) was inferred.
    Inferred,
    /// The interval is only implied ("12 days" ending at the anchor).
    Approximate,
}

impl Certainty {
    /// The name used in the CSV and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Exact => "exact",
            Certainty::Inferred => "inferred",
            Certainty::Approximate => "approximate",
        }
    }

    /// The weaker of two certainties.
    pub fn weaker(self, other: Certainty) -> Certainty {
        self.max(other)
    }
}

/// What a value was resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorKind {
    /// Fully given in the text.
    Stated,
    /// The article's dateline.
    Dateline,
    /// The input's metadata (JSONL `date`).
    Metadata,
    /// The user's `--date`.
    User,
    /// An earlier date in the text.
    Previous,
}

impl AnchorKind {
    /// The name used in the CSV and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AnchorKind::Stated => "stated",
            AnchorKind::Dateline => "dateline",
            AnchorKind::Metadata => "metadata",
            AnchorKind::User => "user",
            AnchorKind::Previous => "previous",
        }
    }
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TimexType {
    /// A calendar date or period.
    #[serde(rename = "DATE")]
    Date,
    /// A time of day.
    #[serde(rename = "TIME")]
    Time,
    /// A length of time.
    #[serde(rename = "DURATION")]
    Duration,
    /// A recurrence.
    #[serde(rename = "SET")]
    Set,
}

impl TimexType {
    /// The TIMEX3 name.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// The tense of the statement around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Reports what happened.
    Past,
    /// Announces what will happen.
    Future,
    /// No cue either way.
    Unknown,
}

/// A date to resolve against, with its provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The day.
    pub date: NaiveDate,
    /// Where it came from.
    pub kind: AnchorKind,
    /// How sure it is (an inferred dateline year makes everything on it inferred).
    pub certainty: Certainty,
}

/// Whether an anchor is a publication stamp (metadata or `--date`), whose day
/// may be a zone away from the story's own.
fn stamped(kind: AnchorKind) -> bool {
    matches!(kind, AnchorKind::Metadata | AnchorKind::User)
}

/// Everything the resolver may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The article's anchor, if any.
    pub anchor: Option<Anchor>,
    /// The latest date with a known year mentioned before the expression.
    pub previous: Option<Anchor>,
    /// The latest date of one day mentioned before the expression: what a
    /// narrative's "the next Monday" or "yesterday" may lean on when the
    /// article has no anchor (a stray year, "the 1980s", never does).
    pub previous_day: Option<Anchor>,
    /// Whether the text may be read as a narrative, each date after the
    /// ones before it (a history): with no anchor, only then do dates without
    /// a year take the last year named, and deictic ones an earlier day.
    pub narrative: bool,
    /// The tense of the statement.
    pub tense: Tense,
    /// The latest quarter the story named (year, quarter), for "the quarter" and
    /// "a year earlier" in financial reports.
    pub period: Option<(i32, u32)>,
}

/// A resolved expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// TIMEX3 type.
    pub timex_type: TimexType,
    /// TIMEX3 value ("2025-06-26", "P12D", "XXXX-06", "PAST_REF").
    pub value: String,
    /// First and last day covered, when the value pins a period down.
    pub interval: Option<(NaiveDate, NaiveDate)>,
    /// Granularity of the interval.
    pub precision: Option<Precision>,
    /// How sure the value is.
    pub certainty: Certainty,
    /// What it was resolved against.
    pub anchor: AnchorKind,
}

/// A resolved period before formatting.
#[derive(Debug, Clone, Copy)]
struct Period {
    start: NaiveDate,
    end: NaiveDate,
    precision: Precision,
}

/// Resolve one expression. Pure: the same inputs always give the same output.
pub fn resolve(expr: &Expr, ctx: &Context) -> Resolved {
    match *expr {
        Expr::Point {
            point,
            modifier,
            time,
        } => resolve_point(point, modifier, time, ctx),
        Expr::Range { from, to } => {
            let a = resolve_point(from, None, None, ctx);
            let b = resolve_point(to, None, None, ctx);
            let interval = match (a.interval, b.interval) {
                (Some((s, _)), Some((_, e))) if s <= e => Some((s, e)),
                _ => None,
            };
            Resolved {
                interval,
                precision: a.precision.max(b.precision),
                certainty: a.certainty.weaker(b.certainty),
                ..a
            }
        }
        Expr::Duration { n, unit, tie } => resolve_duration(n, unit, tie, ctx),
        Expr::Set { n, unit } => Resolved {
            timex_type: TimexType::Set,
            value: duration_value(Some(n as f64), unit),
            interval: None,
            precision: None,
            certainty: Certainty::Exact,
            anchor: AnchorKind::Stated,
        },
        Expr::WeekdaySet(wd) => Resolved {
            timex_type: TimexType::Set,
            value: format!("XXXX-WXX-{wd}"),
            interval: None,
            precision: None,
            certainty: Certainty::Exact,
            anchor: AnchorKind::Stated,
        },
        Expr::Ref(kind) => Resolved {
            timex_type: TimexType::Date,
            value: match kind {
                RefKind::Present => "PRESENT_REF",
                RefKind::Past => "PAST_REF",
                RefKind::Future => "FUTURE_REF",
            }
            .to_string(),
            interval: None,
            precision: None,
            certainty: Certainty::Exact,
            anchor: AnchorKind::Stated,
        },
    }
}

fn unresolved(timex_type: TimexType, value: String) -> Resolved {
    Resolved {
        timex_type,
        value,
        interval: None,
        precision: None,
        certainty: Certainty::Exact,
        anchor: AnchorKind::Stated,
    }
}

/// The anchor to use for a base: deictic expressions prefer the article
/// anchor, anaphoric ones the previous date; each falls back on the other,
/// but a deictic one ("yesterday", "Monday", "last year") only on a previous
/// date of one day: with no anchor, "yesterday" after "the 1980s" is unknown.
fn base_anchor(ctx: &Context, base: Base) -> Option<Anchor> {
    let as_previous = |p: Anchor| Anchor {
        kind: AnchorKind::Previous,
        ..p
    };
    match base {
        Base::Anchor => ctx
            .anchor
            .or(ctx.previous_day.filter(|_| ctx.narrative).map(as_previous)),
        Base::Previous => ctx.previous.map(as_previous).or(ctx.anchor),
    }
}

/// The anchor of a calendar date without its year ("June 26", "in
/// December"): the article's, or in a narrative the last year named.
fn year_anchor(ctx: &Context) -> Option<Anchor> {
    ctx.anchor
        .or(ctx.previous.filter(|_| ctx.narrative).map(|p| Anchor {
            kind: AnchorKind::Previous,
            ..p
        }))
}

fn resolve_point(
    point: Point,
    modifier: Option<Mod>,
    time: Option<TimeOfDay>,
    ctx: &Context,
) -> Resolved {
    let stated = Anchor {
        date: NaiveDate::MIN,
        kind: AnchorKind::Stated,
        certainty: Certainty::Exact,
    };
    // Which anchor the point needs, if any, and the period it gives.
    let (used, period, value) = match point_period(point, ctx) {
        Some((used, period, value)) => (used.unwrap_or(stated), period, value),
        None => {
            return unresolved(TimexType::Date, unanchored_value(point));
        }
    };
    let mut value = value;
    let mut timex_type = TimexType::Date;
    if let Some(t) = time {
        if period.precision == Precision::Day {
            timex_type = TimexType::Time;
            match t {
                // The value is the time as written, in its own zone (as TimeML
                // annotates it); the zone itself is not part of it.
                TimeOfDay::Clock { hour, minute, .. } => {
                    value.push_str(&format!("T{hour:02}:{minute:02}"))
                }
                TimeOfDay::Part(p) => value.push_str(match p {
                    DayPart::Morning => "TMO",
                    DayPart::Afternoon => "TAF",
                    DayPart::Evening => "TEV",
                    DayPart::Night => "TNI",
                }),
            }
        }
    }
    let (start, end) = match modifier {
        Some(m) => narrow(period.start, period.end, m, period.precision),
        None => (period.start, period.end),
    };
    Resolved {
        timex_type,
        value,
        interval: Some((start, end)),
        precision: Some(period.precision),
        certainty: used.certainty,
        anchor: used.kind,
    }
}

/// The value of a point that could not be anchored: unknown parts as X.
fn unanchored_value(point: Point) -> String {
    match point {
        Point::Cal {
            year, month, day, ..
        } => {
            let y = match year {
                YearSpec::Abs(y) => format!("{y:04}"),
                _ => "XXXX".into(),
            };
            match (month, day) {
                (Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}"),
                (Some(m), None) => format!("{y}-{m:02}"),
                _ => y,
            }
        }
        Point::MonthRel { month, .. } => format!("XXXX-{month:02}"),
        Point::Season { season, .. } => format!("XXXX-{}", season_code(season)),
        Point::Holiday { h, .. } => match h.fixed() {
            Some((m, d)) => format!("XXXX-{m:02}-{d:02}"),
            None => "XXXX-XX-XX".to_string(),
        },
        Point::Quarter { q, .. } => format!("XXXX-Q{q}"),
        Point::Half { h, .. } => format!("XXXX-H{h}"),
        Point::Weekday { wd, .. } => format!("XXXX-WXX-{wd}"),
        Point::Weekend { .. } => "XXXX-WXX-WE".into(),
        Point::Period { .. } => "XXXX-QX".into(),
        Point::DecadeOfCentury(d) => format!("XX{}", d / 10),
        Point::Decade(y) => format!("{:03}", y.div_euclid(10)),
        Point::Century(c) => format!("{c:02}"),
        Point::Shift { .. } => "XXXX-XX-XX".into(),
    }
}

fn season_code(s: Season) -> &'static str {
    match s {
        Season::Spring => "SP",
        Season::Summer => "SU",
        Season::Fall => "FA",
        Season::Winter => "WI",
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    // Years before the common era are astronomical (1 BC is 0); past 9999 is noise.
    if !(-9999..=9999).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let first = ymd(y, m, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

fn year_period(y: i32) -> Option<Period> {
    Some(Period {
        start: ymd(y, 1, 1)?,
        end: ymd(y, 12, 31)?,
        precision: Precision::Year,
    })
}

fn month_period(y: i32, m: u32) -> Option<Period> {
    Some(Period {
        start: ymd(y, m, 1)?,
        end: month_end(y, m)?,
        precision: Precision::Month,
    })
}

fn day_period(d: NaiveDate) -> Period {
    Period {
        start: d,
        end: d,
        precision: Precision::Day,
    }
}

fn week_period(d: NaiveDate) -> Option<Period> {
    let monday = d.checked_sub_days(Days::new(d.weekday().num_days_from_monday() as u64))?;
    Some(Period {
        start: monday,
        end: monday.checked_add_days(Days::new(6))?,
        precision: Precision::Week,
    })
}

fn season_period(season: Season, y: i32) -> Option<Period> {
    let (s, e) = match season {
        Season::Spring => (ymd(y, 3, 1)?, month_end(y, 5)?),
        Season::Summer => (ymd(y, 6, 1)?, month_end(y, 8)?),
        Season::Fall => (ymd(y, 9, 1)?, month_end(y, 11)?),
        Season::Winter => (ymd(y, 12, 1)?, month_end(y + 1, 2)?),
    };
    Some(Period {
        start: s,
        end: e,
        precision: Precision::Season,
    })
}

/// A year as TIMEX writes it: "2001", and "BC0490" before the common era.
fn year_value(y: i32) -> String {
    if y <= 0 {
        format!("BC{:04}", 1 - y)
    } else {
        format!("{y:04}")
    }
}

fn fmt_period(p: &Period) -> String {
    match p.precision {
        Precision::Day => super::iso_day(p.start),
        Precision::Week => {
            let w = p.start.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Precision::Month if (0..=9999).contains(&p.start.year()) => {
            format!("{:04}-{:02}", p.start.year(), p.start.month())
        }
        Precision::Month => p.start.format("%Y-%m").to_string(),
        Precision::Quarter => format!("{:04}-Q{}", p.start.year(), p.start.month0() / 3 + 1),
        Precision::Half => format!("{:04}-H{}", p.start.year(), p.start.month0() / 6 + 1),
        Precision::Season => {
            let code = match p.start.month() {
                3 => "SP",
                6 => "SU",
                9 => "FA",
                _ => "WI",
            };
            format!("{:04}-{code}", p.start.year())
        }
        Precision::Year => year_value(p.start.year()),
        Precision::Decade => format!("{:03}", p.start.year() / 10),
        Precision::Century => format!("{:02}", p.start.year() / 100),
    }
}

/// Pick a year for a month (and day) given without one, relative to `a`.
fn pick_year(a: NaiveDate, tense: Tense, month: u32, day: Option<u32>) -> Option<i32> {
    nearest_year(a, tense, |yy| match day {
        Some(d) => {
            let x = ymd(yy, month, d)?;
            Some((x, x))
        }
        None => Some((ymd(yy, month, 1)?, month_end(yy, month)?)),
    })
}

/// The year whose occurrence of a period lies nearest the anchor, with the tense
/// as a bias rather than a rule: in a past statement a date ahead of the anchor
/// counts four times as far, in a future one a date behind it does (twice was
/// too little: "the quarter ended Jan. 31", written in October, went ahead to
/// January, three months away, rather than back nine). Reported speech
/// ("said the offer expires Nov. 16") is past in form and future in meaning, so a
/// hard rule would throw such dates back a whole year.
fn nearest_year(
    a: NaiveDate,
    tense: Tense,
    probe: impl Fn(i32) -> Option<(NaiveDate, NaiveDate)>,
) -> Option<i32> {
    nearest_year_biased(a, tense, 4, probe)
}

/// [`nearest_year`] with the weight of the disfavoured direction given.
fn nearest_year_biased(
    a: NaiveDate,
    tense: Tense,
    bias: i64,
    probe: impl Fn(i32) -> Option<(NaiveDate, NaiveDate)>,
) -> Option<i32> {
    let (ahead, behind) = match tense {
        Tense::Past => (bias, 1),
        Tense::Future => (1, bias),
        Tense::Unknown => (1, 1),
    };
    let y = a.year();
    [y, y - 1, y + 1]
        .into_iter()
        .filter_map(|yy| {
            let (s, e) = probe(yy)?;
            let cost = if a < s {
                (s - a).num_days() * ahead
            } else if a > e {
                (a - e).num_days() * behind
            } else {
                0
            };
            Some((cost, yy))
        })
        .min()
        .map(|(_, yy)| yy)
}

fn year_of(spec: YearSpec, anchor: Option<Anchor>) -> Option<(i32, Option<Anchor>)> {
    match spec {
        YearSpec::Abs(y) => Some((y, None)),
        YearSpec::Rel(k) => anchor.map(|a| (a.date.year() + k, Some(a))),
        YearSpec::Context => anchor.map(|a| (a.date.year(), Some(a))),
    }
}

/// The period a point covers, the anchor used (None when fully stated) and its value.
fn point_period(point: Point, ctx: &Context) -> Option<(Option<Anchor>, Period, String)> {
    let deictic = base_anchor(ctx, Base::Anchor);
    let (used, period) = match point {
        Point::Cal { year, month, day } => match (year, month, day) {
            (YearSpec::Context, Some(m), d) => {
                let a = year_anchor(ctx)?;
                // In narrative (anchored on an earlier mention) the year carries over;
                // against a dateline the tense decides between neighbouring years.
                let y = if a.kind == AnchorKind::Previous {
                    // Histories move forward: a month well before the last one
                    // named is next year's ("December 1941 ... In January" is 1942).
                    if m + 6 <= a.date.month() {
                        a.date.year() + 1
                    } else {
                        a.date.year()
                    }
                } else {
                    pick_year(a.date, ctx.tense, m, d)?
                };
                let p = match d {
                    Some(d) => day_period(ymd(y, m, d)?),
                    None => month_period(y, m)?,
                };
                (Some(a), p)
            }
            // "the year", "the fiscal year": the article's year, or in a
            // narrative the last year named.
            (YearSpec::Context, None, _) => {
                let a = year_anchor(ctx)?;
                (Some(a), year_period(a.date.year())?)
            }
            (spec, m, d) => {
                let (y, used) = year_of(spec, deictic)?;
                let p = match (m, d) {
                    (Some(m), Some(d)) => day_period(ymd(y, m, d)?),
                    (Some(m), None) => month_period(y, m)?,
                    _ => year_period(y)?,
                };
                (used, p)
            }
        },
        Point::MonthRel { month, which } => {
            let a = deictic?;
            let y = a.date.year();
            let am = a.date.month();
            let yy = match which {
                Which::Last => {
                    if month < am {
                        y
                    } else {
                        y - 1
                    }
                }
                Which::Next => {
                    if month > am {
                        y
                    } else {
                        y + 1
                    }
                }
                Which::This | Which::Bare => y,
            };
            (Some(a), month_period(yy, month)?)
        }
        Point::Decade(y0) => (
            None,
            Period {
                start: ymd(y0, 1, 1)?,
                end: ymd(y0 + 9, 12, 31)?,
                precision: Precision::Decade,
            },
        ),
        Point::DecadeOfCentury(d) => {
            let a = deictic;
            let century = a.map(|a| a.date.year() / 100 * 100).unwrap_or(1900);
            let mut y0 = century + d as i32;
            if let Some(a) = a {
                // "the '90s" said in 2005 means the 1990s.
                if y0 > a.date.year() {
                    y0 -= 100;
                }
            }
            (
                a,
                Period {
                    start: ymd(y0, 1, 1)?,
                    end: ymd(y0 + 9, 12, 31)?,
                    precision: Precision::Decade,
                },
            )
        }
        Point::Century(c) => (
            None,
            Period {
                start: ymd(c * 100, 1, 1)?,
                end: ymd(c * 100 + 99, 12, 31)?,
                precision: Precision::Century,
            },
        ),
        Point::Season {
            season,
            year,
            which,
        } => {
            if let (YearSpec::Context, Which::Last | Which::Next) = (year, which) {
                let a = deictic?;
                let y = a.date.year();
                let cands = (y - 2..=y + 1).filter_map(|yy| season_period(season, yy));
                let p = if which == Which::Last {
                    cands.rev().find(|p| p.end < a.date)?
                } else {
                    cands.into_iter().find(|p| p.start > a.date)?
                };
                (Some(a), p)
            } else {
                let (y, used) = year_of(year, deictic)?;
                (used, season_period(season, y)?)
            }
        }
        Point::Holiday { h, year, which } => {
            let day = |yy: i32| h.date(yy).map(|x| (x, x));
            let (used, y) = match (year, which) {
                (YearSpec::Context, Which::Last | Which::Next) => {
                    let a = deictic?;
                    let y0 = a.date.year();
                    let y = if which == Which::Last {
                        (y0 - 2..=y0)
                            .rev()
                            .find(|&yy| day(yy).is_some_and(|(x, _)| x < a.date))?
                    } else {
                        (y0..=y0 + 2).find(|&yy| day(yy).is_some_and(|(x, _)| x > a.date))?
                    };
                    (Some(a), y)
                }
                (YearSpec::Context, _) => {
                    let a = year_anchor(ctx)?;
                    (Some(a), nearest_year(a.date, ctx.tense, day)?)
                }
                _ => {
                    let (y, used) = year_of(year, deictic)?;
                    (used, y)
                }
            };
            (used, day_period(h.date(y)?))
        }
        Point::Quarter { q, year } => {
            let m = (q - 1) * 3 + 1;
            let quarter = |y: i32| -> Option<(NaiveDate, NaiveDate)> {
                Some((ymd(y, m, 1)?, month_end(y, m + 2)?))
            };
            let (y, used) = match (year, deictic) {
                (YearSpec::Context, Some(a)) if a.kind != AnchorKind::Previous => {
                    // Stories report on quarters that have begun far more often
                    // than they forecast ones to come: unless the statement is about
                    // the future, the latest quarter that has started.
                    let y = if ctx.tense == Tense::Future {
                        nearest_year(a.date, Tense::Future, quarter)?
                    } else {
                        let y0 = a.date.year();
                        if quarter(y0)?.0 <= a.date {
                            y0
                        } else {
                            y0 - 1
                        }
                    };
                    (y, Some(a))
                }
                _ => year_of(year, deictic)?,
            };
            let (start, end) = quarter(y)?;
            (
                used,
                Period {
                    start,
                    end,
                    precision: Precision::Quarter,
                },
            )
        }
        Point::Period { back, year } => {
            let a = deictic?;
            // Without a quarter named before, the latest quarter completed.
            let (py, pq) = ctx.period.unwrap_or_else(|| {
                let q = a.date.month0() / 3 + 1;
                if q == 1 {
                    (a.date.year() - 1, 4)
                } else {
                    (a.date.year(), q - 1)
                }
            });
            let y = year.unwrap_or(py - back);
            let m = (pq - 1) * 3 + 1;
            (
                Some(a),
                Period {
                    start: ymd(y, m, 1)?,
                    end: month_end(y, m + 2)?,
                    precision: Precision::Quarter,
                },
            )
        }
        Point::Weekend { which } => {
            let a = deictic?;
            let cur = a.date.weekday().number_from_monday() as i64;
            let back = (cur - 6).rem_euclid(7);
            let fwd = (6 - cur).rem_euclid(7);
            let offset = match (which, ctx.tense) {
                (Which::Last, _) => -(if back == 0 { 7 } else { back }),
                (Which::Next, _) => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                (Which::This, _) | (Which::Bare, Tense::Future) => fwd,
                (Which::Bare, _) => {
                    if cur == 7 {
                        -1
                    } else {
                        -back
                    }
                }
            };
            let sat = shift_days(a.date, offset)?;
            (
                Some(a),
                Period {
                    start: sat,
                    end: shift_days(sat, 1)?,
                    precision: Precision::Week,
                },
            )
        }
        Point::Half { h, year } => {
            let (y, used) = year_of(year, deictic)?;
            let m = (h - 1) * 6 + 1;
            (
                used,
                Period {
                    start: ymd(y, m, 1)?,
                    end: month_end(y, m + 5)?,
                    precision: Precision::Half,
                },
            )
        }
        Point::Weekday { wd, which } => {
            let a = deictic?;
            let cur = a.date.weekday().number_from_monday() as i64;
            let back = (cur - wd as i64).rem_euclid(7); // days back to the latest on or before
            let fwd = (wd as i64 - cur).rem_euclid(7); // days forward to the first on or after
            let offset = match which {
                Which::Last => -(if back == 0 { 7 } else { back }),
                Which::Next => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                Which::This => wd as i64 - cur,
                Which::Bare => match ctx.tense {
                    Tense::Future => fwd,
                    // A publication stamp is often a zone behind the story
                    // ("Asian markets were mixed Tuesday" stamped Monday in
                    // New York): the day after it, not six days before.
                    _ if back == 6 && stamped(a.kind) => 1,
                    _ => -back,
                },
            };
            (Some(a), day_period(shift_days(a.date, offset)?))
        }
        Point::Shift {
            unit,
            n,
            base,
            grain,
        } => {
            let a = base_anchor(ctx, base)?;
            // A year shift read at quarter grain ("a year ago", see the extractor)
            // is the story's reporting period a year before when the story names a
            // quarter, and otherwise just the year.
            if let (Unit::Year, Unit::Quarter) = (unit, grain) {
                if ctx.period.is_some() && n < 0 {
                    return point_period(
                        Point::Period {
                            back: -n,
                            year: None,
                        },
                        ctx,
                    );
                }
                let p = year_period(shift(a.date, unit, n)?.year())?;
                return Some((Some(a), p, fmt_period(&p)));
            }
            let d = shift(a.date, unit, n)?;
            let p = match grain {
                Unit::Week | Unit::Weekend => week_period(d)?,
                Unit::Month => month_period(d.year(), d.month())?,
                Unit::Quarter => {
                    let m = d.month0() / 3 * 3 + 1;
                    Period {
                        start: ymd(d.year(), m, 1)?,
                        end: month_end(d.year(), m + 2)?,
                        precision: Precision::Quarter,
                    }
                }
                Unit::Year => year_period(d.year())?,
                Unit::Decade => {
                    let y0 = d.year() / 10 * 10;
                    Period {
                        start: ymd(y0, 1, 1)?,
                        end: ymd(y0 + 9, 12, 31)?,
                        precision: Precision::Decade,
                    }
                }
                Unit::Century => {
                    let y0 = d.year() / 100 * 100;
                    Period {
                        start: ymd(y0, 1, 1)?,
                        end: ymd(y0 + 99, 12, 31)?,
                        precision: Precision::Century,
                    }
                }
                _ => day_period(d),
            };
            (Some(a), p)
        }
    };
    let mut value = fmt_period(&period);
    if matches!(
        point,
        Point::Shift {
            grain: Unit::Weekend,
            ..
        } | Point::Weekend { .. }
    ) {
        value.push_str("-WE");
    }
    Some((used, period, value))
}

fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn shift_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let m = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
}

/// Move a date by `n` units.
pub fn shift(d: NaiveDate, unit: Unit, n: i32) -> Option<NaiveDate> {
    let n = n as i64;
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
            shift_days(d, if unit == Unit::Day { n } else { 0 })
        }
        Unit::Week | Unit::Weekend => shift_days(d, n * 7),
        Unit::Month => shift_months(d, n),
        Unit::Quarter => shift_months(d, n * 3),
        Unit::Year => shift_months(d, n * 12),
        Unit::Decade => shift_months(d, n * 120),
        Unit::Century => shift_months(d, n * 1200),
    }
}

/// Narrow a period to its early, middle or late third.
fn narrow(s: NaiveDate, e: NaiveDate, m: Mod, precision: Precision) -> (NaiveDate, NaiveDate) {
    // Whole sub-periods where the period has them: "early next year" is January to
    // April, "mid-June" the 11th to the 20th, "the late 1930s" 1937 to 1939.
    let cut = |parts: [(u32, u32); 3]| -> Option<(NaiveDate, NaiveDate)> {
        let (a, b) = match m {
            Mod::Early => parts[0],
            Mod::Mid => parts[1],
            Mod::Late => parts[2],
        };
        match precision {
            Precision::Year => Some((ymd(s.year(), a, 1)?, month_end(s.year(), b)?)),
            Precision::Month => {
                let last = if b == 31 {
                    e
                } else {
                    ymd(s.year(), s.month(), b)?
                };
                Some((ymd(s.year(), s.month(), a)?, last))
            }
            Precision::Decade | Precision::Century => {
                let y0 = s.year();
                Some((ymd(y0 + a as i32, 1, 1)?, ymd(y0 + b as i32, 12, 31)?))
            }
            _ => None,
        }
    };
    let whole = match precision {
        Precision::Year => cut([(1, 4), (5, 8), (9, 12)]),
        Precision::Month => cut([(1, 10), (11, 20), (21, 31)]),
        Precision::Decade => cut([(0, 3), (4, 6), (7, 9)]),
        Precision::Century => cut([(0, 32), (33, 65), (66, 99)]),
        _ => None,
    };
    if let Some(p) = whole {
        return p;
    }
    let len = (e - s).num_days() + 1;
    if len < 3 {
        return (s, e);
    }
    let third = len / 3;
    let at = |k: i64| shift_days(s, k).unwrap_or(s);
    match m {
        Mod::Early => (s, at(third - 1)),
        Mod::Mid => (at(third), at(len - third - 1)),
        Mod::Late => (at(len - third), e),
    }
}

/// The TIMEX3 value of a duration: "P12D", "PT16H", "P10Y", "PXM".
pub fn duration_value(n: Option<f64>, unit: Unit) -> String {
    let (mult, letter, time) = match unit {
        Unit::Second => (1.0, 'S', true),
        Unit::Minute => (1.0, 'M', true),
        Unit::Hour => (1.0, 'H', true),
        Unit::Day => (1.0, 'D', false),
        Unit::Weekend => (2.0, 'D', false),
        Unit::Week => (1.0, 'W', false),
        Unit::Month => (1.0, 'M', false),
        Unit::Quarter => (1.0, 'Q', false),
        Unit::Year => (1.0, 'Y', false),
        Unit::Decade => (10.0, 'Y', false),
        Unit::Century => (100.0, 'Y', false),
    };
    let t = if time { "T" } else { "" };
    match n {
        None => {
            let l = match unit {
                Unit::Decade => "DE".to_string(),
                Unit::Century => "CE".to_string(),
                _ => letter.to_string(),
            };
            format!("P{t}X{l}")
        }
        Some(x) => {
            let (v, letter) = if unit == Unit::Quarter {
                (x * 3.0, 'M')
            } else {
                (x * mult, letter)
            };
            if v.fract() == 0.0 {
                return format!("P{t}{}{letter}", v as i64);
            }
            // "2 1/2 years" is P2Y6M, "a minute and a half" PT1M30S.
            let (small, per, t2) = match (letter, time) {
                ('Y', _) => ('M', 12.0, ""),
                ('M', false) => ('D', 30.0, ""),
                ('W', _) => ('D', 7.0, ""),
                ('D', _) => ('H', 24.0, "T"),
                ('H', _) => ('M', 60.0, ""),
                _ => ('S', 60.0, ""),
            };
            let whole = v.trunc() as i64;
            let rest = (v.fract() * per).round() as i64;
            let head = if whole > 0 {
                format!("{whole}{letter}")
            } else {
                String::new()
            };
            format!("P{t}{head}{t2}{rest}{small}")
        }
    }
}

fn resolve_duration(n: Option<f64>, unit: Unit, tie: Tie, ctx: &Context) -> Resolved {
    let value = duration_value(n, unit);
    let mut r = unresolved(TimexType::Duration, value);
    let (Some(x), Some(a)) = (n, base_anchor(ctx, Base::Anchor)) else {
        return r;
    };
    if tie == Tie::Free || x.fract() != 0.0 || !(0.0..=100_000.0).contains(&x) {
        return r;
    }
    let k = x as i32;
    let interval = match (tie, unit) {
        (_, Unit::Second | Unit::Minute | Unit::Hour) => Some((a.date, a.date)),
        (Tie::EndsAtAnchor, _) => shift(a.date, unit, -k).map(|s| (s, a.date)),
        (Tie::EndsBeforeAnchor, _) => shift(a.date, unit, -k).zip(a.date.pred_opt()),
        _ => shift(a.date, unit, k).map(|e| (a.date, e)),
    };
    if let Some(iv) = interval {
        r.interval = Some(iv);
        r.precision = Some(Precision::Day);
        r.certainty = Certainty::Approximate;
        r.anchor = a.kind;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn ctx(anchor: &str, tense: Tense) -> Context {
        Context {
            anchor: Some(Anchor {
                date: d(anchor),
                kind: AnchorKind::Dateline,
                certainty: Certainty::Exact,
            }),
            previous: None,
            previous_day: None,
            narrative: true,
            tense,
            period: None,
        }
    }

    fn cal(year: YearSpec, month: Option<u32>, day: Option<u32>) -> Expr {
        Expr::Point {
            point: Point::Cal { year, month, day },
            modifier: None,
            time: None,
        }
    }

    #[test]
    fn a_past_weekday_the_day_after_a_publication_stamp_is_that_day() {
        // Stamped Monday 2019-11-18 (New York), "Asian markets were mixed
        // Tuesday": the Tuesday after, not six days before. A dateline is the
        // story's own day, so there the Tuesday before stays.
        let tue = pt(Point::Weekday {
            wd: 2,
            which: Which::Bare,
        });
        let mut c = ctx("2019-11-18", Tense::Past);
        let day = |c: &Context| resolve(&tue, c).interval.map(|p| p.0);
        assert_eq!(day(&c), Some(d("2019-11-12")));
        for kind in [AnchorKind::Metadata, AnchorKind::User] {
            c.anchor.as_mut().unwrap().kind = kind;
            assert_eq!(day(&c), Some(d("2019-11-19")), "{kind:?}");
        }
        // Two days after is still the week before.
        let wed = pt(Point::Weekday {
            wd: 3,
            which: Which::Bare,
        });
        assert_eq!(
            resolve(&wed, &c).interval.map(|p| p.0),
            Some(d("2019-11-13"))
        );
    }

    fn pt(point: Point) -> Expr {
        Expr::Point {
            point,
            modifier: None,
            time: None,
        }
    }

    macro_rules! rows {
        ($( $name:ident: $expr:expr, $anchor:expr, $tense:expr => $value:expr, $start:expr, $end:expr; )*) => {
            $(
                #[test]
                fn $name() {
                    let r = resolve(&$expr, &ctx($anchor, $tense));
                    assert_eq!(r.value, $value, "value");
                    let want: Option<(NaiveDate, NaiveDate)> = if $start.is_empty() { None } else { Some((d($start), d($end))) };
                    assert_eq!(r.interval, want, "interval");
                }
            )*
        };
    }

    use Tense::*;
    rows! {
        month_day_same_year: cal(YearSpec::Context, Some(6), Some(26)), "2025-06-26", Past => "2025-06-26", "2025-06-26", "2025-06-26";
        past_month_day_goes_back: cal(YearSpec::Context, Some(10), Some(23)), "1999-04-19", Past => "1998-10-23", "1998-10-23", "1998-10-23";
        future_month_goes_forward: cal(YearSpec::Context, Some(3), None), "1998-12-05", Future => "1999-03", "1999-03-01", "1999-03-31";
        unknown_tense_nearest: cal(YearSpec::Context, Some(11), Some(1)), "1989-10-27", Unknown => "1989-11-01", "1989-11-01", "1989-11-01";
        a_past_statement_keeps_its_month_behind: cal(YearSpec::Context, Some(2), None), "1989-10-30", Past => "1989-02", "1989-02-01", "1989-02-28";
        a_past_statement_keeps_its_day_behind: cal(YearSpec::Context, Some(1), Some(31)), "1989-10-31", Past => "1989-01-31", "1989-01-31", "1989-01-31";
        a_future_statement_keeps_its_month_ahead: cal(YearSpec::Context, Some(8), None), "1998-02-06", Future => "1998-08", "1998-08-01", "1998-08-31";
        stated_year: cal(YearSpec::Abs(2001), None, None), "2025-06-26", Past => "2001", "2001-01-01", "2001-12-31";
        last_year: cal(YearSpec::Rel(-1), None, None), "1989-10-27", Past => "1988", "1988-01-01", "1988-12-31";
        bare_weekday_past_same_day: pt(Point::Weekday { wd: 4, which: Which::Bare }), "2025-06-26", Past => "2025-06-26", "2025-06-26", "2025-06-26";
        bare_weekday_past: pt(Point::Weekday { wd: 5, which: Which::Bare }), "1989-10-30", Past => "1989-10-27", "1989-10-27", "1989-10-27";
        bare_weekday_future: pt(Point::Weekday { wd: 1, which: Which::Bare }), "1998-05-01", Future => "1998-05-04", "1998-05-04", "1998-05-04";
        last_friday: pt(Point::Weekday { wd: 5, which: Which::Last }), "1989-10-30", Unknown => "1989-10-27", "1989-10-27", "1989-10-27";
        next_monday_from_monday: pt(Point::Weekday { wd: 1, which: Which::Next }), "2025-06-23", Unknown => "2025-06-30", "2025-06-30", "2025-06-30";
        yesterday: pt(Point::Shift { unit: Unit::Day, n: -1, base: Base::Anchor, grain: Unit::Day }), "1989-11-02", Past => "1989-11-01", "1989-11-01", "1989-11-01";
        this_week: pt(Point::Shift { unit: Unit::Week, n: 0, base: Base::Anchor, grain: Unit::Week }), "1989-10-30", Past => "1989-W44", "1989-10-30", "1989-11-05";
        last_month_clamps: pt(Point::Shift { unit: Unit::Month, n: -1, base: Base::Anchor, grain: Unit::Month }), "2025-03-31", Past => "2025-02", "2025-02-01", "2025-02-28";
        last_april: pt(Point::MonthRel { month: 4, which: Which::Last }), "1989-10-27", Past => "1989-04", "1989-04-01", "1989-04-30";
        last_winter: pt(Point::Season { season: Season::Winter, year: YearSpec::Context, which: Which::Last }), "1998-10-01", Past => "1997-WI", "1997-12-01", "1998-02-28";
        third_quarter: pt(Point::Quarter { q: 3, year: YearSpec::Context }), "1989-10-26", Past => "1989-Q3", "1989-07-01", "1989-09-30";
        the_nineties: pt(Point::DecadeOfCentury(90)), "2005-01-01", Past => "199", "1990-01-01", "1999-12-31";
        twentieth_century: pt(Point::Century(19)), "2005-01-01", Past => "19", "1900-01-01", "1999-12-31";
        twelve_days_ending: Expr::Duration { n: Some(12.0), unit: Unit::Day, tie: Tie::EndsAtAnchor }, "2025-06-26", Past => "P12D", "2025-06-14", "2025-06-26";
        twelve_days_over: Expr::Duration { n: Some(12.0), unit: Unit::Day, tie: Tie::EndsBeforeAnchor }, "2025-06-26", Past => "P12D", "2025-06-14", "2025-06-25";
        free_duration: Expr::Duration { n: Some(3.0), unit: Unit::Month, tie: Tie::Free }, "2025-06-26", Past => "P3M", "", "";
        decade_duration: Expr::Duration { n: Some(1.0), unit: Unit::Decade, tie: Tie::Free }, "2025-06-26", Past => "P10Y", "", "";
        feb_30_is_nothing: cal(YearSpec::Abs(2025), Some(2), Some(30)), "2025-06-26", Past => "2025-02-30", "", "";
    }

    #[test]
    fn no_anchor_leaves_the_year_unknown() {
        let c = Context {
            anchor: None,
            previous: None,
            previous_day: None,
            narrative: true,
            tense: Tense::Past,
            period: None,
        };
        let r = resolve(&cal(YearSpec::Context, Some(6), Some(26)), &c);
        assert_eq!(r.value, "XXXX-06-26");
        assert_eq!(r.interval, None);
    }

    #[test]
    fn with_no_anchor_a_deictic_date_needs_a_previous_day_not_a_stray_year() {
        let year = Anchor {
            date: d("1980-01-01"),
            kind: AnchorKind::Stated,
            certainty: Certainty::Exact,
        };
        let mut c = Context {
            anchor: None,
            previous: Some(year),
            previous_day: None,
            narrative: true,
            tense: Tense::Past,
            period: None,
        };
        let yesterday = pt(Point::Shift {
            unit: Unit::Day,
            n: -1,
            base: Base::Anchor,
            grain: Unit::Day,
        });
        let r = resolve(&yesterday, &c);
        assert_eq!(r.interval, None, "{r:?}");
        c.previous_day = Some(Anchor {
            date: d("1944-06-06"),
            ..year
        });
        let r = resolve(&yesterday, &c);
        assert_eq!(r.value, "1944-06-05");
        assert_eq!(r.anchor, AnchorKind::Previous);
    }

    #[test]
    fn narrative_carries_the_year_over() {
        let c = Context {
            anchor: None,
            previous: Some(Anchor {
                date: d("1939-09-17"),
                kind: AnchorKind::Stated,
                certainty: Certainty::Exact,
            }),
            previous_day: None,
            narrative: true,
            tense: Tense::Past,
            period: None,
        };
        let r = resolve(
            &Expr::Point {
                point: Point::Cal {
                    year: YearSpec::Context,
                    month: Some(10),
                    day: None,
                },
                modifier: Some(Mod::Early),
                time: None,
            },
            &c,
        );
        assert_eq!(r.value, "1939-10");
        assert_eq!(r.anchor, AnchorKind::Previous);
        assert_eq!(r.interval, Some((d("1939-10-01"), d("1939-10-10"))));
        let next = resolve(
            &pt(Point::Shift {
                unit: Unit::Day,
                n: 1,
                base: Base::Previous,
                grain: Unit::Day,
            }),
            &c,
        );
        assert_eq!(next.value, "1939-09-18");
    }
}
