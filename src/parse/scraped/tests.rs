//! Tests of the page parser: the seed and THUCNews layouts, and People's Daily text files
//! (`tests/fixtures/pages/rmrb/`), written for these tests in that layout.

use super::*;
use crate::article::stable_id;

#[test]
fn title_meta_body_footer() {
    let text = "\u{a0}\r\n  标题一 \r\n发布时间：2024年3月5日 08:30　来源：《新华网》\r\n\u{a0}\r\n\
        \u{3000}\u{3000}第一段。\r\n\r\n　　第二段。\r\n【打印本页】【关闭窗口】\r\n后面的东西\r\n";
    let a = page(text).unwrap();
    assert_eq!(a.title, "标题一");
    assert_eq!(a.date.display(), "2024-03-05 08:30");
    assert_eq!(a.source, "新华网");
    assert_eq!(a.body, "第一段。\n第二段。");
    assert_eq!(a.id, stable_id("新华网", &a.date, "标题一", &a.body));
}

#[test]
fn meta_on_separate_lines_and_author_as_source() {
    let a = page("标题\n时间:2017-09-06\n作者:王五\n正文").unwrap();
    assert_eq!(
        (a.date.display(), a.source.as_str(), &*a.body.text()),
        ("2017-09-06".into(), "王五", "正文")
    );
}

#[test]
fn thucnews_layout_has_no_date() {
    let a = page("马晓旭意外受伤让国奥警惕\n　　无奈大雨格外青睐殷家军\n　　第二段").unwrap();
    assert_eq!(a.date, Date::Missing);
    assert_eq!(a.source, "");
    assert_eq!(a.body, "无奈大雨格外青睐殷家军\n第二段");
}

#[test]
fn unparsed_date_is_kept_and_blank_page_is_nothing() {
    let a = page("标题\n发布时间：去年夏天\n正文").unwrap();
    assert_eq!(a.date, Date::Unparsed("去年夏天".into()));
    assert_eq!(page(" \n\u{a0}\n\u{3000}"), None);
    assert_eq!(page(""), None);
}

#[test]
fn escapes_in_a_page_are_gone() {
    let a = page("标\x1b[31m题\n正\x1b]0;x\x07文\u{9b}2J").unwrap();
    assert_eq!((a.title.as_str(), &*a.body.text()), ("标题", "正文"));
}

/// A fixture page of `tests/fixtures/pages/rmrb/`.
macro_rules! rmrb {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/pages/rmrb/",
            $name
        ))
    };
}

/// What `parse` makes of `text` in a file called `name`.
fn parsed(name: &str, text: &str) -> Archive {
    let mut out = Archive::default();
    parse(&format!("rmrb/{name}"), name, text, &mut out);
    out
}

/// The one article of `text`: kicker, title, subtitle and paragraphs.
fn heads_and_body(name: &str, text: &str) -> (String, String, String, Vec<String>) {
    let out = parsed(name, text);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let [a] = &out.articles[..] else {
        panic!("{} articles", out.articles.len())
    };
    let body = a.body.text().split('\n').map(str::to_string).collect();
    (
        a.header.kicker.clone(),
        a.title.clone(),
        a.header.subtitle.clone(),
        body,
    )
}

#[test]
fn three_header_lines() {
    let (kicker, title, subtitle, body) =
        heads_and_body("20191001-01-02.txt", rmrb!("20191001/20191001-01-02.txt"));
    assert_eq!(
        (kicker.as_str(), title.as_str(), subtitle.as_str()),
        (
            "庆祝中华人民共和国成立70周年——",
            "首都各界群众欢聚一堂共迎国庆",
            "——天安门广场花坛布置完成，多地举办群众性庆祝活动"
        )
    );
    assert_eq!(body.len(), 3);
    assert_eq!(
        body[0],
        "本报北京9月30日电（记者王晓东、陈静）国庆前夕，首都各界群众以多种形式共迎新中国70华诞。\
         30日，以“普天同庆”为主题的天安门广场中心花坛正式亮相，吸引大批市民游客驻足观赏、拍照留念。"
    );
}

#[test]
fn an_empty_kicker_line() {
    let (kicker, title, subtitle, body) =
        heads_and_body("20191001-02-01.txt", rmrb!("20191001/20191001-02-01.txt"));
    assert_eq!(
        (kicker.as_str(), title.as_str(), subtitle.as_str()),
        ("", "金秋时节看丰收", "——河南省周口市秋粮收获见闻")
    );
    assert_eq!((body.len(), body[0].as_str()), (4, "本报记者　刘文涛"));
}

#[test]
fn an_empty_subtitle_line_leaves_an_unmarked_kicker_above_the_headline() {
    let (kicker, title, subtitle, body) =
        heads_and_body("20191001-04-03.txt", rmrb!("20191001/20191001-04-03.txt"));
    assert_eq!(
        (kicker.as_str(), title.as_str(), subtitle.as_str()),
        ("国庆假期首日", "全国铁路发送旅客一千五百万人次", "")
    );
    assert_eq!(body.len(), 2);
    assert!(body[1].starts_with("为满足旅客出行需求，"));
}

#[test]
fn a_headline_between_empty_lines() {
    let (kicker, title, subtitle, body) =
        heads_and_body("20191001-05-01.txt", rmrb!("20191001/20191001-05-01.txt"));
    assert_eq!(
        (kicker.as_str(), title.as_str(), subtitle.as_str()),
        ("", "我国成功发射一颗通信技术试验卫星", "")
    );
    assert_eq!(body.len(), 2);
}

#[test]
fn a_kicker_marked_by_its_colon() {
    let (kicker, title, subtitle, body) =
        heads_and_body("20191001-10-02.txt", rmrb!("20191001/20191001-10-02.txt"));
    assert_eq!(
        (kicker.as_str(), title.as_str(), subtitle.as_str()),
        ("经济观察：", "前三季度消费市场平稳增长", "")
    );
    assert_eq!(body.len(), 2);
}

#[test]
fn a_title_alone_is_not_an_article() {
    let out = parsed("20191001-08-04.txt", rmrb!("20191001/20191001-08-04.txt"));
    assert!(out.articles.is_empty());
    assert_eq!(
        out.problems,
        [Problem::skipped(
            "rmrb/20191001-08-04.txt",
            "not an article (no paragraph text)"
        )]
    );
}

#[test]
fn a_readme_is_not_an_article() {
    let out = parsed("README.txt", rmrb!("README.txt"));
    assert!(out.articles.is_empty());
    assert_eq!(
        out.problems,
        [Problem::skipped(
            "rmrb/README.txt",
            "not an article: README is a project file"
        )]
    );
    let out = parsed("LICENSE.txt", "MIT License\n\nCopyright (c) 2019 someone\n");
    assert_eq!(out.problems.len(), 1);
    assert!(out.articles.is_empty());
}

#[test]
fn a_blank_page_is_nothing_and_no_problem() {
    let out = parsed("a.txt", "\u{3000}\n\n");
    assert!(out.articles.is_empty() && out.problems.is_empty());
}

#[test]
fn a_license_under_another_name_has_no_paragraph_text() {
    let out = parsed("terms.txt", "MIT License\n\nCopyright (c) 2019 someone\n");
    assert_eq!(
        out.problems,
        [Problem::skipped(
            "rmrb/terms.txt",
            "not an article (no paragraph text)"
        )]
    );
}

#[test]
fn metadata_below_the_heads() {
    let text = "引题——\n标题\n发布时间：2019-10-01 08:00　来源：人民日报\n　　正文。";
    let out = parsed("a.txt", text);
    let a = &out.articles[0];
    assert_eq!(
        (
            a.header.kicker.as_str(),
            a.title.as_str(),
            a.source.as_str()
        ),
        ("引题——", "标题", "人民日报")
    );
    assert_eq!(
        (a.date.display(), &*a.body.text()),
        ("2019-10-01 08:00".into(), "正文。")
    );
}

/// Kicker, title and subtitle of the page `text`.
fn heads(text: &str) -> (String, String, String) {
    let a = page(text).unwrap();
    (a.header.kicker, a.title, a.header.subtitle)
}

fn three(kicker: &str, title: &str, subtitle: &str) -> (String, String, String) {
    (kicker.into(), title.into(), subtitle.into())
}

#[test]
fn two_header_lines_without_the_layout() {
    assert_eq!(
        heads("标题\n——副题\n　　正文。"),
        three("", "标题", "——副题")
    );
    assert_eq!(heads("标题\n副题\n　　正文。"), three("", "标题", "副题"));
    assert_eq!(heads("引题—\n标题\n　　正文。"), three("引题—", "标题", ""));
    assert_eq!(
        heads("引题:\n标题\n\n　　正文。"),
        three("引题:", "标题", "")
    );
}

#[test]
fn the_layout_places_two_lines_and_a_dash_overrules_it() {
    assert_eq!(heads("引题\n标题\n\n　　正文。"), three("引题", "标题", ""));
    assert_eq!(
        heads("引题\n标题\n\n\n　　正文。"),
        three("引题", "标题", "")
    );
    assert_eq!(
        heads("\n标题\n副题\n\n　　正文。"),
        three("", "标题", "副题")
    );
    assert_eq!(
        heads("标题\n——副题\n\n　　正文。"),
        three("", "标题", "——副题")
    );
    // No headline in line 2: not the layout.
    assert_eq!(heads("标题\n\n副题\n　　正文。"), three("", "标题", "副题"));
}

#[test]
fn more_than_three_short_lines_are_a_title_and_body() {
    let a = page("标题\n一\n二\n三\n　　正文。").unwrap();
    assert_eq!(
        (a.title.as_str(), &*a.body.text()),
        ("标题", "一\n二\n三\n正文。")
    );
    assert_eq!(a.header, Header::default());
}

#[test]
fn a_long_or_finished_unindented_line_is_a_paragraph() {
    let long = "国家统计局今天发布数据显示，前三季度全国居民人均可支配收入实际增长百分之六点一，与经济增长基本同步。";
    let a = page(&format!("引题——\n标题\n{long}")).unwrap();
    assert_eq!(
        (a.header.kicker.as_str(), a.title.as_str(), &*a.body.text()),
        ("引题——", "标题", long)
    );
    let a = page(&format!("引题——\n标题\n{}", "长".repeat(51))).unwrap();
    assert_eq!(
        (a.header.kicker.as_str(), a.title.as_str()),
        ("引题——", "标题")
    );
}
