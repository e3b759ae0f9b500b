//! Holidays as dates: "Thanksgiving", "Christmas Eve", "Easter Sunday",
//! "Diwali", "Election Day".
//!
//! A holiday names one day of a year; which day is a rule (a fixed day, the
//! nth weekday of a month, Easter's computus) or, for lunisolar feasts, a
//! table. Where the rule or the table has no answer the date stays
//! unresolved, never guessed. The US holidays are the US dates: news that
//! writes "Thanksgiving" in English is most often American.

use chrono::{NaiveDate, Weekday};

/// A holiday chronomap can date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    /// December 25.
    Christmas,
    /// December 24.
    ChristmasEve,
    /// Western Easter Sunday.
    Easter,
    /// The Tuesday after the first Monday of November (US).
    ElectionDay,
    /// October 31.
    Halloween,
    /// The first Monday of September (US).
    LaborDay,
    /// The last Monday of May (US).
    MemorialDay,
    /// The fourth Thursday of November (US).
    Thanksgiving,
    /// Lakshmi Puja, from the `DIWALI` table.
    Diwali,
}

/// The first word of each holiday's name, lower case, sorted, and the word
/// that must follow it ("" for none).
pub const HOLIDAYS: &[(&str, (Holiday, &str))] = &[
    ("christmas", (Holiday::Christmas, "")),
    ("deepavali", (Holiday::Diwali, "")),
    ("diwali", (Holiday::Diwali, "")),
    ("easter", (Holiday::Easter, "")),
    ("election", (Holiday::ElectionDay, "day")),
    ("halloween", (Holiday::Halloween, "")),
    ("labor", (Holiday::LaborDay, "day")),
    ("memorial", (Holiday::MemorialDay, "day")),
    ("thanksgiving", (Holiday::Thanksgiving, "")),
];

/// Diwali (the day of Lakshmi Puja in India's official calendar), by year.
/// Years not listed stay unresolved.
const DIWALI: &[(i32, u32, u32)] = &[
    (2010, 11, 5),
    (2011, 10, 26),
    (2012, 11, 13),
    (2013, 11, 3),
    (2014, 10, 23),
    (2015, 11, 11),
    (2016, 10, 30),
    (2017, 10, 19),
    (2018, 11, 7),
    (2019, 10, 27),
    (2020, 11, 14),
    (2021, 11, 4),
    (2022, 10, 24),
    (2023, 11, 12),
];

impl Holiday {
    /// Month and day of a holiday that has fixed ones.
    pub fn fixed(self) -> Option<(u32, u32)> {
        match self {
            Holiday::Christmas => Some((12, 25)),
            Holiday::ChristmasEve => Some((12, 24)),
            Holiday::Halloween => Some((10, 31)),
            _ => None,
        }
    }

    /// The holiday's day in year `y`.
    pub fn date(self, y: i32) -> Option<NaiveDate> {
        if let Some((m, d)) = self.fixed() {
            return NaiveDate::from_ymd_opt(y, m, d);
        }
        match self {
            Holiday::Easter => easter(y),
            Holiday::ElectionDay => NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Mon, 1)
                .map(|d| d + chrono::Duration::days(1)),
            Holiday::LaborDay => NaiveDate::from_weekday_of_month_opt(y, 9, Weekday::Mon, 1),
            Holiday::MemorialDay => last_weekday(y, 5, Weekday::Mon),
            Holiday::Thanksgiving => NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Thu, 4),
            Holiday::Diwali => DIWALI
                .iter()
                .find(|(yy, ..)| *yy == y)
                .and_then(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            _ => None,
        }
    }
}

/// The last `wd` of month `m` of year `y`.
fn last_weekday(y: i32, m: u32, wd: Weekday) -> Option<NaiveDate> {
    (1..=5)
        .rev()
        .find_map(|n| NaiveDate::from_weekday_of_month_opt(y, m, wd, n))
}

/// Western Easter Sunday of year `y` (the anonymous Gregorian computus).
fn easter(y: i32) -> Option<NaiveDate> {
    if y < 1583 {
        return None; // before the Gregorian calendar
    }
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn holidays_fall_on_their_days() {
        assert_eq!(Holiday::Thanksgiving.date(2016), Some(d("2016-11-24")));
        assert_eq!(Holiday::Thanksgiving.date(1998), Some(d("1998-11-26")));
        assert_eq!(Holiday::Easter.date(2024), Some(d("2024-03-31")));
        assert_eq!(Holiday::Easter.date(2019), Some(d("2019-04-21")));
        assert_eq!(Holiday::Easter.date(2000), Some(d("2000-04-23")));
        assert_eq!(Holiday::ElectionDay.date(2020), Some(d("2020-11-03")));
        assert_eq!(Holiday::ElectionDay.date(2016), Some(d("2016-11-08")));
        assert_eq!(Holiday::MemorialDay.date(2021), Some(d("2021-05-31")));
        assert_eq!(Holiday::LaborDay.date(2019), Some(d("2019-09-02")));
        assert_eq!(Holiday::ChristmasEve.date(2019), Some(d("2019-12-24")));
        assert_eq!(Holiday::Diwali.date(2019), Some(d("2019-10-27")));
        assert_eq!(Holiday::Diwali.date(1990), None);
    }

    #[test]
    fn the_tables_are_sorted() {
        assert!(HOLIDAYS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(DIWALI.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
