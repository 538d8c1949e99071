//! Tests of the strip: bars scaled to the busiest period, empty periods blank, labels, the
//! selected period reversed, ASCII bars, and a whole frame with the strip in place.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use super::*;
use crate::app::Action;
use crate::article::Article;
use crate::date::Date;

fn art(id: &str, title: &str, date: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        date: Date::from_text(date),
        source: "人民日报".into(),
        body: format!("{title}。").into(),
        ..Default::default()
    }
}

/// 2015 ×2, 2017, 2019 and one undated; newest first `d c b a u`.
fn app(width: u16, height: u16, settings: Settings) -> App {
    let articles = vec![
        art("a", "改革开放再出发", "2015-03-02 09:00"),
        art("b", "春季农业生产全面展开", "2015-03-20"),
        art("c", "新年钟声敲响", "2017-01-01 04:00"),
        art("d", "深化改革开放 推动高质量发展", "2019-03-07 10:00"),
        art("u", "改革开放四十年图片展", ""),
    ];
    App::new(
        crate::corpus::Corpus::from_articles(articles),
        vec![],
        settings,
        width,
        height,
    )
}

/// The line's text, with the selected cells in `[…]`.
fn shown(line: &Line, theme: &Theme) -> String {
    line.spans
        .iter()
        .map(|s| {
            if s.style == theme.selected {
                format!("[{}]", s.content)
            } else {
                s.content.to_string()
            }
        })
        .collect()
}

fn strip_of(app: &App) -> String {
    let theme = Theme::new(&app.settings);
    let line = strip(
        app.timeline(),
        app.selected_period(),
        bars(&app.settings),
        &theme,
    );
    shown(&line, &theme)
}

#[test]
fn bars_scale_to_the_busiest_period_and_empty_ones_are_blank() {
    assert_eq!(level(1, 2, 8), 3, "half the busiest: the fourth bar");
    assert_eq!(level(2, 2, 8), 7);
    assert_eq!(level(1, 1000, 8), 0, "one is still a bar");
    assert_eq!(level(999, 1000, 8), 7);
    assert_eq!(level(500, 1000, 7), 3);
    // 30 cells: labels of 4, then 20 cells for 5 years, 4 each.
    let a = app(30, 24, Settings::default());
    assert_eq!(strip_of(&a), "2015 ████    ▄▄▄▄    [▄▄▄▄] 2019");
}

#[test]
fn the_selected_articles_period_is_marked() {
    let mut a = app(30, 24, Settings::default());
    a.update(Action::SelectNext);
    assert_eq!(strip_of(&a), "2015 ████    [▄▄▄▄]    ▄▄▄▄ 2019");
    a.update(Action::SelectLast);
    assert_eq!(
        strip_of(&a),
        "2015 ████    ▄▄▄▄    ▄▄▄▄ 2019",
        "an undated article is in no period"
    );
}

#[test]
fn ascii_bars_without_unicode_or_with_wide_ambiguous_characters() {
    let ascii = Settings {
        unicode: false,
        ..Settings::default()
    };
    assert_eq!(
        strip_of(&app(30, 24, ascii)),
        "2015 ####    ====    [====] 2019"
    );
    let wide = Settings {
        ambiguous: AmbiguousWidth::Wide,
        ..Settings::default()
    };
    assert_eq!(bars(&wide), ASCII_BARS);
    assert_eq!(bars(&Settings::default()), BARS);
}

#[test]
fn labels_go_when_there_is_no_room() {
    // 12 cells: no labels; 5 years of 2 cells.
    assert_eq!(strip_of(&app(12, 24, Settings::default())), "██  ▄▄  [▄▄]");
}

fn draw(app: &App) -> Buffer {
    let area = app.geometry().area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol())
        .collect::<String>()
}

#[test]
fn a_whole_frame_has_the_strip_under_the_query_line() {
    let a = app(40, 14, Settings::default());
    let buf = draw(&a);
    // 40 cells: 30 for 5 years beside the labels, 6 each.
    let strip = "2015 ██████      ▄▄▄▄▄▄      ▄▄▄▄▄▄ 2019";
    assert_eq!(row(&buf, 1), strip);
    assert!(row(&buf, 0).starts_with("> "), "the query line above");
    assert!(row(&buf, 2).starts_with('╭'), "the list under it");
    assert!(row(&buf, 3).starts_with("│深"), "{}", row(&buf, 3));
    // The selected article's year (2019) in reverse video, and only it.
    let reversed: Vec<u16> = (0..40)
        .filter(|&x| buf[(x, 1)].modifier.contains(Modifier::REVERSED))
        .collect();
    assert_eq!(reversed, (29..35).collect::<Vec<_>>());
    // Short terminals and the reader have no strip.
    let short = draw(&app(40, 11, Settings::default()));
    assert!(row(&short, 1).starts_with('╭'));
    let mut reader = app(40, 14, Settings::default());
    reader.update(Action::Open);
    assert!(!row(&draw(&reader), 1).contains("2015"));
}
