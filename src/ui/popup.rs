//! Windows drawn over the panes: key help, load problems, the source picker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::pane;
use super::theme::Theme;
use crate::app::{App, SourcePicker};
use crate::keymap::HELP;
use crate::query::SYNTAX_HELP;
use crate::text::{self, for_display, pad, truncate};

/// A centred rectangle of at most `w` × `h` inside `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clears `rect`, and blanks a wide character of the layer below that straddles its left
/// edge (half of it would otherwise be left on screen).
fn clear(frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    if rect.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        let cell = &mut buf[(rect.x - 1, y)];
        if text::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// Draws `lines` from `scroll` on in a bordered window titled `title`, centred in `area`.
fn window(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
    width: u16,
    theme: &Theme,
) {
    let rect = centered(
        area,
        width,
        lines.len().saturating_add(2).min(usize::from(u16::MAX)) as u16,
    );
    clear(frame, rect);
    let block = pane(theme, true).title(format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    Paragraph::new(shown).render(inner, frame.buffer_mut());
}

/// The key help and the query syntax.
pub fn help(frame: &mut Frame, area: Rect, scroll: usize, theme: &Theme) {
    let key_w = HELP.iter().map(|(k, _)| text::width(k)).max().unwrap_or(0);
    let mut lines: Vec<Line<'static>> = HELP
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(pad(k, key_w + 2), theme.heading),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.extend(
        SYNTAX_HELP
            .lines()
            .map(|l| Line::from(for_display(l, theme.ambiguous).into_owned())),
    );
    window(
        frame,
        area,
        "help: j/k scroll, Esc close",
        lines,
        scroll,
        84,
        theme,
    );
}

/// Records that could not be loaded, as `FILE:LINE: reason`, and files left out, as
/// `FILE: skipped: reason`.
pub fn problems(frame: &mut Frame, area: Rect, app: &App, scroll: usize, theme: &Theme) {
    let room = usize::from(area.width.saturating_sub(4));
    let mut lines: Vec<Line<'static>> = app
        .problems()
        .iter()
        .map(|p| Line::from(truncate(&p.to_string(), room).into_owned()))
        .collect();
    if lines.is_empty() {
        lines.push(Line::from("every record loaded"));
    }
    window(
        frame,
        area,
        "not loaded: j/k scroll, Esc close",
        lines,
        scroll,
        area.width.saturating_sub(4),
        theme,
    );
}

/// The source picker: each source with its count.
pub fn sources(frame: &mut Frame, area: Rect, picker: &SourcePicker, theme: &Theme) {
    let rows = usize::from(area.height.saturating_sub(4)).max(1);
    let first = picker.selected().saturating_sub(rows - 1);
    let lines: Vec<Line<'static>> = picker
        .entries()
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, (name, n))| {
            let name = if name.is_empty() {
                "(no source)".into()
            } else {
                for_display(name, theme.ambiguous)
            };
            let line = Line::from(format!("{} {n:>6}", pad(&name, 24)));
            if i == picker.selected() {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    window(
        frame,
        area,
        "source: Enter choose, Esc close",
        lines,
        0,
        36,
        theme,
    );
}
