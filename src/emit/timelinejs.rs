//! The TimelineJS CSV (`--format timelinejs`, `timelinejs.csv` under `--out`):
//! one row per event in the spreadsheet layout of Knight Lab's TimelineJS 3, so
//! that the file can be pasted into their Google Sheets template or read by
//! TimelineJS 3.9.11 and later directly (`new TL.Timeline(el, "timelinejs.csv")`).
//!
//! TimelineJS reads cells by header name (`ConfigFactory.js` in the npm package
//! `@knight-lab/timelinejs`), so the headers must be spelled exactly as in
//! [`COLUMNS`]. A date is split into Year, Month and Day, and the precision of
//! the event is kept by leaving the finer cells empty: a month is `2025,6,`, a
//! year `2001,,`. The end columns are filled only when the end differs from the
//! start at that precision. `Headline` is the statement cut to a short line,
//! `Text` (which TimelineJS renders as HTML, hence escaped) the whole statement,
//! its places and its article, `Group` the primary place (TimelineJS draws one
//! row of markers per group). No title row is written (every slide is an event) unless the sheet is cut
//! to the key events of a big run: a title slide then says so.
//! Formula neutralisation and `--excel` follow the timeline CSV (`csv.rs`).

use super::csv::{reads_as_formula, writer, Dialect};
use super::html_escape_into as html_into;
use crate::event::{ymd, Event};
use std::io::{self, Write};

/// The column headers TimelineJS 3 reads, in the order of its template sheet.
pub const COLUMNS: &[&str] = &[
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Alt Text",
    "Type",
    "Group",
    "Background",
];

/// Headlines longer than this many characters are cut at a word.
const HEADLINE_CHARS: usize = 64;

/// The finest date part a precision names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Grain {
    Year,
    Month,
    Day,
}

fn grain(precision: &str) -> Grain {
    match precision {
        "day" | "week" => Grain::Day,
        "month" | "quarter" | "season" | "half" => Grain::Month,
        _ => Grain::Year,
    }
}

/// Year, Month, Day cells of a date at a grain (finer cells empty), written
/// into `out`.
fn cells(date: (i64, u32, u32), g: Grain, out: &mut [String]) {
    let (y, m, d) = date;
    for c in out.iter_mut() {
        c.clear();
    }
    out[0].push_str(itoa::Buffer::new().format(y));
    if g >= Grain::Month {
        out[1].push_str(itoa::Buffer::new().format(m));
    }
    if g == Grain::Day {
        out[2].push_str(itoa::Buffer::new().format(d));
    }
}

/// The statement, cut after the last whole word that fits in a headline,
/// written into `out`.
fn headline(sentence: &str, out: &mut String) {
    out.clear();
    if sentence.chars().count() <= HEADLINE_CHARS {
        out.push_str(sentence);
        return;
    }
    let mut chars = 0;
    for w in sentence.split_whitespace() {
        let n = w.chars().count();
        if chars + 1 + n > HEADLINE_CHARS - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(w);
        chars += n;
    }
    out.truncate(out.trim_end_matches([',', ';', ':']).len());
    out.push('…');
}

/// A link to the reporting article, appended to the Text cell: only for an
/// http(s) URL, its title (or the URL) as the link's text, both escaped.
fn article_link(text: &mut String, e: &Event) {
    let Some(url) = e.url.as_deref().filter(|u| is_web_url(u)) else {
        return;
    };
    text.push_str("<p><a href=\"");
    html_into(text, url);
    text.push_str("\" target=\"_blank\" rel=\"noopener noreferrer\">");
    html_into(text, e.title.as_deref().unwrap_or(url));
    text.push_str("</a></p>");
}

/// Whether `u` is an http or https URL (no `javascript:` or `data:` link).
pub fn is_web_url(u: &str) -> bool {
    let lower = |n: usize| u.get(..n).map(str::to_ascii_lowercase);
    lower(7).as_deref() == Some("http://") || lower(8).as_deref() == Some("https://")
}

/// The cells of one row, in [`COLUMNS`] order, kept from row to row so that
/// writing a row allocates nothing but what escaping needs.
#[derive(Default)]
struct Row {
    cells: [String; 19],
    scratch: String,
}

impl Row {
    fn fill(&mut self, e: &Event) {
        let g = grain(e.precision);
        let r = &mut self.cells;
        for i in [0, 1, 2, 4, 5, 6] {
            r[i].clear();
        }
        if let Some(start) = ymd(&e.start) {
            cells(start, g, &mut r[0..3]);
            if let Some(end) = ymd(&e.end) {
                cells(end, g, &mut r[4..7]);
                if r[4..7] == r[0..3] {
                    for c in &mut r[4..7] {
                        c.clear();
                    }
                }
            }
        }
        headline(&e.sentence, &mut self.scratch);
        r[9].clear();
        // Escaping leaves the first character's kind as it is.
        if reads_as_formula(&self.scratch) {
            r[9].push('\'');
        }
        html_into(&mut r[9], &self.scratch);
        let text = &mut r[10];
        text.clear();
        text.push_str("<p>");
        html_into(text, &e.sentence);
        text.push_str("</p>");
        if !e.places.is_empty() {
            text.push_str("<p>Places: ");
            for (i, p) in e.places.iter().enumerate() {
                if i > 0 {
                    text.push_str("; ");
                }
                html_into(text, p);
            }
            text.push_str("</p>");
        }
        text.push_str("<p>Article: ");
        for (i, a) in e.articles.iter().enumerate() {
            if i > 0 {
                text.push_str("; ");
            }
            html_into(text, a);
        }
        text.push_str(" · “");
        html_into(text, &e.expression);
        text.push_str("” = ");
        html_into(text, &e.value);
        for part in [" (", e.precision, ", ", e.certainty, ")</p>"] {
            text.push_str(part);
        }
        article_link(text, e);
        // TimelineJS reads the Group cell as HTML, keeps its text content
        // (entities decoded), and puts that in as HTML again (`innerHTML` of
        // `.tl-timegroup-message`, 3.9.11): in a place name (from a
        // --gazetteer file, say) `&`, `<` and `>` are escaped twice to stay
        // text (quotes, harmless in element content, once, as elsewhere).
        let group = e.place.as_deref().unwrap_or("");
        r[17].clear();
        if reads_as_formula(group) {
            r[17].push('\'');
        }
        for c in group.chars() {
            match c {
                '&' => r[17].push_str("&amp;amp;"),
                '<' => r[17].push_str("&amp;lt;"),
                '>' => r[17].push_str("&amp;gt;"),
                '"' => r[17].push_str("&quot;"),
                '\'' => r[17].push_str("&#39;"),
                c => r[17].push(c),
            }
        }
    }
}

/// Write the events (already in timeline order) as a TimelineJS sheet.
pub fn write(
    out: &mut dyn Write,
    events: &[Event],
    dialect: Dialect,
    note: Option<&str>,
) -> io::Result<()> {
    let mut w = writer(out, dialect)?;
    w.write_record(COLUMNS)?;
    // A sheet cut to the key events says so on its title slide.
    if let Some(note) = note {
        let mut cells: [String; 19] = Default::default();
        cells[9].push_str("Key events");
        cells[10].push_str("<p>");
        html_into(&mut cells[10], &format!("This timeline shows {note}."));
        cells[10].push_str("</p>");
        cells[16].push_str("title");
        w.write_record(&cells)?;
    }
    let mut row = Row::default();
    for e in events {
        row.fill(e);
        w.write_record(&row.cells)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(start: &str, end: &str, precision: &'static str, sentence: &str) -> Event {
        Event {
            article: "a".into(),
            start: start.into(),
            end: end.into(),
            precision,
            value: "X".into(),
            certainty: "exact",
            expression: "then".into(),
            anchor: "stated",
            sentence: sentence.into(),
            places: vec!["Qingdao".into(), "China".into()],
            place: Some("Qingdao".into()),
            lat: Some(36.0649),
            lon: Some(120.3804),
            offset: 0,
            place_ids: vec![],
            place_id: None,
            country: None,
            reported: None,
            articles: vec!["a".into()],
            mentions: 1,
            title: None,
            url: None,
        }
    }

    fn csv_rows(events: &[Event]) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        write(&mut out, events, Dialect::Plain, None).unwrap();
        ::csv::Reader::from_reader(&out[..])
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn slides_link_to_web_articles_only() {
        let mut e = event("2025-06-26", "2025-06-26", "day", "Talks ended.");
        e.title = Some("Talks \"end\" <b>".into());
        e.url = Some("https://example.org/a?b=1&c=\"2\"".into());
        let mut row = Row::default();
        row.fill(&e);
        assert!(
            row.cells[10].ends_with(
                "<p><a href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\" target=\"_blank\" \
                 rel=\"noopener noreferrer\">Talks &quot;end&quot; &lt;b&gt;</a></p>"
            ),
            "{}",
            row.cells[10]
        );
        for url in [
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://x",
            "//x.test/a",
        ] {
            e.url = Some(url.into());
            row.fill(&e);
            assert!(!row.cells[10].contains("<a "), "{url}: {}", row.cells[10]);
        }
        assert!(is_web_url("HTTPS://X.TEST") && is_web_url("http://x"));
    }

    #[test]
    fn headers_are_knight_labs() {
        let mut out = Vec::new();
        write(&mut out, &[], Dialect::Plain, None).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,\
             Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background\n"
        );
    }

    #[test]
    fn precision_leaves_month_or_day_empty() {
        let rows = csv_rows(&[
            event("2025-06-26", "2025-06-26", "day", "A day."),
            event("2025-06-14", "2025-06-26", "day", "Twelve days."),
            event("2025-06-01", "2025-06-30", "month", "A month."),
            event("2025-04-01", "2025-06-30", "quarter", "A quarter."),
            event("2001-01-01", "2001-12-31", "year", "A year."),
            event("1990-01-01", "1999-12-31", "decade", "A decade."),
        ]);
        let dates: Vec<&[String]> = rows.iter().map(|r| &r[0..7]).collect();
        let want: [[&str; 7]; 6] = [
            ["2025", "6", "26", "", "", "", ""],
            ["2025", "6", "14", "", "2025", "6", "26"],
            ["2025", "6", "", "", "", "", ""],
            ["2025", "4", "", "", "2025", "6", ""],
            ["2001", "", "", "", "", "", ""],
            ["1990", "", "", "", "1999", "", ""],
        ];
        for (got, want) in dates.iter().zip(want) {
            assert_eq!(*got, want);
        }
    }

    #[test]
    fn headline_text_group() {
        let long = "China convened top defence officials from Iran, Russia, and other member \
                    states of the Shanghai Cooperation Organisation (SCO) on Thursday.";
        let rows = csv_rows(&[
            event("2025-06-26", "2025-06-26", "day", long),
            event("2025-06-26", "2025-06-26", "day", "=1+1 <b>x</b>"),
        ]);
        let h = &rows[0][9];
        assert!(
            h.ends_with('…') && h.chars().count() <= HEADLINE_CHARS,
            "{h}"
        );
        assert!(long.starts_with(h.trim_end_matches('…')));
        assert!(rows[0][10].starts_with("<p>China convened"));
        assert!(rows[0][10].contains("Places: Qingdao; China"));
        assert!(rows[0][10].contains("Article: a"));
        assert_eq!(rows[0][17], "Qingdao");
        assert_eq!(rows[1][9], "'=1+1 &lt;b&gt;x&lt;/b&gt;");
        assert!(rows[1][10].starts_with("<p>=1+1 &lt;b&gt;"));
        // A place name that is markup (from a --gazetteer file) is escaped
        // twice in the Group cell, which TimelineJS decodes once and then
        // reads as HTML.
        let mut hostile = event("2025-06-26", "2025-06-26", "day", "x");
        hostile.place = Some("<img src=x onerror=alert(1)>".into());
        hostile.places = vec!["<img src=x onerror=alert(1)>".into()];
        let rows = csv_rows(&[hostile]);
        assert_eq!(rows[0][17], "&amp;lt;img src=x onerror=alert(1)&amp;gt;");
        assert!(!rows[0][10].contains("<img"), "{}", rows[0][10]);
    }

    #[test]
    fn negative_years_split() {
        assert_eq!(ymd("-0500-01-02"), Some((-500, 1, 2)));
        assert_eq!(ymd("2025-06-26"), Some((2025, 6, 26)));
    }
}
