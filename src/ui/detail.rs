//! The detail pane and full-screen reader: rows already laid out by the `text` module (never
//! `Paragraph::wrap`/`scroll`), a scrollbar on the right border, and the percentage read.
//! The URL's row is never wrapped: it is cut to the pane with the theme's ellipsis, and
//! [`links`] says where it is, so the renderer can make it a hyperlink (OSC 8).
//! Matches of a find and the query's terms are marked on their rows (the current match in
//! reverse video), and the find's counter (`国旗 3/17`) goes beside the percentage.
//! The top border shows the article's star and labels; an article reopened where the reader
//! left it says so on the bottom border, with the key back to the top, until the view moves.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Widget};

use super::pane;
use super::theme::Theme;
use crate::app::{App, Focus, Geometry, Mark, Popup, VisibleRow};
use crate::text::{self, layout::BlockKind};

/// Draws the article pane in `area`.
pub(crate) fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut block = pane(theme, app.focus() == Focus::Detail || app.reader_open());
    let Some(detail) = app.detail() else {
        let block = block.title(" no article ");
        frame.render_widget(block, area);
        return;
    };
    let position = format!(" {}/{} ", app.detail_position() + 1, app.hits().len());
    block = block.title(position);
    if let Some(marks) = app.detail_marks() {
        block = block.title(marks_title(&marks, theme));
    }
    if detail.resumed() {
        let top = crate::keymap::active()
            .keys_for(
                crate::keymap::Scope::Reader,
                crate::keymap::Command::ScrollTop,
            )
            .first()
            .map(|k| format!(" · {k} top"))
            .unwrap_or_default();
        block = block.title_bottom(
            Line::from(Span::styled(
                format!(" resumed where you left off{top} "),
                theme.hint,
            ))
            .left_aligned(),
        );
    }
    let counter = detail
        .match_counter()
        .map(|(label, counter)| format!(" {} {counter} ", theme.truncate(label, 16)))
        .unwrap_or_default();
    let bottom = format!("{counter} {}% ", detail.percent());
    block = block.title_bottom(Line::from(bottom).right_aligned());
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
            if row.link {
                let cut = theme.truncate(&row.text, usize::from(inner.width));
                return Line::from(Span::styled(cut.into_owned(), style));
            }
            marked(row, style, theme)
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

/// The article's star and labels for the top border: ` ★ 第三章 · 待查 `.
fn marks_title(marks: &crate::state::Marks, theme: &Theme) -> Line<'static> {
    let mut parts: Vec<String> = Vec::new();
    if marks.starred {
        let star = if theme.chrome.ellipsis.is_ascii() {
            "*"
        } else {
            "★"
        };
        parts.push(star.to_string());
    }
    let labels: Vec<String> = marks
        .labels
        .iter()
        .map(|l| crate::text::for_display(l, theme.ambiguous).into_owned())
        .collect();
    if !labels.is_empty() {
        parts.push(theme.truncate(&labels.join(" · "), 40).into_owned());
    }
    if parts.is_empty() {
        return Line::default();
    }
    Line::from(Span::styled(
        format!(" {} ", parts.join(" ")),
        theme.heading,
    ))
}

/// A row's text in `style`, its marked stretches in the theme's find styles.
fn marked<'a>(row: &'a VisibleRow, style: Style, theme: &Theme) -> Line<'a> {
    let mut spans = Vec::with_capacity(row.marks.len() * 2 + 1);
    let mut at = 0;
    for (range, mark) in &row.marks {
        if range.start > at {
            spans.push(Span::styled(&row.text[at..range.start], style));
        }
        let strong = match mark {
            Mark::Current => theme.find_current,
            Mark::Found | Mark::Term => theme.find_other,
        };
        spans.push(Span::styled(&row.text[range.clone()], style.patch(strong)));
        at = range.end;
    }
    if at < row.text.len() || spans.is_empty() {
        spans.push(Span::styled(&row.text[at..], style));
    }
    Line::from(spans)
}

/// The URL row in view as (the cells it is drawn in, the whole URL): one entry when the
/// article pane shows an `http://` or `https://` URL and no window covers the panes, else none.
/// The URL is sanitized text (no control characters); the rectangle covers the drawn cells
/// only, the URL cut with an ellipsis when it is wider than the pane.
pub(crate) fn links(app: &App, theme: &Theme) -> Vec<(Rect, String)> {
    let g = app.geometry();
    let (Some(detail), Popup::None) = (app.detail(), app.popup()) else {
        return Vec::new();
    };
    let Some(url) = detail.url().filter(|u| is_web(u)) else {
        return Vec::new();
    };
    let inner = Geometry::inner(g.detail);
    if inner.area() == 0 {
        return Vec::new();
    }
    detail
        .visible()
        .iter()
        .take(usize::from(inner.height))
        .position(|row| row.link)
        .map(|i| {
            let row = &detail.visible()[i];
            let drawn = text::width(&theme.truncate(&row.text, usize::from(inner.width)));
            let rect = Rect::new(inner.x, inner.y + i as u16, drawn as u16, 1);
            (rect, url.to_string())
        })
        .into_iter()
        .collect()
}

/// True for a URL a terminal may open: `http://` or `https://`, in any case.
fn is_web(url: &str) -> bool {
    let scheme = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    scheme.starts_with("http://") || scheme.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::app::Action;
    use crate::article::Article;

    const URL: &str = "https://www.changchun.gov.cn/zw/rd/201709/t20170906_1234567.html";

    fn app(url: &str, width: u16, height: u16) -> App {
        let article = Article {
            id: "618211eec43b155d".into(),
            title: "中共长春市委人大工作会议召开".into(),
            source: "长春日报".into(),
            url: Some(url.into()),
            body: "9月5日，中共长春市委人大工作会议召开。\n".repeat(20).into(),
            ..Default::default()
        };
        App::of_articles(vec![article], width, height)
    }

    /// The text of the cells of `rect` in the frame drawn for `app`.
    fn cells(app: &App, rect: Rect) -> String {
        let area = app.geometry().area;
        let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
        terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
        let buf = terminal.backend().buffer();
        (rect.left()..rect.right())
            .map(|x| buf[(x, rect.y)].symbol())
            .collect()
    }

    /// The whole frame as text, the hidden half of a wide glyph skipped, the reader's current
    /// match in `[…]` and other marked text (other matches, the query's terms) in `{…}`.
    fn marked_frame(app: &App) -> String {
        use ratatui::style::Modifier;
        let area = app.geometry().area;
        let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
        terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
        let buf = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..area.height {
            let (mut skip, mut open) = (0, None);
            for x in 0..area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let cell = &buf[(x, y)];
                let m = cell.modifier;
                let mark = if m.contains(Modifier::REVERSED) && x > 0 && y > 0 {
                    Some(('[', ']'))
                } else if m.contains(Modifier::UNDERLINED) && y > 0 {
                    Some(('{', '}'))
                } else {
                    None
                };
                if mark != open {
                    if let Some((_, close)) = open {
                        out.push(close);
                    }
                    if let Some((start, _)) = mark {
                        out.push(start);
                    }
                    open = mark;
                }
                skip = crate::text::width(cell.symbol()).saturating_sub(1);
                out.push_str(cell.symbol());
            }
            if let Some((_, close)) = open {
                out.push(close);
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn a_frame_marks_the_current_match_the_other_matches_and_the_query_terms() {
        let article = Article {
            id: "a".into(),
            title: "升国旗仪式".into(),
            body: "清晨，天安门广场举行升国旗仪式。\n國旗在风中飘扬，仪式结束。\n下午有升旗。"
                .into(),
            ..Default::default()
        };
        let mut app = App::of_articles(vec![article], 30, 12);
        app.update(Action::QueryInsert("仪式".into()));
        app.update(Action::Open);
        app.update(Action::FindStart);
        app.update(Action::FindInsert("国旗".into()));
        app.update(Action::FindRun);
        app.update(Action::NextMatch);
        let frame = marked_frame(&app);
        assert_eq!(
            frame,
            "\
> 仪式                     1/1
╭ 1/1 ───────────────────────╮
│升{国旗仪式}                  █
│id a                        █
│                            █
│清晨，天安门广场举行升[国旗]{仪}█
│{式}。                        █
│                            █
│{國旗}在风中飘扬，{仪式}结束。  █
│                            █
╰────────────── 国旗 2/3  0% ╯
Esc back  j/k scroll  Space/b…
"
        );
    }

    #[test]
    fn the_url_row_is_offered_whole_where_it_is_drawn() {
        let app = app(URL, 160, 30);
        let links = crate::ui::links(&app);
        assert_eq!(links.len(), 1);
        let (rect, url) = &links[0];
        assert_eq!(url, URL);
        let inner = Geometry::inner(app.geometry().detail);
        // Title, meta, id, then the URL: the fourth row of the pane.
        assert_eq!((rect.x, rect.y, rect.height), (inner.x, inner.y + 3, 1));
        assert_eq!(usize::from(rect.width), URL.len());
        assert_eq!(cells(&app, *rect), URL);
        let id_row = Rect::new(inner.x, inner.y + 2, 19, 1);
        assert_eq!(cells(&app, id_row), "id 618211eec43b155d");
    }

    #[test]
    fn a_url_wider_than_the_pane_is_cut_on_its_row_and_still_offered_whole() {
        let mut app = app(URL, 40, 20);
        app.update(Action::Open);
        let links = crate::ui::links(&app);
        let (rect, url) = &links[0];
        assert_eq!(url, URL);
        assert_eq!(rect.width, 38);
        let shown = cells(&app, *rect);
        assert_eq!(shown, format!("{}…", &URL[..37]));
    }

    #[test]
    fn no_link_under_a_window_or_for_other_schemes() {
        let mut app = app(URL, 160, 30);
        app.update(Action::ToggleHelp);
        assert_eq!(crate::ui::links(&app), []);
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "www.example.com",
        ] {
            assert_eq!(crate::ui::links(&self::app(url, 160, 30)), [], "{url}");
        }
        assert_eq!(
            crate::ui::links(&self::app("HTTP://A.CN/", 160, 30)).len(),
            1
        );
    }

    #[test]
    fn no_link_once_the_url_row_is_scrolled_away() {
        let mut app = app(URL, 40, 10);
        app.update(Action::Open);
        assert_eq!(crate::ui::links(&app).len(), 1);
        app.update(Action::Scroll(4));
        assert_eq!(crate::ui::links(&app), []);
    }
}
