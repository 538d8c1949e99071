//! The reading sets a title's first char must be in for the query's one ranking term to
//! reach a floor that needs the start bonus ([`Plan::opening_sets`]): with the titles grouped
//! by their first char's set ([`crate::query::index::Openings`]), the titles a search at that
//! floor must bound are those few groups, not every candidate.

use super::{Check, Plan};

impl Plan<'_> {
    /// The reading sets of the index (ascending ids) whose chars may open a title that the
    /// query's sole ranking term ([`Plan::sole_bound`]) scores `floor` or more through
    /// pinyin, when no title reaches it without the start bonus
    /// ([`crate::query::PinyinBound::opening`]); `None` when the floor does not need the
    /// start, or the query has no sole bound. Titles the term may match directly on their
    /// own Latin letters are not bounded by this.
    pub(crate) fn opening_sets(&self, floor: i64) -> Option<Vec<u16>> {
        let (c, t) = self.sole?;
        let Check::Title {
            pinyin: Some(term),
            bound: Some(bound),
            ..
        } = &self.clauses[c][t].check
        else {
            return None;
        };
        let opening = bound.opening(floor)?;
        let sets = u16::try_from(term.sets()).ok()?;
        Some(
            (0..sets)
                .filter(|&set| opening.admits(term.moves(set, 0)))
                .collect(),
        )
    }
}
