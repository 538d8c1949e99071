//! JSON Lines (`.jsonl`, `.ndjson`): one record a line. A bad line is reported with its line
//! number and skipped; the rest still loads.

use super::json::describe_error;
use super::{Archive, Problem, lazy, record};
use crate::article::SharedBytes;

/// Parses every line of `text`; `bad_lines` are the lines whose bytes did not decode (they
/// are reported as `undecodable`, e.g. "invalid UTF-8", and skipped).
pub(crate) fn parse(
    file: &str,
    text: &str,
    bad_lines: &[usize],
    undecodable: &str,
    out: &mut Archive,
) {
    let mut bad = bad_lines.iter().copied().peekable();
    for (index, line) in text.split('\n').enumerate() {
        let number = index + 1;
        if bad.next_if_eq(&number).is_some() {
            out.report(Problem::at(file, number, undecodable));
            continue;
        }
        parse_line(file, number, line, None, out);
    }
}

/// Parses line `number` of `file` (without its `\n`). With `shared`, the bytes `line` is a
/// slice of, the article's body stays there until it is read ([`lazy`]). A line that holds
/// lone carriage returns (old Mac line ends, or records a tool joined with `\r`) and is not
/// one record with `\r` as mere whitespace is read as one record per `\r`-separated part;
/// a part's problem is reported on the line, saying which part it is.
pub(crate) fn parse_line(
    file: &str,
    number: usize,
    line: &str,
    shared: Option<&SharedBytes>,
    out: &mut Archive,
) {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if splits_at_crs(line) {
        let parts = split_at_lone_crs(line).filter(|part| !part.trim().is_empty());
        for (index, part) in parts.enumerate() {
            let part_number = (index > 0).then_some(index + 1);
            parse_record(file, number, part_number, part, shared, out);
        }
        return;
    }
    parse_record(file, number, None, line, shared, out);
}

/// True when `line` (without its line end) holds lone carriage returns and is not one record
/// with `\r` as mere whitespace: it is then read as one record per part.
fn splits_at_crs(line: &str) -> bool {
    memchr::memchr(b'\r', line.as_bytes()).is_some()
        && serde_json::from_str::<serde::de::IgnoredAny>(line).is_err()
}

/// The text of the record that starts `rest` (the bytes from a record's start to the end of
/// its `\n` line, without the `\n`), cut as [`parse_line`] cuts it: without a trailing `\r`,
/// and up to the first lone `\r` when the line is read in parts.
pub(crate) fn record_text(rest: &str) -> &str {
    let line = rest.strip_suffix('\r').unwrap_or(rest);
    if splits_at_crs(line) {
        return split_at_lone_crs(line).next().unwrap_or(line);
    }
    line
}

/// The parts of `line` between lone carriage returns (a `\r\n` cannot occur: lines are cut
/// at `\n`), each without the `\r`.
fn split_at_lone_crs(line: &str) -> impl Iterator<Item = &str> {
    line.split('\r')
}

/// Parses one record: `part` is the record's number within its line when the line held
/// several separated by lone carriage returns (its problems say so).
fn parse_record(
    file: &str,
    number: usize,
    part: Option<usize>,
    text: &str,
    shared: Option<&SharedBytes>,
    out: &mut Archive,
) {
    if text.trim().is_empty() {
        return;
    }
    if let Some(article) = shared.and_then(|bytes| lazy::from_line(text, bytes)) {
        return out.articles.push(article);
    }
    let parsed = serde_json::from_str(text)
        .map_err(|e| describe_error(&e, text))
        .and_then(record::from_value);
    match parsed {
        Ok(article) => out.articles.push(article),
        Err(reason) => {
            let reason = match part {
                Some(k) => format!("record {k} after a lone carriage return: {reason}"),
                None => reason,
            };
            out.report(Problem::at(file, number, reason))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_and_bad_lines() {
        let text = concat!(
            "{\"title\":\"一\",\"date\":\"2017-09-06\"}\r\n",
            "\n",
            "{\"title\":\"二\" \"date\":1}\n",
            "{\"body\":\"no title\"}\n",
            "broken\n",
            "{\"title\":\"三\"}"
        );
        let mut out = Archive::default();
        parse("a.jsonl", text, &[], "invalid UTF-8", &mut out);
        let titles: Vec<_> = out.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["一", "三"]);
        let problems: Vec<_> = out.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "a.jsonl:3: invalid JSON: expected `,` or `}` at column 14",
                "a.jsonl:4: record has no title",
                "a.jsonl:5: invalid JSON: expected value at column 1",
            ]
        );
    }

    #[test]
    fn records_separated_by_lone_carriage_returns_all_load() {
        // Issue 11, row 14: these were one bad line, every record lost.
        let text = concat!(
            "{\"title\":\"一\"}\r{\"title\":\"二\"}\r\r{\"title\":\"三\"}\r",
            "{\"title\":\"四\" \"x\":1}\r{\"title\":\"五\"}\r\n",
            "{\"title\":\"六\"}\n"
        );
        let mut out = Archive::default();
        parse("cr.jsonl", text, &[], "invalid UTF-8", &mut out);
        let titles: Vec<_> = out.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["一", "二", "三", "五", "六"]);
        let problems: Vec<_> = out.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "cr.jsonl:1: record 4 after a lone carriage return: invalid JSON: expected `,` or `}` at column 14"
            ]
        );
    }

    #[test]
    fn a_carriage_return_as_whitespace_inside_a_record_stays_one_record() {
        let text = "{\"title\":\"一\",\r\"source\":\"新华社\"}\n";
        let mut out = Archive::default();
        parse("ws.jsonl", text, &[], "invalid UTF-8", &mut out);
        assert_eq!(out.problems.len(), 0, "{:?}", out.problems);
        assert_eq!(out.articles.len(), 1);
        assert_eq!(out.articles[0].source, "新华社");
    }

    #[test]
    fn lazy_bodies_of_carriage_return_separated_records() {
        let text = "{\"title\":\"一\",\"body\":\"正文一\"}\r{\"title\":\"二\",\"body\":\"正文二\"}";
        let shared: SharedBytes = std::sync::Arc::new(text.as_bytes().to_vec());
        let line = std::str::from_utf8(shared.as_ref().as_ref()).unwrap();
        let mut out = Archive::default();
        parse_line("lazy.jsonl", 1, line, Some(&shared), &mut out);
        let bodies: Vec<String> = out
            .articles
            .iter()
            .map(|a| a.body.text().to_string())
            .collect();
        assert_eq!(bodies, ["正文一", "正文二"]);
        assert!(out.articles.iter().all(|a| a.body.is_lazy()));
    }

    #[test]
    fn undecodable_lines_are_reported_once_and_skipped() {
        let text = "{\"title\":\"a\"}\n{\"title\":\"\u{FFFD}\"}\n";
        let mut out = Archive::default();
        parse("b.jsonl", text, &[2], "invalid UTF-8", &mut out);
        assert_eq!(out.articles.len(), 1);
        assert_eq!(out.problems[0].to_string(), "b.jsonl:2: invalid UTF-8");
    }
}
