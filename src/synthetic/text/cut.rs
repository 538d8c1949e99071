//! Cutting real text into the clauses the text-based generator recombines.
//!
//! Text is cut after every run of clause or sentence marks (`。！？；，、：` and the ASCII
//! `.!?;,:`), at line breaks, at tabs and at runs of two or more spaces (what a tab or a field
//! separator becomes once loaded). A piece keeps the marks that ended it, with any closing
//! quotes or brackets right after them (`。”`), as its *tail*, so recombined text carries the
//! source's own punctuation. An ASCII mark cuts only when no letter or digit follows it, so
//! `3.5%`, `10:30`, `1,000` and `www.sohu.com` stay whole.
//!
//! Only *usable* pieces are handed on: 4–40 characters without the tail (after trimming
//! spaces, U+3000 included), at least one Han character, and a tail of at most 255 bytes.

/// Fewest characters a usable piece has (without its tail).
pub(crate) const MIN_CHARS: usize = 4;
/// Most characters a usable piece has (without its tail).
pub(crate) const MAX_CHARS: usize = 40;

/// One usable piece of text: a slice of the text cut, and the marks that ended it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece<'t> {
    /// The clause, trimmed of spaces; 4–40 characters with at least one Han character.
    pub(crate) text: &'t str,
    /// The marks (and closing quotes) that ended it in the source: `，`, `。”`, `!`; empty when
    /// a line break, a run of spaces or the end of the text ended it.
    pub(crate) tail: &'t str,
    /// How many characters `text` has.
    pub(crate) chars: u8,
}

impl Piece<'_> {
    /// True when the tail ends a sentence (it holds `。！？` or `.!?`) or is empty.
    pub(crate) fn ends_sentence(&self) -> bool {
        self.tail.is_empty() || self.tail.chars().any(is_sentence_end)
    }
}

/// Calls `each` with every usable piece of `text`, in order.
pub(crate) fn cut<'t>(text: &'t str, mut each: impl FnMut(Piece<'t>)) {
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if is_mark(c, next) {
            let mut end = i + c.len_utf8();
            let mut closing = false;
            while let Some(&(j, n)) = chars.peek() {
                if is_closer(n) {
                    closing = true;
                } else if closing || !(is_full_mark(n) || is_ascii_mark(n)) {
                    break;
                }
                end = j + n.len_utf8();
                chars.next();
            }
            offer(&text[start..i], &text[i..end], &mut each);
            start = end;
        } else if is_break(c, next) {
            offer(&text[start..i], "", &mut each);
            start = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if !n.is_whitespace() {
                    break;
                }
                start = j + n.len_utf8();
                chars.next();
            }
        }
    }
    offer(&text[start..], "", &mut each);
}

/// Hands the piece on when it is usable.
fn offer<'t>(text: &'t str, tail: &'t str, each: &mut impl FnMut(Piece<'t>)) {
    let text = text.trim_matches(char::is_whitespace);
    if text.len() < MIN_CHARS || text.len() > MAX_CHARS * 4 || tail.len() > usize::from(u8::MAX) {
        return;
    }
    let chars = text.chars().count();
    if (MIN_CHARS..=MAX_CHARS).contains(&chars) && text.chars().any(is_han) {
        each(Piece {
            text,
            tail,
            chars: chars as u8,
        });
    }
}

/// A mark that ends a piece: any full-width one, an ASCII one with no letter or digit after it.
fn is_mark(c: char, next: Option<char>) -> bool {
    is_full_mark(c) || (is_ascii_mark(c) && !next.is_some_and(|n| n.is_ascii_alphanumeric()))
}

/// `。！？；，、：` (and the half-width ideographic full stop `｡`).
fn is_full_mark(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '，' | '、' | '：' | '\u{FF61}'
    )
}

/// `.!?;,:`.
fn is_ascii_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | ',' | ':')
}

/// Marks after which a sentence is over.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '.' | '!' | '?' | '\u{FF61}')
}

/// Closing quotes and brackets, kept in the tail after a mark (`。”`, `！）`).
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '〕' | '"' | '\''
    )
}

/// A line break, a tab, or the first of two or more spaces.
fn is_break(c: char, next: Option<char>) -> bool {
    matches!(c, '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}')
        || (c.is_whitespace() && next.is_some_and(char::is_whitespace))
}

/// CJK Unified Ideographs (with extension A), compatibility ideographs and the extensions
/// beyond the BMP.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        cut(text, |p| {
            assert_eq!(usize::from(p.chars), p.text.chars().count());
            out.push((p.text, p.tail));
        });
        out
    }

    #[test]
    fn cuts_after_each_mark_and_keeps_it_as_the_tail() {
        let text = "　　9月11日，长春市人大常委会举行第五次会议，对《长春市城市绿化条例（修订草案）》\
                    进行第一次审议。草案提出：新建居住区绿地率不得低于30%；旧城改造项目不得低于25%！";
        assert_eq!(
            pieces(text),
            [
                ("9月11日", "，"),
                ("长春市人大常委会举行第五次会议", "，"),
                ("对《长春市城市绿化条例（修订草案）》进行第一次审议", "。"),
                ("草案提出", "："),
                ("新建居住区绿地率不得低于30%", "；"),
                ("旧城改造项目不得低于25%", "！"),
            ]
        );
    }

    #[test]
    fn closing_quotes_and_runs_of_marks_stay_in_the_tail() {
        let text =
            "他说：“我们要让公共交通也能满足档次稍高的服务。”这是真的吗？！记者、编辑、校对都在场";
        assert_eq!(
            pieces(text),
            [
                ("“我们要让公共交通也能满足档次稍高的服务", "。”"),
                ("这是真的吗", "？！"),
                ("校对都在场", ""),
            ]
        );
    }

    #[test]
    fn ascii_marks_cut_only_before_a_non_alphanumeric() {
        let text = "GDP增长3.5%, 高于预期. 访问www.sohu.com查看:10:30开始! OK";
        assert_eq!(
            pieces(text),
            [
                ("GDP增长3.5%", ","),
                ("高于预期", "."),
                ("访问www.sohu.com查看:10:30开始", "!"),
            ]
        );
    }

    #[test]
    fn line_breaks_tabs_and_runs_of_spaces_cut_with_no_tail() {
        let text = "深圳地铁将设立ＶＩＰ头等车厢　买双倍票可享坐票\n体验2D巅峰 倚天屠龙记十大创新概览       8\n\n\
                    短句\r\n标题一号文字\t5\u{2029}最后一行没有标点";
        assert_eq!(
            pieces(text),
            [
                ("深圳地铁将设立ＶＩＰ头等车厢　买双倍票可享坐票", ""),
                ("体验2D巅峰 倚天屠龙记十大创新概览", ""),
                ("标题一号文字", ""),
                ("最后一行没有标点", ""),
            ]
        );
    }

    #[test]
    fn only_four_to_forty_characters_with_a_han_character_are_kept() {
        let forty = "四十个字".repeat(10);
        let text = format!("三个字，四个字啊，{forty}，{forty}多，ABCD，12345，ＡＢＣ中");
        assert_eq!(
            pieces(&text),
            [("四个字啊", "，"), (forty.as_str(), "，"), ("ＡＢＣ中", "")]
        );
    }

    #[test]
    fn sentence_ends_are_told_from_clause_ends() {
        let ends = |text| {
            let mut all = Vec::new();
            cut(text, |p| all.push(p.ends_sentence()));
            all
        };
        assert_eq!(
            ends("一二三四，一二三四。”一二三四；一二三四?一二三四：一二三四"),
            [false, true, false, true, false, true]
        );
    }
}
