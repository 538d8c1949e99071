//! juan's tests of what it changed or relies on in the parser: the status reply, cursor
//! reports, framing of unknown sequences, Alt chords at the end of a read, strings, the
//! keys and mouse reports juan binds.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

use super::super::{Invalid, Outcome, Parsed, parse_event};

fn key(code: KeyCode, modifiers: KeyModifiers) -> Outcome {
    Ok(Some(Parsed::Event(Event::Key(KeyEvent::new(
        code, modifiers,
    )))))
}

/// Parses `bytes` as they would arrive in one read: every prefix must ask for more.
fn whole(bytes: &[u8]) -> Outcome {
    for end in 1..bytes.len() {
        assert_eq!(
            parse_event(&bytes[..end], true),
            Ok(None),
            "prefix {:?}",
            String::from_utf8_lossy(&bytes[..end])
        );
    }
    parse_event(bytes, false)
}

#[test]
fn device_status_replies_are_acknowledgements() {
    assert_eq!(whole(b"\x1B[0n"), Ok(Some(Parsed::StatusReport)));
    assert_eq!(whole(b"\x1B[3n"), Ok(Some(Parsed::StatusReport)));
    // Requests and other numbers are not.
    assert_eq!(whole(b"\x1B[5n"), Err(Invalid));
    assert_eq!(whole(b"\x1B[6n"), Err(Invalid));
}

#[test]
fn cursor_position_reports_are_not_f3() {
    assert_eq!(whole(b"\x1B[1;5R"), Ok(Some(Parsed::CursorPosition(4, 0))));
    assert_eq!(
        whole(b"\x1B[24;80R"),
        Ok(Some(Parsed::CursorPosition(79, 23)))
    );
    // A zero does not overflow.
    assert_eq!(whole(b"\x1B[0;0R"), Ok(Some(Parsed::CursorPosition(0, 0))));
    // F3 itself still is.
    assert_eq!(whole(b"\x1BOR"), key(KeyCode::F(3), KeyModifiers::NONE));
}

#[test]
fn unknown_sequences_are_dropped_whole() {
    // Secondary device attributes, a DECRPM reply, a private-marker sequence: each waits for
    // its final byte, then is dropped (none of its bytes become text).
    assert_eq!(whole(b"\x1B[>0;276;0c"), Err(Invalid));
    assert_eq!(whole(b"\x1B[?2026;2$y"), Err(Invalid));
    assert_eq!(whole(b"\x1B[=5x"), Err(Invalid));
    assert_eq!(whole(b"\x1B[99X"), Err(Invalid));
    // Replies juan has no use for are consumed.
    assert_eq!(whole(b"\x1B[?62;22c"), Ok(Some(Parsed::Ignored)));
    assert_eq!(whole(b"\x1B[?1u"), Ok(Some(Parsed::Ignored)));
}

#[test]
fn a_control_inside_a_sequence_ends_it() {
    assert_eq!(parse_event(b"\x1B[1;\r", true), Err(Invalid));
    assert_eq!(parse_event(b"\x1B[1;\x1B", true), Err(Invalid));
    // So does a parameter list no terminal sends.
    let mut long = b"\x1B[".to_vec();
    long.resize(300, b'1');
    assert_eq!(parse_event(&long, true), Err(Invalid));
}

#[test]
fn strings_are_dropped_whole() {
    assert_eq!(
        whole(b"\x1B]11;rgb:0000/0000/0000\x07"),
        Ok(Some(Parsed::Ignored))
    );
    assert_eq!(
        whole(b"\x1B]11;rgb:ffff/ffff/ffff\x1B\\"),
        Ok(Some(Parsed::Ignored))
    );
    assert_eq!(whole(b"\x1BP>|xterm(388)\x1B\\"), Ok(Some(Parsed::Ignored)));
    assert_eq!(whole(b"\x1B_Gi=1;OK\x1B\\"), Ok(Some(Parsed::Ignored)));
    // One still open when the read ends is dropped, not waited for.
    assert_eq!(parse_event(b"\x1B]11;rgb", false), Err(Invalid));
}

#[test]
fn an_opener_at_the_end_of_a_read_is_an_alt_chord() {
    assert_eq!(
        parse_event(b"\x1B[", false),
        key(KeyCode::Char('['), KeyModifiers::ALT)
    );
    assert_eq!(
        parse_event(b"\x1BO", false),
        key(KeyCode::Char('O'), KeyModifiers::ALT | KeyModifiers::SHIFT)
    );
    assert_eq!(
        parse_event(b"\x1B]", false),
        key(KeyCode::Char(']'), KeyModifiers::ALT)
    );
    assert_eq!(parse_event(b"\x1B[", true), Ok(None));
    assert_eq!(parse_event(b"\x1BO", true), Ok(None));
}

#[test]
fn esc_and_alt_chords() {
    assert_eq!(
        parse_event(b"\x1B", false),
        key(KeyCode::Esc, KeyModifiers::NONE)
    );
    assert_eq!(whole(b"\x1Bj"), key(KeyCode::Char('j'), KeyModifiers::ALT));
    assert_eq!(
        whole(b"\x1B\x7F"),
        key(KeyCode::Backspace, KeyModifiers::ALT)
    );
    assert_eq!(
        whole("\x1B新".as_bytes()),
        key(KeyCode::Char('新'), KeyModifiers::ALT)
    );
}

#[test]
fn control_chords() {
    assert_eq!(
        whole(b"\x01"),
        key(KeyCode::Char('a'), KeyModifiers::CONTROL)
    );
    assert_eq!(
        whole(b"\x1A"),
        key(KeyCode::Char('z'), KeyModifiers::CONTROL)
    );
    // Raw mode: \n is Ctrl-J, \r is Enter.
    assert_eq!(whole(b"\n"), key(KeyCode::Char('j'), KeyModifiers::CONTROL));
    assert_eq!(whole(b"\r"), key(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(
        whole(b"\x1C"),
        key(KeyCode::Char('4'), KeyModifiers::CONTROL)
    );
    assert_eq!(whole(b"\0"), key(KeyCode::Char(' '), KeyModifiers::CONTROL));
    assert_eq!(whole(b"\x1B[1;5A"), key(KeyCode::Up, KeyModifiers::CONTROL));
    assert_eq!(whole(b"\x1B[1;3D"), key(KeyCode::Left, KeyModifiers::ALT));
    assert_eq!(
        whole(b"\x1B[6;5~"),
        key(KeyCode::PageDown, KeyModifiers::CONTROL)
    );
}

#[test]
fn keys_juan_binds() {
    assert_eq!(whole(b"\x1B[A"), key(KeyCode::Up, KeyModifiers::NONE));
    assert_eq!(whole(b"\x1B[B"), key(KeyCode::Down, KeyModifiers::NONE));
    assert_eq!(whole(b"\x1BOB"), key(KeyCode::Down, KeyModifiers::NONE));
    assert_eq!(whole(b"\x1B[5~"), key(KeyCode::PageUp, KeyModifiers::NONE));
    assert_eq!(
        whole(b"\x1B[6~"),
        key(KeyCode::PageDown, KeyModifiers::NONE)
    );
    assert_eq!(whole(b"\x1B[H"), key(KeyCode::Home, KeyModifiers::NONE));
    assert_eq!(whole(b"\x1B[4~"), key(KeyCode::End, KeyModifiers::NONE));
    assert_eq!(whole(b"\x1B[Z"), key(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(whole(b"\t"), key(KeyCode::Tab, KeyModifiers::NONE));
    assert_eq!(whole(b"/"), key(KeyCode::Char('/'), KeyModifiers::NONE));
    assert_eq!(whole(b"G"), key(KeyCode::Char('G'), KeyModifiers::SHIFT));
    assert_eq!(
        whole("闻".as_bytes()),
        key(KeyCode::Char('闻'), KeyModifiers::NONE)
    );
}

#[test]
fn sgr_wheel_reports() {
    let wheel = |kind, column, row| {
        Ok(Some(Parsed::Event(Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }))))
    };
    assert_eq!(
        whole(b"\x1B[<64;10;5M"),
        wheel(MouseEventKind::ScrollUp, 9, 4)
    );
    assert_eq!(
        whole(b"\x1B[<65;200;50M"),
        wheel(MouseEventKind::ScrollDown, 199, 49)
    );
    // A zero coordinate does not overflow.
    assert_eq!(
        whole(b"\x1B[<65;0;0M"),
        wheel(MouseEventKind::ScrollDown, 0, 0)
    );
    assert_eq!(
        whole(b"\x1B[M\x61\x20\x20"),
        wheel(MouseEventKind::ScrollDown, 0, 0)
    );
    // Complete, but no mouse report.
    assert_eq!(whole(b"\x1B[<65;1;1x"), Err(Invalid));
}

#[test]
fn bracketed_paste_normalises_line_ends() {
    assert_eq!(
        whole("\x1B[200~新闻\r\n联播\r完\x1B[201~".as_bytes()),
        Ok(Some(Parsed::Event(Event::Paste("新闻\n联播\n完".into()))))
    );
    assert_eq!(
        whole(b"\x1B[200~\x1B[201~"),
        Ok(Some(Parsed::Event(Event::Paste(String::new()))))
    );
}
