//! Helpers shared by the end-to-end tests.

use std::fs;
use std::path::{Path, PathBuf};

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
