//! Underspecified date values: what the extractor read, before any anchoring.
//!
//! The extractor turns text into these typed values ("Jun 26" is a calendar date
//! with no year, "12 days" a duration, "on Thursday" a weekday near the anchor) and
//! the resolver alone turns them into calendar intervals. Keeping the two apart is
//! what lets one article's missing year be inferred once and applied everywhere.

use super::vocab::{DayPart, Season, Unit};

/// How a missing or relative year is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSpec {
    /// Written out: "2001", "June 26, 2025".
    Abs(i32),
    /// Relative to the anchor's year: "this year" (0), "last year" (-1), "next year" (+1).
    Rel(i32),
    /// Not given at all: taken from the anchor (or an earlier date) and the tense.
    Context,
}

/// Which occurrence of a weekday, month or season is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// "on Thursday": the tense of the statement decides.
    Bare,
    /// "last Friday": the latest one before the anchor.
    Last,
    /// "next Monday": the first one after the anchor.
    Next,
    /// "this Monday": the one in the anchor's week (or year).
    This,
}

/// What a relative shift counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The article's anchor: "yesterday", "two days ago", "last month".
    Anchor,
    /// The latest date mentioned before: "the following day", "three weeks later".
    Previous,
}

/// A modifier that narrows a period: "early June", "mid-2024", "the end of the year".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mod {
    /// First third.
    Early,
    /// Middle third.
    Mid,
    /// Last third.
    Late,
}

/// A time of day attached to a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeOfDay {
    /// "3 p.m. GMT", "15:30": hour, minute and the zone offset as TIMEX writes it.
    Clock {
        /// Hour, 0-23.
        hour: u32,
        /// Minute, 0-59.
        minute: u32,
        /// Zone suffix ("Z", "+01:00"), if a zone was written.
        zone: Option<&'static str>,
    },
    /// "Thursday night", "this morning".
    Part(DayPart),
}

/// A point (really a period) on the calendar, possibly underspecified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    /// Year, month and day, any of month and day missing: "2001", "June", "Jun 26".
    Cal {
        /// The year, written or not.
        year: YearSpec,
        /// Month 1-12.
        month: Option<u32>,
        /// Day of month 1-31.
        day: Option<u32>,
    },
    /// "last April", "next June": the month relative to the anchor.
    MonthRel {
        /// Month 1-12.
        month: u32,
        /// Which one.
        which: Which,
    },
    /// A decade by its first year: "the 1990s" is 1990.
    Decade(i32),
    /// A decade within the anchor's century: "the '90s", "the nineties".
    DecadeOfCentury(u32),
    /// A century by its TIMEX number: "the 20th century" is 19 (1900-1999).
    Century(i32),
    /// A season of a year: "summer 2024", "last winter".
    Season {
        /// The season.
        season: Season,
        /// The year.
        year: YearSpec,
        /// For "last/next/this winter" without a year.
        which: Which,
    },
    /// A holiday: "Thanksgiving", "Christmas 2019", "last Easter".
    Holiday {
        /// Which.
        h: crate::date::holiday::Holiday,
        /// The year.
        year: YearSpec,
        /// For "last/next/this Christmas" without a year.
        which: Which,
    },
    /// A quarter: "the third quarter", "Q3 2025".
    Quarter {
        /// 1-4.
        q: u32,
        /// The year.
        year: YearSpec,
    },
    /// A half year: "the first half of 2025".
    Half {
        /// 1-2.
        h: u32,
        /// The year.
        year: YearSpec,
    },
    /// The reporting period a financial story is about: "the quarter", "the latest
    /// period" (`back` 0), "the year-earlier quarter", "year-ago" (`back` 1), "the
    /// 1988 quarter" (`year` given). It is the latest quarter the story named.
    Period {
        /// Years back from the story's period.
        back: i32,
        /// A year written with it.
        year: Option<i32>,
    },
    /// A weekend: "the weekend", "last weekend".
    Weekend {
        /// Which one.
        which: Which,
    },
    /// A weekday: "on Thursday", "last Friday".
    Weekday {
        /// ISO weekday, Monday = 1.
        wd: u32,
        /// Which one.
        which: Which,
    },
    /// A shift from the anchor or an earlier date, read at a grain: "yesterday"
    /// (day -1 at day grain), "last month", "three weeks later", "this week".
    Shift {
        /// The unit counted.
        unit: Unit,
        /// How many, signed.
        n: i32,
        /// What it counts from.
        base: Base,
        /// The granularity of the result.
        grain: Unit,
    },
}

/// A TIMEX3 reference to an unspecified time: "now", "recently", "in the future".
impl Point {
    /// Whether the point is told from the time of writing ("yesterday",
    /// "Monday", "last week", "next year", "last March"), not from a date in
    /// the text: news writes so, histories seldom do.
    pub fn is_deictic(&self) -> bool {
        match *self {
            Point::Shift { base, .. } => base == Base::Anchor,
            Point::Weekday { .. } | Point::Weekend { .. } | Point::MonthRel { .. } => true,
            Point::Holiday { which, .. } => which != Which::Bare,
            Point::Cal { year, .. } => matches!(year, YearSpec::Rel(_)),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// PRESENT_REF.
    Present,
    /// PAST_REF.
    Past,
    /// FUTURE_REF.
    Future,
}

/// Whether a duration is tied to the anchor in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tie {
    /// A free duration ("for three months"): no interval.
    Free,
    /// Ends at the anchor: "over the past two weeks".
    EndsAtAnchor,
    /// Over by the anchor's day, which it ends just before: "following 12 days
    /// of conflict" on June 26 is June 14 to June 25, twelve days.
    EndsBeforeAnchor,
    /// Starts at the anchor: "the next two weeks".
    StartsAtAnchor,
}

/// Everything the extractor can read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expr {
    /// A date or period.
    Point {
        /// The period.
        point: Point,
        /// A narrowing modifier.
        modifier: Option<Mod>,
        /// A time of day.
        time: Option<TimeOfDay>,
    },
    /// Two points: "June 24-25", "between 2001 and 2005".
    Range {
        /// First point.
        from: Point,
        /// Last point.
        to: Point,
    },
    /// A length of time: "12 days", "several months" (`n` None).
    Duration {
        /// How many units; None for "several", "a few".
        n: Option<f64>,
        /// The unit.
        unit: Unit,
        /// How the text ties it to the anchor.
        tie: Tie,
    },
    /// A recurrence every `n` units: "daily", "every two weeks", "annually".
    Set {
        /// How many units between occurrences.
        n: u32,
        /// The unit.
        unit: Unit,
    },
    /// A weekday set: "every Monday", "on Tuesdays".
    WeekdaySet(u32),
    /// A vague reference.
    Ref(RefKind),
}
