//! The body index's cache: one file per chunk of a cached archive, `NAME-PART.ftx` beside the
//! archive's `NAME.idx`, written when the interface (or `juan index`) has built the chunk's
//! [`TextIndex`] and mapped again on the next open, so that the index is built once per
//! archive. Its header repeats the archive's [`Key`], so a changed archive never meets an old
//! index. The payload's XXH3 is checked by `juan index`, not when the interface, `juan list`
//! or `count` open it (reading 0.8 GB whole at a million articles would cost them time and
//! fill memory with its pages): opening checks
//! the header and the lengths, and every list is checked as it is read (`crate::fulltext`).
//!
//! ```text
//! magic "JUANFTX\0" · cache version u32 · key length u32 · key · part u32 · payload length u64 ·
//! XXH3 of the payload u64 · padding to 16 · payload (`TextIndex::encode`)
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

use super::Key;
use crate::archive::Access;
use crate::archive::guard::GuardedMap;
use crate::article::{SharedBytes, Stored};
use crate::column::codec::{ALIGN, Decoder, Encoder};
use crate::fulltext::{Store, TextIndex};

/// First bytes of every body index file.
const MAGIC: &[u8; 8] = b"JUANFTX\0";

/// Where the body index of part `part` of a cached archive is kept.
#[derive(Debug)]
pub(crate) struct TextCache {
    dir: PathBuf,
    key: Key,
    part: u32,
    /// Whether the index read back lets its pages go after each look-up
    /// ([`crate::archive::Access::Once`]).
    release: bool,
}

impl TextCache {
    /// The body index file of part `part` (the chunk's number in the archive's cache) of the
    /// archive keyed `key`, in `dir`, to be searched as `access` says.
    pub(crate) fn new(dir: &Path, key: &Key, part: usize, access: Access) -> Arc<TextCache> {
        Arc::new(TextCache {
            dir: dir.to_path_buf(),
            key: key.clone(),
            part: part as u32,
            release: access == Access::Once,
        })
    }

    fn path(&self) -> PathBuf {
        self.dir
            .join(format!("{:016x}-{}.ftx", self.key.name_hash, self.part))
    }

    /// The header before the payload, without its padding.
    fn header(&self, payload_len: u64, checksum: u64) -> Vec<u8> {
        let mut h = Vec::with_capacity(self.key.bytes.len() + 40);
        h.extend_from_slice(MAGIC);
        h.extend_from_slice(&super::VERSION.to_le_bytes());
        h.extend_from_slice(&(self.key.bytes.len() as u32).to_le_bytes());
        h.extend_from_slice(&self.key.bytes);
        h.extend_from_slice(&self.part.to_le_bytes());
        h.extend_from_slice(&payload_len.to_le_bytes());
        h.extend_from_slice(&checksum.to_le_bytes());
        h
    }
}

/// A body index's map whose pages go after each look-up ([`Stored::release_pages`]).
struct Released(GuardedMap);

impl AsRef<[u8]> for Released {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Stored for Released {
    fn release_pages(&self) {
        self.0.release(0..self.0.len());
    }

    fn release_range(&self, range: std::ops::Range<usize>) {
        self.0.release_range(range);
    }
}

impl Store for TextCache {
    fn read(&self, verify: bool) -> Option<TextIndex> {
        let file = super::trust::open(&self.dir, &self.path())?;
        let map = GuardedMap::map(&file).ok()??;
        let shared: SharedBytes = if self.release {
            Arc::new(Released(map))
        } else {
            Arc::new(map)
        };
        let bytes: &[u8] = shared.as_ref().as_ref();
        let header = self.header(0, 0);
        let fixed = header.len() - 16;
        if bytes.len() < fixed + 16 || bytes[..fixed] != header[..fixed] {
            return None;
        }
        let len = u64::from_le_bytes(bytes[fixed..fixed + 8].try_into().ok()?);
        let sum = u64::from_le_bytes(bytes[fixed + 8..fixed + 16].try_into().ok()?);
        let start = (fixed + 16).next_multiple_of(ALIGN);
        let end = start.checked_add(usize::try_from(len).ok()?)?;
        if end != bytes.len() || (verify && xxh3_64(&bytes[start..end]) != sum) {
            return None;
        }
        let mut d = Decoder::new(&shared, start..end);
        let index = TextIndex::decode(&mut d);
        // What reading it touched (its ends, the filters' places: 1.3 MB a chunk, 267 MB at
        // ten million articles) need not stay mapped in: a look-up reads what it needs.
        shared.release_range(0..bytes.len());
        index
    }

    fn write(&self, index: &TextIndex) {
        let mut e = Encoder::new();
        index.encode(&mut e);
        let payload = e.finish();
        let mut head = self.header(payload.len() as u64, xxh3_64(&payload));
        head.resize(head.len().next_multiple_of(ALIGN), 0);
        let target = self.path();
        let written = (|| -> Option<()> {
            super::writer::create_private_dir(&self.dir).ok()?;
            if !super::trust::dir_is_ours(&self.dir) {
                return None;
            }
            let mut temp = tempfile::Builder::new()
                .prefix(&format!("{}.", target.file_name()?.to_string_lossy()))
                .suffix(".tmp")
                .tempfile_in(&self.dir)
                .ok()?;
            temp.write_all(&head).ok()?;
            temp.write_all(&payload).ok()?;
            temp.persist(&target).ok()?;
            Some(())
        })();
        if written.is_some() {
            super::tidy::tidy(&self.dir, &target, super::tidy::cap());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_written_reads_back_and_a_damaged_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("a.jsonl");
        std::fs::write(&archive, "{}\n").unwrap();
        let key = Key::of(&archive, b"{}\n").unwrap();
        let cache_dir = dir.path().join("cache");
        let store = TextCache::new(&cache_dir, &key, 3, Access::Repeated);
        assert!(store.read(true).is_none());
        let bodies = ["改革开放", "开放的城市", "城市"];
        let index = crate::fulltext::Builder::default()
            .build(3, |i| Some(bodies[i].to_string()))
            .unwrap();
        store.write(&index);
        let back = store.read(true).unwrap();
        assert_eq!(back.candidates("开放"), index.candidates("开放"));
        assert!(back.byte_len() > 0);
        // Read for a command, its pages let go after each look-up: the same answers, again.
        let once = TextCache::new(&cache_dir, &key, 3, Access::Once);
        let back = once.read(true).unwrap();
        for needle in ["开放", "城市", "改革开放", "放的", "x"] {
            for _ in 0..2 {
                assert_eq!(
                    back.candidates(needle),
                    index.candidates(needle),
                    "{needle}"
                );
            }
        }
        // Another part, another file; a flipped byte, no index.
        assert!(
            TextCache::new(&cache_dir, &key, 4, Access::Repeated)
                .read(true)
                .is_none()
        );
        let path = store.path();
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 20;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(store.read(true).is_none());
        // Unverified, a cut is still seen at once.
        std::fs::write(&path, &bytes[..bytes.len() - 8]).unwrap();
        assert!(store.read(false).is_none());
    }
}
