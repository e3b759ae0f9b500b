//! The gazetteer: place rows loaded from the files in `gazetteer/` (embedded in
//! the binary, gzip-compressed where large) or given with `--gazetteer`, and one
//! index from name keys (see [`super::fold`]) to the places they may name.
//!
//! Four kinds of file, told apart by their `# format:` header line:
//! places (`id name alt_names lat lon kind country admin1 population feature`),
//! aliases (`alias target_id`), demonyms (`adjective target_id`) and a stoplist
//! (one name a line). A user file of places replaces rows with the same id and
//! adds the others. The index is built once; lookups are one hash probe.

use super::fold;
use flate2::read::GzDecoder;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt;
use std::io::Read;
use std::path::Path;

/// What sort of place a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A populated place.
    City,
    /// An independent country.
    Country,
    /// A first-order division (state, province).
    Admin1,
    /// A second-order division (county, parish).
    Admin2,
    /// A continent.
    Continent,
    /// A region (Middle East, the Sahel).
    Region,
    /// A body of water: sea, ocean, strait, gulf, bay, river, lake.
    Water,
    /// Relief: mountain, range, desert, peninsula.
    Land,
    /// An island or archipelago.
    Island,
    /// A conflict zone or disputed territory (Gaza, Donbas, Kashmir).
    Zone,
    /// A union of states treated as a place (the European Union).
    Union,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "city" => Kind::City,
            "country" => Kind::Country,
            "admin1" => Kind::Admin1,
            "admin2" => Kind::Admin2,
            "continent" => Kind::Continent,
            "region" => Kind::Region,
            "sea" | "ocean" | "strait" | "gulf" | "bay" | "river" | "lake" | "canal" => Kind::Water,
            "mountain" | "range" | "desert" | "peninsula" => Kind::Land,
            "island" => Kind::Island,
            "zone" => Kind::Zone,
            "union" => Kind::Union,
            _ => return None,
        })
    }

    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::City => "city",
            Kind::Country => "country",
            Kind::Admin1 => "admin1",
            Kind::Admin2 => "admin2",
            Kind::Continent => "continent",
            Kind::Region => "region",
            Kind::Water => "water",
            Kind::Land => "land",
            Kind::Island => "island",
            Kind::Zone => "zone",
            Kind::Union => "union",
        }
    }
}

/// One place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Unique id: `gn:<geonameid>`, `cm:<slug>`, ...
    pub id: Box<str>,
    /// Canonical name.
    pub name: Box<str>,
    /// Latitude, WGS 84.
    pub lat: f64,
    /// Longitude, WGS 84.
    pub lon: f64,
    /// Kind.
    pub kind: Kind,
    /// The kind as the file wrote it ("strait", "sea", ...).
    pub kind_text: Box<str>,
    /// ISO 3166-1 alpha-2, empty for multi-country places.
    pub country: Box<str>,
    /// Admin1 code within the country.
    pub admin1: Box<str>,
    /// Population, 0 if unknown.
    pub population: u64,
    /// GeoNames feature code or the curators' code.
    pub feature: Box<str>,
}

/// How a key names a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    /// The canonical name.
    Name,
    /// An alias the curators listed ("U.S.", "Kiev").
    Alias,
    /// An alternate name from the source.
    Alt,
    /// An adjective ("Chinese").
    Demonym,
}

/// A problem with a gazetteer file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerError {
    /// The file.
    pub file: String,
    /// 1-based line, if the problem is on one line.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for GazetteerError {}

/// The loaded gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// All places; indices are stable for the gazetteer's life.
    pub places: Vec<Place>,
    by_id: HashMap<Box<str>, u32>,
    index: HashMap<Box<str>, Vec<(u32, NameKind)>>,
    stop: HashSet<Box<str>>,
    admin1s: HashMap<(Box<str>, Box<str>), u32>,
    /// Most words in any indexed key (bounds the matcher's n-grams).
    pub max_words: usize,
}

/// What a gazetteer file holds, from its `# format:` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Places,
    Aliases,
    Demonyms,
    Stoplist,
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// Add the rows of one file (its text and a name for errors).
    pub fn add_text(&mut self, file: &str, text: &str) -> Result<(), GazetteerError> {
        let err = |line: Option<usize>, message: String| GazetteerError {
            file: file.to_string(),
            line,
            message,
        };
        let mut kind = None;
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if let Some(h) = line.strip_prefix('#') {
                if let Some(f) = h.trim().strip_prefix("format:") {
                    let first = f.split_whitespace().next().unwrap_or("");
                    kind = Some(match first {
                        "id" => FileKind::Places,
                        "alias" => FileKind::Aliases,
                        "adjective" => FileKind::Demonyms,
                        _ => FileKind::Stoplist,
                    });
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let k = kind.ok_or_else(|| {
                err(
                    None,
                    "no '# format:' header line before the first row".into(),
                )
            })?;
            let lineno = Some(n + 1);
            match k {
                FileKind::Places => self.add_place_row(line).map_err(|m| err(lineno, m))?,
                FileKind::Aliases | FileKind::Demonyms => {
                    let (name, target) = line.split_once('\t').ok_or_else(|| {
                        err(
                            lineno,
                            "expected two tab-separated columns: name, target id".into(),
                        )
                    })?;
                    let &idx = self.by_id.get(target.trim()).ok_or_else(|| {
                        err(lineno, format!("unknown target id {:?}", target.trim()))
                    })?;
                    let nk = if k == FileKind::Aliases {
                        NameKind::Alias
                    } else {
                        NameKind::Demonym
                    };
                    self.index_name(name, idx, nk);
                    // "Americans", "Pakistanis": the plural names the place too
                    // ("Chinese", "British", "Swiss" have none).
                    if nk == NameKind::Demonym && !name.ends_with(['s', 'h', 'e']) {
                        self.index_name(&format!("{name}s"), idx, nk);
                    }
                }
                FileKind::Stoplist => {
                    self.stop.insert(fold::key(line).into());
                }
            }
        }
        if kind.is_none() && !text.trim().is_empty() {
            return Err(err(None, "no '# format:' header line".into()));
        }
        Ok(())
    }

    /// Add the rows of a file on disk (gzip if it ends in `.gz`).
    pub fn add_file(&mut self, path: &Path) -> Result<(), GazetteerError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| GazetteerError {
            file: name.clone(),
            line: None,
            message: format!("cannot read: {e}"),
        })?;
        let text = decode(&name, &bytes)?;
        self.add_text(&name, &text)
    }

    fn add_place_row(&mut self, line: &str) -> Result<(), String> {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 10 {
            return Err(format!(
                "expected 10 tab-separated columns (id name alt_names lat lon kind country admin1 population feature), found {}",
                f.len()
            ));
        }
        let lat: f64 = f[3]
            .trim()
            .parse()
            .map_err(|_| format!("latitude {:?} is not a number", f[3]))?;
        let lon: f64 = f[4]
            .trim()
            .parse()
            .map_err(|_| format!("longitude {:?} is not a number", f[4]))?;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(format!("coordinates {lat}, {lon} out of range"));
        }
        let kind = Kind::parse(f[5].trim()).ok_or_else(|| format!("unknown kind {:?}", f[5]))?;
        let population = if f[8].trim().is_empty() {
            0
        } else {
            f[8].trim()
                .parse()
                .map_err(|_| format!("population {:?} is not a whole number", f[8]))?
        };
        let id: Box<str> = f[0].trim().into();
        if id.is_empty() || f[1].trim().is_empty() {
            return Err("empty id or name".into());
        }
        let place = Place {
            id: id.clone(),
            name: f[1].trim().into(),
            lat,
            lon,
            kind,
            kind_text: f[5].trim().into(),
            country: f[6].trim().into(),
            admin1: f[7].trim().into(),
            population,
            feature: f[9].trim().into(),
        };
        let idx = match self.by_id.get(&id) {
            // A later file replaces the row; its old names stay indexed but
            // point at the replacement, which is what a correction wants.
            Some(&i) => {
                self.places[i as usize] = place;
                i
            }
            None => {
                let i = self.places.len() as u32;
                self.places.push(place);
                self.by_id.insert(id, i);
                i
            }
        };
        if kind == Kind::Admin1 {
            let p = &self.places[idx as usize];
            self.admin1s
                .insert((p.country.clone(), p.admin1.clone()), idx);
        }
        self.index_name(f[1], idx, NameKind::Name);
        for alt in f[2].split('|').filter(|a| !a.trim().is_empty()) {
            self.index_name(alt, idx, NameKind::Alt);
        }
        Ok(())
    }

    fn index_name(&mut self, name: &str, idx: u32, nk: NameKind) {
        let k = fold::key(name);
        if k.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(k.split(' ').count());
        // Most keys are new; the lookup first avoids allocating for the rest.
        let v = match self.index.get_mut(k.as_str()) {
            Some(v) => v,
            None => self.index.entry(k.into()).or_default(),
        };
        match v.iter_mut().find(|(i, _)| *i == idx) {
            Some(e) => e.1 = e.1.min(nk),
            None => v.push((idx, nk)),
        }
    }

    /// The places a key may name, with how it names them.
    pub fn lookup(&self, key: &str) -> &[(u32, NameKind)] {
        self.index.get(key).map_or(&[], |v| v.as_slice())
    }

    /// Whether a key is on the stoplist.
    pub fn is_stopped(&self, key: &str) -> bool {
        self.stop.contains(key)
    }

    /// A place by id.
    pub fn by_id(&self, id: &str) -> Option<&Place> {
        self.by_id.get(id).map(|&i| &self.places[i as usize])
    }

    /// The first-level division with this code in this country ("US", "FL").
    pub fn admin1(&self, country: &str, code: &str) -> Option<u32> {
        self.admin1s
            .get(&(Box::from(country), Box::from(code)))
            .copied()
    }

    /// A place by index.
    pub fn place(&self, i: u32) -> &Place {
        &self.places[i as usize]
    }
}

/// Bytes of a gazetteer file as text: gunzipped if they start with the gzip magic.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String, GazetteerError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        GzDecoder::new(bytes)
            .read_to_string(&mut s)
            .map_err(|e| GazetteerError {
                file: name.to_string(),
                line: None,
                message: format!("not a readable gzip file of UTF-8 text: {e}"),
            })?;
        Ok(s)
    } else {
        String::from_utf8(bytes.to_vec()).map_err(|e| GazetteerError {
            file: name.to_string(),
            line: None,
            message: format!("not UTF-8 text: {e}"),
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small gazetteer for unit tests across the geo modules.
    pub(crate) const FIXTURE: &str = "\
# source: test fixture
# format: id name alt_names lat lon kind country admin1 population feature
t:cn\tChina\tPeople's Republic of China\t35.0\t105.0\tcountry\tCN\t\t1400000000\tPCLI
t:us\tUnited States\tUnited States of America\t39.8\t-98.6\tcountry\tUS\t\t330000000\tPCLI
t:fr\tFrance\t\t46.0\t2.0\tcountry\tFR\t\t67000000\tPCLI
t:qd\tQingdao\t\t36.0649\t120.3804\tcity\tCN\t07\t3718835\tPPLA2
t:sh\tShanghai\t\t31.2222\t121.4581\tcity\tCN\t23\t22315474\tPPLA
t:paris\tParis\t\t48.8534\t2.3488\tcity\tFR\t11\t2138551\tPPLC
t:paristx\tParis\t\t33.6609\t-95.5555\tcity\tUS\tTX\t24782\tPPL
t:tx\tTexas\t\t31.25\t-99.25\tadmin1\tUS\tTX\t29000000\tADM1
t:ny\tNew York City\tNew York\t40.7143\t-74.006\tcity\tUS\tNY\t8175133\tPPL
t:york\tYork\t\t53.9576\t-1.0827\tcity\tGB\tI5\t153717\tPPL
t:sp\tSão Paulo\t\t-23.5475\t-46.6361\tcity\tBR\t27\t10021295\tPPLA
t:me\tMiddle East\t\t29.0\t41.0\tregion\t\t\t0\tRGN
t:ca\tCentral Asia\t\t45.0\t68.0\tregion\t\t\t0\tRGN
# format: alias target_id
U.S.\tt:us
US\tt:us
# format: adjective target_id
Chinese\tt:cn
Central Asian\tt:ca
# format: stoplist
of
";

    pub(crate) fn fixture() -> Gazetteer {
        let mut g = Gazetteer::new();
        g.add_text("fixture", FIXTURE).unwrap();
        g
    }

    #[test]
    fn names_aliases_and_demonyms_are_indexed() {
        let g = fixture();
        let names = |k: &str| -> Vec<&str> {
            g.lookup(k)
                .iter()
                .map(|(i, _)| &*g.place(*i).name)
                .collect()
        };
        assert_eq!(names("paris"), vec!["Paris", "Paris"]);
        assert_eq!(names("us"), vec!["United States"]);
        assert_eq!(names("sao paulo"), vec!["São Paulo"]);
        assert_eq!(names("chinese"), vec!["China"]);
        assert_eq!(g.lookup("central asian")[0].1, NameKind::Demonym);
        assert!(g.is_stopped("of"));
        assert_eq!(g.max_words, 4);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let mut g = Gazetteer::new();
        let e = g
            .add_text("mine.tsv", "# format: id name alt_names lat lon kind country admin1 population feature\nx\tX\t\t95\t0\tcity\t\t\t0\tPPL\n")
            .unwrap_err();
        assert_eq!(e.to_string(), "mine.tsv:2: coordinates 95, 0 out of range");
        let e = g
            .add_text("a.tsv", "# format: alias target_id\nFoo\tnope\n")
            .unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = g.add_text("b.tsv", "Paris\n").unwrap_err();
        assert!(e.to_string().starts_with("b.tsv: no '# format:'"), "{e}");
    }

    #[test]
    fn a_later_row_with_the_same_id_replaces() {
        let mut g = fixture();
        g.add_text("fix", "# format: id name alt_names lat lon kind country admin1 population feature\nt:qd\tQingdao\t\t36.07\t120.38\tcity\tCN\t07\t4000000\tPPLA2\n")
            .unwrap();
        assert_eq!(g.by_id("t:qd").unwrap().population, 4000000);
        assert_eq!(g.lookup("qingdao").len(), 1);
    }
}
