//! Windows drawn over the panes: key help (drawn from the keymap in use, so it lists the keys
//! that work), load problems, the source picker. Their keys are in the status line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::pane;
use super::theme::Theme;
use crate::app::{App, SourcePicker};
use crate::keymap::{self, HelpSection};
use crate::query::SYNTAX_HELP;
use crate::text::{self, for_display};

/// A centred rectangle of at most `w` × `h` inside `area`.
pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
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
pub(super) fn clear(frame: &mut Frame, rect: Rect) {
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

/// Draws `lines` from `scroll` on in a bordered window titled `title`, centred in `area`
/// above its last row (the status line, which shows the window's keys).
fn window(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
    width: u16,
    theme: &Theme,
) {
    // The bottom row stays the status line: it shows the window's keys.
    let above_status = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    let rect = centered(
        above_status,
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

/// The widest the help window gets.
const HELP_WIDTH: u16 = 84;

/// The key help, drawn from the keymap in use (scope by scope, each command once with all
/// its keys), then the query syntax.
pub(crate) fn help(frame: &mut Frame, area: Rect, scroll: usize, theme: &Theme) {
    let inner = usize::from(HELP_WIDTH.min(area.width).saturating_sub(2));
    let mut lines = help_lines(&keymap::active().help(), inner, theme);
    lines.extend(
        SYNTAX_HELP
            .lines()
            .map(|l| Line::from(for_display(l, theme.ambiguous).into_owned())),
    );
    window(
        frame,
        area,
        "keys and query syntax",
        lines,
        scroll,
        HELP_WIDTH,
        theme,
    );
}

/// The help's key lines for a window `width` cells wide inside: a heading per scope, then
/// `keys  what it does`, the description wrapped under itself when it does not fit.
fn help_lines(sections: &[HelpSection], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let keys: Vec<Vec<String>> = sections
        .iter()
        .map(|s| s.rows.iter().map(|r| r.keys_text()).collect())
        .collect();
    let key_w = keys
        .iter()
        .flatten()
        .map(|k| text::width(k))
        .max()
        .unwrap_or(0)
        + 2;
    let what_w = width.saturating_sub(key_w).max(16);
    let mut lines = Vec::new();
    for (section, keys) in sections.iter().zip(keys) {
        lines.push(Line::from(Span::styled(
            section.scope.heading(),
            theme.heading,
        )));
        for (row, keys) in section.rows.iter().zip(keys) {
            for (i, part) in wrap_words(row.what, what_w).into_iter().enumerate() {
                let lead = if i == 0 {
                    theme.pad(&keys, key_w)
                } else {
                    " ".repeat(key_w)
                };
                lines.push(Line::from(vec![
                    Span::styled(lead, theme.hint),
                    Span::raw(part),
                ]));
            }
        }
        lines.push(Line::from(""));
    }
    lines
}

/// `text` cut into lines of at most `width` cells at spaces (a longer word gets a line).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && text::width(&line) + 1 + text::width(word) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// Records that could not be loaded, as `FILE:LINE: reason`, and files left out, as
/// `FILE: skipped: reason`.
pub(crate) fn problems(frame: &mut Frame, area: Rect, app: &App, scroll: usize, theme: &Theme) {
    let room = usize::from(area.width.saturating_sub(4));
    let mut lines: Vec<Line<'static>> = app
        .problems()
        .iter()
        .map(|p| Line::from(theme.truncate(&p.to_string(), room).into_owned()))
        .collect();
    if lines.is_empty() {
        lines.push(Line::from("every record loaded"));
    }
    window(
        frame,
        area,
        "not loaded",
        lines,
        scroll,
        area.width.saturating_sub(4),
        theme,
    );
}

/// The source picker: each source with its count.
pub(crate) fn sources(frame: &mut Frame, area: Rect, picker: &SourcePicker, theme: &Theme) {
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
            let unread = picker
                .unread(i)
                .map(|u| format!(" {u:>6} unread"))
                .unwrap_or_default();
            let line = Line::from(format!("{} {n:>6}{unread}", theme.pad(&name, 24)));
            if i == picker.selected() {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    let width = if picker.unread(0).is_some() { 50 } else { 36 };
    window(frame, area, "source", lines, 0, width, theme);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_wrap_at_spaces() {
        assert_eq!(
            wrap_words("clear the query; if empty, quit", 16),
            ["clear the query;", "if empty, quit"]
        );
        assert_eq!(wrap_words("short", 16), ["short"]);
        assert_eq!(
            wrap_words("averyveryverylongword x", 8),
            ["averyveryverylongword", "x"]
        );
    }
}
