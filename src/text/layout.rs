//! An article laid out at one width: header and body blocks wrapped into rows, addressable by
//! row index, with the reading position kept as (block, byte offset) across width changes.
//!
//! The layout is lazy and cached. At each width the blocks are wrapped from the top, one line at
//! a time, only as far as a caller has asked ([`Layout::rows`], [`Layout::position_at`],
//! [`Layout::row_of`]); so the first screen of a 10 MB article costs a screenful of wrapping, even
//! when the whole article is one paragraph. Rows are not stored: a checkpoint every 32 rows turns
//! rows into positions and back by binary search and a short walk (`at_width`), and the blocks'
//! text lives in one string (`doc`), so memory stays a small fraction of the text at any width
//! and however many paragraphs there are. [`Layout::layout_some`] finishes the layout in slices the
//! interface can run between frames; until [`Layout::is_complete`],
//! [`Layout::estimated_total_rows`] gives a flagged estimate for the scrollbar, while
//! [`Layout::total_rows`] is always exact and therefore completes the layout (use it only off the
//! first-screen path, as `juan show` does). Everything that lays out takes `&mut self`; the
//! interface calls [`Layout::prepare`] in its update step and draws with
//! [`Layout::laid_out_rows`] from `&self`. The last few widths stay cached, so resizing back and
//! forth does not wrap again. `set_width(usize::MAX)` means unwrapped: one row per block, built
//! without measuring anything.
//!
//! Rows: the header (title and meta blocks) is one group, then one blank row before every
//! paragraph, so one blank row after the header and between paragraphs.

#[cfg(test)]
use crate::text::wrap::Work;

mod at_width;
mod doc;
mod reader;
#[cfg(test)]
mod tests;

use at_width::{AtWidth, RowAt};
use doc::Doc;

/// How many widths besides the current one stay laid out.
const CACHED_WIDTHS: usize = 3;

/// What a block of the document is, so the interface can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The headline.
    Title,
    /// Date, source, URL lines.
    Meta,
    /// A paragraph of the body.
    Body,
}

/// One unit of text that wraps on its own: a title, a metadata line, a paragraph (what
/// [`Layout::new`] is made of).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its text, already in display form (see [`crate::text::for_display`]).
    pub text: String,
}

/// A place in the text that survives a change of width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// Index of the block.
    pub block: usize,
    /// Byte offset of the start of a row within that block.
    pub byte: usize,
}

/// One screen row: a slice of a block, or a blank separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<'a> {
    /// The kind of the block this row belongs to (`Body` for a separator).
    pub kind: BlockKind,
    /// The text to draw (empty for a separator row).
    pub text: &'a str,
    /// Where `text` starts in `Layout::text` (for a separator, where the `\n` before its
    /// block is), so a match found in the whole text can be marked on the rows that show it.
    pub offset: usize,
}

/// A document laid out at one width (lazily, see the module docs).
#[derive(Debug, Clone)]
pub struct Layout {
    doc: Doc,
    current: AtWidth,
    /// Other widths laid out recently, most recent last.
    cached: Vec<AtWidth>,
}

impl Layout {
    /// A layout of arbitrary blocks, unwrapped until [`Layout::set_width`] is called.
    pub fn new(blocks: Vec<Block>) -> Layout {
        let mut doc = Doc::with_capacity(blocks.iter().map(|b| b.text.len() + 1).sum());
        for block in &blocks {
            doc.push(block.kind, &block.text);
        }
        Layout::of_doc(doc)
    }

    fn of_doc(doc: Doc) -> Layout {
        Layout {
            current: AtWidth::new(usize::MAX, &doc),
            doc,
            cached: Vec::new(),
        }
    }

    /// How many blocks the document has.
    #[cfg(test)]
    pub(crate) fn block_count(&self) -> usize {
        self.doc.len()
    }

    /// The kind and text of block `index`, if there is one.
    #[cfg(test)]
    pub(crate) fn block(&self, index: usize) -> Option<(BlockKind, &str)> {
        (index < self.doc.len()).then(|| (self.doc.kind(index), self.doc.text(index)))
    }

    /// Lays the document out at `width` columns (0 counts as 1; `usize::MAX` means unwrapped).
    /// Cheap: nothing is wrapped until rows are asked for, and recent widths are kept.
    pub fn set_width(&mut self, width: usize) {
        let width = width.max(1);
        if width == self.current.width() {
            return;
        }
        let next = match self.cached.iter().position(|c| c.width() == width) {
            Some(i) => self.cached.remove(i),
            None => AtWidth::new(width, &self.doc),
        };
        let previous = std::mem::replace(&mut self.current, next);
        self.cached.push(previous);
        if self.cached.len() > CACHED_WIDTHS {
            self.cached.remove(0);
        }
    }

    /// The width the rows are laid out at.
    pub(crate) fn width(&self) -> usize {
        self.current.width()
    }

    /// True once every block is laid out at the current width.
    pub(crate) fn is_complete(&self) -> bool {
        self.current.is_complete()
    }

    /// Lays out about `budget_bytes` more bytes of text at the current width; returns
    /// [`Layout::is_complete`]. The interface calls it between frames to finish the layout.
    pub(crate) fn layout_some(&mut self, budget_bytes: usize) -> bool {
        self.current.grow_by(&self.doc, budget_bytes)
    }

    /// What wrapping has examined at the current width so far (see [`Work`]).
    #[cfg(test)]
    pub(crate) fn work(&self) -> Work {
        self.current.work()
    }

    /// How many rows are laid out so far (all of them once complete).
    pub(crate) fn known_rows(&self) -> usize {
        self.current.known_rows()
    }

    /// The total row count without laying anything out: exact once [`Layout::is_complete`],
    /// before that an estimate from the rows per byte seen so far.
    pub(crate) fn estimated_total_rows(&self) -> usize {
        self.current.estimated_rows()
    }

    /// How many rows the whole document takes: exact, so it completes the layout first.
    pub fn total_rows(&mut self) -> usize {
        self.current.grow_by(&self.doc, usize::MAX);
        self.current.known_rows()
    }

    /// Up to `count` rows starting at row `top` (fewer at the end of the document); lays out
    /// only as far as row `top + count`.
    pub fn rows(&mut self, top: usize, count: usize) -> Vec<Row<'_>> {
        self.prepare(top, count);
        self.laid_out_rows(top, count)
    }

    /// Lays out rows `top..top + count` (and everything above them) without returning them:
    /// the interface's update step calls it so that drawing, which only has `&self`, can use
    /// [`Layout::laid_out_rows`].
    pub(crate) fn prepare(&mut self, top: usize, count: usize) {
        let last = top.saturating_add(count).saturating_sub(1);
        self.current.grow_to_row(&self.doc, last);
    }

    /// The rows `top..top + count` that are already laid out (see [`Layout::prepare`]); lays out
    /// nothing, so it may return fewer rows than [`Layout::rows`] would.
    pub(crate) fn laid_out_rows(&self, top: usize, count: usize) -> Vec<Row<'_>> {
        self.current
            .rows_at(&self.doc, top, count)
            .into_iter()
            .map(|at| match at {
                RowAt::Blank(block) => Row {
                    kind: BlockKind::Body,
                    text: "",
                    offset: self.doc.offset(block).saturating_sub(1),
                },
                RowAt::Line(block, range) => Row {
                    kind: self.doc.kind(block),
                    offset: self.doc.offset(block) + range.start,
                    text: &self.doc.text(block)[range],
                },
            })
            .collect()
    }

    /// The whole text, every block followed by `\n` but the last: what a find in the article
    /// reads. Its byte offsets turn into positions with [`Layout::position_of`].
    pub(crate) fn text(&self) -> &str {
        self.doc.whole()
    }

    /// The position of byte `offset` of [`Layout::text`] (a `\n` between blocks is the end of
    /// the block before it; offsets past the end, the end of the last block).
    pub(crate) fn position_of(&self, offset: usize) -> Position {
        let offset = offset.min(self.doc.whole().len());
        match self.doc.block_at(offset) {
            Some(block) => Position {
                block,
                byte: offset - self.doc.offset(block),
            },
            None => Position::default(),
        }
    }

    /// Where `pos` is in [`Layout::text`] (positions past the end: its length).
    pub(crate) fn offset_of(&self, pos: Position) -> usize {
        if pos.block >= self.doc.len() {
            return self.doc.whole().len();
        }
        (self.doc.offset(pos.block) + pos.byte).min(self.doc.whole().len())
    }

    /// Where the first body paragraph starts in [`Layout::text`] (the text's length when
    /// there is none): a body search starts there.
    pub(crate) fn body_offset(&self) -> usize {
        (0..self.doc.len())
            .find(|&b| self.doc.kind(b) == BlockKind::Body)
            .map_or(self.doc.whole().len(), |b| self.doc.offset(b))
    }

    /// The text position shown at row `row` (the last row's beyond the end). A blank row gives
    /// the start of the block after it.
    pub fn position_at(&mut self, row: usize) -> Position {
        self.current.grow_to_row(&self.doc, row);
        let row = row.min(self.current.known_rows().saturating_sub(1));
        match self.current.row_at(&self.doc, row) {
            Some(RowAt::Blank(block)) => Position { block, byte: 0 },
            Some(RowAt::Line(block, range)) => Position {
                block,
                byte: range.start,
            },
            None => Position::default(),
        }
    }

    /// Lays out toward `pos` as [`Layout::row_of`] would, but only about `budget_bytes` more
    /// text; true once the row that shows `pos` is laid out (then `row_of(pos)` lays out
    /// nothing). The reader uses it to keep its place after a resize without waiting.
    pub(crate) fn lay_out_toward(&mut self, pos: Position, budget_bytes: usize) -> bool {
        if pos.block >= self.doc.len() {
            return self.layout_some(budget_bytes);
        }
        self.current
            .grow_to_byte_within(&self.doc, pos.block, pos.byte, budget_bytes)
    }

    /// The row that shows `pos` (the line whose text holds that byte); positions past the end
    /// give the last row.
    pub fn row_of(&mut self, pos: Position) -> usize {
        if pos.block >= self.doc.len() {
            return self.total_rows().saturating_sub(1);
        }
        self.current.grow_to_byte(&self.doc, pos.block, pos.byte);
        self.current
            .row_of(&self.doc, pos.block, pos.byte)
            .unwrap_or(0)
    }
}
