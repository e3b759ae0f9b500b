//! The extractor: finds date expressions in text and reads each into an
//! underspecified [`Expr`], without resolving anything.
//!
//! It works over [`Token`]s. At each token it tries every pattern and keeps the
//! longest match (leftmost-longest, as the gazetteer matcher does for places), then
//! continues after it. Patterns never cross a paragraph break. Each pattern is a
//! small function that returns the token index one past its end and the value; the
//! vocabulary comes from [`super::vocab`]. Numbers that only look like dates stay out:
//! a four-digit number is a year only when nothing around it says it counts things
//! ("$2001 million", "2000 tonnes", "Route 66"), and a day needs a month beside it.

use super::expr::{Base, Expr, Mod, Point, RefKind, Tie, TimeOfDay, Which, YearSpec};
use super::holiday;
use super::token::{tokenize, Gap, Kind, Token};
use super::vocab::{self, Unit};

/// One date expression found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What it says.
    pub expr: Expr,
    /// For ranges written as two dates ("between 2001 and 2005"), the byte spans of
    /// the two parts, so that each can be reported as its own TIMEX.
    pub parts: Option<[(usize, usize); 2]>,
}

/// Find every date expression in `text[from..to]`, in order, not overlapping.
pub fn extract(text: &str, from: usize, to: usize) -> Vec<Mention> {
    scan(text, from, to, true)
}

/// [`extract`] over the whole text, given its tokens (`tokenize(text, 0,
/// text.len())`), for callers that share them with the place matcher.
pub fn extract_tokens(text: &str, toks: &[Token<'_>]) -> Vec<Mention> {
    scan_tokens(text, 0, text.len(), toks, true)
}

/// The scan behind [`extract`]; `filter` skips tokens that cannot start any
/// pattern (most words of a text) before trying the patterns, which is where
/// the time goes. Tests run it both ways to prove the filter loses nothing.
fn scan(text: &str, from: usize, to: usize, filter: bool) -> Vec<Mention> {
    scan_tokens(text, from, to, &tokenize(text, from, to), filter)
}

fn scan_tokens(
    text: &str,
    from: usize,
    to: usize,
    toks: &[Token<'_>],
    filter: bool,
) -> Vec<Mention> {
    let lower = text[from..to].to_ascii_lowercase();
    let info = infos(toks, &lower, from);
    let p = Parser {
        t: toks,
        info: &info,
        caps: is_mostly_caps(toks),
        points: std::cell::RefCell::default(),
        start: std::cell::Cell::new(0),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if filter && !p.can_start(i) {
            i += 1;
            continue;
        }
        p.start.set(i);
        match p.at(i) {
            Some(m) if m.end > i => {
                let parts = m.parts.map(|[(a0, a1), (b0, b1)]| {
                    [
                        (toks[a0].start, toks[a1 - 1].end),
                        (toks[b0].start, toks[b1 - 1].end),
                    ]
                });
                out.push(Mention {
                    start: toks[m.start].start,
                    end: toks[m.end - 1].end,
                    expr: m.expr,
                    parts,
                });
                i = m.end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Each token's [`Info`], given the text lower-cased from byte `from` on.
fn infos<'t>(toks: &[Token<'_>], lower: &'t str, from: usize) -> Vec<Info<'t>> {
    toks.iter()
        .map(|t| {
            if t.kind != Kind::Word {
                return Info {
                    lw: None,
                    lex: &NO_LEX,
                    number: t.number(),
                };
            }
            let w = &lower[t.start - from..t.end - from];
            Info {
                lw: Some(w),
                lex: LEXICON.get(w).unwrap_or(&NO_LEX),
                number: None,
            }
        })
        .collect()
}

/// Whether the text is set in capitals (a wire headline or an all-caps dateline
/// story), in which case capitalisation cannot tell "MAY" the month from "may".
fn is_mostly_caps(toks: &[Token<'_>]) -> bool {
    let words = toks
        .iter()
        .filter(|t| t.kind == Kind::Word && t.text.len() > 1);
    let (mut n, mut caps) = (0, 0);
    for w in words.take(200) {
        n += 1;
        if w.text.chars().all(|c| !c.is_lowercase()) {
            caps += 1;
        }
    }
    n >= 5 && caps * 10 >= n * 8
}

/// What the vocabulary tables say about one lower-case word: whether it can
/// start a pattern, and its value in each table that the grammar consults.
/// Read once per word token of a scan (one hash lookup) so that the patterns,
/// which ask the same tokens again and again, read a field instead of
/// searching a table.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Lex {
    /// In [`vocab::STARTERS`] or a month, weekday, number, ordinal or season word.
    starter: bool,
    /// In [`vocab::AFTER_THE`] or a number, ordinal, season or decade word.
    after_the: bool,
    month: Option<u32>,
    weekday: Option<u32>,
    number: Option<u32>,
    ordinal: Option<u32>,
    unit: Option<Unit>,
    day_part: Option<vocab::DayPart>,
    season: Option<vocab::Season>,
    decade: Option<u32>,
    /// A holiday's first word, with the word that must follow it ("" if none).
    holiday: Option<(holiday::Holiday, &'static str)>,
}

impl Lex {
    /// What the tables say about `w`, by searching each of them.
    fn of(w: &str) -> Lex {
        let l = |t| vocab::lookup(t, w);
        let (month, weekday, number, ordinal) = (
            l(vocab::MONTHS),
            l(vocab::WEEKDAYS),
            l(vocab::NUMBER_WORDS),
            l(vocab::ORDINAL_WORDS),
        );
        let season = vocab::lookup(vocab::SEASONS, w);
        let decade = l(vocab::DECADE_WORDS);
        let holiday = vocab::lookup(holiday::HOLIDAYS, w);
        Lex {
            starter: vocab::contains(vocab::STARTERS, w)
                || month.is_some()
                || weekday.is_some()
                || number.is_some()
                || ordinal.is_some()
                || season.is_some()
                || holiday.is_some(),
            after_the: vocab::contains(vocab::AFTER_THE, w)
                || number.is_some()
                || ordinal.is_some()
                || season.is_some()
                || decade.is_some(),
            month,
            weekday,
            number,
            ordinal,
            unit: vocab::lookup(vocab::UNITS, w),
            day_part: vocab::lookup(vocab::DAY_PARTS, w),
            season,
            decade,
            holiday,
        }
    }
}

/// Every word of the vocabulary tables, with what they say about it. A word
/// not in here is in no table and starts no pattern.
static LEXICON: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, Lex>> =
    std::sync::LazyLock::new(|| {
        let keys = |t: &'static [(&'static str, u32)]| t.iter().map(|(k, _)| *k);
        vocab::STARTERS
            .iter()
            .chain(vocab::AFTER_THE)
            .copied()
            .chain(keys(vocab::MONTHS))
            .chain(keys(vocab::WEEKDAYS))
            .chain(keys(vocab::NUMBER_WORDS))
            .chain(keys(vocab::ORDINAL_WORDS))
            .chain(keys(vocab::DECADE_WORDS))
            .chain(vocab::SEASONS.iter().map(|(k, _)| *k))
            .chain(holiday::HOLIDAYS.iter().map(|(k, _)| *k))
            .chain(vocab::UNITS.iter().map(|(k, _)| *k))
            .chain(vocab::DAY_PARTS.iter().map(|(k, _)| *k))
            .map(|w| (w, Lex::of(w)))
            .collect()
    });

/// The [`Lex`] of a word in no table.
static NO_LEX: Lex = Lex {
    starter: false,
    after_the: false,
    month: None,
    weekday: None,
    number: None,
    ordinal: None,
    unit: None,
    day_part: None,
    season: None,
    decade: None,
    holiday: None,
};

/// A token as the grammar reads it: its lower-cased word (for words) and what
/// the vocabulary says about that word.
#[derive(Debug, Clone, Copy)]
struct Info<'t> {
    lw: Option<&'t str>,
    lex: &'static Lex,
    /// [`Token::number`]: the value of a plain number.
    number: Option<u32>,
}

/// A match in token indices: `start..end`, the value, and the parts of a range.
#[derive(Debug, Clone, Copy)]
struct M {
    start: usize,
    end: usize,
    expr: Expr,
    parts: Option<[(usize, usize); 2]>,
}

/// A point read at some token: one past its end, the point, and a time of day.
type P = (usize, Point, Option<TimeOfDay>);

struct Parser<'t, 'a> {
    t: &'t [Token<'a>],
    /// Per token: its lower-cased word and vocabulary values.
    info: &'t [Info<'t>],
    caps: bool,
    /// [`Parser::point`] at each token, once read: patterns try the same point
    /// from many starts ("from June 3 to 5", "early June", "June 3"), and the
    /// point grammar is the costly part of a scan. Kept by token, for the few
    /// tokens asked (a table over every token was most of a scan's memory).
    points: std::cell::RefCell<rustc_hash::FxHashMap<usize, Option<P>>>,
    /// The token a pattern is being read from: it may open a paragraph
    /// ("\n\nLast week, ..."), where no pattern may continue.
    start: std::cell::Cell<usize>,
}

const MODIFIERS: &[(&str, Mod)] = &[
    ("early", Mod::Early),
    ("late", Mod::Late),
    ("mid", Mod::Mid),
];

/// Prepositions and determiners that make a bare month, "May" above all, a date.
const MONTH_CUES: &[&str] = &[
    "after", "and", "before", "between", "by", "during", "early", "from", "in", "last", "late",
    "mid", "next", "of", "on", "since", "this", "through", "till", "to", "until",
];

/// Words before a four-digit number that show it is not a year.
const NOT_YEAR_BEFORE: &[&str] = &[
    "album",
    "apartment",
    "film",
    "flight",
    "highway",
    "interstate",
    "model",
    "movie",
    "no",
    "novel",
    "number",
    "room",
    "route",
    "suite",
];

/// Prepositions that make a number below 1800 a year ("in 1500", "since 1066").
const YEAR_CUES: &[&str] = &[
    "after", "before", "by", "c", "circa", "during", "from", "in", "of", "since", "until", "year",
];

impl<'t, 'a> Parser<'t, 'a> {
    /// Whether any pattern can start at token `i`: a number, an apostrophe ("the
    /// '90s" starts at "the", "'90s" at the mark), or a word from the vocabulary
    /// or [`vocab::STARTERS`]. The grammar bounds the first two further:
    ///
    /// - A number with a decimal point or grouping comma is never a day, year,
    ///   hour or ordinal ([`Token::number`] is `None` for it), so the only
    ///   pattern it can start is through [`Parser::amount`], in a duration ("2.5
    ///   years", "1.5 years ago") or an adjectival duration ("2.5-year"): the
    ///   amount ends right after it, and a unit word or a dash must follow. A
    ///   grouped number ("1,000") is not even an amount.
    /// - At an apostrophe only [`Parser::decade`] can match ("'90s"), and it
    ///   needs a number right after the mark.
    /// - A number word ("a", "an", "two") is no month, weekday, ordinal, season,
    ///   modifier, cue or set word, so it starts a pattern only as the first
    ///   word of a spelled year ("nineteen ninety-six") or through
    ///   [`Parser::amount`] as above: "a year ago", "two weeks", "a few days",
    ///   "two-year".
    /// - "between" and "from" only lead a range, which needs a point right
    ///   after them; "at", "up", "less" and "fewer" only begin a duration's
    ///   quantifier ("at least", "up to").
    /// - A plain number is a day, hour, month or two-digit year only with one
    ///   or two digits, a year only with four, and an ordinal quarter or half
    ///   only from 1 to 4; any other number ("150", "12345") starts a pattern
    ///   only as an amount, as above, or as a year of an era ("490 BC").
    /// - Every pattern starting at "the" reads a number or an apostrophe ("the
    ///   1990s", "the '90s") or a word of [`vocab::AFTER_THE`] or a number,
    ///   ordinal, season or decade word ("the past two weeks", "the third
    ///   quarter", "the spring of 2024", "the nineties") right after it.
    ///
    /// `the_start_filter_is_exact` and `the_is_followed_by_its_words` check these
    /// against the full grammar.
    fn can_start(&self, i: usize) -> bool {
        let t = &self.t[i];
        match t.kind {
            Kind::Num if t.plain => {
                matches!(t.text.len(), 1 | 2 | 4)
                    || self.num(i).is_some_and(|n| (1..=4).contains(&n))
                    || self.amount_before_unit(i)
                    || self.era_year(i).is_some()
            }
            Kind::Num => {
                !t.text.contains(',') && (self.dash(i + 1) || self.lex(i + 1).unit.is_some())
            }
            Kind::Punct => (t.is_punct('\'') || t.is_punct('’')) && self.num(i + 1).is_some(),
            Kind::Word if self.lex(i).number.is_some() => {
                self.amount_before_unit(i) || self.spelled_year(i).is_some()
            }
            Kind::Word => match self.lw(i) {
                Some("between" | "from") => self.point(i + 1).is_some(),
                Some("at" | "up" | "less" | "fewer") => self.quantifier(i) > 0,
                Some("the") => self.t.get(i + 1).is_some_and(|n| match n.kind {
                    Kind::Num => true,
                    Kind::Punct => n.is_punct('\'') || n.is_punct('’'),
                    Kind::Word => self.lex(i + 1).after_the,
                }),
                _ => self.lex(i).starter || self.vague_plural(i).is_some(),
            },
        }
    }

    /// Whether an amount starts at `i` and a unit word or a dash follows it.
    fn amount_before_unit(&self, i: usize) -> bool {
        self.amount(i)
            .is_some_and(|(k, _)| self.dash(k) || (self.ok(k) && self.lex(k).unit.is_some()))
    }

    fn n(&self) -> usize {
        self.t.len()
    }

    /// The lower-cased word at `i`, if `i` is a word.
    fn lw(&self, i: usize) -> Option<&'t str> {
        self.info.get(i)?.lw
    }

    /// What the vocabulary says about the word at `i` (nothing for other tokens).
    fn lex(&self, i: usize) -> &'static Lex {
        self.info.get(i).map_or(&NO_LEX, |x| x.lex)
    }

    /// Whether token `i` exists and continues a pattern: no paragraph break
    /// before it, unless it is the pattern's first token.
    fn ok(&self, i: usize) -> bool {
        i < self.n() && (self.t[i].gap != Gap::Para || i == self.start.get())
    }

    /// Whether token `i` continues a pattern and is the word `w` (lower case).
    fn word(&self, i: usize, w: &str) -> bool {
        self.ok(i) && self.lw(i) == Some(w)
    }

    fn any_word(&self, i: usize, ws: &[&str]) -> bool {
        self.ok(i) && self.lw(i).is_some_and(|w| ws.contains(&w))
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.ok(i) && self.t[i].is_punct(c)
    }

    /// Token `i` directly touches the token before it.
    fn tight(&self, i: usize) -> bool {
        i < self.n() && self.t[i].gap == Gap::None
    }

    fn dash(&self, i: usize) -> bool {
        self.ok(i) && self.t[i].is_dash()
    }

    fn cap_ok(&self, i: usize) -> bool {
        self.caps || self.t[i].is_capitalized()
    }

    fn num(&self, i: usize) -> Option<u32> {
        if self.ok(i) {
            self.info[i].number
        } else {
            None
        }
    }

    /// Skip an optional "." right after token `i - 1`.
    fn opt_dot(&self, i: usize) -> usize {
        if self.punct(i, '.') && self.tight(i) {
            i + 1
        } else {
            i
        }
    }

    /// The best match starting at token `i`.
    fn at(&self, i: usize) -> Option<M> {
        let cands = [
            self.points(i),
            self.duration(i),
            self.set(i),
            self.adjectival(i),
            self.reference(i),
            self.period(i),
            self.vague_plural(i),
        ];
        // Longest wins; on a tie the earlier kind in the list (a date over a
        // duration: "the next day" is a day, not a span).
        cands
            .into_iter()
            .flatten()
            .fold(None, |best: Option<M>, m| match best {
                Some(b)
                    if (b.end, std::cmp::Reverse(b.start))
                        >= (m.end, std::cmp::Reverse(m.start)) =>
                {
                    Some(b)
                }
                _ => Some(m),
            })
            .map(|m| self.with_tail(m))
    }

    /// A match with the tail that makes it approximate or open-ended: "the
    /// next year or so", "two weeks or so", "1994 or later", "1990 and beyond".
    /// The tail is part of the expression in TimeML; the value stays the
    /// match's.
    fn with_tail(&self, m: M) -> M {
        let e = m.end;
        let tail = self.word(e, "or") && self.word(e + 1, "so")
            || matches!(m.expr, Expr::Point { .. })
                && (self.word(e, "or") && self.any_word(e + 1, &["earlier", "later"])
                    || self.word(e, "and") && self.word(e + 1, "beyond"));
        // Not when the tail word starts a clause of its own ("... or later
        // this year"): it must end there.
        if !tail || self.ok(e + 2) && self.lex(e + 2).unit.is_some() {
            return m;
        }
        M { end: e + 2, ..m }
    }

    fn point_m(start: usize, (end, point, time): P, modifier: Option<Mod>) -> M {
        M {
            start,
            end,
            expr: Expr::Point {
                point,
                modifier,
                time,
            },
            parts: None,
        }
    }

    // ---- points, with modifiers and ranges ----

    fn points(&self, i: usize) -> Option<M> {
        // "the beginning of", "the end of", "the middle of" + point.
        if self.word(i, "the")
            && self.any_word(i + 1, &["beginning", "start", "middle", "end"])
            && self.word(i + 2, "of")
        {
            let m = match self.lw(i + 1) {
                Some("middle") => Mod::Mid,
                Some("end") => Mod::Late,
                _ => Mod::Early,
            };
            let j = if self.word(i + 3, "the") {
                i + 4
            } else {
                i + 3
            };
            let p = self
                .point(j)
                .or_else(|| self.the_unit(j - 1))
                .or_else(|| self.reporting_year_point(j - 1))?;
            return Some(Self::point_m(i, p, Some(m)));
        }
        // "early June", "mid-2024", "late last month", "the late 1970s".
        let mstart = if self.word(i, "the") { i + 1 } else { i };
        if let Some(m) = self.lw(mstart).and_then(|w| vocab::lookup(MODIFIERS, w)) {
            let j = if self.dash(mstart + 1) && self.tight(mstart + 1) {
                mstart + 2
            } else {
                mstart + 1
            };
            if self.ok(j) {
                if let Some(p) = self.point(j) {
                    // A weekday cannot be "early": "late Thursday" is late in the day.
                    if !matches!(p.1, Point::Weekday { .. }) {
                        return Some(Self::point_m(i, p, Some(m)));
                    }
                    return Some(Self::point_m(i, p, None));
                }
            }
        }
        // "earlier this year", "later this month": the period itself.
        if self.any_word(i, &["earlier", "later"]) {
            if let Some(p) = self.deictic_unit(i + 1) {
                return Some(Self::point_m(i, p, None));
            }
        }
        // "later in the year", "late in the year": the story's year.
        if self.any_word(i, &["earlier", "later", "early", "late"])
            && self.word(i + 1, "in")
            && self.word(i + 2, "the")
            && self.reporting_year(i + 2).is_some_and(|m| m.end == i + 4)
        {
            let m = vocab::lookup(MODIFIERS, self.lw(i).unwrap_or(""));
            return Some(Self::point_m(i, (i + 4, the_year(), None), m));
        }
        self.range(i)
            .or_else(|| self.point(i).map(|p| Self::point_m(i, p, None)))
    }

    /// Ranges: "June 24-25", "2019–2021", "between 2001 and 2005", "from Monday to Wednesday".
    fn range(&self, i: usize) -> Option<M> {
        // "12-14 July", "22-25 April 1951": a bare day, then a day and its month.
        if let Some((d1, k)) = self.day_num(i).filter(|_| !self.t[i].text.is_empty()) {
            if k == i + 1 && (self.dash(k) || self.any_word(k, &["to", "and"])) {
                if let Some((
                    e,
                    Point::Cal {
                        year,
                        month: Some(m),
                        day: Some(d2),
                    },
                    _,
                )) = self.month_forms(k + 1).filter(|_| self.ok(k + 1))
                {
                    if d1 < d2 {
                        let from = Point::Cal {
                            year,
                            month: Some(m),
                            day: Some(d1),
                        };
                        let to = Point::Cal {
                            year,
                            month: Some(m),
                            day: Some(d2),
                        };
                        return Some(M {
                            start: i,
                            end: e,
                            expr: Expr::Range { from, to },
                            parts: Some([(i, i + 1), (k + 1, e)]),
                        });
                    }
                }
            }
        }
        let (lead, j) = if self.any_word(i, &["between", "from"]) {
            (true, i + 1)
        } else {
            (false, i)
        };
        let (e1, from, _) = self.point(j)?;
        let sep = if lead {
            if self.word(i, "between") {
                self.word(e1, "and")
            } else {
                self.any_word(e1, &["to", "until", "through", "till"])
            }
        } else {
            self.dash(e1) || self.any_word(e1, &["to", "through"])
        };
        // "June 24-25", "June 24 to 25", "between October 11 and 13": a month
        // and day, then a bare day.
        if let Point::Cal {
            year,
            month: Some(m),
            day: Some(_),
        } = from
        {
            if sep {
                // ("14 August-24 August" is two full dates, read below.)
                let next_is_month = self.month_at(e1 + 2).is_some();
                if let Some(d2) = self
                    .num(e1 + 1)
                    .filter(|d| (1..=31).contains(d) && !next_is_month)
                {
                    let mut end = e1 + 2;
                    let mut year2 = year;
                    if let YearSpec::Context = year {
                        if self.punct(end, ',') {
                            if let Some(y) = self.year_num(end + 1) {
                                year2 = YearSpec::Abs(y);
                                end += 2;
                            }
                        }
                    }
                    let from = match from {
                        Point::Cal { month, day, .. } => Point::Cal {
                            year: year2,
                            month,
                            day,
                        },
                        p => p,
                    };
                    let to = cal(year2, Some(m), Some(d2));
                    // After "between" or "from", the two ends are two dates.
                    return Some(M {
                        start: if lead { j } else { i },
                        end,
                        expr: Expr::Range { from, to },
                        parts: lead.then_some([(j, e1), (e1 + 1, end)]),
                    });
                }
            }
        }
        if !sep {
            return None;
        }
        let k = e1 + 1;
        // "1939-45": a two-digit second year.
        if let (
            Point::Cal {
                year: YearSpec::Abs(y1),
                month: None,
                day: None,
            },
            Some(y2),
        ) = (from, self.num(k))
        {
            if self.t[k].text.len() == 2 && self.dash(e1) && self.tight(k) {
                let y2 = y1 / 100 * 100 + y2 as i32;
                if y2 > y1 {
                    let to = cal(YearSpec::Abs(y2), None, None);
                    return Some(M {
                        start: i,
                        end: k + 1,
                        expr: Expr::Range { from, to },
                        parts: Some([(j, e1), (k, k + 1)]),
                    });
                }
            }
        }
        let (e2, to, _) = self.point(k)?;
        if !same_kind(&from, &to) {
            return None;
        }
        let (from, to) = share_year(from, to);
        Some(M {
            start: if lead { j } else { i },
            end: e2,
            expr: Expr::Range { from, to },
            parts: Some([(j, e1), (k, e2)]),
        })
    }

    /// A single point at `i` (no modifier).
    fn point(&self, i: usize) -> Option<P> {
        // A point at a paragraph's first token reads differently as the start
        // of a pattern and inside one (see [`Parser::ok`]): not kept.
        let keep = i >= self.n() || self.t[i].gap != Gap::Para;
        if let Some(known) = self.points.borrow().get(&i).filter(|_| keep) {
            return *known;
        }
        let p = self.read_point(i);
        if keep {
            self.points.borrow_mut().insert(i, p);
        }
        p
    }

    fn read_point(&self, i: usize) -> Option<P> {
        if i >= self.n() {
            return None;
        }
        let cands = [
            self.weekday(i),
            self.month_forms(i),
            self.numeric(i),
            self.year_forms(i),
            self.decade(i),
            self.season(i),
            self.holiday(i),
            self.quarter(i),
            self.deictic(i),
            self.clock(i),
        ];
        cands.into_iter().flatten().max_by_key(|p| p.0)
    }

    // ---- weekdays ----

    fn weekday_at(&self, i: usize) -> Option<u32> {
        let w = self.lw(i)?;
        if w.len() < 6 || !self.cap_ok(i) {
            return None; // full names only: "Sun" and "Wed" are too often something else
        }
        self.lex(i).weekday
    }

    /// "last", "past", "next", "coming" or "this" at `i`, and where the word
    /// it qualifies stands; `Bare` at `i` itself otherwise.
    fn which_at(&self, i: usize) -> (Which, usize) {
        match self.lw(i) {
            Some("last") | Some("past") => (Which::Last, i + 1),
            Some("next") | Some("coming") => (Which::Next, i + 1),
            Some("this") => (Which::This, i + 1),
            _ => (Which::Bare, i),
        }
    }

    fn weekday(&self, i: usize) -> Option<P> {
        let (which, j) = self.which_at(i);
        if !self.ok(j) {
            return None;
        }
        // "on a Saturday night" is any Saturday, not a date.
        if which == Which::Bare && i > 0 && self.any_word(i - 1, &["a", "any", "every", "each"]) {
            return None;
        }
        let wd = self.weekday_at(j)?;
        // Plural weekdays are sets, not days.
        if self.word(j + 1, "s") && self.tight(j + 1) {
            return None;
        }
        let mut end = j + 1;
        // "Friday, Oct. 23" / "Friday, 23 October 2025": the date is what counts.
        if which == Which::Bare {
            let k = if self.punct(end, ',') { end + 1 } else { end };
            if let Some((
                e,
                p @ Point::Cal {
                    month: Some(_),
                    day: Some(_),
                    ..
                },
                t,
            )) = self.month_forms(k)
            {
                return Some((e, p, t));
            }
        }
        let mut time = None;
        if let Some(part) = self.lex(end).day_part {
            if self.ok(end) {
                time = Some(TimeOfDay::Part(part));
                end += 1;
            }
        } else if let Some(hour) = self.clock_word(end).filter(|_| self.ok(end)) {
            // "a Friday midnight deadline", "Sunday noon".
            time = Some(TimeOfDay::Clock {
                hour,
                minute: 0,
                zone: None,
            });
            end += 1;
        }
        Some((end, Point::Weekday { wd, which }, time))
    }

    // ---- month forms ----

    /// A month word at `i` usable as a date, and the index after it (and its dot).
    fn month_at(&self, i: usize) -> Option<(u32, usize, bool)> {
        let w = self.lw(i)?;
        let m = self.lex(i).month?;
        if !self.cap_ok(i) {
            return None;
        }
        let full = w.len() >= 5 || w == "may" || w == "june" || w == "july";
        // "Jun." takes its dot; "June." ends a sentence.
        let j = if full { i + 1 } else { self.opt_dot(i + 1) };
        Some((m, j, full))
    }

    fn day_num(&self, i: usize) -> Option<(u32, usize)> {
        let d = self.num(i)?;
        if !(1..=31).contains(&d) || self.t[i].text.len() > 2 {
            return None;
        }
        let mut j = i + 1;
        if self.any_word(j, &["st", "nd", "rd", "th"]) && self.tight(j) {
            j += 1;
        }
        // "26:30" or "3.5" are not days; "26-member" is not either. A colon
        // that ends the date ("Oct. 20: Fire on Main St.") leaves the day.
        if self.punct(j, ':') && self.tight(j) && self.num(j + 1).is_some() && self.tight(j + 1) {
            return None;
        }
        if self.dash(j) && self.tight(j) && self.lw(j + 1).is_some() && self.tight(j + 1) {
            return None;
        }
        Some((d, j))
    }

    /// A year number at `i` in a date ("June 26, 2025"): four digits, 1000-2199.
    fn year_num(&self, i: usize) -> Option<i32> {
        let y = self.num(i)?;
        if self.t[i].text.len() == 4 && (1000..=2199).contains(&y) {
            Some(y as i32)
        } else {
            None
        }
    }

    fn month_forms(&self, i: usize) -> Option<P> {
        // "last April", "next June", "this September".
        if let Some(which) = match self.lw(i) {
            Some("last") => Some(Which::Last),
            Some("next") => Some(Which::Next),
            Some("this") => Some(Which::This),
            _ => None,
        } {
            if let Some((m, j, full)) = self.month_at(i + 1) {
                if full && self.ok(i + 1) && self.num(j).is_none() {
                    return Some((j, Point::MonthRel { month: m, which }, None));
                }
            }
            return None;
        }
        // "26 June 2025", "26th of June".
        if let Some((d, j)) = self.day_num(i) {
            let j = if self.word(j, "of") { j + 1 } else { j };
            if let Some((m, k, _)) = self.month_at(j).filter(|_| self.ok(j)) {
                if let Some(y) = self.year_num(k) {
                    return Some((k + 1, cal(YearSpec::Abs(y), Some(m), Some(d)), None));
                }
                if self.t[i - usize::from(i > 0)].text == "$" && i > 0 {
                    return None;
                }
                return Some((k, cal(YearSpec::Context, Some(m), Some(d)), None));
            }
        }
        let (m, j, full) = self.month_at(i)?;
        // "June 26", "Jun. 26, 2025", "June 26th".
        if let Some((d, k)) = self.day_num(j) {
            if self.ok(j) {
                let k2 = if self.punct(k, ',') { k + 1 } else { k };
                if let Some(y) = self.year_num(k2) {
                    return Some((k2 + 1, cal(YearSpec::Abs(y), Some(m), Some(d)), None));
                }
                return Some((k, cal(YearSpec::Context, Some(m), Some(d)), None));
            }
        }
        // "June 2025", "June of 2025", "June, 2025".
        let k = if self.word(j, "of") || self.punct(j, ',') {
            j + 1
        } else {
            j
        };
        if let Some(y) = self.year_num(k) {
            return Some((k + 1, cal(YearSpec::Abs(y), Some(m), None), None));
        }
        // "January nineteen ninety-seven", as transcripts write it.
        if let Some((e, Point::Cal { year, .. }, _)) = self.spelled_year(k).filter(|_| self.ok(k)) {
            return Some((e, cal(year, Some(m), None), None));
        }
        // "June last year", "January this year".
        if self.any_word(j, &["last", "this", "next"]) && self.word(j + 1, "year") {
            let rel = match self.lw(j) {
                Some("last") => -1,
                Some("next") => 1,
                _ => 0,
            };
            return Some((j + 2, cal(YearSpec::Rel(rel), Some(m), None), None));
        }
        // A month alone: a full name, and for "May" a cue before it.
        if !full {
            return None;
        }
        let prev_cue = i > 0
            && self
                .lw(i - 1)
                .is_some_and(|w| MONTH_CUES.contains(&w) || MODIFIERS.iter().any(|(k, _)| *k == w));
        let prev_dash = i > 0 && self.t[i - 1].is_dash() && self.t[i].gap == Gap::None;
        if self.lw(i) == Some("may") && !(prev_cue || prev_dash) {
            return None;
        }
        // "April Smith", "June Carter": a month followed by a capitalised word is a name.
        if !self.caps
            && !prev_cue
            && self.ok(j)
            && self.t[j].kind == Kind::Word
            && self.t[j].is_capitalized()
        {
            return None;
        }
        Some((j, cal(YearSpec::Context, Some(m), None), None))
    }

    // ---- numeric dates ----

    /// "2025-06-26" (ISO) and "6/26/2025" (slashes, read month/day/year as US wires
    /// write them, or day/month/year when the first number cannot be a month).
    fn numeric(&self, i: usize) -> Option<P> {
        let a = self.num(i)?;
        let ta = self.t[i].text.len();
        if ta == 4
            && self.dash(i + 1)
            && self.tight(i + 1)
            && self.tight(i + 2)
            && self.tight(i + 3)
            && self.dash(i + 3)
            && self.tight(i + 4)
        {
            let (m, d) = (self.num(i + 2)?, self.num(i + 4)?);
            if self.t[i + 2].text.len() == 2
                && self.t[i + 4].text.len() == 2
                && (1..=12).contains(&m)
                && (1..=31).contains(&d)
            {
                let mut end = i + 5;
                let mut time = None;
                // "2025-06-26T15:30"
                if self.tight(end)
                    && self
                        .t
                        .get(end)
                        .is_some_and(|t| t.text.starts_with('T') || t.text.starts_with('t'))
                {
                    let t = self.t[end].text;
                    if let (Ok(h), true) = (t[1..].parse::<u32>(), self.punct(end + 1, ':')) {
                        if let Some(mi) = self.num(end + 2) {
                            if h < 24 && mi < 60 {
                                time = Some(TimeOfDay::Clock {
                                    hour: h,
                                    minute: mi,
                                    zone: None,
                                });
                                end += 3;
                            }
                        }
                    }
                }
                return Some((end, cal(YearSpec::Abs(a as i32), Some(m), Some(d)), time));
            }
            return None;
        }
        if ta <= 2
            && self.punct(i + 1, '/')
            && self.tight(i + 1)
            && self.tight(i + 2)
            && self.punct(i + 3, '/')
            && self.tight(i + 3)
            && self.tight(i + 4)
        {
            let b = self.num(i + 2)?;
            let c = self.num(i + 4)?;
            let cl = self.t[i + 4].text.len();
            let y = match cl {
                4 => c as i32,
                2 => {
                    if c < 50 {
                        2000 + c as i32
                    } else {
                        1900 + c as i32
                    }
                }
                _ => return None,
            };
            let (m, d) = if a > 12 { (b, a) } else { (a, b) };
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            // A further "/" makes it a fraction or a path.
            if self.punct(i + 5, '/') && self.tight(i + 5) {
                return None;
            }
            return Some((i + 5, cal(YearSpec::Abs(y), Some(m), Some(d)), None));
        }
        None
    }

    // ---- years ----

    /// A four-digit year standing alone, with the checks that keep counts out.
    fn bare_year(&self, i: usize) -> Option<(usize, i32)> {
        let y = self.year_num(i)?;
        let t = &self.t[i];
        // "$2001 million", "#2001", "2001%", "No. 2001", "Route 2001".
        if i > 0 {
            let p = &self.t[i - 1];
            if p.kind == Kind::Punct
                && t.gap == Gap::None
                && matches!(p.text, "$" | "€" | "£" | "¥" | "#" | "." | "/" | ":")
            {
                return None;
            }
            if p.kind == Kind::Punct && matches!(p.text, "$" | "€" | "£" | "¥") {
                return None;
            }
            let pw = self.lw(i - 1).or_else(|| {
                if i > 1 && p.text == "." {
                    self.lw(i - 2)
                } else {
                    None
                }
            });
            if pw.is_some_and(|w| NOT_YEAR_BEFORE.binary_search(&w).is_ok()) {
                return None;
            }

            // Counted from a number: "1,000-2000".
            if p.is_dash()
                && i > 1
                && self.t[i - 2].kind == Kind::Num
                && self.year_num(i - 2).is_none()
            {
                return None;
            }
        }
        if let Some(nt) = self.t.get(i + 1) {
            if nt.gap == Gap::None
                && (matches!(nt.text, "%" | "/")
                    || (nt.text == ":"
                        && self
                            .t
                            .get(i + 2)
                            .is_some_and(|t| t.kind == Kind::Num && t.gap == Gap::None)))
            {
                return None;
            }
            if nt.gap == Gap::None
                && nt.kind == Kind::Punct
                && nt.text == "."
                && self
                    .t
                    .get(i + 2)
                    .is_some_and(|t| t.kind == Kind::Num && t.gap == Gap::None)
            {
                return None;
            }
            if let Some(w) = self.lw(i + 1) {
                if vocab::contains(vocab::COUNT_NOUNS, w) && self.ok(i + 1) {
                    return None;
                }
            }
            if self.house_number(i) {
                return None;
            }
        }
        // Before 1800 a number is more often a count: a year needs a cue before it
        // ("in 1777"), another year beside it ("1775-1780"), or no word after it
        // ("the war of 1066." but not "1500 men").
        if y < 1800 {
            let cue = i > 0
                && self
                    .lw(i - 1)
                    .is_some_and(|w| YEAR_CUES.contains(&w) || w == "the");
            let era = self.any_word(i + 1, &["ad", "bc", "bce", "ce"]);
            let ranged = (self.dash(i + 1) && self.year_num(i + 2).is_some())
                || (i > 1 && self.t[i - 1].is_dash() && self.year_num(i - 2).is_some());
            let word_after = self.ok(i + 1) && self.t[i + 1].kind == Kind::Word;
            if !(cue || era || ranged || !word_after) {
                return None;
            }
        }
        Some((i + 1, y))
    }

    /// Whether the number at `i` opens a street address: capitalised words
    /// (or initials, "N.") end in a street word within a few words ("1119
    /// Eighth St.", "1909 Jolinda Drive", "2134 N. Caldwell Place").
    fn house_number(&self, i: usize) -> bool {
        const MAX_NAME_WORDS: usize = 4;
        let mut k = i + 1;
        for _ in 0..=MAX_NAME_WORDS {
            let Some(t) = self.t.get(k).filter(|t| t.kind == Kind::Word && self.ok(k)) else {
                return false;
            };
            if !t.text.starts_with(char::is_uppercase) {
                return false;
            }
            if k > i + 1
                && self
                    .lw(k)
                    .is_some_and(|w| vocab::contains(vocab::STREET_WORDS, w))
            {
                return true;
            }
            k += if self.punct(k + 1, '.') { 2 } else { 1 };
        }
        false
    }

    /// "490 BC", "ca. 490 BC", "490 B.C.", "AD 43", "43 AD".
    fn era_year(&self, i: usize) -> Option<P> {
        let cal = |y: i32| cal(YearSpec::Abs(y), None, None);
        // "ca." and "c." belong to the expression.
        let j = if self.any_word(i, &["ca", "circa", "c"]) {
            self.opt_dot(i + 1)
        } else {
            i
        };
        if self.word(j, "ad") && self.cap_ok(j) {
            let n = self.num(j + 1).filter(|n| (1..=9999).contains(n))?;
            return Some((j + 2, cal(n as i32), None));
        }
        let n = self.num(j).filter(|n| (1..=9999).contains(n))?;
        let k = j + 1;
        if !self.ok(k) || !self.cap_ok(k) {
            return None;
        }
        let (bc, end) = match self.lw(k)? {
            "bc" | "bce" => (true, self.opt_dot(k + 1)),
            "ad" | "ce" => (false, self.opt_dot(k + 1)),
            // "B.C." is B . C .
            "b" if self.punct(k + 1, '.') && self.word(k + 2, "c") => (true, self.opt_dot(k + 3)),
            "a" if self.punct(k + 1, '.') && self.word(k + 2, "d") => (false, self.opt_dot(k + 3)),
            _ => return None,
        };
        // Astronomical numbering: 1 BC is year 0, 490 BC is -489.
        let y = if bc { 1 - n as i32 } else { n as i32 };
        Some((end, cal(y), None))
    }

    fn year_forms(&self, i: usize) -> Option<P> {
        if let Some(p) = self.era_year(i) {
            return Some(p);
        }
        // "fiscal 1986", "fiscal year 1986", "FY2025", "the year 2000".
        let lead = if self.word(i, "fiscal") {
            if self.word(i + 1, "year") {
                2
            } else {
                1
            }
        } else if self.word(i, "fy") && self.cap_ok(i) {
            1
        } else if self.word(i, "the") && self.word(i + 1, "year") {
            2
        } else {
            0
        };
        let j = i + lead;
        if lead > 0 && !self.ok(j) {
            return None;
        }
        if let Some((e, y)) = self.bare_year(j).or_else(|| {
            if lead > 0 {
                self.year_num(j).map(|y| (j + 1, y))
            } else {
                None
            }
        }) {
            // "1990s" is a decade, not a year.
            if self.word(e, "s") && self.tight(e) {
                return None;
            }
            return Some((e, cal(YearSpec::Abs(y), None, None), None));
        }
        self.spelled_year(j)
    }

    /// "nineteen ninety-six", "nineteen eighty".
    fn spelled_year(&self, i: usize) -> Option<P> {
        // "two thousand", "two thousand and one", "two thousand five".
        if self.word(i, "two") && self.word(i + 1, "thousand") {
            let k = if self.word(i + 2, "and") {
                i + 3
            } else {
                i + 2
            };
            if let Some(u) = self
                .lex(k)
                .number
                .filter(|u| (1..=19).contains(u) && self.ok(k))
            {
                if self.lw(k) != Some("a") && self.lw(k) != Some("an") {
                    return Some((k + 1, cal(YearSpec::Abs(2000 + u as i32), None, None), None));
                }
            }
            // Alone it is a year only as "the year two thousand".
            if i > 0 && self.word(i - 1, "year") {
                return Some((i + 2, cal(YearSpec::Abs(2000), None, None), None));
            }
            return None;
        }
        let hundreds = match self.lw(i)? {
            "nineteen" => 1900,
            "eighteen" => 1800,
            _ => return None,
        };
        let tens = self.lex(i + 1).number.filter(|_| self.ok(i + 1))?;
        if !(20..=90).contains(&tens) || tens % 10 != 0 {
            return None;
        }
        let mut end = i + 2;
        let mut units = 0;
        if self.dash(end) && self.tight(end) {
            if let Some(u) = self.lex(end + 1).number.filter(|u| (1..=9).contains(u)) {
                units = u;
                end += 2;
            }
        }
        Some((
            end,
            cal(YearSpec::Abs(hundreds + (tens + units) as i32), None, None),
            None,
        ))
    }

    fn decade(&self, i: usize) -> Option<P> {
        let j = if self.word(i, "the") { i + 1 } else { i };
        if !self.ok(j) {
            return None;
        }
        // "1990s", "1990's".
        if let Some(y) = self.year_num(j) {
            if y % 10 == 0 {
                if self.word(j + 1, "s") && self.tight(j + 1) {
                    return Some((j + 2, Point::Decade(y), None));
                }
                if self.punct(j + 1, '\'')
                    && self.tight(j + 1)
                    && self.word(j + 2, "s")
                    && self.tight(j + 2)
                {
                    return Some((j + 3, Point::Decade(y), None));
                }
            }
        }
        // "the '90s", "the 90s".
        let k = if self.ok(j) && (self.t[j].is_punct('\'') || self.t[j].is_punct('’')) {
            j + 1
        } else {
            j
        };
        if let Some(d) = self.num(k) {
            if self.t[k].text.len() == 2
                && d % 10 == 0
                && self.word(k + 1, "s")
                && self.tight(k + 1)
                && (k > j || j > i)
            {
                return Some((k + 2, Point::DecadeOfCentury(d), None));
            }
        }
        // "the nineties".
        if j > i {
            if let Some(d) = self.lex(j).decade {
                return Some((j + 1, Point::DecadeOfCentury(d), None));
            }
        }
        // "the 20th century", "the nineteenth century", "in 20th century Europe".
        if let Some((n, k)) = self.ordinal(j) {
            if self.word(k, "century") && (1..=30).contains(&n) {
                return Some((k + 1, Point::Century(n as i32 - 1), None));
            }
        }
        None
    }

    /// "third", "3rd", "twenty-first".
    fn ordinal(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(n) = self.num(i) {
            if self.any_word(i + 1, &["st", "nd", "rd", "th"]) && self.tight(i + 1) {
                return Some((n, i + 2));
            }
            return None;
        }
        let w = self.lw(i).filter(|_| self.ok(i))?;
        if w == "twenty" && self.dash(i + 1) && self.word(i + 2, "first") {
            return Some((21, i + 3));
        }
        self.lex(i).ordinal.map(|n| (n, i + 1))
    }

    /// An optional year after a season, quarter or half: "of 2025", "2025", "of next year".
    fn year_after(&self, i: usize) -> (usize, Option<YearSpec>) {
        let j = if self.word(i, "of") { i + 1 } else { i };
        if let Some(y) = self.year_num(j) {
            return (j + 1, Some(YearSpec::Abs(y)));
        }
        // "January nineteen ninety-seven", "the winter of nineteen ninety-four".
        if let Some((e, Point::Cal { year, .. }, _)) = self.spelled_year(j).filter(|_| self.ok(j)) {
            return (e, Some(year));
        }
        if j > i && self.any_word(j, &["last", "this", "next"]) && self.word(j + 1, "year") {
            let k = match self.lw(j) {
                Some("last") => -1,
                Some("next") => 1,
                _ => 0,
            };
            return (j + 2, Some(YearSpec::Rel(k)));
        }
        if j > i && self.word(j, "the") && self.word(j + 1, "year") {
            return (j + 2, Some(YearSpec::Context));
        }
        (i, None)
    }

    fn season(&self, i: usize) -> Option<P> {
        let (which, lead) = match self.lw(i) {
            Some("last") | Some("past") => (Some(Which::Last), 1),
            Some("next") | Some("coming") => (Some(Which::Next), 1),
            Some("this") => (Some(Which::This), 1),
            Some("the") => (None, 1),
            _ => (None, 0),
        };
        let j = i + lead;
        let season = self.lex(j).season.filter(|_| self.ok(j))?;
        let (end, year) = self.year_after(j + 1);
        // "spring" alone is too often a verb or a coil; "summertime" is not.
        let compound = self.lw(j).is_some_and(|w| w.ends_with("time"));
        if lead == 0 && year.is_none() && !compound {
            return None;
        }
        let which = which.unwrap_or(Which::Bare);
        let year = year.unwrap_or(YearSpec::Context);
        Some((
            end,
            Point::Season {
                season,
                year,
                which,
            },
            None,
        ))
    }

    /// "Thanksgiving (Day)", "Christmas Eve", "Easter Sunday", "Election
    /// Day", "last Christmas", "Christmas 2019"; not "Easter Island".
    fn holiday(&self, i: usize) -> Option<P> {
        let (which, j) = self.which_at(i);
        let (mut h, second) = self.lex(j).holiday?;
        if !self.ok(j) || !self.cap_ok(j) {
            return None;
        }
        let mut end = j + 1;
        if !second.is_empty() {
            if !self.word(end, second) || !self.ok(end) {
                return None;
            }
            end += 1;
        }
        let next = |w: &str| self.word(end, w) && self.ok(end) && self.t[end].is_capitalized();
        if next("island") || next("islands") {
            return None;
        }
        if h == holiday::Holiday::Christmas && next("eve") {
            h = holiday::Holiday::ChristmasEve;
            end += 1;
        } else if second.is_empty()
            && (next("day") || (h == holiday::Holiday::Easter && next("sunday")))
        {
            end += 1;
        }
        let (end, year) = self.year_after(end);
        let year = year.unwrap_or(YearSpec::Context);
        Some((end, Point::Holiday { h, year, which }, None))
    }

    fn quarter(&self, i: usize) -> Option<P> {
        // "Q3 2025", "Q3".
        if self.lw(i) == Some("q") && self.cap_ok(i) {
            let q = self
                .num(i + 1)
                .filter(|q| (1..=4).contains(q) && self.tight(i + 1))?;
            let (end, year) = self.year_after(i + 2);
            return Some((
                end,
                Point::Quarter {
                    q,
                    year: year.unwrap_or(YearSpec::Context),
                },
                None,
            ));
        }
        let j = if self.word(i, "the") { i + 1 } else { i };
        let j = if self.word(j, "fiscal") { j + 1 } else { j };
        let (n, k) = self.ordinal(j)?;
        // "third quarter", "third-quarter", "first half".
        let k = if self.dash(k) && self.tight(k) {
            k + 1
        } else {
            k
        };
        let half = self.word(k, "half");
        if !(self.word(k, "quarter") || half) {
            return None;
        }
        // "the third-quarter profit": the adjective alone is the expression.
        if self.word(i, "the") && self.dash(k - 1) && self.tight(k - 1) {
            return None;
        }
        let (end, year) = self.year_after(k + 1);
        let year = year.unwrap_or(YearSpec::Context);
        if half {
            if !(1..=2).contains(&n) {
                return None;
            }
            return Some((end, Point::Half { h: n, year }, None));
        }
        if !(1..=4).contains(&n) {
            return None;
        }
        Some((end, Point::Quarter { q: n, year }, None))
    }

    // ---- deictic and anaphoric expressions ----

    /// "this week", "last month", "next year", "this quarter" at `i`.
    fn deictic_unit(&self, i: usize) -> Option<P> {
        let n = match self.lw(i).filter(|_| self.ok(i))? {
            "this" | "current" => 0,
            "last" | "past" | "previous" => -1,
            "next" | "coming" => 1,
            _ => return None,
        };
        let unit = self.lex(i + 1).unit.filter(|_| self.ok(i + 1))?;
        // Singular only: "last weeks" is not a date.
        if self
            .lw(i + 1)
            .is_some_and(|w| w.ends_with('s') && w != "ss")
        {
            return None;
        }
        match unit {
            Unit::Week
            | Unit::Weekend
            | Unit::Month
            | Unit::Quarter
            | Unit::Year
            | Unit::Decade
            | Unit::Century => {}
            _ => return None,
        }
        if unit == Unit::Weekend {
            let which = match n {
                -1 => Which::Last,
                1 => Which::Next,
                _ => Which::This,
            };
            return Some((i + 2, Point::Weekend { which }, None));
        }
        Some((
            i + 2,
            Point::Shift {
                unit,
                n,
                base: Base::Anchor,
                grain: unit,
            },
            None,
        ))
    }

    /// Financial reporting periods: "the quarter", "the latest period", "the
    /// year-earlier quarter", "year-ago", "the 1988 quarter", "the 1988 second
    /// quarter", "the weekend".
    fn period(&self, i: usize) -> Option<M> {
        let m = |end: usize, point: Point| {
            Some(M {
                start: i,
                end,
                expr: Expr::Point {
                    point,
                    modifier: None,
                    time: None,
                },
                parts: None,
            })
        };
        let the = self.word(i, "the");
        let j = if the { i + 1 } else { i };
        if !self.ok(j) {
            return None;
        }
        // "year-earlier", "year-ago"
        if self.word(j, "year")
            && self.dash(j + 1)
            && self.tight(j + 1)
            && self.any_word(j + 2, &["earlier", "ago"])
            && self.tight(j + 2)
        {
            let k = j + 3;
            if let Some((q, e)) = self
                .ordinal(k)
                .filter(|(q, e)| (1..=4).contains(q) && self.word(*e, "quarter"))
            {
                return m(
                    e + 1,
                    Point::Quarter {
                        q,
                        year: YearSpec::Rel(-1),
                    },
                );
            }
            if self.any_word(k, &["quarter", "period"]) {
                return m(
                    k + 1,
                    Point::Period {
                        back: 1,
                        year: None,
                    },
                );
            }
            // Without its noun the phrase is just "year-earlier".
            return Some(M {
                start: j,
                end: k,
                expr: Expr::Point {
                    point: Point::Period {
                        back: 1,
                        year: None,
                    },
                    modifier: None,
                    time: None,
                },
                parts: None,
            });
        }
        if let Some(found) = self.year_end(i) {
            return Some(found);
        }
        if !the {
            return None;
        }
        if let Some(found) = self.reporting_year(i) {
            return Some(found);
        }
        if self.word(j, "weekend") {
            return m(j + 1, Point::Weekend { which: Which::Bare });
        }
        // "the 1988 quarter", "the 1988 second quarter"
        if let Some(y) = self.year_num(j) {
            if self.any_word(j + 1, &["quarter", "period"]) {
                return m(
                    j + 2,
                    Point::Period {
                        back: 0,
                        year: Some(y),
                    },
                );
            }
            if let Some((q, e)) = self
                .ordinal(j + 1)
                .filter(|(q, e)| (1..=4).contains(q) && self.word(*e, "quarter"))
            {
                return m(
                    e + 1,
                    Point::Quarter {
                        q,
                        year: YearSpec::Abs(y),
                    },
                );
            }
            return None;
        }
        let k = if self.any_word(j, &["latest", "current", "recent", "same"]) {
            j + 1
        } else {
            j
        };
        if self.word(k, "quarter") || (k > j && self.word(k, "period")) {
            // "the quarter ended Sept. 30" is still the story's quarter.
            return m(
                k + 1,
                Point::Period {
                    back: 0,
                    year: None,
                },
            );
        }
        None
    }

    /// The year a story reports on, at a "the" at `i`: "the year", "the fiscal
    /// year", "the full year", "the current fiscal year" are the anchor's year;
    /// "the year ended March 31" is a year's length. Not "the year before" (a
    /// year back from some event), "the year-ago quarter" (read above) nor "the
    /// Year" of a title.
    fn reporting_year(&self, i: usize) -> Option<M> {
        // "the rest of the year" is only part of it.
        if i > 1
            && self.word(i - 1, "of")
            && self.any_word(i - 2, &["balance", "part", "remainder", "rest"])
        {
            return None;
        }
        let mut k = i + 1;
        while k < i + 3
            && self.ok(k)
            && self
                .lw(k)
                .is_some_and(|w| vocab::contains(vocab::REPORTING_YEAR_WORDS, w))
        {
            k += 1;
        }
        if !self.word(k, "year") || (!self.caps && self.t[k].is_capitalized()) {
            return None;
        }
        let next = k + 1;
        if (self.dash(next) && self.tight(next))
            || self.punct(next, '\'')
            || self.punct(next, '’')
            || self.any_word(next, &["before", "after", "earlier", "later", "ago"])
            || self.num(next).is_some()
            || self.lex(next).number.filter(|_| self.ok(next)).is_some()
        {
            return None;
        }
        let expr = if self.any_word(next, &["ended", "ending"]) {
            Expr::Duration {
                n: Some(1.0),
                unit: Unit::Year,
                tie: Tie::Free,
            }
        } else {
            Expr::Point {
                point: the_year(),
                modifier: None,
                time: None,
            }
        };
        Some(M {
            start: i,
            end: next,
            expr,
            parts: None,
        })
    }

    /// [`Parser::reporting_year`] as a point ("the end of the fiscal year").
    fn reporting_year_point(&self, i: usize) -> Option<P> {
        let m = self.reporting_year(i)?;
        match m.expr {
            Expr::Point { point, .. } if self.word(i, "the") => Some((m.end, point, None)),
            _ => None,
        }
    }

    /// "by year-end", "since year end", "before year's end": the end of the
    /// anchor's year, read only after a preposition ("year-end results" is an
    /// adjective).
    fn year_end(&self, i: usize) -> Option<M> {
        if !self.word(i, "year")
            || i == 0
            || !self.any_word(
                i - 1,
                &["around", "at", "before", "by", "near", "since", "until"],
            )
        {
            return None;
        }
        let k = if (self.dash(i + 1) && self.tight(i + 1))
            || ((self.punct(i + 1, '\'') || self.punct(i + 1, '’'))
                && self.tight(i + 1)
                && self.word(i + 2, "s"))
        {
            i + 2 + usize::from(!self.dash(i + 1))
        } else {
            i + 1
        };
        if !self.word(k, "end") {
            return None;
        }
        Some(M {
            start: i,
            end: k + 1,
            expr: Expr::Point {
                point: the_year(),
                modifier: Some(Mod::Late),
                time: None,
            },
            parts: None,
        })
    }

    /// "the year", "the week" after "the end of": the anchor's period.
    fn the_unit(&self, i: usize) -> Option<P> {
        if !self.word(i, "the") && !self.word(i, "of") {
            return None;
        }
        let unit = self.lex(i + 1).unit.filter(|_| self.ok(i + 1))?;
        match unit {
            Unit::Week
            | Unit::Month
            | Unit::Quarter
            | Unit::Year
            | Unit::Decade
            | Unit::Century => Some((
                i + 2,
                Point::Shift {
                    unit,
                    n: 0,
                    base: Base::Anchor,
                    grain: unit,
                },
                None,
            )),
            _ => None,
        }
    }

    fn deictic(&self, i: usize) -> Option<P> {
        let day = |n: i32| Point::Shift {
            unit: Unit::Day,
            n,
            base: Base::Anchor,
            grain: Unit::Day,
        };
        // Numbers start only "50 years ago" and the like, further down.
        let w = self.lw(i).unwrap_or("");
        let simple = match w {
            "today" => Some((day(0), None)),
            "yesterday" => Some((day(-1), None)),
            "tomorrow" => Some((day(1), None)),
            "tonight" => Some((day(0), Some(TimeOfDay::Part(vocab::DayPart::Night)))),
            _ => None,
        };
        if let Some((p, time)) = simple {
            // "yesterday afternoon", "tomorrow morning".
            if time.is_none() {
                if let Some(part) = self.lex(i + 1).day_part.filter(|_| self.ok(i + 1)) {
                    return Some((i + 2, p, Some(TimeOfDay::Part(part))));
                }
            }
            return Some((i + 1, p, time));
        }
        // "this morning", "last night".
        if let Some(part) = self.lex(i + 1).day_part.filter(|_| self.ok(i + 1)) {
            match w {
                "this" => return Some((i + 2, day(0), Some(TimeOfDay::Part(part)))),
                "last" if part == vocab::DayPart::Night => {
                    return Some((i + 2, day(-1), Some(TimeOfDay::Part(part))))
                }
                _ => {}
            }
        }
        if let Some(p) = self.deictic_unit(i) {
            return Some(p);
        }
        // "the following day", "the next week", "the previous year", "the same day".
        if w == "the" {
            let n = match self.lw(i + 1).filter(|_| self.ok(i + 1)) {
                Some("following") | Some("next") => 1,
                Some("previous") | Some("preceding") | Some("prior") => -1,
                Some("same") => 0,
                _ => return self.day_before_after(i),
            };
            let unit = self.lex(i + 2).unit.filter(|_| self.ok(i + 2))?;
            if self.lw(i + 2).is_some_and(|w| w.ends_with('s')) {
                return None;
            }
            return match unit {
                Unit::Day
                | Unit::Week
                | Unit::Month
                | Unit::Year
                | Unit::Quarter
                | Unit::Weekend => Some((
                    i + 3,
                    Point::Shift {
                        unit,
                        n,
                        base: Base::Previous,
                        grain: unit,
                    },
                    None,
                )),
                _ => None,
            };
        }
        // "two days ago", "three weeks later", "a year earlier", "nearly two years ago".
        let q = if self.any_word(
            i,
            &[
                "almost",
                "nearly",
                "about",
                "roughly",
                "approximately",
                "around",
                "some",
            ],
        ) {
            i + 1
        } else {
            i
        };
        let (k, amount) = self.amount(q)?;
        let n = amount? as i32;
        if amount? != n as f64 || n > 10_000 {
            return None;
        }
        let unit = self.lex(k).unit.filter(|_| self.ok(k))?;
        let grain = match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day | Unit::Week | Unit::Weekend => {
                Unit::Day
            }
            Unit::Decade | Unit::Century => Unit::Year,
            u => u,
        };
        // "a year ago" in a story about a quarter is that quarter a year before:
        // marked by a quarter grain, which the resolver reads as "the story's
        // period, else the year".
        let grain = if unit == Unit::Year && n == 1 {
            Unit::Quarter
        } else {
            grain
        };
        // "a week or so ago".
        let k = if self.word(k + 1, "or") && self.word(k + 2, "so") {
            k + 2
        } else {
            k
        };
        match self.lw(k + 1).filter(|_| self.ok(k + 1)) {
            Some("ago") => Some((
                k + 2,
                Point::Shift {
                    unit,
                    n: -n,
                    base: Base::Anchor,
                    grain,
                },
                None,
            )),
            Some("earlier") => Some((
                k + 2,
                Point::Shift {
                    unit,
                    n: -n,
                    base: Base::Previous,
                    grain,
                },
                None,
            )),
            Some("later") => Some((
                k + 2,
                Point::Shift {
                    unit,
                    n,
                    base: Base::Previous,
                    grain,
                },
                None,
            )),
            // "The crash comes a day after the Taliban swapped hostages": the
            // day of the news itself, whatever it follows.
            Some("after") if grain == Unit::Day && self.comes_after(i, k + 2) => Some((
                k + 2,
                Point::Shift {
                    unit: Unit::Day,
                    n: 0,
                    base: Base::Anchor,
                    grain: Unit::Day,
                },
                None,
            )),
            _ => None,
        }
    }

    /// "comes (a day) after", "came (two days) after": the phrase from `i`
    /// follows a verb of coming and precedes an event (not a date, which
    /// would be the base of the shift).
    fn comes_after(&self, i: usize, next: usize) -> bool {
        i > 0
            && self.any_word(i - 1, &["came", "come", "comes", "coming"])
            && self.read_point(next).is_none()
    }

    /// "the day before", "the day after".
    fn day_before_after(&self, i: usize) -> Option<P> {
        if !self.word(i + 1, "day") {
            return None;
        }
        let n = match self.lw(i + 2).filter(|_| self.ok(i + 2))? {
            "before" => -1,
            "after" => 1,
            _ => return None,
        };
        // "the day after the vote" names an event, not a date: only at a clause end.
        if self.ok(i + 3) && self.t[i + 3].kind == Kind::Word {
            return None;
        }
        Some((
            i + 3,
            Point::Shift {
                unit: Unit::Day,
                n,
                base: Base::Previous,
                grain: Unit::Day,
            },
            None,
        ))
    }

    // ---- clock times ----

    /// A wire service's four-digit clock: "(0100 GMT)", "2100 gmt", and the
    /// header "1030 - APR 7". Hours and minutes, when the number is one.
    fn wire_clock(&self, i: usize) -> Option<(u32, u32)> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Num || t.text.len() != 4 || !t.plain {
            return None;
        }
        let n = self.num(i)?;
        let (h, mi) = (n / 100, n % 100);
        // "in 2019 GMT was ...": after a year's cue the number is the year.
        let cued = i > 0 && self.lw(i - 1).is_some_and(|w| YEAR_CUES.contains(&w));
        if h > 23 || mi > 59 || cued {
            return None;
        }
        let zoned = self.has_zone(i + 1);
        let header = self.dash(i + 1)
            && self
                .month_forms(i + 2)
                .is_some_and(|(_, p, _)| matches!(p, Point::Cal { day: Some(_), .. }));
        (zoned || header).then_some((h, mi))
    }

    /// "noon", "midday" or "midnight" at `i`: the hour it names.
    fn clock_word(&self, i: usize) -> Option<u32> {
        match self.lw(i)? {
            "noon" | "midday" => Some(12),
            "midnight" => Some(0),
            _ => None,
        }
    }

    fn clock(&self, i: usize) -> Option<P> {
        let today = Point::Shift {
            unit: Unit::Day,
            n: 0,
            base: Base::Anchor,
            grain: Unit::Day,
        };
        let (h, mi, mut end) = match (self.clock_word(i), self.wire_clock(i)) {
            (Some(h), _) => (h, 0, i + 1),
            (None, Some((h, mi))) => (h, mi, i + 1),
            (None, None) => {
                let h = self
                    .num(i)
                    .filter(|h| *h < 24 && self.t[i].text.len() <= 2)?;
                let (mi, j) = if self.punct(i + 1, ':') && self.tight(i + 1) && self.tight(i + 2) {
                    let mi = self
                        .num(i + 2)
                        .filter(|m| *m < 60 && self.t[i + 2].text.len() == 2)?;
                    (mi, i + 3)
                } else {
                    (0, i + 1)
                };
                // "a.m.", "p.m.", "am", "pm".
                let (pm, k) = match self.lw(j).filter(|_| self.ok(j)) {
                    Some("am") => (Some(false), j + 1),
                    Some("pm") => (Some(true), j + 1),
                    Some("a") | Some("p") if self.punct(j + 1, '.') && self.word(j + 2, "m") => {
                        (Some(self.lw(j) == Some("p")), self.opt_dot(j + 3))
                    }
                    _ => (None, j),
                };
                let h = match pm {
                    Some(true) if (1..12).contains(&h) => h + 12,
                    Some(false) if h == 12 => 0,
                    Some(_) if h > 12 || h == 0 => return None,
                    _ => h,
                };
                if pm.is_none() && j == i + 1 {
                    return None; // a bare number is not a time
                }
                let cued = self.has_zone(k)
                    || (i > 0 && self.word(i - 1, "at") && !self.game_clock(i))
                    || self.zoned_in_brackets(k);
                if pm.is_none() && !cued {
                    return None; // "15:30" needs "at" or a zone
                }
                (h, mi, k)
            }
        };
        let zone = self.zone_at(end);
        if zone.is_some() {
            end += 1;
        }
        // "6:29 a.m. local time Thursday": the zone said in words.
        if zone.is_none() && self.word(end, "local") && self.word(end + 1, "time") && self.ok(end) {
            end += 2;
        }
        let time = Some(TimeOfDay::Clock {
            hour: h,
            minute: mi,
            zone,
        });
        // "5 p.m. EST Nov. 9", "5 p.m. EST, Nov. 6": the date is the day.
        let k = if self.punct(end, ',') { end + 1 } else { end };
        if let Some((
            e,
            p @ Point::Cal {
                month: Some(_),
                day: Some(_),
                ..
            },
            None,
        )) = self.month_forms(k).filter(|_| self.ok(k))
        {
            return Some((e, p, time));
        }
        // "10 a.m. Friday, Dec. 6": the date the weekday is written with.
        if let Some((e, p @ Point::Cal { .. }, None)) = self.weekday(end).filter(|_| self.ok(end)) {
            return Some((e, p, time));
        }
        // "10 p.m. Wednesday", "noon Thursday", "3 p.m. yesterday".
        if let Some(wd) = self.weekday_at(end).filter(|_| self.ok(end)) {
            return Some((
                end + 1,
                Point::Weekday {
                    wd,
                    which: Which::Bare,
                },
                time,
            ));
        }
        if let Some((e, p, None)) = self.deictic(end).filter(|_| self.ok(end)) {
            if matches!(
                p,
                Point::Shift {
                    unit: Unit::Day,
                    ..
                }
            ) {
                return Some((e, p, time));
            }
        }
        Some((end, today, time))
    }

    /// Whether "at 7:14" near `i` is a game clock: a word of play within a
    /// dozen tokens ("scored at 7:14 and on the power play at 19:56").
    fn game_clock(&self, i: usize) -> bool {
        (i.saturating_sub(12)..(i + 12).min(self.n())).any(|k| {
            self.lw(k)
                .is_some_and(|w| vocab::contains(vocab::GAME_WORDS, w))
        })
    }

    /// "17:00 (09:00 GMT)": a local time glossed by a zoned one in brackets.
    fn zoned_in_brackets(&self, i: usize) -> bool {
        self.punct(i, '(')
            && self.num(i + 1).is_some()
            && self.punct(i + 2, ':')
            && self.num(i + 3).is_some()
            && self.has_zone(i + 4)
    }

    fn has_zone(&self, i: usize) -> bool {
        self.zone_at(i).is_some()
    }

    /// The zone written at `i`: "GMT", "EST"; wire copy also writes "gmt" and
    /// "utc" in lower case (the other abbreviations are words then: "est").
    fn zone_at(&self, i: usize) -> Option<&'static str> {
        let t = self
            .t
            .get(i)
            .filter(|t| t.kind == Kind::Word && self.ok(i))?;
        match t.text {
            "gmt" => Some("Z"),
            "utc" => Some("Z"),
            w => vocab::lookup(vocab::TIME_ZONES, w),
        }
    }

    // ---- amounts and durations ----

    /// A number written in digits or words: "12", "twelve", "twenty-four", "a",
    /// "a couple of"; `None` inside for "several", "a few", "some", "many".
    fn amount(&self, i: usize) -> Option<(usize, Option<f64>)> {
        if !self.ok(i) && i != 0 {
            return None;
        }
        let t = self.t.get(i)?;
        if t.kind == Kind::Num {
            if t.plain {
                let n: f64 = t.text.parse().ok()?;
                // "2 1/2 years"
                if self.num(i + 1).is_some() && self.punct(i + 2, '/') && self.tight(i + 2) {
                    let a = self.num(i + 1)? as f64;
                    let b = self.num(i + 3)? as f64;
                    if b > 0.0 && a < b {
                        return Some((i + 4, Some(n + a / b)));
                    }
                }
                return Some((i + 1, Some(n)));
            }
            if !t.text.contains(',') {
                return Some((i + 1, t.text.parse().ok()));
            }
            return None;
        }
        let w = self.lw(i)?;
        match w {
            "several" | "few" | "many" | "some" | "numerous" => return Some((i + 1, None)),
            "a" | "an" => {
                if self.word(i + 1, "few") {
                    return Some((i + 2, None));
                }
                if self.word(i + 1, "couple") && self.word(i + 2, "of") {
                    return Some((i + 3, Some(2.0)));
                }
                if self.word(i + 1, "half") && self.word(i + 2, "dozen") {
                    return Some((i + 3, Some(6.0)));
                }
                if self.word(i + 1, "dozen") {
                    return Some((i + 2, Some(12.0)));
                }
                if self.word(i + 1, "hundred") {
                    return Some((i + 2, Some(100.0)));
                }
                return Some((i + 1, Some(1.0)));
            }
            "half" if self.any_word(i + 1, &["a", "an"]) => return Some((i + 2, Some(0.5))),
            "dozens" | "hundreds" | "thousands" if self.word(i + 1, "of") => {
                return Some((i + 2, None))
            }
            _ => {}
        }
        let mut n = self.lex(i).number?;
        let mut j = i + 1;
        // "twenty-four", "twenty four".
        if (20..=90).contains(&n) && n % 10 == 0 {
            let k = if self.dash(j) && self.tight(j) {
                j + 1
            } else {
                j
            };
            if let Some(u) = self.lex(k).number.filter(|_| self.ok(k)) {
                if (1..=9).contains(&u) && self.lw(k) != Some("a") && self.lw(k) != Some("an") {
                    n += u;
                    j = k + 1;
                }
            }
        }
        if self.word(j, "hundred") {
            n *= 100;
            j += 1;
        }
        Some((j, Some(n as f64)))
    }

    /// The number of words of a quantifier at `i` that a duration takes in
    /// ("more than", "nearly"), or 0.
    fn quantifier(&self, i: usize) -> usize {
        let quant: &[&[&str]] = &[
            &["more", "than"],
            &["less", "than"],
            &["fewer", "than"],
            &["at", "least"],
            &["at", "most"],
            &["up", "to"],
            &["nearly"],
            &["almost"],
            &["about"],
            &["around"],
            &["roughly"],
            &["approximately"],
            &["some"],
        ];
        quant
            .iter()
            .find(|q| {
                q.iter().enumerate().all(|(k, w)| self.word(i + k, w))
                    && !self.word(i + q.len(), "the")
            })
            .map_or(0, |q| q.len())
    }

    fn duration(&self, i: usize) -> Option<M> {
        let mut j = i;
        // Quantifiers belong to the expression: "nearly forty years", "more than four hours".
        j += self.quantifier(j);
        let mut tie = Tie::Free;
        if self.word(j, "the") {
            j += 1;
        }
        let mut anchored_word = false;
        match self.lw(j).filter(|_| self.ok(j) || j == 0) {
            Some("past") | Some("last") => {
                tie = Tie::EndsAtAnchor;
                anchored_word = true;
                j += 1;
            }
            Some("next") | Some("coming") => {
                tie = Tie::StartsAtAnchor;
                anchored_word = true;
                j += 1;
            }
            Some("first") | Some("latest") | Some("previous") | Some("recent") => j += 1,
            _ => {}
        }
        // "recent weeks", "coming months", "the past few years".
        let (k, n) = match self.amount(j) {
            Some((k, n)) => (k, n),
            None => (j, None),
        };
        if k == j && !(anchored_word || (j > 0 && self.word(j - 1, "recent"))) {
            return None;
        }
        let w = self.lw(k).filter(|_| self.ok(k))?;
        let unit = self.lex(k).unit?;
        let plural = w.ends_with('s') && unit != Unit::Century || w == "centuries";
        // A singular unit takes one: "1988 second" and "three quarter" are not durations.
        if !plural && n.is_some_and(|x| x > 1.0) {
            return None;
        }
        if k == j && !plural && !anchored_word {
            return None;
        }
        // "the last year" without a number is a date ("last year"), handled as a point,
        // unless written "the past year".
        if !(k != j || plural || self.word(i, "the") || (j > 0 && self.word(j - 1, "past"))) {
            return None;
        }
        let mut end = k + 1;
        // "12 days", but not "12 days ago" (a date) nor "three weeks later", nor an age.
        if self.any_word(end, &["ago", "later", "earlier"]) || self.is_age(end) {
            return None;
        }
        // "a year" after an amount of money ("$5 million a year") is a rate.
        if n == Some(1.0)
            && k == j + 1
            && self.any_word(j, &["a", "an"])
            && !self.word(i, "the")
            && j == i
        {
            let prev_num = i > 0
                && matches!(self.t[i - 1].kind, Kind::Num | Kind::Word if self.t[i - 1].kind == Kind::Num || self.lw(i - 1).is_some_and(|w| matches!(w, "million" | "billion" | "times" | "once" | "twice" | "percent" | "pct" | "dlrs" | "dollars")));
            if prev_num {
                return None;
            }
            // A lone "a day"/"a year" is too vague to be worth a timex unless tied.
            let tied = matches!(unit, Unit::Decade | Unit::Century)
                || self.any_word(end, &["of", "and", "or"])
                || (i > 0 && self.any_word(i - 1, &["for", "within", "in", "after", "over"]));
            if !tied {
                return None;
            }
        }
        // "a minute and a half", "two years and a half".
        let mut n = n;
        if self.word(end, "and") && self.word(end + 1, "a") && self.word(end + 2, "half") {
            end += 3;
            n = n.map(|x| x + 0.5);
        }
        // Adjectival durations need a tight hyphen: "two-year", "16-hour".
        // "the past year" is one year; "the past years" and "several months" are
        // an unknown number.
        let n = n.or(if plural { None } else { Some(1.0) });
        // "following 12 days of conflict", "after three weeks of talks": over,
        // just before the anchor.
        if tie == Tie::Free
            && i > 0
            && self.any_word(i - 1, &["following", "after"])
            && self.word(end, "of")
        {
            tie = Tie::EndsBeforeAnchor;
        }
        if tie == Tie::Free && i > 1 && self.word(i - 1, "past") && self.word(i - 2, "the") {
            tie = Tie::EndsAtAnchor;
        }
        if tie == Tie::Free && n.is_some() && self.runs_to_now(i) {
            tie = Tie::EndsAtAnchor;
        }
        Some(M {
            start: i,
            end,
            expr: Expr::Duration { n, unit, tie },
            parts: None,
        })
    }

    /// Whether the duration at `i` is a span up to the time of writing, by the
    /// words before it: "has been missing for five years", "have tried for
    /// about a month" (the present perfect, a few words back in the clause),
    /// "the highest in nearly two years", "for the first time in 25 years".
    fn runs_to_now(&self, i: usize) -> bool {
        if i < 2 {
            return false;
        }
        if self.word(i - 1, "in") {
            return self
                .lw(i - 2)
                .is_some_and(|w| vocab::contains(vocab::RECORD_WORDS, w));
        }
        if !self.word(i - 1, "for") {
            return false;
        }
        // Back through the clause, at most eight tokens, to its auxiliary.
        for k in (i.saturating_sub(10)..i - 1).rev() {
            let t = &self.t[k];
            if t.is_punct('.') || t.is_punct(';') || t.is_punct(':') || t.gap == Gap::Para {
                return false;
            }
            if self
                .lw(k)
                .is_some_and(|w| vocab::contains(vocab::PERFECT_AUX, w))
            {
                return true;
            }
        }
        false
    }

    /// A bare plural unit after "for" or "within": "for years", "within
    /// weeks", "for centuries" are durations of an unknown number (`PXY`,
    /// `PXW`). Other bare plurals ("in the weeks before", "matter of days",
    /// "minutes apart") stay out.
    fn vague_plural(&self, i: usize) -> Option<M> {
        if i == 0 || !self.any_word(i - 1, &["for", "within"]) || !self.ok(i) {
            return None;
        }
        let unit = self.lex(i).unit?;
        let w = self.lw(i)?;
        if !w.ends_with('s') || unit == Unit::Weekend {
            return None;
        }
        Some(M {
            start: i,
            end: i + 1,
            expr: Expr::Duration {
                n: None,
                unit,
                tie: Tie::Free,
            },
            parts: None,
        })
    }

    /// Adjectival durations: "two-year", "16-hour", "12-day".
    /// "-old" or "old" at `i`: "a 6-year-old", "52 years old" give an age, not a
    /// period of time.
    fn is_age(&self, i: usize) -> bool {
        self.word(i, "old") || (self.dash(i) && self.tight(i) && self.word(i + 1, "old"))
    }

    fn adjectival(&self, i: usize) -> Option<M> {
        let (k, n) = self.amount(i)?;
        if !(self.dash(k) && self.tight(k) && self.tight(k + 1)) {
            return None;
        }
        let w = self.lw(k + 1)?;
        let unit = self.lex(k + 1).unit?;
        if w.ends_with('s') || self.is_age(k + 2) {
            return None;
        }
        Some(M {
            start: i,
            end: k + 2,
            expr: Expr::Duration {
                n: Some(n?),
                unit,
                tie: Tie::Free,
            },
            parts: None,
        })
    }

    // ---- sets ----

    fn set(&self, i: usize) -> Option<M> {
        let one = |end: usize, unit: Unit| {
            Some(M {
                start: i,
                end,
                expr: Expr::Set { n: 1, unit },
                parts: None,
            })
        };
        let w = self.lw(i)?;
        // "a daily newspaper", "quarterly dividend": an adjective before a noun is
        // not a recurrence in TimeML; "paid quarterly" and "twice daily" are.
        let adjective = self.ok(i + 1)
            && self.t[i + 1].kind == Kind::Word
            && !self.any_word(
                i + 1,
                &[
                    "and", "or", "in", "at", "on", "by", "for", "from", "to", "until", "since",
                    "but",
                ],
            );
        if adjective
            && matches!(
                w,
                "nightly" | "weekly" | "monthly" | "quarterly" | "annually" | "yearly" | "hourly"
            )
        {
            return None;
        }
        match w {
            "daily" | "nightly" => return one(i + 1, Unit::Day),
            "weekly" => return one(i + 1, Unit::Week),
            "monthly" => return one(i + 1, Unit::Month),
            "quarterly" => return one(i + 1, Unit::Quarter),
            "annually" | "yearly" | "annual" if w != "annual" => return one(i + 1, Unit::Year),
            "hourly" => return one(i + 1, Unit::Hour),
            // "300 per week", "$600 million per year": a rate. "Miles per
            // hour" and "instructions per second" are measures.
            "per" => {
                let unit = self.lex(i + 1).unit.filter(|_| self.ok(i + 1))?;
                if self.lw(i + 1).is_some_and(|w| w.ends_with('s'))
                    || matches!(unit, Unit::Second | Unit::Minute | Unit::Hour)
                {
                    return None;
                }
                return one(i + 2, unit);
            }
            "every" | "each" => {
                if let Some(wd) = self.weekday_at(i + 1).filter(|_| self.ok(i + 1)) {
                    return Some(M {
                        start: i,
                        end: i + 2,
                        expr: Expr::WeekdaySet(wd),
                        parts: None,
                    });
                }
                let (k, n) = match self.amount(i + 1) {
                    Some((k, Some(n))) if n.fract() == 0.0 && n >= 1.0 => (k, n as u32),
                    _ => (i + 1, 1),
                };
                let unit = self.lex(k).unit.filter(|_| self.ok(k))?;
                return Some(M {
                    start: i,
                    end: k + 1,
                    expr: Expr::Set { n, unit },
                    parts: None,
                });
            }
            _ => {}
        }
        // "on Mondays", "Tuesday nights".
        if let Some(wd) = self.weekday_at(i) {
            if self.word(i + 1, "s") && self.tight(i + 1) {
                return Some(M {
                    start: i,
                    end: i + 2,
                    expr: Expr::WeekdaySet(wd),
                    parts: None,
                });
            }
            if self.any_word(i + 1, &["mornings", "afternoons", "evenings", "nights"]) {
                return Some(M {
                    start: i,
                    end: i + 2,
                    expr: Expr::WeekdaySet(wd),
                    parts: None,
                });
            }
        }
        // Adjectival durations ("two-year") are a candidate of their own in
        // `at`; reading them here too would only offer the same match twice.
        None
    }

    // ---- vague references ----

    fn reference(&self, i: usize) -> Option<M> {
        let r = |end: usize, k: RefKind| {
            Some(M {
                start: i,
                end,
                expr: Expr::Ref(k),
                parts: None,
            })
        };
        match self.lw(i)? {
            "now" => {
                // "now" as a discourse marker still refers to the present in TimeML.
                r(i + 1, RefKind::Present)
            }
            "currently" | "nowadays" => r(i + 1, RefKind::Present),
            "right" if self.word(i + 1, "now") => r(i + 2, RefKind::Present),
            "more" if self.word(i + 1, "recently") => r(i + 2, RefKind::Past),
            "recently" | "lately" => r(i + 1, RefKind::Past),
            "the" => match self.lw(i + 1).filter(|_| self.ok(i + 1)) {
                Some("past")
                    if !self.ok(i + 2)
                        || !matches!(self.t[i + 2].kind, Kind::Num | Kind::Word)
                        || self.lw(i + 2).is_some_and(|w| {
                            !is_amount_word(w) && self.lex(i + 2).unit.is_none()
                        }) =>
                {
                    r(i + 2, RefKind::Past)
                }
                Some("future") => r(i + 2, RefKind::Future),
                Some("present") if i > 0 && self.word(i - 1, "at") => r(i + 2, RefKind::Present),
                _ => None,
            },
            "future" if i > 0 && self.any_word(i - 1, &["near", "foreseeable"]) => {
                r(i + 1, RefKind::Future)
            }
            "these" if self.word(i + 1, "days") => r(i + 2, RefKind::Present),
            _ => None,
        }
    }
}

fn is_amount_word(w: &str) -> bool {
    matches!(
        w,
        "several" | "few" | "many" | "some" | "a" | "an" | "couple"
    ) || vocab::lookup(vocab::NUMBER_WORDS, w).is_some()
}

/// The year of the story: the anchor's, or in a narrative the last one named.
fn the_year() -> Point {
    cal(YearSpec::Context, None, None)
}

/// A calendar point, the extractor's most common result.
fn cal(year: YearSpec, month: Option<u32>, day: Option<u32>) -> Point {
    Point::Cal { year, month, day }
}

/// Whether two points can form a range ("June 24 - July 3" yes, "2001 - Monday" no).
fn same_kind(a: &Point, b: &Point) -> bool {
    use Point::*;
    match (a, b) {
        (
            Cal {
                month: m1, day: d1, ..
            },
            Cal {
                month: m2, day: d2, ..
            },
        ) => m1.is_some() == m2.is_some() && (d1.is_some() == d2.is_some() || m1.is_some()),
        (Weekday { .. }, Weekday { .. }) => true,
        (Decade(_), Decade(_))
        | (Season { .. }, Season { .. })
        | (Quarter { .. }, Quarter { .. }) => true,
        _ => false,
    }
}

/// "June 24 to July 3, 2025": the year written on one end applies to both.
fn share_year(a: Point, b: Point) -> (Point, Point) {
    match (a, b) {
        (
            Point::Cal {
                year: YearSpec::Context,
                month,
                day,
            },
            Point::Cal {
                year: y @ YearSpec::Abs(_),
                ..
            },
        ) => (
            Point::Cal {
                year: y,
                month,
                day,
            },
            b,
        ),
        _ => (a, b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<(&str, Expr)> {
        extract(s, 0, s.len())
            .into_iter()
            .map(|m| (&s[m.start..m.end], m.expr))
            .collect()
    }

    fn texts(s: &str) -> Vec<&str> {
        found(s).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn durations_in_the_perfect_or_after_a_record_run_to_now() {
        let tie = |t: &str, d: &str| {
            found(t)
                .into_iter()
                .find(|(x, _)| *x == d)
                .map(|(_, e)| match e {
                    Expr::Duration { tie, .. } => tie,
                    other => panic!("{d}: {other:?}"),
                })
                .unwrap_or_else(|| panic!("{d} not found in {t:?}"))
        };
        let t = "The dog has been missing for five years. Shares hit their highest in \
                 nearly two years. They met for the first time in 25 years. She worked \
                 for three years in Lyon. He has a plan. It ran for six weeks.";
        assert_eq!(tie(t, "five years"), Tie::EndsAtAnchor);
        assert_eq!(tie(t, "nearly two years"), Tie::EndsAtAnchor);
        assert_eq!(tie(t, "25 years"), Tie::EndsAtAnchor);
        assert_eq!(tie(t, "three years"), Tie::Free);
        assert_eq!(tie(t, "six weeks"), Tie::Free);
    }

    #[test]
    fn titles_of_films_and_books_are_not_years() {
        let t = "She starred in the film 2012 and read the novel 1984 in 2003.";
        assert_eq!(texts(t), ["2003"]);
        assert!(NOT_YEAR_BEFORE.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn four_digit_wire_clocks_are_times_not_years() {
        let t = "The vote closed at 9 p.m. (2100 gmt) and markets shut at 1630 GMT. \
                 In 2019 GMT was the standard.";
        assert_eq!(texts(t), ["9 p.m.", "2100 gmt", "1630 GMT", "2019"]);
        let (_, e) = found("LONDON 1030 - APR 7 markets")[0];
        assert!(matches!(
            e,
            Expr::Point {
                time: Some(TimeOfDay::Clock {
                    hour: 10,
                    minute: 30,
                    ..
                }),
                ..
            }
        ));
    }

    #[test]
    fn a_pattern_may_open_a_paragraph_but_never_crosses_one() {
        let t = "The talks ended.\n\nLast week officials met.\n\nThis month, talks resume.\n\nMarch\n\n3 people came.";
        assert_eq!(texts(t), ["Last week", "This month", "March"]);
    }

    fn cal(year: YearSpec, month: Option<u32>, day: Option<u32>) -> Expr {
        Expr::Point {
            point: Point::Cal { year, month, day },
            modifier: None,
            time: None,
        }
    }

    #[test]
    fn the_start_filter_loses_nothing() {
        let texts = [
            include_str!("../../samples/qingdao-sco.txt"),
            include_str!("../../samples/wire-styles-afp.txt"),
            include_str!("../../samples/wire-styles-ap.txt"),
            include_str!("../../samples/wire-styles-reuters.txt"),
            include_str!("../../samples/narrative-history.txt"),
            include_str!("../../samples/fort-lauderdale.txt"),
            include_str!("../../samples/past-vs-future-weekdays.txt"),
            "the past few weeks, more than four hours, at least 20 more years, up to 180 days, \
             ca. 490 BC, AD 43, the '90s, the nineties, the 20th century, Q3 2025, FY2025, \
             fiscal year 1986, the year 2000, nineteen ninety-six, noon Thursday, 5 p.m. EST Nov. 9, \
             12-14 July, between 2001 and 2005, from Monday to Wednesday, recent weeks, \
             the year-earlier quarter, year-ago, the 1988 second quarter, every two weeks, \
             a couple of years ago, half a day, dozens of years, right now, more recently, \
             the beginning of 2024, mid-June, earlier this month, later this year, tonight, \
             yesterday afternoon, last night, this morning, the day before, the same day. \
             5.5 years, 2.5-year, 1,000 years, 1.5 years ago, the '90s, '90s, rock 'n' roll.",
        ];
        for t in texts {
            assert_eq!(scan(t, 0, t.len(), true), scan(t, 0, t.len(), false), "{t}");
        }
    }

    /// Asserts that no token `can_start` turns away in `text` starts a match;
    /// gives how many it turned away.
    fn assert_filter_exact(text: &str) -> usize {
        let toks = tokenize(text, 0, text.len());
        let lower = text.to_ascii_lowercase();
        let info = infos(&toks, &lower, 0);
        let p = Parser {
            t: &toks,
            info: &info,
            caps: is_mostly_caps(&toks),
            points: std::cell::RefCell::default(),
            start: std::cell::Cell::new(0),
        };
        let mut turned_away = 0;
        for (i, t) in toks.iter().enumerate() {
            p.start.set(i);
            if !p.can_start(i) {
                turned_away += 1;
                let m = p.at(i);
                assert!(
                    m.is_none_or(|m| m.end <= i),
                    "{:?} at {i} of {text:?} starts {m:?}",
                    t.text
                );
            }
        }
        turned_away
    }

    /// Every token `can_start` turns away starts no match, on text full of
    /// numbers with decimals and commas and of apostrophes.
    #[test]
    fn the_start_filter_is_exact() {
        let tricky = "5.5 years, 2.5-year, 1,000 years, 1,000-year, 1.5 years ago, 5.0 years \
             ago, 3.5% in 1.5 hours, recent 1,000 days, recent 2.5 weeks, 1,200 BC, 1.2.3 days, \
             12.5 p.m., 1.5 - year, the 1,000 quarter, the 2.5 quarter, 2,000 AD, AD 1,000, \
             the '90s, '90s, ’80s, the ’ 70s, rock 'n' roll, it's 'the' '5 '12 '1990s, \
             the 1990's, '\n\n90s, 2.5\n\nyears, 0.5-hour, at 3.5 pm, at 1,200 GMT, \
             every 2.5 weeks, each 1,000 years, the past 1.5 years, over 2.5 days. \
             A year ago, a few days, a couple of weeks, a half dozen years, an hour, a-year, \
             one-year, One - year, nineteen ninety-six, Eighteen eighty, nineteen, twenty-four \
             hours, twenty four years, twenty-first century, a dozen, a hundred years, two and a \
             half years, a minute and a half, $5 million a year, a 5-year, a\n\nyear, a few\n\n \
             days, one day, one of, a day earlier, two months later, recent\n\ntwo years, \
             three quarters, three-quarters, an annual, two Mondays, a Monday, a May day. \
             003rd quarter, 004th quarter, 0002nd half, 005th quarter, 150 years, 150-year, \
             12345 days ago, 1234567890 years, 490 BC, 490 B.C., 100 AD, 999 BCE, 123/4/2025, \
             45 s, 123rd quarter, 10000-day, 300 p.m., 300:30, 012:30 GMT, 1999 s, 300 mln, \
             at least two years, at most 3 days, at least the, at 5 p.m., up to 180 days, up \
             to the, less than a year, fewer than 10 weeks, more than four hours, at noon, \
             from 2001 to 2005, from Monday, between June and July, from the start, from now.";
        let texts = [
            tricky,
            include_str!("../../samples/wire-styles-reuters.txt"),
            include_str!("../../samples/narrative-history.txt"),
        ];
        for text in texts {
            assert!(assert_filter_exact(text) > 0);
        }
    }

    /// Every word the extractor's source mentions (which takes in every word a
    /// pattern looks for) and every vocabulary word, lower case.
    fn grammar_words() -> Vec<String> {
        let mut words: Vec<String> = include_str!("extract.rs")
            .split(|c: char| !c.is_ascii_alphabetic())
            .chain(LEXICON.keys().copied())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        words.sort();
        words.dedup();
        words
    }

    /// Numbers of every length, with leading zeros, and quantifier and range
    /// words, before every grammar word: a pattern starts at them only where
    /// `can_start` says it can.
    #[test]
    fn numbers_and_leads_are_followed_by_their_words() {
        let words = grammar_words();
        let firsts = [
            "0",
            "3",
            "03",
            "003",
            "0003",
            "45",
            "150",
            "999",
            "1000",
            "2025",
            "12345",
            "123456789",
            "1234567890",
            "at",
            "up",
            "less",
            "fewer",
            "from",
            "between",
        ];
        let contexts = [
            "x {} {} ago.",
            "x {}-{} old",
            "x {}{} quarter of 2025",
            "x {} {} 2025",
            "x {} {}. C.",
            "x {} {} the year",
        ];
        let mut turned_away = 0;
        for n in firsts {
            for w in &words {
                for c in contexts {
                    turned_away +=
                        assert_filter_exact(&c.replacen("{}", n, 1).replacen("{}", w, 1));
                }
            }
        }
        assert!(turned_away > words.len());
    }

    /// "the" before every word the extractor's source mentions (which takes in
    /// every word a pattern looks for) and every vocabulary word, in the
    /// contexts that complete its patterns: a pattern starts at "the" only
    /// where `can_start` says it can.
    #[test]
    fn the_is_followed_by_its_words() {
        let words = grammar_words();
        let contexts = [
            "at the {} 2025 quarter.",
            "at the {} years ago.",
            "at the {} two weeks later",
            "at the {} few years and a half",
            "at the {} of the year.",
            "at the {} of 2025.",
            "at the {} day before.",
            "at the {}-year-earlier second quarter.",
            "at the {}-ago period.",
            "at the {} century.",
            "at the {} 's.",
        ];
        let mut turned_away = 0;
        for w in &words {
            let title = format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..]);
            for x in [w.as_str(), &title] {
                for c in contexts {
                    turned_away += assert_filter_exact(&c.replace("{}", x));
                }
            }
        }
        assert!(turned_away > words.len());
    }

    #[test]
    fn the_lexicon_agrees_with_the_tables() {
        // Every table word, and every token of the samples (most words in no
        // table), in the case it is written: the token's `Lex` is what searching
        // each table for its lower-cased word says, its number what
        // `Token::number` says.
        let mut words: Vec<String> = LEXICON.keys().map(|w| w.to_uppercase()).collect();
        for t in [
            include_str!("../../samples/wire-styles-reuters.txt"),
            include_str!("../../samples/narrative-history.txt"),
            "Sept. MAY may Twenty-First fortnight FY Q3 Eighties São Nights hrs 5 12 2025 1,000 5.93 0042 123456789 1234567890",
        ] {
            words.extend(
                tokenize(t, 0, t.len())
                    .iter()
                    .map(|t| t.text.to_string()),
            );
        }
        let text = words.join(" ");
        let toks = tokenize(&text, 0, text.len());
        let lower = text.to_ascii_lowercase();
        let info = infos(&toks, &lower, 0);
        for (t, x) in toks.iter().zip(&info) {
            assert_eq!(x.number, t.number());
            if t.kind != Kind::Word {
                assert_eq!((x.lw, *x.lex), (None, NO_LEX));
                continue;
            }
            let w = &lower[t.start..t.end];
            assert_eq!(x.lw, Some(w));
            assert_eq!(*x.lex, Lex::of(w), "{w}");
            assert_eq!(x.lex.month, vocab::lookup(vocab::MONTHS, w), "{w}");
            assert_eq!(x.lex.unit, vocab::lookup(vocab::UNITS, w), "{w}");
            assert_eq!(x.lex.number, vocab::lookup(vocab::NUMBER_WORDS, w), "{w}");
        }
        assert!(info.iter().any(|x| *x.lex == NO_LEX));
        assert!(info.iter().any(|x| x.lex.starter));
    }

    #[test]
    fn calendar_dates_in_the_usual_orders() {
        let ctx = YearSpec::Context;
        let cases: &[(&str, &str, Expr)] = &[
            (
                "on June 26, 2025 the",
                "June 26, 2025",
                cal(YearSpec::Abs(2025), Some(6), Some(26)),
            ),
            (
                "on 26 June 2025 the",
                "26 June 2025",
                cal(YearSpec::Abs(2025), Some(6), Some(26)),
            ),
            ("since Jun. 26 the", "Jun. 26", cal(ctx, Some(6), Some(26))),
            ("Sept. 30, and", "Sept. 30", cal(ctx, Some(9), Some(30))),
            (
                "on 2025-06-26 the",
                "2025-06-26",
                cal(YearSpec::Abs(2025), Some(6), Some(26)),
            ),
            ("in June the", "June", cal(ctx, Some(6), None)),
            ("in 2001 the", "2001", cal(YearSpec::Abs(2001), None, None)),
            (
                "in March 1940 the",
                "March 1940",
                cal(YearSpec::Abs(1940), Some(3), None),
            ),
            (
                "on 6/26/2025 the",
                "6/26/2025",
                cal(YearSpec::Abs(2025), Some(6), Some(26)),
            ),
            (
                "on 26/6/2025 the",
                "26/6/2025",
                cal(YearSpec::Abs(2025), Some(6), Some(26)),
            ),
        ];
        for (text, span, expr) in cases {
            let f = found(text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0].0, *span, "{text}");
            assert_eq!(f[0].1, *expr, "{text}");
        }
    }

    #[test]
    fn numbers_that_are_not_dates() {
        for s in [
            "a 10-member bloc",
            "155,221 bags of cocoa",
            "$2001 million in aid",
            "along Route 66 the",
            "a 5-4 vote",
            "2000 tonnes of sugar",
            "it may rain",
            "They march on",
            "Theresa May said",
            "up 5.93 pct",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn spans_follow_timeml() {
        assert_eq!(texts("following 12 days of conflict"), vec!["12 days"]);
        assert_eq!(texts("over the past two weeks"), vec!["the past two weeks"]);
        assert_eq!(
            texts("in the third quarter of 2025"),
            vec!["the third quarter of 2025"]
        );
        assert_eq!(texts("third-quarter profit"), vec!["third-quarter"]);
        assert_eq!(texts("in the 1990s"), vec!["the 1990s"]);
        assert_eq!(texts("nearly forty years"), vec!["nearly forty years"]);
        assert_eq!(texts("said on Thursday that"), vec!["Thursday"]);
        assert_eq!(texts("two days ago"), vec!["two days ago"]);
        assert_eq!(texts("at 3 p.m. GMT on"), vec!["3 p.m. GMT"]);
        assert_eq!(texts("early next year"), vec!["early next year"]);
        assert_eq!(texts("in mid-2024"), vec!["mid-2024"]);
        assert_eq!(texts("fiscal 1986 results"), vec!["fiscal 1986"]);
        assert_eq!(texts("a two-year term"), vec!["two-year"]);
    }

    #[test]
    fn durations_and_ties() {
        let f = found("following 12 days of conflict");
        assert_eq!(
            f[0].1,
            Expr::Duration {
                n: Some(12.0),
                unit: Unit::Day,
                tie: Tie::EndsBeforeAnchor
            }
        );
        let f = found("for three months");
        assert_eq!(
            f[0].1,
            Expr::Duration {
                n: Some(3.0),
                unit: Unit::Month,
                tie: Tie::Free
            }
        );
        let f = found("the next two weeks");
        assert_eq!(
            f[0].1,
            Expr::Duration {
                n: Some(2.0),
                unit: Unit::Week,
                tie: Tie::StartsAtAnchor
            }
        );
        let f = found("in recent weeks");
        assert_eq!(
            f[0].1,
            Expr::Duration {
                n: None,
                unit: Unit::Week,
                tie: Tie::Free
            }
        );
        let f = found("twenty-four hours");
        assert_eq!(
            f[0].1,
            Expr::Duration {
                n: Some(24.0),
                unit: Unit::Hour,
                tie: Tie::Free
            }
        );
    }

    #[test]
    fn ranges() {
        let f = found("on June 24-25 the");
        assert_eq!(f.len(), 1);
        assert!(matches!(f[0].1, Expr::Range { .. }), "{f:?}");
        assert_eq!(f[0].0, "June 24-25");
        assert_eq!(found("between 2001 and 2005").len(), 1);
        assert_eq!(found("2019–2021").len(), 1);
        assert_eq!(
            texts("from Monday to Wednesday"),
            vec!["Monday to Wednesday"]
        );
        assert_eq!(texts("in 1939-45 the"), vec!["1939-45"]);
    }

    #[test]
    fn weekdays_relatives_sets_and_refs() {
        let kinds: Vec<Expr> =
            found("last Friday, yesterday, next Monday, every Monday, annually, recently, now")
                .into_iter()
                .map(|f| f.1)
                .collect();
        assert_eq!(kinds.len(), 7, "{kinds:?}");
        assert_eq!(
            kinds[0],
            Expr::Point {
                point: Point::Weekday {
                    wd: 5,
                    which: Which::Last
                },
                modifier: None,
                time: None
            }
        );
        assert_eq!(kinds[3], Expr::WeekdaySet(1));
        assert_eq!(
            kinds[4],
            Expr::Set {
                n: 1,
                unit: Unit::Year
            }
        );
        assert_eq!(kinds[5], Expr::Ref(RefKind::Past));
        assert_eq!(texts("the following day"), vec!["the following day"]);
        assert_eq!(texts("three weeks later"), vec!["three weeks later"]);
        assert_eq!(texts("a year earlier"), vec!["a year earlier"]);
        assert_eq!(texts("in the spring of 2024"), vec!["the spring of 2024"]);
        assert_eq!(texts("the 20th century"), vec!["the 20th century"]);
    }

    #[test]
    fn a_century_needs_no_article() {
        for (s, want) in [
            ("Steam shaped 19th century industry.", "19th century"),
            (
                "Few buildings survive from the eleventh century.",
                "the eleventh century",
            ),
            (
                "It is a problem of the early 21st century.",
                "the early 21st century",
            ),
        ] {
            let f = found(s);
            assert!(
                f.iter()
                    .any(|(t, e)| *t == want && matches!(e, Expr::Point { .. })),
                "{s}: {f:?}"
            );
        }
    }

    #[test]
    fn a_date_before_a_colon_keeps_its_day() {
        let ctx = YearSpec::Context;
        assert_eq!(
            found("Police log, Nov. 3: a bike was stolen."),
            vec![("Nov. 3", cal(ctx, Some(11), Some(3)))]
        );
        assert_eq!(
            texts("The Herald wrote in a leader on Tuesday, March 17: the plan fails."),
            vec!["Tuesday, March 17"]
        );
        // A clock time is still no day.
        assert_eq!(texts("at 14:30 on Friday"), vec!["14:30", "Friday"]);
    }

    #[test]
    fn the_year_a_story_reports_on_is_a_date() {
        let year = cal(YearSpec::Context, None, None);
        assert_eq!(
            found("Orders for the full year rose 4%."),
            vec![("the full year", year)]
        );
        assert_eq!(
            texts("It sees a loss for the current fiscal year, and the year before."),
            vec!["the current fiscal year"]
        );
        assert_eq!(
            found("Revenue in the year ended June 30 doubled.")[..1],
            [(
                "the year",
                Expr::Duration {
                    n: Some(1.0),
                    unit: Unit::Year,
                    tie: Tie::Free
                }
            )]
        );
        assert_eq!(
            texts("The sale should close by year-end, or by year's end at the latest."),
            vec!["year-end", "year's end"]
        );
        assert_eq!(
            texts("Rains came later in the year; year-end results were weak."),
            vec!["later in the year"]
        );
        assert!(texts("She was named Player of the Year.").is_empty());
    }

    #[test]
    fn vague_plural_durations_after_for_and_within() {
        let vague = |unit| Expr::Duration {
            n: None,
            unit,
            tie: Tie::Free,
        };
        assert_eq!(
            found("The mill stood idle for decades and reopened within weeks."),
            vec![
                ("decades", vague(Unit::Decade)),
                ("weeks", vague(Unit::Week))
            ]
        );
        // Not every bare plural: "in the weeks before", "minutes apart".
        assert!(texts("Shots came minutes apart in the days before the vote.").is_empty());
    }

    #[test]
    fn a_rate_per_unit_is_a_set() {
        assert_eq!(
            found("The plant makes 400 cars per week."),
            vec![(
                "per week",
                Expr::Set {
                    n: 1,
                    unit: Unit::Week
                }
            )]
        );
        assert!(texts("It ran at 60 miles per hour.").is_empty());
    }

    #[test]
    fn approximate_and_open_ended_tails_belong_to_the_expression() {
        assert_eq!(
            texts("Prices may fall over the next two years or so, he said."),
            vec!["the next two years or so"]
        );
        assert_eq!(
            texts("The mine will not pay until 2031 or later; gains run to 2040 and beyond."),
            vec!["2031 or later", "2040 and beyond"]
        );
        assert_eq!(
            texts("He left a month or so ago."),
            vec!["a month or so ago"]
        );
    }

    #[test]
    fn spelled_years_after_a_month_a_season_or_the_year() {
        assert_eq!(
            texts("It peaked in March nineteen eighty-two and in the spring of nineteen ninety."),
            vec!["March nineteen eighty-two", "the spring of nineteen ninety"]
        );
        assert_eq!(
            found("Plans for the year two thousand five were shelved.")[0],
            (
                "the year two thousand five",
                cal(YearSpec::Abs(2005), None, None)
            )
        );
        assert_eq!(
            texts("by the year two thousand"),
            vec!["the year two thousand"]
        );
        assert!(texts("some two thousand troops").is_empty());
    }
}
