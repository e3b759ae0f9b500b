//! The closed word lists of the geography stage: words that mark an
//! organisation or a title after a place name, words allowed inside a name,
//! locative cues, US state abbreviations as wires write them, and the common
//! English words that are also towns (which need evidence to count as places).
//! Sorted `const` tables, kept sorted by the tests.

/// Lower-case words allowed in lower case inside a multi-word place name
/// ("Isle of Man", "Rio de Janeiro", "Stratford-upon-Avon").
pub const CONNECTORS: &[&str] = &[
    "al", "am", "an", "and", "au", "aux", "da", "das", "de", "del", "della", "den", "der", "des",
    "di", "do", "dos", "du", "el", "en", "im", "la", "las", "le", "les", "los", "of", "on", "sur",
    "the", "upon", "van", "von", "y",
];

/// Capitalised words that, right after a place name, make the phrase an
/// organisation, a publication or a facility: "Shanghai Cooperation
/// Organisation", "New York Times", "Washington Post", "Texas Instruments".
pub const ORG_WORDS: &[&str] = &[
    "airlines",
    "airways",
    "avenue",
    "bancorp",
    "bank",
    "boulevard",
    "bulletin",
    "capital",
    "chronicle",
    "club",
    "co",
    "company",
    "cooperation",
    "corp",
    "corporation",
    "courier",
    "daily",
    "dispatch",
    "energy",
    "enterprise",
    "examiner",
    "exchange",
    "express",
    "fc",
    "fund",
    "gazette",
    "group",
    "herald",
    "holdings",
    "inc",
    "industries",
    "instruments",
    "insurance",
    "journal",
    "lane",
    "ltd",
    "mail",
    "news",
    "observer",
    "organisation",
    "organization",
    "partners",
    "plc",
    "post",
    "press",
    "railway",
    "rangers",
    "record",
    "register",
    "review",
    "road",
    "securities",
    "sentinel",
    "square",
    "standard",
    "star",
    "street",
    "sun",
    "telegraph",
    "times",
    "tribune",
    "trust",
    "united",
];

/// Capitalised words that, right after a place name, make the phrase one of the
/// place's own institutions or facilities, which still name the place:
/// "Dublin City Council", "Cambridge University", "Ohio Turnpike".
pub const INSTITUTION_WORDS: &[&str] = &[
    "academy",
    "airport",
    "association",
    "board",
    "bureau",
    "cathedral",
    "center",
    "centre",
    "church",
    "city",
    "college",
    "commission",
    "community",
    "council",
    "county",
    "district",
    "federation",
    "fire",
    "foundation",
    "historical",
    "hospital",
    "institute",
    "league",
    "museum",
    "public",
    "region",
    "school",
    "schools",
    "turnpike",
    "university",
    "zoo",
];

/// Capitalised words that, right after a place name, show the place used as a
/// modifier that still names it: "US President", "Israeli Defence Minister",
/// "China Coast Guard".
pub const TITLE_WORDS: &[&str] = &[
    "agency",
    "air",
    "ambassador",
    "army",
    "authorities",
    "border",
    "cabinet",
    "chancellor",
    "chief",
    "coast",
    "commissioner",
    "congress",
    "consul",
    "consulate",
    "court",
    "defence",
    "defense",
    "department",
    "deputy",
    "embassy",
    "envoy",
    "forces",
    "foreign",
    "general",
    "government",
    "governor",
    "health",
    "interior",
    "justice",
    "king",
    "leader",
    "mayor",
    "military",
    "minister",
    "ministry",
    "national",
    "navy",
    "officials",
    "parliament",
    "police",
    "premier",
    "president",
    "prime",
    "queen",
    "secretary",
    "senate",
    "senator",
    "sheriff",
    "special",
    "state",
    "supreme",
    "trade",
    "treasury",
    "troops",
];

/// Head words of an organisation's, venue's or event's name. In the default
/// convention (modern news annotation, GeoVirus) a town or state inside such
/// a name is not a mention of the place: "Columbus Police Department", "Santa
/// Fe Animal Shelter", "Davis Cup", "University of California". LGL counts
/// them (`--org-places`). A country used so still names itself ("US
/// Department of Agriculture").
pub const ORG_HEADS: &[&str] = &[
    "academy",
    "arena",
    "association",
    "attorney",
    "authority",
    "board",
    "bureau",
    "cathedral",
    "center",
    "centre",
    "chamber",
    "church",
    "college",
    "commission",
    "council",
    "court",
    "cup",
    "department",
    "exchange",
    "federation",
    "festival",
    "fire",
    "foundation",
    "health",
    "hospital",
    "institute",
    "jail",
    "league",
    "museum",
    "office",
    "orchestra",
    "police",
    "prison",
    "school",
    "schools",
    "shelter",
    "sheriff",
    "show",
    "society",
    "stadium",
    "symphony",
    "theater",
    "theatre",
    "turnpike",
    "university",
    "zoo",
];

/// Planets and moons that share a name with towns (Jupiter, Florida; Mars,
/// Pennsylvania; Titan, Afghanistan): in an article about space (see
/// [`SPACE_WORDS`]) they are not places without "Name, State" or "-based".
pub const CELESTIAL: &[&str] = &[
    "callisto",
    "ceres",
    "enceladus",
    "europa",
    "ganymede",
    "io",
    "jupiter",
    "mars",
    "mercury",
    "neptune",
    "pluto",
    "saturn",
    "titan",
    "triton",
    "uranus",
    "venus",
];

/// Lower-case words that make an article one about space.
pub const SPACE_WORDS: &[&str] = &[
    "asteroid",
    "astronaut",
    "astronauts",
    "astronomer",
    "astronomers",
    "cosmonaut",
    "cosmonauts",
    "esa",
    "galaxy",
    "lander",
    "lunar",
    "moon",
    "moons",
    "nasa",
    "orbit",
    "orbiter",
    "planet",
    "planetary",
    "planets",
    "rover",
    "spacecraft",
    "telescope",
];

/// Capitalised words that may stand right before a place name without making it
/// part of a person's name: "Southern California", "Greater London".
pub const BEFORE_PLACE: &[&str] = &[
    "central",
    "coastal",
    "downtown",
    "east",
    "eastern",
    "greater",
    "inner",
    "lower",
    "metro",
    "north",
    "northeast",
    "northeastern",
    "northern",
    "northwest",
    "northwestern",
    "outer",
    "rural",
    "south",
    "southeast",
    "southeastern",
    "southern",
    "southwest",
    "southwestern",
    "upper",
    "west",
    "western",
];

/// Titles before a name that make it a person: "Mr. Jordan", "President Lincoln".
pub const PERSON_TITLES: &[&str] = &[
    "dr", "gen", "gov", "miss", "mr", "mrs", "ms", "prof", "rep", "rev", "sen", "sir",
];

/// Words right before a name that mark it as a place: "in Nice", "near Reading".
pub const LOCATIVE_CUES: &[&str] = &[
    "across", "around", "at", "from", "in", "inside", "into", "near", "outside", "through", "to",
    "toward", "towards", "via", "visit", "visited", "within",
];

/// Common English words that are also the names of towns somewhere. Such a
/// name counts as a place only with evidence: a locative cue before it, a
/// "-based" after it, `", <state or country>"` after it, or its country named in
/// the same article. The real Reading and Nice stay findable.
pub const COMMON_WORDS: &[&str] = &[
    "bath",
    "best",
    "chance",
    "deal",
    "eagle",
    "energy",
    "faith",
    "fame",
    "friendship",
    "globe",
    "hope",
    "independence",
    "industry",
    "liberty",
    "marathon",
    "march",
    "may",
    "mobile",
    "nice",
    "normal",
    "opportunity",
    "orange",
    "paradise",
    "plenty",
    "progress",
    "reading",
    "split",
    "success",
    "sunrise",
    "surprise",
    "truth",
    "union",
    "unity",
    "university",
    "victory",
];

/// US state abbreviations as wires write them (AP style and postal), with the
/// GeoNames admin1 code they stand for.
pub const US_STATES: &[(&str, &str)] = &[
    ("ak", "AK"),
    ("al", "AL"),
    ("ala", "AL"),
    ("ar", "AR"),
    ("ariz", "AZ"),
    ("ark", "AR"),
    ("az", "AZ"),
    ("ca", "CA"),
    ("calif", "CA"),
    ("co", "CO"),
    ("colo", "CO"),
    ("conn", "CT"),
    ("ct", "CT"),
    ("dc", "DC"),
    ("de", "DE"),
    ("del", "DE"),
    ("fl", "FL"),
    ("fla", "FL"),
    ("ga", "GA"),
    ("hi", "HI"),
    ("ia", "IA"),
    ("id", "ID"),
    ("il", "IL"),
    ("ill", "IL"),
    ("in", "IN"),
    ("ind", "IN"),
    ("kan", "KS"),
    ("kans", "KS"),
    ("ks", "KS"),
    ("ky", "KY"),
    ("la", "LA"),
    ("ma", "MA"),
    ("mass", "MA"),
    ("md", "MD"),
    ("me", "ME"),
    ("mi", "MI"),
    ("mich", "MI"),
    ("minn", "MN"),
    ("miss", "MS"),
    ("mn", "MN"),
    ("mo", "MO"),
    ("mont", "MT"),
    ("ms", "MS"),
    ("mt", "MT"),
    ("nc", "NC"),
    ("nd", "ND"),
    ("ne", "NE"),
    ("neb", "NE"),
    ("nebr", "NE"),
    ("nev", "NV"),
    ("nh", "NH"),
    ("nj", "NJ"),
    ("nm", "NM"),
    ("nv", "NV"),
    ("ny", "NY"),
    ("oh", "OH"),
    ("ok", "OK"),
    ("okla", "OK"),
    ("or", "OR"),
    ("ore", "OR"),
    ("oreg", "OR"),
    ("pa", "PA"),
    ("penn", "PA"),
    ("ri", "RI"),
    ("sc", "SC"),
    ("sd", "SD"),
    ("tenn", "TN"),
    ("tex", "TX"),
    ("tn", "TN"),
    ("tx", "TX"),
    ("ut", "UT"),
    ("va", "VA"),
    ("vt", "VT"),
    ("wa", "WA"),
    ("wash", "WA"),
    ("wi", "WI"),
    ("wis", "WI"),
    ("wisc", "WI"),
    ("wv", "WV"),
    ("wva", "WV"),
    ("wy", "WY"),
    ("wyo", "WY"),
];

/// Function words that often stand capitalised at the start of a sentence right
/// before a place name ("But Paris ...", "In Moscow ..."): not part of a name.
pub const FUNCTION_WORDS: &[&str] = &[
    "a",
    "across",
    "after",
    "all",
    "also",
    "although",
    "among",
    "an",
    "and",
    "around",
    "as",
    "at",
    "before",
    "between",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "eight",
    "even",
    "every",
    "five",
    "for",
    "four",
    "from",
    "however",
    "if",
    "in",
    "into",
    "like",
    "many",
    "meanwhile",
    "most",
    "near",
    "neither",
    "nine",
    "nor",
    "not",
    "of",
    "on",
    "one",
    "only",
    "or",
    "outside",
    "over",
    "seven",
    "several",
    "since",
    "six",
    "so",
    "some",
    "ten",
    "than",
    "that",
    "the",
    "then",
    "these",
    "this",
    "those",
    "though",
    "three",
    "through",
    "to",
    "two",
    "under",
    "unlike",
    "until",
    "when",
    "where",
    "whether",
    "while",
    "with",
    "within",
    "without",
    "yet",
];

/// Lower-case words that, right after a place name, make it a currency's name
/// ("Hong Kong dollars", "US dollar"), not a place.
pub const CURRENCY_WORDS: &[&str] = &[
    "cent", "cents", "crown", "crowns", "dinar", "dinars", "dirham", "dirhams", "dollar",
    "dollars", "franc", "francs", "krona", "krone", "kroner", "kronor", "lira", "peso", "pesos",
    "pound", "pounds", "rand", "riyal", "riyals", "rouble", "roubles", "ruble", "rubles", "rupee",
    "rupees", "shekel", "shekels", "yuan",
];

/// Words (lower-case) that, right after a place name or its possessive, make
/// it a sports club's or team's name ("Sabres captain",
/// "Barcelona soccer player"), not a place.
pub const TEAM_WORDS: &[&str] = &[
    "captain",
    "coach",
    "defender",
    "footballer",
    "goalkeeper",
    "midfielder",
    "roster",
    "shirt",
    "soccer",
    "squad",
    "striker",
    "teammate",
    "teammates",
    "winger",
];

/// Words (lower-case) that, right after a name that is both a city and its
/// state, say the state is meant ("New York Governor", "New York state",
/// "New York lawmakers").
pub const DIVISION_CUES: &[&str] = &[
    "assembly",
    "assemblyman",
    "assemblywoman",
    "comptroller",
    "gov",
    "governor",
    "lawmakers",
    "legislators",
    "legislature",
    "senate",
    "senator",
    "state",
    "statehouse",
    "statewide",
];

/// Whether a lower-case word is in a sorted list.
pub fn has(list: &[&str], w: &str) -> bool {
    list.binary_search(&w).is_ok()
}

/// The lists above a word is on, as a set: one hash probe answers for all of
/// them (the matcher asks several lists about the same few words, and a
/// binary search of each was a comparison of strings per step).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lists(u16);

impl Lists {
    /// [`CONNECTORS`].
    pub const CONNECTOR: Lists = Lists(1);
    /// [`ORG_WORDS`].
    pub const ORG: Lists = Lists(1 << 1);
    /// [`INSTITUTION_WORDS`].
    pub const INSTITUTION: Lists = Lists(1 << 2);
    /// [`TITLE_WORDS`].
    pub const TITLE: Lists = Lists(1 << 3);
    /// [`BEFORE_PLACE`].
    pub const BEFORE_PLACE: Lists = Lists(1 << 4);
    /// [`PERSON_TITLES`].
    pub const PERSON_TITLE: Lists = Lists(1 << 5);
    /// [`LOCATIVE_CUES`].
    pub const LOCATIVE_CUE: Lists = Lists(1 << 6);
    /// [`COMMON_WORDS`].
    pub const COMMON: Lists = Lists(1 << 7);
    /// [`FUNCTION_WORDS`].
    pub const FUNCTION: Lists = Lists(1 << 8);
    /// [`ORG_HEADS`].
    pub const ORG_HEAD: Lists = Lists(1 << 9);
    /// [`CURRENCY_WORDS`].
    pub const CURRENCY: Lists = Lists(1 << 10);
    /// [`TEAM_WORDS`].
    pub const TEAM: Lists = Lists(1 << 11);
    /// [`DIVISION_CUES`].
    pub const DIVISION_CUE: Lists = Lists(1 << 12);

    /// Whether the word is on list `l`.
    pub fn has(self, l: Lists) -> bool {
        self.0 & l.0 != 0
    }
}

/// Each list and its flag.
const TABLES: [(Lists, &[&str]); 13] = [
    (Lists::CONNECTOR, CONNECTORS),
    (Lists::ORG, ORG_WORDS),
    (Lists::INSTITUTION, INSTITUTION_WORDS),
    (Lists::TITLE, TITLE_WORDS),
    (Lists::BEFORE_PLACE, BEFORE_PLACE),
    (Lists::PERSON_TITLE, PERSON_TITLES),
    (Lists::LOCATIVE_CUE, LOCATIVE_CUES),
    (Lists::COMMON, COMMON_WORDS),
    (Lists::FUNCTION, FUNCTION_WORDS),
    (Lists::ORG_HEAD, ORG_HEADS),
    (Lists::CURRENCY, CURRENCY_WORDS),
    (Lists::TEAM, TEAM_WORDS),
    (Lists::DIVISION_CUE, DIVISION_CUES),
];

/// Every word of the lists and the lists it is on. Filled from the lists
/// only (text just looks words up), so a fixed hash is safe.
static ON: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, Lists>> =
    std::sync::LazyLock::new(|| {
        let mut on = rustc_hash::FxHashMap::<&'static str, Lists>::default();
        for (flag, list) in TABLES {
            for &w in list {
                on.entry(w).or_default().0 |= flag.0;
            }
        }
        on
    });

/// The lists a lower-case word is on.
pub fn lists(w: &str) -> Lists {
    ON.get(w).copied().unwrap_or_default()
}

/// The admin1 code of a US state abbreviation key ("fla", "ny").
pub fn us_state(key: &str) -> Option<&'static str> {
    US_STATES
        .binary_search_by(|(k, _)| k.cmp(&key))
        .ok()
        .map(|i| US_STATES[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_unique() {
        for (name, list) in [
            ("CONNECTORS", CONNECTORS),
            ("ORG_WORDS", ORG_WORDS),
            ("TITLE_WORDS", TITLE_WORDS),
            ("INSTITUTION_WORDS", INSTITUTION_WORDS),
            ("BEFORE_PLACE", BEFORE_PLACE),
            ("PERSON_TITLES", PERSON_TITLES),
            ("LOCATIVE_CUES", LOCATIVE_CUES),
            ("COMMON_WORDS", COMMON_WORDS),
            ("FUNCTION_WORDS", FUNCTION_WORDS),
            ("ORG_HEADS", ORG_HEADS),
            ("CURRENCY_WORDS", CURRENCY_WORDS),
            ("TEAM_WORDS", TEAM_WORDS),
            ("DIVISION_CUES", DIVISION_CUES),
            ("CELESTIAL", CELESTIAL),
            ("SPACE_WORDS", SPACE_WORDS),
        ] {
            for w in list.windows(2) {
                assert!(
                    w[0] < w[1],
                    "{name}: {:?} must sort before {:?}",
                    w[0],
                    w[1]
                );
            }
        }
        for w in US_STATES.windows(2) {
            assert!(
                w[0].0 < w[1].0,
                "US_STATES: {:?} before {:?}",
                w[0].0,
                w[1].0
            );
        }
        assert_eq!(us_state("fla"), Some("FL"));
    }

    #[test]
    fn the_list_sets_answer_as_the_lists() {
        let mut words: Vec<&str> = TABLES.iter().flat_map(|(_, l)| l.iter().copied()).collect();
        words.extend(["", "paris", "Times", "times ", "zzz"]);
        for w in words {
            for (flag, list) in TABLES {
                assert_eq!(lists(w).has(flag), has(list, w), "{w:?} {flag:?}");
            }
        }
        assert!(lists("of").has(Lists::CONNECTOR));
        assert!(!lists("paris").has(Lists::CONNECTOR));
    }
}
