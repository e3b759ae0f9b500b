//! Choosing one place per name, with the document as context.
//!
//! Each candidate gets a prior from what it is (a country over a town, a capital
//! over a village, bigger over smaller, its own name over a stray alternate name)
//! and a context score from the article: the dateline's place and country,
//! "City, State" and "City, Country" patterns ("Paris, Texas", "FORT LAUDERDALE,
//! Fla."), the countries and states the article names, and distance to the
//! dateline. Names with one candidate are settled first and become context for
//! the rest; a second pass lets every choice inform the others.

use super::fold;
use super::gazetteer::{Gazetteer, Kind, NameKind, Place};
use super::matcher::Found;
use super::rows::key_hash;
use super::vocab;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::hash_map::Entry;
use std::rc::Rc;

/// A name with the place chosen for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Index of the chosen place in the gazetteer.
    pub place: u32,
    /// Written as an adjective.
    pub demonym: bool,
    /// A locative word stands before it.
    pub cue: bool,
    /// The chosen candidate's score, and the runner-up's (for explanations).
    pub score: f64,
}

/// The prior of a candidate: what it is, how big, and how it is named.
pub fn prior(p: Place<'_>, nk: NameKind) -> f64 {
    let kind = match p.kind {
        Kind::Country => 6.0,
        Kind::Continent => 5.0,
        Kind::Union | Kind::Region | Kind::Water | Kind::Zone => 4.5,
        Kind::Admin1 => 3.5,
        Kind::Island | Kind::Land | Kind::Landmark => 3.0,
        Kind::Admin2 => 1.0,
        Kind::City => match p.feature {
            "PPLC" => 3.0,
            "PPLA" => 2.0,
            "PPLA2" => 1.5,
            "PPLA3" | "PPLA4" | "PPLG" => 1.0,
            _ => 0.5,
        },
    };
    let name = match nk {
        NameKind::Name | NameKind::Alias | NameKind::Demonym => 0.5,
        NameKind::Alt => 0.0,
    };
    kind + 0.6 * ((p.population as f64) + 1.0).log10() + name
}

/// Mean Earth radius, km.
const EARTH_KM: f64 = 6371.0088;

/// A place as a unit vector: the cosine of the angle between two places is the
/// dot product of theirs, so comparing distances needs no trigonometry per pair.
fn unit(lat: f64, lon: f64) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lon.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// Whether two unit vectors whose dot product is `d` lie within `km` of each other.
fn closer_than(d: f64, km: f64) -> bool {
    d > (km / EARTH_KM).cos()
}

/// Great-circle distance in km.
pub fn km(a: Place<'_>, b: Place<'_>) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}

/// A country or admin1 code as a number, so that comparing two is one
/// instruction: codes of up to eight bytes are packed as they are (all ISO
/// country codes and nearly all admin1 codes), longer ones hashed with the top
/// bit set.
fn code(s: &str) -> u64 {
    let b = s.as_bytes();
    if b.len() <= 8 {
        let mut x = [0u8; 8];
        x[..b.len()].copy_from_slice(b);
        u64::from_le_bytes(x)
    } else {
        key_hash(b) | 1 << 63
    }
}

/// The code of the empty string: no country, no admin1.
const NONE: u64 = 0;

/// A place a name is said to be in by "X, Y": Y's country and, for a state or
/// province, its admin1 code.
type Container = (u64, Option<u64>);

/// What the article says about where it is. Totals, not lists, so that asking
/// costs the same however many names the article has (a name's own share is
/// kept apart, to be left out of its own score). The weights are multiples of
/// 0.5, so sums and differences are exact whatever the order.
#[derive(Debug, Default)]
struct Context {
    /// Countries named or implied: total weight per country.
    countries: FxHashMap<u64, f64>,
    /// Each name's own country and weight in `countries`.
    own_country: Vec<Option<(u64, f64)>>,
    /// (country, admin1) pairs named (states, provinces): how many names (and
    /// the dateline) name each.
    admin1s: FxHashMap<(u64, u64), usize>,
    /// Each name's own pair in `admin1s`.
    own_admin1: Vec<Option<(u64, u64)>>,
    /// The dateline's place, and where it is.
    dateline: Option<u32>,
    dateline_at: Option<[f64; 3]>,
    /// Local places chosen so far (cities, counties, states), one entry per
    /// place: where it is, the first name that chose it, and whether another
    /// name did too. An article's places lie near each other.
    points: Vec<Point>,
    /// The points in cubes of the widest band of [`NEAR_KM`], so that "which
    /// point is nearest" looks at the points around, not at all of them;
    /// built only when there are more than [`SCAN_POINTS`].
    grid: Option<Grid>,
    /// (country, admin1) pairs of settled local places ("Rapides Parish" says
    /// Louisiana): total weight per pair.
    local_admin1s: FxHashMap<(u64, u64), f64>,
}

/// The distances at which nearby places count, with their bonus, nearest
/// first.
const NEAR_KM: [(f64, f64); 3] = [(50.0, 2.5), (150.0, 1.5), (400.0, 0.5)];

/// Up to this many points, "which point is nearest" scans them all; beyond,
/// it asks a [`Grid`].
const SCAN_POINTS: usize = 48;

/// Points (unit vectors) bucketed into cubes, once per band of [`NEAR_KM`]
/// with the band's distance as the side on the unit sphere: two points within
/// that distance of each other lie in the same or adjacent cubes (their chord
/// is shorter than their arc). The band of the nearest point is then found
/// band by band, each stopping at the first point within it, so that a dense
/// cluster of places costs no more than a sparse one.
#[derive(Debug, Default)]
struct Grid {
    levels: Vec<Level>,
}

/// One band's cubes.
#[derive(Debug, Default)]
struct Level {
    km: f64,
    cells: FxHashMap<[i32; 3], Vec<usize>>,
}

/// A point chosen by the names: the place, where it is, the first name that
/// chose it, and whether another name did too.
type Point = (u32, [f64; 3], usize, bool);

/// Whether a point counts for a candidate `c` of name `me`: it is another
/// place, or the same choice made by another name too.
fn counts(&(o, _, i, more): &Point, c: u32, me: usize) -> bool {
    o != c && (i != me || more)
}

/// The dot product of `at` with the nearest of `points` that counts (see
/// [`counts`]); -2 (farther than anything) when none.
fn nearest<'a>(points: impl Iterator<Item = &'a Point>, at: [f64; 3], c: u32, me: usize) -> f64 {
    points
        .filter(|p| counts(p, c, me))
        .map(|&(_, v, _, _)| dot(at, v))
        .fold(-2.0, f64::max)
}

/// The band of [`NEAR_KM`] that a nearest point at dot product `near` falls in.
fn band(near: f64) -> Option<usize> {
    NEAR_KM.iter().position(|&(km, _)| closer_than(near, km))
}

impl Level {
    fn cell(&self, v: [f64; 3]) -> [i32; 3] {
        let side = self.km / EARTH_KM;
        v.map(|x| (x / side).floor() as i32)
    }

    /// Whether a point that counts lies within `km` of `at`.
    fn any_within(&self, points: &[Point], at: [f64; 3], c: u32, me: usize) -> bool {
        let [x, y, z] = self.cell(at);
        for dx in -1..=1 {
            for dy in -1..=1 {
                for dz in -1..=1 {
                    let Some(ks) = self.cells.get(&[x + dx, y + dy, z + dz]) else {
                        continue;
                    };
                    if ks.iter().any(|&k| {
                        counts(&points[k], c, me) && closer_than(dot(at, points[k].1), self.km)
                    }) {
                        return true;
                    }
                }
            }
        }
        false
    }
}

impl Grid {
    fn new(points: &[Point]) -> Grid {
        let levels = NEAR_KM
            .iter()
            .map(|&(km, _)| {
                let mut level = Level {
                    km,
                    cells: FxHashMap::default(),
                };
                for (k, p) in points.iter().enumerate() {
                    level.cells.entry(level.cell(p.1)).or_default().push(k);
                }
                level
            })
            .collect();
        Grid { levels }
    }

    /// [`band`] of the nearest point that counts, asked band by band.
    fn band(&self, points: &[Point], at: [f64; 3], c: u32, me: usize) -> Option<usize> {
        self.levels
            .iter()
            .position(|level| level.any_within(points, at, c, me))
    }
}

impl Context {
    /// How strongly the article is about country `c`, not counting name `me`'s
    /// own reading (a name must not vote for itself).
    fn country_weight(&self, c: u64, me: usize) -> f64 {
        let all = self.countries.get(&c).copied().unwrap_or(0.0);
        let own = match self.own_country.get(me) {
            Some(&Some((k, w))) if k == c => w,
            _ => 0.0,
        };
        (all - own).min(3.0)
    }

    /// Whether a name other than `me` names the state (`country`, `admin1`).
    fn admin1_named(&self, country: u64, admin1: u64, me: usize) -> bool {
        let all = self.admin1s.get(&(country, admin1)).copied().unwrap_or(0);
        let own = self.own_admin1.get(me) == Some(&Some((country, admin1)));
        admin1 != NONE && all > usize::from(own)
    }
}

/// Resolve the names found in `text`. `dateline` is the byte range of the
/// dateline's place text, if the article has one.
/// What resolution needs of one name's candidates that does not depend on the
/// article: their kinds, their country and admin1 codes and where they are,
/// the countries the name itself can mean, each candidate's capital bonus
/// and prior, and whether it yields to a city (see [`yields_to_city`]).
struct Facts {
    kinds: Vec<Kind>,
    codes: Vec<(u64, u64, [f64; 3])>,
    countries_named: Vec<u64>,
    fixed: Vec<(f64, f64)>,
    /// Whether each candidate is a town dwarfed by a great city of the same
    /// name (Paris, Texas beside Paris): see [`dwarfed`].
    dwarfed: Vec<bool>,
    yields: Vec<bool>,
}

/// Candidate lists a thread remembers before it starts afresh.
const FACTS_KEPT: usize = 1 << 13;

/// A gazetteer (by [`Gazetteer::instance`]) and the facts of candidate lists.
type FactsCache = (u64, FxHashMap<Vec<(u32, NameKind)>, Rc<Facts>>);

thread_local! {
    /// The facts of the candidate lists this thread resolved lately: news names
    /// the same places again and again, and reading a candidate's record and
    /// strings is several cache misses in a large gazetteer.
    static FACTS: RefCell<FactsCache> = RefCell::default();
}

/// The facts of a candidate list, read from the gazetteer or remembered.
fn facts_of(g: &Gazetteer, cands: &[(u32, NameKind)]) -> Rc<Facts> {
    FACTS.with_borrow_mut(|(instance, kept)| {
        if *instance != g.instance() || kept.len() >= FACTS_KEPT {
            *instance = g.instance();
            kept.clear();
        }
        if let Some(f) = kept.get(cands) {
            return Rc::clone(f);
        }
        let places: Vec<Place<'_>> = cands.iter().map(|&(c, _)| g.place(c)).collect();
        let f = Rc::new(Facts {
            kinds: places.iter().map(|p| p.kind).collect(),
            codes: places
                .iter()
                .map(|p| (code(p.country), code(p.admin1), unit(p.lat, p.lon)))
                .collect(),
            countries_named: places
                .iter()
                .filter(|p| p.kind == Kind::Country)
                .map(|p| code(p.country))
                .collect(),
            fixed: cands
                .iter()
                .zip(&places)
                .map(|(&(c, nk), &p)| (capital_bonus(c, p, cands, &places), prior(p, nk)))
                .collect(),
            dwarfed: places.iter().map(|&p| dwarfed(p, &places)).collect(),
            yields: places.iter().map(|&p| yields_to_city(p, &places)).collect(),
        });
        kept.insert(cands.to_vec(), Rc::clone(&f));
        f
    })
}

pub fn resolve(
    g: &Gazetteer,
    text: &str,
    found: &[Found],
    dateline: Option<(usize, usize)>,
) -> Vec<Resolved> {
    debug_assert!(found.windows(2).all(|w| w[0].start < w[1].start));
    // Pattern links: name i is followed by ", " and then name j, or by ", " and a
    // US state abbreviation.
    let mut within: Vec<Vec<Container>> = vec![Vec::new(); found.len()];
    for (i, f) in found.iter().enumerate() {
        let rest = &text[f.end..];
        let Some(after) = rest.strip_prefix(',').or_else(|| rest.strip_prefix(" ,")) else {
            continue;
        };
        let gap = after.len() - after.trim_start().len();
        if gap > 2 {
            continue;
        }
        let at = f.end + (rest.len() - after.len()) + gap;
        // The names are in text order: the one at `at` is found by bisection.
        let j = found.partition_point(|n| n.start < at);
        if let Some(j) = (j < found.len() && found[j].start == at).then_some(j) {
            for &(c, _) in &found[j].cands {
                let p = g.place(c);
                match p.kind {
                    Kind::Country => within[i].push((code(p.country), None)),
                    Kind::Admin1 => within[i].push((code(p.country), Some(code(p.admin1)))),
                    _ => {}
                }
            }
        } else {
            // "FORT LAUDERDALE, Fla.", "Paris, Tex."
            let word: String = text[at..]
                .chars()
                .take_while(|c| c.is_alphabetic() || *c == '.')
                .collect();
            if let Some(state) = vocab::us_state(&fold::key(&word)) {
                within[i].push((code("US"), Some(code(state))));
            }
        }
    }
    // What each name's candidates are, the countries the name can itself
    // mean, and the parts of the score that do not depend on the article.
    let facts: Vec<Rc<Facts>> = found.iter().map(|f| facts_of(g, &f.cands)).collect();
    let mut ctx = Context::default();
    // Each name's choice: the place, its score, and its index in the candidates.
    let mut chosen: Vec<Option<(u32, f64, usize)>> = vec![None; found.len()];
    // Pass 0: names with one candidate, and the dateline, settle first.
    for pass in 0..4 {
        for (i, f) in found.iter().enumerate() {
            if pass == 0 && f.cands.len() > 1 && !in_range(f, dateline) {
                continue;
            }
            let fs = &facts[i];
            let best = f
                .cands
                .iter()
                .enumerate()
                .filter(|&(k, _)| !fs.yields[k])
                .map(|(k, &(c, _))| {
                    let same_name_country = fs.countries_named.contains(&fs.codes[k].0);
                    let cand = Cand {
                        c,
                        kind: fs.kinds[k],
                        codes: fs.codes[k],
                        prior: fs.fixed[k].1,
                        dwarfed: fs.dwarfed[k],
                    };
                    let s = score(
                        i,
                        cand,
                        &within[i],
                        &ctx,
                        in_range(f, dateline),
                        same_name_country,
                    );
                    (c, s + division_bonus(f, fs.kinds[k], fs.fixed[k].0), k)
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            chosen[i] = best;
            if pass == 0 && in_range(f, dateline) {
                if let Some((c, _, _)) = best {
                    // The first name of the dateline is its place ("FORT LAUDERDALE").
                    if ctx.dateline.is_none() {
                        ctx.dateline = Some(c);
                    }
                }
            }
        }
        ctx = rebuild(g, found, &chosen, &facts, ctx.dateline);
    }
    found
        .iter()
        .zip(chosen)
        .filter_map(|(f, c)| {
            c.map(|(place, score, _)| Resolved {
                start: f.start,
                end: f.end,
                place,
                demonym: f.demonym,
                cue: f.cue,
                score,
            })
        })
        .collect()
}

/// A town under 100,000 beside a capital or a city of a million or more in
/// another country, ten times its size, of the same name: that the town's
/// country is named somewhere in the article ("deported from the United
/// States") is not enough to choose it over the city a reader thinks of
/// (Paris, Warsaw).
fn dwarfed(p: Place<'_>, places: &[Place<'_>]) -> bool {
    p.kind == Kind::City
        && p.population < 100_000
        && places.iter().any(|q| {
            q.kind == Kind::City
                && q.country != p.country
                && (q.feature == "PPLC" || q.population >= 1_000_000)
                && q.population >= p.population.saturating_mul(10)
        })
}

/// "Moscow", "Beijing": a capital city and the division named after it; the
/// name means the city.
fn capital_bonus(c: u32, p: Place<'_>, cands: &[(u32, NameKind)], places: &[Place<'_>]) -> f64 {
    let by_name = cands.iter().any(|&(o, nk)| o == c && nk == NameKind::Name);
    if p.kind != Kind::City || !matches!(p.feature, "PPLC" | "PPLA") || !by_name {
        return 0.0;
    }
    // A country of the same name ("Mexico") is what the name means.
    if places.iter().any(|q| q.kind == Kind::Country) {
        return 0.0;
    }
    // The division the city is in ("State of Berlin"), or for a national
    // capital any division of its country ("Washington" the state).
    let shadowed = places.iter().any(|q| {
        q.kind == Kind::Admin1
            && q.country == p.country
            && (q.admin1 == p.admin1 || p.feature == "PPLC")
    });
    if shadowed {
        4.0
    } else {
        0.0
    }
}

/// "Cork", "Pune", "Bolton", "Torino": a county or district named like a city
/// of its own state or province; the name means the city, and the division is
/// never chosen for it ("County Cork" and "Co. Cork" name the county alone).
fn yields_to_city(p: Place<'_>, places: &[Place<'_>]) -> bool {
    p.kind == Kind::Admin2
        && places
            .iter()
            .any(|q| q.kind == Kind::City && q.country == p.country && q.admin1 == p.admin1)
}

fn in_range(f: &Found, r: Option<(usize, usize)>) -> bool {
    r.is_some_and(|(a, b)| f.start >= a && f.end <= b)
}

fn rebuild(
    g: &Gazetteer,
    found: &[Found],
    chosen: &[Option<(u32, f64, usize)>],
    facts: &[Rc<Facts>],
    dateline: Option<u32>,
) -> Context {
    let mut ctx = Context {
        dateline,
        own_country: vec![None; found.len()],
        own_admin1: vec![None; found.len()],
        ..Context::default()
    };
    // The chosen candidates' places and codes were read once, before the passes.
    for (i, (f, c)) in found.iter().zip(chosen).enumerate() {
        let Some((_, _, k)) = *c else { continue };
        let (kind, (country, admin1, _)) = (facts[i].kinds[k], facts[i].codes[k]);
        if country == NONE {
            continue;
        }
        // Settled names count fully, guesses half.
        let w = if f.cands.len() == 1 { 1.0 } else { 0.5 };
        *ctx.countries.entry(country).or_default() += w;
        ctx.own_country[i] = Some((country, w));
        if kind == Kind::Admin1 {
            let pair = (country, admin1);
            *ctx.admin1s.entry(pair).or_default() += 1;
            ctx.own_admin1[i] = Some(pair);
        }
        if matches!(kind, Kind::City | Kind::Admin2) && admin1 != NONE {
            *ctx.local_admin1s.entry((country, admin1)).or_default() += w;
        }
    }
    let mut seen: FxHashMap<u32, usize> = FxHashMap::default();
    for (i, (f, c)) in found.iter().zip(chosen).enumerate() {
        if let Some((c, _, k)) = *c {
            let (kind, (_, _, at)) = (facts[i].kinds[k], facts[i].codes[k]);
            if matches!(
                kind,
                Kind::City | Kind::Admin2 | Kind::Admin1 | Kind::Landmark
            ) && !f.demonym
            {
                match seen.entry(c) {
                    Entry::Occupied(e) => ctx.points[*e.get()].3 = true,
                    Entry::Vacant(e) => {
                        e.insert(ctx.points.len());
                        ctx.points.push((c, at, i, false));
                    }
                }
            }
        }
    }
    ctx.grid = (ctx.points.len() > SCAN_POINTS).then(|| Grid::new(&ctx.points));
    if let Some(d) = dateline {
        let p = g.place(d);
        ctx.dateline_at = Some(unit(p.lat, p.lon));
        if !p.country.is_empty() {
            *ctx.countries.entry(code(p.country)).or_default() += 2.0;
            if !p.admin1.is_empty() {
                *ctx.admin1s
                    .entry((code(p.country), code(p.admin1)))
                    .or_default() += 1;
            }
        }
    }
    ctx
}

/// The capital's bonus of a candidate, unless the mention says the division
/// is meant ("New York Governor"): then the division gets one instead.
fn division_bonus(f: &Found, kind: Kind, capital: f64) -> f64 {
    match (f.division, kind) {
        (false, _) => capital,
        (true, Kind::Admin1) => 3.0,
        (true, _) => 0.0,
    }
}

/// One candidate, as [`score`] needs it.
#[derive(Clone, Copy)]
struct Cand {
    c: u32,
    kind: Kind,
    codes: (u64, u64, [f64; 3]),
    prior: f64,
    dwarfed: bool,
}

fn score(
    me: usize,
    Cand {
        c,
        kind,
        codes: (country, admin1, at),
        prior,
        dwarfed,
    }: Cand,
    within: &[Container],
    ctx: &Context,
    is_dateline: bool,
    same_name_country: bool,
) -> f64 {
    let mut s = prior;
    // A dateline names a city ("NEW YORK", "WASHINGTON"), not a state or a
    // county of the same name.
    if is_dateline {
        s += match kind {
            Kind::City => 3.0,
            Kind::Admin1 | Kind::Admin2 => -3.0,
            _ => 0.0,
        };
    }
    // The article's countries favour places in them, but not a division over
    // its own country of the same name ("Mexico" the state): the name's own
    // country reading is what put that country in the context.
    let before = s;
    let in_country = country != NONE && kind != Kind::Country && !same_name_country;
    if in_country && ctx.admin1_named(country, admin1, me) {
        s += 3.0;
    }
    // "Paris, Texas": the place after the comma contains the candidate.
    for &(c, a) in within {
        if c == country {
            s += match a {
                Some(a) if a == admin1 => 8.0,
                Some(_) => 0.0,
                None => 5.0,
            };
        }
    }
    // Coherence: local places of one article lie near each other. The nearest
    // other chosen local place (not this name's own choice) pulls candidates in.
    let local = matches!(kind, Kind::City | Kind::Admin2);
    if local {
        // The nearest band with such a point gives its bonus.
        let near = match &ctx.grid {
            Some(grid) => grid.band(&ctx.points, at, c, me),
            None => band(nearest(ctx.points.iter(), at, c, me)),
        };
        s += near.map_or(0.0, |b| NEAR_KM[b].1);
        let state = ctx
            .local_admin1s
            .get(&(country, admin1))
            .copied()
            .unwrap_or(0.0);
        s += state.min(2.0);
    }
    // Nearness to the dateline's place (not for the dateline's own name).
    if let (Some(d), Some(dv), false) = (ctx.dateline, ctx.dateline_at, is_dateline) {
        if d != c {
            let near = dot(at, dv);
            if closer_than(near, 100.0) {
                s += 2.0;
            } else if closer_than(near, 500.0) {
                s += 1.0;
            }
        }
    }
    // A dwarfed town needs evidence nearer than its country (see [`dwarfed`]).
    if in_country && (!dwarfed || s > before) {
        s += 1.5 * ctx.country_weight(country, me);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::gazetteer::tests::fixture;
    use crate::geo::matcher::find;

    fn resolved(text: &str, dateline: Option<(usize, usize)>) -> Vec<(String, String)> {
        let g = fixture();
        let f = find(&g, text, 0, text.len(), &[]);
        resolve(&g, text, &f, dateline)
            .into_iter()
            .map(|r| {
                (
                    text[r.start..r.end].to_string(),
                    g.place(r.place).id.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn remembered_facts_belong_to_their_gazetteer() {
        let one = |country: &str| {
            let mut b = crate::geo::rows::Builder::new();
            let rows = format!(
                "# format: id name alt_names lat lon kind country admin1 population feature\n\
                 x:1\tParis\t\t10\t20\tcity\t{country}\tA1\t100\tPPL\n"
            );
            b.add_text("one", &rows).unwrap();
            Gazetteer::dynamic(b)
        };
        let (fr, us) = (one("FR"), one("US"));
        let cands = [(0, NameKind::Name)];
        for _ in 0..2 {
            assert_eq!(facts_of(&fr, &cands).codes[0].0, code("FR"));
            assert_eq!(facts_of(&us, &cands).codes[0].0, code("US"));
        }
        let f = facts_of(&fr, &cands);
        assert_eq!(f.kinds, [Kind::City]);
        assert_eq!(f.codes[0].1, code("A1"));
        assert_eq!(f.fixed[0].1, prior(fr.place(0), NameKind::Name));
        assert!(f.countries_named.is_empty());
    }

    #[test]
    fn paris_is_paris_unless_texas_says_otherwise() {
        assert_eq!(
            resolved("They met in Paris on Monday.", None),
            vec![("Paris".into(), "t:paris".into())]
        );
        assert_eq!(
            resolved("They met in Paris, Texas on Monday.", None),
            vec![
                ("Paris".into(), "t:paristx".into()),
                ("Texas".into(), "t:tx".into())
            ]
        );
        assert_eq!(
            resolved("They met in Paris, Tex., on Monday.", None)[0].1,
            "t:paristx"
        );
    }

    #[test]
    fn the_article_country_decides() {
        // A story that names Texas prefers the Texan Paris.
        let r = resolved("Texas officials said the fair in Paris drew crowds.", None);
        assert_eq!(r[1], ("Paris".into(), "t:paristx".into()));
    }

    #[test]
    fn codes_compare_like_the_strings() {
        let all = [
            "",
            "US",
            "CA",
            "06",
            "ENG",
            "ABCDEFGH",
            "ABCDEFGHI",
            "ABCDEFGHJ",
        ];
        for a in all {
            for b in all {
                assert_eq!(code(a) == code(b), a == b, "{a} {b}");
            }
        }
        assert_eq!(code(""), NONE);
    }

    #[test]
    fn nearness_by_dot_product_matches_great_circle_distance() {
        let (a, b) = ((36.07, 120.38), (31.23, 121.47)); // Qingdao, Shanghai: about 550 km
        let d = dot(unit(a.0, a.1), unit(b.0, b.1));
        assert!(closer_than(d, 600.0) && !closer_than(d, 500.0));
        assert!(closer_than(dot(unit(a.0, a.1), unit(a.0, a.1)), 0.001));
    }

    #[test]
    fn the_grid_finds_what_a_scan_of_every_point_finds() {
        // Points spread over the globe and clustered, some at the poles and the
        // antimeridian, some chosen twice or by the asking name itself.
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut points = Vec::new();
        for k in 0..600u32 {
            let (lat, lon) = match k % 4 {
                0 => (next() * 180.0 - 90.0, next() * 360.0 - 180.0),
                1 => (48.0 + next() * 4.0, 2.0 + next() * 4.0),
                2 => (89.0 + next(), next() * 360.0 - 180.0),
                _ => (
                    next() * 10.0 - 5.0,
                    179.0 + next() * 2.0 - 360.0 * (k % 8 / 4) as f64,
                ),
            };
            points.push((k % 500, unit(lat, lon), (k % 300) as usize, k % 7 == 0));
        }
        // The grid gives the band a scan of every point gives.
        let grid = Grid::new(&points);
        let mut bands = [0usize; 4];
        for q in 0..600 {
            let at = points[q].1;
            let (c, me) = (points[q].0, points[(q * 7) % 600].2);
            let scanned = band(nearest(points.iter(), at, c, me));
            assert_eq!(grid.band(&points, at, c, me), scanned, "point {q}");
            bands[scanned.unwrap_or(3)] += 1;
            // And the scan is the nearest point that counts.
            for &(km, _) in &NEAR_KM {
                let any = points.iter().any(|&(o, v, i, more)| {
                    o != c && (i != me || more) && closer_than(dot(at, v), km)
                });
                assert_eq!(closer_than(nearest(points.iter(), at, c, me), km), any);
            }
        }
        // Every band occurs, and none, or the test would prove little.
        assert!(bands.iter().all(|&n| n >= 5), "{bands:?}");
    }

    #[test]
    fn distances_are_great_circle() {
        let g = fixture();
        let d = km(g.by_id("t:qd").unwrap(), g.by_id("t:sh").unwrap());
        assert!((540.0..560.0).contains(&d), "{d}");
    }
}
