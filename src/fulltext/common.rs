//! Which trigrams of a chunk get lists of their own: the commonest, as many as fit in a
//! share of the chunk's body bytes ([`Sampling`]), found in a sample of its bodies before the
//! build reads them all.
//!
//! A term of three chars or more is otherwise answered by its pairs' lists, and every
//! article holding all its pairs is a candidate whose body is read. For a common term that
//! is most of the work: `人民币` at a million articles had 42,700 candidates, 264 MB of bodies
//! read for 38,900 hits. A common trigram's own list answers a term of three chars exactly
//! and narrows a longer one's candidates to few. Rare trigrams need no list: their pairs'
//! lists are short, and big articles' filters ([`super::bloom`]) hold them.
//!
//! In the build, a chosen trigram is a gram like a pair, under a key of its own that no char
//! or pair has ([`is_chosen`]): its (gram, article) pairs sort with the others, and its list
//! is laid out under its trigram key ([`super::trigram_key`]), in the order of those.

use crate::query::fold_into;

/// How the common trigrams are chosen: [`Sampling::default`] for an index, others in tests.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sampling {
    /// One body in this many is sampled.
    pub(crate) stride: usize,
    /// A trigram is a candidate when at least this many sampled bodies hold it (about
    /// `stride` times as many of the chunk's): rarer ones' pairs already narrow well.
    pub(crate) least: usize,
    /// The common trigrams' lists may take up to this share of the chunk's body bytes (the
    /// index as a whole stays below 0.6 of them: 0.48 before these lists at a million
    /// articles of `juan gen`).
    pub(crate) share: f64,
}

impl Default for Sampling {
    fn default() -> Sampling {
        Sampling {
            stride: 32,
            least: 2,
            share: 0.03,
        }
    }
}

/// The most trigrams chosen (their slots are then below 2^20, and fit a build key).
const MOST: usize = 1 << 19;
/// The sieve's bits: 2^19, 64 KiB.
const SIEVE_BITS: u32 = 19;
const SIEVE_WORDS: usize = 1 << (SIEVE_BITS - 6);

/// The first char of every chosen trigram's build key, were it a pair's: U+D800, a
/// surrogate, which no `char` is, so no char or pair has such a key. Its bits are among those
/// Chinese chars' keys use (a key above them all, as 2^42 was, cost the build's sort a
/// pass over every pair, a tenth of the build).
pub(super) const CHOSEN: u64 = 0xD800;

/// True when `k` is a chosen trigram's build key ([`Common::build_key`]).
pub(super) fn is_chosen(k: u64) -> bool {
    k >> 21 == CHOSEN
}

/// The trigrams chosen for a chunk: a table of their keys, each one's build key its slot's
/// number, plus one, after [`CHOSEN`] (so never a char's key, whose low 21 bits are 0).
#[derive(Default)]
pub(super) struct Common {
    /// Open addressing of the chosen keys, 0 for an empty slot; at most half full.
    slots: Vec<u64>,
    /// One bit per value of a hash's top 19 bits, set where some chosen key hashes: most
    /// trigrams that are not chosen are turned away here, in 64 KiB, without a look at
    /// `slots`.
    sieve: Vec<u64>,
}

impl Common {
    /// Chooses the common trigrams of a chunk of `len` articles whose bodies `body` gives, as
    /// `sampling` says; `None` when `body` gives up. `folded` and `scratch` are buffers to
    /// reuse.
    pub(super) fn choose(
        sampling: Sampling,
        len: usize,
        body: &impl Fn(usize) -> Option<String>,
        folded: &mut String,
        scratch: &mut Vec<u64>,
    ) -> Option<Common> {
        let mut sampled = Vec::new();
        let (mut bodies, mut bytes) = (0usize, 0usize);
        for doc in (0..len).step_by(sampling.stride.max(1)) {
            let text = body(doc)?;
            bodies += 1;
            bytes += text.len();
            folded.clear();
            fold_into(&text, folded);
            super::build::trigrams(folded, scratch);
            sampled.extend_from_slice(scratch);
        }
        radsort::sort(&mut sampled);
        let mut counted: Vec<(usize, u64)> = sampled
            .chunk_by(|a, b| a == b)
            .filter(|run| run.len() >= sampling.least)
            .map(|run| (run.len(), run[0]))
            .collect();
        counted.sort_unstable_by(|a, b| b.cmp(a));
        let scale = len as f64 / bodies.max(1) as f64;
        let budget = sampling.share * bytes as f64 * scale;
        let mut spent = 0.0;
        let keys = counted.iter().take(MOST).map_while(|&(count, key)| {
            let articles = ((count as f64 * scale) as usize).min(len);
            spent += list_bytes(articles, len) as f64;
            (spent <= budget).then_some(key)
        });
        Some(Common::of(keys.collect()))
    }

    /// The table of `keys` (trigram keys, each once).
    pub(super) fn of(keys: Vec<u64>) -> Common {
        if keys.is_empty() {
            return Common::default();
        }
        let size = (keys.len() * 2).next_power_of_two();
        let mut slots = vec![0u64; size];
        let mut sieve = vec![0u64; SIEVE_WORDS];
        for k in keys {
            let h = super::mix(k);
            sieve[(h >> (64 - SIEVE_BITS)) as usize / 64] |= 1 << (h >> (64 - SIEVE_BITS) & 63);
            let mut at = (h >> 32) as usize & (size - 1);
            while slots[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = k;
        }
        Common { slots, sieve }
    }

    /// The build key of trigram key `k` when it is chosen.
    #[inline]
    pub(super) fn build_key(&self, k: u64) -> Option<u64> {
        let h = super::mix(k);
        let bit = (h >> (64 - SIEVE_BITS)) as usize;
        if self.sieve.get(bit / 64)? >> (bit % 64) & 1 == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = (h >> 32) as usize & mask;
        loop {
            match self.slots[at] {
                key if key == k => return Some(CHOSEN << 21 | (at as u64 + 1)),
                0 => return None,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The trigram key of build key `b`; `None` for any other key.
    pub(super) fn trigram_of(&self, b: u64) -> Option<u64> {
        if !is_chosen(b) {
            return None;
        }
        let at = usize::try_from(b & ((1 << 21) - 1)).ok()?.checked_sub(1)?;
        self.slots.get(at).copied().filter(|&k| k != 0)
    }
}

/// About what the list of a trigram in `articles` of `len` takes, with its key and start
/// (an Elias–Fano list, or a bitmap: `super::postings`).
fn list_bytes(articles: usize, len: usize) -> usize {
    let l = (len / articles.max(1)).max(1).ilog2() as usize;
    (articles * (l + 2)).div_ceil(8).min(len / 8) + 16
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fulltext::trigram_key;

    #[test]
    fn the_commonest_trigrams_are_chosen_and_found_by_key() {
        // 改革开放 in every body, 人民币 in one of three, 联合国 in one only.
        let bodies: Vec<String> = (0..3000)
            .map(|i| {
                let mut b = format!("第{i}篇改革开放");
                if i % 3 == 0 {
                    b.push_str("人民币");
                }
                if i == 7 {
                    b.push_str("联合国");
                }
                b
            })
            .collect();
        let common = Common::choose(
            Sampling {
                share: 0.1,
                ..Sampling::default()
            },
            bodies.len(),
            &|i| Some(bodies[i].clone()),
            &mut String::new(),
            &mut Vec::new(),
        )
        .unwrap();
        let t = |s: &str| {
            let c: Vec<char> = s.chars().collect();
            trigram_key(c[0], c[1], c[2])
        };
        for chosen in ["改革开", "革开放", "人民币", "篇改革"] {
            let b = common.build_key(t(chosen)).expect(chosen);
            assert!(is_chosen(b) && !crate::fulltext::build::is_char(b));
            assert_eq!(common.trigram_of(b), Some(t(chosen)));
        }
        assert_eq!(common.build_key(t("联合国")), None);
        assert_eq!(common.build_key(t("合国人")), None);
        assert_eq!(common.trigram_of(3), None);
        // A body that gives up gives no choice.
        assert!(
            Common::choose(
                Sampling::default(),
                10,
                &|_| None,
                &mut String::new(),
                &mut Vec::new()
            )
            .is_none()
        );
    }

    #[test]
    fn the_lists_chosen_fit_the_share_of_body_bytes() {
        // Every trigram common, more of them than fit: the commonest come first.
        let bodies: Vec<String> = (0..4000)
            .map(|i| {
                (0..40)
                    .map(|k| char::from_u32(0x4E00 + ((i * 7 + k) % 60) as u32).unwrap())
                    .collect()
            })
            .collect();
        let bytes: usize = bodies.iter().map(String::len).sum();
        let common = Common::choose(
            Sampling::default(),
            bodies.len(),
            &|i| Some(bodies[i].clone()),
            &mut String::new(),
            &mut Vec::new(),
        )
        .unwrap();
        assert!(!common.slots.is_empty());
        let chosen = common.slots.iter().filter(|&&k| k != 0).count();
        let spent = chosen * list_bytes(bodies.len() * 37 / 60, bodies.len());
        assert!(
            spent as f64 <= Sampling::default().share * bytes as f64 * 1.2,
            "{spent} of {bytes}"
        );
    }
}
