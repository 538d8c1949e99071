//! `juan check`: what an archive holds, and every record that could not be loaded.
//!
//! With `JUAN_TRACE_LOAD=1` it also writes to stderr when the first batch of articles
//! arrived and how fast the whole load went (what `benches/load.sh` reports).

use std::collections::HashMap;

use xxhash_rust::xxh3::Xxh3Builder;

use super::{Outcome, with_stdout};
use crate::archive::{self, Archive, Batch};
use crate::cli::CheckArgs;

/// Runs `juan check`: counts on stdout, then every problem as `FILE:LINE: reason`.
pub fn check(args: &CheckArgs) -> Outcome {
    let archive = load_traced(&super::resolve_paths(&args.paths));
    let arts = &archive.articles;
    let mut sources: HashMap<&str, usize, Xxh3Builder> = HashMap::default();
    let mut ids: HashMap<&str, usize, Xxh3Builder> =
        HashMap::with_capacity_and_hasher(arts.len(), Xxh3Builder::new());
    for a in arts {
        *sources.entry(a.source.as_str()).or_default() += 1;
        *ids.entry(a.id.as_str()).or_default() += 1;
    }
    let stamps: Vec<_> = arts.iter().filter_map(|a| a.date.stamp()).collect();
    let oldest = stamps.iter().min_by_key(|s| s.unix);
    let newest = stamps.iter().max_by_key(|s| s.unix);
    let undated = arts.len() - stamps.len();
    let mut dups: Vec<(&str, usize)> = ids.into_iter().filter(|(_, n)| *n > 1).collect();
    dups.sort();
    with_stdout(|out| {
        writeln!(out, "articles: {}", arts.len())?;
        writeln!(out, "sources: {}", sources.len())?;
        match (oldest, newest) {
            (Some(o), Some(n)) => writeln!(out, "dates: {} .. {}", o.display(), n.display())?,
            _ => writeln!(out, "dates: none")?,
        }
        writeln!(out, "undated: {undated}")?;
        writeln!(out, "duplicate ids: {}", dups.len())?;
        for (id, n) in &dups {
            writeln!(out, "  {id} ×{n}")?;
        }
        writeln!(out, "problems: {}", archive.problems.len())?;
        for p in &archive.problems {
            writeln!(out, "{p}")?;
        }
        Ok(if archive.problems.is_empty() && dups.is_empty() {
            0
        } else {
            1
        })
    })
}

/// Loads `paths` as [`archive::load`] does, tracing the first batch and the end on stderr
/// when `JUAN_TRACE_LOAD` is set.
fn load_traced(paths: &[std::path::PathBuf]) -> Archive {
    let trace = std::env::var_os("JUAN_TRACE_LOAD").is_some_and(|v| !v.is_empty() && v != "0");
    let mut archive = Archive::default();
    let mut last = archive::Progress::default();
    archive::load_streaming(paths, |mut batch: Batch| {
        if trace && archive.articles.is_empty() && !batch.articles.is_empty() {
            eprintln!(
                "load: first batch of {} articles at {:.3} s",
                batch.articles.len(),
                batch.progress.elapsed.as_secs_f64()
            );
        }
        last = batch.progress;
        archive.articles.append(&mut batch.articles);
        archive.problems.append(&mut batch.problems);
    });
    if trace {
        eprintln!(
            "load: {} articles, {:.1} MB in {:.3} s ({:.0} MB/s)",
            last.articles,
            last.bytes_done as f64 / 1e6,
            last.elapsed.as_secs_f64(),
            last.mb_per_sec()
        );
        if let Some((anon, file)) = resident_kb() {
            eprintln!(
                "load: resident {:.0} MB anonymous, {:.0} MB file-backed",
                anon as f64 / 1024.0,
                file as f64 / 1024.0
            );
        }
    }
    archive
}

/// Resident memory now, anonymous and file-backed, in KiB (Linux's `/proc/self/status`).
fn resident_kb() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Some((field("RssAnon:")?, field("RssFile:")?))
}
