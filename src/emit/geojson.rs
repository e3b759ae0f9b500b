//! GeoJSON for web maps (RFC 7946): `places.geojson`, one Point per distinct
//! place across all articles, and `events.geojson`, one Point per event at its
//! primary place. Coordinates are `[lon, lat]` with at most 6 decimals, there is
//! no `crs` member, and properties are flat scalars (lists are joined with "; ")
//! so that kepler.gl, MapLibre and Leaflet read them as they are. A value that
//! is not known is left out rather than written as `null`: MapLibre and Mapbox
//! hand `null` properties back as the string "null", and kepler.gl types a
//! column that mixes dates and nulls as text. The map page (`map.rs`) inlines
//! these same collections. Events carry their start three ways, for three kinds
//! of time slider: `time` (RFC 3339, UTC, for Leaflet.TimeDimension), `t_start`
//! and `t_end` (epoch milliseconds, for MapLibre filters) and `timestamp`
//! (`2025-06-26 00:00`, which kepler.gl types as a timestamp).

use super::json;
use crate::event::{cmp_days, Event};
use crate::pipeline::{Analysis, Toponym};
use chrono::{NaiveDate, NaiveTime};
use geojson::{Feature, FeatureCollection, Geometry, JsonObject, JsonValue, Value};
use serde::{Serialize, Serializer};
use std::collections::BTreeSet;
use std::fmt;
use std::io::{self, Write};

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn point(lat: f64, lon: f64) -> Geometry {
    Geometry::new(Value::Point(vec![round6(lon), round6(lat)]))
}

fn feature(geometry: Geometry, properties: JsonObject) -> Feature {
    Feature {
        bbox: None,
        geometry: Some(geometry),
        id: None,
        properties: Some(properties),
        foreign_members: None,
    }
}

fn collection(features: Vec<Feature>) -> FeatureCollection {
    FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    }
}

/// Write a collection as one line of JSON (no BOM: RFC 8259 section 8.1).
pub fn write_collection(out: &mut dyn Write, fc: &FeatureCollection) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer(&mut w, fc)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// Milliseconds since the epoch at the start (or, with `end`, the last
/// millisecond) of an ISO day; None for dates chrono cannot place.
fn millis(day: &str, end: bool) -> Option<i64> {
    // "2025-06-26" read directly; other years (signed, five digits) by chrono.
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        day.get(r)?.bytes().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let d = match (day.len(), day.as_bytes().get(4), day.as_bytes().get(7)) {
        (10, Some(b'-'), Some(b'-')) => match (digits(0..4), digits(5..7), digits(8..10)) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d)?,
            _ => NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?,
        },
        _ => NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?,
    };
    let t = if end {
        NaiveTime::from_hms_milli_opt(23, 59, 59, 999)?
    } else {
        NaiveTime::MIN
    };
    Some(d.and_time(t).and_utc().timestamp_millis())
}

/// The events with a primary place, as a FeatureCollection.
pub fn write_events(out: &mut dyn Write, events: &[Event]) -> io::Result<()> {
    events_in_pieces(events, |piece| out.write_all(piece))?;
    out.write_all(b"\n")?;
    out.flush()
}

/// [`EventCollection`]'s compact JSON, handed over in pieces of whole features
/// (about 64 KB each), so that one serialisation can feed two files: the
/// pieces together are exactly what serialising the collection writes (a test
/// compares).
pub fn events_in_pieces(
    events: &[Event],
    mut piece: impl FnMut(&[u8]) -> io::Result<()>,
) -> io::Result<()> {
    const PIECE: usize = 1 << 16;
    let mut buf = Vec::with_capacity(PIECE + 4096);
    buf.extend_from_slice(br#"{"type":"FeatureCollection","features":["#);
    let mut first = true;
    for f in events.iter().filter_map(EventFeature::of) {
        if !first {
            buf.push(b',');
        }
        first = false;
        f.write(&mut buf);
        if buf.len() >= PIECE {
            piece(&buf)?;
            buf.clear();
        }
    }
    buf.extend_from_slice(b"]}");
    piece(&buf)
}

/// The events with a primary place (the others have no point to stand on),
/// serialised as a FeatureCollection straight from the events: an archive can
/// have millions, and a JSON value tree of them would cost many times their
/// size. The layout is the one the geojson crate writes (a test compares).
#[derive(Debug, Clone, Copy)]
pub struct EventCollection<'a>(pub &'a [Event]);

impl Serialize for EventCollection<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Collection<F> {
            #[serde(rename = "type")]
            kind: &'static str,
            features: F,
        }
        struct Features<'a>(&'a [Event]);
        impl Serialize for Features<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter().filter_map(EventFeature::of))
            }
        }
        Collection {
            kind: "FeatureCollection",
            features: Features(self.0),
        }
        .serialize(s)
    }
}

/// One event as a GeoJSON Feature. Properties are in the order of their names
/// (as a JSON object map keeps them).
#[derive(Serialize)]
struct EventFeature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    geometry: PointGeometry,
    properties: EventProperties<'a>,
    /// The event's id ([`Event::id`]).
    id: String,
}

#[derive(Serialize)]
struct PointGeometry {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

#[derive(Serialize)]
struct EventProperties<'a> {
    anchor: &'a str,
    article: &'a str,
    articles: Joined<'a>,
    certainty: &'a str,
    end: &'a str,
    expression: &'a str,
    lat: f64,
    lon: f64,
    mentions: usize,
    offset: usize,
    place: &'a str,
    places: Joined<'a>,
    precision: &'a str,
    sentence: &'a str,
    start: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    t_end: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    t_start: Option<i64>,
    time: Suffixed<'a>,
    // kepler.gl types "YYYY-MM-DD hh:mm" as a timestamp and animates it; a
    // date alone it does not (kepler.gl issues 1441, 151).
    timestamp: Suffixed<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    value: &'a str,
}

impl<'a> EventFeature<'a> {
    fn of(e: &'a Event) -> Option<EventFeature<'a>> {
        let (lat, lon) = (round6(e.lat?), round6(e.lon?));
        Some(EventFeature {
            kind: "Feature",
            geometry: PointGeometry {
                kind: "Point",
                coordinates: [lon, lat],
            },
            properties: EventProperties {
                anchor: e.anchor,
                article: &e.article,
                articles: Joined(&e.articles),
                certainty: e.certainty,
                end: &e.end,
                expression: &e.expression,
                lat,
                lon,
                mentions: e.mentions,
                offset: e.offset,
                place: e.place.as_deref().unwrap_or(""),
                places: Joined(&e.places),
                precision: e.precision,
                sentence: &e.sentence,
                start: &e.start,
                t_end: millis(&e.end, true),
                t_start: millis(&e.start, false),
                time: Suffixed(&e.start, "T00:00:00Z"),
                timestamp: Suffixed(&e.start, " 00:00"),
                title: e.title.as_deref(),
                url: e.url.as_deref(),
                value: &e.value,
            },
            id: e.id(),
        })
    }
}

/// A Point geometry at `[lon, lat]` (already rounded), as serde writes
/// [`PointGeometry`] and the geojson crate's Point.
fn write_point(out: &mut Vec<u8>, coordinates: [f64; 2]) {
    let mut g = json::Object::new(out);
    g.str("type", "Point");
    json::array(g.key("coordinates"), &coordinates, |o, &x| json::f64(o, x));
    g.end();
}

impl EventFeature<'_> {
    /// The feature as serde writes it (member for member), with [`json`]:
    /// events are most of the bytes of events.geojson and of the map page.
    fn write(&self, out: &mut Vec<u8>) {
        let p = &self.properties;
        let mut f = json::Object::new(out);
        f.str("type", self.kind);
        write_point(f.key("geometry"), self.geometry.coordinates);
        let mut o = json::Object::new(f.key("properties"));
        o.str("anchor", p.anchor);
        o.str("article", p.article);
        json::joined(o.key("articles"), p.articles.0.iter(), "; ");
        o.str("certainty", p.certainty);
        o.str("end", p.end);
        o.str("expression", p.expression);
        o.f64("lat", p.lat);
        o.f64("lon", p.lon);
        o.int("mentions", p.mentions);
        o.int("offset", p.offset);
        o.str("place", p.place);
        json::joined(o.key("places"), p.places.0.iter(), "; ");
        o.str("precision", p.precision);
        o.str("sentence", p.sentence);
        o.str("start", p.start);
        if let Some(t) = p.t_end {
            o.int("t_end", t);
        }
        if let Some(t) = p.t_start {
            o.int("t_start", t);
        }
        p.time.write(o.key("time"));
        p.timestamp.write(o.key("timestamp"));
        if let Some(t) = p.title {
            o.str("title", t);
        }
        if let Some(u) = p.url {
            o.str("url", u);
        }
        o.str("value", p.value);
        o.end();
        f.str("id", &self.id);
        f.end();
    }
}

/// A list written as one string, its items separated by "; ".
struct Joined<'a>(&'a [String]);

impl fmt::Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(s)?;
        }
        Ok(())
    }
}

impl Serialize for Joined<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            [one] => s.serialize_str(one),
            _ => s.collect_str(self),
        }
    }
}

/// A string with a fixed suffix, written as one string.
struct Suffixed<'a>(&'a str, &'static str);

impl Suffixed<'_> {
    /// As a JSON string (the suffix needs no escaping).
    fn write(&self, out: &mut Vec<u8>) {
        out.push(b'"');
        json::str_contents(out, self.0);
        json::str_contents(out, self.1);
        out.push(b'"');
    }
}

impl Serialize for Suffixed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{}{}", self.0, self.1))
    }
}

/// One distinct place, gathered over every article.
#[derive(Debug, Clone, Default)]
struct PlaceRow {
    name: String,
    kind: &'static str,
    country: String,
    lat: f64,
    lon: f64,
    mentions: usize,
    aliases: BTreeSet<String>,
    first: Option<String>,
    last: Option<String>,
    articles: BTreeSet<String>,
    /// The last article (see [`PlaceTable::added`]) that named the place: an
    /// article names a place many times, and its id is looked up once.
    seen_in: usize,
}

/// The places of a run, gathered article by article; written in id order.
#[derive(Debug, Default)]
pub struct PlaceTable {
    /// By gazetteer id (ids come from the gazetteer, never from article text).
    rows: rustc_hash::FxHashMap<String, PlaceRow>,
    /// How many articles were added: the current one's number.
    added: usize,
}

impl PlaceTable {
    /// An empty table.
    pub fn new() -> PlaceTable {
        PlaceTable::default()
    }

    /// Add one article's place names and the dates of the events they take part in.
    pub fn add(&mut self, a: &Analysis) {
        // Names, aliases and articles are copied only the first time they come.
        self.added += 1;
        let seen_in = self.added;
        let mut alias = String::new();
        let count = |row: &mut PlaceRow, t: &Toponym, alias: &mut String| {
            row.mentions += 1;
            alias.clear();
            for (i, w) in t.text.split_whitespace().enumerate() {
                if i > 0 {
                    alias.push(' ');
                }
                alias.push_str(w);
            }
            if !row.aliases.contains(alias.as_str()) {
                row.aliases.insert(alias.clone());
            }
            if row.seen_in != seen_in {
                row.seen_in = seen_in;
                if !row.articles.contains(&a.id) {
                    row.articles.insert(a.id.clone());
                }
            }
        };
        for t in a.toponyms.iter().chain(&a.adjectivals) {
            if let Some(row) = self.rows.get_mut(&t.id) {
                count(row, t, &mut alias);
                continue;
            }
            let row = self.rows.entry(t.id.clone()).or_insert_with(|| PlaceRow {
                name: t.name.clone(),
                kind: t.kind,
                country: t.country.clone(),
                lat: t.lat,
                lon: t.lon,
                ..PlaceRow::default()
            });
            count(row, t, &mut alias);
        }
        for e in &a.events {
            for id in &e.place_ids {
                if let Some(row) = self.rows.get_mut(id) {
                    if row
                        .first
                        .as_ref()
                        .is_none_or(|f| cmp_days(&e.start, f).is_lt())
                    {
                        row.first = Some(e.start.clone());
                    }
                    if row
                        .last
                        .as_ref()
                        .is_none_or(|l| cmp_days(&e.end, l).is_gt())
                    {
                        row.last = Some(e.end.clone());
                    }
                }
            }
        }
    }

    /// The rows in id order.
    fn sorted(&self) -> Vec<(&String, &PlaceRow)> {
        let mut rows: Vec<_> = self.rows.iter().collect();
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
        rows
    }

    /// How many distinct places.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Write the table as a FeatureCollection, and a newline.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut v = self.to_json();
        v.push(b'\n');
        out.write_all(&v)?;
        out.flush()
    }

    /// The table as the compact JSON serde writes for [`PlaceTable::collection`]
    /// (a test compares), written with [`json`] straight from the rows.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256 * self.rows.len() + 64);
        out.extend_from_slice(br#"{"type":"FeatureCollection","features":["#);
        for (k, (id, r)) in self.sorted().into_iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            let mut f = json::Object::new(&mut out);
            f.str("type", "Feature");
            write_point(f.key("geometry"), [round6(r.lon), round6(r.lat)]);
            let mut p = json::Object::new(f.key("properties"));
            json::joined(p.key("aliases"), r.aliases.iter(), "; ");
            json::joined(p.key("articles"), r.articles.iter(), "; ");
            p.str("country", &r.country);
            if let Some(first) = &r.first {
                p.str("first", first);
            }
            p.str("id", id);
            p.str("kind", r.kind);
            if let Some(last) = &r.last {
                p.str("last", last);
            }
            p.int("mentions", r.mentions);
            p.str("name", &r.name);
            p.end();
            f.end();
        }
        out.extend_from_slice(b"]}");
        out
    }

    /// The table as a FeatureCollection, one Point per place in id order.
    pub fn collection(&self) -> FeatureCollection {
        let features = self
            .sorted()
            .into_iter()
            .map(|(id, r)| {
                let mut p = JsonObject::new();
                p.insert("name".into(), JsonValue::from(r.name.as_str()));
                p.insert("id".into(), JsonValue::from(id.as_str()));
                p.insert("kind".into(), JsonValue::from(r.kind));
                p.insert("country".into(), JsonValue::from(r.country.as_str()));
                p.insert("mentions".into(), JsonValue::from(r.mentions));
                p.insert(
                    "aliases".into(),
                    JsonValue::from(r.aliases.iter().cloned().collect::<Vec<_>>().join("; ")),
                );
                // A place no dated statement names has no first or last day.
                if let Some(f) = &r.first {
                    p.insert("first".into(), JsonValue::from(f.as_str()));
                }
                if let Some(l) = &r.last {
                    p.insert("last".into(), JsonValue::from(l.as_str()));
                }
                p.insert(
                    "articles".into(),
                    JsonValue::from(r.articles.iter().cloned().collect::<Vec<_>>().join("; ")),
                );
                feature(point(r.lat, r.lon), p)
            })
            .collect();
        collection(features)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events as the geojson crate's types write them: what
    /// [`EventCollection`] must match byte for byte.
    fn via_geojson(events: &[Event]) -> FeatureCollection {
        let features = events
            .iter()
            .filter_map(|e| {
                let (lat, lon) = (e.lat?, e.lon?);
                let mut p = JsonObject::new();
                let s = |v: &str| JsonValue::from(v);
                p.insert("article".into(), s(&e.article));
                p.insert("start".into(), s(&e.start));
                p.insert("end".into(), s(&e.end));
                p.insert("precision".into(), s(e.precision));
                p.insert("value".into(), s(&e.value));
                p.insert("certainty".into(), s(e.certainty));
                p.insert("expression".into(), s(&e.expression));
                p.insert("anchor".into(), s(e.anchor));
                p.insert("sentence".into(), s(&e.sentence));
                p.insert("places".into(), s(&e.places.join("; ")));
                p.insert("place".into(), s(e.place.as_deref().unwrap_or("")));
                p.insert("lat".into(), JsonValue::from(round6(lat)));
                p.insert("lon".into(), JsonValue::from(round6(lon)));
                p.insert("offset".into(), JsonValue::from(e.offset));
                p.insert("mentions".into(), JsonValue::from(e.mentions));
                p.insert("articles".into(), s(&e.articles.join("; ")));
                p.insert("time".into(), s(&format!("{}T00:00:00Z", e.start)));
                if let Some(t) = millis(&e.start, false) {
                    p.insert("t_start".into(), JsonValue::from(t));
                }
                if let Some(t) = millis(&e.end, true) {
                    p.insert("t_end".into(), JsonValue::from(t));
                }
                p.insert("timestamp".into(), s(&format!("{} 00:00", e.start)));
                if let Some(t) = &e.title {
                    p.insert("title".into(), s(t));
                }
                if let Some(u) = &e.url {
                    p.insert("url".into(), s(u));
                }
                let mut f = feature(point(lat, lon), p);
                f.id = Some(geojson::feature::Id::String(format!(
                    "{}#{}",
                    e.article, e.offset
                )));
                Some(f)
            })
            .collect();
        collection(features)
    }

    #[test]
    fn events_are_written_as_the_geojson_crate_writes_them() {
        let event = |article: &str, place: Option<(&str, f64, f64)>, places: &[&str]| Event {
            article: article.into(),
            start: "2025-06-26".into(),
            end: "2025-06-26".into(),
            precision: "day",
            value: "2025-06-26".into(),
            certainty: "exact",
            expression: "on \"Thursday\" <b>\u{2028}".into(),
            anchor: "dateline",
            sentence: "Leaders met in Qingdao;\tthen \\ left.".into(),
            places: places.iter().map(|s| s.to_string()).collect(),
            place: place.map(|p| p.0.into()),
            lat: place.map(|p| p.1),
            lon: place.map(|p| p.2),
            offset: 17,
            place_ids: Vec::new(),
            place_id: None,
            country: None,
            reported: None,
            articles: vec![article.into(), "b".into()],
            mentions: 2,
            title: None,
            url: None,
        };
        let mut odd = event("c", Some(("Far", -89.123_456_789, 179.999_999_9)), &[]);
        odd.start = "+12345-01-01".into(); // no epoch milliseconds for this
        odd.end = "bad".into();
        odd.title = Some("A \"title\" <i>".into());
        odd.url = Some("https://example.org/a?b=1&c=<2>".into());
        let events = [
            event(
                "a",
                Some(("Qingdao", 36.064_912_345, 120.380_498_765)),
                &["Qingdao", "Shanghai"],
            ),
            event("b", None, &["Nowhere"]),
            event("d", Some(("One", 0.0, -0.0)), &["One"]),
            odd,
        ];
        let mut ours = Vec::new();
        write_events(&mut ours, &events).unwrap();
        let mut theirs = Vec::new();
        write_collection(&mut theirs, &via_geojson(&events)).unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
        // Many pieces, and none: together they are the collection as serde writes it.
        for n in [0, 1, 3000] {
            let many: Vec<Event> = events.iter().cycle().take(n).cloned().collect();
            let (mut pieces, mut count) = (Vec::new(), 0);
            events_in_pieces(&many, |p| {
                pieces.extend_from_slice(p);
                count += 1;
                Ok(())
            })
            .unwrap();
            assert_eq!(pieces, serde_json::to_vec(&EventCollection(&many)).unwrap());
            assert_eq!(count > 1, n == 3000, "{n} events in {count} pieces");
        }
    }

    #[test]
    fn places_are_written_as_serde_writes_their_collection() {
        let toponym = |id: &str, text: &str, lat: f64| Toponym {
            start: 0,
            end: 1,
            text: text.into(),
            name: format!("{text} \"name\""),
            id: id.into(),
            kind: "city",
            country: "CN".into(),
            lat,
            lon: 120.380_498_765,
            demonym: false,
            adjectival: false,
        };
        let mut table = PlaceTable::new();
        assert_eq!(
            table.to_json(),
            serde_json::to_vec(&table.collection()).unwrap()
        );
        let mut event = Event {
            start: "2025-06-26".into(),
            end: "2025-06-27".into(),
            place_ids: vec!["gn:1".into()],
            ..Event::default()
        };
        for (id, article) in [("a\u{2028}", 1), ("b<", 2)] {
            event.start = format!("2025-06-2{article}");
            table.add(&Analysis {
                id: id.into(),
                anchor: None,
                dateline: None,
                timexes: Vec::new(),
                toponyms: vec![
                    toponym("gn:1", "Qingdao", 36.064_912_345),
                    toponym("gn:2", "Tab\tCity", -0.0),
                ],
                adjectivals: vec![toponym("gn:1", "Qingdao\n  people", 36.0)],
                events: vec![event.clone()],
                capped: false,
                title: None,
                url: None,
            });
        }
        let ours = table.to_json();
        assert_eq!(ours, serde_json::to_vec(&table.collection()).unwrap());
        let text = String::from_utf8(ours).unwrap();
        assert!(
            text.contains(r#""first":"2025-06-21","id":"gn:1""#),
            "{text}"
        );
        assert!(
            !text.contains(r#""first":"2025-06-21","id":"gn:2""#),
            "{text}"
        );
    }

    #[test]
    fn coordinates_are_lon_lat_rounded() {
        let g = point(36.0649123456, 120.3804987654);
        assert_eq!(g.value, Value::Point(vec![120.380499, 36.064912]));
        assert_eq!(millis("1970-01-02", false), Some(86_400_000));
        assert_eq!(millis("1970-01-01", true), Some(86_399_999));
        // The direct reading agrees with chrono's, and so do its refusals.
        for day in [
            "2025-06-26",
            "0001-01-01",
            "1000-12-31",
            "2024-02-29",
            "2025-02-29",
            "2025-13-01",
            "2025-1-011",
            "20a5-01-01",
            "+12345-01-01",
            "-0500-03-01",
            "",
            "2025-06-26x",
        ] {
            let chrono = NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN).and_utc().timestamp_millis());
            assert_eq!(millis(day, false), chrono, "{day}");
        }
    }
}
