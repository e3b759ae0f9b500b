//! The closed vocabularies of English date expressions.
//!
//! Month, weekday, unit, number and cue words are a small, reviewed set, so they live
//! here as `const` tables sorted by key (tests keep them sorted and unique) and are
//! looked up by binary search on the lower-cased word. Open-ended data (place names)
//! lives in `gazetteer/`, not here.

/// A calendar or clock unit, as used by durations and relative offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weekends (two days).
    Weekend,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Quarters (three months).
    Quarter,
    /// Years.
    Year,
    /// Decades.
    Decade,
    /// Centuries.
    Century,
}

/// A season of the (northern) year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November.
    Fall,
    /// December to February.
    Winter,
}

/// A part of the day, as TIMEX3 writes it (TMO, TAF, TEV, TNI).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    /// Morning.
    Morning,
    /// Afternoon.
    Afternoon,
    /// Evening.
    Evening,
    /// Night.
    Night,
}

/// Month names and abbreviations (lower case) -> month number.
pub const MONTHS: &[(&str, u32)] = &[
    ("apr", 4),
    ("april", 4),
    ("aug", 8),
    ("august", 8),
    ("dec", 12),
    ("december", 12),
    ("feb", 2),
    ("february", 2),
    ("jan", 1),
    ("january", 1),
    ("jul", 7),
    ("july", 7),
    ("jun", 6),
    ("june", 6),
    ("mar", 3),
    ("march", 3),
    ("may", 5),
    ("nov", 11),
    ("november", 11),
    ("oct", 10),
    ("october", 10),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
];

/// Weekday names and abbreviations (lower case) -> ISO weekday number (Monday = 1).
pub const WEEKDAYS: &[(&str, u32)] = &[
    ("fri", 5),
    ("friday", 5),
    ("mon", 1),
    ("monday", 1),
    ("sat", 6),
    ("saturday", 6),
    ("sun", 7),
    ("sunday", 7),
    ("thu", 4),
    ("thur", 4),
    ("thurs", 4),
    ("thursday", 4),
    ("tue", 2),
    ("tues", 2),
    ("tuesday", 2),
    ("wed", 3),
    ("wednesday", 3),
];

/// Unit words, singular and plural (lower case).
pub const UNITS: &[(&str, Unit)] = &[
    ("centuries", Unit::Century),
    ("century", Unit::Century),
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("decade", Unit::Decade),
    ("decades", Unit::Decade),
    ("fortnight", Unit::Week),
    ("hour", Unit::Hour),
    ("hours", Unit::Hour),
    ("hrs", Unit::Hour),
    ("minute", Unit::Minute),
    ("minutes", Unit::Minute),
    ("month", Unit::Month),
    ("months", Unit::Month),
    ("quarter", Unit::Quarter),
    ("quarters", Unit::Quarter),
    ("second", Unit::Second),
    ("seconds", Unit::Second),
    ("week", Unit::Week),
    ("weekend", Unit::Weekend),
    ("weekends", Unit::Weekend),
    ("weeks", Unit::Week),
    ("year", Unit::Year),
    ("years", Unit::Year),
];

/// Cardinal number words (lower case) -> value. Compounds ("twenty-four",
/// "twenty four") are built by the parser from these.
pub const NUMBER_WORDS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("eight", 8),
    ("eighteen", 18),
    ("eighty", 80),
    ("eleven", 11),
    ("fifteen", 15),
    ("fifty", 50),
    ("five", 5),
    ("forty", 40),
    ("four", 4),
    ("fourteen", 14),
    ("hundred", 100),
    ("nine", 9),
    ("nineteen", 19),
    ("ninety", 90),
    ("one", 1),
    ("seven", 7),
    ("seventeen", 17),
    ("seventy", 70),
    ("six", 6),
    ("sixteen", 16),
    ("sixty", 60),
    ("ten", 10),
    ("thirteen", 13),
    ("thirty", 30),
    ("three", 3),
    ("twelve", 12),
    ("twenty", 20),
    ("two", 2),
];

/// Ordinal words (lower case) -> value, for "the third quarter", "the 20th century".
pub const ORDINAL_WORDS: &[(&str, u32)] = &[
    ("eighteenth", 18),
    ("eighth", 8),
    ("eleventh", 11),
    ("fifteenth", 15),
    ("fifth", 5),
    ("first", 1),
    ("fourteenth", 14),
    ("fourth", 4),
    ("nineteenth", 19),
    ("ninth", 9),
    ("second", 2),
    ("seventeenth", 17),
    ("seventh", 7),
    ("sixteenth", 16),
    ("sixth", 6),
    ("tenth", 10),
    ("third", 3),
    ("thirteenth", 13),
    ("twelfth", 12),
    ("twentieth", 20),
    ("twenty-first", 21),
];

/// Decade words (lower case) -> decade within a century, for "the nineties".
pub const DECADE_WORDS: &[(&str, u32)] = &[
    ("eighties", 80),
    ("fifties", 50),
    ("forties", 40),
    ("nineties", 90),
    ("seventies", 70),
    ("sixties", 60),
    ("thirties", 30),
    ("twenties", 20),
];

/// Season words (lower case).
pub const SEASONS: &[(&str, Season)] = &[
    ("autumn", Season::Fall),
    ("fall", Season::Fall),
    ("spring", Season::Spring),
    ("springtime", Season::Spring),
    ("summer", Season::Summer),
    ("summertime", Season::Summer),
    ("winter", Season::Winter),
    ("wintertime", Season::Winter),
];

/// Parts of the day (lower case).
pub const DAY_PARTS: &[(&str, DayPart)] = &[
    ("afternoon", DayPart::Afternoon),
    ("evening", DayPart::Evening),
    ("morning", DayPart::Morning),
    ("night", DayPart::Night),
];

/// Time zone abbreviations accepted after a clock time (upper case as written).
pub const TIME_ZONES: &[(&str, &str)] = &[
    ("BST", "+01:00"),
    ("CDT", "-05:00"),
    ("CEST", "+02:00"),
    ("CET", "+01:00"),
    ("CST", "-06:00"),
    ("EDT", "-04:00"),
    ("EST", "-05:00"),
    ("GMT", "Z"),
    ("IST", "+05:30"),
    ("JST", "+09:00"),
    ("MDT", "-06:00"),
    ("MSK", "+03:00"),
    ("MST", "-07:00"),
    ("PDT", "-07:00"),
    ("PST", "-08:00"),
    ("UTC", "Z"),
];

/// Words that, right after a number, show it counts things rather than naming a
/// year ("2000 tonnes", "1500 people"). Lower case.
pub const COUNT_NOUNS: &[&str] = &[
    "acres",
    "bags",
    "barrels",
    "bbl",
    "billion",
    "block",
    "bpd",
    "cars",
    "cents",
    "dlrs",
    "dollars",
    "euros",
    "feet",
    "ft",
    "hectares",
    "jobs",
    "kg",
    "kilograms",
    "kilometers",
    "kilometres",
    "kilos",
    "km",
    "lbs",
    "meters",
    "metres",
    "miles",
    "million",
    "mln",
    "ounces",
    "pct",
    "people",
    "percent",
    "points",
    "pounds",
    "shares",
    "soldiers",
    "tonnes",
    "tons",
    "troops",
    "units",
    "vehicles",
    "workers",
    "yen",
];

/// Words that mark a statement as about the future; they decide whether a bare
/// weekday or month points forward or back from the anchor. Lower case.
pub const FUTURE_CUES: &[&str] = &[
    "'ll",
    "coming",
    "expected",
    "expects",
    "going",
    "might",
    "next",
    "plan",
    "planned",
    "planning",
    "plans",
    "scheduled",
    "shall",
    "upcoming",
    "will",
    "would",
];

/// Words that mark a statement as about the past. Lower case.
pub const PAST_CUES: &[&str] = &["ago", "did", "had", "last", "said", "was", "were"];

/// Past tenses of irregular verbs, which the "-ed" rule misses ("brought in
/// a new chief in January", "spent Sunday night there"): a weak past cue,
/// as a verb in -ed is. Forms that are also present tenses ("hit", "set",
/// "put", "read") are left out. Lower case.
pub const IRREGULAR_PAST: &[&str] = &[
    "began",
    "bought",
    "brought",
    "built",
    "came",
    "caught",
    "chose",
    "drew",
    "drove",
    "fell",
    "felt",
    "fled",
    "flew",
    "fought",
    "found",
    "gave",
    "got",
    "grew",
    "held",
    "hid",
    "kept",
    "knew",
    "led",
    "left",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "ran",
    "rode",
    "rose",
    "sang",
    "sank",
    "sat",
    "saw",
    "sent",
    "shot",
    "sold",
    "spent",
    "spoke",
    "stole",
    "stood",
    "struck",
    "swept",
    "swore",
    "taught",
    "thought",
    "threw",
    "told",
    "took",
    "understood",
    "went",
    "woke",
    "won",
    "wore",
    "wrote",
];

/// Words that put the date right after them ahead, whatever the tense of the
/// verb: a payment, a start or an expiry that is scheduled ("declared a
/// dividend payable Dec. 7", "named chairman, effective Feb. 1"). Lower case.
pub const FORWARD_CUES: &[&str] = &[
    "due",
    "effective",
    "expire",
    "expires",
    "expiring",
    "payable",
];

/// Words of play: near one, "at 7:14" is a game clock, not a time of day.
/// Sorted; lower case.
pub const GAME_WORDS: &[&str] = &[
    "assist", "goal", "goals", "lap", "penalty", "period", "scored", "scoring", "shootout",
];

/// Words before a noun: after one, "plan" and "plans" are nouns ("its
/// plans"), no future cue. Sorted; lower case.
pub const DETERMINERS: &[&str] = &[
    "a", "an", "her", "his", "its", "my", "new", "our", "the", "their", "these", "those", "your",
];

/// Words that, followed by "to", state an intention: what they introduce lies
/// ahead of the statement even when it is told in the past ("agreed to buy
/// the line in February", "was supposed to end by May"). Lower case.
pub const INTENT_CUES: &[&str] = &[
    "agreed",
    "agreement",
    "aims",
    "decided",
    "intends",
    "offered",
    "pledged",
    "promised",
    "proposed",
    "ready",
    "set",
    "supposed",
    "voted",
    "vowed",
];

/// Words other than month, weekday, season, number and ordinal words that can
/// start a date pattern: determiners, modifiers, quantifiers, deictic words,
/// set and reference words. The extractor skips every other word at once.
pub const STARTERS: &[&str] = &[
    "a",
    "about",
    "ad",
    "almost",
    "an",
    "annually",
    "approximately",
    "around",
    "at",
    "between",
    "c",
    "ca",
    "circa",
    "coming",
    "couple",
    "current",
    "currently",
    "daily",
    "dozen",
    "dozens",
    "each",
    "earlier",
    "early",
    "every",
    "few",
    "fewer",
    "first",
    "fiscal",
    "from",
    "future",
    "fy",
    "half",
    "hourly",
    "hundreds",
    "last",
    "late",
    "lately",
    "later",
    "latest",
    "less",
    "many",
    "mid",
    "midday",
    "midnight",
    "monthly",
    "more",
    "nearly",
    "next",
    "nightly",
    "noon",
    "now",
    "nowadays",
    "numerous",
    "over",
    "past",
    "per",
    "previous",
    "q",
    "quarterly",
    "recent",
    "recently",
    "right",
    "roughly",
    "several",
    "some",
    "the",
    "these",
    "this",
    "thousands",
    "today",
    "tomorrow",
    "tonight",
    "up",
    "weekly",
    "year",
    "yearly",
    "yesterday",
];

/// Words that can follow "the" in a date pattern, besides number, ordinal,
/// season and decade words: "the beginning of", "the early 1990s", "the year
/// 2000", "the following day", "the past few weeks", "the 1988 quarter", "the
/// weekend". The extractor tries no pattern at a "the" before any other word,
/// so a new "the ..." pattern must add its second word here (the extractor's
/// start-filter tests fail otherwise).
pub const AFTER_THE: &[&str] = &[
    "a",
    "an",
    "beginning",
    "calendar",
    "coming",
    "current",
    "day",
    "dozens",
    "early",
    "end",
    "few",
    "first",
    "fiscal",
    "following",
    "full",
    "future",
    "half",
    "hundreds",
    "last",
    "late",
    "latest",
    "many",
    "mid",
    "middle",
    "next",
    "numerous",
    "past",
    "preceding",
    "present",
    "previous",
    "prior",
    "quarter",
    "recent",
    "same",
    "several",
    "some",
    "start",
    "thousands",
    "twenty",
    "weekend",
    "year",
];

/// Look a lower-case word up in a sorted table.
pub fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table
        .binary_search_by(|(k, _)| k.cmp(&word))
        .ok()
        .map(|i| table[i].1)
}

/// Street words (lower-case) that end an address: "1119 Eighth St.", "2134
/// Caldwell Place". A number before a capitalised name ending in one is a
/// house number, not a year.
pub const STREET_WORDS: &[&str] = &[
    "alley",
    "ave",
    "avenue",
    "blvd",
    "boulevard",
    "cir",
    "circle",
    "court",
    "ct",
    "dr",
    "drive",
    "expressway",
    "freeway",
    "highway",
    "hwy",
    "lane",
    "ln",
    "parkway",
    "pike",
    "pkwy",
    "pl",
    "place",
    "plaza",
    "rd",
    "road",
    "sq",
    "square",
    "st",
    "street",
    "ter",
    "terrace",
    "trail",
    "way",
];

/// Words (lower-case) right before a year that make it a year ahead of the
/// story, whatever the tense: "fiscal 1988", "through 1988", "expiring April
/// 23, 1988", "notes due 2017". Such a year says the story is from that year
/// or before it, not from the year after.
pub const FORWARD_BEFORE: &[&str] = &[
    "by", "due", "ending", "expire", "expires", "expiring", "fiscal", "matures", "maturing",
    "through", "till", "until",
];

/// Words (lower-case) right after a year that make it a year ahead of the story:
/// "the 1988 budget", "its 1987 forecast".
pub const FORWARD_AFTER: &[&str] = &[
    "budget",
    "budgets",
    "forecast",
    "forecasts",
    "outlook",
    "projection",
    "projections",
    "target",
    "targets",
];

/// Verbs (lower-case) of a founding or a first time, read before "in YEAR":
/// "founded in 2001", "built in 1889". With "since YEAR", such a year is
/// history: the story is from later, by any number of years.
pub const HISTORY_VERBS: &[&str] = &[
    "born",
    "built",
    "created",
    "established",
    "formed",
    "founded",
    "incorporated",
    "introduced",
    "launched",
    "opened",
];

/// Auxiliaries (lower-case) of the present perfect: "has been missing for five
/// years" is a span that runs up to the time of writing.
pub const PERFECT_AUX: &[&str] = &["has", "hasn", "hasnt", "have", "haven", "havent"];

/// Words (lower-case) before "in" that make "in N years" a span up to the time
/// of writing: "the highest in nearly two years", "the first time in 25 years".
pub const RECORD_WORDS: &[&str] = &[
    "best",
    "biggest",
    "fastest",
    "highest",
    "largest",
    "lowest",
    "slowest",
    "smallest",
    "strongest",
    "time",
    "weakest",
    "worst",
];

/// Words (lower-case) between "the" and "year" that make it the year a story
/// reports on: "the fiscal year", "the full year", "the current fiscal year".
pub const REPORTING_YEAR_WORDS: &[&str] = &["calendar", "current", "fiscal", "full"];

/// Whether a lower-case word is in a sorted word list.
pub fn contains(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_sorted_unique(keys: &[&str], name: &str) {
        for w in keys.windows(2) {
            assert!(
                w[0] < w[1],
                "{name}: {:?} must sort before {:?}",
                w[0],
                w[1]
            );
        }
        for k in keys {
            assert_eq!(*k, k.to_lowercase(), "{name}: {k:?} must be lower case");
        }
    }

    fn keys<T>(t: &[(&'static str, T)]) -> Vec<&'static str> {
        t.iter().map(|(k, _)| *k).collect()
    }

    #[test]
    fn tables_are_sorted_and_unique() {
        assert_sorted_unique(&keys(MONTHS), "MONTHS");
        assert_sorted_unique(&keys(WEEKDAYS), "WEEKDAYS");
        assert_sorted_unique(&keys(UNITS), "UNITS");
        assert_sorted_unique(&keys(NUMBER_WORDS), "NUMBER_WORDS");
        assert_sorted_unique(&keys(ORDINAL_WORDS), "ORDINAL_WORDS");
        assert_sorted_unique(&keys(DECADE_WORDS), "DECADE_WORDS");
        assert_sorted_unique(&keys(SEASONS), "SEASONS");
        assert_sorted_unique(&keys(DAY_PARTS), "DAY_PARTS");
        assert_sorted_unique(COUNT_NOUNS, "COUNT_NOUNS");
        assert_sorted_unique(STREET_WORDS, "STREET_WORDS");
        assert_sorted_unique(FORWARD_BEFORE, "FORWARD_BEFORE");
        assert_sorted_unique(FORWARD_AFTER, "FORWARD_AFTER");
        assert_sorted_unique(HISTORY_VERBS, "HISTORY_VERBS");
        assert_sorted_unique(PERFECT_AUX, "PERFECT_AUX");
        assert_sorted_unique(RECORD_WORDS, "RECORD_WORDS");
        assert_sorted_unique(REPORTING_YEAR_WORDS, "REPORTING_YEAR_WORDS");
        assert_sorted_unique(FUTURE_CUES, "FUTURE_CUES");
        assert_sorted_unique(PAST_CUES, "PAST_CUES");
        assert_sorted_unique(FORWARD_CUES, "FORWARD_CUES");
        assert_sorted_unique(IRREGULAR_PAST, "IRREGULAR_PAST");
        assert_sorted_unique(INTENT_CUES, "INTENT_CUES");
        assert_sorted_unique(DETERMINERS, "DETERMINERS");
        assert_sorted_unique(GAME_WORDS, "GAME_WORDS");
        assert_sorted_unique(STARTERS, "STARTERS");
        assert_sorted_unique(AFTER_THE, "AFTER_THE");
        let zones = keys(TIME_ZONES);
        for w in zones.windows(2) {
            assert!(w[0] < w[1], "TIME_ZONES: {:?} before {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn months_and_weekdays_cover_the_calendar() {
        for m in 1..=12 {
            assert!(MONTHS.iter().any(|&(_, n)| n == m), "month {m} missing");
        }
        for d in 1..=7 {
            assert!(WEEKDAYS.iter().any(|&(_, n)| n == d), "weekday {d} missing");
        }
        assert_eq!(lookup(MONTHS, "sept"), Some(9));
        assert_eq!(lookup(WEEKDAYS, "thursday"), Some(4));
        assert_eq!(lookup(MONTHS, "smarch"), None);
    }
}
