//! The whole per-article pipeline on arbitrary bytes, through the library API:
//! the bytes are read as stdin would be (JSON Lines when they start with `{`,
//! else one text article), every article is analysed, and the emitters write
//! the results. Nothing may panic, and the outputs must be well formed.
#![no_main]

use chrono::NaiveDate;
use chronomap::input::{read_stdin, Item};
use chronomap::pipeline::{analyze, analyze_batch, Options, YearVotes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let g = chronomap::geo::embedded();
    let opts = Options {
        date: None,
        not_after: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        org_places: false,
        adjectival_toponyms: false,
    };
    let mut articles = Vec::new();
    for item in read_stdin(data) {
        if let Item::Article(a) = item {
            articles.push(a);
        }
    }
    // Also the raw bytes as one article, whatever they hold.
    let whole = chronomap::article::Article::new("fuzz", String::from_utf8_lossy(data));
    let a = analyze(&whole, &opts, g);
    let mut events = a.events.clone();
    let mut places = chronomap::emit::geojson::PlaceTable::new();
    places.add(&a);
    for a in analyze_batch(&articles, &opts, g, &mut YearVotes::default()) {
        let mut line = Vec::new();
        chronomap::emit::jsonl::write_one(&mut line, &a).unwrap();
        places.add(&a);
        events.extend(a.events);
    }
    chronomap::event::sort(&mut events);
    let events = chronomap::merge::merge(events);
    let mut out = Vec::new();
    chronomap::emit::csv::write(&mut out, &events).unwrap();
    out.clear();
    chronomap::emit::geojson::write_events(&mut out, &events).unwrap();
    out.clear();
    places.write(&mut out).unwrap();
});
