//! [`SearchAids`]: what searching titles and sources needs beyond their text (folding marks,
//! pinyin readings, letter masks, char signatures), per article of a chunk, so a query pays
//! nothing for folding or pinyin. Kept apart from the corpus's own [`super::Columns`].
//!
//! They are more than half of a cache file, and only a title or source search needs them, so
//! an index read from the cache reads them on first use ([`LazyAids`]): `juan list`,
//! `juan count` and `body:` queries neither hash nor check nor page them in. Being made from
//! the titles and sources alone, aids that do not check out are made again from the columns.

use std::sync::OnceLock;

use super::Columns;
use super::chars::TitleChars;
use crate::column::Column;
use crate::column::codec::Section;
use crate::query::readings::ReadingTable;

/// The ASCII letters of the titles ([`super::Index::ascii_letters`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct AsciiLetters {
    /// Per article, its folded title's ASCII letters as bits (bit `l - b'a'`; 0 for most).
    pub(super) per_title: Vec<u32>,
    /// The articles whose folded title holds an ASCII letter, ascending: fewer than those
    /// marked in `latin`, which counts digits too (at ten million `juan gen` titles, 2.2M
    /// against 6.5M), so that a pass over the titles a term's letters may meet walks these.
    pub(super) lettered: Vec<u32>,
    /// Per letter a–z, a bitmap over the places in `lettered` of the titles holding it: the
    /// titles holding every letter of a term are an AND of a few words per 64 of them, not a
    /// look at each (2.2M at ten million titles, 5–9 ms of a title list's pass).
    pub(super) by_letter: Vec<Vec<u64>>,
}

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
    /// Per article, the ASCII letters its folded title holds (bit `l - b'a'`; 0 for most
    /// titles), and the articles whose title holds one, made from the titles with ASCII
    /// letters or digits on first use ([`super::Index::ascii_letters`]): not kept in the
    /// cache.
    pub(super) ascii_letters: OnceLock<AsciiLetters>,
    /// Per article, the first letters of its chars' readings, anywhere and on its first char
    /// ([`super::Index::title_initials`]), made on first use: not kept in the cache.
    pub(super) initials: OnceLock<Vec<super::Initials>>,
    /// The titles by their first char's reading set ([`super::Index::title_openings`]),
    /// made on first use: not kept in the cache.
    pub(super) openings: OnceLock<super::Openings>,
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

/// An index's search aids: made with it, or kept in a cache file and read on first use.
#[derive(Debug, Clone, Default)]
pub(crate) struct LazyAids {
    /// The aids, once made or read.
    aids: OnceLock<SearchAids>,
    /// Where a cache file keeps them ([`SearchAids::encode`]), for the first use.
    stored: Option<Section>,
    /// Whether they were read from `stored`, sound, rather than made from the columns: set
    /// with them.
    read_back: OnceLock<bool>,
}

impl LazyAids {
    /// Aids already made.
    pub(super) fn made(aids: SearchAids) -> LazyAids {
        LazyAids {
            aids: OnceLock::from(aids),
            stored: None,
            read_back: OnceLock::new(),
        }
    }

    /// Aids to read from `stored` on first use; made from the columns instead when it is
    /// `None` or does not check out.
    pub(super) fn stored(stored: Option<Section>) -> LazyAids {
        LazyAids {
            aids: OnceLock::new(),
            stored,
            read_back: OnceLock::new(),
        }
    }

    /// The aids of `columns`: read (checksum, then every bound) or made now on first use.
    /// Inlined: searches call it per title, and once they are there it is one load.
    #[inline]
    pub(super) fn get(&self, columns: &Columns) -> &SearchAids {
        self.aids.get_or_init(|| {
            // Every title search reads the titles whole: they are checked whole first, so
            // that reading one costs no check of its own ([`super::Titles`]).
            columns.titles.check();
            let stored = self.stored.as_ref().and_then(|s| read(s, columns));
            let _ = self.read_back.set(stored.is_some());
            stored.unwrap_or_else(|| SearchAids::of_columns(columns))
        })
    }

    /// Reads the aids now unless they are, and says whether they came from the cache file,
    /// sound, rather than made again from `columns`.
    pub(super) fn read_back(&self, columns: &Columns) -> bool {
        self.get(columns);
        self.read_back.get() == Some(&true)
    }

    /// The aids when made or read already, without reading or making them.
    pub(super) fn ready(&self) -> Option<&SearchAids> {
        self.aids.get()
    }

    /// The aids when made or read already.
    #[cfg(test)]
    pub(super) fn get_mut(&mut self) -> Option<&mut SearchAids> {
        self.aids.get_mut()
    }

    /// True when the aids have been made or read.
    #[cfg(test)]
    pub(super) fn is_ready(&self) -> bool {
        self.ready().is_some()
    }
}

/// The aids kept in `stored`, when the bytes have their checksum and decode soundly for
/// `columns`.
fn read(stored: &Section, columns: &Columns) -> Option<SearchAids> {
    if !stored.checks_out() {
        return None;
    }
    let mut d = stored.decoder();
    let aids = SearchAids::decode(&mut d, columns)?;
    d.is_done().then_some(aids)
}

/// The chars of a folded text, each hashed to one of 64 bits: a cheap subset test before
/// matching (a title lacks a char of the term when the term's bit is not in the title's).
pub(crate) fn char_signature(text: &str) -> u64 {
    text.chars().fold(0, |sig, c| {
        sig | 1u64 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
    })
}
