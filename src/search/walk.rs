//! The kept date order walked among a search's candidates, a batch at a time, for the
//! newest that reach a score ([`top`](super::top), [`bounded`](super::bounded)'s level):
//! among equal scores the ranking goes by date, so the first met are the page.
//!
//! The walk meets candidates in date order, which is no order in memory: each one's
//! initials, then its chars, are a cache miss or several. Asked one by one, `zho`'s walk at
//! ten million titles spent 450 ns a candidate on its initials alone (44,000 of them, 20
//! ms). So a batch's candidates are gathered first; what their bound from the initials reads
//! is loaded for all of them together, then what their bound reads of the survivors'
//! chars, so the misses of a batch overlap; then each is tested in turn.

use std::sync::Arc;

use crate::corpus::{Chunk, Corpus};
use crate::query::{InitialsSieve, Matcher, Order, Scratch};

use super::date_order;

/// Candidates gathered into one batch: enough misses to overlap, few enough to stay in the
/// first-level cache.
const BATCH: usize = 32;

/// A candidate met: its global number, its chunk and its number in the chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Met {
    /// Its global number.
    pub(super) global: usize,
    /// Its chunk's place in the corpus.
    pub(super) chunk: usize,
    /// Its number in the chunk.
    pub(super) local: usize,
}

/// A walk down the kept date order among the candidates (every article, or those marked in
/// a bitmap).
pub(super) struct Walk<'a> {
    /// Global numbers in date order.
    numbers: Arc<Vec<u32>>,
    /// How far the walk has gone in `numbers`.
    at: usize,
    /// The corpus's chunks, to find a candidate's.
    chunks: &'a [Arc<Chunk>],
    /// The query compiled for each chunk.
    matchers: &'a [Matcher<'a>],
    /// Each chunk's bound from the initials held for the walk, when every chunk has one.
    sieves: Option<Vec<InitialsSieve<'a>>>,
    /// The candidates, a bitmap over global numbers; `None`: every article.
    within: Option<&'a [u64]>,
    /// The candidates met so far.
    met: usize,
    /// The walk ends once it has met this many candidates.
    most_met: usize,
    /// The walk ends once it has gone this far down the date order.
    most_steps: usize,
    /// The batch handed out last.
    batch: Vec<Met>,
}

impl<'a> Walk<'a> {
    /// A walk of the date order in `order` among the candidates of `matchers` marked in
    /// `within` (every article when `None`), ending after `most_steps` articles of the order
    /// or `most_met` candidates, whichever comes first; `None` when the date order is not
    /// kept (merging it costs more than the walk saves).
    pub(super) fn new(
        corpus: &'a Corpus,
        matchers: &'a [Matcher<'a>],
        order: Order,
        within: Option<&'a [u64]>,
        (most_steps, most_met): (usize, usize),
    ) -> Option<Walk<'a>> {
        if !date_order::is_kept(corpus, order) {
            return None;
        }
        Some(Walk {
            numbers: date_order::merged(corpus, order),
            at: 0,
            chunks: corpus.chunks(),
            matchers,
            sieves: matchers.iter().map(Matcher::initials_sieve).collect(),
            within,
            met: 0,
            most_met,
            most_steps,
            batch: Vec::with_capacity(BATCH),
        })
    }

    /// The next batch of candidates in date order (up to [`BATCH`] of them), less those
    /// whose bound is below `level` when one is given; `None` once the walk is over. A
    /// batch may be empty: none reached the level.
    pub(super) fn next_batch(
        &mut self,
        level: Option<i64>,
        scratch: &mut Scratch,
    ) -> Option<&[Met]> {
        self.batch.clear();
        let end = self.numbers.len().min(self.most_steps);
        while self.batch.len() < BATCH && self.met < self.most_met && self.at < end {
            // The candidates among the next 64 of the order, as bits: their marks are read
            // with no branch between them, so the reads overlap.
            let window = &self.numbers[self.at..end.min(self.at + 64)];
            let mut among = match self.within {
                None => u64::MAX >> (64 - window.len()),
                Some(marks) => window.iter().enumerate().fold(0, |bits, (j, &g)| {
                    let g = g as usize;
                    bits | (marks[g / 64] >> (g % 64) & 1) << j
                }),
            };
            let mut taken = window.len();
            while among != 0 {
                if self.batch.len() == BATCH || self.met == self.most_met {
                    // The rest of the window is met by the next batch.
                    taken = among.trailing_zeros() as usize;
                    break;
                }
                let j = among.trailing_zeros() as usize;
                among &= among - 1;
                let global = window[j] as usize;
                let chunk = self.chunks.partition_point(|c| c.first <= global) - 1;
                self.batch.push(Met {
                    global,
                    chunk,
                    local: global - self.chunks[chunk].first,
                });
                self.met += 1;
            }
            self.at += taken;
        }
        if self.batch.is_empty() {
            return None;
        }
        if let Some(level) = level {
            self.keep_reaching(level, scratch);
        }
        Some(&self.batch)
    }

    /// Keeps the batch's candidates whose bound reaches `level`: by their initials, loaded
    /// for the whole batch first, then by their chars, loaded for the survivors first.
    fn keep_reaching(&mut self, level: i64, scratch: &mut Scratch) {
        let matchers = self.matchers;
        match &self.sieves {
            Some(sieves) => {
                let touched = self
                    .batch
                    .iter()
                    .fold(0, |acc, m| acc ^ sieves[m.chunk].touch(m.local));
                std::hint::black_box(touched);
                self.batch
                    .retain(|m| sieves[m.chunk].bound(m.local).is_some_and(|b| b >= level));
            }
            None => self.batch.retain(|m| {
                matchers[m.chunk]
                    .initials_bound(m.local)
                    .is_some_and(|b| b >= level)
            }),
        }
        let touched = self
            .batch
            .iter()
            .fold(0, |acc, m| acc ^ matchers[m.chunk].touch_title(m.local));
        std::hint::black_box(touched);
        self.batch.retain(|m| {
            matchers[m.chunk]
                .bound(m.local, scratch)
                .is_some_and(|b| b >= level)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::query::Query;
    use crate::search::{Cancel, run, scan};
    use crate::synthetic::Generator;

    /// Every batch in turn is the date order filtered to the candidates, less those whose
    /// bound is below the level when one is given, cut at the limits: against a plain walk
    /// of the order, over every article and every third, with and without the initials.
    #[test]
    fn batches_are_the_candidates_in_date_order_that_reach_the_level() {
        let mut generator = Generator::new(4);
        let articles: Vec<Article> = (0..3000)
            .map(|_| generator.next_article().to_article())
            .collect();
        let corpus = crate::search::tests::chunked(&articles, 700);
        let order = Order::NewestFirst;
        run(&corpus, &Query::default(), order, None, &Cancel::new());
        let numbers = date_order::merged(&corpus, order);
        let thirds = scan::bitmap(
            &(0..corpus.len()).step_by(3).collect::<Vec<_>>(),
            |&g| g,
            corpus.len(),
        );
        let query = Query::parse("zho").unwrap();
        let matchers = scan::matchers(&corpus, &query);
        let chunks = corpus.chunks();
        let mut scratch = Scratch::default();
        let mut bound = |g: usize| {
            let k = chunks.partition_point(|c| c.first <= g) - 1;
            matchers[k].bound(g - chunks[k].first, &mut scratch)
        };
        for prepared in [false, true] {
            if prepared {
                corpus.prepare_search();
            }
            for within in [None, Some(&thirds[..])] {
                let among = |g: usize| within.is_none_or(|m| m[g / 64] >> (g % 64) & 1 == 1);
                for (limits, level) in [
                    ((usize::MAX, usize::MAX), None),
                    ((usize::MAX, 700), Some(30)),
                    ((1000, usize::MAX), Some(30)),
                    ((usize::MAX, usize::MAX), Some(34)),
                ] {
                    let (steps, most) = limits;
                    let met: Vec<usize> = numbers
                        .iter()
                        .take(steps)
                        .map(|&g| g as usize)
                        .filter(|&g| among(g))
                        .take(most)
                        .collect();
                    let want: Vec<usize> = met
                        .iter()
                        .copied()
                        .filter(|&g| level.is_none_or(|l| bound(g).is_some_and(|b| b >= l)))
                        .collect();
                    let mut walk = Walk::new(&corpus, &matchers, order, within, limits).unwrap();
                    let mut got = Vec::new();
                    let mut scratch = Scratch::default();
                    while let Some(batch) = walk.next_batch(level, &mut scratch) {
                        assert!(batch.len() <= BATCH);
                        for m in batch {
                            assert_eq!(chunks[m.chunk].first + m.local, m.global);
                            got.push(m.global);
                        }
                    }
                    assert_eq!(got, want, "{within:?} {limits:?} {level:?}");
                    assert_eq!(walk.met, met.len());
                    assert!(want.len() > 10, "{level:?}: {}", want.len());
                }
            }
        }
    }
}
