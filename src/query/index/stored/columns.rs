//! The codec of [`Columns`]: each column in turn into an [`Encoder`], and back as views of
//! the bytes, checked (lengths, bounds, UTF-8 at char boundaries, no terminal control
//! character) so that every accessor of a decoded index stays in bounds. The titles' text is
//! written apart, a section of its own that is checked on first use ([`Titles`]).

use super::{starts_fit, texts_sound};
use crate::column::Column;
use crate::column::codec::{Decoder, Encoder, Section};
use crate::query::index::Columns;
use crate::query::index::titles::Titles;

impl Columns {
    /// Appends the columns to `e`, all but the titles' text ([`Columns::encode_titles`]).
    pub(crate) fn encode(&self, e: &mut Encoder) {
        self.titles.encode_starts(e);
        e.column(&self.date_kinds);
        e.column(&self.stamps);
        e.column(&self.date_zones);
        e.u64(self.unparsed.len() as u64);
        for (i, text) in &self.unparsed {
            e.u64(u64::from(*i));
            e.str(text);
        }
        e.column(&self.ids);
        e.column(&self.id_starts);
        e.column(&self.hex_ids);
        e.column(&self.source_ids);
        e.u64(self.sources.len() as u64);
        for s in &self.sources {
            e.str(s);
        }
        e.column(&self.newest_first);
    }

    /// Appends the titles' text to `e`: a section of a cache file of its own.
    pub(crate) fn encode_titles(&self, e: &mut Encoder) {
        self.titles.encode(e);
    }

    /// Reads columns written by [`Columns::encode`], with the titles' text written by
    /// [`Columns::encode_titles`] in `titles` (its bounds checked now, the rest on first use);
    /// `None` when the bytes are not sound.
    pub(crate) fn decode(d: &mut Decoder, titles: Section) -> Option<Columns> {
        let title_starts: Column<u32> = d.column()?;
        let date_kinds: Column<u8> = d.column()?;
        let stamps: Column<i64> = d.column()?;
        let date_zones = d.column()?;
        let mut unparsed: Vec<(u32, Box<str>)> = Vec::new();
        for _ in 0..d.count()? {
            let i = u32::try_from(d.u64()?).ok()?;
            unparsed.push((i, d.str()?.into()));
        }
        let ids: Column<u8> = d.column()?;
        let id_starts = d.column()?;
        let hex_ids: Column<u64> = d.column()?;
        let source_ids: Column<u16> = d.column()?;
        let mut sources: Vec<Box<str>> = Vec::new();
        for _ in 0..d.count()? {
            sources.push(d.str()?.into());
        }
        let newest_first: Column<u32> = d.column()?;
        let n = stamps.len();
        let titles = Titles::stored(titles, title_starts, n)?;
        // Whatever a cache file holds, no control character reaches the terminal from it.
        let printable = |text: &[u8]| !crate::sanitize::has_terminal_controls(text, false);
        let values_sound = || {
            printable(&ids)
                && sources.iter().all(|s| printable(s.as_bytes()))
                && unparsed.iter().all(|(_, s)| printable(s.as_bytes()))
                && (!hex_ids.is_empty() || texts_sound(&ids, &id_starts, n))
                // Largest values, not `all`: passes without early exits are vectorised.
                && date_kinds.iter().copied().max().is_none_or(|k| k <= 2)
                && source_ids
                    .iter()
                    .copied()
                    .max()
                    .is_none_or(|s| usize::from(s) < sources.len())
                && newest_first
                    .iter()
                    .copied()
                    .max()
                    .is_none_or(|i| (i as usize) < n)
                && unparsed.windows(2).all(|w| w[0].0 < w[1].0)
                && unparsed.iter().all(|(i, _)| (*i as usize) < n)
        };
        // The columns' lengths are checked always; every value, unless checked before.
        let shaped = ((hex_ids.is_empty() && starts_fit(&id_starts, ids.len(), n))
            || (hex_ids.len() == n && ids.is_empty() && id_starts.is_empty()))
            && (date_zones.len() == n || date_zones.len() == 1 && n > 0)
            && [date_kinds.len(), source_ids.len(), newest_first.len()] == [n; 3];
        let sound = shaped && (d.is_checked_before() || values_sound());
        sound.then(|| Columns {
            titles,
            date_kinds,
            stamps,
            date_zones,
            unparsed,
            ids,
            id_starts,
            hex_ids,
            source_ids,
            sources,
            newest_first,
            oldest_first: Default::default(),
        })
    }
}
