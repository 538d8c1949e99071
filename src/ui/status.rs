//! The status line: what the last key did (a notice, until the next key), load warnings, then
//! the key hints of the scope that takes keys, drawn from the keymap in use (so a rebound key
//! shows as bound). Some hints carry state: what Esc does now in the list, and the order.
//! While the reader's find prompt is open, the line is that prompt (`/国旗`, the cursor after
//! it), as less's bottom line is. Once the reader's marks are known, it counts the unread
//! articles listed, at the right end when the hints leave room; what the state store had to say (state off, a bad file moved aside) shows
//! until the next key; while the label picker is open, its keys are the hints.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme::Theme;
use crate::app::{App, Popup};
use crate::keymap::{self, Command, Keymap, Scope};
use crate::query::Order;

/// Draws the status line in `area`.
pub(crate) fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.area() == 0 {
        return;
    }
    let keymap = keymap::active();
    if let Some(prompt) = app.find_prompt() {
        draw_prompt(frame, area, prompt.text(), keymap, theme);
        return;
    }
    let scope = Scope::of(app);
    let mut spans = Vec::new();
    if let Some(notice) = app.notice() {
        spans.push(Span::styled(format!("{notice}  "), theme.heading));
    }
    if let Some(notice) = app.state_notice() {
        spans.push(Span::styled(format!("{notice}  "), theme.warning));
    }
    if app.changed_on_disk() {
        let text = match key_for(keymap, scope, Command::Reload) {
            Some(key) => format!("archive changed on disk: {key} reloads "),
            None => "archive changed on disk ".to_string(),
        };
        spans.push(Span::styled(text, theme.warning));
    }
    if app.appended() > 0 {
        spans.push(Span::styled(
            format!("+{} new since loaded ", app.appended()),
            theme.hint,
        ));
    }
    let problems_key = key_for(keymap, scope, Command::ShowProblems)
        .map(|k| format!("({k}) "))
        .unwrap_or_default();
    let skipped = app.problems().iter().filter(|p| p.skipped).count();
    let n = app.problems().len() - skipped;
    if n > 0 {
        let plural = if n == 1 { "" } else { "s" };
        spans.push(Span::styled(
            format!("{n} bad record{plural} {problems_key}"),
            theme.warning,
        ));
    }
    if skipped > 0 {
        let plural = if skipped == 1 { "" } else { "s" };
        spans.push(Span::raw(format!(
            "{skipped} file{plural} skipped {problems_key}"
        )));
    }
    let loading = app.load_progress().filter(|p| !p.done);
    let hints = if let Some(p) = loading.map(|l| l.so_far) {
        let mb = p.bytes_done as f64 / 1e6;
        format!(
            "loading... {} articles, {mb:.0} MB, {:.0} MB/s  (keys work meanwhile)",
            p.articles,
            p.mb_per_sec()
        )
    } else if let Popup::Labels(_) = app.popup() {
        label_hints(keymap)
    } else {
        hints(keymap, scope, app)
    };
    let used: usize = spans.iter().map(|s: &Span| s.width()).sum();
    let room = usize::from(area.width).saturating_sub(used);
    // The unread count goes at the right end when the hints leave room for it: on a narrow
    // terminal the keys matter more.
    let unread = app
        .unread_listed()
        .filter(|_| loading.is_none())
        .map(|n| format!("{n} unread"));
    let hints_width = crate::text::width(&hints);
    match unread {
        Some(count) if hints_width + 2 + count.len() <= room => {
            let gap = room - hints_width - count.len();
            spans.push(Span::styled(hints, theme.hint));
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::styled(count, theme.hint));
        }
        _ => spans.push(Span::styled(
            theme.truncate(&hints, room).into_owned(),
            theme.hint,
        )),
    }
    Paragraph::new(Line::from(spans)).render(area, frame.buffer_mut());
}

/// The find prompt: `/` and the text typed, its end in view, the cursor after it, then how to
/// finish it.
fn draw_prompt(frame: &mut Frame, area: Rect, typed: &str, keymap: &Keymap, theme: &Theme) {
    let key = |command| key_for(keymap, Scope::List, command).unwrap_or_default();
    let hint = format!(
        "   {} find  {} cancel",
        key(Command::Open),
        key(Command::ClearOrQuit)
    );
    let width = usize::from(area.width);
    let room = width.saturating_sub(2);
    // The end of what is typed stays in view, as in a shell.
    let mut shown = typed;
    while crate::text::width(shown) > room {
        let mut chars = shown.chars();
        chars.next();
        shown = chars.as_str();
    }
    let used = 1 + crate::text::width(shown);
    let spans = vec![
        Span::styled("/", theme.border_focused),
        Span::raw(shown),
        Span::styled(
            theme
                .truncate(&hint, width.saturating_sub(used + 1))
                .into_owned(),
            theme.hint,
        ),
    ];
    Paragraph::new(Line::from(spans)).render(area, frame.buffer_mut());
    let x = area
        .x
        .saturating_add(used as u16)
        .min(area.right().saturating_sub(1));
    frame.set_cursor_position(Position::new(x, area.y));
}

/// The scope's hints, `keys label` separated by two spaces, with the state in two labels.
fn hints(keymap: &Keymap, scope: Scope, app: &App) -> String {
    let hints: Vec<String> = keymap
        .hints(scope)
        .into_iter()
        .map(|h| {
            let label = match h.command {
                Command::ClearOrQuit
                    if app.query().text().is_empty() && app.source_filter().is_none() =>
                {
                    "quit"
                }
                Command::ToggleOrder => match app.order() {
                    Order::NewestFirst => "newest first",
                    Order::OldestFirst => "oldest first",
                },
                _ => h.label,
            };
            format!("{} {label}", h.keys)
        })
        .collect();
    hints.join("  ")
}

/// The label picker's keys: the list's, as the picker reads them (`keymap/labels.rs`).
fn label_hints(keymap: &Keymap) -> String {
    let key = |command| key_for(keymap, Scope::List, command).unwrap_or_default();
    format!(
        "{} add/remove  {}/{} move  {} done",
        key(Command::Open),
        key(Command::SelectNext),
        key(Command::SelectPrev),
        key(Command::ClearOrQuit)
    )
}

/// The first key that runs `command` in `scope`, else in the list (from a window, the key
/// that works once it is closed).
fn key_for(keymap: &Keymap, scope: Scope, command: Command) -> Option<String> {
    [scope, Scope::List]
        .into_iter()
        .find_map(|s| keymap.keys_for(s, command).first().map(|k| k.to_string()))
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::app::{Action, Settings};
    use crate::archive::Problem;
    use crate::article::Article;
    use crate::corpus::Corpus;

    fn app() -> App {
        let article = Article {
            id: "a".into(),
            title: "标题".into(),
            body: "正文".into(),
            ..Default::default()
        };
        let problems = vec![
            Problem::at("a.jsonl", 3, "not JSON"),
            Problem::skipped("notes.doc", "not an archive type"),
        ];
        let settings = Settings {
            color: false,
            ..Settings::default()
        };
        App::new(
            Corpus::from_articles(vec![article]),
            problems,
            settings,
            160,
            10,
        )
    }

    fn line(app: &App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(180, 1)).unwrap();
        let theme = Theme::new(&app.settings);
        terminal
            .draw(|f| draw(f, Rect::new(0, 0, 180, 1), app, &theme))
            .unwrap();
        let buf = terminal.backend().buffer();
        (0..180)
            .map(|x| buf[(x, 0)].symbol())
            .collect::<String>()
            .trim_end()
            .to_string()
    }

    #[test]
    fn warnings_name_the_key_that_works_where_the_focus_is() {
        let mut app = app();
        app.note_changed_on_disk();
        assert_eq!(
            line(&app),
            "archive changed on disk: Ctrl-r reloads 1 bad record (Ctrl-x) 1 file skipped (Ctrl-x) \
             Enter open  Esc quit  Ctrl-s source  Ctrl-o newest first  F1 help  Ctrl-c quit"
        );
        app.update(Action::Open);
        assert_eq!(
            line(&app),
            "archive changed on disk: R reloads 1 bad record (Ctrl-x) 1 file skipped (Ctrl-x) \
             Esc back  j/k scroll  Space/b page  / find  n/N match  ]/[ article  ? help"
        );
    }

    #[test]
    fn the_find_prompt_is_the_whole_line_with_the_cursor_after_the_text() {
        let mut app = app();
        app.update(Action::Open);
        app.update(Action::FindStart);
        app.update(Action::FindInsert("国旗".into()));
        assert_eq!(
            line(&app),
            "/国 旗    Enter find  Esc cancel",
            "(a wide glyph and its cell)"
        );
        let mut terminal = Terminal::new(TestBackend::new(12, 1)).unwrap();
        let theme = Theme::new(&app.settings);
        app.update(Action::FindInsert("和国徽和国歌".into()));
        terminal
            .draw(|f| draw(f, Rect::new(0, 0, 12, 1), &app, &theme))
            .unwrap();
        let buf = terminal.backend().buffer();
        let shown: String = (0..12).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(
            shown, "/国 徽 和 国 歌  ",
            "the end of a long text stays in view"
        );
        assert_eq!(terminal.get_cursor_position().unwrap(), (11, 0).into());
    }

    #[test]
    fn the_mouse_notice_comes_first_until_the_next_key() {
        let mut app = app();
        app.update(Action::ToggleMouse);
        assert!(
            line(&app).starts_with("mouse off: select text with the mouse  1 bad record"),
            "{}",
            line(&app)
        );
        app.update(Action::ToggleMouse);
        assert!(line(&app).starts_with("mouse on: Shift-drag selects text  1 bad record"));
        app.update(Action::SelectNext);
        assert!(line(&app).starts_with("1 bad record"));
    }

    #[test]
    fn the_list_hints_say_what_esc_does_now_and_the_order() {
        let mut app = app();
        app.update(Action::QueryInsert("标".into()));
        app.update(Action::ToggleOrder);
        let shown = line(&app);
        assert!(
            shown.ends_with(
                "Enter open  Esc clear  Ctrl-s source  Ctrl-o oldest first  F1 help  Ctrl-c quit"
            ),
            "{shown}"
        );
    }
}
