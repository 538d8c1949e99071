//! What juan remembers of the reader between sessions (issue 15), as plain data: read marks,
//! stars, labels and the place in each article ([`Marks`], keyed by article id, so they follow
//! an article across moved, merged and re-imported archives), and the last session per set of
//! archives ([`Session`]).
//!
//! No I/O here: `archive::state` keeps this in SQLite (`state.db`), the interface changes it
//! through [`Change`]s that the event loop hands to the store, and the query's `is:` and
//! `label:` terms read [`Flags`], the marks resolved to the loaded corpus's article numbers.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

mod flags;

pub use flags::Flags;

/// Where the reader was in an article: the text at the top of the view, as the layout's
/// block and byte offset (`text::layout::Position`), the same anchor a resize keeps, so it
/// holds at any width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    /// Index of the block (title, metadata lines, paragraphs) in the article's layout.
    pub block: u32,
    /// Byte offset within that block.
    pub byte: u32,
}

/// What is remembered of one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Marks {
    /// Opened (or marked read by hand).
    pub read: bool,
    /// Starred.
    pub starred: bool,
    /// Labels the user gave it (for example `第三章`).
    pub labels: BTreeSet<String>,
    /// Where the reader left it; `None` at the top.
    pub place: Option<Place>,
}

impl Marks {
    /// True when nothing is remembered (the record can be dropped).
    pub fn is_empty(&self) -> bool {
        !self.read && !self.starred && self.labels.is_empty() && self.place.is_none()
    }
}

/// One change to the marks of one article: what the interface and `juan mark` hand to the
/// store, one at a time, each stored on its own (so `kill -9` loses at most the last).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Read (`true`) or unread.
    Read { id: String, read: bool },
    /// Starred or not.
    Star { id: String, starred: bool },
    /// A label added (`on`) or removed.
    Label { id: String, label: String, on: bool },
    /// The place the reader left the article at (`None`: the top).
    Place { id: String, place: Option<Place> },
}

impl Change {
    /// The article the change is about.
    pub fn id(&self) -> &str {
        match self {
            Change::Read { id, .. }
            | Change::Star { id, .. }
            | Change::Label { id, .. }
            | Change::Place { id, .. } => id,
        }
    }
}

/// The last session over one set of archives, restored when juan opens the same set again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Session {
    /// The query line's text.
    pub query: String,
    /// The id of the selected article.
    pub selected: Option<String>,
    /// Oldest first (`false`: newest first, the default).
    pub oldest_first: bool,
    /// The source the list was filtered to.
    pub source: Option<String>,
    /// The article pane had the focus (`false`: the list).
    pub reading: bool,
}

/// Everything remembered of articles, by id: what the store loads at start and keeps in step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    /// By id (a fast hash: ids are the user's own archive's, and resolving a corpus looks up
    /// one for every article that has marks).
    marks: FxHashMap<String, Marks>,
    /// The ids by their [`crate::query::id_key`], the key a loaded article's id is compared
    /// by: resolving marks to a corpus ([`Flags`]) looks each article up here without making
    /// its id text, and this map is built as marks arrive, not at each batch.
    by_key: FxHashMap<u64, String>,
}

impl Memory {
    /// The marks of article `id` (all unset when nothing is remembered).
    pub fn get(&self, id: &str) -> Option<&Marks> {
        self.marks.get(id)
    }

    /// The marks of the article whose id has the [`crate::query::id_key`] `key`.
    pub(crate) fn by_key(&self, key: u64) -> Option<&Marks> {
        self.marks.get(self.by_key.get(&key)?)
    }

    /// Keeps `by_key` in step with one id's marks.
    fn index(&mut self, id: &str, kept: bool) {
        let key = crate::query::id_key(id);
        if kept {
            self.by_key.entry(key).or_insert_with(|| id.to_string());
        } else {
            self.by_key.remove(&key);
        }
    }

    /// Applies one change; returns the article's marks after it.
    pub fn apply(&mut self, change: &Change) -> Marks {
        let id = change.id();
        let mut marks = self.marks.remove(id).unwrap_or_default();
        match change {
            Change::Read { read, .. } => marks.read = *read,
            Change::Star { starred, .. } => marks.starred = *starred,
            Change::Label { label, on, .. } => {
                if *on {
                    marks.labels.insert(label.clone());
                } else {
                    marks.labels.remove(label);
                }
            }
            Change::Place { place, .. } => marks.place = *place,
        }
        if !marks.is_empty() {
            self.marks.insert(id.to_string(), marks.clone());
        }
        self.index(id, !marks.is_empty());
        marks
    }

    /// Sets the marks of `id` whole (the store's load and `juan state import`).
    pub fn insert(&mut self, id: String, marks: Marks) {
        self.index(&id, !marks.is_empty());
        if marks.is_empty() {
            self.marks.remove(&id);
        } else {
            self.marks.insert(id, marks);
        }
    }

    /// Every article with marks, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Marks)> {
        self.marks.iter().map(|(id, m)| (id.as_str(), m))
    }

    /// How many articles have marks.
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    /// True when nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// Every label in use and how many articles carry it, by name (the label picker's
    /// completions).
    pub fn labels(&self) -> BTreeMap<&str, usize> {
        let mut out = BTreeMap::new();
        for marks in self.marks.values() {
            for label in &marks.labels {
                *out.entry(label.as_str()).or_insert(0) += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn changes_apply_and_empty_marks_are_dropped() {
        let mut memory = Memory::default();
        memory.apply(&Change::Read {
            id: id("a"),
            read: true,
        });
        memory.apply(&Change::Label {
            id: id("a"),
            label: id("第三章"),
            on: true,
        });
        memory.apply(&Change::Label {
            id: id("b"),
            label: id("第三章"),
            on: true,
        });
        assert_eq!(memory.len(), 2);
        assert!(memory.get("a").unwrap().read);
        assert_eq!(memory.labels().get("第三章"), Some(&2));
        memory.apply(&Change::Label {
            id: id("b"),
            label: id("第三章"),
            on: false,
        });
        assert_eq!(memory.get("b"), None);
        assert_eq!(memory.labels().get("第三章"), Some(&1));
        let place = Some(Place { block: 3, byte: 12 });
        let after = memory.apply(&Change::Place { id: id("a"), place });
        assert_eq!(after.place, place);
        assert!(after.read);
    }
}
