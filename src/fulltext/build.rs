//! Building a chunk's [`TextIndex`]: each body folded, its distinct grams listed, every
//! (gram, article) pair sorted once, then each common gram's list laid out under its key and
//! the rare grams' lists merged into hashed buckets.

use super::{RARE_BELOW, TextIndex, bucket_of, key, postings};
use crate::query::fold_into;

/// Appends the keys of `folded`'s grams (each char, each adjacent pair), distinct and
/// ascending, to `out` (cleared first).
pub(super) fn grams(folded: &str, out: &mut Vec<u64>) {
    out.clear();
    let mut prev = None;
    for c in folded.chars() {
        out.push(key(c, None));
        if let Some(p) = prev {
            out.push(key(p, Some(c)));
        }
        prev = Some(c);
    }
    out.sort_unstable();
    out.dedup();
}

/// The index of a chunk of `len` articles whose bodies `body` gives (article by local number);
/// `None` when `body` gives up (the build was cancelled), when the chunk holds more than 65,536 articles or its lists would pass 4 GiB (its
/// bodies are then read for every term).
///
/// Every (gram, article) pair is one `u64` — the gram's 42-bit key above the 16-bit article
/// number — so sorting them all once lays out every list in order: no hash map, whose
/// millions of keys (most grams of a chunk are rare) made building ten times slower.
pub(crate) fn build(len: usize, body: impl Fn(usize) -> Option<String>) -> Option<TextIndex> {
    if len > 1 << 16 {
        return None;
    }
    let mut pairs: Vec<u64> = Vec::new();
    let mut folded = String::new();
    let mut keys = Vec::new();
    let mut text_bytes = 0u64;
    for doc in 0..len {
        let text = body(doc)?;
        text_bytes += text.len() as u64;
        folded.clear();
        fold_into(&text, &mut folded);
        grams(&folded, &mut keys);
        pairs.extend(keys.iter().map(|&k| k << 16 | doc as u64));
    }
    radsort::sort(&mut pairs);
    // Common grams keep a list of their own; a rare one's articles go to its bucket.
    let groups: Vec<&[u64]> = pairs.chunk_by(|a, b| a >> 16 == b >> 16).collect();
    let rare = groups.iter().filter(|g| g.len() < RARE_BELOW).count();
    let buckets = (rare / super::GRAMS_PER_BUCKET).max(1) as u64;
    let mut keys = Vec::new();
    let mut starts = Vec::new();
    let mut bytes = Vec::new();
    let mut docs = Vec::new();
    let mut rare_pairs = Vec::with_capacity(rare * 2);
    for group in groups {
        let k = group[0] >> 16;
        if group.len() < RARE_BELOW {
            let bucket = bucket_of(k, buckets);
            rare_pairs.extend(group.iter().map(|&p| bucket << 16 | (p & 0xFFFF)));
            continue;
        }
        docs.clear();
        docs.extend(group.iter().map(|&p| (p & 0xFFFF) as u32));
        keys.push(k);
        starts.push(u32::try_from(bytes.len()).ok()?);
        postings::encode(&docs, len, &mut bytes);
    }
    starts.push(u32::try_from(bytes.len()).ok()?);
    drop(pairs);
    radsort::sort(&mut rare_pairs);
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
        text_bytes,
    })
}
