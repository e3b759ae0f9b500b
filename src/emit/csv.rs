//! The timeline CSV: DESIGN.md's columns in that order, RFC 4180 quoting, ISO
//! dates, and text cells that could run as spreadsheet formulas neutralised.

use crate::event::Event;
use std::io::{self, Write};

/// The column names, in order (output contract version 1).
pub const COLUMNS: &[&str] = &[
    "article",
    "start",
    "end",
    "precision",
    "value",
    "certainty",
    "expression",
    "anchor",
    "sentence",
    "places",
    "place",
    "lat",
    "lon",
    "offset",
    "mentions",
    "articles",
];

/// Neutralise a text cell that a spreadsheet would read as a formula: one that
/// starts with `=`, `+`, `-`, `@`, tab, CR or LF gets a leading apostrophe.
pub fn safe_text(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => format!("'{s}").into(),
        _ => s.into(),
    }
}

fn num(x: Option<f64>) -> String {
    x.map(|v| format!("{}", (v * 1e6).round() / 1e6))
        .unwrap_or_default()
}

/// Write the timeline (events already in timeline order).
pub fn write(out: &mut dyn Write, events: &[Event]) -> io::Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(COLUMNS)?;
    for e in events {
        let places = e.places.join("; ");
        let offset = e.offset.to_string();
        let mentions = e.mentions.to_string();
        let articles = e.articles.join("; ");
        let (lat, lon) = (num(e.lat), num(e.lon));
        w.write_record([
            &*safe_text(&e.article),
            &e.start,
            &e.end,
            e.precision,
            &*safe_text(&e.value),
            e.certainty,
            &*safe_text(&e.expression),
            e.anchor,
            &*safe_text(&e.sentence),
            &*safe_text(&places),
            &*safe_text(e.place.as_deref().unwrap_or("")),
            &lat,
            &lon,
            &offset,
            &mentions,
            &*safe_text(&articles),
        ])?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_kept() {
        assert_eq!(safe_text("=1+1"), "'=1+1");
        assert_eq!(safe_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_text("Qingdao"), "Qingdao");
        assert_eq!(num(Some(-73.9857123456)), "-73.985712");
    }
}
