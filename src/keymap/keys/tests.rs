use super::*;

fn chord(text: &str) -> KeyChord {
    KeyChord::parse(text).unwrap()
}

#[test]
fn names_modifiers_and_characters_parse() {
    assert_eq!(
        chord("ctrl-r"),
        KeyChord {
            key: Key::Char('r'),
            ctrl: true,
            alt: false,
            shift: false
        }
    );
    assert_eq!(chord("C-R"), chord("ctrl-r"));
    assert_eq!(chord("Ctrl-r"), chord("ctrl-r"));
    assert_eq!(chord("alt-backspace").key, Key::Backspace);
    assert!(chord("alt-backspace").alt);
    assert_eq!(chord("m-bs"), chord("alt-backspace"));
    assert_eq!(chord("pgdn"), KeyChord::plain(Key::PageDown));
    assert_eq!(chord("PageDown"), KeyChord::plain(Key::PageDown));
    assert_eq!(chord("space"), KeyChord::plain(Key::Char(' ')));
    assert_eq!(chord(" "), KeyChord::plain(Key::Char(' ')));
    assert_eq!(chord("f1"), KeyChord::plain(Key::F(1)));
    assert_eq!(chord("F12"), KeyChord::plain(Key::F(12)));
    assert_eq!(chord("G"), KeyChord::plain(Key::Char('G')));
    assert_eq!(chord("shift-g"), chord("G"));
    assert_ne!(chord("g"), chord("G"));
    assert_eq!(chord("shift-tab"), KeyChord::plain(Key::BackTab));
    assert_eq!(chord("backtab"), KeyChord::plain(Key::BackTab));
    assert_eq!(chord("-"), KeyChord::plain(Key::Char('-')));
    assert_eq!(chord("ctrl--").key, Key::Char('-'));
    assert_eq!(chord("改"), KeyChord::plain(Key::Char('改')));
    let shift_up = chord("shift-up");
    assert!(shift_up.shift && shift_up.key == Key::Up);
}

#[test]
fn bad_keys_say_what_a_key_looks_like() {
    for bad in [
        "",
        "ctrl-",
        "hyper-x",
        "f0",
        "f25",
        "pgdown2",
        "ctrl-enterr",
    ] {
        let err = KeyChord::parse(bad).unwrap_err();
        assert_eq!(
            err,
            format!(
                "`{bad}` is not a key (write e.g. `ctrl-r`, `alt-backspace`, `pgdn`, `f1`, `G`, `?`)"
            )
        );
    }
}

#[test]
fn display_is_canonical_and_reads_back() {
    let cases = [
        ("ctrl-r", "Ctrl-r"),
        ("alt-backspace", "Alt-Backspace"),
        ("pgdn", "PgDn"),
        ("pageup", "PgUp"),
        ("space", "Space"),
        ("f1", "F1"),
        ("G", "G"),
        ("?", "?"),
        ("<", "<"),
        ("esc", "Esc"),
        ("return", "Enter"),
        ("backtab", "Shift-Tab"),
        ("delete", "Del"),
        ("shift-down", "Shift-Down"),
        ("ctrl-alt-x", "Ctrl-Alt-x"),
    ];
    for (text, shown) in cases {
        let c = chord(text);
        assert_eq!(c.to_string(), shown);
        assert_eq!(chord(shown), c, "{shown} reads back");
        assert_eq!(shown.parse::<KeyChord>(), Ok(c));
    }
}

#[test]
fn terminal_events_normalise_to_one_spelling() {
    let ev = |code, m| KeyChord::from_event(&KeyEvent::new(code, m));
    assert_eq!(
        ev(KeyCode::Char('G'), KeyModifiers::SHIFT),
        Some(chord("G"))
    );
    assert_eq!(
        ev(
            KeyCode::Char('R'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT
        ),
        Some(chord("ctrl-r"))
    );
    assert_eq!(
        ev(KeyCode::BackTab, KeyModifiers::SHIFT),
        Some(chord("shift-tab"))
    );
    assert_eq!(
        ev(KeyCode::Tab, KeyModifiers::SHIFT),
        Some(chord("shift-tab"))
    );
    assert_eq!(
        ev(KeyCode::Backspace, KeyModifiers::ALT),
        Some(chord("alt-backspace"))
    );
    assert_eq!(ev(KeyCode::F(1), KeyModifiers::NONE), Some(chord("f1")));
    assert_eq!(
        ev(KeyCode::Char('改'), KeyModifiers::NONE),
        Some(chord("改"))
    );
    assert_eq!(ev(KeyCode::Char('x'), KeyModifiers::SUPER), None);
    assert_eq!(ev(KeyCode::CapsLock, KeyModifiers::NONE), None);
}

#[test]
fn only_plain_characters_type() {
    assert_eq!(chord("j").typed_char(), Some('j'));
    assert_eq!(chord("space").typed_char(), Some(' '));
    assert_eq!(chord("ctrl-j").typed_char(), None);
    assert_eq!(chord("alt-j").typed_char(), None);
    assert_eq!(chord("enter").typed_char(), None);
}
