//! Emitters: the timeline CSV, GeoJSON and JSON Lines, the views built on them
//! (the map page, the TimelineJS sheet), and the atomic file writing they share. Outputs go to a temporary file in the target folder and are renamed into
//! place, so a failed or interrupted run never leaves a truncated file behind.

pub mod csv;
pub mod geojson;
pub mod json;
pub mod jsonl;
pub mod map;
pub mod scan;
pub mod timelinejs;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Escape text for HTML element content or a quoted attribute value (the map
/// page's title and URLs, TimelineJS's Headline and Text). Text with nothing
/// to escape is handed back as it is.
pub(crate) fn html_escape(s: &str) -> std::borrow::Cow<'_, str> {
    if scan::find(s.as_bytes(), 0, &HTML_SPECIAL) == s.len() {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 16);
    html_escape_into(&mut out, s);
    out.into()
}

/// The bytes HTML text escapes here.
const HTML_SPECIAL: scan::Needles<5> = scan::Needles::new(*b"&<>\"'", false);

/// [`html_escape`], appended to `out`: long runs of plain text are skipped
/// at once (see [`scan`]).
pub(crate) fn html_escape_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut from = 0;
    loop {
        let i = scan::find(b, from, &HTML_SPECIAL);
        let escape = match b.get(i) {
            None => break,
            Some(b'&') => "&amp;",
            Some(b'<') => "&lt;",
            Some(b'>') => "&gt;",
            Some(b'"') => "&quot;",
            Some(_) => "&#39;",
        };
        // The bytes before are whole characters: the one found is ASCII.
        out.push_str(&s[from..i]);
        out.push_str(escape);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// Write a file whole or not at all: write to a temporary sibling, then rename.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    fill(f.writer())?;
    f.commit()
}

/// The temporary sibling that [`AtomicFile`] writes `name` to is this prefix
/// and the process id.
fn temp_prefix(name: &str) -> String {
    format!(".{name}.tmp-")
}

/// Remove the temporary files that killed runs left in `dir` for the outputs
/// `names`: those of processes that no longer run. Where running processes
/// cannot be told (no `/proc`), nothing is removed. Returns how many were.
pub fn remove_stale_temps(dir: &Path, names: &[&str]) -> usize {
    let proc_fs = Path::new("/proc/self");
    if !proc_fs.exists() {
        return 0;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let stale = names.iter().any(|name| {
            file_name
                .strip_prefix(&temp_prefix(name))
                .and_then(|pid| pid.parse::<u32>().ok())
                .is_some_and(|pid| !Path::new("/proc").join(pid.to_string()).exists())
        });
        if stale && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Bytes an output file (or standard output) gathers before each write to the
/// system. Small writes cost more than their count: the file system zeroes
/// the part of each fresh page a write does not cover, and with 8 KB writes
/// that was most of the 50 MB of JSON Lines again.
pub const WRITE_BUFFER: usize = 1 << 20;

/// A file written in a stream and put in place only when complete: it is
/// written to a temporary sibling, renamed by [`AtomicFile::commit`], and
/// removed if dropped uncommitted (a failed or interrupted run).
pub struct AtomicFile {
    path: std::path::PathBuf,
    tmp: std::path::PathBuf,
    w: Option<BufWriter<fs::File>>,
}

impl AtomicFile {
    /// Start writing `path`.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!("{}{}", temp_prefix(&name), std::process::id()));
        let f = fs::File::create(&tmp)?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            w: Some(BufWriter::with_capacity(WRITE_BUFFER, f)),
        })
    }

    /// The writer.
    pub fn writer(&mut self) -> &mut dyn Write {
        self.w.as_mut().expect("not yet committed")
    }

    /// Flush, sync and rename into place; on failure the temporary file is
    /// removed.
    pub fn commit(mut self) -> io::Result<()> {
        let w = self.w.take().expect("commit once");
        let done = w
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all())
            .and_then(|()| fs::rename(&self.tmp, &self.path));
        if done.is_err() {
            let _ = fs::remove_file(&self.tmp);
        }
        done
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.w.is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn html_escapes_every_one(s in "[a <>&\"'é\u{2028}]{0,40}") {
            let want: String = s
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(html_escape(&s), want.as_str());
            let mut appended = String::from("x");
            html_escape_into(&mut appended, &s);
            proptest::prop_assert_eq!(appended, format!("x{want}"));
        }
    }
}
