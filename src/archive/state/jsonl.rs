//! `juan state export` and `import`: the marks as JSON Lines, one object per article with
//! state, to carry them to another machine or keep them under version control:
//!
//! ```text
//! {"id":"1f3a9c0d2b7e","read":true,"starred":false,"labels":["第三章"],"place":{"block":3,"byte":120}}
//! ```
//!
//! Export writes every article sorted by id, always with `read` and `starred`, with `labels`
//! and `place` only when it has some. Import merges: each field a record gives is set
//! (`"place": null` puts the article back at the top), labels given are added to those the
//! article has (an import never takes a label away), fields it leaves out are left as they
//! are, and fields it does not know are ignored (a newer juan's export still imports). A
//! line that is not such a record is reported by number and skipped; the rest is imported,
//! all in one transaction.

use std::io::{BufRead, Write};

use serde::Serialize;
use serde_json::Value;

use super::StateError;
use super::marks::{each_sorted, in_transaction, store};
use crate::sanitize::is_plain;
use crate::state::{Change, Place};

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Imported {
    /// Records imported (lines that were good records).
    pub(crate) records: usize,
    /// Lines that were not, in order.
    pub(crate) problems: Vec<ImportProblem>,
}

/// A line `juan state import` skipped, and why.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ImportProblem {
    /// The line's number, from 1.
    pub(crate) line: usize,
    /// What is wrong with it (plain ASCII text of juan's, no input quoted).
    pub(crate) reason: String,
}

/// One exported record, fields in the order written.
#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    read: bool,
    starred: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    labels: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<PlaceRecord>,
}

#[derive(Serialize)]
struct PlaceRecord {
    block: u32,
    byte: u32,
}

/// Writes every article with state, sorted by id; returns how many.
pub(super) fn export(
    conn: &rusqlite::Connection,
    out: &mut dyn Write,
) -> Result<usize, StateError> {
    let mut failed = None;
    let mut line = Vec::with_capacity(256);
    let count = each_sorted(conn, |id, marks| {
        if failed.is_some() {
            return;
        }
        let record = Record {
            id: &id,
            read: marks.read,
            starred: marks.starred,
            labels: marks.labels.iter().map(String::as_str).collect(),
            place: marks.place.map(|p| PlaceRecord {
                block: p.block,
                byte: p.byte,
            }),
        };
        line.clear();
        serde_json::to_writer(&mut line, &record).expect("a record serializes");
        line.push(b'\n');
        let text = std::str::from_utf8(&line).expect("serde_json writes UTF-8");
        let written = if text.chars().all(is_plain) {
            out.write_all(&line)
        } else {
            out.write_all(escape_unplain(text).as_bytes())
        };
        failed = written.err();
    })?;
    match failed {
        Some(e) => Err(StateError::Write(e)),
        None => Ok(count),
    }
}

/// `line` (JSON) with every character that is not [`is_plain`] written as a `\\uXXXX` escape
/// (two for one past U+FFFF): the same JSON value, so the record imports exactly as stored,
/// but nothing in it can act on a terminal it is printed to (C1 controls, bidi overrides,
/// invisible characters). serde_json has already escaped C0 controls; what is left can only
/// be inside a string.
fn escape_unplain(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    for c in line.chars() {
        if is_plain(c) || c == '\n' {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// Merges the records read from `input` into the store, in one transaction.
pub(super) fn import(
    conn: &rusqlite::Connection,
    input: &mut dyn BufRead,
) -> Result<Imported, StateError> {
    in_transaction(conn, |conn| {
        let mut imported = Imported::default();
        let mut line = Vec::new();
        for number in 1.. {
            line.clear();
            if input
                .read_until(b'\n', &mut line)
                .map_err(StateError::Read)?
                == 0
            {
                break;
            }
            let text = match std::str::from_utf8(&line) {
                Ok(text) => text.trim(),
                Err(_) => {
                    imported.problems.push(ImportProblem {
                        line: number,
                        reason: "not UTF-8".into(),
                    });
                    continue;
                }
            };
            if text.is_empty() {
                continue;
            }
            match changes_of(text) {
                Ok(changes) => {
                    for change in &changes {
                        store(conn, change)?;
                    }
                    imported.records += 1;
                }
                Err(reason) => imported.problems.push(ImportProblem {
                    line: number,
                    reason,
                }),
            }
        }
        Ok(imported)
    })
}

/// The changes one record stands for, or why it is not a record.
fn changes_of(text: &str) -> Result<Vec<Change>, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON (column {})", e.column()))?;
    let Value::Object(map) = value else {
        return Err("not a JSON object".into());
    };
    let id = match map.get("id") {
        Some(Value::String(id)) if !id.is_empty() => id.clone(),
        _ => return Err("\"id\" must be a non-empty string".into()),
    };
    let flag = |key: &str| match map.get(key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(format!("\"{key}\" must be true or false")),
    };
    let mut changes = Vec::new();
    if let Some(read) = flag("read")? {
        changes.push(Change::Read {
            id: id.clone(),
            read,
        });
    }
    if let Some(starred) = flag("starred")? {
        changes.push(Change::Star {
            id: id.clone(),
            starred,
        });
    }
    match map.get("labels") {
        None => {}
        Some(Value::Array(labels)) => {
            for label in labels {
                match label {
                    Value::String(label) if !label.is_empty() => changes.push(Change::Label {
                        id: id.clone(),
                        label: label.clone(),
                        on: true,
                    }),
                    _ => return Err("\"labels\" must be a list of non-empty strings".into()),
                }
            }
        }
        Some(_) => return Err("\"labels\" must be a list of non-empty strings".into()),
    }
    match map.get("place") {
        None => {}
        Some(Value::Null) => changes.push(Change::Place {
            id: id.clone(),
            place: None,
        }),
        Some(Value::Object(place)) => {
            let number = |key: &str| {
                place
                    .get(key)
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| format!("\"place\" needs \"{key}\", a whole number"))
            };
            changes.push(Change::Place {
                id: id.clone(),
                place: Some(Place {
                    block: number("block")?,
                    byte: number("byte")?,
                }),
            });
        }
        Some(_) => return Err("\"place\" must be {\"block\": N, \"byte\": N} or null".into()),
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::super::testing::temp_store;
    use super::*;

    const RECORDS: &str = concat!(
        r#"{"id":"1f3a9c0d2b7e","read":true,"starred":false,"labels":["第三章"],"place":{"block":3,"byte":120}}"#,
        "\n",
        r#"{"id":"a","read":false,"starred":true}"#,
        "\n",
        r#"{"id":"b\"\\ 引号","read":true,"starred":false,"labels":["\u001b[31m","乙","甲"]}"#,
        "\n",
    );

    fn export_text(store: &super::super::Store) -> String {
        let mut out = Vec::new();
        store.export(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn export_then_import_gives_the_same_records_back() {
        let (_dir, store) = temp_store();
        let imported = store.import(&mut RECORDS.as_bytes()).unwrap();
        assert_eq!(
            imported,
            Imported {
                records: 3,
                problems: vec![]
            }
        );
        let text = export_text(&store);
        assert_eq!(text, RECORDS);
        let (_dir2, other) = temp_store();
        other.import(&mut text.as_bytes()).unwrap();
        assert_eq!(other.load().unwrap(), store.load().unwrap());
        assert_eq!(export_text(&other), RECORDS);
    }

    #[test]
    fn what_could_act_on_a_terminal_is_exported_escaped_and_imports_exactly() {
        let (_dir, store) = temp_store();
        let label = "\u{9b}31m红\u{202e}字\u{200b}\u{e0041}";
        store
            .apply(&Change::Label {
                id: "x\u{85}".into(),
                label: label.into(),
                on: true,
            })
            .unwrap();
        let text = export_text(&store);
        assert_eq!(
            text,
            "{\"id\":\"x\\u0085\",\"read\":false,\"starred\":false,\
             \"labels\":[\"\\u009b31m红\\u202e字\\u200b\\udb40\\udc41\"]}\n"
        );
        let (_dir2, other) = temp_store();
        other.import(&mut text.as_bytes()).unwrap();
        assert_eq!(other.load().unwrap(), store.load().unwrap());
        let memory = other.load().unwrap();
        assert!(memory.get("x\u{85}").unwrap().labels.contains(label));
    }

    #[test]
    fn import_merges_into_what_is_there() {
        let (_dir, store) = temp_store();
        store
            .import(&mut &br#"{"id":"x","read":true,"labels":["old"],"place":{"block":1,"byte":5}}"#[..])
            .unwrap();
        store
            .import(&mut &br#"{"id":"x","starred":true,"labels":["new"],"future":1}"#[..])
            .unwrap();
        assert_eq!(
            export_text(&store),
            "{\"id\":\"x\",\"read\":true,\"starred\":true,\"labels\":[\"new\",\"old\"],\
             \"place\":{\"block\":1,\"byte\":5}}\n"
        );
        store
            .import(&mut &br#"{"id":"x","read":false,"place":null}"#[..])
            .unwrap();
        assert_eq!(
            export_text(&store),
            "{\"id\":\"x\",\"read\":false,\"starred\":true,\"labels\":[\"new\",\"old\"]}\n"
        );
    }

    #[test]
    fn a_bad_line_is_reported_by_number_and_the_rest_imports() {
        let (_dir, store) = temp_store();
        let input = [
            &br#"{"id":"a","read":true}"#[..],
            b"",
            b"{not json",
            b"[1,2]",
            br#"{"read":true}"#,
            br#"{"id":"b","read":"yes"}"#,
            br#"{"id":"c","labels":"x"}"#,
            br#"{"id":"d","place":{"block":-1,"byte":0}}"#,
            b"\xff\xfe",
            br#"{"id":"e","starred":true}"#,
        ]
        .join(&b'\n');
        let imported = store.import(&mut &input[..]).unwrap();
        assert_eq!(imported.records, 2);
        let lines: Vec<(usize, &str)> = imported
            .problems
            .iter()
            .map(|p| (p.line, p.reason.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (3, "not JSON (column 2)"),
                (4, "not a JSON object"),
                (5, "\"id\" must be a non-empty string"),
                (6, "\"read\" must be true or false"),
                (7, "\"labels\" must be a list of non-empty strings"),
                (8, "\"place\" needs \"block\", a whole number"),
                (9, "not UTF-8"),
            ]
        );
        let memory = store.load().unwrap();
        assert_eq!(memory.len(), 2);
        assert!(memory.get("a").unwrap().read && memory.get("e").unwrap().starred);
    }
}
