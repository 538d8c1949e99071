//! Lines of an article body that are about the article, not of it, as archives of deleted
//! articles write them above the text (`> 来源：财新网`, `> 作者：萧辉`,
//! `原文来自微信公众号「没药花园」：[标题](url)`, `出自 [中国新闻周刊](url)`) and digests
//! below it (`[查看原文](url)`): they become the source, author and URL, and leave the body.
//! A `时间：` line whose value is a date is the article's date when nothing better gives one.
//!
//! `来源：`/`作者：` and origin lines (`原文来自`, `来自`, `出自`, `原载于`, …) count only
//! among the first blocks, before the first long paragraph, and only with a short value (a
//! name, not a sentence); the name of an origin line is the quoted name, else the words before
//! the first colon without 公众号/微信/微博. A link that names itself the original (`原文`,
//! `全文`, `查看视频`, `source`, `original`) counts anywhere when the line is only that link.

use super::blocks::{Block, Kind};

/// Labels of a source line.
const SOURCE_LABELS: &[&str] = &["来源", "來源", "出处", "出處", "稿源", "Source", "source"];
/// Labels of an author line.
const AUTHOR_LABELS: &[&str] = &[
    "作者", "记者", "記者", "撰文", "撰稿", "文", "Author", "author", "By", "by",
];
/// Labels of a date line (digests write one per story: `**时间：** Thu, 27 Nov 2025 …`).
const DATE_LABELS: &[&str] = &[
    "发布时间",
    "發佈時間",
    "时间",
    "時間",
    "日期",
    "Date",
    "date",
    "Published",
    "published",
];
/// Words that make a link-only line the article's original.
const ORIGIN_WORDS: &[&str] = &[
    "原文",
    "全文",
    "查看视频",
    "来源链接",
    "來源連結",
    "source",
    "original",
    "read more",
];
/// Words that open a line saying where the article first appeared, longest first.
const ORIGIN_OPENERS: &[&str] = &[
    "原文来自",
    "文章来自",
    "信息源自",
    "原载于",
    "转载自",
    "原载",
    "转自",
    "来自",
    "出自",
    "源自",
];
/// Words around a name in an origin line that are not the name.
const CHANNEL_WORDS: &[&str] = &[
    "微信公众号",
    "微信公号",
    "公众号",
    "微信号",
    "公号",
    "微信",
    "微博",
];
/// How many blocks from the top may hold a source or author line.
const LEAD_BLOCKS: usize = 8;
/// A paragraph longer than this (in characters) starts the article's text.
const LONG_PARAGRAPH: usize = 60;
/// A source or author longer than this (in characters) is a sentence, not a name.
const LONGEST_NAME: usize = 30;

/// What the lines about the article said; empty fields when they said nothing.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Lead {
    /// From a `来源：` line.
    pub(crate) source: String,
    /// From an `作者：` line.
    pub(crate) author: String,
    /// From a link-only line naming the original.
    pub(crate) url: String,
    /// From a `时间：` line, as written.
    pub(crate) date: String,
}

/// Takes the lines about the article out of `blocks` and says what they held.
pub(super) fn take(blocks: &mut Vec<Block>) -> Lead {
    let mut lead = Lead::default();
    let mut i = 0;
    let mut seen = 0;
    while i < blocks.len() && seen < LEAD_BLOCKS {
        seen += 1;
        let block = &blocks[i];
        if block.kind != Kind::Text {
            i += 1;
            continue;
        }
        if let Some(source) = labelled(&block.text, SOURCE_LABELS).or_else(|| origin_line(block)) {
            if lead.source.is_empty() {
                lead.source = source;
            }
            if lead.url.is_empty()
                && let Some(url) = block.links.first()
            {
                lead.url = url.clone();
            }
            blocks.remove(i);
        } else if let Some(author) = labelled(&block.text, AUTHOR_LABELS) {
            if lead.author.is_empty() {
                lead.author = author;
            }
            blocks.remove(i);
        } else if let Some(date) = labelled(&block.text, DATE_LABELS)
            .filter(|d| matches!(crate::date::Date::from_text(d), crate::date::Date::Known(_)))
        {
            if lead.date.is_empty() {
                lead.date = date;
            }
            blocks.remove(i);
        } else if block.text.chars().count() > LONG_PARAGRAPH {
            break;
        } else {
            i += 1;
        }
    }
    blocks.retain(|b| {
        let origin = b.kind == Kind::Text && b.is_link_only() && is_origin(&b.text);
        if origin && lead.url.is_empty() {
            lead.url = b.links[b.links.len() - 1].clone();
        }
        !origin
    });
    lead
}

/// The value of a `label：value` line, when it is short enough to be a name.
fn labelled(text: &str, labels: &[&str]) -> Option<String> {
    let line = text.trim();
    labels.iter().find_map(|label| {
        let rest = line.strip_prefix(label)?.trim_start();
        let value = rest
            .strip_prefix(['：', ':', '｜', '|', '/', '／'])?
            .trim()
            .trim_end_matches(['。', '.']);
        let name_like = !value.is_empty()
            && value.chars().count() <= LONGEST_NAME
            && !value.contains(['。', '，', '\n']);
        name_like.then(|| value.to_string())
    })
}

/// The name of the publication an origin line names (`原文来自微信公众号「没药花园」：[标题](url)`
/// → `没药花园`, `出自 [中国新闻周刊](url)` → `中国新闻周刊`, `（原载于公众号“木田君的镐头”）`).
/// The name stands before the first colon or comma (what follows is the title). A line
/// without a link counts only when the name is quoted, so that a sentence starting with 来自
/// stays text.
fn origin_line(block: &Block) -> Option<String> {
    let line = block.text.trim().trim_start_matches(['（', '(']);
    let rest = ORIGIN_OPENERS
        .iter()
        .find_map(|opener| line.strip_prefix(opener))?;
    if block.text.chars().count() > 2 * LONG_PARAGRAPH {
        return None;
    }
    let head = rest
        .trim_start_matches(['：', ':', ' '])
        .split(['：', ':', '，', ',', '）', ')'])
        .next()
        .unwrap_or_default();
    let quoted = [('「', '」'), ('“', '”'), ('《', '》'), ('"', '"')]
        .iter()
        .find_map(|(open, close)| {
            let (_, after) = head.split_once(*open)?;
            Some(after.split_once(*close)?.0)
        });
    let name = match quoted {
        Some(q) => q.trim(),
        None if block.links.is_empty() => return None,
        None => {
            let mut name = head.trim();
            for word in CHANNEL_WORDS {
                name = name.strip_prefix(word).unwrap_or(name).trim();
                name = name.strip_suffix(word).unwrap_or(name).trim();
            }
            name
        }
    };
    let name_like =
        !name.is_empty() && name.chars().count() <= LONGEST_NAME && !name.contains(['。', '\n']);
    name_like.then(|| name.to_string())
}

/// True when a link's line names the original article.
fn is_origin(text: &str) -> bool {
    let lower = text.to_lowercase();
    ORIGIN_WORDS.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::blocks::render;

    #[test]
    fn source_author_and_original_leave_the_body() {
        let md = "原文链接：财新网 ~~[「被清退以后，他们怎样过年」](http://china.caixin.com/2018-02-18/101212060.html)~~\n\n\
                  > 来源：财新网\n>\n> 作者：萧辉\n\n---\n\n【财新网】李闰苟家的年夜饭做了六道菜。\n\n\
                  文章指出，来源：不是这里。\n";
        let mut blocks = render(md);
        let lead = take(&mut blocks);
        assert_eq!(
            lead,
            Lead {
                source: "财新网".into(),
                author: "萧辉".into(),
                url: "http://china.caixin.com/2018-02-18/101212060.html".into(),
                ..Lead::default()
            }
        );
        let texts: Vec<&str> = blocks
            .iter()
            .filter(|b| b.kind == Kind::Text)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "【财新网】李闰苟家的年夜饭做了六道菜。",
                "文章指出，来源：不是这里。"
            ]
        );
    }

    #[test]
    fn origin_lines_name_the_source() {
        let source = |md: &str| {
            let mut blocks = render(md);
            let lead = take(&mut blocks);
            (lead.source, lead.url, blocks.len())
        };
        let cases = [
            (
                "原文来自微信公众号「没药花园」：~~[朱令铊中毒案](http://archive.md/oyn9a)~~\n\n正文。",
                "没药花园",
                "http://archive.md/oyn9a",
            ),
            (
                "出自 [中国新闻周刊](http://mp.weixin.qq.com/s/g)\n\n正文。",
                "中国新闻周刊",
                "http://mp.weixin.qq.com/s/g",
            ),
            (
                "来自豆瓣： ~~[八年前的约谈事件](https://www.douban.com/note/1/)~~\n\n正文。",
                "豆瓣",
                "https://www.douban.com/note/1/",
            ),
            (
                "来源：~~[豆瓣](https://www.douban.com/group/topic/1/)~~\n\n正文。",
                "豆瓣",
                "https://www.douban.com/group/topic/1/",
            ),
            (
                "（原载于公众号“木田君的镐头”）\n\n正文。",
                "木田君的镐头",
                "",
            ),
            (
                "信息源自Black Lives China： ~~[中国特色的种族歧视: 黑脸给中国的春晚“抹黑”](https://b.com/1)~~\n\n正文。",
                "Black Lives China",
                "https://b.com/1",
            ),
            (
                "原文来自微信 ~~[新闻实验室](https://mp.weixin.qq.com/s/k)~~，微信回复「[地震](https://mp.weixin.qq.com/s/g)」可看到。\n\n正文。",
                "新闻实验室",
                "https://mp.weixin.qq.com/s/k",
            ),
            (
                "原文来自公号瘟疫年纪事：~~[幸存者的责任](https://mp.weixin.qq.com/s/R)~~\n\n正文。",
                "瘟疫年纪事",
                "https://mp.weixin.qq.com/s/R",
            ),
            (
                "原文来自「纪小翠」豆瓣日记：~~[【女权史上的今天】](https://m.douban.com/note/7)~~\n\n正文。",
                "纪小翠",
                "https://m.douban.com/note/7",
            ),
            (
                "> 本文由[简悦SimpRead](http://ksria.com/simpread/)转码，原文地址来自~~[澎湃新闻](https://www.thepaper.cn/n)~~\n\n正文。",
                "",
                "https://www.thepaper.cn/n",
            ),
        ];
        for (md, name, url) in cases {
            assert_eq!(source(md), (name.to_string(), url.to_string(), 1), "{md}");
        }
        // A sentence that starts with 来自 is text.
        let (name, _, kept) = source("来自北京的消息说，会议明天召开。");
        assert_eq!((name.as_str(), kept), ("", 1));
    }

    #[test]
    fn sentences_are_not_names() {
        assert_eq!(
            labelled("来源：新华社", SOURCE_LABELS),
            Some("新华社".into())
        );
        assert_eq!(labelled("文/张三", AUTHOR_LABELS), Some("张三".into()));
        assert_eq!(labelled("文章指出：要坚持", AUTHOR_LABELS), None);
        assert_eq!(
            labelled("来源：据本台记者报道，今天开幕。", SOURCE_LABELS),
            None
        );
    }
}
