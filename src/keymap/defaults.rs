//! juan's own keys, the defaults of the binding table: [`DEFAULTS`] (what each key does
//! where), [`NOTES`] (what the help says that is no binding: typing, the mouse) and
//! [`HINTS`] (what the footer shows per scope). Changing a key here changes the dispatcher,
//! the help, the footer and (through `tests/keys_readme.rs`) the README together.

use super::{Command, Scope};

/// juan's keys: (scope, chords separated by spaces, command). Order is the help's order.
pub(crate) const DEFAULTS: &[(Scope, &str, Command)] = {
    use Command::*;
    use Scope::*;
    &[
        (List, "down ctrl-n", SelectNext),
        (List, "up ctrl-p", SelectPrev),
        (List, "pgdn", SelectPageDown),
        (List, "pgup", SelectPageUp),
        (List, "home", SelectFirst),
        (List, "end", SelectLast),
        (List, "enter", Open),
        (List, "tab backtab", ToggleFocus),
        (List, "esc", ClearOrQuit),
        (List, "ctrl-s", PickSource),
        (List, "ctrl-o", ToggleOrder),
        (List, "ctrl-x", ShowProblems),
        (List, "ctrl-r", Reload),
        (List, "ctrl-t", ToggleMouse),
        (List, "f1", Help),
        (List, "left ctrl-b", QueryLeft),
        (List, "right ctrl-f", QueryRight),
        (List, "ctrl-a", QueryHome),
        (List, "ctrl-e", QueryEnd),
        (List, "backspace ctrl-h", QueryBackspace),
        (List, "del", QueryDelete),
        (List, "ctrl-w alt-backspace", QueryDeleteWord),
        (List, "ctrl-u", QueryClear),
        (List, "alt-left", PrevPeriod),
        (List, "alt-right", NextPeriod),
        (List, "alt-m", ToggleRead),
        (List, "alt-s", ToggleStar),
        (List, "alt-l", EditLabels),
        (List, "alt-c", CopyMenu),
        (Reader, "j down ctrl-n e ctrl-e", ScrollDown),
        (Reader, "k up ctrl-p y ctrl-y", ScrollUp),
        (Reader, "space f ctrl-f pgdn", ScrollPageDown),
        (Reader, "b ctrl-b pgup", ScrollPageUp),
        (Reader, "d ctrl-d", ScrollHalfDown),
        (Reader, "u ctrl-u", ScrollHalfUp),
        (Reader, "g home <", ScrollTop),
        (Reader, "G end >", ScrollBottom),
        (Reader, "/", FindInArticle),
        (Reader, "n", NextMatch),
        (Reader, "N", PrevMatch),
        (Reader, "] J", NextArticle),
        (Reader, "[ K", PrevArticle),
        (Reader, "{", PrevPeriod),
        (Reader, "}", NextPeriod),
        (Reader, "m", ToggleRead),
        (Reader, "*", ToggleStar),
        (Reader, "l", EditLabels),
        (Reader, "esc q", Close),
        (Reader, "s", Search),
        (Reader, "enter", Open),
        (Reader, "tab backtab", ToggleFocus),
        (Reader, "R ctrl-r", Reload),
        (Reader, "ctrl-t", ToggleMouse),
        (Reader, "? f1", Help),
        (Reader, "ctrl-x", ShowProblems),
        (Reader, "c", CopyMenu),
        (Popup, "j down ctrl-n", ScrollDown),
        (Popup, "k up ctrl-p", ScrollUp),
        (Popup, "space f pgdn", ScrollPageDown),
        (Popup, "b pgup", ScrollPageUp),
        (Popup, "g home", ScrollTop),
        (Popup, "esc q enter", Close),
        (Popup, "? f1", Help),
        (Popup, "ctrl-x", ShowProblems),
        (Sources, "j down ctrl-n", SelectNext),
        (Sources, "k up ctrl-p", SelectPrev),
        (Sources, "space pgdn", SelectPageDown),
        (Sources, "b pgup", SelectPageUp),
        (Sources, "g home", SelectFirst),
        (Sources, "G end", SelectLast),
        (Sources, "enter", ChooseSource),
        (Sources, "esc q ctrl-s", Close),
        (Copy, "j down ctrl-n", SelectNext),
        (Copy, "k up ctrl-p", SelectPrev),
        (Copy, "enter", CopyChosen),
        (Copy, "1 u", CopyUrl),
        (Copy, "2 t", CopyTitle),
        (Copy, "3 c", CopyCitation),
        (Copy, "4 a", CopyText),
        (Copy, "5 p", CopyParagraph),
        (Copy, "esc q", Close),
        (Everywhere, "ctrl-c", Quit),
        (Everywhere, "ctrl-z", Suspend),
    ]
};

/// Lines of the help and the README that are no binding: (scope, what is pressed, what it does).
pub(crate) const NOTES: &[(Scope, &str, &str)] = &[
    (
        Scope::List,
        "any text",
        "goes into the query: letters, pinyin, Chinese from an input method, a paste",
    ),
    (
        Scope::Everywhere,
        "mouse wheel",
        "scrolls the pane under the pointer (while mouse capture is on)",
    ),
    (
        Scope::Everywhere,
        "Shift-drag",
        "selects text while mouse capture is on (Option-drag in iTerm2 and Terminal.app)",
    ),
];

/// The footer's hints per scope: the first key of each command, joined by `/`, then a label
/// (`status` puts the state in some labels: what Esc does now, the order).
pub(crate) const HINTS: &[(Scope, &[Command], &str)] = {
    use Command::*;
    use Scope::*;
    &[
        (List, &[Open], "open"),
        (List, &[ClearOrQuit], "clear"),
        (List, &[PickSource], "source"),
        (List, &[ToggleOrder], "order"),
        (List, &[Help], "help"),
        (List, &[Quit], "quit"),
        (Reader, &[Close], "back"),
        (Reader, &[ScrollDown, ScrollUp], "scroll"),
        (Reader, &[ScrollPageDown, ScrollPageUp], "page"),
        (Reader, &[FindInArticle], "find"),
        (Reader, &[NextMatch, PrevMatch], "match"),
        (Reader, &[NextArticle, PrevArticle], "article"),
        (Reader, &[Help], "help"),
        (Popup, &[ScrollDown, ScrollUp], "scroll"),
        (Popup, &[ScrollPageDown, ScrollPageUp], "page"),
        (Popup, &[Close], "close"),
        (Sources, &[SelectNext, SelectPrev], "move"),
        (Sources, &[ChooseSource], "choose"),
        (Sources, &[Close], "close"),
        (Copy, &[SelectNext, SelectPrev], "move"),
        (Copy, &[CopyChosen], "copy"),
        (Copy, &[Close], "close"),
    ]
};
