//! The first page of a query that only grew a term by letters typed at its end, found from
//! the previous key's answer: each of its hits scores now at most its old score plus what the
//! letters can add ([`Matcher::most_gained`]: 16 or 18 a letter), and its hits come ranked,
//! best score first. So the hits are scored in that order, and the walk stops at the first
//! whose old score plus the gain is below the last score of the page found so far: none
//! after it can enter the page. For `zhon` after `zho` at ten million titles that scores
//! about 12,000 of 2.8 million hits, where bounding every one of them ([`super::bounded`])
//! reads every title.
//!
//! A hit the walk reaches is bounded first ([`Matcher::bound`], one look per char) and scored
//! only when that bound reaches the page too.
//!
//! The gain does not bound skim's score of a bare term matched on a title's own Latin
//! letters: the hits whose titles hold every letter of the term are bounded one by one
//! ([`Matcher::bound`]) and walked beside the others, best bound first.

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::query::{Growth, Hit, Matcher, Order, Scratch};

use super::{Cancel, rank};

/// The best `rows` hits among `previous` (the hits of the query `growth` grew from, ranked
/// in `order`; `within` marks them, a bitmap over global numbers) for `matchers` (one per
/// chunk), in rank order, and how many matches were found on the way (a lower bound of the
/// total). `None` when cancelled, when the query has no bound for its growth, when
/// `previous` is not ranked best score first, or when more than a quarter of it (and sixteen
/// hits a row) would be scored.
#[allow(clippy::too_many_arguments)]
pub(super) fn best_rows(
    corpus: &Corpus,
    matchers: &[Matcher],
    order: Order,
    previous: &[Hit],
    within: &[u64],
    growth: &Growth,
    cancel: &Cancel,
    rows: usize,
) -> Option<(Vec<Hit>, usize)> {
    debug_assert!(rows > 0);
    let mut gained = 0;
    let mut letters = 0;
    for matcher in matchers {
        let (gain, direct) = matcher.most_gained(growth)?;
        gained = gained.max(gain);
        // The term's letters: the same for every chunk.
        letters = direct;
    }
    if !previous.is_sorted_by(|a, b| a.score >= b.score) {
        return None;
    }
    let direct = direct_candidates(corpus, matchers, order, within, letters, cancel)?;
    let is_direct = |global: u32| direct.marks[global as usize / 64] >> (global % 64) & 1 == 1;
    let limit = (previous.len() / 4).max(rows * 16);
    let (mut best, mut found, mut scored) = (Vec::new(), 0, 0);
    let (mut next_previous, mut next_direct) = (0, 0);
    let mut batch = rows * 4;
    loop {
        // The page's last key and score: a candidate whose bound is below it cannot enter.
        let last_key = best.iter().copied().max().filter(|_| best.len() == rows);
        let last = last_key.map(|key| i64::from(rank::hit_of(key).score));
        let reaches = |bound: i64| last.is_none_or(|last| bound >= last);
        let mut now = Vec::with_capacity(batch);
        while now.len() < batch && next_previous < previous.len() {
            let hit = previous[next_previous];
            let most = i64::from(hit.score) + gained;
            if !reaches(most)
                || last_key.is_some_and(|key| ties_after(corpus, order, hit, most, key))
            {
                // Every later hit's old score is no higher; or it is the same and, later in
                // the date order, the hit ties the page's last score at best after it.
                next_previous = previous.len();
                break;
            }
            next_previous += 1;
            if (hit.index as usize) < corpus.len() && !is_direct(hit.index) {
                now.push(hit.index);
            }
        }
        while next_direct < direct.keys.len()
            && now.len() < 2 * batch
            && reaches(i64::from(rank::hit_of(direct.keys[next_direct]).score))
        {
            now.push(rank::hit_of(direct.keys[next_direct]).index);
            next_direct += 1;
        }
        if now.is_empty() {
            break;
        }
        scored += now.len();
        if scored > limit {
            return None;
        }
        if let Some(last) = last {
            // Each hit's own bound (one look per char) rules most of them out before the
            // programme scores them: `xinwe` at 10M, 130 → 60–100 ms.
            now = reaching(corpus, matchers, &now, last);
        }
        let keys = rank::true_keys(corpus, matchers, order, &now, |&g| g as usize, cancel)?;
        found += keys.len();
        best.extend(keys);
        rank::keep_best(&mut best, rows);
        batch *= 2;
    }
    best.sort_unstable();
    Some((best.into_iter().map(rank::hit_of).collect(), found))
}

/// True when `hit` of the previous ranking, scoring at most `most` now, could only tie the
/// page's last key `last` (its score `most`) and would sort after it: every later hit of the
/// same old score comes later in the date order, and every one of a lower old score scores
/// less than `most`. `beij` at ten million titles: 北京 beginning a title scores 52, the most
/// there is, and the walk stops among `bei`'s hits at 36 (北 beginning the title) once 200
/// newer ones reach it, not after bounding 80,000 of them.
fn ties_after(corpus: &Corpus, order: Order, hit: Hit, most: i64, last: u128) -> bool {
    if most != i64::from(rank::hit_of(last).score) {
        return false;
    }
    let g = hit.index as usize;
    let chunks = corpus.chunks();
    let Some(k) = chunks.partition_point(|c| c.first <= g).checked_sub(1) else {
        return false;
    };
    let chunk = &chunks[k];
    g < chunk.first + chunk.len()
        && rank::key(most, &chunk.index, chunk.first, g - chunk.first, order) > last
}

/// Those of `articles` (global numbers) whose bound ([`Matcher::bound`]) is `last` or more,
/// bounded on every core; first by their titles' initials ([`Matcher::initials_bound`],
/// sixteen bytes a title, when made), which rule most out without a char read: `beij` at
/// ten million titles walks 80,000 of `bei`'s hits that score 36, of which 6,000 reach 52.
fn reaching(corpus: &Corpus, matchers: &[Matcher], articles: &[u32], last: i64) -> Vec<u32> {
    let chunks = corpus.chunks();
    articles
        .par_iter()
        .map_init(Scratch::default, |scratch, &global| {
            let g = global as usize;
            let k = chunks.partition_point(|c| c.first <= g) - 1;
            let (matcher, local) = (&matchers[k], g - chunks[k].first);
            if matcher.initials_bound(local)? < last {
                return None;
            }
            let bound = matcher.bound(local, scratch)?;
            (bound >= last).then_some(global)
        })
        .flatten()
        .collect()
}

/// The candidates that may match the grown term directly, on their own Latin letters.
struct Direct {
    /// Their bound keys ([`rank::key`] of [`Matcher::bound`]), best first.
    keys: Vec<u128>,
    /// A bitmap over global numbers marking them.
    marks: Vec<u64>,
}

/// The candidates marked in `within` whose titles hold every letter of `letters` (none when
/// 0), bounded; `None` when cancelled.
fn direct_candidates(
    corpus: &Corpus,
    matchers: &[Matcher],
    order: Order,
    within: &[u64],
    letters: u32,
    cancel: &Cancel,
) -> Option<Direct> {
    let mut marks = vec![0u64; within.len()];
    if letters == 0 {
        return Some(Direct {
            keys: Vec::new(),
            marks,
        });
    }
    let per_chunk: Vec<Vec<(usize, u128)>> = corpus
        .chunks()
        .par_iter()
        .zip(matchers)
        .map_init(Scratch::default, |scratch, (chunk, matcher)| {
            if cancel.is_cancelled() {
                return Vec::new();
            }
            let marked = |global: usize| within[global / 64] >> (global % 64) & 1 == 1;
            // The titles with an ASCII letter that hold them all, from each letter's bitmap.
            let lettered = chunk.index.lettered_titles();
            let holding = chunk.index.lettered_holding_all(letters);
            let titles = holding.into_iter().enumerate().flat_map(|(w, mut bits)| {
                std::iter::from_fn(move || {
                    let bit = (bits != 0).then(|| bits.trailing_zeros() as usize)?;
                    bits &= bits - 1;
                    Some(w * 64 + bit)
                })
            });
            titles
                .filter_map(|at| lettered.get(at).map(|&i| i as usize))
                .filter(|&local| marked(chunk.first + local))
                .filter_map(|local| {
                    let bound = matcher.bound(local, scratch)?;
                    let key = rank::key(bound, &chunk.index, chunk.first, local, order);
                    Some((chunk.first + local, key))
                })
                .collect()
        })
        .collect();
    if cancel.is_cancelled() {
        return None;
    }
    let mut keys = Vec::new();
    for (global, key) in per_chunk.into_iter().flatten() {
        marks[global / 64] |= 1 << (global % 64);
        keys.push(key);
    }
    keys.sort_unstable();
    Some(Direct { keys, marks })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::query::Query;
    use crate::search::{Previous, run, scan};
    use crate::synthetic::Generator;

    /// Generated titles in chunks of 700, one in 41 with Latin letters in front (some
    /// matching the typed terms directly, in order or not), every fifth repeated so that
    /// equal scores are common and ties go by date.
    fn corpus(seed: u64, n: usize) -> Corpus {
        let latin = [
            "Zhongguo 报道",
            "zh o ng 新年",
            "Xin 国际 Wen 改革",
            "n e w x i 消息",
            "NASA 发布",
            "Bei 北方 Jing 日报",
            "gai GE 经济",
            "Zhong 中 Guo 工作",
            "Jing 经 Ji 发展",
        ];
        let mut generator = Generator::new(seed);
        let mut articles: Vec<Article> = Vec::new();
        while articles.len() < n {
            let mut article = generator.next_article().to_article();
            let k = articles.len();
            if k.is_multiple_of(41) {
                article.title = format!("{} {}", latin[k / 41 % latin.len()], article.title);
            }
            if k.is_multiple_of(5) {
                articles.push(article.clone());
            }
            articles.push(article);
        }
        crate::search::tests::chunked(&articles, 700)
    }

    fn ranked(corpus: &Corpus, query: &Query) -> Vec<Hit> {
        run(corpus, query, Order::NewestFirst, None, &Cancel::new()).unwrap()
    }

    /// Every key of every term typed after its third letter: the page found from the
    /// previous key's scores is the start of the whole ranking (the scan's), whatever the
    /// form, with Latin titles matching directly among the hits.
    #[test]
    fn pages_from_the_previous_scores_begin_the_whole_ranking() {
        let corpus = corpus(5, 7000);
        let mut pages = 0;
        for text in [
            "zhongguo",
            "beijing",
            "xinwen",
            "gaige",
            "'nasa",
            "^xinhua",
            "'beij",
            "jingji",
            "src:晚报 zhongguo",
        ] {
            let ends = (4..=text.len())
                .filter(|&end| text.is_char_boundary(end - 1) && text.is_char_boundary(end));
            for end in ends {
                let (old, new) = (&text[..end - 1], &text[..end]);
                let (Ok(old), Ok(new)) = (Query::parse(old), Query::parse(new)) else {
                    continue;
                };
                let Some(growth) = new.grown_from(&old) else {
                    continue;
                };
                let previous = ranked(&corpus, &old);
                let whole = ranked(&corpus, &new);
                let matchers = scan::matchers(&corpus, &new);
                let within = scan::bitmap(&previous, Hit::article, corpus.len());
                for rows in [1, 20, 150] {
                    let page = best_rows(
                        &corpus,
                        &matchers,
                        Order::NewestFirst,
                        &previous,
                        &within,
                        &growth,
                        &Cancel::new(),
                        rows,
                    );
                    let Some((hits, found)) = page else {
                        continue;
                    };
                    pages += 1;
                    let want = &whole[..rows.min(whole.len())];
                    assert_eq!(hits, want, "{new:?} from {old:?}, {rows} rows");
                    assert!(found >= hits.len() && found <= whole.len(), "{new:?}");
                    // And so does the page the search hands over.
                    let mut handed = None;
                    let previous = Previous {
                        query: old.clone(),
                        hits: previous.clone().into(),
                        ..Previous::default()
                    };
                    let all = crate::search::run_paged(
                        &corpus,
                        &new,
                        Order::NewestFirst,
                        Some(&previous),
                        &Cancel::new(),
                        rows,
                        |p| handed = Some(p.hits),
                    );
                    assert_eq!(all.as_deref(), Some(&whole[..]), "{new:?}");
                    if let Some(handed) = handed {
                        assert_eq!(handed, want, "{new:?} from {old:?}, {rows} rows");
                    }
                }
            }
        }
        // Most keys were answered from the previous scores.
        assert!(pages >= 30, "only {pages} pages");
    }

    /// A hit whose old score plus the gain only ties the page's last score is still scored:
    /// `中心` goes from 34 for `zhon` to 52 for `zhong` (the syllable completed), and being
    /// the newest it outranks ten `中欧年` that scored 50 and now score 52 too.
    #[test]
    fn a_hit_that_gains_the_most_can_tie_its_way_onto_the_page() {
        let article = |title: &str, date: &str| Article {
            title: title.into(),
            date: crate::date::Date::from_text(date),
            ..Article::default()
        };
        let mut articles = vec![article("中欧年", "2019-01-01"); 10];
        articles.push(article("中心", "2020-01-01"));
        let corpus = Corpus::from_articles(articles);
        let (old, new) = (
            Query::parse("zhon").unwrap(),
            Query::parse("zhong").unwrap(),
        );
        let previous = ranked(&corpus, &old);
        let scores: Vec<i32> = previous.iter().map(|h| h.score).collect();
        assert_eq!((scores[0], scores[10]), (50, 34));
        let whole = ranked(&corpus, &new);
        assert_eq!(
            (whole[0].index, whole[0].score, whole[1].score),
            (10, 52, 52)
        );
        let matchers = scan::matchers(&corpus, &new);
        let within = scan::bitmap(&previous, Hit::article, corpus.len());
        let growth = new.grown_from(&old).unwrap();
        let order = Order::NewestFirst;
        let cancel = Cancel::new();
        let page = best_rows(
            &corpus, &matchers, order, &previous, &within, &growth, &cancel, 1,
        );
        assert_eq!(page.map(|(hits, _)| hits), Some(whole[..1].to_vec()));
    }

    /// An answer not ranked best score first, or a query that did more than grow, is not
    /// taken for one.
    #[test]
    fn only_a_ranked_answer_of_a_grown_query_is_walked() {
        let corpus = corpus(6, 3000);
        let (old, new) = (
            Query::parse("zhon").unwrap(),
            Query::parse("zhong").unwrap(),
        );
        let growth = new.grown_from(&old).unwrap();
        let mut previous = ranked(&corpus, &old);
        previous.reverse();
        let matchers = scan::matchers(&corpus, &new);
        let within = scan::bitmap(&previous, Hit::article, corpus.len());
        let cancel = Cancel::new();
        let order = Order::NewestFirst;
        let walk = |previous: &[Hit]| {
            best_rows(
                &corpus, &matchers, order, previous, &within, &growth, &cancel, 5,
            )
        };
        assert!(walk(&previous).is_none());
        previous.reverse();
        assert!(walk(&previous).is_some());
        assert!(Query::parse("zhong 报").unwrap().grown_from(&old).is_none());
    }
}
