//! Where each part of the interface goes for a terminal size: pure arithmetic shared by the
//! state (which needs the detail pane's width to lay text out) and the drawing code.

use ratatui::layout::Rect;

/// Side by side from this many columns.
pub const SIDE_BY_SIDE_MIN_WIDTH: u16 = 120;
/// Below this width or [`SINGLE_PANE_MIN_HEIGHT`], one pane at a time.
pub const SINGLE_PANE_MIN_WIDTH: u16 = 60;
/// Below this height or [`SINGLE_PANE_MIN_WIDTH`], one pane at a time.
pub const SINGLE_PANE_MIN_HEIGHT: u16 = 15;

/// How the list and detail panes share the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    /// List left, detail right (wide terminals).
    SideBySide,
    /// List above, detail below.
    Stacked,
    /// Only the list (small terminals, nothing open).
    ListOnly,
    /// Only the detail pane: the full-screen reader.
    ReaderOnly,
}

/// The rectangles of one frame. Empty rectangles (zero width or height) are not drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    /// The whole terminal.
    pub area: Rect,
    /// The query line (top row).
    pub query: Rect,
    /// The list pane, with its border.
    pub list: Rect,
    /// The detail pane, with its border.
    pub detail: Rect,
    /// The status line (bottom row).
    pub status: Rect,
    /// Which arrangement was chosen.
    pub arrangement: Arrangement,
}

impl Geometry {
    /// Computes the frame's rectangles; `reader` is true when the full-screen reader is open.
    pub fn new(area: Rect, reader: bool) -> Geometry {
        let Rect {
            x,
            y,
            width: w,
            height: h,
        } = area;
        let empty = Rect::new(x, y, 0, 0);
        let query = Rect::new(x, y, w, h.min(1));
        let status = if h >= 2 {
            Rect::new(x, y + h - 1, w, 1)
        } else {
            empty
        };
        let body = Rect::new(
            x,
            y + query.height,
            w,
            h.saturating_sub(query.height + status.height),
        );
        let small = w < SINGLE_PANE_MIN_WIDTH || h < SINGLE_PANE_MIN_HEIGHT;
        let arrangement = match (reader, small) {
            (true, _) => Arrangement::ReaderOnly,
            (false, true) => Arrangement::ListOnly,
            (false, false) if w >= SIDE_BY_SIDE_MIN_WIDTH => Arrangement::SideBySide,
            (false, false) => Arrangement::Stacked,
        };
        let (list, detail) = match arrangement {
            Arrangement::ReaderOnly => (empty, body),
            Arrangement::ListOnly => (body, empty),
            Arrangement::SideBySide => {
                let lw = (u32::from(body.width) * 9 / 20) as u16;
                (
                    Rect::new(body.x, body.y, lw, body.height),
                    Rect::new(body.x + lw, body.y, body.width - lw, body.height),
                )
            }
            Arrangement::Stacked => {
                let lh = (u32::from(body.height) * 2 / 5) as u16;
                (
                    Rect::new(body.x, body.y, body.width, lh),
                    Rect::new(body.x, body.y + lh, body.width, body.height - lh),
                )
            }
        };
        Geometry {
            area,
            query,
            list,
            detail,
            status,
            arrangement,
        }
    }

    /// The text area inside a bordered pane.
    pub fn inner(pane: Rect) -> Rect {
        Rect::new(
            pane.x.saturating_add(1),
            pane.y.saturating_add(1),
            pane.width.saturating_sub(2),
            pane.height.saturating_sub(2),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrangement_follows_the_size() {
        let g = |w, h, r| Geometry::new(Rect::new(0, 0, w, h), r).arrangement;
        assert_eq!(g(120, 40, false), Arrangement::SideBySide);
        assert_eq!(g(119, 40, false), Arrangement::Stacked);
        assert_eq!(g(80, 24, false), Arrangement::Stacked);
        assert_eq!(g(59, 24, false), Arrangement::ListOnly);
        assert_eq!(g(80, 14, false), Arrangement::ListOnly);
        assert_eq!(g(200, 50, true), Arrangement::ReaderOnly);
    }

    #[test]
    fn panes_tile_the_body_at_every_size() {
        for w in 0..=130u16 {
            for h in 0..=30u16 {
                for reader in [false, true] {
                    let area = Rect::new(0, 0, w, h);
                    let g = Geometry::new(area, reader);
                    let covered =
                        g.query.area() + g.status.area() + g.list.area() + g.detail.area();
                    assert_eq!(covered, area.area(), "{w}x{h} reader={reader}");
                    for r in [g.query, g.status, g.list, g.detail] {
                        assert!(
                            area.union(r) == area || r.area() == 0,
                            "{r:?} outside {w}x{h}"
                        );
                    }
                }
            }
        }
    }
}
