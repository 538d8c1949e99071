//! Encodings and containers: GB18030 and GBK files, gzip by extension and by magic bytes,
//! the format guessed from content, and bytes loaded from memory (as stdin is).

use super::{fixture, gzip, load, load_written};
use juan::archive::{self, Archive};

#[test]
fn format_by_content_without_extension() {
    let a = load(&[&fixture("jsonl-without-extension")]);
    let titles: Vec<&str> = a.articles.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["无扩展名一", "无扩展名二"]);
}

#[test]
fn gb18030_and_gbk_files() {
    let page =
        "国标编码的页面\r\n发布时间：2013-04-05 06:07　来源：《参考消息》\r\n　　正文第一段。\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(page);
    let (a, _) = load_written("gb.txt", &bytes);
    assert!(a.problems.is_empty(), "{:?}", a.problems);
    let x = &a.articles[0];
    assert_eq!(
        (
            x.title.as_str(),
            x.date.display(),
            x.source.as_str(),
            &*x.body.text()
        ),
        (
            "国标编码的页面",
            "2013-04-05 06:07".to_string(),
            "参考消息",
            "正文第一段。"
        )
    );

    let jsonl = "{\"title\":\"甲\",\"source\":\"新华社\"}\n{\"title\":\"乙\"}\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(jsonl);
    let (a, _) = load_written("gbk.jsonl", &bytes);
    assert!(a.problems.is_empty());
    assert_eq!(
        (a.articles[0].title.as_str(), a.articles[0].source.as_str()),
        ("甲", "新华社")
    );
}

#[test]
fn gzip_by_extension_and_by_magic() {
    let data = "{\"title\":\"压缩一\"}\n{\"title\":\"压缩二\"}\n";
    for name in ["a.jsonl.gz", "b.ndjson.gz", "c-no-extension"] {
        let (a, _) = load_written(name, &gzip(data.as_bytes()));
        let titles: Vec<&str> = a.articles.iter().map(|x| x.title.as_str()).collect();
        assert_eq!(
            (titles, a.problems.len()),
            (vec!["压缩一", "压缩二"], 0),
            "{name}"
        );
    }
}

#[test]
fn load_bytes_from_memory() {
    let mut a = Archive::default();
    archive::load_bytes("-", "-", b"{\"title\":\"stdin\"}\n", &mut a);
    assert_eq!(a.articles[0].title, "stdin");
}
