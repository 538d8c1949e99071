//! The one zone dates are shown and matched in: China Standard Time unless the user chose
//! another (`--tz ZONE|local`). A date written with an offset (`…T17:30:00Z`) is an instant, so
//! it is shown in this zone, and `date:` names days of this zone, so that the day listed and
//! the day matched never disagree. A date written as a day alone (`2017-09-06`) is that
//! calendar day in any zone.
//!
//! The zone is chosen once, at start-up, before anything is shown ([`set`]); it is a
//! process-wide setting because every date on screen and every `date:` term must agree on it.

use std::sync::OnceLock;

use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, civil};

use super::DEFAULT_OFFSET_SECS;

static ZONE: OnceLock<TimeZone> = OnceLock::new();

/// Chooses the display zone; only the first call counts (later ones are ignored and return
/// false).
pub fn set(zone: TimeZone) -> bool {
    ZONE.set(zone).is_ok()
}

/// The display zone: the one [`set`] chose, else China Standard Time (UTC+8).
pub(crate) fn get() -> &'static TimeZone {
    ZONE.get_or_init(|| TimeZone::fixed(default_offset()))
}

/// UTC+8.
fn default_offset() -> Offset {
    Offset::from_seconds(DEFAULT_OFFSET_SECS).unwrap_or(Offset::UTC)
}

/// Reads a `--tz` value: `local` (the system's zone), `UTC`, an offset (`+08:00`, `-0500`,
/// `+8`) or an IANA name (`Asia/Hong_Kong`, `Europe/London`).
pub fn parse(text: &str) -> Result<TimeZone, String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("local") {
        return TimeZone::try_system().map_err(|e| format!("the system's time zone: {e}"));
    }
    if t.eq_ignore_ascii_case("utc") || t == "Z" {
        return Ok(TimeZone::UTC);
    }
    if let Some(offset) = parse_offset(t) {
        return Ok(TimeZone::fixed(offset));
    }
    TimeZone::get(t).map_err(|_| {
        format!("`{t}` is not a time zone (use local, UTC, +08:00 or a name such as Asia/Shanghai)")
    })
}

/// `+08:00`, `+0800`, `+08`, `+8`, `-05:30`.
pub(crate) fn parse_offset(t: &str) -> Option<Offset> {
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 18 || m > 59 {
        return None;
    }
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

/// The civil time of `unix` in the display zone.
pub(crate) fn civil_of(unix: i64) -> civil::DateTime {
    let ts = Timestamp::from_second(unix).unwrap_or(Timestamp::UNIX_EPOCH);
    get().to_datetime(ts)
}

/// Seconds east of UTC of the display zone at the instant `unix`.
pub(crate) fn offset_at(unix: i64) -> i32 {
    let ts = Timestamp::from_second(unix).unwrap_or(Timestamp::UNIX_EPOCH);
    get().to_offset(ts).seconds()
}

/// The first second of `day` in the display zone (the earlier, in a zone's DST gap).
pub(crate) fn midnight(day: civil::Date) -> i64 {
    let dt = day.to_datetime(civil::Time::midnight());
    get()
        .to_ambiguous_timestamp(dt)
        .compatible()
        .map_or(i64::MIN, |ts| ts.as_second())
}

/// The fixed offset of the display zone, when it has one (no DST, no history).
pub(crate) fn fixed_offset() -> Option<i32> {
    static FIXED: OnceLock<Option<i32>> = OnceLock::new();
    *FIXED.get_or_init(|| get().to_fixed_offset().ok().map(|o| o.seconds()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_values() {
        assert_eq!(parse("UTC").unwrap(), TimeZone::UTC);
        let fixed = |s: &str| parse(s).unwrap().to_fixed_offset().unwrap().seconds();
        assert_eq!(fixed("+08:00"), 8 * 3600);
        assert_eq!(fixed("+0800"), 8 * 3600);
        assert_eq!(fixed("+8"), 8 * 3600);
        assert_eq!(fixed("-05:30"), -(5 * 3600 + 30 * 60));
        assert!(parse("Asia/Hong_Kong").is_ok());
        assert!(parse("local").is_ok());
        let err = parse("Mars/Olympus").unwrap_err();
        assert!(err.contains("is not a time zone"), "{err}");
        assert!(parse("+25:00").is_err());
    }

    #[test]
    fn the_default_is_china_standard_time() {
        // No test sets the zone: the whole test binary shows dates in UTC+8.
        assert_eq!(fixed_offset(), Some(8 * 3600));
        let day = civil::date(2021, 5, 18);
        assert_eq!(midnight(day), 1_621_267_200);
        assert_eq!(civil_of(1_621_267_200).to_string(), "2021-05-18T00:00:00");
    }
}
