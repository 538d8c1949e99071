//! One JSON Lines record whose body stays in the archive's bytes: the record is read with
//! its body fields as raw JSON literals, and the article keeps only the chosen literal's byte
//! range ([`Body::json_literal`]), decoded when the article is opened.
//!
//! This is a fast path only: it must give exactly what [`record::from_value`] gives, or
//! `None`, and the caller then parses the line the ordinary way, so articles, problems and
//! their wording never depend on which path was taken. It files the fields by name as the
//! ordinary path does ([`record::alias_of`]: case, `_`, `-` and camelCase alike) and picks the
//! body as it does: the best ranked of the body's names ([`record::body_rank`]) whose value
//! is neither null nor `""`. Fields of no known name are checked as serde_json checks them
//! for a [`Value`] but not kept, so a record costs no map and no allocation beyond the fields
//! an article is made of; body fields not chosen are checked the same way.
//!
//! It gives up (`None`) on: a bad record; two keys for one name (`body` and `Body`, `title`
//! twice), which the ordinary path settles by its map's order; more than [`MAX_FIELDS`] known
//! fields; a chosen body that is not a plain string (a list of paragraphs, ninjs `bodies`); a
//! string that may hold markup (any `<`, raw or escaped), which the ordinary path turns into
//! paragraphs; `\uD800`-style escapes in it, which serde_json checks only when it decodes.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use super::record::{self, ALIASES, BODY_NAMES, Picked};
use crate::article::{Article, Body, SharedBytes};

/// At most this many fields with a known name (besides the body's) are kept; a record with
/// more goes the ordinary way.
const MAX_FIELDS: usize = 24;

/// A record's fields with a known name: the body's raw, the others as [`Value`]s. Fields of
/// no known name are checked as `serde_json` checks them for a [`Value`], and dropped.
struct Fields<'a> {
    /// `(alias index, value)` of each field with a known name that is not the body's.
    known: [Option<(usize, Value)>; MAX_FIELDS],
    /// How many of `known` are filled.
    len: usize,
    /// The raw value of each of the body's names, by rank; null and `""` left out.
    bodies: [Option<&'a RawValue>; BODY_NAMES],
    /// Which aliases some key had, null or not.
    seen: [bool; ALIASES.len()],
    /// True when the fields cannot be filed here exactly as [`Picked::of`] files them: two
    /// keys for one name (`body` and `Body`, or `title` twice), or too many known fields.
    unsure: bool,
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
            known: [const { None }; MAX_FIELDS],
            len: 0,
            bodies: [None; BODY_NAMES],
            seen: [false; ALIASES.len()],
            unsure: false,
        };
        while let Some(Key(key)) = map.next_key()? {
            let Some(alias) = record::alias_of(&key) else {
                map.next_value::<Skip>()?;
                continue;
            };
            fields.unsure |= fields.seen[alias];
            fields.seen[alias] = true;
            if let Some(rank) = record::body_rank(alias) {
                let raw: &RawValue = map.next_value()?;
                if !matches!(raw.get(), "null" | "\"\"") {
                    fields.bodies[rank] = Some(raw);
                }
            } else if fields.len < MAX_FIELDS {
                fields.known[fields.len] = Some((alias, map.next_value()?));
                fields.len += 1;
            } else {
                fields.unsure = true;
                map.next_value::<Skip>()?;
            }
        }
        Ok(fields)
    }
}

/// A key, borrowed from the line unless it holds escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

/// Reads a [`Key`].
struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s.to_string())))
    }
}

/// Any JSON value, read exactly as for a [`Value`] (so it fails where that fails: a lone
/// surrogate escape, a number out of range, nesting too deep) and kept nowhere. serde's
/// `IgnoredAny` cannot stand in: serde_json skips it without those checks.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

/// The article of one JSON Lines `line`, a slice of `shared`, with its body left lazy; `None`
/// when the line must go the ordinary way (see the module comment).
pub(super) fn from_line(line: &str, shared: &SharedBytes) -> Option<Article> {
    let fields: Fields = serde_json::from_str(line).ok()?;
    if fields.unsure {
        return None;
    }
    let mut present = fields.bodies.iter().flatten();
    let chosen = present.next();
    // The others are not read, but must be well-formed as the ordinary path reads them.
    if !present.all(|raw| serde_json::from_str::<Skip>(raw.get()).is_ok()) {
        return None;
    }
    let body = match chosen {
        None => Body::default(),
        Some(raw) if is_plain_text(raw.get()) => {
            let base = shared.as_ref().as_ref().as_ptr() as usize;
            let start = (raw.get().as_ptr() as usize).checked_sub(base)?;
            let record = (line.as_ptr() as usize).checked_sub(base)?;
            let check = crate::article::line_check(line.as_bytes());
            Body::json_literal(
                shared.clone(),
                start..start + raw.get().len(),
                record,
                check,
            )
        }
        Some(_) => return None,
    };
    let known = fields.known[..fields.len].iter().flatten();
    let picked = Picked::from_pairs(known.map(|(alias, value)| (*alias, value)));
    record::from_fields(&picked, |_| body).ok()
}

/// True for a JSON string literal that decodes to text without markup the ordinary path would
/// read differently: no `<` (raw or as `\u003c`), and no escape in the UTF-16 surrogate range
/// (`\uD800` to `\uDFFF`), whose validity serde_json checks only when it decodes the string.
fn is_plain_text(literal: &str) -> bool {
    let bytes = literal.as_bytes();
    bytes.first() == Some(&b'"')
        && memchr::memchr(b'<', bytes).is_none()
        && !memchr::memmem::find_iter(bytes, b"\\u").any(|i| {
            let hex = |k: usize| bytes.get(i + k).copied().unwrap_or(0).to_ascii_lowercase();
            let surrogate = hex(2) == b'd' && matches!(hex(3), b'8'..=b'9' | b'a'..=b'f');
            let less_than = hex(2) == b'0' && hex(3) == b'0' && hex(4) == b'3' && hex(5) == b'c';
            surrogate || less_than
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
            r#"{"title":"t","body":["a","b"]}"#,
            r#"{"title":"t","bodies":[{"value":"a"}]}"#,
            r#"{"title":"t","content":"<p>a</p>"}"#,
            r#"{"title":"t","content":"a \u003Cb"}"#,
            r#"{"title":"t","body":"a","Body":"b"}"#,
            r#"{"title":"t","body":"a","body":null}"#,
            r#"{"title":"t","main_text":1}"#,
            r#"{"title":"t","title":"u"}"#,
            r#"{"title":"t","extra":"\ud800"}"#,
            r#"{"title":"t","extra":[1e400]}"#,
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
    fn bodies_chosen_by_rank_whatever_the_key_case() {
        for (line, body) in [
            (r#"{"title":"t","body":null,"text":"正文"}"#, "正文"),
            (r#"{"title":"t","raw_text":"乙","text":"甲"}"#, "甲"),
            (r#"{"title":"t","Text":"乙","Content":"甲"}"#, "甲"),
            (
                r#"{"title":"t","mainText":"甲","raw_text":"<p>乙</p>"}"#,
                "甲",
            ),
            (r#"{"title":"t","main_text":"","content_text":"甲"}"#, "甲"),
            (r#"{"title":"t","body":null}"#, ""),
            (r#"{"title":"t","id":7}"#, ""),
            (r#"{"t\u0069tle":"t","b\u006fdy":"甲","x":{"y":[1]}}"#, "甲"),
        ] {
            let bytes = shared(line);
            let text = std::str::from_utf8(bytes.as_ref().as_ref()).unwrap();
            let lazy = from_line(text, &bytes).unwrap();
            assert_eq!(lazy.body.is_lazy(), !body.is_empty(), "{line}");
            assert_eq!(lazy.body, body, "{line}");
            assert_eq!(lazy, eager(line).unwrap(), "{line}");
        }
    }

    #[test]
    fn many_known_fields_go_the_ordinary_way() {
        let names = record::ALIASES
            .iter()
            .filter(|(_, role)| !matches!(role, record::Role::Body | record::Role::Title));
        let fields: Vec<String> = names
            .take(MAX_FIELDS)
            .map(|(n, _)| format!("\"{n}\":\"v\""))
            .collect();
        let line = format!("{{\"title\":\"t\",{}}}", fields.join(","));
        let bytes = shared(&line);
        let text = std::str::from_utf8(bytes.as_ref().as_ref()).unwrap();
        assert!(from_line(text, &bytes).is_none());
        assert!(eager(&line).is_ok());
        let fewer = line.replacen(&format!(",{}", fields[0]), "", 1);
        let bytes = shared(&fewer);
        let text = std::str::from_utf8(bytes.as_ref().as_ref()).unwrap();
        assert_eq!(from_line(text, &bytes).unwrap(), eager(&fewer).unwrap());
    }

    /// Keys the equivalence test draws from: every role, in several spellings.
    const KEYS: &[&str] = &[
        "title",
        "Title",
        "headline",
        "headlines",
        "body",
        "Body",
        "content",
        "text",
        "maintext",
        "main_text",
        "content_text",
        "contentText",
        "article",
        "raw_text",
        "bodies",
        "body_html",
        "正文",
        "date",
        "publish_time",
        "publishTime",
        "publishedAt",
        "pubDate",
        "versioncreated",
        "source",
        "sitename",
        "source_domain",
        "source-hostname",
        "url",
        "link",
        "id",
        "article_id",
        "_id",
        "altids",
        "description",
        "author",
        "authors",
        "tags",
        "kicker",
        "subtitle",
        "x",
        "images",
    ];

    /// Values it draws from, as JSON literals.
    const VALUES: &[&str] = &[
        r#""标题""#,
        r#""""#,
        "null",
        r#""第一段\n\n　　第二段""#,
        r#""<p>段</p>""#,
        r#""a\u003cb""#,
        r#"["甲","乙"]"#,
        r#"[{"value":"丙"}]"#,
        "7",
        r#""2021-05-18 08:30""#,
        r#""https://news.sina.com.cn/c/2021-05-18/x.shtml""#,
        r#""新浪网""#,
        r#"{"name":"新浪网"}"#,
        r#""\ud83d\ude00""#,
        r#""标题 - 新浪网""#,
        r#""\u001b[31m红""#,
        r#"{"$oid":"5f1d"}"#,
        r#""www.sina.com.cn""#,
        "true",
        r#""\ud800""#,
        "1e400",
        r#"{"a":[1,{"b":"\udc00"}]}"#,
        r#"[[[]],{"k\u00e9y":-0.5e-3}]"#,
    ];

    proptest::proptest! {
        /// Whatever the keys and values, the fast path gives what the ordinary path gives, or
        /// nothing; and the ordinary path failing means the fast path gives nothing.
        #[test]
        fn fast_path_agrees_with_from_value(
            title in proptest::sample::select(&["title", "Title", "headline", "none"][..]),
            fields in proptest::collection::vec(
                (proptest::sample::select(KEYS), proptest::sample::select(VALUES)), 0..8,
            ),
        ) {
            // Most records have a title, so that most reach the body.
            let titled = (title != "none").then(|| format!("\"{title}\":\"标题 - 新浪网\""));
            let members: Vec<String> = titled
                .into_iter()
                .chain(fields.iter().map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap())))
                .collect();
            let line = format!("{{{}}}", members.join(","));
            let bytes = shared(&line);
            let text = std::str::from_utf8(bytes.as_ref().as_ref()).unwrap();
            match (from_line(text, &bytes), eager(&line)) {
                (Some(lazy), Ok(eager)) => proptest::prop_assert_eq!(lazy, eager, "{}", line),
                (Some(_), Err(e)) => proptest::prop_assert!(false, "{line}: fast path, but {e}"),
                (None, _) => {}
            }
        }
    }
}
