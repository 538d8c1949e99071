//! An [`Index`] written into encoded buffers ([`Index::encode`], [`Index::encode_aids`]) and
//! read back as views of the bytes holding it ([`Index::decode`]), checked so that every
//! accessor stays in bounds and every text is UTF-8 whatever the bytes were. Its [`Columns`]
//! and its [`SearchAids`] each have their own codec, and are written apart: the aids are read
//! on first use ([`super::StoredAids`]).

mod aids;
mod columns;

use super::{Columns, Index, LazyAids};
use crate::column::codec::{Decoder, Encoder, Section};

/// Where a cache file keeps the sections of an index that are read apart from its columns.
#[derive(Debug, Clone)]
pub(crate) struct Sections {
    /// The titles' text ([`Index::encode_titles`]), checked on first whole use.
    pub(crate) titles: Section,
    /// The search aids ([`Index::encode_aids`]), read on first use; made from the columns
    /// when `None` or they do not check out.
    pub(crate) aids: Option<Section>,
}

impl Index {
    /// Appends the index's columns to `e`, but the titles' text ([`Index::encode_titles`])
    /// and the search aids ([`Index::encode_aids`]).
    pub(crate) fn encode(&self, e: &mut Encoder) {
        self.columns.encode(e);
    }

    /// Appends the titles' text to `e`.
    pub(crate) fn encode_titles(&self, e: &mut Encoder) {
        self.columns.encode_titles(e);
    }

    /// Appends the index's search aids to `e`, made now unless they are.
    pub(crate) fn encode_aids(&self, e: &mut Encoder) {
        self.aids().encode(e);
    }

    /// Reads the columns written by [`Index::encode`], with the `sections` kept apart from
    /// them: the titles' text, checked on first whole use, and the search aids, read on first
    /// use (and made from the columns instead when they are `None` or do not check out then);
    /// `None` when the bytes are not columns.
    pub(crate) fn decode(d: &mut Decoder, sections: Sections) -> Option<Index> {
        let columns = Columns::decode(d, sections.titles)?;
        Some(Index {
            columns,
            aids: LazyAids::stored(sections.aids),
        })
    }

    /// True when both indexes hold the same columns (a test of encoding).
    #[cfg(test)]
    pub(crate) fn same_as(&self, other: &Index) -> bool {
        (0..self.len()).all(|i| {
            self.title(i) == other.title(i)
                && self.folded_title(i, &mut String::new())
                    == other.folded_title(i, &mut String::new())
                && self.title_readings(i) == other.title_readings(i)
                && self.id(i) == other.id(i)
                && self.date(i) == other.date(i)
                && self.source(i) == other.source(i)
                && self.title_letters(i) == other.title_letters(i)
                && self.title_has_latin(i) == other.title_has_latin(i)
                && self.title_signature(i) == other.title_signature(i)
        }) && self.len() == other.len()
            && self.in_order(super::Order::NewestFirst) == other.in_order(super::Order::NewestFirst)
            && self.aids().readings.same_sets(&other.aids().readings)
    }
}

/// True when `starts` has `n + 1` ascending entries ending at `bytes`' length, `bytes` is
/// UTF-8 and every start is a char boundary in it.
pub(super) fn texts_sound(bytes: &[u8], starts: &[u32], n: usize) -> bool {
    starts_sound(starts, bytes.len(), n)
        && simdutf8::basic::from_utf8(bytes).is_ok()
        && starts
            .iter()
            .all(|&s| bytes.get(s as usize).is_none_or(|&b| (b as i8) >= -0x40))
}

/// True when `starts` has `n + 1` entries, the first 0 and the last `len` (or none, in an
/// empty index made by `Index::default`): what [`starts_sound`] checks but the order, which
/// reads them all.
pub(super) fn starts_fit(starts: &[u32], len: usize, n: usize) -> bool {
    if starts.is_empty() {
        return n == 0 && len == 0;
    }
    starts.len() == n + 1 && starts[0] == 0 && starts[n] as usize == len
}

/// True when `starts` has `n + 1` ascending entries from 0 to `len` (or none, in an empty
/// index made by `Index::default`).
pub(super) fn starts_sound(starts: &[u32], len: usize, n: usize) -> bool {
    starts_fit(starts, len, n)
        // Counted, not `all`: a pass without early exits is vectorised.
        && starts
            .iter()
            .zip(starts.get(1..).unwrap_or_default())
            .map(|(a, b)| u32::from(a > b))
            .sum::<u32>()
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, SharedBytes};
    use crate::column::codec::aligned;
    use crate::date::Date;
    use std::ops::Range;
    use xxhash_rust::xxh3::xxh3_64;

    fn articles() -> Vec<Article> {
        [
            ("ＶＩＰ会员２０１２", "新华社", "2012-07-06", "own-1"),
            ("长春日报", "长春日报", "不详", ""),
            ("绿色 NBA", "", "", "x"),
        ]
        .iter()
        .map(|(t, s, d, id)| {
            let date = Date::from_text(d);
            let mut a = Article {
                id: id.to_string(),
                title: t.to_string(),
                source: s.to_string(),
                date,
                ..Article::default()
            };
            a.settle_id();
            a
        })
        .collect()
    }

    /// Where a cache part lays out an index: its columns, then its titles' text, then its
    /// aids.
    #[derive(Debug, Clone)]
    struct Layout {
        columns: usize,
        titles: Range<usize>,
        aids: Range<usize>,
    }

    /// The index as a cache part lays it out: the bytes and where each section lies.
    fn encoded(index: &Index) -> (SharedBytes, Layout) {
        let mut e = Encoder::new();
        index.encode(&mut e);
        let mut buf = e.finish();
        let columns = buf.len();
        let mut e = Encoder::new();
        index.encode_titles(&mut e);
        buf.extend_from_slice(&e.finish());
        let titles = buf.len();
        let mut e = Encoder::new();
        index.encode_aids(&mut e);
        buf.extend_from_slice(&e.finish());
        let layout = Layout {
            columns,
            titles: columns..titles,
            aids: titles..buf.len(),
        };
        (aligned(&buf), layout)
    }

    /// A section of `shared` with the checksum it has there.
    fn section(shared: &SharedBytes, range: Range<usize>) -> Section {
        let bytes: &[u8] = shared.as_ref().as_ref();
        Section::new(shared.clone(), range.clone(), xxh3_64(&bytes[range]))
    }

    /// The index in `shared`, its sections checked against the checksums they have there.
    fn decoded(shared: &SharedBytes, at: &Layout) -> Option<Index> {
        let sections = Sections {
            titles: section(shared, at.titles.clone()),
            aids: Some(section(shared, at.aids.clone())),
        };
        Index::decode(&mut Decoder::new(shared, 0..at.columns), sections)
    }

    #[test]
    fn an_index_reads_back_as_views_of_the_same_columns() {
        let index = Index::build(&articles());
        let (shared, at) = encoded(&index);
        let back = decoded(&shared, &at).unwrap();
        assert!(!back.search_is_prepared(), "aids are read on first use");
        // Every query's plan asks for the initials: a query of no title term (`body:`)
        // must not read the aids for that.
        assert!(back.title_initials_made().is_none());
        assert!(!back.search_is_prepared());
        assert_eq!(back.title(2), "绿色 NBA");
        assert!(!back.search_is_prepared());
        assert!(back.same_as(&index));
        assert!(back.search_is_prepared());
        assert!(back.check_titles());
        assert_eq!(back.id(0), "own-1");
        assert_eq!(back.date(1), Date::Unparsed("不详".into()));
        assert_eq!(back.title(0), "ＶＩＰ会员２０１２");
        assert_eq!(back.folded_title(0, &mut String::new()), "vip会员2012");
    }

    #[test]
    fn an_index_holding_a_control_character_does_not_read_back() {
        // As a forged cache would hold: text that never passed the cleaner.
        let bad = ["\u{1b}]52;c;aGk=\u{7}", "\u{9b}2J", "a\nb", "\u{7f}"];
        for (field, bad) in bad.into_iter().enumerate() {
            let mut forged = articles();
            match field {
                0 => forged[0].source = bad.into(),
                1 => forged[2].id = bad.into(),
                _ => forged[1].date = Date::Unparsed(bad.into()),
            }
            let (shared, at) = encoded(&Index::build(&forged));
            assert!(decoded(&shared, &at).is_none(), "{bad:?}");
        }
        // A title is checked when it is read, or with all the others on first whole use.
        for bad in bad {
            let mut forged = articles();
            forged[1].title = bad.into();
            let (shared, at) = encoded(&Index::build(&forged));
            let back = decoded(&shared, &at).unwrap();
            assert_eq!(
                back.title(1),
                crate::query::index::titles::DAMAGED,
                "{bad:?}"
            );
            assert!(!back.check_titles(), "{bad:?}");
            assert_eq!(
                back.title(1),
                crate::query::index::titles::DAMAGED,
                "{bad:?}"
            );
            assert_eq!(back.title(2), "绿色 NBA");
        }
        let (shared, at) = encoded(&Index::build(&articles()));
        assert!(decoded(&shared, &at).unwrap().check_titles());
    }

    #[test]
    fn hex_ids_and_one_zone_read_back() {
        let mut hexed = articles();
        for (k, a) in hexed.iter_mut().enumerate() {
            a.id = format!("00ff{k:012x}");
            a.date = Date::from_text(&format!("2017-09-0{} 09:11", k + 1));
        }
        let index = Index::build(&hexed);
        let sizes = index.column_sizes();
        let size = |name| sizes.iter().find(|(n, _)| *n == name).unwrap().1;
        assert_eq!(
            (size("hex_ids"), size("ids"), size("date_zones")),
            (24, 0, 4)
        );
        let (shared, at) = encoded(&index);
        let back = decoded(&shared, &at).unwrap();
        assert!(back.same_as(&index));
        for (i, a) in hexed.iter().enumerate() {
            assert_eq!(
                (back.id(i), back.date(i)),
                (a.id.as_str().into(), a.date.clone())
            );
        }
    }

    #[test]
    fn undated_articles_do_not_keep_zones_apart() {
        let mut mixed = articles();
        mixed.push(Article {
            date: Date::from_text("2019-01-01 10:00"),
            ..mixed[0].clone()
        });
        mixed[0].date = Date::from_text("2012-07-06 08:00");
        let index = Index::build(&mixed);
        let size = |name| {
            let sizes = index.column_sizes();
            sizes.iter().find(|(n, _)| *n == name).unwrap().1
        };
        assert_eq!(
            size("date_zones"),
            4,
            "one zone for dated, unparsed and missing dates"
        );
        for (i, a) in mixed.iter().enumerate() {
            assert_eq!(index.date(i), a.date, "{i}");
        }
        mixed[3].date = Date::from_text("2019-01-01T10:00:00Z");
        let apart = Index::build(&mixed);
        for (i, a) in mixed.iter().enumerate() {
            assert_eq!(apart.date(i), a.date, "{i}");
        }
        let (shared, at) = encoded(&apart);
        let back = decoded(&shared, &at).unwrap();
        assert!(back.same_as(&apart));
    }

    #[test]
    fn damaged_bytes_never_make_an_index() {
        let index = Index::build(&articles());
        let (shared, at) = encoded(&index);
        let len = at.aids.end;
        let bytes: &[u8] = shared.as_ref().as_ref();
        // (The last 16 bytes may be padding only.)
        for cut in (0..at.columns - 16).step_by(7) {
            let cut = Layout {
                columns: cut,
                ..at.clone()
            };
            assert!(decoded(&shared, &cut).is_none());
        }
        // Flip bytes one at a time, the sections' checksums taken of the damaged bytes (as a
        // forged file would have them): decoding either fails or gives an index whose
        // accessors all work, its aids made again from the columns when they do not decode,
        // before and after its titles are checked whole.
        for flip in 0..len {
            let mut copy = bytes[..len].to_vec();
            copy[flip] ^= 0x80;
            let words = aligned(&copy);
            if let Some(back) = decoded(&words, &at) {
                for i in 0..back.len() {
                    let title = back.title(i);
                    assert!(!crate::sanitize::has_terminal_controls(
                        title.as_bytes(),
                        false
                    ));
                }
                for i in 0..back.len() {
                    let _ = (back.title(i), back.id(i), back.date(i));
                    let _ = back.folded_title(i, &mut String::new());
                    let _ = (back.source(i), back.title_readings(i));
                    let _ = (back.title_letters(i), back.title_signature(i));
                }
                let _ = back.title_candidates("会员");
                let _ = back.in_order(super::super::Order::OldestFirst);
            }
        }
    }

    #[test]
    fn aids_that_do_not_check_out_are_made_again_from_the_columns() {
        let index = Index::build(&articles());
        let (shared, at) = encoded(&index);
        let aids = at.aids.clone();
        let bytes: &[u8] = shared.as_ref().as_ref();
        let whole = xxh3_64(&bytes[aids.clone()]);
        let half = aids.start + aids.len() / 32 * 16;
        let stored = |checksum, range: Range<usize>| Section::new(shared.clone(), range, checksum);
        for aids in [
            Some(stored(whole ^ 1, aids.clone())),
            Some(stored(xxh3_64(&bytes[aids.start..half]), aids.start..half)),
            None,
        ] {
            let sections = Sections {
                titles: section(&shared, at.titles.clone()),
                aids,
            };
            let back = Index::decode(&mut Decoder::new(&shared, 0..at.columns), sections).unwrap();
            assert!(back.same_as(&index));
            let folded = back.folded_sources().to_vec();
            assert_eq!(folded, index.folded_sources());
        }
    }
}
