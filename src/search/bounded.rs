//! The first page of a ranked search found by scoring few candidates: when every ranking
//! term is a short pinyin-capable one ([`Matcher::bounded`]), each candidate's score has a
//! cheap upper bound ([`Matcher::bound`]), so its key can sort no earlier than the key of
//! its bound. The candidates with the best bounds are scored first (sixteen times the
//! page); the last key of the page they give is a threshold, and every other candidate
//! whose bound sorts before it is scored next; no candidate left can enter the page. This
//! is the threshold algorithm of top-k retrieval: for `zho` at a million titles (`juan
//! gen`) it scores a few thousand of 724,000 candidates for a page of 200 rows.
//!
//! Every candidate is bounded, but only those whose bound reaches a floor keep a sort key
//! (which reads the article's date) for the steps above: at ten million titles, keys for
//! all of `zho`'s 7.2 million candidates cost more than their bounds. The floor comes from
//! a sample of one article in 127, set below the score about four pages reach; when the
//! page's last score is still below it, the search is made again with no floor.
//!
//! Before a candidate's chars are read for its bound, its title's initials bound it again
//! ([`Matcher::initials_bound`]: sixteen bytes a title, made in the background after a
//! load): most candidates below a floor are passed over without reading a char of theirs.
//! When the sample finds many candidates at the floor (`bei` at 36: 北 or 被 beginning the
//! title), the page is the few hits above it and the newest at it ([`leveled`]). Floors above
//! the sampled one — sampled bounds, and sampled scores (a bare `gai`'s best hits are Latin
//! titles matched directly, at 59–62) — are tried first, highest first, with the title lists
//! ([`listed`]), when the sample's scores say two pages reach them; the top two levels of a
//! term need its first piece on the title's first char, and take only the titles that open
//! with such a char. At a higher floor the lists narrow, the page is first looked for as
//! the few hits above it and the newest at it among the listed candidates ([`leveled`]).
//!
//! When the bounds are too loose to spare most of the work, it gives up and the search
//! ranks every hit as before.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::rc::Rc;

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::query::{Hit, Matcher, Order, Scratch, UNBOUNDED};

use super::{Cancel, rank, scan};

mod leveled;
mod listed;
mod sifted;

/// The most floors above the sampled one tried with the title lists ([`listed`]).
const HIGHER_FLOORS: usize = 3;

/// One article in this many is bounded first to choose the floor ([`floor_of`]).
const SAMPLE_STRIDE: usize = 127;

/// How many candidates the floor should keep, as a multiple of those scored first: a
/// margin against a sample's error and bounds looser than the true scores.
const FLOOR_MARGIN: usize = 4;

/// Pages the sample's scores must say reach a higher floor for the title lists to be tried
/// at it: a floor that too few reach leaves the page short, its work lost (`zho` at 42, ten
/// million titles: one sampled title in 57,000 scores it, 2,032 are bounded at it, and the
/// page ends at 40). Bounds are looser than scores, so the scores decide.
const SAMPLED_PAGES: usize = 2;

/// Among the candidates the lists leave at a floor, the walk for the newest at it meets at
/// most one in this many before giving up ([`leveled`]): `zho` at 40, ten million titles,
/// meets some 43,000 of 648,000 to find the 86 the page needs, where bounding all 648,000
/// took 57 ms.
const WALK_ONE_IN: usize = 4;

/// Candidates per page row the sample must find bounded at the floor or more for the page
/// to be found as the titles above the floor and the newest at it ([`leveled`]): enough
/// that those at it are met soon walking the date order.
const LEVELED_PER_ROW: usize = 100;

/// The best `rows` hits of the candidates (every article, or those marked in `within`) for
/// `matchers` (one per chunk, [`Matcher::bounded`]), in rank order, and how many matches were
/// found on the way (a lower bound of the total, exact when the third value is true).
/// `None` when cancelled, or when it would score more than half of the candidates.
///
/// Only the candidates whose bound reaches a floor chosen from a sample keep a sort key (a
/// few thousand of millions: no date is read and no key is made for the rest). When the
/// page's last score falls below the floor, a candidate left out might still enter it, and
/// the search is made again with every candidate kept.
pub(super) fn best_rows(
    corpus: &Corpus,
    matchers: &[Matcher],
    order: Order,
    within: Option<&[u64]>,
    cancel: &Cancel,
    rows: usize,
) -> Option<(Vec<Hit>, usize, bool)> {
    debug_assert!(rows > 0 && matchers.iter().all(Matcher::bounded));
    let search = Search {
        corpus,
        matchers,
        order,
        within,
        cancel,
    };
    let (floor, reaching, higher) = search.floor(rows, rows * 16 * FLOOR_MARGIN);
    // The candidates whose bound may reach a floor, from the title lists, when they narrow
    // them to few.
    let chars = (floor > i64::MIN)
        .then(|| listed::ListedChars::of(corpus))
        .flatten();
    let candidates = within.map_or(corpus.len(), |marks| {
        marks.iter().map(|w| w.count_ones() as usize).sum()
    });
    // Each floor's marks once: a floor's level above is the next higher floor (`ccr` tries
    // 56, 55, 54) and the sampled one may be tried twice.
    let made: RefCell<Vec<(i64, Option<Marks>)>> = RefCell::default();
    let listed = |f: i64| -> Option<Marks> {
        if let Some((_, marks)) = made.borrow().iter().find(|(at, _)| *at == f) {
            return marks.clone();
        }
        let marks = chars.as_ref().and_then(|chars| {
            let listed = listed::Listed::new(corpus, matchers, chars, f, candidates)?;
            Some(Rc::from(listed.marks(corpus, within)))
        });
        made.borrow_mut().push((f, marks.clone()));
        marks
    };
    // The higher floors (then the sampled one) whose candidates the lists narrow to few,
    // highest first: only those are bounded. A page whose last score falls below the floor
    // is looked for again at the next one.
    for high in higher
        .into_iter()
        .chain((floor > i64::MIN).then_some(floor))
    {
        let Some(marks) = listed(high) else {
            continue;
        };
        let narrowed = Search {
            within: Some(&marks),
            ..search
        };
        // The hits above it, when the lists narrow them too, and the newest at it, walking
        // the date order among the listed.
        if let Some(above) = listed(high + 1) {
            let marked: usize = marks.iter().map(|w| w.count_ones() as usize).sum();
            let walked = (rows * leveled::WALK_PER_ROW).max(marked / WALK_ONE_IN);
            if let Some(page) = leveled::best_rows(&narrowed, rows, high, Some(&above), walked)? {
                return Some(page);
            }
        }
        if let Outcome::Page(Some(page)) = narrowed.above(rows, high, true)? {
            return Some(page);
        }
    }
    let walked = rows * leveled::WALK_PER_ROW;
    if floor > i64::MIN
        && reaching >= rows * LEVELED_PER_ROW
        && let Some(page) =
            leveled::best_rows(&search, rows, floor, listed(floor + 1).as_deref(), walked)?
    {
        // Many reach the floor (`bei` at 36: 137,000 of 2.4 million): the few above it,
        // and the newest at it.
        return Some(page);
    }
    for floor in [floor, i64::MIN] {
        if let Outcome::Page(page) = search.above(rows, floor, false)? {
            return page;
        }
    }
    unreachable!("no candidate is left out below no floor")
}

/// A bitmap over global numbers of the candidates the title lists leave at a floor,
/// shared between the tries that need it.
type Marks = Rc<[u64]>;

/// What [`Search::above`] found.
enum Outcome {
    /// The page, its matches found and whether that count is exact; `None` when it gave up.
    Page(Option<(Vec<Hit>, usize, bool)>),
    /// A candidate left out below the floor might enter the page.
    FloorTooHigh,
}

/// One bounded search: the candidates, their matchers and the order of their keys.
#[derive(Clone, Copy)]
struct Search<'a> {
    /// The articles searched.
    corpus: &'a Corpus,
    /// The query compiled for each chunk, in chunk order.
    matchers: &'a [Matcher<'a>],
    /// The date order of equal scores.
    order: Order,
    /// The candidates, a bitmap over global numbers; `None`: every article.
    within: Option<&'a [u64]>,
    /// Checked between blocks.
    cancel: &'a Cancel,
}

impl Search<'_> {
    /// [`best_rows`] keeping the sort keys of the candidates whose bound is `floor` or more;
    /// `None` when cancelled. `left_out` when candidates were left out of this search for
    /// their bounds being below `floor` (as [`listed::marks`] leaves them).
    fn above(&self, rows: usize, floor: i64, left_out: bool) -> Option<Outcome> {
        let chunks = self.corpus.chunks();
        // Most titles are below the floor by their initials alone: sifted out at once, or
        // else passed over one by one below.
        let sifted = match floor {
            i64::MIN => None,
            _ => sifted::sift(self, floor)?,
        };
        let each_initials = floor > i64::MIN && sifted.is_none();
        let parts = scan::each_block(
            self.corpus,
            self.matchers,
            sifted.as_ref().map_or(self.within, |s| Some(&s.marks)),
            self.cancel,
            || (Vec::new(), 0),
            |(keys, bounded): &mut (Vec<u128>, usize), k, local, scratch| {
                let matcher = &self.matchers[k];
                if each_initials {
                    match matcher.initials_bound(local) {
                        None => return,
                        Some(bound) if bound < floor => {
                            *bounded += 1;
                            return;
                        }
                        Some(_) => {}
                    }
                }
                let Some(bound) = matcher.bound(local, scratch) else {
                    return;
                };
                *bounded += 1;
                if bound >= floor {
                    let chunk = &chunks[k];
                    keys.push(rank::key(
                        bound,
                        &chunk.index,
                        chunk.first,
                        local,
                        self.order,
                    ));
                }
            },
        )?;
        let passed_over = sifted.map_or(0, |s| s.passed_over);
        let candidates = passed_over + parts.iter().map(|(_, bounded)| bounded).sum::<usize>();
        let mut bounds: Vec<u128> = parts.into_iter().flat_map(|(keys, _)| keys).collect();
        let all_kept = bounds.len() == candidates && !left_out;
        let limit = candidates / 2;
        // First the `rows * 16` smallest bounds: their true keys give a page, whose last key
        // says which other candidates could still enter it.
        let take = (rows * 16).min(bounds.len());
        if take < bounds.len() {
            bounds.select_nth_unstable(take);
        }
        let (now, rest) = bounds.split_at_mut(take);
        let mut best = self.true_keys(now)?;
        let mut found = best.len();
        rank::keep_best(&mut best, rows);
        // Then every candidate whose bound sorts before that last key (all of them while the
        // page is short), and no other: a candidate left out cannot enter the page, whose
        // last key only moves earlier as better ones come.
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
            return Some(Outcome::Page(None));
        }
        let (then, out) = rest.split_at(could);
        let keys = self.true_keys(then)?;
        found += keys.len();
        best.extend(keys);
        rank::keep_best(&mut best, rows);
        best.sort_unstable();
        // A candidate below the floor sorts after every key whose score is the floor or
        // more: it cannot enter a full page whose last score is that.
        let last_score =
            (best.len() == rows).then(|| i64::from(rank::hit_of(best[rows - 1]).score));
        if !all_kept && last_score.is_none_or(|last| last < floor) {
            return Some(Outcome::FloorTooHigh);
        }
        let exact = out.is_empty() && all_kept;
        let hits = best.into_iter().map(rank::hit_of).collect();
        Some(Outcome::Page(Some((hits, found, exact))))
    }

    /// A floor below the page's last score, yet as high as can be, from one article in
    /// [`SAMPLE_STRIDE`] (by global number): the lower of the bound that about `wanted`
    /// candidates reach (the sampled bound ranked `wanted / SAMPLE_STRIDE`, best first) and
    /// the score that about four pages of candidates reach (the sampled score ranked
    /// `4 * rows / SAMPLE_STRIDE`, found scoring the sample best bound first until no bound
    /// left can beat it). `i64::MIN` (keep every candidate) when the sample holds too few.
    /// Then about how many candidates the floor's bound reach (the sampled ones times
    /// [`SAMPLE_STRIDE`]), and the sampled bounds and scores above that floor that the
    /// sampled scores say [`SAMPLED_PAGES`] pages reach, best first, at most
    /// [`HIGHER_FLOORS`] of them: floors for the title lists to try first.
    fn floor(&self, rows: usize, wanted: usize) -> (i64, usize, Vec<i64>) {
        // (bound, chunk, local) of the sampled candidates.
        let mut sampled: Vec<(i64, usize, usize)> = self
            .corpus
            .chunks()
            .par_iter()
            .zip(self.matchers)
            .enumerate()
            .map_init(Scratch::default, |scratch, (k, (chunk, matcher))| {
                let first = chunk.first.next_multiple_of(SAMPLE_STRIDE);
                (first..chunk.first + chunk.len())
                    .step_by(SAMPLE_STRIDE)
                    .filter(|&global| {
                        self.within
                            .is_none_or(|marks| marks[global / 64] >> (global % 64) & 1 == 1)
                    })
                    .map(|global| global - chunk.first)
                    .filter(|&local| matcher.may_match(local))
                    .filter_map(|local| Some((matcher.bound(local, scratch)?, k, local)))
                    .collect::<Vec<_>>()
            })
            .flatten()
            .collect();
        let by_bound = wanted.div_ceil(SAMPLE_STRIDE);
        let by_score = (4 * rows).div_ceil(SAMPLE_STRIDE);
        if sampled.len() <= by_bound.max(by_score) {
            return (i64::MIN, 0, Vec::new());
        }
        sampled.sort_unstable_by_key(|&(bound, ..)| Reverse(bound));
        // The `by_score + 1` best sampled scores, in a heap whose top is the least of them.
        let mut best = BinaryHeap::new();
        let mut scratch = Scratch::default();
        for &(bound, k, local) in &sampled {
            if best.len() > by_score && best.peek().is_some_and(|&Reverse(least)| bound <= least) {
                break;
            }
            if let Some(score) = self.matchers[k].score(local, &mut scratch) {
                best.push(Reverse(score));
                if best.len() > by_score + 1 {
                    best.pop();
                }
            }
        }
        // Best first.
        let scores: Vec<i64> = best.into_sorted_vec().into_iter().map(|s| s.0).collect();
        let scored = match scores.last() {
            Some(&least) if scores.len() > by_score => least,
            _ => i64::MIN,
        };
        let floor = sampled[by_bound].0.min(scored);
        let reaching = |f: i64| sampled.partition_point(|&(bound, ..)| bound >= f) * SAMPLE_STRIDE;
        let needed = (rows * SAMPLED_PAGES).div_ceil(SAMPLE_STRIDE);
        let mut higher: Vec<i64> = sampled
            .iter()
            .map(|&(bound, ..)| bound)
            .take_while(|&bound| bound > floor)
            .chain(scores.iter().copied().filter(|&score| score > floor))
            .filter(|&f| f < UNBOUNDED && scores.iter().filter(|&&s| s >= f).count() >= needed)
            .collect();
        higher.sort_unstable_by_key(|&f| Reverse(f));
        higher.dedup();
        higher.truncate(HIGHER_FLOORS);
        (floor, reaching(floor), higher)
    }

    /// The true sort keys of the matches among the articles whose bound keys are `bounds`,
    /// scored on every core; `None` when cancelled.
    fn true_keys(&self, bounds: &[u128]) -> Option<Vec<u128>> {
        let article = |&bound: &u128| rank::hit_of(bound).article();
        let (corpus, matchers) = (self.corpus, self.matchers);
        rank::true_keys(corpus, matchers, self.order, bounds, article, self.cancel)
    }
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
    pub(super) fn corpus(seed: u64, n: usize) -> Corpus {
        let mut generator = Generator::new(seed);
        let mut articles: Vec<Article> = Vec::new();
        while articles.len() < n {
            let article = generator.next_article().to_article();
            if articles.len().is_multiple_of(3) {
                articles.push(article.clone());
            }
            articles.push(article);
        }
        crate::search::tests::chunked(&articles, 700)
    }

    /// The bounded first page, when the query has bounds and the bounds spare the work.
    fn bounded_page(corpus: &Corpus, text: &str, rows: usize) -> Option<(Vec<Hit>, usize, bool)> {
        let query = Query::parse(text).unwrap();
        let matchers = scan::matchers(corpus, &query);
        assert!(matchers.iter().all(Matcher::bounded), "{text}");
        let order = Order::NewestFirst;
        best_rows(corpus, &matchers, order, None, &Cancel::new(), rows)
    }

    /// A bitmap over `len` articles marking every third one (0, 3, 6, …).
    pub(super) fn every_third(len: usize) -> Vec<u64> {
        (0..len.div_ceil(64))
            .map(|w| {
                (0..64)
                    .filter(|b| (w * 64 + b) % 3 == 0)
                    .fold(0, |m, b| m | 1 << b)
            })
            .collect()
    }

    pub(super) fn whole(corpus: &Corpus, text: &str) -> Vec<Hit> {
        let query = Query::parse(text).unwrap();
        run(corpus, &query, Order::NewestFirst, None, &Cancel::new()).unwrap()
    }

    #[test]
    fn pinyin_pages_from_bounds_begin_the_whole_ranking() {
        let corpus = corpus(7, 6000);
        let mut spared = 0;
        // Without the titles' initials, then with them (candidates passed over by them).
        for text in [
            "zho", "zhong", "xin", "gaige", "bei", "dat", "jingji", "shi !人", "", "zho", "zhong",
            "xin", "gaige", "bei", "dat", "jingji", "shi !人",
        ] {
            if text.is_empty() {
                corpus.prepare_search();
                continue;
            }
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
        assert!(spared >= 20, "only {spared} of 32 pages came from bounds");
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

    #[test]
    fn no_title_scores_above_its_bound_and_a_floor_too_high_is_found_out() {
        // Generated titles, and some with Latin letters that match directly or meet a
        // need with a letter of their own.
        let latin = [
            "Zho 报道",
            "zh o 新年",
            "Xin 改革",
            "x i n",
            "Ouzhou 欧洲",
            "DAT 日报",
        ];
        let mut articles = Vec::new();
        let mut generator = Generator::new(11);
        for k in 0..6000 {
            let mut article = generator.next_article().to_article();
            if k % 9 == 0 {
                article.title = format!("{} {}", latin[k / 9 % latin.len()], article.title);
            }
            articles.push(article);
        }
        let corpus = crate::search::tests::chunked(&articles, 700);
        let (mut too_high, mut listed_pages) = (0, 0);
        // Without the titles' initials, then with them (candidates sifted by them).
        let texts = [
            "zho", "zhong", "xin", "gaige", "dat", "'zho", "^xin", "'dat", "bao$",
        ];
        for (k, text) in texts.iter().chain(&texts).enumerate() {
            if k == texts.len() {
                corpus.prepare_search();
            }
            let query = Query::parse(text).unwrap();
            let matchers = scan::matchers(&corpus, &query);
            let whole = whole(&corpus, text);
            let mut scratch = Scratch::default();
            let mut each = Vec::new();
            for (chunk, m) in corpus.chunks().iter().zip(&matchers) {
                for i in 0..chunk.len() {
                    // No title scores above its bound.
                    let bound = m.bound(i, &mut scratch);
                    let score = m.score(i, &mut scratch);
                    assert!(score <= bound, "{text} on {i}: {score:?} above {bound:?}");
                    each.push(bound);
                }
            }
            let mut bounds: Vec<i64> = each.iter().flatten().copied().collect();
            bounds.sort_unstable();
            bounds.dedup();
            for rows in [1, 20] {
                for &floor in bounds.iter().chain([&i64::MIN]) {
                    let cancel = Cancel::new();
                    let search = Search {
                        corpus: &corpus,
                        matchers: &matchers,
                        order: Order::NewestFirst,
                        within: None,
                        cancel: &cancel,
                    };
                    // Every candidate, then those the title lists leave for the floor.
                    let chars = listed::ListedChars::of(&corpus).expect("listed");
                    let listed = listed::Listed::new(&corpus, &matchers, &chars, floor, 1 << 40);
                    let marks = listed.as_ref().map(|listed| listed.marks(&corpus, None));
                    if let Some((listed, marks)) = listed.as_ref().zip(marks.as_ref()) {
                        // Every title whose bound reaches the floor is marked; within
                        // others' marks, only those marked there too.
                        let marked = |g: usize| marks[g / 64] >> (g % 64) & 1 == 1;
                        for (g, _) in each.iter().enumerate().filter(|(_, b)| **b >= Some(floor)) {
                            assert!(marked(g), "{text} at {floor}: {g} left out");
                        }
                        let thirds = scan::bitmap(
                            &(0..corpus.len()).step_by(3).collect::<Vec<_>>(),
                            |&g| g,
                            corpus.len(),
                        );
                        let both: Vec<u64> =
                            marks.iter().zip(&thirds).map(|(m, t)| m & t).collect();
                        assert_eq!(
                            listed.marks(&corpus, Some(&thirds)),
                            both,
                            "{text} at {floor}"
                        );
                    }
                    let narrowed = marks.as_deref().map(|marks| Search {
                        within: Some(marks),
                        ..search
                    });
                    listed_pages += usize::from(narrowed.is_some());
                    let outcomes = [
                        search.above(rows, floor, false),
                        narrowed.and_then(|narrowed| narrowed.above(rows, floor, true)),
                    ];
                    for outcome in outcomes.into_iter().flatten() {
                        match outcome {
                            Outcome::FloorTooHigh => too_high += 1,
                            Outcome::Page(Some((hits, _, _))) => {
                                assert_eq!(
                                    hits,
                                    whole[..rows.min(whole.len())],
                                    "{text} above {floor}"
                                );
                            }
                            Outcome::Page(None) => {}
                        }
                    }
                }
            }
        }
        assert!(too_high > 10, "{too_high}");
        assert!(listed_pages > 10, "{listed_pages}");
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
