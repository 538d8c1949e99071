//! The parallel scan: the candidates (every article, or a given list) cut into blocks per
//! chunk, each block matched on a rayon thread in load order (sequential memory), giving the
//! sort keys of the hits.

use std::ops::Range;

use rayon::prelude::*;

use crate::corpus::{Chunk, Corpus};
use crate::query::{Matcher, Order, Query, Scratch};

use super::{Cancel, rank};

/// Candidates per block: small enough to balance two cores and notice a cancel within a
/// millisecond or so, large enough to keep scheduling cheap.
const BLOCK: usize = 4096;

/// Some candidates of one chunk.
enum Block<'a> {
    /// Local article numbers.
    Range(Range<usize>),
    /// Global article numbers, ascending.
    List(&'a [usize]),
}

/// The sort keys ([`rank::key`]) of every candidate that matches, unsorted; `None` when
/// cancelled.
pub fn matching_keys(
    corpus: &Corpus,
    query: &Query,
    order: Order,
    within: Option<&[usize]>,
    cancel: &Cancel,
) -> Option<Vec<u128>> {
    let chunks = corpus.chunks();
    let matchers: Vec<Matcher> = chunks
        .iter()
        .map(|c| Matcher::new(&c.articles, &c.index, query))
        .collect();
    let sorted;
    let blocks: Vec<(usize, Block)> = match within {
        None => chunks
            .iter()
            .enumerate()
            .flat_map(|(k, c)| {
                (0..c.articles.len())
                    .step_by(BLOCK)
                    .map(move |s| (k, Block::Range(s..(s + BLOCK).min(c.articles.len()))))
            })
            .collect(),
        Some(within) => {
            let mut list = within.to_vec();
            list.par_sort_unstable();
            sorted = list;
            list_blocks(chunks, &sorted)
        }
    };
    let parts: Vec<Vec<u128>> = blocks
        .par_iter()
        .map_init(Scratch::default, |scratch, (k, block)| {
            if cancel.is_cancelled() {
                return Vec::new();
            }
            let (chunk, matcher) = (&chunks[*k], &matchers[*k]);
            let mut keys = Vec::new();
            let mut test = |local: usize| {
                if let Some(score) = matcher.score(local, scratch) {
                    keys.push(rank::key(score, &chunk.index, chunk.first, local, order));
                }
            };
            match block {
                Block::Range(r) => r.clone().for_each(&mut test),
                Block::List(globals) => globals.iter().for_each(|g| test(g - chunk.first)),
            }
            keys
        })
        .collect();
    if cancel.is_cancelled() {
        return None;
    }
    Some(parts.concat())
}

/// Cuts ascending global numbers into blocks of one chunk each.
fn list_blocks<'a>(
    chunks: &[std::sync::Arc<Chunk>],
    sorted: &'a [usize],
) -> Vec<(usize, Block<'a>)> {
    let mut blocks = Vec::new();
    let mut rest = sorted;
    for (k, c) in chunks.iter().enumerate() {
        let end = c.first + c.articles.len();
        let skip = rest.partition_point(|&g| g < c.first);
        rest = &rest[skip..];
        let take = rest.partition_point(|&g| g < end);
        for piece in rest[..take].chunks(BLOCK) {
            blocks.push((k, Block::List(piece)));
        }
        rest = &rest[take..];
    }
    blocks
}
