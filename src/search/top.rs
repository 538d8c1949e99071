//! The first page of a query whose best possible score is known ([`Matcher::top_score`]): a
//! lone Han char such as `国`, whose skim score depends only on the kind of char before the
//! match, so the titles that begin with it all score the best there is; a pair such as
//! `国际`, best side by side at the start; an exact term such as `'NASA`, best at the start.
//! Among equal scores the ranking goes by date, so when the page is full of hits that
//! reach the top score, the newest of them are the page: no hit further down the date order
//! can rank above them. They are found walking the kept date order, scoring the candidates
//! met on the way: `国` at ten million titles is 1.35 million hits, all scored and sorted
//! before, and 0.7 % of the titles begin with it, so a page of 200 is met within some
//! 30,000 articles. A bounded query's candidates are bounded before they are scored
//! ([`Matcher::initials_bound`], then [`Matcher::bound`]): `'NAS` within `'NA`'s 1.5 million
//! hits, of which one in 170 begins with it, scores only those.

use crate::corpus::Corpus;
use crate::query::{Hit, Matcher, Order, Scratch};

use super::walk::Walk;
use super::{Cancel, scan};

/// How many articles of the date order the walk tests before giving up (a few milliseconds
/// on one core): the top score is then too rare for a walk to find a page of it.
const WALK_LIMIT: usize = 1 << 20;

/// Candidates per page row below which the whole ranking is left to do it: scoring that few
/// costs less than walking the date order to meet them.
const FEW_PER_ROW: usize = 16;

/// The best `rows` hits of `matchers` (one per chunk, the same query) among the candidates
/// (every article, or those marked in `within`), and how many hits the walk scored (a lower
/// bound of the total), when the query's top score is known, the date order in `order` is
/// kept (merging it costs more than it saves) and the walk meets `rows` hits reaching that
/// score; else `None`.
pub(super) fn best_rows(
    corpus: &Corpus,
    matchers: &[Matcher],
    order: Order,
    within: Option<&[u64]>,
    cancel: &Cancel,
    rows: usize,
) -> Option<(Vec<Hit>, usize)> {
    // The chunks' reading tables differ, and so may their pinyin bounds' best.
    let top = matchers
        .iter()
        .map(Matcher::top_score)
        .collect::<Option<Vec<i64>>>()?
        .into_iter()
        .max()?;
    if rows == 0 || scan::candidate_total(corpus, matchers) < rows * FEW_PER_ROW {
        // Few titles hold the char (`龘`): ranking them all is quicker than a walk that
        // meets few.
        return None;
    }
    // A bounded query's candidates whose bound is below the top are passed over unscored.
    let bounded = matchers.iter().all(Matcher::bounded);
    let mut walk = Walk::new(corpus, matchers, order, within, (WALK_LIMIT, usize::MAX))?;
    let mut scratch = Scratch::default();
    let (mut page, mut met) = (Vec::with_capacity(rows), 0);
    while let Some(batch) = walk.next_batch(bounded.then_some(top), &mut scratch) {
        if cancel.is_cancelled() {
            return None;
        }
        for candidate in batch {
            let matcher = &matchers[candidate.chunk];
            let Some(score) = matcher.score(candidate.local, &mut scratch) else {
                continue;
            };
            met += 1;
            if met >= rows * 32 && page.len() * 64 < met {
                // Under one hit in 64 reaches the top score (`的` begins no title): a page of
                // them is too far down the order.
                return None;
            }
            if score == top {
                page.push(Hit {
                    index: candidate.global as u32,
                    score: score as i32,
                });
                if page.len() == rows {
                    return Some((page, met));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::query::Query;
    use crate::search::{Previous, run, run_paged, scan};
    use crate::synthetic::Generator;

    /// The page of a lone Han char is the start of the whole ranking: titles that begin
    /// with it (some after a space or a letter, which score less), in both date orders,
    /// with a filter beside it and within earlier hits; a char no title holds, or none
    /// begins with, gives no page.
    #[test]
    fn the_newest_hits_of_the_top_score_begin_the_whole_ranking() {
        let mut generator = Generator::new(9);
        let articles: Vec<Article> = (0..6000)
            .map(|k| {
                let mut article = generator.next_article().to_article();
                match k % 11 {
                    0 => article.title = format!("国{}", article.title),
                    1 => article.title = format!("A国 {}", article.title),
                    2 => article.title = format!("新 国{}", article.title),
                    3 => article.title = format!("X囍{}", article.title),
                    4 => article.title = format!("国际{}", article.title),
                    5 => article.title = format!("国 际{}", article.title),
                    6 => article.title = format!("NASA {}", article.title),
                    7 => article.title = format!("x NASA {}", article.title),
                    _ => {}
                }
                article
            })
            .collect();
        let corpus = crate::search::tests::chunked(&articles, 700);
        let mut pages = 0;
        // Without the titles' initials, then with them (the bounded terms' first test).
        let each = [false, true].map(|prepared| {
            [
                (prepared, Order::NewestFirst),
                (prepared, Order::OldestFirst),
            ]
        });
        for (prepared, order) in each.into_iter().flatten() {
            if prepared {
                corpus.prepare_search();
            }
            // The walk needs the kept date order: the empty query keeps it.
            run(&corpus, &Query::default(), order, None, &Cancel::new()).unwrap();
            let texts = [
                "国",
                "国 date:2017",
                "国 !新",
                "國",
                "长",
                "龘",
                "国际",
                "国际 !新",
                "'NASA",
                "'nasa",
                "^NAS",
                "'xin",
                "'新闻",
            ];
            for text in texts {
                let query = Query::parse(text).unwrap();
                let whole = run(&corpus, &query, order, None, &Cancel::new()).unwrap();
                let matchers = scan::matchers(&corpus, &query);
                for rows in [1, 30, 400] {
                    let found = best_rows(&corpus, &matchers, order, None, &Cancel::new(), rows);
                    let Some((hits, met)) = found else {
                        continue;
                    };
                    pages += 1;
                    assert_eq!(hits, whole[..rows], "{text:?} {order:?}, {rows} rows");
                    assert!(met >= rows && met <= whole.len(), "{text:?}");
                    let mut handed = None;
                    run_paged(&corpus, &query, order, None, &Cancel::new(), rows, |p| {
                        handed = Some(p.hits);
                    });
                    assert_eq!(handed.as_deref(), Some(&whole[..rows]), "{text:?}");
                }
            }
        }
        assert!(pages >= 70, "only {pages} pages");
        // A char no title holds, and one no title begins with: no page from the walk, and
        // the page the search hands over is still the start of the ranking.
        let order = Order::NewestFirst;
        for text in ["龘", "囍"] {
            let query = Query::parse(text).unwrap();
            let matchers = scan::matchers(&corpus, &query);
            assert!(best_rows(&corpus, &matchers, order, None, &Cancel::new(), 5).is_none());
            let whole = run(&corpus, &query, order, None, &Cancel::new()).unwrap();
            let mut handed = None;
            run_paged(&corpus, &query, order, None, &Cancel::new(), 5, |p| {
                handed = Some(p.hits);
            });
            assert!(handed.is_none_or(|page| page == whole[..5]), "{text}");
        }
        // Within earlier hits (`国` within `国 !新`'s): the same as a fresh search.
        let old = Query::parse("国 !新").unwrap();
        let hits = run(&corpus, &old, order, None, &Cancel::new()).unwrap();
        let previous = Previous {
            query: old,
            hits: hits.into(),
            ..Previous::default()
        };
        let (new, within) = (Query::parse("国 !新 !A").unwrap(), Some(&previous));
        let whole = run(&corpus, &new, order, None, &Cancel::new()).unwrap();
        let mut handed = None;
        run_paged(&corpus, &new, order, within, &Cancel::new(), 20, |p| {
            handed = Some(p.hits);
        });
        assert_eq!(handed.as_deref(), Some(&whole[..20]));
    }
}
