//! Writing a cache file as loading goes on: a temporary file beside the final one gets a
//! placeholder header, then each chunk as a part; at the end the real header (length,
//! checksum of the parts' prefixes, whether the file's ids are all different) is written and
//! the file renamed into place.
//!
//! Each part written is read back as a load of the finished cache reads it ([`Writer::read_back`]):
//! the chunk handed on is then views of the file's pages, as after a warm load, not the
//! columns built in memory. A cold load of ten million articles would otherwise hold 2.5 GB
//! of columns it has just written to disk.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use xxhash_rust::xxh3::Xxh3;

use super::super::guard::GuardedMap;
use super::{IDS_DISTINCT, Key, header, part, payload_start};
use crate::archive::TitleCheck;
use crate::article::SharedBytes;
use crate::corpus::Chunk;
use crate::parse::Problem;

/// Creates `dir` and the folders above it that are missing; the new ones readable by the user
/// only (on Unix).
pub(super) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes a cache file as loading goes on, chunk by chunk; it appears only when
/// [`Writer::finish`] succeeds. Any I/O error abandons it quietly (the cache is an
/// optimisation).
pub(crate) struct Writer {
    key: Key,
    target: PathBuf,
    temp: PathBuf,
    out: BufWriter<File>,
    prefixes: Xxh3,
    len: u64,
    /// Every article's id key so far ([`crate::query::id_key`]), for [`IDS_DISTINCT`].
    ids: Vec<u64>,
    /// Where the parts start in the file.
    payload_start: u64,
    /// Where the last part added lies in the file (prefix and body), until it is read back.
    last: Option<std::ops::Range<u64>>,
}

impl Writer {
    /// Starts the cache file for `key` in `dir` (created, 0700, when missing); `None` when the
    /// folder is not the user's alone ([`super::trust`]). The temporary file is created anew
    /// (never through a link planted at its name), readable by the user only.
    pub(crate) fn create(dir: &Path, key: &Key) -> Option<Writer> {
        create_private_dir(dir).ok()?;
        if !super::trust::dir_is_ours(dir) {
            return None;
        }
        let target = key.file_in(dir);
        let stem = target.file_name()?.to_string_lossy().into_owned();
        let (file, temp) = tempfile::Builder::new()
            .prefix(&format!("{stem}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .ok()?
            .keep()
            .ok()?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        let mut head = header(key, 0, 0, 0);
        head.resize(payload_start(key), 0);
        if out.write_all(&head).is_err() {
            let _ = std::fs::remove_file(&temp);
            return None;
        }
        Some(Writer {
            key: key.clone(),
            target,
            temp,
            out,
            prefixes: Xxh3::new(),
            len: 0,
            ids: Vec::new(),
            payload_start: payload_start(key) as u64,
            last: None,
        })
    }

    /// Adds a chunk, the problems met before it and the archive bytes it covered, in load
    /// order, as one part.
    pub(crate) fn add(
        &mut self,
        chunk: &Chunk,
        problems: &[Problem],
        covered: u64,
    ) -> std::io::Result<()> {
        let (body, lengths) = part::encode(chunk, problems)
            .ok_or_else(|| std::io::Error::other("a chunk of more than one file"))?;
        let prefix = part::prefix(&body, lengths, covered);
        self.prefixes.update(&prefix);
        let at = self.payload_start + self.len;
        self.len += (prefix.len() + body.len()) as u64;
        self.last = Some(at..self.payload_start + self.len);
        self.ids
            .extend((0..chunk.len()).map(|i| chunk.index.id_key(i)));
        self.out.write_all(&prefix)?;
        self.out.write_all(&body)
    }

    /// The chunk of the part [`Writer::add`] wrote last, read back from the file as a load
    /// of the finished cache would read it (`file` names its problems, `archive` holds its
    /// articles' lines): its columns are views of the file's pages, none of them left mapped
    /// in, and the columns built in memory can go. `None` when it cannot be (no slot left for
    /// a map, an I/O error, a part that does not read back): the caller keeps the chunk it
    /// has.
    ///
    /// The part is read as checked before ([`super::stamp`]): its bytes are the ones this
    /// writer encoded a moment ago, in a file of the user's private folder, so checksums
    /// over them could only say what the writer knows. Its lengths and bounds are checked,
    /// as always.
    pub(crate) fn read_back(&mut self, file: &str, archive: &SharedBytes) -> Option<Chunk> {
        let range = self.last.take()?;
        self.out.flush().ok()?;
        let map = GuardedMap::map_range(self.out.get_ref(), range).ok()??;
        let bytes: SharedBytes = Arc::new(map);
        let len = bytes.as_ref().as_ref().len();
        let [place] = <[_; 1]>::try_from(part::find(bytes.as_ref().as_ref(), 0..len)?).ok()?;
        let (chunk, _) = part::decode(&bytes, &place, file, archive, TitleCheck::OnUse, true)?;
        // Decoding read the pages of the columns' heads: they go again, to be read back from
        // the system's cache when a search needs them.
        bytes.release_range(0..len);
        Some(chunk)
    }

    /// Completes the header and moves the file into place.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        self.ids.sort_unstable();
        let distinct = self.ids.windows(2).all(|w| w[0] != w[1]);
        let flags = if distinct { IDS_DISTINCT } else { 0 };
        self.prefixes.update(&flags.to_le_bytes());
        let result = (|| {
            let header = header(&self.key, self.len, self.prefixes.digest(), flags);
            self.out.seek(SeekFrom::Start(0))?;
            self.out.write_all(&header)?;
            self.out.flush()?;
            std::fs::rename(&self.temp, &self.target)
        })();
        if let Some(dir) = self.target.parent() {
            super::tidy::tidy(dir, &self.target, super::tidy::cap());
        }
        if result.is_err() {
            let _ = std::fs::remove_file(&self.temp);
        }
        result
    }

    /// Gives up: removes the temporary file.
    pub(crate) fn abandon(self) {
        let _ = std::fs::remove_file(&self.temp);
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn the_cache_is_the_users_alone() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("cache/juan");
        let archive = home.path().join("a.jsonl");
        std::fs::write(&archive, b"{\"title\": \"t\"}\n").unwrap();
        let key = Key::of(&archive, b"{\"title\": \"t\"}\n").unwrap();
        let writer = Writer::create(&dir, &key).unwrap();
        writer.finish().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&key.file_in(&dir)), 0o600);
        // A folder others may write to holds no cache of ours.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        assert!(Writer::create(&dir, &key).is_none());
    }
}
