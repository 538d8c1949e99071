//! The fuzz target of text hygiene (`sanitize`): whatever the input, cleaned text holds
//! nothing but printable text, cleaning is idempotent, text with nothing to clean passes
//! unchanged, and `visible` escapes every character that is not plain.

use super::checks::{self, short};
use crate::sanitize::{clean, clean_line, is_plain, needs_no_cleaning, visible};

/// `sanitize::clean`, `clean_line`, `needs_no_cleaning` and `visible` on `data` read as
/// UTF-8 (undecodable bytes as U+FFFD).
pub fn cleaner(data: &[u8]) {
    let text = String::from_utf8_lossy(data);

    let cleaned = clean(&text);
    checks::clean_text("clean", &cleaned);
    assert!(!cleaned.contains('\t'), "a tab left in {}", short(&cleaned));
    assert!(
        clean(&cleaned) == cleaned,
        "cleaning twice changes {}",
        short(&text)
    );

    let line = clean_line(&text);
    checks::line("clean_line", &line);
    assert!(
        clean_line(&line) == line,
        "clean_line twice changes {}",
        short(&text)
    );

    let plain = text.chars().all(is_plain);
    assert!(
        needs_no_cleaning(&text) == plain,
        "needs_no_cleaning disagrees with is_plain on {}",
        short(&text)
    );
    assert!(
        !plain || cleaned == text,
        "plain text changed by cleaning: {}",
        short(&text)
    );

    let shown = visible(&text);
    assert!(
        shown.chars().all(is_plain),
        "visible left something unprintable: {}",
        short(&shown)
    );
    assert!(
        plain == (shown == text),
        "visible changed plain text, or kept the rest: {}",
        short(&text)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_escapes_controls_and_broken_utf8() {
        for input in [
            &b""[..],
            b"\x1b]52;c;ZXZpbA==\x07\x1b[2J",
            b"\xc2\x9b31m\t\r\n\xe2\x80\xae",
            b"\xff\xfe\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac",
        ] {
            cleaner(input);
        }
    }
}
