//! Coverage-guided fuzzing of the per-document path: `cargo fuzz run document` (nightly, or
//! `RUSTC_BOOTSTRAP=1` on stable). Whatever the bytes, extraction returns an article or a typed
//! error; a panic is a bug. The proptest twin runs in CI: tests/fuzz_document.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsetl::config::{self, ConfigSource, Rules};
use newsetl::pipeline::{StageTimes, process_bytes};
use newsetl::read::SourceFile;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    // The configuration built into the binary: the fuzzer runs from any directory.
    RULES.get_or_init(|| config::load(&ConfigSource::Embedded).expect("embedded config is valid"))
}

fuzz_target!(|data: &[u8]| {
    let file = SourceFile::new(Path::new("/in"), PathBuf::from("/in/fuzz.md"));
    let _ = process_bytes(&file, data, rules(), &mut StageTimes::default());
});
