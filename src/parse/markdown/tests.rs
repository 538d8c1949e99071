//! The Markdown format on the fixture files of `tests/fixtures/markdown/`: trimmed real
//! archives (origins in `tests/fixtures/README.md`) and files written for these tests, one per layout.

use super::*;

/// Parses a fixture, named by its path under `tests/fixtures/markdown/`.
fn load(rel: &str) -> Archive {
    let path = format!(
        "{}/tests/fixtures/markdown/{rel}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let name = rel.rsplit('/').next().unwrap();
    let mut out = Archive::default();
    parse(rel, name, &text, &mut out);
    out
}

/// The one article of a fixture that must load as one, with no problem.
fn one(rel: &str) -> Article {
    let mut archive = load(rel);
    assert_eq!(archive.problems, [], "{rel}");
    assert_eq!(archive.articles.len(), 1, "{rel}");
    archive.articles.remove(0)
}

/// A date as RFC 3339, or as shown when it is not known.
fn rfc(date: &Date) -> String {
    date.stamp()
        .map_or_else(|| format!("{date:?}"), |s| s.rfc3339())
}

/// The problems of a fixture, as `check` prints them.
fn problems(archive: &Archive) -> Vec<String> {
    archive.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn hong_kong_archive_with_yaml_front_matter() {
    let a = one("hkcnews/article_1000.md");
    assert_eq!(a.title, "梁特最後施政報告 「一帶一路」較去年少提一半");
    assert_eq!(rfc(&a.date), "2017-01-18T00:00:00+08:00");
    assert!(!a.date.stamp().unwrap().has_time);
    assert_eq!(a.header.author, "翁維愷");
    // No source in the front matter: the host of the article's URL, as for every format.
    assert_eq!(a.source, "www.hkcnews.com");
    // `original_url` wins over the Wayback Machine `url`.
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.hkcnews.com/article/1000/leung-chun-ying")
    );
    assert_eq!(a.tags, ["leung chun ying", "梁振英", "施政報告", "眾聞"]);
    // The `# title` that repeats the front matter is not in the body; list numbers are.
    assert_eq!(
        a.paragraphs(),
        [
            "行政長官梁振英今早在立法會發表任內最後一份施政報告，全份報告提起20次「一帶一路」，比去年提起逾40次少一半。",
            "1. 政府會在今年組織「一帶一路」推廣團，到伊朗、印尼、馬來西亞、印度等有潛力國家，吸引電影界來港進行後期製作和外景及協拍工作；",
            "2. 政府將會加強「一帶一路」辦公室的人手和資源，開設首長級和其他常額職位；",
            "8. 利用「一帶一路」和兩地基金互認安排帶來的 需求，進一步拓展人民幣業務。",
        ]
    );
    assert_eq!(a.id.len(), 16);
}

#[test]
fn shortcodes_images_and_footers() {
    let a = one("hkcnews/article_200.md");
    assert_eq!(a.title, "360全景──日本合掌村秋色");
    assert_eq!(a.tags, ["合掌村", "眾說"]);
    assert_eq!(
        a.paragraphs(),
        [
            "名列世界遺產的日本岐阜縣合掌村，說它是世外桃源並不為過，從繽紛混濁的世界踏足深山小村，山明水秀，五色紛陳，強大的氣場令燥動慣的心自自然然平靜下來。",
            "拍攝器材及參數：Nikon D800 Sigma 10mm鏡 ISO:200  F:9  S:1/200",
            "請加入成為眾新聞的月費訂戶，長期支持我們的工作。所有訂戶都可以收到我們的「每周時事」通訊 。",
            "月費訂戶 網址：hkcnews.com/aboutus/#subscribe",
            "博客 | 黃志全",
        ]
    );
}

#[test]
fn archive_of_deleted_articles_with_lead_lines() {
    let a = one("terminus2049/2018-02-18-caixin-beijing-qingtui.md");
    assert_eq!(a.title, "被清退以后，他们怎样过年");
    assert_eq!(rfc(&a.date), "2018-02-18T15:24:00+08:00");
    assert_eq!(a.source, "财新网");
    assert_eq!(a.header.author, "萧辉");
    assert_eq!(
        a.url.as_deref(),
        Some("http://china.caixin.com/2018-02-18/101212060.html")
    );
    assert_eq!(a.tags, ["北京驱逐", "Archive"]);
    assert_eq!(
        a.header.summary,
        "2017年11月18日一场大火过后，许多外来务工者离开北京。他们春节过得如何？新一年有什么期盼和打算？"
    );
    // Subheadings stay in the one article; the image's file name is no caption, the
    // `<figcaption>` is.
    assert_eq!(
        a.paragraphs(),
        [
            "【财新网】（记者萧辉实习记者于璐）李闰苟家的年夜饭做了六道菜。42 岁的他陪在老母亲身边过年，感到“很踏实”，但又免不了担心，因为还不知道年后去哪里谋生。",
            "“希望女儿比我们过得好”",
            "除夕，刚过两岁生日的小欣雨穿上喜庆的棉袄，手里抱着一只平昌冬奥会吉祥物老虎布偶。",
            "失去心爱的喜羊羊玩具，热心人士为小欣雨寄来十多只玩具娃娃。图/受访者提供",
            "“新年愿望是给家人安稳的生活”",
            "38 岁的刘中年比李闰苟幸运得多。他刚刚有了新目标：过完年到广州番禺开一家服装代工厂。",
        ]
    );
}

#[test]
fn toml_front_matter() {
    let a = one("own/hugo-toml.md");
    assert_eq!(a.title, "长江十年禁渔满三年 江豚频现");
    assert_eq!(rfc(&a.date), "2024-01-01T09:30:00+08:00");
    assert_eq!(a.header.author, "王晓、李青");
    assert_eq!(a.source, "长江日报");
    assert_eq!(
        a.url.as_deref(),
        Some("https://example.com/news/2024/0101/jiangtun.html")
    );
    assert_eq!(a.tags, ["长江", "禁渔", "生态"]);
    assert_eq!(
        a.header.summary,
        "十年禁渔实施三年来，长江干流江豚出现频次明显增加。"
    );
    assert_eq!(
        a.paragraphs(),
        [
            "记者从农业农村部获悉，长江十年禁渔实施三年来，水生生物资源恢复向好。",
            "江豚在武汉、岳阳等江段频繁现身，群体数量较禁渔前明显增加。",
        ]
    );
}

#[test]
fn jekyll_post_with_offset_date_and_string_tags() {
    let a = one("own/_posts/2019-10-01-guo-qing-yue-bing.md");
    assert_eq!(a.title, "国庆阅兵：受阅装备全部为国产现役主战装备");
    assert_eq!(rfc(&a.date), "2019-10-01T11:45:00+08:00");
    assert_eq!(a.source, "解放军报");
    assert_eq!(a.header.author, "本报记者");
    assert_eq!(a.tags, ["国庆", "阅兵", "时政"]);
    assert_eq!(
        a.paragraphs(),
        [
            "受阅装备全部为国产现役主战装备，其中40%为首次亮相。",
            "受阅方队通过天安门广场",
            "据介绍，此次阅兵编59个方（梯）队和联合军乐团。",
        ]
    );
}

#[test]
fn camel_case_keys_and_the_first_date_that_parses() {
    let a = one("own/astro-pub-date.md");
    assert_eq!(a.title, "Shanghai Metro Opens Line 18 Phase One");
    // `pubDate: 'Dec 30 2021'` is a day alone; `Published_At` has the time too.
    assert_eq!(rfc(&a.date), "2021-12-30T10:00:00+00:00");
    assert_eq!(a.header.author, "Chen Yu");
    assert_eq!(a.source, "www.example.com");
    assert_eq!(a.url.as_deref(), Some("https://www.example.com/shanghai"));
    assert_eq!(a.tags, ["transport", "metro"]);
    assert_eq!(
        a.header.summary,
        "The new line links Pudong airport area with Yangpu."
    );
    assert_eq!(
        a.paragraphs(),
        [
            "Shanghai opened the first phase of Metro Line 18 on Thursday, adding 31 kilometres and 22 stations to the network.",
            "Trains run every six minutes at peak hours.",
        ]
    );
}

#[test]
fn no_front_matter_title_from_heading_date_from_file_name() {
    let a = one("own/2019-10-01.md");
    assert_eq!(a.title, "庆祝中华人民共和国成立70周年大会在京隆重举行");
    assert_eq!(rfc(&a.date), "2019-10-01T00:00:00+08:00");
    assert_eq!((a.source.as_str(), a.url.as_deref()), ("", None));
    assert_eq!(
        a.paragraphs(),
        [
            "新华社北京10月1日电\u{3000}庆祝中华人民共和国成立70周年大会1日上午在北京天安门广场隆重举行。",
            "10月1日上午，庆祝大会在北京天安门广场隆重举行。新华社记者 摄",
            "大会之后，举行了盛大的阅兵式和群众游行：",
            "阅兵式分阅兵和分列式两个部分；",
            "群众游行以“同心共筑中国梦”为主题。",
            "详见新华网报道。",
        ]
    );
}

#[test]
fn no_front_matter_date_from_heading() {
    let a = one("own/guoqing-chuyou.md");
    assert_eq!(a.title, "2019年10月2日 国庆假期首日全国出游人数创新高");
    assert_eq!(rfc(&a.date), "2019-10-02T00:00:00+08:00");
    let tight = one("own/tight-heading.md");
    assert_eq!(tight.title, "外交部：中方坚决反对");
    assert_eq!(tight.date, Date::Missing);
    assert_eq!(
        tight.paragraphs(),
        ["外交部发言人今天在例行记者会上表示，中方对此坚决反对。"]
    );
}

#[test]
fn digest_with_numbered_sections() {
    let archive = load("own/2020-01-01.md");
    assert_eq!(archive.problems, []);
    let got: Vec<(String, String, String, Vec<String>)> = archive
        .articles
        .iter()
        .map(|a| {
            (
                a.title.clone(),
                rfc(&a.date),
                a.source.clone(),
                a.paragraphs(),
            )
        })
        .collect();
    let day = "2020-01-01T00:00:00+08:00".to_string();
    let src = "新闻联播".to_string();
    assert_eq!(
        got,
        [
            (
                "国家主席习近平发表二〇二〇年新年贺词".into(),
                day.clone(),
                src.clone(),
                vec![
                    "新年前夕，国家主席习近平通过中央广播电视总台和互联网，发表了二〇二〇年新年贺词。".into(),
                    "习近平表示，2020年是全面建成小康社会和“十三五”规划收官之年。".into(),
                ],
            ),
            (
                "《求是》杂志发表习近平总书记重要文章".into(),
                day.clone(),
                src.clone(),
                vec!["1月1日出版的第1期《求是》杂志发表习近平总书记的重要文章。".into()],
            ),
            // `## 3. 相关链接` is only links: skipped: not an article.
            (
                "天安门广场举行元旦升旗仪式".into(),
                day,
                src,
                vec!["今天清晨，北京天安门广场举行隆重的升国旗仪式。".into()],
            ),
        ]
    );
    let ids: std::collections::HashSet<&str> =
        archive.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 3);
}

#[test]
fn transcript_digests_with_html_bodies_and_source_links() {
    let archive = load("xin-wen-lian-bo/20221001.md");
    assert_eq!(archive.problems, []);
    let titles: Vec<&str> = archive.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "中国空间站的首个国庆节",
            "国家卫生健康委通报最新疫情",
            "【江河奔腾看中国】长江"
        ]
    );
    let first = &archive.articles[0];
    assert_eq!(rfc(&first.date), "2022-10-01T00:00:00+08:00");
    assert_eq!(first.source, "新闻联播");
    assert_eq!(
        first.url.as_deref(),
        Some("https://tv.cctv.com/2022/10/01/VIDEhNsiweBqqtF2BLuwY0IC221001.shtml")
    );
    assert_eq!(
        first.paragraphs(),
        [
            "央视网消息（新闻联播）：昨天（9月30日），问天实验舱完成转位后，中国空间站组合体由两舱“一”字构型转变为两舱“L”字构型。中国空间站以全新的构型迎来新中国73周年华诞，神舟十四号航天员也送出了祝福，这也是航天员首次在空间站为新中国庆生。",
            "这是航天员刘洋从中国空间站分享的国庆节第一缕阳光。昨天12时44分，神舟十四号航天员与地面天地协同，完成了问天实验舱转位。",
        ]
    );
    // The footer after the last story's rule is no part of it.
    assert_eq!(
        archive.articles[2].paragraphs(),
        [
            "央视网消息（新闻联播）：万里长江，浩浩汤汤，奔流不息，泽被南北两岸。今天（10月1日）的《大美中国》，我们沿江而下，一起领略新时代大美长江新画卷。"
        ]
    );

    let archive = load("cctv_news/20220101.md");
    assert_eq!(archive.problems, []);
    let titles: Vec<&str> = archive.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "天安门广场举行2022年元旦升国旗仪式",
            "《区域全面经济伙伴关系协定》今天生效实施",
            "国内联播快讯"
        ]
    );
    assert_eq!(
        archive.articles[2].paragraphs(),
        [
            "央视网消息（新闻联播）：",
            "元旦首日预计全国发送旅客总量3073万人次",
            "记者从交通运输部获悉，今天（1月1日），全国交通运输部门预计发送旅客总量3073万人次，以城市周边短途运输为主。",
        ]
    );
    assert!(archive.articles.iter().all(|a| a.source == "新闻联播"));
}

#[test]
fn digest_under_a_front_matter_title() {
    let archive = load("xwlb-daily/2026-06-18.md");
    assert_eq!(archive.problems, []);
    let got: Vec<(&str, String, &str, Option<&str>)> = archive
        .articles
        .iter()
        .map(|a| {
            (
                a.title.as_str(),
                rfc(&a.date),
                a.source.as_str(),
                a.url.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "[视频]全国铁路端午假期运输今天启动",
                "2026-06-18T00:00:00+08:00".into(),
                "新闻联播",
                Some("https://tv.cctv.com/2026/06/18/VIDEa8vbfwKSUxEsVecxpOLh260618.shtml")
            ),
            (
                "[视频]端午临近 节日市场供应丰富",
                "2026-06-18T00:00:00+08:00".into(),
                "新闻联播",
                Some("https://tv.cctv.com/2026/06/18/VIDEJLWNmkgkJKLS5kXTfBV5260618.shtml")
            ),
        ]
    );
}

#[test]
fn lists_of_links_are_not_articles() {
    for rel in [
        "own/links-digest.md",
        "luyangp/2020-1-27-newspaper-clippings-20200120.md",
        "xin-wen-lian-bo/README.md",
    ] {
        let archive = load(rel);
        assert_eq!(archive.articles, [], "{rel}");
        assert_eq!(
            problems(&archive),
            [format!(
                "{rel}: skipped: not an article: a list of links, no paragraph text"
            )]
        );
    }
}

#[test]
fn bad_yaml_is_a_problem_and_the_article_still_loads() {
    let archive = load("own/bad-yaml.md");
    assert_eq!(
        problems(&archive),
        ["own/bad-yaml.md:2: invalid front matter: mapping values are not allowed in this context"]
    );
    let [a] = archive.articles.as_slice() else {
        panic!("one article")
    };
    assert_eq!(a.title, "香港: 立法會選舉投票結束");
    assert_eq!(rfc(&a.date), "2021-12-19T22:30:00+08:00");
    assert_eq!(a.tags, ["選舉", "立法會"]);
    assert_eq!(
        a.paragraphs(),
        ["立法會換屆選舉投票今晚十時半結束，各票站隨即開始點票。"]
    );

    let archive = load("own/unclosed-front-matter.md");
    assert_eq!(
        problems(&archive),
        ["own/unclosed-front-matter.md:1: invalid front matter: no closing `---`"]
    );
    assert_eq!(archive.articles[0].title, "深圳地铁14号线开通初期运营");
    assert_eq!(rfc(&archive.articles[0].date), "2022-10-28T00:00:00+08:00");
}

#[test]
fn no_title_is_not_an_article() {
    let archive = load("own/no-title.md");
    assert_eq!(archive.articles, []);
    assert_eq!(
        problems(&archive),
        ["own/no-title.md: skipped: not an article: no title (no front matter title, no heading)"]
    );
}

#[test]
fn titles_never_start_with_rules_or_hashes() {
    let mut all = Vec::new();
    for rel in [
        "hkcnews/article_1000.md",
        "hkcnews/article_200.md",
        "xin-wen-lian-bo/20221001.md",
        "cctv_news/20220101.md",
        "xwlb-daily/2026-06-18.md",
        "terminus2049/2018-02-18-caixin-beijing-qingtui.md",
        "own/hugo-toml.md",
        "own/_posts/2019-10-01-guo-qing-yue-bing.md",
        "own/astro-pub-date.md",
        "own/2020-01-01.md",
        "own/2019-10-01.md",
        "own/guoqing-chuyou.md",
        "own/bad-yaml.md",
        "own/unclosed-front-matter.md",
    ] {
        all.extend(load(rel).articles);
    }
    // Every file here holds a date (front matter, heading or file name).
    assert_eq!(all.len(), 21);
    for a in &all {
        assert!(
            !a.title.is_empty() && !a.title.starts_with(['#', '-', '<', '+']),
            "{:?}",
            a.title
        );
        assert!(a.date.stamp().is_some(), "{:?} undated", a.title);
    }
}

#[test]
fn edge_layouts() {
    let parse_text = |name: &str, text: &str| {
        let mut out = Archive::default();
        parse(name, name, text, &mut out);
        out
    };
    // A rule at the top is not front matter, and a `---` title line is never a title.
    let a = parse_text("x.md", "---\n\n# 标题\n\n正文第一段，说了一件事情。\n");
    assert_eq!(problems(&a), Vec::<String>::new());
    assert_eq!(a.articles[0].title, "标题");
    // A short first line over paragraphs is the title when there is no heading.
    let a = parse_text(
        "x.md",
        "市政府召开常务会议\n\n会议研究部署今冬明春供暖保障工作。\n",
    );
    assert_eq!(a.articles[0].title, "市政府召开常务会议");
    assert_eq!(
        a.articles[0].paragraphs(),
        ["会议研究部署今冬明春供暖保障工作。"]
    );
    // Front matter with a summary and no body text is an article showing its summary.
    let a = parse_text(
        "x.md",
        "---\ntitle: 标题\ndescription: 摘要一句话。\n---\n\n[阅读全文](https://example.com/a)\n",
    );
    assert_eq!(a.articles[0].url.as_deref(), Some("https://example.com/a"));
    assert_eq!(a.articles[0].header.summary, "摘要一句话。");
    assert_eq!(a.articles[0].body, "");
    // An empty file, and escape sequences in every field.
    let a = parse_text("x.md", "");
    assert_eq!(
        problems(&a),
        ["x.md: skipped: not an article: no paragraph text"]
    );
    let a = parse_text(
        "x.md",
        "---\ntitle: \"标\\e[31m题\"\nauthor: \"甲\\e]0;x\\a\"\n---\n正文\u{1b}[2J第一段，说了一件事情。\n",
    );
    assert_eq!(a.articles[0].title, "标题");
    assert_eq!(a.articles[0].header.author, "甲");
    assert_eq!(a.articles[0].paragraphs(), ["正文第一段，说了一件事情。"]);
}

#[test]
fn a_digest_story_whose_title_cleans_to_nothing_is_named_not_listed() {
    // Found by `any_text_parses`: shortcodes and rules around empty `title:` lines made two
    // stories with empty titles.
    let mut out = Archive::default();
    let text = "{{< x >}}---\n---\ntitle: ---\n\n{{< x >}}---\n---\ntitle: ";
    parse("f.md", "2019-10-01.md", text, &mut out);
    assert!(out.articles.iter().all(|a| !a.title.is_empty()));
    assert!(
        out.problems
            .iter()
            .any(|p| p.to_string().contains("story without a title"))
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Any text, however broken its front matter, Markdown or HTML, parses without panicking,
    /// and every article it gives has a clean title.
    #[test]
    fn any_text_parses(text in "(---\n|\\+\\+\\+\n|title: |date: |[#>*\\-\\[\\]()!:`~{}<>/ \n]|<p>|</p>|\\{\\{< x >\\}\\}|标题|正文。|2019-10-01|[a-z0-9]){0,80}") {
        let mut out = Archive::default();
        parse("f.md", "2019-10-01.md", &text, &mut out);
        for a in &out.articles {
            proptest::prop_assert!(!a.title.is_empty());
            proptest::prop_assert!(!a.title.starts_with(['#', '\n']) && !a.title.starts_with("---"));
            proptest::prop_assert!(!a.title.contains('\n'));
        }
    }
}

#[test]
fn a_digest_story_takes_its_own_source_time_and_title_without_the_site() {
    let text = "# 财经新闻 - 2025年11月27日\n\n\
        ## 1. Putin doubles down on demands ahead of talks - BBC\n\n\
        **来源：** BBC  \n**时间：** Thu, 27 Nov 2025 22:18:56 GMT\n\n\
        ### 摘要\n\nPutin says Russia can put in writing it will not attack Europe.\n\n\
        ## 2. 董事长称这个绿媒要反？\n\n**来源：** 观察者网\n\n正文一段，说明事情经过。\n";
    let mut out = Archive::default();
    parse("finance.md", "finance.md", text, &mut out);
    let got: Vec<(String, String, String, String)> = out
        .articles
        .iter()
        .map(|a| {
            (
                a.title.clone(),
                a.source.clone(),
                a.date.display(),
                a.header.full_title.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Putin doubles down on demands ahead of talks".to_string(),
                "BBC".to_string(),
                "2025-11-28 06:18".to_string(),
                "Putin doubles down on demands ahead of talks - BBC".to_string(),
            ),
            (
                "董事长称这个绿媒要反？".to_string(),
                "观察者网".to_string(),
                "2025-11-27".to_string(),
                String::new(),
            ),
        ]
    );
}
