//! [`PinyinTerm`]: an ASCII term compiled against one reading table, so matching a title
//! looks up, per char and term offset, which pieces the char can take — instead of comparing
//! the term with every reading of every char of every title.

use super::super::readings::ReadingTable;
use super::MAX_TERM_LETTERS;

/// The moves a term allows on each reading set: for set `s` and term offset `j`, the piece
/// lengths `l` such that `term[j..j + l]` is a prefix of a reading of `s`, and those where it
/// is a whole reading of two letters or more.
#[derive(Debug, Clone)]
pub(crate) struct PinyinTerm {
    /// The term's length in letters.
    len: usize,
    /// Indexed `s * len + j`: bit `l` of the first word set when a piece of `l` letters
    /// fits, of the second when that piece is a whole syllable (together: one cache line).
    moves: Vec<[u64; 2]>,
    /// Per set: bit `j` set when some piece fits at term offset `j`. Small enough to stay
    /// in cache, so a char that takes no piece (most chars of most titles) costs one look.
    starts: Vec<u64>,
    /// Per term offset, the union of every set's moves there ([`PinyinTerm::any_moves`]).
    any: Vec<[u64; 2]>,
}

impl PinyinTerm {
    /// Compiles `term` (folded ASCII letters and digits) against every set of `table`; `None`
    /// when it is empty or longer than [`MAX_TERM_LETTERS`].
    pub(crate) fn new(term: &[u8], table: &ReadingTable) -> Option<PinyinTerm> {
        let len = term.len();
        if len == 0 || len > MAX_TERM_LETTERS {
            return None;
        }
        let sets = table.set_count();
        let mut moves = vec![[0u64; 2]; sets * len];
        let mut starts = vec![0u64; sets];
        // The offsets holding each byte: a reading can only take a piece where the term
        // holds its first letter (most readings at most offsets share none).
        let mut at = [0u64; 256];
        for (j, &b) in term.iter().enumerate() {
            at[usize::from(b)] |= 1 << j;
        }
        // Only the readings beginning with a letter of the term can take a piece of it.
        let mut done = [false; 256];
        for &letter in term {
            if std::mem::replace(&mut done[usize::from(letter)], true) {
                continue;
            }
            for (s, reading) in table.beginning_with(letter) {
                let r = reading.as_bytes();
                let s = usize::from(s);
                let mut offsets = at[usize::from(letter)];
                while offsets != 0 {
                    let j = offsets.trailing_zeros() as usize;
                    offsets &= offsets - 1;
                    let common = r.iter().zip(&term[j..]).take_while(|(a, b)| a == b).count();
                    // Bits 1..=common.
                    let cell = &mut moves[s * len + j];
                    cell[0] |= (u64::MAX >> (63 - common)) & !1;
                    if common == r.len() && common > 1 {
                        cell[1] |= 1 << common;
                    }
                    starts[s] |= 1 << j;
                }
            }
        }
        let mut any = vec![[0u64; 2]; len];
        for (s, _) in starts.iter().enumerate().filter(|(_, at)| **at != 0) {
            for (j, union) in any.iter_mut().enumerate() {
                let [fits, whole] = moves[s * len + j];
                *union = [union[0] | fits, union[1] | whole];
            }
        }
        Some(PinyinTerm {
            len,
            moves,
            starts,
            any,
        })
    }

    /// The term's length in letters.
    pub(crate) fn letters(&self) -> usize {
        self.len
    }

    /// How many reading sets the term was compiled for.
    pub(crate) fn sets(&self) -> usize {
        self.starts.len()
    }

    /// The term offsets at which set `set` takes some piece, as bits.
    #[inline]
    pub(crate) fn starts(&self, set: u16) -> u64 {
        self.starts[usize::from(set)]
    }

    /// The piece lengths set `set` allows at term offset `j`, and which are whole syllables.
    #[inline]
    pub(crate) fn moves(&self, set: u16, j: usize) -> (u64, u64) {
        let [fits, whole] = self.moves[usize::from(set) * self.len + j];
        (fits, whole)
    }

    /// The piece lengths some set of the table allows at term offset `j`, and those that are
    /// a whole syllable of some set: the cuts of the term any title could take.
    pub(crate) fn any_moves(&self, j: usize) -> (u64, u64) {
        let [fits, whole] = self.any[j];
        (fits, whole)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_are_reading_prefixes() {
        let mut table = ReadingTable::default();
        let chang = table.id_of('长');
        let chun = table.id_of('春');
        let term = PinyinTerm::new(b"changc", &table).unwrap();
        assert_eq!(term.letters(), 6);
        // 长 reads chang and zhang: at 0 pieces c, ch, cha, chan, chang (whole).
        assert_eq!(term.moves(chang, 0), (0b111110, 1 << 5));
        assert_eq!(term.moves(chun, 5), (0b10, 0));
        assert_eq!(term.moves(chun, 1), (0, 0));
        assert_eq!(term.moves(0, 0), (0, 0));
        // 长 and 春 take pieces at offsets 0 (c, ch…) and 5 (c) only.
        assert_eq!(term.starts(chang), 1 | 1 << 5);
        assert_eq!(term.starts(chun), 1 | 1 << 5);
        assert_eq!(term.starts(0), 0);
        assert!(PinyinTerm::new(b"", &table).is_none());
        assert!(PinyinTerm::new(&[b'a'; MAX_TERM_LETTERS + 1], &table).is_none());
    }

    proptest::proptest! {
        /// The moves are those of every reading at every offset, compared letter by letter.
        #[test]
        fn moves_match_every_reading_at_every_offset(
            chars in crate::query::strings_of("中国长春人大行银新闻北京市委会华欧西安嗯啊，a1", 1..30),
            text in "[zhongcarebijxwuaegs1]{1,12}",
        ) {
            let mut table = ReadingTable::default();
            for c in chars.chars() {
                table.id_of(c);
            }
            let (term, t) = (PinyinTerm::new(text.as_bytes(), &table).unwrap(), text.as_bytes());
            for s in 0..table.set_count() as u16 {
                let mut starts = 0;
                for j in 0..t.len() {
                    let (mut fits, mut whole) = (0u64, 0u64);
                    for r in table.set(s).map(str::as_bytes) {
                        let common = r.iter().zip(&t[j..]).take_while(|(a, b)| a == b).count();
                        fits |= (u64::MAX >> (63 - common)) & !1;
                        if common == r.len() && common > 1 {
                            whole |= 1 << common;
                        }
                        if common > 0 {
                            starts |= 1 << j;
                        }
                    }
                    proptest::prop_assert_eq!(term.moves(s, j), (fits, whole), "{} at {}", text, j);
                }
                proptest::prop_assert_eq!(term.starts(s), starts);
            }
        }
    }
}
