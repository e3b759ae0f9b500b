//! Finding place names in text: every gazetteer name at once, leftmost-longest,
//! on word boundaries, with the case rules and local evidence that keep
//! organisations ("Shanghai Cooperation Organisation", "New York Times"), person
//! names ("Paris Hilton", "Mr. Jordan") and common words ("Nice to see you")
//! out.
//!
//! Names start only at a capitalised word, so the matcher walks the words of the
//! text and, at each capitalised one, looks up the keys of the longest word
//! sequences first (one hash probe each, up to the gazetteer's longest name).
//! That is leftmost-longest matching ("New York City" over "York") without an
//! automaton to build at start-up, which matters for a command-line tool whose
//! gazetteer holds hundreds of thousands of names. Which place each name means is
//! [`super::resolve`]'s business.

use super::fold;
use super::gazetteer::{Gazetteer, NameKind};
use super::vocab::{self, Lists};
use crate::date::token::{tokenize, Gap, Kind, Token};
use crate::date::vocab as dvocab;
use std::borrow::Cow;

/// A place name found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The places it may name, and how.
    pub cands: Vec<(u32, NameKind)>,
    /// Written as an adjective ("Chinese").
    pub demonym: bool,
    /// A locative word stands right before it ("in", "near", "from").
    pub cue: bool,
    /// The words around it say a state or province is meant ("New York
    /// Governor", "upstate New York"), where the name is also a city's.
    pub division: bool,
}

/// Which annotation convention the matcher follows where corpora differ.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rules {
    /// A place name inside an organisation's name ("Columbus Police
    /// Department", "University of California") counts as the place (LGL's
    /// convention); by default it does not (modern news annotation, GeoVirus).
    pub org_places: bool,
}

/// Find the place names in `text[from..to]`, skipping the byte ranges in `skip`
/// (a dateline's agency, for instance), under the default [`Rules`].
pub fn find(
    g: &Gazetteer,
    text: &str,
    from: usize,
    to: usize,
    skip: &[(usize, usize)],
) -> Vec<Found> {
    find_tokens(
        g,
        text,
        &tokenize(text, from, to),
        skip,
        None,
        Rules::default(),
    )
}

/// [`find`] over tokens already made by `tokenize` (shared with the date
/// extractor); `dateline` is the byte range of the dateline's place, whose
/// words are read as capitals are in a heading ("LIMA", not an acronym).
pub fn find_tokens(
    g: &Gazetteer,
    text: &str,
    toks: &[Token<'_>],
    skip: &[(usize, usize)],
    dateline: Option<(usize, usize)>,
    rules: Rules,
) -> Vec<Found> {
    let m = Matcher {
        g,
        text,
        t: toks,
        dateline,
        rules,
        space: std::cell::OnceCell::new(),
    };
    let mut out = Vec::new();
    let mut i = 0;
    let mut key = String::new();
    let mut ends = Vec::new();
    // Names rejected as a person's ("John Moore", "Mr. Moore") are a person's
    // in the article's other bare mentions too ("Moore said"), each mention
    // judged on its own: see [`person_elsewhere`].
    // (Filled from the text: std's randomly keyed hash, not a fixed one.)
    let mut persons: std::collections::HashMap<String, Person> = std::collections::HashMap::new();
    while i < toks.len() {
        let t = &toks[i];
        if t.kind != Kind::Word
            || !starts_upper(t.text)
            || skip.iter().any(|&(a, b)| t.start >= a && t.start < b)
        {
            i += 1;
            continue;
        }
        match m.longest_at(i, &mut key, &mut ends) {
            Some((end, cands)) => {
                let start = i;
                i = end;
                match m.judge(start, end, cands) {
                    Ok(f) => {
                        out.push(f);
                        if let Some(st) = m.state_after(end) {
                            while i < toks.len() && toks[i].start < st.end {
                                i += 1;
                            }
                            out.push(st);
                        }
                    }
                    Err(Reject::Person(how)) => {
                        let e = persons.entry(key.clone()).or_insert(how);
                        *e = (*e).max(how);
                    }
                    Err(Reject::Other) => {}
                }
            }
            None => i += 1,
        }
    }
    if !persons.is_empty() {
        out.retain(|f| !person_elsewhere(g, &persons, text, f));
    }
    out
}

/// How a name was seen to be a person's, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Person {
    /// A capitalised word stood before it ("Michael Jordan", but also
    /// "Explaining Beijing's" or "Bengali Watch India").
    Capitalised,
    /// A club's word stood after it ("Tottenham's manager"): it weighs as
    /// [`Person::Capitalised`] does elsewhere.
    Team,
    /// A title stood before it ("Mr. Moore", "President Paris").
    Titled,
}

/// Whether mention `f`, with no person evidence of its own, is still a
/// person's because another mention of the exact same name was. Never when
/// the mention itself has place evidence (a locative cue); a name seen only
/// after a capitalised word leaves countries, divisions and big cities alone
/// ("Watch India" does not erase India from the article).
fn person_elsewhere(
    g: &Gazetteer,
    persons: &std::collections::HashMap<String, Person>,
    text: &str,
    f: &Found,
) -> bool {
    if f.demonym || f.cue {
        return false;
    }
    match persons.get(&fold::key(&text[f.start..f.end])) {
        None => false,
        Some(Person::Titled) => true,
        Some(Person::Capitalised | Person::Team) => !f.cands.iter().any(|&c| prominent(g, c)),
    }
}

/// A reading a weak person cue cannot overrule: a country, a first-level
/// division, a region or sea, or a city of 100,000 or more, by its own name
/// (not a stray alternate name: "Raab" for Győr). Counties are not: so many
/// are named after people (Snyder, Webb, Caldwell).
fn prominent(g: &Gazetteer, (c, nk): (u32, NameKind)) -> bool {
    use super::gazetteer::Kind as K;
    nk != NameKind::Alt
        && match g.kind_population(c) {
            (K::City, population) => population >= 100_000,
            (K::Admin2 | K::Island | K::Land, _) => false,
            _ => true,
        }
}

/// A place whose name may open a sentence unchallenged: anything but a town
/// under 100,000. Unlike [`prominent`], any name of it counts and counties
/// and islands are big: this is the test of capitals at a sentence start, not
/// of a person reading elsewhere.
fn big(g: &Gazetteer, c: u32) -> bool {
    g.is_big(c)
}

/// The key with a leading abbreviation written out ("st joseph" -> "saint
/// joseph"), when it has one.
fn expand_abbrev(key: &str) -> Option<String> {
    // Most keys start with neither: one byte comparison says so.
    if !matches!(key.as_bytes(), [b'f' | b'm' | b's', b't', b' ' | b'e', ..]) {
        return None;
    }
    const ABBREVS: [(&str, &str); 4] = [
        ("ft ", "fort "),
        ("mt ", "mount "),
        ("st ", "saint "),
        ("ste ", "sainte "),
    ];
    ABBREVS
        .iter()
        .find_map(|(a, full)| key.strip_prefix(a).map(|rest| format!("{full}{rest}")))
}

/// Why a candidate name was turned down.
enum Reject {
    /// It is (part of) a person's name, seen so.
    Person(Person),
    /// Anything else.
    Other,
}

fn is_date_word(key: &str) -> bool {
    dvocab::lookup(dvocab::MONTHS, key).is_some() || dvocab::lookup(dvocab::WEEKDAYS, key).is_some()
}

/// `s` in lower case, borrowed when it is already (most words are).
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else if s.is_ascii() {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(s: &str) -> bool {
    s.chars().all(|c| !c.is_lowercase())
}

struct Matcher<'g, 't, 'a> {
    g: &'g Gazetteer,
    text: &'a str,
    t: &'t [Token<'a>],
    /// The dateline's place, as a byte range.
    dateline: Option<(usize, usize)>,
    rules: Rules,
    /// Whether the text is about space (planets, moons, NASA): asked only when
    /// a planet's or moon's name turns up.
    space: std::cell::OnceCell<bool>,
}

impl<'a> Matcher<'_, '_, 'a> {
    fn lower(&self, i: usize) -> Option<Cow<'a, str>> {
        let t = self.t.get(i)?;
        (t.kind == Kind::Word).then(|| lowercase(t.text))
    }

    /// Whether no line break separates tokens `a` and `b` (`a` before `b`).
    fn same_line(&self, a: usize, b: usize) -> bool {
        !self.text[self.t[a].end..self.t[b].start].contains('\n')
    }

    /// Whether token `i` sits in text set in capitals (a wire dateline or a
    /// headline): it is in the dateline's place, or its neighbouring words are
    /// capitals too.
    fn caps_context(&self, i: usize) -> bool {
        let t = &self.t[i];
        if self
            .dateline
            .is_some_and(|(a, b)| t.start >= a && t.end <= b)
        {
            return all_caps(t.text);
        }
        let words = |range: &mut dyn Iterator<Item = usize>| {
            // A window of tokens, so that a text of one-letter words stays linear.
            range
                .take(16)
                .filter(|&k| self.t[k].kind == Kind::Word && self.t[k].text.chars().count() > 1)
                .take(2)
                .all(|k| all_caps(self.t[k].text))
        };
        let n = self.t.len();
        all_caps(self.t[i].text) && words(&mut (0..i).rev()) && words(&mut (i + 1..n))
    }

    /// The word tokens a name starting at `i` may run over, and where each
    /// prefix ends: words joined by spaces, hyphens, dots ("St. Louis") or
    /// apostrophes, never across other punctuation or a paragraph break.
    fn spans(&self, i: usize, ends: &mut Vec<usize>) {
        ends.clear();
        ends.push(i + 1);
        let mut words = 1;
        let mut k = i + 1;
        while words < self.g.max_words().max(1) && k < self.t.len() {
            let t = &self.t[k];
            if t.gap == Gap::Para {
                break;
            }
            let next = if t.kind == Kind::Word {
                k
            } else if t.kind == Kind::Punct
                && t.gap == Gap::None
                && matches!(t.text, "-" | "." | "'" | "’")
                && k + 1 < self.t.len()
                && self.t[k + 1].kind == Kind::Word
                && self.t[k + 1].gap != Gap::Para
            {
                k + 1
            } else {
                break;
            };
            let w = self.t[next].text;
            if !starts_upper(w) && !vocab::lists(&lowercase(w)).has(Lists::CONNECTOR) {
                break;
            }
            words += 1;
            k = next + 1;
            if starts_upper(w) {
                ends.push(k);
            }
        }
    }

    /// The longest name starting at token `i`, its end and its candidates;
    /// `key` is left holding its key. Names grow a word at a time and stop as
    /// soon as no gazetteer key starts with the words so far.
    fn longest_at(
        &self,
        i: usize,
        key: &mut String,
        ends: &mut Vec<usize>,
    ) -> Option<(usize, Vec<(u32, NameKind)>)> {
        // Asked only of a short word in capitals (rare): the context scan is
        // not free.
        let caps = std::cell::OnceCell::new();
        let mut best: Option<(usize, Vec<(u32, NameKind)>)> = None;
        let mut best_key = String::new();
        self.spans(i, ends);
        for &end in ends.iter() {
            key.clear();
            fold::push_key(key, &self.text[self.t[i].start..self.t[end - 1].end]);
            // Month and weekday names belong to the dates ("Thursday", "Jun").
            let mut cands: Vec<(u32, NameKind)> = self.g.lookup(key);
            // "St. Joseph", "Ft. Worth", "Mt. Pleasant": the abbreviation means
            // what the full word does, whichever the gazetteer lists.
            if let Some(full) = expand_abbrev(key) {
                for c in self.g.lookup(&full) {
                    if !cands.iter().any(|o| o.0 == c.0) {
                        cands.push(c);
                    }
                }
            }
            if !cands.is_empty() && (self.g.is_stopped(key) || is_date_word(key)) {
                cands.clear();
            }
            // A short word in capitals outside capital text is an acronym: only
            // the curators' aliases ("US", "UK") count, not stray alternate names.
            let n = self.t[i].text.chars().count();
            if end == i + 1
                && all_caps(self.t[i].text)
                && (2..=4).contains(&n)
                && !*caps.get_or_init(|| self.caps_context(i))
            {
                cands.retain(|(_, nk)| *nk == NameKind::Alias);
            }
            if !cands.is_empty() {
                // "U.S.": an initialism keeps its final dot.
                let last = &self.t[end - 1];
                let dot =
                    end < self.t.len() && self.t[end].is_punct('.') && self.t[end].gap == Gap::None;
                // "W.Va." too: a dotted abbreviation keeps its last dot.
                let dotted = end > i + 1
                    && (last.text.chars().count() == 1
                        || self.t[i..end].iter().any(|t| t.is_punct('.')));
                let end = if dot && dotted { end + 1 } else { end };
                best = Some((end, cands));
                best_key.clone_from(key);
            }
            // A longer name joined by a space or hyphen has this key and a space
            // as its start; if the gazetteer has no such key, none is longer.
            let spaced = self
                .t
                .get(end)
                .is_some_and(|t| (t.kind == Kind::Word && t.gap != Gap::None) || t.is_punct('-'));
            if spaced {
                key.push(' ');
                let longer = self.g.may_extend(key)
                    || expand_abbrev(key).is_some_and(|full| self.g.may_extend(&full));
                if !longer {
                    break;
                }
            }
        }
        key.clone_from(&best_key);
        best
    }

    /// "Alexandria, La.", "Charleston, W.Va.": a US state abbreviation after a
    /// name and its comma is a place name of its own.
    fn state_after(&self, end: usize) -> Option<Found> {
        if !self.t.get(end).is_some_and(|t| t.is_punct(',')) {
            return None;
        }
        let a = end + 1;
        let w = self
            .t
            .get(a)
            .filter(|t| t.kind == Kind::Word && starts_upper(t.text))?;
        // The abbreviation runs over letters and dots: "Fla.", "W.Va.", "N.Y.".
        let mut k = a + 1;
        while k < self.t.len()
            && self.t[k].gap == Gap::None
            && (self.t[k].is_punct('.') || self.t[k].kind == Kind::Word)
        {
            k += 1;
        }
        if !self.t[k - 1].is_punct('.') && k - a > 1 {
            return None;
        }
        let span = &self.text[w.start..self.t[k - 1].end];
        let code = vocab::us_state(&fold::key(span).replace(' ', ""))?;
        // A full state name ("Texas") is found by the gazetteer itself.
        if !self.g.lookup(&fold::key(span)).is_empty() && !span.contains('.') {
            return None;
        }
        let place = self.g.admin1("US", code)?;
        Some(Found {
            start: w.start,
            end: self.t[k - 1].end,
            cands: vec![(place, NameKind::Alias)],
            demonym: false,
            cue: false,
            division: false,
        })
    }

    /// Whether the word before token `i` starts a sentence or the text.
    fn sentence_start(&self, i: usize) -> bool {
        if i == 0 || self.t[i].gap == Gap::Para {
            return true;
        }
        let p = &self.t[i - 1];
        // A spaced dash or underscore ends a dateline ("BONN (dpa) - Rain fell").
        let dash = matches!(p.text, "-" | "–" | "_") && self.t[i].gap != Gap::None;
        p.kind == Kind::Punct
            && (dash
                || matches!(
                    p.text,
                    "." | "!" | "?" | "\"" | "“" | "(" | ":" | "—" | "‘" | "'"
                ))
    }

    /// Whether the text is about space: one of [`vocab::SPACE_WORDS`] occurs.
    fn about_space(&self) -> bool {
        *self.space.get_or_init(|| {
            self.t
                .iter()
                .any(|t| t.kind == Kind::Word && vocab::has(vocab::SPACE_WORDS, &lowercase(t.text)))
        })
    }

    /// Whether the name at tokens `i..end` is part of an organisation's,
    /// venue's or event's name (see [`vocab::ORG_HEADS`]): a run of capitalised
    /// words after it holds a head word ("Santa Fe Animal Shelter", "San Diego
    /// Police Chief"), unless the place is a country and the run starts with a
    /// title ("US Department of Agriculture"), or the name follows "Head of"
    /// ("University of California", "Diplomatic Academy of Vietnam").
    fn inside_org(&self, i: usize, end: usize, cands: &[(u32, NameKind)]) -> bool {
        if i > 1 && self.lower(i - 1).as_deref() == Some("of") && self.t[i - 2].kind == Kind::Word {
            let on = vocab::lists(&lowercase(self.t[i - 2].text));
            if on.has(Lists::ORG_HEAD) || on.has(Lists::ORG) {
                return true;
            }
        }
        // Read from the gazetteer only when a capitalised word follows.
        let country = std::cell::LazyCell::new(|| {
            cands
                .iter()
                .any(|&(c, _)| self.g.place(c).kind == super::gazetteer::Kind::Country)
        });
        let mut k = end;
        let mut words = 0;
        while words < 5 {
            let Some(t) = self
                .t
                .get(k)
                .filter(|t| t.kind == Kind::Word && t.gap == Gap::Space)
            else {
                break;
            };
            if !starts_upper(t.text) {
                break;
            }
            let on = vocab::lists(&lowercase(t.text));
            if words == 0 {
                if *country && on.has(Lists::TITLE) {
                    return false;
                }
                // "Texas Governor", "Ohio Senate": a title of the place.
                if on.has(Lists::TITLE) && !on.has(Lists::ORG_HEAD) {
                    return false;
                }
            }
            if on.has(Lists::ORG_HEAD) {
                return !*country;
            }
            words += 1;
            k += 1;
        }
        false
    }

    /// Decide on a candidate name at tokens `i..end` from local evidence.
    fn judge(
        &self,
        i: usize,
        end: usize,
        mut cands: Vec<(u32, NameKind)>,
    ) -> Result<Found, Reject> {
        // "German", "Catalan": an adjective of a place, even where a village
        // somewhere has the same name (San Germán, Çatalan).
        if cands.iter().any(|(_, nk)| *nk == NameKind::Demonym)
            && !cands
                .iter()
                .any(|&c| c.1 != NameKind::Demonym && prominent(self.g, c))
        {
            cands.retain(|(_, nk)| *nk == NameKind::Demonym);
        }
        let demonym = cands.iter().all(|(_, nk)| *nk == NameKind::Demonym);
        let caps = self.caps_context(i);
        let prev_word = if i > 0 && self.t[i - 1].kind == Kind::Word && self.t[i].gap == Gap::Space
        {
            self.lower(i - 1)
        } else {
            None
        };
        // "Mr. Jordan": a title and its dot before the name.
        let title_before = (i > 0
            && self
                .lower(i - 1)
                .is_some_and(|w| vocab::lists(&w).has(Lists::PERSON_TITLE)))
            || (i > 1
                && self.t[i - 1].is_punct('.')
                && self
                    .lower(i - 2)
                    .is_some_and(|w| vocab::lists(&w).has(Lists::PERSON_TITLE)));
        // "Defence Minister Dong", "President Paris": a capitalised title right
        // before a name makes it a person's.
        let title_word_before = i > 0
            && self.t[i].gap == Gap::Space
            && starts_upper(self.t[i - 1].text)
            && self.lower(i - 1).is_some_and(|w| {
                let on = vocab::lists(&w);
                on.has(Lists::TITLE) && !on.has(Lists::BEFORE_PLACE)
            });
        if (title_before || title_word_before) && !demonym {
            return Err(Reject::Person(Person::Titled));
        }
        if let Some(r) = (!caps)
            .then(|| self.used_as_other(i, end, &cands))
            .flatten()
        {
            return Err(r);
        }
        let cue = prev_word
            .as_deref()
            .is_some_and(|w| vocab::lists(w).has(Lists::LOCATIVE_CUE));
        let next = self
            .t
            .get(end)
            .filter(|t| t.kind == Kind::Word && t.gap == Gap::Space);
        if !caps && !self.rules.org_places && self.inside_org(i, end, &cands) {
            return Err(Reject::Other);
        }
        if !caps {
            // "Shanghai Cooperation Organisation", "New York Times": a press,
            // business or international body named after a place is not the place.
            // A place's own institutions ("Dublin City Council", "Texas Fire
            // Service", "Georgia Bureau of Investigation") still name it.
            if let Some(n) = next.filter(|n| starts_upper(n.text)) {
                let w = lowercase(n.text);
                let on = vocab::lists(&w);
                if on.has(Lists::ORG) {
                    return Err(Reject::Other);
                }
                let fine = demonym
                    || on.has(Lists::TITLE)
                    || on.has(Lists::INSTITUTION)
                    || dvocab::lookup(dvocab::MONTHS, &w).is_some()
                    || dvocab::lookup(dvocab::WEEKDAYS, &w).is_some();
                // "Paris Hilton", "Jordan Henderson", "Georgia Power": a name and one
                // more capitalised word that is not a title, and no more: a person's
                // or a company's two-word name (even when the second word is a town
                // somewhere too, like Hilton). Longer runs
                // ("Texas Alcoholic Beverage Commission") are a body of the place.
                let longer = self.t.get(end + 1).is_some_and(|t| {
                    t.kind == Kind::Word && t.gap == Gap::Space && starts_upper(t.text)
                });
                if !fine && !longer {
                    return Err(Reject::Other);
                }
            }
            // "Michael Jordan": a capitalised word before that is not a function
            // word. A sentence's first word is capitalised whatever it is
            // ("Explaining Beijing's position"): there only small places yield.
            // A headline's last word is not a first name: the line breaks.
            if let Some(p) = prev_word.as_deref().filter(|_| self.same_line(i - 1, i)) {
                let pt = &self.t[i - 1];
                let on = vocab::lists(p);
                let opener_of_prominent =
                    self.sentence_start(i - 1) && cands.iter().any(|&c| prominent(self.g, c));
                if starts_upper(pt.text)
                    && !demonym
                    && !opener_of_prominent
                    && !on.has(Lists::FUNCTION)
                    && !on.has(Lists::BEFORE_PLACE)
                    && !on.has(Lists::TITLE)
                    && !on.has(Lists::LOCATIVE_CUE)
                    && dvocab::lookup(dvocab::MONTHS, p).is_none()
                    && dvocab::lookup(dvocab::WEEKDAYS, p).is_none()
                {
                    return Err(Reject::Person(Person::Capitalised));
                }
            }
            // "Bank of England": named after the place (decided: not the place;
            // "University of Georgia" is an institution of the place and stays).
            if i > 1
                && self.lower(i - 1).as_deref() == Some("of")
                && starts_upper(self.t[i - 2].text)
                && self
                    .lower(i - 2)
                    .is_some_and(|w| vocab::lists(&w).has(Lists::ORG))
            {
                return Err(Reject::Other);
            }
        }
        // Some names need evidence of being a place: a cue before ("in", "near"),
        // "-based" after, or ", <place>" after. Which names: a common English word
        // that is also a town ("Nice", "Reading"); a name known only as some
        // place's alternate name ("Dong"); a small town's name at the start of a
        // sentence, where capitals say nothing ("Friendly relations ...").
        let k = fold::key(&self.text[self.t[i].start..self.t[end - 1].end]);
        let alt_only = cands.iter().all(|(_, nk)| *nk == NameKind::Alt);
        let single = end == i + 1;
        let big = cands.iter().any(|&(c, _)| big(self.g, c));
        let needs_evidence = !caps
            && !demonym
            && (vocab::lists(&k).has(Lists::COMMON)
                || (alt_only && single)
                || (self.sentence_start(i) && single && !big));
        // "Titan", "Mars" in a story about space: a moon, a planet.
        let celestial = single && vocab::has(vocab::CELESTIAL, &k) && self.about_space();
        if needs_evidence || celestial {
            let based = self
                .t
                .get(end)
                .is_some_and(|t| t.is_dash() && t.gap == Gap::None)
                && self.lower(end + 1).as_deref() == Some("based");
            let comma_place = self.t.get(end).is_some_and(|t| t.is_punct(','))
                && self.t.get(end + 1).is_some_and(|t| {
                    t.kind == Kind::Word
                        && starts_upper(t.text)
                        && !self.g.lookup(&fold::key(t.text)).is_empty()
                });
            if !((cue && !celestial) || based || comma_place) {
                return Err(Reject::Other);
            }
        }
        let division = cands.len() > 1 && self.division_cue(i, end);
        Ok(Found {
            start: self.t[i].start,
            end: self.t[end - 1].end,
            cands,
            demonym,
            cue,
            division,
        })
    }

    /// Whether the words around the name at tokens `i..end` say a state or
    /// province is meant: a word such as "Governor" or "state" after it,
    /// "upstate" or "state of" before it.
    fn division_cue(&self, i: usize, end: usize) -> bool {
        let after = self
            .t
            .get(end)
            .filter(|t| t.kind == Kind::Word && t.gap == Gap::Space)
            .is_some_and(|t| vocab::lists(&lowercase(t.text)).has(Lists::DIVISION_CUE));
        let before = |k: usize| i.checked_sub(k).and_then(|j| self.lower(j));
        after
            || matches!(before(1).as_deref(), Some("upstate" | "downstate"))
            || (before(1).as_deref() == Some("of") && before(2).as_deref() == Some("state"))
    }

    /// Whether the words around the name at tokens `i..end` use it as
    /// something other than a place: a ticker ("US10YT"), a currency ("Hong
    /// Kong dollars"), a club ("Tottenham's manager", "Sabres captain"), or,
    /// for a small town's name only, a thing with "the" ("the White House",
    /// "the Sabres": towns take no article).
    fn used_as_other(&self, i: usize, end: usize, cands: &[(u32, NameKind)]) -> Option<Reject> {
        let next = self.t.get(end);
        if next
            .is_some_and(|n| n.gap == Gap::None && n.text.starts_with(|c: char| c.is_ascii_digit()))
        {
            return Some(Reject::Other);
        }
        let possessive = next.is_some_and(|n| n.gap == Gap::None && matches!(n.text, "'" | "’"))
            && self.lower(end + 1).as_deref() == Some("s");
        let k = if possessive { end + 2 } else { end };
        if let Some(w) = self
            .t
            .get(k)
            .filter(|t| t.kind == Kind::Word && t.gap == Gap::Space)
        {
            let on = vocab::lists(&lowercase(w.text));
            if on.has(Lists::CURRENCY) && !possessive && !starts_upper(w.text) {
                return Some(Reject::Other);
            }
            // "Tottenham's manager" (but "the Boulder City manager" runs a city).
            if on.has(Lists::TEAM)
                || (possessive && matches!(&*lowercase(w.text), "manager" | "boss"))
            {
                return Some(Reject::Person(Person::Team));
            }
        }
        // "the Mount Pleasant area", "the Sligo-based group", "the Williams
        // and Cranberry rivers": a town's name as a modifier keeps its
        // article; only "the X" followed by punctuation or a function word
        // is a thing.
        let the = i > 0
            && self.t[i].gap == Gap::Space
            && self.t[i - 1].text.eq_ignore_ascii_case("the")
            && next.is_none_or(|n| match n.kind {
                Kind::Word => {
                    let w = lowercase(n.text);
                    // "the White House said", "the Sabres have": an auxiliary or a
                    // reporting verb also ends the name.
                    (vocab::lists(&w).has(Lists::FUNCTION) && !matches!(&*w, "and" | "or"))
                        || matches!(
                            &*w,
                            "did"
                                | "had"
                                | "has"
                                | "have"
                                | "is"
                                | "said"
                                | "says"
                                | "was"
                                | "were"
                                | "will"
                                | "would"
                        )
                }
                _ => !n.is_punct('-'),
            });
        let small_towns = || {
            cands.iter().all(|&(c, nk)| {
                self.g.kind_population(c).0 == super::gazetteer::Kind::City
                    && !prominent(self.g, (c, nk))
            })
        };
        (the && small_towns()).then_some(Reject::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::gazetteer::tests::fixture;

    fn names(text: &str) -> Vec<&str> {
        let g = fixture();
        find(&g, text, 0, text.len(), &[])
            .into_iter()
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    #[test]
    fn longest_match_wins_and_case_matters() {
        assert_eq!(
            names("He flew from New York City to York."),
            vec!["New York City", "York"]
        );
        assert_eq!(names("the new york city council"), Vec::<&str>::new());
        assert_eq!(
            names("QINGDAO, Jun 26 - China said"),
            vec!["QINGDAO", "China"]
        );
        assert_eq!(
            names("Visitors to Sao Paulo and São Paulo"),
            vec!["Sao Paulo", "São Paulo"]
        );
    }

    #[test]
    fn possessives_hyphens_and_aliases() {
        assert_eq!(
            names("China's navy and the China-France talks"),
            vec!["China", "China", "France"]
        );
        assert_eq!(
            names("US President Donald Trump and the U.S. Senate"),
            vec!["US", "U.S."]
        );
        assert_eq!(
            names("Chinese and Central Asian states"),
            vec!["Chinese", "Central Asian"]
        );
    }

    #[test]
    fn organisations_and_people_are_not_places() {
        assert_eq!(
            names("the Shanghai Cooperation Organisation met"),
            Vec::<&str>::new()
        );
        assert_eq!(names("the New York Times reported"), Vec::<&str>::new());
        assert_eq!(names("heiress Paris Hilton arrived"), Vec::<&str>::new());
        assert_eq!(names("said Mr. Paris yesterday"), Vec::<&str>::new());
        assert_eq!(names("NATO and SCO members"), Vec::<&str>::new());
    }

    #[test]
    fn skipped_ranges_are_skipped() {
        let text = "PARIS (Paris News) - France";
        let g = fixture();
        let found: Vec<&str> = find(&g, text, 0, text.len(), &[(7, 17)])
            .into_iter()
            .map(|f| &text[f.start..f.end])
            .collect();
        assert_eq!(found, vec!["PARIS", "France"]);
    }
}
