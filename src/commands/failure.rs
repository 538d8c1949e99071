//! [`Failure`]: why a command could not do what was asked, one variant per kind of cause, so
//! that callers (and tests) can tell them apart and every message is printed the same safe
//! way (file names and query text escaped, as ripgrep's and cargo's typed errors are shown).

use std::fmt;
use std::path::PathBuf;

use crate::sanitize::visible;

/// Why a command failed. Every kind ends the process with exit code 1 ([`Failure::exit_code`]);
/// problems in an archive are not failures (a command reports them and goes on).
#[derive(Debug)]
pub enum Failure {
    /// The query given with `-q` does not parse.
    Query(String),
    /// No loaded article has the id asked for.
    NoSuchArticle(String),
    /// No config file could be named (`$HOME` unset, no `--config`).
    NoConfigFile,
    /// Writing to standard output failed (other than a closed pipe, which is success).
    Output(std::io::Error),
    /// A file to write could not be created or written.
    File(PathBuf, std::io::Error),
    /// The terminal could not be set up or used.
    Terminal(String),
    /// The reader's marks, which `is:` and `label:` terms read, could not be read.
    State(String),
}

impl Failure {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            // The interface cannot start in this terminal (TERM=dumb, not a terminal): 2, as
            // for a bad config file; scripts and tests rely on 1 for the rest.
            Failure::Terminal(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Query(e) => write!(f, "query: {}", visible(e)),
            Failure::NoSuchArticle(id) => {
                write!(
                    f,
                    "no article with id {:?} (see `juan list` for ids)",
                    visible(id)
                )
            }
            Failure::NoConfigFile => {
                write!(
                    f,
                    "no config file: $HOME is not set (name one with --config)"
                )
            }
            Failure::Output(e) => write!(f, "cannot write output: {e}"),
            Failure::File(path, e) => write!(f, "{}: {e}", visible(&path.to_string_lossy())),
            Failure::Terminal(e) => write!(f, "{}", visible(e)),
            Failure::State(e) => write!(f, "state: {} (is: and label: read it)", visible(e)),
        }
    }
}

impl std::error::Error for Failure {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_what_came_from_outside() {
        let id = Failure::NoSuchArticle("a\u{1b}[2J".into()).to_string();
        assert_eq!(
            id,
            "no article with id \"a\\\\u{1b}[2J\" (see `juan list` for ids)"
        );
        let file = Failure::File("x\u{7}.jsonl".into(), std::io::ErrorKind::NotFound.into());
        assert!(file.to_string().starts_with("x\\u{7}.jsonl: "), "{file}");
        assert_eq!(
            Failure::Query("empty OR".into()).to_string(),
            "query: empty OR"
        );
        assert_eq!(Failure::NoConfigFile.exit_code(), 1);
    }
}
