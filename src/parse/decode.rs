//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, and GB18030 (a superset of
//! GBK and GB2312), which many Chinese sites and corpora still use. Says which lines held
//! bytes that had to be replaced with U+FFFD: each undecodable byte costs one replacement
//! and decoding goes on in step from the next byte (encoding_rs resynchronises). GB18030 text
//! that lost paragraph breaks to `?` gets them back ([`lost_breaks`]); text without the
//! telltale `?` 0xA3 is decoded by encoding_rs alone.

mod common;
mod evidence;
mod lost_breaks;

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_8};

/// Text decoded from a file's bytes.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The text, without any byte-order mark.
    pub(crate) text: Cow<'a, str>,
    /// The encoding it was read in, e.g. `UTF-8` or `gb18030`.
    pub(crate) encoding: &'static str,
    /// 1-based numbers of the lines where undecodable bytes became U+FFFD, in order.
    pub(crate) bad_lines: Vec<usize>,
    /// Set when the encoding is a guess the text does not bear out: the file is not UTF-8 and
    /// read as GB18030 it does not read like Chinese ([`evidence::score_all`]), so it may
    /// be in another encoding (Big5, Latin-1) and shown as mojibake. The loader reports it as
    /// a problem of the whole file.
    pub(crate) doubt: Option<&'static str>,
}

/// What [`Decoded::doubt`] says.
pub(crate) const DOUBTFUL_GB18030: &str = "not UTF-8, and read as GB18030 it does not look like \
     Chinese text: the file may be in another encoding (juan reads UTF-8, UTF-16 with a \
     byte-order mark, and GB18030/GBK)";

/// Decodes `bytes`: a BOM decides when there is one; otherwise valid UTF-8 is UTF-8, and text
/// that is not is read as GB18030 unless it is [`mostly_utf8`] (then it is UTF-8 with some
/// broken lines, reported). A GB18030 reading that does not look like Chinese is kept, with
/// [`Decoded::doubt`] set.
pub(crate) fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return with_encoding(encoding, &bytes[bom_len..]);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8.name(),
            bad_lines: Vec::new(),
            doubt: None,
        };
    }
    let gb18030_score = evidence::score_all(bytes);
    if mostly_utf8_given(bytes, gb18030_score) {
        with_encoding(UTF_8, bytes)
    } else {
        let mut decoded = with_encoding(GB18030, bytes);
        if gb18030_score <= 0 {
            decoded.doubt = Some(DOUBTFUL_GB18030);
        }
        decoded
    }
}

/// Decodes in one encoding, noting the lines where bytes were replaced.
fn with_encoding<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> Decoded<'a> {
    if encoding == GB18030 && lost_breaks::may_hold(bytes) {
        return lost_breaks::decode(bytes);
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let bad_lines = if had_errors {
        lines_with_replacements(bytes, encoding)
    } else {
        Vec::new()
    };
    Decoded {
        text,
        encoding: encoding.name(),
        bad_lines,
        doubt: None,
    }
}

/// Lines (split at `\n`) that do not decode cleanly on their own. Exact for UTF-8 and
/// GB18030, whose multi-byte sequences never contain the byte `\n`.
fn lines_with_replacements(bytes: &[u8], encoding: &'static Encoding) -> Vec<usize> {
    if encoding != UTF_8 && encoding != GB18030 {
        return vec![1];
    }
    bytes
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, line)| {
            encoding
                .decode_without_bom_handling_and_without_replacement(line)
                .is_none()
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// True when `bytes` (not all valid UTF-8) are UTF-8 with some damage rather than another
/// encoding: at least as many non-ASCII lines are valid UTF-8 as are not; or, for a file too
/// small for lines to tell (one damaged line of two, or of one), read as GB18030 it does not
/// look like Chinese while at least half of its non-ASCII bytes make UTF-8 characters. (GBK
/// text puts about a third of its bytes into accidental UTF-8 characters; UTF-8 text with a
/// lost byte reads as GB18030 without an error, as mojibake of rare characters.)
pub(crate) fn mostly_utf8(bytes: &[u8]) -> bool {
    mostly_utf8_given(bytes, evidence::score_all(bytes))
}

/// [`mostly_utf8`] with the GB18030 reading's score already known.
fn mostly_utf8_given(bytes: &[u8], gb18030_score: i64) -> bool {
    most_lines_utf8(bytes) || (gb18030_score <= 0 && most_bytes_utf8(bytes))
}

/// True when at least half of the non-ASCII bytes are in well-formed UTF-8 characters.
fn most_bytes_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().len() - chunk.valid().bytes().filter(u8::is_ascii).count();
        bad += chunk.invalid().len();
    }
    good >= bad
}

/// True when at least as many non-ASCII lines are valid UTF-8 as are not.
fn most_lines_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for line in bytes.split(|b| *b == b'\n') {
        if line.is_ascii() {
            continue;
        }
        if std::str::from_utf8(line).is_ok() {
            valid += 1;
        } else {
            invalid += 1;
        }
    }
    valid >= invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("标题\r\n正文".as_bytes());
        assert!(matches!(d.text, Cow::Borrowed("标题\r\n正文")));
        assert_eq!(d.encoding, "UTF-8");
        let d = decode(b"\xEF\xBB\xBF\xE6\xA0\x87");
        assert_eq!((d.text.as_ref(), d.bad_lines.len()), ("标", 0));
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = GB18030.encode("中共长春市委人大工作会议召开\n长春日报");
        let d = decode(&bytes);
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.text, "中共长春市委人大工作会议召开\n长春日报");
        assert!(d.bad_lines.is_empty());
    }

    #[test]
    fn gb18030_with_a_broken_byte_notes_its_line() {
        let (bytes, _, _) = GB18030.encode("第一行\n第二行\n");
        let mut bytes = bytes.into_owned();
        bytes.insert(8, 0xFF); // inside the second line
        let d = decode(&bytes);
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.bad_lines, [2]);
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn an_undecodable_gb18030_byte_costs_one_replacement() {
        let (bytes, _, _) = GB18030.encode("全国缉枪制爆统一销毁行动");
        let cases: [(usize, &[u8], &str); 4] = [
            // A byte that is never a lead, between two characters.
            (4, b"\xFF", "全国\u{FFFD}缉枪制爆统一销毁行动"),
            // A lead byte before a byte that cannot follow it (a space): the space stays.
            (4, b"\xB9 ", "全国\u{FFFD} 缉枪制爆统一销毁行动"),
            // A four-byte sequence cut short after its second byte: the digit stays.
            (4, b"\x81\x30", "全国\u{FFFD}0缉枪制爆统一销毁行动"),
            // A lead byte with nothing after it.
            (24, b"\xB9", "全国缉枪制爆统一销毁行动\u{FFFD}"),
        ];
        for (at, insert, want) in cases {
            let mut damaged = bytes.to_vec();
            damaged.splice(at..at, insert.iter().copied());
            let d = decode(&damaged);
            assert_eq!((d.text.as_ref(), d.bad_lines.as_slice()), (want, &[1][..]));
        }
    }

    #[test]
    fn utf8_with_one_broken_line() {
        let bytes = b"\xE4\xB8\xAD ok\n\xFF\xFE bad\n\xE6\x96\x87 ok\n";
        let d = decode(bytes);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.bad_lines, [2]);
    }

    #[test]
    fn a_small_utf8_file_with_a_lost_byte_is_utf8_with_its_line_reported() {
        // Issue 11, row 14: one damaged line of one, which GB18030 decodes without an error
        // (as `闀挎槬鏃ユ姤...`), was read as GB18030 and reported nothing.
        let record = "{\"title\":\"长春日报记者报道全市工作会议召开\"}\n";
        let mut bytes = record.as_bytes().to_vec();
        bytes.remove(13);
        assert!(
            GB18030
                .decode_without_bom_handling_and_without_replacement(&bytes)
                .is_some()
        );
        let d = decode(&bytes);
        assert_eq!(
            (d.encoding, d.bad_lines.as_slice(), d.doubt),
            ("UTF-8", &[1][..], None)
        );
        assert_eq!(
            d.text,
            "{\"title\":\"长\u{FFFD}\u{FFFD}日报记者报道全市工作会议召开\"}\n"
        );
        // Two lines, one damaged: as before, the lines decide.
        let two = [record.as_bytes(), &bytes].concat();
        assert_eq!(decode(&two).bad_lines, [2]);
    }

    #[test]
    fn gb18030_that_does_not_read_as_chinese_is_doubted() {
        // Latin-1: `ür` is a valid GB18030 pair, so nothing is replaced.
        let d = decode(b"Z\xFCrich\n");
        assert_eq!((d.encoding, d.bad_lines.len()), ("gb18030", 0));
        assert_eq!(d.doubt, Some(DOUBTFUL_GB18030));
        // Big5 news.
        let big5 = encoding_rs::BIG5
            .encode("長春日報記者報導：全市人大工作會議召開")
            .0;
        let d = decode(&big5);
        assert_eq!((d.encoding, d.doubt), ("gb18030", Some(DOUBTFUL_GB18030)));
        // GBK news is not doubted, nor is the Sogou fixture.
        let (gbk, _, _) = GB18030.encode("中共长春市委人大工作会议召开");
        assert_eq!(decode(&gbk).doubt, None);
        let sogou = include_bytes!("../../tests/fixtures/gb18030/sogou-tensite-9.dat");
        let d = decode(sogou);
        assert_eq!((d.encoding, d.doubt), ("gb18030", None));
    }

    #[test]
    fn utf16_by_its_bom() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("中a".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(&bytes);
        assert_eq!((d.text.as_ref(), d.encoding), ("中a", "UTF-16LE"));
    }
}
