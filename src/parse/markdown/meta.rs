//! What front matter says about the article, under the names real sites use. Keys match
//! case-insensitively with `_`, `-` and camelCase alike (`pubDate`, `publish_date`,
//! `original-url`), the first name in each list that is present wins, and every text goes
//! through [`clean_line`].
//!
//! | field | keys, in order of preference |
//! |---|---|
//! | title | `title`, `headline` |
//! | date | `date`, `publish_date`, `published`, `pubDate`, `publish_time`, `published_at`, `date_published`, `pub_time`, `created`, `created_at` |
//! | author | `author`, `authors`, `reporter`, `byline` (a string, a list, or `{name: …}`), joined with `、` |
//! | source | `source`, `site`, `site_name`, `publisher`, `media`, `source_name` (a string or `{name: …}`; a URL there is the URL) |
//! | url | `original_url`, `source_url`, `canonical_url`, `canonical`, `url`, `link` (absolute URLs only: Hugo's `url: /posts/x/` is the site's own path) |
//! | tags | `tags`, `categories`, `category`, `keywords` (lists, or a string split at commas, else at spaces as Jekyll does) |
//! | summary | `description`, `summary`, `excerpt`, `abstract`, `desc`, `digest` |
//! | subtitle | `subtitle`, `subhead` |
//! | id | `id`, `uuid`, `guid`, `article_id`, `news_id`, `doc_id` (never `slug`: a path, not an id) |

use serde_json::{Map, Value};

use crate::sanitize::clean_line;

/// Keys, normalised (see [`normalise`]), for each field.
const TITLE: &[&str] = &["title", "headline"];
const DATE: &[&str] = &[
    "date",
    "publishdate",
    "published",
    "pubdate",
    "publishtime",
    "publishedat",
    "datepublished",
    "pubtime",
    "created",
    "createdat",
];
const AUTHOR: &[&str] = &["author", "authors", "reporter", "byline"];
const SOURCE: &[&str] = &[
    "source",
    "site",
    "sitename",
    "publisher",
    "media",
    "sourcename",
];
const URL: &[&str] = &[
    "originalurl",
    "sourceurl",
    "canonicalurl",
    "canonical",
    "url",
    "link",
];
const TAGS: &[&str] = &["tags", "categories", "category", "keywords"];
const SUMMARY: &[&str] = &[
    "description",
    "summary",
    "excerpt",
    "abstract",
    "desc",
    "digest",
];
const SUBTITLE: &[&str] = &["subtitle", "subhead"];
const ID: &[&str] = &["id", "uuid", "guid", "articleid", "newsid", "docid"];

/// The article fields front matter gives; empty when it does not say.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Meta {
    pub(crate) title: String,
    /// The dates given, as written, in order of preference (read with
    /// [`crate::date::Date::from_text`]; the first that parses is the date).
    pub(crate) dates: Vec<String>,
    /// Authors joined with `、`.
    pub(crate) author: String,
    pub(crate) source: String,
    pub(crate) url: String,
    pub(crate) tags: Vec<String>,
    pub(crate) summary: String,
    pub(crate) subtitle: String,
    pub(crate) id: String,
}

/// Reads the fields of front matter.
pub(super) fn read(fields: &Map<String, Value>) -> Meta {
    let keyed: Vec<(String, &Value)> = fields.iter().map(|(k, v)| (normalise(k), v)).collect();
    let first = |names: &[&str]| -> Option<&Value> {
        names.iter().find_map(|name| {
            keyed
                .iter()
                .find(|(k, v)| k == name && !is_empty(v))
                .map(|(_, v)| *v)
        })
    };
    let all = |names: &[&str]| -> Vec<&Value> {
        names
            .iter()
            .flat_map(|name| keyed.iter().filter(move |(k, _)| k == name))
            .map(|(_, v)| *v)
            .collect()
    };
    let mut url = first(URL)
        .map(text)
        .filter(|u| is_absolute(u))
        .unwrap_or_default();
    let mut source = first(SOURCE).map(named).unwrap_or_default();
    if is_absolute(&source) {
        if url.is_empty() {
            url = std::mem::take(&mut source);
        } else {
            source.clear();
        }
    }
    let mut tags: Vec<String> = Vec::new();
    for value in all(TAGS) {
        for tag in tags_of(value) {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    Meta {
        title: first(TITLE).map(text).unwrap_or_default(),
        dates: DATE
            .iter()
            .filter_map(|name| keyed.iter().find(|(k, v)| k == name && !is_empty(v)))
            .map(|(_, v)| text(v))
            .filter(|d| !d.is_empty())
            .collect(),
        author: first(AUTHOR).map(authors).unwrap_or_default(),
        source,
        url,
        tags,
        summary: first(SUMMARY).map(text).unwrap_or_default(),
        subtitle: first(SUBTITLE).map(text).unwrap_or_default(),
        id: first(ID).map(text).unwrap_or_default(),
    }
}

/// A key lower-cased without `_`, `-`, `.` or spaces: `pubDate`, `pub_date` and `Pub-Date`
/// are all `pubdate`.
fn normalise(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '_' | '-' | '.' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// True for null, `false`, an empty string or an empty list (a field left blank).
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(_) => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Number(_) => false,
    }
}

/// A scalar as one clean line; a list as its first item; anything else empty.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => clean_line(s),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.first().map(text).unwrap_or_default(),
        _ => String::new(),
    }
}

/// A name given as text or as an object with `name` (`{name: 新华社, url: …}`).
fn named(value: &Value) -> String {
    match value {
        Value::Object(o) => o.get("name").map(text).unwrap_or_default(),
        Value::Array(items) => items.first().map(named).unwrap_or_default(),
        other => text(other),
    }
}

/// One author or several, joined with `、`.
fn authors(value: &Value) -> String {
    let names: Vec<String> = match value {
        Value::Array(items) => items.iter().map(named).collect(),
        other => vec![named(other)],
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
    names.join("、")
}

/// Tags from a list, or from a string split at commas (`,`, `，`, `、`), else at spaces.
fn tags_of(value: &Value) -> Vec<String> {
    let raw: Vec<String> = match value {
        Value::Array(items) => items.iter().map(named).collect(),
        Value::String(s) if s.contains([',', '，', '、']) => {
            s.split([',', '，', '、']).map(clean_line).collect()
        }
        Value::String(s) => s.split_whitespace().map(clean_line).collect(),
        Value::Number(n) => vec![n.to_string()],
        _ => Vec::new(),
    };
    raw.into_iter().filter(|t| !t.is_empty()).collect()
}

/// True for `http://…`, `https://…` and `//host/…`.
fn is_absolute(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn meta(value: Value) -> Meta {
        read(value.as_object().unwrap())
    }

    #[test]
    fn hong_kong_archive_keys() {
        let m = meta(json!({
            "title": "梁特最後施政報告 「一帶一路」較去年少提一半",
            "date": "2017-01-18",
            "author": "翁維愷",
            "category": "眾聞",
            "tags": ["梁振英", "施政報告"],
            "url": "https://web.archive.org/web/20220109114035/https://www.hkcnews.com/article/1000/leung-chun-ying",
            "original_url": "https://www.hkcnews.com/article/1000/leung-chun-ying"
        }));
        assert_eq!(m.title, "梁特最後施政報告 「一帶一路」較去年少提一半");
        assert_eq!(m.dates, ["2017-01-18"]);
        assert_eq!(m.author, "翁維愷");
        assert_eq!(
            m.url,
            "https://www.hkcnews.com/article/1000/leung-chun-ying"
        );
        assert_eq!(m.tags, ["梁振英", "施政報告", "眾聞"]);
    }

    #[test]
    fn key_styles_alike() {
        let m = meta(json!({
            "Title": "标题",
            "pubDate": "2019-10-01",
            "Authors": ["张三", {"name": "李四"}, ""],
            "publisher": {"name": "新华社", "url": "http://www.news.cn"},
            "source-url": "http://www.news.cn/2019-10/01/c_1.htm",
            "Categories": "时政, 国庆",
            "Summary": "摘要",
            "sub_title": "副题",
            "UUID": "a1b2",
            "slug": "guo-qing"
        }));
        assert_eq!(m.title, "标题");
        assert_eq!(m.dates, ["2019-10-01"]);
        assert_eq!(m.author, "张三、李四");
        assert_eq!(m.source, "新华社");
        assert_eq!(m.url, "http://www.news.cn/2019-10/01/c_1.htm");
        assert_eq!(m.tags, ["时政", "国庆"]);
        assert_eq!(m.summary, "摘要");
        assert_eq!(m.subtitle, "副题");
        assert_eq!(m.id, "a1b2");
    }

    #[test]
    fn urls_sources_and_jekyll_tags() {
        let m = meta(json!({
            "title": "t",
            "publish_time": 1569889800,
            "source": "https://www.thepaper.cn/newsDetail_forward_1",
            "url": "/posts/t/",
            "tags": "碎碎念 戏剧 省昆",
            "published": true,
            "id": 42
        }));
        assert_eq!(m.dates, ["1569889800"]);
        assert_eq!(m.source, "");
        assert_eq!(m.url, "https://www.thepaper.cn/newsDetail_forward_1");
        assert_eq!(m.tags, ["碎碎念", "戏剧", "省昆"]);
        assert_eq!(m.id, "42");
    }
}
