//! One JSON record to an [`Article`]: the field aliases of DESIGN §2, hygiene on every text
//! field, a date from the URL when the record has none, and a stable id when it has no id.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::article::{Article, Body, normalize_body};
use crate::date::{self, Date};
use crate::sanitize::{clean, clean_line};

/// Names a record's title may go by.
const TITLE: &[&str] = &["title", "headline"];
/// Names a record's date may go by.
const DATE: &[&str] = &["date", "time", "published", "pubdate", "datetime"];
/// Names a record's body may go by, in order of preference.
pub const BODY: &[&str] = &["body", "content", "text"];
/// Names a record's source may go by.
const SOURCE: &[&str] = &["source", "site", "media"];
/// Names a record's URL may go by.
const URL: &[&str] = &["url", "link"];
/// Names a record's tags may go by.
const TAGS: &[&str] = &["tags", "keywords"];

/// Builds an article from one parsed JSON record, or says in a few words why it cannot.
pub fn from_value(value: Value) -> Result<Article, String> {
    let Value::Object(record) = value else {
        return Err("record is not a JSON object".into());
    };
    from_fields(&record, |record| {
        normalize_body(&clean(&body_of(first(record, BODY)))).into()
    })
}

/// Builds an article from a record's fields; `body` makes the body from them once the
/// record is known to be good (it may be left lazy, in the archive's bytes).
pub fn from_fields(
    record: &Map<String, Value>,
    body: impl FnOnce(&Map<String, Value>) -> Body,
) -> Result<Article, String> {
    let title = clean_field(&text_of(first(record, TITLE)));
    if title.is_empty() {
        return Err("record has no title".into());
    }
    let source = clean_field(&text_of(first(record, SOURCE)));
    let url = Some(clean_field(&text_of(first(record, URL)))).filter(|u| !u.is_empty());
    let mut date = date_of(first(record, DATE));
    if date == Date::Missing
        && let Some(stamp) = url.as_deref().and_then(date::from_url)
    {
        date = Date::Known(stamp);
    }
    let body = body(record);
    let tags = tags_of(first(record, TAGS));
    let id = match record.get("id") {
        Some(Value::String(s)) => clean_field(s),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let mut article = Article {
        id,
        title,
        date,
        source,
        url,
        body,
        tags,
        header: Default::default(),
    };
    article.settle_id();
    Ok(article)
}

/// The first of `names` that the record holds with a non-null value.
fn first<'a>(record: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names
        .iter()
        .filter_map(|n| record.get(*n))
        .find(|v| !v.is_null())
}

/// A scalar field as text: strings as they are, numbers and booleans written out.
fn text_of(value: Option<&Value>) -> Cow<'_, str> {
    match value {
        Some(Value::String(s)) => Cow::Borrowed(s),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => Cow::Owned(v.to_string()),
        _ => Cow::Borrowed(""),
    }
}

/// [`clean_line`], skipping its work when `text` holds nothing it would change.
fn clean_field(text: &str) -> String {
    if text.chars().all(is_plain) {
        text.trim().to_string()
    } else {
        clean_line(text)
    }
}

/// True for a character that [`clean`] keeps as it is, whatever surrounds it: not a control
/// (tab and line breaks included), a line or paragraph separator, or invisible formatting.
fn is_plain(c: char) -> bool {
    !c.is_control()
        && !matches!(
            c,
            '\u{AD}'
                | '\u{61C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
        )
}

/// A body: a string, or an array of paragraph strings.
pub fn body_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        other => text_of(other).into_owned(),
    }
}

/// A date field: text in any form [`date::parse`] reads, or Unix seconds as a number.
fn date_of(value: Option<&Value>) -> Date {
    match value {
        Some(Value::String(s)) => Date::from_text(&clean_field(s)),
        Some(Value::Number(n)) => Date::from_text(&n.to_string()),
        Some(other) => Date::Unparsed(clean_line(&other.to_string())),
        None => Date::Missing,
    }
}

/// Tags: an array of strings, or one string separated by commas, `、` or semicolons.
fn tags_of(value: Option<&Value>) -> Vec<String> {
    let raw: Vec<Cow<str>> = match value {
        Some(Value::Array(items)) => items.iter().map(|v| text_of(Some(v))).collect(),
        Some(Value::String(s)) => s
            .split([',', '，', '、', ';', '；'])
            .map(Cow::Borrowed)
            .collect(),
        _ => Vec::new(),
    };
    let mut tags: Vec<String> = raw
        .iter()
        .map(|t| clean_field(t))
        .filter(|t| !t.is_empty())
        .collect();
    // Kept for the archive's lifetime: no spare capacity (a million articles × a few tags).
    tags.shrink_to_fit();
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_fields() {
        let a = from_value(json!({
            "id": "a1", "title": " 标题 ", "date": "2017-09-06 09:11", "source": "长春日报",
            "url": "http://example.com/x", "body": "　　第一段。\n\n第二段。", "tags": ["人大", "会议"]
        }))
        .unwrap();
        assert_eq!(a.id, "a1");
        assert_eq!(a.title, "标题");
        assert_eq!(a.date.display(), "2017-09-06 09:11");
        assert_eq!(a.source, "长春日报");
        assert_eq!(a.url.as_deref(), Some("http://example.com/x"));
        assert_eq!(a.body, "第一段。\n第二段。");
        assert_eq!(a.tags, ["人大", "会议"]);
    }

    #[test]
    fn aliases() {
        for (date_key, body_key, source_key, url_key, tags_key) in [
            ("time", "content", "site", "link", "keywords"),
            ("published", "text", "media", "url", "tags"),
            ("pubdate", "body", "source", "link", "keywords"),
            ("datetime", "content", "media", "url", "keywords"),
        ] {
            let mut m = Map::new();
            m.insert("title".into(), json!("T"));
            m.insert(date_key.into(), json!("2017/9/6"));
            m.insert(body_key.into(), json!("B"));
            m.insert(source_key.into(), json!("S"));
            m.insert(url_key.into(), json!("http://u"));
            m.insert(tags_key.into(), json!("a, b，c、d"));
            let a = from_value(Value::Object(m)).unwrap();
            let got = (
                a.date.display(),
                a.body.text().into_owned(),
                a.source,
                a.url,
                a.tags,
            );
            let want = (
                "2017-09-06".to_string(),
                "B".to_string(),
                "S".to_string(),
                Some("http://u".to_string()),
                vec!["a", "b", "c", "d"],
            );
            assert_eq!(got.0, want.0, "{date_key}");
            assert_eq!(
                (got.1, got.2, got.3),
                (want.1, want.2, want.3),
                "{body_key}"
            );
            assert_eq!(got.4, want.4, "{tags_key}");
        }
    }

    #[test]
    fn id_number_or_stable_hash() {
        let a = from_value(json!({"id": 42, "title": "T"})).unwrap();
        assert_eq!(a.id, "42");
        let b = from_value(json!({"title": "T", "source": "S", "date": "2017-09-06"})).unwrap();
        assert_eq!(b.id, crate::article::stable_id("S", &b.date, "T", &b.body));
        assert_eq!(b.id.len(), 16);
    }

    #[test]
    fn date_forms_and_fallbacks() {
        let date = |v: Value| from_value(json!({"title": "T", "date": v})).unwrap().date;
        assert_eq!(date(json!(1504660260)).display(), "2017-09-06 09:11");
        assert_eq!(date(json!("2017年9月6日")).display(), "2017-09-06");
        assert_eq!(
            date(json!("2017-09-06T01:11:00Z")).display(),
            "2017-09-06 09:11"
        );
        assert_eq!(date(json!("上周三")), Date::Unparsed("上周三".into()));
        assert_eq!(date(json!(null)), Date::Missing);
        let from_url =
            from_value(json!({"title": "T", "url": "http://news.sohu.com/20120706/n1.shtml"}));
        assert_eq!(from_url.unwrap().date.display(), "2012-07-06");
    }

    #[test]
    fn hygiene_on_every_field() {
        let a = from_value(json!({
            "title": "\u{1b}[31m红\u{1b}[0m\u{200b}", "source": "\u{9b}1m源", "url": "http://a\u{7}",
            "body": "x\u{1b}]52;c;AAAA\u{7}y\r\nz", "tags": ["\u{202e}t"]
        }))
        .unwrap();
        assert_eq!(
            (
                a.title.as_str(),
                a.source.as_str(),
                a.url.as_deref(),
                &*a.body.text()
            ),
            ("红", "源", Some("http://a"), "xy\nz")
        );
        assert_eq!(a.tags, ["t"]);
    }

    proptest::proptest! {
        #[test]
        fn clean_field_is_clean_line(chars in proptest::collection::vec(proptest::sample::select(vec![
            'a', ' ', '标', '\n', '\r', '\t', '\u{1b}', '[', '3', 'm', ']', '\u{7}', '\u{9b}',
            '\u{9d}', '\u{200b}', '\u{200d}', '\u{2028}', '\u{202e}', '\u{feff}', '\u{ad}',
            '\u{3000}', '\u{a0}', '👩', '\u{7f}', '\u{85}',
        ]), 0..24)) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(clean_field(&text), clean_line(&text));
        }
    }

    #[test]
    fn bad_records() {
        assert_eq!(
            from_value(json!({"body": "x"})),
            Err("record has no title".to_string())
        );
        assert_eq!(
            from_value(json!({"title": " \u{1b}[0m "})),
            Err("record has no title".to_string())
        );
        assert_eq!(
            from_value(json!([1])),
            Err("record is not a JSON object".to_string())
        );
    }
}
