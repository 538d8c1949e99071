//! Tests of the lazy, cached article layout.

use proptest::prelude::*;

use super::*;
use crate::text::{AmbiguousWidth, wrap};

fn body(texts: &[&str]) -> Vec<Block> {
    texts
        .iter()
        .map(|t| Block {
            kind: BlockKind::Body,
            text: t.to_string(),
        })
        .collect()
}

/// The blocks of `layout`, as they were given.
fn blocks_of(layout: &Layout) -> Vec<Block> {
    (0..layout.block_count())
        .filter_map(|i| layout.block(i))
        .map(|(kind, text)| Block {
            kind,
            text: text.to_string(),
        })
        .collect()
}

fn all_rows(layout: &mut Layout) -> Vec<String> {
    let total = layout.total_rows();
    layout
        .rows(0, total)
        .iter()
        .map(|r| r.text.to_string())
        .collect()
}

/// The rows a straightforward full layout gives: the header together, a blank before each
/// paragraph, every block wrapped by [`wrap`].
fn expected_rows(blocks: &[Block], width: usize) -> Vec<String> {
    let mut rows = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 && (b.kind == BlockKind::Body || blocks[i - 1].kind == BlockKind::Body) {
            rows.push(String::new());
        }
        for line in wrap(&b.text, width) {
            rows.push(b.text[line.range].to_string());
        }
    }
    rows
}

#[test]
fn header_stays_together_and_paragraphs_are_separated() {
    let mut blocks = vec![
        Block {
            kind: BlockKind::Title,
            text: "标题".into(),
        },
        Block {
            kind: BlockKind::Meta,
            text: "2017-09-06 09:11  长春日报".into(),
        },
    ];
    blocks.extend(body(&["第一段。", "第二段。"]));
    let mut layout = Layout::new(blocks);
    layout.set_width(40);
    assert_eq!(
        all_rows(&mut layout),
        [
            "标题",
            "2017-09-06 09:11  长春日报",
            "",
            "第一段。",
            "",
            "第二段。"
        ]
    );
    let kinds: Vec<BlockKind> = layout.rows(0, 4).iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Title,
            BlockKind::Meta,
            BlockKind::Body,
            BlockKind::Body
        ]
    );
}

#[test]
fn unwrapped_is_one_row_per_block() {
    let mut layout = Layout::new(body(&["很长的一段".repeat(100).as_str(), "二"]));
    layout.set_width(usize::MAX);
    assert_eq!(layout.total_rows(), 3);
    assert_eq!(layout.rows(2, 5)[0].text, "二");
}

#[test]
fn first_screen_does_not_lay_out_everything() {
    let paragraph = "要牢固树立“四个意识”，深刻认识到做好新形势下人大工作，".repeat(2000);
    let mut layout = Layout::new(body(&[&paragraph, &paragraph]));
    layout.set_width(40);
    assert_eq!(layout.rows(0, 30).len(), 30);
    assert!(!layout.is_complete());
    assert!(layout.known_rows() < 200);
    let estimate = layout.estimated_total_rows();
    let exact = layout.total_rows();
    assert!(layout.is_complete());
    assert!(
        estimate.abs_diff(exact) * 10 < exact,
        "{estimate} vs {exact}"
    );
    assert_eq!(layout.estimated_total_rows(), exact);
}

#[test]
fn layout_some_finishes_in_slices() {
    let paragraph = "中文段落，".repeat(500);
    let mut layout = Layout::new(body(&[paragraph.as_str(); 50]));
    layout.set_width(33);
    let mut slices = 0;
    while !layout.layout_some(10_000) {
        slices += 1;
    }
    assert!(slices > 5, "{slices}");
    let done = all_rows(&mut layout);
    assert_eq!(done, expected_rows(&blocks_of(&layout), 33));
}

#[test]
fn position_survives_a_width_change() {
    let paragraph =
        "据新华社2024年3月5日电，全国人大代表张三在会上表示：“GDP增长5.2%。”".repeat(30);
    let mut layout = Layout::new(body(&[&paragraph, &paragraph, &paragraph]));
    layout.set_width(30);
    let pos = layout.position_at(100);
    let top_text = layout.rows(100, 1)[0].text.to_string();
    layout.set_width(57);
    let row = layout.row_of(pos);
    let (shown_at, shown_len) = {
        let rows = layout.rows(row, 1);
        (rows[0].text.as_ptr() as usize, rows[0].text.len())
    };
    let shown_start = shown_at - layout.block(pos.block).unwrap().1.as_ptr() as usize;
    assert!(shown_start <= pos.byte && pos.byte < shown_start + shown_len);
    layout.set_width(30);
    assert_eq!(layout.row_of(pos), 100);
    assert_eq!(layout.rows(100, 1)[0].text, top_text);
}

#[test]
fn positions_past_the_end_and_blank_rows() {
    let mut layout = Layout::new(body(&["一", "二"]));
    layout.set_width(10);
    assert_eq!(layout.position_at(1), Position { block: 1, byte: 0 });
    assert_eq!(layout.position_at(99), Position { block: 1, byte: 0 });
    assert_eq!(layout.row_of(Position { block: 9, byte: 0 }), 2);
    assert_eq!(layout.row_of(Position { block: 1, byte: 0 }), 2);
    assert!(layout.rows(5, 3).is_empty());
}

#[test]
fn empty_document_has_no_rows() {
    let mut layout = Layout::new(Vec::new());
    layout.set_width(20);
    assert_eq!(layout.total_rows(), 0);
    assert!(layout.rows(0, 10).is_empty());
    assert_eq!(layout.position_at(3), Position::default());
}

fn blocks_strategy() -> impl Strategy<Value = Vec<Block>> {
    let piece = prop::sample::select(
        &[
            "中", "文", "，", "。", "“", "”", "……", "a", "word", " ", "2024", "🇨🇳", "e\u{301}",
        ][..],
    );
    let text = prop::collection::vec(piece, 0..40).prop_map(|v| v.concat());
    let kind = prop::sample::select(&[BlockKind::Title, BlockKind::Meta, BlockKind::Body][..]);
    prop::collection::vec((kind, text), 0..8).prop_map(|v| {
        v.into_iter()
            .map(|(kind, text)| Block { kind, text })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn cached_width_equals_a_fresh_layout(
        blocks in blocks_strategy(),
        widths in prop::collection::vec(1usize..=120, 1..6),
        peek in 0usize..50,
    ) {
        let mut layout = Layout::new(blocks.clone());
        for &w in &widths {
            layout.set_width(w);
            let _ = layout.rows(peek, 3);
            let _ = layout.position_at(peek);
        }
        for &w in widths.iter().rev() {
            layout.set_width(w);
            let mut fresh = Layout::new(blocks.clone());
            fresh.set_width(w);
            let cached = all_rows(&mut layout);
            prop_assert_eq!(&cached, &all_rows(&mut fresh));
            prop_assert_eq!(&cached, &expected_rows(&blocks, w));
            for (row, text) in cached.iter().enumerate() {
                let pos = layout.position_at(row);
                let back = layout.row_of(pos);
                prop_assert!(back == row || (text.is_empty() && back == row + 1));
            }
        }
    }
}

#[test]
fn prepare_then_draw_from_a_shared_reference() {
    let paragraph = "中文段落，".repeat(400);
    let mut layout = Layout::new(body(&[&paragraph, &paragraph]));
    layout.set_width(20);
    assert!(layout.laid_out_rows(0, 5).is_empty());
    layout.prepare(10, 5);
    let drawn: Vec<&str> = layout.laid_out_rows(10, 5).iter().map(|r| r.text).collect();
    assert_eq!(drawn.len(), 5);
    let fresh: Vec<String> = expected_rows(&blocks_of(&layout), 20)[10..15].to_vec();
    assert_eq!(drawn, fresh);
}

#[test]
fn scrolling_past_row_65535_works() {
    let paragraph = "中文，".repeat(25_000);
    let mut layout = Layout::new(body(&[&paragraph]));
    layout.set_width(2);
    let total = layout.total_rows();
    assert!(total > 70_000, "{total}");
    let last = layout.rows(total - 2, 5);
    assert_eq!(last.len(), 2);
    assert_eq!([last[0].text, last[1].text], ["文", "，"]);
    let pos = layout.position_at(70_000);
    assert_eq!(layout.row_of(pos), 70_000);
}

#[test]
fn the_reader_header_shows_kicker_subtitle_author_summary_and_the_date_as_written() {
    use crate::article::{Article, Header};
    use crate::date::Date;
    let article = Article {
        title: "新中国成立70周年大会隆重举行".into(),
        date: Date::from_text("2019-10-01T02:00:00Z"),
        source: "人民日报".into(),
        url: Some("http://paper.people.com.cn/rmrb/html/2019-10/02/nw.htm".into()),
        body: "第一段。\n第二段。".into(),
        header: Header {
            kicker: "庆祝中华人民共和国成立70周年——".into(),
            subtitle: "习近平发表重要讲话".into(),
            author: "本报记者".into(),
            summary: "提要一句。".into(),
            full_title: "新中国成立70周年大会隆重举行 - 人民网".into(),
        },
        ..Article::default()
    };
    let layout = Layout::for_article(&article, AmbiguousWidth::Narrow);
    let got: Vec<(BlockKind, &str)> = (0..layout.block_count())
        .filter_map(|i| layout.block(i))
        .collect();
    assert_eq!(
        got,
        [
            (BlockKind::Meta, "庆祝中华人民共和国成立70周年——"),
            (BlockKind::Title, "新中国成立70周年大会隆重举行 - 人民网"),
            (BlockKind::Meta, "习近平发表重要讲话"),
            (
                BlockKind::Meta,
                "2019-10-01 10:00 (2019-10-01T02:00:00+00:00)  人民日报  本报记者"
            ),
            (
                BlockKind::Meta,
                "http://paper.people.com.cn/rmrb/html/2019-10/02/nw.htm"
            ),
            (BlockKind::Meta, "提要一句。"),
            (BlockKind::Body, "第一段。"),
            (BlockKind::Body, "第二段。"),
        ]
    );
    // A summary the body opens with is not shown twice.
    let opening = Article {
        header: Header {
            summary: "第一段。".into(),
            ..article.header.clone()
        },
        ..article.clone()
    };
    let layout = Layout::for_article(&opening, AmbiguousWidth::Narrow);
    let texts: Vec<String> = blocks_of(&layout).into_iter().map(|b| b.text).collect();
    assert_eq!(texts.iter().filter(|t| *t == "第一段。").count(), 1);
    // No body: the summary is the text.
    let bare = Article {
        body: "".into(),
        ..article
    };
    let layout = Layout::for_article(&bare, AmbiguousWidth::Narrow);
    let last = layout.block(layout.block_count() - 1).unwrap();
    assert_eq!(last, (BlockKind::Body, "提要一句。"));
}

#[test]
fn every_row_says_where_its_text_is_in_the_whole_text() {
    let mut blocks = body(&[
        "第一段，有一些文字，折成几行。",
        "",
        "第三段 Latin words here.",
    ]);
    blocks.insert(
        0,
        Block {
            kind: BlockKind::Title,
            text: "标题".into(),
        },
    );
    let mut layout = Layout::new(blocks);
    assert_eq!(
        layout.text(),
        "标题\n第一段，有一些文字，折成几行。\n\n第三段 Latin words here."
    );
    assert_eq!(layout.body_offset(), "标题\n".len());
    layout.set_width(8);
    let total = layout.total_rows();
    let rows: Vec<(usize, String)> = layout
        .rows(0, total)
        .iter()
        .map(|r| (r.offset, r.text.to_string()))
        .collect();
    for (row, (offset, text)) in rows.iter().enumerate() {
        let whole = layout.text();
        if text.is_empty() {
            assert!(whole[*offset..].starts_with('\n'), "blank row {row}");
            continue;
        }
        assert_eq!(&whole[*offset..offset + text.len()], text, "row {row}");
        // The row's last byte maps back to the row, whatever the width.
        let pos = layout.position_of(offset + text.len() - 1);
        assert_eq!(layout.row_of(pos), row, "row {row}");
    }
    assert_eq!(layout.position_of(0), Position { block: 0, byte: 0 });
    assert_eq!(
        layout.position_of(6),
        Position { block: 0, byte: 6 },
        "the \\n"
    );
    assert_eq!(layout.position_of(7), Position { block: 1, byte: 0 });
    let end = layout.text().len();
    assert_eq!(layout.position_of(end + 9), Position { block: 3, byte: 27 });
}
