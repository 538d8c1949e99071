//! `juan list`: one article a line, newest first, optionally filtered by a query.

use super::{Outcome, load_reporting, summary_json, with_stdout};
use crate::cli::ListArgs;
use crate::query::{self, Index, Order, Query};

/// Runs `juan list`.
pub fn list(args: &ListArgs) -> Outcome {
    let query =
        Query::parse(args.query.as_deref().unwrap_or("")).map_err(|e| format!("query: {e}"))?;
    let archive = load_reporting(&args.paths);
    let order = if args.oldest_first {
        Order::OldestFirst
    } else {
        Order::NewestFirst
    };
    let index = Index::build(&archive.articles);
    let hits = query::search(&archive.articles, &index, &query, order);
    let limit = args.limit.unwrap_or(usize::MAX);
    with_stdout(|out| {
        for hit in hits.iter().take(limit) {
            let a = &archive.articles[hit.index];
            if args.json {
                let mut m = summary_json(a);
                if !query.is_empty() {
                    m.insert(
                        "positions".into(),
                        serde_json::Value::from(hit.positions.clone()),
                    );
                }
                writeln!(out, "{}", serde_json::Value::Object(m))?;
            } else {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    a.id,
                    a.date.display(),
                    a.source,
                    a.title
                )?;
            }
        }
        Ok(0)
    })
}
