//! Days read off the places archives keep articles in, for records that give no date: URL
//! paths (`/20210518/`, `/2021-05-18/`, `/2021-05/18/`, `/2021/05/18/`, `/2021/0518/`,
//! `t20210518_…`) and file paths (`20191001/20191001-01-02.txt`, `2019-10-01.md`,
//! `2019/10/01/…`).
//!
//! Both are read the same way: the text is cut into runs of digits and the one-character
//! separators between them, and a day is eight digits standing alone (`20210518`), or a year,
//! month and day of four, two and two digits joined by `-`, `/`, `_` or `.` (month and day
//! may be one digit when `-` or `/` joins them), or a year and a four-digit `MMDD` after `/`.
//! Runs are whole, so a day is never read out of a longer number (an id, a phone number).

use jiff::civil;

use super::{DEFAULT_OFFSET_SECS, Stamp};

/// Years a day read off a place may lie in.
const YEARS: std::ops::RangeInclusive<i16> = 1900..=2100;

/// The day in a URL's path (the host is not read), the first one found.
pub(crate) fn from_url(url: &str) -> Option<Stamp> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme
        .find('/')
        .map_or("", |slash| &after_scheme[slash..]);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    days_in(path).into_iter().next()
}

/// The day in a file's path: the one nearest the file's name (a file name's day before its
/// folder's), since the innermost names are the most specific.
pub(crate) fn from_path(path: &str) -> Option<Stamp> {
    days_in(path).into_iter().last()
}

/// A digit run and the character that follows it.
#[derive(Debug, Clone, Copy)]
struct Run<'a> {
    digits: &'a str,
    /// The character right after the run (`None` at the end of the text).
    then: Option<char>,
}

/// Every day in `text`, in order of where it starts.
fn days_in(text: &str) -> Vec<Stamp> {
    let runs = runs(text);
    let mut days = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let joined = |k: usize, seps: &[char]| {
            runs[k].then.is_some_and(|c| seps.contains(&c))
                && runs.get(k + 1).is_some_and(|r| r.start_follows(&runs[k]))
        };
        let r = &runs[i];
        let found = match r.digits.len() {
            8 => day(&r.digits[..4], &r.digits[4..6], &r.digits[6..]).map(|d| (d, 1)),
            4 => {
                let (y, next) = (r.digits, runs.get(i + 1));
                let ymd = || {
                    let (m, d) = (next?, runs.get(i + 2)?);
                    let loose = ['-', '/'];
                    let seps: &[char] = if m.digits.len() == 2 && d.digits.len() == 2 {
                        &['-', '/', '_', '.']
                    } else {
                        &loose
                    };
                    if !(joined(i, seps) && joined(i + 1, seps)) {
                        return None;
                    }
                    day(y, m.digits, d.digits).map(|d| (d, 3))
                };
                let y_mmdd = || {
                    let md = next?;
                    if md.digits.len() != 4 || !joined(i, &['/']) {
                        return None;
                    }
                    day(y, &md.digits[..2], &md.digits[2..]).map(|d| (d, 2))
                };
                ymd().or_else(y_mmdd)
            }
            _ => None,
        };
        match found {
            Some((d, used)) => {
                days.push(d);
                i += used;
            }
            None => i += 1,
        }
    }
    days
}

impl Run<'_> {
    /// True when this run starts right after `before`'s following character (one separator
    /// between them).
    fn start_follows(&self, before: &Run) -> bool {
        let sep = before.then.map_or(0, char::len_utf8);
        before.digits.as_ptr() as usize + before.digits.len() + sep == self.digits.as_ptr() as usize
    }
}

/// The maximal runs of ASCII digits in `text`.
fn runs(text: &str) -> Vec<Run<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        out.push(Run {
            digits: &text[start..i],
            then: text[i..].chars().next(),
        });
    }
    out
}

/// The day `y-m-d` as a stamp without time, when it is a real day in [`YEARS`].
fn day(y: &str, m: &str, d: &str) -> Option<Stamp> {
    let y: i16 = y.parse().ok()?;
    if !YEARS.contains(&y) {
        return None;
    }
    let date = civil::Date::new(y, m.parse().ok()?, d.parse().ok()?).ok()?;
    Stamp::from_civil(
        date.to_datetime(civil::Time::midnight()),
        DEFAULT_OFFSET_SECS,
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(u: &str) -> Option<String> {
        from_url(u).map(|s| s.display())
    }

    fn path(p: &str) -> Option<String> {
        from_path(p).map(|s| s.display())
    }

    #[test]
    fn every_url_form_of_the_issue() {
        for u in [
            "http://gongyi.sohu.com/20210518/n347457739.shtml",
            "https://x.cn/news/2021-05-18/a.html",
            "http://www.xinhuanet.com/politics/2021-05/18/c_1127459234.htm",
            "https://x.cn/2021/05/18/a-story/",
            "https://x.cn/2021/0518/a.html",
            "http://www.ccrd.gov.cn/xwzx/202105/t20210518_1234567.html",
            "https://x.cn/2021/5/18/a.html",
            "https://x.cn/a_2021_05_18.html",
        ] {
            assert_eq!(url(u).as_deref(), Some("2021-05-18"), "{u}");
        }
    }

    #[test]
    fn numbers_that_are_not_days() {
        for u in [
            "https://x.cn/item/12345678/",
            "https://x.cn/a.html",
            "https://x.cn/n/1127459234.html",
            "https://x.cn/2021/13/40/",
            "https://x.cn/0000-05-18/",
            "https://x.cn/a?d=20210518",
            "https://20210518.example.com/a",
            "https://x.cn/2021.5.18/",
        ] {
            assert_eq!(url(u), None, "{u}");
        }
    }

    #[test]
    fn file_paths() {
        assert_eq!(
            path("rmrb/20191001/20191001-01-02.txt").as_deref(),
            Some("2019-10-01")
        );
        assert_eq!(path("digests/2019-10-01.md").as_deref(), Some("2019-10-01"));
        assert_eq!(path("2019/10/01/page.html").as_deref(), Some("2019-10-01"));
        assert_eq!(path("2019/1001/p.txt").as_deref(), Some("2019-10-01"));
        // The file's own day wins over its folder's.
        assert_eq!(
            path("2019-09-30/2019-10-01.md").as_deref(),
            Some("2019-10-01")
        );
        assert_eq!(path("archive/notes.txt"), None);
        assert_eq!(path("a/page-01-02.txt"), None);
    }
}
