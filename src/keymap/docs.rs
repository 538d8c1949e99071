//! The binding table written out for people: the sections of the help window and the README's
//! key table ([`Keymap::markdown_table`], which `tests/keys_readme.rs` holds the README to).
//! Both list, per scope, each command once with all its keys, then the scope's [`NOTES`].

use super::{Command, KeyChord, Keymap, NOTES, Scope};

/// One line of the help: the keys, the command (none for a note) and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HelpRow {
    /// The keys, in the table's order.
    pub(crate) keys: Vec<KeyChord>,
    /// For a note that is no binding ("any text"), what is pressed.
    pub(crate) note: Option<&'static str>,
    /// The command the keys run; `None` for a note.
    pub(crate) command: Option<Command>,
    /// What it does.
    pub(crate) what: &'static str,
}

impl HelpRow {
    /// The keys as the help shows them: `j Down Ctrl-n`.
    pub(crate) fn keys_text(&self) -> String {
        match self.note {
            Some(note) => note.to_string(),
            None => join(&self.keys, |k| k.to_string()),
        }
    }
}

/// The help's rows for one scope, under its heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HelpSection {
    /// The scope.
    pub(crate) scope: Scope,
    /// Its rows: each bound command once, then the notes.
    pub(crate) rows: Vec<HelpRow>,
}

impl Keymap {
    /// The help, scope by scope in [`Scope::ALL`]'s order; a scope with nothing to say is
    /// left out.
    pub(crate) fn help(&self) -> Vec<HelpSection> {
        Scope::ALL
            .into_iter()
            .map(|scope| HelpSection {
                scope,
                rows: self.rows(scope),
            })
            .filter(|s| !s.rows.is_empty())
            .collect()
    }

    /// The README's key table, in Markdown: `| where | keys | command | what it does |`.
    pub fn markdown_table(&self) -> String {
        let mut out =
            String::from("| where | keys | command | what it does |\n|---|---|---|---|\n");
        for section in self.help() {
            for row in section.rows {
                let keys = match row.note {
                    Some(note) => note.to_string(),
                    None => join(&row.keys, |k| format!("`{}`", cell(&k.to_string()))),
                };
                let command = row
                    .command
                    .map_or(String::new(), |c| format!("`{}`", c.name()));
                out.push_str(&format!(
                    "| {} | {keys} | {command} | {} |\n",
                    section.scope,
                    cell(row.what)
                ));
            }
        }
        out
    }

    /// One scope's rows: each command bound in it, with all its keys, in the order of its
    /// first binding; then the notes.
    fn rows(&self, scope: Scope) -> Vec<HelpRow> {
        let mut rows: Vec<HelpRow> = Vec::new();
        for b in self.bindings().iter().filter(|b| b.scope == scope) {
            match rows.iter_mut().find(|r| r.command == Some(b.command)) {
                Some(row) => row.keys.push(b.chord),
                None => rows.push(HelpRow {
                    keys: vec![b.chord],
                    note: None,
                    command: Some(b.command),
                    what: b.command.doc(),
                }),
            }
        }
        rows.extend(
            NOTES
                .iter()
                .filter(|(s, _, _)| *s == scope)
                .map(|&(_, note, what)| HelpRow {
                    keys: Vec::new(),
                    note: Some(note),
                    command: None,
                    what,
                }),
        );
        rows
    }
}

/// `items` shown by `show`, separated by spaces.
fn join<T>(items: &[T], show: impl Fn(&T) -> String) -> String {
    items.iter().map(show).collect::<Vec<_>>().join(" ")
}

/// Text made safe for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_command_is_one_row_with_all_its_keys() {
        let help = Keymap::default().help();
        let scopes: Vec<Scope> = help.iter().map(|s| s.scope).collect();
        assert_eq!(scopes, Scope::ALL);
        let reader = &help[1];
        let down = &reader.rows[0];
        assert_eq!(down.command, Some(Command::ScrollDown));
        assert_eq!(down.keys_text(), "j Down Ctrl-n e Ctrl-e");
        assert_eq!(down.what, "scroll down a line");
        let list = &help[0];
        let note = list.rows.last().unwrap();
        assert_eq!((note.keys_text(), note.command), ("any text".into(), None));
    }

    #[test]
    fn the_markdown_table_has_a_row_per_command_and_note() {
        let table = Keymap::default().markdown_table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "| where | keys | command | what it does |");
        assert!(
            lines.contains(
                &"| list | `Down` `Ctrl-n` | `select_next` | move the selection down one |"
            )
        );
        assert!(lines.contains(
            &"| list | any text |  | goes into the query: letters, pinyin, Chinese from an input method, a paste |"
        ));
        assert!(lines.contains(
            &"| everywhere | `Ctrl-z` | `suspend` | suspend juan to the shell (fg brings it back) |"
        ));
        let rows: usize = Keymap::default().help().iter().map(|s| s.rows.len()).sum();
        assert_eq!(lines.len(), rows + 2);
    }

    #[test]
    fn a_pipe_is_escaped_in_a_cell() {
        assert_eq!(cell("a | b"), "a \\| b");
    }
}
