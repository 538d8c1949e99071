//! The indexer thread: once a load is complete (and again when records are appended), it
//! gives every chunk its body index — read from the cache when kept there, else built and
//! kept — one chunk at a time on one core, so the other stays free for searches while the
//! index is missing (`body:` terms read bodies meanwhile). It reports after each chunk.
//! Before that it reads the chunks' title search aids from the cache, which a load leaves to
//! their first use (`Corpus::prepare_search_aside`: one chunk after another, on this thread,
//! so that no search waits behind it in the pool). The thread runs at the lowest priority.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use super::Msg;
use crate::corpus::Corpus;

/// Hands corpus snapshots to the indexer thread.
pub(super) struct Indexer {
    tx: Sender<(u64, Corpus)>,
    /// The number of the latest snapshot handed over (or of a stop): work on any other is
    /// dropped between chunks.
    latest: Arc<AtomicU64>,
    /// Held while a chunk is indexed, so [`Indexer::stop`] can wait for the reading to end.
    busy: Arc<Mutex<()>>,
}

impl Indexer {
    /// Starts the thread; it reports on `out` as `Msg::Indexed(done, total)`.
    pub(super) fn spawn(out: Sender<Msg>) -> Indexer {
        let (tx, rx) = channel::<(u64, Corpus)>();
        let latest = Arc::new(AtomicU64::new(0));
        let wanted = latest.clone();
        let busy = Arc::new(Mutex::new(()));
        let working = busy.clone();
        std::thread::Builder::new()
            .name("juan-index".into())
            .spawn(move || run(&rx, &wanted, &working, &out))
            .expect("spawn the indexer thread");
        Indexer { tx, latest, busy }
    }

    /// Indexes the chunks of `corpus` (a snapshot: cheap, the chunks are shared) that have
    /// no body index yet.
    pub(super) fn index(&self, corpus: Corpus) {
        let number = self.latest.fetch_add(1, Ordering::Relaxed) + 1;
        let _ = self.tx.send((number, corpus));
    }

    /// Stops the work under way and returns once no body of it is being read (a reload: the
    /// old archive's bodies are not to be read again, nor its changes reported anew). The
    /// indexer looks before each body, so this waits for one body at most.
    pub(super) fn stop(&self) {
        self.latest.fetch_add(1, Ordering::Relaxed);
        drop(self.busy.lock());
    }
}

fn run(rx: &Receiver<(u64, Corpus)>, latest: &AtomicU64, busy: &Mutex<()>, out: &Sender<Msg>) {
    lower_priority();
    while let Ok(mut job) = rx.recv() {
        // Only the newest snapshot matters: it holds every chunk the older ones do.
        while let Ok(newer) = rx.try_recv() {
            job = newer;
        }
        let (number, corpus) = job;
        // First what title searches need (read on first use otherwise), on this thread alone:
        // searches keep the pool to themselves.
        corpus.prepare_search_aside(&|| latest.load(Ordering::Relaxed) != number);
        let total = corpus.chunks().len();
        let mut done = corpus.body_index_figures().chunks;
        if out.send(Msg::Indexed(done, total)).is_err() {
            return;
        }
        // Its buffers reused from chunk to chunk, and let go once the snapshot is indexed; the
        // lean ones, as the interface (and its title cache, 2 GB at ten million articles)
        // holds memory meanwhile.
        let mut builder = crate::fulltext::Builder::lean();
        for chunk in corpus.chunks() {
            if latest.load(Ordering::Relaxed) != number {
                break;
            }
            if chunk.text.get().is_some() {
                continue;
            }
            // A chunk that cannot be indexed (lists past 4 GiB) counts as done: its bodies
            // are read.
            {
                let _reading = busy.lock();
                chunk.index_text_unless(&mut builder, &|| latest.load(Ordering::Relaxed) != number);
            }
            done += 1;
            if out.send(Msg::Indexed(done, total)).is_err() {
                return;
            }
        }
    }
}

/// Gives the calling thread the lowest priority (nice 19; on Linux a thread has its own):
/// the searches and the first list, on the pool at the usual priority, take a core from it
/// whenever they want one. With two cores, the first list of ten million articles took 0.8 s
/// beside it and 0.3 s alone. Not the idle scheduling class, which never runs while other
/// work has the cores: on a busy server the body index would never be built, and a reload,
/// which waits for the body being read, would wait as long. Elsewhere nothing changes.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid has no preconditions; setpriority with PRIO_PROCESS and a thread id
        // sets that thread's nice value, and a failure only leaves it as it was.
        unsafe {
            let tid = libc::gettid();
            libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 19);
        }
    }
}
