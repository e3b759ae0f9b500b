//! Gazetteer rows as the files in `gazetteer/` hold them, and the builder that
//! reads those files into places and a name index, applying every rule of the
//! format: headers, replacement by id, aliases, demonyms and their plurals,
//! the stoplist. The build script runs this same code over the shipped files
//! and serialises the result with [`Builder::to_blob`], so the binary starts with
//! the index already made; at run time it serves `--gazetteer` files.

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
    /// A named site: a monument, a building, a square, an airport, a bridge
    /// (the Statue of Liberty, Rideau Hall, Heathrow Airport).
    Landmark,
}

impl Kind {
    /// The kind of a `kind` column value.
    pub fn parse(s: &str) -> Option<Kind> {
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
            "landmark" | "airport" => Kind::Landmark,
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
            Kind::Landmark => "landmark",
        }
    }
}

/// One place row, owned.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
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

/// Places and their name index, built from gazetteer files.
#[derive(Debug, Default)]
pub struct Builder {
    /// All places; indices are stable for the builder's life.
    pub places: Vec<Row>,
    by_id: HashMap<Box<str>, u32>,
    index: HashMap<Box<str>, Vec<(u32, NameKind)>>,
    stop: HashSet<Box<str>>,
    admin1s: HashMap<(Box<str>, Box<str>), u32>,
    /// Every word prefix of a longer key, with its trailing space ("new ",
    /// "isle of "): the matcher stops extending a name when none starts so.
    prefixes: HashSet<Box<str>>,
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

impl Builder {
    /// An empty builder.
    pub fn new() -> Builder {
        Builder::default()
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
        let place = Row {
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
        self.note_key(&k);
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

    /// Count a key's words and record its word prefixes.
    fn note_key(&mut self, key: &str) {
        self.max_words = self.max_words.max(key.split(' ').count());
        for (at, _) in key.match_indices(' ') {
            let p = &key[..=at];
            if !self.prefixes.contains(p) {
                self.prefixes.insert(p.into());
            }
        }
    }

    /// Whether some key starts with `prefix` (which ends in a space).
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.prefixes.contains(prefix)
    }

    /// The places a key may name, with how it names them.
    pub fn lookup(&self, key: &str) -> &[(u32, NameKind)] {
        self.index.get(key).map_or(&[], |v| v.as_slice())
    }

    /// Every key and its postings.
    pub fn keys(&self) -> impl Iterator<Item = (&str, &Vec<(u32, NameKind)>)> {
        self.index.iter().map(|(k, v)| (&**k, v))
    }

    /// Every stoplist key.
    pub fn stops(&self) -> impl Iterator<Item = &str> {
        self.stop.iter().map(|s| &**s)
    }

    /// Whether a key is on the stoplist.
    pub fn is_stopped(&self, key: &str) -> bool {
        self.stop.contains(key)
    }

    /// A place by id.
    pub fn by_id(&self, id: &str) -> Option<&Row> {
        self.by_id.get(id).map(|&i| &self.places[i as usize])
    }

    /// The first-level division with this code in this country ("US", "FL").
    pub fn admin1(&self, country: &str, code: &str) -> Option<u32> {
        self.admin1s
            .get(&(Box::from(country), Box::from(code)))
            .copied()
    }

    /// A place by index.
    pub fn place(&self, i: u32) -> &Row {
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

/// The compiled form's layout: a magic, six counts, then fixed-size records.
pub const MAGIC: &[u8; 8] = b"CMGZ0004";
/// Bytes before the place records.
pub const HEADER: usize = 32;
/// Bytes per place record: six (offset, length) string pairs, lat, lon,
/// population, kind.
pub const PLACE_REC: usize = 80;
/// Bytes per key record: key (offset, length), postings (start, count).
pub const KEY_REC: usize = 16;

/// Bits in the key filter: a lookup of a key that names no place (most
/// capitalised words) is answered by one hash and one bit, without a search.
/// The filter also holds every word prefix of a longer key with its trailing
/// space ("new "), so that the matcher knows when a name cannot grow.
pub const FILTER_BITS: u64 = 1 << 23;

/// Slots in the key table: an open-addressing hash table of key indices (plus
/// one; zero is empty), at most half full, probed linearly from the key's hash.
/// A lookup reads one or two slots instead of a binary search over all keys.
pub fn key_slots(n_keys: usize) -> usize {
    (n_keys * 2).next_power_of_two()
}

/// FNV-1a, 64 bits: a small, fixed hash the build script and the binary agree on.
pub fn key_hash(key: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A posting as stored: place index shifted left by two, name kind below.
pub fn posting(idx: u32, nk: NameKind) -> u32 {
    idx << 2
        | match nk {
            NameKind::Name => 0,
            NameKind::Alias => 1,
            NameKind::Alt => 2,
            NameKind::Demonym => 3,
        }
}

/// A stored posting read back.
pub fn unposting(p: u32) -> (u32, NameKind) {
    let nk = match p & 3 {
        0 => NameKind::Name,
        1 => NameKind::Alias,
        2 => NameKind::Alt,
        _ => NameKind::Demonym,
    };
    (p >> 2, nk)
}

/// Kinds as stored.
pub const KINDS: [Kind; 12] = [
    Kind::City,
    Kind::Country,
    Kind::Admin1,
    Kind::Admin2,
    Kind::Continent,
    Kind::Region,
    Kind::Water,
    Kind::Land,
    Kind::Island,
    Kind::Zone,
    Kind::Union,
    Kind::Landmark,
];

impl Builder {
    /// Add a place row as it is (for rebuilding from the compiled form).
    pub fn push_row(&mut self, row: Row) -> u32 {
        let i = self.places.len() as u32;
        if row.kind == Kind::Admin1 {
            self.admin1s
                .insert((row.country.clone(), row.admin1.clone()), i);
        }
        self.by_id.insert(row.id.clone(), i);
        self.places.push(row);
        i
    }

    /// Add an already folded key's posting (for rebuilding from the compiled form).
    pub fn push_key(&mut self, key: &str, idx: u32, nk: NameKind) {
        self.note_key(key);
        self.index.entry(key.into()).or_default().push((idx, nk));
    }

    /// Add an already folded stoplist key.
    pub fn push_stop(&mut self, key: &str) {
        self.stop.insert(key.into());
    }

    /// Serialise places, index and stoplist into the compiled form.
    pub fn to_blob(&self) -> Vec<u8> {
        let mut strings: Vec<u8> = Vec::new();
        let mut seen: HashMap<String, (u32, u32)> = HashMap::default();
        let mut intern = |s: &str, strings: &mut Vec<u8>| -> (u32, u32) {
            if let Some(&r) = seen.get(s) {
                return r;
            }
            let r = (strings.len() as u32, s.len() as u32);
            strings.extend_from_slice(s.as_bytes());
            seen.insert(s.to_string(), r);
            r
        };
        let mut places = Vec::with_capacity(self.places.len() * PLACE_REC);
        for p in &self.places {
            for s in [
                &p.id,
                &p.name,
                &p.kind_text,
                &p.country,
                &p.admin1,
                &p.feature,
            ] {
                let (o, l) = intern(s, &mut strings);
                places.extend_from_slice(&o.to_le_bytes());
                places.extend_from_slice(&l.to_le_bytes());
            }
            places.extend_from_slice(&p.lat.to_le_bytes());
            places.extend_from_slice(&p.lon.to_le_bytes());
            places.extend_from_slice(&p.population.to_le_bytes());
            let k = KINDS.iter().position(|k| *k == p.kind).unwrap_or(0) as u8;
            places.extend_from_slice(&[k, 0, 0, 0, 0, 0, 0, 0]);
        }
        let mut keys: Vec<(&str, &Vec<(u32, NameKind)>)> =
            self.index.iter().map(|(k, v)| (&**k, v)).collect();
        keys.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut key_recs = Vec::with_capacity(keys.len() * KEY_REC);
        let mut postings: Vec<u8> = Vec::new();
        let mut n_post = 0u32;
        for (k, v) in &keys {
            let (o, l) = (strings.len() as u32, k.len() as u32);
            strings.extend_from_slice(k.as_bytes());
            key_recs.extend_from_slice(&o.to_le_bytes());
            key_recs.extend_from_slice(&l.to_le_bytes());
            key_recs.extend_from_slice(&n_post.to_le_bytes());
            key_recs.extend_from_slice(&(v.len() as u32).to_le_bytes());
            for &(i, nk) in v.iter() {
                postings.extend_from_slice(&posting(i, nk).to_le_bytes());
                n_post += 1;
            }
        }
        let mut stop: Vec<&str> = self.stop.iter().map(|s| &**s).collect();
        stop.sort_unstable();
        let mut stop_recs = Vec::new();
        for s in &stop {
            let (o, l) = intern(s, &mut strings);
            stop_recs.extend_from_slice(&o.to_le_bytes());
            stop_recs.extend_from_slice(&l.to_le_bytes());
        }
        let mut filter = vec![0u8; (FILTER_BITS / 8) as usize];
        for k in keys
            .iter()
            .map(|(k, _)| &**k)
            .chain(self.prefixes.iter().map(|p| &**p))
        {
            let bit = key_hash(k.as_bytes()) % FILTER_BITS;
            filter[(bit / 8) as usize] |= 1 << (bit % 8);
        }
        let mut table = vec![0u32; key_slots(keys.len())];
        let mask = table.len() - 1;
        for (i, (k, _)) in keys.iter().enumerate() {
            let mut slot = key_hash(k.as_bytes()) as usize & mask;
            while table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            table[slot] = i as u32 + 1;
        }
        let mut out = Vec::with_capacity(
            HEADER
                + places.len()
                + key_recs.len()
                + postings.len()
                + filter.len()
                + 4 * table.len()
                + strings.len(),
        );
        out.extend_from_slice(MAGIC);
        for n in [
            self.places.len() as u32,
            keys.len() as u32,
            n_post,
            stop.len() as u32,
            self.max_words as u32,
            strings.len() as u32,
        ] {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out.extend_from_slice(&places);
        out.extend_from_slice(&key_recs);
        out.extend_from_slice(&postings);
        out.extend_from_slice(&stop_recs);
        out.extend_from_slice(&filter);
        for slot in table {
            out.extend_from_slice(&slot.to_le_bytes());
        }
        out.extend_from_slice(&strings);
        out
    }
}
