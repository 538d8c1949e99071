//! An article laid out at one width: header and body blocks wrapped into rows, addressable by
//! row index, with the reading position kept as (block, byte offset) across width changes.
//!
//! STUB: the text-layout work replaces this with the cached, lazy version, keeping the API.

use crate::article::Article;
use crate::text::{AmbiguousWidth, for_display, wrap};

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

/// One unit of text that wraps on its own: a title, a metadata line, a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its text, already in display form (see [`for_display`]).
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
    /// The kind of the block this row belongs to.
    pub kind: BlockKind,
    /// The text to draw (empty for a separator row).
    pub text: &'a str,
}

/// A document laid out at one width.
#[derive(Debug, Clone)]
pub struct Layout {
    blocks: Vec<Block>,
    width: usize,
    rows: Vec<(usize, std::ops::Range<usize>)>,
}

const BLANK: usize = usize::MAX;

impl Layout {
    /// A layout of arbitrary blocks; call [`Layout::set_width`] before reading rows.
    pub fn new(blocks: Vec<Block>) -> Layout {
        Layout {
            blocks,
            width: 0,
            rows: Vec::new(),
        }
    }

    /// The reader's document for `article`: title, date · source, URL, then the paragraphs.
    pub fn for_article(article: &Article, mode: AmbiguousWidth) -> Layout {
        let mut blocks = vec![Block {
            kind: BlockKind::Title,
            text: for_display(&article.title, mode).into_owned(),
        }];
        let mut meta = article.date.display();
        if !article.source.is_empty() {
            if !meta.is_empty() {
                meta.push_str("  ");
            }
            meta.push_str(&article.source);
        }
        if !meta.is_empty() {
            blocks.push(Block {
                kind: BlockKind::Meta,
                text: for_display(&meta, mode).into_owned(),
            });
        }
        if let Some(u) = &article.url {
            blocks.push(Block {
                kind: BlockKind::Meta,
                text: u.clone(),
            });
        }
        for p in article.paragraphs() {
            blocks.push(Block {
                kind: BlockKind::Body,
                text: for_display(p, mode).into_owned(),
            });
        }
        Layout::new(blocks)
    }

    /// The blocks, in order.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Lays the document out at `width` columns (at least 1).
    pub fn set_width(&mut self, width: usize) {
        let width = width.max(1);
        if width == self.width {
            return;
        }
        self.width = width;
        self.rows.clear();
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 && (b.kind == BlockKind::Body || self.blocks[i - 1].kind != b.kind) {
                self.rows.push((BLANK, 0..0));
            }
            for l in wrap(&b.text, width) {
                self.rows.push((i, l.range));
            }
        }
    }

    /// The width the rows are laid out at.
    pub fn width(&self) -> usize {
        self.width
    }

    /// How many rows the whole document takes.
    pub fn total_rows(&mut self) -> usize {
        self.rows.len()
    }

    /// Up to `count` rows starting at row `top`.
    pub fn rows(&mut self, top: usize, count: usize) -> Vec<Row<'_>> {
        self.rows
            .iter()
            .skip(top)
            .take(count)
            .map(|(b, r)| {
                if *b == BLANK {
                    Row {
                        kind: BlockKind::Body,
                        text: "",
                    }
                } else {
                    Row {
                        kind: self.blocks[*b].kind,
                        text: &self.blocks[*b].text[r.clone()],
                    }
                }
            })
            .collect()
    }

    /// The text position shown at row `row`.
    pub fn position_at(&mut self, row: usize) -> Position {
        let mut r = row.min(self.rows.len().saturating_sub(1));
        loop {
            match self.rows.get(r) {
                Some((b, range)) if *b != BLANK => {
                    return Position {
                        block: *b,
                        byte: range.start,
                    };
                }
                Some(_) if r + 1 < self.rows.len() => r += 1,
                _ => return Position::default(),
            }
        }
    }

    /// The row that shows `pos` (the row whose text contains that byte).
    pub fn row_of(&mut self, pos: Position) -> usize {
        self.rows
            .iter()
            .rposition(|(b, r)| *b == pos.block && r.start <= pos.byte)
            .or_else(|| {
                self.rows
                    .iter()
                    .position(|(b, _)| *b != BLANK && *b >= pos.block)
            })
            .unwrap_or(0)
    }
}
