//! A checked payload decoded on every core: it is a run of parts (one per piece of the
//! archive that was parsed), each a `u32` length then records, so parts can be found
//! without decoding and decoded side by side, then put back in order.

use std::ops::Range;

use super::codec;
use crate::archive::Archive;
use crate::article::SharedBytes;

/// Appends one part: `records` with its length before it.
pub fn put(out: &mut Vec<u8>, records: &[u8]) {
    out.extend_from_slice(&(records.len() as u32).to_le_bytes());
    out.extend_from_slice(records);
}

/// Where each part's records lie in `payload`; `None` when the lengths do not add up.
fn find(payload: &[u8]) -> Option<Vec<Range<usize>>> {
    let mut parts = Vec::new();
    let mut at = 0;
    while at < payload.len() {
        let len = u32::from_le_bytes(payload.get(at..at + 4)?.try_into().ok()?) as usize;
        let start = at + 4;
        let end = start.checked_add(len).filter(|e| *e <= payload.len())?;
        parts.push(start..end);
        at = end;
    }
    Some(parts)
}

/// Decodes one part's records.
fn decode(records: &[u8], file: &str, shared: &SharedBytes) -> Option<Archive> {
    let mut reader = codec::Reader::new(records);
    let mut out = Archive::default();
    while !reader.is_done() {
        match reader.record(file, shared)? {
            codec::Record::Article(a) => out.articles.push(a),
            codec::Record::Problem(p) => out.problems.push(p),
        }
    }
    Some(out)
}

/// Every part of `payload` decoded, in order, on `threads` threads; `release` is told of
/// each range of `payload` once decoded. `None` when any part is bad.
pub fn decode_all(
    payload: &[u8],
    file: &str,
    shared: &SharedBytes,
    threads: usize,
    release: &(dyn Fn(Range<usize>) + Sync),
) -> Option<Vec<Archive>> {
    let parts = find(payload)?;
    let per_thread = parts.len().div_ceil(threads.max(1)).max(1);
    let groups: Vec<&[Range<usize>]> = parts.chunks(per_thread).collect();
    let decode_group = |group: &[Range<usize>]| -> Option<Vec<Archive>> {
        group
            .iter()
            .map(|range| {
                let part = decode(&payload[range.clone()], file, shared);
                release(range.clone());
                part
            })
            .collect()
    };
    let results: Vec<Option<Vec<Archive>>> = if groups.len() <= 1 {
        groups.iter().map(|g| decode_group(g)).collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = groups
                .iter()
                .map(|g| scope.spawn(|| decode_group(g)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        })
    };
    let mut out = Vec::with_capacity(parts.len());
    for group in results {
        out.extend(group?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Problem;
    use std::sync::Arc;

    fn payload(parts: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for i in 0..parts {
            let mut records = Vec::new();
            codec::put_problem(&mut records, &Problem::at("f", i + 1, "bad"));
            put(&mut out, &records);
        }
        out
    }

    #[test]
    fn parts_come_back_in_order_on_any_number_of_threads() {
        let shared: SharedBytes = Arc::new(Vec::new());
        let bytes = payload(7);
        for threads in 1..9 {
            let got = decode_all(&bytes, "f", &shared, threads, &|_| {}).unwrap();
            let lines: Vec<_> = got.iter().map(|a| a.problems[0].line).collect();
            assert_eq!(lines, (1..8).map(Some).collect::<Vec<_>>());
        }
        assert!(
            decode_all(&[], "f", &shared, 2, &|_| {})
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn lengths_that_do_not_add_up_are_refused() {
        let shared: SharedBytes = Arc::new(Vec::new());
        let bytes = payload(3);
        let part_len = bytes.len() / 3;
        for cut in (1..bytes.len()).filter(|c| c % part_len != 0) {
            assert!(
                decode_all(&bytes[..cut], "f", &shared, 2, &|_| {}).is_none(),
                "{cut}"
            );
        }
    }
}
