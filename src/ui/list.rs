//! The list pane: date, source and title columns sized by display width, titles truncated with
//! an ellipsis, matched characters highlighted. Once the reader's marks are known, unread
//! titles are bold and a marker column leads each row (`★` starred, `•` unread; `*` and `+`
//! where the chrome is ASCII), so they stand out without colour too.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;

use super::pane;
use super::theme::Theme;
use crate::app::{App, Focus, RowMarks};
use crate::search::Snippet;
use crate::text::{self, AmbiguousWidth, for_display};

/// Widest a source column gets.
const SOURCE_MAX: usize = 10;

/// Draws the list pane in `area`.
pub(crate) fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let block = pane(theme, app.focus() == Focus::List);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let hits = app.hits();
    let shown = &hits[app.list_offset().min(hits.len())..];
    let view = &shown[..rows.min(shown.len())];
    let mode = app.settings.ambiguous;
    // Columns that fit: all three from 60 cells, date and title from 40, else the title alone.
    let date_w = if width >= 40 { 16 } else { 0 };
    // Rows with a body snippet need room beside the title: below 100 cells the source goes.
    let snippets = view.iter().any(|h| app.snippet_of(h).is_some());
    let source_w = if width >= 60 && !(snippets && width < 100) {
        view.iter()
            .map(|h| text::width(app.row(h).source))
            .max()
            .unwrap_or(0)
            .min(SOURCE_MAX)
    } else {
        0
    };
    let sep = theme.chrome.separator;
    let sep_w = text::width(sep);
    let mut lines = Vec::with_capacity(view.len());
    for (i, hit) in view.iter().enumerate() {
        let a = app.row(hit);
        let selected = app.list_offset() + i == app.selected();
        let mut spans = Vec::new();
        let mut used = 0;
        let marks = app.row_marks(hit.article());
        if let Some(marks) = marks.filter(|_| width >= 20) {
            spans.push(Span::styled(marker(marks, theme), theme.heading));
            used += 2;
        }
        if date_w > 0 {
            spans.push(Span::styled(
                theme.pad(&a.date.display(), date_w),
                theme.date,
            ));
            spans.push(Span::styled(sep, theme.border));
            used += date_w + sep_w;
        }
        if source_w > 0 {
            spans.push(Span::styled(
                theme.pad(&for_display(a.source, mode), source_w),
                theme.source,
            ));
            spans.push(Span::styled(sep, theme.border));
            used += source_w + sep_w;
        }
        let room = width.saturating_sub(used);
        // A body hit: the title takes two fifths and the context around the body's first
        // match the rest (when there are 40 cells for both).
        let snippet = app.snippet_of(hit).filter(|_| room >= 40);
        let title_w = if snippet.is_some() {
            room * 2 / 5
        } else {
            room
        };
        let title = title_spans(a.title, app.positions_of(hit), title_w, mode, theme);
        let title_used: usize = title.iter().map(|s| text::width(&s.content)).sum();
        let title_spans = spans.len()..spans.len() + title.len();
        spans.extend(title);
        if let Some(snippet) = snippet {
            spans.push(Span::raw(" ".repeat(title_w - title_used.min(title_w))));
            spans.push(Span::styled(sep, theme.border));
            let w = room.saturating_sub(title_w + sep_w);
            spans.extend(snippet_spans(snippet, w, mode, theme));
        }
        if selected {
            // One style over the row's text (matched characters still marked), and no fill to
            // the edge: moving the selection rewrites two rows' text and nothing more — over
            // SSH a step costs about what fzf's does.
            for span in &mut spans {
                span.style = if span.style == theme.matched {
                    theme.selected.patch(theme.matched)
                } else {
                    theme.selected
                };
            }
        }
        if marks.is_some_and(|m| !m.read) {
            for span in &mut spans[title_spans] {
                span.style = span.style.add_modifier(Modifier::BOLD);
            }
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(inner, frame.buffer_mut());
}

/// The title cut to `width` cells, with the chars at `positions` (char indices) highlighted.
/// Each grapheme is mapped for display on its own, so positions stay right in wide mode.
pub(crate) fn title_spans(
    title: &str,
    positions: &[usize],
    width: usize,
    mode: AmbiguousWidth,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let marked: HashSet<usize> = positions.iter().copied().collect();
    let total: usize = text::width(&for_display(title, mode));
    let limit = if total > width {
        width.saturating_sub(text::width(theme.chrome.ellipsis))
    } else {
        width
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let (mut run, mut run_marked) = (String::new(), false);
    let mut used = 0;
    let mut char_index = 0;
    for g in title.graphemes(true) {
        let shown = for_display(g, mode);
        let w = text::width(&shown);
        if used + w > limit {
            break;
        }
        used += w;
        let is_marked = (char_index..char_index + g.chars().count()).any(|i| marked.contains(&i));
        char_index += g.chars().count();
        if is_marked != run_marked && !run.is_empty() {
            spans.push(styled(std::mem::take(&mut run), run_marked, theme));
        }
        run_marked = is_marked;
        run.push_str(&shown);
    }
    if !run.is_empty() {
        spans.push(styled(run, run_marked, theme));
    }
    if total > width && width > 0 {
        spans.push(Span::styled(theme.chrome.ellipsis.to_string(), theme.text));
    }
    spans
}

/// A body snippet cut to `width` cells around its match: the match centred (as far as the
/// text before it allows), cut with an ellipsis on either side, the match highlighted.
pub(crate) fn snippet_spans(
    snippet: &Snippet,
    width: usize,
    mode: AmbiguousWidth,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let ellipsis = theme.chrome.ellipsis;
    let ell_w = text::width(ellipsis);
    let shown = |s: &str| for_display(s, mode).into_owned();
    let (before, rest) = snippet.text.split_at(snippet.marked.start);
    let (matched, after) = rest.split_at(snippet.marked.len());
    let matched_w = text::width(&shown(matched));
    if width <= matched_w + 2 * ell_w {
        return title_spans(&snippet.text, &[], width, mode, theme);
    }
    // Up to half of what the match leaves, from the end of the text before it.
    let mut lead = String::new();
    let mut lead_w = 0;
    let lead_room = (width - matched_w) / 2;
    let mut cut_before = false;
    for g in before.graphemes(true).rev() {
        let w = text::width(&shown(g));
        if lead_w + w + ell_w > lead_room {
            cut_before = true;
            break;
        }
        lead.insert_str(0, &shown(g));
        lead_w += w;
    }
    let mut spans = Vec::new();
    if cut_before {
        spans.push(Span::styled(ellipsis.to_string(), theme.text));
        lead_w += ell_w;
    }
    spans.push(Span::styled(lead, theme.text));
    spans.push(Span::styled(shown(matched), theme.matched));
    let tail_room = width - lead_w - matched_w;
    spans.extend(title_spans(after, &[], tail_room, mode, theme));
    spans
}

/// The marker column of a row (two cells): starred, else unread, else blank; ASCII where
/// the chrome is.
fn marker(marks: RowMarks, theme: &Theme) -> &'static str {
    let ascii = theme.chrome.ellipsis.is_ascii();
    match (marks.starred, marks.read, ascii) {
        (true, _, false) => "★ ",
        (true, _, true) => "* ",
        (false, false, false) => "• ",
        (false, false, true) => "+ ",
        (false, true, _) => "  ",
    }
}

fn styled(text: String, marked: bool, theme: &Theme) -> Span<'static> {
    Span::styled(text, if marked { theme.matched } else { theme.text })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Settings;

    fn theme() -> Theme {
        Theme::new(&Settings::default())
    }

    fn render(spans: &[Span]) -> String {
        spans
            .iter()
            .map(|s| {
                if s.style == theme().matched {
                    format!("[{}]", s.content)
                } else {
                    s.content.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn highlights_chinese_chars_by_char_index() {
        let t = theme();
        let spans = title_spans(
            "中共长春市委人大工作会议召开",
            &[2, 3, 6, 7],
            40,
            AmbiguousWidth::Narrow,
            &t,
        );
        assert_eq!(render(&spans), "中共[长春]市委[人大]工作会议召开");
    }

    #[test]
    fn truncates_by_cells_with_an_ellipsis() {
        let t = theme();
        let spans = title_spans(
            "中共长春市委人大工作会议召开",
            &[2, 12],
            11,
            AmbiguousWidth::Narrow,
            &t,
        );
        assert_eq!(render(&spans), "中共[长]春市…");
        let width: usize = spans.iter().map(|s| text::width(&s.content)).sum();
        assert!(width <= 11);
    }

    #[test]
    fn snippets_centre_their_match_and_cut_both_ends() {
        let t = theme();
        let text = format!("{}改革{}", "前".repeat(30), "后".repeat(30));
        let snippet = Snippet {
            marked: 90..96,
            text,
            matches: 1,
        };
        let spans = snippet_spans(&snippet, 20, AmbiguousWidth::Narrow, &t);
        assert_eq!(render(&spans), "…前前前[改革]后后后后…");
        let width: usize = spans.iter().map(|s| text::width(&s.content)).sum();
        assert!(width <= 20, "{width}");
        // A match near the start: nothing to cut before it.
        let snippet = Snippet {
            text: "改革开放四十年".into(),
            marked: 0..6,
            matches: 1,
        };
        let spans = snippet_spans(&snippet, 30, AmbiguousWidth::Narrow, &t);
        assert_eq!(render(&spans), "[改革]开放四十年");
    }

    #[test]
    fn wide_mode_maps_each_char_and_keeps_positions() {
        let t = Theme::new(&Settings {
            ambiguous: AmbiguousWidth::Wide,
            ..Settings::default()
        });
        let spans = title_spans("“人大”代表", &[1, 2], 40, AmbiguousWidth::Wide, &t);
        let shown: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(shown, "「人大」代表");
        assert!(
            spans
                .iter()
                .any(|s| s.content == "人大" && s.style == t.matched)
        );
    }

    /// An app over three articles, marks known: 乙 read, 丙 starred (and unread), 甲 unread.
    fn marked_app(settings: Settings) -> crate::app::App {
        use crate::article::Article;
        use crate::state::{Change, Memory};
        let art = |id: &str, title: &str, date: &str| Article {
            id: id.into(),
            title: title.into(),
            date: crate::date::Date::from_text(date),
            source: "长春日报".into(),
            body: "正文。".into(),
            ..Default::default()
        };
        let arts = vec![
            art("a", "甲：长春市人大开会", "2020-01-03"),
            art("b", "乙：北京地铁新线开通", "2020-01-02"),
            art("c", "丙：上海天气晴", "2020-01-01"),
        ];
        let mut memory = Memory::default();
        memory.apply(&Change::Read {
            id: "b".into(),
            read: true,
        });
        memory.apply(&Change::Star {
            id: "c".into(),
            starred: true,
        });
        let mut app = crate::app::App::new(
            crate::corpus::Corpus::from_articles(arts),
            vec![],
            settings,
            70,
            12,
        );
        app.attach_memory(memory, None);
        app
    }

    /// The list pane's rows as text, and whether each title is bold.
    fn list_rows(app: &crate::app::App) -> Vec<(String, bool)> {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        let area = app.geometry().area;
        let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
        terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
        let buf = terminal.backend().buffer();
        let list = crate::app::Geometry::inner(app.geometry().list);
        (list.top()..list.top() + 3)
            .map(|y| {
                let mut text = String::new();
                let mut skip = 0;
                for x in list.left()..list.right() {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    let sym = buf[(x, y)].symbol();
                    skip = text::width(sym).saturating_sub(1);
                    text.push_str(sym);
                }
                let title_x = (list.left()..list.right())
                    .find(|&x| "甲乙丙".contains(buf[(x, y)].symbol()))
                    .unwrap();
                let bold = buf[(title_x, y)].modifier.contains(Modifier::BOLD);
                (text.trim_end().to_string(), bold)
            })
            .collect()
    }

    #[test]
    fn unread_titles_are_bold_behind_a_marker_column() {
        let rows = list_rows(&marked_app(Settings::default()));
        assert_eq!(
            rows,
            [
                (
                    "• 2020-01-03       │ 长春日报 │ 甲：长春市人大开会".to_string(),
                    true
                ),
                (
                    "  2020-01-02       │ 长春日报 │ 乙：北京地铁新线开通".to_string(),
                    false
                ),
                (
                    "★ 2020-01-01       │ 长春日报 │ 丙：上海天气晴".to_string(),
                    true
                ),
            ]
        );
        // No colour and no Unicode: ASCII markers, still bold.
        let plain = Settings {
            color: false,
            unicode: false,
            ..Settings::default()
        };
        let rows = list_rows(&marked_app(plain));
        assert!(rows[0].0.starts_with("+ 2020-01-03"), "{rows:?}");
        assert!(rows[1].0.starts_with("  2020-01-02"), "{rows:?}");
        assert!(rows[2].0.starts_with("* 2020-01-01"), "{rows:?}");
        assert_eq!(
            rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            [true, false, true]
        );
    }

    #[test]
    fn no_marker_column_until_the_marks_are_known() {
        let app = crate::app::App::of_articles(
            vec![crate::article::Article {
                id: "a".into(),
                title: "甲：长春市人大开会".into(),
                ..Default::default()
            }],
            70,
            12,
        );
        assert_eq!(app.row_marks(0), None);
        let area = app.geometry().area;
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(area.width, area.height))
                .unwrap();
        terminal.draw(|f| crate::ui::draw(f, &app)).unwrap();
        let list = crate::app::Geometry::inner(app.geometry().list);
        let first = terminal.backend().buffer()[(list.left(), list.top())]
            .symbol()
            .to_string();
        assert_ne!(first, "•");
    }
}
