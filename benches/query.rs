//! `cargo bench --bench query`: parse + search over the 20,000 real Sina titles of
//! `tests/fixtures/corpus/thucnews-titles-20k.tsv` for 20 fixed queries (Chinese, pinyin, fields),
//! and the time to build the [`Index`] they share.
//!
//! Two engines are timed on the same queries: `engine_20k`, the parallel engine the interface
//! and `juan list` run ([`juan::search::run`] over a chunked corpus, every core), which is the
//! figure the README quotes; and `reference_20k`, the sequential reference search
//! ([`juan::search::sequential`]) the property tests hold the engine to.
//!
//! Each title becomes an article whose source is its THUCNews class name (`sports`, `stocks`,
//! …) and whose date is spread deterministically over 2010–2020, so field queries have
//! something to narrow.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use juan::search::{Cancel, corpus_of, run, sequential};
use juan::{Article, DEFAULT_OFFSET_SECS, Date, Index, Order, Query, Stamp};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus/");

/// THUCNews's class names, in the order of the class numbers of the titles file (its
/// repository's `class.txt`): the articles' sources.
const CLASSES: [&str; 10] = [
    "finance",
    "realty",
    "stocks",
    "education",
    "science",
    "society",
    "politics",
    "sports",
    "game",
    "entertainment",
];

/// The fixed queries: Chinese, pinyin (syllables, initials, mixed, exact), fields, mixes.
const QUERIES: [&str; 20] = [
    "北京",
    "中国",
    "人大",
    "上海 房价",
    "'NBA",
    "股票 基金",
    "beijing",
    "bj",
    "zhongguo",
    "gupiao",
    "fangjia",
    "ccrd",
    "'dsz",
    "yinhang | 银行",
    "src:sports",
    "src:stocks date:2015",
    "date:2012-06..2013-06 股",
    "!src:finance 游戏",
    "after:2018-01-01 before:2018-12-31 中国",
    "nba src:^sports !湖人",
];

fn articles() -> Vec<Article> {
    let read = |name: &str| {
        std::fs::read_to_string(format!("{CORPUS}{name}"))
            .unwrap_or_else(|e| panic!("{CORPUS}{name}: {e}"))
    };
    let classes: Vec<String> = CLASSES.iter().map(|c| c.to_string()).collect();
    let start = 1_262_275_200_i64; // 2010-01-01T00:00:00+08:00
    read("thucnews-titles-20k.tsv")
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let (title, class) = line.split_once('\t').unwrap_or((line, "0"));
            let class: usize = class.trim().parse().unwrap_or(0);
            let day = (i as i64 * 7919) % 4018;
            Article {
                title: title.to_string(),
                source: classes.get(class).cloned().unwrap_or_default(),
                date: Date::Known(Stamp {
                    unix: start + day * 86_400 + (i as i64 % 86_400),
                    offset: DEFAULT_OFFSET_SECS,
                    has_time: true,
                }),
                ..Article::default()
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let articles = articles();
    c.bench_function("index_build_20k", |b| {
        b.iter(|| Index::build(black_box(&articles)))
    });
    let corpus = corpus_of(articles.clone());
    let mut group = c.benchmark_group("engine_20k");
    for text in QUERIES {
        group.bench_function(text, |b| {
            b.iter(|| {
                let query = Query::parse(black_box(text)).unwrap();
                run(&corpus, &query, Order::NewestFirst, None, &Cancel::new())
            })
        });
    }
    group.finish();
    let index = Index::build(&articles);
    let mut group = c.benchmark_group("reference_20k");
    for text in QUERIES {
        let hits = sequential(
            &articles,
            &index,
            &Query::parse(text).unwrap(),
            Order::NewestFirst,
        );
        eprintln!("{text:?}: {} hits", hits.len());
        group.bench_function(text, |b| {
            b.iter(|| {
                let query = Query::parse(black_box(text)).unwrap();
                sequential(&articles, &index, &query, Order::NewestFirst)
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
