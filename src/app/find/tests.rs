//! The find in the reader through [`App::update`]: the prompt, n/N and the counter, a resize,
//! and the reader opening at the first body match.

use super::*;
use crate::app::Action;
use crate::article::Article;

/// 40 paragraphs; 国旗 (or 國旗) in paragraphs 5, 12 (twice), 20 and 33.
fn article() -> Article {
    let body = (1..=40)
        .map(|i| match i {
            5 => "第5段。升国旗仪式在广场举行，群众自发前来观看。".to_string(),
            12 => "第12段。國旗在风中飘扬；学生们向国旗敬礼。".to_string(),
            20 => "第20段。NBA球星ＮＢＡ和nba都写在这里，还有国旗。".to_string(),
            33 => "第33段。最后一面国旗被收起。".to_string(),
            _ => format!(
                "第{i}段。这是一个用来测试滚动和改变宽度的段落，内容足够长，可以折成好几行。"
            ),
        })
        .collect::<Vec<_>>()
        .join("\n");
    Article {
        id: "a".into(),
        title: "国旗与国徽".into(),
        body: body.into(),
        ..Default::default()
    }
}

/// The reader open on [`article`] in a `width` × `height` terminal, after `query`.
fn reader(query: &str, width: u16, height: u16) -> App {
    let mut app = App::of_articles(vec![article()], width, height);
    if !query.is_empty() {
        app.update(Action::QueryInsert(query.into()));
    }
    app.update(Action::Open);
    app
}

fn find(app: &mut App, text: &str) {
    assert!(app.update(Action::FindStart));
    app.update(Action::FindInsert(text.into()));
    app.update(Action::FindRun);
}

fn counter(app: &App) -> Option<String> {
    app.detail()
        .and_then(|d| d.match_counter())
        .map(|(label, c)| format!("{label} {c}"))
}

/// The text of the current match, and whether its rows are all in view.
fn current(app: &mut App) -> (String, bool) {
    app.detail.as_mut().unwrap().current_match().unwrap()
}

/// The marked stretches in view, as (text, mark).
fn marked(app: &App) -> Vec<(String, Mark)> {
    let d = app.detail().unwrap();
    d.visible()
        .iter()
        .flat_map(|r| {
            r.marks
                .iter()
                .map(|(m, k)| (r.text[m.clone()].to_string(), *k))
        })
        .collect()
}

use crate::app::Mark;

#[test]
fn the_prompt_edits_and_enter_or_esc_close_it() {
    let mut app = reader("", 40, 12);
    assert_eq!(app.find_prompt(), None);
    assert!(app.update(Action::FindStart));
    app.update(Action::FindInsert("国旗 x".into()));
    assert_eq!(app.find_prompt().unwrap().text(), "国旗 x");
    app.update(Action::FindBackspace);
    app.update(Action::FindInsert("仪式".into()));
    assert_eq!(app.find_prompt().unwrap().text(), "国旗 仪式");
    app.update(Action::FindDeleteWord);
    assert_eq!(app.find_prompt().unwrap().text(), "国旗 ");
    app.update(Action::FindClear);
    assert_eq!(app.find_prompt().unwrap().text(), "");
    app.update(Action::FindInsert("国\u{1b}[2J旗".into()));
    assert_eq!(
        app.find_prompt().unwrap().text(),
        "国旗",
        "a paste is cleaned"
    );
    assert!(app.update(Action::FindCancel));
    assert_eq!(app.find_prompt(), None);
    assert_eq!(counter(&app), None, "Esc finds nothing");
    assert!(!app.update(Action::FindCancel));
}

#[test]
fn n_and_n_step_through_the_matches_and_wrap_around() {
    let mut app = reader("", 40, 12);
    find(&mut app, "国旗");
    // The title's, 5's, two in 12 (one written 國旗), 20's and 33's.
    assert_eq!(counter(&app).as_deref(), Some("国旗 1/6"));
    assert_eq!(app.notice(), None);
    app.update(Action::NextMatch);
    assert_eq!(counter(&app).as_deref(), Some("国旗 2/6"));
    assert!(current(&mut app).1, "in view");
    app.update(Action::NextMatch);
    assert_eq!(current(&mut app), ("國旗".to_string(), true));
    let top = app.detail().unwrap().top();
    assert!(top > 0, "scrolled down to paragraph 12");
    for _ in 0..3 {
        app.update(Action::NextMatch);
    }
    assert_eq!(counter(&app).as_deref(), Some("国旗 6/6"));
    app.update(Action::NextMatch);
    assert_eq!(counter(&app).as_deref(), Some("国旗 1/6"));
    assert_eq!(app.notice(), Some(WRAPPED));
    assert_eq!(app.detail().unwrap().top(), 0);
    app.update(Action::PrevMatch);
    assert_eq!(counter(&app).as_deref(), Some("国旗 6/6"));
    assert_eq!(app.notice(), Some(WRAPPED));
    assert_eq!(current(&mut app), ("国旗".to_string(), true));
    app.update(Action::PrevMatch);
    assert_eq!(counter(&app).as_deref(), Some("国旗 5/6"));
    assert_eq!(app.notice(), None);
}

#[test]
fn a_find_starts_from_the_top_row_in_view_and_an_empty_one_repeats_the_last() {
    let mut app = reader("", 40, 12);
    app.update(Action::Scroll(30));
    find(&mut app, "国旗");
    let (label, c) = app.detail().unwrap().match_counter().unwrap();
    assert_eq!(label, "国旗");
    assert_ne!(c, "1/6", "not the title's: the first below the top row");
    find(&mut app, "");
    assert_eq!(counter(&app).as_deref(), Some(format!("国旗 {c}").as_str()));
    find(&mut app, "国歌");
    assert_eq!(app.notice(), Some(NOT_FOUND));
    assert_eq!(counter(&app), None);
}

#[test]
fn n_before_any_find_says_so() {
    let mut app = reader("", 40, 12);
    assert!(app.update(Action::NextMatch));
    assert_eq!(app.notice(), Some(NO_PATTERN));
    app.update(Action::FindStart);
    app.update(Action::FindRun);
    assert_eq!(app.notice(), Some(NO_PATTERN));
}

#[test]
fn case_and_full_width_fold_and_whitespace_crosses_paragraph_breaks() {
    let mut app = reader("", 60, 12);
    find(&mut app, "Nba");
    assert_eq!(counter(&app).as_deref(), Some("Nba 1/3"));
    let shown: Vec<String> = (0..3)
        .map(|_| {
            let text = current(&mut app).0;
            app.update(Action::NextMatch);
            text
        })
        .collect();
    assert_eq!(shown, ["NBA", "ＮＢＡ", "nba"]);
    // The end of paragraph 20 and the start of 21, across the break.
    find(&mut app, "还有国旗。 第21段");
    assert_eq!(counter(&app).as_deref(), Some("还有国旗。 第21段 1/1"));
    assert_eq!(current(&mut app), ("还有国旗。\n第21段".to_string(), true));
    let marks = marked(&app);
    assert_eq!(
        marks,
        [
            ("还有国旗。".to_string(), Mark::Current),
            ("第21段".to_string(), Mark::Current)
        ],
        "marked on both rows"
    );
    find(&mut app, "还有国旗。第21段");
    assert_eq!(app.notice(), Some(NOT_FOUND), "no whitespace, no crossing");
}

#[test]
fn a_match_wrapped_over_two_rows_stays_current_and_in_view_through_a_resize() {
    let mut app = reader("", 20, 12);
    find(&mut app, "学生们向国旗敬礼");
    let before = current(&mut app);
    assert!(before.1);
    // At 18 columns the match is split over two rows: both are marked.
    let rows: Vec<String> = marked(&app).into_iter().map(|(t, _)| t).collect();
    assert_eq!(rows.concat(), "学生们向国旗敬礼");
    assert_eq!(rows.len(), 2, "{rows:?}");
    app.update(Action::Resize(33, 12));
    assert_eq!(current(&mut app), before);
    assert_eq!(counter(&app).as_deref(), Some("学生们向国旗敬礼 1/1"));
    app.update(Action::Resize(20, 12));
    assert_eq!(current(&mut app), before);
    // Deep in the article, at a narrower width than the match's place fits.
    find(&mut app, "最后一面");
    app.update(Action::Resize(12, 6));
    assert_eq!(current(&mut app), ("最后一面".to_string(), true));
}

#[test]
fn the_query_terms_are_marked_wherever_they_show() {
    let mut app = reader("国旗 !国歌", 100, 40);
    let marks = marked(&app);
    // The title's, paragraph 5's and 12's two (國旗 folds to 国旗).
    let texts: Vec<&str> = marks.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts, ["国旗", "国旗", "國旗", "国旗"]);
    assert!(marks.iter().all(|(_, m)| *m == Mark::Term), "{marks:?}");
    app.update(Action::Back);
    app.update(Action::QueryClear);
    assert_eq!(marked(&app), []);
}

#[test]
fn the_reader_opens_at_the_first_body_match() {
    let mut app = reader("body:'国旗", 40, 10);
    let d = app.detail().unwrap();
    assert_eq!(
        d.match_counter(),
        Some(("国旗", "2/6".to_string())),
        "past the title"
    );
    assert!(d.top() > 0);
    let first = d.visible()[2].text.clone();
    assert!(
        d.visible()
            .iter()
            .any(|r| r.marks.iter().any(|m| m.1 == Mark::Current)),
        "{first}"
    );
    app.update(Action::NextMatch);
    assert_eq!(counter(&app).as_deref(), Some("国旗 3/6"));
    // Back to the list and in again: the same place.
    let top = app.detail().unwrap().top();
    app.update(Action::Back);
    app.update(Action::Open);
    assert_eq!(counter(&app).as_deref(), Some("国旗 3/6"));
    assert_eq!(app.detail().unwrap().top(), top);
    // No body term: the top.
    let app = reader("国旗", 40, 10);
    assert_eq!(app.detail().unwrap().top(), 0);
    assert_eq!(counter(&app), None);
}
