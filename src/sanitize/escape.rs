//! Terminal escape sequences: how far each kind reaches, so the sanitizer can drop a whole
//! sequence with its payload rather than only the introducer.
//!
//! Forms (ECMA-48): CSI (`ESC [` or U+009B) parameters, intermediates, one final byte; the
//! string controls OSC (`ESC ]`, U+009D), DCS (`ESC P`, U+0090), SOS (`ESC X`, U+0098), PM
//! (`ESC ^`, U+009E) and APC (`ESC _`, U+009F), ended by ST (`ESC \` or U+009C) or BEL; and the
//! two-byte `ESC` + intermediates + final forms such as `ESC 7` or `ESC ( B`.
//!
//! Every function here is called with the introducer already consumed and consumes the rest.
//! None recurses, so no input can exhaust the stack.

use std::iter::Peekable;
use std::str::Chars;

/// The characters still to read.
pub(super) type Input<'a> = Peekable<Chars<'a>>;

/// Consumes what follows an `ESC`: a CSI, a control string, or a two-byte escape. A bare
/// `ESC` before anything else is dropped alone and the next character is read normally.
pub(super) fn skip_after_esc(input: &mut Input) {
    match input.peek() {
        Some('[') => {
            input.next();
            skip_csi_body(input);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            input.next();
            skip_string_body(input);
        }
        Some(' '..='/') => {
            while input.next_if(|c| matches!(c, ' '..='/')).is_some() {}
            input.next_if(|c| matches!(c, '0'..='~'));
        }
        Some('0'..='~') => {
            input.next();
        }
        _ => {}
    }
}

/// Consumes a CSI's parameter (0x30–0x3F) and intermediate (0x20–0x2F) bytes and its final
/// byte (0x40–0x7E). Any other character ends the (malformed) sequence and is left unread.
pub(super) fn skip_csi_body(input: &mut Input) {
    while let Some(&c) = input.peek() {
        match c {
            ' '..='?' => {
                input.next();
            }
            '@'..='~' => {
                input.next();
                return;
            }
            _ => return,
        }
    }
}

/// Consumes a control string's payload and its terminator: BEL, U+009C, or `ESC \`.
///
/// Another `ESC`, CAN, SUB or a line break also ends the string but is left unread: the
/// caller handles it (an `ESC` starts the next sequence, a line break stays a line break, so
/// an unterminated string cannot swallow the rest of an article).
pub(super) fn skip_string_body(input: &mut Input) {
    while let Some(&c) = input.peek() {
        match c {
            '\u{7}' | '\u{9C}' => {
                input.next();
                return;
            }
            '\u{1B}' => {
                let mut ahead = input.clone();
                ahead.next();
                if ahead.peek() == Some(&'\\') {
                    input.next();
                    input.next();
                }
                return;
            }
            '\n' | '\r' | '\u{18}' | '\u{1A}' => return,
            _ => {
                input.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rest_after(f: fn(&mut Input), s: &str) -> String {
        let mut input = s.chars().peekable();
        f(&mut input);
        input.collect()
    }

    #[test]
    fn csi_stops_after_its_final_byte() {
        assert_eq!(rest_after(skip_csi_body, "31;1mred"), "red");
        assert_eq!(rest_after(skip_csi_body, "?2004hx"), "x");
        assert_eq!(rest_after(skip_csi_body, "31中"), "中");
    }

    #[test]
    fn strings_end_at_bel_st_or_a_line_break() {
        assert_eq!(
            rest_after(skip_string_body, "52;c;ZXZpbA==\u{7}after"),
            "after"
        );
        assert_eq!(
            rest_after(skip_string_body, "8;;http://x\u{1b}\\link"),
            "link"
        );
        assert_eq!(rest_after(skip_string_body, "payload\u{9c}tail"), "tail");
        assert_eq!(rest_after(skip_string_body, "unterminated\nnext"), "\nnext");
        assert_eq!(rest_after(skip_string_body, "a\u{1b}[1mb"), "\u{1b}[1mb");
    }

    #[test]
    fn two_byte_escapes_take_their_final_character() {
        assert_eq!(rest_after(skip_after_esc, "7text"), "text");
        assert_eq!(rest_after(skip_after_esc, "(Btext"), "text");
        assert_eq!(rest_after(skip_after_esc, "中"), "中");
        assert_eq!(rest_after(skip_after_esc, ""), "");
    }
}
