//! Parsing, the pure layer: bytes or text in, [`Article`]s and [`Problem`]s out, and no I/O
//! at all: no path is opened, no file mapped, no folder walked, no cache read (that is
//! [`crate::archive`], the layer above, which hands the bytes it read to [`load_bytes`]).
//!
//! Being below [`crate::corpus`] is what this layer is for: a chunk's article whose body was
//! left in its archive's bytes is read again when it is opened ([`record_at`]), and the corpus
//! calls that here without knowing how files are loaded. The `use` graph runs one way:
//! `archive` (files, the index cache, chunks built) → `corpus` → `parse` → `article`,
//! `sanitize`, `date`. Nothing here imports `archive` or `corpus`.
//!
//! What is parsed here decides what the index cache holds, and [`record_at`] re-reads cached
//! places with today's code: a change to the output of this layer (or of
//! [`crate::sanitize`]) for JSON Lines needs a new cache format version
//! (`archive::CACHE_VERSION`), which `tests/golden_cache.rs` checks.
//!
//! | module | job |
//! |---|---|
//! | `decode`, `detect`, `gzip` | bytes → text, which format, gunzip in memory |
//! | `jsonl`, `json`, `sogou`, `scraped`, `markdown`, `html` | the format parsers |
//! | `record` | one JSON record → an [`Article`]: the field names and value shapes real tools write |
//! | `lazy` | one JSON Lines record with its body left in the archive's bytes |
//! | `url` | web addresses: a host as the source of last resort, a title's site-name suffix |

pub(crate) mod decode;
pub(crate) mod detect;
pub(crate) mod gzip;
mod html;
mod json;
pub(crate) mod jsonl;
mod lazy;
mod markdown;
mod record;
mod scraped;
mod sogou;
mod url;

use std::fmt;

use crate::article::{Article, SharedBytes};
use crate::sanitize::visible;

pub(crate) use detect::Format;

/// How the reason of a file that holds no article begins (`not an article (no paragraph
/// text)`, `not an article: a list of links…`): such a file is skipped, not an error.
pub(crate) const NOT_AN_ARTICLE: &str = "not an article";

/// A record or file that could not be loaded, reported as `FILE:LINE: reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file's path as given (or `-` for stdin).
    pub file: String,
    /// 1-based line number, when the problem is on one line.
    pub line: Option<usize>,
    /// What is wrong, in a few words.
    pub reason: String,
    /// True for a file left out on purpose (not an archive, not an article), which is named
    /// but is not an error; false for a bad record or a file that could not be read.
    pub skipped: bool,
}

impl Problem {
    /// A problem on one line of a file.
    pub(crate) fn at(file: &str, line: usize, reason: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line: Some(line),
            reason: reason.into(),
            skipped: false,
        }
    }

    /// A problem with a whole file.
    pub(crate) fn whole(file: &str, reason: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line: None,
            reason: reason.into(),
            skipped: false,
        }
    }

    /// A file a load left out on purpose, and why (`not an archive type (.png)`, `not an
    /// article: README`, …).
    pub(crate) fn skipped(file: &str, reason: impl Into<String>) -> Problem {
        Problem {
            skipped: true,
            ..Problem::whole(file, reason)
        }
    }

    /// Why a one-article file gave no article: skipped when it is [`NOT_AN_ARTICLE`] (the file
    /// is read and holds none), else a problem (it could not be read as it should).
    pub(crate) fn refusal(file: &str, reason: String) -> Problem {
        if reason.starts_with(NOT_AN_ARTICLE) {
            Problem::skipped(file, reason)
        } else {
            Problem::whole(file, reason)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A file name (and what a reason quotes of a record) comes from outside: printed with
        // its control characters escaped, never raw.
        let (file, reason) = (visible(&self.file), visible(&self.reason));
        match (self.line, self.skipped) {
            (_, true) => write!(f, "{file}: skipped: {reason}"),
            (Some(n), false) => write!(f, "{file}:{n}: {reason}"),
            (None, false) => write!(f, "{file}: {reason}"),
        }
    }
}

/// Everything loaded from the paths given, plus what could not be.
#[derive(Debug, Default)]
pub struct Archive {
    /// Articles in load order.
    pub articles: Vec<Article>,
    /// Bad records and unreadable files, in the order met: the first `LISTED_PER_PART` (256)
    /// problems of records (`Archive::report`), and every problem with a whole file.
    pub problems: Vec<Problem>,
    /// Problems of records met past the first `LISTED_PER_PART`: counted, not kept, so
    /// that 10 MB of bad lines costs a count and not a gigabyte of reasons.
    pub unlisted: usize,
}

/// How many problems of records one parse keeps with their reasons (`Archive::report`).
pub(crate) const LISTED_PER_PART: usize = 256;

impl Archive {
    /// Adds the problem of one record: kept with its reason among the first
    /// [`LISTED_PER_PART`], else only counted ([`Archive::unlisted`]).
    pub(crate) fn report(&mut self, problem: Problem) {
        if self.problems.len() < LISTED_PER_PART {
            self.problems.push(problem);
        } else {
            self.unlisted += 1;
        }
    }
}

/// The article of the JSON Lines record whose line starts at byte `start` of `bytes`, read
/// again the way loading read it when it left the body lazy ([`Body::json_literal`]); `None`
/// when there is no such line or it does not read that way.
///
/// [`Body::json_literal`]: crate::article::Body::json_literal
pub(crate) fn record_at(bytes: &SharedBytes, start: usize) -> Option<Article> {
    let data: &[u8] = bytes.as_ref().as_ref();
    let rest = data.get(start..)?;
    let line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
    lazy::from_line(jsonl::record_text(std::str::from_utf8(line).ok()?), bytes)
}

/// Loads one file's bytes, already read: `file` is how problems name it, `name` its file name
/// (whose extension, after any `.gz`, hints at the format; content decides otherwise).
pub fn load_bytes(file: &str, name: &str, bytes: &[u8], archive: &mut Archive) {
    if gzip::is_gzip(bytes) {
        let (data, problem) = gzip::gunzip(bytes);
        let name = name.strip_suffix(".gz").unwrap_or(name);
        load_decompressed(file, name, &data, problem, archive);
    } else {
        load_decompressed(file, name, bytes, None, archive);
    }
}

/// [`load_bytes`] once any gzip layer is off: `data` is the file's content and
/// `gzip_problem` what went wrong decompressing it (reported after the rest).
pub(crate) fn load_decompressed(
    file: &str,
    name: &str,
    data: &[u8],
    gzip_problem: Option<String>,
    archive: &mut Archive,
) {
    if trim_head(data).is_empty() && gzip_problem.is_none() {
        return archive.problems.push(Problem::skipped(file, "empty file"));
    }
    if detect::by_name(name) == Some(Format::Html)
        || (detect::by_name(name).is_none() && detect::looks_like_html(trim_head(data)))
    {
        // HTML says its own charset (BOM, `<meta>`), so it decodes its bytes itself.
        html::parse(file, name, data, archive);
        if let Some(reason) = gzip_problem {
            archive
                .problems
                .push(gzip::problem_after(file, data, reason));
        }
        return;
    }
    let decoded = decode::decode(data);
    if let Some(doubt) = decoded.doubt {
        archive.problems.push(Problem::whole(file, doubt));
    }
    let text = decoded.text.as_ref();
    let undecodable = format!("invalid {}", decoded.encoding.to_ascii_uppercase());
    let format = detect::format(name, text);
    if let (Some(first), Some(f)) = (decoded.bad_lines.first(), format)
        && f != Format::JsonLines
    {
        let n = decoded.bad_lines.len();
        let lines = if n == 1 {
            "1 line".to_string()
        } else {
            format!("{n} lines")
        };
        archive.problems.push(Problem::at(
            file,
            *first,
            format!("{undecodable} on {lines}; bytes replaced with U+FFFD"),
        ));
    }
    match format {
        Some(Format::JsonLines) => {
            jsonl::parse(file, text, &decoded.bad_lines, &undecodable, archive)
        }
        Some(Format::Json) => json::parse(file, text, archive),
        Some(Format::Sogou) => sogou::parse(file, text, archive),
        Some(Format::Page) => scraped::parse(file, name, text, archive),
        Some(Format::Markdown) => markdown::parse(file, name, text, archive),
        Some(Format::Html) => html::parse(file, name, text.as_bytes(), archive),
        None => archive
            .problems
            .push(Problem::skipped(file, "binary data, not a news archive")),
    }
    if let Some(reason) = gzip_problem {
        archive
            .problems
            .push(gzip::problem_after(file, data, reason));
    }
}

/// `data` from its first byte that is not ASCII whitespace or a UTF-8 byte-order mark.
fn trim_head(data: &[u8]) -> &[u8] {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let start = data
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(data.len());
    &data[start..]
}

/// An I/O error in a few lower-case words, without the `(os error N)` suffix.
pub(crate) fn short_io_error(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text
        .split_once(" (os error")
        .map_or(text.as_str(), |(t, _)| t);
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}
