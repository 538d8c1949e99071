//! The shapes a field's value comes in, read as text: a string; a number; an object that
//! names its text (`name`, `value`, `text`: NewsAPI's `source`, ninjs `subjects`, MongoDB's
//! `{"$oid": …}`); a list of paragraphs; a ninjs list of alternatives (`headlines`, `bodies`,
//! `descriptions`: one `value` per role and content type). Markup in a body or summary is
//! turned into paragraphs by [`fragment_text`].

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::clean_field;
use super::keys::Field;
use crate::article::{cleaned_body, normalize_body};
use crate::parse::html::fragment_text;
use crate::sanitize::clean;

/// Keys under which an object keeps its text, best first.
const TEXT_KEYS: &[&str] = &["name", "value", "text", "content", "title", "#text", "$oid"];

/// Aliases whose value is a ninjs list of alternatives rather than of parts.
const ALTERNATIVES: &[&str] = &["headlines", "bodies", "descriptions"];

/// A scalar as text: strings as they are, numbers and booleans written out, an object by the
/// first of its [`TEXT_KEYS`]; anything else is empty.
pub(super) fn text_of(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(s) => Cow::Borrowed(s),
        Value::Number(_) | Value::Bool(_) => Cow::Owned(value.to_string()),
        Value::Object(o) => object_text(o).map_or(Cow::Borrowed(""), text_of),
        _ => Cow::Borrowed(""),
    }
}

/// The value of the first of [`TEXT_KEYS`] an object has with something in it.
fn object_text(o: &Map<String, Value>) -> Option<&Value> {
    TEXT_KEYS
        .iter()
        .filter_map(|k| o.get(*k))
        .find(|v| matches!(v, Value::String(s) if !s.is_empty()) || v.is_number())
}

/// A one-line field (title, kicker, source …): [`text_of`] the value, or of the alternative a
/// ninjs list chooses, or of the first entry of another list.
pub(super) fn line_text<'a>(field: &Field<'a>) -> Cow<'a, str> {
    match field.value {
        Value::Array(items) if ALTERNATIVES.contains(&field.alias) => {
            alternative(items).map_or(Cow::Borrowed(""), text_of)
        }
        Value::Array(items) => items
            .iter()
            .map(text_of)
            .find(|t| !t.trim().is_empty())
            .unwrap_or_default(),
        other => text_of(other),
    }
}

/// The text of a body or summary: paragraphs separated by `\n`, markup turned into text,
/// cleaned ([`clean`]) and normalised ([`normalize_body`]).
pub(super) fn prose_of(field: Option<Field<'_>>) -> String {
    let Some(field) = field else {
        return String::new();
    };
    let raw: Cow<str> = match field.value {
        Value::Array(items) if ALTERNATIVES.contains(&field.alias) => {
            alternative(items).map_or(Cow::Borrowed(""), text_of)
        }
        Value::Array(items) => Cow::Owned(
            items
                .iter()
                .map(text_of)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        other => text_of(other),
    };
    prose(&raw)
}

/// Text that may hold markup, as clean paragraphs separated by `\n`.
pub(super) fn prose(raw: &str) -> String {
    if looks_like_html(raw) {
        cleaned_body(fragment_text(raw))
    } else {
        normalize_body(&clean(raw))
    }
}

/// Tags common in article markup; text with one of them opened or closed is HTML.
const HTML_TAGS: &[&str] = &[
    "p",
    "br",
    "div",
    "span",
    "a",
    "img",
    "b",
    "i",
    "u",
    "strong",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "ul",
    "ol",
    "li",
    "blockquote",
    "font",
    "center",
    "hr",
    "pre",
    "sup",
    "sub",
    "small",
    "script",
    "style",
    "iframe",
    "video",
];

/// True when `text` holds an HTML tag ([`HTML_TAGS`]) or comment. Text without a `<` never
/// does, which the JSON Lines fast path relies on (it leaves bodies with a `<` to this path).
pub(super) fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|at| {
        let rest = &bytes[at + 1..];
        if rest.starts_with(b"!--") {
            return true;
        }
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = &rest[..name_len];
        let after = &rest[name_len..];
        let spaces = after.iter().take_while(|b| b.is_ascii_whitespace()).count();
        // `<p>`, `<br/>`, `<br />`, `<p class=…>`, but not `a<b 且 b>c`.
        let closes = match after.first() {
            Some(b'>' | b'/') => true,
            Some(b) if b.is_ascii_whitespace() => {
                let attr = &after[spaces..];
                let attr_len = attr
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
                    .count();
                matches!(attr.first(), Some(b'>' | b'/'))
                    || (attr_len > 0 && attr.get(attr_len) == Some(&b'='))
            }
            _ => false,
        };
        closes
            && HTML_TAGS
                .iter()
                .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
    })
}

/// The entry a ninjs list of alternatives stands for: the main role in plain text if there
/// is one, else the main role, else the first entry.
fn alternative(items: &[Value]) -> Option<&Value> {
    let objects = || items.iter().filter_map(Value::as_object);
    let main = |o: &&Map<String, Value>| {
        member(o, "role").is_none_or(|r| text_of(r).eq_ignore_ascii_case("main"))
    };
    let plain = |o: &&Map<String, Value>| {
        member(o, "contenttype").is_none_or(|t| text_of(t).eq_ignore_ascii_case("text/plain"))
    };
    objects()
        .find(|o| main(o) && plain(o))
        .or_else(|| objects().find(main))
        .or_else(|| objects().next())
        .and_then(|o| member(o, "value"))
        .or_else(|| items.first().filter(|v| v.is_string()))
}

/// A string member of a ninjs object, its key matched as record keys are (`contentType`,
/// `contenttype` and `content_type` alike).
fn member<'a>(o: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    o.iter()
        .find(|(k, _)| {
            k.bytes()
                .filter(|b| *b != b'_' && *b != b'-')
                .map(|b| b.to_ascii_lowercase())
                .eq(name.bytes())
        })
        .map(|(_, v)| v)
        .filter(|v| !v.is_null())
}

/// Names (authors): a string (several separated by `;`, as trafilatura writes them), an
/// object with a name, or a list of either; cleaned, repeats left out, joined by `、`.
pub(super) fn names_of(value: &Value) -> String {
    let mut names: Vec<String> = Vec::new();
    let mut add = |value: &Value| {
        for name in text_of(value).split([';', '；']) {
            let name = clean_field(name);
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
    };
    match value {
        Value::Array(items) => items.iter().for_each(&mut add),
        other => add(other),
    }
    names.join("、")
}

/// Tags: a list of strings or named objects, or one string separated by commas, `、` or
/// semicolons; cleaned, empty ones left out.
pub(super) fn tags_of(value: &Value, tags: &mut Vec<String>) {
    let mut add = |tag: &str| {
        let tag = clean_field(tag);
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    };
    match value {
        Value::Array(items) => items.iter().for_each(|v| add(&text_of(v))),
        other => text_of(other)
            .split([',', '，', '、', ';', '；'])
            .for_each(add),
    }
}

/// An id: a string or number, an object with one (`{"$oid": …}`, a ninjs altid's `value`),
/// the first value of ninjs 1.x `altids` (`{"agency": "id"}`), or the first of a list.
pub(super) fn id_of(value: &Value) -> String {
    match value {
        Value::Array(items) => items.iter().map(id_of).find(|id| !id.is_empty()),
        Value::Object(o) => Some(match object_text(o) {
            Some(v) => id_of(v),
            None => o
                .values()
                .map(id_of)
                .find(|id| !id.is_empty())
                .unwrap_or_default(),
        }),
        other => Some(clean_field(&text_of(other))),
    }
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field<'a>(alias: &'static str, value: &'a Value) -> Field<'a> {
        Field { alias, value }
    }

    #[test]
    fn html_is_recognised_by_its_tags() {
        for html in [
            "<p>段落</p>",
            "a<br/>b",
            "<br />",
            "<BR>",
            "x</div>",
            "<img src=x>",
            "<!-- c -->",
            "<p class=\"t\">",
            "<a\n  href=\"/x\">",
            "<<b>>",
        ] {
            assert!(looks_like_html(html), "{html}");
        }
        for text in [
            "a < b",
            "1<2>0",
            "《人民日报》",
            "若 a<b 且 b>c",
            "<pp>",
            "plain",
            "<p",
            "<b",
        ] {
            assert!(!looks_like_html(text), "{text}");
        }
    }

    #[test]
    fn prose_from_strings_lists_and_paragraph_objects() {
        let v = json!("　　第一段。\n\n第二段。");
        assert_eq!(prose_of(Some(field("body", &v))), "第一段。\n第二段。");
        let v = json!(["第一段。", "", "第二段。"]);
        assert_eq!(prose_of(Some(field("content", &v))), "第一段。\n第二段。");
        let v = json!([{"type": "text", "text": "甲"}, {"value": "乙"}, {"img": "x.jpg"}]);
        assert_eq!(prose_of(Some(field("content", &v))), "甲\n乙");
        assert_eq!(prose_of(None), "");
    }

    #[test]
    fn ninjs_alternatives_prefer_main_plain_text() {
        let v = json!([
            {"role": "richtext", "contentType": "application/xhtml+xml", "value": "<p>富</p>"},
            {"role": "main", "contenttype": "text/html", "value": "<p>网页</p>"},
            {"role": "main", "content_type": "text/plain", "value": "纯文本"}
        ]);
        assert_eq!(prose_of(Some(field("bodies", &v))), "纯文本");
        let v = json!([{"role": "short", "value": "短"}, {"value": "主标题"}]);
        assert_eq!(line_text(&field("headlines", &v)), "主标题");
        let v = json!([{"role": "short", "value": "短"}]);
        assert_eq!(line_text(&field("headlines", &v)), "短");
    }

    #[test]
    fn names_tags_and_ids() {
        assert_eq!(names_of(&json!("张三; 李四")), "张三、李四");
        assert_eq!(
            names_of(&json!(["张三", {"name": "李四"}, "张三", ""])),
            "张三、李四"
        );
        assert_eq!(names_of(&json!({"name": "新华社"})), "新华社");
        let mut tags = Vec::new();
        tags_of(&json!("a, b，c、d;a"), &mut tags);
        tags_of(&json!([{"name": "经济", "uri": "x"}, "e"]), &mut tags);
        assert_eq!(tags, ["a", "b", "c", "d", "经济", "e"]);
        assert_eq!(id_of(&json!({"$oid": "5f1d"})), "5f1d");
        assert_eq!(id_of(&json!(42)), "42");
        assert_eq!(id_of(&json!([{"role": "x", "value": "A-1"}])), "A-1");
        assert_eq!(id_of(&json!({"agency": "B-2"})), "B-2");
        assert_eq!(id_of(&json!([])), "");
    }
}
