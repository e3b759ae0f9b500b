//! The gazetteer as the rest of chronomap sees it: places by index and one
//! lookup from a name key (see [`super::fold`]) to the places it may name.
//!
//! Two backings, one interface. The shipped gazetteer is compiled by the build
//! script into a blob of fixed-size records and a sorted key table (see
//! [`super::rows::Builder::to_blob`]) that is used in place: start-up reads a
//! header, lookups binary-search the keys, nothing is parsed or hashed. With
//! `--gazetteer` files the compiled rows are turned back into a
//! [`Builder`], the files are added over them, and the builder answers.

pub use super::rows::{decode, Builder, GazetteerError, Kind, NameKind};
use super::rows::{
    key_hash, key_slots, unposting, FILTER_BITS, HEADER, KEY_REC, KINDS, MAGIC, PLACE_REC,
};
use rustc_hash::FxHashMap as HashMap;

/// One place, borrowed from the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place<'g> {
    /// Unique id: `gn:<geonameid>`, `cm:<slug>`, ...
    pub id: &'g str,
    /// Canonical name.
    pub name: &'g str,
    /// Latitude, WGS 84.
    pub lat: f64,
    /// Longitude, WGS 84.
    pub lon: f64,
    /// Kind.
    pub kind: Kind,
    /// The kind as the file wrote it ("strait", "sea", ...).
    pub kind_text: &'g str,
    /// ISO 3166-1 alpha-2, empty for multi-country places.
    pub country: &'g str,
    /// Admin1 code within the country.
    pub admin1: &'g str,
    /// Population, 0 if unknown.
    pub population: u64,
    /// GeoNames feature code or the curators' code.
    pub feature: &'g str,
}

/// The compiled form in use.
#[derive(Debug)]
struct Compiled {
    blob: &'static [u8],
    n_places: usize,
    n_keys: usize,
    keys_at: usize,
    postings_at: usize,
    /// The key filter (see [`FILTER_BITS`]).
    filter: &'static [u8],
    /// The key table (see [`key_slots`]).
    table_at: usize,
    /// Its slot count less one (a power of two less one).
    slot_mask: usize,
    /// The string pool, checked once to be UTF-8 when the blob is opened.
    strings: &'static str,
    max_words: usize,
    stop: Vec<&'static str>,
    /// The same, for membership (a binary search read the stop words' text
    /// from all over the blob).
    stopped: rustc_hash::FxHashSet<&'static str>,
    admin1s: HashMap<(&'static str, &'static str), u32>,
}

#[derive(Debug)]
enum Backing {
    Compiled(Compiled),
    Built(Box<Builder>),
}

/// The gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    backing: Backing,
    /// A number no other gazetteer of this run has: caches of what was read
    /// from one (per thread) are told apart by it.
    instance: u64,
}

/// The next [`Gazetteer::instance`].
static INSTANCES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_instance() -> u64 {
    INSTANCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    match b.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => panic!("compiled gazetteer: read past the end at {at}"),
    }
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    match b.get(at..at + 8).map(<[u8; 8]>::try_from) {
        Some(Ok(x)) => u64::from_le_bytes(x),
        _ => panic!("compiled gazetteer: read past the end at {at}"),
    }
}

impl Compiled {
    fn str_at(&self, at: usize) -> &'static str {
        let (o, l) = (
            u32_at(self.blob, at) as usize,
            u32_at(self.blob, at + 4) as usize,
        );
        // A corrupt record gives "" rather than a panic.
        self.strings.get(o..o + l).unwrap_or("")
    }

    fn place(&self, i: u32) -> Place<'static> {
        let r = HEADER + i as usize * PLACE_REC;
        let b = self.blob;
        Place {
            id: self.str_at(r),
            name: self.str_at(r + 8),
            kind_text: self.str_at(r + 16),
            country: self.str_at(r + 24),
            admin1: self.str_at(r + 32),
            feature: self.str_at(r + 40),
            lat: f64::from_bits(u64_at(b, r + 48)),
            lon: f64::from_bits(u64_at(b, r + 56)),
            population: u64_at(b, r + 64),
            kind: KINDS[(b[r + 72] as usize).min(KINDS.len() - 1)],
        }
    }

    fn kind_population(&self, i: u32) -> (Kind, u64) {
        let r = HEADER + i as usize * PLACE_REC;
        let b = self.blob;
        (
            KINDS[(b[r + 72] as usize).min(KINDS.len() - 1)],
            u64_at(b, r + 64),
        )
    }

    fn key(&self, k: usize) -> &'static [u8] {
        self.str_at(self.keys_at + k * KEY_REC).as_bytes()
    }

    /// Whether the key filter may hold `key` (no means certainly not).
    fn may_hold(&self, key: &str) -> bool {
        let bit = key_hash(key.as_bytes()) % FILTER_BITS;
        self.filter[(bit / 8) as usize] & (1 << (bit % 8)) != 0
    }

    fn lookup(&self, key: &str) -> Vec<(u32, NameKind)> {
        let h = key_hash(key.as_bytes());
        let bit = h % FILTER_BITS;
        if self.filter[(bit / 8) as usize] & (1 << (bit % 8)) == 0 {
            return Vec::new();
        }
        let (start, n) = RECENT.with_borrow_mut(|recent| {
            if recent.0 != self.blob.as_ptr() as usize || recent.1.len() > RECENT_KEYS {
                recent.0 = self.blob.as_ptr() as usize;
                recent.1.clear();
            }
            if let Some(&r) = recent.1.get(key) {
                return r;
            }
            let r = self.probe(h, key);
            recent.1.insert(key.into(), r);
            r
        });
        (start..start + n)
            .map(|p| unposting(u32_at(self.blob, self.postings_at + p as usize * 4)))
            .collect()
    }

    /// Where the postings of `key` (hashed to `h`) are: first and count.
    fn probe(&self, h: u64, key: &str) -> (u32, u32) {
        let mut slot = h as usize & self.slot_mask;
        // At most half the slots are full: the probe ends at an empty one (the
        // bound only guards against a corrupt blob).
        for _ in 0..=self.slot_mask {
            let k = u32_at(self.blob, self.table_at + 4 * slot) as usize;
            if k == 0 || k > self.n_keys {
                return (0, 0);
            }
            if self.key(k - 1) == key.as_bytes() {
                let r = self.keys_at + (k - 1) * KEY_REC;
                return (u32_at(self.blob, r + 8), u32_at(self.blob, r + 12));
            }
            slot = (slot + 1) & self.slot_mask;
        }
        (0, 0)
    }
}

/// Keys a thread remembers before it starts afresh.
const RECENT_KEYS: usize = 1 << 13;

/// A compiled gazetteer's blob address, and keys with where their postings are.
/// The keys come from articles, so the map hashes with a random key (std's),
/// not with a fixed one a crafted text could collide.
type Recent = (usize, std::collections::HashMap<Box<str>, (u32, u32)>);

thread_local! {
    /// The keys this thread looked up lately in a compiled gazetteer (named by
    /// its blob's address) and where their postings are. News names the same
    /// places again and again, and each probe of the table is several cache
    /// misses in a blob of tens of megabytes.
    static RECENT: std::cell::RefCell<Recent> = std::cell::RefCell::default();
}

impl Gazetteer {
    /// Use a compiled blob as it is. Fails only on a blob that is not one.
    pub fn compiled(blob: &'static [u8]) -> Result<Gazetteer, String> {
        if blob.len() < HEADER || &blob[..8] != MAGIC {
            return Err("not a compiled chronomap gazetteer".into());
        }
        let n = |k: usize| u32_at(blob, 8 + 4 * k) as usize;
        let (n_places, n_keys, n_post, n_stop, max_words, n_strings) =
            (n(0), n(1), n(2), n(3), n(4), n(5));
        let keys_at = HEADER + n_places * PLACE_REC;
        let postings_at = keys_at + n_keys * KEY_REC;
        let stop_at = postings_at + n_post * 4;
        let filter_at = stop_at + n_stop * 8;
        let table_at = filter_at + (FILTER_BITS / 8) as usize;
        let slots = key_slots(n_keys);
        let strings_at = table_at + 4 * slots;
        if strings_at + n_strings != blob.len() {
            return Err("compiled gazetteer has the wrong length".into());
        }
        let strings = std::str::from_utf8(&blob[strings_at..])
            .map_err(|e| format!("compiled gazetteer strings: {e}"))?;
        let mut c = Compiled {
            blob,
            n_places,
            n_keys,
            keys_at,
            postings_at,
            filter: &blob[filter_at..table_at],
            table_at,
            slot_mask: slots - 1,
            strings,
            max_words,
            stop: Vec::with_capacity(n_stop),
            stopped: rustc_hash::FxHashSet::default(),
            admin1s: HashMap::default(),
        };
        for k in 0..n_stop {
            let s = c.str_at(stop_at + 8 * k);
            c.stop.push(s);
            c.stopped.insert(s);
        }
        for i in 0..n_places as u32 {
            let r = HEADER + i as usize * PLACE_REC;
            if KINDS[(blob[r + 72] as usize).min(KINDS.len() - 1)] == Kind::Admin1 {
                let p = c.place(i);
                c.admin1s.insert((p.country, p.admin1), i);
            }
        }
        Ok(Gazetteer {
            backing: Backing::Compiled(c),
            instance: next_instance(),
        })
    }

    /// Answer from a builder (the fixture in tests, or `--gazetteer` files).
    pub fn dynamic(b: Builder) -> Gazetteer {
        Gazetteer {
            backing: Backing::Built(Box::new(b)),
            instance: next_instance(),
        }
    }

    /// A builder holding everything this gazetteer holds, to add files to.
    pub fn to_builder(&self) -> Builder {
        match &self.backing {
            Backing::Built(b) => {
                let mut out = Builder::new();
                for i in 0..b.places.len() as u32 {
                    out.push_row(b.place(i).clone());
                }
                for (k, v) in b.keys() {
                    for &(i, nk) in v {
                        out.push_key(k, i, nk);
                    }
                }
                for s in b.stops() {
                    out.push_stop(s);
                }
                out
            }
            Backing::Compiled(c) => {
                let mut out = Builder::new();
                for i in 0..c.n_places as u32 {
                    let p = c.place(i);
                    out.push_row(super::rows::Row {
                        id: p.id.into(),
                        name: p.name.into(),
                        lat: p.lat,
                        lon: p.lon,
                        kind: p.kind,
                        kind_text: p.kind_text.into(),
                        country: p.country.into(),
                        admin1: p.admin1.into(),
                        population: p.population,
                        feature: p.feature.into(),
                    });
                }
                for k in 0..c.n_keys {
                    let key = std::str::from_utf8(c.key(k)).unwrap_or("");
                    for (i, nk) in c.lookup(key) {
                        out.push_key(key, i, nk);
                    }
                }
                for s in &c.stop {
                    out.push_stop(s);
                }
                out
            }
        }
    }

    /// How many places.
    pub fn len(&self) -> usize {
        match &self.backing {
            Backing::Compiled(c) => c.n_places,
            Backing::Built(b) => b.places.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A place by index.
    pub fn place(&self, i: u32) -> Place<'_> {
        match &self.backing {
            Backing::Compiled(c) => c.place(i),
            Backing::Built(b) => {
                let r = b.place(i);
                Place {
                    id: &r.id,
                    name: &r.name,
                    lat: r.lat,
                    lon: r.lon,
                    kind: r.kind,
                    kind_text: &r.kind_text,
                    country: &r.country,
                    admin1: &r.admin1,
                    population: r.population,
                    feature: &r.feature,
                }
            }
        }
    }

    /// The kind and population of place `i`: what the matcher's tests of
    /// size ask, without reading the place's strings.
    pub fn kind_population(&self, i: u32) -> (Kind, u64) {
        match &self.backing {
            Backing::Compiled(c) => c.kind_population(i),
            Backing::Built(b) => {
                let r = b.place(i);
                (r.kind, r.population)
            }
        }
    }

    /// The places a key may name, with how it names them.
    pub fn lookup(&self, key: &str) -> Vec<(u32, NameKind)> {
        match &self.backing {
            Backing::Compiled(c) => c.lookup(key),
            Backing::Built(b) => b.lookup(key).to_vec(),
        }
    }

    /// Whether a longer key may start with `prefix`, a key followed by a
    /// space. False means none does; true may be wrong (a filter collision).
    pub fn may_extend(&self, prefix: &str) -> bool {
        match &self.backing {
            Backing::Compiled(c) => c.may_hold(prefix),
            Backing::Built(b) => b.has_prefix(prefix),
        }
    }

    /// Whether a key names any place.
    pub fn contains(&self, key: &str) -> bool {
        !self.lookup(key).is_empty()
    }

    /// Whether a name, as written, is the own name or an alias of a well-known
    /// place: a country, a division, a region, or a city of 100,000 or more
    /// (not a stoplisted word, not a small town: "OBAMA:" in a transcript is
    /// a speaker). The test a weak dateline shape ("NEW DELHI:") must pass.
    pub fn names_a_known_place(&self, name: &str) -> bool {
        let key = super::fold::key(name);
        !self.is_stopped(&key)
            && self
                .lookup(&key)
                .iter()
                .any(|&(c, nk)| nk != NameKind::Alt && self.is_big(c))
    }

    /// Whether place `i` is anything but a town under 100,000.
    pub fn is_big(&self, i: u32) -> bool {
        let (kind, population) = self.kind_population(i);
        kind != Kind::City || population >= 100_000
    }

    /// A number no other gazetteer of this run has.
    pub fn instance(&self) -> u64 {
        self.instance
    }

    /// Whether a key is on the stoplist.
    pub fn is_stopped(&self, key: &str) -> bool {
        match &self.backing {
            Backing::Compiled(c) => c.stopped.contains(key),
            Backing::Built(b) => b.is_stopped(key),
        }
    }

    /// Most words in any key.
    pub fn max_words(&self) -> usize {
        match &self.backing {
            Backing::Compiled(c) => c.max_words,
            Backing::Built(b) => b.max_words,
        }
    }

    /// The first-level division with this code in this country ("US", "FL").
    pub fn admin1(&self, country: &str, code: &str) -> Option<u32> {
        match &self.backing {
            Backing::Compiled(c) => c.admin1s.get(&(country, code)).copied(),
            Backing::Built(b) => b.admin1(country, code),
        }
    }

    /// A place by id (a scan over the compiled form: for tools and tests).
    pub fn by_id(&self, id: &str) -> Option<Place<'_>> {
        (0..self.len() as u32)
            .map(|i| self.place(i))
            .find(|p| p.id == id)
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
        let mut b = Builder::new();
        b.add_text("fixture", FIXTURE).unwrap();
        Gazetteer::dynamic(b)
    }

    /// The fixture through the compiled form, as the binary ships it.
    fn compiled_fixture() -> Gazetteer {
        let mut b = Builder::new();
        b.add_text("fixture", FIXTURE).unwrap();
        let blob: &'static [u8] = Box::leak(b.to_blob().into_boxed_slice());
        Gazetteer::compiled(blob).unwrap()
    }

    #[test]
    fn the_compiled_form_answers_like_the_builder() {
        let (d, c) = (fixture(), compiled_fixture());
        assert_eq!(d.len(), c.len());
        for i in 0..d.len() as u32 {
            assert_eq!(d.place(i), c.place(i));
        }
        for k in [
            "paris",
            "us",
            "sao paulo",
            "chinese",
            "central asian",
            "new york",
            "nowhere",
        ] {
            assert_eq!(d.lookup(k), c.lookup(k), "{k}");
        }
        // Every key through the hashed key table, and every word prefix of one
        // through the filter (which may say yes to others, never no to these).
        let b = d.to_builder();
        for (k, v) in b.keys() {
            let mut want = v.clone();
            want.sort();
            let mut got = c.lookup(k);
            got.sort();
            assert_eq!(got, want, "{k}");
            for (at, _) in k.match_indices(' ') {
                assert!(c.may_extend(&k[..=at]) && d.may_extend(&k[..=at]), "{k}");
            }
        }
        assert!(!d.may_extend("paris "));
        // Asked again, from the thread's memory of recent keys, and with
        // another compiled gazetteer asked in between: the same answers.
        let other = {
            let mut b = Builder::new();
            let rows =
                "# format: id name alt_names lat lon kind country admin1 population feature\n\
                        x:1\tParis\t\t1\t2\tcity\tXX\t\t10\tPPL\n";
            b.add_text("other", rows).unwrap();
            Gazetteer::compiled(Box::leak(b.to_blob().into_boxed_slice())).unwrap()
        };
        for _ in 0..2 {
            for (k, v) in b.keys() {
                let mut got = c.lookup(k);
                got.sort();
                let mut want = v.clone();
                want.sort();
                assert_eq!(got, want, "{k}");
            }
            assert_eq!(other.lookup("paris").len(), 1);
            assert!(other.lookup("qingdao").is_empty());
        }
        assert_eq!(c.max_words(), d.max_words());
        assert!(c.is_stopped("of") && !c.is_stopped("paris"));
        assert_eq!(c.admin1("US", "TX"), d.admin1("US", "TX"));
        assert_eq!(c.by_id("t:qd").map(|p| p.name), Some("Qingdao"));
        // And back again, for --gazetteer files over the compiled base.
        let mut b = c.to_builder();
        b.add_text("more", "# format: alias target_id\nPRC\tt:cn\n")
            .unwrap();
        let g = Gazetteer::dynamic(b);
        assert_eq!(g.lookup("prc").len(), 1);
        assert_eq!(g.lookup("paris"), d.lookup("paris"));
    }

    #[test]
    fn names_aliases_and_demonyms_are_indexed() {
        let g = fixture();
        let names =
            |k: &str| -> Vec<&str> { g.lookup(k).iter().map(|(i, _)| g.place(*i).name).collect() };
        assert_eq!(names("paris"), vec!["Paris", "Paris"]);
        assert_eq!(names("us"), vec!["United States"]);
        assert_eq!(names("sao paulo"), vec!["São Paulo"]);
        assert_eq!(names("chinese"), vec!["China"]);
        assert_eq!(g.lookup("central asian")[0].1, NameKind::Demonym);
        assert!(g.is_stopped("of"));
        assert_eq!(g.max_words(), 4);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let mut g = Builder::new();
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
        let mut g = Builder::new();
        g.add_text("fixture", FIXTURE).unwrap();
        g.add_text("fix", "# format: id name alt_names lat lon kind country admin1 population feature\nt:qd\tQingdao\t\t36.07\t120.38\tcity\tCN\t07\t4000000\tPPLA2\n")
            .unwrap();
        assert_eq!(g.by_id("t:qd").unwrap().population, 4000000);
        assert_eq!(g.lookup("qingdao").len(), 1);
    }
}
