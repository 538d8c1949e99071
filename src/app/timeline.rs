//! The timeline strip's state: how many of the current hits fall in each period (year, month
//! or day of the display zone) across the whole archive's span — its first to its last dated
//! article, not the hits', so the strip stays put while the query changes and shows *when*
//! the matches are. The unit is the finest whose periods fit the terminal's width (years are
//! grouped when even they do not). Counted again when the hits change (`App::show_hits`) or
//! the width does (`App::resize`), by looking each hit's instant up among the periods'
//! start instants ([`period`]): no time-zone call per hit, and a million hits on all cores.
//! `juan count` counts a bitmap of its hits with the same code ([`count_marked`]).
//!
//! `ui::timeline` draws it; [`App::period_target`] is where the previous/next period keys go.

use rayon::prelude::*;

use super::App;
use crate::corpus::Corpus;
use crate::query::{Hit, Order};
use crate::search::Marks;

pub(crate) mod period;

use period::{Periods, Unit};

/// Fewest sparkline cells worth drawing labels beside.
const MIN_SPARK_WITH_LABELS: usize = 8;

/// Hits per slice counted on one core.
const SLICE: usize = 1 << 15;

/// The counts the strip shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Timeline {
    /// The width the periods were chosen for.
    width: u16,
    /// The archive's periods; `None` when it has no dated article or the width is 0.
    periods: Option<Periods>,
    /// True when the first and last period's labels fit beside the sparkline.
    labels: bool,
    /// Hits per period.
    counts: Vec<u32>,
    /// Hits with no date (in no period).
    undated: usize,
}

impl Timeline {
    /// The hits of `corpus` counted per period of its span, periods chosen for `width` cells;
    /// `marks` is the hits' bitmap, made here when they are many and not made yet.
    pub(crate) fn count(corpus: &Corpus, hits: &[Hit], marks: &Marks, width: u16) -> Timeline {
        let Some((first, last)) = corpus_span(corpus) else {
            // Nothing dated: every hit is undated.
            return Timeline {
                width,
                undated: hits.len(),
                ..Timeline::default()
            };
        };
        let day = |t| crate::date::zone::civil_of(t).date();
        let Some((periods, labels)) = choose(day(first), day(last), usize::from(width)) else {
            return Timeline {
                width,
                ..Timeline::default()
            };
        };
        let (counts, undated) = count_in(corpus, hits, marks, &periods);
        Timeline {
            width,
            periods: Some(periods),
            labels,
            counts,
            undated,
        }
    }

    /// The width the periods were chosen for.
    #[cfg(test)]
    pub(crate) fn width(&self) -> u16 {
        self.width
    }

    /// The periods, when the archive has dated articles.
    pub(crate) fn periods(&self) -> Option<&Periods> {
        self.periods.as_ref()
    }

    /// Hits per period, oldest period first.
    pub(crate) fn counts(&self) -> &[u32] {
        &self.counts
    }

    /// True when the first and last labels fit beside the sparkline.
    pub(crate) fn labels(&self) -> bool {
        self.labels
    }

    /// Hits with no date (0 when there are no periods for a width of 0).
    #[cfg(test)]
    pub(crate) fn undated(&self) -> usize {
        self.undated
    }

    /// Cells each period takes: the room left by the labels shared out, at least one.
    pub(crate) fn cells_per_period(&self) -> usize {
        let n = self.counts.len().max(1);
        let room = usize::from(self.width).saturating_sub(self.label_room());
        (room / n).max(1)
    }

    /// Cells the two labels and their spaces take (0 without labels).
    pub(crate) fn label_room(&self) -> usize {
        match (&self.periods, self.labels) {
            (Some(p), true) => p.label(0).len() + p.label(p.len() - 1).len() + 2,
            _ => 0,
        }
    }
}

/// The periods for the span from `first` to `last` in `width` cells, and whether the labels
/// fit: the finest unit whose periods fit beside the labels, else years grouped to fit beside
/// them, else (a narrow strip) the finest that fits alone, else grouped years alone.
fn choose(
    first: jiff::civil::Date,
    last: jiff::civil::Date,
    width: usize,
) -> Option<(Periods, bool)> {
    if width == 0 {
        return None;
    }
    let with_labels = |unit| width.checked_sub(2 * (Periods::label_width(unit) + 1));
    for unit in Unit::FINEST_FIRST {
        let room = with_labels(unit).filter(|&r| r >= MIN_SPARK_WITH_LABELS);
        if room.is_some_and(|room| unit.count_between(first, last) <= room as u64) {
            return Some((Periods::spanning(unit, 1, first, last), true));
        }
    }
    let years = Unit::Year.count_between(first, last);
    let grouped = |room: usize| {
        let step = years.div_ceil(room as u64).min(i16::MAX as u64) as i16;
        Periods::spanning(Unit::Year, step, first, last)
    };
    if let Some(room) = with_labels(Unit::Year).filter(|&r| r >= MIN_SPARK_WITH_LABELS) {
        return Some((grouped(room), true));
    }
    for unit in Unit::FINEST_FIRST {
        if unit.count_between(first, last) <= width as u64 {
            return Some((Periods::spanning(unit, 1, first, last), false));
        }
    }
    Some((grouped(width), false))
}

/// The instant of the archive's first and last dated article, as `date:` matches them.
fn corpus_span(corpus: &Corpus) -> Option<(i64, i64)> {
    let mut span: Option<(i64, i64)> = None;
    for chunk in corpus.chunks() {
        let order = chunk.index.in_order(Order::NewestFirst);
        let dated = order.partition_point(|&i| chunk.index.date_parts(i as usize).0 == 0);
        if dated == 0 {
            continue;
        }
        let at = |k: usize| chunk.index.matched_instant(order[k] as usize);
        let (Some(newest), Some(oldest)) = (at(0), at(dated - 1)) else {
            continue;
        };
        span = Some(match span {
            Some((lo, hi)) => (lo.min(oldest), hi.max(newest)),
            None => (oldest, newest),
        });
    }
    span
}

/// The instant article `article` is dated at, as `date:` matches it (a day alone: that day's
/// first second in the display zone).
pub(crate) fn instant_of(corpus: &Corpus, article: usize) -> Option<i64> {
    let (chunk, local) = corpus.locate(article);
    chunk.index.matched_instant(local)
}

/// Hits counted per period, and how many have no date.
type Counts = (Vec<u32>, usize);

/// Counts one hit dated `t` (`None`: undated) into `counts`; one dated outside the periods
/// counts nowhere.
fn count_one(counts: &mut Counts, periods: &Periods, t: Option<i64>) {
    match t {
        Some(t) => {
            if let Some(k) = periods.index_of(t) {
                counts.0[k] += 1;
            }
        }
        None => counts.1 += 1,
    }
}

/// Two parts' counts added.
fn merged((mut a, ua): Counts, (b, ub): Counts) -> Counts {
    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
    (a, ua + ub)
}

/// `hits` counted per period of `periods`, and how many have no date (hits dated outside
/// the periods count nowhere). Many hits are read from their bitmap, `marks` (made on every
/// core unless the search thread made it first: 7M hits of a 10M archive, marked one by one
/// on the interface's thread, took tens of milliseconds).
pub(crate) fn count_in(corpus: &Corpus, hits: &[Hit], marks: &Marks, periods: &Periods) -> Counts {
    let zero = || (vec![0u32; periods.len()], 0);
    let tally = |part: &[Hit]| {
        let mut counts = zero();
        for hit in part {
            count_one(&mut counts, periods, instant_of(corpus, hit.article()));
        }
        counts
    };
    if hits.len() <= SLICE {
        return tally(hits);
    }
    if hits.len() >= corpus.len() / SWEEP_SHARE {
        return count_marked(corpus, &marks.make(hits, corpus.len()), periods);
    }
    hits.par_chunks(SLICE).map(tally).reduce(zero, merged)
}

/// The articles marked in `marks` (a bitmap over global numbers) counted per period of
/// `periods`, and how many have no date, as [`count_in`] counts hits: every chunk read in
/// load order on every core. For many hits: reading the dates in the hits' own (ranked)
/// order missed the cache on every hit, and 8M hits of a 10M archive took most of a second
/// on the interface's thread.
pub(crate) fn count_marked(corpus: &Corpus, marks: &[u64], periods: &Periods) -> Counts {
    let zero = || (vec![0u32; periods.len()], 0);
    corpus
        .chunks()
        .par_iter()
        .map(|chunk| {
            let mut counts = zero();
            for local in marked_in(marks, chunk.first, chunk.len()) {
                count_one(&mut counts, periods, chunk.index.matched_instant(local));
            }
            counts
        })
        .reduce(zero, merged)
}

/// Hits holding at least one article in this many are counted from their bitmap, and their
/// span found from the chunks' date orders.
const SWEEP_SHARE: usize = 16;

/// The first and last instant among the articles marked in `marks` (a bitmap over global
/// numbers), as [`instant_of`] gives them (undated ones aside); `None` when none is dated.
pub(crate) fn span_marked(corpus: &Corpus, marks: &[u64]) -> Option<(i64, i64)> {
    let marked = |g: usize| marks.get(g / 64).is_some_and(|w| w >> (g % 64) & 1 == 1);
    let few =
        marks.iter().map(|w| w.count_ones() as usize).sum::<usize>() < corpus.len() / SWEEP_SHARE;
    corpus
        .chunks()
        .par_iter()
        .filter_map(|chunk| {
            let at = |local: usize| chunk.index.matched_instant(local);
            if few {
                // Each marked article's own date: fewer reads than walking the date order.
                return marked_in(marks, chunk.first, chunk.len())
                    .filter_map(at)
                    .fold(None, |span: Option<(i64, i64)>, t| {
                        Some(span.map_or((t, t), |(lo, hi)| (lo.min(t), hi.max(t))))
                    });
            }
            // Each chunk's newest and oldest marked article, met first from either end of
            // its date order (at once when they are many), not a sweep of every date.
            let order = chunk.index.in_order(Order::NewestFirst);
            let dated = order.partition_point(|&i| chunk.index.date_parts(i as usize).0 == 0);
            let hit = |&&i: &&u32| marked(chunk.first + i as usize);
            let newest = order[..dated].iter().find(hit)?;
            let oldest = order[..dated].iter().rev().find(hit)?;
            Some((at(*oldest as usize)?, at(*newest as usize)?))
        })
        .reduce_with(|(lo, hi), (a, b)| (lo.min(a), hi.max(b)))
}

/// The local numbers of a chunk's articles (global `first` to `first + len`) marked in
/// `marks`, ascending: word by word, so a sparse bitmap costs its words and its bits.
fn marked_in(marks: &[u64], first: usize, len: usize) -> impl Iterator<Item = usize> + '_ {
    let end = first + len;
    let words = first / 64..end.div_ceil(64).min(marks.len());
    words.flat_map(move |k| {
        let lo = (k * 64).max(first);
        let hi = (k * 64 + 64).min(end);
        // The bits of this word inside the chunk.
        let mut bits = marks[k] >> (lo % 64) << (lo % 64);
        if hi % 64 != 0 {
            bits &= (1u64 << (hi % 64)) - 1;
        }
        std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                k * 64 + b - first
            })
        })
    })
}

impl App {
    /// The timeline strip's counts.
    pub(crate) fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Counts the hits per period again (the hits changed).
    pub(super) fn recount_timeline(&mut self) {
        let width = self.geometry.area.width;
        self.timeline = Timeline::count(&self.corpus, &self.hits, &self.hit_marks, width);
    }

    /// Counts again when the terminal's width changed (the periods may have).
    pub(super) fn fit_timeline(&mut self) {
        if self.timeline.width != self.geometry.area.width {
            self.recount_timeline();
        }
    }

    /// The period of the selected article, when it is dated.
    pub(crate) fn selected_period(&self) -> Option<usize> {
        let hit = self.hits.get(self.selected)?;
        self.period_of(hit)
    }

    fn period_of(&self, hit: &Hit) -> Option<usize> {
        let periods = self.timeline.periods.as_ref()?;
        periods.index_of(instant_of(&self.corpus, hit.article())?)
    }

    /// Where in the list the previous (`direction` < 0) or next period with hits starts,
    /// counting from the selected article's period: the first listed hit of that period.
    /// `None` when the selection is undated or no such period has hits.
    pub(super) fn period_target(&self, direction: isize) -> Option<usize> {
        let here = self.selected_period()?;
        let counts = &self.timeline.counts;
        let target = if direction < 0 {
            (0..here).rev().find(|&k| counts[k] > 0)?
        } else {
            (here + 1..counts.len()).find(|&k| counts[k] > 0)?
        };
        self.hits
            .iter()
            .position(|h| self.period_of(h) == Some(target))
    }
}

#[cfg(test)]
mod tests;
