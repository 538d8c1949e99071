//! Copies folded, clashes kept: the same article loaded twice (the same id, the same title,
//! source and date) is listed once, and counted; two different articles under one id (an
//! archive whose own ids collide) are both kept, and counted, so that `check` can say so.
//!
//! Ids are compared by a 64-bit key ([`id_key`]), and content by a hash of title, source and
//! date: a re-scraped copy whose body changed is still the same article. The table lives only
//! while a load runs (about 24 bytes an article).

use std::collections::HashMap;
use std::collections::hash_map::Entry;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
            Entry::Vacant(slot) => {
                slot.insert(Packed::pack(this));
                return true;
            }
            // The first content stays the one later copies are compared with.
            Entry::Occupied(first) => first.get().unpack(),
        };
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
        if keep.iter().all(|&k| k) {
            return chunk;
        }
        let kept = (0..chunk.len())
            .filter(|&i| keep[i])
            .map(|i| chunk.article(i))
            .collect();
        Chunk::build(kept)
    }
}

/// A hash of what makes two records under one id the same article: title, source, and the
/// date's kind and instant.
fn content_key(title: &str, source: &str, (kind, unix): (u8, i64)) -> u64 {
    // One-shot hashes (a streaming hasher's set-up costs more than these short inputs).
    let seed = xxh3_64(source.as_bytes()) ^ (unix as u64).rotate_left(8) ^ u64::from(kind);
    xxh3_64_with_seed(title.as_bytes(), seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_firsts_unpack_to_what_was_packed() {
        for first in [
            First::At { chunk: 0, local: 0 },
            First::At {
                chunk: (1 << 23) - 1,
                local: (1 << 40) - 1,
            },
            First::At {
                chunk: 5,
                local: 1_000_000,
            },
        ] {
            let back = Packed::pack(first).unpack();
            assert!(
                matches!((first, back), (First::At { chunk: a, local: b }, First::At { chunk: c, local: d }) if a == c && b == d)
            );
        }
        let key = 0xFEDC_BA98_7654_3210;
        assert!(
            matches!(Packed::pack(First::Content(key)).unpack(), First::Content(k) if k == key & !PLACE)
        );
    }

    fn article(id: &str, title: &str, body: &str) -> Article {
        Article {
            id: id.into(),
            title: title.into(),
            source: "新华社".into(),
            date: Date::from_text("2019-10-01 08:00"),
            body: body.into(),
            ..Article::default()
        }
    }

    #[test]
    fn copies_fold_and_clashes_stay() {
        let mut seen = Seen::default();
        let mut articles = vec![
            article("a", "国庆", "正文"),
            article("b", "阅兵", "正文"),
            article("a", "国庆", "正文，更正后"),
            article("a", "另一篇", "别的正文"),
            article("a", "国庆", "正文"),
        ];
        seen.fold(&mut articles);
        let titles: Vec<_> = articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["国庆", "阅兵", "另一篇"]);
        assert_eq!((seen.copies_folded, seen.id_clashes), (2, 1));
    }

    #[test]
    fn a_chunk_loses_its_copies_and_keeps_the_rest() {
        let mut seen = Seen::default();
        let mut first = vec![article("a", "国庆", "正文")];
        seen.fold(&mut first);
        let chunk = Chunk::build(vec![
            article("b", "阅兵", "正文"),
            article("a", "国庆", "正文"),
            article("c", "烟花", "正文"),
        ]);
        let folded = seen.fold_chunk(chunk);
        let titles: Vec<_> = (0..folded.len()).map(|i| folded.index.title(i)).collect();
        assert_eq!(titles, ["阅兵", "烟花"]);
        assert_eq!(folded.article(1).body, "正文");
        assert_eq!(seen.copies_folded, 1);
        // Ids stored as numbers (16 hex digits) meet the same ids given as text.
        let hex = "85671091eda75eb5";
        let mut text_first = vec![article(hex, "烟花", "正文")];
        seen.fold(&mut text_first);
        let chunk = Chunk::build(vec![article(hex, "烟花", "正文")]);
        assert!(chunk.index.id(0) == hex);
        assert_eq!(seen.fold_chunk(chunk).len(), 0);
        assert_eq!(seen.copies_folded, 2);
        // A chunk with nothing to drop is handed back as it was.
        let again = seen.fold_chunk(Chunk::build(vec![article("d", "花车", "x")]));
        assert_eq!(again.len(), 1);
    }
}
