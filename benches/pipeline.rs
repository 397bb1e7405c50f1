//! `cargo bench --bench pipeline` — see BENCHMARKS.md.
//!
//! Environment:
//! - `NEWSETL_BENCH_N` (default 10000): documents to generate. By default the corpus is
//!   **real-shaped**: `../shared/tools/scale_corpus.py --from ../shared/corpus/rsshub-page --n N
//!   --seed 0` (real posts copied round-robin with small perturbations); when that script or
//!   corpus is not there, or with `NEWSETL_BENCH_CORPUS=fixtures`, copies of
//!   `tests/fixtures/corpus` and `seeds/` (each with its own path, date and text);
//! - `NEWSETL_BENCH_INPUT`: benchmark this directory instead of a generated corpus;
//! - `NEWSETL_BENCH_KEEP=1`: keep the generated corpus and outputs (the path is printed), e.g.
//!   for `benches/load_times.py`.
//!
//! Measures, on the same files: the parse bound (read + decode + scraper parse on all cores with
//! rayon, nothing extracted or written), end-to-end `pipeline::run` on 1 thread and on all
//! threads, and the peak RSS of the release binary doing the same run.

#[path = "../tests/common/corpus.rs"]
mod corpus;

use newsetl::config::{self, ConfigSource};
use newsetl::pipeline::{self, RunOptions};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().expect("temp dir");
    let keep = std::env::var_os("NEWSETL_BENCH_KEEP").is_some();
    let input = match std::env::var_os("NEWSETL_BENCH_INPUT") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let n: usize = std::env::var("NEWSETL_BENCH_N")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(10_000);
            let dir = work.path().join("corpus");
            let script = repo.join("../shared/tools/scale_corpus.py");
            let posts = repo.join("../shared/corpus/rsshub-page");
            let fixtures = std::env::var("NEWSETL_BENCH_CORPUS").is_ok_and(|v| v == "fixtures");
            let real = !fixtures
                && script.is_file()
                && posts.is_dir()
                && std::process::Command::new("python3")
                    .arg(&script)
                    .args(["--from".as_ref(), posts.as_os_str()])
                    .args(["--n", &n.to_string(), "--seed", "0", "--out"])
                    .arg(&dir)
                    .stdout(std::process::Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success());
            if real {
                println!(
                    "corpus: real-shaped, scale_corpus.py --from rsshub-page --n {n} --seed 0"
                );
            } else {
                println!(
                    "corpus: copies of the test fixtures (no ../shared/tools/scale_corpus.py)"
                );
                let _ = std::fs::remove_dir_all(&dir);
                corpus::generate(&repo, &dir, n);
            }
            dir
        }
    };
    let rules =
        config::load(&ConfigSource::Path(repo.join("config/newsetl.yaml"))).expect("config");
    newsetl::memory::tune_allocator();
    let (files, _) = newsetl::read::discover(&input, &rules.read);
    let files: Vec<newsetl::read::SourceFile> = files.iter().collect();
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(&f.path).map(|m| m.len()).unwrap_or(0))
        .sum();
    let mb = bytes as f64 / 1e6;
    let threads = rayon::current_num_threads();
    println!(
        "corpus: {} files, {:.1} MB, {} threads available",
        files.len(),
        mb,
        threads
    );

    // Warm the page cache so that every measurement reads from memory.
    files.par_iter().for_each(|f| {
        let _ = std::fs::read(&f.path);
    });

    let t = Instant::now();
    let parsed: usize = files
        .par_iter()
        .map(|f| {
            let b = std::fs::read(&f.path).unwrap_or_default();
            match newsetl::read::decode(&b) {
                Ok(d) => scraper::Html::parse_document(&d.text).tree.nodes().count(),
                Err(_) => 0,
            }
        })
        .sum();
    let bound = t.elapsed().as_secs_f64();
    assert!(parsed > 0);

    let stages = std::cell::RefCell::new(None);
    let run = |pool_threads: usize, tag: &str, full: bool| -> f64 {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(pool_threads)
            .build()
            .expect("pool");
        let out = work.path().join(format!("out-{}", pool_threads));
        let opts = RunOptions {
            run_id: format!("bench-{tag}-{}", pipeline::new_run_id()),
            full,
            ..RunOptions::new(vec![input.clone()], out)
        };
        let t = Instant::now();
        let summary = pool
            .install(|| pipeline::run(&rules, &opts, &|_| {}))
            .expect("run");
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{tag}: extracted {} documents, wrote {} Parquet files, kept {}",
            summary.changes.processed, summary.written.files, summary.written.files_kept
        );
        if full && pool_threads == threads {
            *stages.borrow_mut() = Some((summary.stage_cpu_ms, summary.changes.processed));
        }
        secs
    };
    let one = run(1, "full run, 1 thread", true);
    let all = run(threads, "full run, all threads", true);
    let unchanged = run(threads, "no-change re-run", false);
    let changed = files.len().div_ceil(100);
    corpus::change_every(
        &files.iter().map(|f| f.path.clone()).collect::<Vec<_>>(),
        100,
    );
    let one_pct = run(threads, "1%-changed re-run", false);

    let rss_mb = peak_rss_of_binary(&repo, &input, &work.path().join("out-rss"));

    let rate = |s: f64| {
        format!(
            "{:>9.0} docs/s {:>7.1} MB/s",
            files.len() as f64 / s,
            mb / s
        )
    };
    println!(
        "parse bound ({threads} threads):  {:>7.3} s  {}",
        bound,
        rate(bound)
    );
    println!("end-to-end, 1 thread:       {:>7.3} s  {}", one, rate(one));
    println!(
        "end-to-end, {threads} threads:      {:>7.3} s  {}",
        all,
        rate(all)
    );
    println!("end-to-end / parse bound (throughput): {:.2}", bound / all);
    println!("speed-up 1 -> {threads} threads: {:.2}x", one / all);
    println!(
        "no-change re-run: {:>7.3} s = {:.1}% of the full run",
        unchanged,
        100.0 * unchanged / all
    );
    println!(
        "1%-changed re-run ({changed} files): {:>7.3} s = {:.1}% of the full run",
        one_pct,
        100.0 * one_pct / all
    );
    if let Some((t, n)) = stages.borrow().as_ref() {
        let per = |ms: f64| ms * 1000.0 / (*n).max(1) as f64;
        println!(
            "CPU per document (µs), all-threads run: read {:.0}, front matter {:.0}, body {:.0}, speech {:.0}, normalize {:.0}",
            per(t.read_ms),
            per(t.front_matter_ms),
            per(t.body_ms),
            per(t.speech_ms),
            per(t.normalize_ms)
        );
    }
    if keep {
        println!("kept: {}", work.keep().display());
    }
    match rss_mb {
        Some(r) => println!("peak RSS of `newsetl run` (release binary): {r:.1} MiB"),
        None => println!("peak RSS: build the release binary first (cargo build --release)"),
    }
}

/// Run the release binary on the corpus and return its peak resident set size, as the run
/// report gives it (`VmHWM` read by the process itself: `getrusage(RUSAGE_CHILDREN)` would also
/// count the pages the child shared with this big process between fork and exec).
fn peak_rss_of_binary(repo: &Path, input: &Path, out: &Path) -> Option<f64> {
    let bin = repo.join("target/release/newsetl");
    if !bin.exists() {
        return None;
    }
    let status = std::process::Command::new(bin)
        .args(["run", "--quiet", "--max-error-rate", "1", "--input"])
        .arg(input)
        .arg("--output")
        .arg(out)
        .status()
        .ok()?;
    assert!(status.success());
    let report = std::fs::read_dir(out.join("_runs"))
        .ok()?
        .next()?
        .ok()?
        .path();
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report).ok()?).ok()?;
    Some(report["peak_rss_bytes"].as_f64()? / (1024.0 * 1024.0))
}
