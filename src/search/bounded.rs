//! The first page of a ranked search found by scoring few candidates: when every ranking
//! term is a short pinyin-capable one ([`Matcher::bounded`]), each candidate's score has a
//! cheap upper bound ([`Matcher::bound`]), so its key can sort no earlier than the key of
//! its bound. The candidates with the best bounds are scored first (sixteen times the
//! page); the last key of the page they give is a threshold, and every other candidate
//! whose bound sorts before it is scored next; no candidate left can enter the page. This
//! is the threshold algorithm of top-k retrieval: for `zho` at a million titles (`juan
//! gen`) it scores a few thousand of 724,000 candidates for a page of 200 rows.
//!
//! When the bounds are too loose to spare most of the work, it gives up and the search
//! ranks every hit as before.

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::query::{Hit, Matcher, Order, Scratch};

use super::{Cancel, rank, scan};

/// The best `rows` hits of the candidates (every article, or those marked in `within`) for
/// `matchers` (one per chunk, [`Matcher::bounded`]), in rank order, and how many matches were
/// found on the way (a lower bound of the total, exact when the third value is true).
/// `None` when cancelled, or when it would score more than half of the candidates.
pub(super) fn best_rows(
    corpus: &Corpus,
    matchers: &[Matcher],
    order: Order,
    within: Option<&[u64]>,
    cancel: &Cancel,
    rows: usize,
) -> Option<(Vec<Hit>, usize, bool)> {
    debug_assert!(rows > 0 && matchers.iter().all(Matcher::bounded));
    let mut bounds = scan::keys(
        corpus,
        matchers,
        order,
        within,
        cancel,
        |m, local, scratch| m.bound(local, scratch),
    )?;
    let limit = bounds.len() / 2;
    // First the `rows * 16` smallest bounds: their true keys give a page, whose last key
    // says which other candidates could still enter it.
    let take = (rows * 16).min(bounds.len());
    if take < bounds.len() {
        bounds.select_nth_unstable(take);
    }
    let (now, rest) = bounds.split_at_mut(take);
    let mut best = true_keys(corpus, matchers, order, now, cancel)?;
    let mut found = best.len();
    keep_best(&mut best, rows);
    // Then every candidate whose bound sorts before that last key (all of them while the
    // page is short), and no other: a candidate left out cannot enter the page, whose last
    // key only moves earlier as better ones come.
    let last = if best.len() == rows {
        best.iter().copied().max().unwrap_or(u128::MAX)
    } else {
        u128::MAX
    };
    let mut could = 0;
    for at in 0..rest.len() {
        if rest[at] < last {
            rest.swap(could, at);
            could += 1;
        }
    }
    if take + could > limit {
        return None;
    }
    let (then, out) = rest.split_at(could);
    let keys = true_keys(corpus, matchers, order, then, cancel)?;
    found += keys.len();
    best.extend(keys);
    keep_best(&mut best, rows);
    best.sort_unstable();
    let exact = out.is_empty();
    Some((best.into_iter().map(rank::hit_of).collect(), found, exact))
}

/// Keeps the `rows` smallest of `keys`, in no order.
fn keep_best(keys: &mut Vec<u128>, rows: usize) {
    if keys.len() > rows {
        keys.select_nth_unstable(rows - 1);
        keys.truncate(rows);
    }
}

/// The true sort keys of the matches among the articles whose bound keys are `bounds`,
/// scored on every core; `None` when cancelled.
fn true_keys(
    corpus: &Corpus,
    matchers: &[Matcher],
    order: Order,
    bounds: &[u128],
    cancel: &Cancel,
) -> Option<Vec<u128>> {
    let chunks = corpus.chunks();
    let keys = bounds
        .par_iter()
        .map_init(Scratch::default, |scratch, &bound| {
            if cancel.is_cancelled() {
                return None;
            }
            let global = rank::hit_of(bound).article();
            let k = chunks.partition_point(|c| c.first <= global) - 1;
            let (chunk, local) = (&chunks[k], global - chunks[k].first);
            let score = matchers[k].score(local, scratch)?;
            Some(rank::key(score, &chunk.index, chunk.first, local, order))
        })
        .flatten()
        .collect();
    (!cancel.is_cancelled()).then_some(keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::query::Query;
    use crate::search::run;
    use crate::synthetic::Generator;
    use proptest::prelude::*;

    /// `n` generated articles in chunks of 700, every third title repeated once, so equal
    /// scores are common and ties go by date.
    fn corpus(seed: u64, n: usize) -> Corpus {
        let mut generator = Generator::new(seed);
        let mut articles: Vec<Article> = Vec::new();
        while articles.len() < n {
            let article = generator.next_article().to_article();
            if articles.len().is_multiple_of(3) {
                articles.push(article.clone());
            }
            articles.push(article);
        }
        let mut corpus = Corpus::default();
        for part in articles.chunks(700) {
            corpus.push(part.to_vec());
        }
        corpus
    }

    /// The bounded first page, when the query has bounds and the bounds spare the work.
    fn bounded_page(corpus: &Corpus, text: &str, rows: usize) -> Option<(Vec<Hit>, usize, bool)> {
        let query = Query::parse(text).unwrap();
        let matchers = scan::matchers(corpus, &query);
        assert!(matchers.iter().all(Matcher::bounded), "{text}");
        let order = Order::NewestFirst;
        best_rows(corpus, &matchers, order, None, &Cancel::new(), rows)
    }

    fn whole(corpus: &Corpus, text: &str) -> Vec<Hit> {
        let query = Query::parse(text).unwrap();
        run(corpus, &query, Order::NewestFirst, None, &Cancel::new()).unwrap()
    }

    #[test]
    fn pinyin_pages_from_bounds_begin_the_whole_ranking() {
        let corpus = corpus(7, 6000);
        let mut spared = 0;
        for text in [
            "zho", "zhong", "xin", "gaige", "bei", "dat", "jingji", "shi !人",
        ] {
            let whole = whole(&corpus, text);
            for rows in [1, 20] {
                let Some((hits, found, exact)) = bounded_page(&corpus, text, rows) else {
                    continue;
                };
                spared += 1;
                assert_eq!(hits, whole[..rows.min(whole.len())], "{text}, {rows} rows");
                assert!(
                    found <= whole.len() && (!exact || found == whole.len()),
                    "{text}"
                );
            }
        }
        // The bounds spared the work for most of them.
        assert!(spared >= 10, "only {spared} of 16 pages came from bounds");
    }

    #[test]
    fn titles_with_latin_letters_out_of_order_are_bounded_through_pinyin() {
        // Latin titles among many Chinese ones: some hold `x`, `i`, `n` in order (a direct
        // match, scored high), some hold them all but not in order, or not all (bounded
        // through pinyin like the rest).
        let latin = [
            "Xinhua 报道新年",
            "NBA 新闻",
            "Nix 消息",
            "in X 新华",
            "Linux 新版",
            "iPhone 新品",
        ];
        let mut generator = Generator::new(3);
        let articles = (0..4000)
            .map(|k| {
                let mut article = generator.next_article().to_article();
                if k % 7 == 0 {
                    article.title = latin[k / 7 % latin.len()].to_string();
                }
                article
            })
            .collect();
        let corpus = Corpus::from_articles(articles);
        let query = Query::parse("xin").unwrap();
        let matchers = scan::matchers(&corpus, &query);
        let mut scratch = Scratch::default();
        let mut bound = |k: usize| matchers[0].bound(k, &mut scratch);
        // Real scores are a few hundred; a title that may match directly is unbounded.
        assert!(bound(0).unwrap() > 1 << 40, "Xinhua");
        for k in [7, 14, 21, 28, 35] {
            let b = bound(k).unwrap();
            assert!(b < 1000, "{k}: {b}");
            let score = matchers[0].score(k, &mut Scratch::default());
            assert!(score.is_none_or(|s| s <= b), "{k}: {score:?} above {b}");
        }
        let whole = whole(&corpus, "xin");
        for rows in [1, 20] {
            let (hits, _, _) = bounded_page(&corpus, "xin", rows).expect("spared");
            assert_eq!(hits, whole[..rows], "{rows} rows");
        }
        // The direct matches rank first.
        assert!(
            corpus
                .article(whole[0].article())
                .title
                .starts_with("Xinhua")
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Random pinyin terms of three to eight letters (syllables and initials run
        /// together, as typed) over random generated archives: a page found from bounds is
        /// always the start of the whole ranking.
        #[test]
        fn a_page_from_bounds_is_the_best_of_the_ranking(
            seed in 0u64..1000,
            pieces in prop::collection::vec(prop::sample::select(vec![
                "zhong", "guo", "xin", "wen", "bei", "jing", "da", "gai", "ge", "shi", "ren",
                "fa", "zh", "x", "b", "g", "c", "s", "r", "d", "j", "h",
            ]), 1..4),
            rows in prop::sample::select(vec![1usize, 3, 25]),
        ) {
            let text: String = pieces.concat().chars().take(8).collect();
            prop_assume!(text.len() >= 3);
            let corpus = corpus(seed, 2500);
            let whole = whole(&corpus, &text);
            if let Some((hits, found, exact)) = bounded_page(&corpus, &text, rows) {
                prop_assert_eq!(&hits[..], &whole[..rows.min(whole.len())], "{}", text);
                prop_assert!(found <= whole.len() && (!exact || found == whole.len()));
            }
        }
    }
}
