//! The loaded archive as the interface, the commands and the search engine share it:
//! immutable chunks of articles, each with its search index, appended as loading goes on.
//!
//! A [`Corpus`] is cheap to clone (a list of `Arc`s), so a search running on another thread
//! takes a snapshot and the interface keeps appending chunks while it runs. Articles are
//! numbered globally in load order across chunks.

use std::sync::Arc;

use crate::article::Article;
use crate::query::Index;

/// Articles loaded together, with their search index.
#[derive(Debug)]
pub struct Chunk {
    /// Global number of `articles[0]`.
    pub first: usize,
    /// The articles, in load order.
    pub articles: Vec<Article>,
    /// Search data prepared for exactly these articles (local numbering).
    pub index: Index,
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

    /// Appends a chunk, building its index. Empty batches are ignored.
    pub fn push(&mut self, articles: Vec<Article>) {
        if articles.is_empty() {
            return;
        }
        let index = Index::build(&articles);
        self.push_indexed(articles, index);
    }

    /// Appends a chunk whose index was built elsewhere (e.g. on a loader thread).
    pub fn push_indexed(&mut self, articles: Vec<Article>, index: Index) {
        if articles.is_empty() {
            return;
        }
        let first = self.len;
        self.len += articles.len();
        self.chunks.push(Arc::new(Chunk {
            first,
            articles,
            index,
        }));
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

    /// The article with global number `i`. Panics when out of range, like slice indexing.
    pub fn get(&self, i: usize) -> &Article {
        let c = self.chunk_of(i);
        &c.articles[i - c.first]
    }

    /// The chunk holding global number `i`.
    pub fn chunk_of(&self, i: usize) -> &Chunk {
        assert!(i < self.len, "article {i} of {}", self.len);
        let k = self.chunks.partition_point(|c| c.first <= i) - 1;
        &self.chunks[k]
    }

    /// Every article in load order.
    pub fn iter(&self) -> impl Iterator<Item = &Article> {
        self.chunks.iter().flat_map(|c| c.articles.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arts(titles: &[&str]) -> Vec<Article> {
        titles
            .iter()
            .map(|t| Article {
                id: t.to_string(),
                title: t.to_string(),
                ..Default::default()
            })
            .collect()
    }

    #[test]
    fn global_numbering_spans_chunks() {
        let mut c = Corpus::from_articles(arts(&["a", "b"]));
        c.push(Vec::new());
        c.push(arts(&["c"]));
        c.push(arts(&["d", "e", "f"]));
        assert_eq!(c.len(), 6);
        assert_eq!(c.chunks().len(), 3);
        let titles: Vec<&str> = (0..6).map(|i| c.get(i).title.as_str()).collect();
        assert_eq!(titles, ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(c.iter().count(), 6);
        let snapshot = c.clone();
        c.push(arts(&["g"]));
        assert_eq!((snapshot.len(), c.len()), (6, 7));
    }
}
