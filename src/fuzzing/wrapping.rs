//! The fuzz target of the wrapper (`text::wrap`) and the list-column helpers (`pad`,
//! `truncate`): lines cover the text in order, cut on grapheme boundaries with only
//! whitespace between them, each as wide as it says and no wider than asked unless it is a
//! single grapheme wider than the width.

use unicode_segmentation::UnicodeSegmentation;

use super::checks::short;
use crate::article::normalize_body;
use crate::sanitize::clean;
use crate::text::{pad, truncate, width, wrap};

/// The first byte is the width (0–127; 0 counts as 1), the rest the text (UTF-8, undecodable
/// bytes as U+FFFD): wrapped raw, and as the reader wraps it (cleaned, paragraph by
/// paragraph).
pub fn wrapper(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let columns = usize::from(first & 0x7F);
    let text = String::from_utf8_lossy(rest);
    wrapped(&text, columns);
    for paragraph in normalize_body(&clean(&text)).split('\n') {
        wrapped(paragraph, columns);
    }
    let cut = truncate(&text, columns);
    assert!(
        width(&cut) <= columns,
        "truncate to {columns}: {}",
        short(&cut)
    );
    let padded = pad(&text, columns);
    assert!(
        width(&padded) == columns,
        "pad to {columns} gives {} columns: {}",
        width(&padded),
        short(&padded)
    );
}

/// Wraps `text` to `columns` and checks every line.
fn wrapped(text: &str, columns: usize) {
    let lines = wrap(text, columns);
    let w = columns.max(1);
    assert!(!lines.is_empty(), "no line for {}", short(text));
    let mut boundaries: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    boundaries.push(text.len());
    let on_boundary = |i: usize| boundaries.binary_search(&i).is_ok();
    let mut at = 0;
    for line in &lines {
        let range = line.range.clone();
        assert!(
            at <= range.start && range.start <= range.end && range.end <= text.len(),
            "line {line:?} out of order after byte {at} in {}",
            short(text)
        );
        assert!(
            on_boundary(range.start) && on_boundary(range.end),
            "line {line:?} cuts a grapheme in {}",
            short(text)
        );
        let gap = &text[at..range.start];
        assert!(
            gap.chars().all(char::is_whitespace),
            "{} dropped before line {line:?} at width {w} of {}",
            short(gap),
            short(text)
        );
        let shown = &text[range.clone()];
        assert!(
            line.width == width(shown),
            "line {line:?} is {} wide: {}",
            width(shown),
            short(shown)
        );
        assert!(
            line.width <= w || shown.graphemes(true).count() == 1,
            "line {line:?} wider than {w}: {}",
            short(shown)
        );
        at = range.end;
    }
    let tail = &text[at..];
    assert!(
        tail.chars().all(char::is_whitespace),
        "{} dropped at the end at width {w} of {}",
        short(tail),
        short(text)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_every_kind_of_text() {
        for input in [
            &b""[..],
            b"\x00",
            "\x05中文，标点。“引号”——破折号……省略号 https://example.com/a/b?c=d".as_bytes(),
            "\x01\u{301}👩\u{200D}🔬 🇨🇳 e\u{301}".as_bytes(),
            b"\x03aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n\r\n  \t x",
        ] {
            wrapper(input);
        }
    }
}
