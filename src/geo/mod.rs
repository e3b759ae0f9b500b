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
