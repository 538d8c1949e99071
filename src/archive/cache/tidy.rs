//! Keeping the cache folder small: the temporary files of loads that died (killed, or quit
//! during a first load) are removed, and the least recently used caches go once all of them
//! together pass a cap (`JUAN_CACHE_MAX_MB`, 4096 MB by default). A cache is "used" when it
//! is written (its modification time) or read (reading sets its access time).

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

/// Removes the dead temporary files in `dir`, then the least recently used caches until the
/// rest fit in `cap` bytes; `keep` (the cache just written) always stays. Errors are ignored:
/// tidying only saves room.
pub(super) fn tidy(dir: &Path, keep: &Path, cap: u64) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    let mut caches = Vec::new();
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
        } else if (name.ends_with(".idx") || name.ends_with(".ftx")) && path != keep {
            let used = meta.accessed().map_or(modified, |a| a.max(modified));
            caches.push((used, meta.len(), path));
        }
    }
    let kept = std::fs::metadata(keep).map_or(0, |m| m.len());
    let mut total: u64 = kept + caches.iter().map(|c| c.1).sum::<u64>();
    caches.sort();
    for (_, len, path) in caches {
        if total <= cap {
            break;
        }
        if std::fs::remove_file(&path).is_ok() {
            total -= len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dead_temporaries_and_the_oldest_caches_go() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let old = SystemTime::now() - Duration::from_secs(7200);
        let file = |name: &str, len: usize, when: SystemTime| {
            let path = d.join(name);
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
        };
        let dead = file("a.idx.x1.tmp", 10, old);
        let live = file("b.idx.x2.tmp", 10, SystemTime::now());
        let oldest = file("1.idx", 100, old);
        let older = file("2.idx", 100, old + Duration::from_secs(60));
        let newer = file("3.idx", 100, SystemTime::now());
        let just_written = file("4.idx", 100, old);
        tidy(d, &just_written, 250);
        let exists = |p: &Path| p.exists();
        assert!(!exists(&dead) && exists(&live));
        assert!(!exists(&oldest) && !exists(&older));
        assert!(exists(&newer) && exists(&just_written));
    }
}
