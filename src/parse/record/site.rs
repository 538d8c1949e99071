//! Who published a record and where it was found: the source and URL, and the listed title
//! without a suffix that only repeats the site's name.
//!
//! Source fields hold three kinds of value, told apart by their shape: a name (`新浪网`,
//! NewsAPI's `{"id": …, "name": …}`), a host name (news-please's `source_domain`,
//! trafilatura's `hostname`), or a URL (trafilatura's `source` is the page's URL). A URL is
//! used as the URL when the record has no URL field; a host name is the source only when no
//! field names one, and the URL's host only when no field gives a source at all.

use std::borrow::Cow;

use super::clean_field;
use super::keys::{Field, Picked, Role};
use super::values::line_text;
use crate::parse::url::{self as web, is_host, is_url};

/// A record's source and URL.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Site {
    /// The publisher's name, else a host name; empty when the record says nothing.
    pub(crate) source: String,
    /// The page's URL, if any.
    pub(crate) url: Option<String>,
}

/// The source and URL of a record (see the module comment).
pub(super) fn site_of(picked: &Picked) -> Site {
    let mut url = picked
        .all(Role::Url)
        .map(|f| clean_field(&line_text(&f)))
        .find(|u| !u.is_empty());
    let (mut name, mut host) = (None, None);
    for text in source_texts(picked) {
        if is_url(&text) {
            if url.is_none() {
                url = Some(clean_field(&text));
            }
        } else if is_host(&text) {
            host.get_or_insert(text);
        } else {
            name.get_or_insert(text);
        }
    }
    let source = match name.or(host) {
        Some(text) => clean_field(&text),
        None => url.as_deref().and_then(web::host).unwrap_or_default(),
    };
    Site { source, url }
}

/// The text of every source field, best first, trimmed, empty ones left out.
fn source_texts<'a>(picked: &'a Picked) -> impl Iterator<Item = Cow<'a, str>> + 'a {
    picked
        .all(Role::Source)
        .map(|f: Field<'a>| line_text(&f))
        .filter(|t| !t.trim().is_empty())
}

/// The listed title for `title`: every suffix that only repeats the record's own source or
/// site name (or its host) dropped ([`web::without_site_suffix`]); `None` when nothing is
/// dropped.
pub(super) fn shorten(title: &str, picked: &Picked, site: &Site) -> Option<String> {
    let host = site.url.as_deref().and_then(web::host);
    let names: Vec<Cow<str>> = source_texts(picked)
        .filter(|t| !is_url(t))
        .chain([Cow::Borrowed(site.source.as_str())])
        .chain(host.map(Cow::Owned))
        .collect();
    let names: Vec<&str> = names.iter().map(|n| n.as_ref()).collect();
    web::without_site_suffix(title, &names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn site(record: Value) -> Site {
        let record = record.as_object().unwrap().clone();
        site_of(&Picked::of(&record))
    }

    fn listed(record: Value) -> String {
        let record = record.as_object().unwrap().clone();
        let picked = Picked::of(&record);
        let title = record["title"].as_str().unwrap();
        shorten(title, &picked, &site_of(&picked)).unwrap_or_else(|| title.to_string())
    }

    #[test]
    fn names_beat_hosts_and_urls_are_urls() {
        let s = |source: &str, url: Option<&str>| Site {
            source: source.into(),
            url: url.map(str::to_string),
        };
        let page = "https://news.sina.com.cn/c/2021-05-18/doc-1.shtml";
        assert_eq!(
            site(
                json!({"source": page, "hostname": "news.sina.com.cn", "source-hostname": "新浪新闻"})
            ),
            s("新浪新闻", Some(page))
        );
        assert_eq!(
            site(json!({"source": page, "hostname": "news.sina.com.cn"})),
            s("news.sina.com.cn", Some(page))
        );
        assert_eq!(
            site(json!({"url": "http://a.cn/x", "source": "https://b.cn/y"})),
            s("a.cn", Some("http://a.cn/x"))
        );
        assert_eq!(
            site(
                json!({"source": {"id": null, "name": "澎湃新闻"}, "source_domain": "www.thepaper.cn"})
            ),
            s("澎湃新闻", None)
        );
        assert_eq!(
            site(json!({"publisher": {"@type": "Organization", "name": "人民网"}})),
            s("人民网", None)
        );
        assert_eq!(
            site(json!({"url": "https://user@www.rt.com:443/n/1"})).source,
            "www.rt.com"
        );
        assert_eq!(
            site(json!({"url": "/relative/path"})),
            s("", Some("/relative/path"))
        );
        assert_eq!(site(json!({"source": "Reuters.com"})).source, "Reuters.com");
    }

    #[test]
    fn suffixes_that_repeat_the_site_are_dropped() {
        for (record, want) in [
            (
                json!({"title": "标题 - 新浪网", "source": "新浪网"}),
                "标题",
            ),
            (
                json!({"title": "标题_新华网", "site_name": "新华网"}),
                "标题",
            ),
            (
                json!({"title": "标题|澎湃新闻", "source": "澎湃新闻"}),
                "标题",
            ),
            (
                json!({"title": "标题｜蘋果新聞網｜蘋果日報", "source": "蘋果日報", "sitename": "蘋果新聞網"}),
                "标题",
            ),
            (
                json!({"title": "标题｜蘋果新聞網｜蘋果日報", "source": "蘋果日報"}),
                "标题｜蘋果新聞網",
            ),
            (
                json!({"title": "标题 — 新华网 新华社", "source": "新华网"}),
                "标题",
            ),
            (
                json!({"title": "标题_sina.com.cn", "url": "https://news.sina.com.cn/a"}),
                "标题",
            ),
            (
                json!({"title": "标题 - REUTERS", "source": "Reuters"}),
                "标题",
            ),
            (json!({"title": "新浪网", "source": "新浪网"}), "新浪网"),
            (json!({"title": "-新浪网", "source": "新浪网"}), "-新浪网"),
            (
                json!({"title": "标题 - 新浪网 -", "source": "新浪网"}),
                "标题 - 新浪网 -",
            ),
            (
                json!({"title": "COVID-19 疫情", "source": "新浪网"}),
                "COVID-19 疫情",
            ),
            (
                json!({"title": "标题 - 新浪", "source": "新浪网"}),
                "标题 - 新浪",
            ),
            (json!({"title": "标题 - 新浪网"}), "标题 - 新浪网"),
            (
                json!({"title": "标题 - 新闻", "source": "新"}),
                "标题 - 新闻",
            ),
        ] {
            assert_eq!(listed(record.clone()), want, "{record}");
        }
    }
}
