//! The loader thread: loads the archives in batches (the interface draws the first batch at
//! once and the list fills in), again on a reload, and then follows them for appended records.
//! Each load is numbered: a reload starts a new one and the old one's batches are dropped.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

use super::Msg;
use crate::app::LoadProgress;
use crate::archive;

/// How often archives are looked at for appended records once loaded.
const FOLLOW_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// Loads the archive on a thread of its own, again on a reload; chunks arrive built (other
/// threads parse ahead), so the interface thread only appends them.
pub(super) struct Loader {
    paths: Vec<PathBuf>,
    tx: Sender<Msg>,
    /// The number of the load under way; batches of others are dropped.
    number: u64,
    /// Set to tell the load under way that its batches are no longer wanted.
    cancelled: Arc<AtomicBool>,
}

impl Loader {
    /// A loader of `paths` sending to `tx`; nothing loads until [`Loader::start`].
    pub(super) fn new(paths: Vec<PathBuf>, tx: Sender<Msg>) -> Loader {
        Loader {
            paths,
            tx,
            number: 0,
            cancelled: Arc::new(AtomicBool::new(false)),
        }
    }

    /// The number of the load under way: batches of others are dropped.
    pub(super) fn number(&self) -> u64 {
        self.number
    }

    /// Starts a load (the first, or again after the archive changed on disk: the change is
    /// then forgotten), telling the one under way to stop sending.
    pub(super) fn start(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
        self.cancelled = Arc::new(AtomicBool::new(false));
        self.number += 1;
        archive::forget_changes();
        let (paths, tx, number) = (self.paths.clone(), self.tx.clone(), self.number);
        let cancelled = self.cancelled.clone();
        std::thread::spawn(move || {
            let mut last = archive::Progress::default();
            let mut open = true;
            // Hands a batch on while it is wanted: once the interface is gone (or loads
            // again), the rest is not.
            let send = |open: &mut bool, batch: archive::Batch, so_far, done| {
                let progress = LoadProgress { so_far, done };
                *open = *open
                    && !cancelled.load(Ordering::Relaxed)
                    && tx
                        .send(Msg::Loaded(
                            number,
                            Box::new(batch.chunk),
                            batch.problems,
                            progress,
                        ))
                        .is_ok();
            };
            // The interface searches the same bodies at every key: through the map, warm
            // after the first (`archive::Access`).
            let options = archive::LoadOptions::interactive();
            let mut follow = archive::load_streaming_with(&paths, &options, |batch| {
                last = batch.progress;
                send(&mut open, batch, last, false);
            });
            // The parsed articles are gone: let their memory go too, before the user types.
            crate::heap::trim();
            let done = LoadProgress {
                so_far: last,
                done: true,
            };
            let _ = tx.send(Msg::Loaded(number, Box::default(), Vec::new(), done));
            // A scraper may still be writing: what it appends joins the list as it comes.
            while open && !follow.is_empty() {
                std::thread::sleep(FOLLOW_EVERY);
                open = !cancelled.load(Ordering::Relaxed);
                if !open {
                    // A reload forgot the changes seen so far: this load must not report its
                    // own file's change again.
                    break;
                }
                follow.poll(&options, |batch| {
                    last.articles += batch.chunk.len();
                    send(&mut open, batch, last, true);
                });
            }
        });
    }
}
