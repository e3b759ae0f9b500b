//! The shipped gazetteer files, in load order: places first, then the aliases
//! and demonyms that point at them, then the stoplist. Shared by the library
//! and `build.rs`, which compiles them.

/// Paths relative to the crate root.
pub const SOURCES: &[&str] = &[
    "gazetteer/world-countries.tsv",
    "gazetteer/geonames-admin.tsv",
    "gazetteer/geonames-cities.tsv.gz",
    "gazetteer/curated.tsv",
    "gazetteer/aliases.tsv",
    "gazetteer/demonyms.tsv",
    "gazetteer/stoplist.txt",
];
