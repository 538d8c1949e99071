//! The loaded archive as the interface, the commands and the search engine share it:
//! immutable chunks of articles stored as columns, appended as loading goes on.
//!
//! A [`Corpus`] is cheap to clone (a list of `Arc`s), so a search running on another thread
//! takes a snapshot and the interface keeps appending chunks while it runs. Articles are
//! numbered globally in load order across chunks. No [`Article`] is kept: a chunk's
//! [`Index`] holds titles, dates and sources in flat arrays, its [`Records`] where the rest
//! of each article is, and [`Corpus::article`] puts an article together when one is opened.

mod records;

use std::sync::Arc;

pub(crate) use records::{Records, forget_read_back_changed, read_back_changed};

use crate::article::{Article, SharedBytes};
use crate::column::codec::{Decoder, Encoder};
use crate::date::Date;
use crate::query::{Bodies, Index};

/// Articles loaded together: their columns and the rest of each.
#[derive(Debug, Clone, Default)]
pub struct Chunk {
    /// Global number of the chunk's first article (set when it joins a corpus).
    pub(crate) first: usize,
    /// Titles, dates, sources and search data, by local number.
    pub(crate) index: Index,
    /// URLs, tags and bodies, by local number.
    pub(crate) records: Records,
}

impl Chunk {
    /// The chunk of `articles`, consumed.
    pub fn build(articles: Vec<Article>) -> Chunk {
        let index = Index::build(&articles);
        Chunk {
            first: 0,
            index,
            records: Records::build(articles),
        }
    }

    /// How many articles.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Article `local`, put together from the columns and its record.
    pub fn article(&self, local: usize) -> Article {
        let rest = self.records.rest(local).into_owned();
        Article {
            id: self.index.id(local).into_owned(),
            title: self.index.title(local).to_string(),
            date: self.index.date(local),
            source: self.index.source(local).to_string(),
            url: rest.url,
            body: rest.body,
            tags: rest.tags,
            header: rest.header,
        }
    }

    /// Appends the chunk to `e`; `None` when it cannot be stored (see [`Records::encode`]).
    pub(crate) fn encode(&self, e: &mut Encoder) -> Option<()> {
        self.index.encode(e);
        self.records.encode(e)
    }

    /// Reads a chunk written by [`Chunk::encode`] whose articles' lines lie in `file`, its
    /// columns left as views of `d`'s bytes; `None` when the bytes are not such a chunk.
    pub(crate) fn decode(d: &mut Decoder, file: &SharedBytes) -> Option<Chunk> {
        let index = Index::decode(d)?;
        let records = Records::decode(d, index.len(), file)?;
        Some(Chunk {
            first: 0,
            index,
            records,
        })
    }

    /// True when the chunk's columns are views of a mapped cache file, not in memory.
    pub fn is_mapped(&self) -> bool {
        self.index.is_mapped()
    }

    /// Bytes of memory the chunk's columns and records take (or map).
    pub(crate) fn byte_len(&self) -> usize {
        self.index.byte_len() + self.records.byte_len()
    }
}

impl Bodies for Chunk {
    fn body(&self, i: usize) -> String {
        self.records.body(i)
    }
}

/// Every article loaded so far, in chunks.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    chunks: Vec<Arc<Chunk>>,
    len: usize,
}

impl Corpus {
    /// A corpus of one chunk.
    pub fn from_articles(articles: Vec<Article>) -> Corpus {
        let mut c = Corpus::default();
        c.push(articles);
        c
    }

    /// Appends the chunk of `articles`. Empty batches are ignored.
    pub fn push(&mut self, articles: Vec<Article>) {
        self.push_chunk(Chunk::build(articles));
    }

    /// Appends a chunk built elsewhere (e.g. on a loader thread). Empty ones are ignored.
    pub fn push_chunk(&mut self, mut chunk: Chunk) {
        if chunk.is_empty() {
            return;
        }
        chunk.first = self.len;
        self.len += chunk.len();
        self.chunks.push(Arc::new(chunk));
    }

    /// How many articles.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The chunks, in load order.
    pub fn chunks(&self) -> &[Arc<Chunk>] {
        &self.chunks
    }

    /// The chunk holding global number `i` and `i`'s number in it. Panics when out of
    /// range, like slice indexing.
    pub(crate) fn locate(&self, i: usize) -> (&Chunk, usize) {
        assert!(i < self.len, "article {i} of {}", self.len);
        let k = self.chunks.partition_point(|c| c.first <= i) - 1;
        let chunk = &self.chunks[k];
        (chunk, i - chunk.first)
    }

    /// Article `i`'s title.
    pub fn title(&self, i: usize) -> &str {
        let (c, local) = self.locate(i);
        c.index.title(local)
    }

    /// Article `i`'s source (empty when unknown).
    pub(crate) fn source(&self, i: usize) -> &str {
        let (c, local) = self.locate(i);
        c.index.source(local)
    }

    /// Article `i`'s date.
    pub(crate) fn date(&self, i: usize) -> Date {
        let (c, local) = self.locate(i);
        c.index.date(local)
    }

    /// Article `i` whole, put together from its chunk (its body still lazy when it was).
    pub fn article(&self, i: usize) -> Article {
        let (c, local) = self.locate(i);
        c.article(local)
    }

    /// Every article's source, in load order.
    pub(crate) fn sources(&self) -> impl Iterator<Item = &str> {
        self.chunks
            .iter()
            .flat_map(|c| (0..c.len()).map(|i| c.index.source(i)))
    }

    /// Bytes of memory the chunks take (or map).
    pub(crate) fn byte_len(&self) -> usize {
        self.chunks.iter().map(|c| c.byte_len()).sum()
    }
}

#[cfg(test)]
mod tests;
