//! Where each part of the interface goes for a terminal size: pure arithmetic shared by the
//! state (which needs the detail pane's width to lay text out) and the drawing code. From the
//! top: the query line, the timeline strip (when there is room), the panes, the status line.

use ratatui::layout::Rect;

/// Side by side from this many columns.
pub(crate) const SIDE_BY_SIDE_MIN_WIDTH: u16 = 120;
/// Narrowest list pane side by side: its inner 62 columns hold the date, the source column
/// (which the list drops below 60) and a title of 15 Chinese characters or more.
pub(crate) const LIST_MIN_WIDTH: u16 = 64;
/// Narrowest article pane side by side.
pub(crate) const DETAIL_MIN_WIDTH: u16 = 50;
/// The share of the width the list pane takes side by side, in percent, unless configured.
pub const DEFAULT_LIST_PERCENT: u16 = 50;
/// Below this width or [`SINGLE_PANE_MIN_HEIGHT`], one pane at a time.
pub(crate) const SINGLE_PANE_MIN_WIDTH: u16 = 60;
/// Below this height or [`SINGLE_PANE_MIN_WIDTH`], one pane at a time.
pub(crate) const SINGLE_PANE_MIN_HEIGHT: u16 = 15;
/// From this height the timeline strip takes a row under the query line (not in the reader):
/// below it, every row goes to the list.
pub(crate) const TIMELINE_MIN_HEIGHT: u16 = 12;

/// How the list and detail panes share the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arrangement {
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
    pub(crate) query: Rect,
    /// The timeline strip: the row under the query line, the whole width; empty in the
    /// full-screen reader and below [`TIMELINE_MIN_HEIGHT`] rows.
    pub(crate) timeline: Rect,
    /// The list pane, with its border.
    pub(crate) list: Rect,
    /// The detail pane, with its border.
    pub(crate) detail: Rect,
    /// The status line (bottom row).
    pub(crate) status: Rect,
    /// Which arrangement was chosen.
    pub(crate) arrangement: Arrangement,
}

impl Geometry {
    /// Computes the frame's rectangles; `reader` is true when the full-screen reader is open.
    /// Side by side, the list takes [`DEFAULT_LIST_PERCENT`] of the width.
    pub(crate) fn new(area: Rect, reader: bool) -> Geometry {
        Geometry::split(area, reader, DEFAULT_LIST_PERCENT)
    }

    /// [`Geometry::new`] with the list pane taking `list_percent` of the width side by side
    /// (and of the height stacked, 40 % by default), kept within [`LIST_MIN_WIDTH`] and
    /// [`DETAIL_MIN_WIDTH`] so the list keeps its source column and the article stays
    /// readable.
    pub(crate) fn split(area: Rect, reader: bool, list_percent: u16) -> Geometry {
        let percent = u32::from(list_percent.clamp(10, 90));
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
        let timeline = if !reader && h >= TIMELINE_MIN_HEIGHT {
            Rect::new(x, y + query.height, w, 1)
        } else {
            empty
        };
        let top = query.height + timeline.height;
        let body = Rect::new(x, y + top, w, h.saturating_sub(top + status.height));
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
                let share = (u32::from(body.width) * percent / 100) as u16;
                let most = body.width.saturating_sub(DETAIL_MIN_WIDTH);
                let lw = share.max(LIST_MIN_WIDTH).min(most);
                (
                    Rect::new(body.x, body.y, lw, body.height),
                    Rect::new(body.x + lw, body.y, body.width - lw, body.height),
                )
            }
            Arrangement::Stacked => {
                let lh = (u32::from(body.height) * (percent * 4 / 5) / 100) as u16;
                (
                    Rect::new(body.x, body.y, body.width, lh),
                    Rect::new(body.x, body.y + lh, body.width, body.height - lh),
                )
            }
        };
        Geometry {
            area,
            query,
            timeline,
            list,
            detail,
            status,
            arrangement,
        }
    }

    /// The text area inside a bordered pane.
    pub(crate) fn inner(pane: Rect) -> Rect {
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
    fn the_list_keeps_its_source_column_side_by_side_and_the_split_is_configurable() {
        let list = |w, p| Geometry::split(Rect::new(0, 0, w, 40), false, p).list.width;
        for w in 120..=300 {
            assert!(
                list(w, DEFAULT_LIST_PERCENT) >= LIST_MIN_WIDTH,
                "{w} columns"
            );
            assert!(
                w - list(w, DEFAULT_LIST_PERCENT) >= DETAIL_MIN_WIDTH,
                "{w} columns"
            );
        }
        assert_eq!(list(120, 50), 64);
        assert_eq!(list(132, 50), 66);
        assert_eq!(list(200, 50), 100);
        assert_eq!(list(200, 30), 64);
        assert_eq!(list(200, 70), 140);
        assert_eq!(list(200, 90), 150, "the article keeps its 50 columns");
        let stacked = |p| {
            Geometry::split(Rect::new(0, 0, 100, 42), false, p)
                .list
                .height
        };
        // 42 rows: query, timeline and status leave 39, 40 % of them the list's.
        assert_eq!(stacked(DEFAULT_LIST_PERCENT), 15);
        assert!(stacked(90) > stacked(30));
    }

    #[test]
    fn panes_tile_the_body_at_every_size() {
        for w in 0..=130u16 {
            for h in 0..=30u16 {
                for (reader, percent) in [(false, 50), (true, 50), (false, 10), (false, 95)] {
                    let area = Rect::new(0, 0, w, h);
                    let g = Geometry::split(area, reader, percent);
                    let covered = g.query.area()
                        + g.timeline.area()
                        + g.status.area()
                        + g.list.area()
                        + g.detail.area();
                    assert_eq!(covered, area.area(), "{w}x{h} reader={reader}");
                    for r in [g.query, g.timeline, g.status, g.list, g.detail] {
                        assert!(
                            area.union(r) == area || r.area() == 0,
                            "{r:?} outside {w}x{h}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_timeline_takes_a_row_under_the_query_line_when_there_is_room() {
        let g = Geometry::new(Rect::new(0, 0, 80, 24), false);
        assert_eq!(g.timeline, Rect::new(0, 1, 80, 1));
        assert_eq!(g.list.y, 2, "the panes start under it");
        let g = Geometry::new(Rect::new(0, 0, 130, 40), false);
        assert_eq!(g.timeline, Rect::new(0, 1, 130, 1));
        assert_eq!(
            (g.list.y, g.detail.y),
            (2, 2),
            "above both panes side by side"
        );
        let g = Geometry::new(Rect::new(0, 0, 40, 12), false);
        assert_eq!(
            g.timeline,
            Rect::new(0, 1, 40, 1),
            "a narrow list has it too"
        );
        assert_eq!(g.list, Rect::new(0, 2, 40, 9));
        let g = Geometry::new(Rect::new(0, 0, 80, 11), false);
        assert_eq!(
            g.timeline.area(),
            0,
            "a short terminal keeps its rows for the list"
        );
        assert_eq!(g.list, Rect::new(0, 1, 80, 9));
        let g = Geometry::new(Rect::new(0, 0, 80, 24), true);
        assert_eq!(g.timeline.area(), 0, "not in the full-screen reader");
        assert_eq!(g.detail, Rect::new(0, 1, 80, 22));
    }
}
