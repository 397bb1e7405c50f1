//! Sharded runs committed as Delta Lake tables (issue 18), on a local lake (`file://`); the
//! same code runs on object storage. Each test reads the tables back by replaying the Delta log
//! (adds and removes), independently of the code that wrote it.

mod common;

use common::{newsetl, read_table};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsetl"));
    c.current_dir(common::repo());
    c
}

fn ok(out: &Output) {
    assert!(out.status.success(), "{out:?}");
}

/// Finished: exit 0, or 1 when some documents failed (the generated corpus has broken ones).
fn finished(out: &Output) {
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
}

fn plan(input: &Path, lake: &Path, run: &str, shards: u32) -> Output {
    plan_with(input, lake, run, shards, &[])
}

/// `plan` with more arguments (`--full`, `--config F`).
fn plan_with(input: &Path, lake: &Path, run: &str, shards: u32, extra: &[&str]) -> Output {
    let shards = shards.to_string();
    let mut args = vec![
        "plan",
        "--run",
        run,
        "--shards",
        &shards,
        "--input",
        input.to_str().unwrap(),
        "--output",
        lake.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    newsetl(&args)
}

fn shard(lake: &Path, run: &str, i: u32, n: u32, work: &Path) -> Output {
    bin()
        .args([
            "run",
            "--quiet",
            "--run",
            run,
            "--shard",
            &format!("{i}/{n}"),
        ])
        .args(["--output", lake.to_str().unwrap()])
        .args(["--work-dir", work.to_str().unwrap()])
        .output()
        .unwrap()
}

fn commit(lake: &Path, run: &str) -> Output {
    newsetl(&["commit", "--run", run, "--output", lake.to_str().unwrap()])
}

/// The files a Delta table's log makes live, with their partition values: the log replayed.
fn live_files(table: &Path) -> BTreeMap<String, Map<String, Value>> {
    let mut logs: Vec<_> = std::fs::read_dir(table.join("_delta_log"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    logs.sort();
    let mut live = BTreeMap::new();
    for log in logs {
        for line in std::fs::read_to_string(&log).unwrap().lines() {
            let action: Value = serde_json::from_str(line).unwrap();
            if let Some(add) = action.get("add") {
                let parts = add["partitionValues"].as_object().unwrap().clone();
                live.insert(add["path"].as_str().unwrap().to_string(), parts);
            }
            if let Some(rm) = action.get("remove") {
                live.remove(rm["path"].as_str().unwrap());
            }
        }
    }
    live
}

/// Every table's rows as the lake's Delta logs define them (partition column from the add
/// action), sorted: comparable with [`common::dataset`] of a local run.
fn lake_dataset(lake: &Path) -> BTreeMap<&'static str, Vec<String>> {
    common::TABLES
        .iter()
        .map(|t| {
            let table = lake.join(t);
            let mut rows = Vec::new();
            for (path, parts) in live_files(&table) {
                // Read this one file as a one-file table.
                let one = tempfile::tempdir().unwrap();
                std::fs::create_dir_all(one.path().join(t)).unwrap();
                std::fs::copy(table.join(&path), one.path().join(t).join("f.parquet")).unwrap();
                for mut r in read_table(one.path(), t) {
                    for (k, v) in &parts {
                        r.insert(k.clone(), v.clone());
                    }
                    rows.push(Value::Object(r).to_string());
                }
            }
            rows.sort();
            (*t, rows)
        })
        .collect()
}

fn corpus(dir: &Path, n: usize) -> std::path::PathBuf {
    let input = dir.join("in");
    common::corpus::generate(&common::repo(), &input, n);
    input
}

#[test]
fn four_shards_and_a_commit_equal_one_local_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 120);
    let (lake, work, local) = (
        dir.path().join("lake"),
        dir.path().join("work"),
        dir.path().join("local"),
    );
    std::fs::create_dir_all(&work).unwrap();
    ok(&plan(&input, &lake, "n1", 4));
    // Nothing can be committed before every shard has completed.
    for i in 0..3 {
        finished(&shard(&lake, "n1", i, 4, &work));
    }
    let out = commit(&lake, "n1");
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("[3] of 4"));
    assert!(!lake.join("articles/_delta_log").exists());
    finished(&shard(&lake, "n1", 3, 4, &work));
    ok(&commit(&lake, "n1"));
    // The work directories are gone.
    assert_eq!(std::fs::read_dir(&work).unwrap().count(), 0);

    let out = common::run(&input, &local);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    let (d, l) = (lake_dataset(&lake), common::dataset(&local));
    assert!(d["articles"].len() >= 100, "{}", d["articles"].len());
    assert_eq!(d, l);

    // Committing again is a no-op; so is running a completed shard again.
    let versions = |lake: &Path| -> usize {
        std::fs::read_dir(lake.join("articles/_delta_log"))
            .unwrap()
            .count()
    };
    let before = versions(&lake);
    ok(&commit(&lake, "n1"));
    let out = shard(&lake, "n1", 2, 4, &work);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("already completed"));
    assert_eq!(versions(&lake), before);
    assert_eq!(lake_dataset(&lake), l);

    // The next night's run replaces the table: changed inputs, removed files, same readers.
    let files = common::corpus::files(&input);
    common::corpus::change_every(&files, 7);
    std::fs::remove_file(&files[3]).unwrap();
    ok(&plan(&input, &lake, "n2", 3));
    for i in 0..3 {
        finished(&shard(&lake, "n2", i, 3, &work));
    }
    ok(&commit(&lake, "n2"));
    let local2 = dir.path().join("local2");
    let _ = common::run(&input, &local2);
    assert_eq!(lake_dataset(&lake), common::dataset(&local2));
    // Every live file is this run's.
    for t in common::TABLES {
        for path in live_files(&lake.join(t)).keys() {
            assert!(path.contains("part-n2-"), "{t}: {path}");
        }
    }
}

#[test]
fn a_plan_is_kept_and_shards_must_match_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 10);
    let lake = dir.path().join("lake");
    ok(&plan(&input, &lake, "p", 2));
    // The same plan again is fine; another one under the same id is not.
    ok(&plan(&input, &lake, "p", 2));
    assert_eq!(plan(&input, &lake, "p", 3).status.code(), Some(3));
    // A shard of another count, a shard without a plan, a bad index.
    assert_eq!(shard(&lake, "p", 0, 3, dir.path()).status.code(), Some(3));
    assert_eq!(
        shard(&lake, "nope", 0, 2, dir.path()).status.code(),
        Some(3)
    );
    assert_eq!(shard(&lake, "p", 2, 2, dir.path()).status.code(), Some(2));
    assert_eq!(commit(&lake, "nope").status.code(), Some(3));
    // The index may come from the scheduler (a Kubernetes Indexed Job here).
    let out = bin()
        .args(["run", "--quiet", "--run", "p", "--shard", "2"])
        .args(["--output", lake.to_str().unwrap()])
        .env("JOB_COMPLETION_INDEX", "1")
        .output()
        .unwrap();
    finished(&out);
    assert!(lake.join("_newsetl/runs/p/shard-00001.json").is_file());
    assert!(!lake.join("_newsetl/runs/p/shard-00000.json").exists());
}

#[test]
fn two_commits_racing_one_wins_the_other_exits_4() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 12);
    let (lake, work) = (dir.path().join("lake"), dir.path().join("work"));
    std::fs::create_dir_all(&work).unwrap();
    ok(&plan(&input, &lake, "race", 2));
    finished(&shard(&lake, "race", 0, 2, &work));
    finished(&shard(&lake, "race", 1, 2, &work));
    // Both read the same table version, then hold their transaction open before committing.
    let start = || {
        bin()
            .args([
                "commit",
                "--run",
                "race",
                "--output",
                lake.to_str().unwrap(),
            ])
            .env("NEWSETL_COMMIT_PAUSE_MS", "1500")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (start(), start());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let mut codes = [a.status.code().unwrap(), b.status.code().unwrap()];
    codes.sort();
    assert_eq!(codes, [0, 4], "{a:?}\n{b:?}");
    let loser = if a.status.code() == Some(4) { &a } else { &b };
    assert!(String::from_utf8_lossy(&loser.stderr).contains("another writer committed"));
    // The table is intact: the run's files once, and one transaction of the run per table.
    let local = dir.path().join("local");
    let _ = common::run(&input, &local);
    assert_eq!(lake_dataset(&lake), common::dataset(&local));
    for t in common::TABLES {
        let mut txns = 0;
        for e in std::fs::read_dir(lake.join(t).join("_delta_log")).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            txns += text.matches("\"appId\":\"newsetl:race\"").count();
        }
        assert_eq!(txns, 1, "{t}");
    }
}

#[test]
fn a_killed_shard_runs_again_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 40);
    let (lake, work) = (dir.path().join("lake"), dir.path().join("work"));
    std::fs::create_dir_all(&work).unwrap();
    ok(&plan(&input, &lake, "k", 2));
    finished(&shard(&lake, "k", 0, 2, &work));
    // Killed (aborted) after its third upload: no completion record, leftovers in the work dir.
    let out = bin()
        .args(["run", "--quiet", "--run", "k", "--shard", "1/2"])
        .args([
            "--output",
            lake.to_str().unwrap(),
            "--work-dir",
            work.to_str().unwrap(),
        ])
        .env("NEWSETL_SHARD_ABORT_AFTER_UPLOADS", "3")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!lake.join("_newsetl/runs/k/shard-00001.json").exists());
    assert_eq!(commit(&lake, "k").status.code(), Some(3));
    finished(&shard(&lake, "k", 1, 2, &work));
    assert_eq!(std::fs::read_dir(&work).unwrap().count(), 0);
    ok(&commit(&lake, "k"));
    let local = dir.path().join("local");
    let _ = common::run(&input, &local);
    let d = lake_dataset(&lake);
    let articles: BTreeSet<String> = d["articles"].iter().cloned().collect();
    assert_eq!(articles.len(), d["articles"].len(), "duplicate rows");
    assert_eq!(d, common::dataset(&local));
}

#[test]
fn format_delta_is_one_process() {
    let dir = tempfile::tempdir().unwrap();
    let lake = dir.path().join("lake");
    let out = bin()
        .args(["run", "--quiet", "--format", "delta", "--input", "seeds"])
        .args(["--output", lake.to_str().unwrap()])
        .output()
        .unwrap();
    ok(&out);
    let local = dir.path().join("local");
    ok(&common::run(&common::repo().join("seeds"), &local));
    assert_eq!(lake_dataset(&lake), common::dataset(&local));
}

#[test]
fn the_lake_keeps_the_local_safety_rules() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 30);
    let (lake, work) = (dir.path().join("lake"), dir.path().join("work"));
    std::fs::create_dir_all(&work).unwrap();
    let night = |run: &str| {
        ok(&plan(&input, &lake, run, 2));
        finished(&shard(&lake, run, 0, 2, &work));
        finished(&shard(&lake, run, 1, 2, &work));
    };
    // Two runs planned; the newer is committed first: the older may not roll the lake back.
    night("old");
    std::thread::sleep(std::time::Duration::from_millis(20));
    night("new");
    ok(&commit(&lake, "new"));
    let out = commit(&lake, "old");
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("roll the lake back"));
    // Most inputs gone (a half-mounted share): refused, then allowed.
    let files = common::corpus::files(&input);
    for f in &files[5..] {
        std::fs::remove_file(f).unwrap();
    }
    night("thin");
    let out = commit(&lake, "thin");
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-deletes"));
    let out = newsetl(&[
        "commit",
        "--run",
        "thin",
        "--output",
        lake.to_str().unwrap(),
        "--allow-deletes",
    ]);
    ok(&out);
    // An input with no documents is not planned.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    assert_eq!(plan(&empty, &lake, "none", 1).status.code(), Some(3));
    // A directory-mode output is not a lake; --dry-run writes nothing in lake mode.
    let local = dir.path().join("local");
    finished(&common::run(&input, &local));
    let out = bin()
        .args([
            "run",
            "--quiet",
            "--format",
            "delta",
            "--input",
            input.to_str().unwrap(),
        ])
        .args(["--output", local.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(!local.join("articles/_delta_log").exists());
    let dry = dir.path().join("dry");
    let out = bin()
        .args([
            "run",
            "--dry-run",
            "--format",
            "delta",
            "--input",
            input.to_str().unwrap(),
        ])
        .args(["--output", dry.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dry.exists());
}

#[test]
fn the_plan_fixes_the_file_list() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 20);
    let (lake, work) = (dir.path().join("lake"), dir.path().join("work"));
    std::fs::create_dir_all(&work).unwrap();
    ok(&plan(&input, &lake, "fixed", 2));
    let planned = common::dataset(&{
        let local = dir.path().join("before");
        finished(&common::run(&input, &local));
        local
    });
    // Files written after the plan are not this run's; the shards do not list the inputs.
    std::fs::write(
        input.join("late.html"),
        "<html><h1>迟到的稿件</h1><p>计划之后才写入的文件。</p></html>",
    )
    .unwrap();
    finished(&shard(&lake, "fixed", 0, 2, &work));
    finished(&shard(&lake, "fixed", 1, 2, &work));
    ok(&commit(&lake, "fixed"));
    assert_eq!(lake_dataset(&lake), planned);
    let lists: Vec<_> = std::fs::read_dir(lake.join("_newsetl/runs/fixed"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("shard-00001.") && n.ends_with(".files.json"))
        .collect();
    assert_eq!(lists.len(), 1, "{lists:?}");
}

#[test]
fn a_commit_checks_what_it_adds_and_run_ids_are_checked_first() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 10);
    let (lake, work) = (dir.path().join("lake"), dir.path().join("work"));
    std::fs::create_dir_all(&work).unwrap();
    // A run id names files: refused by the argument parser (exit 2), nothing created.
    for bad in ["../x", ".hidden", "a/b", ""] {
        assert_eq!(
            plan(&input, &lake, bad, 1).status.code(),
            Some(2),
            "{bad:?}"
        );
    }
    assert!(!lake.exists());
    ok(&plan(&input, &lake, "c", 1));
    finished(&shard(&lake, "c", 0, 1, &work));
    // A file the shard recorded is gone: nothing is committed.
    let part = walkdir::WalkDir::new(lake.join("paragraphs"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "parquet"))
        .unwrap()
        .into_path();
    std::fs::remove_file(&part).unwrap();
    let out = commit(&lake, "c");
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing"));
    assert!(!lake.join("articles/_delta_log").exists());
}

/// The articles' months of each document in a local run's output: `doc_id` → month.
fn months(output: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(output.join("articles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "parquet"))
        .flat_map(|e| {
            let month = e
                .path()
                .parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix("month="))
                .unwrap()
                .to_string();
            let one = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(one.path().join("articles")).unwrap();
            std::fs::copy(e.path(), one.path().join("articles/f.parquet")).unwrap();
            read_table(one.path(), "articles")
                .into_iter()
                .map(move |r| (r["doc_id"].as_str().unwrap().to_string(), month.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Equal datasets, or a panic naming the rows that differ (not both datasets whole).
fn assert_same(a: &BTreeMap<&'static str, Vec<String>>, b: &BTreeMap<&'static str, Vec<String>>) {
    for t in common::TABLES {
        let (x, y): (BTreeSet<&String>, BTreeSet<&String>) =
            (a[t].iter().collect(), b[t].iter().collect());
        let only_a: Vec<_> = x.difference(&y).take(2).collect();
        let only_b: Vec<_> = y.difference(&x).take(2).collect();
        assert!(
            only_a.is_empty() && only_b.is_empty() && a[t].len() == b[t].len(),
            "{t}: {} vs {} rows; only in the lake: {only_a:?}; only in the local run: {only_b:?}",
            a[t].len(),
            b[t].len()
        );
    }
}

#[test]
fn a_nightly_run_on_the_lake_rewrites_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 160);
    let (lake, work) = (dir.path().join("lake"), dir.path().join("work"));
    std::fs::create_dir_all(&work).unwrap();
    let night = |run: &str| -> String {
        let out = plan(&input, &lake, run, 4);
        ok(&out);
        for i in 0..4 {
            finished(&shard(&lake, run, i, 4, &work));
        }
        let out = commit(&lake, run);
        ok(&out);
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    night("d1");
    let before = dir.path().join("before");
    finished(&common::run(&input, &before));

    // A night's changes: every 9th file changed, two deleted, one new.
    let files = common::corpus::files(&input);
    common::corpus::change_every(&files, 9);
    std::fs::remove_file(&files[4]).unwrap();
    std::fs::remove_file(&files[100]).unwrap();
    std::fs::write(
        input.join("feed000/late.md"),
        "---\ntitle: 夜里新到的稿件\ndate: 2019-06-02 08:00:00\n---\n<p>新到的一篇稿件。</p>\n",
    )
    .unwrap();
    let out = plan(&input, &lake, "d2", 4);
    ok(&out);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("incremental on run d1"),
        "{out:?}"
    );
    for i in 0..4 {
        finished(&shard(&lake, "d2", i, 4, &work));
    }
    ok(&commit(&lake, "d2"));
    // The same tables as a full local run of tonight's inputs.
    let after = dir.path().join("after");
    finished(&common::run(&input, &after));
    assert_same(&lake_dataset(&lake), &common::dataset(&after));

    // Only the months of changed, deleted and new documents were rewritten, in their shard
    // (`doc_id % 4`); every other file is last night's, untouched.
    let (m1, m2) = (months(&before), months(&after));
    let (r1, r2) = (common::dataset(&before), common::dataset(&after));
    let same_rows = |id: &str| {
        let of = |rows: &Vec<String>| -> Vec<String> {
            rows.iter()
                .filter(|r| r.contains(&format!("\"doc_id\":\"{id}\"")))
                .cloned()
                .collect()
        };
        common::TABLES.iter().all(|t| of(&r1[t]) == of(&r2[t]))
    };
    let ids: BTreeSet<&String> = m1.keys().chain(m2.keys()).collect();
    let dirty: BTreeSet<(u64, &String)> = ids
        .into_iter()
        .filter(|id| m1.get(*id) != m2.get(*id) || !same_rows(id))
        .flat_map(|id| {
            let shard = u64::from_str_radix(id, 16).unwrap() % 4;
            m1.get(id)
                .into_iter()
                .chain(m2.get(id))
                .map(move |m| (shard, m))
        })
        .collect();
    assert!(dirty.len() >= 5, "{dirty:?}");
    let live = live_files(&lake.join("articles"));
    let (mut kept, mut new) = (0, 0);
    for (path, parts) in &live {
        let month = parts["month"].as_str().unwrap().to_string();
        let shard: u64 = path.split("-s").nth(1).unwrap()[..5].parse().unwrap();
        let changed = dirty.contains(&(shard, &month));
        if path.contains("part-d2-") {
            new += 1;
            assert!(changed, "{path} rewritten without a change");
        } else {
            kept += 1;
            assert!(path.contains("part-d1-"), "{path}");
            assert!(!changed, "{path} kept though a document of it changed");
        }
    }
    assert!(kept > new && new > 0, "kept {kept}, new {new}");

    // A night without changes commits nothing new and keeps every file.
    let report = night("d3");
    assert!(
        report.contains("articles version 3 (+0 files, -0,"),
        "{report}"
    );
    assert_eq!(live_files(&lake.join("articles")), live);
    assert_same(&lake_dataset(&lake), &common::dataset(&after));

    // Another run committed after this one was planned: its kept files may be gone, exit 4.
    ok(&plan(&input, &lake, "d4", 4));
    for i in 0..4 {
        finished(&shard(&lake, "d4", i, 4, &work));
    }
    night("d5");
    let out = commit(&lake, "d4");
    assert_eq!(out.status.code(), Some(4), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("planned on run d3"));

    // `plan --full` re-extracts everything; a shard may not choose for itself.
    let out = plan_with(&input, &lake, "d6", 4, &["--full"]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("every document extracted"));
    let out = bin()
        .args(["run", "--run", "d6", "--shard", "0/4", "--full"])
        .args(["--output", lake.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    for i in 0..4 {
        finished(&shard(&lake, "d6", i, 4, &work));
    }
    ok(&commit(&lake, "d6"));
    for path in live_files(&lake.join("articles")).keys() {
        assert!(path.contains("part-d6-"), "{path}");
    }
    assert_same(&lake_dataset(&lake), &common::dataset(&after));
}

#[test]
fn an_interrupted_commit_is_finished_before_anything_else() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 30);
    let (lake, work) = (dir.path().join("lake"), dir.path().join("work"));
    std::fs::create_dir_all(&work).unwrap();
    let shards = |run: &str| {
        for i in 0..2 {
            finished(&shard(&lake, run, i, 2, &work));
        }
    };
    ok(&plan(&input, &lake, "a", 2));
    shards("a");
    ok(&commit(&lake, "a"));
    let files = common::corpus::files(&input);
    common::corpus::change_every(&files, 3);
    ok(&plan(&input, &lake, "b", 2));
    shards("b");
    // Killed after two of the seven tables.
    let out = bin()
        .args(["commit", "--run", "b", "--output", lake.to_str().unwrap()])
        .env("NEWSETL_COMMIT_ABORT_AFTER_TABLES", "2")
        .output()
        .unwrap();
    assert!(!out.status.success());
    // Nothing else is planned or committed until it is finished.
    let out = plan(&input, &lake, "c", 2);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("newsetl commit --run b"));
    ok(&commit(&lake, "b"));
    let local = dir.path().join("local");
    finished(&common::run(&input, &local));
    assert_same(&lake_dataset(&lake), &common::dataset(&local));
    // The next night builds on it; committing an older run again is a no-op.
    ok(&plan(&input, &lake, "c", 2));
    shards("c");
    ok(&commit(&lake, "c"));
    ok(&commit(&lake, "a"));
    assert_same(&lake_dataset(&lake), &common::dataset(&local));
}

#[test]
fn the_configuration_is_the_plans_and_the_partitioning_the_lakes() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 12);
    let (lake, work) = (dir.path().join("lake"), dir.path().join("work"));
    std::fs::create_dir_all(&work).unwrap();
    ok(&plan(&input, &lake, "m", 1));
    finished(&shard(&lake, "m", 0, 1, &work));
    ok(&commit(&lake, "m"));
    // A configuration partitioned by year, beside the built-in one.
    let cfg = dir.path().join("config");
    common::copy_dir(&common::repo().join("config"), &cfg);
    let main = cfg.join("newsetl.yaml");
    let text = std::fs::read_to_string(&main).unwrap();
    assert!(text.contains("partition_by: month"), "{text}");
    std::fs::write(
        &main,
        text.replace("partition_by: month", "partition_by: year"),
    )
    .unwrap();
    let with = |args: &[&str]| {
        bin()
            .args(args)
            .args(["--config", main.to_str().unwrap()])
            .output()
            .unwrap()
    };
    let out = plan_with(&input, &lake, "y", 1, &["--config", main.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("new lake location"));
    // A commit with another configuration than its plan's is refused.
    ok(&plan(&input, &lake, "n", 1));
    finished(&shard(&lake, "n", 0, 1, &work));
    let out = with(&["commit", "--run", "n", "--output", lake.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("give the plan's --config"));
    ok(&commit(&lake, "n"));
    // A local lake inside an input is refused, as a local output is.
    let out = plan(&input, &input.join("lake"), "x", 1);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
}

#[test]
fn tables_get_a_checkpoint_every_interval() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 12);
    let lake = dir.path().join("lake");
    let files = common::corpus::files(&input);
    for night in 1..=3 {
        common::corpus::change_every(&files[night..], 5);
        let out = bin()
            .args([
                "run",
                "--quiet",
                "--format",
                "delta",
                "--max-error-rate",
                "1",
            ])
            .args([
                "--run",
                &format!("k{night}"),
                "--input",
                input.to_str().unwrap(),
            ])
            .args(["--output", lake.to_str().unwrap()])
            .env("NEWSETL_CHECKPOINT_INTERVAL", "2")
            .output()
            .unwrap();
        ok(&out);
    }
    // Versions 0 (creation) to 3: a checkpoint at 2, named by `_last_checkpoint`.
    for t in common::TABLES {
        let log = lake.join(t).join("_delta_log");
        assert!(
            log.join("00000000000000000002.checkpoint.parquet")
                .is_file(),
            "{t}"
        );
        let last: Value =
            serde_json::from_slice(&std::fs::read(log.join("_last_checkpoint")).unwrap()).unwrap();
        assert_eq!(last["version"], 2, "{t}");
    }
    let local = dir.path().join("local");
    finished(&common::run(&input, &local));
    assert_same(&lake_dataset(&lake), &common::dataset(&local));
}

#[test]
fn discovery_errors_are_the_same_rows_as_a_local_runs_and_are_not_retried() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 8);
    // A symbolic link loop: an errors row `read/discovery`, found when the plan lists the input.
    std::os::unix::fs::symlink("..", input.join("feed001/loop")).unwrap();
    let lake = dir.path().join("lake");
    let night = |run: &str| {
        let out = bin()
            .args([
                "run",
                "--format",
                "delta",
                "--max-error-rate",
                "1",
                "--run",
                run,
            ])
            .args([
                "--input",
                input.to_str().unwrap(),
                "--output",
                lake.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    night("l1");
    let local = dir.path().join("local");
    finished(&common::run(&input, &local));
    let d = lake_dataset(&lake);
    assert!(
        d["errors"]
            .iter()
            .any(|r| r.contains("\"kind\":\"discovery\"")),
        "{:?}",
        d["errors"]
    );
    assert_same(&d, &common::dataset(&local));
    // The next night has nothing to do: the error is the same, not a change.
    let report = night("l2");
    assert!(report.contains("(0 changes"), "{report}");
}
