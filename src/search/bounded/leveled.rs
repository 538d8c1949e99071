//! The first page of a bounded search as the titles that score above a level and the newest
//! that score it: when many candidates reach the sampled floor, most of them score it, and
//! among equal scores the ranking goes by date. `bei` at ten million titles: 137,000
//! candidates are bounded at 36 or more (北 or 被 beginning the title), a page of 200 is
//! 187 titles above 36 and the newest 13 at it. The titles above it are found by their
//! initials ([`Matcher::initials_bound`]), most without reading a char; those at it,
//! walking the kept date order from its start. Bounding and keying all 137,000 cost 100 ms;
//! this, 50.

use crate::query::{Hit, Scratch};

use super::super::walk::Walk;
use super::super::{date_order, rank, scan};
use super::{Search, sifted};
#[cfg(doc)]
use crate::query::Matcher;

/// Candidates per page row the walk meets before giving up, among every candidate of a
/// floor many reach: those at the level are then too rare for a walk to find a page of them
/// soon.
pub(super) const WALK_PER_ROW: usize = 64;

/// The best `rows` hits of `search` when every hit that scores above `level` and the
/// newest that score it are the page, and how many hits were found (a lower bound of the
/// total); `Some(None)` when the walk meets too few at the level or the date order is not
/// kept; `None` when cancelled. `above`, when given, marks every candidate whose bound may
/// exceed the level (the title lists' [`super::listed::Listed`] above it): only those are
/// looked at for the hits above it. The walk gives up after meeting `walked` candidates.
pub(super) fn best_rows(
    search: &Search,
    rows: usize,
    level: i64,
    above: Option<&[u64]>,
    walked: usize,
) -> Option<Option<(Vec<Hit>, usize, bool)>> {
    let (corpus, matchers, order) = (search.corpus, search.matchers, search.order);
    if !date_order::is_kept(corpus, order) {
        return Some(None);
    }
    let chunks = corpus.chunks();
    // Every hit above the level: few titles' initials allow a bound above it (sifted out at
    // once, or else passed over one by one).
    let search_above = Search {
        within: above.or(search.within),
        ..*search
    };
    let sifted = sifted::sift(&search_above, level + 1)?;
    let parts = scan::each_block(
        corpus,
        matchers,
        sifted
            .as_ref()
            .map_or(search_above.within, |s| Some(&s.marks)),
        search.cancel,
        Vec::new,
        |above: &mut Vec<u128>, k, local, scratch| {
            let matcher = &matchers[k];
            if (sifted.is_some() || matcher.initials_bound(local).is_some_and(|b| b > level))
                && matcher.bound(local, scratch).is_some_and(|b| b > level)
                && let Some(score) = matcher.score(local, scratch)
                && score > level
            {
                let chunk = &chunks[k];
                above.push(rank::key(score, &chunk.index, chunk.first, local, order));
            }
        },
    )?;
    let mut above: Vec<u128> = parts.concat();
    let found = above.len();
    if found >= rows {
        rank::keep_best(&mut above, rows);
        above.sort_unstable();
        return Some(Some((
            above.into_iter().map(rank::hit_of).collect(),
            found,
            false,
        )));
    }
    above.sort_unstable();
    let mut page: Vec<Hit> = above.into_iter().map(rank::hit_of).collect();
    // Then the newest at the level: equal scores rank by date.
    let Some(mut walk) = Walk::new(corpus, matchers, order, search.within, (usize::MAX, walked))
    else {
        return Some(None);
    };
    let mut scratch = Scratch::default();
    while let Some(batch) = walk.next_batch(Some(level), &mut scratch) {
        if search.cancel.is_cancelled() {
            return None;
        }
        for met in batch {
            if matchers[met.chunk].score(met.local, &mut scratch) == Some(level) {
                page.push(Hit {
                    index: met.global as u32,
                    score: level as i32,
                });
                if page.len() == rows {
                    return Some(Some((page, rows, false)));
                }
            }
        }
    }
    Some(None)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{corpus, every_third, whole};
    use super::*;
    use crate::article::Article;
    use crate::query::Query;
    use crate::search::{Cancel, Order, run};
    use crate::synthetic::Generator;

    /// At every level of a query's scores (and between them), with the titles' initials
    /// made or not, over every article, within some, or within the candidates the title
    /// lists leave at the level: a page the level gives is the start of the whole ranking. Some titles match directly, above any pinyin score.
    #[test]
    fn the_hits_above_a_level_and_the_newest_at_it_begin_the_whole_ranking() {
        let latin = [
            "Beijing 报道",
            "Xinhua 新闻",
            "DAT 日报",
            "Zhongguo 新年",
            "gai ai",
        ];
        let mut generator = Generator::new(5);
        let articles: Vec<Article> = (0..6000)
            .map(|k| {
                let mut article = generator.next_article().to_article();
                if k % 13 == 0 {
                    article.title = format!("{} {}", latin[k / 13 % latin.len()], article.title);
                }
                article
            })
            .collect();
        let corpus = crate::search::tests::chunked(&articles, 700);
        let order = Order::NewestFirst;
        let (mut walked, mut above, mut narrowed) = ([0, 0], 0, 0);
        for prepared in [false, true] {
            if prepared {
                corpus.prepare_search();
            }
            for text in ["bei", "xin", "zho", "dat", "gai", "ccr", "zhong", "xin !报"] {
                let query = Query::parse(text).unwrap();
                let matchers = scan::matchers(&corpus, &query);
                let every = whole(&corpus, text);
                // Every third article a candidate.
                let marks = every_third(corpus.len());
                let within_marks = every
                    .iter()
                    .copied()
                    .filter(|h| h.article() % 3 == 0)
                    .collect::<Vec<_>>();
                for (within, ranking) in [(None, &every), (Some(&marks[..]), &within_marks)] {
                    let mut levels: Vec<i64> = ranking.iter().map(|h| i64::from(h.score)).collect();
                    levels.dedup();
                    levels.truncate(12);
                    levels.extend(levels.clone().iter().map(|l| l - 1));
                    for rows in [1, 20, 150] {
                        for &level in &levels {
                            // The walk needs the kept date order: the empty query keeps it.
                            run(&corpus, &Query::default(), order, None, &Cancel::new());
                            let search = Search {
                                corpus: &corpus,
                                matchers: &matchers,
                                order,
                                within,
                                cancel: &Cancel::new(),
                            };
                            // The hits above the level among every candidate, then among those
                            // the title lists leave above it; the walk among every candidate,
                            // then among those the lists leave at the level or above.
                            let listed = listed_above(&search, level);
                            let at_level = listed_above(&search, level - 1);
                            let narrowed_search = at_level.as_deref().map(|marks| Search {
                                within: Some(marks),
                                ..search
                            });
                            for (search, lists) in [(Some(search), 0), (narrowed_search, 1)] {
                                let Some(search) = search else {
                                    continue;
                                };
                                let limit = rows * WALK_PER_ROW;
                                let Some(Some((hits, found, _))) =
                                    best_rows(&search, rows, level, listed.as_deref(), limit)
                                else {
                                    continue;
                                };
                                narrowed += usize::from(listed.is_some());
                                let above_level =
                                    ranking.iter().filter(|h| i64::from(h.score) > level);
                                if above_level.count() >= rows {
                                    above += 1;
                                } else {
                                    walked[lists] += 1;
                                }
                                let want = &ranking[..rows.min(ranking.len())];
                                assert_eq!(hits, want, "{text} at {level}, {rows} rows");
                                assert!(found >= rows && found <= ranking.len(), "{text}");
                            }
                        }
                    }
                }
            }
        }
        // Both ways of making the page were taken, many times, and the lists narrowed the
        // hits above the level in many.
        assert!(narrowed >= 20, "{narrowed} narrowed");
        assert!(
            above >= 20 && walked.iter().all(|&w| w >= 20),
            "{above} above, {walked:?} walked (among every candidate, among the listed)"
        );
    }

    /// The candidates the title lists leave above `level`, when they narrow them.
    fn listed_above(search: &Search, level: i64) -> Option<Vec<u64>> {
        let chars = super::super::listed::ListedChars::of(search.corpus)?;
        let candidates = search.within.map_or(search.corpus.len(), |marks| {
            marks.iter().map(|w| w.count_ones() as usize).sum()
        });
        let (corpus, matchers) = (search.corpus, search.matchers);
        super::super::listed::Listed::new(corpus, matchers, &chars, level + 1, candidates)
            .map(|listed| listed.marks(corpus, search.within))
    }

    /// A level no title reaches, or one too few titles reach for the page, gives no page.
    #[test]
    fn a_level_too_few_reach_gives_no_page() {
        let corpus = corpus(6, 3000);
        let order = Order::NewestFirst;
        let query = Query::parse("zhong").unwrap();
        let matchers = scan::matchers(&corpus, &query);
        let ranking = whole(&corpus, "zhong");
        let top = i64::from(ranking[0].score);
        run(&corpus, &Query::default(), order, None, &Cancel::new());
        let search = Search {
            corpus: &corpus,
            matchers: &matchers,
            order,
            within: None,
            cancel: &Cancel::new(),
        };
        let walked = 20 * WALK_PER_ROW;
        assert_eq!(best_rows(&search, 20, top + 1, None, walked), Some(None));
        // At the top score, one row more than score it: the walk meets too few.
        let at_top = ranking.iter().filter(|h| i64::from(h.score) == top).count();
        let walked = (at_top + 1) * WALK_PER_ROW;
        assert_eq!(
            best_rows(&search, at_top + 1, top, None, walked),
            Some(None)
        );
        // As many as score it: they are the page, when the walk meets them soon enough.
        let walked = at_top * WALK_PER_ROW;
        if let Some(Some((page, ..))) = best_rows(&search, at_top, top, None, walked) {
            assert_eq!(page, ranking[..at_top]);
        }
    }
}
