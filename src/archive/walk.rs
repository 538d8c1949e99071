//! What a load will read, in order: the paths given, folders walked recursively in byte
//! order of names (each real folder once, so symbolic-link loops end), and the problems met
//! on the way. Nothing is left out in silence: every entry of a folder that is not loaded —
//! hidden, not an archive type, a project file such as `README.md` — is named with why
//! ([`Problem::skipped`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::cannot_read;
use crate::parse::{Problem, detect};

/// One thing to load, or a problem met while finding things to load.
#[derive(Debug)]
pub(super) enum Entry {
    /// Standard input (`-`).
    Stdin,
    /// A file, and the path given that led to it (itself, or a folder above it).
    File {
        /// The file.
        path: PathBuf,
        /// The path given.
        root: PathBuf,
    },
    /// A path or folder entry that could not be read.
    Problem(Problem),
}

/// Everything to load for `paths`, in load order.
pub(super) fn entries(paths: &[PathBuf]) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Entry::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, path, &mut seen_dirs, &mut out),
            Ok(_) => out.push(Entry::File {
                path: path.clone(),
                root: path.clone(),
            }),
            Err(e) => out.push(Entry::Problem(cannot_read(&path.display().to_string(), &e))),
        }
    }
    out
}

/// Adds every supported file under `dir`, in byte order of names, skipping hidden entries
/// and folders already visited (symbolic-link loops).
fn walk(dir: &Path, root: &Path, seen_dirs: &mut HashSet<PathBuf>, out: &mut Vec<Entry>) {
    if let Ok(real) = std::fs::canonicalize(dir)
        && !seen_dirs.insert(real)
    {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            return out.push(Entry::Problem(cannot_read(&dir.display().to_string(), &e)));
        }
    };
    let mut names: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let shown = path.display().to_string();
        let text = name.to_string_lossy();
        if text.starts_with('.') {
            out.push(Entry::Problem(Problem::skipped(&shown, "hidden")));
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, root, seen_dirs, out),
            Ok(m) if m.is_file() => match detect::skip_reason(&text) {
                None => out.push(Entry::File {
                    path,
                    root: root.to_path_buf(),
                }),
                Some(reason) => out.push(Entry::Problem(Problem::skipped(&shown, reason))),
            },
            Ok(_) => out.push(Entry::Problem(Problem::skipped(
                &shown,
                "not a regular file",
            ))),
            Err(e) => out.push(Entry::Problem(cannot_read(&shown, &e))),
        }
    }
}
