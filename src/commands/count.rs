//! `juan count`: how many articles match, period by period (`PERIOD<TAB>COUNT`, every year,
//! month or day from the first match's to the last's, zeros included) — "how often did the
//! press write about X, year by year", the first question of a media study. Loads and searches
//! exactly as `juan list` does; periods are those of the display zone, as dates are shown
//! (China Standard Time unless `--tz`), and are counted as the interface's timeline counts
//! them ([`crate::app::timeline`]).

use super::{Outcome, load_reporting_with, title_check, with_stdout};
use crate::app::timeline::period::{Periods, Unit};
use crate::app::timeline::{count_marked, span_marked};
use crate::cli::{CountArgs, CountBy};
use crate::query::Query;
use crate::search;

/// Runs `juan count`: prints each period and its count (or JSON Lines with `--json`), and on
/// stderr how many matches are undated and so in no period, when any are. No match prints
/// nothing (exit 0, as `juan list` does); an archive that could not be read at all exits 1.
pub fn count(args: &CountArgs) -> Outcome {
    let query = Query::parse(args.query.as_deref().unwrap_or(""))
        .map_err(|e| super::Failure::Query(e.to_string()))?;
    // No title is printed: a query reading none leaves them unread.
    let loaded = load_reporting_with(&args.paths, title_check(&query, Some(0)));
    let failed = loaded.corpus.is_empty() && !loaded.problems.is_empty();
    let corpus = loaded.corpus;
    let query = super::bind_marks(query, &corpus)?;
    if query.reads_bodies() {
        // As `juan list`: the body index kept in the cache answers `body:` and `text:`.
        corpus.read_body_indexes();
    }
    // Counts need every hit, in no order: nothing is ranked, and no hit list is made.
    let marks = search::matching_marks(&corpus, &query);
    let unit = match args.by {
        CountBy::Year => Unit::Year,
        CountBy::Month => Unit::Month,
        CountBy::Day => Unit::Day,
    };
    let span = span_marked(&corpus, &marks);
    let (periods, counts, undated) = match span {
        Some((first, last)) => {
            let periods = Periods::between_instants(unit, first, last);
            let (counts, undated) = count_marked(&corpus, &marks, &periods);
            (Some(periods), counts, undated)
        }
        None => {
            let hits = marks.iter().map(|w| w.count_ones() as usize).sum();
            (None, Vec::new(), hits)
        }
    };
    if undated > 0 {
        let noun = if undated == 1 { "match" } else { "matches" };
        eprintln!("juan: {undated} undated {noun} not counted");
    }
    with_stdout(|out| {
        if let Some(periods) = &periods {
            for (k, n) in counts.iter().enumerate() {
                let period = periods.label(k);
                if args.json {
                    // By hand: serde_json's maps sort their keys, and the period reads first.
                    let period = serde_json::Value::from(period);
                    writeln!(out, "{{\"period\":{period},\"count\":{n}}}")?;
                } else {
                    writeln!(out, "{period}\t{n}")?;
                }
            }
        }
        Ok(if failed { 1 } else { 0 })
    })
}
