//! Run state kept in the output between runs: the manifest of what every input file produced
//! (the basis of incremental runs) and the lock that keeps two runs off one output.
//!
//! Deciding what to re-extract is pure ([`classify`], [`Fingerprint::full_rebuild_reason`]);
//! reading the manifest and taking the lock are the only I/O here. The manifest is written by
//! `sink`, with the tables it describes.

use crate::error::{ErrorKind, RunError};
use crate::read::{ContentHash, DocId, FileList};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// The fingerprint of what this build makes with `rules`.
    pub fn of(rules: &crate::config::Rules) -> Fingerprint {
        Fingerprint {
            config_hash: rules.hash.clone(),
            newsetl_version: env!("CARGO_PKG_VERSION").into(),
            schema_version: crate::store::schema::SCHEMA_VERSION.into(),
        }
    }

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

/// What the previous run knew of one input file: one entry of the manifest.
///
/// `S` is the string type: owned (`Box<str>`) when read from JSON on its own, borrowed (`&str`,
/// [`Entry`]) when viewed in or added to [`Files`], which is where a run keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState<S = Box<str>> {
    /// `source_path`: relative to its input root.
    pub path: S,
    pub stat: Option<Stat>,
    /// XXH3-128 of the bytes, when they were read.
    pub content_hash: Option<ContentHash>,
    /// The partition its rows went to (`month`): `None` for a document that failed (its one
    /// row is in the unpartitioned `errors` table).
    pub partition: Option<S>,
    /// The error kind when the document failed.
    pub error: Option<S>,
}

/// A manifest entry borrowed from [`Files`] (or to be copied into it).
pub type Entry<'a> = FileState<&'a str>;

impl FileState {
    pub fn view(&self) -> Entry<'_> {
        FileState {
            path: &self.path,
            stat: self.stat,
            content_hash: self.content_hash,
            partition: self.partition.as_deref(),
            error: self.error.as_deref(),
        }
    }
}

/// The manifest's entries, `doc_id` → [`FileState`], packed: a run holds one per input file,
/// so each is one fixed-size row (id, stat and hash inline) with its partition and error kind
/// interned and its path either in one buffer of its own or, for the files of this run's
/// [`FileList`], taken from that list — no allocation per file, no path held twice.
///
/// Entries read from a manifest are in id order and can be looked up ([`Files::get`]); a run
/// then marks them kept or gone ([`Files::keep`], [`Files::remove`], [`Files::remove_unseen`]),
/// drops what it no longer needs ([`Files::compact`]) and appends what it extracted
/// ([`Files::push`]). Serialized as a JSON object in id order, live entries only.
#[derive(Debug, Clone, Default)]
pub struct Files {
    rows: Vec<Row>,
    /// The paths of rows that are not [`LISTED`], end to end.
    paths: String,
    /// The discovered files that [`LISTED`] rows take their paths from.
    list: Option<Arc<FileList>>,
    /// Partition values and error kinds, each stored once.
    names: indexmap::IndexSet<Box<str>>,
    /// `rows` are not in strictly increasing id order (lookups need them to be).
    unsorted: bool,
    /// Rows not marked gone.
    live: usize,
}

#[derive(Debug, Clone, Copy)]
struct Row {
    id: DocId,
    size: u64,
    mtime_ns: i64,
    hash: ContentHash,
    /// Where the path starts in `paths`, or the file's index in `list` if [`LISTED`].
    path_start: usize,
    path_len: u32,
    partition: u32,
    error: u32,
    flags: u8,
}

/// Where an entry is in [`Files`] (from [`Files::locate`]); valid until [`Files::compact`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot(usize);

impl Row {
    fn stat(&self) -> Option<Stat> {
        (self.flags & HAS_STAT != 0).then_some(Stat {
            size: self.size,
            mtime_ns: (self.flags & HAS_MTIME != 0).then_some(self.mtime_ns),
        })
    }

    fn set_stat(&mut self, stat: Option<Stat>) {
        self.flags &= !(HAS_STAT | HAS_MTIME);
        (self.size, self.mtime_ns) = (0, 0);
        if let Some(s) = stat {
            self.flags |= HAS_STAT;
            self.size = s.size;
            if let Some(m) = s.mtime_ns {
                self.flags |= HAS_MTIME;
                self.mtime_ns = m;
            }
        }
    }
}

const NO_NAME: u32 = u32::MAX;
const HAS_STAT: u8 = 1;
const HAS_MTIME: u8 = 2;
const HAS_HASH: u8 = 4;
/// Removed: its file changed or is gone. Skipped everywhere.
const GONE: u8 = 8;
/// Matched to a discovered file by this run's plan.
const SEEN: u8 = 16;
/// The path is file `path_start` of `list`.
const LISTED: u8 = 32;

impl Files {
    /// Live entries.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Room for `n` more entries.
    pub fn reserve(&mut self, n: usize) {
        self.rows.reserve_exact(n);
    }

    fn intern(&mut self, name: Option<&str>) -> u32 {
        let Some(name) = name else { return NO_NAME };
        let i = match self.names.get_index_of(name) {
            Some(i) => i,
            None => self.names.insert_full(name.into()).0,
        };
        u32::try_from(i).expect("fewer than 4 billion distinct partitions")
    }

    fn name(&self, i: u32) -> Option<&str> {
        (i != NO_NAME).then(|| &*self.names[i as usize])
    }

    fn view(&self, r: &Row) -> Entry<'_> {
        let path = if r.flags & LISTED != 0 {
            let list = self.list.as_ref().expect("listed rows have a list");
            list.rel_str(r.path_start)
                .expect("only UTF-8 paths are listed")
        } else {
            &self.paths[r.path_start..r.path_start + r.path_len as usize]
        };
        FileState {
            path,
            stat: r.stat(),
            content_hash: (r.flags & HAS_HASH != 0).then_some(r.hash),
            partition: self.name(r.partition),
            error: self.name(r.error),
        }
    }

    /// The files this run discovered: [`Files::push`] and [`Files::keep`] can then take a
    /// path from the list instead of storing it again.
    pub fn attach(&mut self, list: Arc<FileList>) {
        self.list = Some(list);
    }

    /// File `i` of the attached list, if its path is the entry's path.
    fn listed(&self, i: Option<usize>, path: &str) -> Option<usize> {
        let list = self.list.as_ref()?;
        i.filter(|&i| list.rel_str(i) == Some(path))
    }

    /// Add an entry (for file `file` of the attached list, if it is one). Its id must not be
    /// live here already (the run's plan guarantees it).
    pub fn push(&mut self, id: DocId, file: Option<usize>, e: Entry<'_>) {
        let mut row = Row {
            id,
            size: 0,
            mtime_ns: 0,
            hash: e.content_hash.unwrap_or(ContentHash([0; 16])),
            path_start: self.paths.len(),
            path_len: u32::try_from(e.path.len()).expect("a path shorter than 4 GiB"),
            partition: self.intern(e.partition),
            error: self.intern(e.error),
            flags: if e.content_hash.is_some() {
                HAS_HASH
            } else {
                0
            },
        };
        row.set_stat(e.stat);
        match self.listed(file, e.path) {
            Some(i) => {
                row.flags |= LISTED;
                row.path_start = i;
            }
            None => self.paths.push_str(e.path),
        }
        self.unsorted |= self.rows.last().is_some_and(|last| last.id >= id);
        self.rows.push(row);
        self.live += 1;
    }

    /// Put the rows in id order; of rows with the same id the last pushed wins (as in a JSON
    /// object read into a map).
    fn sort(&mut self) {
        if !self.unsorted {
            return;
        }
        self.rows.reverse();
        self.rows.sort_by_key(|r| r.id);
        self.rows.dedup_by_key(|r| r.id);
        self.live = self.rows.iter().filter(|r| r.flags & GONE == 0).count();
        self.unsorted = false;
    }

    fn find(&self, id: DocId) -> Option<usize> {
        assert!(!self.unsorted, "lookups only in a manifest as read");
        let i = self.rows.binary_search_by_key(&id, |r| r.id).ok()?;
        (self.rows[i].flags & GONE == 0).then_some(i)
    }

    /// The live entry of `id`.
    pub fn get(&self, id: DocId) -> Option<Entry<'_>> {
        self.find(id).map(|i| self.view(&self.rows[i]))
    }

    /// Where the live entry of each of `n` ids is (`id(k)` for `k` in `0..n`), for
    /// [`Files::get_at`], [`Files::keep_at`] and [`Files::remove_at`]. One sort and one merge
    /// over the rows (which are in id order): a search per id would miss the cache at nearly
    /// every step, as ids are hashes.
    pub fn locate(&self, n: usize, id: impl Fn(usize) -> DocId) -> Vec<Option<Slot>> {
        assert!(!self.unsorted, "lookups only in a manifest as read");
        let mut order: Vec<(DocId, u32)> = (0..n)
            .map(|k| (id(k), u32::try_from(k).expect("fewer than 4 billion ids")))
            .collect();
        order.sort_unstable();
        let mut slots = vec![None; n];
        let mut rows = self.rows.iter().enumerate().peekable();
        for (want, k) in order {
            while rows.next_if(|(_, r)| r.id < want).is_some() {}
            if let Some(&(i, r)) = rows.peek()
                && r.id == want
                && r.flags & GONE == 0
            {
                slots[k as usize] = Some(Slot(i));
            }
        }
        slots
    }

    /// The live entry at `slot`.
    pub fn get_at(&self, slot: Slot) -> Option<Entry<'_>> {
        let r = &self.rows[slot.0];
        (r.flags & GONE == 0).then(|| self.view(r))
    }

    /// Keep the entry of `id` (its file, file `file` of the attached list if it is one, is
    /// unchanged) with `stat` as its stat; whether the stat changed. `false` when there is no
    /// such entry.
    pub fn keep(&mut self, id: DocId, file: Option<usize>, stat: Option<Stat>) -> bool {
        self.find(id)
            .is_some_and(|i| self.keep_at(Slot(i), file, stat))
    }

    /// [`Files::keep`] of the entry at `slot`.
    pub fn keep_at(&mut self, slot: Slot, file: Option<usize>, stat: Option<Stat>) -> bool {
        let i = slot.0;
        if self.rows[i].flags & GONE != 0 {
            return false;
        }
        let path = self.view(&self.rows[i]).path;
        if let Some(f) = self.listed(file, path) {
            self.rows[i].flags |= LISTED;
            self.rows[i].path_start = f;
        }
        let r = &mut self.rows[i];
        r.flags |= SEEN;
        let before = r.stat();
        r.set_stat(stat);
        before != stat
    }

    /// Remove the entry of `id` and return what it was.
    pub fn remove(&mut self, id: DocId) -> Option<Entry<'_>> {
        let i = self.find(id)?;
        self.remove_at(Slot(i))
    }

    /// [`Files::remove`] of the entry at `slot`.
    pub fn remove_at(&mut self, slot: Slot) -> Option<Entry<'_>> {
        let i = slot.0;
        if self.rows[i].flags & GONE != 0 {
            return None;
        }
        self.rows[i].flags |= GONE;
        self.live -= 1;
        Some(self.view(&self.rows[i]))
    }

    /// Keep every live entry that neither [`Files::keep`] nor [`Files::remove`] has touched and
    /// whose path `keep` accepts (the files under a directory that could not be listed this
    /// time: they are not deleted for that). Returns how many.
    pub fn keep_unseen_where(&mut self, keep: impl Fn(&str) -> bool) -> usize {
        let mut n = 0;
        for i in 0..self.rows.len() {
            if self.rows[i].flags & (SEEN | GONE) == 0 && keep(self.view(&self.rows[i]).path) {
                self.rows[i].flags |= SEEN;
                n += 1;
            }
        }
        n
    }

    /// Live entries of documents that have rows in a partition (articles, not failures).
    pub fn articles(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.flags & GONE == 0 && r.partition != NO_NAME)
            .count()
    }

    /// The partitions the live entries' rows are in.
    pub fn partitions(&self) -> std::collections::BTreeSet<&str> {
        self.rows
            .iter()
            .filter(|r| r.flags & GONE == 0)
            .filter_map(|r| self.name(r.partition))
            .collect()
    }

    /// Remove every entry that neither [`Files::keep`] nor [`Files::remove`] has touched (the
    /// files the inputs no longer have), handing each to `f`.
    pub fn remove_unseen(&mut self, mut f: impl FnMut(DocId, Entry<'_>)) {
        for i in 0..self.rows.len() {
            if self.rows[i].flags & (SEEN | GONE) == 0 {
                self.rows[i].flags |= GONE;
                self.live -= 1;
                f(self.rows[i].id, self.view(&self.rows[i]));
            }
        }
    }

    /// Forget the entries marked gone, and the paths that the attached list holds too.
    pub fn compact(&mut self) {
        self.rows.retain(|r| r.flags & GONE == 0);
        let mut paths = String::new();
        for r in &mut self.rows {
            if r.flags & LISTED == 0 {
                let start = paths.len();
                paths.push_str(&self.paths[r.path_start..r.path_start + r.path_len as usize]);
                r.path_start = start;
            }
        }
        self.paths = paths;
    }

    /// Live entries in id order.
    pub fn iter(&self) -> impl Iterator<Item = (DocId, Entry<'_>)> {
        let mut order: Vec<&Row> = self.rows.iter().filter(|r| r.flags & GONE == 0).collect();
        if self.unsorted {
            order.sort_unstable_by_key(|r| r.id);
        }
        order.into_iter().map(|r| (r.id, self.view(r)))
    }
}

impl PartialEq for Files {
    fn eq(&self, other: &Files) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Files {}

impl Serialize for Files {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Files {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Files, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Files;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of doc ids to file states")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Files, A::Error> {
                let mut files = Files::default();
                while let Some((id, e)) = m.next_entry::<DocId, FileState>()? {
                    files.push(id, None, e.view());
                }
                files.sort();
                Ok(files)
            }
        }
        d.deserialize_map(Visit)
    }
}

/// `<output>/_state/manifest.json`: one entry per input file of the published dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Format of this file.
    pub format: u32,
    pub fingerprint: Fingerprint,
    /// The run that published the dataset this manifest describes.
    pub run_id: String,
    /// The configuration that run used: a file's path, or `embedded`. A later run that falls
    /// back to the built-in rules on an output built from a file is refused.
    #[serde(default)]
    pub config_source: Option<String>,
    /// `doc_id` → state.
    pub files: Files,
    /// WARC files, each the unit of change for the pages it holds: the file's `doc_id` (its
    /// own entry in `files`, with its stat) → the `doc_id`s of its pages (their entries in
    /// `files`, with their partitions). An unchanged WARC file keeps all its pages; a changed
    /// one is read again and its previous pages replaced.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub containers: std::collections::BTreeMap<DocId, Vec<DocId>>,
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
pub fn classify(rel: &str, stat: Option<Stat>, prev: Option<Entry<'_>>) -> Class {
    let Some(prev) = prev else {
        return Class::New;
    };
    if prev.error.is_some_and(is_transient) {
        return Class::Retry;
    }
    let (Some(now), Some(then)) = (stat, prev.stat) else {
        return Class::Changed;
    };
    if prev.path != rel {
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
        // Never through a symbolic link: the lock file is truncated when a run ends.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the lock file is a symbolic link; remove it",
            )));
        }
        let mut options = File::options();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
        }
        let mut file = options.open(&path).map_err(io)?;
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

/// Whether `s` is a run id as newsetl makes them ([`crate::pipeline::new_run_id`]:
/// `20261129T170029905Z-04585`), possibly after a prefix (`bench-full-…`). Only names of this
/// shape are ever removed from an output.
pub fn is_run_id(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 25 {
        return false;
    }
    let tail = &b[b.len() - 25..];
    let prefix_ok = b.len() == 25 || b[b.len() - 26] == b'-';
    let digits = |r: std::ops::Range<usize>| tail[r].iter().all(u8::is_ascii_digit);
    prefix_ok
        && digits(0..8)
        && tail[8] == b'T'
        && digits(9..18)
        && tail[18] == b'Z'
        && tail[19] == b'-'
        && digits(20..25)
}

/// Leftovers of runs that died: their staging directories (`.staging-<run id>`, and
/// `.replaced-<run id>` of older versions). Only called with the lock held; nothing else is
/// touched.
pub fn leftovers(output: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(output) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            let id = n
                .strip_prefix(".staging-")
                .or_else(|| n.strip_prefix(".replaced-"));
            id.is_some_and(is_run_id) && e.file_type().is_ok_and(|t| t.is_dir())
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_ids() {
        assert!(is_run_id("20261129T170029905Z-04585"));
        assert!(is_run_id("bench-full-20261129T170029905Z-04585"));
        for no in [
            "my-backup",
            "20200101-keep",
            "x20261129T170029905Z-04585",
            "20261129T170029905Z-0458",
        ] {
            assert!(!is_run_id(no), "{no}");
        }
        assert!(is_run_id(&crate::pipeline::new_run_id()));
    }

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
        assert_eq!(
            classify("a.md", stat(10, 5), Some(prev.view())),
            Class::Unchanged
        );
        assert_eq!(
            classify("a.md", stat(10, 6), Some(prev.view())),
            Class::Suspect(hash("h"))
        );
        assert_eq!(
            classify("a.md", stat(11, 5), Some(prev.view())),
            Class::Changed
        );
        assert_eq!(classify("a.md", None, Some(prev.view())), Class::Changed);
        // A racily-recorded mtime (None) is never trusted.
        let racy = state(10, None, Some("h"), None);
        assert_eq!(
            classify("a.md", stat(10, 5), Some(racy.view())),
            Class::Suspect(hash("h"))
        );
        // I/O failures are retried; content failures are not.
        let io = state(10, Some(5), None, Some("io"));
        assert_eq!(classify("a.md", stat(10, 5), Some(io.view())), Class::Retry);
        let empty = state(10, Some(5), Some("h"), Some("empty"));
        assert_eq!(
            classify("a.md", stat(10, 5), Some(empty.view())),
            Class::Unchanged
        );
    }

    fn entry<'a>(path: &'a str, size: u64, partition: Option<&'a str>) -> Entry<'a> {
        FileState {
            path,
            stat: Some(Stat {
                size,
                mtime_ns: Some(7),
            }),
            content_hash: Some(ContentHash::of(path.as_bytes())),
            partition,
            error: partition.is_none().then_some("empty"),
        }
    }

    #[test]
    fn packed_entries_read_back_as_pushed_and_serialize_in_id_order() {
        let mut files = Files::default();
        files.push(DocId(9), None, entry("b/九.md", 3, Some("2022-03")));
        files.push(DocId(2), None, entry("a.md", 1, None));
        files.push(
            DocId(5),
            None,
            FileState {
                stat: None,
                content_hash: None,
                ..entry("c.md", 0, Some("2022-03"))
            },
        );
        assert_eq!(files.len(), 3);
        let json = serde_json::to_value(&files).unwrap();
        let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, [DocId(2), DocId(5), DocId(9)].map(|d| d.to_string()));
        // The same JSON as the owned entries would give (the manifest's format is unchanged).
        let owned: std::collections::BTreeMap<DocId, FileState> =
            serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&owned).unwrap(), json);
        assert_eq!(
            owned[&DocId(9)].view(),
            entry("b/九.md", 3, Some("2022-03"))
        );
        assert_eq!(owned[&DocId(5)].stat, None);
        // Read back: sorted, and lookups work.
        let back: Files = serde_json::from_value(json).unwrap();
        assert_eq!(back, files);
        assert_eq!(back.get(DocId(2)), Some(entry("a.md", 1, None)));
        assert_eq!(back.get(DocId(3)), None);
    }

    #[test]
    fn a_manifest_out_of_order_or_with_a_repeated_id_reads_like_a_map() {
        let e = |p: &str| {
            serde_json::to_value(FileState::<&str> {
                path: p,
                stat: None,
                content_hash: None,
                partition: None,
                error: None,
            })
            .unwrap()
        };
        let text = format!(
            r#"{{"{b}": {x}, "{a}": {y}, "{b}": {z}}}"#,
            a = DocId(1),
            b = DocId(2),
            x = e("old.md"),
            y = e("a.md"),
            z = e("new.md")
        );
        let files: Files = serde_json::from_str(&text).unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(files.get(DocId(1)).unwrap().path, "a.md");
        assert_eq!(files.get(DocId(2)).unwrap().path, "new.md");
    }

    #[test]
    fn a_plan_keeps_removes_and_finds_the_unseen_then_paths_come_from_the_list() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["a.md", "b.md", "c.md"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let (list, _) = crate::read::discover(dir.path(), &crate::read::ReadConfig::default());
        let list = Arc::new(list);
        let mut files = Files::default();
        for (i, name) in ["a.md", "b.md", "c.md"].iter().enumerate() {
            files.push(list.id(i), None, entry(name, 1, Some("2022-03")));
        }
        files.push(DocId(0), None, entry("gone.md", 1, Some("2021-01")));
        let mut files: Files =
            serde_json::from_value(serde_json::to_value(&files).unwrap()).unwrap();
        files.attach(list.clone());
        let new_stat = Some(Stat {
            size: 1,
            mtime_ns: Some(8),
        });
        assert!(
            files.keep(list.id(0), Some(0), new_stat),
            "the mtime changed"
        );
        assert!(!files.keep(list.id(2), Some(2), files.get(list.id(2)).unwrap().stat));
        assert_eq!(files.remove(list.id(1)).unwrap().path, "b.md");
        assert_eq!(files.get(list.id(1)), None);
        let mut unseen = Vec::new();
        files.remove_unseen(|id, e| unseen.push((id, e.path.to_string())));
        assert_eq!(unseen, [(DocId(0), "gone.md".to_string())]);
        files.compact();
        assert!(
            files.paths.is_empty(),
            "kept paths are the list's: {:?}",
            files.paths
        );
        files.push(list.id(1), Some(1), entry("b.md", 2, None));
        assert!(files.paths.is_empty());
        let got: Vec<_> = files
            .iter()
            .map(|(id, e)| (id, e.path.to_string(), e.stat))
            .collect();
        let mut want = vec![
            (list.id(0), "a.md".to_string(), new_stat),
            (list.id(1), "b.md".to_string(), entry("b.md", 2, None).stat),
            (list.id(2), "c.md".to_string(), entry("c.md", 1, None).stat),
        ];
        want.sort_by_key(|w| w.0);
        assert_eq!(got, want);
    }

    #[test]
    fn rows_are_as_small_as_the_docs_say() {
        // README gives this size per manifest entry.
        assert_eq!(std::mem::size_of::<Row>(), 64);
    }

    #[test]
    fn locate_finds_what_a_search_per_id_finds() {
        let mut files = Files::default();
        for k in (0..200u64).step_by(3) {
            files.push(DocId(k * 7919 % 1000), None, entry("x.md", k, None));
        }
        let mut files: Files =
            serde_json::from_value(serde_json::to_value(&files).unwrap()).unwrap();
        files.remove(DocId(3 * 7919 % 1000));
        let ids: Vec<DocId> = (0..1000u64).rev().map(DocId).collect();
        let slots = files.locate(ids.len(), |k| ids[k]);
        for (k, id) in ids.iter().enumerate() {
            assert_eq!(
                slots[k].and_then(|s| files.get_at(s)),
                files.get(*id),
                "{id}"
            );
        }
        assert_eq!(slots.iter().flatten().count(), files.len());
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
            config_source: None,
            files: Files::default(),
            containers: Default::default(),
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
