use super::*;
use crate::keymap::Key;

fn chord(text: &str) -> KeyChord {
    KeyChord::parse(text).unwrap()
}

#[test]
fn the_defaults_parse_and_bind_each_command_where_it_means_something() {
    let km = Keymap::default();
    for b in km.bindings() {
        assert!(
            b.command.scopes().contains(&b.scope),
            "{} bound in {}",
            b.command.name(),
            b.scope
        );
    }
    for &c in Command::ALL {
        assert!(
            km.bindings().iter().any(|b| b.command == c),
            "{} has no key",
            c.name()
        );
    }
}

#[test]
fn no_chord_is_bound_twice_in_a_scope() {
    let km = Keymap::default();
    for (i, a) in km.bindings().iter().enumerate() {
        for b in &km.bindings()[i + 1..] {
            assert!(
                !(a.scope == b.scope && a.chord == b.chord),
                "{} twice in {}",
                a.chord,
                a.scope
            );
        }
    }
}

#[test]
fn no_plain_character_is_a_command_in_the_list_or_everywhere() {
    // Typing must never lose a letter: every character typed in the list is query text.
    for b in Keymap::default().bindings() {
        if matches!(b.scope, Scope::List | Scope::Everywhere) {
            assert_eq!(b.chord.typed_char(), None, "{} in {}", b.chord, b.scope);
        }
    }
}

#[test]
fn scope_names_read_back() {
    for s in Scope::ALL {
        assert_eq!(Scope::from_name(s.name()), Some(s));
        assert_eq!(s.to_string(), s.name());
    }
    assert_eq!(Scope::from_name("query"), None);
}

#[test]
fn a_scope_binding_comes_before_everywhere() {
    let mut km = Keymap::default();
    assert_eq!(
        km.command_for(Scope::Reader, chord("ctrl-c")),
        Some(Command::Quit)
    );
    km.bind(Scope::Reader, chord("ctrl-c"), "close").unwrap();
    assert_eq!(
        km.command_for(Scope::Reader, chord("ctrl-c")),
        Some(Command::Close)
    );
    assert_eq!(
        km.command_for(Scope::List, chord("ctrl-c")),
        Some(Command::Quit)
    );
    assert_eq!(km.keys_for(Scope::Reader, Command::Quit), vec![]);
    assert_eq!(
        km.keys_for(Scope::List, Command::Quit),
        vec![chord("ctrl-c")]
    );
}

#[test]
fn bind_replaces_what_the_chord_did_and_none_unbinds() {
    let mut km = Keymap::default();
    let n = km.bindings().len();
    km.bind(Scope::List, chord("ctrl-o"), "reload").unwrap();
    assert_eq!(km.bindings().len(), n);
    assert_eq!(
        km.command_for(Scope::List, chord("ctrl-o")),
        Some(Command::Reload)
    );
    assert_eq!(km.keys_for(Scope::List, Command::ToggleOrder), vec![]);
    km.bind(Scope::List, chord("f5"), "reload").unwrap();
    assert_eq!(km.bindings().len(), n + 1);
    assert_eq!(
        km.keys_for(Scope::List, Command::Reload),
        vec![chord("ctrl-o"), chord("ctrl-r"), chord("f5")]
    );
    km.bind(Scope::List, chord("f5"), "none").unwrap();
    assert_eq!(km.command_for(Scope::List, chord("f5")), None);
    assert!(!km.unbind(Scope::List, chord("f5")));
    assert!(km.unbind(Scope::List, chord("ctrl-o")));
}

#[test]
fn unbind_command_forgets_its_keys_in_one_scope() {
    let mut km = Keymap::default();
    assert_eq!(km.unbind_command(Scope::Reader, "scroll_down"), Ok(5));
    assert_eq!(km.keys_for(Scope::Reader, Command::ScrollDown), vec![]);
    assert_eq!(km.keys_for(Scope::Popup, Command::ScrollDown).len(), 3);
    assert_eq!(
        km.unbind_command(Scope::Reader, "scroll"),
        Err("`scroll` is not a command (`juan config --default` lists them)".into())
    );
}

#[test]
fn bind_refuses_unknown_commands_and_commands_out_of_place() {
    let mut km = Keymap::default();
    let before = km.clone();
    assert_eq!(
        km.bind(Scope::List, chord("ctrl-t"), "teleport"),
        Err("`teleport` is not a command (`juan config --default` lists them)".into())
    );
    assert_eq!(
        km.bind(Scope::List, chord("ctrl-t"), "scroll_down"),
        Err("`scroll_down` means nothing in the list keys (it works in: reader, popup)".into())
    );
    assert_eq!(
        km.bind(Scope::Everywhere, chord("ctrl-t"), "help"),
        Err(
            "`help` means nothing in the everywhere keys (it works in: list, reader, popup)".into()
        )
    );
    assert_eq!(km, before, "a refused binding changes nothing");
}

#[test]
fn nothing_hides_suspend() {
    let mut km = Keymap::default();
    assert_eq!(
        km.bind(Scope::List, chord("ctrl-z"), "toggle_order"),
        Err(
            "Ctrl-z suspends juan everywhere: bind `suspend` to another key under `everywhere` first"
                .into()
        )
    );
    assert_eq!(
        km.bind(Scope::Everywhere, chord("ctrl-s"), "suspend"),
        Err("Ctrl-s is bound in the list keys (pick_source): unbind it there first".into())
    );
    km.bind(Scope::Everywhere, chord("ctrl-z"), "none").unwrap();
    km.bind(Scope::List, chord("ctrl-z"), "toggle_order")
        .unwrap();
    km.bind(Scope::Everywhere, chord("f12"), "suspend").unwrap();
    assert_eq!(
        km.command_for(Scope::Reader, KeyChord::plain(Key::F(12))),
        Some(Command::Suspend)
    );
}

#[test]
fn hints_show_the_first_key_of_each_command() {
    let km = Keymap::default();
    let shown = |scope| -> Vec<String> {
        km.hints(scope)
            .iter()
            .map(|h| format!("{} {}", h.keys, h.label))
            .collect()
    };
    assert_eq!(
        shown(Scope::List),
        [
            "Enter open",
            "Esc clear",
            "Ctrl-s source",
            "Ctrl-o order",
            "F1 help",
            "Ctrl-c quit"
        ]
    );
    assert_eq!(
        shown(Scope::Reader),
        [
            "Esc back",
            "j/k scroll",
            "Space/b page",
            "/ find",
            "n/N match",
            "]/[ article",
            "? help"
        ]
    );
    assert_eq!(
        shown(Scope::Popup),
        ["j/k scroll", "Space/b page", "Esc close"]
    );
    assert_eq!(
        shown(Scope::Sources),
        ["j/k move", "Enter choose", "Esc close"]
    );
    let mut km = km.clone();
    km.unbind_command(Scope::List, "pick_source").unwrap();
    km.bind(Scope::List, chord("f2"), "pick_source").unwrap();
    km.unbind_command(Scope::List, "toggle_order").unwrap();
    let hints: Vec<String> = km
        .hints(Scope::List)
        .iter()
        .map(|h| h.keys.clone())
        .collect();
    assert_eq!(hints, ["Enter", "Esc", "F2", "F1", "Ctrl-c"]);
}
