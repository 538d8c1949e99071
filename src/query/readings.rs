//! What each title char can be typed as in pinyin, prepared once at load: every reading of a
//! Chinese char (all of a polyphone's: 长 = chang, zhang), tone-less, `ü` as both `v` and `u`;
//! an ASCII letter or digit reads as itself. Chars share deduplicated reading sets, so a
//! title stores one `u16` per char. The data comes from the `pinyin` crate (mozillazg's
//! rust-pinyin, built from pinyin-data), with its `heteronym` feature for polyphones.
//!
//! Titles are folded before their chars are looked up, so a traditional char is read as its
//! 繁简 class's representative (國 as 国: `guoqi` finds 國旗). A class's chars may read
//! differently (乾 qian and gan, folded to 干 gan), so a representative reads as every
//! reading of every char of its class, its own first.

use std::collections::HashMap;
use std::sync::OnceLock;

use pinyin::ToPinyinMulti;

use super::fold::class_of;

/// The id of the empty reading set: chars that no pinyin letter can match (punctuation,
/// spaces, symbols).
pub(super) const NO_READING: u16 = 0;

/// Deduplicated reading sets and the char → set cache used while building. The sets are
/// kept in three flat arrays, not one small allocation per reading: a chunk's table lives as
/// long as the chunk, and thousands of small allocations would pin pages all over the heap.
#[derive(Clone)]
pub(crate) struct ReadingTable {
    /// Every reading of every set, concatenated.
    text: String,
    /// Where reading `r` starts in `text`; one more entry than readings.
    reading_starts: Vec<u32>,
    /// Where set `s`'s readings start in `reading_starts`; one more entry than sets. Set 0 is
    /// empty.
    set_starts: Vec<u32>,
    /// Letters (bits 0–25) and digits (bits 26–35) of each set's readings.
    masks: Vec<u64>,
    /// Set ids by readings, while building.
    by_set: HashMap<Box<[Box<str>]>, u16>,
    /// Set id + 1 of each Basic Multilingual Plane char seen so far (0: not yet seen); a
    /// flat table because looking chars up is most of the work of building an index.
    by_bmp_char: Vec<u16>,
    /// The same for chars beyond the BMP.
    by_other_char: HashMap<char, u16>,
    /// Every reading by its first byte, made on first use ([`ReadingTable::beginning_with`]):
    /// a pinyin term is compiled for every chunk at every key, and only the readings that
    /// begin with one of its letters can take a piece of it.
    by_first: OnceLock<ByFirst>,
}

/// The readings of a table grouped by their first byte ([`ReadingTable::beginning_with`]).
#[derive(Debug, Clone, Default)]
struct ByFirst {
    /// Where the readings beginning with byte `b` start in `readings`: one entry per ASCII
    /// byte (readings are ASCII), one for any other, and the end.
    starts: Vec<u32>,
    /// The set id of each reading, grouped by the reading's first byte.
    sets: Vec<u16>,
    /// Its reading number, in the same order.
    readings: Vec<u32>,
}

impl Default for ReadingTable {
    fn default() -> Self {
        ReadingTable {
            by_bmp_char: vec![0; 0x1_0000],
            ..ReadingTable::empty()
        }
    }
}

impl std::fmt::Debug for ReadingTable {
    /// A summary: the char table alone has 65,536 entries.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadingTable")
            .field("sets", &self.set_count())
            .field("chars", &self.by_char_count())
            .finish()
    }
}

impl ReadingTable {
    /// A table with only the empty set 0 and no look-up caches.
    fn empty() -> ReadingTable {
        ReadingTable {
            text: String::new(),
            reading_starts: vec![0],
            set_starts: vec![0, 0],
            masks: vec![0],
            by_set: HashMap::new(),
            by_bmp_char: Vec::new(),
            by_other_char: HashMap::new(),
            by_first: OnceLock::new(),
        }
    }

    /// How many distinct chars have been looked up.
    fn by_char_count(&self) -> usize {
        self.by_bmp_char.iter().filter(|&&id| id != 0).count() + self.by_other_char.len()
    }

    /// The reading-set id of an already folded char, adding its set when it is new.
    pub(crate) fn id_of(&mut self, c: char) -> u16 {
        let code = c as usize;
        if code < self.by_bmp_char.len() {
            if let Some(id) = self.by_bmp_char[code].checked_sub(1) {
                return id;
            }
        } else if let Some(&id) = self.by_other_char.get(&c) {
            return id;
        }
        let readings = readings_of(c);
        let id = if readings.is_empty() {
            NO_READING
        } else if let Some(&id) = self.by_set.get(readings.as_slice()) {
            id
        } else {
            let id = self.push_set(&readings);
            self.by_set.insert(readings.into_boxed_slice(), id);
            id
        };
        if code < self.by_bmp_char.len() {
            self.by_bmp_char[code] = id + 1;
        } else {
            self.by_other_char.insert(c, id);
        }
        id
    }

    /// Adds a set of readings; its id. At most 65,534 sets (ids are `u16`, and one is kept).
    pub(crate) fn push_set(&mut self, readings: &[impl AsRef<str>]) -> u16 {
        let id = u16::try_from(self.set_count())
            .ok()
            .filter(|&id| id < u16::MAX)
            .expect("fewer than 65535 reading sets");
        let mut mask = 0;
        for r in readings {
            self.text.push_str(r.as_ref());
            self.reading_starts.push(offset(self.text.len()));
            mask |= letter_mask(r.as_ref().as_bytes());
        }
        self.set_starts.push(offset(self.reading_starts.len() - 1));
        self.masks.push(mask);
        // Made again for the grown table when asked for.
        self.by_first = OnceLock::new();
        id
    }

    /// The table with its look-up caches dropped (128 KiB and more), once every char is in:
    /// only [`ReadingTable::set`] and [`ReadingTable::mask`] are asked of it after that.
    pub(crate) fn frozen(mut self) -> ReadingTable {
        self.by_set = HashMap::new();
        self.by_bmp_char = Vec::new();
        self.by_other_char = HashMap::new();
        self.text.shrink_to_fit();
        self.reading_starts.shrink_to_fit();
        self.set_starts.shrink_to_fit();
        self.masks.shrink_to_fit();
        self
    }

    /// A table with only the empty set 0, to which sets are added in id order
    /// ([`ReadingTable::push_set`]) and which is then [frozen](ReadingTable::frozen): a table
    /// read back from a cache file.
    pub(crate) fn building() -> ReadingTable {
        ReadingTable::empty()
    }

    /// True when both tables hold the same sets under the same ids.
    #[cfg(test)]
    pub(crate) fn same_sets(&self, other: &ReadingTable) -> bool {
        (self.text.as_str(), &self.reading_starts, &self.set_starts)
            == (
                other.text.as_str(),
                &other.reading_starts,
                &other.set_starts,
            )
    }

    /// How many reading sets there are (ids run from 0 to this, exclusive).
    pub(crate) fn set_count(&self) -> usize {
        self.set_starts.len() - 1
    }

    /// The readings of set `id`.
    pub(crate) fn set(&self, id: u16) -> impl ExactSizeIterator<Item = &str> + '_ {
        let id = usize::from(id);
        let readings = self.set_starts[id] as usize..self.set_starts[id + 1] as usize;
        readings.map(|r| self.reading(r))
    }

    /// Groups the readings by their first byte now unless they are
    /// ([`ReadingTable::beginning_with`]), so that a first search does not wait for it.
    pub(crate) fn group_by_first_byte(&self) {
        self.by_first.get_or_init(|| self.by_first_byte());
    }

    /// The readings beginning with byte `first`, each with its set's id.
    pub(crate) fn beginning_with(&self, first: u8) -> impl Iterator<Item = (u16, &str)> + '_ {
        let by = self.by_first.get_or_init(|| self.by_first_byte());
        let b = usize::from(first.min(128));
        let group = match (by.starts.get(b), by.starts.get(b + 1)) {
            (Some(&start), Some(&end)) => start as usize..end as usize,
            _ => 0..0,
        };
        let (sets, readings) = (&by.sets[group.clone()], &by.readings[group]);
        sets.iter()
            .zip(readings)
            .map(|(&set, &r)| (set, self.reading(r as usize)))
    }

    /// Reading number `r` (of every set's, in order).
    fn reading(&self, r: usize) -> &str {
        &self.text[self.reading_starts[r] as usize..self.reading_starts[r + 1] as usize]
    }

    /// [`ByFirst`] of the table: a counting sort of its readings by first byte.
    fn by_first_byte(&self) -> ByFirst {
        let mut pairs = Vec::with_capacity(self.reading_starts.len());
        for set in 0..self.set_count() {
            for r in self.set_starts[set]..self.set_starts[set + 1] {
                if let Some(&b) = self.reading(r as usize).as_bytes().first() {
                    pairs.push((b.min(128), set as u16, r));
                }
            }
        }
        let mut starts = vec![0u32; 130];
        for &(b, ..) in &pairs {
            starts[usize::from(b) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut next = starts.clone();
        let (mut sets, mut readings) = (vec![0; pairs.len()], vec![0; pairs.len()]);
        for (b, set, r) in pairs {
            let at = next[usize::from(b)] as usize;
            (sets[at], readings[at]) = (set, r);
            next[usize::from(b)] += 1;
        }
        ByFirst {
            starts,
            sets,
            readings,
        }
    }

    /// The letters and digits that occur in set `id`'s readings ([`letter_mask`] bits).
    pub(crate) fn mask(&self, id: u16) -> u64 {
        self.masks[usize::from(id)]
    }
}

/// A length as a `u32` offset (a chunk's readings are a few kilobytes).
fn offset(len: usize) -> u32 {
    u32::try_from(len).expect("reading offsets fit in u32")
}

/// The tone-less readings of one folded char and of every char that folds to it,
/// deduplicated, in the data crate's order, the char's own first.
pub(crate) fn readings_of(c: char) -> Vec<Box<str>> {
    if c.is_ascii_alphanumeric() {
        return vec![c.to_string().into_boxed_str()];
    }
    let mut out: Vec<Box<str>> = Vec::new();
    for member in class_of(c) {
        add_readings(member, &mut out);
    }
    out
}

/// Adds the tone-less readings of `c` that `out` lacks.
fn add_readings(c: char, out: &mut Vec<Box<str>>) {
    let Some(multi) = c.to_pinyin_multi() else {
        return;
    };
    for reading in multi {
        let plain = reading.plain();
        let variants = if plain.contains('ü') {
            vec![plain.replace('ü', "v"), plain.replace('ü', "u")]
        } else {
            vec![plain.to_string()]
        };
        for v in variants {
            if !v.is_empty() && v.is_ascii() && !out.iter().any(|r| **r == *v) {
                out.push(v.into_boxed_str());
            }
        }
    }
}

/// The bit of a reading's first byte: `a`–`z` are bits 0–25, every digit is bit 26 (a term
/// of letters rarely holds one), anything else none.
#[inline]
pub(super) fn initial_bit(byte: u8) -> Option<u32> {
    match byte {
        b'a'..=b'z' => Some(u32::from(byte - b'a')),
        b'A'..=b'Z' => Some(u32::from(byte - b'A')),
        b'0'..=b'9' => Some(26),
        _ => None,
    }
}

/// The bit of a title's initial pairs (`Initials::pairs` of the index) for a char
/// beginning with [`initial_bit`] `before` right before one beginning with `after`: bit
/// `7 * before + 19 * after` (mod 64), which spreads the 27 × 27 pairs evenly, and lets the
/// bits of one char before every initial of the next be one rotation of the next's
/// [`after_bits`].
#[inline]
pub(super) fn pair_bit(before: u32, after: u32) -> u64 {
    after_bits(1 << after).rotate_left(7 * before)
}

/// The [`pair_bit`]s of a char beginning with initial 0 right before one whose
/// [`initial_bit`]s are `initials`: rotated left by `7 * p`, those of one beginning with `p`.
#[inline]
pub(super) fn after_bits(initials: u32) -> u64 {
    let mut bits = 0u64;
    let mut rest = initials;
    while rest != 0 {
        let q = rest.trailing_zeros();
        rest &= rest - 1;
        bits |= 1u64.rotate_left(19 * q);
    }
    bits
}

/// A 64-bit set of the ASCII letters (bits 0–25) and digits (bits 26–35) in `bytes`,
/// case-insensitive; other bytes add nothing.
pub(super) fn letter_mask(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |m, &b| match b {
        b'a'..=b'z' => m | 1 << (b - b'a'),
        b'A'..=b'Z' => m | 1 << (b - b'A'),
        b'0'..=b'9' => m | 1 << (26 + b - b'0'),
        _ => m,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reading_is_found_by_its_first_byte_as_the_table_grows() {
        let mut table = ReadingTable::default();
        let every = |table: &ReadingTable| {
            let mut all: Vec<(u16, String)> = (0..table.set_count() as u16)
                .flat_map(|s| table.set(s).map(move |r| (s, r.to_string())))
                .collect();
            all.sort();
            all
        };
        let by_first = |table: &ReadingTable| {
            let mut all: Vec<(u16, String)> = (0..=255u8)
                .flat_map(|b| {
                    table.beginning_with(b).map(move |(s, r)| {
                        assert_eq!(r.as_bytes()[0].min(128), b.min(128), "{r} under {b}");
                        (s, r.to_string())
                    })
                })
                .collect();
            all.sort();
            all.dedup();
            all
        };
        for c in "长春日报行".chars() {
            table.id_of(c);
        }
        assert_eq!(by_first(&table), every(&table));
        assert!(table.beginning_with(b'c').any(|(_, r)| r == "chang"));
        // A set added after the first look is found too.
        let id = table.id_of('重');
        assert!(
            table
                .beginning_with(b'z')
                .any(|(s, r)| s == id && r == "zhong")
        );
        assert_eq!(by_first(&table), every(&table));
        assert_eq!(table.beginning_with(b'q').count(), 0);
    }

    fn readings(table: &mut ReadingTable, c: char) -> Vec<String> {
        let id = table.id_of(c);
        table.set(id).map(str::to_string).collect()
    }

    #[test]
    fn polyphones_have_every_reading() {
        let mut t = ReadingTable::default();
        let chang = readings(&mut t, '长');
        assert!(chang.contains(&"chang".to_string()), "{chang:?}");
        assert!(chang.contains(&"zhang".to_string()), "{chang:?}");
        let xing = readings(&mut t, '行');
        assert!(xing.contains(&"xing".to_string()) && xing.contains(&"hang".to_string()));
        assert_eq!(readings(&mut t, '春'), ["chun"]);
        assert_eq!(readings(&mut t, '人'), ["ren"]);
    }

    #[test]
    fn u_umlaut_reads_as_v_and_u() {
        let mut t = ReadingTable::default();
        let lv = readings(&mut t, '绿');
        assert!(
            lv.contains(&"lv".to_string()) && lv.contains(&"lu".to_string()),
            "{lv:?}"
        );
    }

    #[test]
    fn ascii_reads_as_itself_and_punctuation_as_nothing() {
        let mut t = ReadingTable::default();
        assert_eq!(readings(&mut t, 'a'), ["a"]);
        assert_eq!(readings(&mut t, '7'), ["7"]);
        assert_eq!(t.id_of('，'), NO_READING);
        assert_eq!(t.id_of(' '), NO_READING);
        assert_eq!(t.mask(NO_READING), 0);
    }

    #[test]
    fn chars_with_the_same_readings_share_a_set() {
        let mut t = ReadingTable::default();
        // 春 and 椿 both read only chun.
        assert_eq!(t.id_of('春'), t.id_of('椿'));
        assert_ne!(t.id_of('春'), t.id_of('长'));
        assert_eq!(format!("{t:?}"), "ReadingTable { sets: 3, chars: 3 }");
        // Beyond the BMP: 𠀀 (U+20000) has a reading in the data; an emoji has none.
        let ext = t.id_of('\u{20000}');
        assert_eq!(t.id_of('\u{20000}'), ext);
        assert_eq!(t.id_of('😀'), NO_READING);
        let chun = t.id_of('春');
        assert_eq!(t.mask(chun), letter_mask(b"chun"));
    }

    #[test]
    fn a_class_reads_as_all_its_chars() {
        // The data crate reads traditional chars too; folding makes that moot for titles.
        let own = |c: char| {
            let mut out = Vec::new();
            add_readings(c, &mut out);
            out.iter().map(|r| r.to_string()).collect::<Vec<_>>()
        };
        assert_eq!(own('國'), ["guo"]);
        assert!(!own('干').contains(&"qian".to_string()));
        let mut t = ReadingTable::default();
        assert_eq!(readings(&mut t, '国'), ["guo"]);
        // 会's own readings first, then 會's (the data reads 會 kuo too).
        assert_eq!(readings(&mut t, '会'), ["hui", "kuai", "kuo"]);
        let gan = readings(&mut t, '干');
        assert_eq!(gan[0], "gan");
        assert!(gan.contains(&"qian".to_string()), "{gan:?}");
        assert_eq!(readings(&mut t, '台')[0], "tai");
    }

    #[test]
    fn debug_output_is_a_summary() {
        let mut t = ReadingTable::default();
        t.id_of('长');
        t.id_of('，');
        assert_eq!(format!("{t:?}"), "ReadingTable { sets: 2, chars: 2 }");
    }

    #[test]
    fn letter_masks() {
        assert_eq!(letter_mask(b"ab"), 0b11);
        assert_eq!(letter_mask(b"AB"), 0b11);
        assert_eq!(letter_mask(b"0"), 1 << 26);
        assert_eq!(letter_mask("长,".as_bytes()), 0);
    }
}
