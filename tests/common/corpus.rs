//! A generated corpus for benchmarks and the kill test: copies of the fixtures and the seed,
//! each with its own path, date and text.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Copies of the fixtures and the seed, each with its own path, date and text.
pub fn generate(repo: &Path, dir: &Path, n: usize) {
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

/// Write one document, dated a day ago like a file of an archive (a file modified within
/// seconds of a run is hashed again by the next run, which is not what a nightly run sees).
fn write(dir: &Path, i: usize, bytes: &[u8]) {
    let sub = dir.join(format!("feed{:03}", i % 300));
    std::fs::create_dir_all(&sub).expect("mkdir");
    let path = sub.join(format!("doc{i:07}.md"));
    std::fs::write(&path, bytes).expect("write");
    let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(day_ago))
        .expect("set mtime");
}

/// Every file under `dir`, in file-name order.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// Change the content of every `step`-th file (a paragraph appended).
pub fn change_every(files: &[PathBuf], step: usize) {
    for f in files.iter().step_by(step) {
        let mut b = std::fs::read(f).expect("read");
        b.extend_from_slice("<p>更正：本文已更新。</p>".as_bytes());
        std::fs::write(f, b).expect("write");
    }
}
