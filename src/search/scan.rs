//! The parallel scan: every chunk cut into blocks, each block matched on a rayon thread in
//! load order (sequential memory), giving the sort keys of the hits. When searching within
//! earlier hits, those are marked in a bitmap over global numbers (cheaper than sorting them)
//! and a block tests its marked articles only. The same walk gives score bounds instead of
//! scores for `bounded.rs`.

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::query::{Matcher, Order, Query, Scratch};

use super::{Cancel, rank};

/// Articles per block: small enough to balance two cores and notice a cancel within a
/// millisecond or so, large enough to keep scheduling cheap.
const BLOCK: usize = 4096;

/// `query` compiled for each chunk of `corpus`, in chunk order.
///
/// Made on every core: a chunk's matcher for a title or source term reads the chunk's search
/// aids, which a load from the cache leaves to their first use (hashed and checked here).
pub(super) fn matchers<'a>(corpus: &'a Corpus, query: &'a Query) -> Vec<Matcher<'a>> {
    corpus
        .chunks()
        .par_iter()
        .map(|c| Matcher::new(&**c, &c.index, query, c.first))
        .collect()
}

/// The sort keys ([`rank::key`]) of the candidates (every article, or those marked in
/// `within`, a bitmap over global numbers, [`bitmap`]) to which `score(matcher, local,
/// scratch)` gives a score, with its chunk's matcher: [`Matcher::score`] for the hits, or
/// [`Matcher::bound`] for keys that sort no later than the hits' own. Unsorted; `None` when
/// cancelled.
pub(super) fn keys(
    corpus: &Corpus,
    matchers: &[Matcher],
    order: Order,
    within: Option<&[u64]>,
    cancel: &Cancel,
    score: impl Fn(&Matcher, usize, &mut Scratch) -> Option<i64> + Sync,
) -> Option<Vec<u128>> {
    let chunks = corpus.chunks();
    let parts = each_candidate(corpus, matchers, within, cancel, |k, local, scratch| {
        let chunk = &chunks[k];
        let score = score(&matchers[k], local, scratch)?;
        Some(rank::key(score, &chunk.index, chunk.first, local, order))
    })?;
    Some(parts.concat())
}

/// A bitmap over global numbers marking every article that `matchers` (one per chunk)
/// match, among those marked in `within` when given; `None` when cancelled.
pub(super) fn matching_marks(
    corpus: &Corpus,
    matchers: &[Matcher],
    within: Option<&[u64]>,
    cancel: &Cancel,
) -> Option<Vec<u64>> {
    let parts = matching(corpus, matchers, within, cancel)?;
    let mut marks = vec![0u64; corpus.len().div_ceil(64)];
    for g in parts.into_iter().flatten() {
        marks[g as usize / 64] |= 1 << (g % 64);
    }
    Some(marks)
}

/// How many articles of `corpus` its `matchers` (one per chunk) may match: the body index's
/// candidates where it narrows a chunk, else every article of the chunk.
pub(super) fn candidate_total(corpus: &Corpus, matchers: &[Matcher]) -> usize {
    matchers
        .iter()
        .zip(corpus.chunks())
        .map(|(m, c)| m.candidate_count().unwrap_or(c.len()))
        .sum()
}

/// The global numbers of every article that `matchers` (one per chunk) match, among those
/// marked in `within` when given, in load order block by block; `None` when cancelled.
pub(super) fn matching(
    corpus: &Corpus,
    matchers: &[Matcher],
    within: Option<&[u64]>,
    cancel: &Cancel,
) -> Option<Vec<Vec<u32>>> {
    let chunks = corpus.chunks();
    each_candidate(corpus, matchers, within, cancel, |k, local, scratch| {
        matchers[k]
            .matches(local, scratch)
            .then(|| (chunks[k].first + local) as u32)
    })
}

/// Visits every candidate (every article, or those marked in `within`, skipping those the
/// body index rules out) block by block on rayon threads in load order, and keeps what
/// `visit(chunk, local, scratch)` gives, per block; `None` when cancelled.
fn each_candidate<T: Send>(
    corpus: &Corpus,
    matchers: &[Matcher],
    within: Option<&[u64]>,
    cancel: &Cancel,
    visit: impl Fn(usize, usize, &mut Scratch) -> Option<T> + Sync,
) -> Option<Vec<Vec<T>>> {
    each_block(
        corpus,
        matchers,
        within,
        cancel,
        Vec::new,
        |out, k, local, scratch| {
            if let Some(kept) = visit(k, local, scratch) {
                out.push(kept);
            }
        },
    )
}

/// Visits every candidate as [`each_candidate`] does, folding each block's into a value of
/// its own (`start()`, then `visit(&mut value, chunk, local, scratch)` per candidate); the
/// values in load order, `None` when cancelled.
pub(super) fn each_block<A: Send>(
    corpus: &Corpus,
    matchers: &[Matcher],
    within: Option<&[u64]>,
    cancel: &Cancel,
    start: impl Fn() -> A + Sync,
    visit: impl Fn(&mut A, usize, usize, &mut Scratch) + Sync,
) -> Option<Vec<A>> {
    let chunks = corpus.chunks();
    let blocks: Vec<(usize, usize)> = chunks
        .iter()
        .enumerate()
        .flat_map(|(k, c)| (0..c.len()).step_by(BLOCK).map(move |s| (k, s)))
        .collect();
    let parts: Vec<A> = blocks
        .par_iter()
        .map_init(Scratch::default, |scratch, &(k, first)| {
            let mut value = start();
            if cancel.is_cancelled() {
                return value;
            }
            let (chunk, matcher) = (&chunks[k], &matchers[k]);
            let end = (first + BLOCK).min(chunk.len());
            if let Some(marks) = within {
                // The marked articles, a few at a time: when each is bounded, what the bound
                // reads of their titles is loaded for all of them first, so that their
                // cache misses (scattered titles, five columns each) overlap.
                let warm = matcher.bounded() && matcher.sole_bound().is_some();
                let mut few = [0usize; WARMED];
                let mut local = first;
                loop {
                    let mut n = 0;
                    while n < WARMED
                        && let Some(next) = next_marked(marks, chunk.first, local, end)
                    {
                        few[n] = next;
                        n += 1;
                        local = next + 1;
                    }
                    if n == 0 {
                        return value;
                    }
                    if warm {
                        let touched = few[..n]
                            .iter()
                            .fold(0, |acc, &l| acc ^ matcher.touch_title(l));
                        std::hint::black_box(touched);
                    }
                    for &l in &few[..n] {
                        visit(&mut value, k, l, scratch);
                    }
                }
            }
            let mut local = first;
            while local < end {
                if let Some(next) = matcher.next_candidate(local) {
                    // The body index lists the articles that may match: skip to the next.
                    match next {
                        Some(next) if next < end => {
                            if next > local {
                                local = next;
                                continue;
                            }
                        }
                        _ => break,
                    }
                }
                visit(&mut value, k, local, scratch);
                local += 1;
            }
            value
        })
        .collect();
    (!cancel.is_cancelled()).then_some(parts)
}

/// Marked candidates taken at a time by [`each_block`], their titles loaded together.
const WARMED: usize = 16;

/// The first article at `local` or after it, before `end`, marked in `marks` (a bitmap over
/// global numbers; the chunk's first is `first`).
fn next_marked(marks: &[u64], first: usize, mut local: usize, end: usize) -> Option<usize> {
    while local < end {
        let global = first + local;
        let rest = marks[global / 64] >> (global % 64);
        if rest & 1 == 1 {
            return Some(local);
        }
        local += if rest == 0 {
            64 - global % 64
        } else {
            rest.trailing_zeros() as usize
        };
    }
    None
}

/// Items per part of [`bitmap`]: below this, one core marks them all.
const BITMAP_PART: usize = 1 << 18;

/// A bitmap over `len` global numbers with those that `number` gives of `items` set. Each
/// core marks a part of them in a bitmap of its own, and the bitmaps are joined: the
/// previous answer of a short term holds millions of hits (7.4 million for `zh` at ten
/// million titles, 15 ms on one core).
pub(super) fn bitmap<T: Sync>(
    items: &[T],
    number: impl Fn(&T) -> usize + Sync,
    len: usize,
) -> Vec<u64> {
    let words = len.div_ceil(64);
    let mark = |part: &[T]| {
        let mut marks = vec![0u64; words];
        for g in part.iter().map(&number).filter(|&g| g < len) {
            marks[g / 64] |= 1 << (g % 64);
        }
        marks
    };
    let cores = rayon::current_num_threads();
    if items.len() < BITMAP_PART || cores == 1 {
        return mark(items);
    }
    let mut parts: Vec<Vec<u64>> = items
        .par_chunks(items.len().div_ceil(cores))
        .map(mark)
        .collect();
    let mut marks = parts.pop().unwrap_or_else(|| vec![0; words]);
    for part in parts {
        marks.par_iter_mut().zip(part).for_each(|(m, p)| *m |= p);
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each marked article of a chunk that does not begin on a word, in order, across words
    /// empty and full, up to the block's end and no further: as walking every bit finds them.
    #[test]
    fn the_next_marked_is_every_marked_in_order() {
        let numbers = [3usize, 63, 64, 65, 200, 255, 256, 300];
        let marks = bitmap(&numbers, |&g| g, 320);
        for first in [0, 3, 60] {
            for end in [0, 5, 250, 320 - first] {
                let (mut found, mut local) = (Vec::new(), 0);
                while let Some(next) = next_marked(&marks, first, local, end) {
                    found.push(first + next);
                    local = next + 1;
                }
                let want: Vec<usize> = numbers
                    .iter()
                    .copied()
                    .filter(|&g| g >= first && g < first + end)
                    .collect();
                assert_eq!(found, want, "from {first}, {end} articles");
            }
        }
    }

    #[test]
    fn bitmaps_mark_numbers_in_range() {
        let marks = bitmap(&[0, 65, 64, 200, 129], |&g| g, 130);
        assert_eq!(marks, [1, 0b11, 0b10]);
        assert!(bitmap(&[], |&g: &usize| g, 0).is_empty());
        // Many, marked in parts on every core, then joined.
        let many: Vec<usize> = (0..3 * BITMAP_PART).map(|k| k * 7 % 1_000_003).collect();
        let joined = bitmap(&many, |&g| g, 1_000_000);
        let mut one = vec![0u64; 1_000_000usize.div_ceil(64)];
        for &g in many.iter().filter(|&&g| g < 1_000_000) {
            one[g / 64] |= 1 << (g % 64);
        }
        assert_eq!(joined, one);
    }
}
