//! Layout speed on a 10 MB article (issue 3): the seed sentence repeated as one paragraph and as
//! 20,000 paragraphs, at 80 columns. Targets (release): first screen ≤ 50 ms, full layout ≤ 0.5 s.
//! Medians measured on the 2-core build machine (shared, loaded): first screen 0.18 ms (one
//! paragraph) and 0.09 ms (20,000 paragraphs); full layout 196 ms and 262 ms.
//!
//! Then the hostile inputs of issue 11 (`layout_hostile`): one paragraph that is one unbroken
//! word, a run of `，`, of `—`, of `…`, of `“`, of emoji ZWJ sequences, or a mix, at 12 columns
//! and 100 KB, 1 MB and 10 MB. Laying out is linear when the time per MB (criterion's
//! throughput) is the same at every size. `cargo bench --bench layout -- layout_hostile`.
//! Medians in ms per MiB at 100 KB / 1 MB / 10 MB, measured on the 2-core machine under a load
//! of about 4 (the seed paragraph above took 53 ms per MiB in the same run, 20 when quiet):
//! unbroken word 96 / 79 / 88, `，` 61 / 50 / 55, `—` 38 / 32 / 42, `…` 45 / 34 / 37, `“` 53 /
//! 53 / 47, emoji ZWJ 67 / 70 / 60, mixed 73 / 100 / 94. Before (quadratic), 100 KB alone took
//! 5.0 s as an unbroken word and 1.1 s as `，`.
//!
//! Last, opening a 50 MB article whose body is one line (`layout_open_50mb`): the reader's first
//! screen (`Detail::new` and its first `resize`, what stands between the key and the first frame)
//! and the whole layout that `G` finishes between events. Same run: first screen 101 ms (one
//! word) and 107 ms (Chinese), nearly all of it copying the body once; to the end 4.1 s and 1.9 s.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use juan::Article;
use juan::app::Detail;
use juan::text::AmbiguousWidth;
use juan::text::{Block, BlockKind, Layout};

const SEED: &str = "要牢固树立“四个意识”，深刻认识到做好新形势下人大工作，是提高党的执政能力、巩固党的执政地位的内在要求，";
const TEN_MB: usize = 10 * 1024 * 1024;
const WIDTH: usize = 80;
const SCREEN: usize = 50;

fn blocks(paragraphs: usize) -> Vec<Block> {
    let per_paragraph = TEN_MB / paragraphs / SEED.len() + 1;
    let text = SEED.repeat(per_paragraph);
    let mut blocks = vec![Block {
        kind: BlockKind::Title,
        text: "中共长春市委人大工作会议召开".into(),
    }];
    blocks.extend((0..paragraphs).map(|_| Block {
        kind: BlockKind::Body,
        text: text.clone(),
    }));
    blocks
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout_10mb");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    for (name, paragraphs) in [("one_paragraph", 1), ("20000_paragraphs", 20_000)] {
        let doc = blocks(paragraphs);
        group.bench_function(format!("{name}/first_screen"), |b| {
            b.iter_batched(
                || Layout::new(doc.clone()),
                |mut layout| {
                    layout.set_width(WIDTH);
                    black_box(layout.rows(0, SCREEN).len());
                    layout
                },
                BatchSize::PerIteration,
            )
        });
        group.bench_function(format!("{name}/full"), |b| {
            b.iter_batched(
                || Layout::new(doc.clone()),
                |mut layout| {
                    layout.set_width(WIDTH);
                    black_box(layout.total_rows());
                    layout
                },
                BatchSize::PerIteration,
            )
        });
        group.bench_function(format!("{name}/scroll_to_end"), |b| {
            b.iter_batched(
                || Layout::new(doc.clone()),
                |mut layout| {
                    layout.set_width(WIDTH);
                    let total = layout.total_rows();
                    black_box(layout.rows(total - SCREEN, SCREEN).len());
                    layout
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// The hostile paragraphs: a name and the piece repeated to make them.
const HOSTILE: &[(&str, &str)] = &[
    ("unbroken_word", "a"),
    ("commas", "，"),
    ("dashes", "—"),
    ("ellipses", "…"),
    ("open_quotes", "“"),
    ("emoji_zwj", "👩‍🔬"),
    (
        "mixed",
        "aaaaaaaaaaaaaaaaaaaa，，，，，，——————……“““👩‍🔬👨‍👩‍👧‍👦🇨🇳🇨",
    ),
];
const HOSTILE_WIDTH: usize = 12;
const HOSTILE_SIZES: &[(&str, usize)] = &[
    ("100KB", 100 * 1024),
    ("1MB", 1024 * 1024),
    ("10MB", TEN_MB),
];

/// `piece` repeated to about `bytes` bytes, as the one paragraph of an article.
fn hostile(piece: &str, bytes: usize) -> Vec<Block> {
    vec![Block {
        kind: BlockKind::Body,
        text: piece.repeat(bytes.div_ceil(piece.len())),
    }]
}

fn bench_hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout_hostile");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4));
    for (name, piece) in HOSTILE {
        for (size, bytes) in HOSTILE_SIZES {
            let doc = hostile(piece, *bytes);
            group.throughput(Throughput::Bytes(doc[0].text.len() as u64));
            group.bench_function(format!("{name}/{size}/full"), |b| {
                b.iter_batched(
                    || Layout::new(doc.clone()),
                    |mut layout| {
                        layout.set_width(HOSTILE_WIDTH);
                        black_box(layout.total_rows());
                        layout
                    },
                    BatchSize::PerIteration,
                )
            });
        }
    }
    group.finish();
}

fn bench_open(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout_open_50mb");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(6));
    for (name, piece) in [("unbroken_word", "a"), ("chinese", SEED)] {
        let body = piece.repeat((50 << 20) / piece.len());
        let article = || Article {
            id: "x".into(),
            title: "中共长春市委人大工作会议召开".into(),
            body: body.clone().into(),
            ..Default::default()
        };
        group.bench_function(format!("{name}/first_screen"), |b| {
            b.iter_batched(
                article,
                |article| {
                    let mut detail = Detail::new(0, &article, AmbiguousWidth::Narrow);
                    detail.resize(WIDTH, SCREEN);
                    black_box(detail.visible().len());
                    (article, detail)
                },
                BatchSize::PerIteration,
            )
        });
        group.bench_function(format!("{name}/to_the_end"), |b| {
            b.iter_batched(
                || Layout::for_article(&article(), AmbiguousWidth::Narrow),
                |mut layout| {
                    layout.set_width(WIDTH);
                    black_box(layout.total_rows());
                    layout
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_hostile, bench_open);
criterion_main!(benches);
