//! Memory maps that another program cannot kill juan through.
//!
//! Reading a page of a mapped file that was truncated under the map (`cat new > file`,
//! logrotate's copytruncate, `truncate -s`) raises SIGBUS, whose default action ends the
//! process with the terminal still in raw mode and the alternate screen. juan maps archives
//! (bodies stay in the map until read) and its index cache, so every such map is a
//! [`GuardedMap`]: its address range is listed in a fixed, lock-free table, and a SIGBUS
//! handler that finds the faulting address there maps zero pages over the lost part of the
//! range and returns. The read that faulted then sees zeros, the map is marked as cut
//! ([`GuardedMap::was_cut`]), and [`changed_on_disk`] says so to whoever shows it: what was
//! read is then checked against what loading recorded (`corpus::records`), so a cut file
//! gives a clear "changed on disk" and never a wrong article. A SIGBUS outside every listed
//! map goes to the handler that was there before (Rust's own, which reports a stack
//! overflow), as if juan had none.
//!
//! The handler does only what is safe in a signal handler: atomic loads and stores and the
//! `mmap` system call. No crate offers this (memmap2 leaves SIGBUS to the caller, as does
//! ripgrep, which therefore reads rather than maps by default where a file may change).

use std::fs::File;
use std::io;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use memmap2::{Mmap, MmapOptions, UncheckedAdvice};

/// How many maps may be guarded at once; a file met when all are taken is read instead
/// (the caller's choice). Well below the kernel's default limit of 65,530 maps.
const SLOTS: usize = 16_384;

/// Marks a slot being filled or emptied (its range not yet, or no longer, valid).
const BUSY: usize = 1;

static STARTS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static ENDS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static CUT: [AtomicBool; SLOTS] = [const { AtomicBool::new(false) }; SLOTS];
static CHANGED: AtomicBool = AtomicBool::new(false);
/// How many slots are taken.
static TAKEN: AtomicUsize = AtomicUsize::new(0);
static PAGE: AtomicUsize = AtomicUsize::new(4096);
static INSTALL: Once = Once::new();
/// The SIGBUS action before ours, put back for a fault that is not ours.
static mut PREVIOUS: Option<libc::sigaction> = None;

/// True once any guarded map has lost pages: a file juan mapped was cut short while open.
pub(super) fn changed_on_disk() -> bool {
    CHANGED.load(Ordering::Relaxed)
}

/// Forgets that a file changed (a new load begins).
pub(super) fn forget_changes() {
    CHANGED.store(false, Ordering::Relaxed);
}

/// Says a file juan loaded changed under it (found by a check of what was read back, not
/// only by a fault): [`changed_on_disk`] is then true.
pub(super) fn note_changed() {
    CHANGED.store(true, Ordering::Relaxed);
}

/// A read-only shared map of a whole file whose truncation cannot kill the process.
pub(super) struct GuardedMap {
    map: Mmap,
    slot: usize,
}

impl GuardedMap {
    /// Maps `file` (non-empty); `Ok(None)` when every slot is taken.
    pub(super) fn map(file: &File) -> io::Result<Option<GuardedMap>> {
        Self::map_with(file, &MmapOptions::new())
    }

    /// Maps `range` of `file` (non-empty; its start need not fall on a page, and a byte's
    /// alignment in the map is its alignment in the file), only while half the slots or more
    /// are free: such a map saves memory (a cache file's part, read back), and must not take
    /// the slots that later files, which would otherwise be read whole, need. `Ok(None)`
    /// when it is not made.
    pub(super) fn map_range(
        file: &File,
        range: std::ops::Range<u64>,
    ) -> io::Result<Option<GuardedMap>> {
        if TAKEN.load(Ordering::Relaxed) >= SLOTS / 2 {
            return Ok(None);
        }
        let len = usize::try_from(range.end.saturating_sub(range.start))
            .map_err(|_| io::Error::other("a range too long to map"))?;
        Self::map_with(file, MmapOptions::new().offset(range.start).len(len))
    }

    fn map_with(file: &File, options: &MmapOptions) -> io::Result<Option<GuardedMap>> {
        install();
        let Some(slot) = claim() else {
            return Ok(None);
        };
        // SAFETY: a read-only map; the one hazard of a mapped file, its truncation by
        // another program, is what the slot claimed above turns from a SIGBUS into zeros.
        let map = match unsafe { options.map(file) } {
            Ok(map) => map,
            Err(e) => {
                STARTS[slot].store(0, Ordering::Release);
                TAKEN.fetch_sub(1, Ordering::Relaxed);
                return Err(e);
            }
        };
        let start = map.as_ptr() as usize;
        CUT[slot].store(false, Ordering::Relaxed);
        ENDS[slot].store(start + map.len(), Ordering::Release);
        STARTS[slot].store(start, Ordering::Release);
        Ok(Some(GuardedMap { map, slot }))
    }

    /// True when the file was cut short while mapped (pages past its new end read as zeros).
    #[cfg(test)]
    pub(super) fn was_cut(&self) -> bool {
        CUT[self.slot].load(Ordering::Relaxed)
    }

    /// Lets the pages of `range` go from this process's memory (they are read again from
    /// the file when next touched).
    pub(super) fn release(&self, range: std::ops::Range<usize>) {
        // SAFETY: a read-only shared map of a file: dropped pages are read back from it.
        let _ = unsafe {
            self.map
                .unchecked_advise_range(UncheckedAdvice::DontNeed, range.start, range.len())
        };
    }
}

impl std::ops::Deref for GuardedMap {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.map
    }
}

impl AsRef<[u8]> for GuardedMap {
    fn as_ref(&self) -> &[u8] {
        &self.map
    }
}

/// Read through the map (a cache file, which juan reads whole).
impl crate::article::Stored for GuardedMap {
    fn release_range(&self, range: std::ops::Range<usize>) {
        let end = range.end.min(self.len());
        if range.start < end {
            self.release(range.start..end);
        }
    }
}

impl Drop for GuardedMap {
    fn drop(&mut self) {
        // Unlisted before the map goes, so the handler never touches a range given back.
        STARTS[self.slot].store(BUSY, Ordering::Release);
        ENDS[self.slot].store(0, Ordering::Release);
        STARTS[self.slot].store(0, Ordering::Release);
        TAKEN.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A free slot, marked busy; `None` when all are taken.
fn claim() -> Option<usize> {
    let slot = (0..SLOTS).find(|&i| {
        STARTS[i]
            .compare_exchange(0, BUSY, Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
    });
    if slot.is_some() {
        TAKEN.fetch_add(1, Ordering::Relaxed);
    }
    slot
}

/// Installs the SIGBUS handler, once.
fn install() {
    INSTALL.call_once(|| {
        // SAFETY: sysconf and sigaction are called with valid arguments; PREVIOUS is written
        // here once, before the handler that reads it can run.
        unsafe {
            let page = libc::sysconf(libc::_SC_PAGESIZE);
            if page > 0 {
                PAGE.store(page as usize, Ordering::Relaxed);
            }
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigbus as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            let mut previous: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(libc::SIGBUS, &action, &mut previous) == 0 {
                PREVIOUS = Some(previous);
            }
        }
    });
}

/// The SIGBUS handler: zero pages over the rest of the guarded map the fault lies in, or
/// the previous action back for a fault outside every guarded map.
extern "C" fn on_sigbus(_: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SAFETY: the kernel hands a valid siginfo to an SA_SIGINFO handler.
    let addr = unsafe { (*info).si_addr() } as usize;
    let page = PAGE.load(Ordering::Relaxed);
    for slot in 0..SLOTS {
        let start = STARTS[slot].load(Ordering::Acquire);
        if start <= BUSY {
            continue;
        }
        let end = ENDS[slot].load(Ordering::Acquire);
        if addr < start || addr >= end {
            continue;
        }
        let from = addr & !(page - 1);
        let len = end.next_multiple_of(page) - from;
        // SAFETY: [from, from + len) lies in a live map this process owns (listed, and
        // unlisted before it is unmapped); replacing it with private zero pages is what
        // munmap will later give back with the rest.
        let zeros = unsafe {
            libc::mmap(
                from as *mut libc::c_void,
                len,
                libc::PROT_READ,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                -1,
                0,
            )
        };
        if zeros != libc::MAP_FAILED {
            CUT[slot].store(true, Ordering::Relaxed);
            CHANGED.store(true, Ordering::Relaxed);
            return;
        }
        break;
    }
    // Not ours: the previous action handles the fault when the access is retried.
    // SAFETY: PREVIOUS was set before this handler was installed and is never written again.
    unsafe {
        let previous = (*std::ptr::addr_of!(PREVIOUS)).unwrap_or_else(|| {
            let mut dfl: libc::sigaction = std::mem::zeroed();
            dfl.sa_sigaction = libc::SIG_DFL;
            dfl
        });
        libc::sigaction(libc::SIGBUS, &previous, std::ptr::null_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_file_cut_short_under_its_map_reads_as_zeros_and_says_so() {
        let page = PAGE.load(Ordering::Relaxed).max(4096);
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(&vec![b'x'; 3 * page]).unwrap();
        let map = GuardedMap::map(&file).unwrap().unwrap();
        assert_eq!(map[2 * page], b'x');
        assert!(!map.was_cut());
        file.set_len(page as u64).unwrap();
        // Dropped pages are read again from the file: the cut part is gone.
        map.release(0..map.len());
        assert_eq!(map[0], b'x', "the part still in the file reads as before");
        assert_eq!(map[2 * page + 5], 0, "the part cut off reads as zeros");
        assert_eq!(map[page + 1], 0);
        assert!(map.was_cut());
        assert!(changed_on_disk());
    }

    #[test]
    fn a_range_maps_from_any_offset_and_keeps_its_alignment() {
        let page = PAGE.load(Ordering::Relaxed).max(4096);
        let mut file = tempfile::tempfile().unwrap();
        let bytes: Vec<u8> = (0..3 * page).map(|i| (i % 251) as u8).collect();
        file.write_all(&bytes).unwrap();
        for start in [0, 16, page - 16, page, page + 48] {
            let end = (start + page + 100) as u64;
            let map = GuardedMap::map_range(&file, start as u64..end)
                .unwrap()
                .unwrap();
            assert_eq!(&map[..], &bytes[start..end as usize], "from {start}");
            assert_eq!(map.as_ptr() as usize % 16, start % 16, "from {start}");
        }
    }

    #[test]
    fn a_range_is_mapped_only_while_half_the_slots_are_free() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"abcdef").unwrap();
        // A margin above half: other tests map and unmap meanwhile.
        let mut held = Vec::new();
        while TAKEN.load(Ordering::Relaxed) < SLOTS / 2 + 64 {
            held.push(GuardedMap::map(&file).unwrap().unwrap());
        }
        assert!(GuardedMap::map_range(&file, 1..4).unwrap().is_none());
        assert!(
            GuardedMap::map(&file).unwrap().is_some(),
            "a whole file still maps"
        );
        drop(held);
        let map = GuardedMap::map_range(&file, 1..4).unwrap().unwrap();
        assert_eq!(&map[..], b"bcd");
    }

    #[test]
    fn each_map_has_its_own_slot_given_back_when_dropped() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"abc").unwrap();
        let maps: Vec<_> = (0..10)
            .map(|_| GuardedMap::map(&file).unwrap().unwrap())
            .collect();
        assert!(maps.iter().all(|m| &m[..] == b"abc" && !m.was_cut()));
        let mut slots: Vec<_> = maps.iter().map(|m| m.slot).collect();
        slots.dedup();
        assert_eq!(slots.len(), 10);
        let listed: Vec<_> = maps.iter().map(|m| (m.slot, m.as_ptr() as usize)).collect();
        drop(maps);
        for (slot, start) in listed {
            assert_ne!(
                STARTS[slot].load(Ordering::Relaxed),
                start,
                "slot {slot} still listed"
            );
        }
    }
}
