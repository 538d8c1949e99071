//! The index cache: what loading a big plain JSON Lines file produced — every article but
//! its body's text (lazy bodies are byte ranges into the file), and every problem — kept in
//! one binary file under `$XDG_CACHE_HOME/juan/` (else `~/.cache/juan/`), so that opening the
//! unchanged file again skips parsing.
//!
//! A cache file is a header then a payload of parts ([`parts`]) of records ([`codec`]):
//!
//! ```text
//! magic "JUANIDX\0" · format version u32 · key length u32 · key · payload length u64 ·
//! payload checksum u64 (XXH3) · payload
//! ```
//!
//! The key is the archive's canonical path, size, modification time and an XXH3 of its first
//! and last 64 KiB. A cache whose key, length, checksum or parts do not match is ignored (and
//! rebuilt by the caller), never trusted; a part that passes all that and still does not
//! decode is parsed again from the archive, and the file dropped. Parts are decoded on every
//! core and handed out in order as they come, so the first articles arrive at once. A cache
//! file is written to a temporary file beside it and renamed into place ([`Writer`]), so a
//! reader never sees half of one.

mod codec;
mod parts;
mod writer;

pub use writer::Writer;

use std::fs::File;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use memmap2::UncheckedAdvice;
use xxhash_rust::xxh3::xxh3_64;

use super::{Archive, mapped, ordered};
use crate::article::SharedBytes;

/// First bytes of every cache file.
const MAGIC: &[u8; 8] = b"JUANIDX\0";
/// Bumped whenever the payload or the loader's output changes.
const VERSION: u32 = 3;
/// Bytes hashed at each end of the archive for the key.
const EDGE: usize = 64 << 10;

/// What a cache file must match: which file, in which state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    bytes: Vec<u8>,
    name_hash: u64,
}

impl Key {
    /// The key of the archive at `path` whose bytes are `data`, or `None` when its canonical
    /// path or modification time cannot be read.
    pub fn of(path: &Path, data: &[u8]) -> Option<Key> {
        let canonical = std::fs::canonicalize(path).ok()?;
        let meta = std::fs::metadata(&canonical).ok()?;
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let head = &data[..data.len().min(EDGE)];
        let tail = &data[data.len().saturating_sub(EDGE)..];
        let path_text = canonical.to_string_lossy();
        let mut bytes = Vec::with_capacity(path_text.len() + 40);
        bytes.extend_from_slice(&(path_text.len() as u32).to_le_bytes());
        bytes.extend_from_slice(path_text.as_bytes());
        bytes.extend_from_slice(&meta.len().to_le_bytes());
        bytes.extend_from_slice(&(data.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&mtime.as_secs().to_le_bytes());
        bytes.extend_from_slice(&mtime.subsec_nanos().to_le_bytes());
        bytes.extend_from_slice(&xxh3_64(head).to_le_bytes());
        bytes.extend_from_slice(&xxh3_64(tail).to_le_bytes());
        Some(Key {
            name_hash: xxh3_64(path_text.as_bytes()),
            bytes,
        })
    }

    /// The cache file for this archive in `dir`.
    pub fn file_in(&self, dir: &Path) -> PathBuf {
        dir.join(format!("{:016x}.idx", self.name_hash))
    }
}

/// The cache folder: `$XDG_CACHE_HOME/juan`, else `$HOME/.cache/juan`; `None` when
/// `JUAN_NO_CACHE` is set (to anything but `0` or nothing) or neither variable is.
pub fn default_dir() -> Option<PathBuf> {
    if std::env::var_os("JUAN_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
        return None;
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })?;
    Some(base.join("juan"))
}

/// True when `dir` may hold the cache of the archive file at `path`, found under `root`
/// (the path given, a file or a folder): never the file's own folder, nor inside a folder
/// given as the archive.
pub fn may_hold(dir: &Path, path: &Path, root: &Path) -> bool {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let beside = std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.parent().map(|f| f == dir))
        .unwrap_or(true);
    let inside =
        root.is_dir() && std::fs::canonicalize(root).map_or(true, |root| dir.starts_with(root));
    !beside && !inside
}

/// Hands `each`, in order, the cached load of the archive keyed `key` — one part per
/// piece that was parsed, with the archive bytes it covers — and says `true`, when `dir`
/// holds a cache whose header, key, length, checksum and parts are sound; else hands nothing
/// and says `false`. Parts are decoded on `threads` threads; `file` names problems, `shared`
/// (the archive's bytes) holds the bodies. Should a part still not decode, its piece is
/// parsed from the archive instead and the cache file removed (to be rebuilt next time).
pub fn read(
    dir: &Path,
    key: &Key,
    file: &str,
    shared: &SharedBytes,
    threads: usize,
    mut each: impl FnMut(Archive, u64),
) -> bool {
    let path = key.file_in(dir);
    let Ok(cache_file) = File::open(&path) else {
        return false;
    };
    // SAFETY: a read-only map of a file only juan writes, and only by renaming a new file
    // over it (the mapped one stays intact); what it holds is checked before it is used.
    let Ok(bytes) = (unsafe { memmap2::Mmap::map(&cache_file) }) else {
        return false;
    };
    let archive_len = shared.as_ref().as_ref().len();
    let Some((payload, parts)) =
        payload_of(&bytes, key).and_then(|p| Some((p, parts::find(p, archive_len)?)))
    else {
        return false;
    };
    let base = payload.as_ptr() as usize - bytes.as_ptr() as usize;
    let release = |range: Range<usize>| {
        // SAFETY: as above; dropped pages are read again from the file if touched.
        let _ = unsafe {
            bytes.unchecked_advise_range(UncheckedAdvice::DontNeed, base + range.start, range.len())
        };
    };
    release(0..payload.len());
    let damaged = AtomicBool::new(false);
    let work = |part: &parts::Part| {
        let decoded = parts::decode(&payload[part.records.clone()], file, shared);
        release(part.records.clone());
        let archive = decoded.unwrap_or_else(|| {
            damaged.store(true, Ordering::Relaxed);
            mapped::parse_piece(file, shared, part.piece.clone(), part.lines_before).archive
        });
        (archive, part.piece.len() as u64)
    };
    ordered::map_in_order(&parts, threads, work, |(archive, len)| each(archive, len));
    if damaged.load(Ordering::Relaxed) {
        let _ = std::fs::remove_file(&path);
    }
    true
}

/// The payload of a cache file's `bytes` when its header matches `key` and its checksum.
fn payload_of<'a>(bytes: &'a [u8], key: &Key) -> Option<&'a [u8]> {
    let header = header(key, 0, 0);
    let fixed = header.len() - 16;
    if bytes.len() < header.len() || bytes[..fixed] != header[..fixed] {
        return None;
    }
    let len = u64::from_le_bytes(bytes[fixed..fixed + 8].try_into().ok()?);
    let sum = u64::from_le_bytes(bytes[fixed + 8..fixed + 16].try_into().ok()?);
    let payload = &bytes[header.len()..];
    (payload.len() as u64 == len && xxh3_64(payload) == sum).then_some(payload)
}

/// A cache file's header.
fn header(key: &Key, payload_len: u64, checksum: u64) -> Vec<u8> {
    let mut h = Vec::with_capacity(key.bytes.len() + 32);
    h.extend_from_slice(MAGIC);
    h.extend_from_slice(&VERSION.to_le_bytes());
    h.extend_from_slice(&(key.bytes.len() as u32).to_le_bytes());
    h.extend_from_slice(&key.bytes);
    h.extend_from_slice(&payload_len.to_le_bytes());
    h.extend_from_slice(&checksum.to_le_bytes());
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Problem;
    use crate::archive::mapped::Parsed;
    use std::sync::Arc;

    struct Setup {
        _dir: tempfile::TempDir,
        cache_dir: PathBuf,
        key: Key,
        shared: SharedBytes,
    }

    fn setup() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let archive_path = dir.path().join("a.jsonl");
        std::fs::write(&archive_path, "{\"title\":\"a\"}\nbad\n").unwrap();
        let data = std::fs::read(&archive_path).unwrap();
        Setup {
            key: Key::of(&archive_path, &data).unwrap(),
            cache_dir: dir.path().join("cache"),
            shared: Arc::new(data),
            _dir: dir,
        }
    }

    fn read_all(s: &Setup) -> Option<Archive> {
        let mut all = Archive::default();
        let sound = read(&s.cache_dir, &s.key, "shown", &s.shared, 2, |mut a, _| {
            all.articles.append(&mut a.articles);
            all.problems.append(&mut a.problems);
        });
        sound.then_some(all)
    }

    #[test]
    fn header_must_match_key_length_and_checksum() {
        let s = setup();
        let mut parsed = Parsed {
            range: 0..s.shared.as_ref().as_ref().len(),
            ..Parsed::default()
        };
        parsed.archive.problems.push(Problem::at("x", 3, "bad"));
        let mut w = Writer::create(&s.cache_dir, &s.key).unwrap();
        w.add(&parsed).unwrap();
        w.finish().unwrap();
        let back = read_all(&s).unwrap();
        assert_eq!(back.problems[0].to_string(), "shown:3: bad");
        let file = s.key.file_in(&s.cache_dir);
        let good = std::fs::read(&file).unwrap();
        for (i, flip) in [(0, 1u8), (9, 1), (good.len() - 1, 0x40)] {
            let mut bad = good.clone();
            bad[i] ^= flip;
            std::fs::write(&file, &bad).unwrap();
            assert!(read_all(&s).is_none(), "{i}");
        }
        std::fs::write(&file, &good[..good.len() - 2]).unwrap();
        assert!(read_all(&s).is_none());
    }

    #[test]
    fn a_part_that_does_not_decode_is_parsed_again_and_the_cache_dropped() {
        let s = setup();
        let len = s.shared.as_ref().as_ref().len();
        let mut payload = Vec::new();
        parts::put(&mut payload, &(0..len), 0, &[0xff]);
        let mut file_bytes = header(&s.key, payload.len() as u64, xxh3_64(&payload));
        file_bytes.extend_from_slice(&payload);
        std::fs::create_dir_all(&s.cache_dir).unwrap();
        let file = s.key.file_in(&s.cache_dir);
        std::fs::write(&file, &file_bytes).unwrap();
        let back = read_all(&s).unwrap();
        assert_eq!(back.articles[0].title, "a");
        assert_eq!(
            back.problems[0].to_string(),
            "shown:2: invalid JSON: expected value at column 1"
        );
        assert!(!file.exists());
    }
}
