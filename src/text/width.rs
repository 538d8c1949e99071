//! Display widths measured exactly as ratatui's buffer measures them, and the list-column helpers
//! built on them: [`truncate`] with an ellipsis and [`pad`] to an exact width.
//!
//! ratatui's `Buffer::set_stringn` splits a string into extended grapheme clusters, skips every
//! cluster that contains a control character, measures the rest with
//! [`ratatui::buffer::CellWidth`] and skips clusters of width 0. We use the same trait, so a line
//! this module calls W wide fills exactly W cells: emoji ZWJ sequences, flags and VS16 sequences
//! are one 2-wide cluster, combining marks add nothing to their base, and a lone leading mark
//! (a cluster of width 0) gets no cell at all.

use std::borrow::Cow;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// Cells one grapheme cluster occupies when ratatui draws it (0 when it is not drawn at all).
pub(crate) fn grapheme_width(grapheme: &str) -> usize {
    match grapheme.as_bytes() {
        [] => 0,
        [b] => usize::from(!b.is_ascii_control()),
        _ if grapheme.contains(char::is_control) => 0,
        _ => usize::from(grapheme.cell_width()),
    }
}

/// Display width of `text` in terminal cells, as ratatui's buffer counts it.
pub fn width(text: &str) -> usize {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text.len();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// Cuts `text` to at most `width` columns, ending in `…` when anything was cut.
pub(crate) fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    truncate_with(text, width, "…")
}

/// Cuts `text` to at most `width` columns, ending in `ellipsis` when anything was cut (the
/// ellipsis itself is cut when the column is narrower than it).
pub(crate) fn truncate_with<'a>(text: &'a str, width: usize, ellipsis: &str) -> Cow<'a, str> {
    if self::width(text) <= width {
        return Cow::Borrowed(text);
    }
    let ellipsis = match self::width(ellipsis) {
        w if w <= width => ellipsis,
        _ => take_columns(ellipsis, width),
    };
    let room = width - self::width(ellipsis);
    let mut out = String::from(take_columns(text, room));
    out.push_str(ellipsis);
    Cow::Owned(out)
}

/// Truncates (with `…`) and then pads `text` with spaces to exactly `width` columns.
pub(crate) fn pad(text: &str, width: usize) -> String {
    pad_with(text, width, "…")
}

/// [`pad`] with a chosen ellipsis (see [`crate::text::Chrome::ellipsis`]).
pub(crate) fn pad_with(text: &str, width: usize, ellipsis: &str) -> String {
    let cut = truncate_with(text, width, ellipsis);
    let used = self::width(&cut);
    let mut out = String::with_capacity(cut.len() + width - used);
    out.push_str(&cut);
    out.extend(std::iter::repeat_n(' ', width - used));
    out
}

/// The longest prefix of `text`, on a grapheme boundary, that is at most `width` columns wide.
fn take_columns(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, g) in text.grapheme_indices(true) {
        used += grapheme_width(g);
        if used > width {
            return &text[..at];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_two_cells_ascii_one() {
        assert_eq!(width("中文"), 4);
        assert_eq!(width("abc"), 3);
        assert_eq!(width("中a，"), 5);
    }

    #[test]
    fn emoji_sequences_are_one_two_cell_cluster() {
        for emoji in ["👩‍🔬", "❤️", "1️⃣", "🇨🇳", "👍🏽", "🌞"] {
            assert_eq!(width(emoji), 2, "{emoji:?}");
        }
        assert_eq!(width("a🌞b"), 4);
    }

    #[test]
    fn combining_marks_attach_and_a_lone_leading_mark_takes_no_cell() {
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("\u{301}孤立"), 4);
        assert_eq!(width("か\u{3099}"), 2);
    }

    #[test]
    fn control_characters_take_no_cell() {
        assert_eq!(width("a\tb"), 2);
        assert_eq!(width("a\u{1b}b"), 2);
    }

    #[test]
    fn ambiguous_characters_are_narrow() {
        assert_eq!(width("“‘—…·°①※→×─│"), 12);
    }

    #[test]
    fn width_matches_what_ratatui_draws() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        let samples = [
            "要牢固树立“四个意识”，深刻",
            "👩‍🔬科学 ❤️爱 1️⃣一 🇨🇳国 👍🏽",
            "\u{301}孤立 e\u{301} 变音 か\u{3099} ｶﾞ ﾞ",
            "a\tb\u{1b}c",
        ];
        for s in samples {
            let mut buf = Buffer::empty(Rect::new(0, 0, 80, 1));
            let (x, _) = buf.set_stringn(0, 0, s, 80, ratatui::style::Style::default());
            assert_eq!(usize::from(x), width(s), "{s:?}");
        }
    }

    #[test]
    fn truncate_keeps_what_fits_and_adds_an_ellipsis() {
        assert_eq!(truncate("中文标题", 8), "中文标题");
        assert_eq!(truncate("中文标题", 7), "中文标…");
        assert_eq!(truncate("中文标题", 6), "中文…");
        assert_eq!(truncate("中文标题", 1), "…");
        assert_eq!(truncate("中文标题", 0), "");
        assert_eq!(truncate_with("中文标题", 6, "..."), "中...");
        assert_eq!(truncate_with("中文标题", 2, "..."), "..");
        assert!(matches!(truncate("abc", 3), Cow::Borrowed(_)));
    }

    #[test]
    fn pad_gives_exactly_the_width() {
        for w in 0..12 {
            for s in ["中文标题", "ab", "中a🇨🇳", ""] {
                assert_eq!(width(&pad(s, w)), w, "{s:?} at {w}");
                assert_eq!(width(&pad_with(s, w, "...")), w, "{s:?} at {w}");
            }
        }
        assert_eq!(pad("中文标题", 7), "中文标…");
        assert_eq!(pad("中文", 5), "中文 ");
    }
}
