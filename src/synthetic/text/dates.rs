//! Publication dates of the text-based generator: uniform over the minutes of the 20 years
//! 2005–2024 (five more than `juan gen`'s own, so the two archives' dates differ in shape too),
//! written as `YYYY-MM-DD HH:MM` (zone-less: juan reads them as UTC+8).

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::synthetic::random::Rng;

/// The first day dates are drawn from.
pub(crate) const FIRST_DAY: Date = jiff::civil::date(2005, 1, 1);
/// The last day dates are drawn from.
pub(crate) const LAST_DAY: Date = jiff::civil::date(2024, 12, 31);

/// Every day of the range, already formatted, so drawing a date costs no calendar arithmetic.
#[derive(Debug, Clone)]
pub(crate) struct Days {
    days: Vec<String>,
}

impl Days {
    /// The 7,305 days from [`FIRST_DAY`] to [`LAST_DAY`].
    pub(crate) fn new() -> Days {
        let days = FIRST_DAY
            .series(jiff::Span::new().days(1))
            .take_while(|d| *d <= LAST_DAY)
            .map(|d| d.strftime("%Y-%m-%d").to_string())
            .collect();
        Days { days }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_years_of_days() {
        let days = Days::new();
        assert_eq!(days.days.len(), 20 * 365 + 5); // 2008, 2012, 2016, 2020, 2024
        assert_eq!(days.days[0], "2005-01-01");
        assert_eq!(days.days[days.days.len() - 1], "2024-12-31");
    }

    #[test]
    fn drawn_dates_parse_and_cover_every_year() {
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
        assert_eq!(years, (2005..=2024).collect());
    }
}
