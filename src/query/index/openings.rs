//! [`Openings`]: a chunk's titles grouped by the reading set of their first char, so that a
//! search whose floor needs a term's first letters on a title's first char takes only the
//! titles that open with such a char. `dat` at ten million titles: a score of 44 needs 大,
//! 达 or another char read `da` whole first and a char read `t…` after it; the titles that
//! open with one are some tens of thousands of the 3.7 million `da` leaves, where the titles'
//! initials let 295,000 through to be bounded one by one.
//!
//! Made from the reading-set ids on first use (the interface asks for it in the background
//! after a load, with the initials), not kept in the cache: one look per title. Lists are of
//! local article numbers (`u16`, as the title lists: a chunk holds at most 65,536).

/// A chunk's titles by their first char's reading set ([`super::Index::title_openings`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Openings {
    /// Where the titles opening with set `s` start in `titles`; one more entry than sets.
    /// Empty when the chunk has more titles than a `u16` numbers (not grouped).
    starts: Vec<u32>,
    /// Local article numbers, by the set of their first char, ascending within a set.
    titles: Vec<u16>,
}

impl Openings {
    /// The titles whose chars' reading-set ids are `char_readings[char_starts[i]..
    /// char_starts[i + 1]]`, grouped by their first char's set (of `sets` sets); a title
    /// with no char is in no group. More than 65,536 titles (an index of a whole list, as the
    /// single-list reference search builds) are not grouped.
    pub(super) fn of_titles(sets: usize, char_readings: &[u16], char_starts: &[u32]) -> Openings {
        let titles = char_starts.len().saturating_sub(1);
        if titles > usize::from(u16::MAX) + 1 {
            return Openings::default();
        }
        let first = |i: usize| {
            let (start, end) = (char_starts[i] as usize, char_starts[i + 1] as usize);
            (start < end).then(|| usize::from(char_readings[start]))
        };
        // Counted, then placed: a counting sort by set.
        let mut starts = vec![0u32; sets + 1];
        for set in (0..titles).filter_map(first) {
            starts[set + 1] += 1;
        }
        for s in 1..starts.len() {
            starts[s] += starts[s - 1];
        }
        let mut next = starts.clone();
        let mut grouped = vec![0u16; starts[sets] as usize];
        for i in 0..titles {
            if let Some(set) = first(i) {
                grouped[next[set] as usize] = i as u16;
                next[set] += 1;
            }
        }
        Openings {
            starts,
            titles: grouped,
        }
    }

    /// True when the titles are grouped (the chunk is small enough).
    pub(crate) fn is_grouped(&self) -> bool {
        !self.starts.is_empty()
    }

    /// The titles whose first char's reading set is `set`, ascending; none for a set no
    /// title opens with, or when not grouped.
    pub(crate) fn opening_with(&self, set: u16) -> &[u16] {
        let s = usize::from(set);
        match (self.starts.get(s), self.starts.get(s + 1)) {
            (Some(&start), Some(&end)) => &self.titles[start as usize..end as usize],
            _ => &[],
        }
    }

    /// Bytes held.
    #[cfg(test)]
    fn byte_len(&self) -> usize {
        self.starts.len() * 4 + self.titles.len() * 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fold::fold;
    use crate::query::readings::ReadingTable;

    #[test]
    fn titles_are_grouped_by_their_first_chars_set() {
        let mut table = ReadingTable::default();
        let titles = ["大选", "长春日报", "", "大风", "达人", "长江", "2024年"];
        let (mut readings, mut starts) = (Vec::new(), vec![0u32]);
        for title in titles {
            readings.extend(fold(title).chars().map(|c| table.id_of(c)));
            starts.push(readings.len() as u32);
        }
        let openings = Openings::of_titles(table.set_count(), &readings, &starts);
        assert!(openings.is_grouped());
        assert_eq!(openings.opening_with(table.id_of('大')), [0, 3]);
        assert_eq!(openings.opening_with(table.id_of('长')), [1, 5]);
        assert_eq!(openings.opening_with(table.id_of('达')), [4]);
        assert_eq!(openings.opening_with(table.id_of('2')), [6]);
        // A set no title opens with, and one the table does not hold.
        assert!(openings.opening_with(table.id_of('选')).is_empty());
        assert!(openings.opening_with(u16::MAX).is_empty());
        // Every title with a char is in one group: the empty one in none.
        let grouped: usize = (0..table.set_count() as u16)
            .map(|s| openings.opening_with(s).len())
            .sum();
        assert_eq!(grouped, titles.len() - 1);
        assert_eq!(openings.byte_len(), (table.set_count() + 1) * 4 + 6 * 2);
    }

    #[test]
    fn too_many_titles_are_not_grouped() {
        let starts = vec![0u32; (1 << 16) + 2];
        let openings = Openings::of_titles(1, &[], &starts);
        assert!(!openings.is_grouped());
        assert!(openings.opening_with(0).is_empty());
    }
}
