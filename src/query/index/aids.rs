//! [`SearchAids`]: what searching titles and sources needs beyond their text (folding marks,
//! pinyin readings, letter masks, char signatures), per article of a chunk, so a query pays
//! nothing for folding or pinyin. Kept apart from the corpus's own [`super::Columns`].

use super::chars::TitleChars;
use crate::column::Column;
use crate::query::readings::ReadingTable;

/// What searching titles and sources needs beyond their text, per article of the same list.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchAids {
    /// One bit per article, set when its title's folded form differs from it.
    pub(super) unfolded: Column<u64>,
    /// One bit per article, set when folding its title changes more than ASCII capitals
    /// (full-width forms, other capitals): folding it then goes char by char.
    pub(super) widely_unfolded: Column<u64>,
    /// The folded form of every title in `widely_unfolded`, concatenated: folding char by
    /// char on every search cost a sixth of a scan (most Chinese titles hold a full-width
    /// `：` or `，`).
    pub(super) folded_titles: Column<u8>,
    /// Offset in `folded_titles` where title `i`'s folded form starts (an empty range for a
    /// title not in `widely_unfolded`); one more entry than titles.
    pub(super) folded_starts: Column<u32>,
    /// One bit per article, set when its folded title holds an ASCII letter or digit: a term
    /// of ASCII letters and digits can match any other title only through pinyin.
    pub(super) latin: Column<u64>,
    /// Reading-set id of every title char, titles concatenated.
    pub(super) char_readings: Column<u16>,
    /// Offset in `char_readings` where title `i` starts; one more entry than titles.
    pub(super) char_starts: Column<u32>,
    /// The distinct reading sets.
    pub(super) readings: ReadingTable,
    /// Letters and digits in each folded title or its readings ([`letter_mask`](crate::query::readings::letter_mask) bits).
    pub(super) letters: Column<u64>,
    /// The chars of each folded title, each hashed to one of 64 bits ([`char_signature`]).
    pub(super) char_sigs: Column<u64>,
    /// The titles holding each char beyond ASCII, for a title term's candidates.
    pub(super) chars: TitleChars,
    /// The same, folded (two sources may fold alike).
    pub(super) folded_sources: Vec<Box<str>>,
}

/// The chars of a folded text, each hashed to one of 64 bits: a cheap subset test before
/// matching (a title lacks a char of the term when the term's bit is not in the title's).
pub(crate) fn char_signature(text: &str) -> u64 {
    text.chars().fold(0, |sig, c| {
        sig | 1u64 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
    })
}
