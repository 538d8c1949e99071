//! [`Worker`]: a thread that runs search requests one at a time, newest first. Submitting a
//! request cancels the running one and any still queued; a superseded request's hits are
//! never delivered, because delivery and supersession take the same lock.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::corpus::Corpus;
use crate::query::{Hit, Order, Query};

use super::{Cancel, Marks, Page, Previous, Total, run_paged};

/// One search to run.
#[derive(Debug, Clone)]
pub struct Request {
    /// The caller's number for it, handed back in [`Done`]; newer requests have larger ones.
    pub generation: u64,
    /// A snapshot of the articles to search.
    pub corpus: Corpus,
    /// What to look for.
    pub query: Query,
    /// The date order of ties.
    pub order: Order,
    /// The previous answer to search within, when the query narrows it, from this same
    /// corpus.
    pub within: Option<Arc<Previous>>,
}

/// Rows of the first page a search hands over before it has ranked or counted everything
/// ([`super::run_paged`]): a few screens.
pub const PAGE_ROWS: usize = 200;

/// A search's answer: its first page ([`Done::complete`] false), then the whole of it.
#[derive(Debug, Clone)]
pub struct Done {
    /// The [`Request::generation`] it answers.
    pub generation: u64,
    /// Every hit, ranked, positions empty; only the first [`PAGE_ROWS`] while not complete.
    /// Shared with the thread, which makes their bitmap once it has handed them over.
    pub hits: Arc<Vec<Hit>>,
    /// The bitmap of a complete answer's hits, made on the search thread right after it is
    /// handed over (for the next key, which most often narrows it); never made for a page.
    pub marks: Marks,
    /// How many hits there are in all (exact once complete).
    pub total: Total,
    /// False for the first page: the whole answer follows unless a newer request supersedes
    /// it.
    pub complete: bool,
    /// Time from the start of the search to this answer.
    pub elapsed: Duration,
}

/// The background search thread. Dropping it cancels the running search and joins the thread.
pub struct Worker {
    /// Requests to the thread, each with its own cancel token; `None` once dropping.
    requests: Option<Sender<(Request, Cancel)>>,
    /// The token of the latest submitted request; held while delivering.
    latest: Arc<Mutex<Cancel>>,
    /// The thread, joined on drop.
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the thread; `on_done` is called on it with each result that is still the latest
    /// request when it finishes (e.g. to send it to the interface's event loop). It runs while
    /// [`Worker::submit`] waits, so it must be quick and must not submit itself.
    pub fn spawn(on_done: impl FnMut(Done) + Send + 'static) -> Worker {
        let (requests, inbox) = channel();
        let latest = Arc::new(Mutex::new(Cancel::new()));
        let shared = Arc::clone(&latest);
        let thread = std::thread::Builder::new()
            .name("juan-search".into())
            .spawn(move || serve(&inbox, &shared, on_done))
            .expect("spawn the search thread");
        Worker {
            requests: Some(requests),
            latest,
            thread: Some(thread),
        }
    }

    /// Queues `request`, cancelling the running and queued ones. Never waits for a search.
    pub fn submit(&self, request: Request) {
        let cancel = Cancel::new();
        let mut latest = self.latest.lock().unwrap_or_else(PoisonError::into_inner);
        latest.cancel();
        *latest = cancel.clone();
        if let Some(requests) = &self.requests {
            // The thread only stops when the worker is dropped, so sending cannot fail here.
            let _ = requests.send((request, cancel));
        }
    }

    /// Cancels the running and queued requests without submitting another.
    pub(crate) fn cancel(&self) {
        self.latest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .cancel();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.cancel();
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The thread's loop: take the newest queued request, run it, deliver it unless superseded.
fn serve(
    inbox: &Receiver<(Request, Cancel)>,
    latest: &Mutex<Cancel>,
    mut on_done: impl FnMut(Done),
) {
    while let Ok(mut next) = inbox.recv() {
        while let Ok(newer) = inbox.try_recv() {
            next = newer;
        }
        let (request, cancel) = next;
        if cancel.is_cancelled() {
            continue;
        }
        let start = Instant::now();
        let within = request.within.as_deref();
        let mut deliver = |hits: Arc<Vec<Hit>>, marks: Marks, total: Total, complete: bool| {
            let _guard = latest.lock().unwrap_or_else(PoisonError::into_inner);
            if !cancel.is_cancelled() {
                on_done(Done {
                    generation: request.generation,
                    hits,
                    marks,
                    total,
                    complete,
                    elapsed: start.elapsed(),
                });
            }
        };
        let Some(hits) = run_paged(
            &request.corpus,
            &request.query,
            request.order,
            within,
            &cancel,
            PAGE_ROWS,
            |page: Page| deliver(Arc::new(page.hits), Marks::default(), page.total, false),
        ) else {
            continue;
        };
        let total = Total::Exact(hits.len());
        let (hits, marks) = (Arc::new(hits), Marks::default());
        deliver(Arc::clone(&hits), marks.clone(), total, true);
        // The next key most often narrows this answer: its bitmap made now, while the thread
        // waits for that key (a newer request has cancelled this one when it is already here).
        if !cancel.is_cancelled() {
            marks.make(&hits, request.corpus.len());
        }
    }
}
