//! The candidates of a bounded search sifted by their titles' initials before any char is
//! read: a bitmap of those whose bound from the initials reaches a floor
//! ([`crate::query::InitialsSieve`]), made chunk by chunk on every core walking the set
//! bits of the candidates, as the searches that follow walk it.
//!
//! Asking the matcher of each candidate in turn ([`Matcher::initials_bound`]) cost ~13 ns a
//! candidate on two cores: at ten million titles, 33–60 ms of a third letter's 3 million.
//! Most of that was finding the term in the plan and its tables at every title.

use rayon::prelude::*;

use crate::query::Matcher;

use super::Search;

/// The candidates whose initials let their bound reach a floor.
pub(super) struct Sifted {
    /// A bitmap over global numbers.
    pub(super) marks: Vec<u64>,
    /// How many others may match but were passed over, bounded below the floor.
    pub(super) passed_over: usize,
}

/// The candidates of `search` whose bound from their titles' initials is `floor` or more;
/// `Some(None)` when some chunk's query has no sieve (more than one ranking term, or the
/// initials not made), `None` when cancelled. Without `search.within`, a candidate is an
/// article the query may match ([`Matcher::may_match`]), as [`super::scan::each_block`]
/// takes them.
pub(super) fn sift(search: &Search, floor: i64) -> Option<Option<Sifted>> {
    let Some(sieves) = search
        .matchers
        .iter()
        .map(Matcher::initials_sieve)
        .collect::<Option<Vec<_>>>()
    else {
        return Some(None);
    };
    let chunks = search.corpus.chunks();
    let parts: Vec<(usize, Vec<u64>, usize)> = chunks
        .par_iter()
        .zip(&sieves)
        .zip(search.matchers)
        .map(|((chunk, sieve), matcher)| {
            let (first, end) = (chunk.first, chunk.first + chunk.len());
            if first == end || search.cancel.is_cancelled() {
                return (0, Vec::new(), 0);
            }
            let (w0, w1) = (first / 64, end.div_ceil(64));
            let narrowed = search.within.is_none() && matcher.candidate_count().is_some();
            let mut words = vec![0u64; w1 - w0];
            let mut passed_over = 0;
            for (w, out) in (w0..w1).zip(&mut words) {
                let low = if w == w0 { !0 << (first % 64) } else { !0 };
                let high = match end - w * 64 {
                    n @ ..64 => !0 >> (64 - n),
                    _ => !0,
                };
                let mut bits = search.within.map_or(!0, |marks| marks[w]) & low & high;
                while bits != 0 {
                    let bit = bits.trailing_zeros();
                    bits &= bits - 1;
                    let local = w * 64 + bit as usize - first;
                    if narrowed && !matcher.may_match(local) {
                        continue;
                    }
                    match sieve.bound(local) {
                        Some(bound) if bound >= floor => *out |= 1 << bit,
                        Some(_) => passed_over += 1,
                        None => {}
                    }
                }
            }
            (w0, words, passed_over)
        })
        .collect();
    if search.cancel.is_cancelled() {
        return None;
    }
    let mut marks = vec![0u64; search.corpus.len().div_ceil(64)];
    let mut passed_over = 0;
    for (w0, words, passed) in parts {
        passed_over += passed;
        for (mark, word) in marks[w0..].iter_mut().zip(words) {
            *mark |= word;
        }
    }
    Some(Some(Sifted { marks, passed_over }))
}
