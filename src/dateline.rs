//! Datelines.
