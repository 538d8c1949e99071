//! The detail pane and full-screen reader: rows already laid out by the `text` module (never
//! `Paragraph::wrap`/`scroll`), a scrollbar on the right border, and the percentage read.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Widget};

use super::pane;
use super::theme::Theme;
use crate::app::{App, Focus};
use crate::text::layout::BlockKind;

/// Draws the article pane in `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut block = pane(theme, app.focus() == Focus::Detail || app.reader_open());
    let Some(detail) = app.detail() else {
        let block = block.title(" no article ");
        frame.render_widget(block, area);
        return;
    };
    let position = format!(" {}/{} ", app.selected() + 1, app.hits().len());
    block = block.title(position);
    block = block.title_bottom(Line::from(format!(" {}% ", detail.percent())).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = detail
        .visible()
        .iter()
        .map(|row| {
            let style = match row.kind {
                BlockKind::Title => theme.heading,
                BlockKind::Meta => theme.meta,
                BlockKind::Body => theme.text,
            };
            Line::from(Span::styled(row.text.as_str(), style))
        })
        .collect();
    Paragraph::new(lines).render(inner, frame.buffer_mut());
    if detail.total_rows() > detail.height() && inner.height > 0 {
        let mut state = ScrollbarState::new(detail.total_rows().saturating_sub(detail.height()))
            .position(detail.top())
            .viewport_content_length(detail.height());
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .symbols(theme.chrome.scrollbar.clone());
        frame.render_stateful_widget(
            bar,
            area.inner(Margin {
                vertical: 1,
                horizontal: 0,
            }),
            &mut state,
        );
    }
}
