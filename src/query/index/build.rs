//! Building an [`Index`]: its [`Columns`] and its [`SearchAids`], each made in one pass over
//! the articles by its own builder, so a new column touches its own type only.

use std::sync::OnceLock;

use super::chars::TitleChars;
use super::columns::UNDATED;
use super::titles::Titles;
use super::{Columns, Index, LazyAids, Order, SearchAids, char_signature, offset};
use crate::article::Article;
use crate::date::Date;
use crate::query::fold::fold_into;
use crate::query::readings::{ReadingTable, letter_mask};

impl Index {
    /// Prepares the columns and search aids of `articles`, which may have at most 65,536
    /// distinct sources.
    pub fn build(articles: &[Article]) -> Index {
        // The two halves side by side: a load's first batch is built before anything is
        // shown, and the pool has a core free whenever one chunk alone is building.
        let (columns, aids) =
            rayon::join(|| Columns::build(articles), || SearchAids::build(articles));
        Index {
            columns,
            aids: LazyAids::made(aids),
        }
    }
}

impl Columns {
    /// The corpus's own data of `articles`: titles, dates, ids, sources and the date order.
    pub(crate) fn build(articles: &[Article]) -> Columns {
        let n = articles.len();
        let mut titles = String::with_capacity(articles.iter().map(|a| a.title.len()).sum());
        let mut title_starts = Vec::with_capacity(n + 1);
        let mut date_kinds = Vec::with_capacity(n);
        let mut stamps = Vec::with_capacity(n);
        let mut date_zones = Vec::with_capacity(n);
        let mut unparsed = Vec::new();
        let mut ids = String::with_capacity(articles.iter().map(|a| a.id.len()).sum());
        let mut id_starts = Vec::with_capacity(n + 1);
        let mut source_ids = Vec::with_capacity(n);
        let mut sources: Vec<Box<str>> = Vec::new();
        let mut by_source = std::collections::HashMap::<&str, u16>::new();
        for (i, a) in articles.iter().enumerate() {
            title_starts.push(offset(titles.len()));
            id_starts.push(offset(ids.len()));
            ids.push_str(&a.id);
            titles.push_str(&a.title);
            date_kinds.push(a.date.newest_first_key().0);
            stamps.push(a.date.stamp().map_or(UNDATED, |s| s.unix));
            // An undated article repeats the entry before it, so that it does not keep a
            // chunk's zones from being alike.
            let zone = a.date.stamp().map(|s| s.offset * 2 + i32::from(s.has_time));
            let before = date_zones.last().copied().unwrap_or(0);
            date_zones.push(zone.unwrap_or(before));
            if let Date::Unparsed(text) = &a.date {
                unparsed.push((offset(i), text.as_str().into()));
            }
            let next = sources.len();
            let id = *by_source.entry(&a.source).or_insert_with(|| {
                u16::try_from(next).expect("at most 65,536 distinct sources in a chunk")
            });
            if usize::from(id) == next {
                sources.push(a.source.as_str().into());
            }
            source_ids.push(id);
        }
        title_starts.push(offset(titles.len()));
        id_starts.push(offset(ids.len()));
        let hex_ids: Option<Vec<u64>> = articles.iter().map(|a| hex_id(&a.id)).collect();
        let (ids, id_starts, hex_ids) = match hex_ids {
            Some(hex) if n > 0 && ids.len() == 16 * n => (String::new(), Vec::new(), hex),
            _ => (ids, id_starts, Vec::new()),
        };
        // (The first entries, of undated articles before the first dated one, are 0.)
        let first_dated = date_kinds.iter().position(|&k| k == 0);
        let dated_zones = &date_zones[first_dated.unwrap_or(date_zones.len())..];
        if dated_zones.windows(2).all(|w| w[0] == w[1]) {
            let zone = dated_zones.first().copied().unwrap_or(0);
            date_zones = vec![zone];
            date_zones.truncate(n.min(1));
        }
        let mut columns = Columns {
            titles: Titles::built(titles.into_bytes(), title_starts),
            date_kinds: date_kinds.into(),
            stamps: stamps.into(),
            date_zones: date_zones.into(),
            unparsed,
            ids: ids.into_bytes().into(),
            id_starts: id_starts.into(),
            hex_ids: hex_ids.into(),
            source_ids: source_ids.into(),
            sources,
            ..Columns::default()
        };
        columns.newest_first = columns.date_order(Order::NewestFirst).into();
        columns
    }
}

impl SearchAids {
    /// What searching the titles and sources of `articles` needs beyond the text: folding
    /// marks, pinyin readings, letter masks and char signatures.
    pub(crate) fn build(articles: &[Article]) -> SearchAids {
        let mut seen_sources = std::collections::HashSet::<&str>::new();
        // In the order the columns number the sources: first met first.
        let sources = articles
            .iter()
            .filter(|a| seen_sources.insert(&a.source))
            .map(|a| a.source.as_str());
        SearchAids::of_titles(articles.len(), |i| &articles[i].title, sources)
    }

    /// The same aids made from `columns` (when a cache's copy of them does not check out).
    pub(crate) fn of_columns(columns: &Columns) -> SearchAids {
        let sources = columns.sources.iter().map(|s| &**s);
        SearchAids::of_titles(columns.len(), |i| columns.titles.get(i), sources)
    }

    /// The aids of `n` titles, given by number, and of the distinct `sources` in the order
    /// the columns number them.
    fn of_titles<'a>(
        n: usize,
        title: impl Fn(usize) -> &'a str,
        sources: impl Iterator<Item = &'a str>,
    ) -> SearchAids {
        let mut unfolded = vec![0u64; n.div_ceil(64)];
        let mut widely_unfolded = vec![0u64; n.div_ceil(64)];
        let mut latin = vec![0u64; n.div_ceil(64)];
        // Exact sizes up front: a column that grew and shrank would leave holes in the heap
        // that outlive the load (the columns live as long as the corpus).
        let title_chars = (0..n).map(|i| title(i).chars().count()).sum();
        let mut char_readings = Vec::with_capacity(title_chars);
        let mut char_starts = Vec::with_capacity(n + 1);
        let mut readings = ReadingTable::default();
        let mut letters = Vec::with_capacity(n);
        let mut char_sigs = Vec::with_capacity(n);
        let mut folded_titles = Vec::new();
        let mut folded_starts = Vec::with_capacity(n + 1);
        let mut one = String::new();
        for i in 0..n {
            let text = title(i);
            char_starts.push(offset(char_readings.len()));
            folded_starts.push(offset(folded_titles.len()));
            one.clear();
            fold_into(text, &mut one);
            if one != text {
                unfolded[i / 64] |= 1 << (i % 64);
                if !is_ascii_lowercase_of(&one, text) {
                    widely_unfolded[i / 64] |= 1 << (i % 64);
                    folded_titles.extend_from_slice(one.as_bytes());
                }
            }
            let mut mask = letter_mask(one.as_bytes());
            if mask != 0 {
                latin[i / 64] |= 1 << (i % 64);
            }
            for c in one.chars() {
                let id = readings.id_of(c);
                mask |= readings.mask(id);
                char_readings.push(id);
            }
            letters.push(mask);
            char_sigs.push(char_signature(&one));
        }
        char_starts.push(offset(char_readings.len()));
        folded_starts.push(offset(folded_titles.len()));
        folded_titles.shrink_to_fit();
        let chars = TitleChars::build((0..n).map(|i| {
            let bit = |bits: &[u64]| bits[i / 64] >> (i % 64) & 1 == 1;
            if bit(&widely_unfolded) {
                let (start, end) = (folded_starts[i] as usize, folded_starts[i + 1] as usize);
                std::str::from_utf8(&folded_titles[start..end]).expect("folded as UTF-8")
            } else {
                // The same chars beyond ASCII as folded: only ASCII capitals differ.
                title(i)
            }
        }));
        SearchAids {
            unfolded: unfolded.into(),
            widely_unfolded: widely_unfolded.into(),
            folded_titles: folded_titles.into(),
            folded_starts: folded_starts.into(),
            latin: latin.into(),
            ascii_letters: OnceLock::new(),
            initials: OnceLock::new(),
            openings: OnceLock::new(),
            char_readings: char_readings.into(),
            char_starts: char_starts.into(),
            readings: readings.frozen(),
            letters: letters.into(),
            char_sigs: char_sigs.into(),
            chars,
            folded_sources: sources
                .map(|s| crate::query::fold::fold(s).into_boxed_str())
                .collect(),
        }
    }
}

/// True when `folded` is `text` with its ASCII capitals lowered and nothing else changed
/// (checked without a copy: with 繁简 folding, most traditional titles change).
fn is_ascii_lowercase_of(folded: &str, text: &str) -> bool {
    folded.len() == text.len()
        && folded
            .bytes()
            .zip(text.bytes())
            .all(|(f, t)| f == t.to_ascii_lowercase())
}

/// The value of an id of exactly 16 lower-case hex digits (which formats back to it).
pub(crate) fn hex_id(id: &str) -> Option<u64> {
    let lower_hex = |b: &u8| matches!(b, b'0'..=b'9' | b'a'..=b'f');
    (id.len() == 16 && id.bytes().all(|b| lower_hex(&b)))
        .then(|| u64::from_str_radix(id, 16).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(title: &str) -> Article {
        Article {
            title: title.into(),
            ..Article::default()
        }
    }

    #[test]
    fn marks_titles_by_how_they_fold() {
        let articles = ["长春日报", "NBA季后赛", "立法會ＡＢ", "臺灣NBA"].map(titled);
        let aids = SearchAids::build(&articles);
        let bits = |column: &[u64]| (0..4).map(|i| column[0] >> i & 1).collect::<Vec<_>>();
        assert_eq!(bits(&aids.unfolded), [0, 1, 1, 1]);
        assert_eq!(bits(&aids.widely_unfolded), [0, 0, 1, 1]);
        let index = Index::build(&articles);
        let folded: Vec<String> = (0..4)
            .map(|i| index.folded_title(i, &mut String::new()).to_string())
            .collect();
        assert_eq!(folded, ["长春日报", "nba季后赛", "立法会ab", "台湾nba"]);
        // 國 and 国 read alike: the readings are the folded char's.
        let readings = Index::build(&["國旗", "国旗"].map(titled));
        assert_eq!(readings.title_readings(0), readings.title_readings(1));
    }

    #[test]
    fn ascii_lowercase_check() {
        assert!(is_ascii_lowercase_of("nba季后赛", "NBA季后赛"));
        assert!(!is_ascii_lowercase_of("台湾nba", "臺灣NBA"));
        assert!(!is_ascii_lowercase_of("ab", "ＡＢ"));
        assert!(!is_ascii_lowercase_of("ab", "abc"));
    }
}
