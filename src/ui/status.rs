//! The status line: load warnings and key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme::Theme;
use crate::app::{App, Focus};
use crate::query::Order;
use crate::text::truncate;

/// Draws the status line in `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.area() == 0 {
        return;
    }
    let mut spans = Vec::new();
    if app.changed_on_disk() {
        spans.push(Span::styled(
            "archive changed on disk: R reloads ",
            theme.warning,
        ));
    }
    if app.appended() > 0 {
        spans.push(Span::styled(
            format!("+{} new since loaded ", app.appended()),
            theme.hint,
        ));
    }
    let skipped = app.problems().iter().filter(|p| p.skipped).count();
    let n = app.problems().len() - skipped;
    if n > 0 {
        let plural = if n == 1 { "" } else { "s" };
        spans.push(Span::styled(
            format!("{n} bad record{plural} (w) "),
            theme.warning,
        ));
    }
    if skipped > 0 {
        let plural = if skipped == 1 { "" } else { "s" };
        spans.push(Span::raw(format!("{skipped} file{plural} skipped (w) ")));
    }
    let order = match app.order() {
        Order::NewestFirst => "newest first",
        Order::OldestFirst => "oldest first",
    };
    let loading = app.load_progress().filter(|p| !p.done);
    let hints = if let Some(p) = loading.map(|l| l.so_far) {
        let mb = p.bytes_done as f64 / 1e6;
        format!(
            "loading... {} articles, {mb:.0} MB, {:.0} MB/s  (keys work meanwhile)",
            p.articles,
            p.mb_per_sec()
        )
    } else if app.reader_open() {
        "Esc back  j/k Space/b scroll  n/N next/prev  ? help  q quit".to_string()
    } else if app.focus() == Focus::Query {
        "Enter open  Up/Down select  Esc leave query  ? help".to_string()
    } else {
        format!("/ search  Enter open  s source  o {order}  Tab focus  ? help  q quit")
    };
    let used: usize = spans.iter().map(|s: &Span| s.width()).sum();
    let room = usize::from(area.width).saturating_sub(used);
    spans.push(Span::styled(
        truncate(&hints, room).into_owned(),
        theme.hint,
    ));
    Paragraph::new(Line::from(spans)).render(area, frame.buffer_mut());
}
