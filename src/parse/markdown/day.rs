//! Days written inside text: a heading such as `# 2019年10月1日 新闻联播` or
//! `# 《新闻联播》 (20221001)`, a file name such as `2019-10-01.md`, `20191001.md` or Jekyll's
//! `2019-10-01-slug.md`. A Markdown file without front matter often says its day only there.
//! (Front matter dates, Jekyll's `2019-10-01 08:30:00 +0800` included, are read by
//! [`Date::from_text`].)

use std::ops::Range;

use crate::date::Date;

/// The first full day (year, month and day) written in `text`, with the byte range it
/// takes: `2019年10月1日`, `2019-10-01`, `2019/10/1`, `2019.10.01`, or eight digits standing
/// alone (`20191001`). A run of digits longer than the form (a phone number, an id) is not a
/// day; neither is a date that does not exist.
pub(super) fn find(text: &str) -> Option<(Date, Range<usize>)> {
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
pub(super) fn in_file_name(name: &str) -> Option<Date> {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    find(stem).map(|(date, _)| date)
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
}
