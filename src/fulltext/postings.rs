//! One posting list — the articles (local numbers, ascending) whose text holds a gram — in
//! the smallest of three forms: a delta-coded list of varints for a very short list, an
//! Elias–Fano list for most, or a bitmap for a common gram. Decoding checks everything it
//! reads, so bytes that are not a posting list give `None`, never a panic or a number outside
//! the chunk.
//!
//! Elias–Fano (as search engines' inverted indexes keep their lists: Vigna, "Quasi-succinct
//! indices", 2013) keeps the low `l` bits of each number packed, and the high bits as gaps in
//! unary: about `2 + log2(len / n)` bits a posting, against 8 to 16 for a varint's gap. At a
//! million articles it made the pairs' lists a fifth smaller, and that room holds the lists of
//! common trigrams (`build`).

/// A varint-coded list: tag, then the gaps between numbers (the first from 0), to the end of
/// the list's bytes.
const LIST: u8 = 0;
/// A bitmap: tag, then one bit per article of the chunk, little-endian 64-bit words.
const BITMAP: u8 = 1;
/// An Elias–Fano list: tag, the low bits' width `l` (a byte), the count `n` (a varint), the
/// `n` low parts of `l` bits packed from the least significant bit of each byte, then the
/// high parts in unary to the end of the list's bytes: number `i`'s high part `h` sets bit
/// `h + i`.
const ELIAS_FANO: u8 = 2;

/// Appends the list of ascending `docs` out of `len` articles to `out`, in its smallest form
/// (each form's size reckoned first, only the chosen one written).
pub(super) fn encode(docs: &[u32], len: usize, out: &mut Vec<u8>) {
    let bitmap = len.div_ceil(64) * 8;
    let packed = docs.last().map_or(usize::MAX, |&last| {
        let l = low_width(docs.len(), len);
        1 + varint_len(docs.len() as u64)
            + (docs.len() * l as usize).div_ceil(8)
            + ((last >> l) as usize + docs.len()).div_ceil(8)
    });
    // A gap takes a byte at least: when that is already more than another form takes, the
    // gaps are not reckoned (a list of more than about one article in 64, where Elias–Fano
    // takes less than a byte a number: most of a chunk's numbers are in such lists).
    let gaps: usize = if docs.len() > bitmap.min(packed) {
        usize::MAX
    } else {
        let mut last = 0u32;
        docs.iter()
            .enumerate()
            .map(|(k, &d)| {
                let gap = if k == 0 { d } else { d - last };
                last = d;
                varint_len(u64::from(gap))
            })
            .sum()
    };
    if gaps <= bitmap && gaps <= packed {
        out.push(LIST);
        let mut last = 0u32;
        for (k, &d) in docs.iter().enumerate() {
            varint(u64::from(if k == 0 { d } else { d - last }), out);
            last = d;
        }
    } else if packed <= bitmap {
        out.push(ELIAS_FANO);
        elias_fano(docs, len, out);
    } else {
        out.push(BITMAP);
        let mut bits = vec![0u64; bitmap / 8];
        for &d in docs {
            bits[d as usize / 64] |= 1 << (d % 64);
        }
        for w in bits {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
}

/// How many bytes [`varint`] writes for `v`.
fn varint_len(v: u64) -> usize {
    (64 - v.max(1).leading_zeros() as usize).div_ceil(7)
}

/// The low bits' width of an Elias–Fano list of `n` numbers below `len`.
fn low_width(n: usize, len: usize) -> u32 {
    (len / n.max(1)).max(1).ilog2()
}

/// Appends `docs` (ascending, not empty, below `len`) as an Elias–Fano list, after its tag.
fn elias_fano(docs: &[u32], len: usize, out: &mut Vec<u8>) {
    let l = low_width(docs.len(), len);
    out.push(l as u8);
    varint(docs.len() as u64, out);
    // The low parts, through a bit buffer a byte at a time.
    let mask = (1u64 << l) - 1;
    let (mut buffer, mut held) = (0u64, 0);
    for &d in docs {
        buffer |= (u64::from(d) & mask) << held;
        held += l;
        while held >= 8 {
            out.push(buffer as u8);
            buffer >>= 8;
            held -= 8;
        }
    }
    if held > 0 {
        out.push(buffer as u8);
    }
    let high_start = out.len();
    let last_high = (docs[docs.len() - 1] >> l) as usize;
    out.resize(high_start + (last_high + docs.len()).div_ceil(8), 0);
    for (i, &d) in docs.iter().enumerate() {
        let bit = (d >> l) as usize + i;
        out[high_start + bit / 8] |= 1 << (bit % 8);
    }
}

/// ANDs the list in `bytes` into `acc`, a bitmap over `len` articles; `None` when the bytes
/// are not a list written by [`encode`] for `len` articles.
pub(super) fn and_into(bytes: &[u8], len: usize, acc: &mut [u64]) -> Option<()> {
    let words = len.div_ceil(64);
    if acc.len() != words {
        return None;
    }
    match *bytes.first()? {
        BITMAP => {
            let body = bytes.get(1..1 + words * 8)?;
            for (a, w) in acc.iter_mut().zip(body.chunks_exact(8)) {
                *a &= u64::from_le_bytes(w.try_into().ok()?);
            }
            Some(())
        }
        LIST => {
            let mut bits = vec![0u64; words];
            let mut at = 1;
            let mut doc = 0u64;
            let mut k = 0;
            while at < bytes.len() {
                let gap = read_varint(bytes, &mut at)?;
                if k > 0 && gap == 0 {
                    return None;
                }
                doc = doc.checked_add(gap)?;
                if doc >= len as u64 {
                    return None;
                }
                bits[doc as usize / 64] |= 1 << (doc % 64);
                k += 1;
            }
            for (a, b) in acc.iter_mut().zip(bits) {
                *a &= b;
            }
            Some(())
        }
        ELIAS_FANO => {
            let mut bits = vec![0u64; words];
            let mut last = None;
            each_elias_fano(&bytes[1..], len, |doc| {
                if last.is_some_and(|l| doc <= l) {
                    return None;
                }
                last = Some(doc);
                bits[doc / 64] |= 1 << (doc % 64);
                Some(())
            })?;
            for (a, b) in acc.iter_mut().zip(bits) {
                *a &= b;
            }
            Some(())
        }
        _ => None,
    }
}

/// Calls `each` with every number of the Elias–Fano list in `bytes` (after its tag), in
/// order; `None` when the bytes are not such a list of numbers below `len` or `each` says so.
fn each_elias_fano(
    bytes: &[u8],
    len: usize,
    mut each: impl FnMut(usize) -> Option<()>,
) -> Option<()> {
    let l = u32::from(*bytes.first()?);
    let mut at = 1;
    let n = usize::try_from(read_varint(bytes, &mut at)?).ok()?;
    if n == 0 || n > len || l != low_width(n, len) {
        return None;
    }
    let low_len = (n * l as usize).div_ceil(8);
    let low = bytes.get(at..at.checked_add(low_len)?)?;
    let high = &bytes[at + low_len..];
    let mask = (1usize << l) - 1;
    let mut i = 0;
    for (w, chunk) in high.chunks(8).enumerate() {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        let mut word = u64::from_le_bytes(word);
        while word != 0 {
            let bit = w * 64 + word.trailing_zeros() as usize;
            word &= word - 1;
            if i == n {
                return None;
            }
            let from = i * l as usize;
            let byte = |k: usize| low.get(from / 8 + k).map_or(0, |&b| usize::from(b));
            let low_part = ((byte(0) | byte(1) << 8 | byte(2) << 16) >> (from % 8)) & mask;
            let doc = ((bit - i) << l) | low_part;
            if doc >= len {
                return None;
            }
            each(doc)?;
            i += 1;
        }
    }
    (i == n).then_some(())
}

/// What reading the list in `bytes` costs, for ordering an intersection cheapest first: its
/// length, a bitmap's counted as its set bits would be as varints.
pub(super) fn cost(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(&BITMAP) => bytes[1..].iter().map(|b| b.count_ones() as usize).sum(),
        Some(&ELIAS_FANO) => {
            let mut at = 2;
            read_varint(bytes, &mut at).map_or(0, |n| n as usize)
        }
        _ => bytes.len(),
    }
}

/// LEB128.
fn varint(mut v: u64, out: &mut Vec<u8>) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 number at `*at`, moving past it; `None` past the end or beyond 64 bits.
fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f).checked_shl(shift)?;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], len: usize) -> Option<Vec<u32>> {
        let mut acc = vec![u64::MAX; len.div_ceil(64)];
        and_into(bytes, len, &mut acc)?;
        Some(
            (0..len as u32)
                .filter(|&d| acc[d as usize / 64] >> (d % 64) & 1 == 1)
                .collect(),
        )
    }

    #[test]
    fn rare_grams_are_lists_and_common_ones_bitmaps() {
        for (docs, len, tag) in [
            (vec![3u32, 70, 1000], 5000, LIST),
            ((0..3000).collect::<Vec<u32>>(), 5000, BITMAP),
            (vec![0], 1, LIST),
            (vec![], 100, LIST),
            (
                (0..500).map(|d| d * 131 + d % 7).collect(),
                65_536,
                ELIAS_FANO,
            ),
            ((0..9000).map(|d| d * 7).collect(), 65_536, ELIAS_FANO),
            (vec![65_535], 65_536, LIST),
        ] {
            let mut out = Vec::new();
            encode(&docs, len, &mut out);
            assert_eq!(out[0], tag);
            assert_eq!(decoded(&out, len).unwrap(), docs);
            assert!(cost(&out) >= docs.len().min(1));
        }
    }

    #[test]
    fn bytes_that_are_no_list_are_refused() {
        // A number beyond the chunk, a repeat, a bad tag, a cut varint, a cut bitmap.
        for bad in [
            vec![LIST, 0x80],
            vec![LIST, 10],
            vec![LIST, 1, 0],
            vec![7, 0],
            vec![BITMAP, 0xff],
            vec![
                LIST, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
            ],
        ] {
            assert!(decoded(&bad, 10).is_none(), "{bad:?}");
        }
        // Elias–Fano: a width other than the count's, a count beyond the chunk or the list,
        // a number twice, a high bit past the count, cut low bits.
        let mut good = vec![ELIAS_FANO];
        elias_fano(&[1, 5, 9], 10, &mut good);
        assert_eq!(decoded(&good, 10).unwrap(), [1, 5, 9]);
        let (width, count, high) = (1, 2, good.len() - 1);
        for (at, value) in [
            (width, 3),
            (count, 11),
            (count, 2),
            (count, 4),
            (high, 0xff),
        ] {
            let mut bad = good.clone();
            bad[at] = value;
            assert!(decoded(&bad, 10).is_none(), "{bad:?}");
        }
        let mut twice = vec![ELIAS_FANO];
        elias_fano(&[4, 4], 10, &mut twice);
        assert!(decoded(&twice, 10).is_none());
        assert!(decoded(&good[..4], 10).is_none());
    }

    #[test]
    fn a_varints_length_is_reckoned_as_it_is_written() {
        for v in [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            let mut out = Vec::new();
            varint(v, &mut out);
            assert_eq!(varint_len(v), out.len(), "{v}");
        }
    }

    proptest::proptest! {
        /// Any ascending list reads back as it was, in whichever form it was written, and in
        /// the Elias–Fano form whatever its density.
        #[test]
        fn lists_read_back_in_every_form(
            len in 1usize..=65_536,
            picks in proptest::collection::vec(proptest::num::u32::ANY, 0..3000),
        ) {
            let mut docs: Vec<u32> = picks.iter().map(|&p| p % len as u32).collect();
            docs.sort_unstable();
            docs.dedup();
            let mut out = Vec::new();
            encode(&docs, len, &mut out);
            proptest::prop_assert_eq!(decoded(&out, len).unwrap(), docs.clone());
            if !docs.is_empty() {
                let mut packed = vec![ELIAS_FANO];
                elias_fano(&docs, len, &mut packed);
                proptest::prop_assert_eq!(decoded(&packed, len).unwrap(), docs.clone());
                proptest::prop_assert_eq!(cost(&packed), docs.len());
            }
        }

        /// Bytes after an Elias–Fano tag never panic, and what they give is ascending and
        /// within the chunk.
        #[test]
        fn any_elias_fano_bytes_give_a_list_or_none(
            len in 1usize..300,
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40),
        ) {
            let mut list = vec![ELIAS_FANO];
            list.extend_from_slice(&bytes);
            if let Some(docs) = decoded(&list, len) {
                proptest::prop_assert!(docs.windows(2).all(|w| w[0] < w[1]));
                proptest::prop_assert!(docs.iter().all(|&d| (d as usize) < len));
            }
        }
    }
}
