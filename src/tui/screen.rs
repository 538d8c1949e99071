//! The renderer: turns each frame ratatui draws into the fewest bytes that bring the
//! terminal from what it shows to the frame — the part of juan that decides how much an SSH
//! link carries.
//!
//! ratatui's crossterm backend (0.30) sends a cursor position before every wide character,
//! repaints a pane that scrolled a line, and writes every colour as a 256-colour index. This
//! renderer keeps its own copy of what the terminal shows and, for each frame:
//! - finds rows that moved ([`scroll`]) and moves them with the terminal's line operations
//!   inside a scrolling region, so a one-line scroll of the reader sends one new row;
//! - writes only glyphs that differ, moving the cursor only when it is not already where the
//!   next glyph goes (it is trusted to step over ASCII and CJK, and placed again after
//!   anything whose width terminals disagree on: [`glyphs::cursor_safe`]);
//! - changes colours and attributes only when they change ([`pen`]), and erases a row's
//!   blank end with one `EL` instead of spaces;
//! - wraps URLs in OSC 8 hyperlinks where the terminal takes them;
//! - never sends a control character that came from a cell's text.
//!
//! It writes to a byte buffer, so it can be tested against a terminal emulator (the tests
//! feed its output to `vt100` and compare the screen with the frame, frame after frame).

mod canvas;
mod diff;
mod glyphs;
mod pen;
mod scroll;
#[cfg(test)]
mod tests;

pub(crate) use canvas::Canvas;

/// The columns a cell's symbol takes (at least one), as the renderer counts them.
#[cfg(test)]
pub(crate) fn glyph_width(symbol: &str) -> u16 {
    (glyphs::symbol_width(symbol) as u16).max(1)
}

use std::io::Write;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};

use diff::{RowWork, row_cost};
use pen::Pen;

/// What the terminal can take, for the renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Options {
    /// The terminal draws UTF-8 (otherwise a control character is replaced with `?`).
    pub(crate) unicode: bool,
    /// East Asian ambiguous characters are two columns wide in this terminal.
    pub(crate) ambiguous_wide: bool,
    /// The terminal takes OSC 8 hyperlinks.
    pub(crate) hyperlinks: bool,
}

/// A URL shown on one row: the columns `x..x + width` of row `y` link to `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    pub(crate) x: u16,
    pub(crate) y: u16,
    pub(crate) width: u16,
    pub(crate) url: String,
}

/// One frame to show: the cells, where the cursor goes (None: hidden), the links.
pub(crate) struct Picture<'a> {
    pub(crate) buffer: &'a Buffer,
    pub(crate) cursor: Option<Position>,
    pub(crate) links: &'a [Link],
}

/// What the terminal shows, as far as juan knows, and how to bring it to the next frame.
pub(crate) struct Screen {
    options: Options,
    /// The cells on the terminal; None when unknown (start, resize, resume): the next frame
    /// clears the screen and paints everything.
    shown: Option<Buffer>,
    /// The links on the terminal.
    shown_links: Vec<Link>,
    /// The row hashes of `shown` (the last frame's, computed when it was the next one).
    shown_hashes: Vec<u64>,
    /// Where the terminal's cursor is; None when unknown.
    cursor: Option<(u16, u16)>,
    /// The terminal's colours and attributes; None when unknown.
    pen: Option<Pen>,
    /// Whether the cursor is visible; None when unknown.
    cursor_visible: Option<bool>,
    /// The link the text written now belongs to (an OSC 8 left open).
    open_link: Option<usize>,
}

impl Screen {
    /// A renderer for a terminal whose screen is not known yet.
    pub(crate) fn new(options: Options) -> Screen {
        Screen {
            options,
            shown: None,
            shown_links: Vec::new(),
            shown_hashes: Vec::new(),
            cursor: None,
            pen: None,
            cursor_visible: None,
            open_link: None,
        }
    }

    /// Forgets what the terminal shows (after a resize, a stop, anything else that wrote to
    /// it): the next frame is painted whole.
    pub(crate) fn invalidate(&mut self) {
        self.shown = None;
        self.cursor = None;
        self.pen = None;
        self.cursor_visible = None;
    }

    /// Appends to `out` what brings the terminal to `picture`.
    pub(crate) fn render(&mut self, picture: &Picture, out: &mut Vec<u8>) {
        let next = picture.buffer;
        let links: &[Link] = if self.options.hyperlinks {
            picture.links
        } else {
            &[]
        };
        let mut shown = match self.shown.take() {
            Some(shown) if shown.area == next.area => shown,
            _ => self.clear(next.area, out),
        };
        self.scroll(&mut shown, next, out);
        let mut work = RowWork::default();
        for y in 0..next.area.height {
            self.row(&mut shown, next, links, y, &mut work, out);
        }
        self.link(None, links, out);
        self.place_cursor(picture.cursor, next.area, out);
        self.shown = Some(shown);
        self.shown_links = links.to_vec();
    }

    /// Clears the terminal; returns the blank screen it now shows.
    fn clear(&mut self, area: Rect, out: &mut Vec<u8>) -> Buffer {
        pen::change(out, None, Pen::DEFAULT);
        self.pen = Some(Pen::DEFAULT);
        out.extend_from_slice(b"\x1b[r\x1b[H\x1b[2J");
        self.cursor = Some((0, 0));
        self.shown_links.clear();
        self.shown_hashes.clear();
        Buffer::empty(area)
    }

    /// Moves the rows that moved, if that pays, and shifts `shown` (and its links) to match.
    fn scroll(&mut self, shown: &mut Buffer, next: &Buffer, out: &mut Vec<u8>) {
        let h = next.area.height;
        let next_hashes: Vec<u64> = (0..h).map(|y| glyphs::row_hash(next, y)).collect();
        let shown_hashes = std::mem::replace(&mut self.shown_hashes, next_hashes);
        let shown_hashes = if shown_hashes.len() == usize::from(h) {
            shown_hashes
        } else {
            // Just cleared (or resized): computed once from the blank screen.
            (0..h).map(|y| glyphs::row_hash(shown, y)).collect()
        };
        let cost: Vec<usize> = (0..h).map(|y| row_cost(next, y)).collect();
        let Some(shift) = scroll::best(&shown_hashes, &self.shown_hashes, &cost) else {
            return;
        };
        // Erased lines take the current background (and reverse video, in some terminals):
        // erase with neither.
        if let Some(pen) = self
            .pen
            .filter(|p| p.bg != Color::Reset || p.modifier.contains(Modifier::REVERSED))
        {
            let plain = Pen {
                bg: Color::Reset,
                modifier: pen.modifier - Modifier::REVERSED,
                ..pen
            };
            self.set_pen(plain, out);
        } else if self.pen.is_none() {
            self.set_pen(Pen::DEFAULT, out);
        }
        self.link(None, &[], out);
        let (top, bottom) = (shift.top + 1, shift.bottom + 1);
        let n = shift.by.unsigned_abs();
        let op = if shift.by > 0 { 'M' } else { 'L' };
        let _ = write!(out, "\x1b[{top};{bottom}r\x1b[{top}H\x1b[{n}{op}\x1b[r");
        self.cursor = None;
        shift_rows(shown, shift);
        self.shown_links.retain_mut(|l| {
            if l.y < shift.top || l.y > shift.bottom {
                return true;
            }
            let y = i64::from(l.y) - i64::from(shift.by);
            let keep = (i64::from(shift.top)..=i64::from(shift.bottom)).contains(&y);
            l.y = y.max(0) as u16;
            keep
        });
    }

    /// Moves the cursor to column `x` of row `y` by the shortest sequence.
    fn move_to(&mut self, x: u16, y: u16, out: &mut Vec<u8>) {
        match self.cursor {
            Some(at) if at == (x, y) => {}
            Some((cx, cy)) if cy == y && x > cx => {
                let n = x - cx;
                if n == 1 {
                    out.extend_from_slice(b"\x1b[C");
                } else {
                    let _ = write!(out, "\x1b[{n}C");
                }
            }
            Some((_, cy)) if cy == y && x == 0 => out.push(b'\r'),
            _ if x == 0 && y == 0 => out.extend_from_slice(b"\x1b[H"),
            _ if x == 0 => {
                let _ = write!(out, "\x1b[{}H", y + 1);
            }
            _ => {
                let _ = write!(out, "\x1b[{};{}H", y + 1, x + 1);
            }
        }
        self.cursor = Some((x, y));
    }

    /// Sets the terminal's colours and attributes to `pen`.
    fn set_pen(&mut self, pen: Pen, out: &mut Vec<u8>) {
        pen::change(out, self.pen, pen);
        self.pen = Some(pen);
    }

    /// Opens the link `which` (closing the one open), or closes it (None).
    fn link(&mut self, which: Option<usize>, links: &[Link], out: &mut Vec<u8>) {
        let url = |i: Option<usize>| i.map(|i| links[i].url.as_str());
        if self.open_link.is_some() && (which.is_none() || url(which) != url(self.open_link)) {
            out.extend_from_slice(b"\x1b]8;;\x1b\\");
            self.open_link = None;
        }
        if let (Some(i), None) = (which, self.open_link) {
            out.extend_from_slice(b"\x1b]8;;");
            uri(&links[i].url, out);
            out.extend_from_slice(b"\x1b\\");
            self.open_link = which;
        }
    }

    /// Shows the cursor at `at`, or hides it.
    fn place_cursor(&mut self, at: Option<Position>, area: Rect, out: &mut Vec<u8>) {
        match at {
            Some(p) if area.contains(p) => {
                self.move_to(p.x - area.x, p.y - area.y, out);
                if self.cursor_visible != Some(true) {
                    out.extend_from_slice(b"\x1b[?25h");
                    self.cursor_visible = Some(true);
                }
            }
            _ => {
                if self.cursor_visible != Some(false) {
                    out.extend_from_slice(b"\x1b[?25l");
                    self.cursor_visible = Some(false);
                }
            }
        }
    }
}

/// Shifts the rows of `shown` as the terminal shifted them; the rows that came in are blank.
fn shift_rows(shown: &mut Buffer, shift: scroll::Shift) {
    let w = usize::from(shown.area.width);
    let (top, bottom) = (usize::from(shift.top), usize::from(shift.bottom));
    let n = (shift.by.unsigned_abs() as usize).min(bottom + 1 - top);
    let rows = &mut shown.content[top * w..(bottom + 1) * w];
    if shift.by > 0 {
        rows.rotate_left(n * w);
        let len = rows.len();
        rows[len - n * w..].fill(Cell::EMPTY);
    } else {
        rows.rotate_right(n * w);
        rows[..n * w].fill(Cell::EMPTY);
    }
}

/// Writes `url` as the URI of an OSC 8 sequence: printable ASCII as it is, every other byte
/// percent-encoded, so nothing in it can end the sequence or drive the terminal.
fn uri(url: &str, out: &mut Vec<u8>) {
    for &b in url.as_bytes() {
        if (0x21..0x7f).contains(&b) {
            out.push(b);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}
