//! Search inside the article, as less does: `/` opens a prompt on the status line, Enter
//! finds what was typed from the top row in view on (an empty prompt repeats the last
//! find), `n`/`N` step through the matches, wrapping around at the ends, with "3/17" beside
//! the percentage. A find stays with its article; in the next article, `n` runs the last one
//! again from the top.
//!
//! The reader also marks every occurrence of the list query's terms ([`Query::needles`]), and
//! an article opened in the reader under a query with body terms opens at the first of them in
//! its body, as the current match of a find for them (so `n` goes on from there). That happens
//! once per article shown: back in the list and in again, the reader keeps its place.
//!
//! While the prompt is open every key is prompt text or edits it (`keymap::prompt` says which);
//! what the prompt holds is [`App::find_prompt`].

use super::detail::Outcome;
use super::{App, QueryInput};
use crate::query::Query;
use crate::query::needles::Needles;

/// What the status line says when a find matches nothing.
pub(crate) const NOT_FOUND: &str = "pattern not found";
/// What it says when `n`/`N` went round an end of the article.
pub(crate) const WRAPPED: &str = "search wrapped around";
/// What it says for `n`/`N` before any find.
pub(crate) const NO_PATTERN: &str = "no previous search: / finds text in the article";

/// The find prompt and the last find.
#[derive(Debug, Clone, Default)]
pub(crate) struct FindState {
    /// The prompt being typed, while it is open.
    prompt: Option<QueryInput>,
    /// The last text found (what an empty prompt and `n` in another article look for).
    last: Option<String>,
}

impl App {
    /// The find prompt's text and cursor, while it is open.
    pub(crate) fn find_prompt(&self) -> Option<&QueryInput> {
        self.find.prompt.as_ref()
    }

    /// Opens the find prompt (when an article is shown).
    pub(super) fn find_start(&mut self) -> bool {
        if self.detail.is_none() {
            return false;
        }
        self.find.prompt = Some(QueryInput::default());
        true
    }

    /// Edits the open prompt.
    pub(super) fn find_edit(&mut self, edit: impl FnOnce(&mut QueryInput)) -> bool {
        match &mut self.find.prompt {
            Some(prompt) => {
                edit(prompt);
                true
            }
            None => false,
        }
    }

    /// Closes the prompt without finding.
    pub(super) fn find_cancel(&mut self) -> bool {
        self.find.prompt.take().is_some()
    }

    /// Closes the prompt and finds what it holds (the last find when it is empty).
    pub(super) fn find_run(&mut self) -> bool {
        let Some(prompt) = self.find.prompt.take() else {
            return false;
        };
        let typed = prompt.text().trim();
        let pattern = if typed.is_empty() {
            self.find.last.clone()
        } else {
            Some(typed.to_string())
        };
        let Some(pattern) = pattern else {
            self.notice = Some(NO_PATTERN);
            return true;
        };
        self.find.last = Some(pattern.clone());
        if let Some(d) = &mut self.detail {
            let needles = Needles::new(&[&pattern]);
            let outcome = d.find(pattern, &needles);
            self.tell(outcome);
        }
        true
    }

    /// `n` (`forward`) or `N`: the next or previous match; in an article with no find yet,
    /// the last find from the top row in view.
    pub(super) fn step_match(&mut self, forward: bool) -> bool {
        let Some(d) = &mut self.detail else {
            return false;
        };
        let outcome = match d.step_match(forward) {
            Some(outcome) => outcome,
            None => match &self.find.last {
                Some(pattern) => d.find(pattern.clone(), &Needles::new(&[pattern])),
                None => {
                    self.notice = Some(NO_PATTERN);
                    return true;
                }
            },
        };
        self.tell(outcome);
        true
    }

    /// Says on the status line what a find or step came to (nothing when it simply found).
    fn tell(&mut self, outcome: Outcome) {
        self.notice = match outcome {
            Outcome::Found => None,
            Outcome::Wrapped => Some(WRAPPED),
            Outcome::NotFound => Some(NOT_FOUND),
        };
    }

    /// Brings the article's marks in line with the query (its terms marked) and, when the
    /// reader has just opened an article, starts it at the first match of the query's body
    /// terms. Called at the end of every `sync`.
    pub(super) fn sync_find(&mut self) {
        let query = Query::parse(self.query.text()).ok();
        let Some(d) = &mut self.detail else {
            return;
        };
        let needles = query.as_ref().map(Query::needles).unwrap_or_default();
        d.set_terms(Needles::new(&needles));
        // Once per article shown: going back to the list and in again keeps the place.
        if !self.reader || d.height() == 0 || !d.first_opening() {
            return;
        }
        let body = query.as_ref().map(Query::body_needles).unwrap_or_default();
        if !body.is_empty() {
            let from = d.body_offset();
            d.find_from(body.join(" "), &Needles::new(&body), from);
        }
    }
}

#[cfg(test)]
mod tests;
