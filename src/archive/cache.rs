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
//! and last 64 KiB. A cache whose key, length or checksum does not match, or whose payload
//! does not decode to the end, is ignored (and rebuilt by the caller), never trusted. It is
//! written to a temporary file beside it and renamed into place, so a reader never sees half
//! of one.

mod codec;
mod parts;

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use memmap2::UncheckedAdvice;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::Archive;
use crate::article::SharedBytes;

/// First bytes of every cache file.
const MAGIC: &[u8; 8] = b"JUANIDX\0";
/// Bumped whenever the payload or the loader's output changes.
const VERSION: u32 = 2;
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

/// The cached load of the archive keyed `key`, if `dir` holds a sound one, in the parts it
/// was written in (decoded on `threads` threads); `file` names problems and `shared` (the
/// archive's bytes) holds the bodies. Nothing is handed out before all of it has been read
/// and checked.
pub fn read(
    dir: &Path,
    key: &Key,
    file: &str,
    shared: &SharedBytes,
    threads: usize,
) -> Option<Vec<Archive>> {
    let cache_file = File::open(key.file_in(dir)).ok()?;
    // SAFETY: a read-only map of a file only juan writes, and only by renaming a new file
    // over it (the mapped one stays intact); what it holds is checked before it is used.
    let bytes = unsafe { memmap2::Mmap::map(&cache_file) }.ok()?;
    let payload = payload_of(&bytes, key)?;
    let base = payload.as_ptr() as usize - bytes.as_ptr() as usize;
    let release = |range: Range<usize>| {
        // SAFETY: as above; dropped pages are read again from the file if touched.
        let _ = unsafe {
            bytes.unchecked_advise_range(UncheckedAdvice::DontNeed, base + range.start, range.len())
        };
    };
    release(0..payload.len());
    parts::decode_all(payload, file, shared, threads, &release)
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

/// Writes a cache file as loading goes on, piece by piece; it appears only when
/// [`Writer::finish`] succeeds. Any I/O error abandons it quietly (the cache is an
/// optimisation).
pub struct Writer {
    key: Key,
    target: PathBuf,
    temp: PathBuf,
    out: BufWriter<File>,
    hasher: Xxh3,
    len: u64,
    scratch: Vec<u8>,
    part: Vec<u8>,
}

impl Writer {
    /// Starts the cache file for `key` in `dir` (created when missing).
    pub fn create(dir: &Path, key: &Key) -> Option<Writer> {
        std::fs::create_dir_all(dir).ok()?;
        let target = key.file_in(dir);
        let temp = target.with_extension(format!("tmp{}", std::process::id()));
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&temp).ok()?);
        if out.write_all(&header(key, 0, 0)).is_err() {
            let _ = std::fs::remove_file(&temp);
            return None;
        }
        Some(Writer {
            key: key.clone(),
            target,
            temp,
            out,
            hasher: Xxh3::new(),
            len: 0,
            scratch: Vec::new(),
            part: Vec::new(),
        })
    }

    /// Adds a piece's articles and problems, in load order, as one part.
    pub fn add(&mut self, archive: &Archive) -> std::io::Result<()> {
        self.part.clear();
        for a in &archive.articles {
            codec::put_article(&mut self.part, a);
        }
        for p in &archive.problems {
            codec::put_problem(&mut self.part, p);
        }
        self.scratch.clear();
        parts::put(&mut self.scratch, &self.part);
        self.hasher.update(&self.scratch);
        self.len += self.scratch.len() as u64;
        self.out.write_all(&self.scratch)
    }

    /// Completes the header and moves the file into place.
    pub fn finish(mut self) -> std::io::Result<()> {
        let result = (|| {
            let header = header(&self.key, self.len, self.hasher.digest());
            self.out.seek(SeekFrom::Start(0))?;
            self.out.write_all(&header)?;
            self.out.flush()?;
            std::fs::rename(&self.temp, &self.target)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&self.temp);
        }
        result
    }

    /// Gives up: removes the temporary file.
    pub fn abandon(self) {
        let _ = std::fs::remove_file(&self.temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Problem;
    use std::sync::Arc;

    #[test]
    fn header_must_match_key_length_and_checksum() {
        let dir = tempfile::tempdir().unwrap();
        let archive_path = dir.path().join("a.jsonl");
        std::fs::write(&archive_path, "{\"title\":\"a\"}\n").unwrap();
        let data = std::fs::read(&archive_path).unwrap();
        let key = Key::of(&archive_path, &data).unwrap();
        let cache_dir = dir.path().join("cache");
        let mut loaded = Archive::default();
        loaded.problems.push(Problem::at("x", 3, "bad"));
        let mut w = Writer::create(&cache_dir, &key).unwrap();
        w.add(&loaded).unwrap();
        w.finish().unwrap();
        let shared: SharedBytes = Arc::new(data.clone());
        let back = read(&cache_dir, &key, "shown", &shared, 2).unwrap();
        assert_eq!(back[0].problems[0].to_string(), "shown:3: bad");
        let file = key.file_in(&cache_dir);
        let good = std::fs::read(&file).unwrap();
        for (i, flip) in [(0, 1u8), (9, 1), (good.len() - 1, 0x40)] {
            let mut bad = good.clone();
            bad[i] ^= flip;
            std::fs::write(&file, &bad).unwrap();
            assert!(read(&cache_dir, &key, "shown", &shared, 2).is_none(), "{i}");
        }
        std::fs::write(&file, &good[..good.len() - 2]).unwrap();
        assert!(read(&cache_dir, &key, "shown", &shared, 2).is_none());
    }
}
