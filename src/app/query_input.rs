//! The query line's text and cursor: a tiny line editor with no terminal code.

/// Text typed into the query line, with a cursor (a byte offset on a char boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct QueryInput {
    text: String,
    cursor: usize,
}

impl QueryInput {
    /// The text as typed.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a byte offset into [`QueryInput::text`].
    pub(crate) fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts `s` at the cursor, cleaned like article text (a paste may hold escape
    /// sequences or newlines; newlines become spaces).
    pub(crate) fn insert(&mut self, s: &str) {
        let clean = crate::sanitize::clean(s).replace('\n', " ");
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Deletes the char before the cursor.
    pub(crate) fn backspace(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    /// Deletes the char under the cursor.
    pub(crate) fn delete(&mut self) {
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
        }
    }

    /// Deletes the word before the cursor (and the spaces after it), like a shell's Ctrl-w.
    pub(crate) fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end_matches(' ');
        let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Empties the line.
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Moves the cursor one char left.
    pub(crate) fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    /// Moves the cursor one char right.
    pub(crate) fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    /// Moves the cursor to the start.
    pub(crate) fn home(&mut self) {
        self.cursor = 0;
    }

    /// Moves the cursor to the end.
    pub(crate) fn end(&mut self) {
        self.cursor = self.text.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_chinese_by_char() {
        let mut q = QueryInput::default();
        q.insert("长春 人大");
        q.backspace();
        assert_eq!(q.text(), "长春 人");
        q.left();
        q.left();
        q.delete();
        assert_eq!((q.text(), q.cursor()), ("长春人", "长春".len()));
        q.home();
        q.right();
        q.insert("x");
        assert_eq!(q.text(), "长x春人");
        q.end();
        q.insert(" src:日报");
        q.delete_word();
        assert_eq!(q.text(), "长x春人 ");
        q.clear();
        assert_eq!((q.text(), q.cursor()), ("", 0));
    }

    #[test]
    fn paste_loses_control_characters() {
        let mut q = QueryInput::default();
        q.insert("a\x1b[2J\nb\u{9b}31mc");
        assert_eq!(q.text(), "a bc");
    }
}
