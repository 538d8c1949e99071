//! The date values of `date:`, `after:` and `before:`: a year, month or day (`2017`,
//! `2017-09`, `2017-09-06`; `/`, `.` or `年月日` also separate), or a range `A..B` of them.
//! Each names a span of real time read in the display zone (China Standard Time unless
//! `--tz` says otherwise; see `date::zone`), the zone the list shows dates in, so an article
//! is compared by the instant it was published and the day shown is the day matched.

use jiff::civil;

use super::QueryError;

/// A half-open span of instants `[from, until)` in Unix seconds; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    /// First second inside the span (`i64::MIN` when open).
    pub(crate) from: i64,
    /// First second after the span (`i64::MAX` when open).
    pub(crate) until: i64,
}

impl Span {
    /// True when the instant `unix` lies inside.
    pub(super) fn contains(&self, unix: i64) -> bool {
        self.from <= unix && unix < self.until
    }
}

/// Parses the value of `date:`: one period, or a range `A..B`, `A..`, `..B` of periods, both
/// ends inclusive of the whole period named.
pub(super) fn parse_date_value(text: &str) -> Result<Span, QueryError> {
    let Some((a, b)) = text.split_once("..") else {
        return parse_period(text);
    };
    if a.is_empty() && b.is_empty() {
        return Err(QueryError::new("`..` needs a date on at least one side"));
    }
    let from = if a.is_empty() {
        i64::MIN
    } else {
        parse_period(a)?.from
    };
    let until = if b.is_empty() {
        i64::MAX
    } else {
        parse_period(b)?.until
    };
    if from >= until {
        return Err(QueryError::new(format!(
            "range {a}..{b} ends before it starts"
        )));
    }
    Ok(Span { from, until })
}

/// Parses one period: `2017` (a year), `2017-09` (a month) or `2017-09-06` (a day).
pub(super) fn parse_period(text: &str) -> Result<Span, QueryError> {
    let folded = super::fold::fold(text);
    if folded.contains("..") {
        return Err(not_a_date(text));
    }
    let nums = numbers(&folded).ok_or_else(|| not_a_date(text))?;
    let (year, month, day) = match nums.as_slice() {
        [y] => (*y, None, None),
        [y, m] => (*y, Some(*m), None),
        [y, m, d] => (*y, Some(*m), Some(*d)),
        _ => return Err(not_a_date(text)),
    };
    if !(1000..=9999).contains(&year) {
        return Err(QueryError::new(format!(
            "year {year} is out of range (use four digits)"
        )));
    }
    let year = year as i16;
    if let Some(m) = month.filter(|m| !(1..=12).contains(m)) {
        return Err(QueryError::new(format!("month {m} is out of range")));
    }
    if let Some(d) = day.filter(|d| !(1..=31).contains(d)) {
        return Err(QueryError::new(format!("day {d} is out of range")));
    }
    let first =
        civil::Date::new(year, month.unwrap_or(1) as i8, day.unwrap_or(1) as i8).map_err(|_| {
            QueryError::new(format!(
                "day {} is out of range for {year:04}-{:02}",
                day.unwrap_or(1),
                month.unwrap_or(1)
            ))
        })?;
    let last = match (month, day) {
        (None, _) => first.last_of_year(),
        (Some(_), None) => first.last_of_month(),
        (Some(_), Some(_)) => first,
    };
    Ok(Span {
        from: midnight(first),
        until: last.tomorrow().map(midnight).unwrap_or(i64::MAX),
    })
}

/// The digit groups of a date text, when it holds only digit groups each followed by at
/// most one separator. A separator must follow a group: `-9999`, `/2017` and `2017--09`
/// are not dates (a leading `-` is not "up to": that is written `..9999`). Only the
/// separators that close a group (`年`, `月`, `日`) may end the text.
fn numbers(text: &str) -> Option<Vec<u32>> {
    const SEPARATORS: [char; 6] = ['-', '/', '.', '年', '月', '日'];
    let mut nums = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 4 {
            return None;
        }
        nums.push(rest[..digits].parse().ok()?);
        rest = &rest[digits..];
        let Some(sep) = rest.chars().next() else {
            break;
        };
        if !SEPARATORS.contains(&sep) {
            return None;
        }
        rest = &rest[sep.len_utf8()..];
        if rest.is_empty() && !matches!(sep, '年' | '月' | '日') {
            return None;
        }
    }
    (!nums.is_empty()).then_some(nums)
}

fn not_a_date(text: &str) -> QueryError {
    let folded = super::fold::fold(text);
    let hint = match folded.strip_prefix('-') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => {
            format!("; for a range up to a date write ..{rest}")
        }
        _ => String::new(),
    };
    QueryError::new(format!(
        "`{text}` is not a date (use 2017, 2017-09 or 2017-09-06{hint})"
    ))
}

/// Unix seconds of the start of `day` in the display zone.
fn midnight(day: civil::Date) -> i64 {
    crate::date::zone::midnight(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date;

    fn unix(text: &str) -> i64 {
        date::parse(text).expect("test date").unix
    }

    #[test]
    fn periods_span_whole_years_months_and_days() {
        let cases = [
            ("2017", "2017-01-01", "2018-01-01"),
            ("2017-09", "2017-09-01", "2017-10-01"),
            ("2017-12", "2017-12-01", "2018-01-01"),
            ("2017-09-06", "2017-09-06", "2017-09-07"),
            ("2017/9/6", "2017-09-06", "2017-09-07"),
            ("2017.9", "2017-09-01", "2017-10-01"),
            ("2017年9月6日", "2017-09-06", "2017-09-07"),
            ("２０１７-０９", "2017-09-01", "2017-10-01"),
            ("2016-02-29", "2016-02-29", "2016-03-01"),
        ];
        for (input, from, until) in cases {
            let span = parse_period(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(span.from, unix(from), "from of {input}");
            assert_eq!(span.until, unix(until), "until of {input}");
        }
    }

    #[test]
    fn ranges_are_inclusive_and_may_be_open() {
        let r = parse_date_value("2017-09-01..2017-09-30").unwrap();
        assert_eq!((r.from, r.until), (unix("2017-09-01"), unix("2017-10-01")));
        let r = parse_date_value("2017..").unwrap();
        assert_eq!((r.from, r.until), (unix("2017-01-01"), i64::MAX));
        let r = parse_date_value("..2017-09").unwrap();
        assert_eq!((r.from, r.until), (i64::MIN, unix("2017-10-01")));
        assert!(r.contains(unix("2017-09-30 23:59")));
        assert!(!r.contains(unix("2017-10-01 00:00")));
        // The start of a day in UTC+8 is 16:00 the day before in UTC.
        assert!(r.contains(unix("2017-09-30T15:59:59Z")));
        assert!(!r.contains(unix("2017-09-30T16:00:00Z")));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let cases = [
            ("2017-13", "month 13 is out of range"),
            ("2017-00-01", "month 0 is out of range"),
            ("2017-09-32", "day 32 is out of range"),
            ("2017-02-30", "day 30 is out of range for 2017-02"),
            ("17", "year 17 is out of range (use four digits)"),
            (
                "soon",
                "`soon` is not a date (use 2017, 2017-09 or 2017-09-06)",
            ),
            (
                "2017-09-06-01",
                "`2017-09-06-01` is not a date (use 2017, 2017-09 or 2017-09-06)",
            ),
            ("", "`` is not a date (use 2017, 2017-09 or 2017-09-06)"),
            // A leading separator is not "up to" (that is `..9999`), and never dropped.
            (
                "-9999",
                "`-9999` is not a date (use 2017, 2017-09 or 2017-09-06; for a range up to a date write ..9999)",
            ),
            (
                "－2017-09",
                "`－2017-09` is not a date (use 2017, 2017-09 or 2017-09-06; for a range up to a date write ..2017-09)",
            ),
            (
                "/2017",
                "`/2017` is not a date (use 2017, 2017-09 or 2017-09-06)",
            ),
            (
                "2017--09",
                "`2017--09` is not a date (use 2017, 2017-09 or 2017-09-06)",
            ),
            (
                "2017-09-",
                "`2017-09-` is not a date (use 2017, 2017-09 or 2017-09-06)",
            ),
            (
                "2017年年9月",
                "`2017年年9月` is not a date (use 2017, 2017-09 or 2017-09-06)",
            ),
        ];
        for (input, want) in cases {
            let err = parse_period(input).expect_err(input);
            assert_eq!(err.message, want, "input {input:?}");
        }
        let cases = [
            (
                "2017-09-30..2017-09-01",
                "range 2017-09-30..2017-09-01 ends before it starts",
            ),
            ("..", "`..` needs a date on at least one side"),
            ("2017..2017-13", "month 13 is out of range"),
        ];
        for (input, want) in cases {
            let err = parse_date_value(input).expect_err(input);
            assert_eq!(err.message, want, "input {input:?}");
        }
    }
}
