//! [`Command`]: everything a key can be bound to, each with a stable snake_case name (what a
//! config file writes), a one-line description (what the help and the README say) and the
//! scopes it means something in. One `commands!` list holds all three, as helix's
//! `static_commands!` does, so a command cannot exist without its name and description.

use super::Scope;
use crate::app::{Action, CopyItem};

/// Declares [`Command`] and its name, description and scopes from one list.
macro_rules! commands {
    ($( $variant:ident = $name:literal, $doc:literal, [$($scope:ident),+]; )*) => {
        /// A named command a key can be bound to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $( #[doc = $doc] $variant, )*
        }

        impl Command {
            /// Every command, in the order of their declaration.
            pub const ALL: &'static [Command] = &[$(Command::$variant),*];

            /// The stable name a config file uses, e.g. `select_next`.
            pub fn name(self) -> &'static str {
                match self { $(Command::$variant => $name,)* }
            }

            /// What it does, in one line (the help and the README show this).
            pub(crate) fn doc(self) -> &'static str {
                match self { $(Command::$variant => $doc,)* }
            }

            /// The scopes where it means something (and may be bound).
            pub fn scopes(self) -> &'static [Scope] {
                match self { $(Command::$variant => &[$(Scope::$scope),+],)* }
            }
        }
    };
}

commands! {
    Quit = "quit", "quit juan", [Everywhere, List, Reader, Popup, Sources];
    Suspend = "suspend", "suspend juan to the shell (fg brings it back)", [Everywhere];
    SelectNext = "select_next", "move the selection down one", [List, Sources, Copy];
    SelectPrev = "select_prev", "move the selection up one", [List, Sources, Copy];
    SelectPageDown = "select_page_down", "move the selection down a page", [List, Sources];
    SelectPageUp = "select_page_up", "move the selection up a page", [List, Sources];
    SelectFirst = "select_first", "select the first entry", [List, Sources];
    SelectLast = "select_last", "select the last entry", [List, Sources];
    Open = "open", "open the selected article full-screen", [List, Reader];
    ToggleFocus = "toggle_focus", "move the focus between the list and the article pane", [List, Reader];
    ClearOrQuit = "clear_or_quit", "clear the query; if empty, the source filter; if neither, quit", [List];
    PickSource = "pick_source", "pick a source to filter by (each with its count)", [List];
    ToggleOrder = "toggle_order", "newest first / oldest first", [List];
    ShowProblems = "show_problems", "show or hide what could not be loaded and why", [List, Reader, Popup];
    Reload = "reload", "load the archive again (after it changed on disk)", [List, Reader];
    Help = "help", "show or hide this help: every key and the query syntax", [List, Reader, Popup];
    QueryLeft = "query_left", "move the query cursor left", [List];
    QueryRight = "query_right", "move the query cursor right", [List];
    QueryHome = "query_home", "move the query cursor to the start", [List];
    QueryEnd = "query_end", "move the query cursor to the end", [List];
    QueryBackspace = "query_backspace", "delete the character before the query cursor", [List];
    QueryDelete = "query_delete", "delete the character under the query cursor", [List];
    QueryDeleteWord = "query_delete_word", "delete the word before the query cursor", [List];
    QueryClear = "query_clear", "clear the query", [List];
    ScrollDown = "scroll_down", "scroll down a line", [Reader, Popup];
    ScrollUp = "scroll_up", "scroll up a line", [Reader, Popup];
    ScrollPageDown = "scroll_page_down", "scroll down a page", [Reader, Popup];
    ScrollPageUp = "scroll_page_up", "scroll up a page", [Reader, Popup];
    ScrollHalfDown = "scroll_half_down", "scroll down half a page", [Reader];
    ScrollHalfUp = "scroll_half_up", "scroll up half a page", [Reader];
    ScrollTop = "scroll_top", "go to the start", [Reader, Popup];
    ScrollBottom = "scroll_bottom", "go to the end", [Reader];
    NextArticle = "next_article", "show the next article of the list", [Reader];
    PrevArticle = "prev_article", "show the previous article of the list", [Reader];
    Search = "search", "back to the list, to type a query", [Reader];
    FindInArticle = "find_in_article", "find text in the article (Enter finds, an empty find repeats the last)", [Reader];
    NextMatch = "next_match", "go to the next match of the find (round to the first after the last)", [Reader];
    PrevMatch = "prev_match", "go to the previous match of the find (round to the last before the first)", [Reader];
    Close = "close", "go back: close the reader or window, or leave the article pane", [Reader, Popup, Sources, Copy];
    ChooseSource = "choose_source", "filter the list by the selected source", [Sources];
    ToggleMouse = "toggle_mouse", "mouse capture off (plain drag selects text) or on (the wheel scrolls)", [List, Reader];
    PrevPeriod = "prev_period", "select the first match of the previous period with matches (the timeline)", [List, Reader];
    NextPeriod = "next_period", "select the first match of the next period with matches (the timeline)", [List, Reader];
    CopyMenu = "copy_menu", "copy the URL, title, citation, whole text or paragraph in view to the clipboard (a menu)", [List, Reader];
    CopyChosen = "copy_chosen", "copy the highlighted item", [Copy];
    CopyUrl = "copy_url", "copy the URL", [Copy];
    CopyTitle = "copy_title", "copy the headline", [Copy];
    CopyCitation = "copy_citation", "copy the citation (GB/T 7714-2015, as juan cite writes it)", [Copy];
    CopyText = "copy_text", "copy the whole article as text", [Copy];
    CopyParagraph = "copy_paragraph", "copy the paragraph at the top of the view", [Copy];
    ToggleRead = "toggle_read", "mark the article read, or unread again (opening it marks it read)", [List, Reader];
    ToggleStar = "toggle_star", "star the article, or take its star away", [List, Reader];
    EditLabels = "edit_labels", "add or remove the article's labels (a picker that completes the labels in use)", [List, Reader];
}

impl Command {
    /// The command called `name`, if there is one.
    pub(crate) fn from_name(name: &str) -> Option<Command> {
        Command::ALL.iter().copied().find(|c| c.name() == name)
    }

    /// The action it asks the interface for; `None` for [`Command::Suspend`], which the
    /// terminal loop carries out (it stops the process, not the interface).
    pub(crate) fn action(self) -> Option<Action> {
        Some(match self {
            Command::Quit => Action::Quit,
            Command::Suspend => return None,
            Command::SelectNext => Action::SelectNext,
            Command::SelectPrev => Action::SelectPrev,
            Command::SelectPageDown => Action::SelectPageDown,
            Command::SelectPageUp => Action::SelectPageUp,
            Command::SelectFirst => Action::SelectFirst,
            Command::SelectLast => Action::SelectLast,
            Command::Open | Command::ChooseSource => Action::Open,
            Command::ToggleFocus => Action::ToggleFocus,
            Command::ClearOrQuit => Action::ClearOrQuit,
            Command::PickSource => Action::OpenSources,
            Command::ToggleOrder => Action::ToggleOrder,
            Command::ShowProblems => Action::ToggleProblems,
            Command::Reload => Action::Reload,
            Command::Help => Action::ToggleHelp,
            Command::QueryLeft => Action::QueryLeft,
            Command::QueryRight => Action::QueryRight,
            Command::QueryHome => Action::QueryHome,
            Command::QueryEnd => Action::QueryEnd,
            Command::QueryBackspace => Action::QueryBackspace,
            Command::QueryDelete => Action::QueryDelete,
            Command::QueryDeleteWord => Action::QueryDeleteWord,
            Command::QueryClear => Action::QueryClear,
            Command::ScrollDown => Action::Scroll(1),
            Command::ScrollUp => Action::Scroll(-1),
            Command::ScrollPageDown => Action::ScrollPageDown,
            Command::ScrollPageUp => Action::ScrollPageUp,
            Command::ScrollHalfDown => Action::ScrollHalfDown,
            Command::ScrollHalfUp => Action::ScrollHalfUp,
            Command::ScrollTop => Action::ScrollTop,
            Command::ScrollBottom => Action::ScrollBottom,
            Command::NextArticle => Action::NextArticle,
            Command::PrevArticle => Action::PrevArticle,
            Command::Search => Action::FocusQuery,
            Command::FindInArticle => Action::FindStart,
            Command::NextMatch => Action::NextMatch,
            Command::PrevMatch => Action::PrevMatch,
            Command::Close => Action::Back,
            Command::ToggleMouse => Action::ToggleMouse,
            Command::PrevPeriod => Action::PrevPeriod,
            Command::NextPeriod => Action::NextPeriod,
            Command::CopyMenu => Action::OpenCopy,
            Command::CopyChosen => Action::CopyChosen,
            Command::CopyUrl => Action::Copy(CopyItem::Url),
            Command::CopyTitle => Action::Copy(CopyItem::Title),
            Command::CopyCitation => Action::Copy(CopyItem::Citation),
            Command::CopyText => Action::Copy(CopyItem::Text),
            Command::CopyParagraph => Action::Copy(CopyItem::Paragraph),
            Command::ToggleRead => Action::ToggleRead,
            Command::ToggleStar => Action::ToggleStar,
            Command::EditLabels => Action::OpenLabels,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_and_read_back() {
        let mut seen = std::collections::HashSet::new();
        for &c in Command::ALL {
            let name = c.name();
            assert!(seen.insert(name), "{name} twice");
            assert!(
                name.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{name} is not snake_case"
            );
            assert_eq!(Command::from_name(name), Some(c));
            assert!(!c.doc().is_empty() && !c.doc().ends_with('.'));
        }
        assert_eq!(Command::from_name("select-next"), None);
    }

    #[test]
    fn only_suspend_has_no_action_and_only_it_and_quit_work_everywhere() {
        for &c in Command::ALL {
            assert_eq!(c.action().is_none(), c == Command::Suspend, "{c:?}");
            let everywhere = c.scopes().contains(&Scope::Everywhere);
            assert_eq!(
                everywhere,
                matches!(c, Command::Quit | Command::Suspend),
                "{c:?}"
            );
        }
    }
}
