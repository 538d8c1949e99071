//! [`Index`]: what searching needs from the articles, prepared once at load in flat arrays
//! (one entry per article, or one per title char), so a query pays nothing for folding or
//! pinyin, and later work can add prefilters, narrowing and parallel scans over plain slices.

use super::Order;
use super::fold::fold_into;
use super::readings::{ReadingTable, letter_mask};
use crate::article::Article;

/// The sentinel in [`Index::stamp`]'s array for an article with no usable date.
const UNDATED: i64 = i64::MIN;

/// Search data for a list of articles, in the same order as the articles.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every title folded ([`super::fold`]), concatenated.
    titles: String,
    /// Byte offset in `titles` where title `i` starts; one more entry than titles.
    title_starts: Vec<u32>,
    /// Reading-set id of every title char, titles concatenated.
    char_readings: Vec<u16>,
    /// Offset in `char_readings` where title `i` starts; one more entry than titles.
    char_starts: Vec<u32>,
    /// The distinct reading sets.
    readings: ReadingTable,
    /// Letters and digits in each folded title or its readings ([`letter_mask`] bits).
    letters: Vec<u64>,
    /// The chars of each folded title, each hashed to one of 128 bits ([`char_signature`]).
    char_sigs: Vec<u128>,
    /// Each article's date kind: 0 dated, 1 unparsed date text, 2 no date (sorting classes).
    date_kinds: Vec<u8>,
    /// Each article's source, as an index into `sources`.
    source_ids: Vec<u32>,
    /// The distinct sources, folded.
    sources: Vec<String>,
    /// Each article's publication instant (Unix seconds), or `UNDATED`.
    stamps: Vec<i64>,
    /// Article indices newest first, undated last (ties by index).
    newest_first: Vec<u32>,
    /// Article indices oldest first, undated last (ties by index).
    oldest_first: Vec<u32>,
}

impl Index {
    /// Prepares the search data of `articles`.
    pub fn build(articles: &[Article]) -> Index {
        let n = articles.len();
        let mut index = Index {
            titles: String::with_capacity(articles.iter().map(|a| a.title.len()).sum()),
            title_starts: Vec::with_capacity(n + 1),
            char_starts: Vec::with_capacity(n + 1),
            letters: Vec::with_capacity(n),
            char_sigs: Vec::with_capacity(n),
            date_kinds: Vec::with_capacity(n),
            source_ids: Vec::with_capacity(n),
            stamps: Vec::with_capacity(n),
            ..Index::default()
        };
        let mut source_ids = std::collections::HashMap::new();
        let mut folded_source = String::new();
        for a in articles {
            index.title_starts.push(offset(index.titles.len()));
            index.char_starts.push(offset(index.char_readings.len()));
            let start = index.titles.len();
            fold_into(&a.title, &mut index.titles);
            let mut mask = letter_mask(&index.titles.as_bytes()[start..]);
            for c in index.titles[start..].chars() {
                let id = index.readings.id_of(c);
                mask |= index.readings.mask(id);
                index.char_readings.push(id);
            }
            index.letters.push(mask);
            index.char_sigs.push(char_signature(&index.titles[start..]));
            index.date_kinds.push(a.date.newest_first_key().0);
            folded_source.clear();
            fold_into(&a.source, &mut folded_source);
            let id = match source_ids.get(&folded_source) {
                Some(&id) => id,
                None => {
                    let id = offset(index.sources.len());
                    source_ids.insert(folded_source.clone(), id);
                    index.sources.push(folded_source.clone());
                    id
                }
            };
            index.source_ids.push(id);
            index
                .stamps
                .push(a.date.stamp().map_or(UNDATED, |s| s.unix));
        }
        index.title_starts.push(offset(index.titles.len()));
        index.char_starts.push(offset(index.char_readings.len()));
        let mut order: Vec<u32> = (0..offset(n)).collect();
        order.sort_unstable_by_key(|&i| (index.date_key(i as usize, Order::NewestFirst), i));
        index.newest_first = order.clone();
        order.sort_unstable_by_key(|&i| (index.date_key(i as usize, Order::OldestFirst), i));
        index.oldest_first = order;
        index
    }

    /// How many articles the index covers.
    pub fn len(&self) -> usize {
        self.stamps.len()
    }

    /// True when it covers no article.
    pub fn is_empty(&self) -> bool {
        self.stamps.is_empty()
    }

    /// Article `i`'s folded title.
    pub fn title(&self, i: usize) -> &str {
        &self.titles[self.title_starts[i] as usize..self.title_starts[i + 1] as usize]
    }

    /// The reading-set id of each char of article `i`'s title.
    pub(crate) fn title_readings(&self, i: usize) -> &[u16] {
        &self.char_readings[self.char_starts[i] as usize..self.char_starts[i + 1] as usize]
    }

    /// The reading sets the ids of [`Index::title_readings`] refer to.
    pub(crate) fn reading_table(&self) -> &ReadingTable {
        &self.readings
    }

    /// The letters and digits a term can match in article `i`'s title, directly or through
    /// pinyin: a term using any other is no match.
    pub fn title_letters(&self, i: usize) -> u64 {
        self.letters[i]
    }

    /// The 128-bit signature of article `i`'s folded title chars (`char_signature`): a term
    /// whose signature is not a subset cannot occur in the title, directly.
    pub fn title_signature(&self, i: usize) -> u128 {
        self.char_sigs[i]
    }

    /// A key that sorts article `i` in date `order` when ascending, comparable across indexes:
    /// dated articles by instant, then those with unparsed date text, then those with none.
    pub fn date_key(&self, i: usize, order: Order) -> u64 {
        /// Instants are clamped to ±2^60 s (jiff's years ±9999 are far inside).
        const LIMIT: i64 = 1 << 60;
        let kind = u64::from(self.date_kinds[i]);
        let instant = match (kind, order) {
            (0, Order::NewestFirst) => -self.stamps[i].clamp(-LIMIT, LIMIT),
            (0, Order::OldestFirst) => self.stamps[i].clamp(-LIMIT, LIMIT),
            _ => 0,
        };
        kind << 62 | (instant + LIMIT) as u64
    }

    /// Article `i`'s source id, an index into [`Index::sources`].
    pub fn source_id(&self, i: usize) -> usize {
        self.source_ids[i] as usize
    }

    /// The distinct folded sources.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// Article `i`'s publication instant in Unix seconds, when it has one.
    pub fn stamp(&self, i: usize) -> Option<i64> {
        Some(self.stamps[i]).filter(|&s| s != UNDATED)
    }

    /// Every article index in date `order`, undated last.
    pub fn in_order(&self, order: Order) -> &[u32] {
        match order {
            Order::NewestFirst => &self.newest_first,
            Order::OldestFirst => &self.oldest_first,
        }
    }
}

/// The chars of a folded text, each hashed to one of 128 bits: a cheap subset test before
/// matching (a title lacks a char of the term when the term's bit is not in the title's).
pub fn char_signature(text: &str) -> u128 {
    text.chars().fold(0, |sig, c| {
        sig | 1u128 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 25)
    })
}

/// A length as a `u32` offset; the flat arrays hold at most 4 GiB of title text.
fn offset(len: usize) -> u32 {
    u32::try_from(len).expect("index offsets fit in u32 (under 4 GiB of titles)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

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
        assert_eq!(index.title(0), "vip会员2012");
        assert_eq!(index.title(1), "长春日报");
        assert_eq!(index.title_readings(0).len(), 9);
        assert_eq!(index.title_readings(1).len(), 4);
        let chang = index.reading_table().set(index.title_readings(1)[0]);
        assert!(chang.iter().any(|r| &**r == "zhang"));
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
        assert_eq!(index.sources(), ["新华社", "xh", ""]);
        assert_eq!(index.source_id(0), index.source_id(2));
        assert_eq!(index.source_id(1), index.source_id(3));
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
