//! End-to-end tests of the `chronomap` binary: the golden timelines in
//! `samples/`, the seed checks from the issue, and the CLI contract (inputs,
//! `--out`, exit codes, error messages, output columns, offsets).
//!
//! Golden files: every `samples/X.txt` has a `samples/X.timeline.csv`, the output of
//!
//!     chronomap extract samples/X.txt --not-after 2026-11-28 -q [EXTRA_FLAGS for X]
//!
//! compared structurally (header and rows parsed with the csv crate). `--not-after` is
//! always given, so the goldens never depend on today's date. After an intended
//! change of behaviour, regenerate (bless) every golden with
//!
//!     CHRONOMAP_BLESS=1 cargo test --test cli
//!
//! then review `git diff samples/` row by row before committing. A new sample needs
//! only its `.txt` (plus a line in EXTRA_FLAGS if it needs flags); blessing writes
//! its golden.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

mod common;
use common::TempDir;

/// The `--not-after` every test passes, so that nothing depends on the clock.
const NOT_AFTER: &str = "2026-11-28";

/// Extra flags per sample (by file stem), for samples that need them.
const EXTRA_FLAGS: &[(&str, &[&str])] = &[
    // An AP dateline carries no date: anchor on Friday 2025-03-14 (so "on Tuesday"
    // is 2025-03-11, "last month" February 2025, "early next year" 2026).
    ("wire-styles-ap", &["--date", "2025-03-14"]),
];

/// DESIGN.md's timeline columns, in order (output contract version 1), then
/// the columns added at the end (event and place ids, the article's title and
/// url).
const COLUMNS: &[&str] = &[
    "article",
    "start",
    "end",
    "precision",
    "value",
    "certainty",
    "expression",
    "anchor",
    "sentence",
    "places",
    "place",
    "lat",
    "lon",
    "offset",
    "mentions",
    "articles",
    "event_id",
    "place_id",
    "title",
    "url",
];

type Rows = Vec<Vec<String>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chronomap"));
    c.current_dir(root());
    c
}

/// Run the binary with these arguments (and optional stdin).
fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut c = bin();
    c.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("cannot start chronomap");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn show(args: &[&str], o: &Output) -> String {
    format!(
        "chronomap {}\nexit: {:?}\nstderr:\n{}",
        args.join(" "),
        o.status.code(),
        text(&o.stderr)
    )
}

/// Every `samples/*.txt`, as (stem, path relative to the repo root), sorted.
fn samples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(root().join("samples"))
        .expect("samples/ missing")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let rel = format!("samples/{}", p.file_name().unwrap().to_string_lossy());
            (stem, rel)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no samples/*.txt");
    out
}

fn extra_flags(stem: &str) -> &'static [&'static str] {
    EXTRA_FLAGS
        .iter()
        .find(|(s, _)| *s == stem)
        .map_or(&[], |(_, f)| *f)
}

/// The arguments that produce a sample's golden, plus `more`.
fn sample_args<'a>(stem: &str, path: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["extract", path, "--not-after", NOT_AFTER, "-q"];
    args.extend_from_slice(extra_flags(stem));
    args.extend_from_slice(more);
    args
}

/// Run a sample and return stdout, failing on a non-zero exit.
fn run_sample(stem: &str, path: &str, more: &[&str]) -> Vec<u8> {
    let args = sample_args(stem, path, more);
    let o = run(&args, None);
    assert!(o.status.success(), "{}", show(&args, &o));
    o.stdout
}

fn parse_csv(bytes: &[u8], what: &str) -> (Vec<String>, Rows) {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let header = r
        .headers()
        .unwrap_or_else(|e| panic!("{what}: bad CSV header: {e}"))
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|rec| {
            rec.unwrap_or_else(|e| panic!("{what}: bad CSV row: {e}"))
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}

fn parse_jsonl(bytes: &[u8]) -> Vec<serde_json::Value> {
    text(bytes)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// One row as a readable line (cells joined with ` | `).
fn row_line(r: &[String]) -> String {
    r.join(" | ")
}

/// A line diff of two row lists (longest common subsequence): `-` golden only,
/// `+` produced only, two spaces for rows in both.
fn diff_rows(golden: &Rows, produced: &Rows) -> String {
    let (n, m) = (golden.len(), produced.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if golden[i] == produced[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < n || j < m {
        if i < n && j < m && golden[i] == produced[j] {
            out += &format!("  {}\n", row_line(&golden[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out += &format!("+ {}\n", row_line(&produced[j]));
            j += 1;
        } else {
            out += &format!("- {}\n", row_line(&golden[i]));
            i += 1;
        }
    }
    out
}

#[test]
fn samples_match_their_golden_timelines() {
    let bless = std::env::var("CHRONOMAP_BLESS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for (stem, path) in samples() {
        let produced = run_sample(&stem, &path, &[]);
        let golden_path = root().join(format!("samples/{stem}.timeline.csv"));
        if bless {
            std::fs::write(&golden_path, &produced)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", golden_path.display()));
            eprintln!("blessed {}", golden_path.display());
            continue;
        }
        let golden = match std::fs::read(&golden_path) {
            Ok(g) => g,
            Err(e) => {
                failures.push(format!(
                    "{}: {e} (run CHRONOMAP_BLESS=1 cargo test --test cli to create it)",
                    golden_path.display()
                ));
                continue;
            }
        };
        let (gh, gr) = parse_csv(&golden, &format!("{stem}.timeline.csv"));
        let (ph, pr) = parse_csv(&produced, &format!("output for {path}"));
        if gh != ph {
            failures.push(format!(
                "{path}: header differs\n  golden:   {}\n  produced: {}",
                gh.join(","),
                ph.join(",")
            ));
        } else if gr != pr {
            failures.push(format!(
                "{path}: rows differ from samples/{stem}.timeline.csv \
                 (- golden, + produced; flags: {:?})\n{}",
                extra_flags(&stem),
                diff_rows(&gr, &pr)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended: CHRONOMAP_BLESS=1 cargo test --test cli, \
         then review git diff samples/",
        failures.join("\n\n")
    );
}

/// The seed article's timexes, as the issue states them.
#[test]
fn seed_article_timexes() {
    let out = run(
        &[
            "extract",
            "samples/qingdao-sco.txt",
            "--not-after",
            NOT_AFTER,
            "--format",
            "jsonl",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines = parse_jsonl(&out.stdout);
    assert_eq!(lines.len(), 1);
    let timexes = lines[0]["timexes"].as_array().expect("timexes");
    let find = |t: &str| {
        timexes
            .iter()
            .find(|x| x["text"] == t)
            .unwrap_or_else(|| panic!("no timex {t:?} in {timexes:#?}"))
    };
    for t in ["Jun 26", "Thursday"] {
        let x = find(t);
        assert_eq!(x["value"], "2025-06-26", "{t}: {x}");
        assert_eq!(x["certainty"], "inferred", "{t}: {x}");
    }
    let days = find("12 days");
    assert_eq!(days["value"], "P12D", "{days}");
    // "following 12 days of": twelve days, over by the dateline's day.
    assert_eq!(days["start_date"], "2025-06-14", "{days}");
    assert_eq!(days["end_date"], "2025-06-25", "{days}");
    let y = find("2001");
    assert_eq!(y["start_date"], "2001-01-01", "{y}");
    assert_eq!(y["end_date"], "2001-12-31", "{y}");
    assert_eq!(y["precision"], "year", "{y}");
    for x in timexes {
        let t = x["text"].as_str().unwrap();
        assert!(
            !t.contains("10-member") && !t.starts_with("10"),
            "a number became a date: {x}"
        );
    }
}

#[test]
fn out_dir_gets_timeline_csv_and_articles_jsonl() {
    let tmp = TempDir::new("out");
    let dir = tmp.path().join("results"); // not there yet: --out creates it
    let dir_s = dir.to_str().unwrap();
    let args = [
        "extract",
        "samples/qingdao-sco.txt",
        "samples/wire-styles-reuters.txt",
        "--not-after",
        NOT_AFTER,
        "-q",
        "--out",
        dir_s,
    ];
    let o = run(&args, None);
    assert!(o.status.success(), "{}", show(&args, &o));
    assert!(o.stdout.is_empty(), "--out should leave stdout empty");
    let csv_bytes = std::fs::read(dir.join("timeline.csv")).expect("timeline.csv");
    let (header, rows) = parse_csv(&csv_bytes, "timeline.csv");
    assert_eq!(header, COLUMNS);
    assert!(!rows.is_empty());
    let arts: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        arts.into_iter().collect::<Vec<_>>(),
        ["qingdao-sco", "wire-styles-reuters"]
    );
    let jl = std::fs::read(dir.join("articles.jsonl")).expect("articles.jsonl");
    let ids: Vec<String> = parse_jsonl(&jl)
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["qingdao-sco", "wire-styles-reuters"]);
    // The CSV in the folder is the one stdout would have had.
    let stdout = run(&args[..6], None);
    assert_eq!(parse_csv(&stdout.stdout, "stdout").1, rows);
}

/// The outputs of a run are the same bytes whatever the number of threads:
/// every `--out` file, over JSON Lines of every sample three times (small
/// batches, so that batches, the parallel sort and the merge all have work).
#[test]
fn any_thread_count_gives_the_same_bytes() {
    let tmp = TempDir::new("threads");
    let input = tmp.path().join("all.jsonl");
    let mut lines = String::new();
    for copy in 0..3 {
        for (stem, path) in samples() {
            let text = std::fs::read_to_string(root().join(&path)).unwrap();
            let line = serde_json::json!({"id": format!("{stem}-{copy}"), "text": text});
            lines.push_str(&line.to_string());
            lines.push('\n');
        }
    }
    std::fs::write(&input, lines).unwrap();
    let outputs: Vec<Vec<(String, Vec<u8>)>> = ["1", "2", "3"]
        .iter()
        .map(|threads| {
            let dir = tmp.path().join(format!("out-{threads}"));
            let args = [
                "extract",
                input.to_str().unwrap(),
                "--not-after",
                NOT_AFTER,
                "-q",
                "--batch",
                "4",
                "--threads",
                threads,
                "--out",
                dir.to_str().unwrap(),
            ];
            let o = run(&args, None);
            assert!(o.status.success(), "{}", show(&args, &o));
            // The outputs, not the folder's lock file.
            let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
                .unwrap()
                .filter(|e| e.as_ref().unwrap().file_name() != ".chronomap.lock")
                .map(|e| {
                    let e = e.unwrap();
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read(e.path()).unwrap())
                })
                .collect();
            files.sort();
            files
        })
        .collect();
    assert_eq!(
        outputs[0].len(),
        chronomap::emit::OUTPUTS.len(),
        "every --out file"
    );
    let rows = parse_csv(
        &outputs[0].iter().find(|f| f.0 == "timeline.csv").unwrap().1,
        "csv",
    )
    .1;
    assert!(
        rows.len() > 20,
        "enough events to sort and merge: {}",
        rows.len()
    );
    assert!(rows.iter().any(|r| r[14] != "1"), "some events merged");
    for (other, threads) in outputs[1..].iter().zip(["2", "3"]) {
        for ((name, one), (name2, more)) in outputs[0].iter().zip(other) {
            assert_eq!(name, name2);
            assert!(
                one == more,
                "{name} differs between 1 and {threads} threads"
            );
        }
    }
}

#[test]
fn bad_jsonl_lines_are_reported_and_the_good_one_kept() {
    let tmp = TempDir::new("jsonl");
    let file = tmp.path().join("file.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"id": "good", "text": "PARIS, June 26 (AFP) - Ministers met on Thursday and will meet again next Monday.", "date": "2025-06-26"}"#,
            "\n",
            "this line is not JSON\n",
            r#"{"id": "no-text", "title": "An article without a body"}"#,
            "\n",
        ),
    )
    .unwrap();
    let args = ["extract", file.to_str().unwrap(), "--not-after", NOT_AFTER];
    let o = run(&args, None);
    assert_eq!(o.status.code(), Some(1), "{}", show(&args, &o));
    let err = text(&o.stderr);
    assert!(
        err.contains("file.jsonl:2"),
        "stderr should name line 2:\n{err}"
    );
    assert!(
        err.contains("file.jsonl:3"),
        "stderr should name line 3:\n{err}"
    );
    assert!(!err.contains("file.jsonl:1"), "line 1 is fine:\n{err}");
    let (header, rows) = parse_csv(&o.stdout, "stdout");
    assert_eq!(header, COLUMNS);
    assert!(!rows.is_empty(), "the good article's rows are missing");
    assert!(rows.iter().all(|r| r[0] == "good"), "{rows:?}");
    let days: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert!(days.contains(&"2025-06-26"), "{rows:?}");
    assert!(days.contains(&"2025-06-30"), "{rows:?}");
}

#[test]
fn stdin_dash_reads_an_article() {
    let path = "samples/qingdao-sco.txt";
    let from_file = parse_csv(&run_sample("qingdao-sco", path, &[]), "file run");
    let input = std::fs::read(root().join(path)).unwrap();
    let args = ["extract", "-", "--not-after", NOT_AFTER, "-q"];
    let o = run(&args, Some(&input));
    assert!(o.status.success(), "{}", show(&args, &o));
    let (header, rows) = parse_csv(&o.stdout, "stdin run");
    assert_eq!(header, from_file.0);
    assert!(!rows.is_empty());
    // Same rows, with the stdin article id.
    let expected: Rows = from_file
        .1
        .into_iter()
        .map(|mut r| {
            r[0] = "stdin".into();
            // The "articles" and "event_id" columns name the article too.
            r[15] = "stdin".into();
            r[16] = r[16].replacen("qingdao-sco", "stdin", 1);
            r
        })
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn bad_date_flag_is_a_usage_error() {
    let args = ["extract", "samples/qingdao-sco.txt", "--date", "notadate"];
    let o = run(&args, None);
    assert_eq!(o.status.code(), Some(2), "{}", show(&args, &o));
    let err = text(&o.stderr);
    assert!(err.contains("--date"), "stderr should name --date:\n{err}");
    assert!(o.stdout.is_empty(), "no output on a usage error");
}

#[test]
fn directory_input_reads_its_txt_files_in_sorted_order() {
    let tmp = TempDir::new("dir");
    let seed = std::fs::read(root().join("samples/qingdao-sco.txt")).unwrap();
    let reuters = std::fs::read(root().join("samples/wire-styles-reuters.txt")).unwrap();
    // Created out of order; a non-input file among them is ignored.
    std::fs::write(tmp.path().join("c-third.txt"), &seed).unwrap();
    std::fs::write(tmp.path().join("a-first.txt"), &reuters).unwrap();
    std::fs::write(tmp.path().join("notes.md"), "not an article").unwrap();
    std::fs::write(tmp.path().join("b-second.txt"), &seed).unwrap();
    let dir = tmp.path().to_str().unwrap();
    let args = [
        "extract",
        dir,
        "--not-after",
        NOT_AFTER,
        "-q",
        "--format",
        "jsonl",
    ];
    let o = run(&args, None);
    assert!(o.status.success(), "{}", show(&args, &o));
    let ids: Vec<String> = parse_jsonl(&o.stdout)
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a-first", "b-second", "c-third"]);
    // The CSV has every article's events (unmerged: the three copies of one
    // article would otherwise be one row per event listing all three).
    let csv_args = [&args[..5], &["--no-merge"]].concat();
    let o = run(&csv_args, None);
    assert!(o.status.success(), "{}", show(&csv_args, &o));
    let (_, rows) = parse_csv(&o.stdout, "dir csv");
    for id in ["a-first", "b-second", "c-third"] {
        assert!(rows.iter().any(|r| r[0] == id), "no rows for {id}");
    }
}

#[test]
fn csv_header_is_the_design_columns_in_order() {
    for (stem, path) in samples() {
        let out = run_sample(&stem, &path, &[]);
        let first = text(&out).lines().next().unwrap_or_default().to_string();
        assert_eq!(first, COLUMNS.join(","), "{path}");
    }
}

/// Every timex's [start, end) code-point slice of the text is its `text`, and
/// every event (in JSON Lines and in the CSV) has start <= end.
#[test]
fn offsets_are_code_points_and_intervals_are_ordered() {
    for (stem, path) in samples() {
        let article: Vec<char> = std::fs::read_to_string(root().join(&path))
            .unwrap()
            .chars()
            .collect();
        let lines = parse_jsonl(&run_sample(&stem, &path, &["--format", "jsonl"]));
        assert_eq!(lines.len(), 1, "{path}");
        let a = &lines[0];
        let timexes = a["timexes"].as_array().expect("timexes");
        assert!(!timexes.is_empty(), "{path}: no timexes");
        for t in timexes {
            let (s, e) = (
                t["start"].as_u64().unwrap() as usize,
                t["end"].as_u64().unwrap() as usize,
            );
            assert!(s < e && e <= article.len(), "{path}: bad span {t}");
            let slice: String = article[s..e].iter().collect();
            assert_eq!(slice, t["text"].as_str().unwrap(), "{path}: {t}");
        }
        for ev in a["events"].as_array().expect("events") {
            let (s, e) = (ev["start"].as_str().unwrap(), ev["end"].as_str().unwrap());
            assert!(s <= e, "{path}: event ends before it starts: {ev}");
            let off = ev["offset"].as_u64().unwrap() as usize;
            let expr = ev["expression"].as_str().unwrap();
            let slice: String = article
                .iter()
                .skip(off)
                .take(expr.chars().count())
                .collect();
            assert_eq!(slice, expr, "{path}: event offset: {ev}");
        }
        let (_, rows) = parse_csv(&run_sample(&stem, &path, &[]), &path);
        for r in &rows {
            assert!(r[1] <= r[2], "{path}: row ends before it starts: {r:?}");
        }
    }
}

/// A news cycle: three articles about one storm, published on different days,
/// give one row per real event, each counting and listing its reports.
#[test]
fn a_news_cycle_gives_one_row_per_event() {
    let args = ["extract", "samples/cycle", "--not-after", NOT_AFTER, "-q"];
    let o = run(&args, None);
    assert!(o.status.success(), "{}", show(&args, &o));
    let (_, rows) = parse_csv(&o.stdout, "cycle");
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[1].as_str(), r[6].as_str(), r[14].as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2025-03-10", "Monday", "2"), // the flood, reported on the 10th and the 11th
            ("2025-03-11", "Tuesday", "1"), // counting the cost
            ("2025-03-13", "Thursday", "3"), // schools reopen: announced twice, then reported
            ("2025-03-15", "the weekend", "1"), // metro stations shut until the weekend
        ]
    );
    // --no-merge keeps every report.
    let o = run(&[&args[..], &["--no-merge"]].concat(), None);
    let (_, rows) = parse_csv(&o.stdout, "cycle unmerged");
    assert_eq!(rows.len(), 7);
}

/// The inlined data of a map page, as its script reads it.
fn map_data(page: &str) -> serde_json::Value {
    let tag = "<script id=\"chronomap-data\" type=\"application/json\">";
    let start = page.find(tag).expect("data block") + tag.len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).expect("data block is JSON")
}

#[test]
fn out_dir_gets_map_html_and_timelinejs() {
    let tmp = TempDir::new("map");
    let dir = tmp.path().join("out");
    let dir_s = dir.to_str().unwrap();
    let seed = "samples/qingdao-sco.txt";
    let args = sample_args(
        "qingdao-sco",
        seed,
        &["--out", dir_s, "--leaflet-url", "leaflet"],
    );
    let o = run(&args, None);
    assert!(o.status.success(), "{}", show(&args, &o));
    let page = std::fs::read_to_string(dir.join("map.html")).expect("map.html");
    assert!(page.contains("<script src=\"leaflet/leaflet.js\"></script>"));
    let data = map_data(&page);
    // One data point per place and per event, the same as the GeoJSON files.
    let places: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("places.geojson")).unwrap()).unwrap();
    let events: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("events.geojson")).unwrap()).unwrap();
    assert_eq!(data["places"], places);
    assert_eq!(data["events"], events);
    let names: Vec<&str> = data["places"]["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["name"].as_str().unwrap())
        .collect();
    for want in ["Qingdao", "China", "Iran", "Russia", "Israel"] {
        assert!(names.contains(&want), "{want} not on the map: {names:?}");
    }
    let (_, rows) = parse_csv(&std::fs::read(dir.join("timeline.csv")).unwrap(), "csv");
    assert_eq!(
        data["events"]["features"].as_array().unwrap().len(),
        rows.len()
    );
    // No property is null (MapLibre reads null back as "null"), none nested.
    for f in places["features"]
        .as_array()
        .unwrap()
        .iter()
        .chain(events["features"].as_array().unwrap())
    {
        for (k, v) in f["properties"].as_object().unwrap() {
            assert!(v.is_string() || v.is_number(), "{k}: {v}");
        }
    }
    for f in events["features"].as_array().unwrap() {
        let p = &f["properties"];
        assert_eq!(
            p["time"].as_str().unwrap(),
            format!("{}T00:00:00Z", p["start"].as_str().unwrap())
        );
        assert_eq!(
            p["timestamp"].as_str().unwrap(),
            format!("{} 00:00", p["start"].as_str().unwrap())
        );
        assert!(p["t_start"].as_i64().unwrap() < p["t_end"].as_i64().unwrap());
    }
    // GDAL sidecars: a type per column, lon/lat as the point; WGS 84.
    let csvt = std::fs::read_to_string(dir.join("timeline.csvt")).expect("timeline.csvt");
    let types: Vec<&str> = csvt.trim_end().split(',').collect();
    assert_eq!(types.len(), COLUMNS.len());
    assert_eq!(
        types[COLUMNS.iter().position(|c| *c == "lon").unwrap()],
        "\"CoordX\""
    );
    let prj = std::fs::read_to_string(dir.join("timeline.prj")).expect("timeline.prj");
    assert!(prj.starts_with("GEOGCS[\"WGS 84\""));
    // The TimelineJS sheet: one row per event, day-precision dates split.
    let tl = std::fs::read(dir.join("timelinejs.csv")).expect("timelinejs.csv");
    let (header, tl_rows) = parse_csv(&tl, "timelinejs.csv");
    assert_eq!(header[..3], ["Year", "Month", "Day"]);
    assert_eq!(tl_rows.len(), rows.len());
    let thursday = tl_rows.iter().find(|r| r[17] == "Qingdao").unwrap();
    assert_eq!(thursday[..3], ["2025", "6", "26"]);
}

#[test]
fn excel_flag_gives_bom_and_crlf_and_formats_go_to_stdout() {
    let seed = "samples/qingdao-sco.txt";
    let args = sample_args("qingdao-sco", seed, &["--excel"]);
    let o = run(&args, None);
    assert!(o.status.success(), "{}", show(&args, &o));
    assert!(o.stdout.starts_with(b"\xEF\xBB\xBFarticle,start,"));
    let body = &o.stdout[3..];
    let crlf = body.windows(2).filter(|w| w == b"\r\n").count();
    assert_eq!(crlf, body.iter().filter(|&&b| b == b'\n').count());
    assert!(crlf > 1);
    let plain = run(&sample_args("qingdao-sco", seed, &[]), None);
    assert_eq!(
        parse_csv(body, "excel").1,
        parse_csv(&plain.stdout, "plain").1
    );
    for (format, start) in [
        ("timelinejs", "Year,Month,Day,"),
        ("map", "<!DOCTYPE html>"),
    ] {
        let a = sample_args("qingdao-sco", seed, &["--format", format]);
        let o = run(&a, None);
        assert!(o.status.success(), "{}", show(&a, &o));
        assert!(text(&o.stdout).starts_with(start), "{format}");
    }
}

#[test]
fn leaflet_url_may_name_the_package_root() {
    let tmp = TempDir::new("leaflet");
    let dist = tmp.path().join("leaflet").join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("leaflet.js"), "").unwrap();
    let root = tmp.path().join("leaflet");
    let args = sample_args(
        "qingdao-sco",
        "samples/qingdao-sco.txt",
        &["--format", "map", "--leaflet-url", root.to_str().unwrap()],
    );
    let o = run(&args, None);
    assert!(o.status.success(), "{}", show(&args, &o));
    let page = text(&o.stdout);
    let want = format!("{}/dist/leaflet.js\"></script>", root.display());
    assert!(page.contains(&want), "no {want} in the page");
}

#[test]
fn title_url_event_id_and_place_id_reach_every_output() {
    let tmp = TempDir::new("trace");
    let feed = tmp.path().join("feed.jsonl");
    let line = |id: &str, url: &str, text: &str| {
        serde_json::json!({"id": id, "title": "Bridge <vote> & \"more\"", "url": url, "text": text})
            .to_string()
    };
    let text = format!(
        "{}\n{}\n",
        line(
            "web",
            "https://news.example/lyon?a=1&b=2",
            "LYON, June 26, 2025 - The council in Lyon voted on Thursday to rebuild the bridge."
        ),
        line(
            "js",
            "javascript:alert(1)",
            "NICE, June 12, 2025 - Fishermen in Nice protested on Tuesday against new quotas."
        )
    );
    std::fs::write(&feed, text).unwrap();
    let dir = tmp.path().join("out");
    let args = [
        "extract",
        feed.to_str().unwrap(),
        "--not-after",
        NOT_AFTER,
        "-q",
        "--out",
        dir.to_str().unwrap(),
    ];
    let o = run(&args, None);
    assert!(o.status.success(), "{}", show(&args, &o));
    // The timeline: the four columns at the end of each row.
    let (header, rows) = parse_csv(
        &std::fs::read(dir.join("timeline.csv")).unwrap(),
        "timeline",
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let web = rows.iter().find(|r| r[0] == "web").expect("a row of web");
    assert_eq!(web[col("title")], "Bridge <vote> & \"more\"");
    assert_eq!(web[col("url")], "https://news.example/lyon?a=1&b=2");
    assert_eq!(web[col("event_id")], format!("web#{}", web[col("offset")]));
    assert!(web[col("place_id")].starts_with("gn:"), "{web:?}");
    // The JSON Lines carry title and url; GeoJSON events the id, title, url.
    let lines = std::fs::read_to_string(dir.join("articles.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(first["url"], "https://news.example/lyon?a=1&b=2");
    let events: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("events.geojson")).unwrap()).unwrap();
    let f = events["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["article"] == "web")
        .expect("a feature of web");
    assert_eq!(f["id"], web[col("event_id")].as_str());
    assert_eq!(f["properties"]["title"], "Bridge <vote> & \"more\"");
    // TimelineJS links the web article, escaped, and never the script URL.
    let tl = std::fs::read_to_string(dir.join("timelinejs.csv")).unwrap();
    assert!(
        tl.contains("<a href=\"\"https://news.example/lyon?a=1&amp;b=2\"\""),
        "{tl}"
    );
    assert!(
        tl.contains("Bridge &lt;vote&gt; &amp; &quot;more&quot;</a>"),
        "{tl}"
    );
    assert!(!tl.contains("javascript:"), "{tl}");
    // The map page has the data for its popup links (built as DOM nodes).
    let map = std::fs::read_to_string(dir.join("map.html")).unwrap();
    assert!(map.contains("\"url\":\"https://news.example/lyon?a=1\\u0026b=2\""));
}
