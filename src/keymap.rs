//! Terminal events to [`Action`]s: the only place a key gets its meaning.
//!
//! One table says what every key does ([`Keymap`], read from `DEFAULTS` and changed
//! by `Keymap::bind`): per [`Scope`] (the list and its query line, the reader, the help and
//! not-loaded windows, the source picker, and everywhere) a [`KeyChord`] runs a named
//! [`Command`], which has a one-line description. The dispatcher (`action_for`), the help
//! window, the footer hints and the README's key table are all drawn from it, as in helix
//! (`keymap!` + `static_commands!`) and yazi (help drawn from the keymap).
//!
//! In the list every printable key the table does not bind (all of them, by default) goes
//! into the query, as in fzf: pinyin such as `jingbei` never runs a command, and commands
//! there are arrows, Enter, Tab, Esc, PgUp/PgDn, Home/End, F1 and Ctrl chords. In the reader
//! plain keys are pager commands, as in less. Esc clears the query, then the source filter,
//! then quits, as fzf's does; elsewhere it goes back (ARCHITECTURE §5).
//!
//! The keymap in use is chosen once at start-up ([`install`], after reading the config
//! file), like the display zone: the dispatcher and the drawing code read it with `active`.

mod commands;
mod defaults;
mod docs;
mod keys;
mod labels;
mod prompt;
mod table;

use std::sync::OnceLock;

use crossterm::event::{Event, KeyEventKind, MouseEventKind};

pub use commands::Command;
pub(crate) use defaults::NOTES;
pub(crate) use docs::HelpSection;
pub use keys::{Key, KeyChord};
pub use table::{Binding, Keymap, Scope};

use crate::app::{Action, App, Focus, Popup};

static ACTIVE: OnceLock<Keymap> = OnceLock::new();

/// Makes `keymap` the one in use; only the first call counts (later ones are ignored and
/// return false). Without a call, juan's own keys ([`Keymap::default`]) are used.
pub fn install(keymap: Keymap) -> bool {
    ACTIVE.set(keymap).is_ok()
}

/// The keymap in use: the one [`install`] chose, else [`Keymap::default`].
pub(crate) fn active() -> &'static Keymap {
    ACTIVE.get_or_init(Keymap::default)
}

/// The action for a terminal event under the keymap in use, or `None` when the event means
/// nothing here.
pub(crate) fn action_for(event: &Event, app: &App) -> Option<Action> {
    active().action_for(event, app)
}

/// True for the chord that suspends juan (Ctrl-z) under the keymap in use. It is no
/// [`Action`]: the terminal loop carries it out (`tui`), since it stops the process.
pub(crate) fn is_suspend(event: &Event) -> bool {
    active().is_suspend(event)
}

impl Scope {
    /// The scope that takes keys in `app`'s state: a window, the reader (open, or the
    /// article pane focused), else the list.
    pub(crate) fn of(app: &App) -> Scope {
        match app.popup() {
            Popup::Help(_) | Popup::Problems(_) => Scope::Popup,
            Popup::Sources(_) => Scope::Sources,
            Popup::Copy(_) => Scope::Copy,
            // Its keys are the list's (`keymap/labels.rs`).
            Popup::Labels(_) => Scope::List,
            Popup::None if app.reader_open() || app.focus() == Focus::Detail => Scope::Reader,
            Popup::None => Scope::List,
        }
    }
}

impl Keymap {
    /// The action for a terminal event in `app`'s state under this keymap, or `None`.
    pub(crate) fn action_for(&self, event: &Event, app: &App) -> Option<Action> {
        if app.find_prompt().is_some() {
            return self.prompt_action(event);
        }
        if let Popup::Labels(_) = app.popup() {
            return self.label_action(event);
        }
        let scope = Scope::of(app);
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let chord = KeyChord::from_event(key)?;
                match self.command_for(scope, chord) {
                    Some(command) => command.action(),
                    None if scope == Scope::List => chord
                        .typed_char()
                        .map(|c| Action::QueryInsert(c.to_string())),
                    None => None,
                }
            }
            Event::Paste(text) if scope == Scope::List => Some(Action::QueryInsert(text.clone())),
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            Event::Mouse(m) => {
                let down = match m.kind {
                    MouseEventKind::ScrollDown => true,
                    MouseEventKind::ScrollUp => false,
                    _ => return None,
                };
                Some(Action::Wheel {
                    column: m.column,
                    row: m.row,
                    down,
                })
            }
            _ => None,
        }
    }

    /// True when `event` is a chord bound to [`Command::Suspend`] everywhere (the terminal
    /// loop asks before any scope sees the key; [`Keymap::bind`] keeps scopes from hiding it).
    pub(crate) fn is_suspend(&self, event: &Event) -> bool {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => KeyChord::from_event(key)
                .is_some_and(|c| self.command_for(Scope::Everywhere, c) == Some(Command::Suspend)),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests;
