//! `cargo bench --bench state`: what remembering the reader costs at scale (issue 15) — the
//! marks of 100,000 read articles and 1,000 starred and labelled ones resolved to a corpus of
//! 1M articles ([`juan::state::Flags::resolve`], what opening an archive with that state adds
//! before `is:` terms and the list's unread marks work), and `is:unread`, `is:starred`,
//! `label:` and a mark term beside a title term searched in the engine.
//!
//! ```sh
//! cargo bench --bench state                                   # 1M generated titles
//! JUAN_STATE_ARCHIVE=/tmp/juan-bench/gen-1m.jsonl cargo bench --bench state
//! ```
//!
//! The store's own costs (loading 100k marks from SQLite, storing one mark) are timed by the
//! store's bench-like test and `benches/state.sh` (whole process, `juan mark`, first frame).

use std::time::{Duration, Instant};

use juan::search::{self, Cancel};
use juan::state::{Change, Flags, Memory};
use juan::{Order, Query};

#[path = "support/corpus.rs"]
mod corpus;

fn main() {
    let corpus = match std::env::var_os("JUAN_STATE_ARCHIVE") {
        Some(path) => corpus::loaded(&[path.into()]),
        None => corpus::generated(1_000_000, 16, false),
    };
    let n = corpus.len();
    // Every tenth article read (100k of 1M), every thousandth starred and labelled.
    let mut memory = Memory::default();
    for k in 0..n {
        let id = &corpus.id(k).into_owned();
        if k % 10 == 0 {
            memory.apply(&Change::Read {
                id: id.clone(),
                read: true,
            });
        }
        if k % 1000 == 0 {
            memory.apply(&Change::Star {
                id: id.clone(),
                starred: true,
            });
            let label = format!("第{}章", k % 7);
            memory.apply(&Change::Label {
                id: id.clone(),
                label,
                on: true,
            });
        }
    }
    println!("{n} articles; {} with marks", memory.len());

    let mut times = Vec::new();
    let mut flags = Flags::default();
    for _ in 0..7 {
        let start = Instant::now();
        flags = Flags::resolve(&memory, &corpus);
        times.push(start.elapsed());
    }
    println!("resolve the marks to the corpus: {}", summary(&mut times));
    let empty = Instant::now();
    let _ = Flags::resolve(&Memory::default(), &corpus);
    println!("resolve with no marks: {:.2?}", empty.elapsed());
    assert_eq!(flags.unread(), n - n.div_ceil(10));

    let flags = std::sync::Arc::new(flags);
    // The date order is merged once and kept, as the interface's first list does.
    let _ = search::run(
        &corpus,
        &Query::default(),
        Order::NewestFirst,
        None,
        &Cancel::new(),
    );
    for text in [
        "is:unread",
        "is:starred",
        "label:第3章",
        "!is:read 经济",
        "is:starred | label:第1章",
    ] {
        let query = Query::parse(text).unwrap().with_marks(flags.clone());
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..11 {
            let start = Instant::now();
            let found = search::run(&corpus, &query, Order::NewestFirst, None, &Cancel::new());
            times.push(start.elapsed());
            hits = found.map_or(0, |h| h.len());
        }
        println!("{text:<24} {hits:>8} hits  {}", summary(&mut times));
    }
}

/// Median and max of `times`.
fn summary(times: &mut [Duration]) -> String {
    times.sort();
    format!(
        "median {:.2?}, max {:.2?}",
        times[times.len() / 2],
        times[times.len() - 1]
    )
}
