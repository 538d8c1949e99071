//! A parsed query compiled against an [`Index`] into checks that one article at a time can
//! pass or fail: source terms become a yes/no per distinct source, dates a span, title terms
//! a folded pattern plus, for ASCII terms, a pinyin term; cheap checks run first. Fuzzy
//! title terms are skim's score, computed without skim's matrix for one char beyond ASCII
//! (`one_char`) or two (`pair`) when only the score is wanted.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::Bodies;
use super::Query;
use super::ReaderMarks;
use super::date_spec::Span;
use super::fold::fold;
use super::index::{Index, Initials, char_signature};
use super::narrow::Growth;
use super::parse::{How, Marked, Pattern, Test};
use super::pinyin::{
    self, Anchors, MAX_TERM_LETTERS, PinyinBound, PinyinTerm, could_match, match_pinyin,
};
use super::readings::letter_mask;
use crate::fulltext::{Candidates, Probe};

mod one_char;
mod opening;
mod pair;
mod sieve;
mod text;

use one_char::OneChar;
pub(crate) use sieve::InitialsSieve;
use text::{exact_gain, exact_hit, exact_score, is_subsequence, text_match};

/// The bound of an article whose score [`Plan::bound`] cannot bound.
pub(crate) const UNBOUNDED: i64 = i64::MAX / 8;

/// Extra per pair of adjacent matched chars in a fuzzy title match.
const ADJACENT_BONUS: i64 = 16;

/// Reusable buffers of a scan, so that testing a title allocates nothing.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// For matching through pinyin.
    pinyin: pinyin::Scratch,
    /// The folded form of a title whose index keeps only the title.
    folded: String,
}

/// What one compiled term tests.
enum Check {
    /// Title text, directly and (for ASCII terms) through pinyin.
    Title {
        /// The folded term and its form.
        pattern: Pattern,
        /// The term's letters and digits: a title lacking one cannot match.
        letters: u64,
        /// The term's [`char_signature`]: unless it may match through pinyin, a title whose
        /// signature lacks a bit of it cannot match.
        chars: u64,
        /// When the term is ASCII letters and digits with a letter, at most
        /// [`MAX_TERM_LETTERS`] long: the term compiled for matching through pinyin too.
        pinyin: Option<PinyinTerm>,
        /// When the term ranks through pinyin and is short enough: its score bound
        /// ([`Plan::bound`]).
        bound: Option<PinyinBound>,
        /// False when a match scores 0 ([`Pattern::ranks`]: one or two letters alone).
        ranks: bool,
        /// The titles holding every char of the term beyond ASCII (none for an ASCII term):
        /// no other title can match.
        candidates: Option<Candidates>,
    },
    /// Whether each distinct source (by id) matches.
    Source(Vec<bool>),
    /// Folded body text.
    Body(BodyCheck),
    /// Folded title or body text (`text:`).
    Text(BodyCheck),
    /// Publication instant within a span; undated articles fail.
    Date(Span),
    /// A mark the reader set, read from the query's [`ReaderMarks`] (none bound: nothing
    /// marked).
    Marked(Marked),
    /// `label:NAME`, its articles looked up once: [`Plan::labels`]`[slot]`.
    Label(usize),
}

/// A body test: the folded pattern, and the articles that may hold it when the body index
/// is built ([`crate::fulltext`]).
struct BodyCheck {
    pattern: Pattern,
    candidates: Option<Candidates>,
    /// The pattern prepared for verifying candidates, once per plan.
    probe: Probe,
}

impl BodyCheck {
    fn new(pattern: &Pattern, bodies: &dyn Bodies) -> BodyCheck {
        BodyCheck {
            candidates: bodies.text_index().map(|t| t.candidates(&pattern.text)),
            probe: Probe::new(&pattern.text),
            pattern: pattern.clone(),
        }
    }

    /// True when the index answers the term exactly: no body is read.
    fn is_exact(&self) -> bool {
        matches!(self.pattern.how, How::Fuzzy | How::Contains)
            && self.candidates.as_ref().is_some_and(|c| c.exact)
    }
}

/// A compiled term.
struct Compiled {
    /// True for `!term`.
    negated: bool,
    /// What it tests.
    check: Check,
}

/// The result of one article passing: its score and matched title chars.
#[derive(Debug, Default)]
pub(super) struct Matched {
    /// Sum of the title terms' scores.
    pub(crate) score: i64,
    /// Matched title char indices, ascending, without repeats.
    pub(crate) positions: Vec<usize>,
}

/// A query compiled for one index; `Sync`, so scans may be split across threads.
pub(super) struct Plan<'a> {
    /// The articles' bodies.
    bodies: &'a dyn Bodies,
    /// Their prepared search data.
    index: &'a Index,
    /// Clauses that must all hold, cheapest first; each an OR of terms.
    clauses: Vec<Vec<Compiled>>,
    /// The fuzzy matcher for bare title terms (texts are folded already: case respected).
    skim: SkimMatcherV2,
    /// Its scores for a term of one char beyond ASCII.
    one_char: OneChar,
    /// The clause of one term whose articles are listed (a body term the body index answered,
    /// a title term with Han chars), the one with the fewest, found once ([`Plan::required`]).
    required: Option<usize>,
    /// The clause and place of the query's one ranking term, when it alone is bounded
    /// ([`Plan::sole_place`]): [`Plan::sole_bound`], and [`Plan::initials_bound`] reads it
    /// alone.
    sole: Option<(usize, usize)>,
    /// The titles' initials when the index has them made ([`Index::title_initials_made`]):
    /// [`Plan::initials_bound`] bounds nothing without them.
    initials: Option<&'a [Initials]>,
    /// The reader's marks, and the number in their corpus of this index's first article.
    marks: Option<(&'a dyn ReaderMarks, usize)>,
    /// The articles of each `label:` term's label ([`Check::Label`]), by slot.
    labels: Vec<Option<&'a [u64]>>,
}

impl<'a> Plan<'a> {
    /// Compiles `query` for `index`, whose articles' bodies `bodies` gives; `first` is the
    /// number of the index's first article in the corpus the query's marks belong to.
    pub(super) fn new(
        bodies: &'a dyn Bodies,
        index: &'a Index,
        query: &'a Query,
        first: usize,
    ) -> Plan<'a> {
        let mut compiled: Vec<Vec<Compiled>> = query
            .clauses
            .iter()
            .map(|clause| {
                clause
                    .iter()
                    .map(|term| Compiled {
                        negated: term.negated,
                        check: compile(&term.test, index, bodies),
                    })
                    .collect()
            })
            .collect();
        // Each label's articles looked up once.
        let marks = query.marks.as_deref();
        let mut labels = Vec::new();
        for term in compiled.iter_mut().flatten() {
            if let Check::Marked(Marked::Label(name)) = &term.check {
                labels.push(marks.and_then(|flags| flags.label_words(name)));
                term.check = Check::Label(labels.len() - 1);
            }
        }
        compiled.sort_by_key(|clause| clause.iter().map(|t| cost(&t.check)).max());
        // The clause of one term with the fewest candidates, when one has any.
        let required = compiled
            .iter()
            .enumerate()
            .filter_map(|(k, clause)| Some((k, required_candidates(clause)?.count())))
            .min_by_key(|&(_, count)| count)
            .map(|(k, _)| k);
        let skim = SkimMatcherV2::default().respect_case();
        let mut plan = Plan {
            bodies,
            index,
            clauses: compiled,
            one_char: OneChar::new(&skim),
            skim,
            required,
            sole: None,
            initials: index.title_initials_made(),
            marks: marks.map(|flags| (flags, first)),
            labels,
        };
        plan.sole = plan.sole_place();
        plan
    }

    /// The articles every match is among, when a clause is one body term the index answered
    /// (a scan then visits those only).
    pub(super) fn required(&self) -> Option<&Candidates> {
        required_candidates(self.clauses.get(self.required?)?)
    }

    /// The articles that match, when the body index answers the whole query: one clause of
    /// one body term, not negated, answered exactly (`body:的`, `body:香港`). Then no article
    /// need be tested.
    pub(super) fn exact_hits(&self) -> Option<&Candidates> {
        match self.clauses.as_slice() {
            [clause] => match clause.as_slice() {
                [
                    Compiled {
                        negated: false,
                        check: Check::Body(body),
                    },
                ] if body.is_exact() => body.candidates.as_ref(),
                _ => None,
            },
            _ => None,
        }
    }

    /// Tests article `i`: `Some` with its score and positions when every clause holds.
    pub(super) fn check(&self, i: usize, scratch: &mut Scratch) -> Option<Matched> {
        self.check_with(i, scratch, Want::Positions)
    }

    /// Tests article `i` like [`Plan::check`] but leaves the positions empty where that saves
    /// work: the score is the same.
    pub(super) fn score(&self, i: usize, scratch: &mut Scratch) -> Option<i64> {
        self.check_with(i, scratch, Want::Score).map(|m| m.score)
    }

    /// Whether article `i` matches, scoring nothing that need not be: a fuzzy title term is
    /// then only looked for, as a subsequence of the title or through pinyin (`juan count`
    /// and a filter of the kept date order, which rank nothing: `search::scan::matching`).
    pub(super) fn matches(&self, i: usize, scratch: &mut Scratch) -> bool {
        self.check_with(i, scratch, Want::Match).is_some()
    }

    /// [`Index::touch_title`] of article `i`.
    pub(super) fn touch_title(&self, i: usize) -> u64 {
        self.index.touch_title(i)
    }

    /// True when [`Plan::bound`] bounds every article's score: each term that ranks matches
    /// through pinyin with a bound table (the rest score 0).
    pub(super) fn bounded(&self) -> bool {
        self.clauses.iter().flatten().all(|term| {
            term.negated
                || match &term.check {
                    Check::Title { ranks, bound, .. } => !ranks || bound.is_some(),
                    _ => true,
                }
        })
    }

    /// The bound of the query's one ranking term, when it has one and [`Plan::bound`] is
    /// that term's bound alone: the term is not negated, is not one of several in its
    /// clause (`a|b`), and no other term ranks.
    pub(super) fn sole_bound(&self) -> Option<&PinyinBound> {
        let (c, t) = self.sole?;
        match &self.clauses[c][t].check {
            Check::Title { bound, .. } => bound.as_ref(),
            _ => None,
        }
    }

    /// The clause and place of the query's one ranking title term, when it is not negated,
    /// is alone in its clause, has a bound, and no other term ranks ([`Plan::sole_bound`]).
    fn sole_place(&self) -> Option<(usize, usize)> {
        let mut ranking = self.clauses.iter().enumerate().flat_map(|(c, clause)| {
            clause
                .iter()
                .enumerate()
                .filter_map(move |(t, term)| match &term.check {
                    Check::Title {
                        ranks: true, bound, ..
                    } if !term.negated => Some((clause.len(), bound.is_some(), (c, t))),
                    _ => None,
                })
        });
        match (ranking.next(), ranking.next()) {
            (Some((1, true, place)), None) => Some(place),
            _ => None,
        }
    }

    /// [`Matcher::most_gained`](super::Matcher::most_gained): the grown term's
    /// [`PinyinBound::most_gained`]; for `'term` and `^term`, at least what the letters add
    /// to a direct exact match (a substring found at the same place or earlier), and no title
    /// left out; for a bare term, the titles that may match it directly (skim's score has no
    /// such bound) left out by their letters.
    pub(super) fn most_gained(&self, growth: &Growth) -> Option<(i64, u32)> {
        let found = self
            .clauses
            .iter()
            .find_map(|clause| match clause.as_slice() {
                [
                    Compiled {
                        negated: false,
                        check:
                            Check::Title {
                                pattern,
                                letters,
                                bound: Some(bound),
                                ranks: true,
                                ..
                            },
                    },
                ] if *pattern == growth.pattern => Some((bound, letters)),
                _ => None,
            })?;
        let (bound, letters) = found;
        let gained = bound.most_gained(growth.from);
        let typed = growth.pattern.text.len() - growth.from;
        Some(match growth.pattern.how {
            How::Fuzzy => (gained, (letters & LETTER_BITS) as u32),
            _ => (gained.max(exact_gain(typed)), 0),
        })
    }

    /// [`Matcher::top_score`](super::Matcher::top_score): the sum over clauses of the best
    /// any of its terms can score, when each is known: 0 for a term that does not rank;
    /// for a bare title term of one or two chars beyond ASCII, skim's best place
    /// ([`pair::top`]); for a title term of an exact form, its match at the title's start,
    /// or its pinyin bound's best when that is more.
    pub(super) fn top_score(&self) -> Option<i64> {
        let mut sum = 0;
        for clause in &self.clauses {
            let mut best = 0;
            for term in clause {
                let top = match (&term.check, term.negated) {
                    (_, true) => 0,
                    (
                        Check::Title {
                            pattern,
                            ranks: true,
                            pinyin,
                            bound,
                            ..
                        },
                        false,
                    ) => {
                        let mut chars = pattern.text.chars();
                        match (pattern.how, chars.next(), chars.next(), chars.next()) {
                            (How::Fuzzy, Some(c), None, _) if !c.is_ascii() => self.one_char.top(),
                            (How::Fuzzy, Some(a), Some(b), None)
                                if !a.is_ascii() && !b.is_ascii() =>
                            {
                                pair::top(a, b, &self.one_char, ADJACENT_BONUS)
                            }
                            (How::Fuzzy, ..) => return None,
                            // An exact form scores its first occurrence, the earlier the
                            // more.
                            _ => {
                                let exact = exact_score(0, pattern.text.chars().count());
                                match (pinyin, bound) {
                                    (None, _) => exact,
                                    (Some(_), Some(bound)) => exact.max(bound.best()),
                                    (Some(_), None) => return None,
                                }
                            }
                        }
                    }
                    _ => 0,
                };
                best = best.max(top);
            }
            sum += best;
        }
        Some(sum)
    }

    /// At least article `i`'s score, when [`Plan::bounded`]; `None` when it certainly does
    /// not match. Far cheaper than the score: one look per title char, no programme. A
    /// title a bare term may match directly (its Latin letters hold the term's in order) is
    /// bounded by [`UNBOUNDED`]; one that `'term`, `^term` or `term$` matches directly, by
    /// that match's exact score (or its pinyin bound when higher). A title the term cannot
    /// match directly (`NBA` for `xin`: three in ten titles that have Latin letters at all)
    /// is bounded through pinyin like the rest.
    pub(super) fn bound(&self, i: usize, scratch: &mut Scratch) -> Option<i64> {
        self.bound_by(|check| {
            let Check::Title {
                pattern,
                letters,
                chars,
                bound: Some(bound),
                ..
            } = check
            else {
                return Some(UNBOUNDED);
            };
            let title = self.index.title_facts(i);
            if title.letters & letters != *letters {
                return None;
            }
            // A direct match: unbounded when fuzzy (skim's score), else its exact score,
            // found at once; only where the title's own letters hold the term's (the
            // signature alone lets many titles through whose Han chars share its bits).
            let direct = (title.latin
                && title.signature & chars == *chars
                && self.holds_letters(i, *letters))
            .then(|| self.index.folded_title(i, &mut scratch.folded))
            .and_then(|folded| match pattern.how {
                How::Fuzzy => is_subsequence(folded, &pattern.text).then_some(UNBOUNDED),
                _ => text_match(folded, pattern).map(|(start, len)| exact_score(start, len)),
            });
            if direct == Some(UNBOUNDED) {
                Some(UNBOUNDED)
            } else {
                let b = bound.of(title.readings);
                direct.max((b > pinyin::NONE / 2).then_some(b))
            }
        })
    }

    /// The sum over clauses of the best bound of their terms, each a ranking title term's
    /// as `title` gives it from its check (not negated), every other term's 0; `None` when
    /// a clause's every term says the article certainly does not match.
    fn bound_by(&self, mut title: impl FnMut(&Check) -> Option<i64>) -> Option<i64> {
        let mut sum = 0;
        for clause in &self.clauses {
            let mut best = None;
            for term in clause {
                let bound = match (&term.check, term.negated) {
                    (check @ Check::Title { ranks: true, .. }, false) => title(check),
                    _ => Some(0),
                };
                best = best.max(bound);
            }
            sum = (sum + best?).min(UNBOUNDED);
        }
        Some(sum)
    }

    /// True when article `i`'s title's own ASCII letters hold every letter of a term's
    /// `letters` ([`letter_mask`] bits): in a title with Latin letters, the term may match
    /// it directly.
    fn holds_letters(&self, i: usize, letters: u64) -> bool {
        let term_letters = (letters & LETTER_BITS) as u32;
        self.index.ascii_letters()[i] & term_letters == term_letters
    }

    /// [`Plan::check`], with as much of the score and positions as `want` says.
    fn check_with(&self, i: usize, scratch: &mut Scratch, want: Want) -> Option<Matched> {
        let mut out = Matched::default();
        for clause in &self.clauses {
            let mut best: Option<(i64, Vec<usize>)> = None;
            for term in clause {
                let hit = self.test(&term.check, i, scratch, want);
                let hit = match (term.negated, hit) {
                    (false, hit) => hit,
                    (true, Some(_)) => None,
                    (true, None) => Some((0, Vec::new())),
                };
                if let Some(hit) = hit
                    && best.as_ref().is_none_or(|b| hit.0 > b.0)
                {
                    best = Some(hit);
                }
            }
            let (score, positions) = best?;
            out.score += score;
            out.positions.extend(positions);
        }
        out.positions.sort_unstable();
        out.positions.dedup();
        Some(out)
    }

    /// Whether article `i`'s body passes `body`: by the index alone when it answers
    /// exactly, else by reading the body (only of the index's candidates, when built).
    fn body_holds(&self, body: &BodyCheck, i: usize) -> bool {
        if let Some(c) = &body.candidates
            && !c.contains(i)
        {
            return false;
        }
        if body.is_exact() {
            return true;
        }
        match body.pattern.how {
            How::Fuzzy | How::Contains => self.bodies.holds(i, &body.probe),
            _ => text_match(&fold(&self.bodies.body(i)), &body.pattern).is_some(),
        }
    }

    /// A title term matched on the folded `title` itself (not through pinyin).
    fn direct(
        &self,
        title: &str,
        pattern: &Pattern,
        want_positions: bool,
    ) -> Option<(i64, Vec<usize>)> {
        match pattern.how {
            How::Fuzzy => self.fuzzy(title, &pattern.text, want_positions),
            _ => text_match(title, pattern).map(|(start, len)| {
                if want_positions {
                    exact_hit(start, len)
                } else {
                    (exact_score(start, len), Vec::new())
                }
            }),
        }
    }

    /// SkimMatcherV2 on the folded title, with a bonus per adjacent pair of matched chars
    /// (skim rewards a match at the title's start more than a contiguous one, so `人大` would
    /// rank 人们在大街 above 市人大常委会). When the term occurs as a substring, that
    /// occurrence is the one highlighted.
    fn fuzzy(&self, title: &str, term: &str, want_positions: bool) -> Option<(i64, Vec<usize>)> {
        let mut chars = term.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some(c), None, None) if !want_positions && !c.is_ascii() => {
                // One Han char: skim's score in one pass, without its matrix.
                return self
                    .one_char
                    .score(title, c)
                    .map(|score| (score, Vec::new()));
            }
            (Some(a), Some(b), None) if !want_positions && !a.is_ascii() && !b.is_ascii() => {
                // Two: the same, and the pair side by side somewhere is one adjacency.
                let (score, adjacent) = pair::score(title, a, b, &self.one_char)?;
                let adjacency = if adjacent { ADJACENT_BONUS } else { 0 };
                return Some((score + adjacency, Vec::new()));
            }
            _ => {}
        }
        if !is_subsequence(title, term) {
            return None;
        }
        let found = title.find(term);
        if found.is_some() && !want_positions {
            let score = self.skim.fuzzy_match(title, term)?;
            let len = term.chars().count();
            return Some((score + ADJACENT_BONUS * (len as i64 - 1), Vec::new()));
        }
        let (score, positions) = self.skim.fuzzy_indices(title, term)?;
        if let Some(byte) = found {
            let start = title[..byte].chars().count();
            let len = term.chars().count();
            let score = score + ADJACENT_BONUS * (len as i64 - 1);
            return Some((score, (start..start + len).collect()));
        }
        let adjacent = positions.windows(2).filter(|w| w[1] == w[0] + 1).count();
        Some((score + ADJACENT_BONUS * adjacent as i64, positions))
    }

    /// Whether article `i` carries the mark (read from the bound [`ReaderMarks`]).
    fn marked(&self, marked: &Marked, i: usize) -> bool {
        let Some((flags, first)) = self.marks else {
            return matches!(marked, Marked::Unread);
        };
        let at = first + i;
        match marked {
            Marked::Read => flags.is_read(at),
            Marked::Unread => !flags.is_read(at),
            Marked::Starred => flags.is_starred(at),
            Marked::Label(name) => flags
                .label_words(name)
                .is_some_and(|words| words.get(at / 64).is_some_and(|w| w >> (at % 64) & 1 == 1)),
        }
    }

    /// Whether a term of ASCII letters and digits whose [`char_signature`] is `chars` may
    /// match article `i`'s title directly, not only through pinyin: the title holds a Latin
    /// letter or digit, and every char of the term by its signature.
    fn may_match_directly(&self, i: usize, chars: u64) -> bool {
        self.index.title_has_latin(i) && self.index.title_signature(i) & chars == chars
    }

    /// Tests one term (before negation): its score and title positions when it holds.
    fn test(
        &self,
        check: &Check,
        i: usize,
        scratch: &mut Scratch,
        want: Want,
    ) -> Option<(i64, Vec<usize>)> {
        let want_positions = want == Want::Positions;
        match check {
            Check::Date(span) => self
                .index
                .matched_instant(i)
                .filter(|&t| span.contains(t))
                .map(|_| (0, Vec::new())),
            Check::Source(by_id) => by_id[self.index.source_id(i)].then(|| (0, Vec::new())),
            Check::Marked(marked) => self.marked(marked, i).then(|| (0, Vec::new())),
            Check::Label(slot) => {
                let first = self.marks.map_or(0, |(_, first)| first);
                let at = first + i;
                self.labels[*slot]
                    .is_some_and(|words| {
                        words.get(at / 64).is_some_and(|w| w >> (at % 64) & 1 == 1)
                    })
                    .then(|| (0, Vec::new()))
            }
            Check::Body(body) => self.body_holds(body, i).then(|| (0, Vec::new())),
            Check::Text(body) => {
                let title = self.index.folded_title(i, &mut scratch.folded);
                (text_match(title, &body.pattern).is_some() || self.body_holds(body, i))
                    .then(|| (0, Vec::new()))
            }
            Check::Title {
                pattern,
                letters,
                chars,
                pinyin,
                ranks,
                candidates,
                ..
            } => {
                if candidates.as_ref().is_some_and(|c| !c.contains(i))
                    || self.index.title_letters(i) & letters != *letters
                    || (pinyin.is_none() && self.index.title_signature(i) & chars != *chars)
                {
                    return None;
                }
                let scored = *ranks && want == Want::Score;
                if !scored && !want_positions && pattern.how == How::Fuzzy {
                    // A match scores 0 whatever it is, or its score is not wanted: whether
                    // there is one is enough.
                    let direct = (pinyin.is_none() || self.may_match_directly(i, *chars))
                        && is_subsequence(
                            self.index.folded_title(i, &mut scratch.folded),
                            &pattern.text,
                        );
                    let through_pinyin = pinyin
                        .as_ref()
                        .is_some_and(|term| could_match(term, self.index.title_readings(i), false));
                    return (direct || through_pinyin).then(|| (0, Vec::new()));
                }
                // A term that may match through pinyin is ASCII letters and digits: directly,
                // it can only match a title that holds some, and all of its own.
                let direct = if pinyin.is_some() && !self.may_match_directly(i, *chars) {
                    None
                } else {
                    let title = self.index.folded_title(i, &mut scratch.folded);
                    self.direct(title, pattern, want_positions)
                };
                let through_pinyin = pinyin.as_ref().and_then(|term| {
                    match_pinyin(
                        term,
                        self.index.title_readings(i),
                        anchors(pattern.how),
                        &mut scratch.pinyin,
                        want_positions,
                    )
                });
                let best = match (direct, through_pinyin) {
                    (Some(d), Some(p)) => Some(if p.0 > d.0 { p } else { d }),
                    (d, p) => d.or(p),
                };
                best.map(|(score, positions)| (if *ranks { score } else { 0 }, positions))
            }
        }
    }
}

/// The candidates of a clause that is one term, not negated, whose articles are listed: a
/// body term the body index answered, or a title term with chars beyond ASCII.
fn required_candidates(clause: &[Compiled]) -> Option<&Candidates> {
    match clause {
        [
            Compiled {
                negated: false,
                check,
            },
        ] => match check {
            Check::Body(body) => body.candidates.as_ref(),
            Check::Title { candidates, .. } => candidates.as_ref(),
            _ => None,
        },
        _ => None,
    }
}

/// The ASCII letters' bits of a [`letter_mask`] (its digits are above them).
const LETTER_BITS: u64 = (1 << 26) - 1;

/// Compiles one test.
fn compile(test: &Test, index: &Index, bodies: &dyn Bodies) -> Check {
    match test {
        Test::Title(p) => {
            let pinyin = (p.text.len() <= MAX_TERM_LETTERS
                && p.text.bytes().all(|b| b.is_ascii_alphanumeric())
                && p.text.bytes().any(|b| b.is_ascii_alphabetic()))
            .then(|| PinyinTerm::new(p.text.as_bytes(), index.reading_table()))
            .flatten();
            Check::Title {
                letters: letter_mask(p.text.as_bytes()),
                chars: char_signature(&p.text),
                bound: pinyin
                    .as_ref()
                    .filter(|_| p.ranks())
                    .and_then(|term| PinyinBound::new(term, p.text.as_bytes())),
                pinyin,
                ranks: p.ranks(),
                candidates: index.title_candidates(&p.text),
                pattern: p.clone(),
            }
        }
        Test::Source(p) => Check::Source(
            index
                .folded_sources()
                .iter()
                .map(|s| text_match(s, p).is_some())
                .collect(),
        ),
        Test::Body(p) => Check::Body(BodyCheck::new(p, bodies)),
        Test::Text(p) => Check::Text(BodyCheck::new(p, bodies)),
        Test::Date(span) => Check::Date(*span),
        Test::Marked(marked) => Check::Marked(marked.clone()),
    }
}

/// Relative cost, to run cheap checks first.
fn cost(check: &Check) -> u8 {
    match check {
        Check::Date(_) | Check::Source(_) | Check::Marked(_) | Check::Label(_) => 0,
        Check::Body(body) if body.is_exact() => 0,
        Check::Title { .. } => 1,
        Check::Body(_) | Check::Text(_) => 2,
    }
}

/// How much a test of an article must find out beyond whether it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Only whether it matches.
    Match,
    /// Its score too.
    Score,
    /// Its score and the matched title chars.
    Positions,
}

/// Where a pinyin match may lie for each form.
fn anchors(how: How) -> Anchors {
    Anchors {
        contiguous: how != How::Fuzzy,
        at_start: matches!(how, How::Prefix | How::Whole),
        at_end: matches!(how, How::Suffix | How::Whole),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_and_indexes_can_be_shared_across_threads() {
        fn shared<T: Sync + Send>() {}
        shared::<Plan<'static>>();
        shared::<Index>();
    }
}
