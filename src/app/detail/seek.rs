//! Finding in the open article: running a find, stepping through its matches as less does
//! (`n`/`N`, wrapping around), scrolling a match into view with a little context above it,
//! and what the rows in view mark.

use std::ops::Range;

use super::found::{Found, Mark};
use super::{Detail, Pending};
use crate::query::needles::Needles;

/// Rows of text left above a match the reader jumps to (less puts it on the top row; a row or
/// two above it say where it is).
const CONTEXT_ROWS: usize = 2;

/// What became of a find or a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// A match is current (and in view).
    Found,
    /// A match is current, reached by wrapping around an end of the article.
    Wrapped,
    /// Nothing matches.
    NotFound,
}

impl Detail {
    /// Marks `terms` (the query's needles) wherever they show; no work when they are the ones
    /// marked already.
    pub(crate) fn set_terms(&mut self, terms: Needles) {
        if terms != self.terms {
            self.terms = terms;
            self.clamp_and_refresh(false);
        }
    }

    /// Finds `needles` in the whole article (`label` is what the counter shows it as). The
    /// current match is the first at or after byte `from` of the text (else the first of
    /// all), scrolled into view.
    pub(crate) fn find_from(&mut self, label: String, needles: &Needles, from: usize) -> Outcome {
        self.found = Found::new(label, needles, self.layout.text(), from);
        let Some(found) = &self.found else {
            self.clamp_and_refresh(false);
            return Outcome::NotFound;
        };
        let wrapped = found.current().start < from;
        self.show_current_match();
        if wrapped {
            Outcome::Wrapped
        } else {
            Outcome::Found
        }
    }

    /// Finds `needles` from the top row in view on, as less's `/` does.
    pub(crate) fn find(&mut self, label: String, needles: &Needles) -> Outcome {
        let from = self.layout.offset_of(self.pos);
        self.find_from(label, needles, from)
    }

    /// True the first time it is asked: the reader opens the article now (and starts at the
    /// first body match).
    pub(crate) fn first_opening(&mut self) -> bool {
        !std::mem::replace(&mut self.opened, true)
    }

    /// Where the body starts in the article's text (a body search starts there).
    pub(crate) fn body_offset(&self) -> usize {
        self.layout.body_offset()
    }

    /// Makes the next (or previous) match current, wrapping around; `None` when there is no
    /// find in this article.
    pub(crate) fn step_match(&mut self, forward: bool) -> Option<Outcome> {
        let wrapped = self.found.as_mut()?.step(forward);
        self.show_current_match();
        Some(if wrapped {
            Outcome::Wrapped
        } else {
            Outcome::Found
        })
    }

    /// What the find looked for and where it is: (`国旗`, `3/17`).
    pub(crate) fn match_counter(&self) -> Option<(&str, String)> {
        self.found.as_ref().map(|f| (f.label.as_str(), f.counter()))
    }

    /// The current match's text, and whether all its rows are in view.
    #[cfg(test)]
    pub(crate) fn current_match(&mut self) -> Option<(String, bool)> {
        let m = self.found.as_ref()?.current();
        let text = self.layout.text()[m].to_string();
        Some((text, self.current_match_in_view()))
    }

    /// The rows that show the current match (first and last), if there is one.
    fn current_match_rows(&mut self) -> Option<(usize, usize)> {
        let m = self.found.as_ref()?.current();
        let first = self.layout.position_of(m.start);
        let last = self
            .layout
            .position_of(m.end.saturating_sub(1).max(m.start));
        Some((self.layout.row_of(first), self.layout.row_of(last)))
    }

    /// True when every row of the current match is in view.
    pub(super) fn current_match_in_view(&mut self) -> bool {
        if self.height == 0 || self.pending != Pending::None {
            return false;
        }
        let top = self.top;
        let bottom = top + self.height;
        self.current_match_rows()
            .is_some_and(|(first, last)| first >= top && last < bottom)
    }

    /// Scrolls so the current match is in view: where it is when it already is, else with
    /// [`CONTEXT_ROWS`] rows above it.
    pub(super) fn show_current_match(&mut self) {
        if self.current_match_in_view() {
            self.clamp_and_refresh(false);
            return;
        }
        let Some((first, _)) = self.current_match_rows() else {
            return;
        };
        self.resumed = false;
        self.pending = Pending::None;
        self.top = first.saturating_sub(CONTEXT_ROWS.min(self.height.saturating_sub(1) / 2));
        self.clamp_and_refresh(true);
    }

    /// The marks that touch `window` (a byte range of the text): the find's matches, and the
    /// query's terms found around it.
    pub(super) fn marks_in(&self, window: Range<usize>) -> Vec<(Range<usize>, Mark)> {
        let mut marks = self
            .found
            .as_ref()
            .map(|f| f.in_window(&window))
            .unwrap_or_default();
        if !self.terms.is_empty() && !window.is_empty() {
            // A term that starts above the window and runs into it is found from a little
            // before it.
            let reach = self.terms.longest() * 4;
            let from = window.start.saturating_sub(reach);
            let text = self.layout.text();
            marks.extend(
                self.terms
                    .find_all(text, from..window.end.saturating_add(reach))
                    .into_iter()
                    .filter(|m| m.end > window.start && m.start < window.end)
                    .map(|m| (m, Mark::Term)),
            );
        }
        marks
    }
}
