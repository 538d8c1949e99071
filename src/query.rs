//! The query language shared by the interface's query line and `juan list -q` (ARCHITECTURE §3):
//! parse a query ([`Query::parse`]), prepare the articles once ([`Index::build`]), and
//! [`search`] them for ranked [`Hit`]s with the matched title chars.
//!
//! | module | job |
//! |---|---|
//! | `parse` | query text → clauses of terms, with clear errors |
//! | `date_spec` | the values of `date:`, `after:`, `before:` → spans of real time |
//! | `fold` | case and full-width folding, char for char |
//! | `readings` | pinyin readings of title chars (all of a polyphone's) |
//! | `pinyin` | matching an ASCII term through those readings |
//! | `index` | the per-article data prepared at load, in flat arrays |
//! | `matcher` | a query compiled against an index; one article at a time |
//! | `narrow` | whether a grown query only matches a subset of the old one's hits |
//! | `help` | [`SYNTAX_HELP`] |

mod date_spec;
mod fold;
mod help;
mod index;
mod matcher;
mod narrow;
pub(crate) mod needles;
mod parse;
mod pinyin;
mod readings;

pub(crate) use fold::{class_of, fold, fold_char, fold_into};
pub(crate) use help::SYNTAX_HELP;
pub use index::Index;
pub(crate) use index::{Sections, ascii_letter_bits, id_key};
pub(crate) use matcher::{InitialsSieve, Scratch, UNBOUNDED};
pub(crate) use narrow::Growth;
pub(crate) use pinyin::{Need, PinyinBound};
pub(crate) use readings::readings_of;

use std::sync::Arc;

use crate::article::Article;

/// A query that did not parse, with a message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// What is wrong, e.g. "month 13 is out of range".
    pub(crate) message: String,
}

impl QueryError {
    /// An error with this message; what it quotes of the query (typed or pasted, so it may
    /// hold control characters) is kept with those escaped ([`crate::sanitize::visible`]).
    pub(crate) fn new(message: impl Into<String>) -> QueryError {
        let message = message.into();
        QueryError {
            message: crate::sanitize::visible(&message).into_owned(),
        }
    }
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

/// One matching article: its index in the archive and its score. A million of these are
/// what a search over a million articles answers, so the matched chars are not kept here:
/// they are computed for the rows shown (`search::Positions`), or come with a [`Found`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into the archive's articles (a corpus holds at most 2^32).
    pub index: u32,
    /// Higher is better; 0 when the query is empty or has no title term.
    pub score: i32,
}

impl Hit {
    /// The article's index, for indexing.
    pub fn article(&self) -> usize {
        self.index as usize
    }
}

/// One matching article with the title chars the query matched, as [`search`] gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index into the archive's articles.
    pub index: usize,
    /// Higher is better; 0 when the query is empty or has no title term.
    pub score: i64,
    /// Char (not byte) indices of the title characters the query matched, ascending.
    pub positions: Vec<usize>,
}

impl Found {
    /// The article's index, as [`Hit::article`] gives it.
    pub fn article(&self) -> usize {
        self.index
    }
}

/// The order of articles that tie on score (all of them, with an empty query).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Newest first; undated last.
    #[default]
    NewestFirst,
    /// Oldest first; undated still last.
    OldestFirst,
}

/// What `is:` and `label:` terms read: the reader's marks by article number in the corpus
/// searched. `state::Flags` is the one the interface and the commands bind; the query
/// language knows only this, so it does not depend on how marks are kept.
pub trait ReaderMarks: Send + Sync + std::fmt::Debug {
    /// Article `i` was read.
    fn is_read(&self, i: usize) -> bool;
    /// Article `i` is starred.
    fn is_starred(&self, i: usize) -> bool;
    /// The articles carrying the label `name` as a bitset, bit `i % 64` of word `i / 64`
    /// (looked up once per search); `None` when no article does.
    fn label_words(&self, name: &str) -> Option<&[u64]>;
}

/// A parsed query: clauses that must all hold, each one term or an OR of terms.
#[derive(Debug, Clone, Default)]
pub struct Query {
    clauses: Vec<parse::Clause>,
    /// What `is:` and `label:` terms read: the reader's marks resolved to the corpus searched
    /// ([`Query::with_marks`]); without them nothing is read, starred or labelled.
    marks: Option<Arc<dyn ReaderMarks>>,
}

/// Equal when the clauses are and the same marks (the very same, by address) are bound.
impl PartialEq for Query {
    fn eq(&self, other: &Query) -> bool {
        self.clauses == other.clauses
            && match (&self.marks, &other.marks) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

impl Eq for Query {}

impl Query {
    /// Parses the query text (syntax in `query::SYNTAX_HELP`, shown on the help screen); an
    /// empty text gives the query that matches everything.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        Ok(Query {
            clauses: parse::parse_clauses(text)?,
            marks: None,
        })
    }

    /// True when the query matches every article.
    pub(crate) fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The span of instants `[from, until)` every hit's date lies in, when a clause is one
    /// `date:`, `after:` or `before:` term not negated (those of several such clauses
    /// intersected): the search then needs to test only the articles dated in it.
    pub(crate) fn date_span(&self) -> Option<(i64, i64)> {
        self.clauses
            .iter()
            .filter_map(|clause| match clause.as_slice() {
                [
                    parse::Term {
                        negated: false,
                        test: parse::Test::Date(span),
                    },
                ] => Some((span.from, span.until)),
                _ => None,
            })
            .reduce(|(a, b), (c, d)| (a.max(c), b.min(d)))
    }

    /// True when a term reads bodies (`body:`, `text:`): the body index answers those.
    pub(crate) fn reads_bodies(&self) -> bool {
        self.clauses
            .iter()
            .flatten()
            .any(|t| matches!(t.test, parse::Test::Body(_) | parse::Test::Text(_)))
    }

    /// True when a term reads titles or sources (a bare term, `title:`, `src:`, `text:`):
    /// searching it reads every title of the chunks it searches.
    pub(crate) fn reads_titles(&self) -> bool {
        self.clauses.iter().flatten().any(|t| {
            matches!(
                t.test,
                parse::Test::Title(_) | parse::Test::Source(_) | parse::Test::Text(_)
            )
        })
    }

    /// True when a hit can score above 0: a title term that is not negated and ranks
    /// ([`parse::Pattern::ranks`]: not one or two letters alone); otherwise every hit ranks by
    /// date alone.
    pub(crate) fn scores(&self) -> bool {
        self.clauses
            .iter()
            .flatten()
            .any(|t| !t.negated && matches!(&t.test, parse::Test::Title(p) if p.ranks()))
    }

    /// True when a match can mark title chars ([`crate::search::positions`]): a title term
    /// that is not negated. `body:` and `text:` terms mark none.
    pub(crate) fn marks_titles(&self) -> bool {
        self.clauses
            .iter()
            .flatten()
            .any(|t| !t.negated && matches!(t.test, parse::Test::Title(_)))
    }

    /// True when a term reads the reader's marks (`is:`, `label:`).
    pub fn reads_marks(&self) -> bool {
        self.clauses
            .iter()
            .flatten()
            .any(|t| matches!(t.test, parse::Test::Marked(_)))
    }

    /// The query with its `is:` and `label:` terms reading `marks` (resolved to the corpus
    /// it will search).
    pub fn with_marks(mut self, marks: Arc<dyn ReaderMarks>) -> Query {
        self.marks = Some(marks);
        self
    }

    /// True when every article this query matches is certainly matched by `old` too, so a
    /// search may scan `old`'s hits only. Conservative: see the `narrow` module; a query
    /// reading marks narrows only over the very same marks (a mark may have changed since).
    pub(crate) fn narrows(&self, old: &Query) -> bool {
        let same_marks = match (&self.marks, &old.marks) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        (same_marks || !self.reads_marks() && !old.reads_marks())
            && narrow::narrows(&self.clauses, &old.clauses)
    }

    /// How this query grew from `old` when it narrows it ([`Query::narrows`]) and all that
    /// changed is letters typed at the end of one ranking title term: the scores of `old`'s
    /// hits then bound this query's ([`Matcher::most_gained`]).
    pub(crate) fn grown_from(&self, old: &Query) -> Option<Growth> {
        if !self.narrows(old) {
            return None;
        }
        narrow::grown(&self.clauses, &old.clauses)
    }

    /// The query of the clauses this one added to `old`, when that is all that changed
    /// (`xinwen 发` after `xinwen`; same marks, or none read): every hit of this query is a
    /// hit of `old` the added clauses hold, and scores `old`'s score plus theirs.
    pub(crate) fn added_to(&self, old: &Query) -> Option<Query> {
        if !self.narrows(old) {
            return None;
        }
        Some(Query {
            clauses: narrow::added(&self.clauses, &old.clauses)?,
            marks: self.marks.clone(),
        })
    }

    /// Matches one article on its own: `Some((score, positions))` when every term holds.
    /// Prepares the article each call; to search many, build an [`Index`] and [`search`].
    pub(crate) fn matches(&self, article: &Article) -> Option<(i64, Vec<usize>)> {
        let articles = std::slice::from_ref(article);
        let index = Index::build(articles);
        let bodies = ArticleBodies(articles);
        let plan = matcher::Plan::new(&bodies, &index, self, 0);
        plan.check(0, &mut Scratch::default())
            .map(|m| (m.score, m.positions))
    }
}

/// Where a search reads article bodies, for `body:` and `text:` terms (only those terms
/// ever ask).
pub(crate) trait Bodies: Sync {
    /// Article `i`'s body text (paragraphs separated by `\n`).
    fn body(&self, i: usize) -> String;

    /// The bodies' index, when one is built: candidates instead of reading every body.
    fn text_index(&self) -> Option<&crate::fulltext::TextIndex> {
        None
    }

    /// Whether article `i`'s folded body holds the probe's (folded) term.
    fn holds(&self, i: usize, probe: &crate::fulltext::Probe) -> bool {
        fold(&self.body(i)).contains(probe.text())
    }
}

/// The bodies of a list of articles.
pub(crate) struct ArticleBodies<'a>(pub(crate) &'a [Article]);

impl Bodies for ArticleBodies<'_> {
    fn body(&self, i: usize) -> String {
        self.0[i].body.text().into_owned()
    }
}

/// A query compiled for one list of articles and its [`Index`] (e.g. one corpus chunk), to
/// test articles one at a time; `Sync`, so one matcher serves every thread of a scan.
pub(crate) struct Matcher<'a> {
    plan: matcher::Plan<'a>,
}

impl<'a> Matcher<'a> {
    /// Compiles `query` for the articles prepared as `index`, whose bodies `bodies` gives;
    /// `first` is the number of the first of them in the corpus the query's marks were
    /// resolved to (0 for a list of articles on its own).
    pub(crate) fn new(
        bodies: &'a dyn Bodies,
        index: &'a Index,
        query: &'a Query,
        first: usize,
    ) -> Matcher<'a> {
        Matcher {
            plan: matcher::Plan::new(bodies, index, query, first),
        }
    }

    /// The first article at `i` or after it that may match, when the body index narrows the
    /// query to fewer articles than all (`None`: every article may).
    pub(crate) fn next_candidate(&self, i: usize) -> Option<Option<usize>> {
        self.plan.required().map(|c| c.next_from(i))
    }

    /// The articles that match, all of them, when the body index answers the query alone
    /// with no article tested (a lone `body:` term of one or two chars, or of three whose
    /// trigram has a list of its own).
    pub(crate) fn exact_hits(&self) -> Option<&crate::fulltext::Candidates> {
        self.plan.exact_hits()
    }

    /// False when the body index rules article `i` out (a cheap test before [`Matcher::score`]).
    pub(crate) fn may_match(&self, i: usize) -> bool {
        self.plan.required().is_none_or(|c| c.contains(i))
    }

    /// How many articles the body index leaves that may match, when it narrows the query
    /// ([`Matcher::next_candidate`]); `None`: every article may.
    pub(crate) fn candidate_count(&self) -> Option<usize> {
        self.plan.required().map(crate::fulltext::Candidates::count)
    }

    /// True when [`Matcher::bound`] bounds every article's score (each ranking term is a
    /// short pinyin-capable one), so the best rows can be found scoring few articles.
    pub(crate) fn bounded(&self) -> bool {
        self.plan.bounded()
    }

    /// The pinyin bound that [`Matcher::bound`] is, when the query has one ranking term
    /// alone, pinyin-capable and short.
    pub(crate) fn sole_bound(&self) -> Option<&PinyinBound> {
        self.plan.sole_bound()
    }

    /// The reading sets whose chars may open a title that reaches `floor`, when the floor
    /// needs the start bonus ([`PinyinBound::opening`]): the titles opening with another
    /// (and not matched directly) score less. `None`: the floor does not need the start.
    pub(crate) fn opening_sets(&self, floor: i64) -> Option<Vec<u16>> {
        self.plan.opening_sets(floor)
    }

    /// When `growth` is how the query grew from an earlier one: at most how much more than
    /// its score for that one an article scores now, and the letters (bits a–z, as
    /// [`Index::ascii_letters`]) that a title holding every one of may exceed that, matching
    /// the grown term directly (`None` for those, none when 0); `None` when the query has no
    /// such term with a bound.
    pub(crate) fn most_gained(&self, growth: &Growth) -> Option<(i64, u32)> {
        self.plan.most_gained(growth)
    }

    /// The highest score any article of this chunk can have, when the query knows it: its
    /// ranking terms are bare title terms of one or two chars beyond ASCII (`国`, `国际`),
    /// whose score depends only on the kinds of char before and between them, or terms of
    /// an exact form (`'NASA`: a match at the title's start; through pinyin, at most the
    /// best of the chunk's bound); `None` for any other ranking term.
    pub(crate) fn top_score(&self) -> Option<i64> {
        self.plan.top_score()
    }

    /// Loads what [`Matcher::bound`] reads of article `i`'s title (a number to hand to
    /// [`std::hint::black_box`]): asked of the next few candidates of a pass before they are
    /// bounded, their cache misses overlap.
    pub(crate) fn touch_title(&self, i: usize) -> u64 {
        self.plan.touch_title(i)
    }

    /// At least article `i`'s score when [`Matcher::bounded`] (far cheaper to compute);
    /// `None` when it certainly does not match.
    pub(crate) fn bound(&self, i: usize, scratch: &mut Scratch) -> Option<i64> {
        self.plan.bound(i, scratch)
    }

    /// At least [`Matcher::bound`] of article `i`, from its title's initials alone
    /// ([`Index::title_initials`]; unbounded while they are not made): a few nanoseconds, to
    /// pass over the titles whose bound cannot reach a floor; `None` when it certainly does
    /// not match.
    pub(crate) fn initials_bound(&self, i: usize) -> Option<i64> {
        self.plan.initials_bound(i)
    }

    /// [`Matcher::initials_bound`] held for a pass over many titles, when the query has one
    /// ranking term and the titles' initials are made.
    pub(crate) fn initials_sieve(&self) -> Option<InitialsSieve<'_>> {
        self.plan.initials_sieve()
    }

    /// Article `i`'s score when it matches, computing no more positions than the score needs.
    pub(crate) fn score(&self, i: usize, scratch: &mut Scratch) -> Option<i64> {
        self.plan.score(i, scratch)
    }

    /// Whether article `i` matches, its score left uncomputed where that saves work.
    pub(crate) fn matches(&self, i: usize, scratch: &mut Scratch) -> bool {
        self.plan.matches(i, scratch)
    }

    /// Article `i`'s score and matched title char positions when it matches.
    pub(crate) fn check(&self, i: usize, scratch: &mut Scratch) -> Option<(i64, Vec<usize>)> {
        self.plan.check(i, scratch).map(|m| (m.score, m.positions))
    }
}

/// Runs `query` over `articles` (prepared as `index`): hits ranked by score, ties (and every
/// article, for an empty query) in date `order`, undated last, each with its matched chars.
pub fn search(articles: &[Article], index: &Index, query: &Query, order: Order) -> Vec<Found> {
    debug_assert_eq!(
        articles.len(),
        index.len(),
        "index built from other articles"
    );
    let in_order = index.in_order(order);
    if query.is_empty() {
        return in_order
            .iter()
            .map(|&i| Found {
                index: i as usize,
                score: 0,
                positions: Vec::new(),
            })
            .collect();
    }
    let bodies = ArticleBodies(articles);
    let plan = matcher::Plan::new(&bodies, index, query, 0);
    let mut scratch = Scratch::default();
    let mut hits: Vec<Found> = in_order
        .iter()
        .filter_map(|&i| {
            let i = i as usize;
            plan.check(i, &mut scratch).map(|m| Found {
                index: i,
                score: m.score,
                positions: m.positions,
            })
        })
        .collect();
    // Stable: equal scores keep the date order.
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits
}

/// Random strings of `alphabet`'s chars, `len` of them: the titles property tests draw.
#[cfg(test)]
pub(crate) fn strings_of(
    alphabet: &str,
    len: std::ops::Range<usize>,
) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop::collection::vec(
        prop::sample::select(alphabet.chars().collect::<Vec<_>>()),
        len,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

#[cfg(test)]
mod tests;
