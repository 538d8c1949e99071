//! The `[colors]` table: one style per part of the screen, written as git writes colours
//! (`git config color.*`): a foreground colour, an optional second colour for the background,
//! and attributes, e.g. `"red bold underline"`, `"black yellow"`, `"reverse"`.
//!
//! Colours are the 16 ANSI names (`red`, `bright-blue`, …), which every terminal draws in the
//! user's own scheme and so stay readable on dark and light backgrounds, `default` (the
//! terminal's own colour), or `#rrggbb` for terminals with true colour. The default palette
//! uses only the eight basic colours and attributes. [`palette!`] is the one table of the
//! themable parts: the [`Palette`] struct, its defaults, the file's `[colors]` fields and the
//! lines of `juan config --default` all come from it.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// The ANSI colour names, in SGR order, and the colours they stand for.
const COLORS: [(&str, Color); 16] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    // ANSI 7 is light grey, drawn as "white" by most schemes; ratatui calls it Gray.
    ("white", Color::Gray),
    ("bright-black", Color::DarkGray),
    ("bright-red", Color::LightRed),
    ("bright-green", Color::LightGreen),
    ("bright-yellow", Color::LightYellow),
    ("bright-blue", Color::LightBlue),
    ("bright-magenta", Color::LightMagenta),
    ("bright-cyan", Color::LightCyan),
    ("bright-white", Color::White),
];

/// The attributes a style may add.
const ATTRIBUTES: [(&str, Modifier); 5] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("reverse", Modifier::REVERSED),
];

/// What a style may hold, for error messages.
const STYLE_HELP: &str = "a style is up to two colours (foreground, background) and attributes: \
     colours black red green yellow blue magenta cyan white, bright-black … bright-white, \
     default, #rrggbb; attributes bold dim italic underline reverse";

/// Reads a style: words separated by spaces; the first colour is the foreground, the second
/// the background; `default` leaves a colour to the terminal. The empty string is plain text.
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut colours = 0;
    for word in text.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        if let Some((_, m)) = ATTRIBUTES.iter().find(|(name, _)| *name == lower) {
            style = style.add_modifier(*m);
            continue;
        }
        let colour = parse_color(&lower).ok_or_else(|| {
            format!("`{word}` is neither a colour nor an attribute ({STYLE_HELP})")
        })?;
        colours += 1;
        match colours {
            1 => style.fg = colour,
            2 => style.bg = colour,
            _ => return Err(format!("`{text}` has more than two colours ({STYLE_HELP})")),
        }
    }
    Ok(style)
}

/// A colour name or `#rrggbb` (lower case); `Some(None)` for `default`.
fn parse_color(word: &str) -> Option<Option<Color>> {
    if word == "default" {
        return Some(None);
    }
    if let Some((_, c)) = COLORS.iter().find(|(name, _)| *name == word) {
        return Some(Some(*c));
    }
    let hex = word.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let n = u32::from_str_radix(hex, 16).ok()?;
    Some(Some(Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8)))
}

/// A style read from the file: a string that [`parse_style`] accepts. A bad one is an error
/// at the value's place in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StyleValue(pub(crate) Style);

impl<'de> Deserialize<'de> for StyleValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct StyleVisitor;
        impl Visitor<'_> for StyleVisitor {
            type Value = StyleValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a style such as \"red bold\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StyleValue, E> {
                parse_style(v).map(StyleValue).map_err(E::custom)
            }
        }
        d.deserialize_str(StyleVisitor)
    }
}

/// Defines [`Palette`], its defaults, the file's `[colors]` table and [`PALETTE`] from one list
/// of `name: "default style", "what it colours"`.
macro_rules! palette {
    ($($name:ident: $default:literal, $doc:literal;)*) => {
        /// The style of each part of the screen (`[colors]`); [`crate::ui::theme`] draws with it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Palette {
            $(#[doc = $doc] pub $name: Style,)*
        }

        impl Default for Palette {
            fn default() -> Palette {
                Palette {
                    $($name: parse_style($default).expect("the default styles parse"),)*
                }
            }
        }

        /// The `[colors]` table as written: only what the file sets.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct Colors {
            $(pub(crate) $name: Option<StyleValue>,)*
        }

        impl Colors {
            /// The defaults with what the file sets put over them.
            pub(crate) fn over(&self, mut palette: Palette) -> Palette {
                $(if let Some(v) = self.$name {
                    palette.$name = v.0;
                })*
                palette
            }
        }

        /// Every themable part: (name in the file, default style, what it colours).
        pub const PALETTE: &[(&str, &str, &str)] = &[$((stringify!($name), $default, $doc),)*];
    };
}

palette! {
    text: "default", "Plain text: titles in the list, the article's body.";
    heading: "bold", "The article's headline in the reader.";
    date: "green", "The date column of the list.";
    source: "magenta", "The source column of the list.";
    meta: "green", "The date, source and URL lines under the headline.";
    highlight: "red bold underline", "Title characters the query matched.";
    selected: "reverse", "The selected row of the list.";
    border: "default", "The border of the pane without the focus.";
    border_focused: "cyan bold", "The border of the pane with the focus.";
    warning: "red bold", "Errors and warnings.";
    hint: "default", "Key hints and counts in the status line.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_read_as_git_writes_them() {
        assert_eq!(parse_style(""), Ok(Style::new()));
        assert_eq!(parse_style("default"), Ok(Style::new()));
        assert_eq!(
            parse_style("red bold underline"),
            Ok(Style::new()
                .fg(Color::Red)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED))
        );
        assert_eq!(
            parse_style("Black  bright-yellow"),
            Ok(Style::new().fg(Color::Black).bg(Color::LightYellow))
        );
        assert_eq!(
            parse_style("default blue"),
            Ok(Style::new().bg(Color::Blue))
        );
        assert_eq!(
            parse_style("#1a2B3c reverse"),
            Ok(Style::new()
                .fg(Color::Rgb(0x1a, 0x2b, 0x3c))
                .add_modifier(Modifier::REVERSED))
        );
        assert_eq!(parse_style("white").unwrap().fg, Some(Color::Gray));
        assert_eq!(parse_style("bright-white").unwrap().fg, Some(Color::White));
    }

    #[test]
    fn bad_styles_say_why() {
        let err = parse_style("purple").unwrap_err();
        assert!(
            err.starts_with("`purple` is neither a colour nor an attribute"),
            "{err}"
        );
        assert!(parse_style("#12345").is_err());
        assert!(parse_style("#12345g").is_err());
        assert!(parse_style("#ffeedd00").is_err());
        let err = parse_style("red green blue").unwrap_err();
        assert!(
            err.starts_with("`red green blue` has more than two colours"),
            "{err}"
        );
    }

    #[test]
    fn the_default_palette_is_the_sixteen_colour_theme() {
        let p = Palette::default();
        assert_eq!(p.text, Style::new());
        assert_eq!(p.heading, Style::new().add_modifier(Modifier::BOLD));
        assert_eq!(p.date, Style::new().fg(Color::Green));
        assert_eq!(p.source, Style::new().fg(Color::Magenta));
        assert_eq!(p.selected, Style::new().add_modifier(Modifier::REVERSED));
        assert_eq!(
            p.border_focused,
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        );
        // Only the eight basic colours: they follow the user's terminal scheme.
        for (name, default, _) in PALETTE {
            let style = parse_style(default).unwrap();
            for c in [style.fg, style.bg].into_iter().flatten() {
                let basic = COLORS[..8].iter().any(|(_, b)| *b == c);
                assert!(basic, "{name} = {default:?} is not a basic colour");
            }
        }
    }
}
