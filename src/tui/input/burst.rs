//! Unbracketed pastes: text that arrives in one read with a line end in it is a paste, not
//! typing, so its line ends never run Enter (a terminal without bracketed paste, or a
//! program typing into juan).
//!
//! The rule, for what one wake-up of the reader reads (everything the terminal had sent):
//! it is text only (valid UTF-8, no escape or control byte but CR, LF and Tab), it holds a
//! CR or LF, and at least two characters that are not line ends. So a lone Enter ("\r"),
//! Enter held down ("\r\r\r") and two keys typed so fast over SSH that they arrive together
//! ("j\r": j, then Enter) stay keys; "jk\r" becomes a paste of "jk\n". A typist cannot put
//! three keys into one read in practice; a paste of a line and its end always does.
//!
//! A paste longer than what one read brings arrives in several reads; text-only reads that
//! follow a paste within [`PASTE_GAP`] belong to it, line end or not. A paste whose first read
//! holds no line end is typed text until its first line end, as before.

use std::time::Duration;

/// How long after a read taken for a paste another text-only read still continues it: far
/// less than a person takes to press a key after pasting, far more than the gaps between the
/// pieces of one paste.
pub(super) const PASTE_GAP: Duration = Duration::from_millis(100);

/// `bytes` as text, when they are text only: valid UTF-8 with no control byte but CR, LF and
/// Tab (and so no escape sequence).
pub(super) fn as_text(bytes: &[u8]) -> Option<&str> {
    let plain = |&b: &u8| (b >= 0x20 && b != 0x7F) || matches!(b, b'\r' | b'\n' | b'\t');
    if bytes.is_empty() || !bytes.iter().all(plain) {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}

/// True when `text` (text only) is a paste by itself: a line end and two other characters.
pub(super) fn is_paste(text: &str) -> bool {
    let line_end = |c: char| c == '\r' || c == '\n';
    text.contains(line_end) && text.chars().filter(|&c| !line_end(c)).nth(1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_only() {
        assert_eq!(as_text("新闻联播\r\n".as_bytes()), Some("新闻联播\r\n"));
        assert_eq!(as_text(b"a\tb\n"), Some("a\tb\n"));
        assert_eq!(as_text(b""), None);
        assert_eq!(as_text(b"ab\x1B[A\r"), None);
        assert_eq!(as_text(b"ab\x7F\r"), None);
        assert_eq!(as_text(b"ab\x03\r"), None);
        // Cut in the middle of a character: not text (the parser waits for the rest).
        assert_eq!(as_text(&"新".as_bytes()[..2]), None);
    }

    #[test]
    fn a_line_end_and_two_characters() {
        assert!(is_paste("jk\r"));
        assert!(is_paste("新闻\n"));
        assert!(is_paste("改革\r\n开放"));
        assert!(is_paste("\rab"));
        assert!(is_paste("a\rb"));
        // Typing: Enter alone, held, or after one key.
        assert!(!is_paste("\r"));
        assert!(!is_paste("\r\r\r"));
        assert!(!is_paste("j\r"));
        assert!(!is_paste("\r\nj"));
        // No line end: typed text (keys), however long.
        assert!(!is_paste("jjjjjjjj"));
    }
}
