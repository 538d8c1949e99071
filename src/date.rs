//! Publication dates: a real instant plus the offset to show it in, parsed from the forms
//! news archives use (RFC 3339, `2017-09-06 09:11`, `2017/9/6`, `2017年9月6日`, Unix seconds)
//! or read off a URL such as `…/20120706/n347457739.shtml`.
//!
//! A date written without a zone is read as China Standard Time (UTC+8), because nearly every
//! archive juan is built for was written there; a date with an offset keeps it.

mod place;
pub mod zone;

pub(crate) use place::{from_path, from_url};

use jiff::Timestamp;
use jiff::civil;
use jiff::tz::Offset;

/// The offset assumed for dates that carry none: UTC+8 (China Standard Time), in seconds.
pub const DEFAULT_OFFSET_SECS: i32 = 8 * 3600;

/// A parsed publication time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    /// Seconds since the Unix epoch (UTC).
    pub unix: i64,
    /// The UTC offset the date was written in, in seconds east of UTC.
    pub offset: i32,
    /// False when the source gave only a day (shown as `YYYY-MM-DD`).
    pub has_time: bool,
}

/// An article's date as the archive gave it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Date {
    /// Parsed into a real instant.
    Known(Stamp),
    /// Present but not understood; kept as given for display and sorted last.
    Unparsed(String),
    /// The archive gave no date.
    #[default]
    Missing,
}

impl Stamp {
    /// Builds a stamp from a civil date-time read in `offset` (seconds east of UTC).
    pub(crate) fn from_civil(dt: civil::DateTime, offset: i32, has_time: bool) -> Option<Stamp> {
        let off = Offset::from_seconds(offset).ok()?;
        let ts = off.to_timestamp(dt).ok()?;
        Some(Stamp {
            unix: ts.as_second(),
            offset,
            has_time,
        })
    }

    /// The civil date-time as shown: an instant in the display zone ([`zone`]), a day
    /// alone as the day written.
    pub(crate) fn civil(&self) -> civil::DateTime {
        if self.has_time {
            zone::civil_of(self.unix)
        } else {
            self.civil_as_written()
        }
    }

    /// The civil date-time in the stamp's own offset, as the archive wrote it.
    pub(crate) fn civil_as_written(&self) -> civil::DateTime {
        let off = Offset::from_seconds(self.offset).unwrap_or(Offset::UTC);
        let ts = Timestamp::from_second(self.unix).unwrap_or(Timestamp::UNIX_EPOCH);
        off.to_datetime(ts)
    }

    /// The date as written (RFC 3339 in its own offset), when it differs from what
    /// [`Stamp::display`] shows: an instant written in another offset than the display zone's.
    pub(crate) fn as_written(&self) -> Option<String> {
        (self.has_time && zone::offset_at(self.unix) != self.offset).then(|| self.rfc3339())
    }

    /// `YYYY-MM-DD HH:MM`, or `YYYY-MM-DD` when the source had no time.
    pub(crate) fn display(&self) -> String {
        let mut out = String::with_capacity(16);
        self.push_display(&mut out);
        out
    }

    /// Appends [`Stamp::display`] to `out`: `juan list` writes it for every row.
    pub(crate) fn push_display(&self, out: &mut String) {
        let dt = self.civil();
        if !(0..=9999).contains(&dt.year()) {
            out.push_str(&self.display_slow(&dt));
            return;
        }
        // Digit by digit: `format!` with widths cost as much as the rest of a listed row.
        let digits = |out: &mut String, n: u16, width: u32| {
            for k in (0..width).rev() {
                out.push(char::from(b'0' + (n / 10u16.pow(k) % 10) as u8));
            }
        };
        digits(out, dt.year() as u16, 4);
        out.push('-');
        digits(out, dt.month() as u16, 2);
        out.push('-');
        digits(out, dt.day() as u16, 2);
        if self.has_time {
            out.push(' ');
            digits(out, dt.hour() as u16, 2);
            out.push(':');
            digits(out, dt.minute() as u16, 2);
        }
    }

    /// [`Stamp::display`] through `format!`, for years outside 0–9999.
    fn display_slow(&self, dt: &civil::DateTime) -> String {
        if self.has_time {
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02}",
                dt.year(),
                dt.month(),
                dt.day(),
                dt.hour(),
                dt.minute()
            )
        } else {
            format!("{:04}-{:02}-{:02}", dt.year(), dt.month(), dt.day())
        }
    }

    /// RFC 3339 with the stamp's own offset, e.g. `2017-09-06T09:11:00+08:00`.
    pub fn rfc3339(&self) -> String {
        let dt = self.civil_as_written();
        let sign = if self.offset < 0 { '-' } else { '+' };
        let abs = self.offset.unsigned_abs();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
            dt.second(),
            sign,
            abs / 3600,
            (abs % 3600) / 60
        )
    }
}

impl Date {
    /// Parses a date field's text; text that is not understood is kept as [`Date::Unparsed`].
    pub fn from_text(text: &str) -> Date {
        let t = text.trim();
        if t.is_empty() {
            return Date::Missing;
        }
        match parse(t) {
            Some(s) => Date::Known(s),
            None => Date::Unparsed(t.to_string()),
        }
    }

    /// The parsed stamp, if any.
    pub fn stamp(&self) -> Option<&Stamp> {
        match self {
            Date::Known(s) => Some(s),
            _ => None,
        }
    }

    /// What to show in a date column: the parsed date, the text as given, or nothing.
    pub fn display(&self) -> String {
        match self {
            Date::Known(s) => s.display(),
            Date::Unparsed(t) => t.clone(),
            Date::Missing => String::new(),
        }
    }

    /// Appends [`Date::display`] to `out`.
    pub(crate) fn push_display(&self, out: &mut String) {
        match self {
            Date::Known(s) => s.push_display(out),
            Date::Unparsed(t) => out.push_str(t),
            Date::Missing => {}
        }
    }

    /// A key that sorts newest first when ascending: known dates by instant (newest first),
    /// then unparsed, then missing.
    pub(crate) fn newest_first_key(&self) -> (u8, i64) {
        match self {
            Date::Known(s) => (0, -s.unix),
            Date::Unparsed(_) => (1, 0),
            Date::Missing => (2, 0),
        }
    }

    /// A key that sorts oldest first when ascending; undated articles still sort last.
    #[cfg(test)]
    pub(crate) fn oldest_first_key(&self) -> (u8, i64) {
        match self {
            Date::Known(s) => (0, s.unix),
            Date::Unparsed(_) => (1, 0),
            Date::Missing => (2, 0),
        }
    }
}

/// Parses one date string in any of the supported forms.
pub(crate) fn parse(text: &str) -> Option<Stamp> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return parse_unix(t);
    }
    parse_rfc3339(t)
        .or_else(|| parse_civil(t, DEFAULT_OFFSET_SECS))
        .or_else(|| parse_with_zone_word(t))
        .or_else(|| parse_rfc2822(t))
        .or_else(|| parse_created_at(t))
        .or_else(|| parse_month_name(t))
}

/// A civil form followed by an offset or zone word, as Jekyll, Hugo and many scrapers write
/// them: `2019-10-01 08:30:00 +0800`, `2019-05-18 +08:00`, `2017-09-06 09:11 GMT`.
fn parse_with_zone_word(t: &str) -> Option<Stamp> {
    let (civil_part, zone) = t.rsplit_once([' ', '\u{3000}'])?;
    let offset = match zone {
        "Z" | "GMT" | "UTC" => 0,
        "CST" | "北京时间" => DEFAULT_OFFSET_SECS,
        _ => zone::parse_offset(zone)?.seconds(),
    };
    parse_civil(civil_part.trim(), offset)
}

/// RFC 2822, what RSS `pubDate` holds: `Thu, 27 Nov 2025 23:00:14 GMT`,
/// `Thu, 30 Dec 2021 10:00:00 +0800` (a weekday that does not fit the day is ignored).
fn parse_rfc2822(t: &str) -> Option<Stamp> {
    let zdt = jiff::fmt::rfc2822::parse(t)
        .or_else(|_| jiff::fmt::rfc2822::parse(without_weekday(t)))
        .ok()?;
    Some(Stamp {
        unix: zdt.timestamp().as_second(),
        offset: zdt.offset().seconds(),
        has_time: true,
    })
}

/// Weibo's and Twitter's `created_at`: `Tue May 18 08:30:00 +0800 2021`.
fn parse_created_at(t: &str) -> Option<Stamp> {
    let parsed = jiff::fmt::strtime::parse("%a %b %d %H:%M:%S %z %Y", t).ok()?;
    Some(Stamp {
        unix: parsed.to_timestamp().ok()?.as_second(),
        offset: parsed.offset()?.seconds(),
        has_time: true,
    })
}

/// `t` without a leading English weekday (`Mon, `).
fn without_weekday(t: &str) -> &str {
    t.split_once(", ")
        .filter(|(w, _)| w.len() == 3 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .map_or(t, |(_, rest)| rest)
}

/// English month names, zone-less: `Dec 30 2021`, `December 30, 2021`, `30 Dec 2021`, with
/// an optional `HH:MM[:SS]` after; read in [`DEFAULT_OFFSET_SECS`].
fn parse_month_name(t: &str) -> Option<Stamp> {
    const DAYS: [&str; 4] = ["%b %d %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y"];
    let t = without_weekday(t);
    for day in DAYS {
        for (time, has_time) in [("", false), (" %H:%M", true), (" %H:%M:%S", true)] {
            let format = format!("{day}{time}");
            let Ok(parsed) = jiff::fmt::strtime::parse(&format, t) else {
                continue;
            };
            let dt = if has_time {
                parsed.to_datetime().ok()?
            } else {
                parsed.to_date().ok()?.to_datetime(civil::Time::midnight())
            };
            return Stamp::from_civil(dt, DEFAULT_OFFSET_SECS, has_time);
        }
    }
    None
}

/// Unix seconds (9–10 digits) or milliseconds (12–13 digits).
fn parse_unix(t: &str) -> Option<Stamp> {
    let n: i64 = t.parse().ok()?;
    let secs = match t.len() {
        9 | 10 => n,
        12 | 13 => n / 1000,
        8 => return parse_compact_day(t),
        14 => return parse_compact_time(t),
        _ => return None,
    };
    Timestamp::from_second(secs).ok()?;
    Some(Stamp {
        unix: secs,
        offset: DEFAULT_OFFSET_SECS,
        has_time: true,
    })
}

/// `20120706`.
fn parse_compact_day(t: &str) -> Option<Stamp> {
    let y: i16 = t[0..4].parse().ok()?;
    let m: i8 = t[4..6].parse().ok()?;
    let d: i8 = t[6..8].parse().ok()?;
    if !(1900..=2200).contains(&y) {
        return None;
    }
    let date = civil::Date::new(y, m, d).ok()?;
    Stamp::from_civil(
        date.to_datetime(civil::Time::midnight()),
        DEFAULT_OFFSET_SECS,
        false,
    )
}

/// `20191001083000`: a day and a time, digits only.
fn parse_compact_time(t: &str) -> Option<Stamp> {
    let day = parse_compact_day(&t[..8])?;
    let n = |r: std::ops::Range<usize>| t[r].parse::<i8>().ok();
    let time = civil::Time::new(n(8..10)?, n(10..12)?, n(12..14)?, 0).ok()?;
    let date = day.civil_as_written().date();
    Stamp::from_civil(date.to_datetime(time), DEFAULT_OFFSET_SECS, true)
}

/// RFC 3339 / ISO 8601 with an explicit offset or `Z`.
fn parse_rfc3339(t: &str) -> Option<Stamp> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    let pieces = Pieces::parse(t).ok()?;
    let offset = match pieces.offset()? {
        PiecesOffset::Zulu => 0,
        PiecesOffset::Numeric(n) => n.offset().seconds(),
        _ => return None,
    };
    let time = pieces.time()?;
    let dt = pieces.date().to_datetime(time);
    Stamp::from_civil(dt, offset, true)
}

/// Zone-less civil forms: `2017-09-06 09:11[:05]`, `2017/9/6`, `2017.9.6`, `2017年9月6日 9:11`,
/// `2017年9月6日09时11分`. Read in `offset` (seconds east of UTC).
fn parse_civil(t: &str, offset: i32) -> Option<Stamp> {
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut nums: Vec<i64> = Vec::with_capacity(6);
    let mut cur: Option<i64> = None;
    for c in t.chars() {
        if let Some(d) = c.to_digit(10) {
            let v = cur.unwrap_or(0).checked_mul(10)?.checked_add(d as i64)?;
            cur = Some(v);
            continue;
        }
        if let Some(v) = cur.take() {
            nums.push(v);
        }
        if !matches!(
            c,
            '-' | '/'
                | '.'
                | ':'
                | 'T'
                | ' '
                | '\u{3000}'
                | '\u{a0}'
                | '年'
                | '月'
                | '日'
                | '号'
                | '时'
                | '分'
                | '秒'
                | '：'
        ) {
            return None;
        }
    }
    if let Some(v) = cur.take() {
        nums.push(v);
    }
    // A seventh number is a fraction of a second (`08:30:00.0`), which a minute shown drops.
    let fraction = t
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .ends_with('.');
    if nums.len() == 7 && fraction && t.contains(':') {
        nums.pop();
    }
    if !(3..=6).contains(&nums.len()) || !(1000..=9999).contains(&nums[0]) {
        return None;
    }
    let date = civil::Date::new(
        nums[0] as i16,
        i8::try_from(nums[1]).ok()?,
        i8::try_from(nums[2]).ok()?,
    )
    .ok()?;
    let has_time = nums.len() >= 5;
    let time = if has_time {
        let s = nums.get(5).copied().unwrap_or(0);
        civil::Time::new(
            i8::try_from(nums[3]).ok()?,
            i8::try_from(nums[4]).ok()?,
            i8::try_from(s).ok()?,
            0,
        )
        .ok()?
    } else if nums.len() == 4 {
        return None;
    } else {
        civil::Time::midnight()
    };
    Stamp::from_civil(date.to_datetime(time), offset, has_time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_display_matches_format() {
        for (unix, offset) in [
            (0, 0),
            (1_504_660_260, 28_800),
            (-62_135_596_800, 0),
            (253_402_300_799, 0),
            (-1, -3600),
        ] {
            for has_time in [false, true] {
                let s = Stamp {
                    unix,
                    offset,
                    has_time,
                };
                assert_eq!(s.display(), s.display_slow(&s.civil()), "{unix} {offset}");
            }
        }
        let s = Stamp {
            unix: 1_504_660_260,
            offset: 28_800,
            has_time: true,
        };
        assert_eq!(s.display(), "2017-09-06 09:11");
    }

    fn show(t: &str) -> String {
        parse(t)
            .map(|s| s.rfc3339())
            .unwrap_or_else(|| "none".into())
    }

    #[test]
    fn every_documented_form() {
        let cases = [
            ("2017-09-06T09:11:00+08:00", "2017-09-06T09:11:00+08:00"),
            ("2017-09-06T01:11:00Z", "2017-09-06T01:11:00+00:00"),
            ("2017-09-06 09:11", "2017-09-06T09:11:00+08:00"),
            ("2017-09-06 09:11:05", "2017-09-06T09:11:05+08:00"),
            ("2017-09-06", "2017-09-06T00:00:00+08:00"),
            ("2017/9/6", "2017-09-06T00:00:00+08:00"),
            ("2017.9.6", "2017-09-06T00:00:00+08:00"),
            ("2017年9月6日", "2017-09-06T00:00:00+08:00"),
            ("2017年9月6日 9:11", "2017-09-06T09:11:00+08:00"),
            ("2017年09月06日09时11分", "2017-09-06T09:11:00+08:00"),
            ("1504660260", "2017-09-06T09:11:00+08:00"),
            ("1504660260000", "2017-09-06T09:11:00+08:00"),
            ("20120706", "2012-07-06T00:00:00+08:00"),
            // Civil forms with an offset or zone word (Jekyll, Hugo, scrapers).
            ("2019-10-01 08:30:00 +0800", "2019-10-01T08:30:00+08:00"),
            ("2019-05-18 +08:00", "2019-05-18T00:00:00+08:00"),
            ("2017-09-06 01:11 GMT", "2017-09-06T01:11:00+00:00"),
            ("2021-05-18T17:30:00.000+0800", "2021-05-18T17:30:00+08:00"),
            // RFC 2822 (RSS pubDate).
            ("Thu, 27 Nov 2025 23:00:14 GMT", "2025-11-27T23:00:14+00:00"),
            (
                "Mon, 30 Dec 2021 10:00:00 +0800",
                "2021-12-30T10:00:00+08:00",
            ),
            // English month names.
            ("Dec 30 2021", "2021-12-30T00:00:00+08:00"),
            ("December 30, 2021", "2021-12-30T00:00:00+08:00"),
            ("30 Dec 2021 10:05", "2021-12-30T10:05:00+08:00"),
            // Fractions of a second; digits only.
            ("2019-10-01 08:30:00.0", "2019-10-01T08:30:00+08:00"),
            ("20191001083000", "2019-10-01T08:30:00+08:00"),
            // Weibo's and Twitter's created_at.
            (
                "Tue May 18 08:30:00 +0800 2021",
                "2021-05-18T08:30:00+08:00",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(show(input), want, "input {input:?}");
        }
    }

    #[test]
    fn jekyll_front_matter_dates() {
        let rfc = |v: &str| match Date::from_text(v) {
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
            !Date::from_text("2019-05-18 +0800")
                .stamp()
                .unwrap()
                .has_time
        );
        assert_eq!(rfc("2018-02-18 15:24"), "2018-02-18T15:24:00+08:00");
        assert_eq!(rfc("2019-10-01T08:30:00Z"), "2019-10-01T08:30:00+00:00");
        assert_eq!(rfc("不详"), "Unparsed(\"不详\")");
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "yesterday",
            "2017-13-01",
            "2017-02-30",
            "9/6/2017",
            "2017-09-06 25:00",
            "12",
            "2017-09-06 09",
            // A date that starts with a separator is not the date after it.
            "-2017-09-06",
            "/2017/9/6",
        ] {
            assert_eq!(show(bad), "none", "input {bad:?}");
        }
    }

    #[test]
    fn display_with_and_without_time() {
        assert_eq!(
            parse("2017-09-06 09:11").unwrap().display(),
            "2017-09-06 09:11"
        );
        assert_eq!(parse("2017年9月6日").unwrap().display(), "2017-09-06");
        assert_eq!(Date::from_text("上周三").display(), "上周三");
        assert_eq!(Date::from_text("  "), Date::Missing);
    }

    #[test]
    fn sort_keys_put_undated_last_both_ways() {
        let old = Date::from_text("2001-01-01");
        let new = Date::from_text("2020-01-01");
        let bad = Date::from_text("???");
        let mut v = vec![bad.clone(), old.clone(), Date::Missing, new.clone()];
        v.sort_by_key(|d| d.newest_first_key());
        assert_eq!(
            v,
            vec![new.clone(), old.clone(), bad.clone(), Date::Missing]
        );
        v.sort_by_key(|d| d.oldest_first_key());
        assert_eq!(v, vec![old, new, bad, Date::Missing]);
    }
}
