//! `cargo bench --bench fulltext`: the body index inside the engine — its build (time, MB/s
//! of body text, size against the body bytes) and `body:` / `text:` queries for the 20 terms
//! of `benches/body_terms.txt` (1–8 characters), each run 5 times: p50 / p99 per form, and
//! per term the hits and the median.
//!
//! By default it indexes 100,000 synthetic articles (`juan::synthetic`, seed 1, 4 chunks)
//! held in memory. `JUAN_FULLTEXT_ARCHIVE=/tmp/juan-bench/gen-1m.jsonl` loads a real archive
//! as the interface does (from the index cache when there is one); the README's figures
//! come from that mode; `JUAN_FULLTEXT_FIELDS=body` times `body:` only (default
//! `body,text`). `JUAN_FULLTEXT_SCAN=3` first times the first 3 terms without the
//! index (reading every body, as juan did before), for the ratio. `JUAN_FULLTEXT_KEPT=1`
//! takes the body index kept in the cache instead of building it (queries only: the build
//! line then times reading it); `JUAN_FULLTEXT_TERMS=NBA,公益活动` runs those terms only.

use std::time::{Duration, Instant};

use juan::search::{self, Cancel};
use juan::{Corpus, Order, Query};

#[path = "support/corpus.rs"]
mod corpus;

const TERMS: &str = include_str!("body_terms.txt");

fn main() {
    let corpus = match std::env::var_os("JUAN_FULLTEXT_ARCHIVE") {
        Some(path) => loaded(&[path.into()]),
        None => generated(100_000),
    };
    let only = std::env::var("JUAN_FULLTEXT_TERMS").unwrap_or_default();
    let terms: Vec<&str> = if only.is_empty() {
        TERMS.lines().filter(|t| !t.is_empty()).collect()
    } else {
        only.split(',').collect()
    };
    let scan_terms: usize = std::env::var("JUAN_FULLTEXT_SCAN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut scanned = Vec::new();
    for term in terms.iter().take(scan_terms) {
        let (hits, time) = timed(&corpus, &format!("body:{term}"));
        println!("scan without the index: body:{term} {hits} hits in {time:.1?}");
        scanned.push(time);
    }

    let start = Instant::now();
    if std::env::var_os("JUAN_FULLTEXT_KEPT").is_some() {
        corpus.read_body_indexes();
    } else {
        corpus.index_bodies(true);
    }
    let build = start.elapsed();
    let f = corpus.body_index_figures();
    let mb = f.body_bytes as f64 / 1e6;
    println!(
        "index: {} chunks, {:.1} MB of body text indexed in {build:.2?} ({:.1} MB/s, {} threads); \
         index {:.1} MB = {:.2}× the body bytes",
        f.chunks,
        mb,
        mb / build.as_secs_f64(),
        rayon::current_num_threads(),
        f.index_bytes as f64 / 1e6,
        f.index_bytes as f64 / f.body_bytes.max(1) as f64,
    );

    // The interface lists everything in date order before any query (its first frame), so
    // its searches find that order kept; so do these.
    search::run(
        &corpus,
        &Query::default(),
        Order::NewestFirst,
        None,
        &Cancel::new(),
    );
    let fields = std::env::var("JUAN_FULLTEXT_FIELDS").unwrap_or_else(|_| "body,text".into());
    for field in fields.split(',').filter(|f| matches!(*f, "body" | "text")) {
        println!(
            "{:<14} {:>9} {:>10}",
            format!("{field}: term"),
            "hits",
            "median"
        );
        let mut all = Vec::new();
        for (k, term) in terms.iter().enumerate() {
            let query = format!("{field}:{term}");
            let mut times = Vec::new();
            let mut hits = 0;
            for _ in 0..5 {
                let (h, t) = timed(&corpus, &query);
                hits = h;
                times.push(t);
            }
            times.sort();
            let median = times[2];
            let ratio = match scanned.get(k) {
                Some(scan) if field == "body" => {
                    format!(
                        "  ({:.0}× faster than the scan)",
                        scan.as_secs_f64() / median.as_secs_f64()
                    )
                }
                _ => String::new(),
            };
            let candidates = corpus.body_candidates(term);
            println!("{term:<14} {hits:>9} {candidates:>9} cand. {median:>10.2?}{ratio}");
            all.extend(times);
        }
        all.sort();
        let at = |q: f64| all[((all.len() - 1) as f64 * q).round() as usize];
        println!(
            "{field}: over {} runs: p50 {:.2?}, p99 {:.2?}, max {:.2?}",
            all.len(),
            at(0.5),
            at(0.99),
            all[all.len() - 1]
        );
    }
}

/// Parses and runs `query` over everything, as the interface does for a new query.
fn timed(corpus: &Corpus, query: &str) -> (usize, Duration) {
    let start = Instant::now();
    let query = Query::parse(query).expect("a query");
    let hits = search::run(corpus, &query, Order::NewestFirst, None, &Cancel::new())
        .expect("not cancelled");
    (hits.len(), start.elapsed())
}

/// The archive at `paths`, loaded as the interface loads it.
fn loaded(paths: &[std::path::PathBuf]) -> Corpus {
    let start = Instant::now();
    let corpus = corpus::loaded(paths);
    println!(
        "loaded {} articles from {paths:?} in {:.2?}",
        corpus.len(),
        start.elapsed()
    );
    corpus
}

/// `n` synthetic articles in 4 chunks, bodies in memory.
fn generated(n: usize) -> Corpus {
    let corpus = corpus::generated(n, 4, true);
    println!("generated {n} articles");
    corpus
}
