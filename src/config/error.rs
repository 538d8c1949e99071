//! What is wrong with a config file, and where: `FILE:LINE:COLUMN: message`, as compilers
//! write it, so an editor can jump there. The TOML parser gives byte offsets; [`position`]
//! turns them into a line and a column counted in characters, both from 1.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::sanitize::visible;

/// A config file that cannot be used: juan does not start with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub(crate) file: PathBuf,
    /// Line and column (from 1, the column in characters), when the problem has a place.
    pub place: Option<(usize, usize)>,
    /// What is wrong.
    pub(crate) message: String,
}

impl ConfigError {
    /// A problem at byte `offset` of `text`, the contents of `file`.
    pub(crate) fn at(file: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        ConfigError {
            file: file.to_path_buf(),
            place: Some(position(text, offset)),
            message: message.into(),
        }
    }

    /// A problem with the whole file (it cannot be read).
    pub(crate) fn whole(file: &Path, message: impl Into<String>) -> Self {
        ConfigError {
            file: file.to_path_buf(),
            place: None,
            message: message.into(),
        }
    }

    /// A TOML error of `text`: at its span when it has one.
    pub(crate) fn from_toml(file: &Path, text: &str, err: &toml::de::Error) -> Self {
        let message = err.message().trim_end().to_string();
        match err.span() {
            Some(span) => ConfigError::at(file, text, span.start, message),
            None => ConfigError::whole(file, message),
        }
    }
}

impl fmt::Display for ConfigError {
    /// `FILE:LINE:COLUMN: message`, control characters of either written out visibly.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.to_string_lossy();
        write!(f, "{}", visible(&file))?;
        if let Some((line, column)) = self.place {
            write!(f, ":{line}:{column}")?;
        }
        // A message may quote the file (a key, a value) on several lines: keep it one line.
        let message = self.message.replace('\n', " ");
        write!(f, ": {}", visible(&message))
    }
}

impl std::error::Error for ConfigError {}

/// Line and column (both from 1; the column in characters) of byte `offset` of `text`. An
/// offset inside a character or past the end counts as the next character boundary.
pub(crate) fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let before = &text[..end];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\n# 注释\nbé = 2\n";
        assert_eq!(position(text, 0), (1, 1));
        assert_eq!(position(text, 4), (1, 5));
        assert_eq!(position(text, 6), (2, 1));
        // "# 注释\n" is 9 bytes: the line after starts at byte 15.
        assert_eq!(position(text, 15), (3, 1));
        // After "bé" (3 bytes, 2 characters).
        assert_eq!(position(text, 18), (3, 3));
        // Inside é: the next boundary.
        assert_eq!(position(text, 17), (3, 3));
        assert_eq!(position(text, 999), (4, 1));
    }

    #[test]
    fn errors_print_as_compilers_print_them() {
        let e = ConfigError::at(Path::new("c.toml"), "x\ny = 2", 2, "bad\nthing");
        assert_eq!(e.to_string(), "c.toml:2:1: bad thing");
        let e = ConfigError::whole(Path::new("a\x1b[31m.toml"), "cannot read");
        assert_eq!(e.to_string(), "a\\u{1b}[31m.toml: cannot read");
    }
}
