//! The one place that wires the stages and the parallelism.
//!
//! read → front_matter → body → normalize, per document, pure and parallel (rayon, in batches of
//! `output.batch_docs`, results kept in input order); the batches flow through a bounded channel
//! to one writer thread that owns the [`Sink`]. Every discovered file yields an article or an
//! errors row; a panic inside one document becomes an errors row.

use crate::article::{Article, ErrorRow};
use crate::config::Rules;
use crate::error::{DocError, ErrorKind, RunError, Stage};
use crate::read::{self, SourceFile};
use crate::sink::{RunStamp, Sink, Written};
use crate::{body, front_matter, normalize, speech};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Time spent per stage, summed over documents (CPU time across threads, not wall time).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct StageTimes {
    pub read_ms: f64,
    pub front_matter_ms: f64,
    pub body_ms: f64,
    pub speech_ms: f64,
    pub normalize_ms: f64,
}

impl StageTimes {
    fn add(&mut self, o: &StageTimes) {
        self.read_ms += o.read_ms;
        self.front_matter_ms += o.front_matter_ms;
        self.body_ms += o.body_ms;
        self.speech_ms += o.speech_ms;
        self.normalize_ms += o.normalize_ms;
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Run every extraction stage on one document's bytes (read → front matter → body → speech →
/// normalize). Pure: no I/O.
pub fn process_bytes(
    file: &SourceFile,
    bytes: &[u8],
    rules: &Rules,
    times: &mut StageTimes,
) -> Result<Article, DocError> {
    let t = Instant::now();
    let decoded = read::decode(bytes)?;
    let content_hash = read::content_hash(bytes);
    times.read_ms += ms(t.elapsed());

    let t = Instant::now();
    let (fm, body_html) = front_matter::parse(&decoded.text);
    times.front_matter_ms += ms(t.elapsed());

    let t = Instant::now();
    let body = body::extract(
        body_html,
        &rules.body,
        &rules.speech.fields,
        rules.read.max_nesting_depth,
    )?;
    times.body_ms += ms(t.elapsed());

    let t = Instant::now();
    let title = fm.title.or_else(|| body.head.title.clone());
    let speech = speech::extract(
        &speech::SpeechInput {
            title: title.as_deref(),
            blocks: &body.blocks,
            fields: &body.fields,
        },
        &rules.speech,
    );
    times.speech_ms += ms(t.elapsed());

    let t = Instant::now();
    let taxonomy = normalize::categorize(&fm.categories, &rules.categories);
    let site = taxonomy
        .categories
        .get(1)
        .map(String::as_str)
        .or(body.head.site_name.as_deref());
    let zone = rules
        .dates
        .zone_for(site, taxonomy.categories.get(2).map(String::as_str));
    let date_raw = fm.date.clone().or_else(|| body.head.published.clone());
    let date = normalize::parse_date(date_raw.as_deref(), zone, &rules.dates);
    times.normalize_ms += ms(t.elapsed());

    let site_value = taxonomy
        .site
        .clone()
        .or_else(|| body.head.site_name.clone());
    let body_text = body.text();
    Ok(Article {
        doc_id: file.doc_id.clone(),
        source_path: file.rel.clone(),
        title,
        categories: taxonomy.categories,
        section: taxonomy.section,
        site: site_value,
        feed: taxonomy.feed,
        author: fm.author.or_else(|| body.head.author.clone()),
        published_at: date.utc,
        date_raw,
        date_status: date.status.as_str(),
        date_zone: date.zone,
        headimg: fm.headimg.or_else(|| body.head.image.clone()),
        thumbnail: fm.thumbnail,
        editor: body.editor,
        original_title: body.original_title,
        body_text,
        blocks: body.blocks,
        images: body.images,
        speech,
        encoding: decoded.encoding,
        front_matter_status: fm.status.as_str(),
        front_matter_error: fm.yaml_error,
        front_matter_extra: serde_json::to_string(&fm.extra).expect("JSON values serialize"),
        size_bytes: bytes.len() as u64,
        content_hash,
        config_hash: rules.hash.clone(),
        newsetl_version: env!("CARGO_PKG_VERSION"),
        unmapped: taxonomy.unmapped,
    })
}

/// Read one file and extract it; a panic anywhere inside becomes a `panic` error.
pub fn process_file(
    file: &SourceFile,
    rules: &Rules,
    times: &mut StageTimes,
) -> Result<Article, DocError> {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let t = Instant::now();
        let bytes = read::read_bytes(&file.path, &rules.read)?;
        times.read_ms += ms(t.elapsed());
        process_bytes(file, &bytes, rules, times)
    }));
    result.unwrap_or_else(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(DocError::new(
            Stage::Body,
            ErrorKind::Panic,
            format!("extraction panicked: {msg}"),
        ))
    })
}

/// What to run on.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<PathBuf>,
    pub output: PathBuf,
    pub run_id: String,
}

/// Progress events for the caller's display.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    Discovered(u64),
    Done(u64),
}

/// The outcome of a run: the counts of the run report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunSummary {
    pub run_id: String,
    pub newsetl_version: String,
    pub config_hash: String,
    pub config_source: String,
    pub inputs: Vec<String>,
    pub output: String,
    pub started_at: String,
    pub finished_at: String,
    pub wall_seconds: f64,
    pub files: u64,
    pub articles: u64,
    pub failed: u64,
    /// `stage/kind` → count.
    pub errors_by_kind: BTreeMap<String, u64>,
    pub front_matter_status: BTreeMap<String, u64>,
    pub date_status: BTreeMap<String, u64>,
    /// `level: value` → number of documents.
    pub unmapped_categories: BTreeMap<String, u64>,
    pub stage_cpu_ms: StageTimes,
    pub written: Written,
}

enum Outcome {
    Article(Box<Article>),
    Error(ErrorRow),
}

impl RunSummary {
    fn count(&mut self, o: &Outcome) {
        match o {
            Outcome::Article(a) => {
                self.articles += 1;
                *self
                    .front_matter_status
                    .entry(a.front_matter_status.into())
                    .or_default() += 1;
                *self.date_status.entry(a.date_status.into()).or_default() += 1;
                for (level, v) in &a.unmapped {
                    *self
                        .unmapped_categories
                        .entry(format!("{level}: {v}"))
                        .or_default() += 1;
                }
            }
            Outcome::Error(e) => {
                self.failed += 1;
                *self
                    .errors_by_kind
                    .entry(format!("{}/{}", e.error.stage, e.error.kind))
                    .or_default() += 1;
            }
        }
    }
}

/// Discover, extract in parallel, write. Returns the summary; fails only on run-level errors.
pub fn run(
    rules: &Rules,
    opts: &RunOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<RunSummary, RunError> {
    let started = Instant::now();
    let mut summary = RunSummary {
        run_id: opts.run_id.clone(),
        newsetl_version: env!("CARGO_PKG_VERSION").into(),
        config_hash: rules.hash.clone(),
        config_source: rules.source.clone(),
        inputs: opts
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        output: opts.output.display().to_string(),
        started_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        ..Default::default()
    };

    // Discovery, in input order then path order; duplicate ids across roots are errors.
    let mut files = Vec::new();
    let mut early = Vec::new();
    let mut seen = HashSet::new();
    for root in &opts.inputs {
        if !root.is_dir() {
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, "not a directory");
            return Err(RunError::Input {
                path: root.display().to_string(),
                source,
            });
        }
        let (found, errors) = read::discover(root, &rules.read);
        for e in errors {
            let doc_id = read::doc_id_of(e.rel.as_bytes());
            early.push(ErrorRow {
                doc_id,
                source_path: e.rel,
                error: e.error,
                config_hash: rules.hash.clone(),
            });
        }
        for f in found {
            if seen.insert(f.doc_id.clone()) {
                files.push(f);
            } else {
                let msg = format!(
                    "another input root already has {:?}; ids are per relative path",
                    f.rel
                );
                early.push(ErrorRow {
                    doc_id: f.doc_id,
                    source_path: f.rel,
                    error: DocError::new(Stage::Read, ErrorKind::Duplicate, msg),
                    config_hash: rules.hash.clone(),
                });
            }
        }
    }
    summary.files = (files.len() + early.len()) as u64;
    progress(Progress::Discovered(summary.files));

    let stamp = RunStamp {
        run_id: opts.run_id.clone(),
        config_hash: rules.hash.clone(),
    };
    let mut sink = Sink::create(&opts.output, &rules.config.output, stamp)?;
    let batch = rules.config.output.batch_docs.max(1);

    // Extraction batches flow to the writer through a bounded channel: extraction of batch n+2
    // overlaps writing of batch n, and at most three batches are in memory.
    let (tx, rx) = std::sync::mpsc::sync_channel::<(Vec<Outcome>, StageTimes)>(1);
    let writer = std::thread::scope(|scope| {
        let handle = scope.spawn(move || -> Result<(Sink, RunSummary), RunError> {
            let mut done = 0u64;
            for (outcomes, times) in rx {
                for o in &outcomes {
                    summary.count(o);
                    match o {
                        Outcome::Article(a) => sink.write_article(a)?,
                        Outcome::Error(e) => sink.write_error(e)?,
                    }
                }
                summary.stage_cpu_ms.add(&times);
                done += outcomes.len() as u64;
                progress(Progress::Done(done));
            }
            Ok((sink, summary))
        });
        let early_outcomes: Vec<Outcome> = early.into_iter().map(Outcome::Error).collect();
        let mut send_ok = tx.send((early_outcomes, StageTimes::default())).is_ok();
        for chunk in files.chunks(batch) {
            if !send_ok {
                break;
            }
            let results: Vec<(Outcome, StageTimes)> = chunk
                .par_iter()
                .map(|f| {
                    let mut times = StageTimes::default();
                    let outcome = match process_file(f, rules, &mut times) {
                        Ok(a) => Outcome::Article(Box::new(a)),
                        Err(error) => Outcome::Error(ErrorRow {
                            doc_id: f.doc_id.clone(),
                            source_path: f.rel.clone(),
                            error,
                            config_hash: rules.hash.clone(),
                        }),
                    };
                    (outcome, times)
                })
                .collect();
            let mut times = StageTimes::default();
            let outcomes = results
                .into_iter()
                .map(|(o, t)| {
                    times.add(&t);
                    o
                })
                .collect();
            send_ok = tx.send((outcomes, times)).is_ok();
        }
        drop(tx);
        handle.join().expect("writer thread does not panic")
    });
    let (sink, mut summary) = writer?;
    summary.written = sink.finish()?;
    summary.wall_seconds = started.elapsed().as_secs_f64();
    summary.finished_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    write_report(&opts.output, &summary)?;
    Ok(summary)
}

/// `<output>/_runs/<run_id>.json`.
fn write_report(output: &Path, summary: &RunSummary) -> Result<(), RunError> {
    let dir = output.join("_runs");
    let path = dir.join(format!("{}.json", summary.run_id));
    let io = |source| RunError::Output {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    let json = serde_json::to_string_pretty(summary).expect("summary serializes");
    std::fs::write(&path, json + "\n").map_err(io)
}

/// A new run id: UTC time plus the process id, sortable and unique per machine.
pub fn new_run_id() -> String {
    format!(
        "{}-{:05}",
        chrono::Utc::now().format("%Y%m%dT%H%M%S%3fZ"),
        std::process::id() % 100_000
    )
}
