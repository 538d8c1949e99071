//! The marks resolved to the loaded corpus: one bit per article number for read and starred,
//! one bitset per label. The query's `is:` and `label:` terms and the list's unread styling
//! read these, so a term costs a bit test per article (`is:unread` over 1M in well under a
//! millisecond), never an id lookup.
//!
//! Built once from [`Memory`] when a corpus is loaded ([`Flags::resolve`]: one hash lookup per
//! article, skipped when nothing is remembered), extended for each batch that arrives
//! ([`Flags::extend`]), and kept in step with each change by article number ([`Flags::set`]).
//! The search worker gets a snapshot (`Arc<Flags>`), so a mark never waits for a search.

use std::collections::HashMap;

use std::sync::Arc;

use rayon::prelude::*;

use super::{Marks, Memory};
use crate::corpus::{Chunk, Corpus};
use crate::query::ReaderMarks;

/// A growable set of article numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }

    fn put(&mut self, i: usize, on: bool) {
        if self.0.len() <= i / 64 {
            if !on {
                return;
            }
            self.0.resize(i / 64 + 1, 0);
        }
        if on {
            self.0[i / 64] |= 1 << (i % 64);
        } else {
            self.0[i / 64] &= !(1 << (i % 64));
        }
    }

    fn count(&self, len: usize) -> usize {
        let full = len / 64;
        let mut n: usize = self
            .0
            .iter()
            .take(full)
            .map(|w| w.count_ones() as usize)
            .sum();
        if !len.is_multiple_of(64)
            && let Some(w) = self.0.get(full)
        {
            n += (w & ((1u64 << (len % 64)) - 1)).count_ones() as usize;
        }
        n
    }
}

/// The read, starred and labelled articles of one corpus, by article number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    /// How many articles were resolved (the corpus's length at the last `extend`).
    len: usize,
    read: Bits,
    starred: Bits,
    labels: HashMap<String, Bits>,
}

impl Flags {
    /// The marks of `memory` resolved to `corpus`'s article numbers.
    pub fn resolve(memory: &Memory, corpus: &Corpus) -> Flags {
        let mut flags = Flags::default();
        flags.add_chunks(memory, corpus.chunks());
        flags
    }

    /// Resolves the chunks `corpus` gained since the last call (a batch arrived).
    pub fn extend(&mut self, memory: &Memory, corpus: &Corpus) {
        let chunks = corpus.chunks();
        let done = chunks.partition_point(|c| c.first < self.len);
        debug_assert!(
            chunks.get(done).is_none_or(|c| c.first == self.len),
            "chunks are only ever appended"
        );
        self.add_chunks(memory, &chunks[done..]);
    }

    /// Resolves `chunks` (the next ones of the corpus), in parallel: one id hash and one
    /// look-up per article, none at all when nothing is remembered.
    fn add_chunks(&mut self, memory: &Memory, chunks: &[Arc<Chunk>]) {
        let added: usize = chunks.iter().map(|c| c.len()).sum();
        if !memory.is_empty() && added > 0 {
            let found: Vec<Vec<(usize, &Marks)>> = chunks
                .par_iter()
                .map(|chunk| {
                    (0..chunk.len())
                        .filter_map(|local| {
                            let marks = memory.by_key(chunk.index.id_key(local))?;
                            Some((chunk.first + local, marks))
                        })
                        .collect()
                })
                .collect();
            for (i, marks) in found.into_iter().flatten() {
                self.read.put(i, marks.read);
                self.starred.put(i, marks.starred);
                for name in &marks.labels {
                    self.labels.entry(name.clone()).or_default().put(i, true);
                }
            }
        }
        self.len += added;
    }

    /// Sets article `i`'s flags to `marks` (after a change to it).
    pub fn set(&mut self, i: usize, marks: &Marks) {
        self.read.put(i, marks.read);
        self.starred.put(i, marks.starred);
        for (name, bits) in self.labels.iter_mut() {
            bits.put(i, marks.labels.contains(name));
        }
        for name in &marks.labels {
            if !self.labels.contains_key(name) {
                let mut bits = Bits::default();
                bits.put(i, true);
                self.labels.insert(name.clone(), bits);
            }
        }
    }

    /// Article `i` was read.
    pub fn is_read(&self, i: usize) -> bool {
        self.read.get(i)
    }

    /// Article `i` is starred.
    pub fn is_starred(&self, i: usize) -> bool {
        self.starred.get(i)
    }

    /// Article `i` carries the label `name` (exactly as given).
    pub fn has_label(&self, name: &str, i: usize) -> bool {
        self.labels.get(name).is_some_and(|bits| bits.get(i))
    }

    /// How many of the resolved articles are unread.
    pub fn unread(&self) -> usize {
        self.len - self.read.count(self.len)
    }
}

/// What the query's `is:` and `label:` terms read.
impl ReaderMarks for Flags {
    fn is_read(&self, i: usize) -> bool {
        Flags::is_read(self, i)
    }

    fn is_starred(&self, i: usize) -> bool {
        Flags::is_starred(self, i)
    }

    fn label_words(&self, name: &str) -> Option<&[u64]> {
        self.labels.get(name).map(|bits| bits.0.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::state::Change;

    fn article(id: &str) -> Article {
        Article {
            id: id.to_string(),
            title: format!("标题 {id}"),
            ..Article::default()
        }
    }

    #[test]
    fn resolves_by_id_across_chunks_and_follows_changes() {
        let mut memory = Memory::default();
        memory.apply(&Change::Read {
            id: "b".into(),
            read: true,
        });
        memory.apply(&Change::Star {
            id: "d".into(),
            starred: true,
        });
        memory.apply(&Change::Label {
            id: "d".into(),
            label: "第三章".into(),
            on: true,
        });
        let mut corpus = Corpus::from_articles(vec![article("a"), article("b")]);
        let mut flags = Flags::resolve(&memory, &corpus);
        assert!(!flags.is_read(0) && flags.is_read(1));
        assert_eq!(flags.unread(), 1);
        corpus.push(vec![article("c"), article("d")]);
        flags.extend(&memory, &corpus);
        assert!(flags.is_starred(3) && flags.has_label("第三章", 3));
        assert!(!flags.has_label("第三章", 2));
        assert_eq!(flags.unread(), 3);
        let marks = memory.apply(&Change::Label {
            id: "d".into(),
            label: "第三章".into(),
            on: false,
        });
        flags.set(3, &marks);
        assert!(!flags.has_label("第三章", 3));
        assert!(flags.is_starred(3));
    }

    #[test]
    fn bits_grow_and_count_within_len() {
        let mut bits = Bits::default();
        bits.put(130, true);
        bits.put(3, true);
        bits.put(500, false);
        assert!(bits.get(130) && bits.get(3) && !bits.get(4) && !bits.get(9999));
        assert_eq!(bits.count(131), 2);
        assert_eq!(bits.count(130), 1);
    }
}
