//! The place in an article that outlives the session (issue 15): the text at the top of the
//! view as [`Place`] (the layout's block and byte, the anchor a resize keeps), so reopening the
//! article at any width shows the same text at the top. Opening there is a pending seek, like
//! a resize deep in a huge article: at most `SYNC_BYTES` are laid out on the spot.

use super::{Detail, Pending};
use crate::state::Place;
use crate::text::layout::Position;

impl Detail {
    /// Where the reader is: the text at the top of the view (where it is going, while a seek
    /// is pending); `None` at the very top.
    pub(crate) fn place(&self) -> Option<Place> {
        let pos = match self.pending {
            Pending::Seek { pos, .. } => pos,
            Pending::None | Pending::End => self.pos,
        };
        (pos != Position::default()).then(|| Place {
            block: u32::try_from(pos.block).unwrap_or(u32::MAX),
            byte: u32::try_from(pos.byte).unwrap_or(u32::MAX),
        })
    }

    /// Opens the article at `place` (where the reader left it), the pane saying so until the
    /// view moves. A place past the end (the article changed) shows the end.
    pub(crate) fn resume(&mut self, place: Place) {
        let pos = Position {
            block: place.block as usize,
            byte: place.byte as usize,
        };
        if pos == Position::default() {
            return;
        }
        self.pos = pos;
        self.pending = Pending::Seek { pos, delta: 0 };
        self.resumed = true;
        if self.height > 0 {
            self.settle(super::SYNC_BYTES);
        }
    }

    /// True while the view is where the reader left the article last time.
    pub(crate) fn resumed(&self) -> bool {
        self.resumed
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::article;
    use super::*;
    use crate::text::AmbiguousWidth;

    #[test]
    fn the_place_reopens_the_same_text_at_any_width() {
        let mut d = Detail::new(0, &article(), AmbiguousWidth::Narrow);
        d.resize(30, 10);
        assert_eq!(d.place(), None, "at the top");
        d.scroll_by(37);
        while d.visible()[0].text.is_empty() {
            d.scroll_by(1);
        }
        let first = d.visible()[0].text.clone();
        let place = d.place().expect("a place");
        let mut again = Detail::new(0, &article(), AmbiguousWidth::Narrow);
        again.resume(place);
        assert!(again.resumed());
        again.resize(30, 10);
        assert_eq!(again.visible()[0].text, first);
        assert_eq!(again.place(), Some(place));
        // Wider: the same text is in the top row (or runs on into the next).
        let mut wide = Detail::new(0, &article(), AmbiguousWidth::Narrow);
        wide.resume(place);
        wide.resize(70, 10);
        let top: String = wide
            .visible()
            .iter()
            .take(2)
            .map(|r| r.text.clone())
            .collect();
        assert!(top.contains(&first), "{top}");
        wide.scroll_by(1);
        assert!(!wide.resumed(), "moving on ends the hint");
        wide.scroll_to_top();
        assert_eq!(wide.place(), None);
    }

    #[test]
    fn a_place_past_the_end_shows_the_end_and_odd_bytes_do_not_panic() {
        let mut d = Detail::new(0, &article(), AmbiguousWidth::Narrow);
        d.resume(Place {
            block: 9999,
            byte: 7,
        });
        d.resize(30, 10);
        assert_eq!(d.top() + d.height(), d.total_rows());
        // A byte inside a character (a place from another version of the article).
        let mut d = Detail::new(0, &article(), AmbiguousWidth::Narrow);
        d.resume(Place { block: 3, byte: 1 });
        d.resize(30, 10);
        d.resume(Place {
            block: 3,
            byte: 100_000,
        });
        assert!(!d.visible().is_empty());
    }
}
