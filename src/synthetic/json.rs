//! Writing one article as one JSON line, either plain (UTF-8, compact: what juan itself writes)
//! or escaped as Python's `json.dumps` writes by default: every non-ASCII character as `\uXXXX`
//! (lower-case hex, surrogate pairs past U+FFFF) and `", "` / `": "` between items.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

/// Writes `record` as one line of JSON, plain or Python-escaped.
pub(crate) fn write_line<W: Write, T: Serialize>(
    out: &mut W,
    record: &T,
    escaped: bool,
) -> io::Result<()> {
    if escaped {
        let mut ser = serde_json::Serializer::with_formatter(&mut *out, PythonAscii);
        record.serialize(&mut ser).map_err(io::Error::from)?;
    } else {
        let mut ser = serde_json::Serializer::with_formatter(&mut *out, CompactFormatter);
        record.serialize(&mut ser).map_err(io::Error::from)?;
    }
    out.write_all(b"\n")
}

/// A serde_json formatter matching Python's `json.dumps(obj)` (`ensure_ascii=True`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PythonAscii;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `\uXXXX` for one UTF-16 code unit.
fn push_unit(buf: &mut Vec<u8>, unit: u16) {
    buf.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        buf.push(HEX[usize::from((unit >> shift) & 0xF)]);
    }
}

impl Formatter for PythonAscii {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // serde_json has already escaped `"`, `\` and control characters; what is left to do is
        // everything outside printable ASCII. Collect into one buffer and write once.
        let mut buf = Vec::with_capacity(fragment.len() * 2);
        let mut units = [0u16; 2];
        for c in fragment.chars() {
            if (' '..='~').contains(&c) {
                buf.push(c as u8);
            } else {
                for &unit in c.encode_utf16(&mut units).iter() {
                    push_unit(&mut buf, unit);
                }
            }
        }
        writer.write_all(&buf)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line<T: Serialize>(value: &T, escaped: bool) -> String {
        let mut out = Vec::new();
        write_line(&mut out, value, escaped).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[derive(Serialize)]
    struct Sample {
        title: &'static str,
        tags: [&'static str; 2],
    }

    #[test]
    fn escaped_is_what_python_json_dumps_writes() {
        let value = Sample {
            title: "中国\u{1F600}\"é\n",
            tags: ["a", "ＶＩＰ"],
        };
        // python3 -c 'import json; print(json.dumps(
        //   {"title": "中国\U0001F600\"é\n", "tags": ["a", "ＶＩＰ"]}))'
        assert_eq!(
            line(&value, true),
            "{\"title\": \"\\u4e2d\\u56fd\\ud83d\\ude00\\\"\\u00e9\\n\", \
             \"tags\": [\"a\", \"\\uff36\\uff29\\uff30\"]}\n"
        );
    }

    #[test]
    fn plain_is_compact_utf8() {
        let value = serde_json::json!({"title": "中国", "n": [1, 2]});
        assert_eq!(line(&value, false), "{\"n\":[1,2],\"title\":\"中国\"}\n");
    }

    #[test]
    fn both_parse_to_the_same_value() {
        let value = serde_json::json!({"body": "第一段。\n第二段\u{10400}！", "x": "\u{7f}"});
        for escaped in [false, true] {
            let text = line(&value, escaped);
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&text).unwrap(),
                value
            );
        }
        assert!(line(&value, true).is_ascii());
    }
}
