//! The SogouCS / SogouCA news corpus format: `<doc><url><docno><contenttitle><content></doc>`
//! records, optionally inside `<doclist>`. The corpus is not well-formed XML (bare `&` occur),
//! so records are cut out by their tags and only the usual entities are decoded. The source
//! is the URL's host and the date comes from the URL (`…/20120706/n347457739.shtml`).

use std::borrow::Cow;

use super::url::host;
use super::{Archive, Problem};
use crate::article::{Article, cleaned_body};
use crate::date::{self, Date};
use crate::sanitize::clean_line;

/// Parses every `<doc>` record in `text`; each is reported on the line of its `<doc>`.
pub(super) fn parse(file: &str, text: &str, out: &mut Archive) {
    let mut pos = 0;
    let mut line = 1;
    let mut counted_to = 0;
    while let Some(found) = text[pos..].find("<doc>") {
        let start = pos + found;
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted_to..start]).count();
        counted_to = start;
        let Some(len) = text[start..].find("</doc>") else {
            out.problems
                .push(Problem::at(file, line, "record has no closing </doc>"));
            return;
        };
        let block = &text[start + "<doc>".len()..start + len];
        pos = start + len + "</doc>".len();
        match record(block) {
            Ok(article) => out.articles.push(article),
            Err(reason) => out.report(Problem::at(file, line, reason)),
        }
    }
}

/// One record's fields to an article.
fn record(block: &str) -> Result<Article, String> {
    let title = clean_line(&entities(field(block, "contenttitle")));
    if title.is_empty() {
        return Err("record has no title".into());
    }
    let url = Some(clean_line(&entities(field(block, "url")))).filter(|u| !u.is_empty());
    let source = url.as_deref().and_then(host).unwrap_or_default();
    let date = url
        .as_deref()
        .and_then(date::from_url)
        .map_or(Date::Missing, Date::Known);
    // SogouCA marks paragraphs with U+E40C (a private-use character).
    let content = entities(field(block, "content")).replace('\u{E40C}', "\n");
    let body = cleaned_body(content);
    let id = clean_line(&entities(field(block, "docno")));
    let mut article = Article {
        id,
        title,
        date,
        source,
        url,
        body: body.into(),
        ..Article::default()
    };
    article.settle_id();
    Ok(article)
}

/// The text between `<tag>` and `</tag>`, or nothing.
fn field<'a>(block: &'a str, tag: &str) -> &'a str {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let Some(start) = block.find(&open).map(|i| i + open.len()) else {
        return "";
    };
    let end = block[start..]
        .find(&close)
        .map_or(block.len(), |i| start + i);
    &block[start..end]
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric references;
/// anything else (a bare `&`) is left as it is.
fn entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.as_bytes()[1..]
            .iter()
            .take(10)
            .position(|b| *b == b';')
            .and_then(|semi| entity(&rest[1..1 + semi]).map(|c| (c, semi + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a named or numeric entity stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{A0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "<doclist>\n<doc>\n<url>http://gongyi.sohu.com/20120706/n347457739.shtml</url>\n\
        <docno>98590b972ad2f0ea-34913306c0bb3300</docno>\n<contenttitle>深圳地铁将设立ＶＩＰ头等车厢　A&amp;B</contenttitle>\n\
        <content>南都讯　记者&lt;刘凡&gt;&#35760;&#x8005; R&D</content>\n</doc>\n\
        <doc>\n<url>http://news.sohu.com/x.shtml</url>\n<docno></docno>\n<contenttitle></contenttitle>\n<content>x</content>\n</doc>\n\
        <doc>\n<url>http://Sports.Sohu.com:80/20120101/a.shtml</url>\n<docno>3</docno>\n<contenttitle>三</contenttitle>\n<content></content>\n</doc>\n</doclist>\n";

    #[test]
    fn records_fields_and_problems() {
        let mut out = Archive::default();
        parse("s.dat", TWO, &mut out);
        assert_eq!(out.articles.len(), 2);
        let a = &out.articles[0];
        assert_eq!(a.id, "98590b972ad2f0ea-34913306c0bb3300");
        assert_eq!(a.title, "深圳地铁将设立ＶＩＰ头等车厢　A&B");
        assert_eq!(a.source, "gongyi.sohu.com");
        assert_eq!(a.date.display(), "2012-07-06");
        assert_eq!(a.body, "南都讯　记者<刘凡>记者 R&D");
        let b = &out.articles[1];
        assert_eq!(
            (b.source.as_str(), &*b.body.text(), b.date.display()),
            ("sports.sohu.com", "", "2012-01-01".into())
        );
        let problems: Vec<_> = out.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems, ["s.dat:8: record has no title"]);
    }

    #[test]
    fn unclosed_record_is_reported() {
        let mut out = Archive::default();
        parse(
            "s.dat",
            "<doc>\n<contenttitle>a</contenttitle></doc>\n\n<doc>\n<contenttitle>b",
            &mut out,
        );
        assert_eq!(out.articles.len(), 1);
        assert_eq!(
            out.problems[0].to_string(),
            "s.dat:4: record has no closing </doc>"
        );
    }

    #[test]
    fn entities_leave_bare_ampersands() {
        assert_eq!(
            entities("a & b &amp; &unknown; &#20013;"),
            "a & b & &unknown; 中"
        );
        assert_eq!(entities("中&lt;一&gt;文&"), "中<一>文&");
        assert_eq!(entities("&中文中文中文;"), "&中文中文中文;");
    }
}
