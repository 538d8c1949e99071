//! Sort keys of hits.
//!
//! A hit's rank is one `u128`, ascending: 32 bits of descending score, the 64-bit
//! [`Index::date_key`] and the 32-bit global article number. Scores are clamped to `i32`
//! (real ones are a few hundred).

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::query::{Hit, Index, Matcher, Order, Scratch};

use super::Cancel;

/// The sort key of a hit with `score` on article `local` of a chunk starting at `first`.
pub(super) fn key(score: i64, index: &Index, first: usize, local: usize, order: Order) -> u128 {
    let score = score.clamp(i64::from(i32::MIN), i64::from(i32::MAX));
    let descending = (i64::from(i32::MAX) - score) as u128;
    descending << 96 | u128::from(index.date_key(local, order)) << 32 | (first + local) as u128
}

/// The hits of the `rows` smallest keys, in order: each half of `keys` partitioned on its own
/// core around its `rows`-th key (the order of `keys` changes), then the two bests sorted.
pub(super) fn best(keys: &mut [u128], rows: usize) -> Vec<Hit> {
    let half = keys.len().div_ceil(2).max(1);
    let mut picked: Vec<u128> = keys
        .par_chunks_mut(half)
        .flat_map_iter(|part| {
            if part.len() > rows {
                part.select_nth_unstable(rows);
            }
            part[..rows.min(part.len())].to_vec()
        })
        .collect();
    picked.sort_unstable();
    picked.truncate(rows);
    picked.into_iter().map(hit_of).collect()
}

/// The true sort keys of the matches among `candidates` (each standing for the global
/// number `article` gives), scored with their chunk's matcher on every core; `None` when
/// cancelled.
pub(super) fn true_keys<T: Sync>(
    corpus: &Corpus,
    matchers: &[Matcher],
    order: Order,
    candidates: &[T],
    article: impl Fn(&T) -> usize + Sync,
    cancel: &Cancel,
) -> Option<Vec<u128>> {
    let chunks = corpus.chunks();
    let keys = candidates
        .par_iter()
        .map_init(Scratch::default, |scratch, candidate| {
            if cancel.is_cancelled() {
                return None;
            }
            let global = article(candidate);
            let k = chunks.partition_point(|c| c.first <= global) - 1;
            let (chunk, local) = (&chunks[k], global - chunks[k].first);
            let score = matchers[k].score(local, scratch)?;
            Some(key(score, &chunk.index, chunk.first, local, order))
        })
        .flatten()
        .collect();
    (!cancel.is_cancelled()).then_some(keys)
}

/// Keeps the `rows` smallest of `keys`, in no order.
pub(super) fn keep_best(keys: &mut Vec<u128>, rows: usize) {
    if keys.len() > rows {
        keys.select_nth_unstable(rows - 1);
        keys.truncate(rows);
    }
}

/// The hit a key stands for.
pub(super) fn hit_of(key: u128) -> Hit {
    Hit {
        index: key as u32,
        // The key holds `i32::MAX - score` for a score clamped to `i32`.
        score: (i64::from(i32::MAX) - (key >> 96) as i64) as i32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::date::Date;

    #[test]
    fn keys_round_trip_and_order_by_score_then_date_then_number() {
        let articles: Vec<Article> = ["2017-01-01", "2018-01-01", ""]
            .iter()
            .map(|d| Article {
                date: Date::from_text(d),
                ..Article::default()
            })
            .collect();
        let index = Index::build(&articles);
        let order = Order::NewestFirst;
        let hit = hit_of(key(-5, &index, 7, 2, order));
        assert_eq!((hit.index, hit.score), (9, -5));
        assert!(key(10, &index, 0, 0, order) < key(9, &index, 0, 1, order));
        assert!(key(9, &index, 0, 1, order) < key(9, &index, 0, 0, order));
        assert!(key(9, &index, 0, 0, order) < key(9, &index, 0, 2, order));
        assert!(key(9, &index, 0, 2, order) < key(9, &index, 5, 2, order));
        assert!(key(i64::MAX, &index, 0, 0, order) < key(i64::MIN, &index, 0, 0, order));
    }

    #[test]
    fn the_best_keys_are_the_first_of_the_sorted_keys() {
        let keys: Vec<u128> = (0..1000u128).map(|k| (k * 7919) % 1009).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        for rows in [1, 5, 499, 500, 501, 1000, 2000] {
            let want: Vec<u32> = sorted.iter().take(rows).map(|&k| k as u32).collect();
            let got: Vec<u32> = best(&mut keys.clone(), rows)
                .iter()
                .map(|h| h.index)
                .collect();
            assert_eq!(got, want, "{rows} rows");
        }
    }
}
