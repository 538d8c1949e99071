//! Text hygiene, applied once at load to every title, source, URL, tag and body: nothing that
//! came from the web reaches the terminal except printable text (ARCHITECTURE §2.3).
//!
//! - Escape sequences go whole, payload included: CSI, OSC, DCS, SOS, PM, APC in their 7-bit
//!   (`ESC`-introduced) and 8-bit (U+009B, U+009D, U+0090, U+0098, U+009E, U+009F) forms, and
//!   two-byte `ESC` sequences (see the `escape` submodule).
//! - `\r\n`, a lone `\r`, U+2028 and U+2029 become `\n` (a lone CR is a line break, never an
//!   overwrite); every other C0 and C1 control and DEL is removed.
//! - A tab becomes spaces up to the next tab stop; stops are every [`TAB_STOP`] display
//!   columns (CJK characters count two), counted from the start of the line.
//! - Invisible formatting goes: every default-ignorable and format character that text does
//!   not need, each listed with the reason in [`invisible::DROPPED`] (zero-width spaces, the
//!   BOM, soft hyphen, bidi controls, invisible math operators, Hangul fillers, the Mongolian
//!   vowel separator, interlinear annotation, tag characters, …). Kept only where text needs
//!   them: U+200D (ZWJ) joining two emoji, so `👩‍🔬` stays one grapheme; one variation
//!   selector after a character it varies (`❤️`, an ideographic variant `葛󠄀`); the tag
//!   characters of the England, Scotland and Wales flags. See the `invisible` submodule.

mod escape;
pub(crate) mod invisible;

use unicode_width::UnicodeWidthChar;

/// Tab stops are every this many display columns.
pub(crate) const TAB_STOP: usize = 8;

/// `text` safe to print as it is: every character that is not [`is_plain`] (controls, escape
/// sequences' introducers, invisible formatting) written out as `\u{1b}`, as `ls -b` and
/// Rust's `{:?}` do, so a hostile file name can neither move the cursor nor hide itself.
/// Text with nothing to escape is borrowed.
pub(crate) fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(is_plain) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_plain(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Bytes that may start a character that is not [`is_plain`]: C0 controls and DEL, and the
/// lead bytes of the characters [`invisible`] lists and of U+2028, U+2029 and ZWJ. Text
/// without any is plain whatever else it holds (CJK ideographs never stop it).
const MAY_NOT_BE_PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let leads = [0x7F, 0xC2, 0xCD, 0xD8, 0xE1, 0xE2, 0xE3, 0xEF, 0xF0, 0xF3];
    let mut i = 0;
    while i < leads.len() {
        table[leads[i]] = true;
        i += 1;
    }
    table
};

/// True when every character of `text` [`is_plain`]: at once for printable ASCII (URLs,
/// dates, ids; a scan without early exit, which the compiler vectorises), else on the bytes:
/// only a byte of [`MAY_NOT_BE_PLAIN`] is looked at more closely, with the bytes after it
/// (the UTF-8 of the characters [`invisible::DROPPED`] and [`invisible::is_selector`] name;
/// a proptest checks the answer is [`is_plain`]'s).
pub(crate) fn needs_no_cleaning(text: &str) -> bool {
    let bytes = text.as_bytes();
    let printable_ascii = bytes
        .iter()
        .fold(true, |all, &b| all & (0x20..0x7F).contains(&b));
    printable_ascii
        || !bytes.iter().enumerate().any(|(i, &b)| {
            MAY_NOT_BE_PLAIN[usize::from(b)] && {
                let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
                let (b1, b2, b3) = (at(1), at(2), at(3));
                match b {
                    // U+0080–U+009F, U+00AD.
                    0xC2 => b1 <= 0x9F || b1 == 0xAD,
                    // U+034F.
                    0xCD => b1 == 0x8F,
                    // U+061C.
                    0xD8 => b1 == 0x9C,
                    // U+115F–U+1160, U+17B4–U+17B5, U+180B–U+180F.
                    0xE1 => matches!(
                        (b1, b2),
                        (0x85, 0x9F..=0xA0) | (0x9E, 0xB4..=0xB5) | (0xA0, 0x8B..=0x8F)
                    ),
                    // U+200B–U+200F, U+2028–U+202E, U+2060–U+206F.
                    0xE2 => {
                        matches!((b1, b2), (0x80, 0x8B..=0x8F | 0xA8..=0xAE) | (0x81, 0xA0..=0xAF))
                    }
                    // U+3164.
                    0xE3 => b1 == 0x85 && b2 == 0xA4,
                    // U+FE00–U+FE0F, U+FEFF, U+FFA0, U+FFF0–U+FFFB.
                    0xEF => matches!(
                        (b1, b2),
                        (0xB8, 0x80..=0x8F) | (0xBB, 0xBF) | (0xBE, 0xA0) | (0xBF, 0xB0..=0xBB)
                    ),
                    // U+13430–U+1343F, U+1BCA0–U+1BCA3, U+1D173–U+1D17A.
                    0xF0 => matches!(
                        (b1, b2, b3),
                        (0x93, 0x90, 0xB0..=0xBF)
                            | (0x9B, 0xB2, 0xA0..=0xA3)
                            | (0x9D, 0x85, 0xB3..=0xBA)
                    ),
                    // U+E0000–U+E0FFF: tags, selectors, reserved.
                    0xF3 => b1 == 0xA0,
                    _ => true,
                }
            }
        })
}

/// True when `bytes` (UTF-8) hold a character a terminal acts on: a C0 control (but `\n`
/// when `newlines` are allowed), DEL, or a C1 control (U+0080–U+009F, which some terminals
/// take as CSI, OSC and the like). Text read back from outside the loader's cleaning (the
/// index cache) is checked with this before it is used: output is checked, not trusted.
pub(crate) fn has_terminal_controls(bytes: &[u8], newlines: bool) -> bool {
    let c0_or_del = bytes.iter().fold(false, |any, &b| {
        any | ((b < 0x20 && !(newlines && b == b'\n')) | (b == 0x7F))
    });
    c0_or_del
        || memchr::memchr_iter(0xC2, bytes).any(|i| matches!(bytes.get(i + 1), Some(0x80..=0x9F)))
}

/// True for a character that [`clean`] keeps as it is, whatever surrounds it: not a control
/// (tab and line breaks included), a line or paragraph separator, a joiner, a variation
/// selector or another invisible character of [`invisible::DROPPED`].
pub(crate) fn is_plain(c: char) -> bool {
    !c.is_control()
        && !matches!(c, '\u{200D}' | '\u{2028}' | '\u{2029}')
        && !invisible::is_dropped(c)
        && !invisible::is_selector(c)
}

/// Returns `text` with escape sequences, control characters (but `\n`) and invisible
/// formatting characters removed, tabs expanded and line ends normalised to `\n`.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut column = 0usize;
    let mut input = text.chars().peekable();
    while let Some(c) = input.next() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                column = 0;
            }
            '\r' => {
                input.next_if_eq(&'\n');
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\u{1B}' => escape::skip_after_esc(&mut input),
            '\u{9B}' => escape::skip_csi_body(&mut input),
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => {
                escape::skip_string_body(&mut input)
            }
            '\u{200D}' => {
                let joins_emoji = out.chars().next_back().is_some_and(is_emoji_part)
                    && input.peek().copied().is_some_and(is_emoji_base);
                if joins_emoji {
                    out.push(c);
                }
            }
            c if invisible::is_selector(c) => {
                if invisible::selector_fits(out.chars().next_back(), c) {
                    out.push(c);
                }
            }
            invisible::BLACK_FLAG => {
                out.push(c);
                column += c.width().unwrap_or(0);
                for _ in 0..invisible::flag_tags(input.clone()) {
                    out.extend(input.next());
                }
            }
            c if is_dropped(c) => {}
            c => {
                out.push(c);
                column += c.width().unwrap_or(0);
            }
        }
    }
    out
}

/// Like [`clean`], but for one-line fields (title, source, URL, tag): line breaks become
/// spaces and surrounding whitespace (NBSP and U+3000 included) is trimmed.
pub(crate) fn clean_line(text: &str) -> String {
    clean(text).trim().replace('\n', " ")
}

/// Controls (C0, DEL, C1) and the invisible characters of [`invisible::DROPPED`], which are
/// simply removed.
fn is_dropped(c: char) -> bool {
    c.is_control() || invisible::is_dropped(c)
}

/// Characters that may stand before a ZWJ in an emoji sequence: an emoji base, the emoji
/// variation selector, or the tag that ends a subdivision flag (skin-tone modifiers are in
/// the pictograph block).
fn is_emoji_part(c: char) -> bool {
    is_emoji_base(c) || matches!(c, '\u{FE0F}' | '\u{E007F}')
}

/// Characters that may stand after a ZWJ in an emoji sequence: pictographs, dingbats,
/// arrows and the few other symbols that are emoji. Never a selector or a tag: those only
/// follow a base, so a ZWJ kept before one would be dropped when the text is cleaned again.
fn is_emoji_base(c: char) -> bool {
    matches!(
        c,
        '\u{1F000}'..='\u{1FAFF}'
            | '\u{2190}'..='\u{21FF}'
            | '\u{2300}'..='\u{23FF}'
            | '\u{2600}'..='\u{27BF}'
            | '\u{2B00}'..='\u{2BFF}'
            | '\u{A9}'
            | '\u{AE}'
            | '\u{203C}'
            | '\u{2049}'
            | '\u{2122}'
            | '\u{2139}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn is_c1_or_del(c: char) -> bool {
        ('\u{7f}'..='\u{9f}').contains(&c)
    }

    proptest! {
        #[test]
        fn terminal_controls_are_found_as_char_by_char(text in "[a\\n\\x00-\\x1f\\x7f-\\u{a0}中]{0,12}") {
            for newlines in [false, true] {
                let slow = text.chars().any(|c| c.is_control() && !(newlines && c == '\n'));
                prop_assert_eq!(has_terminal_controls(text.as_bytes(), newlines), slow);
            }
        }
    }

    #[test]
    fn escapes_go_with_their_payload() {
        // The hard cases the project started from: escapes.
        assert_eq!(clean("新闻\x1b]52;c;ZXZpbA==\x07正文"), "新闻正文");
        assert_eq!(clean("清屏\x1b[2J\x1b[31m红色\x1b[0m"), "清屏红色");
        assert_eq!(clean("x\u{9b}31my"), "xy");
        assert_eq!(clean("\x1bP1$r…\x1b\\"), "");
        assert_eq!(clean("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\"), "link");
    }

    #[test]
    fn eight_bit_string_controls_and_st() {
        assert_eq!(clean("a\u{9d}0;title\u{9c}b"), "ab");
        assert_eq!(clean("a\u{90}dcs\u{9c}b\u{98}sos\u{7}c"), "abc");
        assert_eq!(clean("a\u{9e}pm\u{9c}b\u{9f}apc\u{9c}c"), "abc");
        assert_eq!(clean("a\u{9c}b\u{85}c"), "abc");
        assert_eq!(clean("a\x1b_apc\x1b\\b\x1b^pm\x07c\x1bXsos\x1b\\d"), "abcd");
    }

    #[test]
    fn two_byte_escapes_and_lone_esc() {
        assert_eq!(clean("a\x1b7b\x1b8c\x1b(Bd\x1bce"), "abcde");
        assert_eq!(clean("a\x1b"), "a");
        assert_eq!(clean("a\x1b中"), "a中");
    }

    #[test]
    fn unterminated_string_stops_at_the_line_break() {
        assert_eq!(clean("head\x1b]0;no end\nbody"), "head\nbody");
    }

    #[test]
    fn zero_width_and_invisible_characters() {
        // Zero-width characters.
        assert_eq!(
            clean("\u{FEFF}开头\u{200B}零宽\u{200D}连接"),
            "开头零宽连接"
        );
        assert_eq!(clean("super\u{AD}cali"), "supercali");
        assert_eq!(clean("a\u{200C}b\u{2060}c"), "abc");
    }

    #[test]
    fn zwj_inside_emoji_sequences_stays() {
        assert_eq!(clean("👩\u{200D}🔬科学"), "👩\u{200D}🔬科学");
        assert_eq!(clean("❤\u{FE0F}\u{200D}🔥"), "❤\u{FE0F}\u{200D}🔥");
        assert_eq!(clean("👩\u{200D}中"), "👩中");
        assert_eq!(clean("\u{200D}👩"), "👩");
    }

    #[test]
    fn carriage_returns_are_line_breaks() {
        // Carriage returns.
        assert_eq!(clean("abc\rXY"), "abc\nXY");
        assert_eq!(clean("a\r\nb"), "a\nb");
        assert_eq!(clean("a\r\r\nb"), "a\n\nb");
        assert_eq!(clean("a\u{2028}b\u{2029}c"), "a\nb\nc");
    }

    #[test]
    fn bidi_controls_go() {
        // Bidi controls.
        assert_eq!(clean("abc\u{202E}def"), "abcdef");
        assert_eq!(
            clean(
                "\u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{2066}\u{2067}\u{2068}\u{2069}\u{61C}x"
            ),
            "x"
        );
    }

    #[test]
    fn tabs_expand_to_display_column_stops() {
        // Tabs: expanded, not dropped.
        assert_eq!(clean("ab\tcd\t中文"), "ab      cd      中文");
        assert_eq!(clean("中文\tx"), "中文    x");
        assert_eq!(clean("\t"), "        ");
        assert_eq!(clean("12345678\tx\n\ty"), "12345678        x\n        y");
    }

    #[test]
    fn other_controls_go_and_text_stays() {
        assert_eq!(clean("a\u{0}b\u{7}c\u{8}d\u{7f}e\u{1a}f"), "abcdef");
        let text = "中文\u{A0}空格\u{3000}全角 e\u{301} か\u{3099} 👍🏽";
        assert_eq!(clean(text), text);
    }

    #[test]
    fn clean_line_joins_lines_and_trims() {
        assert_eq!(clean_line("  标题\r\n第二行\u{3000}"), "标题 第二行");
        // The NBSP takes a column before it is trimmed, so the tab reaches column 8.
        assert_eq!(clean_line("\u{A0}a\tb"), "a      b");
    }

    proptest! {
        #[test]
        fn output_never_holds_a_control(s in any::<String>()) {
            let out = clean(&s);
            for c in out.chars() {
                prop_assert!(c == '\n' || c >= ' ', "{:?} in {:?}", c, out);
                prop_assert!(!('\u{7f}'..='\u{9f}').contains(&c), "{:?} in {:?}", c, out);
            }
            let line = clean_line(&s);
            prop_assert!(line.chars().all(|c| c >= ' ' && !is_c1_or_del(c)), "{:?}", line);
        }

        #[test]
        fn escape_heavy_input_leaves_no_control(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("\x1b".to_string()), Just("\x1b[".to_string()), Just("\x1b]".to_string()),
                    Just("\u{9b}".to_string()), Just("\u{9d}".to_string()), Just("\x07".to_string()),
                    Just("\x1b\\".to_string()), Just("\r".to_string()), Just("\t".to_string()),
                    Just("\u{200d}".to_string()), "[ -~]{0,3}", "[中文👩]{0,2}",
                    Just("\u{fe0f}".to_string()), Just("\u{e0100}".to_string()),
                    Just("\u{180b}".to_string()), Just("🏴".to_string()),
                    Just("\u{e0067}\u{e0062}".to_string()), "[\u{e0060}-\u{e007f}]{0,4}",
                    "[葛\u{1822}\u{3164}\u{2062}]",
                ],
                0..40,
            )
        ) {
            let s: String = parts.concat();
            let out = clean(&s);
            prop_assert!(out.chars().all(|c| c == '\n' || (c >= ' ' && !is_c1_or_del(c))), "{:?}", out);
            prop_assert_eq!(clean(&out), out.clone(), "clean is idempotent");
        }
    }

    #[test]
    fn visible_escapes_what_could_reach_the_terminal() {
        assert!(matches!(
            visible("新闻/2019.txt"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            visible("a\u{1b}]52;c;QQ==\u{7}b\u{1b}[2J\u{9b}\u{202e}\n"),
            "a\\u{1b}]52;c;QQ==\\u{7}b\\u{1b}[2J\\u{9b}\\u{202e}\\u{a}"
        );
    }

    #[test]
    fn needs_no_cleaning_answers_as_is_plain_for_every_character() {
        let mut text = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            text.clear();
            text.push('中');
            text.push(c);
            assert_eq!(
                needs_no_cleaning(&text),
                is_plain(c),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    proptest! {
        /// The byte-table shortcut answers as the char-by-char test does, for any text.
        #[test]
        fn needs_no_cleaning_is_all_plain(
            text in "\\PC*|[\\x00-\\x{2100}\\x{3000}\\x{feff}]{0,20}|[a中，。\\x{ad}\\x{34f}\\x{61c}\\x{1100}-\\x{1200}\\x{17b0}-\\x{17b6}\\x{1800}-\\x{1830}\\x{2000}-\\x{2070}\\x{3000}-\\x{3170}\\x{fdf0}-\\x{ffff}\\x{13420}-\\x{13440}\\x{1bc9f}-\\x{1bca4}\\x{1d170}-\\x{1d17b}\\x{1f3f4}\\x{e0000}-\\x{e0200}\\x{e0fff}-\\x{e1000}]{0,20}"
        ) {
            prop_assert_eq!(needs_no_cleaning(&text), text.chars().all(is_plain));
        }
    }
}
