//! Loading archives: the only module that touches the file system. It reads files, walks
//! folders (recursively, in sorted order, skipping hidden entries) and reads stdin for `-`,
//! then hands the bytes to the format parsers in `archive/`, which never do I/O.
//!
//! Every bad record, undecodable line and unreadable file becomes one [`Problem`]; the rest
//! still loads.
//!
//! Big archives ([`load_streaming`]): a plain JSON Lines file is memory-mapped and parsed in
//! line-aligned pieces on every core; each article's body stays in the map as a byte range
//! and is decoded only when read; articles reach the caller in [`Batch`]es, in load order,
//! each already built into a [`crate::corpus::Chunk`] (columns and search index), while the
//! rest loads. A big file's chunks are kept in an index cache under `$XDG_CACHE_HOME/juan/`,
//! so opening it again unchanged neither parses nor indexes: the cache file is mapped and the
//! chunks' columns are views of it.
//! Every map is a [`guard`]ed one: a file cut short by another program while juan has it
//! open reads as zeros past its new end instead of killing juan with SIGBUS, and what is read
//! back is checked against what loading recorded ([`record_at`]), so a changed archive gives
//! "changed on disk" ([`changed_on_disk`]), never a wrong article.
//!
//! | module | job |
//! |---|---|
//! | `walk` | the paths given → files to load, in order (folders walked, loops cut) |
//! | `file` | one file: mapped + cached + parallel for plain JSON Lines, else read whole |
//! | `follow` | archives that grow while open: appended records read and handed on |
//! | `guard` | memory maps whose file, cut short under them, cannot kill juan (SIGBUS) |
//! | `mapped` | line-aligned pieces of a mapped file, parsed on every core, in order |
//! | `ordered` | work on every core with results handed on in order |
//! | `lazy` | one JSON Lines record with its body left in the map |
//! | `cache` | the index cache file: key, header, checksums, atomic write; `cache/part` |
//! | `stream` | [`Batch`], [`Progress`], [`LoadOptions`], batching for the caller |
//! | `dedupe` | copies of an article (same id and content) folded, id clashes counted |
//! | `url` | web addresses: a host as the source of last resort, a title's site-name suffix |
//! | `special` | stdin, a FIFO or a device: read once, within a bound, stopped on binary data |
//! | `decode`, `detect`, `gzip` | bytes → text, which format, gunzip |
//! | `jsonl`, `json`, `sogou`, `scraped`, `markdown`, `html`, `record` | the format parsers (no I/O) |

mod cache;
mod decode;
mod dedupe;
mod detect;
mod file;
mod follow;
mod guard;
mod gzip;
mod html;
mod json;
mod jsonl;
mod lazy;
mod mapped;
mod markdown;
mod ordered;
mod record;
mod scraped;
mod sogou;
mod special;
mod stream;
mod url;
mod walk;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::article::{Article, SharedBytes};
use crate::sanitize::visible;

pub use detect::Format;
pub use follow::Follow;
pub use guard::{changed_on_disk, forget_changes, note_changed};
pub use stream::{Batch, LoadOptions, Progress};

/// How the reason of a file that holds no article begins (`not an article (no paragraph
/// text)`, `not an article: a list of links…`): such a file is skipped, not an error.
pub const NOT_AN_ARTICLE: &str = "not an article";

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
    pub fn at(file: &str, line: usize, reason: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line: Some(line),
            reason: reason.into(),
            skipped: false,
        }
    }

    /// A problem with a whole file.
    pub fn whole(file: &str, reason: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line: None,
            reason: reason.into(),
            skipped: false,
        }
    }

    /// A file a load left out on purpose, and why (`not an archive type (.png)`, `not an
    /// article: README`, …).
    pub fn skipped(file: &str, reason: impl Into<String>) -> Problem {
        Problem {
            skipped: true,
            ..Problem::whole(file, reason)
        }
    }

    /// Why a one-article file gave no article: skipped when it is [`NOT_AN_ARTICLE`] (the file
    /// is read and holds none), else a problem (it could not be read as it should).
    pub fn refusal(file: &str, reason: String) -> Problem {
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
    /// Bad records and unreadable files, in the order met: the first [`LISTED_PER_PART`]
    /// problems of records ([`Archive::report`]), and every problem with a whole file.
    pub problems: Vec<Problem>,
    /// Problems of records met past the first [`LISTED_PER_PART`]: counted, not kept, so
    /// that 10 MB of bad lines costs a count and not a gigabyte of reasons.
    pub unlisted: usize,
}

/// How many problems of records one parse keeps with their reasons ([`Archive::report`]).
pub const LISTED_PER_PART: usize = 256;

impl Archive {
    /// Adds the problem of one record: kept with its reason among the first
    /// [`LISTED_PER_PART`], else only counted ([`Archive::unlisted`]).
    pub fn report(&mut self, problem: Problem) {
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
pub fn record_at(bytes: &SharedBytes, start: usize) -> Option<Article> {
    let data: &[u8] = bytes.as_ref().as_ref();
    let rest = data.get(start..)?;
    let line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
    lazy::from_line(jsonl::record_text(std::str::from_utf8(line).ok()?), bytes)
}

/// Loads every path (files, folders recursively, `-` for stdin), with the index cache of
/// an ordinary run ([`LoadOptions::from_env`]).
pub fn load(paths: &[PathBuf]) -> Archive {
    load_with(paths, &LoadOptions::from_env())
}

/// Loads every path with `options`: the batches of [`load_streaming_with`], put together.
pub fn load_with(paths: &[PathBuf], options: &LoadOptions) -> Archive {
    let mut archive = Archive::default();
    load_streaming_with(paths, options, |mut batch| {
        let chunk = &batch.chunk;
        archive
            .articles
            .extend((0..chunk.len()).map(|i| chunk.article(i)));
        archive.problems.append(&mut batch.problems);
    });
    archive
}

/// Loads every path, handing `sink` batches of about 50 000 articles in load order, with
/// the problems met and the progress so far, as loading goes on (options as [`load`]).
/// Returns the JSON Lines files read, to [`Follow`] as they grow.
pub fn load_streaming(paths: &[PathBuf], sink: impl FnMut(Batch)) -> Follow {
    load_streaming_with(paths, &LoadOptions::from_env(), sink)
}

/// [`load_streaming`] with `options`. The last batch (possibly empty) carries the final
/// progress. Plain JSON Lines files are memory-mapped, their bodies left in the map, and
/// parsed on `options.threads` threads; see [`Batch`] for who builds the search index.
pub fn load_streaming_with(
    paths: &[PathBuf],
    options: &LoadOptions,
    mut sink: impl FnMut(Batch),
) -> Follow {
    let mut follow = Vec::new();
    let start = Instant::now();
    let entries = walk::entries(paths);
    let bytes_total = entries
        .iter()
        .filter_map(|e| match e {
            walk::Entry::File { path, .. } => std::fs::metadata(path).ok().map(|m| m.len()),
            _ => None,
        })
        .sum();
    let mut collector = stream::Collector::new(&mut sink, options, bytes_total, start);
    // Small files are read and parsed ahead on every core; results come back in order.
    let prepare = |entry: &walk::Entry| match entry {
        walk::Entry::File { path, .. } => file::prepare(path),
        _ => file::Prepared::Later,
    };
    let mut due = entries.iter();
    ordered::map_in_order(&entries, options.threads, prepare, |prepared| {
        let Some(entry) = due.next() else { return };
        match entry {
            walk::Entry::Problem(p) => collector.problem(p.clone()),
            walk::Entry::File { path, root } => {
                file::load(path, root, prepared, options, &mut collector, &mut follow)
            }
            walk::Entry::Stdin => {
                let mut loaded = Archive::default();
                let stdin = std::io::stdin().lock();
                let len = match special::read_bounded(stdin, special::max_stream_bytes()) {
                    Ok((bytes, stopped)) => {
                        file::read_stream("-", "-", &bytes, stopped, &mut loaded);
                        bytes.len() as u64
                    }
                    Err(e) => {
                        loaded.problems.push(cannot_read("-", &e));
                        0
                    }
                };
                collector.add(loaded, len);
            }
        }
    });
    collector.finish();
    Follow::new(follow)
}

/// Resident memory of this process now, anonymous and file-backed, in KiB (Linux's
/// `/proc/self/status`); `None` elsewhere.
pub fn resident_kb() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Some((field("RssAnon:")?, field("RssFile:")?))
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
fn load_decompressed(
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

/// "cannot read: permission denied" and the like.
fn cannot_read(file: &str, e: &std::io::Error) -> Problem {
    Problem::whole(file, format!("cannot read: {}", short_io_error(e)))
}

/// An I/O error in a few lower-case words, without the `(os error N)` suffix.
fn short_io_error(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text
        .split_once(" (os error")
        .map_or(text.as_str(), |(t, _)| t);
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}

/// The bundled sample archive, `sample-data/` beside the crate's manifest.
pub fn sample_data_dir() -> PathBuf {
    let here = PathBuf::from("sample-data");
    if here.is_dir() {
        return here;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

/// Creates `path` for `juan import -o`, refusing to overwrite any of the `inputs` (juan never
/// writes to an archive): a path inside an input, or the same file as one of the files a load
/// of the inputs reads under another name (a hard or symbolic link: same device and inode).
pub fn create_output(path: &Path, inputs: &[PathBuf]) -> std::io::Result<std::fs::File> {
    let refuse = || {
        Err(std::io::Error::other(
            "refusing to overwrite an input archive",
        ))
    };
    let target = std::fs::canonicalize(path).ok();
    for input in inputs {
        let input = std::fs::canonicalize(input).ok();
        if let (Some(t), Some(i)) = (&target, &input)
            && t.starts_with(i)
        {
            return refuse();
        }
    }
    if let Ok(existing) = std::fs::metadata(path) {
        let same = |file: &Path| std::fs::metadata(file).is_ok_and(|m| same_file(&m, &existing));
        let read = walk::entries(inputs);
        if read
            .iter()
            .any(|e| matches!(e, walk::Entry::File { path, .. } if same(path)))
        {
            return refuse();
        }
    }
    std::fs::File::create(path)
}

/// True when two metadata are of one file (device and inode; on other systems, never).
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}
