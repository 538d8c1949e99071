//! Lines of an article body that are about the article, not of it, as archives of deleted
//! articles write them above the text (`> 来源：财新网`, `> 作者：萧辉`,
//! `原文链接：[「标题」](url)`) and digests below it (`[查看原文](url)`): they become the
//! source, author and URL and leave the body.
//!
//! A `来源：`/`作者：` line counts only among the first blocks, before the first long
//! paragraph, and only with a short value (a name, not a sentence); a link that names itself
//! the original (`原文`, `全文`, `查看视频`, `source`, `original`) counts anywhere when the
//! line is only that link.

use super::blocks::{Block, Kind};

/// Labels of a source line.
const SOURCE_LABELS: &[&str] = &["来源", "來源", "出处", "出處", "稿源", "Source", "source"];
/// Labels of an author line.
const AUTHOR_LABELS: &[&str] = &[
    "作者", "记者", "記者", "撰文", "撰稿", "文", "Author", "author", "By", "by",
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
/// How many blocks from the top may hold a source or author line.
const LEAD_BLOCKS: usize = 8;
/// A paragraph longer than this (in characters) starts the article's text.
const LONG_PARAGRAPH: usize = 60;
/// A source or author longer than this (in characters) is a sentence, not a name.
const LONGEST_NAME: usize = 30;

/// What the lines about the article said; empty fields when they said nothing.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Lead {
    /// From a `来源：` line.
    pub source: String,
    /// From an `作者：` line.
    pub author: String,
    /// From a link-only line naming the original.
    pub url: String,
}

/// Takes the lines about the article out of `blocks` and says what they held.
pub fn take(blocks: &mut Vec<Block>) -> Lead {
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
        if let Some(source) = labelled(&block.text, SOURCE_LABELS) {
            if lead.source.is_empty() {
                lead.source = source;
            }
            blocks.remove(i);
        } else if let Some(author) = labelled(&block.text, AUTHOR_LABELS) {
            if lead.author.is_empty() {
                lead.author = author;
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
            lead.url = b.links[0].clone();
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

/// True when a link's line names the original article.
fn is_origin(text: &str) -> bool {
    let lower = text.to_lowercase();
    ORIGIN_WORDS.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::markdown::blocks::render;

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
