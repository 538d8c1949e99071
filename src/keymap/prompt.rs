//! Keys while the reader's find prompt is open (`/`): text goes into the prompt, as into the
//! query line, and the query line's own keys edit it (Backspace, Ctrl-w, Ctrl-u; Enter finds,
//! Esc cancels), looked up in the list's bindings so a rebinding there holds here too. Keys
//! that mean nothing in a one-line prompt do nothing; Ctrl-c still quits.

use crossterm::event::{Event, KeyEventKind};

use super::{Command, KeyChord, Keymap, Scope};
use crate::app::Action;

impl Keymap {
    /// The action for `event` while the find prompt is open, or `None`.
    pub(super) fn prompt_action(&self, event: &Event) -> Option<Action> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let chord = KeyChord::from_event(key)?;
                match self.command_for(Scope::List, chord) {
                    Some(Command::QueryBackspace) => Some(Action::FindBackspace),
                    Some(Command::QueryDeleteWord) => Some(Action::FindDeleteWord),
                    Some(Command::QueryClear) => Some(Action::FindClear),
                    Some(Command::Open) => Some(Action::FindRun),
                    Some(Command::ClearOrQuit) => Some(Action::FindCancel),
                    Some(Command::Quit) => Some(Action::Quit),
                    Some(_) => None,
                    None => chord
                        .typed_char()
                        .map(|c| Action::FindInsert(c.to_string())),
                }
            }
            Event::Paste(text) => Some(Action::FindInsert(text.clone())),
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            _ => None,
        }
    }
}
