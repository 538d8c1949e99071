//! A saved page's bytes to text. Pages say their own charset, but archives do not always keep
//! what they say: a scraper that decoded a GBK page and wrote it out as UTF-8 keeps the
//! `<meta charset=gb2312>`, and so does a browser's "save page". So the bytes decide first:
//!
//! 1. a byte-order mark;
//! 2. bytes that are valid UTF-8 are UTF-8, whatever the page declares (a GBK or Big5 page is
//!    never valid UTF-8 past a few characters);
//! 3. the charset a `<meta charset>` or `<meta http-equiv content="…; charset=…">` in the first
//!    [`PRESCAN_BYTES`] declares (an encoding_rs label, so `gb2312` reads as GBK), unless it
//!    fails to decode and the bytes are mostly well-formed UTF-8 (a few broken sequences);
//! 4. else UTF-8 if it mostly is, or a guess by `chardetng` (Firefox's detector: GBK, Big5,
//!    Shift_JIS …).

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How far into the page a `<meta>` charset is looked for.
pub(super) const PRESCAN_BYTES: usize = 16 * 1024;

/// A page's text and how it was read.
#[derive(Debug)]
pub(super) struct Decoded<'a> {
    /// The text, without any byte-order mark.
    pub(crate) text: Cow<'a, str>,
    /// The encoding it was read in.
    pub(crate) encoding: &'static Encoding,
    /// True when some bytes did not decode and became U+FFFD.
    pub(crate) had_errors: bool,
}

/// Decodes a page's bytes (see the module doc for the order of evidence).
pub(super) fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return with(encoding, &bytes[bom_len..]);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8,
            had_errors: false,
        };
    }
    if let Some(declared) = declared(bytes) {
        let decoded = with(declared, bytes);
        if !decoded.had_errors {
            return decoded;
        }
        // A page re-saved in another encoding than it declares: UTF-8 with a few damaged
        // places; or, when it claims UTF-8 and is not, what detection finds. A legacy
        // declaration with a few bad bytes is damage, and stands.
        if mostly_utf8(bytes) {
            return with(UTF_8, bytes);
        }
        return if declared == UTF_8 {
            with(guess(bytes), bytes)
        } else {
            decoded
        };
    }
    if mostly_utf8(bytes) {
        return with(UTF_8, bytes);
    }
    with(guess(bytes), bytes)
}

/// True when the bytes hold at least ten well-formed UTF-8 characters beyond ASCII for each
/// malformed sequence: UTF-8 with a few damaged places (text in GBK or Big5 read as UTF-8 is
/// almost all malformed).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good >= 10 * bad.max(1)
}

/// Decodes all of `bytes` in `encoding`, replacing what does not decode.
fn with<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> Decoded<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding,
        had_errors,
    }
}

/// chardetng's guess for the whole of `bytes` (known not to be UTF-8).
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Deny)
}

/// The encoding the first `<meta>` with a known charset label declares, within
/// [`PRESCAN_BYTES`]. As in browsers, a UTF-16 label in an ASCII-compatible page means UTF-8
/// and `x-user-defined` means windows-1252.
pub(super) fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut at = 0;
    while let Some(found) = find_ignore_case(&head[at..], b"<meta") {
        let start = at + found + b"<meta".len();
        let end = memchr::memchr(b'>', &head[start..]).map_or(head.len(), |e| start + e);
        if let Some(encoding) = charset_in(&head[start..end]) {
            return Some(match encoding {
                e if e == UTF_16BE || e == UTF_16LE => UTF_8,
                e if e == X_USER_DEFINED => WINDOWS_1252,
                e => e,
            });
        }
        at = end;
    }
    None
}

/// The encoding named by `charset=LABEL` (quoted or not) inside one tag's attributes.
fn charset_in(tag: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    while let Some(found) = find_ignore_case(&tag[at..], b"charset") {
        let mut i = at + found + b"charset".len();
        at = i;
        while tag.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if tag.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while tag
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let len = tag[i..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(b)))
            .unwrap_or(tag.len() - i);
        if let Some(encoding) = Encoding::for_label(&tag[i..i + len]) {
            return Some(encoding);
        }
    }
    None
}

/// Where `needle` (ASCII, lower case) first occurs in `hay`, ignoring ASCII case.
fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GBK};

    const ARTICLE: &str = "国务院新闻办公室今天上午举行新闻发布会，介绍今年前三季度国民经济运行情况。\
        国家统计局新闻发言人表示，经济运行总体平稳，就业形势保持稳定，居民消费价格温和上涨。";

    fn page(meta: &str) -> String {
        format!("<html><head>{meta}<title>新闻</title></head><body><p>{ARTICLE}</p></body></html>")
    }

    #[test]
    fn a_declared_gbk_page_reads_as_gbk() {
        let html = page(r#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#);
        let (bytes, _, _) = GBK.encode(&html);
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, GBK);
        assert!(!decoded.had_errors);
        assert_eq!(decoded.text, html);
    }

    #[test]
    fn an_undeclared_page_is_guessed() {
        let html = page("");
        let (gbk, _, _) = GBK.encode(&html);
        assert_eq!(decode(&gbk).encoding, GBK);
        assert_eq!(decode(&gbk).text, html);
        let traditional = "<html><head><title>新聞</title></head><body><p>\
            香港特區政府今日公布最新經濟數據，本地生產總值按年增長百分之二點九。\
            政府發言人表示，經濟持續復甦，勞工市場維持穩定。</p></body></html>";
        let (big5, _, had_unmappable) = BIG5.encode(traditional);
        assert!(!had_unmappable);
        assert_eq!(decode(&big5).encoding, BIG5);
        assert_eq!(decode(&big5).text, traditional);
    }

    #[test]
    fn a_gbk_page_that_declares_utf8_is_read_as_gbk() {
        let html = page(r#"<meta charset="utf-8">"#);
        let (gbk, _, _) = GBK.encode(&html);
        let decoded = decode(&gbk);
        assert_eq!(decoded.encoding, GBK);
        assert!(!decoded.had_errors);
        assert_eq!(decoded.text, html);
    }

    #[test]
    fn valid_utf8_wins_over_a_stale_declaration() {
        let html = page(r#"<meta charset="GBK">"#);
        let decoded = decode(html.as_bytes());
        assert_eq!(decoded.encoding, UTF_8);
        assert!(matches!(decoded.text, Cow::Borrowed(_)));
    }

    #[test]
    fn a_byte_order_mark_decides() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(page(r#"<meta charset="gbk">"#).as_bytes());
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, UTF_8);
        assert!(decoded.text.starts_with("<html>"));
    }

    #[test]
    fn utf8_with_a_broken_byte_is_not_read_as_the_stale_declaration() {
        let mut bytes = page(r#"<meta charset="gb2312">"#).into_bytes();
        let at = bytes.len() / 2;
        bytes.insert(at, 0xFF);
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, UTF_8);
        assert!(decoded.had_errors);
        assert!(decoded.text.contains("国家统计局"));
    }

    #[test]
    fn declarations_are_read_in_their_usual_forms() {
        assert_eq!(declared(br#"<META CHARSET='Big5'>"#), Some(BIG5));
        assert_eq!(declared(br#"<meta charset=gbk>"#), Some(GBK));
        assert_eq!(
            declared(br#"<meta content="text/html;charset=GB2312" http-equiv="content-type">"#),
            Some(GBK)
        );
        assert_eq!(declared(br#"<meta charset="utf-16">"#), Some(UTF_8));
        assert_eq!(
            declared(br#"<meta name="x"><meta charset="nonsense">"#),
            None
        );
        assert_eq!(declared(b"<html><body>no meta</body></html>"), None);
    }
}
