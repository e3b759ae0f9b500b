//! chronomap: news text in, a dated (and later geolocated) chronology out.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! input     files, directories, JSON Lines, stdin      -> Article
//! dateline  "QINGDAO, Jun 26 (Alliance News):"         -> place text, partial date, agency, body start
//! sentence  sentence spans (abbreviations do not end one)
//! date      extract: text -> underspecified values; resolve: (value, anchor) -> interval
//! event     a dated statement: the date mention and its sentence
//! emit      timeline CSV, JSON Lines
//! ```

pub mod article;
pub mod cli;
pub mod date;
pub mod dateline;
pub mod emit;
pub mod event;
pub mod geo;
pub mod input;
pub mod keydays;
pub mod merge;
pub mod pipeline;
pub mod sentence;
