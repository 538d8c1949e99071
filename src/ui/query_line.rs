//! The query line: prompt, the query with its cursor, and `shown/total` on the right.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme::Theme;
use crate::app::{App, Focus, Popup};
use crate::search::Total;
use crate::text::{self, for_display};

const PROMPT: &str = "> ";

/// Draws the query line in `area` and places the terminal cursor when it has focus.
pub(crate) fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.area() == 0 {
        return;
    }
    let q = app.query();
    let counts = match app.hit_total() {
        Total::Exact(n) => format!(" {n}/{}", app.corpus().len()),
        // A first page: the search still counts.
        Total::AtLeast(n) => {
            let at_least = if app.settings.unicode { "≥" } else { ">=" };
            format!(" {at_least}{n}/{}", app.corpus().len())
        }
    };
    let mut tags = String::new();
    if let Some(src) = app.source_filter() {
        tags = format!(
            " [{}]",
            theme.truncate(&for_display(src, app.settings.ambiguous), 12)
        );
    }
    // While the body index is built, `body:` terms read every body: say so.
    let indexing = match app.body_index_building() {
        Some((done, total)) => format!(" indexing bodies {}%", done * 100 / total.max(1)),
        None => String::new(),
    };
    let right = format!("{tags}{indexing}{counts}");
    let width = usize::from(area.width);
    let right_w = text::width(&right);
    let room = width.saturating_sub(right_w + PROMPT.len());
    let shown = theme.truncate(q.text(), room);
    let gap = width.saturating_sub(PROMPT.len() + text::width(&shown) + right_w);
    let line = Line::from(vec![
        Span::styled(PROMPT, theme.border_focused),
        Span::raw(shown.to_string()),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, theme.hint),
    ]);
    Paragraph::new(line).render(area, frame.buffer_mut());
    if app.focus() == Focus::List && !app.reader_open() && *app.popup() == Popup::None {
        let before = text::width(&q.text()[..q.cursor()]).min(room);
        let x = area
            .x
            .saturating_add((PROMPT.len() + before) as u16)
            .min(area.right().saturating_sub(1));
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// Draws a query error on the row under the query line.
pub(crate) fn draw_error(frame: &mut Frame, area: Rect, message: &str, theme: &Theme) {
    if area.area() == 0 {
        return;
    }
    let msg = theme.truncate(message, usize::from(area.width).saturating_sub(2));
    let line = Line::from(Span::styled(format!(" {msg} "), theme.warning));
    Paragraph::new(line).render(area, frame.buffer_mut());
}
