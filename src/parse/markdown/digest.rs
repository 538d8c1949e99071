//! Daily digests: one Markdown file holding a day's stories, one heading each, as the
//! 新闻联播 transcript archives keep them (`# 《新闻联播》 (20221001)` … `### 标题` + the
//! story's paragraphs + `[查看原文](url)`), and as "daily news" repositories do
//! (`# 2020年1月1日新闻联播文字版`, `## 1. 标题` + paragraphs).
//!
//! The rule (documented for users in the README, "Daily digests"):
//!
//! 1. The story level is the heading level (below the file's title) with the most sections
//!    that have paragraph text of their own, directly under the heading; shallower wins a
//!    tie. A file is a digest when at least two sections at that level have such text, and
//!    either the file's title names a day (or it has no title and its name is a day), or at
//!    least half of those sections carry a link of their own (a linked heading, or a short
//!    link such as `[查看原文](url)` alone on the section's first or last line). An article
//!    with subheadings has neither, so it stays one article, even when a section links to a
//!    related article.
//! 2. Each section at the story level with paragraph text is an article: its title is the
//!    heading without its numbering (`1.`, `1、`, `（1）`, `一、`), its URL the section's own
//!    link (which leaves the body), its body the section's text up to the next heading of the
//!    same or a higher level; deeper headings are paragraphs; a horizontal rule ends it (what
//!    follows, until the next story, is the file's footer).
//! 3. A section that is only links is not an article. Text outside the story sections (a
//!    table of contents, a footer) belongs to no story.

use super::blocks::{Block, Kind};
use super::day;
use super::lead::{self, Lead};

/// A link whose text has at most this many letters is a pointer (`查看原文`, `Source`), not
/// a headline.
const POINTER_LETTERS: usize = 10;

/// One story of a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Story {
    /// The heading without its numbering.
    pub(crate) title: String,
    /// The story's own link, if it has one.
    pub(crate) url: Option<String>,
    /// The story's paragraphs.
    pub(crate) paragraphs: Vec<String>,
    /// What the story's own lines say of it (`来源：`, `作者：`, `时间：`).
    pub(crate) lead: Lead,
}

/// A section of the body: a heading and the blocks under it.
struct Section {
    /// Index of the heading.
    heading: usize,
    /// End of the text directly under the heading (next heading or rule).
    own_end: usize,
    /// End of the story's blocks (next heading of the same or a higher level, or a rule).
    end: usize,
}

/// The stories of `blocks` when they are a digest (see the module doc), else `None`.
/// `title_at` is the block that is the file's title, if one is; `title_names_day` says
/// whether the title (or, with no title, the file name) is a day.
pub(super) fn stories(
    blocks: &[Block],
    title_at: Option<usize>,
    title_names_day: bool,
) -> Option<Vec<Story>> {
    // The shallowest level with two or more sections that have text of their own: deeper
    // headings inside a story (its summary, its sources) are parts of it.
    let (sections, with_text) = (1..=6).find_map(|level| {
        let sections = sections_at(blocks, level, title_at);
        let with_text = sections
            .iter()
            .filter(|s| has_text(&blocks[s.heading + 1..s.own_end]))
            .count();
        (with_text >= 2).then_some((sections, with_text))
    })?;
    let linked = sections
        .iter()
        .filter(|s| has_text(&blocks[s.heading + 1..s.own_end]))
        .filter(|s| own_link(&blocks[s.heading], &blocks[s.heading + 1..s.end]).is_some())
        .count();
    if !title_names_day && linked * 2 < with_text {
        return None;
    }
    Some(
        sections
            .iter()
            .filter_map(|s| story(&blocks[s.heading], &blocks[s.heading + 1..s.end]))
            .collect(),
    )
}

/// The sections whose heading is at `level`, the title's heading left out.
fn sections_at(blocks: &[Block], level: u8, title_at: Option<usize>) -> Vec<Section> {
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if block.kind != Kind::Heading(level) || Some(i) == title_at {
            continue;
        }
        let after = |stop: &dyn Fn(&Block) -> bool| {
            blocks[i + 1..]
                .iter()
                .position(stop)
                .map_or(blocks.len(), |k| i + 1 + k)
        };
        out.push(Section {
            heading: i,
            own_end: after(&|b| matches!(b.kind, Kind::Heading(_) | Kind::Rule)),
            end: after(&|b| {
                matches!(b.kind, Kind::Heading(n) if n <= level) || b.kind == Kind::Rule
            }),
        });
    }
    out
}

/// True when some block is paragraph text (not only links).
fn has_text(blocks: &[Block]) -> bool {
    blocks.iter().any(Block::is_paragraph_text)
}

/// The link a section carries as its own, and which of its blocks holds it (`None` for the
/// heading): the heading's link, else a short link alone on the section's first or last line
/// (`[查看原文](url)`, `[查看视频 ↗](url)`). A link to a related article (a headline as its
/// text) or one inside the text is not the story's own.
fn own_link(heading: &Block, blocks: &[Block]) -> Option<(String, Option<usize>)> {
    if let Some(url) = heading.links.iter().find(|u| !u.starts_with('#')) {
        return Some((url.clone(), None));
    }
    let pointer = |b: &Block| b.is_link_only() && b.letters() <= POINTER_LETTERS;
    let at = [0, blocks.len().saturating_sub(1)]
        .into_iter()
        .find(|&i| blocks.get(i).is_some_and(pointer))?;
    Some((blocks[at].links[0].clone(), Some(at)))
}

/// The story of one section, or `None` when it has no paragraph text or no title.
fn story(heading: &Block, blocks: &[Block]) -> Option<Story> {
    if !has_text(blocks) {
        return None;
    }
    let title = without_numbering(&heading.text).to_string();
    if title.is_empty() {
        return None;
    }
    let (url, skip) = match own_link(heading, blocks) {
        Some((url, at)) => (Some(url), at),
        None => (None, None),
    };
    // Lines joined by hard breaks (`**来源：** BBC  ⏎ **时间：** …`) are read one by one.
    let mut own: Vec<Block> = blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| Some(*i) != skip && !b.text.is_empty())
        .flat_map(|(_, b)| {
            b.text.split('\n').map(|line| {
                let mut one = b.clone();
                one.text = line.to_string();
                one
            })
        })
        .collect();
    let lead = lead::take(&mut own);
    let url = url.or_else(|| Some(lead.url.clone()).filter(|u| !u.is_empty()));
    Some(Story {
        title,
        url,
        paragraphs: own.into_iter().map(|b| b.text).collect(),
        lead,
    })
}

/// A heading without a leading story number: `1. `, `1、`, `01．`, `1)`, `（1）`, `[1]`,
/// `【1】`, `一、`. A number that is part of the title (`2022 我们的打开方式`, `3.5亿元…`,
/// `5G…`) stays.
pub(super) fn without_numbering(heading: &str) -> &str {
    let t = heading.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 3 {
        let rest = &t[digits..];
        for sep in ['.', '、', '．', ')', '）', ':', '：'] {
            if let Some(after) = rest.strip_prefix(sep)
                && !after.starts_with(|c: char| c.is_ascii_digit())
                && !after.trim().is_empty()
            {
                return after.trim_start();
            }
        }
    }
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']'), ('【', '】')] {
        if let Some(inner) = t.strip_prefix(open)
            && let Some((number, after)) = inner.split_once(close)
            && !number.is_empty()
            && number
                .chars()
                .all(|c| c.is_ascii_digit() || is_chinese_numeral(c))
            && !after.trim().is_empty()
        {
            return after.trim_start();
        }
    }
    if let Some((number, after)) = t.split_once('、')
        && !number.is_empty()
        && number.chars().all(is_chinese_numeral)
        && !after.trim().is_empty()
    {
        return after.trim_start();
    }
    t
}

/// 一 to 十, 百 and 〇.
fn is_chinese_numeral(c: char) -> bool {
    "〇一二三四五六七八九十百".contains(c)
}

/// The programme or paper a digest's title names, for its stories' source: the title
/// without its day and without words such as 文字版, 文字稿, 全文, and without brackets and
/// punctuation (`《新闻联播》 (20221001)` → `新闻联播`). Empty when nothing name-like is left.
pub(super) fn source_of(title: &str) -> String {
    let mut t = title.to_string();
    if let Some((_, range)) = day::find(&t) {
        t.replace_range(range, " ");
    }
    for word in [
        "完整文字稿",
        "文字稿",
        "文字版",
        "完整版",
        "全文",
        "文字实录",
    ] {
        t = t.replace(word, " ");
    }
    let kept: String = t
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let name = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() > 20 {
        String::new()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::blocks::render;

    #[test]
    fn numbering_goes() {
        for (heading, want) in [
            ("1. 《求是》杂志发表重要文章", "《求是》杂志发表重要文章"),
            ("12、国内联播快讯", "国内联播快讯"),
            ("（3）中国女篮夺得亚军", "中国女篮夺得亚军"),
            ("一、坚持党的领导", "坚持党的领导"),
            ("【2】快讯", "快讯"),
            ("2022 我们的打开方式", "2022 我们的打开方式"),
            ("3.5亿元补贴发放", "3.5亿元补贴发放"),
            ("5G网络覆盖全国", "5G网络覆盖全国"),
            ("1.", "1."),
        ] {
            assert_eq!(without_numbering(heading), want, "{heading:?}");
        }
    }

    #[test]
    fn sources_from_digest_titles() {
        assert_eq!(source_of("《新闻联播》 (20221001)"), "新闻联播");
        assert_eq!(source_of("2020年1月1日新闻联播文字版"), "新闻联播");
        assert_eq!(source_of("新闻联播完整文字稿 · 2026年6月18日"), "新闻联播");
        assert_eq!(source_of("2019-10-01"), "");
    }

    #[test]
    fn an_article_with_subheadings_is_not_a_digest() {
        let md = "# 被清退以后，他们怎样过年\n\n导语一段。\n\n### “希望女儿比我们过得好”\n\n第一节正文。\n\n\
                  ### “新年愿望是给家人安稳的生活”\n\n第二节正文。\n";
        let blocks = render(md);
        assert_eq!(stories(&blocks, Some(0), false), None);
        // The same shape under a title that names a day is a digest.
        let md = md.replace("被清退以后，他们怎样过年", "2018年2月18日 早报");
        let got = stories(&render(&md), Some(0), true).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].title, "“希望女儿比我们过得好”");
        assert_eq!(got[0].paragraphs, ["第一节正文。"]);
    }

    #[test]
    fn related_article_links_are_not_own_links() {
        let md = "# 朱令铊中毒案（破案篇）\n\n### 动机\n\n第一段分析。\n\n\
                  [如果你从这世上消失就好了——13岁女孩因嫉妒美貌而肢解闺蜜](http://mp.weixin.qq.com/a)\n\n\
                  第二段分析。\n\n### 破案经过\n\n经过一段。\n\n[另一篇相关文章的完整标题在这里](http://b)\n";
        assert_eq!(stories(&render(md), Some(0), false), None);
    }

    #[test]
    fn a_story_s_own_source_and_time_lines() {
        let md = "# 财经新闻 - 2025年11月27日\n\n## 1. 甲\n\n**来源：** BBC  \n**时间：** Thu, 27 Nov 2025 \
                  22:18:56 GMT\n\n**分类：** finance\n\n### 摘要\n\n甲的摘要。\n\n\
                  ## 2. 乙\n\n**来源：** 新华网\n\n乙的正文。\n";
        let got = stories(&render(md), Some(0), true).unwrap();
        let leads: Vec<(&str, &str, &str)> = got
            .iter()
            .map(|s| {
                (
                    s.title.as_str(),
                    s.lead.source.as_str(),
                    s.lead.date.as_str(),
                )
            })
            .collect();
        assert_eq!(
            leads,
            [
                ("甲", "BBC", "Thu, 27 Nov 2025 22:18:56 GMT"),
                ("乙", "新华网", "")
            ]
        );
        assert_eq!(got[0].paragraphs, ["分类： finance", "摘要", "甲的摘要。"]);
    }

    #[test]
    fn stories_with_links_and_a_footer() {
        let md = "# 《新闻联播》 (20221001)\n\n## 新闻摘要\n\n1.甲；\n\n2.乙。\n\n## 详细新闻\n\n\
                  ### 甲\n\n<p>甲的第一段。</p><p>甲的第二段。</p>\n\n[查看原文](https://tv.cctv.com/a.shtml)\n\n\
                  ### 乙\n\n乙的正文。\n\n[查看原文](https://tv.cctv.com/b.shtml)\n\n\
                  ### 只有链接\n\n- [相关](http://x)\n\n---\n\n(更新时间戳: 1664630528159)\n";
        let got = stories(&render(md), Some(0), false).unwrap();
        assert_eq!(
            got,
            [
                Story {
                    title: "甲".into(),
                    url: Some("https://tv.cctv.com/a.shtml".into()),
                    paragraphs: vec!["甲的第一段。".into(), "甲的第二段。".into()],
                    lead: Lead::default(),
                },
                Story {
                    title: "乙".into(),
                    url: Some("https://tv.cctv.com/b.shtml".into()),
                    paragraphs: vec!["乙的正文。".into()],
                    lead: Lead::default(),
                },
            ]
        );
    }
}
