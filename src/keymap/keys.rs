//! [`KeyChord`]: one key with its modifiers, as a config file writes it (`ctrl-r`, `pgdn`, `G`)
//! and as the help shows it (`Ctrl-r`, `PgDn`, `G`), and as it comes from the terminal
//! (a crossterm `KeyEvent`, normalised so that one chord has one spelling: `G` is `G`, never
//! `Shift-G`; `Ctrl-R` is `Ctrl-r`, since a terminal sends the same byte for both).

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key without its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// A character key (`j`, `G`, `?`, `改`; `Char(' ')` is Space).
    Char(char),
    /// Enter (Return).
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab, which terminals send as a key of its own.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// A function key, F1 to F24.
    F(u8),
}

/// The named keys: (canonical name, key). Parsing also takes the aliases in [`ALIASES`].
const NAMES: &[(&str, Key)] = &[
    ("Enter", Key::Enter),
    ("Esc", Key::Esc),
    ("Tab", Key::Tab),
    ("Shift-Tab", Key::BackTab),
    ("Backspace", Key::Backspace),
    ("Del", Key::Delete),
    ("Up", Key::Up),
    ("Down", Key::Down),
    ("Left", Key::Left),
    ("Right", Key::Right),
    ("Home", Key::Home),
    ("End", Key::End),
    ("PgUp", Key::PageUp),
    ("PgDn", Key::PageDown),
    ("Space", Key::Char(' ')),
];

/// Other spellings a config file may use.
const ALIASES: &[(&str, Key)] = &[
    ("return", Key::Enter),
    ("ret", Key::Enter),
    ("escape", Key::Esc),
    ("backtab", Key::BackTab),
    ("bs", Key::Backspace),
    ("delete", Key::Delete),
    ("pageup", Key::PageUp),
    ("pagedown", Key::PageDown),
];

/// A key and the modifiers held with it: what a binding is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    /// The key.
    pub key: Key,
    /// Control held.
    pub ctrl: bool,
    /// Alt (Meta, Option) held; terminals send it as an Escape before the key.
    pub alt: bool,
    /// Shift held, for keys other than characters (a character carries its own case).
    pub shift: bool,
}

impl KeyChord {
    /// `key` with no modifier.
    pub(crate) const fn plain(key: Key) -> KeyChord {
        KeyChord {
            key,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// Reads a chord as a config file writes it: modifiers `ctrl-` (`c-`), `alt-` (`a-`,
    /// `m-`) and `shift-` (`s-`) before a key name (`enter esc tab backtab backspace del up
    /// down left right home end pgup pgdn space f1`…`f24`, any case) or a single character
    /// (`G` and `g` differ). `ctrl-R` is `ctrl-r`, as a terminal sends both alike.
    pub fn parse(text: &str) -> Result<KeyChord, String> {
        let mut rest = text;
        let mut chord = KeyChord::plain(Key::Esc);
        while let Some((head, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break;
            }
            match head.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => chord.ctrl = true,
                "alt" | "a" | "m" | "meta" => chord.alt = true,
                "shift" | "s" => chord.shift = true,
                _ => break,
            }
            rest = tail;
        }
        chord.key = key_named(rest).ok_or_else(|| {
            format!(
                "`{text}` is not a key (write e.g. `ctrl-r`, `alt-backspace`, `pgdn`, `f1`, `G`, `?`)"
            )
        })?;
        Ok(chord.normalised())
    }

    /// The chord of a terminal key event, normalised; `None` for keys juan does not name
    /// (media keys, a lone modifier) and chords with Super or Hyper.
    pub(crate) fn from_event(event: &KeyEvent) -> Option<KeyChord> {
        let m = event.modifiers;
        if m.intersects(KeyModifiers::SUPER | KeyModifiers::HYPER) {
            return None;
        }
        let key = match event.code {
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab => Key::Tab,
            KeyCode::BackTab => Key::BackTab,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Delete => Key::Delete,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::F(n) => Key::F(n),
            _ => return None,
        };
        let chord = KeyChord {
            key,
            ctrl: m.contains(KeyModifiers::CONTROL),
            alt: m.intersects(KeyModifiers::ALT | KeyModifiers::META),
            shift: m.contains(KeyModifiers::SHIFT),
        };
        Some(chord.normalised())
    }

    /// The text a plain character key types, if this chord is one (no Ctrl, no Alt).
    pub(crate) fn typed_char(&self) -> Option<char> {
        match self.key {
            Key::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    /// One spelling per chord: a character carries its own case, so Shift is dropped (and
    /// `shift-g` is `G`); with Ctrl a letter is lower case; Shift-Tab is [`Key::BackTab`].
    fn normalised(mut self) -> KeyChord {
        match self.key {
            Key::Char(c) => {
                if self.shift && c.is_lowercase() && !self.ctrl {
                    self.key = Key::Char(c.to_uppercase().next().unwrap_or(c));
                }
                if self.ctrl {
                    self.key = Key::Char(c.to_ascii_lowercase());
                }
                self.shift = false;
            }
            Key::Tab if self.shift => {
                self.key = Key::BackTab;
                self.shift = false;
            }
            Key::BackTab => self.shift = false,
            _ => {}
        }
        self
    }
}

/// The key a name (or a single character) stands for.
fn key_named(name: &str) -> Option<Key> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(Key::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=24).contains(&n).then_some(Key::F(n));
    }
    NAMES
        .iter()
        .chain(ALIASES)
        .copied()
        .find(|(n, _)| n.eq_ignore_ascii_case(&lower))
        .map(|(_, k)| k)
}

impl FromStr for KeyChord {
    type Err = String;

    fn from_str(s: &str) -> Result<KeyChord, String> {
        KeyChord::parse(s)
    }
}

impl fmt::Display for KeyChord {
    /// The canonical spelling, as the help and the README show it and [`KeyChord::parse`]
    /// reads it back: `Ctrl-r`, `Alt-Backspace`, `PgDn`, `Space`, `F1`, `G`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        if self.shift {
            f.write_str("Shift-")?;
        }
        match self.key {
            Key::F(n) => write!(f, "F{n}"),
            Key::Char(c) if c != ' ' => write!(f, "{c}"),
            key => {
                let name = NAMES
                    .iter()
                    .find(|(_, k)| *k == key)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

#[cfg(test)]
mod tests;
