//! What the reader marks in the article: the matches of a find (`/`, or the body terms the
//! reader opened at), one of them current, and every occurrence of the query's terms.
//!
//! Matches are byte ranges of the layout's whole text ([`crate::text::layout::Layout::text`]),
//! never rows, so they survive a resize: the rows that show a match are found again through
//! the layout's positions. The query's terms are found only around the rows in view (a
//! screenful of text), so opening or scrolling a huge article costs no scan of it; a find
//! reads the whole article once, to count its matches ("3/17").

use std::ops::Range;

use crate::query::needles::Needles;

/// How a stretch of a row is marked; a stronger mark wins where two overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Mark {
    /// An occurrence of one of the list query's terms.
    Term,
    /// A match of the find that is not the current one.
    Found,
    /// The current match of the find (`n`/`N` move it).
    Current,
}

/// A find in one article: what was asked, every match, and which one is current.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// What the user asked for, as shown beside the counter.
    pub(crate) label: String,
    /// Every match, ascending, not overlapping.
    pub(crate) matches: Vec<Range<usize>>,
    /// Index of the current match in `matches`.
    pub(crate) current: usize,
}

impl Found {
    /// Every match of `needles` in `text`, the current one the first that starts at or after
    /// `from` (else the first of all); `None` when there is no match.
    pub(crate) fn new(label: String, needles: &Needles, text: &str, from: usize) -> Option<Found> {
        let matches = needles.find_all(text, 0..text.len());
        if matches.is_empty() {
            return None;
        }
        let current = matches.partition_point(|m| m.start < from) % matches.len();
        Some(Found {
            label,
            matches,
            current,
        })
    }

    /// Moves to the next (or previous) match, wrapping around at the ends; true when it
    /// wrapped.
    pub(crate) fn step(&mut self, forward: bool) -> bool {
        let n = self.matches.len();
        let (next, wrapped) = match forward {
            true if self.current + 1 == n => (0, true),
            true => (self.current + 1, false),
            false if self.current == 0 => (n - 1, true),
            false => (self.current - 1, false),
        };
        self.current = next;
        wrapped && n > 1
    }

    /// The current match.
    pub(crate) fn current(&self) -> Range<usize> {
        self.matches[self.current].clone()
    }

    /// The counter the reader shows: `3/17`.
    pub(crate) fn counter(&self) -> String {
        format!("{}/{}", self.current + 1, self.matches.len())
    }

    /// The matches that touch `window`, each with its mark.
    pub(crate) fn in_window(&self, window: &Range<usize>) -> Vec<(Range<usize>, Mark)> {
        let first = self.matches.partition_point(|m| m.end <= window.start);
        self.matches[first..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.start < window.end)
            .map(|(i, m)| {
                let mark = if first + i == self.current {
                    Mark::Current
                } else {
                    Mark::Found
                };
                (m.clone(), mark)
            })
            .collect()
    }
}

/// The marks of one row that starts at byte `start` of the whole text and holds `len` bytes,
/// from `marks` (ranges of the whole text, in any order, possibly overlapping): ranges of the
/// row's own text, ascending, not overlapping, the strongest mark winning each byte.
pub(crate) fn row_marks(
    start: usize,
    len: usize,
    marks: &[(Range<usize>, Mark)],
) -> Vec<(Range<usize>, Mark)> {
    let end = start + len;
    let mut paint: Vec<Option<Mark>> = Vec::new();
    for (range, mark) in marks {
        let (from, to) = (range.start.max(start), range.end.min(end));
        if from >= to {
            continue;
        }
        if paint.is_empty() {
            paint = vec![None; len];
        }
        for cell in &mut paint[from - start..to - start] {
            *cell = (*cell).max(Some(*mark));
        }
    }
    let mut out: Vec<(Range<usize>, Mark)> = Vec::new();
    for (at, cell) in paint.iter().enumerate() {
        let Some(mark) = *cell else { continue };
        match out.last_mut() {
            Some((range, last)) if range.end == at && *last == mark => range.end = at + 1,
            _ => out.push((at..at + 1, mark)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_match_starts_at_the_reading_place_and_wraps_both_ways() {
        let text = "国旗 国旗 国旗";
        let needles = Needles::new(&["国旗"]);
        let mut f = Found::new("国旗".into(), &needles, text, 1).unwrap();
        assert_eq!((f.counter(), f.current()), ("2/3".to_string(), 7..13));
        assert!(!f.step(true));
        assert_eq!(f.counter(), "3/3");
        assert!(f.step(true), "past the last: the first");
        assert_eq!(f.counter(), "1/3");
        assert!(f.step(false), "before the first: the last");
        assert_eq!(f.counter(), "3/3");
        let past_the_end = Found::new("国旗".into(), &needles, text, 99).unwrap();
        assert_eq!(past_the_end.counter(), "1/3");
        assert!(Found::new("x".into(), &Needles::new(&["国徽"]), text, 0).is_none());
        let mut one = Found::new("x".into(), &Needles::new(&["国旗 国旗 国旗"]), text, 0).unwrap();
        assert!(!one.step(true), "one match: nothing to wrap to");
        assert_eq!(one.counter(), "1/1");
    }

    #[test]
    fn window_marks_tell_the_current_match() {
        let needles = Needles::new(&["ab"]);
        let f = super::Found::new("ab".into(), &needles, "ab ab ab ab", 3).unwrap();
        use Mark::*;
        assert_eq!(f.in_window(&(4..8)), [(3..5, Current), (6..8, Found)]);
        assert_eq!(f.in_window(&(5..6)), []);
    }

    #[test]
    fn a_row_takes_the_strongest_mark_of_each_byte() {
        use Mark::*;
        let marks = [
            (0..4, Term),
            (4..6, Current),
            (2..5, Term),
            (8..20, Found),
            (30..31, Term),
        ];
        assert_eq!(
            row_marks(3, 8, &marks),
            [(0..1, Term), (1..3, Current), (5..8, Found)]
        );
        assert_eq!(row_marks(20, 10, &marks), []);
    }
}
