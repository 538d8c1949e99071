//! Colours, text styles and border symbols: the config file's palette (`[colors]`, by
//! default readable on dark and light 16-colour terminals), colourless under `NO_COLOR`,
//! ASCII chrome (`+ - |` borders, `>` and `...`) when ambiguous-width characters are wide or
//! the terminal draws no Unicode (`Settings::unicode`: a locale that is not UTF-8, the Linux
//! console, a DEC terminal). Text cut to fit ends in the chrome's ellipsis (`Theme::truncate`,
//! `Theme::pad`).
//!
//! The palette is chosen once, at start-up, before the first frame ([`use_palette`]), as the
//! time zone is (`date::zone::set`): every frame of the run draws with it.

use std::sync::OnceLock;

use ratatui::style::Style;

use crate::app::Settings;
use crate::config::Palette;
use std::borrow::Cow;

use crate::text::{AmbiguousWidth, Chrome, chrome, pad_with, truncate_with};

static PALETTE: OnceLock<Palette> = OnceLock::new();

/// Chooses the palette frames are drawn with; only the first call counts (later ones are
/// ignored and return false).
pub fn use_palette(palette: Palette) -> bool {
    PALETTE.set(palette).is_ok()
}

/// The palette [`use_palette`] chose, else the default one.
pub(crate) fn palette() -> &'static Palette {
    PALETTE.get_or_init(Palette::default)
}

/// The styles and symbols of one frame.
#[derive(Debug, Clone)]
pub(crate) struct Theme {
    /// Plain text.
    pub(crate) text: Style,
    /// Matched title characters.
    pub(crate) matched: Style,
    /// The selected list row.
    pub(crate) selected: Style,
    /// The date column.
    pub(crate) date: Style,
    /// The source column.
    pub(crate) source: Style,
    /// A focused pane's border.
    pub(crate) border_focused: Style,
    /// An unfocused pane's border.
    pub(crate) border: Style,
    /// The article's headline in the detail pane.
    pub(crate) heading: Style,
    /// Metadata lines in the detail pane.
    pub(crate) meta: Style,
    /// Errors and warnings.
    pub(crate) warning: Style,
    /// Key hints and counts.
    pub(crate) hint: Style,
    /// The current match of a find in the article: reverse video, with or without colour.
    pub(crate) find_current: Style,
    /// The other matches of a find, and the query's terms, in the article.
    pub(crate) find_other: Style,
    /// Borders, scrollbar, markers: ASCII in wide mode.
    pub(crate) chrome: Chrome,
    /// The ambiguous-width policy, for text juan writes itself.
    pub(crate) ambiguous: AmbiguousWidth,
}

impl Theme {
    /// The theme for these settings, in the palette chosen at start-up ([`use_palette`]).
    pub(crate) fn new(settings: &Settings) -> Theme {
        Theme::with_palette(settings, palette())
    }

    /// The theme for these settings in `palette`; without colour (`NO_COLOR`) its styles keep
    /// their attributes only.
    pub(crate) fn with_palette(settings: &Settings, palette: &Palette) -> Theme {
        let c = |style: Style| {
            if settings.color {
                style
            } else {
                Style {
                    fg: None,
                    bg: None,
                    underline_color: None,
                    ..style
                }
            }
        };
        Theme {
            text: c(palette.text),
            matched: c(palette.highlight),
            selected: c(palette.selected),
            date: c(palette.date),
            source: c(palette.source),
            border_focused: c(palette.border_focused),
            border: c(palette.border),
            heading: c(palette.heading),
            meta: c(palette.meta),
            warning: c(palette.warning),
            hint: c(palette.hint),
            find_current: Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
            find_other: c(palette.highlight),
            chrome: chrome(if settings.unicode {
                settings.ambiguous
            } else {
                // Wide mode's chrome is the ASCII one.
                AmbiguousWidth::Wide
            }),
            ambiguous: settings.ambiguous,
        }
    }

    /// `text` cut to at most `width` cells, ending in the chrome's ellipsis when cut.
    pub(crate) fn truncate<'a>(&self, text: &'a str, width: usize) -> Cow<'a, str> {
        truncate_with(text, width, self.chrome.ellipsis)
    }

    /// `text` cut as [`Theme::truncate`] cuts it, then padded with spaces to `width` cells.
    pub(crate) fn pad(&self, text: &str, width: usize) -> String {
        pad_with(text, width, self.chrome.ellipsis)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;

    fn settings(color: bool) -> Settings {
        Settings {
            color,
            ..Settings::default()
        }
    }

    #[test]
    fn the_default_palette_draws_as_before() {
        let t = Theme::with_palette(&settings(true), &Palette::default());
        let bold_underlined = Modifier::BOLD | Modifier::UNDERLINED;
        assert_eq!(
            t.matched,
            Style::new().fg(Color::Red).add_modifier(bold_underlined)
        );
        assert_eq!(t.selected, Style::new().add_modifier(Modifier::REVERSED));
        assert_eq!(t.date, Style::new().fg(Color::Green));
        assert_eq!(t.source, Style::new().fg(Color::Magenta));
        assert_eq!(t.border, Style::new());
        assert_eq!(t.heading, Style::new().add_modifier(Modifier::BOLD));
        assert_eq!(
            t.warning,
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        );
        assert_eq!(t.hint, Style::new());
    }

    #[test]
    fn no_color_keeps_attributes_only() {
        let palette = Palette {
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            ..Palette::default()
        };
        let t = Theme::with_palette(&settings(false), &palette);
        assert_eq!(t.selected, Style::new().add_modifier(Modifier::BOLD));
        assert_eq!(
            t.matched,
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        );
        assert_eq!(t.date, Style::new());
        let t = Theme::with_palette(&settings(true), &palette);
        assert_eq!(t.selected.bg, Some(Color::Yellow));
    }
}
