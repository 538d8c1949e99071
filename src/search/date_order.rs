//! Every article of a corpus in date order (the empty query), kept for the next call with
//! each article's date key: while loading appends chunks, only the new chunks' articles are
//! sorted and merged into the kept order in one pass, so the interface re-listing everything
//! after each chunk costs one pass, not a full merge. A query whose hits all score alike (no
//! title term that ranks: `is:unread`, `src:`, `date:`, one or two letters) filters that
//! order instead of sorting its hits, handing over its first page as soon as it is found.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::{Arc, Mutex, PoisonError, Weak};

use rayon::prelude::*;

use crate::corpus::{Chunk, Corpus};
use crate::query::{Hit, Matcher, Order, Query, Scratch};

use super::dated::Dated;
use super::{Cancel, Page, Total};

/// A merged order: of which chunks (weak, so they are not kept alive, and their addresses
/// are not reused while held), in which order, as global numbers.
struct Kept {
    chunks: Vec<Weak<Chunk>>,
    order: Order,
    numbers: Arc<Vec<u32>>,
    /// The date key ([`crate::query::Index::date_key`]) of each of `numbers`, so chunks
    /// appended later merge in without looking the old ones up again.
    keys: Arc<Vec<u64>>,
}

/// The last merged order of each corpus alive (told apart by their first chunk: a corpus
/// that grows by appended chunks keeps it), newest last. The interface has one corpus, so
/// one order; more are alive only while a reload replaces one, or where several threads
/// search corpora of their own (the tests), which must not take each other's order away.
static KEPT: Mutex<Vec<Kept>> = Mutex::new(Vec::new());

/// How many orders [`KEPT`] holds at most (each is 12 bytes an article), the oldest dropped
/// first.
const KEPT_MOST: usize = 8;

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

    /// True when this is an order of a corpus beginning with `first`, or of one no longer
    /// alive: a new order of `first`'s corpus replaces it.
    fn is_replaced_by(&self, first: Option<&Arc<Chunk>>) -> bool {
        match (self.chunks.first(), first) {
            (Some(w), Some(c)) => w.strong_count() == 0 || std::ptr::eq(w.as_ptr(), Arc::as_ptr(c)),
            (w, _) => w.is_none_or(|w| w.strong_count() == 0),
        }
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

/// The first `rows` articles of `corpus` in date `order` (undated last, ties in load order),
/// as [`all_in_date_order`] begins, without merging every article: each chunk keeps its
/// own order, and a heap of the chunks' heads gives the next article, `rows` times.
pub(super) fn first_in_date_order(corpus: &Corpus, order: Order, rows: usize) -> Vec<Hit> {
    let chunks = corpus.chunks();
    let head = |k: usize, at: usize| {
        let chunk = &chunks[k];
        let local = *chunk.index.in_order(order).get(at)? as usize;
        Some(Reverse((pair(chunk, local, order), k, at)))
    };
    let mut heads: BinaryHeap<_> = (0..chunks.len()).filter_map(|k| head(k, 0)).collect();
    let mut hits = Vec::with_capacity(rows.min(corpus.len()));
    while hits.len() < rows
        && let Some(Reverse((key, k, at))) = heads.pop()
    {
        hits.push(Hit {
            index: key as u32,
            score: 0,
        });
        heads.extend(head(k, at + 1));
    }
    hits
}

/// Article `local` of `chunk` as a (date key, global number) pair: the key in the high
/// bits, so pairs sort in date `order`, ties in load order.
pub(super) fn pair(chunk: &Chunk, local: usize, order: Order) -> u128 {
    u128::from(chunk.index.date_key(local, order)) << 32 | (chunk.first + local) as u128
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
    // Bodies are read in load order (tests in date order would read the archive out of
    // order), so the articles a date span holds are taken from the kept order only without.
    let dated = (!query.reads_bodies())
        .then(|| Dated::of(corpus, query, order))
        .flatten();
    let numbers = match &dated {
        Some(_) => Arc::default(),
        None => merged(corpus, order),
    };
    let walked = dated.as_ref().map_or(&numbers[..], Dated::numbers);
    if cancel.is_cancelled() {
        return None;
    }
    let chunks = corpus.chunks();
    let among = |g: usize| within.is_none_or(|marks| marks[g / 64] >> (g % 64) & 1 == 1);
    let hit = |g: u32| Hit { index: g, score: 0 };
    if rows > 0 && !query.reads_bodies() {
        // The first page, from the start of the order (of the span's part, when the date
        // terms leave one); given up (the pass below does it all) when the hits are too rare
        // to find quickly, and not tried for bodies.
        let mut scratch = Scratch::default();
        let mut page = Vec::new();
        for &g in walked.iter().take(WALK_LIMIT.max(rows * 64)) {
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
    if dated.is_some() {
        // Only the span's part, tested in date order: a few of many articles.
        let parts: Vec<Vec<Hit>> = walked
            .par_chunks(BLOCK)
            .map_init(Scratch::default, |scratch, block| {
                if cancel.is_cancelled() {
                    return Vec::new();
                }
                let mut matches = |g: usize| {
                    let k = chunks.partition_point(|c| c.first <= g) - 1;
                    among(g) && matchers[k].matches(g - chunks[k].first, scratch)
                };
                block
                    .iter()
                    .filter(|&&g| matches(g as usize))
                    .map(|&g| hit(g))
                    .collect()
            })
            .collect();
        return (!cancel.is_cancelled()).then(|| parts.concat());
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
    kept(corpus, order).is_some()
}

/// Global numbers in date order, and each one's date key
/// ([`crate::query::Index::date_key`]) beside it.
pub(super) type KeyedOrder = (Arc<Vec<u32>>, Arc<Vec<u64>>);

/// The kept date order of every chunk of `corpus` in `order`, with its keys, when it is
/// kept; nothing is merged.
pub(super) fn kept(corpus: &Corpus, order: Order) -> Option<KeyedOrder> {
    let kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    kept.iter()
        .find(|k| k.chunks.len() == corpus.chunks().len() && k.begins(corpus.chunks(), order))
        .map(|k| (Arc::clone(&k.numbers), Arc::clone(&k.keys)))
}

/// The global numbers of `corpus` in date `order`, from the kept order when it covers a
/// prefix of the chunks. Never cancelled: the merge is kept for every later search, and a
/// merge cancelled by each keystroke would be redone by the next (at 10M articles it takes
/// about a second, longer than a typist waits between keys).
pub(super) fn merged(corpus: &Corpus, order: Order) -> Arc<Vec<u32>> {
    let chunks = corpus.chunks();
    let (numbers, keys, done) = {
        let kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
        match kept.iter().rev().find(|k| k.begins(chunks, order)) {
            Some(k) => (Arc::clone(&k.numbers), Arc::clone(&k.keys), k.chunks.len()),
            None => (Arc::default(), Arc::default(), 0),
        }
    };
    if done == chunks.len() {
        return numbers;
    }
    let (numbers, keys) = merge(&numbers, &keys, &chunks[done..], order);
    let numbers = Arc::new(numbers);
    let mut kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    kept.retain(|k| !k.is_replaced_by(chunks.first()));
    if kept.len() == KEPT_MOST {
        kept.remove(0);
    }
    kept.push(Kept {
        chunks: chunks.iter().map(Arc::downgrade).collect(),
        order,
        numbers: Arc::clone(&numbers),
        keys: Arc::new(keys),
    });
    numbers
}

/// Merges `base` (global numbers already in order, with their date `keys`) with the articles
/// of `new` chunks: those as (date key, global number) pairs in load order, each half sorted
/// by date key on its own core ([`sort_by_date`]), then one pass taking the smallest of the
/// three heads. A tie of date keys goes to the smaller global number, as the chunks' own
/// orders break ties in load order.
fn merge(base: &[u32], keys: &[u64], new: &[Arc<Chunk>], order: Order) -> (Vec<u32>, Vec<u64>) {
    let mut fresh = vec![0u128; new.iter().map(|c| c.len()).sum()];
    let mut slots: Vec<(&Arc<Chunk>, &mut [u128])> = Vec::with_capacity(new.len());
    let mut rest = &mut fresh[..];
    for chunk in new {
        let (these, others) = rest.split_at_mut(chunk.len());
        slots.push((chunk, these));
        rest = others;
    }
    slots.into_par_iter().for_each(|(chunk, slots)| {
        for (local, slot) in slots.iter_mut().enumerate() {
            *slot = pair(chunk, local, order);
        }
    });
    let half = fresh.len().div_ceil(2).max(1);
    fresh.par_chunks_mut(half).for_each(sort_by_date);
    // Three runs in order: the kept one and the two halves; each step takes the smallest
    // head (pairs are distinct: no two share a global number; an ended run's head is MAX,
    // which no pair reaches, as a pair's top 32 bits are 0).
    let (left, right) = fresh.split_at(half.min(fresh.len()));
    let head = |run: &[u128], k: usize| run.get(k).copied().unwrap_or(u128::MAX);
    let kept = |k: usize| {
        base.get(k)
            .map_or(u128::MAX, |&g| u128::from(keys[k]) << 32 | u128::from(g))
    };
    let total = base.len() + fresh.len();
    let (mut numbers, mut merged_keys) = (Vec::with_capacity(total), Vec::with_capacity(total));
    let (mut b, mut l, mut r) = (0, 0, 0);
    while numbers.len() < total {
        let (x, y, z) = (kept(b), head(left, l), head(right, r));
        let next = x.min(y).min(z);
        if next == x {
            b += 1;
        } else if next == y {
            l += 1;
        } else {
            r += 1;
        }
        numbers.push(next as u32);
        merged_keys.push((next >> 32) as u64);
    }
    (numbers, merged_keys)
}

/// Sorts (date key, global number) pairs given in load order by date key, ties left in load
/// order: a stable radix sort (`radsort`) by the key's bytes that differ. The dated come
/// first, each kind of undated after them (the key's top bits): sorted apart, as a key of
/// each kind in one sort would make every byte differ.
fn sort_by_date(pairs: &mut [u128]) {
    let kind = |pair: &u128| (pair >> 94) as u8;
    if pairs.iter().all(|p| kind(p) == 0) {
        radsort::sort_by_key(pairs, |&p| (p >> 32) as u64);
        return;
    }
    let mut sorted = Vec::with_capacity(pairs.len());
    for k in 0..4 {
        let start = sorted.len();
        sorted.extend(pairs.iter().filter(|p| kind(p) == k));
        radsort::sort_by_key(&mut sorted[start..], |&p| (p >> 32) as u64);
    }
    pairs.copy_from_slice(&sorted);
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

    proptest::proptest! {
        /// The radix sort by date key gives what sorting the whole pairs gives, with
        /// undated kinds mixed in or not, and equal keys.
        #[test]
        fn sorting_by_date_is_sorting_the_pairs(
            keys in proptest::collection::vec((0u64..4, 0u64..40, proptest::bool::ANY), 0..300),
        ) {
            let pairs: Vec<u128> = keys
                .iter()
                .enumerate()
                .map(|(g, &(kind, at, wide))| {
                    let kind = if wide { kind } else { 0 };
                    let key = kind << 62 | ((1 << 60) - at * 86_400);
                    u128::from(key) << 32 | g as u128
                })
                .collect();
            let mut want = pairs.clone();
            want.sort_unstable();
            let mut got = pairs;
            sort_by_date(&mut got);
            proptest::prop_assert_eq!(got, want);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

        /// Chunks of dated, undated and unparsed articles appended in steps (the last step's
        /// chunks merged at once, so the halves split chunks unevenly): the kept order is
        /// every article sorted by date key, then load order, in both orders.
        #[test]
        fn the_kept_order_is_every_article_sorted_by_date(
            days in proptest::collection::vec(
                proptest::collection::vec(0usize..12, 0..40), 1..6),
            steps in 1usize..4,
        ) {
            let date = |d: usize| match d {
                0 => String::new(),
                1 => "不详".to_string(),
                d => format!("2020-0{}-0{}", d % 9 + 1, d % 3 + 1),
            };
            for order in [Order::NewestFirst, Order::OldestFirst] {
                let mut corpus = Corpus::default();
                for (k, chunk) in days.iter().enumerate() {
                    let dates: Vec<String> = chunk.iter().map(|&d| date(d)).collect();
                    corpus.push(dated(&dates.iter().map(String::as_str).collect::<Vec<_>>()));
                    if k % steps != 0 && k + 1 < days.len() {
                        continue;
                    }
                    let mut want: Vec<(u64, usize)> = corpus
                        .chunks()
                        .iter()
                        .flat_map(|c| (0..c.len()).map(move |i| (c.index.date_key(i, order), c.first + i)))
                        .collect();
                    want.sort_unstable();
                    let want: Vec<usize> = want.into_iter().map(|(_, g)| g).collect();
                    let first: Vec<usize> = first_in_date_order(&corpus, order, 7)
                        .iter()
                        .map(|h| h.article())
                        .collect();
                    proptest::prop_assert_eq!(&first[..], &want[..want.len().min(7)]);
                    proptest::prop_assert_eq!(numbers(&corpus, order), want);
                }
            }
        }
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

    /// Orders of corpora alive side by side stay kept (tests on other threads search
    /// corpora of their own); the other order of a corpus replaces its first, and the order
    /// of a corpus no longer alive is dropped at the next merge.
    #[test]
    fn corpora_alive_keep_their_own_orders() {
        let a = Corpus::from_articles(dated(&["2001-01-01", "2002-01-01"]));
        let b = Corpus::from_articles(dated(&["2003-01-01"]));
        assert_eq!(numbers(&a, Order::NewestFirst), [1, 0]);
        assert_eq!(numbers(&b, Order::NewestFirst), [0]);
        assert!(is_kept(&a, Order::NewestFirst) && is_kept(&b, Order::NewestFirst));
        assert_eq!(numbers(&a, Order::OldestFirst), [0, 1]);
        assert!(is_kept(&a, Order::OldestFirst) && !is_kept(&a, Order::NewestFirst));
        let gone = Arc::downgrade(&b.chunks()[0]);
        drop(b);
        assert_eq!(numbers(&a, Order::NewestFirst), [1, 0]);
        let kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
        assert!(
            kept.iter()
                .all(|k| !k.chunks.first().is_some_and(|w| w.ptr_eq(&gone)))
        );
    }
}
