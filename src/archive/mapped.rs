//! Plain (uncompressed, UTF-8) JSON Lines files read straight from a memory map: the file is
//! cut into line-aligned pieces that are parsed on every core, and delivered in file order
//! with their problems' line numbers made file-wide. Bodies stay in the map (`parse::lazy`).
//!
//! A file that is not plainly JSON Lines — gzip, a byte-order mark, another format, text that
//! is mostly not UTF-8 — is left to the ordinary path ([`crate::parse::load_bytes`]).

use std::ops::Range;

use super::ordered;
use crate::article::SharedBytes;
use crate::parse::{Archive, Format, decode, detect, gzip, jsonl};

/// How much of a file's start must be UTF-8 for the whole to be taken as UTF-8 unread (a
/// later undecodable line is then reported on its own, as the ordinary path does for a
/// mostly-UTF-8 file; a file that is UTF-8 at its start and mostly GB18030 after it is the
/// one case read differently).
const UTF8_PROBE_BYTES: usize = 4 << 20;

/// How much of the file's start the format is guessed from.
const HEAD_BYTES: usize = 64 << 10;

/// One parsed piece of a file.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    /// Its articles, and its problems numbered from the file's first line.
    pub(crate) archive: Archive,
    /// The bytes of the file it covered.
    pub(crate) range: Range<usize>,
    /// Lines of the file before it.
    pub(crate) lines_before: usize,
}

/// True when `bytes`, the whole of a file called `name`, can be parsed here: JSON Lines
/// (by name or content, as [`detect::format`] says), not gzip, no byte-order mark, and UTF-8
/// (or mostly: its undecodable lines are then reported one by one, as the ordinary path
/// does).
pub(super) fn is_plain_json_lines(name: &str, bytes: &[u8]) -> bool {
    if bytes.is_empty() || gzip::is_gzip(bytes) || encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    // A prefix that holds the whole first line is judged JSON Lines only when the whole text
    // would be: the test reads the first line and asks that something follow it.
    let first_line_end = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    let head_len = bytes.len().min(first_line_end.max(HEAD_BYTES) + 1);
    let Some(head) = utf8_prefix(&bytes[..head_len]) else {
        return false;
    };
    detect::format(name, head) == Some(Format::JsonLines)
        && (utf8_prefix(&bytes[..bytes.len().min(UTF8_PROBE_BYTES)]).is_some()
            || decode::mostly_utf8(bytes))
}

/// `bytes` as text when it is UTF-8 but for a character cut short at its end (dropped).
fn utf8_prefix(bytes: &[u8]) -> Option<&str> {
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Some(text);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok(),
        Err(_) => None,
    }
}

/// `bytes` cut into line-aligned ranges of about `target` bytes each.
pub(super) fn pieces(bytes: &[u8], target: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let guess = (start + target.max(1)).min(bytes.len());
        let end = memchr::memchr(b'\n', &bytes[guess - 1..]).map_or(bytes.len(), |i| guess + i);
        out.push(start..end);
        start = end;
    }
    out
}

/// Parses `shared[range]`, whose first line is line 1; returns it with the number of line
/// breaks it holds.
fn parse_counting(file: &str, shared: &SharedBytes, range: Range<usize>) -> (Parsed, usize) {
    let bytes = &shared.as_ref().as_ref()[range.clone()];
    let mut out = Archive::default();
    let mut breaks = 0;
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => {
            for (index, line) in text.split('\n').enumerate() {
                jsonl::parse_line(file, index + 1, line, Some(shared), &mut out);
                breaks = index;
            }
        }
        Err(_) => {
            for (index, line) in bytes.split(|b| *b == b'\n').enumerate() {
                match std::str::from_utf8(line) {
                    Ok(line) => jsonl::parse_line(file, index + 1, line, Some(shared), &mut out),
                    Err(_) => out.report(super::Problem::at(file, index + 1, "invalid UTF-8")),
                }
                breaks = index;
            }
        }
    }
    let parsed = Parsed {
        archive: out,
        range,
        lines_before: 0,
    };
    (parsed, breaks)
}

/// Parses every piece of `shared` on `threads` threads and hands them to `each` in file
/// order, problems numbered file-wide. `file` is how problems name the file; `release` is
/// told of each piece once parsed (to let its pages go from memory).
pub(super) fn parse_parallel(
    file: &str,
    shared: &SharedBytes,
    pieces: &[Range<usize>],
    threads: usize,
    release: &(dyn Fn(Range<usize>) + Sync),
    mut each: impl FnMut(Parsed),
) {
    let mut lines_before = 0;
    let work = |range: &Range<usize>| {
        let parsed = parse_counting(file, shared, range.clone());
        release(range.clone());
        parsed
    };
    ordered::map_in_order(pieces, threads, work, |(mut parsed, breaks)| {
        for p in &mut parsed.archive.problems {
            p.line = p.line.map(|n| n + lines_before);
        }
        parsed.lines_before = lines_before;
        lines_before += breaks;
        each(parsed);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn pieces_end_at_line_breaks_and_cover_everything() {
        let text = b"aaaa\nbb\n\ncccccc\nd";
        for target in 1..text.len() + 2 {
            let ps = pieces(text, target);
            assert_eq!(ps.first().unwrap().start, 0);
            assert_eq!(ps.last().unwrap().end, text.len());
            for w in ps.windows(2) {
                assert_eq!(w[0].end, w[1].start);
                assert_eq!(text[w[0].end - 1], b'\n', "target {target}");
            }
        }
        assert!(pieces(b"", 4).is_empty());
    }

    #[test]
    fn which_files_are_plain_json_lines() {
        let jsonl = b"{\"title\":\"a\"}\n{\"title\":\"b\"}\n";
        assert!(is_plain_json_lines("x.jsonl", jsonl));
        assert!(is_plain_json_lines("noext", jsonl));
        assert!(!is_plain_json_lines("x.json", b"[{\"title\":\"a\"}]"));
        assert!(!is_plain_json_lines(
            "x.jsonl",
            b"\xEF\xBB\xBF{\"title\":\"a\"}\n"
        ));
        assert!(!is_plain_json_lines("x.jsonl", b"\x1f\x8b\x08"));
        let (gbk, _, _) = encoding_rs::GB18030.encode("{\"title\":\"标题\"}\n{\"title\":\"二\"}\n");
        assert!(!is_plain_json_lines("x.jsonl", &gbk));
    }

    #[test]
    fn parallel_pieces_number_lines_file_wide() {
        let text = "{\"title\":\"a\"}\nbad\n{\"title\":\"b\"}\n\nbad\n{\"title\":\"c\"}";
        let shared: SharedBytes = Arc::new(text.as_bytes().to_vec());
        let bytes = shared.as_ref().as_ref();
        for target in [1, 5, 20, 1000] {
            let mut all = Archive::default();
            parse_parallel("f", &shared, &pieces(bytes, target), 2, &|_| {}, |p| {
                all.articles.extend(p.archive.articles);
                all.problems.extend(p.archive.problems);
            });
            let titles: Vec<_> = all.articles.iter().map(|a| a.title.as_str()).collect();
            let lines: Vec<_> = all.problems.iter().map(|p| p.line).collect();
            assert_eq!(titles, ["a", "b", "c"]);
            assert_eq!(lines, [Some(2), Some(5)], "target {target}");
        }
    }
}
