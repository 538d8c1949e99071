//! Markdown articles, one a file. (Being written: see the Markdown task.)

use super::Archive;

/// Parses one Markdown file's text; `name` is its file name.
pub fn parse(_file: &str, _name: &str, _text: &str, _out: &mut Archive) {}
