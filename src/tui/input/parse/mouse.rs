//! Mouse reports in the three encodings terminals use (SGR, urxvt and X10). Part of the
//! adaptation of crossterm 0.29.0's `src/event/sys/unix/parse.rs` (MIT; the notice is in
//! `parse.rs`); juan's change: a coordinate of 0 is clamped instead of overflowing.

use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::{Invalid, Outcome, Parsed, csi_parameters, next_parsed};

/// `ESC [ Cb ; Cx ; Cy M` (urxvt, mode 1015).
pub(super) fn parse_csi_rxvt_mouse(buffer: &[u8]) -> Outcome {
    // rxvt mouse encoding:
    // ESC [ Cb ; Cx ; Cy ; M

    debug_assert!(buffer.starts_with(b"\x1B[")); // ESC [
    debug_assert!(buffer.ends_with(b"M"));

    let s = csi_parameters(buffer)?;
    let mut split = s.split(';');

    let cb = next_parsed::<u8>(&mut split)?
        .checked_sub(32)
        .ok_or(Invalid)?;
    let (kind, modifiers) = parse_cb(cb)?;

    let cx = next_parsed::<u16>(&mut split)?.saturating_sub(1);
    let cy = next_parsed::<u16>(&mut split)?.saturating_sub(1);

    Ok(Some(Parsed::Event(Event::Mouse(MouseEvent {
        kind,
        column: cx,
        row: cy,
        modifiers,
    }))))
}

/// `ESC [ M Cb Cx Cy`, each a byte plus 32 (X10, mode 1000 without an encoding mode).
pub(super) fn parse_csi_normal_mouse(buffer: &[u8]) -> Outcome {
    // Normal mouse encoding: ESC [ M CB Cx Cy (6 characters only).

    debug_assert!(buffer.starts_with(b"\x1B[M")); // ESC [ M

    if buffer.len() < 6 {
        return Ok(None);
    }

    let cb = buffer[3].checked_sub(32).ok_or(Invalid)?;
    let (kind, modifiers) = parse_cb(cb)?;

    // See http://www.xfree86.org/current/ctlseqs.html#Mouse%20Tracking
    // The upper left character position on the terminal is denoted as 1,1.
    // Subtract 1 to keep it synced with cursor
    let cx = u16::from(buffer[4].saturating_sub(32)).saturating_sub(1);
    let cy = u16::from(buffer[5].saturating_sub(32)).saturating_sub(1);

    Ok(Some(Parsed::Event(Event::Mouse(MouseEvent {
        kind,
        column: cx,
        row: cy,
        modifiers,
    }))))
}

/// `ESC [ < Cb ; Cx ; Cy M` (press) or `… m` (release) (SGR, mode 1006: what juan asks for).
pub(super) fn parse_csi_sgr_mouse(buffer: &[u8]) -> Outcome {
    // ESC [ < Cb ; Cx ; Cy (;) (M or m)

    debug_assert!(buffer.starts_with(b"\x1B[<")); // ESC [ <

    if !buffer.ends_with(b"m") && !buffer.ends_with(b"M") {
        // juan: the sequence is complete (framed by `parse_csi`) and no mouse report.
        return Err(Invalid);
    }

    let s = std::str::from_utf8(&buffer[3..buffer.len() - 1]).map_err(|_| Invalid)?;
    let mut split = s.split(';');

    let cb = next_parsed::<u8>(&mut split)?;
    let (kind, modifiers) = parse_cb(cb)?;

    // See http://www.xfree86.org/current/ctlseqs.html#Mouse%20Tracking
    // The upper left character position on the terminal is denoted as 1,1.
    // Subtract 1 to keep it synced with cursor
    let cx = next_parsed::<u16>(&mut split)?.saturating_sub(1);
    let cy = next_parsed::<u16>(&mut split)?.saturating_sub(1);

    // When button 3 in Cb is used to represent mouse release, you can't tell which button was
    // released. SGR mode solves this by having the sequence end with a lowercase m if it's a
    // button release and an uppercase M if it's a button press.
    //
    // We've already checked that the last character is a lowercase or uppercase M at the start of
    // this function, so we just need one if.
    let kind = if buffer.last() == Some(&b'm') {
        match kind {
            MouseEventKind::Down(button) => MouseEventKind::Up(button),
            other => other,
        }
    } else {
        kind
    };

    Ok(Some(Parsed::Event(Event::Mouse(MouseEvent {
        kind,
        column: cx,
        row: cy,
        modifiers,
    }))))
}

/// Cb is the byte of a mouse input that contains the button being used, the key modifiers being
/// held and whether the mouse is dragging or not.
///
/// Bit layout of cb, from low to high:
///
/// - button number
/// - button number
/// - shift
/// - meta (alt)
/// - control
/// - mouse is dragging
/// - button number
/// - button number
fn parse_cb(cb: u8) -> Result<(MouseEventKind, KeyModifiers), Invalid> {
    let button_number = (cb & 0b0000_0011) | ((cb & 0b1100_0000) >> 4);
    let dragging = cb & 0b0010_0000 == 0b0010_0000;

    let kind = match (button_number, dragging) {
        (0, false) => MouseEventKind::Down(MouseButton::Left),
        (1, false) => MouseEventKind::Down(MouseButton::Middle),
        (2, false) => MouseEventKind::Down(MouseButton::Right),
        (0, true) => MouseEventKind::Drag(MouseButton::Left),
        (1, true) => MouseEventKind::Drag(MouseButton::Middle),
        (2, true) => MouseEventKind::Drag(MouseButton::Right),
        (3, false) => MouseEventKind::Up(MouseButton::Left),
        (3, true) | (4, true) | (5, true) => MouseEventKind::Moved,
        (4, false) => MouseEventKind::ScrollUp,
        (5, false) => MouseEventKind::ScrollDown,
        (6, false) => MouseEventKind::ScrollLeft,
        (7, false) => MouseEventKind::ScrollRight,
        // We do not support other buttons.
        _ => return Err(Invalid),
    };

    let mut modifiers = KeyModifiers::empty();

    if cb & 0b0000_0100 == 0b0000_0100 {
        modifiers |= KeyModifiers::SHIFT;
    }
    if cb & 0b0000_1000 == 0b0000_1000 {
        modifiers |= KeyModifiers::ALT;
    }
    if cb & 0b0001_0000 == 0b0001_0000 {
        modifiers |= KeyModifiers::CONTROL;
    }

    Ok((kind, modifiers))
}
