//! Typed errors of the library: one per-document error (which stage, what kind, why) and the
//! errors that stop a whole run (config, output). `anyhow` is only used at the binary's edge.

use serde::Serialize;
use std::fmt;

/// The pipeline stage an error or a timing belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Read,
    FrontMatter,
    Body,
    Speech,
    Normalize,
    Write,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::FrontMatter => "front_matter",
            Stage::Body => "body",
            Stage::Speech => "speech",
            Stage::Normalize => "normalize",
            Stage::Write => "write",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a document could not be turned into an article row. The `kind` is a stable,
/// machine-readable token (it is a column of the `errors` table); the message is for humans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file could not be opened or read (permissions, vanished, I/O error).
    Io,
    /// A directory entry could not be listed (symlink loop, unreadable directory).
    Discovery,
    /// The file has no bytes, or only white space.
    Empty,
    /// The file looks like binary data (NUL bytes), not text.
    Binary,
    /// The file is larger than `read.max_file_bytes`.
    TooLarge,
    /// The HTML nests deeper than `read.max_nesting_depth`.
    TooDeep,
    /// Another input root holds a file with the same relative path (and so the same id).
    Duplicate,
    /// The extraction panicked; the panic message is kept.
    Panic,
    /// A WARC file, or one of its records, cannot be read: not WARC, a malformed or truncated
    /// record, a broken HTTP message, an unknown content coding.
    Warc,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Discovery => "discovery",
            ErrorKind::Empty => "empty",
            ErrorKind::Binary => "binary",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::TooDeep => "too_deep",
            ErrorKind::Duplicate => "duplicate",
            ErrorKind::Panic => "panic",
            ErrorKind::Warc => "warc",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document-level failure: it becomes one row of the `errors` table and the run goes on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{stage}/{kind}: {message}")]
pub struct DocError {
    pub stage: Stage,
    pub kind: ErrorKind,
    pub message: String,
}

impl DocError {
    pub fn new(stage: Stage, kind: ErrorKind, message: impl Into<String>) -> Self {
        DocError {
            stage,
            kind,
            message: message.into(),
        }
    }
}

/// A problem in the configuration, located by file and key.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file}: {}{reason}", if key.is_empty() { String::new() } else { format!("{key}: ") })]
pub struct ConfigIssue {
    pub file: String,
    pub key: String,
    pub reason: String,
}

/// Errors that stop a whole run. Each message says what is wrong and what to do; the source of
/// an I/O error is its `source()` (shown by `{:#}`), not repeated in the message.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("invalid configuration:\n{}", .0.iter().map(|i| format!("  - {i}")).collect::<Vec<_>>().join("\n"))]
    Config(Vec<ConfigIssue>),
    #[error("input {path} does not exist (a mistyped path, or a share that is not mounted?)")]
    InputMissing { path: String },
    #[error("input {path} is a file, not a directory: give the directory that holds the documents")]
    InputNotDir { path: String },
    #[error("input directory {path}")]
    Input {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "output {path} is a file, not a directory: give a directory (it is created if missing)"
    )]
    OutputIsFile { path: String },
    #[error(
        "output {path} is not empty and was not created by newsetl (it holds {entries}); \
         newsetl writes only into a new or empty directory, or one it created \
         (marked by .newsetl-output): choose another output directory"
    )]
    NotOurs { path: String, entries: String },
    #[error(
        "output {path} was written by a later newsetl (output format {found}; this build knows up to {known}): upgrade newsetl"
    )]
    OutputFormat {
        path: String,
        found: u32,
        known: u32,
    },
    #[error("{detail}")]
    Overlap { detail: String },
    #[error(
        "{path} was not written by newsetl and stands where this run publishes a file of its \
         own: move it out of the table directory; nothing was published"
    )]
    ForeignConflict { path: String },
    #[error(
        "input {path} holds no documents while the dataset has published ones (an unmounted \
         share?); nothing was published. If it is meant to be empty, run with --allow-deletes"
    )]
    EmptyInput { path: String },
    #[error(
        "refusing to publish: this run would delete {deleted} of the {published} published documents ({why}); \
         the previous dataset is unchanged. If the input is right (not an empty or unmounted \
         directory), run again with --allow-deletes, or raise --max-delete-fraction"
    )]
    TooManyDeletes {
        deleted: u64,
        published: u64,
        why: String,
    },
    #[error(
        "the previous run of {output} used the configuration {previous}, and this run found none \
         (started from another directory?): pass --config {previous} (or set NEWSETL_CONFIG), \
         or --config embedded to use the built-in rules on purpose"
    )]
    ConfigFellBack { output: String, previous: String },
    #[error("output {path}")]
    Output {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("writing parquet {path}")]
    Parquet {
        path: String,
        #[source]
        source: parquet::errors::ParquetError,
    },
    #[error(
        "run {run}: shard(s) {missing:?} of {shards} have not completed; nothing was committed. \
         Run them (newsetl run --shard i/{shards} --run {run}) and commit again"
    )]
    ShardsMissing {
        run: String,
        missing: Vec<u32>,
        shards: u32,
    },
    #[error("object store / Delta Lake: {message}")]
    Lake { message: String },
    #[error(
        "another writer committed to the Delta table {table} (version {version}) while this \
         commit was being prepared; nothing of this commit is visible there. Run the commit again \
         (if the other writer committed another run, this one is refused then: plan a new run)"
    )]
    CommitConflict { table: &'static str, version: u64 },
    #[error(
        "run {run} was planned on run {base}, but run {latest} has been committed since: its \
         shards kept files of {base} that may be gone; nothing was committed. Plan a new run"
    )]
    BaseMoved {
        run: String,
        base: String,
        latest: String,
    },
    #[error("output is locked by {holder} ({path}); newsetl runs one at a time per output")]
    Locked { path: String, holder: String },
    #[error("building arrow batch for table {table}")]
    Arrow {
        table: &'static str,
        #[source]
        source: arrow::error::ArrowError,
    },
}
