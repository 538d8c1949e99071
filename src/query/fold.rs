//! Folding, char for char: full-width ASCII forms (`ＶＩＰ`, `２０１２`, `！`) become their
//! ASCII twins, letters become lower case, and every Han char becomes the representative of
//! its 繁简 class (國 → 国, 臺 → 台, 裡 and 裏 → 里, 著 → 着), so that simplified and
//! traditional text match each other. Query and text are folded alike, so a class that joins
//! chars of different use (著 and 着) never loses a match: 著名 in a query folds as 著名 in
//! the text does. A folded text has exactly as many chars as the original, so match positions
//! in it are positions in the original and highlights land on the original chars.
//!
//! The classes come from OpenCC's character tables (Apache-2.0), vendored in `fold/data/`
//! with their origin; `fold/generate.py` joins them into classes and writes `fold/table.rs`.
//! Folding runs on every title a search reaches and on every body an index reads, so the Han
//! chars of U+3400–U+9FFF (nearly all of any Chinese text) are one look-up in a table made
//! at compile time, and the few others a binary search.

mod table;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::OnceLock;

/// The first char of the dense Han table (CJK Extension A).
const HAN_FIRST: u32 = 0x3400;
/// How many chars the dense Han table covers: U+3400–U+9FFF (Extension A, the unified
/// ideographs).
const HAN_LEN: usize = 0xA000 - HAN_FIRST as usize;

/// The representative of each char of U+3400–U+9FFF (the char itself when alone in its
/// class), as a 16-bit code: the generator keeps these representatives in the BMP.
static HAN: [u16; HAN_LEN] = han_table();

/// Builds [`HAN`] from the generated pairs, at compile time.
const fn han_table() -> [u16; HAN_LEN] {
    let mut out = [0u16; HAN_LEN];
    let mut i = 0;
    while i < HAN_LEN {
        out[i] = (HAN_FIRST + i as u32) as u16;
        i += 1;
    }
    let mut k = 0;
    while k < table::DENSE.len() {
        let (c, rep) = table::DENSE[k];
        assert!(c as u32 >= HAN_FIRST && (c as u32 - HAN_FIRST) < HAN_LEN as u32);
        assert!((rep as u32) < 0x1_0000 && rep as u32 != 0);
        out[(c as u32 - HAN_FIRST) as usize] = rep as u32 as u16;
        k += 1;
    }
    out
}

/// Folds one char: ASCII to lower case; a Han char to its 繁简 class's representative;
/// full-width ASCII forms (U+FF01–U+FF5E) to ASCII, lower case; other letters to lower case
/// when the lower case is a single char; anything else is kept.
#[inline]
pub(crate) fn fold_char(c: char) -> char {
    let code = c as u32;
    if code < 0x80 {
        return c.to_ascii_lowercase();
    }
    if let Some(&rep) = HAN.get(code.wrapping_sub(HAN_FIRST) as usize) {
        return char::from_u32(u32::from(rep)).unwrap_or(c);
    }
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from((code - 0xFEE0) as u8).to_ascii_lowercase(),
        // CJK radicals, punctuation and kana, and Hangul syllables have no case and no 繁简
        // class: skip the case table look-up.
        '\u{2E80}'..='\u{33FF}' | '\u{AC00}'..='\u{D7A3}' => c,
        // Compatibility ideographs and the Han extensions beyond the BMP.
        '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}' => sparse(c),
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// The representative of a Han char outside U+3400–U+9FFF (itself when alone in its class).
fn sparse(c: char) -> char {
    match table::SPARSE.binary_search_by_key(&c, |&(from, _)| from) {
        Ok(at) => table::SPARSE[at].1,
        Err(_) => c,
    }
}

/// Folds a whole text with [`fold_char`]; the result has the same number of chars.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::new();
    fold_into(text, &mut out);
    out
}

/// Appends the folded `text` to `out` (for building flat arrays without a temporary). Runs
/// of chars that fold to themselves are copied whole: a search folds titles as it reaches
/// them, and most of a simplified Chinese title is such a run. ASCII and the three-byte
/// sequences of U+3000–U+9FFF (most Chinese text) are read from the bytes, not decoded as
/// chars: folding traditional text, where half the chars change, takes half the time so.
pub(crate) fn fold_into(text: &str, out: &mut String) {
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let (len, folded) = match lead {
            b'A'..=b'Z' => (1, Some(char::from(lead.to_ascii_lowercase()))),
            ..0x80 => (1, None),
            0xE3..=0xE9 => {
                // Valid UTF-8: two continuation bytes follow a three-byte lead.
                let code = u32::from(lead & 0x0F) << 12
                    | u32::from(bytes[at + 1] & 0x3F) << 6
                    | u32::from(bytes[at + 2] & 0x3F);
                let rep = HAN.get(code.wrapping_sub(HAN_FIRST) as usize);
                (
                    3,
                    rep.filter(|&&rep| u32::from(rep) != code)
                        .and_then(|&rep| char::from_u32(rep.into())),
                )
            }
            _ => {
                let c = text[at..].chars().next().unwrap_or_default();
                let folded = fold_char(c);
                (c.len_utf8(), (folded != c).then_some(folded))
            }
        };
        if let Some(folded) = folded {
            out.push_str(&text[run..at]);
            out.push(folded);
            run = at + len;
        }
        at += len;
    }
    out.push_str(&text[run..]);
}

/// Every char that folds to the same Han char as `c` does: its class's representative
/// first, then the other members ascending (just `c` folded, for a char alone in its class).
/// Pinyin readings are read from the whole class, so that 乾 (qian) still reads qian when it
/// folds to 干 (gan).
pub(crate) fn class_of(c: char) -> impl Iterator<Item = char> {
    let rep = fold_char(c);
    let members = members().get(&rep).map_or(&[][..], Vec::as_slice);
    std::iter::once(rep).chain(members.iter().copied())
}

/// The chars that fold to each representative, other than itself, ascending: made once.
fn members() -> &'static HashMap<char, Vec<char>> {
    static MEMBERS: OnceLock<HashMap<char, Vec<char>>> = OnceLock::new();
    MEMBERS.get_or_init(|| {
        let mut by_rep: HashMap<char, Vec<char>> = HashMap::new();
        for &(c, rep) in table::DENSE.iter().chain(&table::SPARSE) {
            by_rep.entry(rep).or_default().push(c);
        }
        for members in by_rep.values_mut() {
            members.sort_unstable();
        }
        by_rep
    })
}
