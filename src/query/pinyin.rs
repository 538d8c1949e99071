//! Matching an ASCII term against a title through its chars' pinyin readings.
//!
//! The term is cut into pieces, each a non-empty prefix of one reading of a title char, the
//! chars in title order: whole syllables (`changchun`), initials (`ccrb`), any mix
//! (`changcrb`), and like a bare term it may skip chars (`ccrd` → 长春…人大). A dynamic
//! programme over (title char, term letters used) finds the best-scoring cut, so a match on
//! adjacent chars (人大) beats one on scattered chars (人…大). Positions are the matched chars.

mod bound;
mod score;
mod term;

pub(crate) use bound::{Need, PinyinBound};
pub(super) use score::score_pinyin;
pub(super) use term::PinyinTerm;

use super::readings::NO_READING;
#[cfg(test)]
use super::readings::ReadingTable;

/// Every anchoring the query forms give (`contiguous`, `at_start`, `at_end`), for the tests
/// that check the scorers and their bounds under each.
#[cfg(test)]
const ANCHORINGS: [(bool, bool, bool); 5] = [
    (false, false, false),
    (true, false, false),
    (true, true, false),
    (true, false, true),
    (true, true, true),
];

/// Score per term letter a char consumes: a match is worth the letters it explains.
const LETTER_SCORE: i64 = 8;
/// Extra when a piece is a whole syllable of two letters or more, so `jing` on 京 beats
/// `jin` on 京 plus `g` on the next char.
const SYLLABLE_BONUS: i64 = 10;
/// What a piece of `len` letters on one char is worth; `whole` has bit `len` set when those
/// letters are a whole syllable of the char.
fn piece_score(len: usize, whole: u64) -> i64 {
    let bonus = if whole >> len & 1 == 1 {
        SYLLABLE_BONUS
    } else {
        0
    };
    LETTER_SCORE * len as i64 + bonus
}

/// Extra when a matched char directly follows the previous matched char.
const ADJACENT_BONUS: i64 = 8;
/// Extra when the first matched char is the title's first char.
const START_BONUS: i64 = 2;
/// Penalty for a gap between matched chars, plus [`GAP_EXTENSION`] per extra skipped char.
const GAP_START: i64 = 4;
/// Penalty per skipped char after the first in a gap.
const GAP_EXTENSION: i64 = 1;

/// The score of a state no match reaches (far from overflow when bonuses are added).
pub(super) const NONE: i64 = i64::MIN / 4;

/// The longest term matched through pinyin, in letters: the quick check keeps reachable
/// term offsets in one `u64`.
pub(super) const MAX_TERM_LETTERS: usize = 63;

/// Where a pinyin match may lie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Anchors {
    /// Matched chars must be adjacent (`'term`, `^term`, `term$`).
    pub(crate) contiguous: bool,
    /// The first matched char must be the title's first (`^term`).
    pub(crate) at_start: bool,
    /// The last matched char must be the title's last (`term$`).
    pub(crate) at_end: bool,
}

/// Reusable buffers for `match_pinyin`, so a scan allocates nothing per title.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// Best score per (title char, term letters matched), row-major.
    best: Vec<i64>,
    /// For each cell of `best`: the previous matched char (`u32::MAX`: none) and term offset.
    back: Vec<(u32, u16)>,
    /// Per term offset: best score of a match ending two or more chars back, less its gap,
    /// and the char it ends at.
    far: Vec<(i64, u32)>,
    /// Three rows and the gap row of the score-only programme.
    rows: Vec<i64>,
    /// How many of the titles lately scored matched.
    tally: Tally,
}

/// How many of the titles lately scored without positions matched: whether [`could_match`]
/// should sift them before the programme. The quick check costs a fraction of the programme,
/// so it pays when most titles fail (a whole archive scanned for `ccrd`: 932 → 569 ms at
/// 10M) and only adds work when most match (titles of the last key's answer). Either way the
/// answer is the same. A scan's scratch, and so its tally, is shared by the query's pinyin
/// terms: their rates mix, which moves only the time.
#[derive(Debug, Default)]
struct Tally {
    /// Titles scored since the counts were last halved.
    tried: u32,
    /// Of those, how many matched.
    matched: u32,
}

impl Tally {
    /// Whether to sift: fewer than two titles in three matched lately.
    fn sift(&self) -> bool {
        self.matched * 3 < self.tried * 2
    }

    /// Counts one title; older titles weigh half once 256 were counted.
    fn count(&mut self, matched: bool) {
        if self.tried >= 256 {
            self.tried /= 2;
            self.matched /= 2;
        }
        self.tried += 1;
        self.matched += u32::from(matched);
    }
}

/// Matches a compiled `term` against a title given as the reading-set id of each char (ids
/// of the table the term was compiled for). Returns the score and, when `want_positions`, the
/// matched char indices, ascending (else an empty list: the score is the same).
pub(super) fn match_pinyin(
    term: &PinyinTerm,
    chars: &[u16],
    anchors: Anchors,
    scratch: &mut Scratch,
    want_positions: bool,
) -> Option<(i64, Vec<usize>)> {
    let (n, m) = (chars.len(), term.letters());
    if n == 0 {
        return None;
    }
    if !want_positions {
        // Terms of up to eight letters are scored in registers ([`score_pinyin`]), a few
        // times slower than the quick check: it sifts them only while most titles fail.
        if (m > 8 || scratch.tally.sift()) && !could_match(term, chars, anchors.contiguous) {
            scratch.tally.count(false);
            return None;
        }
        let score = score_pinyin(term, chars, anchors, &mut scratch.rows);
        scratch.tally.count(score.is_some());
        return score.map(|score| (score, Vec::new()));
    }
    if !could_match(term, chars, anchors.contiguous) {
        return None;
    }
    let width = m + 1;
    let Scratch {
        best, back, far, ..
    } = scratch;
    best.clear();
    best.resize(n * width, NONE);
    back.clear();
    back.resize(n * width, (u32::MAX, 0));
    far.clear();
    far.resize(width, (NONE, u32::MAX));
    for i in 0..n {
        if i >= 2 && !anchors.contiguous {
            // far[j]: the best match of term[..j] ending at a char before i - 1, less the gap.
            for (j, slot) in far.iter_mut().enumerate().skip(1) {
                let extended = slot.0 - GAP_EXTENSION;
                let opened = best[(i - 2) * width + j] - GAP_START;
                *slot = if opened >= extended {
                    (opened, (i - 2) as u32)
                } else {
                    (extended, slot.1)
                };
            }
        }
        let set = chars[i];
        if set == NO_READING {
            continue;
        }
        for j0 in 0..m {
            let (mut fits, whole) = term.moves(set, j0);
            if fits == 0 {
                continue;
            }
            let (base, from) = if j0 == 0 {
                if anchors.at_start && i != 0 {
                    continue;
                }
                (if i == 0 { START_BONUS } else { 0 }, u32::MAX)
            } else if i == 0 {
                continue;
            } else {
                let adjacent = best[(i - 1) * width + j0] + ADJACENT_BONUS;
                let gap = if anchors.contiguous {
                    (NONE, 0)
                } else {
                    far[j0]
                };
                if adjacent >= gap.0 {
                    (adjacent, (i - 1) as u32)
                } else {
                    gap
                }
            };
            if base <= NONE / 2 {
                continue;
            }
            while fits != 0 {
                let l = fits.trailing_zeros() as usize;
                fits &= fits - 1;
                let score = base + piece_score(l, whole);
                let cell = i * width + j0 + l;
                if score > best[cell] {
                    best[cell] = score;
                    back[cell] = (from, j0 as u16);
                }
            }
        }
    }
    let ends = if anchors.at_end { n - 1..n } else { 0..n };
    let (mut i, score) = ends
        .map(|i| (i, best[i * width + m]))
        .filter(|&(_, s)| s > NONE / 2)
        .max_by_key(|&(i, s)| (s, std::cmp::Reverse(i)))?;
    let mut positions = Vec::new();
    let mut j = m;
    loop {
        positions.push(i);
        let (from, j0) = back[i * width + j];
        if from == u32::MAX {
            break;
        }
        i = from as usize;
        j = usize::from(j0);
    }
    positions.reverse();
    Some((score, positions))
}

/// Whether the term can be cut into reading prefixes of chars in title order (of adjacent
/// chars when `contiguous`): the same moves as [`match_pinyin`] without scores, as a set of
/// reachable term offsets in one word. Most titles fail here, several times faster than the
/// scored programme.
pub(super) fn could_match(term: &PinyinTerm, chars: &[u16], contiguous: bool) -> bool {
    let goal = 1u64 << term.letters();
    let mut reach = 1u64;
    for &set in chars {
        if set == NO_READING {
            if contiguous {
                reach = 1;
            }
            continue;
        }
        let mut added = 0u64;
        let mut pending = reach & (goal - 1) & term.starts(set);
        while pending != 0 {
            let j0 = pending.trailing_zeros() as usize;
            pending &= pending - 1;
            added |= term.moves(set, j0).0 << j0;
        }
        reach = if contiguous { 1 | added } else { reach | added };
        if reach & goal != 0 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fold::fold;

    fn run(term: &str, title: &str, anchors: Anchors) -> Option<(i64, Vec<usize>)> {
        let mut table = ReadingTable::default();
        let chars: Vec<u16> = fold(title).chars().map(|c| table.id_of(c)).collect();
        let term = PinyinTerm::new(term.as_bytes(), &table)?;
        let scored = match_pinyin(&term, &chars, anchors, &mut Scratch::default(), true);
        let score_only = match_pinyin(&term, &chars, anchors, &mut Scratch::default(), false);
        assert_eq!(scored.as_ref().map(|s| s.0), score_only.map(|s| s.0));
        scored
    }

    fn positions(term: &str, title: &str) -> Option<Vec<usize>> {
        run(term, title, Anchors::default()).map(|(_, p)| p)
    }

    const SEED: &str = "中共长春市委人大工作会议召开";

    #[test]
    fn syllables_initials_mixed_and_gaps() {
        let cases: [(&str, &str, Option<Vec<usize>>); 12] = [
            ("changchun", "长春日报", Some(vec![0, 1])),
            ("ccrb", "长春日报", Some(vec![0, 1, 2, 3])),
            ("changcrb", "长春日报", Some(vec![0, 1, 2, 3])),
            ("chachu", "长春日报", Some(vec![0, 1])),
            ("zhangchun", "长春日报", Some(vec![0, 1])),
            ("ccrd", SEED, Some(vec![2, 3, 6, 7])),
            ("ccsw", SEED, Some(vec![2, 3, 4, 5])),
            ("renda", SEED, Some(vec![6, 7])),
            ("zgccsw", SEED, Some(vec![0, 1, 2, 3, 4, 5])),
            ("nbaj", "NBA季后赛", Some(vec![0, 1, 2, 3])),
            ("xyz", SEED, None),
            ("ccrbx", "长春日报", None),
        ];
        for (term, title, want) in cases {
            assert_eq!(positions(term, title), want, "{term} on {title}");
        }
    }

    #[test]
    fn adjacent_chars_outrank_scattered_ones() {
        let near = run("renda", "市人大常委会", Anchors::default()).unwrap().0;
        let far = run("renda", "人们在大街上", Anchors::default()).unwrap().0;
        assert!(near > far, "{near} vs {far}");
        assert_eq!(positions("beijing", "北京广渠路"), Some(vec![0, 1]));
        let whole = run("changchun", "长春日报", Anchors::default()).unwrap().0;
        let initials = run("cc", "长春日报", Anchors::default()).unwrap().0;
        assert!(whole > initials, "{whole} vs {initials}");
    }

    #[test]
    fn anchors_restrict_where_the_match_lies() {
        let contiguous = Anchors {
            contiguous: true,
            ..Anchors::default()
        };
        let prefix = Anchors {
            at_start: true,
            ..contiguous
        };
        let suffix = Anchors {
            at_end: true,
            ..contiguous
        };
        assert_eq!(run("ccrd", SEED, contiguous), None);
        assert_eq!(run("ccsw", SEED, contiguous).unwrap().1, [2, 3, 4, 5]);
        assert_eq!(run("ccsw", SEED, prefix), None);
        assert_eq!(run("zgcc", SEED, prefix).unwrap().1, [0, 1, 2, 3]);
        assert_eq!(run("zhaokai", SEED, suffix).unwrap().1, [12, 13]);
        assert_eq!(run("huiyi", SEED, suffix), None);
    }

    #[test]
    fn the_quick_check_agrees_with_the_programme() {
        let mut table = ReadingTable::default();
        let titles = [
            SEED,
            "长春日报",
            "市人大常委会",
            "NBA季后赛：火箭胜勇士",
            "银行行长",
        ];
        let terms = [
            "ccrd",
            "changchun",
            "zgcc",
            "rendac",
            "nbajh",
            "hangz",
            "xq",
            "q",
            "a",
        ];
        for title in titles {
            let chars: Vec<u16> = fold(title).chars().map(|c| table.id_of(c)).collect();
            for term in terms {
                for contiguous in [false, true] {
                    let anchors = Anchors {
                        contiguous,
                        ..Anchors::default()
                    };
                    let compiled = PinyinTerm::new(term.as_bytes(), &table).unwrap();
                    let scored =
                        match_pinyin(&compiled, &chars, anchors, &mut Scratch::default(), true);
                    let quick = could_match(&compiled, &chars, contiguous);
                    assert_eq!(quick, scored.is_some(), "{term} on {title} ({anchors:?})");
                }
            }
        }
    }

    #[test]
    fn a_scratch_that_sifts_scores_as_a_fresh_one() {
        let mut table = ReadingTable::default();
        // Runs of titles that fail `ccrd`, then of titles that match it: the shared scratch
        // starts sifting during the first and stops during the second.
        let failing = ["银行行长", "NBA季后赛：火箭胜勇士", "长春日报"];
        let matching = [SEED, "长春市人大代表", "长春人大"];
        let titles: Vec<&str> = (0..2400)
            .map(|k| match (k / 600) % 2 {
                0 => failing[k % 3],
                _ => matching[k % 3],
            })
            .collect();
        let titles: Vec<(&str, Vec<u16>)> = titles
            .into_iter()
            .map(|title| (title, fold(title).chars().map(|c| table.id_of(c)).collect()))
            .collect();
        let term = PinyinTerm::new(b"ccrd", &table).unwrap();
        let anchors = Anchors::default();
        let mut shared = Scratch::default();
        let (mut sifted, mut unsifted) = (0, 0);
        for (title, chars) in titles {
            if shared.tally.sift() {
                sifted += 1;
            } else {
                unsifted += 1;
            }
            let got = match_pinyin(&term, &chars, anchors, &mut shared, false);
            let want = match_pinyin(&term, &chars, anchors, &mut Scratch::default(), true);
            assert_eq!(got.map(|g| g.0), want.map(|w| w.0), "{title}");
        }
        assert!(
            sifted > 500 && unsifted > 500,
            "{sifted} sifted, {unsifted} not"
        );
    }

    #[test]
    fn punctuation_is_skipped_never_matched() {
        assert_eq!(positions("cc", "长，春").unwrap(), [0, 2]);
        assert_eq!(positions("", "长春"), None);
        assert_eq!(positions("cc", ""), None);
        let long = "a".repeat(MAX_TERM_LETTERS + 1);
        assert_eq!(positions(&long, &"啊".repeat(100)), None);
        let longest = "a".repeat(MAX_TERM_LETTERS);
        assert!(positions(&longest, &"啊".repeat(100)).is_some());
    }
}
