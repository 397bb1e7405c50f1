//! Runs beyond one machine: a run is planned once, its shards run as the tasks of an existing
//! scheduler (a Kubernetes Indexed Job, an AWS Batch array, a Slurm array, a Spark or Ray
//! driver), and one commit publishes them as Delta Lake tables ([`crate::store::lake`]).
//!
//! - `plan` lists the inputs once, counts the files of each shard and writes the run plan.
//! - `run --shard i/N` extracts the documents whose `doc_id % N == i` (ids do not depend on N;
//!   a WARC file goes by its own id, with all its pages) with the ordinary pipeline into a local
//!   work directory, uploads its Parquet files under names made of the run and the shard (a
//!   retried shard overwrites its own), then writes its completion record create-only.
//! - `commit` refuses unless every shard completed, then commits each table in one Delta
//!   transaction; it is idempotent, and a lost race with another writer is exit 4.
//!
//! Incremental runs: a plan made on a lake whose last committed run had the same shard count
//! and configuration names that run as its base. Each shard then starts from the base run's
//! slice — its manifest (`shard-<i>.manifest.json`) in the work directory, its files in the
//! lake — extracts only what changed, fetches and rewrites only the partitions the changes
//! touch ([`FetchPartition`]), and records its whole slice: kept files and uploaded ones.

use super::{Progress, RunOptions, RunSummary};
use crate::config::Rules;
use crate::error::RunError;
use crate::read::{self, DocId, objects};
use crate::store::guard::{self, DeletePolicy};
use crate::store::lake::{
    AddFile, Lake, RUNS_DIR, RunPlan, ShardDone, TableCommit, shard_manifest_path,
};
use crate::store::schema;
use crate::store::sink::FetchPartition;
use crate::store::state::{MANIFEST_FILE, STATE_DIR};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Environment variables that carry a task's index in the schedulers newsetl runs under:
/// Kubernetes Indexed Jobs, AWS Batch array jobs, Slurm job arrays (less `SLURM_ARRAY_TASK_MIN`,
/// as arrays may start at 1).
pub const INDEX_VARIABLES: [&str; 3] = [
    "JOB_COMPLETION_INDEX",
    "AWS_BATCH_JOB_ARRAY_INDEX",
    "SLURM_ARRAY_TASK_ID",
];

/// The shard index the scheduler gave this task, from [`INDEX_VARIABLES`].
pub fn index_from_env() -> Option<u32> {
    for var in INDEX_VARIABLES {
        if let Some(i) = std::env::var(var)
            .ok()
            .and_then(|v| v.trim().parse::<u32>().ok())
        {
            let base = if var == "SLURM_ARRAY_TASK_ID" {
                std::env::var("SLURM_ARRAY_TASK_MIN")
                    .ok()
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(0)
            } else {
                0
            };
            return i.checked_sub(base);
        }
    }
    None
}

/// Parse `--shard`: `i/N`, or `N` alone with `i` from the scheduler's environment.
pub fn parse_shard(arg: &str) -> Result<(u32, u32), String> {
    let (i, n) = match arg.split_once('/') {
        Some((i, n)) => (Some(i), n),
        None => (None, arg),
    };
    let n: u32 = n
        .trim()
        .parse()
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("{arg:?}: the shard count must be a positive number (i/N)"))?;
    let i = match i {
        Some(i) => i
            .trim()
            .parse()
            .map_err(|_| format!("{arg:?}: the shard index must be a number (i/N)"))?,
        None => index_from_env().ok_or_else(|| {
            format!(
                "{arg:?}: no shard index given and none of {} is set",
                INDEX_VARIABLES.join(", ")
            )
        })?,
    };
    if i >= n {
        return Err(format!(
            "shard {i} of {n}: the index must be below the count"
        ));
    }
    Ok((i, n))
}

fn plan_path(run: &str) -> String {
    format!("{RUNS_DIR}/{run}/plan.json")
}

/// One file of a shard's listing: a relative path under a local input, or an object of an
/// object-store input with its size and last-modified time (nanoseconds), as listed by `plan`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum ListedFile {
    Local(String),
    Object(String, u64, i64),
    /// A discovery error of a local input: path, message, whether it is a directory that could
    /// not be listed.
    Failed(String, String, bool),
}

impl ListedFile {
    fn rel(&self) -> &str {
        match self {
            ListedFile::Local(r) | ListedFile::Object(r, ..) | ListedFile::Failed(r, ..) => r,
        }
    }
}

/// A shard's files, per input root: `[[file, …], …]` ([`ListedFile`]), written by `plan`.
fn files_path(run: &str, shard: u32, listing: Option<&str>) -> String {
    match listing {
        Some(id) => format!("{RUNS_DIR}/{run}/shard-{shard:05}.{id}.files.json"),
        None => format!("{RUNS_DIR}/{run}/shard-{shard:05}.files.json"),
    }
}

fn commit_path(run: &str) -> String {
    format!("{RUNS_DIR}/{run}/commit.json")
}

/// Present while a commit is publishing its tables one by one: the run it is committing.
const COMMITTING: &str = "_newsetl/COMMITTING.json";

fn shard_path(run: &str, shard: u32) -> String {
    format!("{RUNS_DIR}/{run}/shard-{shard:05}.json")
}

/// A run id names files: letters, digits, `-`, `_`, `.`, not starting with `.`, at most 128.
pub fn check_run_id(run: &str) -> Result<(), RunError> {
    let ok = !run.is_empty()
        && run.len() <= 128
        && run
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !run.starts_with('.');
    if ok {
        Ok(())
    } else {
        Err(RunError::Lake {
            message: format!(
                "run id {run:?}: use letters, digits, '-', '_' and '.' (it names files)"
            ),
        })
    }
}

/// `newsetl plan`: list the inputs once and write the run plan of `shards` shards. Planning the
/// same run again with the same inputs, shard count and configuration is a no-op; planning it
/// differently is refused.
///
/// The plan's base is the lake's last committed run when it had the same shard count and
/// configuration and `full` is not asked: the shards then work incrementally on it (see
/// [`run_shard`]).
pub fn plan(
    rules: &Rules,
    inputs: &[PathBuf],
    lake: &Lake,
    run: &str,
    shards: u32,
    full: bool,
) -> Result<RunPlan, RunError> {
    check_run_id(run)?;
    lake.check_partitioning(rules.config.output.partition_by)?;
    check_no_unfinished_commit(lake, run)?;
    if let Ok(dir) = lake.url.to_file_path() {
        let local: Vec<PathBuf> = inputs
            .iter()
            .filter(|i| !objects::is_url(i))
            .cloned()
            .collect();
        guard::check_overlap(&local, &dir)?;
    }
    if shards == 0 {
        return Err(RunError::Lake {
            message: "--shards must be at least 1".into(),
        });
    }
    let mut files_per_shard = vec![0u64; shards as usize];
    // Per shard, per input root: the files it reads.
    let mut lists: Vec<Vec<Vec<ListedFile>>> = vec![Vec::new(); shards as usize];
    let mut abs = Vec::new();
    let mut skipped_objects = Vec::new();
    for root in inputs {
        if objects::is_url(root) {
            let url = root.to_string_lossy();
            let source = objects::Objects::open(&url)?;
            let (found, odd) = source.list(&rules.read)?;
            skipped_objects.extend(odd);
            if found.is_empty() {
                return Err(RunError::Lake {
                    message: format!(
                        "input {} holds no documents: a run of it would empty the lake; nothing was planned",
                        source.url
                    ),
                });
            }
            for l in lists.iter_mut() {
                l.push(Vec::new());
            }
            for o in found {
                let s = (DocId::of(o.rel.as_bytes()).0 % u64::from(shards)) as usize;
                files_per_shard[s] += 1;
                lists[s]
                    .last_mut()
                    .expect("one per root")
                    .push(ListedFile::Object(o.rel, o.size, o.mtime_ns));
            }
            abs.push(source.url.to_string());
            continue;
        }
        if !root.is_dir() {
            return Err(RunError::InputMissing {
                path: root.display().to_string(),
            });
        }
        let (found, errors) = read::discover(root, &rules.read);
        if found.is_empty() && errors.is_empty() {
            return Err(RunError::Lake {
                message: format!(
                    "input {} holds no documents (an unmounted share?): a run of it would empty the lake; nothing was planned",
                    root.display()
                ),
            });
        }
        for l in lists.iter_mut() {
            l.push(Vec::new());
        }
        for i in 0..found.len() {
            let s = (found.id(i).0 % u64::from(shards)) as usize;
            files_per_shard[s] += 1;
            lists[s]
                .last_mut()
                .expect("one per root")
                .push(ListedFile::Local(found.rel(i).into_owned()));
        }
        for e in errors {
            let s = (DocId::of(e.rel.as_bytes()).0 % u64::from(shards)) as usize;
            files_per_shard[s] += 1;
            lists[s]
                .last_mut()
                .expect("one per root")
                .push(ListedFile::Failed(e.rel, e.error.message, e.unlisted_dir));
        }
        abs.push(
            std::path::absolute(root)
                .unwrap_or_else(|_| root.clone())
                .display()
                .to_string(),
        );
    }
    let base = if full {
        None
    } else {
        match lake.get_json::<Latest>(LATEST)? {
            Some(l) if l.run != run => lake
                .get_json::<RunPlan>(&plan_path(&l.run))?
                .filter(|p| p.shards == shards && p.config_hash == rules.hash)
                .map(|_| l.run),
            _ => None,
        }
    };
    let serialized: Vec<Vec<u8>> = lists
        .iter()
        .map(|l| serde_json::to_vec(l).expect("lists serialize"))
        .collect();
    let listing = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&serialized.concat()));
    let plan = RunPlan {
        base,
        listing: Some(listing.clone()),
        skipped_objects,
        run: run.to_string(),
        shards,
        inputs: abs,
        config_hash: rules.hash.clone(),
        config_source: rules.source.clone(),
        files_per_shard,
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    };
    let bytes = serde_json::to_vec_pretty(&plan).expect("a plan serializes");
    if lake.get(&plan_path(run))?.is_none() {
        // The listings first: a plan that exists has its listings.
        for (i, json) in serialized.into_iter().enumerate() {
            lake.put(&files_path(run, i as u32, Some(&listing)), json)?;
        }
    }
    if !lake.create(&plan_path(run), bytes)? {
        let old: RunPlan = lake
            .get_json(&plan_path(run))?
            .ok_or_else(|| RunError::Lake {
                message: format!("the plan of run {run} vanished"),
            })?;
        let same = RunPlan {
            created_at: old.created_at.clone(),
            base: old.base.clone(),
            ..plan.clone()
        };
        if old != same {
            return Err(RunError::Lake {
                message: format!(
                    "run {run} is already planned differently (then: {} shards, inputs {:?}, config {}, files per shard {:?}; now: {} shards, inputs {:?}, config {}, files per shard {:?}): choose another run id",
                    old.shards,
                    old.inputs,
                    old.config_hash,
                    old.files_per_shard,
                    plan.shards,
                    plan.inputs,
                    plan.config_hash,
                    plan.files_per_shard
                ),
            });
        }
        return Ok(old);
    }
    Ok(plan)
}

/// A shard and a commit use the configuration their run was planned with (`who` names them in
/// the message).
fn check_plan_config(plan: &RunPlan, rules: &Rules, who: &str) -> Result<(), RunError> {
    if plan.config_hash == rules.hash {
        return Ok(());
    }
    Err(RunError::Lake {
        message: format!(
            "run {} was planned with the configuration {} ({}), this {who} has {} ({}): give the plan's --config",
            plan.run, plan.config_source, plan.config_hash, rules.source, rules.hash
        ),
    })
}

fn read_plan(lake: &Lake, run: &str) -> Result<RunPlan, RunError> {
    check_run_id(run)?;
    lake.get_json(&plan_path(run))?
        .ok_or_else(|| RunError::Lake {
            message: format!(
                "run {run} has no plan in {}: run `newsetl plan --run {run} --shards N` first",
                lake.url
            ),
        })
}

/// What `run --shard` did.
#[derive(Debug)]
pub enum ShardOutcome {
    /// Extracted and uploaded now; the summary of its extraction and its record.
    Done(Box<RunSummary>, ShardDone),
    /// The shard's completion record was there already: nothing was done.
    AlreadyDone(ShardDone),
}

/// `newsetl run --shard i/N`: extract shard `shard` of `run` (whose plan must name `shards`
/// shards) into a local work directory under `work` (the system's temporary directory by
/// default; removed afterwards), upload its files and write its completion record.
///
/// Errors: no plan, another shard count or configuration than the plan's, extraction and upload
/// failures ([`RunError`]); nothing is recorded then, and running the shard again is safe.
pub fn run_shard(
    rules: &Rules,
    lake: &Lake,
    run: &str,
    (shard, shards): (u32, u32),
    work: Option<&Path>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<ShardOutcome, RunError> {
    let plan = read_plan(lake, run)?;
    if plan.shards != shards {
        return Err(RunError::Lake {
            message: format!(
                "run {run} is planned with {} shards, not {shards}",
                plan.shards
            ),
        });
    }
    check_plan_config(&plan, rules, "shard")?;
    if let Some(done) = lake.get_json::<ShardDone>(&shard_path(run, shard))? {
        return Ok(ShardOutcome::AlreadyDone(done));
    }
    // The plan's listing of this shard's files: the inputs are not listed again.
    let listing: Option<Vec<Vec<ListedFile>>> =
        lake.get_json(&files_path(run, shard, plan.listing.as_deref()))?;
    let base = work.map_or_else(std::env::temp_dir, Path::to_path_buf);
    let prefix = format!("newsetl-{run}-shard-{shard:05}-");
    // What an earlier attempt of this shard that was killed left behind (named by us).
    if let Ok(entries) = std::fs::read_dir(&base) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(pid) = name.strip_prefix(&prefix) else {
                continue;
            };
            // Another attempt of this shard still running on this host keeps its directory.
            let alive = Path::new("/proc").join(pid).exists();
            if !alive {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let dir = base.join(format!("{prefix}{}", std::process::id()));
    let output = dir.join("out");
    // The base run's slice of this shard: its files and its manifest. A base without them (a
    // shard of it failed to record them) makes this shard extract everything; the commit then
    // replaces its old files all the same.
    let previous = match &plan.base {
        Some(b) => {
            let done = lake.get_json::<ShardDone>(&shard_path(b, shard))?;
            let manifest = lake.get(&shard_manifest_path(b, shard))?;
            done.zip(manifest).map(|(d, m)| (b.clone(), d.tables, m))
        }
        None => None,
    };
    let touched: Arc<Mutex<BTreeSet<(String, String)>>> = Arc::default();
    let result = (|| {
        let mut fetch = None;
        if let Some((_, files, manifest)) = &previous {
            guard::claim_output(&output)?;
            let state = output.join(STATE_DIR);
            let io = |source| RunError::Output {
                path: state.display().to_string(),
                source,
            };
            std::fs::create_dir_all(&state).map_err(io)?;
            std::fs::write(state.join(MANIFEST_FILE), manifest).map_err(io)?;
            fetch = Some(fetch_from(lake, files.clone(), touched.clone()));
        }
        let (inputs, listed, listed_errors, downloaded) = inputs_of(&plan, listing, &dir, &output)?;
        let opts = RunOptions {
            run_id: run.to_string(),
            full: previous.is_none(),
            shard: Some((shard, shards)),
            listed,
            listed_errors,
            fetch,
            // The commit limits deletions over the whole lake.
            deletes: DeletePolicy {
                allow: true,
                ..DeletePolicy::default()
            },
            ..RunOptions::new(inputs, output.clone())
        };
        let summary = super::run(rules, &opts, progress)?;
        let uploaded = upload(lake, &output, run, shard, rules)?;
        let manifest = output.join(STATE_DIR).join(MANIFEST_FILE);
        let manifest = std::fs::read(&manifest).map_err(|source| RunError::Output {
            path: manifest.display().to_string(),
            source,
        })?;
        lake.put(&shard_manifest_path(run, shard), manifest)?;
        Ok::<_, RunError>((summary, uploaded, downloaded))
    })();
    // The work directory is this shard's own: removed whatever happened.
    let _ = std::fs::remove_dir_all(&dir);
    let (summary, uploaded, downloaded) = result?;
    let incremental = summary.mode == "incremental";
    let tables = match previous {
        Some((_, files, _)) if incremental => {
            kept_and_uploaded(files, &touched.lock().expect("not poisoned"), uploaded)
        }
        // A full extraction (also when the local run fell back to one): its files are the
        // shard's whole slice.
        _ => uploaded,
    };
    let done = ShardDone {
        run: run.to_string(),
        shard,
        shards,
        files: summary.files,
        articles: tables
            .get(schema::ARTICLES.name)
            .map_or(0, |f| f.iter().map(|a| a.rows).sum()),
        failed: summary.failed,
        tables,
        finished_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        base: plan.base.clone().filter(|_| incremental),
        deleted: summary.deleted_articles + summary.lost_articles,
        downloaded,
    };
    let bytes = serde_json::to_vec_pretty(&done).expect("a record serializes");
    if !lake.create(&shard_path(run, shard), bytes)? {
        // Another attempt of this shard finished first; its files are the same names.
        if let Some(first) = lake.get_json::<ShardDone>(&shard_path(run, shard))? {
            return Ok(ShardOutcome::AlreadyDone(first));
        }
    }
    Ok(ShardOutcome::Done(Box::new(summary), done))
}

/// The inputs a shard's run reads and its listing: local inputs as planned; an object-store
/// input mirrored into `<dir>/in/<k>/` (objects the base run's manifest in `output` has with
/// the same size and time are not downloaded: a sparse file of that size and time stands in,
/// which the run keeps without opening, as it keeps an unchanged file).
#[allow(clippy::type_complexity)]
fn inputs_of(
    plan: &RunPlan,
    listing: Option<Vec<Vec<ListedFile>>>,
    dir: &Path,
    output: &Path,
) -> Result<
    (
        Vec<PathBuf>,
        Option<Vec<Vec<String>>>,
        Vec<Vec<read::DiscoveryError>>,
        u64,
    ),
    RunError,
> {
    let remote = plan.inputs.iter().any(|i| objects::is_url(Path::new(i)));
    if remote && listing.is_none() {
        return Err(RunError::Lake {
            message: format!(
                "run {} has object-store inputs but no file list for this shard: plan it again",
                plan.run
            ),
        });
    }
    let manifest = if remote {
        crate::store::state::Manifest::load(output).map_err(|message| RunError::Lake { message })?
    } else {
        None
    };
    let mut inputs = Vec::new();
    let mut downloaded = 0;
    for (k, input) in plan.inputs.iter().enumerate() {
        if !objects::is_url(Path::new(input)) {
            inputs.push(PathBuf::from(input));
            continue;
        }
        let mirror = dir.join("in").join(k.to_string());
        let io = |source| RunError::Output {
            path: mirror.display().to_string(),
            source,
        };
        std::fs::create_dir_all(&mirror).map_err(io)?;
        let mut fetch = Vec::new();
        for f in listing.iter().flat_map(|l| l.get(k)).flatten() {
            let ListedFile::Object(rel, size, mtime_ns) = f else {
                continue;
            };
            let o = objects::Listed {
                rel: rel.clone(),
                size: *size,
                mtime_ns: *mtime_ns,
            };
            let known = manifest
                .as_ref()
                .and_then(|m| m.files.get(DocId::of(rel.as_bytes())));
            let unchanged = known
                .and_then(|e| e.stat)
                .is_some_and(|s| s.size == o.size && s.mtime_ns == Some(o.mtime_ns));
            if unchanged {
                let dest = read::under(&mirror, rel);
                let io = |source| RunError::Output {
                    path: dest.display().to_string(),
                    source,
                };
                std::fs::create_dir_all(dest.parent().expect("under the mirror")).map_err(io)?;
                let file = std::fs::File::create(&dest).map_err(io)?;
                file.set_len(o.size).map_err(io)?;
                objects::set_mtime(&file, o.mtime_ns).map_err(io)?;
            } else {
                fetch.push(o);
            }
        }
        objects::Objects::open(input)?.mirror(&fetch, &mirror)?;
        downloaded += fetch.len() as u64;
        inputs.push(mirror);
    }
    // Discovery errors go to the run as errors, the rest as files to read.
    let errors = listing.as_ref().map_or_else(Vec::new, |l| {
        l.iter()
            .map(|root| {
                root.iter()
                    .filter_map(|f| match f {
                        ListedFile::Failed(rel, message, unlisted_dir) => {
                            Some(read::DiscoveryError {
                                rel: rel.clone(),
                                error: crate::error::DocError::new(
                                    crate::error::Stage::Read,
                                    crate::error::ErrorKind::Discovery,
                                    message.clone(),
                                ),
                                unlisted_dir: *unlisted_dir,
                            })
                        }
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    });
    let listed = listing.map(|l| {
        l.into_iter()
            .map(|root| {
                root.iter()
                    .filter(|f| !matches!(f, ListedFile::Failed(..)))
                    .map(|f| f.rel().to_string())
                    .collect()
            })
            .collect()
    });
    Ok((inputs, listed, errors, downloaded))
}

/// The [`FetchPartition`] of an incremental shard: a partition of the base run's slice
/// (`files`, table → files) is downloaded from the lake when the run writes into it, and every
/// partition asked for is noted in `touched` (`(table, partition)`, `""` for `errors`): those
/// are the ones the run rewrote (or emptied).
fn fetch_from(
    lake: &Lake,
    files: BTreeMap<String, Vec<AddFile>>,
    touched: Arc<Mutex<BTreeSet<(String, String)>>>,
) -> FetchPartition {
    let url = lake.url.to_string();
    // The sink calls this from its writer thread: it opens its own handle on the lake.
    let remote: Mutex<Option<Lake>> = Mutex::new(None);
    FetchPartition(Arc::new(move |t, partition, dest| {
        touched
            .lock()
            .expect("not poisoned")
            .insert((t.name.to_string(), partition.to_string()));
        let want = t.partitioned.then_some(partition);
        let found: Vec<&AddFile> = files
            .get(t.name)
            .into_iter()
            .flatten()
            .filter(|f| f.partition.as_deref() == want)
            .collect();
        let file = match found.as_slice() {
            [] => return Ok(()),
            [f] => f,
            many => {
                return Err(RunError::Lake {
                    message: format!(
                        "table {} partition {partition:?}: the base run's slice has {} files where one is expected; plan the run with --full",
                        t.name,
                        many.len()
                    ),
                });
            }
        };
        let mut remote = remote.lock().expect("not poisoned");
        if remote.is_none() {
            *remote = Some(Lake::open(&url)?);
        }
        let rel = format!("{}/{}", t.name, file.path);
        let bytes = remote
            .as_ref()
            .expect("opened above")
            .get(&rel)?
            .ok_or_else(|| RunError::Lake {
                message: format!(
                    "{url}{rel}, a file of the base run, is missing: plan the run with --full"
                ),
            })?;
        let io = |source| RunError::Output {
            path: dest.display().to_string(),
            source,
        };
        std::fs::create_dir_all(dest.parent().expect("a file has a directory")).map_err(io)?;
        std::fs::write(dest, bytes).map_err(io)
    }))
}

/// An incremental shard's slice after its run: the base run's files of the partitions it did
/// not touch, and what it uploaded.
fn kept_and_uploaded(
    base: BTreeMap<String, Vec<AddFile>>,
    touched: &BTreeSet<(String, String)>,
    uploaded: BTreeMap<String, Vec<AddFile>>,
) -> BTreeMap<String, Vec<AddFile>> {
    let mut tables = base;
    for (table, files) in tables.iter_mut() {
        files.retain(|f| {
            !touched.contains(&(table.clone(), f.partition.clone().unwrap_or_default()))
        });
    }
    for (table, files) in uploaded {
        tables.entry(table).or_default().extend(files);
    }
    tables
}

/// Upload the tables of a finished local run at `output` under names made of the run and the
/// shard; empty files are left out. Returns each table's files.
fn upload(
    lake: &Lake,
    output: &Path,
    run: &str,
    shard: u32,
    rules: &Rules,
) -> Result<BTreeMap<String, Vec<AddFile>>, RunError> {
    let by = rules.config.output.partition_by;
    let mut tables = BTreeMap::new();
    for t in schema::TABLES {
        let mut files = Vec::new();
        let root = output.join(t.name);
        let mut parquet: Vec<PathBuf> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "parquet")
            })
            .map(|e| e.into_path())
            .collect();
        parquet.sort();
        for (k, path) in parquet.iter().enumerate() {
            let io = |source| RunError::Output {
                path: path.display().to_string(),
                source,
            };
            let reader = parquet::file::reader::SerializedFileReader::new(
                std::fs::File::open(path).map_err(io)?,
            )
            .map_err(|source| RunError::Parquet {
                path: path.display().to_string(),
                source,
            })?;
            let rows = parquet::file::reader::FileReader::metadata(&reader)
                .file_metadata()
                .num_rows() as u64;
            if rows == 0 {
                continue;
            }
            let partition = path
                .parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix(&format!("{}=", by.column())))
                .map(str::to_string);
            let name = format!("part-{run}-s{shard:05}-{k:05}.parquet");
            let rel = match &partition {
                Some(p) if t.partitioned => format!("{}={p}/{name}", by.column()),
                _ => name,
            };
            let bytes = std::fs::read(path).map_err(io)?;
            let size = bytes.len() as u64;
            lake.put(&format!("{}/{rel}", t.name), bytes)?;
            abort_hook();
            files.push(AddFile {
                path: rel,
                partition: partition.filter(|_| t.partitioned),
                size,
                rows,
            });
        }
        tables.insert(t.name.to_string(), files);
    }
    Ok(tables)
}

/// Test hook: `NEWSETL_SHARD_ABORT_AFTER_UPLOADS=k` aborts the process (as a kill would) after
/// the k-th upload of this process.
fn abort_hook() {
    use std::sync::atomic::{AtomicU64, Ordering};
    static UPLOADS: AtomicU64 = AtomicU64::new(0);
    if let Some(k) = std::env::var("NEWSETL_SHARD_ABORT_AFTER_UPLOADS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        && UPLOADS.fetch_add(1, Ordering::SeqCst) + 1 >= k
    {
        std::process::abort();
    }
}

/// Test hook: `NEWSETL_COMMIT_ABORT_AFTER_TABLES=k` aborts the process (as a kill would) once
/// k tables are committed.
fn abort_after_tables(n: usize) {
    if std::env::var("NEWSETL_COMMIT_ABORT_AFTER_TABLES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        == Some(n)
    {
        std::process::abort();
    }
}

/// `_newsetl/LATEST.json`: the last run committed to the lake.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Latest {
    pub run: String,
    /// When its plan was made: a run planned earlier is not committed after it.
    pub planned_at: String,
    /// Rows of `articles` it published.
    pub articles: u64,
}

const LATEST: &str = "_newsetl/LATEST.json";

/// `_newsetl/COMMITTING.json`: the run whose commit is under way (or died under way).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Committing {
    run: String,
}

/// Refuse to plan or commit another run while the commit of `run`'s predecessor is unfinished
/// (a commit killed between tables): its tables disagree until it is finished.
fn check_no_unfinished_commit(lake: &Lake, run: &str) -> Result<(), RunError> {
    match lake.get_json::<Committing>(COMMITTING)? {
        Some(other) if other.run != run => Err(RunError::Lake {
            message: format!(
                "the commit of run {0} did not finish (some tables have it, others not): run `newsetl commit --run {0}` first. To give that run up instead, remove {1}{COMMITTING}; the tables it reached keep it",
                other.run, lake.url
            ),
        }),
        _ => Ok(()),
    }
}

/// `newsetl commit`: publish every shard of `run` as one Delta transaction per table.
///
/// Before anything is committed, against the last committed run (`_newsetl/LATEST.json`): a
/// run planned before it is refused (committing it would roll the lake back), and so is a run
/// that would drop more than `deletes.max_fraction` of its articles, or all of them, unless
/// `deletes.allow` — the same limit as a local run's.
///
/// Errors: [`RunError::ShardsMissing`] (exit 3) when a shard has not completed — nothing is
/// committed; [`RunError::TooManyDeletes`], [`RunError::Lake`] (exit 3) for the checks above;
/// [`RunError::CommitConflict`] (exit 4) when another writer won a table.
pub fn commit(
    rules: &Rules,
    lake: &Lake,
    run: &str,
    deletes: DeletePolicy,
) -> Result<Vec<TableCommit>, RunError> {
    let plan = read_plan(lake, run)?;
    // A run committed before is a no-op, whatever was committed since.
    if lake.get(&commit_path(run))?.is_some() {
        return Ok(schema::TABLES
            .iter()
            .map(|t| TableCommit::already(t.name))
            .collect());
    }
    check_plan_config(&plan, rules, "commit")?;
    lake.check_partitioning(rules.config.output.partition_by)?;
    check_no_unfinished_commit(lake, run)?;
    let mut done = Vec::with_capacity(plan.shards as usize);
    let mut missing = Vec::new();
    for i in 0..plan.shards {
        match lake.get_json::<ShardDone>(&shard_path(run, i))? {
            Some(d) => done.push(d),
            None => missing.push(i),
        }
    }
    if !missing.is_empty() {
        return Err(RunError::ShardsMissing {
            run: run.to_string(),
            missing,
            shards: plan.shards,
        });
    }
    // Every file a shard uploaded is there, whole: a commit never adds a file readers would
    // fail on (one removed or cut since the shard finished).
    for d in &done {
        for (table, files) in &d.tables {
            for f in files.iter().filter(|f| ShardDone::uploaded_by(f, run)) {
                let rel = format!("{table}/{}", f.path);
                let found = lake.size(&rel)?;
                if found != Some(f.size) {
                    return Err(RunError::Lake {
                        message: format!(
                            "shard {} of run {run} recorded {rel} ({} bytes), which is {}: nothing was committed. Remove {} and run the shard again",
                            d.shard,
                            f.size,
                            found.map_or("missing".to_string(), |n| format!("{n} bytes now")),
                            shard_path(run, d.shard)
                        ),
                    });
                }
            }
        }
    }
    let articles: u64 = done
        .iter()
        .flat_map(|d| d.tables.get(schema::ARTICLES.name).into_iter().flatten())
        .map(|a| a.rows)
        .sum();
    let latest: Option<Latest> = lake.get_json(LATEST)?;
    if let Some(l) = latest.as_ref().filter(|l| l.run != run) {
        match &plan.base {
            // Shards that kept files of their base must find the lake at that base.
            Some(base) if *base != l.run => {
                return Err(RunError::BaseMoved {
                    run: run.to_string(),
                    base: base.clone(),
                    latest: l.run.clone(),
                });
            }
            Some(_) => {}
            None if l.planned_at > plan.created_at => {
                return Err(RunError::Lake {
                    message: format!(
                        "run {run} was planned ({}) before run {}, which is committed ({}): committing it would roll the lake back; plan a new run",
                        plan.created_at, l.run, l.planned_at
                    ),
                });
            }
            None => {}
        }
        // Deleted inputs count even where new documents make up for them.
        let deleted: u64 = done.iter().map(|d| d.deleted).sum();
        guard::check_deletions(
            l.articles.saturating_sub(articles).max(deleted),
            l.articles,
            deletes,
        )?;
    }
    let by = rules.config.output.partition_by;
    let marker = serde_json::to_vec(&Committing {
        run: run.to_string(),
    })
    .expect("serializes");
    lake.put(COMMITTING, marker)?;
    let mut commits = Vec::new();
    for t in schema::TABLES {
        let files: Vec<AddFile> = done
            .iter()
            .flat_map(|d| d.tables.get(t.name).into_iter().flatten().cloned())
            .collect();
        match lake.commit_table(t, by, run, &files) {
            Ok(c) => {
                commits.push(c);
                abort_after_tables(commits.len());
            }
            Err(e) => {
                // Failing on the first table, the run is in no table (tables are committed in
                // order): the marker goes, nothing is left half done.
                let ours = lake
                    .get_json::<Committing>(COMMITTING)?
                    .is_some_and(|c| c.run == run);
                if commits.is_empty() && ours {
                    lake.delete(COMMITTING)?;
                }
                return Err(e);
            }
        }
    }
    // Every table has the run now (also when an interrupted commit is finished).
    {
        let report = serde_json::to_vec_pretty(&commits).expect("commits serialize");
        lake.put(&commit_path(run), report)?;
        let l = Latest {
            run: run.to_string(),
            planned_at: plan.created_at.clone(),
            articles,
        };
        lake.put(LATEST, serde_json::to_vec_pretty(&l).expect("serializes"))?;
    }
    lake.delete(COMMITTING)?;
    Ok(commits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_arguments() {
        assert_eq!(parse_shard("3/4"), Ok((3, 4)));
        assert!(parse_shard("4/4").is_err());
        assert!(parse_shard("1/0").is_err());
        assert!(parse_shard("x/4").is_err());
    }

    #[test]
    fn run_ids_name_files() {
        assert!(check_run_id("2026-11-29_nightly.1").is_ok());
        for bad in ["", "../x", "a/b", ".hidden", "a b"] {
            assert!(check_run_id(bad).is_err(), "{bad}");
        }
    }
}
