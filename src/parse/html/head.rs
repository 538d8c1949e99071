//! What a page says about itself before its text: `<meta>` values, `<title>`, `<h1>`s, the
//! canonical URL, `<time datetime>`, JSON-LD (`datePublished`, `publisher`), and the URL a
//! saving browser or scraper noted in a comment at the top (`<!-- saved from url=(0047)… -->`).
//! Read once from the parsed page, before the article extractor rewrites it.

use std::collections::HashMap;

use dom_query::{Document, NodeRef, local_name};
use serde_json::Value;

use super::text;

/// A page's self-description. Text values are white-space collapsed, not yet cleaned.
#[derive(Debug, Default)]
pub(super) struct Head {
    /// `<meta>` contents by `name`, `property` or `itemprop`, lower-cased with white space
    /// removed (`og:time ` → `og:time`, `weibo: article:create_at` →
    /// `weibo:article:create_at`); the first non-empty value of each name.
    meta: HashMap<String, String>,
    /// The `<title>` text.
    pub(crate) title_tag: String,
    /// The text of every `<h1>` that is not marked as a logo (`class="logo"`), in order.
    pub(crate) h1s: Vec<String>,
    /// The text of the first element marked as the article's source (`class="source"`,
    /// `id="source"`: `<span class="source">新京报</span>`), when short.
    pub(crate) source_element: Option<String>,
    /// `<link rel=canonical href>`.
    pub(crate) canonical: Option<String>,
    /// `<time datetime>` values, those marked as the publication time (`pubdate`,
    /// `itemprop=datePublished`) first.
    pub(crate) times: Vec<String>,
    /// JSON-LD `datePublished`.
    pub(crate) json_ld_date: Option<String>,
    /// JSON-LD `publisher.name`.
    pub(crate) json_ld_publisher: Option<String>,
    /// The URL in a comment before the markup: `saved from url=(NNNN)URL` or a bare URL.
    pub(crate) saved_from: Option<String>,
}

impl Head {
    /// Reads `doc`, the parse of `html`, in one walk over its elements.
    pub(super) fn read(doc: &Document, html: &str) -> Head {
        let mut head = Head {
            saved_from: saved_from(html),
            ..Head::default()
        };
        let mut other_times = Vec::new();
        for node in doc.root().descendants_it() {
            let Some(name) = node
                .query(|n| n.as_element().map(|e| e.name.local.clone()))
                .flatten()
            else {
                continue;
            };
            match name {
                local_name!("meta") => head.add_meta(&node),
                local_name!("title") if head.title_tag.is_empty() => {
                    head.title_tag = collapse(&node.text());
                }
                local_name!("h1") if !marked(&node, "logo") => {
                    let text = text::paragraphs(&node).join(" ");
                    if !text.is_empty() {
                        head.h1s.push(text);
                    }
                }
                local_name!("link") if head.canonical.is_none() => {
                    let canonical = node
                        .attr("rel")
                        .is_some_and(|r| r.trim().eq_ignore_ascii_case("canonical"));
                    head.canonical = node
                        .attr("href")
                        .filter(|_| canonical)
                        .map(|h| h.trim().to_string())
                        .filter(|h| is_web_url(h));
                }
                local_name!("time") => {
                    if let Some(value) = node.attr("datetime").map(|v| v.trim().to_string())
                        && !value.is_empty()
                    {
                        if is_publication_time(&node) {
                            head.times.push(value);
                        } else {
                            other_times.push(value);
                        }
                    }
                }
                local_name!("script") if head.json_ld_date.is_none() => head.add_json_ld(&node),
                _ => {}
            }
            if head.source_element.is_none() && is_source_element(&node) {
                head.source_element = Some(text::paragraphs(&node).join(" "))
                    .filter(|t| !t.is_empty() && t.chars().count() <= 40);
            }
        }
        head.times.extend(other_times);
        head
    }

    /// Keeps a `<meta>`'s content under its name (see [`Head::meta`]).
    fn add_meta(&mut self, node: &NodeRef) {
        let Some(content) = node.attr("content").map(|c| collapse(&c)) else {
            return;
        };
        if content.is_empty() {
            return;
        }
        for attr in ["name", "property", "itemprop"] {
            if let Some(key) = node.attr(attr) {
                let key: String = key
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect();
                self.meta.entry(key).or_insert_with(|| content.clone());
            }
        }
    }

    /// Reads `datePublished` and `publisher` from a JSON-LD `<script>`.
    fn add_json_ld(&mut self, script: &NodeRef) {
        let is_json_ld = script
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_json_ld {
            return;
        }
        if let Ok(value) = serde_json::from_str::<Value>(&script.text()) {
            self.json_ld_date = find_key(&value, "datePublished")
                .and_then(Value::as_str)
                .map(str::to_string);
            self.json_ld_publisher = find_key(&value, "publisher")
                .and_then(|p| p.get("name").or(Some(p)))
                .and_then(Value::as_str)
                .map(collapse);
        }
    }

    /// The first non-empty `<meta>` value among `keys` (lower case, no white space), in the
    /// order given.
    pub(super) fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.meta.get(*k).map(String::as_str))
    }

    /// The page's own URL: canonical link, `og:url`, then the saved-from comment.
    pub(super) fn url(&self) -> Option<String> {
        self.canonical
            .clone()
            .or_else(|| {
                self.meta(&["og:url"])
                    .filter(|u| is_web_url(u))
                    .map(str::to_string)
            })
            .or_else(|| self.saved_from.clone())
    }
}

/// Class names and ids that mark the element naming the article's source.
const SOURCE_MARKS: &[&str] = &[
    "source",
    "ne_article_source",
    "article-source",
    "news-source",
];

/// True for an element whose class or id is one of [`SOURCE_MARKS`].
fn is_source_element(node: &NodeRef) -> bool {
    let marks = |e: &dom_query::Element| {
        e.attrs.iter().any(|a| match a.name.local {
            local_name!("class") => a
                .value
                .split_whitespace()
                .any(|c| SOURCE_MARKS.contains(&c)),
            local_name!("id") => SOURCE_MARKS.contains(&a.value.as_ref()),
            _ => false,
        })
    };
    node.query(|n| n.as_element().is_some_and(marks))
        .unwrap_or(false)
}

/// True when an element's class or id mentions `word` (ASCII, lower case).
fn marked(node: &NodeRef, word: &str) -> bool {
    [node.attr("class"), node.attr("id")]
        .into_iter()
        .flatten()
        .any(|v| v.to_ascii_lowercase().contains(word))
}

fn is_publication_time(node: &NodeRef) -> bool {
    node.has_attr("pubdate")
        || node
            .attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
}

/// The first value under `key` anywhere in a JSON-LD document (objects, arrays, `@graph`),
/// depth first.
fn find_key<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) => map
            .get(key)
            .or_else(|| map.values().find_map(|v| find_key(v, key))),
        Value::Array(items) => items.iter().find_map(|v| find_key(v, key)),
        _ => None,
    }
}

/// The URL a saving tool noted: a browser's `<!-- saved from url=(0047)URL -->` in the first
/// kilobyte, or a comment that is only a URL before the page's first tag.
fn saved_from(html: &str) -> Option<String> {
    const MARK: &str = "<!-- saved from url=";
    let head = &html[..html.floor_char_boundary(1024)];
    if let Some(i) = head.find(MARK) {
        let rest = &html[i + MARK.len()..];
        let rest = rest
            .strip_prefix('(')
            .and_then(|r| r.split_once(')'))
            .map_or(rest, |(_, url)| url);
        let url = rest.split_whitespace().next()?;
        let url = url.strip_suffix("-->").unwrap_or(url);
        return is_web_url(url).then(|| url.to_string());
    }
    let start = html.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    let comment = start.strip_prefix("<!--")?;
    let text = comment[..comment.find("-->")?].trim();
    is_web_url(text).then(|| text.to_string())
}

/// True for an absolute `http(s)://` URL.
pub(super) fn is_web_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !text.contains(char::is_whitespace)
}

/// White space runs to one space, trimmed.
pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(html: &str) -> Head {
        Head::read(&Document::from(html), html)
    }

    #[test]
    fn meta_names_are_matched_without_case_or_spaces() {
        let h = head(
            r#"<meta name="og:time " content="2019-11-25 16:04:30">
               <meta name="weibo: article:create_at" content=" 2019-11-25  18:57 ">
               <meta name="PubDate" content="2016-11-22 09:53"><meta name="pubdate" content="later">
               <meta property="og:title" content=""><meta property="og:title" content="标题">"#,
        );
        assert_eq!(h.meta(&["og:time"]), Some("2019-11-25 16:04:30"));
        assert_eq!(
            h.meta(&["weibo:article:create_at"]),
            Some("2019-11-25 18:57")
        );
        assert_eq!(h.meta(&["nothing", "pubdate"]), Some("2016-11-22 09:53"));
        assert_eq!(h.meta(&["og:title"]), Some("标题"));
    }

    #[test]
    fn title_headings_times_and_json_ld() {
        let h = head(
            r#"<html><head><title> 标题 _新华网 </title>
               <link rel="Canonical" href="http://www.xinhuanet.com/2019-10/01/c_1.htm">
               <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle",
                 "datePublished":"2019-10-01T08:30:00+08:00","publisher":{"name":"新华网"}}]}</script>
               </head><body><h1><a href="/">站点</a></h1><h1 class="channel-logo">新闻中心</h1>
               <h1> 真正的 <em>标题</em></h1><p><span class="source">新京报</span></p>
               <time datetime="2019-09-30">昨天</time><time pubdate datetime="2019-10-01">今天</time>
               </body></html>"#,
        );
        assert_eq!(h.title_tag, "标题 _新华网");
        assert_eq!(h.h1s, ["站点", "真正的 标题"]);
        assert_eq!(
            h.url().as_deref(),
            Some("http://www.xinhuanet.com/2019-10/01/c_1.htm")
        );
        assert_eq!(h.times, ["2019-10-01", "2019-09-30"]);
        assert_eq!(h.source_element.as_deref(), Some("新京报"));
        assert_eq!(h.json_ld_date.as_deref(), Some("2019-10-01T08:30:00+08:00"));
        assert_eq!(h.json_ld_publisher.as_deref(), Some("新华网"));
    }

    #[test]
    fn the_url_a_saving_tool_noted_is_kept() {
        assert_eq!(
            saved_from(
                "<!DOCTYPE html>\n<!-- saved from url=(0042)https://news.sina.com.cn/c/doc-1.shtml -->\n<html>"
            ),
            Some("https://news.sina.com.cn/c/doc-1.shtml".to_string())
        );
        assert_eq!(
            saved_from("<!--http://news.163.com/20/0229/18/F6ISIFBD0001899O.html-->\n<html>"),
            Some("http://news.163.com/20/0229/18/F6ISIFBD0001899O.html".to_string())
        );
        assert_eq!(saved_from("<!-- [if IE] -->\n<html>"), None);
        assert_eq!(saved_from("<html><!-- http://x.cn/ -->"), None);
    }
}
