//! [`SYNTAX_HELP`]: the query syntax with examples, for `juan list --help` and the
//! interface's help screen.

/// The query syntax with examples, as plain text lines of at most 78 columns.
pub(crate) const SYNTAX_HELP: &str = "\
Query syntax (terms separated by spaces must all hold; case, full-width
letters or digits and 繁简 do not matter: ＶＩＰ finds vip, 國旗 finds 国旗):
  长春          fuzzy on the title: these characters in order, gaps allowed
  ccrb          ASCII also matches through pinyin: initials (长春日报), whole
  changchun     syllables, or a mix (changcrb); any reading of a polyphone
  '人大         exact substring of the title
  ^中共         title starts with;  召开$  title ends with;  ^…$  whole title
  !政协         not: negates any term, e.g. !src:新华社 or !date:2018
  a | b         either term (one OR group; `|` stands alone between spaces)
  \"两 会\"       quotes keep spaces and make ! ' ^ $ : literal
  src:长春日报  source contains (also source:); ^ and $ anchor it
  title:长春    the title explicitly (same forms as a bare term)
  body:人大     body contains (from the body index once it is built)
  text:人大     title or body contains
  date:2017     a year; date:2017-09 a month; date:2017-09-06 a day
  date:2017-09-01..2017-09-30   a range; also open: date:2017.. date:..2016
  after:2017-09-01              on or after that day (the day counts)
  before:2017-09-30             on or before that day (the day counts)
  is:unread     not opened yet; also is:read, is:starred (juan remembers them)
  label:第三章  carries this label, exactly as given
Dates are compared as real instants, days running midnight to midnight in
China Standard Time (UTC+8); undated articles never match a date term.
Ranking: best match first (adjacent characters beat scattered ones), then
newest; body-only queries, and one or two letters alone (c, cc), newest
first. Examples:
  ccrd src:长春 date:2017-09
  人大 !政协 after:2017-09-01 before:2017-09-30
  'ＶＩＰ | 会员 date:2012
  body:改革开放 src:人民日报
  label:第三章 !is:read";

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn fits_an_80_column_terminal() {
        for line in SYNTAX_HELP.lines() {
            assert!(line.width() <= 78, "{} columns: {line}", line.width());
        }
    }

    #[test]
    fn every_example_parses() {
        // Lines whose first word is an example query, and the trailing example block.
        for line in SYNTAX_HELP.lines().filter(|l| l.starts_with("  ")) {
            let example = line.split("  ").find(|w| !w.is_empty()).unwrap().trim();
            let parsed = crate::query::Query::parse(example);
            assert!(parsed.is_ok(), "{example:?}: {parsed:?}");
        }
    }
}
