//! CSI sequences (`ESC [` …): cursor keys, function keys with modifiers, the device status
//! reply, cursor position reports and bracketed paste; mouse reports and `CSI … u` keys
//! are handed to their own modules. Part of the adaptation of crossterm 0.29.0's
//! `src/event/sys/unix/parse.rs` (MIT; the notice is in `parse.rs`).
//!
//! juan frames a sequence first (ECMA-48: parameter bytes 0x30–0x3F, intermediate bytes
//! 0x20–0x2F, then one final byte 0x40–0x7E) and only then looks at what it is, so an unknown
//! sequence is dropped whole.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

use super::{
    Invalid, Outcome, Parsed, csi_parameters, csi_u, key, modifier_and_kind_parsed, mouse,
    next_parsed, normalise_newlines, parse_key_event_kind, parse_modifiers,
    parse_modifiers_to_state,
};

/// What a terminal sends before pasted text in bracketed paste mode.
const PASTE_START: &[u8] = b"\x1B[200~";
/// What it sends after.
const PASTE_END: &[u8] = b"\x1B[201~";
/// The longest CSI sequence kept while waiting for its final byte.
const MAX_CSI: usize = 256;

/// A sequence starting with `ESC [`.
pub(super) fn parse_csi(buffer: &[u8]) -> Outcome {
    debug_assert!(buffer.starts_with(b"\x1B[")); // ESC [

    if buffer.len() == 2 {
        return Ok(None);
    }

    match buffer[2] {
        // Linux console F1-F5: ESC [ [ A … ESC [ [ E
        b'[' => {
            return if buffer.len() == 3 {
                Ok(None)
            } else {
                match buffer[3] {
                    val @ b'A'..=b'E' => key(KeyCode::F(1 + val - b'A').into()),
                    _ => Err(Invalid),
                }
            };
        }
        // Normal (X10) mouse encoding: three raw bytes follow the M.
        b'M' => return mouse::parse_csi_normal_mouse(buffer),
        _ => {}
    }
    if buffer.starts_with(PASTE_START) {
        return parse_csi_bracketed_paste(buffer);
    }

    let last_byte = buffer[buffer.len() - 1];
    match last_byte {
        0x40..=0x7E => {}
        0x20..=0x3F if buffer.len() < MAX_CSI => return Ok(None),
        // A control or non-ASCII byte inside a sequence, or one far too long.
        _ => return Err(Invalid),
    }

    if buffer.len() == 3 {
        let input_event = match last_byte {
            b'D' => Event::Key(KeyCode::Left.into()),
            b'C' => Event::Key(KeyCode::Right.into()),
            b'A' => Event::Key(KeyCode::Up.into()),
            b'B' => Event::Key(KeyCode::Down.into()),
            b'H' => Event::Key(KeyCode::Home.into()),
            b'F' => Event::Key(KeyCode::End.into()),
            b'Z' => Event::Key(KeyEvent::new_with_kind(
                KeyCode::BackTab,
                KeyModifiers::SHIFT,
                KeyEventKind::Press,
            )),
            b'I' => Event::FocusGained,
            b'O' => Event::FocusLost,
            // P, Q, and S for compatibility with Kitty keyboard protocol,
            // as the 1 in 'CSI 1 P' etc. must be omitted if there are no
            // modifiers pressed:
            // https://sw.kovidgoyal.net/kitty/keyboard-protocol/#legacy-functional-keys
            b'P' => Event::Key(KeyCode::F(1).into()),
            b'Q' => Event::Key(KeyCode::F(2).into()),
            b'S' => Event::Key(KeyCode::F(4).into()),
            _ => return Err(Invalid),
        };
        return Ok(Some(Parsed::Event(input_event)));
    }

    match buffer[2] {
        b'<' => mouse::parse_csi_sgr_mouse(buffer),
        // Keyboard enhancement flags (u) and primary device attributes (c): not used.
        b'?' => match last_byte {
            b'u' | b'c' => Ok(Some(Parsed::Ignored)),
            _ => Err(Invalid),
        },
        // Numbered escape code.
        b'0'..=b'9' => match last_byte {
            b'M' => mouse::parse_csi_rxvt_mouse(buffer),
            b'~' => parse_csi_special_key_code(buffer),
            b'u' => csi_u::parse_csi_u_encoded_key_code(buffer),
            // Always a cursor position report, never F3 with modifiers.
            b'R' => parse_csi_cursor_position(buffer),
            b'n' => parse_csi_device_status(buffer),
            _ => parse_csi_modifier_key_code(buffer),
        },
        b';' => parse_csi_modifier_key_code(buffer),
        _ => Err(Invalid),
    }
}

/// `ESC [ Cy ; Cx R`: where the cursor is (1-based), reported as 0-based (column, row).
pub(super) fn parse_csi_cursor_position(buffer: &[u8]) -> Outcome {
    // ESC [ Cy ; Cx R
    //   Cy - cursor row number (starting from 1)
    //   Cx - cursor column number (starting from 1)
    debug_assert!(buffer.starts_with(b"\x1B[")); // ESC [
    debug_assert!(buffer.ends_with(b"R"));

    let s = csi_parameters(buffer)?;

    let mut split = s.split(';');

    let y = next_parsed::<u16>(&mut split)?.saturating_sub(1);
    let x = next_parsed::<u16>(&mut split)?.saturating_sub(1);

    Ok(Some(Parsed::CursorPosition(x, y)))
}

/// juan: `ESC [ 0 n` (ready) or `ESC [ 3 n` (malfunction), the terminal's answer to a device
/// status request `ESC [ 5 n`: either way, everything written before the request has been
/// read by the terminal.
pub(super) fn parse_csi_device_status(buffer: &[u8]) -> Outcome {
    match csi_parameters(buffer)? {
        "0" | "3" => Ok(Some(Parsed::StatusReport)),
        _ => Err(Invalid),
    }
}

/// `ESC [ 1 ; modifiers X` (or `ESC [ modifiers X`): cursor and F1–F4 keys with modifiers.
pub(super) fn parse_csi_modifier_key_code(buffer: &[u8]) -> Outcome {
    debug_assert!(buffer.starts_with(b"\x1B[")); // ESC [

    let s = csi_parameters(buffer)?;
    let mut split = s.split(';');

    split.next();

    let (modifiers, kind) =
        if let Ok((modifier_mask, kind_code)) = modifier_and_kind_parsed(&mut split) {
            (
                parse_modifiers(modifier_mask),
                parse_key_event_kind(kind_code),
            )
        } else if buffer.len() > 3 {
            (
                parse_modifiers(
                    (buffer[buffer.len() - 2] as char)
                        .to_digit(10)
                        .ok_or(Invalid)? as u8,
                ),
                KeyEventKind::Press,
            )
        } else {
            (KeyModifiers::NONE, KeyEventKind::Press)
        };
    let key = buffer[buffer.len() - 1];

    let keycode = match key {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'F' => KeyCode::End,
        b'H' => KeyCode::Home,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return Err(Invalid),
    };

    let input_event = Event::Key(KeyEvent::new_with_kind(keycode, modifiers, kind));

    Ok(Some(Parsed::Event(input_event)))
}

/// `ESC [ number ; modifiers ~`: Home, Insert, Delete, End, Page Up/Down, F1–F20.
pub(super) fn parse_csi_special_key_code(buffer: &[u8]) -> Outcome {
    debug_assert!(buffer.starts_with(b"\x1B[")); // ESC [
    debug_assert!(buffer.ends_with(b"~"));

    let s = csi_parameters(buffer)?;
    let mut split = s.split(';');

    // This CSI sequence can be a list of semicolon-separated numbers.
    let first = next_parsed::<u8>(&mut split)?;

    let (modifiers, kind, state) =
        if let Ok((modifier_mask, kind_code)) = modifier_and_kind_parsed(&mut split) {
            (
                parse_modifiers(modifier_mask),
                parse_key_event_kind(kind_code),
                parse_modifiers_to_state(modifier_mask),
            )
        } else {
            (KeyModifiers::NONE, KeyEventKind::Press, KeyEventState::NONE)
        };

    let keycode = match first {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        v @ 11..=15 => KeyCode::F(v - 10),
        v @ 17..=21 => KeyCode::F(v - 11),
        v @ 23..=26 => KeyCode::F(v - 12),
        v @ 28..=29 => KeyCode::F(v - 15),
        v @ 31..=34 => KeyCode::F(v - 17),
        _ => return Err(Invalid),
    };

    let input_event = Event::Key(KeyEvent::new_with_kind_and_state(
        keycode, modifiers, kind, state,
    ));

    Ok(Some(Parsed::Event(input_event)))
}

/// `ESC [ 200 ~` pasted text `ESC [ 201 ~`, waited for across reads. juan: line ends are
/// normalised to `\n` (terminals send `\r`).
pub(super) fn parse_csi_bracketed_paste(buffer: &[u8]) -> Outcome {
    // ESC [ 2 0 0 ~ pasted text ESC 2 0 1 ~
    debug_assert!(buffer.starts_with(PASTE_START));

    if buffer.len() < PASTE_START.len() + PASTE_END.len() || !buffer.ends_with(PASTE_END) {
        Ok(None)
    } else {
        let text = &buffer[PASTE_START.len()..buffer.len() - PASTE_END.len()];
        let paste = normalise_newlines(&String::from_utf8_lossy(text));
        Ok(Some(Parsed::Event(Event::Paste(paste))))
    }
}
