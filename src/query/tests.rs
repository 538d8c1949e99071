//! Table-driven tests of the whole query module: every syntax form and combination over
//! hand-made articles (the seed among them), full-width folding, pinyin on real titles, and
//! ranking; 繁简 folding through every form in `fanjian`.

mod fanjian;
mod marks;

use super::*;
use crate::date::Date;

fn article(title: &str, source: &str, date: &str, body: &str) -> Article {
    Article {
        title: title.into(),
        source: source.into(),
        date: Date::from_text(date),
        body: body.into(),
        ..Article::default()
    }
}

/// The seed page, `seed/000_618211eec43b155d.txt`, as the loader would give it.
fn seed() -> Article {
    article(
        "中共长春市委人大工作会议召开",
        "长春日报",
        "2017-09-06 09:11",
        "9月5日，中共长春市委人大工作会议召开。\n全市各级人大及其常委会要主动适应人民群众新期待。",
    )
}

fn shelf() -> Vec<Article> {
    vec![
        seed(), // 0
        article(
            "市人大常委会召开第十次会议",
            "人民日报",
            "2017-08-01",
            "选举",
        ), // 1
        article("人们在大街上庆祝国庆", "新华社", "2017-10-01 08:00", ""), // 2
        article("政协委员视察长春人大工作", "新华社", "2018-03-05", ""), // 3
        article("ＶＩＰ会员２０１２年特惠", "搜狐", "2012-07-06", ""), // 4
        article("NBA季后赛：火箭胜勇士", "新浪体育", "", ""), // 5
        article("银行行长谈经济", "经济日报", "2016-05-05", ""), // 6
        article("Apple Watch 发布会", "36氪", "2015-03-10", "Ｗａｔｃｈ"), // 7
        article("时区测试", "路透", "2017-08-31T17:00:00Z", ""), // 8
        article("重庆火锅节开幕", "上游新闻", "上周三", ""), // 9
    ]
}

/// The indices a query finds, in ranked order.
fn ranked(articles: &[Article], text: &str) -> Vec<usize> {
    let query = Query::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    let index = Index::build(articles);
    search(articles, &index, &query, Order::NewestFirst)
        .iter()
        .map(|h| h.index)
        .collect()
}

/// The indices a query finds, ascending.
fn found(articles: &[Article], text: &str) -> Vec<usize> {
    let mut v = ranked(articles, text);
    v.sort_unstable();
    v
}

#[test]
fn the_seed_acceptance_cases() {
    let articles = [seed()];
    for text in [
        "ccsw",
        "src:长春 date:2017-09",
        "人大 !政协",
        "after:2017-09-01 before:2017-09-30",
        "ccrd",
        "长春 人大",
    ] {
        assert_eq!(found(&articles, text), [0], "{text:?} should list the seed");
    }
    for text in ["date:2018", "!长春"] {
        assert_eq!(
            found(&articles, text),
            [] as [usize; 0],
            "{text:?} should not"
        );
    }
}

#[test]
fn every_form_and_combination() {
    let shelf = shelf();
    let cases: &[(&str, &[usize])] = &[
        // bare fuzzy, exact, prefix, suffix, whole
        ("人大", &[0, 1, 2, 3]),
        ("'人大", &[0, 1, 3]),
        ("^中共", &[0]),
        ("召开$", &[0]),
        ("'召开", &[0, 1]),
        ("^市人大常委会召开第十次会议$", &[1]),
        ("^人大$", &[]),
        // negation of each form
        ("人大 !政协", &[0, 1, 2]),
        ("人大 !'人大", &[2]),
        ("人大 !^中共", &[1, 2, 3]),
        ("人大 !工作$", &[0, 1, 2]),
        // OR, alone and with AND
        ("政协 | 季后赛", &[3, 5]),
        ("人大 政协 | 常委会", &[1, 3]),
        ("'人大 | nba !src:新华社", &[0, 1, 5]),
        ("!政协 | !人大", &[0, 1, 2, 4, 5, 6, 7, 8, 9]),
        // fields
        ("src:新华社", &[2, 3]),
        ("source:日报", &[0, 1, 6]),
        ("src:^新华", &[2, 3]),
        ("src:日报$", &[0, 1, 6]),
        ("src:^日报", &[]),
        ("!src:新华社 人", &[0, 1]),
        ("src:36氪", &[7]),
        ("title:长春", &[0, 3]),
        ("title:'长春人大", &[3]),
        ("body:选举", &[1]),
        ("body:常委会", &[0]),
        ("body:watch", &[7]),
        ("body:^9月", &[0]),
        // dates: real instants in UTC+8; undated never match
        ("date:2017", &[0, 1, 2, 8]),
        ("date:2017-09", &[0, 8]),
        ("date:2017-08", &[1]),
        ("date:2017-09-06", &[0]),
        ("date:2017-09-01..2017-09-30", &[0, 8]),
        ("date:2017-08-01..2017-10-01", &[0, 1, 2, 8]),
        ("date:..2015", &[4, 7]),
        ("date:2018..", &[3]),
        ("after:2017-09-01 before:2017-09-30", &[0, 8]),
        ("after:2017-10-01", &[2, 3]),
        ("before:2012-07-06", &[4]),
        ("date:2018", &[3]),
        ("!date:2017", &[3, 4, 5, 6, 7, 9]),
        ("date:2017 人大", &[0, 1, 2]),
        // quotes
        ("\"watch 发布\"", &[7]),
        ("'\"e w\"", &[7]),
        ("apple watch", &[7]),
        // full-width folding, both ways
        ("vip", &[4]),
        ("ＶＩＰ", &[4]),
        ("'2012", &[4]),
        ("'２０１２", &[4]),
        ("ＮＢＡ", &[5]),
        ("'APPLE", &[7]),
        // pinyin: syllables, initials, mixed, polyphones, anchors
        ("changchun", &[0, 3]),
        ("'ccrd", &[3]),
        ("ccrd", &[0, 3]),
        ("changcrd", &[0, 3]),
        ("hangzhang", &[6]),
        ("yinhang", &[6]),
        ("chongqing", &[9]),
        ("^zgcc", &[0]),
        ("zhaokai$", &[0]),
        ("^shirendachangweihuizhaokaidishiciihuiyi$", &[]),
        ("^srdcwhzkdschy$", &[1]),
        ("qxzyzx", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(found(&shelf, text), *want, "query {text:?}");
    }
}

#[test]
fn positions_are_char_indices_in_the_original_title() {
    let shelf = shelf();
    let index = Index::build(&shelf);
    let cases: &[(&str, usize, &[usize])] = &[
        ("vip", 4, &[0, 1, 2]),
        ("'２０１２", 4, &[5, 6, 7, 8]),
        ("ccrd", 0, &[2, 3, 6, 7]),
        ("长春 人大", 0, &[2, 3, 6, 7]),
        ("人大", 1, &[1, 2]),
        ("召开$", 0, &[12, 13]),
        ("hangzhang", 6, &[2, 3]),
        ("src:长春 date:2017", 0, &[]),
        ("!政协 ^中共", 0, &[0, 1]),
        ("watch", 7, &[6, 7, 8, 9, 10]),
    ];
    for (text, article, want) in cases {
        let query = Query::parse(text).unwrap();
        let hits = search(&shelf, &index, &query, Order::NewestFirst);
        let hit = hits
            .iter()
            .find(|h| h.index == *article)
            .unwrap_or_else(|| panic!("{text:?} misses {article}"));
        assert_eq!(hit.positions, *want, "query {text:?}");
        assert_eq!(query.matches(&shelf[*article]).unwrap().1, *want);
    }
}

#[test]
fn contiguous_chinese_outranks_scattered() {
    let shelf = shelf();
    for text in ["人大", "renda"] {
        let order = ranked(&shelf, text);
        let near = order.iter().position(|&i| i == 1).unwrap();
        let far = order.iter().position(|&i| i == 2).unwrap();
        assert!(near < far, "{text:?}: {order:?}");
    }
}

#[test]
fn ties_go_newest_first_or_oldest_first() {
    let articles = [
        article("长春新闻", "", "2010-01-01", ""),
        article("长春新闻", "", "", ""),
        article("长春新闻", "", "2020-01-01", ""),
        article("长春新闻", "", "2015-01-01", ""),
    ];
    assert_eq!(ranked(&articles, "长春"), [2, 3, 0, 1]);
    let index = Index::build(&articles);
    let query = Query::parse("长春").unwrap();
    let oldest: Vec<usize> = search(&articles, &index, &query, Order::OldestFirst)
        .iter()
        .map(|h| h.index)
        .collect();
    assert_eq!(oldest, [0, 3, 2, 1]);
}

#[test]
fn empty_query_lists_everything_by_date() {
    let shelf = shelf();
    let index = Index::build(&shelf);
    let query = Query::parse("  ").unwrap();
    assert!(query.is_empty());
    let newest: Vec<usize> = search(&shelf, &index, &query, Order::NewestFirst)
        .iter()
        .map(|h| h.index)
        .collect();
    // 5 is missing and 9 unparsed: both last, unparsed before missing.
    assert_eq!(newest, [3, 2, 0, 8, 1, 6, 7, 4, 9, 5]);
    let oldest: Vec<usize> = search(&shelf, &index, &query, Order::OldestFirst)
        .iter()
        .map(|h| h.index)
        .collect();
    assert_eq!(oldest, [4, 7, 6, 1, 8, 0, 2, 3, 9, 5]);
    assert!(!Query::parse("x").unwrap().is_empty());
}

#[test]
fn errors_reach_the_caller() {
    for (text, want) in [
        ("date:2017-13", "month 13 is out of range"),
        ("foo:x", "unknown field `foo:`"),
        ("a |", "empty OR"),
    ] {
        let err = Query::parse(text).expect_err(text);
        assert!(err.to_string().starts_with(want), "{text:?}: {err}");
    }
}

/// The 20k real Sina titles of `tests/fixtures/corpus/`, as undated articles.
fn real_titles() -> Vec<Article> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/corpus/thucnews-titles-20k.tsv"
    );
    let text =
        std::fs::read_to_string(path).expect("tests/fixtures/corpus/thucnews-titles-20k.tsv");
    text.lines()
        .filter_map(|l| l.split('\t').next())
        .map(|t| article(t, "", "", ""))
        .collect()
}

#[test]
fn pinyin_on_real_titles() {
    let titles = real_titles();
    assert_eq!(titles.len(), 20_000);
    let index = Index::build(&titles);
    // (pinyin query, the Chinese it spells): every title holding the Chinese matches, with
    // its chars highlighted; polyphones in any reading (重 chong, 行 hang, 长 zhang, 乐 yue).
    let cases = [
        ("'beijing", "北京"),
        ("'bj", "北京"),
        ("'zhongguo", "中国"),
        ("'zhongg", "中国"),
        ("'chongqing", "重庆"),
        ("'yinhang", "银行"),
        ("'dongshizhang", "董事长"),
        ("'dsz", "董事长"),
        ("'yinyue", "音乐"),
        ("'shangh", "上海"),
    ];
    for (text, chinese) in cases {
        let query = Query::parse(text).unwrap();
        let hits = search(&titles, &index, &query, Order::NewestFirst);
        let holding: Vec<usize> = (0..titles.len())
            .filter(|&i| titles[i].title.contains(chinese))
            .collect();
        assert!(
            holding.len() >= 3,
            "{chinese}: only {} titles",
            holding.len()
        );
        for &i in &holding {
            let hit = hits.iter().find(|h| h.index == i);
            let hit = hit.unwrap_or_else(|| panic!("{text} misses {}", titles[i].title));
            let marked: String = titles[i]
                .title
                .chars()
                .enumerate()
                .filter(|(k, _)| hit.positions.contains(k))
                .map(|(_, c)| c)
                .collect();
            assert_eq!(
                marked.chars().count(),
                chinese.chars().count(),
                "{text} on {}",
                titles[i].title
            );
        }
    }
}

#[test]
fn fuzzy_pinyin_on_real_titles_finds_what_substrings_find() {
    let titles = real_titles();
    let index = Index::build(&titles);
    let count = |text: &str| {
        search(
            &titles,
            &index,
            &Query::parse(text).unwrap(),
            Order::NewestFirst,
        )
        .len()
    };
    // Fuzzy finds at least what exact finds, and exact at least the Chinese substring.
    for (pinyin, chinese) in [("bjsf", "北京市"), ("gupiao", "股票"), ("fangjia", "房价")] {
        let exact = count(&format!("'{pinyin}"));
        let fuzzy = count(pinyin);
        let direct = count(&format!("'{chinese}"));
        assert!(direct > 0, "{chinese}");
        assert!(
            exact >= direct && fuzzy >= exact,
            "{pinyin}: {direct} {exact} {fuzzy}"
        );
    }
    assert_eq!(count("qqqqqqqqqq"), 0);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Query text from the characters that matter: operators, quotes, separators, digits,
    /// letters (full-width too), Chinese, and field names.
    fn query_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "!",
            "'",
            "^",
            "$",
            "|",
            " ",
            "\"",
            "“",
            "”",
            ":",
            "..",
            "-",
            "src:",
            "body:",
            "title:",
            "date:",
            "after:",
            "before:",
            "foo:",
            "2017",
            "09",
            "13",
            "32",
            "c",
            "r",
            "chang",
            "ＶＩＰ",
            "２０",
            "长",
            "春",
            "人大",
            "，",
            "\u{3000}",
            "İ",
        ]);
        prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs_and_hits_point_into_titles(text in query_text()) {
            let shelf = shelf();
            let index = Index::build(&shelf);
            match Query::parse(&text) {
                Err(e) => prop_assert!(!e.message.is_empty()),
                Ok(query) => {
                    for order in [Order::NewestFirst, Order::OldestFirst] {
                        let hits = search(&shelf, &index, &query, order);
                        prop_assert!(hits.len() <= shelf.len());
                        for hit in hits {
                            let chars = shelf[hit.index].title.chars().count();
                            prop_assert!(hit.positions.windows(2).all(|w| w[0] < w[1]));
                            prop_assert!(hit.positions.iter().all(|&p| p < chars));
                        }
                    }
                }
            }
        }

        #[test]
        fn folding_keeps_positions_and_is_idempotent(text in "[國国旗會会臺台裡裏里著着]{0,20}|\\PC{0,40}") {
            let folded = fold::fold(&text);
            prop_assert_eq!(folded.chars().count(), text.chars().count());
            prop_assert_eq!(fold::fold(&folded), folded);
        }

        #[test]
        fn folding_runs_is_folding_char_by_char(text in "[a-zA-ZＡ-Ｚａ-ｚ０-９长春人大\u{130}\u{C0}-\u{FF}，!]{0,30}|\\PC{0,40}") {
            let by_char: String = text.chars().map(fold::fold_char).collect();
            prop_assert_eq!(fold::fold(&text), by_char);
        }
    }
}

#[test]
fn query_errors_never_echo_control_characters() {
    let err = crate::query::Query::parse("date:\u{1b}]52;c;QQ==\u{7}").unwrap_err();
    assert!(
        !err.message.chars().any(char::is_control),
        "{:?}",
        err.message
    );
    assert!(err.message.contains("\\u{1b}"), "{:?}", err.message);
}
