//! Every article of a corpus in date order (the empty query), merged from the chunks' own
//! date orders and kept for the next call: while loading appends chunks, only the new chunks
//! are merged into the kept order, so the interface re-listing everything after each chunk
//! costs one pass, not a full merge. A query whose hits all score alike (no title term:
//! `is:unread`, `src:`, `date:`) filters that order instead of sorting its hits.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::{Arc, Mutex, PoisonError, Weak};

use rayon::prelude::*;

use crate::corpus::{Chunk, Corpus};
use crate::query::{Hit, Matcher, Order, Query, Scratch};

use super::Cancel;

/// How many articles the merge emits between looks at the cancel token.
const CANCEL_STRIDE: usize = 1 << 14;

/// The last merged order: of which chunks (weak, so they are not kept alive, and their
/// addresses are not reused while held), in which order, as global numbers.
struct Kept {
    chunks: Vec<Weak<Chunk>>,
    order: Order,
    numbers: Arc<Vec<u32>>,
}

static KEPT: Mutex<Option<Kept>> = Mutex::new(None);

/// Every article of `corpus` in date `order` (undated last, ties in load order); `None`
/// when cancelled.
pub(super) fn all_in_date_order(
    corpus: &Corpus,
    order: Order,
    cancel: &Cancel,
) -> Option<Vec<Hit>> {
    let numbers = merged(corpus, order, cancel)?;
    Some(
        numbers
            .par_iter()
            .map(|&g| Hit { index: g, score: 0 })
            .collect(),
    )
}

/// How many articles in date order one task of [`matching_in_date_order`] tests.
const BLOCK: usize = 1 << 14;

/// Every article of `corpus` that `query` matches, in date `order` (undated last, ties in
/// load order): the ranking [`super::run`] gives when every hit scores 0, which is so when
/// the query has no title term to score. The kept date order is tested on every core, block
/// by block, and nothing is sorted; `None` when cancelled.
pub(super) fn matching_in_date_order(
    corpus: &Corpus,
    query: &Query,
    order: Order,
    cancel: &Cancel,
) -> Option<Vec<Hit>> {
    let numbers = merged(corpus, order, cancel)?;
    let chunks = corpus.chunks();
    let matchers: Vec<Matcher> = chunks
        .iter()
        .map(|c| Matcher::new(&**c, &c.index, query, c.first))
        .collect();
    let parts: Vec<Vec<Hit>> = numbers
        .par_chunks(BLOCK)
        .map_init(Scratch::default, |scratch, block| {
            if cancel.is_cancelled() {
                return Vec::new();
            }
            block
                .iter()
                .filter(|&&g| {
                    let k = chunks.partition_point(|c| c.first <= g as usize) - 1;
                    let local = g as usize - chunks[k].first;
                    matchers[k].score(local, scratch).is_some()
                })
                .map(|&g| Hit { index: g, score: 0 })
                .collect()
        })
        .collect();
    (!cancel.is_cancelled()).then(|| parts.concat())
}

/// The global numbers of `corpus` in date `order`, from the kept order when it covers a
/// prefix of the chunks.
fn merged(corpus: &Corpus, order: Order, cancel: &Cancel) -> Option<Arc<Vec<u32>>> {
    let chunks = corpus.chunks();
    let (base, done) = {
        let kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
        match kept.as_ref() {
            Some(k)
                if k.order == order
                    && k.chunks.len() <= chunks.len()
                    && k.chunks
                        .iter()
                        .zip(chunks)
                        .all(|(w, c)| std::ptr::eq(w.as_ptr(), Arc::as_ptr(c))) =>
            {
                (Arc::clone(&k.numbers), k.chunks.len())
            }
            _ => (Arc::new(Vec::new()), 0),
        }
    };
    if done == chunks.len() {
        return Some(base);
    }
    let numbers = Arc::new(merge(corpus, &base, &chunks[done..], order, cancel)?);
    *KEPT.lock().unwrap_or_else(PoisonError::into_inner) = Some(Kept {
        chunks: chunks.iter().map(Arc::downgrade).collect(),
        order,
        numbers: Arc::clone(&numbers),
    });
    Some(numbers)
}

/// Merges `base` (global numbers already in order) with the date orders of `new` chunks.
fn merge(
    corpus: &Corpus,
    base: &[u32],
    new: &[Arc<Chunk>],
    order: Order,
    cancel: &Cancel,
) -> Option<Vec<u32>> {
    let lists: Vec<&[u32]> = new.iter().map(|c| c.index.in_order(order)).collect();
    // Source 0 is `base`, source k + 1 is chunk `new[k]`; a head is (date key, global, source, at).
    let head = |source: usize, at: usize| -> Option<Reverse<(u64, u32, usize, usize)>> {
        let (chunk, local) = if source == 0 {
            let g = *base.get(at)? as usize;
            corpus.locate(g)
        } else {
            let chunk = &*new[source - 1];
            (chunk, *lists[source - 1].get(at)? as usize)
        };
        let key = chunk.index.date_key(local, order);
        Some(Reverse((key, (chunk.first + local) as u32, source, at)))
    };
    let mut heap: BinaryHeap<_> = (0..=new.len()).filter_map(|s| head(s, 0)).collect();
    let total = base.len() + lists.iter().map(|l| l.len()).sum::<usize>();
    let mut numbers = Vec::with_capacity(total);
    while let Some(Reverse((_, global, source, at))) = heap.pop() {
        if numbers.len() % CANCEL_STRIDE == 0 && cancel.is_cancelled() {
            return None;
        }
        numbers.push(global);
        heap.extend(head(source, at + 1));
    }
    Some(numbers)
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
