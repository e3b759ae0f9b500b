//! Dates: extract expressions from text, then resolve them against an anchor.
//!
//! `vocab` holds the closed word lists, `token` splits text, `extract` reads
//! expressions into the underspecified values of `expr`, and `resolve` anchors them
//! (`daytime` finds the day of a bare clock time, `furniture` the dates that are
//! no events: copyright years, maturities, and `boilerplate` the page furniture
//! around a story: comment stamps, bylines, tickers).

pub mod boilerplate;
pub mod daytime;
pub mod expr;
pub mod extract;
pub mod furniture;
pub mod holiday;
pub mod resolve;
pub mod tense;
pub mod token;
pub mod vocab;
pub mod year;

use chrono::{Datelike, NaiveDate};

/// `d` as `YYYY-MM-DD`, exactly as chrono's Display and "%Y-%m-%d" write it.
/// Years 0 to 9999 (all of news) are written digit by digit: every event and
/// TIMEX3 carries several such days, and chrono's formatter writes a
/// character at a time.
pub fn iso_day(d: NaiveDate) -> String {
    let y = d.year();
    let Ok(y @ 0..=9999) = u32::try_from(y) else {
        return d.to_string();
    };
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let (m, day) = (d.month(), d.day());
    let mut s = String::with_capacity(10);
    s.extend([digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)]);
    s.extend([
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(day / 10),
        digit(day),
    ]);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_written_as_chrono_writes_them() {
        let mut d = NaiveDate::from_ymd_opt(-3, 12, 25).unwrap();
        let end = NaiveDate::from_ymd_opt(10_004, 1, 10).unwrap();
        // Every day of the first and last years chrono writes with four digits,
        // every 97th day between, and years on either side.
        while d <= end {
            assert_eq!(iso_day(d), d.format("%Y-%m-%d").to_string());
            assert_eq!(iso_day(d), d.to_string());
            let y = d.year();
            d = if (1..9999).contains(&y) {
                d + chrono::Days::new(97)
            } else {
                d.succ_opt().unwrap()
            };
        }
    }
}
