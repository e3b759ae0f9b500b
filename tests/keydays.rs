//! End to end: a small news cycle written for this test (a ferry sinking),
//! its pages carrying every class of furniture and a sidebar about another
//! story. No furniture becomes an event, `dates.csv` has its columns and
//! ranks, the story's days lead it and the sidebar's day trails.

mod common;

use common::{TempDir, NOT_AFTER};
use std::process::Command;

/// The page furniture every article of the cycle carries.
const FURNITURE: &[&str] = &[
    // A reader comment, a byline, an update stamp, a copyright line.
    "February 10 , 2025 at 7:53 am | Report abuse | Terrible news.",
    "By Jo Bloggs | February 12 , 2025 ; 9:10 AM ET",
    "Updated 2:25 p.m.",
    "© 2024 Harbour Wire. All rights reserved.",
    // A related-stories teaser and a ticker.
    "Related stories : Bridge closes on February 14 , 2025",
    "6:30 pm ET February 16 , 2025 RETWEET Could it snow tonight ?",
    // Transcript show furniture.
    "News Hour - 2/18/25 Download PDF maps related to today 's show : THIS IS A RUSH TRANSCRIPT .",
    "Broadcast on Radio 4 , 9:00 PM Thu , 20 Feb 2025 Available until 9:00 AM .",
];

/// A sidebar about another story, on two pages of the twelve.
const SIDEBAR: &str = "Elsewhere , a celebrity wedding drew crowds of fans on Saturday , March 1 .";

/// One article of the cycle: the story's lines, the page's furniture and,
/// on some pages, the sidebar.
fn article(id: usize, date: &str, story: &[&str]) -> String {
    let mut text: Vec<&str> = story.iter().chain(FURNITURE).copied().collect();
    if id < 2 {
        text.push(SIDEBAR);
    }
    serde_json::json!({"id": format!("a{id:02}"), "date": date, "text": text.join("\n")})
        .to_string()
}

/// Twelve articles: the sinking (Monday) told by eight, the rescue (Tuesday)
/// by four, the inquiry (Wednesday) by one.
fn cycle() -> String {
    let sank = "The ferry Aurora sank off the harbour in a storm on Monday , coastguards said .";
    let rescue =
        "Coastguard crews rescued 40 passengers from the ferry Aurora in the harbour on Tuesday .";
    let inquiry =
        "An inquiry into the sinking of the ferry Aurora in the harbour opened on Wednesday .";
    let kept = "The ferry Aurora stayed on the seabed of the harbour , divers said .";
    (0..12)
        .map(|i| {
            let mut story = Vec::new();
            if i < 8 {
                story.push(sank);
            }
            if (4..8).contains(&i) {
                story.push(rescue);
            }
            if i == 8 {
                story.push(inquiry);
            }
            story.push(kept);
            let date = if i < 4 { "2025-03-04" } else { "2025-03-06" };
            article(i, date, &story)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn extract(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .arg("extract")
        .args(args)
        .args(["--not-after", NOT_AFTER, "-q"])
        .output()
        .expect("run chronomap")
}

fn rows(csv_bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(csv_bytes);
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn furniture_is_no_event_and_the_story_days_lead_dates_csv() {
    let dir = TempDir::new("keydays");
    let input = dir.path().join("cycle.jsonl");
    std::fs::write(&input, cycle()).unwrap();
    let out = dir.path().join("out");
    let o = extract(&[input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // No furniture line became an event; the story's own days did.
    let (head, timeline) = rows(&std::fs::read(out.join("timeline.csv")).unwrap());
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let starts: Vec<&str> = timeline.iter().map(|r| r[col("start")].as_str()).collect();
    for furniture_day in [
        "2025-02-10",
        "2025-02-12",
        "2025-02-14",
        "2025-02-16",
        "2025-02-18",
        "2025-02-20",
        "2024-01-01",
    ] {
        assert!(
            !starts.contains(&furniture_day),
            "{furniture_day} is furniture: {timeline:#?}"
        );
    }
    for r in &timeline {
        let s = &r[col("sentence")];
        for mark in [
            "Report abuse",
            "Updated",
            "RETWEET",
            "TRANSCRIPT",
            "Broadcast",
            "By Jo",
        ] {
            assert!(!s.contains(mark), "an event from furniture: {r:?}");
        }
    }
    for story_day in ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-01"] {
        assert!(
            starts.contains(&story_day),
            "{story_day} missing: {starts:?}"
        );
    }

    // dates.csv: its columns, ranks 1..n, the sinking first, the sidebar last.
    let bytes = std::fs::read(out.join("dates.csv")).unwrap();
    let (head, days) = rows(&bytes);
    assert_eq!(
        head,
        [
            "rank", "day", "score", "articles", "mentions", "headline", "place", "lat", "lon",
            "events"
        ]
    );
    let ranks: Vec<String> = days.iter().map(|r| r[0].clone()).collect();
    let want: Vec<String> = (1..=days.len()).map(|i| i.to_string()).collect();
    assert_eq!(ranks, want);
    let order: Vec<&str> = days.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(order[0], "2025-03-03", "{days:#?}");
    assert_eq!(days[0][3], "8", "eight articles report the sinking");
    assert!(days[0][5].contains("sank"), "headline: {}", days[0][5]);
    assert!(days[0][9].split("; ").all(|id| id.contains('#')));
    let at = |d: &str| order.iter().position(|x| *x == d).unwrap();
    // The sidebar has more articles than the inquiry, yet trails it.
    assert_eq!(days[at("2025-03-01")][3], "2");
    assert_eq!(days[at("2025-03-05")][3], "1");
    for story_day in ["2025-03-03", "2025-03-04", "2025-03-05"] {
        assert!(at(story_day) < at("2025-03-01"), "{order:?}");
    }
    let scores: Vec<f64> = days.iter().map(|r| r[2].parse().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    // --format dates writes the same file to standard output.
    let o = extract(&[input.to_str().unwrap(), "--format", "dates"]);
    assert!(o.status.success());
    assert_eq!(o.stdout, bytes);
}

#[test]
fn top_cuts_every_output_to_the_best_days() {
    let dir = TempDir::new("keydays-top");
    let input = dir.path().join("cycle.jsonl");
    std::fs::write(&input, cycle()).unwrap();
    let (all, top) = (dir.path().join("all"), dir.path().join("top"));
    for (out, more) in [(&all, &[][..]), (&top, &["--top", "1"][..])] {
        let args = [
            &[input.to_str().unwrap(), "--out", out.to_str().unwrap()],
            more,
        ]
        .concat();
        let o = extract(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let (_, days) = rows(&std::fs::read(all.join("dates.csv")).unwrap());
    let (_, top_days) = rows(&std::fs::read(top.join("dates.csv")).unwrap());
    assert_eq!(top_days, days[..1], "dates.csv keeps its best row");
    // The timeline keeps exactly the best day's events (dates.csv's last column).
    let (head, timeline) = rows(&std::fs::read(top.join("timeline.csv")).unwrap());
    let id = head.iter().position(|h| h == "event_id").unwrap();
    let mut ids: Vec<&str> = timeline.iter().map(|r| r[id].as_str()).collect();
    let mut want: Vec<&str> = days[0].last().unwrap().split("; ").collect();
    ids.sort_unstable();
    want.sort_unstable();
    assert_eq!(ids, want);
    let (_, all_timeline) = rows(&std::fs::read(all.join("timeline.csv")).unwrap());
    assert!(timeline.len() < all_timeline.len());
    // A zero is no count.
    let o = extract(&[input.to_str().unwrap(), "--top", "0"]);
    assert_eq!(o.status.code(), Some(2));
}
