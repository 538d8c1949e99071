//! Front matter: the block of fields at the top of a Markdown file, YAML between `---` lines
//! (Jekyll, Hugo, Hexo, Astro, and the Hong Kong closure archives) or TOML between `+++`
//! lines (Hugo). YAML is read with saphyr and TOML with the `toml` crate, both into JSON
//! values so that [`super::meta`] reads either the same way.
//!
//! Front matter that does not parse is reported (`invalid front matter: …`, on the line the
//! parser names) and what can be saved is saved: each top-level `key: value` line is parsed on
//! its own, and a line that still does not parse gives its text after the colon as a string
//! (the usual breakage is an unquoted title holding `: `). Front matter with no closing line
//! is read up to the first blank line and reported too.

use saphyr::{LoadableYamlNode, Scalar, Yaml};
use serde_json::{Map, Value};

/// A file split into its front matter (as fields) and its Markdown body.
#[derive(Debug, Default)]
pub(super) struct Split<'a> {
    /// The front matter's fields, empty when there is none or none could be read.
    pub(crate) fields: Map<String, Value>,
    /// The Markdown after the front matter.
    pub(crate) body: &'a str,
    /// What went wrong reading the front matter: the file's 1-based line and the reason.
    pub(crate) problem: Option<(usize, String)>,
}

/// Splits `text` into front matter and body, reading the front matter.
pub(super) fn split(text: &str) -> Split<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<(usize, &str)> = line_starts(text);
    // Blank lines may stand before the opening line.
    let Some(open) = lines.iter().position(|(_, l)| !l.trim().is_empty()) else {
        return Split {
            body: text,
            ..Split::default()
        };
    };
    let fence = lines[open].1.trim_end();
    let toml = match fence {
        "---" => false,
        "+++" => true,
        _ => {
            return Split {
                body: text,
                ..Split::default()
            };
        }
    };
    let first = open + 1;
    let is_close = |l: &str| {
        let l = l.trim_end();
        if toml {
            l == "+++"
        } else {
            l == "---" || l == "..."
        }
    };
    let close = lines[first..].iter().position(|(_, l)| is_close(l));
    let (end, body_at, unclosed) = match close {
        Some(k) => {
            let at = first + k;
            (at, lines.get(at + 1).map_or(text.len(), |(s, _)| *s), false)
        }
        None => {
            let k = lines[first..]
                .iter()
                .position(|(_, l)| l.trim().is_empty())
                .map_or(lines.len(), |k| first + k);
            (k, lines.get(k).map_or(text.len(), |(s, _)| *s), true)
        }
    };
    let matter_start = lines.get(first).map_or(text.len(), |(s, _)| *s);
    let matter_end = lines.get(end).map_or(text.len(), |(s, _)| *s);
    let matter = &text[matter_start..matter_end];
    let first_line = first + 1;
    let read = if toml {
        read_toml(matter, first_line)
    } else {
        read_yaml(matter, first_line)
    };
    match read {
        Read::Fields(fields) if unclosed && !fields.is_empty() => Split {
            fields,
            body: &text[body_at..],
            problem: Some((
                open + 1,
                format!("invalid front matter: no closing `{fence}`"),
            )),
        },
        Read::Fields(fields) if !unclosed => Split {
            fields,
            body: &text[body_at..],
            problem: None,
        },
        Read::Broken {
            fields,
            line,
            reason,
        } => Split {
            fields,
            body: &text[body_at..],
            problem: Some((line, format!("invalid front matter: {reason}"))),
        },
        // An opening line with no fields after it (a horizontal rule), or lines that are not
        // fields: not front matter.
        Read::Fields(_) | Read::NotFields => Split {
            body: text,
            ..Split::default()
        },
    }
}

/// What reading front matter gave.
enum Read {
    /// A mapping of fields (possibly empty).
    Fields(Map<String, Value>),
    /// Valid, but not a mapping (a lone string, a list).
    NotFields,
    /// Not valid: the fields saved line by line, the file line of the error and its reason.
    Broken {
        fields: Map<String, Value>,
        line: usize,
        reason: String,
    },
}

/// `(byte offset, line)` of every line of `text`, line ends kept out.
fn line_starts(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        out.push((at, line.trim_end_matches(['\n', '\r'])));
        at += line.len();
    }
    out
}

/// Reads YAML front matter that starts on file line `first_line`.
fn read_yaml(matter: &str, first_line: usize) -> Read {
    match Yaml::load_from_str(matter) {
        Ok(docs) => match docs.into_iter().next().map(|d| to_json(&d)) {
            None | Some(Value::Null) => Read::Fields(Map::new()),
            Some(Value::Object(fields)) => Read::Fields(fields),
            Some(_) => Read::NotFields,
        },
        Err(e) => Read::Broken {
            fields: salvage_yaml(matter),
            line: first_line + e.marker().line().saturating_sub(1),
            reason: e.info().to_string(),
        },
    }
}

/// The fields of broken YAML front matter, one top-level key at a time.
fn salvage_yaml(matter: &str) -> Map<String, Value> {
    let mut fields = Map::new();
    let mut chunks: Vec<String> = Vec::new();
    for line in matter.lines() {
        let top = !line.starts_with([' ', '\t', '-', '#']) && line.contains(':');
        match chunks.last_mut() {
            Some(chunk) if !top => {
                chunk.push('\n');
                chunk.push_str(line);
            }
            _ if top => chunks.push(line.to_string()),
            _ => {}
        }
    }
    for chunk in chunks {
        let parsed = Yaml::load_from_str(&chunk)
            .ok()
            .and_then(|docs| docs.into_iter().next())
            .map(|d| to_json(&d));
        if let Some(Value::Object(one)) = parsed {
            for (k, v) in one {
                fields.entry(k).or_insert(v);
            }
            continue;
        }
        let first = chunk.lines().next().unwrap_or_default();
        if let Some((key, value)) = first.split_once(':') {
            let value = value.trim().trim_matches(['"', '\'', '[', ']']).trim();
            if !value.is_empty() {
                fields
                    .entry(key.trim().to_string())
                    .or_insert_with(|| Value::String(value.to_string()));
            }
        }
    }
    fields
}

/// A YAML node as a JSON value: scalars as strings, numbers and booleans, tags looked
/// through, anything unreadable as null.
fn to_json(node: &Yaml<'_>) -> Value {
    match node {
        Yaml::Value(scalar) => match scalar {
            Scalar::Null => Value::Null,
            Scalar::Boolean(b) => Value::Bool(*b),
            Scalar::Integer(n) => Value::from(*n),
            Scalar::FloatingPoint(f) => {
                serde_json::Number::from_f64(f.into_inner()).map_or(Value::Null, Value::Number)
            }
            Scalar::String(s) => Value::String(s.to_string()),
        },
        Yaml::Representation(text, _, _) => Value::String(text.to_string()),
        Yaml::Sequence(items) => Value::Array(items.iter().map(to_json).collect()),
        Yaml::Mapping(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (key_text(&to_json(k)), to_json(v)))
                .collect(),
        ),
        Yaml::Tagged(_, inner) => to_json(inner),
        Yaml::Alias(_) | Yaml::BadValue => Value::Null,
    }
}

/// A mapping key as text.
fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Reads TOML front matter that starts on file line `first_line`.
fn read_toml(matter: &str, first_line: usize) -> Read {
    match matter.parse::<toml::Table>() {
        Ok(table) => Read::Fields(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let line = matter[..at.min(matter.len())].matches('\n').count();
            Read::Broken {
                fields: Map::new(),
                line: first_line + line,
                reason: e.message().trim().to_string(),
            }
        }
    }
}

/// A TOML value as a JSON value; a date-time as its text.
fn toml_to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(n) => Value::from(*n),
        toml::Value::Float(f) => {
            serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
        }
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter() {
        let s = split(
            "---\ntitle: \"梁特最後施政報告\"\ndate: 2017-01-18\ntags:\n  - 梁振英\n---\n\n# 正文\n",
        );
        assert_eq!(s.fields["title"], "梁特最後施政報告");
        assert_eq!(s.fields["date"], "2017-01-18");
        assert_eq!(s.fields["tags"], serde_json::json!(["梁振英"]));
        assert_eq!(s.body, "\n# 正文\n");
        assert_eq!(s.problem, None);
    }

    #[test]
    fn toml_front_matter() {
        let s = split("+++\ntitle = \"标题\"\ndate = 2019-10-01T08:30:00+08:00\n+++\n正文");
        assert_eq!(s.fields["title"], "标题");
        assert_eq!(s.fields["date"], "2019-10-01T08:30:00+08:00");
        assert_eq!(s.body, "正文");
        let bad = split("+++\ntitle = \"标题\"\ndate = \n+++\n正文");
        let (line, reason) = bad.problem.unwrap();
        assert_eq!(line, 3);
        assert!(reason.starts_with("invalid front matter: "), "{reason}");
        assert_eq!(bad.body, "正文");
    }

    #[test]
    fn broken_yaml_is_reported_and_saved_line_by_line() {
        let s = split("---\ntitle: 香港: 立法會選舉\ndate: 2021-12-19\nauthor: [甲, 乙\n---\n正文");
        let (line, reason) = s.problem.unwrap();
        assert_eq!(line, 2);
        assert!(reason.starts_with("invalid front matter: "), "{reason}");
        assert_eq!(s.fields["title"], "香港: 立法會選舉");
        assert_eq!(s.fields["date"], "2021-12-19");
        assert_eq!(s.fields["author"], "甲, 乙");
        assert_eq!(s.body, "正文");
    }

    #[test]
    fn unclosed_and_not_front_matter() {
        let s = split("---\ntitle: 标题\ndate: 2019-10-01\n\n正文第一段。\n");
        assert_eq!(s.fields["title"], "标题");
        assert_eq!(s.body, "\n正文第一段。\n");
        assert_eq!(
            s.problem,
            Some((1, "invalid front matter: no closing `---`".into()))
        );
        // A rule at the top of an ordinary file is not front matter.
        let rule = split("---\n\n正文第一段。\n");
        assert!(rule.fields.is_empty());
        assert_eq!(rule.body, "---\n\n正文第一段。\n");
        assert_eq!(rule.problem, None);
        let plain = split("\u{feff}# 标题\n\n正文");
        assert_eq!(plain.body, "# 标题\n\n正文");
        let blank_first = split("\n---\ntitle: 标题\n---\n正文");
        assert_eq!(blank_first.fields["title"], "标题");
        assert_eq!(blank_first.body, "正文");
    }
}
