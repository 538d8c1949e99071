//! One part of a cache file: a chunk of articles ([`Chunk::encode`]) and the problems met
//! while loading it, then the chunk's titles' text ([`Chunk::encode_titles`]) and search
//! aids ([`Chunk::encode_aids`]), with a prefix giving their lengths, the archive bytes they
//! cover and an XXH3 checksum of each. Bodies start 16-aligned in the file, so the chunk's
//! columns are read back as views of the mapped cache, not copies.
//!
//! The titles' text and the search aids have checksums of their own because they are checked
//! on first use, not at the load: together four fifths of a part, they are what a title or
//! source search reads whole, while a command that lists a few rows checks only the titles
//! it prints (`query::index::Titles`). A load that will search titles checks them at once
//! ([`TitleCheck`]).
//!
//! ```text
//! body length u64 · archive bytes covered u64 · core length u64 · titles length u64 ·
//! core XXH3 u64 · titles XXH3 u64 · aids XXH3 u64 · 0 u64 · body
//! body: core · titles · aids
//! core: chunk · problem count · (line + 1, or 0; reason) per problem · padding
//! titles: titles' text · padding
//! aids: search aids · padding
//! ```

use std::ops::Range;

use xxhash_rust::xxh3::xxh3_64;

use crate::archive::TitleCheck;
use crate::article::SharedBytes;
use crate::column::codec::{ALIGN, Decoder, Encoder, Section};
use crate::corpus::Chunk;
use crate::parse::Problem;
use crate::query::Sections;

/// Bytes of a part's prefix.
pub(super) const PREFIX: usize = 64;

/// The lengths of a part's core and titles, which the search aids follow in its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Lengths {
    /// Bytes of the core (chunk and problems).
    pub(super) core: usize,
    /// Bytes of the titles' text.
    pub(super) titles: usize,
}

/// A part's body, encoded, and the lengths of its sections; `None` when the chunk cannot be
/// stored.
pub(super) fn encode(chunk: &Chunk, problems: &[Problem]) -> Option<(Vec<u8>, Lengths)> {
    let mut e = Encoder::new();
    chunk.encode(&mut e)?;
    e.u64(problems.len() as u64);
    for p in problems {
        e.u64(p.line.map_or(0, |n| n as u64 + 1));
        e.str(&p.reason);
    }
    let mut body = e.finish();
    let core = body.len();
    let mut e = Encoder::new();
    chunk.encode_titles(&mut e);
    body.extend_from_slice(&e.finish());
    let titles = body.len() - core;
    let mut e = Encoder::new();
    chunk.encode_aids(&mut e);
    body.extend_from_slice(&e.finish());
    Some((body, Lengths { core, titles }))
}

/// The prefix of a part with `body`, laid out as `lengths` say, covering `covered` bytes of
/// the archive.
pub(super) fn prefix(body: &[u8], lengths: Lengths, covered: u64) -> [u8; PREFIX] {
    let mut out = [0u8; PREFIX];
    let (head, rest) = body.split_at(lengths.core);
    let (titles, aids) = rest.split_at(lengths.titles);
    for (k, n) in [
        body.len() as u64,
        covered,
        lengths.core as u64,
        lengths.titles as u64,
        xxh3_64(head),
        xxh3_64(titles),
        xxh3_64(aids),
    ]
    .into_iter()
    .enumerate()
    {
        out[8 * k..8 * k + 8].copy_from_slice(&n.to_le_bytes());
    }
    out
}

/// Where a part lies in a cache file, and what it must hold (not yet checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PartPlace {
    /// Where its core (chunk and problems) lies in the file.
    pub(crate) core: Range<usize>,
    /// Where its titles' text lies in the file, right after the core.
    pub(crate) titles: Range<usize>,
    /// Where its search aids lie in the file, right after the titles.
    pub(crate) aids: Range<usize>,
    /// Archive bytes it covers.
    pub(crate) covered: u64,
    /// The XXH3 its core must have.
    pub(crate) core_checksum: u64,
    /// The XXH3 its titles' text must have (checked on first whole use).
    pub(crate) titles_checksum: u64,
    /// The XXH3 its aids must have (checked on first use).
    pub(crate) aids_checksum: u64,
}

/// The parts of `bytes[payload]`, when their prefixes fit it exactly.
pub(super) fn find(bytes: &[u8], payload: Range<usize>) -> Option<Vec<PartPlace>> {
    let mut parts = Vec::new();
    let mut at = payload.start;
    let number = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    while at < payload.end {
        let prefix = bytes.get(at..at + PREFIX)?;
        let word = |k: usize| number(&prefix[8 * k..8 * k + 8]);
        let len = usize::try_from(word(0)).ok()?;
        let core = usize::try_from(word(2)).ok().filter(|c| *c <= len)?;
        let titles = usize::try_from(word(3)).ok().filter(|t| *t <= len - core)?;
        let start = at + PREFIX;
        let end = start.checked_add(len).filter(|e| *e <= payload.end)?;
        if len % ALIGN != 0 || core % ALIGN != 0 || titles % ALIGN != 0 || word(7) != 0 {
            return None;
        }
        let aids = start + core + titles;
        parts.push(PartPlace {
            core: start..start + core,
            titles: start + core..aids,
            aids: aids..end,
            covered: word(1),
            core_checksum: word(4),
            titles_checksum: word(5),
            aids_checksum: word(6),
        });
        at = end;
    }
    Some(parts)
}

/// Reads a part: its core's checksum, then its chunk (lines in `archive`) and problems (named
/// `file`); `None` when any of it is wrong. The chunk's titles' text is checked now when
/// `titles` says so, else on first use; its search aids are left to their first use. A file
/// `checked_before` ([`super::stamp`]) has none of its checksums computed, nor any check
/// that reads every value of a column.
pub(super) fn decode(
    cache: &SharedBytes,
    part: &PartPlace,
    file: &str,
    archive: &SharedBytes,
    titles: TitleCheck,
    checked_before: bool,
) -> Option<(Chunk, Vec<Problem>)> {
    let bytes: &[u8] = cache.as_ref().as_ref();
    let core = bytes.get(part.core.clone())?;
    if !checked_before && xxh3_64(core) != part.core_checksum {
        return None;
    }
    let section = |range: &Range<usize>, checksum| {
        Section::new(cache.clone(), range.clone(), checksum).checked_before(checked_before)
    };
    let sections = Sections {
        titles: section(&part.titles, part.titles_checksum),
        aids: Some(section(&part.aids, part.aids_checksum)),
    };
    let mut d = Decoder::new(cache, part.core.clone()).checked_before(checked_before);
    let chunk = Chunk::decode(&mut d, archive, sections)?;
    if titles == TitleCheck::AtLoad && !chunk.index.check_titles() {
        return None;
    }
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
