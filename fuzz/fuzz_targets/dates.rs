//! The date extractor and resolver on arbitrary text, resolved against an anchor
//! taken from the first input bytes, anywhere in chrono's range and often right
//! at its ends (where "next year" or "the 2090s" cannot be represented).
#![no_main]

use chrono::{Datelike, NaiveDate};
use chronomap::date::extract::extract;
use chronomap::date::resolve::{resolve, Anchor, AnchorKind, Certainty, Context, Tense};
use libfuzzer_sys::fuzz_target;

fn date_from(b: &[u8]) -> NaiveDate {
    let n = u32::from_le_bytes([b[1], b[2], b[3], 0]) as i64;
    let d = match b[0] % 4 {
        // Days after chrono's first date.
        0 => NaiveDate::MIN.checked_add_days(chrono::Days::new(n as u64)),
        // Days before chrono's last date.
        1 => NaiveDate::MAX.checked_sub_days(chrono::Days::new(n as u64)),
        // Around the present.
        2 => NaiveDate::from_num_days_from_ce_opt(730_000 + (n % 100_000) as i32),
        // Anywhere in range.
        _ => {
            let span = (NaiveDate::MAX.num_days_from_ce() as i64)
                - (NaiveDate::MIN.num_days_from_ce() as i64);
            NaiveDate::from_num_days_from_ce_opt(
                (NaiveDate::MIN.num_days_from_ce() as i64 + (n * 97) % span) as i32,
            )
        }
    };
    d.unwrap_or(NaiveDate::MIN)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 10 {
        return;
    }
    let (head, body) = data.split_at(10);
    let anchor = Anchor {
        date: date_from(&head[0..4]),
        kind: AnchorKind::Dateline,
        certainty: Certainty::Exact,
    };
    let previous = Anchor {
        date: date_from(&head[4..8]),
        kind: AnchorKind::Dateline,
        certainty: Certainty::Inferred,
    };
    let tense = match head[8] % 3 {
        0 => Tense::Past,
        1 => Tense::Future,
        _ => Tense::Unknown,
    };
    let flags = head[9];
    let ctx = Context {
        anchor: (flags & 1 == 0).then_some(anchor),
        previous: (flags & 2 == 0).then_some(previous),
        previous_day: (flags & 32 == 0).then_some(previous),
        narrative: flags & 64 == 0,
        tense,
        period: (flags & 4 == 0).then_some((anchor.date.year(), 1 + (flags as u32 >> 3) % 4)),
    };
    let text = String::from_utf8_lossy(body);
    let mut last_end = 0;
    for m in extract(&text, 0, text.len()) {
        assert!(m.start < m.end && m.end <= text.len(), "{m:?}");
        assert!(m.start >= last_end, "overlap {m:?}");
        last_end = m.end;
        let _ = &text[m.start..m.end];
        if let Some(parts) = m.parts {
            for (a, b) in parts {
                let _ = &text[a..b];
            }
        }
        let r = resolve(&m.expr, &ctx);
        if let Some((s, e)) = r.interval {
            assert!(s <= e, "backwards {r:?} from {m:?}");
        }
    }
});
