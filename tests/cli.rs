//! The other subcommands: check-config, schema, inspect.

mod common;
use common::*;

#[test]
fn check_config_accepts_the_shipped_config() {
    let o = newsetl(&["check-config", "config/newsetl.yaml"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("config OK"));
}

#[test]
fn check_config_reports_every_bad_rule_with_file_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("newsetl.yaml");
    std::fs::write(
        &main,
        "body:\n  drop_selectors: ['div[']\n  editor_patterns: ['责任编辑(']\ndates:\n  default_zone: Asia/Shangai\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("categories.yaml"),
        "section:\n  金融: Finance!\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("speech.yaml"),
        "question_patterns: ['^问：(?P<txt>.*)$']\n",
    )
    .unwrap();
    let o = newsetl(&["check-config", main.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8_lossy(&o.stderr);
    for needle in [
        "body.drop_selectors[0]",
        "body.editor_patterns[0]",
        "dates.default_zone",
        "Asia/Shangai",
        "categories.yaml: section.金融",
        "speech.yaml: question_patterns[0]",
    ] {
        assert!(err.contains(needle), "{needle:?} not in:\n{err}");
    }
}

#[test]
fn check_config_reports_unknown_keys() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("newsetl.yaml");
    std::fs::write(&main, "dates:\n  default_zon: UTC\n").unwrap();
    std::fs::write(dir.path().join("categories.yaml"), "").unwrap();
    let o = newsetl(&["check-config", main.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("newsetl.yaml: dates"), "{err}");
    assert!(err.contains("default_zon"), "{err}");
}

#[test]
fn schema_lists_every_table_and_column() {
    let o = newsetl(&["schema"]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    for t in newsetl::store::schema::TABLES {
        assert!(text.contains(t.name));
        for c in t.columns {
            assert!(text.contains(c.name), "{}.{}", t.name, c.name);
        }
    }
}

#[test]
fn inspect_json_shows_every_stage() {
    let o = newsetl(&["inspect", "--json", "seeds/000_9d22631a164ff952.txt"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["front_matter_status"], "ok");
    assert_eq!(v["date_status"], "ok");
    assert_eq!(v["editor"], "蒋晓桐");
    assert_eq!(v["blocks"].as_array().unwrap().len(), 5);
    assert_eq!(v["images"][0]["caption"], serde_json::Value::Null);
}

#[test]
fn inspect_reports_an_unreadable_document() {
    let o = newsetl(&["inspect", "tests/fixtures/corpus/broken/binary.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("read/binary"));
}

#[test]
fn checked_in_schema_doc_is_current() {
    let o = newsetl(&["schema", "--format", "markdown"]);
    let doc = std::fs::read_to_string(repo().join("docs/SCHEMA.md")).unwrap();
    assert!(
        String::from_utf8_lossy(&o.stdout) == doc,
        "docs/SCHEMA.md is stale: run `cargo run -- schema --format markdown > docs/SCHEMA.md`"
    );
}
