//! The pen: the colours and attributes the terminal will give the next character, and the
//! shortest SGR sequence that turns one pen into another.
//!
//! Colours are written as the terminal's own 16 colours (`30`–`37`, `90`–`97`) when the
//! frame asks for one of them, so a 16-colour terminal (the Linux console, `vt220`
//! emulations) shows what the theme meant; 256 colours and true colour only when asked.

use std::io::Write;

use ratatui::style::{Color, Modifier};

/// Colours and attributes: what one cell wants, and what the terminal holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pen {
    pub(crate) fg: Color,
    pub(crate) bg: Color,
    pub(crate) modifier: Modifier,
}

impl Pen {
    /// The terminal's default: no colour, no attribute (after `ESC[0m`).
    pub(crate) const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    /// The pen of a cell of the frame.
    pub(crate) fn of(cell: &ratatui::buffer::Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

/// Writes the SGR sequence that turns `from` (None: unknown) into `to`; nothing when they are
/// the same.
pub(crate) fn change(out: &mut Vec<u8>, from: Option<Pen>, to: Pen) {
    let mut params: Vec<u16> = Vec::new();
    let from = match from {
        Some(from) if from == to => return,
        Some(from) => from,
        None => {
            params.push(0);
            Pen::DEFAULT
        }
    };
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    if removed.intersects(Modifier::BOLD | Modifier::DIM) {
        // 22 turns both off: put back the one that stays.
        params.push(22);
        added |= to.modifier & (Modifier::BOLD | Modifier::DIM);
    }
    for (flag, off) in [
        (Modifier::ITALIC, 23),
        (Modifier::UNDERLINED, 24),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, 25),
        (Modifier::REVERSED, 27),
        (Modifier::HIDDEN, 28),
        (Modifier::CROSSED_OUT, 29),
    ] {
        if removed.intersects(flag) {
            params.push(off);
            added |= to.modifier & flag;
        }
    }
    for (flag, on) in [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ] {
        if added.contains(flag) {
            params.push(on);
        }
    }
    if to.fg != from.fg {
        colour(&mut params, to.fg, false);
    }
    if to.bg != from.bg {
        colour(&mut params, to.bg, true);
    }
    if params.is_empty() {
        return;
    }
    out.extend_from_slice(b"\x1b[");
    for (i, p) in params.iter().enumerate() {
        if i > 0 {
            out.push(b';');
        }
        let _ = write!(out, "{p}");
    }
    out.push(b'm');
}

/// The SGR parameters that set `colour` as foreground (or background).
fn colour(params: &mut Vec<u16>, colour: Color, background: bool) {
    let base = if background { 40 } else { 30 };
    let ansi = |n: u16| if n < 8 { base + n } else { base + 60 + n - 8 };
    match colour {
        Color::Reset => params.push(base + 9),
        Color::Black => params.push(ansi(0)),
        Color::Red => params.push(ansi(1)),
        Color::Green => params.push(ansi(2)),
        Color::Yellow => params.push(ansi(3)),
        Color::Blue => params.push(ansi(4)),
        Color::Magenta => params.push(ansi(5)),
        Color::Cyan => params.push(ansi(6)),
        Color::Gray => params.push(ansi(7)),
        Color::DarkGray => params.push(ansi(8)),
        Color::LightRed => params.push(ansi(9)),
        Color::LightGreen => params.push(ansi(10)),
        Color::LightYellow => params.push(ansi(11)),
        Color::LightBlue => params.push(ansi(12)),
        Color::LightMagenta => params.push(ansi(13)),
        Color::LightCyan => params.push(ansi(14)),
        Color::White => params.push(ansi(15)),
        Color::Indexed(n) => params.extend([base + 8, 5, u16::from(n)]),
        Color::Rgb(r, g, b) => {
            params.extend([base + 8, 2, u16::from(r), u16::from(g), u16::from(b)])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sgr(from: Option<Pen>, to: Pen) -> String {
        let mut out = Vec::new();
        change(&mut out, from, to);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn only_what_changes_is_written() {
        let bold = Pen {
            modifier: Modifier::BOLD,
            ..Pen::DEFAULT
        };
        assert_eq!(sgr(Some(Pen::DEFAULT), Pen::DEFAULT), "");
        assert_eq!(sgr(None, Pen::DEFAULT), "\x1b[0m");
        assert_eq!(sgr(Some(Pen::DEFAULT), bold), "\x1b[1m");
        assert_eq!(sgr(Some(bold), Pen::DEFAULT), "\x1b[22m");
        let red = Pen {
            fg: Color::Red,
            ..bold
        };
        assert_eq!(sgr(Some(bold), red), "\x1b[31m");
        assert_eq!(sgr(None, red), "\x1b[0;1;31m");
        let both = Pen {
            modifier: Modifier::BOLD | Modifier::DIM,
            ..Pen::DEFAULT
        };
        assert_eq!(
            sgr(Some(both), bold),
            "\x1b[22;1m",
            "22 drops both: bold comes back"
        );
    }

    #[test]
    fn colours_use_the_sixteen_when_they_can() {
        let with = |fg, bg| Pen {
            fg,
            bg,
            ..Pen::DEFAULT
        };
        assert_eq!(
            sgr(Some(Pen::DEFAULT), with(Color::DarkGray, Color::Blue)),
            "\x1b[90;44m"
        );
        assert_eq!(
            sgr(Some(Pen::DEFAULT), with(Color::Indexed(208), Color::Reset)),
            "\x1b[38;5;208m"
        );
        assert_eq!(
            sgr(Some(Pen::DEFAULT), with(Color::Reset, Color::Rgb(1, 2, 3))),
            "\x1b[48;2;1;2;3m"
        );
        assert_eq!(
            sgr(Some(with(Color::White, Color::Blue)), Pen::DEFAULT),
            "\x1b[39;49m"
        );
    }
}
