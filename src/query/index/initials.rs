//! Per title, the letters its chars' readings begin with — anywhere, on its first char, and
//! in pairs on two chars in a row — a summary of sixteen bytes from which a pinyin bound can
//! be bounded again without reading the title's chars
//! ([`crate::query::PinyinBound::of_initials`]). A piece of a pinyin term at offset `b` lies
//! on a char one of whose readings begins with the term's letter `b`, so a title earns a
//! bonus that needs such a piece right after another (an adjacency at `b`) only if two chars
//! in a row begin with an earlier letter of the term and with that one; a whole syllable
//! from `b` only if some char begins with it; and the start bonus only if its first char
//! begins with the first letter. At ten million titles, reading a title's chars to bound it
//! costs some 100 ns; its summary, a few.
//!
//! Made from the reading-set ids on first use (the interface asks for it in the background
//! after a load), not kept in the cache: one pass over every title char.

#[cfg(test)]
use super::super::readings::pair_bit;
use super::super::readings::{ReadingTable, after_bits, initial_bit};

/// A title's initials ([`super::Index::title_initials`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Initials {
    /// The [`initial_bit`]s of every reading of every char.
    pub(crate) anywhere: u32,
    /// Those of the first char's readings.
    pub(crate) first: u32,
    /// For every two chars in a row and every two initials they begin with, in order, the
    /// bit [`pair_bit`] gives: a filter, where a pair no title holds may share a bit with one
    /// it holds.
    pub(crate) pairs: u64,
}

/// The [`initial_bit`]s of the readings of set `id`.
fn set_initials(table: &ReadingTable, id: u16) -> u32 {
    table
        .set(id)
        .filter_map(|reading| initial_bit(*reading.as_bytes().first()?))
        .fold(0, |bits, bit| bits | 1 << bit)
}

/// The initials of every title whose chars' reading-set ids are
/// `char_readings[char_starts[i]..char_starts[i + 1]]`.
pub(super) fn of_titles(
    table: &ReadingTable,
    char_readings: &[u16],
    char_starts: &[u32],
) -> Vec<Initials> {
    // Per set: its initials, and the pair bits of initial 0 before them.
    let per_set: Vec<(u32, u64)> = (0..table.set_count())
        .map(|id| {
            let initials = set_initials(table, id as u16);
            (initials, after_bits(initials))
        })
        .collect();
    char_starts
        .windows(2)
        .map(|span| {
            let chars = &char_readings[span[0] as usize..span[1] as usize];
            let mut initials = Initials {
                first: chars.first().map_or(0, |&set| per_set[usize::from(set)].0),
                ..Initials::default()
            };
            let mut before = 0u32;
            for &set in chars {
                let (these, after) = per_set[usize::from(set)];
                initials.anywhere |= these;
                // Each initial of the char before, before every one of this char's.
                let mut rest = before;
                while rest != 0 {
                    initials.pairs |= after.rotate_left(7 * rest.trailing_zeros());
                    rest &= rest - 1;
                }
                before = these;
            }
            initials
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fold::fold;

    #[test]
    fn initials_of_every_reading_anywhere_first_and_in_pairs() {
        let mut table = ReadingTable::default();
        let titles = ["长春日报", "NBA季后赛", "", "2024年"];
        let (mut readings, mut starts) = (Vec::new(), vec![0u32]);
        for title in titles {
            readings.extend(fold(title).chars().map(|c| table.id_of(c)));
            starts.push(readings.len() as u32);
        }
        let initials = of_titles(&table, &readings, &starts);
        let bits = |letters: &str| {
            letters
                .bytes()
                .filter_map(initial_bit)
                .fold(0u32, |b, bit| b | 1 << bit)
        };
        let pairs = |pairs: &[&str]| {
            pairs.iter().fold(0u64, |b, pair| {
                let p: Vec<u32> = pair.bytes().filter_map(initial_bit).collect();
                b | pair_bit(p[0], p[1])
            })
        };
        // 长 reads chang and zhang; 春 chun; 日 ri; 报 bao and fu.
        assert_eq!(initials[0].anywhere, bits("czcrbf"));
        assert_eq!(initials[0].first, bits("cz"));
        assert_eq!(initials[0].pairs, pairs(&["cc", "zc", "cr", "rb", "rf"]));
        // 季 ji, 后 hou, 赛 sai; the Latin letters are their own readings.
        assert_eq!(initials[1].anywhere, bits("nbajhs"));
        assert_eq!(initials[1].first, bits("n"));
        assert_eq!(initials[1].pairs, pairs(&["nb", "ba", "aj", "jh", "hs"]));
        assert_eq!(initials[2], Initials::default());
        // Every digit is one bit; 年 nian and ning.
        assert_eq!(initials[3].anywhere, bits("0n"));
        assert_eq!(initials[3].first, bits("2"));
        assert_eq!(initials[3].pairs, pairs(&["00", "0n"]));
    }
}
