//! Exact-line tests of the wrapper on the seed sentence and the hard cases of Chinese
//! layout the project started from (punctuation that may not start or end a line, `……` and
//! `——`, URLs, mixed scripts).

use super::*;
use crate::text::width;

const SEED: &str = "要牢固树立“四个意识”，深刻认识到做好新形势下人大工作，是提高党的执政能力、巩固党的执政地位的内在要求，";

const MIXED: &str = "据新华社2024年3月5日电，全国人大代表张三在https://www.example.com/very/long/path/to/an/article?id=1234567890 上表示：“GDP增长5.2%。”随后……他说（大意）：《人民日报》";

fn lines(text: &str, w: usize) -> Vec<&str> {
    wrap(text, w).into_iter().map(|l| &text[l.range]).collect()
}

#[test]
fn seed_at_20() {
    assert_eq!(
        lines(SEED, 20),
        [
            "要牢固树立“四个意",
            "识”，深刻认识到做好",
            "新形势下人大工作，是",
            "提高党的执政能力、巩",
            "固党的执政地位的内在",
            "要求，",
        ]
    );
}

#[test]
fn seed_at_21() {
    assert_eq!(
        lines(SEED, 21),
        [
            "要牢固树立“四个意",
            "识”，深刻认识到做好新",
            "形势下人大工作，是提",
            "高党的执政能力、巩固",
            "党的执政地位的内在要",
            "求，",
        ]
    );
}

#[test]
fn seed_at_39_and_40() {
    assert_eq!(
        lines(SEED, 39),
        [
            "要牢固树立“四个意识”，深刻认识到做好新",
            "形势下人大工作，是提高党的执政能力、巩",
            "固党的执政地位的内在要求，",
        ]
    );
    assert_eq!(
        lines(SEED, 40),
        [
            "要牢固树立“四个意识”，深刻认识到做好新形",
            "势下人大工作，是提高党的执政能力、巩固党",
            "的执政地位的内在要求，",
        ]
    );
}

#[test]
fn seed_has_no_forced_break_and_fits_at_common_widths() {
    for w in [20, 21, 39, 40, 41, 80, 81] {
        for l in wrap(SEED, w) {
            assert!(!l.forced && l.width <= w, "{w}: {l:?}");
            assert_eq!(l.width, width(&SEED[l.range.clone()]));
            assert!(!SEED[l.range].starts_with('，'));
        }
    }
}

#[test]
fn seed_at_tiny_widths_breaks_only_where_it_must() {
    assert_eq!(
        &lines(SEED, 4)[..6],
        ["要牢", "固树", "立", "“四", "个意", "识”"]
    );
    let three = lines(SEED, 3);
    assert_eq!(&three[4..10], ["立", "“四", "个", "意", "识”", "，"]);
    let two = wrap(SEED, 2);
    assert!(two.iter().all(|l| l.width <= 2));
}

#[test]
fn mixed_text_and_a_long_url() {
    assert_eq!(
        lines(MIXED, 25),
        [
            "据新华社2024年3月5日电，",
            "全国人大代表张三在",
            "https://www.example.com/",
            "very/long/path/to/an/",
            "article?id=1234567890 上",
            "表示：“GDP增长5.2%。”随",
            "后……他说（大意）：《人民",
            "日报》",
        ]
    );
    let narrow = wrap(MIXED, 10);
    let shown: Vec<&str> = narrow.iter().map(|l| &MIXED[l.range.clone()]).collect();
    assert_eq!(
        &shown[5..9],
        ["https://", "www.exampl", "e.com/", "very/long/"]
    );
    assert!(narrow[6].forced && !narrow[5].forced);
}

#[test]
fn url_breaks_only_after_slash_or_question_mark_unless_forced() {
    for w in 12..60 {
        let wrapped = wrap(MIXED, w);
        for pair in wrapped.windows(2) {
            let end = pair[0].range.end;
            let inside = rules::in_url(MIXED, end - 1) && rules::in_url(MIXED, pair[1].range.start);
            if inside && !pair[0].forced {
                assert!(
                    matches!(MIXED.as_bytes()[end - 1], b'/' | b'?'),
                    "{w}: {pair:?}"
                );
            }
        }
        for l in &wrapped {
            let s = &MIXED[l.range.clone()];
            assert!(!s.starts_with('%') && !s.ends_with("5.") && !s.starts_with(".2"));
        }
    }
}

#[test]
fn ellipsis_and_dash_pairs_never_split() {
    let text = "他说……我们——你们……他们——大家";
    for w in 2..30 {
        for l in wrap(text, w) {
            let s = &text[l.range];
            assert_eq!(s.matches('…').count() % 2, 0, "{w}: {s}");
            assert_eq!(s.matches('—').count() % 2, 0, "{w}: {s}");
        }
    }
    assert_eq!(lines("ab——cd……ef", 6), ["ab——", "cd……ef"]);
}

#[test]
fn space_then_chinese_fills_the_first_line() {
    let text = "This is an example 中文汉字测试段落内容中文汉字测试段落内容";
    assert_eq!(
        lines(text, 30),
        [
            "This is an example 中文汉字测",
            "试段落内容中文汉字测试段落内容"
        ]
    );
    assert_eq!(lines("a    b", 3), ["a", "b"]);
}

#[test]
fn leading_ideographic_indent_is_kept() {
    assert_eq!(lines("　　段首缩进内容", 10), ["　　段首缩", "进内容"]);
    assert_eq!(lines("　　段首缩进内容", 4)[0], "　　");
}

#[test]
fn a_wide_character_meets_an_odd_width() {
    for n in 1..60 {
        let text = format!("{}，", "中".repeat(n));
        for w in 1..41 {
            for l in wrap(&text, w) {
                assert!(l.width <= w.max(2), "{n} {w}: {l:?}");
            }
        }
    }
    assert_eq!(lines("中中中中中，", 5), ["中中", "中中", "中，"]);
}

#[test]
fn punctuation_runs_lose_nothing() {
    let text = "？！……”）》。".repeat(3) + "（（（（" + "“”“”";
    for w in 1..20 {
        let joined: String = lines(&text, w).concat();
        assert_eq!(joined, text, "{w}");
    }
    assert_eq!(
        lines("？！……”）》。", 3),
        ["？", "！", "……”", "）", "》", "。"]
    );
}

#[test]
fn widths_one_and_two_are_defined() {
    let one = wrap("中文", 1);
    assert_eq!(one.len(), 2);
    assert!(one.iter().all(|l| l.forced && l.width == 2));
    assert_eq!(lines("中文", 0), ["中", "文"]);
    assert_eq!(lines("……", 1), ["…", "…"]);
    assert_eq!(lines("a🌞b", 2), ["a", "🌞", "b"]);
    assert_eq!(lines("", 5), [""]);
}

#[test]
fn emoji_clusters_stay_whole() {
    let text = "👩‍🔬科学 ❤️爱 1️⃣一 🇨🇳国 👍🏽";
    assert_eq!(
        lines(text, 2),
        ["👩‍🔬", "科", "学", "❤️", "爱", "1️⃣", "一", "🇨🇳", "国", "👍🏽"]
    );
    assert_eq!(lines(text, 8), ["👩‍🔬科学", "❤️爱 1️⃣", "一 🇨🇳国", "👍🏽"]);
}

#[test]
fn combining_marks_stay_with_their_base() {
    assert_eq!(
        lines("e\u{301}e\u{301}e\u{301}", 2),
        ["e\u{301}e\u{301}", "e\u{301}"]
    );
    assert_eq!(lines("\u{301}孤立", 2), ["\u{301}孤", "立"]);
    assert_eq!(
        lines("か\u{3099}か\u{3099}", 2),
        ["か\u{3099}", "か\u{3099}"]
    );
}

#[test]
fn nbsp_is_not_a_break_and_ascii_spaces_are_dropped_only_at_breaks() {
    assert_eq!(lines("ab\u{a0}cd ef", 5), ["ab\u{a0}cd", "ef"]);
    assert_eq!(lines("ab cd", 5), ["ab cd"]);
}

#[test]
fn quotes_break_outside_next_to_chinese() {
    assert_eq!(lines("他说“你好”我们走", 6), ["他说", "“你好”", "我们走"]);
}

#[test]
fn next_line_resumes_where_wrap_would() {
    let mut start = LineStart::PARAGRAPH;
    for expected in wrap(MIXED, 17) {
        let (line, next) = next_line(MIXED, start, 17);
        assert_eq!(line, expected);
        match next {
            Some(n) => start = n,
            None => break,
        }
    }
}

#[test]
fn leading_spaces_are_text_and_spaces_at_breaks_are_dropped() {
    assert_eq!(lines(" 中", 1), [" ", "中"]);
    assert_eq!(lines("  ab", 3), ["  ", "ab"]);
    assert_eq!(lines("ab  ", 10), ["ab"]);
    assert_eq!(lines("ab cd", 3), ["ab", "cd"]);
}

#[test]
fn a_newline_inside_a_block_is_a_hard_break() {
    assert_eq!(lines("第一行\n第二行", 20), ["第一行", "第二行"]);
    assert_eq!(lines("a\n\nb", 20), ["a", "", "b"]);
}

#[test]
fn a_space_carrying_a_combining_mark_is_text() {
    let text = "““中 \u{301}，";
    let wrapped = wrap(text, 1);
    assert!(wrapped.iter().all(|l| text.is_char_boundary(l.range.start)));
    assert_eq!(lines(text, 1).concat(), text);
}

#[test]
fn a_leading_newline_is_not_text() {
    assert_eq!(lines("\n正文", 20), ["", "正文"]);
}
