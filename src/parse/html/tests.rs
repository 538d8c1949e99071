//! Saved pages of six sites' layouts (`tests/fixtures/html/`, see `tests/fixtures/README.md`), read
//! whole: every field, the first and last paragraph, and that none of the page's navigation
//! or footer came along.

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/html/",
            $name
        ))
    };
}

/// What one page must give.
struct Expected {
    title: &'static str,
    full_title: &'static str,
    date: &'static str,
    source: &'static str,
    url: Option<&'static str>,
    author: &'static str,
    first: &'static str,
    last: &'static str,
    paragraphs: usize,
    /// Navigation, footer and sidebar text that must not be in the body.
    absent: &'static [&'static str],
}

fn read(name: &str, bytes: &[u8]) -> Archive {
    let mut out = Archive::default();
    parse(name, name, bytes, &mut out);
    out
}

fn check(name: &str, bytes: &[u8], want: Expected) {
    let out = read(name, bytes);
    assert_eq!(out.problems, [], "{name}");
    assert_eq!(out.articles.len(), 1, "{name}");
    let a = &out.articles[0];
    assert_eq!(a.title, want.title, "{name}: title");
    assert_eq!(a.header.full_title, want.full_title, "{name}: full title");
    assert_eq!(a.date.display(), want.date, "{name}: date");
    assert_eq!(a.source, want.source, "{name}: source");
    assert_eq!(a.url.as_deref(), want.url, "{name}: url");
    assert_eq!(a.header.author, want.author, "{name}: author");
    let paragraphs = a.paragraphs();
    assert_eq!(
        paragraphs.first().map(String::as_str),
        Some(want.first),
        "{name}: first"
    );
    assert_eq!(
        paragraphs.last().map(String::as_str),
        Some(want.last),
        "{name}: last"
    );
    assert_eq!(paragraphs.len(), want.paragraphs, "{name}: {paragraphs:#?}");
    let body = a.body.text();
    for junk in want.absent {
        assert!(!body.contains(junk), "{name}: body holds {junk:?}");
    }
    assert_eq!(a.id.len(), 16, "{name}: a stable id");
}

#[test]
fn xinhuanet_byline_under_a_div_headline() {
    check(
        "xinhuanet.htm",
        fixture!("xinhuanet.htm"),
        Expected {
            title: "巴黎公交地铁因罢工大面积停运",
            full_title: "巴黎公交地铁因罢工大面积停运-新华网",
            date: "2019-12-10 07:57",
            source: "新华网",
            url: Some("http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm"),
            author: "",
            first: "新华社巴黎12月9日电（记者李明）法国多个行业工会9日再次举行全国性罢工，抗议政府的养老金制度改革方案。首都巴黎的公共交通几近停摆，全国多地铁路和航班受到影响。",
            last: "工会方面表示，若政府不撤回改革方案，罢工将持续下去。法国总理预计将于11日公布养老金改革的具体内容。",
            paragraphs: 4,
            absent: &[
                "下一篇",
                "关注新华网",
                "图集",
                "Copyright",
                "冬季游",
                "不是正文",
            ],
        },
    );
}

#[test]
fn sina_open_graph_and_a_mediaid_source() {
    check(
        "sina.shtml",
        fixture!("sina.shtml"),
        Expected {
            title: "城市公园里的晨练人群 为何让外国博主惊叹？",
            full_title: "",
            date: "2019-11-25 18:57",
            source: "参考消息",
            url: Some("https://news.sina.com.cn/c/2019-11-25/doc-iihnzahi3275702.shtml"),
            author: "",
            first: "原标题：城市公园里的晨练人群为何让外国博主惊叹？",
            last: "责任编辑：张迪",
            paragraphs: 8,
            absent: &[
                "新浪首页",
                "放大字体",
                "热门推荐",
                "二维码",
                "SINA Corporation",
                "新闻中心",
            ],
        },
    );
}

#[test]
fn netease_source_after_the_time_and_the_site_is_no_author() {
    check(
        "163.html",
        fixture!("163.html"),
        Expected {
            title: "单项奖金百万美元的科学奖揭晓 首位女性获奖者是谁?",
            full_title: "",
            date: "2019-09-08 00:20",
            source: "每日经济新闻",
            url: Some("https://news.163.com/19/0908/00/EOGSPO3Q0001899O.html"),
            author: "",
            first: "（原标题：百万美元科学奖揭晓，首位女性获奖者来自数学领域）",
            last: "本文来源：每日经济新闻 责任编辑：荀建国_NN7379",
            paragraphs: 6,
            absent: &[
                "分享到",
                "举报",
                "下一篇",
                "热点新闻",
                "网易公司版权所有",
                "netease",
            ],
        },
    );
}

#[test]
fn people_daily_in_gbk_dated_by_meta_and_timed_by_the_byline() {
    let bytes = fixture!("people-gbk.html");
    assert_eq!(charset::decode(bytes).encoding, encoding_rs::GBK);
    check(
        "people-gbk.html",
        bytes,
        Expected {
            title: "父亲节读诗：那些写给孩子的家书",
            full_title: "",
            date: "2019-06-15 08:18",
            source: "人民网-文化频道",
            url: None,
            author: "",
            first: "父亲的教诲像一盏灯，为我们照亮前行的路；父亲的关爱像一把伞，为我们遮挡风雨。今年的6月16日是父亲节，许多人会想起父亲写给自己的那些话。",
            last: "(责编：王芳、李强)",
            paragraphs: 7,
            absent: &[
                "文艺星青年",
                "分享到",
                "相关新闻",
                "热点推荐",
                "版 权 所 有",
            ],
        },
    );
}

#[test]
fn the_paper_text_broken_by_br_and_a_saved_from_url() {
    check(
        "thepaper.html",
        fixture!("thepaper.html"),
        Expected {
            title: "老旧小区加装电梯提速：今年计划改造120个小区",
            full_title: "",
            date: "2020-01-03 18:13",
            source: "澎湃新闻",
            url: Some("https://www.thepaper.cn/newsDetail_forward_5420361"),
            author: "王晓",
            first: "今年全市计划启动改造老旧小区120个，涉及居民约4万户，其中加装电梯将成为改造的重点内容。",
            last: "责任编辑：李华",
            paragraphs: 7,
            absent: &["字号", "相关推荐", "热新闻", "沪ICP备", "精选"],
        },
    );
}

#[test]
fn json_ld_and_time_in_a_traditional_chinese_page() {
    check(
        "jsonld.html",
        fixture!("jsonld.html"),
        Expected {
            title: "港鐵新線下月通車 沿線居民出行更方便",
            full_title: "",
            // 17:30 UTC, shown in China Standard Time.
            date: "2020-02-15 01:30",
            source: "城市日報",
            url: Some("https://news.example.hk/article/20200214/town/0001"),
            author: "陳家明",
            first: "新線列車在車廠進行測試。",
            last: "有沿線居民表示，過去每天要轉乘兩程巴士上班，新線通車後可以省下不少時間，「終於等到了」。",
            paragraphs: 4,
            absent: &["港聞", "相關新聞", "版權所有", "私隱政策", "記者 陳家明"],
        },
    );
}

#[test]
fn summaries_come_from_the_description() {
    let out = read("jsonld.html", fixture!("jsonld.html"));
    assert_eq!(
        out.articles[0].header.summary,
        "新線全長約十公里，設五個車站，通車後由北區往市中心的時間可縮短約二十分鐘。"
    );
}

#[test]
fn pages_that_are_not_articles_are_problems() {
    let out = read("list.html", fixture!("list.html"));
    assert_eq!(out.articles, []);
    assert_eq!(
        out.problems,
        [Problem::skipped(
            "list.html",
            "not an article (no paragraph text)"
        )]
    );
    for page in [
        "",
        "<html><head><title>空页面</title></head><body></body></html>",
        "<html><body><script>document.write('<p>动态生成的正文，读不到。</p>')</script></body></html>",
        "<html><body><p>页面不存在</p><a href=\"/\">返回首页</a></body></html>",
    ] {
        let out = read("empty.html", page.as_bytes());
        assert_eq!(out.articles, [], "{page}");
        assert_eq!(
            out.problems,
            [Problem::skipped(
                "empty.html",
                "not an article (no paragraph text)"
            )],
            "{page}"
        );
    }
}

#[test]
fn markup_nested_too_deep_for_the_extractor_is_a_problem() {
    let page = format!(
        "<html><body>{}<p>深处的一段正文，有标点。</p>{}</body></html>",
        "<div>".repeat(300),
        "</div>".repeat(300)
    );
    let out = read("deep.html", page.as_bytes());
    assert_eq!(out.articles, []);
    assert_eq!(
        out.problems,
        [Problem::whole(
            "deep.html",
            "not read: markup nested more than 256 levels deep"
        )]
    );
}

#[test]
fn a_gbk_page_written_here_reads_back() {
    let html = "<html><head><meta charset=\"gbk\"><title>秋粮收购全面展开_经济日报</title></head>\
        <body><h1>秋粮收购全面展开</h1><p>2019-10-08 09:15 来源：经济日报</p>\
        <p>各地秋粮收购工作全面展开，主产区收购进度快于去年同期。</p>\
        <p>粮食部门表示，将加强市场监测，保障农民售粮顺畅。</p></body></html>";
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(html);
    assert!(!unmappable);
    let out = read("gbk.html", &bytes);
    assert_eq!(out.problems, []);
    let a = &out.articles[0];
    assert_eq!(a.title, "秋粮收购全面展开");
    assert_eq!(a.date.display(), "2019-10-08 09:15");
    assert_eq!(a.source, "经济日报");
    assert_eq!(
        a.paragraphs(),
        [
            "各地秋粮收购工作全面展开，主产区收购进度快于去年同期。",
            "粮食部门表示，将加强市场监测，保障农民售粮顺畅。"
        ]
    );
}

#[test]
fn undecodable_bytes_are_reported_and_the_rest_loads() {
    let html = "<html><head><meta charset=\"gbk\"><title>标题</title></head><body>\
        <p>各地秋粮收购工作全面展开，主产区收购进度快于去年同期。</p></body></html>";
    let (mut bytes, _, _) = encoding_rs::GBK.encode(html);
    let bytes = bytes.to_mut();
    let at = bytes.len() - 20;
    bytes.insert(at, 0xFF);
    let out = read("bad.html", bytes);
    assert_eq!(
        out.problems,
        [Problem::whole(
            "bad.html",
            "invalid GBK bytes replaced with U+FFFD"
        )]
    );
    assert_eq!(out.articles.len(), 1);
}

#[test]
fn a_title_never_starts_with_markup() {
    let page = "<html><head><title>&lt;b&gt;独家&lt;/b&gt; 城市更新进入新阶段</title></head><body>\
        <p>城市更新进入新阶段，多个试点项目已经开工建设，居民生活条件明显改善。</p></body></html>";
    let out = read("markup.html", page.as_bytes());
    assert_eq!(out.articles[0].title, "独家 城市更新进入新阶段");
    let untitled = "<html><body><p>城市更新进入新阶段。多个试点项目已经开工建设，居民生活条件明显改善。</p></body></html>";
    let out = read("untitled.html", untitled.as_bytes());
    assert_eq!(out.articles[0].title, "城市更新进入新阶段。");
}

#[test]
fn control_characters_in_a_page_are_cleaned() {
    let page = "<html><head><title>标题\u{1b}[31m红色</title></head><body>\
        <p>正文里有一个转义序列\u{1b}]0;改标题\u{7}，和一个\u{202e}方向控制符，都应去掉。</p></body></html>";
    let a = &read("esc.html", page.as_bytes()).articles[0];
    assert_eq!(a.title, "标题红色");
    assert_eq!(
        a.paragraphs(),
        ["正文里有一个转义序列，和一个方向控制符，都应去掉。"]
    );
}

#[test]
fn fragment_text_reads_markup_as_paragraphs() {
    assert_eq!(
        fragment_text("<p>第一段&nbsp;有&amp;实体&lt;。</p><p>第二段<br>第三段</p>"),
        "第一段 有&实体<。\n第二段\n第三段"
    );
    assert_eq!(
        fragment_text("<div><h2>小标题</h2><ul><li>一</li><li>二</li></ul></div>尾声"),
        "小标题\n一\n二\n尾声"
    );
    assert_eq!(
        fragment_text("<p>正文<script>alert(1)</script><style>p{}</style></p><!-- 注释 -->"),
        "正文"
    );
    assert_eq!(
        fragment_text(
            "<figure><img src=a.jpg alt=\"会场\"><figcaption>图为会场。</figcaption></figure>"
        ),
        "图为会场。"
    );
    assert_eq!(
        fragment_text("没有标签的正文\n第二段 a < b 不是标签"),
        "没有标签的正文\n第二段 a < b 不是标签"
    );
    assert_eq!(fragment_text("<p></p>"), "");
}
