//! Command-line flags as typed (clap derive). Validation into a run
//! configuration happens in `main.rs`; this file only says what can be typed.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn news text into a dated chronology: every date expression resolved against
/// the article's dateline, written as a timeline CSV or JSON Lines.
#[derive(Debug, Parser)]
#[command(name = "chronomap", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract dated, geolocated events from articles.
    #[command(after_help = EXTRACT_EXAMPLES)]
    Extract(Box<ExtractArgs>),
    /// Look names up in the gazetteer.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

/// `chronomap gazetteer ...`
#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// List the places a name may mean, best prior first, with the scores the
    /// resolver starts from (context from the article is added on top).
    #[command(
        after_help = "Examples:\n  chronomap gazetteer lookup Paris\n  chronomap gazetteer lookup \"U.S.\""
    )]
    Lookup {
        /// The name as it would be written in an article.
        name: String,
        /// Extra gazetteer files (same formats as gazetteer/), added over the embedded one.
        #[arg(long, value_name = "FILE")]
        gazetteer: Vec<PathBuf>,
    },
}

const EXTRACT_EXAMPLES: &str = "\
Examples:
  chronomap extract samples/qingdao-sco.txt
  chronomap extract samples/ --out out/     (CSV, GeoJSON, JSON Lines, TimelineJS, map.html)
  chronomap extract story.txt --out out/ --leaflet-url ~/leaflet/dist   (map.html offline)
  chronomap extract story.txt --format timelinejs --excel > timeline.csv
  chronomap extract story.txt --format events > events.geojson
  chronomap extract news.jsonl --format jsonl > analysed.jsonl
  cat story.txt | chronomap extract - --date 2025-06-26
  chronomap extract cycle/ --since 2025-06-01 --country CN --min-precision day
  chronomap extract story.jsonl --out out/ --top 20   (the 20 key days of a story)

Inputs: .txt files (one article each; the id is the file stem), .jsonl/.ndjson files
(one article a line: text, and optional id, title, url and a publication date),
directories (walked in sorted order) and - for stdin (JSON Lines when its first
non-blank line is a JSON object, otherwise one text article).

Publication date of a JSON Lines line: the first of the keys date, date_publish,
published, published_at, pubDate, datePublished, timestamp that is given (not null
or an empty string), as ISO 8601 (2014-12-30, 2014-12-30T10:00:00+05:30, 2014-12-30 10:00:00),
RFC 2822 (Tue, 30 Dec 2014 10:00:00 GMT), December 30, 2014 / Dec 30, 2014 /
30 December 2014, or a Unix time (a number: seconds, or milliseconds from 10^11 on).
The day is the one written, in the zone written (never converted to UTC); a Unix
time gives its UTC day. A date that cannot be read is a warning, and the article is
read without it.

Warnings and skipped inputs: the first 5 of each kind are printed, then one line per
kind counts them all (-q prints only those counting lines).

Exit codes: 0 all inputs read; 1 some inputs failed (the others were written);
2 usage error, outputs could not be written, or (with --out) a named input is
missing or unreadable, no article was read, or another run holds DIR: the
outputs already in DIR are kept.";

/// Output formats for stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The timeline CSV: one row per dated event, in time order.
    Csv,
    /// JSON Lines: one object per article with the dateline, every date and place expression, and every event.
    Jsonl,
    /// places.geojson: one Point per distinct place.
    Geojson,
    /// events.geojson: one Point per event at its primary place.
    Events,
    /// The TimelineJS (Knight Lab) sheet as CSV: one slide per event.
    Timelinejs,
    /// map.html: the places and events on a Leaflet map with a time slider.
    Map,
    /// dates.csv: the story's key days, best first (see README, "Key days").
    Dates,
}

/// Flags of `chronomap extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Input files, directories, or - for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Write timeline.csv, places.geojson, events.geojson, articles.jsonl,
    /// timelinejs.csv, map.html (and timeline.csvt, timeline.prj for GDAL) into
    /// this folder (created if missing) instead of printing one format to stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Format printed to stdout (not with --out, which writes every format).
    #[arg(long, value_enum, default_value_t = Format::Csv, conflicts_with = "out")]
    pub format: Format,

    /// CSV outputs for Excel: a UTF-8 byte order mark first and CRLF line ends
    /// (timeline.csv, timelinejs.csv, --format csv|timelinejs).
    #[arg(long)]
    pub excel: bool,

    /// Load Leaflet in map.html from this folder or URL (holding leaflet.js and
    /// leaflet.css, e.g. /abs/path/node_modules/leaflet/dist) instead of the unpkg
    /// CDN, so the map opens offline. A relative folder is read from beside map.html.
    #[arg(long, value_name = "DIR_OR_URL")]
    pub leaflet_url: Option<String>,

    /// Anchor every article on this date (YYYY-MM-DD), overriding metadata and datelines.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Latest date an inferred dateline year may give (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub not_after: Option<String>,

    /// Count a place name inside an organisation's name ("Columbus Police
    /// Department", "University of California") as a mention of the place, as
    /// LGL's annotators do. By default only the place itself counts, as in
    /// modern news annotation (and GeoVirus).
    #[arg(long)]
    pub org_places: bool,

    /// List adjectives of places ("Chinese", "Parisian") among the toponyms,
    /// marked "adjectival": true, as LGL and most geoparsing corpora count
    /// them. By default they are listed apart, in "adjectivals".
    #[arg(long)]
    pub adjectival_toponyms: bool,

    /// Extra gazetteer files (same formats as gazetteer/): rows with a known id
    /// replace the embedded ones, others are added. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,

    /// Articles analysed together, so that undated datelines can borrow the year
    /// their neighbours in the feed agree on.
    /// At most a million: the batch is held in memory.
    #[arg(
        long,
        default_value_t = 4096,
        value_name = "N",
        hide = true,
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1_000_000)
    )]
    pub batch: usize,

    /// The largest article read, in bytes: a text file, a text on stdin or a
    /// JSON Lines line over it is skipped with an error naming it, and never
    /// read whole (so `/dev/zero` or `yes |` as input cannot exhaust memory).
    #[arg(
        long,
        default_value_t = crate::input::DEFAULT_MAX_ARTICLE_BYTES,
        value_name = "BYTES",
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=(1u64 << 32))
    )]
    pub max_article_bytes: usize,

    /// Keep every report of an event as its own row (by default the same event
    /// reported by several articles is one row that counts and lists them).
    #[arg(long)]
    pub no_merge: bool,

    /// Keep events that end on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,

    /// Keep events that start on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,

    /// Drop events vaguer than this (day, week, month, quarter, season, half, year, decade, century).
    #[arg(long, value_name = "PRECISION")]
    pub min_precision: Option<String>,

    /// Keep events whose primary place is in this country (ISO 3166-1 alpha-2, e.g. CN).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,

    /// Keep events whose primary place lies in this box: min lon, min lat, max lon, max lat.
    #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true)]
    pub bbox: Option<String>,

    /// Keep only the events of the N best key days (dates.csv's first N rows) in
    /// every output but places.geojson and articles.jsonl.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub top: Option<u64>,

    /// Keep only events, and key days, reported by at least N articles.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub min_articles: Option<u64>,

    /// Worker threads (default: one per core). The output is the same for any count.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Quiet: no progress, no warning or problem one by one, no closing summary;
    /// only one line per kind of problem, counting them.
    #[arg(long, short)]
    pub quiet: bool,
}
