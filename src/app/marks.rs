//! What the interface remembers of the reader (issue 15): read marks, stars, labels and the
//! place in each article, kept as [`Memory`] (by id) and [`Flags`] (by article number, what
//! the list's styling and the query's `is:`/`label:` terms read).
//!
//! The App never touches the store: every change is applied to its own `Memory` and `Flags`
//! at once and queued as a [`Change`], which the event loop takes ([`App::take_changes`]) and
//! hands to the store after each update. The store's `Memory` arrives a moment after the
//! first frame ([`App::attach_memory`]); changes made before that are replayed on it, and
//! until then the list shows no marks (nothing is known yet).
//!
//! Opening an article marks it read: the reader opening on it, or the article pane taking the
//! focus with it (the pane beside the list following the selection does not). The place in
//! an article ([`Place`], the text at the top of the view) is stored when the reader leaves
//! it — another article shown, the reader closed, juan quitting — and an article shown again
//! opens there (`Detail::resume`).

use std::collections::HashMap;
use std::sync::Arc;

use super::{App, Focus};
use crate::state::{Change, Flags, Memory, Place};

/// What the status line says after the read key marked an article read.
pub(crate) const READ_NOTICE: &str = "marked read";
/// What it says after the read key marked an article unread.
pub(crate) const UNREAD_NOTICE: &str = "marked unread";
/// What it says after the star key starred an article.
pub(crate) const STARRED_NOTICE: &str = "starred";
/// What it says after the star key took a star away.
pub(crate) const UNSTARRED_NOTICE: &str = "star taken away";

/// The interface's share of what is remembered.
#[derive(Debug, Default)]
pub(crate) struct Remembered {
    /// Everything remembered, by article id.
    memory: Memory,
    /// True once the store's memory arrived (or state is off): the list shows marks.
    attached: bool,
    /// Changes made before the store's memory arrived, replayed on it.
    early: Vec<Change>,
    /// Changes not yet taken by the event loop.
    queue: Vec<Change>,
    /// Why state is off, or that a bad state file was moved aside (until the next key).
    notice: Option<String>,
    /// The article being read after the last update (the reader or the focused pane on it).
    reading: Option<usize>,
    /// True once the user pressed a key (a session is no longer restored over it).
    pub(super) touched: bool,
    /// A restored session's selection waiting for its article (`session.rs`).
    pub(super) pending: Option<super::session::PendingSelection>,
}

/// What the list shows of one article's marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct RowMarks {
    /// Opened, or marked read by hand.
    pub(crate) read: bool,
    /// Starred.
    pub(crate) starred: bool,
}

impl App {
    /// Takes what the store remembers (loaded on a thread at start-up) and a notice for the
    /// status line (state off, a bad file moved aside). Changes made before it arrived are
    /// replayed on it; from now on the list shows read marks and stars.
    pub(crate) fn attach_memory(&mut self, mut memory: Memory, notice: Option<String>) {
        let r = &mut self.remembered;
        for change in std::mem::take(&mut r.early) {
            memory.apply(&change);
        }
        self.flags = Arc::new(Flags::resolve(&memory, &self.corpus));
        r.memory = memory;
        r.attached = true;
        r.notice = notice;
        // A query typed before the marks came read none: it is searched again with them.
        if crate::query::Query::parse(self.query.text()).is_ok_and(|q| q.reads_marks()) {
            self.search.shown = None;
            self.refilter();
        }
    }

    /// True once the store's memory arrived (or state is off): marks are shown.
    pub(crate) fn marks_shown(&self) -> bool {
        self.remembered.attached
    }

    /// Resolves the marks of articles loaded since the last call (after a batch arrives,
    /// before its search is handed out).
    pub(crate) fn extend_flags(&mut self) {
        let r = &self.remembered;
        if r.attached {
            Arc::make_mut(&mut self.flags).extend(&r.memory, &self.corpus);
        }
    }

    /// What is remembered, by id.
    pub(crate) fn memory(&self) -> &Memory {
        &self.remembered.memory
    }

    /// The changes made since the last call, oldest first, for the store.
    pub(crate) fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.remembered.queue)
    }

    /// The store could not keep a change: the status line says so (until the next key); the
    /// marks stay for this session.
    pub(crate) fn state_failed(&mut self, notice: String) {
        self.remembered.notice = Some(notice);
    }

    /// What the state store had to say (state off, a bad file moved aside), until the next key.
    pub(crate) fn state_notice(&self) -> Option<&str> {
        self.remembered.notice.as_deref()
    }

    /// Article `i`'s read mark and star, as the list shows them; `None` until marks are shown.
    pub(crate) fn row_marks(&self, i: usize) -> Option<RowMarks> {
        let r = &self.remembered;
        r.attached.then(|| RowMarks {
            read: self.flags.is_read(i),
            starred: self.flags.is_starred(i),
        })
    }

    /// The marks of the article in the pane (its star and labels show on its border).
    pub(crate) fn detail_marks(&self) -> Option<crate::state::Marks> {
        let i = self.detail.as_ref()?.article();
        self.memory().get(&self.id_of(i)).cloned()
    }

    /// How many listed articles are unread; `None` until marks are shown. One bit test per
    /// hit (about a millisecond for a million).
    pub(crate) fn unread_listed(&self) -> Option<usize> {
        let r = &self.remembered;
        r.attached.then(|| {
            self.hits
                .iter()
                .filter(|h| !self.flags.is_read(h.article()))
                .count()
        })
    }

    /// Unread articles per source over the whole archive; `None` until marks are shown.
    pub(crate) fn unread_by_source(&self) -> Option<HashMap<&str, usize>> {
        let r = &self.remembered;
        if !r.attached {
            return None;
        }
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (i, source) in self.corpus.sources().enumerate() {
            if !self.flags.is_read(i) {
                *counts.entry(source).or_default() += 1;
            }
        }
        Some(counts)
    }

    /// The id of article `i`.
    pub(super) fn id_of(&self, i: usize) -> String {
        let (chunk, local) = self.corpus.locate(i);
        chunk.index.id(local).into_owned()
    }

    /// Applies `change` to article `i`: memory, flags and the queue for the store.
    pub(super) fn change(&mut self, i: usize, change: Change) {
        let r = &mut self.remembered;
        let marks = r.memory.apply(&change);
        if i < self.corpus.len() {
            Arc::make_mut(&mut self.flags).set(i, &marks);
        }
        if !r.attached {
            r.early.push(change.clone());
        }
        r.queue.push(change);
    }

    /// The article a mark key is about: the one being read, else the selected one.
    pub(super) fn mark_target(&self) -> Option<usize> {
        match &self.detail {
            Some(d) if self.reader || self.focus == Focus::Detail => Some(d.article()),
            _ => self.hits.get(self.selected).map(|h| h.article()),
        }
    }

    /// `m`: read ↔ unread.
    pub(super) fn toggle_read(&mut self) -> bool {
        let Some(i) = self.mark_target() else {
            return false;
        };
        let id = self.id_of(i);
        let read = !self.memory().get(&id).is_some_and(|m| m.read);
        self.change(i, Change::Read { id, read });
        self.notice = Some(if read { READ_NOTICE } else { UNREAD_NOTICE });
        true
    }

    /// `*`: starred ↔ not.
    pub(super) fn toggle_star(&mut self) -> bool {
        let Some(i) = self.mark_target() else {
            return false;
        };
        let id = self.id_of(i);
        let starred = !self.memory().get(&id).is_some_and(|m| m.starred);
        self.change(i, Change::Star { id, starred });
        self.notice = Some(if starred {
            STARRED_NOTICE
        } else {
            UNSTARRED_NOTICE
        });
        true
    }

    /// After every update (`key`: one the user pressed, not a resize): the article the reader
    /// has just come to is marked read, the one it has just left keeps its place, and the
    /// state notice goes with the first key. True when that notice went (a redraw).
    pub(super) fn after_update(&mut self, key: bool) -> bool {
        let mut cleared = false;
        if key {
            cleared = self.remembered.notice.take().is_some();
            self.remembered.touched = true;
            self.remembered.pending = None;
        }
        let now = match &self.detail {
            Some(d) if self.reader || self.focus == Focus::Detail => Some(d.article()),
            _ => None,
        };
        let before = std::mem::replace(&mut self.remembered.reading, now);
        if before == now {
            return cleared;
        }
        if let Some(left) = before
            && let Some(d) = self.detail.as_ref().filter(|d| d.article() == left)
        {
            let place = d.place();
            self.remember_place(left, place);
        }
        if let Some(i) = now {
            let id = self.id_of(i);
            if !self.memory().get(&id).is_some_and(|m| m.read) {
                self.change(i, Change::Read { id, read: true });
            }
        }
        cleared
    }

    /// Stores `place` as article `i`'s when it is not what is remembered already.
    pub(super) fn remember_place(&mut self, i: usize, place: Option<Place>) {
        if i >= self.corpus.len() {
            return;
        }
        let id = self.id_of(i);
        if self.memory().get(&id).and_then(|m| m.place) != place {
            self.change(i, Change::Place { id, place });
        }
    }

    /// The article pane lets its article go (another comes, or none): its place is kept.
    pub(super) fn leave_detail(&mut self) {
        if let Some(d) = self.detail.take() {
            self.remember_place(d.article(), d.place());
        }
    }

    /// A new article in the pane opens at its remembered place, if it has one.
    pub(super) fn resume_detail(&mut self) {
        let Some(i) = self.detail.as_ref().map(|d| d.article()) else {
            return;
        };
        let id = self.id_of(i);
        if let Some(place) = self.memory().get(&id).and_then(|m| m.place)
            && let Some(d) = &mut self.detail
        {
            d.resume(place);
        }
    }

    /// Keeps the place of the article shown (juan is quitting).
    pub(crate) fn keep_place(&mut self) {
        if let Some((i, place)) = self.detail.as_ref().map(|d| (d.article(), d.place())) {
            self.remember_place(i, place);
        }
    }
}

#[cfg(test)]
mod tests;
