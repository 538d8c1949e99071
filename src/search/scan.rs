//! The parallel scan: every chunk cut into blocks, each block matched on a rayon thread in
//! load order (sequential memory), giving the sort keys of the hits. When searching within
//! earlier hits, those are marked in a bitmap over global numbers (cheaper than sorting them)
//! and a block tests its marked articles only.

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::query::{Matcher, Order, Query, Scratch};

use super::{Cancel, rank};

/// Articles per block: small enough to balance two cores and notice a cancel within a
/// millisecond or so, large enough to keep scheduling cheap.
const BLOCK: usize = 4096;

/// The sort keys ([`rank::key`]) of every candidate that matches, unsorted; `None` when
/// cancelled. Candidates are every article, or those of `within` (global numbers; numbers
/// beyond the corpus are ignored).
pub(super) fn matching_keys(
    corpus: &Corpus,
    query: &Query,
    order: Order,
    within: Option<&[usize]>,
    cancel: &Cancel,
) -> Option<Vec<u128>> {
    let chunks = corpus.chunks();
    let matchers: Vec<Matcher> = chunks
        .iter()
        .map(|c| Matcher::new(&**c, &c.index, query, c.first))
        .collect();
    let marks = within.map(|within| bitmap(within, corpus.len()));
    let blocks: Vec<(usize, usize)> = chunks
        .iter()
        .enumerate()
        .flat_map(|(k, c)| (0..c.len()).step_by(BLOCK).map(move |s| (k, s)))
        .collect();
    let parts: Vec<Vec<u128>> = blocks
        .par_iter()
        .map_init(Scratch::default, |scratch, &(k, start)| {
            if cancel.is_cancelled() {
                return Vec::new();
            }
            let (chunk, matcher) = (&chunks[k], &matchers[k]);
            let end = (start + BLOCK).min(chunk.len());
            let mut keys = Vec::new();
            let mut local = start;
            while local < end {
                if let Some(marks) = &marks {
                    // Jump to the next marked article.
                    let global = chunk.first + local;
                    let rest = marks[global / 64] >> (global % 64);
                    if rest & 1 == 0 {
                        local += if rest == 0 {
                            64 - global % 64
                        } else {
                            rest.trailing_zeros() as usize
                        };
                        continue;
                    }
                }
                if marks.is_none()
                    && let Some(next) = matcher.next_candidate(local)
                {
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
                if let Some(score) = matcher.score(local, scratch) {
                    keys.push(rank::key(score, &chunk.index, chunk.first, local, order));
                }
                local += 1;
            }
            keys
        })
        .collect();
    if cancel.is_cancelled() {
        return None;
    }
    Some(parts.concat())
}

/// A bitmap over `len` global numbers with those of `numbers` set.
fn bitmap(numbers: &[usize], len: usize) -> Vec<u64> {
    let mut marks = vec![0u64; len.div_ceil(64)];
    for &g in numbers.iter().filter(|&&g| g < len) {
        marks[g / 64] |= 1 << (g % 64);
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitmaps_mark_numbers_in_range() {
        let marks = bitmap(&[0, 65, 64, 200, 129], 130);
        assert_eq!(marks, [1, 0b11, 0b10]);
        assert!(bitmap(&[], 0).is_empty());
    }
}
