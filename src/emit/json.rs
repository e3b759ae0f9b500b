//! Compact JSON written straight into a byte buffer, for the outputs that are
//! most of the bytes (the JSON Lines and the event features): strings escaped
//! exactly as serde_json escapes them, numbers written by the same crates
//! serde_json uses (itoa, zmij), members in the order given. serde_json is the
//! reference: the tests hold the two writings byte for byte equal. What this
//! saves is serde's generic path per member and its byte-at-a-time escape
//! scan (JSON writing was a sixth of the run's instructions with serde_json;
//! see README.md, "Speed and memory").

use super::scan::{self, Needles};

/// The bytes a JSON string must escape: quotes, backslashes, control bytes.
const SPECIAL: Needles<2> = Needles::new(*b"\"\\", true);

/// How serde_json writes byte `c` inside a string: None when as it is.
#[inline]
fn escape(c: u8) -> Option<&'static [u8]> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    static CONTROL: [[u8; 6]; 32] = {
        let mut t = [[0u8; 6]; 32];
        let mut i = 0;
        while i < 32 {
            t[i] = [b'\\', b'u', b'0', b'0', HEX[i >> 4], HEX[i & 15]];
            i += 1;
        }
        t
    };
    Some(match c {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        0x08 => b"\\b",
        0x0C => b"\\f",
        b'\n' => b"\\n",
        b'\r' => b"\\r",
        b'\t' => b"\\t",
        0..=0x1F => &CONTROL[c as usize],
        _ => return None,
    })
}

/// The contents of a JSON string for `s`, without the quotes.
pub fn str_contents(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let mut from = 0;
    loop {
        let i = scan::find(b, from, &SPECIAL);
        let Some(&c) = b.get(i) else { break };
        out.extend_from_slice(&b[from..i]);
        out.extend_from_slice(escape(c).expect("a byte to escape"));
        from = i + 1;
    }
    out.extend_from_slice(&b[from..]);
}

/// `s` as a JSON string.
pub fn str(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    str_contents(out, s);
    out.push(b'"');
}

/// A list of strings as one JSON string, the items joined by `sep` (which
/// needs no escaping).
pub fn joined<S: AsRef<str>>(out: &mut Vec<u8>, items: impl IntoIterator<Item = S>, sep: &str) {
    out.push(b'"');
    for (i, s) in items.into_iter().enumerate() {
        let s = s.as_ref();
        if i > 0 {
            out.extend_from_slice(sep.as_bytes());
        }
        str_contents(out, s);
    }
    out.push(b'"');
}

/// A number as serde_json writes an f64: shortest round trip, `null` when
/// not finite.
pub fn f64(out: &mut Vec<u8>, x: f64) {
    if x.is_finite() {
        out.extend_from_slice(zmij::Buffer::new().format_finite(x).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

/// An integer.
pub fn int(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// An array whose items `item` writes.
pub fn array<T>(out: &mut Vec<u8>, items: &[T], mut item: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

/// A JSON object being written: members go in as they are given, and
/// [`Object::end`] closes it.
pub struct Object<'a> {
    out: &'a mut Vec<u8>,
    empty: bool,
}

impl<'a> Object<'a> {
    /// Open an object.
    pub fn new(out: &'a mut Vec<u8>) -> Object<'a> {
        out.push(b'{');
        Object { out, empty: true }
    }

    /// Start member `key` (a name that needs no escaping): the buffer to
    /// write its value into. Inlined, so that the name's length is known
    /// where it is written and its copy needs no call.
    #[inline(always)]
    pub fn key(&mut self, key: &str) -> &mut Vec<u8> {
        debug_assert!(key.bytes().all(|c| escape(c).is_none()), "{key}");
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
        self.out
    }

    /// A string member.
    #[inline(always)]
    pub fn str(&mut self, key: &str, v: &str) {
        str(self.key(key), v);
    }

    /// A string member, `null` when absent.
    #[inline(always)]
    pub fn opt_str(&mut self, key: &str, v: Option<&str>) {
        match v {
            Some(v) => self.str(key, v),
            None => self.null(key),
        }
    }

    /// A number member.
    #[inline(always)]
    pub fn f64(&mut self, key: &str, v: f64) {
        f64(self.key(key), v);
    }

    /// A number member, `null` when absent.
    #[inline(always)]
    pub fn opt_f64(&mut self, key: &str, v: Option<f64>) {
        match v {
            Some(v) => self.f64(key, v),
            None => self.null(key),
        }
    }

    /// An integer member.
    #[inline(always)]
    pub fn int(&mut self, key: &str, v: impl itoa::Integer) {
        int(self.key(key), v);
    }

    /// A true or false member.
    #[inline(always)]
    pub fn bool(&mut self, key: &str, v: bool) {
        let v: &[u8] = if v { b"true" } else { b"false" };
        self.key(key).extend_from_slice(v);
    }

    /// A `null` member.
    #[inline(always)]
    pub fn null(&mut self, key: &str) {
        self.key(key).extend_from_slice(b"null");
    }

    /// An array of strings member.
    #[inline(always)]
    pub fn strs(&mut self, key: &str, v: &[String]) {
        array(self.key(key), v, |o, s| str(o, s));
    }

    /// Close the object.
    pub fn end(self) {
        self.out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(s: &str) -> String {
        let mut v = Vec::new();
        str(&mut v, s);
        String::from_utf8(v).expect("UTF-8 in, UTF-8 out")
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut every_byte: String = (0u8..0x80).map(char::from).collect();
        every_byte.push_str("é\u{2028}\u{10FFFF}\u{7F}/<>&'");
        for s in [
            "",
            "a",
            "plain ascii longer than eight bytes",
            "\"",
            "\\",
            "12345678\"",
            "1234567\"8",
            "\u{1}\u{1f}\n\t\r\u{8}\u{c}",
            "Ünïcödé – “quotes” 中文",
            every_byte.as_str(),
        ] {
            assert_eq!(ours(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -89.123457,
            179.9999999,
            1e21,
            1e-7,
            123456.789,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
        ] {
            let mut v = Vec::new();
            f64(&mut v, x);
            assert_eq!(
                String::from_utf8(v).unwrap(),
                serde_json::to_string(&x).unwrap()
            );
        }
        let mut v = Vec::new();
        int(&mut v, usize::MAX);
        v.push(b' ');
        int(&mut v, i64::MIN);
        assert_eq!(v, format!("{} {}", usize::MAX, i64::MIN).into_bytes());
    }

    #[test]
    fn objects_and_arrays() {
        let mut v = Vec::new();
        let mut o = Object::new(&mut v);
        o.str("a", "x\"y");
        o.opt_str("b", None);
        o.opt_f64("c", Some(1.5));
        o.int("d", 7u32);
        o.bool("e", false);
        o.strs("f", &["p".into(), "q".into()]);
        array(o.key("g"), &[1, 2], |o, &n| int(o, n));
        joined(o.key("h"), ["a\"", "b"], "; ");
        o.end();
        assert_eq!(
            String::from_utf8(v).unwrap(),
            r#"{"a":"x\"y","b":null,"c":1.5,"d":7,"e":false,"f":["p","q"],"g":[1,2],"h":"a\"; b"}"#
        );
    }

    proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in any::<String>()) {
            prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn long_strings_are_escaped_as_serde_json_escapes_them(
            s in "([a-z é\u{2028}]{0,40}[\"\\\\\n\u{1}\u{1f}]){0,4}[a-z]{0,40}"
        ) {
            prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn any_number_is_written_as_serde_json_writes_it(x in any::<f64>()) {
            let mut v = Vec::new();
            f64(&mut v, x);
            prop_assert_eq!(String::from_utf8(v).unwrap(), serde_json::to_string(&x).unwrap());
        }
    }
}
