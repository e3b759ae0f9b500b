//! The `chronomap` binary: parse flags, run, map the outcome to an exit code.

use anyhow::{bail, Context as _, Result};
use chrono::NaiveDate;
use chronomap::article::Article;
use chronomap::cli::{Cli, Command, ExtractArgs, Format, GazetteerCommand};
use chronomap::emit;
use chronomap::event::{self, Event};
use chronomap::geo::{self, gazetteer::Gazetteer};
use chronomap::input::{self, Item};
use chronomap::pipeline::{analyze_batch, Options, YearVotes};
use clap::Parser;
use rayon::prelude::*;

/// mimalloc: the pipeline allocates many small strings per article, and the
/// system allocator spent a fifth of the run on them (see bench/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::io::{self, Write};
use std::process::ExitCode;

/// The files `--out` writes.
const OUTPUTS: [&str; 4] = [
    "timeline.csv",
    "places.geojson",
    "events.geojson",
    "articles.jsonl",
];

/// Exit codes, in one place.
mod exit {
    /// Every input was read and every output written.
    pub const OK: u8 = 0;
    /// Some inputs failed; the others were processed and written.
    pub const SOME_INPUTS_FAILED: u8 = 1;
    /// Bad usage, or the outputs could not be written.
    pub const USAGE: u8 = 2;
}

fn main() -> ExitCode {
    // mimalloc returns freed memory to the system after 10 ms by default and
    // faults it back in for the next batch (a tenth of the run went to zeroing
    // fresh pages); the peak is the same either way, so keep it. 15 is
    // `mi_option_purge_delay` in mimalloc.h (v3); -1 means never purge.
    // SAFETY: setting an option is allowed at any time.
    unsafe { libmimalloc_sys::mi_option_set(15, -1) };
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (| head) is a normal way to stop reading.
            if e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::from(exit::OK);
            }
            eprintln!("chronomap: error: {e:#}");
            ExitCode::from(exit::USAGE)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Extract(args) => extract(*args),
        Command::Gazetteer(GazetteerCommand::Lookup { name, gazetteer }) => {
            lookup(&name, &gazetteer)
        }
    }
}

fn parse_date(flag: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .with_context(|| format!("{flag} {s:?}: expected a date like 2025-06-26"))
}

/// A spinner with the count of articles on stderr, when stderr is a terminal
/// and not silenced; hidden otherwise (pipelines and logs stay clean).
fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new_spinner();
    pb.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} articles {per_sec} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    pb
}

/// "W,S,E,N" as four numbers in range.
fn parse_bbox(s: &str) -> Result<[f64; 4]> {
    let v: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .with_context(|| format!("--bbox {s:?}: expected four numbers W,S,E,N"))?;
    match v[..] {
        [w, so, e, n]
            if (-180.0..=180.0).contains(&w)
                && (-180.0..=180.0).contains(&e)
                && (-90.0..=90.0).contains(&so)
                && (-90.0..=90.0).contains(&n)
                && w <= e
                && so <= n =>
        {
            Ok([w, so, e, n])
        }
        _ => bail!(
            "--bbox {s:?}: expected W,S,E,N with -180 <= W <= E <= 180 and -90 <= S <= N <= 90"
        ),
    }
}

fn extract(args: ExtractArgs) -> Result<u8> {
    let started = std::time::Instant::now();
    let date = args
        .date
        .as_deref()
        .map(|s| parse_date("--date", s))
        .transpose()?;
    // The only clock read in chronomap: the default --not-after is today.
    let not_after = match args.not_after.as_deref() {
        Some(s) => parse_date("--not-after", s)?,
        None => chrono::Local::now().date_naive(),
    };
    if let Some(n) = args.threads {
        if n == 0 {
            bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("cannot start the worker threads")?;
    }
    if args.batch == 0 {
        bail!("--batch must be at least 1");
    }
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create output folder {}", dir.display()))?;
        for input in &args.inputs {
            for name in OUTPUTS {
                if same_file(input, &dir.join(name)) {
                    bail!("{} is both an input and an output", input.display());
                }
            }
        }
        // Temporary files of earlier runs that were killed before they finished.
        emit::remove_stale_temps(dir, &OUTPUTS);
    }
    let filter = chronomap::merge::Filter {
        since: args
            .since
            .as_deref()
            .map(|s| parse_date("--since", s))
            .transpose()?
            .map(|d| d.to_string()),
        until: args
            .until
            .as_deref()
            .map(|s| parse_date("--until", s))
            .transpose()?
            .map(|d| d.to_string()),
        min_precision: match args.min_precision.as_deref() {
            None => None,
            Some(p) => Some(
                *chronomap::merge::PRECISIONS
                    .iter()
                    .find(|x| x.eq_ignore_ascii_case(p))
                    .with_context(|| {
                        format!(
                            "--min-precision {p:?}: expected one of {}",
                            chronomap::merge::PRECISIONS.join(", ")
                        )
                    })?,
            ),
        },
        country: args.country.clone(),
        bbox: args.bbox.as_deref().map(parse_bbox).transpose()?,
    };
    let opts = Options { date, not_after };
    let owned: Gazetteer;
    let gaz: &Gazetteer = if args.gazetteer.is_empty() {
        geo::embedded()
    } else {
        owned = geo::with_files(&args.gazetteer)?;
        &owned
    };
    let mut places = emit::geojson::PlaceTable::new();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    // With --out, the JSON Lines stream straight into a temporary file that is
    // renamed into place at the end: memory holds the event rows, not the input.
    let mut jsonl_file = match &args.out {
        Some(dir) => {
            let p = dir.join("articles.jsonl");
            Some(
                emit::AtomicFile::create(&p)
                    .with_context(|| format!("cannot write {}", p.display()))?,
            )
        }
        None => None,
    };
    let progress = progress_bar(args.quiet);
    let mut events: Vec<Event> = Vec::new();
    let mut votes = YearVotes::default();
    let mut articles_n = 0usize;
    // Inputs that yielded nothing, as named on stderr, for the closing summary.
    let mut skipped: Vec<String> = Vec::new();
    let mut batch: Vec<Article> = Vec::with_capacity(args.batch);
    let want_jsonl = jsonl_file.is_some() || args.format == Format::Jsonl;
    let mut flush = |batch: &mut Vec<Article>,
                     events: &mut Vec<Event>,
                     out: &mut dyn Write,
                     jsonl: &mut Option<emit::AtomicFile>|
     -> io::Result<Vec<String>> {
        let (analyses, lost) = analyze_guarded(batch, &opts, gaz, &mut votes);
        for origin in &lost {
            if !args.quiet {
                eprintln!(
                    "chronomap: {origin}: internal error while analysing this article \
                     (a bug: please report it); skipped"
                );
            }
        }
        // Serialising is as much work as some analysis stages: it runs on the
        // cores too, and only the ordered writes stay on this thread.
        let lines: Vec<Vec<u8>> = if want_jsonl {
            analyses
                .par_iter()
                .map(|a| {
                    let mut v = Vec::with_capacity(8192);
                    emit::jsonl::write_one(&mut v, a).map(|()| v)
                })
                .collect::<io::Result<_>>()?
        } else {
            Vec::new()
        };
        for line in &lines {
            match jsonl.as_mut() {
                Some(f) => f.writer().write_all(line)?,
                None => out.write_all(line)?,
            }
        }
        for a in analyses {
            places.add(&a);
            events.extend(a.events.into_iter().filter(|e| filter.keep(e)));
        }
        progress.inc(batch.len() as u64);
        batch.clear();
        Ok(lost)
    };
    // A reader thread parses the inputs while the cores analyse the previous
    // batch; the channel holds about one batch, so memory stays bounded.
    let chunk = 256;
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(args.batch.div_ceil(chunk));
        let (inputs, out_dir) = (&args.inputs, args.out.as_deref());
        scope.spawn(move || {
            let mut items = Vec::with_capacity(chunk);
            for item in input::read_inputs_except(inputs, out_dir) {
                items.push(item);
                if items.len() >= chunk && tx.send(std::mem::take(&mut items)).is_err() {
                    return;
                }
            }
            let _ = tx.send(items);
        });
        for item in rx.into_iter().flatten() {
            match item {
                Item::Article(a) => {
                    articles_n += 1;
                    batch.push(a);
                    if batch.len() >= args.batch {
                        skipped.extend(flush(&mut batch, &mut events, &mut out, &mut jsonl_file)?);
                    }
                }
                Item::Error(e) => {
                    skipped.push(e.origin.to_string());
                    if !args.quiet {
                        eprintln!("chronomap: {e}");
                    }
                }
                Item::Warning(w) => {
                    if !args.quiet {
                        eprintln!("chronomap: warning: {w}");
                    }
                }
            }
        }
        skipped.extend(flush(&mut batch, &mut events, &mut out, &mut jsonl_file)?);
        Ok(())
    })?;
    progress.finish_and_clear();
    event::sort(&mut events);
    let reports = events.len();
    if !args.no_merge {
        events = chronomap::merge::merge(events);
    }
    match &args.out {
        Some(dir) => {
            // The three files are independent: written side by side.
            let csv_path = dir.join("timeline.csv");
            let pl_path = dir.join("places.geojson");
            let ev_path = dir.join("events.geojson");
            let ((csv, pl), ev) = rayon::join(
                || {
                    rayon::join(
                        || emit::write_atomic(&csv_path, |w| emit::csv::write(w, &events)),
                        || emit::write_atomic(&pl_path, |w| places.write(w)),
                    )
                },
                || emit::write_atomic(&ev_path, |w| emit::geojson::write_events(w, &events)),
            );
            csv.with_context(|| format!("cannot write {}", csv_path.display()))?;
            pl.with_context(|| format!("cannot write {}", pl_path.display()))?;
            ev.with_context(|| format!("cannot write {}", ev_path.display()))?;
            if let Some(f) = jsonl_file.take() {
                f.commit().with_context(|| {
                    format!("cannot write {}", dir.join("articles.jsonl").display())
                })?;
            }
        }
        None => match args.format {
            Format::Csv => emit::csv::write(&mut out, &events)?,
            Format::Geojson => places.write(&mut out)?,
            Format::Events => emit::geojson::write_events(&mut out, &events)?,
            Format::Jsonl => {}
        },
    }
    out.flush()?;
    let failed = skipped.len();
    if !args.quiet {
        eprintln!(
            "chronomap: {articles_n} articles, {} events ({} reports merged), {} places, {failed} inputs skipped, {:.2} s",
            events.len(),
            reports - events.len(),
            places.len(),
            started.elapsed().as_secs_f64()
        );
        if failed > 0 {
            eprintln!("chronomap: skipped: {}", list_skipped(&skipped));
        }
    }
    Ok(if failed > 0 {
        exit::SOME_INPUTS_FAILED
    } else {
        exit::OK
    })
}

/// The skipped inputs for the summary: the first ten, then how many more.
fn list_skipped(skipped: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut s = skipped
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if skipped.len() > SHOWN {
        s.push_str(&format!(" and {} more", skipped.len() - SHOWN));
    }
    s
}

/// [`analyze_batch`], with a panic (a bug) costing only the article that
/// caused it: the batch is analysed again article by article, and the origins
/// of the articles that still panic come back second, to be reported and
/// skipped.
fn analyze_guarded(
    batch: &[Article],
    opts: &Options,
    gaz: &Gazetteer,
    votes: &mut YearVotes,
) -> (Vec<chronomap::pipeline::Analysis>, Vec<String>) {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let before = votes.clone();
    if let Ok(all) = catch_unwind(AssertUnwindSafe(|| analyze_batch(batch, opts, gaz, votes))) {
        return (all, Vec::new());
    }
    *votes = before;
    let (mut done, mut lost) = (Vec::with_capacity(batch.len()), Vec::new());
    for a in batch {
        match catch_unwind(AssertUnwindSafe(|| {
            analyze_batch(std::slice::from_ref(a), opts, gaz, votes)
        })) {
            Ok(mut v) => done.extend(v.pop()),
            Err(_) => lost.push(a.origin.to_string()),
        }
    }
    (done, lost)
}

/// Whether two paths name the same existing file.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// `chronomap gazetteer lookup NAME`: the candidates and their prior scores.
fn lookup(name: &str, files: &[std::path::PathBuf]) -> Result<u8> {
    let owned: Gazetteer;
    let gaz: &Gazetteer = if files.is_empty() {
        geo::embedded()
    } else {
        owned = geo::with_files(files)?;
        &owned
    };
    let key = geo::fold::key(name);
    let mut rows: Vec<(f64, geo::gazetteer::Place<'_>, geo::gazetteer::NameKind)> = gaz
        .lookup(&key)
        .iter()
        .map(|&(i, nk)| (geo::resolve::prior(gaz.place(i), nk), gaz.place(i), nk))
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(b.1.id)));
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if gaz.is_stopped(&key) {
        writeln!(out, "{name:?} is on the stoplist: never taken for a place")?;
    }
    if rows.is_empty() {
        writeln!(out, "no place named {name:?} (key {key:?})")?;
        return Ok(exit::SOME_INPUTS_FAILED);
    }
    writeln!(
        out,
        "score\tid\tname\tkind\tcountry\tadmin1\tpopulation\tlat\tlon\tmatched as"
    )?;
    for (s, p, nk) in rows {
        writeln!(
            out,
            "{s:.2}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{nk:?}",
            p.id, p.name, p.kind_text, p.country, p.admin1, p.population, p.lat, p.lon
        )?;
    }
    Ok(exit::OK)
}
