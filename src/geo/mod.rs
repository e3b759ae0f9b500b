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
pub mod vocab;

use gazetteer::Gazetteer;
use std::sync::LazyLock;

/// The gazetteer files compiled into the binary, in load order: places first,
/// then the aliases and demonyms that point at them, then the stoplist.
const EMBEDDED: &[(&str, &[u8])] = &[
    (
        "gazetteer/world-countries.tsv",
        include_bytes!("../../gazetteer/world-countries.tsv"),
    ),
    (
        "gazetteer/geonames-admin.tsv",
        include_bytes!("../../gazetteer/geonames-admin.tsv"),
    ),
    (
        "gazetteer/geonames-cities.tsv.gz",
        include_bytes!("../../gazetteer/geonames-cities.tsv.gz"),
    ),
    (
        "gazetteer/curated.tsv",
        include_bytes!("../../gazetteer/curated.tsv"),
    ),
    (
        "gazetteer/aliases.tsv",
        include_bytes!("../../gazetteer/aliases.tsv"),
    ),
    (
        "gazetteer/demonyms.tsv",
        include_bytes!("../../gazetteer/demonyms.tsv"),
    ),
    (
        "gazetteer/stoplist.txt",
        include_bytes!("../../gazetteer/stoplist.txt"),
    ),
];

static EMBEDDED_GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut g = Gazetteer::new();
    for (name, bytes) in EMBEDDED {
        let text = gazetteer::decode(name, bytes).expect("embedded gazetteer files are valid");
        g.add_text(name, &text)
            .expect("embedded gazetteer files are valid");
    }
    g
});

/// The embedded gazetteer with the given files added over it, in order.
pub fn with_files(files: &[std::path::PathBuf]) -> Result<Gazetteer, gazetteer::GazetteerError> {
    let mut g = Gazetteer::new();
    for (name, bytes) in EMBEDDED {
        g.add_text(name, &gazetteer::decode(name, bytes)?)?;
    }
    for f in files {
        g.add_file(f)?;
    }
    Ok(g)
}

/// The gazetteer shipped in the binary, parsed on first use.
pub fn embedded() -> &'static Gazetteer {
    &EMBEDDED_GAZETTEER
}
