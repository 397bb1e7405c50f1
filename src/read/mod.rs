//! Stage 1 — read: discover input files, read and decode them, give each a stable id.
//!
//! Rules: recursive, deterministic (sorted by name) discovery of the configured extensions;
//! hidden entries (`.name`) skipped; symlinks followed but loops detected and reported;
//! decoding ([`decode`]) by BOM, the page's declared charset, and detection.

use crate::error::{DocError, ErrorKind, Stage};
use serde::{Deserialize, Serialize};
use serde_with::{DeserializeFromStr, SerializeDisplay};
use std::path::{Path, PathBuf};

/// `read:` in `newsetl.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReadConfig {
    /// File extensions (without the dot, case-insensitive) that are documents.
    pub extensions: Vec<String>,
    /// Files larger than this are not parsed; they get an errors row (`too_large`).
    pub max_file_bytes: u64,
    /// Documents whose HTML nests deeper than this are not parsed (`too_deep`): the HTML tree
    /// builder is quadratic in nesting depth.
    pub max_nesting_depth: usize,
}

impl Default for ReadConfig {
    fn default() -> Self {
        ReadConfig {
            extensions: ["md", "markdown", "txt", "html", "htm"]
                .map(String::from)
                .to_vec(),
            max_file_bytes: 32 * 1024 * 1024,
            max_nesting_depth: 512,
        }
    }
}

impl ReadConfig {
    pub fn validate(&self, report: &mut impl FnMut(String, String)) {
        if self.extensions.is_empty() {
            report(
                "read.extensions".into(),
                "must list at least one extension".into(),
            );
        }
        for (i, e) in self.extensions.iter().enumerate() {
            if e.is_empty() || e.starts_with('.') || e.contains('/') {
                report(
                    format!("read.extensions[{i}]"),
                    format!("{e:?} is not an extension (write it without the dot)"),
                );
            }
        }
        if self.max_file_bytes == 0 {
            report("read.max_file_bytes".into(), "must be positive".into());
        }
        if self.max_nesting_depth < 16 {
            report(
                "read.max_nesting_depth".into(),
                "must be at least 16".into(),
            );
        }
    }

    /// Whether a file is an input: a document of a configured extension, or a WARC file
    /// (`.warc`, `.warc.gz`), which holds many.
    fn wants(&self, path: &Path) -> bool {
        // Not `Path::extension`: it sees no extension in `.md`, a blank-titled post.
        // Lossy: a name that is not UTF-8 (`caf\xe9.md`) is still a document.
        path.file_name()
            .map(|n| n.to_string_lossy())
            .is_some_and(|n| {
                warc::is_warc_name(&n)
                    || n.rsplit_once('.').is_some_and(|(_, e)| {
                        self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e))
                    })
            })
    }
}

/// One discovered input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path to open.
    pub path: PathBuf,
    /// Path relative to its input root, `/`-separated: the `source_path` column.
    pub rel: String,
    /// Stable id derived from `rel`.
    pub doc_id: DocId,
}

impl SourceFile {
    /// The file at `path`, found under `root`.
    pub fn new(root: &Path, path: PathBuf) -> SourceFile {
        let rel_path = path.strip_prefix(root).unwrap_or(&path);
        let mut rel = rel_path
            .components()
            .filter(|c| !matches!(c, std::path::Component::RootDir))
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if rel_path.has_root() {
            rel.insert(0, '/');
        }
        // The id hashes the raw bytes of the relative path, so two non-UTF-8 names that are
        // lossily displayed alike still get different ids.
        let mut raw = Vec::new();
        push_raw(&mut raw, rel_path);
        let doc_id = DocId::of(&raw);
        SourceFile { path, rel, doc_id }
    }
}

/// Append the raw bytes of a relative path, its components joined by `/`.
fn push_raw(buf: &mut Vec<u8>, rel: &Path) {
    for (i, c) in rel.components().enumerate() {
        if i > 0 {
            buf.push(b'/');
        }
        buf.extend_from_slice(c.as_os_str().as_encoded_bytes());
    }
}

/// The documents found under input roots, in discovery order, packed: a run holds one entry per
/// input file, so each is a fixed-size row (root, id, where its relative path is) with the
/// relative paths' raw bytes end to end in one buffer. [`FileList::file`] gives one as the
/// [`SourceFile`] that [`SourceFile::new`] would have made of it.
#[derive(Debug, Default)]
pub struct FileList {
    roots: Vec<PathBuf>,
    rel: Vec<u8>,
    rows: Vec<Found>,
}

#[derive(Debug, Clone, Copy)]
struct Found {
    id: DocId,
    start: usize,
    len: u32,
    root: u32,
}

impl Found {
    /// Its relative path's bytes in the list's buffer `rel`.
    fn raw<'a>(&self, rel: &'a [u8]) -> &'a [u8] {
        &rel[self.start..self.start + self.len as usize]
    }
}

impl FileList {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Add the file at `path` under the last root.
    fn push(&mut self, path: &Path) {
        let root = self.roots.len() - 1;
        let rel = path
            .strip_prefix(&self.roots[root])
            .expect("a walk yields paths under its root");
        let start = self.rel.len();
        push_raw(&mut self.rel, rel);
        let len = u32::try_from(self.rel.len() - start).expect("a path shorter than 4 GiB");
        self.rows.push(Found {
            id: DocId::of(&self.rel[start..]),
            start,
            len,
            root: u32::try_from(root).expect("fewer than 4 billion roots"),
        });
    }

    fn raw(&self, i: usize) -> &[u8] {
        self.rows[i].raw(&self.rel)
    }

    pub fn id(&self, i: usize) -> DocId {
        self.rows[i].id
    }

    /// The `source_path` of file `i`: its relative path, `/`-separated (lossy if not UTF-8).
    pub fn rel(&self, i: usize) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(self.raw(i))
    }

    /// The `source_path` of file `i` when its relative path is UTF-8 (as names almost always are).
    pub fn rel_str(&self, i: usize) -> Option<&str> {
        std::str::from_utf8(self.raw(i)).ok()
    }

    /// The path to open.
    pub fn path(&self, i: usize) -> PathBuf {
        let root = &self.roots[self.rows[i].root as usize];
        #[cfg(unix)]
        let rel = {
            use std::os::unix::ffi::OsStrExt;
            std::ffi::OsStr::from_bytes(self.raw(i))
        };
        // Elsewhere names are Unicode to begin with (or the lossy name is the best there is).
        #[cfg(not(unix))]
        let rel = &*self.rel(i);
        root.join(rel)
    }

    pub fn file(&self, i: usize) -> SourceFile {
        SourceFile {
            path: self.path(i),
            rel: self.rel(i).into_owned(),
            doc_id: self.id(i),
        }
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = SourceFile> + '_ {
        (0..self.len()).map(|i| self.file(i))
    }

    /// Keep the files for which `keep(id, rel)` says so.
    pub fn retain(&mut self, mut keep: impl FnMut(DocId, &str) -> bool) {
        let rel = &self.rel;
        self.rows
            .retain(|f| keep(f.id, &String::from_utf8_lossy(f.raw(rel))));
    }

    /// Add every file of `other` after these.
    pub fn append(&mut self, other: FileList) {
        if self.roots.is_empty() {
            *self = other;
            return;
        }
        let (roots, offset) = (self.roots.len() as u32, self.rel.len());
        self.roots.extend(other.roots);
        self.rel.extend(other.rel);
        self.rows.extend(other.rows.into_iter().map(|f| Found {
            root: f.root + roots,
            start: f.start + offset,
            ..f
        }));
    }
}

/// The stable document id: XXH3-64 over the relative path's bytes, written as 16 hex digits
/// (the `doc_id` column). Kept as a number in memory: the run state holds one per input file.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, SerializeDisplay, DeserializeFromStr,
)]
pub struct DocId(pub u64);

impl DocId {
    pub fn of(rel_path_bytes: &[u8]) -> DocId {
        DocId(xxhash_rust::xxh3::xxh3_64(rel_path_bytes))
    }

    /// The id written as `doc_id` (exactly 16 lowercase hex digits), else `None`.
    pub fn parse(s: &str) -> Option<DocId> {
        hex_digits(s, 16)
            .then(|| u64::from_str_radix(s, 16).ok())
            .flatten()
            .map(DocId)
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// XXH3-128 of a file's bytes, written as 32 hex digits (the `content_hash` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, SerializeDisplay, DeserializeFromStr)]
pub struct ContentHash(pub [u8; 16]);

impl ContentHash {
    pub fn of(bytes: &[u8]) -> ContentHash {
        ContentHash(xxhash_rust::xxh3::xxh3_128(bytes).to_be_bytes())
    }

    /// [`ContentHash::of`] the bytes of a reader, read to its end in 64 KiB steps (a WARC file
    /// of gigabytes is never held whole).
    pub fn of_reader(mut r: impl std::io::Read) -> std::io::Result<ContentHash> {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match r.read(&mut buf) {
                Ok(0) => return Ok(ContentHash(h.digest128().to_be_bytes())),
                Ok(n) => h.update(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The hash as written (exactly 32 lowercase hex digits), else `None`.
    pub fn parse(s: &str) -> Option<ContentHash> {
        hex_digits(s, 32)
            .then(|| u128::from_str_radix(s, 16).ok())
            .flatten()
            .map(|n| ContentHash(n.to_be_bytes()))
    }
}

impl std::fmt::Display for ContentHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:032x}", u128::from_be_bytes(self.0))
    }
}

fn hex_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Both ids are read and written (in the JSON run manifest) as their hex strings: serde goes
/// through `Display` and `FromStr`.
impl std::str::FromStr for DocId {
    type Err = String;
    fn from_str(s: &str) -> Result<DocId, String> {
        DocId::parse(s).ok_or_else(|| format!("{s:?} is not a doc_id (16 hex digits)"))
    }
}

impl std::str::FromStr for ContentHash {
    type Err = String;
    fn from_str(s: &str) -> Result<ContentHash, String> {
        ContentHash::parse(s).ok_or_else(|| format!("{s:?} is not a content hash (32 hex digits)"))
    }
}

/// A discovery problem (unreadable directory, symlink loop): becomes an errors row.
#[derive(Debug, Clone)]
pub struct DiscoveryError {
    pub rel: String,
    pub error: DocError,
    /// A directory that could not be listed (permissions, I/O): what it holds is unknown, not
    /// gone.
    pub unlisted_dir: bool,
}

/// The files under `root` at the relative paths `rels` (`/`-separated, as [`FileList::rel`]
/// gives them), in that order, without looking at the file system: a listing made earlier (a
/// sharded run's plan). A file gone since is found missing when it is read.
pub fn listed(root: &Path, rels: &[String]) -> FileList {
    let mut files = FileList {
        roots: vec![root.to_path_buf()],
        ..FileList::default()
    };
    for rel in rels {
        files.push(&under(root, rel));
    }
    files
}

/// The path of `rel` (`/`-separated, as a `source_path`) under `root`.
pub fn under(root: &Path, rel: &str) -> PathBuf {
    rel.split('/')
        .filter(|c| !c.is_empty())
        .fold(root.to_path_buf(), |p, c| p.join(c))
}

/// Walk `root` and list the documents in a deterministic order.
pub fn discover(root: &Path, cfg: &ReadConfig) -> (FileList, Vec<DiscoveryError>) {
    let mut files = FileList {
        roots: vec![root.to_path_buf()],
        ..FileList::default()
    };
    let mut errors = Vec::new();
    // Entries of one directory share their parent's path, so comparing whole paths as bytes
    // orders them by name, without parsing each path for its file name.
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by(|a, b| {
            a.path()
                .as_os_str()
                .as_encoded_bytes()
                .cmp(b.path().as_os_str().as_encoded_bytes())
        })
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e, cfg));
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_file() && cfg.wants(e.path()) {
                    files.push(e.path());
                }
            }
            Err(err) => {
                let rel = err
                    .path()
                    .map(|p| SourceFile::new(root, p.to_path_buf()).rel)
                    .unwrap_or_default();
                let unlisted_dir =
                    err.loop_ancestor().is_none() && err.path().is_some_and(Path::is_dir);
                let message = if let Some(anc) = err.loop_ancestor() {
                    format!("symbolic link loop back to {}", anc.display())
                } else if unlisted_dir {
                    format!(
                        "directory could not be listed ({err}); its documents are kept as they were"
                    )
                } else {
                    err.to_string()
                };
                errors.push(DiscoveryError {
                    rel,
                    error: DocError::new(Stage::Read, ErrorKind::Discovery, message),
                    unlisted_dir,
                });
            }
        }
    }
    (files, errors)
}

/// Hidden entries (`.git`, `.staging-…`, `.DS_Store`) are skipped — except a file named only
/// `.<extension>`: that is what a post with a blank title is saved as.
fn is_hidden(e: &walkdir::DirEntry, cfg: &ReadConfig) -> bool {
    hidden_name(
        &e.file_name().to_string_lossy(),
        e.file_type().is_dir(),
        cfg,
    )
}

/// Whether an entry named `name` is hidden (a leading `.`), except a file named only by a
/// configured extension: a blank-titled post (`.md`). Shared by the walk and object listings.
fn hidden_name(name: &str, is_dir: bool, cfg: &ReadConfig) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let blank_titled_post = !is_dir && cfg.extensions.iter().any(|x| x.eq_ignore_ascii_case(rest));
    !blank_titled_post
}

/// The [`ContentHash`] of a file's bytes, streamed. Errors: `read/io`.
pub fn hash_file(path: &Path) -> Result<ContentHash, DocError> {
    std::fs::File::open(path)
        .and_then(ContentHash::of_reader)
        .map_err(|e| DocError::new(Stage::Read, ErrorKind::Io, format!("cannot read file: {e}")))
}

/// Read a file's bytes, refusing files over the size limit before reading them. One open and
/// one fstat: the path is resolved once.
pub fn read_bytes(path: &Path, cfg: &ReadConfig) -> Result<Vec<u8>, DocError> {
    read_file(path, cfg).map(|(b, _)| b)
}

/// [`read_bytes`], also giving the file's modification time (from the same fstat).
pub fn read_file(
    path: &Path,
    cfg: &ReadConfig,
) -> Result<(Vec<u8>, Option<chrono::DateTime<chrono::Utc>>), DocError> {
    use std::io::Read;
    let io = |e: std::io::Error| {
        DocError::new(Stage::Read, ErrorKind::Io, format!("cannot read file: {e}"))
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.len() > cfg.max_file_bytes {
        return Err(DocError::new(
            Stage::Read,
            ErrorKind::TooLarge,
            format!(
                "file is {} bytes, over read.max_file_bytes = {}",
                meta.len(),
                cfg.max_file_bytes
            ),
        ));
    }
    let modified = meta
        .modified()
        .ok()
        .map(chrono::DateTime::<chrono::Utc>::from);
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).map_err(io)?;
    Ok((bytes, modified))
}

pub mod decode;
pub mod objects;
pub mod warc;

pub use decode::{Decoded, EncodingSource, decode, decode_with_transport};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_fixed_width_hex_and_read_back() {
        use xxhash_rust::xxh3::{xxh3_64, xxh3_128};
        let id = DocId::of(b"a.md");
        assert_eq!(id.to_string(), format!("{:016x}", xxh3_64(b"a.md")));
        assert_eq!(DocId(1).to_string(), "0000000000000001");
        assert_eq!(DocId::parse(&id.to_string()), Some(id));
        let h = ContentHash::of(b"x");
        assert_eq!(h.to_string(), format!("{:032x}", xxh3_128(b"x")));
        assert_eq!(ContentHash::parse(&h.to_string()), Some(h));
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{id}\""));
        assert_eq!(
            serde_json::from_str::<DocId>(&format!("\"{id}\"")).unwrap(),
            id
        );
        assert!(serde_json::from_str::<ContentHash>("\"12\"").is_err());
        for bad in [
            "",
            "xyz",
            "00000000000000001",
            "ABCDEF0123456789",
            "+bcdef0123456789",
        ] {
            assert_eq!(DocId::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn doc_id_is_stable_and_path_based() {
        let a = SourceFile::new(Path::new("/data/in"), PathBuf::from("/data/in/金融/a.md"));
        let b = SourceFile::new(
            Path::new("/elsewhere"),
            PathBuf::from("/elsewhere/金融/a.md"),
        );
        assert_eq!(a.rel, "金融/a.md");
        assert_eq!(a.doc_id, b.doc_id);
        assert_eq!(a.doc_id, DocId::of("金融/a.md".as_bytes()));
        assert_ne!(a.doc_id, DocId::of(b"b.md"));
    }

    #[test]
    fn discovery_is_sorted_skips_hidden_and_other_extensions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for f in [
            "b/2.md",
            "a.HTML",
            "b/1.txt",
            ".hidden.md",
            ".git/x.md",
            "c.png",
            " .md",
            "b/.md",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let (files, errors) = discover(root, &ReadConfig::default());
        assert!(errors.is_empty());
        let rels: Vec<_> = files.iter().map(|f| f.rel).collect();
        assert_eq!(rels, [" .md", "a.HTML", "b/.md", "b/1.txt", "b/2.md"]);
    }

    #[test]
    fn a_listed_file_takes_24_bytes_beside_its_path() {
        // README gives this size per discovered file.
        assert_eq!(std::mem::size_of::<Found>(), 24);
    }

    #[test]
    fn the_packed_list_gives_the_files_that_source_file_would() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("金融/新浪 财经")).unwrap();
        let mut names = vec![
            PathBuf::from("金融/新浪 财经/a b.md"),
            PathBuf::from("line\nbreak.md"),
            PathBuf::from("z.md"),
        ];
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            names.push(PathBuf::from(std::ffi::OsStr::from_bytes(b"caf\xe9.md")));
        }
        for n in &names {
            std::fs::write(root.join(n), "x").unwrap();
        }
        let (files, errors) = discover(root, &ReadConfig::default());
        assert!(errors.is_empty());
        assert_eq!(files.len(), names.len());
        for (i, f) in files.iter().enumerate() {
            let expected = SourceFile::new(root, f.path.clone());
            assert_eq!(f, expected);
            assert!(f.path.is_file(), "{:?}", f.path);
            assert_eq!(
                files.rel_str(i),
                std::str::from_utf8(
                    f.path
                        .strip_prefix(root)
                        .unwrap()
                        .as_os_str()
                        .as_encoded_bytes()
                )
                .ok()
            );
        }
        // Two roots, one file dropped: indices and paths follow.
        let other = tempfile::tempdir().unwrap();
        std::fs::write(other.path().join("o.md"), "x").unwrap();
        let (more, _) = discover(other.path(), &ReadConfig::default());
        let mut all = files;
        all.retain(|_, rel| rel != "z.md");
        all.append(more);
        let rels: Vec<String> = all.iter().map(|f| f.rel).collect();
        assert!(!rels.contains(&"z.md".to_string()));
        let last = all.file(all.len() - 1);
        assert_eq!(
            last,
            SourceFile::new(other.path(), other.path().join("o.md"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/doc.md"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("a/loop")).unwrap();
        let (files, errors) = discover(root, &ReadConfig::default());
        assert_eq!(files.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].error.message.contains("loop"), "{:?}", errors[0]);
    }
}
