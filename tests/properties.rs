//! Property tests over the whole pipeline: whatever the text (and whatever the
//! anchor, up to the ends of chrono's range), analysis never panics, every offset
//! points at its expression's text, every event and interval runs forward
//! between valid ISO dates, every coordinate is in range, the timeline CSV reads
//! back to the same rows, and both GeoJSON outputs parse with the geojson crate.

use chrono::NaiveDate;
use chronomap::article::Article;
use chronomap::pipeline::{analyze, analyze_batch, Analysis, Options, YearVotes};
use proptest::prelude::*;

fn opts() -> Options {
    Options {
        date: None,
        not_after: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        org_places: false,
        adjectival_toponyms: false,
    }
}

/// Text built from date-like pieces, so the properties exercise the parsers
/// rather than only the "no date here" path.
fn datey_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("June 26, 2025".to_string()),
        Just("Jun. 26".to_string()),
        Just("on Thursday".to_string()),
        Just("last Friday".to_string()),
        Just("12 days".to_string()),
        Just("the following day".to_string()),
        Just("between 2001 and 2005".to_string()),
        Just("24-25 June".to_string()),
        Just("Feb. 30".to_string()),
        Just("March 119".to_string()),
        Just("13/13/2013".to_string()),
        Just("99999".to_string()),
        Just("490 BC".to_string()),
        Just("the 1990s".to_string()),
        Just("early next year".to_string()),
        Just("at 3 p.m. GMT".to_string()),
        Just("—“é”".to_string()),
        Just("QINGDAO, Jun 26 (Alliance News):".to_string()),
        Just("\n\n".to_string()),
        "[0-9]{1,6}",
        "[A-Za-z]{1,10}",
        "[ -~]{0,12}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.join(" "))
}

/// An ISO 8601 date as chronomap writes it: `YYYY-MM-DD` for years 0 to 9999,
/// with a sign and at least four digits outside that range ("-0490-03-01",
/// "+10000-01-01"), as chrono's `%Y` does. `None` if it is not one.
fn iso(d: &str) -> Option<NaiveDate> {
    let (sign, rest) = match d.as_bytes().first()? {
        b'-' => (-1, &d[1..]),
        b'+' => (1, &d[1..]),
        _ => (0, d),
    };
    let mut parts = rest.split('-');
    let (y, m, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() < 4
        || m.len() != 2
        || day.len() != 2
        || ![y, m, day]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let year = if sign < 0 { -year } else { year };
    // Signed exactly when outside 0..=9999, and no needless digits.
    let plain = (0..=9999).contains(&year);
    if (sign == 0) != plain || (y.len() > 4 && y.starts_with('0')) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, m.parse().ok()?, day.parse().ok()?)
}

fn check_coord(lat: f64, lon: f64) -> Result<(), TestCaseError> {
    prop_assert!(
        (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon),
        "coordinate out of range: {lat}, {lon}"
    );
    Ok(())
}

/// The characters `start..end` (code points) of `chars`, checked to exist.
fn span(chars: &[char], start: usize, end: usize) -> Result<String, TestCaseError> {
    prop_assert!(start < end && end <= chars.len(), "bad span {start}..{end}");
    Ok(chars[start..end].iter().collect())
}

/// The properties of one article's analysis.
fn check_analysis(text: &str, a: &Analysis) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    for t in &a.timexes {
        prop_assert_eq!(&span(&chars, t.start, t.end)?, &t.text);
        for d in [&t.start_date, &t.end_date].into_iter().flatten() {
            prop_assert!(iso(d).is_some(), "timex date not ISO: {:?}", t);
        }
        if let (Some(s), Some(e)) = (&t.start_date, &t.end_date) {
            prop_assert!(iso(s) <= iso(e), "interval runs backwards: {:?}", t);
        }
    }
    for t in a.toponyms.iter().chain(&a.adjectivals) {
        prop_assert_eq!(&span(&chars, t.start, t.end)?, &t.text);
        check_coord(t.lat, t.lon)?;
    }
    if let Some(d) = &a.anchor {
        prop_assert!(iso(&d.date).is_some(), "anchor not ISO: {:?}", d);
    }
    for e in &a.events {
        let (s, end) = (iso(&e.start), iso(&e.end));
        prop_assert!(s.is_some() && end.is_some(), "not ISO: {:?}", e);
        prop_assert!(s <= end, "event runs backwards: {:?}", e);
        let n = e.expression.chars().count();
        prop_assert_eq!(&span(&chars, e.offset, e.offset + n)?, &e.expression);
        if let (Some(lat), Some(lon)) = (e.lat, e.lon) {
            check_coord(lat, lon)?;
        }
    }
    Ok(())
}

/// The properties of what a run writes: the CSV reads back to the same rows,
/// and both GeoJSON documents parse, with coordinates in range.
fn check_outputs(analyses: &[Analysis]) -> Result<(), TestCaseError> {
    use chronomap::emit::csv::safe_text;
    let mut events: Vec<_> = analyses.iter().flat_map(|a| a.events.clone()).collect();
    chronomap::event::sort(&mut events);
    let events = chronomap::merge::merge(events);
    let mut buf = Vec::new();
    chronomap::emit::csv::write(&mut buf, &events).unwrap();
    let mut rd = csv::Reader::from_reader(buf.as_slice());
    prop_assert_eq!(
        rd.headers().unwrap().iter().collect::<Vec<_>>(),
        chronomap::emit::csv::COLUMNS.to_vec()
    );
    let rows: Vec<csv::StringRecord> = rd.records().collect::<Result<_, _>>().unwrap();
    prop_assert_eq!(rows.len(), events.len());
    for (r, e) in rows.iter().zip(&events) {
        prop_assert_eq!(r.len(), chronomap::emit::csv::COLUMNS.len());
        let want = [
            safe_text(&e.article).into_owned(),
            e.start.clone(),
            e.end.clone(),
            e.precision.to_string(),
            safe_text(&e.value).into_owned(),
            e.certainty.to_string(),
            safe_text(&e.expression).into_owned(),
            e.anchor.to_string(),
            safe_text(&e.sentence).into_owned(),
            safe_text(&e.places.join("; ")).into_owned(),
            safe_text(e.place.as_deref().unwrap_or("")).into_owned(),
        ];
        for (i, w) in want.iter().enumerate() {
            prop_assert_eq!(&r[i], w.as_str(), "column {}", i);
        }
        for (cell, v) in [(&r[11], e.lat), (&r[12], e.lon)] {
            match v {
                None => prop_assert_eq!(cell, ""),
                Some(v) => prop_assert!((cell.parse::<f64>().unwrap() - v).abs() <= 5e-7),
            }
        }
        prop_assert_eq!(r[13].parse::<usize>().unwrap(), e.offset);
        prop_assert_eq!(r[14].parse::<usize>().unwrap(), e.mentions);
        let articles = e.articles.join("; ");
        prop_assert_eq!(&r[15], &*safe_text(&articles));
    }
    // Both GeoJSON documents parse, and their points are in range.
    let mut places = chronomap::emit::geojson::PlaceTable::new();
    for a in analyses {
        places.add(a);
    }
    // Written straight from the rows, as serde writes the geojson crate's
    // collection of them.
    prop_assert_eq!(
        places.to_json(),
        serde_json::to_vec(&places.collection()).unwrap()
    );
    let mut docs = (Vec::new(), Vec::new());
    chronomap::emit::geojson::write_events(&mut docs.0, &events).unwrap();
    places.write(&mut docs.1).unwrap();
    for doc in [docs.0, docs.1] {
        let text = String::from_utf8(doc).unwrap();
        let g: geojson::GeoJson = text
            .parse()
            .map_err(|e| TestCaseError::fail(format!("GeoJSON does not parse: {e}\n{text}")))?;
        let geojson::GeoJson::FeatureCollection(fc) = g else {
            return Err(TestCaseError::fail("not a FeatureCollection"));
        };
        for f in &fc.features {
            if let Some(geojson::Value::Point(p)) = f.geometry.as_ref().map(|g| &g.value) {
                prop_assert_eq!(p.len(), 2);
                check_coord(p[1], p[0])?;
            }
        }
    }
    Ok(())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let a = analyze(
        &Article::new("p", text),
        &opts(),
        chronomap::geo::embedded(),
    );
    check_analysis(text, &a)?;
    check_outputs(std::slice::from_ref(&a))
}

/// Text that exercises the places as well as the dates.
fn placey_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Paris".to_string()),
        Just("in New York".to_string()),
        Just("Chinese".to_string()),
        Just("Fort Lauderdale, Fla.".to_string()),
        Just("near Lake Geneva".to_string()),
        Just("John Moore".to_string()),
        Just("=SUM(A1)".to_string()),
        Just("\"quoted, \"\"text\"".to_string()),
        Just("-5 and +3".to_string()),
        Just("on June 26, 2025".to_string()),
        Just("a day later".to_string()),
        Just(".".to_string()),
        Just("\r\n".to_string()),
        "[A-Z][a-z]{2,8}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.join(" "))
}

/// An anchor date anywhere in chrono's range, often at its very ends.
fn any_anchor() -> impl Strategy<Value = NaiveDate> {
    use chrono::Datelike;
    let (min, max) = (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    );
    prop_oneof![
        (0..400i32).prop_map(move |d| NaiveDate::from_num_days_from_ce_opt(min + d).unwrap()),
        (0..400i32).prop_map(move |d| NaiveDate::from_num_days_from_ce_opt(max - d).unwrap()),
        (min..=max).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap()),
        (-1000..1000i32).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(739_000 + d).unwrap()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_gives_consistent_output(text in "\\PC{0,200}") {
        check(&text)?;
    }

    #[test]
    fn date_like_text_gives_consistent_output(text in datey_text()) {
        check(&text)?;
    }

    #[test]
    fn place_text_gives_consistent_output(text in placey_text()) {
        check(&text)?;
    }

    /// Anchored anywhere, up to the ends of the calendar chrono can hold,
    /// through --date and through JSON Lines metadata.
    #[test]
    fn any_anchor_gives_consistent_output(
        text in datey_text(),
        date in any_anchor(),
        by_flag in any::<bool>(),
    ) {
        let mut article = Article::new("p", text.as_str());
        let mut o = opts();
        if by_flag {
            o.date = Some(date);
        } else {
            article.date = Some(date);
        }
        let a = analyze(&article, &o, chronomap::geo::embedded());
        check_analysis(&text, &a)?;
        check_outputs(std::slice::from_ref(&a))?;
    }

    /// Several articles together: merged rows and the place table stay well formed.
    #[test]
    fn a_batch_gives_consistent_output(
        texts in prop::collection::vec(prop_oneof![datey_text(), placey_text()], 1..5),
    ) {
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Article::new(format!("a{i}"), t.as_str()))
            .collect();
        let analyses = analyze_batch(
            &articles,
            &opts(),
            chronomap::geo::embedded(),
            &mut YearVotes::default(),
        );
        for (t, a) in texts.iter().zip(&analyses) {
            check_analysis(t, a)?;
        }
        check_outputs(&analyses)?;
    }
}

#[test]
fn iso_accepts_what_chrono_writes_and_nothing_else() {
    for d in [
        NaiveDate::MIN,
        NaiveDate::MAX,
        NaiveDate::from_ymd_opt(-490, 3, 1).unwrap(),
        NaiveDate::from_ymd_opt(0, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2025, 6, 26).unwrap(),
        NaiveDate::from_ymd_opt(10_000, 12, 31).unwrap(),
    ] {
        assert_eq!(iso(&d.format("%Y-%m-%d").to_string()), Some(d), "{d}");
    }
    for bad in [
        "2025-02-30",
        "2025-6-26",
        "+2025-06-26",
        "10000-01-01",
        "2025-06-26x",
        "",
    ] {
        assert_eq!(iso(bad), None, "{bad}");
    }
}
