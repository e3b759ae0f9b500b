//! Places: the gazetteer, finding place names in text, and choosing which place
//! each name means.
//!
//! `fold` makes the keys names are matched on, `gazetteer` loads the rows and
//! indexes their names, `matcher` finds candidate names in text (leftmost-longest,
//! word boundaries, case rules, organisations and person names left out), and
//! `resolve` picks one place per name from the document's context.

pub mod fold;
pub mod gazetteer;
pub mod matcher;
pub mod resolve;
pub mod rows;
pub mod sources;
pub mod vocab;

use gazetteer::{Gazetteer, GazetteerError};
use std::sync::LazyLock;

pub use sources::SOURCES;

/// The compiled gazetteer, made by `build.rs` from [`SOURCES`].
static COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

static EMBEDDED_GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::compiled(COMPILED).expect("the build script writes a valid gazetteer")
});

/// The gazetteer shipped in the binary: used in place, nothing to parse.
pub fn embedded() -> &'static Gazetteer {
    &EMBEDDED_GAZETTEER
}

/// The embedded gazetteer with the given files added over it, in order: rows
/// with a known id replace the shipped ones, others are added.
pub fn with_files(files: &[std::path::PathBuf]) -> Result<Gazetteer, GazetteerError> {
    let mut b = embedded().to_builder();
    for f in files {
        b.add_file(f)?;
    }
    Ok(Gazetteer::dynamic(b))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_gazetteer_loads() {
        let g = super::embedded();
        assert!(g.len() > 100_000, "{} places", g.len());
        let qd = g.lookup("qingdao");
        assert!(qd.iter().any(|&(i, _)| g.place(i).country == "CN"));
    }
}
