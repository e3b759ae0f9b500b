//! Inputs: turning the user's INPUT arguments into a stream of [`Article`]s.
//!
//! This module owns everything between a path on the command line and an
//! [`Article`]: reading stdin (`-`), plain-text files (one article each), JSON
//! Lines files (`.jsonl`/`.ndjson`, one article per non-blank line), and
//! directories (walked recursively in file-name order). It decodes bytes (BOM,
//! invalid UTF-8, binary detection, invisible characters), tells JSON Lines on
//! stdin from text, reads the publication date under the keys and in the
//! forms feeds use ([`DATE_KEYS`]), and validates JSON Lines metadata. Problems
//! are per input: each becomes an [`InputError`] or [`InputWarning`] in the
//! stream, in input order, and reading goes on with the next line or file.
//! Everything is lazy: files are opened when the stream reaches them, and JSON
//! Lines are read one line at a time.

use crate::article::{Article, Origin};
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// How many leading bytes are searched for a NUL to call an input binary.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// The default of `--max-article-bytes`: the largest article (a text file, a
/// text on stdin, a JSON Lines line) read. Memory per article is a small
/// multiple of its size, so this keeps a run over hostile input (`/dev/zero`,
/// `yes Paris |`) far from a 24 GB machine's limit; real articles are a few
/// KB, and whole books a few MB.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 32 << 20;

/// How many times [`DEFAULT_MAX_ARTICLE_BYTES`]-sized runs past an over-long
/// JSON Lines line are skipped in search of the next line before the rest of
/// the file is given up.
const MAX_SKIPPED_LIMITS: usize = 16;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One problem with one input; the run goes on with the others.
///
/// Displays as `origin: problem`, e.g. `news.jsonl:18: missing "text" field`.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {kind}")]
pub struct InputError {
    /// The file (and, for JSON Lines, the line) the problem is in.
    pub origin: Origin,
    kind: InputErrorKind,
}

impl InputError {
    /// What went wrong.
    pub fn kind(&self) -> &InputErrorKind {
        &self.kind
    }
}

impl InputErrorKind {
    /// The class of the problem, for summing up many of one kind on stderr:
    /// the message without what is particular to one input (a column, a
    /// value), e.g. `"text" field is empty` or `not JSON`.
    pub fn class(&self) -> String {
        match self {
            InputErrorKind::NotFound | InputErrorKind::Binary | InputErrorKind::Empty => {
                self.to_string()
            }
            InputErrorKind::Io(e) => format!("cannot read: {}", e.kind()),
            InputErrorKind::TooLarge(_) => "over --max-article-bytes".to_string(),
            InputErrorKind::Utf16JsonLines(_) => "UTF-16 JSON Lines".to_string(),
            InputErrorKind::NotJson(_) => "not JSON".to_string(),
            InputErrorKind::NotObject(_) => "not a JSON object".to_string(),
            InputErrorKind::MissingField(_) | InputErrorKind::EmptyField(_) => self.to_string(),
            InputErrorKind::BadField { field, .. } => format!("\"{field}\" of the wrong type"),
        }
    }
}

/// What went wrong with an input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// The path does not exist.
    #[error("no such file or directory")]
    NotFound,
    /// The file or directory could not be read.
    #[error("cannot read: {0}")]
    Io(io::Error),
    /// A NUL byte in the first 8 KB.
    #[error("looks like a binary file")]
    Binary,
    /// An article (a text, or a JSON Lines line) over `--max-article-bytes`.
    #[error("over {0} bytes (--max-article-bytes); skipped")]
    TooLarge(usize),
    /// A JSON Lines file in UTF-16 (it starts with a UTF-16 byte order mark).
    #[error("UTF-16 text (byte order mark {0}); JSON Lines must be UTF-8: convert it first, e.g. with iconv -f UTF-16 -t UTF-8")]
    Utf16JsonLines(&'static str),
    /// A text input with nothing but whitespace, or a JSON Lines file without any
    /// non-blank line.
    #[error("empty file")]
    Empty,
    /// A JSON Lines line that does not parse as JSON.
    #[error("not JSON: {0}")]
    NotJson(String),
    /// A JSON Lines line that is JSON, but not an object.
    #[error("expected a JSON object, got {0}")]
    NotObject(String),
    /// A required field is absent.
    #[error("missing \"{0}\" field")]
    MissingField(&'static str),
    /// A required string field is empty (or all whitespace).
    #[error("\"{0}\" field is empty")]
    EmptyField(&'static str),
    /// A field has the wrong type or an unusable value.
    #[error("\"{field}\" must be {expected}, got {got}")]
    BadField {
        /// The field name.
        field: &'static str,
        /// What the field should hold, e.g. `a string like 2025-06-26`.
        expected: &'static str,
        /// The offending value as JSON (shortened if long).
        got: String,
    },
}

/// Something odd about an input that did not stop it from being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputWarning {
    /// The file (and, for JSON Lines, the line) concerned.
    pub origin: Origin,
    kind: InputWarningKind,
}

impl InputWarning {
    /// What was odd.
    pub fn kind(&self) -> &InputWarningKind {
        &self.kind
    }
}

impl InputWarningKind {
    /// The class of the warning, for summing up many of one kind on stderr
    /// (see [`InputErrorKind::class`]).
    pub fn class(&self) -> String {
        match self {
            InputWarningKind::InvalidUtf8 { .. } => {
                "invalid UTF-8, replaced with U+FFFD".to_string()
            }
            InputWarningKind::UnreadableDate { field, .. } => {
                format!("unreadable date in \"{field}\", read without it")
            }
        }
    }
}

/// What was odd about an input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputWarningKind {
    /// The bytes were not valid UTF-8; invalid sequences were replaced with
    /// U+FFFD. `offset` is the 0-based byte offset of the first invalid sequence,
    /// in the file for a whole-file input, in the line for a JSON Lines line.
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A JSON Lines publication date (see [`DATE_KEYS`]) in no form chronomap
    /// reads; the article is read without it.
    UnreadableDate {
        /// The key it was given under.
        field: &'static str,
        /// The value as JSON (shortened if long).
        got: String,
    },
}

impl fmt::Display for InputWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            InputWarningKind::UnreadableDate { field, got } => write!(
                f,
                "{}: cannot read the date in \"{field}\": {got}; the article is read without it \
                 (expected e.g. 2025-06-26, 2025-06-26T10:00:00Z, Thu, 26 Jun 2025 10:00:00 GMT, \
                 June 26, 2025 or a Unix time)",
                self.origin
            ),
            InputWarningKind::InvalidUtf8 { offset } => {
                let scope = if self.origin.line.is_some() {
                    " of the line"
                } else {
                    ""
                };
                write!(
                    f,
                    "{}: invalid UTF-8 at byte {offset}{scope}; replaced with U+FFFD",
                    self.origin
                )
            }
        }
    }
}

/// One element of the input stream: an article, or a problem with an input.
#[derive(Debug)]
pub enum Item {
    /// An article, ready for analysis.
    Article(Article),
    /// An input (file or JSON Lines line) that yields no article.
    Error(InputError),
    /// An input that was read, with a caveat; the article follows the warning.
    Warning(InputWarning),
}

/// Expand the user's INPUT arguments into a lazy, ordered stream of articles and
/// per-input errors.
///
/// Order is argument order, then (for a directory) sorted walk order, then line
/// order. `-` is stdin, read when the stream reaches it (see [`read_stdin`]).
pub fn read_inputs(inputs: &[PathBuf]) -> impl Iterator<Item = Item> + Send {
    read_inputs_except(inputs, None)
}

/// [`read_inputs_except`], with articles over `max_article_bytes` skipped
/// (each an error naming it) and never read whole.
pub fn read_inputs_limited(
    inputs: &[PathBuf],
    except: Option<&Path>,
    max_article_bytes: usize,
) -> impl Iterator<Item = Item> + Send {
    let owned: Vec<PathBuf> = inputs.to_vec();
    let except: Option<PathBuf> = except.and_then(|p| p.canonicalize().ok());
    owned
        .into_iter()
        .flat_map(move |path| read_input(path, except.clone(), max_article_bytes))
}

/// [`read_inputs`], not entering the folder `except` when walking a directory:
/// the `--out` folder of an earlier run inside an input folder holds outputs,
/// not articles.
pub fn read_inputs_except(
    inputs: &[PathBuf],
    except: Option<&Path>,
) -> impl Iterator<Item = Item> + Send {
    read_inputs_limited(inputs, except, DEFAULT_MAX_ARTICLE_BYTES)
}

/// Read what `-` names, from `reader` (the real caller passes [`io::stdin`]).
///
/// If the first non-whitespace character (after an optional BOM) is `{`, the
/// content is JSON Lines, with default ids `stdin-<line>`; otherwise it is one
/// text article with id `stdin`. Errors and warnings name the path `-`.
pub fn read_stdin<'a, R: Read + Send + 'a>(
    reader: R,
) -> Box<dyn Iterator<Item = Item> + Send + 'a> {
    read_stdin_limited(reader, DEFAULT_MAX_ARTICLE_BYTES)
}

/// [`read_stdin`], with an article over `max` bytes skipped, never read whole.
pub fn read_stdin_limited<'a, R: Read + Send + 'a>(
    reader: R,
    max: usize,
) -> Box<dyn Iterator<Item = Item> + Send + 'a> {
    let path = "-";
    let mut reader = reader;
    let mut head = match read_head(&mut reader) {
        Ok(head) => head,
        Err(e) => return one(error(path, None, InputErrorKind::Io(e))),
    };
    if utf16_bom(&head).is_some() {
        // UTF-16 text: one article (its NULs are not binary).
        return match read_capped(&mut reader, &mut head, max) {
            Ok(()) => Box::new(text_items(head, path, "stdin".to_string()).into_iter()),
            Err(kind) => one(error(path, None, kind)),
        };
    }
    if is_binary(&head) {
        return one(error(path, None, InputErrorKind::Binary));
    }
    let jsonl = match sniff_json_lines(&mut reader, &mut head, max) {
        Ok(jsonl) => jsonl,
        Err(e) => return one(error(path, None, InputErrorKind::Io(e))),
    };
    if jsonl {
        return Box::new(JsonLines::new(
            Cursor::new(head).chain(reader),
            path,
            "stdin",
            max,
        ));
    }
    match read_capped(&mut reader, &mut head, max) {
        Ok(()) => Box::new(text_items(head, path, "stdin".to_string()).into_iter()),
        Err(kind) => one(error(path, None, kind)),
    }
}

/// Whether what `reader` gives (its start already in `head`) is JSON Lines:
/// its first non-blank line (after an optional BOM) parses as a JSON object.
/// Text that merely starts with `{` ("{Editor's note} ...") is text. Reads on,
/// onto `head`, to the end of that line, never past `max` bytes; a first line
/// longer than that is JSON Lines if it starts with `{` (its line is then
/// skipped as over `--max-article-bytes`, like any other).
fn sniff_json_lines(reader: &mut impl Read, head: &mut Vec<u8>, max: usize) -> io::Result<bool> {
    let skip = if head.starts_with(BOM) { BOM.len() } else { 0 };
    let mut scanned = skip;
    let mut first = None;
    loop {
        if first.is_none() {
            first = head[scanned..]
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .map(|k| scanned + k);
        }
        if let Some(at) = first {
            if head[at] != b'{' {
                return Ok(false);
            }
            if let Some(k) = head[at..].iter().position(|&b| b == b'\n') {
                return Ok(is_json_object(&head[at..at + k]));
            }
        }
        if head.len() > max {
            return Ok(first.is_some());
        }
        scanned = head.len();
        let room = (max + 1 - head.len()).min(64 * BINARY_SNIFF_LEN);
        if reader.take(room as u64).read_to_end(head)? == 0 {
            return Ok(first.is_some_and(|at| is_json_object(&head[at..])));
        }
    }
}

/// Whether a line is one JSON object (with or without a trailing CR; invalid
/// UTF-8 read as the JSON Lines reader reads it, replaced).
fn is_json_object(line: &[u8]) -> bool {
    let line = String::from_utf8_lossy(line.trim_ascii_end());
    line.starts_with('{') && serde_json::from_str::<serde::de::IgnoredAny>(&line).is_ok()
}

/// Read the rest of `reader` onto `buf`, unless `buf` would grow past `max`
/// bytes: then stop reading at once (`/dev/zero` never ends) and say so.
/// The buffer grows by doubling, as `read_to_end` grows it, but never past
/// `max + 1` bytes (`read_to_end` would double 32 MiB to 64 MiB for the byte
/// that tells the cap is passed: `yes Paris |` peaked at 129 MB), and not at
/// all when it already holds what is left (a file read into a buffer of its
/// length): a small probe tells the end first.
fn read_capped(
    reader: &mut impl Read,
    buf: &mut Vec<u8>,
    max: usize,
) -> Result<(), InputErrorKind> {
    let limit = max.saturating_add(1);
    while buf.len() < limit {
        if buf.len() == buf.capacity() {
            let mut probe = [0u8; 64];
            let n = read_some(reader, &mut probe).map_err(InputErrorKind::Io)?;
            if n == 0 {
                break;
            }
            let grow = buf.capacity().max(1 << 16).min(limit - buf.len());
            buf.reserve_exact(grow.max(n));
            buf.extend_from_slice(&probe[..n]);
            continue;
        }
        let spare = (buf.capacity() - buf.len()).min(limit - buf.len());
        let n = (&mut *reader)
            .take(spare as u64)
            .read_to_end(buf)
            .map_err(InputErrorKind::Io)?;
        if n < spare {
            break;
        }
    }
    if buf.len() > max {
        buf.clear();
        buf.shrink_to_fit();
        return Err(InputErrorKind::TooLarge(max));
    }
    Ok(())
}

/// One `read`, retried when interrupted.
fn read_some(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match reader.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            r => return r,
        }
    }
}

type Items = Box<dyn Iterator<Item = Item> + Send>;

fn one(item: Item) -> Items {
    Box::new(std::iter::once(item))
}

fn error(path: &str, line: Option<usize>, kind: InputErrorKind) -> Item {
    Item::Error(InputError {
        origin: Origin {
            path: path.to_string(),
            line,
        },
        kind,
    })
}

/// A path as printed on stderr: control characters (a terminal escape
/// sequence in a file name, a newline) and bidirectional overrides are shown
/// as `\x1b`, `\u{202e}`, never sent raw to the terminal.
pub fn shown(path: &Path) -> String {
    let raw = path.display().to_string();
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !raw.chars().any(unsafe_char) {
        return raw;
    }
    let mut out = String::with_capacity(raw.len() + 8);
    for c in raw.chars() {
        if !unsafe_char(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    out
}

/// One INPUT argument: stdin, a file or a directory.
fn read_input(path: PathBuf, except: Option<PathBuf>, max: usize) -> Items {
    if path.as_os_str() == "-" {
        return read_stdin_limited(io::stdin(), max);
    }
    let shown = shown(&path);
    match fs::metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            one(error(&shown, None, InputErrorKind::NotFound))
        }
        Err(e) => one(error(&shown, None, InputErrorKind::Io(e))),
        Ok(meta) if meta.is_dir() => read_dir(path, except, max),
        Ok(_) => read_file(&path, max),
    }
}

/// A directory, walked lazily; the entries of each directory (files and
/// subdirectories together) are taken in byte order of their names, so `B.txt`
/// comes before `a.txt` and a subdirectory `c` before `c.txt`. Hidden entries
/// are skipped, and only `.txt`, `.jsonl` and `.ndjson` files (in any letter
/// case) are read; symlinked files are read, symlinked directories not entered.
/// The folder `except` (canonical, the `--out` folder) is not entered, and
/// when it is walked all the same (it is `root`: `extract DIR --out DIR`), the
/// outputs an earlier run wrote there ([`crate::emit::OUTPUTS`]) are not read.
fn read_dir(root: PathBuf, except: Option<PathBuf>, max: usize) -> Items {
    let out_dir = except.clone();
    let walk = WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            let hidden = e.file_name().to_string_lossy().starts_with('.');
            let excepted = except.is_some()
                && e.file_type().is_dir()
                && e.path().canonicalize().ok() == except;
            e.depth() == 0 || !(hidden || excepted)
        });
    Box::new(walk.flat_map(move |entry| -> Items {
        match entry {
            Err(e) => {
                let shown = shown(e.path().unwrap_or(&root));
                let io_error = match e.into_io_error() {
                    Some(io_error) => io_error,
                    None => io::Error::other("filesystem loop"),
                };
                one(error(&shown, None, InputErrorKind::Io(io_error)))
            }
            Ok(entry) => {
                let file_type = entry.file_type();
                let is_file =
                    file_type.is_file() || (file_type.is_symlink() && entry.path().is_file());
                if entry.depth() == 0
                    || !is_file
                    || !has_input_extension(entry.path())
                    || is_earlier_output(entry.path(), out_dir.as_deref())
                {
                    return Box::new(std::iter::empty());
                }
                read_file(entry.path(), max)
            }
        }
    }))
}

/// Whether `path` is one of the outputs in the `--out` folder `out_dir`
/// (canonical).
fn is_earlier_output(path: &Path, out_dir: Option<&Path>) -> bool {
    let Some(out_dir) = out_dir else {
        return false;
    };
    let named_like_one = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| crate::emit::OUTPUTS.contains(&n));
    named_like_one
        && path
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .is_some_and(|p| p == out_dir)
}

fn extension_is(path: &Path, wanted: &[&str]) -> bool {
    path.extension()
        .map(|ext| {
            let ext = ext.to_string_lossy();
            wanted.iter().any(|w| ext.eq_ignore_ascii_case(w))
        })
        .unwrap_or(false)
}

fn is_jsonl(path: &Path) -> bool {
    extension_is(path, &["jsonl", "ndjson"])
}

fn has_input_extension(path: &Path) -> bool {
    extension_is(path, &["txt", "jsonl", "ndjson"])
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// One file: JSON Lines by extension, otherwise one text article.
fn read_file(path: &Path, max: usize) -> Items {
    let shown = shown(path);
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return one(error(&shown, None, InputErrorKind::Io(e))),
    };
    let mut head = match read_head(&mut file) {
        Ok(head) => head,
        Err(e) => return one(error(&shown, None, InputErrorKind::Io(e))),
    };
    if is_jsonl(path) {
        if let Some((_, bom)) = utf16_bom(&head) {
            return one(error(&shown, None, InputErrorKind::Utf16JsonLines(bom)));
        }
        if is_binary(&head) {
            return one(error(&shown, None, InputErrorKind::Binary));
        }
        let reader = Cursor::new(head).chain(file);
        Box::new(JsonLines::new(reader, &shown, &file_stem(path), max))
    } else {
        // Sniffed before it is read whole: `/dev/zero` is binary at once.
        if utf16_bom(&head).is_none() && is_binary(&head) {
            return one(error(&shown, None, InputErrorKind::Binary));
        }
        // The file's length, when known, sizes the buffer once: growing it by
        // doubling held one and a half copies of a large file at the peak.
        if let Ok(meta) = file.metadata() {
            let expected = usize::try_from(meta.len()).unwrap_or(usize::MAX);
            head.reserve_exact(expected.min(max).saturating_sub(head.len()) + 1);
        }
        match read_capped(&mut file, &mut head, max) {
            Ok(()) => Box::new(text_items(head, &shown, file_stem(path)).into_iter()),
            Err(kind) => one(error(&shown, None, kind)),
        }
    }
}

/// Up to the first [`BINARY_SNIFF_LEN`] bytes.
fn read_head(reader: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(BINARY_SNIFF_LEN);
    reader
        .take(BINARY_SNIFF_LEN as u64)
        .read_to_end(&mut head)?;
    Ok(head)
}

/// The UTF-16 byte order mark `bytes` start with: little-endian (`FF FE`) or
/// big-endian (`FE FF`).
fn utf16_bom(bytes: &[u8]) -> Option<(bool, &'static str)> {
    match bytes {
        [0xFF, 0xFE, ..] => Some((true, "FF FE")),
        [0xFE, 0xFF, ..] => Some((false, "FE FF")),
        _ => None,
    }
}

/// UTF-16 text after its byte order mark, decoded; unpaired surrogates (and a
/// stray last byte) become U+FFFD.
fn decode_utf16(body: &[u8], little_endian: bool) -> String {
    let units = body.chunks(2).map(|c| match (c, little_endian) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0)
}

/// Bytes to text: invalid sequences are replaced, and the warning (if any) gives
/// the offset of the first one, counted from `base`.
fn decode(bytes: &[u8], base: usize, origin: &Origin) -> (String, Option<InputWarning>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(e) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some(InputWarning {
                origin: origin.clone(),
                kind: InputWarningKind::InvalidUtf8 {
                    offset: base + e.valid_up_to(),
                },
            }),
        ),
    }
}

/// Bytes to text, taking the bytes: valid UTF-8 (the usual case) becomes the
/// article's text without a copy.
fn decode_owned(mut bytes: Vec<u8>, origin: &Origin) -> (String, Option<InputWarning>) {
    let base = if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
        BOM.len()
    } else {
        0
    };
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let bytes = e.into_bytes();
            decode(&bytes, base, origin)
        }
    }
}

/// Remove the invisible characters ([`crate::geo::fold::INVISIBLE`]: zero
/// width space, joiners, word joiner, soft hyphen, BOM) from an article's
/// text, in place, before anything reads it: a tokenizer splits a word at
/// them ("Ber\u{200d}lin" would be "Ber" and "lin"), and they show as nothing.
/// Offsets in the outputs count the code points of the text without them (a
/// consumer slicing the original text removes them first); the words quoted
/// in the outputs are as a reader sees them.
fn drop_invisible(text: &mut String) {
    // ASCII text (checked a word at a time) has none; otherwise their UTF-8
    // starts with one of these bytes.
    if !text.is_ascii() && text.bytes().any(|b| matches!(b, 0xC2 | 0xE2 | 0xEF)) {
        text.retain(|c| !crate::geo::fold::is_invisible(c));
    }
}

/// A whole-file (or whole-stdin) text input: one article, or one error.
fn text_items(bytes: Vec<u8>, path: &str, id: String) -> Vec<Item> {
    let origin = Origin {
        path: path.to_string(),
        line: None,
    };
    // UTF-16 (Windows Notepad's "Unicode") has NULs in ASCII text: its byte
    // order mark says it is text.
    let (text, warning) = if let Some((little_endian, _)) = utf16_bom(&bytes) {
        (decode_utf16(&bytes[2..], little_endian), None)
    } else {
        if is_binary(&bytes) {
            return vec![error(path, None, InputErrorKind::Binary)];
        }
        decode_owned(bytes, &origin)
    };
    let mut text = text;
    drop_invisible(&mut text);
    if text.trim().is_empty() {
        return vec![error(path, None, InputErrorKind::Empty)];
    }
    let mut items = Vec::with_capacity(2);
    items.extend(warning.map(Item::Warning));
    items.push(Item::Article(Article {
        id,
        text,
        date: None,
        title: None,
        url: None,
        origin,
    }));
    items
}

/// A JSON Lines stream, read one line at a time.
struct JsonLines<R> {
    reader: BufReader<R>,
    path: String,
    stem: String,
    line_no: usize,
    buf: Vec<u8>,
    seen_content: bool,
    /// Items of the last line not handed out yet, the next one last.
    pending: Vec<Item>,
    done: bool,
    /// The longest line read, in bytes.
    max: usize,
}

impl<R: Read> JsonLines<R> {
    fn new(reader: R, path: &str, stem: &str, max: usize) -> Self {
        JsonLines {
            reader: BufReader::new(reader),
            path: path.to_string(),
            stem: stem.to_string(),
            line_no: 0,
            buf: Vec::new(),
            seen_content: false,
            pending: Vec::new(),
            done: false,
            max,
        }
    }

    /// Skip the rest of an over-long line, up to its newline, holding
    /// nothing; false when the input ends first or the newline is too far
    /// (the rest of the input is then given up).
    fn skip_line(&mut self) -> io::Result<bool> {
        let mut skipped = 0usize;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(false);
            }
            if let Some(k) = chunk.iter().position(|&b| b == b'\n') {
                self.reader.consume(k + 1);
                return Ok(true);
            }
            let n = chunk.len();
            self.reader.consume(n);
            skipped += n;
            if skipped / MAX_SKIPPED_LIMITS > self.max {
                return Ok(false);
            }
        }
    }
}

impl<R: Read> Iterator for JsonLines<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(item) = self.pending.pop() {
            return Some(item);
        }
        while !self.done {
            self.buf.clear();
            let limit = self.max as u64 + 1;
            match (&mut self.reader)
                .take(limit)
                .read_until(b'\n', &mut self.buf)
            {
                Ok(0) => {
                    self.done = true;
                    if !self.seen_content {
                        return Some(error(&self.path, None, InputErrorKind::Empty));
                    }
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    let line = Some(self.line_no + 1);
                    return Some(error(&self.path, line, InputErrorKind::Io(e)));
                }
            }
            self.line_no += 1;
            if self.buf.len() > self.max && !self.buf.ends_with(b"\n") {
                self.buf = Vec::new();
                let line = Some(self.line_no);
                match self.skip_line() {
                    Ok(true) => {}
                    Ok(false) => self.done = true,
                    Err(e) => {
                        self.done = true;
                        return Some(error(&self.path, line, InputErrorKind::Io(e)));
                    }
                }
                self.seen_content = true;
                return Some(error(&self.path, line, InputErrorKind::TooLarge(self.max)));
            }
            let mut line = self.buf.as_slice();
            line = line.strip_suffix(b"\n").unwrap_or(line);
            line = line.strip_suffix(b"\r").unwrap_or(line);
            // A byte order mark starts the file, or any line of files joined
            // with `cat a.jsonl b.jsonl`.
            let mut base = 0;
            if let Some(rest) = line.strip_prefix(BOM) {
                line = rest;
                base = BOM.len();
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.seen_content = true;
            let origin = Origin {
                path: self.path.clone(),
                line: Some(self.line_no),
            };
            let (text, warning) = decode(line, base, &origin);
            let default_id = format!("{}-{}", self.stem, self.line_no);
            // Handed out as: the UTF-8 warning, the date warning, the item.
            match parse_line(&text, default_id, origin.clone()) {
                Ok((article, date_warning)) => {
                    self.pending.push(Item::Article(article));
                    if let Some(kind) = date_warning {
                        self.pending
                            .push(Item::Warning(InputWarning { origin, kind }));
                    }
                }
                Err(kind) => self.pending.push(Item::Error(InputError { origin, kind })),
            }
            self.pending.extend(warning.map(Item::Warning));
            return self.pending.pop();
        }
        None
    }
}

/// The fields of a JSON Lines line that chronomap reads, each as the JSON
/// value given (`None` when absent). Other fields are skipped without being
/// parsed into values, so that a number too large for a float in a field
/// nobody reads does not cost the line.
#[derive(serde::Deserialize)]
struct Fields {
    #[serde(default, deserialize_with = "present")]
    text: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    #[serde(default)]
    date: Option<Box<RawValue>>,
    #[serde(default)]
    date_publish: Option<Box<RawValue>>,
    #[serde(default)]
    published: Option<Box<RawValue>>,
    #[serde(default)]
    published_at: Option<Box<RawValue>>,
    #[serde(default, rename = "pubDate")]
    pub_date: Option<Box<RawValue>>,
    #[serde(default, rename = "datePublished")]
    date_published: Option<Box<RawValue>>,
    #[serde(default)]
    timestamp: Option<Box<RawValue>>,
    #[serde(default, deserialize_with = "present")]
    title: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    url: Option<Value>,
}

/// A field that is there, `null` included (absent ones are `None` by default).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    <Value as serde::Deserialize>::deserialize(d).map(Some)
}

/// An article read from a JSON Lines line, and what was odd about it.
type Parsed = Result<(Article, Option<InputWarningKind>), InputErrorKind>;

/// One JSON Lines line to an article.
fn parse_line(line: &str, default_id: String, origin: Origin) -> Parsed {
    // (serde reads a struct from an array too: only an object is tried.)
    let object = line.trim_start().starts_with('{');
    if let Some(f) = object
        .then(|| serde_json::from_str::<Fields>(line).ok())
        .flatten()
    {
        let mut fields = Map::new();
        for (k, v) in [
            ("text", f.text),
            ("id", f.id),
            ("title", f.title),
            ("url", f.url),
        ] {
            if let Some(v) = v {
                fields.insert(k.to_string(), v);
            }
        }
        // The date fields are kept as written: a number no f64 holds
        // (`1e400`) is an unreadable date, not an unreadable line.
        let mut huge = Vec::new();
        for (k, raw) in [
            ("date", f.date),
            ("date_publish", f.date_publish),
            ("published", f.published),
            ("published_at", f.published_at),
            ("pubDate", f.pub_date),
            ("datePublished", f.date_published),
            ("timestamp", f.timestamp),
        ] {
            let Some(raw) = raw else { continue };
            let v = serde_json::from_str(raw.get()).unwrap_or_else(|_| {
                huge.push(k);
                Value::String(raw.get().to_string())
            });
            fields.insert(k.to_string(), v);
        }
        return article_of(fields, default_id, origin, &huge);
    }
    // Not a line of those fields (not JSON, not an object, a field given
    // twice): parsed whole, for the error message, or for the last of
    // duplicated fields as before.
    let value: Value = serde_json::from_str(line).map_err(|e| {
        // The line is parsed on its own, so "line 1" says nothing.
        InputErrorKind::NotJson(e.to_string().replace(" at line 1 column ", " at column "))
    })?;
    let Value::Object(fields) = value else {
        return Err(InputErrorKind::NotObject(render(&value)));
    };
    article_of(fields, default_id, origin, &[])
}

/// The fields of a line to an article; `huge` names the date fields whose
/// value is a number out of range (kept as its text).
fn article_of(
    mut fields: Map<String, Value>,
    default_id: String,
    origin: Origin,
    huge: &[&str],
) -> Parsed {
    // The fields are taken out of the parsed line, not copied.
    let text = match fields.remove("text") {
        None => return Err(InputErrorKind::MissingField("text")),
        Some(Value::String(mut s)) => {
            drop_invisible(&mut s);
            if s.trim().is_empty() {
                return Err(InputErrorKind::EmptyField("text"));
            }
            s
        }
        Some(other) => return Err(bad_field("text", "a string", &other)),
    };
    let id = match fields.remove("id") {
        None | Some(Value::Null) => default_id,
        Some(Value::String(s)) if s.is_empty() => default_id,
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => return Err(bad_field("id", "a string or number", &other)),
    };
    let (date, warning) = publication_date(&fields, huge);
    let title = optional_string(&mut fields, "title")?;
    let url = optional_string(&mut fields, "url")?;
    let article = Article {
        id,
        text,
        date,
        title,
        url,
        origin,
    };
    Ok((article, warning))
}

/// The publication date of a line (see [`DATE_KEYS`]), or the warning that
/// it could not be read: the article is read without it, never dropped.
fn publication_date(
    fields: &Map<String, Value>,
    huge: &[&str],
) -> (Option<NaiveDate>, Option<InputWarningKind>) {
    let Some((field, value)) = date_field(fields) else {
        return (None, None);
    };
    let out_of_range = huge.contains(&field);
    match date_value(value).filter(|_| !out_of_range) {
        Some(date) => (Some(date), None),
        None => (
            None,
            Some(InputWarningKind::UnreadableDate {
                field,
                got: match value {
                    Value::String(raw) if out_of_range => shorten(raw),
                    _ => render(value),
                },
            }),
        ),
    }
}

fn optional_string(
    fields: &mut Map<String, Value>,
    field: &'static str,
) -> Result<Option<String>, InputErrorKind> {
    match fields.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(bad_field(field, "a string or null", &other)),
    }
}

fn bad_field(field: &'static str, expected: &'static str, value: &Value) -> InputErrorKind {
    InputErrorKind::BadField {
        field,
        expected,
        got: render(value),
    }
}

/// A JSON value for an error message, shortened to about 40 characters.
fn render(value: &Value) -> String {
    shorten(&value.to_string())
}

/// Text for an error message, shortened to about 40 characters.
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let mut short: String = text.chars().take(MAX).collect();
    short.push('…');
    short
}

/// The keys a JSON Lines line may give its publication date under, in the
/// order they are tried: the first one present (and not `null` or `""`) is
/// read, the others are not looked at.
pub const DATE_KEYS: [&str; 7] = [
    "date",
    "date_publish",
    "published",
    "published_at",
    "pubDate",
    "datePublished",
    "timestamp",
];

/// A number this large or larger in a date field is a Unix time in
/// milliseconds; a smaller one is in seconds. (10^11 seconds is the year
/// 5138; 10^11 milliseconds is March 1973.)
const MILLISECONDS_FROM: f64 = 1e11;

/// The first date field present among [`DATE_KEYS`], as its key and value.
fn date_field(fields: &Map<String, Value>) -> Option<(&'static str, &Value)> {
    DATE_KEYS.iter().find_map(|&k| match fields.get(k) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(v) => Some((k, v)),
    })
}

/// A publication date as feeds write it, as the calendar day of publication
/// in the zone the value states (never converted to UTC: "2014-12-30T23:30-05:00"
/// is December 30). Strings: ISO 8601 (`2014-12-30`, with a time, fractional
/// seconds and a zone or none, `T` or a space between), RFC 2822 (`Tue, 30 Dec
/// 2014 10:00:00 GMT`), `December 30, 2014`, `Dec. 30, 2014`, `30 December
/// 2014` (a time may follow), and digits as an integer is read. Integers:
/// eight digits that make a date are that date (`20141230`); nine digits or
/// more are a Unix time (seconds, or milliseconds from [`MILLISECONDS_FROM`]
/// on), whose day is the UTC day, as is a fractional number's.
fn date_value(v: &Value) -> Option<NaiveDate> {
    match v {
        Value::String(s) => parse_date(s),
        // An integer is read as a string of digits would be.
        Value::Number(n) if n.is_u64() => parse_date(&n.to_string()),
        Value::Number(n) => unix_day(n.as_f64()?),
        _ => None,
    }
}

/// The UTC day of a Unix time in seconds or milliseconds.
fn unix_day(t: f64) -> Option<NaiveDate> {
    if !t.is_finite() {
        return None;
    }
    let seconds = if t.abs() >= MILLISECONDS_FROM {
        t / 1000.0
    } else {
        t
    };
    let days = (seconds / 86_400.0).floor();
    if days.abs() > 3e6 {
        return None;
    }
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(chrono::Duration::days(days as i64))
}

/// A date string in any of the forms [`date_value`] reads.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        // Eight digits that make a date are one (ISO 8601's basic form).
        let basic = (s.len() == 8)
            .then(|| NaiveDate::parse_from_str(s, "%Y%m%d").ok())
            .flatten();
        // Nine digits or more are a Unix time (from March 1973 on); fewer,
        // a bare year or a count, are not a date.
        return basic.or_else(|| (s.len() >= 9).then(|| unix_day(s.parse().ok()?))?);
    }
    iso_date(s)
        .or_else(|| {
            chrono::DateTime::parse_from_rfc2822(s)
                .ok()
                .map(|t| t.date_naive())
        })
        .or_else(|| written_date(s))
}

/// `December 30, 2014`, `Dec. 30 2014`, `Tuesday, 30 December 2014`: the
/// month by its name or abbreviation, optionally after a weekday, optionally
/// followed by a time (not read).
fn written_date(s: &str) -> Option<NaiveDate> {
    let s = match s.split_once(", ") {
        Some((weekday, rest)) if is_weekday(weekday) => rest,
        _ => s,
    };
    // chrono reads "Dec" and "December", not "Dec." or "Sept".
    let s = s.replacen('.', "", 1).replacen("Sept", "Sep", 1);
    for format in ["%B %d, %Y", "%B %d %Y", "%d %B %Y", "%d %B, %Y"] {
        if let Ok((date, rest)) = NaiveDate::parse_and_remainder(&s, format) {
            // The year as four digits ("June 2025" is not June 20 of year 25).
            let year_written =
                (1000..=9999).contains(&date.year()) && s.contains(&date.year().to_string());
            if year_written && (rest.is_empty() || rest.starts_with([' ', ',', 'T'])) {
                return Some(date);
            }
        }
    }
    None
}

fn is_weekday(word: &str) -> bool {
    word.parse::<chrono::Weekday>().is_ok()
}

/// `YYYY-MM-DD`, or an RFC 3339 / ISO 8601 timestamp starting with one
/// (`YYYY-MM-DDTHH:MM...`), whose date part is taken as written (no time-zone
/// conversion).
fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &b[range];
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
    if b.len() == 10 {
        return Some(date);
    }
    // A time must follow: a `T` (or space) and at least `HH:MM`.
    if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 16 || b[13] != b':' {
        return None;
    }
    NaiveTime::from_hms_opt(digits(11..13)?, digits(14..16)?, 0)?;
    Some(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A scratch directory under the system temp dir, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(tag: &str) -> Scratch {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let n = COUNTER.fetch_add(1, Ordering::SeqCst);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let dir = std::env::temp_dir().join(format!(
                "chronomap-input-{tag}-{}-{n}-{nanos}",
                std::process::id()
            ));
            fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }

        fn path(&self, rel: &str) -> PathBuf {
            self.0.join(rel)
        }

        fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
            let path = self.path(rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).unwrap();
            }
            fs::write(&path, bytes).unwrap();
            path
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn collect(inputs: &[PathBuf]) -> Vec<Item> {
        read_inputs(inputs).collect()
    }

    fn article(item: &Item) -> &Article {
        match item {
            Item::Article(a) => a,
            other => panic!("expected an article, got {other:?}"),
        }
    }

    fn error_text(item: &Item) -> String {
        match item {
            Item::Error(e) => e.to_string(),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    fn warning(item: &Item) -> &InputWarning {
        match item {
            Item::Warning(w) => w,
            other => panic!("expected a warning, got {other:?}"),
        }
    }

    /// A compact summary: `A:id`, `E:message`, `W:message`.
    fn summary(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|item| match item {
                Item::Article(a) => format!("A:{}", a.id),
                Item::Error(e) => format!("E:{e}"),
                Item::Warning(w) => format!("W:{w}"),
            })
            .collect()
    }

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn a_utf8_bom_at_the_start_of_a_middle_json_lines_line_is_accepted() {
        let dir = Scratch::new("bom");
        let line = |id: &str| format!("{{\"id\":\"{id}\",\"text\":\"Paris on Monday.\"}}\n");
        // `cat a.jsonl b.jsonl` of two files saved with a BOM.
        let joined = format!("\u{feff}{}\u{feff}{}", line("a"), line("b"));
        let path = dir.write("joined.jsonl", joined);
        let items = collect(std::slice::from_ref(&path));
        assert_eq!(summary(&items), ["A:a", "A:b"]);
    }

    #[test]
    fn a_huge_number_in_an_ignored_json_field_does_not_reject_the_line() {
        let dir = Scratch::new("huge");
        let big = "9".repeat(400);
        let path = dir.write(
            "feed.jsonl",
            format!(
                "{{\"id\":\"a\",\"score\":{big}e999,\"nested\":{{\"n\":-{big}}},\"text\":\"Paris on Monday.\"}}\n\
                 {{\"id\":\"b\",\"text\":\"x\",\"text\":\"Lyon on Friday.\"}}\n\
                 {{\"id\":{big}e999,\"text\":\"Rome.\"}}\n\
                 [1]\n"
            ),
        );
        let items = collect(std::slice::from_ref(&path));
        let s = summary(&items);
        assert_eq!(s[0], "A:a");
        // A field given twice: the last one, as before.
        assert_eq!(s[1], "A:b");
        assert_eq!(article(&items[1]).text, "Lyon on Friday.");
        // A huge number where one is read (the id) is still an error.
        assert!(
            s[2].starts_with("E:") && s[2].contains(":3: not JSON"),
            "{s:?}"
        );
        assert!(s[3].contains("expected a JSON object, got [1]"), "{s:?}");
    }

    #[test]
    fn a_stream_near_the_cap_is_held_in_at_most_the_cap() {
        // `yes Paris |` past a 32 MiB cap once grew its buffer to 64 MiB for
        // the byte that tells the cap is passed (129 MB peak).
        let max = 3_000_000;
        let mut buf = Vec::new();
        let mut stream = io::repeat(b'x').take(max as u64);
        read_capped(&mut stream, &mut buf, max).unwrap();
        assert_eq!(buf.len(), max);
        assert!(buf.capacity() <= max + 1, "{}", buf.capacity());
        let mut over = io::repeat(b'x').take(max as u64 + 10);
        let mut buf = Vec::new();
        assert!(matches!(
            read_capped(&mut over, &mut buf, max),
            Err(InputErrorKind::TooLarge(m)) if m == max
        ));
        // A buffer that already holds what is left does not grow at all.
        let mut buf = Vec::with_capacity(1000);
        read_capped(&mut Cursor::new(vec![b'y'; 1000]), &mut buf, max).unwrap();
        assert_eq!((buf.len(), buf.capacity()), (1000, 1000));
    }

    #[test]
    fn a_huge_number_in_a_date_field_is_an_unreadable_date() {
        // A number no f64 holds, where a date is read: a warning naming the
        // line, and the article analysed without the date (the first date
        // field present is the one read, as for any unreadable date).
        let dir = Scratch::new("huge-date");
        let path = dir.write(
            "feed.jsonl",
            concat!(
                "{\"id\":\"a\",\"text\":\"Paris on Monday.\",\"date\":1e400}\n",
                "{\"id\":\"b\",\"text\":\"Lyon.\",\"timestamp\":-1e400,\"x\":[1e999]}\n",
                "{\"id\":\"c\",\"text\":\"Rome.\",\"date\":1e400,\"published\":\"2014-12-30\"}\n",
                "{\"id\":\"d\",\"text\":\"Nice.\",\"pubDate\":12e3,\"date\":null}\n",
            ),
        );
        let p = path.display();
        let items = collect(std::slice::from_ref(&path));
        assert_eq!(
            summary(&items),
            [
                format!("W:{p}:1: cannot read the date in \"date\": 1e400; {UNREAD}"),
                "A:a".to_string(),
                format!("W:{p}:2: cannot read the date in \"timestamp\": -1e400; {UNREAD}"),
                "A:b".to_string(),
                format!("W:{p}:3: cannot read the date in \"date\": 1e400; {UNREAD}"),
                "A:c".to_string(),
                "A:d".to_string(),
            ]
        );
        assert_eq!(article(&items[1]).text, "Paris on Monday.");
        assert_eq!(article(&items[1]).date, None);
        // A number in range still reads as a Unix time (12,000 s: 1970-01-01).
        assert_eq!(article(&items[6]).date, date(1970, 1, 1));
    }

    #[test]
    fn utf16_files_with_a_bom_are_decoded_not_called_binary() {
        let dir = Scratch::new("utf16");
        let text = "PARIS, June 26 - Talks in Lyon ended on Thursday. Café.\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let (a, b) = (dir.write("le.txt", &le), dir.write("be.txt", &be));
        let items = collect(&[a, b]);
        assert_eq!(summary(&items), ["A:le", "A:be"]);
        assert_eq!(article(&items[0]).text, text);
        assert_eq!(article(&items[1]).text, text);
        let from_stdin: Vec<Item> = read_stdin(Cursor::new(le.clone())).collect();
        assert_eq!(article(&from_stdin[0]).text, text);
        // JSON Lines must be UTF-8: a clear error naming the file.
        let j = dir.write("feed.jsonl", &le);
        let e = error_text(&collect(std::slice::from_ref(&j))[0]);
        assert!(
            e.contains("feed.jsonl: UTF-16 text (byte order mark FF FE)"),
            "{e}"
        );
    }

    #[test]
    fn file_names_with_terminal_escapes_are_printed_escaped() {
        let p = Path::new("evil\x1b]0;pwned\x07\u{202e}txt.txt");
        assert_eq!(shown(p), "evil\\x1b]0;pwned\\x07\\u{202e}txt.txt");
        assert_eq!(shown(Path::new("plain/é.txt")), "plain/é.txt");
        let dir = Scratch::new("esc");
        let missing = dir.path("a\x1b[2Jb.txt");
        let items = collect(std::slice::from_ref(&missing));
        let e = error_text(&items[0]);
        assert!(!e.contains('\x1b') && e.contains("a\\x1b[2Jb.txt"), "{e}");
    }

    #[test]
    fn txt_file_is_one_article_named_by_stem() {
        let dir = Scratch::new("txt");
        let path = dir.write("story.one.txt", "QINGDAO, Jun 26: Text.\nMore.\n");
        let items = collect(std::slice::from_ref(&path));
        assert_eq!(items.len(), 1);
        let a = article(&items[0]);
        assert_eq!(a.id, "story.one");
        assert_eq!(a.text, "QINGDAO, Jun 26: Text.\nMore.\n");
        assert_eq!(a.date, None);
        assert_eq!(a.origin.path, path.display().to_string());
        assert_eq!(a.origin.line, None);
    }

    #[test]
    fn other_extensions_given_explicitly_are_text() {
        let dir = Scratch::new("ext");
        let md = dir.write("notes.md", "{\"text\": \"not parsed\"}\n");
        let bare = dir.write("README", "plain");
        let items = collect(&[md, bare]);
        assert_eq!(summary(&items), ["A:notes", "A:README"]);
        assert_eq!(article(&items[0]).text, "{\"text\": \"not parsed\"}\n");
    }

    #[test]
    fn jsonl_bad_lines_are_errors_and_reading_goes_on() {
        let dir = Scratch::new("jsonl-mixed");
        let path = dir.write(
            "news.jsonl",
            concat!(
                "{\"id\": \"a1\", \"text\": \"First.\", \"date\": \"2025-06-26\"}\n",
                "this is not json\n",
                "{\"id\": \"a3\", \"title\": \"No text\"}\n",
                "{\"text\": \"Numeric date.\", \"date\": 20250626}\n",
                "{\"id\": 5, \"text\": \"Last.\"}\n",
            ),
        );
        let p = path.display();
        let items = collect(std::slice::from_ref(&path));
        assert_eq!(items.len(), 5);
        let first = article(&items[0]);
        assert_eq!(first.id, "a1");
        assert_eq!(first.text, "First.");
        assert_eq!(first.date, date(2025, 6, 26));
        assert_eq!(first.origin.line, Some(1));
        assert_eq!(
            error_text(&items[1]),
            format!("{p}:2: not JSON: expected ident at column 2")
        );
        assert_eq!(
            error_text(&items[2]),
            format!("{p}:3: missing \"text\" field")
        );
        // Eight digits that make a date are that date.
        assert_eq!(article(&items[3]).date, date(2025, 6, 26));
        let last = article(&items[4]);
        assert_eq!(last.id, "5");
        assert_eq!(last.text, "Last.");
        assert_eq!(last.origin.to_string(), format!("{p}:5"));
        match &items[2] {
            Item::Error(e) => {
                assert!(matches!(e.kind(), InputErrorKind::MissingField("text")));
                assert_eq!(e.origin.line, Some(3));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn jsonl_not_json_message_names_column() {
        let dir = Scratch::new("jsonl-notjson");
        let path = dir.write(
            "news.jsonl",
            "{\"text\": \"ok\"}\n{\"text\": \"ok\"} trailing\n\u{1}\n",
        );
        let items = collect(std::slice::from_ref(&path));
        let p = path.display();
        assert_eq!(
            summary(&items),
            [
                "A:news-1".to_string(),
                format!("E:{p}:2: not JSON: trailing characters at column 16"),
                format!("E:{p}:3: not JSON: expected value at column 1"),
            ]
        );
    }

    /// The end of the warning for an unreadable date.
    const UNREAD: &str = "the article is read without it (expected e.g. 2025-06-26, \
        2025-06-26T10:00:00Z, Thu, 26 Jun 2025 10:00:00 GMT, June 26, 2025 or a Unix time)";

    #[test]
    fn jsonl_fields() {
        let dir = Scratch::new("jsonl-fields");
        let path = dir.write(
            "feed.ndjson",
            concat!(
                "{\"text\": \"default id\", \"extra\": [1, 2], \"title\": null, \"url\": null}\n",
                "\n",
                "   \n",
                "{\"text\": \"t\", \"id\": \"s\", \"title\": \"T\", \"url\": \"https://x.test/a\"}\n",
                "{\"text\": \"t\", \"id\": 12.5}\n",
                "{\"text\": \"t\", \"id\": null, \"date\": null}\n",
                "{\"text\": \"t\", \"date\": \"2025-06-26T23:30:00-05:00\"}\n",
                "{\"text\": \"t\", \"date\": \"2025-06-26T10:00:00\"}\n",
                "{\"text\": \"t\", \"date\": \"2025-06-26 10:00Z\"}\n",
                "{\"text\": \"t\", \"date\": \"26/06/2025\"}\n",
                "{\"text\": \"t\", \"date\": \"2025-13-01\"}\n",
                "{\"text\": \"t\", \"date\": \"2025-06-26junk\"}\n",
                "{\"text\": 7}\n",
                "{\"text\": \"  \"}\n",
                "{\"text\": \"t\", \"id\": [1]}\n",
                "{\"text\": \"t\", \"title\": 3}\n",
                "{\"text\": \"t\", \"url\": {\"href\": \"x\"}}\n",
                "[\"text\"]\n",
            ),
        );
        let p = path.display();
        let items = collect(std::slice::from_ref(&path));
        assert_eq!(
            summary(&items),
            [
                "A:feed-1".to_string(),
                "A:s".to_string(),
                "A:12.5".to_string(),
                "A:feed-6".to_string(),
                "A:feed-7".to_string(),
                "A:feed-8".to_string(),
                "A:feed-9".to_string(),
                // An unreadable date costs the date, not the article.
                format!("W:{p}:10: cannot read the date in \"date\": \"26/06/2025\"; {UNREAD}"),
                "A:feed-10".to_string(),
                format!("W:{p}:11: cannot read the date in \"date\": \"2025-13-01\"; {UNREAD}"),
                "A:feed-11".to_string(),
                format!("W:{p}:12: cannot read the date in \"date\": \"2025-06-26junk\"; {UNREAD}"),
                "A:feed-12".to_string(),
                format!("E:{p}:13: \"text\" must be a string, got 7"),
                format!("E:{p}:14: \"text\" field is empty"),
                format!("E:{p}:15: \"id\" must be a string or number, got [1]"),
                format!("E:{p}:16: \"title\" must be a string or null, got 3"),
                format!("E:{p}:17: \"url\" must be a string or null, got {{\"href\":\"x\"}}"),
                format!("E:{p}:18: expected a JSON object, got [\"text\"]"),
            ]
        );
        let first = article(&items[0]);
        assert_eq!((first.title.as_deref(), first.url.as_deref()), (None, None));
        let second = article(&items[1]);
        assert_eq!(second.title.as_deref(), Some("T"));
        assert_eq!(second.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(second.origin.line, Some(4));
        assert_eq!(article(&items[3]).date, None);
        // The date part as written, not converted to UTC.
        assert_eq!(article(&items[4]).date, date(2025, 6, 26));
        assert_eq!(article(&items[5]).date, date(2025, 6, 26));
        assert_eq!(article(&items[6]).date, date(2025, 6, 26));
    }

    #[test]
    fn jsonl_crlf_and_bom() {
        let dir = Scratch::new("jsonl-crlf");
        let path = dir.write(
            "w.jsonl",
            "\u{feff}{\"text\": \"one\"}\r\n\r\n{\"text\": \"two\\r\\n\"}\r\n",
        );
        let items = collect(&[path]);
        assert_eq!(summary(&items), ["A:w-1", "A:w-3"]);
        assert_eq!(article(&items[0]).text, "one");
        assert_eq!(article(&items[1]).text, "two\r\n");
    }

    #[test]
    fn txt_bom_is_stripped() {
        let dir = Scratch::new("bom");
        let path = dir.write("b.txt", "\u{feff}Hello.");
        let items = collect(&[path]);
        assert_eq!(article(&items[0]).text, "Hello.");
    }

    #[test]
    fn empty_inputs_are_errors() {
        let dir = Scratch::new("empty");
        let empty = dir.write("empty.txt", "");
        let blank = dir.write("blank.txt", "\u{feff} \n\t\n");
        let jsonl = dir.write("none.jsonl", "\n  \n");
        let after = dir.write("after.txt", "x");
        let items = collect(&[empty.clone(), blank.clone(), jsonl.clone(), after]);
        assert_eq!(
            summary(&items),
            [
                format!("E:{}: empty file", empty.display()),
                format!("E:{}: empty file", blank.display()),
                format!("E:{}: empty file", jsonl.display()),
                "A:after".to_string(),
            ]
        );
    }

    #[test]
    fn missing_and_unreadable_paths_are_errors() {
        let dir = Scratch::new("missing");
        let missing = dir.path("missing.txt");
        let file = dir.write("file.txt", "x");
        // A path "under" a regular file: exists-check fails, but not with NotFound.
        let under_file = file.join("child.txt");
        let good = dir.write("good.txt", "Good.");
        let items = collect(&[missing.clone(), under_file.clone(), good]);
        assert_eq!(items.len(), 3);
        assert_eq!(
            error_text(&items[0]),
            format!("{}: no such file or directory", missing.display())
        );
        let unreadable = error_text(&items[1]);
        assert!(
            unreadable.starts_with(&format!("{}: cannot read: ", under_file.display())),
            "{unreadable}"
        );
        assert_eq!(article(&items[2]).id, "good");
    }

    #[test]
    fn binary_files_are_skipped() {
        let dir = Scratch::new("binary");
        let txt = dir.write("image.txt", b"GIF89a\x00\x01\x02");
        let jsonl = dir.write("data.jsonl", b"{\"text\": \"a\"}\n\x00\x00\n");
        // A NUL after the first 8 KB does not make a file binary.
        let mut late = vec![b'a'; BINARY_SNIFF_LEN];
        late.push(0);
        let late = dir.write("late.txt", late);
        let items = collect(&[txt.clone(), jsonl.clone(), late]);
        assert_eq!(
            summary(&items),
            [
                format!("E:{}: looks like a binary file", txt.display()),
                format!("E:{}: looks like a binary file", jsonl.display()),
                "A:late".to_string(),
            ]
        );
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let dir = Scratch::new("utf8");
        let txt = dir.write("bad.txt", b"\xEF\xBB\xBFcaf\xC3\xA9 \xFF ok \xFE");
        let jsonl = dir.write(
            "bad.jsonl",
            b"{\"text\": \"fine\"}\n{\"text\": \"x\xC3(y\"}\n{\"text\": \"\xFF\"}\nnot json \xFF\n",
        );
        let items = collect(&[txt.clone(), jsonl.clone()]);
        assert_eq!(items.len(), 9, "{items:?}");

        let w = warning(&items[0]);
        assert_eq!(w.kind(), &InputWarningKind::InvalidUtf8 { offset: 9 });
        assert_eq!(w.origin.line, None);
        assert_eq!(
            w.to_string(),
            format!(
                "{}: invalid UTF-8 at byte 9; replaced with U+FFFD",
                txt.display()
            )
        );
        assert_eq!(article(&items[1]).text, "café \u{fffd} ok \u{fffd}");

        assert_eq!(article(&items[2]).text, "fine");
        let w = warning(&items[3]);
        assert_eq!(w.kind(), &InputWarningKind::InvalidUtf8 { offset: 11 });
        assert_eq!(
            w.to_string(),
            format!(
                "{}:2: invalid UTF-8 at byte 11 of the line; replaced with U+FFFD",
                jsonl.display()
            )
        );
        assert_eq!(article(&items[4]).text, "x\u{fffd}(y");
        assert_eq!(warning(&items[5]).origin.line, Some(3));
        assert_eq!(article(&items[6]).text, "\u{fffd}");
        // A bad line still gets its warning first, then its error.
        assert_eq!(warning(&items[7]).origin.line, Some(4));
        assert_eq!(
            error_text(&items[8]),
            format!(
                "{}:4: not JSON: expected ident at column 2",
                jsonl.display()
            )
        );
    }

    #[test]
    fn directories_are_walked_in_name_order() {
        let dir = Scratch::new("walk");
        let root = dir.path("corpus");
        dir.write("corpus/b/z.txt", "bz");
        dir.write(
            "corpus/b/a.jsonl",
            "{\"text\": \"ba1\"}\n{\"text\": \"ba2\"}\n",
        );
        dir.write("corpus/a.txt", "a");
        dir.write(
            "corpus/c/d/e.ndjson",
            "{\"id\": \"cde\", \"text\": \"x\"}\n",
        );
        dir.write("corpus/c.txt", "c");
        dir.write("corpus/B.TXT", "upper");
        // Skipped: other extensions, hidden files and directories.
        dir.write("corpus/notes.md", "md");
        dir.write("corpus/data.json", "{}");
        dir.write("corpus/.hidden.txt", "hidden");
        dir.write("corpus/.git/x.txt", "hidden dir");
        dir.write("corpus/b/.cache/y.jsonl", "{\"text\": \"hidden\"}\n");
        dir.write("corpus/binary.txt", b"\x00");
        let items = collect(std::slice::from_ref(&root));
        let binary = root.join("binary.txt");
        assert_eq!(
            summary(&items),
            [
                "A:B".to_string(),
                "A:a".to_string(),
                "A:a-1".to_string(),
                "A:a-2".to_string(),
                "A:z".to_string(),
                format!("E:{}: looks like a binary file", binary.display()),
                // The directory "c" sorts before the file "c.txt".
                "A:cde".to_string(),
                "A:c".to_string(),
            ]
        );
        assert_eq!(
            article(&items[2]).origin.path,
            root.join("b").join("a.jsonl").display().to_string()
        );
        assert_eq!(article(&items[0]).text, "upper");
    }

    #[test]
    fn arguments_keep_their_order() {
        let dir = Scratch::new("order");
        let b = dir.write("b.txt", "b");
        let a = dir.write("a.txt", "a");
        let sub = dir.path("sub");
        dir.write("sub/m.txt", "m");
        let hidden = dir.write(".explicit.txt", "given explicitly, so read");
        let items = collect(&[b, sub, a.clone(), hidden, a]);
        assert_eq!(summary(&items), ["A:b", "A:m", "A:a", "A:.explicit", "A:a"]);
    }

    #[test]
    fn stdin_with_brace_is_jsonl() {
        let input = "\n  \t{\"text\": \"one\", \"id\": 1}\n\n{\"text\": \"two\"}\nnope\n";
        let items: Vec<Item> = read_stdin(Cursor::new(input)).collect();
        assert_eq!(
            summary(&items),
            [
                "A:1",
                "A:stdin-4",
                "E:-:5: not JSON: expected ident at column 2"
            ]
        );
        assert_eq!(article(&items[1]).origin.to_string(), "-:4");
    }

    #[test]
    fn plain_text_on_stdin_that_starts_with_a_brace_is_text() {
        for input in [
            "{Editor's note: updated.} PARIS, June 26 (Reuters) - Talks began.\n",
            "{\"not\": closed\nPARIS - Talks began.\n",
            "  {braces} and no newline at all",
            "{\"text\": \"an object, but not alone\"} and more words\n",
        ] {
            let items: Vec<Item> = read_stdin(Cursor::new(input)).collect();
            assert_eq!(summary(&items), ["A:stdin"], "{input:?}");
            assert_eq!(article(&items[0]).text, input);
        }
        // A first line that is an object, with no newline after it, is JSON Lines.
        let items: Vec<Item> = read_stdin(Cursor::new("{\"text\": \"only\"}")).collect();
        assert_eq!(summary(&items), ["A:stdin-1"]);
        // So is one found after more than a sniffing chunk of its own bytes.
        let long = format!(
            "{{\"text\": \"{}\"}}\r\n{{\"text\": \"b\"}}\n",
            "x".repeat(3 * BINARY_SNIFF_LEN)
        );
        let items: Vec<Item> = read_stdin(Cursor::new(long)).collect();
        assert_eq!(summary(&items), ["A:stdin-1", "A:stdin-2"]);
    }

    #[test]
    fn stdin_without_brace_is_one_text_article() {
        let input = "  HONG KONG, June 26 (Reuters) - {braces} later.\n{\"text\": \"x\"}\n";
        let items: Vec<Item> = read_stdin(Cursor::new(input)).collect();
        assert_eq!(items.len(), 1);
        let a = article(&items[0]);
        assert_eq!(a.id, "stdin");
        assert_eq!(a.text, input);
        assert_eq!(a.origin.to_string(), "-");
    }

    #[test]
    fn stdin_bom_long_whitespace_and_problems() {
        // BOM, then more whitespace than one sniffing chunk, then JSON Lines.
        let mut input = BOM.to_vec();
        input.extend(std::iter::repeat_n(b'\n', 3 * BINARY_SNIFF_LEN + 7));
        input.extend_from_slice(b"{\"text\": \"late\"}\n");
        let items: Vec<Item> = read_stdin(Cursor::new(input)).collect();
        assert_eq!(
            summary(&items),
            [format!("A:stdin-{}", 3 * BINARY_SNIFF_LEN + 8)]
        );

        let items: Vec<Item> = read_stdin(Cursor::new("\u{feff}Text.")).collect();
        assert_eq!(article(&items[0]).text, "Text.");

        let items: Vec<Item> = read_stdin(Cursor::new(" \n ")).collect();
        assert_eq!(summary(&items), ["E:-: empty file"]);

        let items: Vec<Item> = read_stdin(Cursor::new(b"ab\x00cd")).collect();
        assert_eq!(summary(&items), ["E:-: looks like a binary file"]);

        let items: Vec<Item> = read_stdin(Cursor::new(b"ab\xFFcd")).collect();
        assert_eq!(
            summary(&items),
            [
                "W:-: invalid UTF-8 at byte 2; replaced with U+FFFD",
                "A:stdin"
            ]
        );
    }

    #[test]
    fn jsonl_is_streamed_line_by_line() {
        // A reader that fails after the first line: the first article is already
        // out, then the failure is reported at the line being read.
        struct FailAfter(Cursor<Vec<u8>>);
        impl Read for FailAfter {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                match self.0.read(buf)? {
                    0 => Err(io::Error::other("disk on fire")),
                    n => Ok(n),
                }
            }
        }
        let reader = FailAfter(Cursor::new(
            b"{\"text\": \"one\"}\n{\"text\": \"tw".to_vec(),
        ));
        let mut lines = JsonLines::new(reader, "f.jsonl", "f", DEFAULT_MAX_ARTICLE_BYTES);
        assert_eq!(article(&lines.next().unwrap()).text, "one");
        assert_eq!(
            error_text(&lines.next().unwrap()),
            "f.jsonl:2: cannot read: disk on fire"
        );
        assert!(lines.next().is_none());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2025-06-26"), date(2025, 6, 26));
        assert_eq!(parse_date(" 2025-06-26 "), date(2025, 6, 26));
        assert_eq!(parse_date("2025-06-26T00:00:00Z"), date(2025, 6, 26));
        assert_eq!(parse_date("2025-06-26t08:15:30.5+08:00"), date(2025, 6, 26));
        assert_eq!(parse_date("2024-02-29T12:00"), date(2024, 2, 29));
        for bad in [
            "",
            "2025",
            "2025-6-26",
            "2025/06/26",
            "2025-02-30",
            "2025-06-26T",
            "2025-06-26T25:00",
            "2025-06-26T1:00",
            "2025-06-26X10:00",
            "26/06/2025",
            "June 2025",
            "June 31, 2025",
            "25/12",
            "+2025-06-26",
            "yesterday",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn publication_dates_as_feeds_give_them() {
        let dec30 = date(2014, 12, 30);
        for written in [
            // ISO 8601 with a time and a zone, fractional seconds, a space.
            "2014-12-30T10:00:00Z",
            "2014-12-30T10:00:00+05:30",
            "2014-12-30T23:59:59.123456-08:00",
            "2014-12-30 10:00:00",
            "2014-12-30T10:00",
            "20141230",
            // RFC 2822, as RSS pubDate writes it.
            "Tue, 30 Dec 2014 10:00:00 GMT",
            "Tue, 30 Dec 2014 10:00:00 +0000",
            "30 Dec 2014 23:30:00 -0500",
            // Month names.
            "December 30, 2014",
            "Dec 30, 2014",
            "Dec. 30, 2014",
            "30 December 2014",
            "30 Dec 2014",
            "Tuesday, December 30, 2014",
            "December 30, 2014 10:00 AM EST",
        ] {
            assert_eq!(parse_date(written), dec30, "{written:?}");
        }
        assert_eq!(parse_date("Sept. 3, 2014"), date(2014, 9, 3));
        // The day as written in the zone written, not the UTC day: 23:30 at
        // UTC-5 is December 31 in UTC, 00:30 at UTC+5:30 December 29.
        assert_eq!(parse_date("2014-12-30T23:30:00-05:00"), dec30);
        assert_eq!(parse_date("Tue, 30 Dec 2014 00:30:00 +0530"), dec30);
    }

    #[test]
    fn a_unix_timestamp_is_seconds_or_milliseconds() {
        // 2014-12-30T10:00:00Z = 1419933600 s.
        let dec30 = date(2014, 12, 30);
        for n in [
            "1419933600",
            "1419933600000",
            "1419933600.5",
            "\"1419933600\"",
        ] {
            let line = format!("{{\"text\": \"t\", \"timestamp\": {n}}}");
            let (a, warning) = parse_line(&line, "x".into(), origin()).unwrap();
            assert_eq!((a.date, warning), (dec30, None), "{n}");
        }
        // A Unix time has no zone: its day is the UTC day.
        assert_eq!(unix_day(1_419_983_999.0), dec30);
        assert_eq!(unix_day(1_419_984_000.0), date(2014, 12, 31));
        assert_eq!(unix_day(-86_400.0), date(1969, 12, 31));
        assert_eq!(unix_day(f64::MAX), None);
    }

    fn origin() -> Origin {
        Origin {
            path: "f.jsonl".into(),
            line: Some(1),
        }
    }

    #[test]
    fn the_first_date_key_present_wins() {
        let cases = [
            (
                r#"{"text":"t","published":"2014-12-30","date":"2001-01-01"}"#,
                date(2001, 1, 1),
            ),
            (
                r#"{"text":"t","date":null,"pubDate":"Tue, 30 Dec 2014 10:00:00 GMT"}"#,
                date(2014, 12, 30),
            ),
            (
                r#"{"text":"t","date":"","date_publish":"2014-12-30 10:00:00"}"#,
                date(2014, 12, 30),
            ),
            (
                r#"{"text":"t","published_at":"2014-12-30","timestamp":0}"#,
                date(2014, 12, 30),
            ),
            (
                r#"{"text":"t","datePublished":"2014-12-30T10:00:00Z"}"#,
                date(2014, 12, 30),
            ),
            (r#"{"text":"t","timestamp":1419933600}"#, date(2014, 12, 30)),
            (
                r#"{"text":"t","published":"Dec 30, 2014","pubDate":"bad"}"#,
                date(2014, 12, 30),
            ),
        ];
        for (line, want) in cases {
            let (a, warning) = parse_line(line, "x".into(), origin()).unwrap();
            assert_eq!((a.date, warning), (want, None), "{line}");
        }
        // The same keys given twice (the slow path of parse_line) read the same.
        let twice = r#"{"text":"t","pubDate":"x","pubDate":"Tue, 30 Dec 2014 10:00:00 GMT"}"#;
        assert_eq!(
            parse_line(twice, "x".into(), origin()).unwrap().0.date,
            date(2014, 12, 30)
        );
    }

    #[test]
    fn an_unreadable_publication_date_is_a_warning_naming_the_line_and_the_article_is_kept() {
        let dir = Scratch::new("bad-date");
        let path = dir.write(
            "feed.jsonl",
            concat!(
                "{\"text\": \"one\", \"pubDate\": \"the other day\"}\n",
                "{\"text\": \"two\", \"published\": true}\n",
                "{\"text\": \"three\", \"date\": \"2014-12-30\"}\n",
            ),
        );
        let p = path.display();
        let items = collect(std::slice::from_ref(&path));
        assert_eq!(
            summary(&items),
            [
                format!(
                    "W:{p}:1: cannot read the date in \"pubDate\": \"the other day\"; {UNREAD}"
                ),
                "A:feed-1".to_string(),
                format!("W:{p}:2: cannot read the date in \"published\": true; {UNREAD}"),
                "A:feed-2".to_string(),
                "A:feed-3".to_string(),
            ]
        );
        assert_eq!(article(&items[1]).date, None);
        assert_eq!(article(&items[1]).text, "one");
        assert_eq!(article(&items[4]).date, date(2014, 12, 30));
        // With invalid UTF-8 too, both warnings come before the article.
        let path = dir.write(
            "mixed.jsonl",
            b"{\"text\": \"a\xFF\", \"date\": \"soon\"}\n",
        );
        let items = collect(&[path]);
        let kinds: Vec<char> = summary(&items)
            .iter()
            .map(|s| s.chars().next().unwrap())
            .collect();
        assert_eq!(kinds, ['W', 'W', 'A']);
    }
}
