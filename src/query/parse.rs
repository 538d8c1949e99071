//! The query text to its syntax tree: clauses that must all hold, each an OR of terms.
//!
//! Tokens are separated by spaces; double quotes (`"…"` or `“…”`) keep spaces and make
//! operator characters literal. A lone `|` joins its neighbours into one OR clause. A token
//! reads `[!][field:][' | ^]text[$]`, operators only where unquoted.

use super::QueryError;
use super::date_spec::{self, Span};
use super::fold::fold;

mod tokenize;

use tokenize::tokenize;

/// What a term tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Test {
    /// The title (a bare term or `title:`).
    Title(Pattern),
    /// The source (`src:` / `source:`); fuzzy patterns test for a substring.
    Source(Pattern),
    /// The body (`body:`); fuzzy patterns test for a substring.
    Body(Pattern),
    /// The title or the body (`text:`); fuzzy patterns test for a substring.
    Text(Pattern),
    /// The publication instant (`date:`, `after:`, `before:`).
    Date(Span),
    /// What the reader marked (`is:read`, `is:unread`, `is:starred`, `label:NAME`).
    Marked(Marked),
}

/// A mark the reader set (`crate::state`), as a query term tests it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Marked {
    /// `is:read`.
    Read,
    /// `is:unread`.
    Unread,
    /// `is:starred`.
    Starred,
    /// `label:NAME`: carries this label, exactly as given.
    Label(String),
}

/// How a text pattern must occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    /// Letters in order, gaps allowed (a bare term).
    Fuzzy,
    /// A substring (`'term`).
    Contains,
    /// At the start (`^term`).
    Prefix,
    /// At the end (`term$`).
    Suffix,
    /// The whole text (`^term$`).
    Whole,
}

/// Folded text to look for, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pattern {
    /// The text, folded (lower case, full-width forms as ASCII).
    pub(crate) text: String,
    /// How it must occur.
    pub(crate) how: How,
}

/// The longest bare title term that filters without ranking ([`Pattern::ranks`]).
pub(crate) const UNRANKED_LETTERS: usize = 2;

impl Pattern {
    /// False for a title term of one or two ASCII letters or digits, in any form (`c`, `'c`,
    /// `^zg`): it matches most titles (through pinyin initials `c` takes every title with a
    /// char read c…, ch…), so its score says little, and ranking millions of hits by it would
    /// cost every keystroke. Such a term filters and its hits list in date order, like
    /// `src:`; a third letter, or any other title term beside it, ranks.
    pub(crate) fn ranks(&self) -> bool {
        !(self.text.len() <= UNRANKED_LETTERS
            && self.text.bytes().all(|b| b.is_ascii_alphanumeric()))
    }
}

/// One term, possibly negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Term {
    /// True for `!term`: the article must not match.
    pub(crate) negated: bool,
    /// What is tested.
    pub(crate) test: Test,
}

/// Terms joined by `|`: at least one must hold.
pub(super) type Clause = Vec<Term>;

/// Parses a whole query into clauses that must all hold.
pub(super) fn parse_clauses(text: &str) -> Result<Vec<Clause>, QueryError> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending_or = false;
    for token in tokenize(text)? {
        if token == [('|', false)] {
            if pending_or || clauses.is_empty() {
                return Err(empty_or());
            }
            pending_or = true;
            continue;
        }
        let term = parse_term(&token)?;
        match clauses.last_mut() {
            Some(last) if pending_or => last.push(term),
            _ => clauses.push(vec![term]),
        }
        pending_or = false;
    }
    if pending_or {
        return Err(empty_or());
    }
    Ok(clauses)
}

fn empty_or() -> QueryError {
    QueryError::new("empty OR: `|` needs a term on each side")
}

/// The field names, for error messages.
const FIELDS: &str = "src:, source:, title:, body:, text:, date:, after:, before:, is:, label:";

/// Parses one token into a term.
fn parse_term(token: &[(char, bool)]) -> Result<Term, QueryError> {
    let mut rest = token;
    let negated = rest.first() == Some(&('!', false));
    if negated {
        rest = &rest[1..];
        if rest.is_empty() {
            return Err(QueryError::new("`!` needs a term after it"));
        }
    }
    let field = field_name(rest);
    if let Some(name) = &field {
        rest = &rest[name.chars().count() + 1..];
    }
    let shown: String = token.iter().map(|(c, _)| c).collect();
    let test = match field.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("title") => Test::Title(parse_pattern(rest, &shown)?),
        Some("src" | "source") => Test::Source(substring(parse_pattern(rest, &shown)?)),
        Some("body") => Test::Body(substring(parse_pattern(rest, &shown)?)),
        Some("text") => Test::Text(substring(parse_pattern(rest, &shown)?)),
        Some("is") => {
            let value: String = rest.iter().map(|(c, _)| c).collect();
            Test::Marked(match value.to_ascii_lowercase().as_str() {
                "read" => Marked::Read,
                "unread" => Marked::Unread,
                "starred" | "star" => Marked::Starred,
                _ => {
                    return Err(QueryError::new(format!(
                        "`is:` takes read, unread or starred, not `{value}`"
                    )));
                }
            })
        }
        Some("label") => {
            let value: String = rest.iter().map(|(c, _)| c).collect();
            if value.is_empty() {
                return Err(QueryError::new("`label:` needs a label, e.g. label:第三章"));
            }
            Test::Marked(Marked::Label(value))
        }
        Some(name @ ("date" | "after" | "before")) => {
            let value: String = rest.iter().map(|(c, _)| c).collect();
            if value.is_empty() {
                return Err(QueryError::new(format!(
                    "`{name}:` needs a date, e.g. {name}:2017-09"
                )));
            }
            let span = match name {
                "date" => date_spec::parse_date_value(&value)?,
                "after" => Span {
                    from: date_spec::parse_period(&value)?.from,
                    until: i64::MAX,
                },
                _ => Span {
                    from: i64::MIN,
                    until: date_spec::parse_period(&value)?.until,
                },
            };
            Test::Date(span)
        }
        Some(other) => {
            return Err(QueryError::new(format!(
                "unknown field `{other}:` (fields are {FIELDS}; quote the term to search for it)"
            )));
        }
    };
    Ok(Term { negated, test })
}

/// The field name when the token starts with unquoted ASCII letters and a `:`.
fn field_name(token: &[(char, bool)]) -> Option<String> {
    let letters = token
        .iter()
        .take_while(|(c, quoted)| !quoted && c.is_ascii_alphabetic())
        .count();
    (letters > 0 && token.get(letters) == Some(&(':', false)))
        .then(|| token[..letters].iter().map(|(c, _)| c).collect())
}

/// A pattern: `'text`, `^text`, `text$`, `^text$` or a bare fuzzy `text`.
fn parse_pattern(token: &[(char, bool)], shown: &str) -> Result<Pattern, QueryError> {
    let mut rest = token;
    let mut exact = false;
    let mut prefix = false;
    match rest.first() {
        Some(('\'', false)) => {
            exact = true;
            rest = &rest[1..];
        }
        Some(('^', false)) => {
            prefix = true;
            rest = &rest[1..];
        }
        _ => {}
    }
    let suffix = rest.last() == Some(&('$', false));
    if suffix {
        rest = &rest[..rest.len() - 1];
    }
    let text: String = rest.iter().map(|(c, _)| c).collect();
    if text.is_empty() {
        return Err(QueryError::new(format!(
            "`{shown}` has no text to look for"
        )));
    }
    let how = match (prefix, suffix) {
        (true, true) => How::Whole,
        (true, false) => How::Prefix,
        (false, true) => How::Suffix,
        (false, false) if exact => How::Contains,
        (false, false) => How::Fuzzy,
    };
    Ok(Pattern {
        text: fold(&text),
        how,
    })
}

/// Fields other than the title have no fuzzy form: a bare value is a substring.
fn substring(p: Pattern) -> Pattern {
    match p.how {
        How::Fuzzy => Pattern {
            how: How::Contains,
            ..p
        },
        _ => p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str, how: How) -> Test {
        Test::Title(Pattern {
            text: text.into(),
            how,
        })
    }

    fn source(text: &str, how: How) -> Test {
        Test::Source(Pattern {
            text: text.into(),
            how,
        })
    }

    fn one(text: &str) -> Term {
        let clauses = parse_clauses(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(clauses.len(), 1, "{text}");
        assert_eq!(clauses[0].len(), 1, "{text}");
        clauses[0][0].clone()
    }

    #[test]
    fn every_term_form() {
        use How::*;
        let cases: Vec<(&str, bool, Test)> = vec![
            ("长春", false, title("长春", Fuzzy)),
            ("'长春", false, title("长春", Contains)),
            ("^长春", false, title("长春", Prefix)),
            ("召开$", false, title("召开", Suffix)),
            ("^中共长春$", false, title("中共长春", Whole)),
            ("!政协", true, title("政协", Fuzzy)),
            ("!'政协", true, title("政协", Contains)),
            ("!^政协", true, title("政协", Prefix)),
            ("ＶＩＰ", false, title("vip", Fuzzy)),
            ("NBA", false, title("nba", Fuzzy)),
            ("title:长春", false, title("长春", Fuzzy)),
            ("TITLE:'长春", false, title("长春", Contains)),
            ("title:src:x", false, title("src:x", Fuzzy)),
            ("src:长春", false, source("长春", Contains)),
            ("source:长春", false, source("长春", Contains)),
            ("src:^长春", false, source("长春", Prefix)),
            ("src:日报$", false, source("日报", Suffix)),
            ("!src:新华社", true, source("新华社", Contains)),
            (
                "body:人大",
                false,
                Test::Body(Pattern {
                    text: "人大".into(),
                    how: Contains,
                }),
            ),
            ("\"a b\"", false, title("a b", Fuzzy)),
            ("'\"a b\"", false, title("a b", Contains)),
            ("“人民 日报”", false, title("人民 日报", Fuzzy)),
            ("\"!x\"", false, title("!x", Fuzzy)),
            ("\"foo:bar\"", false, title("foo:bar", Fuzzy)),
            ("src:\"a b\"", false, source("a b", Contains)),
            ("10:30", false, title("10:30", Fuzzy)),
            ("\"$\"", false, title("$", Fuzzy)),
        ];
        for (text, negated, test) in cases {
            assert_eq!(one(text), Term { negated, test }, "query {text:?}");
        }
    }

    #[test]
    fn date_fields_become_spans() {
        let day = |t| date_spec::parse_period(t).unwrap();
        let span = |t| match one(t).test {
            Test::Date(s) => s,
            other => panic!("{t}: {other:?}"),
        };
        assert_eq!(span("date:2017-09"), day("2017-09"));
        assert_eq!(span("after:2017-09-01").from, day("2017-09-01").from);
        assert_eq!(span("after:2017-09-01").until, i64::MAX);
        assert_eq!(span("before:2017-09-30").until, day("2017-09-30").until);
        assert_eq!(span("before:2017-09-30").from, i64::MIN);
        assert!(one("!date:2018").negated);
    }

    #[test]
    fn clauses_and_or_groups() {
        let shape = |text: &str| -> Vec<usize> {
            parse_clauses(text)
                .unwrap()
                .iter()
                .map(|c| c.len())
                .collect()
        };
        assert_eq!(shape(""), Vec::<usize>::new());
        assert_eq!(shape("   "), Vec::<usize>::new());
        assert_eq!(shape("a b c"), [1, 1, 1]);
        assert_eq!(shape("a | b"), [2]);
        assert_eq!(shape("a | b c"), [2, 1]);
        assert_eq!(shape("x a | b | !c date:2017"), [1, 3, 1]);
        assert_eq!(shape("\"|\" a"), [1, 1]);
        assert_eq!(shape("a|b"), [1]);
    }

    #[test]
    fn every_error() {
        let cases = [
            ("| a", "empty OR: `|` needs a term on each side"),
            ("a |", "empty OR: `|` needs a term on each side"),
            ("a | | b", "empty OR: `|` needs a term on each side"),
            ("|", "empty OR: `|` needs a term on each side"),
            ("!", "`!` needs a term after it"),
            ("a !", "`!` needs a term after it"),
            ("'", "`'` has no text to look for"),
            ("^", "`^` has no text to look for"),
            ("$", "`$` has no text to look for"),
            ("src:", "`src:` has no text to look for"),
            ("title:^", "`title:^` has no text to look for"),
            ("date:", "`date:` needs a date, e.g. date:2017-09"),
            ("after:", "`after:` needs a date, e.g. after:2017-09"),
            ("date:2017-13", "month 13 is out of range"),
            ("after:2017-09-32", "day 32 is out of range"),
            ("before:2017-02-30", "day 30 is out of range for 2017-02"),
            (
                "date:2017-09-30..2017-09-01",
                "range 2017-09-30..2017-09-01 ends before it starts",
            ),
            (
                "after:2017..2018",
                "`2017..2018` is not a date (use 2017, 2017-09 or 2017-09-06)",
            ),
            (
                "date:soon",
                "`soon` is not a date (use 2017, 2017-09 or 2017-09-06)",
            ),
            // Row 14 of issue 11: `-9999` was read as the year 9999.
            (
                "date:-9999",
                "`-9999` is not a date (use 2017, 2017-09 or 2017-09-06; for a range up to a date write ..9999)",
            ),
            (
                "before:-2017",
                "`-2017` is not a date (use 2017, 2017-09 or 2017-09-06; for a range up to a date write ..2017)",
            ),
            ("\"a b", "unclosed quote: add the closing `\"`"),
            ("“a b", "unclosed quote: add the closing `\"`"),
            (
                "foo:bar",
                "unknown field `foo:` (fields are src:, source:, title:, body:, text:, date:, after:, before:, is:, label:; quote the term to search for it)",
            ),
            (
                "!Tag:x",
                "unknown field `tag:` (fields are src:, source:, title:, body:, text:, date:, after:, before:, is:, label:; quote the term to search for it)",
            ),
        ];
        for (text, want) in cases {
            let err = parse_clauses(text).expect_err(text);
            assert_eq!(err.message, want, "query {text:?}");
        }
    }
}
