//! Terminal events to [`Action`]s: the only place a key gets its meaning. What a key means
//! depends on where the focus is (in the query line every printable key is text) and on the
//! popup shown.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

use crate::app::{Action, App, Focus, Popup};

/// The keys, as the help screen lists them: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    (
        "/  or any text",
        "type a query (Chinese through an input method works)",
    ),
    ("Esc", "leave the query line; again: clear the filter"),
    (
        "Up Down  j k  Ctrl-n Ctrl-p",
        "select in the list / scroll the article",
    ),
    ("PgUp PgDn  Ctrl-u Ctrl-d", "a page / half a page"),
    ("g G  Home End", "first / last"),
    ("Space  b", "page down / up in the article"),
    ("Enter", "open the article full-screen"),
    ("Esc", "back to the list"),
    ("n  N", "next / previous article"),
    ("Tab", "move focus between list and article"),
    ("o", "newest first / oldest first"),
    ("s", "pick a source (Esc clears it)"),
    ("w", "records that could not be loaded, files skipped"),
    (
        "R  Ctrl-r",
        "load the archive again (after it changed on disk)",
    ),
    ("mouse wheel", "scroll the pane under the pointer"),
    ("?", "this help"),
    ("q  Ctrl-c", "quit"),
    ("Ctrl-z", "suspend to the shell (fg comes back)"),
];

/// True for Ctrl-Z, which suspends juan wherever the focus is. It is no [`Action`]: the
/// terminal loop carries it out (`tui`), since it stops the process, not the interface.
pub fn is_suspend(event: &Event) -> bool {
    matches!(
        event,
        Event::Key(key) if key.kind != KeyEventKind::Release
            && key.code == KeyCode::Char('z')
            && key.modifiers.contains(KeyModifiers::CONTROL)
    )
}

/// The action for a terminal event, or `None` when the event means nothing here.
pub fn action_for(event: &Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(key, app),
        Event::Paste(text) => Some(Action::QueryInsert(text.clone())),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                column: m.column,
                row: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: m.column,
                row: m.row,
                down: false,
            }),
            _ => None,
        },
        _ => None,
    }
}

fn key_action(key: &KeyEvent, app: &App) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if !matches!(app.popup(), Popup::None) {
        return popup_key(key);
    }
    if app.focus() == Focus::Query
        && let Some(a) = query_key(key, ctrl)
    {
        return Some(a);
    }
    let detail = app.focus() == Focus::Detail || app.reader_open();
    let action = match (key.code, ctrl) {
        (KeyCode::Char('d'), true) => half(detail, true),
        (KeyCode::Char('u'), true) => half(detail, false),
        (KeyCode::Char('n'), true) => Action::SelectNext,
        (KeyCode::Char('p'), true) => Action::SelectPrev,
        (KeyCode::Char('f'), true) => pick(detail, Action::ScrollPageDown, Action::SelectPageDown),
        (KeyCode::Char('b'), true) => pick(detail, Action::ScrollPageUp, Action::SelectPageUp),
        (KeyCode::Char('r'), true) => Action::Reload,
        (_, true) => return None,
        (KeyCode::Char('R'), _) => Action::Reload,
        (KeyCode::Char('q'), _) => Action::Quit,
        (KeyCode::Char('j') | KeyCode::Down, _) => {
            pick(detail, Action::Scroll(1), Action::SelectNext)
        }
        (KeyCode::Char('k') | KeyCode::Up, _) => {
            pick(detail, Action::Scroll(-1), Action::SelectPrev)
        }
        (KeyCode::Char('g') | KeyCode::Home, _) => {
            pick(detail, Action::ScrollTop, Action::SelectFirst)
        }
        (KeyCode::Char('G') | KeyCode::End, _) => {
            pick(detail, Action::ScrollBottom, Action::SelectLast)
        }
        (KeyCode::PageDown, _) => pick(detail, Action::ScrollPageDown, Action::SelectPageDown),
        (KeyCode::PageUp, _) => pick(detail, Action::ScrollPageUp, Action::SelectPageUp),
        (KeyCode::Char(' '), _) => Action::ScrollPageDown,
        (KeyCode::Char('b'), _) => Action::ScrollPageUp,
        (KeyCode::Enter, _) => Action::Open,
        (KeyCode::Esc, _) => Action::Back,
        (KeyCode::Tab | KeyCode::BackTab, _) => Action::ToggleFocus,
        (KeyCode::Char('n'), _) => Action::NextArticle,
        (KeyCode::Char('N'), _) => Action::PrevArticle,
        (KeyCode::Char('o'), _) => Action::ToggleOrder,
        (KeyCode::Char('s'), _) => Action::OpenSources,
        (KeyCode::Char('w'), _) => Action::ToggleProblems,
        (KeyCode::Char('?'), _) => Action::ToggleHelp,
        (KeyCode::Char('/'), _) => Action::FocusQuery,
        (KeyCode::Backspace, _) => Action::QueryBackspace,
        (KeyCode::Char(c), _) if !key.modifiers.contains(KeyModifiers::ALT) => {
            Action::QueryInsert(c.to_string())
        }
        _ => return None,
    };
    Some(action)
}

/// Keys while the cursor is in the query line; `None` falls through to the common keys.
fn query_key(key: &KeyEvent, ctrl: bool) -> Option<Action> {
    let action = match (key.code, ctrl) {
        (KeyCode::Char('a'), true) => Action::QueryHome,
        (KeyCode::Char('e'), true) => Action::QueryEnd,
        (KeyCode::Char('u'), true) => Action::QueryClear,
        (KeyCode::Char('w'), true) => Action::QueryDeleteWord,
        (KeyCode::Char('h'), true) => Action::QueryBackspace,
        (KeyCode::Char(c), false) if !key.modifiers.contains(KeyModifiers::ALT) => {
            Action::QueryInsert(c.to_string())
        }
        (KeyCode::Backspace, _) => Action::QueryBackspace,
        (KeyCode::Delete, _) => Action::QueryDelete,
        (KeyCode::Left, _) => Action::QueryLeft,
        (KeyCode::Right, _) => Action::QueryRight,
        (KeyCode::Home, _) => Action::QueryHome,
        (KeyCode::End, _) => Action::QueryEnd,
        (KeyCode::Up, _) => Action::SelectPrev,
        (KeyCode::Down, _) => Action::SelectNext,
        _ => return None,
    };
    Some(action)
}

fn popup_key(key: &KeyEvent) -> Option<Action> {
    let action = match key.code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc => Action::Back,
        KeyCode::Enter => Action::Open,
        KeyCode::Char('j') | KeyCode::Down => Action::SelectNext,
        KeyCode::Char('k') | KeyCode::Up => Action::SelectPrev,
        KeyCode::PageDown | KeyCode::Char(' ') => Action::SelectPageDown,
        KeyCode::PageUp => Action::SelectPageUp,
        KeyCode::Char('g') | KeyCode::Home => Action::SelectFirst,
        KeyCode::Char('G') | KeyCode::End => Action::SelectLast,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('w') => Action::ToggleProblems,
        KeyCode::Char('s') => Action::OpenSources,
        _ => return None,
    };
    Some(action)
}

fn pick(detail: bool, in_detail: Action, in_list: Action) -> Action {
    if detail { in_detail } else { in_list }
}

fn half(detail: bool, down: bool) -> Action {
    match (detail, down) {
        (true, true) => Action::ScrollHalfDown,
        (true, false) => Action::ScrollHalfUp,
        (false, true) => Action::SelectPageDown,
        (false, false) => Action::SelectPageUp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    fn app() -> App {
        let a = Article {
            id: "a".into(),
            title: "标题".into(),
            body: "正文".into(),
            ..Default::default()
        };
        App::of_articles(vec![a], 80, 24)
    }

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn letters_are_commands_in_the_list_and_text_in_the_query_line() {
        let mut app = app();
        assert_eq!(
            action_for(&key(KeyCode::Char('j')), &app),
            Some(Action::SelectNext)
        );
        assert_eq!(
            action_for(&key(KeyCode::Char('长')), &app),
            Some(Action::QueryInsert("长".into()))
        );
        app.update(Action::FocusQuery);
        assert_eq!(
            action_for(&key(KeyCode::Char('j')), &app),
            Some(Action::QueryInsert("j".into()))
        );
        assert_eq!(
            action_for(&key(KeyCode::Char('q')), &app),
            Some(Action::QueryInsert("q".into()))
        );
        assert_eq!(
            action_for(&key(KeyCode::Down), &app),
            Some(Action::SelectNext)
        );
        assert_eq!(action_for(&key(KeyCode::Enter), &app), Some(Action::Open));
        assert_eq!(action_for(&key(KeyCode::Esc), &app), Some(Action::Back));
    }

    #[test]
    fn the_same_key_scrolls_the_reader() {
        let mut app = app();
        app.update(Action::Open);
        assert_eq!(
            action_for(&key(KeyCode::Char('j')), &app),
            Some(Action::Scroll(1))
        );
        assert_eq!(
            action_for(&key(KeyCode::Char('G')), &app),
            Some(Action::ScrollBottom)
        );
        let ctrl_d = Event::Key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL));
        assert_eq!(action_for(&ctrl_d, &app), Some(Action::ScrollHalfDown));
    }

    #[test]
    fn ctrl_c_always_quits() {
        let mut app = app();
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        for a in [Action::FocusQuery, Action::ToggleHelp, Action::OpenSources] {
            app.update(a);
            assert_eq!(action_for(&ctrl_c, &app), Some(Action::Quit));
        }
    }

    #[test]
    fn ctrl_z_suspends_and_nothing_else_does() {
        let ctrl_z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
        assert!(is_suspend(&ctrl_z));
        assert!(!is_suspend(&key(KeyCode::Char('z'))));
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert!(!is_suspend(&ctrl_c));
        // No action either, so the query line never takes it as text.
        let mut app = app();
        app.update(Action::FocusQuery);
        assert_eq!(action_for(&ctrl_z, &app), None);
    }
}
