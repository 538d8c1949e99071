//! How much a stretch of GBK/GB18030 bytes reads like Chinese news text when decoding starts
//! at a given byte. GBK characters are two bytes, so the same bytes read one byte off give a
//! different, equally decodable text: mojibake such as `；泼鳎合衷谖倚`. What tells the two
//! readings apart is which characters come out. [`super::lost_breaks`] compares the score
//! of two alignments of the same bytes.
//!
//! Each character scores by its class, about twice the natural logarithm of how much more
//! often the class occurs in news text read right than read one byte off (measured on
//! SogouCS news encoded in GBK): the thousand commonest hanzi and ordinary punctuation count
//! for the reading, rare hanzi and GBK's extension and private rows count against it.

use super::common;

/// One of the thousand commonest hanzi ([`common`]): 74 % of aligned text, 13 % of shifted.
const COMMON_HANZI: i32 = 3;
/// Rows 0xA1 and 0xA3: Chinese punctuation and full-width ASCII (15 % against 5 %).
const PUNCTUATION: i32 = 2;
/// Other GB2312 symbol rows (numbered marks, kana, Greek, Cyrillic, pinyin, box drawing) and
/// four-byte GB18030 characters: rare either way.
const OTHER_SYMBOL: i32 = 0;
/// A level-1 hanzi outside the commonest thousand (10 % against 32 %).
const LEVEL_1_HANZI: i32 = -2;
/// A level-2 (rare) hanzi (0.2 % against 24 %).
const LEVEL_2_HANZI: i32 = -8;
/// A GBK extension or private-use character, or bytes that do not decode (1 % against 25 %).
const UNUSUAL: i32 = -6;

/// The score of `bytes[start..end]` read as GBK/GB18030 from `start`, up to the first ASCII
/// byte (where every reading is back in step). A lead byte followed by `?` ends the stretch
/// at no cost: in damaged files `?` often stands for a lost trail byte.
pub(super) fn score(bytes: &[u8], start: usize, end: usize) -> i32 {
    stretch(bytes, start, end).0
}

/// The score of the whole of `bytes` read as GB18030: every stretch of non-ASCII bytes
/// scored as [`score`] does, summed. Above zero for Chinese text in GBK or GB18030; at or
/// below zero for other bytes decoded as GB18030, such as UTF-8 or Big5 Chinese read one byte
/// off or Latin-1 letters: mojibake of rare hanzi and extension characters.
pub(super) fn score_all(bytes: &[u8]) -> i64 {
    let mut total = 0i64;
    let mut i = 0;
    while let Some(skip) = bytes[i..].iter().position(|b| !b.is_ascii()) {
        let (points, stopped) = stretch(bytes, i + skip, bytes.len());
        total += i64::from(points);
        // A stretch that ended on a byte it could not read goes on after that byte.
        i = stopped.max(i + skip + 1);
    }
    total
}

/// [`score`], and the index where the stretch stopped: at its first ASCII byte, or at the
/// lead byte that a `?`, a byte that is no trail or the end left unread.
fn stretch(bytes: &[u8], start: usize, end: usize) -> (i32, usize) {
    let end = end.min(bytes.len());
    let mut total = 0;
    let mut i = start;
    while i < end {
        let lead = bytes[i];
        if lead.is_ascii() {
            break;
        }
        if lead == 0x80 || lead == 0xFF {
            total += UNUSUAL;
            i += 1;
            continue;
        }
        match bytes.get(i + 1).copied() {
            Some(b'0'..=b'9') => {
                total += OTHER_SYMBOL;
                i += 4;
            }
            Some(b'?') => break,
            Some(trail @ (0x40..=0x7E | 0x80..=0xFE)) => {
                total += character(lead, trail);
                i += 2;
            }
            _ => {
                total += UNUSUAL;
                break;
            }
        }
    }
    (total, i.min(end))
}

/// The score of one two-byte character.
fn character(lead: u8, trail: u8) -> i32 {
    if trail < 0xA1 {
        return UNUSUAL;
    }
    if common::is_common(lead, trail) {
        return COMMON_HANZI;
    }
    match lead {
        0xA1 | 0xA3 => PUNCTUATION,
        0xA2 | 0xA4..=0xA9 => OTHER_SYMBOL,
        0xB0..=0xD7 => LEVEL_1_HANZI,
        0xD8..=0xF7 => LEVEL_2_HANZI,
        _ => UNUSUAL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GB18030;

    fn gbk(text: &str) -> Vec<u8> {
        GB18030.encode(text).0.into_owned()
    }

    #[test]
    fn classes_of_characters() {
        let bytes = gbk("的，Ａ①孀蚀");
        assert_eq!(score(&bytes, 0, 2), COMMON_HANZI);
        assert_eq!(score(&bytes, 2, 6), 2 * PUNCTUATION);
        assert_eq!(score(&bytes, 6, 8), OTHER_SYMBOL);
        assert_eq!(score(&bytes, 8, 10), LEVEL_2_HANZI);
        assert_eq!(score(&bytes, 10, 12), LEVEL_1_HANZI);
        assert_eq!(score(&gbk("丂"), 0, 2), UNUSUAL);
    }

    #[test]
    fn text_read_right_outscores_text_read_one_byte_off() {
        let bytes = gbk("现在我宣布，全国缉枪制爆统一销毁行动开始！");
        let aligned = score(&bytes, 0, 32);
        let shifted = score(&bytes, 1, 33);
        assert_eq!((aligned, shifted), (32, -56));
    }

    #[test]
    fn whole_files_score_above_zero_only_when_they_read_as_chinese() {
        let news = "（记者 王小明）9月5日，中共长春市委人大工作会议召开。\n全市各级人大要主动适应人民群众新期待。";
        assert!(score_all(&gbk(news)) > 0);
        // The same text in UTF-8, whole or with a byte lost.
        assert!(score_all(news.as_bytes()) < 0);
        let mut utf8 = news.as_bytes().to_vec();
        utf8.remove(30);
        assert!(score_all(&utf8) < 0, "{}", score_all(&utf8));
        // Latin-1 and Big5.
        assert!(score_all(b"Z\xFCrich, na\xEFve caf\xE9s") <= 0);
        let big5 = encoding_rs::BIG5.encode(news).0;
        assert!(score_all(&big5) < 0, "{}", score_all(&big5));
        assert_eq!(score_all(b"plain ASCII"), 0);
        assert_eq!(score_all(b""), 0);
    }

    #[test]
    fn a_stretch_ends_at_ascii_and_at_a_lost_trail() {
        let bytes = gbk("中国a中国");
        assert_eq!(score(&bytes, 0, 99), 2 * COMMON_HANZI);
        assert_eq!(score(b"\xD6\xD0\xB9?\xD6\xD0", 0, 99), COMMON_HANZI);
        assert_eq!(score(b"\xD6\xD0\xB9a", 0, 99), COMMON_HANZI + UNUSUAL);
        assert_eq!(score(b"\xD6\xD0\xB9", 0, 99), COMMON_HANZI + UNUSUAL);
        assert_eq!(score(b"\xFF\xD6\xD0", 0, 99), UNUSUAL + COMMON_HANZI);
    }
}
