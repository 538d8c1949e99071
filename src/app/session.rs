//! The last session (issue 15): what juan was showing when it quit — the query, the selected
//! article, the order, the source filter and whether the article was being read — saved per
//! set of archives and restored when the same set is opened again (`--fresh` skips it).
//!
//! Restoring types the query in, sets the order and the source, and then waits for the
//! selected article: it may arrive in a later batch, so each new list is looked through
//! ([`App::settle_session`]) until it is there (then it is selected, and the reader opens on it
//! when it was being read) or everything is loaded and searched without it. A key pressed
//! meanwhile wins: the user has moved on, and nothing is selected for them.

use super::{App, Focus};
use crate::query::Order;
use crate::query::id_key;
use crate::state::Session;

/// A restored session's selection, still waiting for its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PendingSelection {
    /// The id's key (`query::index::id_key`), compared with each listed article's.
    key: u64,
    /// Open the reader on it once selected.
    reading: bool,
}

impl App {
    /// What to save of this session when juan quits.
    pub(crate) fn session(&self) -> Session {
        Session {
            query: self.query.text().to_string(),
            selected: self
                .hits
                .get(self.selected)
                .map(|h| self.id_of(h.article())),
            oldest_first: self.order == Order::OldestFirst,
            source: self.source_filter.clone(),
            reading: self.reader || self.focus == Focus::Detail,
        }
    }

    /// Restores `session`: the query typed in, the order and the source set; the selection
    /// and the reader follow once the article is listed ([`App::settle_session`]). Nothing is
    /// done when the user has already typed or moved.
    pub(crate) fn restore_session(&mut self, session: Session) {
        if self.remembered.touched {
            return;
        }
        self.query.clear();
        self.query.insert(&session.query);
        self.order = if session.oldest_first {
            Order::OldestFirst
        } else {
            Order::NewestFirst
        };
        self.source_filter = session.source;
        self.remembered.pending = session.selected.map(|id| PendingSelection {
            key: id_key(&id),
            reading: session.reading,
        });
        self.refilter();
        self.settle_session();
    }

    /// Selects the restored session's article if the list now holds it (and opens the reader
    /// on it when it was being read); gives up once everything is loaded and searched. True
    /// when the screen changed.
    pub(crate) fn settle_session(&mut self) -> bool {
        let Some(pending) = self.remembered.pending.clone() else {
            return false;
        };
        let found = self.hits.iter().position(|h| {
            let (chunk, local) = self.corpus.locate(h.article());
            chunk.index.id_key(local) == pending.key
        });
        match found {
            Some(at) => {
                self.remembered.pending = None;
                self.selected = at;
                self.preview_held = false;
                self.sync();
                if pending.reading {
                    self.open();
                }
                self.after_update(false);
                true
            }
            None => {
                let loaded = self.loading.is_none_or(|l| l.done);
                if loaded && !self.search.searching && self.search.pending.is_none() {
                    self.remembered.pending = None;
                }
                false
            }
        }
    }
}

#[cfg(test)]
mod tests;
