//! The process's memory, as the allocator sees it: what keeps peak resident memory bounded by
//! `output.max_buffered_bytes` rather than by how long a run has been going.
//!
//! glibc only; elsewhere both functions do nothing. Measured effects: BENCHMARKS.md, Memory.

/// Have the allocator give large freed blocks back to the system at once. Call once per
/// process, before the first run (the binary and the benchmark do).
///
/// glibc serves blocks of 128 KiB and more with their own `mmap`, but raises that threshold to
/// the size of any such block that is freed, after which large blocks come from the heap, where
/// their space is kept for reuse when freed instead of returned. A run frees many large blocks
/// (Arrow builders' buffers as they grow, row groups once written); with the threshold fixed at
/// 128 KiB each goes back to the system when freed.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of glibc's allocator; any value is valid.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Return the free pages inside the allocator's heaps to the system. The sink calls it after
/// writing row groups early: encoding a row group allocates and frees many small blocks around
/// the few that stay (the file's row-group metadata), and without this the holes they leave
/// stay resident, so that resident memory grew with every row group written.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the system; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}
