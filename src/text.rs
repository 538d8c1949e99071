//! Terminal-free text measurement and layout: display widths, the Chinese-aware line wrapper,
//! truncation for list columns, and the ambiguous-width policy (DESIGN §4).
//!
//! STUB: the text-layout work replaces this naive version, keeping the API.

use std::borrow::Cow;
use std::ops::Range;

use unicode_width::UnicodeWidthStr;

pub mod layout;

/// How East Asian Ambiguous characters (`“ ” — … ·`, box drawing) are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum AmbiguousWidth {
    /// One column, as ratatui and most terminals count them.
    #[default]
    Narrow,
    /// Two columns in the terminal: juan maps them to unambiguous characters and draws ASCII chrome.
    Wide,
}

/// Display width of `text` in terminal cells, as ratatui's buffer counts it.
pub fn width(text: &str) -> usize {
    text.width()
}

/// One wrapped line: a byte range of the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Byte range into the paragraph (spaces dropped at the break are outside it).
    pub range: Range<usize>,
    /// True when no legal break fitted and the line was cut at a grapheme boundary.
    pub forced: bool,
}

/// Wraps one paragraph to `width` columns.
pub fn wrap(paragraph: &str, width: usize) -> Vec<Line> {
    let width = width.max(2);
    let mut out = Vec::new();
    let mut start = 0;
    let mut w = 0;
    for (i, c) in paragraph.char_indices() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > width && i > start {
            out.push(Line {
                range: start..i,
                forced: true,
            });
            start = i;
            w = 0;
        }
        w += cw;
    }
    if start < paragraph.len() || out.is_empty() {
        out.push(Line {
            range: start..paragraph.len(),
            forced: false,
        });
    }
    out
}

/// Cuts `text` to at most `width` columns, ending in `…` when anything was cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if self::width(text) <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        w += cw;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

/// Truncates and then pads `text` with spaces to exactly `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let t = truncate(text, width);
    let w = self::width(&t);
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

/// The displayed copy of `text` under `mode`: unchanged when narrow; when wide, ambiguous
/// characters mapped to ones whose width does not depend on the terminal.
pub fn for_display(text: &str, mode: AmbiguousWidth) -> Cow<'_, str> {
    match mode {
        AmbiguousWidth::Narrow => Cow::Borrowed(text),
        AmbiguousWidth::Wide => Cow::Owned(text.replace('“', "「").replace('”', "」")),
    }
}
