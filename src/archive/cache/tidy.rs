//! Keeping the cache folder small: the temporary files of loads that died (killed, or quit
//! during a first load) are removed, and the least recently used caches go once all of them
//! together pass a cap (`JUAN_CACHE_MAX_MB`, 4096 MB by default). A cache is "used" when it
//! is written (its modification time) or read (reading sets its access time). The caches of
//! the archive being written for are never among them: its title cache and body index are
//! what is in use, and at ten million articles they pass the cap together (2.2 + 8.6 GB), so
//! each body index file written removed the title cache and the files written before it.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// A temporary file not written to for this long belongs to a load that died.
const DEAD_AFTER: Duration = Duration::from_secs(3600);

/// The cap on all caches together, in bytes: `JUAN_CACHE_MAX_MB`, else 4096 MB.
pub(super) fn cap() -> u64 {
    std::env::var("JUAN_CACHE_MAX_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(4096)
        .saturating_mul(1 << 20)
}

/// The archive a cache file belongs to: its name up to the first `.` or `-`
/// (`KEY.idx`, `KEY-PART.ftx`).
fn archive_key(name: &str) -> &str {
    name.split(['.', '-']).next().unwrap_or(name)
}

/// Removes the dead temporary files in `dir`, then the least recently used caches until the
/// rest fit in `cap` bytes; `keep` (the cache just written) and every other cache of its
/// archive always stay. Errors are ignored: tidying only saves room.
pub(super) fn tidy(dir: &Path, keep: &Path, cap: u64) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let keep_name = keep.file_name().map(|n| n.to_string_lossy().into_owned());
    let keep_key = keep_name.as_deref().map(archive_key);
    let now = SystemTime::now();
    let mut caches = Vec::new();
    let mut kept: u64 = 0;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let modified = meta.modified().unwrap_or(now);
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".tmp") {
            if now.duration_since(modified).unwrap_or_default() > DEAD_AFTER {
                let _ = std::fs::remove_file(&path);
            }
        } else if name.ends_with(".idx") || name.ends_with(".ftx") {
            if Some(archive_key(&name)) == keep_key {
                kept += meta.len();
            } else {
                let used = meta.accessed().map_or(modified, |a| a.max(modified));
                caches.push((used, meta.len(), path));
            }
        }
    }
    let mut total: u64 = kept + caches.iter().map(|c| c.1).sum::<u64>();
    caches.sort();
    for (_, len, path) in caches {
        if total <= cap {
            break;
        }
        if std::fs::remove_file(&path).is_ok() {
            total -= len;
            // A title cache's stamp goes with it ([`super::stamp`]).
            super::stamp::remove(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file `name` of `len` bytes in `dir`, written and read last at `when`.
    fn written(dir: &Path, name: &str, len: usize, when: SystemTime) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, vec![0u8; len]).unwrap();
        let times = std::fs::FileTimes::new()
            .set_modified(when)
            .set_accessed(when);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_times(times)
            .unwrap();
        path
    }

    #[test]
    fn dead_temporaries_and_the_oldest_caches_go() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let old = SystemTime::now() - Duration::from_secs(7200);
        let file = |name: &str, len: usize, when: SystemTime| written(d, name, len, when);
        let dead = file("a.idx.x1.tmp", 10, old);
        let live = file("b.idx.x2.tmp", 10, SystemTime::now());
        let oldest = file("1.idx", 100, old);
        let older = file("2.idx", 100, old + Duration::from_secs(60));
        let newer = file("3.idx", 100, SystemTime::now());
        let just_written = file("4.idx", 100, old);
        // Stamps count for nothing, and go with their caches.
        let stamps = ["1.idx", "3.idx"].map(|c| {
            let stamp = super::super::stamp::path_of(&d.join(c));
            std::fs::write(&stamp, [0u8; 64]).unwrap();
            stamp
        });
        tidy(d, &just_written, 250);
        let exists = |p: &Path| p.exists();
        assert!(!exists(&dead) && exists(&live));
        assert!(!exists(&oldest) && !exists(&older));
        assert!(exists(&newer) && exists(&just_written));
        assert!(!exists(&stamps[0]) && exists(&stamps[1]));
    }

    #[test]
    fn the_caches_of_the_archive_written_for_stay_past_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let old = SystemTime::now() - Duration::from_secs(7200);
        let file = |name: &str, when: SystemTime| written(d, name, 100, when);
        // The archive's title cache and body index parts, read long ago, and another
        // archive's cache used just now; a new body index part of the first is written.
        let titles = file("00aa.idx", old);
        let part = file("00aa-0.ftx", old);
        let other = file("11bb.idx", SystemTime::now());
        let other_part = file("11bb-0.ftx", SystemTime::now());
        let new_part = file("00aa-1.ftx", SystemTime::now());
        tidy(d, &new_part, 250);
        assert!(titles.exists() && part.exists() && new_part.exists());
        assert!(
            !other.exists() && !other_part.exists(),
            "the other archive's caches go"
        );
    }
}
