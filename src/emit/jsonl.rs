//! JSON Lines: one object per article with everything found in it, offsets in
//! Unicode code points. This is also what the scorers in `shared/eval` read.

use crate::pipeline::Analysis;
use std::io::{self, Write};

/// Write one article's line.
pub fn write_one<W: Write + ?Sized>(out: &mut W, a: &Analysis) -> io::Result<()> {
    serde_json::to_writer(&mut *out, a)?;
    out.write_all(b"\n")
}
