//! The dateline parser on arbitrary text: it must not panic, and every span it
//! returns must lie inside the text on character boundaries, both from the
//! text alone and with every name taken for a known place (the weak shapes).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let found = [
        chronomap::dateline::parse(&text),
        chronomap::dateline::parse_with(&text, &|_| true),
    ];
    for d in found.into_iter().flatten() {
        let _ = &text[d.span.clone()];
        assert!(d.span.end <= d.body_start, "body before the dateline ends");
        assert!(d.body_start <= text.len() && text.is_char_boundary(d.body_start));
        if let Some(p) = &d.place {
            let _ = &text[p.clone()];
        }
        if let Some(s) = &d.date_span {
            let _ = &text[s.clone()];
        }
        if let Some(m) = d.month {
            assert!((1..=12).contains(&m), "month {m}");
        }
    }
});
