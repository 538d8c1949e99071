//! Skim's score of a one-char term beyond ASCII (`国`, `长`), without skim's matrix: a single
//! Han char is the commonest first keystroke, and skim builds a score matrix, copies the
//! title into a `Vec<char>` and allocates its bonuses for every title it scores.
//!
//! For one pattern char, skim (`fuzzy-matcher` 0.3, `SkimMatcherV2`) scores each occurrence
//! by the kind of char before it (none, a NUL, a hard or soft separator, a digit, an upper- or a
//! lower-case letter, which takes in every char beyond ASCII) and keeps the best. Those few
//! scores are asked of skim itself once, on a char and one neighbour, so this follows skim's
//! scoring rather than restating its constants; a property test holds it to skim.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// The kinds of char skim tells apart before a match (its private `CharType`: a NUL, hard
/// and soft separators, digits, upper case, the rest), each by a representative; a title's
/// first char has none before it.
pub(super) const KINDS: [char; 6] = ['\0', ' ', '!', '0', 'A', 'a'];

/// Skim's score of a one-char term beyond ASCII by where it occurs.
#[derive(Debug, Clone)]
pub(super) struct OneChar {
    /// At the title's first char.
    first: i64,
    /// After a char of each of [`KINDS`].
    after: [i64; KINDS.len()],
}

impl OneChar {
    /// Asks `skim` the score of every place; the same for every char beyond ASCII (skim
    /// treats them all as lower-case letters).
    pub(super) fn new(skim: &SkimMatcherV2) -> OneChar {
        let probe = '中';
        let term = probe.to_string();
        let score = |title: &str| skim.fuzzy_match(title, &term).unwrap_or_default();
        OneChar {
            first: score(&term),
            after: KINDS.map(|kind| score(&format!("{kind}{probe}"))),
        }
    }

    /// The best score any title can give: the score of the best place.
    pub(super) fn top(&self) -> i64 {
        self.after.iter().copied().fold(self.first, i64::max)
    }

    /// Skim's score of a one-char term beyond ASCII matched right after `before` (`None`:
    /// as the title's first char).
    pub(super) fn at(&self, before: Option<char>) -> i64 {
        before.map_or(self.first, |b| self.after[kind(b)])
    }

    /// Skim's score of `term` (one char beyond ASCII) in `title`, when it occurs.
    pub(super) fn score(&self, title: &str, term: char) -> Option<i64> {
        debug_assert!(!term.is_ascii());
        let mut best = None;
        let mut before = None;
        for c in title.chars() {
            if c == term {
                best = best.max(Some(self.at(before)));
            }
            before = Some(c);
        }
        best
    }
}

/// Which of [`KINDS`] skim puts `c` with (skim's `CharType::of`).
fn kind(c: char) -> usize {
    match c {
        '\0' => 0,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => 1,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => 2,
        '0'..='9' => 3,
        'A'..='Z' => 4,
        _ => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_first_char_outscores_one_after_a_letter() {
        let skim = SkimMatcherV2::default().respect_case();
        let one = OneChar::new(&skim);
        let at_start = one.score("国际新闻", '国').unwrap();
        let inside = one.score("中国新闻", '国').unwrap();
        assert!(at_start > inside, "{at_start} vs {inside}");
        assert_eq!(one.score("新闻", '国'), None);
        assert_eq!(Some(at_start), skim.fuzzy_match("国际新闻", "国"));
        assert_eq!(one.top(), at_start, "no place beats the first");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The same score as skim's for every title: random mixes of the term, other Han
        /// chars, full-width forms, letters of both cases, digits, separators of both kinds
        /// and a NUL.
        #[test]
        fn scores_like_skim(
            title in crate::query::strings_of("国中长Ａａ１aZ9 /|(]{-_.,:@^`~!'\"\t\0é", 0..12),
            term in prop::sample::select("国长Ａé".chars().collect::<Vec<_>>()),
        ) {
            let skim = SkimMatcherV2::default().respect_case();
            let want = skim.fuzzy_match(&title, &term.to_string());
            let one = OneChar::new(&skim);
            prop_assert_eq!(one.score(&title, term), want, "{:?}", title);
            prop_assert!(want.is_none_or(|score| score <= one.top()));
        }
    }
}
