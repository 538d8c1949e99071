//! One posting list — the articles (local numbers, ascending) whose text holds a gram — in
//! the smaller of two forms: a delta-coded list of varints for a rare gram, or a bitmap for a
//! common one. Decoding checks everything it reads, so bytes that are not a posting list give
//! `None`, never a panic or a number outside the chunk.

/// A varint-coded list: tag, then the gaps between numbers (the first from 0), to the end of
/// the list's bytes.
const LIST: u8 = 0;
/// A bitmap: tag, then one bit per article of the chunk, little-endian 64-bit words.
const BITMAP: u8 = 1;

/// Appends the list of ascending `docs` out of `len` articles to `out`, in its smaller form.
pub(super) fn encode(docs: &[u32], len: usize, out: &mut Vec<u8>) {
    let words = len.div_ceil(64);
    let mut list = Vec::with_capacity(docs.len() + 4);
    let mut last = 0u32;
    for (k, &d) in docs.iter().enumerate() {
        varint(u64::from(if k == 0 { d } else { d - last }), &mut list);
        last = d;
    }
    if list.len() <= words * 8 {
        out.push(LIST);
        out.extend_from_slice(&list);
    } else {
        out.push(BITMAP);
        let mut bits = vec![0u64; words];
        for &d in docs {
            bits[d as usize / 64] |= 1 << (d % 64);
        }
        for w in bits {
            out.extend_from_slice(&w.to_le_bytes());
        }
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
        _ => None,
    }
}

/// What reading the list in `bytes` costs, for ordering an intersection cheapest first: its
/// length, a bitmap's counted as its set bits would be as varints.
pub(super) fn cost(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(&BITMAP) => bytes[1..].iter().map(|b| b.count_ones() as usize).sum(),
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
    }
}
