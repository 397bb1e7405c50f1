//! The object-store publish: the dataset as Delta Lake tables in object storage (S3, GCS, Azure)
//! or a local directory, written by many shards and committed once.
//!
//! Layout under the lake location `L` (a URL: `s3://bucket/lake/news/`, `file:///data/lake/`):
//! - `L/<table>/` is a Delta table (`_delta_log/` + `month=<value>/part-<run>-s<shard>-<n>.parquet`;
//!   `errors` is unpartitioned). Readers see only the files its log adds.
//! - `L/_newsetl/runs/<run>/plan.json` — the run plan ([`RunPlan`]), written once by `newsetl plan`.
//! - `L/_newsetl/runs/<run>/shard-<i>.json` — a shard's completion record ([`ShardDone`]), written
//!   create-only after its files are uploaded: a shard is complete exactly when it exists.
//! - `L/_newsetl/runs/<run>/shard-<i>.manifest.json` — the shard's slice of the incremental
//!   manifest, read by the next run's same shard.
//!
//! Object access goes through the `object_store` crate (credentials from the standard `AWS_*`,
//! `GOOGLE_*`, `AZURE_*` environment variables; S3 conditional writes for create-only puts).
//! Commits go through `delta_kernel` and its default engine: one transaction per table that
//! makes the table exactly the shards' slices (adds for the files not in it yet, removes for the
//! files no slice keeps), with a `txn` action whose app id
//! names the run (`newsetl:<run>`), checked before committing so that a repeated commit is a
//! no-op. A commit that loses a race with another writer is [`RunError::CommitConflict`]. Every
//! [`CHECKPOINT_INTERVAL`]th version gets a checkpoint (the kernel's writer, which needs the
//! engine's multi-threaded executor).

use crate::error::RunError;
use crate::store::schema::{ColType, Partitioning, Table};
use delta_kernel::arrow::array::{
    ArrayRef, BooleanArray, Int64Array, MapBuilder, MapFieldNames, RecordBatch, StringArray,
    StringBuilder, StructArray,
};
use delta_kernel::arrow::datatypes::{DataType as ArrowType, Field, Fields, Schema};
use delta_kernel::committer::FileSystemCommitter;
use delta_kernel::engine::arrow_data::ArrowEngineData;
use delta_kernel::schema::{ArrayType, DataType, StructField, StructType};
use delta_kernel::transaction::create_table::create_table;
use delta_kernel::transaction::data_layout::DataLayout;
use delta_kernel::transaction::{CommitResult, UpdateTableOperation};
use delta_kernel::{EngineData, FilteredEngineData, Snapshot};
use delta_kernel_default_engine::DefaultEngine;
use delta_kernel_default_engine::executor::tokio::TokioMultiThreadExecutor;
use object_store::path::Path as ObjPath;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use url::Url;

/// Where the shards' bookkeeping lives, under the lake location.
pub const RUNS_DIR: &str = "_newsetl/runs";

/// A lake location opened for reading and writing.
pub struct Lake {
    /// The location, ending in `/`.
    pub url: Url,
    store: Arc<dyn ObjectStore>,
    base: ObjPath,
    rt: tokio::runtime::Runtime,
    engine: DefaultEngine<TokioMultiThreadExecutor>,
}

/// One data file of a table, as a shard uploaded it and a commit adds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddFile {
    /// Relative to the table root (`month=2022-03/part-<run>-s00001-00000.parquet`).
    pub path: String,
    /// The partition value (`2022-03`, `undated`); `None` for the unpartitioned `errors`.
    pub partition: Option<String>,
    /// Bytes.
    pub size: u64,
    /// Rows.
    pub rows: u64,
}

/// `plan.json`: what `newsetl plan` decided for a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunPlan {
    pub run: String,
    pub shards: u32,
    /// Input directories, absolute.
    pub inputs: Vec<String>,
    pub config_hash: String,
    /// The configuration file the plan was made with, or `embedded`.
    pub config_source: String,
    /// Input files (WARC files count once) per shard, by `doc_id % shards`.
    pub files_per_shard: Vec<u64>,
    pub created_at: String,
    /// Names this plan's shard file lists (`shard-<i>.<listing>.files.json`): a hash of them,
    /// so that two plans of one run id made at once cannot mix their lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing: Option<String>,
    /// Objects of object-store inputs whose keys are not paths (left out, with the reason).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped_objects: Vec<String>,
    /// The committed run this one builds on (the lake's last run when it was planned, with the
    /// same shard count and configuration): its shards extract only what changed since and
    /// keep that run's other files. `None`: every shard extracts everything (`plan --full`, a
    /// new lake, another shard count or configuration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
}

/// `shard-<i>.json`: a shard's completion record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardDone {
    pub run: String,
    pub shard: u32,
    pub shards: u32,
    /// Input files the shard read.
    pub files: u64,
    pub articles: u64,
    pub failed: u64,
    /// Table name → every file of the shard's slice of the table after this run: the files it
    /// uploaded (named `part-<run>-s<shard>-<n>.parquet`) and those of its base run it kept.
    pub tables: BTreeMap<String, Vec<AddFile>>,
    pub finished_at: String,
    /// The run whose slice this shard updated incrementally; `None` when it extracted all its
    /// documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// Articles of the base run that are gone: their input files deleted, or failed this time.
    #[serde(default)]
    pub deleted: u64,
    /// Objects of object-store inputs downloaded (the others were unchanged since the base run).
    #[serde(default)]
    pub downloaded: u64,
}

impl ShardDone {
    /// Whether `file` was uploaded by run `run` (not kept from an earlier run).
    pub fn uploaded_by(file: &AddFile, run: &str) -> bool {
        file.path
            .rsplit('/')
            .next()
            .is_some_and(|name| name.starts_with(&format!("part-{run}-s")))
    }
}

/// Where a shard's slice of the incremental manifest is kept: the local run's
/// `_state/manifest.json` of its documents, for the next run's same shard.
pub fn shard_manifest_path(run: &str, shard: u32) -> String {
    format!("{RUNS_DIR}/{run}/shard-{shard:05}.manifest.json")
}

/// What committing one table did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCommit {
    pub table: &'static str,
    /// The Delta version written, or `None` when the run was already committed to this table.
    pub version: Option<u64>,
    pub added: usize,
    pub removed: usize,
    /// Files already in the table that stay.
    pub kept: usize,
    /// Whether a checkpoint was written after this commit (`None`: not due).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<bool>,
}

impl TableCommit {
    /// The table already had the run: nothing was committed.
    pub fn already(table: &'static str) -> TableCommit {
        TableCommit {
            table,
            version: None,
            added: 0,
            removed: 0,
            kept: 0,
            checkpoint: None,
        }
    }
}

/// A table gets a Delta checkpoint (the log's state as one Parquet file) every this many
/// versions (the Delta protocol's customary interval; `NEWSETL_CHECKPOINT_INTERVAL` overrides).
pub const CHECKPOINT_INTERVAL: u64 = 10;

fn lake_error(what: impl std::fmt::Display) -> RunError {
    RunError::Lake {
        message: what.to_string(),
    }
}

/// A location argument as a URL: object-store URLs as given, `file://` URLs, and local paths
/// (made absolute). Always ends in `/`.
pub fn location_url(location: &str) -> Result<Url, RunError> {
    if location.is_empty() {
        return Err(lake_error(
            "an empty lake location: give a directory or a URL",
        ));
    }
    let mut url = match Url::parse(location) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => {
            return Err(lake_error(format!(
                "{location}: plain HTTP stores cannot take create-only writes; use s3://, gs://, az:// or a directory"
            )));
        }
        Ok(u) if u.scheme().len() > 1 => u,
        _ => {
            // `..` and `.` folded away: object_store refuses them in paths.
            let abs = std::path::absolute(location).map_err(lake_error)?;
            let mut clean = std::path::PathBuf::new();
            for c in abs.components() {
                match c {
                    std::path::Component::ParentDir => {
                        clean.pop();
                    }
                    std::path::Component::CurDir => {}
                    other => clean.push(other),
                }
            }
            Url::from_directory_path(&clean)
                .map_err(|()| lake_error(format!("{location}: not a usable path")))?
        }
    };
    if !url.path().ends_with('/') {
        url.set_path(&format!("{}/", url.path()));
    }
    Ok(url)
}

impl Lake {
    /// Open the lake at `location` (nothing is written; a local directory is created).
    ///
    /// Errors: [`RunError::Lake`] for a location that is not a URL or path object_store knows.
    pub fn open(location: &str) -> Result<Lake, RunError> {
        let url = location_url(location)?;
        if url.scheme() == "file" {
            let dir = url
                .to_file_path()
                .map_err(|()| lake_error(format!("{url}: not a local path")))?;
            check_local_lake(&dir)?;
            std::fs::create_dir_all(&dir).map_err(|source| RunError::Output {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let (store, base) = object_store::parse_url_opts(&url, crate::read::objects::env_options())
            .map_err(|e| lake_error(format!("{url}: {e}")))?;
        let store: Arc<dyn ObjectStore> = Arc::from(store);
        // A multi-threaded runtime of its own: the kernel's checkpoint writer needs one.
        let executor = TokioMultiThreadExecutor::new_owned_runtime(Some(2), None)
            .map_err(|e| lake_error(format!("starting the Delta engine: {e}")))?;
        let engine = delta_kernel_default_engine::DefaultEngineBuilder::new(store.clone())
            .with_task_executor(Arc::new(executor))
            .build();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(lake_error)?;
        Ok(Lake {
            url,
            store,
            base,
            rt,
            engine,
        })
    }

    fn path(&self, rel: &str) -> ObjPath {
        rel.split('/')
            .filter(|p| !p.is_empty())
            .fold(self.base.clone(), |p, part| p.clone().join(part))
    }

    /// Write `bytes` at `rel` (relative to the lake), replacing what is there.
    pub fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), RunError> {
        let path = self.path(rel);
        self.rt
            .block_on(self.store.put(&path, PutPayload::from(bytes)))
            .map(|_| ())
            .map_err(|e| lake_error(format!("writing {}{rel}: {e}", self.url)))
    }

    /// Write `bytes` at `rel` only if nothing is there: `false` when something was.
    pub fn create(&self, rel: &str, bytes: Vec<u8>) -> Result<bool, RunError> {
        let path = self.path(rel);
        let opts = PutOptions {
            mode: PutMode::Create,
            ..Default::default()
        };
        match self
            .rt
            .block_on(self.store.put_opts(&path, PutPayload::from(bytes), opts))
        {
            Ok(_) => Ok(true),
            Err(object_store::Error::AlreadyExists { .. }) => Ok(false),
            Err(e) => Err(lake_error(format!("writing {}{rel}: {e}", self.url))),
        }
    }

    /// Remove the object at `rel` (nothing there is fine).
    pub fn delete(&self, rel: &str) -> Result<(), RunError> {
        let path = self.path(rel);
        match self.rt.block_on(self.store.delete(&path)) {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(lake_error(format!("removing {}{rel}: {e}", self.url))),
        }
    }

    /// Refuse a configuration whose partition column is not the one the lake's partitioned
    /// tables were created with (Delta fixes a table's partition columns at creation).
    pub fn check_partitioning(&self, by: Partitioning) -> Result<(), RunError> {
        for t in crate::store::schema::TABLES
            .iter()
            .filter(|t| t.partitioned)
        {
            if let Some(s) = self.snapshot(&self.table_url(t.name))
                && s.schema().field(by.column()).is_none()
            {
                return Err(lake_error(format!(
                    "the Delta table {} is not partitioned by {} (output.partition_by of this configuration): Delta keeps a table's partition columns for good; write this configuration to a new lake location",
                    t.name,
                    by.column()
                )));
            }
        }
        Ok(())
    }

    /// The bytes at `rel`, or `None` when there is nothing.
    pub fn get(&self, rel: &str) -> Result<Option<Vec<u8>>, RunError> {
        let path = self.path(rel);
        let got = self.rt.block_on(async {
            match self.store.get(&path).await {
                Ok(r) => r.bytes().await.map(Some),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(e),
            }
        });
        got.map(|b| b.map(|b| b.to_vec()))
            .map_err(|e| lake_error(format!("reading {}{rel}: {e}", self.url)))
    }

    /// The size of the object at `rel`, or `None` when there is none.
    pub fn size(&self, rel: &str) -> Result<Option<u64>, RunError> {
        let path = self.path(rel);
        match self.rt.block_on(self.store.head(&path)) {
            Ok(meta) => Ok(Some(meta.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(lake_error(format!("reading {}{rel}: {e}", self.url))),
        }
    }

    /// The JSON document at `rel`, or `None`.
    pub fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        rel: &str,
    ) -> Result<Option<T>, RunError> {
        match self.get(rel)? {
            None => Ok(None),
            Some(b) => serde_json::from_slice(&b)
                .map(Some)
                .map_err(|e| lake_error(format!("{}{rel} does not parse: {e}", self.url))),
        }
    }

    /// A table's URL (`<lake>/<table>/`).
    pub fn table_url(&self, table: &str) -> Url {
        self.url
            .join(&format!("{table}/"))
            .expect("a table name is a path segment")
    }

    /// The Delta schema of a table: its columns and, when partitioned, the partition column.
    fn delta_schema(t: &Table, by: Partitioning) -> Result<Arc<StructType>, RunError> {
        let mut fields: Vec<StructField> = t
            .columns
            .iter()
            .map(|c| {
                let ty = match c.ty {
                    ColType::Str => DataType::STRING,
                    ColType::Int => DataType::LONG,
                    ColType::TimestampUtc => DataType::TIMESTAMP,
                    ColType::Date => DataType::DATE,
                    ColType::StrList => ArrayType::new(DataType::STRING, true).into(),
                };
                StructField::new(c.name, ty, c.nullable)
            })
            .collect();
        if t.partitioned {
            fields.push(StructField::not_null(by.column(), DataType::STRING));
        }
        StructType::try_new(fields)
            .map(Arc::new)
            .map_err(|e| lake_error(format!("the Delta schema of {}: {e}", t.name)))
    }

    fn snapshot(&self, url: &Url) -> Option<Arc<Snapshot>> {
        Snapshot::builder_for(url.as_str()).build(&self.engine).ok()
    }

    /// Make `t` a Delta table if it is not one yet (another writer creating it at the same
    /// time is fine).
    fn ensure_table(&self, t: &Table, by: Partitioning) -> Result<Arc<Snapshot>, RunError> {
        let url = self.table_url(t.name);
        if let Some(s) = self.snapshot(&url) {
            return Ok(s);
        }
        if let Ok(dir) = url.to_file_path() {
            // A local table's directory must exist before the kernel creates the table there.
            std::fs::create_dir_all(&dir).map_err(|source| RunError::Output {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let mut builder = create_table(
            url.as_str(),
            Self::delta_schema(t, by)?,
            engine_info(),
            true,
        );
        if t.partitioned {
            builder = builder.with_data_layout(DataLayout::partitioned([by.column()]));
        }
        // Another writer creating the table at the same time (seen at build or at commit) is
        // fine: the table exists either way.
        match builder.build(&self.engine, Box::new(FileSystemCommitter::new())) {
            Ok(txn) => {
                let _ = txn.commit(&self.engine);
            }
            Err(e) => {
                if let Some(s) = self.snapshot(&url) {
                    return Ok(s);
                }
                return Err(lake_error(format!("creating the Delta table {url}: {e}")));
            }
        }
        self.snapshot(&url)
            .ok_or_else(|| lake_error(format!("the Delta table {url} could not be read")))
    }

    /// Commit `files` as the whole content of table `t` for run `run`: one Delta transaction
    /// that adds those the table does not have yet and removes every file it has that `files`
    /// does not name. A no-op when the table already has this run's transaction.
    ///
    /// Errors: [`RunError::CommitConflict`] when another writer committed to the table after its
    /// snapshot was read (nothing of this transaction is visible); [`RunError::Lake`] when a
    /// file of an earlier run that `files` keeps is no longer in the table, and otherwise.
    pub fn commit_table(
        &self,
        t: &'static Table,
        by: Partitioning,
        run: &str,
        files: &[AddFile],
    ) -> Result<TableCommit, RunError> {
        let snapshot = self.ensure_table(t, by)?;
        let app_id = format!("newsetl:{run}");
        let kernel = |e: delta_kernel::KernelError| lake_error(format!("table {}: {e}", t.name));
        if snapshot
            .get_app_id_version(&app_id, &self.engine)
            .map_err(kernel)?
            .is_some()
        {
            return Ok(TableCommit::already(t.name));
        }
        let mut txn = snapshot
            .clone()
            .update_table(UpdateTableOperation::Write, engine_info(), true)
            .with_transaction_id(app_id, 0)
            .build(&self.engine, Box::new(FileSystemCommitter::new()))
            .map_err(kernel)?;
        // The table's files now: those `files` names stay, the others are removed.
        let wanted: HashSet<&str> = files.iter().map(|a| a.path.as_str()).collect();
        let mut present: HashSet<String> = HashSet::new();
        let mut removed = 0;
        let scan = snapshot
            .clone()
            .scan_builder()
            .build()
            .map_err(kernel)?
            .scan_metadata(&self.engine)
            .map_err(kernel)?;
        for meta in scan {
            let (data, selection) = meta.map_err(kernel)?.scan_files.into_parts();
            let data = ArrowEngineData::try_from_engine_data(data).map_err(kernel)?;
            let batch = data.record_batch();
            let paths = batch
                .column_by_name("path")
                .and_then(|c| c.as_any().downcast_ref::<StringArray>())
                .ok_or_else(|| lake_error("scan metadata without a path column"))?;
            let active = |i: usize| selection.get(i).copied().unwrap_or(true);
            let select: Vec<bool> = (0..batch.num_rows())
                .map(|i| active(i) && !wanted.contains(paths.value(i)))
                .collect();
            present.extend(
                (0..batch.num_rows())
                    .filter(|&i| active(i))
                    .map(|i| paths.value(i).to_string()),
            );
            let n = select.iter().filter(|s| **s).count();
            if n > 0 {
                removed += n;
                let data: Box<dyn EngineData> = data;
                txn.remove_files(FilteredEngineData::try_new(data, select).map_err(kernel)?);
            }
        }
        if let Some(gone) = files
            .iter()
            .find(|f| !ShardDone::uploaded_by(f, run) && !present.contains(&f.path))
        {
            return Err(lake_error(format!(
                "table {}: {} is kept from an earlier run but is no longer in the table (another writer replaced it); nothing was committed: plan a new run",
                t.name, gone.path
            )));
        }
        let adds: Vec<AddFile> = files
            .iter()
            .filter(|f| !present.contains(&f.path))
            .cloned()
            .collect();
        if !adds.is_empty() {
            txn.add_files(add_files_data(t, by, &adds)?);
        }
        if let Some(ms) = std::env::var("NEWSETL_COMMIT_PAUSE_MS")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
        {
            // Test hook: hold the transaction open so that two commits race.
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
        match txn.commit(&self.engine).map_err(kernel)? {
            CommitResult::Committed(c) => {
                // A checkpoint every CHECKPOINT_INTERVAL versions: readers and the next commit
                // read it and the few commits after it instead of replaying the whole log. It
                // is an optimization: failing to write one fails nothing.
                let interval = std::env::var("NEWSETL_CHECKPOINT_INTERVAL")
                    .ok()
                    .and_then(|v| v.parse::<u64>().ok())
                    .filter(|&n| n > 0)
                    .unwrap_or(CHECKPOINT_INTERVAL);
                let mut checkpoint = None;
                if c.commit_version() % interval == 0
                    && let Some(s) = c.post_commit_snapshot()
                {
                    checkpoint = Some(s.checkpoint(&self.engine, None).is_ok());
                }
                Ok(TableCommit {
                    table: t.name,
                    version: Some(c.commit_version()),
                    added: adds.len(),
                    removed,
                    kept: files.len() - adds.len(),
                    checkpoint,
                })
            }
            CommitResult::Conflicted(c) => Err(RunError::CommitConflict {
                table: t.name,
                version: c.conflict_version(),
            }),
            CommitResult::Retryable(_) => Err(lake_error(format!(
                "table {}: the commit failed with an I/O error; run the commit again",
                t.name
            ))),
        }
    }
}

/// A local directory may become a lake only if it is empty, missing, or a lake already (it holds
/// `_newsetl/` or a Delta table): never a directory-mode output (its readers would see both
/// formats' files) nor someone else's directory.
fn check_local_lake(dir: &std::path::Path) -> Result<(), RunError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.is_empty() || names.iter().any(|n| n == "_newsetl") {
        return Ok(());
    }
    if names.iter().any(|n| n == crate::store::guard::OWNER_MARKER) {
        return Err(lake_error(format!(
            "{} is a directory-mode newsetl output (.newsetl-output): a lake needs its own location",
            dir.display()
        )));
    }
    let delta = names
        .iter()
        .any(|n| dir.join(n).join("_delta_log").is_dir());
    if delta {
        return Ok(());
    }
    Err(RunError::NotOurs {
        path: dir.display().to_string(),
        entries: names.iter().take(3).cloned().collect::<Vec<_>>().join(", "),
    })
}

fn engine_info() -> String {
    format!("newsetl/{}", env!("CARGO_PKG_VERSION"))
}

/// The add-file metadata the kernel takes (`Transaction::add_files_schema`): path,
/// partitionValues, size, modificationTime and stats (numRecords).
fn add_files_data(
    t: &Table,
    by: Partitioning,
    adds: &[AddFile],
) -> Result<Box<dyn EngineData>, RunError> {
    let names = MapFieldNames {
        entry: "key_value".to_string(),
        key: "key".to_string(),
        value: "value".to_string(),
    };
    let mut partitions = MapBuilder::new(Some(names), StringBuilder::new(), StringBuilder::new());
    for a in adds {
        if t.partitioned {
            partitions.keys().append_value(by.column());
            match &a.partition {
                Some(p) => partitions.values().append_value(p),
                None => partitions.values().append_null(),
            }
        }
        partitions.append(true).map_err(lake_error)?;
    }
    let now = chrono::Utc::now().timestamp_millis();
    let path: ArrayRef = Arc::new(StringArray::from_iter_values(
        adds.iter().map(|a| a.path.as_str()),
    ));
    let size: ArrayRef = Arc::new(Int64Array::from_iter_values(
        adds.iter().map(|a| a.size as i64),
    ));
    let modified: ArrayRef = Arc::new(Int64Array::from_iter_values(adds.iter().map(|_| now)));
    let stats_fields = Fields::from(vec![
        Field::new("numRecords", ArrowType::Int64, true),
        Field::new("tightBounds", ArrowType::Boolean, true),
    ]);
    let stats = StructArray::new(
        stats_fields.clone(),
        vec![
            Arc::new(Int64Array::from_iter_values(
                adds.iter().map(|a| a.rows as i64),
            )) as ArrayRef,
            Arc::new(BooleanArray::from(vec![true; adds.len()])) as ArrayRef,
        ],
        None,
    );
    let partitions: ArrayRef = Arc::new(partitions.finish());
    let schema = Schema::new(vec![
        Field::new("path", ArrowType::Utf8, false),
        Field::new("partitionValues", partitions.data_type().clone(), false),
        Field::new("size", ArrowType::Int64, false),
        Field::new("modificationTime", ArrowType::Int64, false),
        Field::new("stats", ArrowType::Struct(stats_fields), true),
    ]);
    let batch = RecordBatch::try_new(
        Arc::new(schema),
        vec![path, partitions, size, modified, Arc::new(stats)],
    )
    .map_err(lake_error)?;
    Ok(Box::new(ArrowEngineData::new(batch)))
}
