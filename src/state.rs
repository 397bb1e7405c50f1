//! Run state kept in the output between runs: the manifest of what every input file produced
//! (the basis of incremental runs) and the lock that keeps two runs off one output.
//!
//! Deciding what to re-extract is pure ([`classify`], [`Fingerprint::full_rebuild_reason`]);
//! reading the manifest and taking the lock are the only I/O here. The manifest is written by
//! `sink`, with the tables it describes.

use crate::error::{ErrorKind, RunError};
use crate::read::{ContentHash, DocId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// `<output>/_state/`: the manifest and the publish marker.
pub const STATE_DIR: &str = "_state";
/// The manifest file inside [`STATE_DIR`].
pub const MANIFEST_FILE: &str = "manifest.json";
/// Present while a run swaps tables in; a run that finds it knows the previous run died
/// mid-publish and rebuilds everything.
pub const PUBLISHING_MARKER: &str = "publishing";
/// The lock file in the output directory.
pub const LOCK_FILE: &str = ".newsetl.lock";

/// What produced a dataset: a run whose fingerprint differs re-extracts everything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub config_hash: String,
    pub newsetl_version: String,
    pub schema_version: String,
}

impl Fingerprint {
    /// Why a run cannot build on the previous manifest, or `None` when it can.
    pub fn full_rebuild_reason(&self, previous: Option<&Manifest>) -> Option<String> {
        let Some(prev) = previous else {
            return Some("no previous manifest".into());
        };
        let p = &prev.fingerprint;
        if p.config_hash != self.config_hash {
            Some(format!(
                "config changed ({} → {})",
                p.config_hash, self.config_hash
            ))
        } else if p.newsetl_version != self.newsetl_version {
            Some(format!(
                "newsetl version changed ({} → {})",
                p.newsetl_version, self.newsetl_version
            ))
        } else if p.schema_version != self.schema_version {
            Some(format!(
                "schema version changed ({} → {})",
                p.schema_version, self.schema_version
            ))
        } else {
            None
        }
    }
}

/// Size and modification time of an input file, as seen at planning time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    pub size: u64,
    /// Nanoseconds since the epoch; `None` when unknown or too recent to trust (see
    /// [`Stat::settled`]).
    pub mtime_ns: Option<i64>,
}

impl Stat {
    pub fn of(path: &Path) -> Option<Stat> {
        let meta = std::fs::metadata(path).ok()?;
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .and_then(|d| i64::try_from(d.as_nanos()).ok());
        Some(Stat {
            size: meta.len(),
            mtime_ns,
        })
    }

    /// The stat to remember. A file modified within `SETTLE_NS` of the run's start may be
    /// modified again within the same clock tick without its mtime changing, so its mtime is
    /// not trusted: the next run compares its content hash instead (git's "racily clean" rule).
    pub fn settled(self, run_started_ns: i64) -> Stat {
        const SETTLE_NS: i64 = 2_000_000_000;
        Stat {
            size: self.size,
            mtime_ns: self
                .mtime_ns
                .filter(|&m| m < run_started_ns.saturating_sub(SETTLE_NS)),
        }
    }
}

/// What the previous run knew of one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
///
/// Compact (ids as numbers, boxed strings): a run holds one per input file.
pub struct FileState {
    /// `source_path`: relative to its input root.
    pub path: Box<str>,
    pub stat: Option<Stat>,
    /// XXH3-128 of the bytes, when they were read.
    pub content_hash: Option<ContentHash>,
    /// The partition its rows went to (`month`): `None` for a document that failed (its one
    /// row is in the unpartitioned `errors` table).
    pub partition: Option<Box<str>>,
    /// The error kind when the document failed.
    pub error: Option<Box<str>>,
}

/// `<output>/_state/manifest.json`: one entry per input file of the published dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Format of this file.
    pub format: u32,
    pub fingerprint: Fingerprint,
    /// The run that published the dataset this manifest describes.
    pub run_id: String,
    /// `doc_id` → state.
    pub files: BTreeMap<DocId, FileState>,
}

pub const MANIFEST_FORMAT: u32 = 1;

impl Manifest {
    /// The manifest of `output`, if there is a readable one. A manifest that cannot be read or
    /// parsed is treated as absent (the run rebuilds everything) and the reason returned.
    pub fn load(output: &Path) -> Result<Option<Manifest>, String> {
        let path = output.join(STATE_DIR).join(MANIFEST_FILE);
        let text = match std::fs::read(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let m: Manifest = serde_json::from_slice(&text)
            .map_err(|e| format!("cannot parse {}: {e}", path.display()))?;
        if m.format != MANIFEST_FORMAT {
            return Err(format!(
                "manifest format {} is not {MANIFEST_FORMAT}",
                m.format
            ));
        }
        Ok(Some(m))
    }
}

/// Whether the previous run died while swapping tables in.
pub fn publish_interrupted(output: &Path) -> bool {
    output.join(STATE_DIR).join(PUBLISHING_MARKER).exists()
}

/// How an input file relates to the previous run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Class {
    /// Not in the manifest.
    New,
    /// Size or mtime differ and there is no content hash to compare: re-extract.
    Changed,
    /// Size or mtime differ: compare this content hash before re-extracting.
    Suspect(ContentHash),
    /// Failed last time for a reason that may pass (I/O): try again.
    Retry,
    /// Same size and mtime as last time: keep its rows.
    Unchanged,
}

/// Errors that depend on the file system rather than the file's bytes and config: retried.
pub fn is_transient(kind: &str) -> bool {
    kind == ErrorKind::Io.as_str()
}

/// Classify one discovered file against the previous manifest's entry for its `doc_id`.
pub fn classify(rel: &str, stat: Option<Stat>, prev: Option<&FileState>) -> Class {
    let Some(prev) = prev else {
        return Class::New;
    };
    if prev.error.as_deref().is_some_and(is_transient) {
        return Class::Retry;
    }
    let (Some(now), Some(then)) = (stat, prev.stat) else {
        return Class::Changed;
    };
    if *prev.path != *rel {
        return Class::Changed;
    }
    if now.size == then.size && now.mtime_ns.is_some() && now.mtime_ns == then.mtime_ns {
        return Class::Unchanged;
    }
    match prev.content_hash {
        Some(h) if now.size == then.size => Class::Suspect(h),
        _ => Class::Changed,
    }
}

/// Who holds the lock, written into the lock file for the message a second run prints.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LockHolder {
    pub run_id: String,
    pub pid: u32,
    pub started_at: String,
}

/// An exclusive lock on an output directory, held for the life of a run. It is an OS file lock
/// (`flock`), so it dies with its process: a lock file left by a killed run is stale and the
/// next run takes it over.
#[derive(Debug)]
pub struct OutputLock {
    file: File,
    /// The holder recorded in a lock file that was no longer locked: a run that died.
    pub stale: Option<LockHolder>,
}

impl OutputLock {
    pub fn acquire(output: &Path, holder: &LockHolder) -> Result<OutputLock, RunError> {
        let path = output.join(LOCK_FILE);
        let io = |source| RunError::Output {
            path: path.display().to_string(),
            source,
        };
        std::fs::create_dir_all(output).map_err(io)?;
        let mut file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        let mut previous = String::new();
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let _ = file.read_to_string(&mut previous);
                let holder = serde_json::from_str::<LockHolder>(&previous).ok();
                return Err(RunError::Locked {
                    path: path.display().to_string(),
                    holder: holder.map_or_else(
                        || "another newsetl run".to_string(),
                        |h| format!("run {} (pid {}, started {})", h.run_id, h.pid, h.started_at),
                    ),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        // A run that ends clears the file (see Drop); a holder still named here died.
        file.read_to_string(&mut previous).map_err(io)?;
        let stale = serde_json::from_str::<LockHolder>(&previous).ok();
        // Replace the previous holder's record with ours.
        file.set_len(0).map_err(io)?;
        file.seek(std::io::SeekFrom::Start(0)).map_err(io)?;
        let json = serde_json::to_string(holder).expect("holder serializes");
        file.write_all(json.as_bytes()).map_err(io)?;
        Ok(OutputLock { file, stale })
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // The file stays (removing a locked file races with a run opening it); its contents
        // go, so the next run does not take this one for dead. The lock itself is released
        // when the file is closed.
        let _ = self.file.set_len(0);
    }
}

/// Leftovers of runs that died: staging directories. Only called with the lock held.
pub fn leftovers(output: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(output) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            // `.replaced-` directories are what runs before incremental publishing left behind.
            n.starts_with(".staging-") || n.starts_with(".replaced-")
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(size: u64, mtime: Option<i64>, hash: Option<&str>, error: Option<&str>) -> FileState {
        FileState {
            path: "a.md".into(),
            stat: Some(Stat {
                size,
                mtime_ns: mtime,
            }),
            content_hash: hash.map(|h| ContentHash::of(h.as_bytes())),
            partition: Some("2022-03".into()),
            error: error.map(Box::from),
        }
    }

    fn hash(h: &str) -> ContentHash {
        ContentHash::of(h.as_bytes())
    }

    fn stat(size: u64, mtime: i64) -> Option<Stat> {
        Some(Stat {
            size,
            mtime_ns: Some(mtime),
        })
    }

    #[test]
    fn classification() {
        let prev = state(10, Some(5), Some("h"), None);
        assert_eq!(classify("a.md", stat(10, 5), None), Class::New);
        assert_eq!(classify("a.md", stat(10, 5), Some(&prev)), Class::Unchanged);
        assert_eq!(
            classify("a.md", stat(10, 6), Some(&prev)),
            Class::Suspect(hash("h"))
        );
        assert_eq!(classify("a.md", stat(11, 5), Some(&prev)), Class::Changed);
        assert_eq!(classify("a.md", None, Some(&prev)), Class::Changed);
        // A racily-recorded mtime (None) is never trusted.
        let racy = state(10, None, Some("h"), None);
        assert_eq!(
            classify("a.md", stat(10, 5), Some(&racy)),
            Class::Suspect(hash("h"))
        );
        // I/O failures are retried; content failures are not.
        let io = state(10, Some(5), None, Some("io"));
        assert_eq!(classify("a.md", stat(10, 5), Some(&io)), Class::Retry);
        let empty = state(10, Some(5), Some("h"), Some("empty"));
        assert_eq!(
            classify("a.md", stat(10, 5), Some(&empty)),
            Class::Unchanged
        );
    }

    #[test]
    fn recent_mtimes_are_not_trusted() {
        let s = Stat {
            size: 1,
            mtime_ns: Some(10_000_000_000),
        };
        assert_eq!(s.settled(20_000_000_000).mtime_ns, Some(10_000_000_000));
        assert_eq!(s.settled(11_000_000_000).mtime_ns, None);
    }

    #[test]
    fn fingerprint_changes_force_a_full_rebuild() {
        let fp = Fingerprint {
            config_hash: "c1".into(),
            newsetl_version: "0.1.0".into(),
            schema_version: "1".into(),
        };
        let m = Manifest {
            format: MANIFEST_FORMAT,
            fingerprint: fp.clone(),
            run_id: "r".into(),
            files: BTreeMap::new(),
        };
        assert_eq!(fp.full_rebuild_reason(Some(&m)), None);
        assert!(fp.full_rebuild_reason(None).is_some());
        let other = Fingerprint {
            config_hash: "c2".into(),
            ..fp.clone()
        };
        assert!(
            other
                .full_rebuild_reason(Some(&m))
                .unwrap()
                .contains("config changed")
        );
    }

    #[test]
    fn lock_is_exclusive_and_a_dead_holders_lock_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let holder = |id: &str| LockHolder {
            run_id: id.into(),
            pid: 1,
            started_at: "t".into(),
        };
        let first = OutputLock::acquire(dir.path(), &holder("one")).unwrap();
        assert!(first.stale.is_none());
        let err = OutputLock::acquire(dir.path(), &holder("two")).unwrap_err();
        assert!(err.to_string().contains("run one"), "{err}");
        drop(first);
        // A run that ends clears its record: not stale.
        let second = OutputLock::acquire(dir.path(), &holder("three")).unwrap();
        assert!(second.stale.is_none());
        drop(second);
        // A run killed before it could clear it: the file names it, but nobody holds the lock.
        let dead = serde_json::to_string(&holder("dead")).unwrap();
        std::fs::write(dir.path().join(LOCK_FILE), dead).unwrap();
        let third = OutputLock::acquire(dir.path(), &holder("four")).unwrap();
        assert_eq!(third.stale.as_ref().unwrap().run_id, "dead");
    }
}
