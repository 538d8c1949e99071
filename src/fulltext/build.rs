//! Building a chunk's [`TextIndex`]: each body folded, its distinct grams listed, and each
//! gram's articles gathered in one hash map, then laid out in key order.

use rustc_hash::FxHashMap;

use super::{TextIndex, key, postings};
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
/// `None` when its lists would pass 4 GiB (the chunk's bodies are then read for every term).
pub(crate) fn build(len: usize, body: impl Fn(usize) -> String) -> Option<TextIndex> {
    let mut lists: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    let mut folded = String::new();
    let mut keys = Vec::new();
    let mut text_bytes = 0u64;
    for doc in 0..len {
        let text = body(doc);
        text_bytes += text.len() as u64;
        folded.clear();
        fold_into(&text, &mut folded);
        grams(&folded, &mut keys);
        for &k in &keys {
            lists.entry(k).or_default().push(doc as u32);
        }
    }
    let mut sorted: Vec<(u64, Vec<u32>)> = lists.into_iter().collect();
    sorted.sort_unstable_by_key(|(k, _)| *k);
    let mut keys = Vec::with_capacity(sorted.len());
    let mut starts = Vec::with_capacity(sorted.len() + 1);
    let mut bytes = Vec::new();
    for (k, docs) in sorted {
        keys.push(k);
        starts.push(u32::try_from(bytes.len()).ok()?);
        postings::encode(&docs, len, &mut bytes);
    }
    starts.push(u32::try_from(bytes.len()).ok()?);
    Some(TextIndex {
        len,
        keys: keys.into(),
        starts: starts.into(),
        lists: bytes.into(),
        text_bytes,
    })
}
