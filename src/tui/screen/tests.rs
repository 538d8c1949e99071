//! The renderer against a terminal emulator: whatever the sequence of frames, the screen the
//! emulator (`vt100`) shows after each is the frame, cell for cell, with its colours and
//! attributes — the scroll path and the cursor tracking never leave a stale cell.

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};

use super::*;

const OPTIONS: Options = Options {
    unicode: true,
    ambiguous_wide: false,
    hyperlinks: true,
};

/// Renders `frames` one after the other into an emulator, checking the screen after each;
/// returns the bytes each frame cost.
fn check(frames: &[(Buffer, Option<Position>, Vec<Link>)]) -> Vec<usize> {
    let mut area = frames[0].0.area;
    let mut term = vt100::Parser::new(area.height, area.width, 0);
    let mut screen = Screen::new(OPTIONS);
    let mut costs = Vec::new();
    for (i, (buf, cursor, links)) in frames.iter().enumerate() {
        if buf.area != area {
            area = buf.area;
            term.screen_mut().set_size(area.height, area.width);
            screen.invalidate();
        }
        let mut out = Vec::new();
        let picture = Picture {
            buffer: buf,
            cursor: *cursor,
            links,
        };
        screen.render(&picture, &mut out);
        term.process(&out);
        costs.push(out.len());
        assert_same(term.screen(), buf, i);
        if let Some(c) = cursor {
            assert_eq!(term.screen().cursor_position(), (c.y, c.x), "frame {i}");
            assert!(!term.screen().hide_cursor(), "frame {i}");
        } else {
            assert!(term.screen().hide_cursor(), "frame {i}");
        }
        assert!(
            !out.iter()
                .any(|&b| b < 0x20 && !matches!(b, 0x1b | b'\r' | b'\n'))
        );
    }
    costs
}

fn assert_same(screen: &vt100::Screen, buf: &Buffer, frame: usize) {
    let mut glyphs = Vec::new();
    for y in 0..buf.area.height {
        glyphs::row(buf, y, &mut glyphs);
        for g in &glyphs {
            let want = &buf[(g.x, y)];
            let got = screen.cell(y, g.x).expect("cell");
            let text = match got.contents() {
                "" => " ",
                s => s,
            };
            let row: String = (0..buf.area.width)
                .filter_map(|x| screen.cell(y, x).map(|c| c.contents().to_string()))
                .collect();
            assert_eq!(
                text,
                want.symbol(),
                "frame {frame}, row {y}, column {}: {row:?}",
                g.x
            );
            assert_eq!(
                got.fgcolor(),
                colour(want.fg),
                "frame {frame} ({}, {y})",
                g.x
            );
            assert_eq!(
                got.bgcolor(),
                colour(want.bg),
                "frame {frame} ({}, {y})",
                g.x
            );
            let m = want.modifier;
            assert_eq!(got.bold(), m.contains(Modifier::BOLD), "frame {frame}");
            assert_eq!(got.italic(), m.contains(Modifier::ITALIC), "frame {frame}");
            assert_eq!(
                got.underline(),
                m.contains(Modifier::UNDERLINED),
                "frame {frame}"
            );
            assert_eq!(
                got.inverse(),
                m.contains(Modifier::REVERSED),
                "frame {frame}"
            );
        }
    }
}

fn colour(c: Color) -> vt100::Color {
    let named = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Indexed(n) => vt100::Color::Idx(n),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        c => vt100::Color::Idx(named.iter().position(|&n| n == c).unwrap() as u8),
    }
}

/// Lines of an article: Chinese, ASCII and mixed, some styled.
fn document(seed: u64, lines: usize, width: u16) -> Vec<(String, Style)> {
    let mut rng = oorandom::Rand32::new(seed);
    let words = [
        "改革开放",
        "新华社",
        "北京",
        "ABC",
        "2019年",
        "，",
        "。",
        "“引号”",
        "juan",
        " ",
        "國旗",
        "—",
        "😀",
        "e\u{301}",
    ];
    let styles = [
        Style::default(),
        Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD),
        Style::default().fg(Color::DarkGray),
        Style::default().add_modifier(Modifier::REVERSED),
        Style::default()
            .bg(Color::Indexed(236))
            .fg(Color::Rgb(200, 100, 0)),
    ];
    (0..lines)
        .map(|_| {
            let mut s = String::new();
            let n = rng.rand_range(0..(u32::from(width) / 2));
            for _ in 0..n {
                s.push_str(words[rng.rand_range(0..words.len() as u32) as usize]);
            }
            (s, styles[rng.rand_range(0..styles.len() as u32) as usize])
        })
        .collect()
}

/// A frame like the reader's: a query row, a bordered pane showing `doc` from `top`, a
/// status row.
fn reader(area: Rect, doc: &[(String, Style)], top: usize, status: &str) -> Buffer {
    let mut buf = Buffer::empty(area);
    buf.set_string(0, 0, "> query", Style::default().fg(Color::Cyan));
    let inner = area.width.saturating_sub(2);
    for y in 1..area.height.saturating_sub(1) {
        buf.set_string(0, y, "│", Style::default());
        buf.set_string(area.width - 1, y, "│", Style::default());
        if let Some((text, style)) = doc.get(top + usize::from(y) - 1) {
            buf.set_stringn(1, y, text, usize::from(inner), *style);
        }
    }
    buf.set_string(
        0,
        area.height - 1,
        status,
        Style::default().fg(Color::Green),
    );
    buf
}

#[test]
fn one_line_scroll_sends_one_row() {
    let area = Rect::new(0, 0, 80, 24);
    let doc = document(7, 200, 80);
    let frames: Vec<_> = (0..6)
        .map(|top| (reader(area, &doc, top, "status"), None, Vec::new()))
        .collect();
    let costs = check(&frames);
    for (i, &cost) in costs.iter().enumerate().skip(1) {
        // The row that came in (cut to the pane), its colours, the move, the region.
        let row: String = doc[i + 21].0.chars().take(78).collect();
        assert!(
            cost <= row.len() + 100 && cost * 5 < costs[0],
            "frame {i}: {cost} bytes for a row of {}",
            row.len()
        );
    }
    assert!(costs[0] > 1000, "the first frame paints everything");
}

#[test]
fn links_are_wrapped_and_closed() {
    let area = Rect::new(0, 0, 30, 3);
    let mut buf = Buffer::empty(area);
    buf.set_string(0, 1, "https://x.cn/a b", Style::default());
    let links = vec![Link {
        x: 0,
        y: 1,
        width: 16,
        url: "https://x.cn/a b\u{1b}]".into(),
    }];
    let mut screen = Screen::new(OPTIONS);
    let mut out = Vec::new();
    screen.render(
        &Picture {
            buffer: &buf,
            cursor: None,
            links: &links,
        },
        &mut out,
    );
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("\x1b]8;;https://x.cn/a%20b%1B]\x1b\\https://x.cn/a b\x1b]8;;\x1b\\"),
        "{text:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Scrolls by any amount, highlight moves, edits, links and resizes: the emulator's
    /// screen equals each frame.
    #[test]
    fn the_screen_always_equals_the_frame(
        seed in any::<u64>(),
        steps in prop::collection::vec((0u8..6, 0u16..40), 1..30),
    ) {
        let mut area = Rect::new(0, 0, 40, 12);
        let doc = document(seed, 120, 40);
        let mut top = 10usize;
        let mut frames = Vec::new();
        for (op, n) in steps {
            let mut links = Vec::new();
            match op {
                0 => top = (top + usize::from(n % 3) + 1).min(100),
                1 => top = top.saturating_sub(usize::from(n % 3) + 1),
                2 => top = usize::from(n) * 2,
                3 => area = Rect::new(0, 0, 20 + n, 5 + n % 10),
                4 => links.push(Link { x: 1, y: 2, width: 10, url: format!("https://e.cn/{n}") }),
                _ => {}
            }
            let mut buf = reader(area, &doc, top, &format!("{top}%"));
            if op == 5 {
                let y = 1 + n % area.height.saturating_sub(2).max(1);
                buf.set_style(Rect::new(0, y, area.width, 1), Style::default().add_modifier(Modifier::REVERSED));
            }
            let cursor = (op == 2).then_some(Position::new(n % area.width, 0));
            frames.push((buf, cursor, links));
        }
        check(&frames);
    }
}

#[test]
fn a_wide_character_cut_by_the_right_edge_never_wraps() {
    let area = Rect::new(0, 0, 5, 2);
    let mut buf = Buffer::empty(area);
    buf.set_string(0, 0, "abcd", Style::default());
    // Forced in, as no widget would: a wide glyph in the last column.
    buf[(4, 0)].set_symbol("中");
    buf.set_string(0, 1, "xy", Style::default());
    let mut screen = Screen::new(OPTIONS);
    let mut out = Vec::new();
    screen.render(
        &Picture {
            buffer: &buf,
            cursor: None,
            links: &[],
        },
        &mut out,
    );
    let mut term = vt100::Parser::new(2, 5, 0);
    term.process(&out);
    assert_eq!(term.screen().contents_between(1, 0, 1, 5).trim_end(), "xy");
    assert!(!String::from_utf8_lossy(&out).contains('中'));
}
