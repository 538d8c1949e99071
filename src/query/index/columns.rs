//! [`Columns`]: the corpus's own data of a chunk (titles, dates, ids, sources, the date
//! order) as flat arrays, and what reads them: lengths, dates, sort keys. Kept apart from the
//! search aids ([`super::SearchAids`]) so a new column touches this type and its codec only.

use std::sync::OnceLock;

use super::offset;
use super::titles::Titles;
use crate::column::Column;
use crate::date::Stamp;
use crate::query::Order;

/// The sentinel in [`Columns::stamp`]'s array for an article with no usable date.
pub(super) const UNDATED: i64 = i64::MIN;

/// Instants in date keys are clamped to ±2^60 s (jiff's years ±9999 are far inside).
const LIMIT: i64 = 1 << 60;

/// The corpus's own data of a list of articles, in the same order as the articles.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    /// Every title, and where each starts; read from a cache, checked on first whole use.
    pub(super) titles: Titles,
    /// Each article's date kind: 0 dated, 1 unparsed date text, 2 no date (sorting classes).
    pub(super) date_kinds: Column<u8>,
    /// Each article's publication instant (Unix seconds), or `UNDATED`.
    pub(super) stamps: Column<i64>,
    /// Each article's UTC offset in seconds, times two, plus one when its date has a time;
    /// only dated articles' entries are read (an undated one repeats the entry before it).
    /// One entry for the whole chunk when all are alike, as they mostly are.
    pub(super) date_zones: Column<i32>,
    /// The date text of articles whose date was not understood, by article, ascending.
    pub(super) unparsed: Vec<(u32, Box<str>)>,
    /// Every article's id (its own, or the stable id loading gave it), concatenated.
    pub(super) ids: Column<u8>,
    /// Byte offset in `ids` where article `i`'s id starts.
    /// One more entry than titles.
    pub(super) id_starts: Column<u32>,
    /// When every article of the chunk has an id of its own of 16 lower-case hex digits (a
    /// 64-bit hash, as many scrapers make), the ids as numbers, and `ids` is empty.
    pub(super) hex_ids: Column<u64>,
    /// Each article's source, as an index into `sources`.
    pub(super) source_ids: Column<u16>,
    /// The distinct sources, as given.
    pub(super) sources: Vec<Box<str>>,
    /// Article indices newest first, undated last (ties by index).
    pub(super) newest_first: Column<u32>,
    /// Article indices oldest first, undated last (ties by index); made when first asked.
    pub(super) oldest_first: OnceLock<Vec<u32>>,
}

impl Columns {
    /// Article indices sorted in date `order`, undated last, ties by index.
    pub(super) fn date_order(&self, order: Order) -> Vec<u32> {
        let mut sorted: Vec<u32> = (0..offset(self.len())).collect();
        sorted.sort_unstable_by_key(|&i| (self.date_key(i as usize, order), i));
        sorted
    }

    /// How many articles.
    pub(crate) fn len(&self) -> usize {
        self.stamps.len()
    }

    /// A key that sorts article `i` in date `order` when ascending, comparable across indexes:
    /// dated articles by instant, then those with unparsed date text, then those with none.
    pub(crate) fn date_key(&self, i: usize, order: Order) -> u64 {
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

    /// The instant a [`Columns::date_key`] in `order` was made from (the one `date:` terms
    /// compare: [`Columns::matched_instant`]); `None` for a key of an article with no date.
    pub(crate) fn instant_of_key(key: u64, order: Order) -> Option<i64> {
        if key >> 62 != 0 {
            return None;
        }
        let instant = key as i64 - LIMIT;
        Some(match order {
            Order::NewestFirst => -instant,
            Order::OldestFirst => instant,
        })
    }

    /// Article `i`'s publication instant in Unix seconds, when it has one.
    pub(crate) fn stamp(&self, i: usize) -> Option<i64> {
        // Only a dated article's (kind 0): a cache read unchecked could pair a stamp with
        // another kind, whose key would not sort by it.
        Some(self.stamps[i]).filter(|&s| s != UNDATED && self.date_kinds[i] == 0)
    }

    /// The instant a `date:` span is compared with for article `i`: its publication instant,
    /// or, for a date given as a day alone, that day's first second in the display zone (so
    /// `date:2017-09-06` holds an article dated `2017-09-06` whatever the zone).
    pub(crate) fn matched_instant(&self, i: usize) -> Option<i64> {
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
