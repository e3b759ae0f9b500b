//! End-to-end tests of the geography stage over the seed article and the GeoJSON
//! outputs: the checks the "Geography" issue lists, run on the real embedded
//! gazetteer through the binary.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("run chronomap");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let h = ((p2 - p1) / 2.0).sin().powi(2)
        + p1.cos() * p2.cos() * ((lon2 - lon1).to_radians() / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

fn seed() -> serde_json::Value {
    let (code, out, err) = run(&[
        "extract",
        "samples/qingdao-sco.txt",
        "--format",
        "jsonl",
        "--not-after",
        "2026-11-28",
        "-q",
    ]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(out.trim()).expect("one JSON line")
}

#[test]
fn seed_places_are_found_and_resolved() {
    let a = seed();
    let tops = a["toponyms"].as_array().unwrap();
    let near = |text: &str, lat: f64, lon: f64| {
        let hits: Vec<_> = tops.iter().filter(|t| t["text"] == text).collect();
        assert!(!hits.is_empty(), "{text} not found in {tops:?}");
        for t in hits {
            let d = km(
                t["lat"].as_f64().unwrap(),
                t["lon"].as_f64().unwrap(),
                lat,
                lon,
            );
            assert!(d < 25.0, "{text} resolved {d:.0} km away: {t}");
        }
    };
    near("QINGDAO", 36.07, 120.38);
    near("Qingdao", 36.07, 120.38);
    near("The Hague", 52.08, 4.30);
    let adjectivals = a["adjectivals"].as_array().unwrap();
    let names: Vec<&str> = tops
        .iter()
        .chain(adjectivals)
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    for want in [
        "Moscow",
        "Beijing",
        "Iran",
        "Russia",
        "China",
        "Israel",
        "Pakistan",
        "Belarus",
        "India",
        "Ukraine",
        "Middle East",
        "Eastern Europe",
        "Central Asia",
        "United States",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    let texts: Vec<&str> = tops.iter().map(|t| t["text"].as_str().unwrap()).collect();
    for not in ["Shanghai", "Alliance", "NATO", "Western"] {
        assert!(!texts.contains(&not), "{not} taken for a place: {texts:?}");
    }
    let dl = &a["dateline"]["place"];
    assert!(
        km(
            dl["lat"].as_f64().unwrap(),
            dl["lon"].as_f64().unwrap(),
            36.07,
            120.38
        ) < 25.0,
        "{dl}"
    );
    assert_eq!(dl["country"], "CN");
    // The Thursday meeting is in Qingdao.
    let thursday = a["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["expression"] == "Thursday")
        .unwrap();
    assert_eq!(thursday["place"], "Qingdao", "{thursday}");
}

#[test]
fn geojson_outputs_parse_and_stay_in_range() {
    let dir = std::env::temp_dir().join(format!("chronomap-geo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (code, _, err) = run(&[
        "extract",
        "samples",
        "--out",
        dir.to_str().unwrap(),
        "--not-after",
        "2026-11-28",
        "-q",
    ]);
    assert_eq!(code, 0, "{err}");
    for name in ["places.geojson", "events.geojson"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(!text.starts_with('\u{feff}'), "{name} has a BOM");
        let raw: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(raw.get("crs").is_none(), "{name} has a crs member");
        let fc: geojson::FeatureCollection = text
            .parse::<geojson::GeoJson>()
            .unwrap()
            .try_into()
            .unwrap();
        assert!(!fc.features.is_empty(), "{name} is empty");
        for f in &fc.features {
            let geojson::Value::Point(ref c) = f.geometry.as_ref().unwrap().value else {
                panic!("{name}: not a point");
            };
            let (lon, lat) = (c[0], c[1]);
            assert!(
                (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat),
                "{name}: {c:?}"
            );
            for d in [lon, lat] {
                let s = d.to_string();
                let decimals = s.split('.').nth(1).map_or(0, str::len);
                assert!(decimals <= 6, "{name}: {s} has more than 6 decimals");
            }
            for (k, v) in f.properties.as_ref().unwrap() {
                assert!(
                    !v.is_array() && !v.is_object(),
                    "{name}: property {k} is not flat"
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The places one text resolves to: (text, name, country).
fn places_of(text: &str) -> Vec<(String, String, String)> {
    places_with(text, &[])
}

/// The JSON Lines analysis of one text, with extra flags.
fn analysis_with(text: &str, extra: &[&str]) -> serde_json::Value {
    let o = Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .current_dir(root())
        .args([
            "extract",
            "-",
            "--format",
            "jsonl",
            "-q",
            "--date",
            "2025-03-03",
        ])
        .args(extra)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(text.as_bytes())?;
            c.wait_with_output()
        })
        .expect("run chronomap");
    serde_json::from_slice(&o.stdout).expect("one JSON line")
}

/// [`places_of`] with extra flags.
fn places_with(text: &str, extra: &[&str]) -> Vec<(String, String, String)> {
    analysis_with(text, extra)["toponyms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let s = |k: &str| t[k].as_str().unwrap().to_string();
            (s("text"), s("name"), s("country"))
        })
        .collect()
}

fn country_of(text: &str, name: &str) -> String {
    places_of(text)
        .into_iter()
        .find(|(t, _, _)| t == name)
        .unwrap_or_else(|| panic!("{name} not found in {text:?}"))
        .2
}

#[test]
fn the_article_decides_between_places_of_one_name() {
    // Georgia the US state and the country.
    assert_eq!(
        country_of(
            "ATLANTA, March 3 - Georgia lawmakers met in Savannah on Monday.",
            "Georgia"
        ),
        "US"
    );
    assert_eq!(
        country_of(
            "TBILISI, March 3 - Georgia's president met envoys on Monday.",
            "Georgia"
        ),
        "GE"
    );
    // Paris and Paris, Texas.
    assert_eq!(
        country_of("The fair in Paris drew crowds on Monday.", "Paris"),
        "FR"
    );
    assert_eq!(
        country_of("The fair in Paris, Texas drew crowds on Monday.", "Paris"),
        "US"
    );
    // Alexandria in Virginia, Louisiana and Egypt.
    let va = places_of("ALEXANDRIA, Va., March 3 - Officials in Alexandria met on Monday.");
    assert!(
        va.iter()
            .all(|(t, _, c)| !t.starts_with("Alex") || c == "US"),
        "{va:?}"
    );
    assert_eq!(
        country_of(
            "Protesters gathered in Alexandria and Cairo on Monday.",
            "Alexandria"
        ),
        "EG"
    );
    // Birmingham UK and Alabama; London and London, Ontario.
    assert_eq!(
        country_of(
            "BIRMINGHAM, Ala., March 3 - The mayor spoke on Monday.",
            "BIRMINGHAM"
        ),
        "US"
    );
    assert_eq!(
        country_of(
            "Birmingham and Manchester fans travelled to London on Monday.",
            "Manchester"
        ),
        "GB"
    );
    assert_eq!(
        country_of(
            "LONDON, Ontario, March 3 - Officials met on Monday in Ontario.",
            "LONDON"
        ),
        "CA"
    );
}

#[test]
fn common_words_and_people_are_not_places() {
    let found = places_of("Nice to see you. Reading is fun, said Paris Hilton. Mr. Jordan spoke.");
    assert!(found.is_empty(), "{found:?}");
    let found = places_of("She moved to Nice in France and then to Reading.");
    let texts: Vec<&str> = found.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, vec!["Nice", "France", "Reading"]);
}

/// The texts of the names found in `text` (with extra flags).
fn names_with(text: &str, extra: &[&str]) -> Vec<String> {
    places_with(text, extra).into_iter().map(|p| p.0).collect()
}

#[test]
fn one_odd_mention_does_not_erase_a_name() {
    // A capitalised word before a name makes that mention a person's at most;
    // a country or a big city named elsewhere in the article stays.
    let text = "Bengali Watch India reported it. Explaining Beijing's stance, \
                officials said India and Pakistan must talk. Khan is visiting Beijing.";
    let names = names_with(text, &[]);
    assert_eq!(
        names.iter().filter(|n| *n == "India").count(),
        1,
        "{names:?}"
    );
    assert_eq!(
        names.iter().filter(|n| *n == "Beijing").count(),
        2,
        "{names:?}"
    );
    // A person's name stays a person's in the article's bare mentions: Moore
    // is a town in Oklahoma, and a county is no obstacle (Snyder County).
    let text = "Officer John Moore and Blake Snyder arrived. Moore said Snyder was hurt.";
    let names = names_with(text, &[]);
    assert!(
        !names.iter().any(|n| n == "Moore" || n == "Snyder"),
        "{names:?}"
    );
}

#[test]
fn place_names_inside_organisations_are_not_places() {
    let text = "The Columbus Police Department and the Santa Fe Animal Shelter said \
                the University of California and the Davis Cup team would help. \
                Officers drove to Columbus. The US Department of Agriculture agreed.";
    let names = names_with(text, &[]);
    assert_eq!(names, ["Columbus", "US"], "{names:?}");
    // LGL's convention counts them.
    let names = names_with(text, &["--org-places"]);
    for n in ["Santa Fe", "California", "US"] {
        assert!(names.iter().any(|x| x == n), "{n} not in {names:?}");
    }
    assert_eq!(
        names.iter().filter(|n| *n == "Columbus").count(),
        2,
        "{names:?}"
    );
}

#[test]
fn adjectives_are_adjectival_toponyms_when_asked() {
    let text = "The son of former German President Richard von Weizsaecker was stabbed in Berlin.";
    let a = analysis_with(text, &[]);
    let adj = a["adjectivals"].as_array().unwrap();
    assert_eq!(adj.len(), 1, "{adj:?}");
    assert_eq!(adj[0]["name"], "Germany");
    assert_eq!(adj[0]["adjectival"], true);
    let tops = a["toponyms"].as_array().unwrap();
    assert!(tops.iter().all(|t| t["adjectival"] == false), "{tops:?}");
    // Listed among the toponyms, in text order, marked.
    let a = analysis_with(text, &["--adjectival-toponyms"]);
    let tops = a["toponyms"].as_array().unwrap();
    let got: Vec<(&str, bool)> = tops
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap(),
                t["adjectival"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [("German", true), ("Berlin", false)]);
    assert!(a["adjectivals"].as_array().unwrap().is_empty());
}

#[test]
fn planets_and_moons_in_a_space_story_are_not_towns() {
    let text = "NASA scientists mapped Saturn's moon Titan. Life on Titan may exist, \
                and a probe will reach Mars in 2034. The mission control centre in \
                Jupiter, Florida, will follow it.";
    let names = names_with(text, &[]);
    assert!(
        !names.iter().any(|n| n == "Titan" || n == "Mars"),
        "{names:?}"
    );
    // "Name, State" still pins the town.
    assert!(names.iter().any(|n| n == "Jupiter"), "{names:?}");
    // Outside a story about space the town is a town.
    let names = names_with("The storm hit Jupiter on Monday.", &[]);
    assert!(names.iter().any(|n| n == "Jupiter"), "{names:?}");
}

#[test]
fn an_event_happens_where_its_paragraph_or_article_says_not_where_the_reporter_filed() {
    let text = "WASHINGTON, March 3 (Reuters) - Floods hit the Chilean city of Valparaiso \
                on Sunday.\n\nOfficials said on Monday the water had receded, and Valparaiso \
                residents returned home.\n\nRepairs will start on Friday, the ministry said.";
    let a = analysis_with(text, &[]);
    let events = a["events"].as_array().unwrap();
    assert!(events.len() >= 3, "{events:?}");
    for e in events {
        assert_eq!(e["place"], "Valparaíso", "{e}");
    }
}

/// How far an analysis's dateline place lies from a point.
fn dateline_km(a: &serde_json::Value, lat: f64, lon: f64) -> f64 {
    let d = &a["dateline"]["place"];
    km(
        d["lat"].as_f64().unwrap(),
        d["lon"].as_f64().unwrap(),
        lat,
        lon,
    )
}

#[test]
fn a_city_st_dateline_pins_the_city_in_that_state() {
    // "St." means "Saint" whichever the gazetteer lists, and the state after
    // the comma picks Michigan's St. Joseph over Missouri's bigger one.
    let a = analysis_with(
        "ST. JOSEPH, Mich. (AP) — Health officials reported a sixth case on Tuesday.",
        &[],
    );
    assert_eq!(a["dateline"]["place"]["name"], "Saint Joseph", "{a}");
    assert!(dateline_km(&a, 42.11, -86.48) < 25.0, "{a}");
    // A dateline names the city, not the state of the same name.
    let a = analysis_with("NEW YORK (Reuters) - Stocks rose on Tuesday.", &[]);
    assert!(dateline_km(&a, 40.71, -74.01) < 25.0, "{a}");
}

#[test]
fn modern_dateline_shapes_pin_the_city_they_name() {
    // Each shape a modern outlet prints; the place must be found and pinned.
    let cases = [
        (
            "NEW DELHI: Nearly 150 students returned home on Wednesday.",
            28.61,
            77.21,
        ),
        (
            "Peace talks stall\nLIMA \u{2014} Ministers walked out of the talks on Saturday.",
            -12.04,
            -77.03,
        ),
        (
            "(Adds quotes)\n\nBy Ann Smith\n\nOSLO, Jan 21 (Reuters) - The fund sold shares on Sunday.",
            59.91,
            10.75,
        ),
        (
            "(ANSA) - Rome, October 11 - The minister spoke on Wednesday.",
            41.89,
            12.51,
        ),
        (
            "Hong Kong (CNN Business) Shares fell on Tuesday in early trading.",
            22.28,
            114.17,
        ),
    ];
    for (text, lat, lon) in cases {
        let a = analysis_with(text, &[]);
        assert!(dateline_km(&a, lat, lon) < 50.0, "{text:?}: {a}");
    }
}

/// The kind of place a name in `text` resolves to.
fn kind_of(text: &str, name: &str) -> String {
    let a = analysis_with(text, &[]);
    let t = a["toponyms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["text"] == name);
    let t = t.unwrap_or_else(|| panic!("{name} not found in {text:?}: {a}"));
    t["kind"].as_str().unwrap().to_string()
}

#[test]
fn a_town_dwarfed_by_a_world_city_needs_more_than_its_country() {
    // The United States is named, but nothing places Paris or Warsaw in it.
    let text = "NEW DELHI: Students deported from the United States returned on Wednesday. \
                One had flown home through Paris, another through Warsaw.";
    assert_eq!(country_of(text, "Paris"), "FR");
    assert_eq!(country_of(text, "Warsaw"), "PL");
    // A state or a neighbour does place it there.
    let texas = "Storms hit Texas on Monday. In Paris, the county courthouse lost its roof.";
    assert_eq!(country_of(texas, "Paris"), "US");
}

#[test]
fn a_name_of_a_city_and_its_state_is_the_state_when_the_words_say_so() {
    let gov = "New York Governor Kathy Adams said on Sunday that the parks would reopen.";
    assert_eq!(kind_of(gov, "New York"), "admin1");
    let upstate = "Snow fell across upstate New York on Sunday.";
    assert_eq!(kind_of(upstate, "New York"), "admin1");
}

#[test]
fn currencies_tickers_clubs_and_things_with_the_are_not_towns() {
    let text = "Shares were priced at 176 Hong Kong dollars. Ten-year notes US10YT=RR rose. \
                The White House said on Monday that it would wait. \
                The Sabres captain scored twice in Buffalo.";
    let names = names_with(text, &[]);
    assert_eq!(names, ["Buffalo"], "{names:?}");
    // A town's name as a modifier keeps its article, and a place stays one.
    let area = "Crews worked in the Mount Pleasant area and the Sligo-based group helped.";
    assert_eq!(
        names_with(area, &[]).len(),
        2,
        "{:?}",
        names_with(area, &[])
    );
}

#[test]
fn landmarks_and_airports_are_places_at_their_own_point() {
    let text = "The Statue of Liberty reopened on Monday. A man walked into Rideau Hall \
                on Thursday. Flights left Heathrow Airport late.";
    let a = analysis_with(text, &[]);
    let tops = a["toponyms"].as_array().unwrap();
    for (name, lat, lon) in [
        ("Statue of Liberty", 40.69, -74.04),
        ("Rideau Hall", 45.44, -75.69),
        ("Heathrow Airport", 51.47, -0.45),
    ] {
        let t = tops.iter().find(|t| t["text"] == name);
        let t = t.unwrap_or_else(|| panic!("{name} not found: {a}"));
        assert_eq!(t["kind"], "landmark", "{t}");
        let d = km(
            t["lat"].as_f64().unwrap(),
            t["lon"].as_f64().unwrap(),
            lat,
            lon,
        );
        assert!(d < 5.0, "{name} is {d} km off");
    }
}

#[test]
fn countries_sit_at_geonames_points_not_polygon_centroids() {
    // GeoNames puts Canada at 60.11, -113.64; its polygon centroid is some 700 km away.
    let a = analysis_with("Canada and India signed the deal on Monday.", &[]);
    let tops = a["toponyms"].as_array().unwrap();
    for (name, lat, lon) in [("Canada", 60.11, -113.64), ("India", 22.0, 79.0)] {
        let t = tops.iter().find(|t| t["text"] == name).unwrap();
        let d = km(
            t["lat"].as_f64().unwrap(),
            t["lon"].as_f64().unwrap(),
            lat,
            lon,
        );
        assert!(d < 25.0, "{name} is {d} km from GeoNames' point");
    }
}

/// The (id, kind, country) each mention of `name` in `text` resolves to.
fn readings_of(text: &str, name: &str) -> Vec<(String, String, String)> {
    let a = analysis_with(text, &[]);
    let tops = a["toponyms"].as_array().unwrap();
    let found: Vec<_> = tops
        .iter()
        .filter(|t| t["text"] == name)
        .map(|t| {
            let s = |k: &str| t[k].as_str().unwrap().to_string();
            (s("id"), s("kind"), s("country"))
        })
        .collect();
    assert!(!found.is_empty(), "{name} not found in {tops:?}");
    found
}

#[test]
fn kent_in_a_british_story_is_the_english_county() {
    // Not Kent, Washington, nor a US Kent County: the GeoNames county of England.
    let text = "Flood warnings were issued across Kent on Tuesday after a night of \
                heavy rain in southern England.";
    for (id, kind, country) in readings_of(text, "Kent") {
        assert_eq!((id.as_str(), kind.as_str()), ("gn:GB.ENG.G5", "admin2"));
        assert_eq!(country, "GB");
    }
}

#[test]
fn a_county_or_district_named_like_its_city_leaves_the_name_to_the_city() {
    // "Cork" alone is the city; the county is "County Cork" or "Co. Cork".
    let text = "Ireland's ferry operators said crossings resumed, and commuters in \
                Cork said on Monday that trains ran on time.";
    assert_eq!(
        readings_of(text, "Cork"),
        vec![("gn:2965140".into(), "city".into(), "IE".into())]
    );
    let text = "Farmers in County Cork and Co. Kerry said the storm flattened barley \
                fields across Ireland.";
    assert_eq!(readings_of(text, "County Cork")[0].0, "gn:IE.M.04");
    assert_eq!(readings_of(text, "Co. Kerry")[0].0, "gn:IE.M.11");
    // The district of Pune is named "Pune" too, and is bigger: the city still wins.
    let text = "Schools in Pune, in western India, stayed shut on Monday after the rains.";
    assert_eq!(
        readings_of(text, "Pune"),
        vec![("gn:1259229".into(), "city".into(), "IN".into())]
    );
}

#[test]
fn a_number_word_opening_a_sentence_is_not_a_first_name() {
    // "One" or "Several" before a county is a determiner, not a first name.
    let names = names_with(
        "One Napa County station has had no rain since September.",
        &[],
    );
    assert_eq!(names, ["Napa County"], "{names:?}");
}
