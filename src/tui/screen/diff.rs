//! One row of the renderer: which columns differ from what the terminal shows (text,
//! colours, attributes, links, and the columns a wide character covers), and the fewest bytes
//! that bring it there — glyphs written where they changed, blank runs erased with ECH, a blank
//! end with EL.

use std::io::Write;

use ratatui::buffer::{Buffer, Cell};

use super::glyphs::{self, Glyph};
use super::pen::Pen;
use super::{Link, Screen};

impl Screen {
    /// Brings row `y` of the terminal to row `y` of `next`.
    pub(super) fn row(
        &mut self,
        shown: &mut Buffer,
        next: &Buffer,
        links: &[Link],
        y: u16,
        work: &mut RowWork,
        out: &mut Vec<u8>,
    ) {
        let w = next.area.width;
        glyphs::row(next, y, &mut work.next);
        glyphs::row(shown, y, &mut work.shown);
        glyphs::cover(&work.next, w, &mut work.next_cover);
        glyphs::cover(&work.shown, w, &mut work.shown_cover);
        let shown_links = &self.shown_links;
        work.dirty.clear();
        work.dirty.extend((0..w).map(|x| {
            let (a, b) = (
                work.next_cover[usize::from(x)],
                work.shown_cover[usize::from(x)],
            );
            a != b
                || !glyphs::same(cell(next, a, y), cell(shown, b, y))
                || link_at(links, x, y).map(|i| &links[i].url)
                    != link_at(shown_links, x, y).map(|i| &shown_links[i].url)
        }));
        if !work.dirty.contains(&true) {
            return;
        }
        // The row's blank end: one erase instead of spaces, when that is shorter.
        let tail = work
            .next
            .iter()
            .rev()
            .take_while(|g| glyphs::blank(cell(next, g.x, y)) && link_at(links, g.x, y).is_none())
            .last()
            .map_or(w, |g| g.x);
        let first_dirty_in_tail = (tail..w).find(|&x| work.dirty[usize::from(x)]);
        let dirty_in_tail = (tail..w).filter(|&x| work.dirty[usize::from(x)]).count();
        let erase_from = first_dirty_in_tail.filter(|_| dirty_in_tail >= 4);
        let stop = erase_from.unwrap_or(w);
        // Blank cells up to here are erased already (a run of them goes by one ECH).
        let mut erased_to = 0;
        for &Glyph { x, width } in &work.next {
            if x >= stop {
                break;
            }
            if x < erased_to || !work.dirty[usize::from(x)..usize::from(x + width)].contains(&true)
            {
                continue;
            }
            let cell = cell(next, x, y);
            let plain =
                |x: u16| glyphs::blank(self::cell(next, x, y)) && link_at(links, x, y).is_none();
            if plain(x) {
                let run = (x..stop).take_while(|&x| plain(x)).count() as u16;
                if run >= ERASE_FROM {
                    self.move_to(x, y, out);
                    self.set_pen(Pen::DEFAULT, out);
                    self.link(None, links, out);
                    let _ = write!(out, "\x1b[{run}X");
                    erased_to = x + run;
                    continue;
                }
            }
            self.move_to(x, y, out);
            self.set_pen(Pen::of(cell), out);
            self.link(link_at(links, x, y), links, out);
            let symbol = match cell.symbol() {
                "" => " ",
                // A wide glyph cut by the right edge would wrap in the terminal.
                s if glyphs::symbol_width(s) > usize::from(w - x) => " ",
                s => glyphs::printable(s, self.options.unicode),
            };
            out.extend_from_slice(symbol.as_bytes());
            let end = x + width;
            self.cursor = (end < w
                && glyphs::cursor_safe(symbol, self.options.ambiguous_wide)
                && glyphs::symbol_width(symbol) == usize::from(width))
            .then_some((end, y));
        }
        if let Some(x) = erase_from {
            self.move_to(x, y, out);
            self.set_pen(Pen::DEFAULT, out);
            self.link(None, links, out);
            out.extend_from_slice(b"\x1b[K");
        }
        for x in 0..w {
            let (sx, sy) = (next.area.x + x, next.area.y + y);
            shown[(sx, sy)] = next[(sx, sy)].clone();
        }
    }
}

/// Blank runs at least this long are erased (ECH: `ESC[nX`, about 5 bytes and a cursor move)
/// rather than written as spaces.
const ERASE_FROM: u16 = 8;

/// Scratch space for one row, kept across rows.
#[derive(Default)]
pub(super) struct RowWork {
    next: Vec<Glyph>,
    shown: Vec<Glyph>,
    next_cover: Vec<u16>,
    shown_cover: Vec<u16>,
    dirty: Vec<bool>,
}

/// The cell at column `x` of row `y` (counted from the buffer's corner).
fn cell(buf: &Buffer, x: u16, y: u16) -> &Cell {
    &buf[(buf.area.x + x, buf.area.y + y)]
}

/// About what painting row `y` of `buf` from nothing costs, in bytes.
pub(super) fn row_cost(buf: &Buffer, y: u16) -> usize {
    (0..buf.area.width)
        .map(|x| &buf[(buf.area.x + x, buf.area.y + y)])
        .filter(|c| !glyphs::blank(c))
        .map(|c| c.symbol().len())
        .sum()
}

/// The link covering column `x` of row `y`.
pub(super) fn link_at(links: &[Link], x: u16, y: u16) -> Option<usize> {
    links
        .iter()
        .position(|l| l.y == y && (l.x..l.x.saturating_add(l.width)).contains(&x))
}
