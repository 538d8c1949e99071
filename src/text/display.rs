//! The ambiguous-width policy: East Asian Ambiguous characters (`“ ” ‘ ’ — … · ① ※ °`, box
//! drawing) are one column to ratatui and to most terminals but two in many CJK terminal set-ups,
//! and ratatui has no switch. In [`AmbiguousWidth::Wide`] mode the displayed copy of the text maps
//! them to characters whose width does not depend on the terminal ([`for_display`]), and
//! everything juan draws around the text is ASCII ([`chrome`]).
//!
//! Not mapped: Greek and Cyrillic letters (also ambiguous), which have no faithful substitute.

use std::borrow::Cow;

use ratatui::symbols::{border, scrollbar};

/// How East Asian Ambiguous characters (`“ ” — … ·`, box drawing) are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum AmbiguousWidth {
    /// One column, as ratatui and most terminals count them.
    #[default]
    Narrow,
    /// Two columns in the terminal: juan maps them to unambiguous characters and draws ASCII chrome.
    Wide,
}

/// The displayed copy of `text` under `mode`: unchanged (borrowed) when narrow; when wide,
/// ambiguous characters mapped to ones whose width does not depend on the terminal.
pub fn for_display(text: &str, mode: AmbiguousWidth) -> Cow<'_, str> {
    if mode == AmbiguousWidth::Narrow || !text.chars().any(|c| wide_substitute(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '°' && chars.next_if_eq(&'C').is_some() {
            out.push_str("摄氏度");
            continue;
        }
        match wide_substitute(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Parenthesised numbers for `①`…`⑳`.
const CIRCLED: [&str; 20] = [
    "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)", "(13)",
    "(14)", "(15)", "(16)", "(17)", "(18)", "(19)", "(20)",
];

/// Roman numerals for `Ⅰ`…`Ⅻ` and `ⅰ`…`ⅻ`.
const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];
const ROMAN_LOWER: [&str; 12] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
];

/// What wide mode shows instead of the ambiguous character `c`, if it maps it.
fn wide_substitute(c: char) -> Option<&'static str> {
    let index = |base: char| (c as u32 - base as u32) as usize;
    Some(match c {
        '“' => "「",
        '”' => "」",
        '‘' => "『",
        '’' => "』",
        '…' => "...",
        '—' | '―' => "－",
        '–' => "-",
        '·' | '•' | '‧' => "・",
        '①'..='⑳' => CIRCLED[index('①')],
        '⑴'..='⒇' => CIRCLED[index('⑴')],
        'Ⅰ'..='Ⅻ' => ROMAN[index('Ⅰ')],
        'ⅰ'..='ⅻ' => ROMAN_LOWER[index('ⅰ')],
        '※' => "＊",
        '°' => "度",
        '℃' => "摄氏度",
        '‰' => "/1000",
        '§' => "第",
        '→' => "->",
        '←' => "<-",
        '↑' => "^",
        '↓' => "v",
        '×' => "x",
        '÷' => "/",
        '±' => "+/-",
        '√' => "v",
        '★' | '☆' | '●' => "*",
        '○' | '◯' => "o",
        '◎' => "@",
        '■' | '□' | '◆' | '◇' => "#",
        '▲' | '△' => "^",
        '▼' | '▽' => "v",
        '─' | '━' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' | '╴' | '╶' | '╸' | '╺' | '╼' | '╾' => {
            "-"
        }
        '═' => "=",
        '│' | '┃' | '┆' | '┇' | '┊' | '┋' | '╎' | '╏' | '║' | '╵' | '╷' | '╹' | '╻' | '╽' | '╿' => {
            "|"
        }
        '\u{2500}'..='\u{257F}' => "+",
        _ => return None,
    })
}

/// The symbols juan draws around text: borders, scrollbar, markers. ASCII in wide mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chrome {
    /// Pane borders.
    pub border: border::Set<'static>,
    /// The detail pane's scrollbar.
    pub scrollbar: scrollbar::Set<'static>,
    /// Marks the selected row of a list.
    pub selected: &'static str,
    /// Ends a truncated title or column.
    pub ellipsis: &'static str,
    /// Separates list columns.
    pub separator: &'static str,
}

/// ASCII borders for wide mode.
const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// The chrome for `mode`: Unicode box drawing when narrow, ASCII when wide.
pub fn chrome(mode: AmbiguousWidth) -> Chrome {
    match mode {
        AmbiguousWidth::Narrow => Chrome {
            border: border::ROUNDED,
            scrollbar: scrollbar::VERTICAL,
            selected: "▶ ",
            ellipsis: "…",
            separator: " │ ",
        },
        AmbiguousWidth::Wide => Chrome {
            border: ASCII_BORDER,
            scrollbar: scrollbar::Set {
                track: "|",
                thumb: "#",
                begin: "^",
                end: "v",
            },
            selected: "> ",
            ellipsis: "...",
            separator: " | ",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn narrow_mode_borrows_unchanged() {
        let t = "“四个意识”…—·①";
        assert!(matches!(
            for_display(t, AmbiguousWidth::Narrow),
            Cow::Borrowed(s) if s == t
        ));
    }

    #[test]
    fn wide_mode_maps_the_listed_characters() {
        let shown = for_display("“四个‘意识’”……——·①※30°C ℃→×─│┼", AmbiguousWidth::Wide);
        assert_eq!(
            shown,
            "「四个『意识』」......－－・(1)＊30摄氏度 摄氏度->x-|+"
        );
        assert!(matches!(
            for_display("中文", AmbiguousWidth::Wide),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn wide_mode_output_has_no_ambiguous_width_left() {
        let input = "“‘—…·°①⑳※→←×─│┌┐└┘├┤┬┴┼═║★●○■▲Ⅲⅻ±÷‰§”’";
        let shown = for_display(input, AmbiguousWidth::Wide);
        assert_eq!(shown.width(), shown.width_cjk(), "{shown}");
    }

    #[test]
    fn wide_chrome_is_ascii_and_narrow_chrome_is_not() {
        let c = chrome(AmbiguousWidth::Wide);
        let b = c.border;
        let all = [
            b.top_left,
            b.top_right,
            b.bottom_left,
            b.bottom_right,
            b.vertical_left,
            b.vertical_right,
            b.horizontal_top,
            b.horizontal_bottom,
            c.scrollbar.track,
            c.scrollbar.thumb,
            c.scrollbar.begin,
            c.scrollbar.end,
            c.selected,
            c.ellipsis,
            c.separator,
        ];
        assert!(all.iter().all(|s| s.is_ascii()));
        assert!(
            !chrome(AmbiguousWidth::Narrow)
                .border
                .vertical_left
                .is_ascii()
        );
    }
}
