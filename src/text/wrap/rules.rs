//! The Chinese line-breaking rules (避头尾) and URL rule that [`super`] lays on top of UAX #14.
//!
//! All predicates look at whole grapheme clusters, through their first character, and none
//! looks further than a few bytes, so they add nothing to the cost of a line.

/// True for characters that must not start a line: closing punctuation and their ASCII
/// siblings `，。、；：？！”’）》」』】〉〕…·%‰℃` `,.;:?!)]}`.
#[inline]
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '”'
            | '’'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〉'
            | '〕'
            | '…'
            | '·'
            | '%'
            | '‰'
            | '℃'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
    )
}

/// True for characters that must not end a line: opening punctuation and their ASCII siblings
/// `“‘（《「『【〈〔([{`.
#[inline]
fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '（' | '《' | '「' | '『' | '【' | '〈' | '〔' | '(' | '[' | '{'
    )
}

/// True for characters whose runs are never split (`……`, `——`, and wide mode's `－－`).
#[inline]
fn unsplittable(c: char) -> bool {
    matches!(c, '…' | '—' | '－' | '⋯')
}

#[inline]
fn first_char(grapheme: &str) -> char {
    grapheme.chars().next().unwrap_or('\0')
}

/// True when `grapheme` is closing punctuation that may not begin a line.
#[inline]
pub(super) fn is_no_line_start(grapheme: &str) -> bool {
    no_line_start(first_char(grapheme))
}

/// True when `grapheme` is opening punctuation that may not end a line.
#[inline]
pub(super) fn is_no_line_end(grapheme: &str) -> bool {
    no_line_end(first_char(grapheme))
}

/// True when a break between `before` and `after` would split a `……` or `——`.
#[inline]
pub(super) fn splits_run(before: &str, after: &str) -> bool {
    let c = first_char(before);
    c == first_char(after) && unsplittable(c)
}

/// True for an ASCII space, the only character dropped at a break.
#[inline]
pub(super) fn is_space(grapheme: &str) -> bool {
    grapheme == " "
}

/// True for a Chinese character or Chinese (full-width) punctuation.
#[inline]
pub(super) fn is_chinese(grapheme: &str) -> bool {
    matches!(first_char(grapheme),
        '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{FF01}'..='\u{FF60}' // full-width forms
        | '\u{20000}'..='\u{3FFFF}')
}

/// True when a break is allowed between `before` and `after` although UAX #14 forbids it: before
/// an opening quote or after a closing quote that meets a Chinese character.
#[inline]
pub(super) fn quote_break(before: &str, after: &str) -> bool {
    let opening = matches!(first_char(after), '“' | '‘');
    let closing = matches!(first_char(before), '”' | '’');
    (opening && is_chinese(before)) || (closing && is_chinese(after))
}

/// True when `c` can be part of a URL: printable ASCII but the space.
#[cfg(test)]
fn is_url_byte(b: u8) -> bool {
    b.is_ascii_graphic()
}

/// How far back [`in_url`] searches for the beginning of a URL.
#[cfg(test)]
const URL_LOOKBACK: usize = 2048;

/// True when byte `at` of `text` lies inside a URL (`scheme://…` or `www.…`, up to the next
/// character that is not printable ASCII). The wrapper carries this from line to line instead
/// (it never looks back); tests use it to check where URLs are.
#[cfg(test)]
pub(super) fn in_url(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    if at >= bytes.len() || !is_url_byte(bytes[at]) {
        return false;
    }
    let floor = at.saturating_sub(URL_LOOKBACK);
    let mut start = at;
    while start > floor && is_url_byte(bytes[start - 1]) {
        start -= 1;
    }
    starts_url(&bytes[start..])
}

/// True when `token` begins with `www.` or `scheme://`.
#[inline]
pub(super) fn starts_url(token: &[u8]) -> bool {
    if token.len() >= 4 && token[..4].eq_ignore_ascii_case(b"www.") {
        return true;
    }
    let scheme = token
        .iter()
        .take(16)
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        .count();
    scheme > 0 && token[scheme..].starts_with(b"://") && token[0].is_ascii_alphabetic()
}

/// Inside a URL, a break is allowed only after `/` or `?` (and not between two of them).
#[inline]
pub(super) fn url_break(before: &str, after: &str) -> bool {
    matches!(before, "/" | "?") && !matches!(after, "/" | "?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_and_opening_sets() {
        for g in ["，", "。", "”", "）", "…", "·", "%", ",", "."] {
            assert!(is_no_line_start(g), "{g}");
        }
        for g in ["“", "（", "《", "(", "["] {
            assert!(is_no_line_end(g), "{g}");
        }
        assert!(!is_no_line_start("中"));
        assert!(!is_no_line_end("”"));
    }

    #[test]
    fn runs_and_quotes() {
        assert!(splits_run("…", "…"));
        assert!(splits_run("—", "—"));
        assert!(!splits_run("…", "—"));
        assert!(quote_break("立", "“"));
        assert!(quote_break("”", "深"));
        assert!(!quote_break("a", "“"));
        assert!(!quote_break("”", "a"));
    }

    #[test]
    fn urls_are_recognised_from_anywhere_inside() {
        let t = "在https://www.example.com/a?id=1 上";
        let at = t.find("example").unwrap();
        assert!(in_url(t, at));
        assert!(!in_url(t, 0));
        assert!(!in_url(t, t.find(" 上").unwrap()));
        assert!(in_url("see www.example.com", 6));
        assert!(!in_url("version 5.2.1", 9));
        assert!(url_break("/", "v"));
        assert!(!url_break("/", "/"));
        assert!(!url_break(".", "c"));
    }
}
