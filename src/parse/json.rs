//! JSON documents: an array of records, an object with an array under `articles` (a NewsAPI
//! response, `{"status": "ok", "totalResults": N, "articles": [...]}`), or a single record.
//! Each record is reported on the line where it starts. A saved NewsAPI error response
//! (`{"status": "error", "code": …, "message": …}`) is reported as what it is.

use serde::Deserialize;
use serde_json::value::RawValue;

mod resync;

use super::{Archive, Problem, record};
use crate::date::Date;
use crate::sanitize::clean_line;

/// An object that wraps its records, `{"articles": [...]}` (or `data`, `news`, `items`,
/// `list`, `results`), with perhaps the day they all share (`{"date": "2026-06-11", …}`).
#[derive(Deserialize)]
struct Wrapped<'a> {
    #[serde(
        borrow,
        alias = "data",
        alias = "news",
        alias = "items",
        alias = "list"
    )]
    #[serde(alias = "results")]
    articles: Option<Vec<&'a RawValue>>,
    /// The wrapper's own date: the date of records that give none.
    date: Option<serde_json::Value>,
}

/// An API's error response, `{"status": "error", "code": "rateLimited", "message": "…"}`.
#[derive(Deserialize)]
struct ApiError {
    status: String,
    code: Option<String>,
    message: Option<String>,
}

impl ApiError {
    /// What to report for `raw`, when it is an API error response.
    fn reason(raw: &RawValue) -> Option<String> {
        let e: ApiError = serde_json::from_str(raw.get()).ok()?;
        (e.status == "error").then(|| {
            let said = [e.code, e.message]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            clean_line(&format!("an API error response: {}", said.join(": ")))
        })
    }
}

/// Parses a whole JSON document; a syntax error stops this file only.
pub(super) fn parse(file: &str, text: &str, out: &mut Archive) {
    let body = text.trim_start_matches('\u{FEFF}');
    if body.trim().is_empty() {
        return;
    }
    let mut shared_date = Date::Missing;
    let records: Vec<&RawValue> = match body.trim_start().as_bytes().first() {
        Some(b'[') => match serde_json::from_str(body) {
            Ok(list) => list,
            Err(_) => return parse_elements_apart(file, text, body, out),
        },
        _ => match serde_json::from_str::<&RawValue>(body) {
            Ok(whole) => match serde_json::from_str::<Wrapped>(whole.get()) {
                Ok(Wrapped {
                    articles: Some(list),
                    date,
                }) => {
                    shared_date = match date {
                        Some(serde_json::Value::String(s)) => Date::from_text(&clean_line(&s)),
                        Some(serde_json::Value::Number(n)) => Date::from_text(&n.to_string()),
                        _ => Date::Missing,
                    };
                    list
                }
                _ => match ApiError::reason(whole) {
                    Some(reason) => {
                        let line = line_of(text, whole.get());
                        return out.problems.push(Problem::at(file, line, reason));
                    }
                    None => vec![whole],
                },
            },
            Err(e) => return out.problems.push(document_problem(file, body, &e)),
        },
    };
    let (articles_before, problems_before) = (out.articles.len(), out.problems.len());
    let unlisted_before = out.unlisted;
    // Counted here, not read back from the problems: past the first few hundred they are
    // counted only ([`Archive::report`]).
    let (mut failed, mut all_untitled) = (0, true);
    for raw in records {
        let line = line_of(text, raw.get());
        let parsed = serde_json::from_str(raw.get())
            .map_err(|e| describe_error(&e, ""))
            .and_then(record::from_value);
        match parsed {
            Ok(mut article) => {
                if article.date == Date::Missing {
                    article.date = shared_date.clone();
                }
                out.articles.push(article)
            }
            Err(reason) => {
                failed += 1;
                all_untitled &= reason == record::NO_TITLE;
                out.report(Problem::at(file, line, reason))
            }
        }
    }
    // A document none of whose records has a title is no archive of articles (an index, a
    // catalogue): one line says so, not one a record.
    if out.articles.len() == articles_before && failed > 1 && all_untitled {
        let n = failed;
        out.problems.truncate(problems_before);
        out.unlisted = unlisted_before;
        out.problems.push(Problem::skipped(
            file,
            format!("not an article archive: {n} records, none with a title"),
        ));
    }
}

/// Parses an array that does not parse whole element by element ([`resync`]), so that a
/// broken element costs itself only: each is reported on its line, the rest load.
fn parse_elements_apart(file: &str, text: &str, body: &str, out: &mut Archive) {
    let Some(elements) = resync::elements(body) else {
        return;
    };
    for element in elements {
        let line = line_of(text, element);
        if element.is_empty() {
            out.problems.push(Problem::at(
                file,
                line,
                "invalid JSON: an empty array element",
            ));
            continue;
        }
        let parsed = serde_json::from_str(element).map_err(|e| {
            // Where the error is in the file: the element's line and column moved by where
            // the element starts.
            let at = line + e.line().max(1) - 1;
            let start = element.as_ptr() as usize - text.as_ptr() as usize;
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let column = e.column() + if e.line() <= 1 { start - line_start } else { 0 };
            let line_text = text.split('\n').nth(at - 1).unwrap_or("");
            (at, describe_error_at(&e, line_text, column))
        });
        match parsed.and_then(|value| record::from_value(value).map_err(|r| (line, r))) {
            Ok(article) => out.articles.push(article),
            Err((at, reason)) => out.report(Problem::at(file, at, reason)),
        }
    }
}

/// Says in a few words what is wrong with some JSON: "JSON nested too deep" for serde_json's
/// recursion limit, else "invalid JSON: …" with the column in characters of `line`, the text
/// of the line the error is on (the line number is reported apart).
pub(super) fn describe_error(e: &serde_json::Error, line: &str) -> String {
    describe_error_at(e, line, e.column())
}

/// [`describe_error`] with the error at byte column `column` (1-based) of `line`.
fn describe_error_at(e: &serde_json::Error, line: &str, column: usize) -> String {
    let message = e.to_string();
    if message.starts_with("recursion limit exceeded") {
        return "JSON nested too deep".into();
    }
    let what = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(what, _)| what);
    if column > 0 {
        let byte = (column - 1).min(line.len());
        let before = line.get(..byte).unwrap_or(line);
        format!(
            "invalid JSON: {what} at column {}",
            before.chars().count() + 1
        )
    } else {
        format!("invalid JSON: {what}")
    }
}

/// A problem with the whole document, on the line serde_json names.
fn document_problem(file: &str, body: &str, e: &serde_json::Error) -> Problem {
    let line = e.line().max(1);
    let text = body.split('\n').nth(line - 1).unwrap_or("");
    Problem::at(file, line, describe_error(e, text))
}

/// The 1-based line of `text` where `part`, a slice of it, starts.
fn line_of(text: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len());
    1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..offset]).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Vec<String>, Vec<String>) {
        let mut out = Archive::default();
        parse("x.json", text, &mut out);
        (
            out.articles.iter().map(|a| a.title.clone()).collect(),
            out.problems.iter().map(ToString::to_string).collect(),
        )
    }

    #[test]
    fn array_of_records_with_lines() {
        let text = "[\n  {\"title\": \"甲\"},\n  {\"body\": \"x\"},\n  {\"title\": \"乙\"}\n]\n";
        assert_eq!(
            load(text),
            (
                vec!["甲".to_string(), "乙".to_string()],
                vec!["x.json:3: record has no title".to_string()]
            )
        );
    }

    #[test]
    fn object_with_articles_and_single_record() {
        let (titles, problems) =
            load("{\"source\": \"s\", \"articles\": [{\"title\": \"a\"}, {\"title\": \"b\"}]}");
        assert_eq!((titles, problems.len()), (vec!["a".into(), "b".into()], 0));
        let (titles, _) = load("{\"title\": \"only\"}");
        assert_eq!(titles, ["only"]);
        assert_eq!(load("  \n"), (vec![], vec![]));
    }

    #[test]
    fn a_wrapper_dates_records_that_give_no_date() {
        let text = r#"{"date": "2026-06-11", "data": [
            {"title": "甲"},
            {"title": "乙", "publish_time": "2026-06-10 20:10"},
            {"title": "丙", "url": "http://x.cn/2026-06-09/a.html"}
        ]}"#;
        let mut out = Archive::default();
        parse("x.json", text, &mut out);
        let dates: Vec<String> = out.articles.iter().map(|a| a.date.display()).collect();
        assert_eq!(dates, ["2026-06-11", "2026-06-10 20:10", "2026-06-09"]);
    }

    #[test]
    fn a_document_with_no_titled_record_is_named_once() {
        let text = r#"[{"date": "2022-10-01", "abstract": "要闻"}, {"date": "2022-10-02", "abstract": "要闻"}]"#;
        assert_eq!(
            load(text),
            (
                vec![],
                vec![
                    "x.json: skipped: not an article archive: 2 records, none with a title".into()
                ]
            )
        );
        // One titled record among them: each untitled one is a bad record.
        let text = r#"[{"title": "甲"}, {"abstract": "要闻"}, {"abstract": "要闻"}]"#;
        assert_eq!(load(text).1.len(), 2);
        // A catalogue longer than the problems a parse lists is still named once.
        let many = vec![r#"{"abstract": "要闻"}"#; 2000].join(",");
        assert_eq!(
            load(&format!("[{many}]")).1,
            ["x.json: skipped: not an article archive: 2000 records, none with a title"]
        );
    }

    #[test]
    fn newsapi_responses() {
        let ok = r#"{"status": "ok", "totalResults": 1, "articles": [{"title": "甲"}]}"#;
        assert_eq!(load(ok), (vec!["甲".to_string()], vec![]));
        let error =
            r#"{"status": "error", "code": "rateLimited", "message": "Too many requests."}"#;
        let want = "x.json:1: an API error response: rateLimited: Too many requests.";
        assert_eq!(load(error), (vec![], vec![want.to_string()]));
        // A record with a status of its own is still a record.
        let (titles, _) = load(r#"{"status": "published", "title": "乙"}"#);
        assert_eq!(titles, ["乙"]);
        let (_, problems) = load(r#"{"status": 200, "title": ""}"#);
        assert_eq!(problems, ["x.json:1: record has no title"]);
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        // The broken element is reported where it is; the rest of the array loads.
        let (titles, problems) = load("[\n {\"title\": \"甲\"},\n {\"题\" \"b\"}\n]");
        assert_eq!(titles, ["甲"]);
        assert_eq!(
            problems,
            ["x.json:3: invalid JSON: expected `:` at column 7"]
        );
    }

    #[test]
    fn one_broken_element_costs_only_itself() {
        let records: Vec<String> = (0..1000)
            .map(|i| format!("{{\"title\": \"第{i}条\"}}"))
            .collect();
        let text = format!(
            "[\n{},,\n{}\n]",
            records[..500].join(",\n"),
            records[500..].join(",\n")
        );
        let (titles, problems) = load(&text);
        assert_eq!(titles.len(), 1000);
        assert_eq!(
            problems,
            ["x.json:501: invalid JSON: an empty array element"]
        );
    }

    #[test]
    fn nesting_too_deep_is_reported_per_record() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let text = format!("[\n{{\"title\": \"ok\"}},\n{{\"title\": \"deep\", \"x\": {deep}}}\n]");
        let (titles, problems) = load(&text);
        assert_eq!(titles, ["ok"]);
        assert_eq!(problems, ["x.json:3: JSON nested too deep"]);
    }
}
