//! Saved HTML pages, one article a page. (Being written: see the HTML task.)

use super::Archive;

/// Parses one saved page's bytes (its charset from a BOM, `<meta>` or detection).
pub fn parse(_file: &str, _name: &str, _bytes: &[u8], _out: &mut Archive) {}

/// The text of an HTML fragment (a record's body that holds markup): one paragraph a line.
pub fn fragment_text(html: &str) -> String {
    html.to_string()
}
