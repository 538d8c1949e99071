//! The binding table: per [`Scope`], key chords to [`Command`]s. [`Keymap::default`] is read
//! from [`DEFAULTS`] (`defaults.rs`), the one list of juan's keys; [`Keymap::bind`] changes it (a config file
//! does so at start-up). The dispatcher, the help, the footer hints and the README's key table
//! are all drawn from a `Keymap`, so none of them can drift from the keys that work.

use std::fmt;

use super::defaults::{DEFAULTS, HINTS};
use super::{Command, KeyChord};

/// Where keys go: the focus, or the window over it. Each scope has its own bindings;
/// [`Scope::Everywhere`]'s hold in every scope that does not bind the chord itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The article list and its query line, which are one focus: any text goes into the query.
    List,
    /// The full-screen reader, and the article pane when it has the focus: pager keys.
    Reader,
    /// The help and the not-loaded windows.
    Popup,
    /// The source picker.
    Sources,
    /// The copy menu.
    Copy,
    /// Every scope (quit, suspend).
    Everywhere,
}

impl Scope {
    /// Every scope, in the order the help lists them.
    pub const ALL: [Scope; 6] = [
        Scope::List,
        Scope::Reader,
        Scope::Popup,
        Scope::Sources,
        Scope::Copy,
        Scope::Everywhere,
    ];

    /// The name a config file uses (`[keys.list]`).
    pub fn name(self) -> &'static str {
        match self {
            Scope::List => "list",
            Scope::Reader => "reader",
            Scope::Popup => "popup",
            Scope::Sources => "sources",
            Scope::Copy => "copy",
            Scope::Everywhere => "everywhere",
        }
    }

    /// The scope called `name`, if there is one.
    pub(crate) fn from_name(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The help's heading for this scope's keys.
    pub(crate) fn heading(self) -> &'static str {
        match self {
            Scope::List => "In the list (any text goes into the query)",
            Scope::Reader => "In the reader (and the article pane when it has the focus)",
            Scope::Popup => "In the help and not-loaded windows",
            Scope::Sources => "In the source picker",
            Scope::Copy => "In the copy menu (OSC 52: see the README for your terminal)",
            Scope::Everywhere => "Everywhere",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One binding: in `scope`, `chord` runs `command`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// Where it holds.
    pub scope: Scope,
    /// The key.
    pub chord: KeyChord,
    /// What it runs.
    pub command: Command,
}

/// A footer hint: `keys label`, e.g. `j/k scroll`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hint {
    /// The first key of each of the hint's commands, joined by `/`.
    pub(crate) keys: String,
    /// The hint's first command.
    pub(crate) command: Command,
    /// The label after the keys.
    pub(crate) label: &'static str,
}

/// Every binding, per scope: what a key means where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    /// juan's own keys, `DEFAULTS`.
    fn default() -> Keymap {
        let bindings = DEFAULTS
            .iter()
            .flat_map(|&(scope, keys, command)| {
                keys.split(' ').map(move |k| Binding {
                    scope,
                    chord: KeyChord::parse(k).unwrap_or_else(|e| panic!("DEFAULTS: {e}")),
                    command,
                })
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// Binds `chord` in `scope` to the command named `command` (replacing what the chord did
    /// there); the name `none` unbinds the chord. Errors: an unknown command, a command that
    /// means nothing in `scope`, and a chord that would hide Ctrl-z's suspend (which the
    /// terminal loop takes before any scope sees a key).
    pub(crate) fn bind(
        &mut self,
        scope: Scope,
        chord: KeyChord,
        command: &str,
    ) -> Result<(), String> {
        if command == "none" {
            self.unbind(scope, chord);
            return Ok(());
        }
        let cmd = command_named(command)?;
        if !cmd.scopes().contains(&scope) {
            let where_: Vec<&str> = cmd.scopes().iter().map(|s| s.name()).collect();
            return Err(format!(
                "`{command}` means nothing in the {scope} keys (it works in: {})",
                where_.join(", ")
            ));
        }
        if scope != Scope::Everywhere
            && self.own(Scope::Everywhere, chord) == Some(Command::Suspend)
        {
            return Err(format!(
                "{chord} suspends juan everywhere: bind `suspend` to another key under `everywhere` first"
            ));
        }
        if cmd == Command::Suspend
            && let Some(b) = self
                .bindings
                .iter()
                .find(|b| b.chord == chord && b.scope != Scope::Everywhere)
        {
            return Err(format!(
                "{chord} is bound in the {} keys ({}): unbind it there first",
                b.scope,
                b.command.name()
            ));
        }
        let binding = Binding {
            scope,
            chord,
            command: cmd,
        };
        match self
            .bindings
            .iter_mut()
            .find(|b| b.scope == scope && b.chord == chord)
        {
            Some(old) => *old = binding,
            None => self.bindings.push(binding),
        }
        Ok(())
    }

    /// Removes what `chord` does in `scope`; false when it did nothing there.
    pub(crate) fn unbind(&mut self, scope: Scope, chord: KeyChord) -> bool {
        let before = self.bindings.len();
        self.bindings
            .retain(|b| !(b.scope == scope && b.chord == chord));
        self.bindings.len() != before
    }

    /// Removes every key of the command named `command` in `scope` (before binding others
    /// in their place); returns how many there were.
    pub(crate) fn unbind_command(&mut self, scope: Scope, command: &str) -> Result<usize, String> {
        let cmd = command_named(command)?;
        let before = self.bindings.len();
        self.bindings
            .retain(|b| !(b.scope == scope && b.command == cmd));
        Ok(before - self.bindings.len())
    }

    /// Every binding, in the help's order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// What `chord` runs in `scope`: its own binding, else [`Scope::Everywhere`]'s.
    pub fn command_for(&self, scope: Scope, chord: KeyChord) -> Option<Command> {
        self.own(scope, chord)
            .or_else(|| self.own(Scope::Everywhere, chord))
    }

    /// The keys that run `command` in `scope` (its own, then those of
    /// [`Scope::Everywhere`] it does not take over), in the table's order.
    pub fn keys_for(&self, scope: Scope, command: Command) -> Vec<KeyChord> {
        let own = self
            .bindings
            .iter()
            .filter(|b| b.scope == scope && b.command == command);
        let everywhere = self.bindings.iter().filter(|b| {
            scope != Scope::Everywhere
                && b.scope == Scope::Everywhere
                && b.command == command
                && self.own(scope, b.chord).is_none()
        });
        own.chain(everywhere).map(|b| b.chord).collect()
    }

    /// The footer's hints for `scope`, from [`HINTS`]; a hint whose commands have no key is
    /// left out.
    pub(crate) fn hints(&self, scope: Scope) -> Vec<Hint> {
        HINTS
            .iter()
            .filter(|(s, _, _)| *s == scope)
            .filter_map(|&(_, commands, label)| {
                let keys: Vec<String> = commands
                    .iter()
                    .filter_map(|&c| self.keys_for(scope, c).first().map(|k| k.to_string()))
                    .collect();
                (!keys.is_empty()).then(|| Hint {
                    keys: keys.join("/"),
                    command: commands[0],
                    label,
                })
            })
            .collect()
    }

    /// The binding of `chord` in `scope` itself.
    fn own(&self, scope: Scope, chord: KeyChord) -> Option<Command> {
        self.bindings
            .iter()
            .find(|b| b.scope == scope && b.chord == chord)
            .map(|b| b.command)
    }
}

/// The command called `name`, or an error that says where the names are listed.
fn command_named(name: &str) -> Result<Command, String> {
    Command::from_name(name)
        .ok_or_else(|| format!("`{name}` is not a command (`juan config --default` lists them)"))
}

#[cfg(test)]
mod tests;
