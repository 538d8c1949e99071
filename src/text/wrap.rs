//! The Chinese-aware line wrapper: greedy fill over UAX #14 break opportunities taken at
//! grapheme boundaries, with the 避头尾 rules, the quote rule and the URL rule of
//! `rules` on top, and a forced grapheme break where no legal break fits.
//!
//! The wrapper works one line at a time ([`next_line`]), so a caller can lay out the start of a
//! 10 MB paragraph without touching the rest; [`wrap`] is that loop run to the end. UAX #14 is
//! evaluated from each line's start, so a line depends only on the text from its start onward
//! (plus a short look back for URLs): the lines are the same however far a paragraph was wrapped
//! before.
//!
//! Widths come from [`grapheme_width`], so they match what ratatui draws. Spaces (U+0020) at a
//! break or at the end are dropped; other spaces, and a paragraph's leading spaces and `　　`
//! indentation, are text. A grapheme wider than the width on its own (a 2-wide character at
//! width 1) goes alone on its line, which is then wider than asked: [`Line::width`] says so.

use std::ops::Range;

use unicode_linebreak::BreakOpportunity;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::width::grapheme_width;

mod rules;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

/// One wrapped line: a byte range of the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Byte range into the paragraph (spaces dropped at the break are outside it).
    pub range: Range<usize>,
    /// True when no legal break fitted and the line was cut at a grapheme boundary (the break at
    /// this line's end; only after such a line may the next begin with closing punctuation).
    pub forced: bool,
    /// Display width of the line; more than the width asked only when the line is a single
    /// grapheme wider than it.
    pub width: usize,
}

/// Wraps one paragraph to `width` columns (any width, 0 counting as 1). Always at least one line.
pub fn wrap(paragraph: &str, width: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    loop {
        let (line, next) = next_line(paragraph, start, width);
        lines.push(line);
        match next {
            Some(next) => start = next,
            None => return lines,
        }
    }
}

/// The line of `text` that starts at byte `start` (0, or a value this function returned), wrapped
/// to `width` columns, and where the line after it starts (`None` when this one is the last).
pub fn next_line(text: &str, start: usize, width: usize) -> (Line, Option<usize>) {
    LineBuilder::new(text, start, width.max(1)).run()
}

/// A place where the current line may end: the line's end, its width, and the next line's start.
#[derive(Debug, Clone, Copy)]
struct Cut {
    end: usize,
    width: usize,
    next: usize,
}

/// The state of the greedy fill for one line.
struct LineBuilder<'a> {
    text: &'a str,
    start: usize,
    width: usize,
    /// Width of `text[start..i]`, trailing spaces included.
    used: usize,
    /// End of the line's text without trailing spaces, and its width.
    content_end: usize,
    content_width: usize,
    /// The previous grapheme, and the previous one that is not a dropped space.
    prev: &'a str,
    prev_solid: &'a str,
    /// True while only the paragraph's leading spaces have been seen (they are text).
    leading: bool,
    /// True while only the paragraph's leading `　` indentation has been seen.
    indent: bool,
    /// True when the previous grapheme is inside a URL.
    url: bool,
    /// The last legal break; for forced breaks, the last break that keeps the 避头尾 rules and
    /// the last one that at least splits no `……` or `——`.
    legal: Option<Cut>,
    soft: Option<Cut>,
    unsplit: Option<Cut>,
}

impl<'a> LineBuilder<'a> {
    fn new(text: &'a str, start: usize, width: usize) -> Self {
        LineBuilder {
            text,
            start,
            width,
            used: 0,
            content_end: start,
            content_width: 0,
            prev: "",
            prev_solid: "",
            leading: start == 0,
            indent: start == 0,
            url: rules::in_url(text, start),
            legal: None,
            soft: None,
            unsplit: None,
        }
    }

    fn run(mut self) -> (Line, Option<usize>) {
        let text = self.text;
        let rest = &text[self.start..];
        let mut opportunities = unicode_linebreak::linebreaks(rest).peekable();
        for (rel, g) in rest.grapheme_indices(true) {
            let at = self.start + rel;
            let dropped = if rules::is_space(g) {
                !self.leading
            } else {
                is_dropped(g)
            };
            let mut opportunity = None;
            if rel > 0 {
                while opportunities.next_if(|&(o, _)| o < rel).is_some() {}
                opportunity = opportunities
                    .next_if(|&(o, _)| o == rel)
                    .map(|(_, kind)| kind);
                if opportunity == Some(BreakOpportunity::Mandatory) {
                    return self.finish(at);
                }
            }
            let url_before = self.url;
            if rel > 0 {
                self.url = match g.as_bytes() {
                    [b] if b.is_ascii_graphic() => {
                        self.url
                            || (!is_ascii_graphic(self.prev)
                                && rules::starts_url(&rest.as_bytes()[rel..]))
                    }
                    _ => false,
                };
            }
            if dropped {
                self.used += grapheme_width(g);
                self.prev = g;
                continue;
            }
            if rel > 0 && self.content_end > self.start && !self.indent {
                self.consider_break(g, at, opportunity.is_some(), url_before && self.url);
            }
            let gw = grapheme_width(g);
            if self.used.saturating_add(gw) > self.width {
                return self.overflow(g, at, gw);
            }
            self.used += gw;
            self.content_end = at + g.len();
            self.content_width = self.used;
            self.prev = g;
            self.prev_solid = g;
            self.leading &= rules::is_space(g);
            self.indent &= g == "\u{3000}";
        }
        self.finish(text.len())
    }

    /// Records whether the line may end before grapheme `g` at byte `at`.
    fn consider_break(&mut self, g: &str, at: usize, uax14: bool, inside_url: bool) {
        let cut = Cut {
            end: self.content_end,
            width: self.content_width,
            next: at,
        };
        if rules::splits_run(self.prev, g) {
            return;
        }
        self.unsplit = Some(cut);
        let soft = !rules::is_no_line_start(g) && !rules::is_no_line_end(self.prev_solid);
        let allowed = if inside_url {
            rules::url_break(self.prev, g)
        } else {
            uax14 || rules::quote_break(self.prev, g)
        };
        if soft {
            self.soft = Some(cut);
            if allowed {
                self.legal = Some(cut);
            }
        }
    }

    /// Ends the line because grapheme `g` (at byte `at`, `gw` wide) does not fit.
    fn overflow(self, g: &str, at: usize, gw: usize) -> (Line, Option<usize>) {
        if let Some(cut) = self.legal {
            return self.cut(cut, false);
        }
        if self.content_end == self.start {
            let end = at + g.len();
            let line = Line {
                range: self.start..end,
                forced: true,
                width: self.used + gw,
            };
            return (line, next_start(self.text, end));
        }
        let fallback = Cut {
            end: self.content_end,
            width: self.content_width,
            next: at,
        };
        let cut = self.soft.or(self.unsplit).unwrap_or(fallback);
        self.cut(cut, true)
    }

    fn cut(&self, cut: Cut, forced: bool) -> (Line, Option<usize>) {
        let line = Line {
            range: self.start..cut.end,
            forced,
            width: cut.width,
        };
        (line, next_start(self.text, cut.next))
    }

    /// Ends the line at the end of its text (a mandatory break at `next`, or the end).
    fn finish(self, next: usize) -> (Line, Option<usize>) {
        let line = Line {
            range: self.start..self.content_end,
            forced: false,
            width: self.content_width,
        };
        (line, next_start(self.text, next))
    }
}

/// True for what is dropped at a break: spaces and line separators.
fn is_dropped(g: &str) -> bool {
    matches!(
        g,
        " " | "\n" | "\r" | "\r\n" | "\u{b}" | "\u{c}" | "\u{85}" | "\u{2028}" | "\u{2029}"
    )
}

fn is_ascii_graphic(g: &str) -> bool {
    matches!(g.as_bytes(), [b] if b.is_ascii_graphic())
}

/// Where the next line starts: `at`, past any spaces (whole graphemes only: a space carrying a
/// combining mark is text); `None` at the end of the text.
fn next_start(text: &str, at: usize) -> Option<usize> {
    text[at..]
        .grapheme_indices(true)
        .find(|&(_, g)| !rules::is_space(g))
        .map(|(i, _)| at + i)
}
