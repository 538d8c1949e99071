//! GB18030 text whose paragraph breaks were lost to `?`. The SogouCA corpus marks paragraphs
//! with the private-use character U+E40C, bytes 0xFD 0xA3 in GBK; in copies that went through
//! a lossy conversion the 0xFD became `?`, and the 0xA3 left behind pairs with the next byte,
//! so the rest of the paragraph decodes one byte off as mojibake (`?；泼鳎合衷谖倚`).
//!
//! Each `?` 0xA3 is weighed: read on as written (`?`, then a full-width character from 0xA3)
//! or as a lost break (the text resumes after 0xA3). [`evidence`] scores the two alignments
//! over the next [`WINDOW`] bytes; a break is recovered when its reading scores higher, or
//! no lower than [`DOUBT`] when the `?` ends a sentence or the file shows clear breaks
//! elsewhere ([`STRONG`]). A `?` right after a lead byte is that character's lost trail
//! byte, never a break. A genuine `?Ａ` in a sound file reads far better as written and
//! stays. A recovered break decodes as U+2029 PARAGRAPH SEPARATOR, which
//! [`crate::sanitize::clean`] turns into `\n`: a paragraph break to every parser, while
//! line numbers still count the file's own lines and JSON strings stay valid.

use std::borrow::Cow;

use encoding_rs::GB18030;
use memchr::memmem;

use super::{Decoded, evidence, lines_with_replacements};

/// The bytes a lost break leaves: `?`, then the trail byte 0xA3 of U+E40C.
const MARK: &[u8] = b"?\xA3";
/// What a recovered break decodes to.
pub(super) const BREAK: char = '\u{2029}';
/// Bytes after the mark over which the two readings are compared.
const WINDOW: usize = 32;
/// A score difference that settles a place on its own (two common characters' worth) and
/// shows the file lost breaks.
const STRONG: i32 = 6;
/// The lowest difference at which a place is still a break when the file shows lost breaks
/// or the `?` follows the end of a sentence: the two readings often meet again within a
/// character or two (at the next lost trail byte), leaving little to compare.
const DOUBT: i32 = -2;

/// True when `bytes` hold a place where a break may have been lost.
pub(super) fn may_hold(bytes: &[u8]) -> bool {
    memmem::find(bytes, MARK).is_some()
}

/// Decodes GB18030 `bytes`, recovering lost breaks.
pub(super) fn decode(bytes: &[u8]) -> Decoded<'static> {
    let places: Vec<usize> = memmem::find_iter(bytes, MARK).collect();
    let damaged = places.iter().any(|&at| break_evidence(bytes, at) >= STRONG);
    let mut out = Output::default();
    let mut pos = 0;
    for at in places {
        let after_lead = out.push_segment(&bytes[pos..at]);
        if !after_lead && is_lost_break(bytes, at, out.text.chars().next_back(), damaged) {
            out.text.push(BREAK);
            pos = at + MARK.len();
        } else {
            pos = at;
        }
    }
    out.push_segment(&bytes[pos..]);
    Decoded {
        text: Cow::Owned(out.text),
        encoding: GB18030.name(),
        bad_lines: out.bad_lines,
        doubt: None,
    }
}

/// Whether the `?` 0xA3 at `at`, after the character `before`, is a lost break.
fn is_lost_break(bytes: &[u8], at: usize, before: Option<char>, damaged: bool) -> bool {
    let evidence = break_evidence(bytes, at);
    evidence > 0 || (evidence >= DOUBT && (damaged || before.is_none_or(ends_sentence)))
}

/// How much better the text after the mark at `at` reads as a lost break than as written
/// (the full-width character that 0xA3 would start is left out: it is there either way).
fn break_evidence(bytes: &[u8], at: usize) -> i32 {
    let resumed = at + MARK.len();
    if bytes.get(resumed).is_none_or(u8::is_ascii) {
        return 0;
    }
    let end = resumed + WINDOW;
    evidence::score(bytes, resumed, end) - evidence::score(bytes, resumed + 1, end)
}

/// Characters after which a new paragraph is expected.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '”' | '；' | '：' | '…' | '」' | '』' | '）' | '】' | '\n' | BREAK
    )
}

/// The text decoded so far.
#[derive(Default)]
struct Output {
    text: String,
    /// Line breaks decoded so far (recovered breaks are not line breaks).
    newlines: usize,
    bad_lines: Vec<usize>,
}

impl Output {
    /// Decodes and appends `segment`; true when it ends with a lead byte that has no trail.
    /// Segments are cut before a `?`, which never belongs to a character, so decoding them
    /// one by one gives what decoding them together would.
    fn push_segment(&mut self, segment: &[u8]) -> bool {
        let (decoded, had_errors) = GB18030.decode_without_bom_handling(segment);
        if had_errors {
            for line in lines_with_replacements(segment, GB18030) {
                let line = self.newlines + line;
                if self.bad_lines.last() != Some(&line) {
                    self.bad_lines.push(line);
                }
            }
        }
        self.newlines += memchr::memchr_iter(b'\n', segment).count();
        self.text.push_str(&decoded);
        had_errors && decoded.ends_with('\u{FFFD}') && matches!(segment.last(), Some(0x81..=0xFE))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Archive, load_bytes};

    /// How many breaks `d` recovered.
    fn recovered(d: &Decoded) -> usize {
        d.text.matches(BREAK).count()
    }

    /// `paragraphs` in GBK, joined as a damaged SogouCA copy joins them: `?` 0xA3.
    fn damaged(paragraphs: &[&str]) -> Vec<u8> {
        let encoded: Vec<Vec<u8>> = paragraphs
            .iter()
            .map(|p| GB18030.encode(p).0.into_owned())
            .collect();
        encoded.join(MARK)
    }

    const NEWS: [&str; 3] = [
        "２５０余吨炸药在全国１５０个城市被统一销毁。",
        "黄明：现在我宣布，全国缉枪制爆统一销毁行动开始！",
        "随着公安部副部长黄明一声令下，大量仿制式枪以及猎枪被投入炼钢炉。",
    ];

    #[test]
    fn lost_breaks_come_back_as_paragraph_breaks() {
        let bytes = damaged(&NEWS);
        let plain = GB18030.decode_without_bom_handling(&bytes).0;
        assert!(plain.contains("。?；泼鳎合衷谖倚"), "{plain}");
        let d = decode(&bytes);
        assert_eq!(d.text, NEWS.join("\u{2029}"));
        assert_eq!((recovered(&d), d.bad_lines.len()), (2, 0));
        assert_eq!(crate::sanitize::clean(&d.text), NEWS.join("\n"));
    }

    #[test]
    fn the_decoder_takes_the_slow_path_only_for_the_mark() {
        let bytes = damaged(&NEWS);
        let d = super::super::decode(&bytes);
        assert_eq!((d.encoding, recovered(&d)), ("gb18030", 2));
        let whole = GB18030.encode(&NEWS.join("\n")).0.into_owned();
        assert!(!may_hold(&whole));
        assert_eq!(recovered(&super::super::decode(&whole)), 0);
    }

    #[test]
    fn a_genuine_question_mark_before_a_full_width_character_stays() {
        for text in [
            "这是什么?ＡＢＣ公司的新产品发布会今天在北京举行。",
            "他问?Ａ股市场今年能否走出低谷，专家们意见不一。",
            "记者问：今年的目标是多少?２０１２年的增长目标定为百分之八。",
            "为什么?Ａ",
            "股价?Ａ1",
        ] {
            let bytes = GB18030.encode(text).0.into_owned();
            let d = decode(&bytes);
            assert_eq!((d.text.as_ref(), recovered(&d)), (text, 0));
        }
    }

    #[test]
    fn a_genuine_question_mark_stays_beside_a_lost_break() {
        let mut bytes = damaged(&NEWS[..2]);
        bytes.extend(
            GB18030
                .encode("他问?Ａ股市场今年能否走出低谷，专家们意见不一。")
                .0
                .iter(),
        );
        let d = decode(&bytes);
        assert_eq!(
            d.text,
            format!(
                "{}\u{2029}{}他问?Ａ股市场今年能否走出低谷，专家们意见不一。",
                NEWS[0], NEWS[1]
            )
        );
    }

    #[test]
    fn a_question_mark_after_a_lead_byte_is_its_lost_trail_not_a_break() {
        // "然后，相比于……": the trail byte of 后 (0xBA 0xF3) was lost to `?`.
        let mut bytes = GB18030.encode("然").0.into_owned();
        bytes.extend(b"\xBA?");
        bytes.extend(
            GB18030
                .encode("，相比于２００８年，时间又过去了四年。")
                .0
                .iter(),
        );
        let d = decode(&bytes);
        assert_eq!(d.text, "然\u{FFFD}?，相比于２００８年，时间又过去了四年。");
        assert_eq!((recovered(&d), d.bad_lines.clone()), (0, vec![1]));
    }

    #[test]
    fn a_break_with_little_to_go_on_after_a_full_stop() {
        // The next character lost its trail byte too: `?` 0xA3, 近 (0xBD 0xFC) as 0xBD `?`.
        let mut bytes = GB18030
            .encode("中美执法部门联手破获特大走私武器弹药案。")
            .0
            .into_owned();
        bytes.extend(b"?\xA3\xBD?");
        bytes.extend(GB18030.encode("日，主犯被抓获。").0.iter());
        let d = decode(&bytes);
        assert_eq!(
            d.text,
            "中美执法部门联手破获特大走私武器弹药案。\u{2029}\u{FFFD}?日，主犯被抓获。"
        );
    }

    #[test]
    fn bad_lines_count_the_files_own_lines() {
        let mut bytes = b"<doc>\n".to_vec();
        bytes.extend(damaged(&NEWS));
        bytes.extend(b"\n\xFF\n");
        bytes.extend(damaged(&NEWS[1..]));
        bytes.extend(b"\xFF\n");
        let d = decode(&bytes);
        assert_eq!((recovered(&d), d.bad_lines.clone()), (3, vec![3, 4]));
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
        assert_eq!(d.text.lines().count(), 4);
    }

    /// Nine SogouCA records cut from a damaged copy of the corpus (origin in `tests/fixtures/README.md`).
    const FIXTURE: &[u8] = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gb18030/sogou-tensite-9.dat"
    ));

    #[test]
    fn the_damaged_sogou_sample_loads_with_its_paragraphs() {
        let d = super::super::decode(FIXTURE);
        assert_eq!((d.encoding, recovered(&d)), ("gb18030", 106));
        // Every record's content line also has lead bytes whose trail byte was lost to `?`.
        assert_eq!(d.bad_lines, [6, 12, 18, 24, 30, 36, 42, 48, 54]);
        let mut archive = Archive::default();
        load_bytes("sogou.dat", "sogou.dat", FIXTURE, &mut archive);
        assert_eq!(archive.articles.len(), 9);
        let first = archive.articles[0].body.text();
        let paragraphs: Vec<&str> = first.split('\n').take(4).collect();
        assert_eq!(
            paragraphs,
            [
                "中广网唐山６月１２日消息（记者汤一亮　庄胜春）据中国之声《新闻晚高峰》报道，\
                 今天（１２日）上午，公安机关２０１２年缉枪制爆专项行动“统一销毁非法枪爆物品活动”\
                 在河北唐山正式启动，１０万余只非法枪支、２５０余吨炸药在全国１５０个城市被统一销毁。",
                "黄明：现在我\u{FFFD}?布，全国缉枪制爆统一销毁行动开始！",
                "随着\u{FFFD}?安部副部长黄明一声令下，大量仿制式枪以及猎枪、火药枪、气枪在河北唐山\
                 钢铁厂被投入炼钢炉。与此同时，在全国各省区市１５０个城市，破案追缴和群众主动上缴的\
                 １０万余支非法枪支被集中销毁，在全国各指定场所，２５０余吨炸药被分别销毁。\
                 公安部治安局局长刘绍武介绍，这次销毁的非法枪支来源于三个方面。",
                "刘绍武：打击破案\u{FFFD}?括涉黑、涉恶的团伙犯罪、毒品犯罪，还有从境外非法走私的枪支爆炸物。",
            ]
        );
        assert_eq!(first.split('\n').count(), 14);
        for article in &archive.articles {
            let body = article.body.text();
            // A `?` that is not a lost trail byte (after U+FFFD) is a break left in place.
            let stray = body
                .match_indices('?')
                .filter(|(i, _)| !body[..*i].ends_with('\u{FFFD}'));
            assert_eq!(stray.count(), 0, "{}", article.title);
            assert!(
                !body.contains("；泼鳎") && !body.contains("Ｋ孀"),
                "{}",
                article.title
            );
        }
    }
}
