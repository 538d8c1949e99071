//! One part of a cache file: a chunk of articles ([`Chunk::encode`]) and the problems met
//! while loading it, with a prefix giving its length, the archive bytes it covers and an
//! XXH3 checksum of its body. Bodies start 16-aligned in the file, so the chunk's columns
//! are read back as views of the mapped cache, not copies.
//!
//! ```text
//! body length u64 · archive bytes covered u64 · body XXH3 u64 · 0 u64 · body
//! body: chunk · problem count · (line + 1, or 0; reason) per problem · padding
//! ```

use std::ops::Range;

use xxhash_rust::xxh3::xxh3_64;

use crate::article::SharedBytes;
use crate::column::codec::{ALIGN, Decoder, Encoder};
use crate::corpus::Chunk;
use crate::parse::Problem;

/// Bytes of a part's prefix.
pub(super) const PREFIX: usize = 32;

/// A part's body, encoded; `None` when the chunk cannot be stored.
pub(super) fn encode(chunk: &Chunk, problems: &[Problem]) -> Option<Vec<u8>> {
    let mut e = Encoder::new();
    chunk.encode(&mut e)?;
    e.u64(problems.len() as u64);
    for p in problems {
        e.u64(p.line.map_or(0, |n| n as u64 + 1));
        e.str(&p.reason);
    }
    Some(e.finish())
}

/// The prefix of a part with `body`, covering `covered` bytes of the archive.
pub(super) fn prefix(body: &[u8], covered: u64) -> [u8; PREFIX] {
    let mut out = [0u8; PREFIX];
    out[0..8].copy_from_slice(&(body.len() as u64).to_le_bytes());
    out[8..16].copy_from_slice(&covered.to_le_bytes());
    out[16..24].copy_from_slice(&xxh3_64(body).to_le_bytes());
    out
}

/// Where a part lies in a cache file, and what it must hold (not yet checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PartPlace {
    /// Where its body lies in the file.
    pub(crate) body: Range<usize>,
    /// Archive bytes it covers.
    pub(crate) covered: u64,
    /// The XXH3 its body must have.
    pub(crate) checksum: u64,
}

/// The parts of `bytes[payload]`, when their prefixes fit it exactly.
pub(super) fn find(bytes: &[u8], payload: Range<usize>) -> Option<Vec<PartPlace>> {
    let mut parts = Vec::new();
    let mut at = payload.start;
    let number = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    while at < payload.end {
        let prefix = bytes.get(at..at + PREFIX)?;
        let len = usize::try_from(number(&prefix[0..8])).ok()?;
        let start = at + PREFIX;
        let end = start.checked_add(len).filter(|e| *e <= payload.end)?;
        if len % ALIGN != 0 || number(&prefix[24..32]) != 0 {
            return None;
        }
        parts.push(PartPlace {
            body: start..end,
            covered: number(&prefix[8..16]),
            checksum: number(&prefix[16..24]),
        });
        at = end;
    }
    Some(parts)
}

/// Reads a part: its checksum, then its chunk (lines in `archive`) and problems (named
/// `file`); `None` when any of it is wrong.
pub(super) fn decode(
    cache: &SharedBytes,
    part: &PartPlace,
    file: &str,
    archive: &SharedBytes,
) -> Option<(Chunk, Vec<Problem>)> {
    let bytes: &[u8] = cache.as_ref().as_ref();
    if xxh3_64(bytes.get(part.body.clone())?) != part.checksum {
        return None;
    }
    let mut d = Decoder::new(cache, part.body.clone());
    let chunk = Chunk::decode(&mut d, archive)?;
    let mut problems = Vec::new();
    for _ in 0..d.count()? {
        let line = d.u64()?;
        problems.push(Problem {
            file: file.to_string(),
            line: (line > 0).then(|| usize::try_from(line - 1).ok()).flatten(),
            reason: d.str()?.to_string(),
            skipped: false,
        });
    }
    d.is_done().then_some((chunk, problems))
}
