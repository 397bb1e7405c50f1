//! Nightly runs: incremental re-extraction, the lock, the manifest, exit codes.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Path → (inode, mtime) of every Parquet file: what a run that rewrites nothing leaves alone.
fn files(output: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    TABLES
        .iter()
        .flat_map(|t| table_files(output, t))
        .map(|f| {
            let m = std::fs::metadata(&f).unwrap();
            (f, (m.ino(), m.modified().unwrap()))
        })
        .collect()
}

fn last_report(output: &Path) -> Value {
    let mut reports: Vec<_> = std::fs::read_dir(output.join("_runs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    reports.sort();
    serde_json::from_str(&std::fs::read_to_string(reports.last().unwrap()).unwrap()).unwrap()
}

/// A copy of `config/` with one edit to `newsetl.yaml`; returns the directory (keep it alive)
/// and the edited file.
fn edited_config(from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    let config = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("config"), config.path());
    let main = config.path().join("newsetl.yaml");
    let text = std::fs::read_to_string(&main).unwrap();
    assert!(text.contains(from), "{from:?} is not in newsetl.yaml");
    std::fs::write(&main, text.replace(from, to)).unwrap();
    (config, main)
}

/// A corpus in a temp dir: the fixtures plus the seed.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures(), dir.path());
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    std::fs::copy(
        repo().join(SEED),
        dir.path().join("seeds/000_9d22631a164ff952.txt"),
    )
    .unwrap();
    dir
}

fn run_args(input: &Path, output: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "run",
        "--quiet",
        "--max-error-rate",
        "1",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    newsetl(&args)
}

#[test]
fn a_rerun_with_nothing_changed_parses_nothing_and_rewrites_nothing() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    assert!(run_args(input.path(), out.path(), &[]).status.success());
    let first = last_report(out.path());
    assert_eq!(first["mode"], "full");
    assert_eq!(first["changes"]["new"], 15);
    let before = files(out.path());
    let data = dataset(out.path());

    let o = run_args(input.path(), out.path(), &[]);
    assert_eq!(o.status.code(), Some(0));
    let r = last_report(out.path());
    assert_eq!(r["mode"], "incremental");
    assert_eq!(r["changes"]["processed"], 0);
    assert_eq!(r["changes"]["unchanged"], 15);
    assert_eq!(r["written"]["files"], 0);
    // The report still gives the dataset's size.
    assert_eq!(r["written"]["rows"]["articles"], 13);
    assert_eq!(files(out.path()), before, "a no-change run rewrote files");
    assert_eq!(dataset(out.path()), data);
}

#[test]
fn new_changed_and_deleted_files_match_a_full_rebuild() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    run_args(input.path(), out.path(), &[]);
    let before = files(out.path());

    // One changed (a paragraph added), one deleted, one new, one failure fixed, one touched.
    let root = input.path();
    let changed = root.join("金融/新浪财经/新浪财经－国內");
    let changed = std::fs::read_dir(changed)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text = text.replacen("</p>", "</p><p>更正：本文已更新。</p>", 1);
    std::fs::write(&changed, text).unwrap();
    std::fs::remove_file(root.join("pages/plain-article.html")).unwrap();
    std::fs::copy(repo().join(SEED), root.join("a new post with spaces.md")).unwrap();
    std::fs::write(
        root.join("broken/empty.md"),
        "---\ntitle: 补上了\n---\n<p>正文</p>",
    )
    .unwrap();
    let seed = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let f = std::fs::File::options().write(true).open(&seed).unwrap();
    f.set_modified(SystemTime::now()).unwrap();

    assert_eq!(
        run_args(input.path(), out.path(), &[]).status.code(),
        Some(0)
    );
    let r = last_report(out.path());
    assert_eq!(r["mode"], "incremental");
    let c = &r["changes"];
    assert_eq!(
        (
            c["new"].clone(),
            c["changed"].clone(),
            c["deleted"].clone(),
            c["unchanged"].clone()
        ),
        (1.into(), 2.into(), 1.into(), 12.into()),
        "{c}"
    );
    assert_eq!(c["processed"], 3);

    // Exactly what a clean full run produces: no duplicates, no leftovers of deleted files.
    let fresh = tempfile::tempdir().unwrap();
    run_args(input.path(), fresh.path(), &[]);
    assert_eq!(dataset(out.path()), dataset(fresh.path()));
    let articles = read_table(out.path(), "articles");
    let mut ids: Vec<_> = articles.iter().map(|a| a["doc_id"].to_string()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), articles.len(), "duplicate doc_id");
    assert!(
        articles
            .iter()
            .all(|a| a["source_path"] != "pages/plain-article.html")
    );
    assert!(
        read_table(out.path(), "errors")
            .iter()
            .all(|e| e["source_path"] != "broken/empty.md")
    );

    // Only the partitions the changes touched were rewritten; the rest are the same files.
    let after = files(out.path());
    let kept = after
        .iter()
        .filter(|(p, v)| before.get(*p) == Some(v))
        .count();
    assert!(
        kept > 0 && kept < after.len(),
        "kept {kept} of {}",
        after.len()
    );
    assert_eq!(r["written"]["files_kept"], kept);
}

#[test]
fn a_config_change_rebuilds_and_records_the_new_hash_and_full_forces_it() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    run_args(input.path(), out.path(), &[]);
    let old_hash = read_table(out.path(), "articles")[0]["config_hash"].clone();

    let (_config, main) = edited_config("- \".ads\"", "- \".ads\"\n    - \".sponsor\"");
    let cfg = main.to_str().unwrap();
    run_args(input.path(), out.path(), &["--config", cfg]);
    let r = last_report(out.path());
    assert_eq!(r["mode"], "full");
    assert!(
        r["full_reason"]
            .as_str()
            .unwrap()
            .contains("config changed"),
        "{r}"
    );
    assert_eq!(r["changes"]["processed"], 15);
    let new_hash = r["config_hash"].clone();
    assert_ne!(new_hash, old_hash);
    for t in TABLES {
        for row in read_table(out.path(), t) {
            if let Some(h) = row.get("config_hash") {
                assert_eq!(*h, new_hash, "{t}");
            }
        }
    }
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("_state/manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["fingerprint"]["config_hash"], new_hash);

    run_args(input.path(), out.path(), &["--config", cfg, "--full"]);
    let r = last_report(out.path());
    assert_eq!(
        (r["mode"].clone(), r["full_reason"].clone()),
        ("full".into(), "--full".into())
    );
    assert_eq!(r["changes"]["processed"], 15);
}

#[test]
fn the_manifest_remembers_every_file() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    run_args(input.path(), out.path(), &[]);
    let m: Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("_state/manifest.json")).unwrap(),
    )
    .unwrap();
    let files = m["files"].as_object().unwrap();
    assert_eq!(files.len(), 15);
    for a in read_table(out.path(), "articles") {
        let e = &files[a["doc_id"].as_str().unwrap()];
        assert_eq!(e["path"], a["source_path"]);
        assert_eq!(e["content_hash"], a["content_hash"]);
        assert_eq!(e["partition"], a["month"]);
        assert_eq!(e["stat"]["size"], a["size_bytes"]);
    }
    for err in read_table(out.path(), "errors") {
        let e = &files[err["doc_id"].as_str().unwrap()];
        assert_eq!(e["error"], err["kind"]);
        assert_eq!(e["partition"], Value::Null);
    }
}

#[test]
fn a_second_run_on_a_locked_output_refuses_and_a_stale_lock_is_taken_over() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    let holder = newsetl::store::state::LockHolder {
        run_id: "still-running".into(),
        pid: std::process::id(),
        started_at: "2026-11-24T00:00:00Z".into(),
    };
    let lock = newsetl::store::state::OutputLock::acquire(out.path(), &holder).unwrap();
    let o = run_args(input.path(), out.path(), &[]);
    assert_eq!(o.status.code(), Some(4));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("locked by run still-running"), "{err}");
    assert!(!out.path().join("articles").exists());
    drop(lock);

    // A lock file naming a run that died (nobody holds the lock): taken over, and reported.
    let dead = serde_json::json!({"run_id": "died", "pid": 999999, "started_at": "x"});
    std::fs::write(out.path().join(".newsetl.lock"), dead.to_string()).unwrap();
    let died = out.path().join(".staging-20261129T170029905Z-04585");
    std::fs::create_dir_all(died.join("articles")).unwrap();
    // A directory named like staging but not by newsetl is not touched.
    std::fs::create_dir_all(out.path().join(".staging-mine")).unwrap();
    assert_eq!(
        run_args(input.path(), out.path(), &[]).status.code(),
        Some(0)
    );
    let r = last_report(out.path());
    assert_eq!(r["stale_lock"], "died");
    assert!(!died.exists(), "leftovers removed");
    assert!(
        out.path().join(".staging-mine").exists(),
        "not newsetl's: kept"
    );
}

#[test]
fn a_run_that_died_while_publishing_makes_the_next_one_full() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    run_args(input.path(), out.path(), &[]);
    std::fs::write(out.path().join("_state/publishing"), "x").unwrap();
    run_args(input.path(), out.path(), &[]);
    let r = last_report(out.path());
    assert_eq!(r["mode"], "full");
    assert!(!out.path().join("_state/publishing").exists());
}

#[test]
fn log_format_json_prints_json_lines() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    let o = newsetl(&[
        "run",
        "--log-format",
        "json",
        "--input",
        input.path().to_str().unwrap(),
        "--output",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "the fixtures hold broken files");
    let lines: Vec<Value> = String::from_utf8_lossy(&o.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    assert_eq!(lines.first().unwrap()["event"], "planned");
    let summary = lines.last().unwrap();
    assert_eq!(summary["event"], "summary");
    assert_eq!(summary["changes"]["new"], 15);
    assert_eq!(summary["failed"], 2);

    // Fatal errors are JSON too.
    let o = newsetl(&[
        "run",
        "--log-format",
        "json",
        "--input",
        "/no/such/dir",
        "--output",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3));
    let line: Value = serde_json::from_str(String::from_utf8_lossy(&o.stderr).trim()).unwrap();
    assert_eq!(line["event"], "fatal");
    assert!(line["message"].as_str().unwrap().contains("does not exist"));
}

#[test]
fn plain_progress_lines_when_not_a_terminal_and_silence_with_quiet() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    let o = newsetl(&[
        "run",
        "--input",
        input.path().to_str().unwrap(),
        "--output",
        out.path().to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("15 documents to extract"), "{err}");
    assert!(err.contains("15 files re-extracted"), "{err}");
    // Quiet and nothing to do: silence.
    let o = run(input.path(), out.path());
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Quiet: only the failed documents (the fixtures hold two) and where the report is.
    let o = run_args(input.path(), out.path(), &["--full"]);
    let err = String::from_utf8_lossy(&o.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[..2]
            .iter()
            .all(|l| l.starts_with("newsetl: failed: broken/")),
        "{err}"
    );
    assert!(lines[2].contains("2 documents failed"), "{err}");
}

#[test]
fn partition_by_year_and_switching_leaves_no_old_partitions() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    run_args(input.path(), out.path(), &[]);
    assert!(out.path().join("articles/month=2022-03").is_dir());

    let (_config, main) = edited_config("partition_by: month", "partition_by: year");
    run_args(
        input.path(),
        out.path(),
        &["--config", main.to_str().unwrap()],
    );
    assert_eq!(last_report(out.path())["mode"], "full");
    let dirs: Vec<String> = std::fs::read_dir(out.path().join("articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(dirs.iter().all(|d| d.starts_with("year=")), "{dirs:?}");
    let seed = read_table(out.path(), "articles")
        .into_iter()
        .find(|a| a["source_path"].as_str().unwrap().starts_with("seeds/"))
        .unwrap();
    assert_eq!(seed["year"], "2022");
    assert_eq!(
        read_table(out.path(), "paragraphs")
            .iter()
            .filter(|p| p["doc_id"] == seed["doc_id"])
            .count() as i64,
        seed["n_paragraphs"].as_i64().unwrap()
    );
}

#[test]
fn a_missing_table_makes_the_next_run_full() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    run_args(input.path(), out.path(), &[]);
    std::fs::remove_dir_all(out.path().join("quotes")).unwrap();
    run_args(input.path(), out.path(), &[]);
    let r = last_report(out.path());
    assert_eq!(r["full_reason"], "a published table is missing");
    assert!(!read_table(out.path(), "quotes").is_empty());
}

#[test]
fn a_small_memory_bound_spills_and_still_writes_whole_row_groups_of_the_same_rows() {
    let input = corpus();
    let roomy = tempfile::tempdir().unwrap();
    run_args(input.path(), roomy.path(), &[]);
    assert_eq!(last_report(roomy.path())["written"]["early_flushes"], 0);

    let (_config, main) = edited_config("max_buffered_bytes: 16777216", "max_buffered_bytes: 4096");
    let tight = tempfile::tempdir().unwrap();
    run_args(
        input.path(),
        tight.path(),
        &["--config", main.to_str().unwrap()],
    );
    let r = last_report(tight.path());
    // Rows were set aside (spilled) when the bound was reached...
    assert!(r["written"]["early_flushes"].as_u64().unwrap() > 0, "{r}");
    // ...and still end in one row group per file, as with room, and no spill file is left.
    let groups = |out: &Path| -> usize {
        TABLES
            .iter()
            .flat_map(|t| table_files(out, t))
            .map(|f| {
                parquet::file::reader::SerializedFileReader::new(std::fs::File::open(f).unwrap())
                    .map(|r| parquet::file::reader::FileReader::metadata(&r).num_row_groups())
                    .unwrap()
            })
            .max()
            .unwrap()
    };
    assert_eq!(groups(roomy.path()), 1);
    assert_eq!(groups(tight.path()), 1);
    let leftovers: Vec<_> = walkdir::WalkDir::new(tight.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name().to_string_lossy().contains("spill")
                || e.path().extension().is_some_and(|x| x == "arrow")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The same rows, but for the config hash that stamps them.
    let without_hash = |out: &Path| {
        let mut d = dataset(out);
        for rows in d.values_mut() {
            for r in rows.iter_mut() {
                let mut v: serde_json::Map<String, Value> = serde_json::from_str(r).unwrap();
                v.remove("config_hash");
                *r = Value::Object(v).to_string();
            }
            rows.sort();
        }
        d
    };
    assert_eq!(without_hash(roomy.path()), without_hash(tight.path()));
}

#[test]
fn a_second_root_with_the_same_paths_loses_nothing() {
    // Night 1 reads one root; night 2 adds a second root holding some of the same relative
    // paths. Those are `duplicate` errors under their own ids; the first root's documents stay.
    let (one, two) = (corpus(), tempfile::tempdir().unwrap());
    let shared = walkdir::WalkDir::new(one.path())
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .take(3)
        .map(|e| e.into_path())
        .collect::<Vec<_>>();
    assert_eq!(shared.len(), 3);
    for f in &shared {
        let to = two.path().join(f.strip_prefix(one.path()).unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(&to, "<p>另一份同名稿件。</p>").unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    assert!(run_args(one.path(), out.path(), &[]).status.success());
    let articles = read_table(out.path(), "articles").len();
    // Both roots: the second one as an extra `--input`.
    let two_path = two.path().to_str().unwrap().to_string();
    let both = |output: &Path| run_args(one.path(), output, &["--input", &two_path]);
    assert!(both(out.path()).status.success());
    assert_eq!(read_table(out.path(), "articles").len(), articles);
    let dups: Vec<_> = read_table(out.path(), "errors")
        .into_iter()
        .filter(|e| e["kind"] == "duplicate")
        .collect();
    assert_eq!(dups.len(), 3, "{dups:?}");
    // Each its own id, not one of an article.
    let ids: std::collections::HashSet<_> = read_table(out.path(), "articles")
        .into_iter()
        .map(|a| a["doc_id"].clone())
        .collect();
    assert!(dups.iter().all(|d| !ids.contains(&d["doc_id"])));
    // The same as a full run, and a night without changes keeps it so.
    let full = tempfile::tempdir().unwrap();
    assert!(both(full.path()).status.success());
    assert_eq!(dataset(out.path()), dataset(full.path()));
    assert!(both(out.path()).status.success());
    assert_eq!(dataset(out.path()), dataset(full.path()));
}
