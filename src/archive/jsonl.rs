//! JSON Lines (`.jsonl`, `.ndjson`): one record a line. A bad line is reported with its line
//! number and skipped; the rest still loads.

use super::json::describe_error;
use super::{Archive, Problem, lazy, record};
use crate::article::SharedBytes;

/// Parses every line of `text`; `bad_lines` are the lines whose bytes did not decode (they
/// are reported as `undecodable`, e.g. "invalid UTF-8", and skipped).
pub fn parse(file: &str, text: &str, bad_lines: &[usize], undecodable: &str, out: &mut Archive) {
    let mut bad = bad_lines.iter().copied().peekable();
    for (index, line) in text.split('\n').enumerate() {
        let number = index + 1;
        if bad.next_if_eq(&number).is_some() {
            out.problems.push(Problem::at(file, number, undecodable));
            continue;
        }
        parse_line(file, number, line, None, out);
    }
}

/// Parses line `number` of `file` (without its `\n`). With `shared`, the bytes `line` is a
/// slice of, the article's body stays there until it is read ([`lazy`]).
pub fn parse_line(
    file: &str,
    number: usize,
    line: &str,
    shared: Option<&SharedBytes>,
    out: &mut Archive,
) {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.trim().is_empty() {
        return;
    }
    if let Some(article) = shared.and_then(|bytes| lazy::from_line(line, bytes)) {
        return out.articles.push(article);
    }
    let parsed = serde_json::from_str(line)
        .map_err(|e| describe_error(&e, line))
        .and_then(record::from_value);
    match parsed {
        Ok(article) => out.articles.push(article),
        Err(reason) => out.problems.push(Problem::at(file, number, reason)),
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
    fn undecodable_lines_are_reported_once_and_skipped() {
        let text = "{\"title\":\"a\"}\n{\"title\":\"\u{FFFD}\"}\n";
        let mut out = Archive::default();
        parse("b.jsonl", text, &[2], "invalid UTF-8", &mut out);
        assert_eq!(out.articles.len(), 1);
        assert_eq!(out.problems[0].to_string(), "b.jsonl:2: invalid UTF-8");
    }
}
