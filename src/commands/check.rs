//! `juan check`: what an archive holds, and every record that could not be loaded.

use std::collections::HashMap;

use super::{Outcome, with_stdout};
use crate::archive;
use crate::cli::CheckArgs;

/// Runs `juan check`: counts on stdout, then every problem as `FILE:LINE: reason`.
pub fn check(args: &CheckArgs) -> Outcome {
    let archive = archive::load(&super::resolve_paths(&args.paths));
    let arts = &archive.articles;
    let mut sources: HashMap<&str, usize> = HashMap::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
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
