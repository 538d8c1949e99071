//! The search engine over a [`Corpus`] at a million titles: ranked hits on every core
//! ([`run`]), the matched chars of one row ([`positions`]), narrowing while the user types
//! ([`narrows`]), and a background [`Worker`] whose newer requests cancel older ones, so the
//! interface never waits and never sees a stale result.
//!
//! | module | job |
//! |---|---|
//! | `added` | the ranking of a query that only added clauses, from the previous hits' scores |
//! | `bounded` | a ranked first page from score bounds, scoring few candidates (`bounded::listed`: those the title lists leave a floor) |
//! | `date_order` | the empty query: per-chunk date orders merged, kept for appended chunks |
//! | `dated` | the part of the kept date order a query's `date:` span holds, by binary search |
//! | `first` | a command's first rows, without ranking or testing the rest |
//! | `grown` | the first page of a term grown by letters, from the previous answer's scores |
//! | `rank` | sort keys of hits: score, date, load order |
//! | `scan` | the parallel scan of candidates, chunk by chunk and block by block |
//! | `top` | the first page of a query whose best score is known (`国`): the newest hits reaching it |
//! | `worker` | the background thread: requests in, [`Done`] out, superseded ones dropped |
//!
//! Ranking is the one [`crate::query::search`] gives for a single list of articles: score
//! descending, then date in the chosen [`Order`] (undated last), then load order — so a corpus
//! of many chunks ranks exactly like one chunk holding the same articles.

mod added;
mod bounded;
mod date_order;
mod dated;
mod first;
mod grown;
mod rank;
mod scan;
mod snippet;
mod top;
mod walk;
mod worker;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

pub use first::first_rows;
pub use snippet::{Snippet, Snippets};
pub use worker::{Done, PAGE_ROWS, Request, Worker};

pub use crate::query::Found;
/// The single-thread search over one list of articles that [`run`] ranks exactly like: the
/// reference the engine is tested and benchmarked against (`query::search` inside the crate).
pub use crate::query::search as sequential;

use crate::article::Article;
use crate::corpus::{Chunk, Corpus};
use crate::query::{Hit, Matcher, Order, Query, Scratch};

/// Articles per chunk when [`corpus_of`] splits a list of articles.
pub const CHUNK_LEN: usize = 1 << 16;

/// A cancellation token: cheap to clone, shared by a running search and whoever may
/// supersede it.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A token not cancelled yet.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Asks every holder of this token to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// True once [`Cancel::cancel`] was called on any clone.
    pub(crate) fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// The answer of an earlier query that a new one narrows ([`narrows`]): the new search tests
/// only its hits, and when the new query only grew a ranking term by letters typed at its
/// end, finds its first page from their scores (`search/grown.rs`).
#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// The earlier query.
    pub query: Query,
    /// Its hits in this corpus (a corpus that grew since needs a full search), as that query
    /// ranked them; any subset of them (the interface's source filter keeps some). Shared:
    /// the interface lists the same hits, millions at ten million titles.
    pub hits: Arc<Vec<Hit>>,
    /// The same hits as a bitmap, when made already (else the search makes it): exactly
    /// `hits`, not the answer they were filtered from.
    pub marks: Marks,
}

/// The articles of an answer's hits as a bitmap over the corpus searched (a bit per article),
/// made once and shared: the next key most often narrows the answer, and its search tests
/// only the marked articles. The search thread makes it as soon as it has handed a whole
/// answer over, while it waits for that key: 7 ms for the 6.9 million hits of `da` at ten
/// million articles, which each narrowing key used to spend first.
#[derive(Debug, Clone, Default)]
pub struct Marks(Arc<OnceLock<Vec<u64>>>);

impl Marks {
    /// The bitmap of `hits` over a corpus of `len` articles: made now unless it is made
    /// (for that length: one made for another is not used, and a fresh one is made).
    pub fn make(&self, hits: &[Hit], len: usize) -> std::borrow::Cow<'_, [u64]> {
        let made = self.0.get_or_init(|| scan::bitmap(hits, Hit::article, len));
        if made.len() == len.div_ceil(64) {
            std::borrow::Cow::Borrowed(made)
        } else {
            std::borrow::Cow::Owned(scan::bitmap(hits, Hit::article, len))
        }
    }

    /// True once the bitmap is made.
    pub fn is_made(&self) -> bool {
        self.0.get().is_some()
    }
}

/// Searches `corpus` for `query`: every hit ranked (score descending, then date in `order`,
/// undated last, then load order); the matched chars are left to [`positions`]. `within`, when
/// given, is the previous answer, whose hits are scanned instead of every article: only when
/// [`narrows`] says the query only got stricter. Uses every core; returns `None` as soon as
/// it notices `cancel`.
pub fn run(
    corpus: &Corpus,
    query: &Query,
    order: Order,
    within: Option<&Previous>,
    cancel: &Cancel,
) -> Option<Vec<Hit>> {
    run_paged(corpus, query, order, within, cancel, 0, |_| {})
}

/// Every article `query` matches in `corpus`, as a bitmap over global numbers, in no order
/// and unranked: what `juan count` needs, without the sort a ranking costs (25–30 ms for a
/// million hits). Uses every core. A lone body term the index answers exactly takes
/// its lists' bits as they are (no hit list: 976,887 hits of `body:的` at 1M made a vector
/// of 8 MB and a bitmap again); any other query marks what the scan matches.
pub fn matching_marks(corpus: &Corpus, query: &Query) -> Vec<u64> {
    if query.is_empty() {
        let mut marks = vec![u64::MAX; corpus.len().div_ceil(64)];
        if let Some(last) = marks
            .last_mut()
            .filter(|_| !corpus.len().is_multiple_of(64))
        {
            *last = (1 << (corpus.len() % 64)) - 1;
        }
        return marks;
    }
    let matchers = scan::matchers(corpus, query);
    let exact: Option<Vec<_>> = matchers.iter().map(|m| m.exact_hits()).collect();
    if let Some(exact) = exact {
        let mut marks = vec![0u64; corpus.len().div_ceil(64)];
        for (hits, chunk) in exact.iter().zip(corpus.chunks()) {
            or_shifted(&mut marks, hits.words(), chunk.first);
        }
        return marks;
    }
    scan::matching_marks(corpus, &matchers, None, &Cancel::new())
        .expect("a search nobody cancels finishes")
}

/// ORs `local`, a bitmap whose bit 0 is global number `first`, into `marks`.
fn or_shifted(marks: &mut [u64], local: &[u64], first: usize) {
    let (word, shift) = (first / 64, first % 64);
    for (k, &bits) in local.iter().enumerate().filter(|(_, b)| **b != 0) {
        marks[word + k] |= bits << shift;
        if shift != 0 && bits >> (64 - shift) != 0 {
            marks[word + k + 1] |= bits >> (64 - shift);
        }
    }
}

/// True when the body index leaves so many candidates among `corpus` (one matcher per chunk)
/// that filtering the kept date order by their hits is cheaper than sorting the hits: an
/// eighth of the articles or more, and the order is kept (the interface's is, from its first
/// list; merging it first costs about 100 ms at 1M, more than a sort). Filtering is a pass
/// over every article; sorting a million hits took 25–30 ms of a 47 ms `body:的` at 1M.
fn many(corpus: &Corpus, matchers: &[Matcher], order: Order) -> bool {
    scan::candidate_total(corpus, matchers) >= corpus.len() / 8
        && date_order::is_kept(corpus, order)
}

/// Candidates per page row from which a ranked search whose scores have bounds finds its
/// first page from them ([`bounded`]) before ranking everything.
const BOUNDED_FROM: usize = 16;

/// How many hits a search has, as far as it knows when it hands over its first [`Page`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    /// This many, counted.
    Exact(usize),
    /// At least this many: the rest are still being counted.
    AtLeast(usize),
}

impl Total {
    /// The count, or its lower bound.
    pub fn count(self) -> usize {
        match self {
            Total::Exact(n) | Total::AtLeast(n) => n,
        }
    }
}

/// The first rows of a search's ranking, handed over before the rest is ranked or counted.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The first hits, exactly as the whole ranking begins.
    pub hits: Vec<Hit>,
    /// How many hits there are in all.
    pub total: Total,
}

/// [`run`], handing the first `rows` hits to `first` as soon as they are known, before the
/// rest is ranked: for the empty query, whose every article's date order is not merged yet,
/// at once from the chunks' own orders (the total exact); for a query whose hits list by
/// date (no ranking title term), as soon as `rows` of them are found in the date order, the
/// total then still being counted; for a ranked query, once every hit is scored and the best
/// `rows` are picked, before the whole sort — or sooner, when every ranking term is a short
/// pinyin-capable one: the best `rows` are then found from cheap score bounds, scoring few
/// candidates (`search/bounded.rs`), from the previous answer's scores when the query only
/// grew by letters typed (`search/grown.rs`), or from the date order when the best score is
/// known (a lone Han char, `search/top.rs`); the total is then at least the matches found so
/// far. `first` is not called when `rows` is 0, when the search is cancelled first, or when
/// nothing is saved by it (the whole answer is as quick).
pub fn run_paged(
    corpus: &Corpus,
    query: &Query,
    order: Order,
    within: Option<&Previous>,
    cancel: &Cancel,
    rows: usize,
    first: impl FnOnce(Page),
) -> Option<Vec<Hit>> {
    assert!(
        u32::try_from(corpus.len()).is_ok(),
        "at most 2^32 articles are searched"
    );
    if query.is_empty() && within.is_none() {
        if rows > 0 && !date_order::is_kept(corpus, order) {
            // Every article, whose order is not merged yet (0.6 s at 10M): the first rows
            // from the chunks' own orders at once.
            first(Page {
                hits: date_order::first_in_date_order(corpus, order, rows),
                total: Total::Exact(corpus.len()),
            });
        }
        return date_order::all_in_date_order(corpus, order, cancel);
    }
    let previous = within;
    // A ranked query's date span, over everything: its part of the kept date order is the
    // candidates (the date order's own filter takes the part itself).
    let dated = (previous.is_none() && query.scores())
        .then(|| dated::Dated::of(corpus, query, order))
        .flatten();
    let candidates = match (previous, &dated) {
        (Some(p), _) => p.hits.len(),
        (None, Some(dated)) => dated.numbers().len(),
        (None, None) => corpus.len(),
    };
    let within = match previous {
        Some(p) => Some(p.marks.make(&p.hits, corpus.len())),
        None => dated.map(|d| std::borrow::Cow::Owned(d.marks(corpus.len()))),
    };
    let within = within.as_deref();
    let matchers = scan::matchers(corpus, query);
    if !query.scores()
        && (within.is_some() || !query.reads_bodies() || many(corpus, &matchers, order))
    {
        // Every hit scores 0: the date order, filtered, is the ranking (except for bodies
        // searched over everything with few candidates, or no kept order: those, sorted, are
        // fewer).
        return date_order::matching_in_date_order(
            corpus, &matchers, query, order, within, cancel, rows, first,
        );
    }
    let mut first = Some(first);
    if rows > 0 && candidates > rows * BOUNDED_FROM {
        // Many candidates: the page without scoring them all, from the previous key's scores
        // when the query only grew, from the date order when its best score is known, else
        // from cheap bounds when every ranking term has one.
        let from_previous = || {
            let (previous, marks) = previous.zip(within)?;
            let growth = query.grown_from(&previous.query)?;
            let hits = &previous.hits;
            grown::best_rows(corpus, &matchers, order, hits, marks, &growth, cancel, rows)
        };
        let page = from_previous()
            .or_else(|| top::best_rows(corpus, &matchers, order, within, cancel, rows))
            .map(|(hits, found)| (hits, Total::AtLeast(found)))
            .or_else(|| {
                if !matchers.iter().all(Matcher::bounded) {
                    return None;
                }
                let (hits, found, exact) =
                    bounded::best_rows(corpus, &matchers, order, within, cancel, rows)?;
                let total = if exact {
                    Total::Exact(found)
                } else {
                    Total::AtLeast(found)
                };
                Some((hits, total))
            });
        if let Some((hits, total)) = page
            && let Some(first) = first.take()
        {
            first(Page { hits, total });
        }
    }
    // Clauses added to the previous query: only they are tested, on the previous hits.
    let added = previous
        .zip(within)
        .and_then(|(previous, marks)| added::keys(corpus, query, order, previous, marks, cancel));
    let mut keys = match added {
        Some(keys) => keys?,
        None => scan::keys(
            corpus,
            &matchers,
            order,
            within,
            cancel,
            |m, local, scratch| m.score(local, scratch),
        )?,
    };
    if rows > 0
        && keys.len() > rows * 4
        && !cancel.is_cancelled()
        && let Some(first) = first.take()
    {
        first(Page {
            hits: rank::best(&mut keys, rows),
            total: Total::Exact(keys.len()),
        });
    }
    keys.par_sort_unstable();
    if cancel.is_cancelled() {
        return None;
    }
    Some(keys.into_par_iter().map(rank::hit_of).collect())
}

/// The matched title char positions of article `article` (a global number) for `query`,
/// ascending; empty when it does not match or the query has no title term. For many rows,
/// [`Positions`] compiles the query once per chunk instead of once per row.
pub fn positions(corpus: &Corpus, query: &Query, article: usize) -> Vec<usize> {
    Positions::new(corpus, query).of(article)
}

/// Match positions of many rows for one query: the query is compiled for a chunk the first
/// time one of its articles is asked for, then reused.
pub struct Positions<'a> {
    corpus: &'a Corpus,
    query: &'a Query,
    /// Compiled matchers by chunk, built on demand.
    matchers: Vec<Option<Matcher<'a>>>,
    scratch: Scratch,
}

impl<'a> Positions<'a> {
    /// Prepares to compute positions of `query` in `corpus`; compiles nothing yet.
    pub fn new(corpus: &'a Corpus, query: &'a Query) -> Positions<'a> {
        Positions {
            corpus,
            query,
            matchers: std::iter::repeat_with(|| None)
                .take(corpus.chunks().len())
                .collect(),
            scratch: Scratch::default(),
        }
    }

    /// The positions of article `article` (a global number), as [`positions`] gives them.
    pub fn of(&mut self, article: usize) -> Vec<usize> {
        let chunks = self.corpus.chunks();
        assert!(
            article < self.corpus.len(),
            "article {article} of {}",
            self.corpus.len()
        );
        if !self.query.marks_titles() {
            // No term marks title chars: nothing to compile (a body term's matcher would
            // intersect its lists for each chunk a row is in).
            return Vec::new();
        }
        let k = chunks.partition_point(|c| c.first <= article) - 1;
        let chunk = &chunks[k];
        let query = self.query;
        self.matchers[k]
            .get_or_insert_with(|| Matcher::new(&**chunk, &chunk.index, query, chunk.first))
            .check(article - chunk.first, &mut self.scratch)
            .map(|(_, positions)| positions)
            .unwrap_or_default()
    }
}

/// True only when every hit of `new` is certainly a hit of `old`, so `new` may be searched
/// within `old`'s hits: terms that only grew at their end in a form that gets stricter as it
/// grows (fuzzy, pinyin, `'substring`, `^prefix`, `src:`, `body:`), or new terms added.
/// Edits to `!`, `|`, `$` and date terms never narrow.
pub fn narrows(new: &Query, old: &Query) -> bool {
    new.narrows(old)
}

/// A corpus of `articles` in chunks of [`CHUNK_LEN`], built on every core.
pub fn corpus_of(articles: Vec<Article>) -> Corpus {
    let mut parts: Vec<Vec<Article>> = Vec::new();
    let mut rest = articles.into_iter();
    loop {
        let part: Vec<Article> = rest.by_ref().take(CHUNK_LEN).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    let chunks: Vec<Chunk> = parts.into_par_iter().map(Chunk::build).collect();
    let mut corpus = Corpus::default();
    for chunk in chunks {
        corpus.push_chunk(chunk);
    }
    corpus
}

#[cfg(test)]
mod tests;
