//! Draws the seed article through ratatui's `TestBackend` from `text::layout` rows (no
//! `Paragraph::wrap` or `scroll`) inside a bordered block at every width 20..=100, and checks
//! that nothing runs past the border, the border column is intact on every row, and every row is
//! drawn whole.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block as Frame, Paragraph};

use juan::text::{AmbiguousWidth, chrome, for_display, width};
use juan::text::{Block, BlockKind, Layout};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/000_618211eec43b155d.txt"
);
const PAGE: u16 = 12;

/// Footer lines of the scraped page: the body stops at the first one.
const FOOTER: &[&str] = &["| ", "版权所有", "ICP备", "技术支持", "本站访问量"];

/// The seed page split simply: title, metadata line, then one block per non-blank line up to
/// the footer (the real loader lives in `archive`).
fn seed_blocks(mode: AmbiguousWidth) -> Vec<Block> {
    let page = std::fs::read_to_string(SEED).expect("the seed page");
    let mut lines = page
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty());
    let block = |kind, text: &str| Block {
        kind,
        text: for_display(text, mode).into_owned(),
    };
    let mut blocks = vec![
        block(BlockKind::Title, lines.next().expect("a title")),
        block(BlockKind::Meta, lines.next().expect("a metadata line")),
    ];
    blocks.extend(
        lines
            .take_while(|l| {
                !FOOTER
                    .iter()
                    .any(|f| l.starts_with(f) || l.contains(f.trim()))
            })
            .map(|l| block(BlockKind::Body, l)),
    );
    assert!(blocks.len() > 8, "seed split into {} blocks", blocks.len());
    blocks
}

/// The text drawn in row `y` between columns `x0` and `x1` (wide cells' hidden halves skipped).
fn drawn(buf: &Buffer, y: u16, x0: u16, x1: u16) -> String {
    let mut out = String::new();
    let mut x = x0;
    while x < x1 {
        let symbol = buf[(x, y)].symbol();
        out.push_str(symbol);
        x += width(symbol).max(1) as u16;
    }
    out.trim_end().to_string()
}

/// Draws every page of the document at outer width `outer` and checks each frame.
fn check_width(layout: &mut Layout, outer: u16, mode: AmbiguousWidth) {
    let inner = usize::from(outer - 2);
    layout.set_width(inner);
    let total = layout.total_rows();
    let mut terminal = Terminal::new(TestBackend::new(outer, PAGE + 2)).unwrap();
    let border = chrome(mode).border;
    let mut top = 0;
    while top < total {
        let rows: Vec<String> = layout
            .rows(top, usize::from(PAGE))
            .iter()
            .map(|r| r.text.to_string())
            .collect();
        for row in &rows {
            assert!(
                width(row) <= inner,
                "width {outer}: {row:?} is {} wide",
                width(row)
            );
        }
        // The completed frame's buffer is what ratatui drew (the TestBackend's own copy keeps
        // stale cells hidden behind wide characters across frames, which is not our concern).
        let frame = terminal
            .draw(|frame| {
                let lines: Vec<Line> = rows.iter().map(|r| Line::raw(r.as_str())).collect();
                let area = Rect::new(0, 0, outer, PAGE + 2);
                let pane = Paragraph::new(lines).block(Frame::bordered().border_set(border));
                frame.render_widget(pane, area);
            })
            .unwrap();
        let buf = frame.buffer;
        for y in 1..=PAGE {
            assert_eq!(
                buf[(0, y)].symbol(),
                border.vertical_left,
                "left border, row {y}"
            );
            assert_eq!(
                buf[(outer - 1, y)].symbol(),
                border.vertical_right,
                "width {outer}, top {top}: right border overwritten on row {y}"
            );
            let expected = rows.get(usize::from(y - 1)).map_or("", |r| r.trim_end());
            assert_eq!(
                drawn(buf, y, 1, outer - 1),
                expected,
                "width {outer}, row {y}"
            );
        }
        top += usize::from(PAGE);
    }
}

#[test]
fn seed_draws_inside_the_border_at_every_width() {
    let mut layout = Layout::new(seed_blocks(AmbiguousWidth::Narrow));
    for outer in 20..=100 {
        check_width(&mut layout, outer, AmbiguousWidth::Narrow);
    }
}

#[test]
fn seed_in_wide_mode_draws_inside_an_ascii_border() {
    let blocks = seed_blocks(AmbiguousWidth::Wide);
    assert!(blocks.iter().all(|b| !b.text.contains(['“', '”'])));
    let mut layout = Layout::new(blocks);
    for outer in [20, 21, 33, 57, 80, 100] {
        check_width(&mut layout, outer, AmbiguousWidth::Wide);
    }
}

#[test]
fn a_resize_keeps_the_reading_position() {
    let mut layout = Layout::new(seed_blocks(AmbiguousWidth::Narrow));
    layout.set_width(30);
    let pos = layout.position_at(25);
    for inner in [18, 44, 61, 98, 30] {
        layout.set_width(inner);
        let row = layout.row_of(pos);
        assert_eq!(layout.position_at(row).block, pos.block, "at {inner}");
    }
    assert_eq!(layout.row_of(pos), 25);
}

/// What `juan show SEED_ID --width W` prints: the rows of `Layout::for_article`.
#[test]
fn seed_article_rows_at_every_width_10_to_120() {
    let blocks = seed_blocks(AmbiguousWidth::Narrow);
    let body: Vec<&str> = blocks[2..].iter().map(|b| b.text.as_str()).collect();
    let article = juan::Article {
        id: "seed".into(),
        title: blocks[0].text.clone(),
        date: juan::Date::from_text("2017-09-06 09:11"),
        source: "长春日报".into(),
        url: Some("http://www.ccrd.gov.cn/xwzx/201709/t20170906_1234567.html".into()),
        body: body.join("\n").into(),
        tags: Vec::new(),
        header: Default::default(),
    };
    for w in 10..=120 {
        let mut layout = Layout::for_article(&article, AmbiguousWidth::Narrow);
        layout.set_width(w);
        let total = layout.total_rows();
        let rows: Vec<String> = layout
            .rows(0, total)
            .iter()
            .map(|r| r.text.to_string())
            .collect();
        for row in &rows {
            assert!(width(row) <= w, "{w}: {row:?}");
            assert!(!row.starts_with(['，', '。', ',']), "{w}: {row:?}");
        }
        let joined = rows.concat().replace(' ', "");
        for paragraph in &body {
            assert!(
                joined.contains(&paragraph.replace(' ', "")),
                "{w}: {paragraph}"
            );
        }
        assert!(joined.contains(&article.title.replace(' ', "")));
    }
}
