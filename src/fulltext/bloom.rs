//! Bloom filters of the rare pairs and the trigrams of a chunk's big articles, so that a
//! term's candidates leave out the big articles that cannot hold it.
//!
//! A rare pair has no list of its own: its articles join a hashed bucket with those of about
//! 24 other rare pairs (`super::GRAMS_PER_BUCKET`). An article with tens of thousands of
//! distinct grams is in a good share of all buckets, so it is a candidate of most rare terms;
//! and it holds every common pair, so it is a candidate of most terms of three chars or more.
//! A candidate that does not hold the term is read whole to say so. The 1M archive of
//! `juan gen` has 114 bodies over 100 KB (up to 8 MB): `body:台湾` read 55 MB for its 14 hits,
//! 54 MB of it those bodies, and `body:北京大学` 61 MB for 101.
//!
//! So each article with at least [`BLOOM_FROM`] distinct grams gets a filter of its rare pairs
//! and its trigrams, [`BITS_PER_GRAM`] bits each, and a term's candidates drop the big articles
//! whose filter lacks one of its rare pairs or trigrams (`台湾`: 0.2 MB read, `北京大学`: 3 MB).
//! A filter has no false negatives, so the candidates still hold every article that holds the
//! term. At 1M they cost 23 MB, 1.6 % of the body text.

use crate::column::Column;
use crate::column::codec::{Decoder, Encoder};

/// Articles with at least this many distinct grams (chars and pairs) get a filter.
pub(super) const BLOOM_FROM: usize = 32 << 10;

/// Bits of an article's filter per rare gram it holds.
const BITS_PER_GRAM: usize = 8;

/// Bits set per gram: with 8 bits a gram, a gram an article lacks passes its filter about
/// one time in 30.
const PROBES: u32 = 3;

/// The filters of one chunk's big articles.
#[derive(Debug, Clone, Default)]
pub(super) struct Filters {
    /// The big articles' local numbers, ascending.
    docs: Column<u32>,
    /// Where each one's filter starts in `words`; one more entry than `docs`.
    starts: Column<u32>,
    /// The filters' bits, one after another.
    words: Column<u64>,
}

/// A gram key's bits, well mixed (MurmurHash3's finaliser): three 21-bit pieces of it place
/// the gram in a filter.
fn mix(k: u64) -> u64 {
    let mut h = k ^ (k >> 33);
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// The bits gram `k` sets in a filter of `bits` bits.
fn places(k: u64, bits: u64) -> impl Iterator<Item = u64> {
    let h = mix(k);
    (0..PROBES).map(move |i| (((h >> (21 * i)) & 0x1F_FFFF) * bits) >> 21)
}

impl Filters {
    /// The filters of the big articles `docs` (ascending), given every (rare gram, place of
    /// its article in `docs`) pair.
    pub(super) fn build(docs: Vec<u32>, pairs: &[(u64, u32)]) -> Option<Filters> {
        let mut grams = vec![0usize; docs.len()];
        for &(_, at) in pairs {
            grams[at as usize] += 1;
        }
        let mut starts = Vec::with_capacity(docs.len() + 1);
        let mut total = 0usize;
        for &n in &grams {
            starts.push(u32::try_from(total).ok()?);
            total += (n * BITS_PER_GRAM).div_ceil(64).max(1);
        }
        starts.push(u32::try_from(total).ok()?);
        let mut words = vec![0u64; total];
        for &(k, at) in pairs {
            let (from, to) = (
                starts[at as usize] as usize,
                starts[at as usize + 1] as usize,
            );
            let filter = &mut words[from..to];
            for bit in places(k, filter.len() as u64 * 64) {
                filter[(bit / 64) as usize] |= 1 << (bit % 64);
            }
        }
        Some(Filters {
            docs: docs.into(),
            starts: starts.into(),
            words: words.into(),
        })
    }

    /// Clears in `acc` (a bitmap over the chunk) each big article whose filter lacks one of
    /// the rare grams `keys`. Filters whose bytes point outside the words are left out: they
    /// clear nothing.
    pub(super) fn sift(&self, keys: &[u64], acc: &mut [u64]) {
        if keys.is_empty() {
            return;
        }
        for (j, &doc) in self.docs.iter().enumerate() {
            let (word, bit) = (doc as usize / 64, doc % 64);
            if acc.get(word).is_none_or(|w| w >> bit & 1 == 0) {
                continue;
            }
            let filter = match (self.starts.get(j), self.starts.get(j + 1)) {
                (Some(&from), Some(&to)) => self.words.get(from as usize..to as usize),
                _ => None,
            };
            let Some(filter) = filter.filter(|f| !f.is_empty()) else {
                continue;
            };
            let bits = filter.len() as u64 * 64;
            let lacks =
                |k: u64| places(k, bits).any(|b| filter[(b / 64) as usize] >> (b % 64) & 1 == 0);
            if keys.iter().any(|&k| lacks(k)) {
                acc[word] &= !(1 << bit);
            }
        }
    }

    /// Bytes the filters take.
    pub(super) fn byte_len(&self) -> usize {
        self.docs.byte_len() + self.starts.byte_len() + self.words.byte_len()
    }

    /// Appends the filters to `e`.
    pub(super) fn encode(&self, e: &mut Encoder) {
        e.column(&self.docs);
        e.column(&self.starts);
        e.column(&self.words);
    }

    /// Reads filters written by [`Filters::encode`]; `None` when their lengths do not agree
    /// (each filter's bounds are checked as it is read).
    pub(super) fn decode(d: &mut Decoder) -> Option<Filters> {
        let docs: Column<u32> = d.column()?;
        let starts: Column<u32> = d.column()?;
        let words: Column<u64> = d.column()?;
        let sound = starts.len() == docs.len() + 1
            && starts.last().is_some_and(|&s| s as usize == words.len());
        sound.then_some(Filters {
            docs,
            starts,
            words,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_holds_its_grams_and_lacks_most_others() {
        let keys: Vec<u64> = (0..5000u64).map(|i| (i * 7919) << 21 | i).collect();
        let pairs: Vec<(u64, u32)> = keys.iter().map(|&k| (k, 0)).collect();
        let filters = Filters::build(vec![3], &pairs).unwrap();
        let kept = |k: u64| {
            let mut acc = vec![0b1000u64];
            filters.sift(&[k], &mut acc);
            acc[0] == 0b1000
        };
        assert!(keys.iter().all(|&k| kept(k)), "no false negative");
        let passed = (1..5000u64).filter(|&i| kept(i << 21)).count();
        assert!(passed < 5000 / 15, "{passed} of 5000 absent grams passed");
        // Articles without a filter, and bits not set, are left as they are.
        let mut acc = vec![0b0110u64];
        filters.sift(&[1 << 21], &mut acc);
        assert_eq!(acc, [0b0110]);
    }
}
