//! The text of a laid-out document, kept compact: every block's text in one string, with a start
//! offset and a kind per block.
//!
//! Why one string: an article body of 5 million one-character paragraphs (10 MB of `a\n`) would
//! otherwise cost a `String` per paragraph (about 60 bytes each, 300 MB); here a paragraph costs
//! its bytes, one separator byte and nine bytes of bookkeeping.

use super::BlockKind;

/// The blocks of a document, in order.
#[derive(Debug, Clone, Default)]
pub(super) struct Doc {
    /// Every block's text, each followed by one separator byte (`\n`) but the last.
    text: String,
    /// Where each block starts in `text`.
    starts: Vec<usize>,
    kinds: Vec<BlockKind>,
}

impl Doc {
    /// An empty document with room for `bytes` bytes of text.
    pub(super) fn with_capacity(bytes: usize) -> Doc {
        Doc {
            text: String::with_capacity(bytes),
            ..Doc::default()
        }
    }

    /// Appends a block.
    pub(super) fn push(&mut self, kind: BlockKind, text: &str) {
        if !self.starts.is_empty() {
            self.text.push('\n');
        }
        self.starts.push(self.text.len());
        self.kinds.push(kind);
        self.text.push_str(text);
    }

    /// How many blocks there are.
    pub(super) fn len(&self) -> usize {
        self.starts.len()
    }

    /// True when there is no block.
    pub(super) fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The text of block `index`.
    pub(super) fn text(&self, index: usize) -> &str {
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        &self.text[self.starts[index]..end]
    }

    /// The kind of block `index`.
    pub(super) fn kind(&self, index: usize) -> BlockKind {
        self.kinds[index]
    }

    /// Where block `index` starts in the count of all bytes, each block followed by one byte.
    pub(super) fn offset(&self, index: usize) -> usize {
        self.starts[index]
    }

    /// Every block's text, each followed by `\n` but the last (what a find in the article
    /// reads; offsets into it are [`Doc::offset`] plus a byte of a block).
    pub(super) fn whole(&self) -> &str {
        &self.text
    }

    /// The block that holds byte `at` of [`Doc::whole`] (a separator belongs to the block
    /// before it); the last block for offsets past the end. `None` when there is no block.
    pub(super) fn block_at(&self, at: usize) -> Option<usize> {
        self.starts.partition_point(|&s| s <= at).checked_sub(1)
    }

    /// Bytes of all blocks, each counted with one separator byte.
    pub(super) fn total_bytes(&self) -> usize {
        if self.is_empty() {
            0
        } else {
            self.text.len() + 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_come_back_as_pushed_even_with_newlines_inside() {
        let mut doc = Doc::with_capacity(0);
        assert_eq!(doc.total_bytes(), 0);
        doc.push(BlockKind::Title, "标题");
        doc.push(BlockKind::Body, "");
        doc.push(BlockKind::Body, "a\nb");
        assert_eq!(doc.len(), 3);
        assert_eq!(
            (0..3)
                .map(|i| (doc.kind(i), doc.text(i)))
                .collect::<Vec<_>>(),
            [
                (BlockKind::Title, "标题"),
                (BlockKind::Body, ""),
                (BlockKind::Body, "a\nb")
            ]
        );
        assert_eq!(doc.offset(2), 8);
        // 标题, an empty block and a\nb, each with its separator
        assert_eq!(doc.total_bytes(), 7 + 1 + 4);
        assert_eq!(doc.whole(), "标题\n\na\nb");
        let blocks: Vec<Option<usize>> = (0..12).map(|at| doc.block_at(at)).collect();
        let (t, e, b) = (Some(0), Some(1), Some(2));
        assert_eq!(blocks, [t, t, t, t, t, t, t, e, b, b, b, b]);
        assert_eq!(Doc::default().block_at(0), None);
    }
}
