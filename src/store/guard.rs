//! What a run may do to the paths it is given: newsetl owns only the outputs it created, never
//! reads its own output, never takes a URL for a local path, and never publishes a dataset that
//! silently lost most of its documents.
//!
//! - **Ownership.** An output newsetl created holds [`OWNER_MARKER`] (a JSON file with the
//!   format version). A run refuses a non-empty directory without it ([`claim_output`]); an
//!   output written by a newsetl from before the marker (it has `_state/manifest.json`) is
//!   adopted. Inside an owned output, files newsetl did not write are carried over by every
//!   publish, never removed (`sink`).
//! - **Paths.** [`local_path`] refuses URL-shaped arguments (`s3://…`; `file://` is a local
//!   path); [`check_overlap`] refuses an output inside an input or an input inside the output.
//! - **Deletions.** [`check_deletions`]: a run that would remove more than
//!   `--max-delete-fraction` of the published documents (or all of them) is refused unless
//!   `--allow-deletes` is given.

use crate::error::RunError;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// The file that marks a directory as a newsetl output.
pub const OWNER_MARKER: &str = ".newsetl-output";
/// The format of outputs this build writes; an output marked with a later one is refused.
pub const OUTPUT_FORMAT: u32 = 1;

/// The contents of [`OWNER_MARKER`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OwnerMarker {
    /// The output's format version ([`OUTPUT_FORMAT`] when this build created it).
    pub format: u32,
    /// The newsetl version that created the output.
    pub created_by: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// What an output path is to a run, found without changing anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputState {
    /// Nothing there yet: created (with its marker) by the run.
    Missing,
    /// An empty directory: marked by the run.
    Empty,
    /// Marked as a newsetl output of a format this build knows.
    Owned,
    /// Written by a newsetl from before the marker (it has `_state/manifest.json`): adopted.
    Older,
}

/// What `output` is: see [`OutputState`].
///
/// Errors: the path is a file ([`RunError::OutputIsFile`]); a non-empty directory that is not a
/// newsetl output ([`RunError::NotOurs`], naming a few of its entries); a marker of a later
/// format ([`RunError::OutputFormat`]); I/O.
pub fn inspect_output(output: &Path) -> Result<OutputState, RunError> {
    let io = |source| RunError::Output {
        path: output.display().to_string(),
        source,
    };
    match std::fs::metadata(output) {
        Ok(m) if !m.is_dir() => {
            return Err(RunError::OutputIsFile {
                path: output.display().to_string(),
            });
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(OutputState::Missing),
        Err(e) => return Err(io(e)),
    }
    let marker = output.join(OWNER_MARKER);
    if marker.is_dir() {
        return Err(RunError::Output {
            path: marker.display().to_string(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the ownership marker is a directory, not newsetl's file: remove it if the output is newsetl's",
            ),
        });
    }
    match std::fs::read(&marker) {
        Ok(bytes) => {
            let m: OwnerMarker = serde_json::from_slice(&bytes).map_err(|e| RunError::Output {
                path: marker.display().to_string(),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            })?;
            if m.format > OUTPUT_FORMAT {
                return Err(RunError::OutputFormat {
                    path: output.display().to_string(),
                    found: m.format,
                    known: OUTPUT_FORMAT,
                });
            }
            return Ok(OutputState::Owned);
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    // The lock file is newsetl's own: a directory holding only it is empty.
    let mut entries: Vec<String> = std::fs::read_dir(output)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != super::state::LOCK_FILE && *n != format!("{OWNER_MARKER}.tmp"))
        .collect();
    entries.sort();
    if entries.is_empty() {
        return Ok(OutputState::Empty);
    }
    if output.join("_state").join("manifest.json").is_file() {
        return Ok(OutputState::Older);
    }
    let shown: Vec<String> = entries.iter().take(5).cloned().collect();
    Err(RunError::NotOurs {
        path: output.display().to_string(),
        entries: shown.join(", ") + if entries.len() > 5 { ", …" } else { "" },
    })
}

/// Make sure `output` is a directory this run may write ([`inspect_output`]), creating it and
/// writing its marker when it is new, empty or an older newsetl's.
pub fn claim_output(output: &Path) -> Result<(), RunError> {
    let io = |source| RunError::Output {
        path: output.display().to_string(),
        source,
    };
    match inspect_output(output)? {
        OutputState::Owned => Ok(()),
        OutputState::Missing => {
            std::fs::create_dir_all(output).map_err(io)?;
            write_marker(output).map_err(io)
        }
        OutputState::Empty | OutputState::Older => write_marker(output).map_err(io),
    }
}

/// Whether `output` carries the marker of a newsetl output.
pub fn is_owned(output: &Path) -> bool {
    output.join(OWNER_MARKER).is_file()
}

fn write_marker(output: &Path) -> std::io::Result<()> {
    let m = OwnerMarker {
        format: OUTPUT_FORMAT,
        created_by: format!("newsetl {}", env!("CARGO_PKG_VERSION")),
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    let tmp = output.join(format!("{OWNER_MARKER}.tmp"));
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(
        serde_json::to_string_pretty(&m)
            .expect("marker serializes")
            .as_bytes(),
    )?;
    f.write_all(b"\n")?;
    f.sync_all()?;
    std::fs::rename(&tmp, output.join(OWNER_MARKER))?;
    super::durable::sync_dir(output)
}

/// URL schemes of object stores and remote file systems: `s3:…` is never a local folder.
const URL_SCHEMES: &[&str] = &[
    "s3", "s3a", "s3n", "gs", "gcs", "az", "azure", "abfs", "abfss", "adl", "wasb", "wasbs",
    "hdfs", "webhdfs", "http", "https", "ftp", "sftp", "ssh", "oss", "cos", "obs", "r2",
];

/// A command-line path: a local path, or a `file://` URL of one (percent-escapes decoded).
/// Any other URL-shaped value (`s3://`, `gs://`, `az://`, `http(s)://`, …, and a known scheme
/// with a single slash or none, `s3:/bucket`) is refused: object storage is not a local
/// directory, and writing `./s3:/bucket/` would report a success that is not one. An empty
/// value is refused too.
///
/// Errors: a message naming the problem, for the argument parser to print (exit 2).
pub fn local_path(arg: &str) -> Result<PathBuf, String> {
    if arg.is_empty() {
        return Err("an empty path: give a directory".into());
    }
    let Some((scheme, rest)) = arg.split_once(':') else {
        return Ok(PathBuf::from(arg));
    };
    let is_scheme = !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let url = is_scheme && rest.starts_with("//");
    let known = URL_SCHEMES.iter().any(|k| scheme.eq_ignore_ascii_case(k));
    if !is_scheme || !(url || known || scheme.eq_ignore_ascii_case("file")) {
        return Ok(PathBuf::from(arg));
    }
    if scheme.eq_ignore_ascii_case("file") {
        // file:///abs/path (an empty host) or file://localhost/abs/path.
        let path = rest
            .strip_prefix("//")
            .map(|r| r.strip_prefix("localhost").unwrap_or(r));
        return match path {
            Some(p) if p.starts_with('/') => Ok(PathBuf::from(percent_decode(p)?)),
            _ => Err(format!(
                "{arg:?}: a file URL must name an absolute path (file:///data/posts)"
            )),
        };
    }
    Err(format!(
        "{arg:?} is a {scheme}: URL; newsetl reads and writes local directories only \
         (object storage is not supported yet): give a local path, or mount the bucket"
    ))
}

/// `%20` → ` ` (RFC 3986 percent-encoding of a file URL's path).
fn percent_decode(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("{s:?}: a bad %-escape in the file URL"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("{s:?}: the file URL's path is not UTF-8"))
}

/// `path` made absolute and free of `.`/`..`, with symlinks resolved in the part that exists
/// (an output that does not exist yet is resolved through its nearest existing ancestor).
fn resolved(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            // The part that does not exist yet, with its `..` applied to what exists.
            let mut out = c;
            for part in rest.iter().rev() {
                if part == ".." {
                    out.pop();
                } else if part != "." {
                    out.push(part);
                }
            }
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    // Nothing exists (cannot happen for an absolute path on a working system): normalize
    // lexically.
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `(device, inode)` of an existing path (symbolic links followed): the same directory
/// reached by two paths, through a bind mount or a link, has the same pair.
#[cfg(unix)]
fn identity(p: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
}
#[cfg(not(unix))]
fn identity(_: &Path) -> Option<(u64, u64)> {
    None
}

/// Whether `inner` is `outer` or inside it: by resolved paths, and by the identity of
/// `inner`'s existing ancestors (bind mounts, which paths cannot tell).
fn is_within(inner: &Path, outer: &Path) -> bool {
    let (ri, ro) = (resolved(inner), resolved(outer));
    if ri.starts_with(&ro) {
        return true;
    }
    let Some(target) = identity(&ro) else {
        return false;
    };
    ri.ancestors().any(|a| identity(a) == Some(target))
}

/// A symbolic link in `path`'s existing prefix that points nowhere: where a run would create
/// directories cannot be told.
fn dangling_link(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    abs.ancestors()
        .find(|a| {
            std::fs::symlink_metadata(a).is_ok_and(|m| m.file_type().is_symlink())
                && std::fs::metadata(a).is_err()
        })
        .map(Path::to_path_buf)
}

/// Refuse an input root that does not exist or is not a directory, an input inside another
/// input (documents read twice), an output inside an input (the next run would read the
/// dataset as documents) and an input inside the output (a publish would replace the
/// documents) — by resolved paths and by directory identity, so that symbolic links and bind
/// mounts do not hide it — and an output path through a dangling symbolic link.
pub fn check_overlap(inputs: &[PathBuf], output: &Path) -> Result<(), RunError> {
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(RunError::InputNotDir {
                    path: input.display().to_string(),
                });
            }
            Err(_) => {
                return Err(RunError::InputMissing {
                    path: input.display().to_string(),
                });
            }
        }
    }
    if let Some(link) = dangling_link(output) {
        return Err(RunError::Overlap {
            detail: format!(
                "the output path {} goes through {}, a symbolic link that points nowhere; give another output directory",
                output.display(),
                link.display()
            ),
        });
    }
    for (i, input) in inputs.iter().enumerate() {
        for other in &inputs[i + 1..] {
            if is_within(input, other) || is_within(other, input) {
                return Err(RunError::Overlap {
                    detail: format!(
                        "the inputs {} and {} overlap (one is the other or inside it): every document would be read twice; give each directory once",
                        input.display(),
                        other.display()
                    ),
                });
            }
        }
        if is_within(output, input) {
            return Err(RunError::Overlap {
                detail: format!(
                    "the output {} is inside the input {}: the next run would read the dataset as documents; choose an output directory outside every input",
                    output.display(),
                    input.display()
                ),
            });
        }
        if is_within(input, output) {
            return Err(RunError::Overlap {
                detail: format!(
                    "the input {} is inside the output {}: publishing would replace the documents; choose an output directory outside every input",
                    input.display(),
                    output.display()
                ),
            });
        }
    }
    Ok(())
}

/// The deletion policy of a run (`--max-delete-fraction`, `--allow-deletes`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeletePolicy {
    /// Highest share (0–1) of the published documents a run may delete without `allow`.
    pub max_fraction: f64,
    /// Deletions of any size are allowed.
    pub allow: bool,
}

impl Default for DeletePolicy {
    fn default() -> Self {
        DeletePolicy {
            max_fraction: 0.5,
            allow: false,
        }
    }
}

/// Refuse a run that would delete `deleted` of the `published` documents when that is all of
/// them, or more than the policy's share, unless deletions are allowed.
pub fn check_deletions(deleted: u64, published: u64, policy: DeletePolicy) -> Result<(), RunError> {
    if policy.allow || deleted == 0 || published == 0 {
        return Ok(());
    }
    let all = deleted >= published;
    let share = deleted as f64 / published as f64;
    if all || share > policy.max_fraction {
        return Err(RunError::TooManyDeletes {
            deleted,
            published,
            why: if all {
                "that is every published document; only --allow-deletes allows it".to_string()
            } else {
                format!(
                    "that is {:.1}% of them, over --max-delete-fraction {}; raise it or pass --allow-deletes",
                    share * 100.0,
                    policy.max_fraction
                )
            },
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_refused_and_file_urls_are_paths() {
        assert_eq!(local_path("out").unwrap(), PathBuf::from("out"));
        assert_eq!(
            local_path("file:///data/x").unwrap(),
            PathBuf::from("/data/x")
        );
        assert_eq!(
            local_path("file://localhost/data/x").unwrap(),
            PathBuf::from("/data/x")
        );
        assert!(local_path("file://data/x").is_err());
        assert_eq!(
            local_path("file:///data/o%20sp").unwrap(),
            PathBuf::from("/data/o sp")
        );
        for bad in ["s3:/bucket/out", "S3:bucket", "gs:/b", "file:o3", ""] {
            assert!(local_path(bad).is_err(), "{bad:?}");
        }
        // A colon in an ordinary name is a name.
        assert_eq!(
            local_path("notes:2022").unwrap(),
            PathBuf::from("notes:2022")
        );
        for url in [
            "s3://bucket/out",
            "gs://b/o",
            "az://c/o",
            "abfss://c@a/o",
            "https://example.com/x",
            "HTTP://x",
        ] {
            let e = local_path(url).unwrap_err();
            assert!(e.contains("local directories only"), "{e}");
        }
        // Not URLs: no scheme before `://`.
        assert_eq!(local_path("a b://c").unwrap(), PathBuf::from("a b://c"));
        assert_eq!(local_path("://x").unwrap(), PathBuf::from("://x"));
    }

    #[test]
    fn deletion_policy() {
        let p = DeletePolicy::default();
        assert!(check_deletions(0, 0, p).is_ok());
        assert!(check_deletions(5, 10, p).is_ok());
        assert!(check_deletions(6, 10, p).is_err());
        assert!(check_deletions(1, 1, p).is_err(), "all of them");
        let lax = DeletePolicy {
            max_fraction: 1.0,
            allow: false,
        };
        assert!(
            check_deletions(10, 10, lax).is_err(),
            "all is always refused"
        );
        assert!(check_deletions(9, 10, lax).is_ok());
        let allow = DeletePolicy {
            max_fraction: 0.0,
            allow: true,
        };
        assert!(check_deletions(10, 10, allow).is_ok());
        let msg = check_deletions(306, 306, p).unwrap_err().to_string();
        assert!(
            msg.contains("306") && msg.contains("--allow-deletes"),
            "{msg}"
        );
    }

    #[test]
    fn claiming_outputs() {
        let dir = tempfile::tempdir().unwrap();
        // A new directory is created and marked.
        let out = dir.path().join("new/out");
        claim_output(&out).unwrap();
        assert!(is_owned(&out));
        claim_output(&out).unwrap();
        // An empty directory is marked.
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        claim_output(&empty).unwrap();
        assert!(is_owned(&empty));
        // A directory of someone else's files is refused, and left as it was.
        let theirs = dir.path().join("theirs");
        std::fs::create_dir_all(theirs.join("articles")).unwrap();
        std::fs::write(theirs.join("articles/my-analysis.csv"), "a,b\n").unwrap();
        let e = claim_output(&theirs).unwrap_err();
        assert!(matches!(e, RunError::NotOurs { .. }), "{e}");
        assert!(e.to_string().contains("articles"), "{e}");
        assert!(!is_owned(&theirs));
        // An output of an older newsetl (a manifest, no marker) is adopted.
        let older = dir.path().join("older");
        std::fs::create_dir_all(older.join("_state")).unwrap();
        std::fs::write(older.join("_state/manifest.json"), "{}").unwrap();
        claim_output(&older).unwrap();
        assert!(is_owned(&older));
        // A file is not an output.
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(
            claim_output(&file),
            Err(RunError::OutputIsFile { .. })
        ));
        // A marker of a later format is refused.
        std::fs::write(
            out.join(OWNER_MARKER),
            r#"{"format": 99, "created_by": "newsetl 9", "created_at": "2030-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert!(matches!(
            claim_output(&out),
            Err(RunError::OutputFormat { found: 99, .. })
        ));
    }

    #[test]
    fn overlapping_inputs_and_outputs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("posts");
        std::fs::create_dir_all(input.join("articles")).unwrap();
        let ok = check_overlap(std::slice::from_ref(&input), &dir.path().join("out"));
        assert!(ok.is_ok());
        for (inputs, output) in [
            (vec![input.clone()], input.clone()),
            (vec![input.clone()], input.join("out")),
            (vec![input.join("articles")], input.clone()),
            // Through `..` and a path that does not exist yet.
            (vec![input.clone()], input.join("a/../b/new")),
        ] {
            let e = check_overlap(&inputs, &output).unwrap_err();
            assert!(matches!(e, RunError::Overlap { .. }), "{e}");
        }
        let e = check_overlap(&[dir.path().join("nope")], &dir.path().join("out")).unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
        // Nested inputs, and one input given twice.
        for inputs in [
            vec![input.clone(), input.join("articles")],
            vec![input.clone(), dir.path().join("posts/")],
        ] {
            let e = check_overlap(&inputs, &dir.path().join("out")).unwrap_err();
            assert!(e.to_string().contains("overlap"), "{e}");
        }
        // Through a symbolic link to the input, and through a dangling one.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&input, dir.path().join("alias")).unwrap();
            assert!(
                check_overlap(std::slice::from_ref(&input), &dir.path().join("alias/out")).is_err()
            );
            std::os::unix::fs::symlink(dir.path().join("missing"), dir.path().join("broken"))
                .unwrap();
            let e = check_overlap(
                std::slice::from_ref(&input),
                &dir.path().join("broken/x/../../out"),
            )
            .unwrap_err();
            assert!(e.to_string().contains("points nowhere"), "{e}");
        }
    }
}
