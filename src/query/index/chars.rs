//! [`TitleChars`]: for every char beyond ASCII in a chunk's folded titles (Han chars, kana,
//! other scripts' letters), the titles that hold it, so a title term with such chars takes its
//! candidates from intersecting lists instead of testing every title. A title term holds each
//! of its chars (fuzzy, `'`, `^` and `$` alike), so a title lacking one cannot match: the
//! candidates are exact for one char and a superset for more. At 10M titles a scan that tested
//! every title's char signature for `国` let a quarter of them through to matching; the list
//! holds the one in seven that have it.
//!
//! Lists are of local article numbers (`u16`: a chunk holds at most 65,536), ascending, kept
//! flat: the sorted chars, where each list starts, and the lists one after another. Built by
//! sorting (char, title) pairs, not a hash map, and stored in the cache with the other aids.

use crate::column::Column;
use crate::column::codec::{Decoder, Encoder};
use crate::fulltext::Candidates;

/// The titles that hold each char beyond ASCII of a chunk's folded titles.
#[derive(Debug, Clone, Default)]
pub(crate) struct TitleChars {
    /// The distinct chars, ascending, as code points.
    chars: Column<u32>,
    /// Where the list of `chars[k]` starts in `titles`; one more entry than chars.
    starts: Column<u32>,
    /// The lists: local article numbers, each list ascending without repeats.
    titles: Column<u16>,
}

impl TitleChars {
    /// The lists of `folded` titles (the chunk's, in order). More than 65,536 titles (an
    /// index of a whole list, as the single-list reference search builds) are not listed:
    /// [`TitleChars::candidates`] then says every title may match.
    pub(crate) fn build<'a>(folded: impl ExactSizeIterator<Item = &'a str>) -> TitleChars {
        if folded.len() > usize::from(u16::MAX) + 1 {
            return TitleChars::default();
        }
        let mut pairs: Vec<u64> = Vec::new();
        for (i, title) in folded.enumerate() {
            let i = i as u16;
            pairs.extend(
                title
                    .chars()
                    .filter(|c| !c.is_ascii())
                    .map(|c| u64::from(c) << 16 | u64::from(i)),
            );
        }
        radsort::sort(&mut pairs);
        pairs.dedup();
        let mut chars = Vec::new();
        let mut starts = Vec::new();
        let mut titles = Vec::with_capacity(pairs.len());
        for pair in pairs {
            let c = (pair >> 16) as u32;
            if chars.last() != Some(&c) {
                chars.push(c);
                starts.push(titles.len() as u32);
            }
            titles.push(pair as u16);
        }
        starts.push(titles.len() as u32);
        TitleChars {
            chars: chars.into(),
            starts: starts.into(),
            titles: titles.into(),
        }
    }

    /// The titles of a chunk of `len` that may match a term whose folded text is `text`:
    /// those holding every char of it beyond ASCII. `None` when it has none, or the titles
    /// are not listed (every title may match, as far as these lists tell).
    pub(crate) fn candidates(&self, text: &str, len: usize) -> Option<Candidates> {
        if self.starts.is_empty() {
            // Not listed (see `build`).
            return None;
        }
        let mut lists: Vec<&[u16]> = Vec::new();
        for c in text.chars().filter(|c| !c.is_ascii()) {
            let Ok(k) = self.chars.binary_search(&u32::from(c)) else {
                // No title holds it.
                return Some(Candidates::from_bits(vec![0; len.div_ceil(64)], false));
            };
            lists.push(&self.titles[self.starts[k] as usize..self.starts[k + 1] as usize]);
        }
        lists.sort_by_key(|l| l.len());
        let (rarest, others) = lists.split_first()?;
        let mut bits = vec![0u64; len.div_ceil(64)];
        for &i in *rarest {
            bits[usize::from(i) / 64] |= 1 << (i % 64);
        }
        let mut other = vec![0u64; bits.len()];
        for list in others {
            other.fill(0);
            for &i in *list {
                other[usize::from(i) / 64] |= 1 << (i % 64);
            }
            bits.iter_mut().zip(&other).for_each(|(b, o)| *b &= o);
        }
        Some(Candidates::from_bits(bits, false))
    }

    /// The chars listed, ascending as code points; `None` when the titles are not listed
    /// (see [`TitleChars::build`]).
    pub(crate) fn chars(&self) -> Option<&[u32]> {
        (!self.starts.is_empty()).then_some(&self.chars[..])
    }

    /// The titles holding char `c` (as a code point), ascending; none when it is not listed.
    pub(crate) fn holding(&self, c: u32) -> &[u16] {
        match self.chars.binary_search(&c) {
            Ok(k) => &self.titles[self.starts[k] as usize..self.starts[k + 1] as usize],
            Err(_) => &[],
        }
    }

    /// Bytes the lists take.
    #[cfg(test)]
    pub(crate) fn byte_len(&self) -> usize {
        self.chars.len() * 4 + self.starts.len() * 4 + self.titles.len() * 2
    }

    /// Appends the lists to `e`.
    pub(crate) fn encode(&self, e: &mut Encoder) {
        e.column(&self.chars);
        e.column(&self.starts);
        e.column(&self.titles);
    }

    /// Reads lists written by [`TitleChars::encode`] for a chunk of `len` titles; `None`
    /// when the bytes are not sound (chars not ascending, starts out of bounds, a number
    /// past the chunk or lists not ascending).
    pub(crate) fn decode(d: &mut Decoder, len: usize) -> Option<TitleChars> {
        let chars: Column<u32> = d.column()?;
        let starts: Column<u32> = d.column()?;
        let titles: Column<u16> = d.column()?;
        // `TitleChars::default()` (an empty chunk's) has no starts at all.
        let empty = chars.is_empty() && starts.len() <= 1 && titles.is_empty();
        // The lists' lengths are checked always; every entry, unless checked before.
        let shaped = starts.len() == chars.len() + 1
            && starts.first() == Some(&0)
            && starts.last().map(|&s| s as usize) == Some(titles.len());
        let values_sound = || {
            starts.windows(2).all(|w| w[0] < w[1])
                && chars.windows(2).all(|w| w[0] < w[1])
                && lists_ascend(&titles, &starts)
                && titles
                    .iter()
                    .copied()
                    .max()
                    .is_none_or(|i| usize::from(i) < len)
        };
        let sound = empty || shaped && (d.is_checked_before() || values_sound());
        sound.then_some(TitleChars {
            chars,
            starts,
            titles,
        })
    }
}

/// Whether each list, `titles[starts[j]..starts[j + 1]]` (`starts` strictly ascending from 0
/// to the end), ascends: the descents of the whole column, counted in one pass without early
/// exits (vectorised: 0.3 GB of lists at 10M articles), are exactly those where one list
/// meets the next.
fn lists_ascend(titles: &[u16], starts: &[u32]) -> bool {
    let next = titles.get(1..).unwrap_or(&[]);
    let descents: usize = titles
        .iter()
        .zip(next)
        .map(|(a, b)| usize::from(a >= b))
        .sum();
    let joins = starts.get(1..starts.len().saturating_sub(1)).unwrap_or(&[]);
    let at_joins = joins
        .iter()
        .filter(|&&s| titles[s as usize - 1] >= titles[s as usize])
        .count();
    descents == at_joins
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Lists checked in one pass over the column say what checking each list says.
        #[test]
        fn lists_ascend_as_each_list_checked_alone(
            lists in proptest::collection::vec(
                proptest::collection::vec(0u16..8, 1..5), 0..8),
        ) {
            let titles: Vec<u16> = lists.concat();
            let mut starts = vec![0u32];
            for list in &lists {
                starts.push(starts[starts.len() - 1] + list.len() as u32);
            }
            let each = lists.iter().all(|l| l.windows(2).all(|p| p[0] < p[1]));
            proptest::prop_assert_eq!(lists_ascend(&titles, &starts), each);
        }
    }

    fn numbers(c: Option<Candidates>, len: usize) -> Option<Vec<usize>> {
        c.map(|c| (0..len).filter(|&i| c.contains(i)).collect())
    }

    #[test]
    fn candidates_hold_every_char_beyond_ascii() {
        let titles = ["长春人大", "人民日报", "nba火箭", "长春日报", "abc"];
        let lists = TitleChars::build(titles.into_iter());
        let len = titles.len();
        assert_eq!(
            numbers(lists.candidates("长春", len), len),
            Some(vec![0, 3])
        );
        assert_eq!(
            numbers(lists.candidates("日报", len), len),
            Some(vec![1, 3])
        );
        assert_eq!(numbers(lists.candidates("人", len), len), Some(vec![0, 1]));
        assert_eq!(numbers(lists.candidates("nba火", len), len), Some(vec![2]));
        assert_eq!(numbers(lists.candidates("长火", len), len), Some(vec![]));
        assert_eq!(numbers(lists.candidates("鑫", len), len), Some(vec![]));
        assert_eq!(numbers(lists.candidates("nba", len), len), None);
        assert!(lists.byte_len() > 0);
    }

    #[test]
    fn lists_round_trip_and_damage_is_refused() {
        let titles = ["长春人大", "人民日报", "长春日报"];
        let lists = TitleChars::build(titles.into_iter());
        let mut e = Encoder::new();
        lists.encode(&mut e);
        let buf = e.finish();
        let bytes = crate::column::codec::aligned(&buf);
        let decoder = || Decoder::new(&bytes, 0..buf.len());
        let back = TitleChars::decode(&mut decoder(), 3).expect("sound");
        assert_eq!(
            numbers(back.candidates("春日", 3), 3),
            numbers(lists.candidates("春日", 3), 3)
        );
        // The same bytes for a chunk of 2 titles: a number past it.
        assert!(TitleChars::decode(&mut decoder(), 2).is_none());
    }

    mod against_the_scan {
        use proptest::prelude::*;

        use crate::article::Article;
        use crate::query::{self, Index, Order, Query};

        /// Title chars: 繁简 pairs (國/国, 臺/台, 著/着), full-width forms, Latin, punctuation.
        const CHARS: &[char] = &[
            '长', '春', '人', '大', '国', '國', '旗', '台', '臺', '湾', '灣', '着', '著', '名',
            '会', '會', 'a', 'b', 'N', 'Ｂ', '：', '，', ' ', '2',
        ];

        fn titles() -> impl Strategy<Value = Vec<String>> {
            let title = proptest::collection::vec(proptest::sample::select(CHARS), 1..12)
                .prop_map(|cs| cs.into_iter().collect::<String>());
            proptest::collection::vec(title, 1..80)
        }

        fn term() -> impl Strategy<Value = String> {
            let text = proptest::collection::vec(proptest::sample::select(CHARS), 1..4)
                .prop_map(|cs| cs.into_iter().filter(|c| *c != ' ').collect::<String>());
            let form = proptest::sample::select(vec!["", "'", "^", "!"]);
            let end = proptest::sample::select(vec!["", "$"]);
            (form, text, end).prop_map(|(f, t, e)| format!("{f}{t}{e}"))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]
            #[test]
            fn lists_find_what_the_scan_finds(
                titles in titles(),
                terms in proptest::collection::vec(term(), 1..3),
            ) {
                let articles: Vec<Article> = titles
                    .iter()
                    .map(|t| Article { title: t.clone(), ..Article::default() })
                    .collect();
                let listed = Index::build(&articles);
                let scanned = listed.without_title_lists();
                let text = terms.join(" ");
                let Ok(query) = Query::parse(&text) else {
                    return Ok(());
                };
                let found = |index: &Index| -> Vec<(usize, i64, Vec<usize>)> {
                    query::search(&articles, index, &query, Order::NewestFirst)
                        .into_iter()
                        .map(|f| (f.index, f.score, f.positions))
                        .collect()
                };
                prop_assert_eq!(found(&listed), found(&scanned), "query {:?}", text);
            }
        }
    }
}
