//! Tokens for the date extractor: words, numbers and punctuation with byte spans.
//!
//! The extractor matches patterns over tokens rather than characters, so a pattern
//! says "month word, then a 1-2 digit number" instead of spelling out spacing. Each
//! token records the kind of gap before it, so that patterns can require adjacency
//! ("24-25", "mid-2024", "Jun.") and never run across a paragraph break. Grouped and
//! decimal numbers ("155,221", "5.93") are single tokens flagged as not plain, so they
//! can never be read as days or years.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A run of letters.
    Word,
    /// A run of digits (possibly with grouping commas or a decimal point; see `plain`).
    Num,
    /// Any other single non-space character.
    Punct,
}

/// The whitespace before a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// Directly adjacent to the previous token.
    None,
    /// Spaces or one line break.
    Space,
    /// A blank line (paragraph break): patterns never cross it.
    Para,
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token kind.
    pub kind: Kind,
    /// The text as written.
    pub text: &'a str,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Whitespace before the token.
    pub gap: Gap,
    /// For numbers: digits only, no grouping commas or decimal point.
    pub plain: bool,
}

impl Token<'_> {
    /// Whether the token is this word, ignoring ASCII case.
    pub fn is(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.text.eq_ignore_ascii_case(word)
    }

    /// Whether the token is this punctuation character.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }

    /// Whether the token is a dash or hyphen of any kind.
    pub fn is_dash(&self) -> bool {
        self.kind == Kind::Punct && matches!(self.text, "-" | "–" | "—" | "‐" | "‑")
    }

    /// Whether the token starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The value of a plain number token that fits in u32.
    pub fn number(&self) -> Option<u32> {
        if self.kind == Kind::Num && self.plain && self.text.len() <= 9 {
            self.text.parse().ok()
        } else {
            None
        }
    }

    /// The word lower-cased into `buf` (ASCII only; other words are returned as is).
    pub fn lower<'b>(&self, buf: &'b mut [u8; 24]) -> Option<&'b str> {
        if self.kind != Kind::Word || self.text.len() > buf.len() || !self.text.is_ascii() {
            return None;
        }
        let n = self.text.len();
        for (b, c) in buf.iter_mut().zip(self.text.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..n]).ok()
    }
}

/// Split `text[range]` into tokens.
pub fn tokenize(text: &str, from: usize, to: usize) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::with_capacity((to - from) / 5 + 4);
    let bytes = text.as_bytes();
    let mut i = from;
    let mut newlines = 0u32;
    let mut any_space = false;
    while i < to {
        let c = if bytes[i].is_ascii() {
            bytes[i] as char
        } else {
            text[i..].chars().next().unwrap_or(' ')
        };
        let len = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
            }
            any_space = true;
            i += len;
            continue;
        }
        let gap = if newlines >= 2 {
            Gap::Para
        } else if any_space || out.is_empty() {
            Gap::Space
        } else {
            Gap::None
        };
        newlines = 0;
        any_space = false;
        let start = i;
        if c.is_ascii_digit() {
            let mut plain = true;
            let mut j = i;
            loop {
                while j < to && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                // "155,221" and "5.93": a separator between digits continues the number.
                // A comma groups only when exactly three digits follow it, so the
                // rare "June 26,2025" still splits into day and year.
                let decimal = j + 1 < to && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit();
                let grouping = j + 3 < to
                    && bytes[j] == b','
                    && bytes[j + 1..j + 4].iter().all(u8::is_ascii_digit)
                    && !(j + 4 < to && bytes[j + 4].is_ascii_digit());
                if decimal || grouping {
                    plain = false;
                    j += 1;
                    continue;
                }
                break;
            }
            out.push(Token {
                kind: Kind::Num,
                text: &text[start..j],
                start,
                end: j,
                gap,
                plain,
            });
            i = j;
        } else if c.is_alphabetic() {
            let mut j = i + len;
            while j < to {
                // ASCII letters first, without decoding a char.
                if bytes[j].is_ascii_alphabetic() {
                    j += 1;
                    continue;
                }
                if bytes[j].is_ascii() {
                    break;
                }
                let d = text[j..].chars().next().unwrap_or(' ');
                if d.is_alphabetic() {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            out.push(Token {
                kind: Kind::Word,
                text: &text[start..j],
                start,
                end: j,
                gap,
                plain: true,
            });
            i = j;
        } else {
            out.push(Token {
                kind: Kind::Punct,
                text: &text[start..i + len],
                start,
                end: i + len,
                gap,
                plain: true,
            });
            i += len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(&str, Kind, bool)> {
        tokenize(s, 0, s.len())
            .iter()
            .map(|t| (t.text, t.kind, t.plain))
            .collect()
    }

    #[test]
    fn numbers_words_and_punctuation() {
        use Kind::*;
        assert_eq!(
            texts("Jun. 26, 2025"),
            vec![
                ("Jun", Word, true),
                (".", Punct, true),
                ("26", Num, true),
                (",", Punct, true),
                ("2025", Num, true)
            ]
        );
        assert_eq!(
            texts("155,221 bags"),
            vec![("155,221", Num, false), ("bags", Word, true)]
        );
        assert_eq!(
            texts("5.93 mln"),
            vec![("5.93", Num, false), ("mln", Word, true)]
        );
        assert_eq!(texts("1990s"), vec![("1990", Num, true), ("s", Word, true)]);
        assert_eq!(
            texts("São Paulo"),
            vec![("São", Word, true), ("Paulo", Word, true)]
        );
    }

    #[test]
    fn gaps_record_adjacency_and_paragraphs() {
        let s = "24-25 x\n\ny";
        let t = tokenize(s, 0, s.len());
        assert_eq!(t[1].gap, Gap::None);
        assert_eq!(t[3].gap, Gap::Space);
        assert_eq!(t[4].gap, Gap::Para);
    }

    #[test]
    fn offsets_slice_back_to_text() {
        let s = "“Dong said” — on Thursday, 26 June.";
        for t in tokenize(s, 0, s.len()) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
    }
}
