//! Publication dates of the text-based generator: uniform over the minutes of the 20 years
//! 2005–2024 (five more than `juan gen`'s own, so the two archives' dates differ in shape too),
//! written as `YYYY-MM-DD HH:MM` (zone-less: juan reads them as UTC+8) by `juan gen`'s own
//! [`Days`] over this range.

use jiff::civil::Date;

pub(crate) use crate::synthetic::dates::Days;

/// The first day dates are drawn from.
pub(crate) const FIRST_DAY: Date = jiff::civil::date(2005, 1, 1);
/// The last day dates are drawn from.
pub(crate) const LAST_DAY: Date = jiff::civil::date(2024, 12, 31);

/// The days of the range, to draw dates from ([`Days::draw`]).
pub(crate) fn days() -> Days {
    Days::between(FIRST_DAY, LAST_DAY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::random::Rng;

    #[test]
    fn twenty_years_of_days() {
        assert_eq!(days().len(), 20 * 365 + 5); // 2008, 2012, 2016, 2020, 2024
    }

    #[test]
    fn drawn_dates_parse_and_cover_every_year() {
        let days = days();
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
