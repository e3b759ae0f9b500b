//! The place-name matcher on arbitrary text with the embedded gazetteer: no
//! panic, and every name found lies inside the text, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let g = chronomap::geo::embedded();
    // Skip a range chosen by the first byte, as a dateline's agency would be.
    let cut = data.first().map_or(0, |&b| b as usize).min(text.len());
    let cut = (0..=cut)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let found = chronomap::geo::matcher::find(g, &text, 0, text.len(), &[(0, cut)]);
    for f in &found {
        assert!(f.start < f.end && f.end <= text.len(), "{f:?}");
        let _ = &text[f.start..f.end];
    }
    // And on a sub-range of the text.
    let found = chronomap::geo::matcher::find(g, &text, cut, text.len(), &[]);
    for f in &found {
        assert!(f.start >= cut && f.end <= text.len(), "{f:?}");
    }
});
