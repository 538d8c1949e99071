//! The codec of [`SearchAids`]: each aid in turn into an [`Encoder`], the reading sets as
//! text, and back as views of the bytes, checked against the [`Columns`] they go with. The
//! folded sources are not stored: they are folded again from the columns' sources.

use super::{starts_fit, starts_sound, texts_sound};
use crate::column::Column;
use crate::column::codec::{Decoder, Encoder};
use crate::query::index::chars::TitleChars;
use crate::query::index::{Columns, SearchAids};
use crate::query::readings::ReadingTable;

impl SearchAids {
    /// Appends the search aids to `e`.
    pub(crate) fn encode(&self, e: &mut Encoder) {
        e.column(&self.unfolded);
        e.column(&self.widely_unfolded);
        e.column(&self.folded_titles);
        e.column(&self.folded_starts);
        e.column(&self.latin);
        e.column(&self.char_readings);
        e.column(&self.char_starts);
        let table = &self.readings;
        e.u64(table.set_count() as u64);
        for id in 0..table.set_count() {
            let set = table.set(id as u16);
            e.u64(set.len() as u64);
            for reading in set {
                e.str(reading);
            }
        }
        e.column(&self.letters);
        e.column(&self.char_sigs);
        self.chars.encode(e);
    }

    /// Reads search aids written by [`SearchAids::encode`] for `columns` (whose sources are
    /// folded again here rather than stored); `None` when the bytes are not sound for them.
    pub(crate) fn decode(d: &mut Decoder, columns: &Columns) -> Option<SearchAids> {
        let unfolded: Column<u64> = d.column()?;
        let widely_unfolded: Column<u64> = d.column()?;
        let folded_titles: Column<u8> = d.column()?;
        let folded_starts: Column<u32> = d.column()?;
        let latin: Column<u64> = d.column()?;
        let char_readings: Column<u16> = d.column()?;
        let char_starts = d.column()?;
        // The reading sets, straight into their table (set 0, the empty one, is there), one
        // set at a time through one buffer: a `Vec` a set cost a third of a narrow query's
        // time at ten million articles (201 chunks of a few thousand sets).
        let sets = d.count()?;
        if sets == 0 || sets >= usize::from(u16::MAX) {
            return None;
        }
        let mut readings = ReadingTable::building();
        let mut set: Vec<&str> = Vec::new();
        for id in 0..sets {
            set.clear();
            for _ in 0..d.count()? {
                set.push(d.str()?);
            }
            match id {
                0 if !set.is_empty() => return None,
                0 => {}
                _ => {
                    readings.push_set(&set);
                }
            }
        }
        let letters = d.column()?;
        let char_sigs = d.column()?;
        let n = columns.len();
        let chars = TitleChars::decode(d, n)?;
        // The aids' lengths are checked always; every value, unless checked before.
        let shaped = unfolded.len() == n.div_ceil(64)
            && widely_unfolded.len() == n.div_ceil(64)
            && starts_fit(&folded_starts, folded_titles.len(), n)
            && latin.len() == n.div_ceil(64)
            && starts_fit(&char_starts, char_readings.len(), n)
            && [letters.len(), char_sigs.len()] == [n; 2];
        let values_sound = || {
            texts_sound(&folded_titles, &folded_starts, n)
                && starts_sound(&char_starts, char_readings.len(), n)
                // The largest id, not `all`: a pass without early exits is vectorised
                // (0.39 GB of ids at 10M articles).
                && char_readings
                    .iter()
                    .copied()
                    .max()
                    .is_none_or(|r| usize::from(r) < sets)
        };
        let sound = shaped && (d.is_checked_before() || values_sound());
        if !sound {
            return None;
        }
        let folded_sources = columns
            .sources
            .iter()
            .map(|s| crate::query::fold::fold(s).into_boxed_str())
            .collect();
        Some(SearchAids {
            unfolded,
            widely_unfolded,
            folded_titles,
            folded_starts,
            latin,
            ascii_letters: std::sync::OnceLock::new(),
            initials: std::sync::OnceLock::new(),
            openings: std::sync::OnceLock::new(),
            char_readings,
            char_starts,
            readings: readings.frozen(),
            letters,
            char_sigs,
            chars,
            folded_sources,
        })
    }
}
