//! Writing a cache file as loading goes on: a temporary file beside the final one gets a
//! placeholder header, then each parsed piece as a part; at the end the real header (length,
//! checksum) is written and the file renamed into place.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use super::{Key, codec, header, parts};
use crate::archive::mapped::Parsed;

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

    /// Adds a parsed piece's articles and problems, in load order, as one part.
    pub fn add(&mut self, parsed: &Parsed) -> std::io::Result<()> {
        self.part.clear();
        for a in &parsed.archive.articles {
            codec::put_article(&mut self.part, a);
        }
        for p in &parsed.archive.problems {
            codec::put_problem(&mut self.part, p);
        }
        self.scratch.clear();
        parts::put(
            &mut self.scratch,
            &parsed.range,
            parsed.lines_before,
            &self.part,
        );
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
