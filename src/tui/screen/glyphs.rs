//! A row of a frame as the terminal sees it: glyphs (a cell's text and the columns it
//! covers; a wide character covers two cells and the cell after it is not drawn), which of
//! them the terminal's cursor can be trusted to step over, and a hash of each row for
//! finding rows that moved.

use std::hash::{Hash, Hasher};

use ratatui::buffer::{Buffer, Cell};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One glyph of a row: the cell at column `x` drawn `width` columns wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Glyph {
    pub(crate) x: u16,
    pub(crate) width: u16,
}

/// The glyphs of row `y` of `buf`, left to right, covering every column once (a glyph that
/// would run past the right edge is cut to it).
pub(crate) fn row(buf: &Buffer, y: u16, out: &mut Vec<Glyph>) {
    out.clear();
    let w = buf.area.width;
    let mut x = 0;
    while x < w {
        let cell = &buf[(buf.area.x + x, buf.area.y + y)];
        let width = (symbol_width(cell.symbol()) as u16).clamp(1, w - x);
        out.push(Glyph { x, width });
        x += width;
    }
}

/// The columns a symbol takes: ratatui's own measure (unicode-width), so the renderer places
/// glyphs where the frame put them.
pub(crate) fn symbol_width(symbol: &str) -> usize {
    symbol.width()
}

/// For every column of a row, the column of the glyph covering it.
pub(crate) fn cover(glyphs: &[Glyph], width: u16, out: &mut Vec<u16>) {
    out.clear();
    out.resize(usize::from(width), 0);
    for g in glyphs {
        for x in g.x..g.x + g.width {
            out[usize::from(x)] = g.x;
        }
    }
}

/// True when two cells draw the same: text, colours and attributes.
pub(crate) fn same(a: &Cell, b: &Cell) -> bool {
    a.symbol() == b.symbol() && a.fg == b.fg && a.bg == b.bg && a.modifier == b.modifier
}

/// True for a cell that is a plain space with no colour or attribute (what erasing leaves).
pub(crate) fn blank(cell: &Cell) -> bool {
    cell.symbol() == " " && super::pen::Pen::of(cell) == super::pen::Pen::DEFAULT
}

/// A hash of row `y`'s cells (text, colours, attributes), all but the first and last
/// column: a pane's borders and its scrollbar do not stop its text from being seen to move
/// (the cells they differ in are drawn after the move).
pub(crate) fn row_hash(buf: &Buffer, y: u16) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let w = buf.area.width;
    let columns = if w > 2 { 1..w - 1 } else { 0..w };
    for x in columns {
        let cell = &buf[(buf.area.x + x, buf.area.y + y)];
        cell.symbol().hash(&mut h);
        cell.fg.hash(&mut h);
        cell.bg.hash(&mut h);
        cell.modifier.hash(&mut h);
    }
    h.finish()
}

/// The text to send for a symbol: itself, unless it holds a control character (C0, DEL,
/// C1: nothing from an article may drive the terminal), then a replacement of the same
/// width.
pub(crate) fn printable(symbol: &str, unicode: bool) -> &str {
    if symbol.chars().any(char::is_control) {
        if unicode { "\u{fffd}" } else { "?" }
    } else {
        symbol
    }
}

/// True when every terminal agrees on how far its cursor moves after printing `symbol`:
/// ASCII, CJK ideographs, kana, hangul and full-width forms, and narrow characters whose
/// width does not depend on the terminal's East Asian ambiguous setting. After anything else
/// (emoji, combining sequences, ambiguous-width punctuation when `ambiguous_wide`), the
/// renderer places the cursor again before the next glyph rather than trust it.
pub(crate) fn cursor_safe(symbol: &str, ambiguous_wide: bool) -> bool {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    if c.is_ascii() {
        return true;
    }
    let cp = u32::from(c);
    let east_asian_wide = matches!(cp,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF01..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if east_asian_wide {
        return true;
    }
    let narrow = c.width() == Some(1);
    let ambiguous = c.width_cjk() != c.width();
    narrow && !(ambiguous && ambiguous_wide) && !(0x2600..=0x27BF).contains(&cp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn a_wide_character_covers_two_columns_and_the_next_cell_is_not_a_glyph() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "a中b", ratatui::style::Style::default());
        let mut g = Vec::new();
        row(&buf, 0, &mut g);
        let xs: Vec<(u16, u16)> = g.iter().map(|g| (g.x, g.width)).collect();
        assert_eq!(xs, [(0, 1), (1, 2), (3, 1), (4, 1), (5, 1)]);
        let mut c = Vec::new();
        cover(&g, 6, &mut c);
        assert_eq!(c, [0, 1, 1, 3, 4, 5]);
    }

    #[test]
    fn controls_never_pass() {
        assert_eq!(printable("\u{1b}", true), "\u{fffd}");
        assert_eq!(printable("\u{9b}", false), "?");
        assert_eq!(printable("\u{7f}", true), "\u{fffd}");
        assert_eq!(printable("中", true), "中");
    }

    #[test]
    fn the_cursor_is_trusted_over_ascii_and_cjk_only() {
        for s in ["a", "中", "。", "Ａ", "한", "│"] {
            assert!(cursor_safe(s, false), "{s}");
        }
        assert!(!cursor_safe("│", true), "box drawing is ambiguous width");
        for s in ["😀", "e\u{301}", "☀", "❤\u{fe0f}"] {
            assert!(!cursor_safe(s, false), "{s}");
        }
    }
}
