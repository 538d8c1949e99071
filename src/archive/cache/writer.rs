//! Writing a cache file as loading goes on: a temporary file beside the final one gets a
//! placeholder header, then each chunk as a part; at the end the real header (length,
//! checksum of the parts' prefixes) is written and the file renamed into place.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use super::{Key, header, part, payload_start};
use crate::archive::Problem;
use crate::corpus::Chunk;

/// Writes a cache file as loading goes on, chunk by chunk; it appears only when
/// [`Writer::finish`] succeeds. Any I/O error abandons it quietly (the cache is an
/// optimisation).
pub struct Writer {
    key: Key,
    target: PathBuf,
    temp: PathBuf,
    out: BufWriter<File>,
    prefixes: Xxh3,
    len: u64,
}

impl Writer {
    /// Starts the cache file for `key` in `dir` (created when missing).
    pub fn create(dir: &Path, key: &Key) -> Option<Writer> {
        std::fs::create_dir_all(dir).ok()?;
        let target = key.file_in(dir);
        let temp = target.with_extension(format!("tmp{}", std::process::id()));
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&temp).ok()?);
        let mut head = header(key, 0, 0);
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
        })
    }

    /// Adds a chunk, the problems met before it and the archive bytes it covered, in load
    /// order, as one part.
    pub fn add(
        &mut self,
        chunk: &Chunk,
        problems: &[Problem],
        covered: u64,
    ) -> std::io::Result<()> {
        let body = part::encode(chunk, problems)
            .ok_or_else(|| std::io::Error::other("a chunk of more than one file"))?;
        let prefix = part::prefix(&body, covered);
        self.prefixes.update(&prefix);
        self.len += (prefix.len() + body.len()) as u64;
        self.out.write_all(&prefix)?;
        self.out.write_all(&body)
    }

    /// Completes the header and moves the file into place.
    pub fn finish(mut self) -> std::io::Result<()> {
        let result = (|| {
            let header = header(&self.key, self.len, self.prefixes.digest());
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
