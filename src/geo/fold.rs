//! Name keys: the one normalisation both the gazetteer and the text go through,
//! so that "São Paulo", "Sao Paulo" and "SAO PAULO" meet, and "U.S." meets "US".
//!
//! A key is lower case, without diacritics (canonical decomposition, combining
//! marks dropped), with every run of characters that are not letters or digits
//! turned into one space, trimmed. Apostrophes are dropped rather than spaced, so
//! "Côte d'Ivoire" and "Cote dIvoire" agree, and a dot between initials is
//! dropped too ("U.S." is "us"). Invisible characters ([`INVISIBLE`]: zero-width
//! space, joiner and non-joiner, word joiner, soft hyphen, BOM) are dropped
//! without a trace: "Ber\u{200d}lin" is "berlin". (Article text has them
//! removed before it is read at all: see `input::drop_invisible`.)

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Characters that show as nothing but split a word for a tokenizer: zero
/// width space (U+200B), non-joiner (U+200C), joiner (U+200D), word joiner
/// (U+2060), soft hyphen (U+00AD) and the byte order mark / zero width
/// no-break space (U+FEFF).
pub const INVISIBLE: [char; 6] = [
    '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{00ad}', '\u{feff}',
];

/// Whether `c` is one of [`INVISIBLE`].
pub fn is_invisible(c: char) -> bool {
    INVISIBLE.contains(&c)
}

/// Append the key of `s` to `out` (which may already hold earlier words).
pub fn push_key(out: &mut String, s: &str) {
    // Most names are plain ASCII words with single spaces between them
    // ("Paris", "New York"): their key is their lower case.
    let plain = |b: &[u8]| {
        b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.last().is_some_and(u8::is_ascii_alphanumeric)
            && b.windows(2)
                .all(|w| w[1].is_ascii_alphanumeric() || (w[1] == b' ' && w[0] != b' '))
    };
    if plain(s.as_bytes()) {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        let at = out.len();
        out.push_str(s);
        out[at..].make_ascii_lowercase();
        return;
    }
    let mut pending_space = !out.is_empty();
    // The previous two characters, for the dot-between-initials rule.
    let (mut prev, mut prev2) = (' ', ' ');
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            pending_space = false;
            push_folded(out, c);
        } else if matches!(c, '\'' | '’' | '‘' | 'ʻ' | 'ʼ') {
            // Dropped: "d'Ivoire", "Xi'an".
        } else if is_invisible(c) {
            // Dropped, and the characters around it stay as they were.
            continue;
        } else if c == '.'
            && prev.is_alphanumeric()
            && !prev2.is_alphanumeric()
            && it.peek().is_some_and(|n| n.is_alphanumeric())
        {
            // "U.S": a dot after a single letter and before another is dropped.
        } else {
            pending_space = true;
        }
        prev2 = prev;
        prev = c;
    }
}

/// The key of a name.
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_key(&mut out, s);
    out
}

fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Letters that do not decompose but news spells in ASCII.
    let special = match c {
        'ß' => Some("ss"),
        'æ' | 'Æ' => Some("ae"),
        'œ' | 'Œ' => Some("oe"),
        'ø' | 'Ø' => Some("o"),
        'đ' | 'Đ' => Some("d"),
        'ł' | 'Ł' => Some("l"),
        'ı' => Some("i"),
        'þ' | 'Þ' => Some("th"),
        _ => None,
    };
    if let Some(s) = special {
        out.push_str(s);
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                out.push(l);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_meet_across_spellings() {
        let cases = [
            ("São Paulo", "sao paulo"),
            ("SAO PAULO", "sao paulo"),
            ("U.S.", "us"),
            ("US", "us"),
            ("U.S.A.", "usa"),
            ("Winston-Salem", "winston salem"),
            ("Côte d'Ivoire", "cote divoire"),
            ("St. Louis", "st louis"),
            ("  The   Hague ", "the hague"),
            ("Düsseldorf", "dusseldorf"),
            ("Łódź", "lodz"),
        ];
        for (name, want) in cases {
            assert_eq!(key(name), want, "{name}");
        }
    }

    #[test]
    fn zero_width_characters_inside_a_name_are_invisible_to_matching() {
        for c in INVISIBLE {
            assert_eq!(key(&format!("Ber{c}lin")), "berlin", "U+{:04X}", c as u32);
            assert_eq!(key(&format!("U{c}.S.")), "us", "U+{:04X}", c as u32);
        }
        assert_eq!(key("\u{feff}New\u{200b} York"), "new york");
    }

    #[test]
    fn push_key_joins_words() {
        let mut k = key("New");
        push_key(&mut k, "York");
        assert_eq!(k, "new york");
        let mut k = String::new();
        push_key(&mut k, "");
        push_key(&mut k, "PARIS");
        push_key(&mut k, "");
        assert_eq!(k, "paris");
    }

    proptest::proptest! {
        /// The fast path of plain words gives what the general path gives.
        #[test]
        fn plain_words_fold_as_any_text(w in "[A-Za-z0-9 ]{0,16}", before in "[a-z ]{0,6}") {
            let mut fast = before.clone();
            push_key(&mut fast, &w);
            let mut slow = before.clone();
            push_key(&mut slow, &format!("{w}\u{2019}"));
            proptest::prop_assert_eq!(fast, slow);
        }
    }
}
