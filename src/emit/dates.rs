//! `dates.csv`: the story's key days, best first (ranked in `keydays`), in
//! the timeline CSV's dialect and with its formula rules.

use super::csv::{join_into, num_into, safe_text, writer, Dialect};
use crate::keydays::KeyDay;
use std::io::{self, Write};

/// The column names, in order (added to the output contract at version 1).
pub const COLUMNS: &[&str] = &[
    "rank", "day", "score", "articles", "mentions", "headline", "place", "lat", "lon", "events",
];

/// Write the key days in rank order.
pub fn write(out: &mut dyn Write, days: &[KeyDay], dialect: Dialect) -> io::Result<()> {
    let mut w = writer(out, dialect)?;
    w.write_record(COLUMNS)?;
    for d in days {
        let (mut lat, mut lon, mut events) = (String::new(), String::new(), String::new());
        num_into(&mut lat, d.lat);
        num_into(&mut lon, d.lon);
        join_into(&mut events, &d.events);
        w.write_record([
            &*d.rank.to_string(),
            &d.day.to_string(),
            &format!("{:.3}", d.score),
            &d.articles.to_string(),
            &d.mentions.to_string(),
            &safe_text(&d.headline),
            &safe_text(d.place.as_deref().unwrap_or("")),
            &lat,
            &lon,
            &safe_text(&events),
        ])?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_one_row_with_its_columns_and_safe_text() {
        let day = KeyDay {
            rank: 1,
            day: chrono::NaiveDate::from_ymd_opt(2025, 3, 3).unwrap(),
            score: 2.0 / 3.0,
            articles: 2,
            mentions: 3,
            headline: "=1+1, the \"ferry\" sank".into(),
            place: Some("Dover".into()),
            lat: Some(51.1279),
            lon: Some(1.3134),
            events: vec!["a#7".into(), "b#0".into()],
        };
        let mut out = Vec::new();
        write(&mut out, &[day], Dialect::Plain).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "rank,day,score,articles,mentions,headline,place,lat,lon,events\n\
             1,2025-03-03,0.667,2,3,\"'=1+1, the \"\"ferry\"\" sank\",Dover,51.1279,1.3134,a#7; b#0\n"
        );
    }
}
