//! The timeline CSV: DESIGN.md's columns in that order (then `event_id`, see
//! [`Event::id`], `place_id`, and the article's `title` and `url`), RFC 4180 quoting, ISO
//! dates, and text cells that could run as spreadsheet formulas neutralised.
//!
//! Only text columns are neutralised: dates (`2025-06-26`, read as dates by
//! LibreOffice and Excel) and numbers (`lat`, `lon`, `offset`, `mentions`;
//! a longitude of `-0.9781` must stay a number) are written as they are. Lines
//! end with LF; [`Dialect::Excel`] (`--excel`) starts the file with a UTF-8 BOM,
//! which Excel needs to read UTF-8, and ends lines with CRLF as RFC 4180 writes
//! them. The TimelineJS CSV (`timelinejs.rs`) shares the writer and the rules.
//! Under `--out` the timeline gets two GDAL sidecars, `timeline.csvt` (column
//! types, `lon`/`lat` as the point) and `timeline.prj` (WGS 84), so GIS tools
//! open it as a point layer as it is.

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
    "event_id",
    "place_id",
    "title",
    "url",
];

/// GDAL's type of each column, in [`COLUMNS`] order, for the `timeline.csvt`
/// sidecar: with it GDAL (and QGIS) read `timeline.csv` as points from `lon`
/// (`CoordX`) and `lat` (`CoordY`), with dates as dates, without any option.
pub const CSVT_TYPES: &[&str] = &[
    "String", "Date", "Date", "String", "String", "String", "String", "String", "String", "String",
    "String", "CoordY", "CoordX", "Integer", "Integer", "String", "String", "String", "String",
    "String",
];

/// WGS 84 as WKT, for the `timeline.prj` sidecar (the CRS of `lat`, `lon`).
pub const PRJ_WGS84: &str =
    "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],\
PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]";

/// Write the `.csvt` sidecar of the timeline: one line of quoted GDAL types.
pub fn write_csvt(out: &mut dyn Write) -> io::Result<()> {
    let line: Vec<String> = CSVT_TYPES.iter().map(|t| format!("\"{t}\"")).collect();
    writeln!(out, "{}", line.join(","))
}

/// How a CSV file is laid out, beyond its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// UTF-8 without BOM, LF line ends: what scripts, GDAL and git diff like.
    #[default]
    Plain,
    /// A UTF-8 BOM first and CRLF line ends, for Excel (`--excel`).
    Excel,
}

/// The UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV writer in this dialect (the BOM, if any, is written at once).
pub fn writer(out: &mut dyn Write, dialect: Dialect) -> io::Result<::csv::Writer<&mut dyn Write>> {
    let term = match dialect {
        Dialect::Plain => ::csv::Terminator::Any(b'\n'),
        Dialect::Excel => {
            out.write_all(BOM)?;
            ::csv::Terminator::CRLF
        }
    };
    Ok(::csv::WriterBuilder::new()
        .terminator(term)
        .from_writer(out))
}

/// Neutralise a text cell that a spreadsheet would read as a formula: one that
/// starts with `=`, `+`, `-`, `@`, tab, CR or LF gets a leading apostrophe.
pub fn safe_text(s: &str) -> std::borrow::Cow<'_, str> {
    if reads_as_formula(s) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// Whether a spreadsheet would read a text cell as a formula (see [`safe_text`]).
pub fn reads_as_formula(s: &str) -> bool {
    matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\n')
    )
}

/// A coordinate at six decimals (nothing for none), appended to `out`.
pub(crate) fn num_into(out: &mut String, x: Option<f64>) {
    use std::fmt::Write as _;
    if let Some(v) = x {
        let _ = write!(out, "{}", (v * 1e6).round() / 1e6);
    }
}

/// Write the timeline (events already in timeline order), LF line ends.
pub fn write(out: &mut dyn Write, events: &[Event]) -> io::Result<()> {
    write_as(out, events, Dialect::Plain)
}

/// Write the timeline in a dialect.
pub fn write_as(out: &mut dyn Write, events: &[Event], dialect: Dialect) -> io::Result<()> {
    use std::fmt::Write as _;
    let mut w = writer(out, dialect)?;
    w.write_record(COLUMNS)?;
    // Cells made for each row, kept from row to row.
    let [mut places, mut articles, mut offset, mut mentions, mut lat, mut lon, mut id] =
        <[String; 7]>::default();
    for e in events {
        for c in [
            &mut places,
            &mut articles,
            &mut offset,
            &mut mentions,
            &mut lat,
            &mut lon,
            &mut id,
        ] {
            c.clear();
        }
        join_into(&mut places, &e.places);
        join_into(&mut articles, &e.articles);
        let _ = write!(offset, "{}", e.offset);
        let _ = write!(mentions, "{}", e.mentions);
        num_into(&mut lat, e.lat);
        num_into(&mut lon, e.lon);
        e.write_id(&mut id);
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
            &*safe_text(&id),
            &*safe_text(e.place_id.as_deref().unwrap_or("")),
            &*safe_text(e.title.as_deref().unwrap_or("")),
            &*safe_text(e.url.as_deref().unwrap_or("")),
        ])?;
    }
    w.flush()
}

/// A list as one cell, its items separated by "; ", appended to `out`.
pub(crate) fn join_into(out: &mut String, items: &[String]) {
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_kept() {
        assert_eq!(safe_text("=1+1"), "'=1+1");
        assert_eq!(safe_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_text("Qingdao"), "Qingdao");
        let num = |x| {
            let mut s = String::new();
            num_into(&mut s, x);
            s
        };
        assert_eq!(num(Some(-73.9857123456)), "-73.985712");
        assert_eq!(num(None), "");
        for bad in ["+SUM(A1)", "-2+3", "\t=1+1", "\r=1", "\n=1"] {
            assert!(safe_text(bad).starts_with('\''), "{bad:?}");
        }
    }

    fn event() -> Event {
        Event {
            article: "=cmd".into(),
            start: "2025-06-26".into(),
            end: "2025-06-26".into(),
            precision: "day",
            value: "2025-06-26".into(),
            certainty: "exact",
            expression: "June 26".into(),
            anchor: "stated",
            sentence: "=1+1, said \"they\"".into(),
            places: vec!["Reading".into()],
            place: Some("Reading".into()),
            lat: Some(51.45625),
            lon: Some(-0.97113),
            offset: 3,
            place_ids: vec![],
            place_id: None,
            country: None,
            reported: None,
            articles: vec!["=cmd".into()],
            mentions: 1,
            title: None,
            url: None,
        }
    }

    #[test]
    fn text_cells_neutralised_numbers_and_dates_not() {
        let mut out = Vec::new();
        write(&mut out, &[event()]).unwrap();
        let s = String::from_utf8(out).unwrap();
        let row = s.lines().nth(1).unwrap();
        assert_eq!(
            row,
            "'=cmd,2025-06-26,2025-06-26,day,2025-06-26,exact,June 26,stated,\
             \"'=1+1, said \"\"they\"\"\",Reading,Reading,51.45625,-0.97113,3,1,'=cmd,'=cmd#3,,,"
        );
        assert!(!s.contains('\r'));
        // The event id, place id, title and url close the row, text cells too.
        let mut e = event();
        e.place_id = Some("gn:2639577".into());
        e.title = Some("=Reading, \"again\"".into());
        e.url = Some("https://example.org/a,b".into());
        let mut out = Vec::new();
        write(&mut out, &[e]).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.lines().nth(1).unwrap().ends_with(
                ",'=cmd#3,gn:2639577,\"'=Reading, \"\"again\"\"\",\"https://example.org/a,b\""
            ),
            "{s}"
        );
    }

    #[test]
    fn csvt_names_every_column() {
        assert_eq!(CSVT_TYPES.len(), COLUMNS.len());
        let at = |name: &str| CSVT_TYPES[COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(
            (at("lon"), at("lat"), at("start")),
            ("CoordX", "CoordY", "Date")
        );
        let mut out = Vec::new();
        write_csvt(&mut out).unwrap();
        assert!(
            out.starts_with(b"\"String\",\"Date\",\"Date\",") && out.ends_with(b"\"String\"\n")
        );
    }

    #[test]
    fn excel_dialect_has_bom_and_crlf() {
        let mut out = Vec::new();
        write_as(&mut out, &[event()], Dialect::Excel).unwrap();
        assert!(out.starts_with(BOM));
        let s = std::str::from_utf8(&out[BOM.len()..]).unwrap();
        assert!(s.starts_with("article,start,"));
        assert_eq!(s.matches("\r\n").count(), 2, "{s:?}");
        assert_eq!(s.matches('\n').count(), 2, "every LF is part of a CRLF");
    }
}
