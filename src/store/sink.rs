//! Stage 6 — write: the one place that writes. Rows are appended to Arrow builders per table and
//! partition; a partition's buffered rows are written as one row group (RecordBatches of
//! `output.batch_rows` rows, zstd, statistics, dictionaries on low-cardinality columns) when the
//! run ends or when the memory bound asks for it. A row group is never left open between two
//! writes: ArrowWriter keeps encoders and a zstd context per column of an open row group, which
//! across ~80 open partition files cost more memory than the rows themselves. A run writes into
//! a staging directory inside the output and publishes each table by rename at the end.
//!
//! Layout: `<output>/<table>/month=YYYY-MM/part-00000.parquet` (Hive style; `output.partition_by`
//! `year` gives `year=YYYY`; `=undated` for documents without a usable date),
//! `<output>/errors/part-00000.parquet`.

use crate::article::{Article, ErrorRow};
use crate::error::RunError;
use crate::read::DocId;
use crate::store::durable;
use crate::store::schema::{
    self, ARTICLES, ColType, ERRORS, IMAGES, PARAGRAPHS, Partitioning, QA_PAIRS, QUOTES, TURNS,
    Table, UNDATED,
};
use crate::store::state::{MANIFEST_FILE, Manifest, PUBLISHING_MARKER, STATE_DIR};
use arrow::array::{
    ArrayRef, AsArray, BooleanArray, Date32Builder, Int64Builder, ListBuilder, StringBuilder,
    TimestampMicrosecondBuilder,
};
use arrow::compute::filter_record_batch;
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::file::reader::{FileReader, SerializedFileReader};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `output:` in `newsetl.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputConfig {
    /// Documents extracted in parallel per batch; bounds the memory held by extracted documents.
    pub batch_docs: usize,
    /// Rows per RecordBatch handed to the Parquet writer.
    pub batch_rows: usize,
    /// A row group is closed when its encoded size passes this many bytes.
    pub row_group_bytes: usize,
    /// zstd compression level (1–22).
    pub zstd_level: i32,
    /// `year` or `month`: the granularity of the Hive partitions (see the README's file-size
    /// policy).
    pub partition_by: Partitioning,
    /// Bound on rows not yet on disk, over all partitions: past it, the partitions holding the
    /// most are written out as row groups until half of it is free. Bounds the writer's memory
    /// whatever the corpus size.
    pub max_buffered_bytes: usize,
    /// Snapshots of published runs kept in `_snapshots/` (at least 1): a reader that resolved
    /// `_snapshots/LATEST` can read its snapshot until this many newer runs have published.
    pub keep_snapshots: usize,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            batch_docs: 512,
            batch_rows: 8192,
            row_group_bytes: 64 * 1024 * 1024,
            zstd_level: 3,
            partition_by: Partitioning::Month,
            max_buffered_bytes: 16 * 1024 * 1024,
            keep_snapshots: 2,
        }
    }
}

impl OutputConfig {
    pub fn validate(&self, report: &mut impl FnMut(String, String)) {
        for (key, v) in [
            ("batch_docs", self.batch_docs),
            ("batch_rows", self.batch_rows),
            ("row_group_bytes", self.row_group_bytes),
            ("max_buffered_bytes", self.max_buffered_bytes),
            ("keep_snapshots", self.keep_snapshots),
        ] {
            if v == 0 {
                report(format!("output.{key}"), "must be positive".into());
            }
        }
        if ZstdLevel::try_new(self.zstd_level).is_err() {
            report(
                "output.zstd_level".into(),
                format!("{} is not a zstd level (1–22)", self.zstd_level),
            );
        }
    }
}

/// The one file of a partition.
const PART_FILE: &str = "part-00000.parquet";
/// The column every table is joined on.
const DOC_ID: &str = "doc_id";

/// Metadata stamped on every file.
#[derive(Debug, Clone)]
pub struct RunStamp {
    pub run_id: String,
    pub config_hash: String,
}

/// One value of a row, in column order.
enum Cell<'a> {
    Str(Option<&'a str>),
    Int(i64),
    OptInt(Option<i64>),
    Ts(Option<i64>),
    /// Days since the epoch.
    Date(Option<i32>),
    List(&'a [String]),
}

enum ColBuilder {
    Str(StringBuilder),
    Int(Int64Builder),
    Ts(TimestampMicrosecondBuilder),
    Date(Date32Builder),
    List(ListBuilder<StringBuilder>),
}

impl ColBuilder {
    fn new(ty: ColType) -> Self {
        match ty {
            ColType::Str => ColBuilder::Str(StringBuilder::new()),
            ColType::Int => ColBuilder::Int(Int64Builder::new()),
            ColType::TimestampUtc => {
                ColBuilder::Ts(TimestampMicrosecondBuilder::new().with_timezone("UTC"))
            }
            ColType::Date => ColBuilder::Date(Date32Builder::new()),
            ColType::StrList => ColBuilder::List(ListBuilder::new(StringBuilder::new())),
        }
    }

    fn append(&mut self, cell: &Cell) {
        match (self, cell) {
            (ColBuilder::Str(b), Cell::Str(v)) => b.append_option(*v),
            (ColBuilder::Int(b), Cell::Int(v)) => b.append_value(*v),
            (ColBuilder::Int(b), Cell::OptInt(v)) => b.append_option(*v),
            (ColBuilder::Ts(b), Cell::Ts(v)) => b.append_option(*v),
            (ColBuilder::Date(b), Cell::Date(v)) => b.append_option(*v),
            (ColBuilder::List(b), Cell::List(items)) => {
                for i in *items {
                    b.values().append_value(i);
                }
                b.append(true);
            }
            _ => unreachable!("row cells are built in schema order with schema types"),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            ColBuilder::Str(b) => Arc::new(b.finish()),
            ColBuilder::Int(b) => Arc::new(b.finish()),
            ColBuilder::Ts(b) => Arc::new(b.finish()),
            ColBuilder::Date(b) => Arc::new(b.finish()),
            ColBuilder::List(b) => Arc::new(b.finish()),
        }
    }
}

/// An open Parquet file of one table partition, with its buffered rows.
struct Part {
    table: &'static Table,
    /// Rows of the published file that stay (incremental runs), written ahead of `cols`.
    kept: Vec<RecordBatch>,
    cols: Vec<ColBuilder>,
    rows: usize,
    /// Approximate bytes held by `kept` and `cols`.
    bytes: usize,
    writer: ArrowWriter<BufWriter<File>>,
    path: PathBuf,
    /// The published file whose rows of documents not replaced stay (incremental runs): read
    /// when the partition is written, in the parallel finish, not when it is opened.
    live: Option<PathBuf>,
    /// Rows set aside when memory ran short: an Arrow IPC file (uncompressed, cheap to write)
    /// read back when the partition's Parquet file is written, so that rows spilled many times
    /// still end in large row groups.
    spill: Option<Spill>,
}

/// A partition's spilled rows.
struct Spill {
    path: PathBuf,
    writer: arrow::ipc::writer::FileWriter<BufWriter<File>>,
}

fn s(v: &Option<String>) -> Cell<'_> {
    Cell::Str(v.as_deref())
}

impl Cell<'_> {
    fn size(&self) -> usize {
        match self {
            Cell::Str(v) => v.map_or(0, str::len) + 4,
            Cell::Int(_) | Cell::OptInt(_) | Cell::Ts(_) => 8,
            Cell::Date(_) => 4,
            Cell::List(items) => items.iter().map(|i| i.len() + 8).sum::<usize>() + 4,
        }
    }
}

impl Part {
    fn push(&mut self, cells: &[Cell]) -> usize {
        debug_assert_eq!(cells.len(), self.cols.len());
        let mut size = 0;
        for (b, c) in self.cols.iter_mut().zip(cells) {
            b.append(c);
            size += c.size();
        }
        self.rows += 1;
        self.bytes += size;
        size
    }

    fn parquet_error(&self) -> impl FnOnce(parquet::errors::ParquetError) -> RunError {
        let path = self.path.display().to_string();
        move |source| RunError::Parquet { path, source }
    }

    /// The buffered rows (kept rows first) as record batches; the builders are emptied.
    fn take_batches(&mut self) -> Result<Vec<RecordBatch>, RunError> {
        let mut batches = std::mem::take(&mut self.kept);
        if self.rows > 0 {
            let arrays: Vec<ArrayRef> = self.cols.iter_mut().map(ColBuilder::finish).collect();
            let batch =
                RecordBatch::try_new(self.table.arrow_schema(), arrays).map_err(|source| {
                    RunError::Arrow {
                        table: self.table.name,
                        source,
                    }
                })?;
            batches.push(batch);
            self.rows = 0;
        }
        Ok(batches)
    }

    /// Set the buffered rows aside in the partition's spill file (created in `spill_dir` on
    /// first use). Returns the bytes released.
    fn spill(&mut self, spill_dir: &Path) -> Result<usize, RunError> {
        let batches = self.take_batches()?;
        if batches.is_empty() {
            return Ok(0);
        }
        let io = |path: &Path| {
            let path = path.display().to_string();
            move |source| RunError::Output { path, source }
        };
        if self.spill.is_none() {
            std::fs::create_dir_all(spill_dir).map_err(io(spill_dir))?;
            let name = self
                .path
                .strip_prefix(spill_dir.parent().unwrap_or(spill_dir))
                .unwrap_or(&self.path)
                .to_string_lossy()
                .replace(['/', '\\', '='], "_");
            let path = spill_dir.join(format!("{name}.arrow"));
            let file = File::create(&path).map_err(io(&path))?;
            let writer = arrow::ipc::writer::FileWriter::try_new(
                BufWriter::new(file),
                &self.table.arrow_schema(),
            )
            .map_err(|source| RunError::Arrow {
                table: self.table.name,
                source,
            })?;
            self.spill = Some(Spill { path, writer });
        }
        let spill = self.spill.as_mut().expect("created above");
        for b in &batches {
            spill.writer.write(b).map_err(|source| RunError::Arrow {
                table: self.table.name,
                source,
            })?;
        }
        Ok(std::mem::take(&mut self.bytes))
    }

    /// Write every row of the partition — spilled rows first, then the buffered ones (kept
    /// rows first) — in RecordBatches of `batch_rows` rows, and close the row group (the writer
    /// also closes one at `output.row_group_bytes`). Returns the bytes released.
    fn write_row_group(
        &mut self,
        batch_rows: usize,
        replace: Option<&HashSet<DocId>>,
    ) -> Result<usize, RunError> {
        let arrow_err = |table: &'static str| move |source| RunError::Arrow { table, source };
        let mut wrote = false;
        // Kept rows of the published file first, as a full run would order them.
        if let (Some(live), Some(replace)) = (self.live.take(), replace) {
            self.copy_kept(&live, replace)?;
            for batch in std::mem::take(&mut self.kept) {
                self.write_batch(&batch, batch_rows)?;
                wrote = true;
            }
        }
        if let Some(mut spill) = self.spill.take() {
            spill.writer.finish().map_err(arrow_err(self.table.name))?;
            drop(spill.writer);
            let file = File::open(&spill.path).map_err(|source| RunError::Output {
                path: spill.path.display().to_string(),
                source,
            })?;
            let reader =
                arrow::ipc::reader::FileReader::try_new(std::io::BufReader::new(file), None)
                    .map_err(arrow_err(self.table.name))?;
            for batch in reader {
                let batch = batch.map_err(arrow_err(self.table.name))?;
                self.write_batch(&batch, batch_rows)?;
                wrote = true;
            }
            let _ = std::fs::remove_file(&spill.path);
        }
        let batches = self.take_batches()?;
        for batch in &batches {
            self.write_batch(batch, batch_rows)?;
            wrote = true;
        }
        if !wrote {
            return Ok(0);
        }
        // Closing the row group drops its column writers (and their zstd contexts).
        self.writer.flush().map_err(self.parquet_error())?;
        Ok(std::mem::take(&mut self.bytes))
    }

    fn write_batch(&mut self, batch: &RecordBatch, batch_rows: usize) -> Result<(), RunError> {
        let n = batch.num_rows();
        for offset in (0..n).step_by(batch_rows.max(1)) {
            let slice = batch.slice(offset, batch_rows.min(n - offset));
            self.writer.write(&slice).map_err(self.parquet_error())?;
        }
        Ok(())
    }

    /// Read the rows of a published file whose document is not being replaced into `kept`;
    /// returns the bytes they take.
    fn copy_kept(&mut self, live: &Path, replace: &HashSet<DocId>) -> Result<usize, RunError> {
        let read_err = |source| RunError::Parquet {
            path: live.display().to_string(),
            source,
        };
        let arrow_err = |source| RunError::Arrow {
            table: self.table.name,
            source,
        };
        let file = File::open(live).map_err(|source| RunError::Output {
            path: live.display().to_string(),
            source,
        })?;
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .map_err(read_err)?
            .with_batch_size(8192)
            .build()
            .map_err(read_err)?;
        let id_col = self
            .table
            .columns
            .iter()
            .position(|c| c.name == DOC_ID)
            .expect("every table has doc_id");
        let schema = self.table.arrow_schema();
        let mut bytes = 0;
        for batch in reader {
            let batch = batch.map_err(arrow_err)?;
            let ids = batch.column(id_col).as_string::<i32>();
            let keep: BooleanArray = ids
                .iter()
                .map(|id| {
                    Some(
                        !id.and_then(DocId::parse)
                            .is_some_and(|id| replace.contains(&id)),
                    )
                })
                .collect();
            let batch = filter_record_batch(&batch, &keep).map_err(arrow_err)?;
            if batch.num_rows() == 0 {
                continue;
            }
            // Same columns, stamped with this build's schema (and its field descriptions).
            let batch = RecordBatch::try_new(schema.clone(), batch.columns().to_vec())
                .map_err(arrow_err)?;
            bytes += batch.get_array_memory_size();
            self.kept.push(batch);
        }
        self.bytes += bytes;
        Ok(bytes)
    }
}

/// What the previous dataset is to this run: the run rewrites only the partitions it touches
/// and carries the others over unchanged.
#[derive(Debug, Clone, Default)]
pub struct Base {
    /// Documents whose rows in the published dataset go (changed, deleted, retried, and every
    /// document this run writes).
    pub replace: HashSet<DocId>,
    /// Months where a replaced document had rows: rewritten even if nothing new lands there.
    pub dirty_months: HashSet<String>,
    /// A replaced document had an `errors` row.
    pub errors_dirty: bool,
}

type PartKey = (&'static str, String);

/// Brings a partition file of the previous dataset that is not on local disk to `dest` before
/// the sink reads it: `(table, partition, dest)`, partition `""` for an unpartitioned table.
/// Called once for every partition a run writes into, whether or not the previous dataset has
/// it (then it leaves `dest` absent). A sharded run on a lake keeps only its manifest locally
/// and fetches the few partitions its changes touch ([`crate::pipeline::shards`]).
#[derive(Clone)]
#[allow(clippy::type_complexity)]
pub struct FetchPartition(
    pub Arc<dyn Fn(&'static Table, &str, &Path) -> Result<(), RunError> + Send + Sync>,
);

impl std::fmt::Debug for FetchPartition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FetchPartition")
    }
}

/// Where spilled rows wait, inside the staging directory (removed before publishing).
const SPILL_DIR: &str = ".spill";

/// The writer of one run.
pub struct Sink {
    final_root: PathBuf,
    staging: PathBuf,
    props: WriterProperties,
    batch_rows: usize,
    partition_by: Partitioning,
    max_buffered_bytes: usize,
    /// Bytes buffered in all parts.
    buffered_bytes: usize,
    parts: BTreeMap<PartKey, Part>,
    base: Option<Base>,
    /// Where partitions of the previous dataset come from when they are not local.
    fetch: Option<FetchPartition>,
    stamp: RunStamp,
    early_flushes: u64,
    keep_snapshots: usize,
    /// The dataset files of the published dataset (relative to the output, `/`-separated), as
    /// its snapshot lists them: what newsetl wrote. `None` for an output without a snapshot
    /// (an older newsetl's): then the file names decide ([`is_dataset_file`]).
    owned: Option<HashSet<String>>,
    /// Set once the tables are exchanged; until then, dropping the sink removes its staging.
    published: bool,
    /// The dataset files staged for publishing (`(table, partition)`), before foreign files
    /// are carried in: what the snapshot links.
    staged: Vec<(&'static Table, String)>,
}

impl Drop for Sink {
    fn drop(&mut self) {
        if !self.published {
            // A run that fails before publishing leaves no staging behind (best effort: the
            // next run removes it otherwise).
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// What a finished run wrote.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Written {
    /// Files written by this run.
    pub files: usize,
    /// Published files carried over unchanged (hard-linked) from the previous dataset.
    pub files_kept: usize,
    /// Rows in the published dataset, per table.
    pub rows: BTreeMap<&'static str, u64>,
    /// Bytes of the files this run wrote.
    pub bytes: u64,
    /// Times rows were spilled to the staging directory because of the memory bound (the name
    /// is kept from when they were written as early row groups).
    pub early_flushes: u64,
    /// Files in the table directories that newsetl did not write, carried over untouched
    /// (relative to the output).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub foreign_files: Vec<String>,
    /// This run's snapshot of every table, relative to the output (`_snapshots/<run_id>`).
    pub snapshot: Option<String>,
    /// What went wrong after the tables were published (the run still exits as it would).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Sink {
    /// Prepare a staging directory inside `output` (created if needed). With a `base`, the
    /// published dataset in `output` is the previous state this run builds on.
    pub fn create(
        output: &Path,
        cfg: &OutputConfig,
        stamp: RunStamp,
        base: Option<Base>,
    ) -> Result<Sink, RunError> {
        let io = |source| RunError::Output {
            path: output.display().to_string(),
            source,
        };
        std::fs::create_dir_all(output).map_err(io)?;
        let staging = output.join(format!(".staging-{}", stamp.run_id));
        std::fs::create_dir_all(&staging).map_err(io)?;
        let kv = vec![
            KeyValue::new(
                "newsetl.version".into(),
                env!("CARGO_PKG_VERSION").to_string(),
            ),
            KeyValue::new(
                "newsetl.schema_version".into(),
                schema::SCHEMA_VERSION.to_string(),
            ),
            KeyValue::new("newsetl.config_hash".into(), stamp.config_hash.clone()),
            KeyValue::new("newsetl.run_id".into(), stamp.run_id.clone()),
        ];
        let mut props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(
                ZstdLevel::try_new(cfg.zstd_level).unwrap_or_default(),
            ))
            .set_max_row_group_bytes(Some(cfg.row_group_bytes))
            .set_statistics_enabled(EnabledStatistics::Page)
            .set_dictionary_enabled(false);
        for c in schema::TABLES.iter().flat_map(|t| t.columns) {
            if schema::DICTIONARY_COLUMNS.contains(&c.name) {
                props = props.set_column_dictionary_enabled(c.parquet_leaf(), true);
            }
        }
        let props = props
            .set_created_by(format!("newsetl {}", env!("CARGO_PKG_VERSION")))
            .set_key_value_metadata(Some(kv))
            .build();
        Ok(Sink {
            final_root: output.to_path_buf(),
            staging,
            props,
            batch_rows: cfg.batch_rows,
            partition_by: cfg.partition_by,
            max_buffered_bytes: cfg.max_buffered_bytes,
            buffered_bytes: 0,
            parts: BTreeMap::new(),
            base,
            fetch: None,
            early_flushes: 0,
            keep_snapshots: cfg.keep_snapshots,
            owned: snapshot_files(output),
            published: false,
            staged: Vec::new(),
            stamp,
        })
    }

    /// Fetch partitions of the previous dataset that are not on local disk with `fetch` (see
    /// [`FetchPartition`]) instead of finding them in the output directory.
    pub fn with_fetch(mut self, fetch: FetchPartition) -> Sink {
        self.fetch = Some(fetch);
        self
    }

    /// The partitions of table `t` in the published dataset that newsetl wrote.
    fn live(&self, t: &Table) -> Vec<String> {
        let mut found = live_partitions(&self.final_root, t, self.partition_by);
        if let Some(owned) = &self.owned {
            found.retain(|p| owned.contains(&rel_file(t, p, self.partition_by)));
        }
        found
    }

    /// `<root>/<table>[/month=<p>]/part-00000.parquet`.
    fn file_in(root: &Path, table: &Table, partition: &str, by: Partitioning) -> PathBuf {
        let mut dir = root.join(table.name);
        if !partition.is_empty() {
            assert!(
                is_safe_partition_value(partition),
                "partition value {partition:?} is not a safe directory name"
            );
            dir = dir.join(format!("{}={partition}", by.column()));
        }
        dir.join(PART_FILE)
    }

    fn part(&mut self, table: &'static Table, partition: &str) -> Result<&mut Part, RunError> {
        let key = (table.name, partition.to_string());
        if !self.parts.contains_key(&key) {
            let path = Self::file_in(&self.staging, table, partition, self.partition_by);
            let dir = path.parent().expect("file has a directory");
            std::fs::create_dir_all(dir).map_err(|source| RunError::Output {
                path: dir.display().to_string(),
                source,
            })?;
            let file = File::create(&path).map_err(|source| RunError::Output {
                path: path.display().to_string(),
                source,
            })?;
            let writer = ArrowWriter::try_new(
                BufWriter::new(file),
                table.arrow_schema(),
                Some(self.props.clone()),
            )
            .map_err(|source| RunError::Parquet {
                path: path.display().to_string(),
                source,
            })?;
            let cols = table
                .columns
                .iter()
                .map(|c| ColBuilder::new(c.ty))
                .collect();
            let mut part = Part {
                table,
                kept: Vec::new(),
                cols,
                rows: 0,
                bytes: 0,
                writer,
                path,
                live: None,
                spill: None,
            };
            // A partition this run writes into keeps the previous rows of the documents it
            // does not replace (read when the partition is written).
            if self.base.is_some() {
                let live = Self::file_in(&self.final_root, table, partition, self.partition_by);
                if let Some(fetch) = &self.fetch
                    && !live.exists()
                {
                    (fetch.0)(table, partition, &live)?;
                }
                let ours = self
                    .owned
                    .as_ref()
                    .is_none_or(|o| o.contains(&rel_file(table, partition, self.partition_by)));
                if ours && live.exists() {
                    part.live = Some(live);
                }
            }
            self.parts.insert(key.clone(), part);
        }
        Ok(self.parts.get_mut(&key).expect("inserted above"))
    }

    fn push(
        &mut self,
        table: &'static Table,
        partition: Option<&str>,
        cells: &[Cell],
    ) -> Result<(), RunError> {
        let part = self.part(table, partition.unwrap_or(""))?;
        self.buffered_bytes += part.push(cells);
        if self.buffered_bytes > self.max_buffered_bytes {
            self.shed_memory()?;
        }
        Ok(())
    }

    /// Keep rows not yet on disk under `output.max_buffered_bytes`: spill the partitions that
    /// hold the most to their spill files until half the budget is free. Spilling writes
    /// uncompressed Arrow IPC, so the partitions' Parquet files still get their rows in a few
    /// large row groups at the end (one per `output.row_group_bytes`).
    fn shed_memory(&mut self) -> Result<(), RunError> {
        let mut sizes: Vec<(usize, PartKey)> = self
            .parts
            .iter()
            .map(|(k, p)| (p.bytes, k.clone()))
            .collect();
        sizes.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
        let spill_dir = self.staging.join(SPILL_DIR);
        for (_, key) in sizes {
            if self.buffered_bytes <= self.max_buffered_bytes / 2 {
                break;
            }
            let part = self.parts.get_mut(&key).expect("listed above");
            self.buffered_bytes -= part.spill(&spill_dir)?;
            self.early_flushes += 1;
        }
        crate::memory::release_free_memory();
        Ok(())
    }

    pub fn write_article(&mut self, a: &Article) -> Result<(), RunError> {
        let partition = a.partition(self.partition_by);
        let m = Some(partition.as_str());
        let ts = a.published_at.map(|t| t.timestamp_micros());
        let modified = a.modified_at.map(|t| t.timestamp_micros());
        let fetched = a.fetched_at.map(|t| t.timestamp_micros());
        let day = a.published_date.map(|d| {
            (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days() as i32
        });
        let content_hash = a.content_hash.to_string();
        // In the order of schema::ARTICLES.
        let row = [
            Cell::Str(Some(&a.doc_id)),
            Cell::Str(Some(&a.source_path)),
            s(&a.title),
            Cell::List(&a.categories),
            s(&a.section),
            s(&a.site),
            s(&a.feed),
            s(&a.author),
            Cell::Ts(ts),
            Cell::Date(day),
            Cell::Str(a.date_precision),
            Cell::Str(a.date_source),
            s(&a.date_raw),
            Cell::Str(Some(a.date_status)),
            s(&a.date_zone),
            Cell::Ts(modified),
            Cell::Ts(fetched),
            s(&a.headimg),
            s(&a.thumbnail),
            s(&a.editor),
            s(&a.original_title),
            Cell::Str(Some(&a.body_text)),
            Cell::Int(a.blocks.len() as i64),
            Cell::Int(a.images.len() as i64),
            Cell::Str(Some(a.speech.kind.as_str())),
            Cell::Int(a.speech.turns.len() as i64),
            Cell::Int(a.speech.pairs.len() as i64),
            Cell::Int(a.speech.quotes.len() as i64),
            s(&a.speech.origin_url),
            Cell::Str(Some(&a.encoding)),
            Cell::Str(Some(a.encoding_source)),
            s(&a.encoding_declared),
            Cell::Str(Some(a.body_format)),
            s(&a.url),
            s(&a.site_name),
            s(&a.description),
            s(&a.language),
            Cell::List(&a.keywords),
            Cell::Str(Some(a.front_matter_status)),
            s(&a.front_matter_error),
            Cell::Str(Some(&a.front_matter_extra)),
            Cell::Int(a.size_bytes as i64),
            Cell::Str(Some(&content_hash)),
            Cell::Str(Some(&a.config_hash)),
            Cell::Str(Some(a.newsetl_version)),
        ];
        self.push(&ARTICLES, m, &row)?;
        for (seq, b) in a.blocks.iter().enumerate() {
            let row = [
                Cell::Str(Some(&a.doc_id)),
                Cell::Int(seq as i64),
                Cell::Str(Some(b.kind.as_str())),
                Cell::Str(Some(&b.text)),
            ];
            self.push(&PARAGRAPHS, m, &row)?;
        }
        for (seq, img) in a.images.iter().enumerate() {
            let row = [
                Cell::Str(Some(&a.doc_id)),
                Cell::Int(seq as i64),
                Cell::Str(Some(&img.src)),
                s(&img.alt),
                s(&img.caption),
            ];
            self.push(&IMAGES, m, &row)?;
        }
        let seq = |v: Option<usize>| Cell::OptInt(v.map(|x| x as i64));
        for (i, t) in a.speech.turns.iter().enumerate() {
            let row = [
                Cell::Str(Some(&a.doc_id)),
                Cell::Int(i as i64),
                Cell::Str(Some(t.role.as_str())),
                s(&t.speaker),
                s(&t.speaker_title),
                s(&t.speaker_org),
                Cell::Str(t.speaker_type.map(|k| k.as_str())),
                Cell::Str(Some(&t.cue)),
                Cell::Str(Some(&t.text)),
                seq(t.first_seq),
                seq(t.last_seq),
            ];
            self.push(&TURNS, m, &row)?;
        }
        for (i, p) in a.speech.pairs.iter().enumerate() {
            let row = [
                Cell::Str(Some(&a.doc_id)),
                Cell::Int(i as i64),
                s(&p.questioner),
                s(&p.questioner_org),
                Cell::Str(Some(&p.question)),
                s(&p.answerer),
                s(&p.answerer_title),
                Cell::Str(Some(&p.answer)),
                Cell::Int(p.question_turn as i64),
                Cell::Int(p.answer_turn as i64),
            ];
            self.push(&QA_PAIRS, m, &row)?;
        }
        for (i, q) in a.speech.quotes.iter().enumerate() {
            let row = [
                Cell::Str(Some(&a.doc_id)),
                Cell::Int(i as i64),
                Cell::Str(Some(q.kind.as_str())),
                Cell::Str(Some(&q.speaker)),
                s(&q.speaker_title),
                s(&q.speaker_org),
                Cell::Str(Some(q.speaker_type.as_str())),
                Cell::Str(Some(&q.cue)),
                Cell::Str(Some(&q.quote)),
                Cell::Str(Some(q.source.as_str())),
                seq(q.seq),
            ];
            self.push(&QUOTES, m, &row)?;
        }
        Ok(())
    }

    pub fn write_error(&mut self, e: &ErrorRow) -> Result<(), RunError> {
        let content_hash = e.content_hash.map(|h| h.to_string());
        let row = [
            Cell::Str(Some(&e.doc_id)),
            Cell::Str(Some(&e.source_path)),
            Cell::Str(Some(e.error.stage.as_str())),
            Cell::Str(Some(e.error.kind.as_str())),
            Cell::Str(Some(&e.error.message)),
            s(&content_hash),
            Cell::Str(Some(&e.config_hash)),
        ];
        self.push(&ERRORS, None, &row)
    }

    /// Carry the previous dataset's partitions into staging: partitions this run has not
    /// written to are hard-linked when nothing in them is replaced, else rewritten without the
    /// replaced documents' rows (and dropped if nothing remains).
    fn carry_over(&mut self) -> Result<(usize, Vec<PartKey>), RunError> {
        let Some(base) = &self.base else {
            return Ok((0, Vec::new()));
        };
        // Decide first (borrowing `base`), then act (opening a part needs `self` mutably).
        let mut untouched = Vec::new();
        for t in schema::TABLES {
            let mut partitions = self.live(t);
            if self.fetch.is_some() {
                // Partitions not on local disk that lose rows are fetched when opened.
                if t.partitioned {
                    partitions.extend(base.dirty_months.iter().cloned());
                } else if base.errors_dirty {
                    partitions.push(String::new());
                }
                partitions.sort();
                partitions.dedup();
            }
            for partition in partitions {
                if self.parts.contains_key(&(t.name, partition.clone())) {
                    continue;
                }
                let dirty = if t.partitioned {
                    base.dirty_months.contains(&partition)
                } else {
                    base.errors_dirty
                };
                untouched.push((t, partition, dirty));
            }
        }
        let mut linked = 0;
        let mut merged = Vec::new();
        for (t, partition, dirty) in untouched {
            if dirty {
                self.part(t, &partition)?;
                merged.push((t.name, partition));
                continue;
            }
            let from = Self::file_in(&self.final_root, t, &partition, self.partition_by);
            let to = Self::file_in(&self.staging, t, &partition, self.partition_by);
            let dir = to.parent().expect("file has a directory");
            let io = |source| RunError::Output {
                path: to.display().to_string(),
                source,
            };
            std::fs::create_dir_all(dir).map_err(io)?;
            // Published files are never modified in place, so sharing the inode is safe.
            if std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to).map_err(io)?;
            }
            linked += 1;
        }
        Ok((linked, merged))
    }

    /// Close every file, carry over what this run did not touch, make sure every table exists
    /// (an empty table gets one empty file so that readers still find its schema), and publish
    /// the tables, their snapshot and the manifest.
    pub fn finish(mut self, manifest: &Manifest) -> Result<Written, RunError> {
        let (files_kept, merged) = self.carry_over()?;
        let mut written = Written {
            files_kept,
            early_flushes: self.early_flushes,
            ..Written::default()
        };
        // Files are independent: their last row groups are encoded and closed, and the files
        // synced, in parallel.
        let batch_rows = self.batch_rows;
        let replace = self.base.as_ref().map(|b| &b.replace);
        let closed = std::mem::take(&mut self.parts)
            .into_par_iter()
            .map(|(key, mut part)| {
                part.write_row_group(batch_rows, replace)?;
                let path = part.path.display().to_string();
                let meta = part
                    .writer
                    .close()
                    .map_err(|source| RunError::Parquet { path, source })?;
                durable::sync_file(&part.path).map_err(|source| RunError::Output {
                    path: part.path.display().to_string(),
                    source,
                })?;
                Ok((key, part.table, part.path, meta.file_metadata().num_rows()))
            })
            .collect::<Result<Vec<_>, RunError>>()?;
        let _ = std::fs::remove_dir_all(self.staging.join(SPILL_DIR));
        for (key, table, path, rows) in closed {
            if rows == 0 && merged.contains(&key) {
                // Every row of this partition was replaced: it is gone (only this run's file
                // is in the staged directory).
                let gone = std::fs::remove_file(&path).and_then(|()| {
                    if table.partitioned {
                        std::fs::remove_dir(path.parent().expect("file has a directory"))
                    } else {
                        Ok(())
                    }
                });
                gone.map_err(|source| RunError::Output {
                    path: path.display().to_string(),
                    source,
                })?;
                continue;
            }
            written.files += 1;
            written.bytes += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        }
        // Staging now holds every file of the new dataset (written and carried over). An empty
        // table's placeholder file is not a partition the run wrote into: nothing is fetched.
        self.fetch = None;
        for t in schema::TABLES {
            if live_partitions(&self.staging, t, self.partition_by).is_empty() {
                let partition = if t.partitioned { UNDATED } else { "" };
                let part = self.part(t, partition)?;
                let path = part.path.clone();
                let part = self
                    .parts
                    .remove(&(t.name, partition.to_string()))
                    .expect("just opened");
                part.writer.close().map_err(|source| RunError::Parquet {
                    path: path.display().to_string(),
                    source,
                })?;
                durable::sync_file(&path).map_err(|source| RunError::Output {
                    path: path.display().to_string(),
                    source,
                })?;
                written.files += 1;
                written.bytes += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            }
        }
        self.staged = schema::TABLES
            .iter()
            .flat_map(|t| {
                live_partitions(&self.staging, t, self.partition_by)
                    .into_iter()
                    .map(move |p| (*t, p))
            })
            .collect();
        written.foreign_files = self.carry_foreign()?;
        self.write_manifest(manifest)?;
        self.publish(&mut written.warnings)?;
        let snapshot = self.final_root.join(SNAPSHOTS_DIR).join(&self.stamp.run_id);
        written.snapshot = Some(format!("{SNAPSHOTS_DIR}/{}", self.stamp.run_id));
        written.rows = count_rows(&snapshot, self.partition_by, &mut written.warnings);
        Ok(written)
    }

    /// Carry every entry of the published tables that newsetl did not write (a user's notes, a
    /// stray CSV, a backup folder, a symbolic link) into the staged tables at the same place,
    /// so that the exchange keeps it: newsetl never removes what it did not create. Returns
    /// their paths, relative to the output.
    ///
    /// Errors: a foreign entry where this run publishes a file or a directory of its own
    /// ([`RunError::ForeignConflict`]): nothing is published.
    fn carry_foreign(&self) -> Result<Vec<String>, RunError> {
        let mut foreign = Vec::new();
        for t in schema::TABLES {
            let live = self.final_root.join(t.name);
            if !live.is_dir() {
                continue;
            }
            let mut walk = walkdir::WalkDir::new(&live)
                .min_depth(1)
                .sort_by_file_name()
                .into_iter();
            while let Some(entry) = walk.next() {
                let entry = entry.map_err(|e| RunError::Output {
                    path: live.display().to_string(),
                    source: e.into(),
                })?;
                let rel = entry.path().strip_prefix(&live).expect("below the table");
                let rel_out = format!("{}/{}", t.name, rel.to_string_lossy());
                let ours = match &self.owned {
                    Some(owned) => owned.contains(&rel_out),
                    None => is_dataset_file(rel),
                };
                let to = self.staging.join(t.name).join(rel);
                let io = |source| RunError::Output {
                    path: to.display().to_string(),
                    source,
                };
                let ft = entry.file_type();
                if ft.is_dir() {
                    // A directory of partition files of ours: look inside; any other directory
                    // (a backup, an empty folder) is carried with all it holds.
                    let partition_dir = rel.components().count() == 1
                        && rel.to_str().is_some_and(|n| {
                            n.split_once('=').is_some_and(|(k, v)| {
                                matches!(k, "month" | "year") && is_safe_partition_value(v)
                            })
                        });
                    if partition_dir {
                        continue;
                    }
                    walk.skip_current_dir();
                    if to.exists() {
                        return Err(RunError::ForeignConflict {
                            path: entry.path().display().to_string(),
                        });
                    }
                    copy_tree(entry.path(), &to).map_err(io)?;
                    foreign.push(rel_out);
                    continue;
                }
                if ours {
                    continue;
                }
                if to.symlink_metadata().is_ok() {
                    return Err(RunError::ForeignConflict {
                        path: entry.path().display().to_string(),
                    });
                }
                std::fs::create_dir_all(to.parent().expect("a file in a directory")).map_err(io)?;
                link_or_copy(entry.path(), &to).map_err(io)?;
                foreign.push(rel_out);
            }
        }
        Ok(foreign)
    }

    fn write_manifest(&self, manifest: &Manifest) -> Result<(), RunError> {
        save_manifest(&self.staging.join(STATE_DIR).join(MANIFEST_FILE), manifest)
    }

    /// Make the staged dataset the published one. In order, each step durable before the next:
    /// 1. every staged directory is synced (the files were synced when closed);
    /// 2. the run's snapshot `_snapshots/<run_id>/` is made: hard links to every staged table
    ///    file (readers that need all tables of one run read there);
    /// 3. the publishing marker is written; each table directory is exchanged with its published
    ///    one in one atomic rename (a reader of a table sees the old or the new files, never
    ///    neither); the manifest is renamed in; `_snapshots/LATEST` names this run; the marker
    ///    is removed. A run that dies between two exchanges leaves the marker, and the next run
    ///    rebuilds everything;
    /// 4. snapshots beyond `output.keep_snapshots` are removed, then the replaced tables.
    fn publish(&mut self, warnings: &mut Vec<String>) -> Result<(), RunError> {
        let state = self.final_root.join(STATE_DIR);
        let marker = state.join(PUBLISHING_MARKER);
        let io = |path: &Path| {
            let path = path.display().to_string();
            move |source| RunError::Output { path, source }
        };
        durable::sync_dirs(&self.staging).map_err(io(&self.staging))?;
        self.snapshot()
            .map_err(io(&self.final_root.join(SNAPSHOTS_DIR)))?;
        std::fs::create_dir_all(&state).map_err(io(&state))?;
        std::fs::write(&marker, &self.stamp.run_id).map_err(io(&marker))?;
        durable::sync_file(&marker).map_err(io(&marker))?;
        durable::sync_dir(&state).map_err(io(&state))?;
        let abort_after = abort_after_exchanges();
        for (n, t) in schema::TABLES.iter().enumerate() {
            let live = self.final_root.join(t.name);
            let staged = self.staging.join(t.name);
            exchange_or_rename(&staged, &live).map_err(io(&live))?;
            if abort_after == Some(n + 1) {
                // A crash between two exchanges, on request (tests/safety.rs).
                std::process::abort();
            }
        }
        durable::sync_dir(&self.final_root).map_err(io(&self.final_root))?;
        // The tables are published: from here on a failure is a warning, not "nothing was
        // published". The manifest and the marker still decide the next run (a missing
        // manifest rename or a marker left behind makes it full).
        self.published = true;
        let mut warn = |what: &str, e: std::io::Error| warnings.push(format!("{what}: {e}"));
        let manifest = state.join(MANIFEST_FILE);
        if let Err(e) =
            durable::rename(&self.staging.join(STATE_DIR).join(MANIFEST_FILE), &manifest)
        {
            warn(
                "the manifest was not updated (the next run will be full)",
                e,
            );
            return Ok(());
        }
        let snapshots = self.final_root.join(SNAPSHOTS_DIR);
        let latest_tmp = snapshots.join(format!(".{LATEST_SNAPSHOT}.tmp"));
        let latest = std::fs::write(&latest_tmp, format!("{}\n", self.stamp.run_id))
            .and_then(|()| durable::sync_file(&latest_tmp))
            .and_then(|()| durable::rename(&latest_tmp, &snapshots.join(LATEST_SNAPSHOT)));
        if let Err(e) = latest {
            warn(
                "_snapshots/LATEST was not updated (it names the previous snapshot)",
                e,
            );
        }
        if let Err(e) = std::fs::remove_file(&marker).and_then(|()| durable::sync_dir(&state)) {
            warn(
                "the publishing marker was not removed (the next run will be full)",
                e,
            );
        }
        if let Err(e) = prune_snapshots(&self.final_root, self.keep_snapshots) {
            warn("old snapshots were not removed", e);
        }
        // The staging directory now holds the replaced tables: every file in them is either
        // this run's (written or linked), or linked into the new tables (foreign files).
        if let Err(e) = std::fs::remove_dir_all(&self.staging) {
            warn(
                "the replaced tables were not removed (the next run removes them)",
                e,
            );
        }
        Ok(())
    }

    /// `_snapshots/<run_id>/<table>/…`: a hard link to every dataset file of the staged tables,
    /// made under a temporary name and renamed into place when complete.
    fn snapshot(&self) -> std::io::Result<()> {
        let snapshots = self.final_root.join(SNAPSHOTS_DIR);
        let tmp = snapshots.join(format!(".tmp-{}", self.stamp.run_id));
        let done = snapshots.join(&self.stamp.run_id);
        std::fs::create_dir_all(&tmp)?;
        for (t, partition) in &self.staged {
            let from = Self::file_in(&self.staging, t, partition, self.partition_by);
            let to = Self::file_in(&tmp, t, partition, self.partition_by);
            std::fs::create_dir_all(to.parent().expect("a file in a directory"))?;
            if std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to)?;
                durable::sync_file(&to)?;
            }
        }
        durable::sync_dirs(&tmp)?;
        if done.exists() {
            // Left by a run with this id that died after making it: same run, same files.
            std::fs::remove_dir_all(&done)?;
        }
        durable::rename(&tmp, &done)
    }
}

/// Test hook: `NEWSETL_ABORT_AFTER_EXCHANGES=N` makes a run abort right after its N-th table
/// exchange, the moment a power loss or a kill is hardest on a publish. Read once per publish.
fn abort_after_exchanges() -> Option<usize> {
    std::env::var("NEWSETL_ABORT_AFTER_EXCHANGES")
        .ok()
        .and_then(|v| v.parse().ok())
}

/// `<output>/_snapshots/`: one directory per published run, `<run_id>/<table>/…`, holding hard
/// links to the files of every table as that run published them.
pub const SNAPSHOTS_DIR: &str = "_snapshots";
/// `<output>/_snapshots/LATEST`: the run id of the newest complete snapshot.
pub const LATEST_SNAPSHOT: &str = "LATEST";

/// Whether `rel` (relative to a table directory) is named like a file of the dataset that
/// newsetl writes: `part-00000.parquet`, alone or in a `month=YYYY-MM` / `year=YYYY` /
/// `…=undated` directory. Used only for outputs without a snapshot to tell (older versions).
fn is_dataset_file(rel: &Path) -> bool {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let partition_value = |v: &str| {
        v == UNDATED
            || (v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()))
            || (v.len() == 7
                && v.as_bytes()[4] == b'-'
                && v.bytes()
                    .enumerate()
                    .all(|(i, b)| i == 4 || b.is_ascii_digit()))
    };
    match parts.as_slice() {
        [file] => *file == PART_FILE,
        [dir, file] => {
            *file == PART_FILE
                && [Partitioning::Month, Partitioning::Year].iter().any(|p| {
                    dir.strip_prefix(p.column())
                        .and_then(|d| d.strip_prefix('='))
                        .is_some_and(partition_value)
                })
        }
        _ => false,
    }
}

/// `<table>/[<col>=<p>/]part-00000.parquet`, relative to the output, `/`-separated.
fn rel_file(t: &Table, partition: &str, by: Partitioning) -> String {
    if partition.is_empty() {
        format!("{}/{PART_FILE}", t.name)
    } else {
        format!("{}/{}={partition}/{PART_FILE}", t.name, by.column())
    }
}

/// Every file of the newest complete snapshot, relative to the snapshot (`articles/month=…/…`).
fn snapshot_files(output: &Path) -> Option<HashSet<String>> {
    let id = latest_snapshot(output)?;
    let dir = output.join(SNAPSHOTS_DIR).join(id);
    let files = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&dir).ok()?;
            Some(
                rel.iter()
                    .map(|c| c.to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            )
        })
        .collect();
    Some(files)
}

/// A hard link to `from` at `to` (a symbolic link is recreated as one); a copy where links
/// cannot be made.
fn link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(from)?.file_type().is_symlink() {
        #[cfg(unix)]
        return std::os::unix::fs::symlink(std::fs::read_link(from)?, to);
    }
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to)?;
    }
    Ok(())
}

/// [`link_or_copy`] of a whole directory tree (symbolic links not followed).
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for e in walkdir::WalkDir::new(from) {
        let e = e?;
        let dest = to.join(e.path().strip_prefix(from).expect("below the root"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else {
            std::fs::create_dir_all(dest.parent().expect("a file in a directory"))?;
            link_or_copy(e.path(), &dest)?;
        }
    }
    Ok(())
}

/// The run id of the newest complete snapshot of `output`, if any.
pub fn latest_snapshot(output: &Path) -> Option<String> {
    snapshot_named_by_latest(output).ok()
}

/// What `_snapshots/LATEST` names, checked: a run id whose snapshot is a real directory (not a
/// symbolic link). The error says what is wrong, for `newsetl snapshot`.
pub fn snapshot_named_by_latest(output: &Path) -> Result<String, String> {
    let latest = output.join(SNAPSHOTS_DIR).join(LATEST_SNAPSHOT);
    let id = std::fs::read_to_string(&latest).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "{} has no published snapshot (not a newsetl output, or no run has published yet)",
                output.display()
            )
        } else {
            format!("cannot read {}: {e}", latest.display())
        }
    })?;
    let id = id.trim();
    if !crate::store::state::is_run_id(id) {
        return Err(format!(
            "{} names {id:?}, which is not a run id: the file was changed by hand; the next run rewrites it",
            latest.display()
        ));
    }
    let dir = output.join(SNAPSHOTS_DIR).join(id);
    match std::fs::symlink_metadata(&dir) {
        Ok(m) if m.is_dir() => Ok(id.to_string()),
        Ok(_) => Err(format!("{} is not a directory newsetl made", dir.display())),
        Err(_) => Err(format!(
            "{} names the snapshot {id}, which is gone",
            latest.display()
        )),
    }
}

/// Remove snapshot directories other than the `keep` newest complete ones (the one `LATEST`
/// names always among them), and unfinished ones. Only directories named like run ids (or
/// `.tmp-<run id>`) are touched.
pub fn prune_snapshots(output: &Path, keep: usize) -> std::io::Result<()> {
    let dir = output.join(SNAPSHOTS_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(());
    };
    let latest = latest_snapshot(output);
    let mut complete = Vec::new();
    for e in entries.filter_map(Result::ok) {
        let Ok(name) = e.file_name().into_string() else {
            continue;
        };
        if !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        if let Some(id) = name.strip_prefix(".tmp-") {
            if crate::store::state::is_run_id(id) {
                std::fs::remove_dir_all(e.path())?;
            }
        } else if crate::store::state::is_run_id(&name) {
            complete.push(name);
        }
    }
    // Run ids sort by time; a snapshot newer than LATEST is from a run that died mid-publish.
    complete.sort();
    if let Some(latest) = &latest {
        let (keep_ids, drop_ids): (Vec<String>, Vec<String>) =
            complete.into_iter().partition(|id| id <= latest);
        for id in drop_ids {
            std::fs::remove_dir_all(dir.join(id))?;
        }
        complete = keep_ids;
    }
    let excess = complete.len().saturating_sub(keep.max(1));
    for id in &complete[..excess] {
        std::fs::remove_dir_all(dir.join(id))?;
    }
    durable::sync_dir(&dir)
}

/// Move `staged` to `live`. When `live` exists the two are exchanged atomically (Linux
/// `renameat2(RENAME_EXCHANGE)`), leaving the old directory at `staged`; elsewhere, or on a
/// file system without exchange, the old one is first moved aside.
fn exchange_or_rename(staged: &Path, live: &Path) -> std::io::Result<()> {
    if !live.exists() {
        return std::fs::rename(staged, live);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staged, CWD, live, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    let aside = staged.with_extension("old");
    std::fs::rename(live, &aside)?;
    std::fs::rename(staged, live)?;
    std::fs::rename(&aside, staged)
}

/// The partitions of a table under `root` (`""` for an unpartitioned table's one file).
fn live_partitions(root: &Path, t: &Table, by: Partitioning) -> Vec<String> {
    let dir = root.join(t.name);
    if !t.partitioned {
        return if dir.join(PART_FILE).exists() {
            vec![String::new()]
        } else {
            Vec::new()
        };
    }
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let prefix = format!("{}=", by.column());
    let mut found: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let value = name.strip_prefix(&prefix)?.to_string();
            (is_safe_partition_value(&value) && e.path().join(PART_FILE).exists()).then_some(value)
        })
        .collect();
    found.sort();
    found
}

/// Rows per table of the dataset under `root` (a snapshot: exactly the files newsetl
/// published), from the files' footers. A file that cannot be read is reported in `warnings`
/// and not counted: the count is a report, not a reason to fail a run that has published.
pub fn count_rows(
    root: &Path,
    by: Partitioning,
    warnings: &mut Vec<String>,
) -> BTreeMap<&'static str, u64> {
    let mut rows = BTreeMap::new();
    for t in schema::TABLES {
        let mut n = 0;
        for partition in live_partitions(root, t, by) {
            let path = Sink::file_in(root, t, &partition, by);
            let counted = File::open(&path)
                .map_err(|e| e.to_string())
                .and_then(|f| SerializedFileReader::new(f).map_err(|e| e.to_string()))
                .map(|r| r.metadata().file_metadata().num_rows() as u64);
            match counted {
                Ok(k) => n += k,
                Err(e) => warnings.push(format!("rows of {} not counted: {e}", path.display())),
            }
        }
        rows.insert(t.name, n);
    }
    rows
}

/// The `doc_id`s of the published articles, read from the `articles` files (of the newest
/// snapshot when there is one): what a run is about to replace, when the manifest that says so
/// cannot be read. Unreadable files are skipped.
pub fn published_article_ids(output: &Path, by: Partitioning) -> HashSet<DocId> {
    let root = match latest_snapshot(output) {
        Some(id) => output.join(SNAPSHOTS_DIR).join(id),
        None => output.to_path_buf(),
    };
    let mut ids = HashSet::new();
    for partition in live_partitions(&root, &ARTICLES, by) {
        let path = Sink::file_in(&root, &ARTICLES, &partition, by);
        let Ok(file) = File::open(&path) else {
            continue;
        };
        let Ok(builder) = ParquetRecordBatchReaderBuilder::try_new(file) else {
            continue;
        };
        let mask = parquet::arrow::ProjectionMask::columns(builder.parquet_schema(), [DOC_ID]);
        let Ok(reader) = builder.with_projection(mask).build() else {
            continue;
        };
        for batch in reader.flatten() {
            let col = batch.column(0).as_string::<i32>();
            ids.extend(col.iter().flatten().filter_map(DocId::parse));
        }
    }
    ids
}

/// Snapshots newer than the one `_snapshots/LATEST` names were made by runs that died before
/// publishing: remove them (and unfinished `.tmp-` ones), so that pruning never counts them
/// against the snapshots readers may be on. Only names that are run ids are touched.
pub fn remove_orphan_snapshots(output: &Path) -> std::io::Result<()> {
    let dir = output.join(SNAPSHOTS_DIR);
    let Some(latest) = latest_snapshot(output) else {
        return Ok(());
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(());
    };
    for e in entries.filter_map(Result::ok) {
        let Ok(name) = e.file_name().into_string() else {
            continue;
        };
        let id = name.strip_prefix(".tmp-").unwrap_or(&name);
        let orphan = crate::store::state::is_run_id(id)
            && (name.starts_with(".tmp-") || *id > *latest.as_str());
        if orphan && e.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(e.path())?;
        }
    }
    Ok(())
}

/// Replace the manifest alone (a run that re-extracted nothing but saw new mtimes).
pub fn write_manifest_only(output: &Path, manifest: &Manifest) -> Result<(), RunError> {
    let dir = output.join(STATE_DIR);
    let tmp = dir.join(format!("{MANIFEST_FILE}.tmp"));
    save_manifest(&tmp, manifest)?;
    durable::rename(&tmp, &dir.join(MANIFEST_FILE)).map_err(|source| RunError::Output {
        path: tmp.display().to_string(),
        source,
    })
}

/// Write `manifest` as JSON to `path` (its directory created), streamed, and sync it.
fn save_manifest(path: &Path, manifest: &Manifest) -> Result<(), RunError> {
    let io = |source| RunError::Output {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(path.parent().expect("a file in a directory")).map_err(io)?;
    let mut w = BufWriter::new(File::create(path).map_err(io)?);
    serde_json::to_writer(&mut w, manifest).map_err(|e| io(e.into()))?;
    w.flush().map_err(io)?;
    w.into_inner()
        .map_err(|e| io(e.into_error()))?
        .sync_all()
        .map_err(io)
}

/// Partition values come from data: only plain names may become directory names.
pub fn is_safe_partition_value(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 64
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
