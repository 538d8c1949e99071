//! crossterm's tests of `CSI … u` keys (crossterm 0.29.0, `src/event/sys/unix/parse.rs`,
//! MIT; the notice is in `parse.rs`), kept as they were but for juan's types and paths.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MediaKeyCode,
    ModifierKeyCode,
};

use super::super::{Parsed, csi_u, parse_event};

#[test]
fn test_parse_basic_csi_u_encoded_key_code() {
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[97u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('a'),
            KeyModifiers::empty()
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[97;2u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('A'),
            KeyModifiers::SHIFT
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[97;7u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('a'),
            KeyModifiers::ALT | KeyModifiers::CONTROL
        )))),
    );
}

#[test]
fn test_parse_basic_csi_u_encoded_key_code_special_keys() {
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[13u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Enter,
            KeyModifiers::empty()
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[27u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Esc,
            KeyModifiers::empty()
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[57358u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::CapsLock,
            KeyModifiers::empty()
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[57376u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::F(13),
            KeyModifiers::empty()
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[57428u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Media(MediaKeyCode::Play),
            KeyModifiers::empty()
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[57441u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Modifier(ModifierKeyCode::LeftShift),
            KeyModifiers::SHIFT,
        )))),
    );
}

#[test]
fn test_parse_csi_u_encoded_keypad_code() {
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[57399u").unwrap(),
        Some(Parsed::Event(Event::Key(
            KeyEvent::new_with_kind_and_state(
                KeyCode::Char('0'),
                KeyModifiers::empty(),
                KeyEventKind::Press,
                KeyEventState::KEYPAD,
            )
        ))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[57419u").unwrap(),
        Some(Parsed::Event(Event::Key(
            KeyEvent::new_with_kind_and_state(
                KeyCode::Up,
                KeyModifiers::empty(),
                KeyEventKind::Press,
                KeyEventState::KEYPAD,
            )
        ))),
    );
}

#[test]
fn test_parse_csi_u_encoded_key_code_with_types() {
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[97;1u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new_with_kind(
            KeyCode::Char('a'),
            KeyModifiers::empty(),
            KeyEventKind::Press,
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[97;1:1u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new_with_kind(
            KeyCode::Char('a'),
            KeyModifiers::empty(),
            KeyEventKind::Press,
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[97;5:1u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new_with_kind(
            KeyCode::Char('a'),
            KeyModifiers::CONTROL,
            KeyEventKind::Press,
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[97;1:2u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new_with_kind(
            KeyCode::Char('a'),
            KeyModifiers::empty(),
            KeyEventKind::Repeat,
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[97;1:3u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new_with_kind(
            KeyCode::Char('a'),
            KeyModifiers::empty(),
            KeyEventKind::Release,
        )))),
    );
}

#[test]
fn test_parse_csi_u_encoded_key_code_has_modifier_on_modifier_press() {
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[57449u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new_with_kind(
            KeyCode::Modifier(ModifierKeyCode::RightAlt),
            KeyModifiers::ALT,
            KeyEventKind::Press,
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[57449;3:3u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new_with_kind(
            KeyCode::Modifier(ModifierKeyCode::RightAlt),
            KeyModifiers::ALT,
            KeyEventKind::Release,
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[57450u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Modifier(ModifierKeyCode::RightSuper),
            KeyModifiers::SUPER,
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[57451u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Modifier(ModifierKeyCode::RightHyper),
            KeyModifiers::HYPER,
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[57452u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Modifier(ModifierKeyCode::RightMeta),
            KeyModifiers::META,
        )))),
    );
}

#[test]
fn test_parse_csi_u_encoded_key_code_with_extra_modifiers() {
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[97;9u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('a'),
            KeyModifiers::SUPER
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[97;17u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('a'),
            KeyModifiers::HYPER,
        )))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[97;33u").unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('a'),
            KeyModifiers::META,
        )))),
    );
}

#[test]
fn test_parse_csi_u_encoded_key_code_with_extra_state() {
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[97;65u").unwrap(),
        Some(Parsed::Event(Event::Key(
            KeyEvent::new_with_kind_and_state(
                KeyCode::Char('a'),
                KeyModifiers::empty(),
                KeyEventKind::Press,
                KeyEventState::CAPS_LOCK,
            )
        ))),
    );
    assert_eq!(
        csi_u::parse_csi_u_encoded_key_code(b"\x1B[49;129u").unwrap(),
        Some(Parsed::Event(Event::Key(
            KeyEvent::new_with_kind_and_state(
                KeyCode::Char('1'),
                KeyModifiers::empty(),
                KeyEventKind::Press,
                KeyEventState::NUM_LOCK,
            )
        ))),
    );
}

#[test]
fn test_parse_csi_u_with_shifted_keycode() {
    assert_eq!(
        // A-S-9 is equivalent to A-(
        parse_event(b"\x1B[57:40;4u", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('('),
            KeyModifiers::ALT,
        )))),
    );
    assert_eq!(
        // A-S-minus is equivalent to A-_
        parse_event(b"\x1B[45:95;4u", false).unwrap(),
        Some(Parsed::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('_'),
            KeyModifiers::ALT,
        )))),
    );
}
