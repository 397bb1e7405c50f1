//! Durability: what makes a publish survive a power loss, not only a kill. A rename is atomic
//! but not durable until the directory holding it is synced, and a file's blocks are not on disk
//! until the file is synced (POSIX `fsync`; on Linux, `fsync` of a directory makes its entries
//! durable). The sink syncs every file it wrote and every directory of the staged tables before
//! it exchanges them with the published ones, and syncs the output directory after.

use std::fs::File;
use std::io;
use std::path::Path;

/// `fsync` the file at `path` (its data and metadata).
pub fn sync_file(path: &Path) -> io::Result<()> {
    File::open(path)?.sync_all()
}

/// `fsync` the directory at `path`, making the entries created, renamed or removed in it
/// durable. A no-op where directories cannot be opened (Windows).
pub fn sync_dir(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(path)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// Sync every directory under `root` and `root` itself, deepest first (files are synced by
/// whoever wrote them).
pub fn sync_dirs(root: &Path) -> io::Result<()> {
    let mut dirs: Vec<std::path::PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        sync_dir(&d)?;
    }
    Ok(())
}

/// Rename `from` to `to` and sync the directory of `to` (and of `from` when it differs).
pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::rename(from, to)?;
    let to_dir = to.parent().unwrap_or(Path::new("."));
    sync_dir(to_dir)?;
    if let Some(from_dir) = from.parent()
        && from_dir != to_dir
    {
        sync_dir(from_dir)?;
    }
    Ok(())
}
