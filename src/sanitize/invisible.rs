//! Invisible characters: which ones the cleaner removes, which it keeps only where text needs
//! them, and why. Every Default_Ignorable_Code_Point and every format character (general
//! category Cf) of Unicode 16 is accounted for here, in one of three places:
//!
//! - [`DROPPED`]: removed wherever it stands. These draw nothing, so in a terminal they can
//!   only hide text (a name padded with Hangul fillers, ASCII smuggled in tag characters),
//!   reorder it (bidi controls) or make two equal-looking titles differ for search.
//! - Kept in context ([`is_selector`], [`selector_fits`], [`flag_tags`], and the ZWJ rule in
//!   `sanitize::clean`): a variation selector right after a character it can vary (one, not a
//!   run: runs are how data is smuggled behind an emoji), tag characters inside the three
//!   subdivision flags (England, Scotland, Wales), and U+200D between two emoji.
//! - [`VISIBLE_FORMAT`]: format characters that draw a sign (the Arabic, Syriac and Kaithi
//!   number and end-of-verse marks), kept as text.
//!
//! A test walks both Unicode lists code point by code point and checks each is in one place.

/// Ranges (first, last, why) removed wherever they stand, sorted and disjoint.
pub(crate) const DROPPED: &[(char, char, &str)] = &[
    (
        '\u{AD}',
        '\u{AD}',
        "soft hyphen: a break hint; juan never hyphenates, so it only splits words for search",
    ),
    (
        '\u{34F}',
        '\u{34F}',
        "combining grapheme joiner: draws nothing, only blocks reordering of marks",
    ),
    ('\u{61C}', '\u{61C}', "Arabic letter mark: a bidi control"),
    (
        '\u{115F}',
        '\u{1160}',
        "Hangul choseong and jungseong fillers: blank jamo, not in modern text",
    ),
    (
        '\u{17B4}',
        '\u{17B5}',
        "Khmer inherent vowels: invisible, their use is discouraged by Unicode",
    ),
    (
        '\u{180E}',
        '\u{180E}',
        "Mongolian vowel separator: invisible, long abused as a hidden space",
    ),
    ('\u{200B}', '\u{200B}', "zero-width space"),
    (
        '\u{200C}',
        '\u{200C}',
        "zero-width non-joiner: only shapes Persian and Indic text",
    ),
    (
        '\u{200E}',
        '\u{200F}',
        "left-to-right and right-to-left marks: bidi controls",
    ),
    (
        '\u{202A}',
        '\u{202E}',
        "bidi embeddings and overrides: can show text in another order than it is stored",
    ),
    ('\u{2060}', '\u{2060}', "word joiner"),
    (
        '\u{2061}',
        '\u{2064}',
        "invisible function application, times, separator and plus (math markup)",
    ),
    (
        '\u{2065}',
        '\u{2065}',
        "unassigned, reserved as default-ignorable",
    ),
    ('\u{2066}', '\u{2069}', "bidi isolates"),
    (
        '\u{206A}',
        '\u{206F}',
        "deprecated format characters: symmetric swapping, Arabic form shaping, digit shapes",
    ),
    (
        '\u{3164}',
        '\u{3164}',
        "Hangul filler: a blank that counts as a letter",
    ),
    (
        '\u{FEFF}',
        '\u{FEFF}',
        "byte order mark, zero-width no-break space",
    ),
    (
        '\u{FFA0}',
        '\u{FFA0}',
        "halfwidth Hangul filler: a blank that counts as a letter",
    ),
    (
        '\u{FFF0}',
        '\u{FFF8}',
        "unassigned, reserved as default-ignorable",
    ),
    (
        '\u{FFF9}',
        '\u{FFFB}',
        "interlinear annotation anchor, separator, terminator: hidden ruby markup",
    ),
    (
        '\u{13430}',
        '\u{1343F}',
        "Egyptian hieroglyph format controls: no terminal lays out quadrats",
    ),
    (
        '\u{1BCA0}',
        '\u{1BCA3}',
        "shorthand format controls (Duployan overlap and step)",
    ),
    (
        '\u{1D173}',
        '\u{1D17A}',
        "musical symbol format controls (beams, ties, slurs, phrases)",
    ),
    (
        '\u{E0000}',
        '\u{E00FF}',
        "language tag, tag characters (invisible ASCII) and reserved: tags kept only in flags",
    ),
    (
        '\u{E01F0}',
        '\u{E0FFF}',
        "unassigned, reserved as default-ignorable",
    ),
];

/// Format characters (Cf) that draw a visible sign and are kept as text. The cleaner needs no
/// list of them (it keeps what [`DROPPED`] does not name): the tests check both tables
/// against Unicode's lists.
#[cfg(any(test, doc))]
pub(crate) const VISIBLE_FORMAT: &[(char, char, &str)] = &[
    (
        '\u{600}',
        '\u{605}',
        "Arabic number sign, year, footnote, page, number mark above: signs spanning digits",
    ),
    ('\u{6DD}', '\u{6DD}', "Arabic end of ayah"),
    ('\u{70F}', '\u{70F}', "Syriac abbreviation mark"),
    ('\u{890}', '\u{891}', "Arabic pound and piastre marks above"),
    ('\u{8E2}', '\u{8E2}', "Arabic disputed end of ayah"),
    ('\u{110BD}', '\u{110BD}', "Kaithi number sign"),
    ('\u{110CD}', '\u{110CD}', "Kaithi number sign above"),
];

/// True for a character of [`DROPPED`].
pub(crate) fn is_dropped(c: char) -> bool {
    let cp = u32::from(c);
    // Nothing below the soft hyphen, and nothing between the U+2060s and the Hangul filler
    // or between it and the BOM: where nearly all Chinese text lies.
    if cp < 0xAD || (0x2070..0x3164).contains(&cp) || (0x3165..0xFEFF).contains(&cp) {
        return false;
    }
    let at = DROPPED.partition_point(|&(_, last, _)| last < c);
    DROPPED.get(at).is_some_and(|&(first, _, _)| first <= c)
}

/// True for a variation selector: U+FE00–U+FE0F (standardized and emoji variation
/// sequences), U+E0100–U+E01EF (ideographic variation sequences) and the Mongolian free
/// variation selectors U+180B–U+180D and U+180F. The cleaner keeps one only where
/// [`selector_fits`].
pub(crate) fn is_selector(c: char) -> bool {
    matches!(
        c,
        '\u{FE00}'..='\u{FE0F}'
            | '\u{E0100}'..='\u{E01EF}'
            | '\u{180B}'..='\u{180D}'
            | '\u{180F}'
    )
}

/// True when the selector `selector` may follow `before`, the last character kept: it varies
/// a character (an ideograph for U+E0100–U+E01EF, a Mongolian letter for the Mongolian
/// ones, anything but a space, a line break, a joiner or another selector for
/// U+FE00–U+FE0F, which CJK compatibility ideographs, mathematical symbols and emoji use).
pub(crate) fn selector_fits(before: Option<char>, selector: char) -> bool {
    let Some(base) = before else {
        return false;
    };
    match selector {
        '\u{E0100}'..='\u{E01EF}' => is_ideograph(base),
        '\u{180B}'..='\u{180F}' => {
            matches!(base, '\u{1820}'..='\u{1878}' | '\u{1880}'..='\u{18AA}')
        }
        _ => {
            !base.is_whitespace() && !base.is_control() && base != '\u{200D}' && !is_selector(base)
        }
    }
}

/// CJK unified and compatibility ideographs, the bases of ideographic variation sequences.
fn is_ideograph(c: char) -> bool {
    matches!(
        c,
        '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// The black flag that starts a subdivision flag.
pub(crate) const BLACK_FLAG: char = '\u{1F3F4}';

/// The tag letters after [`BLACK_FLAG`] of the three subdivision flags Unicode recommends
/// (England `gbeng`, Scotland `gbsct`, Wales `gbwls`); each ends with the cancel tag U+E007F.
const SUBDIVISION_FLAGS: [&str; 3] = ["gbeng", "gbsct", "gbwls"];

/// How many chars of `after` (what follows a [`BLACK_FLAG`]) make one of the subdivision
/// flags' tag sequences, to be kept with it; 0 when they make none (then every tag
/// character is dropped, so no other text can hide in tags).
pub(crate) fn flag_tags(after: impl Iterator<Item = char>) -> usize {
    let tags: Vec<char> = after.take(6).collect();
    let spells = |name: &str| {
        tags.len() == 6
            && tags[5] == '\u{E007F}'
            && name
                .chars()
                .zip(&tags)
                .all(|(letter, &tag)| u32::from(tag) == 0xE0000 + u32::from(letter))
    };
    if SUBDIVISION_FLAGS.iter().any(|name| spells(name)) {
        6
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sanitize::{clean, is_plain};

    /// Default_Ignorable_Code_Point, Unicode 16.0 (DerivedCoreProperties.txt).
    const DEFAULT_IGNORABLE: &[(char, char)] = &[
        ('\u{AD}', '\u{AD}'),
        ('\u{34F}', '\u{34F}'),
        ('\u{61C}', '\u{61C}'),
        ('\u{115F}', '\u{1160}'),
        ('\u{17B4}', '\u{17B5}'),
        ('\u{180B}', '\u{180F}'),
        ('\u{200B}', '\u{200F}'),
        ('\u{202A}', '\u{202E}'),
        ('\u{2060}', '\u{206F}'),
        ('\u{3164}', '\u{3164}'),
        ('\u{FE00}', '\u{FE0F}'),
        ('\u{FEFF}', '\u{FEFF}'),
        ('\u{FFA0}', '\u{FFA0}'),
        ('\u{FFF0}', '\u{FFF8}'),
        ('\u{1BCA0}', '\u{1BCA3}'),
        ('\u{1D173}', '\u{1D17A}'),
        ('\u{E0000}', '\u{E0FFF}'),
    ];

    /// General category Cf, Unicode 16.0 (UnicodeData.txt).
    const FORMAT: &[(char, char)] = &[
        ('\u{AD}', '\u{AD}'),
        ('\u{600}', '\u{605}'),
        ('\u{61C}', '\u{61C}'),
        ('\u{6DD}', '\u{6DD}'),
        ('\u{70F}', '\u{70F}'),
        ('\u{890}', '\u{891}'),
        ('\u{8E2}', '\u{8E2}'),
        ('\u{180E}', '\u{180E}'),
        ('\u{200B}', '\u{200F}'),
        ('\u{202A}', '\u{202E}'),
        ('\u{2060}', '\u{2064}'),
        ('\u{2066}', '\u{206F}'),
        ('\u{FEFF}', '\u{FEFF}'),
        ('\u{FFF9}', '\u{FFFB}'),
        ('\u{110BD}', '\u{110BD}'),
        ('\u{110CD}', '\u{110CD}'),
        ('\u{13430}', '\u{1343F}'),
        ('\u{1BCA0}', '\u{1BCA3}'),
        ('\u{1D173}', '\u{1D17A}'),
        ('\u{E0001}', '\u{E0001}'),
        ('\u{E0020}', '\u{E007F}'),
    ];

    fn chars(ranges: &[(char, char)]) -> impl Iterator<Item = char> + '_ {
        ranges.iter().flat_map(|&(a, b)| a..=b)
    }

    fn in_table(table: &[(char, char, &str)], c: char) -> bool {
        table.iter().any(|&(a, b, _)| (a..=b).contains(&c))
    }

    #[test]
    fn tables_are_sorted_disjoint_and_explained() {
        for table in [DROPPED, VISIBLE_FORMAT] {
            for pair in table.windows(2) {
                assert!(pair[0].1 < pair[1].0, "{pair:?}");
            }
            for &(first, last, why) in table {
                assert!(first <= last && !why.is_empty(), "{first:?}");
            }
        }
    }

    #[test]
    fn every_ignorable_and_format_character_has_one_place() {
        for c in chars(DEFAULT_IGNORABLE).chain(chars(FORMAT)) {
            let places = [
                in_table(DROPPED, c),
                in_table(VISIBLE_FORMAT, c),
                is_selector(c),
                c == '\u{200D}',
            ];
            assert_eq!(
                places.iter().filter(|&&p| p).count(),
                1,
                "U+{:04X}",
                u32::from(c)
            );
            assert_eq!(
                is_dropped(c),
                in_table(DROPPED, c),
                "U+{:04X}",
                u32::from(c)
            );
            let visible = in_table(VISIBLE_FORMAT, c);
            assert_eq!(is_plain(c), visible, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn each_dropped_character_goes_between_chinese_text() {
        for c in DROPPED.iter().flat_map(|&(a, b, _)| a..=b) {
            let text = format!("人民{c}日报");
            assert_eq!(clean(&text), "人民日报", "U+{:04X}", u32::from(c));
            // Also after an emoji or an ideograph, where a selector or tag would be kept.
            let text = format!("🏴{c}葛{c}");
            assert_eq!(clean(&text), "🏴葛", "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn the_row_14_characters_go() {
        // Issue 11, row 14: these survived cleaning.
        let hostile = "a\u{2061}\u{2062}\u{2063}\u{2064}b\u{206A}\u{206B}\u{206C}\u{206D}\
                       \u{206E}\u{206F}c\u{180E}d\u{115F}\u{1160}\u{3164}\u{FFA0}e\
                       \u{FFF9}注\u{FFFA}zhù\u{FFFB}f\u{E0001}\u{E0068}\u{E0069}\u{E007F}g\u{34F}h";
        assert_eq!(clean(hostile), "abcde注zhùfgh");
    }

    #[test]
    fn visible_format_characters_stay() {
        for c in VISIBLE_FORMAT.iter().flat_map(|&(a, b, _)| a..=b) {
            let text = format!("{c}١٢٣");
            assert_eq!(clean(&text), text, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn one_variation_selector_stays_after_what_it_varies() {
        // Emoji and text presentation.
        assert_eq!(clean("❤\u{FE0F}好"), "❤\u{FE0F}好");
        assert_eq!(clean("☎\u{FE0E}"), "☎\u{FE0E}");
        // A keycap: digit, VS16, combining enclosing keycap.
        assert_eq!(clean("1\u{FE0F}\u{20E3}"), "1\u{FE0F}\u{20E3}");
        // A CJK compatibility ideograph's standardized variant; an ideographic variation
        // sequence (葛 with the Adobe-Japan1 selector).
        assert_eq!(clean("\u{FA10}\u{FE00}"), "\u{FA10}\u{FE00}");
        assert_eq!(clean("葛\u{E0100}城"), "葛\u{E0100}城");
        // Mongolian free variation selector after a Mongolian letter.
        assert_eq!(clean("\u{1822}\u{180B}"), "\u{1822}\u{180B}");
    }

    #[test]
    fn variation_selectors_out_of_place_go() {
        // A run behind an emoji (how bytes are smuggled): only the first stays.
        assert_eq!(clean("😀\u{FE0F}\u{FE01}\u{E0101}\u{E0142}"), "😀\u{FE0F}");
        // Nothing to vary: start of text, after a space or a line break.
        assert_eq!(clean("\u{FE0F}a \u{FE0F}b\n\u{E0100}"), "a b\n");
        // An ideographic selector after a letter, a Mongolian one after Chinese.
        assert_eq!(clean("a\u{E0100}中\u{180B}"), "a中");
    }

    #[test]
    fn subdivision_flags_keep_their_tags_and_nothing_else_does() {
        let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        let scotland = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        let wales = "🏴\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}";
        for flag in [england, scotland, wales] {
            let text = format!("英超{flag}球队");
            assert_eq!(clean(&text), text);
            assert_eq!(clean(&clean(&text)), text);
        }
        // A flag-shaped sequence that is not one, and tags smuggling "hi" after one.
        assert_eq!(
            clean("🏴\u{E0075}\u{E0073}\u{E0074}\u{E0078}\u{E0078}\u{E007F}"),
            "🏴"
        );
        assert_eq!(clean(&format!("{england}\u{E0068}\u{E0069}")), england);
        // Cut short.
        assert_eq!(clean("🏴\u{E0067}\u{E0062}\u{E0065}"), "🏴");
        // The pirate flag is a ZWJ sequence, not a tag one.
        assert_eq!(clean("🏴\u{200D}☠\u{FE0F}"), "🏴\u{200D}☠\u{FE0F}");
    }
}
