//! The `chronomap` binary: parse flags, run, map the outcome to an exit code.

use anyhow::{bail, Context as _, Result};
use chrono::NaiveDate;
use chronomap::article::Article;
use chronomap::cli::{Cli, Command, ExtractArgs, Format, GazetteerCommand};
use chronomap::emit;
use chronomap::event::{self, Event};
use chronomap::geo::{self, gazetteer::Gazetteer};
use chronomap::input::{self, Item};
use chronomap::pipeline::{analyze_batch, analyze_batch_each, Options, YearVotes};
use clap::Parser;
use rayon::prelude::*;

/// mimalloc: the pipeline allocates many small strings per article, and the
/// system allocator spent a fifth of the run on them (README.md, "Speed and memory").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::io::{self, Write};
use std::process::ExitCode;

/// What a write error on standard output says (`> /dev/full`, a full disk
/// behind a redirection): chronomap cannot know the file's name.
const STDOUT: &str = "cannot write to standard output";

/// Exit codes, in one place.
mod exit {
    /// Every input was read and every output written.
    pub const OK: u8 = 0;
    /// Some inputs failed; the others were processed and written.
    pub const SOME_INPUTS_FAILED: u8 = 1;
    /// Bad usage, or the outputs could not be written, or (with `--out`) the
    /// run was not worth writing: the outputs already there are kept.
    pub const USAGE: u8 = 2;
}

fn main() -> ExitCode {
    // mimalloc returns freed memory to the system after 10 ms by default and
    // faults it back in for the next batch (a tenth of the run went to zeroing
    // fresh pages); the peak is the same either way, so keep it. 15 is
    // `mi_option_purge_delay` in mimalloc.h (v3); -1 means never purge.
    // SAFETY: setting an option is allowed at any time.
    unsafe { libmimalloc_sys::mi_option_set(15, -1) };
    // mimalloc asks for transparent huge pages, and every first touch of one
    // zeroes 2 MB, used or not: a fifth of the run went to `clear_page` and
    // the peak was 30 MB higher than with 4 KB pages. The process opts out
    // (mimalloc's MIMALLOC_ALLOW_THP=0 does the same, but is read before main).
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes no pointers; it only sets a flag of
    // this process, and failing leaves things as they were.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (| head) is a normal way to stop reading.
            if is_broken_pipe(&e) {
                return ExitCode::from(exit::OK);
            }
            eprintln!("chronomap: error: {e:#}");
            ExitCode::from(exit::USAGE)
        }
    }
}

/// Whether the error is a closed standard output (`| head`): an
/// `io::Error` of kind `BrokenPipe` anywhere in the chain, also inside the
/// `io::Error` that wraps a CSV writer's error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    fn io_is_broken_pipe(io: &io::Error) -> bool {
        io.kind() == io::ErrorKind::BrokenPipe
            || io.get_ref().is_some_and(|inner| {
                inner
                    .downcast_ref::<csv::Error>()
                    .is_some_and(csv_is_broken_pipe)
                    || inner
                        .downcast_ref::<io::Error>()
                        .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            })
    }
    fn csv_is_broken_pipe(c: &csv::Error) -> bool {
        matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe)
    }
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>().is_some_and(io_is_broken_pipe)
            || c.downcast_ref::<csv::Error>()
                .is_some_and(csv_is_broken_pipe)
    })
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

/// One analysed batch on its way to the sink: its JSON Lines, and the analyses.
struct Done {
    lines: Vec<Vec<u8>>,
    analyses: Vec<chronomap::pipeline::Analysis>,
}

/// Where analysed batches go: the JSON Lines (to the file, or to standard
/// output), and the places and events gathered for the other outputs.
struct Sink {
    out: io::BufWriter<io::Stdout>,
    jsonl: Option<emit::AtomicFile>,
    places: emit::geojson::PlaceTable,
    /// The events kept, a list per batch (one growing list of them cost its
    /// copies and fresh memory at every doubling).
    events: Vec<Vec<Event>>,
    /// The first few article ids, for the map's title.
    first_ids: Vec<String>,
    /// Whether an output is made of the events (not so for JSON Lines alone,
    /// which are written as they come).
    keep_events: bool,
    /// Events that passed the filter, kept or not.
    reports: usize,
}

impl Sink {
    fn take(&mut self, done: Done, filter: &chronomap::merge::Filter) -> io::Result<()> {
        for line in &done.lines {
            match self.jsonl.as_mut() {
                Some(f) => f.writer().write_all(line)?,
                None => self.out.write_all(line)?,
            }
        }
        let mut events = Vec::with_capacity(done.analyses.iter().map(|a| a.events.len()).sum());
        for a in done.analyses {
            self.places.add(&a);
            if self.first_ids.len() < 4 {
                self.first_ids.push(a.id.clone());
            }
            if self.keep_events {
                events.extend(a.events.into_iter().filter(|e| filter.keep(e)));
            } else {
                self.reports += a.events.iter().filter(|e| filter.keep(e)).count();
            }
        }
        self.events.push(events);
        Ok(())
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
        // Thousands of threads take minutes to start and stop (10,000 took
        // over a minute on the seed article) and gain nothing.
        if n > MAX_THREADS {
            bail!("--threads must be at most {MAX_THREADS}");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("cannot start the worker threads")?;
    }
    if args.batch == 0 {
        bail!("--batch must be at least 1");
    }
    // With --out, the folder is locked for the whole run, and a named input
    // that does not exist stops the run before anything is written.
    let _lock = match &args.out {
        Some(dir) => Some(prepare_out_dir(dir, &args.inputs)?),
        None => None,
    };
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
    let opts = Options {
        date,
        not_after,
        org_places: args.org_places,
        adjectival_toponyms: args.adjectival_toponyms,
    };
    let stdout = io::stdout();
    // With --out, the JSON Lines stream straight into a temporary file that is
    // renamed into place at the end: memory holds the event rows, not the input.
    let jsonl_file = match &args.out {
        Some(dir) => {
            let p = dir.join("articles.jsonl");
            // (Its errors name the file, as every output's do.)
            Some(emit::AtomicFile::create(&p)?)
        }
        None => None,
    };
    let progress = progress_bar(args.quiet);
    let problems = std::cell::RefCell::new(Problems::new(args.quiet));
    let mut votes = YearVotes::default();
    let mut articles_n = 0usize;
    // Inputs that yielded nothing, as named on stderr, for the closing summary.
    let mut skipped: Vec<String> = Vec::new();
    // INPUT arguments that could not be read at all (missing, unreadable).
    let named: Vec<String> = args.inputs.iter().map(|p| input::shown(p)).collect();
    let mut named_failed: Vec<String> = Vec::new();
    let mut batch: Vec<Article> = Vec::with_capacity(args.batch);
    let want_jsonl = jsonl_file.is_some() || args.format == Format::Jsonl;
    // The key days weigh statements against the words of every article.
    let want_dates = args.out.is_some()
        || args.format == Format::Dates
        || args.top.is_some()
        || args.min_articles.is_some();
    let mut corpus = chronomap::keydays::Corpus::default();
    let sink = Sink {
        out: io::BufWriter::with_capacity(emit::WRITE_BUFFER, stdout),
        jsonl: jsonl_file,
        places: emit::geojson::PlaceTable::new(),
        events: Vec::new(),
        first_ids: Vec::new(),
        keep_events: args.out.is_some() || args.format != Format::Jsonl,
        reports: 0,
    };
    // Three stages run side by side: a reader thread parses the inputs, this
    // thread has each batch analysed and serialised on the cores, and a sink
    // thread writes the JSON Lines and gathers places and events. Each channel
    // holds about one batch, so memory stays bounded.
    let chunk = 256;
    // Articles with no date to resolve relative dates against: one warning
    // for the run, at the end.
    let mut unanchored = 0usize;
    // Whether freed memory is returned to the system (after a long article).
    let mut purging = false;
    let sink = std::thread::scope(|scope| -> Result<Sink> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(args.batch.div_ceil(chunk));
        let (inputs, out_dir) = (&args.inputs, args.out.as_deref());
        let max_article_bytes = args.max_article_bytes;
        scope.spawn(move || {
            let mut items = Vec::with_capacity(chunk);
            for item in input::read_inputs_limited(inputs, out_dir, max_article_bytes) {
                items.push(item);
                if items.len() >= chunk
                    && tx
                        .send(std::mem::replace(&mut items, Vec::with_capacity(chunk)))
                        .is_err()
                {
                    return;
                }
            }
            let _ = tx.send(items);
        });
        // The gazetteer opens while the reader starts on the inputs.
        let owned: Gazetteer;
        let gaz: &Gazetteer = if args.gazetteer.is_empty() {
            geo::embedded()
        } else {
            owned = geo::with_files(&args.gazetteer)?;
            &owned
        };
        let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<Done>(0);
        let filter = &filter;
        let collector = scope.spawn(move || -> io::Result<Sink> {
            let mut sink = sink;
            for done in done_rx {
                sink.take(done, filter)?;
            }
            Ok(sink)
        });
        // The articles lost to an internal error, and false when the sink has
        // stopped (on a write error, reported below).
        let mut flush = |batch: &mut Vec<Article>| -> Result<(bool, Vec<String>)> {
            // The analyses come a few at a time, and go to the sink so.
            let mut going = true;
            let mut take = |analyses: Vec<chronomap::pipeline::Analysis>| {
                if !going {
                    return;
                }
                unanchored += analyses.iter().filter(|a| a.anchor.is_none()).count();
                let mut problems = problems.borrow_mut();
                for a in analyses.iter().filter(|a| a.capped) {
                    let id = input::shown(std::path::Path::new(&a.id));
                    problems.report("over the per-article caps, only the first kept", &id, || {
                        format!(
                            "warning: {id}: over {} date expressions or place names; only the first {} of each are kept",
                            chronomap::pipeline::MAX_MENTIONS,
                            chronomap::pipeline::MAX_MENTIONS
                        )
                    });
                }
                // Serialising is as much work as some analysis stages: it runs on
                // the cores too, and only the ordered writes are left to the sink.
                let lines: Vec<Vec<u8>> = if want_jsonl {
                    // Each line is written into a scratch buffer that the worker
                    // keeps, and copied out at its exact size: lines held at a
                    // guessed capacity were half of the peak memory.
                    analyses
                        .par_iter()
                        .map_init(Vec::new, |scratch: &mut Vec<u8>, a| {
                            scratch.clear();
                            emit::jsonl::line(scratch, a);
                            exact_copy(scratch)
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                going = done_tx.send(Done { lines, analyses }).is_ok();
            };
            let lost = analyze_guarded(batch, &opts, gaz, &mut votes, &mut take);
            let mut problems = problems.borrow_mut();
            for origin in &lost {
                problems.report("internal error (a bug: please report it)", origin, || {
                    format!(
                        "{origin}: internal error while analysing this article \
                         (a bug: please report it); skipped"
                    )
                });
            }
            if want_dates {
                let words: Vec<Vec<u64>> = batch
                    .par_iter()
                    .map(|a| chronomap::keydays::content_words(&a.text))
                    .collect();
                words.iter().for_each(|w| corpus.add(w));
            }
            progress.inc(batch.len() as u64);
            batch.clear();
            Ok((going, lost))
        };
        for item in rx.into_iter().flatten() {
            match item {
                Item::Article(a) => {
                    articles_n += 1;
                    if a.text.len() > chronomap::pipeline::PIECE && !purging {
                        // Memory kept for reuse (see `main`) suits news; the
                        // pieces of a long article leave large blocks that
                        // are not reused, so from the first such article on,
                        // freed memory goes back to the system after 10 ms
                        // (mimalloc's default): 12 one-megabyte articles of
                        // dense text peaked at 131-151 MB kept, 88-91 MB so.
                        purging = true;
                        // SAFETY: setting an option is allowed at any time.
                        unsafe { libmimalloc_sys::mi_option_set(15, 10) };
                    }
                    batch.push(a);
                    if batch.len() >= args.batch {
                        let (going, lost) = flush(&mut batch)?;
                        skipped.extend(lost);
                        if !going {
                            break;
                        }
                    }
                }
                Item::Error(e) => {
                    skipped.push(e.origin.to_string());
                    if e.origin.line.is_none()
                        && named.contains(&e.origin.path)
                        && matches!(
                            e.kind(),
                            input::InputErrorKind::NotFound | input::InputErrorKind::Io(_)
                        )
                    {
                        named_failed.push(e.to_string());
                    }
                    let origin = e.origin.to_string();
                    problems
                        .borrow_mut()
                        .report(&e.kind().class(), &origin, || e.to_string());
                }
                Item::Warning(w) => {
                    let origin = w.origin.to_string();
                    problems
                        .borrow_mut()
                        .report(&w.kind().class(), &origin, || format!("warning: {w}"));
                }
            }
        }
        skipped.extend(flush(&mut batch)?.1);
        // The sink ends when the last batch is in; its error, if any, is the run's.
        drop(done_tx);
        // (Its errors in writing a file name the file; standard output is
        // named here.)
        let sink = collector
            .join()
            .map_err(|_| anyhow::anyhow!("the output thread failed"))?
            .map_err(|e| match args.out {
                Some(_) => anyhow::Error::new(e),
                None => anyhow::Error::new(e).context(STDOUT),
            })?;
        Ok(sink)
    })?;
    let Sink {
        mut out,
        jsonl: jsonl_file,
        places,
        events,
        first_ids,
        keep_events,
        reports: unkept,
    } = sink;
    progress.finish_and_clear();
    if let Some(dir) = &args.out {
        // Nothing new is worth more than the outputs already there: the staged
        // JSON Lines are dropped (removed), and nothing else is written.
        let why = if let Some(first) = named_failed.first() {
            Some(first.clone())
        } else if articles_n == 0 {
            Some("no article was read".to_string())
        } else {
            None
        };
        if let Some(why) = why {
            drop(jsonl_file);
            bail!(
                "{why}; nothing was written to {} (the outputs there, if any, are kept)",
                input::shown(dir)
            );
        }
    }
    // The JSON Lines are complete: they are synced to disk while the other
    // outputs are made, and put in place with them.
    let jsonl_done = jsonl_file.map(|f| std::thread::spawn(move || f.finish()));
    let mut events = event::sorted(events);
    let reports = events.len();
    let top = if want_dates { corpus.top() } else { Vec::new() };
    let votes = want_dates.then(|| chronomap::keydays::votes(&events, &top));
    if !args.no_merge {
        events = chronomap::merge::merge(events);
    }
    let mut key_days = votes
        .map(|v| chronomap::keydays::rank(v, &events, &top))
        .unwrap_or_default();
    let as_count = |n: Option<u64>| n.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    chronomap::keydays::cut(
        &mut events,
        &mut key_days,
        as_count(args.top),
        as_count(args.min_articles),
    );
    // The map page and the TimelineJS sheet of a big run show the events of
    // its best key days (and say so); the other outputs keep every event.
    let view = chronomap::keydays::view(&events, &key_days, chronomap::keydays::VIEW_MAX);
    let shown: &[event::Event] = view.as_ref().map_or(&events, |v| &v.0);
    let note = view.as_ref().map(|(v, days)| {
        format!(
            "the {} events of the {days} best key days, of {} (all are in timeline.csv and events.geojson)",
            v.len(),
            events.len()
        )
    });
    let dialect = if args.excel {
        emit::csv::Dialect::Excel
    } else {
        emit::csv::Dialect::Plain
    };
    let leaflet = match args.leaflet_url.as_deref() {
        Some(u) => {
            // A local folder may be Leaflet's package root (node_modules/leaflet),
            // whose files are in dist/.
            let page_dir = args.out.as_deref().unwrap_or(std::path::Path::new("."));
            let exists = |l: &emit::map::Leaflet| l.local_js(page_dir).is_some_and(|p| p.is_file());
            let given = emit::map::Leaflet::at(u);
            let dist = emit::map::Leaflet::at(&format!("{}/dist", u.trim_end_matches('/')));
            if !exists(&given) && exists(&dist) {
                dist
            } else {
                if !args.quiet {
                    if let Some(js) = given.local_js(page_dir).filter(|p| !p.is_file()) {
                        eprintln!(
                            "chronomap: warning: --leaflet-url: {} does not exist; map.html will show a plain plot instead of a Leaflet map",
                            js.display()
                        );
                    }
                }
                given
            }
        }
        None => emit::map::Leaflet::default(),
    };
    let title = emit::map::title(&first_ids, articles_n);
    // The places are serialised once, for places.geojson and the map page.
    let places_json = if args.out.is_some() || matches!(args.format, Format::Map | Format::Geojson)
    {
        places.to_json()
    } else {
        Vec::new()
    };
    let write_places = |w: &mut dyn Write| -> io::Result<()> {
        w.write_all(&places_json)?;
        w.write_all(b"\n")
    };
    let places_in_script = |w: &mut dyn Write| emit::map::write_script_safe(w, &places_json);
    let write_map = |w: &mut dyn Write| {
        emit::map::write_with(
            w,
            &places_in_script,
            &|script| {
                emit::geojson::events_in_pieces(shown, |piece| {
                    emit::map::write_script_safe(script, piece)
                })
            },
            &leaflet,
            &title,
            note.as_deref(),
        )
    };
    match &args.out {
        Some(dir) => {
            // Each file, once written, is synced to disk on a thread of its
            // own, while the cores go on with the next file; all are renamed
            // into place together at the end, when every one is complete.
            let syncing = std::sync::Mutex::new(Vec::new());
            let sync_later = |p: std::path::PathBuf, f: emit::AtomicFile| {
                let done = std::thread::spawn(move || f.finish());
                syncing
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((p, done));
            };
            let put = |name: &str, fill: &dyn Fn(&mut dyn Write) -> io::Result<()>| {
                let p = dir.join(name);
                let mut f = emit::AtomicFile::create(&p)?;
                fill(f.writer())?;
                sync_later(p, f);
                Ok(())
            };
            // The files are independent: written in two halves side by side.
            let (a, b) = rayon::join(
                || -> Result<()> {
                    put("timeline.csv", &|w| {
                        emit::csv::write_as(w, &events, dialect)
                    })?;
                    put("timeline.csvt", &emit::csv::write_csvt)?;
                    put("timeline.prj", &|w| {
                        w.write_all(emit::csv::PRJ_WGS84.as_bytes())
                    })?;
                    put("places.geojson", &write_places)?;
                    put("timelinejs.csv", &|w| {
                        emit::timelinejs::write(w, shown, dialect, note.as_deref())
                    })?;
                    put("dates.csv", &|w| emit::dates::write(w, &key_days, dialect))
                },
                || -> Result<()> {
                    // The map page holds events.geojson, made safe for a script
                    // element: the events are serialised once, for both files.
                    let p = dir.join("events.geojson");
                    let file = std::cell::RefCell::new(emit::AtomicFile::create(&p)?);
                    put("map.html", &|w| {
                        let events = |script: &mut dyn Write| {
                            let mut file = file.borrow_mut();
                            let plain = file.writer();
                            if view.is_none() {
                                return emit::geojson::events_in_pieces(&events, |piece| {
                                    plain.write_all(piece)?;
                                    emit::map::write_script_safe(script, piece)
                                });
                            }
                            emit::geojson::events_in_pieces(&events, |p| plain.write_all(p))?;
                            emit::geojson::events_in_pieces(shown, |piece| {
                                emit::map::write_script_safe(script, piece)
                            })
                        };
                        let note = note.as_deref();
                        emit::map::write_with(w, &places_in_script, &events, &leaflet, &title, note)
                    })?;
                    let mut file = file.into_inner();
                    file.writer().write_all(b"\n")?;
                    sync_later(p.clone(), file);
                    Ok(())
                },
            );
            let jsonl = jsonl_done.map(|done| done.join());
            let synced: Vec<_> = syncing
                .into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .into_iter()
                .map(|(p, done)| (p, done.join()))
                .collect();
            // Any error drops every staged file (removing it): the outputs
            // from before stay as they were.
            a?;
            b?;
            let mut staged = Vec::with_capacity(emit::OUTPUTS.len());
            // (A staged file's errors name it.)
            for (_, done) in synced {
                staged.push(done.map_err(|_| anyhow::anyhow!("the output thread failed"))??);
            }
            if let Some(done) = jsonl {
                staged.push(done.map_err(|_| anyhow::anyhow!("the output thread failed"))??);
            }
            emit::commit_all(staged).map_err(|(p, e)| {
                anyhow::Error::new(e).context(format!("cannot write {}", p.display()))
            })?;
        }
        None => match args.format {
            Format::Csv => emit::csv::write_as(&mut out, &events, dialect).context(STDOUT)?,
            Format::Timelinejs => {
                emit::timelinejs::write(&mut out, shown, dialect, note.as_deref())
                    .context(STDOUT)?
            }
            Format::Map => write_map(&mut out).context(STDOUT)?,
            Format::Geojson => write_places(&mut out).context(STDOUT)?,
            Format::Events => emit::geojson::write_events(&mut out, &events).context(STDOUT)?,
            Format::Dates => emit::dates::write(&mut out, &key_days, dialect).context(STDOUT)?,
            Format::Jsonl => {}
        },
    }
    out.flush().context(STDOUT)?;
    problems.into_inner().sum_up();
    let failed = skipped.len();
    if !args.quiet {
        // (JSON Lines alone keep no events, so none are merged.)
        let merged = if keep_events {
            format!(" ({} reports merged)", reports - events.len())
        } else {
            String::new()
        };
        eprintln!(
            "chronomap: {articles_n} articles, {} events{merged}, {} places, {failed} inputs skipped, {:.2} s",
            events.len() + unkept,
            places.len(),
            started.elapsed().as_secs_f64()
        );
        if failed > 0 {
            eprintln!("chronomap: skipped: {}", list_skipped(&skipped));
        }
        if unanchored > 0 {
            eprintln!(
                "chronomap: warning: {unanchored} of {articles_n} articles had no date to resolve \
                 relative dates against (no --date, no date field, no dated dateline): their \
                 \"yesterday\", \"Monday\" and dates without a year stay unresolved; give one with \
                 --date YYYY-MM-DD or a `date` field (or `published`, `pubDate`, ...: see \
                 --help) in the JSON Lines"
            );
        }
    }
    Ok(if failed > 0 {
        exit::SOME_INPUTS_FAILED
    } else {
        exit::OK
    })
}

/// A serialised line, at its exact size: a copy of `scratch` (which keeps its
/// memory for the next line), or, for a line over a megabyte (a huge
/// article's), `scratch` itself, so that the line is not held twice.
fn exact_copy(scratch: &mut Vec<u8>) -> Vec<u8> {
    if scratch.len() > 1 << 20 {
        return std::mem::take(scratch);
    }
    scratch.clone()
}

/// The problems of a run on stderr, by class (`not JSON`, `"text" field is
/// empty`, ...): the first [`Problems::SHOWN`] of each class are printed as
/// they come (unless `-q`), and at the end one line per class sums up the
/// ones not shown: the count and the first few places. A feed with a
/// thousand empty lines costs a handful of lines, not a thousand.
struct Problems {
    quiet: bool,
    /// Each class in order of first appearance, its count and first places.
    classes: Vec<(String, usize, Vec<String>)>,
}

impl Problems {
    /// Messages printed of each class (and places named in its summary).
    const SHOWN: usize = 5;

    fn new(quiet: bool) -> Problems {
        Problems {
            quiet,
            classes: Vec::new(),
        }
    }

    /// One problem of `class` at `origin`; `message` is its own line.
    fn report(&mut self, class: &str, origin: &str, message: impl FnOnce() -> String) {
        let k = match self.classes.iter().position(|c| c.0 == class) {
            Some(k) => k,
            None => {
                self.classes.push((class.to_string(), 0, Vec::new()));
                self.classes.len() - 1
            }
        };
        let (_, count, first) = &mut self.classes[k];
        *count += 1;
        if first.len() < Self::SHOWN {
            first.push(origin.to_string());
            if !self.quiet {
                eprintln!("chronomap: {}", message());
            }
        }
    }

    /// The closing lines: one per class with more than were shown (with
    /// `-q`, one per class).
    fn sum_up(&self) {
        for (class, count, first) in &self.classes {
            let shown = if self.quiet { 0 } else { first.len() };
            if *count == shown {
                continue;
            }
            let mut places = first.join(", ");
            if *count > first.len() {
                places.push_str(&format!(" and {} more", count - first.len()));
            }
            let note = if shown > 0 {
                format!("; only the first {shown} were shown")
            } else {
                String::new()
            };
            eprintln!("chronomap: {count} x {class}: {places}{note}");
        }
    }
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

/// The most worker threads `--threads` may ask for.
const MAX_THREADS: usize = 256;

/// [`analyze_batch_each`], with a panic (a bug) costing only the article
/// that caused it: the articles not yet handed to `each` are analysed again
/// one by one, and the origins of those that still panic are returned, to be
/// reported and skipped. (A panic in `each` itself is not caught.)
fn analyze_guarded(
    batch: &[Article],
    opts: &Options,
    gaz: &Gazetteer,
    votes: &mut YearVotes,
    each: &mut dyn FnMut(Vec<chronomap::pipeline::Analysis>),
) -> Vec<String> {
    use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
    let before = votes.clone();
    let (mut handed, mut failed) = (0, None);
    let mut hand = |part: Vec<chronomap::pipeline::Analysis>| {
        if failed.is_none() {
            handed += part.len();
            failed = catch_unwind(AssertUnwindSafe(|| each(part))).err();
        }
    };
    let whole = catch_unwind(AssertUnwindSafe(|| {
        analyze_batch_each(batch, opts, gaz, votes, &mut hand)
    }));
    if let Some(panic) = failed {
        resume_unwind(panic);
    }
    if whole.is_ok() {
        return Vec::new();
    }
    *votes = before;
    let mut lost = Vec::new();
    for a in &batch[handed..] {
        match catch_unwind(AssertUnwindSafe(|| {
            analyze_batch(std::slice::from_ref(a), opts, gaz, votes)
        })) {
            Ok(v) => each(v),
            Err(_) => lost.push(a.origin.to_string()),
        }
    }
    lost
}

/// Make the `--out` folder ready: created if missing, locked against a
/// concurrent run, cleared of the temporary files of killed runs; refused if
/// an output is also an input, or if a named input does not exist (a typo
/// must not cost the outputs of the last good run).
fn prepare_out_dir(
    dir: &std::path::Path,
    inputs: &[std::path::PathBuf],
) -> Result<emit::OutputLock> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output folder {}", input::shown(dir)))?;
    let lock = emit::lock_output_dir(dir)?;
    for input in inputs {
        for name in emit::OUTPUTS {
            if same_file(input, &dir.join(name)) {
                bail!("{} is both an input and an output", input::shown(input));
            }
        }
        if input.as_os_str() != "-" {
            if let Err(e) = std::fs::metadata(input) {
                if e.kind() == io::ErrorKind::NotFound {
                    bail!(
                        "{}: no such file or directory; nothing was written to {} (the outputs there, if any, are kept)",
                        input::shown(input),
                        input::shown(dir)
                    );
                }
            }
        }
    }
    emit::remove_stale_temps(&lock, dir, &emit::OUTPUTS);
    Ok(lock)
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
