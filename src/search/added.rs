//! The ranking of a query that only added clauses to the previous key's (`xinwen 发` after
//! `xinwen `): a query's score is the sum of its clauses' ([`Query::added_to`]), so each of
//! its hits is a previous hit that the added clauses hold, scoring its old score plus
//! theirs. Only the added clauses are tested: at ten million titles `xinwen 发` tested
//! `xinwen`'s pinyin again on its 233,000 previous hits (135 ms) to find 19,000.

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::query::{Order, Query, Scratch};

use super::{Cancel, Previous, rank, scan};

/// The sort keys of `query`'s hits when it only added clauses to `previous.query` (whose hits
/// `within` marks, a bitmap over global numbers): `None` when it did not, or when an added
/// clause reads bodies (read in load order by the whole search); `Some(None)` when
/// cancelled.
pub(super) fn keys(
    corpus: &Corpus,
    query: &Query,
    order: Order,
    previous: &Previous,
    within: &[u64],
    cancel: &Cancel,
) -> Option<Option<Vec<u128>>> {
    let added = query.added_to(&previous.query)?;
    if added.reads_bodies() {
        return None;
    }
    let matchers = scan::matchers(corpus, &added);
    if !previous.query.scores() {
        // Every old score is 0: the added clauses alone, over the marked articles in load
        // order (memory read in sequence).
        debug_assert!(previous.hits.iter().all(|h| h.score == 0));
        let score =
            |m: &crate::query::Matcher, local, scratch: &mut Scratch| m.score(local, scratch);
        return Some(scan::keys(
            corpus,
            &matchers,
            order,
            Some(within),
            cancel,
            score,
        ));
    }
    let chunks = corpus.chunks();
    // In load order, so that titles are read in sequence, not at random (`xinwen 发` at
    // ten million titles: 45 → 30 ms for the keys).
    let mut hits: Vec<u64> = previous
        .hits
        .par_iter()
        .map(|h| u64::from(h.index) << 32 | u64::from(h.score as u32))
        .collect();
    hits.par_sort_unstable();
    let keys = hits
        .par_iter()
        .map_init(Scratch::default, |scratch, &hit| {
            if cancel.is_cancelled() {
                return None;
            }
            let global = (hit >> 32) as usize;
            let k = chunks.partition_point(|c| c.first <= global) - 1;
            let (chunk, local) = (&chunks[k], global - chunks[k].first);
            let old = i64::from(hit as u32 as i32);
            let score = old + matchers[k].score(local, scratch)?;
            Some(rank::key(score, &chunk.index, chunk.first, local, order))
        })
        .flatten()
        .collect();
    Some((!cancel.is_cancelled()).then_some(keys))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Previous, run, tests::chunked};
    use crate::synthetic::Generator;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// A query that added clauses, searched within the previous query's hits (all of
        /// them, or those of one source as the interface's filter keeps), ranks as searching
        /// everything does, in both orders.
        #[test]
        fn added_clauses_rank_like_a_whole_search(
            seed in proptest::prelude::any::<u64>(),
            pair in 0..10usize,
            filtered in proptest::bool::ANY,
        ) {
            let (old, new) = [
                ("xinwen", "xinwen 发"),
                ("zg", "zg 国"),
                ("中国", "中国 !经济"),
                ("beijing", "北 beijing"),
                ("src:报", "src:报 gaige"),
                ("经济 改革", "经济 改革 发展 !股"),
                ("date:2015", "date:2015 改"),
                ("人", "人 'zh"),
                ("zhongguo", "zhongguo zhongguo"),
                ("ccrd", "ccrd 长春 | 北京"),
            ][pair];
            let mut generator = Generator::new(seed);
            let articles: Vec<_> = (0..1_500).map(|_| generator.next_article().to_article()).collect();
            let corpus = chunked(&articles, 400);
            let (old, new) = (Query::parse(old).unwrap(), Query::parse(new).unwrap());
            proptest::prop_assert!(new.added_to(&old).is_some());
            for order in [Order::NewestFirst, Order::OldestFirst] {
                let mut hits = run(&corpus, &old, order, None, &Cancel::new()).unwrap();
                let mut want = run(&corpus, &new, order, None, &Cancel::new()).unwrap();
                if filtered {
                    let source = corpus.source(0).to_string();
                    let kept = |h: &crate::query::Hit| corpus.source(h.article()) == source;
                    hits.retain(kept);
                    want.retain(kept);
                }
                let previous = Previous { query: old.clone(), hits: hits.into(), ..Previous::default() };
                let got = run(&corpus, &new, order, Some(&previous), &Cancel::new()).unwrap();
                proptest::prop_assert_eq!(got, want, "{:?} after {:?}, {:?}", new, old, order);
            }
        }
    }
}
