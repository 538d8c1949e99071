//! Loading every archive format end to end through `archive::load`: the seed page's exact
//! fields, the real Sogou corpus, each fixture format, alias, encoding and date form, and
//! every kind of bad input with its exact `FILE:LINE: reason`.

use std::io::Write;
use std::path::{Path, PathBuf};

use juan::archive::{self, Archive};
use juan::{Article, Date};

#[path = "load/bad_input.rs"]
mod bad_input;
#[path = "load/encodings.rs"]
mod encodings;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/000_618211eec43b155d.txt"
);
const SOHU: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/corpus/sogou-sohusite-200.dat"
);
const TENSITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/corpus/sogou-tensite-200.dat"
);
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn load(paths: &[&Path]) -> Archive {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    archive::load(&paths)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn problems(a: &Archive) -> Vec<String> {
    a.problems.iter().map(ToString::to_string).collect()
}

fn by_id<'a>(a: &'a Archive, id: &str) -> &'a Article {
    a.articles
        .iter()
        .find(|x| x.id == id)
        .unwrap_or_else(|| panic!("no article {id}"))
}

/// Loads `bytes` written to a temporary file called `name`.
fn load_written(name: &str, bytes: &[u8]) -> (Archive, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let a = load(&[&path]);
    (a, path.display().to_string())
}

#[test]
fn seed_page_exact_fields() {
    let a = load(&[Path::new(SEED)]);
    assert!(a.problems.is_empty(), "{:?}", a.problems);
    assert_eq!(a.articles.len(), 1);
    let art = &a.articles[0];
    assert_eq!(art.title, "中共长春市委人大工作会议召开");
    assert_eq!(art.date.display(), "2017-09-06 09:11");
    assert_eq!(
        art.date.stamp().unwrap().rfc3339(),
        "2017-09-06T09:11:00+08:00"
    );
    assert_eq!(art.source, "长春日报");
    assert_eq!(art.url, None);
    let paragraphs = art.paragraphs();
    assert_eq!(paragraphs.len(), 11);
    assert!(paragraphs[0].starts_with("95日,中共长春市委人大工作会议召开。"));
    assert!(paragraphs[10].ends_with("主要负责同志等参加会议。"));
    for p in &paragraphs {
        assert!(!p.trim().is_empty(), "blank or NBSP-only paragraph");
    }
    for footer in [
        "关于我们",
        "网站地图",
        "版权所有",
        "ICP备案",
        "技术支持",
        "本站访问量",
    ] {
        assert!(
            !art.body.text().contains(footer),
            "footer text {footer} in body"
        );
    }
    assert_eq!(
        art.id,
        juan::stable_id("长春日报", &art.date, &art.title, &art.body)
    );
}

#[test]
fn sogou_sohusite_loads_all_200() {
    let a = load(&[Path::new(SOHU)]);
    assert_eq!(problems(&a), Vec::<String>::new());
    assert_eq!(a.articles.len(), 200);
    let first = &a.articles[0];
    assert_eq!(first.id, "98590b972ad2f0ea-34913306c0bb3300");
    assert_eq!(
        first.title,
        "深圳地铁将设立ＶＩＰ头等车厢　买双倍票可享坐票"
    );
    assert_eq!(first.source, "gongyi.sohu.com");
    assert_eq!(first.date.display(), "2012-07-06");
    assert!(
        first
            .body
            .text()
            .starts_with("南都讯　记者刘凡　周昌和　任笑一　继推出日票后")
    );
    assert!(a.articles.iter().all(|x| !x.title.is_empty()));
    let empty_bodies = a
        .articles
        .iter()
        .filter(|x| x.body.text().is_empty())
        .count();
    assert!(empty_bodies > 0, "the sample has records with empty bodies");
}

#[test]
fn sogou_tensite_gb18030_loads_all_200() {
    let a = load(&[Path::new(TENSITE)]);
    // The corpus lost bytes before it was made (a `?` for a character's trail byte): each
    // costs one U+FFFD, reported once for the file; the lost paragraph breaks are recovered.
    assert_eq!(
        problems(&a),
        [format!(
            "{TENSITE}:6: invalid GB18030 on 97 lines; bytes replaced with U+FFFD"
        )]
    );
    assert_eq!(a.articles.len(), 200);
    let bodies: String = a
        .articles
        .iter()
        .map(|x| x.body.text().into_owned())
        .collect();
    assert!(
        !bodies.contains("?\u{FF1B}泼"),
        "the mojibake after a lost break is gone"
    );
    assert!(
        !bodies.contains('\u{E40C}'),
        "SogouCA's paragraph marks are breaks"
    );
    let first = &a.articles[0];
    assert_eq!(
        first.title,
        "公安机关销毁１０余万非法枪支　跨国武器走私渐起"
    );
    assert_eq!(first.source, "news.sohu.com");
    assert_eq!(first.date.display(), "2012-06-12");
    assert_eq!(
        first.url.as_deref(),
        Some("http://news.sohu.com/20120612/n345428229.shtml")
    );
    assert!(first.body.text().starts_with("中广网唐山６月１２日消息"));
}

#[test]
fn folder_of_every_format_in_sorted_order() {
    let a = load(&[&fixture("good")]);
    let good = fixture("good");
    // Nothing skipped in silence: the hidden file and the notes are named, with why.
    assert_eq!(
        problems(&a),
        [
            format!("{}: skipped: hidden", good.join(".hidden.jsonl").display()),
            format!(
                "{}: skipped: empty file",
                good.join("empty.jsonl").display()
            ),
            format!(
                "{}: skipped: not an article: notes is a project file",
                good.join("notes.md").display()
            ),
        ]
    );
    let ids: Vec<&str> = a.articles.iter().map(|x| x.id.as_str()).collect();
    // array.json, dates.ndjson, empty.jsonl, notes.md (skipped), page-crlf.txt, page.txt,
    // sogou.dat, thucnews.txt, wrapped.json; .hidden.jsonl is skipped.
    assert_eq!(ids.len(), 18);
    assert_eq!(&ids[..3], ["j1", "2", "d0"]);
    assert_eq!(ids[14], "s1");
    assert!(a.articles.iter().all(|x| x.title != "hidden"));
    let titles: Vec<&str> = a.articles.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(
        &titles[12..],
        [
            "Windows 页面",
            "页面标题",
            "搜狗格式　Ｒ&Ｄ",
            "只有标题和段落",
            "包裹一",
            "包裹二"
        ]
    );
}

#[test]
fn json_array_and_aliases() {
    let a = load(&[&fixture("good/array.json")]);
    let j1 = by_id(&a, "j1");
    assert_eq!(j1.date.display(), "2019-05-01 08:00");
    assert_eq!(
        (j1.source.as_str(), j1.url.as_deref()),
        ("甲报", Some("http://a.example/1"))
    );
    assert_eq!(
        (&*j1.body.text(), j1.tags.clone()),
        ("段一\n段二", vec!["经济".to_string(), "科技".into()])
    );
    let j2 = by_id(&a, "2");
    assert_eq!(j2.date.display(), "2019-05-02");
    assert_eq!(
        (j2.source.as_str(), j2.url.as_deref()),
        ("乙台", Some("http://a.example/2"))
    );
    assert_eq!(
        (&*j2.body.text(), j2.tags.clone()),
        ("第一段\n第二段", vec!["a".to_string(), "b".into()])
    );
}

#[test]
fn json_object_with_articles() {
    let a = load(&[&fixture("good/wrapped.json")]);
    assert_eq!(a.articles.len(), 2);
    let (x, y) = (&a.articles[0], &a.articles[1]);
    assert_eq!(
        (
            x.title.as_str(),
            x.date.display(),
            x.source.as_str(),
            &*x.body.text()
        ),
        ("包裹一", "2018-12-31 23:59".to_string(), "丙网", "正文")
    );
    assert_eq!(
        (y.title.as_str(), y.date.display()),
        ("包裹二", "2019-01-01 00:00".to_string())
    );
}

#[test]
fn every_date_form_through_loading() {
    let a = load(&[&fixture("good/dates.ndjson")]);
    let shown: Vec<(String, String)> = a
        .articles
        .iter()
        .map(|x| (x.title.clone(), x.date.display()))
        .collect();
    let want = [
        ("RFC 3339", "2017-09-06 09:11"),
        // Shown in China Standard Time, the zone `date:` matches in.
        ("RFC 3339 Z", "2017-09-06 09:11"),
        ("minutes", "2017-09-06 09:11"),
        ("day", "2017-09-06"),
        ("slashes", "2017-09-06"),
        ("chinese", "2017-09-06"),
        ("unix", "2017-09-06 09:11"),
        ("unix text", "2017-09-06 09:11"),
        ("not a date", "九月初"),
        ("url date", "2012-07-06"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(shown, want);
    assert_eq!(by_id(&a, "d8").date, Date::Unparsed("九月初".into()));
    // Zone-less dates are read as UTC+8; the same instant as the RFC 3339 form.
    assert_eq!(
        by_id(&a, "d0").date.stamp().unwrap().unix,
        by_id(&a, "d2").date.stamp().unwrap().unix
    );
}

#[test]
fn raw_pages_meta_footer_bom_crlf_thucnews() {
    let a = load(&[
        &fixture("good/page.txt"),
        &fixture("good/page-crlf.txt"),
        &fixture("good/thucnews.txt"),
    ]);
    let got: Vec<(&str, String, &str, String)> = a
        .articles
        .iter()
        .map(|x| {
            (
                x.title.as_str(),
                x.date.display(),
                x.source.as_str(),
                x.body.text().into_owned(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "页面标题",
                "2016-03-05 10:00".to_string(),
                "人民日报",
                "第一段。\n第二段。".to_string()
            ),
            (
                "Windows 页面",
                "2015-01-02 03:04".to_string(),
                "记者甲",
                "第一段,CRLF。\n第二段。".to_string()
            ),
            (
                "只有标题和段落",
                String::new(),
                "",
                "第一段没有日期。\n第二段。".to_string()
            ),
        ]
    );
    assert_eq!(a.articles[2].date, Date::Missing);
}

#[test]
fn sogou_fixture_entities_and_host() {
    let a = load(&[&fixture("good/sogou.dat")]);
    let s = &a.articles[0];
    assert_eq!(
        (s.id.as_str(), s.title.as_str(), &*s.body.text()),
        ("s1", "搜狗格式　Ｒ&Ｄ", "正文<一>　第二句")
    );
    assert_eq!(
        (s.source.as_str(), s.date.display()),
        ("news.sohu.com", "2012-06-12".to_string())
    );
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn escapes_never_survive_loading() {
    let a = load(&[&fixture("escapes.jsonl")]);
    assert!(a.problems.is_empty());
    let e1 = by_id(&a, "e1");
    assert_eq!(e1.title, "新闻正文");
    assert_eq!(e1.source, "红色源");
    assert_eq!(e1.url.as_deref(), Some("http://example.com/a"));
    // U+0090 opens a DCS string, so the `x` after it is payload and goes with it.
    assert_eq!(e1.body, "第一段完\n第二段  制表\nCR后\n反零");
    assert_eq!(e1.tags, ["标签"]);
    let e2 = by_id(&a, "e2");
    assert_eq!(
        (e2.title.as_str(), e2.source.as_str(), &*e2.body.text()),
        ("xy", "s", "ok")
    );
    for art in &a.articles {
        let body = art.body.text().into_owned();
        for text in [
            &art.title,
            &art.source,
            &body,
            art.url.as_ref().unwrap_or(&String::new()),
        ] {
            assert!(
                text.chars()
                    .all(|c| c == '\n' || (c >= ' ' && !('\u{7f}'..='\u{9f}').contains(&c))),
                "{text:?}"
            );
        }
    }
}
