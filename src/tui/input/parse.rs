// Adapted from crossterm 0.29.0, `src/event/sys/unix/parse.rs` (crate `crossterm`,
// https://crates.io/crates/crossterm), whose parser is not public. The files under `parse/`
// are parts of the same adaptation. The original's licence:
//
// MIT License
//
// Copyright (c) 2019 Timon
//
// Permission is hereby granted, free of charge, to any person obtaining a copy
// of this software and associated documentation files (the "Software"), to deal
// in the Software without restriction, including without limitation the rights
// to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
// copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all
// copies or substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
// IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
// FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
// AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
// LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
// OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
// SOFTWARE.

//! Bytes from the terminal to crossterm [`Event`]s: crossterm's own parser, adapted (see the
//! notice above), because crossterm keeps it private and its public reader drops the
//! terminal's replies juan paces frames by.
//!
//! [`parse_event`] looks at the bytes of one sequence gathered so far (the caller adds a byte
//! at a time) and says: wait for more (`Ok(None)`), here is what they were (`Ok(Some(_))`, the
//! bytes are consumed), or they are nothing juan knows (`Err(Invalid)`, the bytes are
//! dropped — never turned into text).
//!
//! What changed from crossterm's parser:
//! - the device status reply `CSI 0 n` (and `CSI 3 n`) is [`Parsed::StatusReport`], the
//!   acknowledgement of a `CSI 5 n` juan writes after a frame;
//! - a CSI sequence is framed as ECMA-48 says (parameter and intermediate bytes up to a final
//!   byte), so an unknown one (`CSI > 0 ; 276 ; 0 c`, `CSI ? 2026 ; 2 $ y`) is dropped whole
//!   instead of ending early and leaving its tail as typed text, or waiting for ever;
//!   OSC, DCS, APC, PM and SOS strings are dropped whole too;
//! - `ESC [`, `ESC O` and the other openers at the very end of a read are Alt chords (a
//!   terminal writes a sequence whole), as a lone `ESC` there is the Esc key, so Alt-[ does
//!   not swallow the next key;
//! - a bracketed paste's line ends are `\n` (terminals send `\r`), as in an unbracketed one;
//! - `\n` is always Ctrl-J (juan reads only in raw mode), without asking crossterm;
//! - coordinates of 0 in mouse and cursor reports no longer overflow;
//! - replies juan does not use (keyboard enhancement flags, primary device attributes) are
//!   [`Parsed::Ignored`].

mod csi;
mod csi_u;
mod mouse;
#[cfg(test)]
mod tests;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

/// What a complete sequence of bytes was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Parsed {
    /// A key, mouse, paste or focus event.
    Event(Event),
    /// The answer to a device status request (`CSI 5 n`): `CSI 0 n` or `CSI 3 n`.
    StatusReport,
    /// A cursor position report (`CSI row ; column R`), 0-based (column, row); never a key.
    CursorPosition(u16, u16),
    /// A reply juan has no use for, consumed whole.
    Ignored,
}

/// The bytes gathered are no sequence juan knows: drop them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Invalid;

/// `Ok(None)`: wait for more bytes; `Ok(Some(_))`: the bytes were this; `Err`: drop them.
pub(super) type Outcome = Result<Option<Parsed>, Invalid>;

const ESC: u8 = 0x1B;

/// The longest OSC, DCS, APC, PM or SOS string kept while waiting for its end.
const MAX_STRING: usize = 4096;

/// Parses the bytes of one sequence; `input_available` is true when more bytes of the same
/// read follow (a lone `ESC` with nothing after it is the Esc key).
pub(super) fn parse_event(buffer: &[u8], input_available: bool) -> Outcome {
    if buffer.is_empty() {
        return Ok(None);
    }

    match buffer[0] {
        ESC => parse_escape(buffer, input_available),
        b'\r' => key(KeyCode::Enter.into()),
        // Issue #371 (crossterm): \n = 0xA, which is also the keycode for Ctrl+J. A terminal
        // in raw mode sends \r for Enter, so \n is Ctrl+J (the range below).
        b'\t' => key(KeyCode::Tab.into()),
        b'\x7F' => key(KeyCode::Backspace.into()),
        c @ b'\x01'..=b'\x1A' => key(KeyEvent::new(
            KeyCode::Char((c - 0x1 + b'a') as char),
            KeyModifiers::CONTROL,
        )),
        c @ b'\x1C'..=b'\x1F' => key(KeyEvent::new(
            KeyCode::Char((c - 0x1C + b'4') as char),
            KeyModifiers::CONTROL,
        )),
        b'\0' => key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::CONTROL)),
        _ => parse_utf8_char(buffer).map(|maybe_char| {
            maybe_char
                .map(KeyCode::Char)
                .map(char_code_to_event)
                .map(Event::Key)
                .map(Parsed::Event)
        }),
    }
}

/// A key event, parsed.
fn key(event: KeyEvent) -> Outcome {
    Ok(Some(Parsed::Event(Event::Key(event))))
}

/// Bytes starting with ESC: the Esc key, an Alt chord, SS3, CSI or a string to drop.
fn parse_escape(buffer: &[u8], input_available: bool) -> Outcome {
    if buffer.len() == 1 {
        return if input_available {
            // Possible Esc sequence
            Ok(None)
        } else {
            key(KeyCode::Esc.into())
        };
    }
    let opener = matches!(buffer[1], b'O' | b'[' | b']' | b'P' | b'_' | b'^' | b'X');
    if opener && buffer.len() == 2 && !input_available {
        // juan: nothing follows in this read; a terminal writes a sequence whole.
        return with_alt(parse_event(&buffer[1..], false));
    }
    match buffer[1] {
        b'O' => {
            if buffer.len() == 2 {
                Ok(None)
            } else {
                match buffer[2] {
                    b'D' => key(KeyCode::Left.into()),
                    b'C' => key(KeyCode::Right.into()),
                    b'A' => key(KeyCode::Up.into()),
                    b'B' => key(KeyCode::Down.into()),
                    b'H' => key(KeyCode::Home.into()),
                    b'F' => key(KeyCode::End.into()),
                    // F1-F4
                    val @ b'P'..=b'S' => key(KeyCode::F(1 + val - b'P').into()),
                    _ => Err(Invalid),
                }
            }
        }
        b'[' => csi::parse_csi(buffer),
        b']' | b'P' | b'_' | b'^' | b'X' => parse_string(buffer, input_available),
        ESC => key(KeyCode::Esc.into()),
        _ => with_alt(parse_event(&buffer[1..], input_available)),
    }
}

/// Adds Alt to a key event (ESC before a key).
fn with_alt(outcome: Outcome) -> Outcome {
    outcome.map(|parsed| {
        parsed.map(|parsed| match parsed {
            Parsed::Event(Event::Key(mut key_event)) => {
                key_event.modifiers |= KeyModifiers::ALT;
                Parsed::Event(Event::Key(key_event))
            }
            other => other,
        })
    })
}

/// juan: an OSC (`ESC ]`), DCS (`ESC P`), APC (`ESC _`), PM (`ESC ^`) or SOS (`ESC X`)
/// string, up to BEL (OSC only) or ST (`ESC \`): a reply juan does not use, dropped whole.
/// One still open when the read ends is dropped too (replies arrive whole), so a stray
/// opener cannot swallow the keys after it.
fn parse_string(buffer: &[u8], input_available: bool) -> Outcome {
    let ended = (buffer[1] == b']' && buffer.ends_with(b"\x07"))
        || (buffer.len() >= 4 && buffer.ends_with(b"\x1B\\"));
    if ended {
        Ok(Some(Parsed::Ignored))
    } else if !input_available || buffer.len() >= MAX_STRING {
        Err(Invalid)
    } else {
        Ok(None)
    }
}

/// `\r\n` and a lone `\r` become `\n`.
pub(super) fn normalise_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

// converts KeyCode to KeyEvent (adds shift modifier in case of uppercase characters)
fn char_code_to_event(code: KeyCode) -> KeyEvent {
    let modifiers = match code {
        KeyCode::Char(c) if c.is_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::empty(),
    };
    KeyEvent::new(code, modifiers)
}

/// The next `;`-separated field, parsed.
fn next_parsed<T>(iter: &mut dyn Iterator<Item = &str>) -> Result<T, Invalid>
where
    T: std::str::FromStr,
{
    iter.next()
        .ok_or(Invalid)?
        .parse::<T>()
        .map_err(|_| Invalid)
}

/// A `modifiers:kind` field (kind 1, a press, when absent).
fn modifier_and_kind_parsed(iter: &mut dyn Iterator<Item = &str>) -> Result<(u8, u8), Invalid> {
    let mut sub_split = iter.next().ok_or(Invalid)?.split(':');

    let modifier_mask = next_parsed::<u8>(&mut sub_split)?;

    if let Ok(kind_code) = next_parsed::<u8>(&mut sub_split) {
        Ok((modifier_mask, kind_code))
    } else {
        Ok((modifier_mask, 1))
    }
}

/// The text of a CSI sequence between `ESC [` and its final byte.
fn csi_parameters(buffer: &[u8]) -> Result<&str, Invalid> {
    std::str::from_utf8(&buffer[2..buffer.len() - 1]).map_err(|_| Invalid)
}

fn parse_modifiers(mask: u8) -> KeyModifiers {
    let modifier_mask = mask.saturating_sub(1);
    let mut modifiers = KeyModifiers::empty();
    if modifier_mask & 1 != 0 {
        modifiers |= KeyModifiers::SHIFT;
    }
    if modifier_mask & 2 != 0 {
        modifiers |= KeyModifiers::ALT;
    }
    if modifier_mask & 4 != 0 {
        modifiers |= KeyModifiers::CONTROL;
    }
    if modifier_mask & 8 != 0 {
        modifiers |= KeyModifiers::SUPER;
    }
    if modifier_mask & 16 != 0 {
        modifiers |= KeyModifiers::HYPER;
    }
    if modifier_mask & 32 != 0 {
        modifiers |= KeyModifiers::META;
    }
    modifiers
}

fn parse_modifiers_to_state(mask: u8) -> KeyEventState {
    let modifier_mask = mask.saturating_sub(1);
    let mut state = KeyEventState::empty();
    if modifier_mask & 64 != 0 {
        state |= KeyEventState::CAPS_LOCK;
    }
    if modifier_mask & 128 != 0 {
        state |= KeyEventState::NUM_LOCK;
    }
    state
}

fn parse_key_event_kind(kind: u8) -> KeyEventKind {
    match kind {
        1 => KeyEventKind::Press,
        2 => KeyEventKind::Repeat,
        3 => KeyEventKind::Release,
        _ => KeyEventKind::Press,
    }
}

/// One UTF-8 character: `Ok(None)` while its bytes are incomplete.
fn parse_utf8_char(buffer: &[u8]) -> Result<Option<char>, Invalid> {
    match std::str::from_utf8(buffer) {
        Ok(s) => {
            let ch = s.chars().next().ok_or(Invalid)?;

            Ok(Some(ch))
        }
        Err(_) => {
            // from_utf8 failed, but we have to check if we need more bytes for code point
            // and if all the bytes we have no are valid

            let required_bytes = match buffer[0] {
                // https://en.wikipedia.org/wiki/UTF-8#Description
                (0x00..=0x7F) => 1, // 0xxxxxxx
                (0xC0..=0xDF) => 2, // 110xxxxx 10xxxxxx
                (0xE0..=0xEF) => 3, // 1110xxxx 10xxxxxx 10xxxxxx
                (0xF0..=0xF7) => 4, // 11110xxx 10xxxxxx 10xxxxxx 10xxxxxx
                (0x80..=0xBF) | (0xF8..=0xFF) => return Err(Invalid),
            };

            // More than 1 byte, check them for 10xxxxxx pattern
            if required_bytes > 1 && buffer.len() > 1 {
                for byte in &buffer[1..] {
                    if byte & !0b0011_1111 != 0b1000_0000 {
                        return Err(Invalid);
                    }
                }
            }

            if buffer.len() < required_bytes {
                // All bytes looks good so far, but we need more of them
                Ok(None)
            } else {
                Err(Invalid)
            }
        }
    }
}
