//! JSON Lines: one object per article with everything found in it, offsets in
//! Unicode code points. This is also what the scorers in `shared/eval` read.
//!
//! The line is the serde serialisation of [`Analysis`], member for member; it
//! is written with [`super::json`] because it is most of the bytes a run
//! writes (a test holds the two byte for byte equal).

use super::json::{self, Object};
use crate::event::Event;
use crate::pipeline::{Analysis, PlaceOut, Timex, Toponym};
use std::io::{self, Write};

/// Write one article's line.
pub fn write_one<W: Write + ?Sized>(out: &mut W, a: &Analysis) -> io::Result<()> {
    let mut v = Vec::with_capacity(4096);
    line(&mut v, a);
    out.write_all(&v)
}

/// One article's line, newline included, appended to `out`.
pub fn line(out: &mut Vec<u8>, a: &Analysis) {
    let mut o = Object::new(out);
    o.str("id", &a.id);
    match &a.anchor {
        Some(an) => {
            let mut p = Object::new(o.key("anchor"));
            p.str("date", &an.date);
            p.str("source", an.source);
            p.str("certainty", an.certainty);
            p.end();
        }
        None => o.null("anchor"),
    }
    match &a.dateline {
        Some(d) => {
            let mut p = Object::new(o.key("dateline"));
            p.str("text", &d.text);
            p.opt_str("date", d.date.as_deref());
            p.opt_str("certainty", d.certainty);
            match &d.place {
                Some(pl) => place(p.key("place"), pl),
                None => p.null("place"),
            }
            p.opt_str("agency", d.agency.as_deref());
            p.end();
        }
        None => o.null("dateline"),
    }
    json::array(o.key("timexes"), &a.timexes, timex);
    json::array(o.key("toponyms"), &a.toponyms, toponym);
    json::array(o.key("adjectivals"), &a.adjectivals, toponym);
    json::array(o.key("events"), &a.events, event);
    if let Some(t) = &a.title {
        o.str("title", t);
    }
    if let Some(u) = &a.url {
        o.str("url", u);
    }
    o.end();
    out.push(b'\n');
}

fn place(out: &mut Vec<u8>, p: &PlaceOut) {
    let mut o = Object::new(out);
    o.str("text", &p.text);
    o.str("name", &p.name);
    o.opt_str("id", p.id.as_deref());
    o.opt_str("kind", p.kind);
    o.opt_str("country", p.country.as_deref());
    o.opt_f64("lat", p.lat);
    o.opt_f64("lon", p.lon);
    o.end();
}

fn timex(out: &mut Vec<u8>, t: &Timex) {
    let mut o = Object::new(out);
    o.int("start", t.start);
    o.int("end", t.end);
    o.str("text", &t.text);
    o.str("type", t.timex_type);
    o.str("value", &t.value);
    o.opt_str("start_date", t.start_date.as_deref());
    o.opt_str("end_date", t.end_date.as_deref());
    o.opt_str("precision", t.precision);
    o.str("certainty", t.certainty);
    o.str("anchor", t.anchor);
    o.end();
}

fn toponym(out: &mut Vec<u8>, t: &Toponym) {
    let mut o = Object::new(out);
    o.int("start", t.start);
    o.int("end", t.end);
    o.str("text", &t.text);
    o.str("name", &t.name);
    o.str("id", &t.id);
    o.str("kind", t.kind);
    o.str("country", &t.country);
    o.f64("lat", t.lat);
    o.f64("lon", t.lon);
    o.bool("demonym", t.demonym);
    o.bool("adjectival", t.adjectival);
    o.end();
}

fn event(out: &mut Vec<u8>, e: &Event) {
    let mut o = Object::new(out);
    o.str("article", &e.article);
    o.str("start", &e.start);
    o.str("end", &e.end);
    o.str("precision", e.precision);
    o.str("value", &e.value);
    o.str("certainty", e.certainty);
    o.str("expression", &e.expression);
    o.str("anchor", e.anchor);
    o.str("sentence", &e.sentence);
    o.strs("places", &e.places);
    o.opt_str("place", e.place.as_deref());
    o.opt_f64("lat", e.lat);
    o.opt_f64("lon", e.lon);
    o.int("offset", e.offset);
    o.strs("place_ids", &e.place_ids);
    o.opt_str("place_id", e.place_id.as_deref());
    o.opt_str("country", e.country.as_deref());
    o.opt_str("reported", e.reported.as_deref());
    o.strs("articles", &e.articles);
    o.int("mentions", e.mentions);
    o.end();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::pipeline::{analyze_batch, AnchorOut, DatelineOut, Options, YearVotes};

    fn serde_line(a: &Analysis) -> String {
        let mut s = serde_json::to_string(a).unwrap();
        s.push('\n');
        s
    }

    fn our_line(a: &Analysis) -> String {
        let mut v = Vec::new();
        line(&mut v, a);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn lines_are_what_serde_writes_for_the_samples() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut texts = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "txt") {
                texts.push(std::fs::read_to_string(entry.path()).unwrap());
            }
        }
        assert!(texts.len() >= 3, "samples/ holds articles");
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Article::new(format!("s{i}"), t.clone()))
            .collect();
        let opts = Options {
            date: None,
            not_after: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            org_places: false,
            adjectival_toponyms: false,
        };
        let gaz = crate::geo::embedded();
        let analyses = analyze_batch(&articles, &opts, gaz, &mut YearVotes::default());
        let mut seen_events = 0;
        for a in &analyses {
            seen_events += a.events.len();
            assert_eq!(our_line(a), serde_line(a), "{}", a.id);
        }
        assert!(seen_events > 0);
    }

    #[test]
    fn absent_members_are_null_as_serde_writes_them() {
        let mut a = Analysis {
            id: "a\"\n".into(),
            anchor: None,
            dateline: None,
            timexes: Vec::new(),
            toponyms: Vec::new(),
            adjectivals: Vec::new(),
            events: vec![Event::default()],
            capped: false,
            title: None,
            url: None,
        };
        assert_eq!(our_line(&a), serde_line(&a));
        a.anchor = Some(AnchorOut {
            date: "2025-06-26".into(),
            source: "dateline",
            certainty: "exact",
        });
        a.dateline = Some(DatelineOut {
            text: "QINGDAO, Jun 26 -".into(),
            date: None,
            certainty: None,
            place: Some(PlaceOut {
                text: "QINGDAO".into(),
                name: "Qingdao".into(),
                id: None,
                kind: None,
                country: None,
                lat: Some(f64::NAN),
                lon: None,
            }),
            agency: Some("<AP>".into()),
        });
        a.events[0].lat = Some(-0.0);
        a.events[0].place = Some("\u{2028}".into());
        assert_eq!(our_line(&a), serde_line(&a));
    }
}
