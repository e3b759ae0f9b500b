//! Dates: extract expressions from text, then resolve them against an anchor.
//!
//! `vocab` holds the closed word lists, `token` splits text, `extract` reads
//! expressions into the underspecified values of `expr`, and `resolve` anchors them.

pub mod expr;
pub mod extract;
pub mod resolve;
pub mod tense;
pub mod token;
pub mod vocab;
pub mod year;
