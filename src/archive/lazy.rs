//! One JSON Lines record whose body stays in the archive's bytes: the record is read with
//! its body as a raw JSON literal, and the article keeps only the literal's byte range
//! ([`Body::json_literal`]), decoded when the article is opened.
//!
//! This is a fast path only. Whenever it cannot be sure to give exactly what
//! [`record::from_value`] gives — a bad record, several body fields, a body that is not a
//! plain string, `\uD800`-style escapes that serde_json only checks when it decodes — it
//! answers `None` and the caller parses the line the ordinary way, so articles, problems and
//! their wording never depend on which path was taken.

use std::fmt;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::record::{self, BODY};
use crate::article::{Article, Body, SharedBytes};

/// A record's fields: every field but the body as a [`Value`], the body fields raw.
struct Fields<'a> {
    /// Fields other than the body's aliases, as `serde_json` would read them.
    others: Map<String, Value>,
    /// The raw value of each of [`BODY`]'s names, in its order (last one wins, as in a
    /// [`Map`]).
    bodies: [Option<&'a RawValue>; BODY.len()],
}

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(FieldsVisitor)
    }
}

/// Reads a JSON object into [`Fields`].
struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
        let mut fields = Fields {
            others: Map::new(),
            bodies: [None; BODY.len()],
        };
        while let Some(key) = map.next_key::<String>()? {
            match BODY.iter().position(|name| *name == key) {
                Some(i) => fields.bodies[i] = Some(map.next_value()?),
                None => {
                    let value: Value = map.next_value()?;
                    fields.others.insert(key, value);
                }
            }
        }
        Ok(fields)
    }
}

/// The article of one JSON Lines `line`, a slice of `shared`, with its body left lazy; `None`
/// when the line must go the ordinary way (see the module comment).
pub fn from_line(line: &str, shared: &SharedBytes) -> Option<Article> {
    let fields: Fields = serde_json::from_str(line).ok()?;
    let mut present = fields
        .bodies
        .iter()
        .flatten()
        .filter(|raw| raw.get() != "null");
    let chosen = present.next();
    if present.next().is_some() {
        return None;
    }
    let body = match chosen {
        None => Body::default(),
        Some(raw) if is_plain_string(raw.get()) => {
            let base = shared.as_ref().as_ref().as_ptr() as usize;
            let start = (raw.get().as_ptr() as usize).checked_sub(base)?;
            let record = (line.as_ptr() as usize).checked_sub(base)?;
            Body::json_literal(shared.clone(), start..start + raw.get().len(), record)
        }
        Some(_) => return None,
    };
    record::from_fields(&fields.others, |_| body).ok()
}

/// True for a JSON string literal with no escape in the UTF-16 surrogate range (`\uD800` to
/// `\uDFFF`), whose validity serde_json checks only when it decodes the string.
fn is_plain_string(literal: &str) -> bool {
    let bytes = literal.as_bytes();
    bytes.first() == Some(&b'"')
        && !memchr::memmem::find_iter(bytes, b"\\u").any(|i| {
            matches!(bytes.get(i + 2), Some(b'd' | b'D'))
                && matches!(
                    bytes.get(i + 3),
                    Some(b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F')
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn shared(text: &str) -> SharedBytes {
        Arc::new(text.as_bytes().to_vec())
    }

    fn eager(line: &str) -> Result<Article, String> {
        serde_json::from_str(line)
            .map_err(|e| e.to_string())
            .and_then(record::from_value)
    }

    #[test]
    fn lazy_body_equals_the_eager_one() {
        let text = concat!(
            "{\"title\":\"标题\",\"date\":\"2017-09-06\",\"content\":\"　　第一段。\\n\\n",
            "\\u7b2c\\u4e8c\\u6bb5\\u001b[2J\",\"extra\":{\"a\":[1,2]}}"
        );
        let bytes = shared(text);
        let line = std::str::from_utf8(bytes.as_ref().as_ref()).unwrap();
        let lazy = from_line(line, &bytes).unwrap();
        assert!(lazy.body.is_lazy());
        assert_eq!(lazy.body.text(), "第一段。\n第二段");
        assert_eq!(lazy, eager(text).unwrap());
    }

    #[test]
    fn unsure_cases_go_the_ordinary_way() {
        for line in [
            r#"{"title":"t","body":"\ud800"}"#,
            r#"{"title":"t","body":"a","text":"b"}"#,
            r#"{"title":"t","body":["a","b"]}"#,
            r#"{"body":"no title"}"#,
            r#"["not an object"]"#,
            r#"{"title":"t" "body":1}"#,
        ] {
            let bytes = shared(line);
            let line = std::str::from_utf8(bytes.as_ref().as_ref()).unwrap();
            assert!(from_line(line, &bytes).is_none(), "{line}");
        }
    }

    #[test]
    fn null_and_missing_bodies() {
        for line in [
            r#"{"title":"t","body":null,"text":"正文"}"#,
            r#"{"title":"t","body":null}"#,
            r#"{"title":"t","id":7}"#,
        ] {
            let bytes = shared(line);
            let line = std::str::from_utf8(bytes.as_ref().as_ref()).unwrap();
            assert_eq!(from_line(line, &bytes).unwrap(), eager(line).unwrap());
        }
    }
}
