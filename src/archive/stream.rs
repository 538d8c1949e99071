//! Streaming: what loading hands its caller as it goes — [`Batch`]es of articles in load
//! order, each a built [`Chunk`] (columns and search index), with the problems met so far and
//! a [`Progress`] line — and the options that steer a load ([`LoadOptions`]).
//!
//! Chunks are built on the loading thread (while other threads parse ahead), so the caller
//! only appends them (`Corpus::push_chunk`); a chunk read from the index cache needs no
//! building at all.

use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::cache;
use super::dedupe::Seen;
use crate::article::Article;
use crate::corpus::Chunk;
use crate::date::{Date, Stamp};
use crate::parse::{Archive, Problem};

/// How far a load has got.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Progress {
    /// Articles loaded so far, this batch included.
    pub articles: usize,
    /// Bytes of the archive's files read so far (compressed size for gzip).
    pub bytes_done: u64,
    /// Bytes of every file to load (0 for stdin, whose size is unknown).
    pub bytes_total: u64,
    /// Time since the load began.
    pub elapsed: Duration,
    /// Copies of an article met before (same id and content), not loaded again.
    pub copies_folded: usize,
    /// Articles loaded under an id another article with other content already had.
    pub id_clashes: usize,
}

impl Progress {
    /// Megabytes (10⁶ bytes) read per second so far.
    pub(crate) fn mb_per_sec(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.bytes_done as f64 / 1e6 / secs
        } else {
            0.0
        }
    }
}

/// Articles loaded together, in load order, and the problems met since the last batch.
#[derive(Debug, Default)]
pub struct Batch {
    /// The articles, continuing the previous batch's, as a chunk (not yet numbered).
    pub chunk: Chunk,
    /// Problems, continuing the previous batch's.
    pub problems: Vec<Problem>,
    /// How far the load has got with this batch.
    pub progress: Progress,
}

/// How a load runs.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Where index caches live; `None` turns the cache off.
    pub cache_dir: Option<PathBuf>,
    /// Plain JSON Lines files at least this big are cached.
    pub cache_min_bytes: u64,
    /// About how many articles a batch holds (the first holds a sixteenth of that, the last
    /// may hold fewer); at most 65,536 are used, which keeps a chunk's source ids in `u16`.
    pub batch_articles: usize,
    /// Threads that parse a mapped file.
    pub threads: usize,
    /// About how many bytes of a mapped file one thread parses at a time.
    pub piece_bytes: usize,
    /// How the archive will be searched: once (a command) or again and again (the
    /// interface); it decides what a search keeps in memory.
    pub access: Access,
    /// When a cached file's titles are checked whole: at the load, or at their first whole
    /// use (a command that will not search titles).
    pub titles: TitleCheck,
}

/// When the titles a cache file keeps are checked whole (their checksum, UTF-8, no terminal
/// control: every byte of them read, a third of what a load of a cached file touches).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleCheck {
    /// At the load: titles that do not check out make the cache be read again from the
    /// archive and written anew, as any other damage does. For whoever will search titles.
    AtLoad,
    /// At their first whole use (a title or source search); until then each title read is
    /// checked on its own, and one that fails reads as `\u{FFFD}`. For a command that
    /// will print a few rows of a query that reads no title.
    OnUse,
}

/// How an archive will be searched, which decides how a `body:` search reads what it needs
/// from files (`held`, `cache::TextCache`): the interface searches the same candidates again
/// at every key, a command once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Searched once (a command): candidates' bodies are read from the archive file, kept
    /// open (a system call a body, about 2× a warm map's time at 1M articles but less than
    /// a first touch of the map), and the body index's pages are let go after each look-up.
    /// Nothing a search reads stays resident.
    Once,
    /// Searched again and again (the interface): bodies and the body index are read through
    /// their maps, fastest once their pages are in; each page touched (with the 64 KiB the
    /// kernel maps around it) stays in juan's resident memory.
    Repeated,
}

impl LoadOptions {
    /// The options of an ordinary run: the cache in `$XDG_CACHE_HOME/juan` (else
    /// `~/.cache/juan`), off when `JUAN_NO_CACHE` is set to anything but `0`; batches of
    /// 50 000; every core.
    pub(crate) fn from_env() -> LoadOptions {
        LoadOptions {
            cache_dir: cache::default_dir(),
            ..LoadOptions::without_cache()
        }
    }

    /// The interface's options: an ordinary run's, searched again and again
    /// ([`Access::Repeated`]).
    pub fn interactive() -> LoadOptions {
        LoadOptions {
            access: Access::Repeated,
            ..LoadOptions::from_env()
        }
    }

    /// Like `LoadOptions::from_env` (what [`load`](super::load) uses) with the cache off.
    pub fn without_cache() -> LoadOptions {
        LoadOptions {
            cache_dir: None,
            cache_min_bytes: 8 << 20,
            batch_articles: 50_000,
            threads: std::thread::available_parallelism().map_or(1, usize::from),
            piece_bytes: 4 << 20,
            access: Access::Once,
            titles: TitleCheck::AtLoad,
        }
    }
}

/// Gathers what the format parsers produce into batches for the caller's sink.
pub(super) struct Collector<'a> {
    sink: &'a mut dyn FnMut(Batch),
    /// The date of articles that give none (read off the current file's path).
    undated_date: Option<Stamp>,
    /// The ids met so far, to fold copies (`None`: keep every article).
    seen: Option<Seen>,
    pending: Archive,
    /// Problems handed on so far (at most [`LISTED_PER_LOAD`]).
    listed: usize,
    /// Problems past those, counted by file (in the order met), told of at the end.
    unlisted: Vec<(String, usize)>,
    progress: Progress,
    batch_articles: usize,
    start: Instant,
    /// Batches whose chunks are being built on the thread pool, oldest first, each with the
    /// problems met before it: handed on in this order as they are done.
    building: VecDeque<Building>,
}

/// A chunk being built on the thread pool ([`Collector::emit`]), and the problems that go
/// with its batch.
struct Building {
    /// The chunk, or the panic that building it met (resumed on the loading thread: a
    /// panic on the pool would abort, leaving the terminal as it was).
    chunk: mpsc::Receiver<std::thread::Result<Chunk>>,
    problems: Vec<Problem>,
}

/// How many chunks may be building at once: the next batch waits for the oldest. Two keep
/// both cores busy beside the parsing threads, and the articles in memory bounded.
const BUILDING: usize = 2;

/// How many problems a load hands on with their reasons; the rest are counted, and the count
/// per file told at the end (a 10 MB file of bad lines costs a few hundred reasons, not 1.4 GB).
pub(super) const LISTED_PER_LOAD: usize = 1000;

impl<'a> Collector<'a> {
    /// A collector for a load of `bytes_total` bytes that began at `start`.
    pub(super) fn new(
        sink: &'a mut dyn FnMut(Batch),
        options: &LoadOptions,
        bytes_total: u64,
        start: Instant,
    ) -> Collector<'a> {
        Collector {
            sink,
            undated_date: None,
            seen: Some(Seen::default()),
            pending: Archive::default(),
            listed: 0,
            unlisted: Vec::new(),
            progress: Progress {
                bytes_total,
                ..Progress::default()
            },
            batch_articles: options.batch_articles.clamp(1, 1 << 16),
            start,
            building: VecDeque::new(),
        }
    }

    /// A collector like [`Collector::new`] that keeps every article, copies too: for the
    /// chunks of one file, which go on to a collector that folds.
    pub(super) fn keeping_copies(mut self) -> Collector<'a> {
        self.seen = None;
        self
    }

    /// Dates the articles added from now on that give no date of their own with `day` (the
    /// day in their file's path), or with nothing when `None`.
    pub(super) fn date_undated_by(&mut self, day: Option<Stamp>) {
        self.undated_date = day;
    }

    /// Adds what `bytes` more bytes of the archive held, handing on full batches.
    pub(super) fn add(&mut self, mut loaded: Archive, bytes: u64) {
        self.hand_on_built(false);
        if let Some(day) = self.undated_date {
            for a in &mut loaded.articles {
                if a.date == Date::Missing {
                    a.date = Date::Known(day);
                }
            }
        }
        if let Some(seen) = &mut self.seen {
            seen.fold(&mut loaded.articles);
        }
        self.progress.bytes_done += bytes;
        self.take_problems(std::mem::take(&mut loaded.problems), loaded.unlisted);
        let mut incoming = loaded.articles.into_iter();
        loop {
            // The first batch is small, so that the caller can show something at once.
            let target = if self.progress.articles == 0 {
                (self.batch_articles / 16).max(1)
            } else {
                self.batch_articles
            };
            let room = target - self.pending.articles.len();
            self.pending.articles.extend(incoming.by_ref().take(room));
            if self.pending.articles.len() < target {
                break;
            }
            let full = std::mem::take(&mut self.pending.articles);
            self.emit(full);
        }
    }

    /// Adds a problem with a whole file or folder.
    pub(super) fn problem(&mut self, problem: Problem) {
        self.take_problems(vec![problem], 0);
    }

    /// Takes `problems`, and `unlisted` more of the file the last of them names: handed on
    /// while fewer than [`LISTED_PER_LOAD`] have been, else counted.
    fn take_problems(&mut self, problems: Vec<Problem>, unlisted: usize) {
        let last_file = problems.last().map(|p| p.file.clone());
        for p in problems {
            if self.listed < LISTED_PER_LOAD {
                self.listed += 1;
                self.pending.problems.push(p);
            } else {
                self.count_unlisted(p.file, 1);
            }
        }
        if unlisted > 0 {
            self.count_unlisted(last_file.unwrap_or_default(), unlisted);
        }
    }

    fn count_unlisted(&mut self, file: String, n: usize) {
        match self.unlisted.last_mut() {
            Some((last, count)) if *last == file => *count += n,
            _ => self.unlisted.push((file, n)),
        }
    }

    /// Adds a chunk built (or read from the cache) elsewhere, with the problems met before
    /// it and the `bytes` it covered, after whatever is pending.
    pub(super) fn add_chunk(&mut self, chunk: Chunk, problems: Vec<Problem>, bytes: u64) {
        if !self.pending.articles.is_empty() {
            let rest = std::mem::take(&mut self.pending.articles);
            self.emit(rest);
        }
        self.hand_on_built(true);
        self.progress.bytes_done += bytes;
        self.take_problems(problems, 0);
        let chunk = match &mut self.seen {
            Some(seen) => seen.fold_chunk(chunk),
            None => chunk,
        };
        self.emit_chunk(chunk);
    }

    /// Adds the chunks of one cached file, each with the problems met before it and the
    /// `bytes` it covered, like [`Collector::add_chunk`] on each in turn; copies are folded
    /// for the whole group at once ([`Seen::fold_group`]), which `ids_distinct` (no two of
    /// its articles share an id, as its cache says) may let wait.
    pub(super) fn add_cached(
        &mut self,
        group: Vec<(Chunk, Vec<Problem>, u64)>,
        ids_distinct: bool,
    ) {
        let (chunks, rest): (Vec<Chunk>, Vec<(Vec<Problem>, u64)>) = group
            .into_iter()
            .map(|(chunk, problems, bytes)| (chunk, (problems, bytes)))
            .unzip();
        let chunks = match &mut self.seen {
            Some(seen) => seen.fold_group(chunks, ids_distinct),
            None => chunks,
        };
        if !self.pending.articles.is_empty() {
            let pending = std::mem::take(&mut self.pending.articles);
            self.emit(pending);
        }
        self.hand_on_built(true);
        for (chunk, (problems, bytes)) in chunks.into_iter().zip(rest) {
            self.progress.bytes_done += bytes;
            self.take_problems(problems, 0);
            self.emit_chunk(chunk);
        }
    }

    /// Hands on what is left (an empty final batch when nothing is, so that the caller
    /// always sees the final progress).
    pub(super) fn finish(mut self) {
        for (file, n) in std::mem::take(&mut self.unlisted) {
            let reason =
                format!("{n} more problems, not listed (a load lists the first {LISTED_PER_LOAD})");
            self.pending.problems.push(Problem::whole(&file, reason));
        }
        let rest = std::mem::take(&mut self.pending.articles);
        self.emit(rest);
        self.hand_on_built(true);
    }

    /// Builds the chunk of `articles` on the thread pool, to be handed on with every pending
    /// problem once it and those before it are done ([`Collector::hand_on_built`]); meanwhile
    /// this thread goes on taking what the parsing threads give (it was the load's
    /// bottleneck: 1.1 of 2 cores busy). The first batch, and the final empty one, are
    /// built here, so the caller sees them at once.
    fn emit(&mut self, articles: Vec<Article>) {
        if self.progress.articles == 0 && self.building.is_empty() || articles.is_empty() {
            self.hand_on_built(true);
            self.emit_chunk(Chunk::build(articles));
            return;
        }
        let problems = std::mem::take(&mut self.pending.problems);
        let (send, chunk) = mpsc::sync_channel(1);
        rayon::spawn(move || {
            let built = panic::catch_unwind(AssertUnwindSafe(|| Chunk::build(articles)));
            // The receiver is gone only when the load itself is unwinding.
            let _ = send.send(built);
        });
        self.building.push_back(Building { chunk, problems });
        while self.building.len() > BUILDING {
            self.hand_on_one();
        }
    }

    /// Hands on the chunks built so far, in order: every one when `all` (waiting for them),
    /// else those done before the first that is not.
    fn hand_on_built(&mut self, all: bool) {
        while let Some(front) = self.building.front() {
            match front.chunk.try_recv() {
                Ok(built) => {
                    let building = self.building.pop_front().expect("a front");
                    self.emit_built(built, building.problems);
                }
                Err(mpsc::TryRecvError::Empty) if all => self.hand_on_one(),
                Err(mpsc::TryRecvError::Empty) => return,
                Err(mpsc::TryRecvError::Disconnected) => panic!("building a chunk failed"),
            }
        }
    }

    /// Waits for the oldest chunk being built and hands it on.
    fn hand_on_one(&mut self) {
        if let Some(building) = self.building.pop_front() {
            let built = building.chunk.recv().expect("building a chunk failed");
            self.emit_built(built, building.problems);
        }
    }

    /// Hands on the `built` chunk with `problems`, those met before its batch (any met since
    /// stay pending for the next); a panic met building it goes on here.
    fn emit_built(&mut self, built: std::thread::Result<Chunk>, problems: Vec<Problem>) {
        let chunk = built.unwrap_or_else(|p| panic::resume_unwind(p));
        let since = std::mem::replace(&mut self.pending.problems, problems);
        self.emit_chunk(chunk);
        self.pending.problems = since;
    }

    /// Hands `chunk` and every pending problem to the sink.
    fn emit_chunk(&mut self, chunk: Chunk) {
        self.progress.articles += chunk.len();
        if let Some(seen) = &self.seen {
            self.progress.copies_folded = seen.copies_folded;
            self.progress.id_clashes = seen.id_clashes;
        }
        self.progress.elapsed = self.start.elapsed();
        let batch = Batch {
            chunk,
            problems: std::mem::take(&mut self.pending.problems),
            progress: self.progress,
        };
        (self.sink)(batch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` different articles, titled from `first` on.
    fn titled(first: usize, n: usize) -> Archive {
        Archive {
            articles: (first..first + n)
                .map(|i| Article {
                    id: i.to_string(),
                    title: i.to_string(),
                    ..Default::default()
                })
                .collect(),
            problems: vec![Problem::whole("f", "p")],
            unlisted: 0,
        }
    }

    #[test]
    fn batches_are_full_but_the_first_and_last() {
        let mut batches = Vec::new();
        let mut sink = |b: Batch| batches.push(b);
        let options = LoadOptions {
            batch_articles: 4,
            ..LoadOptions::without_cache()
        };
        let mut c = Collector::new(&mut sink, &options, 30, Instant::now());
        c.add(titled(0, 3), 10);
        c.add(titled(3, 7), 10);
        c.add(titled(10, 0), 10);
        c.finish();
        let sizes: Vec<_> = batches.iter().map(|b| b.chunk.len()).collect();
        assert_eq!(sizes, [1, 4, 4, 1]);
        let problems: usize = batches.iter().map(|b| b.problems.len()).sum();
        assert_eq!(problems, 3);
        let last = batches.last().unwrap().progress;
        assert_eq!(
            (last.articles, last.bytes_done, last.bytes_total),
            (10, 30, 30)
        );
    }

    #[test]
    fn copies_fold_across_adds_but_not_in_a_collector_keeping_them() {
        for (keep, want) in [(false, (3, 2)), (true, (5, 0))] {
            let mut loaded = 0;
            let mut last = Progress::default();
            let mut sink = |b: Batch| {
                loaded += b.chunk.len();
                last = b.progress;
            };
            let options = LoadOptions::without_cache();
            let mut c = Collector::new(&mut sink, &options, 0, Instant::now());
            if keep {
                c = c.keeping_copies();
            }
            c.add(titled(0, 3), 0);
            c.add(titled(1, 2), 0);
            c.finish();
            assert_eq!((loaded, last.copies_folded), want, "keeping copies: {keep}");
        }
    }

    #[test]
    fn undated_articles_take_the_path_day() {
        let mut got = Vec::new();
        let mut sink = |b: Batch| got.extend((0..b.chunk.len()).map(|i| b.chunk.index.date(i)));
        let options = LoadOptions::without_cache();
        let mut c = Collector::new(&mut sink, &options, 0, Instant::now());
        c.date_undated_by(crate::date::from_path("20191001/20191001-01-02.txt"));
        let mut archive = titled(0, 2);
        archive.articles[1].date = Date::from_text("2019-09-30 12:00");
        c.add(archive, 0);
        c.finish();
        let shown: Vec<_> = got.iter().map(Date::display).collect();
        assert_eq!(shown, ["2019-10-01", "2019-09-30 12:00"]);
    }
}
