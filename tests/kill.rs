//! Runs killed with SIGKILL at random moments never leave a half-written dataset, and the next
//! run completes the work.
//!
//! Each trial changes the corpus (edits, deletions, additions), computes what a clean full run
//! makes of it (the reference), starts an incremental (or, every third trial, a `--full`) run
//! on the shared output and kills it after a random delay. Then every table of the output must
//! be exactly the dataset before the trial or exactly the reference — readable, no duplicates,
//! nothing half-written — and an unkilled run must bring the whole output to the reference.
//!
//! `NEWSETL_KILL_TRIALS` (default 24) sets the number of trials, `NEWSETL_KILL_SEED` the seed.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn start(input: &Path, output: &Path, full: bool) -> std::process::Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsetl"));
    cmd.args(["run", "--quiet", "--max-error-rate", "1", "--input"])
        .arg(input)
        .arg("--output")
        .arg(output)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if full {
        cmd.arg("--full");
    }
    cmd.spawn().expect("binary starts")
}

/// Run to the end; returns how long the process took and how long its publish took (the
/// `finish` phase of its report: closing files, carrying over, syncing, exchanging tables).
fn complete(input: &Path, output: &Path) -> (Duration, Duration) {
    let t = Instant::now();
    let status = start(input, output, false).wait().unwrap();
    let elapsed = t.elapsed();
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "run failed: {status:?}"
    );
    let mut reports: Vec<PathBuf> = std::fs::read_dir(output.join("_runs"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".json"))
        .collect();
    reports.sort();
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(reports.last().unwrap()).unwrap()).unwrap();
    let finish_ms = report["phase_ms"]["finish_ms"].as_f64().unwrap_or(0.0);
    (elapsed, Duration::from_secs_f64(finish_ms / 1000.0))
}

/// A kill delay for a run that takes `elapsed`, ending with a publish of `publish`: half of
/// the trials anywhere in the run, half in the publish window at its end (where a kill can
/// leave tables of two runs, the case the publish marker is for).
fn kill_delay(rng: &mut fastrand::Rng, elapsed: Duration, publish: Duration) -> Duration {
    let total = elapsed.as_micros() as u64;
    if rng.bool() {
        return Duration::from_micros(rng.u64(0..(total * 12 / 10).max(1)));
    }
    let window = (publish.as_micros() as u64).max(2_000) + 2_000;
    let start = total.saturating_sub(window);
    Duration::from_micros(rng.u64(start..total.max(start + 1)))
}

fn documents(input: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(input)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    v.sort();
    v
}

/// Edit, delete and add a few documents.
fn mutate(input: &Path, rng: &mut fastrand::Rng, trial: usize) {
    let docs = documents(input);
    for _ in 0..rng.usize(1..6) {
        let f = &docs[rng.usize(..docs.len())];
        if let Ok(mut b) = std::fs::read(f) {
            b.extend_from_slice(format!("<p>第{trial}次更正。</p>").as_bytes());
            std::fs::write(f, b).unwrap();
        }
    }
    for _ in 0..rng.usize(0..3) {
        let _ = std::fs::remove_file(&docs[rng.usize(..docs.len())]);
    }
    for i in 0..rng.usize(0..3) {
        let from = &docs[rng.usize(..docs.len())];
        let to = input.join(format!("added/trial {trial} 文档 {i}.md"));
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        let _ = std::fs::copy(from, to);
    }
}

#[test]
fn runs_killed_at_random_moments_leave_a_complete_dataset_and_the_next_run_completes() {
    let trials: usize = std::env::var("NEWSETL_KILL_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    let seed: u64 = std::env::var("NEWSETL_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("kill test: {trials} trials, NEWSETL_KILL_SEED={seed}");
    let mut rng = fastrand::Rng::with_seed(seed);

    let input = tempfile::tempdir().unwrap();
    corpus::generate(&repo(), input.path(), 300);
    let out = tempfile::tempdir().unwrap();
    let mut timing_full = complete(input.path(), out.path());
    let mut timing_incremental = timing_full;
    let mut before = dataset(out.path());
    let mut outcomes = [0usize; 2]; // [left as before, already the reference]
    let mut mid_publish = 0; // trials that left tables of both runs
    let mut in_publish = 0; // trials killed after the staged manifest was written

    for trial in 0..trials {
        mutate(input.path(), &mut rng, trial);
        let reference = tempfile::tempdir().unwrap();
        timing_full = complete(input.path(), reference.path());
        let after = dataset(reference.path());

        let full = trial % 3 == 2;
        let (elapsed, publish) = if full {
            timing_full
        } else {
            timing_incremental
        };
        let mut child = start(input.path(), out.path(), full);
        let delay = kill_delay(&mut rng, elapsed, publish).as_micros();
        std::thread::sleep(Duration::from_micros(delay as u64));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let killed = dataset(out.path());
        // Killed after extraction: the staged manifest was written (finish phase) or the
        // publish had begun.
        let staged_manifest = std::fs::read_dir(out.path())
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| {
                e.file_name().to_string_lossy().starts_with(".staging-")
                    && e.path().join("_state/manifest.json").exists()
            });
        if staged_manifest || out.path().join("_state/publishing").exists() {
            in_publish += 1;
        }
        let new_tables = TABLES
            .iter()
            .filter(|t| killed[**t] == after[**t] && before[**t] != after[**t])
            .count();
        let old_tables = TABLES
            .iter()
            .filter(|t| killed[**t] == before[**t] && before[**t] != after[**t])
            .count();
        if new_tables > 0 && old_tables > 0 {
            mid_publish += 1;
        }
        for t in TABLES {
            let state = &killed[t];
            if *state == before[t] {
                outcomes[0] += 1;
            } else if *state == after[t] {
                outcomes[1] += 1;
            } else {
                panic!(
                    "trial {trial} (seed {seed}, killed after {delay} µs): table {t} is neither \
                     the previous dataset ({} rows) nor the new one ({} rows): {} rows",
                    before[t].len(),
                    after[t].len(),
                    state.len()
                );
            }
        }

        timing_incremental = complete(input.path(), out.path());
        let completed = dataset(out.path());
        for t in TABLES {
            assert!(
                completed[t] == after[t],
                "trial {trial} (seed {seed}): after the next run, {t} differs from a clean run"
            );
        }
        before = after;
    }
    eprintln!(
        "kill test: table states after a kill: {} unchanged, {} already new; {in_publish} trials killed while publishing, {mid_publish} of them between two table exchanges",
        outcomes[0], outcomes[1]
    );
}
