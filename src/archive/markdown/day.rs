//! Days written inside text: a heading such as `# 2019年10月1日 新闻联播` or
//! `# 《新闻联播》 (20221001)`, a file name such as `2019-10-01.md`, `20191001.md` or Jekyll's
//! `2019-10-01-slug.md`. A Markdown file without front matter often says its day only there.
//!
//! Also [`front_matter_date`], which turns Jekyll's `2019-10-01 08:30:00 +0800` (the form
//! Jekyll documents and writes) into RFC 3339 before [`Date::from_text`] reads it.

use std::ops::Range;

use crate::date::Date;

/// The first full day (year, month and day) written in `text`, with the byte range it
/// takes: `2019年10月1日`, `2019-10-01`, `2019/10/1`, `2019.10.01`, or eight digits standing
/// alone (`20191001`). A run of digits longer than the form (a phone number, an id) is not a
/// day; neither is a date that does not exist.
pub fn find(text: &str) -> Option<(Date, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let run = digits_at(bytes, i);
        let found = match run {
            8 => compact(text, i),
            4 => separated(text, i),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        i += run;
    }
    None
}

/// The day in a file name (`2019-10-01.md`, `20191001-01-02.txt`, `2019-10-01-slug.md`).
pub fn in_file_name(name: &str) -> Option<Date> {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    find(stem).map(|(date, _)| date)
}

/// A front matter date value as [`Date::from_text`] reads it, with Jekyll's separate offset
/// (`2019-10-01 08:30:00 +0800`, `2019-10-01 08:30 -08:00`) joined on as RFC 3339
/// (`2019-10-01T08:30:00+08:00`); a day with only an offset (`2019-05-18 +0800`) is the day.
pub fn front_matter_date(value: &str) -> Date {
    let value = value.trim();
    let mut parts: Vec<&str> = value.split_whitespace().collect();
    if parts.len() >= 2
        && let Some(offset) = parts.last().and_then(|p| offset_of(p))
    {
        parts.pop();
        let joined = match parts.as_slice() {
            [day] => day.to_string(),
            [day, time] => format!("{day}T{}{offset}", with_seconds(time)),
            _ => return Date::from_text(value),
        };
        if let Date::Known(stamp) = Date::from_text(&joined) {
            return Date::Known(stamp);
        }
    }
    Date::from_text(value)
}

/// `+0800` or `-08:00` as `+08:00`; `None` for anything else.
fn offset_of(token: &str) -> Option<String> {
    let (sign, rest) = token.split_at_checked(1)?;
    if sign != "+" && sign != "-" {
        return None;
    }
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    let well_formed = digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (rest.len() == 4 || rest.as_bytes().get(2) == Some(&b':'));
    well_formed.then(|| format!("{sign}{}:{}", &digits[..2], &digits[2..]))
}

/// `8:30` as `08:30:00`, `08:30:05` as it is.
fn with_seconds(time: &str) -> String {
    let mut parts: Vec<String> = time.split(':').map(|p| format!("{p:0>2}")).collect();
    while parts.len() < 3 {
        parts.push("00".into());
    }
    parts.join(":")
}

/// How many ASCII digits start at `at`.
fn digits_at(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// Eight digits at `at` that make a day between 1900 and 2200.
fn compact(text: &str, at: usize) -> Option<(Date, Range<usize>)> {
    let s = &text[at..at + 8];
    let year: u32 = s[..4].parse().ok()?;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    let day = known(&format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8]))?;
    Some((day, at..at + 8))
}

/// `YYYY?M?D` at `at`, where `?` is one of `-`, `/`, `.` (the same both times) or
/// `年…月…日`.
fn separated(text: &str, at: usize) -> Option<(Date, Range<usize>)> {
    let bytes = text.as_bytes();
    let year = &text[at..at + 4];
    let rest = &text[at + 4..];
    let (sep_year, sep_month) = if rest.starts_with('年') {
        ("年", "月")
    } else {
        let sep = rest.get(..1).filter(|s| matches!(*s, "-" | "/" | "."))?;
        (sep, sep)
    };
    let month_at = at + 4 + sep_year.len();
    let month_len = digits_at(bytes, month_at);
    if !(1..=2).contains(&month_len) || !text[month_at + month_len..].starts_with(sep_month) {
        return None;
    }
    let day_at = month_at + month_len + sep_month.len();
    let day_len = digits_at(bytes, day_at);
    if !(1..=2).contains(&day_len) {
        return None;
    }
    let mut end = day_at + day_len;
    if sep_year == "年" {
        for suffix in ["日", "号"] {
            if text[end..].starts_with(suffix) {
                end += suffix.len();
                break;
            }
        }
    }
    let month = &text[month_at..month_at + month_len];
    let day = &text[day_at..day_at + day_len];
    Some((known(&format!("{year}-{month:0>2}-{day:0>2}"))?, at..end))
}

/// `YYYY-MM-DD` as a known date, or `None` when there is no such day.
fn known(iso: &str) -> Option<Date> {
    match Date::from_text(iso) {
        Date::Known(stamp) => Some(Date::Known(stamp)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> String {
        find(text).map_or_else(|| "none".into(), |(d, r)| format!("{} {r:?}", d.display()))
    }

    #[test]
    fn days_in_headings() {
        assert_eq!(day("2019年10月1日 新闻联播"), "2019-10-01 0..16");
        assert_eq!(day("2020年1月1日新闻联播文字版"), "2020-01-01 0..15");
        assert_eq!(day("《新闻联播》 (20221001)"), "2022-10-01 20..28");
        assert_eq!(
            day("新闻联播完整文字稿 · 2026年6月18日"),
            "2026-06-18 31..47"
        );
        assert_eq!(day("每日要闻 2019-10-01"), "2019-10-01 13..23");
        assert_eq!(day("2019/10/1 早报"), "2019-10-01 0..9");
        assert_eq!(day("2019.10.01"), "2019-10-01 0..10");
    }

    #[test]
    fn not_days() {
        for text in [
            "2022 我们的打开方式",
            "电话 13800138000",
            "20191301",
            "2019-02-30",
            "2019-10/01",
            "id 120191001",
            "2019年10月",
        ] {
            assert_eq!(day(text), "none", "{text:?}");
        }
    }

    #[test]
    fn days_in_file_names() {
        let show = |n: &str| in_file_name(n).map_or_else(|| "none".into(), |d| d.display());
        assert_eq!(show("2019-10-01.md"), "2019-10-01");
        assert_eq!(show("20191001.md"), "2019-10-01");
        assert_eq!(show("2019-10-01-guo-qing.md"), "2019-10-01");
        assert_eq!(show("news/20191001-01-02.md"), "2019-10-01");
        assert_eq!(show("article_1000.md"), "none");
    }

    #[test]
    fn jekyll_offsets_join_the_date() {
        let rfc = |v: &str| match front_matter_date(v) {
            Date::Known(s) => s.rfc3339(),
            other => format!("{other:?}"),
        };
        assert_eq!(
            rfc("2018-04-23 00:00:00 -0800"),
            "2018-04-23T00:00:00-08:00"
        );
        assert_eq!(
            rfc("2019-07-31 10:00:00 +0800"),
            "2019-07-31T10:00:00+08:00"
        );
        assert_eq!(rfc("2019-07-31 10:00 +08:00"), "2019-07-31T10:00:00+08:00");
        assert_eq!(rfc("2019-05-18 +0800"), "2019-05-18T00:00:00+08:00");
        assert!(
            !front_matter_date("2019-05-18 +0800")
                .stamp()
                .unwrap()
                .has_time
        );
        assert_eq!(rfc("2018-02-18 15:24"), "2018-02-18T15:24:00+08:00");
        assert_eq!(rfc("2019-10-01T08:30:00Z"), "2019-10-01T08:30:00+00:00");
        assert_eq!(rfc("不详"), "Unparsed(\"不详\")");
    }
}
