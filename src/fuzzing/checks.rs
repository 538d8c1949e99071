//! The invariants the targets check, stated once: what a loaded article and a cleaned text
//! may hold (ARCHITECTURE §2.1, §2.3). Each check panics with the offending text shown
//! escaped (`{:?}`), so a crash report can be read in a terminal.

use crate::article::Article;
use crate::parse::Archive;
use crate::sanitize::is_plain;

/// The zero-width joiner, which cleaning keeps inside an emoji sequence (`👩‍🔬`).
const ZWJ: char = '\u{200D}';

/// Checks everything a load produced from the file called `file`: each article, and that
/// each problem names that file.
pub(super) fn archive(file: &str, archive: &Archive) {
    for article in &archive.articles {
        self::article(article);
    }
    for problem in &archive.problems {
        assert_eq!(
            problem.file, file,
            "problem names another file: {problem:?}"
        );
        assert!(
            problem.line != Some(0),
            "line numbers start at 1: {problem:?}"
        );
    }
}

/// Checks one article: an id, every one-line field clean and trimmed, the body's paragraphs
/// clean, non-empty and trimmed.
pub(super) fn article(a: &Article) {
    assert!(
        !a.id.is_empty(),
        "article without an id: {}",
        short(&a.title)
    );
    let h = &a.header;
    let url = a.url.as_deref().unwrap_or("");
    let date = a.date.display();
    let fields = [
        ("id", a.id.as_str()),
        ("title", a.title.as_str()),
        ("source", a.source.as_str()),
        ("url", url),
        ("date", date.as_str()),
        ("kicker", h.kicker.as_str()),
        ("subtitle", h.subtitle.as_str()),
        ("author", h.author.as_str()),
        ("full title", h.full_title.as_str()),
    ];
    for (name, text) in fields {
        line(name, text);
    }
    for tag in &a.tags {
        line("tag", tag);
        assert!(!tag.is_empty(), "empty tag in {:?}", a.tags);
    }
    // A summary may be paragraphs, as a body is.
    clean_text("summary", &h.summary);
    body(&a.body.text());
}

/// A one-line field: clean, no line break, nothing to trim.
pub(super) fn line(name: &str, text: &str) {
    clean_text(name, text);
    assert!(
        !text.contains('\n'),
        "{name} has a line break: {}",
        short(text)
    );
    assert!(
        text == text.trim(),
        "{name} is not trimmed: {}",
        short(text)
    );
}

/// A body: paragraphs separated by `\n`, each clean, non-empty and trimmed.
pub(super) fn body(text: &str) {
    clean_text("body", text);
    if text.is_empty() {
        return;
    }
    for paragraph in text.split('\n') {
        assert!(
            !paragraph.is_empty(),
            "empty paragraph in body {}",
            short(text)
        );
        assert!(
            paragraph == paragraph.trim(),
            "paragraph not trimmed: {}",
            short(paragraph)
        );
    }
}

/// Text as `sanitize::clean` leaves it: every character plain or `\n`, or one of the
/// invisible characters cleaning keeps only in context (`sanitize` module doc): a ZWJ
/// between two characters that are neither ASCII nor a line break (parts of an emoji
/// sequence), one variation selector after a character that is not a line break, a joiner
/// or another selector, and tag characters only after a black flag (subdivision flags).
pub(super) fn clean_text(name: &str, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(i + 1).copied();
        let fits = if c == '\n' || is_plain(c) {
            true
        } else if c == ZWJ {
            let joins = |n: Option<char>| n.is_some_and(|n| !n.is_ascii() && n != ZWJ);
            joins(before) && joins(after)
        } else if is_selector(c) {
            before.is_some_and(|b| b != '\n' && b != ZWJ && !is_selector(b))
        } else if is_tag(c) {
            before.is_some_and(|b| b == BLACK_FLAG || is_tag(b))
        } else {
            false
        };
        assert!(
            fits,
            "{name} holds {c:?} (U+{:04X}) at char {i} of {}: {}",
            u32::from(c),
            chars.len(),
            excerpt(&chars, i)
        );
    }
}

/// The black flag, which tag characters follow in the England, Scotland and Wales flags.
const BLACK_FLAG: char = '\u{1F3F4}';

/// A variation selector (standard, ideographic or Mongolian free variation selector).
fn is_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180D}' | '\u{180F}')
}

/// A tag character (U+E0020–U+E007F), the letters of a subdivision flag.
fn is_tag(c: char) -> bool {
    ('\u{E0020}'..='\u{E007F}').contains(&c)
}

/// Up to 24 chars either side of char `at`, escaped (`{:?}`), for a short report.
pub(super) fn excerpt(chars: &[char], at: usize) -> String {
    let from = at.saturating_sub(24);
    let to = (at + 25).min(chars.len());
    let piece: String = chars[from..to].iter().collect();
    let dots = |more: bool| if more { "…" } else { "" };
    format!("{}{piece:?}{}", dots(from > 0), dots(to < chars.len()))
}

/// `text` escaped, cut to its first 120 chars for a short report.
pub(super) fn short(text: &str) -> String {
    let chars: Vec<char> = text.chars().take(121).collect();
    let piece: String = chars.iter().take(120).collect();
    format!("{piece:?}{}", if chars.len() > 120 { "…" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_passes_plain_text_and_emoji_sequences() {
        clean_text("t", "新闻 news\n第二段 👩\u{200D}🔬");
    }

    #[test]
    #[should_panic(expected = "holds '\\u{1b}'")]
    fn clean_text_catches_an_escape() {
        clean_text("t", "a\u{1b}[2Jb");
    }

    #[test]
    #[should_panic(expected = "holds '\\u{200d}'")]
    fn clean_text_catches_a_lone_zwj() {
        clean_text("t", "a\u{200D}b");
    }

    #[test]
    fn clean_text_passes_a_selector_and_a_subdivision_flag() {
        clean_text(
            "t",
            "❤\u{FE0F} 1\u{FE0F}\u{20E3} 葛\u{E0100} 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
        );
    }

    #[test]
    #[should_panic(expected = "holds '\\u{fe0f}'")]
    fn clean_text_catches_a_run_of_selectors() {
        clean_text("t", "❤\u{FE0F}\u{FE0F}");
    }

    #[test]
    #[should_panic(expected = "holds '\\u{e0041}'")]
    fn clean_text_catches_smuggled_tags() {
        clean_text("t", "a\u{E0041}");
    }

    #[test]
    #[should_panic(expected = "is not trimmed")]
    fn line_catches_untrimmed_text() {
        line("title", " 标题");
    }

    #[test]
    #[should_panic(expected = "empty paragraph")]
    fn body_catches_an_empty_paragraph() {
        body("一\n\n二");
    }
}
