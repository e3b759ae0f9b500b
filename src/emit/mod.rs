//! Emitters: the timeline CSV and JSON Lines, and the atomic file writing they
//! share. Outputs go to a temporary file in the target folder and are renamed into
//! place, so a failed or interrupted run never leaves a truncated file behind.

pub mod csv;
pub mod geojson;
pub mod jsonl;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Write a file whole or not at all: write to a temporary sibling, then rename.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let f = fs::File::create(&tmp)?;
        let mut w = BufWriter::new(f);
        fill(&mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
