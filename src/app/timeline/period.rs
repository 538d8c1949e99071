//! Calendar periods (years, months, days) of the display zone as Unix-second boundaries, so
//! that an article's period is a look-up among those stamps (its step's, `Steps`), not a
//! time-zone call per article: the timeline strip counts a million hits this way on every
//! keystroke, and `juan count` does the same for its table. A period is the one an article's
//! date is *shown* in ([`crate::date::zone`]): an instant falls in the zone's day, a date
//! written as a day alone in that day (the instant `date:` terms match it by,
//! `Index::matched_instant`).

use jiff::civil;

use crate::date::zone;

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Unit {
    /// Calendar years (`2019`).
    Year,
    /// Calendar months (`2019-03`).
    Month,
    /// Calendar days (`2019-03-07`).
    Day,
}

impl Unit {
    /// Every unit, finest first.
    pub(crate) const FINEST_FIRST: [Unit; 3] = [Unit::Day, Unit::Month, Unit::Year];

    /// How many periods of this unit run from the one holding `first` to the one holding
    /// `last` (both included; 0 when `last` is before `first`).
    pub(crate) fn count_between(self, first: civil::Date, last: civil::Date) -> u64 {
        if last < first {
            return 0;
        }
        let years = i64::from(last.year()) - i64::from(first.year());
        let n = match self {
            Unit::Year => years,
            Unit::Month => years * 12 + i64::from(last.month()) - i64::from(first.month()),
            Unit::Day => i64::from(last.since(first).map_or(0, |s| s.get_days())),
        };
        n as u64 + 1
    }
}

/// Consecutive periods of one unit (years may be grouped `step` at a time), each with the
/// instant it starts at in the display zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Periods {
    unit: Unit,
    /// Years per period ([`Unit::Year`] only; 1 otherwise).
    step: i16,
    /// The first day of each period.
    days: Vec<civil::Date>,
    /// The instant each period starts at, plus the instant the last one ends at (one more
    /// entry than `days`; `i64::MAX` past jiff's last day).
    starts: Vec<i64>,
    /// Where [`Periods::index_of`] starts looking.
    steps: Steps,
}

/// The period holding the first instant of each step of `1 << shift` seconds from the first
/// period's start to the last's: an instant's period is then its step's or one of the few
/// after it. `juan count` and the timeline find a period for every hit (a million at 1M), and
/// a binary search over the starts was most of `juan count -q body:的`'s sweep.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Steps {
    shift: u32,
    first_period: Vec<u32>,
}

/// Most steps a [`Steps`] holds (16 KiB, in the first-level cache): the shift grows until
/// the span fits. Thirty years of days are then 11,000 periods in 4,096 steps of three days.
const MAX_STEPS: i64 = 1 << 12;

impl Steps {
    /// The steps over `starts` (ascending, at least two).
    fn over(starts: &[i64]) -> Steps {
        let (first, last) = (starts[0], starts[starts.len() - 2]);
        let span = last.saturating_sub(first);
        let mut shift = 12;
        while shift < 62 && span >> shift >= MAX_STEPS {
            shift += 1;
        }
        // One walk: the steps' first instants and the starts both ascend.
        let mut k = 0;
        let first_period = (0..=span >> shift)
            .map(|b| {
                let t = first.saturating_add(b << shift);
                while starts[k + 1] <= t {
                    k += 1;
                }
                k as u32
            })
            .collect();
        Steps {
            shift,
            first_period,
        }
    }
}

impl Periods {
    /// The periods of `unit` from the one holding `first` to the one holding `last`, years
    /// grouped `step` at a time (starting at `first`'s year).
    pub(crate) fn spanning(
        unit: Unit,
        step: i16,
        first: civil::Date,
        last: civil::Date,
    ) -> Periods {
        let step = if unit == Unit::Year { step.max(1) } else { 1 };
        let mut day = match unit {
            Unit::Year => first.first_of_year(),
            Unit::Month => first.first_of_month(),
            Unit::Day => first,
        };
        let mut days = Vec::new();
        let mut starts = Vec::new();
        let end = loop {
            days.push(day);
            starts.push(zone::midnight(day));
            let next = match unit {
                Unit::Year => civil::Date::new(day.year().saturating_add(step), 1, 1),
                Unit::Month if day.month() == 12 => {
                    civil::Date::new(day.year().saturating_add(1), 1, 1)
                }
                Unit::Month => civil::Date::new(day.year(), day.month() + 1, 1),
                Unit::Day => day.tomorrow(),
            };
            match next {
                Ok(next) if next <= last => day = next,
                Ok(next) => break zone::midnight(next),
                Err(_) => break i64::MAX,
            }
        };
        starts.push(end);
        Periods {
            unit,
            step,
            days,
            steps: Steps::over(&starts),
            starts,
        }
    }

    /// The periods of `unit` from the one holding instant `first` to the one holding `last`.
    pub(crate) fn between_instants(unit: Unit, first: i64, last: i64) -> Periods {
        let day = |t| zone::civil_of(t).date();
        Periods::spanning(unit, 1, day(first), day(last))
    }

    /// The unit.
    #[cfg(test)]
    pub(crate) fn unit(&self) -> Unit {
        self.unit
    }

    /// How many periods.
    pub(crate) fn len(&self) -> usize {
        self.days.len()
    }

    /// The period holding `instant`, if one does.
    pub(crate) fn index_of(&self, instant: i64) -> Option<usize> {
        let n = self.days.len();
        if instant < self.starts[0] || instant >= self.starts[n] {
            return None;
        }
        if instant >= self.starts[n - 1] {
            return Some(n - 1);
        }
        // Below the last period's start: inside the steps. Its step's period holds the
        // step's first instant, so it holds `instant` or one after it does, up to the next
        // step's.
        let step = ((instant - self.starts[0]) >> self.steps.shift) as usize;
        let from = self.steps.first_period[step] as usize;
        let to = self
            .steps
            .first_period
            .get(step + 1)
            .map_or(n - 1, |&k| k as usize);
        Some(from + self.starts[from + 1..=to].partition_point(|&s| s <= instant))
    }

    /// How period `k` is written: `2019`, `2019-03` or `2019-03-07` (a group of years by its
    /// first).
    pub(crate) fn label(&self, k: usize) -> String {
        let d = self.days[k];
        let year = if d.year() < 0 {
            format!("-{:04}", -i32::from(d.year()))
        } else {
            format!("{:04}", d.year())
        };
        match self.unit {
            Unit::Year => year,
            Unit::Month => format!("{year}-{:02}", d.month()),
            Unit::Day => format!("{year}-{:02}-{:02}", d.month(), d.day()),
        }
    }

    /// The widest label of this unit for years 0–9999 (what room a label needs).
    pub(crate) fn label_width(unit: Unit) -> usize {
        match unit {
            Unit::Year => 4,
            Unit::Month => 7,
            Unit::Day => 10,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> civil::Date {
        civil::date(y, m, day)
    }

    #[test]
    fn counts_between_dates() {
        assert_eq!(Unit::Year.count_between(d(2015, 6, 1), d(2024, 1, 1)), 10);
        assert_eq!(Unit::Month.count_between(d(2015, 11, 30), d(2016, 2, 1)), 4);
        assert_eq!(Unit::Day.count_between(d(2016, 2, 27), d(2016, 3, 1)), 4);
        assert_eq!(Unit::Day.count_between(d(2016, 3, 1), d(2016, 2, 27)), 0);
    }

    #[test]
    fn years_months_and_days_in_china_standard_time() {
        // The test binary's display zone is UTC+8.
        let p = Periods::spanning(Unit::Year, 1, d(2015, 3, 1), d(2017, 12, 31));
        assert_eq!(p.len(), 3);
        assert_eq!(
            (0..3).map(|k| p.label(k)).collect::<Vec<_>>(),
            ["2015", "2016", "2017"]
        );
        let new_year_2016 = 1_451_577_600; // 2016-01-01T00:00+08:00
        assert_eq!(p.index_of(new_year_2016 - 1), Some(0));
        assert_eq!(p.index_of(new_year_2016), Some(1));
        assert_eq!(p.index_of(1_420_041_600 - 1), None, "before 2015 in UTC+8");
        assert_eq!(p.index_of(1_514_736_000), None, "2018-01-01T00:00+08:00");
        let p = Periods::spanning(Unit::Month, 1, d(2015, 11, 20), d(2016, 2, 1));
        assert_eq!(
            (0..p.len()).map(|k| p.label(k)).collect::<Vec<_>>(),
            ["2015-11", "2015-12", "2016-01", "2016-02"]
        );
        let p = Periods::between_instants(Unit::Day, new_year_2016 - 1, new_year_2016 + 86_400);
        assert_eq!(
            (0..p.len()).map(|k| p.label(k)).collect::<Vec<_>>(),
            ["2015-12-31", "2016-01-01", "2016-01-02"]
        );
        assert_eq!(p.index_of(new_year_2016 + 86_399), Some(1));
    }

    #[test]
    fn grouped_years_and_the_end_of_the_calendar() {
        let p = Periods::spanning(Unit::Year, 5, d(2001, 1, 1), d(2012, 1, 1));
        assert_eq!(
            (0..p.len()).map(|k| p.label(k)).collect::<Vec<_>>(),
            ["2001", "2006", "2011"]
        );
        let p = Periods::spanning(Unit::Day, 1, d(9999, 12, 30), d(9999, 12, 31));
        assert_eq!(p.len(), 2);
        assert_eq!(p.index_of(i64::MAX - 1), Some(1));
    }

    #[test]
    fn an_instants_period_is_the_one_a_search_of_the_starts_gives() {
        let brute = |p: &Periods, t: i64| {
            let k = p.starts.partition_point(|&s| s <= t);
            (k > 0 && k < p.starts.len()).then(|| k - 1)
        };
        for (unit, step, first, last) in [
            (Unit::Year, 1, d(2015, 3, 1), d(2015, 3, 1)),
            (Unit::Year, 1, d(1990, 1, 1), d(2024, 6, 30)),
            (Unit::Year, 7, d(1, 1, 1), d(9999, 12, 31)),
            (Unit::Month, 1, d(2015, 11, 20), d(2016, 2, 1)),
            (Unit::Month, 1, d(1900, 1, 1), d(2030, 1, 1)),
            (Unit::Day, 1, d(2016, 2, 27), d(2016, 3, 1)),
            (Unit::Day, 1, d(1995, 1, 1), d(2025, 12, 31)),
            (Unit::Day, 1, d(9999, 12, 30), d(9999, 12, 31)),
        ] {
            let p = Periods::spanning(unit, step, first, last);
            assert!(p.steps.first_period.len() as i64 <= MAX_STEPS + 1);
            let (lo, hi) = (p.starts[0], p.starts[p.len() - 1]);
            let mut probes = vec![lo - 1, lo, hi - 1, hi, hi.saturating_add(1), i64::MAX - 1];
            probes.extend(
                p.starts
                    .iter()
                    .flat_map(|&s| [s - 1, s, s.saturating_add(1)]),
            );
            let stride = (hi - lo) / 5000 + 1;
            probes.extend((lo..hi).step_by(stride as usize).map(|t| t + 7919 % stride));
            for t in probes {
                assert_eq!(
                    p.index_of(t),
                    brute(&p, t),
                    "{unit:?} {first}..{last} at {t}"
                );
            }
        }
    }
}
