//! Inputs in object storage (`s3://bucket/posts/`, `gs://…`, `az://…`) through the
//! `object_store` crate: listed once by `newsetl plan`, then mirrored by each shard into its
//! work directory, where the ordinary pipeline reads them as files.
//!
//! A listed object is its key relative to the input prefix (the `source_path`, so `doc_id` is
//! the same as for the same tree on disk), its size and its last-modified time. Credentials come
//! from the standard environment (`AWS_*`, `GOOGLE_*`, `AZURE_*`) and the stores' chains.

use super::ReadConfig;
use crate::error::RunError;
use futures::{StreamExt, TryStreamExt};
use object_store::path::Path as ObjPath;
use object_store::{ObjectStore, ObjectStoreExt};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Object-store URL schemes newsetl reads inputs from (those `object_store` parses).
pub const SCHEMES: &[&str] = &["s3", "s3a", "gs", "az", "azure", "abfs", "abfss", "adl"];

/// Downloads in flight at once per shard.
const CONCURRENT_GETS: usize = 16;

/// Whether an input argument is an object-store URL (`s3://bucket/prefix/`).
pub fn is_url(input: &Path) -> bool {
    input.to_str().is_some_and(|s| {
        s.split_once("://")
            .is_some_and(|(scheme, _)| SCHEMES.iter().any(|k| scheme.eq_ignore_ascii_case(k)))
    })
}

/// The environment's object-store settings (`AWS_ACCESS_KEY_ID`, `AWS_ENDPOINT_URL`,
/// `AWS_ALLOW_HTTP`, `GOOGLE_SERVICE_ACCOUNT`, `AZURE_STORAGE_ACCOUNT_NAME`, …) as builder
/// options; the builders ignore keys that are not theirs.
pub fn env_options() -> Vec<(String, String)> {
    std::env::vars()
        .filter(|(k, _)| {
            k.starts_with("AWS_") || k.starts_with("GOOGLE_") || k.starts_with("AZURE_")
        })
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect()
}

/// One object of an input prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Key relative to the prefix, `/`-separated: the `source_path`.
    pub rel: String,
    /// Bytes.
    pub size: u64,
    /// Last modified, nanoseconds since the epoch.
    pub mtime_ns: i64,
}

/// An input prefix in object storage.
pub struct Objects {
    /// The prefix, ending in `/`.
    pub url: url::Url,
    store: Arc<dyn ObjectStore>,
    base: ObjPath,
    rt: tokio::runtime::Runtime,
}

fn input_error(url: &str, what: impl std::fmt::Display) -> RunError {
    RunError::Lake {
        message: format!("input {url}: {what}"),
    }
}

impl Objects {
    /// Open the input prefix `url` (nothing is read yet).
    ///
    /// Errors: [`RunError::Lake`] for a URL object_store does not know.
    pub fn open(url: &str) -> Result<Objects, RunError> {
        let mut parsed = url::Url::parse(url).map_err(|e| input_error(url, e))?;
        if !parsed.path().ends_with('/') {
            parsed.set_path(&format!("{}/", parsed.path()));
        }
        let (store, base) = object_store::parse_url_opts(&parsed, env_options())
            .map_err(|e| input_error(url, e))?;
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| input_error(url, e))?;
        Ok(Objects {
            url: parsed,
            store: Arc::from(store),
            base,
            rt,
        })
    }

    /// Every input object under the prefix that a walk of the same tree on disk would find
    /// (a configured extension or a WARC file; no hidden directory or file, as
    /// [`super::discover`]), sorted by key.
    ///
    /// Keys that are not paths (an empty, `.` or `..` segment: `a//b.html`) cannot be read
    /// through the store: they are returned apart, with the reason, for the caller to report.
    pub fn list(&self, cfg: &ReadConfig) -> Result<(Vec<Listed>, Vec<String>), RunError> {
        let items: Vec<object_store::Result<object_store::ObjectMeta>> = self
            .rt
            .block_on(self.store.list(Some(&self.base)).collect());
        let mut metas = Vec::with_capacity(items.len());
        let mut skipped = Vec::new();
        for item in items {
            match item {
                Ok(m) => metas.push(m),
                Err(object_store::Error::InvalidPath { source }) => {
                    skipped.push(source.to_string());
                }
                Err(e) => return Err(input_error(self.url.as_str(), e)),
            }
        }
        let prefix: Vec<_> = self.base.parts().collect();
        let mut found: Vec<Listed> = metas
            .into_iter()
            .filter_map(|m| {
                let parts: Vec<String> = m
                    .location
                    .parts()
                    .skip(prefix.len())
                    .map(|p| p.as_ref().to_string())
                    .collect();
                let (name, dirs) = parts.split_last()?;
                if dirs.iter().any(|d| super::hidden_name(d, true, cfg)) {
                    return None;
                }
                let hidden = super::hidden_name(name, false, cfg);
                let rel = parts.join("/");
                (!hidden && cfg.wants(Path::new(&rel))).then(|| Listed {
                    rel,
                    size: m.size,
                    mtime_ns: m.last_modified.timestamp_nanos_opt().unwrap_or(0),
                })
            })
            .collect();
        found.sort_by(|a, b| a.rel.as_bytes().cmp(b.rel.as_bytes()));
        Ok((found, skipped))
    }

    /// Download `objects` into `dir` at their relative paths, each file's modification time set
    /// to the object's (so that an incremental run's manifest compares them as it would files
    /// on disk), several at a time. An object gone since the listing is left out: the run finds
    /// it missing, an `errors` row like a deleted file.
    ///
    /// Errors: [`RunError::Lake`] for a failed request, [`RunError::Output`] for a local write.
    pub fn mirror(&self, objects: &[Listed], dir: &Path) -> Result<(), RunError> {
        let store = &self.store;
        let base = &self.base;
        let url = self.url.as_str();
        self.rt.block_on(
            futures::stream::iter(objects.iter().map(|o| async move {
                // The key as listed: `PathPart::parse` keeps it (`From<&str>` would
                // percent-encode non-ASCII and `"`, naming another object).
                let mut path = base.clone();
                for part in o.rel.split('/') {
                    let part = object_store::path::PathPart::parse(part)
                        .map_err(|e| input_error(url, format!("{}: {e}", o.rel)))?;
                    path = path.join(part);
                }
                let dest = super::under(dir, &o.rel);
                let result = match store.get(&path).await {
                    Ok(r) => r,
                    Err(object_store::Error::NotFound { .. }) => return Ok(()),
                    Err(e) => return Err(input_error(url, format!("{}: {e}", o.rel))),
                };
                let io = |source| RunError::Output {
                    path: dest.display().to_string(),
                    source,
                };
                std::fs::create_dir_all(dest.parent().expect("under dir")).map_err(io)?;
                let mut file = std::io::BufWriter::new(std::fs::File::create(&dest).map_err(io)?);
                let mut body = result.into_stream();
                while let Some(chunk) = body.next().await {
                    let chunk = chunk.map_err(|e| input_error(url, format!("{}: {e}", o.rel)))?;
                    file.write_all(&chunk).map_err(io)?;
                }
                let file = file.into_inner().map_err(|e| io(e.into_error()))?;
                set_mtime(&file, o.mtime_ns).map_err(io)?;
                Ok(())
            }))
            .buffer_unordered(CONCURRENT_GETS)
            .try_collect::<Vec<()>>(),
        )?;
        Ok(())
    }
}

/// Set a file's modification time to `mtime_ns` (nanoseconds since the epoch).
pub fn set_mtime(file: &std::fs::File, mtime_ns: i64) -> std::io::Result<()> {
    let t = std::time::UNIX_EPOCH
        + std::time::Duration::from_nanos(u64::try_from(mtime_ns).unwrap_or(0));
    file.set_modified(t)
}
