//! Whole frames of the interface drawn into ratatui's `TestBackend`: the sample archive at
//! 80×24 and 120×40, filtered, with the seed open, help, source picker, and tiny terminals.
//! Snapshots live in `tests/snapshots/`; styles that text cannot show are asserted cell by cell.

use std::path::PathBuf;

use juan::app::{Action, App, Settings};
use juan::archive;
use juan::text::AmbiguousWidth;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

const SEED_TITLE: &str = "中共长春市委人大工作会议召开";

fn sample_app(width: u16, height: u16, mode: AmbiguousWidth) -> App {
    let loaded = archive::load(&[PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-data"
    ))]);
    assert!(
        loaded.problems.is_empty(),
        "sample-data loads cleanly: {:?}",
        loaded.problems
    );
    App::new(
        juan::Corpus::from_articles(loaded.articles),
        loaded.problems,
        Settings {
            ambiguous: mode,
            ..Settings::default()
        },
        width,
        height,
    )
}

fn draw(app: &App) -> Buffer {
    let area = app.geometry().area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal.draw(|f| juan::ui::draw(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// The buffer as text, one line per row; the hidden half of a wide character is skipped.
fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}

fn type_query(app: &mut App, q: &str) {
    for c in q.chars() {
        app.update(Action::QueryInsert(c.to_string()));
    }
}

#[test]
fn sample_list_80x24_and_120x40() {
    insta::assert_snapshot!(
        "list_80x24",
        text(&draw(&sample_app(80, 24, AmbiguousWidth::Narrow)))
    );
    insta::assert_snapshot!(
        "list_120x40",
        text(&draw(&sample_app(120, 40, AmbiguousWidth::Narrow)))
    );
}

#[test]
fn filtered_list_highlights_the_matched_chinese_characters() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = sample_app(w, h, AmbiguousWidth::Narrow);
        type_query(&mut app, "长春人大");
        let buf = draw(&app);
        let screen = text(&buf);
        insta::assert_snapshot!(format!("filtered_{w}x{h}"), screen);
        // The seed's row: 长 春 人 大 are drawn matched (bold, underlined); 市 is not.
        let (row, line) = screen
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(SEED_TITLE))
            .expect("seed listed");
        let title_at = line.find(SEED_TITLE).unwrap();
        let col_of = |needle: char| {
            let byte = title_at + line[title_at..].find(needle).unwrap();
            juan::text::width(&line[..byte]) as u16
        };
        for c in ['长', '春', '人', '大'] {
            let cell = &buf[(col_of(c), row as u16)];
            assert!(
                cell.modifier
                    .contains(Modifier::BOLD | Modifier::UNDERLINED),
                "{c} not highlighted"
            );
        }
        assert!(
            !buf[(col_of('市'), row as u16)]
                .modifier
                .contains(Modifier::UNDERLINED)
        );
    }
}

/// Cells of `row` (a line of [`text`]) that hold the chars of `title`, found after `title`'s start.
fn title_cells(screen: &str, title: &str) -> (u16, Vec<(char, u16)>) {
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(title))
        .expect("title listed");
    let start = line.find(title).unwrap();
    let mut col = juan::text::width(&line[..start]) as u16;
    let mut cells = Vec::new();
    for c in title.chars() {
        cells.push((c, col));
        col += juan::text::width(&c.to_string()) as u16;
    }
    (row as u16, cells)
}

#[test]
fn pinyin_initials_list_the_seed_with_the_chinese_they_matched_highlighted() {
    let mut app = sample_app(120, 40, AmbiguousWidth::Narrow);
    type_query(&mut app, "ccrd");
    let buf = draw(&app);
    let screen = text(&buf);
    insta::assert_snapshot!("pinyin_ccrd_120x40", screen);
    let (row, cells) = title_cells(&screen, SEED_TITLE);
    let marked: String = cells
        .iter()
        .filter(|(_, col)| {
            buf[(*col, row)]
                .modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
        })
        .map(|(c, _)| *c)
        .collect();
    assert_eq!(marked, "长春人大");
}

#[test]
fn seed_in_the_detail_pane_and_the_reader() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = sample_app(w, h, AmbiguousWidth::Narrow);
        type_query(&mut app, SEED_TITLE);
        insta::assert_snapshot!(format!("seed_detail_{w}x{h}"), text(&draw(&app)));
        app.update(Action::Open);
        insta::assert_snapshot!(format!("seed_reader_{w}x{h}"), text(&draw(&app)));
        app.update(Action::ScrollBottom);
        let end = text(&draw(&app));
        assert!(end.contains("100%"), "{end}");
        let joined: String = end
            .lines()
            .map(|l| l.trim_matches(|c| c == '│' || c == ' ' || c == '█'))
            .collect();
        assert!(joined.contains("主要负责同志等参加会议。"), "{end}");
    }
}

#[test]
fn help_and_source_picker() {
    let mut app = sample_app(80, 24, AmbiguousWidth::Narrow);
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!("help_80x24", text(&draw(&app)));
    app.update(Action::Back);
    app.update(Action::OpenSources);
    insta::assert_snapshot!("sources_80x24", text(&draw(&app)));
    app.update(Action::SelectNext);
    app.update(Action::Open);
    let chosen = app.source_filter().expect("a source is chosen").to_string();
    assert!(app.hits().iter().all(|h| app.article(h).source == chosen));
    app.update(Action::Back);
    assert_eq!(app.source_filter(), None);
}

#[test]
fn a_20x5_terminal() {
    let mut app = sample_app(20, 5, AmbiguousWidth::Narrow);
    insta::assert_snapshot!("list_20x5", text(&draw(&app)));
    app.update(Action::Open);
    insta::assert_snapshot!("reader_20x5", text(&draw(&app)));
}

#[test]
fn wide_ambiguous_mode_draws_ascii_chrome() {
    let mut app = sample_app(80, 24, AmbiguousWidth::Wide);
    type_query(&mut app, SEED_TITLE);
    app.update(Action::Back);
    let screen = text(&draw(&app));
    for c in screen.chars() {
        let ambiguous_chrome = matches!(
            c,
            '─' | '│' | '┌' | '┐' | '└' | '┘' | '█' | '…' | '“' | '”' | '—' | '·'
        );
        assert!(!ambiguous_chrome, "{c:?} drawn in wide mode:\n{screen}");
    }
}

/// True for the characters juan draws around text when Unicode is on: box drawing, block
/// elements (the scrollbar's thumb), geometric shapes (`▶`) and arrows.
fn unicode_chrome(c: char) -> bool {
    matches!(c, '\u{2500}'..='\u{25FF}' | '\u{2190}'..='\u{21FF}')
}

#[test]
fn without_unicode_every_frame_draws_ascii_chrome() {
    let loaded = archive::load(&[PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-data"
    ))]);
    let settings = Settings {
        unicode: false,
        ..Settings::default()
    };
    let mut app = App::new(
        juan::Corpus::from_articles(loaded.articles),
        vec![],
        settings,
        120,
        40,
    );
    let mut frames = Vec::new();
    let mut shoot = |app: &App, what: &str| frames.push((what.to_string(), draw(app)));
    shoot(&app, "list and article side by side");
    type_query(&mut app, SEED_TITLE);
    shoot(&app, "filtered");
    app.update(Action::Open);
    shoot(&app, "reader, scrollbar");
    app.update(Action::ScrollPageDown);
    shoot(&app, "reader, scrolled");
    app.update(Action::ToggleHelp);
    shoot(&app, "help");
    app.update(Action::Back);
    app.update(Action::Back);
    app.update(Action::OpenSources);
    shoot(&app, "source picker");
    app.update(Action::Back);
    app.update(Action::Resize(80, 24));
    shoot(&app, "stacked");
    for (what, buf) in &frames {
        let screen = text(buf);
        for (i, cell) in buf.content().iter().enumerate() {
            let bad = cell.symbol().chars().find(|&c| unicode_chrome(c));
            assert!(
                bad.is_none(),
                "{what}: {bad:?} at cell {i} with Unicode off:\n{screen}"
            );
        }
        // The chrome is there, in ASCII: the first pane's corner and edges (under the
        // timeline strip, which the reader has not).
        let top = if what.starts_with("reader") || what == "help" {
            1
        } else {
            2
        };
        assert_eq!(buf[(0, top)].symbol(), "+", "{what}:\n{screen}");
        assert_eq!(buf[(0, top + 1)].symbol(), "|", "{what}:\n{screen}");
        assert!(
            screen
                .lines()
                .nth(usize::from(top))
                .unwrap()
                .contains("---"),
            "{what}:\n{screen}"
        );
    }
    // The reader's scrollbar is ASCII too, and so is the list's cut title.
    let reader = text(&frames[2].1);
    assert!(reader.lines().any(|l| l.ends_with('#')), "{reader}");
    let list = text(&frames[0].1);
    assert!(list.contains("..."), "{list}");
}

#[test]
fn every_size_down_to_1x1_draws_without_panicking() {
    let mut app = sample_app(80, 24, AmbiguousWidth::Narrow);
    type_query(&mut app, "人");
    app.update(Action::Open);
    app.update(Action::Scroll(5));
    for w in (1..=130).step_by(3) {
        for h in [1, 2, 3, 5, 8, 14, 15, 24, 40] {
            app.update(Action::Resize(w, h));
            let buf = draw(&app);
            assert_eq!(buf.area.width, w);
        }
    }
}

#[test]
fn a_query_error_shows_under_the_query_line_and_keeps_the_list() {
    let mut app = sample_app(80, 24, AmbiguousWidth::Narrow);
    type_query(&mut app, "长春 date:2017-13");
    let screen = text(&draw(&app));
    let second_row = screen.lines().nth(1).unwrap();
    assert!(second_row.contains("month 13 is out of range"), "{screen}");
    assert!(
        screen.contains("长春"),
        "the last good list stays:\n{screen}"
    );
}

#[test]
fn no_color_draws_without_colours() {
    let loaded = archive::load(&[PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-data"
    ))]);
    let settings = Settings {
        color: false,
        ..Settings::default()
    };
    let mut app = App::new(
        juan::Corpus::from_articles(loaded.articles),
        vec![],
        settings,
        120,
        40,
    );
    type_query(&mut app, "ccrd");
    let buf = draw(&app);
    for cell in buf.content() {
        assert_eq!(
            cell.fg,
            ratatui::style::Color::Reset,
            "a colour under NO_COLOR at {:?}",
            cell.symbol()
        );
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    // Matches and the selection still show, through bold/underline and reverse video.
    assert!(
        buf.content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::UNDERLINED))
    );
    assert!(
        buf.content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED))
    );
}
