//! The header lines of a page, before its first paragraph: in a newspaper's layout (People's
//! Daily text files, `20191001/20191001-01-02.txt`) line 1 is the kicker (引题), line 2 the
//! headline, line 3 the subtitle (副题), any of them an empty line, then paragraphs indented
//! with `　　`. Scraped pages have the headline alone, often followed by metadata lines.
//!
//! A paragraph is an indented line (ideographic spaces, or four spaces), one longer than
//! [`HEADER_MAX_CHARS`], or one that ends with a full stop `。`; header lines are the short, unindented, non-metadata lines before
//! the first paragraph. Which is which:
//! - three header lines are kicker, headline and subtitle;
//! - the three-line layout itself, when the first paragraph starts on line 4 (or on line 5
//!   after a blank line) and the headline's line 2 is not empty, says which slot is empty: an
//!   empty line 1 means no kicker, an empty line 3 no subtitle;
//! - otherwise, of two lines, the first is a kicker when it ends with `——`, `—` or `：`;
//!   without that mark it is the headline and the second line its subtitle (subtitles
//!   usually open with `——`, and pages that follow no newspaper layout put their title
//!   first). Length decides nothing: kickers and subtitles are as often longer than the
//!   headline as shorter;
//! - a mark overrules the layout: a line 2 that opens with a dash under a line 1, line 3
//!   empty, is the subtitle of the headline in line 1.
//!
//! More than three header lines are not a header: the page's first line is its title and the
//! rest is body, as in pages without the layout.

use std::ops::Range;

/// Unindented lines longer than this many characters are paragraphs, not header lines.
pub(super) const HEADER_MAX_CHARS: usize = 50;
/// Slots of the newspaper layout: kicker, headline, subtitle.
const SLOTS: usize = 3;

/// A page's kicker, headline and subtitle, trimmed; empty when the page has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Heads<'a> {
    /// The line above the headline (引题).
    pub(crate) kicker: &'a str,
    /// The headline: the article's title.
    pub(crate) headline: &'a str,
    /// The line below the headline (副题).
    pub(crate) subtitle: &'a str,
}

/// True for a line of body text: indented, too long for a header line, or a sentence.
pub(super) fn is_paragraph(line: &str) -> bool {
    let text = line.trim();
    !text.is_empty()
        && (line.starts_with('\u{3000}')
            || line.starts_with("    ")
            || text.ends_with('。')
            || text.chars().count() > HEADER_MAX_CHARS)
}

/// The heads read from `lines[header]`, the header lines at the given indices (one to
/// three, in order), `paragraph` being the index of the first paragraph; `None` when the
/// lines are too many (or none) to be a header.
pub(super) fn read<'a>(lines: &[&'a str], header: &[usize], paragraph: usize) -> Option<Heads<'a>> {
    if let Some([kicker, headline, subtitle]) = layout_slots(lines, header, paragraph) {
        if !kicker.is_empty() && subtitle.is_empty() && is_subtitle(headline) {
            return Some(Heads::two(kicker, headline));
        }
        return Some(Heads {
            kicker,
            headline,
            subtitle,
        });
    }
    let text = |i: usize| lines[i].trim();
    match *header {
        [only] => Some(Heads::two(text(only), "")),
        [first, second] if is_kicker(text(first)) => Some(Heads {
            kicker: text(first),
            headline: text(second),
            subtitle: "",
        }),
        [first, second] => Some(Heads::two(text(first), text(second))),
        [kicker, headline, subtitle] => Some(Heads {
            kicker: text(kicker),
            headline: text(headline),
            subtitle: text(subtitle),
        }),
        _ => None,
    }
}

impl<'a> Heads<'a> {
    /// A headline and its subtitle, no kicker.
    fn two(headline: &'a str, subtitle: &'a str) -> Self {
        Heads {
            kicker: "",
            headline,
            subtitle,
        }
    }
}

/// The three slots of the newspaper layout, when the page follows it: the first paragraph
/// on line 4 (or on line 5 after a blank line 4), every non-blank line above it a header
/// line, and a headline in line 2.
fn layout_slots<'a>(lines: &[&'a str], header: &[usize], paragraph: usize) -> Option<[&'a str; 3]> {
    let slots: Range<usize> = 0..SLOTS;
    let follows = paragraph == SLOTS || (paragraph == SLOTS + 1 && lines[SLOTS].trim().is_empty());
    if !follows || !header.iter().all(|i| slots.contains(i)) {
        return None;
    }
    let filled = slots.filter(|&i| !lines[i].trim().is_empty()).count();
    let slots = [lines[0].trim(), lines[1].trim(), lines[2].trim()];
    (filled == header.len() && !slots[1].is_empty()).then_some(slots)
}

/// A kicker's closing mark: `庆祝中华人民共和国成立70周年——`, `经济观察：`.
fn is_kicker(line: &str) -> bool {
    line.ends_with(['—', '：', ':'])
}

/// A subtitle's opening dash: `——河南省周口市秋粮收获见闻`.
fn is_subtitle(line: &str) -> bool {
    line.starts_with(['—', '─', '－']) || line.starts_with("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_indented_or_long() {
        assert!(is_paragraph("　　本报北京9月30日电"));
        assert!(is_paragraph("    Indented with spaces"));
        assert!(is_paragraph(&"长".repeat(HEADER_MAX_CHARS + 1)));
        assert!(!is_paragraph(&"长".repeat(HEADER_MAX_CHARS)));
        assert!(is_paragraph("会议在北京举行。"));
        assert!(!is_paragraph("  标题一 "));
        assert!(!is_paragraph("\u{3000}\u{3000}"));
        assert!(!is_paragraph(""));
    }

    #[test]
    fn marks() {
        assert!(is_kicker("庆祝中华人民共和国成立70周年——"));
        assert!(is_kicker("经济观察："));
        assert!(!is_kicker("——副题"));
        assert!(is_subtitle("——河南省周口市秋粮收获见闻"));
        assert!(is_subtitle("--记者手记"));
        assert!(!is_subtitle("标题——"));
    }

    #[test]
    fn too_many_lines_are_no_header() {
        let lines = ["一", "二", "三", "四", "　　正文"];
        assert_eq!(read(&lines, &[0, 1, 2, 3], 4), None);
        assert_eq!(read(&lines, &[], 4), None);
    }
}
