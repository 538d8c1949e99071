//! Saved HTML pages, one article a page: what browsers' "save page", `wget` and scrapers
//! keep. The bytes are decoded by the charset the page declares or the one it is in
//! (`charset`), the page is parsed once (html5ever, through `dom_query`), its self-description
//! read (`head`), the article found by a Readability port (`extract`) and the headline and
//! byline worked out (`title`, `byline`).
//!
//! | field | from, in order |
//! |---|---|
//! | title | `og:title`, an `<h1>` that is not the logo, `<title>`; a site-name suffix dropped (the original kept as `header.full_title`) |
//! | date | `article:published_time`, `pubdate`, `publishdate`, `ptime`, `publish_time`, `og:release_date`, `og:time` … meta; `<time datetime>`; JSON-LD `datePublished` (a day alone takes its time from the byline); a date in the byline under the headline (or a labelled one under the text); the page URL's date; a change time (`article:modified_time` …) |
//! | source | `og:site_name`, `SiteName` meta, a `来源` (meta `source`/`ContentSource`/`mediaid`, the byline's `来源：`, an element marked `class="source"`), JSON-LD publisher, the site name cut from `<title>`, the URL's host |
//! | url | `<link rel=canonical>`, `og:url`, a `saved from url=` comment |
//! | author | `author` meta (not when it is the site, a number or an address), the byline's `作者：`/`记者`; never a placeholder (`未知`, `佚名`) |
//! | summary | `description` / `og:description` meta |
//! | body | the extracted article, one paragraph a block, images as their caption |
//!
//! A page with no article (an index of links, an empty page) is a problem with its reason,
//! never an article of junk.

mod byline;
mod charset;
mod extract;
mod head;
mod prune;
mod text;
mod title;

#[cfg(test)]
mod tests;

use dom_query::Document;

use super::url::host;
use super::{Archive, Problem};
use crate::article::{Article, Header, normalize_body};
use crate::date::{self, Date};
use crate::sanitize::{clean, clean_line};
use head::Head;

/// `<meta>` names that give the publication time, most trusted first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:release_date",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "ptime",
    "publish_time",
    "publishtime",
    "datepublished",
    "og:time",
    "weibo:article:create_at",
    "firstpublishedtime",
    "apub:time",
    "dc.date.issued",
    "dc.date",
    "date",
];

/// `<meta>` names that give a time the page was changed: a date of last resort, for pages
/// that say nothing else (the change is usually the day of publication or soon after).
const CHANGED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "dateupdate",
    "datemodified",
    "weibo:article:update_at",
    "lastmodifiedtime",
];

/// `<meta>` names that give the site's own name.
const SITE_KEYS: &[&str] = &["og:site_name", "sitename", "site_name"];

/// `<meta>` names that give where the article came from (a `来源`).
const SOURCE_KEYS: &[&str] = &["source", "contentsource", "mediaid"];

/// Parses one saved page's bytes (its charset from a BOM, `<meta>` or detection).
pub(super) fn parse(file: &str, _name: &str, bytes: &[u8], out: &mut Archive) {
    let decoded = charset::decode(bytes);
    if decoded.had_errors {
        out.problems.push(Problem::whole(
            file,
            format!(
                "invalid {} bytes replaced with U+FFFD",
                decoded.encoding.name().to_ascii_uppercase()
            ),
        ));
    }
    match article(&decoded.text) {
        Ok(article) => out.articles.push(article),
        Err(reason) => out.problems.push(Problem::refusal(file, reason)),
    }
}

/// The text of an HTML fragment (a record's body that holds markup): one paragraph a line,
/// block elements breaking paragraphs, entities decoded, scripts and styles dropped. Text
/// with no tag in it is returned as it is.
pub(super) fn fragment_text(html: &str) -> String {
    if !has_tag(html) {
        return html.to_string();
    }
    text::paragraphs(&Document::fragment(html).root()).join("\n")
}

/// True when `text` has something that starts a tag, comment or end tag (`<p`, `</`, `<!`).
fn has_tag(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

/// The article in a page's text, or why there is none.
fn article(html: &str) -> Result<Article, String> {
    let doc = Document::from(prune::prune(html).as_ref());
    if extract::depth(&doc, extract::MAX_DEPTH) > extract::MAX_DEPTH {
        return Err(format!(
            "not read: markup nested more than {} levels deep",
            extract::MAX_DEPTH
        ));
    }
    let head = Head::read(&doc, html);
    let site_names: Vec<&str> = SITE_KEYS
        .iter()
        .filter_map(|k| head.meta(&[k]))
        .chain(head.json_ld_publisher.as_deref())
        .collect();
    let (title, full_title) = title::choose(
        head.meta(&["og:title", "twitter:title"]),
        &head.h1s,
        &head.title_tag,
        &site_names,
    );
    let meta_date = first_known(
        DATE_KEYS
            .iter()
            .filter_map(|k| head.meta(&[k]))
            .chain(head.times.iter().map(String::as_str))
            .chain(head.json_ld_date.as_deref()),
    );
    let site = head.meta(SITE_KEYS).map(str::to_string);
    let meta_source = head.meta(SOURCE_KEYS).and_then(named_source);
    // The byline is read from the page's text, before the extractor rewrites the page, when
    // the head leaves the day, its time or the source unsaid.
    let wants_byline =
        !meta_date.as_ref().is_some_and(has_time) || (site.is_none() && meta_source.is_none());
    let lines = wants_byline.then(|| doc.body().map(|b| text::lines(&b)).unwrap_or_default());

    let found = extract::paragraphs(doc);
    let body = extract::trim(found, &[title.as_str(), full_title.as_str()]);
    if let Some(reason) = extract::not_an_article(&body) {
        return Err(reason.to_string());
    }
    let byline = lines
        .map(|lines| byline::read(&lines, &title, &body))
        .unwrap_or_default();
    let url = head.url();
    let date = date_of(meta_date, byline.date.as_deref(), url.as_deref(), &head);
    let source = site
        .or(meta_source)
        .or(byline.source)
        .or_else(|| head.source_element.as_deref().and_then(marked_source))
        .or_else(|| head.json_ld_publisher.clone())
        .or_else(|| title::site_in(&head.title_tag, &site_names))
        .or_else(|| url.as_deref().and_then(host))
        .map(|s| trim_name(&s).to_string())
        .unwrap_or_default();
    let author = head
        .meta(&["author", "article:author"])
        .filter(|a| is_person(a, &source, &site_names, &head.title_tag))
        .map(str::to_string)
        .or(byline.author)
        .filter(|a| !is_placeholder(a))
        .unwrap_or_default();
    let summary = head
        .meta(&["description", "og:description"])
        .filter(|s| *s != title && *s != full_title)
        .unwrap_or_default();

    let mut title = plain_title(&title);
    if title.is_empty() {
        title = headline_from(&body);
    }
    let mut article = Article {
        title,
        date,
        source: clean_line(&source),
        url: url.map(|u| clean_line(&u)),
        body: normalize_body(&clean(&body.join("\n"))).into(),
        header: Header {
            author: clean_line(&author),
            summary: clean_line(summary),
            full_title: plain_title(&full_title),
            ..Header::default()
        },
        ..Article::default()
    };
    article.settle_id();
    Ok(article)
}

/// The outlet a `来源` text names: `来源：人民网-文化频道 原创稿` → `人民网-文化频道`.
fn named_source(text: &str) -> Option<String> {
    byline::labelled(text, &["来源", "來源"])
        .or_else(|| text.split_whitespace().next().map(str::to_string))
}

/// The outlet an element marked as the source names, unless it holds more than a name (a
/// date, a `发布时间：` label).
fn marked_source(text: &str) -> Option<String> {
    byline::labelled(text, &["来源", "來源"]).or_else(|| {
        let plain = !text.contains([':', '：']) && byline::find_date(text).is_none();
        plain.then(|| text.trim().to_string())
    })
}

/// The first of `texts` that reads as a date.
fn first_known<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Date> {
    texts
        .into_iter()
        .map(Date::from_text)
        .find(|d| d.stamp().is_some())
}

/// True for a date with a time of day.
fn has_time(date: &Date) -> bool {
    date.stamp().is_some_and(|s| s.has_time)
}

/// The publication date: the head's, made precise by the byline's time on the same day;
/// else the byline's, the URL's, a change time; else the head's date text as written.
fn date_of(meta: Option<Date>, byline: Option<&str>, url: Option<&str>, head: &Head) -> Date {
    let byline = first_known(byline);
    match (meta, byline) {
        (Some(m), Some(b)) if !has_time(&m) && has_time(&b) && same_day(&m, &b) => b,
        (Some(m), _) => m,
        (None, Some(b)) => b,
        (None, None) => url
            .and_then(date::from_url)
            .map(Date::Known)
            .or_else(|| first_known(CHANGED_KEYS.iter().filter_map(|k| head.meta(&[k]))))
            .or_else(|| head.meta(DATE_KEYS).map(Date::from_text))
            .unwrap_or(Date::Missing),
    }
}

/// True when two dates fall on the same day as shown.
fn same_day(a: &Date, b: &Date) -> bool {
    a.display().get(..10) == b.display().get(..10)
}

/// A title as plain text on one line: markup in it (`&lt;b&gt;…` in a `<title>`) read as
/// text, and never starting with `<`.
fn plain_title(title: &str) -> String {
    let text = if has_tag(title) {
        fragment_text(title).replace('\n', " ")
    } else {
        title.to_string()
    };
    clean_line(text.trim_start_matches(|c: char| c == '<' || c.is_whitespace()))
}

/// For a page with no headline: its first paragraph, cut at the first sentence end or
/// [`HEADLINE_CHARS`] characters.
fn headline_from(body: &[String]) -> String {
    let first = body.first().map_or("", String::as_str);
    let sentence = first
        .split_inclusive(['。', '！', '？'])
        .next()
        .unwrap_or(first);
    let mut headline: String = sentence.chars().take(HEADLINE_CHARS).collect();
    if sentence.chars().count() > HEADLINE_CHARS {
        headline.push('…');
    }
    clean_line(&headline)
}

/// A headline made from a first paragraph is at most this long.
const HEADLINE_CHARS: usize = 40;

/// True when an `author` meta names a person: not the site itself (its name, or in the
/// title tag's site suffix, as `网易` in `…_网易新闻`), not a number or an address.
fn is_person(author: &str, source: &str, site_names: &[&str], title_tag: &str) -> bool {
    let author = author.trim();
    let headline = title::without_site_suffix(title_tag, site_names);
    let suffix = title_tag.trim().get(headline.len()..).unwrap_or("");
    !author.is_empty()
        && author.chars().count() <= 30
        && author != source
        && !site_names.contains(&author)
        && !suffix.contains(author)
        && !title::is_site_name(author, &[])
        && !author.contains(['@', '/'])
        && author.chars().any(char::is_alphabetic)
}

/// True for what sites put where no name is known: `未知`, `佚名`, `admin` ….
fn is_placeholder(name: &str) -> bool {
    [
        "未知",
        "佚名",
        "匿名",
        "不详",
        "网络",
        "网络整理",
        "admin",
        "unknown",
        "anonymous",
        "null",
        "none",
    ]
    .iter()
    .any(|p| name.trim().eq_ignore_ascii_case(p))
}

/// A name without the separators and marks around it (`振王视史 ⋅` → `振王视史`).
fn trim_name(name: &str) -> &str {
    name.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, ')' | '）' | '》'))
}
