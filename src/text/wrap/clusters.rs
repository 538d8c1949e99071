//! Grapheme clusters with their byte offsets, exactly as `unicode_segmentation` finds them, but
//! without running its general state machine on the characters that need none.
//!
//! Why: the wrapper looks at every grapheme of every line, and the general cursor costs about as
//! much per grapheme whatever the character is; a paragraph of ASCII or plain Chinese is mostly
//! graphemes of one character. UAX #29 puts a boundary between two characters unless the second
//! extends the first (Extend, ZWJ, SpacingMark), the first is a Prepend, they are CR LF, Hangul
//! jamo, a regional-indicator pair or an emoji ZWJ or Indic conjunct sequence. [`is_plain`]
//! characters are none of those, so a plain character followed by a plain character (or the end)
//! is a grapheme on its own. Anything else goes to `unicode_segmentation`, started afresh at the
//! boundary before it: no UAX #29 rule looks back past a boundary that follows a plain character.

use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

/// True for characters whose Grapheme_Cluster_Break is Other and that are not emoji: printable
/// ASCII, CJK ideographs, and the Chinese and full-width punctuation of news text.
fn is_plain(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{3000}'..='\u{3003}'   // 　、。〃
        | '\u{3008}'..='\u{3011}'   // 〈〉《》「」『』【】
        | '\u{3014}'..='\u{301F}'   // 〔〕〖〗〘〙〚〛〜〝〞〟
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{FF01}'..='\u{FF5E}'   // full-width forms
        | '\u{B7}'                  // ·
        | '\u{2014}' | '\u{2015}'   // — ―
        | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' // ‘ ’ “ ”
        | '\u{2026}'                // …
    )
}

/// The grapheme clusters of a text with their byte offsets, as `grapheme_indices(true)` gives them.
pub(super) struct Clusters<'a> {
    text: &'a str,
    /// Where the next cluster starts.
    at: usize,
    /// The general iterator, over `text[general_from..]`, and where it stopped.
    general: GraphemeIndices<'a>,
    general_from: usize,
    general_at: usize,
}

impl<'a> Clusters<'a> {
    /// The clusters of `text`.
    pub(super) fn new(text: &'a str) -> Self {
        Clusters {
            text,
            at: 0,
            general: "".grapheme_indices(true),
            general_from: 0,
            general_at: usize::MAX,
        }
    }
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let at = self.at;
        let rest = &self.text[at..];
        let mut chars = rest.chars();
        let c = chars.next()?;
        if is_plain(c) && chars.next().is_none_or(is_plain) {
            let len = c.len_utf8();
            self.at += len;
            return Some((at, &rest[..len]));
        }
        if self.general_at != at {
            self.general = rest.grapheme_indices(true);
            self.general_from = at;
        }
        let (i, g) = self.general.next()?;
        let start = self.general_from + i;
        self.at = start + g.len();
        self.general_at = self.at;
        Some((start, g))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    type Found<'a> = Vec<(usize, &'a str)>;

    fn both(text: &str) -> (Found<'_>, Found<'_>) {
        (
            Clusters::new(text).collect(),
            text.grapheme_indices(true).collect(),
        )
    }

    #[test]
    fn plain_characters_are_clusters_of_their_own_next_to_anything_plain() {
        let plain: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
            .collect();
        assert!(plain.len() > 27_000);
        for &c in &plain {
            let text = format!("{c}{c}a中“");
            assert_eq!(text.graphemes(true).count(), 5, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_same_clusters_as_unicode_segmentation() {
        for text in [
            "",
            "a",
            "ab\r\ncd\n",
            "e\u{301}a\u{301}\u{301}中\u{301}",
            "👩‍🔬a👨‍👩‍👧‍👦中🇨🇳🇨🇳🇨a🇨",
            "a\u{200d}b ❤️x1️⃣",
            "क्षa्ष 각가\u{1100}\u{1161}",
            "\u{600}a \u{903}",
        ] {
            let (ours, theirs) = both(text);
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn clusters_match_unicode_segmentation(text in "(\\PC|[a中，\u{301}\u{200d}\u{1F1E8}\u{1F469}\r\n\u{903}\u{600}\u{1100}\u{1161}])*") {
            let (ours, theirs) = both(&text);
            prop_assert_eq!(ours, theirs);
        }
    }
}
