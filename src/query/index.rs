//! [`Index`]: a chunk of articles as columns — what listing and searching need, prepared once
//! at load in flat arrays (one entry per article, or one per title char), so that a query
//! pays nothing for folding or pinyin and a million articles take a few compact arrays
//! instead of a million heap objects. Every array is a [`Column`], so an index read back
//! from the cache is a view of the mapped file, not a copy ([`Index::encode`],
//! [`Index::decode`]).
//!
//! An `Index` is two types, each built (`build.rs`), stored and mapped (`stored.rs`) on its
//! own: [`Columns`], the corpus's own data (titles, dates, ids, sources, the date order), and
//! [`SearchAids`], what searching needs beyond it (folding marks, pinyin readings, letter
//! masks, signatures), so a new column or aid touches its type and its codec only.
//!
//! Titles are kept once: a title whose folded form ([`super::fold`]) differs (Latin capitals,
//! full-width forms) is marked, and folded again when a search reaches it — after the
//! prefilters, which have turned most titles away by then.

mod build;
mod stored;

use std::sync::OnceLock;

use super::Order;
use super::fold::fold_into;
use super::readings::ReadingTable;
use crate::column::Column;
use crate::date::{Date, Stamp};

/// The sentinel in [`Index::stamp`]'s array for an article with no usable date.
const UNDATED: i64 = i64::MIN;

/// A chunk of articles for listing and searching: the corpus's own data ([`Columns`]) and
/// what searching needs beyond it ([`SearchAids`]), each built, stored and mapped on its own.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Titles, dates, ids and sources.
    columns: Columns,
    /// Folding marks, pinyin readings, letter masks and signatures.
    aids: SearchAids,
}

/// The corpus's own data of a list of articles, in the same order as the articles.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// Every title, concatenated.
    titles: Column<u8>,
    /// Byte offset in `titles` where title `i` starts; one more entry than titles.
    title_starts: Column<u32>,
    /// Each article's date kind: 0 dated, 1 unparsed date text, 2 no date (sorting classes).
    date_kinds: Column<u8>,
    /// Each article's publication instant (Unix seconds), or `UNDATED`.
    stamps: Column<i64>,
    /// Each article's UTC offset in seconds, times two, plus one when its date has a time;
    /// only dated articles' entries are read (an undated one repeats the entry before it).
    /// One entry for the whole chunk when all are alike, as they mostly are.
    date_zones: Column<i32>,
    /// The date text of articles whose date was not understood, by article, ascending.
    unparsed: Vec<(u32, Box<str>)>,
    /// Every article's id (its own, or the stable id loading gave it), concatenated.
    ids: Column<u8>,
    /// Byte offset in `ids` where article `i`'s id starts.
    /// One more entry than titles.
    id_starts: Column<u32>,
    /// When every article of the chunk has an id of its own of 16 lower-case hex digits (a
    /// 64-bit hash, as many scrapers make), the ids as numbers, and `ids` is empty.
    hex_ids: Column<u64>,
    /// Each article's source, as an index into `sources`.
    source_ids: Column<u16>,
    /// The distinct sources, as given.
    sources: Vec<Box<str>>,
    /// Article indices newest first, undated last (ties by index).
    newest_first: Column<u32>,
    /// Article indices oldest first, undated last (ties by index); made when first asked.
    oldest_first: OnceLock<Vec<u32>>,
}

/// What searching titles and sources needs beyond their text, per article of the same list.
#[derive(Debug, Clone, Default)]
pub struct SearchAids {
    /// One bit per article, set when its title's folded form differs from it.
    unfolded: Column<u64>,
    /// One bit per article, set when folding its title changes more than ASCII capitals
    /// (full-width forms, other capitals): folding it then goes char by char.
    widely_unfolded: Column<u64>,
    /// One bit per article, set when its folded title holds an ASCII letter or digit: a term
    /// of ASCII letters and digits can match any other title only through pinyin.
    latin: Column<u64>,
    /// Reading-set id of every title char, titles concatenated.
    char_readings: Column<u16>,
    /// Offset in `char_readings` where title `i` starts; one more entry than titles.
    char_starts: Column<u32>,
    /// The distinct reading sets.
    readings: ReadingTable,
    /// Letters and digits in each folded title or its readings ([`letter_mask`] bits).
    letters: Column<u64>,
    /// The chars of each folded title, each hashed to one of 64 bits ([`char_signature`]).
    char_sigs: Column<u64>,
    /// The same, folded (two sources may fold alike).
    folded_sources: Vec<Box<str>>,
}

impl Columns {
    /// Article indices sorted in date `order`, undated last, ties by index.
    fn date_order(&self, order: Order) -> Vec<u32> {
        let mut sorted: Vec<u32> = (0..offset(self.len())).collect();
        sorted.sort_unstable_by_key(|&i| (self.date_key(i as usize, order), i));
        sorted
    }

    /// How many articles.
    pub fn len(&self) -> usize {
        self.stamps.len()
    }

    /// A key that sorts article `i` in date `order` when ascending, comparable across indexes:
    /// dated articles by instant, then those with unparsed date text, then those with none.
    pub fn date_key(&self, i: usize, order: Order) -> u64 {
        /// Instants are clamped to ±2^60 s (jiff's years ±9999 are far inside).
        const LIMIT: i64 = 1 << 60;
        let kind = u64::from(self.date_kinds[i]);
        // A day alone sorts as its first second in the display zone, as `date:` matches it.
        let at = |i| self.matched_instant(i).unwrap_or(0).clamp(-LIMIT, LIMIT);
        let instant = match (kind, order) {
            (0, Order::NewestFirst) => -at(i),
            (0, Order::OldestFirst) => at(i),
            _ => 0,
        };
        kind << 62 | (instant + LIMIT) as u64
    }

    /// Article `i`'s publication instant in Unix seconds, when it has one.
    pub fn stamp(&self, i: usize) -> Option<i64> {
        Some(self.stamps[i]).filter(|&s| s != UNDATED)
    }

    /// The instant a `date:` span is compared with for article `i`: its publication instant,
    /// or, for a date given as a day alone, that day's first second in the display zone (so
    /// `date:2017-09-06` holds an article dated `2017-09-06` whatever the zone).
    pub fn matched_instant(&self, i: usize) -> Option<i64> {
        let unix = self.stamp(i)?;
        let zone = self.date_zones[if self.date_zones.len() == 1 { 0 } else { i }];
        let (offset, has_time) = (zone.div_euclid(2), zone.rem_euclid(2) == 1);
        if has_time || crate::date::zone::fixed_offset() == Some(offset) {
            return Some(unix);
        }
        let day = Stamp {
            unix,
            offset,
            has_time,
        }
        .civil()
        .date();
        Some(crate::date::zone::midnight(day))
    }
}

impl Index {
    /// How many articles the index covers.
    pub fn len(&self) -> usize {
        self.columns.len()
    }

    /// True when it covers no article.
    pub fn is_empty(&self) -> bool {
        self.columns.stamps.is_empty()
    }

    /// Article `i`'s title, as loaded (cleaned, not folded).
    pub fn title(&self, i: usize) -> &str {
        text_in(&self.columns.titles, &self.columns.title_starts, i)
    }

    /// Article `i`'s folded title (case and width folded), char for char its title: the title
    /// itself, or its folded form made in `buf`.
    pub fn folded_title<'a>(&'a self, i: usize, buf: &'a mut String) -> &'a str {
        let title = self.title(i);
        let bit = |bits: &[u64]| bits[i / 64] >> (i % 64) & 1 == 1;
        if !bit(&self.aids.unfolded) {
            return title;
        }
        buf.clear();
        if bit(&self.aids.widely_unfolded) {
            fold_into(title, buf);
        } else {
            // Only ASCII capitals to lower: a copy and a byte-wise pass, far cheaper.
            buf.push_str(title);
            buf.make_ascii_lowercase();
        }
        buf
    }

    /// The reading-set id of each char of article `i`'s title.
    pub(crate) fn title_readings(&self, i: usize) -> &[u16] {
        &self.aids.char_readings
            [self.aids.char_starts[i] as usize..self.aids.char_starts[i + 1] as usize]
    }

    /// The reading sets the ids of [`Index::title_readings`] refer to.
    pub(crate) fn reading_table(&self) -> &ReadingTable {
        &self.aids.readings
    }

    /// True when article `i`'s folded title holds an ASCII letter or digit (else a term of
    /// ASCII letters and digits can only match it through pinyin).
    pub fn title_has_latin(&self, i: usize) -> bool {
        self.aids.latin[i / 64] >> (i % 64) & 1 == 1
    }

    /// The letters and digits a term can match in article `i`'s title, directly or through
    /// pinyin: a term using any other is no match.
    pub fn title_letters(&self, i: usize) -> u64 {
        self.aids.letters[i]
    }

    /// The 64-bit signature of article `i`'s folded title chars (`char_signature`): a term
    /// whose signature is not a subset cannot occur in the title, directly.
    pub fn title_signature(&self, i: usize) -> u64 {
        self.aids.char_sigs[i]
    }

    /// A key that sorts article `i` in date `order` when ascending, comparable across
    /// indexes ([`Columns::date_key`]).
    pub fn date_key(&self, i: usize, order: Order) -> u64 {
        self.columns.date_key(i, order)
    }

    /// Article `i`'s date, as [`Article::date`] held it.
    pub fn date(&self, i: usize) -> Date {
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
        if !self.columns.hex_ids.is_empty() {
            // Digit by digit: `format!("{:016x}")` cost as much as the rest of a listed row.
            let v = self.columns.hex_ids[i];
            let hex: String = (0..16)
                .rev()
                .map(|k| char::from(b"0123456789abcdef"[(v >> (4 * k) & 0xF) as usize]))
                .collect();
            return hex.into();
        }
        text_in(&self.columns.ids, &self.columns.id_starts, i).into()
    }

    /// A 64-bit key of article `i`'s id, equal to [`id_key`] of [`Index::id`] and cheaper:
    /// for copies found while loading.
    pub fn id_key(&self, i: usize) -> u64 {
        match self.columns.hex_ids.get(i) {
            Some(&v) => v,
            None => id_key(text_in(&self.columns.ids, &self.columns.id_starts, i)),
        }
    }

    /// Article `i`'s date kind (0 dated, 1 unparsed text, 2 none) and instant (0 when undated).
    pub fn date_parts(&self, i: usize) -> (u8, i64) {
        match self.columns.date_kinds[i] {
            0 => (0, self.columns.stamps[i]),
            kind => (kind, 0),
        }
    }

    /// Article `i`'s source, as loaded (empty when unknown).
    pub fn source(&self, i: usize) -> &str {
        &self.columns.sources[self.source_id(i)]
    }

    /// Article `i`'s source id, an index into [`Index::folded_sources`].
    pub fn source_id(&self, i: usize) -> usize {
        usize::from(self.columns.source_ids[i])
    }

    /// The distinct sources, folded, by source id.
    pub fn folded_sources(&self) -> &[Box<str>] {
        &self.aids.folded_sources
    }

    /// Article `i`'s publication instant in Unix seconds, when it has one.
    pub fn stamp(&self, i: usize) -> Option<i64> {
        self.columns.stamp(i)
    }

    /// The instant a `date:` span is compared with for article `i`
    /// ([`Columns::matched_instant`]).
    pub fn matched_instant(&self, i: usize) -> Option<i64> {
        self.columns.matched_instant(i)
    }

    /// Every article index in date `order`, undated last.
    pub fn in_order(&self, order: Order) -> &[u32] {
        match order {
            Order::NewestFirst => &self.columns.newest_first,
            Order::OldestFirst => self
                .columns
                .oldest_first
                .get_or_init(|| self.columns.date_order(Order::OldestFirst)),
        }
    }

    /// True when the columns are views of a mapped cache file, not in memory.
    pub fn is_mapped(&self) -> bool {
        self.columns.titles.is_view()
    }

    /// Bytes of memory the columns take (or map).
    pub fn byte_len(&self) -> usize {
        self.column_sizes().iter().map(|(_, n)| n).sum()
    }

    /// Bytes of each column, by name (for reports of memory use).
    pub fn column_sizes(&self) -> [(&'static str, usize); 15] {
        [
            ("titles", self.columns.titles.byte_len()),
            ("title_starts", self.columns.title_starts.byte_len()),
            (
                "bitmaps",
                self.aids.unfolded.byte_len()
                    + self.aids.widely_unfolded.byte_len()
                    + self.aids.latin.byte_len(),
            ),
            ("char_readings", self.aids.char_readings.byte_len()),
            ("char_starts", self.aids.char_starts.byte_len()),
            ("letters", self.aids.letters.byte_len()),
            ("char_sigs", self.aids.char_sigs.byte_len()),
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

/// Text `i` of texts concatenated in `bytes`, starting at `starts`.
///
/// The columns' invariant, made by [`Index::build`] and checked by [`Index::decode`]:
/// `bytes` is UTF-8 and every entry of `starts` is a char boundary within it, ascending.
/// A 64-bit key of an id: its value when it is 16 lower-case hex digits (as stable ids and
/// many scrapers' ids are), else an XXH3 hash of it.
pub fn id_key(id: &str) -> u64 {
    build::hex_id(id).unwrap_or_else(|| xxhash_rust::xxh3::xxh3_64(id.as_bytes()))
}

fn text_in<'a>(bytes: &'a [u8], starts: &[u32], i: usize) -> &'a str {
    let bytes = &bytes[starts[i] as usize..starts[i + 1] as usize];
    debug_assert!(std::str::from_utf8(bytes).is_ok());
    // SAFETY: by the invariant above, a range between two starts is whole UTF-8.
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

/// The chars of a folded text, each hashed to one of 64 bits: a cheap subset test before
/// matching (a title lacks a char of the term when the term's bit is not in the title's).
pub fn char_signature(text: &str) -> u64 {
    text.chars().fold(0, |sig, c| {
        sig | 1u64 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
    })
}

/// A length as a `u32` offset; the flat arrays hold at most 4 GiB of title text.
fn offset(len: usize) -> u32 {
    u32::try_from(len).expect("index offsets fit in u32 (under 4 GiB of titles)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::date::Date;
    use crate::query::readings::letter_mask;

    fn article(title: &str, source: &str, date: &str) -> Article {
        Article {
            title: title.into(),
            source: source.into(),
            date: Date::from_text(date),
            ..Article::default()
        }
    }

    #[test]
    fn folds_titles_and_keeps_char_counts() {
        let articles = [
            article("ＶＩＰ会员２０１２", "新华社", "2012-07-06"),
            article("长春日报", "长春日报", ""),
        ];
        let index = Index::build(&articles);
        assert_eq!(index.len(), 2);
        assert_eq!(index.folded_title(0, &mut String::new()), "vip会员2012");
        assert_eq!(index.title(0), "ＶＩＰ会员２０１２");
        assert_eq!(index.folded_title(1, &mut String::new()), "长春日报");
        assert_eq!(index.title(1), "长春日报");
        assert_eq!(index.title_readings(0).len(), 9);
        assert_eq!(index.title_readings(1).len(), 4);
        let chang = index.reading_table().set(index.title_readings(1)[0]);
        assert!(chang.into_iter().any(|r| r == "zhang"));
        assert_eq!(
            index.title_letters(1) & letter_mask(b"ccrb"),
            letter_mask(b"ccrb")
        );
        assert_eq!(index.title_letters(1) & letter_mask(b"q"), 0);
    }

    #[test]
    fn sources_are_shared_and_dates_ordered() {
        let articles = [
            article("a", "新华社", "2012-07-06"),
            article("b", "ＸＨ", "不详"),
            article("c", "新华社", "2017-09-06 09:11"),
            article("d", "xh", ""),
            article("e", "", "2001-01-01"),
        ];
        let index = Index::build(&articles);
        let folded: Vec<&str> = (0..5)
            .map(|i| &*index.folded_sources()[index.source_id(i)])
            .collect();
        assert_eq!(folded, ["新华社", "xh", "新华社", "xh", ""]);
        assert_eq!(index.source(1), "ＸＨ");
        assert_eq!(index.source_id(0), index.source_id(2));
        assert_ne!(index.source_id(1), index.source_id(3));
        assert_eq!(index.stamp(1), None);
        assert_eq!(index.stamp(4), articles[4].date.stamp().map(|s| s.unix));
        assert_eq!(index.in_order(Order::NewestFirst), [2, 0, 4, 1, 3]);
        assert_eq!(index.in_order(Order::OldestFirst), [4, 0, 2, 1, 3]);
        assert!(Index::build(&[]).is_empty());
        let keys: Vec<u64> = (0..5)
            .map(|i| index.date_key(i, Order::NewestFirst))
            .collect();
        assert!(keys[2] < keys[0] && keys[0] < keys[4] && keys[4] < keys[1]);
        assert!(keys[1] < keys[3], "unparsed before missing");
        let keys: Vec<u64> = (0..5)
            .map(|i| index.date_key(i, Order::OldestFirst))
            .collect();
        assert!(keys[4] < keys[0] && keys[0] < keys[2] && keys[2] < keys[1]);
    }

    #[test]
    fn signatures_are_subsets_for_contained_text() {
        let title = char_signature("中共长春市委人大工作会议召开");
        for term in ["人大", "长春", "中召", "开"] {
            let sig = char_signature(term);
            assert_eq!(title & sig, sig, "{term}");
        }
        assert_eq!(char_signature(""), 0);
        let missing = char_signature("北京上海广州深圳");
        assert_ne!(title & missing, missing);
    }
}
