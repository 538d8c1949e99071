//! One document laid out at one width, built lazily from the top: the lines of every block laid
//! out so far, and a prefix sum of rows per block, so row ↔ position lookups are binary searches.
//! Each block is wrapped line after line from its top ([`next_line_counted`] carries a
//! [`LineStart`] from one line to the next), so laying out costs what wrapping costs: linear in
//! the text, counted in [`Work`].

use std::ops::Range;

use super::{Block, BlockKind};
use crate::text::wrap::{LineStart, Work, next_line_counted};

/// How many lines one step of [`AtWidth::step`] wraps of a long block before checking its goal.
const LINES_PER_STEP: usize = 64;

/// The lines of one block at one width, possibly only its first ones.
#[derive(Debug, Clone, Default)]
struct BlockLines {
    /// Byte ranges of the lines laid out so far.
    lines: Vec<Range<usize>>,
    /// Where the next line starts; `None` once the block is laid out in full.
    next: Option<LineStart>,
    /// True when a blank row precedes the block.
    blank_before: bool,
}

/// Where a row falls: a blank separator before a block, or a line of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RowAt {
    /// The blank row before block `.0`.
    Blank(usize),
    /// Block `.0`, bytes `.1`.
    Line(usize, Range<usize>),
}

/// A document laid out at one width, from the top down to a frontier.
#[derive(Debug, Clone)]
pub(super) struct AtWidth {
    width: usize,
    /// Blocks `0..blocks.len()` are started; all but the last are complete.
    blocks: Vec<BlockLines>,
    /// First row (the blank row, if any) of each started block.
    first_row: Vec<usize>,
    /// Rows known so far: every row of the started blocks' laid-out lines.
    known_rows: usize,
    /// Bytes of text laid out so far, of all bytes (blocks counted with one separator byte
    /// each), and where the frontier block starts in that count.
    bytes_done: usize,
    total_bytes: usize,
    frontier_offset: usize,
    complete: bool,
    /// What wrapping has examined so far.
    work: Work,
}

/// True when no blank row separates block `kind` from the block `before` it: the header (title
/// and meta lines) stays together.
fn joins(before: BlockKind, kind: BlockKind) -> bool {
    before != BlockKind::Body && kind != BlockKind::Body
}

impl AtWidth {
    /// An empty layout at `width` (`usize::MAX`: unwrapped).
    pub fn new(width: usize, doc: &[Block]) -> AtWidth {
        AtWidth {
            width,
            blocks: Vec::new(),
            first_row: Vec::new(),
            known_rows: 0,
            bytes_done: 0,
            total_bytes: doc.iter().map(|b| b.text.len() + 1).sum(),
            frontier_offset: 0,
            complete: doc.is_empty(),
            work: Work::default(),
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn is_complete(&self) -> bool {
        self.complete
    }

    pub fn known_rows(&self) -> usize {
        self.known_rows
    }

    pub fn work(&self) -> Work {
        self.work
    }

    /// The exact row count when complete, else the rows known plus the rest of the text at the
    /// rows-per-byte rate seen so far.
    pub fn estimated_rows(&self) -> usize {
        if self.complete {
            return self.known_rows;
        }
        let rest = self.total_bytes.saturating_sub(self.bytes_done) as f64;
        let rate = self.known_rows.max(1) as f64 / self.bytes_done.max(1) as f64;
        self.known_rows + (rest * rate).ceil() as usize
    }

    /// Lays out one more step: up to [`LINES_PER_STEP`] lines of the frontier block, or starts
    /// the next block. Returns the bytes of text it covered.
    fn step(&mut self, doc: &[Block]) -> usize {
        let open = self.blocks.last().is_some_and(|b| b.next.is_some());
        if !open {
            let index = self.blocks.len();
            let blank_before = index > 0 && !joins(doc[index - 1].kind, doc[index].kind);
            if index > 0 {
                self.frontier_offset += doc[index - 1].text.len() + 1;
            }
            self.first_row.push(self.known_rows);
            self.known_rows += usize::from(blank_before);
            self.blocks.push(BlockLines {
                lines: Vec::new(),
                next: Some(LineStart::PARAGRAPH),
                blank_before,
            });
        }
        let index = self.blocks.len() - 1;
        let text = doc[index].text.as_str();
        let block = &mut self.blocks[index];
        let before = self.bytes_done;
        for _ in 0..LINES_PER_STEP {
            let Some(start) = block.next else { break };
            if self.width == usize::MAX {
                block.lines.push(start.byte..text.len());
                block.next = None;
            } else {
                let (line, next) = next_line_counted(text, start, self.width, &mut self.work);
                block.lines.push(line.range);
                block.next = next;
            }
            self.known_rows += 1;
        }
        self.bytes_done = self.frontier_offset + block.next.map_or(text.len() + 1, |n| n.byte);
        self.complete = block.next.is_none() && index + 1 == doc.len();
        self.bytes_done - before
    }

    /// Lays out at least `budget` more bytes of text (or to the end). Returns true when complete.
    pub fn grow_by(&mut self, doc: &[Block], budget: usize) -> bool {
        let mut covered = 0;
        while !self.complete && covered < budget.max(1) {
            covered += self.step(doc).max(1);
        }
        self.complete
    }

    /// Lays out until row `row` is known (or the document is complete).
    pub fn grow_to_row(&mut self, doc: &[Block], row: usize) {
        while !self.complete && self.known_rows <= row {
            self.step(doc);
        }
    }

    /// Lays out until the line holding byte `byte` of block `block` is known.
    pub fn grow_to_byte(&mut self, doc: &[Block], block: usize, byte: usize) {
        self.grow_to_byte_within(doc, block, byte, usize::MAX);
    }

    /// Lays out toward the line holding byte `byte` of block `block`, but only about `budget`
    /// more bytes of text; true once that line is known (or the document complete).
    pub fn grow_to_byte_within(
        &mut self,
        doc: &[Block],
        block: usize,
        byte: usize,
        budget: usize,
    ) -> bool {
        let mut covered = 0;
        while !self.complete {
            match self.blocks.get(block) {
                Some(b) if b.next.is_none_or(|next| next.byte > byte) && !b.lines.is_empty() => {
                    return true;
                }
                _ if covered >= budget => return false,
                _ => covered += self.step(doc).max(1),
            };
        }
        true
    }

    /// What row `row` shows, if it is laid out.
    pub fn row_at(&self, row: usize) -> Option<RowAt> {
        if row >= self.known_rows {
            return None;
        }
        let index = self.first_row.partition_point(|&first| first <= row) - 1;
        let block = &self.blocks[index];
        let mut offset = row - self.first_row[index];
        if block.blank_before {
            if offset == 0 {
                return Some(RowAt::Blank(index));
            }
            offset -= 1;
        }
        Some(RowAt::Line(index, block.lines[offset].clone()))
    }

    /// The row of the line of block `block` that holds byte `byte` (as far as laid out).
    pub fn row_of(&self, block: usize, byte: usize) -> Option<usize> {
        let b = self.blocks.get(block)?;
        let line = b
            .lines
            .partition_point(|r| r.start <= byte)
            .saturating_sub(1);
        Some(self.first_row[block] + usize::from(b.blank_before) + line)
    }
}
