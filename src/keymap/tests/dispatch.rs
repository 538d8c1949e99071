//! Dispatching events: text in the list, chords nothing binds, pastes, releases, the mouse,
//! Esc step by step, and a rebound key.

use super::*;

#[test]
fn in_the_list_every_printable_key_edits_the_query() {
    for text in [
        "jingbei",
        "ccrd",
        "body:改革",
        "qq音乐",
        "R ?/ gGnNqjkbo Wörter",
    ] {
        let mut app = app();
        typed(&mut app, text);
        assert_eq!(app.query().text(), text);
        assert_eq!(Scope::of(&app), Scope::List, "typing stays in the list");
        assert!(!app.should_quit());
    }
}

#[test]
fn chords_the_table_does_not_bind_do_nothing() {
    let mut app = app();
    for text in ["ctrl-g", "alt-x", "ctrl-alt-j", "f9", "shift-up"] {
        assert_eq!(
            press(&mut app, KeyChord::parse(text).unwrap()),
            None,
            "{text}"
        );
    }
    assert_eq!(app.query().text(), "");
    app.update(Action::Open);
    for text in ["z", "ctrl-g", "改"] {
        assert_eq!(
            press(&mut app, KeyChord::parse(text).unwrap()),
            None,
            "{text} in the reader"
        );
    }
}

#[test]
fn a_paste_goes_into_the_query_in_the_list_only() {
    let km = Keymap::default();
    let mut app = app();
    let paste = Event::Paste("qq音乐 body:改革".into());
    assert_eq!(
        km.action_for(&paste, &app),
        Some(Action::QueryInsert("qq音乐 body:改革".into()))
    );
    app.update(Action::Open);
    assert_eq!(km.action_for(&paste, &app), None);
}

#[test]
fn key_releases_are_ignored_and_the_mouse_and_resizes_pass_through() {
    let km = Keymap::default();
    let app = app();
    let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(km.action_for(&Event::Key(release), &app), None);
    let wheel = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        })
    };
    assert_eq!(
        km.action_for(&wheel(MouseEventKind::ScrollDown), &app),
        Some(Action::Wheel {
            column: 3,
            row: 4,
            down: true
        })
    );
    assert_eq!(
        km.action_for(&wheel(MouseEventKind::ScrollUp), &app),
        Some(Action::Wheel {
            column: 3,
            row: 4,
            down: false
        })
    );
    assert_eq!(km.action_for(&wheel(MouseEventKind::Moved), &app), None);
    assert_eq!(
        km.action_for(&Event::Resize(90, 30), &app),
        Some(Action::Resize(90, 30))
    );
}

#[test]
fn esc_closes_then_clears_the_query_then_the_source_then_quits() {
    let esc = KeyChord::plain(Key::Esc);
    let mut app = app();
    app.update(Action::OpenSources);
    app.update(Action::SelectNext);
    app.update(Action::Open);
    typed(&mut app, "长春");
    app.update(Action::Open);
    assert!(app.reader_open());
    press(&mut app, esc);
    assert!(!app.reader_open(), "first the reader closes");
    assert_eq!(app.query().text(), "长春", "the query stays");
    press(&mut app, esc);
    assert_eq!(app.query().text(), "", "then the query is cleared");
    assert_eq!(app.source_filter(), Some("甲报"));
    press(&mut app, esc);
    assert_eq!(app.source_filter(), None, "then the source filter");
    assert!(!app.should_quit());
    press(&mut app, esc);
    assert!(app.should_quit(), "then juan quits");
}

#[test]
fn esc_leaves_the_article_pane_and_closes_windows_without_quitting() {
    let esc = KeyChord::plain(Key::Esc);
    let mut app = app();
    app.update(Action::ToggleFocus);
    press(&mut app, esc);
    assert_eq!((app.focus(), app.should_quit()), (Focus::List, false));
    for open in [
        Action::ToggleHelp,
        Action::ToggleProblems,
        Action::OpenSources,
    ] {
        app.update(open);
        press(&mut app, esc);
        assert_eq!((app.popup(), app.should_quit()), (&Popup::None, false));
    }
}

#[test]
fn s_in_the_reader_goes_back_to_the_query() {
    let mut app = app();
    typed(&mut app, "长春");
    app.update(Action::Open);
    press(&mut app, KeyChord::parse("s").unwrap());
    typed(&mut app, "人大");
    assert_eq!(app.query().text(), "长春人大");
    assert_eq!(app.hits().len(), 1);
}

#[test]
fn slash_in_the_reader_opens_the_find_prompt_which_takes_every_key() {
    let mut app = app();
    app.update(Action::Open);
    press(&mut app, KeyChord::parse("/").unwrap());
    for c in "qnG段".chars() {
        let action = press(&mut app, KeyChord::plain(Key::Char(c)));
        assert_eq!(action, Some(Action::FindInsert(c.to_string())), "{c:?}");
    }
    let paste = Event::Paste("第8\n".into());
    assert_eq!(
        Keymap::default().action_for(&paste, &app),
        Some(Action::FindInsert("第8\n".into()))
    );
    let key = |app: &mut App, k| press(app, KeyChord::parse(k).unwrap());
    assert_eq!(key(&mut app, "ctrl-w"), Some(Action::FindDeleteWord));
    assert_eq!(key(&mut app, "tab"), None, "no meaning here");
    assert_eq!(app.find_prompt().unwrap().text(), "");
    assert_eq!(key(&mut app, "esc"), Some(Action::FindCancel));
    assert_eq!(app.find_prompt(), None);
    assert!(app.reader_open(), "Esc closed the prompt, not the reader");
    assert_eq!(key(&mut app, "n"), Some(Action::NextMatch));
    assert_eq!(key(&mut app, "]"), Some(Action::NextArticle));
    assert_eq!(key(&mut app, "K"), Some(Action::PrevArticle));
}

#[test]
fn a_rebinding_changes_what_a_key_does() {
    let mut km = Keymap::default();
    let mut app = app();
    let ctrl_g = event(KeyChord::parse("ctrl-g").unwrap());
    assert_eq!(km.action_for(&ctrl_g, &app), None);
    km.bind(
        Scope::List,
        KeyChord::parse("ctrl-g").unwrap(),
        "toggle_order",
    )
    .unwrap();
    assert_eq!(km.action_for(&ctrl_g, &app), Some(Action::ToggleOrder));
    // A plain letter bound in the list is a command, no longer text.
    km.bind(Scope::List, KeyChord::parse("q").unwrap(), "quit")
        .unwrap();
    let q = event(KeyChord::parse("q").unwrap());
    assert_eq!(km.action_for(&q, &app), Some(Action::Quit));
    app.update(Action::Open);
    km.bind(
        Scope::Everywhere,
        KeyChord::parse("ctrl-z").unwrap(),
        "none",
    )
    .unwrap();
    km.bind(
        Scope::Everywhere,
        KeyChord::parse("f12").unwrap(),
        "suspend",
    )
    .unwrap();
    assert!(!km.is_suspend(&event(KeyChord::parse("ctrl-z").unwrap())));
    assert!(km.is_suspend(&event(KeyChord::parse("f12").unwrap())));
}

#[test]
fn the_keymap_in_use_is_the_default_until_one_is_installed() {
    // Unit tests never install one: they share the process.
    assert_eq!(active(), &Keymap::default());
    let app = app();
    let down = event(KeyChord::plain(Key::Down));
    assert_eq!(action_for(&down, &app), Some(Action::SelectNext));
    assert!(is_suspend(&event(KeyChord::parse("ctrl-z").unwrap())));
}
