//! Copying to the clipboard of the machine in front of the user, over SSH and tmux too: OSC 52
//! (`ESC ] 52 ; c ; <base64> BEL`), which the terminal emulator carries out. The text goes only
//! inside the base64 payload, so nothing of an article (an escape sequence in a scraped page)
//! can reach the terminal as a control: the payload's alphabet is `A–Z a–z 0–9 + / =`.
//!
//! `c` names the clipboard selection; BEL ends the sequence (xterm, iTerm2, kitty, WezTerm,
//! foot, Alacritty, Windows Terminal and tmux all take it). tmux with `set-clipboard on` keeps
//! the text in its paste buffer and passes the sequence on to the terminal outside it.

use std::io::{self, Write};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The OSC 52 sequence that sets the clipboard to `text` (UTF-8, standard base64, padded).
pub(crate) fn osc52(text: &str) -> Vec<u8> {
    let mut out = b"\x1b]52;c;".to_vec();
    out.extend_from_slice(STANDARD.encode(text).as_bytes());
    out.push(0x07);
    out
}

/// Writes [`osc52`] of `text` to `out` and flushes it.
pub(crate) fn copy(text: &str, out: &mut impl Write) -> io::Result<()> {
    out.write_all(&osc52(text))?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_is_osc_52_with_the_text_in_base64() {
        assert_eq!(osc52("hi"), b"\x1b]52;c;aGk=\x07");
        assert_eq!(osc52(""), b"\x1b]52;c;\x07");
        // 长春 is e9 95 bf e6 98 a5 in UTF-8.
        assert_eq!(osc52("长春"), b"\x1b]52;c;6ZW/5pil\x07");
    }

    #[test]
    fn escapes_in_the_text_stay_inside_the_payload() {
        let text = "a\x1b]52;c;evil\x07\x1b[2J\u{9b}b";
        let bytes = osc52(text);
        let payload = &bytes[7..bytes.len() - 1];
        assert!(
            payload
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b)),
            "{payload:?}"
        );
        assert_eq!(STANDARD.decode(payload).unwrap(), text.as_bytes());
        assert_eq!(bytes.iter().filter(|&&b| b == 0x1b).count(), 1);
        assert_eq!(bytes.iter().filter(|&&b| b == 0x07).count(), 1);
    }

    #[test]
    fn copy_writes_the_sequence_whole() {
        let mut out = Vec::new();
        copy("http://www.ccrb.example.cn/a.htm", &mut out).unwrap();
        assert_eq!(
            out,
            b"\x1b]52;c;aHR0cDovL3d3dy5jY3JiLmV4YW1wbGUuY24vYS5odG0=\x07"
        );
    }
}
