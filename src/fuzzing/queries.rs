//! The fuzz target of the query language: [`Query::parse`] on any text, and, when it parses,
//! a search of a small fixed archive (plus one article whose title the input gives) checked
//! against matching an article on its own, and against the query it grew from.

use super::checks::short;
use crate::article::Article;
use crate::date::Date;
use crate::query::{Index, Order, Query, search};
use crate::sanitize::{clean_line, is_plain};

/// Titles, sources, dates and bodies of the fixed archive: Chinese, full-width and Latin
/// titles, a polyphone-heavy one for pinyin, dated, undated and unparsed dates.
const SHELF: &[(&str, &str, &str, &str)] = &[
    (
        "中共长春市委人大工作会议召开",
        "长春日报",
        "2017-09-06 09:11",
        "9月5日，中共长春市委人大工作会议召开。",
    ),
    (
        "市人大常委会召开第十次会议",
        "人民日报",
        "2017-08-01",
        "选举",
    ),
    ("银行行长谈经济：重庆长大", "经济日报", "2016-05-05", ""),
    (
        "ＶＩＰ会员２０１２年特惠",
        "搜狐",
        "2012-07-06",
        "Ｗａｔｃｈ",
    ),
    ("NBA季后赛：火箭胜勇士", "新浪体育", "", "比赛"),
    ("重庆火锅节开幕", "上游新闻", "上周三", ""),
    ("时区测试", "路透", "2017-08-31T17:00:00Z", "世界"),
];

/// The input's first line is the query; the rest, cleaned, the title of one more article.
pub fn query(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let (text, title) = input.split_once('\n').unwrap_or((&input, ""));
    let query = match Query::parse(text) {
        Ok(query) => query,
        Err(e) => {
            assert!(
                e.message.chars().all(is_plain),
                "error quotes unprintable text: {}",
                short(&e.message)
            );
            return;
        }
    };
    let articles = shelf(&clean_line(title));
    let index = Index::build(&articles);
    let found = search(&articles, &index, &query, Order::NewestFirst);
    let mut hits: Vec<usize> = found.iter().map(|f| f.index).collect();
    for f in &found {
        let chars = articles[f.index].title.chars().count();
        assert!(
            f.positions.windows(2).all(|w| w[0] < w[1]) && f.positions.iter().all(|&p| p < chars),
            "positions {:?} in a title of {chars} chars for {}",
            f.positions,
            short(text)
        );
    }
    hits.sort_unstable();
    hits.dedup();
    assert_eq!(
        hits.len(),
        found.len(),
        "an article found twice by {}",
        short(text)
    );
    // Matching one article on its own builds an index of it; two (the input's and one of
    // the shelf) keep the target fast.
    for i in [articles.len() - 1, data.len() % SHELF.len()] {
        let alone = query.matches(&articles[i]).is_some();
        assert!(
            alone == hits.contains(&i),
            "article {i} matched alone: {alone}, by search: {} for {}",
            !alone,
            short(text)
        );
    }
    for old_text in grown_from(text) {
        let Ok(old) = Query::parse(old_text) else {
            continue;
        };
        if query.narrows(&old) {
            let old_hits: Vec<usize> = search(&articles, &index, &old, Order::NewestFirst)
                .iter()
                .map(|f| f.index)
                .collect();
            let lost: Vec<&usize> = hits.iter().filter(|i| !old_hits.contains(i)).collect();
            assert!(
                lost.is_empty(),
                "{} narrows {} but finds articles {lost:?} it does not",
                short(text),
                short(old_text)
            );
        }
    }
}

/// The fixed archive, and an article titled `title` at its end.
fn shelf(title: &str) -> Vec<Article> {
    let article = |title: &str, source: &str, date: &str, body: &str| Article {
        title: title.into(),
        source: source.into(),
        date: Date::from_text(date),
        body: body.into(),
        ..Article::default()
    };
    let mut articles: Vec<Article> = SHELF
        .iter()
        .map(|&(t, s, d, b)| article(t, s, d, b))
        .collect();
    articles.push(article(title, "新华社", "2020-01-02", title));
    articles
}

/// Queries a user may have typed before `text`: it less its last char or two, and it up to
/// its last space.
fn grown_from(text: &str) -> Vec<&str> {
    let mut ends: Vec<usize> = text.char_indices().rev().take(2).map(|(i, _)| i).collect();
    ends.extend(text.rfind(' '));
    ends.into_iter().map(|end| &text[..end]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_good_and_bad_queries() {
        for input in [
            &b""[..],
            "长春 src:日报".as_bytes(),
            "date:2017-13 \x1b[2J".as_bytes(),
            "ccrd | \"火 锅\" !body:比赛\n长春人大".as_bytes(),
            b"after:2016 before:2018-01 ^\xe4\xb8 '$",
        ] {
            query(input);
        }
    }

    #[test]
    fn grown_from_drops_the_last_chars_and_word() {
        assert_eq!(grown_from("长春 人大"), vec!["长春 人", "长春 ", "长春"]);
        assert!(grown_from("").is_empty());
    }
}
