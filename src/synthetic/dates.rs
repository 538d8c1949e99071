//! Publication dates: uniform over the minutes of the 15 years 2010–2024, written as
//! `YYYY-MM-DD HH:MM` (zone-less, so juan reads them as UTC+8, as Chinese sites mean them).

use std::fmt::Write as _;

use jiff::civil::Date;

use super::random::Rng;

/// The first day dates are drawn from.
pub(crate) const FIRST_DAY: Date = jiff::civil::date(2010, 1, 1);
/// The last day dates are drawn from.
pub(crate) const LAST_DAY: Date = jiff::civil::date(2024, 12, 31);

/// Every day of the range, already formatted, so drawing a date costs no calendar arithmetic.
#[derive(Debug, Clone)]
pub(crate) struct Days {
    days: Vec<String>,
}

impl Days {
    /// The 5,479 days from [`FIRST_DAY`] to [`LAST_DAY`].
    pub(crate) fn new() -> Days {
        Days::between(FIRST_DAY, LAST_DAY)
    }

    /// Every day from `first` to `last`, both included.
    pub(crate) fn between(first: Date, last: Date) -> Days {
        let days = first
            .series(jiff::Span::new().days(1))
            .take_while(|d| *d <= last)
            .map(|d| d.strftime("%Y-%m-%d").to_string())
            .collect();
        Days { days }
    }

    /// How many days there are.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.days.len()
    }

    /// Draws a day and a minute, writes `YYYY-MM-DD HH:MM` into `out` (cleared first) and
    /// returns the day's `YYYY-MM-DD` part.
    pub(crate) fn draw<'a>(&'a self, rng: &mut Rng, out: &mut String) -> &'a str {
        let day = &self.days[rng.below(self.days.len() as u32) as usize];
        let minute = rng.below(24 * 60);
        out.clear();
        let _ = write!(out, "{day} {:02}:{:02}", minute / 60, minute % 60);
        day
    }
}

impl Default for Days {
    fn default() -> Self {
        Days::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifteen_years_of_days() {
        let days = Days::new();
        assert_eq!(days.len(), 15 * 365 + 4); // 2012, 2016, 2020, 2024 are leap years
        assert_eq!(days.days[0], "2010-01-01");
        assert_eq!(days.days[days.len() - 1], "2024-12-31");
    }

    #[test]
    fn drawn_dates_parse_and_spread_over_the_range() {
        let days = Days::new();
        let mut rng = Rng::new(11);
        let mut text = String::new();
        let mut years = std::collections::BTreeSet::new();
        for _ in 0..5000 {
            let day = days.draw(&mut rng, &mut text);
            assert!(text.starts_with(day));
            let stamp = crate::date::parse(&text).expect("a date juan reads");
            assert!(stamp.has_time);
            years.insert(stamp.civil().year());
        }
        assert_eq!(years, (2010..=2024).collect());
    }
}
