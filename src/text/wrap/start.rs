//! Where a line starts ([`LineStart`]) and how the wrapper finds the next one.
//!
//! A line start carries, besides its byte offset, what the URL rule needs to know of the grapheme
//! before it (is it printable ASCII, is it inside a URL), as the line before found it. So no line
//! looks back into the paragraph to learn whether it starts inside a URL (the wrapper used to
//! look back up to 2 KB, once a line: 170 times the text at width 12 in a long unbroken word),
//! and a URL is one whatever its length.

use super::breaks::Work;
use super::clusters::Clusters;
use super::rules;

/// Where a line starts: [`LineStart::PARAGRAPH`] for the first, then what
/// [`next_line`](super::next_line) returns. Besides the byte offset it carries what the line
/// before knew about the grapheme before this one, so that a line never looks back into the
/// paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct LineStart {
    /// Byte offset of the line in the paragraph.
    pub(crate) byte: usize,
    /// The grapheme before is printable ASCII, and whether it lies inside a URL.
    pub(super) after: After,
}

impl LineStart {
    /// The start of a paragraph.
    pub(crate) const PARAGRAPH: LineStart = LineStart {
        byte: 0,
        after: After {
            ascii: false,
            url: false,
        },
    };
}

/// What the URL rule needs to know of the grapheme before a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct After {
    /// It is one printable ASCII character.
    pub(crate) ascii: bool,
    /// It is inside a URL.
    pub(crate) url: bool,
}

/// Where the next line starts: `at`, past any spaces (whole graphemes only: a space carrying a
/// combining mark is text); `None` at the end of the text. `after` describes the grapheme before
/// `at`; after a skipped space, that is the space.
pub(super) fn next_start(
    text: &str,
    at: usize,
    after: After,
    work: &mut Work,
) -> Option<LineStart> {
    let mut after = after;
    for (i, g) in Clusters::new(&text[at..]) {
        work.grapheme(g);
        if !rules::is_space(g) {
            return Some(LineStart {
                byte: at + i,
                after,
            });
        }
        after = After::default();
    }
    None
}
