//! The dispatcher through [`App`]: every binding of the default table is pressed in its scope
//! and its effect checked (here); typing in the list always edits the query, Esc does what the
//! table says, and rebinding changes what a key does (`tests/dispatch.rs`).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};

use super::*;
use crate::article::Article;
use crate::date::Date;
use crate::query::Order;

/// Five long articles from three sources, newest first `e d c b a`.
fn app() -> App {
    let art = |id: &str, title: &str, date: &str, source: &str| Article {
        id: id.into(),
        title: title.into(),
        date: Date::from_text(date),
        source: source.into(),
        body: (1..=80)
            .map(|i| format!("{title}第{i}段。"))
            .collect::<Vec<_>>()
            .join("\n")
            .into(),
        ..Default::default()
    };
    let articles = vec![
        art("a", "长春下雪了", "2020-01-01", "甲报"),
        art("b", "北京地铁新线开通", "2021-01-01", "乙报"),
        art("c", "长春人大开会", "2019-01-01", "甲报"),
        art("d", "上海天气晴", "2022-01-01", "丙报"),
        art("e", "改革开放四十年", "2023-01-01", "乙报"),
    ];
    // Side by side, so that Tab can give the article pane the focus.
    App::of_articles(articles, 130, 40)
}

/// The terminal event of `chord`, as crossterm reports it (an upper-case letter with Shift).
fn event(chord: KeyChord) -> Event {
    let mut m = KeyModifiers::NONE;
    m.set(KeyModifiers::CONTROL, chord.ctrl);
    m.set(KeyModifiers::ALT, chord.alt);
    m.set(KeyModifiers::SHIFT, chord.shift);
    let code = match chord.key {
        Key::Char(c) => {
            m.set(KeyModifiers::SHIFT, c.is_uppercase());
            KeyCode::Char(c)
        }
        Key::Enter => KeyCode::Enter,
        Key::Esc => KeyCode::Esc,
        Key::Tab => KeyCode::Tab,
        Key::BackTab => {
            m.insert(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        Key::Backspace => KeyCode::Backspace,
        Key::Delete => KeyCode::Delete,
        Key::Up => KeyCode::Up,
        Key::Down => KeyCode::Down,
        Key::Left => KeyCode::Left,
        Key::Right => KeyCode::Right,
        Key::Home => KeyCode::Home,
        Key::End => KeyCode::End,
        Key::PageUp => KeyCode::PageUp,
        Key::PageDown => KeyCode::PageDown,
        Key::F(n) => KeyCode::F(n),
    };
    Event::Key(KeyEvent::new(code, m))
}

/// Presses `chord` under the default keymap and applies what it asks; returns that.
fn press(app: &mut App, chord: KeyChord) -> Option<Action> {
    let action = Keymap::default().action_for(&event(chord), app);
    if let Some(a) = action.clone() {
        app.update(a);
    }
    action
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let action = press(app, KeyChord::plain(Key::Char(c)));
        assert_eq!(action, Some(Action::QueryInsert(c.to_string())), "{c:?}");
    }
}

/// An app whose keys go to `scope` (the reader full-screen; the help for a window).
fn app_in(scope: Scope) -> App {
    let mut app = app();
    match scope {
        Scope::List | Scope::Everywhere => {}
        Scope::Reader => {
            app.update(Action::Open);
        }
        Scope::Popup => {
            app.update(Action::ToggleHelp);
        }
        Scope::Sources => {
            app.update(Action::OpenSources);
        }
        Scope::Copy => {
            app.update(Action::OpenCopy);
        }
    }
    assert_eq!(Scope::of(&app), scope.min_list());
    app
}

impl Scope {
    /// Everywhere's keys are tried in the list.
    fn min_list(self) -> Scope {
        if self == Scope::Everywhere {
            Scope::List
        } else {
            self
        }
    }
}

fn top(app: &App) -> usize {
    app.detail().unwrap().top()
}

fn picked(app: &App) -> usize {
    match app.popup() {
        Popup::Sources(p) => p.selected(),
        other => panic!("no source picker: {other:?}"),
    }
}

fn copy_highlight(app: &App) -> usize {
    match app.popup() {
        Popup::Copy(m) => m.highlighted(),
        other => panic!("no copy menu: {other:?}"),
    }
}

fn help_scroll(app: &App) -> usize {
    match app.popup() {
        Popup::Help(n) => *n,
        other => panic!("no help: {other:?}"),
    }
}

/// Presses `chord` in `scope` and checks that `command` did its job.
fn exercise(scope: Scope, chord: KeyChord, command: Command) {
    let what = format!("{chord} in {scope} ({})", command.name());
    let mut app = app_in(scope);
    let go = |app: &mut App| assert!(press(app, chord).is_some(), "{what}: no action");
    match (command, scope) {
        (Command::Quit, _) => {
            go(&mut app);
            assert!(app.should_quit(), "{what}");
        }
        (Command::Suspend, _) => {
            assert!(Keymap::default().is_suspend(&event(chord)), "{what}");
            assert_eq!(Keymap::default().action_for(&event(chord), &app), None);
        }
        (Command::SelectNext | Command::SelectPrev, Scope::Copy) => {
            go(&mut app);
            let expected = if command == Command::SelectNext { 1 } else { 4 };
            assert_eq!(copy_highlight(&app), expected, "{what}");
        }
        (Command::SelectNext, Scope::Sources) => {
            go(&mut app);
            assert_eq!(picked(&app), 1, "{what}");
        }
        (Command::SelectNext, _) => {
            go(&mut app);
            assert_eq!(app.selected(), 1, "{what}");
        }
        (Command::SelectPrev | Command::SelectPageUp | Command::SelectFirst, _) => {
            app.update(Action::SelectLast);
            go(&mut app);
            let at = if scope == Scope::Sources {
                picked(&app)
            } else {
                app.selected()
            };
            let expected = match command {
                Command::SelectPrev if scope == Scope::Sources => 1,
                Command::SelectPrev => 3,
                _ => 0,
            };
            assert_eq!(at, expected, "{what}");
        }
        (Command::SelectPageDown | Command::SelectLast, _) => {
            go(&mut app);
            let at = if scope == Scope::Sources {
                picked(&app)
            } else {
                app.selected()
            };
            assert_eq!(at, if scope == Scope::Sources { 2 } else { 4 }, "{what}");
        }
        (Command::Open, Scope::Reader) => {
            let mut app = self::app();
            app.update(Action::ToggleFocus);
            assert_eq!(Scope::of(&app), Scope::Reader);
            go(&mut app);
            assert!(app.reader_open(), "{what}");
        }
        (Command::Open, _) => {
            go(&mut app);
            assert!(app.reader_open(), "{what}");
        }
        (Command::ToggleFocus, Scope::Reader) => {
            let mut app = self::app();
            app.update(Action::ToggleFocus);
            go(&mut app);
            assert_eq!(app.focus(), Focus::List, "{what}");
        }
        (Command::ToggleFocus, _) => {
            go(&mut app);
            assert_eq!(app.focus(), Focus::Detail, "{what}");
        }
        (Command::ClearOrQuit, _) => {
            app.update(Action::QueryInsert("长春".into()));
            go(&mut app);
            assert_eq!(app.query().text(), "", "{what}");
            assert!(!app.should_quit(), "{what}");
        }
        (Command::PickSource, _) => {
            go(&mut app);
            assert!(matches!(app.popup(), Popup::Sources(_)), "{what}");
        }
        (Command::ToggleOrder, _) => {
            go(&mut app);
            assert_eq!(app.order(), Order::OldestFirst, "{what}");
        }
        (Command::ShowProblems, _) => {
            go(&mut app);
            assert_eq!(app.popup(), &Popup::Problems(0), "{what}");
        }
        (Command::Reload, _) => {
            go(&mut app);
            assert!(app.take_reload(), "{what}");
        }
        (Command::Help, Scope::Popup) => {
            go(&mut app);
            assert_eq!(app.popup(), &Popup::None, "{what}");
        }
        (Command::Help, _) => {
            go(&mut app);
            assert_eq!(app.popup(), &Popup::Help(0), "{what}");
        }
        (
            Command::QueryLeft
            | Command::QueryRight
            | Command::QueryHome
            | Command::QueryEnd
            | Command::QueryBackspace
            | Command::QueryDelete
            | Command::QueryDeleteWord
            | Command::QueryClear,
            _,
        ) => {
            app.update(Action::QueryInsert("ab cd".into()));
            app.update(Action::QueryLeft);
            go(&mut app);
            let (text, cursor) = match command {
                Command::QueryLeft => ("ab cd", 3),
                Command::QueryRight => ("ab cd", 5),
                Command::QueryHome => ("ab cd", 0),
                Command::QueryEnd => ("ab cd", 5),
                Command::QueryBackspace => ("ab d", 3),
                Command::QueryDelete => ("ab c", 4),
                Command::QueryDeleteWord => ("ab d", 3),
                _ => ("", 0),
            };
            assert_eq!(
                (app.query().text(), app.query().cursor()),
                (text, cursor),
                "{what}"
            );
        }
        (Command::ScrollDown | Command::ScrollPageDown | Command::ScrollHalfDown, Scope::Popup) => {
            go(&mut app);
            let page = 40 - 3;
            let expected = if command == Command::ScrollDown {
                1
            } else {
                page
            };
            assert_eq!(help_scroll(&app), expected, "{what}");
        }
        (Command::ScrollUp | Command::ScrollPageUp | Command::ScrollTop, Scope::Popup) => {
            for _ in 0..50 {
                app.update(Action::Scroll(1));
            }
            go(&mut app);
            let expected = match command {
                Command::ScrollUp => 49,
                Command::ScrollPageUp => 50 - 37,
                _ => 0,
            };
            assert_eq!(help_scroll(&app), expected, "{what}");
        }
        (Command::ScrollDown | Command::ScrollPageDown | Command::ScrollHalfDown, _) => {
            let height = app.detail().unwrap().height();
            go(&mut app);
            let expected = match command {
                Command::ScrollDown => 1,
                Command::ScrollPageDown => height - 1,
                _ => height / 2,
            };
            assert_eq!(top(&app), expected, "{what}");
        }
        (
            Command::ScrollUp | Command::ScrollPageUp | Command::ScrollHalfUp | Command::ScrollTop,
            _,
        ) => {
            let height = app.detail().unwrap().height();
            app.update(Action::Scroll(100));
            go(&mut app);
            let expected = match command {
                Command::ScrollUp => 99,
                Command::ScrollPageUp => 100 - (height - 1),
                Command::ScrollHalfUp => 100 - height / 2,
                _ => 0,
            };
            assert_eq!(top(&app), expected, "{what}");
        }
        (Command::ScrollBottom, _) => {
            go(&mut app);
            let end = top(&app);
            assert!(end > 100, "{what}: top {end}");
            app.update(Action::Scroll(1));
            assert_eq!(top(&app), end, "{what}: not the end");
        }
        (Command::NextArticle | Command::PrevArticle, _) => {
            app.update(Action::SelectNext);
            go(&mut app);
            let expected = if command == Command::NextArticle {
                2
            } else {
                0
            };
            assert_eq!(app.selected(), expected, "{what}");
            let article = app.hits()[expected].article();
            assert_eq!(app.detail().unwrap().article(), article, "{what}");
            assert!(app.reader_open(), "{what}");
        }
        (Command::FindInArticle, _) => {
            go(&mut app);
            assert!(app.find_prompt().is_some(), "{what}");
            // Every printable key is prompt text now, `n` and `/` too; Enter finds.
            for c in "段n/".chars() {
                let action = press(&mut app, KeyChord::plain(Key::Char(c)));
                assert_eq!(action, Some(Action::FindInsert(c.to_string())), "{what}");
            }
            press(&mut app, KeyChord::plain(Key::Backspace));
            press(&mut app, KeyChord::plain(Key::Backspace));
            assert_eq!(app.find_prompt().unwrap().text(), "段", "{what}");
            press(&mut app, KeyChord::plain(Key::Enter));
            assert_eq!(app.find_prompt(), None, "{what}");
            let counter = app.detail().unwrap().match_counter();
            assert_eq!(counter, Some(("段", "1/80".to_string())), "{what}");
        }
        (Command::NextMatch | Command::PrevMatch, _) => {
            app.update(Action::FindStart);
            app.update(Action::FindInsert("段".into()));
            app.update(Action::FindRun);
            go(&mut app);
            let expected = match command {
                Command::NextMatch => "2/80",
                _ => "80/80",
            };
            let counter = app.detail().unwrap().match_counter();
            assert_eq!(counter, Some(("段", expected.to_string())), "{what}");
        }
        (Command::Search, _) => {
            go(&mut app);
            assert!(!app.reader_open(), "{what}");
            assert_eq!(Scope::of(&app), Scope::List, "{what}");
        }
        (Command::Close, Scope::Reader) => {
            go(&mut app);
            assert!(!app.reader_open(), "{what}");
            assert_eq!(Scope::of(&app), Scope::List, "{what}");
        }
        (Command::Close, _) => {
            go(&mut app);
            assert_eq!(app.popup(), &Popup::None, "{what}");
        }
        (Command::ChooseSource, _) => {
            app.update(Action::SelectNext);
            go(&mut app);
            assert_eq!(app.popup(), &Popup::None, "{what}");
            assert_eq!(app.source_filter(), Some("甲报"), "{what}");
            assert_eq!(app.hits().len(), 2, "{what}");
        }
        (Command::ToggleMouse, _) => {
            let before = app.mouse_capture();
            go(&mut app);
            assert_eq!(app.mouse_capture(), !before, "{what}");
            assert!(app.notice().is_some(), "{what}");
        }
        (Command::ToggleRead, _) => {
            let id = app.article(&app.hits()[app.selected()]).id;
            let read = |app: &App| app.memory().get(&id).is_some_and(|m| m.read);
            let before = read(&app);
            assert_eq!(before, scope == Scope::Reader, "{what}: opening marks read");
            go(&mut app);
            assert_eq!(read(&app), !before, "{what}");
        }
        (Command::ToggleStar, _) => {
            let id = app.article(&app.hits()[app.selected()]).id;
            go(&mut app);
            assert!(app.memory().get(&id).is_some_and(|m| m.starred), "{what}");
        }
        (Command::EditLabels, _) => {
            go(&mut app);
            assert!(matches!(app.popup(), Popup::Labels(_)), "{what}");
            // Every printable key is picker text now, `m` and `q` too.
            for c in "mq".chars() {
                let action = press(&mut app, KeyChord::plain(Key::Char(c)));
                assert_eq!(action, Some(Action::LabelInsert(c.to_string())), "{what}");
            }
        }
        (Command::CopyMenu, _) => {
            go(&mut app);
            assert!(matches!(app.popup(), Popup::Copy(_)), "{what}");
        }
        (
            Command::CopyChosen
            | Command::CopyUrl
            | Command::CopyTitle
            | Command::CopyCitation
            | Command::CopyText
            | Command::CopyParagraph,
            _,
        ) => {
            go(&mut app);
            assert_eq!(app.popup(), &Popup::None, "{what}");
            let copied = app.take_clipboard();
            let text_start = "改革开放四十年\n\n2023-01-01  乙报\n\nid e\n\n改革开放四十年第1段。";
            let expected = match command {
                Command::CopyTitle => Some("改革开放四十年".to_string()),
                Command::CopyCitation => Some("改革开放四十年[N]. 乙报, 2023-01-01.".to_string()),
                Command::CopyParagraph => Some("改革开放四十年第1段。".to_string()),
                Command::CopyText => copied.clone().filter(|t| t.starts_with(text_start)),
                // No URL: nothing to copy (Enter copies the first item, the URL).
                _ => None,
            };
            assert_eq!(copied, expected, "{what}");
            assert!(app.notice().is_some(), "{what}");
        }
        (Command::PrevPeriod | Command::NextPeriod, _) => {
            // Newest first, one a year: e 2023, d 2022, b 2021, a 2020, c 2019.
            app.update(Action::SelectNext);
            go(&mut app);
            let expected = if command == Command::NextPeriod { 0 } else { 2 };
            assert_eq!(app.selected(), expected, "{what}");
        }
    }
}

#[test]
fn every_binding_of_the_table_does_its_job() {
    for b in Keymap::default().bindings() {
        let scopes: Vec<Scope> = if b.scope == Scope::Everywhere {
            Scope::ALL.to_vec()
        } else {
            vec![b.scope]
        };
        for scope in scopes {
            exercise(scope, b.chord, b.command);
        }
    }
}

mod dispatch;
