//! Finding rows that moved: when the reader scrolls a line or the list scrolls under the
//! selection, most rows of the new frame are rows the terminal already shows, a few rows up
//! or down. Moving them with the terminal's own line operations inside a scrolling region
//! (DECSTBM, then DL or IL) costs about 20 bytes, where repainting them costs the whole text.
//!
//! Rows are compared whole (every column, borders included), so a region is only scrolled
//! when the full width of each of its rows moved together: a pane side by side with another
//! never scrolls its neighbour's text by accident.

/// A block of rows to move: rows `top..=bottom` (screen rows, from 0) shift up by `by` rows
/// (down when negative); the rows that come in are left blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shift {
    pub(crate) top: u16,
    pub(crate) bottom: u16,
    pub(crate) by: i32,
}

/// The move that saves the most, given the hash of every row on screen (`shown`) and in the
/// next frame (`next`) and what repainting each row of the next frame would cost in bytes
/// (`cost`); None when no move saves more than it costs.
pub(crate) fn best(shown: &[u64], next: &[u64], cost: &[usize]) -> Option<Shift> {
    let h = shown.len().min(next.len());
    /// What a move costs: the region, a cursor move, the line operation, the reset.
    const MOVE_COST: usize = 24;
    let mut best: Option<(usize, Shift)> = None;
    for by in 1..h as i32 {
        for dir in [1, -1] {
            let d = by * dir;
            // Runs of rows r where next[r] == shown[r + d] and the row changed.
            let mut run_start: Option<usize> = None;
            let mut saved = 0usize;
            let mut consider = |start: usize, end: usize, saved: usize| {
                // Rows start..=end of the new frame come from start+d..=end+d.
                let (top, bottom) = if d > 0 {
                    (start, end + d as usize)
                } else {
                    (start - (-d) as usize, end)
                };
                // Rows that come in blank but were right already must be drawn again.
                let vacated = if d > 0 {
                    end + 1..bottom + 1
                } else {
                    top..start
                };
                let lost: usize = vacated
                    .filter(|&r| next[r] == shown[r])
                    .map(|r| cost[r])
                    .sum();
                let saved = saved.saturating_sub(lost);
                if saved > MOVE_COST && best.is_none_or(|(s, _)| saved > s) {
                    let shift = Shift {
                        top: top as u16,
                        bottom: bottom as u16,
                        by: d,
                    };
                    best = Some((saved, shift));
                }
            };
            for r in 0..=h {
                let from = r as i64 + i64::from(d);
                let moved = r < h
                    && (0..h as i64).contains(&from)
                    && next[r] == shown[from as usize]
                    && next[r] != shown[r];
                let same_too =
                    r < h && (0..h as i64).contains(&from) && next[r] == shown[from as usize];
                if moved || (same_too && run_start.is_some()) {
                    if run_start.is_none() {
                        run_start = Some(r);
                        saved = 0;
                    }
                    if moved {
                        saved += cost[r];
                    }
                } else if let Some(start) = run_start.take() {
                    consider(start, r - 1, saved);
                }
            }
        }
    }
    best.map(|(_, shift)| shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_line_scroll_of_a_pane_between_fixed_rows_is_found() {
        // Row 0 and row 9 stay (query line, status line); rows 1..=8 scroll up by one.
        let shown: Vec<u64> = (0..10).collect();
        let mut next = vec![0, 2, 3, 4, 5, 6, 7, 8, 100, 9];
        let cost = vec![50; 10];
        assert_eq!(
            best(&shown, &next, &cost),
            Some(Shift {
                top: 1,
                bottom: 8,
                by: 1
            })
        );
        next = vec![0, 100, 1, 2, 3, 4, 5, 6, 7, 9];
        assert_eq!(
            best(&shown, &next, &cost),
            Some(Shift {
                top: 1,
                bottom: 8,
                by: -1
            })
        );
    }

    #[test]
    fn nothing_moves_when_nothing_moved_or_it_would_not_pay() {
        let shown: Vec<u64> = (0..10).collect();
        assert_eq!(best(&shown, &shown, &[50; 10]), None);
        let next = vec![0, 2, 3, 4, 5, 6, 7, 8, 100, 9];
        assert_eq!(
            best(&shown, &next, &[1; 10]),
            None,
            "rows too cheap to be worth it"
        );
        let other: Vec<u64> = (100..110).collect();
        assert_eq!(best(&shown, &other, &[50; 10]), None);
    }
}
