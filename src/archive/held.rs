//! An archive file mapped and also kept open, so that a search reads the few bodies it
//! checks instead of touching them in the map.
//!
//! A `body:` term checks its index's candidates by looking at their bodies in the archive
//! (`fulltext::Probe`). Touched through the map, each body's page is mapped with the 64 KiB
//! around it (the kernel's fault-around) and stays mapped in juan: 86,000 candidates spread
//! over a 1.6 GB archive left 1.9 GB resident. Read with `pread`, only the body is copied and
//! nothing stays: resident memory is what juan allocates. A read costs a system call and a
//! page cache look-up (about 1.5 µs more than a warm map on this project's machine), but less
//! than the first touch of a page through the map, which is what a one-shot command pays. So
//! commands read ([`super::Access::Once`]); the interface, which searches the same
//! candidates again at every key, keeps the map ([`super::Access::Repeated`]: no file kept
//! here). ripgrep, likewise, reads by default and maps only where it measured mapping to pay.
//!
//! Opening an article and loading still use the map: they read whole lines, in order.
//!
//! A search with no index reads every body in turn: reads that follow one another closely
//! are served from one block read ahead, as `grep` reads, so a scan costs a system call per
//! block, not per body. The block starts small and doubles while the reads keep following
//! ([`FIRST_AHEAD`] to [`BLOCK_BYTES`]), as the kernel's own read-ahead does: an index's
//! candidates are often neighbours without being a scan.
//!
//! Each handle kept is a file descriptor; at most a quarter of the process's limit (and at
//! most [`MAX_HANDLES`]) are kept, so a folder of thousands of big files never runs juan out
//! of descriptors. A file past that budget is read through its map, as before.

use std::cell::RefCell;
use std::fs::File;
use std::ops::{Deref, Range};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use super::guard::GuardedMap;
use crate::article::Stored;

/// The most file handles kept open for reads, whatever the descriptor limit.
const MAX_HANDLES: usize = 4096;

/// Handles kept open now.
static HELD: AtomicUsize = AtomicUsize::new(0);

/// The most a read that follows the last one closely reads ahead.
const BLOCK_BYTES: usize = 256 << 10;
/// What the first read of a run that follows reads ahead: the window doubles with each
/// further one up to [`BLOCK_BYTES`], and starts again here after a read that does not
/// follow. (A fixed 256 KiB made `count -q body:联合国`, whose candidates are one article in
/// eleven and now and then neighbours, read 1.48 GB of a 1.7 GB archive for 0.15 GB of
/// bodies.)
const FIRST_AHEAD: usize = 16 << 10;
/// A read starting at most this far past the end of the last one follows it (a scan: the
/// next article's body, after its other fields).
const FOLLOWS_WITHIN: usize = 4 << 10;

/// Numbers each [`HeldFile`], so a thread's block is never taken for another file's.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The last block a thread read ahead, and where its last read ended.
#[derive(Default)]
struct Block {
    /// [`HeldFile::id`] of the file read (0: none).
    file: u64,
    /// Where `bytes` start in the file.
    start: usize,
    bytes: Vec<u8>,
    /// Where the thread's last read from `file` ended.
    last_end: usize,
    /// What the next read that follows reads ahead (0: the run starts again).
    ahead: usize,
}

thread_local! {
    static BLOCK: RefCell<Block> = RefCell::new(Block::default());
}

/// A guarded map of an archive file, with the file kept open for reads when the budget
/// allows.
pub(super) struct HeldFile {
    map: GuardedMap,
    file: Option<File>,
    /// This file's number ([`NEXT_ID`]).
    id: u64,
}

impl HeldFile {
    /// `map` of `file`, which is kept open for reads unless too many already are; without a
    /// file, bodies are read through the map.
    pub(super) fn new(map: GuardedMap, file: Option<File>) -> HeldFile {
        match file {
            Some(file) => HeldFile::within(map, file, budget()),
            None => HeldFile {
                map,
                file: None,
                id: 0,
            },
        }
    }

    /// [`HeldFile::new`], with at most `budget` handles kept in all.
    fn within(map: GuardedMap, file: File, budget: usize) -> HeldFile {
        let taken = HELD
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < budget).then_some(n + 1)
            })
            .is_ok();
        HeldFile {
            map,
            file: taken.then_some(file),
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }
}

impl Drop for HeldFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            HELD.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// The map: its bytes, and [`GuardedMap::release`] for the load's parsed pieces.
impl Deref for HeldFile {
    type Target = GuardedMap;
    fn deref(&self) -> &GuardedMap {
        &self.map
    }
}

impl AsRef<[u8]> for HeldFile {
    fn as_ref(&self) -> &[u8] {
        &self.map
    }
}

impl Stored for HeldFile {
    /// Read from the file when it is kept open; a read that comes back short (the file was
    /// cut) gives `None`, and the caller then reads the article its usual, checked way.
    fn read<'a>(&'a self, range: Range<usize>, scratch: &'a mut Vec<u8>) -> Option<&'a [u8]> {
        let Some(file) = &self.file else {
            return self.map.get(range);
        };
        if range.end > self.map.len() || range.start > range.end {
            return None;
        }
        BLOCK.with_borrow_mut(|block| self.read_through(file, block, range, scratch))?;
        Some(scratch)
    }

    fn release_range(&self, range: Range<usize>) {
        self.map.release_range(range);
    }
}

impl HeldFile {
    /// `range` of `file` into `scratch`: from the thread's `block` when it holds it; else a
    /// new block read ahead when the read follows the last closely, or just the range.
    fn read_through(
        &self,
        file: &File,
        block: &mut Block,
        range: Range<usize>,
        scratch: &mut Vec<u8>,
    ) -> Option<()> {
        scratch.clear();
        let same_file = block.file == self.id;
        let follows = same_file
            && range.start >= block.last_end
            && range.start - block.last_end <= FOLLOWS_WITHIN;
        let held =
            same_file && range.start >= block.start && range.end <= block.start + block.bytes.len();
        if !held && !follows {
            block.ahead = 0;
        }
        if !held && follows {
            block.ahead = (block.ahead * 2).clamp(FIRST_AHEAD, BLOCK_BYTES);
            let end = (range.start + block.ahead.max(range.len())).min(self.map.len());
            block.start = range.start;
            if read_into(file, &mut block.bytes, range.start..end).is_none() {
                block.bytes.clear();
                return None;
            }
        }
        block.file = self.id;
        block.last_end = range.end;
        if held || follows {
            let at = range.start - block.start;
            scratch.extend_from_slice(&block.bytes[at..at + range.len()]);
            return Some(());
        }
        read_into(file, scratch, range)
    }
}

/// Replaces `buf`'s bytes with `range` of `file`; `None` when the file holds fewer (it was
/// cut short). The buffer is not zeroed first: bodies of megabytes are read whole, and
/// filling them with zeros before the read cost a quarter of a search that read them.
fn read_into(file: &File, buf: &mut Vec<u8>, range: Range<usize>) -> Option<()> {
    use std::os::fd::AsRawFd;
    buf.clear();
    buf.reserve(range.len());
    let mut done = 0;
    while done < range.len() {
        let spare = &mut buf.spare_capacity_mut()[..range.len() - done];
        let at = libc::off_t::try_from(range.start + done).ok()?;
        // SAFETY: `spare` is writable memory of `spare.len()` bytes owned by `buf`; pread
        // writes at most that many and says how many.
        let n =
            unsafe { libc::pread(file.as_raw_fd(), spare.as_mut_ptr().cast(), spare.len(), at) };
        match n {
            0 => return None,
            n if n < 0 => {
                if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                    return None;
                }
            }
            n => {
                done += n as usize;
                // SAFETY: the first `done` bytes have been written by the reads.
                unsafe { buf.set_len(done) };
            }
        }
    }
    Some(())
}

/// How many handles may be kept: a quarter of the soft limit on open files, at most
/// [`MAX_HANDLES`].
fn budget() -> usize {
    static BUDGET: OnceLock<usize> = OnceLock::new();
    *BUDGET.get_or_init(|| {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes the struct it is given.
        let got = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
        let soft = if got { limit.rlim_cur as usize } else { 1024 };
        (soft / 4).min(MAX_HANDLES)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn held(bytes: &[u8]) -> (HeldFile, File) {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(bytes).unwrap();
        let map = GuardedMap::map(&file).unwrap().unwrap();
        let kept = file.try_clone().unwrap();
        (HeldFile::new(map, Some(kept)), file)
    }

    #[test]
    fn a_read_gives_the_bytes_the_map_holds() {
        let (held, _) = held(b"0123456789");
        assert!(held.file.is_some());
        let mut scratch = Vec::new();
        assert_eq!(held.read(2..6, &mut scratch), Some(&b"2345"[..]));
        assert_eq!(
            scratch, b"2345",
            "read into the scratch buffer, not borrowed"
        );
        assert_eq!(held.read(0..0, &mut scratch), Some(&b""[..]));
        assert_eq!(held.read(8..11, &mut scratch), None, "past the end");
    }

    #[test]
    fn a_scan_and_jumps_read_what_the_map_holds() {
        let bytes: Vec<u8> = (0..(3 * BLOCK_BYTES + 1234))
            .map(|i| (i * 7 % 251) as u8)
            .collect();
        let (held, _) = held(&bytes);
        let mut scratch = Vec::new();
        let mut at = 0;
        let mut step = 0;
        while at < bytes.len() {
            step += 1;
            // Bodies of 1 byte to 40 KiB, gaps of 0 to 6 KiB (some past FOLLOWS_WITHIN), and
            // now and then a jump back.
            let len = (step * 7919 % (40 << 10)).max(1).min(bytes.len() - at);
            let range = at..at + len;
            assert_eq!(
                held.read(range.clone(), &mut scratch),
                Some(&bytes[range]),
                "{step}"
            );
            at += len + step * 131 % (6 << 10);
            if step % 17 == 0 {
                at = at.saturating_sub(3 * BLOCK_BYTES / 2);
            }
        }
        assert!(step > 50);
        // A read that follows, then one inside the block read ahead but for its last byte.
        for range in [0..10, 10..20, 20..10 + BLOCK_BYTES + 1] {
            assert_eq!(held.read(range.clone(), &mut scratch), Some(&bytes[range]));
        }
        let whole = 0..bytes.len();
        assert_eq!(held.read(whole.clone(), &mut scratch), Some(&bytes[whole]));
    }

    #[test]
    fn a_file_cut_short_reads_as_none_not_zeros() {
        let (held, file) = held(&[b'x'; 8192]);
        file.set_len(100).unwrap();
        let mut scratch = Vec::new();
        assert_eq!(held.read(50..90, &mut scratch), Some(&[b'x'; 40][..]));
        assert_eq!(held.read(4000..4100, &mut scratch), None);
    }

    #[test]
    fn a_file_past_the_budget_is_read_through_its_map() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"abc").unwrap();
        let map = GuardedMap::map(&file).unwrap().unwrap();
        let held = HeldFile::within(map, file, 0);
        assert!(held.file.is_none(), "over budget: no handle kept");
        let mut scratch = Vec::new();
        assert_eq!(held.read(1..3, &mut scratch), Some(&b"bc"[..]));
        assert!(scratch.is_empty(), "borrowed from the map");
    }
}
