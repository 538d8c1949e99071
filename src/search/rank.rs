//! Sort keys of hits.
//!
//! A hit's rank is one `u128`, ascending: 32 bits of descending score, the 64-bit
//! [`Index::date_key`] and the 32-bit global article number. Scores are clamped to `i32`
//! (real ones are a few hundred).

use crate::query::{Hit, Index, Order};

/// The sort key of a hit with `score` on article `local` of a chunk starting at `first`.
pub(super) fn key(score: i64, index: &Index, first: usize, local: usize, order: Order) -> u128 {
    let score = score.clamp(i64::from(i32::MIN), i64::from(i32::MAX));
    let descending = (i64::from(i32::MAX) - score) as u128;
    descending << 96 | u128::from(index.date_key(local, order)) << 32 | (first + local) as u128
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
}
