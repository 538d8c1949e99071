//! Following archives that grow: a scraper still running appends records to its JSON Lines
//! file, and juan picks them up without a reload ([`Follow::poll`], called every few seconds
//! after a load), as `tail -f` and `less +F` do.
//!
//! Only what was appended is read (`pread` from where the load stopped, up to the last whole
//! line: a record being written is taken when it is complete). A file that shrank or was
//! replaced (another inode) is not followed further: what was loaded from it may no longer be
//! there, so [`super::note_changed`] says so and the interface offers a reload.

use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::mapped;
use super::stream::{Batch, Collector, LoadOptions};
use crate::article::SharedBytes;
use crate::parse::Archive;

/// The most read from one file in one poll (the rest waits for the next).
const MOST_PER_POLL: u64 = 64 << 20;

/// A JSON Lines file a load read, and how much of it.
#[derive(Debug, Clone)]
pub(crate) struct Followed {
    /// Where it is.
    pub(crate) path: PathBuf,
    /// Its device and inode when read: a file replaced under its name is another file.
    pub(crate) dev: u64,
    /// See `dev`.
    pub(crate) ino: u64,
    /// How many of its bytes were read (a whole number of lines).
    pub(crate) read: u64,
    /// Line breaks in those bytes, once counted (for the line numbers of later problems).
    pub(crate) lines: Option<usize>,
}

impl Followed {
    /// The file at `path`, `read` bytes of which were loaded; `None` when it cannot be
    /// looked at.
    pub(crate) fn new(path: PathBuf, read: u64) -> Option<Followed> {
        let meta = std::fs::metadata(&path).ok()?;
        Some(Followed {
            path,
            dev: meta.dev(),
            ino: meta.ino(),
            read,
            lines: None,
        })
    }
}

/// The files a load read that may grow.
#[derive(Debug, Default)]
pub struct Follow {
    files: Vec<Followed>,
}

impl Follow {
    /// Follows `files`.
    pub(crate) fn new(files: Vec<Followed>) -> Follow {
        Follow { files }
    }

    /// True when there is nothing to follow.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Reads what was appended to each file since it was last read and hands it on, as a
    /// load does, in batches; returns how many articles came. A file that shrank or was
    /// replaced is dropped from the list and reported changed on disk.
    pub fn poll(&mut self, options: &LoadOptions, mut sink: impl FnMut(Batch)) -> usize {
        let mut came = 0;
        let mut count = |b: Batch| {
            came += b.chunk.len();
            sink(b)
        };
        let mut collector = Collector::new(&mut count, options, 0, Instant::now());
        self.files.retain_mut(|f| match grow(f, &mut collector) {
            Ok(()) => true,
            Err(()) => {
                super::note_changed();
                false
            }
        });
        collector.finish();
        came
    }
}

/// Reads what was appended to `f` into `out`; `Err` when the file shrank or was replaced.
fn grow(f: &mut Followed, out: &mut Collector) -> Result<(), ()> {
    let Ok(meta) = std::fs::metadata(&f.path) else {
        return Err(());
    };
    if (meta.dev(), meta.ino()) != (f.dev, f.ino) || meta.len() < f.read {
        return Err(());
    }
    if meta.len() == f.read {
        return Ok(());
    }
    let Ok(file) = std::fs::File::open(&f.path) else {
        return Ok(());
    };
    let want = (meta.len() - f.read).min(MOST_PER_POLL);
    let mut bytes = vec![0; want as usize];
    let Ok(n) = file.read_at(&mut bytes, f.read) else {
        return Ok(());
    };
    bytes.truncate(n);
    // Only whole lines: a record still being written waits for the next poll.
    let Some(end) = memchr::memrchr(b'\n', &bytes).map(|i| i + 1) else {
        return Ok(());
    };
    bytes.truncate(end);
    let lines_before = match f.lines {
        Some(n) => n,
        None => count_lines(&file, f.read),
    };
    let shown = f.path.display().to_string();
    let shared: SharedBytes = Arc::new(bytes);
    let whole = 0..end;
    let all = std::slice::from_ref(&whole);
    let mut parsed = Archive::default();
    mapped::parse_parallel(&shown, &shared, all, 1, &|_| {}, |p| {
        parsed.articles.extend(p.archive.articles);
        parsed.problems.extend(p.archive.problems);
        parsed.unlisted += p.archive.unlisted;
    });
    for p in &mut parsed.problems {
        p.line = p.line.map(|n| n + lines_before);
    }
    out.add(parsed, end as u64);
    f.read += end as u64;
    f.lines =
        Some(lines_before + memchr::memchr_iter(b'\n', &shared.as_ref().as_ref()[..end]).count());
    Ok(())
}

/// Line breaks in the first `len` bytes of `file`.
fn count_lines(file: &std::fs::File, len: u64) -> usize {
    let mut buf = vec![0; 1 << 20];
    let (mut at, mut lines) = (0, 0);
    while at < len {
        let want = ((len - at) as usize).min(buf.len());
        match file.read_at(&mut buf[..want], at) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                lines += memchr::memchr_iter(b'\n', &buf[..n]).count();
                at += n as u64;
            }
        }
    }
    lines
}
