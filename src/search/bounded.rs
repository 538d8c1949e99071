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
mod tests;
