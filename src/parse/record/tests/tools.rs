//! One fixture per tool, in the tool's own output shape (tests/fixtures/records/), loaded the
//! way a user's file would be, with every article part checked.

use std::sync::Arc;

use crate::article::{Article, SharedBytes};
use crate::parse::{Archive, json, jsonl, lazy};

/// The text of fixture `name`.
fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/records/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The articles of fixture `name` (JSON or JSON Lines by its extension); no problems allowed.
fn articles(name: &str) -> Vec<Article> {
    let text = fixture(name);
    let mut out = Archive::default();
    if name.ends_with(".jsonl") {
        jsonl::parse(name, &text, &[], "invalid UTF-8", &mut out);
        // The fast path gives the very same articles, bodies left in the bytes.
        let shared: SharedBytes = Arc::new(text.clone().into_bytes());
        let bytes = std::str::from_utf8(shared.as_ref().as_ref()).unwrap();
        let lazy: Vec<Article> = bytes
            .lines()
            .map(|line| lazy::from_line(line, &shared).expect("fast path"))
            .collect();
        assert!(lazy.iter().all(|a| a.body.is_lazy()));
        assert_eq!(lazy, out.articles, "{name}: fast path");
    } else {
        json::parse(name, &text, &mut out);
    }
    assert_eq!(out.problems, [], "{name}");
    out.articles
}

/// An article's parts, in a fixed order, for one exact comparison.
fn parts(a: &Article) -> Vec<String> {
    let h = &a.header;
    vec![
        a.title.clone(),
        h.full_title.clone(),
        a.date.display(),
        a.source.clone(),
        a.url.clone().unwrap_or_default(),
        h.author.clone(),
        h.kicker.clone(),
        h.subtitle.clone(),
        h.summary.clone(),
        a.body.text().into_owned(),
        a.tags.join("|"),
    ]
}

/// Checks `got` against the parts wanted (as in [`parts`]) and the id: the record's own, or
/// a 16-digit stable hash when `id` is `None`.
fn check(got: &Article, id: Option<&str>, want: [&str; 11]) {
    assert_eq!(parts(got), want, "{}", got.title);
    match id {
        Some(id) => assert_eq!(got.id, id),
        None => assert_eq!(
            got.id,
            crate::article::stable_id(&got.source, &got.date, &got.title, &got.body)
        ),
    }
}

#[test]
fn general_news_extractor() {
    let a = articles("gne.jsonl");
    assert_eq!(a.len(), 3);
    let url = |n: &str| format!("http://www.ccdaily.example.cn/news/{n}.htm");
    let (u1, u2, u3) = (
        url("2019-10/12/content_1001"),
        url("2019-10/12/content_1002"),
        url("2019-10/13/content_1003"),
    );
    let host = "www.ccdaily.example.cn";
    check(
        &a[0],
        None,
        [
            "我市启动2019年秋季植树造林活动",
            "",
            "2019-10-12 09:30",
            host,
            &u1,
            "记者 王晓明",
            "",
            "",
            "",
            "本报讯 10月11日上午，我市2019年秋季植树造林活动在南湖公园启动，市直机关干部职工两千余人参加义务植树。\n\
         据了解，今年秋季全市计划新增造林面积1.2万亩，重点推进城区绿道和乡村道路绿化。",
            "",
        ],
    );
    check(
        &a[1],
        None,
        [
            "地铁6号线首段开通初期运营",
            "",
            "2019-10-12 14:05",
            host,
            &u2,
            "",
            "",
            "",
            "",
            "今天14时，地铁6号线首段正式开通初期运营，全长18.6公里，设站12座。\n\
         首班车从起点站发出时，车厢内已坐满了前来体验的市民。",
            "",
        ],
    );
    // No publish_time: the day in the URL.
    check(
        &a[2],
        None,
        [
            "第二届冰雪旅游推介会举行",
            "",
            "2019-10-13",
            host,
            &u3,
            "通讯员 李娜",
            "",
            "",
            "",
            "13日，第二届冰雪旅游推介会在国际会展中心举行，来自全国的两百余家旅行社参会。",
            "",
        ],
    );
}

#[test]
fn newsapi_response() {
    let a = articles("newsapi.json");
    assert_eq!(a.len(), 3);
    check(
        &a[0],
        None,
        [
            "央行：保持流动性合理充裕",
            "央行：保持流动性合理充裕 - 新浪网",
            "2021-05-18 10:15",
            "新浪网",
            "https://finance.sina.com.cn/roll/2021-05-18/doc-ikmxzfmm3086451.shtml",
            "新浪财经",
            "",
            "",
            "中国人民银行18日开展1000亿元逆回购操作，维护银行体系流动性合理充裕。",
            "中国人民银行18日发布公告称，为维护银行体系流动性合理充裕，当日以利率招标方式开展了1000亿元逆回购操作。… [+1532 chars]",
            "",
        ],
    );
    // No content: the body stays empty and the reader shows the summary.
    check(
        &a[1],
        None,
        [
            "长三角一体化示范区发布第二批制度创新成果",
            "长三角一体化示范区发布第二批制度创新成果|澎湃新闻",
            "2021-05-18 12:40",
            "澎湃新闻",
            "https://www.thepaper.cn/newsDetail_forward_12781234",
            "",
            "",
            "",
            "长三角生态绿色一体化发展示范区执委会18日发布第二批制度创新成果，共涉及规划管理、生态保护等八个领域。",
            "",
            "",
        ],
    );
    check(
        &a[2],
        None,
        [
            "全国春播粮食已过七成",
            "全国春播粮食已过七成_新华网",
            "2021-05-18 09:05",
            "新华网",
            "http://www.xinhuanet.com/politics/2021-05/18/c_1127461234.htm",
            "新华社",
            "",
            "",
            "记者从农业农村部获悉，截至5月17日，全国已春播粮食面积过七成。",
            "记者从农业农村部获悉，截至5月17日，全国已春播粮食面积过七成，进度同比略快。",
            "",
        ],
    );
}

#[test]
fn news_please_file() {
    let a = articles("news-please.json");
    assert_eq!(a.len(), 1);
    check(
        &a[0],
        None,
        [
            "上海“一网通办”再扩容：新增50项高频事项",
            "",
            "2021-05-18 10:21",
            "www.thepaper.cn",
            "https://www.thepaper.cn/newsDetail_forward_12785678",
            "李明",
            "",
            "",
            "上海“一网通办”新增50项高频事项，企业开办时间压缩至一天。",
            "上海市政府办公厅18日介绍，“一网通办”平台本月新增50项高频事项。\n\
         其中，企业开办全流程可在一天内办结，较去年再压缩一半时间。",
            "",
        ],
    );
}

#[test]
fn trafilatura_json_lines() {
    let a = articles("trafilatura.jsonl");
    assert_eq!(a.len(), 2);
    check(
        &a[0],
        None,
        [
            "国务院常务会议部署进一步稳就业举措",
            "国务院常务会议部署进一步稳就业举措_新华网",
            "2021-05-18",
            "新华网",
            "http://www.news.cn/politics/2021-05/18/c_1127461235.htm",
            "王林、赵红",
            "",
            "",
            "国务院常务会议部署进一步稳就业举措。",
            "国务院总理主持召开国务院常务会议，部署进一步稳就业举措。\n会议指出，要加大对市场主体的支持。",
            "就业|国务院|时政",
        ],
    );
    // No site name: the host; no date: the day in the URL.
    check(
        &a[1],
        None,
        [
            "暴雨蓝色预警继续发布",
            "",
            "2021-05-18",
            "news.sina.com.cn",
            "https://news.sina.com.cn/c/2021-05-18/doc-ikmyaawc5823456.shtml",
            "",
            "",
            "",
            "",
            "中央气象台18日继续发布暴雨蓝色预警。",
            "",
        ],
    );
}

#[test]
fn ninjs_1_2_and_3() {
    let a = articles("ninjs-1.json");
    check(
        &a[0],
        Some("http://ninjs.example.cn/newsitems/20191001xh001"),
        [
            "庆祝中华人民共和国成立70周年大会在京隆重举行",
            "",
            "2019-10-01 09:00",
            "",
            "",
            "新华社记者 张三 李四",
            "",
            "",
            "庆祝大会1日上午在北京天安门广场隆重举行。",
            "庆祝中华人民共和国成立70周年大会1日上午在北京天安门广场隆重举行。\n\
         群众游行以“同心共筑中国梦”为主题，十万群众参加。",
            "国庆|时政|北京",
        ],
    );
    let a = articles("ninjs-2.json");
    check(
        &a[0],
        Some("urn:newsml:example.cn:20210518:zx0042"),
        [
            "嫦娥五号月球样品在国家博物馆展出",
            "",
            "2021-05-18 08:30",
            "",
            "",
            "中新社记者 王芳",
            "",
            "",
            "嫦娥五号月球样品18日起在国家博物馆展出。",
            "嫦娥五号月球样品18日起在国家博物馆展出。\n展出的样品重100克，装在特制的容器中。",
            "航天|北京",
        ],
    );
    let a = articles("ninjs-3.json");
    check(
        &a[0],
        Some("urn:newsml:example.cn:20231008:ty0007"),
        [
            "杭州亚运会闭幕",
            "",
            "2023-10-08 20:15",
            "",
            "",
            "体育记者 赵六",
            "",
            "",
            "第19届亚运会8日晚在杭州闭幕。",
            "第19届亚运会8日晚在杭州闭幕。\n中国体育代表团获得201枚金牌。",
            "杭州|亚运会",
        ],
    );
}
