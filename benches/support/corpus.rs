//! Corpora for the benchmarks that need one in memory: `juan gen`'s articles generated on the
//! spot, or an archive loaded as the interface loads it. Included with `#[path]` by each bench.

use juan::synthetic::Generator;
use juan::{Article, Body, Chunk, Corpus, archive};
use rayon::prelude::*;

/// `n` synthetic articles (seed 1) in `chunks` chunks built on every core, their bodies kept
/// in memory or, unless `bodies`, dropped (titles are what the list needs).
pub fn generated(n: usize, chunks: usize, bodies: bool) -> Corpus {
    let mut generator = Generator::new(1);
    let per_chunk = n.div_ceil(chunks).max(1);
    let parts: Vec<Vec<Article>> = (0..n)
        .step_by(per_chunk)
        .map(|first| {
            (first..(first + per_chunk).min(n))
                .map(|_| {
                    let mut a = generator.next_article().to_article();
                    if !bodies {
                        a.body = Body::default();
                    }
                    a
                })
                .collect()
        })
        .collect();
    let built: Vec<Chunk> = parts.into_par_iter().map(Chunk::build).collect();
    let mut corpus = Corpus::default();
    for chunk in built {
        corpus.push_chunk(chunk);
    }
    corpus
}

/// The archive at `paths`, loaded as the interface loads it (from the index cache when it can).
pub fn loaded(paths: &[std::path::PathBuf]) -> Corpus {
    let mut corpus = Corpus::default();
    let options = archive::LoadOptions::interactive();
    archive::load_streaming_with(paths, &options, |batch| corpus.push_chunk(batch.chunk));
    juan::heap::trim();
    corpus
}
