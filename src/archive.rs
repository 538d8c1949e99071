//! Loading archives: the only module that touches the file system. It reads files, folders and
//! stdin, and hands bytes to the format parsers in `archive/`.
//!
//! STUB: the loader work fills this in.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::article::Article;

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
    for p in paths {
        load_path(p, &mut archive);
    }
    archive
}

fn load_path(path: &Path, archive: &mut Archive) {
    let _ = (path, archive);
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
