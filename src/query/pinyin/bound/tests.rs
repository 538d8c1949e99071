//! Tests of the pinyin bound: no title scores above it, the initials bound the chars' bound,
//! every title reaching a floor meets its needs, and a grown term gains at most its most gained.

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
