//! `cargo bench --bench typing`: the interface's typing loop inside the engine, over 1,000,000
//! synthetic articles (`juan::synthetic`, seed 1) in 16 chunks.
//!
//! It times the index build of all chunks (in parallel, as loading does), the empty query
//! (every article in date order: the first merge, then with the merged order kept), then
//! types 10 queries one character at a time. Each keystroke is what the interface does:
//! parse (a text that parses as the query before, a space after a term, is not searched
//! again), [`search::run_paged`] within the previous hits when [`search::narrows`] allows, else
//! over everything, then [`search::Positions`] for the 40 visible rows. A keystroke's time is
//! until its first screen: the first page the search hands over early when it does, else its
//! whole answer. It prints p50 / p99 / max of those per query and overall, and p50 / max of
//! the time until the whole answer (ranked and counted), which the interface shows when it
//! comes unless the next key cancels it; the next key narrows from that whole answer. Last it
//! prints the table of issue #16's "Why" (the figures before the title search had its lists
//! and pages) with this run's row beside the rows of its size. `JUAN_TYPING_ARTICLES=100000`
//! changes the corpus size, `JUAN_TYPING_QUERIES=ccrd,北京` the queries.
//!
//! `JUAN_TYPING_ARCHIVE=/tmp/gen-1m.jsonl` types over a real archive instead, loaded as the
//! interface loads it: from the index cache when there is one (columns mapped), else parsed
//! (`JUAN_NO_CACHE=1` forces that), with the body index the cache keeps (`juan index` builds
//! it: `JUAN_TYPING_QUERIES=body:改革开放` times typing a body term). The figures in the README
//! come from this mode.

use std::time::{Duration, Instant};

use juan::search::{self, Cancel};
use juan::synthetic::Generator;
use juan::{Article, Body, Chunk, Corpus, Hit, Order, Query, archive};
use rayon::prelude::*;

/// The typed queries: Chinese, pinyin (initials, syllables), fields, operators.
const QUERIES: [&str; 10] = [
    "长春人大",
    "ccrd",
    "beijing",
    "src:晚报 经济",
    "date:2015 改革",
    "zhongguo",
    "国际新闻",
    "'NASA",
    "gaige !股",
    "xinwen 发布",
];

/// Rows the interface shows, whose match positions it computes.
const VISIBLE_ROWS: usize = 40;

fn main() {
    let n: usize = std::env::var("JUAN_TYPING_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let (corpus, build) = match std::env::var_os("JUAN_TYPING_ARCHIVE") {
        Some(path) => loaded(&[path.into()]),
        None => generated(n),
    };
    println!(
        "index build: {build:.2?} for {} articles in {} chunks ({} threads)",
        corpus.len(),
        corpus.chunks().len(),
        rayon::current_num_threads()
    );

    let empty = Query::default();
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let hits = search::run(&corpus, &empty, Order::NewestFirst, None, &Cancel::new());
        times.push(start.elapsed());
        assert_eq!(hits.map(|h| h.len()), Some(corpus.len()));
    }
    let first = times[0];
    println!(
        "empty query (all in date order): merge {first:.1?}, then kept order: {}",
        summary(&mut times[1..])
    );

    println!(
        "{:<16} {:>5} {:>9} {:>9} {:>9}  {:>9} {:>9}  hits after each key",
        "query", "keys", "p50", "p99", "max", "whole p50", "whole max"
    );
    let (mut all, mut all_wholes) = (Vec::new(), Vec::new());
    // The slowest keystroke (its text typed so far) and the query of the slowest p50.
    let (mut slowest, mut slowest_p50) = ((Duration::ZERO, String::new()), (Duration::ZERO, ""));
    let chosen = std::env::var("JUAN_TYPING_QUERIES").ok();
    let queries: Vec<&str> = match &chosen {
        Some(list) => list.split(',').collect(),
        None => QUERIES.to_vec(),
    };
    for text in queries {
        let (mut times, mut wholes, counts, typed) = type_query(&corpus, text);
        if let Some((time, key)) = times.iter().zip(&typed).max() {
            slowest = slowest.max((*time, key.to_string()));
        }
        let mut sorted = times.clone();
        sorted.sort_unstable();
        slowest_p50 = slowest_p50.max((at(&sorted, 0.5), text));
        println!(
            "{text:<16} {:>5} {}  {}  {counts:?}",
            times.len(),
            summary(&mut times),
            whole_summary(&mut wholes)
        );
        all.extend(times);
        all_wholes.extend(wholes);
    }
    println!(
        "{:<16} {:>5} {}  {}",
        "all keystrokes",
        all.len(),
        summary(&mut all),
        whole_summary(&mut all_wholes)
    );
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let today = Today {
        articles: corpus.len(),
        keys: all.len(),
        p50: ms(at(&all, 0.5)),
        p99: ms(at(&all, 0.99)),
        worst: format!(
            "`{}` {:.0} ms, `{}` p50 {:.0} ms",
            slowest.1,
            ms(slowest.0),
            slowest_p50.1,
            ms(slowest_p50.0)
        ),
    };
    print_issue_table(&today, chosen.is_some());
}

/// The figures of this run for [`print_issue_table`].
struct Today {
    /// Articles searched.
    articles: usize,
    /// Keystrokes timed.
    keys: usize,
    /// Over all keystrokes, in milliseconds.
    p50: f64,
    /// Over all keystrokes, in milliseconds.
    p99: f64,
    /// The slowest keystroke and the query of the slowest p50.
    worst: String,
}

/// The table of issue #16's "Why" (63 keystrokes of these queries, warm cache, this 2-core
/// machine, before the title search had its lists, floors and pages), with this run's
/// figures on a row of their own after the rows of its size, to read beside them.
fn print_issue_table(today: &Today, other_queries: bool) {
    const THEN: [(&str, usize, &str, &str, &str); 3] = [
        (
            "1M, `juan gen`",
            1_000_000,
            "28.6–31.7 ms",
            "90.9–100.9 ms",
            "—",
        ),
        (
            "1M, text-based generator",
            1_000_000,
            "48.3 ms",
            "141 ms",
            "`zhongguo` 144 ms, `ccrd` p50 84 ms",
        ),
        (
            "10M, `juan gen 10000000`",
            10_000_000,
            "425 ms",
            "1,254 ms",
            "`'NASA` 1,329 ms, `zhongguo` p50 863 ms",
        ),
    ];
    // The rows of the size nearest this run's (by ratio).
    let near = |n: usize| (n as f64 / today.articles.max(1) as f64).ln().abs() < 0.7;
    let today_row = format!(
        "| today, {} articles{} | {} | {:.1} ms | {:.1} ms | {} |",
        today.articles,
        if other_queries { ", other queries" } else { "" },
        today.keys,
        today.p50,
        today.p99,
        today.worst
    );
    println!();
    println!("issue #16, \"Why\": the figures then, and this run's");
    println!("| archive | keystrokes | p50 | p99 | worst query |");
    println!("|---|---|---|---|---|");
    let mut printed = false;
    for (k, (archive, n, p50, p99, worst)) in THEN.iter().enumerate() {
        println!("| {archive} (then) | 63 | {p50} | {p99} | {worst} |");
        let last_near = near(*n) && THEN.get(k + 1).is_none_or(|next| !near(next.1));
        if last_near && !printed {
            println!("{today_row}");
            printed = true;
        }
    }
    if !printed {
        println!("{today_row}");
    }
}

/// `n` synthetic articles (seed 1, bodies dropped) built into 16 chunks in parallel; the
/// corpus and the build time.
fn generated(n: usize) -> (Corpus, Duration) {
    let start = Instant::now();
    let mut generator = Generator::new(1);
    let per_chunk = n.div_ceil(16);
    let parts: Vec<Vec<Article>> = (0..n)
        .step_by(per_chunk)
        .map(|first| {
            (first..(first + per_chunk).min(n))
                .map(|_| {
                    let mut a = generator.next_article().to_article();
                    a.body = Body::default();
                    a
                })
                .collect()
        })
        .collect();
    println!("generated {n} articles in {:.2?}", start.elapsed());
    let start = Instant::now();
    let chunks: Vec<Chunk> = parts.into_par_iter().map(Chunk::build).collect();
    let build = start.elapsed();
    let mut corpus = Corpus::default();
    for chunk in chunks {
        corpus.push_chunk(chunk);
    }
    juan::heap::trim();
    (corpus, build)
}

/// The archive at `paths` loaded as the interface loads it (from the index cache when it
/// has it, the columns then views of the mapped cache file; else parsed on every core, chunks
/// built as they come; `JUAN_NO_CACHE=1` for that); the corpus and the load time.
fn loaded(paths: &[std::path::PathBuf]) -> (Corpus, Duration) {
    let start = Instant::now();
    let mut corpus = Corpus::default();
    let options = archive::LoadOptions::interactive();
    archive::load_streaming_with(paths, &options, |batch| corpus.push_chunk(batch.chunk));
    juan::heap::trim();
    // `body:` terms are answered by the body index the cache keeps (`juan index` builds it).
    corpus.read_body_indexes();
    // The interface reads the title search aids in the background once the load is done
    // (they are read on first use otherwise): a reader's first key finds them ready.
    corpus.prepare_search();
    println!(
        "loaded {} articles from {paths:?}; body index of {} chunks",
        corpus.len(),
        corpus.body_index_figures().chunks
    );
    (corpus, start.elapsed())
}

/// Types `text` one char at a time; the time of each keystroke until its first screen (the
/// first [`VISIBLE_ROWS`] hits with their positions: the page [`search::run_paged`] hands
/// over early, or the whole ranking when it has none), the time until the whole ranking, the
/// hit counts and the text typed at each key.
fn type_query<'a>(corpus: &Corpus, text: &'a str) -> Typed<'a> {
    let mut last: Option<search::Previous> = None;
    let (mut times, mut wholes, mut counts) = (Vec::new(), Vec::new(), Vec::new());
    let mut typed = Vec::new();
    for end in (1..=text.len()).filter(|&e| text.is_char_boundary(e)) {
        let start = Instant::now();
        let Ok(query) = Query::parse(&text[..end]) else {
            continue;
        };
        if let Some(previous) = last.as_ref().filter(|p| p.query == query) {
            // A space after a term: the interface lists the answer it has (`App::refilter`).
            let now = start.elapsed();
            times.push(now);
            wholes.push(now);
            counts.push(previous.hits.len());
            typed.push(&text[..end]);
            continue;
        }
        let within = last
            .as_ref()
            .filter(|previous| search::narrows(&query, &previous.query));
        let mut shown = None;
        let show = |hits: &[Hit]| {
            let mut rows = search::Positions::new(corpus, &query);
            for hit in hits.iter().take(VISIBLE_ROWS) {
                std::hint::black_box(rows.of(hit.article()));
            }
            start.elapsed()
        };
        let hits = search::run_paged(
            corpus,
            &query,
            Order::NewestFirst,
            within,
            &Cancel::new(),
            search::PAGE_ROWS,
            |page| shown = Some(show(&page.hits)),
        )
        .expect("not cancelled");
        let whole = show(&hits);
        if std::env::var_os("JUAN_TYPING_TRACE").is_some() {
            eprintln!(
                "{:?}: first {shown:?} whole {whole:?} within {:?}",
                &text[..end],
                within.map(|w| w.hits.len())
            );
        }
        times.push(shown.unwrap_or(whole));
        wholes.push(whole);
        counts.push(hits.len());
        typed.push(&text[..end]);
        // The search thread makes the answer's bitmap once it is handed over, while it
        // waits for the next key.
        let hits: std::sync::Arc<Vec<Hit>> = hits.into();
        let marks = search::Marks::default();
        marks.make(&hits, corpus.len());
        last = Some(search::Previous { query, hits, marks });
    }
    (times, wholes, counts, typed)
}

/// Per keystroke of a typed query: the time until its first screen, until its whole
/// answer, its hit count and the text typed so far.
type Typed<'a> = (Vec<Duration>, Vec<Duration>, Vec<usize>, Vec<&'a str>);

/// `p50 max` of the times until the whole ranking, in milliseconds.
fn whole_summary(times: &mut [Duration]) -> String {
    times.sort_unstable();
    let ms = |d: Duration| format!("{:>7.1}ms", d.as_secs_f64() * 1e3);
    format!(
        "{} {}",
        ms(times[(times.len() - 1) / 2]),
        ms(times[times.len() - 1])
    )
}

/// `p50 p99 max` of `times`, in milliseconds.
fn summary(times: &mut [Duration]) -> String {
    times.sort_unstable();
    let ms = |d: Duration| format!("{:>7.1}ms", d.as_secs_f64() * 1e3);
    format!(
        "{} {} {}",
        ms(at(times, 0.5)),
        ms(at(times, 0.99)),
        ms(at(times, 1.0))
    )
}

/// The quantile `q` of `sorted` (ascending, not empty): the nearest rank.
fn at(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}
