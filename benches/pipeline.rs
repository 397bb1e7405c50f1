//! `cargo bench --bench pipeline` — see BENCHMARKS.md.
//!
//! Environment:
//! - `NEWSETL_BENCH_N` (default 10000): documents to generate from `tests/fixtures/corpus` and
//!   `seeds/` (each copy gets its own path, date and text, so no two files are identical);
//! - `NEWSETL_BENCH_INPUT`: benchmark this directory instead of a generated corpus.
//!
//! Measures, on the same files: the parse bound (read + decode + scraper parse on all cores with
//! rayon, nothing extracted or written), end-to-end `pipeline::run` on 1 thread and on all
//! threads, and the peak RSS of the release binary doing the same run.

use newsetl::config::{self, ConfigSource};
use newsetl::pipeline::{self, RunOptions};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().expect("temp dir");
    let input = match std::env::var_os("NEWSETL_BENCH_INPUT") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let n: usize = std::env::var("NEWSETL_BENCH_N")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(10_000);
            let dir = work.path().join("corpus");
            generate(&repo, &dir, n);
            dir
        }
    };
    let rules =
        config::load(&ConfigSource::Path(repo.join("config/newsetl.yaml"))).expect("config");
    let (files, _) = newsetl::read::discover(&input, &rules.read);
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

    let run = |pool_threads: usize, tag: &str| -> f64 {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(pool_threads)
            .build()
            .expect("pool");
        let out = work.path().join(format!("out-{tag}"));
        let opts = RunOptions {
            inputs: vec![input.clone()],
            output: out,
            run_id: format!("bench-{tag}"),
        };
        let t = Instant::now();
        let summary = pool
            .install(|| pipeline::run(&rules, &opts, &|_| {}))
            .expect("run");
        let secs = t.elapsed().as_secs_f64();
        println!(
            "end-to-end ({tag} threads) wrote {} Parquet files (tables × partitions)",
            summary.written.files
        );
        secs
    };
    let one = run(1, "1");
    let all = run(threads, "all");

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
    match rss_mb {
        Some(r) => println!("peak RSS of `newsetl run` (release binary): {r:.1} MB"),
        None => println!("peak RSS: build the release binary first (cargo build --release)"),
    }
}

/// Copies of the fixtures and the seed, each with its own path, date and text.
fn generate(repo: &Path, dir: &Path, n: usize) {
    let mut sources = Vec::new();
    for root in [repo.join("tests/fixtures/corpus"), repo.join("seeds")] {
        for e in walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.file_type().is_file() {
                sources.push(std::fs::read(e.path()).expect("fixture"));
            }
        }
    }
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    for i in 0..n {
        let src = &sources[i % sources.len()];
        let mut text = match std::str::from_utf8(src) {
            Ok(s) => s
                .replace("2022", &format!("{}", 2015 + i % 8))
                .replace("Mar", months[i % 12]),
            Err(_) => {
                // Non-UTF-8 fixtures (GBK, binary) are copied as they are.
                write(dir, i, src);
                continue;
            }
        };
        text = text.replacen("</p>", &format!("（第{i}号）</p>"), 1);
        write(dir, i, text.as_bytes());
    }
}

fn write(dir: &Path, i: usize, bytes: &[u8]) {
    let sub = dir.join(format!("feed{:03}", i % 300));
    std::fs::create_dir_all(&sub).expect("mkdir");
    std::fs::write(sub.join(format!("doc{i:07}.md")), bytes).expect("write");
}

/// Run the release binary on the corpus and return its peak resident set size.
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
    // SAFETY: getrusage writes into the struct we pass; RUSAGE_CHILDREN covers the waited child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    Some(usage.ru_maxrss as f64 / 1024.0) // kilobytes on Linux
}
