//! Text hygiene, applied once at load to every title, source and body: nothing that came from
//! the web reaches the terminal except printable text.
//!
//! STUB: the loader work replaces this with the full DESIGN §2 rules.

/// Returns `text` with escape sequences, control characters (but `\n`) and invisible
/// formatting characters removed, tabs expanded and line ends normalised.
pub fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// Like [`clean`], but for one-line fields (title, source, url): newlines become spaces.
pub fn clean_line(text: &str) -> String {
    clean(text).replace('\n', " ").trim().to_string()
}
