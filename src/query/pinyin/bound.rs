//! An upper bound on a title's pinyin score from one cheap pass over its chars, so a search
//! can find its best rows without scoring every title ([`crate::search`]'s first page).
//!
//! A match's score is fixed by its cut of the term into pieces and by where they lie: each
//! piece is worth its letters (and a bonus when it is a whole syllable), each next piece on
//! the char right after the previous one earns [`ADJACENT_BONUS`], one further on pays at
//! least [`GAP_START`], and a first piece on the title's first char earns [`START_BONUS`].
//! Which of those a title can earn depends on little: a piece starting at term offset `b`
//! can follow the previous piece directly only if some char takes a piece at `b` right
//! after a char taking one at an offset below `b`. One pass gathers those offsets (one look
//! per char in [`PinyinTerm::starts`]); a table made once per term gives the best any cut
//! could score with them. Only the title's own chars are read: nothing is stored per title.

use std::sync::atomic::{AtomicI64, Ordering};

mod opening;

use super::super::readings::{initial_bit, pair_bit};
use super::{
    ADJACENT_BONUS, GAP_START, LETTER_SCORE, NONE, PinyinTerm, START_BONUS, SYLLABLE_BONUS,
};

/// The longest term bounded, in letters.
const MAX_LETTERS: usize = 8;

/// Bits of a bound table's index: the term's offsets, the offsets a whole syllable may end
/// at right before another piece, then one per whole syllable tracked.
const INDEX_BITS: usize = 14;

/// A table entry not computed yet.
const UNKNOWN: i64 = i64::MIN;

/// The bound table of one compiled term.
#[derive(Debug)]
pub(crate) struct PinyinBound {
    /// The term's length in letters.
    letters: usize,
    /// Per reading set, a byte each: [`PinyinTerm::starts`] (a term has at most eight
    /// offsets); which [`PinyinBound::tracked`] pieces it reads as a whole syllable; the
    /// offsets `b` at which a piece it reads whole ends; the offsets above the lowest of its
    /// starts (where a piece on the next char may follow one on it directly). Small, so
    /// looking up every char of every title stays in cache.
    codes: Vec<u32>,
    /// True when the index keeps the offsets where a whole piece is followed at once by
    /// another (short terms); else a whole piece is assumed able to be.
    pairs: bool,
    /// Whole-syllable pieces (offset, length) whose bonus a title earns only if one of its
    /// chars reads the piece whole; any others are assumed earned.
    tracked: Vec<(usize, usize)>,
    /// Per term offset: the piece lengths some set allows, and the whole syllables.
    moves: Vec<(u64, u64)>,
    /// The term's letters.
    text: Box<[u8]>,
    /// Per term offset, the [`initial_bit`] of its letter: a piece there lies on a char with
    /// a reading beginning with it ([`PinyinBound::of_initials`]).
    initial_bits: [u32; MAX_LETTERS],
    /// Per term offset `b`, the [`pair_bit`]s of each earlier letter of the term right
    /// before letter `b`: a title whose initial pairs hold none has no adjacency at `b`.
    pairs_before: [u64; MAX_LETTERS],
    /// By index: bit 0 when the title's first char takes a first piece; bits `1..letters`,
    /// the offsets a piece may start at right after another's char; when
    /// [`PinyinBound::pairs`], the next `letters - 1` bits, those where the char before reads
    /// the piece before whole; then one bit per tracked piece some char reads whole. The
    /// best score of any cut with those, [`NONE`] when none exists. Filled the first time an
    /// index is met ([`UNKNOWN`] before): a scan meets few.
    table: Vec<AtomicI64>,
}

impl PinyinBound {
    /// The bound table of `term`, or `None` when it is longer than eight letters (a scan
    /// then scores every title).
    pub(crate) fn new(term: &PinyinTerm, text: &[u8]) -> Option<PinyinBound> {
        let m = term.letters();
        debug_assert_eq!(m, text.len());
        if m > MAX_LETTERS {
            return None;
        }
        let moves: Vec<(u64, u64)> = (0..m).map(|j| term.any_moves(j)).collect();
        let pairs = 2 * m + 1 < INDEX_BITS;
        let used = if pairs { 2 * m - 1 } else { m };
        let tracked: Vec<(usize, usize)> = (0..m)
            .flat_map(|a| (2..=m - a).map(move |l| (a, l)))
            .filter(|&(a, l)| moves[a].1 >> l & 1 == 1)
            .take((INDEX_BITS - used).min(8))
            .collect();
        // A set that takes no piece has code 0: only the few that take one are looked at.
        let mut codes = vec![0u32; term.sets()];
        for set in (0..term.sets() as u16).filter(|&set| term.starts(set) != 0) {
            codes[usize::from(set)] = {
                let starts = term.starts(set) as u32;
                // The whole pieces this set reads at each offset: only where it takes one.
                let mut whole_at = [0u64; MAX_LETTERS];
                let mut ends = 0u32;
                let mut offsets = starts;
                while offsets != 0 {
                    let a = offsets.trailing_zeros() as usize;
                    offsets &= offsets - 1;
                    whole_at[a] = term.moves(set, a).1;
                    let mut lengths = whole_at[a];
                    while lengths != 0 {
                        let l = lengths.trailing_zeros() as usize;
                        lengths &= lengths - 1;
                        if a + l < m {
                            ends |= 1 << (a + l);
                        }
                    }
                }
                let wholes = tracked.iter().enumerate().fold(0u32, |bits, (r, &(a, l))| {
                    bits | u32::from(whole_at[a] >> l & 1 == 1) << r
                });
                // The offsets above the lowest this char takes a piece at: where the next
                // char's piece may follow it directly.
                let lowest = starts & starts.wrapping_neg();
                let followed = !(lowest | lowest.wrapping_sub(1)) & 0xff;
                starts | wholes << 8 | ends << 16 | followed << 24
            };
        }
        let table = (0..1usize << (used + tracked.len()))
            .map(|_| AtomicI64::new(UNKNOWN))
            .collect();
        let mut initial_bits = [u32::MAX; MAX_LETTERS];
        for (j, &b) in text.iter().enumerate() {
            // A term byte no reading begins with: a bit no title sets.
            initial_bits[j] = initial_bit(b).unwrap_or(31);
        }
        let mut pairs_before = [0u64; MAX_LETTERS];
        for b in 1..m {
            for a in 0..b {
                pairs_before[b] |= pair_bit(initial_bits[a], initial_bits[b]);
            }
        }
        Some(PinyinBound {
            letters: m,
            initial_bits,
            pairs_before,
            codes,
            pairs,
            tracked,
            moves,
            text: text.into(),
            table,
        })
    }

    /// The term's letters.
    pub(crate) fn text(&self) -> &[u8] {
        &self.text
    }

    /// The most any title's bound can be: the best cut with every feature a title can
    /// earn ([`NONE`] when no cut exists). No title scores more through pinyin.
    pub(crate) fn best(&self) -> i64 {
        let m = self.letters;
        let used = if self.pairs { 2 * m - 1 } else { m };
        self.compute((1usize << (used + self.tracked.len())) - 1)
    }

    /// What a title must hold for its bound to reach `floor`: every [`Need`] of the list (an
    /// empty list: nothing in particular), or `None` when no title's bound can. A need is
    /// one of the bound's features (a piece at offset `b` right after another's char, a
    /// whole piece right before one, a tracked whole syllable) without which even a title
    /// with every other feature stays below `floor`; each needs a char of certain readings
    /// in the title. The start bonus is a feature of the first char only: never needed.
    pub(crate) fn needs(&self, floor: i64) -> Option<Vec<Need>> {
        let m = self.letters;
        let used = if self.pairs { 2 * m - 1 } else { m };
        let full = (1usize << (used + self.tracked.len())) - 1;
        if self.best() < floor {
            return None;
        }
        let piece = |a: usize, b: usize| -> Box<[u8]> { self.text[a..b].into() };
        let needs = (1..used + self.tracked.len())
            .filter(|&bit| self.compute(full & !(1 << bit)) < floor)
            .map(|bit| {
                if bit < m {
                    // A piece at offset `bit` right after another char's.
                    Need::Initial(self.text[bit])
                } else if bit < used {
                    // A whole piece ending at `b`, right before another.
                    let b = bit - m + 1;
                    Need::Whole((0..b.saturating_sub(1)).map(|a| piece(a, b)).collect())
                } else {
                    let (a, l) = self.tracked[bit - used];
                    Need::Whole(vec![piece(a, a + l)])
                }
            })
            .collect();
        Some(needs)
    }

    /// At most how much more a title scores for this term than for its first `from` letters
    /// (`from` ≥ 1), under the same anchors, when they are not at the end: what typing the
    /// rest can add to the score of the previous key. Cutting the last letter off the best
    /// match of `n` letters leaves a match of `n - 1` worth at most this much less: the last
    /// piece loses a letter ([`LETTER_SCORE`], and [`SYLLABLE_BONUS`] when it was a whole
    /// syllable of two letters or more), or, being that one letter, goes with its join to
    /// the piece before ([`LETTER_SCORE`] and at most [`ADJACENT_BONUS`]; a gap costs). So
    /// each letter typed adds at most 16, or 18 where a whole syllable may end at it.
    pub(crate) fn most_gained(&self, from: usize) -> i64 {
        debug_assert!(from >= 1);
        (from.max(1)..self.letters)
            .map(|end| {
                let whole_ends = (0..end).any(|a| self.moves[a].1 >> (end + 1 - a) & 1 == 1);
                let last_piece = if whole_ends { SYLLABLE_BONUS } else { 0 };
                LETTER_SCORE + last_piece.max(ADJACENT_BONUS)
            })
            .sum()
    }

    /// At least the score [`super::match_pinyin`] gives the term this bound was made for on
    /// the title of reading sets `chars`, with any anchors; [`NONE`] when the title
    /// certainly does not match.
    pub(crate) fn of(&self, chars: &[u16]) -> i64 {
        let (mut adjacent, mut after_whole, mut all) = (0u32, 0u32, 0u32);
        let mut previous = 0u32;
        for &set in chars {
            let code = self.codes[usize::from(set)];
            let starts = code & 0xff;
            adjacent |= starts & previous >> 24;
            after_whole |= starts & previous >> 16;
            all |= code;
            previous = code;
        }
        let wholes = all >> 8 & 0xff;
        if all & 1 == 0 {
            // No char takes the term's first letter.
            return NONE;
        }
        let m = self.letters;
        let first = chars
            .first()
            .map_or(0, |&set| self.codes[usize::from(set)] & 1);
        let offsets = (1u32 << m) - 2;
        let mut index = (adjacent & offsets | first) as usize;
        let mut shift = m;
        if self.pairs {
            index |= (((after_whole & offsets) >> 1) as usize) << shift;
            shift += m - 1;
        }
        index |= (wholes as usize) << shift;
        self.entry(index)
    }

    /// At least [`PinyinBound::of`] the title whose initials ([`initial_bit`]s of its
    /// chars' readings: `anywhere`, on its `first` char, and in `pairs` of two chars in a row
    /// as [`pair_bit`]s; [`crate::query::Index::title_initials`]) are these, from them
    /// alone: a title earns a bonus needing a piece at offset `b` right after another only
    /// if two chars in a row begin with an earlier letter of the term and with letter `b`, a
    /// whole syllable from `a` only if some char begins with letter `a`, and the start bonus
    /// only if its first char begins with the first letter.
    #[inline]
    pub(crate) fn of_initials(&self, anywhere: u32, first: u32, pairs: u64) -> i64 {
        let bits = &self.initial_bits;
        let has = |j: usize| anywhere >> bits[j & (MAX_LETTERS - 1)] & 1;
        if has(0) == 0 {
            return NONE;
        }
        let m = self.letters;
        // Offsets a piece may start at right after another's char, as `of` finds them.
        let mut adjacent = 0usize;
        for b in 1..m {
            let paired = u32::from(pairs & self.pairs_before[b & (MAX_LETTERS - 1)] != 0);
            adjacent |= ((has(b) & paired) as usize) << b;
        }
        let mut index = adjacent | (first >> bits[0] & 1) as usize;
        let mut shift = m;
        if self.pairs {
            index |= (adjacent >> 1) << shift;
            shift += m - 1;
        }
        let mut wholes = 0usize;
        for (r, &(a, _)) in self.tracked.iter().enumerate() {
            wholes |= (has(a) as usize) << r;
        }
        index |= wholes << shift;
        self.entry(index)
    }

    /// The table's entry at `index`, computed the first time.
    #[inline]
    fn entry(&self, index: usize) -> i64 {
        let known = self.table[index].load(Ordering::Relaxed);
        if known != UNKNOWN {
            return known;
        }
        let bound = self.compute(index);
        self.table[index].store(bound, Ordering::Relaxed);
        bound
    }

    /// The table's entry at `index` ([`PinyinBound::table`]).
    fn compute(&self, index: usize) -> i64 {
        let m = self.letters;
        let offsets = (1usize << m) - 2;
        let adjacent = (index & offsets) as u64;
        let (after_whole, wholes) = if self.pairs {
            (((index >> m) << 1 & offsets) as u64, index >> (2 * m - 1))
        } else {
            (adjacent, index >> m)
        };
        let earned = |a: usize, l: usize| match self.tracked.iter().position(|&p| p == (a, l)) {
            Some(r) => wholes >> r & 1 == 1,
            None => true,
        };
        let start = if index & 1 == 1 { START_BONUS } else { 0 };
        best_cut(&self.moves, m, adjacent, after_whole, earned).map_or(NONE, |best| best + start)
    }
}

/// What a title must hold for a term's bound to reach a floor ([`PinyinBound::needs`]): a
/// char one of whose readings takes the piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Need {
    /// A reading that begins with this letter (an ASCII letter or digit is its own reading).
    Initial(u8),
    /// A reading that is one of these whole, each of two letters or more.
    Whole(Vec<Box<[u8]>>),
}

impl Need {
    /// True when a char of `readings` meets the need.
    pub(crate) fn met_by<S: AsRef<str>>(&self, readings: &[S]) -> bool {
        readings.iter().any(|r| {
            let r = r.as_ref().as_bytes();
            match self {
                Need::Initial(letter) => r.first() == Some(letter),
                Need::Whole(pieces) => pieces.iter().any(|p| **p == *r),
            }
        })
    }
}

/// The best score of a cut of a term of `m` letters into pieces that `moves` (per offset:
/// the piece lengths some char allows, and the whole syllables) allows, without the start
/// bonus; `None` when no cut exists. A piece starting at offset `b` may follow the previous
/// one directly (the adjacency bonus) only if bit `b` of `adjacent` is set, and a whole piece
/// before it may keep its bonus then only if bit `b` of `after_whole` is too; a whole piece
/// (offset, length) earns its bonus at all only when `earned` says so; any other join pays
/// the least gap.
fn best_cut(
    moves: &[(u64, u64)],
    m: usize,
    adjacent: u64,
    after_whole: u64,
    earned: impl Fn(usize, usize) -> bool,
) -> Option<i64> {
    // best[a]: the best score of cutting term[a..], from a piece starting at a.
    let mut best = [None; MAX_LETTERS + 1];
    best[m] = Some(0);
    for a in (0..m).rev() {
        let (fits, whole) = moves[a];
        best[a] = (1..=m - a)
            .filter(|&l| fits >> l & 1 == 1)
            .filter_map(|l| {
                let b = a + l;
                let bonus = if whole >> l & 1 == 1 && earned(a, l) {
                    SYLLABLE_BONUS
                } else {
                    0
                };
                let bonus_and_join = if b == m {
                    bonus
                } else {
                    let gap = bonus - GAP_START;
                    let next_to = |bit: u64| bit >> b & 1 == 1;
                    match (next_to(adjacent), next_to(after_whole)) {
                        (true, true) => bonus + ADJACENT_BONUS,
                        (true, false) => gap.max(ADJACENT_BONUS),
                        _ => gap,
                    }
                };
                Some(LETTER_SCORE * l as i64 + bonus_and_join + best[b]?)
            })
            .max();
    }
    best[0]
}

#[cfg(test)]
mod tests {
    use super::super::super::fold::fold;
    use super::super::super::readings::ReadingTable;
    use super::super::{ANCHORINGS, Anchors, Scratch, match_pinyin};
    use super::*;

    fn bound_and_score(text: &str, title: &str, anchors: Anchors) -> (i64, Option<i64>) {
        let mut table = ReadingTable::default();
        let chars: Vec<u16> = fold(title).chars().map(|c| table.id_of(c)).collect();
        let term = PinyinTerm::new(text.as_bytes(), &table).unwrap();
        let bound = PinyinBound::new(&term, text.as_bytes()).unwrap();
        let score = match_pinyin(&term, &chars, anchors, &mut Scratch::default(), false)
            .map(|(score, _)| score);
        (bound.of(&chars), score)
    }

    #[test]
    fn the_bound_is_the_score_where_the_best_cut_is_adjacent() {
        // 中华 at the start: z|h adjacent, then o can only follow h through a gap.
        let (bound, score) = bound_and_score("zho", "中华欧洲", Anchors::default());
        assert_eq!(score, Some(bound));
        // 北京 at the start: bei whole on 北, jing whole on 京, adjacent.
        let (bound, score) = bound_and_score("beijing", "北京日报", Anchors::default());
        assert_eq!((bound, score), (8 * 7 + 2 * 10 + 8 + 2, Some(bound)));
        // Short terms keep where a whole syllable is followed at once: ren|da, xin|wen.
        let (bound, score) = bound_and_score("renda", "市人大常委会", Anchors::default());
        assert_eq!((bound, score), (8 * 5 + 2 * 10 + 8, Some(bound)));
        let (bound, score) = bound_and_score("xinwen", "新闻发布", Anchors::default());
        assert_eq!((bound, score), (8 * 6 + 2 * 10 + 8 + 2, Some(bound)));
        // 新年 may take xi|n adjacent, but 新 does not read xi whole: 34, not 42.
        let (bound, score) = bound_and_score("xin", "市新年", Anchors::default());
        assert_eq!((bound, score), (8 * 3 + 10, Some(bound)));
    }

    #[test]
    fn titles_without_adjacent_pieces_or_a_first_letter_are_bounded_low() {
        // No char takes a piece right after another: every cut pays gaps.
        let (bound, score) = bound_and_score("zho", "中，会，欧", Anchors::default());
        assert!(bound < 8 * 3 + 2 * 8, "{bound}");
        assert!(score.unwrap() <= bound);
        // Nothing starts with z: no match, and the bound says so.
        assert_eq!(
            bound_and_score("zho", "北京", Anchors::default()),
            (NONE, None)
        );
    }

    #[test]
    fn long_terms_have_no_table() {
        let table = ReadingTable::default();
        let term = PinyinTerm::new(b"zhongguoren", &table).unwrap();
        assert!(PinyinBound::new(&term, b"zhongguoren").is_none());
    }

    #[test]
    fn a_high_floor_needs_the_rare_piece() {
        let mut table = ReadingTable::default();
        for c in "中华欧洲日报".chars() {
            table.id_of(c);
        }
        let term = PinyinTerm::new(b"zho", &table).unwrap();
        let bound = PinyinBound::new(&term, b"zho").unwrap();
        // 40 takes z, h and o on three chars in a row: an `o…` char and an `h…` char.
        let needs = bound.needs(40).unwrap();
        assert!(needs.contains(&Need::Initial(b'o')), "{needs:?}");
        assert!(needs.contains(&Need::Initial(b'h')), "{needs:?}");
        assert!(Need::Initial(b'o').met_by(&["ou"]));
        assert!(!Need::Initial(b'o').met_by(&["zhong", "hou"]));
        // A low floor needs nothing in particular; one above every cut, a title none has.
        assert_eq!(bound.needs(24), Some(Vec::new()));
        assert_eq!(bound.needs(1000), None);
    }

    #[test]
    fn a_letter_gains_most_where_it_completes_a_syllable() {
        let mut table = ReadingTable::default();
        for c in "中北京".chars() {
            table.id_of(c);
        }
        let gained = |text: &str, from: usize| {
            let term = PinyinTerm::new(text.as_bytes(), &table).unwrap();
            PinyinBound::new(&term, text.as_bytes())
                .unwrap()
                .most_gained(from)
        };
        // `zhong` completes 中's syllable: 中 goes from 34 (four letters and the start) to
        // 52 (five, the syllable bonus and the start).
        assert_eq!(gained("zhong", 4), 18);
        let (before, after) = (
            bound_and_score("zhon", "中", Anchors::default()).1,
            bound_and_score("zhong", "中", Anchors::default()).1,
        );
        assert_eq!((before, after), (Some(34), Some(52)));
        // No syllable ends in `j`: a piece on the next char is the most it can add.
        assert_eq!(gained("beij", 3), 16);
        assert_eq!(gained("beijing", 3), 16 + 16 + 18 + 16);
    }

    mod property {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]

            /// A title whose bound reaches a floor meets every need of that floor: for each,
            /// one of its chars has a reading that takes the piece.
            #[test]
            fn a_title_reaching_a_floor_meets_its_needs(
                title in crate::query::strings_of("中国长春人大行银新闻北京市委会华欧，a1", 1..24),
                text in "[zhongcarebijxwuaegs]{1,8}",
            ) {
                let mut table = ReadingTable::default();
                let folded = fold(&title);
                let chars: Vec<u16> = folded.chars().map(|c| table.id_of(c)).collect();
                let term = PinyinTerm::new(text.as_bytes(), &table).unwrap();
                let bound = PinyinBound::new(&term, text.as_bytes()).unwrap();
                let reached = bound.of(&chars);
                for floor in [reached - 8, reached - 1, reached] {
                    let needs = bound.needs(floor);
                    if reached == NONE {
                        continue;
                    }
                    let needs = needs.expect("a title reaches the floor");
                    for need in needs {
                        let met = folded
                            .chars()
                            .any(|c| need.met_by(&crate::query::readings::readings_of(c)));
                        prop_assert!(met, "{} on {}: {:?} at {}", text, title, need, floor);
                    }
                }
            }

            /// Typing letters adds at most [`PinyinBound::most_gained`] to a title's score:
            /// every title the longer term matches, its first letters match too, and score
            /// at most that much less, under every anchoring that is not at the end.
            #[test]
            fn a_grown_term_gains_at_most_its_most_gained(
                title in crate::query::strings_of("中国长春人大行银新闻北京市委会华欧西安，a1", 1..24),
                syllables in "(zhong|guo|xin|wen|bei|jing|chang|chun|ren|da|xi|an|ou|[zhongcarebijxwuaegs]){1,4}",
                cut in 1usize..8,
            ) {
                let text = &syllables[..syllables.len().min(8)];
                prop_assume!(text.len() >= 2);
                let from = cut.min(text.len() - 1);
                let mut table = ReadingTable::default();
                let chars: Vec<u16> = fold(&title).chars().map(|c| table.id_of(c)).collect();
                let term = PinyinTerm::new(text.as_bytes(), &table).unwrap();
                let bound = PinyinBound::new(&term, text.as_bytes()).unwrap();
                let gained = bound.most_gained(from);
                let prefix = PinyinTerm::new(&text.as_bytes()[..from], &table).unwrap();
                for (contiguous, at_start, at_end) in ANCHORINGS {
                    if at_end {
                        continue;
                    }
                    let anchors = Anchors { contiguous, at_start, at_end };
                    let score = |term: &PinyinTerm| {
                        match_pinyin(term, &chars, anchors, &mut Scratch::default(), false)
                            .map(|(score, _)| score)
                    };
                    if let Some(grown) = score(&term) {
                        let before = score(&prefix);
                        prop_assert!(before.is_some_and(|before| grown <= before + gained),
                            "{} on {}: {} from {:?} + {} {:?}",
                            text, title, grown, before, gained, anchors);
                    }
                }
            }

            /// The bound from a title's initials is at least the bound from its chars, and
            /// says [`NONE`] only when that does.
            #[test]
            fn the_initials_bound_the_chars_bound(
                title in crate::query::strings_of("中国长春人大行银新闻北京市委会华欧，a1", 0..24),
                text in "[zhongcarebijxwuaegs1]{1,8}",
            ) {
                let mut table = ReadingTable::default();
                let chars: Vec<u16> = fold(&title).chars().map(|c| table.id_of(c)).collect();
                let term = PinyinTerm::new(text.as_bytes(), &table).unwrap();
                let bound = PinyinBound::new(&term, text.as_bytes()).unwrap();
                let initials_of = |set: u16| {
                    table
                        .set(set)
                        .filter_map(|r| initial_bit(r.as_bytes()[0]))
                        .fold(0u32, |bits, bit| bits | 1 << bit)
                };
                let anywhere = chars.iter().fold(0, |bits, &set| bits | initials_of(set));
                let first = chars.first().map_or(0, |&set| initials_of(set));
                let pairs = chars.windows(2).fold(0, |bits, two| {
                    let mut bits = bits;
                    for p in (0..27).filter(|p| initials_of(two[0]) >> p & 1 == 1) {
                        for q in (0..27).filter(|q| initials_of(two[1]) >> q & 1 == 1) {
                            bits |= pair_bit(p, q);
                        }
                    }
                    bits
                });
                let exact = bound.of(&chars);
                let coarse = bound.of_initials(anywhere, first, pairs);
                prop_assert!(exact <= coarse, "{} on {}: {} above {}", text, title, exact, coarse);
                prop_assert_eq!(coarse == NONE, exact == NONE, "{} on {}", text, title);
            }

            /// No title scores above its bound, under any anchoring, and a title bounded at
            /// [`NONE`] does not match; random titles of chars with many readings
            /// (长 chang/zhang, 行 xing/hang), punctuation and Latin, terms of their letters.
            #[test]
            fn no_title_scores_above_its_bound(
                title in crate::query::strings_of("中国长春人大行银新闻北京市委会华欧，a1", 1..24),
                text in "[zhongcarebijxwuaegs]{1,8}",
            ) {
                for (contiguous, at_start, at_end) in ANCHORINGS {
                    let anchors = Anchors { contiguous, at_start, at_end };
                    let (bound, score) = bound_and_score(&text, &title, anchors);
                    if let Some(score) = score {
                        prop_assert!(score <= bound,
                            "{} on {}: {} above {} {:?}", text, title, score, bound, anchors);
                    }
                    if bound == NONE {
                        prop_assert_eq!(score, None);
                    }
                }
            }
        }
    }
}
