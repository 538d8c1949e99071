//! The score of a pinyin match without its positions: the same dynamic programme as
//! [`super::match_pinyin`], keeping only the last three rows (no back-pointers, no
//! allocation), for scans that rank every title and draw positions for a few. A one-letter
//! term needs no programme: its best match is its first char that can take the letter; a
//! two-letter term needs one pass keeping the programme's few live cells in variables; terms
//! of three to eight letters keep their rows in fixed-size arrays, in registers.

use super::{
    ADJACENT_BONUS, Anchors, GAP_EXTENSION, GAP_START, LETTER_SCORE, NO_READING, NONE, PinyinTerm,
    START_BONUS, SYLLABLE_BONUS, piece_score,
};

/// The best score of `term` on the title whose chars have reading sets `chars`, when it
/// matches; equal to [`super::match_pinyin`]'s score. `rows` is scratch space.
pub(crate) fn score_pinyin(
    term: &PinyinTerm,
    chars: &[u16],
    anchors: Anchors,
    rows: &mut Vec<i64>,
) -> Option<i64> {
    let (n, m) = (chars.len(), term.letters());
    match m {
        1 => return score_one_letter(term, chars, anchors),
        2 => return score_two_letters(term, chars, anchors),
        3 => return score_fixed::<4>(term, chars, anchors),
        4 => return score_fixed::<5>(term, chars, anchors),
        5 => return score_fixed::<6>(term, chars, anchors),
        6 => return score_fixed::<7>(term, chars, anchors),
        7 => return score_fixed::<8>(term, chars, anchors),
        8 => return score_fixed::<9>(term, chars, anchors),
        _ => {}
    }
    let width = m + 1;
    rows.clear();
    rows.resize(4 * width, NONE);
    let (rows, far) = rows.split_at_mut(3 * width);
    let mut best_end = NONE;
    for (i, &set) in chars.iter().enumerate() {
        if i >= 2 && !anchors.contiguous {
            extend_gaps(far, &rows[(i - 2) % 3 * width..][..width]);
        }
        let (a, rest) = rows.split_at_mut(width);
        let (b, c) = rest.split_at_mut(width);
        let (cur, prev) = match i % 3 {
            0 => (a, &*c),
            1 => (b, &*a),
            _ => (c, &*b),
        };
        cur.fill(NONE);
        take_char(term, set, i, anchors, prev, far, cur);
        if !anchors.at_end || i + 1 == n {
            best_end = best_end.max(cur[m]);
        }
    }
    (best_end > NONE / 2).then_some(best_end)
}

/// One step of the programme: `far[j]`, the best match of `j` letters ending two or more
/// chars back less its gap, taken on past the row `two_back` (of the char two back).
#[inline(always)]
fn extend_gaps(far: &mut [i64], two_back: &[i64]) {
    for (slot, &ended) in far.iter_mut().zip(two_back).skip(1) {
        *slot = (*slot - GAP_EXTENSION).max(ended - GAP_START);
    }
}

/// One step of the programme: into `cur` (all [`NONE`] before), the best scores of matches
/// ending at char `i`, of reading set `set`, from the previous char's row `prev` and `far`
/// ([`extend_gaps`]).
#[inline(always)]
fn take_char(
    term: &PinyinTerm,
    set: u16,
    i: usize,
    anchors: Anchors,
    prev: &[i64],
    far: &[i64],
    cur: &mut [i64],
) {
    if set == NO_READING {
        return;
    }
    let mut starts = term.starts(set);
    while starts != 0 {
        let j0 = starts.trailing_zeros() as usize;
        starts &= starts - 1;
        let (mut fits, whole) = term.moves(set, j0);
        let base = if j0 == 0 {
            if anchors.at_start && i != 0 {
                continue;
            }
            if i == 0 { START_BONUS } else { 0 }
        } else if i == 0 {
            continue;
        } else {
            let adjacent = prev[j0] + ADJACENT_BONUS;
            if anchors.contiguous {
                adjacent
            } else {
                adjacent.max(far[j0])
            }
        };
        if base <= NONE / 2 {
            continue;
        }
        while fits != 0 {
            let l = fits.trailing_zeros() as usize;
            fits &= fits - 1;
            let cell = &mut cur[j0 + l];
            *cell = (*cell).max(base + piece_score(l, whole));
        }
    }
}

/// [`score_pinyin`] for a term of `W - 1` letters: the same programme with its rows in
/// arrays of a size known when compiling (kept in registers, no scratch memory), the rows
/// passed on by value.
fn score_fixed<const W: usize>(term: &PinyinTerm, chars: &[u16], anchors: Anchors) -> Option<i64> {
    let (n, m) = (chars.len(), W - 1);
    debug_assert_eq!(term.letters(), m);
    let (mut prev, mut two_back, mut far) = ([NONE; W], [NONE; W], [NONE; W]);
    let mut best_end = NONE;
    for (i, &set) in chars.iter().enumerate() {
        if i >= 2 && !anchors.contiguous {
            extend_gaps(&mut far, &two_back);
        }
        let mut cur = [NONE; W];
        take_char(term, set, i, anchors, &prev, &far, &mut cur);
        if !anchors.at_end || i + 1 == n {
            best_end = best_end.max(cur[m]);
        }
        two_back = prev;
        prev = cur;
    }
    (best_end > NONE / 2).then_some(best_end)
}

/// [`score_pinyin`] for a one-letter term: one piece on one char, worth [`LETTER_SCORE`] plus
/// [`START_BONUS`] on the first char (a one-letter piece is never a whole syllable).
fn score_one_letter(term: &PinyinTerm, chars: &[u16], anchors: Anchors) -> Option<i64> {
    let fits = |set: u16| term.moves(set, 0).0 != 0;
    let at = if anchors.at_end {
        (chars.len() - 1..chars.len()).find(|&i| fits(chars[i]) && (!anchors.at_start || i == 0))?
    } else if anchors.at_start {
        (0..1).find(|&i| fits(chars[i]))?
    } else {
        chars.iter().position(|&set| fits(set))?
    };
    Some(LETTER_SCORE + if at == 0 { START_BONUS } else { 0 })
}

/// [`score_pinyin`] for a two-letter term in one pass: the programme's cells for one letter
/// matched (at the previous char, two chars back, and the best gapped one) in variables.
fn score_two_letters(term: &PinyinTerm, chars: &[u16], anchors: Anchors) -> Option<i64> {
    let n = chars.len();
    let (mut best_end, mut one_back, mut two_back, mut far) = (NONE, NONE, NONE, NONE);
    for (i, &set) in chars.iter().enumerate() {
        if i >= 2 && !anchors.contiguous {
            far = (far - GAP_EXTENSION).max(two_back - GAP_START);
        }
        let (first_fits, first_whole) = term.moves(set, 0);
        let second_fits = term.moves(set, 1).0;
        let start = if i == 0 { START_BONUS } else { 0 };
        let may_start = !anchors.at_start || i == 0;
        let mut both = NONE;
        if may_start && first_fits & 0b100 != 0 {
            let whole = if first_whole & 0b100 != 0 {
                SYLLABLE_BONUS
            } else {
                0
            };
            both = start + 2 * LETTER_SCORE + whole;
        }
        if i > 0 && second_fits & 0b10 != 0 {
            let adjacent = one_back + ADJACENT_BONUS;
            let base = if anchors.contiguous {
                adjacent
            } else {
                adjacent.max(far)
            };
            if base > NONE / 2 {
                both = both.max(base + LETTER_SCORE);
            }
        }
        let first = if may_start && first_fits & 0b10 != 0 {
            start + LETTER_SCORE
        } else {
            NONE
        };
        if !anchors.at_end || i + 1 == n {
            best_end = best_end.max(both);
        }
        two_back = one_back;
        one_back = first;
    }
    (best_end > NONE / 2).then_some(best_end)
}

#[cfg(test)]
mod tests {
    use super::super::super::fold::fold;
    use super::super::super::readings::ReadingTable;
    use super::super::{ANCHORINGS, Scratch, match_pinyin};
    use super::*;

    #[test]
    fn short_term_shortcuts_score_like_the_programme() {
        let titles = [
            "中共长春市委人大工作会议召开",
            "长春日报",
            "人们在大街上，长安",
            "a长",
            "长",
            "NBA季后赛：火箭胜勇士",
        ];
        let letters = "achgnrdzbjiu";
        let mut terms: Vec<String> = Vec::new();
        for a in letters.chars() {
            terms.push(a.to_string());
            for b in letters.chars() {
                terms.push(format!("{a}{b}"));
            }
        }
        terms.push("an".into());
        let mut checked = 0;
        for title in titles {
            let mut table = ReadingTable::default();
            let chars: Vec<u16> = fold(title).chars().map(|c| table.id_of(c)).collect();
            for text in &terms {
                let term = PinyinTerm::new(text.as_bytes(), &table).unwrap();
                for (contiguous, at_start, at_end) in ANCHORINGS {
                    let anchors = Anchors {
                        contiguous,
                        at_start,
                        at_end,
                    };
                    let want = match_pinyin(&term, &chars, anchors, &mut Scratch::default(), true)
                        .map(|(score, _)| score);
                    let got = score_pinyin(&term, &chars, anchors, &mut Vec::new());
                    assert_eq!(got, want, "{text} on {title} {anchors:?}");
                    checked += usize::from(want.is_some());
                }
            }
        }
        assert!(checked > 200, "only {checked} matches checked");
    }

    mod property {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(400))]

            /// Terms of every length, each length's own programme or the general one, score
            /// as the programme with positions does: random titles of chars with many readings
            /// (长 chang/zhang, 行 xing/hang), punctuation and Latin, random terms of their
            /// letters.
            #[test]
            fn every_length_scores_like_the_programme(
                title in crate::query::strings_of("中国长春人大行银新闻北京市委会，a1", 1..24),
                text in "[zhongcarebijxwuaegs]{1,12}",
            ) {
                let mut table = ReadingTable::default();
                let chars: Vec<u16> = fold(&title).chars().map(|c| table.id_of(c)).collect();
                let term = PinyinTerm::new(text.as_bytes(), &table).unwrap();
                for (contiguous, at_start, at_end) in ANCHORINGS {
                    let anchors = Anchors { contiguous, at_start, at_end };
                    let want = match_pinyin(&term, &chars, anchors, &mut Scratch::default(), true)
                        .map(|(score, _)| score);
                    let got = score_pinyin(&term, &chars, anchors, &mut Vec::new());
                    prop_assert_eq!(got, want, "{} on {} {:?}", text, title, anchors);
                }
            }
        }
    }
}
