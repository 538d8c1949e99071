//! The source picker: every source with its article count (and, once the reader's marks are
//! known, how many of its articles are unread), and a selection.

use std::collections::HashMap;

/// Sources by count (most first, then by name), with one selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourcePicker {
    entries: Vec<(String, usize)>,
    selected: usize,
    /// Unread articles per entry, once the marks are known ([`SourcePicker::set_unread`]).
    unread: Option<Vec<usize>>,
}

impl SourcePicker {
    /// Counts `sources`, one per article; `current` is preselected when given.
    pub(crate) fn new<'a>(
        sources: impl IntoIterator<Item = &'a str>,
        current: Option<&str>,
    ) -> SourcePicker {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for source in sources {
            *counts.entry(source).or_default() += 1;
        }
        let mut entries: Vec<(String, usize)> = counts
            .into_iter()
            .map(|(s, n)| (s.to_string(), n))
            .collect();
        entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let selected = current
            .and_then(|c| entries.iter().position(|(s, _)| s == c))
            .unwrap_or(0);
        SourcePicker {
            entries,
            selected,
            unread: None,
        }
    }

    /// Gives each entry its count of unread articles (`counts` by source; none is 0).
    pub(crate) fn set_unread(&mut self, counts: &HashMap<&str, usize>) {
        let unread = self
            .entries
            .iter()
            .map(|(s, _)| counts.get(s.as_str()).copied().unwrap_or(0))
            .collect();
        self.unread = Some(unread);
    }

    /// How many of entry `i`'s articles are unread, once the marks are known.
    pub(crate) fn unread(&self, i: usize) -> Option<usize> {
        self.unread.as_ref()?.get(i).copied()
    }

    /// `(source, count)` pairs in display order; an unknown source is the empty string.
    pub(crate) fn entries(&self) -> &[(String, usize)] {
        &self.entries
    }

    /// Index of the selected entry.
    pub(crate) fn selected(&self) -> usize {
        self.selected
    }

    /// The selected source, if there is any entry.
    pub(crate) fn chosen(&self) -> Option<&str> {
        self.entries.get(self.selected).map(|(s, _)| s.as_str())
    }

    /// Moves the selection by `delta`, stopping at the ends.
    pub(crate) fn move_by(&mut self, delta: isize) {
        let last = self.entries.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_sorted_by_count_then_name() {
        let sources = ["乙报", "甲报", "乙报", "", "甲报", "丙报", "乙报"];
        let mut p = SourcePicker::new(sources, Some("丙报"));
        assert_eq!(
            p.entries(),
            [
                ("乙报".into(), 3),
                ("甲报".into(), 2),
                ("".into(), 1),
                ("丙报".into(), 1)
            ]
        );
        assert_eq!(p.chosen(), Some("丙报"));
        p.move_by(10);
        assert_eq!(p.selected(), 3);
        p.move_by(-10);
        assert_eq!(p.chosen(), Some("乙报"));
    }
}
