//! Emitters: the timeline CSV, GeoJSON and JSON Lines, the views built on them
//! (the map page, the TimelineJS sheet), and the atomic file writing they
//! share: every output of a run is staged under a random temporary name in the
//! target folder, and the set is renamed into place only when every file is
//! complete, so a failed or interrupted run never leaves a truncated file or a
//! mixed set behind.

pub mod csv;
pub mod dates;
pub mod geojson;
pub mod json;
pub mod jsonl;
pub mod map;
pub mod scan;
pub mod timelinejs;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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

/// The files `--out` writes into its folder.
pub const OUTPUTS: [&str; 9] = [
    "timeline.csv",
    "places.geojson",
    "events.geojson",
    "articles.jsonl",
    "timelinejs.csv",
    "map.html",
    "timeline.csvt",
    "timeline.prj",
    "dates.csv",
];

/// The lock file a run holds in its `--out` folder while it writes there.
pub const LOCK_NAME: &str = ".chronomap.lock";

/// Write one file whole or not at all: staged under a temporary name, then
/// renamed into place.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    fill(f.writer())?;
    f.commit()
}

/// The temporary files that [`AtomicFile`] stages `name` in start with this
/// prefix; a random suffix follows.
fn temp_prefix(name: &str) -> String {
    format!(".{name}.tmp-")
}

/// The lock on an output folder: held while a run stages and puts its
/// outputs in place, released on drop.
#[derive(Debug)]
pub struct OutputLock {
    _file: fs::File,
}

/// Why an output folder could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another run holds the lock.
    #[error("another chronomap run is writing into {0}; wait for it to finish (or use another --out folder)")]
    Busy(String),
    /// The lock file could not be opened or locked.
    #[error("cannot lock {0}: {1}")]
    Io(String, io::Error),
}

/// Take the lock of the output folder `dir`, without waiting: a second run
/// into the same folder is refused while the first holds it. The lock file
/// ([`LOCK_NAME`]) is opened without following a symlink and stays in the
/// folder (removing it would let two runs lock two different files).
pub fn lock_output_dir(dir: &Path) -> Result<OutputLock, LockError> {
    let path = dir.join(LOCK_NAME);
    let shown = || dir.display().to_string();
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = options
        .open(&path)
        .map_err(|e| LockError::Io(path.display().to_string(), e))?;
    match file.try_lock() {
        Ok(()) => Ok(OutputLock { _file: file }),
        Err(fs::TryLockError::WouldBlock) => Err(LockError::Busy(shown())),
        Err(fs::TryLockError::Error(e)) => Err(LockError::Io(path.display().to_string(), e)),
    }
}

/// Remove the temporary files that killed runs (`kill -9`, a power cut) left
/// in `dir` for the outputs `names`. Call it only while holding the folder's
/// [`OutputLock`]: then no other run is staging files there, and every such
/// temporary file is a leftover. Returns how many were removed.
pub fn remove_stale_temps(_lock: &OutputLock, dir: &Path, names: &[&str]) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let prefixes: Vec<String> = names.iter().map(|n| temp_prefix(n)).collect();
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let stale = prefixes.iter().any(|p| file_name.starts_with(p.as_str()))
            && entry
                .file_type()
                .is_ok_and(|t| t.is_file() || t.is_symlink());
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

/// A file written in a stream and put in place only when complete. It is
/// staged under a fresh temporary name in the target folder (random, created
/// with `O_EXCL`, so a file or symlink planted there is never opened), made
/// durable by [`AtomicFile::finish`], and renamed into place with the others
/// of its set by [`commit_all`]. Dropped before that (a failed or interrupted
/// run), the temporary file is removed.
pub struct AtomicFile {
    path: PathBuf,
    w: Named<BufWriter<tempfile::NamedTempFile>>,
}

/// An error in writing an output, as an [`io::Error`] of the same kind whose
/// message names the output: `cannot write out/timeline.csv: No space left on
/// device (os error 28)`. The temporary file's hidden name says nothing to a
/// user; the output's does.
pub fn write_error(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        format!("cannot write {}: {}", crate::input::shown(path), cause(&e)),
    )
}

/// The message of the system error `e`, without the temporary file's path
/// that the `tempfile` crate appends to its errors (`... at path
/// "/out/.x.tmp-AB12"`): [`write_error`] names the output instead.
fn cause(e: &io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at path \"") {
        Some(at) if s.ends_with('"') && s[at..].contains(".tmp-") => s[..at].to_string(),
        _ => s,
    }
}

/// A writer whose every error names the output it writes (see
/// [`write_error`]).
struct Named<W> {
    path: PathBuf,
    w: W,
}

impl<W: Write> Write for Named<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.w.write(buf).map_err(|e| write_error(&self.path, e))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.w
            .write_all(buf)
            .map_err(|e| write_error(&self.path, e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush().map_err(|e| write_error(&self.path, e))
    }
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
        let prefix = temp_prefix(&name);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).rand_bytes(8);
        // The mode a plain File::create gives (0666 less the umask), not
        // tempfile's 0600: map.html is meant to be served and shared.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(dir).map_err(|e| write_error(path, e))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            w: Named {
                path: path.to_path_buf(),
                w: BufWriter::with_capacity(WRITE_BUFFER, tmp),
            },
        })
    }

    /// The writer.
    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.w
    }

    /// Flush and sync to disk; the file stays under its temporary name until
    /// [`commit_all`] puts it in place (or it is dropped and removed). Errors
    /// name the output, as the writer's do.
    pub fn finish(self) -> io::Result<Staged> {
        let named = |e| write_error(&self.path, e);
        let tmp = self.w.w.into_inner().map_err(|e| named(e.into_error()))?;
        tmp.as_file().sync_all().map_err(named)?;
        Ok(Staged {
            path: self.path,
            tmp: tmp.into_temp_path(),
        })
    }

    /// [`AtomicFile::finish`], then put in place on its own.
    pub fn commit(self) -> io::Result<()> {
        commit_all(vec![self.finish()?]).map_err(|(_, e)| e)
    }
}

/// A complete, synced output under its temporary name, waiting to be renamed
/// into place; removed if dropped.
pub struct Staged {
    path: PathBuf,
    tmp: tempfile::TempPath,
}

impl Staged {
    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Rename every staged file into place, then sync the folders, so that the
/// renames survive a power cut. Call it only once every file of the set is
/// complete. On an error (which names the file), the files not yet renamed
/// are removed.
pub fn commit_all(staged: Vec<Staged>) -> Result<(), (PathBuf, io::Error)> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for s in staged {
        let dir = s
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
        let Staged { path, tmp } = s;
        tmp.persist(&path).map_err(|e| (path.clone(), e.error))?;
    }
    #[cfg(unix)]
    for dir in dirs {
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hidden files in `dir`.
    fn hidden(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        v.sort();
        v
    }

    /// A disk that is full.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from_raw_os_error(28))
        }

        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from_raw_os_error(28))
        }
    }

    #[test]
    fn a_no_space_left_on_device_error_names_the_file() {
        let mut w = Named {
            path: PathBuf::from("out/timeline.csv"),
            w: BufWriter::with_capacity(4, Full),
        };
        let e = w.write_all(b"too many bytes").unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot write out/timeline.csv: No space left on device (os error 28)"
        );
        assert_eq!(e.kind(), io::Error::from_raw_os_error(28).kind());
        let e = w.flush().unwrap_err();
        assert!(
            e.to_string().starts_with("cannot write out/timeline.csv: "),
            "{e}"
        );
        // The output is named as stderr shows names: escaped.
        let e = write_error(
            Path::new("out/\x1b[2J.csv"),
            io::Error::from_raw_os_error(28),
        );
        assert!(
            e.to_string().starts_with("cannot write out/\\x1b[2J.csv: "),
            "{e}"
        );
    }

    /// The error of a staged file, as the `tempfile` crate reports it
    /// (`... at path "DIR/.NAME.tmp-XXXX"`), names the output and only it.
    #[test]
    #[cfg(target_os = "linux")]
    fn a_full_disk_under_a_staged_file_names_the_output_not_the_temp() {
        let dir = tempfile::tempdir().unwrap();
        let staged = tempfile::Builder::new()
            .prefix(".timeline.csv.tmp-")
            .tempfile_in(dir.path())
            .unwrap();
        let (_, temp_path) = staged.into_parts();
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let tmp = tempfile::NamedTempFile::from_parts(full, temp_path);
        let out = dir.path().join("timeline.csv");
        let mut w = Named {
            path: out.clone(),
            w: BufWriter::with_capacity(4, tmp),
        };
        let e = w.write_all(b"too many bytes").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "cannot write {}: No space left on device (os error 28)",
                out.display()
            )
        );
        assert!(!e.to_string().contains(".tmp-"), "{e}");
    }

    #[test]
    fn a_set_is_staged_under_random_names_and_put_in_place_together() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
        fs::write(&a, "old a").unwrap();
        let mut fa = AtomicFile::create(&a).unwrap();
        let mut fa2 = AtomicFile::create(&a).unwrap();
        let mut fb = AtomicFile::create(&b).unwrap();
        fa.writer().write_all(b"new a").unwrap();
        fa2.writer().write_all(b"other").unwrap();
        fb.writer().write_all(b"new b").unwrap();
        let temps = hidden(dir.path());
        assert_eq!(temps.len(), 3, "{temps:?}");
        assert!(temps
            .iter()
            .all(|t| t.starts_with(".a.csv.tmp-") || t.starts_with(".b.csv.tmp-")));
        drop(fa2);
        let staged = vec![fa.finish().unwrap(), fb.finish().unwrap()];
        // Complete and synced, but nothing is in place yet.
        assert_eq!(fs::read(&a).unwrap(), b"old a");
        assert!(!b.exists());
        commit_all(staged).unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"new a");
        assert_eq!(fs::read(&b).unwrap(), b"new b");
        assert!(hidden(dir.path()).is_empty());
    }

    #[test]
    fn a_set_dropped_before_commit_leaves_the_old_files_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        fs::write(&a, "old a").unwrap();
        let mut fa = AtomicFile::create(&a).unwrap();
        fa.writer().write_all(b"new a").unwrap();
        let staged = fa.finish().unwrap();
        drop(staged);
        assert_eq!(fs::read(&a).unwrap(), b"old a");
        assert!(hidden(dir.path()).is_empty());
    }

    #[test]
    fn the_lock_refuses_a_second_holder_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock_output_dir(dir.path()).unwrap();
        let second = lock_output_dir(dir.path()).unwrap_err();
        assert!(matches!(second, LockError::Busy(_)), "{second}");
        assert!(second
            .to_string()
            .contains(&dir.path().display().to_string()));
        drop(first);
        lock_output_dir(dir.path()).unwrap();
    }

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
