//! Snippets: the text around the first place an article's body matches a query's body
//! terms, for the list's context column and `juan list --json`, with how many times the body
//! matches. The body terms are found as the reader finds them (`query::needles`: folded,
//! whitespace loose), so the snippet, the count and the reader's highlights agree.

use std::ops::Range;

use crate::query::Query;
use crate::query::needles::Needles;

/// Chars of context kept before a match and after it.
const BEFORE: usize = 40;
const AFTER: usize = 80;

/// One line of context around a body's first match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The text around the match, on one line (paragraph breaks shown as spaces).
    pub text: String,
    /// The match's bytes in `text`.
    pub marked: Range<usize>,
    /// How many times the body matches (matches that overlap count once).
    pub matches: usize,
}

/// Finds a query's body terms (`body:` and `text:`) in bodies.
#[derive(Debug, Clone)]
pub struct Snippets {
    needles: Needles,
}

impl Snippets {
    /// The body terms of `query`; `None` when it has none (no snippet to show).
    pub fn new(query: &Query) -> Option<Snippets> {
        let needles = Needles::new(&query.body_needles());
        (!needles.is_empty()).then_some(Snippets { needles })
    }

    /// The snippet of `body`, when it matches.
    pub fn of(&self, body: &str) -> Option<Snippet> {
        let all = self.needles.find_all(body, 0..body.len());
        let first = all.first()?.clone();
        let start = body[..first.start]
            .char_indices()
            .rev()
            .nth(BEFORE - 1)
            .map_or(0, |(at, _)| at);
        let end = body[first.end..]
            .char_indices()
            .nth(AFTER)
            .map_or(body.len(), |(at, _)| first.end + at);
        // Paragraph breaks (and any other line break the body keeps) become spaces, byte for
        // byte, so the match's range stays right.
        let text = body[start..end].replace(['\n', '\r'], " ");
        Some(Snippet {
            text,
            marked: first.start - start..first.end - start,
            matches: all.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippets(q: &str) -> Snippets {
        Snippets::new(&Query::parse(q).unwrap()).unwrap()
    }

    #[test]
    fn the_first_match_with_its_context_and_the_count() {
        let body = "第一段讲经济。\n第二段讲改革开放，改革仍在继续。";
        let s = snippets("body:改革").of(body).unwrap();
        assert_eq!(s.text, "第一段讲经济。 第二段讲改革开放，改革仍在继续。");
        assert_eq!(&s.text[s.marked.clone()], "改革");
        assert_eq!(s.matches, 2);
        // Folded: a traditional body matches a simplified term, marked in the original.
        let s = snippets("text:国旗").of("升國旗儀式").unwrap();
        assert_eq!(&s.text[s.marked.clone()], "國旗");
        assert!(snippets("body:没有").of(body).is_none());
    }

    #[test]
    fn context_is_cut_around_the_match() {
        let body = format!("{}改革{}", "前".repeat(100), "后".repeat(200));
        let s = snippets("body:改革").of(&body).unwrap();
        assert_eq!(
            s.text,
            format!("{}改革{}", "前".repeat(BEFORE), "后".repeat(AFTER))
        );
        assert_eq!(&s.text[s.marked.clone()], "改革");
    }

    #[test]
    fn queries_without_body_terms_have_no_snippets() {
        assert!(Snippets::new(&Query::parse("改革 src:人民").unwrap()).is_none());
        assert!(Snippets::new(&Query::parse("!body:改革").unwrap()).is_none());
    }
}
