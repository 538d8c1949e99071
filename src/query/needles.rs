//! Text to find in an article's text, for the reader: the query's needles ([`Query::needles`],
//! highlighted wherever they occur) and a finder that looks for several of them at once
//! ([`Needles`], which also serves the reader's own `/` search).
//!
//! Both sides are folded with the query's char-for-char folding (`fold::fold_char`: case,
//! full-width forms, and whatever it learns, such as 繁简), so a match in the folded text is a
//! match in the original and its byte range there is found without a second pass. Whitespace
//! is loose: a run of whitespace in a needle matches any run of whitespace in the text — one
//! space, several, or the `\n` between two paragraphs — and whitespace at a needle's ends is
//! dropped. So `改革 开放` finds 改革 at the end of one paragraph and 开放 at the start of the
//! next, and `改革开放` finds only the words written together.
//!
//! The finder reads the text once, char by char, running one KMP automaton per needle, so it
//! costs the same per byte however the text is made and keeps no folded copy of it.

use std::ops::{ControlFlow, Range};

use super::Query;
use super::fold::fold_char;
use super::parse::Test;

impl Query {
    /// The folded needles of the query's positive terms that name text: title terms (fuzzy
    /// ones too, as a plain substring, so the letters typed together are found together),
    /// `body:` and `text:` terms, each once, in the query's order. Negated terms, sources and dates give
    /// none.
    pub(crate) fn needles(&self) -> Vec<String> {
        self.needles_where(|test| match test {
            Test::Title(p) | Test::Body(p) | Test::Text(p) => Some(&p.text),
            Test::Source(_) | Test::Date(_) | Test::Marked(_) => None,
        })
    }

    /// The needles of the query's positive `body:` and `text:` terms: the reader opens a hit
    /// at the first of them in its body.
    pub(crate) fn body_needles(&self) -> Vec<String> {
        self.needles_where(|test| match test {
            Test::Body(p) | Test::Text(p) => Some(&p.text),
            Test::Title(_) | Test::Source(_) | Test::Date(_) | Test::Marked(_) => None,
        })
    }

    fn needles_where(&self, text_of: impl Fn(&Test) -> Option<&String>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let terms = self.clauses.iter().flatten().filter(|t| !t.negated);
        for text in terms.filter_map(|t| text_of(&t.test)) {
            let needle = loose(text).into_iter().collect::<String>();
            if !needle.is_empty() && !out.contains(&needle) {
                out.push(needle);
            }
        }
        out
    }
}

/// The chars to look for: `text` folded, whitespace runs as one space, none at the ends.
fn loose(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars().map(fold_char) {
        if !c.is_whitespace() {
            chars.push(c);
        } else if chars.last().is_some_and(|&l| l != ' ') {
            chars.push(' ');
        }
    }
    if chars.last() == Some(&' ') {
        chars.pop();
    }
    chars
}

/// One needle: its chars and its KMP failure table.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Needle {
    chars: Vec<char>,
    /// `fail[i]`: the length of the longest proper border of `chars[..=i]`.
    fail: Vec<usize>,
}

impl Needle {
    fn new(chars: Vec<char>) -> Needle {
        let mut fail = vec![0; chars.len()];
        let mut k = 0;
        for i in 1..chars.len() {
            while k > 0 && chars[i] != chars[k] {
                k = fail[k - 1];
            }
            if chars[i] == chars[k] {
                k += 1;
            }
            fail[i] = k;
        }
        Needle { chars, fail }
    }

    /// Feeds one char to the automaton in state `k`; the new state (`chars.len()`: a match).
    fn step(&self, mut k: usize, c: char) -> usize {
        if k == self.chars.len() {
            k = self.fail[k - 1];
        }
        while k > 0 && self.chars[k] != c {
            k = self.fail[k - 1];
        }
        if self.chars[k] == c { k + 1 } else { 0 }
    }
}

/// Texts to find, folded and with loose whitespace (see the module docs); any of them matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Needles {
    needles: Vec<Needle>,
    /// The most chars a needle has.
    longest: usize,
}

impl Needles {
    /// A finder for `texts` (as typed: they are folded here); empty texts are left out.
    pub(crate) fn new<S: AsRef<str>>(texts: &[S]) -> Needles {
        let needles: Vec<Needle> = texts
            .iter()
            .map(|t| loose(t.as_ref()))
            .filter(|chars| !chars.is_empty())
            .map(Needle::new)
            .collect();
        let longest = needles.iter().map(|n| n.chars.len()).max().unwrap_or(0);
        Needles { needles, longest }
    }

    /// True when there is nothing to find.
    pub(crate) fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// The most chars a needle has (a match of it spans at most four bytes a char, unless
    /// it crosses a run of whitespace).
    pub(crate) fn longest(&self) -> usize {
        self.longest
    }

    /// Every match in `text[range]` as byte ranges of `text`, ascending and not overlapping:
    /// of matches that overlap, the leftmost (then the longest) is kept. `range` is widened
    /// to char boundaries.
    pub(crate) fn find_all(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let mut all = Vec::new();
        self.scan(text, range, |m| {
            all.push(m);
            ControlFlow::Continue(())
        });
        all.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let mut kept: Vec<Range<usize>> = Vec::with_capacity(all.len());
        for m in all {
            if kept.last().is_none_or(|last| m.start >= last.end) {
                kept.push(m);
            }
        }
        kept
    }

    /// Reads `text[range]` once and calls `found` with every match of every needle (they may
    /// overlap), in the order they end.
    fn scan(
        &self,
        text: &str,
        range: Range<usize>,
        mut found: impl FnMut(Range<usize>) -> ControlFlow<()>,
    ) {
        if self.is_empty() {
            return;
        }
        let start = floor_boundary(text, range.start.min(text.len()));
        let end = floor_boundary(text, range.end.min(text.len()));
        let mut states = vec![0usize; self.needles.len()];
        // Where each of the last `longest` chars fed to the automata starts in `text`.
        let mut starts = vec![0usize; self.longest];
        let mut fed = 0usize;
        let mut in_space = false;
        for (at, c) in text[start..end].char_indices() {
            let at = start + at;
            let mut c = fold_char(c);
            if c.is_whitespace() {
                if in_space {
                    continue;
                }
                in_space = true;
                c = ' ';
            } else {
                in_space = false;
            }
            starts[fed % self.longest] = at;
            fed += 1;
            let end = at + text[at..].chars().next().map_or(1, char::len_utf8);
            for (needle, state) in self.needles.iter().zip(&mut states) {
                *state = needle.step(*state, c);
                let len = needle.chars.len();
                if *state == len {
                    let first = starts[(fed - len) % self.longest];
                    if found(first..end).is_break() {
                        return;
                    }
                }
            }
        }
    }
}

/// The char boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(needles: &[&str], text: &'a str) -> Vec<&'a str> {
        Needles::new(needles)
            .find_all(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn needles_are_the_positive_text_terms_folded_once_each() {
        let q = |t: &str| Query::parse(t).unwrap();
        assert_eq!(
            q("长春 'ＶＩＰ ^中共 召开$ body:人大 !政协 src:日报 date:2017 body:人大").needles(),
            ["长春", "vip", "中共", "召开", "人大"]
        );
        assert_eq!(
            q("长春 body:人大 | text:\"改革  开放\"").body_needles(),
            ["人大", "改革 开放"]
        );
        assert_eq!(q("!body:人大 src:x").needles(), Vec::<String>::new());
        assert_eq!(q("\" \"").needles(), Vec::<String>::new());
    }

    #[test]
    fn case_and_full_width_fold_on_both_sides() {
        assert_eq!(
            found(&["ｎｂａ"], "NBA季后赛，nba和ＮＢＡ"),
            ["NBA", "nba", "ＮＢＡ"]
        );
        assert_eq!(found(&["Vip"], "ＶＩＰ客户"), ["ＶＩＰ"]);
    }

    #[test]
    fn whitespace_in_the_needle_matches_any_whitespace_and_paragraph_breaks() {
        let text = "深化改革\n开放是关键。改革  开放。改革开放";
        assert_eq!(found(&["改革 开放"], text), ["改革\n开放", "改革  开放"]);
        assert_eq!(found(&["改革开放"], text), ["改革开放"]);
        assert_eq!(found(&["  改革开放 "], text), ["改革开放"]);
        // A break the needle does not have is not crossed.
        assert_eq!(found(&["。开放"], "改革。\n开放"), Vec::<&str>::new());
    }

    #[test]
    fn several_needles_give_leftmost_longest_matches_without_overlap() {
        assert_eq!(found(&["aa"], "aaaaa"), ["aa", "aa"]);
        assert_eq!(
            found(&["人大", "长春市人大"], "长春市人大会议，人大"),
            ["长春市人大", "人大"]
        );
        assert_eq!(found(&["abab"], "abababab"), ["abab", "abab"]);
        assert_eq!(found(&["", " "], "a b"), Vec::<&str>::new());
        let text = "甲乙甲乙丙";
        let n = Needles::new(&["乙丙", "甲"]);
        assert_eq!(n.find_all(text, 0..15), [0..3, 6..9, 9..15]);
        let from_inside = n.find_all(text, 4..9);
        assert_eq!(from_inside.len(), 1, "from inside a char: its start");
        assert_eq!(from_inside[0], 6..9);
    }
}
