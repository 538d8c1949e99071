//! `juan list`: one article a line, newest first, optionally filtered by a query.

use std::io::Write;

use rayon::prelude::*;

use super::{Outcome, load_reporting_with, summary_json, title_check, with_stdout};
use crate::cli::ListArgs;
use crate::corpus::Corpus;
use crate::query::{Hit, Order, Query};
use crate::search::{self, Cancel};

/// Runs `juan list`: the archive loads as a chunked [`crate::corpus::Corpus`] (from the index
/// cache when it can), [`search::run`] ranks it on every core (or [`search::first_rows`] finds
/// the `--limit` rows), and match positions are computed for printed rows only.
pub fn list(args: &ListArgs) -> Outcome {
    let query = Query::parse(args.query.as_deref().unwrap_or(""))
        .map_err(|e| super::Failure::Query(e.to_string()))?;
    let loaded = load_reporting_with(&args.paths, title_check(&query, args.limit));
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
    // With a limit, only the rows printed are searched for ([`search::first_rows`]): a
    // `body:` term then reads about as many bodies as rows, not every candidate's.
    let hits = match args.limit {
        Some(limit) => search::first_rows(&corpus, &query, order, limit),
        None => search::run(&corpus, &query, order, None, &Cancel::new())
            .expect("a search nobody cancels finishes"),
    };
    let limit = args.limit.unwrap_or(usize::MAX);
    let mut positions = search::Positions::new(&corpus, &query);
    let snippets = search::Snippets::new(&query).filter(|_| args.json);
    let code = if failed { 1 } else { 0 };
    with_stdout(|out| {
        let shown = &hits[..limit.min(hits.len())];
        if !args.json {
            write_rows(out, &corpus, shown, ROWS_PER_BLOCK)?;
            return Ok(code);
        }
        for hit in shown {
            let article = corpus.article(hit.article());
            let mut m = summary_json(&article);
            if !query.is_empty() {
                let matched = positions.of(hit.article());
                m.insert("positions".into(), serde_json::Value::from(matched));
            }
            // A body term: the text around its first match, and how often the body matches
            // (a `text:` hit in the title alone has neither).
            if let Some(found) = snippets.as_ref().and_then(|s| s.of(&article.body.text())) {
                m.insert("snippet".into(), found.text.into());
                m.insert("matches".into(), found.matches.into());
            }
            writeln!(out, "{}", serde_json::Value::Object(m))?;
        }
        Ok(code)
    })
}

/// Rows formatted per block on every core, then written in order.
const ROWS_PER_BLOCK: usize = 16_384;

/// Writes one tab-separated line per hit (id, date, source, title), field by field (a
/// million rows through `write!`'s formatting cost more than the search). The rows are
/// formatted in blocks of `per_block` on every core, a few blocks at a time: each row reads
/// its article's columns in rank order, out of load order, and waited on memory (1.3 µs a
/// row at 10M: 5 s for the 3.9M rows of `juan list -q bj`, now about half).
fn write_rows(
    out: &mut dyn Write,
    corpus: &Corpus,
    hits: &[Hit],
    per_block: usize,
) -> std::io::Result<()> {
    let row = |text: &mut Vec<u8>, hit: &Hit| {
        let (chunk, i) = corpus.locate(hit.article());
        let a = &chunk.index;
        for (field, end) in [
            (&*a.id(i), b'\t'),
            (&a.date(i).display(), b'\t'),
            (a.source(i), b'\t'),
            (a.title(i), b'\n'),
        ] {
            text.extend_from_slice(field.as_bytes());
            text.push(end);
        }
    };
    let threads = rayon::current_num_threads().max(1);
    for window in hits.chunks(per_block.saturating_mul(threads * 2)) {
        let blocks: Vec<Vec<u8>> = window
            .par_chunks(per_block)
            .map(|block| {
                let mut text = Vec::with_capacity(block.len() * 96);
                block.iter().for_each(|hit| row(&mut text, hit));
                text
            })
            .collect();
        for text in blocks {
            out.write_all(&text)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::Generator;

    #[test]
    fn rows_formatted_in_blocks_are_the_rows_in_order() {
        let mut generator = Generator::new(5);
        let corpus = search::corpus_of(
            (0..300)
                .map(|_| generator.next_article().to_article())
                .collect(),
        );
        let hits = search::run(
            &corpus,
            &Query::parse("").unwrap(),
            Order::NewestFirst,
            None,
            &Cancel::new(),
        )
        .unwrap();
        let mut whole = Vec::new();
        write_rows(&mut whole, &corpus, &hits, usize::MAX).unwrap();
        assert_eq!(whole.iter().filter(|&&b| b == b'\n').count(), 300);
        let first = corpus.article(hits[0].article());
        let line =
            String::from_utf8_lossy(whole.split(|&b| b == b'\n').next().unwrap()).into_owned();
        assert_eq!(
            line,
            format!(
                "{}\t{}\t{}\t{}",
                first.id,
                first.date.display(),
                first.source,
                first.title
            )
        );
        for per_block in [1, 3, 7, 64, 299, 300] {
            let mut blocks = Vec::new();
            write_rows(&mut blocks, &corpus, &hits[..], per_block).unwrap();
            assert_eq!(blocks, whole, "{per_block} rows a block");
        }
    }
}
