//! Skim's score of a two-char term beyond ASCII (`中国`, `国际`), without skim's matrix:
//! the commonest Chinese terms are two chars, and skim copies each title into a `Vec<char>`,
//! allocates its bonuses and fills a score matrix for every title it scores (about a
//! microsecond a title, most of `国际`'s 90 ms at ten million titles).
//!
//! For two pattern chars skim (`fuzzy-matcher` 0.3, `SkimMatcherV2`, score only) fills two
//! rows of its affine-gap alignment: the first char's row, whose matches all take the "skip"
//! branch (the empty pattern's row holds no match), and the second's. Its two-row matrix
//! reuses cells between rows and calls; for two chars every cell it reads was written in
//! the same call, so its score depends on the title and term alone, and one pass over the
//! title gives it. The in-place bonuses come from what skim scores one char at each kind of
//! place ([`OneChar`]); the other constants are skim's defaults
//! (`SkimScoreConfig::default`). A property test holds this to skim itself.

use super::one_char::{KINDS, OneChar};

/// Skim's "negative infinity" for an empty cell (`i16::MIN`).
const NEG: i32 = i16::MIN as i32;
/// A matched char.
const MATCH: i32 = 16;
/// Opening a gap, and each char of it.
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
/// The least bonus of a match right after a match.
const CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);

/// Skim's score of the term `a` `b` (two chars beyond ASCII) in `title`, as
/// `SkimMatcherV2::default().respect_case().fuzzy_match` gives it, and whether the two occur
/// side by side somewhere; `None` when `a` then `b` is not a subsequence of the title. A
/// match of `a` takes skim's skip branch from the empty pattern's row: the score of a
/// one-char term at that place (`one`), whose in-place bonus is that less a match and a
/// gap's char.
pub(super) fn score(title: &str, a: char, b: char, one: &OneChar) -> Option<(i64, bool)> {
    debug_assert!(!a.is_ascii() && !b.is_ascii());
    // Skim's first matches: the first `a`, then the first `b` after it.
    let first_a = title.find(a)?;
    let after_a = first_a + a.len_utf8();
    let first_b = after_a + title[after_a..].find(b)?;
    // `a`'s row left of the column, from its first match on (the cell before it reset).
    // `b`'s row is the last: its skip scores feed nothing, and its matches only the best.
    let (mut a_m, mut a_p) = (NEG, NEG);
    let mut best = NEG;
    let mut adjacent = false;
    let mut before = title[..first_a].chars().next_back();
    for (at, c) in title[first_a..]
        .char_indices()
        .map(|(i, c)| (first_a + i, c))
    {
        let alone = one.at(before) as i32;
        let in_place = alone - MATCH - GAP_EXTENSION;
        if at >= first_b && c == b {
            // `b`'s row at this column, from `a`'s row left of it.
            let consecutive = in_place.max(CONSECUTIVE);
            best = best.max((a_m + consecutive).max(a_p + in_place) + MATCH);
            adjacent |= before == Some(a);
        }
        // `a`'s row: a match scores as the one char alone there.
        let m = if c == a { alone } else { NEG };
        a_p = (GAP_START + GAP_EXTENSION + a_m).max(GAP_EXTENSION + a_p);
        a_m = m;
        before = Some(c);
    }
    Some((i64::from(best), adjacent))
}

/// The most a title can score for the term `a` `b` ([`score`], plus `adjacency` when the
/// two occur side by side). `b`'s best match follows either a match of `a` right before it
/// or, across a gap, the best of `a`'s row less the gap, which costs least as one char;
/// its in-place bonus comes from the char right before it. So the best is `a` at its best
/// place (the title's start, or after a char of one of skim's kinds) with `b` right after
/// it or after one char of some kind; a title holding that and the pair side by side
/// reaches it, and those few titles are scored here.
pub(super) fn top(a: char, b: char, one: &OneChar, adjacency: i64) -> i64 {
    let places = || std::iter::once(None).chain(KINDS.map(Some));
    let mut best = i64::MIN;
    for before in places() {
        for between in places() {
            let title: String = before
                .into_iter()
                .chain([a])
                .chain(between)
                .chain([b, a, b])
                .collect();
            if let Some((score, adjacent)) = score(&title, a, b, one) {
                best = best.max(score + if adjacent { adjacency } else { 0 });
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use proptest::prelude::*;

    #[test]
    fn a_pair_from_the_first_char_scores_most() {
        let one = OneChar::new(&SkimMatcherV2::default().respect_case());
        let score = |title: &str, a, b| score(title, a, b, &one);
        let start = score("中国新闻", '中', '国').unwrap();
        let inside = score("新闻中国", '中', '国').unwrap();
        let apart = score("中部大国", '中', '国').unwrap();
        assert!(start.1 && inside.1 && !apart.1);
        // The title's first char weighs more than the pair side by side (skim doubles its
        // bonus): 中…国 from the start outscores 中国 inside.
        assert!(
            start.0 > apart.0 && apart.0 > inside.0,
            "{start:?} {apart:?} {inside:?}"
        );
        let skim = SkimMatcherV2::default().respect_case();
        for (title, (score, _)) in [
            ("中国新闻", start),
            ("新闻中国", inside),
            ("中部大国", apart),
        ] {
            assert_eq!(skim.fuzzy_match(title, "中国"), Some(score), "{title}");
        }
        assert_eq!(score("国中", '中', '国'), None);
        assert_eq!(score("中中", '中', '国'), None);
        // The pair side by side at the start is the best a title can do.
        assert_eq!(top('中', '国', &one, 16), start.0 + 16);
        assert_eq!(top('中', '国', &one, 0), start.0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// The same score as skim's for every title (score only, and with positions, which
        /// the search asks for when it highlights): random mixes of the term's chars,
        /// repeated or not, other Han chars, full-width forms, letters of both cases, digits,
        /// separators of both kinds and a NUL.
        #[test]
        fn scores_like_skim(
            title in crate::query::strings_of("中国中国长Ａａ１aZ9 /|(]{-_.,:@^`~!'\"\t\0é", 0..16),
            (a, b) in (
                prop::sample::select("中国长Ａé".chars().collect::<Vec<_>>()),
                prop::sample::select("中国长Ａé".chars().collect::<Vec<_>>()),
            ),
        ) {
            let skim = SkimMatcherV2::default().respect_case();
            let term: String = [a, b].iter().collect();
            let want = skim.fuzzy_match(&title, &term);
            let got = score(&title, a, b, &OneChar::new(&skim));
            prop_assert_eq!(got.map(|g| g.0), want, "{:?} in {:?}", term, title);
            prop_assert_eq!(got.map(|g| g.1), want.map(|_| title.contains(&term)));
            let with_positions = skim.fuzzy_indices(&title, &term).map(|(s, _)| s);
            prop_assert_eq!(with_positions, want);
            // No title scores above the pair's top.
            let top = top(a, b, &OneChar::new(&skim), 16);
            let with_bonus = got.map(|(score, adjacent)| score + if adjacent { 16 } else { 0 });
            prop_assert!(with_bonus.is_none_or(|s| s <= top), "{:?} above {}", with_bonus, top);
        }
    }
}
