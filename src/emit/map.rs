//! The map page (`map.html` under `--out`): one self-contained HTML file that
//! shows the places and events on a Leaflet map, with a time slider and a play
//! button over the events' days, popups with the date, the statement and the
//! article, and markers sized by mentions.
//!
//! The page is the template `map.html` beside this file with the data inlined:
//! the same FeatureCollections as `places.geojson` and `events.geojson`, in a
//! `<script type="application/json">` block. Inlining (rather than fetching the
//! GeoJSON) is what lets the page open from `file://`, where browsers refuse
//! `fetch()`. In that block `<`, `>` and `&` are written as JSON `\u` escapes,
//! so no statement in an article can close the script element or open a comment.
//!
//! Leaflet 1.9.4 comes from the unpkg CDN by default, pinned with its Subresource
//! Integrity hashes; `--leaflet-url` points the page at another copy (a folder or
//! URL holding `leaflet.js` and `leaflet.css`, e.g. `node_modules/leaflet/dist`)
//! for offline use. Markers are `circleMarker`s, drawn by Leaflet's SVG renderer
//! as `<path class="cm-marker cm-place|cm-event ...">`, so they need no images
//! and can be counted in the DOM; the events at one point share a marker whose
//! popup lists them. From 200 markers on they are clustered by
//! Leaflet.markercluster 1.5.3, loaded from the CDN (pinned, with SRI) or from
//! beside a local Leaflet; without it they are drawn unclustered. Tiles
//! (OpenStreetMap) load when online; under them the page draws a land outline
//! it carries (Natural Earth 1:110m, `world-110m.json`) and a 10-degree
//! graticule, so the points have a map offline. When Leaflet itself
//! cannot be loaded (offline with the CDN default), the page says so and draws
//! the same markers (`<circle class="cm-marker ...">`), labels, popups and time
//! slider as a plain SVG plot, so a page opened offline is never empty.

use super::html_escape as html;
use std::io::{self, Write};
use std::path::Path;

/// The page template: placeholders `{{NAME}}` filled by [`write`].
const TEMPLATE: &str = include_str!("map.html");

/// Where Leaflet is loaded from when `--leaflet-url` is not given.
pub const LEAFLET_CDN: &str = "https://unpkg.com/leaflet@1.9.4/dist";

/// SRI hashes of Leaflet 1.9.4's `dist/leaflet.js` and `dist/leaflet.css`
/// (sha256 of the files of the npm package `leaflet@1.9.4`, which the CDN
/// serves; checked with `openssl dgst -sha256 -binary FILE | base64`).
const LEAFLET_JS_SRI: &str = "sha256-20nQCchB9co0qIjJZRGuk2/Z9VM+kNiyxNV1lvTlZBo=";
const LEAFLET_CSS_SRI: &str = "sha256-p4NxAoJBhIIN+hmNHrzRCf9tD/miZyoHS5obTRR9BMY=";

/// Where Leaflet.markercluster (which clusters the markers of big runs) is
/// loaded from with the default Leaflet.
pub const CLUSTER_CDN: &str = "https://unpkg.com/leaflet.markercluster@1.5.3/dist";

/// The plugin's files in its `dist/` folder: script, style sheets.
const CLUSTER_FILES: [&str; 3] = [
    "leaflet.markercluster.js",
    "MarkerCluster.css",
    "MarkerCluster.Default.css",
];

/// SRI hashes of [`CLUSTER_FILES`] in the npm package
/// `leaflet.markercluster@1.5.3` (checked as Leaflet's are).
const CLUSTER_SRI: [&str; 3] = [
    "sha256-Hk4dIpcqOSb0hZjgyvFOP+cEmDXUKKNE/tT542ZbNQg=",
    "sha256-YU3qCpj/P06tdPBJGPax0bm6Q1wltfwjsho5TR4+TYc=",
    "sha256-YSWCMtmNZNwqex4CEw1nQhvFub2lmU7vcCKP+XVwwXA=",
];

/// The land outline drawn under the points: Natural Earth 1:110m, built by
/// `scripts/world/build.sh` (rings of integer tenths of a degree).
const WORLD: &str = include_str!("world-110m.json");

/// Where the page loads Leaflet's script and style sheet from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaflet {
    js: String,
    css: String,
    /// SRI hashes (script, style sheet), known for the pinned CDN copy only.
    sri: Option<(&'static str, &'static str)>,
    /// The folder (or URL) of Leaflet.markercluster's [`CLUSTER_FILES`].
    cluster: String,
}

impl Default for Leaflet {
    fn default() -> Self {
        Leaflet {
            js: format!("{LEAFLET_CDN}/leaflet.js"),
            css: format!("{LEAFLET_CDN}/leaflet.css"),
            sri: Some((LEAFLET_JS_SRI, LEAFLET_CSS_SRI)),
            cluster: CLUSTER_CDN.to_string(),
        }
    }
}

impl Leaflet {
    /// Leaflet from `base`: a URL (`https://…/dist`), an absolute folder
    /// (written as a `file://` URL) or a relative folder (kept relative, so it
    /// is read from beside the page), holding `leaflet.js` and `leaflet.css`.
    /// A path or URL of `leaflet.js` itself is taken too.
    pub fn at(base: &str) -> Leaflet {
        let base = base.trim_end_matches(['/', '\\']);
        let base = if base.contains("://") || base.starts_with("//") {
            base.to_string()
        } else if Path::new(base).is_absolute() {
            file_url(base)
        } else {
            base.replace('\\', "/")
        };
        let dir = base.strip_suffix("/leaflet.js").unwrap_or(&base);
        Leaflet {
            js: format!("{dir}/leaflet.js"),
            css: format!("{dir}/leaflet.css"),
            sri: None,
            cluster: cluster_dir(dir),
        }
    }

    /// Where `leaflet.js` should be on this machine, when the page loads it
    /// from a local folder (`page_dir` is the folder of map.html, against which
    /// a relative folder is read); None for web URLs.
    pub fn local_js(&self, page_dir: &Path) -> Option<std::path::PathBuf> {
        if let Some(p) = self.js.strip_prefix("file://") {
            Some(std::path::PathBuf::from(percent_decode(p)))
        } else if self.js.contains("://") || self.js.starts_with("//") {
            None
        } else {
            Some(page_dir.join(&self.js))
        }
    }
}

/// Where the page loads Leaflet.markercluster from, given Leaflet's folder
/// `dir`: the same folder, or, for a local npm tree
/// (`.../node_modules/leaflet/dist`) without the plugin's files beside
/// Leaflet's, the plugin's own package there
/// (`.../node_modules/leaflet.markercluster/dist`). When the files are not
/// there the page draws its markers unclustered.
fn cluster_dir(dir: &str) -> String {
    let npm = dir
        .strip_suffix("/leaflet/dist")
        .map(|root| format!("{root}/leaflet.markercluster/dist"));
    let local = |d: &str| {
        let d = d.strip_prefix("file://").map(percent_decode)?;
        Some(Path::new(&d).join(CLUSTER_FILES[0]).is_file())
    };
    match npm {
        Some(npm) if local(dir) == Some(false) && local(&npm) == Some(true) => npm,
        _ => dir.to_string(),
    }
}

/// Undo [`file_url`]'s percent-encoding.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An absolute path as a `file://` URL, with the bytes a URL path cannot hold
/// percent-encoded.
fn file_url(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::from("file://");
    if !path.starts_with('/') {
        out.push('/'); // C:/...
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// JSON that is safe inside a `<script>` element: serde_json's compact
/// output, but with `<`, `>` and `&` (which can only occur inside JSON
/// strings) and the two line separators written as `\u` escapes. JSON.parse
/// reads it back unchanged.
struct ScriptSafe;

/// The bytes that may need an escape: the three ASCII ones, and 0xE2, which
/// starts U+2028 and U+2029 (E2 80 A8, E2 80 A9).
const MAY_ESCAPE: super::scan::Needles<4> =
    super::scan::Needles::new([b'<', b'>', b'&', 0xE2], false);

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, out: &mut W, s: &str) -> io::Result<()> {
        write_script_safe(out, s.as_bytes())
    }
}

/// Write compact JSON bytes (or a piece of them that does not split a
/// character) with `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes: in JSON
/// they can only stand inside strings, so this is what `ScriptSafe` writes.
pub fn write_script_safe<W: ?Sized + Write>(out: &mut W, b: &[u8]) -> io::Result<()> {
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        i = super::scan::find(b, i, &MAY_ESCAPE);
        if i >= b.len() {
            break;
        }
        let (escape, len): (&[u8], usize) = match &b[i..] {
            [b'<', ..] => (b"\\u003c", 1),
            [b'>', ..] => (b"\\u003e", 1),
            [b'&', ..] => (b"\\u0026", 1),
            [0xE2, 0x80, 0xA8, ..] => (b"\\u2028", 3),
            [0xE2, 0x80, 0xA9, ..] => (b"\\u2029", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.write_all(&b[from..i])?;
        out.write_all(escape)?;
        i += len;
        from = i;
    }
    out.write_all(&b[from..])
}

/// Write `v` as JSON that is safe inside a `<script>` element.
fn write_script_json<T: serde::Serialize + ?Sized>(out: &mut dyn Write, v: &T) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    v.serialize(&mut serde_json::Serializer::with_formatter(
        &mut w, ScriptSafe,
    ))?;
    w.flush()
}

/// What a placeholder is filled with: text, or output written in place.
enum Fill<'a> {
    Text(&'a str),
    Write(&'a dyn Fn(&mut dyn Write) -> io::Result<()>),
}

/// Fill `{{NAME}}` placeholders in one pass (values are never rescanned).
fn fill(out: &mut dyn Write, template: &str, values: &[(&str, Fill<'_>)]) -> io::Result<()> {
    let mut rest = template;
    while let Some(i) = rest.find("{{") {
        out.write_all(&rest.as_bytes()[..i])?;
        let after = &rest[i + 2..];
        match after.find("}}").and_then(|j| {
            let name = &after[..j];
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| (j, v))
        }) {
            Some((j, v)) => {
                match v {
                    Fill::Text(t) => out.write_all(t.as_bytes())?,
                    Fill::Write(w) => w(out)?,
                }
                rest = &after[j + 2..];
            }
            None => {
                out.write_all(b"{{")?;
                rest = after;
            }
        }
    }
    out.write_all(rest.as_bytes())
}

/// The page title: the article ids (the first few of `total`), or their count
/// when there are more than three.
pub fn title(first: &[String], total: usize) -> String {
    match total {
        0 => "chronomap".to_string(),
        1..=3 if first.len() == total => format!("chronomap: {}", first.join(", ")),
        n => format!("chronomap: {n} articles"),
    }
}

/// Write the page. `places` and `events` are FeatureCollections.
pub fn write(
    out: &mut dyn Write,
    places: &impl serde::Serialize,
    events: &impl serde::Serialize,
    leaflet: &Leaflet,
    title: &str,
) -> io::Result<()> {
    write_with(
        out,
        &|w| write_script_json(w, places),
        &|w| write_script_json(w, events),
        leaflet,
        title,
        None,
    )
}

/// [`write()`], with the places and events FeatureCollections written by
/// `places` and `events` as script-safe JSON (see [`write_script_safe`]).
pub fn write_with(
    out: &mut dyn Write,
    places: &dyn Fn(&mut dyn Write) -> io::Result<()>,
    events: &dyn Fn(&mut dyn Write) -> io::Result<()>,
    leaflet: &Leaflet,
    title: &str,
    note: Option<&str>,
) -> io::Result<()> {
    // Serialised straight from the collections into the page: no JSON value
    // tree or page-sized string in between (they tripled the memory on big
    // runs). The object is the one serde writes for {title, leaflet, places,
    // events}; a test compares.
    let data = |w: &mut dyn Write| -> io::Result<()> {
        w.write_all(b"{\"title\":")?;
        write_script_json(w, title)?;
        if let Some(note) = note {
            w.write_all(b",\"note\":")?;
            write_script_json(w, note)?;
        }
        w.write_all(b",\"leaflet\":")?;
        write_script_json(w, &leaflet.js)?;
        w.write_all(b",\"places\":")?;
        places(w)?;
        w.write_all(b",\"events\":")?;
        events(w)?;
        w.write_all(b"}")
    };
    let sri = |h: Option<&str>| {
        h.map(|h| format!(" integrity=\"{h}\" crossorigin=\"\""))
            .unwrap_or_default()
    };
    let (title, css, js) = (html(title), html(&leaflet.css), html(&leaflet.js));
    let (css_sri, js_sri) = (sri(leaflet.sri.map(|s| s.1)), sri(leaflet.sri.map(|s| s.0)));
    let cluster = CLUSTER_FILES.map(|f| html(&format!("{}/{f}", leaflet.cluster)).to_string());
    let cluster_sri = CLUSTER_SRI.map(|h| sri(leaflet.sri.map(|_| h)));
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    fill(
        &mut w,
        TEMPLATE,
        &[
            ("TITLE", Fill::Text(&title)),
            ("LEAFLET_CSS", Fill::Text(&css)),
            ("LEAFLET_JS", Fill::Text(&js)),
            ("CSS_SRI", Fill::Text(&css_sri)),
            ("JS_SRI", Fill::Text(&js_sri)),
            ("CLUSTER_JS", Fill::Text(&cluster[0])),
            ("CLUSTER_CSS", Fill::Text(&cluster[1])),
            ("CLUSTER_DEFAULT_CSS", Fill::Text(&cluster[2])),
            ("CLUSTER_JS_SRI", Fill::Text(&cluster_sri[0])),
            ("CLUSTER_CSS_SRI", Fill::Text(&cluster_sri[1])),
            ("CLUSTER_DEFAULT_CSS_SRI", Fill::Text(&cluster_sri[2])),
            ("DATA", Fill::Write(&data)),
            ("WORLD", Fill::Text(WORLD.trim_end())),
        ],
    )?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geojson::{Feature, FeatureCollection, Geometry, JsonObject, Value};

    fn fc(names: &[&str]) -> FeatureCollection {
        FeatureCollection {
            bbox: None,
            foreign_members: None,
            features: names
                .iter()
                .map(|n| {
                    let mut p = JsonObject::new();
                    p.insert("name".into(), (*n).into());
                    p.insert("mentions".into(), 2.into());
                    Feature {
                        bbox: None,
                        geometry: Some(Geometry::new(Value::Point(vec![120.38, 36.06]))),
                        id: None,
                        properties: Some(p),
                        foreign_members: None,
                    }
                })
                .collect(),
        }
    }

    fn page(places: &[&str], leaflet: &Leaflet, title: &str) -> String {
        let mut out = Vec::new();
        write(&mut out, &fc(places), &fc(&[]), leaflet, title).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The inlined JSON, as the page's script would read it.
    fn data_of(page: &str) -> serde_json::Value {
        let tag = "type=\"application/json\">";
        let start = page.find(tag).unwrap() + tag.len();
        let end = start + page[start..].find("</script>").unwrap();
        serde_json::from_str(&page[start..end]).unwrap()
    }

    #[test]
    fn statements_cannot_close_the_script() {
        let evil = "</script><script>alert(1)</script><!-- & \u{2028}";
        let p = page(&[evil, "Qingdao"], &Leaflet::default(), "t");
        assert_eq!(
            p.matches("</script>").count(),
            5,
            "Leaflet, the cluster plugin, data, world, code"
        );
        assert!(!p.contains("alert(1)</"));
        assert!(!p.contains("<!-- &"));
        let d = data_of(&p);
        assert_eq!(d["places"]["features"][0]["properties"]["name"], evil);
        assert_eq!(d["places"]["features"].as_array().unwrap().len(), 2);
    }

    /// What [`write_script_safe`] must write, character by character.
    fn escaped_one_by_one(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '<' => "\\u003c".to_string(),
                '>' => "\\u003e".to_string(),
                '&' => "\\u0026".to_string(),
                '\u{2028}' => "\\u2028".to_string(),
                '\u{2029}' => "\\u2029".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn script_escapes() {
        // Line separators among other characters that share their first bytes
        // ("…" is E2 80 A6, "€" E2 82 AC), and escapes JSON makes anyway.
        let text = "a<b>&c\u{2028}d\u{2029}e\u{2026}\u{20ac}\u{2028}\u{2028}\"\\\n\u{2029}<";
        let want = escaped_one_by_one(&serde_json::to_string(text).unwrap());
        let mut got = Vec::new();
        write_script_json(&mut got, text).unwrap();
        assert_eq!(String::from_utf8(got).unwrap(), want);
        assert!(want.contains("\u{2026}\u{20ac}") && want.contains("\\u2028\\u2028"));
        // Compact JSON made safe piece by piece is what the formatter writes.
        let v =
            serde_json::json!({"a": [text, "</script><!--", 1.5, null], "b\u{2028}": {"c&": text}});
        let (mut pieces, mut direct) = (Vec::new(), Vec::new());
        let plain = serde_json::to_vec(&v).unwrap();
        let s = std::str::from_utf8(&plain).unwrap();
        let cuts: Vec<usize> = (0..=s.len())
            .filter(|&i| s.is_char_boundary(i))
            .step_by(7)
            .collect();
        let mut from = 0;
        for &to in cuts.iter().skip(1).chain([s.len()].iter()) {
            write_script_safe(&mut pieces, &plain[from..to]).unwrap();
            from = to;
        }
        write_script_json(&mut direct, &v).unwrap();
        assert_eq!(
            String::from_utf8(pieces).unwrap(),
            String::from_utf8(direct).unwrap()
        );
    }

    proptest::proptest! {
        #[test]
        fn script_safe_escapes_every_one(s in "[a <>&\u{2028}\u{2029}\u{2026}\u{20ac}é]{0,40}") {
            let want = escaped_one_by_one(&s);
            let mut got = Vec::new();
            write_script_safe(&mut got, s.as_bytes()).unwrap();
            proptest::prop_assert_eq!(String::from_utf8(got).unwrap(), want);
        }
    }

    #[test]
    fn the_page_data_is_the_object_serde_writes() {
        #[derive(serde::Serialize)]
        struct Data<'a> {
            title: &'a str,
            leaflet: &'a str,
            places: &'a FeatureCollection,
            events: &'a FeatureCollection,
        }
        let (places, events) = (fc(&["Qingdao</script>", "Z\u{2028}"]), fc(&["E&F"]));
        let leaflet = Leaflet::at("/opt/x <y>");
        let title = "t <i>\u{2029}";
        let mut page = Vec::new();
        write(&mut page, &places, &events, &leaflet, title).unwrap();
        let mut want = Vec::new();
        write_script_json(
            &mut want,
            &Data {
                title,
                leaflet: &leaflet.js,
                places: &places,
                events: &events,
            },
        )
        .unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains(std::str::from_utf8(&want).unwrap()), "{page}");
    }

    #[test]
    fn placeholders_filled_and_title_escaped() {
        let p = page(&["A"], &Leaflet::default(), "a <b> & \"c\"");
        assert!(!p.contains("{{"), "a placeholder left");
        assert!(p.contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>"));
        assert!(p.contains(&format!(
            "<script src=\"{LEAFLET_CDN}/leaflet.js\" integrity=\"{LEAFLET_JS_SRI}\" crossorigin=\"\">"
        )));
        assert!(p.contains(&format!("integrity=\"{LEAFLET_CSS_SRI}\"")));
        // A filled value is never read as a placeholder.
        let filled = |t: &str, values: &[(&str, Fill<'_>)]| {
            let mut out = Vec::new();
            fill(&mut out, t, values).unwrap();
            String::from_utf8(out).unwrap()
        };
        let b = |w: &mut dyn Write| w.write_all(b"x");
        let values = [("A", Fill::Text("{{B}}")), ("B", Fill::Write(&b))];
        assert_eq!(filled("{{A}}{{B}}", &values), "{{B}}x");
        assert_eq!(filled("{{unknown}}", &[]), "{{unknown}}");
    }

    #[test]
    fn local_leaflet() {
        let l = Leaflet::at("/opt/my maps/leaflet/dist/");
        assert_eq!(l.js, "file:///opt/my%20maps/leaflet/dist/leaflet.js");
        assert_eq!(l.css, "file:///opt/my%20maps/leaflet/dist/leaflet.css");
        assert_eq!(l.sri, None);
        let l = Leaflet::at("leaflet");
        assert_eq!(
            (l.js.as_str(), l.css.as_str()),
            ("leaflet/leaflet.js", "leaflet/leaflet.css")
        );
        let l = Leaflet::at("https://example.org/lf/leaflet.js");
        assert_eq!(l.css, "https://example.org/lf/leaflet.css");
        let l = Leaflet::at("/opt/my maps/dist");
        assert_eq!(
            l.local_js(Path::new("out")),
            Some("/opt/my maps/dist/leaflet.js".into())
        );
        assert_eq!(
            Leaflet::at("lf").local_js(Path::new("out")),
            Some("out/lf/leaflet.js".into())
        );
        assert_eq!(Leaflet::default().local_js(Path::new("out")), None);
        let p = page(&["A"], &Leaflet::at("lf"), "t");
        assert!(p.contains("<script src=\"lf/leaflet.js\"></script>"));
        assert!(!p.contains("integrity"));
    }

    #[test]
    fn the_cluster_plugin_loads_like_leaflet() {
        // Pinned on the CDN with its hashes, beside a local Leaflet otherwise.
        let p = page(&["A"], &Leaflet::default(), "t");
        assert!(p.contains(&format!(
            "<script src=\"{CLUSTER_CDN}/leaflet.markercluster.js\" integrity=\"{}\" crossorigin=\"\">",
            CLUSTER_SRI[0]
        )));
        let p = page(&["A"], &Leaflet::at("lf"), "t");
        assert!(p.contains("<script src=\"lf/leaflet.markercluster.js\"></script>"));
        assert!(p.contains("href=\"lf/MarkerCluster.Default.css\""));
        // An npm tree holds the plugin in its own package beside Leaflet's.
        let root = std::env::temp_dir().join(format!("cm-npm-{}", std::process::id()));
        let plugin = root.join("node_modules/leaflet.markercluster/dist");
        std::fs::create_dir_all(&plugin).unwrap();
        std::fs::create_dir_all(root.join("node_modules/leaflet/dist")).unwrap();
        std::fs::write(plugin.join(CLUSTER_FILES[0]), "").unwrap();
        let l = Leaflet::at(root.join("node_modules/leaflet/dist").to_str().unwrap());
        assert!(
            l.cluster
                .ends_with("/node_modules/leaflet.markercluster/dist"),
            "{}",
            l.cluster
        );
        // With the files beside Leaflet, those.
        std::fs::write(
            root.join("node_modules/leaflet/dist")
                .join(CLUSTER_FILES[0]),
            "",
        )
        .unwrap();
        let l = Leaflet::at(root.join("node_modules/leaflet/dist").to_str().unwrap());
        assert!(
            l.cluster.ends_with("/node_modules/leaflet/dist"),
            "{}",
            l.cluster
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn the_world_outline_is_rings_of_tenths_of_degrees() {
        let rings: Vec<Vec<i32>> = serde_json::from_str(WORLD).unwrap();
        assert!(rings.len() > 100, "{} rings", rings.len());
        for r in &rings {
            assert!(r.len() >= 6 && r.len() % 2 == 0);
            for p in r.chunks(2) {
                assert!((-1800..=1800).contains(&p[0]) && (-900..=900).contains(&p[1]));
            }
        }
        // The page carries it, in its own script block.
        let p = page(&["A"], &Leaflet::default(), "t");
        assert!(p.contains(&format!(
            "<script id=\"chronomap-world\" type=\"application/json\">{}</script>",
            WORLD.trim_end()
        )));
    }

    #[test]
    fn titles() {
        assert_eq!(title(&["a".into()], 1), "chronomap: a");
        assert_eq!(title(&vec!["a".into(); 4], 9), "chronomap: 9 articles");
        assert_eq!(title(&[], 0), "chronomap");
    }
}
