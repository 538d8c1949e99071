//! Colours, text styles and border symbols: readable on dark and light 16-colour terminals,
//! colourless under `NO_COLOR`, ASCII chrome when ambiguous-width characters are wide.

use ratatui::style::{Color, Modifier, Style};

use crate::app::Settings;
use crate::text::{AmbiguousWidth, Chrome, chrome};

/// The styles and symbols of one frame.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Plain text.
    pub text: Style,
    /// Matched title characters.
    pub matched: Style,
    /// The selected list row.
    pub selected: Style,
    /// The date column.
    pub date: Style,
    /// The source column.
    pub source: Style,
    /// A focused pane's border.
    pub border_focused: Style,
    /// An unfocused pane's border.
    pub border: Style,
    /// The article's headline in the detail pane.
    pub heading: Style,
    /// Metadata lines in the detail pane.
    pub meta: Style,
    /// Errors and warnings.
    pub warning: Style,
    /// Key hints and counts.
    pub hint: Style,
    /// Borders, scrollbar, markers: ASCII in wide mode.
    pub chrome: Chrome,
    /// The ambiguous-width policy, for text juan writes itself.
    pub ambiguous: AmbiguousWidth,
}

impl Theme {
    /// The theme for these settings.
    pub fn new(settings: &Settings) -> Theme {
        let c = |color: Color| {
            if settings.color {
                Style::new().fg(color)
            } else {
                Style::new()
            }
        };
        Theme {
            text: Style::new(),
            matched: c(Color::Red).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            date: c(Color::Green),
            source: c(Color::Magenta),
            border_focused: c(Color::Cyan).add_modifier(Modifier::BOLD),
            border: Style::new(),
            heading: Style::new().add_modifier(Modifier::BOLD),
            meta: c(Color::Green),
            warning: c(Color::Red).add_modifier(Modifier::BOLD),
            hint: Style::new(),
            chrome: chrome(settings.ambiguous),
            ambiguous: settings.ambiguous,
        }
    }
}
