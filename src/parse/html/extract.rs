//! The article in a page, by `dom_smoothie` (a port of Mozilla's Readability.js, chosen by
//! measurement: see `tests/fixtures/README.md`), turned into paragraphs; and the test
//! that tells an article from a page that has none (an index of links, an empty page).

use dom_query::Document;
use dom_smoothie::{Config, Readability};

use super::byline;
use super::text;

/// Readability.js retries with looser rules while the article found is shorter than this
/// many characters. Its 500 is tuned for Latin text; a Chinese character carries about two
/// Latin characters' worth, and 200 kept more of the short news items and less of the
/// navigation in our comparison.
const CHAR_THRESHOLD: usize = 200;

/// A paragraph is prose when it has at least this many characters and a sentence or
/// clause mark; headlines in a list of links have none.
const PROSE_CHARS: usize = 15;

/// Marks that prose has and link lists do not.
const PROSE_MARKS: &[char] = &['。', '，', '！', '？', '；', ',', '.', '!', '?', ';'];

/// Markup nested deeper than this is not given to the extractor, whose time grows with the
/// cube of the depth (a second at 2 000 levels, minutes at 20 000). News pages nest 20 to
/// 30 levels.
pub(super) const MAX_DEPTH: usize = 256;

/// How deep `doc`'s elements nest, counted up to just past `limit`.
pub(super) fn depth(doc: &Document, limit: usize) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        if deepest > limit {
            break;
        }
        stack.extend(
            node.children_it(false)
                .filter(|c| c.is_element())
                .map(|c| (c, depth + 1)),
        );
    }
    deepest
}

/// The article's paragraphs in `doc` (which the extractor rewrites, so it is taken).
pub(super) fn paragraphs(doc: Document) -> Vec<String> {
    let config = Config {
        char_threshold: CHAR_THRESHOLD,
        // The page's JSON-LD is read by `head`; the extractor need not read it again.
        disable_json_ld: true,
        ..Config::default()
    };
    let Ok(mut readability) = Readability::with_document(doc, None, Some(config)) else {
        return Vec::new();
    };
    match readability.parse() {
        Ok(article) => text::paragraphs(&Document::fragment(article.content).root()),
        Err(_) => Vec::new(),
    }
}

/// `paragraphs` without what the extractor took along from around the article:
/// - paragraphs with no letters at all (counters, `|` bars);
/// - before the text: the headline repeated (`titles`), byline lines, and short lines that
///   are not sentences (`分享到：`, `字号`, a kicker);
/// - after it: lines that advertise (`…扫描二维码关注`, a copyright) and short lines that
///   are not sentences, but credit lines (`责任编辑：张迪`) stay.
pub(super) fn trim(paragraphs: Vec<String>, titles: &[&str]) -> Vec<String> {
    let mut body: Vec<String> = paragraphs
        .into_iter()
        .filter(|p| p.chars().any(char::is_alphabetic))
        .collect();
    let is_title = |p: &str| titles.iter().any(|t| !t.is_empty() && p == *t);
    let lead = body
        .iter()
        .take_while(|p| is_title(p) || byline::is_byline(p) || is_snippet(p))
        .count();
    body.drain(..lead);
    while body
        .last()
        .is_some_and(|p| is_advert(p) || (is_snippet(p) && !is_credit(p)))
    {
        body.pop();
    }
    body
}

/// Lines this short that do not end a sentence are page furniture next to an article.
const SNIPPET_CHARS: usize = 16;

/// A short line that is not a sentence.
fn is_snippet(p: &str) -> bool {
    p.chars().count() <= SNIPPET_CHARS && !p.contains(['。', '！', '？', '!', '?'])
}

/// A line that advertises the site rather than reports.
fn is_advert(p: &str) -> bool {
    [
        "二维码",
        "扫码",
        "公众号",
        "客户端",
        "版权所有",
        "Copyright",
        "©",
    ]
    .iter()
    .any(|w| p.contains(w))
}

/// A line that credits the editor or the source, kept at an article's end.
fn is_credit(p: &str) -> bool {
    let p = p.trim_start_matches(['(', '（', '【', '[']);
    [
        "责任编辑",
        "责编",
        "编辑",
        "來源",
        "来源",
        "本文来源",
        "作者",
        "记者",
    ]
    .iter()
    .any(|w| p.starts_with(w))
}

/// Why `paragraphs` are not an article, or `None` when they are: no prose at all, or prose
/// that is less than 30 % of the text (a page of headlines and links).
pub(super) fn not_an_article(paragraphs: &[String]) -> Option<&'static str> {
    let (mut prose, mut all) = (0usize, 0usize);
    for p in paragraphs {
        let n = p.chars().count();
        all += n;
        if n >= PROSE_CHARS && p.contains(PROSE_MARKS) {
            prose += n;
        }
    }
    if prose == 0 {
        Some("not an article (no paragraph text)")
    } else if prose * 10 < all * 3 {
        Some("not an article (a page of links, little paragraph text)")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_article_is_found_among_navigation() {
        let page = "<html><body><nav><a>首页</a><a>国内</a><a>国际</a></nav>\
            <div class=\"article\"><h1>标题</h1>\
            <p>国务院新闻办公室今天上午举行新闻发布会，介绍今年前三季度国民经济运行情况。</p>\
            <p>国家统计局新闻发言人表示，经济运行总体平稳，就业形势保持稳定。</p></div>\
            <div class=\"footer\"><p>版权所有 © 2019</p></div></body></html>";
        let found = paragraphs(Document::from(page));
        assert_eq!(
            trim(found, &["标题"]),
            strings(&[
                "国务院新闻办公室今天上午举行新闻发布会，介绍今年前三季度国民经济运行情况。",
                "国家统计局新闻发言人表示，经济运行总体平稳，就业形势保持稳定。",
            ])
        );
    }

    #[test]
    fn trim_drops_furniture_around_the_text() {
        let found = strings(&[
            "标题",
            "发布时间： 2019-09-26 10:09:11",
            "4",
            "分享到：",
            "新線列車在車廠進行測試。",
            "正文第一段，说了一件事。",
            "小标题",
            "正文第二段。",
            "（责编：王芳、李强）",
            "新浪新闻公众号 更多猛料！欢迎扫描左方二维码关注",
            "知道了",
        ]);
        assert_eq!(
            trim(found, &["标题"]),
            strings(&[
                "新線列車在車廠進行測試。",
                "正文第一段，说了一件事。",
                "小标题",
                "正文第二段。",
                "（责编：王芳、李强）",
            ])
        );
    }

    #[test]
    fn link_lists_and_empty_pages_are_not_articles() {
        let links = strings(&[
            "无缘清华北大的江苏文科第一名 最终申请香港大学",
            "胡锡进：TikTok有两宗罪 特朗普真心想让它死",
            "日本导演：看到TikTok被美国封杀 想起80年代的日本",
            "男子被跨省拘捕243天后获10万国赔 警方终止侦查",
        ]);
        assert_eq!(
            not_an_article(&links),
            Some("not an article (no paragraph text)")
        );
        let mut mostly_links = links.clone();
        mostly_links.push("版主: 灵芝, 辉光星辰, 执念若相惜, 蜜姬儿".into());
        assert_eq!(
            not_an_article(&mostly_links),
            Some("not an article (a page of links, little paragraph text)")
        );
        assert_eq!(
            not_an_article(&[]),
            Some("not an article (no paragraph text)")
        );
        let short_news = strings(&["证券时报e公司讯，当升科技：9614.5万元竞得常州市工业用地。"]);
        assert_eq!(not_an_article(&short_news), None);
    }
}
