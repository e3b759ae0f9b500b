//! Finding the next byte an escaper must rewrite: the JSON writer (quotes,
//! backslashes, control bytes), the map page's script escapes (`<`, `>`, `&`,
//! and the first byte of U+2028 and U+2029) and the HTML escapes of the
//! TimelineJS sheet all skip long runs of plain text this way. On x86_64 the
//! text is read 16 bytes at a time with SSE2 (part of the x86_64 baseline),
//! elsewhere 8 bytes at a time as a `u64`; both give the exact position.

/// What to look for: `N` bytes, and optionally every control byte. The
/// scanners are inlined where a constant set is used, so that the loops over
/// the bytes unroll into plain comparisons.
#[derive(Debug, Clone, Copy)]
pub struct Needles<const N: usize> {
    bytes: [u8; N],
    control: bool,
}

impl<const N: usize> Needles<N> {
    /// The bytes, and every byte below 0x20 when `control`. `PAD` cannot
    /// be one of them.
    pub const fn new(bytes: [u8; N], control: bool) -> Needles<N> {
        let mut k = 0;
        while k < N {
            assert!(bytes[k] != PAD, "the padding byte cannot be a needle");
            k += 1;
        }
        Needles { bytes, control }
    }

    /// Whether `c` is one of them.
    #[inline(always)]
    pub fn has(&self, c: u8) -> bool {
        (self.control && c < 0x20) || self.bytes.contains(&c)
    }
}

/// A byte that is never a needle (see [`Needles::new`]): it pads the last,
/// short block of a text.
const PAD: u8 = b'a';

/// The position of the first byte of `b` at or after `from` that is one of
/// the needles, or `b.len()` when there is none.
#[inline(always)]
pub fn find<const N: usize>(b: &[u8], from: usize, needles: &Needles<N>) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        sse2::find(b, from, needles)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let from = words::skip(b, from, needles);
        b.get(from..)
            .and_then(|rest| rest.iter().position(|&c| needles.has(c)))
            .map_or(b.len(), |k| from + k)
    }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use super::Needles;
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_setzero_si128,
    };

    /// The exact position of the first needle from `i` on, or `b.len()`:
    /// 16 bytes at a time, the short rest copied into a block padded with a
    /// byte that is no needle.
    #[inline(always)]
    pub fn find<const N: usize>(b: &[u8], mut i: usize, needles: &Needles<N>) -> usize {
        // SAFETY: SSE2 is part of the x86_64 baseline, so these instructions
        // exist on every machine this code is built for. Each load reads 16
        // bytes: at `i..i + 16`, which the loop condition keeps inside `b`,
        // or the whole of `rest`; `_mm_loadu_si128` takes unaligned addresses.
        unsafe {
            let set: [__m128i; N] = needles.bytes.map(|c| _mm_set1_epi8(c as i8));
            let top3 = _mm_set1_epi8(0xE0u8 as i8);
            let zero = _mm_setzero_si128();
            let hits = |x: __m128i| {
                let mut hit = zero;
                for s in &set {
                    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, *s));
                }
                if needles.control {
                    // A byte below 0x20 has none of the top three bits.
                    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_and_si128(x, top3), zero));
                }
                _mm_movemask_epi8(hit) as u32
            };
            while i + 16 <= b.len() {
                let mask = hits(_mm_loadu_si128(b.as_ptr().add(i).cast::<__m128i>()));
                if mask != 0 {
                    return i + mask.trailing_zeros() as usize;
                }
                i += 16;
            }
            let Some(tail) = b.get(i..).filter(|t| !t.is_empty()) else {
                return b.len();
            };
            let mut rest = [super::PAD; 16];
            rest[..tail.len()].copy_from_slice(tail);
            let mask = hits(_mm_loadu_si128(rest.as_ptr().cast::<__m128i>()));
            if mask != 0 {
                i + mask.trailing_zeros() as usize
            } else {
                b.len()
            }
        }
    }
}

#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
mod words {
    use super::Needles;

    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;

    /// Whether a byte of `x` is below `n` (`n` at most 128), from "Bit
    /// Twiddling Hacks" ("determine if a word has a byte less than n").
    fn has_below(x: u64, n: u8) -> bool {
        x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH != 0
    }

    /// Past the 8-byte words from `i` on that hold no needle.
    #[inline(always)]
    pub fn skip<const N: usize>(b: &[u8], mut i: usize, needles: &Needles<N>) -> usize {
        while let Some(w) = b.get(i..i + 8) {
            let x = u64::from_le_bytes(w.try_into().expect("eight bytes"));
            let hit = (needles.control && has_below(x, 0x20))
                || needles
                    .bytes
                    .iter()
                    .any(|&c| has_below(x ^ (ONES * u64::from(c)), 1));
            if hit {
                break;
            }
            i += 8;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: Needles<2> = Needles::new(*b"\"\\", true);
    const SCRIPT: Needles<4> = Needles::new([b'<', b'>', b'&', 0xE2], false);

    fn naive<const N: usize>(b: &[u8], from: usize, n: &Needles<N>) -> usize {
        (from..b.len()).find(|&i| n.has(b[i])).unwrap_or(b.len())
    }

    fn every_distance<const N: usize>(needles: Needles<N>) {
        {
            for len in 0..40 {
                for at in 0..=len {
                    let mut b = vec![b'a'; len];
                    if at < len {
                        b[at] = needles.bytes[0];
                    }
                    for from in 0..=len {
                        assert_eq!(find(&b, from, &needles), naive(&b, from, &needles));
                    }
                }
            }
        }
    }

    #[test]
    fn the_first_needle_at_every_distance() {
        every_distance(JSON);
        every_distance(SCRIPT);
        let controls: Vec<u8> = (0..0x20).chain([0x7F, 0x80, 0xFF, b'"']).collect();
        let mut b = vec![b'x'; 20];
        for c in controls {
            b[17] = c;
            assert_eq!(find(&b, 0, &JSON), naive(&b, 0, &JSON), "{c:#x}");
        }
        // The portable scan, on any machine.
        let b = b"0123456789abcdef<0123456789";
        assert_eq!(words::skip(b, 0, &SCRIPT), 16);
    }

    proptest::proptest! {
        #[test]
        fn any_bytes(b in proptest::collection::vec(proptest::num::u8::ANY, 0..80), from in 0usize..90) {
            let from = from.min(b.len());
            proptest::prop_assert_eq!(find(&b, from, &JSON), naive(&b, from, &JSON));
            proptest::prop_assert_eq!(find(&b, from, &SCRIPT), naive(&b, from, &SCRIPT));
        }
    }
}
