//! crossterm's own tests of its parser (crossterm 0.29.0, `src/event/sys/unix/parse.rs`, MIT;
//! the notice is in `parse.rs`), kept as they were but for juan's types and module paths;
//! the `CSI … u` ones are in `tests/csi_u.rs`, juan's own in `tests/juan.rs`.

mod csi_u;
mod juan;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::{Parsed, csi, mouse, parse_event, parse_utf8_char};

#[test]
fn test_esc_key() {
    assert_eq!(
        parse_event(b"\x1B", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyCode::Esc.into()))),
    );
}

#[test]
fn test_possible_esc_sequence() {
    assert_eq!(parse_event(b"\x1B", true).unwrap(), None,);
}

#[test]
fn test_alt_key() {
    assert_eq!(
        parse_event(b"\x1Bc", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::ALT
        )))),
    );
}

#[test]
fn test_alt_shift() {
    assert_eq!(
        parse_event(b"\x1BH", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('H'),
            KeyModifiers::ALT | KeyModifiers::SHIFT
        )))),
    );
}

#[test]
fn test_alt_ctrl() {
    assert_eq!(
        parse_event(b"\x1B\x14", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('t'),
            KeyModifiers::ALT | KeyModifiers::CONTROL
        )))),
    );
}

#[test]
fn test_parse_event_subsequent_calls() {
    // The main purpose of this test is to check if we're passing
    // correct slice to other parse_ functions.

    // parse_csi_cursor_position
    assert_eq!(
        parse_event(b"\x1B[20;10R", false).unwrap(),
        Some(Parsed::CursorPosition(9, 19))
    );

    // parse_csi
    assert_eq!(
        parse_event(b"\x1B[D", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyCode::Left.into()))),
    );

    // parse_csi_modifier_key_code
    assert_eq!(
        parse_event(b"\x1B[2D", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Left,
            KeyModifiers::SHIFT
        ))))
    );

    // parse_csi_special_key_code
    assert_eq!(
        parse_event(b"\x1B[3~", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyCode::Delete.into()))),
    );

    // parse_csi_bracketed_paste
    assert_eq!(
        parse_event(b"\x1B[200~on and on and on\x1B[201~", false).unwrap(),
        Some(Parsed::Event(Event::Paste("on and on and on".to_string()))),
    );

    // parse_csi_rxvt_mouse
    assert_eq!(
        parse_event(b"\x1B[32;30;40;M", false).unwrap(),
        Some(Parsed::Event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 29,
            row: 39,
            modifiers: KeyModifiers::empty(),
        })))
    );

    // parse_csi_normal_mouse
    assert_eq!(
        parse_event(b"\x1B[M0\x60\x70", false).unwrap(),
        Some(Parsed::Event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 63,
            row: 79,
            modifiers: KeyModifiers::CONTROL,
        })))
    );

    // parse_csi_sgr_mouse
    assert_eq!(
        parse_event(b"\x1B[<0;20;10;M", false).unwrap(),
        Some(Parsed::Event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 19,
            row: 9,
            modifiers: KeyModifiers::empty(),
        })))
    );

    // parse_utf8_char
    assert_eq!(
        parse_event("Ž".as_bytes(), false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('Ž'),
            KeyModifiers::SHIFT
        )))),
    );
}

#[test]
fn test_parse_event() {
    assert_eq!(
        parse_event(b"\t", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyCode::Tab.into()))),
    );
}

#[test]
fn test_parse_csi_cursor_position() {
    assert_eq!(
        csi::parse_csi_cursor_position(b"\x1B[20;10R").unwrap(),
        Some(Parsed::CursorPosition(9, 19))
    );
}

#[test]
fn test_parse_csi() {
    assert_eq!(
        csi::parse_csi(b"\x1B[D").unwrap(),
        Some(Parsed::Event(Event::Key(KeyCode::Left.into()))),
    );
}

#[test]
fn test_parse_csi_modifier_key_code() {
    assert_eq!(
        csi::parse_csi_modifier_key_code(b"\x1B[2D").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Left,
            KeyModifiers::SHIFT
        )))),
    );
}

#[test]
fn test_parse_csi_special_key_code() {
    assert_eq!(
        csi::parse_csi_special_key_code(b"\x1B[3~").unwrap(),
        Some(Parsed::Event(Event::Key(KeyCode::Delete.into()))),
    );
}

#[test]
fn test_parse_csi_special_key_code_multiple_values_not_supported() {
    assert_eq!(
        csi::parse_csi_special_key_code(b"\x1B[3;2~").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Delete,
            KeyModifiers::SHIFT
        )))),
    );
}

#[test]
fn test_parse_csi_bracketed_paste() {
    //
    assert_eq!(
        parse_event(b"\x1B[200~o", false).unwrap(),
        None,
        "A partial bracketed paste isn't parsed"
    );
    assert_eq!(
        parse_event(b"\x1B[200~o\x1B[2D", false).unwrap(),
        None,
        "A partial bracketed paste containing another escape code isn't parsed"
    );
    assert_eq!(
        parse_event(b"\x1B[200~o\x1B[2D\x1B[201~", false).unwrap(),
        Some(Parsed::Event(Event::Paste("o\x1B[2D".to_string())))
    );
}

#[test]
fn test_parse_csi_focus() {
    assert_eq!(
        csi::parse_csi(b"\x1B[O").unwrap(),
        Some(Parsed::Event(Event::FocusLost))
    );
}

#[test]
fn test_parse_csi_rxvt_mouse() {
    assert_eq!(
        mouse::parse_csi_rxvt_mouse(b"\x1B[32;30;40;M").unwrap(),
        Some(Parsed::Event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 29,
            row: 39,
            modifiers: KeyModifiers::empty(),
        })))
    );
}

#[test]
fn test_parse_csi_normal_mouse() {
    assert_eq!(
        mouse::parse_csi_normal_mouse(b"\x1B[M0\x60\x70").unwrap(),
        Some(Parsed::Event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 63,
            row: 79,
            modifiers: KeyModifiers::CONTROL,
        })))
    );
}

#[test]
fn test_parse_csi_sgr_mouse() {
    assert_eq!(
        mouse::parse_csi_sgr_mouse(b"\x1B[<0;20;10;M").unwrap(),
        Some(Parsed::Event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 19,
            row: 9,
            modifiers: KeyModifiers::empty(),
        })))
    );
    assert_eq!(
        mouse::parse_csi_sgr_mouse(b"\x1B[<0;20;10M").unwrap(),
        Some(Parsed::Event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 19,
            row: 9,
            modifiers: KeyModifiers::empty(),
        })))
    );
    assert_eq!(
        mouse::parse_csi_sgr_mouse(b"\x1B[<0;20;10;m").unwrap(),
        Some(Parsed::Event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Up(MouseButton::Left),
            column: 19,
            row: 9,
            modifiers: KeyModifiers::empty(),
        })))
    );
    assert_eq!(
        mouse::parse_csi_sgr_mouse(b"\x1B[<0;20;10m").unwrap(),
        Some(Parsed::Event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Up(MouseButton::Left),
            column: 19,
            row: 9,
            modifiers: KeyModifiers::empty(),
        })))
    );
}

#[test]
fn test_utf8() {
    // https://www.php.net/manual/en/reference.pcre.pattern.modifiers.php#54805

    // 'Valid ASCII' => "a",
    assert_eq!(parse_utf8_char(b"a").unwrap(), Some('a'),);

    // 'Valid 2 Octet Sequence' => "\xc3\xb1",
    assert_eq!(parse_utf8_char(&[0xC3, 0xB1]).unwrap(), Some('ñ'),);

    // 'Invalid 2 Octet Sequence' => "\xc3\x28",
    assert!(parse_utf8_char(&[0xC3, 0x28]).is_err());

    // 'Invalid Sequence Identifier' => "\xa0\xa1",
    assert!(parse_utf8_char(&[0xA0, 0xA1]).is_err());

    // 'Valid 3 Octet Sequence' => "\xe2\x82\xa1",
    assert_eq!(
        parse_utf8_char(&[0xE2, 0x81, 0xA1]).unwrap(),
        Some('\u{2061}'),
    );

    // 'Invalid 3 Octet Sequence (in 2nd Octet)' => "\xe2\x28\xa1",
    assert!(parse_utf8_char(&[0xE2, 0x28, 0xA1]).is_err());

    // 'Invalid 3 Octet Sequence (in 3rd Octet)' => "\xe2\x82\x28",
    assert!(parse_utf8_char(&[0xE2, 0x82, 0x28]).is_err());

    // 'Valid 4 Octet Sequence' => "\xf0\x90\x8c\xbc",
    assert_eq!(
        parse_utf8_char(&[0xF0, 0x90, 0x8C, 0xBC]).unwrap(),
        Some('𐌼'),
    );

    // 'Invalid 4 Octet Sequence (in 2nd Octet)' => "\xf0\x28\x8c\xbc",
    assert!(parse_utf8_char(&[0xF0, 0x28, 0x8C, 0xBC]).is_err());

    // 'Invalid 4 Octet Sequence (in 3rd Octet)' => "\xf0\x90\x28\xbc",
    assert!(parse_utf8_char(&[0xF0, 0x90, 0x28, 0xBC]).is_err());

    // 'Invalid 4 Octet Sequence (in 4th Octet)' => "\xf0\x28\x8c\x28",
    assert!(parse_utf8_char(&[0xF0, 0x28, 0x8C, 0x28]).is_err());
}

#[test]
fn test_parse_char_event_lowercase() {
    assert_eq!(
        parse_event(b"c", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::empty()
        )))),
    );
}

#[test]
fn test_parse_char_event_uppercase() {
    assert_eq!(
        parse_event(b"C", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('C'),
            KeyModifiers::SHIFT
        )))),
    );
}

#[test]
fn test_parse_csi_special_key_code_with_types() {
    assert_eq!(
        parse_event(b"\x1B[;1:3B", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new_with_kind(
            KeyCode::Down,
            KeyModifiers::empty(),
            KeyEventKind::Release,
        )))),
    );
    assert_eq!(
        parse_event(b"\x1B[1;1:3B", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new_with_kind(
            KeyCode::Down,
            KeyModifiers::empty(),
            KeyEventKind::Release,
        )))),
    );
}

#[test]
fn test_parse_csi_numbered_escape_code_with_types() {
    assert_eq!(
        parse_event(b"\x1B[5;1:3~", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new_with_kind(
            KeyCode::PageUp,
            KeyModifiers::empty(),
            KeyEventKind::Release,
        )))),
    );
    assert_eq!(
        parse_event(b"\x1B[6;5:3~", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new_with_kind(
            KeyCode::PageDown,
            KeyModifiers::CONTROL,
            KeyEventKind::Release,
        )))),
    );
}
