//! The pipeline for a batch of articles: dateline, sentences, date extraction,
//! the anchor (with the missing year inferred), resolution, events.
//!
//! Work is split in two passes so that articles can help each other: the first
//! pass reads each article on its own (dateline, sentences, date mentions, the
//! evidence about its year, and its places, from the same tokens); between the passes the batch votes on the year of
//! undated datelines; the second pass anchors and resolves each article. Both
//! passes are per article and pure, so the result never depends on thread timing.

use crate::article::Article;
use crate::date::expr::{Expr, Point, Which, YearSpec};
use crate::date::extract::{extract_tokens, Mention};
use crate::date::resolve::{resolve, Anchor, AnchorKind, Certainty, Context, Resolved, Tense};
use crate::date::token::{tokenize, Token};
use crate::date::year::{self, Evidence};
use crate::date::{daytime, furniture, tense};
use crate::dateline::{self, Dateline};
use crate::event::Event;
use crate::geo::gazetteer::{Gazetteer, Kind};
use crate::geo::{matcher, resolve as places};
use crate::sentence;
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

/// Settings that apply to every article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// `--date`: the anchor for every article, overriding metadata and datelines.
    pub date: Option<NaiveDate>,
    /// `--not-after`: the latest date an inferred year may give (the caller passes
    /// today; the library never reads the clock).
    pub not_after: NaiveDate,
    /// `--org-places`: a place name inside an organisation's name ("Columbus
    /// Police Department", "University of California") is a mention of the
    /// place, as LGL's annotators count it. Off by default: modern news
    /// annotation (and GeoVirus) counts only the place itself.
    pub org_places: bool,
    /// `--adjectival-toponyms`: list adjectives of places ("Chinese") among the
    /// toponyms, marked `adjectival`, as LGL and most geoparsing corpora count
    /// them; by default they are listed apart, in `adjectivals`.
    pub adjectival_toponyms: bool,
}

/// The article's anchor as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnchorOut {
    /// The anchor day.
    pub date: String,
    /// user, metadata or dateline.
    pub source: &'static str,
    /// exact or inferred.
    pub certainty: &'static str,
}

/// A place as reported: the words as written and, when the gazetteer knows
/// it, the place they were resolved to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceOut {
    /// The place as written.
    pub text: String,
    /// Canonical name (as written when unresolved).
    pub name: String,
    /// Gazetteer id.
    pub id: Option<String>,
    /// Kind of place.
    pub kind: Option<&'static str>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// Latitude (WGS 84).
    pub lat: Option<f64>,
    /// Longitude (WGS 84).
    pub lon: Option<f64>,
}

/// One place name in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Toponym {
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// As written.
    pub text: String,
    /// Canonical name.
    pub name: String,
    /// Gazetteer id.
    pub id: String,
    /// Kind of place.
    pub kind: &'static str,
    /// ISO 3166-1 alpha-2 (empty for places in several countries).
    pub country: String,
    /// Latitude (WGS 84).
    pub lat: f64,
    /// Longitude (WGS 84).
    pub lon: f64,
    /// Written as an adjective ("Chinese").
    pub demonym: bool,
    /// The same as `demonym`, under the name the geoparsing scorers read
    /// (`"adjectival": true`), so that adjectives listed among the toponyms
    /// (`--adjectival-toponyms`) can be told apart or dropped.
    pub adjectival: bool,
}

/// The dateline as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatelineOut {
    /// The dateline text.
    pub text: String,
    /// Its date, with the year inferred when missing.
    pub date: Option<String>,
    /// exact or inferred.
    pub certainty: Option<&'static str>,
    /// The place.
    pub place: Option<PlaceOut>,
    /// The agency in parentheses.
    pub agency: Option<String>,
}

/// One TIMEX3 expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex {
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub timex_type: &'static str,
    /// TIMEX3 value.
    pub value: String,
    /// First day covered.
    pub start_date: Option<String>,
    /// Last day covered.
    pub end_date: Option<String>,
    /// Granularity.
    pub precision: Option<&'static str>,
    /// exact, inferred, approximate.
    pub certainty: &'static str,
    /// What it was resolved against.
    pub anchor: &'static str,
}

/// Everything found in one article: the JSON Lines record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Article id.
    pub id: String,
    /// The anchor used.
    pub anchor: Option<AnchorOut>,
    /// The dateline.
    pub dateline: Option<DatelineOut>,
    /// Date expressions.
    pub timexes: Vec<Timex>,
    /// Place names.
    pub toponyms: Vec<Toponym>,
    /// Places named by an adjective ("Chinese", "Central Asian"), in the same
    /// shape; kept apart because an adjective is not a place name.
    pub adjectivals: Vec<Toponym>,
    /// Dated statements.
    pub events: Vec<Event>,
    /// Whether date expressions or place names past [`MAX_MENTIONS`] were
    /// dropped (not in the JSON Lines: the caller warns).
    #[serde(skip)]
    pub capped: bool,
    /// The article's title, from its JSON Lines `title` (written only when
    /// given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Arc<str>>,
    /// The article's URL, from its JSON Lines `url` (written only when given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Arc<str>>,
}

/// The first pass over one article.
struct Read<'a> {
    article: &'a Article,
    dateline: Option<Dateline>,
    sentences: Vec<(usize, usize)>,
    mentions: Vec<(Mention, Tense)>,
    evidence: Evidence,
    /// The places: they need nothing from the other articles, so they are found
    /// in this pass, from the same tokens as the dates.
    geo: Geo,
    /// Whether date expressions past [`MAX_MENTIONS`] were dropped.
    capped: bool,
}

/// Most date expressions, and most place names, kept of one article: beyond,
/// the rest are dropped with a warning naming the article. Real articles
/// have tens (the longest of the Reuters and modern news sets, a few
/// hundred); text this dense (12 MB of "Paris, 2001.") is not news, and its
/// events would cost memory 150 times its size. Each kept mention costs
/// about 2.8 KB while its article is analysed (its TIMEX, toponym and event,
/// their JSON line, the mention itself) and an event row about 1 KB to the
/// end of the run, so the cap bounds a run's memory per article: at 10,000,
/// twelve one-megabyte articles of "Paris, 2001." peaked at 33 times their
/// size (398 MB), at 2,000 under 10 times.
pub const MAX_MENTIONS: usize = 2_000;

/// Whether an article without an anchor reads as a narrative (see
/// [`Context::narrative`]): a history states its years, more than twice as
/// many as it has expressions told from the time of writing ("yesterday",
/// "Monday", "last year") and statements of the future ("is scheduled to take
/// place in February"); news without its date is the other way round.
fn is_narrative(mentions: &[(Mention, Tense)]) -> bool {
    let (mut deictic, mut stated) = (0usize, 0usize);
    for (m, _) in mentions {
        let points = match m.expr {
            Expr::Point { point, .. } => [Some(point), None],
            Expr::Range { from, to } => [Some(from), Some(to)],
            _ => [None, None],
        };
        let points = points.into_iter().flatten();
        if points.clone().any(|p| p.is_deictic()) {
            deictic += 1;
        } else if points.into_iter().any(|p| {
            matches!(
                p,
                Point::Cal {
                    year: YearSpec::Abs(_),
                    ..
                }
            )
        }) {
            stated += 1;
        }
    }
    let future = mentions.iter().filter(|m| m.1 == Tense::Future).count();
    2 * (deictic + future) < stated
}

fn read<'a>(article: &'a Article, opts: &Options, gaz: &Gazetteer) -> Read<'a> {
    let text = &article.text;
    let dl = dateline::parse_with(text, &|name| gaz.names_a_known_place(name));
    let body = dl.as_ref().map_or(0, |d| d.body_start);
    // Sentences are needed only as far as mentions were read (a capped
    // article's rest is never read: 12 MB of "Paris, 2001." is a million).
    let (found, capped, geo, read_to) = scan_in_pieces(text, dl.as_ref(), gaz, opts);
    let mut sentences: Vec<(usize, usize)> = Vec::new();
    if let Some(d) = &dl {
        sentences.push((d.span.start, d.span.end));
    }
    sentences.extend(
        sentence::split(&text[..read_to], body)
            .into_iter()
            .map(|r| (r.start, r.end)),
    );
    let mut evidence = Evidence::default();
    let mut mentions = Vec::with_capacity(found.len());
    let mut tenses = tense::Reader::default();
    for m in found {
        let s = sentence_of(&sentences, m.start).unwrap_or((m.start, m.end));
        let tense = if !needs_tense(&m.expr) {
            Tense::Unknown
        } else if is_bare_weekday(&m.expr) && tense::deadline_before(text, s.0, m.start) {
            Tense::Future
        } else {
            tenses.tense_at(text, s, m.start, m.end)
        };
        if let Expr::Point { point, .. } = m.expr {
            match point {
                Point::Weekday {
                    wd,
                    which: Which::Bare,
                } if tense != Tense::Future => evidence.weekdays.push(wd),
                Point::Cal {
                    year: YearSpec::Abs(y),
                    ..
                } => match year::role(text, m.start, m.end) {
                    year::Role::Ahead => evidence.future_years.push(y),
                    year::Role::History => evidence.history.push(y),
                    _ if tense == Tense::Future => evidence.future_years.push(y),
                    _ => evidence.years.push(y),
                },
                _ => {}
            }
        }
        mentions.push((m, tense));
    }
    Read {
        article,
        dateline: dl,
        sentences,
        mentions,
        evidence,
        geo,
        capped,
    }
}

/// Longest article read in one piece; a longer one is read in pieces of about
/// this size (see `scan_in_pieces`).
pub const PIECE: usize = 1 << 18;

/// The date mentions (at most [`MAX_MENTIONS`], and whether more were
/// dropped), the places, and how far the text was read (its length, unless
/// both caps were reached first). An article up to [`PIECE`] bytes is
/// tokenised and read whole. A longer one is read in pieces of about
/// [`PIECE`] bytes, each cut at a line break, else after a full stop, else
/// at a space, the whitespace going with the next piece, so that its tokens
/// (about 50 bytes per word) never exist for the whole text at once; the
/// pieces' mentions and places, already at their offsets in the article,
/// are joined in order, and reading stops once both caps are reached. Each
/// piece's place names are resolved within that piece (a quarter of a
/// megabyte of context) with the article's dateline.
fn scan_in_pieces(
    text: &str,
    dl: Option<&Dateline>,
    gaz: &Gazetteer,
    opts: &Options,
) -> (Vec<Mention>, bool, Geo, usize) {
    // Where the piece from `from` ends.
    fn cut(text: &str, from: usize) -> usize {
        if text.len() - from <= PIECE {
            return text.len();
        }
        let mut end = from + PIECE;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let window = &text.as_bytes()[from + PIECE / 2..end];
        let at = |k: usize| from + PIECE / 2 + k;
        if let Some(k) = window.iter().rposition(|&b| b == b'\n') {
            return at(k);
        }
        if let Some(k) = window.windows(2).rposition(|w| w == b". ") {
            return at(k + 1);
        }
        window
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(end, at)
    }
    let mut found = Vec::new();
    let mut geo = Geo {
        names: Vec::new(),
        dateline: None,
        main: None,
        capped: false,
    };
    let mut from = 0;
    while from < text.len() && (found.len() <= MAX_MENTIONS || geo.names.len() <= MAX_MENTIONS) {
        let to = cut(text, from);
        let tokens = tokenize(text, from, to);
        if found.len() <= MAX_MENTIONS {
            found.extend(extract_tokens(text, &tokens));
            // One past the cap is kept, to tell that the cap was reached.
            found.truncate(MAX_MENTIONS + 1);
        }
        if geo.names.len() <= MAX_MENTIONS {
            let piece = locate(text, dl, &tokens, gaz, opts.org_places);
            geo.capped |= piece.capped;
            geo.dateline = geo.dateline.or(piece.dateline);
            geo.names.extend(piece.names);
            geo.names.truncate(MAX_MENTIONS + 1);
        }
        from = to;
    }
    let capped = found.len() > MAX_MENTIONS;
    found.truncate(MAX_MENTIONS);
    geo.capped |= geo.names.len() > MAX_MENTIONS;
    geo.names.truncate(MAX_MENTIONS);
    geo.main = main_place(&geo.names);
    (found, capped, geo, from)
}

/// "Tuesday", "Thursday morning": a weekday without "last" or "next".
fn is_bare_weekday(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Point {
            point: Point::Weekday {
                which: Which::Bare,
                ..
            },
            ..
        }
    )
}

/// Whether resolving (or weighing as year evidence) an expression depends on the
/// tense of its statement; reading the tense costs a pass over the sentence.
fn needs_tense(e: &Expr) -> bool {
    let point = |p: &Point| {
        matches!(
            p,
            Point::Weekday {
                which: Which::Bare,
                ..
            } | Point::Weekend { which: Which::Bare }
                | Point::Cal { .. }
                | Point::Holiday {
                    year: YearSpec::Context,
                    ..
                }
                | Point::Quarter {
                    year: YearSpec::Context,
                    ..
                }
        )
    };
    match e {
        Expr::Point { point: p, .. } => point(p),
        Expr::Range { from, to } => point(from) || point(to),
        _ => false,
    }
}

/// A statement that events are read from: its span, its text (whitespace
/// collapsed, shared by its events) and the places it names.
struct Statement {
    span: (usize, usize),
    text: Arc<str>,
    places: Vec<String>,
    place_ids: Vec<String>,
}

fn sentence_of(sentences: &[(usize, usize)], at: usize) -> Option<(usize, usize)> {
    let i = sentences.partition_point(|s| s.1 <= at);
    sentences.get(i).copied().filter(|s| s.0 <= at)
}

/// A dateline's month and day, when its year stays unknown, in TIMEX3's way:
/// "XXXX-12-23".
fn yearless(d: &Dateline) -> Option<String> {
    let (m, day) = (d.month?, d.day?);
    NaiveDate::from_ymd_opt(2000, m, day).map(|_| format!("XXXX-{m:02}-{day:02}"))
}

/// The dateline's month and day when its year is missing and no other anchor wins.
fn needs_year(r: &Read<'_>, opts: &Options) -> Option<(u32, u32)> {
    if opts.date.is_some() || r.article.date.is_some() {
        return None;
    }
    let d = r.dateline.as_ref()?;
    match (d.month, d.day, d.year) {
        (Some(m), Some(day), None) if (1..=12).contains(&m) && (1..=31).contains(&day) => {
            Some((m, day))
        }
        _ => None,
    }
}

/// Year votes carried from batch to batch, so a long feed keeps its period:
/// `(year, weight)`, an article's weight of one split between the years its
/// evidence leaves in contention.
#[derive(Debug, Clone, Default)]
pub struct YearVotes {
    votes: Vec<(i32, f64)>,
    voters: usize,
    /// The years the first prior told, one per article.
    picks: Vec<(i32, f64)>,
}

/// Analyse a batch of articles. `votes` carries the year evidence of earlier batches.
pub fn analyze_batch(
    articles: &[Article],
    opts: &Options,
    gaz: &Gazetteer,
    votes: &mut YearVotes,
) -> Vec<Analysis> {
    let mut all = Vec::with_capacity(articles.len());
    analyze_batch_each(articles, opts, gaz, votes, &mut |mut part| {
        all.append(&mut part)
    });
    all
}

/// [`analyze_batch`], the analyses handed to `each` in input order a few at
/// a time (about [`PART_MENTIONS`] mentions and place names in all), each
/// article's first pass freed once it is analysed: the batch's analyses
/// (their TIMEXes, toponyms and events, and the JSON lines the caller makes
/// of them) never exist all at once. The parts do not change the result.
pub fn analyze_batch_each(
    articles: &[Article],
    opts: &Options,
    gaz: &Gazetteer,
    votes: &mut YearVotes,
    each: &mut dyn FnMut(Vec<Analysis>),
) {
    // Both passes are per article and pure: rayon spreads them over the cores and
    // `collect` keeps input order, so the output is the same on any thread count.
    let reads: Vec<Read<'_>> = articles.par_iter().map(|a| read(a, opts, gaz)).collect();
    let prior = feed_prior(&reads, opts, votes);
    let mut reads = reads.into_iter().peekable();
    while reads.peek().is_some() {
        let mut part = Vec::new();
        let mut weight = 0;
        while let Some(r) = reads.next_if(|_| weight < PART_MENTIONS) {
            weight += 1 + r.mentions.len() + r.geo.names.len();
            part.push(r);
        }
        each(
            part.into_par_iter()
                .map(|r| finish(&r, opts, gaz, &prior))
                .collect(),
        );
    }
}

/// About how many mentions and place names (an article counting one more)
/// the analyses handed over at once hold: two articles at the caps, or
/// hundreds of news articles.
pub const PART_MENTIONS: usize = 4 * MAX_MENTIONS;

/// The feed's year prior, in two passes: the articles that write a year vote
/// for the years their own evidence leaves in contention (a weekday alone
/// tells no year; "in 1986" splits its vote between 1987 and 1986), and these
/// votes (with those of earlier batches) make a first prior; then every article
/// that needs a year picks one with that prior, and the share of these picks
/// (those the evidence tells, earlier batches' included) is the prior the batch
/// is resolved with.
fn feed_prior(reads: &[Read<'_>], opts: &Options, votes: &mut YearVotes) -> Vec<(i32, f64)> {
    let needing: Vec<(&Read<'_>, (u32, u32))> = reads
        .iter()
        .filter_map(|r| needs_year(r, opts).map(|md| (r, md)))
        .collect();
    for (r, (m, d)) in &needing {
        if r.evidence.has_years() {
            votes
                .votes
                .extend(year::contenders(*m, *d, &r.evidence, opts.not_after));
            votes.voters += 1;
        }
    }
    if votes.voters < MIN_VOTES {
        return Vec::new();
    }
    let first = year::prior(&votes.votes);
    for (r, (m, d)) in &needing {
        let told = year::infer_told(*m, *d, &r.evidence, &first, opts.not_after);
        votes.picks.extend(told.map(|y| (y, 1.0)));
    }
    if votes.picks.is_empty() {
        return first;
    }
    let picks = &votes.picks;
    year::prior(picks)
}

/// The fewest articles writing a year that make a feed's prior: a handful of
/// articles from different years is no consensus.
const MIN_VOTES: usize = 5;

/// Analyse one article on its own.
pub fn analyze(article: &Article, opts: &Options, gaz: &Gazetteer) -> Analysis {
    analyze_batch(
        std::slice::from_ref(article),
        opts,
        gaz,
        &mut YearVotes::default(),
    )
    .pop()
    .expect("one article in, one analysis out")
}

/// "%Y-%m-%d", as chrono's Display writes it (without parsing a format string).
fn fmt_date(d: NaiveDate) -> String {
    crate::date::iso_day(d)
}

fn finish(r: &Read<'_>, opts: &Options, gaz: &Gazetteer, prior: &[(i32, f64)]) -> Analysis {
    let a = r.article;
    let text = &a.text;
    let geo = &r.geo;
    // The dateline's own date, with the year inferred when missing.
    let dl_date: Option<(NaiveDate, Certainty)> = r.dateline.as_ref().and_then(|d| {
        let (m, day) = (d.month?, d.day?);
        match d.year {
            Some(y) => NaiveDate::from_ymd_opt(y, m, day).map(|x| (x, Certainty::Exact)),
            None => {
                let y = match (opts.date, a.date) {
                    // A given anchor decides the dateline's year too: the nearest.
                    (Some(x), _) | (None, Some(x)) => nearest_year(x, m, day)?,
                    _ => year::infer_told(m, day, &r.evidence, prior, opts.not_after)?,
                };
                let c = if opts.date.is_some() || a.date.is_some() {
                    Certainty::Exact
                } else {
                    Certainty::Inferred
                };
                NaiveDate::from_ymd_opt(y, m, day).map(|x| (x, c))
            }
        }
    });
    let anchor = match (opts.date, a.date, dl_date) {
        (Some(d), _, _) => Some(Anchor {
            date: d,
            kind: AnchorKind::User,
            certainty: Certainty::Exact,
        }),
        (None, Some(d), _) => Some(Anchor {
            date: d,
            kind: AnchorKind::Metadata,
            certainty: Certainty::Exact,
        }),
        (None, None, Some((d, c))) => Some(Anchor {
            date: d,
            kind: AnchorKind::Dateline,
            certainty: c,
        }),
        _ => None,
    };
    let chars = CharMap::new(text);
    let mut timexes = Vec::with_capacity(r.mentions.len());
    let mut events = Vec::new();
    let (title, url): (Option<Arc<str>>, Option<Arc<str>>) = (
        a.title.as_deref().map(Arc::from),
        a.url.as_deref().map(Arc::from),
    );
    let mut statement: Option<Statement> = None;
    let mut previous: Option<Anchor> = None;
    let mut previous_day: Option<Anchor> = None;
    // The last single day the story named: the day of its later bare times.
    let mut told: Option<Anchor> = None;
    let narrative = anchor.is_some() || is_narrative(&r.mentions);
    let mut period: Option<(i32, u32)> = None;
    let dl_span = r.dateline.as_ref().and_then(|d| d.date_span.clone());
    for (i, (m, tense)) in r.mentions.iter().enumerate() {
        let ctx = Context {
            anchor,
            previous,
            previous_day,
            narrative,
            tense: *tense,
            period,
        };
        // The dateline's date is the anchor itself.
        let res = if dl_span
            .as_ref()
            .is_some_and(|s| s.start <= m.start && m.end <= s.end)
        {
            match dl_date {
                Some((d, c)) => Resolved {
                    timex_type: crate::date::resolve::TimexType::Date,
                    value: fmt_date(d),
                    interval: Some((d, d)),
                    precision: Some(crate::date::resolve::Precision::Day),
                    certainty: c,
                    anchor: AnchorKind::Dateline,
                },
                None => resolve(&m.expr, &ctx),
            }
        } else {
            resolve(
                &m.expr,
                &day_of_time(&r.mentions, &r.sentences, i, ctx, told),
            )
        };
        // Only a quarter the story names, and one that has ended (results are
        // reported for those; later ones are forecasts), sets its reporting period.
        if let (
            Some((s, e)),
            Expr::Point {
                point: Point::Quarter { .. },
                ..
            },
        ) = (res.interval, &m.expr)
        {
            if anchor.is_none_or(|a| e < a.date) {
                period = Some((s.year(), s.month0() / 3 + 1));
            }
        }
        // Every pinned-down point becomes the reference for later anaphora.
        if let (Some((s, _)), Expr::Point { .. } | Expr::Range { .. }) = (res.interval, &m.expr) {
            previous = Some(Anchor {
                date: s,
                kind: res.anchor,
                certainty: res.certainty,
            });
            if res.precision == Some(crate::date::resolve::Precision::Day) {
                previous_day = previous;
                if matches!(m.expr, Expr::Point { .. }) {
                    told = previous;
                }
            }
        }
        let is_dateline = dl_span
            .as_ref()
            .is_some_and(|s| s.start <= m.start && m.end <= s.end);
        push_timexes(text, &chars, m, &res, &ctx, &mut timexes);
        let event = !is_dateline && !furniture::not_an_event(text, m.start, m.end);
        if let (Some((s, e)), true) = (res.interval, event) {
            let sent = sentence_of(&r.sentences, m.start).unwrap_or((m.start, m.end));
            // The events of one statement share its text and its places.
            if statement.as_ref().is_none_or(|st| st.span != sent) {
                let named: Vec<_> = statement_place_list(&geo.names, sent)
                    .into_iter()
                    .map(|i| gaz.place(i))
                    .collect();
                statement = Some(Statement {
                    span: sent,
                    text: collapse(&text[sent.0..sent.1]).into(),
                    places: named.iter().map(|p| p.name.to_string()).collect(),
                    place_ids: named.iter().map(|p| p.id.to_string()).collect(),
                });
            }
            let st = statement.as_ref().expect("set above");
            let primary = primary_place(gaz, geo, text, sent, m.start);
            events.push(Event {
                article: a.id.clone(),
                start: fmt_date(s),
                end: fmt_date(e),
                precision: res.precision.map_or("day", |p| p.as_str()),
                value: res.value.clone(),
                certainty: res.certainty.as_str(),
                expression: text[m.start..m.end].to_string(),
                anchor: res.anchor.as_str(),
                sentence: Arc::clone(&st.text),
                places: st.places.clone(),
                place: primary.map(|p| p.name.to_string()),
                lat: primary.map(|p| p.lat),
                lon: primary.map(|p| p.lon),
                offset: chars.at(m.start),
                place_ids: st.place_ids.clone(),
                place_id: primary.map(|p| p.id.to_string()),
                country: primary
                    .map(|p| p.country.to_string())
                    .filter(|c| !c.is_empty()),
                reported: anchor.map(|x| fmt_date(x.date)),
                articles: vec![a.id.clone()],
                mentions: 1,
                title: title.clone(),
                url: url.clone(),
            });
        }
    }
    let dateline = r.dateline.as_ref().map(|d| DatelineOut {
        text: text[d.span.clone()].trim().to_string(),
        date: dl_date.map(|(x, _)| fmt_date(x)).or_else(|| yearless(d)),
        certainty: dl_date.map(|(_, c)| c.as_str()),
        place: d.place.clone().map(|p| {
            let resolved = geo.dateline.map(|i| gaz.place(i));
            PlaceOut {
                text: text[p.clone()].to_string(),
                name: resolved.map_or_else(|| text[p].to_string(), |x| x.name.to_string()),
                id: resolved.map(|x| x.id.to_string()),
                kind: resolved.map(|x| x.kind.as_str()),
                country: resolved.map(|x| x.country.to_string()),
                lat: resolved.map(|x| x.lat),
                lon: resolved.map(|x| x.lon),
            }
        }),
        agency: d.agency.clone(),
    });
    let toponym = |n: &places::Resolved| {
        let p = gaz.place(n.place);
        Toponym {
            start: chars.at(n.start),
            end: chars.at(n.end),
            text: text[n.start..n.end].to_string(),
            name: p.name.to_string(),
            id: p.id.to_string(),
            kind: p.kind.as_str(),
            country: p.country.to_string(),
            lat: p.lat,
            lon: p.lon,
            demonym: n.demonym,
            adjectival: n.demonym,
        }
    };
    // Adjectives go with the place names when asked, in text order; apart by
    // default, as modern news annotation counts only names.
    let apart = !opts.adjectival_toponyms;
    Analysis {
        id: a.id.clone(),
        anchor: anchor.map(|x| AnchorOut {
            date: fmt_date(x.date),
            source: x.kind.as_str(),
            certainty: x.certainty.as_str(),
        }),
        dateline,
        timexes,
        toponyms: geo
            .names
            .iter()
            .filter(|n| !(apart && n.demonym))
            .map(toponym)
            .collect(),
        adjectivals: geo
            .names
            .iter()
            .filter(|n| apart && n.demonym)
            .map(toponym)
            .collect(),
        events,
        capped: r.capped || geo.capped,
        title,
        url,
    }
}

/// The context a mention is resolved in: for a bare clock time with a day
/// written beside it ("2 a.m. on Wednesday"), that day is its anchor.
fn day_of_time(
    mentions: &[(Mention, Tense)],
    sentences: &[(usize, usize)],
    i: usize,
    ctx: Context,
    told: Option<Anchor>,
) -> Context {
    let m = &mentions[i].0;
    let sent = sentence_of(sentences, m.start).unwrap_or((m.start, m.end));
    let Some(j) = daytime::day_partner(mentions, i, sent) else {
        return daytime::told_day(&m.expr, ctx, told);
    };
    let (p, tense) = &mentions[j];
    let day = resolve(
        &p.expr,
        &Context {
            tense: *tense,
            ..ctx
        },
    );
    match (day.interval, day.precision) {
        (Some((d, _)), Some(crate::date::resolve::Precision::Day)) => Context {
            anchor: Some(Anchor {
                date: d,
                kind: day.anchor,
                certainty: day.certainty,
            }),
            ..ctx
        },
        _ => ctx,
    }
}

/// The places of one article.
struct Geo {
    /// Every place name, resolved, in text order.
    names: Vec<places::Resolved>,
    /// The dateline's place.
    dateline: Option<u32>,
    /// The place the article names most often.
    main: Option<u32>,
    /// Whether names past [`MAX_MENTIONS`] were dropped.
    capped: bool,
}

/// Find and resolve the article's place names; the dateline's agency is not one.
fn locate(
    text: &str,
    dateline: Option<&Dateline>,
    tokens: &[Token<'_>],
    gaz: &Gazetteer,
    org_places: bool,
) -> Geo {
    let mut skip = Vec::new();
    let mut dl_place = None;
    if let Some(d) = dateline {
        if let Some(p) = &d.place {
            dl_place = Some((p.start, p.end));
        }
        // Everything in the dateline but its place ("(Alliance News)") is skipped.
        let from = d.place.as_ref().map_or(d.span.start, |p| p.end);
        skip.push((from, d.span.end));
    }
    let rules = matcher::Rules { org_places };
    let mut found = matcher::find_tokens(gaz, text, tokens, &skip, dl_place, rules);
    let capped = found.len() > MAX_MENTIONS;
    found.truncate(MAX_MENTIONS);
    let names = places::resolve(gaz, text, &found, dl_place);
    let dateline = dl_place.and_then(|(a, b)| {
        names
            .iter()
            .find(|n| n.start >= a && n.end <= b)
            .map(|n| n.place)
    });
    let main = main_place(&names);
    Geo {
        names,
        dateline,
        main,
        capped,
    }
}

fn in_sentence(n: &places::Resolved, sent: (usize, usize)) -> bool {
    n.start >= sent.0 && n.end <= sent.1
}

/// The names that start inside a sentence: the names are in text order, so
/// two bisections find them, however long the article.
fn near_sentence(names: &[places::Resolved], sent: (usize, usize)) -> &[places::Resolved] {
    let from = names.partition_point(|n| n.start < sent.0);
    let to = names.partition_point(|n| n.start < sent.1);
    &names[from..to.max(from)]
}

/// The places a statement names, in order, once each.
fn statement_place_list(names: &[places::Resolved], sent: (usize, usize)) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for n in near_sentence(names, sent)
        .iter()
        .filter(|n| in_sentence(n, sent))
    {
        if !out.contains(&n.place) {
            out.push(n.place);
        }
    }
    out
}

/// Where a statement's event happens: the most specific place it names, with a
/// locative cue ("in", "at", "near") and nearness to the date as tie-breakers;
/// adjectives ("Chinese") never. Failing that, the place the statement's
/// paragraph names (the same rule over the paragraph); then the article's
/// main place (the one it names most often); the reporter's dateline city
/// only when the article names no place at all.
fn primary_place<'g>(
    gaz: &'g Gazetteer,
    geo: &Geo,
    text: &str,
    sent: (usize, usize),
    at: usize,
) -> Option<crate::geo::gazetteer::Place<'g>> {
    best_named(gaz, geo, sent, at)
        .or_else(|| best_named(gaz, geo, paragraph(text, sent), at))
        .or(geo.main)
        .or(geo.dateline)
        .map(|i| gaz.place(i))
}

/// The best place named in `span` for an event at byte `at` (see
/// [`primary_place`]).
fn best_named(gaz: &Gazetteer, geo: &Geo, span: (usize, usize), at: usize) -> Option<u32> {
    near_sentence(&geo.names, span)
        .iter()
        .filter(|n| in_sentence(n, span) && !n.demonym)
        .map(|n| {
            let p = gaz.place(n.place);
            let specific = match p.kind {
                Kind::City | Kind::Admin2 | Kind::Landmark => 3.0,
                Kind::Admin1 | Kind::Zone | Kind::Island | Kind::Land | Kind::Water => 2.0,
                Kind::Country => 1.0,
                Kind::Region | Kind::Continent | Kind::Union => 0.5,
            };
            let cue = if n.cue { 1.5 } else { 0.0 };
            let near = -(n.start.abs_diff(at) as f64) / 400.0;
            (specific + cue + near, n.place)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, i)| i)
}

/// The paragraph around a sentence: from the line break before it to the one
/// after it, looking no further than [`PARAGRAPH_REACH`] bytes each way (text
/// without line breaks must not make every event scan the whole article).
fn paragraph(text: &str, (s, e): (usize, usize)) -> (usize, usize) {
    let lo = floor_boundary(text, s.saturating_sub(PARAGRAPH_REACH));
    let hi = floor_boundary(text, (e + PARAGRAPH_REACH).min(text.len()));
    let from = text.as_bytes()[lo..s]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(lo, |i| lo + i + 1);
    let to = text.as_bytes()[e..hi]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(hi, |i| e + i);
    (from, to)
}

/// How far [`paragraph`] looks for a line break on each side.
const PARAGRAPH_REACH: usize = 4096;

/// The char boundary at or before byte `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The place an article names most often (not as an adjective), the first
/// named on a tie.
fn main_place(names: &[places::Resolved]) -> Option<u32> {
    // place -> (mentions, first mention)
    let mut counts: rustc_hash::FxHashMap<u32, (usize, usize)> = Default::default();
    for (k, n) in names.iter().enumerate().filter(|(_, n)| !n.demonym) {
        counts.entry(n.place).or_insert((0, k)).0 += 1;
    }
    counts
        .iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(&p, _)| p)
}

/// The year that puts month/day nearest to `x`.
fn nearest_year(x: NaiveDate, m: u32, d: u32) -> Option<i32> {
    (x.year() - 1..=x.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d).map(|c| ((c - x).num_days().abs(), y)))
        .min()
        .map(|(_, y)| y)
}

/// One timex per mention; a range written as two dates gives one per part.
fn push_timexes(
    text: &str,
    chars: &CharMap,
    m: &Mention,
    res: &Resolved,
    ctx: &Context,
    out: &mut Vec<Timex>,
) {
    let mk = |s: usize, e: usize, r: &Resolved| Timex {
        start: chars.at(s),
        end: chars.at(e),
        text: text[s..e].to_string(),
        timex_type: r.timex_type.as_str(),
        value: r.value.clone(),
        start_date: r.interval.map(|(a, _)| fmt_date(a)),
        end_date: r.interval.map(|(_, b)| fmt_date(b)),
        precision: r.precision.map(|p| p.as_str()),
        certainty: r.certainty.as_str(),
        anchor: r.anchor.as_str(),
    };
    match (m.parts, &m.expr) {
        (Some([(a0, a1), (b0, b1)]), Expr::Range { from, to }) => {
            // Each part of "between 2001 and 2005" is its own TIMEX, resolved alone.
            for ((s, e), p) in [((a0, a1), from), ((b0, b1), to)] {
                let part = Expr::Point {
                    point: *p,
                    modifier: None,
                    time: None,
                };
                out.push(mk(s, e, &resolve(&part, ctx)));
            }
        }
        _ => out.push(mk(m.start, m.end, res)),
    }
}

/// Collapse runs of whitespace (wire text wraps lines mid-sentence).
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Byte offsets to Unicode code point offsets.
pub struct CharMap {
    /// Byte offsets of non-ASCII characters and the extra bytes before each one's end.
    wide: Vec<(usize, usize)>,
}

impl CharMap {
    /// Index a text.
    pub fn new(text: &str) -> CharMap {
        let mut wide = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (i, c) in text.char_indices() {
                let l = c.len_utf8();
                if l > 1 {
                    extra += l - 1;
                    wide.push((i, extra));
                }
            }
        }
        CharMap { wide }
    }

    /// The code point offset of a byte offset (on a char boundary).
    pub fn at(&self, byte: usize) -> usize {
        let k = self.wide.partition_point(|&(b, _)| b < byte);
        byte - if k == 0 { 0 } else { self.wide[k - 1].1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_map_counts_code_points() {
        let s = "a “b” — c";
        let m = CharMap::new(s);
        for (ci, (bi, _)) in s.char_indices().enumerate() {
            assert_eq!(m.at(bi), ci);
        }
        assert_eq!(m.at(s.len()), s.chars().count());
    }

    #[test]
    fn dates_are_written_as_strftime_would() {
        for (y, m, d) in [
            (1, 1, 1),
            (987, 3, 4),
            (2025, 6, 26),
            (9999, 12, 31),
            (12345, 1, 2),
            (-44, 3, 15),
        ] {
            let x = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(fmt_date(x), x.format("%Y-%m-%d").to_string());
        }
    }

    fn opts() -> Options {
        Options {
            date: None,
            not_after: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            org_places: false,
            adjectival_toponyms: false,
        }
    }

    /// Values of the article's TIMEX3s, as "text=value".
    fn values(text: &str, date: &str) -> Vec<String> {
        let o = Options {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            ..opts()
        };
        analyze(&Article::new("t", text), &o, crate::geo::embedded())
            .timexes
            .iter()
            .map(|t| format!("{}={}", t.text, t.value))
            .collect()
    }

    #[test]
    fn holidays_are_the_days_they_fall_on() {
        // Past and future by the tense, "last" a year back, a written year
        // governs, and an island named for a feast is no date.
        let cases = [
            (
                "Shoppers lined up on Thanksgiving.",
                "Thanksgiving=2016-11-24",
            ),
            ("He plans to visit at Christmas.", "Christmas=2016-12-25"),
            ("They met last Christmas.", "last Christmas=2015-12-25"),
            (
                "Voters went to the polls on Election Day.",
                "Election Day=2016-11-08",
            ),
            ("Crowds celebrated Diwali.", "Diwali=2016-10-30"),
            ("Christmas 2019 was quiet.", "Christmas 2019=2019-12-25"),
        ];
        for (text, want) in cases {
            assert_eq!(values(text, "2016-12-02"), [want], "{text}");
        }
        assert!(values("The trip to Easter Island was long.", "2016-12-02").is_empty());
    }

    #[test]
    fn a_bare_clock_time_takes_the_day_its_story_tells() {
        // The day written beside the time, after it or before it.
        assert_eq!(
            values(
                "The final ended near 2 a.m. local time on Wednesday.",
                "2020-07-03"
            ),
            ["2 a.m. local time=2020-07-01T02:00", "Wednesday=2020-07-01"]
        );
        assert_eq!(
            values("Guards stopped him Tuesday at 4 p.m.", "2020-07-03"),
            ["Tuesday=2020-06-30", "4 p.m.=2020-06-30T16:00"]
        );
        // Then the hours of that day, told on.
        assert_eq!(
            values(
                "A van rammed the gate at 6:29 a.m. local time Thursday. Around 6:40 a.m., guards saw the driver.",
                "2020-07-03"
            ),
            [
                "6:29 a.m. local time Thursday=2020-07-02T06:29",
                "6:40 a.m.=2020-07-02T06:40"
            ]
        );
        // With no day in the story, a time is of the anchor's day.
        assert_eq!(
            values("The doors open at 9 a.m. for the sale.", "2020-07-03"),
            ["9 a.m.=2020-07-03T09:00"]
        );
    }

    #[test]
    fn seed_article_resolves_as_the_issue_says() {
        let text = include_str!("../samples/qingdao-sco.txt");
        let a = analyze(
            &Article::new("qingdao-sco", text),
            &opts(),
            crate::geo::embedded(),
        );
        let anchor = a.anchor.as_ref().unwrap();
        assert_eq!(
            (anchor.date.as_str(), anchor.certainty),
            ("2025-06-26", "inferred")
        );
        let find = |t: &str| {
            a.timexes
                .iter()
                .find(|x| x.text == t)
                .unwrap_or_else(|| panic!("{t} missing: {:?}", a.timexes))
        };
        let jun = find("Jun 26");
        assert_eq!(
            (jun.value.as_str(), jun.certainty),
            ("2025-06-26", "inferred")
        );
        let thu = find("Thursday");
        assert_eq!(
            (thu.value.as_str(), thu.certainty),
            ("2025-06-26", "inferred")
        );
        let days = find("12 days");
        assert_eq!(days.value, "P12D");
        // Twelve days, over by the dateline's day: June 14 to June 25.
        assert_eq!(
            (days.start_date.as_deref(), days.end_date.as_deref()),
            (Some("2025-06-14"), Some("2025-06-25"))
        );
        let y = find("2001");
        assert_eq!(
            (y.start_date.as_deref(), y.end_date.as_deref(), y.precision),
            (Some("2001-01-01"), Some("2001-12-31"), Some("year"))
        );
        assert!(
            a.timexes.iter().all(|t| !t.text.contains("10")),
            "{:?}",
            a.timexes
        );
    }
}
