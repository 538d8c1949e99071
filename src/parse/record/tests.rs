//! Every field name and value shape, one table row each, with the article part it fills.

use super::*;
use crate::article::normalize_body;
use crate::date::Date;
use crate::parse::html::fragment_text;
use crate::sanitize::clean;
use serde_json::json;

mod tools;

/// The record `{"title": "标题", …fields}` loaded.
fn load(fields: Value) -> Article {
    let mut record = json!({"title": "标题"});
    for (k, v) in fields.as_object().unwrap() {
        record[k] = v.clone();
    }
    from_value(record).unwrap()
}

/// One part of an article as text (`tags` joined by `|`).
fn part(a: &Article, name: &str) -> String {
    match name {
        "title" => a.title.clone(),
        "full_title" => a.header.full_title.clone(),
        "date" => a.date.display(),
        "source" => a.source.clone(),
        "url" => a.url.clone().unwrap_or_default(),
        "id" => a.id.clone(),
        "body" => a.body.text().into_owned(),
        "summary" => a.header.summary.clone(),
        "author" => a.header.author.clone(),
        "kicker" => a.header.kicker.clone(),
        "subtitle" => a.header.subtitle.clone(),
        "tags" => a.tags.join("|"),
        other => panic!("no part {other}"),
    }
}

/// Checks each row: loading the fields gives the part shown.
fn check(rows: &[(&str, Value, &str)]) {
    for (name, fields, want) in rows {
        let got = part(&load(fields.clone()), name);
        assert_eq!(got, *want, "{name} of {fields}");
    }
}

#[test]
fn date_names() {
    let when = "2021-05-18 08:30:00";
    let mut rows = Vec::new();
    for key in [
        "publish_time",
        "pub_time",
        "publishTime",
        "publishedAt",
        "published_at",
        "date_publish",
        "pubDate",
        "created_at",
        "firstcreated",
        "versioncreated",
        "versionCreated",
        "date",
        "time",
        "published",
        "pubdate",
        "datetime",
        "Publish-Time",
        "PUBLISHTIME",
        "发布时间",
        "datePublished",
        "pub_date",
        "createTime",
        "date_modify",
        "updated_at",
    ] {
        rows.push(("date", json!({ key: when }), "2021-05-18 08:30"));
    }
    // Shown in China Standard Time, the display zone of the tests.
    rows.push((
        "date",
        json!({"publishedAt": "2021-05-18T00:30:00Z"}),
        "2021-05-18 08:30",
    ));
    rows.push((
        "date",
        json!({"pubDate": "Tue, 18 May 2021 08:30:00 +0800"}),
        "2021-05-18 08:30",
    ));
    rows.push((
        "date",
        json!({"created_at": 1621297800}),
        "2021-05-18 08:30",
    ));
    rows.push((
        "date",
        json!({"publish_time": {"$date": "2021-05-18T00:30:00Z"}}),
        "2021-05-18 08:30",
    ));
    // A publication date beats a modified one, whatever the key order.
    rows.push((
        "date",
        json!({"versioncreated": "2021-05-20T00:00:00Z", "firstcreated": "2021-05-18T00:30:00Z"}),
        "2021-05-18 08:30",
    ));
    rows.push((
        "date",
        json!({"date_modify": "2021-05-20", "pubDate": "2021-05-18"}),
        "2021-05-18",
    ));
    rows.push(("date", json!({"date_download": "2021-06-01"}), ""));
    check(&rows);
}

#[test]
fn source_and_url_names() {
    let page = "https://www.thepaper.cn/newsDetail_forward_1";
    check(&[
        ("source", json!({"source": "澎湃新闻"}), "澎湃新闻"),
        (
            "source",
            json!({"source": {"id": null, "name": "澎湃新闻"}}),
            "澎湃新闻",
        ),
        ("source", json!({"sitename": "澎湃新闻"}), "澎湃新闻"),
        ("source", json!({"site_name": "澎湃新闻"}), "澎湃新闻"),
        ("source", json!({"siteName": "澎湃新闻"}), "澎湃新闻"),
        ("source", json!({"source_name": "澎湃新闻"}), "澎湃新闻"),
        ("source", json!({"source-hostname": "澎湃新闻"}), "澎湃新闻"),
        ("source", json!({"publisher": "澎湃新闻"}), "澎湃新闻"),
        (
            "source",
            json!({"publisher": {"name": "澎湃新闻"}}),
            "澎湃新闻",
        ),
        ("source", json!({"site": "澎湃新闻"}), "澎湃新闻"),
        ("source", json!({"media": "澎湃新闻"}), "澎湃新闻"),
        ("source", json!({"来源": "澎湃新闻"}), "澎湃新闻"),
        (
            "source",
            json!({"source_domain": "www.thepaper.cn"}),
            "www.thepaper.cn",
        ),
        (
            "source",
            json!({"hostname": "www.thepaper.cn"}),
            "www.thepaper.cn",
        ),
        (
            "source",
            json!({"source_domain": "www.thepaper.cn", "sitename": "澎湃新闻"}),
            "澎湃新闻",
        ),
        (
            "source",
            json!({"source": "www.thepaper.cn", "publisher": "澎湃新闻"}),
            "澎湃新闻",
        ),
        ("source", json!({"url": page}), "www.thepaper.cn"),
        ("source", json!({"source": page}), "www.thepaper.cn"),
        ("source", json!({}), ""),
        ("url", json!({"url": page}), page),
        ("url", json!({"link": page}), page),
        ("url", json!({"source_url": page}), page),
        ("url", json!({"source": page}), page),
        (
            "url",
            json!({"url": page, "source": "https://elsewhere.cn/"}),
            page,
        ),
        ("url", json!({"source": "澎湃新闻"}), ""),
    ]);
}

#[test]
fn id_names() {
    let mut rows = Vec::new();
    for key in [
        "id",
        "article_id",
        "articleId",
        "news_id",
        "docid",
        "doc_id",
        "guid",
        "uuid",
        "uri",
        "ID",
    ] {
        rows.push(("id", json!({ key: "a-1" }), "a-1"));
    }
    rows.push(("id", json!({"_id": {"$oid": "60a3b2"}}), "60a3b2"));
    rows.push(("id", json!({"news_id": 1001}), "1001"));
    rows.push((
        "id",
        json!({"altids": [{"role": "agency", "value": "b-2"}]}),
        "b-2",
    ));
    rows.push(("id", json!({"altids": {"agency": "b-2"}}), "b-2"));
    rows.push(("id", json!({"uri": "u", "altids": {"agency": "b-2"}}), "u"));
    rows.push(("id", json!({"id": "", "guid": "g"}), "g"));
    check(&rows);
    let a = load(json!({"id": null, "body": "正文"}));
    assert_eq!(
        a.id,
        crate::article::stable_id("", &Date::Missing, "标题", &a.body)
    );
}

#[test]
fn body_names_and_shapes() {
    let mut rows = Vec::new();
    for key in [
        "body",
        "content",
        "text",
        "maintext",
        "content_text",
        "article",
        "articleBody",
        "body_text",
        "raw_text",
        "正文",
        "内容",
        "Content",
    ] {
        rows.push((
            "body",
            json!({ key: "　　第一段。\n\n第二段。" }),
            "第一段。\n第二段。",
        ));
    }
    rows.push((
        "body",
        json!({"content": ["第一段。", "第二段。"]}),
        "第一段。\n第二段。",
    ));
    rows.push((
        "body",
        json!({"content": [{"type": "p", "text": "第一段。"}, {"value": "第二段。"}]}),
        "第一段。\n第二段。",
    ));
    rows.push((
        "body",
        json!({"bodies": [{"role": "main", "contenttype": "text/plain", "value": "第一段。"}]}),
        "第一段。",
    ));
    // Preference: body > content > text > maintext …; null and "" are no body.
    rows.push(("body", json!({"text": "乙", "content": "甲"}), "甲"));
    rows.push(("body", json!({"raw_text": "乙", "text": "甲"}), "甲"));
    rows.push((
        "body",
        json!({"body": null, "content": "", "text": "丙"}),
        "丙",
    ));
    // Text with `<` that is no markup stays as it is.
    rows.push(("body", json!({"content": "若 a<b 且 b>c"}), "若 a<b 且 b>c"));
    rows.push(("body", json!({}), ""));
    check(&rows);
}

#[test]
fn markup_in_a_body_goes_through_fragment_text() {
    let html = "<p>　　第一段。</p>\n<p>第二段。<br>第三段。</p>";
    let want = normalize_body(&clean(&fragment_text(html)));
    for key in ["content", "body_html", "bodyXhtml"] {
        assert_eq!(load(json!({ key: html })).body, want.as_str(), "{key}");
    }
    let summary = load(json!({"description": html})).header.summary;
    assert_eq!(summary, want);
}

/// A body of markup becomes its text paragraphs (`html::fragment_text`).
#[test]
fn markup_in_a_body_becomes_paragraphs() {
    let a = load(json!({"content": "<p>　　第一段。</p>\n<p>第二段。<br>第三段。</p>"}));
    assert_eq!(a.body, "第一段。\n第二段。\n第三段。");
}

#[test]
fn header_names() {
    let mut rows = Vec::new();
    for key in [
        "description",
        "summary",
        "desc",
        "abstract",
        "excerpt",
        "digest",
        "description_text",
        "摘要",
        "Description",
    ] {
        rows.push((
            "summary",
            json!({ key: "一句话。\n第二句。" }),
            "一句话。\n第二句。",
        ));
    }
    rows.push((
        "summary",
        json!({"descriptions": [{"role": "main", "value": "一句话。"}]}),
        "一句话。",
    ));
    for key in [
        "author", "authors", "reporter", "by", "byline", "作者", "Author",
    ] {
        rows.push(("author", json!({ key: "张三" }), "张三"));
    }
    rows.push(("author", json!({"authors": ["张三", "李四"]}), "张三、李四"));
    rows.push((
        "author",
        json!({"authors": [{"name": "张三"}, {"name": "李四"}]}),
        "张三、李四",
    ));
    rows.push(("author", json!({"author": "张三; 李四"}), "张三、李四"));
    rows.push(("author", json!({"authors": [], "author": "王五"}), "王五"));
    for key in [
        "kicker",
        "pretitle",
        "intro_title",
        "introTitle",
        "引题",
        "肩题",
    ] {
        rows.push((
            "kicker",
            json!({ key: "庆祝中华人民共和国成立70周年——" }),
            "庆祝中华人民共和国成立70周年——",
        ));
    }
    for key in [
        "subtitle",
        "subheadline",
        "sub_title",
        "subTitle",
        "副题",
        "副标题",
    ] {
        rows.push(("subtitle", json!({ key: "副标题文字" }), "副标题文字"));
    }
    check(&rows);
}

#[test]
fn title_and_tag_names() {
    check(&[
        (
            "title",
            json!({"title": null, "headline": "另一标题"}),
            "另一标题",
        ),
        ("tags", json!({"tags": ["人大", "会议"]}), "人大|会议"),
        ("tags", json!({"keywords": "人大,会议"}), "人大|会议"),
        (
            "tags",
            json!({"subjects": [{"name": "政治", "uri": "x"}]}),
            "政治",
        ),
        (
            "tags",
            json!({"subject": [{"name": "政治", "code": "1"}]}),
            "政治",
        ),
        (
            "tags",
            json!({"tags": "a;b", "categories": "时政;a"}),
            "a|b|时政",
        ),
        (
            "tags",
            json!({"keywords": ["经济"], "located": "北京"}),
            "经济|北京",
        ),
    ]);
    let a = from_value(json!({"TITLE": "大写键"})).unwrap();
    assert_eq!(a.title, "大写键");
    let a = from_value(json!({"headline": "只有 headline"})).unwrap();
    assert_eq!(a.title, "只有 headline");
    let a = from_value(json!({"headlines": [{"role": "main", "value": "主标题"}]})).unwrap();
    assert_eq!(a.title, "主标题");
}

#[test]
fn site_suffix_leaves_the_listed_title() {
    let a = load(json!({"title": "国常会部署 - 新浪网", "source": {"name": "新浪网"}}));
    assert_eq!(
        (part(&a, "title"), part(&a, "full_title")),
        ("国常会部署".into(), "国常会部署 - 新浪网".into())
    );
    let a = load(json!({"title": "国常会部署 - 新浪网"}));
    assert_eq!(
        (part(&a, "title"), part(&a, "full_title")),
        ("国常会部署 - 新浪网".into(), String::new())
    );
    // The stable id hashes the listed title.
    let a = load(json!({"title": "国常会部署_新华网", "source": "新华网"}));
    assert_eq!(
        a.id,
        crate::article::stable_id("新华网", &Date::Missing, "国常会部署", &a.body)
    );
}

#[test]
fn plain_fields() {
    let a = from_value(json!({
        "id": "a1", "title": " 标题 ", "date": "2017-09-06 09:11", "source": "长春日报",
        "url": "http://example.com/x", "body": "　　第一段。\n\n第二段。", "tags": ["人大", "会议"]
    }))
    .unwrap();
    assert_eq!(a.id, "a1");
    assert_eq!(a.title, "标题");
    assert_eq!(a.date.display(), "2017-09-06 09:11");
    assert_eq!(a.source, "长春日报");
    assert_eq!(a.url.as_deref(), Some("http://example.com/x"));
    assert_eq!(a.body, "第一段。\n第二段。");
    assert_eq!(a.tags, ["人大", "会议"]);
    assert!(a.header.is_empty());
}

#[test]
fn id_number_or_stable_hash() {
    let a = from_value(json!({"id": 42, "title": "T"})).unwrap();
    assert_eq!(a.id, "42");
    let b = from_value(json!({"title": "T", "source": "S", "date": "2017-09-06"})).unwrap();
    assert_eq!(b.id, crate::article::stable_id("S", &b.date, "T", &b.body));
    assert_eq!(b.id.len(), 16);
}

#[test]
fn date_forms_and_fallbacks() {
    let date = |v: Value| from_value(json!({"title": "T", "date": v})).unwrap().date;
    assert_eq!(date(json!(1504660260)).display(), "2017-09-06 09:11");
    assert_eq!(date(json!("2017年9月6日")).display(), "2017-09-06");
    assert_eq!(
        date(json!("2017-09-06T01:11:00Z")).display(),
        "2017-09-06 09:11"
    );
    assert_eq!(date(json!("上周三")), Date::Unparsed("上周三".into()));
    assert_eq!(date(json!(null)), Date::Missing);
    let from_url =
        from_value(json!({"title": "T", "url": "http://news.sohu.com/20120706/n1.shtml"}));
    assert_eq!(from_url.unwrap().date.display(), "2012-07-06");
}

#[test]
fn hygiene_on_every_field() {
    let a = from_value(json!({
        "title": "\u{1b}[31m红\u{1b}[0m\u{200b}", "source": "\u{9b}1m源", "url": "http://a\u{7}",
        "body": "x\u{1b}]52;c;AAAA\u{7}y\r\nz", "tags": ["\u{202e}t"], "id": "i\u{1b}[2Jd",
        "author": "\u{1b}[1m张三", "kicker": "引\u{7}题", "subtitle": "副\u{200b}题",
        "description": "摘\u{1b}[0m要\r\n次段"
    }))
    .unwrap();
    assert_eq!(
        (
            a.title.as_str(),
            a.source.as_str(),
            a.url.as_deref(),
            &*a.body.text()
        ),
        ("红", "源", Some("http://a"), "xy\nz")
    );
    assert_eq!((a.tags, a.id), (vec!["t".to_string()], "id".to_string()));
    let h = a.header;
    assert_eq!(
        (h.author, h.kicker, h.subtitle, h.summary),
        (
            "张三".into(),
            "引题".into(),
            "副题".into(),
            "摘要\n次段".into()
        )
    );
}

proptest::proptest! {
    #[test]
    fn clean_field_is_clean_line(chars in proptest::collection::vec(proptest::sample::select(vec![
        'a', ' ', '标', '\n', '\r', '\t', '\u{1b}', '[', '3', 'm', ']', '\u{7}', '\u{9b}',
        '\u{9d}', '\u{200b}', '\u{200d}', '\u{2028}', '\u{202e}', '\u{feff}', '\u{ad}',
        '\u{3000}', '\u{a0}', '👩', '\u{7f}', '\u{85}', '\u{61c}', '\u{600}', '\u{2066}',
        '\u{2070}', '—', '“', 'é', '\u{fffd}', '\u{fe0f}', '\u{a1}', '\u{9f}',
    ]), 0..24)) {
        let text: String = chars.into_iter().collect();
        proptest::prop_assert_eq!(clean_field(&text), clean_line(&text));
    }
}

#[test]
fn bad_records() {
    for (record, why) in [
        (json!({"body": "x"}), "record has no title"),
        (json!({"title": " \u{1b}[0m "}), "record has no title"),
        (
            json!({"title": "", "headline": null}),
            "record has no title",
        ),
        (json!([1]), "record is not a JSON object"),
    ] {
        assert_eq!(from_value(record), Err(why.to_string()));
    }
}
