//! What an operator sees: failed documents named where they look (stderr, JSON logs, the
//! changes list), a dry run that writes nothing, messages that say what is wrong, and the
//! habits of a command-line tool.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    copy_dir(&fixtures(), &input);
    let output = dir.path().join("out");
    (dir, input, output)
}

fn run_args(input: &Path, output: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "run",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    newsetl(&args)
}

/// The newest `_runs/*.changes.jsonl`, parsed.
fn changes(output: &Path) -> Vec<serde_json::Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(output.join("_runs"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".changes.jsonl"))
        .collect();
    files.sort();
    std::fs::read_to_string(files.last().unwrap())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn failed_documents_are_named_on_stderr_even_when_quiet() {
    let (_dir, input, output) = setup();
    let o = run_args(&input, &output, &["--quiet"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("failed: broken/binary.md: read/binary:"),
        "{err}"
    );
    assert!(err.contains("failed: broken/empty.md: read/empty"), "{err}");
    assert!(err.contains("report:"), "{err}");
    // The list of changes names them too.
    let ch = changes(&output);
    let failed: Vec<&str> = ch
        .iter()
        .filter(|c| c["change"] == "failed")
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert!(failed.contains(&"broken/binary.md"), "{ch:?}");
}

#[test]
fn json_logs_have_an_error_event_per_failed_document() {
    let (_dir, input, output) = setup();
    let o = run_args(&input, &output, &["--log-format", "json"]);
    let events: Vec<serde_json::Value> = stderr(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect();
    let errors: Vec<&serde_json::Value> = events.iter().filter(|e| e["event"] == "error").collect();
    assert_eq!(errors.len(), 2, "{events:?}");
    assert!(
        errors
            .iter()
            .any(|e| e["path"] == "broken/binary.md" && e["kind"] == "binary")
    );
    assert!(events.iter().any(|e| e["event"] == "summary"));
}

#[test]
fn the_changes_list_says_what_changed_last_night() {
    let (dir, input, output) = setup();
    assert_eq!(
        run_args(&input, &output, &["--quiet"]).status.code(),
        Some(1)
    );
    // A full run lists no re-extracted files, only failures.
    assert!(changes(&output).iter().all(|c| c["change"] == "failed"));
    let added = input.join("新增/一篇.md");
    std::fs::create_dir_all(added.parent().unwrap()).unwrap();
    std::fs::copy(input.join("pages/plain-article.html"), &added).unwrap();
    let gone = input.join("pages/gbk-page.htm");
    std::fs::rename(&gone, dir.path().join("gbk-page.htm")).unwrap();
    let changed = walkdir::WalkDir::new(input.join("金融"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().is_file())
        .unwrap()
        .into_path();
    let mut b = std::fs::read(&changed).unwrap();
    b.extend_from_slice("<p>更正。</p>".as_bytes());
    std::fs::write(&changed, b).unwrap();
    let o = run_args(&input, &output, &["--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ch = changes(&output);
    let of = |kind: &str| -> Vec<String> {
        ch.iter()
            .filter(|c| c["change"] == kind)
            .map(|c| c["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(of("new"), ["新增/一篇.md"]);
    assert_eq!(of("deleted"), ["pages/gbk-page.htm"]);
    assert_eq!(of("changed").len(), 1);
    assert!(changed.ends_with(&of("changed")[0]));
}

#[test]
fn a_dry_run_plans_and_writes_nothing() {
    let (dir, input, output) = setup();
    // On a new output: nothing is created.
    let o = run_args(&input, &output, &["--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!output.exists());
    assert!(stdout(&o).contains("would extract 14"), "{}", stdout(&o));

    run_args(&input, &output, &["--quiet"]);
    let listing = |d: &Path| -> Vec<(PathBuf, std::time::SystemTime)> {
        walkdir::WalkDir::new(d)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| {
                (
                    e.path().to_path_buf(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect()
    };
    let before = listing(&output);
    std::fs::rename(
        input.join("pages/gbk-page.htm"),
        dir.path().join("gbk-page.htm"),
    )
    .unwrap();
    let o = run_args(&input, &output, &["--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("delete 1"), "{text}");
    assert!(text.contains("deleted\tpages/gbk-page.htm"), "{text}");
    assert_eq!(listing(&output), before, "a dry run writes nothing");
    // A dry run of a run that would be refused says so, with the exit code of the run.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = run_args(&empty, &output, &["--dry-run"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stdout(&o).contains("REFUSED"), "{}", stdout(&o));
    assert_eq!(listing(&output), before);
}

#[test]
fn messages_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = run_args(&fixtures(), &file, &[]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("is a file, not a directory"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("os error 17"), "{}", stderr(&o));

    let o = run_args(&dir.path().join("nope"), &dir.path().join("out"), &[]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));

    // Bad arguments are usage errors.
    for bad in [
        &["--max-error-rate", "5"][..],
        &["--max-delete-fraction", "-1"],
        &["--log-format", "xml"],
    ] {
        let o = run_args(&fixtures(), &dir.path().join("out"), bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
    }

    // A configuration that is not a mapping: no Rust type names.
    let cfg = dir.path().join("list.yaml");
    std::fs::write(&cfg, "- read\n- body\n").unwrap();
    let o = newsetl(&["check-config", cfg.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("mapping"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("struct"), "{}", stderr(&o));
    let cfg = dir.path().join("newsetl.yaml");
    std::fs::write(&cfg, "body: [a, b]\n").unwrap();
    let o = newsetl(&["check-config", cfg.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("body"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("BodyConfig"), "{}", stderr(&o));

    // `eval` outside the repository says what to pass.
    let o = Command::new(env!("CARGO_BIN_EXE_newsetl"))
        .arg("eval")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("--gold"), "{}", stderr(&o));
}

#[test]
fn check_config_checks_each_file_by_its_kind() {
    for f in [
        "config/speech.yaml",
        "config/categories.yaml",
        "config/newsetl.yaml",
    ] {
        let o = newsetl(&["check-config", f]);
        assert!(o.status.success(), "{f}: {}", stderr(&o));
    }
    assert!(stdout(&newsetl(&["check-config", "config/speech.yaml"])).contains("speech rules OK"));
    let dir = tempfile::tempdir().unwrap();
    // A speech file under another name is recognised by its keys, and its bad rule is named.
    let f = dir.path().join("my-rules.yaml");
    std::fs::write(&f, "speech_verbs: [表示]\nlabel_pattern: '(['\n").unwrap();
    let o = newsetl(&["check-config", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("label_pattern"), "{}", stderr(&o));
}

#[test]
fn a_config_that_overrides_one_key_takes_the_defaults_for_the_rest() {
    let (dir, input, output) = setup();
    let cfg_dir = dir.path().join("cfg");
    std::fs::create_dir(&cfg_dir).unwrap();
    let cfg = cfg_dir.join("newsetl.yaml");
    std::fs::write(&cfg, "dates:\n  default_zone: UTC\n").unwrap();
    let o = newsetl(&["check-config", cfg.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("categories.yaml not found"),
        "{}",
        stdout(&o)
    );
    let o = run_args(&input, &output, &["--config", cfg.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // The built-in body rules still apply (the editor is taken out of the Sina article).
    let articles = read_table(&output, "articles");
    assert!(
        articles
            .iter()
            .any(|a| a["editor"] != serde_json::Value::Null)
    );
    assert!(stderr(&o).contains(&format!("config: {}", cfg.display())));
}

#[test]
fn a_nightly_run_from_another_directory_does_not_fall_back_silently() {
    let (dir, input, output) = setup();
    let cfg = repo().join("config/newsetl.yaml");
    let o = run_args(
        &input,
        &output,
        &["--quiet", "--config", cfg.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // From a directory without ./config: refused, named.
    let run_from = |envs: &[(&str, &str)], extra: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_newsetl"));
        c.args(["run", "--quiet", "--max-error-rate", "1", "--input"])
            .arg(&input)
            .arg("--output")
            .arg(&output)
            .args(extra)
            .current_dir(dir.path())
            .env_remove("NEWSETL_CONFIG");
        for (k, v) in envs {
            c.env(k, v);
        }
        c.output().unwrap()
    };
    let o = run_from(&[], &[]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("NEWSETL_CONFIG"), "{}", stderr(&o));
    // NEWSETL_CONFIG names it; --config embedded asks for the built-in rules on purpose.
    let o = run_from(&[("NEWSETL_CONFIG", cfg.to_str().unwrap())], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_from(&[], &["--config", "embedded"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn closed_pipes_end_quietly() {
    for cmd in [
        "schema",
        "inspect seeds/000_9d22631a164ff952.txt",
        "man",
        "completions bash",
    ] {
        let o = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "'{}' {cmd} | head -c 10 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
                env!("CARGO_BIN_EXE_newsetl")
            ))
            .current_dir(repo())
            .output()
            .unwrap();
        assert!(!stderr(&o).contains("panicked"), "{cmd}: {}", stderr(&o));
        assert_eq!(stdout(&o).trim(), "0", "{cmd}");
    }
}

#[test]
fn inspect_with_root_shows_the_dataset_id() {
    let (_dir, input, output) = setup();
    run_args(&input, &output, &["--quiet"]);
    let articles = read_table(&output, "articles");
    let a = row(&articles, "source_path", "pages/plain-article.html");
    let file = input.join("pages/plain-article.html");
    let o = newsetl(&[
        "inspect",
        "--json",
        "--root",
        input.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["doc_id"], a["doc_id"]);
    let o = newsetl(&["inspect", file.to_str().unwrap()]);
    assert!(stdout(&o).contains("pass --root"), "{}", stdout(&o));
}

#[test]
fn completions_man_page_and_help() {
    for shell in ["bash", "zsh", "fish"] {
        let o = newsetl(&["completions", shell]);
        assert!(o.status.success());
        assert!(stdout(&o).contains("newsetl"));
    }
    let o = newsetl(&["man"]);
    assert!(stdout(&o).contains(".TH newsetl"), "{}", stdout(&o));
    let o = newsetl(&["run", "--help"]);
    let help = stdout(&o);
    for needle in [
        "Incremental",
        "Exit codes",
        "--allow-deletes",
        "--dry-run",
        "[default: 0.5]",
    ] {
        assert!(help.contains(needle), "{needle}: {help}");
    }
}
