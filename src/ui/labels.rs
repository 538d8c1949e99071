//! The label picker's window (`app/labels.rs`): the line being typed, with the cursor, then
//! the labels that match it, the article's own ticked (`[x]`) and each with how many articles
//! carry it, a new label offered last when the text is none yet. Its keys are in the status
//! line.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::pane;
use super::popup::{centered, clear};
use super::theme::Theme;
use crate::app::{LabelEntry, LabelPicker};
use crate::text::{self, for_display};

/// The widest the window gets.
const WIDTH: u16 = 44;
/// The most labels listed at once.
const ROWS: usize = 10;

/// Draws the label picker centred in `area`, above its last row (the status line).
pub(crate) fn draw(frame: &mut Frame, area: Rect, picker: &LabelPicker, theme: &Theme) {
    let above_status = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    let listed = picker.entries().len().clamp(1, ROWS);
    let rect = centered(above_status, WIDTH, (listed + 3) as u16);
    if rect.area() == 0 {
        return;
    }
    clear(frame, rect);
    let inner_w = usize::from(rect.width.saturating_sub(2));
    let title = for_display(picker.title(), theme.ambiguous);
    let title = theme.truncate(&title, inner_w.saturating_sub(10));
    let block = pane(theme, true).title(format!(" labels: {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.area() == 0 {
        return;
    }
    let mut lines = vec![input_line(picker, inner, theme)];
    let first = picker.selected().saturating_sub(ROWS - 1);
    lines.extend(
        picker
            .entries()
            .iter()
            .enumerate()
            .skip(first)
            .take(ROWS)
            .map(|(i, entry)| {
                let line = Line::from(entry_text(entry, inner_w, theme));
                if i == picker.selected() {
                    line.style(theme.selected)
                } else {
                    line
                }
            }),
    );
    if picker.entries().is_empty() {
        lines.push(Line::from(Span::styled(
            theme
                .truncate("type a label; Enter adds it", inner_w)
                .into_owned(),
            theme.hint,
        )));
    }
    Paragraph::new(lines).render(inner, frame.buffer_mut());
    // The cursor after what is typed (its end in view).
    let typed = text::width(&shown_input(picker, inner));
    let x = inner
        .x
        .saturating_add(2 + typed as u16)
        .min(inner.right().saturating_sub(1));
    frame.set_cursor_position(Position::new(x, inner.y));
}

/// What is typed, its end in view when it is wider than the line.
fn shown_input(picker: &LabelPicker, inner: Rect) -> String {
    let room = usize::from(inner.width).saturating_sub(3);
    let mut shown = picker.input().text();
    while text::width(shown) > room {
        let mut chars = shown.chars();
        chars.next();
        shown = chars.as_str();
    }
    shown.to_string()
}

fn input_line(picker: &LabelPicker, inner: Rect, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled("> ", theme.border_focused),
        Span::raw(shown_input(picker, inner)),
    ])
}

/// One entry: `[x] 第三章` with its count at the right edge, or `+ new label: 第四章`.
fn entry_text(entry: &LabelEntry, width: usize, theme: &Theme) -> String {
    match entry {
        LabelEntry::New(name) => {
            let text = format!("+ new label: {}", for_display(name, theme.ambiguous));
            theme.pad(&text, width)
        }
        LabelEntry::Known {
            name,
            count,
            carried,
        } => {
            let tick = if *carried { "[x] " } else { "[ ] " };
            let count = format!(" {count} ");
            let room = width.saturating_sub(4 + count.len());
            format!(
                "{tick}{}{count}",
                theme.pad(&for_display(name, theme.ambiguous), room)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::app::{Action, App};
    use crate::article::Article;
    use crate::state::{Change, Memory};

    /// The frame's rows as text within `cols`, the hidden half of a wide glyph skipped.
    fn frame(app: &App, cols: std::ops::Range<u16>) -> Vec<String> {
        let area = app.geometry().area;
        let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
        terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
        let buf = terminal.backend().buffer();
        (0..area.height)
            .map(|y| {
                let mut row = String::new();
                let mut skip = 0;
                for x in cols.clone() {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    let sym = buf[(x, y)].symbol();
                    skip = crate::text::width(sym).saturating_sub(1);
                    row.push_str(sym);
                }
                row.trim_end().to_string()
            })
            .collect()
    }

    #[test]
    fn the_picker_lists_the_labels_in_use_and_offers_a_new_one() {
        let arts = ["a", "b"]
            .iter()
            .map(|id| Article {
                id: id.to_string(),
                title: format!("{id}：长春市人大工作会议召开"),
                body: "正文。".into(),
                ..Default::default()
            })
            .collect();
        let mut app = App::of_articles(arts, 60, 16);
        let mut memory = Memory::default();
        for (id, label) in [("a", "第三章"), ("b", "第三章"), ("b", "待查")] {
            memory.apply(&Change::Label {
                id: id.into(),
                label: label.into(),
                on: true,
            });
        }
        app.attach_memory(memory, None);
        app.update(Action::OpenLabels);
        app.update(Action::LabelInsert("第".into()));
        // 44 × 5 (the line, two entries), centred over the status line of a 60 × 16 screen.
        let rows = frame(&app, 8..52);
        assert_eq!(
            rows[5..10],
            [
                "╭ labels: a：长春市人大工作会议召开 ───────╮",
                "│> 第                                      │",
                "│[x] 第三章                              2 │",
                "│+ new label: 第                           │",
                "╰──────────────────────────────────────────╯",
            ],
            "{}",
            rows.join("\n")
        );
        let rows = frame(&app, 0..60);
        let last = rows.last().unwrap();
        assert!(
            last.starts_with("Enter add/remove  Down/Up move  Esc done")
                && last.trim_end().ends_with("2 unread"),
            "{last}"
        );
    }
}
