//! Every article of a corpus in date order (the empty query), kept for the next call with
//! each article's date key: while loading appends chunks, only the new chunks' articles are
//! sorted and merged into the kept order in one pass, so the interface re-listing everything
//! after each chunk costs one pass, not a full merge. A query whose hits all score alike (no
//! title term that ranks: `is:unread`, `src:`, `date:`, one or two letters) filters that
//! order instead of sorting its hits, handing over its first page as soon as it is found.

use std::sync::{Arc, Mutex, PoisonError, Weak};

use rayon::prelude::*;

use crate::corpus::{Chunk, Corpus};
use crate::query::{Hit, Matcher, Order, Query, Scratch};

use super::{Cancel, Page, Total};

/// The last merged order: of which chunks (weak, so they are not kept alive, and their
/// addresses are not reused while held), in which order, as global numbers.
struct Kept {
    chunks: Vec<Weak<Chunk>>,
    order: Order,
    numbers: Arc<Vec<u32>>,
    /// The date key ([`crate::query::Index::date_key`]) of each of `numbers`, so chunks
    /// appended later merge in without looking the old ones up again.
    keys: Arc<Vec<u64>>,
}

static KEPT: Mutex<Option<Kept>> = Mutex::new(None);

impl Kept {
    /// True when this is an order in `order` of the first of `chunks` (the same chunks, not
    /// equal ones).
    fn begins(&self, chunks: &[Arc<Chunk>], order: Order) -> bool {
        self.order == order
            && self.chunks.len() <= chunks.len()
            && self
                .chunks
                .iter()
                .zip(chunks)
                .all(|(w, c)| std::ptr::eq(w.as_ptr(), Arc::as_ptr(c)))
    }
}

/// Every article of `corpus` in date `order` (undated last, ties in load order); `None`
/// when cancelled.
pub(super) fn all_in_date_order(
    corpus: &Corpus,
    order: Order,
    cancel: &Cancel,
) -> Option<Vec<Hit>> {
    let numbers = merged(corpus, order);
    if cancel.is_cancelled() {
        return None;
    }
    Some(
        numbers
            .par_iter()
            .map(|&g| Hit { index: g, score: 0 })
            .collect(),
    )
}

/// How many articles in date order one task of [`matching_in_date_order`] tests.
const BLOCK: usize = 1 << 14;

/// How many articles [`matching_in_date_order`] tests on one thread for its first page
/// before leaving it to the parallel pass (about a millisecond).
const WALK_LIMIT: usize = 1 << 16;

/// Every article of `corpus` that `matchers` (`query`'s, one per chunk) match (among
/// `within`, when given), in date `order` (undated last, ties in load order): the ranking
/// [`super::run`] gives when every hit scores 0, which is so when the query has no title term
/// that ranks. Nothing is sorted. The
/// kept date order is walked on this thread until `rows` hits are found, which go to `first`
/// with the total still being counted (most such queries match much of the archive, so that
/// takes a few hundred tests); then every chunk is tested on every core in load order (memory
/// read in sequence), marking hits in a bitmap, and the kept order is filtered by it. `None`
/// when cancelled.
#[allow(clippy::too_many_arguments)]
pub(super) fn matching_in_date_order(
    corpus: &Corpus,
    matchers: &[Matcher],
    query: &Query,
    order: Order,
    within: Option<&[u64]>,
    cancel: &Cancel,
    rows: usize,
    first: impl FnOnce(Page),
) -> Option<Vec<Hit>> {
    let numbers = merged(corpus, order);
    if cancel.is_cancelled() {
        return None;
    }
    let chunks = corpus.chunks();
    let among = |g: usize| within.is_none_or(|marks| marks[g / 64] >> (g % 64) & 1 == 1);
    let hit = |g: u32| Hit { index: g, score: 0 };
    if rows > 0 && !query.reads_bodies() {
        // The first page, from the start of the order; given up (the pass below does it all)
        // when the hits are too rare to find quickly, and not tried for bodies, whose tests
        // in date order would read the archive out of order.
        let mut scratch = Scratch::default();
        let mut page = Vec::new();
        for &g in numbers.iter().take(WALK_LIMIT.max(rows * 64)) {
            let k = chunks.partition_point(|c| c.first <= g as usize) - 1;
            let local = g as usize - chunks[k].first;
            if among(g as usize) && matchers[k].score(local, &mut scratch).is_some() {
                page.push(hit(g));
                if page.len() == rows {
                    break;
                }
            }
        }
        if page.len() == rows && !cancel.is_cancelled() {
            first(Page {
                hits: page,
                total: Total::AtLeast(rows),
            });
        }
    }
    let marks = super::scan::matching_marks(corpus, matchers, within, cancel)?;
    let parts: Vec<Vec<Hit>> = numbers
        .par_chunks(BLOCK)
        .map(|block| {
            block
                .iter()
                .filter(|&&g| marks[g as usize / 64] >> (g % 64) & 1 == 1)
                .map(|&g| hit(g))
                .collect()
        })
        .collect();
    (!cancel.is_cancelled()).then(|| parts.concat())
}

/// True when the kept date order covers every chunk of `corpus` in `order`: filtering it
/// then costs one pass, with no merge first.
pub(super) fn is_kept(corpus: &Corpus, order: Order) -> bool {
    let kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    kept.as_ref().is_some_and(|k| {
        k.chunks.len() == corpus.chunks().len() && k.begins(corpus.chunks(), order)
    })
}

/// The global numbers of `corpus` in date `order`, from the kept order when it covers a
/// prefix of the chunks. Never cancelled: the merge is kept for every later search, and a
/// merge cancelled by each keystroke would be redone by the next (at 10M articles it takes
/// about a second, longer than a typist waits between keys).
fn merged(corpus: &Corpus, order: Order) -> Arc<Vec<u32>> {
    let chunks = corpus.chunks();
    let (numbers, keys, done) = {
        let kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
        match kept.as_ref() {
            Some(k) if k.begins(chunks, order) => {
                (Arc::clone(&k.numbers), Arc::clone(&k.keys), k.chunks.len())
            }
            _ => (Arc::default(), Arc::default(), 0),
        }
    };
    if done == chunks.len() {
        return numbers;
    }
    let (numbers, keys) = merge(&numbers, &keys, &chunks[done..], order);
    let numbers = Arc::new(numbers);
    *KEPT.lock().unwrap_or_else(PoisonError::into_inner) = Some(Kept {
        chunks: chunks.iter().map(Arc::downgrade).collect(),
        order,
        numbers: Arc::clone(&numbers),
        keys: Arc::new(keys),
    });
    numbers
}

/// Merges `base` (global numbers already in order, with their date `keys`) with the articles
/// of `new` chunks: those as (date key, global number) pairs sorted on every core, then one
/// pass taking the smaller head. A tie goes to the smaller global number, as the chunks'
/// own orders break ties in load order.
fn merge(base: &[u32], keys: &[u64], new: &[Arc<Chunk>], order: Order) -> (Vec<u32>, Vec<u64>) {
    let mut fresh: Vec<u128> = new
        .par_iter()
        .flat_map_iter(|chunk| {
            chunk.index.in_order(order).iter().map(move |&local| {
                let local = local as usize;
                u128::from(chunk.index.date_key(local, order)) << 32 | (chunk.first + local) as u128
            })
        })
        .collect();
    fresh.par_sort_unstable();
    let total = base.len() + fresh.len();
    let (mut numbers, mut merged_keys) = (Vec::with_capacity(total), Vec::with_capacity(total));
    let (mut b, mut f) = (0, 0);
    while b < base.len() || f < fresh.len() {
        let from_base = f == fresh.len()
            || (b < base.len() && (u128::from(keys[b]) << 32 | u128::from(base[b])) < fresh[f]);
        if from_base {
            numbers.push(base[b]);
            merged_keys.push(keys[b]);
            b += 1;
        } else {
            numbers.push(fresh[f] as u32);
            merged_keys.push((fresh[f] >> 32) as u64);
            f += 1;
        }
    }
    (numbers, merged_keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::date::Date;

    fn dated(dates: &[&str]) -> Vec<Article> {
        dates
            .iter()
            .map(|d| Article {
                date: Date::from_text(d),
                ..Article::default()
            })
            .collect()
    }

    fn numbers(corpus: &Corpus, order: Order) -> Vec<usize> {
        all_in_date_order(corpus, order, &Cancel::new())
            .unwrap()
            .iter()
            .map(|h| h.article())
            .collect()
    }

    #[test]
    fn appended_chunks_merge_into_the_kept_order() {
        let mut corpus = Corpus::default();
        corpus.push(dated(&["2017-01-01", "", "2019-01-01"]));
        assert_eq!(numbers(&corpus, Order::NewestFirst), [2, 0, 1]);
        corpus.push(dated(&["2018-01-01", "不详"]));
        assert_eq!(numbers(&corpus, Order::NewestFirst), [2, 3, 0, 4, 1]);
        assert_eq!(numbers(&corpus, Order::OldestFirst), [0, 3, 2, 4, 1]);
        corpus.push(dated(&["2017-01-01"]));
        assert_eq!(numbers(&corpus, Order::OldestFirst), [0, 5, 3, 2, 4, 1]);
        let other = Corpus::from_articles(dated(&["2001-01-01", "2002-01-01"]));
        assert_eq!(numbers(&other, Order::OldestFirst), [0, 1]);
        assert_eq!(
            numbers(&Corpus::default(), Order::OldestFirst),
            Vec::<usize>::new()
        );
    }
}
