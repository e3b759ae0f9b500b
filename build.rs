//! Compiles the shipped gazetteer (the files in `gazetteer/`, listed in
//! `src/geo/sources.rs`) into the blob the binary uses in place, so that start-up
//! parses nothing. The reading rules are the library's own: this script
//! includes `src/geo/rows.rs` and `src/geo/fold.rs` rather than copying them.

#[path = "src/geo/fold.rs"]
#[allow(dead_code)]
mod fold;
#[path = "src/geo/rows.rs"]
#[allow(dead_code)]
mod rows;
#[path = "src/geo/sources.rs"]
mod sources;

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/geo/rows.rs");
    println!("cargo:rerun-if-changed=src/geo/fold.rs");
    println!("cargo:rerun-if-changed=src/geo/sources.rs");
    let mut b = rows::Builder::new();
    for f in sources::SOURCES {
        println!("cargo:rerun-if-changed={f}");
        if let Err(e) = b.add_file(&PathBuf::from(f)) {
            panic!("gazetteer: {e}");
        }
    }
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("gazetteer.bin");
    std::fs::write(&out, b.to_blob()).expect("write the compiled gazetteer");
}
