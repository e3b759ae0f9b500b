//! `cargo bench`: throughput of each stage of the pipeline on one input, printed
//! as a table (no wall-clock assertions: these machines are shared and noisy).
//!
//! Input: `../shared/eval/datelines/reuters-dev.input.jsonl` when present (16,000
//! newswire articles), else about 15 MB of text made by repeating `samples/`.
//! Set `CHRONOMAP_BENCH_INPUT` to use another JSON Lines or text file.
//! `bench/run.sh` measures the binary end to end against peer tools.

use chrono::NaiveDate;
use chronomap::article::Article;
use chronomap::emit;
use chronomap::event::{self, Event};
use chronomap::geo;
use chronomap::input::{read_inputs, Item};
use chronomap::merge;
use chronomap::pipeline::{analyze_batch, Analysis, Options, YearVotes};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn articles() -> (String, Vec<Article>) {
    let chosen = std::env::var_os("CHRONOMAP_BENCH_INPUT").map(PathBuf::from);
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval/datelines/reuters-dev.input.jsonl");
    let path = chosen.or_else(|| shared.exists().then_some(shared));
    if let Some(p) = path {
        let arts = read_inputs(std::slice::from_ref(&p))
            .filter_map(|i| match i {
                Item::Article(a) => Some(a),
                _ => None,
            })
            .collect();
        return (p.display().to_string(), arts);
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut texts: Vec<String> = walk(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    texts.sort();
    let (mut arts, mut bytes) = (Vec::new(), 0);
    while bytes < 15_000_000 && !texts.is_empty() {
        let t = &texts[arts.len() % texts.len()];
        bytes += t.len();
        arts.push(Article::new(format!("g{}", arts.len()), t.clone()));
    }
    ("samples/ repeated".into(), arts)
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn row(stage: &str, bytes: usize, secs: f64, what: String) {
    println!(
        "{stage:<34} {secs:>8.3} s {:>9.2} MB/s   {what}",
        bytes as f64 / secs / 1e6
    );
}

fn main() {
    // `cargo test --benches` runs this too: do one tiny pass then.
    let quick = std::env::args().any(|a| a == "--test" || a == "--list");
    let (name, mut arts) = articles();
    if quick {
        arts.truncate(20);
    }
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    let opts = Options {
        date: None,
        not_after: NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date"),
        org_places: false,
        adjectival_toponyms: false,
    };
    println!(
        "input: {name}: {} articles, {bytes} bytes of text",
        arts.len()
    );
    let g = geo::embedded();
    let threads = rayon::current_num_threads();

    let t = Instant::now();
    let mut votes = YearVotes::default();
    let analyses: Vec<Analysis> = arts
        .chunks(4096)
        .flat_map(|b| analyze_batch(b, &opts, g, &mut votes))
        .collect();
    let n_events: usize = analyses.iter().map(|a| a.events.len()).sum();
    row(
        &format!("analyse ({threads} threads)"),
        bytes,
        t.elapsed().as_secs_f64(),
        format!("{n_events} events"),
    );

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool");
    let t = Instant::now();
    let one: usize = pool.install(|| {
        let mut votes = YearVotes::default();
        arts.chunks(4096)
            .map(|b| analyze_batch(b, &opts, g, &mut votes).len())
            .sum()
    });
    row(
        "analyse (1 thread)",
        bytes,
        t.elapsed().as_secs_f64(),
        format!("{one} articles"),
    );

    let t = Instant::now();
    let lines: usize = analyses
        .par_iter()
        .map(|a| {
            let mut v = Vec::new();
            emit::jsonl::write_one(&mut v, a).expect("in memory");
            v.len()
        })
        .sum();
    row(
        "serialise JSON Lines",
        bytes,
        t.elapsed().as_secs_f64(),
        format!("{lines} bytes"),
    );

    let t = Instant::now();
    let mut places = emit::geojson::PlaceTable::new();
    let mut events: Vec<Event> = Vec::new();
    for a in analyses {
        places.add(&a);
        events.extend(a.events);
    }
    event::sort(&mut events);
    let merged = merge::merge(events);
    row(
        "collect, sort, merge",
        bytes,
        t.elapsed().as_secs_f64(),
        format!("{} rows, {} places", merged.len(), places.len()),
    );

    let t = Instant::now();
    let mut sink = Vec::new();
    emit::csv::write(&mut sink, &merged).expect("in memory");
    let csv = sink.len();
    sink.clear();
    places.write(&mut sink).expect("in memory");
    let pl = sink.len();
    sink.clear();
    emit::geojson::write_events(&mut sink, &merged).expect("in memory");
    row(
        "write CSV + GeoJSON",
        bytes,
        t.elapsed().as_secs_f64(),
        format!("{} bytes", csv + pl + sink.len()),
    );
}
