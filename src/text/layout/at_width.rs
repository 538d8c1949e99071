//! One document laid out at one width, built lazily from the top down to a frontier.
//!
//! Rows are not stored. What is kept is a checkpoint every [`CHECKPOINT_ROWS`] rows (or 64 KiB):
//! the row, its block and the [`LineStart`] wrapping stands at there. A row's text is found by
//! wrapping again from the checkpoint before it (at most [`CHECKPOINT_ROWS`] lines); the row of a
//! text position by binary search over the checkpoints and the same short walk. So memory is a
//! few bytes per 32 rows whatever the width (a 50 MB paragraph at width 1 is 50 million rows: 16 bytes each
//! would be 800 MB per width), and laying out costs what wrapping costs: linear in the text,
//! counted in [`Work`] ([`next_line_counted`] carries a [`LineStart`] from one line to the next,
//! so no line looks back).

use std::ops::Range;

use super::BlockKind;
use super::doc::Doc;
use crate::text::wrap::{LineStart, Work, next_line_counted};

/// How many rows, and about how many bytes, one step of [`AtWidth::step`] lays out before its
/// caller checks its goal.
const ROWS_PER_STEP: usize = 64;
const BYTES_PER_STEP: usize = 64 * 1024;

/// Rows between two checkpoints (the most lines a lookup wraps again), unless they hold more than
/// [`CHECKPOINT_BYTES`] (rows of zero-width characters can be 64 KiB each).
const CHECKPOINT_ROWS: usize = 32;
const CHECKPOINT_BYTES: usize = 64 * 1024;

/// Where a row falls: a blank separator before a block, or a line of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RowAt {
    /// The blank row before block `.0`.
    Blank(usize),
    /// Block `.0`, bytes `.1`.
    Line(usize, Range<usize>),
}

/// The place of one row: its index, its block, and where its line starts (`None`: it is the
/// blank row before the block).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cursor {
    row: usize,
    block: usize,
    line: Option<LineStart>,
}

impl Cursor {
    /// Orders places in the text: by block, the blank row first, then by byte.
    fn key(&self) -> (usize, bool, usize) {
        (
            self.block,
            self.line.is_some(),
            self.line.map_or(0, |l| l.byte),
        )
    }
}

/// A document laid out at one width, from the top down to a frontier.
#[derive(Debug, Clone)]
pub(super) struct AtWidth {
    width: usize,
    /// The place of every [`CHECKPOINT_ROWS`]-th row laid out (rows 0, 32, 64, …).
    checkpoints: Vec<Cursor>,
    /// The place of the next row to lay out; `None` once complete.
    frontier: Option<Cursor>,
    /// Rows laid out so far.
    known_rows: usize,
    /// Bytes of text laid out so far, of all bytes (blocks counted with one separator byte).
    bytes_done: usize,
    total_bytes: usize,
    /// What wrapping has examined so far (lookups that wrap again are not counted).
    work: Work,
}

/// Where `at` is in the count of all bytes (blocks counted with one separator byte).
fn place(doc: &Doc, at: &Cursor) -> usize {
    doc.offset(at.block) + at.line.map_or(0, |l| l.byte)
}

/// True when no blank row separates block `kind` from the block `before` it: the header (title
/// and meta lines) stays together.
fn joins(before: BlockKind, kind: BlockKind) -> bool {
    before != BlockKind::Body && kind != BlockKind::Body
}

/// The place of the first row of block `block`, which is row `row`; `None` past the last block.
fn block_start(doc: &Doc, block: usize, row: usize) -> Option<Cursor> {
    if block >= doc.len() {
        return None;
    }
    let blank = block > 0 && !joins(doc.kind(block - 1), doc.kind(block));
    Some(Cursor {
        row,
        block,
        line: (!blank).then_some(LineStart::PARAGRAPH),
    })
}

impl AtWidth {
    /// An empty layout at `width` (`usize::MAX`: unwrapped).
    pub(super) fn new(width: usize, doc: &Doc) -> AtWidth {
        AtWidth {
            width,
            checkpoints: Vec::new(),
            frontier: block_start(doc, 0, 0),
            known_rows: 0,
            bytes_done: 0,
            total_bytes: doc.total_bytes(),
            work: Work::default(),
        }
    }

    pub(super) fn width(&self) -> usize {
        self.width
    }

    pub(super) fn is_complete(&self) -> bool {
        self.frontier.is_none()
    }

    pub(super) fn known_rows(&self) -> usize {
        self.known_rows
    }

    #[cfg(test)]
    pub(super) fn work(&self) -> Work {
        self.work
    }

    /// The exact row count when complete, else the rows known plus the rest of the text at the
    /// rows-per-byte rate seen so far.
    pub(super) fn estimated_rows(&self) -> usize {
        if self.is_complete() {
            return self.known_rows;
        }
        let rest = self.total_bytes.saturating_sub(self.bytes_done) as f64;
        let rate = self.known_rows.max(1) as f64 / self.bytes_done.max(1) as f64;
        self.known_rows + (rest * rate).ceil() as usize
    }

    /// The row at `at` and the place of the row after it (`None` at the end of the document).
    fn advance(&self, doc: &Doc, at: Cursor, work: &mut Work) -> (RowAt, Option<Cursor>) {
        let Some(start) = at.line else {
            let line = Cursor {
                row: at.row + 1,
                line: Some(LineStart::PARAGRAPH),
                ..at
            };
            return (RowAt::Blank(at.block), Some(line));
        };
        let text = doc.text(at.block);
        let (range, next) = if self.width == usize::MAX {
            (start.byte..text.len(), None)
        } else {
            let (line, next) = next_line_counted(text, start, self.width, work);
            (line.range, next)
        };
        let after = match next {
            Some(next) => Some(Cursor {
                row: at.row + 1,
                line: Some(next),
                ..at
            }),
            None => block_start(doc, at.block + 1, at.row + 1),
        };
        (RowAt::Line(at.block, range), after)
    }

    /// Lays out up to [`ROWS_PER_STEP`] more rows, or about [`BYTES_PER_STEP`] bytes. Returns
    /// the bytes of text it covered.
    fn step(&mut self, doc: &Doc) -> usize {
        let before = self.bytes_done;
        let mut work = self.work;
        for _ in 0..ROWS_PER_STEP {
            let Some(at) = self.frontier else { break };
            let since = self.checkpoints.last().map_or(0, |c| place(doc, c));
            let here = place(doc, &at);
            if at.row % CHECKPOINT_ROWS == 0 || here - since >= CHECKPOINT_BYTES {
                self.checkpoints.push(at);
            }
            self.frontier = self.advance(doc, at, &mut work).1;
            self.known_rows = at.row + 1;
            self.bytes_done = self.frontier.map_or(self.total_bytes, |c| place(doc, &c));
            if self.bytes_done - before >= BYTES_PER_STEP {
                break;
            }
        }
        self.work = work;
        self.bytes_done - before
    }

    /// Lays out at least `budget` more bytes of text (or to the end). Returns true when complete.
    pub(super) fn grow_by(&mut self, doc: &Doc, budget: usize) -> bool {
        let mut covered = 0;
        while !self.is_complete() && covered < budget.max(1) {
            covered += self.step(doc).max(1);
        }
        self.is_complete()
    }

    /// Lays out until row `row` is known (or the document is complete).
    pub(super) fn grow_to_row(&mut self, doc: &Doc, row: usize) {
        while !self.is_complete() && self.known_rows <= row {
            self.step(doc);
        }
    }

    /// Lays out until the line holding byte `byte` of block `block` is known.
    pub(super) fn grow_to_byte(&mut self, doc: &Doc, block: usize, byte: usize) {
        self.grow_to_byte_within(doc, block, byte, usize::MAX);
    }

    /// Lays out toward the line holding byte `byte` of block `block`, but only about `budget`
    /// more bytes of text; true once that line is known (or the document complete).
    pub(super) fn grow_to_byte_within(
        &mut self,
        doc: &Doc,
        block: usize,
        byte: usize,
        budget: usize,
    ) -> bool {
        let target = (block, true, byte);
        let mut covered = 0;
        while let Some(at) = self.frontier {
            if at.key() > target {
                return true;
            }
            if covered >= budget {
                return false;
            }
            covered += self.step(doc).max(1);
        }
        true
    }

    /// The checkpoint at or before the first place for which `after` is true.
    fn checkpoint_before(&self, after: impl Fn(&Cursor) -> bool) -> Option<Cursor> {
        let i = self.checkpoints.partition_point(|c| !after(c));
        self.checkpoints.get(i.saturating_sub(1)).copied()
    }

    /// What rows `top..top + count` show, as far as laid out.
    pub(super) fn rows_at(&self, doc: &Doc, top: usize, count: usize) -> Vec<RowAt> {
        let end = top.saturating_add(count).min(self.known_rows);
        let mut rows = Vec::with_capacity(end.saturating_sub(top));
        let mut at = self.checkpoint_before(|c| c.row > top);
        let mut scratch = Work::default();
        while let Some(here) = at.filter(|c| c.row < end) {
            let (row, next) = self.advance(doc, here, &mut scratch);
            if here.row >= top {
                rows.push(row);
            }
            at = next;
        }
        rows
    }

    /// What row `row` shows, if it is laid out.
    pub(super) fn row_at(&self, doc: &Doc, row: usize) -> Option<RowAt> {
        self.rows_at(doc, row, 1).pop()
    }

    /// The row of the line of block `block` that holds byte `byte` (as far as laid out).
    pub(super) fn row_of(&self, doc: &Doc, block: usize, byte: usize) -> Option<usize> {
        let target = (block, true, byte);
        let mut at = self.checkpoint_before(|c| c.key() > target);
        let mut found = None;
        let mut scratch = Work::default();
        while let Some(here) = at.filter(|c| c.row < self.known_rows && c.key() <= target) {
            if here.block == block && here.line.is_some() {
                found = Some(here.row);
            }
            at = self.advance(doc, here, &mut scratch).1;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_every_32_rows_is_all_that_is_kept() {
        let mut doc = Doc::with_capacity(0);
        doc.push(BlockKind::Title, "标题");
        for _ in 0..1000 {
            doc.push(BlockKind::Body, "a");
        }
        doc.push(BlockKind::Body, &"中".repeat(5000));
        let mut at = AtWidth::new(1, &doc);
        at.grow_by(&doc, usize::MAX);
        // the title is two rows at width 1, each paragraph a blank row and its lines
        let rows = 2 + 2 * 1000 + 1 + 5000;
        assert_eq!(at.known_rows(), rows);
        assert_eq!(at.checkpoints.len(), rows.div_ceil(CHECKPOINT_ROWS));
        // every row comes back, from whichever checkpoint is before it
        let all = at.rows_at(&doc, 0, usize::MAX);
        assert_eq!(all.len(), rows);
        for (row, expected) in all.iter().enumerate().step_by(7) {
            assert_eq!(at.row_at(&doc, row).as_ref(), Some(expected));
            if let RowAt::Line(block, range) = expected {
                assert_eq!(at.row_of(&doc, *block, range.start), Some(row));
                assert_eq!(at.row_of(&doc, *block, range.end - 1), Some(row));
            }
        }
        assert_eq!(all[2001], RowAt::Line(1000, 0..1));
        assert_eq!(all[2002], RowAt::Blank(1001));
        assert_eq!(all[rows - 1], RowAt::Line(1001, 14997..15000));
    }
}
