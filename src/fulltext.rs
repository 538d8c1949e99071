//! The body index: which articles' text holds which chars and char pairs, so that a `body:`
//! or `text:` term reads a few posting lists instead of every body (ARCHITECTURE §3.3).
//!
//! Chinese has no spaces, so words are no unit to index: every char and every pair of
//! adjacent chars of an article's folded body (case, width and 繁简 folded by
//! `query::fold`, paragraph breaks included as `\n`) is a gram. Every char, and every pair in
//! 32 or more of a chunk's articles, has a list of its own; the rare pairs — most grams,
//! holding few postings — share hashed buckets of about 24 grams, so they cost no key each.
//! Each chunk's commonest trigrams have lists of their own too ([`common`]). A term of one
//! char is answered exactly by its char's list, a term of two by its pair's when the pair is
//! common, and a term of three by its trigram's when it has one. A longer term's (or a rare
//! pair's) articles are among those its lists hold, less the big articles whose filter lacks
//! one of its rare pairs or trigrams ([`bloom`]); those candidates are then verified against
//! the text (`query::matcher`).
//! Latin words and digits are chars like any other, so any substring is found, `NASA` inside
//! `NASA's` too.
//!
//! One [`TextIndex`] covers one corpus chunk (at most 65,536 articles). It is built in the
//! background after a load ([`build`]), kept in the cache beside the chunk's columns
//! (`archive::cache`) and read back as views of the mapped file: looking a term up touches
//! only its lists. Nothing outside this module knows how the lists are laid out; the rest of
//! juan asks [`TextIndex::candidates`].
//!
//! | module | job |
//! |---|---|
//! | `build` | grams of a text, the lists of a chunk |
//! | `common` | which trigrams of a chunk get lists of their own: the commonest in a sample |
//! | `postings` | one list: varint gaps, Elias–Fano or a bitmap, decoded with every bound checked |
//! | `radix` | the build's sort of its (gram, article) pairs: by bytes, most significant first down to pieces in cache |
//! | `bloom` | filters of big articles' rare pairs and trigrams, which rare terms' candidates are sifted by |
//! | `verify` | whether a body's raw JSON literal shows a term, before decoding it |

mod bloom;
mod build;
mod common;
mod postings;
mod radix;
mod verify;

pub(crate) use build::Builder;
pub(crate) use verify::Probe;

use crate::column::Column;
use crate::column::codec::{Decoder, Encoder};

/// The format of an encoded index; bumped whenever grams, folding or the list layout change.
pub(crate) const FORMAT: u64 = 5;

/// A pair in fewer articles of a chunk than this is rare: most pairs of a chunk are (one
/// in ten has a list of its own), and a key of its own would cost more than its list. (Every
/// char has a list: there are a few thousand in a chunk.)
const RARE_BELOW: usize = 32;
/// About how many rare grams share a bucket.
const GRAMS_PER_BUCKET: usize = 24;

/// The bucket of rare gram `k` among `buckets`.
fn bucket_of(k: u64, buckets: u64) -> u64 {
    (mix(k) >> 32) % buckets
}

/// A multiplicative (Fibonacci) hash of a gram's key, for the buckets and the build's tables:
/// its high bits mix every bit of the key (its low bits hang on the key's low bits alone, a
/// pair's or trigram's last char), so its users read bits 32 and up.
fn mix(k: u64) -> u64 {
    k.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// A gram's key: a char alone is `c << 21`, a pair `a << 21 | b` (chars are below 2^21, and
/// no folded text holds U+0000, so the two kinds never meet).
fn key(a: char, b: Option<char>) -> u64 {
    (u64::from(a as u32) << 21) | b.map_or(0, |b| u64::from(b as u32))
}

/// A trigram's key for the filters of big articles ([`bloom`]): `a << 42 | b << 21 | c`, at
/// or above 2^42 (no folded text holds U+0000), so it never meets a char's or a pair's key.
fn trigram_key(a: char, b: char, c: char) -> u64 {
    (u64::from(a as u32) << 42) | (u64::from(b as u32) << 21) | u64::from(c as u32)
}

/// Where a chunk's index is kept between runs (the cache, `archive::cache::TextCache`): the
/// archive layer gives a chunk one, so nothing below it touches the file system.
pub(crate) trait Store: Send + Sync + std::fmt::Debug {
    /// The index kept for the chunk, when there is a sound one (its checksum checked when
    /// `verify`: else only its header and lengths, its lists as they are read).
    fn read(&self, verify: bool) -> Option<TextIndex>;
    /// Keeps `index` for the next run; failing only costs a rebuild then.
    fn write(&self, index: &TextIndex);
}

/// The posting lists of one chunk's bodies.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextIndex {
    /// How many articles the chunk holds.
    len: usize,
    /// Keys of the grams with a list of their own (common ones), ascending.
    keys: Column<u64>,
    /// Where each of those lists starts in `lists`; one more entry than `keys` (the end).
    starts: Column<u32>,
    /// Where each bucket's list starts in `lists` (after the common grams' lists), one more
    /// entry than buckets: a bucket holds the articles of the rare grams hashed to it.
    bucket_starts: Column<u32>,
    /// The lists, one after another ([`postings`]).
    lists: Column<u8>,
    /// The filters of the rare grams of big articles ([`bloom`]).
    filters: bloom::Filters,
    /// Body bytes indexed (for the figures the interface and benchmarks show).
    text_bytes: u64,
}

/// An index whose bytes do not read as one (damaged on disk).
#[derive(Debug)]
struct Damaged;

/// The articles of a chunk that may hold a term, as a bitmap over local numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidates {
    bits: Vec<u64>,
    /// True when every candidate holds the term (a term of one or two chars, or of three
    /// whose trigram has a list of its own): no verification needed.
    pub(crate) exact: bool,
}

impl Candidates {
    /// The articles whose bits are set in `bits` (a bitmap over a chunk's local numbers).
    pub(crate) fn from_bits(bits: Vec<u64>, exact: bool) -> Candidates {
        Candidates { bits, exact }
    }

    /// The bitmap: bit `local % 64` of word `local / 64` is set for each candidate.
    pub(crate) fn words(&self) -> &[u64] {
        &self.bits
    }

    /// How many articles may hold the term.
    pub(crate) fn count(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether article `local` may hold the term.
    pub(crate) fn contains(&self, local: usize) -> bool {
        self.bits
            .get(local / 64)
            .is_some_and(|w| w >> (local % 64) & 1 == 1)
    }

    /// The first candidate at `local` or after it.
    pub(crate) fn next_from(&self, local: usize) -> Option<usize> {
        let mut word = local / 64;
        let mut bits = self.bits.get(word)? & (u64::MAX << (local % 64));
        loop {
            if bits != 0 {
                return Some(word * 64 + bits.trailing_zeros() as usize);
            }
            word += 1;
            bits = *self.bits.get(word)?;
        }
    }

    /// Every article of a chunk of `len`, unverified: what a lookup the index cannot answer
    /// gives (the matcher then reads every body).
    fn all(len: usize, exact: bool) -> Candidates {
        let mut bits = vec![u64::MAX; len.div_ceil(64)];
        if !len.is_multiple_of(64)
            && let Some(last) = bits.last_mut()
        {
            *last = (1u64 << (len % 64)) - 1;
        }
        Candidates { bits, exact }
    }
}

impl TextIndex {
    /// How many articles it covers.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Body bytes it indexed.
    pub(crate) fn text_bytes(&self) -> u64 {
        self.text_bytes
    }

    /// Bytes the index takes (or maps).
    pub(crate) fn byte_len(&self) -> usize {
        self.keys.byte_len()
            + self.starts.byte_len()
            + self.bucket_starts.byte_len()
            + self.lists.byte_len()
            + self.filters.byte_len()
    }

    /// The articles whose folded body may hold `needle` (already folded, as query patterns
    /// are): exactly those for a needle of one or two chars (or three, when its trigram has a
    /// list of its own), a superset to verify for longer ones. An empty needle is in every
    /// body.
    pub(crate) fn candidates(&self, needle: &str) -> Candidates {
        let found = self.look_up(needle);
        // A command's index lets its pages go once read (keys, starts and lists are views
        // of one mapped file): its look-ups' pages never pile up in memory.
        self.lists.release_backing_pages();
        found
    }

    /// [`TextIndex::candidates`], its lists left as they are.
    fn look_up(&self, needle: &str) -> Candidates {
        let chars: Vec<char> = needle.chars().collect();
        // The pairs decide; each char's own list (common chars have one) also narrows what a
        // rare pair's bucket holds of other grams' articles.
        let mut keys: Vec<(u64, bool)> = match chars.len() {
            0 => return Candidates::all(self.len, true),
            1 => vec![(key(chars[0], None), true)],
            _ => chars
                .windows(2)
                .map(|w| (key(w[0], Some(w[1])), true))
                .chain(chars.iter().map(|&c| (key(c, None), false)))
                .collect(),
        };
        keys.sort_unstable();
        keys.dedup_by_key(|(k, _)| *k);
        let mut exact = chars.len() <= 2;
        let mut lists = Vec::with_capacity(keys.len());
        // The deciding grams without a list of their own, and the needle's trigrams: big
        // articles' filters sift them.
        let mut sifted: Vec<u64> = chars
            .windows(3)
            .map(|w| trigram_key(w[0], w[1], w[2]))
            .collect();
        for (k, decides) in keys {
            match self.list(k) {
                Ok(Some((list, own))) => {
                    exact &= own || !decides;
                    if own || decides {
                        lists.push(list);
                    }
                    if decides && !own {
                        sifted.push(k);
                    }
                }
                Ok(None) => {
                    return Candidates {
                        bits: vec![0; self.len.div_ceil(64)],
                        exact: true,
                    };
                }
                // Bytes that are no list: answer by reading every body instead.
                Err(Damaged) => return Candidates::all(self.len, false),
            }
        }
        // A common trigram has a list of its own (`common`): each narrows, and a term of three
        // chars whose trigram has one is answered by it exactly. Any other trigram has none.
        for w in chars.windows(3) {
            let Ok(at) = self.keys.binary_search(&trigram_key(w[0], w[1], w[2])) else {
                continue;
            };
            match self.list_at(&self.starts, at) {
                Ok(Some(list)) => {
                    lists.push(list);
                    exact |= chars.len() == 3;
                }
                Ok(None) => {
                    return Candidates {
                        bits: vec![0; self.len.div_ceil(64)],
                        exact: true,
                    };
                }
                Err(Damaged) => return Candidates::all(self.len, false),
            }
        }
        // Rarest first: the bitmap empties soonest, and an empty one ends the work.
        lists.sort_by_cached_key(|l| postings::cost(l));
        let mut acc = Candidates::all(self.len, exact);
        for list in lists {
            if postings::and_into(list, self.len, &mut acc.bits).is_none() {
                // Bytes that are no list: answer by reading every body instead.
                return Candidates::all(self.len, false);
            }
            if acc.bits.iter().all(|&w| w == 0) {
                break;
            }
        }
        self.filters.sift(&sifted, &mut acc.bits);
        acc
    }

    /// The bytes of the list of gram `k` and whether it is the gram's own (else its bucket's,
    /// which holds other rare grams' articles too); `None` when no article holds it;
    /// [`Damaged`] when the tables point outside the lists.
    fn list(&self, k: u64) -> Result<Option<(&[u8], bool)>, Damaged> {
        let (starts, at, own) = match self.keys.binary_search(&k) {
            Ok(at) => (&self.starts, at, true),
            // Every char in the chunk has a list of its own: one without is in no article.
            Err(_) if build::is_char(k) => return Ok(None),
            Err(_) => {
                let buckets = self.bucket_starts.len().checked_sub(1).ok_or(Damaged)? as u64;
                (
                    &self.bucket_starts,
                    bucket_of(k, buckets.max(1)) as usize,
                    false,
                )
            }
        };
        Ok(self.list_at(starts, at)?.map(|list| (list, own)))
    }

    /// The bytes of list `at` of `starts` (the keys' or the buckets'); `None` when empty;
    /// [`Damaged`] when the table points outside the lists.
    fn list_at(&self, starts: &Column<u32>, at: usize) -> Result<Option<&[u8]>, Damaged> {
        let start = *starts.get(at).ok_or(Damaged)? as usize;
        let end = *starts.get(at + 1).ok_or(Damaged)? as usize;
        match self.lists.get(start..end).ok_or(Damaged)? {
            [] => Ok(None),
            list => Ok(Some(list)),
        }
    }

    /// Appends the index to `e`.
    pub(crate) fn encode(&self, e: &mut Encoder) {
        e.u64(FORMAT);
        e.u64(self.len as u64);
        e.u64(self.text_bytes);
        e.column(&self.keys);
        e.column(&self.starts);
        e.column(&self.bucket_starts);
        e.column(&self.lists);
        self.filters.encode(e);
    }

    /// Reads an index written by [`TextIndex::encode`], its columns left as views of `d`'s
    /// bytes; `None` when they are not one (another format, columns of the wrong lengths).
    /// The lists themselves are checked as they are read: damaged bytes make a lookup read
    /// the bodies, never panic or point outside the chunk.
    pub(crate) fn decode(d: &mut Decoder) -> Option<TextIndex> {
        if d.u64()? != FORMAT {
            return None;
        }
        let len = d.count()?;
        let text_bytes = d.u64()?;
        let keys: Column<u64> = d.column()?;
        let starts: Column<u32> = d.column()?;
        let bucket_starts: Column<u32> = d.column()?;
        let lists: Column<u8> = d.column()?;
        let filters = bloom::Filters::decode(d)?;
        // Only what costs nothing to check: a million articles' index is over a gigabyte,
        // and reading it whole at every open is what mapping it avoids. Each list is checked
        // as it is read ([`TextIndex::candidates`]).
        let sound = starts.len() == keys.len() + 1
            && bucket_starts.len() >= 2
            && starts.first() == Some(&0)
            && starts.last() == bucket_starts.first()
            && bucket_starts
                .last()
                .is_some_and(|&s| s as usize == lists.len());
        sound.then_some(TextIndex {
            len,
            keys,
            starts,
            bucket_starts,
            lists,
            filters,
            text_bytes,
        })
    }
}

#[cfg(test)]
mod tests;
