//! Raw scraped pages, one article a file (like `seed/000_618211eec43b155d.txt`): the title is
//! the first non-blank line, then optional metadata lines (see [`meta`]), then the body's
//! paragraphs until the site footer (see [`footer`]). A page with only a title and paragraphs
//! (the THUCNews layout) loads with no date.

mod footer;
mod meta;

use super::Archive;
use crate::article::{Article, normalize_body};
use crate::date::Date;
use crate::sanitize::{clean, clean_line};

/// At most this many metadata lines follow the title.
const MAX_META_LINES: usize = 4;

/// Parses one page; a blank page gives nothing and is not a problem.
pub fn parse(text: &str, out: &mut Archive) {
    if let Some(article) = page(text) {
        out.articles.push(article);
    }
}

/// The page's article, or `None` when it has no title.
fn page(text: &str) -> Option<Article> {
    let cleaned = clean(text);
    let lines: Vec<&str> = cleaned.split('\n').collect();
    let is_blank = |l: &&str| l.trim().is_empty();
    let title_at = lines.iter().position(|l| !is_blank(l))?;
    let title = clean_line(lines[title_at]);

    let mut body_from = title_at + 1;
    let mut meta = meta::Meta::default();
    for _ in 0..MAX_META_LINES {
        let Some(next) = (body_from..lines.len()).find(|&i| !is_blank(&lines[i])) else {
            break;
        };
        let Some(found) = meta::parse(lines[next]) else {
            break;
        };
        meta.merge(found);
        body_from = next + 1;
    }
    let body_to = (body_from..lines.len())
        .find(|&i| footer::is_footer(lines[i]))
        .unwrap_or(lines.len());
    let body = normalize_body(&lines[body_from..body_to].join("\n"));

    let date = meta.date.as_deref().map_or(Date::Missing, Date::from_text);
    let source = clean_line(meta.source.or(meta.author).as_deref().unwrap_or(""));
    let mut article = Article {
        title,
        date,
        source,
        body: body.into(),
        ..Article::default()
    };
    article.settle_id();
    Some(article)
}

#[cfg(test)]
mod tests {
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
}
