//! Keys while the label picker is open (`l` in the reader, Alt-l in the list): text goes into
//! the picker's line, as into the query line, and the query line's own keys edit it
//! (Backspace, Ctrl-w, Ctrl-u), looked up in the list's bindings so a rebinding there holds
//! here too; the list's Up/Down (and Ctrl-n/Ctrl-p, PgUp/PgDn) move through the labels, Enter
//! adds or removes the selected one, Esc closes the picker. Ctrl-c still quits.

use crossterm::event::{Event, KeyEventKind};

use super::{Command, KeyChord, Keymap, Scope};
use crate::app::Action;

impl Keymap {
    /// The action for `event` while the label picker is open, or `None`.
    pub(super) fn label_action(&self, event: &Event) -> Option<Action> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let chord = KeyChord::from_event(key)?;
                match self.command_for(Scope::List, chord) {
                    Some(Command::QueryBackspace) => Some(Action::LabelBackspace),
                    Some(Command::QueryDeleteWord) => Some(Action::LabelDeleteWord),
                    Some(Command::QueryClear) => Some(Action::LabelClear),
                    Some(Command::SelectNext) => Some(Action::SelectNext),
                    Some(Command::SelectPrev) => Some(Action::SelectPrev),
                    Some(Command::SelectPageDown) => Some(Action::SelectPageDown),
                    Some(Command::SelectPageUp) => Some(Action::SelectPageUp),
                    Some(Command::Open) => Some(Action::LabelToggle),
                    Some(Command::ClearOrQuit) => Some(Action::Back),
                    Some(Command::Quit) => Some(Action::Quit),
                    Some(_) => None,
                    None => chord
                        .typed_char()
                        .map(|c| Action::LabelInsert(c.to_string())),
                }
            }
            Event::Paste(text) => Some(Action::LabelInsert(text.clone())),
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            _ => None,
        }
    }
}
