//! The stamp beside a cache file that says an earlier run of juan checked it whole — every
//! part's checksums and every value its decoders read — and that the file has not changed
//! since. A load that finds it marks the file's sections [checked before]
//! (crate::column::codec::Decoder::is_checked_before) and skips those checks: at ten million
//! articles they read all 2.2 GB of the file, 0.3 s of every command and most of its resident
//! memory, where a query needs a few lists and the titles it matches.
//!
//! The stamp names the file it vouches for as the file system does: device, inode, length
//! and modification time, to the nanosecond. Any write to the file moves its modification
//! time, and juan only ever replaces a cache by renaming a new file over it (a new inode);
//! a copied or restored cache is a new inode too. The stamp lies in the cache folder, where
//! only the user may write ([`super::trust`]): it is as trustworthy as the cache itself, and
//! whoever could forge one could forge the other. It is written only after a whole check of
//! the very file opened (its identity read from the open file before and after the check),
//! to a temporary file renamed into place; a stamp that does not read back exactly, or names
//! another file, is ignored and the file checked again.
//!
//! Modification times move in clock ticks (milliseconds), so a write in the same tick as the
//! one before it may leave the time as it was: a file modified less than [`SETTLED`] ago gets
//! no stamp (as git treats a "racily clean" index entry). A cache is read again a second
//! after it was written at the earliest in practice, and stamped then.
//!
//! ```text
//! magic "JUANSTMP" · cache format u32 · checks u32 · device u64 · inode u64 · length u64 ·
//! modified: seconds i64, nanoseconds u64 · XXH3 of all the above u64
//! ```

use std::fs::{File, Metadata};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use xxhash_rust::xxh3::xxh3_64;

/// First bytes of every stamp.
const MAGIC: &[u8; 8] = b"JUANSTMP";
/// What a whole check checks, bumped whenever a decoder checks something new: a stamp made
/// by an older check is not believed.
const CHECKS: u32 = 1;
/// Bytes of a stamp.
const LEN: usize = 64;
/// How long ago a file must have been modified last to be stamped: longer than any clock
/// tick, so that a later write cannot leave its modification time as it was.
const SETTLED: Duration = Duration::from_secs(1);

/// A cache file as the file system knows it: what any write to it, or a new file in its
/// place, changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Identity {
    device: u64,
    inode: u64,
    len: u64,
    modified_secs: i64,
    modified_nanos: u64,
}

impl Identity {
    /// The identity of the file whose metadata is `meta` (read from the open file).
    #[cfg(unix)]
    pub(super) fn of(meta: &Metadata) -> Identity {
        use std::os::unix::fs::MetadataExt;
        Identity {
            device: meta.dev(),
            inode: meta.ino(),
            len: meta.len(),
            modified_secs: meta.mtime(),
            modified_nanos: meta.mtime_nsec() as u64,
        }
    }

    /// Elsewhere no identity is known, and no stamp is believed.
    #[cfg(not(unix))]
    pub(super) fn of(_meta: &Metadata) -> Identity {
        Identity {
            device: u64::MAX,
            inode: u64::MAX,
            len: u64::MAX,
            modified_secs: i64::MAX,
            modified_nanos: u64::MAX,
        }
    }

    /// True when the file was modified at least [`SETTLED`] before now: it may be stamped.
    pub(super) fn settled(&self) -> bool {
        let modified = u64::try_from(self.modified_secs)
            .ok()
            .and_then(|s| UNIX_EPOCH.checked_add(Duration::new(s, self.modified_nanos as u32)));
        modified
            .and_then(|m| m.checked_add(SETTLED))
            .is_some_and(|settled| settled <= SystemTime::now())
    }

    /// The stamp's bytes for this file.
    fn stamp(&self) -> [u8; LEN] {
        let mut out = [0u8; LEN];
        out[..8].copy_from_slice(MAGIC);
        out[8..12].copy_from_slice(&super::VERSION.to_le_bytes());
        out[12..16].copy_from_slice(&CHECKS.to_le_bytes());
        for (k, n) in [
            self.device,
            self.inode,
            self.len,
            self.modified_secs as u64,
            self.modified_nanos,
        ]
        .into_iter()
        .enumerate()
        {
            out[16 + 8 * k..24 + 8 * k].copy_from_slice(&n.to_le_bytes());
        }
        let sum = xxh3_64(&out[..LEN - 8]);
        out[LEN - 8..].copy_from_slice(&sum.to_le_bytes());
        out
    }
}

/// Where the stamp of the cache file at `cache` lies: beside it, `KEY.idx.checked`.
pub(super) fn path_of(cache: &Path) -> PathBuf {
    let mut name = cache.file_name().unwrap_or_default().to_os_string();
    name.push(".checked");
    cache.with_file_name(name)
}

/// True when the folder `dir` holds a stamp for the cache file at `cache` that vouches for
/// the file of identity `file` (the one opened).
pub(super) fn vouches(dir: &Path, cache: &Path, file: Identity) -> bool {
    if cfg!(not(unix)) {
        return false;
    }
    let Some(stamp) = super::trust::open(dir, &path_of(cache)) else {
        return false;
    };
    let mut bytes = Vec::with_capacity(LEN + 1);
    // One more byte than a stamp has: a longer file is not a stamp.
    let read = stamp.take(LEN as u64 + 1).read_to_end(&mut bytes);
    read.is_ok() && bytes[..] == file.stamp()[..]
}

/// Writes the stamp vouching for the cache file at `cache`, open as `opened`, whose identity
/// was `file` before it was checked whole: nothing when it has changed since, or was modified
/// too recently to tell a later write ([`SETTLED`]). The file's data is flushed to the disk
/// first (nothing to do but for a cache written seconds ago), so that a crash cannot leave a
/// stamp vouching for pages that never reached it. Errors are ignored: a missing stamp only
/// means the next load checks again.
pub(super) fn write(dir: &Path, cache: &Path, opened: &File, file: Identity) {
    let unchanged = opened
        .metadata()
        .is_ok_and(|now| Identity::of(&now) == file);
    if cfg!(not(unix))
        || !unchanged
        || !file.settled()
        || !super::trust::dir_is_ours(dir)
        || opened.sync_data().is_err()
    {
        return;
    }
    let target = path_of(cache);
    let stem = target.file_name().unwrap_or_default().to_string_lossy();
    let Ok(mut temp) = tempfile::Builder::new()
        .prefix(&format!("{stem}."))
        .suffix(".tmp")
        .tempfile_in(dir)
    else {
        return;
    };
    if temp.write_all(&file.stamp()).is_ok() {
        let _ = temp.persist(&target);
    }
}

/// Removes the stamp of the cache file at `cache` (when the cache itself goes).
pub(super) fn remove(cache: &Path) {
    let _ = std::fs::remove_file(path_of(cache));
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        dir
    }

    fn identity(path: &Path) -> Identity {
        Identity::of(&std::fs::File::open(path).unwrap().metadata().unwrap())
    }

    /// Writes `bytes` to `path`, modified a minute ago (settled).
    fn settled(path: &Path, bytes: &[u8]) {
        std::fs::write(path, bytes).unwrap();
        let minute_ago = SystemTime::now() - Duration::from_secs(60);
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(minute_ago).unwrap();
    }

    #[test]
    fn a_stamp_vouches_for_the_file_it_was_written_for_and_no_other() {
        let dir = folder();
        let d = dir.path();
        let cache = d.join("0123456789abcdef.idx");
        settled(&cache, b"a cache");
        let file = identity(&cache);
        assert!(!vouches(d, &cache, file), "no stamp yet");
        write(d, &cache, &File::open(&cache).unwrap(), file);
        assert_eq!(path_of(&cache), d.join("0123456789abcdef.idx.checked"));
        assert!(vouches(d, &cache, file));
        // A write moves the modification time; a new file in its place is a new inode.
        std::fs::OpenOptions::new()
            .write(true)
            .open(&cache)
            .unwrap()
            .write_all(b"A")
            .unwrap();
        assert!(!vouches(d, &cache, identity(&cache)));
        let other = d.join("other");
        settled(&other, b"a cache");
        std::fs::rename(&other, &cache).unwrap();
        assert!(!vouches(d, &cache, identity(&cache)));
        remove(&cache);
        assert!(!path_of(&cache).exists());
    }

    #[test]
    fn a_file_changed_during_its_check_gets_no_stamp() {
        let dir = folder();
        let d = dir.path();
        let cache = d.join("c.idx");
        settled(&cache, b"before");
        let before = identity(&cache);
        let opened = File::open(&cache).unwrap();
        std::fs::write(&cache, b"after!").unwrap();
        write(d, &cache, &opened, before);
        assert!(!path_of(&cache).exists());
        // Nor one written just now, even unchanged since: a write in the same clock tick
        // could leave its modification time as it is.
        write(d, &cache, &opened, identity(&cache));
        assert!(!path_of(&cache).exists());
        settled(&cache, b"after!");
        write(d, &cache, &opened, identity(&cache));
        assert!(path_of(&cache).exists());
    }

    #[test]
    fn a_stamp_that_does_not_read_back_exactly_is_not_believed() {
        let dir = folder();
        let d = dir.path();
        let cache = d.join("c.idx");
        std::fs::write(&cache, b"a cache").unwrap();
        let file = identity(&cache);
        let good = file.stamp();
        let stamp = path_of(&cache);
        let mut longer = good.to_vec();
        longer.push(0);
        let mut other_checks = good;
        other_checks[12] ^= 1;
        let sum = xxh3_64(&other_checks[..LEN - 8]);
        other_checks[LEN - 8..].copy_from_slice(&sum.to_le_bytes());
        let mut bad_sum = good;
        bad_sum[LEN - 1] ^= 1;
        for bytes in [
            &good[..LEN - 1],
            &longer[..],
            &other_checks[..],
            &bad_sum[..],
        ] {
            std::fs::write(&stamp, bytes).unwrap();
            std::fs::set_permissions(&stamp, std::fs::Permissions::from_mode(0o600)).unwrap();
            assert!(!vouches(d, &cache, file));
        }
        std::fs::write(&stamp, good).unwrap();
        assert!(vouches(d, &cache, file));
        // One others may write is not believed ([`super::super::trust`]).
        std::fs::set_permissions(&stamp, std::fs::Permissions::from_mode(0o666)).unwrap();
        assert!(!vouches(d, &cache, file));
    }
}
