//! Snapshot of what every stage extracts from each fixture (`newsetl inspect --json`), reviewed
//! and committed under tests/snapshots/. A rule change shows up here as a diff to review with
//! `cargo insta review`. The config hash is left out so that a config edit only changes the
//! snapshots whose extraction it changes.

use newsetl::config::{self, ConfigSource};
use std::path::Path;

fn snapshot_of(path: &Path, rules: &config::Rules) -> serde_json::Value {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let rel = path.strip_prefix(&base).unwrap();
    let file = newsetl::read::SourceFile::new(&base, path.to_path_buf());
    match newsetl::pipeline::process_file(&file, rules, &mut Default::default()) {
        Ok(a) => {
            let mut v = serde_json::to_value(&a).unwrap();
            v.as_object_mut().unwrap().remove("config_hash");
            v.as_object_mut().unwrap().remove("newsetl_version");
            v
        }
        Err(e) => serde_json::json!({ "source_path": rel.to_string_lossy(), "error": e }),
    }
}

#[test]
fn fixtures_snapshot() {
    let cfg = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/newsetl.yaml");
    let rules = config::load(&ConfigSource::Path(cfg)).unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut files: Vec<_> = walkdir::WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for f in files {
        let name = f
            .strip_prefix(&base)
            .unwrap()
            .to_string_lossy()
            .replace(['/', ' ', '"', '\'', '？'], "_");
        insta::assert_json_snapshot!(name, snapshot_of(&f, &rules));
    }
}
