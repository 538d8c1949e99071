//! Loading archives: the only module that touches the file system. It reads files, walks
//! folders (recursively, in sorted order, skipping hidden entries) and reads stdin for `-`,
//! then hands the bytes to the format parsers in `archive/`, which never do I/O.
//!
//! Every bad record, undecodable line and unreadable file becomes one [`Problem`]; the rest
//! still loads.

mod decode;
mod detect;
mod gzip;
mod json;
mod jsonl;
mod record;
mod scraped;
mod sogou;

use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::article::Article;

pub use detect::Format;

/// A record or file that could not be loaded, reported as `FILE:LINE: reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file's path as given (or `-` for stdin).
    pub file: String,
    /// 1-based line number, when the problem is on one line.
    pub line: Option<usize>,
    /// What is wrong, in a few words.
    pub reason: String,
}

impl Problem {
    /// A problem on one line of a file.
    pub fn at(file: &str, line: usize, reason: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line: Some(line),
            reason: reason.into(),
        }
    }

    /// A problem with a whole file.
    pub fn whole(file: &str, reason: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line: None,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(n) => write!(f, "{}:{}: {}", self.file, n, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

/// Everything loaded from the paths given, plus what could not be.
#[derive(Debug, Default)]
pub struct Archive {
    /// Articles in load order.
    pub articles: Vec<Article>,
    /// Bad records and unreadable files, in the order met.
    pub problems: Vec<Problem>,
}

/// Loads every path (files, folders recursively, `-` for stdin).
pub fn load(paths: &[PathBuf]) -> Archive {
    let mut archive = Archive::default();
    let mut seen_dirs = HashSet::new();
    for p in paths {
        load_path(p, &mut archive, &mut seen_dirs);
    }
    archive
}

/// Loads one path as given: stdin, a folder, or a file of any name (format by content).
fn load_path(path: &Path, archive: &mut Archive, seen_dirs: &mut HashSet<PathBuf>) {
    let shown = path.display().to_string();
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        match std::io::stdin().lock().read_to_end(&mut bytes) {
            Ok(_) => load_bytes("-", "-", &bytes, archive),
            Err(e) => archive.problems.push(cannot_read(&shown, &e)),
        }
        return;
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => walk(path, archive, seen_dirs),
        Ok(_) => load_file(path, archive),
        Err(e) => archive.problems.push(cannot_read(&shown, &e)),
    }
}

/// Loads every supported file under `dir`, in byte order of names, skipping hidden entries
/// and folders already visited (symbolic-link loops).
fn walk(dir: &Path, archive: &mut Archive, seen_dirs: &mut HashSet<PathBuf>) {
    let shown = dir.display().to_string();
    if let Ok(real) = std::fs::canonicalize(dir)
        && !seen_dirs.insert(real)
    {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => return archive.problems.push(cannot_read(&shown, &e)),
    };
    let mut names: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| !n.to_string_lossy().starts_with('.'))
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, archive, seen_dirs),
            Ok(m) if m.is_file() && detect::is_supported_name(&name.to_string_lossy()) => {
                load_file(&path, archive)
            }
            Ok(_) => {}
            Err(e) => archive
                .problems
                .push(cannot_read(&path.display().to_string(), &e)),
        }
    }
}

/// Reads and loads one file.
fn load_file(path: &Path, archive: &mut Archive) {
    let shown = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            load_bytes(&shown, &name, &bytes, archive);
        }
        Err(e) => archive.problems.push(cannot_read(&shown, &e)),
    }
}

/// Loads one file's bytes, already read: `file` is how problems name it, `name` its file name
/// (whose extension, after any `.gz`, hints at the format; content decides otherwise).
pub fn load_bytes(file: &str, name: &str, bytes: &[u8], archive: &mut Archive) {
    let (data, name, gzip_problem) = if gzip::is_gzip(bytes) {
        let (data, problem) = gzip::gunzip(bytes);
        let name = name.strip_suffix(".gz").unwrap_or(name);
        (std::borrow::Cow::Owned(data), name, problem)
    } else {
        (std::borrow::Cow::Borrowed(bytes), name, None)
    };
    let decoded = decode::decode(&data);
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
        Some(Format::Page) => scraped::parse(text, archive),
        None => archive
            .problems
            .push(Problem::whole(file, "not a news archive (binary data)")),
    }
    if let Some(reason) = gzip_problem {
        let line = 1 + memchr::memchr_iter(b'\n', &data).count();
        archive.problems.push(Problem::at(file, line, reason));
    }
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
/// writes to an archive).
pub fn create_output(path: &Path, inputs: &[PathBuf]) -> std::io::Result<std::fs::File> {
    let target = std::fs::canonicalize(path).ok();
    for input in inputs {
        let input = std::fs::canonicalize(input).ok();
        if let (Some(t), Some(i)) = (&target, &input)
            && t.starts_with(i)
        {
            return Err(std::io::Error::other(
                "refusing to overwrite an input archive",
            ));
        }
    }
    std::fs::File::create(path)
}
