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
mod tests;
