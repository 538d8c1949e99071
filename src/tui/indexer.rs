//! The indexer thread: once a load is complete (and again when records are appended), it
//! gives every chunk its body index — read from the cache when kept there, else built and
//! kept — one chunk at a time on one core, so the other stays free for searches while the
//! index is missing (`body:` terms read bodies meanwhile). It reports after each chunk.

use std::sync::mpsc::{Receiver, Sender, channel};

use super::Msg;
use crate::corpus::Corpus;

/// Hands corpus snapshots to the indexer thread.
pub(super) struct Indexer {
    tx: Sender<Corpus>,
}

impl Indexer {
    /// Starts the thread; it reports on `out` as `Msg::Indexed(done, total)`.
    pub(super) fn spawn(out: Sender<Msg>) -> Indexer {
        let (tx, rx) = channel::<Corpus>();
        std::thread::spawn(move || run(&rx, &out));
        Indexer { tx }
    }

    /// Indexes the chunks of `corpus` (a snapshot: cheap, the chunks are shared) that have
    /// no body index yet.
    pub(super) fn index(&self, corpus: Corpus) {
        let _ = self.tx.send(corpus);
    }
}

fn run(rx: &Receiver<Corpus>, out: &Sender<Msg>) {
    while let Ok(mut corpus) = rx.recv() {
        // Only the newest snapshot matters: it holds every chunk the older ones do.
        while let Ok(newer) = rx.try_recv() {
            corpus = newer;
        }
        let total = corpus.chunks().len();
        let mut done = corpus.body_index_figures().chunks;
        if out.send(Msg::Indexed(done, total)).is_err() {
            return;
        }
        for chunk in corpus.chunks() {
            if chunk.text.get().is_some() {
                continue;
            }
            // A chunk that cannot be indexed (lists past 4 GiB) counts as done: its bodies
            // are read.
            chunk.index_text();
            done += 1;
            if out.send(Msg::Indexed(done, total)).is_err() {
                return;
            }
        }
    }
}
