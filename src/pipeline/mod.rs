//! The one place that wires the stages and the parallelism.
//!
//! read → front_matter → body → normalize, per document, pure and parallel (rayon, in batches of
//! `output.batch_docs`, results kept in input order); the batches flow through a bounded channel
//! to one writer thread that owns the [`Sink`]. Every discovered file yields an article or an
//! errors row; a panic inside one document becomes an errors row.

pub mod shards;

use crate::article::{Article, ErrorRow};
use crate::body::{DateCandidate, DateSource};
use crate::config::Rules;
use crate::error::{DocError, ErrorKind, RunError, Stage};
use crate::normalize::dates::{self, Clock, DocZone};
use crate::read::{self, ContentHash, DocId, FileList, SourceFile};
use crate::store::guard::{self, DeletePolicy};
use crate::store::schema::Partitioning;
use crate::store::sink::{Base, RunStamp, Sink, Written};
use crate::store::state::{
    self, Class, Entry, Files, Fingerprint, LockHolder, Manifest, OutputLock, Stat,
};
use crate::{body, front_matter, normalize, speech};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
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
    process_document(file, bytes, &Clock::default(), rules, times)
}

/// [`process_bytes`] with what is known of when the document was fetched or written
/// (plausibility of dates, relative dates).
pub fn process_document(
    file: &SourceFile,
    bytes: &[u8],
    clock: &Clock,
    rules: &Rules,
    times: &mut StageTimes,
) -> Result<Article, DocError> {
    process_captured(file, bytes, clock, None, rules, times)
}

/// What a crawl recorded of a captured page (a WARC record) beside its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Capture<'a> {
    /// `WARC-Target-URI`: the `url` column, and an address to read a date from when the page
    /// names no canonical one.
    pub url: Option<&'a str>,
    /// `WARC-Date`: the `fetched_at` column (the crawl time of `clock` too).
    pub fetched_at: chrono::DateTime<chrono::Utc>,
    /// The HTTP `Content-Type` charset, tried before the page's declaration.
    pub charset: Option<&'static encoding_rs::Encoding>,
}

/// [`process_document`] of a document that may be a captured page.
pub fn process_captured(
    file: &SourceFile,
    bytes: &[u8],
    clock: &Clock,
    capture: Option<&Capture>,
    rules: &Rules,
    times: &mut StageTimes,
) -> Result<Article, DocError> {
    let t = Instant::now();
    let decoded = read::decode_with_transport(bytes, capture.and_then(|c| c.charset))?;
    let content_hash = ContentHash::of(bytes);
    times.read_ms += ms(t.elapsed());

    let t = Instant::now();
    let (fm, body_html) = front_matter::parse(&decoded.text);
    times.front_matter_ms += ms(t.elapsed());

    let t = Instant::now();
    let body = body::extract(
        body_html,
        capture.and_then(|c| c.url),
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
            byline: fm.author.as_deref().or(body.head.author.as_deref()),
            blocks: &body.blocks,
            fields: &body.fields,
        },
        &rules.speech,
    );
    times.speech_ms += ms(t.elapsed());

    let t = Instant::now();
    let taxonomy = normalize::categorize(&fm.categories, &rules.categories);
    let site_name = taxonomy
        .categories
        .get(1)
        .map(String::as_str)
        .or(body.head.site_name.as_deref());
    let (zone, region) = rules.dates.zone_for(&DocZone {
        site: site_name,
        feed: taxonomy.categories.get(2).map(String::as_str),
        url: body.head.url.as_deref().or(capture.and_then(|c| c.url)),
        language: body.head.language.as_deref(),
    });
    // A feed's post is in its site's zone, the default when none is configured.
    let feed_post = fm.status != front_matter::FmStatus::Missing;
    let zone = zone.or(feed_post.then_some(rules.dates.default_zone));
    let mut candidates = Vec::with_capacity(1 + body.head.published.len());
    if let Some(d) = &fm.date {
        candidates.push(DateCandidate {
            value: d.clone(),
            source: DateSource::FrontMatter,
        });
    }
    candidates.extend(body.head.published.iter().cloned());
    let order = rules
        .dates
        .day_order(region.as_deref(), body.head.language.as_deref());
    let date = dates::choose(
        &candidates,
        &body.head.modified,
        zone,
        order,
        clock,
        &rules.dates,
    );
    let modified = dates::choose(&body.head.modified, &[], zone, order, clock, &rules.dates);
    times.normalize_ms += ms(t.elapsed());

    let site_value = taxonomy
        .site
        .clone()
        .or_else(|| body.head.site_name.clone());
    let real_image = |v: Option<String>| v.filter(|src| !rules.body.is_placeholder_image(src));
    let body_text = body.text();
    // A naive (or abbreviated) date's written time against the day and part of day the lead
    // states: counted per site in the run report.
    let date_zone_check = match (date.status, date.utc, date.precision) {
        (dates::DateStatus::AssumedZone, Some(utc), Some(p))
            if p > dates::parse::Precision::Day =>
        {
            let tz = zone.unwrap_or(rules.dates.default_zone);
            dates::zone_check::check(utc.with_timezone(&tz).naive_local(), &body_text)
        }
        _ => None,
    };
    let body_format = if body.whole_page {
        "page"
    } else if body.markdown {
        "markdown"
    } else {
        "html"
    };
    Ok(Article {
        doc_id: file.doc_id.to_string(),
        source_path: file.rel.clone(),
        title,
        categories: taxonomy.categories,
        section: taxonomy.section,
        site: site_value,
        feed: taxonomy.feed,
        author: fm.author.or_else(|| body.head.author.clone()),
        published_at: date.utc,
        published_date: date.day,
        date_precision: date.precision.map(|p| p.as_str()),
        date_source: date.source.map(|s| s.as_str()),
        date_raw: date.raw,
        date_status: date.status.as_str(),
        date_zone: date.zone,
        date_zone_check,
        modified_at: modified.utc,
        fetched_at: capture.map(|c| c.fetched_at),
        headimg: real_image(fm.headimg.or_else(|| body.head.image.clone())),
        thumbnail: real_image(fm.thumbnail),
        editor: body.editor,
        original_title: body.original_title,
        body_text,
        blocks: body.blocks,
        images: body.images,
        speech,
        encoding: decoded.encoding,
        encoding_source: decoded.source.as_str(),
        encoding_declared: decoded.declared,
        body_format,
        url: capture
            .and_then(|c| c.url.map(str::to_string))
            .or(body.head.url),
        site_name: body.head.site_name,
        description: body.head.description,
        language: body.head.language,
        keywords: body.head.keywords,
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
    extract_file(file, rules, times).0
}

/// [`process_file`], also returning the content hash of the bytes when they could be read (the
/// manifest remembers it for failed documents too).
fn extract_file(
    file: &SourceFile,
    rules: &Rules,
    times: &mut StageTimes,
) -> (Result<Article, DocError>, Option<ContentHash>) {
    let t = Instant::now();
    let (bytes, modified) = match read::read_file(&file.path, &rules.read) {
        Ok(b) => b,
        Err(e) => return (Err(e), None),
    };
    times.read_ms += ms(t.elapsed());
    let clock = Clock {
        crawled: None,
        file_modified: modified,
    };
    let result = catch_panic(|| process_document(file, &bytes, &clock, rules, times));
    // An article carries its hash already; only a failure needs it computed here.
    let hash = match &result {
        Ok(a) => a.content_hash,
        Err(_) => ContentHash::of(&bytes),
    };
    (result, Some(hash))
}

/// Run `f`; a panic inside becomes a `panic` error carrying the panic message.
pub fn catch_panic<T>(f: impl FnOnce() -> Result<T, DocError>) -> Result<T, DocError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
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

/// What to run on, and how.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<PathBuf>,
    pub output: PathBuf,
    pub run_id: String,
    /// Re-extract everything, whatever the manifest says.
    pub full: bool,
    /// How many published documents a run may delete.
    pub deletes: DeletePolicy,
    /// Plan only: decide what would be extracted, deleted and kept, and write nothing.
    pub dry_run: bool,
    /// Only the documents of shard `.0` of `.1`: those whose `doc_id % .1 == .0` (a WARC file
    /// goes by its own id, with all its pages). See [`shards`].
    pub shard: Option<(u32, u32)>,
    /// The files to read, per input root (relative paths), instead of listing the inputs: a
    /// sharded run's plan made the listing.
    pub listed: Option<Vec<Vec<String>>>,
    /// With `listed`: the discovery errors that listing met, per input root (they become the
    /// same `read/discovery` rows a run that lists the inputs itself writes).
    pub listed_errors: Vec<Vec<read::DiscoveryError>>,
    /// The previous dataset's partitions are not in `output` (only its manifest is): they are
    /// fetched with this when the run writes into them. See [`crate::store::sink::FetchPartition`].
    pub fetch: Option<crate::store::sink::FetchPartition>,
}

impl RunOptions {
    /// A run of `inputs` into `output` with a new run id and the default policies.
    pub fn new(inputs: Vec<PathBuf>, output: PathBuf) -> RunOptions {
        RunOptions {
            inputs,
            output,
            run_id: new_run_id(),
            full: false,
            deletes: DeletePolicy::default(),
            dry_run: false,
            shard: None,
            listed: None,
            listed_errors: Vec::new(),
            fetch: None,
        }
    }
}

/// Progress events for the caller's display.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// Planning is done: this many documents will be extracted.
    Planned(u64),
    /// This many of them are done.
    Done(u64),
    /// A document of this run failed (an errors row).
    Failed(&'a ErrorRow),
}

/// What happened to one input file, for the run's list of changes
/// (`_runs/<run_id>.changes.jsonl`, one JSON object a line).
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// `new`, `changed`, `retried`, `deleted` (gone from the inputs: its rows were removed) or
    /// `failed` (extracted by this run into an errors row).
    pub change: &'static str,
    pub doc_id: String,
    /// Relative to its input root.
    pub path: String,
    /// `stage/kind: message`, for `failed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// How the input files relate to the previous run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ChangeCounts {
    /// Not seen before (in a full run: every file, re-extracted).
    pub new: u64,
    /// Content changed since the previous run.
    pub changed: u64,
    /// Failed for an I/O reason last time: tried again.
    pub retried: u64,
    /// Same as last time: not read, rows kept.
    pub unchanged: u64,
    /// Published documents gone from the inputs: their rows were removed (in a full run too,
    /// counted against the previous manifest).
    pub deleted: u64,
    /// Extracted by this run: new + changed + retried (every file, in a full run).
    pub processed: u64,
}

/// Wall time of the run's phases.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct PhaseTimes {
    /// Discovery, stat, manifest comparison, hash checks.
    pub plan_ms: f64,
    /// Extraction and writing, overlapped.
    pub extract_and_write_ms: f64,
    /// Closing files, carrying over untouched partitions, publishing.
    pub finish_ms: f64,
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
    /// `full` (everything extracted, the dataset rebuilt) or `incremental`.
    pub mode: String,
    /// Why the run was full.
    pub full_reason: Option<String>,
    /// The lock file named a run that had died (its leftovers were removed).
    pub stale_lock: Option<String>,
    /// Files discovered (including discovery errors).
    pub files: u64,
    pub changes: ChangeCounts,
    /// Documents extracted by this run into articles.
    pub articles: u64,
    /// Documents of this run that failed (an errors row each).
    pub failed: u64,
    /// `stage/kind` → count, for this run's failures.
    pub errors_by_kind: BTreeMap<String, u64>,
    pub front_matter_status: BTreeMap<String, u64>,
    pub date_status: BTreeMap<String, u64>,
    /// Per site (`articles.site`, else the site level of the categories, else `—`), the
    /// assumed-zone dates checked against the
    /// day and part of day their lead states, and how many disagree
    /// ([`crate::normalize::dates::zone_check`]). A site whose dates mostly disagree has a
    /// misconfigured zone (`suspect`; also a line of the text summary).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub date_zone_checks: BTreeMap<String, ZoneChecks>,
    /// `level: value` → number of documents.
    pub unmapped_categories: BTreeMap<String, u64>,
    pub stage_cpu_ms: StageTimes,
    pub phase_ms: PhaseTimes,
    /// Peak resident memory of the process so far (Linux `VmHWM`), in bytes.
    pub peak_rss_bytes: Option<u64>,
    /// What was written; `rows` counts the whole published dataset.
    pub written: Written,
    /// The list of changed, deleted and failed files, relative to the output
    /// (`_runs/<run_id>.changes.jsonl`), when there is one.
    pub changes_file: Option<String>,
    /// Published articles that this run's extraction turned into failures.
    pub lost_articles: u64,
    /// Published articles whose input files are gone (their rows removed).
    pub deleted_articles: u64,
    /// What the records of the WARC files read by this run were (when it read any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warc: Option<read::warc::WarcCounts>,
    /// The changes themselves, written to `changes_file` (not part of the report).
    #[serde(skip)]
    pub change_list: Vec<Change>,
    /// What went wrong that did not stop the run (a report file not written, rows not
    /// counted); also in `written.warnings` for what went wrong after publishing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// What loading the configuration decided on its own (a companion file not found, an
    /// empty file): see the README's Configuration.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub config_notes: Vec<String>,
}

/// Assumed-zone dates of one site checked against their leads: see
/// [`RunSummary::date_zone_checks`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ZoneChecks {
    pub checked: u64,
    pub disagree: u64,
    /// At least 3 disagree, and more than half: check `dates.zone_by_site` for this site.
    pub suspect: bool,
}

enum Outcome {
    Article(Box<Article>),
    Error(ErrorRow),
}

impl Outcome {
    /// Add the manifest entry of the file this outcome came from (`file` of the plan's list, if
    /// it is one) to `files`.
    fn record(
        &self,
        id: DocId,
        file: Option<u32>,
        stat: Option<Stat>,
        by: Partitioning,
        files: &mut Files,
    ) {
        let file = file.map(|i| i as usize);
        match self {
            Outcome::Article(a) => {
                let month = a.partition(by);
                files.push(
                    id,
                    file,
                    Entry {
                        path: &a.source_path,
                        stat,
                        content_hash: Some(a.content_hash),
                        partition: Some(&month),
                        error: None,
                    },
                );
            }
            Outcome::Error(e) => files.push(
                id,
                file,
                Entry {
                    path: &e.source_path,
                    stat,
                    content_hash: e.content_hash,
                    partition: None,
                    error: Some(e.error.kind.as_str()),
                },
            ),
        }
    }
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
                if let Some(agrees) = a.date_zone_check {
                    let site = a
                        .site
                        .clone()
                        .or_else(|| a.categories.get(1).cloned())
                        .unwrap_or_else(|| "—".into());
                    let c = self.date_zone_checks.entry(site).or_default();
                    c.checked += 1;
                    c.disagree += u64::from(!agrees);
                    c.suspect = c.disagree >= 3 && c.disagree * 2 > c.checked;
                }
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

/// One unit of work: a file to extract (its index in the plan's [`FileList`], and the stat to
/// remember), or a discovery error to record.
enum Work {
    /// File `index` of the plan's list, its stat, and whether its document is a published
    /// article (a failure now would take the article out of the dataset).
    File(u32, Option<Stat>, bool),
    /// A WARC file of the plan's list, its stat, and the published articles it held before
    /// (id, path): each of its pages is a document; one it no longer holds is deleted.
    Container(u32, Option<Stat>, Vec<(DocId, String)>),
    Early(DocId, Box<ErrorRow>),
}

/// The WARC files of a manifest: a file's `doc_id` → its pages' `doc_id`s.
type Containers = BTreeMap<DocId, Vec<DocId>>;

/// What a run will do, decided before anything is extracted.
struct Plan {
    /// Every discovered file.
    files: Arc<FileList>,
    work: Vec<Work>,
    /// Why each work item is done: `new`, `changed` or `retried` (parallel to `work`).
    why: Vec<&'static str>,
    /// The previous manifest's entries of unchanged files (stat refreshed where the hash check
    /// passed), the others dropped; the entries of what the run extracts are added to it.
    /// Empty in a full run.
    kept: Files,
    /// The pages of the WARC files whose entries are kept.
    kept_containers: Containers,
    /// What the previous dataset is to this run (`None` in a full run).
    base: Option<Base>,
    counts: ChangeCounts,
    /// Published documents gone from the inputs: `(doc_id, path)`.
    deleted: Vec<(DocId, String)>,
    /// Articles in the previous manifest (the published dataset), before this run.
    published: u64,
    /// Published articles gone from the inputs.
    deleted_articles: u64,
    /// Documents found under each input root (discovery errors included).
    per_root: Vec<u64>,
    /// Something in the manifest changed even if nothing is extracted.
    manifest_dirty: bool,
}

/// Discover the inputs and compare them with the previous manifest's entries (`previous`, if
/// one could be read). An incremental run keeps the entries of unchanged files and extracts the
/// rest; a full run extracts everything and uses the previous entries only to tell what is
/// deleted. Entries are marked kept or gone in place as files are matched, so what is unmatched
/// at the end was deleted, and no entry is ever held twice.
fn plan(
    rules: &Rules,
    opts: &RunOptions,
    previous: Option<(Files, Containers)>,
    incremental: bool,
    started_ns: i64,
) -> Result<(Plan, u64), RunError> {
    let (previous, containers) = previous.unzip();
    let mut containers = containers.unwrap_or_default();
    // Discovery, in input order then path order; duplicate ids across roots are errors.
    let mut files = FileList::default();
    let mut early = Vec::new();
    let mut seen = HashSet::new();
    let mut per_root = Vec::with_capacity(opts.inputs.len());
    // Directories that could not be listed: what was published from them is kept.
    let mut unlisted: Vec<String> = Vec::new();
    let in_shard = |id: DocId| {
        opts.shard
            .is_none_or(|(i, n)| id.0 % u64::from(n) == u64::from(i))
    };
    for (r, root) in opts.inputs.iter().enumerate() {
        let (mut found, errors) = match &opts.listed {
            Some(lists) => (
                read::listed(root, lists.get(r).map_or(&[][..], Vec::as_slice)),
                opts.listed_errors.get(r).cloned().unwrap_or_default(),
            ),
            None => read::discover(root, &rules.read),
        };
        per_root.push((found.len() + errors.len()) as u64);
        if opts.shard.is_some() {
            found.retain(|id, _| in_shard(id));
        }
        for e in errors {
            if e.unlisted_dir {
                unlisted.push(format!("{}/", e.rel));
            }
            let doc_id = DocId::of(e.rel.as_bytes());
            if !in_shard(doc_id) {
                continue;
            }
            seen.insert(doc_id);
            early.push((
                doc_id,
                ErrorRow {
                    doc_id: doc_id.to_string(),
                    source_path: e.rel,
                    error: e.error,
                    content_hash: None,
                    config_hash: rules.hash.clone(),
                },
            ));
        }
        found.retain(|id, rel| {
            if seen.insert(id) {
                return true;
            }
            let msg = format!("another input root already has {rel:?}; ids are per relative path");
            // Its own id (root number and path): the document that has the path keeps its id,
            // its rows and its manifest entry.
            let dup = DocId::of(format!("{r}\0{rel}").as_bytes());
            early.push((
                dup,
                ErrorRow {
                    doc_id: dup.to_string(),
                    source_path: rel.to_string(),
                    error: DocError::new(Stage::Read, ErrorKind::Duplicate, msg),
                    content_hash: None,
                    config_hash: rules.hash.clone(),
                },
            ));
            false
        });
        files.append(found);
    }
    drop(seen);
    let discovered = (files.len() + early.len()) as u64;
    let files = Arc::new(files);
    // The manifest this run publishes: the previous one's entries as they are kept, then what
    // this run extracts. Paths of discovered files are taken from the list.
    let mut previous = previous.unwrap_or_default();
    let published = previous.articles() as u64;
    previous.attach(files.clone());
    let slots = previous.locate(files.len(), |i| files.id(i));

    // Stat and classify in parallel; a size-alike file with a new mtime is hashed and kept
    // when its bytes are the same. In a full run every file is extracted.
    let classified: Vec<(Option<Stat>, Class)> = (0..files.len())
        .into_par_iter()
        .map(|i| {
            let path = files.path(i);
            let stat = Stat::of(&path);
            if !incremental {
                return (stat, Class::New);
            }
            let prev = slots[i].and_then(|s| previous.get_at(s));
            let mut class = state::classify(&files.rel(i), stat, prev);
            if let Class::Suspect(hash) = class {
                let same = read::hash_file(&path).is_ok_and(|h| h == hash);
                class = if same {
                    Class::Unchanged
                } else {
                    Class::Changed
                };
            }
            (stat, class)
        })
        .collect();

    let mut plan = Plan {
        files: files.clone(),
        work: Vec::with_capacity(classified.len() + early.len()),
        why: Vec::with_capacity(classified.len() + early.len()),
        kept: Files::default(),
        kept_containers: Containers::new(),
        base: incremental.then(Base::default),
        counts: ChangeCounts::default(),
        deleted: Vec::new(),
        published,
        deleted_articles: 0,
        per_root,
        manifest_dirty: false,
    };
    // The rows of a replaced document go: from the partition they were in, and from `errors`.
    let replace = |base: &mut Option<Base>, id: DocId, prev: Option<Entry<'_>>| {
        if let Some(base) = base {
            base.replace.insert(id);
            if let Some(p) = prev {
                match p.partition {
                    Some(month) => {
                        base.dirty_months.insert(month.into());
                    }
                    None => base.errors_dirty |= p.error.is_some(),
                }
            }
        }
    };
    let settle = |s: Option<Stat>| s.map(|s| s.settled(started_ns));
    // Pages of WARC files kept as they are: a changed WARC file that also held one of them
    // does not take it away (the unchanged file still has it).
    let kept_pages: HashSet<DocId> = if incremental && !containers.is_empty() {
        classified
            .iter()
            .enumerate()
            .filter(|(_, (_, class))| matches!(class, Class::Unchanged))
            .filter_map(|(i, _)| containers.get(&files.id(i)))
            .flatten()
            .copied()
            .collect()
    } else {
        HashSet::new()
    };
    for (i, (stat, class)) in classified.into_iter().enumerate() {
        let id = files.id(i);
        let was_article = slots[i]
            .and_then(|s| previous.get_at(s))
            .is_some_and(|e| e.partition.is_some());
        let warc = files.rel_str(i).map_or_else(
            || read::warc::is_warc_name(&files.rel(i)),
            read::warc::is_warc_name,
        );
        // A WARC file's pages go with it: kept, or seen (a full run), or replaced.
        let pages = if warc {
            containers.remove(&id).unwrap_or_default()
        } else {
            Vec::new()
        };
        let why = match class {
            Class::Unchanged => {
                let slot = slots[i].expect("unchanged files are in the manifest");
                plan.manifest_dirty |= previous.keep_at(slot, Some(i), settle(stat));
                plan.counts.unchanged += 1;
                if warc {
                    for &page in &pages {
                        previous.keep(page, None, None);
                    }
                    plan.kept_containers.insert(id, pages);
                }
                continue;
            }
            Class::New if !incremental => {
                if let Some(slot) = slots[i] {
                    // Still in the inputs: not deleted (its entry is not kept).
                    previous.keep_at(slot, Some(i), None);
                }
                for &page in &pages {
                    previous.keep(page, None, None);
                }
                plan.counts.new += 1;
                RE_EXTRACTED
            }
            Class::New => {
                plan.counts.new += 1;
                "new"
            }
            Class::Retry => {
                plan.counts.retried += 1;
                "retried"
            }
            Class::Changed | Class::Suspect(_) => {
                plan.counts.changed += 1;
                "changed"
            }
        };
        let mut held = Vec::new();
        if incremental {
            replace(
                &mut plan.base,
                id,
                slots[i].and_then(|s| previous.remove_at(s)),
            );
            for page in pages {
                if kept_pages.contains(&page) {
                    continue;
                }
                let entry = previous.remove(page);
                if let Some(e) = &entry
                    && e.partition.is_some()
                {
                    held.push((page, e.path.to_string()));
                }
                replace(&mut plan.base, page, entry);
            }
        }
        let i = u32::try_from(i).expect("fewer than 4 billion files");
        plan.work.push(if warc {
            Work::Container(i, settle(stat), held)
        } else {
            Work::File(i, settle(stat), was_article)
        });
        plan.why.push(why);
    }
    for (id, e) in early {
        let same = previous.get(id).map(|p| {
            let same = p.error == Some(e.error.kind.as_str()) && p.path == e.source_path;
            (same, p.stat)
        });
        let why = match same {
            Some((true, stat)) if incremental => {
                previous.keep(id, None, stat);
                plan.counts.unchanged += 1;
                continue;
            }
            Some(_) if !incremental => {
                previous.keep(id, None, None);
                plan.counts.new += 1;
                RE_EXTRACTED
            }
            Some(_) => {
                plan.counts.changed += 1;
                "changed"
            }
            None if !incremental => {
                plan.counts.new += 1;
                RE_EXTRACTED
            }
            None => {
                plan.counts.new += 1;
                "new"
            }
        };
        if incremental {
            replace(&mut plan.base, id, previous.remove(id));
        }
        plan.work.push(Work::Early(id, Box::new(e)));
        plan.why.push(why);
    }
    // What was under a directory that could not be listed is not known to be gone.
    if incremental && !unlisted.is_empty() {
        plan.counts.unchanged +=
            previous.keep_unseen_where(|path| unlisted.iter().any(|d| path.starts_with(d))) as u64;
    }
    // What the inputs no longer have.
    previous.remove_unseen(|id, p| {
        plan.counts.deleted += 1;
        plan.deleted_articles += p.partition.is_some() as u64;
        plan.deleted.push((id, p.path.to_string()));
        replace(&mut plan.base, id, Some(p));
    });
    // WARC files not found but not gone (under a directory that could not be listed) keep
    // their pages.
    for (id, pages) in containers {
        if previous.get(id).is_some() {
            plan.kept_containers.insert(id, pages);
        }
    }
    if incremental {
        previous.compact();
        plan.kept = previous;
    }
    plan.counts.processed = plan.work.len() as u64;
    Ok((plan, discovered))
}

/// Why a full run extracts a file: not listed as a change (every file is).
const RE_EXTRACTED: &str = "re-extracted";

/// The changes of a plan, in plan order: what is extracted (new, changed, retried; not the
/// files a full run re-extracts), then what is deleted. Failures are added by the writer as
/// they happen.
fn planned_changes(plan: &Plan) -> Vec<Change> {
    let mut out = Vec::with_capacity(plan.work.len() + plan.deleted.len());
    for (w, why) in plan.work.iter().zip(&plan.why) {
        if *why == RE_EXTRACTED {
            continue;
        }
        let (doc_id, path) = match w {
            Work::File(i, _, _) | Work::Container(i, _, _) => {
                let i = *i as usize;
                (plan.files.id(i), plan.files.rel(i).into_owned())
            }
            Work::Early(id, e) => (*id, e.source_path.clone()),
        };
        out.push(Change {
            change: why,
            doc_id: doc_id.to_string(),
            path,
            error: None,
        });
    }
    for (id, path) in &plan.deleted {
        out.push(Change {
            change: "deleted",
            doc_id: id.to_string(),
            path: path.clone(),
            error: None,
        });
    }
    out
}

/// The outcome of `newsetl run --dry-run`: the plan, nothing written.
#[derive(Debug, Clone, Serialize)]
pub struct DryRun {
    /// `full` or `incremental`, and why it would be full.
    pub mode: String,
    pub full_reason: Option<String>,
    pub files: u64,
    pub changes: ChangeCounts,
    /// Every file that would be extracted or deleted.
    pub list: Vec<Change>,
    /// Why the run would be refused (too many deletions), if it would.
    pub refused: Option<String>,
}

/// How this run relates to the previous one: its manifest, whether the run is full and why.
struct Previous {
    manifest: Option<Manifest>,
    full_reason: Option<String>,
}

fn previous_run(rules: &Rules, opts: &RunOptions, fingerprint: &Fingerprint) -> Previous {
    let (manifest, unreadable) = match Manifest::load(&opts.output) {
        Ok(m) => (m, None),
        Err(why) => (None, Some(why)),
    };
    let full_reason = if opts.full {
        Some("--full".to_string())
    } else if state::publish_interrupted(&opts.output) {
        Some("the previous run died while publishing".to_string())
    } else if let Some(why) = unreadable {
        Some(why)
    } else if opts.fetch.is_some() {
        // The tables are elsewhere; their partitions come when needed.
        fingerprint.full_rebuild_reason(manifest.as_ref())
    } else if manifest.is_some()
        && !crate::store::schema::TABLES
            .iter()
            .all(|t| opts.output.join(t.name).is_dir())
    {
        Some("a published table is missing".to_string())
    } else if let Some(m) = &manifest
        && let Some(p) = m.files.partitions().into_iter().find(|p| {
            !opts
                .output
                .join(crate::store::schema::ARTICLES.name)
                .join(format!("{}={p}", rules.config.output.partition_by.column()))
                .is_dir()
        })
    {
        Some(format!("a published partition is missing ({p})"))
    } else {
        fingerprint.full_rebuild_reason(manifest.as_ref())
    };
    Previous {
        manifest,
        full_reason,
    }
}

/// Plan a run and write nothing: no lock, no marker, no staging, no report. Fails like a run
/// would before extracting (missing input, an output that is not newsetl's, overlapping paths);
/// a run that would be refused for its deletions is reported in [`DryRun::refused`].
pub fn dry_run(rules: &Rules, opts: &RunOptions) -> Result<DryRun, RunError> {
    guard::check_overlap(&opts.inputs, &opts.output)?;
    guard::inspect_output(&opts.output)?;
    let fingerprint = Fingerprint::of(rules);
    let prev = previous_run(rules, opts, &fingerprint);
    check_config_source(rules, opts, prev.manifest.as_ref())?;
    let incremental = prev.full_reason.is_none() && prev.manifest.is_some();
    let started_ns = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(i64::MAX);
    let (plan, files) = plan(
        rules,
        opts,
        prev.manifest.map(|m| (m.files, m.containers)),
        incremental,
        started_ns,
    )?;
    let refused = check_inputs(&plan, plan.published, opts)
        .and_then(|()| guard::check_deletions(plan.deleted_articles, plan.published, opts.deletes))
        .err()
        .map(|e| e.to_string());
    Ok(DryRun {
        mode: if incremental { "incremental" } else { "full" }.into(),
        full_reason: if incremental {
            None
        } else {
            Some(
                prev.full_reason
                    .unwrap_or_else(|| "no previous manifest".into()),
            )
        },
        files,
        changes: plan.counts.clone(),
        list: planned_changes(&plan),
        refused,
    })
}

/// An input root with no documents at all, while the dataset has published articles, is an
/// unmounted share or a wrong path more often than an emptied archive.
fn check_inputs(plan: &Plan, published: u64, opts: &RunOptions) -> Result<(), RunError> {
    if opts.deletes.allow || published == 0 {
        return Ok(());
    }
    match plan.per_root.iter().position(|n| *n == 0) {
        Some(i) => Err(RunError::EmptyInput {
            path: opts.inputs[i].display().to_string(),
        }),
        None => Ok(()),
    }
}

/// A run that fell back to the built-in configuration (no `--config`, no `NEWSETL_CONFIG`, no
/// `./config/newsetl.yaml`) on an output whose previous run used a configuration file is
/// refused: it would silently rebuild the dataset with other rules.
fn check_config_source(
    rules: &Rules,
    opts: &RunOptions,
    previous: Option<&Manifest>,
) -> Result<(), RunError> {
    if !rules.fell_back {
        return Ok(());
    }
    match previous.and_then(|m| m.config_source.as_deref()) {
        Some(prev) if prev != "embedded" => Err(RunError::ConfigFellBack {
            output: opts.output.display().to_string(),
            previous: prev.to_string(),
        }),
        _ => Ok(()),
    }
}

/// Discover, compare with the previous run, extract what changed in parallel, write, publish.
/// Returns the summary; fails only on run-level errors (nothing is published then).
pub fn run(
    rules: &Rules,
    opts: &RunOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<RunSummary, RunError> {
    let started = Instant::now();
    let now = chrono::Utc::now();
    let started_ns = now.timestamp_nanos_opt().unwrap_or(i64::MAX);
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
        started_at: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        config_notes: rules.notes.clone(),
        ..Default::default()
    };

    // Paths first: nothing is created for a run that cannot go ahead.
    guard::check_overlap(&opts.inputs, &opts.output)?;
    guard::claim_output(&opts.output)?;
    // One run per output at a time; whatever a dead run left behind is ours to clean.
    let lock = OutputLock::acquire(
        &opts.output,
        &LockHolder {
            run_id: opts.run_id.clone(),
            pid: std::process::id(),
            started_at: summary.started_at.clone(),
        },
    )?;
    summary.stale_lock = lock.stale.as_ref().map(|h| h.run_id.clone());
    for dir in state::leftovers(&opts.output) {
        std::fs::remove_dir_all(&dir).map_err(|source| RunError::Output {
            path: dir.display().to_string(),
            source,
        })?;
    }
    crate::store::sink::remove_orphan_snapshots(&opts.output).map_err(|source| {
        RunError::Output {
            path: opts.output.display().to_string(),
            source,
        }
    })?;

    let fingerprint = Fingerprint::of(rules);
    let prev = previous_run(rules, opts, &fingerprint);
    check_config_source(rules, opts, prev.manifest.as_ref())?;
    // Without a readable manifest, what is published is read from the tables themselves, so
    // that the deletion limit still holds.
    let published_ids = (prev.manifest.is_none() && !opts.deletes.allow).then(|| {
        crate::store::sink::published_article_ids(&opts.output, rules.config.output.partition_by)
    });
    let incremental = prev.full_reason.is_none() && prev.manifest.is_some();
    summary.mode = if incremental { "incremental" } else { "full" }.into();
    summary.full_reason = if incremental {
        None
    } else {
        Some(
            prev.full_reason
                .unwrap_or_else(|| "no previous manifest".into()),
        )
    };

    let (plan, discovered) = plan(
        rules,
        opts,
        prev.manifest.map(|m| (m.files, m.containers)),
        incremental,
        started_ns,
    )?;
    let (published, deleted_articles) = match &published_ids {
        Some(ids) if !ids.is_empty() => {
            let found: HashSet<DocId> = (0..plan.files.len()).map(|i| plan.files.id(i)).collect();
            let gone = ids.iter().filter(|id| !found.contains(id)).count() as u64;
            (ids.len() as u64, gone)
        }
        _ => (plan.published, plan.deleted_articles),
    };
    // A run that would delete most of the dataset is more likely a wrong input than a wish.
    check_inputs(&plan, published, opts)?;
    guard::check_deletions(deleted_articles, published, opts.deletes)?;
    summary.deleted_articles = deleted_articles;
    summary.files = discovered;
    summary.changes = plan.counts.clone();
    summary.phase_ms.plan_ms = ms(started.elapsed());
    progress(Progress::Planned(plan.work.len() as u64));
    summary.change_list = planned_changes(&plan);

    let mut manifest = Manifest {
        format: state::MANIFEST_FORMAT,
        fingerprint,
        run_id: opts.run_id.clone(),
        config_source: Some(rules.source.clone()),
        files: plan.kept,
        containers: plan.kept_containers,
    };
    let nothing_to_do = incremental && plan.work.is_empty() && summary.changes.deleted == 0;
    if nothing_to_do {
        // Nothing parsed, nothing rewritten; only newer mtimes of same-content files are noted.
        if plan.manifest_dirty {
            crate::store::sink::write_manifest_only(&opts.output, &manifest)?;
        }
        summary.written = Written {
            rows: match crate::store::sink::latest_snapshot(&opts.output) {
                Some(id) => crate::store::sink::count_rows(
                    &opts.output.join(crate::store::sink::SNAPSHOTS_DIR).join(id),
                    rules.config.output.partition_by,
                    &mut summary.warnings,
                ),
                None => Default::default(),
            },
            snapshot: crate::store::sink::latest_snapshot(&opts.output)
                .map(|id| format!("{}/{id}", crate::store::sink::SNAPSHOTS_DIR)),
            ..Written::default()
        };
    } else {
        let stamp = RunStamp {
            run_id: opts.run_id.clone(),
            config_hash: rules.hash.clone(),
        };
        let mut sink = Sink::create(&opts.output, &rules.config.output, stamp, plan.base)?;
        if let Some(fetch) = &opts.fetch {
            sink = sink.with_fetch(fetch.clone());
        }
        let t = Instant::now();
        let sink = extract_and_write(
            rules,
            &plan.files,
            plan.work,
            sink,
            &mut manifest,
            &mut summary,
            progress,
        )?;
        summary.phase_ms.extract_and_write_ms = ms(t.elapsed());
        // Articles that failed this time leave the dataset like deleted ones: the same limit.
        guard::check_deletions(
            deleted_articles + summary.lost_articles,
            published,
            opts.deletes,
        )?;
        let t = Instant::now();
        summary.written = sink.finish(&manifest)?;
        summary.phase_ms.finish_ms = ms(t.elapsed());
    }
    summary.wall_seconds = started.elapsed().as_secs_f64();
    summary.finished_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    summary.peak_rss_bytes = peak_rss_bytes();
    // The dataset is published: a report that cannot be written is a warning, not a failure.
    if let Err(e) = write_report(&opts.output, &mut summary) {
        summary
            .warnings
            .push(format!("the run report was not written: {e:#}"));
    }
    drop(lock);
    Ok(summary)
}

/// Extract the planned work in parallel batches and hand the results to the writer thread.
/// `work` indexes `files`; the manifest entries of what was extracted are added to `manifest`
/// (and the pages of each WARC file read to its `containers`). Returns the sink.
fn extract_and_write(
    rules: &Rules,
    files: &FileList,
    work: Vec<Work>,
    mut sink: Sink,
    manifest: &mut Manifest,
    summary: &mut RunSummary,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Sink, RunError> {
    let batch = rules.config.output.batch_docs.max(1);
    let partition_by = rules.config.output.partition_by;
    // Extraction batches flow to the writer through a bounded channel: extraction of batch n+2
    // overlaps writing of batch n, and at most three batches are in memory.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(1);
    let planned = work.len();
    // Split into batches that are dropped once extracted.
    let batches: Vec<Vec<Work>> = {
        let mut work = work.into_iter();
        std::iter::from_fn(|| {
            let chunk: Vec<Work> = work.by_ref().take(batch).collect();
            (!chunk.is_empty()).then_some(chunk)
        })
        .collect()
    };
    // Pages already in the dataset (of WARC files kept as they were): a copy of one in another
    // WARC file is counted as a duplicate, not written twice.
    let mut pages_seen: HashSet<DocId> = if batches
        .iter()
        .flatten()
        .any(|w| matches!(w, Work::Container(..)))
    {
        manifest.containers.values().flatten().copied().collect()
    } else {
        HashSet::new()
    };
    let mut warc_counts = read::warc::WarcCounts::default();
    let files_out = &mut manifest.files;
    let containers_out = &mut manifest.containers;
    let counted = &mut *summary;
    let result = std::thread::scope(|scope| {
        let handle = scope.spawn(
            // The writer thread counts into the caller's summary; nothing else touches it meanwhile.
            move || -> Result<Sink, RunError> {
                files_out.reserve(planned);
                let mut done = 0u64;
                for (outcomes, times, container) in rx {
                    for (o, id, file, stat, was_article) in &outcomes {
                        counted.count(o);
                        match o {
                            Outcome::Article(a) => sink.write_article(a)?,
                            Outcome::Error(e) => {
                                sink.write_error(e)?;
                                counted.lost_articles += *was_article as u64;
                                progress(Progress::Failed(e));
                                counted.change_list.push(Change {
                                    change: "failed",
                                    doc_id: e.doc_id.clone(),
                                    path: e.source_path.clone(),
                                    error: Some(format!(
                                        "{}/{}: {}",
                                        e.error.stage, e.error.kind, e.error.message
                                    )),
                                });
                            }
                        }
                        o.record(*id, *file, *stat, partition_by, files_out);
                    }
                    if let Some(c) = container {
                        // The WARC file's own entry: its stat decides whether the next run
                        // reads it again.
                        if !c.broken {
                            files_out.push(
                                c.id,
                                Some(c.file as usize),
                                Entry {
                                    path: &c.path,
                                    stat: c.stat,
                                    content_hash: c.content_hash,
                                    partition: None,
                                    error: None,
                                },
                            );
                        }
                        // Its pages that are gone count against the deletion limit like
                        // deleted files, and are listed as deleted.
                        counted.lost_articles += c.vanished.len() as u64;
                        for (id, path) in c.vanished {
                            counted.change_list.push(Change {
                                change: "deleted",
                                doc_id: id.to_string(),
                                path,
                                error: None,
                            });
                        }
                        containers_out.insert(c.id, c.pages);
                    }
                    counted.stage_cpu_ms.add(&times);
                    done += outcomes.len() as u64;
                    progress(Progress::Done(done));
                }
                Ok(sink)
            },
        );
        let mut send = |b: Batch| tx.send(b).is_ok();
        'work: for chunk in batches {
            let (warcs, docs): (Vec<Work>, Vec<Work>) = chunk
                .into_iter()
                .partition(|w| matches!(w, Work::Container(..)));
            let results: Vec<(Done, StageTimes)> = docs
                .into_par_iter()
                .map(|w| {
                    let mut times = StageTimes::default();
                    let done = match w {
                        Work::Early(id, e) => (Outcome::Error(*e), id, None, None, false),
                        Work::File(i, stat, was_article) => {
                            let f = files.file(i as usize);
                            let outcome = match extract_file(&f, rules, &mut times) {
                                (Ok(a), _) => Outcome::Article(Box::new(a)),
                                (Err(error), content_hash) => {
                                    Outcome::Error(error_row(&f, error, content_hash, rules))
                                }
                            };
                            (outcome, f.doc_id, Some(i), stat, was_article)
                        }
                        Work::Container(..) => unreachable!("WARC files are read below"),
                    };
                    (done, times)
                })
                .collect();
            if !results.is_empty() && !send(collect_batch(results, None)) {
                break;
            }
            for w in warcs {
                let Work::Container(i, stat, held) = w else {
                    unreachable!("only WARC files")
                };
                if !extract_warc(
                    files,
                    (i, stat, held),
                    rules,
                    &mut pages_seen,
                    &mut warc_counts,
                    &mut send,
                ) {
                    break 'work;
                }
            }
        }
        drop(tx);
        handle.join().expect("writer thread does not panic")
    });
    if warc_counts.files > 0 {
        summary.warc = Some(warc_counts);
    }
    result
}

/// A document's outcome, its id, its index in the plan's list (a file), its stat, and whether
/// it was a published article.
type Done = (Outcome, DocId, Option<u32>, Option<Stat>, bool);
/// One batch for the writer: outcomes, the CPU they took, and, after a WARC file's last page,
/// what the manifest keeps of the file.
type Batch = (Vec<Done>, StageTimes, Option<WarcDone>);

/// A WARC file read to its end (or to where it broke off).
struct WarcDone {
    id: DocId,
    file: u32,
    path: String,
    stat: Option<Stat>,
    pages: Vec<DocId>,
    /// Published articles it held before and holds no longer: deleted.
    vanished: Vec<(DocId, String)>,
    /// The file's bytes' hash (when they could be read): a same-size file with a new mtime is
    /// kept when its hash is the same.
    content_hash: Option<ContentHash>,
    /// It broke off: its entry is its errors row's.
    broken: bool,
}

fn collect_batch(results: Vec<(Done, StageTimes)>, warc: Option<WarcDone>) -> Batch {
    let mut times = StageTimes::default();
    let outcomes = results
        .into_iter()
        .map(|(done, t)| {
            times.add(&t);
            done
        })
        .collect();
    (outcomes, times, warc)
}

fn error_row(
    f: &SourceFile,
    error: DocError,
    content_hash: Option<ContentHash>,
    rules: &Rules,
) -> ErrorRow {
    ErrorRow {
        doc_id: f.doc_id.to_string(),
        source_path: f.rel.clone(),
        error,
        content_hash,
        config_hash: rules.hash.clone(),
    }
}

/// Read WARC file `i` of `files` and extract its pages in parallel batches of
/// `output.batch_docs`, handing each batch to `send` (the WARC file's manifest entry comes with
/// the last). A record that cannot be read is an errors row of its own; a file that breaks off
/// is an errors row for the file, after the pages read before the break. Returns `false` when
/// the writer has stopped.
fn extract_warc(
    files: &FileList,
    (i, stat, held): (u32, Option<Stat>, Vec<(DocId, String)>),
    rules: &Rules,
    seen: &mut HashSet<DocId>,
    counts: &mut read::warc::WarcCounts,
    send: &mut impl FnMut(Batch) -> bool,
) -> bool {
    let file = files.file(i as usize);
    let batch = rules.config.output.batch_docs.max(1);
    let mut pending: Vec<(SourceFile, read::warc::WarcPage)> = Vec::new();
    let mut failed: Vec<(Done, StageTimes)> = Vec::new();
    let mut pages = Vec::new();
    let mut own: HashSet<DocId> = HashSet::new();
    let mut open = true;
    let page_file = |record_id: &str| SourceFile {
        path: file.path.clone(),
        rel: format!("{}#{record_id}", file.rel),
        doc_id: read::warc::page_id(record_id),
    };
    let flush = |pending: &mut Vec<(SourceFile, read::warc::WarcPage)>,
                 failed: &mut Vec<(Done, StageTimes)>,
                 send: &mut dyn FnMut(Batch) -> bool| {
        let mut results: Vec<(Done, StageTimes)> = std::mem::take(pending)
            .into_par_iter()
            .map(|(f, page)| {
                let mut times = StageTimes::default();
                let capture = Capture {
                    url: page.target_uri.as_deref(),
                    fetched_at: page.fetched_at,
                    charset: page.http_charset,
                };
                let clock = Clock {
                    crawled: Some(page.fetched_at),
                    file_modified: None,
                };
                let outcome = match catch_panic(|| {
                    process_captured(&f, &page.body, &clock, Some(&capture), rules, &mut times)
                }) {
                    Ok(a) => Outcome::Article(Box::new(a)),
                    Err(e) => {
                        Outcome::Error(error_row(&f, e, Some(ContentHash::of(&page.body)), rules))
                    }
                };
                ((outcome, f.doc_id, None, None, false), times)
            })
            .collect();
        results.append(failed);
        results.is_empty() || send(collect_batch(results, None))
    };
    counts.files += 1;
    let read = read::warc::read_records(&file.path, rules.read.max_file_bytes, |item| {
        if !open {
            return;
        }
        counts.records += 1;
        let f = match &item {
            read::warc::WarcItem::Skipped(why) => {
                *counts.skipped.entry(why.clone()).or_default() += 1;
                return;
            }
            read::warc::WarcItem::Page(p) => page_file(&p.record_id),
            read::warc::WarcItem::Failed { record_id, .. } => page_file(record_id),
        };
        if !seen.insert(f.doc_id) {
            *counts.skipped.entry("duplicate".into()).or_default() += 1;
            // Listed here too: the page stays while any WARC file that holds it does.
            if own.insert(f.doc_id) {
                pages.push(f.doc_id);
            }
            return;
        }
        own.insert(f.doc_id);
        pages.push(f.doc_id);
        match item {
            read::warc::WarcItem::Page(p) => {
                counts.pages += 1;
                pending.push((f, p));
            }
            read::warc::WarcItem::Failed { error, .. } => {
                let row = error_row(&f, error, None, rules);
                failed.push((
                    (Outcome::Error(row), f.doc_id, None, None, false),
                    StageTimes::default(),
                ));
            }
            read::warc::WarcItem::Skipped(_) => unreachable!("returned above"),
        }
        if pending.len() + failed.len() >= batch {
            open = flush(&mut pending, &mut failed, send);
        }
    });
    if !open || !flush(&mut pending, &mut failed, send) {
        return false;
    }
    let mut last = Vec::new();
    // A file that broke off is recorded by its errors row (with its stat: the next run reads it
    // again only when it changes).
    let broken = read.is_err();
    let content_hash = read::hash_file(&file.path).ok();
    if let Err(error) = read {
        let row = error_row(&file, error, content_hash, rules);
        last.push((
            (Outcome::Error(row), file.doc_id, Some(i), stat, false),
            StageTimes::default(),
        ));
    }
    let now: HashSet<DocId> = pages.iter().copied().collect();
    let vanished = held
        .into_iter()
        .filter(|(id, _)| !now.contains(id))
        .collect();
    let done = WarcDone {
        id: file.doc_id,
        file: i,
        path: file.rel.clone(),
        stat,
        vanished,
        pages,
        content_hash,
        broken,
    };
    send(collect_batch(last, Some(done)))
}

/// `<output>/_runs/<run_id>.json`, the run report, and beside it
/// `<run_id>.changes.jsonl`: one JSON object per new, changed, retried, deleted or failed file
/// (named in the report as `changes_file`; not written when there is none).
fn write_report(output: &Path, summary: &mut RunSummary) -> Result<(), RunError> {
    let dir = output.join("_runs");
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| RunError::Output { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    if !summary.change_list.is_empty() {
        let name = format!("{}.changes.jsonl", summary.run_id);
        let path = dir.join(&name);
        let mut w = std::io::BufWriter::new(std::fs::File::create(&path).map_err(io(&path))?);
        for c in &summary.change_list {
            serde_json::to_writer(&mut w, c).map_err(|e| io(&path)(e.into()))?;
            w.write_all(b"\n").map_err(io(&path))?;
        }
        w.flush().map_err(io(&path))?;
        summary.changes_file = Some(format!("_runs/{name}"));
    }
    let path = dir.join(format!("{}.json", summary.run_id));
    let json = serde_json::to_string_pretty(summary).expect("summary serializes");
    std::fs::write(&path, json + "\n").map_err(io(&path))
}

/// The process's peak resident set size, from `/proc/self/status` (`VmHWM`); `None` elsewhere.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// A new run id: UTC time plus the process id, sortable and unique per machine.
pub fn new_run_id() -> String {
    format!(
        "{}-{:05}",
        chrono::Utc::now().format("%Y%m%dT%H%M%S%3fZ"),
        std::process::id() % 100_000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The publication day newsetl gives a whole page (`page.html`), `None` when it gives none.
    fn page_day(html: &str) -> Option<String> {
        let root = std::path::Path::new("/pages");
        let file = crate::read::SourceFile::new(root, root.join("page.html"));
        let article = process_bytes(
            &file,
            html.as_bytes(),
            crate::speech::tests::rules(),
            &mut StageTimes::default(),
        )
        .expect("processed");
        article.published_date.map(|d| d.to_string())
    }

    /// A news page: `head` in its head, `line` under the headline, `body` its paragraphs.
    fn page(lang: &str, head: &str, line: &str, body: &str) -> String {
        format!(
            "<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>Plan for new bike lanes</title>{head}</head>\
             <body><nav><a href=\"/\">Home</a></nav><main><article><h1>Plan for new bike lanes</h1>\
             <div class=\"byline\"><span class=\"author\">By Anna Schulz</span> {line}</div>\
             <div class=\"article-body\">{body}<p>The city council discussed the proposal at length, and \
             members of several parties said they could support the new design if delivery vehicles \
             keep enough loading zones along the busy streets of the centre.</p></div></article></main>\
             <aside class=\"related\"><ul><li><a href=\"/a\">Other story</a> <span class=\"date\">28.02.2022</span></li></ul></aside></body></html>"
        )
    }

    #[test]
    fn a_date_in_a_sentence_is_not_the_pages() {
        // An event's <time> in a sentence of the text: not taken, in English or German; the
        // date line wins over it.
        for (lang, sentence, line, want) in [
            (
                "en",
                "<p>The first public hearing is set for <time datetime=\"2022-04-01T18:00:00-05:00\">April 1 at 6 p.m.</time> at City Hall.</p>",
                "",
                None,
            ),
            (
                "de",
                "<p>Die Bürgerversammlung ist am <time datetime=\"2022-03-24\">24. März</time> im Rathaus.</p>",
                "<span class=\"date\">12.03.2022</span>",
                Some("2022-03-12"),
            ),
            (
                "de",
                "<p>Die Bürgerversammlung ist am <time datetime=\"2022-03-24\">24. März</time> im Rathaus.</p>",
                "",
                None,
            ),
            // A date that opens the lead's first sentence is a fact, not a dateline.
            (
                "en",
                "<p>On March 12, 2022, the city council took up the long-debated bike lane plan.</p>",
                "",
                None,
            ),
            (
                "de",
                "<p>Am 12. März 2022 hat der Stadtrat über den Radwegeplan beraten.</p>",
                "",
                None,
            ),
            (
                "fr",
                "<p>Le 12 mars 2022, le conseil municipal a examiné le plan.</p>",
                "",
                None,
            ),
            (
                "en",
                "<p>On March 12, 2022, the city council took up the plan.</p>",
                "<span class=\"date\">March 14, 2022</span>",
                Some("2022-03-14"),
            ),
            // Inside a short sentence, with or without <time>, in three languages.
            (
                "de",
                "<p>Die öffentliche Anhörung ist für den <time datetime=\"2022-03-12\">12. März 2022</time> im Rathaus angesetzt.</p>",
                "",
                None,
            ),
            (
                "fr",
                "<p>L'audience publique aura lieu le 12 mars 2022 à la mairie.</p>",
                "",
                None,
            ),
            (
                "en",
                "<p>The hearing will take place March 12, 2022 at city hall.</p>",
                "",
                None,
            ),
        ] {
            assert_eq!(
                page_day(&page(lang, "", line, sentence)).as_deref(),
                want,
                "{sentence} {line}"
            );
        }
        // Still read: a <time> in a line that names the publication, a time on its own line,
        // a date line that starts with a preposition but goes on as a line does.
        for (line, want) in [
            (
                "<p>Posted on <time datetime=\"2022-03-12T10:00:00Z\">March 12, 2022</time> by admin in News and Politics of the city.</p>",
                "2022-03-12",
            ),
            (
                "<time datetime=\"2022-03-12T10:00:00+01:00\">12. März 2022</time>",
                "2022-03-12",
            ),
            (
                "<span class=\"date\">On March 12, 2022 | 3 min read</span>",
                "2022-03-12",
            ),
            (
                "<span class=\"date\">Am 12.03.2022 um 10:15 Uhr</span>",
                "2022-03-12",
            ),
            (
                "<span class=\"date\">on March 12, 2022 by Anna</span>",
                "2022-03-12",
            ),
            // A byline or a labelled line that ends with a full stop.
            (
                "<p>By Anna Schulz and Peter Meyer on March 12, 2022.</p>",
                "2022-03-12",
            ),
            (
                "<p>This article was first published on March 12, 2022.</p>",
                "2022-03-12",
            ),
            // `Stand:` (as of) is the last edit, the first publication comes after it.
            (
                "<span class=\"date\">Stand: 02.04.2022 10:15 Uhr | Erstveröffentlichung: 12.03.2022</span>",
                "2022-03-12",
            ),
            // `Stand:` alone is the date the page shows (tagesschau).
            (
                "<div class=\"metatextline\">Stand: 12.03.2022 14:05 Uhr</div>",
                "2022-03-12",
            ),
        ] {
            assert_eq!(
                page_day(&page("de", "", line, "")).as_deref(),
                Some(want),
                "{line}"
            );
        }
    }

    #[test]
    fn a_theme_that_prints_the_last_edit_first_keeps_the_publication_date() {
        // WordPress: `time.updated` before `time.entry-date.published`.
        let line = "<time class=\"updated\" datetime=\"2022-06-10T11:30:00+02:00\">June 10, 2022</time> \
                    <time class=\"entry-date published\" datetime=\"2022-05-03T09:00:00+02:00\">May 3, 2022</time>";
        assert_eq!(
            page_day(&page("en", "", line, "")).as_deref(),
            Some("2022-05-03")
        );
        // The same with microdata, and with the update only in a class on a span.
        let line = "<span itemprop=\"dateModified\" content=\"2022-06-10\">10.06.2022</span> \
                    <span itemprop=\"datePublished\" content=\"2022-05-03\">03.05.2022</span>";
        assert_eq!(
            page_day(&page("de", "", line, "")).as_deref(),
            Some("2022-05-03")
        );
        let line =
            "<span class=\"modified\">10.06.2022</span> <span class=\"date\">03.05.2022</span>";
        assert_eq!(
            page_day(&page("de", "", line, "")).as_deref(),
            Some("2022-05-03")
        );
        // tagDiv themes mark the publication `entry-date updated`: still the publication.
        let line = "<time class=\"entry-date updated td-module-date\" datetime=\"2022-05-03T23:37:37-04:00\">3 May, 2022</time>";
        assert_eq!(
            page_day(&page("en", "", line, "")).as_deref(),
            Some("2022-05-03")
        );
    }

    #[test]
    fn numeric_dates_on_english_pages_without_a_country_are_month_first() {
        for (lang, line, want) in [
            ("en", "03/12/2022 02:05 PM EST", "2022-03-12"),
            ("en", "3/12/2022", "2022-03-12"),
            ("en-US", "3/12/22", "2022-03-12"),
            ("en", "3/12/22", "2022-03-12"),
            // A country that writes day first, or an impossible month, reads day first.
            ("en-GB", "12/03/2022", "2022-03-12"),
            ("en-AU", "3/12/22", "2022-12-03"),
            ("en", "13/03/2022", "2022-03-13"),
            ("fr", "12/03/2022", "2022-03-12"),
        ] {
            let line = format!("<span class=\"date\">{line}</span>");
            assert_eq!(
                page_day(&page(lang, "", &line, "")).as_deref(),
                Some(want),
                "{lang} {line}"
            );
        }
    }

    #[test]
    fn script_filled_date_elements_and_print_edition_lines() {
        // An empty date element with its epoch in an attribute (milliseconds or seconds).
        for (line, want) in [
            (
                "<span class=\"time\" id=\"news-time\" data-val=\"1647099000000\"></span>",
                Some("2022-03-12"),
            ),
            (
                "<span class=\"date\" data-timestamp=\"1647099000\"></span>",
                Some("2022-03-12"),
            ),
            // Not an epoch: too short, or the element shows text.
            ("<span class=\"date\" data-val=\"16470990\"></span>", None),
        ] {
            assert_eq!(
                page_day(&page("de", "", line, "")).as_deref(),
                want,
                "{line}"
            );
        }
        // Before the headline such a number is a menu's or the page's time.
        let html = page("de", "", "", "").replace(
            "<body>",
            "<body><span id=\"menuJsonMtime\" data-time=\"1670442663\">&nbsp;</span>",
        );
        assert_eq!(page_day(&html), None);
        // A print edition's line at the end of the text, German and English.
        for body in [
            "<p class=\"print-note\"><em>Dieser Artikel erschien am 12.03.2022 in der Printausgabe.</em></p>",
            "<p>A version of this article appears in print on March 12, 2022, Section A, Page 1.</p>",
        ] {
            let html = page("de", "", "", "")
                .replace("</div></article>", &format!("{body}</div></article>"));
            assert_eq!(page_day(&html).as_deref(), Some("2022-03-12"), "{body}");
        }
    }

    #[test]
    fn structured_dates_sites_write_by_hand() {
        for (head, want) in [
            // JSON-LD with a trailing comma, or a comment.
            (
                r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-03-12T10:00:00+00:00",}</script>"#,
                Some("2022-03-12"),
            ),
            (
                r#"<script type="application/ld+json">{"@type":"NewsArticle", /* date */ "datePublished":"2022-03-12T10:00:00+00:00"}</script>"#,
                Some("2022-03-12"),
            ),
            // `dateCreated` when an article gives no `datePublished`, never over it.
            (
                r#"<script type="application/ld+json">{"@type":"NewsArticle","dateCreated":"2022-03-12T10:00:00+00:00"}</script>"#,
                Some("2022-03-12"),
            ),
            (
                r#"<script type="application/ld+json">{"@type":"NewsArticle","dateCreated":"2021-01-02T10:00:00+00:00","datePublished":"2022-03-12T10:00:00+00:00"}</script>"#,
                Some("2022-03-12"),
            ),
            // Meta keys of other publishing systems.
            (
                r#"<meta name="pdate" content="20160812">"#,
                Some("2016-08-12"),
            ),
            (
                r#"<meta property="og:article:published" content="2022-03-12T10:00:00Z">"#,
                Some("2022-03-12"),
            ),
            (
                r#"<meta name="displaydate" content="2022-03-12">"#,
                Some("2022-03-12"),
            ),
            // Line comments, and Parse.ly's JSON `parsely-page` meta.
            (
                "<script type=\"application/ld+json\">{\n// the article\n\"@type\":\"NewsArticle\",\n\"datePublished\":\"2022-03-12T10:00:00+00:00\"\n}</script>",
                Some("2022-03-12"),
            ),
            (
                r#"<meta name="parsely-page" content='{"title":"Plan","pub_date":"2022-03-12T14:05:00Z","section":"News"}'>"#,
                Some("2022-03-12"),
            ),
            // Broken beyond repair: no date.
            (
                r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":</script>"#,
                None,
            ),
        ] {
            assert_eq!(
                page_day(&page("en", head, "", "")).as_deref(),
                want,
                "{head}"
            );
        }
    }

    #[test]
    fn a_panic_becomes_a_panic_error_with_its_message() {
        let r: Result<(), DocError> = catch_panic(|| panic!("index 7 out of range"));
        let e = r.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Panic);
        assert!(e.message.contains("index 7 out of range"), "{}", e.message);
        let r: Result<(), DocError> = catch_panic(|| std::panic::panic_any(42u8));
        assert!(r.unwrap_err().message.contains("unknown panic"));
        assert_eq!(catch_panic(|| Ok(5)).unwrap(), 5);
    }
}
