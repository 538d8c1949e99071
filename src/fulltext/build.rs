//! Building a chunk's [`TextIndex`]: its commonest trigrams chosen from a sample
//! ([`super::common`]), each body folded, its distinct grams listed (chars, pairs and chosen
//! trigrams), every (gram, article) pair sorted once, then each common gram's (and every
//! char's) list laid out under its key, the rare pairs' lists merged into hashed buckets, and
//! the rare grams of big articles put in their filters ([`super::bloom`]).

use super::bloom::{BLOOM_FROM, Filters};
use super::common::{CHOSEN, Common, Sampling, is_chosen};
use super::radix::Sorter;
use super::{RARE_BELOW, TextIndex, bucket_of, key, postings, trigram_key};
use crate::query::fold_into;

/// The keys of `folded`'s grams (each char, each adjacent pair, and each trigram `common`
/// chose, under its build key), each once, in no order, put in `out` (cleared first); returns
/// how many are chars and pairs. `seen` is a table reused from text to text.
///
/// A table, not a sort: the build's one sort of every (gram, article) pair orders them, so a
/// text's grams need only be distinct, and a sort of each text's grams was a seventh of the
/// build.
pub(super) fn grams(folded: &str, seen: &mut Seen, common: &Common, out: &mut Vec<u64>) -> usize {
    out.clear();
    // Chars, and those without a stamp of their own in `seen` (which go in its table).
    let (chars, unstamped) = folded.chars().fold((0, 0), |(n, u), c| {
        (n + 1, u + usize::from(c as usize >= STAMPED_CHARS))
    });
    let mut trigrams = 0;
    if chars > SEEN_MAX_CHARS {
        // A huge text: sorted, so the table stays small.
        let (mut prev, mut before) = (None, None);
        for c in folded.chars() {
            out.push(key(c, None));
            if let Some(p) = prev {
                out.push(key(p, Some(c)));
                if let Some(b) = before.and_then(|b| common.build_key(trigram_key(b, p, c))) {
                    out.push(b);
                }
            }
            (before, prev) = (prev, Some(c));
        }
        out.sort_unstable();
        out.dedup();
        return out.iter().filter(|&&k| !is_chosen(k)).count();
    }
    // Each gram written where the next one goes, and kept (the count moved on) when new: no
    // branch on whether it is, which no processor foresees.
    out.resize(chars * 3, 0);
    let mut kept = 0;
    let mut put = |k: u64, fresh: bool| {
        out[kept] = k;
        kept += usize::from(fresh);
    };
    seen.start(chars + unstamped, chars);
    let (mut prev, mut before) = (None, None);
    for c in folded.chars() {
        put(key(c, None), seen.insert_char(c));
        if let Some(p) = prev {
            let k = key(p, Some(c));
            put(k, seen.insert(k));
            if let Some(b) = before.and_then(|b| common.build_key(trigram_key(b, p, c))) {
                let fresh = seen.insert(b);
                put(b, fresh);
                trigrams += usize::from(fresh);
            }
        }
        (before, prev) = (prev, Some(c));
    }
    out.truncate(kept);
    kept - trigrams
}

/// Texts longer than this (in chars) have their grams sorted instead, so [`Seen`]'s table
/// stays within 2 MiB.
const SEEN_MAX_CHARS: usize = 32 << 10;

/// Chars below this have a stamp of their own in [`Seen`] (the Basic Multilingual Plane: every
/// common Chinese char); others go in its table with the pairs.
const STAMPED_CHARS: usize = 1 << 16;

/// Which grams one text has shown so far: a stamp for each char, and open addressing for
/// the pairs and chosen trigrams, each slot's key tagged with the stamp of the text it was
/// filled for, so nothing is cleared between texts.
///
/// A char's own stamp costs no hashing, and leaves the table a third fewer grams; the tag
/// in the key's spare bits keeps a slot to 8 bytes (16 with a stamp beside it), so the table
/// of a news text fits the first-level cache. With the branch-free listing in [`grams`],
/// they took a sixth off the build's gram listing (its `perf` samples, 200k articles).
#[derive(Default)]
pub(super) struct Seen {
    /// Each key (below 2^42) with the stamp of the text that put it there above it; the
    /// text uses the first `mask + 1`.
    slots: Vec<u64>,
    /// The stamp of the text that last held each char below [`STAMPED_CHARS`].
    chars: Vec<u32>,
    /// The current text's stamp (a slot or char with another is empty): below 2^22.
    stamp: u32,
    /// The current text's table size, less one (a power of two, less one).
    mask: usize,
}

/// The bits of a slot above its key, where its stamp goes.
const TAG_SHIFT: u32 = 42;

impl Seen {
    /// Begins a text of `grams` pairs and unstamped chars, and at most `trigrams` chosen
    /// trigrams: the table at least twice the first, and a fifth of it empty were every
    /// trigram chosen (a news text has a few hundred).
    fn start(&mut self, grams: usize, trigrams: usize) {
        let size = (grams * 2 + trigrams / 2).next_power_of_two().max(64);
        self.stamp += 1;
        if self.slots.len() < size || self.stamp >= 1 << (64 - TAG_SHIFT) {
            let len = size.max(self.slots.len());
            self.slots.clear();
            self.slots.resize(len, 0);
            self.chars.clear();
            self.chars.resize(STAMPED_CHARS, 0);
            self.stamp = 1;
        }
        self.mask = size - 1;
    }

    /// True when char `c` is new in this text (it is then remembered).
    fn insert_char(&mut self, c: char) -> bool {
        match self.chars.get_mut(c as usize) {
            Some(stamp) => std::mem::replace(stamp, self.stamp) != self.stamp,
            None => self.insert(key(c, None)),
        }
    }

    /// True when key `k` (below 2^42) is new in this text (it is then remembered).
    fn insert(&mut self, k: u64) -> bool {
        let tagged = u64::from(self.stamp) << TAG_SHIFT | k;
        let mask = self.mask;
        let mut at = (super::mix(k) >> 32) as usize & mask;
        loop {
            let slot = &mut self.slots[at];
            if *slot == tagged {
                return false;
            }
            if *slot >> TAG_SHIFT != u64::from(self.stamp) {
                *slot = tagged;
                return true;
            }
            at = (at + 1) & mask;
        }
    }
}

/// What building keeps from chunk to chunk: the (gram, article) pairs — about 8 bytes per
/// distinct gram of each article, 360 MB for a chunk of news — the sort's buffer (as big, or
/// an eighth of that for [`Builder::lean`]: [`super::radix`]), and the per-text buffers. Made
/// afresh for every chunk, the pages of the pairs and of the sort's buffer were a quarter of the
/// build's time, in the kernel.
pub(crate) struct Builder {
    pairs: Vec<u64>,
    sorter: Sorter,
    seen: Seen,
    keys: Vec<u64>,
    folded: String,
    /// Articles with at least this many distinct grams get a filter ([`BLOOM_FROM`]).
    bloom_from: usize,
    /// How the trigrams with lists of their own are chosen.
    sampling: Sampling,
}

impl Default for Builder {
    fn default() -> Builder {
        Builder {
            pairs: Vec::new(),
            sorter: Sorter::new(1),
            seen: Seen::default(),
            keys: Vec::new(),
            folded: String::new(),
            bloom_from: BLOOM_FROM,
            sampling: Sampling::default(),
        }
    }
}

impl Builder {
    /// A builder whose buffers take about 300 MB less for a chunk of news, for a build in the
    /// background: its sort works in place where the other's goes through a second buffer as
    /// big as the pairs, and takes a sixth longer.
    pub(crate) fn lean() -> Builder {
        Builder {
            sorter: Sorter::new(8),
            ..Builder::default()
        }
    }

    /// The index of a chunk of `len` articles whose bodies `body` gives (article by local
    /// number); `None` when `body` gives up (the build was cancelled), when the chunk holds
    /// more than 65,536 articles or its lists would pass 4 GiB (its bodies are then read for
    /// every term).
    ///
    /// Every (gram, article) pair is one `u64` — the gram's 42-bit key above the 16-bit
    /// article number — so sorting them all once lays out every list in order: no hash map,
    /// whose millions of keys (most grams of a chunk are rare) made building ten times slower.
    pub(crate) fn build(
        &mut self,
        len: usize,
        body: impl Fn(usize) -> Option<String>,
    ) -> Option<TextIndex> {
        if len > 1 << 16 {
            return None;
        }
        let Builder {
            pairs,
            sorter,
            seen,
            keys,
            folded,
            bloom_from,
            sampling,
        } = self;
        pairs.clear();
        let common = Common::choose(*sampling, len, &body, folded, keys)?;
        let mut text_bytes = 0u64;
        let mut big = Vec::new();
        // The trigrams of big articles, for their filters, with each one's place in `big`.
        let mut filtered = Vec::new();
        for doc in 0..len {
            let text = body(doc)?;
            text_bytes += text.len() as u64;
            folded.clear();
            fold_into(&text, folded);
            let distinct = grams(folded, seen, &common, keys);
            pairs.extend(keys.iter().map(|&k| k << 16 | doc as u64));
            if distinct >= *bloom_from {
                let at = big.len() as u32;
                big.push(doc as u32);
                trigrams(folded, keys);
                filtered.extend(keys.iter().map(|&k| (k, at)));
            }
        }
        // By gram, then article: each pair is there once, and each gram's articles were
        // appended in order (their two bytes need no sorting).
        sorter.sort_above(pairs, 2);
        lay_out(pairs, sorter, len, text_bytes, &common, big, filtered)
    }

    /// A builder that gives a filter to every article with at least `grams` distinct grams
    /// (for tests of the filters on small bodies).
    #[cfg(test)]
    pub(super) fn with_bloom_from(grams: usize) -> Builder {
        Builder {
            bloom_from: grams,
            ..Builder::default()
        }
    }

    /// A builder that gives a list of its own to every trigram of a chunk (for tests of
    /// those lists on small chunks).
    #[cfg(test)]
    pub(super) fn with_every_trigram() -> Builder {
        Builder {
            sampling: Sampling {
                stride: 1,
                least: 1,
                share: f64::INFINITY,
            },
            ..Builder::default()
        }
    }
}

/// The distinct keys of `folded`'s trigrams ([`super::trigram_key`]), in `out` (cleared
/// first).
pub(super) fn trigrams(folded: &str, out: &mut Vec<u64>) {
    out.clear();
    let chars: Vec<char> = folded.chars().collect();
    out.extend(
        chars
            .windows(3)
            .map(|w| super::trigram_key(w[0], w[1], w[2])),
    );
    out.sort_unstable();
    out.dedup();
}

/// True when key `k` is a char alone, not a pair: every char has a list of its own, however
/// rare (a term of one char is then answered exactly; there are a few thousand in a chunk).
pub(super) fn is_char(k: u64) -> bool {
    k & ((1 << 21) - 1) == 0
}

/// The index of a chunk of `len` articles from its (gram, article) `pairs` sorted by gram
/// (the `common` trigrams' under their build keys among them); the articles `big` (ascending) get
/// filters of their rare grams and of the keys `filtered` gives them (their trigrams: each key
/// with the article's place in `big`). `sorter` sorts the rare pairs.
fn lay_out<'a>(
    pairs: &'a [u64],
    sorter: &mut Sorter,
    len: usize,
    text_bytes: u64,
    common: &Common,
    big: Vec<u32>,
    mut filtered: Vec<(u64, u32)>,
) -> Option<TextIndex> {
    // Common grams and chars keep a list of their own; a rare pair's articles go to its
    // bucket (and into the filter of each big one).
    let rare_group = |g: &[u64]| {
        let k = g[0] >> 16;
        g.len() < RARE_BELOW && !is_char(k) && !is_chosen(k)
    };
    let by_gram = |pairs: &'a [u64]| pairs.chunk_by(|a, b| a >> 16 == b >> 16);
    // The common trigrams' pairs, among the pairs' in the order of their slots (their build
    // keys hold one pair's place), are laid out last: their lists go under their trigram
    // keys (above every pair's), in the order of those. The groups are walked in place: a
    // list of every group would take 16 bytes a distinct gram.
    let from = pairs.partition_point(|p| p >> 16 >> 21 < CHOSEN);
    let to = from + pairs[from..].partition_point(|p| is_chosen(p >> 16));
    let mut chosen: Vec<&[u64]> = by_gram(&pairs[from..to]).collect();
    chosen.sort_by_cached_key(|g| common.trigram_of(g[0] >> 16));
    let groups = || by_gram(&pairs[..from]).chain(by_gram(&pairs[to..]));
    let (rare, rare_len) = groups()
        .filter(|g| rare_group(g))
        .fold((0, 0), |(n, len), g| (n + 1, len + g.len()));
    let buckets = (rare / super::GRAMS_PER_BUCKET).max(1) as u64;
    let mut keys = Vec::new();
    let mut starts = Vec::new();
    let mut bytes = Vec::new();
    let mut docs = Vec::new();
    let mut rare_pairs = Vec::with_capacity(rare_len);
    // Each article's place among the big ones (`u32::MAX`: not big).
    let mut place = vec![u32::MAX; if big.is_empty() { 0 } else { len }];
    for (j, &doc) in big.iter().enumerate() {
        place[doc as usize] = j as u32;
    }
    for group in groups().chain(chosen) {
        let k = group[0] >> 16;
        if rare_group(group) {
            let bucket = bucket_of(k, buckets);
            rare_pairs.extend(group.iter().map(|&p| bucket << 16 | (p & 0xFFFF)));
            filtered.extend(group.iter().filter_map(|&p| {
                let at = *place.get((p & 0xFFFF) as usize)?;
                (at != u32::MAX).then_some((k, at))
            }));
            continue;
        }
        docs.clear();
        docs.extend(group.iter().map(|&p| (p & 0xFFFF) as u32));
        keys.push(if is_chosen(k) {
            common.trigram_of(k)?
        } else {
            k
        });
        starts.push(u32::try_from(bytes.len()).ok()?);
        postings::encode(&docs, len, &mut bytes);
    }
    starts.push(u32::try_from(bytes.len()).ok()?);
    sorter.sort(&mut rare_pairs);
    rare_pairs.dedup();
    let mut bucket_starts = Vec::with_capacity(buckets as usize + 1);
    let mut at = 0;
    for bucket in 0..buckets {
        bucket_starts.push(u32::try_from(bytes.len()).ok()?);
        docs.clear();
        while at < rare_pairs.len() && rare_pairs[at] >> 16 == bucket {
            docs.push((rare_pairs[at] & 0xFFFF) as u32);
            at += 1;
        }
        if !docs.is_empty() {
            postings::encode(&docs, len, &mut bytes);
        }
    }
    bucket_starts.push(u32::try_from(bytes.len()).ok()?);
    Some(TextIndex {
        len,
        keys: keys.into(),
        starts: starts.into(),
        bucket_starts: bucket_starts.into(),
        lists: bytes.into(),
        filters: Filters::build(big, &filtered)?,
        text_bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Each char and adjacent pair of `text`, sorted and each once.
    fn reference(text: &str) -> Vec<u64> {
        let chars: Vec<char> = text.chars().collect();
        let mut keys: Vec<u64> = chars.iter().map(|&c| key(c, None)).collect();
        keys.extend(chars.windows(2).map(|w| key(w[0], Some(w[1]))));
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    fn sorted_grams(text: &str, seen: &mut Seen) -> Vec<u64> {
        let mut out = Vec::new();
        grams(text, seen, &Common::default(), &mut out);
        out.sort_unstable();
        out
    }

    proptest! {
        /// One table, reused from text to text (long and short, so its size changes), gives
        /// each text's grams once each, as sorting them does.
        #[test]
        fn grams_are_each_char_and_pair_once(
            texts in prop::collection::vec("[改革开放a\n 𠀀𝐀]{0,300}", 1..12),
        ) {
            let mut seen = Seen::default();
            for text in &texts {
                let mut out = Vec::new();
                let distinct = grams(text, &mut seen, &Common::default(), &mut out);
                prop_assert_eq!(distinct, out.len());
                let count = out.len();
                out.sort_unstable();
                out.dedup();
                prop_assert_eq!(out.len(), count, "a gram twice");
                prop_assert_eq!(out, reference(text));
            }
        }
    }

    proptest! {
        /// A chosen trigram is one more gram, once, under its build key, in short texts and
        /// huge ones; the count returned is of the chars and pairs.
        #[test]
        fn chosen_trigrams_are_grams_too(text in "[改革开放a\n]{0,200}", huge in any::<bool>()) {
            let text = if huge { text.repeat(SEEN_MAX_CHARS / 100 + 1) } else { text };
            let chosen = ["改革开", "革开放", "放放放"];
            let tri = |t: &str| {
                let c: Vec<char> = t.chars().collect();
                trigram_key(c[0], c[1], c[2])
            };
            let common = Common::of(chosen.iter().map(|t| tri(t)).collect::<std::collections::BTreeSet<_>>().into_iter().collect());
            let mut seen = Seen::default();
            let mut out = Vec::new();
            let distinct = grams(&text, &mut seen, &common, &mut out);
            let mut want = reference(&text);
            prop_assert_eq!(distinct, want.len());
            want.extend(chosen.iter().filter(|t| text.contains(*t)).map(|t| common.build_key(tri(t)).unwrap()));
            want.sort_unstable();
            out.sort_unstable();
            prop_assert_eq!(out, want);
        }
    }

    #[test]
    fn a_huge_text_between_short_ones() {
        let mut seen = Seen::default();
        let huge: String = "改革开放四十年".repeat(SEEN_MAX_CHARS / 3);
        for text in ["改革", huge.as_str(), "开放开放", "", huge.as_str(), "a"] {
            assert_eq!(sorted_grams(text, &mut seen), reference(text));
        }
        // The stamp passes its bits: the table is cleared, not read as full.
        seen.stamp = (1 << (64 - TAG_SHIFT)) - 1;
        assert_eq!(sorted_grams("改革开放", &mut seen), reference("改革开放"));
    }
}
