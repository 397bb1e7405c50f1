//! Stage 6 — write: the one place that writes. Rows are appended to Arrow builders per table and
//! partition, turned into RecordBatches of `output.batch_rows` rows and streamed to Parquet with
//! ArrowWriter (zstd, row groups bounded in bytes, statistics and dictionaries on). A run writes
//! into a staging directory inside the output and publishes each table by rename at the end.
//!
//! Layout: `<output>/<table>/month=YYYY-MM/part-00000.parquet` (Hive style; `month=undated`
//! for documents without a usable date), `<output>/errors/part-00000.parquet`.

use crate::article::{Article, ErrorRow, UNDATED};
use crate::error::RunError;
use crate::schema::{
    self, ARTICLES, ColType, ERRORS, IMAGES, PARAGRAPHS, PARTITION_COLUMN, QA_PAIRS, QUOTES, TURNS,
    Table,
};
use arrow::array::{
    ArrayRef, Int64Builder, ListBuilder, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `output:` in `newsetl.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputConfig {
    /// Documents extracted in parallel per batch; bounds the memory held by extracted documents.
    pub batch_docs: usize,
    /// Rows buffered per table and partition before they are handed to the Parquet writer.
    pub batch_rows: usize,
    /// A row group is closed when its encoded size passes this many bytes.
    pub row_group_bytes: usize,
    /// zstd compression level (1–22).
    pub zstd_level: i32,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            batch_docs: 512,
            batch_rows: 8192,
            row_group_bytes: 64 * 1024 * 1024,
            zstd_level: 3,
        }
    }
}

impl OutputConfig {
    pub fn validate(&self, report: &mut impl FnMut(String, String)) {
        for (key, v) in [
            ("batch_docs", self.batch_docs),
            ("batch_rows", self.batch_rows),
            ("row_group_bytes", self.row_group_bytes),
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
    List(&'a [String]),
}

enum ColBuilder {
    Str(StringBuilder),
    Int(Int64Builder),
    Ts(TimestampMicrosecondBuilder),
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
            ColType::StrList => ColBuilder::List(ListBuilder::new(StringBuilder::new())),
        }
    }

    fn append(&mut self, cell: &Cell) {
        match (self, cell) {
            (ColBuilder::Str(b), Cell::Str(v)) => b.append_option(*v),
            (ColBuilder::Int(b), Cell::Int(v)) => b.append_value(*v),
            (ColBuilder::Int(b), Cell::OptInt(v)) => b.append_option(*v),
            (ColBuilder::Ts(b), Cell::Ts(v)) => b.append_option(*v),
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
            ColBuilder::List(b) => Arc::new(b.finish()),
        }
    }
}

/// An open Parquet file of one table partition, with its buffered rows.
struct Part {
    table: &'static Table,
    cols: Vec<ColBuilder>,
    rows: usize,
    writer: ArrowWriter<BufWriter<File>>,
    path: PathBuf,
}

fn s(v: &Option<String>) -> Cell<'_> {
    Cell::Str(v.as_deref())
}

impl Part {
    fn push(&mut self, cells: &[Cell]) {
        debug_assert_eq!(cells.len(), self.cols.len());
        for (b, c) in self.cols.iter_mut().zip(cells) {
            b.append(c);
        }
        self.rows += 1;
    }

    fn write_buffered(&mut self) -> Result<(), RunError> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.cols.iter_mut().map(ColBuilder::finish).collect();
        let batch = RecordBatch::try_new(self.table.arrow_schema(), arrays).map_err(|source| {
            RunError::Arrow {
                table: self.table.name,
                source,
            }
        })?;
        self.rows = 0;
        self.writer
            .write(&batch)
            .map_err(|source| RunError::Parquet {
                path: self.path.display().to_string(),
                source,
            })
    }
}

/// The writer of one run.
pub struct Sink {
    final_root: PathBuf,
    staging: PathBuf,
    props: WriterProperties,
    batch_rows: usize,
    parts: BTreeMap<(&'static str, String), Part>,
    stamp: RunStamp,
}

/// What a finished run wrote.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Written {
    pub files: usize,
    pub rows: BTreeMap<&'static str, u64>,
    pub bytes: u64,
}

impl Sink {
    /// Prepare a staging directory inside `output` (created if needed).
    pub fn create(output: &Path, cfg: &OutputConfig, stamp: RunStamp) -> Result<Sink, RunError> {
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
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(
                ZstdLevel::try_new(cfg.zstd_level).unwrap_or_default(),
            ))
            .set_max_row_group_bytes(Some(cfg.row_group_bytes))
            .set_statistics_enabled(EnabledStatistics::Page)
            .set_dictionary_enabled(true)
            .set_created_by(format!("newsetl {}", env!("CARGO_PKG_VERSION")))
            .set_key_value_metadata(Some(kv))
            .build();
        Ok(Sink {
            final_root: output.to_path_buf(),
            staging,
            props,
            batch_rows: cfg.batch_rows,
            parts: BTreeMap::new(),
            stamp,
        })
    }

    fn part(
        &mut self,
        table: &'static Table,
        partition: Option<&str>,
    ) -> Result<&mut Part, RunError> {
        let key = (table.name, partition.unwrap_or("").to_string());
        if !self.parts.contains_key(&key) {
            let mut dir = self.staging.join(table.name);
            if let Some(p) = partition {
                assert!(
                    is_safe_partition_value(p),
                    "partition value {p:?} is not a safe directory name"
                );
                dir = dir.join(format!("{PARTITION_COLUMN}={p}"));
            }
            let io = |source| RunError::Output {
                path: dir.display().to_string(),
                source,
            };
            std::fs::create_dir_all(&dir).map_err(io)?;
            let path = dir.join("part-00000.parquet");
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
            self.parts.insert(
                key.clone(),
                Part {
                    table,
                    cols,
                    rows: 0,
                    writer,
                    path,
                },
            );
        }
        Ok(self.parts.get_mut(&key).expect("inserted above"))
    }

    fn push(
        &mut self,
        table: &'static Table,
        partition: Option<&str>,
        cells: &[Cell],
    ) -> Result<(), RunError> {
        let batch_rows = self.batch_rows;
        let part = self.part(table, partition)?;
        part.push(cells);
        if part.rows >= batch_rows {
            part.write_buffered()?;
        }
        Ok(())
    }

    pub fn write_article(&mut self, a: &Article) -> Result<(), RunError> {
        let month = a.month();
        let m = Some(month.as_str());
        let ts = a.published_at.map(|t| t.timestamp_micros());
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
            s(&a.date_raw),
            Cell::Str(Some(a.date_status)),
            s(&a.date_zone),
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
            Cell::Str(Some(a.front_matter_status)),
            s(&a.front_matter_error),
            Cell::Str(Some(&a.front_matter_extra)),
            Cell::Int(a.size_bytes as i64),
            Cell::Str(Some(&a.content_hash)),
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
                Cell::Str(Some(&q.speaker)),
                s(&q.speaker_title),
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
        let row = [
            Cell::Str(Some(&e.doc_id)),
            Cell::Str(Some(&e.source_path)),
            Cell::Str(Some(e.error.stage.as_str())),
            Cell::Str(Some(e.error.kind.as_str())),
            Cell::Str(Some(&e.error.message)),
            Cell::Str(Some(&e.config_hash)),
        ];
        self.push(&ERRORS, None, &row)
    }

    /// Close every file, make sure every table exists (an empty table gets one empty file so
    /// that readers still find its schema), and publish the tables by rename.
    pub fn finish(mut self) -> Result<Written, RunError> {
        for t in schema::TABLES {
            if !self.parts.keys().any(|(name, _)| *name == t.name) {
                self.part(t, t.partitioned.then_some(UNDATED))?;
            }
        }
        let mut written = Written::default();
        for t in schema::TABLES {
            written.rows.insert(t.name, 0);
        }
        for (_, mut part) in std::mem::take(&mut self.parts) {
            part.write_buffered()?;
            let path = part.path.display().to_string();
            let meta = part.writer.close().map_err(|source| RunError::Parquet {
                path: path.clone(),
                source,
            })?;
            *written.rows.get_mut(part.table.name).expect("known table") +=
                meta.file_metadata().num_rows() as u64;
            written.files += 1;
            written.bytes += std::fs::metadata(&part.path).map(|m| m.len()).unwrap_or(0);
        }
        self.publish()?;
        Ok(written)
    }

    fn publish(&self) -> Result<(), RunError> {
        let trash = self
            .final_root
            .join(format!(".replaced-{}", self.stamp.run_id));
        let io = |path: &Path| {
            let path = path.display().to_string();
            move |source| RunError::Output { path, source }
        };
        std::fs::create_dir_all(&trash).map_err(io(&trash))?;
        for t in schema::TABLES {
            let live = self.final_root.join(t.name);
            if live.exists() {
                std::fs::rename(&live, trash.join(t.name)).map_err(io(&live))?;
            }
            std::fs::rename(self.staging.join(t.name), &live).map_err(io(&live))?;
        }
        std::fs::remove_dir_all(&trash).map_err(io(&trash))?;
        std::fs::remove_dir_all(&self.staging).map_err(io(&self.staging))?;
        Ok(())
    }
}

/// Partition values come from data: only plain names may become directory names.
pub fn is_safe_partition_value(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 64
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
