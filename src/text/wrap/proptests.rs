//! Property tests of the wrapper over random mixed strings at widths 1..=120.

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use super::rules::{is_no_line_start, is_space};
use super::*;

/// Pieces random paragraphs are made of: Chinese, Chinese punctuation, Latin, digits, spaces,
/// emoji and combining marks.
const PIECES: &[&str] = &[
    "中",
    "文",
    "国",
    "人",
    "大",
    "会",
    "议",
    "，",
    "。",
    "、",
    "；",
    "：",
    "？",
    "！",
    "“",
    "”",
    "‘",
    "’",
    "（",
    "）",
    "《",
    "》",
    "「",
    "」",
    "……",
    "——",
    "…",
    "—",
    "·",
    "%",
    "a",
    "b",
    "Z",
    "word",
    "x",
    "0",
    "1",
    "9",
    "2024",
    ".",
    ",",
    "(",
    ")",
    "/",
    "?",
    " ",
    " ",
    "  ",
    "\u{3000}",
    "\u{a0}",
    "👩‍🔬",
    "❤️",
    "1️⃣",
    "🇨🇳",
    "👍🏽",
    "🌞",
    "\u{301}",
    "e\u{301}",
    "か\u{3099}",
    "https://",
    "www.",
    "-",
];

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

fn boundaries(text: &str) -> Vec<usize> {
    let mut b: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    b.push(text.len());
    b
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn wrapped_lines_keep_every_promise(text in paragraph(), w in 1usize..=120) {
        let lines = wrap(&text, w);
        let cuts = boundaries(&text);
        prop_assert!(!lines.is_empty());
        let mut at = 0;
        for (k, line) in lines.iter().enumerate() {
            let shown = &text[line.range.clone()];
            // fits, unless it is one grapheme wider than the width
            prop_assert_eq!(line.width, crate::text::width(shown));
            prop_assert!(line.width <= w || shown.graphemes(true).count() == 1, "{:?}", line);
            // breaks on grapheme boundaries
            prop_assert!(cuts.contains(&line.range.start) && cuts.contains(&line.range.end));
            // only spaces dropped between lines
            prop_assert!(text[at..line.range.start].bytes().all(|b| b == b' '));
            at = line.range.end;
            // no closing punctuation first unless the break before was forced
            if k > 0 && !lines[k - 1].forced {
                let first = shown.graphemes(true).next().unwrap_or("");
                prop_assert!(!is_no_line_start(first), "{:?} after {:?}", shown, lines[k - 1]);
            }
            if k + 1 < lines.len() && !(k == 0 && shown.bytes().all(|b| b == b' ')) {
                prop_assert!(!shown.graphemes(true).next_back().is_some_and(is_space));
            }
        }
        prop_assert!(text[at..].bytes().all(|b| b == b' '));
        let joined: String = lines.iter().map(|l| &text[l.range.clone()]).collect();
        let without_spaces = |s: &str| s.replace(' ', "");
        prop_assert_eq!(without_spaces(&joined), without_spaces(&text));
    }

    #[test]
    fn wrapping_is_deterministic(text in paragraph(), w in 1usize..=120) {
        prop_assert_eq!(wrap(&text, w), wrap(&text, w));
    }
}
