//! The payload's parts: one per piece of the archive that was parsed, each with the piece's
//! byte range and the lines before it, then the length of its records. Parts can be found
//! without decoding, decoded side by side, and — should one not decode — that one piece is
//! parsed again from the archive instead, with the same result.

use std::ops::Range;

use super::codec;
use crate::archive::Archive;
use crate::article::SharedBytes;

/// Bytes of a part's header: piece start, piece end, lines before (`u64` each), records'
/// length (`u32`).
const HEADER: usize = 28;

/// One part found in a payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Where its records lie in the payload.
    pub records: Range<usize>,
    /// The bytes of the archive it covers.
    pub piece: Range<usize>,
    /// Lines of the archive before the piece.
    pub lines_before: usize,
}

/// Appends one part: the header for `piece` and `lines_before`, then `records`.
pub fn put(out: &mut Vec<u8>, piece: &Range<usize>, lines_before: usize, records: &[u8]) {
    out.extend_from_slice(&(piece.start as u64).to_le_bytes());
    out.extend_from_slice(&(piece.end as u64).to_le_bytes());
    out.extend_from_slice(&(lines_before as u64).to_le_bytes());
    out.extend_from_slice(&(records.len() as u32).to_le_bytes());
    out.extend_from_slice(records);
}

/// The parts of `payload`, when their lengths add up and their pieces cover an archive of
/// `archive_len` bytes exactly, in order.
pub fn find(payload: &[u8], archive_len: usize) -> Option<Vec<Part>> {
    let mut parts: Vec<Part> = Vec::new();
    let mut at = 0;
    let number = |bytes: &[u8]| usize::try_from(u64::from_le_bytes(bytes.try_into().ok()?)).ok();
    while at < payload.len() {
        let header = payload.get(at..at + HEADER)?;
        let piece = number(&header[0..8])?..number(&header[8..16])?;
        let lines_before = number(&header[16..24])?;
        let len = u32::from_le_bytes(header[24..28].try_into().ok()?) as usize;
        let start = at + HEADER;
        let end = start.checked_add(len).filter(|e| *e <= payload.len())?;
        let follows = parts.last().map_or(0, |p| p.piece.end);
        let lines_ok = parts.last().is_none_or(|p| p.lines_before <= lines_before);
        if piece.start != follows || piece.end <= piece.start || !lines_ok {
            return None;
        }
        parts.push(Part {
            records: start..end,
            piece,
            lines_before,
        });
        at = end;
    }
    (parts.last()?.piece.end == archive_len).then_some(parts)
}

/// Decodes one part's records; `None` when they do not decode.
pub fn decode(records: &[u8], file: &str, shared: &SharedBytes) -> Option<Archive> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Problem;
    use std::sync::Arc;

    fn payload(pieces: &[Range<usize>]) -> Vec<u8> {
        let mut out = Vec::new();
        for (i, piece) in pieces.iter().enumerate() {
            let mut records = Vec::new();
            codec::put_problem(&mut records, &Problem::at("f", i + 1, "bad"));
            put(&mut out, piece, i * 10, &records);
        }
        out
    }

    #[test]
    fn parts_are_found_and_decoded() {
        let shared: SharedBytes = Arc::new(Vec::new());
        let bytes = payload(&[0..5, 5..9, 9..20]);
        let parts = find(&bytes, 20).unwrap();
        assert_eq!(parts.len(), 3);
        assert_eq!((parts[1].piece.clone(), parts[1].lines_before), (5..9, 10));
        let second = decode(&bytes[parts[1].records.clone()], "f", &shared).unwrap();
        assert_eq!(second.problems[0].line, Some(2));
    }

    #[test]
    fn parts_that_do_not_tile_the_archive_are_refused() {
        assert!(find(&payload(&[0..5, 5..9]), 20).is_none());
        assert!(find(&payload(&[0..5, 6..20]), 20).is_none());
        assert!(find(&payload(&[]), 20).is_none());
        let bytes = payload(&[0..5, 5..20]);
        let boundary = bytes.len() / 2;
        for cut in (1..bytes.len()).filter(|c| *c != boundary) {
            assert!(find(&bytes[..cut], 20).is_none(), "{cut}");
        }
    }
}
