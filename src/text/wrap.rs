//! The Chinese-aware line wrapper: greedy fill over UAX #14 break opportunities taken at
//! grapheme boundaries, with the 避头尾 rules, the quote rule and the URL rule of
//! `rules` on top, and a forced grapheme break where no legal break fits.
//!
//! The wrapper works one line at a time ([`next_line`]), so a caller can lay out the start of a
//! 10 MB paragraph without touching the rest; [`wrap`] is that loop run to the end. Each line is
//! computed from its [`LineStart`]: its byte offset plus what the line before it knew there
//! (whether a URL runs on into it), so no line looks back, and a line's UAX #14 opportunities
//! come from a window that reaches only as far as the line does (`breaks`). A line therefore
//! costs a bounded multiple of the bytes it covers, and wrapping a paragraph is linear in its
//! length whatever it holds (one unbroken 10 MB word, 10 MB of `，`): [`Work`] counts it, and the
//! tests bound that count. Graphemes come from `clusters`: unicode-segmentation's, found without
//! its general state machine for the plain characters most news text is made of. A line never
//! holds more than [`MAX_LINE_BYTES`] (plus 16 bytes a column) unless it is one grapheme, so no
//! row is too long to draw however many zero-width characters it has.
//!
//! Widths come from [`grapheme_width`], so they match what ratatui draws. Spaces (U+0020) at a
//! break or at the end are dropped; other spaces, and a paragraph's leading spaces and `　　`
//! indentation, are text. A grapheme wider than the width on its own (a 2-wide character at
//! width 1) goes alone on its line, which is then wider than asked: [`Line::width`] says so.

use std::ops::Range;

use unicode_linebreak::BreakOpportunity;

use crate::text::width::grapheme_width;

mod breaks;
mod clusters;
mod rules;
mod start;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod work_tests;

use breaks::Breaks;
pub(crate) use breaks::Work;
use clusters::Clusters;
pub(crate) use start::LineStart;
use start::{After, next_start};

/// Bytes a line may hold besides 16 a column before it is cut (forced) whatever its width: only
/// zero-width characters (joiners, marks on nothing) make a line that long.
pub(crate) const MAX_LINE_BYTES: usize = 64 * 1024;

/// One wrapped line: a byte range of the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// Byte range into the paragraph (spaces dropped at the break are outside it).
    pub(crate) range: Range<usize>,
    /// True when no legal break fitted and the line was cut at a grapheme boundary (the break at
    /// this line's end; only after such a line may the next begin with closing punctuation).
    pub(crate) forced: bool,
    /// Display width of the line; more than the width asked only when the line is a single
    /// grapheme wider than it.
    pub(crate) width: usize,
}

/// Wraps one paragraph to `width` columns (any width, 0 counting as 1). Always at least one line.
pub(crate) fn wrap(paragraph: &str, width: usize) -> Vec<Line> {
    wrap_counted(paragraph, width, &mut Work::default())
}

/// [`wrap`], adding what it examined to `work`.
pub(crate) fn wrap_counted(paragraph: &str, width: usize, work: &mut Work) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = LineStart::PARAGRAPH;
    loop {
        let (line, next) = next_line_counted(paragraph, start, width, work);
        lines.push(line);
        match next {
            Some(next) => start = next,
            None => return lines,
        }
    }
}

/// The line of `text` that starts at `start` (wrapped to `width` columns), and where the line
/// after it starts (`None` when this one is the last).
#[cfg(test)]
pub(crate) fn next_line(text: &str, start: LineStart, width: usize) -> (Line, Option<LineStart>) {
    next_line_counted(text, start, width, &mut Work::default())
}

/// [`next_line`], adding what it examined to `work`.
pub(crate) fn next_line_counted(
    text: &str,
    start: LineStart,
    width: usize,
    work: &mut Work,
) -> (Line, Option<LineStart>) {
    LineBuilder::new(text, start, width.max(1)).run(work)
}

/// A place where the current line may end: the line's end, its width, the next line's start and
/// what comes before that start.
#[derive(Debug, Clone, Copy)]
struct Cut {
    end: usize,
    width: usize,
    next: usize,
    after: After,
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
    /// The previous grapheme: whether it is printable ASCII and inside a URL.
    after: After,
    /// The last legal break; for forced breaks, the last break that keeps the 避头尾 rules and
    /// the last one that at least splits no `……` or `——`.
    legal: Option<Cut>,
    soft: Option<Cut>,
    unsplit: Option<Cut>,
}

impl<'a> LineBuilder<'a> {
    fn new(text: &'a str, start: LineStart, width: usize) -> Self {
        LineBuilder {
            text,
            start: start.byte,
            width,
            used: 0,
            content_end: start.byte,
            content_width: 0,
            prev: "",
            prev_solid: "",
            leading: start.byte == 0,
            indent: start.byte == 0,
            after: start.after,
            legal: None,
            soft: None,
            unsplit: None,
        }
    }

    fn run(mut self, work: &mut Work) -> (Line, Option<LineStart>) {
        let text = self.text;
        let rest = &text[self.start..];
        let mut opportunities = Breaks::new(rest, self.width, unicode_linebreak::linebreaks, work);
        let max_bytes = MAX_LINE_BYTES.saturating_add(self.width.saturating_mul(16));
        for (rel, g) in Clusters::new(rest) {
            work.grapheme(g);
            let at = self.start + rel;
            let dropped = if rules::is_space(g) {
                !self.leading
            } else {
                is_dropped(g)
            };
            let mut opportunity = None;
            if rel > 0 {
                opportunity = opportunities.at(rel, work);
                if opportunity == Some(BreakOpportunity::Mandatory) {
                    return self.finish(at, work);
                }
            }
            let before = self.after;
            let ascii = is_ascii_graphic(g);
            self.after = After {
                ascii,
                url: ascii
                    && (before.url
                        || (!before.ascii && rules::starts_url(&rest.as_bytes()[rel..]))),
            };
            if dropped {
                self.used += grapheme_width(g);
                self.prev = g;
                continue;
            }
            if rel > 0 && self.content_end > self.start && !self.indent {
                self.consider_break(g, at, opportunity.is_some(), before);
            }
            let gw = grapheme_width(g);
            let too_long = rel >= max_bytes && self.content_end > self.start;
            if self.used.saturating_add(gw) > self.width || too_long {
                return self.overflow(g, at, gw, before, work);
            }
            self.used += gw;
            self.content_end = at + g.len();
            self.content_width = self.used;
            self.prev = g;
            self.prev_solid = g;
            self.leading &= rules::is_space(g);
            self.indent &= g == "\u{3000}";
        }
        self.finish(text.len(), work)
    }

    /// Records whether the line may end before grapheme `g` at byte `at`; `before` is what the
    /// URL rule knew of the grapheme before `g`.
    fn consider_break(&mut self, g: &str, at: usize, uax14: bool, before: After) {
        let cut = Cut {
            end: self.content_end,
            width: self.content_width,
            next: at,
            after: before,
        };
        if rules::splits_run(self.prev, g) {
            return;
        }
        self.unsplit = Some(cut);
        let soft = !rules::is_no_line_start(g) && !rules::is_no_line_end(self.prev_solid);
        let allowed = if before.url && self.after.url {
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

    /// Ends the line because grapheme `g` (at byte `at`, `gw` wide, `before` what the URL rule
    /// knew of the grapheme before it) does not fit, or the line is [`MAX_LINE_BYTES`] long.
    fn overflow(
        self,
        g: &str,
        at: usize,
        gw: usize,
        before: After,
        work: &mut Work,
    ) -> (Line, Option<LineStart>) {
        if let Some(cut) = self.legal {
            return self.cut(cut, false, work);
        }
        if self.content_end == self.start {
            let end = at + g.len();
            let line = Line {
                range: self.start..end,
                forced: true,
                width: self.used + gw,
            };
            return (line, next_start(self.text, end, self.after, work));
        }
        let fallback = Cut {
            end: self.content_end,
            width: self.content_width,
            next: at,
            after: before,
        };
        let cut = self.soft.or(self.unsplit).unwrap_or(fallback);
        self.cut(cut, true, work)
    }

    fn cut(&self, cut: Cut, forced: bool, work: &mut Work) -> (Line, Option<LineStart>) {
        let line = Line {
            range: self.start..cut.end,
            forced,
            width: cut.width,
        };
        (line, next_start(self.text, cut.next, cut.after, work))
    }

    /// Ends the line at the end of its text (a mandatory break at `next`, or the end).
    fn finish(self, next: usize, work: &mut Work) -> (Line, Option<LineStart>) {
        let line = Line {
            range: self.start..self.content_end,
            forced: false,
            width: self.content_width,
        };
        (line, next_start(self.text, next, self.after, work))
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
