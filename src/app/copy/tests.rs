//! The copy menu through `App::update`: what each item copies, the highlight, the notice, and
//! the paragraph at the top of the view.

use super::*;
use crate::article::Header;
use crate::date::Date;

/// Two articles; the newest (listed first) has a URL, an author and thirty paragraphs of
/// three rows each in the reader.
/// A paragraph's text after its number.
const PARAGRAPH: &str = "草案提出，新建居住区绿地率不得低于百分之三十。";

fn app() -> App {
    let long = Article {
        id: "ccrb-1".into(),
        title: "长春市人大常委会审议绿化条例".into(),
        date: Date::from_text("2017-09-12 08:40"),
        source: "长春日报".into(),
        url: Some("http://www.ccrb.example.cn/2017-09/12/content_1006.htm".into()),
        body: (1..=30)
            .map(|i| format!("第{i}段。{}", PARAGRAPH.repeat(3)))
            .collect::<Vec<_>>()
            .join("\n")
            .into(),
        header: Header {
            author: "王明".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let short = Article {
        id: "jb-1".into(),
        title: "北京地铁新线开通".into(),
        date: Date::from_text("2016-01-01"),
        source: "京北晚报".into(),
        body: "首班车起，三条新线同时开通。".into(),
        ..Default::default()
    };
    App::of_articles(vec![short, long], 80, 24)
}

fn menu(app: &App) -> &CopyMenu {
    match app.popup() {
        Popup::Copy(m) => m,
        other => panic!("no copy menu: {other:?}"),
    }
}

#[test]
fn each_item_copies_its_text_and_says_how_long_it_is() {
    let mut a = app();
    assert!(a.update(Action::OpenCopy));
    assert_eq!(menu(&a).highlighted(), 0);
    assert!(a.update(Action::Copy(CopyItem::Url)));
    assert_eq!(a.popup(), &Popup::None);
    assert_eq!(
        a.take_clipboard().as_deref(),
        Some("http://www.ccrb.example.cn/2017-09/12/content_1006.htm")
    );
    assert_eq!(a.take_clipboard(), None, "taken once");
    assert_eq!(a.notice(), Some("copied URL · 54 characters"));
    a.update(Action::OpenCopy);
    assert_eq!(a.notice(), None, "the next key clears it");
    a.update(Action::Copy(CopyItem::Citation));
    let citation = a.take_clipboard().unwrap();
    assert!(
        citation.starts_with("王明. 长春市人大常委会审议绿化条例[N/OL]. 长春日报, 2017-09-12["),
        "{citation}"
    );
    a.update(Action::OpenCopy);
    a.update(Action::Copy(CopyItem::Title));
    assert_eq!(
        a.take_clipboard().as_deref(),
        Some("长春市人大常委会审议绿化条例")
    );
    assert_eq!(a.notice(), Some("copied title · 14 characters"));
    a.update(Action::OpenCopy);
    a.update(Action::Copy(CopyItem::Text));
    let text = a.take_clipboard().unwrap();
    assert!(
        text.starts_with(
            "长春市人大常委会审议绿化条例\n\n2017-09-12 08:40  长春日报  王明\n\nid ccrb-1\n\n\
             http://www.ccrb.example.cn/2017-09/12/content_1006.htm\n\n第1段。"
        ),
        "{text}"
    );
    assert!(text.ends_with(&format!("第30段。{}", PARAGRAPH.repeat(3))));
}

#[test]
fn the_highlight_moves_round_and_enter_copies_it() {
    let mut a = app();
    a.update(Action::OpenCopy);
    a.update(Action::SelectPrev);
    assert_eq!(menu(&a).highlighted(), 4, "up from the first is the last");
    a.update(Action::SelectNext);
    a.update(Action::SelectNext);
    assert_eq!(menu(&a).highlighted(), 1);
    a.update(Action::CopyChosen);
    assert_eq!(
        a.take_clipboard().as_deref(),
        Some("长春市人大常委会审议绿化条例")
    );
    a.update(Action::OpenCopy);
    assert!(a.update(Action::Back));
    assert_eq!(a.popup(), &Popup::None);
    assert_eq!(a.take_clipboard(), None, "closing copies nothing");
}

#[test]
fn a_missing_item_copies_nothing_and_says_so() {
    let mut a = app();
    a.update(Action::SelectNext);
    a.update(Action::OpenCopy);
    assert_eq!(menu(&a).entries()[0], (CopyItem::Url, None));
    a.update(Action::Copy(CopyItem::Url));
    assert_eq!(a.take_clipboard(), None);
    assert_eq!(a.notice(), Some("this article has no URL to copy"));
    a.update(Action::OpenCopy);
    a.update(Action::Copy(CopyItem::Paragraph));
    assert_eq!(
        a.take_clipboard().as_deref(),
        Some("首班车起，三条新线同时开通。")
    );
}

#[test]
fn the_paragraph_is_the_one_at_the_top_of_the_reader() {
    let mut a = app();
    a.update(Action::Open);
    a.update(Action::OpenCopy);
    a.update(Action::Copy(CopyItem::Paragraph));
    assert_eq!(
        a.take_clipboard().as_deref(),
        Some(format!("第1段。{}", PARAGRAPH.repeat(3)).as_str()),
        "above the body: the first paragraph"
    );
    // Scroll until a paragraph's first row is at the top.
    a.update(Action::Scroll(1));
    while !a.detail().unwrap().visible()[0].text.starts_with("第5段") {
        assert!(
            a.update(Action::Scroll(1)),
            "the fifth paragraph reaches the top"
        );
    }
    a.update(Action::OpenCopy);
    a.update(Action::Copy(CopyItem::Paragraph));
    let fifth = format!("第5段。{}", PARAGRAPH.repeat(3));
    assert_eq!(a.take_clipboard(), Some(fifth.clone()));
    // The paragraph's second row at the top: still that paragraph.
    a.update(Action::Scroll(1));
    assert!(!a.detail().unwrap().visible()[0].text.starts_with("第"));
    a.update(Action::OpenCopy);
    a.update(Action::Copy(CopyItem::Paragraph));
    assert_eq!(a.take_clipboard(), Some(fifth));
    assert_eq!(a.notice(), Some("copied paragraph · 73 characters"));
}

#[test]
fn nothing_to_copy_opens_nothing() {
    let mut a = App::of_articles(Vec::new(), 80, 24);
    assert!(!a.update(Action::OpenCopy));
    assert_eq!(a.popup(), &Popup::None);
}
