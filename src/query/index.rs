//! [`Index`]: a chunk of articles as columns — what listing and searching need, prepared once
//! at load in flat arrays (one entry per article, or one per title char), so that a query
//! pays nothing for folding or pinyin and a million articles take a few compact arrays
//! instead of a million heap objects. Every array is a [`Column`](crate::column::Column), so an index read back
//! from the cache is a view of the mapped file, not a copy ([`Index::encode`],
//! [`Index::decode`]).
//!
//! An `Index` is two types, each defined in its own file (`columns.rs`, `aids.rs`), built in
//! one pass by its own builder (`build.rs`), and stored and mapped by its own codec
//! (`stored/columns.rs`, `stored/aids.rs`): [`Columns`], the corpus's own data (titles, dates,
//! ids, sources, the date order), and [`SearchAids`], what searching needs beyond it (folding
//! marks, pinyin readings, letter masks, signatures), so a new column or aid touches its type
//! and its codec only. This file holds what reads an `Index` as one.
//!
//! A title whose folded form ([`super::fold`]) differs only by Latin capitals is marked and
//! lowered again when a search reaches it; one whose folding changes more (full-width forms,
//! 繁简) keeps its folded form too. The titles holding each char beyond ASCII are listed
//! (`chars.rs`), so a title term with Han chars tests only the titles holding them all.

mod aids;
mod build;
mod chars;
mod columns;
mod initials;
mod openings;
mod stored;
#[cfg(test)]
mod tests;
mod titles;

use super::Order;
use super::readings::ReadingTable;
use crate::date::{Date, Stamp};

use aids::{AsciiLetters, LazyAids};
pub(super) use aids::{SearchAids, char_signature};
pub(super) use columns::Columns;
pub(crate) use initials::Initials;
pub(crate) use openings::Openings;
pub(crate) use stored::Sections;

/// A chunk of articles for listing and searching: the corpus's own data (`Columns`) and
/// what searching needs beyond it (`SearchAids`), each built, stored and mapped on its own.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Titles, dates, ids and sources.
    columns: Columns,
    /// Folding marks, pinyin readings, letter masks and signatures, read or made on first
    /// use.
    aids: LazyAids,
}

/// One title's facts a pinyin bound reads ([`Index::title_facts`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct TitleFacts<'a> {
    /// [`Index::title_letters`].
    pub(crate) letters: u64,
    /// [`Index::title_has_latin`].
    pub(crate) latin: bool,
    /// [`Index::title_signature`].
    pub(crate) signature: u64,
    /// [`Index::title_readings`].
    pub(crate) readings: &'a [u16],
}

impl Index {
    /// The search aids, read from the cache or made on first use (at every title search,
    /// a load: `OnceLock::get`).
    #[inline]
    fn aids(&self) -> &SearchAids {
        self.aids.get(&self.columns)
    }

    /// Reads or makes the search aids now, and the titles' ASCII letters, initials and
    /// openings (`ascii_letters`, `title_initials`, `title_openings`) and the readings by
    /// first letter, so that the first title search does not wait for them.
    pub fn prepare_search(&self) {
        self.ascii_letters();
        self.title_initials();
        self.title_openings();
        self.reading_table().group_by_first_byte();
    }

    /// True when the search aids are read or made already.
    #[cfg(test)]
    pub(crate) fn search_is_prepared(&self) -> bool {
        self.aids.is_ready()
    }

    /// How many articles the index covers.
    pub(crate) fn len(&self) -> usize {
        self.columns.len()
    }

    /// True when it covers no article.
    pub(crate) fn is_empty(&self) -> bool {
        self.columns.stamps.is_empty()
    }

    /// Article `i`'s title, as loaded (cleaned, not folded).
    #[inline]
    pub(crate) fn title(&self, i: usize) -> &str {
        self.columns.titles.get(i)
    }

    /// Checks the titles whole now, when read from a cache file and not checked yet
    /// ([`titles::Titles::check`]); false when they do not check out.
    pub(crate) fn check_titles(&self) -> bool {
        self.columns.titles.check()
    }

    /// Reads the search aids now unless they are, and says whether they came from the cache
    /// file, sound (checksum and values), rather than made again from the columns.
    pub(crate) fn read_search_aids_back(&self) -> bool {
        self.aids.read_back(&self.columns)
    }

    /// Article `i`'s folded title (case and width folded), char for char its title: the title
    /// itself, or its folded form made in `buf`.
    #[inline]
    pub(crate) fn folded_title<'a>(&'a self, i: usize, buf: &'a mut String) -> &'a str {
        let title = self.title(i);
        let bit = |bits: &[u64]| bits[i / 64] >> (i % 64) & 1 == 1;
        let aids = self.aids();
        if !bit(&aids.unfolded) {
            return title;
        }
        if bit(&aids.widely_unfolded) {
            return text_in(&aids.folded_titles, &aids.folded_starts, i);
        }
        buf.clear();
        {
            // Only ASCII capitals to lower: a copy and a byte-wise pass, far cheaper.
            buf.push_str(title);
            buf.make_ascii_lowercase();
        }
        buf
    }

    /// What bounding a pinyin term's score on article `i`'s title reads, from one look at
    /// the search aids: [`Index::title_letters`], [`Index::title_has_latin`],
    /// [`Index::title_signature`] and [`Index::title_readings`].
    #[inline]
    pub(crate) fn title_facts(&self, i: usize) -> TitleFacts<'_> {
        let aids = self.aids();
        TitleFacts {
            letters: aids.letters[i],
            latin: aids.latin[i / 64] >> (i % 64) & 1 == 1,
            signature: aids.char_sigs[i],
            readings: &aids.char_readings
                [aids.char_starts[i] as usize..aids.char_starts[i + 1] as usize],
        }
    }

    /// What [`Index::title_facts`] reads of title `i`, loaded and folded into a number for
    /// [`std::hint::black_box`]: a pass over scattered titles that asks this of the next
    /// few before it bounds them has their cache misses in flight together, not one by one.
    #[inline]
    pub(crate) fn touch_title(&self, i: usize) -> u64 {
        let facts = self.title_facts(i);
        facts.letters ^ facts.signature ^ u64::from(facts.readings.first().copied().unwrap_or(0))
    }

    /// The reading-set id of each char of article `i`'s title.
    #[inline]
    pub(crate) fn title_readings(&self, i: usize) -> &[u16] {
        let aids = self.aids();
        &aids.char_readings[aids.char_starts[i] as usize..aids.char_starts[i + 1] as usize]
    }

    /// The titles that may match a title term whose folded text is `text`: those holding
    /// every char of it beyond ASCII ([`chars`]); `None` when it has none.
    pub(crate) fn title_candidates(&self, text: &str) -> Option<crate::fulltext::Candidates> {
        self.aids().chars.candidates(text, self.len())
    }

    /// The chars beyond ASCII that the title lists hold, ascending as code points; `None`
    /// when the titles are not listed (every title may hold any char, as far as they tell).
    pub(crate) fn title_list_chars(&self) -> Option<&[u32]> {
        self.aids().chars.chars()
    }

    /// The titles holding char `c` (a code point beyond ASCII, folded), ascending.
    pub(crate) fn titles_holding(&self, c: u32) -> &[u16] {
        self.aids().chars.holding(c)
    }

    /// Per article, the ASCII letters its folded title holds, as bits (`1 << (l - b'a')`;
    /// 0 for a title with none): the titles a pinyin term may match directly, or through a
    /// letter of their own. Made from the titles with ASCII letters or digits
    /// ([`Index::title_has_latin`]) the first time it is asked for.
    pub(crate) fn ascii_letters(&self) -> &[u32] {
        &self.letters_of_titles().per_title
    }

    /// A bitmap over the places in [`Index::lettered_titles`] of the titles whose folded
    /// title holds the ASCII letter `letter` (0 for `a` … 25 for `z`).
    pub(crate) fn lettered_holding(&self, letter: usize) -> &[u64] {
        &self.letters_of_titles().by_letter[letter]
    }

    /// A bitmap over the places in [`Index::lettered_titles`] of the titles whose folded
    /// title holds every letter of `letters` (bits as in [`Index::ascii_letters`]; not 0):
    /// the AND of those letters' [`Index::lettered_holding`].
    pub(crate) fn lettered_holding_all(&self, letters: u32) -> Vec<u64> {
        debug_assert!(letters != 0);
        let by_letter = &self.letters_of_titles().by_letter;
        let mut all = vec![!0u64; self.lettered_titles().len().div_ceil(64)];
        for (l, holding) in by_letter.iter().enumerate() {
            if letters >> l & 1 == 1 {
                all.iter_mut().zip(holding).for_each(|(w, h)| *w &= h);
            }
        }
        all
    }

    /// The articles whose folded title holds an ASCII letter, ascending: the titles whose
    /// [`Index::ascii_letters`] are not 0.
    pub(crate) fn lettered_titles(&self) -> &[u32] {
        &self.letters_of_titles().lettered
    }

    /// [`Index::ascii_letters`] and [`Index::lettered_titles`], made on first use.
    fn letters_of_titles(&self) -> &AsciiLetters {
        let aids = self.aids();
        aids.ascii_letters.get_or_init(|| {
            let mut per_title = vec![0u32; self.len()];
            let mut lettered = Vec::new();
            let mut buf = String::new();
            for (w, &latin) in aids.latin.iter().enumerate() {
                let mut bits = latin;
                while bits != 0 {
                    let i = w * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    per_title[i] = ascii_letter_bits(self.folded_title(i, &mut buf).as_bytes());
                    if per_title[i] != 0 {
                        lettered.push(i as u32);
                    }
                }
            }
            let mut by_letter = vec![vec![0u64; lettered.len().div_ceil(64)]; 26];
            for (at, &i) in lettered.iter().enumerate() {
                let mut letters = per_title[i as usize];
                while letters != 0 {
                    let l = letters.trailing_zeros() as usize;
                    letters &= letters - 1;
                    by_letter[l][at / 64] |= 1 << (at % 64);
                }
            }
            AsciiLetters {
                per_title,
                lettered,
                by_letter,
            }
        })
    }

    /// Per article, the letters its chars' readings begin with: anywhere, on its first char,
    /// and in pairs on two chars in a row. A pinyin bound of the title from these alone
    /// ([`crate::query::PinyinBound::of_initials`]) costs a few nanoseconds and is at least
    /// the one from its chars. Made the first time it is asked for.
    pub(crate) fn title_initials(&self) -> &[Initials] {
        let aids = self.aids();
        aids.initials.get_or_init(|| {
            initials::of_titles(&aids.readings, &aids.char_readings, &aids.char_starts)
        })
    }

    /// [`Index::title_initials`] when they are made already (the interface makes them in
    /// the background after a load; a command, which searches once, does not wait for
    /// them). It reads no aid: a query with no title term (`body:`) leaves them unread.
    pub(crate) fn title_initials_made(&self) -> Option<&[Initials]> {
        self.aids.ready()?.initials.get().map(Vec::as_slice)
    }

    /// The titles grouped by their first char's reading set ([`Openings`]): those a floor
    /// that needs a term's first letters on a title's first char leaves. Made the first time
    /// it is asked for.
    pub(crate) fn title_openings(&self) -> &Openings {
        let aids = self.aids();
        aids.openings.get_or_init(|| {
            let sets = aids.readings.set_count();
            Openings::of_titles(sets, &aids.char_readings, &aids.char_starts)
        })
    }

    /// [`Index::title_openings`] when they are made already and grouped, as
    /// [`Index::title_initials_made`].
    pub(crate) fn title_openings_made(&self) -> Option<&Openings> {
        let openings = self.aids.ready()?.openings.get()?;
        openings.is_grouped().then_some(openings)
    }

    /// The same index without its title lists, so every title term scans every title: the
    /// reference the lists are tested against.
    #[cfg(test)]
    pub(crate) fn without_title_lists(&self) -> Index {
        let mut index = self.clone();
        index.prepare_search();
        index.aids.get_mut().expect("prepared").chars = chars::TitleChars::default();
        index
    }

    /// The reading sets the ids of [`Index::title_readings`] refer to.
    pub(crate) fn reading_table(&self) -> &ReadingTable {
        &self.aids().readings
    }

    /// True when article `i`'s folded title holds an ASCII letter or digit (else a term of
    /// ASCII letters and digits can only match it through pinyin).
    #[inline]
    pub(crate) fn title_has_latin(&self, i: usize) -> bool {
        self.aids().latin[i / 64] >> (i % 64) & 1 == 1
    }

    /// The titles that [`Index::title_has_latin`], as a bitmap over the index's articles.
    #[inline]
    pub(crate) fn latin_titles(&self) -> &[u64] {
        &self.aids().latin
    }

    /// The letters and digits a term can match in article `i`'s title, directly or through
    /// pinyin: a term using any other is no match.
    #[inline]
    pub(crate) fn title_letters(&self, i: usize) -> u64 {
        self.aids().letters[i]
    }

    /// The 64-bit signature of article `i`'s folded title chars (`char_signature`): a term
    /// whose signature is not a subset cannot occur in the title, directly.
    #[inline]
    pub(crate) fn title_signature(&self, i: usize) -> u64 {
        self.aids().char_sigs[i]
    }

    /// A key that sorts article `i` in date `order` when ascending, comparable across
    /// indexes ([`Columns::date_key`]).
    pub(crate) fn date_key(&self, i: usize, order: Order) -> u64 {
        self.columns.date_key(i, order)
    }

    /// Article `i`'s date, as [`Article::date`] held it.
    pub(crate) fn date(&self, i: usize) -> Date {
        match self.columns.date_kinds[i] {
            0 => {
                let zone = self.columns.date_zones[if self.columns.date_zones.len() == 1 {
                    0
                } else {
                    i
                }];
                Date::Known(Stamp {
                    unix: self.columns.stamps[i],
                    offset: zone.div_euclid(2),
                    has_time: zone.rem_euclid(2) == 1,
                })
            }
            1 => {
                let at = self
                    .columns
                    .unparsed
                    .partition_point(|(k, _)| (*k as usize) < i);
                match self.columns.unparsed.get(at) {
                    Some((k, text)) if *k as usize == i => Date::Unparsed(text.to_string()),
                    _ => Date::Missing,
                }
            }
            _ => Date::Missing,
        }
    }

    /// Article `i`'s id: the archive's own, else the [`crate::article::stable_id`] loading
    /// gave it.
    pub fn id(&self, i: usize) -> std::borrow::Cow<'_, str> {
        if self.columns.hex_ids.is_empty() {
            return text_in(&self.columns.ids, &self.columns.id_starts, i).into();
        }
        let mut hex = String::with_capacity(16);
        self.push_id(i, &mut hex);
        hex.into()
    }

    /// Appends [`Index::id`] to `out`: `juan list` writes it for every row.
    pub(crate) fn push_id(&self, i: usize, out: &mut String) {
        match self.columns.hex_ids.get(i) {
            // Digit by digit: `format!("{:016x}")` cost as much as the rest of a listed row.
            Some(&v) => out.extend(
                (0..16)
                    .rev()
                    .map(|k| char::from(b"0123456789abcdef"[(v >> (4 * k) & 0xF) as usize])),
            ),
            None => out.push_str(text_in(&self.columns.ids, &self.columns.id_starts, i)),
        }
    }

    /// A 64-bit key of article `i`'s id, equal to [`id_key`] of [`Index::id`] and cheaper:
    /// for copies found while loading.
    pub(crate) fn id_key(&self, i: usize) -> u64 {
        match self.columns.hex_ids.get(i) {
            Some(&v) => v,
            None => id_key(text_in(&self.columns.ids, &self.columns.id_starts, i)),
        }
    }

    /// Article `i`'s date kind (0 dated, 1 unparsed text, 2 none) and instant (0 when undated).
    pub(crate) fn date_parts(&self, i: usize) -> (u8, i64) {
        match self.columns.date_kinds[i] {
            0 => (0, self.columns.stamps[i]),
            kind => (kind, 0),
        }
    }

    /// Article `i`'s source, as loaded (empty when unknown).
    pub(crate) fn source(&self, i: usize) -> &str {
        &self.columns.sources[self.source_id(i)]
    }

    /// Article `i`'s source id, an index into [`Index::folded_sources`].
    pub(crate) fn source_id(&self, i: usize) -> usize {
        usize::from(self.columns.source_ids[i])
    }

    /// The distinct sources, folded, by source id.
    pub(crate) fn folded_sources(&self) -> &[Box<str>] {
        &self.aids().folded_sources
    }

    /// Article `i`'s publication instant in Unix seconds, when it has one.
    pub(crate) fn stamp(&self, i: usize) -> Option<i64> {
        self.columns.stamp(i)
    }

    /// The instant a `date:` span is compared with for article `i`
    /// ([`Columns::matched_instant`]).
    pub(crate) fn matched_instant(&self, i: usize) -> Option<i64> {
        self.columns.matched_instant(i)
    }

    /// The instant a [`Index::date_key`] in `order` was made from, as
    /// [`Index::matched_instant`] gave it; `None` for an undated article's key.
    pub(crate) fn instant_of_key(key: u64, order: Order) -> Option<i64> {
        Columns::instant_of_key(key, order)
    }

    /// Every article index in date `order`, undated last.
    pub(crate) fn in_order(&self, order: Order) -> &[u32] {
        match order {
            Order::NewestFirst => &self.columns.newest_first,
            Order::OldestFirst => self
                .columns
                .oldest_first
                .get_or_init(|| self.columns.date_order(Order::OldestFirst)),
        }
    }

    /// True when the columns are views of a mapped cache file, not in memory.
    pub(crate) fn is_mapped(&self) -> bool {
        self.columns.titles.is_view()
    }

    /// Bytes of memory the columns take (or map).
    pub(crate) fn byte_len(&self) -> usize {
        self.column_sizes().iter().map(|(_, n)| n).sum()
    }

    /// Bytes of each column, by name (for reports of memory use).
    pub(crate) fn column_sizes(&self) -> [(&'static str, usize); 15] {
        let aids = self.aids();
        let (titles, title_starts) = self.columns.titles.byte_lens();
        [
            ("titles", titles),
            ("title_starts", title_starts),
            (
                "bitmaps",
                aids.unfolded.byte_len() + aids.widely_unfolded.byte_len() + aids.latin.byte_len(),
            ),
            ("char_readings", aids.char_readings.byte_len()),
            ("char_starts", aids.char_starts.byte_len()),
            ("letters", aids.letters.byte_len()),
            ("char_sigs", aids.char_sigs.byte_len()),
            ("date_kinds", self.columns.date_kinds.byte_len()),
            ("stamps", self.columns.stamps.byte_len()),
            ("date_zones", self.columns.date_zones.byte_len()),
            ("ids", self.columns.ids.byte_len()),
            ("id_starts", self.columns.id_starts.byte_len()),
            ("hex_ids", self.columns.hex_ids.byte_len()),
            ("source_ids", self.columns.source_ids.byte_len()),
            ("newest_first", self.columns.newest_first.byte_len()),
        ]
    }
}

/// The lowercase ASCII letters of `bytes` as [`Index::ascii_letters`] bits (`1 << (l - b'a')`).
pub(crate) fn ascii_letter_bits(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .filter(|b| b.is_ascii_lowercase())
        .fold(0, |mask, b| mask | 1 << (b - b'a'))
}

/// A 64-bit key of an id: its value when it is 16 lower-case hex digits (as stable ids and
/// many scrapers' ids are), else an XXH3 hash of it.
pub(crate) fn id_key(id: &str) -> u64 {
    build::hex_id(id).unwrap_or_else(|| xxhash_rust::xxh3::xxh3_64(id.as_bytes()))
}

/// Text `i` of texts concatenated in `bytes`, starting at `starts`.
///
/// The columns' invariant, made by [`Index::build`] and checked by [`Index::decode`]:
/// `bytes` is UTF-8 and every entry of `starts` is a char boundary within it, ascending.
fn text_in<'a>(bytes: &'a [u8], starts: &[u32], i: usize) -> &'a str {
    let bytes = &bytes[starts[i] as usize..starts[i + 1] as usize];
    debug_assert!(std::str::from_utf8(bytes).is_ok());
    // SAFETY: by the invariant above, a range between two starts is whole UTF-8.
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

/// A length as a `u32` offset; the flat arrays hold at most 4 GiB of title text.
fn offset(len: usize) -> u32 {
    u32::try_from(len).expect("index offsets fit in u32 (under 4 GiB of titles)")
}
