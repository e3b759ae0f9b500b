//! Helpers shared by the end-to-end tests.

// Each test binary uses some of these helpers.
#![allow(dead_code)]

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The `--not-after` day the stdin runs are given, so that no output depends
/// on today's date.
pub const NOT_AFTER: &str = "2026-11-28";

/// `chronomap ARGS --not-after 2026-11-28`, with `stdin` on standard input
/// (fed on a thread, so that a large input cannot stall on a full pipe).
pub fn chronomap_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .args(args)
        .args(["--not-after", NOT_AFTER])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chronomap");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.as_bytes().to_vec();
    let feeder = std::thread::spawn(move || pipe.write_all(&input));
    let out = child.wait_with_output().expect("wait");
    feeder.join().unwrap().unwrap();
    out
}

/// A fresh, empty folder under the system temp dir, removed on drop (with
/// any permissions a test took away given back first).
pub struct TempDir(PathBuf);

impl TempDir {
    /// A folder named after the test binary's `tag` and the process.
    pub fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let p = std::env::temp_dir().join(format!(
            "chronomap-test-{tag}-{}-{nanos}",
            std::process::id()
        ));
        fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

/// Make everything under `p` readable and writable again, or a cleanup that
/// does not run as root could not descend or remove.
fn give_back(p: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = fs::symlink_metadata(p) else {
            return;
        };
        if meta.is_symlink() {
            return;
        }
        let mode = if meta.is_dir() { 0o755 } else { 0o644 };
        let _ = fs::set_permissions(p, fs::Permissions::from_mode(mode));
        if meta.is_dir() {
            for entry in fs::read_dir(p).into_iter().flatten().flatten() {
                give_back(&entry.path());
            }
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        give_back(&self.0);
        let _ = fs::remove_dir_all(&self.0);
    }
}
