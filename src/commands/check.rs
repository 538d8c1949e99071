//! `juan check`: what an archive holds, and every record that could not be loaded.
//!
//! With `JUAN_TRACE_LOAD=1` it also writes to stderr when the first batch of articles
//! arrived, how fast the whole load went and the memory resident after it (what
//! `benches/load.sh` reports; see [`super::load_corpus`]).

use std::collections::HashMap;

use xxhash_rust::xxh3::Xxh3Builder;

use super::{Outcome, with_stdout};
use crate::cli::CheckArgs;

/// Runs `juan check`: counts on stdout, then every problem as `FILE:LINE: reason`, then
/// every file left out and why. Exits 1 when a record or file could not be loaded, when two
/// different articles share an id, or when nothing loaded at all.
pub fn check(args: &CheckArgs) -> Outcome {
    let loaded = super::load_corpus(&super::resolve_paths(&args.paths));
    let corpus = &loaded.corpus;
    let mut sources: HashMap<&str, usize, Xxh3Builder> = HashMap::default();
    let mut ids: HashMap<String, usize, Xxh3Builder> =
        HashMap::with_capacity_and_hasher(corpus.len(), Xxh3Builder::new());
    let (mut oldest, mut newest) = (None::<(i64, usize)>, None::<(i64, usize)>);
    let mut undated = 0;
    for chunk in corpus.chunks() {
        let index = &chunk.index;
        for i in 0..chunk.len() {
            *sources.entry(index.source(i)).or_default() += 1;
            *ids.entry(index.id(i).into_owned()).or_default() += 1;
            match index.stamp(i) {
                Some(t) => {
                    oldest = oldest.filter(|o| o.0 <= t).or(Some((t, chunk.first + i)));
                    newest = newest.filter(|n| n.0 > t).or(Some((t, chunk.first + i)));
                }
                None => undated += 1,
            }
        }
    }
    let (oldest, newest) = (
        oldest.map(|o| corpus.date(o.1)),
        newest.map(|n| corpus.date(n.1)),
    );
    let mut clashes: Vec<(String, usize)> = ids.into_iter().filter(|(_, n)| *n > 1).collect();
    clashes.sort();
    let (skipped, problems): (Vec<_>, Vec<_>) = loaded.problems.iter().partition(|p| p.skipped);
    with_stdout(|out| {
        writeln!(out, "articles: {}", corpus.len())?;
        writeln!(out, "sources: {}", sources.len())?;
        match (oldest, newest) {
            (Some(o), Some(n)) => writeln!(out, "dates: {} .. {}", o.display(), n.display())?,
            _ => writeln!(out, "dates: none")?,
        }
        writeln!(out, "undated: {undated}")?;
        writeln!(out, "copies folded: {}", loaded.progress.copies_folded)?;
        writeln!(out, "ids shared by different articles: {}", clashes.len())?;
        for (id, n) in &clashes {
            writeln!(out, "  {id} ×{n}")?;
        }
        writeln!(out, "problems: {}", problems.len())?;
        for p in &problems {
            writeln!(out, "{p}")?;
        }
        writeln!(out, "skipped: {}", skipped.len())?;
        for p in &skipped {
            writeln!(out, "{p}")?;
        }
        if corpus.is_empty() {
            writeln!(out, "nothing loaded")?;
        }
        Ok(i32::from(
            !problems.is_empty() || !clashes.is_empty() || corpus.is_empty(),
        ))
    })
}
