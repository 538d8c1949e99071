//! What a title's first char must read for a term's bound to reach a floor that needs the
//! start bonus ([`PinyinBound::opening`]). The bound knows only that the first char takes
//! some piece; the best cut whose first piece is a given one on the first char says which
//! first pieces can reach the floor. `dat` at 44 needs `da` whole on the first char (`d`
//! alone reaches 42 at most), `xin` at 44 `xi` whole, `gai` at 44 a char read `g…` first.

use super::super::{NONE, START_BONUS};
use super::{PinyinBound, best_cut};

/// The first pieces a title's first char may take for its score to reach a floor: a
/// reading of it must begin with the term's first `l` letters where bit `l` of `prefixes`
/// is set, or be exactly those letters where bit `l` of `wholes` is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Opening {
    /// Lengths `l` whose piece may lie on the first char, whole or not.
    pub(crate) prefixes: u64,
    /// Lengths `l` whose piece may lie on the first char only as a whole syllable.
    pub(crate) wholes: u64,
}

impl Opening {
    /// True when a char whose readings take, at the term's offset 0, the piece lengths
    /// `fits` and the whole syllables `whole` (bit `l`, as
    /// [`super::super::PinyinTerm::moves`] gives them) may open a title that reaches the
    /// floor.
    #[inline]
    pub(crate) fn admits(&self, (fits, whole): (u64, u64)) -> bool {
        fits & self.prefixes != 0 || whole & self.wholes != 0
    }
}

impl PinyinBound {
    /// When no title reaches `floor` without the start bonus (its first char taking the
    /// term's first piece): the first pieces that can reach it there. `None` when the start
    /// is not needed or no title's bound reaches the floor at all. A title whose score
    /// reaches `floor` through pinyin has a first char that the opening admits; one that
    /// matches the term directly on its own Latin letters is not bounded here.
    pub(crate) fn opening(&self, floor: i64) -> Option<Opening> {
        let m = self.letters;
        let used = if self.pairs { 2 * m - 1 } else { m };
        let full = (1usize << (used + self.tracked.len())) - 1;
        if self.compute(full) < floor || self.compute(full & !1) >= floor {
            return None;
        }
        // Every feature but the first piece's: every offset may follow at once, every whole
        // syllable earns its bonus.
        let every = ((1u64 << m) - 1) & !1;
        let (fits, whole) = self.moves[0];
        let mut moves = self.moves.clone();
        let mut best_with = |first: (u64, u64)| {
            moves[0] = first;
            best_cut(&moves, m, every, every, |_, _| true).map_or(NONE, |b| b + START_BONUS)
        };
        let mut opening = Opening::default();
        for l in (1..=m).filter(|l| fits >> l & 1 == 1) {
            if best_with((1 << l, 0)) >= floor {
                opening.prefixes |= 1 << l;
            } else if whole >> l & 1 == 1 && best_with((1 << l, 1 << l)) >= floor {
                opening.wholes |= 1 << l;
            }
        }
        Some(opening)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::{ANCHORINGS, Anchors, PinyinTerm, Scratch, match_pinyin};
    use super::*;
    use crate::query::fold::fold;
    use crate::query::readings::ReadingTable;
    use proptest::prelude::*;

    /// The opening of `text` at `floor` over a table holding `titles`' chars.
    fn opening_of(text: &str, titles: &[&str], floor: i64) -> (Option<Opening>, PinyinTerm) {
        let mut table = ReadingTable::default();
        for title in titles {
            fold(title).chars().for_each(|c| {
                table.id_of(c);
            });
        }
        let term = PinyinTerm::new(text.as_bytes(), &table).unwrap();
        let bound = PinyinBound::new(&term, text.as_bytes()).unwrap();
        (bound.opening(floor), term)
    }

    #[test]
    fn the_top_floors_need_the_first_piece_on_the_first_char() {
        let titles = [
            "大同",
            "打听",
            "达到",
            "东台",
            "新年",
            "西南",
            "国内",
            "改革爱心",
        ];
        // `dat` at 44: `da` whole first (`d` alone, then `a` and `t`, reaches 42).
        let (opening, _) = opening_of("dat", &titles, 44);
        assert_eq!(
            opening,
            Some(Opening {
                prefixes: 0,
                wholes: 1 << 2
            })
        );
        // At 43 the same: nothing scores between 42 and 44.
        assert_eq!(opening_of("dat", &titles, 43).0, opening);
        // At 42 a title need not begin with the term at all (d|a|t adjacent, 40, plus 2:
        // the start; or `da` whole and `t` after it anywhere, 42).
        assert_eq!(opening_of("dat", &titles, 42).0, None);
        // Above the best there is: no title reaches it.
        assert_eq!(opening_of("dat", &titles, 45).0, None);
        // `xin` at 44: `xi` whole first, then `n`.
        let (opening, _) = opening_of("xin", &titles, 44);
        assert_eq!(
            opening,
            Some(Opening {
                prefixes: 0,
                wholes: 1 << 2
            })
        );
        // `gai` at 44: `g` first, then `ai` whole; `ga` and `gai` first reach less.
        let (opening, _) = opening_of("gai", &titles, 44);
        assert_eq!(
            opening,
            Some(Opening {
                prefixes: 1 << 1,
                wholes: 0
            })
        );
    }

    /// Hand-picked chars with readings that share prefixes with the terms below.
    const CHARS: &[char] = &[
        '大', '达', '打', '东', '台', '同', '听', '新', '西', '南', '年', '改', '革', '爱', '中',
        '国', '华', '欧', '哈', '人', '日', '长', '春', '行', 'a', 'd', 'x',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Every title whose pinyin score reaches a floor the opening is made for, under
        /// every anchoring, opens with a char the opening admits.
        #[test]
        fn a_title_reaching_the_floor_opens_with_an_admitted_char(
            term in prop::sample::select(vec!["dat", "xin", "gai", "zho", "da", "dad", "ad", "xinx", "changc"]),
            titles in prop::collection::vec(
                prop::collection::vec(prop::sample::select(CHARS), 1..7), 1..30),
            below in 0i64..6,
        ) {
            let mut table = ReadingTable::default();
            let chars: Vec<Vec<u16>> = titles
                .iter()
                .map(|t| t.iter().map(|&c| table.id_of(c)).collect())
                .collect();
            let pinyin = PinyinTerm::new(term.as_bytes(), &table).unwrap();
            let bound = PinyinBound::new(&pinyin, term.as_bytes()).unwrap();
            let used = if bound.pairs { 2 * bound.letters - 1 } else { bound.letters };
            let best = bound.compute((1 << (used + bound.tracked.len())) - 1);
            let floor = best - below;
            let Some(opening) = bound.opening(floor) else {
                return Ok(());
            };
            let mut scratch = Scratch::default();
            for title in &chars {
                for (contiguous, at_start, at_end) in ANCHORINGS {
                    let anchors = Anchors { contiguous, at_start, at_end };
                    let score = match_pinyin(&pinyin, title, anchors, &mut scratch, false)
                        .map(|(score, _)| score);
                    if score.is_some_and(|s| s >= floor) {
                        prop_assert!(
                            opening.admits(pinyin.moves(title[0], 0)),
                            "{term} at {floor}: {title:?} scores {score:?}"
                        );
                    }
                }
            }
        }
    }
}
