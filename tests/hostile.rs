//! Broken and hostile input, end to end through the binary: a folder that mixes
//! good articles with every kind of junk (empty, binary, invalid UTF-8, bad JSON
//! Lines, a 1 MB line without spaces, endless repetition, nonsense dates, an
//! unreadable file) must give exit code 1, name every bad input on stderr, and
//! write for the good articles exactly what a run over them alone writes. An
//! `--out` folder that cannot be made is an error (exit 2), an output that is
//! also an input is refused, a run killed midway leaves every output file
//! either absent or complete, and a run that read nothing, named a missing
//! input or found the folder locked by another run keeps the previous outputs.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::TempDir;

const NOT_AFTER: &str = "2026-11-28";

/// The files `--out` writes, as the library lists them.
const OUTPUTS: [&str; 9] = chronomap::emit::OUTPUTS;

const GOOD_HARBOUR: &str = "HARBOURTOWN, June 26, 2025 (Example Wire) - The city council \
in Paris voted on Thursday to rebuild the old bridge. Work will begin on July 14 and end in \
December, officials said. The previous bridge was closed in March 2019 after a flood.\n";

const GOOD_LAKE: &str = "LAKEVIEW, March 3, 2024 - Ferries between Lyon and Geneva resumed \
on Monday after a two-week strike. The union said talks would continue next week. A similar \
dispute in 2021 lasted until May.\n";

const GOOD_LINE: &str = r#"{"id":"good-line","date":"2023-10-05","text":"Crews in Berlin finished the tunnel on Tuesday, three days ahead of schedule. The line opens on November 1."}"#;

/// The lock file a run holds in its `--out` folder; it stays there.
const LOCK: &str = ".chronomap.lock";

/// The folder holds exactly the outputs (and the lock file): no temporary
/// file is left.
fn assert_only_outputs(dir: &Path) {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<&str> = OUTPUTS.to_vec();
    want.push(LOCK);
    want.sort();
    assert_eq!(names, want);
}

fn set_mode(p: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode))
}

/// Run the binary, failing the test if it takes longer than `limit` (a hang).
fn run(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start chronomap");
    // Read the pipes on threads so a full pipe cannot stall the child.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut so, &mut v).unwrap();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut se, &mut v).unwrap();
        v
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chronomap {} took over {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn show(args: &[&str], o: &Output) -> String {
    format!(
        "chronomap {}\nexit: {:?}\nstderr:\n{}",
        args.join(" "),
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A few KB of bytes from a fixed xorshift stream, with NULs among them.
fn junk_bytes(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if i % 97 == 5 {
                0
            } else {
                (x >> 24) as u8
            }
        })
        .collect()
}

/// The good inputs, laid out as in the mixed folder but alone.
fn write_good(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join("good-harbour.txt"), GOOD_HARBOUR).unwrap();
    fs::write(dir.join("good-lake.txt"), GOOD_LAKE).unwrap();
    fs::write(dir.join("lines.jsonl"), format!("{GOOD_LINE}\n")).unwrap();
}

/// The mixed folder: the good inputs, with the good JSON Lines line among bad
/// ones, and every kind of junk beside them. Returns whether the unreadable file
/// really is unreadable (not when the tests run as root).
fn write_mixed(dir: &Path) -> bool {
    write_good(dir);
    // The good line is line 5; lines 1-4 and 6 are bad.
    let lines = [
        "this is not JSON {",
        r#"{"id":"no-text","title":"a title only"}"#,
        r#"{"id":"wrong-type","text":42}"#,
        // (An unreadable date is only a warning now: a bad title still costs the line.)
        r#"{"id":"bad-title","text":"On Monday.","title":7}"#,
        GOOD_LINE,
        r#"["an","array"]"#,
    ];
    fs::write(dir.join("lines.jsonl"), lines.join("\n") + "\n").unwrap();
    fs::write(dir.join("empty.txt"), b"").unwrap();
    fs::write(dir.join("blank.txt"), b"  \n\t\n  ").unwrap();
    fs::write(dir.join("binary.txt"), junk_bytes(4096)).unwrap();
    fs::write(dir.join("binary.jsonl"), junk_bytes(2048)).unwrap();
    // Invalid UTF-8 at byte 10: read with U+FFFD and a warning.
    let mut invalid = b"Some text \xff\xfe then more words on a day.".to_vec();
    invalid.extend_from_slice(b" And \xc3 a cut sequence.\n");
    fs::write(dir.join("invalid-utf8.txt"), invalid).unwrap();
    // A 1 MB line with no spaces or punctuation.
    fs::write(dir.join("long-line.txt"), "x".repeat(1 << 20)).unwrap();
    // Deeply repetitive text of several kinds.
    let mut rep = String::new();
    for _ in 0..5_000 {
        rep.push_str("and the next day ");
    }
    for _ in 0..5_000 {
        rep.push_str("A ");
    }
    for i in 0..5_000 {
        rep.push_str(&format!("{} ", i * 7));
    }
    fs::write(dir.join("repetitive.txt"), rep).unwrap();
    fs::write(
        dir.join("nonsense-dates.txt"),
        "It happened on February 30, or on March 119, or on 13/13/2013, or in the \
         year 99999, or on 0/0/0000, or on 31 April 2021, or in 262145 or -262145.\n",
    )
    .unwrap();
    // Unreadable where permissions hold.
    let unreadable = dir.join("unreadable.txt");
    fs::write(&unreadable, "Unreadable text, dated June 1, 2020.\n").unwrap();
    set_mode(&unreadable, 0o000).unwrap();
    fs::read(&unreadable).is_err()
}

fn read_rows(p: &Path) -> Vec<csv::StringRecord> {
    let mut rd = csv::Reader::from_path(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    rd.records()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn read_json(p: &Path) -> serde_json::Value {
    let s = fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&s).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn read_jsonl(p: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const GOOD_IDS: &[&str] = &["good-harbour", "good-lake", "good-line"];

#[test]
fn good_articles_survive_a_folder_of_junk() {
    let tmp = TempDir::new("mixed");
    let mixed = tmp.path().join("mixed");
    let alone = tmp.path().join("alone");
    let unreadable_holds = write_mixed(&mixed);
    write_good(&alone);
    let (out_mixed, out_alone) = (tmp.path().join("out-mixed"), tmp.path().join("out-alone"));
    // (A missing INPUT argument keeps the previous outputs and writes none:
    // a_typo_in_the_input_path_keeps_the_previous_outputs.)
    let (mixed_s, out_mixed_s) = (mixed.to_str().unwrap(), out_mixed.to_str().unwrap());
    let args = [
        "extract",
        mixed_s,
        "--out",
        out_mixed_s,
        "--not-after",
        NOT_AFTER,
    ];
    let o = run(&args, Duration::from_secs(300));
    let why = show(&args, &o);
    assert_eq!(o.status.code(), Some(1), "{why}");
    let stderr = String::from_utf8_lossy(&o.stderr);

    // Every bad input is named, with what is wrong with it.
    let p = |name: &str| mixed.join(name).display().to_string();
    let mut expected = vec![
        format!("{}: empty file", p("empty.txt")),
        format!("{}: empty file", p("blank.txt")),
        format!("{}: looks like a binary file", p("binary.txt")),
        format!("{}: looks like a binary file", p("binary.jsonl")),
        format!(
            "{}: invalid UTF-8 at byte 10; replaced with U+FFFD",
            p("invalid-utf8.txt")
        ),
        format!("{}:1: not JSON", p("lines.jsonl")),
        format!("{}:2: missing \"text\" field", p("lines.jsonl")),
        format!("{}:3: \"text\" must be a string, got 42", p("lines.jsonl")),
        format!(
            "{}:4: \"title\" must be a string or null, got 7",
            p("lines.jsonl")
        ),
        format!("{}:6: expected a JSON object", p("lines.jsonl")),
    ];
    let mut skipped = 9;
    if unreadable_holds {
        expected.push(format!("{}: cannot read", p("unreadable.txt")));
        skipped += 1;
    } else {
        eprintln!("running as root: chmod 000 does not stop reading, unreadable part skipped");
    }
    for e in &expected {
        assert!(stderr.contains(e.as_str()), "stderr lacks {e:?}\n{why}");
    }
    assert!(
        stderr.contains(&format!("{skipped} inputs skipped")),
        "summary should count {skipped} skipped inputs\n{why}"
    );
    // The closing summary lists what was skipped.
    let summary = stderr
        .lines()
        .find(|l| l.starts_with("chronomap: skipped: "))
        .unwrap_or_else(|| panic!("no list of skipped inputs\n{why}"));
    for name in [
        p("empty.txt"),
        p("binary.txt"),
        format!("{}:1", p("lines.jsonl")),
    ] {
        assert!(summary.contains(&name), "summary lacks {name}\n{why}");
    }
    // No line of the good inputs is blamed.
    assert!(!stderr.contains(":5:"), "{why}");
    for good in ["good-harbour.txt", "good-lake.txt"] {
        assert!(!stderr.contains(good), "{good} named on stderr\n{why}");
    }

    // The good articles alone.
    let (alone_s, out_alone_s) = (alone.to_str().unwrap(), out_alone.to_str().unwrap());
    let args_alone = [
        "extract",
        alone_s,
        "--out",
        out_alone_s,
        "--not-after",
        NOT_AFTER,
    ];
    let o = run(&args_alone, Duration::from_secs(120));
    assert_eq!(o.status.code(), Some(0), "{}", show(&args_alone, &o));

    // timeline.csv: the good articles' rows are the rows of the run alone, and
    // they are not empty (the test would prove nothing otherwise).
    let alone_rows = read_rows(&out_alone.join("timeline.csv"));
    assert!(alone_rows.len() >= 6, "too few rows: {alone_rows:?}");
    for id in GOOD_IDS {
        assert!(
            alone_rows.iter().any(|r| &r[0] == *id),
            "no event from {id}"
        );
    }
    let mixed_rows = read_rows(&out_mixed.join("timeline.csv"));
    let good_rows: Vec<_> = mixed_rows
        .iter()
        .filter(|r| GOOD_IDS.contains(&&r[0]))
        .cloned()
        .collect();
    assert_eq!(good_rows, alone_rows);
    // Whatever the junk yielded is well formed.
    for r in &mixed_rows {
        let (s, e) = (&r[1], &r[2]);
        assert!(
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
                && chrono::NaiveDate::parse_from_str(e, "%Y-%m-%d").is_ok()
                && s <= e,
            "bad row {r:?}"
        );
    }

    // articles.jsonl: the good records, in the same order, are the same values.
    let pick = |v: Vec<serde_json::Value>| -> Vec<serde_json::Value> {
        v.into_iter()
            .filter(|a| GOOD_IDS.contains(&a["id"].as_str().unwrap()))
            .collect()
    };
    let alone_articles = read_jsonl(&out_alone.join("articles.jsonl"));
    assert_eq!(alone_articles.len(), 3);
    let mixed_articles = read_jsonl(&out_mixed.join("articles.jsonl"));
    // The junk that is text (invalid UTF-8, long line, repetition, nonsense
    // dates) was read as articles too.
    for id in ["invalid-utf8", "long-line", "repetitive", "nonsense-dates"] {
        assert!(
            mixed_articles.iter().any(|a| a["id"] == *id),
            "{id} was not analysed"
        );
    }
    assert_eq!(pick(mixed_articles), alone_articles);

    // events.geojson: the good articles' features are the same.
    let features = |p: &Path| -> Vec<serde_json::Value> {
        let v = read_json(p);
        geojson::GeoJson::from_json_value(v.clone()).expect("valid GeoJSON");
        v["features"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| GOOD_IDS.contains(&f["properties"]["article"].as_str().unwrap_or("")))
            .cloned()
            .collect()
    };
    let alone_events = features(&out_alone.join("events.geojson"));
    assert!(!alone_events.is_empty());
    assert_eq!(features(&out_mixed.join("events.geojson")), alone_events);

    // places.geojson: the junk names no place, so the table is the same.
    let places_alone = read_json(&out_alone.join("places.geojson"));
    assert!(!places_alone["features"].as_array().unwrap().is_empty());
    assert_eq!(read_json(&out_mixed.join("places.geojson")), places_alone);

    // No temporary file is left behind by a finished run.
    for out in [&out_mixed, &out_alone] {
        assert_only_outputs(out);
    }
}

#[test]
fn an_out_folder_that_cannot_be_made_is_an_error() {
    let tmp = TempDir::new("noout");
    let input = tmp.path().join("good-harbour.txt");
    fs::write(&input, GOOD_HARBOUR).unwrap();
    // A folder under a regular file can never be made, root or not.
    let blocker = tmp.path().join("a-file");
    fs::write(&blocker, "not a folder").unwrap();
    let out = blocker.join("out");
    let args = [
        "extract",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let o = run(&args, Duration::from_secs(60));
    let why = show(&args, &o);
    assert_eq!(o.status.code(), Some(2), "{why}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(&format!("cannot create output folder {}", out.display())),
        "{why}"
    );
    assert_eq!(fs::read(&blocker).unwrap(), b"not a folder");
}

#[test]
fn an_output_that_is_an_input_is_refused() {
    let tmp = TempDir::new("same");
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    // A timeline.csv from an earlier run, given back as an input.
    let csv = out.join("timeline.csv");
    fs::write(&csv, "previous contents\n").unwrap();
    let args = [
        "extract",
        csv.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let o = run(&args, Duration::from_secs(60));
    let why = show(&args, &o);
    assert_eq!(o.status.code(), Some(2), "{why}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("is both an input and an output"),
        "{why}"
    );
    assert_eq!(fs::read(&csv).unwrap(), b"previous contents\n");
}

/// Many dated articles as JSON Lines, a few MB in all.
fn big_feed(articles: usize) -> String {
    let mut s = String::new();
    for i in 0..articles {
        let day = 1 + i % 28;
        let text = format!(
            "HARBOURTOWN, June {day}, 2025 (Example Wire) - Officials in Paris said on \
             Thursday that the bridge number {i} would reopen on July {day}. Talks in Lyon \
             continued the next day, and a vote is due in September. "
        )
        .repeat(4);
        s.push_str(&serde_json::json!({ "id": format!("a{i}"), "text": text }).to_string());
        s.push('\n');
    }
    s
}

#[test]
fn a_run_killed_midway_leaves_no_partial_output() {
    let tmp = TempDir::new("kill");
    let out = tmp.path().join("out");
    let small = tmp.path().join("small.jsonl");
    fs::write(&small, big_feed(3)).unwrap();
    let big = tmp.path().join("big.jsonl");
    fs::write(&big, big_feed(20_000)).unwrap();
    let (out_s, small_s, big_s) = (
        out.to_str().unwrap(),
        small.to_str().unwrap(),
        big.to_str().unwrap(),
    );

    // A complete earlier run.
    let args = ["extract", small_s, "--out", out_s, "-q"];
    let o = run(&args, Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(0), "{}", show(&args, &o));
    let before: Vec<Vec<u8>> = OUTPUTS
        .iter()
        .map(|n| fs::read(out.join(n)).unwrap())
        .collect();

    // A big run into the same folder, killed once it is writing.
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .args(["extract", big_s, "--out", out_s, "-q", "--batch", "64"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The JSON Lines are staged under a random name with this prefix.
    let staged = |dir: &Path| -> Vec<std::path::PathBuf> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(".articles.jsonl.tmp-")
            })
            .collect()
    };
    let started = Instant::now();
    let mut saw_partial = false;
    while started.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if staged(&out)
            .iter()
            .any(|p| fs::metadata(p).is_ok_and(|m| m.len() > 0))
        {
            saw_partial = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL: no destructor, no cleanup runs.
    let status = child.wait().unwrap();
    assert!(
        saw_partial && !status.success(),
        "the run was not caught mid-write (finished: {status:?})"
    );

    // Every final-named output is still the complete one from before.
    for (name, old) in OUTPUTS.iter().zip(&before) {
        let now = fs::read(out.join(name)).unwrap();
        assert!(now == *old, "{name} changed by a killed run");
    }
    read_rows(&out.join("timeline.csv"));
    read_json(&out.join("events.geojson"));
    read_json(&out.join("places.geojson"));
    assert_eq!(read_jsonl(&out.join("articles.jsonl")).len(), 3);

    // The killed run's hidden temporary file is left; the next run into the
    // folder, holding the folder's lock, removes it and leaves only the outputs.
    assert!(!staged(&out).is_empty());
    let o = run(&args, Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(0), "{}", show(&args, &o));
    assert_only_outputs(&out);
}

#[test]
fn an_out_folder_inside_an_input_folder_is_not_read_back() {
    let tmp = TempDir::new("inside");
    let archive = tmp.path().join("archive");
    write_good(&archive);
    let out = archive.join("out");
    let (archive_s, out_s) = (archive.to_str().unwrap(), out.to_str().unwrap());
    let args = [
        "extract",
        archive_s,
        "--out",
        out_s,
        "--not-after",
        NOT_AFTER,
    ];
    let first = run(&args, Duration::from_secs(60));
    assert_eq!(first.status.code(), Some(0), "{}", show(&args, &first));
    let before = fs::read(out.join("articles.jsonl")).unwrap();
    assert_eq!(read_jsonl(&out.join("articles.jsonl")).len(), 3);
    // The second run finds out/articles.jsonl in the folder it walks: read
    // back, its lines (which have no "text") would all be errors.
    let second = run(&args, Duration::from_secs(60));
    let why = show(&args, &second);
    assert_eq!(second.status.code(), Some(0), "{why}");
    assert!(
        !String::from_utf8_lossy(&second.stderr).contains("articles.jsonl"),
        "{why}"
    );
    assert_eq!(fs::read(out.join("articles.jsonl")).unwrap(), before);
}

/// A complete run of the good inputs into `out`; the bytes of its outputs.
fn good_run_into(tmp: &Path, out: &Path) -> Vec<Vec<u8>> {
    let good = tmp.join("good");
    write_good(&good);
    let args = [
        "extract",
        good.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--not-after",
        NOT_AFTER,
        "-q",
    ];
    let o = run(&args, Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(0), "{}", show(&args, &o));
    outputs_of(out)
}

fn outputs_of(out: &Path) -> Vec<Vec<u8>> {
    OUTPUTS
        .iter()
        .map(|n| fs::read(out.join(n)).unwrap())
        .collect()
}

/// The outputs are byte for byte those of before, and no temporary is left.
fn assert_kept(out: &Path, before: &[Vec<u8>], why: &str) {
    for (name, old) in OUTPUTS.iter().zip(before) {
        assert!(
            fs::read(out.join(name)).unwrap() == *old,
            "{name} changed\n{why}"
        );
    }
    assert_only_outputs(out);
}

#[test]
fn a_typo_in_the_input_path_keeps_the_previous_outputs() {
    let tmp = TempDir::new("typo");
    let out = tmp.path().join("out");
    let before = good_run_into(tmp.path(), &out);
    let typo = tmp.path().join("good").join("good-harbour.tx");
    let good = tmp.path().join("good").join("good-lake.txt");
    let args = [
        "extract",
        good.to_str().unwrap(),
        typo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let o = run(&args, Duration::from_secs(60));
    let why = show(&args, &o);
    assert_eq!(o.status.code(), Some(2), "{why}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(&format!("{}: no such file or directory", typo.display())),
        "{why}"
    );
    assert!(stderr.contains("nothing was written to"), "{why}");
    assert_kept(&out, &before, &why);
}

#[test]
fn an_empty_input_folder_keeps_the_previous_outputs() {
    let tmp = TempDir::new("emptyin");
    let out = tmp.path().join("out");
    let before = good_run_into(tmp.path(), &out);
    let empty = tmp.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    // A folder of inputs none of which is an article does the same.
    let junk = tmp.path().join("junk");
    fs::create_dir_all(&junk).unwrap();
    fs::write(junk.join("blank.txt"), "  \n").unwrap();
    for input in [&empty, &junk] {
        let args = [
            "extract",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        let o = run(&args, Duration::from_secs(60));
        let why = show(&args, &o);
        assert_eq!(o.status.code(), Some(2), "{why}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("no article was read"),
            "{why}"
        );
        assert_kept(&out, &before, &why);
    }
}

#[test]
fn a_planted_symlink_at_a_temp_name_is_not_followed() {
    // Temporary names are random and opened with O_EXCL, so there is no
    // name to plant a link at in advance; a link at the old predictable name
    // or at an output's own name is left alone or replaced, never written
    // through.
    let tmp = TempDir::new("symlink");
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    let victim = tmp.path().join("victim.txt");
    fs::write(&victim, "precious\n").unwrap();
    for name in OUTPUTS {
        std::os::unix::fs::symlink(&victim, out.join(name)).unwrap();
    }
    let old_style = out.join(".timeline.csv.tmp-1");
    std::os::unix::fs::symlink(&victim, &old_style).unwrap();
    let good = tmp.path().join("good");
    write_good(&good);
    let args = [
        "extract",
        good.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
    ];
    let o = run(&args, Duration::from_secs(60));
    let why = show(&args, &o);
    assert_eq!(o.status.code(), Some(0), "{why}");
    assert_eq!(fs::read(&victim).unwrap(), b"precious\n", "{why}");
    for name in OUTPUTS {
        let meta = fs::symlink_metadata(out.join(name)).unwrap();
        assert!(meta.file_type().is_file(), "{name} is not a plain file");
    }
    read_rows(&out.join("timeline.csv"));
    // The stale-looking link is removed (under the lock), not followed.
    assert!(fs::symlink_metadata(&old_style).is_err(), "{why}");
    assert_only_outputs(&out);
}

#[test]
fn a_second_run_into_the_same_folder_is_refused_while_the_first_holds_the_lock() {
    let tmp = TempDir::new("lock");
    let out = tmp.path().join("out");
    let before = good_run_into(tmp.path(), &out);
    // The first run's lock, held here.
    let lock = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(out.join(LOCK))
        .unwrap();
    lock.try_lock().unwrap();
    let good = tmp.path().join("good").join("good-lake.txt");
    let args = [
        "extract",
        good.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let o = run(&args, Duration::from_secs(60));
    let why = show(&args, &o);
    assert_eq!(o.status.code(), Some(2), "{why}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(&format!(
            "another chronomap run is writing into {}",
            out.display()
        )),
        "{why}"
    );
    assert_kept(&out, &before, &why);
    // Released, the folder takes the next run.
    drop(lock);
    let o = run(&args, Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(0), "{}", show(&args, &o));
}

#[test]
fn an_out_folder_that_is_the_input_folder_does_not_read_its_own_outputs() {
    let tmp = TempDir::new("self");
    let dir = tmp.path().join("dir");
    write_good(&dir);
    let d = dir.to_str().unwrap();
    let args = ["extract", d, "--out", d, "--not-after", NOT_AFTER];
    let first = run(&args, Duration::from_secs(60));
    assert_eq!(first.status.code(), Some(0), "{}", show(&args, &first));
    let before = fs::read(dir.join("articles.jsonl")).unwrap();
    let second = run(&args, Duration::from_secs(60));
    let why = show(&args, &second);
    assert_eq!(second.status.code(), Some(0), "{why}");
    assert!(
        !String::from_utf8_lossy(&second.stderr).contains("articles.jsonl"),
        "{why}"
    );
    assert_eq!(read_jsonl(&dir.join("articles.jsonl")).len(), 3);
    assert_eq!(fs::read(dir.join("articles.jsonl")).unwrap(), before);
}

#[test]
fn format_with_out_is_a_usage_error() {
    let tmp = TempDir::new("fmtout");
    let good = tmp.path().join("good");
    write_good(&good);
    let out = tmp.path().join("out");
    let args = [
        "extract",
        good.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "jsonl",
    ];
    let o = run(&args, Duration::from_secs(60));
    let why = show(&args, &o);
    assert_eq!(o.status.code(), Some(2), "{why}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot be used with"),
        "{why}"
    );
    assert!(!out.join("timeline.csv").exists(), "{why}");
}

#[test]
fn markup_in_a_gazetteer_name_or_an_article_reaches_the_map_and_timelinejs_only_as_text() {
    let tmp = TempDir::new("markup");
    let evil = "<img src=x onerror=alert(1)>";
    let gaz = tmp.path().join("evil.tsv");
    fs::write(
        &gaz,
        format!(
            "# hostile names\n# format: id name alt_names lat lon kind country admin1 population feature\n\
             cm:evil\t{evil}\tZorbaville\t48.1\t11.5\tcity\tDE\t\t500000\tPPL\n"
        ),
    )
    .unwrap();
    let feed = tmp.path().join("feed.jsonl");
    let line = serde_json::json!({
        "id": "<script>alert(2)</script>",
        "title": "<b onmouseover=alert(3)>t</b>",
        "url": "\"><svg onload=alert(4)>",
        "text": "ZORBAVILLE, June 26, 2025 - The council in Zorbaville voted on Thursday \
                 to rebuild the <iframe src=javascript:alert(5)> bridge. Work starts on July 14.",
    });
    fs::write(&feed, format!("{line}\n")).unwrap();
    let out = tmp.path().join("out");
    let args = [
        "extract",
        feed.to_str().unwrap(),
        "--gazetteer",
        gaz.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
    ];
    let o = run(&args, Duration::from_secs(60));
    let why = show(&args, &o);
    assert_eq!(o.status.code(), Some(0), "{why}");
    // The place was found and named as the gazetteer names it.
    let places = read_json(&out.join("places.geojson"));
    assert_eq!(places["features"][0]["properties"]["name"], evil, "{why}");
    let page = fs::read_to_string(out.join("map.html")).unwrap();
    let sheet = fs::read_to_string(out.join("timelinejs.csv")).unwrap();
    for raw in ["<img", "<script>alert", "<b onmouseover", "<svg", "<iframe"] {
        assert!(!page.contains(raw), "map.html holds raw {raw:?}");
        assert!(!sheet.contains(raw), "timelinejs.csv holds raw {raw:?}");
    }
    // In the page's data the name is JSON with < escaped; the label that
    // Leaflet shows is a DOM text node, never an HTML string.
    assert!(page.contains("\\u003cimg src=x onerror=alert(1)\\u003e"));
    assert!(page.contains("m.bindTooltip(el(\"span\", null, label)"));
    assert!(!page.contains("bindTooltip(label"));
    // In the sheet, every cell that TimelineJS reads as HTML is escaped:
    // the Group cell twice (TimelineJS decodes it once before it puts it in
    // as HTML).
    let rows = read_rows(&out.join("timelinejs.csv"));
    assert!(!rows.is_empty());
    for r in &rows {
        assert_eq!(&r[17], "&amp;lt;img src=x onerror=alert(1)&amp;gt;");
    }
}

#[test]
fn a_broken_pipe_on_stdout_exits_quietly() {
    let tmp = TempDir::new("pipe");
    let feed = tmp.path().join("feed.jsonl");
    fs::write(&feed, big_feed(8000)).unwrap();
    for format in ["csv", "timelinejs", "events", "jsonl", "map"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chronomap"))
            .args([
                "extract",
                feed.to_str().unwrap(),
                "--no-merge",
                "--format",
                format,
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read a little, then close the pipe, as `| head -1` does.
        let mut so = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(&mut so, &mut first).unwrap();
        drop(so);
        let o = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "--format {format}: {stderr}");
        assert!(
            !stderr.contains("Broken pipe"),
            "--format {format}: {stderr}"
        );
    }
}

#[test]
fn a_huge_batch_is_a_usage_error_not_a_panic() {
    let tmp = TempDir::new("batch");
    let input = tmp.path().join("good-harbour.txt");
    fs::write(&input, GOOD_HARBOUR).unwrap();
    for n in ["99999999999999999", "18446744073709551615", "0"] {
        let args = ["extract", input.to_str().unwrap(), "--batch", n];
        let o = run(&args, Duration::from_secs(60));
        let why = show(&args, &o);
        assert_eq!(o.status.code(), Some(2), "{why}");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(stderr.contains("--batch"), "{why}");
        assert!(!stderr.contains("panicked"), "{why}");
    }
}

#[test]
fn a_huge_thread_count_is_a_usage_error_not_a_hang() {
    let tmp = TempDir::new("threads");
    let input = tmp.path().join("good-harbour.txt");
    fs::write(&input, GOOD_HARBOUR).unwrap();
    // 10,000 threads took over a minute to start on one short article.
    for n in ["257", "10000", "100000"] {
        let args = ["extract", input.to_str().unwrap(), "--threads", n];
        let o = run(&args, Duration::from_secs(20));
        let why = show(&args, &o);
        assert_eq!(o.status.code(), Some(2), "{why}");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(stderr.contains("--threads must be at most 256"), "{why}");
    }
    let args = ["extract", input.to_str().unwrap(), "--threads", "256", "-q"];
    let o = run(&args, Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(0), "{}", show(&args, &o));
}

#[test]
fn an_article_over_max_article_bytes_is_skipped_never_read_whole() {
    let limit = Duration::from_secs(60);
    // /dev/zero never ends: it is sniffed and refused at once.
    let o = run(&["extract", "/dev/zero"], limit);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("/dev/zero: looks like a binary file"), "{err}");
    // A text over the limit, and a JSON Lines line over it: each is named and
    // skipped; the good line after the long one is still read.
    let dir = TempDir::new("max-article");
    let big = dir.path().join("big.txt");
    fs::write(&big, "Paris, 2001. ".repeat(100_000)).unwrap();
    let feed = dir.path().join("feed.jsonl");
    let long = format!("{{\"text\":\"{}\"}}", "a".repeat(5_000));
    let good = r#"{"id":"ok","text":"Rain fell in Paris on Monday.","date":"2020-01-06"}"#;
    fs::write(&feed, format!("{long}\n{good}\n")).unwrap();
    let (big_s, feed_s) = (big.to_str().unwrap(), feed.to_str().unwrap());
    let args = [
        "extract",
        big_s,
        feed_s,
        "--format",
        "jsonl",
        "--max-article-bytes",
        "4000",
    ];
    let o = run(&args, limit);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("big.txt: over 4000 bytes"), "{err}");
    assert!(err.contains("feed.jsonl:1: over 4000 bytes"), "{err}");
    let lines: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with(r#"{"id":"ok""#), "{lines:?}");
}

#[test]
fn an_article_with_too_many_mentions_is_capped_with_a_warning() {
    let dir = TempDir::new("dense");
    let dense = dir.path().join("dense.txt");
    fs::write(&dense, "Paris, 2001. ".repeat(12_500)).unwrap();
    let o = run(
        &["extract", dense.to_str().unwrap(), "--format", "jsonl"],
        Duration::from_secs(120),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let cap = chronomap::pipeline::MAX_MENTIONS;
    assert!(
        err.contains(&format!(
            "dense: over {cap} date expressions or place names"
        )),
        "{err}"
    );
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(a["timexes"].as_array().unwrap().len(), cap);
    assert_eq!(a["toponyms"].as_array().unwrap().len(), cap);
    assert_eq!(a["events"].as_array().unwrap().len(), cap);
}

#[test]
fn a_no_space_left_on_device_error_names_the_file() {
    // /dev/full fails every write with ENOSPC: as standard output, the error
    // says so (the files of --out are named by emit's own unit test).
    let full = fs::File::create("/dev/full").expect("/dev/full");
    let o = Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .args(["extract", "samples/qingdao-sco.txt", "-q"])
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .expect("run chronomap");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(
        err.trim_end(),
        "chronomap: error: cannot write to standard output: No space left on device (os error 28)"
    );
}

#[test]
fn memory_bounded_on_dense_text_a_long_article_is_read_in_pieces_losing_nothing_at_the_cuts() {
    // Over 256 KB, an article is read in pieces (pipeline::scan_in_pieces):
    // every date and place of these 700 KB is still found, once, at its
    // offset, whether the text has line breaks or is one line.
    let filler = "The council met again and the members of the committee spoke at length \
                  about the plans for the harbour and the bridge. ";
    let stanza = format!("{filler}{filler}{filler}{filler}Talks in Berlin began on June 26, 2025.");
    let n = 700_000 / stanza.len();
    // (Under the caps: this is about the cuts, not the caps.)
    assert!(n < chronomap::pipeline::MAX_MENTIONS, "{n}");
    let dir = TempDir::new("pieces");
    for sep in ["\n\n", " "] {
        let text = vec![stanza.as_str(); n].join(sep);
        let path = dir.path().join("long.txt");
        fs::write(&path, &text).unwrap();
        let o = run(
            &["extract", path.to_str().unwrap(), "--format", "jsonl", "-q"],
            Duration::from_secs(120),
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let starts = |key: &str, text: &str| -> Vec<u64> {
            let all = a[key].as_array().unwrap();
            assert!(
                all.iter().all(|t| t["text"] == text),
                "{key}: not all {text}"
            );
            all.iter().map(|t| t["start"].as_u64().unwrap()).collect()
        };
        let step = (stanza.len() + sep.len()) as u64;
        let date_at = stanza.find("June").unwrap() as u64;
        let place_at = stanza.find("Berlin").unwrap() as u64;
        let want = |at: u64| (0..n as u64).map(|k| k * step + at).collect::<Vec<_>>();
        assert_eq!(
            starts("timexes", "June 26, 2025"),
            want(date_at),
            "sep {sep:?}"
        );
        assert_eq!(starts("toponyms", "Berlin"), want(place_at), "sep {sep:?}");
    }
}

/// Headless Chromium, if there is one: `CHRONOMAP_CHROMIUM`, else `chromium`,
/// `chromium-browser` or `google-chrome` on the PATH. Without one the
/// rendering tests say SKIP, unless `CHRONOMAP_REQUIRE_CHROMIUM` is set
/// (then they fail).
fn chromium() -> Option<std::path::PathBuf> {
    let found = std::env::var_os("CHRONOMAP_CHROMIUM")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path).find_map(|dir| {
                ["chromium", "chromium-browser", "google-chrome"]
                    .iter()
                    .map(|n| dir.join(n))
                    .find(|p| p.is_file())
            })
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CHRONOMAP_REQUIRE_CHROMIUM").is_none(),
            "CHRONOMAP_REQUIRE_CHROMIUM is set and no Chromium was found"
        );
        eprintln!("SKIP: no chromium on the PATH (set CHRONOMAP_CHROMIUM)");
    }
    found
}

/// Leaflet's `dist/` folder as `scripts/consumers.sh` installs it
/// (`CHRONOMAP_LEAFLET`, else `target/consumers/npm/...` beside the build or
/// the sources), if it is there.
fn local_leaflet() -> Option<std::path::PathBuf> {
    local_npm("CHRONOMAP_LEAFLET", "leaflet/dist", "leaflet.js")
}

/// TimelineJS's `dist/` folder, found as [`local_leaflet`] finds Leaflet's
/// (`CHRONOMAP_TIMELINEJS` first).
fn local_timelinejs() -> Option<std::path::PathBuf> {
    local_npm(
        "CHRONOMAP_TIMELINEJS",
        "@knight-lab/timelinejs/dist",
        "js/timeline.js",
    )
}

/// The `dist` folder of an npm package (the folder `env` names, else the
/// one under `node_modules` of `target/consumers/npm`) if it holds `file`.
fn local_npm(env: &str, dist: &str, file: &str) -> Option<std::path::PathBuf> {
    let mut places: Vec<std::path::PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os(env) {
        places.push(p.into());
    }
    let modules = Path::new("consumers/npm/node_modules").join(dist);
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        places.push(Path::new(&t).join(&modules));
    }
    places.push(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(&modules),
    );
    places.into_iter().find(|p| p.join(file).is_file())
}

/// The DOM of `page` after Chromium has loaded it, run its scripts and
/// clicked every marker (each click opens that marker's popup: the text of
/// every popup shown is gathered into `<pre id="cm-seen">`).
fn rendered(chrome: &Path, page: &Path, profile: &Path) -> String {
    let html = fs::read_to_string(page).unwrap();
    let clicker = r#"<script>
window.addEventListener("load", function () {
  setTimeout(function () {
    var seen = document.createElement("pre");
    seen.id = "cm-seen";
    document.querySelectorAll(".cm-marker").forEach(function (m) {
      m.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, view: window }));
      document.querySelectorAll(".cm-popup").forEach(function (p) {
        seen.appendChild(document.createTextNode(p.textContent + "\n"));
      });
    });
    document.body.appendChild(seen);
  }, 300);
});
</script>
</body>"#;
    assert!(html.contains("</body>"));
    let clicked = page.with_file_name("clicked.html");
    fs::write(&clicked, html.replacen("</body>", clicker, 1)).unwrap();
    dump_dom(chrome, &format!("file://{}", clicked.display()), profile)
}

/// The DOM of the page at `url` once Chromium has run it for five seconds
/// of virtual time.
fn dump_dom(chrome: &Path, url: &str, profile: &Path) -> String {
    let o = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1000,700",
            "--virtual-time-budget=5000",
            &format!("--user-data-dir={}", profile.display()),
            "--dump-dom",
            url,
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// That the [`pwn`] handler of `tag` never ran in `dom`, and no element
/// was made of a hostile name.
fn assert_never_ran(dom: &str, tag: &str, why: &str) {
    let ran = format!("data-pwned-{tag}=\"1\"");
    assert!(!dom.contains(&ran), "the {tag} markup ran: {why}");
    assert!(
        !dom.contains("<img src=\"x\""),
        "an <img> from a name: {why}"
    );
    assert!(!dom.contains("<svg onload"), "{why}");
}

/// A handler that, if it ever runs, marks the page's body with `tag`.
fn pwn(tag: &str) -> String {
    format!("<img src=x onerror=document.body.setAttribute('data-pwned-{tag}','1')>")
}

/// Inputs with hostile names in every source: a `--gazetteer` file, a JSON
/// Lines article's text, id, title and url, and a file name.
struct Hostile {
    gaz: std::path::PathBuf,
    /// The gazetteer's name of the place the articles name ("Zorbaville").
    gaz_name: String,
    feed: std::path::PathBuf,
    named: std::path::PathBuf,
}

impl Hostile {
    /// `chronomap extract` of them all `--out` a folder (with `extra`
    /// flags), events unmerged; it must succeed.
    fn extract_into(&self, out: &Path, extra: &[&str]) {
        let mut args = vec![
            "extract",
            self.feed.to_str().unwrap(),
            self.named.to_str().unwrap(),
            "--gazetteer",
            self.gaz.to_str().unwrap(),
            "--not-after",
            NOT_AFTER,
            "--no-merge",
            "--out",
            out.to_str().unwrap(),
            "-q",
        ];
        args.extend_from_slice(extra);
        let o = run(&args, Duration::from_secs(60));
        assert_eq!(o.status.code(), Some(0), "{}", show(&args, &o));
    }
}

fn hostile_inputs(dir: &Path) -> Hostile {
    // A place name from a --gazetteer file (a label, a place popup, and
    // the event's places), breaking out of the page's JSON and <title> too.
    let gaz_name = format!("</script></title>{}", pwn("gazetteer"));
    let gaz = dir.join("evil.tsv");
    fs::write(
        &gaz,
        format!(
            "# hostile names\n# format: id name alt_names lat lon kind country admin1 population feature\n\
             cm:evil\t{gaz_name}\tZorbaville\t48.1\t11.5\tcity\tDE\t\t500000\tPPL\n"
        ),
    )
    .unwrap();
    // Article text, id, title and url from JSON Lines.
    let feed = dir.join("feed.jsonl");
    let line = serde_json::json!({
        "id": format!("</title></script>{}", pwn("id")),
        "title": pwn("title"),
        "url": format!("\"><svg onload=document.body.setAttribute('data-pwned-url','1')>"),
        "text": format!("ZORBAVILLE, June 26, 2025 - The council in Zorbaville voted on Thursday \
                 to rebuild the {} bridge. Work starts in Zorbaville on July 14.", pwn("text")),
    });
    fs::write(&feed, format!("{line}\n")).unwrap();
    // An id from a file name.
    let named = dir.join(format!("{}.txt", pwn("file")));
    fs::write(
        &named,
        "ZORBAVILLE, June 27, 2025 - Zorbaville opened its market on Friday.\n",
    )
    .unwrap();
    Hostile {
        gaz,
        gaz_name,
        feed,
        named,
    }
}

#[test]
fn hostile_names_from_every_source_render_in_chromium_as_text_and_never_run() {
    let Some(chrome) = chromium() else {
        return;
    };
    let tmp = TempDir::new("chromium");
    let h = hostile_inputs(tmp.path());
    let gaz_name = &h.gaz_name;
    let mut pages = Vec::new();
    // Pages with Leaflet (when installed) and with the plain SVG plot
    // (Leaflet not loadable: a hostile --leaflet-url, a flag).
    let hostile_url = format!(
        "x\"><script>document.body.setAttribute('data-pwned-flag','1')</script>{}",
        pwn("flag2")
    );
    let mut variants: Vec<(String, String)> = vec![("svg".into(), hostile_url)];
    if let Some(leaflet) = local_leaflet() {
        variants.push(("leaflet".into(), leaflet.display().to_string()));
    } else {
        eprintln!("no local Leaflet (bash scripts/consumers.sh installs it): the SVG view only");
    }
    for (name, leaflet_url) in &variants {
        let out = tmp.path().join(format!("out-{name}"));
        h.extract_into(&out, &["--leaflet-url", leaflet_url]);
        pages.push((name.clone(), out.join("map.html")));
    }
    for (name, page) in &pages {
        let profile = tmp.path().join(format!("profile-{name}"));
        let dom = rendered(&chrome, page, &profile);
        let why = format!("{name} view of {}:\n{dom}", page.display());
        // The page ran: its scripts drew the markers and the clicks opened
        // every popup (a page that failed to run would pass the checks below
        // for nothing).
        assert!(
            dom.contains("id=\"cm-seen\""),
            "the page did not run: {why}"
        );
        let markers = dom.matches("cm-marker cm-").count();
        assert!(markers >= 3, "{markers} markers: {why}");
        // Nothing ran: no handler marked the body, no element was made
        // from a name.
        for tag in [
            "gazetteer",
            "id",
            "title",
            "url",
            "text",
            "file",
            "flag",
            "flag2",
        ] {
            assert_never_ran(&dom, tag, &why);
        }
        // The names are shown, as text: in the popups (each source) and, on
        // the page, as escaped text.
        let seen = dom
            .split("id=\"cm-seen\">")
            .nth(1)
            .and_then(|s| s.split("</pre>").next())
            .unwrap_or_default();
        for tag in ["gazetteer", "id", "text", "file"] {
            let shown = html_text(&pwn(tag));
            assert!(
                seen.contains(&shown),
                "{tag}: {shown} not in the popups: {why}"
            );
        }
        if name == "leaflet" {
            // Leaflet's permanent label of the place, a text node.
            assert!(
                dom.contains(&format!("<span>{}</span>", html_text(gaz_name))),
                "no label: {why}"
            );
        } else {
            // The status line names the --leaflet-url it could not load, as text.
            assert!(
                dom.contains("Leaflet did not load from x\"&gt;&lt;script&gt;"),
                "{why}"
            );
        }
    }
}

/// `s` as Chromium serialises it in text content.
fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Serve the files under `root` over HTTP on 127.0.0.1 (TimelineJS fetches
/// its sheet, which a `file://` page may not), on a thread of its own for
/// the rest of the test run; returns the port.
fn serve(root: std::path::PathBuf) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut lines = BufReader::new(stream.try_clone().unwrap()).lines();
            let request = lines.next().and_then(Result::ok).unwrap_or_default();
            // The headers, up to the empty line.
            for l in lines.by_ref() {
                if l.map_or(true, |l| l.is_empty()) {
                    break;
                }
            }
            let path = request.split(' ').nth(1).unwrap_or("/");
            let path = path.split('?').next().unwrap_or_default();
            let file = root.join(path.trim_start_matches('/'));
            let body = (!path.contains(".."))
                .then(|| fs::read(&file).ok())
                .flatten();
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript",
                Some("css") => "text/css",
                Some("json") => "application/json",
                Some("csv") => "text/csv; charset=utf-8",
                _ => "application/octet-stream",
            };
            let (status, body) = match body {
                Some(b) => ("200 OK", b),
                None => ("404 Not Found", Vec::new()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    port
}

#[test]
fn hostile_names_from_every_source_render_in_timelinejs_as_text_and_never_run() {
    // The TimelineJS sheet, read by TimelineJS itself (as scripts/consumers.sh
    // loads it: `new TL.Timeline(el, "timelinejs.csv")` from npm) in
    // headless Chromium: the Headline, Text and Group cells are HTML to it.
    let Some(chrome) = chromium() else {
        return;
    };
    let Some(dist) = local_timelinejs() else {
        assert!(
            std::env::var_os("CHRONOMAP_REQUIRE_CHROMIUM").is_none(),
            "CHRONOMAP_REQUIRE_CHROMIUM is set and TimelineJS is not installed \
             (bash scripts/consumers.sh installs it)"
        );
        eprintln!("SKIP: no local TimelineJS (bash scripts/consumers.sh installs it)");
        return;
    };
    let tmp = TempDir::new("timelinejs");
    let h = hostile_inputs(tmp.path());
    let out = tmp.path().join("site");
    h.extract_into(&out, &[]);
    let rows = read_rows(&out.join("timelinejs.csv")).len();
    assert!(rows >= 3, "{rows} rows");
    // The page of scripts/consumers.sh, with TimelineJS where it looks for it.
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/consumers/timeline.html");
    fs::copy(page, out.join("timeline.html")).unwrap();
    let at = out.join("npm/node_modules/@knight-lab/timelinejs");
    fs::create_dir_all(&at).unwrap();
    std::os::unix::fs::symlink(&dist, at.join("dist")).unwrap();
    let port = serve(out.clone());
    let url = format!("http://127.0.0.1:{port}/timeline.html?csv=timelinejs.csv");
    let dom = dump_dom(&chrome, &url, &tmp.path().join("profile"));
    let why = format!("{url}:\n{dom}");
    // TimelineJS ran: a slide and a marker per row, no load error (a page
    // that failed to run would pass the checks below for nothing).
    assert!(!dom.contains("<div id=\"status\">error"), "{why}");
    assert!(
        dom.matches("class=\"tl-slide ").count() + dom.matches("class=\"tl-slide\"").count()
            >= rows,
        "fewer slides than the sheet's {rows} rows: {why}"
    );
    assert!(
        dom.matches("class=\"tl-timemarker").count() >= rows,
        "fewer markers than the sheet's {rows} rows: {why}"
    );
    // Nothing ran, and no element was made of a name.
    for tag in ["gazetteer", "id", "title", "url", "text", "file"] {
        assert_never_ran(&dom, tag, &why);
    }
    // The names are shown as text: the statement (Headline, Text), the ids
    // (Text), the gazetteer's name (Text's places, the Group). The title and
    // url are not in the sheet.
    for (source, shown) in [
        ("text", pwn("text")),
        ("id", pwn("id")),
        ("file", pwn("file")),
        ("gazetteer", h.gaz_name.clone()),
    ] {
        let shown = html_text(&shown);
        assert!(dom.contains(&shown), "{source}: {shown} not shown: {why}");
    }
}
