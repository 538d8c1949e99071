//! Read marks, stars, places and the change queue, driven through `App::update`.

use super::*;
use crate::app::Action;
use crate::article::Article;
use crate::date::Date;
use crate::state::Marks;

fn art(id: &str, title: &str, date: &str, source: &str) -> Article {
    let body = (0..60)
        .map(|i| format!("{title}第{i}段正文，写得足够长，可以折成两行以上，好测试阅读的位置。"))
        .collect::<Vec<_>>()
        .join("\n");
    Article {
        id: id.into(),
        title: title.into(),
        date: Date::from_text(date),
        source: source.into(),
        body: body.into(),
        ..Default::default()
    }
}

/// Newest first: d, b, a, c.
fn app() -> App {
    let arts = vec![
        art("a", "长春下雪了", "2020-01-01", "甲报"),
        art("b", "北京地铁新线开通", "2021-01-01", "乙报"),
        art("c", "长春人大开会", "2019-01-01", "甲报"),
        art("d", "上海天气晴", "2022-01-01", "丙报"),
    ];
    let mut app = App::of_articles(arts, 80, 24);
    app.attach_memory(Memory::default(), None);
    app
}

fn marks(app: &App, id: &str) -> Marks {
    app.memory().get(id).cloned().unwrap_or_default()
}

fn read(id: &str, read: bool) -> Change {
    Change::Read {
        id: id.into(),
        read,
    }
}

#[test]
fn opening_marks_read_and_keys_toggle_read_and_star() {
    let mut app = app();
    assert_eq!(app.unread_listed(), Some(4));
    let d = app.hits()[0].article();
    assert_eq!(app.row_marks(d), Some(RowMarks::default()));
    // The pane beside the list following the selection reads nothing.
    app.update(Action::SelectNext);
    app.update(Action::SelectPrev);
    assert!(app.take_changes().is_empty());
    app.update(Action::Open);
    assert_eq!(app.take_changes(), [read("d", true)]);
    assert!(app.row_marks(d).unwrap().read);
    assert_eq!(app.unread_listed(), Some(3));
    // `m` in the reader: unread again, and it stays so while the reader is on it.
    app.update(Action::ToggleRead);
    app.update(Action::Scroll(1));
    assert_eq!(app.take_changes(), [read("d", false)]);
    assert!(!app.row_marks(d).unwrap().read);
    app.update(Action::ToggleStar);
    assert!(app.row_marks(d).unwrap().starred);
    assert!(marks(&app, "d").starred);
    // The next article is read as the reader comes to it.
    app.update(Action::NextArticle);
    let changes = app.take_changes();
    assert!(changes.contains(&read("b", true)), "{changes:?}");
    // In the list, the keys are about the selected article.
    app.update(Action::Back);
    app.update(Action::SelectLast);
    app.update(Action::ToggleRead);
    assert!(marks(&app, "c").read);
    assert_eq!(app.unread_listed(), Some(2));
    let by_source = app.unread_by_source().unwrap();
    assert_eq!(by_source.get("甲报"), Some(&1));
    assert_eq!(by_source.get("丙报"), Some(&1));
    assert_eq!(by_source.get("乙报"), None);
}

#[test]
fn marks_show_once_the_memory_arrives_with_what_was_done_before() {
    let arts = vec![art("a", "长春下雪了", "2020-01-01", "甲报")];
    let mut app = App::of_articles(arts, 80, 24);
    assert_eq!(app.row_marks(0), None, "nothing known yet");
    assert_eq!(app.unread_listed(), None);
    app.update(Action::ToggleStar);
    let mut stored = Memory::default();
    stored.apply(&read("a", true));
    app.attach_memory(stored, Some("state off: read-only".into()));
    assert_eq!(
        app.row_marks(0),
        Some(RowMarks {
            read: true,
            starred: true
        })
    );
    assert_eq!(app.state_notice(), Some("state off: read-only"));
    assert_eq!(
        app.take_changes(),
        [Change::Star {
            id: "a".into(),
            starred: true
        }]
    );
    app.update(Action::SelectNext);
    assert_eq!(app.state_notice(), None, "gone with the next key");
}

/// The text of the top row of the article pane.
fn top_text(app: &App) -> String {
    app.detail().unwrap().visible()[0].text.clone()
}

#[test]
fn the_place_is_kept_when_the_reader_leaves_and_reopens_there() {
    let mut app = app();
    app.update(Action::Open);
    app.update(Action::Scroll(17));
    // A blank row between paragraphs is kept as the paragraph after it: start on text.
    while top_text(&app).is_empty() {
        app.update(Action::Scroll(1));
    }
    let text = top_text(&app);
    let place = app.detail().unwrap().place();
    assert!(place.is_some());
    app.take_changes();
    // Another article: the first keeps its place.
    app.update(Action::NextArticle);
    assert_eq!(
        top_text(&app).chars().take(4).collect::<String>(),
        "北京地铁"
    );
    let changes = app.take_changes();
    assert!(
        changes.contains(&Change::Place {
            id: "d".into(),
            place
        }),
        "{changes:?}"
    );
    // Back to it: the same text at the top, and the pane says it resumed.
    app.update(Action::PrevArticle);
    assert_eq!(top_text(&app), text);
    assert!(app.detail().unwrap().resumed());
    // `g` goes to the top; leaving now forgets the place.
    app.update(Action::ScrollTop);
    assert!(!app.detail().unwrap().resumed());
    app.update(Action::Back);
    assert!(app.take_changes().contains(&Change::Place {
        id: "d".into(),
        place: None
    }));
    assert_eq!(marks(&app, "d").place, None);
}

#[test]
fn closing_the_reader_and_quitting_keep_the_place() {
    let mut app = app();
    app.update(Action::Open);
    app.update(Action::ScrollPageDown);
    let place = app.detail().unwrap().place();
    app.update(Action::Back);
    assert_eq!(marks(&app, "d").place, place, "closing the reader");
    app.update(Action::Open);
    app.update(Action::Scroll(3));
    let place = app.detail().unwrap().place();
    assert_ne!(marks(&app, "d").place, place);
    app.keep_place();
    assert_eq!(marks(&app, "d").place, place, "quitting");
    // Nothing new when nothing moved.
    app.take_changes();
    app.keep_place();
    assert!(app.take_changes().is_empty());
}

#[test]
fn a_body_query_opens_at_its_first_match_over_the_place() {
    let mut app = app();
    app.update(Action::Open);
    app.update(Action::Scroll(30));
    app.update(Action::NextArticle);
    app.update(Action::Back);
    assert!(marks(&app, "d").place.is_some());
    app.update(Action::QueryInsert("上海 body:第3段".into()));
    let hit = app.hits()[app.selected()];
    assert_eq!(app.article(&hit).id, "d");
    assert!(
        app.detail().unwrap().resumed(),
        "the pane beside the list resumes"
    );
    app.update(Action::Open);
    let d = app.detail().unwrap();
    assert!(!d.resumed());
    assert!(
        d.visible().iter().take(4).any(|r| r.text.contains("第3段")),
        "{:?}",
        &d.visible()[..4]
    );
}

#[test]
fn a_marks_query_typed_before_the_marks_came_is_searched_again_with_them() {
    let arts = vec![
        art("a", "长春下雪了", "2020-01-01", "甲报"),
        art("b", "北京地铁新线开通", "2021-01-01", "乙报"),
    ];
    let mut app = App::of_articles(arts, 80, 24);
    app.update(Action::QueryInsert("is:starred".into()));
    assert!(app.hits().is_empty());
    let mut memory = Memory::default();
    memory.apply(&Change::Star {
        id: "b".into(),
        starred: true,
    });
    app.attach_memory(memory, None);
    assert_eq!(app.hits().len(), 1);
    assert_eq!(app.hits()[0].article(), 1);
}
