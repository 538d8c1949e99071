//! The query language shared by the interface's query line and `juan list -q` (DESIGN §3):
//! parse a query, match it against articles, rank the hits.
//!
//! STUB: bare fuzzy title terms only; the query work brings the full language.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::article::Article;

/// A query that did not parse, with a message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// What is wrong, e.g. "month 13 is out of range".
    pub message: String,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

/// One matching article: its index in the archive, its score and the matched title chars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the archive's articles.
    pub index: usize,
    /// Higher is better; 0 when the query is empty.
    pub score: i64,
    /// Char (not byte) indices of the title characters the query matched, ascending.
    pub positions: Vec<usize>,
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

/// A parsed query.
#[derive(Debug, Clone, Default)]
pub struct Query {
    terms: Vec<String>,
}

impl Query {
    /// Parses the query text; an empty text gives the query that matches everything.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        Ok(Query {
            terms: text.split_whitespace().map(str::to_string).collect(),
        })
    }

    /// True when the query matches every article.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Matches one article: `Some((score, positions))` when every term holds.
    pub fn matches(&self, article: &Article) -> Option<(i64, Vec<usize>)> {
        let m = SkimMatcherV2::default();
        let mut score = 0;
        let mut pos = Vec::new();
        for t in &self.terms {
            let (s, p) = m.fuzzy_indices(&article.title, t)?;
            score += s;
            pos.extend(p);
        }
        pos.sort_unstable();
        pos.dedup();
        Some((score, pos))
    }
}

/// Per-title data prepared once at load (stub: nothing yet).
#[derive(Debug, Clone, Default)]
pub struct Index;

impl Index {
    /// Prepares `articles` for searching.
    pub fn build(articles: &[Article]) -> Index {
        let _ = articles;
        Index
    }
}

/// The query syntax, for `--help` and the help screen.
pub const SYNTAX_HELP: &str = "words are fuzzy-matched against titles";

/// Runs `query` over `articles`: hits ranked by score, then by date in `order`.
pub fn search(articles: &[Article], index: &Index, query: &Query, order: Order) -> Vec<Hit> {
    let _ = index;
    let mut hits: Vec<Hit> = articles
        .iter()
        .enumerate()
        .filter_map(|(index, a)| {
            query.matches(a).map(|(score, positions)| Hit {
                index,
                score,
                positions,
            })
        })
        .collect();
    hits.sort_by_key(|h| {
        let d = &articles[h.index].date;
        let k = match order {
            Order::NewestFirst => d.newest_first_key(),
            Order::OldestFirst => d.oldest_first_key(),
        };
        (-h.score, k, h.index)
    });
    hits
}
