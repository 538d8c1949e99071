//! The first rows of a search, for a command that prints only those (`juan list --limit`):
//! the hits the whole ranking begins with, found without ranking, or even testing, the rest.
//!
//! A query whose hits all score 0 (no ranking title term: `body:`, filters, short pinyin)
//! ranks by date, so its first rows are the first hits met walking the date order
//! ([`first_hits`]). Each chunk keeps its own date order; a heap of the chunks' next
//! candidates gives them in date order, and they are tested a window at a time on every
//! core until the rows are found. A `body:` term then reads about as many bodies as rows
//! need, where a whole search reads every candidate's (89,000 for `body:联合国` at 1M). When
//! the hits are rare among the candidates, the walk stops after a share of them and a scan
//! of the candidates it left, in load order, takes over ([`after_the_walk`]). A ranked query
//! has its first page from [`super::run_paged`], which stops there.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use super::{Cancel, date_order, rank, run_paged, scan};
use crate::corpus::Corpus;
use crate::query::{Hit, Order, Query, Scratch};

/// The share of the candidates the walk may test before it leaves the rest to a scan: with
/// hits rare among them (a `body:` term whose every pair is common, but rarely together, as
/// `延迟退休年龄`), the walk reads bodies out of load order, and the scan reads them in order,
/// ahead of need.
const WALK_BUDGET: f64 = 0.25;

/// Candidates the walk may always test, whatever their share: testing a few hundred bodies
/// out of order costs less than starting over.
const WALK_FLOOR: usize = 4096;

/// Candidates tested in the walk's first window; each next window is twice as large.
const FIRST_WINDOW: usize = 64;

/// The largest window.
const MAX_WINDOW: usize = 1 << 14;

/// The first `rows` hits of `query` in `corpus`, exactly as [`super::run`]'s whole ranking
/// begins (score descending, then date in `order`, undated last, then load order).
pub fn first_rows(corpus: &Corpus, query: &Query, order: Order, rows: usize) -> Vec<Hit> {
    first_rows_within(corpus, query, order, rows, (WALK_BUDGET, WALK_FLOOR))
}

/// [`first_rows`], the walk given up past the share `budget.0` of the candidates, or
/// `budget.1` candidates when that is more.
fn first_rows_within(
    corpus: &Corpus,
    query: &Query,
    order: Order,
    rows: usize,
    budget: (f64, usize),
) -> Vec<Hit> {
    if rows == 0 {
        return Vec::new();
    }
    if let Some(hits) = first_hits(corpus, query, order, rows, budget) {
        return hits;
    }
    let cancel = Cancel::new();
    let mut page = None;
    let all = run_paged(corpus, query, order, None, &cancel, rows, |first| {
        page = Some(first.hits);
        cancel.cancel();
    });
    let mut hits = page.or(all).unwrap_or_default();
    hits.truncate(rows);
    hits
}

/// [`first_rows`] for a query whose hits all score 0, from the chunks' own date orders;
/// `None` for a query that ranks.
///
/// A heap of the chunks' next candidates (articles the body index does not rule out) gives
/// them in date order; they are tested a window at a time on every core, the window doubling
/// from [`FIRST_WINDOW`], until `rows` hits are found. Once the walk has tested more than
/// the share `budget.0` of the candidates (and more than `budget.1` of them) without finding
/// the rows, the candidates it left are scanned instead ([`after_the_walk`]).
fn first_hits(
    corpus: &Corpus,
    query: &Query,
    order: Order,
    rows: usize,
    budget: (f64, usize),
) -> Option<Vec<Hit>> {
    if query.scores() {
        return None;
    }
    if query.is_empty() {
        return Some(date_order::first_in_date_order(corpus, order, rows));
    }
    let chunks = corpus.chunks();
    let matchers = scan::matchers(corpus, query);
    let candidates = scan::candidate_total(corpus, &matchers);
    let give_up = ((candidates as f64 * budget.0) as usize).max(budget.1);
    // Each chunk's candidates in date order when the body index leaves few (an eighth of the
    // chunk or fewer): sorted by date key, instead of walking the chunk's whole order.
    let few: Vec<Option<Vec<u128>>> = chunks
        .par_iter()
        .zip(&matchers)
        .map(|(chunk, matcher)| {
            let count = matcher.candidate_count()?;
            if count * 8 > chunk.len() {
                return None;
            }
            let mut keys = Vec::with_capacity(count);
            let mut at = 0;
            while let Some(Some(local)) = matcher.next_candidate(at) {
                keys.push(date_order::pair(chunk, local, order));
                at = local + 1;
            }
            keys.sort_unstable();
            Some(keys)
        })
        .collect();
    // Chunk `k`'s next candidate at or after place `at` of its order (or of its few), as a
    // heap entry.
    let next = |k: usize, mut at: usize| {
        if let Some(keys) = &few[k] {
            return keys.get(at).map(|&key| Reverse((key, k, at)));
        }
        let (chunk, matcher) = (&chunks[k], &matchers[k]);
        let in_order = chunk.index.in_order(order);
        while let Some(&local) = in_order.get(at) {
            if matcher.may_match(local as usize) {
                let key = date_order::pair(chunk, local as usize, order);
                return Some(Reverse((key, k, at)));
            }
            at += 1;
        }
        None
    };
    let mut heads: BinaryHeap<_> = (0..chunks.len()).filter_map(|k| next(k, 0)).collect();
    let mut hits = Vec::with_capacity(rows.min(corpus.len()));
    // Global numbers the walk has not tested (bits set), for the scan that may take over.
    let mut untested = vec![u64::MAX; corpus.len().div_ceil(64)];
    let mut window = Vec::new();
    let mut size = FIRST_WINDOW;
    let mut tested = 0;
    while hits.len() < rows && !heads.is_empty() {
        if tested > give_up {
            return Some(after_the_walk(
                corpus, &matchers, order, rows, hits, &untested,
            ));
        }
        window.clear();
        while window.len() < size
            && let Some(Reverse((key, k, at))) = heads.pop()
        {
            // The key's low 32 bits are the article's global number.
            window.push((key, k, key as u32 as usize - chunks[k].first));
            heads.extend(next(k, at + 1));
        }
        tested += window.len();
        for &(key, _, _) in &window {
            let global = key as u32 as usize;
            untested[global / 64] &= !(1 << (global % 64));
        }
        let found: Vec<bool> = window
            .par_iter()
            .map_init(Scratch::default, |scratch, &(_, k, local)| {
                matchers[k].score(local, scratch).is_some()
            })
            .collect();
        let new = window.iter().zip(found).filter(|(_, hit)| *hit);
        hits.extend(new.map(|(&(key, _, _), _)| Hit {
            index: key as u32,
            score: 0,
        }));
        size = (size * 2).min(MAX_WINDOW);
    }
    hits.truncate(rows);
    Some(hits)
}

/// The first `rows` hits when the walk gave up with `hits`: those, then the first of the hits
/// among the candidates it left untested (marked in `untested`), found by a scan of those
/// alone in load order. The walk took candidates in date order, so every one that sorts
/// before the last it tested was tested, and each hit it left sorts after its own.
fn after_the_walk(
    corpus: &Corpus,
    matchers: &[crate::query::Matcher],
    order: Order,
    rows: usize,
    mut hits: Vec<Hit>,
    untested: &[u64],
) -> Vec<Hit> {
    let score = |m: &crate::query::Matcher, local, scratch: &mut Scratch| m.score(local, scratch);
    let cancel = Cancel::new();
    let mut keys = scan::keys(corpus, matchers, order, Some(untested), &cancel, score)
        .expect("never cancelled");
    hits.extend(rank::best(&mut keys, rows - hits.len()));
    hits
}

/// Every hit of `query`, ranked: what [`first_rows`] is checked against.
#[cfg(test)]
fn all_rows(corpus: &Corpus, query: &Query, order: Order) -> Vec<Hit> {
    super::run(corpus, query, order, None, &Cancel::new()).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::Generator;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// The first rows are the whole ranking's first rows, for queries that rank and
        /// queries that list by date, body terms with the body index or without, and any
        /// number of rows; [`super::super::matching`] gives the ranking's articles (from the
        /// index's lists alone for a lone term of one char or a common pair).
        #[test]
        fn first_rows_begin_the_whole_ranking(
            seed in 0u64..1000,
            query in prop::sample::select(vec![
                "", "body:中国", "body:改革开放", "body:的 src:晚报", "text:新", "body:nba",
                "zg", "中国", "zhongguo", "src:晚报", "-body:的", "body:鑫 body:的",
                "body:国", "body:鑫", "body:的",
            ]),
            rows in prop::sample::select(vec![0usize, 1, 3, 50, 400, 5000]),
            indexed in any::<bool>(),
            oldest in any::<bool>(),
            budget in prop::sample::select(vec![(0.0, 0), (0.01, 0), (0.0, 100), (WALK_BUDGET, WALK_FLOOR), (1.0, 0)]),
        ) {
            // Chunks of 700, so the walk goes through several.
            let mut generator = Generator::new(seed);
            let articles: Vec<_> = (0..3000).map(|_| generator.next_article().to_article()).collect();
            let mut corpus = Corpus::default();
            for part in articles.chunks(700) {
                corpus.push(part.to_vec());
            }
            if indexed {
                corpus.index_bodies(true);
            }
            let query = Query::parse(query).unwrap();
            let order = if oldest { Order::OldestFirst } else { Order::NewestFirst };
            let all = all_rows(&corpus, &query, order);
            let first = first_rows_within(&corpus, &query, order, rows, budget);
            prop_assert_eq!(&first[..], &all[..rows.min(all.len())]);
            // And `juan count`'s unranked hits are the same articles.
            let mut ranked: Vec<usize> = all.iter().map(Hit::article).collect();
            ranked.sort_unstable();
            let unranked = super::super::tests::unranked::marked_articles(&corpus, &query);
            prop_assert_eq!(unranked, ranked);
        }
    }
}
