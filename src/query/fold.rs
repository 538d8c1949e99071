//! Case and width folding, char for char: full-width ASCII forms (`ＶＩＰ`, `２０１２`, `！`)
//! become their ASCII twins and letters become lower case, so that a folded text has exactly
//! as many chars as the original and match positions in it are positions in the original.

/// Folds one char: full-width ASCII forms (U+FF01–U+FF5E) to ASCII, then to lower case when
/// the lower case is a single char; anything else is kept.
pub(super) fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // CJK radicals to ideographs, kana and Hangul syllables have no case: skip the table
    // look-up that most chars of a Chinese title would otherwise cost.
    if matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}') {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Folds a whole text with [`fold_char`]; the result has the same number of chars.
pub(super) fn fold(text: &str) -> String {
    let mut out = String::new();
    fold_into(text, &mut out);
    out
}

/// Appends the folded `text` to `out` (for building flat arrays without a temporary). Runs
/// of chars that fold to themselves are copied whole: a search folds titles as it reaches
/// them, and most of a Chinese title is such a run.
pub(super) fn fold_into(text: &str, out: &mut String) {
    out.reserve(text.len());
    let mut run = 0;
    for (at, c) in text.char_indices() {
        let folded = fold_char(c);
        if folded != c {
            out.push_str(&text[run..at]);
            out.push(folded);
            run = at + c.len_utf8();
        }
    }
    out.push_str(&text[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_blocks_are_kept_as_they_are() {
        for c in [
            '\u{2E80}', '\u{3042}', '\u{4E00}', '长', '\u{9FFF}', '\u{AC00}', '\u{D7A3}',
        ] {
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c}");
            assert_eq!(fold_char(c), c);
        }
        // The blocks' edges hold no cased letter either.
        for code in (0x2E80..=0x9FFF).chain(0xAC00..=0xD7A3) {
            let c = char::from_u32(code).unwrap();
            assert!(!c.is_uppercase() && c.to_lowercase().eq([c]), "{code:X}");
        }
    }

    #[test]
    fn folds_full_width_and_case_char_for_char() {
        let cases = [
            ("ＶＩＰ", "vip"),
            ("２０１２年", "2012年"),
            ("NBA季后赛", "nba季后赛"),
            ("Ｈｅｌｌｏ，世界！", "hello,世界!"),
            ("ÀÉ", "àé"),
            ("长春日报", "长春日报"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "input {input:?}");
            assert_eq!(fold(input).chars().count(), input.chars().count());
        }
    }

    #[test]
    fn keeps_chars_whose_lower_case_is_longer() {
        // U+0130 lower-cases to two chars; keeping it keeps positions aligned.
        assert_eq!(fold_char('\u{130}'), '\u{130}');
        let mut s = String::from("x");
        fold_into("ＡＢ", &mut s);
        assert_eq!(s, "xab");
    }
}
