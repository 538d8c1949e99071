//! Saving and restoring the last session.

use super::*;
use crate::app::{Action, LoadProgress};
use crate::article::Article;
use crate::date::Date;
use crate::state::Memory;

fn art(id: &str, title: &str, date: &str, source: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        date: Date::from_text(date),
        source: source.into(),
        body: "正文。\n第二段。".into(),
        ..Default::default()
    }
}

fn articles() -> Vec<Article> {
    vec![
        art("a", "长春下雪了", "2020-01-01", "甲报"),
        art("b", "北京地铁新线开通", "2021-01-01", "乙报"),
        art("c", "长春人大开会", "2019-01-01", "甲报"),
        art("d", "上海天气晴", "2022-01-01", "丙报"),
    ]
}

fn selected_id(app: &App) -> Option<String> {
    app.hits().get(app.selected()).map(|h| app.article(h).id)
}

#[test]
fn a_session_is_saved_and_restored() {
    let mut app = App::of_articles(articles(), 80, 24);
    app.update(Action::QueryInsert("长春".into()));
    app.update(Action::ToggleOrder);
    app.update(Action::SelectNext);
    app.update(Action::Open);
    let session = app.session();
    assert_eq!(
        session,
        Session {
            query: "长春".into(),
            selected: Some("a".into()),
            oldest_first: true,
            source: None,
            reading: true,
        }
    );
    let mut again = App::of_articles(articles(), 80, 24);
    again.attach_memory(Memory::default(), None);
    again.restore_session(session.clone());
    assert_eq!(again.query().text(), "长春");
    assert_eq!(again.order(), Order::OldestFirst);
    assert_eq!(selected_id(&again).as_deref(), Some("a"));
    assert!(again.reader_open());
    assert_eq!(again.session(), session);
}

#[test]
fn the_selection_waits_for_its_article_to_load() {
    let mut app = App::of_articles(Vec::new(), 80, 24);
    app.start_loading();
    app.restore_session(Session {
        query: String::new(),
        selected: Some("c".into()),
        oldest_first: false,
        source: Some("甲报".into()),
        reading: false,
    });
    let mut batch = articles();
    let late = batch.split_off(2);
    let progress = LoadProgress::default();
    app.append(batch, vec![], progress);
    assert!(!app.settle_session());
    assert_eq!(selected_id(&app).as_deref(), Some("a"));
    let done = LoadProgress {
        done: true,
        ..LoadProgress::default()
    };
    app.append(late, vec![], done);
    assert!(app.settle_session());
    assert_eq!(selected_id(&app).as_deref(), Some("c"));
    assert_eq!(app.source_filter(), Some("甲报"));
    assert!(!app.reader_open());
}

#[test]
fn a_key_pressed_first_wins_over_the_session() {
    let mut app = App::of_articles(articles(), 80, 24);
    app.update(Action::SelectNext);
    app.restore_session(Session {
        query: "长春".into(),
        selected: Some("c".into()),
        ..Session::default()
    });
    assert_eq!(app.query().text(), "");
    assert_eq!(selected_id(&app).as_deref(), Some("b"));
    // And a key while the article is awaited ends the wait.
    let mut app = App::of_articles(Vec::new(), 80, 24);
    app.start_loading();
    app.restore_session(Session {
        selected: Some("c".into()),
        ..Session::default()
    });
    app.update(Action::SelectNext);
    app.append(articles(), vec![], LoadProgress::default());
    assert!(!app.settle_session());
    assert_eq!(selected_id(&app).as_deref(), Some("d"));
}
