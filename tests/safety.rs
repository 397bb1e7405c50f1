//! Nightly runs never lose data: wrong inputs, outputs that are not newsetl's, URLs, power loss
//! and readers of several tables. Each test here failed on the code before these guards.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

fn run_with(input: &Path, output: &Path, extra: &[&str]) -> Output {
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

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The fixture corpus copied into a temporary directory: `(dir, input, output)`.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    copy_dir(&fixtures(), &input);
    let output = dir.path().join("out");
    (dir, input, output)
}

#[test]
fn an_empty_or_missing_input_never_empties_the_dataset() {
    let (dir, input, output) = setup();
    assert!(run_with(&input, &output, &[]).status.success());
    let before = dataset(&output);
    assert!(!before["articles"].is_empty());

    // An empty input directory (an unmounted share): refused, exit 3, nothing changed.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for extra in [&[][..], &["--full"], &["--max-delete-fraction", "1"]] {
        let o = run_with(&empty, &output, extra);
        assert_eq!(o.status.code(), Some(3), "{extra:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            (err.contains("would delete") || err.contains("holds no documents"))
                && err.contains("--allow-deletes"),
            "{err}"
        );
        assert_eq!(dataset(&output), before, "{extra:?}");
    }

    // A missing input: fatal, named.
    let o = run_with(&dir.path().join("no-such-dir"), &output, &[]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    assert_eq!(dataset(&output), before);

    // More than the allowed share of documents gone: refused; within it: published.
    // (Articles count: the two unreadable fixtures are errors, not published articles.)
    let docs: Vec<PathBuf> = walkdir::WalkDir::new(&input)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| !p.ends_with("broken/binary.md") && !p.ends_with("broken/empty.md"))
        .collect();
    let n = docs.len();
    let moved = dir.path().join("moved");
    std::fs::create_dir(&moved).unwrap();
    for (i, d) in docs.iter().take(n * 6 / 10 + 1).enumerate() {
        std::fs::rename(d, moved.join(i.to_string())).unwrap();
    }
    let o = run_with(&input, &output, &[]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("over --max-delete-fraction 0.5"));
    assert_eq!(dataset(&output), before);
    let o = run_with(&input, &output, &["--max-delete-fraction", "0.7"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dataset(&output)["articles"].len() < before["articles"].len());

    // Deleting everything is what --allow-deletes is for.
    let o = run_with(&empty, &output, &["--allow-deletes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dataset(&output)["articles"].is_empty());
}

#[test]
fn files_newsetl_did_not_write_are_never_removed() {
    let (dir, input, _) = setup();

    // A first run into someone else's directory is refused and leaves it as it was.
    let theirs = dir.path().join("theirs");
    std::fs::create_dir_all(theirs.join("articles")).unwrap();
    std::fs::create_dir_all(theirs.join("images")).unwrap();
    std::fs::write(theirs.join("articles/my-analysis.csv"), "doc,score\n").unwrap();
    std::fs::write(theirs.join("images/logo.png"), b"\x89PNG").unwrap();
    let before = tree(&theirs);
    let o = run_with(&input, &theirs, &[]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("not created by newsetl"),
        "{}",
        stderr(&o)
    );
    assert_eq!(tree(&theirs), before);

    // The input as the output, an output inside the input, an input inside the output.
    let before = tree(&input);
    for (i, o) in [
        (input.clone(), input.clone()),
        (input.clone(), input.join("out")),
    ] {
        let out = run_with(&i, &o, &[]);
        assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
        assert!(stderr(&out).contains("inside"), "{}", stderr(&out));
    }
    assert_eq!(tree(&input), before, "the input is untouched");
    let output = dir.path().join("out");
    assert!(run_with(&input, &output, &[]).status.success());
    let nested = output.join("articles/posts");
    copy_dir(&fixtures(), &nested);
    let o = run_with(&nested, &output, &[]);
    assert_eq!(o.status.code(), Some(3));
    std::fs::remove_dir_all(&nested).unwrap();

    // In newsetl's own output, files it did not write survive every kind of run.
    let mine = [
        "articles/my-analysis.csv",
        "images/notes/logo.png",
        "errors/README.txt",
    ];
    for f in mine {
        let p = output.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, f).unwrap();
    }
    // A partition that this run rewrites, and one whose documents all go.
    let partitions: Vec<PathBuf> = std::fs::read_dir(output.join("articles"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    let in_partition = partitions[0].join("notes.txt");
    std::fs::write(&in_partition, "mine").unwrap();
    let some_doc = walkdir::WalkDir::new(&input)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md") && e.path().is_file())
        .unwrap()
        .into_path();
    let mut b = std::fs::read(&some_doc).unwrap();
    b.extend_from_slice("<p>更正。</p>".as_bytes());
    std::fs::write(&some_doc, b).unwrap();
    for extra in [&[][..], &["--full"]] {
        let o = run_with(&input, &output, extra);
        assert!(o.status.success(), "{}", stderr(&o));
        for f in mine {
            assert_eq!(std::fs::read_to_string(output.join(f)).unwrap(), f, "{f}");
        }
        assert_eq!(std::fs::read_to_string(&in_partition).unwrap(), "mine");
        let report = last_report(&output);
        assert_eq!(
            report["written"]["foreign_files"].as_array().unwrap().len(),
            4,
            "{report}"
        );
    }
}

fn last_report(output: &Path) -> serde_json::Value {
    let mut reports: Vec<PathBuf> = std::fs::read_dir(output.join("_runs"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".json"))
        .collect();
    reports.sort();
    serde_json::from_slice(&std::fs::read(reports.last().unwrap()).unwrap()).unwrap()
}

#[test]
fn urls_are_refused_and_never_become_local_folders() {
    let (dir, input, _) = setup();
    for (flag, value) in [
        ("--output", "s3://bucket/out"),
        ("--output", "gs://bucket/out"),
        ("--output", "https://example.com/out"),
        ("--input", "az://container/posts"),
    ] {
        let mut args = vec!["run", "--quiet"];
        let (i, o) = if flag == "--input" {
            (
                value.to_string(),
                dir.path().join("o").display().to_string(),
            )
        } else {
            (input.display().to_string(), value.to_string())
        };
        args.extend(["--input", &i, "--output", &o]);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsetl"))
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{value}");
        // An object-store input is read only by runs into a lake.
        let why = if flag == "--input" {
            "object-store inputs are read by runs into a lake"
        } else {
            "local directories only"
        };
        assert!(stderr(&out).contains(why), "{}", stderr(&out));
        let scheme = value.split(':').next().unwrap();
        assert!(!dir.path().join(format!("{scheme}:")).exists());
    }
    // A file:// URL is a local path.
    let url = format!("file://{}", dir.path().join("via-url").display());
    let o = newsetl(&[
        "run",
        "--quiet",
        "--max-error-rate",
        "1",
        "--input",
        input.to_str().unwrap(),
        "--output",
        &url,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("via-url/articles").is_dir());
}

#[test]
fn every_table_of_one_run_is_readable_from_its_snapshot() {
    let (_dir, input, output) = setup();
    let snapshot = |o: &Path| {
        let out = newsetl(&["snapshot", o.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
    };
    assert!(run_with(&input, &output, &[]).status.success());
    let first = snapshot(&output);
    let first_data = dataset(&output);
    assert_eq!(dataset(&first), first_data, "the snapshot is the dataset");

    let doc = walkdir::WalkDir::new(&input)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().to_string_lossy().contains("新浪财经") && e.path().is_file())
        .unwrap()
        .into_path();
    let mut b = std::fs::read(&doc).unwrap();
    b.extend_from_slice("<p>第二次更正：王毅表示，会谈富有成果。</p>".as_bytes());
    std::fs::write(&doc, &b).unwrap();
    assert!(run_with(&input, &output, &[]).status.success());
    let second = snapshot(&output);
    assert_ne!(first, second);
    assert_eq!(dataset(&second), dataset(&output));
    assert_ne!(dataset(&output), first_data);
    // A reader still holding the first snapshot reads the first run, whole and unchanged.
    assert_eq!(dataset(&first), first_data);

    b.extend_from_slice("<p>第三次。</p>".as_bytes());
    std::fs::write(&doc, &b).unwrap();
    assert!(run_with(&input, &output, &[]).status.success());
    // Two snapshots are kept (output.keep_snapshots): the first is gone, the second stays.
    assert!(!first.exists());
    assert!(second.exists());
    assert_eq!(dataset(&snapshot(&output)), dataset(&output));
}

/// Under strace: every Parquet file is fsynced, and directories are synced, before the first
/// table exchange (`renameat2`). CI installs strace and sets NEWSETL_REQUIRE_STRACE=1.
#[test]
fn files_and_directories_are_synced_before_the_exchange() {
    let have = std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        assert!(
            std::env::var_os("NEWSETL_REQUIRE_STRACE").is_none(),
            "strace is required here"
        );
        eprintln!("strace not installed: skipped");
        return;
    }
    let (dir, input, output) = setup();
    let log = dir.path().join("strace.log");
    // A first run, then an incremental one (the exchange happens when tables exist).
    assert!(run_with(&input, &output, &[]).status.success());
    let doc = walkdir::WalkDir::new(&input)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md") && e.path().is_file())
        .unwrap()
        .into_path();
    let mut b = std::fs::read(&doc).unwrap();
    b.extend_from_slice("<p>更正。</p>".as_bytes());
    std::fs::write(&doc, b).unwrap();
    let st = std::process::Command::new("strace")
        .args([
            "-f",
            "-y",
            "-qq",
            "-e",
            "trace=openat,fsync,renameat2,rename,unlink,unlinkat",
            "-o",
        ])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_newsetl"))
        .args(["run", "--quiet", "--max-error-rate", "1", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    assert!(st.status.success(), "{}", stderr(&st));
    let text = std::fs::read_to_string(&log).unwrap();
    let first_exchange = text
        .lines()
        .position(|l| l.contains("renameat2(") && l.contains("RENAME_EXCHANGE"))
        .expect("tables are exchanged");
    let before = &text.lines().collect::<Vec<_>>()[..first_exchange];
    // With `-y`, strace prints the path of every fd argument: `fsync(5</path>)`.
    let mut synced: Vec<String> = Vec::new();
    let mut staged_files: Vec<String> = Vec::new();
    for l in before {
        if let Some(rest) = l.split_once("openat(").map(|x| x.1)
            && let Some(path) = rest.split('"').nth(1)
            && path.contains(".staging-")
            && path.ends_with(".parquet")
            && l.contains("O_CREAT")
        {
            staged_files.push(path.to_string());
        }
        // A file removed again (a partition whose documents all moved) needs no sync.
        if l.contains("unlink")
            && let Some(path) = l.split('"').nth(1)
        {
            staged_files.retain(|f| f != path);
        }
        if let Some(rest) = l.split_once("fsync(").map(|x| x.1)
            && let Some(path) = rest.split_once('<').and_then(|(_, p)| p.split_once('>'))
        {
            synced.push(path.0.to_string());
        }
    }
    assert!(!staged_files.is_empty());
    for f in &staged_files {
        assert!(synced.contains(f), "{f} is not synced before the exchange");
    }
    assert!(
        synced
            .iter()
            .any(|p| p.contains(".staging-") && p.ends_with("articles")),
        "the staged table directories are synced"
    );
    assert!(
        synced.iter().any(|p| p.contains("_snapshots")),
        "the snapshot is synced"
    );
}

#[test]
fn a_crash_between_two_table_exchanges_is_repaired_by_the_next_run() {
    let (dir, input, output) = setup();
    assert!(run_with(&input, &output, &[]).status.success());
    let before = dataset(&output);
    let before_snapshot = newsetl(&["snapshot", output.to_str().unwrap()]).stdout;
    // Change every table: one document more.
    let added = input.join("新增/外交部记者会.md");
    std::fs::create_dir_all(added.parent().unwrap()).unwrap();
    std::fs::copy(
        fixtures().join("金融/新浪财经/新浪财经－国內/外交部发言人答记者问.md"),
        &added,
    )
    .unwrap();
    let reference = dir.path().join("reference");
    assert!(run_with(&input, &reference, &[]).status.success());
    let after = dataset(&reference);

    let o = std::process::Command::new(env!("CARGO_BIN_EXE_newsetl"))
        .args(["run", "--quiet", "--max-error-rate", "1", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .env("NEWSETL_ABORT_AFTER_EXCHANGES", "3")
        .output()
        .unwrap();
    assert!(!o.status.success(), "the run aborted");
    let crashed = dataset(&output);
    // Three tables are the new run's, the others the previous run's: each table is whole.
    let new: Vec<&str> = TABLES
        .iter()
        .copied()
        .filter(|t| crashed[t] == after[t] && before[t] != after[t])
        .collect();
    assert_eq!(new, ["articles", "paragraphs", "images"], "{new:?}");
    for t in &TABLES[3..] {
        assert_eq!(crashed[t], before[t], "{t}");
    }
    assert!(output.join("_state/publishing").exists());
    // Readers of the snapshot still read one run: the previous one.
    assert_eq!(
        newsetl(&["snapshot", output.to_str().unwrap()]).stdout,
        before_snapshot
    );
    // The next run sees the marker, rebuilds everything and reaches the reference.
    assert!(run_with(&input, &output, &[]).status.success());
    assert_eq!(last_report(&output)["mode"], "full");
    assert_eq!(dataset(&output), after);
    assert!(!output.join("_state/publishing").exists());
}

#[test]
fn the_deletion_limit_holds_without_a_manifest_across_roots_and_for_failures() {
    let (dir, input, output) = setup();
    assert!(run_with(&input, &output, &[]).status.success());
    let before = dataset(&output);
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();

    // A corrupt, missing or foreign-format manifest: the tables say what is published.
    let manifest = output.join("_state/manifest.json");
    let saved = std::fs::read(&manifest).unwrap();
    for damage in [&b"{\"format\": 1, trunc"[..], b"{\"format\": 2}"] {
        std::fs::write(&manifest, damage).unwrap();
        let o = run_with(&empty, &output, &["--max-delete-fraction", "1"]);
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        assert_eq!(dataset(&output), before);
    }
    std::fs::remove_file(&manifest).unwrap();
    let o = run_with(&empty, &output, &[]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_eq!(dataset(&output), before);
    std::fs::write(&manifest, &saved).unwrap();

    // Two roots, one of them empty (an unmounted share): refused, even under the fraction.
    let second = dir.path().join("second");
    std::fs::create_dir(&second).unwrap();
    std::fs::copy(
        fixtures().join("pages/plain-article.html"),
        second.join("extra.html"),
    )
    .unwrap();
    let two = |a: &Path, b: &Path| {
        newsetl(&[
            "run",
            "--quiet",
            "--max-error-rate",
            "1",
            "--input",
            a.to_str().unwrap(),
            "--input",
            b.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ])
    };
    assert!(two(&input, &second).status.success());
    let with_second = dataset(&output);
    std::fs::remove_file(second.join("extra.html")).unwrap();
    let o = two(&input, &second);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("holds no documents"), "{}", stderr(&o));
    assert_eq!(dataset(&output), with_second);

    // Every article failing at once (the files emptied): as many articles lost as deleted.
    let fresh = dir.path().join("fresh");
    let out2 = dir.path().join("out2");
    copy_dir(&fixtures(), &fresh);
    assert!(run_with(&fresh, &out2, &[]).status.success());
    let good = dataset(&out2);
    for e in walkdir::WalkDir::new(&fresh)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            std::fs::write(e.path(), "").unwrap();
        }
    }
    let o = run_with(&fresh, &out2, &[]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("would delete"), "{}", stderr(&o));
    assert_eq!(dataset(&out2), good, "nothing published");
    assert!(
        !std::fs::read_dir(&out2).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".staging-")),
        "no staging left behind"
    );
}

#[test]
fn foreign_files_named_like_ours_and_foreign_snapshots_are_kept() {
    let (_dir, input, output) = setup();
    assert!(run_with(&input, &output, &[]).status.success());
    let part = std::fs::read_dir(output.join("articles"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().is_dir())
        .unwrap()
        .path();
    let planted = [
        part.join("part-00001.parquet"),
        output.join("articles/month=2020-01/part-00000.parquet"),
        output.join("errors/part-00007.parquet"),
        output.join("articles/month=2022-03_backup/part-00000.parquet"),
        output.join("_snapshots/my-backup/notes.txt"),
        output.join("_snapshots/20200101-keep/notes.txt"),
    ];
    for p in &planted {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "not newsetl's").unwrap();
    }
    std::fs::create_dir_all(output.join("articles/emptydir")).unwrap();
    for extra in [&[][..], &["--full"], &["--full"], &["--full"]] {
        let o = run_with(&input, &output, extra);
        assert!(o.status.success(), "{extra:?}: {}", stderr(&o));
        for p in &planted {
            assert_eq!(
                std::fs::read_to_string(p).ok().as_deref(),
                Some("not newsetl's"),
                "{}",
                p.display()
            );
        }
        assert!(output.join("articles/emptydir").is_dir());
    }
    // A foreign file where newsetl publishes a partition of its own: refused, named.
    let doc = input.join("pages/plain-article.html");
    let text = std::fs::read_to_string(&doc)
        .unwrap()
        .replace("2022-03-07T16:10:42+08:00", "2020-01-07T16:10:42+08:00");
    std::fs::write(&doc, text).unwrap();
    let o = run_with(&input, &output, &[]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("month=2020-01"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_symlinked_lock_file_is_refused_and_its_target_untouched() {
    let (dir, input, output) = setup();
    assert!(run_with(&input, &output, &[]).status.success());
    let precious = dir.path().join("precious.txt");
    std::fs::write(&precious, "keep me").unwrap();
    std::fs::remove_file(output.join(".newsetl.lock")).unwrap();
    std::os::unix::fs::symlink(&precious, output.join(".newsetl.lock")).unwrap();
    let o = run_with(&input, &output, &[]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
}

#[test]
fn a_closed_stderr_does_not_kill_a_run() {
    let (_dir, input, output) = setup();
    let o = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{}' run --max-error-rate 1 --input '{}' --output '{}' 2>&1 | head -c 1 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
            env!("CARGO_BIN_EXE_newsetl"),
            input.display(),
            output.display()
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "0");
    assert!(output.join("articles").is_dir());
}
