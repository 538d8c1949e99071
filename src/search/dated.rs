//! The articles a query's date terms leave, found in the kept date order by binary search.
//! That order's key is the very instant `date:`, `after:` and `before:` compare
//! ([`Index::date_key`], [`Index::instant_of_key`]), so the articles dated in a span lie
//! together in it. At ten million articles `date:2015` tested every article (250–430 ms) for
//! its 670,000 hits; they are now one range of the order, and only it is tested.

use std::ops::Range;
use std::sync::Arc;

use crate::corpus::Corpus;
use crate::query::{Index, Order, Query};

use super::date_order;

/// The part of the kept date order that a query's date span holds: every hit of the query
/// is in it (it may hold articles the query's other terms leave out).
pub(super) struct Dated {
    /// The kept order: global numbers in date order.
    numbers: Arc<Vec<u32>>,
    /// Where the span's articles lie in it.
    range: Range<usize>,
}

impl Dated {
    /// The part of `corpus`'s kept order in `order` that `query`'s date span
    /// ([`Query::date_span`]) holds. `None` when the order is not kept (merging it costs
    /// more than it saves), when the query has no lone date clause, or when the span holds
    /// more than a quarter of the articles: testing every article in load order, memory read
    /// in sequence, is then as quick.
    pub(super) fn of(corpus: &Corpus, query: &Query, order: Order) -> Option<Dated> {
        let (from, until) = query.date_span()?;
        let (numbers, keys) = date_order::kept(corpus, order)?;
        // Keys ascend in `order`; an undated article's key sorts after every dated one.
        let (first, after) = match order {
            Order::OldestFirst => (from, until),
            Order::NewestFirst => (until, from),
        };
        let comes_before = |t: i64, bound: i64| match order {
            Order::OldestFirst => t < bound,
            Order::NewestFirst => t >= bound,
        };
        let before =
            |key: &u64| Index::instant_of_key(*key, order).is_some_and(|t| comes_before(t, first));
        let not_after =
            |key: &u64| Index::instant_of_key(*key, order).is_some_and(|t| comes_before(t, after));
        let start = keys.partition_point(before);
        // Spans that do not meet (`after:2020 before:2019`) hold nothing.
        let range = start..keys.partition_point(not_after).max(start);
        (range.len() <= corpus.len() / 4).then_some(Dated { numbers, range })
    }

    /// The global numbers of the articles in the span, in date order.
    pub(super) fn numbers(&self) -> &[u32] {
        &self.numbers[self.range.clone()]
    }

    /// The articles in the span as a bitmap over a corpus of `len` articles.
    pub(super) fn marks(&self, len: usize) -> Vec<u64> {
        super::scan::bitmap(self.numbers(), |&g| g as usize, len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::date::Date;
    use crate::search::{Cancel, date_order, run, run_paged, tests::chunked};
    use crate::synthetic::Generator;

    /// Generated articles (dated over 2010–2024), every ninth undated and every eleventh
    /// with a date not understood, in chunks of 400.
    fn articles(seed: u64, n: usize) -> Vec<Article> {
        let mut generator = Generator::new(seed);
        (0..n)
            .map(|k| {
                let mut article = generator.next_article().to_article();
                if k % 9 == 4 {
                    article.date = Date::from_text("");
                } else if k % 11 == 5 {
                    article.date = Date::from_text("上周三");
                }
                article
            })
            .collect()
    }

    /// The ranking of the single-list search, as (article, score) pairs.
    fn reference(articles: &[Article], query: &Query, order: Order) -> Vec<(usize, i64)> {
        let index = Index::build(articles);
        crate::query::search(articles, &index, query, order)
            .iter()
            .map(|h| (h.index, h.score))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// With the date order kept, so that a date span's part of it is searched alone,
        /// every query with date terms ranks as the single-list search does, in both orders,
        /// its first page the whole ranking's beginning.
        #[test]
        fn a_date_span_searches_like_every_article(
            seed in proptest::prelude::any::<u64>(),
            year in 2009..2026i32,
            month in 1..=12u32,
            span in 0..6usize,
            other in 0..7usize,
        ) {
            let articles = articles(seed, 2_000);
            let corpus = chunked(&articles, 400);
            let date = match span {
                0 => format!("date:{year}"),
                1 => format!("date:{year}-{month:02}"),
                2 => format!("after:{year}-{month:02}-01 before:{}", year + 1),
                3 => format!("date:{year}..{}", year + 1),
                4 => format!("after:{year} before:{}", year - 1),
                _ => format!("date:{year} date:{year}-{month:02}"),
            };
            let other = ["", "人", "zg", "src:报", "!的", "'中国", "| 经济"][other];
            let query = Query::parse(&format!("{date} {other}")).unwrap();
            for order in [Order::NewestFirst, Order::OldestFirst] {
                date_order::merged(&corpus, order);
                let want = reference(&articles, &query, order);
                let got: Vec<(usize, i64)> = run(&corpus, &query, order, None, &Cancel::new())
                    .unwrap()
                    .iter()
                    .map(|h| (h.article(), i64::from(h.score)))
                    .collect();
                proptest::prop_assert_eq!(&got, &want, "{:?} {:?}", query, order);
                let mut page = None;
                run_paged(&corpus, &query, order, None, &Cancel::new(), 10, |p| page = Some(p));
                if let Some(page) = page {
                    let first: Vec<usize> = page.hits.iter().map(|h| h.article()).collect();
                    let whole: Vec<usize> = want.iter().take(first.len()).map(|w| w.0).collect();
                    proptest::prop_assert_eq!(first, whole);
                }
            }
        }
    }

    /// [`Dated::of`] while `corpus`'s order is the kept one: the process keeps one order,
    /// and tests on other threads replace it, so the order is merged again until it was
    /// `corpus`'s when asked.
    fn dated_of(corpus: &Corpus, query: &Query, order: Order) -> Option<Dated> {
        for _ in 0..1000 {
            date_order::merged(corpus, order);
            let dated = Dated::of(corpus, query, order);
            if dated.is_some() || date_order::is_kept(corpus, order) {
                return dated;
            }
        }
        panic!("{order:?} never stayed kept");
    }

    #[test]
    fn a_span_is_the_kept_orders_part_it_holds() {
        let articles = articles(7, 3_000);
        let corpus = chunked(&articles, 500);
        let query = |text: &str| Query::parse(text).unwrap();
        let in_2016 = query("date:2016 人");
        for order in [Order::NewestFirst, Order::OldestFirst] {
            // No kept order: nothing is merged for it.
            if !date_order::is_kept(&corpus, order) {
                assert!(Dated::of(&corpus, &in_2016, order).is_none());
            }
            let dated = dated_of(&corpus, &in_2016, order).expect("one year of fifteen");
            let numbers = date_order::merged(&corpus, order);
            let index = Index::build(&articles);
            let year = |g: u32| {
                index
                    .matched_instant(g as usize)
                    .map(|t| crate::date::zone::civil_of(t).year())
            };
            let want: Vec<u32> = numbers
                .iter()
                .copied()
                .filter(|&g| year(g) == Some(2016))
                .collect();
            assert!(want.len() > 100);
            assert_eq!(dated.numbers(), want, "{order:?}");
            // Spans that hold too much, or none that every hit must lie in.
            for wide in ["date:2010..2020", "date:2016 | 人", "!date:2016", "人"] {
                assert!(dated_of(&corpus, &query(wide), order).is_none(), "{wide}");
            }
            let none = dated_of(&corpus, &query("after:2017 before:2016"), order).unwrap();
            assert!(none.numbers().is_empty());
        }
    }
}
