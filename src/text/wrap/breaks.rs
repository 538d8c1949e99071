//! The UAX #14 break opportunities of one line, read from a window of the paragraph that grows
//! only as far as the line reaches, and the [`Work`] counter that proves wrapping linear.
//!
//! Why a window: `unicode_linebreak::linebreaks` yields only the opportunities, so asking whether
//! there is one at a position runs its state machine on to the next one, which is the end of the
//! paragraph when the rest is one unbroken word, `，，，…`, `———…` or `“““…`. Asking that once per
//! line made wrapping quadratic (issue 11, row 9: a 1 MB unbroken word took 27 s). The crate's
//! pair table has no look-ahead: whether a line may break before a character depends only on the
//! text before it and the character itself. So the opportunities a window `rest[..w]` reports
//! before `w` are exactly the paragraph's, and only the window's own end (reported as the
//! mandatory end of text) is not. A line asks about positions in order; the window starts a few
//! times the width long and doubles whenever the line reaches its end, so a line costs a bounded
//! multiple of the bytes it actually covers, however long the paragraph.

use std::iter::Peekable;

use unicode_linebreak::BreakOpportunity;

/// What wrapping examined, for tests and benchmarks that bound the cost by counting rather than
/// by the clock: every grapheme scanned and every byte read, by any pass (the greedy fill, the
/// UAX #14 window, the look for the next line's start), counting repeats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Work {
    /// Grapheme clusters scanned.
    pub(crate) graphemes: usize,
    /// Bytes read: the graphemes' bytes plus the bytes of every UAX #14 window.
    pub(crate) bytes: usize,
}

impl Work {
    /// Counts one grapheme scanned.
    pub(super) fn grapheme(&mut self, g: &str) {
        self.graphemes += 1;
        self.bytes += g.len();
    }
}

/// Bytes of the first window for a line `width` columns wide: enough for a line of Chinese
/// (3 bytes for 2 columns) or of ASCII, plus the grapheme that overflows it, in one go.
fn first_window(width: usize) -> usize {
    width.saturating_mul(2).saturating_add(16)
}

/// The break opportunities of `rest` (the text from a line's start), asked in increasing order.
pub(super) struct Breaks<'a, I: Iterator, F> {
    rest: &'a str,
    /// The window is `rest[..window]`; its opportunities before `window` are real.
    window: usize,
    make: F,
    opportunities: Peekable<I>,
}

impl<'a, I, F> Breaks<'a, I, F>
where
    I: Iterator<Item = (usize, BreakOpportunity)>,
    F: Fn(&'a str) -> I,
{
    /// The opportunities of `rest` for a line `width` columns wide, found by `make` (in the
    /// wrapper, `unicode_linebreak::linebreaks`).
    pub(super) fn new(rest: &'a str, width: usize, make: F, work: &mut Work) -> Self {
        let window = rest.ceil_char_boundary(first_window(width));
        work.bytes += window;
        Breaks {
            rest,
            window,
            opportunities: make(&rest[..window]).peekable(),
            make,
        }
    }

    /// The opportunity at byte `at` of `rest`, if any. Calls must come with `at` increasing.
    pub(super) fn at(&mut self, at: usize, work: &mut Work) -> Option<BreakOpportunity> {
        if at >= self.window && self.window < self.rest.len() {
            let mut window = self.window;
            while at >= window {
                window = window.saturating_mul(2);
            }
            self.window = self.rest.ceil_char_boundary(window);
            work.bytes += self.window;
            self.opportunities = (self.make)(&self.rest[..self.window]).peekable();
        }
        while self.opportunities.next_if(|&(o, _)| o < at).is_some() {}
        self.opportunities
            .next_if(|&(o, _)| o == at)
            .map(|(_, kind)| kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_linebreak::linebreaks;

    /// Every position of `text` asked in order, through windows starting at `width`.
    fn all(text: &str, width: usize) -> (Vec<(usize, BreakOpportunity)>, Work) {
        let mut work = Work::default();
        let mut breaks = Breaks::new(text, width, linebreaks, &mut work);
        let found = (1..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .filter_map(|i| breaks.at(i, &mut work).map(|k| (i, k)))
            .collect();
        (found, work)
    }

    #[test]
    fn a_window_reports_the_paragraphs_own_opportunities() {
        let samples = [
            "要牢固树立“四个意识”，深刻认识到做好新形势下人大工作，",
            "see https://www.example.com/a?id=1 and 5.2% of (it). Next\nline\r\nend",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b",
            "，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，中",
            "👩‍🔬👩‍🔬👩‍🔬👩‍🔬👩‍🔬👩‍🔬👩‍🔬👩‍🔬👩‍🔬 1️⃣🇨🇳🇨🇳🇨 e\u{301}\u{301}\u{301}——……“““",
        ];
        for text in samples {
            let whole: Vec<_> = linebreaks(text).filter(|&(i, _)| i > 0).collect();
            for width in [0, 1, 2, 5, 12, 80] {
                assert_eq!(all(text, width).0, whole, "{text:?} at {width}");
            }
        }
    }

    #[test]
    fn windows_double_so_a_long_line_costs_a_bounded_multiple_of_its_bytes() {
        let text = "a".repeat(100_000);
        let (found, work) = all(&text, 1);
        assert_eq!(found, [(100_000, BreakOpportunity::Mandatory)]);
        assert!(work.bytes <= 4 * text.len(), "{work:?}");
    }
}
