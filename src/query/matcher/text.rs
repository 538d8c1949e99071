//! Exact text tests on folded titles: where a pattern occurs, whether a term is a
//! subsequence (the cheap test before fuzzy matching), and the score of an exact match.

use super::super::parse::{How, Pattern};

/// Score of an exact (non-fuzzy) title match per matched char.
const EXACT_CHAR_SCORE: i64 = 20;
/// Extra for an exact match at the title's start.
const EXACT_START_BONUS: i64 = 10;

/// Finds a non-fuzzy pattern in folded `text`: the char index where it starts and its length
/// in chars. A fuzzy pattern is looked for as a substring.
pub(super) fn text_match(text: &str, p: &Pattern) -> Option<(usize, usize)> {
    let needle = p.text.as_str();
    let byte = match p.how {
        How::Fuzzy | How::Contains => text.find(needle)?,
        How::Prefix => text.starts_with(needle).then_some(0)?,
        How::Suffix => text.ends_with(needle).then(|| text.len() - needle.len())?,
        How::Whole => (text == needle).then_some(0)?,
    };
    Some((text[..byte].chars().count(), needle.chars().count()))
}

/// Whether `term`'s chars occur in `text` in order: what a fuzzy match needs, checked
/// without the allocations of a full match.
pub(super) fn is_subsequence(text: &str, term: &str) -> bool {
    // UTF-8 is self-synchronising: a char's bytes found in text are that char, so a byte
    // search per term char needs no decoding.
    let mut rest = text.as_bytes();
    let mut buf = [0u8; 4];
    for q in term.chars() {
        let found = if q.is_ascii() {
            memchr::memchr(q as u8, rest)
        } else {
            memchr::memmem::find(rest, q.encode_utf8(&mut buf).as_bytes())
        };
        match found {
            Some(at) => rest = &rest[at + q.len_utf8()..],
            None => return false,
        }
    }
    true
}

/// At most how much more an exact match of a pattern scores than one of the pattern less
/// its last `letters` chars: its first match starts no later, and each char is worth
/// [`EXACT_CHAR_SCORE`].
pub(super) fn exact_gain(letters: usize) -> i64 {
    EXACT_CHAR_SCORE * letters as i64
}

/// Score and positions of an exact match of `len` chars at char `start`.
pub(super) fn exact_hit(start: usize, len: usize) -> (i64, Vec<usize>) {
    (exact_score(start, len), (start..start + len).collect())
}

/// Score of an exact match of `len` chars at char `start`.
pub(super) fn exact_score(start: usize, len: usize) -> i64 {
    EXACT_CHAR_SCORE * len as i64 + if start == 0 { EXACT_START_BONUS } else { 0 }
        - start.min(10) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(text: &str, how: How) -> Pattern {
        Pattern {
            text: text.into(),
            how,
        }
    }

    #[test]
    fn text_match_reports_char_positions() {
        let t = "中共长春市委人大";
        assert_eq!(text_match(t, &pattern("人大", How::Contains)), Some((6, 2)));
        assert_eq!(text_match(t, &pattern("中共", How::Prefix)), Some((0, 2)));
        assert_eq!(text_match(t, &pattern("人大", How::Suffix)), Some((6, 2)));
        assert_eq!(text_match(t, &pattern("人大", How::Prefix)), None);
        assert_eq!(text_match(t, &pattern(t, How::Whole)), Some((0, 8)));
        assert_eq!(text_match(t, &pattern("中共", How::Whole)), None);
    }

    #[test]
    fn subsequences() {
        assert!(is_subsequence("中共长春市委人大", "长人大"));
        assert!(is_subsequence("abc", ""));
        assert!(!is_subsequence("中共长春市委人大", "大人"));
        assert!(!is_subsequence("ab", "abc"));
    }

    #[test]
    fn exact_hits_prefer_early_matches() {
        assert_eq!(exact_hit(2, 2), (38, vec![2, 3]));
        assert!(exact_hit(0, 2).0 > exact_hit(1, 2).0);
    }
}
