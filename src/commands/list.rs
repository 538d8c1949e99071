//! `juan list`: one article a line, newest first, optionally filtered by a query.

use super::{Outcome, load_reporting, summary_json, with_stdout};
use crate::cli::ListArgs;
use crate::query::{Order, Query};
use crate::search::{self, Cancel};

/// Runs `juan list`: the archive loads as a chunked [`crate::corpus::Corpus`] (from the index
/// cache when it can), [`search::run`] ranks it on every core, and match positions are
/// computed for printed rows only.
pub fn list(args: &ListArgs) -> Outcome {
    let query = Query::parse(args.query.as_deref().unwrap_or(""))
        .map_err(|e| super::Failure::Query(e.to_string()))?;
    let loaded = load_reporting(&args.paths);
    let order = if args.oldest_first {
        Order::OldestFirst
    } else {
        Order::NewestFirst
    };
    // Nothing could be read at all (a mistyped path): say so through the exit code too.
    let failed = loaded.corpus.is_empty() && !loaded.problems.is_empty();
    let corpus = loaded.corpus;
    let query = super::bind_marks(query, &corpus)?;
    if query.reads_bodies() {
        // The body index kept in the cache answers `body:` and `text:` (none is built here:
        // `juan index` or the interface builds it); chunks without one have their bodies read.
        corpus.read_body_indexes();
    }
    let hits = search::run(&corpus, &query, order, None, &Cancel::new())
        .expect("a search nobody cancels finishes");
    let limit = args.limit.unwrap_or(usize::MAX);
    let mut positions = search::Positions::new(&corpus, &query);
    let snippets = search::Snippets::new(&query).filter(|_| args.json);
    with_stdout(|out| {
        for hit in hits.iter().take(limit) {
            if args.json {
                let article = corpus.article(hit.article());
                let mut m = summary_json(&article);
                if !query.is_empty() {
                    let matched = positions.of(hit.article());
                    m.insert("positions".into(), serde_json::Value::from(matched));
                }
                // A body term: the text around its first match, and how often the body
                // matches (a `text:` hit in the title alone has neither).
                if let Some(found) = snippets.as_ref().and_then(|s| s.of(&article.body.text())) {
                    m.insert("snippet".into(), found.text.into());
                    m.insert("matches".into(), found.matches.into());
                }
                writeln!(out, "{}", serde_json::Value::Object(m))?;
            } else {
                let (chunk, i) = corpus.locate(hit.article());
                let a = &chunk.index;
                // Field by field: a million rows through `write!`'s formatting cost more
                // than the search.
                for (field, end) in [
                    (&*a.id(i), b'\t'),
                    (&a.date(i).display(), b'\t'),
                    (a.source(i), b'\t'),
                    (a.title(i), b'\n'),
                ] {
                    out.write_all(field.as_bytes())?;
                    out.write_all(&[end])?;
                }
            }
        }
        Ok(if failed { 1 } else { 0 })
    })
}
