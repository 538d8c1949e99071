//! Wrapping is linear in the length of the text for every input (issue 11, row 9), proved by
//! counting what it examines ([`Work`]), not by the clock: the hostile paragraphs (one unbroken
//! word, runs of `，` `—` `…` `“`, emoji ZWJ sequences, a mix) cost the same per byte at 10 KB,
//! 100 KB and 1 MB, and random paragraphs of long runs stay under a fixed multiple of their
//! length.

use proptest::prelude::*;

use super::*;

/// The hostile pieces: each repeated makes a paragraph with no break for UAX #14.
const HOSTILE: &[&str] = &[
    "a",
    "，",
    "—",
    "…",
    "“",
    "👩‍🔬",
    "👨‍👩‍👧‍👦",
    "🇨",
    "e\u{301}",
    "\u{2060}",
    " ",
    "\u{3000}",
    "aaaaaaaaaaaaaaaaaaaa，，，，，，——————……“““👩‍🔬👨‍👩‍👧‍👦🇨🇳🇨",
];

/// Work per byte of `piece` repeated to about `bytes`, wrapped at `width`.
fn per_byte(piece: &str, bytes: usize, width: usize) -> (f64, f64) {
    let text = piece.repeat(bytes.div_ceil(piece.len()));
    let mut work = Work::default();
    let lines = wrap_counted(&text, width, &mut work);
    assert!(!lines.is_empty());
    let n = text.len() as f64;
    (work.bytes as f64 / n, work.graphemes as f64 / n)
}

#[test]
fn hostile_paragraphs_cost_the_same_per_byte_at_every_size() {
    let mut wrong = Vec::new();
    for piece in HOSTILE {
        for width in [1, 12, 80] {
            let costs = [10_000, 100_000].map(|n| per_byte(piece, n, width));
            let [(small, small_g), (large, large_g)] = costs;
            // a bounded multiple of the text, at every width …
            let bound = 4.0 + (2 * width + 24) as f64 / piece.len().min(width) as f64;
            if large > bound || large_g > 3.0 {
                wrong.push(format!("{piece:?} at {width}: {large}, {large_g} a byte"));
            }
            // … and flat: ten times the text costs ten times the work (give or take how the
            // doubling windows fall on long lines), where a quadratic cost would be ten times
            // more per byte
            if large > small * 1.25 + 0.01 || large_g > small_g * 1.25 + 0.01 {
                wrong.push(format!("{piece:?} at {width}: {costs:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_issues_inputs_cost_the_same_per_byte_at_10_kb_and_at_1_mb() {
    for piece in ["a", "，", "—", "👩‍🔬"] {
        let (small, small_g) = per_byte(piece, 10_000, 12);
        let (large, large_g) = per_byte(piece, 1_000_000, 12);
        assert!(large <= small * 1.05 + 0.01, "{piece}: {small} → {large}");
        assert!(
            large_g <= small_g * 1.05 + 0.01,
            "{piece}: {small_g} → {large_g}"
        );
        // an unbroken word at width 12: each byte examined a few times, not once a line
        assert!(large < 6.0 && large_g < 1.2, "{piece}: {large}, {large_g}");
    }
}

#[test]
fn zero_width_runs_are_cut_into_lines_of_bounded_length() {
    let text = format!("中{}", "\u{2060}".repeat(100_000));
    let lines = wrap(&text, 12);
    assert!(lines.len() > 1);
    for l in &lines {
        assert!(
            l.range.len() <= MAX_LINE_BYTES + 16 * 12 + 3,
            "{:?}",
            l.range
        );
    }
    assert_eq!(lines.last().unwrap().range.end, text.len());
    assert!(lines[0].forced);
}

/// A paragraph of long runs of hostile and ordinary pieces.
fn runs() -> impl Strategy<Value = String> {
    let ordinary = [
        "中文",
        "word ",
        "，",
        "。",
        "\n",
        " ",
        "https://example.com/a?b",
    ];
    let pieces: Vec<&'static str> = HOSTILE.iter().chain(ordinary.iter()).copied().collect();
    prop::collection::vec((prop::sample::select(pieces), 1usize..1000), 1..6)
        .prop_map(|runs| runs.into_iter().map(|(p, n)| p.repeat(n)).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn work_is_a_bounded_multiple_of_the_text(text in runs(), width in 1usize..=120) {
        let mut work = Work::default();
        let lines = wrap_counted(&text, width, &mut work);
        let n = text.len() + 1;
        // each line reads its own bytes, at most its first UAX #14 window more, and the
        // windows it doubles into (at most four times its bytes)
        let bound = 8 * n + (2 * width + 24) * lines.len();
        prop_assert!(work.bytes <= bound, "{:?} > {} for {} lines", work, bound, lines.len());
        prop_assert!(lines.len() <= n);
        prop_assert!(work.graphemes <= 3 * n, "{:?}", work);
    }
}
