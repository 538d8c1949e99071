//! `juan index`: builds the body index of archives (`crate::fulltext`) on every core and keeps
//! it in the cache, as the interface does in the background, and says what it cost — for
//! scripts, cron, and benchmarks of the build.

use std::time::Instant;

use super::{Outcome, load_reporting};
use crate::cli::IndexArgs;

/// Runs `juan index`: loads the archives (writing the index cache), gives every chunk its
/// body index (read from the cache when kept there and `--rebuild` is not given, else built
/// and kept), and prints the figures on stderr.
pub fn index(args: &IndexArgs) -> Outcome {
    let loaded = load_reporting(&args.paths);
    let failed = loaded.corpus.is_empty() && !loaded.problems.is_empty();
    let corpus = loaded.corpus;
    let start = Instant::now();
    corpus.index_bodies(args.rebuild);
    let took = start.elapsed().as_secs_f64();
    let f = corpus.body_index_figures();
    let mb = f.body_bytes as f64 / 1e6;
    eprintln!(
        "juan: body index of {} articles: {:.1} MB of body text in {took:.1} s ({:.1} MB/s); \
         index {:.1} MB ({:.2}× the body text)",
        corpus.len(),
        mb,
        mb / took.max(1e-9),
        f.index_bytes as f64 / 1e6,
        f.index_bytes as f64 / (f.body_bytes.max(1)) as f64,
    );
    Ok(if failed { 1 } else { 0 })
}
