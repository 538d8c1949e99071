//! [`Titles`]: a chunk's titles, concatenated, with where each starts — and when they were
//! checked. Titles built here are sound. Titles read from a cache file must be checked before
//! they are trusted (their XXH3, UTF-8 at every start, no terminal control character), and
//! that check reads every byte of them: a third of what a load of a million articles touched.
//! So it waits for their first whole use ([`Titles::check`], which every title search makes
//! through the search aids), or is made at the load when the caller will search titles
//! (`archive::TitleCheck`). Until then each title read is checked on its own: a command that
//! lists fifty rows of a `body:` query checks fifty titles, not a million.
//!
//! A title that fails its own check reads as [`DAMAGED`]: no byte of a cache file reaches the
//! terminal unchecked, whenever it is read.

use std::sync::OnceLock;

use super::stored::{starts_fit, starts_sound, texts_sound};
use crate::column::Column;
use crate::column::codec::{Encoder, Section};

/// What a title reads as when its bytes in a cache file are no sound title.
pub(crate) const DAMAGED: &str = "\u{FFFD}";

/// A chunk's titles: the text of all, and where each starts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Titles {
    /// Every title, concatenated.
    bytes: Column<u8>,
    /// Byte offset in `bytes` where title `i` starts; one more entry than titles (none in an
    /// empty chunk made by `Index::default`).
    starts: Column<u32>,
    /// Where a cache file keeps `bytes`, to check them whole on first use; `None` when they
    /// were built here.
    stored: Option<Section>,
    /// Whether the whole text checked out: set when built, or by the first [`Titles::check`].
    sound: OnceLock<bool>,
}

impl Titles {
    /// Titles built in this process from cleaned text: sound.
    pub(super) fn built(bytes: Vec<u8>, starts: Vec<u32>) -> Titles {
        Titles {
            bytes: bytes.into(),
            starts: starts.into(),
            stored: None,
            sound: OnceLock::from(true),
        }
    }

    /// The `n` titles whose starts are `starts` and whose text a cache file keeps in
    /// `section` ([`Titles::encode`]), not checked yet but for their bounds; `None` when the
    /// section holds no text of the length the starts give.
    pub(super) fn stored(section: Section, starts: Column<u32>, n: usize) -> Option<Titles> {
        let mut d = section.decoder();
        let bytes: Column<u8> = d.column()?;
        // Checked before, the starts' order is not read again: a start out of order would
        // make its title's slice panic, never read out of bounds.
        let sound = if section.checked_before {
            starts_fit(&starts, bytes.len(), n)
        } else {
            starts_sound(&starts, bytes.len(), n)
        };
        (d.is_done() && sound).then(|| Titles {
            bytes,
            starts,
            stored: Some(section),
            sound: OnceLock::new(),
        })
    }

    /// Checks the whole text once (checksum, UTF-8 at every start, no terminal control) and
    /// says whether it is sound. From then on a title is read with no check of its own; a
    /// title of unsound text still gets one.
    pub(crate) fn check(&self) -> bool {
        *self.sound.get_or_init(|| match &self.stored {
            Some(stored) if stored.checked_before => true,
            stored => {
                stored.as_ref().is_none_or(Section::checks_out)
                    && texts_sound(&self.bytes, &self.starts, self.len())
                    && !crate::sanitize::has_terminal_controls(&self.bytes, false)
            }
        })
    }

    /// True when the whole text was checked and is sound.
    #[inline]
    fn checked(&self) -> bool {
        self.sound.get() == Some(&true)
    }

    /// How many titles.
    pub(super) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Title `i`: checked on its own unless the whole text was ([`DAMAGED`] when it fails).
    #[inline]
    pub(crate) fn get(&self, i: usize) -> &str {
        if self.checked() {
            return super::text_in(&self.bytes, &self.starts, i);
        }
        let bytes = &self.bytes[self.starts[i] as usize..self.starts[i + 1] as usize];
        match std::str::from_utf8(bytes) {
            Ok(title) if !crate::sanitize::has_terminal_controls(bytes, false) => title,
            _ => DAMAGED,
        }
    }

    /// Appends the starts to `e` (they are checked at every load: cheap, and every title
    /// read needs them in bounds).
    pub(super) fn encode_starts(&self, e: &mut Encoder) {
        e.column(&self.starts);
    }

    /// Appends the text to `e`, a section of its own in a cache file.
    pub(super) fn encode(&self, e: &mut Encoder) {
        e.column(&self.bytes);
    }

    /// Bytes of text and of starts.
    pub(super) fn byte_lens(&self) -> (usize, usize) {
        (self.bytes.byte_len(), self.starts.byte_len())
    }

    /// True when the text is a view of a mapped file.
    pub(super) fn is_view(&self) -> bool {
        self.bytes.is_view()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::column::codec::aligned;

    /// `titles` as a cache file keeps them: the section of their text (with `damage` applied
    /// to its bytes, and the checksum of the bytes as they were) and their starts.
    fn stored(titles: &[&str], damage: impl Fn(&mut Vec<u8>)) -> Option<Titles> {
        let mut starts = vec![0u32];
        let mut text = Vec::new();
        for t in titles {
            text.extend_from_slice(t.as_bytes());
            starts.push(text.len() as u32);
        }
        let mut e = Encoder::new();
        Titles::built(text, starts.clone()).encode(&mut e);
        let mut buf = e.finish();
        let checksum = xxhash_rust::xxh3::xxh3_64(&buf);
        damage(&mut buf);
        let section = Section::new(aligned(&buf), 0..buf.len(), checksum);
        Titles::stored(section, starts.into(), titles.len())
    }

    const TITLES: [&str; 3] = ["长春日报", "NBA 新闻", "国旗"];

    #[test]
    fn stored_titles_are_read_one_by_one_until_checked_whole() {
        let titles = stored(&TITLES, |_| {}).unwrap();
        assert!(!titles.checked());
        for (i, t) in TITLES.iter().enumerate() {
            assert_eq!(titles.get(i), *t);
        }
        assert!(!titles.checked(), "reading a title does not check them all");
        assert!(titles.check());
        assert!(titles.checked());
        assert_eq!(titles.get(1), "NBA 新闻");
    }

    #[test]
    fn a_damaged_title_reads_as_damaged_and_the_others_as_they_are() {
        // The text starts 16 bytes in (count, padding); its bytes 12 and 13 are `NB`.
        let broken = |buf: &mut Vec<u8>| buf[16 + 13] = 0xFF;
        let escape = |buf: &mut Vec<u8>| buf[16 + 12] = 0x1B;
        for damage in [broken, escape] {
            let titles = stored(&TITLES, damage).unwrap();
            assert_eq!(titles.get(0), "长春日报");
            assert_eq!(titles.get(1), DAMAGED);
            assert_eq!(titles.get(2), "国旗");
            assert!(!titles.check(), "the checksum and the bytes fail");
            assert_eq!(titles.get(1), DAMAGED, "still checked on its own");
            assert_eq!(titles.get(2), "国旗");
        }
        // A flip that leaves a title UTF-8 is only found by the checksum.
        let titles = stored(&TITLES, |buf| buf[16] ^= 0x01).unwrap();
        assert_ne!(titles.get(0), "长春日报");
        assert!(!titles.check());
    }

    #[test]
    fn text_of_another_length_than_the_starts_is_refused() {
        let cut = |buf: &mut Vec<u8>| buf[0] -= 1;
        assert!(stored(&TITLES, cut).is_none());
    }
}
