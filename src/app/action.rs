//! [`Action`]: everything the user can ask of the interface, independent of the keys that
//! ask it (those are `keymap`'s business).

/// Something the user asked for; `keymap` makes these from keys, [`crate::app::App::update`] applies them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave juan.
    Quit,
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// Select the next article in the list (or entry in the source picker).
    SelectNext,
    /// Select the previous article in the list (or entry in the source picker).
    SelectPrev,
    /// Select the first article.
    SelectFirst,
    /// Select the last article.
    SelectLast,
    /// Move the selection down by a page.
    SelectPageDown,
    /// Move the selection up by a page.
    SelectPageUp,
    /// Scroll the article by this many rows (negative is up).
    Scroll(isize),
    /// Scroll the article by a page down.
    ScrollPageDown,
    /// Scroll the article by a page up.
    ScrollPageUp,
    /// Scroll the article by half a page down.
    ScrollHalfDown,
    /// Scroll the article by half a page up.
    ScrollHalfUp,
    /// Scroll to the article's start.
    ScrollTop,
    /// Scroll to the article's end.
    ScrollBottom,
    /// The mouse wheel turned over the cell (column, row); `down` when it turned towards the user.
    Wheel { column: u16, row: u16, down: bool },
    /// Open the selected article full-screen (or choose the picker's entry).
    Open,
    /// Go back: close the reader, leave the query line, close a popup, clear a filter.
    Back,
    /// Esc in the list, as in fzf: clear the query; if it is empty, the source filter; if
    /// neither is set, quit.
    ClearOrQuit,
    /// Move focus between the list and the detail pane.
    ToggleFocus,
    /// Show the next article of the current list.
    NextArticle,
    /// Show the previous article of the current list.
    PrevArticle,
    /// Toggle newest-first / oldest-first.
    ToggleOrder,
    /// Open the source picker.
    OpenSources,
    /// Show or hide the key help.
    ToggleHelp,
    /// Show or hide the list of records that could not be loaded.
    ToggleProblems,
    /// Load the archive again from disk (after it changed there).
    Reload,
    /// Turn mouse capture off (the terminal selects text) or on (the wheel scrolls).
    ToggleMouse,
    /// Put the cursor in the query line (closing the reader if it is open).
    FocusQuery,
    /// Type text into the query line (a key or a paste).
    QueryInsert(String),
    /// Delete the char before the query cursor.
    QueryBackspace,
    /// Delete the char under the query cursor.
    QueryDelete,
    /// Delete the word before the query cursor.
    QueryDeleteWord,
    /// Empty the query line.
    QueryClear,
    /// Move the query cursor left.
    QueryLeft,
    /// Move the query cursor right.
    QueryRight,
    /// Move the query cursor to the start.
    QueryHome,
    /// Move the query cursor to the end.
    QueryEnd,
    /// Open the prompt to find text in the article (`/`).
    FindStart,
    /// Type text into the find prompt (a key or a paste).
    FindInsert(String),
    /// Delete the char before the find prompt's cursor.
    FindBackspace,
    /// Delete the word before the find prompt's cursor.
    FindDeleteWord,
    /// Empty the find prompt.
    FindClear,
    /// Close the find prompt and find what it holds (the last find when it is empty).
    FindRun,
    /// Close the find prompt without finding.
    FindCancel,
    /// Make the next match of the find current (wrapping around).
    NextMatch,
    /// Make the previous match of the find current (wrapping around).
    PrevMatch,
    /// Select the first listed match of the previous period with matches on the timeline.
    PrevPeriod,
    /// Select the first listed match of the next period with matches on the timeline.
    NextPeriod,
    /// Mark the article read, or unread when it is read (the reader's, else the selected one).
    ToggleRead,
    /// Star the article, or take its star away.
    ToggleStar,
    /// Open the label picker for the article (add or remove its labels).
    OpenLabels,
    /// Type text into the label picker (a key or a paste).
    LabelInsert(String),
    /// Delete the char before the label picker's cursor.
    LabelBackspace,
    /// Delete the word before the label picker's cursor.
    LabelDeleteWord,
    /// Empty the label picker's line.
    LabelClear,
    /// Add the picker's selected label to the article, or remove it when the article has it.
    LabelToggle,
    /// Open the copy menu for the article (URL, title, citation, text, paragraph).
    OpenCopy,
    /// Copy this item of the copy menu (OSC 52) and close it.
    Copy(crate::app::CopyItem),
    /// Copy the copy menu's highlighted item and close it.
    CopyChosen,
}
