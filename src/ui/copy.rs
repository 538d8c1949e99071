//! The copy menu's window (`app/copy.rs`): one line per item — its key, its name, and the
//! start of what it would copy (an item the article lacks says `none`) — the highlighted one
//! in reverse. Its keys are in the status line; the keys shown are those of the keymap in
//! use, so a rebound key shows as bound.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::pane;
use super::popup::{centered, clear};
use super::theme::Theme;
use crate::app::{CopyItem, CopyMenu};
use crate::keymap::{self, Command, Scope};
use crate::text::for_display;

/// The widest the window gets.
const WIDTH: u16 = 72;
/// Cells for an item's key and name: `1  paragraph  `.
const LABEL_WIDTH: usize = 14;

/// Draws the copy menu centred in `area`, above its last row (the status line).
pub(crate) fn draw(frame: &mut Frame, area: Rect, menu: &CopyMenu, theme: &Theme) {
    let above_status = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    let rows = menu.entries().len() as u16;
    let rect = centered(above_status, WIDTH, rows + 2);
    if rect.area() == 0 {
        return;
    }
    clear(frame, rect);
    let block = pane(theme, true).title(" copy to the clipboard ");
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let room = usize::from(inner.width).saturating_sub(LABEL_WIDTH);
    let lines: Vec<Line<'static>> = menu
        .entries()
        .iter()
        .enumerate()
        .map(|(i, (item, text))| {
            let label = format!("{} {}", key(*item), item.label());
            let lead = Span::styled(theme.pad(&label, LABEL_WIDTH), theme.hint);
            let preview = match text {
                Some(t) => Span::raw(preview(*item, t, room, theme)),
                None => Span::styled("none", theme.hint),
            };
            let line = Line::from(vec![lead, preview]);
            if i == menu.highlighted() {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(lines).render(inner, frame.buffer_mut());
}

/// The first key of `item`'s command in the copy menu under the keymap in use (`1`…`5`).
fn key(item: CopyItem) -> String {
    let command = match item {
        CopyItem::Url => Command::CopyUrl,
        CopyItem::Title => Command::CopyTitle,
        CopyItem::Citation => Command::CopyCitation,
        CopyItem::Text => Command::CopyText,
        CopyItem::Paragraph => Command::CopyParagraph,
    };
    keymap::active()
        .keys_for(Scope::Copy, command)
        .first()
        .map_or_else(|| " ".to_string(), |k| k.to_string())
}

/// What the menu shows of an item's text in `room` cells: its first line cut to fit; for the
/// whole article, its length.
fn preview(item: CopyItem, text: &str, room: usize, theme: &Theme) -> String {
    if item == CopyItem::Text {
        return format!("{} characters", text.chars().count());
    }
    let first = text.lines().next().unwrap_or_default();
    let shown = for_display(first, theme.ambiguous);
    theme.truncate(&shown, room).into_owned()
}
