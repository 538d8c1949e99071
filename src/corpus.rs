//! The loaded archive as the interface, the commands and the search engine share it:
//! immutable chunks of articles stored as columns, appended as loading goes on.
//!
//! A [`Corpus`] is cheap to clone (a list of `Arc`s), so a search running on another thread
//! takes a snapshot and the interface keeps appending chunks while it runs. Articles are
//! numbered globally in load order across chunks. No [`Article`] is kept: a chunk's
//! [`Index`] holds titles, dates and sources in flat arrays, its [`Records`] where the rest
//! of each article is, and [`Corpus::article`] puts an article together when one is opened.

mod records;

use std::sync::{Arc, OnceLock};

pub(crate) use records::{Records, forget_read_back_changed, read_back_changed};

use crate::article::{Article, SharedBytes};
use crate::column::codec::{Decoder, Encoder};
use crate::date::Date;
use crate::fulltext::{Store, TextIndex};
use crate::query::{Bodies, Index, Sections};

/// Articles loaded together: their columns and the rest of each.
#[derive(Debug, Clone, Default)]
pub struct Chunk {
    /// Global number of the chunk's first article (set when it joins a corpus).
    pub(crate) first: usize,
    /// Titles, dates, sources and search data, by local number.
    pub(crate) index: Index,
    /// URLs, tags and bodies, by local number.
    pub(crate) records: Records,
    /// The body index, once built or read from the cache (in the background, while
    /// searches read bodies instead).
    pub(crate) text: OnceLock<TextIndex>,
    /// Where the body index is kept between runs, when the archive layer gave a place.
    pub(crate) text_store: Option<Arc<dyn Store>>,
}

impl Chunk {
    /// The chunk of `articles`, consumed.
    pub fn build(articles: Vec<Article>) -> Chunk {
        let index = Index::build(&articles);
        Chunk {
            first: 0,
            index,
            records: Records::build(articles),
            text: OnceLock::new(),
            text_store: None,
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

    /// Appends the chunk to `e` but for its titles' text ([`Chunk::encode_titles`]) and
    /// search aids ([`Chunk::encode_aids`]); `None` when it cannot be stored (see
    /// [`Records::encode`]).
    pub(crate) fn encode(&self, e: &mut Encoder) -> Option<()> {
        self.index.encode(e);
        self.records.encode(e)
    }

    /// Appends the chunk's titles' text to `e`, kept apart so that a load checks it on first
    /// use.
    pub(crate) fn encode_titles(&self, e: &mut Encoder) {
        self.index.encode_titles(e);
    }

    /// Appends the chunk's search aids to `e`: what only a title or source search needs,
    /// kept apart so that a load reads them on first use.
    pub(crate) fn encode_aids(&self, e: &mut Encoder) {
        self.index.encode_aids(e);
    }

    /// Reads a chunk written by [`Chunk::encode`] whose articles' lines lie in `file`, its
    /// columns left as views of `d`'s bytes, with the `sections` written by
    /// [`Chunk::encode_titles`] and [`Chunk::encode_aids`], checked or read on first use;
    /// `None` when the bytes are not such a chunk.
    pub(crate) fn decode(d: &mut Decoder, file: &SharedBytes, sections: Sections) -> Option<Chunk> {
        let index = Index::decode(d, sections)?;
        let records = Records::decode(d, index.len(), file)?;
        Some(Chunk {
            first: 0,
            index,
            records,
            text: OnceLock::new(),
            text_store: None,
        })
    }

    /// The chunk encoded as a cache file keeps it, in one buffer: the bytes, where its core
    /// ([`Chunk::encode`]) lies, and its sections (for tests of decoding).
    #[cfg(test)]
    pub(crate) fn encoded(&self) -> (SharedBytes, std::ops::Range<usize>, Sections) {
        use crate::column::codec::Section;
        use xxhash_rust::xxh3::xxh3_64;
        let mut e = Encoder::new();
        self.encode(&mut e).expect("a chunk that can be stored");
        let mut buf = e.finish();
        let mut ends = vec![buf.len()];
        for write in [Chunk::encode_titles, Chunk::encode_aids] {
            let mut e = Encoder::new();
            write(self, &mut e);
            buf.extend_from_slice(&e.finish());
            ends.push(buf.len());
        }
        let stored = crate::column::codec::aligned(&buf);
        let section = |range: std::ops::Range<usize>| {
            Section::new(stored.clone(), range.clone(), xxh3_64(&buf[range]))
        };
        let sections = Sections {
            titles: section(ends[0]..ends[1]),
            aids: Some(section(ends[1]..ends[2])),
        };
        (stored, 0..ends[0], sections)
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

impl Chunk {
    /// Gives the chunk its body index unless it has one, for the interface: the one kept in
    /// its store when sound, else one built now (and then kept), given up as soon as
    /// `stopped` says so (a reload: the old archive's bodies are not to be read again), and a
    /// kept index taken without hashing it whole (reading 0.6× the body text at every open
    /// would cost time and fill memory with its pages; its lists are checked as they are
    /// read). `builder` keeps its buffers for the next chunk.
    pub(crate) fn index_text_unless(
        &self,
        builder: &mut crate::fulltext::Builder,
        stopped: &dyn Fn() -> bool,
    ) -> bool {
        if self.text.get().is_none() && !self.read_text_index(false) {
            self.build_text_index(builder, stopped);
        }
        self.text.get().is_some()
    }

    /// Builds the chunk's body index (whatever its store keeps) and keeps it there; the chunk
    /// takes it unless it already has one. Nothing is built once `stopped` says so.
    pub(crate) fn build_text_index(
        &self,
        builder: &mut crate::fulltext::Builder,
        stopped: &dyn Fn() -> bool,
    ) {
        let body = |i| (!stopped()).then(|| self.records.body(i));
        let built = builder.build(self.len(), body);
        // Every body has been read once: their pages need not stay in memory.
        self.records.release_pages();
        if let Some(mut text) = built {
            if let Some(store) = &self.text_store {
                store.write(&text);
                // The kept file, mapped, in place of the lists just built: they would stay in
                // memory (0.6× the body text) where the map costs only the pages a search reads.
                if let Some(kept) = store.read(false).filter(|k| k.len() == text.len()) {
                    text = kept;
                }
            }
            let _ = self.text.set(text);
        }
    }

    /// Reads the body index kept in the chunk's store, when there is a sound one for it (its
    /// checksum checked when `verify`); `true` when the chunk has an index after.
    pub(crate) fn read_text_index(&self, verify: bool) -> bool {
        if self.text.get().is_none()
            && let Some(text) = self.text_store.as_ref().and_then(|s| s.read(verify))
            && text.len() == self.len()
        {
            let _ = self.text.set(text);
        }
        self.text.get().is_some()
    }
}

impl Bodies for Chunk {
    fn body(&self, i: usize) -> String {
        self.records.body(i)
    }

    fn text_index(&self) -> Option<&TextIndex> {
        self.text.get().filter(|t| t.len() == self.len())
    }

    fn holds(&self, i: usize, probe: &crate::fulltext::Probe) -> bool {
        self.records.body_holds(i, probe)
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

    /// Article `i`'s id (its archive's own, else the stable one loading gave it): what the
    /// reader's marks are kept by.
    pub fn id(&self, i: usize) -> std::borrow::Cow<'_, str> {
        let (chunk, local) = self.locate(i);
        chunk.index.id(local)
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

    /// Gives every chunk that has none its body index, chunks in parallel on every core (what
    /// `juan index` does; the interface does it chunk by chunk in the background): the one
    /// kept in the cache unless `rebuild`, else built now and kept.
    pub fn index_bodies(&self, rebuild: bool) {
        use rayon::prelude::*;
        // One builder a thread, its buffers reused from chunk to chunk; each thread takes the
        // next chunk no one has taken.
        let next = std::sync::atomic::AtomicUsize::new(0);
        (0..rayon::current_num_threads())
            .into_par_iter()
            .for_each(|_| {
                let mut builder = crate::fulltext::Builder::default();
                while let Some(c) = self
                    .chunks
                    .get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    if rebuild || !c.read_text_index(true) {
                        c.build_text_index(&mut builder, &|| false);
                    }
                }
            });
    }

    /// Gives every chunk the body index kept in the cache for it, where there is one, and
    /// builds none (what `juan list` and `count` do: they read bodies where no index is
    /// kept). The kept files are not hashed whole, only their lists checked as read.
    pub fn read_body_indexes(&self) {
        use rayon::prelude::*;
        self.chunks.par_iter().for_each(|c| {
            c.read_text_index(false);
        });
    }

    /// How many articles the body index gives as candidates for the folded `term` (every
    /// article of a chunk without an index): what verification has to read, for benchmarks.
    pub fn body_candidates(&self, term: &str) -> usize {
        let term = crate::query::fold(term);
        self.chunks
            .iter()
            .map(|c| match c.text.get() {
                Some(text) => text.candidates(&term).count(),
                None => c.len(),
            })
            .sum()
    }

    /// Reads (or makes) every chunk's title search aids now, on every core, so the first
    /// title or source search does not wait for them ([`Index::prepare_search`]).
    pub fn prepare_search(&self) {
        use rayon::prelude::*;
        self.chunks
            .par_iter()
            .for_each(|c| c.index.prepare_search());
    }

    /// The same, chunk by chunk on the calling thread, until `stopped` says so: what a
    /// background thread does, so that no search waits behind it. Work handed to the pool
    /// queues behind the work its threads have: at ten million articles the interface's first
    /// list (every article by date, on the pool) waited the whole 1.2 s of
    /// [`Corpus::prepare_search`]. A search that comes first reads the aids of the chunks it
    /// needs itself.
    pub fn prepare_search_aside(&self, stopped: &dyn Fn() -> bool) {
        for c in &self.chunks {
            if stopped() {
                return;
            }
            c.index.prepare_search();
        }
    }

    /// The body index as it stands: chunks indexed, bytes the indexes take, body bytes they
    /// cover.
    pub fn body_index_figures(&self) -> BodyIndexFigures {
        let mut f = BodyIndexFigures::default();
        for text in self.chunks.iter().filter_map(|c| c.text.get()) {
            f.chunks += 1;
            f.index_bytes += text.byte_len() as u64;
            f.body_bytes += text.text_bytes();
        }
        f
    }
}

/// How far the body index of a corpus stands ([`Corpus::body_index_figures`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BodyIndexFigures {
    /// Chunks whose bodies are indexed.
    pub chunks: usize,
    /// Bytes their indexes take (or map).
    pub index_bytes: u64,
    /// Body bytes they cover.
    pub body_bytes: u64,
}

#[cfg(test)]
mod tests;
