//! Copies folded, clashes kept: the same article loaded twice (the same id, the same title,
//! source and date) is listed once, and counted; two different articles under one id (an
//! archive whose own ids collide) are both kept, and counted, so that `check` can say so.
//!
//! Ids are compared by a 64-bit key ([`id_key`]), and content by a hash of title, source and
//! date: a re-scraped copy whose body changed is still the same article. The table lives only
//! while a load runs (about 16 bytes an article).
//!
//! Articles parsed one by one go through a hash table. The chunks of a cached file come all
//! at once, so the first such file of a load is folded as a group ([`Seen::fold_group`]):
//! its ids sorted, copies found as runs of one id, and the sorted ids kept as its table. A
//! sort reads and writes memory in order; a hash table of a million ids misses the cache on
//! nearly every insert, and regrows as it fills. Later files take the hash table, so that
//! every look stays one hash and at most one binary search, however many files a load has.
//!
//! A first group whose cache says its ids are all different has no copies to fold: its ids
//! are sorted only when something else comes to be compared with them, so a load of one
//! cached file (the usual case) sorts nothing. That sort was a fifth of a warm `juan count`
//! at 1M articles.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rayon::slice::ParallelSliceMut;
use rustc_hash::FxBuildHasher;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::article::Article;
use crate::corpus::Chunk;
use crate::date::Date;
use crate::query::id_key;

/// The ids met so far, each with the content it came with.
#[derive(Debug, Default)]
pub(super) struct Seen {
    first_by_id: HashMap<u64, Packed, FxBuildHasher>,
    /// The ids of the group folded at once ([`Seen::fold_group`]), sorted, each with its
    /// first article; none of them is in `first_by_id`.
    sorted: Vec<(u64, Packed)>,
    /// The chunks (in `mapped`) of a first group with distinct ids whose table is not built
    /// yet ([`Seen::settle`] builds it before the next look).
    waiting: Option<std::ops::Range<usize>>,
    /// Chunks mapped from the index cache whose articles' content is worked out only when
    /// their id is met again (views of the cache: cheap to keep).
    mapped: Vec<Chunk>,
    /// Copies dropped because an article with the same id and content came before.
    pub(crate) copies_folded: usize,
    /// Articles kept although an article with the same id but other content came before.
    pub(crate) id_clashes: usize,
}

/// The first article met under an id: its content key, or where it is (an article of a
/// mapped chunk, whose title is read only if the id comes again: a warm load reads ids only).
#[derive(Debug, Clone, Copy)]
enum First {
    Content(u64),
    At { chunk: usize, local: usize },
}

/// A [`First`] in 64 bits, so the table's entries are 16 bytes and a million ids fit in
/// fewer cache lines: the top bit tells a place (chunk in the next 23 bits, article in the
/// low 40) from a content key (its low 63 bits: two copies of one article agree on those
/// as surely as on all 64).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Packed(u64);

const PLACE: u64 = 1 << 63;
const LOCAL_BITS: u32 = 40;

impl Packed {
    fn pack(first: First) -> Packed {
        match first {
            First::Content(key) => Packed(key & !PLACE),
            First::At { chunk, local } => {
                debug_assert!(chunk < 1 << 23 && local < 1 << LOCAL_BITS);
                Packed(PLACE | (chunk as u64) << LOCAL_BITS | local as u64)
            }
        }
    }

    fn unpack(self) -> First {
        if self.0 & PLACE == 0 {
            First::Content(self.0)
        } else {
            First::At {
                chunk: ((self.0 & !PLACE) >> LOCAL_BITS) as usize,
                local: (self.0 & ((1 << LOCAL_BITS) - 1)) as usize,
            }
        }
    }
}

impl Seen {
    /// True when the article is to be kept: its id is new, or it is new content under an id
    /// met before (a clash, counted); false for a copy (counted). `id` is [`id_key`] of the
    /// id.
    fn admit(&mut self, id: u64, this: First) -> bool {
        let first = match self.first_by_id.entry(id) {
            Entry::Vacant(slot) => match find_sorted(&self.sorted, id) {
                Some(first) => first,
                None => {
                    slot.insert(Packed::pack(this));
                    return true;
                }
            },
            // The first content stays the one later copies are compared with.
            Entry::Occupied(first) => first.get().unpack(),
        };
        self.admit_again(first, this)
    }

    /// Whether `this`, met under the id of `first`, is to be kept: a clash (counted) when its
    /// content differs, else a copy (counted, dropped).
    fn admit_again(&mut self, first: First, this: First) -> bool {
        if self.content(first) == self.content(this) {
            self.copies_folded += 1;
            false
        } else {
            self.id_clashes += 1;
            true
        }
    }

    /// The content key of an article met.
    fn content(&self, article: First) -> u64 {
        match article {
            First::Content(key) => key & !PLACE,
            First::At { chunk, local } => {
                let index = &self.mapped[chunk].index;
                content_key(
                    index.title(local),
                    index.source(local),
                    index.date_parts(local),
                ) & !PLACE
            }
        }
    }

    /// Drops the copies among `articles`.
    pub(super) fn fold(&mut self, articles: &mut Vec<Article>) {
        self.settle();
        articles.retain(|a| {
            let date = match &a.date {
                Date::Known(s) => (0, s.unix),
                other => (other.newest_first_key().0, 0),
            };
            let content = content_key(&a.title, &a.source, date);
            self.admit(id_key(&a.id), First::Content(content))
        });
    }

    /// `chunk` without its copies (built again only when it had some). A chunk mapped from
    /// the index cache has only its ids read, unless one was met before.
    pub(super) fn fold_chunk(&mut self, chunk: Chunk) -> Chunk {
        self.settle();
        let mapped = chunk.is_mapped();
        if mapped {
            self.mapped.push(chunk.clone());
        }
        let at = self.mapped.len().wrapping_sub(1);
        self.first_by_id.reserve(chunk.len());
        let index = &chunk.index;
        let keep: Vec<bool> = (0..chunk.len())
            .map(|i| {
                let this = if mapped {
                    First::At {
                        chunk: at,
                        local: i,
                    }
                } else {
                    First::Content(content_key(
                        index.title(i),
                        index.source(i),
                        index.date_parts(i),
                    ))
                };
                self.admit(index.id_key(i), this)
            })
            .collect();
        keeping(chunk, |i| keep[i])
    }

    /// `chunks` — the chunks of one cached file, mapped — without their copies: the same as
    /// [`Seen::fold_chunk`] on each in turn. The load's first group is folded by sorting its
    /// ids — or, when `ids_distinct` says no two of its articles share an id and no article
    /// came before it, left as it is, its ids sorted only when another article comes; a
    /// later group is folded chunk by chunk.
    pub(super) fn fold_group(&mut self, chunks: Vec<Chunk>, ids_distinct: bool) -> Vec<Chunk> {
        self.settle();
        let all_mapped = chunks.iter().all(Chunk::is_mapped);
        if ids_distinct && all_mapped && self.sorted.is_empty() && self.first_by_id.is_empty() {
            let base = self.mapped.len();
            self.mapped.extend(chunks.iter().cloned());
            self.waiting = Some(base..self.mapped.len());
            return chunks;
        }
        if !self.sorted.is_empty() || !all_mapped {
            return chunks.into_iter().map(|c| self.fold_chunk(c)).collect();
        }
        let base = self.mapped.len();
        self.mapped.extend(chunks.iter().cloned());
        let mut ids = self.sorted_ids(base..self.mapped.len());
        let mut dropped: Vec<Vec<usize>> = vec![Vec::new(); chunks.len()];
        // Compacted in place to one entry per id: its first article.
        let mut distinct = 0;
        let mut run = 0;
        while run < ids.len() {
            let id = ids[run].0;
            let end = run + ids[run..].iter().take_while(|e| e.0 == id).count();
            // Articles parsed before this file are in the hash table.
            let before = self.first_by_id.get(&id).map(|first| first.unpack());
            let first = before.unwrap_or(ids[run].1.unpack());
            let later = if before.is_some() { run } else { run + 1 };
            for &(_, place) in &ids[later..end] {
                // Every article of a group is a place.
                let this = place.unpack();
                if let First::At { chunk, local } = this
                    && !self.admit_again(first, this)
                {
                    dropped[chunk - base].push(local);
                }
            }
            if before.is_none() {
                ids[distinct] = (id, Packed::pack(first));
                distinct += 1;
            }
            run = end;
        }
        ids.truncate(distinct);
        self.sorted = ids;
        chunks
            .into_iter()
            .zip(dropped)
            .map(|(chunk, mut gone)| {
                gone.sort_unstable();
                keeping(chunk, |i| gone.binary_search(&i).is_err())
            })
            .collect()
    }

    /// (id, place) of every article of the `mapped` chunks in `range`, sorted: a packed
    /// place orders as (chunk, local), so one id's articles stay in load order.
    fn sorted_ids(&self, range: std::ops::Range<usize>) -> Vec<(u64, Packed)> {
        let chunks = &self.mapped[range.clone()];
        let mut ids: Vec<(u64, Packed)> = Vec::with_capacity(chunks.iter().map(Chunk::len).sum());
        for (chunk, at) in chunks.iter().zip(range) {
            let place = |local| Packed::pack(First::At { chunk: at, local });
            ids.extend((0..chunk.len()).map(|i| (chunk.index.id_key(i), place(i))));
        }
        // On every core: a radix sort on one measured slower (65 against 25 ms a million).
        ids.par_sort_unstable();
        ids
    }

    /// Builds the table of the group that waits, if one does: its ids sorted (all distinct,
    /// each its own first article), as [`Seen::fold_group`] would have left them.
    fn settle(&mut self) {
        if let Some(range) = self.waiting.take() {
            self.sorted = self.sorted_ids(range);
        }
    }
}

/// The first article of `id` in the sorted table, if it is there.
fn find_sorted(sorted: &[(u64, Packed)], id: u64) -> Option<First> {
    let at = sorted.partition_point(|e| e.0 < id);
    sorted.get(at).filter(|e| e.0 == id).map(|e| e.1.unpack())
}

/// `chunk` with only the articles `keep` says yes to: itself when that is all of them, else
/// built anew.
fn keeping(chunk: Chunk, keep: impl Fn(usize) -> bool) -> Chunk {
    if (0..chunk.len()).all(&keep) {
        return chunk;
    }
    let kept = (0..chunk.len())
        .filter(|&i| keep(i))
        .map(|i| chunk.article(i))
        .collect();
    Chunk::build(kept)
}

/// A hash of what makes two records under one id the same article: title, source, and the
/// date's kind and instant.
fn content_key(title: &str, source: &str, (kind, unix): (u8, i64)) -> u64 {
    // One-shot hashes (a streaming hasher's set-up costs more than these short inputs).
    let seed = xxh3_64(source.as_bytes()) ^ (unix as u64).rotate_left(8) ^ u64::from(kind);
    xxh3_64_with_seed(title.as_bytes(), seed)
}

#[cfg(test)]
mod tests;
